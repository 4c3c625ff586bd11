package postgres

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// normalizer computes comparison keys for expressions and queries: two
// texts with equal keys mean the same thing. It undoes what the server adds
// when it prints expressions back (casts of literals, parentheses, the
// public and pg_catalog qualifiers, IN rewritten as = ANY, ...), applying
// the same rules to both sides. It caches, so one normalizer serves one plan
// (it is not safe for concurrent use); behind its own cache it may share
// one with the other plans of an engine value.
type normalizer struct {
	exprs, queries map[string]string
	shared         *keyCache // nil: none
}

func newNormalizer() *normalizer { return newSharedNormalizer(nil) }

// newSharedNormalizer is a normalizer that also looks keys up in, and
// adds them to, shared (which may be nil).
func newSharedNormalizer(shared *keyCache) *normalizer {
	return &normalizer{exprs: map[string]string{}, queries: map[string]string{}, shared: shared}
}

// expr returns the comparison key of a scalar expression.
func (n *normalizer) expr(sql string) string { return n.key(false, sql) }

// query returns the comparison key of a view query.
func (n *normalizer) query(sql string) string { return n.key(true, sql) }

func (n *normalizer) key(query bool, sql string) string {
	own := n.exprs
	if query {
		own = n.queries
	}
	if k, ok := own[sql]; ok {
		return k
	}
	k, ok := "", false
	if n.shared != nil {
		k, ok = n.shared.get(query, sql)
	}
	if !ok {
		if query {
			k = queryKey(sql)
		} else {
			k = exprKey(sql)
		}
		if n.shared != nil {
			n.shared.put(query, sql, k)
		}
	}
	own[sql] = k
	return k
}

var errNotOneExpr = errors.New("not a single expression")

var spaceRun = regexp.MustCompile(`\s+`)

// collapse is the key of a text that does not parse.
func collapse(sql string) string { return strings.TrimSpace(spaceRun.ReplaceAllString(sql, " ")) }

func exprKey(sql string) string {
	if strings.TrimSpace(sql) == "" {
		return ""
	}
	node, err := parseExpr(sql)
	if err != nil {
		return collapse(sql)
	}
	node = canonExpr(node)
	out, err := deparseNode(node)
	if err != nil {
		return collapse(sql)
	}
	return out
}

func queryKey(sql string) string {
	text := strings.TrimSpace(sql)
	text = strings.TrimSpace(strings.TrimSuffix(text, ";"))
	if text == "" {
		return ""
	}
	tree, err := pg_query.Parse(text)
	if err != nil || len(tree.Stmts) != 1 {
		return collapse(sql)
	}
	stmt := tree.Stmts[0].Stmt
	canonQuery(stmt)
	out, err := deparseStmt(stmt)
	if err != nil {
		return collapse(sql)
	}
	return out
}

// parseExpr parses one scalar expression.
func parseExpr(sql string) (*pg_query.Node, error) {
	tree, err := pg_query.Parse("SELECT " + sql)
	if err != nil {
		return nil, err
	}
	if len(tree.Stmts) != 1 {
		return nil, errNotOneExpr
	}
	sel := tree.Stmts[0].Stmt.GetSelectStmt()
	if sel == nil || len(sel.TargetList) != 1 || len(sel.FromClause) > 0 {
		return nil, errNotOneExpr
	}
	rt := sel.TargetList[0].GetResTarget()
	if rt == nil || rt.Name != "" {
		return nil, errNotOneExpr
	}
	return rt.Val, nil
}

// deparseNode prints an expression node as pg_query's deparser does: in Go
// for the common shapes (fastdeparse.go), else through the deparser.
func deparseNode(n *pg_query.Node) (string, error) {
	var b strings.Builder
	if fastDeparse(&b, n) {
		return b.String(), nil
	}
	return deparseNodeC(n)
}

// deparseNodeC is deparseNode through pg_query's deparser only.
func deparseNodeC(n *pg_query.Node) (string, error) {
	sel := &pg_query.SelectStmt{TargetList: []*pg_query.Node{
		{Node: &pg_query.Node_ResTarget{ResTarget: &pg_query.ResTarget{Val: n}}},
	}}
	out, err := deparseStmt(&pg_query.Node{Node: &pg_query.Node_SelectStmt{SelectStmt: sel}})
	if err != nil {
		return "", err
	}
	return strings.TrimPrefix(out, "SELECT "), nil
}

// deparseExpr is deparseNode for callers that hold a node which came from
// the parser and therefore deparses; on failure it returns "".
func deparseExpr(n *pg_query.Node) string {
	if n == nil {
		return ""
	}
	s, err := deparseNode(n)
	if err != nil {
		return ""
	}
	return s
}

// parseTreeVersion is the parse tree version of pg_query_go v6 (PostgreSQL
// 17.0.7); the deparser refuses trees that do not carry it.
const parseTreeVersion = 170007

// deparseStmt prints one statement.
func deparseStmt(n *pg_query.Node) (string, error) {
	return pg_query.Deparse(&pg_query.ParseResult{Version: parseTreeVersion, Stmts: []*pg_query.RawStmt{{Stmt: n}}})
}

// cloneNode deep-copies a node so canonicalization does not touch the original.
func cloneNode(n *pg_query.Node) *pg_query.Node {
	if n == nil {
		return nil
	}
	return proto.Clone(n).(*pg_query.Node)
}

// walkNodes calls fn for every node of the tree, parents before children.
func walkNodes(n *pg_query.Node, fn func(*pg_query.Node)) {
	if n == nil {
		return
	}
	walkMessage(n.ProtoReflect(), func(x *pg_query.Node) bool { fn(x); return true }, nil)
}

// rewriteNodes calls fn for every node of the tree, children before
// parents, so fn sees canonical children. fn replaces a node by assigning
// its Node field.
func rewriteNodes(n *pg_query.Node, fn func(*pg_query.Node)) {
	if n == nil {
		return
	}
	walkMessage(n.ProtoReflect(), nil, fn)
}

func walkMessage(m protoreflect.Message, pre func(*pg_query.Node) bool, post func(*pg_query.Node)) {
	node, isNode := m.Interface().(*pg_query.Node)
	if isNode && pre != nil && !pre(node) {
		return
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsList() && fd.Message() != nil:
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				walkMessage(l.Get(i).Message(), pre, post)
			}
		case fd.IsMap():
		case fd.Message() != nil:
			walkMessage(v.Message(), pre, post)
		}
		return true
	})
	if isNode && post != nil {
		post(node)
	}
}

// canonExpr returns a canonical copy of an expression (see normalizer).
func canonExpr(n *pg_query.Node) *pg_query.Node {
	if n == nil {
		return nil
	}
	c := cloneNode(n)
	rewriteNodes(c, canonNode)
	return c
}

// canonExprText deparses a canonical copy of an expression.
func canonExprText(n *pg_query.Node) string { return deparseExpr(canonExpr(n)) }

// canonQuery canonicalizes a statement in place, with the query-only rules.
func canonQuery(stmt *pg_query.Node) {
	rewriteNodes(stmt, canonNode)
	walkNodes(stmt, func(x *pg_query.Node) {
		if sel := x.GetSelectStmt(); sel != nil {
			if sel.Op != pg_query.SetOperation_SETOP_NONE && sel.Rarg != nil {
				clearSetOpAliases(sel.Rarg)
			}
			canonSetOp(sel)
		}
	})
}

// canonSetOp applies canonSelect to a SELECT and to the arms of a set
// operation, which the tree holds as bare SelectStmt fields, not nodes.
func canonSetOp(sel *pg_query.SelectStmt) {
	if sel == nil {
		return
	}
	if sel.Op != pg_query.SetOperation_SETOP_NONE {
		canonSetOp(sel.Larg)
		canonSetOp(sel.Rarg)
		return
	}
	canonSelect(sel)
}

// clearSetOpAliases drops the output names of the arms of a set operation
// after the first: the result takes its column names from the first arm
// only, and the server prints the others with aliases of its own.
func clearSetOpAliases(sel *pg_query.SelectStmt) {
	if sel.Op != pg_query.SetOperation_SETOP_NONE {
		if sel.Larg != nil {
			clearSetOpAliases(sel.Larg)
		}
		if sel.Rarg != nil {
			clearSetOpAliases(sel.Rarg)
		}
		return
	}
	for _, t := range sel.TargetList {
		if rt := t.GetResTarget(); rt != nil {
			rt.Name = ""
		}
	}
}

// canonSelect drops what the server adds to a simple SELECT: column
// qualifiers naming the only relation of FROM, and "AS x" aliases that
// repeat the column's own name.
func canonSelect(sel *pg_query.SelectStmt) {
	resolveSortGroupRefs(sel)
	if len(sel.FromClause) == 1 {
		if rv := sel.FromClause[0].GetRangeVar(); rv != nil {
			name := rv.Relname
			if rv.Alias != nil && rv.Alias.Aliasname != "" {
				name = rv.Alias.Aliasname
			}
			parts := append([]*pg_query.Node{}, sel.TargetList...)
			parts = append(parts, sel.WhereClause, sel.HavingClause)
			parts = append(parts, sel.GroupClause...)
			parts = append(parts, sel.SortClause...)
			for _, p := range parts {
				walkNodes(p, func(x *pg_query.Node) {
					if x.GetSubLink() != nil {
						return
					}
					cr := x.GetColumnRef()
					if cr == nil || len(cr.Fields) != 2 {
						return
					}
					if s := cr.Fields[0].GetString_(); s != nil && s.Sval == name {
						cr.Fields = cr.Fields[1:]
					}
				})
			}
		}
	}
	for _, t := range sel.TargetList {
		rt := t.GetResTarget()
		if rt == nil || rt.Name == "" {
			continue
		}
		if cr := rt.Val.GetColumnRef(); cr != nil && figureColname(rt.Val) == rt.Name {
			rt.Name = ""
		}
	}
}

// resolveSortGroupRefs writes ORDER BY and GROUP BY items that point at
// the select list (by position, or ORDER BY by output name) as the
// expressions they point at, which is how the server prints them. A
// constant in the select list stays a position, as the server keeps it.
func resolveSortGroupRefs(sel *pg_query.SelectStmt) {
	if len(sel.TargetList) == 0 {
		return
	}
	target := func(n *pg_query.Node, byName bool) *pg_query.Node {
		if c := n.GetAConst(); c != nil && c.GetIval() != nil {
			i := int(c.GetIval().Ival)
			if i < 1 || i > len(sel.TargetList) {
				return nil
			}
			rt := sel.TargetList[i-1].GetResTarget()
			if rt == nil || rt.Val == nil || isConst(rt.Val) || rt.Val.GetColumnRef().GetFields() != nil && stringList(rt.Val.GetColumnRef().Fields)[len(rt.Val.GetColumnRef().Fields)-1] == "*" {
				return nil
			}
			return cloneNode(rt.Val)
		}
		cr := n.GetColumnRef()
		if !byName || cr == nil || len(cr.Fields) != 1 || cr.Fields[0].GetString_() == nil {
			return nil
		}
		name := cr.Fields[0].GetString_().Sval
		var found *pg_query.Node
		for _, t := range sel.TargetList {
			if rt := t.GetResTarget(); rt != nil && rt.Name == name {
				if found != nil {
					return nil // ambiguous: the server would refuse it
				}
				found = rt.Val
			}
		}
		if found == nil || isConst(found) {
			return nil
		}
		return cloneNode(found)
	}
	for _, s := range sel.SortClause {
		if sb := s.GetSortBy(); sb != nil {
			if x := target(sb.Node, true); x != nil {
				sb.Node = x
			}
		}
	}
	for i, g := range sel.GroupClause {
		if x := target(g, false); x != nil {
			sel.GroupClause[i] = x
		}
	}
}

// textTypes are the types whose casts the server adds around column
// references for comparisons; dropping them loses nothing for a key.
var textTypes = map[string]bool{"text": true, "varchar": true, "bpchar": true, "character varying": true}

// numericTypes are types whose string constants become numbers when their
// cast is dropped ('-1'::integer is how the server prints -1).
var numericTypes = map[string]bool{"int2": true, "int4": true, "int8": true, "numeric": true, "float4": true, "float8": true, "integer": true, "bigint": true, "smallint": true}

// internalTypeNames maps spellings of pg_catalog types to one name each.
var internalTypeNames = map[string]string{
	"int": "int4", "integer": "int4", "int4": "int4", "bigint": "int8", "int8": "int8",
	"smallint": "int2", "int2": "int2", "real": "float4", "float4": "float4",
	"float8": "float8", "double precision": "float8", "boolean": "bool", "bool": "bool",
	"character varying": "varchar", "varchar": "varchar", "character": "bpchar", "bpchar": "bpchar",
	"decimal": "numeric", "numeric": "numeric", "timestamptz": "timestamptz", "timestamp": "timestamp",
	"timetz": "timetz", "time": "time", "varbit": "varbit", "bit": "bit",
}

// canonTypeName gives a type name one spelling: pg_catalog types as
// pg_catalog.<internal name>, user types without "public.".
func canonTypeName(tn *pg_query.TypeName) {
	if tn == nil {
		return
	}
	names := stringList(tn.Names)
	if len(names) != len(tn.Names) || len(names) == 0 {
		return
	}
	schema, name := "", names[len(names)-1]
	if len(names) > 1 {
		schema = names[len(names)-2]
	}
	switch {
	case schema == "pg_catalog" || (schema == "" && (builtinTypes[name] || internalTypeNames[name] != "")):
		if in := internalTypeNames[name]; in != "" {
			name = in
		}
		tn.Names = []*pg_query.Node{pg_query.MakeStrNode("pg_catalog"), pg_query.MakeStrNode(name)}
	case schema == "public":
		tn.Names = []*pg_query.Node{pg_query.MakeStrNode(name)}
	}
}

// typeBaseName is the last part of a canonical type name.
func typeBaseName(tn *pg_query.TypeName) string {
	names := stringList(tn.Names)
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1]
}

// dropQualifier removes a leading public or pg_catalog from a name list.
func dropQualifier(names []*pg_query.Node) []*pg_query.Node {
	if len(names) == 2 {
		if s := names[0].GetString_(); s != nil && (s.Sval == "public" || s.Sval == "pg_catalog") {
			return names[1:]
		}
	}
	return names
}

// isConst reports whether a node is a literal (possibly an array of literals).
func isConst(n *pg_query.Node) bool {
	if n == nil {
		return false
	}
	if n.GetAConst() != nil {
		return true
	}
	if a := n.GetAArrayExpr(); a != nil {
		for _, e := range a.Elements {
			if !isConst(e) {
				return false
			}
		}
		return true
	}
	return false
}

// canonNode applies the normalizer's rules to one node whose children are
// already canonical.
func canonNode(n *pg_query.Node) {
	switch {
	case n.GetTypeCast() != nil:
		tc := n.GetTypeCast()
		canonTypeName(tc.TypeName)
		base := typeBaseName(tc.TypeName)
		arg := tc.Arg
		if c := arg.GetAConst(); c != nil {
			if base == "regclass" && c.GetSval() != nil {
				c.Val = &pg_query.A_Const_Sval{Sval: &pg_query.String{Sval: strings.TrimPrefix(c.GetSval().Sval, "public.")}}
			}
			if numericTypes[base] && c.GetSval() != nil && len(tc.TypeName.ArrayBounds) == 0 {
				numberConst(c)
			}
			if base == "bool" && c.GetSval() != nil && len(tc.TypeName.ArrayBounds) == 0 {
				switch strings.ToLower(c.GetSval().Sval) {
				case "t", "true", "on", "yes", "y", "1":
					c.Val = &pg_query.A_Const_Boolval{Boolval: &pg_query.Boolean{Boolval: true}}
				case "f", "false", "off", "no", "n", "0":
					c.Val = &pg_query.A_Const_Boolval{Boolval: &pg_query.Boolean{Boolval: false}}
				}
			}
			n.Node = arg.Node
			return
		}
		if isConst(arg) {
			n.Node = arg.Node
			return
		}
		// The server adds implicit casts around column references (to text
		// in comparisons, integer to numeric in arithmetic).
		if arg.GetColumnRef() != nil && (textTypes[base] || base == "numeric") && len(tc.TypeName.ArrayBounds) == 0 && len(tc.TypeName.Typmods) == 0 {
			n.Node = arg.Node
			return
		}
	case n.GetFuncCall() != nil:
		fc := n.GetFuncCall()
		fc.Funcname = dropQualifier(fc.Funcname)
		// The server prints a call to a variadic function with its
		// variadic arguments gathered: f(a, VARIADIC ARRAY[b, c]) is f(a, b, c).
		if fc.FuncVariadic && len(fc.Args) > 0 {
			if arr := fc.Args[len(fc.Args)-1].GetAArrayExpr(); arr != nil && len(arr.Elements) > 0 {
				fc.Args = append(fc.Args[:len(fc.Args)-1:len(fc.Args)-1], arr.Elements...)
				fc.FuncVariadic = false
			}
		}
		if names := stringList(fc.Funcname); len(names) == 1 && len(fc.Args) > 0 {
			switch names[0] {
			case "nextval", "currval", "setval":
				if c := fc.Args[0].GetAConst(); c != nil && c.GetSval() != nil {
					c.Val = &pg_query.A_Const_Sval{Sval: &pg_query.String{Sval: strings.TrimPrefix(c.GetSval().Sval, "public.")}}
				}
			}
		}
		if names := stringList(fc.Funcname); len(names) == 1 && names[0] == "now" && len(fc.Args) == 0 {
			fc.Funcformat = pg_query.CoercionForm_COERCE_EXPLICIT_CALL
		}
	case n.GetSqlvalueFunction() != nil:
		if n.GetSqlvalueFunction().Op == pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP {
			n.Node = &pg_query.Node_FuncCall{FuncCall: &pg_query.FuncCall{
				Funcname:   []*pg_query.Node{pg_query.MakeStrNode("now")},
				Funcformat: pg_query.CoercionForm_COERCE_EXPLICIT_CALL,
			}}
		}
	case n.GetRangeVar() != nil:
		rv := n.GetRangeVar()
		if rv.Schemaname == "public" || rv.Schemaname == "pg_catalog" {
			rv.Schemaname = ""
		}
	case n.GetColumnRef() != nil:
		cr := n.GetColumnRef()
		if len(cr.Fields) == 3 {
			if s := cr.Fields[0].GetString_(); s != nil && (s.Sval == "public" || s.Sval == "pg_catalog") {
				cr.Fields = cr.Fields[1:]
			}
		}
	case n.GetAExpr() != nil:
		canonAExpr(n)
	case n.GetBoolExpr() != nil:
		// (a AND (b AND c)) and (a AND b AND c) are the same.
		be := n.GetBoolExpr()
		if be.Boolop == pg_query.BoolExprType_NOT_EXPR {
			return
		}
		var args []*pg_query.Node
		for _, a := range be.Args {
			if sub := a.GetBoolExpr(); sub != nil && sub.Boolop == be.Boolop {
				args = append(args, sub.Args...)
			} else {
				args = append(args, a)
			}
		}
		be.Args = args
	}
}

// numberConst turns a string constant that spells a number into a number.
func numberConst(c *pg_query.A_Const) {
	s := strings.TrimSpace(c.GetSval().Sval)
	if i, err := strconv.ParseInt(s, 10, 32); err == nil {
		c.Val = &pg_query.A_Const_Ival{Ival: &pg_query.Integer{Ival: int32(i)}}
		return
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		c.Val = &pg_query.A_Const_Fval{Fval: &pg_query.Float{Fval: s}}
	}
}

// canonAExpr rewrites operator expressions into the forms the server prints.
func canonAExpr(n *pg_query.Node) {
	e := n.GetAExpr()
	e.Name = dropQualifier(e.Name)
	switch e.Kind {
	case pg_query.A_Expr_Kind_AEXPR_IN:
		// x IN (a, b) is printed as x = ANY (ARRAY[a, b]); NOT IN as <> ALL.
		list := e.Rexpr.GetList()
		if list == nil {
			return
		}
		if len(list.Items) == 1 {
			// The server reduces a one-element list to a plain comparison.
			e.Kind = pg_query.A_Expr_Kind_AEXPR_OP
			e.Rexpr = list.Items[0]
			return
		}
		arr := &pg_query.Node{Node: &pg_query.Node_AArrayExpr{AArrayExpr: &pg_query.A_ArrayExpr{Elements: list.Items}}}
		e.Rexpr = arr
		if op := stringList(e.Name); len(op) == 1 && op[0] == "<>" {
			e.Kind = pg_query.A_Expr_Kind_AEXPR_OP_ALL
		} else {
			e.Kind = pg_query.A_Expr_Kind_AEXPR_OP_ANY
		}
	case pg_query.A_Expr_Kind_AEXPR_LIKE, pg_query.A_Expr_Kind_AEXPR_ILIKE:
		e.Kind = pg_query.A_Expr_Kind_AEXPR_OP
	case pg_query.A_Expr_Kind_AEXPR_NOT_DISTINCT:
		// The server keeps a IS NOT DISTINCT FROM b as NOT (a IS DISTINCT
		// FROM b), and prints it so.
		inner := &pg_query.A_Expr{Kind: pg_query.A_Expr_Kind_AEXPR_DISTINCT, Name: e.Name, Lexpr: e.Lexpr, Rexpr: e.Rexpr}
		n.Node = &pg_query.Node_BoolExpr{BoolExpr: &pg_query.BoolExpr{Boolop: pg_query.BoolExprType_NOT_EXPR,
			Args: []*pg_query.Node{{Node: &pg_query.Node_AExpr{AExpr: inner}}}}}
	case pg_query.A_Expr_Kind_AEXPR_BETWEEN, pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN:
		list := e.Rexpr.GetList()
		if list == nil || len(list.Items) != 2 {
			return
		}
		lo, hi, boolop := ">=", "<=", pg_query.BoolExprType_AND_EXPR
		if e.Kind == pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN {
			lo, hi, boolop = "<", ">", pg_query.BoolExprType_OR_EXPR
		}
		mk := func(op string, r *pg_query.Node) *pg_query.Node {
			return &pg_query.Node{Node: &pg_query.Node_AExpr{AExpr: &pg_query.A_Expr{
				Kind: pg_query.A_Expr_Kind_AEXPR_OP, Name: []*pg_query.Node{pg_query.MakeStrNode(op)},
				Lexpr: cloneNode(e.Lexpr), Rexpr: r,
			}}}
		}
		n.Node = &pg_query.Node_BoolExpr{BoolExpr: &pg_query.BoolExpr{
			Boolop: boolop,
			Args:   []*pg_query.Node{mk(lo, list.Items[0]), mk(hi, list.Items[1])},
		}}
	}
}
