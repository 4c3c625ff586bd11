package mysql

// Online DDL. An ALTER TABLE on InnoDB runs with one of three algorithms:
// INSTANT (the data dictionary only), INPLACE (the table is changed or
// rebuilt where it is, and with LOCK=NONE reads and writes go on), or COPY
// (a new table is filled row by row while writes wait). The server picks
// the cheapest it can when the statement names none — and silently falls
// back to a copy when the change allows nothing better. Naming the
// algorithm makes the server refuse instead of copying; but a refusal fails
// the apply, so a plan names one only where the flavor is known to accept
// it for that change (the tables below, from the "Online DDL Operations"
// chapters of the MySQL 8.0/8.4/9.x manuals and MariaDB's "InnoDB Online
// DDL Operations with ALGORITHM=INSTANT/NOCOPY/INPLACE" pages, each class
// of change checked on MariaDB 10.11 and MySQL 9.7). Where it is not known,
// the statement names no algorithm and carries the hazards of a copy.
//
// One ALTER takes the weakest algorithm of its clauses: in MySQL an instant
// ADD COLUMN in the same statement as an ADD INDEX is done INPLACE, which
// rebuilds the table. So a table's clauses are grouped: when one of them
// needs a copy or a rebuild anyway, everything else rides along in that
// one statement (a second pass over the table would cost more than the
// instant changes save); otherwise consecutive clauses of the same
// algorithm make one statement each, in the planned order, so the columns'
// FIRST/AFTER positions, computed for that order, stay right.

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// Algorithm is how the server carries out a change of a table, from the
// cheapest to the most disruptive.
type Algorithm int

// Algorithms.
const (
	// AlgorithmInstant changes metadata only (ALGORITHM=INSTANT).
	AlgorithmInstant Algorithm = iota
	// AlgorithmInplace changes the table where it is, without rebuilding
	// it; writes go on (ALGORITHM=INPLACE, LOCK=NONE).
	AlgorithmInplace
	// AlgorithmRebuild rebuilds the table in place; writes go on
	// (ALGORITHM=INPLACE, LOCK=NONE), but it reads and writes the whole table.
	AlgorithmRebuild
	// AlgorithmCopy copies the table while writes wait, or no online
	// algorithm is known to be accepted: no clause is named.
	AlgorithmCopy
)

func (a Algorithm) String() string {
	switch a {
	case AlgorithmInstant:
		return "INSTANT"
	case AlgorithmInplace:
		return "INPLACE"
	case AlgorithmRebuild:
		return "INPLACE (rebuild)"
	}
	return "COPY"
}

// AlterOpKind names a kind of ALTER TABLE clause.
type AlterOpKind int

// ALTER TABLE clause kinds.
const (
	OpAddColumn AlterOpKind = iota + 1
	OpDropColumn
	OpModifyColumn
	OpRenameColumn
	OpAddIndex
	OpDropIndex
	OpRenameIndex
	OpIndexVisibility
	OpAddPrimaryKey
	OpDropPrimaryKey
	OpAddForeignKey
	OpDropForeignKey
	OpAddCheck
	OpDropCheck
	OpTableOption
)

// AlterOp is one clause of an ALTER TABLE, described for choosing its
// algorithm.
type AlterOp struct {
	Kind AlterOpKind
	// Table is the table before the change.
	Table *engines.Table
	// Column is the column added, changed or renamed (as it will be), or
	// dropped; From the column before a change.
	Column, From *engines.Column
	// Fields names what a MODIFY changes (columnDiff's names and
	// "position"), or which table options change ("engine", "charset",
	// "row_format", "comment").
	Fields []string
	Index  *engines.Index
	// Name is the constraint's name for constraint clauses.
	Name string
	// Last says an added column goes after every other one.
	Last bool
	// AtEnd says an added column goes after every column the table has
	// when its clause runs (Last, or followed only by columns added later).
	AtEnd bool
	// Referenced says a foreign key of another table references the
	// renamed column.
	Referenced bool
}

// what names the change for hazard messages.
func (op AlterOp) what() string {
	switch op.Kind {
	case OpAddColumn:
		return "adding column " + op.Column.Name
	case OpDropColumn:
		return "dropping column " + op.Column.Name
	case OpModifyColumn:
		return "changing column " + op.Column.Name + " (" + strings.Join(op.Fields, ", ") + ")"
	case OpRenameColumn:
		return "renaming column " + op.From.Name + " to " + op.Column.Name
	case OpAddIndex:
		return "adding index " + op.Index.Name
	case OpDropIndex:
		return "dropping index " + op.Index.Name
	case OpRenameIndex:
		return "renaming index " + op.Index.Name
	case OpIndexVisibility:
		return "changing the visibility of index " + op.Index.Name
	case OpAddPrimaryKey:
		return "adding the primary key"
	case OpDropPrimaryKey:
		return "dropping the primary key"
	case OpAddForeignKey:
		return "adding foreign key " + op.Name
	case OpDropForeignKey:
		return "dropping foreign key " + op.Name
	case OpAddCheck:
		return "adding check " + op.Name
	case OpDropCheck:
		return "dropping check " + op.Name
	case OpTableOption:
		return "changing the table's " + strings.Join(op.Fields, ", ")
	}
	return "this change"
}

// versionAtLeast compares the version to major.minor.patch.
func (f Flavor) versionAtLeast(major, minor, patch int) bool {
	if f.Major != major {
		return f.Major > major
	}
	if f.Minor != minor {
		return f.Minor > minor
	}
	return f.Patch >= patch
}

// AlgorithmClauses reports whether the flavor's ALTER TABLE takes
// ALGORITHM= and LOCK= clauses with the meaning this file gives them. TiDB
// runs every DDL online on its own and treats the clauses differently: no
// clause is named there.
func (f Flavor) AlgorithmClauses() bool { return !f.TiDB && f.Supported() }

// InstantRowVersions is how many instant ADD/DROP COLUMN changes a table
// takes before the server refuses ALGORITHM=INSTANT for them (MySQL counts
// them in information_schema.INNODB_TABLES.TOTAL_ROW_VERSIONS until the
// table is rebuilt); 0 means no such limit.
func (f Flavor) InstantRowVersions() int {
	switch {
	case f.MariaDB || f.TiDB || !f.versionAtLeast(8, 0, 29):
		return 0
	case f.versionAtLeast(9, 1, 0):
		return 255
	}
	return 64
}

// AlterAlgorithm is the cheapest algorithm the flavor is known to accept for
// a change, AlgorithmCopy when none is known. It does not count MySQL's
// instant row versions (InstantRowVersions), which depend on the table's
// history.
func (f Flavor) AlterAlgorithm(op AlterOp) Algorithm {
	t := op.Table
	if f.TiDB {
		return f.tidbAlgorithm(op)
	}
	if t == nil || !f.Supported() || !strings.EqualFold(tableEngine(t), "InnoDB") {
		return AlgorithmCopy
	}
	maria := f.MariaDB
	switch op.Kind {
	case OpAddColumn:
		c := op.Column
		switch {
		case c.AutoIncrement, c.Generated != "" && (c.GeneratedStored || t.PartitionBy != ""),
			hasFulltext(t), t.Options["ROW_FORMAT"] == "COMPRESSED":
			// Checked: refused INSTANT on both; stored columns and
			// auto-increment columns need a copy.
			return AlgorithmCopy
		case !maria && c.Default != "" && !constantDefault(c.Default):
			// MySQL 9.7 refuses INSTANT and INPLACE for DEFAULT (expr).
			return AlgorithmCopy
		case c.Generated != "" && !op.AtEnd:
			// Checked on both: a virtual column goes anywhere but the end
			// only by a copy.
			return AlgorithmCopy
		case !maria && c.NotNull && c.Default == "" && c.Generated == "" && noInstantImplicitDefault(c.Type):
			// MySQL 9.7 refuses INSTANT for a NOT NULL date, datetime or
			// spatial column without a default (its implicit default is
			// a zero date or no value); in place, it rebuilds.
			return AlgorithmRebuild
		case maria || f.versionAtLeast(8, 0, 29) || op.Last && f.versionAtLeast(8, 0, 12):
			return AlgorithmInstant
		}
		return AlgorithmRebuild
	case OpDropColumn:
		c := op.Column
		switch {
		case columnInPK(t, c.Name), hasFulltext(t), t.Options["ROW_FORMAT"] == "COMPRESSED":
			return AlgorithmCopy
		case indexed(t, c.Name):
			// Its indexes change with it: in place, not instant.
			return AlgorithmRebuild
		case !maria && c.Generated != "" && !c.GeneratedStored && virtualAfter(t, c.Name):
			// MySQL 9.7 drops a virtual column that other virtual columns
			// follow in place only (nothing is rewritten).
			return AlgorithmInplace
		case maria || f.versionAtLeast(8, 0, 29):
			return AlgorithmInstant
		}
		return AlgorithmRebuild
	case OpRenameColumn:
		if maria || !op.Referenced && f.versionAtLeast(8, 0, 28) {
			return AlgorithmInstant
		}
		// MySQL renames a column another table's foreign key references in
		// place only.
		return AlgorithmInplace
	case OpModifyColumn:
		a := AlgorithmInstant
		for _, field := range op.Fields {
			a = max(a, f.modifyAlgorithm(field, op))
		}
		return a
	case OpAddIndex:
		ix := op.Index
		if ix.Method != "" {
			// FULLTEXT and SPATIAL indexes need LOCK=SHARED.
			return AlgorithmCopy
		}
		if maria && ix.Unique && longUnique(t, ix) {
			// MariaDB enforces a unique key over a whole BLOB/TEXT column
			// through a hidden virtual hash column, which only a copy adds.
			return AlgorithmCopy
		}
		for _, p := range ix.Parts {
			if p.Expr != "" {
				// A functional key part adds a hidden virtual column,
				// which needs LOCK=SHARED.
				return AlgorithmCopy
			}
		}
		return AlgorithmInplace
	case OpDropIndex:
		if op.Index != nil && implicitPrimaryKey(t, op.Index) {
			// InnoDB clusters a table without a primary key on its first
			// unique index over NOT NULL columns: dropping that index
			// drops the primary key, which only a copy does (checked on
			// both servers).
			return AlgorithmCopy
		}
		return AlgorithmInplace
	case OpRenameIndex:
		return AlgorithmInplace
	case OpIndexVisibility, OpDropForeignKey:
		if maria {
			return AlgorithmInstant
		}
		return AlgorithmInplace
	case OpDropCheck:
		return AlgorithmInstant
	case OpTableOption:
		a := AlgorithmInstant
		for _, field := range op.Fields {
			switch field {
			case "comment", "charset":
				// The table's default character set, not its columns'.
				if !maria {
					a = max(a, AlgorithmInplace)
				}
			case "row_format":
				a = max(a, AlgorithmRebuild)
			case "avg_row_length", "checksum", "delay_key_write", "max_rows", "min_rows",
				"pack_keys", "stats_auto_recalc", "stats_persistent", "stats_sample_pages":
				// Recorded for InnoDB, which does not act on most of them:
				// in place without locks on both servers (checked).
				a = max(a, AlgorithmInplace)
			default:
				a = AlgorithmCopy
			}
		}
		return a
	}
	// Primary keys (their columns may become NOT NULL, which forbids
	// INPLACE), foreign keys (INPLACE only with foreign_key_checks off,
	// which would skip checking the rows) and checks (checked row by row
	// in a copy).
	return AlgorithmCopy
}

// modifyAlgorithm is the algorithm of one changed field of a MODIFY COLUMN.
func (f Flavor) modifyAlgorithm(field string, op AlterOp) Algorithm {
	switch field {
	case "default", "comment", "on_update", "visibility":
		return AlgorithmInstant
	case "not_null":
		// In place with a rebuild, both ways; making a column NOT NULL
		// relies on the strict sql_mode both servers default to (without
		// it the server refuses INPLACE rather than turning NULLs into
		// zeros). MariaDB copies when NULLs would become a default that
		// is not a constant (CURRENT_TIMESTAMP).
		if c := op.Column; f.MariaDB && c.NotNull && c.Default != "" && (!constantDefault(c.Default) || strings.HasPrefix(c.Default, "current_timestamp(")) {
			return AlgorithmCopy
		}
		return AlgorithmRebuild
	case "position":
		if f.MariaDB {
			return AlgorithmInstant
		}
		return AlgorithmRebuild
	case "type":
		switch {
		case varcharWidened(op.From, op.Table, op.Column, op.Table):
			if f.MariaDB {
				return AlgorithmInstant
			}
			return AlgorithmInplace
		case membersAppended(op.From.Type, op.Column.Type):
			return AlgorithmInstant
		}
	}
	// Other type changes, collations, AUTO_INCREMENT and generation
	// expressions copy the table.
	return AlgorithmCopy
}

// tidbAlgorithm classifies changes by TiDB's own online DDL: nothing blocks
// writes; adding an index backfills it, and a type change that must
// convert stored values reorganizes the column's data (a "modify column"
// job that rewrites every row). NOT NULL (TiDB checks for NULLs, writes
// nothing) and the collations TiDB changes in place touch no row: checked
// against the ROW_COUNT of the server's DDL jobs (TestTiDBHazards).
func (f Flavor) tidbAlgorithm(op AlterOp) Algorithm {
	switch op.Kind {
	case OpAddIndex, OpAddPrimaryKey, OpAddForeignKey, OpAddCheck:
		return AlgorithmInplace
	case OpModifyColumn:
		for _, field := range op.Fields {
			if reorg, _ := tidbTypeChange(op.From.Type, op.Column.Type); field == "type" && reorg {
				return AlgorithmRebuild
			}
		}
	}
	return AlgorithmInstant
}

// noInstantImplicitDefault reports whether MySQL refuses ALGORITHM=INSTANT
// for adding a NOT NULL column of the type without a default (checked on
// 9.7: date and datetime, whose implicit zero date strict modes reject, and
// spatial types, which have no implicit default).
func noInstantImplicitDefault(typ string) bool {
	switch splitType(typ).base {
	case "date", "datetime", "geometry", "point", "linestring", "polygon",
		"multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection":
		return true
	}
	return false
}

// implicitPrimaryKey reports whether InnoDB may take the index for the
// primary key of a table that declares none: a unique index whose parts
// are all whole NOT NULL columns (the first such index is; any may be,
// after earlier ones were dropped).
func implicitPrimaryKey(t *engines.Table, ix *engines.Index) bool {
	if primaryKey(t) != nil || !ix.Unique || ix.Method != "" || len(ix.Parts) == 0 {
		return false
	}
	for _, p := range ix.Parts {
		if p.Column == "" || p.Length > 0 {
			return false
		}
		if c := columnCI(t, p.Column); c == nil || !c.NotNull {
			return false
		}
	}
	return true
}

// longUnique reports whether a unique index has a key part over a whole
// BLOB or TEXT column (no prefix length), which MariaDB keeps as a hash.
func longUnique(t *engines.Table, ix *engines.Index) bool {
	if ix.Using == "HASH" && !strings.EqualFold(tableEngine(t), "MEMORY") {
		return true // UNIQUE … USING HASH asks for the same hash key
	}
	for _, p := range ix.Parts {
		if p.Column == "" || p.Length > 0 {
			continue
		}
		for _, c := range t.Columns {
			if strings.EqualFold(c.Name, p.Column) && blobOrText(c.Type) {
				return true
			}
		}
	}
	return false
}

func blobOrText(typ string) bool {
	base := splitType(typ).base
	return strings.HasSuffix(base, "blob") || strings.HasSuffix(base, "text") || base == "json"
}

// virtualAfter reports whether a virtual generated column follows the
// named column in the table.
func virtualAfter(t *engines.Table, name string) bool {
	seen := false
	for _, c := range t.Columns {
		if seen && c.Generated != "" && !c.GeneratedStored {
			return true
		}
		if strings.EqualFold(c.Name, name) {
			seen = true
		}
	}
	return false
}

// virtualColumnChange reports whether a clause adds or drops a virtual
// column or, on MariaDB, an index over one: the servers do those online
// only in an ALTER that does nothing else (MariaDB 10.11 refuses an index
// over a virtual column in the same INPLACE ALTER as a rebuild).
func virtualColumnChange(c clause, maria bool) bool {
	if c.op == nil {
		return false
	}
	switch c.op.Kind {
	case OpAddColumn, OpDropColumn:
		return c.op.Column != nil && c.op.Column.Generated != "" && !c.op.Column.GeneratedStored
	case OpAddIndex, OpDropIndex:
		return maria && c.op.Index != nil && c.op.Table != nil && indexesVirtualColumn(c.op.Table, c.op.Index)
	}
	return false
}

// indexesVirtualColumn reports whether an index has a virtual generated
// column of t among its parts.
func indexesVirtualColumn(t *engines.Table, ix *engines.Index) bool {
	for _, p := range ix.Parts {
		if c := columnCI(t, p.Column); p.Column != "" && c != nil && c.Generated != "" && !c.GeneratedStored {
			return true
		}
	}
	return false
}

func tableEngine(t *engines.Table) string {
	if e := t.Options["ENGINE"]; e != "" {
		return e
	}
	return "InnoDB"
}

func hasFulltext(t *engines.Table) bool {
	for _, ix := range t.Indexes {
		if ix.Method == "FULLTEXT" {
			return true
		}
	}
	return false
}

// indexed reports whether a column is part of an index, a key or a
// foreign key of the table, or used by a functional key part.
func indexed(t *engines.Table, col string) bool {
	if columnIndexed(t, col) {
		return true
	}
	quoted := "`" + strings.ToLower(col) + "`"
	for _, ix := range t.Indexes {
		for _, p := range ix.Parts {
			if p.Expr != "" && strings.Contains(strings.ToLower(p.Expr), quoted) {
				return true
			}
		}
	}
	for _, c := range t.Constraints {
		if c.Kind == engines.ForeignKey {
			for _, n := range c.Columns {
				if strings.EqualFold(n, col) {
					return true
				}
			}
		}
	}
	return false
}

// constantDefault reports whether a canonical default is a literal or
// CURRENT_TIMESTAMP rather than an expression.
func constantDefault(d string) bool {
	if d == "" || strings.HasPrefix(d, "'") || strings.HasPrefix(d, "b'") || strings.HasPrefix(d, "current_timestamp(") {
		return true
	}
	for i, c := range d {
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0 || c == 'e' || c == 'E' || c == '+') {
			return false
		}
	}
	return true
}

// charsetBytes is the most bytes one character of a charset takes.
var charsetBytes = map[string]int{
	"utf8mb4": 4, "utf8mb3": 3, "utf8": 3, "utf16": 4, "utf16le": 4, "utf32": 4, "ucs2": 2, "gb18030": 4,
	"ujis": 3, "eucjpms": 3, "sjis": 2, "cp932": 2, "big5": 2, "gbk": 2, "gb2312": 2, "euckr": 2,
	"latin1": 1, "latin2": 1, "latin5": 1, "latin7": 1, "ascii": 1, "binary": 1, "cp1250": 1, "cp1251": 1,
	"cp1256": 1, "cp1257": 1, "cp850": 1, "cp852": 1, "cp866": 1, "dec8": 1, "greek": 1, "hebrew": 1,
	"hp8": 1, "keybcs2": 1, "koi8r": 1, "koi8u": 1, "macce": 1, "macroman": 1, "swe7": 1, "tis620": 1,
	"armscii8": 1, "geostd8": 1,
}

// varcharWidened reports whether a VARCHAR (or VARBINARY) only grows, in
// the same character set, without changing how many bytes store its length
// (one up to 255 bytes, two above): the change InnoDB makes without
// touching the rows.
func varcharWidened(from *engines.Column, ft *engines.Table, to *engines.Column, tt *engines.Table) bool {
	if from == nil || to == nil {
		return false
	}
	a, b := splitType(from.Type), splitType(to.Type)
	if a.base != b.base || a.base != "varchar" && a.base != "varbinary" || len(a.args) != 1 || len(b.args) != 1 || b.args[0] < a.args[0] {
		return false
	}
	fk, fn, tn := a.base, a.args[0], b.args[0]
	per := 1
	if fk == "varchar" {
		fcs, _ := effective(from, ft)
		tcs, _ := effective(to, tt)
		if fcs != tcs || charsetBytes[fcs] == 0 {
			return false
		}
		per = charsetBytes[fcs]
	}
	return (fn*per <= 255) == (tn*per <= 255)
}

// membersAppended reports whether an ENUM or SET gains members at its end
// only, keeping its storage size: a metadata change.
func membersAppended(from, to string) bool {
	ft, tt := splitType(from), splitType(to)
	kind := ft.base
	if kind != tt.base || kind != "enum" && kind != "set" {
		return false
	}
	a, ok1 := members(ft.members)
	b, ok2 := members(tt.members)
	if !ok1 || !ok2 || len(b) <= len(a) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	size := func(n int) int {
		if kind == "enum" {
			if n <= 255 {
				return 1
			}
			return 2
		}
		return (n + 7) / 8
	}
	return size(len(a)) == size(len(b))
}

// members splits "'a','b'" into its quoted members.
func members(list string) ([]string, bool) {
	var out []string
	for _, t := range lex(list) {
		switch {
		case t.kind == tokString:
			out = append(out, t.text)
		case t.kind == tokPunct && t.text == ",":
		default:
			return nil, false
		}
	}
	return out, true
}

// clauseText is how a statement names its algorithm, "" for none.
func clauseText(a Algorithm) string {
	switch a {
	case AlgorithmInstant:
		return "ALGORITHM=INSTANT"
	case AlgorithmInplace, AlgorithmRebuild:
		return "ALGORITHM=INPLACE, LOCK=NONE"
	}
	return ""
}

// onlineStatements groups the clauses of one table's ALTER into statements
// by algorithm (see the top of this file) and names each statement's
// algorithm when the plan may.
func (d *differ) onlineStatements(table string, clauses []clause) []*engines.Statement {
	obj := "table " + table
	algs := make([]Algorithm, len(clauses))
	worst := AlgorithmInstant
	for i, c := range clauses {
		if c.op == nil {
			// Not classified (foreign keys of a table this plan creates,
			// which is empty): one plain statement.
			return []*engines.Statement{d.algorithmStatement(table, obj, clauses, AlgorithmCopy, false)}
		}
		algs[i] = d.flavor.AlterAlgorithm(*c.op)
		worst = max(worst, algs[i])
	}
	if !d.flavor.MariaDB {
		// MySQL adds one FULLTEXT index per ALTER ("InnoDB presently
		// supports one FULLTEXT index creation at a time"): a second one
		// starts a statement of its own.
		fulltext := 0
		for i, c := range clauses {
			if c.op.Kind == OpAddIndex && c.op.Index != nil && c.op.Index.Method == "FULLTEXT" {
				if fulltext++; fulltext == 2 {
					return append(d.onlineStatements(table, clauses[:i]), d.onlineStatements(table, clauses[i:])...)
				}
			}
		}
	}
	if len(clauses) > 1 {
		for i, c := range clauses {
			if virtualColumnChange(c, d.flavor.MariaDB) && algs[i] < AlgorithmCopy {
				// The servers add or drop a virtual column online only in
				// an ALTER that does nothing else: one statement for it,
				// the clauses before and after it planned on their own.
				out := d.onlineStatements(table, clauses[:i])
				out = append(out, d.algorithmStatement(table, obj, clauses[i:i+1], algs[i], true))
				return append(out, d.onlineStatements(table, clauses[i+1:])...)
			}
		}
	}
	if worst >= AlgorithmRebuild {
		return []*engines.Statement{d.algorithmStatement(table, obj, clauses, worst, true)}
	}
	var out []*engines.Statement
	for start := 0; start < len(clauses); {
		end := start + 1
		widens, options := d.mariaInstantPair(clauses[start])
		for end < len(clauses) && algs[end] == algs[start] {
			w, o := d.mariaInstantPair(clauses[end])
			if (widens || w) && (options || o) {
				break
			}
			widens, options = widens || w, options || o
			end++
		}
		out = append(out, d.algorithmStatement(table, obj, clauses[start:end], algs[start], true))
		start = end
	}
	return out
}

// mariaInstantPair says whether a clause widens a VARCHAR or changes a
// table option on MariaDB: each is instant alone, but MariaDB 10.11
// refuses INSTANT for the two in one ALTER ("Reason: DROP INDEX"), so
// they go in statements of their own.
func (d *differ) mariaInstantPair(c clause) (widens, option bool) {
	if !d.flavor.MariaDB || c.op == nil {
		return false, false
	}
	switch c.op.Kind {
	case OpTableOption:
		return false, true
	case OpModifyColumn:
		return slices.Contains(c.op.Fields, "type") && varcharWidened(c.op.From, c.op.Table, c.op.Column, c.op.Table), false
	}
	return false, false
}

// algorithmStatement makes one ALTER of clauses run with algorithm a, with
// the clause naming it (when the plan names algorithms) and the hazards
// that explain it.
func (d *differ) algorithmStatement(table, obj string, clauses []clause, a Algorithm, classified bool) *engines.Statement {
	sqls := make([]string, 0, len(clauses)+1)
	var hz []engines.Hazard
	var why []string
	for _, c := range clauses {
		sqls = append(sqls, c.sql)
		hz = append(hz, c.hazards...)
		if classified && d.flavor.AlterAlgorithm(*c.op) == a {
			why = append(why, c.op.what())
		}
	}
	reason := strings.Join(why, ", ")
	name := true // name the algorithm in the statement
	if a == AlgorithmInstant && d.flavor.InstantRowVersions() > 0 && addsOrDropsColumns(clauses) {
		// MySQL counts instant column changes per table; past its limit it
		// refuses INSTANT, and only a rebuild resets the count.
		switch used, known := d.instantUsed(table); {
		case !known:
			name = false
			hz = append(hz, hazard(engines.HazardRewritesTable, fmt.Sprintf(
				"%s: instant while table %s has instant row versions left (%d per table), else the server rebuilds it in place; the count is not known, so no ALGORITHM is named",
				reason, table, d.flavor.InstantRowVersions())))
		case used+1 > d.flavor.InstantRowVersions():
			a = AlgorithmRebuild
			reason += fmt.Sprintf(" (table %s has used its %d instant row versions)", table, d.flavor.InstantRowVersions())
		default:
			d.rowVersions[d.storedName(table)] = used + 1
		}
	}
	tidb := d.flavor.TiDB
	switch a {
	case AlgorithmRebuild:
		msg := fmt.Sprintf("rebuilds table %s in place for %s; reads and writes go on, but it rewrites every row", table, reason)
		if tidb {
			msg = fmt.Sprintf("%s reorganizes the data of table %s online; reads and writes go on", reason, table)
		}
		hz = append(hz, hazard(engines.HazardRewritesTable, msg))
	case AlgorithmCopy:
		if classified {
			hz = append(hz, hazard(engines.HazardRewritesTable, fmt.Sprintf("copies table %s for %s (no online algorithm)", table, reason)),
				hazard(engines.HazardBlockingLock, "writes to "+table+" wait until the copy ends"))
		}
	}
	if name && d.algorithms {
		if c := clauseText(a); c != "" {
			sqls = append(sqls, c)
		}
		if a == AlgorithmInplace || a == AlgorithmRebuild {
			for i, h := range hz {
				if h.Kind == engines.HazardIndexBuild {
					hz[i].Message += " online (LOCK=NONE: reads and writes go on)"
				}
			}
		}
	}
	if tidb && classified {
		// TiDB builds indexes as DDL jobs that backfill while the table is
		// in use.
		for i, h := range hz {
			if h.Kind == engines.HazardIndexBuild {
				hz[i].Message += " online (TiDB backfills it while reads and writes go on)"
			}
		}
	}
	return stmt(alterSQL(table, sqls), obj, dedupHazards(hz)...)
}

// addsOrDropsColumns reports whether clauses add or drop columns, the
// changes MySQL counts as instant row versions.
func addsOrDropsColumns(clauses []clause) bool {
	for _, c := range clauses {
		if c.op != nil && (c.op.Kind == OpAddColumn || c.op.Kind == OpDropColumn) {
			return true
		}
	}
	return false
}

// instantUsed is how many instant row versions a table of the target has
// used, read from the target on first use; false when not known (no live
// target, a name InnoDB encodes, or the query failed: the statement then
// names no algorithm).
func (d *differ) instantUsed(table string) (int, bool) {
	if !d.rowVersionsRead {
		d.rowVersionsRead = true
		if d.algorithms && d.opts.TargetURL != "" {
			if m, err := readRowVersions(d.ctx, d.opts.TargetURL); err == nil {
				d.rowVersions = m
			}
		}
	}
	n, ok := d.rowVersions[d.storedName(table)]
	return n, ok
}

// storedName is the name a table has in the target before the plan's
// renames.
func (d *differ) storedName(table string) string {
	if old, ok := d.tableWas[table]; ok {
		return old
	}
	return table
}

// readRowVersions reads how many instant row versions each table of the
// target has used (MySQL 8.0.29 on), by table name; tables of a partitioned
// table count their busiest partition. Names InnoDB had to encode for its
// file names (anything but letters, digits and _) are left out: their
// count stays unknown.
func readRowVersions(ctx context.Context, url string) (map[string]int, error) {
	db, t, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if !plainName(t.database) {
		return map[string]int{}, nil
	}
	rows, err := db.QueryContext(ctx, "SELECT NAME, TOTAL_ROW_VERSIONS FROM information_schema.INNODB_TABLES WHERE NAME LIKE ?",
		t.database+"/%")
	if err != nil {
		return nil, fmt.Errorf("mysql: read instant row versions: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return nil, fmt.Errorf("mysql: read instant row versions: %w", err)
		}
		name = strings.TrimPrefix(name, t.database+"/")
		if i := strings.Index(strings.ToLower(name), "#p#"); i >= 0 {
			name = name[:i]
		}
		if plainName(name) && n >= out[name] {
			out[name] = n
		}
	}
	return out, rows.Err()
}

// plainName reports whether InnoDB stores a name as it is.
func plainName(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return s != ""
}

// intRank orders the integer types by width.
var intRank = map[string]int{"tinyint": 1, "smallint": 2, "mediumint": 3, "int": 4, "integer": 4, "bigint": 5}

// textRank orders the TEXT and BLOB families by capacity.
var textRank = map[string]int{"tinytext": 1, "text": 2, "mediumtext": 3, "longtext": 4,
	"tinyblob": 1, "blob": 2, "mediumblob": 3, "longblob": 4}

// typeWidened reports whether every value of the from column's type fits
// the to column's type unchanged, so that the change cannot fail on (or
// truncate) existing data: wider integers of the same signedness (or
// unsigned into a strictly wider signed one), decimals keeping their
// integer digits and scale, larger strings of the same character set,
// larger TEXT/BLOB, FLOAT to DOUBLE, appended ENUM/SET members.
func typeWidened(from *engines.Column, ft *engines.Table, to *engines.Column, tt *engines.Table) bool {
	if from == nil || to == nil {
		return false
	}
	if membersAppended(from.Type, to.Type) {
		return true
	}
	a, b := splitType(from.Type), splitType(to.Type)
	sameCharset := func() bool {
		fcs, _ := effective(from, ft)
		tcs, _ := effective(to, tt)
		return fcs == tcs
	}
	switch {
	case intRank[a.base] > 0 && intRank[b.base] > 0:
		if a.unsigned == b.unsigned {
			return intRank[b.base] >= intRank[a.base]
		}
		return a.unsigned && !b.unsigned && intRank[b.base] > intRank[a.base]
	case (a.base == "decimal" || a.base == "numeric") && (b.base == "decimal" || b.base == "numeric"):
		ap, as := decimalArgs(a.args)
		bp, bs := decimalArgs(b.args)
		return (a.unsigned == b.unsigned || !b.unsigned) && bs >= as && bp-bs >= ap-as
	case a.base == "float" && b.base == "double" && len(a.args) == 0 && len(b.args) == 0:
		return a.unsigned == b.unsigned || !b.unsigned
	case (a.base == "varchar" || a.base == "char") && b.base == "varchar",
		a.base == "char" && b.base == "char",
		(a.base == "varbinary" || a.base == "binary") && b.base == "varbinary":
		if len(a.args) != 1 || len(b.args) != 1 || b.args[0] < a.args[0] {
			return false
		}
		return strings.HasSuffix(a.base, "binary") || sameCharset()
	case textRank[a.base] > 0 && textRank[b.base] > 0:
		if strings.HasSuffix(a.base, "blob") != strings.HasSuffix(b.base, "blob") {
			return false
		}
		return textRank[b.base] >= textRank[a.base] && (strings.HasSuffix(a.base, "blob") || sameCharset())
	}
	return false
}

// decimalArgs reads DECIMAL(p[,s]) with MySQL's defaults (10, 0).
func decimalArgs(args []int) (p, s int) {
	p = 10
	if len(args) > 0 {
		p = args[0]
	}
	if len(args) > 1 {
		s = args[1]
	}
	return p, s
}
