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
	if c.NotNull && c.Identity == "" {
		if n := c.Options["not_null_constraint"]; n != "" {
			b.WriteString(" CONSTRAINT " + quoteIdent(n))
		}
		b.WriteString(" NOT NULL")
	}
	return b.String()
}

// constraintSQL is an out-of-line constraint: [CONSTRAINT name] body state.
func constraintSQL(c *engines.Constraint) string {
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
		b.WriteString("FOREIGN KEY (" + quoteList(c.Columns) + ") REFERENCES " + quoteIdent(c.RefTable))
		if len(c.RefColumns) > 0 {
			b.WriteString(" (" + quoteList(c.RefColumns) + ")")
		}
		if c.OnDelete != "" {
			b.WriteString(" ON DELETE " + c.OnDelete)
		}
	case engines.Check:
		b.WriteString("CHECK (" + c.Check + ")")
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
// constraints; without, foreign keys are left for ALTER TABLE.
func createTableSQL(t *engines.Table, withFKs bool) string {
	var lines []string
	for _, c := range t.Columns {
		lines = append(lines, "  "+columnSQL(c))
	}
	for _, c := range orderedConstraints(t) {
		if c.Kind == engines.ForeignKey && !withFKs {
			continue
		}
		lines = append(lines, "  "+constraintSQL(c))
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

func addConstraintSQL(table string, c *engines.Constraint) string {
	return "ALTER TABLE " + quoteIdent(table) + " ADD " + constraintSQL(c)
}

// dropConstraintSQL drops a constraint; the index of a primary key or
// unique constraint goes with it, as the model does not keep that index.
func dropConstraintSQL(table string, c *engines.Constraint) string {
	prefix := "ALTER TABLE " + quoteIdent(table) + " DROP "
	switch {
	case c.Kind == engines.PrimaryKey && isSystemName(c.Name):
		return prefix + "PRIMARY KEY DROP INDEX"
	case c.Kind == engines.Unique && isSystemName(c.Name):
		return prefix + "UNIQUE (" + quoteList(c.Columns) + ") DROP INDEX"
	case c.Kind == engines.PrimaryKey || c.Kind == engines.Unique:
		return prefix + "CONSTRAINT " + quoteIdent(c.Name) + " DROP INDEX"
	}
	return prefix + "CONSTRAINT " + quoteIdent(c.Name)
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
	o := s.SequenceOptions
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
	return "ALTER SEQUENCE " + quoteIdent(s.Name) + " " + strings.Join(parts, " ")
}

func tableCommentSQL(kind, name, text string) string {
	return "COMMENT ON " + kind + " " + quoteIdent(name) + " IS " + quoteLiteral(text)
}

func columnCommentSQL(table, column, text string) string {
	return "COMMENT ON COLUMN " + quoteIdent(table) + "." + quoteIdent(column) + " IS " + quoteLiteral(text)
}
