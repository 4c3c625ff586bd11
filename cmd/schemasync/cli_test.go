package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/internal/testdb"
)

// runCLI runs the CLI in-process and returns its exit code and outputs.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, args)
	return code, out.String(), errOut.String()
}

const (
	exampleV1 = "../../examples/postgres/v1"
	exampleV2 = "../../examples/postgres/v2"
)

func TestDiffFiles(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string // in stdout
		stderr   []string
		empty    bool
	}{
		{
			name: "example v1 to v2",
			args: []string{"diff", "--engine", "postgres", "--source", exampleV2, "--target", exampleV1},
			contains: []string{
				"ALTER TYPE public.order_status ADD VALUE 'cancelled'",
				"CREATE TABLE public.order_lines",
				"ALTER TABLE public.orders DROP COLUMN note",
				"-- hazard deletes_data",
				"CREATE TRIGGER customers_touch",
			},
		},
		{
			name:  "same version is empty",
			args:  []string{"diff", "--engine", "postgres", "--source", exampleV2, "--target", exampleV2},
			empty: true,
		},
		{
			name: "exit code with changes",
			args: []string{"diff", "--engine", "postgres", "--exit-code", "--source", exampleV2, "--target", exampleV1},
			code: 2, contains: []string{"CREATE TABLE public.order_lines"},
		},
		{
			name:     "json",
			args:     []string{"diff", "--engine", "postgres", "--format", "json", "--source", exampleV2, "--target", exampleV1},
			contains: []string{`"engine": "postgres"`, `"op": "add"`, `"kind": "table"`, `"sql": "CREATE TABLE public.order_lines`},
		},
		{
			name: "files need an engine",
			args: []string{"diff", "--source", exampleV2, "--target", exampleV1},
			code: 1, stderr: []string{"--engine"},
		},
		{
			name: "syntax error names file and line",
			args: []string{"diff", "--engine", "postgres", "--source", "testdata/syntax_error.sql", "--target", exampleV1},
			code: 1, stderr: []string{"testdata/syntax_error.sql:6", "syntax error"},
		},
		{
			name: "unknown table in a foreign key",
			args: []string{"diff", "--engine", "postgres", "--source", "testdata/unknown_fk.sql", "--target", exampleV1},
			code: 1, stderr: []string{"testdata/unknown_fk.sql:1", "customers"},
		},
		{
			name: "unsupported statement",
			args: []string{"diff", "--engine", "postgres", "--source", "testdata/unsupported.sql", "--target", exampleV1},
			code: 1, stderr: []string{"testdata/unsupported.sql:2", "unsupported statement", "CREATE CONVERSION t_latin1"},
		},
		{
			name:  "unsupported statement skipped with a warning",
			args:  []string{"diff", "--engine", "postgres", "--skip-unsupported", "--source", "testdata/unsupported.sql", "--target", "testdata/unsupported.sql"},
			empty: true, stderr: []string{"warning:", "unsupported.sql:2"},
		},
		{
			name: "bad format",
			args: []string{"diff", "--engine", "postgres", "--format", "xml", "--source", exampleV2, "--target", exampleV1},
			code: 1, stderr: []string{"--format"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			if tt.empty && out != "" {
				t.Fatalf("want empty output, got:\n%s", out)
			}
			if !tt.empty && tt.code != 1 && out == "" {
				t.Fatal("empty output")
			}
			for _, c := range tt.contains {
				if !strings.Contains(out, c) {
					t.Errorf("stdout lacks %q:\n%s", c, out)
				}
			}
			for _, c := range tt.stderr {
				if !strings.Contains(errOut, c) {
					t.Errorf("stderr lacks %q:\n%s", c, errOut)
				}
			}
		})
	}
}

func TestConnectionErrorsHidePassword(t *testing.T) {
	for _, url := range []string{
		"postgres://alice:Sup3rS3cret@127.0.0.1:1/db?connect_timeout=2",
		"postgres://alice:Sup3rS3cret@127.0.0.1:5432/no_such_database_here?sslmode=disable",
	} {
		code, out, errOut := runCLI(t, "diff", "--source", exampleV1, "--target", url)
		if code != 1 {
			t.Fatalf("exit code %d, want 1", code)
		}
		if strings.Contains(out+errOut, "Sup3rS3cret") {
			t.Fatalf("password printed:\n%s%s", out, errOut)
		}
		if !strings.Contains(errOut, "127.0.0.1") {
			t.Fatalf("error does not name the server:\n%s", errOut)
		}
	}
}

// TestApplyDumpRoundTrip drives the three contract commands against a real
// server: plan v1 onto an empty database, apply, move to v2, then dump and
// check the dump is in sync with the database.
func TestApplyDumpRoundTrip(t *testing.T) {
	url := testdb.Postgres(t)
	dir := t.TempDir()
	for i, version := range []string{exampleV1, exampleV2} {
		code, plan, errOut := runCLI(t, "diff", "--source", version, "--target", url)
		if code != 0 || plan == "" {
			t.Fatalf("step %d: diff exit %d, plan %q\n%s", i, code, plan, errOut)
		}
		planFile := filepath.Join(dir, "plan.sql")
		if err := os.WriteFile(planFile, []byte(plan), 0o644); err != nil {
			t.Fatal(err)
		}
		// The round trip is the point here, not the policy (v2 drops a column).
		if code, _, errOut := runCLI(t, "apply", "--target", url, "--file", planFile, "--allow-hazards", "all"); code != 0 {
			t.Fatalf("step %d: apply exit %d\n%s\nplan:\n%s", i, code, errOut, plan)
		}
		if code, again, errOut := runCLI(t, "diff", "--source", version, "--target", url); code != 0 || again != "" {
			t.Fatalf("step %d: not converged (exit %d):\n%s%s", i, code, again, errOut)
		}
	}
	out := filepath.Join(dir, "dump")
	if code, _, errOut := runCLI(t, "dump", "--target", url, "--out", out); code != 0 {
		t.Fatalf("dump exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(out, "public", "tables", "order_lines.sql")); err != nil {
		t.Fatalf("dump layout: %v", err)
	}
	if code, again, errOut := runCLI(t, "diff", "--source", out, "--target", url); code != 0 || again != "" {
		t.Fatalf("dump is not in sync with the database (exit %d):\n%s%s", code, again, errOut)
	}
	// The dump equals the hand-written v2 too.
	if code, again, errOut := runCLI(t, "diff", "--engine", "postgres", "--source", out, "--target", exampleV2); code != 0 || again != "" {
		t.Fatalf("dump differs from v2 files (exit %d):\n%s%s", code, again, errOut)
	}
}

func TestApplyFailureNamesStatement(t *testing.T) {
	url := testdb.Postgres(t)
	plan := filepath.Join(t.TempDir(), "bad.sql")
	script := "CREATE TABLE ok_one (id int);\n\nCREATE TABLE broken (id int REFERENCES nowhere (id));\n"
	if err := os.WriteFile(plan, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "apply", "--target", url, "--file", plan)
	if code != 1 {
		t.Fatalf("exit code %d, want 1\n%s", code, errOut)
	}
	for _, want := range []string{plan + ":3", "CREATE TABLE broken", "nowhere"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	// One transaction: the first table was rolled back too.
	if code, out, _ := runCLI(t, "diff", "--engine", "postgres", "--source", "testdata/unsupported.sql", "--skip-unsupported", "--target", url); code != 0 || !strings.Contains(out, "CREATE TABLE public.t") || strings.Contains(out, "ok_one") {
		t.Fatalf("rolled-back table still there or diff failed (exit %d):\n%s", code, out)
	}
}
