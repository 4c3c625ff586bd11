package vcs

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/schemasync/schemasync/engines"
)

// fixture is a repository built with go-git:
//
//	c1  schema/a.sql, README.md                  (origin/main)
//	c2  schema/a.sql changed, schema/sub/b.sql   (tag v1.0 annotated, branch feature)
//	c3  README.md changed only                   (tag docs)
//	c4  schema/sub/b.sql removed, schema/c.sql,  (tags v2, release-2 annotated; HEAD)
//	    schema/notes.txt, schema/.hidden/x.sql
type fixture struct {
	root           string
	c1, c2, c3, c4 string
}

var testAuthor = Signature{Name: "Ada", Email: "ada@example.com"}

func sig(n int) *object.Signature {
	return &object.Signature{Name: "Ada", Email: "ada@example.com", When: time.Date(2024, 1, n, 12, 0, 0, 0, time.UTC)}
}

func writeFile(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func commitAll(t *testing.T, r *git.Repository, msg string, n int) string {
	t.Helper()
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: sig(n), All: true})
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	root := t.TempDir()
	r, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{root: root}
	writeFile(t, root, "schema/a.sql", "CREATE TABLE a (id int);\n")
	writeFile(t, root, "README.md", "hello\n")
	f.c1 = commitAll(t, r, "v1: initial schema\n\nbody text", 1)

	writeFile(t, root, "schema/a.sql", "CREATE TABLE a (id int, name text);\n")
	writeFile(t, root, "schema/sub/b.sql", "CREATE TABLE b (id int);\n")
	f.c2 = commitAll(t, r, "v2: add b", 2)

	writeFile(t, root, "README.md", "hello again\n")
	f.c3 = commitAll(t, r, "docs only", 3)

	if err := os.RemoveAll(filepath.Join(root, "schema", "sub")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "schema/c.sql", "CREATE TABLE c (id int);\n")
	writeFile(t, root, "schema/notes.txt", "not sql\n")
	writeFile(t, root, "schema/.hidden/x.sql", "SELECT 1;\n")
	f.c4 = commitAll(t, r, "v3: drop b, add c", 4)

	if _, err := r.CreateTag("v1.0", plumbing.NewHash(f.c2), &git.CreateTagOptions{Tagger: sig(5), Message: "release 1.0"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.CreateTag("docs", plumbing.NewHash(f.c3), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := r.CreateTag("v2", plumbing.NewHash(f.c4), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := r.CreateTag("release-2", plumbing.NewHash(f.c4), &git.CreateTagOptions{Tagger: sig(6), Message: "release 2"}); err != nil {
		t.Fatal(err)
	}
	for name, h := range map[string]string{"refs/heads/feature": f.c2, "refs/remotes/origin/main": f.c1} {
		if err := r.Storer.SetReference(plumbing.NewHashReference(plumbing.ReferenceName(name), plumbing.NewHash(h))); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *fixture) open(t *testing.T) *Repo {
	t.Helper()
	r, err := Open(f.root)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestGitOpenFromSubdirectory(t *testing.T) {
	f := newFixture(t)
	r, err := Open(filepath.Join(f.root, "schema"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(f.root)
	got, _ := filepath.EvalSymlinks(r.WorktreeRoot())
	if got != want {
		t.Errorf("WorktreeRoot = %s, want %s", got, want)
	}
	if h, err := r.Head(); err != nil || h != f.c4 {
		t.Errorf("Head = %s, %v; want %s", h, err, f.c4)
	}
	rel, err := r.RelPath(filepath.Join(f.root, "schema", "sub"))
	if err != nil || rel != "schema/sub" {
		t.Errorf("RelPath = %q, %v; want schema/sub", rel, err)
	}
	if _, err := r.RelPath(filepath.Dir(f.root)); err == nil {
		t.Error("RelPath outside the repository: no error")
	}
	if _, err := Open(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not inside a git repository") {
		t.Errorf("Open outside a repository: %v", err)
	}
}

func TestResolve(t *testing.T) {
	f := newFixture(t)
	r := f.open(t)
	tests := []struct {
		rev  string
		want string
	}{
		{"HEAD", f.c4},
		{"HEAD~1", f.c3},
		{"HEAD~3", f.c1},
		{"v1.0", f.c2}, // annotated: peeled to the commit
		{"v1.0^", f.c1},
		{"v2", f.c4}, // lightweight
		{"release-2", f.c4},
		{"feature", f.c2},
		{"origin/main", f.c1},
		{f.c3, f.c3},
		{f.c2[:7], f.c2},
	}
	for _, tt := range tests {
		got, err := r.Resolve(tt.rev)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tt.rev, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Resolve(%q) = %s, want %s", tt.rev, got, tt.want)
		}
	}
	for _, bad := range []string{"no-such-branch", "HEAD~9", "deadbeef", ""} {
		_, err := r.Resolve(bad)
		if err == nil {
			t.Errorf("Resolve(%q): no error", bad)
			continue
		}
		if bad != "" && !strings.Contains(err.Error(), bad) {
			t.Errorf("Resolve(%q) error does not name the revision: %v", bad, err)
		}
	}
}

func TestVersions(t *testing.T) {
	f := newFixture(t)
	r := f.open(t)
	ctx := context.Background()

	got, err := r.Versions(ctx, "schema", 0)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		hash, subject string
		tags          []string
		day           int
	}
	want := []row{
		{f.c4, "v3: drop b, add c", []string{"release-2", "v2"}, 4},
		{f.c2, "v2: add b", []string{"v1.0"}, 2},
		{f.c1, "v1: initial schema", nil, 1},
	}
	if len(got) != len(want) {
		t.Fatalf("Versions returned %d commits, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Hash != w.hash || g.Subject != w.subject || !reflect.DeepEqual(g.Tags, w.tags) || g.Date.Day() != w.day || g.Author != "Ada" || g.Email != "ada@example.com" {
			t.Errorf("version %d = %+v, want %+v", i, g, w)
		}
	}

	limited, err := r.Versions(ctx, "schema/", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(limited) != 2 || limited[0].Hash != f.c4 || limited[1].Hash != f.c2 {
		t.Errorf("Versions limit 2 = %+v", limited)
	}

	// schema/sub appeared in c2 and disappeared in c4: both changed it.
	sub, err := r.Versions(ctx, filepath.Join(f.root, "schema", "sub"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) != 2 || sub[0].Hash != f.c4 || sub[1].Hash != f.c2 {
		t.Errorf("Versions(schema/sub) = %+v", sub)
	}

	none, err := r.Versions(ctx, "nothing-here", 0)
	if err != nil || len(none) != 0 {
		t.Errorf("Versions of a directory never committed = %+v, %v", none, err)
	}
	if _, err := r.Versions(ctx, "../elsewhere", 0); err == nil {
		t.Error("Versions outside the repository: no error")
	}
}

func TestReadDirAtOldRevision(t *testing.T) {
	f := newFixture(t)
	r := f.open(t)
	ctx := context.Background()

	// The work tree differs from every revision read below.
	writeFile(t, f.root, "schema/a.sql", "-- work in progress\n")
	before := readFile(t, f.root, "schema/a.sql")

	tests := []struct {
		rev, dir string
		want     []engines.File
	}{
		{"v1.0", "schema", []engines.File{
			{Path: "schema/a.sql", Text: "CREATE TABLE a (id int, name text);\n"},
			{Path: "schema/sub/b.sql", Text: "CREATE TABLE b (id int);\n"},
		}},
		{"HEAD~3", "./schema", []engines.File{
			{Path: "schema/a.sql", Text: "CREATE TABLE a (id int);\n"},
		}},
		// .hidden is skipped and notes.txt is not SQL.
		{"HEAD", "schema", []engines.File{
			{Path: "schema/a.sql", Text: "CREATE TABLE a (id int, name text);\n"},
			{Path: "schema/c.sql", Text: "CREATE TABLE c (id int);\n"},
		}},
		{"feature", "schema/sub", []engines.File{
			{Path: "schema/sub/b.sql", Text: "CREATE TABLE b (id int);\n"},
		}},
	}
	for _, tt := range tests {
		got, err := r.ReadDir(ctx, tt.rev, tt.dir)
		if err != nil {
			t.Errorf("ReadDir(%s, %s): %v", tt.rev, tt.dir, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ReadDir(%s, %s) = %+v, want %+v", tt.rev, tt.dir, got, tt.want)
		}
	}

	if after := readFile(t, f.root, "schema/a.sql"); after != before {
		t.Errorf("work tree changed by ReadDir: %q", after)
	}
	if _, err := os.Stat(filepath.Join(f.root, "schema", "sub")); !os.IsNotExist(err) {
		t.Errorf("ReadDir recreated schema/sub in the work tree: %v", err)
	}

	for _, bad := range []struct{ rev, dir, want string }{
		{"HEAD", "schema/sub", "does not exist at revision HEAD"},
		{"HEAD", "README.md", "not a directory"},
		{"nope", "schema", `"nope"`},
	} {
		_, err := r.ReadDir(ctx, bad.rev, bad.dir)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("ReadDir(%s, %s) error = %v, want it to contain %q", bad.rev, bad.dir, err, bad.want)
		}
	}
}

func TestCommitDir(t *testing.T) {
	f := newFixture(t)
	r := f.open(t)
	ctx := context.Background()

	// The caller (runner.WriteDump) brings dir to the new state: a changed
	// file, a new one, a stale one removed. An unstaged change outside dir
	// must stay out of the commit.
	writeFile(t, f.root, "schema/a.sql", "CREATE TABLE a (id bigint);\n")
	writeFile(t, f.root, "schema/d.sql", "CREATE TABLE d (id int);\n")
	if err := os.Remove(filepath.Join(f.root, "schema", "c.sql")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, f.root, "README.md", "unrelated edit\n")

	h, err := r.CommitDir(ctx, "schema", "dump prod", testAuthor)
	if err != nil {
		t.Fatal(err)
	}
	if h == "" {
		t.Fatal("CommitDir returned no commit for a changed directory")
	}
	if head, _ := r.Head(); head != h {
		t.Errorf("HEAD = %s, want the new commit %s", head, h)
	}
	got, err := r.ReadDir(ctx, h, "schema")
	if err != nil {
		t.Fatal(err)
	}
	want := []engines.File{
		{Path: "schema/a.sql", Text: "CREATE TABLE a (id bigint);\n"},
		{Path: "schema/d.sql", Text: "CREATE TABLE d (id int);\n"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("committed schema = %+v, want %+v", got, want)
	}
	vs, err := r.Versions(ctx, "schema", 1)
	if err != nil || len(vs) != 1 || vs[0].Hash != h || vs[0].Subject != "dump prod" || vs[0].Author != "Ada" {
		t.Errorf("newest version = %+v, %v", vs, err)
	}
	readme := commitFile(t, f.root, h, "README.md")
	if readme != "hello again\n" {
		t.Errorf("README.md in the commit = %q: an unstaged change outside dir was committed", readme)
	}

	// Nothing changed since: no commit.
	again, err := r.CommitDir(ctx, "schema", "dump prod again", testAuthor)
	if err != nil || again != "" {
		t.Errorf("second CommitDir = %q, %v; want no commit", again, err)
	}

	// The whole directory removed (every object dropped).
	if err := os.RemoveAll(filepath.Join(f.root, "schema")); err != nil {
		t.Fatal(err)
	}
	h2, err := r.CommitDir(ctx, "schema", "drop everything", testAuthor)
	if err != nil || h2 == "" {
		t.Fatalf("CommitDir of a removed directory = %q, %v", h2, err)
	}
	if _, err := r.ReadDir(ctx, h2, "schema"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("schema still present after committing its removal: %v", err)
	}
}

func TestCommitDirRefusesStagedChangesOutside(t *testing.T) {
	f := newFixture(t)
	r := f.open(t)
	gr, err := git.PlainOpen(f.root)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := gr.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, f.root, "README.md", "staged elsewhere\n")
	if _, err := wt.Add("README.md"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, f.root, "schema/a.sql", "CREATE TABLE a (id bigint);\n")
	_, err = r.CommitDir(context.Background(), "schema", "dump", testAuthor)
	if err == nil || !strings.Contains(err.Error(), "README.md") {
		t.Errorf("CommitDir with a staged change outside dir: %v", err)
	}
	if head, _ := r.Head(); head != f.c4 {
		t.Errorf("a commit was made anyway: HEAD = %s", head)
	}
}

// commitFile reads a file from a commit with go-git directly, independent
// of the code under test.
func commitFile(t *testing.T, root, hash, name string) string {
	t.Helper()
	gr, err := git.PlainOpen(root)
	if err != nil {
		t.Fatal(err)
	}
	c, err := gr.CommitObject(plumbing.NewHash(hash))
	if err != nil {
		t.Fatal(err)
	}
	file, err := c.File(name)
	if err != nil {
		t.Fatal(err)
	}
	text, err := file.Contents()
	if err != nil {
		t.Fatal(err)
	}
	return text
}
