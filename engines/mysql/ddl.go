package mysql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// isTextType reports whether a type carries a character set.
func isTextType(t string) bool {
	for _, p := range []string{"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"} {
		// p, or p followed by "(" or " ", without building strings: the
		// planner asks this of every column.
		if strings.HasPrefix(t, p) && (len(t) == len(p) || t[len(p)] == '(' || t[len(p)] == ' ') {
			return true
		}
	}
	return false
}

// isBlobType reports whether MySQL needs a default of this type written as
// an expression in parentheses.
func isBlobType(t string) bool {
	switch t {
	case "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob", "json", "geometry", "point", "linestring", "polygon":
		return true
	}
	return false
}

// defaultSQL prints a canonical default as a DEFAULT clause value.
func defaultSQL(d, colType string, f Flavor) string {
	literal := strings.HasPrefix(d, "'") || strings.HasPrefix(d, "b'") || strings.HasPrefix(d, "current_timestamp(")
	if !literal {
		if _, err := strconv.ParseFloat(d, 64); err == nil {
			literal = true
		}
	}
	if literal && !(isBlobType(colType) && !f.MariaDB) {
		return d
	}
	return parens(d)
}

// parens wraps an expression in parentheses unless one pair already
// encloses all of it (the canonical printer brackets binary operations).
func parens(e string) string {
	if strings.HasPrefix(e, "(") && strings.HasSuffix(e, ")") {
		depth := 0
		whole := true
		for i := 0; i < len(e); i++ {
			switch e[i] {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 && i != len(e)-1 {
					whole = false
				}
			case '\'', '`', '"':
				q := e[i]
				for i++; i < len(e) && e[i] != q; i++ {
					if e[i] == '\\' {
						i++
					}
				}
			}
		}
		if whole {
			return e
		}
	}
	return "(" + e + ")"
}

// columnSQL prints a column definition. charset/collation are printed when
// explicit is set (the column differs from its table, or the statement must
// pin them).
func columnSQL(c *engines.Column, f Flavor, explicitCharset bool) string {
	var b strings.Builder
	b.WriteString(quoteIdent(c.Name) + " " + c.Type)
	if explicitCharset && c.Collation != "" && isTextType(c.Type) {
		b.WriteString(" CHARACTER SET " + c.Charset + " COLLATE " + c.Collation)
	} else if explicitCharset && c.Charset != "" && isTextType(c.Type) {
		// Files may name a charset alone (its default collation applies).
		b.WriteString(" CHARACTER SET " + c.Charset)
	}
	if c.Generated != "" {
		kind := "VIRTUAL"
		if c.GeneratedStored {
			kind = "STORED"
		}
		b.WriteString(" GENERATED ALWAYS AS " + parens(c.Generated) + " " + kind)
		if c.NotNull {
			b.WriteString(" NOT NULL")
		}
	} else {
		if c.NotNull {
			b.WriteString(" NOT NULL")
		} else if strings.HasPrefix(c.Type, "timestamp") {
			b.WriteString(" NULL")
		}
		if c.Default != "" {
			b.WriteString(" DEFAULT " + defaultSQL(c.Default, c.Type, f))
		}
		if c.OnUpdate != "" {
			b.WriteString(" ON UPDATE " + c.OnUpdate)
		}
		if c.AutoIncrement {
			b.WriteString(" AUTO_INCREMENT")
		}
		if v := c.Options[optAutoRandom]; v != "" {
			b.WriteString(" " + autoRandomSQL(v))
		}
	}
	switch c.Options[optInvisible] {
	case "":
	case versionedInvisible:
		// As the files wrote it (a dump of files read before the flavor
		// is known): MariaDB does not run it.
		b.WriteString(" /*!80023 INVISIBLE */")
	default:
		b.WriteString(" INVISIBLE")
	}
	if c.Comment != "" {
		b.WriteString(" COMMENT " + quoteString(c.Comment))
	}
	if ck := c.Options[optColumnCheck]; ck != "" {
		b.WriteString(" CHECK " + parens(ck))
	}
	return b.String()
}

// indexPartsSQL prints "(`a`,`b`(10) DESC,(expr))".
func indexPartsSQL(parts []*engines.IndexPart) string {
	var s []string
	for _, p := range parts {
		var x string
		if p.Expr != "" {
			x = parens(p.Expr)
		} else {
			x = quoteIdent(p.Column)
			if p.Length > 0 {
				x += "(" + strconv.Itoa(p.Length) + ")"
			}
		}
		if p.Desc {
			x += " DESC"
		}
		s = append(s, x)
	}
	return "(" + strings.Join(s, ",") + ")"
}

// indexSQL prints an index as it appears in CREATE TABLE and after ADD.
func indexSQL(ix *engines.Index, f Flavor) string {
	var b strings.Builder
	switch {
	case ix.Method == "FULLTEXT":
		b.WriteString("FULLTEXT KEY ")
	case ix.Method == "SPATIAL":
		b.WriteString("SPATIAL KEY ")
	case ix.Unique:
		b.WriteString("UNIQUE KEY ")
	default:
		b.WriteString("KEY ")
	}
	b.WriteString(quoteIdent(ix.Name) + " " + indexPartsSQL(ix.Parts))
	if ix.Using != "" && !f.TiDB {
		b.WriteString(" USING " + ix.Using)
	}
	if ix.Parser != "" && ix.Method == "FULLTEXT" {
		b.WriteString(" WITH PARSER " + quoteIdent(ix.Parser))
	}
	if ix.Comment != "" {
		b.WriteString(" COMMENT " + quoteString(ix.Comment))
	}
	if ix.Options["invisible"] == "true" {
		b.WriteString(" " + f.InvisibleIndexKeyword())
	}
	return b.String()
}

// constraintSQL prints a constraint as it follows ADD (or sits in CREATE TABLE).
func constraintSQL(c *engines.Constraint) string {
	switch c.Kind {
	case engines.PrimaryKey:
		s := "PRIMARY KEY (" + quoteIdents(c.Columns) + ")" + clusteredSQL(c)
		if c.Comment != "" {
			s += " COMMENT " + quoteString(c.Comment)
		}
		return s
	case engines.ForeignKey:
		s := "CONSTRAINT " + quoteIdent(c.Name) + " FOREIGN KEY (" + quoteIdents(c.Columns) + ") REFERENCES "
		if c.RefSchema != "" {
			s += quoteIdent(c.RefSchema) + "."
		}
		s += quoteIdent(c.RefTable) + " (" + quoteIdents(c.RefColumns) + ")"
		if c.OnDelete != "" {
			s += " ON DELETE " + c.OnDelete
		}
		if c.OnUpdate != "" {
			s += " ON UPDATE " + c.OnUpdate
		}
		return s
	case engines.Check:
		expr := c.Check
		if c.CheckText != "" && c.CheckText != c.Check && canonExpr(c.CheckText) == c.Check {
			// As written, while it still says what the model does (a
			// later rename in the files changes Check only).
			expr = c.CheckText
		}
		s := "CONSTRAINT " + quoteIdent(c.Name) + " CHECK " + parens(expr)
		if c.Options[optUnnamed] != "" {
			s = "CHECK " + parens(expr)
		}
		if c.NotEnforced {
			s += " NOT ENFORCED"
		}
		return s
	}
	return c.Definition
}

// tableOptionsSQL prints the table options after the closing parenthesis.
func tableOptionsSQL(t *engines.Table) string {
	var parts []string
	engine := t.Options["ENGINE"]
	if engine == "" {
		engine = "InnoDB"
	}
	parts = append(parts, "ENGINE="+engine)
	if cs := t.Options["CHARSET"]; cs != "" {
		parts = append(parts, "DEFAULT CHARSET="+cs)
	}
	if co := t.Options["COLLATE"]; co != "" {
		parts = append(parts, "COLLATE="+co)
	}
	if rf := t.Options["ROW_FORMAT"]; rf != "" {
		parts = append(parts, "ROW_FORMAT="+rf)
	}
	if kbs := t.Options["KEY_BLOCK_SIZE"]; kbs != "" {
		parts = append(parts, "KEY_BLOCK_SIZE="+kbs)
	}
	parts = append(parts, tableSettingsSQL(t)...)
	if t.Comment != "" {
		parts = append(parts, "COMMENT="+quoteString(t.Comment))
	}
	parts = append(parts, tidbTableOptionsSQL(t)...)
	return strings.Join(parts, " ")
}

// createTableSQL prints CREATE TABLE with columns, keys and checks; foreign
// keys only when withFKs (plans add them after every table exists).
func createTableSQL(t *engines.Table, f Flavor, withFKs bool) string {
	if f.MariaDB {
		cp := *t
		inlineColumnChecks(&cp)
		t = &cp
	}
	var lines []string
	for _, c := range t.Columns {
		lines = append(lines, "  "+columnSQL(c, f, true))
	}
	for _, c := range t.Constraints {
		if c.Kind == engines.PrimaryKey {
			lines = append(lines, "  "+constraintSQL(c))
		}
	}
	for _, ix := range t.Indexes {
		lines = append(lines, "  "+indexSQL(ix, f))
	}
	if withFKs {
		for _, c := range t.Constraints {
			if c.Kind == engines.ForeignKey {
				lines = append(lines, "  "+constraintSQL(c))
			}
		}
	}
	for _, c := range t.Constraints {
		if c.Kind == engines.Check {
			lines = append(lines, "  "+constraintSQL(c))
		}
	}
	out := fmt.Sprintf("CREATE TABLE %s (\n%s\n) %s", quoteIdent(t.Name), strings.Join(lines, ",\n"), tableOptionsSQL(t))
	if t.PartitionBy != "" {
		out += "\nPARTITION BY " + partitionBySQL(t.PartitionBy)
	}
	return out
}

// viewSQL prints CREATE [OR REPLACE] VIEW.
func viewSQL(v *engines.View, orReplace bool) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if orReplace {
		b.WriteString("OR REPLACE ")
	}
	if a := v.Options["algorithm"]; a != "" {
		b.WriteString("ALGORITHM=" + a + " ")
	}
	if v.Options["security"] == "INVOKER" {
		b.WriteString("SQL SECURITY INVOKER ")
	}
	if v.Text != "" {
		b.WriteString("VIEW " + quoteIdent(v.Name) + " " + v.Text)
	} else {
		b.WriteString("VIEW " + quoteIdent(v.Name) + " AS " + v.Query)
	}
	if c := v.Options["check_option"]; c != "" {
		b.WriteString(" WITH " + c + " CHECK OPTION")
	}
	return b.String()
}

func kindOfRoutine(f *engines.Function) engines.Kind {
	if f.Procedure {
		return engines.KindProcedure
	}
	return engines.KindFunction
}

func dropRoutineSQL(f *engines.Function) string {
	if f.Procedure {
		return "DROP PROCEDURE " + quoteIdent(f.Name)
	}
	return "DROP FUNCTION " + quoteIdent(f.Name)
}

// setTableSetting sets a table option of tableSettings; its reset value
// (0, DEFAULT) takes it off, as on the server.
func setTableSetting(t *engines.Table, key, value string) {
	value = strings.ToUpper(value)
	for _, s := range tableSettings() {
		if s.key == key && value == s.reset {
			delete(t.Options, key)
			return
		}
	}
	t.Options[key] = value
}

// writtenOption reads the value of a table option from a statement's text
// (KEY [=] value), the last one when it is given more than once.
func writtenOption(text, key string) (string, bool) {
	toks := lex(text)
	v, ok := "", false
	for i := 0; i < len(toks); i++ {
		if !toks[i].is(key) {
			continue
		}
		j := i + 1
		if j < len(toks) && toks[j].kind == tokPunct && toks[j].text == "=" {
			j++
		}
		if j < len(toks) {
			v, ok = toks[j].value(), true
		}
	}
	return v, ok
}

// tableSettingsSQL prints the table options of tableSettings a table has.
func tableSettingsSQL(t *engines.Table) []string {
	var out []string
	for _, s := range tableSettings() {
		if v := t.Options[s.key]; v != "" {
			out = append(out, s.key+"="+v)
		}
	}
	return out
}
