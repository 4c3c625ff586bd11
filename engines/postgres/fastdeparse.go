package postgres

import (
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// Printing an expression through pg_query's deparser costs a protobuf
// encoding in Go, a cgo call, a decoding in C and the printing: in a big
// schema most expressions are a constant, a column, a cast constant, a
// simple call or a comparison of those (defaults, checks, partial index
// predicates), and printing those in Go made up about a tenth of parsing
// a 10,000-table version. fastDeparse prints exactly what pg_query's
// deparser prints for that subset and reports false for anything else,
// which then goes to the deparser; TestFastDeparseMatchesDeparser compares
// the two on every expression of the test data and the corpora.

// fastDeparse appends n's text to b; false (b then holds garbage) when n
// is outside the subset.
func fastDeparse(b *strings.Builder, n *pg_query.Node) bool {
	switch x := n.GetNode().(type) {
	case *pg_query.Node_AConst:
		return fastConst(b, x.AConst)
	case *pg_query.Node_ColumnRef:
		return fastColumnRef(b, x.ColumnRef)
	case *pg_query.Node_TypeCast:
		return fastTypeCast(b, x.TypeCast)
	case *pg_query.Node_FuncCall:
		return fastFuncCall(b, x.FuncCall)
	case *pg_query.Node_AExpr:
		return fastOpExpr(b, x.AExpr)
	case *pg_query.Node_NullTest:
		t := x.NullTest
		if t.Arg == nil || t.Argisrow || !fastDeparse(b, t.Arg) {
			return false
		}
		switch t.Nulltesttype {
		case pg_query.NullTestType_IS_NULL:
			b.WriteString(" IS NULL")
		case pg_query.NullTestType_IS_NOT_NULL:
			b.WriteString(" IS NOT NULL")
		default:
			return false
		}
		return true
	}
	return false
}

func fastConst(b *strings.Builder, c *pg_query.A_Const) bool {
	if c.Isnull {
		b.WriteString("NULL")
		return true
	}
	switch v := c.Val.(type) {
	case *pg_query.A_Const_Ival:
		b.WriteString(strconv.FormatInt(int64(v.Ival.GetIval()), 10))
	case *pg_query.A_Const_Fval:
		b.WriteString(v.Fval.GetFval())
	case *pg_query.A_Const_Boolval:
		if v.Boolval.GetBoolval() {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case *pg_query.A_Const_Sval:
		b.WriteString(quoteLiteral(v.Sval.GetSval())) // the deparser quotes as quote_literal does
	default:
		return false
	}
	return true
}

func fastColumnRef(b *strings.Builder, c *pg_query.ColumnRef) bool {
	return fastDottedName(b, c.Fields)
}

// fastDottedName prints a name of one or more parts, each quoted as needed;
// false if a part is not a name (a "*", a subscript).
func fastDottedName(b *strings.Builder, parts []*pg_query.Node) bool {
	if len(parts) == 0 {
		return false
	}
	for i, p := range parts {
		s := p.GetString_()
		if s == nil {
			return false
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(serverQuoteIdent(s.Sval))
	}
	return true
}

// serverQuoteIdent is PostgreSQL's quote_identifier, which the deparser
// uses: unlike quoteIdent, a '$' needs quotes too.
func serverQuoteIdent(name string) string {
	if name == "" || strings.IndexByte(name, '$') >= 0 {
		return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	}
	return quoteIdent(name)
}

// bExprParens is the deparser's test for an operand that the grammar's
// b_expr cannot hold without parentheses.
func bExprParens(n *pg_query.Node) bool {
	switch n.GetNode().(type) {
	case *pg_query.Node_BoolExpr, *pg_query.Node_BooleanTest, *pg_query.Node_NullTest, *pg_query.Node_AExpr:
		return true
	}
	return false
}

func fastTypeCast(b *strings.Builder, tc *pg_query.TypeCast) bool {
	if tc.Arg == nil || tc.TypeName == nil {
		return false
	}
	parens := bExprParens(tc.Arg)
	tn := tc.TypeName
	if c := tc.Arg.GetAConst(); c != nil {
		if len(tn.Names) == 2 && tn.Names[0].GetString_().GetSval() == "pg_catalog" {
			switch tn.Names[1].GetString_().GetSval() {
			case "bpchar":
				if len(tn.Typmods) == 0 {
					b.WriteString("char ")
					return fastConst(b, c)
				}
			case "bool":
				if s := c.GetSval(); s != nil && !c.Isnull {
					switch s.Sval {
					case "t":
						b.WriteString("true")
						return true
					case "f":
						b.WriteString("false")
						return true
					}
				}
			}
		}
		if c.GetFval() != nil || (c.GetIval() != nil && c.GetIval().Ival < 0) {
			parens = true
		}
		if len(tn.Names) == 1 && tn.Names[0].GetString_().GetSval() == "point" {
			return false // printed by where the constant stands
		}
	}
	if parens {
		b.WriteByte('(')
	}
	if !fastDeparse(b, tc.Arg) {
		return false
	}
	if parens {
		b.WriteByte(')')
	}
	b.WriteString("::")
	return fastTypeName(b, tn)
}

// fastTypeName prints a type name; the SQL-standard names the grammar
// turns into pg_catalog ones come back in their short forms.
func fastTypeName(b *strings.Builder, tn *pg_query.TypeName) bool {
	if tn.Setof || tn.PctType || len(tn.Names) == 0 {
		return false
	}
	if len(tn.Names) == 2 && tn.Names[0].GetString_().GetSval() == "pg_catalog" {
		name := tn.Names[1].GetString_().GetSval()
		switch name {
		case "bpchar":
			b.WriteString("char")
		case "varchar", "numeric", "time", "timestamp":
			b.WriteString(name)
		case "bool":
			b.WriteString("boolean")
		case "int2":
			b.WriteString("smallint")
		case "int4":
			b.WriteString("int")
		case "int8":
			b.WriteString("bigint")
		case "real", "float4":
			b.WriteString("real")
		case "float8":
			b.WriteString("double precision")
		case "timetz", "timestamptz", "interval":
			if len(tn.Typmods) > 0 {
				return false
			}
			switch name {
			case "timetz":
				b.WriteString("time with time zone")
			case "timestamptz":
				b.WriteString("timestamp with time zone")
			default:
				b.WriteString("interval")
			}
		default:
			b.WriteString("pg_catalog.")
			b.WriteString(name)
		}
	} else if !fastDottedName(b, tn.Names) {
		return false
	}
	if len(tn.Typmods) > 0 {
		b.WriteByte('(')
		for i, m := range tn.Typmods {
			c := m.GetAConst()
			if c == nil {
				return false
			}
			if i > 0 {
				b.WriteString(", ")
			}
			if !fastConst(b, c) {
				return false
			}
		}
		b.WriteByte(')')
	}
	for _, ab := range tn.ArrayBounds {
		i := ab.GetInteger()
		if i == nil {
			return false
		}
		b.WriteByte('[')
		if i.Ival != -1 {
			b.WriteString(strconv.FormatInt(int64(i.Ival), 10))
		}
		b.WriteByte(']')
	}
	return true
}

func fastFuncCall(b *strings.Builder, f *pg_query.FuncCall) bool {
	if f.AggStar || f.AggDistinct || f.FuncVariadic || f.AggFilter != nil || f.Over != nil ||
		len(f.AggOrder) > 0 || f.AggWithinGroup || len(f.Funcname) == 0 ||
		f.Funcformat != pg_query.CoercionForm_COERCE_EXPLICIT_CALL {
		return false
	}
	// Functions of pg_catalog named in full include the ones the deparser
	// prints in SQL syntax (overlay, substring, trim...).
	if f.Funcname[0].GetString_().GetSval() == "pg_catalog" {
		return false
	}
	if !fastDottedName(b, f.Funcname) {
		return false
	}
	b.WriteByte('(')
	for i, a := range f.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		if !fastDeparse(b, a) {
			return false
		}
	}
	b.WriteByte(')')
	return true
}

// fastOpExpr prints "a op b" (and prefix "op b") with a bare operator.
func fastOpExpr(b *strings.Builder, e *pg_query.A_Expr) bool {
	if e.Kind != pg_query.A_Expr_Kind_AEXPR_OP || e.Rexpr == nil || len(e.Name) != 1 {
		return false
	}
	op := e.Name[0].GetString_().GetSval()
	if !isOperatorText(op) {
		return false
	}
	if e.Lexpr != nil {
		if !fastOperand(b, e.Lexpr) {
			return false
		}
		b.WriteByte(' ')
	}
	b.WriteString(op)
	b.WriteByte(' ')
	return fastOperand(b, e.Rexpr)
}

func fastOperand(b *strings.Builder, n *pg_query.Node) bool {
	parens := bExprParens(n)
	if parens {
		b.WriteByte('(')
	}
	if !fastDeparse(b, n) {
		return false
	}
	if parens {
		b.WriteByte(')')
	}
	return true
}

// isOperatorText is the deparser's test for a name it prints bare.
func isOperatorText(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("~!@#^&|`?+-*/%<>=", rune(s[i])) {
			return false
		}
	}
	return true
}
