package fakegithub

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ErrNotMergeable is returned when a head cannot be merged without a
// three-way merge, which the fakes do not do.
var ErrNotMergeable = errors.New("not mergeable: the base branch moved on since the head branched off it")

// BareRepo is the fakes' side of the hosted repository: a bare git
// repository that clients push to and fetch from through the file
// transport, and that merges write to.
type BareRepo struct {
	Path string
}

func (b BareRepo) open() (*git.Repository, error) {
	r, err := git.PlainOpen(b.Path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", b.Path, err)
	}
	return r, nil
}

// Branch returns the commit a branch points at, "" when it does not exist.
func (b BareRepo) Branch(name string) (string, error) {
	r, err := b.open()
	if err != nil {
		return "", err
	}
	ref, err := r.Reference(plumbing.NewBranchReferenceName(name), true)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return ref.Hash().String(), nil
}

// Ahead reports whether head holds commits that base does not.
func (b BareRepo) Ahead(base, head string) (bool, error) {
	r, err := b.open()
	if err != nil {
		return false, err
	}
	hb, err := r.CommitObject(plumbing.NewHash(base))
	if err != nil {
		return false, err
	}
	hh, err := r.CommitObject(plumbing.NewHash(head))
	if err != nil {
		return false, err
	}
	if hb.Hash == hh.Hash {
		return false, nil
	}
	in, err := hh.IsAncestor(hb)
	return !in, err
}

// Merge merges branch head into branch base with a merge commit and
// returns its hash. The head must contain base's head (what a pull
// request opened from base's head and not rebased since has).
func (b BareRepo) Merge(base, head, msg string, when time.Time) (string, error) {
	r, err := b.open()
	if err != nil {
		return "", err
	}
	bref, err := r.Reference(plumbing.NewBranchReferenceName(base), true)
	if err != nil {
		return "", fmt.Errorf("base branch %s: %w", base, err)
	}
	href, err := r.Reference(plumbing.NewBranchReferenceName(head), true)
	if err != nil {
		return "", fmt.Errorf("head branch %s: %w", head, err)
	}
	bc, err := r.CommitObject(bref.Hash())
	if err != nil {
		return "", err
	}
	hc, err := r.CommitObject(href.Hash())
	if err != nil {
		return "", err
	}
	ok, err := bc.IsAncestor(hc)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", ErrNotMergeable
	}
	sig := object.Signature{Name: "Fake Forge", Email: "forge@example.invalid", When: when}
	c := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: hc.TreeHash, ParentHashes: []plumbing.Hash{bc.Hash, hc.Hash}}
	obj := r.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return "", err
	}
	h, err := r.Storer.SetEncodedObject(obj)
	if err != nil {
		return "", err
	}
	if err := r.Storer.CheckAndSetReference(plumbing.NewHashReference(bref.Name(), h), bref); err != nil {
		return "", fmt.Errorf("move %s: %w", base, err)
	}
	return h.String(), nil
}
