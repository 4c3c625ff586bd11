package postgres

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// This file holds the SQL generators, one per object kind. Both plan and
// dump print objects through them, so a planned CREATE and a dumped file
// never disagree. Statements are returned without the final semicolon.

// commentSQL returns COMMENT ON <object> IS '<text>' (IS NULL when empty).
func commentSQL(object, text string) string {
	if text == "" {
		return "COMMENT ON " + object + " IS NULL"
	}
	return "COMMENT ON " + object + " IS " + quoteLiteral(text)
}

// trimStatement drops surrounding space and a final semicolon from a
// statement text taken from the model (Definition fields, view queries).
func trimStatement(s string) string {
	s = strings.TrimSpace(s)
	for strings.HasSuffix(s, ";") {
		s = strings.TrimSpace(strings.TrimSuffix(s, ";"))
	}
	return s
}

// joinIdents quotes each name and joins them with ", ".
func joinIdents(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteIdent(n)
	}
	return strings.Join(q, ", ")
}

// qualifiedRef prints a "schema.name" reference from the model (inherits,
// partition parents) with each part quoted.
func qualifiedRef(ref, defaultSchema string) string {
	s, n := engines.SplitQualified(ref, defaultSchema)
	return qualify(s, n)
}

// optionList prints storage parameters as "k=v, k2=v2", sorted by key.
func optionList(opts map[string]string) string {
	return orderedOptionList(opts, nil)
}

// orderedOptionList is optionList with the keys of order first, in that
// order: the server keeps storage parameters as written.
func orderedOptionList(opts map[string]string, order []string) string {
	parts := make([]string, 0, len(opts))
	seen := make(map[string]bool, len(order))
	for _, k := range order {
		if v, ok := opts[k]; ok && !seen[k] {
			seen[k] = true
			parts = append(parts, k+"="+v)
		}
	}
	for _, k := range sortedKeys(opts) {
		if !seen[k] {
			parts = append(parts, k+"="+opts[k])
		}
	}
	return strings.Join(parts, ", ")
}

// ---- schemas and extensions ----

func createSchemaSQL(name string) string { return "CREATE SCHEMA " + quoteIdent(name) }

func createExtensionSQL(e *engines.Extension) string {
	var b strings.Builder
	b.WriteString("CREATE EXTENSION IF NOT EXISTS " + quoteIdent(e.Name))
	if e.Schema != "" {
		b.WriteString(" WITH SCHEMA " + quoteIdent(e.Schema))
	}
	if e.Version != "" {
		b.WriteString(" VERSION " + quoteLiteral(e.Version))
	}
	return b.String()
}

// ---- types ----

// createTypeSQL prints an enum from its labels, and a domain or composite
// from its Definition.
func createTypeSQL(t *engines.Type) (string, error) {
	switch t.Kind {
	case engines.EnumType:
		if len(t.Labels) == 0 {
			return "CREATE TYPE " + qualify(t.Schema, t.Name) + " AS ENUM ()", nil
		}
		labels := make([]string, len(t.Labels))
		for i, l := range t.Labels {
			labels[i] = "    " + quoteLiteral(l)
		}
		return "CREATE TYPE " + qualify(t.Schema, t.Name) + " AS ENUM (\n" + strings.Join(labels, ",\n") + "\n)", nil
	default:
		def := trimStatement(t.Definition)
		if def == "" {
			return "", fmt.Errorf("type %s: %s type has no definition", engines.QualifiedName(t.Schema, t.Name), t.Kind)
		}
		return def, nil
	}
}

// createDomainSQL prints CREATE DOMAIN from a domain's parts, every check
// named; skip leaves out checks that are added later (ALTER DOMAIN).
func createDomainSQL(t *engines.Type, skip func(*engines.Constraint) bool) string {
	var b strings.Builder
	b.WriteString("CREATE DOMAIN " + qualify(t.Schema, t.Name) + " AS " + t.BaseType)
	if t.Collation != "" {
		b.WriteString(" COLLATE " + collationSQL(t.Collation))
	}
	if t.Default != "" {
		b.WriteString(" DEFAULT " + t.Default)
	}
	if t.NotNull {
		b.WriteString(" NOT NULL")
	}
	for _, c := range t.Checks {
		if skip != nil && skip(c) {
			continue
		}
		b.WriteString(" " + domainCheckSQL(c))
	}
	return b.String()
}

// domainCheckSQL prints a domain check as it follows ADD.
func domainCheckSQL(c *engines.Constraint) string {
	s := "CONSTRAINT " + quoteIdent(c.Name) + " CHECK (" + c.Check + ")"
	if c.NotValid {
		s += " NOT VALID"
	}
	return s
}

// collationSQL quotes a collation name of the model ("C", "schema.name").
// collationSQL prints a model collation: "schema.name" outside pg_catalog
// and public, else the bare name, which for libc locales holds a dot of
// its own ("en_US.utf8", "C.utf8"): a part before the dot that reads as a
// locale's language and territory is no schema.
func collationSQL(coll string) string {
	if s, n, ok := strings.Cut(coll, "."); ok && !localePrefix.MatchString(s) {
		return qualify(s, n)
	}
	return quoteIdent(coll)
}

var localePrefix = regexp.MustCompile(`^(?:C|POSIX|[a-z]{2,3}_[A-Z]{2})$`)

// viewDefaultSQL sets (or drops) a view column's default.
func viewDefaultSQL(v *engines.View, col string) string {
	sql := "ALTER VIEW " + qualify(v.Schema, v.Name) + " ALTER COLUMN " + quoteIdent(col)
	if d := v.ColumnDefaults[col]; d != "" {
		return sql + " SET DEFAULT " + d
	}
	return sql + " DROP DEFAULT"
}

// viewStatisticsSQL sets (or resets) a materialized view column's
// statistics target.
func viewStatisticsSQL(v *engines.View, col string) string {
	target := v.ColumnStatistics[col]
	if target == "" {
		target = "-1"
	}
	return "ALTER MATERIALIZED VIEW " + qualify(v.Schema, v.Name) + " ALTER COLUMN " + quoteIdent(col) + " SET STATISTICS " + target
}

// viewStorageSQL sets a materialized view column's storage (a column
// going back to its type's is made again with the view, see diffViews).
func viewStorageSQL(v *engines.View, col string) string {
	st := v.ColumnStorage[col]
	return "ALTER MATERIALIZED VIEW " + qualify(v.Schema, v.Name) + " ALTER COLUMN " + quoteIdent(col) + " SET STORAGE " + st
}

func typeObject(t *engines.Type) string {
	if t.Kind == engines.DomainType {
		return "DOMAIN " + qualify(t.Schema, t.Name)
	}
	return "TYPE " + qualify(t.Schema, t.Name)
}

// ---- sequences ----

// seqTypeRange returns the value range of a sequence type.
func seqTypeRange(typ string) (lo, hi int64) {
	switch typ {
	case "smallint":
		return -32768, 32767
	case "integer":
		return -2147483648, 2147483647
	default:
		return -9223372036854775808, 9223372036854775807
	}
}

// seqValues are the values a sequence really has, defaults filled in.
type seqValues struct{ inc, lo, hi, start, cache int64 }

// seqEffective fills in the defaults the model leaves out (nil options),
// so that two option sets compare by what the server would hold.
func seqEffective(o *engines.SequenceOptions) seqValues {
	if o == nil {
		o = &engines.SequenceOptions{}
	}
	v := seqValues{inc: 1, cache: 1}
	if o.Increment != nil {
		v.inc = *o.Increment
	}
	tlo, thi := seqTypeRange(o.Type)
	if v.inc > 0 {
		v.lo, v.hi = 1, thi
	} else {
		v.lo, v.hi = tlo, -1
	}
	if o.Min != nil {
		v.lo = *o.Min
	}
	if o.Max != nil {
		v.hi = *o.Max
	}
	v.start = v.lo
	if v.inc < 0 {
		v.start = v.hi
	}
	if o.Start != nil {
		v.start = *o.Start
	}
	if o.Cache != nil {
		v.cache = *o.Cache
	}
	return v
}

// seqOptionClauses lists the options of o that are set, as CREATE
// SEQUENCE and identity columns spell them. withType adds "AS type".
func seqOptionClauses(o *engines.SequenceOptions, withType bool) []string {
	if o == nil {
		return nil
	}
	var c []string
	if withType && o.Type != "" {
		c = append(c, "AS "+o.Type)
	}
	if o.Increment != nil {
		c = append(c, "INCREMENT BY "+strconv.FormatInt(*o.Increment, 10))
	}
	if o.Min != nil {
		c = append(c, "MINVALUE "+strconv.FormatInt(*o.Min, 10))
	}
	if o.Max != nil {
		c = append(c, "MAXVALUE "+strconv.FormatInt(*o.Max, 10))
	}
	if o.Start != nil {
		c = append(c, "START WITH "+strconv.FormatInt(*o.Start, 10))
	}
	if o.Cache != nil {
		c = append(c, "CACHE "+strconv.FormatInt(*o.Cache, 10))
	}
	if o.Cycle {
		c = append(c, "CYCLE")
	}
	return c
}

func int64PtrEqual(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func seqOptionsEqual(a, b *engines.SequenceOptions) bool {
	if a == nil {
		a = &engines.SequenceOptions{}
	}
	if b == nil {
		b = &engines.SequenceOptions{}
	}
	return a.Type == b.Type && a.Cycle == b.Cycle && int64PtrEqual(a.Increment, b.Increment) &&
		int64PtrEqual(a.Min, b.Min) && int64PtrEqual(a.Max, b.Max) &&
		int64PtrEqual(a.Start, b.Start) && int64PtrEqual(a.Cache, b.Cache)
}

// seqAlterClauses lists what turns options from into to. Values are
// compared with their defaults filled in: a new MINVALUE moves a default
// START too, and an option going back to its default is spelled out (NO
// MINVALUE, START WITH <default>). withType allows "AS type" (not for
// identity columns).
func seqAlterClauses(from, to *engines.SequenceOptions, withType bool) []string {
	if from == nil {
		from = &engines.SequenceOptions{}
	}
	if to == nil {
		to = &engines.SequenceOptions{}
	}
	ef, et := seqEffective(from), seqEffective(to)
	var c []string
	if withType && from.Type != to.Type {
		typ := to.Type
		if typ == "" {
			typ = "bigint"
		}
		c = append(c, "AS "+typ)
	}
	if ef.inc != et.inc {
		c = append(c, "INCREMENT BY "+strconv.FormatInt(et.inc, 10))
	}
	// With AS, PostgreSQL resets default bounds by the new type before it
	// reads NO MINVALUE/NO MAXVALUE (ignoring a new increment's sign), so
	// the bounds are then given as numbers.
	typeChange := withType && from.Type != to.Type
	if typeChange {
		c = append(c, "MINVALUE "+strconv.FormatInt(et.lo, 10), "MAXVALUE "+strconv.FormatInt(et.hi, 10))
	}
	if ef.lo != et.lo && !typeChange {
		if to.Min == nil {
			c = append(c, "NO MINVALUE")
		} else {
			c = append(c, "MINVALUE "+strconv.FormatInt(et.lo, 10))
		}
	}
	if ef.hi != et.hi && !typeChange {
		if to.Max == nil {
			c = append(c, "NO MAXVALUE")
		} else {
			c = append(c, "MAXVALUE "+strconv.FormatInt(et.hi, 10))
		}
	}
	if ef.start != et.start {
		c = append(c, "START WITH "+strconv.FormatInt(et.start, 10))
	}
	if ef.cache != et.cache {
		c = append(c, "CACHE "+strconv.FormatInt(et.cache, 10))
	}
	if from.Cycle != to.Cycle {
		if to.Cycle {
			c = append(c, "CYCLE")
		} else {
			c = append(c, "NO CYCLE")
		}
	}
	return c
}

// seqRangeSteps returns what must run before an ALTER that narrows a
// sequence's range, which the server refuses while the current value lies
// outside the new range: when the new range reaches past the old one, a
// widening to their union (so that the value can move), then a setval that puts the value in
// the new range without reissuing values. A used counter keeps its value
// unless it lies outside the new range; an unused one moves to the new
// START. seq is an SQL expression of type regclass naming the sequence;
// widen prints an ALTER for the given bounds.
func seqRangeSteps(from, to *engines.SequenceOptions, seq string, widen func(lo, hi int64) string) []string {
	ef, et := seqEffective(from), seqEffective(to)
	if et.lo <= ef.lo && et.hi >= ef.hi {
		return nil
	}
	var out []string
	if et.lo < ef.lo || et.hi > ef.hi {
		// setval checks the value against the bounds in force.
		out = append(out, widen(min(ef.lo, et.lo), max(ef.hi, et.hi)))
	}
	lo, hi, start := strconv.FormatInt(et.lo, 10), strconv.FormatInt(et.hi, 10), strconv.FormatInt(et.start, 10)
	// pg_sequence_last_value is NULL while the sequence was never used.
	used := "v >= " + lo
	if et.inc < 0 {
		used = "v <= " + hi
	}
	out = append(out, "SELECT pg_catalog.setval(s, CASE WHEN v IS NULL THEN "+start+" ELSE greatest("+lo+", least("+hi+", v)) END, v IS NOT NULL AND "+used+")"+
		" FROM (SELECT "+seq+" AS s, pg_catalog.pg_sequence_last_value("+seq+") AS v) AS current_value")
	return out
}

func createSequenceSQL(s *engines.Sequence) string {
	parts := append([]string{"CREATE SEQUENCE " + qualify(s.Schema, s.Name)}, seqOptionClauses(&s.SequenceOptions, true)...)
	return strings.Join(parts, " ")
}

// ownedByRef prints the OWNED BY target of a sequence: "NONE" or a
// qualified column.
func ownedByRef(seqSchema, owned string) string {
	if owned == "" {
		return "NONE"
	}
	parts := strings.Split(owned, ".")
	if len(parts) == 2 {
		parts = append([]string{seqSchema}, parts...)
	}
	if len(parts) != 3 {
		// Not a column reference we understand; print it as written.
		return owned
	}
	return qualify(parts[0], parts[1]) + "." + quoteIdent(parts[2])
}

// sequenceOwner splits Sequence.OwnedBy into the owning table and column.
func sequenceOwner(s *engines.Sequence) (schema, table, column string, ok bool) {
	parts := strings.Split(s.OwnedBy, ".")
	switch len(parts) {
	case 2:
		return s.Schema, parts[0], parts[1], true
	case 3:
		return parts[0], parts[1], parts[2], true
	}
	return "", "", "", false
}

func sequenceOwnedSQL(s *engines.Sequence) string {
	return "ALTER SEQUENCE " + qualify(s.Schema, s.Name) + " OWNED BY " + ownedByRef(s.Schema, s.OwnedBy)
}

// ---- tables ----

// columnDefSQL prints one column as it appears in CREATE TABLE and ADD COLUMN.
func columnDefSQL(c *engines.Column) (string, error) {
	var b strings.Builder
	b.WriteString(quoteIdent(c.Name) + " " + c.Type)
	b.WriteString(optionsSQL(c.ForeignOptions))
	for _, k := range sortedKeys(c.Options) {
		switch k {
		case "compression":
			b.WriteString(" COMPRESSION " + c.Options[k])
		case "storage", "statistics":
			// Not allowed inside a column definition before PostgreSQL 16:
			// printed as ALTER TABLE ... ALTER COLUMN by columnOptionSQL.
		default:
			return "", fmt.Errorf("column %s: unsupported option %q", c.Name, k)
		}
	}
	if c.Collation != "" {
		b.WriteString(" COLLATE " + collationSQL(c.Collation))
	}
	if c.Default != "" {
		b.WriteString(" DEFAULT " + columnDefaultSQL(c.Default))
	}
	if c.NotNull {
		b.WriteString(" NOT NULL")
	}
	switch {
	case c.Generated != "":
		b.WriteString(" GENERATED ALWAYS AS (" + c.Generated + ") STORED")
	case c.Identity != "":
		b.WriteString(" GENERATED " + c.Identity + " AS IDENTITY")
		if opts := seqOptionClauses(c.IdentityOptions, false); len(opts) > 0 {
			b.WriteString(" (" + strings.Join(opts, " ") + ")")
		}
	}
	return b.String(), nil
}

// columnDefaultSQL prints a default for a column definition, where the
// grammar takes a restricted expression (b_expr: no AT TIME ZONE, AND, IS
// NULL, COLLATE, ...): an expression it would refuse, or read otherwise, is
// put in parentheses. ALTER COLUMN ... SET DEFAULT takes any expression.
func columnDefaultSQL(expr string) string {
	if !hasTopLevelSpace(expr) {
		return expr // a literal, a cast, a call or a name: always fine
	}
	tree, err := pg_query.Parse("CREATE TABLE t (c int DEFAULT " + expr + ")")
	if err == nil && len(tree.Stmts) == 1 {
		if cs := tree.Stmts[0].Stmt.GetCreateStmt(); cs != nil && len(cs.TableElts) == 1 {
			cd := cs.TableElts[0].GetColumnDef()
			if cd != nil && cd.CollClause == nil && len(cd.Constraints) == 1 &&
				cd.Constraints[0].GetConstraint().GetContype() == pg_query.ConstrType_CONSTR_DEFAULT {
				return expr
			}
		}
	}
	return "(" + expr + ")"
}

// hasTopLevelSpace reports whether s has white space outside quotes and
// parentheses.
func hasTopLevelSpace(s string) bool {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			return true
		}
	}
	return false
}

// columnUsingSQL returns the USING expression that converts a column from
// one type to another, and a note for the reviewer when the conversion is
// a convention rather than a cast. Enums have no casts between each other
// or from other types but text: values go through their labels. Integers
// have no cast to timestamps: they are read as milliseconds since the Unix
// epoch, the usual meaning of such columns, and the plan says so.
//
// Between string types (and between bit string types) there is no USING:
// an explicit cast to a shorter length truncates values silently, where
// the assignment cast ALTER ... TYPE uses without USING refuses them.
func columnUsingSQL(column, from, to string, fromEnum, toEnum bool) (using, note string) {
	col := quoteIdent(column)
	fromArray, toArray := strings.HasSuffix(from, "[]"), strings.HasSuffix(to, "[]")
	if fromArray == toArray && !fromEnum && !toEnum {
		if f, t := stringFamily(from), stringFamily(to); f != "" && f == t {
			return "", ""
		}
	}
	if (fromEnum || toEnum) && fromArray == toArray {
		if toArray {
			return col + "::text[]::" + to, ""
		}
		return col + "::text::" + to, ""
	}
	switch from {
	case "smallint", "integer", "bigint":
		switch to {
		case "timestamp with time zone", "timestamp without time zone", "date":
			using := "to_timestamp(" + col + " / 1000.0)"
			if to != "timestamp with time zone" {
				using = "(" + using + " AT TIME ZONE 'UTC')::" + to
			}
			return using,
				fmt.Sprintf("there is no cast from %s to %s: the values of %s are read as milliseconds since 1970-01-01 UTC; edit the USING clause if they mean something else", from, to, column)
		}
	}
	return col + "::" + to, ""
}

// stringFamily names the family of string types a type belongs to
// ("char", "bit"), or "" for other types.
func stringFamily(typ string) string {
	typ = strings.TrimSuffix(typ, "[]")
	if i := strings.IndexByte(typ, '('); i >= 0 {
		typ = typ[:i]
	}
	switch typ {
	case "text", "character varying", "character":
		return "char"
	case "bit", "bit varying":
		return "bit"
	}
	return ""
}

// defaultStorage is the storage of built-in types (pg_type.typstorage),
// by the type's name as the model prints it.
var defaultStorage = map[string]string{
	"smallint": "PLAIN", "integer": "PLAIN", "bigint": "PLAIN", "real": "PLAIN", "double precision": "PLAIN",
	"boolean": "PLAIN", "date": "PLAIN", "uuid": "PLAIN", "money": "PLAIN", "oid": "PLAIN", "interval": "PLAIN",
	"point": "PLAIN", "box": "PLAIN", "lseg": "PLAIN", "line": "PLAIN", "circle": "PLAIN", "macaddr": "PLAIN",
	"macaddr8": "PLAIN", `"char"`: "PLAIN", "name": "PLAIN", "tsquery": "PLAIN", "pg_lsn": "PLAIN",
	"numeric": "MAIN", "inet": "MAIN", "cidr": "MAIN",
}

// typeStorage is the storage a column of the type has by default: a
// column set to it has no storage option, as the server reports it, and a
// column going back to it is set to it. Arrays and types not listed are
// taken as EXTENDED, which most variable-length types have.
func typeStorage(typ string) string {
	base, _, _ := strings.Cut(typ, "(")
	base = strings.TrimSpace(base)
	if v := defaultStorage[base]; v != "" {
		return v
	}
	if strings.HasPrefix(base, "timestamp") || strings.HasPrefix(base, "time") {
		return "PLAIN"
	}
	return "EXTENDED"
}

// columnOptionSQL returns the ALTER statements for column options that a
// column definition cannot hold (storage, statistics).
func columnOptionSQL(t *engines.Table, c *engines.Column) []string {
	var out []string
	prefix := "ALTER TABLE " + qualify(t.Schema, t.Name) + " ALTER COLUMN " + quoteIdent(c.Name)
	if v, ok := c.Options["storage"]; ok {
		out = append(out, prefix+" SET STORAGE "+v)
	}
	if v, ok := c.Options["statistics"]; ok {
		out = append(out, prefix+" SET STATISTICS "+v)
	}
	return out
}

// inheritedDefaultSQL sets (or, for "", drops) a table's own default of a
// column it inherits, leaving its children alone.
func inheritedDefaultSQL(t *engines.Table, col, def string) string {
	prefix := "ALTER TABLE ONLY " + qualify(t.Schema, t.Name) + " ALTER COLUMN " + quoteIdent(col)
	if def == "" {
		return prefix + " DROP DEFAULT"
	}
	return prefix + " SET DEFAULT " + columnDefaultSQL(def)
}

// inheritedDefaultsSQL are the statements of all of a table's
// InheritedDefaults, by column.
func inheritedDefaultsSQL(t *engines.Table) []string {
	var out []string
	for _, col := range sortedKeys(t.InheritedDefaults) {
		out = append(out, inheritedDefaultSQL(t, col, t.InheritedDefaults[col]))
	}
	return out
}

// inlineConstraint reports whether a constraint is printed inside CREATE
// TABLE. Foreign keys come later (their tables may not exist yet), a NOT
// VALID check would silently become valid inside CREATE TABLE, and a key
// some partitions have no part of is added ONLY to the table (dumps).
func inlineConstraint(c *engines.Constraint) bool {
	return c.Kind != engines.ForeignKey && !(c.Kind == engines.Check && c.NotValid) && len(c.Unattached) == 0
}

// constraintBodySQL prints what follows "CONSTRAINT name".
func constraintBodySQL(schema string, c *engines.Constraint) string {
	var b strings.Builder
	switch c.Kind {
	case engines.PrimaryKey, engines.Unique:
		b.WriteString(string(c.Kind))
		if c.Kind == engines.Unique && c.NullsNotDistinct {
			b.WriteString(" NULLS NOT DISTINCT")
		}
		b.WriteString(" (" + joinIdents(c.Columns) + ")")
		if len(c.Include) > 0 {
			b.WriteString(" INCLUDE (" + joinIdents(c.Include) + ")")
		}
	case engines.ForeignKey:
		refSchema := c.RefSchema
		if refSchema == "" {
			refSchema = schema
		}
		b.WriteString("FOREIGN KEY (" + joinIdents(c.Columns) + ") REFERENCES " + qualify(refSchema, c.RefTable))
		if len(c.RefColumns) > 0 {
			b.WriteString("(" + joinIdents(c.RefColumns) + ")")
		}
		if c.Match != "" && c.Match != "SIMPLE" {
			b.WriteString(" MATCH " + c.Match)
		}
		if c.OnUpdate != "" && c.OnUpdate != "NO ACTION" {
			b.WriteString(" ON UPDATE " + c.OnUpdate)
		}
		if c.OnDelete != "" && c.OnDelete != "NO ACTION" {
			b.WriteString(" ON DELETE " + c.OnDelete)
		}
	case engines.Check:
		b.WriteString("CHECK (" + c.Check + ")")
		if c.NoInherit {
			b.WriteString(" NO INHERIT")
		}
	default:
		b.WriteString(trimStatement(c.Definition))
	}
	if c.Deferrable {
		b.WriteString(" DEFERRABLE")
		if c.InitiallyDeferred {
			b.WriteString(" INITIALLY DEFERRED")
		}
	}
	if c.NotValid {
		b.WriteString(" NOT VALID")
	}
	return b.String()
}

func addConstraintSQL(t *engines.Table, c *engines.Constraint) string {
	return "ALTER TABLE " + qualify(t.Schema, t.Name) + " ADD CONSTRAINT " + quoteIdent(c.Name) + " " + constraintBodySQL(t.Schema, c)
}

func dropConstraintSQL(schema, table, name string) string {
	return "ALTER TABLE " + qualify(schema, table) + " DROP CONSTRAINT " + quoteIdent(name)
}

// indexCommentOption holds, in a key constraint's Options, the comment of
// the key's index (COMMENT ON INDEX), which PostgreSQL keeps apart from
// the constraint's own.
const indexCommentOption = "index_comment"

// setIndexComment sets (or, empty, removes) the comment of key k's index.
func setIndexComment(k *engines.Constraint, text string) {
	k.Options = withOption(k.Options, indexCommentOption, text)
}

// withOption returns options with key set to value, or removed when value
// is empty (nil once nothing is left), for options that have a default.
func withOption(options map[string]string, key, value string) map[string]string {
	if value == "" {
		delete(options, key)
		if len(options) == 0 {
			return nil
		}
		return options
	}
	if options == nil {
		options = map[string]string{}
	}
	options[key] = value
	return options
}

func constraintObject(schema, table, name string) string {
	return "CONSTRAINT " + quoteIdent(name) + " ON " + qualify(schema, table)
}

// createTableSQL prints CREATE TABLE with one column per line and the
// constraints inlineConstraint accepts. parents are the tables t is a
// partition of or inherits from, as far as the model has them.
//
// A partition is printed as PARTITION OF its parent without columns: the
// model holds the columns of a partition (inspect reads them from the
// catalog), and parse copies them from the parent, so printing them again
// would only restate the parent. Columns whose default or NOT NULL differ
// from the parent's are printed WITH OPTIONS. Likewise an inheriting table
// does not restate a column that is the same as its parent's: the parent's
// columns come first in the model, as INHERITS puts them.
func createTableSQL(t *engines.Table, parents []*engines.Table) (string, error) {
	var b strings.Builder
	b.WriteString("CREATE ")
	if t.Unlogged {
		b.WriteString("UNLOGGED ")
	}
	if t.ForeignServer != "" {
		b.WriteString("FOREIGN ")
	}
	b.WriteString("TABLE " + qualify(t.Schema, t.Name))
	var lines []string
	if t.PartitionOf != "" {
		b.WriteString(" PARTITION OF " + qualifiedRef(t.PartitionOf, t.Schema))
		if len(parents) > 0 && parents[0] != nil {
			// The partition's own defaults go into CREATE, so that its
			// sub-partitions, created after it, copy them.
			done := map[string]bool{}
			for _, c := range t.Columns {
				pc := parents[0].Column(c.Name)
				def, own := t.InheritedDefaults[c.Name]
				if pc == nil && !own && !c.NotNull {
					continue
				}
				done[c.Name] = true
				var opts []string
				switch {
				case own && def != "":
					opts = append(opts, "DEFAULT "+columnDefaultSQL(def))
				case pc != nil && c.Default != pc.Default && c.Default != "":
					opts = append(opts, "DEFAULT "+columnDefaultSQL(c.Default))
				}
				if c.NotNull && (pc == nil || !pc.NotNull) {
					opts = append(opts, "NOT NULL")
				}
				if len(opts) > 0 {
					lines = append(lines, quoteIdent(c.Name)+" WITH OPTIONS "+strings.Join(opts, " "))
				}
			}
			for _, col := range sortedKeys(t.InheritedDefaults) {
				if def := t.InheritedDefaults[col]; !done[col] && def != "" {
					lines = append(lines, quoteIdent(col)+" WITH OPTIONS DEFAULT "+columnDefaultSQL(def))
				}
			}
		}
	} else {
	columns:
		for _, c := range t.Columns {
			def, err := columnDefSQL(c)
			if err != nil {
				return "", fmt.Errorf("table %s: %w", engines.QualifiedName(t.Schema, t.Name), err)
			}
			for _, p := range parents {
				if pc := p.Column(c.Name); pc != nil && c.Comment == pc.Comment {
					if pdef, err := columnDefSQL(pc); err == nil && pdef == def {
						continue columns
					}
				}
			}
			lines = append(lines, def)
		}
	}
	for _, c := range sortedBy(t.Constraints, func(c *engines.Constraint) string { return c.Name }) {
		if inlineConstraint(c) {
			lines = append(lines, "CONSTRAINT "+quoteIdent(c.Name)+" "+constraintBodySQL(t.Schema, c))
		}
	}
	if len(lines) > 0 || t.PartitionOf == "" {
		b.WriteString(" (\n")
		for i, l := range lines {
			b.WriteString("    " + l)
			if i < len(lines)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(")")
	}
	if t.PartitionOf != "" {
		b.WriteString("\n" + t.PartitionBound)
	}
	if len(t.Inherits) > 0 {
		refs := make([]string, len(t.Inherits))
		for i, r := range t.Inherits {
			refs[i] = qualifiedRef(r, t.Schema)
		}
		b.WriteString("\nINHERITS (" + strings.Join(refs, ", ") + ")")
	}
	if t.PartitionBy != "" {
		b.WriteString("\nPARTITION BY " + t.PartitionBy)
	}
	if t.ForeignServer != "" {
		b.WriteString("\nSERVER " + quoteIdent(t.ForeignServer) + optionsSQL(t.ForeignOptions))
	}
	if len(t.Options) > 0 {
		b.WriteString("\nWITH (" + orderedOptionList(t.Options, t.OptionOrder) + ")")
	}
	return b.String(), nil
}

// ---- indexes ----

func indexPartSQL(p *engines.IndexPart) string {
	var b strings.Builder
	if p.Expr != "" {
		b.WriteString("(" + p.Expr + ")")
	} else {
		b.WriteString(quoteIdent(p.Column))
	}
	if p.Collation != "" {
		b.WriteString(" COLLATE " + collationSQL(p.Collation))
	}
	if p.OpClass != "" {
		b.WriteString(" " + p.OpClass)
	}
	if p.Desc {
		b.WriteString(" DESC")
	}
	if p.NullsFirst != nil {
		// Print only what differs from the direction's default (NULLS LAST
		// for ASC, NULLS FIRST for DESC).
		if *p.NullsFirst && !p.Desc {
			b.WriteString(" NULLS FIRST")
		} else if !*p.NullsFirst && p.Desc {
			b.WriteString(" NULLS LAST")
		}
	}
	return b.String()
}

// createIndexSQL prints CREATE INDEX on schema.table (a table or a
// materialized view).
// indexStatsSQL sets the statistics targets of an index's expression keys
// (from's, when given, are reset where idx has none).
func indexStatsSQL(schema string, idx, from *engines.Index) []string {
	var out []string
	for i, part := range idx.Parts {
		var old *int64
		if from != nil && i < len(from.Parts) {
			old = from.Parts[i].Statistics
		}
		target := int64(-1)
		switch {
		case part.Statistics != nil:
			target = *part.Statistics
		case old == nil:
			continue
		}
		if old != nil && *old == target {
			continue
		}
		out = append(out, "ALTER INDEX "+qualify(schema, idx.Name)+" ALTER COLUMN "+strconv.Itoa(i+1)+" SET STATISTICS "+strconv.FormatInt(target, 10))
	}
	return out
}

func createIndexSQL(schema, table string, idx *engines.Index) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if idx.Unique {
		b.WriteString("UNIQUE ")
	}
	method := idx.Method
	if method == "" {
		method = "btree"
	}
	b.WriteString("INDEX " + quoteIdent(idx.Name) + " ON " + qualify(schema, table) + " USING " + method + " (")
	for i, p := range idx.Parts {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(indexPartSQL(p))
	}
	b.WriteString(")")
	if len(idx.Include) > 0 {
		b.WriteString(" INCLUDE (" + joinIdents(idx.Include) + ")")
	}
	if idx.NullsNotDistinct {
		b.WriteString(" NULLS NOT DISTINCT")
	}
	if len(idx.Options) > 0 {
		b.WriteString(" WITH (" + orderedOptionList(idx.Options, idx.OptionOrder) + ")")
	}
	if idx.Where != "" {
		b.WriteString(" WHERE (" + idx.Where + ")")
	}
	return b.String()
}

func dropIndexSQL(schema, name string) string { return "DROP INDEX " + qualify(schema, name) }

// ---- triggers ----

// triggerEnabledOption holds, in a trigger's Options, when it fires as
// pg_trigger.tgenabled says: "D" disabled, "R" on replicas only, "A"
// always; absent for the default ("O", in origin and local sessions).
const triggerEnabledOption = "enabled"

// setTriggerEnabled records a tgenabled value ("O" clears it).
func setTriggerEnabled(tr *engines.Trigger, enabled string) {
	if enabled == "O" {
		enabled = ""
	}
	tr.Options = withOption(tr.Options, triggerEnabledOption, enabled)
}

// triggerEnableSQL is the ALTER TABLE that gives a trigger its enabled
// state; "" for the default state of a new trigger unless always is set.
func triggerEnableSQL(schema, table string, tr *engines.Trigger, always bool) string {
	verb := map[string]string{"D": "DISABLE", "R": "ENABLE REPLICA", "A": "ENABLE ALWAYS"}[tr.Options[triggerEnabledOption]]
	if verb == "" {
		if !always {
			return ""
		}
		verb = "ENABLE"
	}
	return "ALTER TABLE " + qualify(schema, table) + " " + verb + " TRIGGER " + quoteIdent(tr.Name)
}

// createTriggerSQL uses the trigger's Definition (the server's own text or
// the file's) and builds one from the fields only when it is missing.
func createTriggerSQL(schema, table string, tr *engines.Trigger) string {
	if def := trimStatement(tr.Definition); def != "" {
		return def
	}
	var b strings.Builder
	b.WriteString("CREATE TRIGGER " + quoteIdent(tr.Name) + " " + tr.Timing + " " + strings.Join(tr.Events, " OR ") +
		" ON " + qualify(schema, table))
	if tr.ForEachRow {
		b.WriteString(" FOR EACH ROW")
	} else {
		b.WriteString(" FOR EACH STATEMENT")
	}
	if tr.When != "" {
		b.WriteString(" WHEN (" + tr.When + ")")
	}
	b.WriteString(" EXECUTE FUNCTION " + tr.Function)
	return b.String()
}

func dropTriggerSQL(schema, table, name string) string {
	return "DROP TRIGGER " + quoteIdent(name) + " ON " + qualify(schema, table)
}

func triggerObject(schema, table, name string) string {
	return "TRIGGER " + quoteIdent(name) + " ON " + qualify(schema, table)
}

// ---- views ----

func createViewSQL(v *engines.View, orReplace bool) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if orReplace && !v.Materialized {
		b.WriteString("OR REPLACE ")
	}
	if v.Materialized {
		b.WriteString("MATERIALIZED ")
	}
	b.WriteString("VIEW " + qualify(v.Schema, v.Name))
	if len(v.Columns) > 0 {
		b.WriteString(" (" + joinIdents(v.Columns) + ")")
	}
	if len(v.Options) > 0 {
		b.WriteString(" WITH (" + orderedOptionList(v.Options, v.OptionOrder) + ")")
	}
	b.WriteString(" AS\n" + trimStatement(v.Query))
	return b.String()
}

func viewObject(v *engines.View) string {
	if v.Materialized {
		return "MATERIALIZED VIEW " + qualify(v.Schema, v.Name)
	}
	return "VIEW " + qualify(v.Schema, v.Name)
}

func dropViewSQL(v *engines.View) string { return "DROP " + viewObject(v) }

// ---- functions ----

// createFunctionSQL prints a function or procedure from its Definition,
// made a CREATE OR REPLACE, or builds one from the fields.
func createFunctionSQL(f *engines.Function) string {
	if def := trimStatement(f.Definition); def != "" {
		upper := strings.ToUpper(def)
		for _, kw := range []string{"CREATE FUNCTION", "CREATE PROCEDURE"} {
			if strings.HasPrefix(upper, kw) {
				return "CREATE OR REPLACE" + def[len("CREATE"):]
			}
		}
		return def
	}
	var b strings.Builder
	kind := "FUNCTION"
	if f.Procedure {
		kind = "PROCEDURE"
	}
	b.WriteString("CREATE OR REPLACE " + kind + " " + qualify(f.Schema, f.Name) + "(" + f.Args + ")")
	if !f.Procedure && f.Returns != "" {
		b.WriteString("\n RETURNS " + f.Returns)
	}
	if f.Language != "" {
		b.WriteString("\n LANGUAGE " + f.Language)
	}
	for _, k := range sortedKeys(f.Options) {
		if v := f.Options[k]; v == "" || v == "true" {
			b.WriteString("\n " + strings.ToUpper(k))
		} else {
			b.WriteString("\n " + strings.ToUpper(k) + " " + v)
		}
	}
	b.WriteString("\nAS " + dollarQuote(f.Body))
	return b.String()
}

// dollarQuote quotes a function body with a tag the body does not contain.
func dollarQuote(body string) string {
	tag := "$function$"
	for i := 0; strings.Contains(body, tag); i++ {
		tag = "$function" + strconv.Itoa(i) + "$"
	}
	return tag + body + tag
}

// definitionParams returns the parameter list of a CREATE FUNCTION or
// PROCEDURE text (names, modes, defaults), squashed, or "" when it cannot
// be found. Args hold only the types; a change here that keeps them (a
// renamed parameter, a removed default) needs the function dropped first.
func definitionParams(def string) string {
	open := -1
	depth := 0
	var quote byte
	for i := 0; i < len(def); i++ {
		c := def[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || (c == '\'' && open >= 0):
			quote = c
		case c == '(':
			if open < 0 {
				open = i + 1
			}
			depth++
		case c == ')' && open >= 0:
			depth--
			if depth == 0 {
				return strings.Join(strings.Fields(def[open:i]), " ")
			}
		}
	}
	return ""
}

// paramsEqual compares two parameter lists (definitionParams): equal text,
// or the same modes, names and types with defaults equal once normalized
// (a file's INTERVAL '1 year' is the server's '1 year'::interval).
func paramsEqual(a, b string) bool {
	if a == b {
		return true
	}
	ca, okA := canonParams(a)
	cb, okB := canonParams(b)
	return okA && okB && ca == cb
}

func canonParams(params string) (string, bool) {
	n, err := parseOne("CREATE FUNCTION f(" + params + ") RETURNS void LANGUAGE sql AS ''")
	if err != nil || n.GetCreateFunctionStmt() == nil {
		return "", false
	}
	var b strings.Builder
	for _, pn := range n.GetCreateFunctionStmt().Parameters {
		fp := pn.GetFunctionParameter()
		fmt.Fprintf(&b, "%s %q %s", fp.Mode, fp.Name, routineType(fp.ArgType))
		if fp.Defexpr != nil {
			b.WriteString(" = " + canonExprText(fp.Defexpr))
		}
		b.WriteString(";")
	}
	return b.String(), true
}

func functionObject(f *engines.Function) string {
	kind := "FUNCTION"
	switch {
	case f.Procedure:
		kind = "PROCEDURE"
	case f.Aggregate:
		kind = "AGGREGATE"
	}
	return kind + " " + qualify(f.Schema, f.Name) + "(" + f.Args + ")"
}

func dropFunctionSQL(f *engines.Function) string { return "DROP " + functionObject(f) }

// sortedKeys returns the keys of a string map in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
