package oracle

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// errUnsupported marks statements outside the DDL subset; with
// ParseOptions.SkipUnsupported they become warnings.
var errUnsupported = errors.New("not supported")

// parseFiles reads Oracle DDL scripts into the model.
func parseFiles(ctx context.Context, files []engines.File, opts engines.ParseOptions) (*engines.Database, error) {
	b := &builder{schema: &engines.Schema{}, tables: map[string]*engines.Table{}, views: map[string]*engines.View{}}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		stmts, err := splitScript(f.Text)
		if err != nil {
			return nil, &engines.StatementError{File: f.Path, Err: err}
		}
		for _, st := range stmts {
			p := &parser{toks: st.tokens, stmt: st, file: f.Path}
			err := p.statement(b)
			if err == nil {
				continue
			}
			line := st.line
			var pe *posError
			if errors.As(err, &pe) {
				line = pe.line
			}
			serr := &engines.StatementError{File: f.Path, Line: line, Statement: st.text, Err: err}
			if errors.Is(err, errUnsupported) && opts.SkipUnsupported {
				if opts.Warn != nil {
					opts.Warn(serr.Error())
				}
				continue
			}
			return nil, serr
		}
	}
	if err := b.finish(opts); err != nil {
		return nil, err
	}
	db := &engines.Database{Engine: "oracle", Schemas: []*engines.Schema{b.schema}}
	db.Sort()
	return db, nil
}

// posError is a parse error at a token.
type posError struct {
	line, col int
	msg       string
	err       error
}

func (e *posError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }
func (e *posError) Unwrap() error { return e.err }

// builder collects the objects of all statements; comments and
// ALTER TABLE clauses are resolved against it.
type builder struct {
	schema *engines.Schema
	tables map[string]*engines.Table
	views  map[string]*engines.View
	// comments wait for finish: a COMMENT may name a table or a view.
	comments []pendingComment
}

type pendingComment struct {
	table, column, text string
	file                string
	stmt                rawStatement
}

type parser struct {
	file string
	toks []token
	pos  int
	stmt rawStatement
}

func (p *parser) peek() token {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	last := token{line: p.stmt.line}
	if len(p.toks) > 0 {
		last = p.toks[len(p.toks)-1]
	}
	return token{kind: tSym, val: "<end>", line: last.line, col: last.col}
}

func (p *parser) peekAt(i int) token {
	if p.pos+i < len(p.toks) {
		return p.toks[p.pos+i]
	}
	return token{kind: tSym, val: "<end>"}
}

func (p *parser) atEnd() bool { return p.pos >= len(p.toks) }

func (p *parser) errf(format string, args ...any) error {
	t := p.peek()
	return &posError{line: t.line, col: t.col, msg: fmt.Sprintf(format, args...) + " near " + describe(t)}
}

// missingTable reports a statement about a table the files do not define
// (before it); with SkipUnsupported it is skipped like unsupported ones,
// since the table is often created by a statement that was skipped.
func (p *parser) missingTable(what, table string) error {
	t := p.peek()
	return &posError{line: t.line, col: t.col, msg: what + ": table " + table + " is not defined before it (a statement about a table these files do not define is not supported)", err: errUnsupported}
}

func (p *parser) unsupported(what string) error {
	t := p.peek()
	return &posError{line: t.line, col: t.col, msg: what + " is not supported", err: errUnsupported}
}

func describe(t token) string {
	if t.val == "<end>" {
		return "end of statement"
	}
	return strconv.Quote(t.val)
}

// isKw reports whether the next token is one of the keywords.
func (p *parser) isKw(words ...string) bool {
	t := p.peek()
	if t.kind != tIdent {
		return false
	}
	for _, w := range words {
		if t.val == w {
			return true
		}
	}
	return false
}

func (p *parser) acceptKw(words ...string) bool {
	if p.isKw(words...) {
		p.pos++
		return true
	}
	return false
}

func (p *parser) expectKw(words ...string) error {
	if !p.acceptKw(words...) {
		return p.errf("expected %s", strings.Join(words, " or "))
	}
	return nil
}

func (p *parser) isSym(s string) bool {
	t := p.peek()
	return t.kind == tSym && t.val == s
}

func (p *parser) acceptSym(s string) bool {
	if p.isSym(s) {
		p.pos++
		return true
	}
	return false
}

func (p *parser) expectSym(s string) error {
	if !p.acceptSym(s) {
		return p.errf("expected %q", s)
	}
	return nil
}

// name reads one identifier: unquoted names fold to upper case.
func (p *parser) name() (string, error) {
	t := p.peek()
	switch t.kind {
	case tIdent, tQuoted:
		p.pos++
		return t.val, nil
	case tSubst:
		return "", &posError{line: t.line, col: t.col, msg: "substitution variable " + t.val + " in a name is not supported", err: errUnsupported}
	}
	return "", p.errf("expected a name")
}

// qualified reads [schema.]name and drops the schema: the model holds the
// one schema the files are applied to.
func (p *parser) qualified() (string, error) {
	n, err := p.name()
	if err != nil {
		return "", err
	}
	if p.acceptSym(".") {
		n, err = p.name()
		if err != nil {
			return "", err
		}
	}
	if p.acceptSym("@") {
		return "", p.unsupported("a database link")
	}
	return n, nil
}

func (p *parser) nameList() ([]string, error) {
	if err := p.expectSym("("); err != nil {
		return nil, err
	}
	var out []string
	for {
		n, err := p.name()
		if err != nil {
			return nil, err
		}
		out = append(out, n)
		if p.acceptSym(")") {
			return out, nil
		}
		if err := p.expectSym(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) number() (int64, error) {
	neg := p.acceptSym("-")
	t := p.peek()
	if t.kind != tNumber {
		return 0, p.errf("expected a number")
	}
	p.pos++
	v, err := strconv.ParseInt(t.val, 10, 64)
	if err != nil {
		return 0, &posError{line: t.line, col: t.col, msg: "number " + t.val + " out of range"}
	}
	if neg {
		v = -v
	}
	return v, nil
}

// balanced reads tokens up to (not including) a stop symbol or keyword at
// nesting depth 0, or the end; it fails on an unbalanced ")".
func (p *parser) balanced(stopSyms []string, stopKws []string) ([]token, error) {
	start := p.pos
	depth := 0
	for !p.atEnd() {
		t := p.peek()
		if depth == 0 {
			if t.kind == tSym && contains(stopSyms, t.val) {
				break
			}
			if t.kind == tIdent && contains(stopKws, t.val) {
				break
			}
		}
		if t.kind == tSym && t.val == "(" {
			depth++
		} else if t.kind == tSym && t.val == ")" {
			if depth == 0 {
				break
			}
			depth--
		}
		p.pos++
	}
	if depth != 0 {
		return nil, p.errf("unbalanced parentheses")
	}
	return p.toks[start:p.pos], nil
}

// parenExpr reads "( expr )" and returns the canonical expression inside.
func (p *parser) parenExpr() (string, error) {
	if err := p.expectSym("("); err != nil {
		return "", err
	}
	toks, err := p.balanced(nil, nil)
	if err != nil {
		return "", err
	}
	if err := p.expectSym(")"); err != nil {
		return "", err
	}
	if len(toks) == 0 {
		return "", p.errf("empty expression")
	}
	return exprString(toks), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// statement parses one statement into the builder.
func (p *parser) statement(b *builder) error {
	if p.stmt.plsql {
		return p.unsupported("PL/SQL (" + leadWords(p.toks) + ")")
	}
	switch {
	case p.acceptKw("CREATE"):
		p.acceptKw("OR")
		if p.isKw("REPLACE") {
			p.pos++
		}
		return p.create(b)
	case p.acceptKw("ALTER"):
		if !p.acceptKw("TABLE") {
			return p.unsupported("ALTER " + p.peek().val)
		}
		return p.alterTable(b)
	case p.acceptKw("COMMENT"):
		return p.comment(b)
	}
	return p.unsupported("statement " + leadWords(p.toks))
}

func leadWords(toks []token) string {
	var w []string
	for _, t := range toks {
		if t.kind != tIdent || len(w) == 3 {
			break
		}
		w = append(w, t.val)
	}
	return strings.Join(w, " ")
}

func (p *parser) create(b *builder) error {
	for p.acceptKw("NO", "FORCE", "EDITIONABLE", "NONEDITIONABLE", "EDITIONING") {
	}
	switch {
	case p.acceptKw("TABLE"):
		return p.createTable(b)
	case p.isKw("UNIQUE", "BITMAP", "INDEX"):
		return p.createIndex(b)
	case p.acceptKw("VIEW"):
		return p.createView(b)
	case p.acceptKw("SEQUENCE"):
		return p.createSequence(b)
	}
	return p.unsupported("CREATE " + p.peek().val)
}

func (p *parser) createTable(b *builder) error {
	name, err := p.qualified()
	if err != nil {
		return err
	}
	if _, dup := b.tables[name]; dup {
		return p.errf("table %s is defined twice", name)
	}
	if p.isKw("OF") {
		return p.unsupported("an object table (CREATE TABLE ... OF type)")
	}
	if p.isKw("AS") {
		return p.unsupported("CREATE TABLE ... AS SELECT")
	}
	t := &engines.Table{Name: name}
	if err := p.expectSym("("); err != nil {
		return err
	}
	for {
		if p.isKw("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK") {
			c, err := p.outOfLineConstraint(t)
			if err != nil {
				return err
			}
			t.Constraints = append(t.Constraints, c)
		} else if p.isKw("SUPPLEMENTAL", "PERIOD") {
			return p.unsupported(p.peek().val + " in a table")
		} else {
			if err := p.columnDef(t); err != nil {
				return err
			}
		}
		if p.acceptSym(")") {
			break
		}
		if err := p.expectSym(","); err != nil {
			return err
		}
	}
	// Physical attributes, storage, organization, partitioning, LOB
	// storage: accepted and ignored (the model compares logical schema).
	if _, err := p.balanced(nil, []string{"AS"}); err != nil {
		return err
	}
	if p.isKw("AS") {
		return p.unsupported("CREATE TABLE ... AS SELECT")
	}
	if !p.atEnd() {
		return p.errf("unexpected text after the table definition")
	}
	b.tables[name] = t
	b.schema.Tables = append(b.schema.Tables, t)
	return nil
}

// constraintStart are the keywords that end a column's type or default.
var constraintStart = []string{"CONSTRAINT", "NOT", "NULL", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES",
	"ENABLE", "DISABLE", "DEFERRABLE", "INITIALLY", "VALIDATE", "NOVALIDATE", "RELY", "NORELY", "USING"}

func (p *parser) columnDef(t *engines.Table) error {
	name, err := p.name()
	if err != nil {
		return err
	}
	if t.Column(name) != nil {
		return p.errf("column %s is defined twice", name)
	}
	c := &engines.Column{Name: name}
	// A virtual column may leave out its type: "b INVISIBLE AS (expr)".
	virtualNoType := p.isKw("GENERATED", "AS") ||
		p.isKw("VISIBLE", "INVISIBLE") && p.peekAt(1).isKw("GENERATED", "AS")
	if !virtualNoType {
		if c.Type, err = p.dataType(); err != nil {
			return err
		}
	}
	for !p.atEnd() && !p.isSym(",") && !p.isSym(")") {
		switch {
		case p.acceptKw("SORT", "VISIBLE"):
		case p.acceptKw("INVISIBLE"):
			setOpt(&c.Options, "invisible", "true")
		case p.acceptKw("COLLATE"):
			if c.Collation, err = p.name(); err != nil {
				return err
			}
		case p.acceptKw("DEFAULT"):
			if p.acceptKw("ON") {
				if err := p.expectKw("NULL"); err != nil {
					return err
				}
				setOpt(&c.Options, "default_on_null", "true")
				c.NotNull = true // Oracle adds a NOT NULL constraint with ON NULL
			}
			if p.isKw("NULL") && !p.peekAt(1).isKw("NOT", "NULL") {
				p.pos++
				continue // DEFAULT NULL is no default
			}
			toks, err := p.balanced([]string{","}, constraintStart)
			if err != nil {
				return err
			}
			if len(toks) == 0 {
				return p.errf("expected a default expression")
			}
			c.Default = exprString(toks)
			if c.Default == "NULL" {
				c.Default = ""
			}
		case p.isKw("GENERATED") && p.peekAt(1).isKw("BY") || p.isKw("GENERATED") && p.peekAt(1).isKw("ALWAYS") && p.peekAt(2).isKw("AS") && p.peekAt(3).isKw("IDENTITY"):
			if err := p.identity(c); err != nil {
				return err
			}
		case p.isKw("GENERATED", "AS"):
			if p.acceptKw("GENERATED") {
				if err := p.expectKw("ALWAYS"); err != nil {
					return err
				}
			}
			if err := p.expectKw("AS"); err != nil {
				return err
			}
			if c.Generated, err = p.parenExpr(); err != nil {
				return err
			}
			p.acceptKw("VIRTUAL")
		case p.isKw("ENCRYPT"):
			return p.unsupported("ENCRYPT")
		default:
			if err := p.inlineConstraint(t, c); err != nil {
				return err
			}
		}
	}
	if c.Type == "" && c.Generated == "" {
		// Only a virtual column may leave its type to its expression.
		return p.errf("column %s has no data type", name)
	}
	if c.Identity != "" && c.Default != "" {
		return p.errf("column %s: an identity column takes no DEFAULT", name)
	}
	if c.Generated != "" && (c.Default != "" || c.Identity != "") {
		return p.errf("column %s: a virtual column takes no DEFAULT or IDENTITY", name)
	}
	t.Columns = append(t.Columns, c)
	return nil
}

func (t token) isKw(words ...string) bool {
	return t.kind == tIdent && contains(words, t.val)
}

func setOpt(m *map[string]string, k, v string) {
	if *m == nil {
		*m = map[string]string{}
	}
	(*m)[k] = v
}

// identity reads GENERATED {ALWAYS | BY DEFAULT [ON NULL]} AS IDENTITY [(options)].
func (p *parser) identity(c *engines.Column) error {
	p.pos++ // GENERATED
	switch {
	case p.acceptKw("ALWAYS"):
		c.Identity = "ALWAYS"
	case p.acceptKw("BY"):
		if err := p.expectKw("DEFAULT"); err != nil {
			return err
		}
		c.Identity = "BY DEFAULT"
		if p.acceptKw("ON") {
			if err := p.expectKw("NULL"); err != nil {
				return err
			}
			c.Identity = "BY DEFAULT ON NULL"
		}
	}
	if err := p.expectKw("AS"); err != nil {
		return err
	}
	if err := p.expectKw("IDENTITY"); err != nil {
		return err
	}
	c.NotNull = true // Oracle makes identity columns NOT NULL
	if p.acceptSym("(") {
		o := &engines.SequenceOptions{}
		if err := p.sequenceOptions(o, ")"); err != nil {
			return err
		}
		if err := p.expectSym(")"); err != nil {
			return err
		}
		canonSequence(o)
		if *o != (engines.SequenceOptions{}) {
			c.IdentityOptions = o
		}
	}
	return nil
}

// inlineConstraint reads one inline column constraint with its state.
func (p *parser) inlineConstraint(t *engines.Table, c *engines.Column) error {
	name := ""
	if p.acceptKw("CONSTRAINT") {
		var err error
		if name, err = p.name(); err != nil {
			return err
		}
	}
	con := &engines.Constraint{Name: name, Columns: []string{c.Name}}
	switch {
	case p.acceptKw("NOT"):
		if err := p.expectKw("NULL"); err != nil {
			return err
		}
		c.NotNull = true
		if name != "" {
			setOpt(&c.Options, "not_null_constraint", name)
		}
		_, err := p.constraintState(&engines.Constraint{})
		return err
	case p.acceptKw("NULL"):
		return nil
	case p.acceptKw("PRIMARY"):
		if err := p.expectKw("KEY"); err != nil {
			return err
		}
		con.Kind = engines.PrimaryKey
	case p.acceptKw("UNIQUE"):
		con.Kind = engines.Unique
	case p.acceptKw("CHECK"):
		con.Kind, con.Columns = engines.Check, nil
		var err error
		if con.Check, err = p.parenExpr(); err != nil {
			return err
		}
	case p.acceptKw("REFERENCES"):
		con.Kind = engines.ForeignKey
		if err := p.references(con); err != nil {
			return err
		}
	default:
		return p.errf("unexpected text in the definition of column %s", c.Name)
	}
	if _, err := p.constraintState(con); err != nil {
		return err
	}
	t.Constraints = append(t.Constraints, con)
	return nil
}

// outOfLineConstraint reads [CONSTRAINT name] PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK ... state.
func (p *parser) outOfLineConstraint(t *engines.Table) (*engines.Constraint, error) {
	con := &engines.Constraint{}
	var err error
	if p.acceptKw("CONSTRAINT") {
		if con.Name, err = p.name(); err != nil {
			return nil, err
		}
	}
	switch {
	case p.acceptKw("PRIMARY"):
		if err := p.expectKw("KEY"); err != nil {
			return nil, err
		}
		con.Kind = engines.PrimaryKey
		con.Columns, err = p.nameList()
	case p.acceptKw("UNIQUE"):
		con.Kind = engines.Unique
		con.Columns, err = p.nameList()
	case p.acceptKw("FOREIGN"):
		if err := p.expectKw("KEY"); err != nil {
			return nil, err
		}
		con.Kind = engines.ForeignKey
		if con.Columns, err = p.nameList(); err != nil {
			return nil, err
		}
		if err := p.expectKw("REFERENCES"); err != nil {
			return nil, err
		}
		err = p.references(con)
	case p.acceptKw("CHECK"):
		con.Kind = engines.Check
		con.Check, err = p.parenExpr()
	default:
		return nil, p.errf("expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK")
	}
	if err != nil {
		return nil, err
	}
	if _, err := p.constraintState(con); err != nil {
		return nil, err
	}
	return con, nil
}

func (p *parser) references(con *engines.Constraint) error {
	// The referenced table keeps a schema qualifier: it may be another
	// schema's (comparisons ignore a qualifier one side lacks).
	n, err := p.name()
	if err != nil {
		return err
	}
	con.RefTable = n
	if p.acceptSym(".") {
		if con.RefTable, err = p.name(); err != nil {
			return err
		}
		con.RefSchema = n
	}
	if p.isSym("@") {
		return p.unsupported("a database link")
	}
	if p.isSym("(") {
		if con.RefColumns, err = p.nameList(); err != nil {
			return err
		}
	}
	if p.acceptKw("ON") {
		if err := p.expectKw("DELETE"); err != nil {
			return err
		}
		switch {
		case p.acceptKw("CASCADE"):
			con.OnDelete = "CASCADE"
		case p.acceptKw("SET"):
			if err := p.expectKw("NULL"); err != nil {
				return err
			}
			con.OnDelete = "SET NULL"
		default:
			return p.errf("expected CASCADE or SET NULL")
		}
	}
	return nil
}

// constraintState reads DEFERRABLE, INITIALLY, RELY, ENABLE/DISABLE,
// VALIDATE/NOVALIDATE, USING INDEX and EXCEPTIONS INTO clauses. DISABLE is
// kept as NotEnforced and NOVALIDATE as NotValid. ENABLE implies VALIDATE
// and DISABLE implies NOVALIDATE unless said otherwise, as Oracle does.
func (p *parser) constraintState(con *engines.Constraint) (bool, error) {
	any := false
	validate := ""
	for {
		switch {
		case p.isKw("NOT") && p.peekAt(1).isKw("DEFERRABLE"):
			p.pos += 2
			con.Deferrable = false
		case p.acceptKw("DEFERRABLE"):
			con.Deferrable = true
		case p.acceptKw("INITIALLY"):
			switch {
			case p.acceptKw("DEFERRED"):
				con.InitiallyDeferred = true
			case p.acceptKw("IMMEDIATE"):
				con.InitiallyDeferred = false
			default:
				return any, p.errf("expected DEFERRED or IMMEDIATE")
			}
		case p.acceptKw("RELY", "NORELY"):
		case p.acceptKw("ENABLE"):
			con.NotEnforced = false
		case p.acceptKw("DISABLE"):
			con.NotEnforced = true
		case p.acceptKw("VALIDATE"):
			validate = "VALIDATE"
		case p.acceptKw("NOVALIDATE"):
			validate = "NOVALIDATE"
		case p.acceptKw("USING"):
			if err := p.expectKw("INDEX"); err != nil {
				return any, err
			}
			// The index options (its name, storage, a CREATE INDEX) are
			// physical: skipped.
			if p.acceptSym("(") {
				if _, err := p.balanced(nil, nil); err != nil {
					return any, err
				}
				if err := p.expectSym(")"); err != nil {
					return any, err
				}
			} else if _, err := p.balanced([]string{","}, append([]string{"EXCEPTIONS"}, constraintStart...)); err != nil {
				return any, err
			}
		case p.acceptKw("EXCEPTIONS"):
			if err := p.expectKw("INTO"); err != nil {
				return any, err
			}
			if _, err := p.qualified(); err != nil {
				return any, err
			}
		default:
			if con.InitiallyDeferred {
				con.Deferrable = true
			}
			switch validate {
			case "NOVALIDATE":
				con.NotValid = !con.NotEnforced // DISABLE NOVALIDATE is just DISABLE
			case "VALIDATE":
				con.NotValid = false
			}
			return any, nil
		}
		any = true
	}
}

// dataType reads a type and returns its canonical spelling, as Oracle
// prints it from ALL_TAB_COLS (see the package comment).
func (p *parser) dataType() (string, error) {
	t := p.peek()
	if t.kind != tIdent && t.kind != tQuoted {
		return "", p.errf("expected a data type")
	}
	p.pos++
	if p.acceptSym(".") {
		// The schema qualifier is dropped like elsewhere; what follows is
		// read as any type, or SYS.CHAR(10) would print as CHAR(10) and
		// read back as CHAR(10 BYTE).
		return p.dataType()
	}
	word := t.val
	args := func() ([]string, error) {
		if !p.acceptSym("(") {
			return nil, nil
		}
		var out []string
		for {
			var arg strings.Builder
			for !p.isSym(",") && !p.isSym(")") {
				if p.atEnd() {
					return nil, p.errf("unterminated type arguments")
				}
				// "10 CHAR" keeps its blank, "-2" (a negative scale) has none.
				if s := arg.String(); s != "" && !strings.HasSuffix(s, "-") {
					arg.WriteByte(' ')
				}
				if tok := p.peek(); tok.kind == tQuoted {
					arg.WriteString(quoteIdent(tok.val))
				} else {
					arg.WriteString(tok.val)
				}
				p.pos++
			}
			out = append(out, arg.String())
			if p.acceptSym(")") {
				return out, nil
			}
			p.pos++
		}
	}
	length := func(def string, semantic bool) (string, error) {
		a, err := args()
		if err != nil {
			return "", err
		}
		if len(a) > 1 {
			return "", p.errf("too many arguments for %s", word)
		}
		n := def
		if len(a) == 1 {
			n = a[0]
		}
		if n == "" {
			return "", p.errf("%s needs a length", word)
		}
		if !semantic {
			return "(" + n + ")", nil
		}
		f := strings.Fields(n)
		switch {
		case len(f) == 1:
			return "(" + f[0] + " BYTE)", nil
		case len(f) == 2 && (f[1] == "BYTE" || f[1] == "CHAR"):
			return "(" + f[0] + " " + f[1] + ")", nil
		}
		return "", p.errf("bad length %q for %s", n, word)
	}
	switch word {
	case "VARCHAR2", "VARCHAR":
		l, err := length("", true)
		return "VARCHAR2" + l, err
	case "CHAR", "CHARACTER":
		if p.acceptKw("VARYING") {
			l, err := length("", true)
			return "VARCHAR2" + l, err
		}
		l, err := length("1", true)
		return "CHAR" + l, err
	case "NVARCHAR2":
		l, err := length("", false)
		return "NVARCHAR2" + l, err
	case "NCHAR":
		if p.acceptKw("VARYING") {
			l, err := length("", false)
			return "NVARCHAR2" + l, err
		}
		l, err := length("1", false)
		return "NCHAR" + l, err
	case "RAW":
		l, err := length("", false)
		return "RAW" + l, err
	case "NUMBER", "NUMERIC", "DECIMAL", "DEC":
		a, err := args()
		if err != nil {
			return "", err
		}
		switch len(a) {
		case 0:
			if word == "NUMBER" {
				return "NUMBER", nil
			}
			return "NUMBER(38)", nil
		case 1:
			if a[0] == "*" {
				return "NUMBER", nil
			}
			return "NUMBER(" + a[0] + ")", nil
		case 2:
			if a[1] == "0" && a[0] != "*" {
				return "NUMBER(" + a[0] + ")", nil
			}
			if a[0] == "*" {
				a[0] = "38"
				if a[1] == "0" {
					return "NUMBER(38)", nil
				}
			}
			return "NUMBER(" + a[0] + "," + a[1] + ")", nil
		}
		return "", p.errf("too many arguments for NUMBER")
	case "INTEGER", "INT", "SMALLINT":
		return "NUMBER(38)", nil
	case "FLOAT":
		a, err := args()
		if err != nil || len(a) == 0 {
			return "FLOAT(126)", err
		}
		return "FLOAT(" + a[0] + ")", nil
	case "REAL":
		return "FLOAT(63)", nil
	case "DOUBLE":
		if err := p.expectKw("PRECISION"); err != nil {
			return "", err
		}
		return "FLOAT(126)", nil
	case "BINARY_FLOAT", "BINARY_DOUBLE", "DATE", "CLOB", "NCLOB", "BLOB", "BFILE", "ROWID", "BOOLEAN", "JSON":
		return word, nil
	case "LONG":
		if p.acceptKw("RAW") {
			return "LONG RAW", nil
		}
		return "LONG", nil
	case "UROWID":
		l, err := length("4000", false)
		return "UROWID" + l, err
	case "TIMESTAMP":
		a, err := args()
		if err != nil {
			return "", err
		}
		prec := "6"
		if len(a) == 1 {
			prec = a[0]
		}
		out := "TIMESTAMP(" + prec + ")"
		if p.acceptKw("WITH") {
			if p.acceptKw("LOCAL") {
				out += " WITH LOCAL TIME ZONE"
			} else {
				out += " WITH TIME ZONE"
			}
			if err := p.expectKw("TIME"); err != nil {
				return "", err
			}
			if err := p.expectKw("ZONE"); err != nil {
				return "", err
			}
		}
		return out, nil
	case "INTERVAL":
		switch {
		case p.acceptKw("YEAR"):
			a, err := args()
			if err != nil {
				return "", err
			}
			prec := "2"
			if len(a) == 1 {
				prec = a[0]
			}
			if err := p.expectKw("TO"); err != nil {
				return "", err
			}
			if err := p.expectKw("MONTH"); err != nil {
				return "", err
			}
			return "INTERVAL YEAR(" + prec + ") TO MONTH", nil
		case p.acceptKw("DAY"):
			a, err := args()
			if err != nil {
				return "", err
			}
			dp := "2"
			if len(a) == 1 {
				dp = a[0]
			}
			if err := p.expectKw("TO"); err != nil {
				return "", err
			}
			if err := p.expectKw("SECOND"); err != nil {
				return "", err
			}
			a, err = args()
			if err != nil {
				return "", err
			}
			sp := "6"
			if len(a) == 1 {
				sp = a[0]
			}
			return "INTERVAL DAY(" + dp + ") TO SECOND(" + sp + ")", nil
		}
		return "", p.errf("expected YEAR or DAY")
	}
	// A user-defined or other built-in type (XMLTYPE, SDO_GEOMETRY, ...):
	// kept as written, upper case, with its arguments. A reserved word
	// cannot name one (the dump would print "b AS (1)").
	if t.kind == tIdent && reservedWords[word] {
		return "", p.errf("expected a data type, not the reserved word %s", word)
	}
	a, err := args()
	if err != nil {
		return "", err
	}
	if len(a) > 0 {
		return word + "(" + strings.Join(a, ",") + ")", nil
	}
	return word, nil
}

func (p *parser) createIndex(b *builder) error {
	ix := &engines.Index{}
	switch {
	case p.acceptKw("UNIQUE"):
		ix.Unique = true
	case p.acceptKw("BITMAP"):
		ix.Method = "BITMAP"
	}
	if err := p.expectKw("INDEX"); err != nil {
		return err
	}
	var err error
	if ix.Name, err = p.qualified(); err != nil {
		return err
	}
	if err := p.expectKw("ON"); err != nil {
		return err
	}
	if p.isKw("CLUSTER") {
		return p.unsupported("a cluster index")
	}
	table, err := p.qualified()
	if err != nil {
		return err
	}
	p.acceptKw("T")
	if err := p.expectSym("("); err != nil {
		return err
	}
	for {
		toks, err := p.balanced([]string{","}, []string{"ASC", "DESC"})
		if err != nil {
			return err
		}
		if len(toks) == 0 {
			return p.errf("expected an index key")
		}
		part := &engines.IndexPart{}
		if len(toks) == 1 && (toks[0].kind == tIdent || toks[0].kind == tQuoted) {
			part.Column = toks[0].val
		} else {
			part.Expr = exprString(toks)
		}
		if p.acceptKw("DESC") {
			part.Desc = true
		} else {
			p.acceptKw("ASC")
		}
		ix.Parts = append(ix.Parts, part)
		if p.acceptSym(")") {
			break
		}
		if err := p.expectSym(","); err != nil {
			return err
		}
	}
	if p.isKw("FROM") {
		return p.unsupported("a bitmap join index")
	}
	if p.isKw("INDEXTYPE") {
		return p.unsupported("a domain index (INDEXTYPE IS)")
	}
	// Physical attributes, LOCAL/GLOBAL partitioning, ONLINE, COMPUTE
	// STATISTICS, ...: ignored.
	t := b.tables[table]
	if t == nil {
		return p.missingTable("index "+ix.Name, table)
	}
	for _, other := range t.Indexes {
		if other.Name == ix.Name {
			return p.errf("index %s is defined twice", ix.Name)
		}
	}
	t.Indexes = append(t.Indexes, ix)
	return nil
}

func (p *parser) createView(b *builder) error {
	v := &engines.View{}
	var err error
	if v.Name, err = p.qualified(); err != nil {
		return err
	}
	if p.isKw("OF") {
		return p.unsupported("an object view")
	}
	if p.isSym("(") {
		p.pos++
		for {
			n, err := p.name()
			if err != nil {
				return err
			}
			v.Columns = append(v.Columns, n)
			if p.isKw("CONSTRAINT", "PRIMARY", "UNIQUE") {
				return p.unsupported("a view constraint")
			}
			if p.acceptSym(")") {
				break
			}
			if err := p.expectSym(","); err != nil {
				return err
			}
		}
	}
	if err := p.expectKw("AS"); err != nil {
		return err
	}
	toks := p.toks[p.pos:]
	query, opt := viewQuery(toks)
	if len(query) == 0 {
		return p.errf("expected the view's query")
	}
	if opt != "" {
		setOpt(&v.Options, opt, "true")
	}
	v.Query = exprString(query)
	if _, dup := b.views[v.Name]; dup {
		return p.errf("view %s is defined twice", v.Name)
	}
	b.views[v.Name] = v
	b.schema.Views = append(b.schema.Views, v)
	p.pos = len(p.toks)
	return nil
}

// viewQuery splits a view's text into its query and a trailing WITH READ
// ONLY / WITH CHECK OPTION [CONSTRAINT name], which belongs to the view
// and is returned as the option name ("read_only", "check_option").
func viewQuery(toks []token) ([]token, string) {
	depth := 0
	for i, t := range toks {
		switch {
		case t.kind == tSym && t.val == "(":
			depth++
		case t.kind == tSym && t.val == ")":
			depth--
		case depth == 0 && t.isKw("WITH") && i+2 < len(toks) && toks[i+1].isKw("READ") && toks[i+2].isKw("ONLY"):
			return toks[:i], "read_only"
		case depth == 0 && t.isKw("WITH") && i+2 < len(toks) && toks[i+1].isKw("CHECK") && toks[i+2].isKw("OPTION"):
			return toks[:i], "check_option"
		}
	}
	return toks, ""
}

func (p *parser) createSequence(b *builder) error {
	s := &engines.Sequence{}
	var err error
	if s.Name, err = p.qualified(); err != nil {
		return err
	}
	if err := p.sequenceOptions(&s.SequenceOptions, ""); err != nil {
		return err
	}
	canonSequence(&s.SequenceOptions)
	for _, o := range b.schema.Sequences {
		if o.Name == s.Name {
			return p.errf("sequence %s is defined twice", s.Name)
		}
	}
	b.schema.Sequences = append(b.schema.Sequences, s)
	return nil
}

// sequenceOptions reads sequence (or identity) options up to the end or a
// stop symbol.
func (p *parser) sequenceOptions(o *engines.SequenceOptions, stop string) error {
	num := func() (*int64, error) {
		v, err := p.number()
		return &v, err
	}
	var err error
	for !p.atEnd() && !(stop != "" && p.isSym(stop)) {
		switch {
		case p.acceptKw("START"):
			if err := p.expectKw("WITH"); err != nil {
				return err
			}
			if p.acceptKw("LIMIT") {
				if err := p.expectKw("VALUE"); err != nil {
					return err
				}
				continue
			}
			o.Start, err = num()
		case p.acceptKw("INCREMENT"):
			if err := p.expectKw("BY"); err != nil {
				return err
			}
			o.Increment, err = num()
		case p.acceptKw("MINVALUE"):
			if p.isSym("-") && p.peekAt(1).kind == tNumber && len(strings.TrimLeft(p.peekAt(1).val, "0")) > 18 {
				p.pos += 2 // beyond int64: Oracle's "no minimum" of a descending sequence spelled out
				o.Min = nil
				continue
			}
			o.Min, err = num()
		case p.acceptKw("NOMINVALUE"):
			o.Min = nil
		case p.acceptKw("MAXVALUE"):
			t := p.peek()
			if t.kind == tNumber && len(strings.TrimLeft(t.val, "0")) > 18 {
				p.pos++ // beyond int64: Oracle's "no maximum" spelled out
				o.Max = nil
				continue
			}
			o.Max, err = num()
		case p.acceptKw("NOMAXVALUE"):
			o.Max = nil
		case p.acceptKw("CACHE"):
			o.Cache, err = num()
		case p.acceptKw("NOCACHE"):
			zero := int64(0)
			o.Cache = &zero
		case p.acceptKw("CYCLE"):
			o.Cycle = true
		case p.acceptKw("NOCYCLE"):
			o.Cycle = false
		case p.acceptKw("ORDER", "NOORDER", "KEEP", "NOKEEP", "SCALE", "NOSCALE", "EXTEND", "NOEXTEND", "SESSION", "GLOBAL", "SHARD", "NOSHARD"):
			// Behaviour options that do not change the sequence's values.
		default:
			return p.errf("unexpected sequence option")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// canonSequence clears options that say Oracle's defaults, so that a
// spelled-out default and an omitted one compare equal. START WITH is kept
// for creation but never compared (ALL_SEQUENCES does not record it).
func canonSequence(o *engines.SequenceOptions) {
	if o.Increment != nil && *o.Increment == 1 {
		o.Increment = nil
	}
	asc := o.Increment == nil || *o.Increment > 0
	if asc && o.Min != nil && *o.Min == 1 {
		o.Min = nil
	}
	if !asc && o.Max != nil && *o.Max == -1 {
		o.Max = nil
	}
	if o.Cache != nil && *o.Cache == 20 {
		o.Cache = nil
	}
	if o.Start != nil {
		def := int64(1)
		if o.Min != nil {
			def = *o.Min
		}
		if !asc {
			def = -1
			if o.Max != nil {
				def = *o.Max
			}
		}
		if *o.Start == def {
			o.Start = nil
		}
	}
}

func (p *parser) alterTable(b *builder) error {
	name, err := p.qualified()
	if err != nil {
		return err
	}
	t := b.tables[name]
	if t == nil {
		return p.missingTable("ALTER TABLE", name)
	}
	if !p.acceptKw("ADD") {
		return p.unsupported("ALTER TABLE ... " + p.peek().val)
	}
	paren := p.acceptSym("(")
	for {
		if p.isKw("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK") {
			c, err := p.outOfLineConstraint(t)
			if err != nil {
				return err
			}
			t.Constraints = append(t.Constraints, c)
		} else if err := p.columnDef(t); err != nil {
			return err
		}
		if !paren || !p.acceptSym(",") {
			break
		}
	}
	if paren {
		if err := p.expectSym(")"); err != nil {
			return err
		}
	}
	if !p.atEnd() {
		return p.errf("unexpected text after ALTER TABLE ... ADD")
	}
	return nil
}

func (p *parser) comment(b *builder) error {
	if err := p.expectKw("ON"); err != nil {
		return err
	}
	c := pendingComment{stmt: p.stmt, file: p.file}
	var err error
	switch {
	case p.acceptKw("TABLE"):
		if c.table, err = p.qualified(); err != nil {
			return err
		}
	case p.acceptKw("COLUMN"):
		// [schema.]table.column
		var parts []string
		for {
			n, err := p.name()
			if err != nil {
				return err
			}
			parts = append(parts, n)
			if !p.acceptSym(".") {
				break
			}
		}
		if len(parts) < 2 || len(parts) > 3 {
			return p.errf("expected table.column")
		}
		c.table, c.column = parts[len(parts)-2], parts[len(parts)-1]
	default:
		return p.unsupported("COMMENT ON " + p.peek().val)
	}
	if err := p.expectKw("IS"); err != nil {
		return err
	}
	t := p.peek()
	if t.kind != tString {
		return p.errf("expected a string")
	}
	p.pos++
	c.text = unquoteLiteral(t.val)
	if !p.atEnd() {
		return p.errf("unexpected text after the comment")
	}
	b.comments = append(b.comments, c)
	return nil
}

// finish applies comments, drops indexes that back a primary key or
// unique constraint of the same name and columns (Oracle shows both; the
// model keeps the constraint), and checks references to columns.
func (b *builder) finish(opts engines.ParseOptions) error {
	for _, c := range b.comments {
		fail := func(msg string) error {
			err := &engines.StatementError{File: c.file, Line: c.stmt.line, Statement: c.stmt.text, Err: errors.New(msg + " (not supported)")}
			if opts.SkipUnsupported {
				if opts.Warn != nil {
					opts.Warn(err.Error())
				}
				return nil
			}
			return err
		}
		if t := b.tables[c.table]; t != nil {
			if c.column == "" {
				t.Comment = c.text
				continue
			}
			col := t.Column(c.column)
			if col == nil {
				if err := fail("comment on unknown column " + c.table + "." + c.column); err != nil {
					return err
				}
				continue
			}
			col.Comment = c.text
			continue
		}
		if v := b.views[c.table]; v != nil {
			if c.column == "" {
				v.Comment = c.text
			} else if c.text != "" {
				setOpt(&v.ColumnComments, c.column, c.text)
			}
			continue
		}
		if err := fail("comment on unknown table or view " + c.table); err != nil {
			return err
		}
	}
	// In name order: the first error must not depend on map order.
	for _, name := range slices.Sorted(maps.Keys(b.tables)) {
		t := b.tables[name]
		var keep []*engines.Index
		for _, ix := range t.Indexes {
			if !backsConstraint(t, ix) {
				keep = append(keep, ix)
			}
		}
		t.Indexes = keep
		names := map[string]bool{}
		for _, c := range t.Constraints {
			for _, col := range c.Columns {
				if t.Column(col) == nil {
					return fmt.Errorf("table %s: constraint %s names unknown column %s", t.Name, c.Name, col)
				}
			}
			if c.Name == "" {
				c.Name = systemName(t, c)
			}
			if names[c.Name] {
				return fmt.Errorf("table %s: constraint %s is defined twice", t.Name, c.Name)
			}
			names[c.Name] = true
			if c.Kind == engines.ForeignKey && len(c.RefColumns) == 0 {
				// REFERENCES t without columns means t's primary key, as
				// the catalog records it.
				if pk := primaryKey(b.tables[c.RefTable]); pk != nil {
					c.RefColumns = append([]string(nil), pk.Columns...)
				}
			}
		}
	}
	return nil
}

// primaryKey returns the table's primary key, or nil.
func primaryKey(t *engines.Table) *engines.Constraint {
	if t == nil {
		return nil
	}
	for _, c := range t.Constraints {
		if c.Kind == engines.PrimaryKey {
			return c
		}
	}
	return nil
}

func backsConstraint(t *engines.Table, ix *engines.Index) bool {
	for _, c := range t.Constraints {
		if c.Name == ix.Name && (c.Kind == engines.PrimaryKey || c.Kind == engines.Unique) && indexesColumns(ix, c.Columns) {
			return true
		}
	}
	return false
}

// indexesColumns reports whether an index is a plain ascending index on
// exactly these columns, as a key's index is.
func indexesColumns(ix *engines.Index, cols []string) bool {
	if len(ix.Parts) != len(cols) {
		return false
	}
	for i, p := range ix.Parts {
		if p.Column != cols[i] || p.Desc {
			return false
		}
	}
	return true
}

// systemPrefix starts the model's name for a constraint the file leaves
// unnamed (Oracle names it SYS_Cnnnn; inspect maps those to the same
// form). No Oracle name can start with "$".
const systemPrefix = "$"

// systemName is a stable model name for an unnamed constraint.
func systemName(t *engines.Table, c *engines.Constraint) string {
	switch c.Kind {
	case engines.PrimaryKey:
		return systemPrefix + "PK"
	case engines.Unique:
		return systemPrefix + "UQ(" + strings.Join(c.Columns, ",") + ")"
	case engines.ForeignKey:
		return systemPrefix + "FK(" + strings.Join(c.Columns, ",") + ")->" + c.RefTable
	}
	return systemPrefix + "CK(" + c.Check + ")"
}

// isSystemName reports whether a constraint name was made by systemName.
func isSystemName(name string) bool { return strings.HasPrefix(name, systemPrefix) }

// exprString prints tokens in the one canonical spelling that parse and
// inspect share: unquoted words upper case, quoted names that need no
// quotes unquoted, literals as written, one space between tokens except
// around "." and inside parentheses and before ",".
func exprString(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			prev := toks[i-1]
			tight := prev.kind == tSym && (prev.val == "(" || prev.val == ".") ||
				t.kind == tSym && (t.val == ")" || t.val == "," || t.val == ".") ||
				t.kind == tSym && t.val == "(" && (prev.kind == tIdent || prev.kind == tQuoted) && !isOperatorWord(prev.val)
			if prev.kind == tSym && prev.val == "." && t.kind == tNumber {
				tight = false // "a. 0" printed "a.0" would read back as a and .0
			}
			if !tight {
				b.WriteByte(' ')
			}
		}
		switch t.kind {
		case tQuoted:
			b.WriteString(quoteIdent(t.val))
		default:
			b.WriteString(t.val)
		}
	}
	return b.String()
}

// isOperatorWord lists keywords after which "(" starts a subexpression, not
// a call's arguments.
func isOperatorWord(w string) bool {
	switch w {
	case "AND", "OR", "NOT", "IN", "AS", "EXISTS", "SELECT", "FROM", "WHERE", "ON", "BY", "THEN", "ELSE",
		"WHEN", "CASE", "JOIN", "UNION", "ALL", "MINUS", "INTERSECT", "HAVING", "USING", "LIKE", "BETWEEN", "IS",
		"RETURN", "END", "DISTINCT", "ANY", "SOME":
		return true
	}
	return false
}
