package vcs

// Branches for proposals: commits made from object storage (the work tree
// is never touched, so a CI checkout or a developer's edits are safe),
// fetched and pushed to a remote with go-git.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// pushRefPrefix holds the commits propose pushes, so that a user's local
// branches of the same name are never moved.
const pushRefPrefix = "refs/schemasync/push/"

// CurrentBranch is the branch HEAD is on, "" when HEAD is detached.
func (r *Repo) CurrentBranch() string {
	ref, err := r.repo.Reference(plumbing.HEAD, false)
	if err != nil || ref.Type() != plumbing.SymbolicReference || !ref.Target().IsBranch() {
		return ""
	}
	return ref.Target().Short()
}

// RemoteURL is the first URL of a remote.
func (r *Repo) RemoteURL(name string) (string, error) {
	rem, err := r.repo.Remote(name)
	if err != nil {
		return "", fmt.Errorf("remote %s: %w", name, err)
	}
	urls := rem.Config().URLs
	if len(urls) == 0 {
		return "", fmt.Errorf("remote %s has no URL", name)
	}
	return urls[0], nil
}

// FetchBranches fetches the named branches from a remote into its
// remote-tracking references and returns the commit of each branch the
// remote has (branches it lacks are left out of the map).
func (r *Repo) FetchBranches(ctx context.Context, remote string, branches []string, auth transport.AuthMethod) (map[string]string, error) {
	rem, err := r.repo.Remote(remote)
	if err != nil {
		return nil, fmt.Errorf("remote %s: %w", remote, err)
	}
	refs, err := rem.ListContext(ctx, &git.ListOptions{Auth: auth})
	if err != nil {
		return nil, fmt.Errorf("list the branches of remote %s: %w", remote, err)
	}
	have := map[string]string{}
	for _, ref := range refs {
		if ref.Name().IsBranch() {
			have[ref.Name().Short()] = ref.Hash().String()
		}
	}
	out := map[string]string{}
	var specs []config.RefSpec
	for _, b := range branches {
		if h, ok := have[b]; ok {
			out[b] = h
			specs = append(specs, config.RefSpec(fmt.Sprintf("+refs/heads/%s:refs/remotes/%s/%s", b, remote, b)))
		}
	}
	if len(specs) == 0 {
		return out, nil
	}
	err = rem.FetchContext(ctx, &git.FetchOptions{RefSpecs: specs, Auth: auth, Tags: git.NoTags})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return nil, fmt.Errorf("fetch %s from %s: %w", strings.Join(branches, ", "), remote, err)
	}
	return out, nil
}

// Push makes branch on the remote point at commit, replacing what it held.
func (r *Repo) Push(ctx context.Context, remote, commit, branch string, auth transport.AuthMethod) error {
	local := plumbing.ReferenceName(pushRefPrefix + branch)
	if err := r.repo.Storer.SetReference(plumbing.NewHashReference(local, plumbing.NewHash(commit))); err != nil {
		return fmt.Errorf("push %s: %w", branch, err)
	}
	spec := config.RefSpec(fmt.Sprintf("+%s:refs/heads/%s", local, branch))
	if err := spec.Validate(); err != nil {
		return fmt.Errorf("push %s: %w", branch, err)
	}
	err := r.repo.PushContext(ctx, &git.PushOptions{RemoteName: remote, RefSpecs: []config.RefSpec{spec}, Auth: auth})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return fmt.Errorf("push %s to %s: %w", branch, remote, err)
	}
	return nil
}

// IsAncestor reports whether commit a is b or an ancestor of b.
func (r *Repo) IsAncestor(a, b string) (bool, error) {
	ca, err := r.resolveCommit(a)
	if err != nil {
		return false, err
	}
	cb, err := r.resolveCommit(b)
	if err != nil {
		return false, err
	}
	if ca.Hash == cb.Hash {
		return true, nil
	}
	return ca.IsAncestor(cb)
}

// ReadFiles returns the files directly inside dir at revision rev, by
// name; nil when rev has no such directory.
func (r *Repo) ReadFiles(rev, dir string) (map[string][]byte, error) {
	d, err := r.cleanDir(dir)
	if err != nil {
		return nil, err
	}
	c, err := r.resolveCommit(rev)
	if err != nil {
		return nil, err
	}
	t, err := r.dirTree(c, d)
	if err != nil || t == nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, e := range t.Entries {
		if !e.Mode.IsFile() {
			continue
		}
		text, err := r.readBlob(e.Hash)
		if err != nil {
			return nil, fmt.Errorf("read %s at %s: %w", path.Join(d, e.Name), shortHash(c.Hash.String()), err)
		}
		out[e.Name] = []byte(text)
	}
	return out, nil
}

// CommitFiles makes a commit whose parent is rev and whose tree is rev's
// with the files directly inside dir replaced by files (subdirectories
// are kept). It writes objects only: no reference, index or work tree
// changes. It returns the new commit's hash.
func (r *Repo) CommitFiles(ctx context.Context, rev, dir string, files map[string][]byte, msg string, author Signature) (string, error) {
	if strings.TrimSpace(msg) == "" {
		return "", errors.New("empty commit message")
	}
	d, err := r.cleanDir(dir)
	if err != nil {
		return "", err
	}
	if d == "" {
		return "", errors.New("CommitFiles needs a directory below the root")
	}
	parent, err := r.resolveCommit(rev)
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	root, err := parent.Tree()
	if err != nil {
		return "", fmt.Errorf("read tree of %s: %w", shortHash(parent.Hash.String()), err)
	}
	newRoot, err := r.replaceDir(root, strings.Split(d, "/"), files)
	if err != nil {
		return "", fmt.Errorf("commit %s: %w", d, err)
	}
	when := author.When
	if when.IsZero() {
		when = time.Now()
	}
	sig := object.Signature{Name: author.Name, Email: author.Email, When: when}
	if sig.Name == "" {
		sig.Name = "schemasync"
	}
	if sig.Email == "" {
		sig.Email = "schemasync@localhost"
	}
	c := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: newRoot, ParentHashes: []plumbing.Hash{parent.Hash}}
	h, err := r.store(c)
	if err != nil {
		return "", fmt.Errorf("commit %s: %w", d, err)
	}
	return h.String(), nil
}

// replaceDir returns the hash of tree t with the directory at parts
// holding files (and t's subdirectories there); t may be nil.
func (r *Repo) replaceDir(t *object.Tree, parts []string, files map[string][]byte) (plumbing.Hash, error) {
	var entries []object.TreeEntry
	if t != nil {
		entries = append(entries, t.Entries...)
	}
	if len(parts) == 0 {
		kept := entries[:0]
		for _, e := range entries {
			if e.Mode == filemode.Dir {
				kept = append(kept, e)
			}
		}
		entries = kept
		for name, data := range files {
			if name == "" || strings.ContainsRune(name, '/') {
				return plumbing.ZeroHash, fmt.Errorf("file name %q: names must not hold a slash", name)
			}
			obj := r.repo.Storer.NewEncodedObject()
			obj.SetType(plumbing.BlobObject)
			w, err := obj.Writer()
			if err != nil {
				return plumbing.ZeroHash, err
			}
			if _, err := w.Write(data); err != nil {
				return plumbing.ZeroHash, err
			}
			if err := w.Close(); err != nil {
				return plumbing.ZeroHash, err
			}
			h, err := r.repo.Storer.SetEncodedObject(obj)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
		}
	} else {
		var sub *object.Tree
		idx := -1
		for i, e := range entries {
			if e.Name == parts[0] {
				if e.Mode != filemode.Dir {
					return plumbing.ZeroHash, fmt.Errorf("%s is a file, not a directory", parts[0])
				}
				s, err := r.repo.TreeObject(e.Hash)
				if err != nil {
					return plumbing.ZeroHash, err
				}
				sub, idx = s, i
			}
		}
		h, err := r.replaceDir(sub, parts[1:], files)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		e := object.TreeEntry{Name: parts[0], Mode: filemode.Dir, Hash: h}
		switch {
		case h == emptyTree && idx >= 0:
			entries = append(entries[:idx], entries[idx+1:]...)
		case h == emptyTree:
		case idx >= 0:
			entries[idx] = e
		default:
			entries = append(entries, e)
		}
	}
	// Git sorts tree entries by name, a directory's name as if it ended in "/".
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	if len(entries) == 0 {
		return emptyTree, nil
	}
	return r.store(&object.Tree{Entries: entries})
}

// emptyTree is git's hash of a tree with no entries.
var emptyTree = plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")

func (r *Repo) store(o interface {
	Encode(plumbing.EncodedObject) error
}) (plumbing.Hash, error) {
	obj := r.repo.Storer.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.repo.Storer.SetEncodedObject(obj)
}

// ChangedFiles lists the files below dir (recursively) that commit rev
// added or changed compared with its first parent; every file below dir
// when rev has no parent. Deleted files are not listed.
func (r *Repo) ChangedFiles(ctx context.Context, rev, dir string) ([]string, error) {
	d, err := r.cleanDir(dir)
	if err != nil {
		return nil, err
	}
	c, err := r.resolveCommit(rev)
	if err != nil {
		return nil, err
	}
	now, err := r.blobsUnder(ctx, c, d)
	if err != nil {
		return nil, err
	}
	var before map[string]plumbing.Hash
	if c.NumParents() > 0 {
		p, err := c.Parent(0)
		if err != nil {
			return nil, fmt.Errorf("read parent of %s: %w", shortHash(c.Hash.String()), err)
		}
		if before, err = r.blobsUnder(ctx, p, d); err != nil {
			return nil, err
		}
	}
	var out []string
	for name, h := range now {
		if before[name] != h {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out, nil
}

func (r *Repo) blobsUnder(ctx context.Context, c *object.Commit, d string) (map[string]plumbing.Hash, error) {
	t, err := r.dirTree(c, d)
	if err != nil || t == nil {
		return nil, err
	}
	out := map[string]plumbing.Hash{}
	w := object.NewTreeWalker(t, true, nil)
	defer w.Close()
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name, e, err := w.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("walk %s at %s: %w", displayDir(d), shortHash(c.Hash.String()), err)
		}
		if e.Mode.IsFile() {
			out[path.Join(d, name)] = e.Hash
		}
	}
}
