package fakegitlab

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	gitlab "gitlab.com/gitlab-org/api/client-go/v2"
)

// TestShapes: the fake's merge requests have exactly the keys of
// client-go's examples, and the client decodes them.
func TestShapes(t *testing.T) {
	dir, err := TemplateDir()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{ProjectID: 1, ProjectPath: "a/b", RepoPath: t.TempDir(), TemplateDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	m := &mergeRequest{ID: 9, IID: 3, Title: "t", Source: "s", Target: "main", SHA: "abc", State: "merged", MergeSHA: "def", Created: time.Now(), Updated: time.Now()}
	got := s.mrJSON(m, s.mrTemplate)
	var example map[string]any
	data, _ := os.ReadFile(filepath.Join(dir, "get_merge_request.json"))
	if err := json.Unmarshal(data, &example); err != nil {
		t.Fatal(err)
	}
	if a, b := keysOf(got), keysOf(example); len(a) != len(b) {
		t.Fatalf("keys differ from client-go's example:\n%v\n%v", a, b)
	}
	var mr gitlab.MergeRequest
	enc, _ := json.Marshal(got)
	if err := json.Unmarshal(enc, &mr); err != nil {
		t.Fatalf("client-go cannot decode the fake's merge request: %v", err)
	}
	if mr.IID != 3 || mr.MergeCommitSHA != "def" || mr.State != "merged" || mr.SourceBranch != "s" {
		t.Fatalf("decoded: %+v", mr.BasicMergeRequest)
	}
	var gn gitlab.Note
	enc, _ = json.Marshal(s.noteJSON(&note{ID: 1, MR: 3, Body: "hi"}))
	if err := json.Unmarshal(enc, &gn); err != nil || gn.Body != "hi" || gn.Author.Username != "schemasync-bot" {
		t.Fatalf("note: %+v, %v", gn, err)
	}
}

func keysOf(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
