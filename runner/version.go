package runner

import (
	"context"
	"fmt"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/vcs"
)

// SourceVersion names the source of a plan: the revision as the user
// wrote it and the commit it resolved to.
type SourceVersion struct {
	Rev  string `json:"rev"`
	Hash string `json:"hash"`
}

// Short is the abbreviated hash, with the revision when it says more.
func (v SourceVersion) Short() string {
	h := v.Hash
	if len(h) > 12 {
		h = h[:12]
	}
	if v.Rev != "" && v.Rev != v.Hash {
		return h + " (" + v.Rev + ")"
	}
	return h
}

// ReadVersion reads the schema files under dir at revision rev (default
// HEAD) from the repository, without touching the work tree.
func ReadVersion(ctx context.Context, repo *vcs.Repo, rev, dir string) ([]engines.File, SourceVersion, error) {
	if rev == "" {
		rev = "HEAD"
	}
	hash, err := repo.Resolve(rev)
	if err != nil {
		return nil, SourceVersion{}, err
	}
	files, err := repo.ReadDir(ctx, hash, dir)
	if err != nil {
		return nil, SourceVersion{}, err
	}
	return files, SourceVersion{Rev: rev, Hash: hash}, nil
}

// LoadVersion reads and parses the schema at a revision, without the
// runner's history objects.
func LoadVersion(ctx context.Context, e engines.Engine, repo *vcs.Repo, rev, dir string, opts engines.ParseOptions) (*engines.Database, SourceVersion, error) {
	files, v, err := ReadVersion(ctx, repo, rev, dir)
	if err != nil {
		return nil, v, err
	}
	db, err := e.Parse(ctx, files, opts)
	if err != nil {
		return nil, v, fmt.Errorf("schema at %s: %w", v.Short(), err)
	}
	hideHistory(e, db)
	return db, v, nil
}
