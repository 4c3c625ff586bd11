package runner_test

import (
	"context"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/runner"
)

// TestLoadPair checks that reading both sides at once keeps what reading
// them one after the other gives: the models, the warnings in source then
// target order, and an error that names the side that failed.
func TestLoadPair(t *testing.T) {
	side := func(path, text string) *runner.Side {
		return &runner.Side{Spec: path, Files: []engines.File{{Path: path, Text: text}}}
	}
	good := "CREATE TABLE t (id int);\nGRANT USAGE ON LANGUAGE sql TO PUBLIC;\n"
	cases := []struct {
		name     string
		src, tgt *runner.Side
		err      string
		warnings []string
	}{
		{name: "both", src: side("src.sql", good), tgt: side("tgt.sql", good+"CREATE TABLE u (id int);\n"),
			warnings: []string{"src.sql:2", "tgt.sql:2"}},
		{name: "source fails", src: side("src.sql", "CREATE TABLE ("), tgt: side("tgt.sql", good), err: "source: src.sql"},
		{name: "target fails", src: side("src.sql", good), tgt: side("tgt.sql", "CREATE TABLE ("), err: "target: tgt.sql"},
		{name: "both fail", src: side("src.sql", "CREATE TABLE ("), tgt: side("tgt.sql", "CREATE TABLE ("), err: "source: src.sql"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var warnings []string
			opts := engines.ParseOptions{Warn: func(msg string) { warnings = append(warnings, msg) }}
			source, target, err := runner.LoadPair(context.Background(), postgres.New(), c.src, c.tgt, opts)
			if c.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), c.err) {
					t.Fatalf("error %v, want one starting with %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(source.Schema("public").Tables) != 1 || len(target.Schema("public").Tables) != 2 {
				t.Errorf("read %d source and %d target tables, want 1 and 2",
					len(source.Schema("public").Tables), len(target.Schema("public").Tables))
			}
			if len(warnings) != len(c.warnings) {
				t.Fatalf("warnings %q, want %d", warnings, len(c.warnings))
			}
			for i, w := range c.warnings {
				if !strings.HasPrefix(warnings[i], w) {
					t.Errorf("warning %d is %q, want it to start with %q", i, warnings[i], w)
				}
			}
		})
	}
}
