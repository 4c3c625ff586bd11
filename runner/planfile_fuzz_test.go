package runner_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

// FuzzParsePlanFile: any bytes parse or fail without panicking; what
// parses renders to a file that parses back to the same plan
// (parse(render(x)) == x), keeps the body byte for byte, and renders the
// same again.
func FuzzParsePlanFile(f *testing.F) {
	p := &engines.Plan{Engine: "postgres", Statements: []*engines.Statement{
		{SQL: "ALTER TABLE t DROP COLUMN a", Hazards: []engines.Hazard{{Kind: engines.HazardDeletesData, Message: "dropping\ncolumn a"}}},
		{SQL: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$"},
	}}
	f.Add(runner.NewPlanFile(p, []string{"a", "b"}, runner.SourceVersion{Rev: "v2", Hash: "abc123"}, "schema", "sha256:ff").Render())
	my := &engines.Plan{Engine: "mysql", Statements: []*engines.Statement{{SQL: "CREATE TABLE `t` (\n  `id` int NOT NULL\n)"}}}
	f.Add(runner.NewPlanFile(my, []string{"prod-eu"}, runner.SourceVersion{Rev: "abc", Hash: "abc"}, "db/schema", "sha256:00").Render())
	f.Add([]byte("-- schemasync plan v1\n-- engine: postgres\n-- end of header\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := runner.ParsePlanFile("x.sql", data)
		if err != nil {
			return
		}
		out := x.Render()
		y, err := runner.ParsePlanFile("x.sql", out)
		if err != nil {
			t.Fatalf("a parsed plan renders to a file that does not parse: %v\n%s", err, out)
		}
		if y.Body != x.Body {
			t.Fatalf("the body changed in a round trip:\n%q\n%q", x.Body, y.Body)
		}
		if again := y.Render(); string(again) != string(out) {
			t.Fatalf("rendering is not stable:\n%s\n---\n%s", out, again)
		}
		if !reflect.DeepEqual(canonical(x), canonical(y)) {
			t.Fatalf("parse(render(x)) != x:\n%+v\n%+v", x, y)
		}
	})
}

// FuzzPlanFileRoundTrip makes plan files from arbitrary plans and
// headers: parse(render(NewPlanFile(...))) holds every field, the body
// byte for byte, and the body is not reported as edited.
func FuzzPlanFileRoundTrip(f *testing.F) {
	f.Add("postgres", "a,b", "v2", "abc123", "schema", "ALTER TABLE t DROP COLUMN a", "dropping\ncolumn a", "CREATE TABLE x (id int)")
	f.Add("mysql", "prod-eu", "HEAD~3", "0123abcd", "db/schema", "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//", "", "-- end of header: x\n")
	f.Fuzz(func(t *testing.T, engine, targets, rev, hash, schemaDir, sql1, hazard, sql2 string) {
		var names []string
		for _, n := range strings.Split(targets, ",") {
			if !targetName.MatchString(n) {
				return // config only lets valid names through
			}
			names = append(names, n)
		}
		for _, v := range []string{engine, hash, schemaDir} {
			if v == "" || v != oneLine(v) {
				return // header values are single words or paths
			}
		}
		if rev != oneLine(rev) {
			return
		}
		plan := &engines.Plan{Engine: engine, Statements: []*engines.Statement{
			{SQL: sql1, Hazards: []engines.Hazard{{Kind: engines.HazardDeletesData, Message: hazard}}},
			{SQL: sql2},
		}}
		x := runner.NewPlanFile(plan, names, runner.SourceVersion{Rev: rev, Hash: hash}, schemaDir, "sha256:ff")
		y, err := runner.ParsePlanFile("x.sql", x.Render())
		if err != nil {
			t.Fatalf("a new plan file does not parse: %v\n%s", err, x.Render())
		}
		if y.Body != x.Body || y.Edited() {
			t.Fatalf("the body changed (edited %v):\n%q\n%q", y.Edited(), x.Body, y.Body)
		}
		if !reflect.DeepEqual(canonical(x), canonical(y)) {
			t.Fatalf("parse(render(x)) != x:\n%+v\n%+v", canonical(x), canonical(y))
		}
	})
}

var targetName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// canonical is a plan file without where it was read from, with the
// revision left out when it is the hash itself (the header omits it then).
func canonical(p *runner.PlanFile) runner.PlanFile {
	c := *p
	c.Path = ""
	if c.VersionRef == c.Version {
		c.VersionRef = ""
	}
	return c
}
