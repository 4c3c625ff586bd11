package mysql

import (
	"fmt"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// dump writes the model as canonical files, one per object: tables/<name>.sql
// (CREATE TABLE with its keys, foreign keys and checks), views/, functions/,
// procedures/, triggers/ and events/. Objects with bodies are wrapped in
// DELIMITER lines so that the mysql client can run the files too.
func dump(db *engines.Database, e *Engine) ([]engines.File, error) {
	if db == nil {
		return nil, nil
	}
	if len(db.Schemas) > 1 {
		return nil, fmt.Errorf("mysql: dump: a model holds one database, got %d schemas", len(db.Schemas))
	}
	f := e.flavorOf(db)
	s := schemaOf(db)
	var out []engines.File
	for _, t := range s.Tables {
		out = append(out, engines.File{Path: "tables/" + fileName(t.Name), Text: createTableSQL(t, f, true) + ";\n"})
		for _, tr := range t.Triggers {
			out = append(out, engines.File{Path: "triggers/" + fileName(tr.Name), Text: delimited(triggerSQL(t.Name, tr))})
		}
	}
	for _, v := range s.Views {
		out = append(out, engines.File{Path: "views/" + fileName(v.Name), Text: viewSQL(v, false) + ";\n"})
	}
	for _, fn := range s.Functions {
		dir := "functions/"
		if fn.Procedure {
			dir = "procedures/"
		}
		out = append(out, engines.File{Path: dir + fileName(fn.Name), Text: delimited(routineSQL(fn))})
	}
	for _, e := range s.Events {
		out = append(out, engines.File{Path: "events/" + fileName(e.Name), Text: delimited(e.Definition)})
	}
	return out, nil
}

// delimited wraps a statement with a body in DELIMITER lines, with ";;"
// unless the body holds it (then the first of a few others it does not).
func delimited(sql string) string {
	sql = strings.TrimSpace(sql)
	d := ";;"
	for _, c := range []string{";;", "$$", "//", "@@", "##"} {
		if !strings.Contains(sql, c) {
			d = c
			break
		}
	}
	return "DELIMITER " + d + "\n" + sql + d + "\nDELIMITER ;\n"
}

// fileName makes an object name safe as a file name.
func fileName(name string) string {
	r := strings.NewReplacer("/", "%2F", "\\", "%5C", "\x00", "%00")
	n := r.Replace(name)
	if n == "." || n == ".." {
		n = strings.ReplaceAll(n, ".", "%2E")
	}
	return n + ".sql"
}
