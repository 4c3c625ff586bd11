package runner

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// DumpMarker is the file that marks a directory as written by dump, so a
// later dump may remove the .sql files of objects that no longer exist.
const DumpMarker = ".schemasync-dump"

// WriteDump writes dumped files under dir. In a directory that holds a
// previous dump, .sql files that the new dump does not produce are removed
// (their objects are gone). A directory with .sql files of other origin is
// refused rather than mixed with the dump.
func WriteDump(dir string, files []engines.File) (written, removed int, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, fmt.Errorf("create %s: %w", dir, err)
	}
	keep := map[string]bool{}
	for _, f := range files {
		if filepath.IsAbs(f.Path) || strings.HasPrefix(filepath.Clean(f.Path), "..") {
			return 0, 0, fmt.Errorf("dump produced a path outside the directory: %s", f.Path)
		}
		keep[filepath.Clean(f.Path)] = true
	}
	existing, err := existingSQL(dir)
	if err != nil {
		return 0, 0, err
	}
	_, markerErr := os.Stat(filepath.Join(dir, DumpMarker))
	marked := markerErr == nil
	if !marked && len(existing) > 0 {
		return 0, 0, fmt.Errorf("%s already holds .sql files that schemasync did not write (no %s file): dump into an empty directory", dir, DumpMarker)
	}
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, removed, fmt.Errorf("create %s: %w", filepath.Dir(p), err)
		}
		old, err := os.ReadFile(p)
		if err == nil && string(old) == f.Text {
			continue // unchanged: keep the file's time stamp
		}
		if err := writeFileAtomic(p, []byte(f.Text)); err != nil {
			return written, removed, err
		}
		written++
	}
	for _, rel := range existing {
		if keep[rel] {
			continue
		}
		if err := os.Remove(filepath.Join(dir, rel)); err != nil {
			return written, removed, fmt.Errorf("remove stale %s: %w", rel, err)
		}
		removed++
	}
	removeEmptyDirs(dir)
	marker := "This directory is written by `schemasync dump`: .sql files of dropped objects are removed on the next dump.\n"
	if err := os.WriteFile(filepath.Join(dir, DumpMarker), []byte(marker), 0o644); err != nil {
		return written, removed, fmt.Errorf("write %s: %w", DumpMarker, err)
	}
	return written, removed, nil
}

func existingSQL(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.EqualFold(filepath.Ext(p), ".sql") {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, rel)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	return out, nil
}

// writeFileAtomic writes through a temporary file and a rename, so a
// failure half-way never leaves a truncated schema file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// removeEmptyDirs removes directories left empty by stale files, deepest first.
func removeEmptyDirs(root string) {
	var dirs []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != root {
			dirs = append(dirs, p)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		_ = os.Remove(dirs[i]) // fails, harmlessly, when not empty
	}
}
