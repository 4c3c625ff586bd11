package runner_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

func TestBranchName(t *testing.T) {
	for rev, want := range map[string]string{
		"main":            "schemasync/main",
		"v1.2":            "schemasync/v1.2",
		"HEAD~2":          "schemasync/HEAD-2",
		"feature/x y":     "schemasync/feature/x-y",
		"a..b":            "schemasync/a-b",
		"release.lock":    "schemasync/release",
		"":                "schemasync/head",
		"refs/heads/main": "schemasync/refs/heads/main",
	} {
		if got := runner.BranchName("", rev); got != want {
			t.Errorf("BranchName(%q) = %q, want %q", rev, got, want)
		}
	}
}

func testPlanFile(targets []string, version, body string) *runner.PlanFile {
	p := &engines.Plan{Engine: "postgres", Statements: []*engines.Statement{{SQL: body}}}
	return runner.NewPlanFile(p, targets, runner.SourceVersion{Rev: "main", Hash: version}, "schema", "sha256:fp-"+strings.Join(targets, "-"))
}

func TestPlanDirFilesAndSamePlans(t *testing.T) {
	oldA := testPlanFile([]string{"a"}, "v1", "ALTER TABLE t ADD COLUMN x int")
	oldB := testPlanFile([]string{"b"}, "v1", "ALTER TABLE t ADD COLUMN y int")
	before := map[string][]byte{"a.sql": oldA.Render(), "b.sql": oldB.Render(), "README.md": []byte("notes\n")}
	newA := testPlanFile([]string{"a"}, "v2", "ALTER TABLE t ADD COLUMN z int")
	// a was planned again (new plan), b was planned again and is in sync
	// now (its old plan goes), c was not planned (nothing to touch).
	got := runner.PlanDirFiles(before, []*runner.PlanFile{newA}, []string{"a", "b"})
	if len(got) != 2 || string(got["a.sql"]) != string(newA.Render()) || string(got["README.md"]) != "notes\n" {
		t.Fatalf("PlanDirFiles: got %v", keys(got))
	}
	if !runner.SamePlans(got, got) || runner.SamePlans(before, got) {
		t.Fatal("SamePlans: identical sets must match and different sets must not")
	}
	// A reviewer's edit of the body keeps the header: still the same plan.
	edited := map[string][]byte{"a.sql": []byte(strings.Replace(string(newA.Render()), "ADD COLUMN z int", "ADD COLUMN z bigint", 1)), "README.md": []byte("notes\n")}
	if !runner.SamePlans(got, edited) {
		t.Fatal("an edited body with the same header must count as the same plan")
	}
	// Another version is another plan.
	other := map[string][]byte{"a.sql": testPlanFile([]string{"a"}, "v3", "ALTER TABLE t ADD COLUMN z int").Render(), "README.md": []byte("notes\n")}
	if runner.SamePlans(got, other) {
		t.Fatal("plans of different versions must differ")
	}
}

func TestHazardLocationsAndCodeQuality(t *testing.T) {
	plan := &engines.Plan{Engine: "postgres", Statements: []*engines.Statement{
		{SQL: "ALTER TABLE t ADD COLUMN x int"},
		{SQL: "ALTER TABLE t DROP COLUMN y", Hazards: []engines.Hazard{{Kind: engines.HazardDeletesData, Message: "drops y"}}},
	}}
	pf := runner.NewPlanFile(plan, []string{"prod"}, runner.SourceVersion{Hash: "abc"}, "schema", "sha256:fp")
	pf.Path = "plans/prod.sql"
	set := &runner.PlanSet{Engine: "postgres", Groups: []*runner.PlanGroup{{Targets: []string{"prod"}, Plan: plan, File: pf, Destructive: runner.DestructiveStatements(pf.Body)}}}
	locs := runner.HazardLocations(set)
	if len(locs) < 1 {
		t.Fatal("no hazard located")
	}
	lines := strings.Split(string(pf.Render()), "\n")
	for _, l := range locs {
		if l.Statement != 2 || !strings.Contains(lines[l.Line-1], "DROP COLUMN y") {
			t.Fatalf("hazard %+v does not point at the DROP COLUMN line (%q)", l, lines[l.Line-1])
		}
	}
	data, err := runner.CodeQuality(locs)
	if err != nil {
		t.Fatal(err)
	}
	var issues []struct {
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	if err := json.Unmarshal(data, &issues); err != nil || len(issues) != len(locs) {
		t.Fatalf("code quality report: %v\n%s", err, data)
	}
	for _, is := range issues {
		if is.Location.Path != "plans/prod.sql" || is.Location.Lines.Begin != locs[0].Line || is.Fingerprint == "" || is.Severity == "" {
			t.Fatalf("code quality issue: %+v", is)
		}
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
