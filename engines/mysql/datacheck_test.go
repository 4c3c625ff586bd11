package mysql

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

// TestCheckData runs the data checks of a plan on MariaDB and MySQL
// against data that breaks the plan's new rules, and data that fits them.
func TestCheckData(t *testing.T) {
	ctx := context.Background()
	schema := []string{
		"CREATE TABLE r (id int PRIMARY KEY)",
		"CREATE TABLE t (id int PRIMARY KEY, a int, code varchar(10), c int, ref int, name varchar(20), big bigint, status enum('a','b','c'))",
		"INSERT INTO r VALUES (1)",
	}
	bad := []string{"INSERT INTO t VALUES (1, NULL, 'x', -1, 1, 'short', 1, 'a'), (2, NULL, 'x', 5, 7, 'a name that is long', 5000000000, 'c'), (3, 3, 'y', 5, NULL, 'ok', 2, 'b')"}
	good := []string{"INSERT INTO t VALUES (1, 1, 'x', 1, 1, 'ok', 1, 'a')"}
	const to = `CREATE TABLE r (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, code varchar(10), c int, ref int, name varchar(8), big int, status enum('a','b'),
  UNIQUE KEY t_code (code), CONSTRAINT t_c_check CHECK (c > 0), CONSTRAINT t_ref_fk FOREIGN KEY (ref) REFERENCES r (id));`
	type want struct {
		kind   engines.CheckKind
		object string
		rows   int64
	}
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			for _, tc := range []struct {
				name string
				data []string
				want []want
			}{
				{"breaks", bad, []want{
					{engines.CheckNulls, "column t.a", 2},
					{engines.CheckDuplicates, "index t.t_code", 1},
					{engines.CheckViolations, "constraint t.t_c_check", 1},
					{engines.CheckOrphans, "constraint t.t_ref_fk", 1},
					{engines.CheckNarrowing, "column t.name", 1},
					{engines.CheckNarrowing, "column t.big", 1},
					{engines.CheckNarrowing, "column t.status", 1},
				}},
				{"fits", good, []want{
					{engines.CheckNulls, "column t.a", 0},
					{engines.CheckDuplicates, "index t.t_code", 0},
					{engines.CheckViolations, "constraint t.t_c_check", 0},
					{engines.CheckOrphans, "constraint t.t_ref_fk", 0},
					{engines.CheckNarrowing, "column t.name", 0},
					{engines.CheckNarrowing, "column t.big", 0},
					{engines.CheckNarrowing, "column t.status", 0},
				}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					url := testdb.MySQL(t, server)
					if err := testdb.ExecMySQL(ctx, url, append(append([]string(nil), schema...), tc.data...)...); err != nil {
						t.Fatal(err)
					}
					eng := New()
					target, err := eng.Inspect(ctx, url)
					if err != nil {
						t.Fatal(err)
					}
					source, err := eng.Parse(ctx, []engines.File{{Path: "to.sql", Text: to}}, engines.ParseOptions{})
					if err != nil {
						t.Fatal(err)
					}
					p, err := eng.Plan(ctx, target, source, engines.PlanOptions{TargetURL: url})
					if err != nil {
						t.Fatal(err)
					}
					var checker engines.DataChecker = eng
					findings, err := checker.CheckData(ctx, url, p)
					if err != nil {
						t.Fatal(err)
					}
					got := map[string]engines.Finding{}
					for _, f := range findings {
						if f.Error != "" {
							t.Errorf("check %s %s failed: %s", f.Kind, f.Object, f.Error)
						}
						got[string(f.Kind)+" "+f.Object] = f
					}
					if _, ok := got[string(engines.CheckRowEstimate)+" table t"]; !ok {
						t.Errorf("no row estimate for table t: %+v", findings)
					}
					for _, w := range tc.want {
						f, ok := got[string(w.kind)+" "+w.object]
						if !ok {
							t.Errorf("no %s finding for %s; findings: %+v\nplan:\n%s", w.kind, w.object, findings, engines.RenderSQL(p))
							continue
						}
						if f.Rows != w.rows || f.Fails != (w.rows > 0) {
							t.Errorf("%s %s: rows %d fails %v (%q), want %d", w.kind, w.object, f.Rows, f.Fails, f.Message, w.rows)
						}
						if f.Statement < 1 {
							t.Errorf("%s %s points at no statement", w.kind, w.object)
						}
						if strings.Contains(f.Message, "a name that is long") {
							t.Errorf("finding quotes the data: %s", f.Message)
						}
					}
				})
			}
		})
	}
}

// TestCheckDataLockWait: a check whose table another session holds
// locked gives up after the session's lock_wait_timeout (1 s, not the
// server's default of a year) and is reported as not done; the other
// checks still run.
func TestCheckDataLockWait(t *testing.T) {
	ctx := context.Background()
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			url := testdb.MySQL(t, server)
			if err := testdb.ExecMySQL(ctx, url, "CREATE TABLE t (id int PRIMARY KEY, a int)", "CREATE TABLE u (id int PRIMARY KEY, a int)",
				"INSERT INTO t VALUES (1, NULL)", "INSERT INTO u VALUES (1, NULL)"); err != nil {
				t.Fatal(err)
			}
			eng := New()
			target, err := eng.Inspect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			source, err := eng.Parse(ctx, []engines.File{{Path: "to.sql", Text: "CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL);\nCREATE TABLE u (id int PRIMARY KEY, a int NOT NULL);"}}, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			p, err := eng.Plan(ctx, target, source, engines.PlanOptions{TargetURL: url})
			if err != nil {
				t.Fatal(err)
			}
			db, _, err := connect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			locker, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer locker.Close()
			if _, err := locker.ExecContext(ctx, "LOCK TABLES t WRITE"); err != nil {
				t.Fatal(err)
			}
			defer locker.ExecContext(ctx, "UNLOCK TABLES") //nolint:errcheck
			cctx, cancel := context.WithTimeout(ctx, time.Minute)
			defer cancel()
			findings, err := New().CheckData(cctx, url, p)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]engines.Finding{}
			for _, f := range findings {
				got[f.Object] = f
			}
			if f := got["column t.a"]; f.Error == "" || !strings.Contains(f.Error, "1205") {
				t.Errorf("check on the locked table: %+v, want error 1205 (lock wait timeout)", f)
			}
			if f := got["column u.a"]; f.Error != "" || f.Rows != 1 {
				t.Errorf("check on the free table: %+v, want 1 row", f)
			}
		})
	}
}
