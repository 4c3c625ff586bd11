// Package fuzzkit is shared by the fuzz targets: seed corpora from the
// files the ordinary tests already use, and the properties every engine's
// parser must have.
package fuzzkit

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// maxSeed keeps huge fixtures (benchmarks) out of the corpus: the fuzzer
// mutates small inputs better.
const maxSeed = 64 << 10

// Files returns the texts of the files under dirs whose names end in one
// of exts (".sql"), in path order. A missing directory fails the test: a
// renamed testdata directory must not silently empty the corpus.
func Files(tb testing.TB, exts []string, dirs ...string) []string {
	tb.Helper()
	var paths []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "fuzz" {
				return filepath.SkipDir // go's own corpus of found inputs
			}
			for _, e := range exts {
				if !d.IsDir() && strings.HasSuffix(p, e) {
					paths = append(paths, p)
					break
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatalf("fuzzkit: %v", err)
		}
	}
	sort.Strings(paths)
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatalf("fuzzkit: %v", err)
		}
		if len(b) <= maxSeed {
			out = append(out, string(b))
		}
	}
	if len(out) == 0 {
		tb.Fatalf("fuzzkit: no %v files under %v", exts, dirs)
	}
	return out
}

// Property is what CheckParse demands of a parser beyond not crashing.
type Property int

const (
	// NoCrash: Parse returns a model or an error, the same both times it
	// runs; a model dumps, and the dump parses and plans against the model
	// without panicking.
	NoCrash Property = iota
	// RoundTrip: also, the dump of a model parses back to a model with no
	// difference from it (the canonical dump is a fixed point). A parser
	// must refuse what its dump could not print back.
	RoundTrip
)

// RoundTripEnv, set to 1, makes NoCrash targets check RoundTrip too: the
// way to try a parser before its target is made strict.
const RoundTripEnv = "SCHEMASYNC_FUZZ_ROUNDTRIP"

// CheckParse checks the property of an engine's Parse on any text.
func CheckParse(t *testing.T, e engines.Engine, text string, skipUnsupported bool, prop Property) {
	t.Helper()
	ctx := context.Background()
	files := []engines.File{{Path: "fuzz.sql", Text: text}}
	opts := engines.ParseOptions{SkipUnsupported: skipUnsupported}
	db, err := e.Parse(ctx, files, opts)
	db2, err2 := e.Parse(ctx, files, opts)
	if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
		t.Fatalf("two parses disagree: %v / %v", err, err2)
	}
	if err != nil {
		return
	}
	if a, b := modelJSON(t, db), modelJSON(t, db2); a != b {
		t.Fatalf("two parses give different models:\n%s\n%s", a, b)
	}
	dumped, err := e.Dump(db)
	if err != nil {
		t.Fatalf("a parsed model does not dump: %v", err)
	}
	strict := prop == RoundTrip || os.Getenv(RoundTripEnv) == "1"
	back, err := e.Parse(ctx, dumped, engines.ParseOptions{SkipUnsupported: !strict})
	if err != nil {
		if strict {
			t.Fatalf("the dump of a parsed model does not parse: %v\n%s", err, joinFiles(dumped))
		}
		return
	}
	plan, err := e.Plan(ctx, back, db, engines.PlanOptions{AllowDrops: true})
	if strict && err != nil {
		t.Fatalf("plan from the dump's model to the parsed one: %v", err)
	}
	if strict && len(plan.Statements) > 0 {
		t.Fatalf("the dump of a parsed model parses back differently; the difference:\n%s\ndump:\n%s", engines.RenderSQL(plan), joinFiles(dumped))
	}
}

func modelJSON(t *testing.T, db *engines.Database) string {
	t.Helper()
	b, err := json.Marshal(db)
	if err != nil {
		t.Fatalf("model to JSON: %v", err)
	}
	return string(b)
}

func joinFiles(files []engines.File) string {
	var b strings.Builder
	for _, f := range files {
		b.WriteString("-- " + f.Path + "\n" + f.Text + "\n")
	}
	return b.String()
}
