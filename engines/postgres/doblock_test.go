package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// TestParseDoBlockStatements checks that a DO block of plain statements
// reads as those statements, at their lines, and its handlers do not.
func TestParseDoBlockStatements(t *testing.T) {
	text := "CREATE TABLE t (a int);\nDO $$\nBEGIN\n  CREATE TABLE u (a int);\n  BEGIN\n    CREATE INDEX u_a ON u (a);\n  END;\nEXCEPTION WHEN insufficient_privilege THEN\n  CREATE TABLE v (a int);\nEND $$;\nCREATE TABLE u (b int);\n"
	_, err := parseFiles(context.Background(), []engines.File{{Path: "d.sql", Text: text}}, engines.ParseOptions{})
	var se *engines.StatementError
	if !errors.As(err, &se) || se.Line != 11 || !strings.Contains(se.Error(), "defined twice") || !strings.Contains(se.Error(), "at d.sql:4 and") {
		t.Fatalf("want table u defined twice at d.sql:4 (inside the DO block) and d.sql:11, got %v", err)
	}
	db, err := parseFiles(context.Background(), []engines.File{{Path: "d.sql", Text: strings.TrimSuffix(text, "CREATE TABLE u (b int);\n")}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pub := db.Schema("public")
	if pub.Table("u") == nil || pub.Table("v") != nil || len(pub.Table("u").Indexes) != 1 {
		t.Errorf("want u with its index and no v (the handler's), got tables %v", tableNames(pub))
	}
}

func tableNames(s *engines.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		out = append(out, t.Name)
	}
	return out
}
