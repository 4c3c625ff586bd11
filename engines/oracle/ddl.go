package oracle

import (
	"sort"
	"strconv"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// Every function here returns one statement without its terminator: the
// renderer adds ";" and go-ora rejects a trailing one.

// columnSQL is a column definition as in CREATE TABLE and ADD (...).
func columnSQL(c *engines.Column) string {
	var b strings.Builder
	b.WriteString(quoteIdent(c.Name))
	if c.Type != "" {
		b.WriteString(" " + c.Type)
	}
	if c.Collation != "" {
		b.WriteString(" COLLATE " + quoteIdent(c.Collation))
	}
	if c.Options["invisible"] == "true" {
		b.WriteString(" INVISIBLE")
	}
	if c.Default != "" || c.Options["default_on_null"] == "true" {
		b.WriteString(" DEFAULT ")
		if c.Options["default_on_null"] == "true" {
			b.WriteString("ON NULL ")
		}
		d := c.Default
		if d == "" {
			d = "NULL"
		}
		b.WriteString(d)
	}
	if c.Identity != "" {
		b.WriteString(" GENERATED " + c.Identity + " AS IDENTITY")
		if o := sequenceOptionsSQL(c.IdentityOptions, true); o != "" {
			b.WriteString(" (" + o + ")")
		}
	}
	if c.Generated != "" {
		b.WriteString(" GENERATED ALWAYS AS (" + c.Generated + ") VIRTUAL")
	}
	// Identity and DEFAULT ON NULL columns are NOT NULL without saying so.
	if c.NotNull && c.Identity == "" && c.Options["default_on_null"] != "true" {
		if n := c.Options["not_null_constraint"]; n != "" {
			b.WriteString(" CONSTRAINT " + quoteIdent(n))
		}
		b.WriteString(" NOT NULL")
	}
	return b.String()
}

// constraintSQL is an out-of-line constraint: [CONSTRAINT name] body
// [USING INDEX index] state; usingIndex names an existing index the key
// uses ("" for none).
func constraintSQL(c *engines.Constraint, usingIndex string) string {
	var b strings.Builder
	if !isSystemName(c.Name) {
		b.WriteString("CONSTRAINT " + quoteIdent(c.Name) + " ")
	}
	switch c.Kind {
	case engines.PrimaryKey:
		b.WriteString("PRIMARY KEY (" + quoteList(c.Columns) + ")")
	case engines.Unique:
		b.WriteString("UNIQUE (" + quoteList(c.Columns) + ")")
	case engines.ForeignKey:
		b.WriteString("FOREIGN KEY (" + quoteList(c.Columns) + ") REFERENCES ")
		if c.RefSchema != "" {
			b.WriteString(quoteIdent(c.RefSchema) + ".")
		}
		b.WriteString(quoteIdent(c.RefTable))
		if len(c.RefColumns) > 0 {
			b.WriteString(" (" + quoteList(c.RefColumns) + ")")
		}
		if c.OnDelete != "" {
			b.WriteString(" ON DELETE " + c.OnDelete)
		}
	case engines.Check:
		b.WriteString("CHECK (" + c.Check + ")")
	}
	if usingIndex != "" {
		b.WriteString(" USING INDEX " + quoteIdent(usingIndex))
	}
	if c.Deferrable {
		b.WriteString(" DEFERRABLE")
		if c.InitiallyDeferred {
			b.WriteString(" INITIALLY DEFERRED")
		}
	}
	switch {
	case c.NotEnforced:
		b.WriteString(" DISABLE")
	case c.NotValid:
		b.WriteString(" ENABLE NOVALIDATE")
	}
	return b.String()
}

// createTableSQL is CREATE TABLE with columns and, when withFKs, all
// constraints; without, foreign keys are left for ALTER TABLE. Keys that
// use an index of the table's own are always left for ALTER TABLE, after
// the index (usingIndexKeys).
func createTableSQL(t *engines.Table, withFKs bool) string {
	var lines []string
	for _, c := range t.Columns {
		lines = append(lines, "  "+columnSQL(c))
	}
	for _, c := range orderedConstraints(t) {
		if c.Kind == engines.ForeignKey && !withFKs || keyIndex(t, c) != nil {
			continue
		}
		lines = append(lines, "  "+constraintSQL(c, ""))
	}
	return "CREATE TABLE " + quoteIdent(t.Name) + " (\n" + strings.Join(lines, ",\n") + "\n)"
}

// orderedConstraints lists the primary key first, then the rest by name.
func orderedConstraints(t *engines.Table) []*engines.Constraint {
	out := append([]*engines.Constraint(nil), t.Constraints...)
	rank := func(c *engines.Constraint) int {
		switch c.Kind {
		case engines.PrimaryKey:
			return 0
		case engines.Unique:
			return 1
		case engines.Check:
			return 2
		}
		return 3
	}
	sort.SliceStable(out, func(i, j int) bool {
		if rank(out[i]) != rank(out[j]) {
			return rank(out[i]) < rank(out[j])
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// addConstraintSQL adds a constraint, a key with USING INDEX when it uses
// an index the table keeps.
func addConstraintSQL(t *engines.Table, c *engines.Constraint) string {
	using := ""
	if ix := keyIndex(t, c); ix != nil {
		using = ix.Name
	}
	return "ALTER TABLE " + quoteIdent(t.Name) + " ADD " + constraintSQL(c, using)
}

// dropConstraintSQL drops a constraint. Oracle drops the index it made for
// a primary key or unique constraint with it and keeps an index that
// existed before (which the model keeps as an index of its own), so no
// KEEP/DROP INDEX is needed.
func dropConstraintSQL(table string, c *engines.Constraint) (string, error) {
	ref, err := constraintRef(table, c)
	if err != nil {
		return "", err
	}
	return "ALTER TABLE " + quoteIdent(table) + " DROP " + ref, nil
}

// constraintRef addresses a constraint in DROP and MODIFY clauses: by its
// name (an unnamed one by the SYS_C... name inspect recorded), else an
// unnamed key by its kind: PRIMARY KEY, UNIQUE (columns). An unnamed
// foreign key or check read from files cannot be addressed.
func constraintRef(table string, c *engines.Constraint) (string, error) {
	if n, ok := constraintName(c); ok {
		return "CONSTRAINT " + quoteIdent(n), nil
	}
	switch c.Kind {
	case engines.PrimaryKey:
		return "PRIMARY KEY", nil
	case engines.Unique:
		return "UNIQUE (" + quoteList(c.Columns) + ")", nil
	}
	return "", errUnaddressable(table, c)
}

func indexSQL(table string, ix *engines.Index) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if ix.Unique {
		b.WriteString("UNIQUE ")
	}
	if ix.Method == "BITMAP" {
		b.WriteString("BITMAP ")
	}
	b.WriteString("INDEX " + quoteIdent(ix.Name) + " ON " + quoteIdent(table) + " (")
	for i, p := range ix.Parts {
		if i > 0 {
			b.WriteString(", ")
		}
		if p.Column != "" {
			b.WriteString(quoteIdent(p.Column))
		} else {
			b.WriteString(p.Expr)
		}
		if p.Desc {
			b.WriteString(" DESC")
		}
	}
	b.WriteString(")")
	return b.String()
}

func viewSQL(v *engines.View, orReplace bool) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if orReplace {
		b.WriteString("OR REPLACE ")
	}
	b.WriteString("VIEW " + quoteIdent(v.Name))
	if len(v.Columns) > 0 {
		b.WriteString(" (" + quoteList(v.Columns) + ")")
	}
	b.WriteString(" AS\n" + v.Query)
	if v.Options["check_option"] == "true" {
		b.WriteString("\nWITH CHECK OPTION")
	}
	if v.Options["read_only"] == "true" {
		b.WriteString("\nWITH READ ONLY")
	}
	return b.String()
}

// sequenceOptionsSQL spells the non-default options; withStart includes
// START WITH (creation only: ALTER SEQUENCE cannot change it).
func sequenceOptionsSQL(o *engines.SequenceOptions, withStart bool) string {
	if o == nil {
		return ""
	}
	var parts []string
	num := func(kw string, v *int64) {
		if v != nil {
			parts = append(parts, kw+" "+strconv.FormatInt(*v, 10))
		}
	}
	if withStart {
		num("START WITH", o.Start)
	}
	num("INCREMENT BY", o.Increment)
	num("MINVALUE", o.Min)
	num("MAXVALUE", o.Max)
	if o.Cache != nil && *o.Cache == 0 {
		parts = append(parts, "NOCACHE")
	} else {
		num("CACHE", o.Cache)
	}
	if o.Cycle {
		parts = append(parts, "CYCLE")
	}
	return strings.Join(parts, " ")
}

func createSequenceSQL(s *engines.Sequence) string {
	sql := "CREATE SEQUENCE " + quoteIdent(s.Name)
	if o := sequenceOptionsSQL(&s.SequenceOptions, true); o != "" {
		sql += " " + o
	}
	return sql
}

// alterSequenceSQL resets every comparable option to the source's value,
// spelling defaults out so that options the source dropped are reset too.
func alterSequenceSQL(s *engines.Sequence) string {
	return "ALTER SEQUENCE " + quoteIdent(s.Name) + " " + fullSequenceOptions(s.SequenceOptions)
}

// fullSequenceOptions spells every comparable option, defaults included
// (START WITH is not one: it only matters at creation).
func fullSequenceOptions(o engines.SequenceOptions) string {
	var parts []string
	inc := int64(1)
	if o.Increment != nil {
		inc = *o.Increment
	}
	parts = append(parts, "INCREMENT BY "+strconv.FormatInt(inc, 10))
	if o.Min != nil {
		parts = append(parts, "MINVALUE "+strconv.FormatInt(*o.Min, 10))
	} else {
		parts = append(parts, "NOMINVALUE")
	}
	if o.Max != nil {
		parts = append(parts, "MAXVALUE "+strconv.FormatInt(*o.Max, 10))
	} else {
		parts = append(parts, "NOMAXVALUE")
	}
	switch {
	case o.Cache == nil:
		parts = append(parts, "CACHE 20")
	case *o.Cache == 0:
		parts = append(parts, "NOCACHE")
	default:
		parts = append(parts, "CACHE "+strconv.FormatInt(*o.Cache, 10))
	}
	if o.Cycle {
		parts = append(parts, "CYCLE")
	} else {
		parts = append(parts, "NOCYCLE")
	}
	return strings.Join(parts, " ")
}

func tableCommentSQL(kind, name, text string) string {
	return "COMMENT ON " + kind + " " + quoteIdent(name) + " IS " + quoteLiteral(text)
}

func columnCommentSQL(table, column, text string) string {
	return "COMMENT ON COLUMN " + quoteIdent(table) + "." + quoteIdent(column) + " IS " + quoteLiteral(text)
}
