// Package vcs reads and writes schema versions in git repositories. It uses
// go-git only, so no git binary is needed at run time.
//
// Directories passed to Repo methods are paths relative to the repository
// root, slash- or OS-separated ("schema", "db/schema"); an absolute path
// inside the work tree is accepted too. "" and "." mean the root.
package vcs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/schemasync/schemasync/engines"
)

// Repo is an opened git repository.
type Repo struct {
	repo *git.Repository
	// root is the work tree's root directory; "" for a bare repository.
	root string
}

// Signature names the author of a commit. A zero When means now.
type Signature struct {
	Name  string
	Email string
	When  time.Time
}

// Version is a commit that changed the schema directory.
type Version struct {
	Hash    string    `json:"hash"`
	Date    time.Time `json:"date"`
	Author  string    `json:"author"`
	Email   string    `json:"email"`
	Subject string    `json:"subject"`
	// Tags are the tags pointing at the commit, sorted.
	Tags []string `json:"tags,omitempty"`
}

// Short is the abbreviated hash for display.
func (v Version) Short() string { return shortHash(v.Hash) }

// Open opens the repository containing path, looking for .git upwards.
func Open(p string) (*Repo, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, fmt.Errorf("open repository at %s: %w", p, err)
	}
	r, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("%s is not inside a git repository: %w", p, err)
		}
		return nil, fmt.Errorf("open repository at %s: %w", p, err)
	}
	out := &Repo{repo: r}
	wt, err := r.Worktree()
	switch {
	case err == nil:
		out.root = wt.Filesystem.Root()
	case errors.Is(err, git.ErrIsBareRepository):
	default:
		return nil, fmt.Errorf("open work tree of %s: %w", p, err)
	}
	return out, nil
}

// WorktreeRoot is the work tree's root directory, "" for a bare repository.
func (r *Repo) WorktreeRoot() string { return r.root }

// Head returns the hash of the commit HEAD points at.
func (r *Repo) Head() (string, error) {
	c, err := r.headCommit()
	if err != nil {
		return "", err
	}
	return c.Hash.String(), nil
}

func (r *Repo) headCommit() (*object.Commit, error) {
	ref, err := r.repo.Head()
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return nil, errors.New("the repository has no commits yet")
		}
		return nil, fmt.Errorf("read HEAD: %w", err)
	}
	c, err := r.repo.CommitObject(ref.Hash())
	if err != nil {
		return nil, fmt.Errorf("read HEAD commit %s: %w", shortHash(ref.Hash().String()), err)
	}
	return c, nil
}

// Resolve returns the full commit hash a revision names: a full or short
// hash, a tag (annotated or lightweight), a local or remote branch, HEAD,
// and suffixes such as HEAD~3 or v1.2^.
func (r *Repo) Resolve(rev string) (string, error) {
	c, err := r.resolveCommit(rev)
	if err != nil {
		return "", err
	}
	return c.Hash.String(), nil
}

func (r *Repo) resolveCommit(rev string) (*object.Commit, error) {
	if strings.TrimSpace(rev) == "" {
		return nil, errors.New("empty revision")
	}
	h, err := r.repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		// go-git reports walking past the first commit as a bare EOF.
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("revision %q goes past the first commit", rev)
		}
		return nil, fmt.Errorf("unknown revision %q: %w", rev, err)
	}
	c, err := r.repo.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("revision %q (%s) is not a commit: %w", rev, shortHash(h.String()), err)
	}
	return c, nil
}

// RelPath turns a path on disk (absolute, or relative to the current
// directory) into the slash-separated path relative to the work tree root
// that ReadDir, Versions and CommitDir take.
func (r *Repo) RelPath(p string) (string, error) {
	if r.root == "" {
		return "", errors.New("a bare repository has no work tree to resolve paths against")
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", p, err)
	}
	// Compare real paths: the root go-git reports and the path given may
	// reach the same directory through different symbolic links.
	root := evalExisting(r.root)
	rel, err := filepath.Rel(root, evalExisting(abs))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the repository at %s", p, r.root)
	}
	if rel == "." {
		return "", nil
	}
	return filepath.ToSlash(rel), nil
}

// evalExisting resolves symbolic links in the longest existing prefix of p,
// so that paths that do not exist yet still compare with real paths.
func evalExisting(p string) string {
	var rest []string
	for cur := p; ; {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(append([]string{real}, rest...)...)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return p
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
		cur = parent
	}
}

// cleanDir normalizes a directory argument to a slash path relative to
// the root ("" for the root itself).
func (r *Repo) cleanDir(dir string) (string, error) {
	if filepath.IsAbs(dir) {
		return r.RelPath(dir)
	}
	d := path.Clean(filepath.ToSlash(dir))
	if d == "." || d == "/" {
		return "", nil
	}
	if d == ".." || strings.HasPrefix(d, "../") {
		return "", fmt.Errorf("directory %s is outside the repository", dir)
	}
	return d, nil
}

// dirTree returns the tree of dir in a commit, or nil when the commit has
// no such directory.
func (r *Repo) dirTree(c *object.Commit, dir string) (*object.Tree, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree of %s: %w", shortHash(c.Hash.String()), err)
	}
	if dir == "" {
		return tree, nil
	}
	e, err := tree.FindEntry(dir)
	if err != nil {
		if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
			return nil, nil
		}
		return nil, fmt.Errorf("find %s in %s: %w", dir, shortHash(c.Hash.String()), err)
	}
	if e.Mode != filemode.Dir {
		return nil, fmt.Errorf("%s is not a directory in %s", dir, shortHash(c.Hash.String()))
	}
	sub, err := r.repo.TreeObject(e.Hash)
	if err != nil {
		return nil, fmt.Errorf("read tree %s in %s: %w", dir, shortHash(c.Hash.String()), err)
	}
	return sub, nil
}

// dirHash is the tree hash of dir in a commit, zero when it is absent.
// Equal hashes mean identical contents, so comparing them finds the
// commits that changed dir without diffing any file.
func dirHash(c *object.Commit, dir string) (plumbing.Hash, error) {
	if dir == "" {
		return c.TreeHash, nil
	}
	tree, err := c.Tree()
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read tree of %s: %w", shortHash(c.Hash.String()), err)
	}
	e, err := tree.FindEntry(dir)
	if err != nil {
		if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
			return plumbing.ZeroHash, nil
		}
		return plumbing.ZeroHash, fmt.Errorf("find %s in %s: %w", dir, shortHash(c.Hash.String()), err)
	}
	if e.Mode != filemode.Dir {
		return plumbing.ZeroHash, nil
	}
	return e.Hash, nil
}

// ReadDir reads every *.sql file below dir as it is at revision rev,
// from the commit's tree: the work tree is not read or touched. Paths are
// relative to the repository root and the files are sorted by path.
// Directories whose names start with a dot are skipped, as on disk.
func (r *Repo) ReadDir(ctx context.Context, rev, dir string) ([]engines.File, error) {
	d, err := r.cleanDir(dir)
	if err != nil {
		return nil, err
	}
	c, err := r.resolveCommit(rev)
	if err != nil {
		return nil, err
	}
	tree, err := r.dirTree(c, d)
	if err != nil {
		return nil, fmt.Errorf("read %s at %s: %w", displayDir(d), rev, err)
	}
	if tree == nil {
		return nil, fmt.Errorf("directory %s does not exist at revision %s (%s)", displayDir(d), rev, shortHash(c.Hash.String()))
	}
	var files []engines.File
	if err := r.walkSQL(ctx, tree, d, &files); err != nil {
		return nil, fmt.Errorf("read %s at %s: %w", displayDir(d), rev, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

func (r *Repo) walkSQL(ctx context.Context, t *object.Tree, prefix string, out *[]engines.File) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, e := range t.Entries {
		name := path.Join(prefix, e.Name)
		switch e.Mode {
		case filemode.Dir:
			if strings.HasPrefix(e.Name, ".") {
				continue
			}
			sub, err := r.repo.TreeObject(e.Hash)
			if err != nil {
				return fmt.Errorf("read tree %s: %w", name, err)
			}
			if err := r.walkSQL(ctx, sub, name, out); err != nil {
				return err
			}
			continue
		case filemode.Submodule:
			continue // a submodule's files are in another repository
		}
		if !strings.EqualFold(path.Ext(e.Name), ".sql") {
			continue
		}
		if e.Mode == filemode.Symlink {
			// The blob of a link holds its target's name, not SQL.
			return fmt.Errorf("%s is a symbolic link; schema files in a version must be regular files", name)
		}
		text, err := r.readBlob(e.Hash)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		*out = append(*out, engines.File{Path: name, Text: text})
	}
	return nil
}

func (r *Repo) readBlob(h plumbing.Hash) (string, error) {
	b, err := r.repo.BlobObject(h)
	if err != nil {
		return "", err
	}
	rd, err := b.Reader()
	if err != nil {
		return "", err
	}
	defer rd.Close()
	data, err := io.ReadAll(rd)
	if err != nil {
		return "", err
	}
	return string(data), nil
}

// Versions lists the commits that changed anything under dir, newest
// first, following the first parents from HEAD. A commit changed dir when
// dir's tree hash differs from its first parent's (a commit that deletes dir
// counts). limit <= 0 means no limit. In a shallow clone the history ends at
// the oldest fetched commit, which counts as a change if it holds dir.
func (r *Repo) Versions(ctx context.Context, dir string, limit int) ([]Version, error) {
	d, err := r.cleanDir(dir)
	if err != nil {
		return nil, err
	}
	c, err := r.headCommit()
	if err != nil {
		return nil, err
	}
	tags, err := r.tagsByCommit()
	if err != nil {
		return nil, err
	}
	var out []Version
	for c != nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h, err := dirHash(c, d)
		if err != nil {
			return nil, err
		}
		var parent *object.Commit
		parentHash := plumbing.ZeroHash
		if c.NumParents() > 0 {
			parent, err = c.Parent(0)
			switch {
			case errors.Is(err, plumbing.ErrObjectNotFound):
				parent = nil // shallow clone boundary
			case err != nil:
				return nil, fmt.Errorf("read parent of %s: %w", shortHash(c.Hash.String()), err)
			default:
				if parentHash, err = dirHash(parent, d); err != nil {
					return nil, err
				}
			}
		}
		if h != parentHash {
			out = append(out, Version{
				Hash:    c.Hash.String(),
				Date:    c.Author.When,
				Author:  c.Author.Name,
				Email:   c.Author.Email,
				Subject: subject(c.Message),
				Tags:    tags[c.Hash],
			})
			if limit > 0 && len(out) >= limit {
				break
			}
		}
		c = parent
	}
	return out, nil
}

// tagsByCommit maps commits to the names of the tags that point at them,
// peeling annotated tags (also tags of tags).
func (r *Repo) tagsByCommit() (map[plumbing.Hash][]string, error) {
	iter, err := r.repo.Tags()
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	out := map[plumbing.Hash][]string{}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		h := ref.Hash()
		for {
			tag, err := r.repo.TagObject(h)
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				break // lightweight: the reference names the object itself
			}
			if err != nil {
				return fmt.Errorf("read tag %s: %w", ref.Name().Short(), err)
			}
			h = tag.Target
			if tag.TargetType != plumbing.TagObject {
				break
			}
		}
		if _, err := r.repo.CommitObject(h); err != nil {
			return nil // a tag of a tree or blob names no version
		}
		out[h] = append(out[h], ref.Name().Short())
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, names := range out {
		sort.Strings(names)
	}
	return out, nil
}

// CommitDir stages everything under dir in the work tree (new, changed
// and removed files) and commits it with msg. It returns "" and no error
// when dir already matches HEAD.
//
// CommitDir does not write files: the caller brings the work tree's dir
// to the wanted state first (runner.WriteDump, which also removes the .sql
// files of dropped objects). Keeping the writer in runner lets runner import
// vcs without vcs knowing the dump directory's rules.
//
// Changes already staged outside dir are refused rather than swept into a
// commit that claims to be a schema version.
func (r *Repo) CommitDir(ctx context.Context, dir, msg string, author Signature) (string, error) {
	if r.root == "" {
		return "", errors.New("cannot commit in a bare repository")
	}
	if strings.TrimSpace(msg) == "" {
		return "", errors.New("empty commit message")
	}
	d, err := r.cleanDir(dir)
	if err != nil {
		return "", err
	}
	wt, err := r.repo.Worktree()
	if err != nil {
		return "", fmt.Errorf("open work tree: %w", err)
	}
	st, err := wt.Status()
	if err != nil {
		return "", fmt.Errorf("work tree status: %w", err)
	}
	var outside, deleted []string
	for p, fs := range st {
		if !inDir(p, d) {
			if fs.Staging != git.Unmodified && fs.Staging != git.Untracked {
				outside = append(outside, p)
			}
			continue
		}
		if fs.Worktree == git.Deleted {
			deleted = append(deleted, p)
		}
	}
	if len(outside) > 0 {
		sort.Strings(outside)
		if len(outside) > 5 {
			outside = append(outside[:5], "…")
		}
		return "", fmt.Errorf("changes outside %s are staged (%s): commit or unstage them first", displayDir(d), strings.Join(outside, ", "))
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	addPath := d
	if addPath == "" {
		addPath = "."
	}
	if _, err := os.Lstat(filepath.Join(r.root, filepath.FromSlash(addPath))); err == nil {
		// Adding the directory stages additions, changes and removals at
		// once, with one index write.
		if _, err := wt.Add(addPath); err != nil {
			return "", fmt.Errorf("stage %s: %w", displayDir(d), err)
		}
	} else {
		// The whole directory is gone: remove its files from the index.
		for _, p := range deleted {
			if _, err := wt.Remove(p); err != nil {
				return "", fmt.Errorf("stage removal of %s: %w", p, err)
			}
		}
	}
	opts := &git.CommitOptions{}
	if author.Name != "" || author.Email != "" {
		when := author.When
		if when.IsZero() {
			when = time.Now()
		}
		opts.Author = &object.Signature{Name: author.Name, Email: author.Email, When: when}
	}
	h, err := wt.Commit(msg, opts)
	if err != nil {
		if errors.Is(err, git.ErrEmptyCommit) {
			return "", nil
		}
		if errors.Is(err, git.ErrMissingAuthor) {
			return "", fmt.Errorf("commit %s: no author given and none configured (set user.name and user.email in git config): %w", displayDir(d), err)
		}
		return "", fmt.Errorf("commit %s: %w", displayDir(d), err)
	}
	return h.String(), nil
}

func inDir(p, dir string) bool {
	return dir == "" || p == dir || strings.HasPrefix(p, dir+"/")
}

func displayDir(d string) string {
	if d == "" {
		return "the repository root"
	}
	return d
}

func subject(msg string) string {
	msg = strings.TrimSpace(msg)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return strings.TrimSpace(msg)
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
