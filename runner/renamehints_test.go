package runner_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/runner"
)

// TestPreviewRenameHints: a plan that drops a column and adds one of the
// same type, or drops a table and adds one with the same columns, shows a
// "possible rename" hint with the annotation to add, in every preview
// format; once the annotation is there, the plan renames and the hint is
// gone.
func TestPreviewRenameHints(t *testing.T) {
	ctx := context.Background()
	eng := postgres.New()
	parse := func(text string) *engines.Database {
		db, err := eng.Parse(ctx, []engines.File{{Path: "schema.sql", Text: text}}, engines.ParseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	target := parse("CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);\nCREATE TABLE old_log (at timestamptz, line text);")
	preview := func(source string) (text, md, js string) {
		p, err := eng.Plan(ctx, target, parse(source), engines.PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		set := &runner.PlanSet{Engine: "postgres", Groups: []*runner.PlanGroup{{Targets: []string{"prod"}, Plan: p}}}
		var tb, mb, jb bytes.Buffer
		runner.PreviewText(&tb, set)
		runner.PreviewMarkdown(&mb, set, eng)
		if err := runner.PreviewJSON(&jb, set); err != nil {
			t.Fatal(err)
		}
		return tb.String(), mb.String(), jb.String()
	}

	text, md, js := preview("CREATE TABLE users (id int PRIMARY KEY, full_name text NOT NULL);\nCREATE TABLE event_log (at timestamptz, line text);")
	column := "possible rename: column public.users.name -> full_name; add `-- schemasync:renamed-from name` above the definition of full_name"
	table := "possible rename: table public.old_log -> event_log; add `-- schemasync:renamed-from old_log` above CREATE TABLE event_log"
	for name, out := range map[string]string{"text": text, "markdown": md} {
		if !strings.Contains(out, column) || !strings.Contains(out, table) {
			t.Errorf("%s preview lacks the rename hints:\n%s", name, out)
		}
	}
	var parsed struct {
		Groups []struct {
			RenameHints []engines.RenameHint `json:"rename_hints"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(js), &parsed); err != nil {
		t.Fatal(err)
	}
	if len(parsed.Groups) != 1 || len(parsed.Groups[0].RenameHints) != 2 {
		t.Errorf("JSON preview: want two rename hints, got %s", js)
	}

	text, _, _ = preview(`CREATE TABLE users (
  id int PRIMARY KEY,
  -- schemasync:renamed-from name
  full_name text NOT NULL
);
-- schemasync:renamed-from old_log
CREATE TABLE event_log (at timestamptz, line text);`)
	if strings.Contains(text, "possible rename") {
		t.Errorf("annotated renames still hinted:\n%s", text)
	}
	for _, want := range []string{"ALTER TABLE public.old_log RENAME TO event_log", "ALTER TABLE public.users RENAME COLUMN name TO full_name"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
}
