package oracle

import (
	"fmt"
	"sort"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// dump writes the model as canonical files: tables/<NAME>.sql (CREATE
// TABLE with all its constraints, then its indexes and comments),
// views/<NAME>.sql and sequences/<NAME>.sql. Each statement ends with ";".
func dump(db *engines.Database) ([]engines.File, error) {
	if db == nil || len(db.Schemas) == 0 {
		return nil, nil
	}
	if len(db.Schemas) > 1 {
		return nil, fmt.Errorf("oracle: dump: a model holds one schema, got %d", len(db.Schemas))
	}
	s := db.Schemas[0]
	var out []engines.File
	for _, t := range s.Tables {
		stmts := []string{createTableSQL(t, true)}
		for _, ix := range t.Indexes {
			stmts = append(stmts, indexSQL(t.Name, ix))
		}
		for _, c := range orderedConstraints(t) {
			if keyIndex(t, c) != nil {
				stmts = append(stmts, addConstraintSQL(t, c))
			}
		}
		stmts = append(stmts, commentsSQL("TABLE", t.Name, t.Comment, columnComments(t))...)
		out = append(out, engines.File{Path: "tables/" + fileName(t.Name), Text: joinStatements(stmts)})
	}
	for _, v := range s.Views {
		stmts := append([]string{viewSQL(v, true)}, commentsSQL("TABLE", v.Name, v.Comment, v.ColumnComments)...)
		out = append(out, engines.File{Path: "views/" + fileName(v.Name), Text: joinStatements(stmts)})
	}
	for _, q := range s.Sequences {
		out = append(out, engines.File{Path: "sequences/" + fileName(q.Name), Text: joinStatements([]string{createSequenceSQL(q)})})
	}
	return out, nil
}

func columnComments(t *engines.Table) map[string]string {
	m := map[string]string{}
	for _, c := range t.Columns {
		if c.Comment != "" {
			m[c.Name] = c.Comment
		}
	}
	return m
}

// commentsSQL lists COMMENT statements, columns by name.
func commentsSQL(kind, name, comment string, cols map[string]string) []string {
	var out []string
	if comment != "" {
		out = append(out, tableCommentSQL(kind, name, comment))
	}
	keys := make([]string, 0, len(cols))
	for k := range cols {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, columnCommentSQL(name, k, cols[k]))
	}
	return out
}

func joinStatements(stmts []string) string {
	return strings.Join(stmts, ";\n\n") + ";\n"
}

// fileName makes an object name safe as a file name.
func fileName(name string) string {
	r := strings.NewReplacer("/", "%2F", "\\", "%5C", "\x00", "%00", "$", "%24")
	n := r.Replace(name)
	if n == "." || n == ".." {
		n = strings.ReplaceAll(n, ".", "%2E")
	}
	return n + ".sql"
}
