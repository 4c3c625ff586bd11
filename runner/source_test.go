package runner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// fakeEngine is the smallest engine for wiring tests: it knows its name and schemes.
type fakeEngine struct {
	engines.Engine
	name    string
	schemes []string
}

func (f fakeEngine) Name() string      { return f.name }
func (f fakeEngine) Schemes() []string { return f.schemes }
func (f fakeEngine) Parse(_ context.Context, files []engines.File, _ engines.ParseOptions) (*engines.Database, error) {
	return &engines.Database{Engine: f.name, Schemas: []*engines.Schema{{Name: files[0].Path}}}, nil
}

func TestResolveSide(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "s", "tables"), 0o755))
	must(t, os.MkdirAll(filepath.Join(dir, "s", ".git"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "s", "tables", "b.sql"), []byte("b"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "s", "a.SQL"), []byte("a"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "s", "notes.md"), []byte("x"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "s", ".git", "c.sql"), []byte("c"), 0o644))

	tests := []struct {
		spec    string
		url     bool
		files   []string
		wantErr string
	}{
		{spec: "postgres://u:secret@h/db", url: true},
		{spec: filepath.Join(dir, "s"), files: []string{"a.SQL", "tables/b.sql"}},
		{spec: filepath.Join(dir, "s", "tables", "b.sql"), files: []string{"b.sql"}},
		{spec: filepath.Join(dir, "missing"), wantErr: "no such file"},
		{spec: "", wantErr: "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			s, err := ResolveSide(tt.spec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (s.URL != "") != tt.url {
				t.Fatalf("URL = %q, want url=%v", s.URL, tt.url)
			}
			var got []string
			for _, f := range s.Files {
				got = append(got, filepath.Base(filepath.Dir(f.Path))+"/"+filepath.Base(f.Path))
			}
			for i := range tt.files {
				if i >= len(got) || !strings.HasSuffix(got[i], tt.files[i]) {
					t.Fatalf("files = %v, want %v", got, tt.files)
				}
			}
			if len(got) != len(tt.files) {
				t.Fatalf("files = %v, want %v", got, tt.files)
			}
		})
	}
}

func TestDescribeRedactsPassword(t *testing.T) {
	s, err := ResolveSide("postgres://admin:hunter2@db.internal:5432/app")
	if err != nil {
		t.Fatal(err)
	}
	if d := s.Describe(); strings.Contains(d, "hunter2") || !strings.Contains(d, "db.internal") {
		t.Fatalf("Describe() = %q", d)
	}
}

func TestChooseEngine(t *testing.T) {
	reg := engines.NewRegistry(
		fakeEngine{name: "postgres", schemes: []string{"postgres", "postgresql"}},
		fakeEngine{name: "mysql", schemes: []string{"mysql"}},
	)
	url := func(u string) *Side { return &Side{Spec: u, URL: u} }
	file := &Side{Spec: "a.sql"}
	tests := []struct {
		name    string
		engine  string
		sides   []*Side
		want    string
		wantErr string
	}{
		{name: "url", sides: []*Side{file, url("postgresql://h/db")}, want: "postgres"},
		{name: "flag", engine: "mysql", sides: []*Side{file, file}, want: "mysql"},
		{name: "files need engine", sides: []*Side{file, file}, wantErr: "--engine"},
		{name: "mixed", sides: []*Side{url("mysql://h/db"), url("postgres://h/db")}, wantErr: "different engines"},
		{name: "flag mismatch", engine: "mysql", sides: []*Side{url("postgres://h/db")}, wantErr: "does not match"},
		{name: "unknown scheme", sides: []*Side{url("redis://h")}, wantErr: "unknown URL scheme"},
		{name: "unknown engine", engine: "db2", sides: []*Side{file}, wantErr: "unknown engine"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ChooseEngine(reg, tt.engine, tt.sides...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.Name() != tt.want {
				t.Fatalf("engine = %s, want %s", e.Name(), tt.want)
			}
		})
	}
}

func TestWriteDump(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "schema")
	files := []engines.File{
		{Path: "public/tables/a.sql", Text: "CREATE TABLE a ();\n"},
		{Path: "public/tables/b.sql", Text: "CREATE TABLE b ();\n"},
	}
	w, r, err := WriteDump(out, files)
	if err != nil || w != 2 || r != 0 {
		t.Fatalf("first dump: written=%d removed=%d err=%v", w, r, err)
	}
	// Same dump again: nothing written.
	if w, r, err = WriteDump(out, files); err != nil || w != 0 || r != 0 {
		t.Fatalf("second dump: written=%d removed=%d err=%v", w, r, err)
	}
	// b is gone: its file is removed, a is unchanged.
	if w, r, err = WriteDump(out, files[:1]); err != nil || w != 0 || r != 1 {
		t.Fatalf("third dump: written=%d removed=%d err=%v", w, r, err)
	}
	if _, err := os.Stat(filepath.Join(out, "public/tables/b.sql")); !os.IsNotExist(err) {
		t.Fatalf("stale file kept: %v", err)
	}
	// A directory of someone else's .sql files is refused, and left as it was.
	foreign := filepath.Join(dir, "foreign")
	must(t, os.MkdirAll(foreign, 0o755))
	must(t, os.WriteFile(filepath.Join(foreign, "mine.sql"), []byte("x"), 0o644))
	if _, _, err := WriteDump(foreign, files); err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Fatalf("foreign dir: err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "mine.sql")); string(b) != "x" {
		t.Fatal("foreign file changed")
	}
	// A path escaping the directory is refused.
	if _, _, err := WriteDump(out, []engines.File{{Path: "../evil.sql"}}); err == nil {
		t.Fatal("escaping path accepted")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
