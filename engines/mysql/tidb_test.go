package mysql

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

var update = flag.Bool("update", false, "rewrite the expected.sql files of testdata/tidb-plan")

func TestParseFlavorTiDB(t *testing.T) {
	tests := []struct {
		version string
		want    Flavor
	}{
		{"8.0.11-TiDB-v8.5.1", Flavor{TiDB: true, Major: 8, Minor: 5, Patch: 1}},
		{"8.0.11-TiDB-v7.5.0-alpha-123-g4e8", Flavor{TiDB: true, Major: 7, Minor: 5}},
		{"8.0.11-TiDB-v8.4.0-this-is-a-placeholder", Flavor{TiDB: true, Major: 8, Minor: 4}},
		{"8.0.11-TiDB-CLOUD.v26.3.0", Flavor{TiDB: true, Major: 26, Minor: 3}},
		{"tidb-9.0.0", Flavor{TiDB: true, Major: 9}},
	}
	for _, tt := range tests {
		got, err := ParseFlavor(tt.version, "")
		if err != nil || got != tt.want {
			t.Errorf("ParseFlavor(%q) = %+v, %v; want %+v", tt.version, got, err, tt.want)
			continue
		}
		if back, err := ParseFlavor(got.String(), ""); err != nil || back != got {
			t.Errorf("ParseFlavor(%q) = %+v, %v: want the round trip", got.String(), back, err)
		}
		if !got.Supported() || got.Family() != "TiDB" {
			t.Errorf("%v: want a supported TiDB", got)
		}
	}
	if (Flavor{TiDB: true, Major: 6, Minor: 1}).Supported() {
		t.Error("TiDB 6.1 has no foreign keys: want unsupported")
	}
	f := Flavor{TiDB: true, Major: 8, Minor: 5}
	for cs, want := range map[string]string{"utf8mb4": "utf8mb4_bin", "utf8": "utf8mb3_bin", "latin1": "latin1_bin", "ascii": "ascii_bin", "binary": "binary"} {
		if got := f.DefaultCollation(cs); got != want {
			t.Errorf("TiDB DefaultCollation(%s) = %s, want %s", cs, got, want)
		}
	}
}

// TestTiDBRefusesWhatTiDBLacks checks that the tidb engine names the file
// and line of a trigger, routine or event instead of dropping it.
func TestTiDBRefusesWhatTiDBLacks(t *testing.T) {
	for _, text := range []string{
		"CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;",
		"DELIMITER //\nCREATE FUNCTION f() RETURNS int DETERMINISTIC BEGIN RETURN 1; END//\nDELIMITER ;",
		"CREATE PROCEDURE p() SELECT 1;",
		"CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1;",
	} {
		files := []engines.File{{Path: "schema/t.sql", Text: "CREATE TABLE t (a int);\n\n" + text}}
		line := 3 + strings.Count(text[:strings.Index(text, "CREATE")], "\n")
		_, err := NewTiDB().Parse(context.Background(), files, engines.ParseOptions{})
		var se *engines.StatementError
		if !errors.As(err, &se) || se.File != "schema/t.sql" || se.Line != line || !strings.Contains(err.Error(), "TiDB has no") {
			t.Errorf("%q: want an error at schema/t.sql:%d saying TiDB has none, got %v", text, line, err)
		}
		var warned []string
		db, err := NewTiDB().Parse(context.Background(), files, engines.ParseOptions{SkipUnsupported: true, Warn: func(m string) { warned = append(warned, m) }})
		if err != nil || len(warned) != 1 || !strings.Contains(warned[0], fmt.Sprintf("schema/t.sql:%d", line)) || len(schemaOf(db).Tables) != 1 {
			t.Errorf("%q with SkipUnsupported: err %v, warnings %q", text, err, warned)
		}
		if _, err := New().Parse(context.Background(), files, engines.ParseOptions{}); err != nil {
			t.Errorf("the mysql engine must still read %q: %v", text, err)
		}
	}
}

// TestTiDBAttributesRoundTrip checks that TiDB's own attributes survive
// parse, dump and parse again, in the /*T! */ spelling of SHOW CREATE TABLE.
func TestTiDBAttributesRoundTrip(t *testing.T) {
	ctx := context.Background()
	eng := NewTiDB()
	db := mustParseFor(t, ctx, eng, engines.File{Path: "t.sql", Text: `
CREATE TABLE r (id bigint AUTO_RANDOM(4, 54) PRIMARY KEY, v int) AUTO_ID_CACHE=1 PRE_SPLIT_REGIONS=2;
CREATE TABLE s (v int, w int) SHARD_ROW_ID_BITS=3 PRE_SPLIT_REGIONS=1 PLACEMENT POLICY=p1;
CREATE TABLE n (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b) NONCLUSTERED);
CREATE TABLE c (a varchar(5) NOT NULL, PRIMARY KEY (a) /*T![clustered_index] CLUSTERED */);
`})
	tables := tableMap(schemaOf(db))
	if got := columnCI(tables["r"], "id").Options[optAutoRandom]; got != "4,54" {
		t.Errorf("auto_random = %q, want 4,54", got)
	}
	if got := tables["r"].Options; got[optAutoIDCache] != "1" || got[optPreSplitRegions] != "2" {
		t.Errorf("options of r = %v", got)
	}
	if got := tables["s"].Options; got[optShardRowIDBits] != "3" || got[optPlacementPolicy] != "p1" {
		t.Errorf("options of s = %v", got)
	}
	if got := primaryKey(tables["n"]).Options[optClustered]; got != "false" {
		t.Errorf("n clustered = %q, want false", got)
	}
	if got := primaryKey(tables["c"]).Options[optClustered]; got != "true" {
		t.Errorf("c clustered = %q, want true", got)
	}
	if got := primaryKey(tables["r"]).Options[optClustered]; got != "" {
		t.Errorf("r clustered = %q: files that do not say must leave it to the server", got)
	}
	files, err := eng.Dump(db)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, f := range files {
		text.WriteString(f.Text)
	}
	for _, want := range []string{"/*T![auto_rand] AUTO_RANDOM(4, 54) */", "/*T![auto_id_cache] AUTO_ID_CACHE=1 */",
		"/*T! SHARD_ROW_ID_BITS=3 PRE_SPLIT_REGIONS=1 */", "/*T![clustered_index] NONCLUSTERED */", "/*T![placement] PLACEMENT POLICY=`p1` */"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("dump lacks %q:\n%s", want, text.String())
		}
	}
	again := mustParseFor(t, ctx, eng, files...)
	if got, want := modelJSON(again), modelJSON(db); got != want {
		t.Errorf("parse(dump) differs:\n%s", lineDiff(want, got))
	}
}

// TestTiDBPlans checks file-to-file plans of the tidb engine (what
// `schemasync diff --engine tidb` prints) against testdata/tidb-plan;
// -update rewrites them. The convergence corpus proves the same rules on a
// live TiDB.
func TestTiDBPlans(t *testing.T) {
	dirs, err := filepath.Glob("testdata/tidb-plan/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	ctx := context.Background()
	eng := NewTiDB()
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			read := func(name string) engines.File {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				return engines.File{Path: name, Text: string(b)}
			}
			from, to := mustParseFor(t, ctx, eng, read("from.sql")), mustParseFor(t, ctx, eng, read("to.sql"))
			p, err := eng.Plan(ctx, from, to, engines.PlanOptions{AllowDrops: true})
			if err != nil {
				t.Fatal(err)
			}
			got := engines.RenderSQL(p)
			exp := filepath.Join(dir, "expected.sql")
			if *update {
				if err := os.WriteFile(exp, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(exp)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("plan differs from %s:\n--- got\n%s\n--- want\n%s", exp, got, want)
			}
			again, err := eng.Plan(ctx, to, mustParseFor(t, ctx, eng, read("to.sql")), engines.PlanOptions{})
			if err != nil || !again.Empty() {
				t.Errorf("to.sql against itself: %v\n%s", err, engines.RenderSQL(again))
			}
		})
	}
}

// TestTiDBChecksOff checks TiDB as it comes: tidb_enable_check_constraint
// OFF, so that CHECK clauses are accepted and ignored. The plan must say
// so in its notes instead of planning statements that do nothing, and
// converge; a check made while the setting was ON cannot be dropped.
func TestTiDBChecksOff(t *testing.T) {
	server := testdb.TiDBServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	eng := NewTiDB()

	setTiDBChecks(t, server, "ON")
	a := serverURL(t, server)
	loadScript(t, ctx, a, "from", "CREATE TABLE t (id int PRIMARY KEY, qty int, CONSTRAINT old_rule CHECK (qty < 100));")
	setTiDBChecks(t, server, "OFF")

	files := engines.File{Path: "to.sql", Text: "CREATE TABLE t (id int PRIMARY KEY, qty int, note varchar(10), CONSTRAINT qty_positive CHECK (qty > 0));"}
	p, err := eng.Plan(ctx, mustInspect(t, ctx, a), mustParseFor(t, ctx, eng, files), engines.PlanOptions{TargetURL: a})
	if err != nil {
		t.Fatal(err)
	}
	script := engines.RenderSQL(p)
	if len(p.Statements) != 1 || strings.Contains(p.Statements[0].SQL, "CHECK") {
		t.Errorf("want only the new column, no CHECK statement:\n%s", script)
	}
	notes := strings.Join(p.Notes, "\n")
	for _, want := range []string{"qty_positive of table t is not added", "old_rule of table t is not dropped", "tidb_enable_check_constraint"} {
		if !strings.Contains(notes, want) || !strings.Contains(script, want) {
			t.Errorf("notes lack %q:\n%s", want, script)
		}
	}
	if _, err := eng.Apply(ctx, a, script, engines.ApplyOptions{}); err != nil {
		t.Fatalf("apply: %v\n%s", err, script)
	}
	again, err := eng.Plan(ctx, mustInspect(t, ctx, a), mustParseFor(t, ctx, eng, files), engines.PlanOptions{TargetURL: a})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() || len(again.Notes) != 2 {
		t.Errorf("want no statement and the same two notes after the apply, got:\n%s", engines.RenderSQL(again))
	}
}
