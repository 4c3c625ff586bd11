// Package mysql is the MySQL, MariaDB and TiDB engine (TiDB's differences
// are its Flavor's, and tidb.go): it parses schema files with the TiDB
// parser (after a DELIMITER-aware split), inspects live databases with
// go-sql-driver/mysql from information_schema, and plans and applies DDL
// statement by statement (MySQL DDL is not transactional).
//
// Canonical forms shared by parse and inspect (both must produce them, so
// that an unchanged schema diffs empty):
//   - The model holds one schema whose Name is "" whatever the database is
//     called: the database is the URL's, and its name never matters when
//     files are compared with it. Schema.Options, set by inspect only, holds
//     the database's default "charset" and "collation" and the server
//     "flavor"; they are context for resolving what tables inherit and are
//     never compared.
//   - Types are lower case as information_schema prints COLUMN_TYPE, with
//     integer display widths only where they differ from the type's default
//     (MariaDB's int(11) is int; tinyint(1) and zerofill widths stay), "year"
//     for year(4), decimal(p,s) spelled out, synonyms resolved (integer ->
//     int, bool -> tinyint(1), numeric -> decimal). MariaDB's json (a longtext
//     with a json_valid check named after the column) is folded back to json.
//   - Table.Options holds ENGINE only when it is not InnoDB, CHARSET and
//     COLLATE when known (files may omit them: Plan resolves what is missing
//     from the target database's defaults), ROW_FORMAT and KEY_BLOCK_SIZE when given. Columns
//     carry Charset/Collation only when they differ from their table's.
//   - Defaults: "" for no default and for DEFAULT NULL; literals as the server
//     stores them for the column's type ('x' quoted with ” and \\ escapes,
//     numbers bare with the decimal scale, b'101' for bits); expressions and
//     CURRENT_TIMESTAMP synonyms printed by one printer (current_timestamp()).
//   - Expressions (checks, generated columns, index expressions) are printed
//     by the TiDB restorer with brackets around every binary operation and
//     without qualifiers; view queries without schema qualifiers.
//   - The primary key is a Constraint named PRIMARY (its columns are NOT
//     NULL); unique keys are Indexes with Unique set, never Constraints;
//     foreign keys and checks are Constraints. Implicit names are the
//     server's: a key is named after its first column (a, a_2...), a foreign
//     key t_ibfk_N and its implicit index after the constraint or column,
//     a column check after its column and a table check CONSTRAINT_N
//     (MariaDB's rule; Plan matches checks by expression when names differ).
//   - Index.Method is "" for BTREE, "FULLTEXT" or "SPATIAL" otherwise;
//     Options["invisible"]="true" for INVISIBLE (MySQL) or IGNORED (MariaDB).
//   - Views keep ALGORITHM, SQL SECURITY and CHECK OPTION in Options
//     (algorithm, security, check_option) when not the defaults; DEFINER is
//     dropped everywhere. Triggers, routines and events keep their bodies as
//     written, compared with white space collapsed.
package mysql

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// Engine is the engine of the MySQL family. One value serves MySQL and
// MariaDB (name "mysql"), another TiDB (name "tidb"): they differ only in
// their name, URL schemes and the flavor that schema files are read for when
// no live database says which server they are for. An Engine never changes
// after it is made.
type Engine struct {
	name    string
	schemes []string
	files   Flavor
}

// New returns the MySQL/MariaDB engine. Files compared with files are read
// as MariaDB 10.11's, the server the tests run on.
func New() *Engine {
	return &Engine{name: "mysql", schemes: []string{"mysql", "mariadb"}, files: Flavor{MariaDB: true, Major: 10, Minor: 11}}
}

// NewTiDB returns the TiDB engine: tidb:// URLs, and files compared with
// files under TiDB's rules (utf8mb4_bin, clustered primary keys, no
// triggers, routines or events).
func NewTiDB() *Engine {
	return &Engine{name: "tidb", schemes: []string{"tidb"}, files: Flavor{TiDB: true, Major: 8, Minor: 5}}
}

// Name implements engines.Engine.
func (e *Engine) Name() string { return e.name }

// Schemes implements engines.Engine.
func (e *Engine) Schemes() []string { return append([]string(nil), e.schemes...) }

// Parse implements engines.Engine.
func (e *Engine) Parse(ctx context.Context, files []engines.File, opts engines.ParseOptions) (*engines.Database, error) {
	return parseFiles(ctx, files, opts, e)
}

// Inspect implements engines.Engine.
func (e *Engine) Inspect(ctx context.Context, url string) (*engines.Database, error) {
	db, _, err := inspectCounted(ctx, url, e)
	return db, err
}

// Plan implements engines.Engine.
func (e *Engine) Plan(ctx context.Context, target, source *engines.Database, opts engines.PlanOptions) (*engines.Plan, error) {
	return plan(ctx, target, source, opts, e)
}

// Dump implements engines.Engine.
func (e *Engine) Dump(db *engines.Database) ([]engines.File, error) {
	return dump(db, e)
}

// Apply implements engines.Engine.
func (e *Engine) Apply(ctx context.Context, url, script string, opts engines.ApplyOptions) (*engines.ApplyResult, error) {
	return apply(ctx, url, script, opts)
}

// flavorOf is the flavor a model is for: the one inspect recorded, else
// the engine's flavor for files.
func (e *Engine) flavorOf(db *engines.Database) Flavor {
	if f, ok := recordedFlavor(db); ok {
		return f
	}
	return e.files
}

// Flavor is a server family and version. Every difference between MySQL,
// MariaDB and TiDB the engine knows of is a method here. For TiDB the
// version is TiDB's own (8.5.0), not the MySQL version it claims (8.0.11).
type Flavor struct {
	MariaDB bool
	TiDB    bool
	Major   int
	Minor   int
	Patch   int
}

// String names the flavor: "mysql-8.4.2", "mariadb-10.11.6", "tidb-8.5.0".
func (f Flavor) String() string {
	name := "mysql"
	switch {
	case f.MariaDB:
		name = "mariadb"
	case f.TiDB:
		name = "tidb"
	}
	return fmt.Sprintf("%s-%d.%d.%d", name, f.Major, f.Minor, f.Patch)
}

var versionRe = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)`)

// tidbSeparator splits TiDB's VERSION() into the MySQL version it claims
// and its own release: 8.0.11-TiDB-v8.5.0, 8.0.11-TiDB-CLOUD.v26.3.0...
const tidbSeparator = "-TiDB-"

// ParseFlavor reads the flavor from SELECT VERSION() and @@version_comment
// (or from a String() form).
func ParseFlavor(version, comment string) (Flavor, error) {
	v := version
	var f Flavor
	switch {
	case strings.HasPrefix(v, "mariadb-"):
		f.MariaDB, v = true, strings.TrimPrefix(v, "mariadb-")
	case strings.HasPrefix(v, "mysql-"):
		v = strings.TrimPrefix(v, "mysql-")
	case strings.HasPrefix(v, "tidb-"):
		f.TiDB, v = true, strings.TrimPrefix(v, "tidb-")
	case strings.Contains(v, tidbSeparator):
		f.TiDB = true
		_, v, _ = strings.Cut(v, tidbSeparator)
		v = strings.TrimPrefix(strings.TrimPrefix(v, "CLOUD."), "v")
	default:
		f.MariaDB = strings.Contains(strings.ToLower(version+" "+comment), "mariadb")
	}
	// MariaDB 10.x once reported "5.5.5-10.x.y-MariaDB" over the protocol.
	v = strings.TrimPrefix(v, "5.5.5-")
	m := versionRe.FindStringSubmatch(v)
	if m == nil {
		return Flavor{}, fmt.Errorf("unrecognized server version %q", version)
	}
	f.Major, _ = strconv.Atoi(m[1])
	f.Minor, _ = strconv.Atoi(m[2])
	f.Patch, _ = strconv.Atoi(m[3])
	return f, nil
}

// atLeast compares the version.
func (f Flavor) atLeast(major, minor int) bool {
	return f.Major > major || f.Major == major && f.Minor >= minor
}

// Supported reports whether the engine knows this server. TiDB needs 6.6
// for foreign keys.
func (f Flavor) Supported() bool {
	switch {
	case f.MariaDB:
		return f.atLeast(10, 6)
	case f.TiDB:
		return f.atLeast(6, 6)
	}
	return f.atLeast(8, 0)
}

// KeepsDisplayWidth reports whether the server keeps integer display
// widths (int(4)): MariaDB and TiDB do, Oracle MySQL ignores them since
// 8.0.19 but for tinyint(1) and zerofill columns.
func (f Flavor) KeepsDisplayWidth() bool {
	if f.MariaDB || f.TiDB {
		return true
	}
	return !(f.Major > 8 || f.Major == 8 && (f.Minor > 0 || f.Patch >= 19))
}

// Family names the server family for messages: MySQL, MariaDB or TiDB.
func (f Flavor) Family() string {
	switch {
	case f.MariaDB:
		return "MariaDB"
	case f.TiDB:
		return "TiDB"
	}
	return "MySQL"
}

// SupportsCheck reports whether CHECK constraints are enforced and listed
// in information_schema.CHECK_CONSTRAINTS.
func (f Flavor) SupportsCheck() bool {
	if f.MariaDB {
		return f.atLeast(10, 2)
	}
	if f.TiDB {
		return f.atLeast(7, 2)
	}
	return f.atLeast(8, 0) && (f.Major > 8 || f.Minor > 0 || f.Patch >= 16)
}

// DropCheck is the ALTER TABLE clause that drops a check constraint.
func (f Flavor) DropCheck(name string) string {
	if f.MariaDB {
		return "DROP CONSTRAINT " + quoteIdent(name)
	}
	return "DROP CHECK " + quoteIdent(name)
}

// JSONAlias reports whether json is an alias (MariaDB: longtext with a
// json_valid check) rather than a type of its own.
func (f Flavor) JSONAlias() bool { return f.MariaDB }

// InvisibleIndexKeyword is how the flavor spells an index the optimizer ignores.
func (f Flavor) InvisibleIndexKeyword() string {
	if f.MariaDB {
		return "IGNORED"
	}
	return "INVISIBLE"
}

// VisibleIndexKeyword is how the flavor spells an index the optimizer uses.
func (f Flavor) VisibleIndexKeyword() string {
	if f.MariaDB {
		return "NOT IGNORED"
	}
	return "VISIBLE"
}

// DefaultsAreExpressions reports whether information_schema.COLUMNS prints
// COLUMN_DEFAULT as an expression (MariaDB: 'x', current_timestamp()) rather
// than as a bare value with DEFAULT_GENERATED in EXTRA (MySQL).
func (f Flavor) DefaultsAreExpressions() bool { return f.MariaDB }

// EscapesExpressions reports whether information_schema prints expression
// text (CHECK_CLAUSE, GENERATION_EXPRESSION, STATISTICS.EXPRESSION and
// generated defaults) escaped as if inside a string literal: MySQL writes
// _utf8mb4\'a\' where MariaDB writes 'a'.
func (f Flavor) EscapesExpressions() bool { return !f.MariaDB && !f.TiDB }

// ViewAlgorithmInCatalog reports whether information_schema.VIEWS has an
// ALGORITHM column. MySQL's has none, nor does it keep a view's column
// list in VIEW_DEFINITION: there SHOW CREATE VIEW is the only source.
func (f Flavor) ViewAlgorithmInCatalog() bool { return f.MariaDB }

// HasSRID reports whether spatial columns carry a spatial reference system
// (MySQL's SRID attribute, information_schema.COLUMNS.SRS_ID). MariaDB has
// none, and skips MySQL's /*!80003 SRID n */ comments.
func (f Flavor) HasSRID() bool { return !f.MariaDB && !f.TiDB }

// CheckHasTable reports whether CHECK_CONSTRAINTS has a TABLE_NAME column
// (MariaDB: check names are unique per table, not per schema), or TiDB's
// TIDB_CHECK_CONSTRAINTS does instead (CheckTable).
func (f Flavor) CheckHasTable() bool { return f.MariaDB || f.TiDB }

// CheckNamesPerSchema reports whether a check's name must be unique in its
// database (MySQL, TiDB) rather than in its table (MariaDB).
func (f Flavor) CheckNamesPerSchema() bool { return !f.MariaDB }

// CheckTable is the information_schema table that lists check constraints.
func (f Flavor) CheckTable() string {
	if f.TiDB {
		return "TIDB_CHECK_CONSTRAINTS"
	}
	return "CHECK_CONSTRAINTS"
}

// DefaultCollation is the collation a charset gets when none is named.
func (f Flavor) DefaultCollation(charset string) string {
	charset = strings.ToLower(charset)
	if f.TiDB {
		// TiDB's charsets default to their binary collations.
		switch charset {
		case "binary":
			return "binary"
		case "utf8", "utf8mb3":
			return "utf8mb3_bin"
		case "gbk":
			return "gbk_chinese_ci"
		}
		return charset + "_bin"
	}
	switch charset {
	case "utf8mb4":
		if !f.MariaDB {
			return "utf8mb4_0900_ai_ci"
		}
		if f.atLeast(11, 5) {
			return "utf8mb4_uca1400_ai_ci"
		}
		return "utf8mb4_general_ci"
	case "utf8", "utf8mb3":
		return "utf8mb3_general_ci"
	case "latin1":
		return "latin1_swedish_ci"
	case "binary":
		return "binary"
	case "latin2", "ascii", "ucs2", "utf16", "utf32", "cp1250", "cp1251", "greek", "hebrew", "euckr", "gbk", "gb2312", "sjis", "ujis", "big5", "cp866", "koi8r", "koi8u", "tis620", "armscii8", "geostd8", "keybcs2", "macce", "macroman", "dec8", "swe7", "cp850", "cp852", "hp8", "latin5", "latin7", "cp932", "eucjpms", "utf16le", "cp1256", "cp1257", "gb18030":
		if charset == "latin7" {
			return "latin7_general_ci"
		}
		if charset == "latin2" || charset == "cp1250" {
			return charset + "_general_ci"
		}
		if charset == "utf16le" || charset == "ucs2" || charset == "utf16" || charset == "utf32" || charset == "ascii" {
			return charset + "_general_ci"
		}
		if charset == "gb18030" {
			return "gb18030_chinese_ci"
		}
		if charset == "big5" || charset == "gbk" || charset == "gb2312" {
			return charset + "_chinese_ci"
		}
		if charset == "sjis" || charset == "ujis" || charset == "cp932" || charset == "eucjpms" {
			return charset + "_japanese_ci"
		}
		if charset == "euckr" {
			return "euckr_korean_ci"
		}
		return charset + "_general_ci"
	}
	return charset + "_general_ci"
}

// CharsetOf is the character set a collation belongs to.
func CharsetOf(collation string) string {
	collation = strings.ToLower(collation)
	if collation == "binary" {
		return "binary"
	}
	if strings.HasPrefix(collation, "utf8_") {
		return "utf8mb3"
	}
	if i := strings.IndexByte(collation, '_'); i > 0 {
		return collation[:i]
	}
	return collation
}

// canonCharset spells utf8 as the server does today.
func canonCharset(cs string) string {
	cs = strings.ToLower(cs)
	if cs == "utf8" {
		return "utf8mb3"
	}
	return cs
}

// canonCollation spells utf8_* collations as the server does today.
func canonCollation(co string) string {
	co = strings.ToLower(co)
	if strings.HasPrefix(co, "utf8_") {
		return "utf8mb3_" + strings.TrimPrefix(co, "utf8_")
	}
	return co
}

// recordedFlavor reads the flavor that inspect recorded in a model; files
// carry none.
func recordedFlavor(db *engines.Database) (Flavor, bool) {
	if db != nil {
		for _, s := range db.Schemas {
			if v := s.Options["flavor"]; v != "" {
				if f, err := ParseFlavor(v, ""); err == nil {
					return f, true
				}
			}
		}
	}
	return Flavor{}, false
}

// OneChangePerAlter reports whether each change of a table needs an ALTER
// TABLE of its own. TiDB runs several changes in one statement as a
// "multi-schema change", which refuses to touch one column or index twice
// (DROP INDEX a, ADD INDEX a), to index a column the same statement adds,
// and to mix in check constraints or TiDB's table options; one clause per
// statement is always accepted.
func (f Flavor) OneChangePerAlter() bool { return f.TiDB }

// Lacks says why the flavor has no objects of a kind (as kindOf names
// them), or "" when it has them: TiDB has no triggers, stored routines or
// events.
func (f Flavor) Lacks(kind string) string {
	if !f.TiDB {
		return ""
	}
	switch kind {
	case "TRIGGER", "FUNCTION", "PROCEDURE", "EVENT":
		return "TiDB has no " + strings.ToLower(kind) + "s: CREATE " + kind + " is not supported by the tidb engine"
	}
	return ""
}

// UnnamedFK is the name the server gives the n-th unnamed foreign key of a
// table: t_ibfk_1 on MySQL and MariaDB, fk_1 on TiDB.
func (f Flavor) UnnamedFK(table string, n int) string {
	if f.TiDB {
		return fmt.Sprintf("fk_%d", n)
	}
	return fmt.Sprintf("%s_ibfk_%d", table, n)
}

// FKIndexName is the name of the index the server makes for a foreign key
// that no index serves: the constraint's name when it was written, else
// its first column; TiDB always uses the constraint's name.
func (f Flavor) FKIndexName(fk string, named bool, firstColumn string) string {
	if named || f.TiDB {
		return fk
	}
	return firstColumn
}

// ViewCheckOptions reports whether views keep WITH CHECK OPTION. TiDB's
// views are not updatable: it accepts the clause, prints CASCADED for
// every view in information_schema.VIEWS, and checks nothing.
func (f Flavor) ViewCheckOptions() bool { return !f.TiDB }
