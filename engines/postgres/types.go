package postgres

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// typeAliases maps the internal and alias names of pg_catalog types to the
// names format_type() prints.
var typeAliases = map[string]string{
	"int4":        "integer",
	"int":         "integer",
	"integer":     "integer",
	"int8":        "bigint",
	"int2":        "smallint",
	"float4":      "real",
	"float8":      "double precision",
	"bool":        "boolean",
	"varchar":     "character varying",
	"bpchar":      "character",
	"varbit":      "bit varying",
	"timestamp":   "timestamp without time zone",
	"timestamptz": "timestamp with time zone",
	"time":        "time without time zone",
	"timetz":      "time with time zone",
	"decimal":     "numeric",
	"char":        `"char"`,
}

// builtinTypes are pg_catalog types whose format_type() name is their own
// name. An unqualified type name that is neither here nor in typeAliases is
// a user type in "public".
var builtinTypes = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`text bytea json jsonb uuid date inet cidr macaddr macaddr8 money xml
tsvector tsquery oid regclass regtype regproc regprocedure regoper regoperator regconfig regdictionary
regnamespace regrole regcollation name point line lseg box path polygon circle int4range int8range
numrange tsrange tstzrange daterange int4multirange int8multirange nummultirange tsmultirange
tstzmultirange datemultirange pg_lsn txid_snapshot pg_snapshot jsonpath record void trigger
event_trigger anyelement anyarray anynonarray anyenum anyrange anymultirange anycompatible
anycompatiblearray anycompatiblenonarray anycompatiblerange anycompatiblemultirange cstring internal
language_handler fdw_handler index_am_handler tsm_handler table_am_handler refcursor unknown xid xid8
cid tid aclitem int2vector oidvector gtsvector numeric bit interval boolean smallint bigint real
character pg_node_tree`) {
		m[w] = true
	}
	return m
}()

// Interval field bits of an interval typmod (INTERVAL_MASK in the server).
const (
	intervalMonth  = 1 << 1
	intervalYear   = 1 << 2
	intervalDay    = 1 << 3
	intervalHour   = 1 << 10
	intervalMinute = 1 << 11
	intervalSecond = 1 << 12
	intervalFull   = 0x7FFF
)

var intervalFields = map[int64]string{
	intervalYear:                 " year",
	intervalMonth:                " month",
	intervalDay:                  " day",
	intervalHour:                 " hour",
	intervalMinute:               " minute",
	intervalSecond:               " second",
	intervalYear | intervalMonth: " year to month",
	intervalDay | intervalHour:   " day to hour",
	intervalDay | intervalHour | intervalMinute:                  " day to minute",
	intervalDay | intervalHour | intervalMinute | intervalSecond: " day to second",
	intervalHour | intervalMinute:                                " hour to minute",
	intervalHour | intervalMinute | intervalSecond:               " hour to second",
	intervalMinute | intervalSecond:                              " minute to second",
}

// formatType prints a type name the way format_type() does with
// search_path = pg_catalog (see the package comment).
func formatType(tn *pg_query.TypeName) string {
	if tn == nil {
		return ""
	}
	names := stringList(tn.Names)
	s := formatTypeName(names, tn.Typmods)
	if len(tn.ArrayBounds) > 0 {
		// format_type prints one [] whatever the dimensions.
		s += "[]"
	}
	if tn.PctType {
		s += "%TYPE"
	}
	return s
}

// formatTypeName prints the base type (no array bounds).
func formatTypeName(names []string, typmods []*pg_query.Node) string {
	var schema, name string
	switch len(names) {
	case 0:
		return ""
	case 1:
		name = names[0]
	default:
		schema, name = names[len(names)-2], names[len(names)-1]
	}
	if schema != "" && schema != "pg_catalog" {
		return qualify(schema, name) + formatTypmods(typmods)
	}
	canon, ok := typeAliases[name]
	if !ok {
		if !builtinTypes[name] {
			if schema == "pg_catalog" {
				return quoteIdent(name) + formatTypmods(typmods)
			}
			return qualify("public", name) + formatTypmods(typmods)
		}
		canon = name
	}
	mods := typmodInts(typmods)
	switch canon {
	case "character":
		if len(typmods) == 0 {
			// format_type prints a bare bpchar (no length) by its internal name.
			return "bpchar"
		}
	case "timestamp without time zone", "timestamp with time zone", "time without time zone", "time with time zone":
		base, zone, _ := strings.Cut(canon, " ")
		if len(mods) == 1 {
			return base + "(" + strconv.FormatInt(mods[0], 10) + ") " + zone
		}
		return canon
	case "numeric":
		switch len(mods) {
		case 1:
			return "numeric(" + strconv.FormatInt(mods[0], 10) + ",0)"
		case 2:
			return "numeric(" + strconv.FormatInt(mods[0], 10) + "," + strconv.FormatInt(mods[1], 10) + ")"
		}
		return canon
	case "interval":
		if len(mods) == 0 {
			return canon
		}
		out := "interval"
		if mods[0] != intervalFull {
			out += intervalFields[mods[0]]
		}
		if len(mods) > 1 {
			out += "(" + strconv.FormatInt(mods[1], 10) + ")"
		}
		return out
	case "real", "double precision":
		// float(p) is parsed to float4/float8 already; typmods never remain.
		return canon
	}
	if len(mods) > 0 && len(mods) == len(typmods) {
		parts := make([]string, len(mods))
		for i, m := range mods {
			parts[i] = strconv.FormatInt(m, 10)
		}
		return canon + "(" + strings.Join(parts, ",") + ")"
	}
	return canon + formatTypmods(typmods)
}

// typmodInts returns the integer type modifiers, or nil if any is not an integer.
func typmodInts(typmods []*pg_query.Node) []int64 {
	var out []int64
	for _, m := range typmods {
		c := m.GetAConst()
		if c == nil || c.GetIval() == nil {
			return nil
		}
		out = append(out, int64(c.GetIval().Ival))
	}
	return out
}

// formatTypmods prints arbitrary modifiers of user types, e.g. geometry(Point,4326).
func formatTypmods(typmods []*pg_query.Node) string {
	if len(typmods) == 0 {
		return ""
	}
	parts := make([]string, len(typmods))
	for i, m := range typmods {
		switch {
		case m.GetAConst() != nil && m.GetAConst().GetIval() != nil:
			parts[i] = strconv.FormatInt(int64(m.GetAConst().GetIval().Ival), 10)
		case m.GetAConst() != nil && m.GetAConst().GetSval() != nil:
			parts[i] = typmodWord(m.GetAConst().GetSval().Sval)
		case m.GetColumnRef() != nil && len(m.GetColumnRef().Fields) == 1:
			// The server hands an identifier to typmodin as the same text
			// as a string literal: print both alike.
			parts[i] = typmodWord(strings.Join(stringList(m.GetColumnRef().Fields), "."))
		default:
			parts[i] = deparseExpr(m)
		}
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// typmodWord prints a text type modifier: a word bare, as the server's
// typmodout does (geometry(point,4326)); any other text (empty, or 'Two
// Words') stays a literal, or the type would not parse again.
func typmodWord(sv string) string {
	if quoteIdent(sv) == sv {
		return sv
	}
	return quoteLiteral(sv)
}

// checkGrammarOnly refuses what the grammar takes but the server never
// does, and a dump could not print back: type modifiers that are not simple
// constants or identifiers (typenameTypeMod), and the parameter $0.
func checkGrammarOnly(n *pg_query.Node) error {
	var err error
	walkTree(n, func(m any) bool {
		switch x := m.(type) {
		case *pg_query.TypeName:
			for _, mod := range x.Typmods {
				if !simpleTypmod(mod) {
					err = fmt.Errorf("type %s: type modifiers must be simple constants or identifiers", strings.Join(stringList(x.Names), "."))
					return false
				}
			}
		case *pg_query.ParamRef:
			if x.Number <= 0 {
				err = fmt.Errorf("there is no parameter $%d", x.Number)
				return false
			}
		}
		return true
	})
	return err
}

// simpleTypmod is the server's test: an integer, decimal or string
// constant, or an unqualified identifier.
func simpleTypmod(n *pg_query.Node) bool {
	if c := n.GetAConst(); c != nil {
		return c.GetIval() != nil || c.GetFval() != nil || c.GetSval() != nil
	}
	if cr := n.GetColumnRef(); cr != nil {
		return len(cr.Fields) == 1 && cr.Fields[0].GetString_() != nil
	}
	return false
}

// stringList returns the String values of a name list.
func stringList(nodes []*pg_query.Node) []string {
	out := make([]string, 0, len(nodes))
	for _, n := range nodes {
		if s := n.GetString_(); s != nil {
			out = append(out, s.Sval)
		} else if n.GetAStar() != nil {
			out = append(out, "*")
		}
	}
	return out
}

// userTypeName reports whether a type name refers to a user type (not in
// pg_catalog), and its schema and name.
func userTypeName(tn *pg_query.TypeName) (schema, name string, ok bool) {
	names := stringList(tn.Names)
	switch len(names) {
	case 0:
		return "", "", false
	case 1:
		n := names[0]
		if _, alias := typeAliases[n]; alias || builtinTypes[n] {
			return "", "", false
		}
		return "public", n, true
	default:
		s, n := names[len(names)-2], names[len(names)-1]
		if s == "pg_catalog" {
			return "", "", false
		}
		return s, n, true
	}
}

// typeMaxValues are the largest values of the integer types sequences use.
var typeMaxValues = map[string]int64{
	"smallint": 1<<15 - 1,
	"integer":  1<<31 - 1,
	"bigint":   1<<63 - 1,
}

var typeMinValues = map[string]int64{
	"smallint": -1 << 15,
	"integer":  -1 << 31,
	"bigint":   -1 << 63,
}

// btreeOpclasses are the default btree (and hash) operator classes of
// pg_catalog types, by format_type() name; pg_get_indexdef omits them.
var btreeOpclasses = map[string]string{
	"text": "text_ops", "character varying": "text_ops", "character": "bpchar_ops", "bpchar": "bpchar_ops",
	"integer": "int4_ops", "bigint": "int8_ops", "smallint": "int2_ops", "numeric": "numeric_ops",
	"real": "float4_ops", "double precision": "float8_ops", "boolean": "bool_ops", "date": "date_ops",
	"timestamp without time zone": "timestamp_ops", "timestamp with time zone": "timestamptz_ops",
	"time without time zone": "time_ops", "time with time zone": "timetz_ops", "interval": "interval_ops",
	"uuid": "uuid_ops", "bytea": "bytea_ops", "inet": "inet_ops", "cidr": "inet_ops", "jsonb": "jsonb_ops",
	"oid": "oid_ops", `"char"`: "char_ops", "name": "name_ops", "money": "money_ops", "macaddr": "macaddr_ops",
	"macaddr8": "macaddr8_ops", "bit": "bit_ops", "bit varying": "varbit_ops", "pg_lsn": "pg_lsn_ops",
	"tsvector": "tsvector_ops", "tsquery": "tsquery_ops",
}

// isDefaultOpclass reports whether opclass is the default operator class
// of access method for a column of type typ (a format_type() name), so
// that writing it changes nothing. Enum and other user types are not
// known here and keep what the file says.
func isDefaultOpclass(method, typ, opclass string) bool {
	if opclass == "" {
		return false
	}
	array := strings.HasSuffix(typ, "[]")
	base := typ
	if i := strings.IndexByte(base, '('); i >= 0 && !array {
		base = base[:i]
	}
	switch method {
	case "btree", "":
		if array {
			return opclass == "array_ops"
		}
		return btreeOpclasses[base] == opclass
	case "hash":
		if array {
			return opclass == "array_ops"
		}
		switch base {
		case "jsonb", "tsvector", "tsquery", "bit", "bit varying", "money":
			return base == "jsonb" && opclass == "jsonb_ops"
		}
		return btreeOpclasses[base] == opclass
	case "gin":
		switch {
		case array:
			return opclass == "array_ops"
		case base == "jsonb":
			return opclass == "jsonb_ops"
		case base == "tsvector":
			return opclass == "tsvector_ops"
		}
	case "gist":
		switch base {
		case "tsvector":
			return opclass == "tsvector_ops"
		case "tsquery":
			return opclass == "tsquery_ops"
		case "box":
			return opclass == "box_ops"
		case "point":
			return opclass == "point_ops"
		case "polygon":
			return opclass == "poly_ops"
		case "circle":
			return opclass == "circle_ops"
		case "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange":
			return opclass == "range_ops"
		}
	}
	return false
}

// compositeAttr is one attribute of a composite type: its name and, for
// comparing and adding, its type with any collation.
type compositeAttr struct{ name, typ string }

// compositeAttrs reads a composite type's attributes from its definition.
func compositeAttrs(def string) ([]compositeAttr, bool) {
	tree, err := pg_query.Parse(def)
	if err != nil || len(tree.Stmts) != 1 || tree.Stmts[0].Stmt.GetCompositeTypeStmt() == nil {
		return nil, false
	}
	var out []compositeAttr
	for _, n := range tree.Stmts[0].Stmt.GetCompositeTypeStmt().Coldeflist {
		cd := n.GetColumnDef()
		if cd == nil {
			return nil, false
		}
		typ := formatType(cd.TypeName)
		if cc := cd.GetCollClause(); cc != nil {
			typ += " COLLATE " + collationSQL(collationName(cc.Collname))
		}
		out = append(out, compositeAttr{cd.Colname, typ})
	}
	return out, true
}

// compositeSame reports whether two composite types have the same
// attributes in the same order.
func compositeSame(a, b *engines.Type) bool {
	aa, ok1 := compositeAttrs(a.Definition)
	ba, ok2 := compositeAttrs(b.Definition)
	return ok1 && ok2 && slices.Equal(aa, ba)
}

// compositeAlterSQL is the ALTER TYPE that turns composite type from into
// to by dropping attributes and adding new ones at the end, which the
// server allows while columns use the type; "" when to needs more
// (a changed attribute type or order), which only a new type gives.
func compositeAlterSQL(from, to *engines.Type) string {
	fa, ok1 := compositeAttrs(from.Definition)
	ta, ok2 := compositeAttrs(to.Definition)
	if !ok1 || !ok2 {
		return ""
	}
	want := map[string]string{}
	for _, a := range ta {
		want[a.name] = a.typ
	}
	var actions []string
	kept := 0
	for _, a := range fa {
		typ, ok := want[a.name]
		switch {
		case !ok:
			actions = append(actions, "DROP ATTRIBUTE "+quoteIdent(a.name))
		case typ != a.typ:
			return ""
		default:
			if kept >= len(ta) || ta[kept].name != a.name {
				return "" // the kept attributes must lead, in their order
			}
			kept++
		}
	}
	for _, a := range ta[kept:] {
		actions = append(actions, "ADD ATTRIBUTE "+quoteIdent(a.name)+" "+a.typ)
	}
	if len(actions) == 0 {
		return ""
	}
	return "ALTER TYPE " + qualify(to.Schema, to.Name) + " " + strings.Join(actions, ", ")
}
