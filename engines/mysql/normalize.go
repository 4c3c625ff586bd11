package mysql

import (
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	tidbparser "github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/charset"
	"github.com/pingcap/tidb/pkg/parser/format"
	pmysql "github.com/pingcap/tidb/pkg/parser/mysql"
	"github.com/pingcap/tidb/pkg/parser/opcode"
	"github.com/pingcap/tidb/pkg/parser/test_driver"
	"github.com/pingcap/tidb/pkg/parser/types"
)

// restoreFlags print expressions one canonical way: lower-case keywords,
// back-quoted names, single-quoted strings with backslash escapes, no
// charset introducers, and brackets around every binary operation (so that
// the parentheses a producer wrote or left out never matter).
const restoreFlags = format.RestoreStringSingleQuotes | format.RestoreKeyWordLowercase |
	format.RestoreNameBackQuotes | format.RestoreSpacesAroundBinaryOperation |
	format.RestoreStringWithoutCharset | format.RestoreBracketAroundBinaryOperation |
	format.RestoreStringEscapeBackslash

// viewRestoreFlags print view queries readably: the same, without brackets
// around every operation.
const viewRestoreFlags = format.RestoreStringSingleQuotes | format.RestoreKeyWordLowercase |
	format.RestoreNameBackQuotes | format.RestoreSpacesAroundBinaryOperation |
	format.RestoreStringWithoutCharset | format.RestoreStringEscapeBackslash

// The TiDB grammar knows every MySQL character set but takes only those
// TiDB supports (utf8, utf8mb4, ascii, latin1, binary, gbk, gb18030):
// "CHARACTER SET latin2" was a syntax error. Registering the others with
// the parser (which keeps them in a map of its own), once and before any
// parse, lets tables in them be read; the servers decide what they accept.
func init() {
	for name := range charsetBytes {
		if cs, err := charset.GetCharsetInfo(name); err != nil && cs != nil {
			charset.AddCharset(cs)
		}
	}
}

// newParser returns a TiDB parser set up for MySQL and MariaDB text.
func newParser() *tidbparser.Parser {
	p := tidbparser.New()
	p.SetMariaDB(true)
	return p
}

func restore(n ast.Node, flags format.RestoreFlags) (string, error) {
	var b strings.Builder
	if err := n.Restore(format.NewRestoreCtx(flags, &b)); err != nil {
		return "", err
	}
	return b.String(), nil
}

// exprCanon rewrites an expression tree into the canonical shape: no
// parentheses nodes, lower-case function names, the CURRENT_TIMESTAMP
// synonyms folded into one, no schema qualifiers, and (for table-local
// expressions) no table qualifiers.
type exprCanon struct {
	stripTables bool
}

func (v *exprCanon) Enter(n ast.Node) (ast.Node, bool) { return n, false }

func (v *exprCanon) Leave(n ast.Node) (ast.Node, bool) {
	switch x := n.(type) {
	case *ast.Join:
		// "FROM t1, t2" parses with t1 alone in a join of its own, printed
		// "(t1) join t2"; the servers store "(t1 join t2)".
		if l, ok := x.Left.(*ast.Join); ok && l.Right == nil && x.Right != nil {
			x.Left = l.Left
		}
		if r, ok := x.Right.(*ast.Join); ok && r.Right == nil {
			x.Right = r.Left
		}
	case *ast.ParenthesesExpr:
		return x.Expr, true
	case *ast.UnaryOperationExpr:
		// MySQL stores "a NOT LIKE b" as "not((a like b))": fold the
		// negation into the predicates that have a NOT form.
		if x.Op == opcode.Not || x.Op == opcode.Not2 {
			switch p := x.V.(type) {
			case *ast.PatternLikeOrIlikeExpr:
				p.Not = !p.Not
				return p, true
			case *ast.PatternRegexpExpr:
				p.Not = !p.Not
				return p, true
			case *ast.PatternInExpr:
				p.Not = !p.Not
				return p, true
			case *ast.BetweenExpr:
				p.Not = !p.Not
				return p, true
			case *ast.IsNullExpr:
				p.Not = !p.Not
				return p, true
			}
		}
	case *ast.FuncCallExpr:
		name := strings.ToLower(x.FnName.O)
		if name == "regexp_like" && len(x.Args) == 2 {
			// MySQL stores "a REGEXP b" as regexp_like(a, b); MariaDB has
			// no such function.
			return &ast.PatternRegexpExpr{Expr: x.Args[0], Pattern: x.Args[1]}, true
		}
		switch name {
		case "now", "localtime", "localtimestamp", "current_timestamp":
			name = "current_timestamp"
		case "ucase":
			name = "upper"
		case "lcase":
			name = "lower"
		case "substr":
			name = "substring"
		}
		x.FnName = ast.NewCIStr(name)
		x.Schema = ast.CIStr{}
	case *ast.ColumnNameExpr:
		x.Name.Schema = ast.CIStr{}
		if v.stripTables {
			// Column names do not depend on case in MySQL.
			x.Name.Table = ast.CIStr{}
			x.Name.Name = ast.NewCIStr(x.Name.Name.L)
		}
	case *ast.ColumnName:
		x.Schema = ast.CIStr{}
		if v.stripTables {
			x.Table = ast.CIStr{}
			x.Name = ast.NewCIStr(x.Name.L)
		}
	case *ast.AggregateFuncExpr:
		// count(*) is printed count(1) by TiDB and count(0) by MariaDB.
		if strings.EqualFold(x.F, "count") && len(x.Args) == 1 && !x.Distinct {
			if lit, ok := literalOf(x.Args[0]); ok && !lit.isNull && !lit.quoted {
				x.Args[0] = ast.NewValueExpr(1, "", "")
			}
		}
	case *ast.WindowFuncExpr:
		// MariaDB stores lead(x) and lag(x) with their default offset,
		// lead(x,1); MySQL as written.
		if n := strings.ToLower(x.Name); (n == "lead" || n == "lag") && len(x.Args) == 2 {
			if lit, ok := literalOf(x.Args[1]); ok && !lit.quoted && !lit.isNull && lit.text == "1" {
				x.Args = x.Args[:1]
			}
		}
	case *ast.TableName:
		x.Schema = ast.CIStr{}
	case *ast.SelectField:
		// "t.a AS a" prints as "a" when qualifiers are stripped.
		if c, ok := x.Expr.(*ast.ColumnNameExpr); ok && v.stripTables && strings.EqualFold(c.Name.Name.O, x.AsName.O) {
			x.AsName = ast.CIStr{}
		}
	}
	return n, true
}

// queryNames gathers the database qualifiers a query uses (lower case)
// and the names such a qualifier could be taken for in its text: tables,
// aliases and the tables that qualify columns.
type queryNames struct{ schemas, others map[string]bool }

func (v *queryNames) Enter(n ast.Node) (ast.Node, bool) {
	switch x := n.(type) {
	case *ast.TableName:
		v.add(x.Schema)
		v.others[x.Name.L] = true
	case *ast.TableSource:
		v.others[x.AsName.L] = true
	case *ast.ColumnName:
		v.add(x.Schema)
		v.others[x.Table.L] = true
	case *ast.FuncCallExpr:
		v.add(x.Schema)
	}
	return n, false
}

func (v *queryNames) add(schema ast.CIStr) {
	if schema.L != "" {
		v.schemas[schema.L] = true
	}
}

func (v *queryNames) Leave(n ast.Node) (ast.Node, bool) { return n, true }

// withoutSchemas is a query's text (of the parsed query n) with its
// database qualifiers taken out, as the model's query has them: "db.t.a"
// becomes "t.a". Empty when a qualifier is also the name of a table, alias
// or column qualifier in the query, where its text alone cannot tell which.
func withoutSchemas(text string, n ast.Node) string {
	v := &queryNames{schemas: map[string]bool{}, others: map[string]bool{}}
	n.Accept(v)
	if len(v.schemas) == 0 {
		return text
	}
	for s := range v.schemas {
		if v.others[s] {
			return ""
		}
	}
	name := func(t token) bool { return t.kind == tokWord || t.kind == tokQIdent }
	toks := lex(text)
	var b strings.Builder
	last := 0
	for i := 0; i+2 < len(toks); i++ {
		if t := toks[i]; name(t) && v.schemas[strings.ToLower(t.value())] && toks[i+1].text == "." && name(toks[i+2]) {
			b.WriteString(text[last:t.start])
			last = toks[i+2].start
			i++
		}
	}
	b.WriteString(text[last:])
	return b.String()
}

// parseExpr parses one expression.
func parseExpr(text string) (ast.ExprNode, error) {
	stmt, err := newParser().ParseOneStmt("SELECT "+text, "", "")
	if err != nil {
		return nil, err
	}
	sel, ok := stmt.(*ast.SelectStmt)
	if !ok || sel.Fields == nil || len(sel.Fields.Fields) != 1 || sel.From != nil || sel.Where != nil {
		return nil, fmt.Errorf("not a single expression: %s", text)
	}
	return sel.Fields.Fields[0].Expr, nil
}

// canonExprNode prints an expression node canonically.
func canonExprNode(e ast.ExprNode) (string, error) {
	n, _ := e.Accept(&exprCanon{stripTables: true})
	return restore(n, restoreFlags)
}

// canonExpr prints expression text canonically. Text the parser cannot read
// keeps its own spelling with white space collapsed, so it still compares
// equal to itself.
func canonExpr(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	e, err := parseExpr(text)
	if err != nil {
		return collapseSpace(text)
	}
	s, err := canonExprNode(e)
	if err != nil {
		return collapseSpace(text)
	}
	return s
}

// collapseSpace folds runs of white space into one blank.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// canonView prints a view query for the model: schema qualifiers are
// removed (so the text does not depend on the database's name), the rest
// keeps the producer's structure.
func canonView(query string) (string, error) {
	stmt, err := newParser().ParseOneStmt(query, "", "")
	if err != nil {
		return "", err
	}
	n, _ := stmt.Accept(&exprCanon{})
	return restore(n, viewRestoreFlags)
}

// compareView prints a view query for comparison only: on top of canonView
// it drops table qualifiers, parentheses and aliases that repeat the column
// name, which the server adds to what people write.
func compareView(query string) string {
	return compareViewWith(query, nil)
}

// compareViewWith is compareView with * and t.* in the select list
// replaced by the columns of the tables they stand for, as the servers
// store a view (columns gives a table's columns, nil when unknown).
func compareViewWith(query string, columns func(table string) []string) string {
	stmt, err := newParser().ParseOneStmt(query, "", "")
	if err != nil {
		return collapseSpace(strings.ToLower(query))
	}
	if sel, ok := stmt.(*ast.SelectStmt); ok && columns != nil {
		expandStars(sel, columns)
	}
	n, _ := stmt.Accept(&exprCanon{stripTables: true})
	s, err := restore(n, restoreFlags)
	if err != nil {
		return collapseSpace(strings.ToLower(query))
	}
	return s
}

var (
	intTypeRe  = regexp.MustCompile(`^(tinyint|smallint|mediumint|int|bigint)(\((\d+)\))?(.*)$`)
	typeSyns   = map[string]string{"integer": "int", "int4": "int", "int8": "bigint", "int2": "smallint", "int1": "tinyint", "int3": "mediumint", "middleint": "mediumint", "numeric": "decimal", "dec": "decimal", "fixed": "decimal", "real": "double", "double precision": "double", "float8": "double", "float4": "float", "character varying": "varchar", "character": "char", "boolean": "tinyint(1)", "bool": "tinyint(1)"}
	decimalRe  = regexp.MustCompile(`^decimal(\((\d+)(,(\d+))?\))?(.*)$`)
	spaceParen = regexp.MustCompile(`\s*,\s*`)
)

// canonType prints a column type the way both producers agree on: lower
// case, integer display widths only where they are not the type's default
// (int(11) is int; MariaDB and TiDB keep int(4), Plan drops it for Oracle
// MySQL, which ignores it) or the server keeps them always (tinyint(1),
// the boolean convention, and zerofill widths), year without (4), decimal with its
// precision and scale spelled out, and synonyms resolved.
func canonType(t string) string {
	t = strings.TrimSpace(t)
	head, rest := t, ""
	if i := strings.IndexByte(t, '('); i >= 0 {
		head, rest = t[:i], t[i:]
	} else if i := strings.IndexByte(t, ' '); i >= 0 {
		head, rest = t[:i], t[i:]
	}
	head = strings.ToLower(strings.TrimSpace(head))
	if strings.HasPrefix(head, "enum") || strings.HasPrefix(head, "set") {
		return head + rest
	}
	rest = strings.ToLower(rest)
	if strings.HasPrefix(rest, " precision") {
		head, rest = head+" precision", strings.TrimPrefix(rest, " precision")
	}
	if s, ok := typeSyns[head]; ok {
		head = s
	}
	t = collapseSpace(head + rest)
	t = spaceParen.ReplaceAllString(t, ",")
	t = strings.ReplaceAll(t, "( ", "(")
	t = strings.ReplaceAll(t, " )", ")")
	if m := intTypeRe.FindStringSubmatch(t); m != nil {
		width, attrs := m[3], m[4]
		if width == "" && strings.Contains(attrs, "zerofill") {
			// Every server gives a zerofill column the type's width
			// (int(10) unsigned zerofill) and keeps it.
			width = defaultIntWidth(m[1], " unsigned")
		}
		if width != "" && (keepsWidth(m[1], width, attrs) || width != defaultIntWidth(m[1], attrs)) {
			return m[1] + "(" + width + ")" + attrs
		}
		return m[1] + attrs
	}
	if strings.HasPrefix(t, "year") {
		return "year"
	}
	if m := decimalRe.FindStringSubmatch(t); m != nil {
		p, s := m[2], m[4]
		if p == "" {
			p = "10"
		}
		if s == "" {
			s = "0"
		}
		return "decimal(" + p + "," + s + ")" + m[5]
	}
	for _, z := range []string{"datetime(0)", "timestamp(0)", "time(0)"} {
		if strings.HasPrefix(t, z) {
			return strings.Replace(t, "(0)", "", 1)
		}
	}
	if t == "char" || t == "binary" || t == "bit" {
		return t + "(1)"
	}
	return t
}

// keepsWidth: the display widths every server keeps, the boolean
// tinyint(1) and a zerofill column's.
func keepsWidth(typ, width, attrs string) bool {
	return strings.Contains(attrs, "zerofill") || typ == "tinyint" && width == "1"
}

// defaultIntWidth is the display width a server that keeps them (MariaDB,
// TiDB) gives an integer type written without one: int is int(11).
func defaultIntWidth(typ, attrs string) string {
	unsigned := strings.Contains(attrs, "unsigned")
	w := map[string][2]string{"tinyint": {"4", "3"}, "smallint": {"6", "5"}, "mediumint": {"9", "8"}, "int": {"11", "10"}, "bigint": {"20", "20"}}[typ]
	if unsigned {
		return w[1]
	}
	return w[0]
}

// withoutDisplayWidth drops an integer type's display width for a server
// that ignores it (Oracle MySQL since 8.0.19), but for the widths every
// server keeps.
func withoutDisplayWidth(t string) string {
	m := intTypeRe.FindStringSubmatch(t)
	if m == nil || m[3] == "" || keepsWidth(m[1], m[3], m[4]) {
		return t
	}
	return m[1] + m[4]
}

// fieldTypeString prints a parsed column type the way information_schema
// prints COLUMN_TYPE, then canonically.
func fieldTypeString(ft *types.FieldType) string {
	flen, dec := ft.GetFlen(), ft.GetDecimal()
	binary := ft.GetCharset() == "binary"
	var b strings.Builder
	size := func(name string) {
		b.WriteString(name)
		if flen > 0 {
			fmt.Fprintf(&b, "(%d)", flen)
		}
	}
	switch ft.GetType() {
	case pmysql.TypeTiny:
		size("tinyint")
	case pmysql.TypeShort:
		size("smallint")
	case pmysql.TypeInt24:
		size("mediumint")
	case pmysql.TypeLong:
		size("int")
	case pmysql.TypeLonglong:
		size("bigint")
	case pmysql.TypeBit:
		if flen <= 0 {
			flen = 1
		}
		size("bit")
	case pmysql.TypeYear:
		b.WriteString("year")
	case pmysql.TypeNewDecimal:
		if flen <= 0 {
			flen = 10
		}
		if dec < 0 {
			dec = 0
		}
		fmt.Fprintf(&b, "decimal(%d,%d)", flen, dec)
	case pmysql.TypeFloat, pmysql.TypeDouble:
		name := "float"
		if ft.GetType() == pmysql.TypeDouble {
			name = "double"
		}
		b.WriteString(name)
		if flen > 0 && dec >= 0 {
			fmt.Fprintf(&b, "(%d,%d)", flen, dec)
		}
	case pmysql.TypeDate:
		b.WriteString("date")
	case pmysql.TypeDatetime, pmysql.TypeTimestamp, pmysql.TypeDuration:
		name := map[byte]string{pmysql.TypeDatetime: "datetime", pmysql.TypeTimestamp: "timestamp", pmysql.TypeDuration: "time"}[ft.GetType()]
		b.WriteString(name)
		if dec > 0 {
			fmt.Fprintf(&b, "(%d)", dec)
		}
	case pmysql.TypeVarchar, pmysql.TypeVarString:
		// The length is required and may be 0 (VARCHAR(0) holds '' or NULL).
		name := "varchar"
		if binary {
			name = "varbinary"
		}
		fmt.Fprintf(&b, "%s(%d)", name, max(flen, 0))
	case pmysql.TypeString:
		if flen <= 0 {
			flen = 1
		}
		if binary {
			size("binary")
		} else {
			size("char")
		}
	case pmysql.TypeTinyBlob, pmysql.TypeBlob, pmysql.TypeMediumBlob, pmysql.TypeLongBlob:
		prefix := map[byte]string{pmysql.TypeTinyBlob: "tiny", pmysql.TypeBlob: "", pmysql.TypeMediumBlob: "medium", pmysql.TypeLongBlob: "long"}[ft.GetType()]
		if binary {
			b.WriteString(prefix + "blob")
		} else {
			b.WriteString(prefix + "text")
		}
	case pmysql.TypeEnum, pmysql.TypeSet:
		if ft.GetType() == pmysql.TypeEnum {
			b.WriteString("enum(")
		} else {
			b.WriteString("set(")
		}
		for i, e := range ft.GetElems() {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(quoteEnum(e))
		}
		b.WriteByte(')')
	case pmysql.TypeJSON:
		b.WriteString("json")
	case pmysql.TypeGeometry:
		b.WriteString("geometry")
	default:
		b.WriteString(strings.ToLower(ft.String()))
	}
	if ft.GetFlag()&pmysql.UnsignedFlag != 0 {
		b.WriteString(" unsigned")
	}
	if ft.GetFlag()&pmysql.ZerofillFlag != 0 {
		b.WriteString(" zerofill")
	}
	return canonType(b.String())
}

// quoteEnum quotes an enum or set value as COLUMN_TYPE does.
func quoteEnum(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// quoteString quotes a string literal canonically: single quotes doubled
// and backslashes escaped, as MariaDB prints COLUMN_DEFAULT.
func quoteString(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "'", "''")
	return "'" + s + "'"
}

// typeClass groups canonical types by how their default literals print.
type typeClass int

const (
	classString typeClass = iota
	classInt
	classDecimal
	classFloat
	classBit
	classTemporal
)

func classOf(colType string) (typeClass, int) {
	t := colType
	switch {
	case intTypeRe.MatchString(t):
		return classInt, 0
	case strings.HasPrefix(t, "decimal("):
		scale := 0
		if m := decimalRe.FindStringSubmatch(t); m != nil {
			scale, _ = strconv.Atoi(m[4])
		}
		return classDecimal, scale
	case strings.HasPrefix(t, "float") || strings.HasPrefix(t, "double"):
		return classFloat, 0
	case strings.HasPrefix(t, "bit"):
		return classBit, 0
	case strings.HasPrefix(t, "date") || strings.HasPrefix(t, "timestamp") || strings.HasPrefix(t, "time") || t == "year":
		return classTemporal, 0
	}
	return classString, 0
}

// literal is a constant default value: its text and whether it was quoted.
type literal struct {
	text   string
	quoted bool
	isNull bool
	bits   string // binary digits of a b'...' literal
}

// literalOf reads a constant out of an expression node; ok is false for
// real expressions.
func literalOf(e ast.ExprNode) (literal, bool) {
	neg := false
	if u, ok := e.(*ast.UnaryOperationExpr); ok && (u.Op == opcode.Minus || u.Op == opcode.Plus) {
		neg = u.Op == opcode.Minus
		e = u.V
	}
	v, ok := e.(*test_driver.ValueExpr)
	if !ok {
		return literal{}, false
	}
	sign := ""
	if neg {
		sign = "-"
	}
	switch v.Kind() {
	case test_driver.KindNull:
		return literal{isNull: true}, !neg
	case test_driver.KindInt64:
		return literal{text: sign + strconv.FormatInt(v.GetInt64(), 10)}, true
	case test_driver.KindUint64:
		return literal{text: sign + strconv.FormatUint(v.GetUint64(), 10)}, true
	case test_driver.KindFloat32, test_driver.KindFloat64:
		return literal{text: sign + strconv.FormatFloat(v.GetFloat64(), 'g', -1, 64)}, true
	case test_driver.KindMysqlDecimal:
		return literal{text: sign + v.GetMysqlDecimal().String()}, true
	case test_driver.KindString, test_driver.KindBytes:
		if neg {
			return literal{}, false
		}
		return literal{text: v.GetString(), quoted: true}, true
	case test_driver.KindBinaryLiteral:
		if neg {
			return literal{}, false
		}
		bl := v.GetBinaryLiteral()
		return literal{text: string(bl), quoted: true, bits: strings.TrimPrefix(strings.TrimSuffix(bl.ToBitLiteralString(true), "'"), "b'")}, true
	}
	return literal{}, false
}

// canonDefault prints a column default canonically for the column's type.
// The empty string means no default, which is what DEFAULT NULL means too.
// MariaDB's COLUMN_DEFAULT and what people write both come through here.
func canonDefault(e ast.ExprNode, colType string) string {
	if e == nil {
		return ""
	}
	for {
		p, ok := e.(*ast.ParenthesesExpr)
		if !ok {
			break
		}
		e = p.Expr
	}
	if lit, ok := literalOf(e); ok {
		return formatLiteral(lit, colType)
	}
	s, err := canonExprNode(e)
	if err != nil {
		return ""
	}
	return s
}

// formatLiteral prints a constant default as the server keeps it.
func formatLiteral(lit literal, colType string) string {
	if lit.isNull {
		return ""
	}
	class, scale := classOf(colType)
	switch class {
	case classInt, classDecimal, classFloat:
		text := lit.text
		if lit.bits != "" {
			if n, ok := new(big.Int).SetString(lit.bits, 2); ok {
				text = n.String()
			}
		}
		r, ok := new(big.Rat).SetString(strings.TrimSpace(text))
		if !ok {
			return quoteString(text)
		}
		switch class {
		case classInt:
			return r.FloatString(0)
		case classDecimal:
			return r.FloatString(scale)
		default:
			f, _ := r.Float64()
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
	case classBit:
		if lit.bits != "" {
			// Zero is b'0' as the server prints it, not b''.
			if d := strings.TrimLeft(lit.bits, "0"); d != "" {
				return "b'" + d + "'"
			}
			return "b'0'"
		}
		if n, ok := new(big.Int).SetString(lit.text, 10); ok {
			return "b'" + n.Text(2) + "'"
		}
		return quoteString(lit.text)
	case classTemporal:
		return quoteString(canonTemporal(lit.text, colType))
	}
	return quoteString(lit.text)
}

// canonTemporal completes a date/time literal the way the server stores it
// for the column type ('2020-01-01' in a datetime is '2020-01-01 00:00:00').
func canonTemporal(s, colType string) string {
	switch {
	case strings.HasPrefix(colType, "datetime") || strings.HasPrefix(colType, "timestamp"):
		if len(s) == 10 && s[4] == '-' {
			s += " 00:00:00"
		}
		fsp := 0
		if i := strings.IndexByte(colType, '('); i >= 0 {
			fsp, _ = strconv.Atoi(strings.TrimSuffix(colType[i+1:], ")"))
		}
		if fsp > 0 && len(s) == 19 {
			s += "." + strings.Repeat("0", fsp)
		}
	}
	return s
}

// canonDefaultText parses default text (MariaDB's COLUMN_DEFAULT, or what a
// file holds) and prints it canonically.
func canonDefaultText(text, colType string) string {
	text = strings.TrimSpace(text)
	if text == "" || strings.EqualFold(text, "NULL") {
		return ""
	}
	e, err := parseExpr(text)
	if err != nil {
		return collapseSpace(text)
	}
	return canonDefault(e, colType)
}

// canonOnUpdate prints an ON UPDATE clause canonically.
func canonOnUpdate(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return canonExpr(text)
}

// unescapeString undoes backslash escaping as MySQL reads it inside a
// string literal: \n, \t, \r, \0, \Z and \b stand for control
// characters, any other escaped character for itself.
func unescapeString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'Z':
			b.WriteByte(26)
		case 'b':
			b.WriteByte('\b')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// expandStars replaces the wildcards of a query's select list with the
// columns of its FROM tables, in FROM order. It changes nothing when a
// source is not a known table (a subquery, a view, a table the model
// lacks) or a join merges columns (USING, NATURAL): the server's own
// expansion would differ from a plain concatenation.
func expandStars(sel *ast.SelectStmt, columns func(table string) []string) {
	if sel.Fields == nil || sel.From == nil || sel.From.TableRefs == nil {
		return
	}
	star := false
	for _, f := range sel.Fields.Fields {
		star = star || f.WildCard != nil
	}
	if !star {
		return
	}
	type source struct {
		alias string
		cols  []string
	}
	var sources []source
	var walk func(n ast.ResultSetNode) bool
	walk = func(n ast.ResultSetNode) bool {
		switch x := n.(type) {
		case *ast.Join:
			if x.NaturalJoin || len(x.Using) > 0 {
				return false
			}
			if !walk(x.Left) {
				return false
			}
			return x.Right == nil || walk(x.Right)
		case *ast.TableSource:
			tn, ok := x.Source.(*ast.TableName)
			if !ok {
				return false
			}
			cols := columns(tn.Name.O)
			if cols == nil {
				return false
			}
			alias := tn.Name.O
			if x.AsName.O != "" {
				alias = x.AsName.O
			}
			sources = append(sources, source{alias: alias, cols: cols})
			return true
		}
		return false
	}
	if !walk(sel.From.TableRefs) {
		return
	}
	var fields []*ast.SelectField
	for _, f := range sel.Fields.Fields {
		if f.WildCard == nil {
			fields = append(fields, f)
			continue
		}
		matched := false
		for _, src := range sources {
			if q := f.WildCard.Table.O; q != "" && !strings.EqualFold(q, src.alias) {
				continue
			}
			matched = true
			for _, c := range src.cols {
				fields = append(fields, &ast.SelectField{Expr: &ast.ColumnNameExpr{Name: &ast.ColumnName{
					Table: ast.NewCIStr(src.alias), Name: ast.NewCIStr(c)}}})
			}
		}
		if !matched {
			return
		}
	}
	sel.Fields.Fields = fields
}
