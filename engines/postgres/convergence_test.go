package postgres

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

// The convergence corpus: testdata/convergence/<case>/{from.sql,to.sql}.
// Each case is a schema before (from.sql, possibly empty) and after
// (to.sql); both are plain scripts that load on PostgreSQL 15. Cases named
// equiv_* say the same thing twice in different words and must plan empty.
const (
	convergenceDir = "testdata/convergence"
	// convergenceMinCases guards against a lost or truncated corpus
	// passing silently.
	convergenceMinCases = 150
	// convergenceParallel bounds the cases running at once: each holds
	// three databases and the machine has two cores.
	convergenceParallel = 4
	// convergenceEquivPrefix marks cases whose files differ only in spelling.
	convergenceEquivPrefix = "equiv_"
)

// Plans may ask the target server how it prints source expressions
// (PlanOptions.TargetURL), as the CLI does whenever the target is live.
// With -convergence-file-only they may not, and the corpus proves the
// parse-only rules, the stricter test (SELECT * in a view, for one, can
// only be matched with the server's catalog).
var convergenceFileOnly = flag.Bool("convergence-file-only", false, "plan without consulting the target server (no PlanOptions.TargetURL)")

// With -convergence-pgdump, A after apply must also equal B by pg_dump, an
// oracle that does not share the engine's model and so sees what the model
// leaves out. It is off by default because PostgreSQL cannot reorder
// columns, so a column recreated by a plan legitimately changes the dump.
var convergencePgDump = flag.Bool("convergence-pgdump", false, "also compare pg_dump --schema-only of A after apply and B")

type convergenceCase struct {
	name     string
	from, to string
}

// loadConvergenceCases reads every case directory, sorted by name. A
// directory without to.sql or from.sql is a broken corpus, not a skip.
func loadConvergenceCases(t *testing.T) []convergenceCase {
	t.Helper()
	entries, err := os.ReadDir(convergenceDir)
	if err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	var cases []convergenceCase
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		c := convergenceCase{name: e.Name()}
		for _, f := range []struct {
			file string
			dst  *string
		}{{"from.sql", &c.from}, {"to.sql", &c.to}} {
			b, err := os.ReadFile(filepath.Join(convergenceDir, e.Name(), f.file))
			if err != nil {
				t.Fatalf("case %s: %v", e.Name(), err)
			}
			*f.dst = string(b)
		}
		if strings.TrimSpace(c.from) == strings.TrimSpace(c.to) {
			t.Fatalf("case %s: from.sql and to.sql are identical", c.name)
		}
		cases = append(cases, c)
	}
	slices.SortFunc(cases, func(a, b convergenceCase) int { return strings.Compare(a.name, b.name) })
	return cases
}

func TestConvergenceCorpusSize(t *testing.T) {
	cases := loadConvergenceCases(t)
	if len(cases) < convergenceMinCases {
		t.Fatalf("corpus has %d cases, want at least %d", len(cases), convergenceMinCases)
	}
	equiv := 0
	for _, c := range cases {
		if strings.HasPrefix(c.name, convergenceEquivPrefix) {
			equiv++
		}
	}
	if equiv == 0 {
		t.Errorf("corpus has no %s* cases (same schema, different spelling)", convergenceEquivPrefix)
	}
}

func TestConvergence(t *testing.T) {
	cases := loadConvergenceCases(t)
	if len(cases) < convergenceMinCases {
		t.Fatalf("corpus has %d cases, want at least %d", len(cases), convergenceMinCases)
	}
	ensureConvergenceRoles(t)
	sem := make(chan struct{}, convergenceParallel)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			sem <- struct{}{}
			defer func() { <-sem }()
			runConvergenceCase(t, c)
		})
	}
}

// runConvergenceCase checks one case: convergence, idempotence, the dump
// round trip and determinism, each against real databases.
func runConvergenceCase(t *testing.T, c convergenceCase) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var eng engines.Engine = New()
	toFiles := []engines.File{{Path: filepath.Join(convergenceDir, c.name, "to.sql"), Text: c.to}}

	// 1. A holds from.sql, B holds to.sql. Our own files must load.
	urlA, urlB := testdb.Postgres(t), testdb.Postgres(t)
	convLoad(ctx, t, urlA, c.name+"/from.sql", c.from)
	convLoad(ctx, t, urlB, c.name+"/to.sql", c.to)

	// 2. Plan from the files towards the target A.
	source := convParse(ctx, t, eng, "to.sql", toFiles)
	target := convInspect(ctx, t, eng, "A (from.sql)", urlA)
	opts := engines.PlanOptions{AllowDrops: true}
	if !*convergenceFileOnly {
		opts.TargetURL = urlA
	}
	p := convPlan(ctx, t, eng, "Plan(Inspect(A), Parse(to.sql))", target, source, opts)

	// 6. Determinism of plan: the same inputs again give the same statements.
	again := convPlan(ctx, t, eng, "second Plan(Inspect(A), Parse(to.sql))",
		convInspect(ctx, t, eng, "A (from.sql)", urlA), convParse(ctx, t, eng, "to.sql", toFiles), opts)
	if a, b := convStatements(p), convStatements(again); !slices.Equal(a, b) {
		t.Errorf("plan is not deterministic:\n--- first\n%s\n--- second\n%s", strings.Join(a, ";\n"), strings.Join(b, ";\n"))
	}

	if strings.HasPrefix(c.name, convergenceEquivPrefix) && !p.Empty() {
		t.Errorf("to.sql only respells from.sql, yet the plan is not empty:\n%s", renderPlan(p))
	}

	// 3. Apply the rendered plan to A.
	script := renderPlan(p)
	if !p.Empty() {
		if _, err := eng.Apply(ctx, urlA, script, engines.ApplyOptions{}); err != nil {
			t.Fatalf("apply plan to A: %v\nplan:\n%s", err, script)
		}
	}

	// 4. Convergence: A now equals B, and equals the files (idempotence).
	afterA := convInspect(ctx, t, eng, "A after apply", urlA)
	inspB := convInspect(ctx, t, eng, "B (to.sql)", urlB)
	if rest := convPlan(ctx, t, eng, "Plan(Inspect(A'), Inspect(B))", afterA, inspB, engines.PlanOptions{AllowDrops: true}); !rest.Empty() {
		t.Errorf("A does not match B after apply; remaining:\n%s\napplied plan:\n%s", renderPlan(rest), script)
	}
	afterA = convInspect(ctx, t, eng, "A after apply", urlA)
	if rest := convPlan(ctx, t, eng, "Plan(Inspect(A'), Parse(to.sql))", afterA, convParse(ctx, t, eng, "to.sql", toFiles), opts); !rest.Empty() {
		t.Errorf("re-planning from to.sql after apply is not empty (idempotence); remaining:\n%s\napplied plan:\n%s", renderPlan(rest), script)
	}

	if *convergencePgDump {
		if a, b := convPgDump(ctx, t, urlA), convPgDump(ctx, t, urlB); a != b {
			t.Errorf("pg_dump of A after apply differs from pg_dump of B:\n%s\napplied plan:\n%s", convLineDiff(a, b), script)
		}
	}

	// 5. Dump round trip: parse(dump(inspect(B))) equals inspect(B) ...
	dumped, err := eng.Dump(convInspect(ctx, t, eng, "B (to.sql)", urlB))
	if err != nil {
		t.Fatalf("Dump(Inspect(B)): %v", err)
	}
	// 6. Determinism of dump: a second inspect and dump give the same bytes.
	dumped2, err := eng.Dump(convInspect(ctx, t, eng, "B (to.sql)", urlB))
	if err != nil {
		t.Fatalf("second Dump(Inspect(B)): %v", err)
	}
	if a, b := convDumpText(dumped), convDumpText(dumped2); a != b {
		t.Errorf("dump is not deterministic:\n--- first\n%s\n--- second\n%s", a, b)
	}
	dumpModel := convParse(ctx, t, eng, "dump of B", dumped)
	if rest := convPlan(ctx, t, eng, "Plan(Inspect(B), Parse(Dump(Inspect(B))))", convInspect(ctx, t, eng, "B (to.sql)", urlB), dumpModel, engines.PlanOptions{AllowDrops: true}); !rest.Empty() {
		t.Errorf("dump does not parse back to the inspected model; plan:\n%s\ndump:\n%s", renderPlan(rest), convDumpText(dumped))
	}

	// ... and the dump, planned from an empty database and applied, builds B again.
	urlC := testdb.Postgres(t)
	build := convPlan(ctx, t, eng, "Plan(Inspect(empty C), Parse(dump))",
		convInspect(ctx, t, eng, "empty C", urlC), convParse(ctx, t, eng, "dump of B", dumped), engines.PlanOptions{AllowDrops: true})
	buildScript := renderPlan(build)
	if !build.Empty() {
		if _, err := eng.Apply(ctx, urlC, buildScript, engines.ApplyOptions{}); err != nil {
			t.Fatalf("apply dump plan to empty C: %v\nplan:\n%s\ndump:\n%s", err, buildScript, convDumpText(dumped))
		}
	}
	if rest := convPlan(ctx, t, eng, "Plan(Inspect(C), Inspect(B))", convInspect(ctx, t, eng, "C from dump", urlC), inspB, engines.PlanOptions{AllowDrops: true}); !rest.Empty() {
		t.Errorf("database built from the dump differs from B; remaining:\n%s\nbuild plan:\n%s", renderPlan(rest), buildScript)
	}
}

// convergenceRoles are the roles the corpus's policies name. Roles belong
// to the whole server, not to one test database, so they are created once,
// idempotently, and left in place for other runs (and concurrent ones).
var convergenceRoles = []string{"schemasync_role_a", "schemasync_role_b", `schemasync "odd" role`}

func ensureConvergenceRoles(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	url := testdb.Postgres(t)
	for _, r := range convergenceRoles {
		// A concurrent creation fails with unique_violation rather than
		// duplicate_object: both mean the role is there.
		script := "DO $$ BEGIN CREATE ROLE " + quoteIdent(r) + " NOLOGIN; " +
			"EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
		if err := testdb.ExecPostgres(ctx, url, script); err != nil {
			t.Fatalf("create role %s: %v", r, err)
		}
	}
}

func convLoad(ctx context.Context, t *testing.T, url, name, script string) {
	t.Helper()
	if strings.TrimSpace(script) == "" {
		return
	}
	if err := testdb.ExecPostgres(ctx, url, script); err != nil {
		t.Fatalf("corpus file %s does not load on the server: %v", name, err)
	}
}

func convParse(ctx context.Context, t *testing.T, eng engines.Engine, what string, files []engines.File) *engines.Database {
	t.Helper()
	db, err := eng.Parse(ctx, files, engines.ParseOptions{})
	if err != nil {
		t.Fatalf("Parse(%s): %v", what, err)
	}
	return db
}

func convInspect(ctx context.Context, t *testing.T, eng engines.Engine, what, url string) *engines.Database {
	t.Helper()
	db, err := eng.Inspect(ctx, url)
	if err != nil {
		t.Fatalf("Inspect(%s): %v", what, err)
	}
	return db
}

func convPlan(ctx context.Context, t *testing.T, eng engines.Engine, what string, target, source *engines.Database, opts engines.PlanOptions) *engines.Plan {
	t.Helper()
	p, err := eng.Plan(ctx, target, source, opts)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return p
}

func convStatements(p *engines.Plan) []string {
	if p == nil {
		return nil
	}
	out := make([]string, len(p.Statements))
	for i, s := range p.Statements {
		out[i] = s.SQL
	}
	return out
}

// convDumpText joins dumped files with their paths, for comparing and for
// failure messages.
func convDumpText(files []engines.File) string {
	var b strings.Builder
	for _, f := range files {
		b.WriteString("-- file: " + f.Path + "\n" + f.Text)
	}
	return b.String()
}

// convPgDumpNoise matches the lines of pg_dump output that differ between
// two runs over equal schemas.
var convPgDumpNoise = regexp.MustCompile(`(?m)^(\\(un)?restrict .*|-- Dumped .*)\n`)

func convPgDump(ctx context.Context, t *testing.T, url string) string {
	t.Helper()
	out, err := exec.CommandContext(ctx, "pg_dump", "--schema-only", "--no-owner", "--no-privileges", "--dbname", url).CombinedOutput()
	if err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	return convPgDumpNoise.ReplaceAllString(string(out), "")
}

// convLineDiff lists the lines only one side has, enough to see what differs.
func convLineDiff(a, b string) string {
	count := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(b, "\n") {
		count[l]--
	}
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if count[l] > 0 {
			out = append(out, "- "+l)
			count[l]--
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if count[l] < 0 {
			out = append(out, "+ "+l)
			count[l]++
		}
	}
	if len(out) == 0 {
		return "(same lines, different order)"
	}
	return strings.Join(out, "\n")
}
