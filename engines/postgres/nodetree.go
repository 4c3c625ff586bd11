package postgres

// Check constraints printed from their stored expression tree.
//
// pg_get_constraintdef() prints a CHECK by opening its table to name the
// columns, which on a fresh connection is most of what reading a table's
// constraints costs the server (10,000 tables: 0.7 s of the inspection).
// The inspection therefore reads conbin's pg_node_tree text and prints the
// common shapes here, as the server's ruleutils.c would print them:
// comparisons, AND/OR/NOT, IS [NOT] NULL, IN lists, casts of constants and
// columns, over integer, boolean and text constants. Anything else (a
// function call, a numeric or date constant, a user type or operator) is
// left to the server, asked in the inspection's second query.

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// ntValue is a value of a pg_node_tree's text form (outfuncs.c): a node, a
// list, a bare token, a datum's bytes, or nothing ("<>").
type ntValue struct {
	node *ntNode
	list []ntValue
	// atom is a bare token, or a datum's bytes.
	atom string
	kind ntKind
}

type ntKind uint8

const (
	ntAtom ntKind = iota
	ntNull
	ntList
	ntDatum
)

// datum returns a datum's bytes, or nil when v is not one.
func (v ntValue) datum() []byte {
	if v.kind != ntDatum {
		return nil
	}
	return []byte(v.atom)
}

// ntNode is one {NAME :field value ...} of the tree. A node has a dozen
// fields at most: a slice searched in order is cheaper than a map.
type ntNode struct {
	name   string
	fields []ntField
}

type ntField struct {
	name  string
	value ntValue
}

// field returns a field's value (the zero value when missing).
func (n *ntNode) field(name string) ntValue {
	for i := range n.fields {
		if n.fields[i].name == name {
			return n.fields[i].value
		}
	}
	return ntValue{}
}

// parseNodeTree reads the text form of a pg_node_tree; ok is false when it
// is not well formed.
func parseNodeTree(s string) (v ntValue, ok bool) {
	l := &ntLexer{s: s}
	v, ok = l.value(l.next(), "")
	return v, ok && l.next() == ""
}

type ntLexer struct {
	s string
	i int
}

// next returns the next token as pg_strtok splits them: one of (){} or a
// run up to white space or one of those (a backslash escapes a character).
func (l *ntLexer) next() string {
	for l.i < len(l.s) && (l.s[l.i] == ' ' || l.s[l.i] == '\n' || l.s[l.i] == '\t' || l.s[l.i] == '\r') {
		l.i++
	}
	if l.i >= len(l.s) {
		return ""
	}
	start := l.i
	switch l.s[l.i] {
	case '(', ')', '{', '}':
		l.i++
		return l.s[start:l.i]
	}
	for l.i < len(l.s) {
		c := l.s[l.i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '(' || c == ')' || c == '{' || c == '}' {
			break
		}
		if c == '\\' && l.i+1 < len(l.s) {
			l.i++
		}
		l.i++
	}
	return l.s[start:l.i]
}

// value reads the value starting with token tok; field names the field it
// belongs to (a Const's value is a datum: its length, then its bytes in
// brackets).
func (l *ntLexer) value(tok, field string) (ntValue, bool) {
	switch {
	case tok == "":
		return ntValue{}, false
	case tok == "<>":
		return ntValue{kind: ntNull}, true
	case tok == "{":
		n, ok := l.node()
		return ntValue{node: n}, ok
	case tok == "(":
		v := ntValue{kind: ntList}
		for {
			t := l.next()
			switch t {
			case "":
				return v, false
			case ")":
				return v, true
			}
			e, ok := l.value(t, "")
			if !ok {
				return v, false
			}
			v.list = append(v.list, e)
		}
	case field == "constvalue":
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 || l.next() != "[" {
			return ntValue{}, false
		}
		b := make([]byte, 0, n)
		for {
			t := l.next()
			if t == "]" {
				break
			}
			x, err := strconv.Atoi(t)
			if err != nil || x < -128 || x > 255 {
				return ntValue{}, false
			}
			b = append(b, byte(x)) // printed as signed char
		}
		// A by-value datum prints all the bytes of a Datum (8), whatever
		// its length says.
		if len(b) != n && (len(b) != 8 || n > 8) {
			return ntValue{}, false
		}
		return ntValue{atom: string(b), kind: ntDatum}, true
	}
	return ntValue{atom: tok}, true
}

// ntFields are the fields the printer reads; the others are skipped
// without being built (a tree holds many: locations, collations, ...).
var ntFields = map[string]bool{
	"opno": true, "opresulttype": true, "args": true, "arg": true, "useOr": true, "boolop": true,
	"varno": true, "varattno": true, "vartype": true, "varlevelsup": true,
	"consttype": true, "consttypmod": true, "constisnull": true, "constvalue": true,
	"nulltesttype": true, "argisrow": true, "booltesttype": true,
	"resulttype": true, "resulttypmod": true, "relabelformat": true, "coerceformat": true,
	"funcformat": true, "funcresulttype": true, "elements": true, "array_typeid": true,
}

func (l *ntLexer) node() (*ntNode, bool) {
	n := &ntNode{name: l.next(), fields: make([]ntField, 0, 4)}
	if n.name == "" || n.name == "}" {
		return n, false
	}
	for {
		t := l.next()
		switch {
		case t == "}":
			return n, true
		case strings.HasPrefix(t, ":") && len(t) > 1:
			if !ntFields[t[1:]] {
				if !l.skip(l.next(), t[1:]) {
					return n, false
				}
				continue
			}
			v, ok := l.value(l.next(), t[1:])
			if !ok {
				return n, false
			}
			n.fields = append(n.fields, ntField{name: t[1:], value: v})
		default:
			return n, false
		}
	}
}

// skip reads past the value starting with tok, as value would read it.
func (l *ntLexer) skip(tok, field string) bool {
	switch {
	case tok == "" || tok == ")" || tok == "}":
		return false
	case tok == "{" || tok == "(":
		for depth := 1; depth > 0; {
			switch l.next() {
			case "":
				return false
			case "{", "(":
				depth++
			case "}", ")":
				depth--
			}
		}
		return true
	case field == "constvalue" && tok != "<>":
		if l.next() != "[" {
			return false
		}
		for {
			switch l.next() {
			case "]":
				return true
			case "":
				return false
			}
		}
	}
	return true
}

func (n *ntNode) str(f string) string { return n.field(f).atom }

func (n *ntNode) int(f string) (int64, bool) {
	x, err := strconv.ParseInt(n.field(f).atom, 10, 64)
	return x, err == nil
}

func (n *ntNode) oid(f string) uint32 {
	x, err := strconv.ParseUint(n.field(f).atom, 10, 32)
	if err != nil {
		return 0
	}
	return uint32(x)
}

// builtinOperator is a row of pg_operator below the first user oid.
type builtinOperator struct {
	name        string
	left, right uint32
}

// Type oids of the built-in types the printer names (pg_type.dat; their
// names are format_type()'s with no type modifier).
var ntTypeNames = map[uint32]string{
	16: "boolean", 20: "bigint", 21: "smallint", 23: "integer", 25: "text",
	1042: "bpchar", 1043: "character varying", 1700: "numeric", 700: "real", 701: "double precision",
	1082: "date", 1114: "timestamp without time zone", 1184: "timestamp with time zone",
	2950: "uuid", 3802: "jsonb", 114: "json", 17: "bytea",
	1000: "boolean[]", 1005: "smallint[]", 1007: "integer[]", 1016: "bigint[]",
	1009: "text[]", 1014: "bpchar[]", 1015: "character varying[]",
}

// ntArrayElems maps those array types to their element types.
var ntArrayElems = map[uint32]uint32{1000: 16, 1005: 21, 1007: 23, 1016: 20, 1009: 25, 1014: 1042, 1015: 1043}

// checkPrinter prints a table's CHECK expressions from their trees.
type checkPrinter struct {
	// column names a column of the constraint's table by number.
	column func(num int16) (attInfo, bool)
	ops    map[uint32]builtinOperator
}

// checkDef prints the definition pg_get_constraintdef() gives a CHECK
// constraint of a table, or ok false when the tree holds something this
// printer does not print exactly as the server.
func (p *checkPrinter) checkDef(conbin string, noInherit, validated bool) (string, bool) {
	v, ok := parseNodeTree(conbin)
	if !ok {
		return "", false
	}
	expr, _, ok := p.expr(v, false)
	if !ok {
		return "", false
	}
	def := "CHECK (" + expr + ")"
	if noInherit {
		def += " NO INHERIT"
	}
	if !validated {
		def += " NOT VALID"
	}
	return def, true
}

// expr prints an expression node and returns its type (exprType()), as
// get_rule_expr() does with PRETTYFLAG_INDENT only: every operator
// parenthesized, implicit casts shown only under operators (showImplicit).
func (p *checkPrinter) expr(v ntValue, showImplicit bool) (string, uint32, bool) {
	n := v.node
	if n == nil {
		return "", 0, false
	}
	switch n.name {
	case "VAR":
		no, ok1 := n.int("varno")
		up, ok2 := n.int("varlevelsup")
		num, ok3 := n.int("varattno")
		if !ok1 || !ok2 || !ok3 || no != 1 || up != 0 || num <= 0 || num > 32767 {
			return "", 0, false
		}
		a, ok := p.column(int16(num))
		if !ok || a.typ != n.oid("vartype") {
			return "", 0, false
		}
		return quoteIdent(a.name), a.typ, true
	case "CONST":
		return p.constant(n)
	case "OPEXPR":
		args := n.field("args").list
		op, ok := p.ops[n.oid("opno")]
		if !ok || len(args) != 2 || n.oid("opresulttype") == 0 {
			return "", 0, false
		}
		l, lt, ok1 := p.expr(args[0], true)
		r, rt, ok2 := p.expr(args[1], true)
		// The server names the operator plainly when looking it up by name
		// and these argument types finds it: with exactly its own types.
		if !ok1 || !ok2 || lt != op.left || rt != op.right {
			return "", 0, false
		}
		return "(" + l + " " + op.name + " " + r + ")", n.oid("opresulttype"), true
	case "SCALARARRAYOPEXPR":
		args := n.field("args").list
		op, ok := p.ops[n.oid("opno")]
		if !ok || len(args) != 2 {
			return "", 0, false
		}
		l, lt, ok1 := p.expr(args[0], true)
		r, rt, ok2 := p.expr(args[1], true)
		if !ok1 || !ok2 || lt != op.left || ntArrayElems[rt] != op.right {
			return "", 0, false
		}
		quant := "ALL"
		if n.str("useOr") == "true" {
			quant = "ANY"
		}
		return "(" + l + " " + op.name + " " + quant + " (" + r + "))", 16, true
	case "BOOLEXPR":
		args := n.field("args").list
		var parts []string
		for _, a := range args {
			s, t, ok := p.expr(a, false)
			if !ok || t != 16 {
				return "", 0, false
			}
			parts = append(parts, s)
		}
		switch op := n.str("boolop"); {
		case (op == "and" || op == "or") && len(parts) >= 2:
			return "(" + strings.Join(parts, " "+strings.ToUpper(op)+" ") + ")", 16, true
		case op == "not" && len(parts) == 1:
			return "(NOT " + parts[0] + ")", 16, true
		}
		return "", 0, false
	case "NULLTEST":
		s, t, ok := p.expr(n.field("arg"), true)
		if !ok || n.str("argisrow") != "false" || ntTypeNames[t] == "" {
			return "", 0, false // a row value prints as IS [NOT] DISTINCT FROM NULL
		}
		switch n.str("nulltesttype") {
		case "0":
			return "(" + s + " IS NULL)", 16, true
		case "1":
			return "(" + s + " IS NOT NULL)", 16, true
		}
		return "", 0, false
	case "BOOLEANTEST":
		s, t, ok := p.expr(n.field("arg"), false)
		tests := map[string]string{"0": " IS TRUE", "1": " IS NOT TRUE", "2": " IS FALSE", "3": " IS NOT FALSE", "4": " IS UNKNOWN", "5": " IS NOT UNKNOWN"}
		test := tests[n.str("booltesttype")]
		if !ok || t != 16 || test == "" {
			return "", 0, false
		}
		return "(" + s + test + ")", 16, true
	case "RELABELTYPE":
		return p.coercion(n.field("arg"), n.oid("resulttype"), n.field("resulttypmod").atom, n.str("relabelformat"), showImplicit)
	case "FUNCEXPR":
		// Only casts: a call would need the function's name and schema.
		args := n.field("args").list
		format := n.str("funcformat")
		if (format != "1" && format != "2") || len(args) != 1 {
			return "", 0, false
		}
		return p.coercion(args[0], n.oid("funcresulttype"), "-1", format, showImplicit)
	case "COERCEVIAIO":
		return p.coercion(n.field("arg"), n.oid("resulttype"), "-1", n.str("coerceformat"), showImplicit)
	case "ARRAYCOERCEEXPR":
		return p.coercion(n.field("arg"), n.oid("resulttype"), n.field("resulttypmod").atom, n.str("coerceformat"), showImplicit)
	case "ARRAYEXPR":
		elems := n.field("elements").list
		typ := n.oid("array_typeid")
		if len(elems) == 0 || ntArrayElems[typ] == 0 {
			return "", 0, false
		}
		parts := make([]string, len(elems))
		for i, e := range elems {
			s, t, ok := p.expr(e, true)
			if !ok || t != ntArrayElems[typ] {
				return "", 0, false
			}
			parts[i] = s
		}
		return "ARRAY[" + strings.Join(parts, ", ") + "]", typ, true
	}
	return "", 0, false
}

// coercion prints a cast (get_coercion_expr()): left out when implicit and
// not shown, else "(arg)::type", or "const::type" for a constant of the
// target type already.
func (p *checkPrinter) coercion(arg ntValue, typ uint32, typmod, format string, showImplicit bool) (string, uint32, bool) {
	name := ntTypeNames[typ]
	if name == "" || typmod != "-1" {
		return "", 0, false
	}
	if format == "2" && !showImplicit {
		s, _, ok := p.expr(arg, false)
		return s, typ, ok
	}
	if c := arg.node; c != nil && c.name == "CONST" && c.oid("consttype") == typ && c.str("consttypmod") == "-1" {
		s, _, ok := p.constValue(c)
		return s + "::" + name, typ, ok
	}
	s, _, ok := p.expr(arg, false)
	return "(" + s + ")::" + name, typ, ok
}

// constant prints a constant as get_const_expr() with showtype 0 does:
// a non-negative integer bare, a boolean as true or false, anything else
// quoted and labelled with its type.
func (p *checkPrinter) constant(n *ntNode) (string, uint32, bool) {
	s, typ, ok := p.constValue(n)
	if !ok {
		return "", 0, false
	}
	switch {
	case typ == 16:
		return s, typ, true
	case typ == 23 && !strings.HasPrefix(s, "'"):
		return s, typ, true
	}
	if n.str("consttypmod") != "-1" {
		return "", 0, false
	}
	return s + "::" + ntTypeNames[typ], typ, true
}

// constValue prints a constant's value without its label (showtype -1).
func (p *checkPrinter) constValue(n *ntNode) (string, uint32, bool) {
	typ := n.oid("consttype")
	v := n.field("constvalue")
	b := v.datum()
	if n.str("constisnull") != "false" || b == nil || ntTypeNames[typ] == "" {
		return "", 0, false
	}
	switch typ {
	case 16:
		if len(b) < 1 {
			return "", 0, false
		}
		if b[0] != 0 {
			return "true", typ, true
		}
		return "false", typ, true
	case 21, 23, 20:
		size := map[uint32]int{21: 2, 23: 4, 20: 8}[typ]
		if len(b) < size || len(b) < 8 {
			return "", 0, false
		}
		var x int64
		switch size {
		case 2:
			x = int64(int16(binary.LittleEndian.Uint16(b)))
		case 4:
			x = int64(int32(binary.LittleEndian.Uint32(b)))
		default:
			x = int64(binary.LittleEndian.Uint64(b))
		}
		s := strconv.FormatInt(x, 10)
		if typ != 23 || x < 0 {
			s = quoteLiteral(s)
		}
		return s, typ, true
	case 25, 1042, 1043:
		text, ok := varlenaText(b)
		if !ok {
			return "", 0, false
		}
		return quoteLiteral(text), typ, true
	}
	return "", 0, false
}

// varlenaText reads an uncompressed, inline varlena's bytes as text: ASCII
// without backslashes only, whose quoting does not depend on the server's
// encoding or standard_conforming_strings.
func varlenaText(b []byte) (string, bool) {
	var body []byte
	switch {
	case len(b) >= 1 && b[0]&0x01 == 0x01 && b[0] != 0x01: // 1-byte header
		size := int(b[0] >> 1)
		if size != len(b) {
			return "", false
		}
		body = b[1:]
	case len(b) >= 4 && b[0]&0x03 == 0x00: // 4-byte header, not compressed
		size := int(binary.LittleEndian.Uint32(b) >> 2)
		if size != len(b) {
			return "", false
		}
		body = b[4:]
	default:
		return "", false
	}
	for _, c := range body {
		if c >= 0x80 || c == '\\' || c == 0 {
			return "", false
		}
	}
	return string(body), true
}
