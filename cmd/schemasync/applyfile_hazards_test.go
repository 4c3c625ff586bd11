package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/internal/testdb"
)

// TestApplyFileHazards: apply --file judges a plain SQL file's statements
// like a plan body: a DROP TABLE needs --allow-destructive and a blocking
// CREATE INDEX needs blocking_lock allowed; refused, nothing runs.
func TestApplyFileHazards(t *testing.T) {
	url := testdb.Postgres(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	setup := write("setup.sql", "CREATE TABLE keep (id int PRIMARY KEY, v int);\nCREATE TABLE gone (id int);\n")
	if code, _, errOut := runCLI(t, "apply", "--target", url, "--file", setup); code != 0 {
		t.Fatalf("setup: exit %d\n%s", code, errOut)
	}
	drop := write("drop.sql", "ALTER TABLE keep ADD COLUMN w int;\nDROP TABLE gone;\n")
	code, _, errOut := runCLI(t, "apply", "--target", url, "--file", drop)
	if code != 1 || !strings.Contains(errOut, "deletes_data") || !strings.Contains(errOut, "DROP TABLE gone") || !strings.Contains(errOut, "--allow-destructive") {
		t.Fatalf("drop without permission: exit %d\n%s", code, errOut)
	}
	if strings.Contains(errOut, "policy.") {
		t.Errorf("--file reads no config, yet the refusal names a config key:\n%s", errOut)
	}
	// Nothing ran: the first, harmless statement neither.
	if code, out, errOut := runCLI(t, "diff", "--engine", "postgres", "--source", setup, "--target", url); code != 0 || out != "" {
		t.Fatalf("the refused file changed the database (exit %d):\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "apply", "--target", url, "--file", drop, "--allow-destructive", "--deny-hazards", "deletes_data"); code != 1 || !strings.Contains(errOut, "denied") {
		t.Fatalf("deny must win over --allow-destructive: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "apply", "--target", url, "--file", drop, "--allow-destructive"); code != 0 {
		t.Fatalf("drop with --allow-destructive: exit %d\n%s", code, errOut)
	}

	index := write("index.sql", "CREATE INDEX keep_v ON keep (v);\n")
	if code, _, errOut := runCLI(t, "apply", "--target", url, "--file", index); code != 1 || !strings.Contains(errOut, "blocking_lock") {
		t.Fatalf("blocking index build without permission: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "apply", "--target", url, "--file", index, "--allow-hazards", "blocking_lock"); code != 0 {
		t.Fatalf("blocking index build allowed: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "apply", "--target", url, "--file", index, "--allow-hazards", "no_such_kind"); code != 1 || !strings.Contains(errOut, "unknown hazard kind") {
		t.Fatalf("unknown kind: exit %d\n%s", code, errOut)
	}
}
