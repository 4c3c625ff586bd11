package conformance

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// WriteText prints one line per failing case and per case that did not
// load, then the summary; the last line is exactly "N passed, M failed".
// With verbose, each failure also shows its plan and what remains.
func WriteText(w io.Writer, rep *Report, verbose bool) error {
	var b strings.Builder
	for _, r := range rep.Results {
		if r.Status != StatusFail {
			continue
		}
		fmt.Fprintf(&b, "FAIL %s: %s\n", r.Case, r.Reason)
		if verbose {
			writeVerbose(&b, r)
		}
	}
	for _, r := range rep.Results {
		if r.Status == StatusNoLoad {
			fmt.Fprintf(&b, "NOLOAD %s: %s\n", r.Case, r.Reason)
		}
	}
	if verbose {
		for _, r := range rep.Results {
			if r.Status == StatusExpectedError {
				fmt.Fprintf(&b, "EXPECTED-ERROR %s: %s\n", r.Case, r.Reason)
			}
		}
	}

	b.WriteString("\n")
	writeGroups(&b, "skipped", rep, StatusSkip, func(r *Result) string { return r.Reason })
	fmt.Fprintf(&b, "does not load: %d\n", rep.Count(StatusNoLoad))
	writeGroups(&b, "expected error (the peer refuses)", rep, StatusExpectedError, func(r *Result) string {
		reason, _, _ := strings.Cut(r.Reason, ":")
		return reason
	})
	ran := rep.Count(StatusPass) + rep.Count(StatusFail)
	fmt.Fprintf(&b, "%d of %d cases judged in %s on %s %s (parallel %d)\n", ran, len(rep.Results),
		(time.Duration(rep.DurationMS) * time.Millisecond).Round(100*time.Millisecond), rep.Engine, rep.ServerVersion, rep.Parallel)
	fmt.Fprintf(&b, "%d passed, %d failed\n", rep.Count(StatusPass), rep.Count(StatusFail))
	_, err := io.WriteString(w, b.String())
	return err
}

func writeVerbose(b *strings.Builder, r *Result) {
	if r.Detail != "" && r.Detail != r.Reason {
		b.WriteString(indent("error: "+r.Detail, "    "))
	}
	if len(r.Statements) > 0 {
		b.WriteString("    plan:\n")
		for _, s := range r.Statements {
			b.WriteString(indent(s+";", "      "))
		}
	}
	if len(r.Remaining) > 0 {
		b.WriteString("    remaining diff (applied database -> to.sql database):\n")
		for _, s := range r.Remaining {
			b.WriteString(indent(s+";", "      "))
		}
	}
	if len(r.Replanned) > 0 {
		b.WriteString("    planned again (applied database -> to.sql):\n")
		for _, s := range r.Replanned {
			b.WriteString(indent(s+";", "      "))
		}
	}
}

// writeGroups prints a count and, under it, the count of each distinct key.
func writeGroups(b *strings.Builder, title string, rep *Report, s Status, key func(*Result) string) {
	counts := map[string]int{}
	total := 0
	for _, r := range rep.Results {
		if r.Status == s {
			counts[key(r)]++
			total++
		}
	}
	fmt.Fprintf(b, "%s: %d\n", title, total)
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		fmt.Fprintf(b, "  %4d %s\n", counts[k], k)
	}
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return prefix + strings.Join(lines, "\n"+prefix) + "\n"
}

// WriteJSON writes the whole report to path.
func WriteJSON(path string, rep *Report) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// DefaultCorpus is ../shared/corpora beside the repository that holds dir
// (the directory with go.mod, found upwards from dir); without a go.mod it
// is taken relative to dir itself.
func DefaultCorpus(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared", "corpora")
		}
		parent := filepath.Dir(d)
		if parent == d {
			return filepath.Join(dir, "..", "shared", "corpora")
		}
		d = parent
	}
}
