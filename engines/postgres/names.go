package postgres

import (
	"strconv"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// maxIdentLen is NAMEDATALEN-1: the server truncates longer names.
const maxIdentLen = 63

// clipName cuts s to at most n bytes without splitting a UTF-8 character
// (the server's pg_mbcliplen).
func clipName(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// makeObjectName joins name1, name2 and label with "_" and shortens name1
// and name2 (the longer first) until the result fits, as the server's
// makeObjectName does.
func makeObjectName(name1, name2, label string) string {
	overhead := 0
	if label != "" {
		overhead += len(label) + 1
	}
	if name2 != "" {
		overhead++
	}
	avail := maxIdentLen - overhead
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	out := clipName(name1, n1)
	if name2 != "" {
		out += "_" + clipName(name2, n2)
	}
	if label != "" {
		out += "_" + label
	}
	return out
}

// chooseName picks makeObjectName(name1, name2, label), or with label1,
// label2, ... when that is taken (ChooseRelationName/ChooseConstraintName).
func chooseName(name1, name2, label string, taken func(string) bool) string {
	mod := label
	for pass := 1; ; pass++ {
		name := makeObjectName(name1, name2, mod)
		if !taken(name) {
			return name
		}
		mod = label + strconv.Itoa(pass)
	}
}

// joinNameParts joins column names with "_" the way ChooseIndexNameAddition
// does: it stops once the text reaches NAMEDATALEN bytes.
func joinNameParts(names []string) string {
	buf := ""
	for _, n := range names {
		if buf != "" {
			buf += "_"
		}
		buf += clipName(n, maxIdentLen+1)
		if len(buf) >= maxIdentLen+1 {
			break
		}
	}
	return buf
}

// indexColumnNames names the keys of an index for its implicit name: the
// column, the function name of a call, or "expr"; duplicates get 1, 2, ...
// (ChooseIndexColumnNames with FigureIndexColname).
func indexColumnNames(elems []*pg_query.IndexElem) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range elems {
		orig := e.Indexcolname
		if orig == "" {
			orig = e.Name
		}
		if orig == "" {
			orig = figureColname(e.Expr)
		}
		if orig == "" {
			orig = "expr"
		}
		cur := orig
		for i := 1; seen[cur]; i++ {
			suffix := strconv.Itoa(i)
			cur = clipName(orig, maxIdentLen-len(suffix)) + suffix
		}
		seen[cur] = true
		out = append(out, cur)
	}
	return out
}

// dedupeColumnNames applies indexColumnNames' duplicate rule to plain names.
func dedupeColumnNames(names []string) []string {
	elems := make([]*pg_query.IndexElem, len(names))
	for i, n := range names {
		elems[i] = &pg_query.IndexElem{Name: n}
	}
	return indexColumnNames(elems)
}

// figureColname is the server's FigureColnameInternal for the node kinds
// that give a name; "" means none ("expr" for indexes, "?column?" in lists).
func figureColname(n *pg_query.Node) string {
	if n == nil {
		return ""
	}
	switch {
	case n.GetColumnRef() != nil:
		f := n.GetColumnRef().Fields
		if len(f) > 0 && f[len(f)-1].GetString_() != nil {
			return f[len(f)-1].GetString_().Sval
		}
	case n.GetAIndirection() != nil:
		ind := n.GetAIndirection().Indirection
		for i := len(ind) - 1; i >= 0; i-- {
			if s := ind[i].GetString_(); s != nil {
				return s.Sval
			}
		}
		return figureColname(n.GetAIndirection().Arg)
	case n.GetFuncCall() != nil:
		f := n.GetFuncCall().Funcname
		if len(f) > 0 && f[len(f)-1].GetString_() != nil {
			return f[len(f)-1].GetString_().Sval
		}
	case n.GetTypeCast() != nil:
		if s := figureColname(n.GetTypeCast().Arg); s != "" {
			return s
		}
		names := stringList(n.GetTypeCast().TypeName.Names)
		if len(names) > 0 {
			return names[len(names)-1]
		}
	case n.GetCollateClause() != nil:
		return figureColname(n.GetCollateClause().Arg)
	case n.GetCaseExpr() != nil:
		if s := figureColname(n.GetCaseExpr().Defresult); s != "" {
			return s
		}
		return "case"
	case n.GetAArrayExpr() != nil:
		return "array"
	case n.GetRowExpr() != nil:
		return "row"
	case n.GetCoalesceExpr() != nil:
		return "coalesce"
	case n.GetMinMaxExpr() != nil:
		if n.GetMinMaxExpr().Op == pg_query.MinMaxOp_IS_GREATEST {
			return "greatest"
		}
		return "least"
	case n.GetNullIfExpr() != nil:
		return "nullif"
	case n.GetSqlvalueFunction() != nil:
		return sqlValueFunctionName(n.GetSqlvalueFunction().Op)
	}
	return ""
}

// sqlValueFunctionName is the name of CURRENT_TIMESTAMP and friends.
func sqlValueFunctionName(op pg_query.SQLValueFunctionOp) string {
	switch op {
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
		return "current_date"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIME, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIME_N:
		return "current_time"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N:
		return "current_timestamp"
	case pg_query.SQLValueFunctionOp_SVFOP_LOCALTIME, pg_query.SQLValueFunctionOp_SVFOP_LOCALTIME_N:
		return "localtime"
	case pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
		return "localtimestamp"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:
		return "current_role"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_USER:
		return "current_user"
	case pg_query.SQLValueFunctionOp_SVFOP_USER:
		return "user"
	case pg_query.SQLValueFunctionOp_SVFOP_SESSION_USER:
		return "session_user"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:
		return "current_catalog"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:
		return "current_schema"
	}
	return ""
}

// columnRefNames lists the distinct column names an expression references
// (the last field of each column reference), in first-seen order.
func columnRefNames(n *pg_query.Node) []string {
	var out []string
	seen := map[string]bool{}
	walkNodes(n, func(x *pg_query.Node) {
		cr := x.GetColumnRef()
		if cr == nil || len(cr.Fields) == 0 {
			return
		}
		s := cr.Fields[len(cr.Fields)-1].GetString_()
		if s == nil || seen[s.Sval] {
			return
		}
		seen[s.Sval] = true
		out = append(out, s.Sval)
	})
	return out
}
