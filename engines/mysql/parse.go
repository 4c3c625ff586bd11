package mysql

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pingcap/tidb/pkg/parser/ast"
	pmysql "github.com/pingcap/tidb/pkg/parser/mysql"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/sqlsplit"
)

// errUnsupported marks statements the parser does not turn into the model.
var errUnsupported = errors.New("unsupported statement")

// stmtAt is one statement of a schema file with where it starts.
type stmtAt struct {
	file string
	line int
	text string
	// offset is where text starts in its file; notes says whether the file
	// holds renamed-from annotations.
	offset int
	notes  bool
	// replaces marks the DROP TABLE IF EXISTS that stands for the first
	// half of a CREATE OR REPLACE TABLE (see historyStatements).
	replaces bool
	// seq is the statement's place among all the statements of the files,
	// DROPs and what they remove included.
	seq int
}

func (s stmtAt) where() string { return fmt.Sprintf("%s:%d", s.file, s.line) }

func (s stmtAt) fail(err error) error {
	return &engines.StatementError{File: s.file, Line: s.line, Statement: s.text, Err: err}
}

// tableState is what parsing remembers about a table beyond the model.
type tableState struct {
	t *engines.Table
	// fkCount numbers unnamed foreign keys (t_ibfk_N; TiDB's fk_N count
	// the named ones too); checkCount unnamed table checks (CONSTRAINT_N).
	fkCount    int
	checkCount int
	// fkNamed says whether a foreign key's name was written, which decides
	// the name of the index the server creates for it.
	fkNamed map[string]bool
	// columnChecks maps the checks written in a column's definition to
	// that column (lower-case names), on MariaDB, where such a check is the
	// column's: a CHANGE that renames the column drops it with the old
	// definition, and a RENAME COLUMN keeps its name.
	columnChecks map[string]string
}

// addColumnCheck records that check name was written in column col's
// definition (see columnChecks).
func (ts *tableState) addColumnCheck(name, col string) {
	if ts.columnChecks == nil {
		ts.columnChecks = map[string]string{}
	}
	ts.columnChecks[strings.ToLower(name)] = strings.ToLower(col)
}

// parser builds one model from many files. It lives for one parseFiles call.
type parser struct {
	// dataWarned holds the files whose rows (INSERT, UPDATE, DELETE,
	// REPLACE) a warning has named, so that a file of seed data warns once.
	dataWarned map[string]bool
	db         *engines.Database
	flavor     Flavor
	schema     *engines.Schema
	opts       engines.ParseOptions
	tables     map[string]*tableState
	defined    map[string]stmtAt
	// sites are the definitions renamed-from annotations may belong to, by
	// file, for the files that hold annotations.
	sites map[string][]engines.RenameSite
	// all are the statements of the files in order, DROPs included, and
	// kept those applyDrops left: a CREATE TABLE ... LIKE of a table that
	// a later DROP removes reads it again from the statements before it
	// (sourceBefore). ctx is the parse's, which run checks.
	all, kept []stmtAt
	ctx       context.Context
}

// newFileParser starts a parse of files for an engine and the flavor it
// reads files as.
func newFileParser(ctx context.Context, opts engines.ParseOptions, engine string, flavor Flavor) *parser {
	p := &parser{
		db:      &engines.Database{Engine: engine},
		flavor:  flavor,
		opts:    opts,
		tables:  map[string]*tableState{},
		defined: map[string]stmtAt{},
		sites:   map[string][]engines.RenameSite{},
		ctx:     ctx,
	}
	p.schema = p.db.EnsureSchema("")
	return p
}

// parseFiles reads schema files into the model.
func parseFiles(ctx context.Context, files []engines.File, opts engines.ParseOptions, e *Engine) (*engines.Database, error) {
	p := newFileParser(ctx, opts, e.name, e.files)
	var stmts []stmtAt
	for _, f := range files {
		pieces, err := sqlsplit.MySQL(f.Text)
		if err != nil {
			return nil, &engines.StatementError{File: f.Path, Err: err}
		}
		notes := engines.HasRenameNotes(f.Text)
		for _, pc := range pieces {
			more, err := p.historyStatements(stmtAt{file: f.Path, line: pc.Line, text: pc.Text, offset: pc.Offset, notes: notes})
			if err != nil {
				return nil, err
			}
			for _, s := range more {
				s.seq = len(stmts)
				stmts = append(stmts, s)
			}
		}
	}
	if err := p.run(stmts, 2); err != nil {
		return nil, err
	}
	for _, f := range files {
		if engines.HasRenameNotes(f.Text) {
			if err := engines.AttachRenames(f, p.sites[f.Path], nil); err != nil {
				return nil, err
			}
		}
	}
	p.finish()
	p.db.Sort()
	return p.db, nil
}

// run applies statements to the model, their DROPs first, then by passes
// up to lastPass.
func (p *parser) run(stmts []stmtAt, lastPass int) error {
	p.all = stmts
	kept, err := applyDrops(stmts)
	if err != nil {
		return err
	}
	p.kept = kept
	// Passes make the order of files irrelevant: tables, then what alters or
	// refers to them.
	// Each statement's pass is found once: it takes lexing its start.
	passes := make([]int, len(p.kept))
	inOrder := renamedAwayCreates(p.kept)
	for i, s := range p.kept {
		passes[i] = stmtPass(s.text)
		if inOrder != nil && inOrder[i] && passes[i] == 0 {
			passes[i] = 1
		}
	}
	for pass := 0; pass <= lastPass; pass++ {
		for i, s := range p.kept {
			if err := p.ctx.Err(); err != nil {
				return err
			}
			if passes[i] != pass {
				continue
			}
			if err := p.statement(s); err != nil {
				var se *engines.StatementError
				if errors.As(err, &se) {
					return err
				}
				return s.fail(err)
			}
		}
	}
	return nil
}

// tableElementWords start the definitions of a CREATE TABLE that are not
// columns.
var tableElementWords = map[string]bool{"CONSTRAINT": true, "PRIMARY": true, "UNIQUE": true, "KEY": true,
	"INDEX": true, "FULLTEXT": true, "SPATIAL": true, "FOREIGN": true, "CHECK": true, "PERIOD": true}

// renameSites records where a CREATE TABLE and its column definitions
// start, for the renamed-from annotations of its file. The columns are
// found by tokens, the TiDB parser keeping no positions: each definition
// of the first parenthesized list that starts with a name, not a keyword.
func (p *parser) renameSites(s stmtAt, t *engines.Table) {
	p.tableSite(s, t)
	var sites []engines.RenameSite
	toks := lex(s.text)
	depth := 0
	for i, tok := range toks {
		if tok.kind != tokPunct {
			continue
		}
		switch tok.text {
		case "(":
			depth++
		case ")":
			depth--
		}
		if depth == 0 && tok.text == ")" {
			break // the table options and partitions follow
		}
		if depth != 1 || tok.text != "(" && tok.text != "," || i+1 == len(toks) {
			continue
		}
		next := toks[i+1]
		if next.kind != tokQIdent && (next.kind != tokWord || tableElementWords[strings.ToUpper(next.text)]) {
			continue
		}
		name := next.value()
		sites = append(sites, engines.RenameSite{Offset: s.offset + next.start, What: "column " + t.Name + "." + name,
			Set: func(from string) {
				if c := columnCI(t, name); c != nil {
					c.RenamedFrom = from
				}
			}})
	}
	p.sites[s.file] = append(p.sites[s.file], sites...)
}

// tableSite records where the statement that makes a table starts, for
// the renamed-from annotations of its file.
func (p *parser) tableSite(s stmtAt, t *engines.Table) {
	p.sites[s.file] = append(p.sites[s.file], engines.RenameSite{Offset: s.offset, What: "table " + t.Name, Set: func(from string) { t.RenamedFrom = from }})
}

// leadingWords returns the first upper-cased words of a statement, skipping
// DEFINER clauses and OR REPLACE, to classify it.
func leadingWords(text string, n int) []string {
	t := newTokens(text)
	var out []string
	for !t.done() && len(out) < n {
		if t.skipDefiner() {
			continue
		}
		tok := t.next()
		if tok.kind == tokWord {
			out = append(out, strings.ToUpper(tok.text))
		}
	}
	return out
}

// kindOf names the object a CREATE statement makes: TABLE, VIEW, INDEX,
// TRIGGER, FUNCTION, PROCEDURE, EVENT; CREATE and its next word for other
// objects; or the statement's first word.
func kindOf(text string) string {
	// CREATE OR REPLACE ALGORITHM = x DEFINER = u SQL SECURITY y VIEW: the ninth word.
	words := leadingWords(text, 12)
	if len(words) == 0 {
		return ""
	}
	if words[0] != "CREATE" {
		return words[0]
	}
	for _, w := range words[1:] {
		switch w {
		case "TABLE", "VIEW", "INDEX", "TRIGGER", "FUNCTION", "PROCEDURE", "EVENT", "DATABASE", "SCHEMA":
			return w
		}
	}
	if len(words) > 1 {
		return "CREATE " + words[1] // named in the error: CREATE USER, CREATE TABLESPACE
	}
	return "CREATE"
}

func stmtPass(text string) int {
	switch kindOf(text) {
	case "TABLE":
		if likeSource(text) != "" {
			// A copy takes its table as the statements before it left
			// it: it goes with the ALTERs, in file order.
			return 1
		}
		return 0
	case "FUNCTION", "PROCEDURE":
		return 0
	case "ALTER", "INDEX", "DROP", "RENAME":
		// The DROP statements applyDrops leaves are DROP INDEX of a CREATE
		// TABLE's key: applied with the ALTERs, in file order.
		return 1
	}
	return 2
}

// likeSource is the table a CREATE TABLE b LIKE a (or b (LIKE a)) copies,
// "" for other statements.
func likeSource(text string) string {
	if !containsLike(text) {
		return "" // most tables: no need to lex all of their text
	}
	t := newTokens(text)
	if !skipTo(t, "TABLE") {
		return ""
	}
	t.accept("IF", "NOT", "EXISTS")
	if _, ok := t.name(); !ok {
		return ""
	}
	t.acceptPunct("(")
	if !t.accept("LIKE") {
		return ""
	}
	name, _ := t.name()
	return name
}

// containsLike reports whether the text holds "like" in any case.
func containsLike(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if s[i]|0x20 == 'l' && strings.EqualFold(s[i:i+4], "like") {
			return true
		}
	}
	return false
}

func (p *parser) warn(msg string) {
	if p.opts.Warn != nil {
		p.opts.Warn(msg)
	}
}

// unsupported fails, or warns when the caller asked to skip such statements.
func (p *parser) unsupported(s stmtAt, what string) error {
	if p.opts.SkipUnsupported {
		p.warn(fmt.Sprintf("%s: skipped unsupported statement: %s", s.where(), what))
		return nil
	}
	return s.fail(fmt.Errorf("%w: %s", errUnsupported, what))
}

// define records an object definition and fails on a second one.
func (p *parser) define(s stmtAt, kind, name string) error {
	key := kind + " " + name
	if prev, ok := p.defined[key]; ok {
		return s.fail(fmt.Errorf("%s %s is defined twice: at %s and at %s", strings.ToLower(kind), name, prev.where(), s.where()))
	}
	p.defined[key] = s
	return nil
}

// statement applies one statement to the model.
func (p *parser) statement(s stmtAt) error {
	if onlyComments(s.text) {
		return nil
	}
	if err := checkUTF8(s); err != nil {
		return err
	}
	k := kindOf(s.text)
	if what := p.flavor.Lacks(k); what != "" {
		return p.unsupported(s, what)
	}
	switch k {
	case "TABLE", "VIEW", "INDEX", "ALTER", "RENAME":
		return p.tidbStatement(s)
	case "TRIGGER":
		return p.createTrigger(s)
	case "FUNCTION", "PROCEDURE":
		return p.createRoutine(s)
	case "EVENT":
		return p.createEvent(s)
	case "SET", "USE", "LOCK", "UNLOCK", "":
		// Session settings and dump noise are not schema.
		return nil
	case "DATABASE", "SCHEMA":
		p.warn(fmt.Sprintf("%s: CREATE DATABASE ignored: the target database is the one in the URL", s.where()))
		return nil
	case "INSERT", "UPDATE", "DELETE", "REPLACE":
		if !p.dataWarned[s.file] {
			if p.dataWarned == nil {
				p.dataWarned = map[string]bool{}
			}
			p.dataWarned[s.file] = true
			p.warn(fmt.Sprintf("%s: %s ignored, and the file's other statements that change rows: rows are data, and only the schema is synchronized", s.where(), k))
		}
		return nil
	case "DROP":
		if indexKeyOfDrop(dropKeys(s.text)) != "" {
			return p.tidbStatement(s)
		}
		return nil // applyDrops has resolved it
	default:
		return p.unsupported(s, k)
	}
}

// checkUTF8 refuses text that is not UTF-8, which the server refuses on
// a utf8mb4 connection and the parser would turn into other names.
func checkUTF8(s stmtAt) error {
	if utf8.ValidString(s.text) {
		return nil
	}
	for i, r := range s.text {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s.text[i:]); size == 1 {
				line := s.line + strings.Count(s.text[:i], "\n")
				return s.fail(fmt.Errorf("byte 0x%02x on line %d is not valid UTF-8: schema files must be UTF-8", s.text[i], line))
			}
		}
	}
	return s.fail(fmt.Errorf("not valid UTF-8: schema files must be UTF-8"))
}

// onlyComments reports whether a piece of script holds no statement.
func onlyComments(s string) bool { return len(lex(s)) == 0 }

var (
	defaultParenRe = regexp.MustCompile(`(?i)\bDEFAULT\s*\(`)
	checkOptionRe  = regexp.MustCompile(`(?is)\s+WITH\s+(CASCADED\s+|LOCAL\s+)?CHECK\s+OPTION\s*$`)
)

// uniqueIndexNames drops the symbol of "CONSTRAINT symbol UNIQUE [KEY|INDEX]
// index_name": MySQL and MariaDB name the key after index_name, while the
// TiDB grammar keeps only the symbol (as the TiDB server does).
func uniqueIndexNames(text string) string {
	toks := lex(text)
	var b strings.Builder
	last := 0
	for i := 0; i+3 < len(toks); i++ {
		if !toks[i].is("CONSTRAINT") || !isName(toks[i+1]) || !toks[i+2].is("UNIQUE") {
			continue
		}
		j := i + 3
		if toks[j].is("KEY") || toks[j].is("INDEX") {
			j++
		}
		if j >= len(toks) || !isName(toks[j]) || toks[j].is("USING") {
			continue
		}
		b.WriteString(text[last:toks[i].start])
		last = toks[i+2].start
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// placeholderPrefix names the functions that stand for DEFAULT (expr)
// clauses, which the TiDB grammar does not accept in general.
const placeholderPrefix = "ss_default_expr_"

// hideDefaultExprs replaces each "DEFAULT (expr)" by a call of a placeholder
// function, and returns the expressions by placeholder name.
func hideDefaultExprs(text string) (string, map[string]string) {
	exprs := map[string]string{}
	toks := lex(text)
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(toks); i++ {
		if !toks[i].is("DEFAULT") || toks[i+1].kind != tokPunct || toks[i+1].text != "(" {
			continue
		}
		depth, j := 0, i+1
		for ; j < len(toks); j++ {
			if toks[j].kind == tokPunct && toks[j].text == "(" {
				depth++
			} else if toks[j].kind == tokPunct && toks[j].text == ")" {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if j >= len(toks) {
			break
		}
		name := placeholderPrefix + strconv.Itoa(len(exprs))
		exprs[name] = text[toks[i+1].start+1 : toks[j].start]
		b.WriteString(text[last:toks[i+1].start])
		b.WriteString(" " + name + "()") // DEFAULT(expr) has no blank to keep
		last = toks[j].end
		i = j
	}
	if len(exprs) == 0 {
		return text, nil
	}
	b.WriteString(text[last:])
	return b.String(), exprs
}

// spatialTypes are the column types the TiDB grammar lacks.
var spatialTypes = map[string]bool{"geometry": true, "point": true, "linestring": true, "polygon": true,
	"multipoint": true, "multilinestring": true, "multipolygon": true, "geometrycollection": true, "geomcollection": true}

// spatialStandIn is the type spatial columns wear through the TiDB parser.
const spatialStandIn = "longblob"

var sridRe = regexp.MustCompile(`(?i)(/\*!\d*\s*)?\bSRID\s+(\d+)(\s*\*/)?`)

// hideSpatialTypes replaces spatial column types (a type word after a
// column name, not followed by "(") by a stand-in the parser knows, and
// returns the real types by lower-case column name, with "srid N" added
// when the definition names a spatial reference system (also inside a
// /*!80003 ... */ comment, as MySQL prints it).
func hideSpatialTypes(text string) (string, map[string]string) {
	toks := lex(text)
	var out map[string]string
	var b strings.Builder
	last := 0
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tokWord || !spatialTypes[strings.ToLower(t.text)] {
			continue
		}
		if prev := toks[i-1]; prev.kind != tokWord && prev.kind != tokQIdent {
			continue
		}
		if i+1 < len(toks) && toks[i+1].kind == tokPunct && toks[i+1].text == "(" {
			continue // a function call
		}
		typ := strings.ToLower(t.text)
		if typ == "geomcollection" {
			typ = "geometrycollection"
		}
		// The definition ends at the next "," or ")" outside brackets.
		end, depth := len(text), 0
		for j := i + 1; j < len(toks); j++ {
			if toks[j].kind != tokPunct {
				continue
			}
			switch toks[j].text {
			case "(":
				depth++
			case ")":
				depth--
			}
			if depth < 0 || depth == 0 && toks[j].text == "," {
				end = toks[j].start
				break
			}
		}
		rest := text[t.end:end]
		if m := sridRe.FindStringSubmatchIndex(rest); m != nil {
			typ += " srid " + rest[m[4]:m[5]]
			rest = rest[:m[0]] + rest[m[1]:]
		}
		if out == nil {
			out = map[string]string{}
		}
		out[strings.ToLower(toks[i-1].value())] = typ
		b.WriteString(text[last:t.start])
		b.WriteString(spatialStandIn)
		b.WriteString(rest)
		last = end
		for i+1 < len(toks) && toks[i+1].start < end {
			i++
		}
	}
	if out == nil {
		return text, nil
	}
	b.WriteString(text[last:])
	return b.String(), out
}

// spatialIndexWords spells SPATIAL KEY/INDEX, which the TiDB grammar lacks,
// as FULLTEXT: finish turns a full-text index on spatial columns, which
// cannot exist, back into a spatial one.
func spatialIndexWords(text string) string {
	toks := lex(text)
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].is("SPATIAL") && (toks[i+1].is("KEY") || toks[i+1].is("INDEX")) {
			b.WriteString(text[last:toks[i].start])
			b.WriteString("FULLTEXT")
			last = toks[i].end
		}
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// isSpatialType reports whether a canonical column type is a spatial one.
func isSpatialType(t string) bool {
	head, _, _ := strings.Cut(t, " ")
	return spatialTypes[head]
}

// tidbStatement parses a statement the TiDB grammar knows.
func (p *parser) tidbStatement(s stmtAt) error {
	text := s.text
	check := ""
	if kindOf(text) == "VIEW" {
		if m := checkOptionRe.FindStringSubmatch(text); m != nil {
			check = "CASCADED"
			if strings.EqualFold(strings.TrimSpace(m[1]), "LOCAL") {
				check = "LOCAL"
			}
			text = text[:len(text)-len(m[0])]
		}
	}
	written := text
	text = mariadbWords(text)
	if !p.flavor.TiDB {
		text = uniqueIndexNames(text)
	}
	text, exprs := hideDefaultExprs(text)
	text, spatial := hideSpatialTypes(spatialIndexWords(text))
	text, visibility := hideColumnVisibility(text)
	stmt, err := newParser().ParseOneStmt(text, "", "")
	if err != nil {
		return s.fail(fmt.Errorf("syntax error: %w", err))
	}
	b := &builder{p: p, s: s, exprs: exprs, spatial: spatial, visibility: visibility, asWritten: text == written}
	switch n := stmt.(type) {
	case *ast.CreateTableStmt:
		return b.createTable(n)
	case *ast.AlterTableStmt:
		return b.alterTable(n)
	case *ast.CreateIndexStmt:
		return b.createIndex(n)
	case *ast.CreateViewStmt:
		return b.createView(n, check)
	case *ast.DropIndexStmt:
		return b.dropIndex(n)
	case *ast.RenameTableStmt:
		for _, tt := range n.TableToTables {
			if err := b.p.renameTable(b.s, tt.OldTable.Name.O, tt.NewTable.Name.O); err != nil {
				return err
			}
		}
		return nil
	}
	return p.unsupported(s, fmt.Sprintf("%T", stmt))
}

// builder turns one parsed statement into the model.
type builder struct {
	p     *parser
	s     stmtAt
	exprs map[string]string
	// spatial holds the real types of columns hideSpatialTypes disguised.
	spatial map[string]string
	// visibility holds the columns' visibility hideColumnVisibility took out.
	visibility map[string]string
	// reserved are the key names a CREATE TABLE gives (lower case), which
	// TiDB's names for unnamed keys avoid.
	reserved map[string]bool
	// asWritten says the parser read the statement as the file wrote it
	// (no rewrite of MariaDB's words or hidden expressions applied).
	asWritten bool
}

func (b *builder) table(name string) (*tableState, error) {
	ts := b.p.tables[name]
	if ts == nil {
		return nil, fmt.Errorf("table %s is not defined", name)
	}
	return ts, nil
}

func (b *builder) createTable(n *ast.CreateTableStmt) error {
	if n.Select != nil {
		return b.p.unsupported(b.s, "CREATE TABLE ... SELECT (the server takes the columns' types from the query: write the columns out)")
	}
	if n.TemporaryKeyword != ast.TemporaryNone {
		return b.p.unsupported(b.s, "CREATE TEMPORARY TABLE")
	}
	if n.ReferTable != nil {
		return b.createLike(n)
	}
	name := n.Table.Name.O
	if n.IfNotExists && b.p.tables[name] != nil {
		return nil // the server keeps the table it has, as written first
	}
	if len(n.Cols) == 0 {
		// The grammar takes it; the server and our dump cannot.
		return b.s.fail(fmt.Errorf("table %s has no columns: a table needs at least one", name))
	}
	if err := b.p.define(b.s, "TABLE", name); err != nil {
		return err
	}
	t := &engines.Table{Name: name, Options: map[string]string{}}
	ts := &tableState{t: t, fkNamed: map[string]bool{}}
	b.p.tables[name] = ts
	b.p.schema.Tables = append(b.p.schema.Tables, t)
	if b.s.notes {
		b.p.renameSites(b.s, t)
	}
	for _, o := range n.Options {
		if err := b.tableOption(t, o); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	// TiDB keeps the checks of column definitions after the table's own,
	// the order in which CREATE TABLE ... LIKE numbers the copies.
	var columnChecks []*ast.Constraint
	for _, cd := range n.Cols {
		c, extra, err := b.column(ts, cd)
		if err != nil {
			return err
		}
		if seen[strings.ToLower(c.Name)] {
			// The grammar takes it; the server refuses (column names are
			// case-insensitive).
			return b.s.fail(fmt.Errorf("table %s: column %s is defined twice", name, c.Name))
		}
		seen[strings.ToLower(c.Name)] = true
		t.Columns = append(t.Columns, c)
		for _, con := range extra {
			if con.Tp == ast.ConstraintCheck && b.p.flavor.TiDB {
				columnChecks = append(columnChecks, con)
				continue
			}
			if err := b.addColumnConstraint(ts, c, con); err != nil {
				return err
			}
		}
	}
	if b.p.flavor.TiDB {
		// TiDB names a key without a name after the statement's named
		// keys are known (KEY (a), KEY a (a, b) gives a_2 and a); MySQL
		// and MariaDB in order, refusing that statement.
		b.reserved = map[string]bool{}
		for _, con := range n.Constraints {
			if con.Name != "" {
				b.reserved[strings.ToLower(con.Name)] = true
			}
		}
		defer func() { b.reserved = nil }()
	}
	for _, con := range slices.Concat(n.Constraints, columnChecks) {
		if err := b.addConstraint(ts, con); err != nil {
			return err
		}
	}
	if n.Partition != nil {
		pb, ok, err := partitionClause(n.Partition)
		if err != nil {
			return b.s.fail(fmt.Errorf("partitioning of table %s: %w", name, err))
		}
		if !ok {
			b.p.warn(fmt.Sprintf("%s: this partitioning of table %s is not managed yet; ignored", b.s.where(), name))
		}
		t.PartitionBy = pb
	}
	return nil
}

var rowFormats = map[uint64]string{
	ast.RowFormatDefault: "DEFAULT", ast.RowFormatDynamic: "DYNAMIC", ast.RowFormatFixed: "FIXED",
	ast.RowFormatCompressed: "COMPRESSED", ast.RowFormatRedundant: "REDUNDANT", ast.RowFormatCompact: "COMPACT",
}

func (b *builder) tableOption(t *engines.Table, o *ast.TableOption) error {
	switch o.Tp {
	case ast.TableOptionEngine:
		if strings.EqualFold(o.StrValue, "innodb") || o.StrValue == "" {
			delete(t.Options, "ENGINE")
		} else {
			t.Options["ENGINE"] = canonEngine(o.StrValue)
		}
	case ast.TableOptionCharset:
		cs := canonCharset(o.StrValue)
		if cs != "" && cs != "default" {
			if t.Options["CHARSET"] != cs {
				delete(t.Options, "COLLATE")
			}
			t.Options["CHARSET"] = cs
		}
	case ast.TableOptionCollate:
		co := canonCollation(o.StrValue)
		t.Options["COLLATE"] = co
		t.Options["CHARSET"] = CharsetOf(co)
	case ast.TableOptionComment:
		t.Comment = o.StrValue
	case ast.TableOptionRowFormat:
		if f := rowFormats[o.UintValue]; f != "" && f != "DEFAULT" {
			t.Options["ROW_FORMAT"] = f
		} else {
			delete(t.Options, "ROW_FORMAT")
		}
	case ast.TableOptionKeyBlockSize:
		if o.UintValue > 0 {
			t.Options["KEY_BLOCK_SIZE"] = strconv.FormatUint(o.UintValue, 10)
		} else {
			delete(t.Options, "KEY_BLOCK_SIZE")
		}
	case ast.TableOptionAvgRowLength, ast.TableOptionCheckSum, ast.TableOptionDelayKeyWrite,
		ast.TableOptionMaxRows, ast.TableOptionMinRows:
		setTableSetting(t, tableSettingKey(o.Tp), strconv.FormatUint(o.UintValue, 10))
	case ast.TableOptionStatsAutoRecalc, ast.TableOptionStatsSamplePages:
		v := strconv.FormatUint(o.UintValue, 10)
		if o.Default {
			v = "DEFAULT"
		}
		setTableSetting(t, tableSettingKey(o.Tp), v)
	case ast.TableOptionStatsPersistent, ast.TableOptionPackKeys:
		// The grammar keeps no value of these: the statement's text has it.
		key := tableSettingKey(o.Tp)
		v, ok := writtenOption(b.s.text, key)
		if !ok {
			b.p.warn(fmt.Sprintf("%s: could not read %s of %s; ignored", b.s.where(), key, t.Name))
			return nil
		}
		setTableSetting(t, key, v)
	case ast.TableOptionAutoIncrement:
		// A counter, not schema.
	default:
		if tidbTableOption(t, o) {
			return nil
		}
		b.p.warn(fmt.Sprintf("%s: table option %d of %s is not managed yet; ignored", b.s.where(), o.Tp, t.Name))
	}
	return nil
}

// tableSetting is a table option both servers keep in
// information_schema.TABLES.CREATE_OPTIONS beside ROW_FORMAT and
// KEY_BLOCK_SIZE: its grammar type, its key, and the value that takes it
// off again.
type tableSetting struct {
	tp         ast.TableOptionType
	key, reset string
}

// tableSettings lists them, in the order plans and dumps print them.
func tableSettings() []tableSetting {
	return []tableSetting{
		{ast.TableOptionAvgRowLength, "AVG_ROW_LENGTH", "0"}, {ast.TableOptionCheckSum, "CHECKSUM", "0"},
		{ast.TableOptionDelayKeyWrite, "DELAY_KEY_WRITE", "0"}, {ast.TableOptionMaxRows, "MAX_ROWS", "0"},
		{ast.TableOptionMinRows, "MIN_ROWS", "0"}, {ast.TableOptionPackKeys, "PACK_KEYS", "DEFAULT"},
		{ast.TableOptionStatsAutoRecalc, "STATS_AUTO_RECALC", "DEFAULT"},
		{ast.TableOptionStatsPersistent, "STATS_PERSISTENT", "DEFAULT"},
		{ast.TableOptionStatsSamplePages, "STATS_SAMPLE_PAGES", "DEFAULT"},
	}
}

// tableSettingKey names a table option of tableSettings by its type.
func tableSettingKey(tp ast.TableOptionType) string {
	for _, s := range tableSettings() {
		if s.tp == tp {
			return s.key
		}
	}
	return ""
}

// canonEngine spells engine names as the server does.
func canonEngine(e string) string {
	switch strings.ToLower(e) {
	case "innodb":
		return "InnoDB"
	case "myisam":
		return "MyISAM"
	case "memory", "heap":
		return "MEMORY"
	case "aria":
		return "Aria"
	case "csv":
		return "CSV"
	case "archive":
		return "ARCHIVE"
	case "blackhole":
		return "BLACKHOLE"
	}
	return e
}

// exprOf resolves a placeholder for DEFAULT (expr) back to its expression.
func (b *builder) exprOf(e ast.ExprNode) (ast.ExprNode, error) {
	if f, ok := e.(*ast.FuncCallExpr); ok && strings.HasPrefix(f.FnName.L, placeholderPrefix) {
		text, ok := b.exprs[f.FnName.L]
		if !ok {
			return e, nil
		}
		return parseExpr(text)
	}
	return e, nil
}

// column builds a column; inline keys and checks come back as constraints.
func (b *builder) column(ts *tableState, cd *ast.ColumnDef) (*engines.Column, []*ast.Constraint, error) {
	c := &engines.Column{Name: cd.Name.Name.O, Type: fieldTypeString(cd.Tp)}
	if st, ok := b.spatial[cd.Name.Name.L]; ok && c.Type == spatialStandIn {
		c.Type = st
	}
	setColumnVisibility(c, b.visibility)
	if cs := cd.Tp.GetCharset(); cs != "" && cs != "binary" {
		c.Charset = canonCharset(cs)
	}
	if co := cd.Tp.GetCollate(); co != "" && co != "binary" {
		c.Collation = canonCollation(co)
	}
	var extra []*ast.Constraint
	var dflt ast.ExprNode
	hasDefault := false
	for _, o := range cd.Options {
		switch o.Tp {
		case ast.ColumnOptionNotNull:
			c.NotNull = true
		case ast.ColumnOptionNull:
			c.NotNull = false
		case ast.ColumnOptionAutoIncrement:
			c.AutoIncrement = true
		case ast.ColumnOptionDefaultValue:
			e, err := b.exprOf(o.Expr)
			if err != nil {
				return nil, nil, fmt.Errorf("default of column %s: %w", c.Name, err)
			}
			dflt, hasDefault = e, true
		case ast.ColumnOptionOnUpdate:
			s, err := canonExprNode(o.Expr)
			if err != nil {
				return nil, nil, err
			}
			c.OnUpdate = s
		case ast.ColumnOptionComment:
			if lit, ok := literalOf(o.Expr); ok {
				c.Comment = lit.text
			}
		case ast.ColumnOptionGenerated:
			s, err := canonExprNode(o.Expr)
			if err != nil {
				return nil, nil, err
			}
			c.Generated, c.GeneratedStored = s, o.Stored
		case ast.ColumnOptionCollate:
			c.Collation = canonCollation(o.StrValue)
		case ast.ColumnOptionPrimaryKey:
			c.NotNull = true
			extra = append(extra, &ast.Constraint{Tp: ast.ConstraintPrimaryKey, Keys: []*ast.IndexPartSpecification{{Column: cd.Name}},
				Option: &ast.IndexOption{PrimaryKeyTp: o.PrimaryKeyTp}})
		case ast.ColumnOptionAutoRandom:
			setOption(&c.Options, optAutoRandom, autoRandomText(o.AutoRandOpt))
		case ast.ColumnOptionUniqKey:
			extra = append(extra, &ast.Constraint{Tp: ast.ConstraintUniq, Name: c.Name, Keys: []*ast.IndexPartSpecification{{Column: cd.Name}}})
		case ast.ColumnOptionCheck:
			name := o.ConstraintName
			if name == "" {
				// MariaDB names a column check after its column.
				name = c.Name
			}
			extra = append(extra, &ast.Constraint{Tp: ast.ConstraintCheck, Name: name, Expr: o.Expr, Enforced: o.Enforced})
		case ast.ColumnOptionReference:
			b.p.warn(fmt.Sprintf("%s: REFERENCES in the definition of column %s is ignored by the server; write FOREIGN KEY", b.s.where(), c.Name))
		case ast.ColumnOptionColumnFormat, ast.ColumnOptionStorage, ast.ColumnOptionNoOption:
		default:
			return nil, nil, fmt.Errorf("%w: column option %d of %s", errUnsupported, o.Tp, c.Name)
		}
	}
	if hasDefault {
		c.Default = canonDefault(dflt, c.Type)
	}
	if cd.Tp.GetFlag()&pmysql.BinaryFlag != 0 && c.Collation == "" && isTextType(c.Type) {
		// The BINARY attribute means the _bin collation of the column's
		// charset; files that name no charset get utf8mb4, the default.
		cs := c.Charset
		if cs == "" {
			cs = ts.t.Options["CHARSET"]
		}
		if cs == "" && ts.t.Options["COLLATE"] != "" {
			cs = CharsetOf(ts.t.Options["COLLATE"])
		}
		if cs == "" {
			cs = "utf8mb4"
		}
		c.Collation = canonCharset(cs) + "_bin"
	}
	if c.Collation != "" && c.Charset == "" {
		c.Charset = CharsetOf(c.Collation)
	}
	return c, extra, nil
}

// indexParts converts key parts.
func indexParts(keys []*ast.IndexPartSpecification) ([]*engines.IndexPart, error) {
	var parts []*engines.IndexPart
	for _, k := range keys {
		part := &engines.IndexPart{Desc: k.Desc}
		if k.Expr != nil {
			s, err := canonExprNode(k.Expr)
			if err != nil {
				return nil, err
			}
			part.Expr = s
		} else {
			part.Column = k.Column.Name.O
			if k.Length > 0 {
				part.Length = k.Length
			}
		}
		parts = append(parts, part)
	}
	return parts, nil
}

// indexName returns the name the server gives an unnamed index: its first
// column, then _2, _3... while taken.
func indexName(t *engines.Table, parts []*engines.IndexPart) string {
	return indexNameAvoiding(t, parts, nil)
}

// indexNameAvoiding is indexName, not taking the names in reserved (lower
// case) either.
func indexNameAvoiding(t *engines.Table, parts []*engines.IndexPart, reserved map[string]bool) string {
	base := "functional_index"
	if len(parts) > 0 && parts[0].Column != "" {
		base = parts[0].Column
	}
	taken := func(n string) bool {
		if strings.EqualFold(n, "PRIMARY") || reserved[strings.ToLower(n)] {
			return true
		}
		for _, ix := range t.Indexes {
			if strings.EqualFold(ix.Name, n) {
				return true
			}
		}
		return false
	}
	if !taken(base) {
		return base
	}
	for i := 2; ; i++ {
		n := base + "_" + strconv.Itoa(i)
		if !taken(n) {
			return n
		}
	}
}

func (b *builder) addConstraint(ts *tableState, con *ast.Constraint) error {
	t := ts.t
	switch con.Tp {
	case ast.ConstraintPrimaryKey:
		for _, c := range t.Constraints {
			if c.Kind == engines.PrimaryKey {
				return fmt.Errorf("table %s has two primary keys", t.Name)
			}
		}
		pk := &engines.Constraint{Name: "PRIMARY", Kind: engines.PrimaryKey}
		if con.Option != nil {
			pk.Comment = con.Option.Comment
			switch con.Option.PrimaryKeyTp {
			case ast.PrimaryKeyTypeClustered:
				setOption(&pk.Options, optClustered, "true")
			case ast.PrimaryKeyTypeNonClustered:
				setOption(&pk.Options, optClustered, "false")
			}
		}
		for _, k := range con.Keys {
			if k.Column == nil {
				return fmt.Errorf("%w: expression in the primary key of %s", errUnsupported, t.Name)
			}
			pk.Columns = append(pk.Columns, k.Column.Name.O)
			if col := columnCI(t, k.Column.Name.O); col != nil {
				col.NotNull = true
			}
		}
		t.Constraints = append(t.Constraints, pk)
	case ast.ConstraintKey, ast.ConstraintIndex, ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex, ast.ConstraintFulltext:
		parts, err := indexParts(con.Keys)
		if err != nil {
			return err
		}
		ix := &engines.Index{Name: con.Name, Parts: parts}
		switch con.Tp {
		case ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex:
			ix.Unique = true
		case ast.ConstraintFulltext:
			ix.Method = "FULLTEXT"
		}
		indexOptions(ix, con.Option)
		if ix.Name == "" {
			ix.Name = indexNameAvoiding(t, parts, b.reserved)
		}
		// The servers refuse both; the model would hold two indexes the
		// dump cannot tell apart.
		if strings.EqualFold(ix.Name, "PRIMARY") {
			return fmt.Errorf("index name %s on %s: only the primary key is named PRIMARY", ix.Name, t.Name)
		}
		if indexByName(t, ix.Name) != nil {
			return fmt.Errorf("duplicate key name %s on %s", ix.Name, t.Name)
		}
		t.Indexes = append(t.Indexes, ix)
	case ast.ConstraintForeignKey:
		fk := &engines.Constraint{Name: con.Name, Kind: engines.ForeignKey}
		for _, k := range con.Keys {
			if k.Column == nil {
				return fmt.Errorf("foreign key of %s: an expression among its columns", t.Name)
			}
			fk.Columns = append(fk.Columns, k.Column.Name.O)
		}
		if con.Refer == nil {
			return fmt.Errorf("foreign key without REFERENCES")
		}
		fk.RefTable = con.Refer.Table.Name.O
		if s := con.Refer.Table.Schema.O; s != "" {
			b.p.warn(fmt.Sprintf("%s: foreign key to %s.%s: the schema qualifier is dropped", b.s.where(), s, fk.RefTable))
		}
		for _, k := range con.Refer.IndexPartSpecifications {
			if k.Column == nil {
				return fmt.Errorf("foreign key of %s: an expression in REFERENCES", t.Name)
			}
			fk.RefColumns = append(fk.RefColumns, k.Column.Name.O)
		}
		// The grammar takes REFERENCES t alone; the servers want as many
		// referenced columns as referencing ones.
		if len(fk.RefColumns) != len(fk.Columns) {
			return fmt.Errorf("foreign key of %s: %d columns reference %d columns of %s", t.Name, len(fk.Columns), len(fk.RefColumns), fk.RefTable)
		}
		if con.Refer.OnDelete != nil {
			fk.OnDelete = referOpt(con.Refer.OnDelete.ReferOpt)
		}
		if con.Refer.OnUpdate != nil {
			fk.OnUpdate = referOpt(con.Refer.OnUpdate.ReferOpt)
		}
		named := fk.Name != ""
		if !named || b.p.flavor.TiDB {
			// TiDB numbers every foreign key it adds, named or not.
			ts.fkCount++
		}
		if !named {
			fk.Name = b.p.flavor.UnnamedFK(t.Name, ts.fkCount)
		}
		ts.fkNamed[fk.Name] = named
		t.Constraints = append(t.Constraints, fk)
	case ast.ConstraintCheck:
		written, _ := restore(con.Expr, restoreFlags) // before canonExprNode rewrites the tree
		expr, err := canonExprNode(con.Expr)
		if err != nil {
			return err
		}
		ck := &engines.Constraint{Name: con.Name, Kind: engines.Check, Check: expr, CheckText: written, NotEnforced: !con.Enforced}
		if ck.Name == "" {
			ts.checkCount++
			ck.Name = fmt.Sprintf("CONSTRAINT_%d", ts.checkCount)
		}
		t.Constraints = append(t.Constraints, ck)
	default:
		return fmt.Errorf("%w: constraint type %d on %s", errUnsupported, con.Tp, t.Name)
	}
	return nil
}

// referOpt prints a foreign key action as written ("" when none is).
// RESTRICT and NO ACTION act the same, but the catalogs tell one of them
// apart from the default: MySQL and TiDB default to NO ACTION and report
// RESTRICT, MariaDB defaults to RESTRICT and reports NO ACTION. Plan folds
// the flavor's default into "" (see actionsAsDefault).
func referOpt(o ast.ReferOptionType) string {
	switch o {
	case ast.ReferOptionCascade, ast.ReferOptionSetNull, ast.ReferOptionSetDefault, ast.ReferOptionRestrict,
		ast.ReferOptionNoAction:
		return o.String()
	}
	return ""
}

func indexOptions(ix *engines.Index, o *ast.IndexOption) {
	if o == nil {
		return
	}
	ix.Comment = o.Comment
	if o.Visibility == ast.IndexVisibilityInvisible {
		ix.Options = map[string]string{"invisible": "true"}
	}
	switch o.Tp {
	case ast.IndexTypeRtree:
		ix.Method = "SPATIAL"
	case ast.IndexTypeBtree, ast.IndexTypeHash:
		ix.Using = o.Tp.String()
	}
	ix.Parser = o.ParserName.O
}

// columnCI finds a column by name, ignoring case as MySQL does.
func columnCI(t *engines.Table, name string) *engines.Column {
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

func (b *builder) createIndex(n *ast.CreateIndexStmt) error {
	ts, err := b.table(n.Table.Name.O)
	if err != nil {
		return err
	}
	con := &ast.Constraint{Tp: ast.ConstraintIndex, Name: n.IndexName, Keys: n.IndexPartSpecifications, Option: n.IndexOption}
	switch n.KeyType {
	case ast.IndexKeyTypeUnique:
		con.Tp = ast.ConstraintUniq
	case ast.IndexKeyTypeFulltext:
		con.Tp = ast.ConstraintFulltext
	case ast.IndexKeyTypeSpatial:
		if con.Option == nil {
			con.Option = &ast.IndexOption{}
		}
		con.Option.Tp = ast.IndexTypeRtree
	}
	return b.addConstraint(ts, con)
}

func (b *builder) alterTable(n *ast.AlterTableStmt) error {
	ts, err := b.table(n.Table.Name.O)
	if err != nil {
		return err
	}
	t := ts.t
	for _, spec := range n.Specs {
		switch spec.Tp {
		case ast.AlterTableOption:
			convert := false
			for _, o := range spec.Options {
				convert = convert || (o.Tp == ast.TableOptionCharset || o.Tp == ast.TableOptionCollate) && o.UintValue == ast.TableOptionCharsetWithConvertTo
			}
			var before []string // the character set of each column, for CONVERT TO
			if convert {
				before = make([]string, len(t.Columns))
				for i, c := range t.Columns {
					before[i] = columnCharset(c, t)
				}
			}
			for _, o := range spec.Options {
				if err := b.tableOption(t, o); err != nil {
					return err
				}
			}
			if convert {
				convertColumns(t, before)
			}
		case ast.AlterTableAddColumns:
			for _, cd := range spec.NewColumns {
				c, extra, err := b.column(ts, cd)
				if err != nil {
					return err
				}
				if err := insertColumn(t, c, spec.Position); err != nil {
					return err
				}
				for _, con := range extra {
					if err := b.addColumnConstraint(ts, c, con); err != nil {
						return err
					}
				}
			}
		case ast.AlterTableAddConstraint:
			if err := b.addConstraint(ts, spec.Constraint); err != nil {
				return err
			}
		case ast.AlterTableDropColumn:
			name := spec.OldColumnName.Name.O
			if !removeColumn(t, name) {
				return fmt.Errorf("column %s.%s is not defined", t.Name, name)
			}
		case ast.AlterTableDropIndex:
			if err := dropIndexOf(t, spec.Name, spec.IfExists); err != nil {
				return err
			}
		case ast.AlterTableRenameTable:
			if err := b.p.renameTable(b.s, t.Name, spec.NewTable.Name.O); err != nil {
				return err
			}
		case ast.AlterTableDropPrimaryKey:
			removeConstraint(t, "PRIMARY", engines.PrimaryKey)
		case ast.AlterTableDropForeignKey:
			for _, c := range t.Constraints {
				if c.Kind == engines.ForeignKey && strings.EqualFold(c.Name, spec.Name) {
					// The index the server made for the key stays.
					b.p.addFKIndex(ts, c)
				}
			}
			removeConstraint(t, spec.Name, engines.ForeignKey)
		case ast.AlterTableDropCheck:
			removeConstraint(t, spec.Constraint.Name, engines.Check)
			delete(ts.columnChecks, strings.ToLower(spec.Constraint.Name))
		case ast.AlterTableModifyColumn, ast.AlterTableChangeColumn:
			old := spec.NewColumns[0].Name.Name.O
			if spec.OldColumnName != nil {
				old = spec.OldColumnName.Name.O
			}
			c, extra, err := b.column(ts, spec.NewColumns[0])
			if err != nil {
				return err
			}
			i := columnIndex(t, old)
			if i < 0 {
				return fmt.Errorf("column %s.%s is not defined", t.Name, old)
			}
			prev := t.Columns[i]
			if !strings.EqualFold(old, c.Name) {
				if err := b.renameInExpressions(ts, prev.Name, c.Name, true); err != nil {
					return err
				}
			}
			t.Columns[i] = c
			c.RenamedFrom = prev.RenamedFrom
			if !strings.EqualFold(old, c.Name) {
				b.renameColumnRefs(t, old, c.Name)
				renamedFrom(c, prev.Name)
			}
			if spec.Position != nil && spec.Position.Tp != ast.ColumnPositionNone {
				t.Columns = append(t.Columns[:i], t.Columns[i+1:]...)
				if err := insertColumn(t, c, spec.Position); err != nil {
					return err
				}
			}
			for _, con := range extra {
				if err := b.addColumnConstraint(ts, c, con); err != nil {
					return err
				}
			}
		case ast.AlterTableRenameColumn:
			old, name := spec.OldColumnName.Name.O, spec.NewColumnName.Name.O
			i := columnIndex(t, old)
			if i < 0 {
				return fmt.Errorf("column %s.%s is not defined", t.Name, old)
			}
			if j := columnIndex(t, name); j >= 0 && j != i {
				return fmt.Errorf("column %s.%s is already defined", t.Name, name)
			}
			if err := b.renameInExpressions(ts, t.Columns[i].Name, name, false); err != nil {
				return err
			}
			renamedFrom(t.Columns[i], old)
			t.Columns[i].Name = name
			b.renameColumnRefs(t, old, name)
		case ast.AlterTableAlterColumn:
			cd := spec.NewColumns[0]
			c := columnCI(t, cd.Name.Name.O)
			if c == nil {
				return fmt.Errorf("column %s.%s is not defined", t.Name, cd.Name.Name.O)
			}
			switch {
			case len(cd.Options) == 0:
				c.Default = "" // DROP DEFAULT
			case len(cd.Options) == 1 && cd.Options[0].Expr != nil: // SET DEFAULT
				e, err := b.exprOf(cd.Options[0].Expr)
				if err != nil {
					return fmt.Errorf("default of column %s: %w", c.Name, err)
				}
				c.Default = canonDefault(e, c.Type)
			default:
				return b.p.unsupported(b.s, "ALTER TABLE ... ALTER COLUMN "+c.Name)
			}
		case ast.AlterTableRenameIndex:
			if strings.EqualFold(spec.FromKey.O, "PRIMARY") || strings.EqualFold(spec.ToKey.O, "PRIMARY") {
				return fmt.Errorf("the primary key of %s cannot be renamed", t.Name)
			}
			if indexCI(t, spec.ToKey.O) != nil {
				return fmt.Errorf("index %s on %s is already defined", spec.ToKey.O, t.Name)
			}
			ix := indexCI(t, spec.FromKey.O)
			if ix == nil {
				return fmt.Errorf("index %s on %s is not defined", spec.FromKey.O, t.Name)
			}
			ix.Name = spec.ToKey.O
		case ast.AlterTableAlgorithm, ast.AlterTableLock, ast.AlterTableForce:
			// How the server runs the statement, not what it makes.
		case ast.AlterTableIndexInvisible:
			ix := indexCI(t, spec.IndexName.O)
			if ix == nil {
				return fmt.Errorf("index %s on %s is not defined", spec.IndexName.O, t.Name)
			}
			delete(ix.Options, "invisible")
			if spec.Visibility == ast.IndexVisibilityInvisible {
				if ix.Options == nil {
					ix.Options = map[string]string{}
				}
				ix.Options["invisible"] = "true"
			}
		case ast.AlterTableAlterCheck:
			var ck *engines.Constraint
			for _, c := range t.Constraints {
				if c.Kind == engines.Check && strings.EqualFold(c.Name, spec.Constraint.Name) {
					ck = c
				}
			}
			if ck == nil {
				return fmt.Errorf("check constraint %s on %s is not defined", spec.Constraint.Name, t.Name)
			}
			ck.NotEnforced = !spec.Constraint.Enforced
		default:
			return b.p.unsupported(b.s, "ALTER TABLE "+alterClauseName(spec.Tp))
		}
	}
	return nil
}

// renameColumnRefs follows a column rename as the server does: the
// table's index and key parts and its foreign keys' columns, and the
// referenced columns of foreign keys (of any table) that point at it.
func (b *builder) renameColumnRefs(t *engines.Table, old, name string) {
	rename := func(list []string) {
		for i, c := range list {
			if strings.EqualFold(c, old) {
				list[i] = name
			}
		}
	}
	for _, ix := range t.Indexes {
		for _, p := range ix.Parts {
			if p.Expr == "" && strings.EqualFold(p.Column, old) {
				p.Column = name
			}
		}
	}
	for _, k := range t.Constraints {
		rename(k.Columns)
	}
	for _, ts := range b.p.tables {
		for _, k := range ts.t.Constraints {
			if k.Kind == engines.ForeignKey && strings.EqualFold(k.RefTable, t.Name) && (k.RefSchema == "" || strings.EqualFold(k.RefSchema, t.Schema)) {
				rename(k.RefColumns)
			}
		}
	}
}

func columnIndex(t *engines.Table, name string) int {
	for i, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	return -1
}

func insertColumn(t *engines.Table, c *engines.Column, pos *ast.ColumnPosition) error {
	if pos == nil || pos.Tp == ast.ColumnPositionNone {
		t.Columns = append(t.Columns, c)
		return nil
	}
	at := 0
	if pos.Tp == ast.ColumnPositionAfter {
		i := columnIndex(t, pos.RelativeColumn.Name.O)
		if i < 0 {
			return fmt.Errorf("column %s.%s is not defined", t.Name, pos.RelativeColumn.Name.O)
		}
		at = i + 1
	}
	t.Columns = append(t.Columns[:at], append([]*engines.Column{c}, t.Columns[at:]...)...)
	return nil
}

// removeColumn drops a column as the server does: out of every key and
// index that holds it, and the keys and indexes it was all of with it.
func removeColumn(t *engines.Table, name string) bool {
	i := columnIndex(t, name)
	if i < 0 {
		return false
	}
	t.Columns = append(t.Columns[:i], t.Columns[i+1:]...)
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *engines.Index) bool {
		ix.Parts = slices.DeleteFunc(ix.Parts, func(p *engines.IndexPart) bool { return strings.EqualFold(p.Column, name) })
		return len(ix.Parts) == 0
	})
	t.Constraints = slices.DeleteFunc(t.Constraints, func(c *engines.Constraint) bool {
		if c.Kind != engines.PrimaryKey && c.Kind != engines.Unique {
			return false
		}
		c.Columns = slices.DeleteFunc(c.Columns, func(col string) bool { return strings.EqualFold(col, name) })
		return len(c.Columns) == 0
	})
	return true
}

// indexCI is the table's index of that name (the servers fold index
// names' case), or nil.
func indexCI(t *engines.Table, name string) *engines.Index {
	for _, ix := range t.Indexes {
		if strings.EqualFold(ix.Name, name) {
			return ix
		}
	}
	return nil
}

func removeIndex(t *engines.Table, name string) bool {
	if strings.EqualFold(name, "PRIMARY") {
		return removeConstraint(t, "PRIMARY", engines.PrimaryKey)
	}
	for i, ix := range t.Indexes {
		if strings.EqualFold(ix.Name, name) {
			t.Indexes = append(t.Indexes[:i], t.Indexes[i+1:]...)
			return true
		}
	}
	return false
}

func removeConstraint(t *engines.Table, name string, kind engines.ConstraintKind) bool {
	for i, c := range t.Constraints {
		if c.Kind == kind && strings.EqualFold(c.Name, name) {
			t.Constraints = append(t.Constraints[:i], t.Constraints[i+1:]...)
			return true
		}
	}
	return false
}

func (b *builder) createView(n *ast.CreateViewStmt, check string) error {
	name := n.ViewName.Name.O
	if err := b.p.define(b.s, "VIEW", name); err != nil {
		return err
	}
	q, err := viewQuery(n)
	if err != nil {
		return err
	}
	v := &engines.View{Name: name, Query: q, Options: map[string]string{}}
	if q := writtenQuery(n.Select); b.asWritten && q != "" {
		v.Text = "AS " + q
		if len(n.Cols) > 0 {
			cols := make([]string, len(n.Cols))
			for i, c := range n.Cols {
				cols[i] = quoteIdent(c.O)
			}
			// MariaDB folds the list into the query's aliases, MySQL
			// keeps it apart: as a load of the file does.
			v.Text = "(" + strings.Join(cols, ",") + ") " + v.Text
		}
	}
	if n.Algorithm != ast.AlgorithmUndefined {
		v.Options["algorithm"] = n.Algorithm.String()
	}
	if n.Security == ast.SecurityInvoker {
		v.Options["security"] = "INVOKER"
	}
	if check != "" {
		v.Options["check_option"] = check
	}
	if len(v.Options) == 0 {
		v.Options = nil
	}
	b.p.schema.Views = append(b.p.schema.Views, v)
	return nil
}

// viewQuery prints a view's query canonically. A column list is folded
// into the select list's aliases, as MariaDB stores it.
func viewQuery(n *ast.CreateViewStmt) (string, error) {
	sel := n.Select
	if len(n.Cols) > 0 {
		s, ok := sel.(*ast.SelectStmt)
		if !ok || s.Fields == nil || len(s.Fields.Fields) != len(n.Cols) {
			return "", fmt.Errorf("%w: view column list on a query whose columns cannot be renamed in place", errUnsupported)
		}
		for i, f := range s.Fields.Fields {
			if f.WildCard != nil {
				return "", fmt.Errorf("%w: view column list with SELECT *", errUnsupported)
			}
			f.AsName = n.Cols[i]
		}
	}
	return canonView(restoreView(sel))
}

// writtenQuery is a view's query as the file wrote it, for CREATE VIEW: the
// servers store a view's text as sent (MariaDB and MySQL reprint it from
// what they parsed), so a reprint of the parser's (count(*) as count(1),
// lead(x) as lead(x,1)) would differ from what a load of the files stores.
// Its database qualifiers are taken out, as the model's query leaves them
// out on purpose. Empty when the text holds comments (a trailing one would
// swallow WITH CHECK OPTION; mysqldump's version comments end inside it) or
// its qualifiers cannot be told apart (see withoutSchemas).
func writtenQuery(sel ast.StmtNode) string {
	text := strings.TrimSpace(sel.Text())
	if text == "" || hasComment(text) {
		return ""
	}
	return withoutSchemas(text, sel)
}

// restoreView prints a parsed query back to text.
func restoreView(n ast.Node) string {
	s, err := restore(n, viewRestoreFlags)
	if err != nil {
		return ""
	}
	return s
}

// finish adds what the server adds on its own: the index a foreign key
// needs when no index starts with its columns, and normalizes collations.
func (p *parser) finish() {
	if !p.flavor.TiDB {
		p.storableComments()
	}
	for _, ts := range p.tables {
		t := ts.t
		for _, c := range t.Constraints {
			if c.Kind == engines.Check {
				if col := columnCI(t, ts.columnChecks[strings.ToLower(c.Name)]); col != nil {
					setOption(&c.Options, optColumnLevel, col.Name)
				}
			}
			if c.Kind == engines.PrimaryKey {
				// The servers keep primary key columns NOT NULL, also when
				// a later MODIFY says NULL (MariaDB takes that silently).
				for _, name := range c.Columns {
					if col := columnCI(t, name); col != nil {
						col.NotNull = true
					}
				}
			}
			if c.Kind == engines.ForeignKey {
				p.addFKIndex(ts, c)
				if c.RefSchema == "" && p.tables[c.RefTable] == nil {
					p.warn(fmt.Sprintf("foreign key %s of table %s references table %s, which the schema files do not define (the server takes it only with foreign_key_checks off)",
						c.Name, t.Name, c.RefTable))
				}
			}
		}
		for _, ix := range t.Indexes {
			if ix.Method != "FULLTEXT" {
				continue
			}
			spatial := len(ix.Parts) > 0
			for _, part := range ix.Parts {
				if c := columnCI(t, part.Column); c == nil || !isSpatialType(c.Type) {
					spatial = false
				}
			}
			if spatial {
				ix.Method = "SPATIAL"
			}
		}
		if len(t.Options) == 0 {
			t.Options = nil
		}
	}
}

// addFKIndex adds the index the server makes for foreign key c when no
// index starts with its columns: at the end of the files, or when a
// later ALTER TABLE drops the key (the index outlives it).
func (p *parser) addFKIndex(ts *tableState, c *engines.Constraint) {
	t := ts.t
	if hasIndexFor(t, c.Columns) {
		return
	}
	name := p.flavor.FKIndexName(c.Name, ts.fkNamed[c.Name], c.Columns[0])
	parts := make([]*engines.IndexPart, len(c.Columns))
	for i, col := range c.Columns {
		parts[i] = &engines.IndexPart{Column: col}
	}
	if indexByName(t, name) != nil {
		name = indexName(t, parts)
	}
	t.Indexes = append(t.Indexes, &engines.Index{Name: name, Parts: parts})
}

// hasIndexFor reports whether an index (or the primary key) starts with the
// columns, so that a foreign key on them needs no index of its own.
func hasIndexFor(t *engines.Table, cols []string) bool {
	starts := func(have []string) bool {
		if len(have) < len(cols) {
			return false
		}
		for i, c := range cols {
			if !strings.EqualFold(have[i], c) {
				return false
			}
		}
		return true
	}
	for _, c := range t.Constraints {
		if c.Kind == engines.PrimaryKey && starts(c.Columns) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Method != "" {
			continue
		}
		var have []string
		for _, part := range ix.Parts {
			if part.Column == "" || part.Length > 0 {
				break
			}
			have = append(have, part.Column)
		}
		if starts(have) {
			return true
		}
	}
	return false
}

func indexByName(t *engines.Table, name string) *engines.Index {
	for _, ix := range t.Indexes {
		if strings.EqualFold(ix.Name, name) {
			return ix
		}
	}
	return nil
}

// alterClauseName names an ALTER TABLE clause the model does not take, for
// the error.
func alterClauseName(tp ast.AlterTableType) string {
	switch tp {
	case ast.AlterTablePartition, ast.AlterTableRemovePartitioning:
		return "PARTITION BY / REMOVE PARTITIONING (write the partitioning in CREATE TABLE)"
	case ast.AlterTableAddPartitions, ast.AlterTableDropPartition, ast.AlterTableCoalescePartitions,
		ast.AlterTableReorganizePartition, ast.AlterTableTruncatePartition, ast.AlterTableExchangePartition:
		return "partition maintenance"
	case ast.AlterTableEnableKeys, ast.AlterTableDisableKeys:
		return "ENABLE/DISABLE KEYS"
	case ast.AlterTableOrderByColumns:
		return "ORDER BY"
	}
	return fmt.Sprintf("clause %d", tp)
}

// dropIndex applies DROP INDEX ... ON t to a table a CREATE TABLE defined
// (see applyDrops).
func (b *builder) dropIndex(n *ast.DropIndexStmt) error {
	ts, err := b.table(n.Table.Name.O)
	if err != nil {
		if n.IfExists {
			return nil
		}
		return err
	}
	return dropIndexOf(ts.t, n.IndexName, n.IfExists)
}

// dropIndexOf removes an index of t, or its primary key when named PRIMARY
// (DROP INDEX `PRIMARY` ON t drops it).
func dropIndexOf(t *engines.Table, name string, ifExists bool) error {
	if strings.EqualFold(name, "PRIMARY") {
		if removeConstraint(t, "PRIMARY", engines.PrimaryKey) {
			return nil
		}
	} else if removeIndex(t, name) {
		return nil
	}
	if ifExists {
		return nil
	}
	return fmt.Errorf("index %s on %s is not defined", name, t.Name)
}

// storableComments writes comments as MySQL and MariaDB store them: their
// data dictionaries keep comments in utf8mb3, where a character outside
// the Basic Multilingual Plane (an emoji) becomes "?". TiDB keeps them.
func (p *parser) storableComments() {
	fix := func(what string, c *string) {
		if fixed, changed := utf8mb3Text(*c); changed {
			*c = fixed
			p.warn(fmt.Sprintf("comment of %s: MySQL and MariaDB store characters outside the Basic Multilingual Plane (such as emoji) in comments as \"?\"", what))
		}
	}
	for _, t := range p.schema.Tables {
		fix("table "+t.Name, &t.Comment)
		for _, c := range t.Columns {
			fix("column "+t.Name+"."+c.Name, &c.Comment)
		}
		for _, ix := range t.Indexes {
			fix("index "+t.Name+"."+ix.Name, &ix.Comment)
		}
	}
	for _, f := range p.schema.Functions {
		fix("routine "+f.Name, &f.Comment)
	}
	for _, e := range p.schema.Events {
		fix("event "+e.Name, &e.Comment)
	}
}

// utf8mb3Text replaces the characters utf8mb3 cannot hold with "?".
func utf8mb3Text(s string) (string, bool) {
	if !hasSupplementary(s) {
		return s, false
	}
	var b strings.Builder
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// columnCharset is the character set a character column stores in (the
// table's, or the servers' default utf8mb4), "" for other columns.
func columnCharset(c *engines.Column, t *engines.Table) string {
	if !isTextType(c.Type) {
		return ""
	}
	switch {
	case c.Charset != "":
		return c.Charset
	case c.Collation != "":
		return CharsetOf(c.Collation)
	case t.Options["CHARSET"] != "":
		return t.Options["CHARSET"]
	}
	return "utf8mb4"
}

// textTypes are the TEXT types by the bytes they hold.
var textTypes = []struct {
	name  string
	bytes int
}{{"tinytext", 255}, {"text", 65535}, {"mediumtext", 16777215}, {"longtext", 4294967295}}

// convertColumns applies ALTER TABLE ... CONVERT TO CHARACTER SET: every
// character column takes the table's new character set and collation,
// and a TEXT column grows to the type that holds as many characters as
// before (latin1 TEXT becomes utf8mb4 MEDIUMTEXT), as the servers do.
// before holds each column's character set before the change.
func convertColumns(t *engines.Table, before []string) {
	cs, co := t.Options["CHARSET"], t.Options["COLLATE"]
	for i, c := range t.Columns {
		if before[i] == "" {
			continue
		}
		c.Charset, c.Collation = cs, co
		oldBytes, newBytes := charsetBytes[before[i]], charsetBytes[cs]
		if oldBytes == 0 || newBytes <= oldBytes {
			continue
		}
		for k, tt := range textTypes {
			if c.Type != tt.name {
				continue
			}
			need := tt.bytes / oldBytes * newBytes
			for _, bigger := range textTypes[k:] {
				if bigger.bytes >= need || bigger.name == "longtext" {
					c.Type = bigger.name
					break
				}
			}
			break
		}
	}
}

// renamedFrom records that files written as a history renamed column c
// from old: a target that has the old column gets it renamed, data kept,
// as an annotation would confirm (engines.FindRenames). A column renamed
// more than once keeps its first name.
func renamedFrom(c *engines.Column, old string) {
	if c.RenamedFrom == "" {
		c.RenamedFrom = old
	}
}

// renameTable applies RENAME TABLE (or ALTER TABLE ... RENAME) in files
// written as a history: the table (or view) takes the new name, foreign
// keys that reference it follow it (InnoDB renames them), and it records
// the name it had first, so that a target that still has that name gets
// it renamed, rows kept (engines.FindRenames).
func (p *parser) renameTable(s stmtAt, from, to string) error {
	if p.tables[to] != nil || p.view(to) != nil {
		return s.fail(fmt.Errorf("RENAME TABLE %s TO %s: %s is already defined", from, to, to))
	}
	if v := p.view(from); v != nil {
		delete(p.defined, "VIEW "+from)
		p.defined["VIEW "+to] = s
		v.Name = to
		return nil
	}
	ts := p.tables[from]
	if ts == nil {
		return s.fail(fmt.Errorf("RENAME TABLE %s TO %s: table %s is not defined", from, to, from))
	}
	delete(p.tables, from)
	p.tables[to] = ts
	delete(p.defined, "TABLE "+from)
	p.defined["TABLE "+to] = s
	if ts.t.RenamedFrom == "" {
		ts.t.RenamedFrom = from
	}
	ts.t.Name = to
	for _, other := range p.tables {
		if d, ok := p.defined["TABLE "+other.t.Name]; ok && d.seq > s.seq {
			// Made after the rename in the files (a table made in an
			// earlier pass): its keys name the table that has the name then.
			continue
		}
		for _, c := range other.t.Constraints {
			if c.Kind == engines.ForeignKey && c.RefSchema == "" && c.RefTable == from {
				c.RefTable = to
			}
		}
	}
	return nil
}

// view finds a view the files define by name.
func (p *parser) view(name string) *engines.View {
	for _, v := range p.schema.Views {
		if v.Name == name {
			return v
		}
	}
	return nil
}
