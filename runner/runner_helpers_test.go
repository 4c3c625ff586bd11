package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
	"github.com/schemasync/schemasync/runner"
	"github.com/schemasync/schemasync/vcs"
)

// schemaRepo is a temporary git repository holding one schema directory
// ("schema") with a commit and a tag per version.
type schemaRepo struct {
	root   string
	repo   *vcs.Repo
	hashes map[string]string // tag -> commit
}

// newSchemaRepo commits each version's files (replacing the previous
// version's) and tags it.
func newSchemaRepo(t *testing.T, versions []repoVersion) *schemaRepo {
	t.Helper()
	root := t.TempDir()
	r, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	out := &schemaRepo{root: root, hashes: map[string]string{}}
	for i, v := range versions {
		if err := os.RemoveAll(filepath.Join(root, "schema")); err != nil {
			t.Fatal(err)
		}
		for name, text := range v.files {
			p := filepath.Join(root, "schema", name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
			t.Fatal(err)
		}
		when := time.Date(2024, 3, i+1, 12, 0, 0, 0, time.UTC)
		h, err := wt.Commit("schema "+v.tag, &git.CommitOptions{All: true, Author: &object.Signature{Name: "Ada", Email: "ada@example.com", When: when}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.CreateTag(v.tag, h, nil); err != nil {
			t.Fatal(err)
		}
		out.hashes[v.tag] = h.String()
	}
	if out.repo, err = vcs.Open(root); err != nil {
		t.Fatal(err)
	}
	return out
}

type repoVersion struct {
	tag   string
	files map[string]string
}

func (r *schemaRepo) load(t *testing.T, e engines.Engine, rev string) (*engines.Database, runner.SourceVersion) {
	t.Helper()
	db, v, err := runner.LoadVersion(context.Background(), e, r.repo, rev, "schema", engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return db, v
}

func (r *schemaRepo) loader(e engines.Engine) runner.VersionLoader {
	return func(ctx context.Context, rev string) (*engines.Database, runner.SourceVersion, error) {
		return runner.LoadVersion(ctx, e, r.repo, rev, "schema", engines.ParseOptions{})
	}
}

func execPG(t *testing.T, url, script string) {
	t.Helper()
	if err := testdb.ExecPostgres(context.Background(), url, script); err != nil {
		t.Fatal(err)
	}
}

// planFor plans the source for targets and returns the set.
func planFor(t *testing.T, e engines.Engine, src *engines.Database, v runner.SourceVersion, parallel int, targets ...runner.LiveTarget) *runner.PlanSet {
	t.Helper()
	set, err := runner.PlanTargets(context.Background(), runner.PlanRequest{
		Engine: e, Source: src, Version: v, SchemaDir: "schema", Targets: targets, Parallel: parallel,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range set.Failed {
		t.Fatalf("target %s failed: %v", f.Target, f.Err)
	}
	return set
}

// groupOf returns the plan group holding the target.
func groupOf(t *testing.T, set *runner.PlanSet, target string) *runner.PlanGroup {
	t.Helper()
	for _, g := range set.Groups {
		for _, n := range g.Targets {
			if n == target {
				return g
			}
		}
	}
	t.Fatalf("no plan group for %s", target)
	return nil
}

// reread writes the plan file and reads it back, as apply does.
func reread(t *testing.T, dir string, pf *runner.PlanFile) *runner.PlanFile {
	t.Helper()
	p := filepath.Join(dir, runner.PlanFileName(pf.Targets))
	if err := os.WriteFile(p, pf.Render(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := runner.ReadPlanFiles([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	return got[0]
}
