package runner_test

// Fault injection: a plan of more than 20 statements is applied through a
// TCP proxy that cuts every connection at one point of the apply, once for
// every point: before each statement (and, on PostgreSQL, each BEGIN and
// COMMIT) reaches the server, and after the server ran it but before the
// runner heard the answer. After each cut the network comes back and the
// same apply runs again; it must converge, run no statement twice, leave a
// history that tells what happened, and change nothing else.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/faultproxy"
	"github.com/schemasync/schemasync/internal/testdb"
	"github.com/schemasync/schemasync/runner"
)

// faultServer is what the suite needs to know about one server.
type faultServer struct {
	eng engines.Engine
	// query reads the text of a simple query a client sent.
	query func(chunk []byte) (string, bool)
	// v1 and v2 are the schema versions; v1 is loaded into each target.
	v1, v2 string
	// seed fills the v1 tables with rows.
	seed []string
	// reset drops everything the suite creates in a target.
	reset []string
	// tables have their rows counted before and after.
	tables []string
	// newDB makes a fresh database; exec runs statements in one; count
	// counts a table's rows.
	newDB func(t *testing.T) string
	exec  func(t *testing.T, url string, stmts ...string)
	count func(t *testing.T, url, table string) int
}

// faultSchemas writes v1 and v2 of the suite's schema for an engine: v2
// adds columns, indexes and new tables with foreign keys (and, on
// PostgreSQL, enum values, which commit on their own), about 25 statements.
func faultSchemas(pg bool, newTables int) (v1, v2 string, tables []string) {
	var a, b strings.Builder
	if pg {
		a.WriteString("CREATE TYPE mood AS ENUM ('calm', 'busy');\n")
		b.WriteString("CREATE TYPE mood AS ENUM ('calm', 'busy', 'tired', 'happy');\n")
	}
	keep := "CREATE TABLE keep (id int PRIMARY KEY, note varchar(20));\n"
	a.WriteString(keep)
	b.WriteString(keep)
	tables = append(tables, "keep")
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&a, "CREATE TABLE t%d (id int PRIMARY KEY);\n", i)
		fmt.Fprintf(&b, "CREATE TABLE t%d (id int PRIMARY KEY, a int, b varchar(10));\nCREATE INDEX t%d_a ON t%d (a);\n", i, i, i)
		tables = append(tables, fmt.Sprintf("t%d", i))
	}
	for i := 1; i <= newTables; i++ {
		fmt.Fprintf(&b, "CREATE TABLE n%d (id int PRIMARY KEY, t1_id int, CONSTRAINT n%d_fk FOREIGN KEY (t1_id) REFERENCES t1 (id));\n", i, i)
	}
	return a.String(), b.String(), tables
}

func TestFaultInjection(t *testing.T) {
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		v1, v2, tables := faultSchemas(true, 6)
		var reset []string
		for i := 1; i <= 6; i++ {
			reset = append(reset, fmt.Sprintf("DROP TABLE IF EXISTS n%d", i))
		}
		reset = append(reset, "DROP TABLE IF EXISTS keep, t1, t2, t3, t4", "DROP TYPE IF EXISTS mood", "DROP SCHEMA IF EXISTS "+postgres.HistorySchema+" CASCADE")
		runFaultSuite(t, faultServer{
			eng: postgres.New(), query: faultproxy.PostgresQuery,
			v1: v1, v2: v2, tables: tables, reset: reset, seed: faultSeed,
			newDB: func(t *testing.T) string { return testdb.Postgres(t) },
			exec: func(t *testing.T, url string, stmts ...string) {
				t.Helper()
				execPG(t, url, strings.Join(stmts, ";\n"))
			},
			count: countPG,
		})
	})
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			t.Parallel()
			v1, v2, tables := faultSchemas(false, 10)
			reset := []string{"SET FOREIGN_KEY_CHECKS = 0"}
			for i := 1; i <= 10; i++ {
				reset = append(reset, fmt.Sprintf("DROP TABLE IF EXISTS n%d", i))
			}
			reset = append(reset, "DROP TABLE IF EXISTS keep, t1, t2, t3, t4, "+mysql.HistoryTable, "SET FOREIGN_KEY_CHECKS = 1")
			runFaultSuite(t, faultServer{
				eng: mysql.New(), query: faultproxy.MySQLQuery,
				v1: v1, v2: v2, tables: tables, reset: reset, seed: faultSeed,
				newDB: func(t *testing.T) string { return testdb.MySQL(t, server) },
				exec: func(t *testing.T, url string, stmts ...string) {
					t.Helper()
					if err := testdb.ExecMySQL(context.Background(), url, stmts...); err != nil {
						t.Fatal(err)
					}
				},
				count: countMySQL,
			})
		})
	}
}

var faultSeed = []string{
	"INSERT INTO keep VALUES (1, 'one'), (2, 'two'), (3, 'three')",
	"INSERT INTO t1 VALUES (1), (2)",
	"INSERT INTO t2 VALUES (1), (2), (3)",
	"INSERT INTO t3 VALUES (1)",
	"INSERT INTO t4 VALUES (1), (2), (3), (4)",
}

// boundary is one point of the apply where the proxy cuts: before the
// query at index at of the apply's conversation reaches the server, or
// after the server answered it (afterReply). inEffect is how many plan
// statements stay done afterwards.
type boundary struct {
	at         int
	afterReply bool
	inEffect   int
}

// resumeAt is where a rerun must start after the first inEffect
// statements stayed done: at the first statement after them that is not a
// session setting, or at 0 when none but settings stayed done (settings
// belong to the session, which died with the cut; a rerun sets them again).
func resumeAt(inEffect int, stmts []string) int {
	core := 0
	for _, s := range stmts[:inEffect] {
		if !isSetting(s) {
			core++
		}
	}
	if core == 0 {
		return 0
	}
	for i := inEffect; i < len(stmts); i++ {
		if !isSetting(stmts[i]) {
			return i
		}
	}
	return len(stmts)
}

func isSetting(stmt string) bool {
	u := strings.ToUpper(strings.TrimSpace(stmt))
	return strings.HasPrefix(u, "SET ") || strings.HasPrefix(u, "RESET ")
}

func (b boundary) String() string {
	if b.afterReply {
		return fmt.Sprintf("after_reply_%02d", b.at)
	}
	return fmt.Sprintf("before_%02d", b.at)
}

// faultWorkers is how many cut points of one server run at once, each on
// its own database behind its own proxy.
const faultWorkers = 2

// faultSlot is one target database behind its own proxy, with the plan
// made for it.
type faultSlot struct {
	direct string // the database's URL
	proxy  *faultproxy.Proxy
	target runner.LiveTarget // through the proxy
	plan   *runner.PlanFile
}

func runFaultSuite(t *testing.T, s faultServer) {
	ctx := context.Background()
	repo := newSchemaRepo(t, []repoVersion{
		{tag: "v1", files: map[string]string{"schema.sql": s.v1}},
		{tag: "v2", files: map[string]string{"schema.sql": s.v2}},
	})
	src, v := repo.load(t, s.eng, "v2")

	// The bystander: an unrelated database on the same server.
	bystander := s.newDB(t)
	s.exec(t, bystander, append([]string{"CREATE TABLE keep (id int PRIMARY KEY, note varchar(20))"}, faultSeed[0])...)
	_, byFP, err := runner.InspectTarget(ctx, s.eng, bystander)
	if err != nil {
		t.Fatal(err)
	}

	load := func(t *testing.T, sl *faultSlot) {
		t.Helper()
		s.exec(t, sl.direct, s.reset...)
		s.exec(t, sl.direct, splitStatements(s.v1)...)
		s.exec(t, sl.direct, s.seed...)
	}
	counts := func(t *testing.T, sl *faultSlot) string {
		out := map[string]int{}
		for _, tb := range s.tables {
			out[tb] = s.count(t, sl.direct, tb)
		}
		return fmt.Sprint(out)
	}
	newSlot := func() *faultSlot {
		sl := &faultSlot{direct: s.newDB(t)}
		u, err := url.Parse(sl.direct)
		if err != nil {
			t.Fatal(err)
		}
		if sl.proxy, err = faultproxy.Start(u.Host); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { sl.proxy.Close() })
		u.Host = sl.proxy.Addr()
		sl.target = runner.LiveTarget{Name: "db", URL: u.String()}
		load(t, sl)
		sl.plan = reread(t, t.TempDir(), planFor(t, s.eng, src, v, 1, sl.target).Groups[0].File)
		return sl
	}

	// The reference run, with no cut, records the plan's statements as
	// apply sends them and the queries that carry them.
	ref := newSlot()
	wantCounts := counts(t, ref)
	rec := &queryLog{query: s.query}
	ref.proxy.CutBefore(rec.match)
	var stmts []string
	rep, err := runner.Apply(ctx, runner.ApplyRequest{Engine: s.eng, Plan: ref.plan, Target: ref.target, Source: src,
		Log: func(stmt string) {
			stmts = append(stmts, stmt)
			rec.start()
		}})
	ref.proxy.Disarm()
	if err != nil || rep.Residue != nil || rep.Executed != ref.plan.Statements || len(stmts) != ref.plan.Statements {
		t.Fatalf("reference apply: %+v %v", rep, err)
	}
	if len(stmts) < 20 {
		t.Fatalf("the plan has %d statements; the suite wants at least 20:\n%s", len(stmts), ref.plan.Body)
	}
	bounds := boundaries(rec.relevant(stmts))
	t.Logf("%d statements, %d cut points, %d at a time", len(stmts), len(bounds), faultWorkers)

	slots := make(chan *faultSlot, faultWorkers)
	slots <- ref
	for range faultWorkers - 1 {
		sl := newSlot()
		if sl.plan.Body != ref.plan.Body {
			t.Fatalf("plans for identical targets differ:\n%s\n---\n%s", sl.plan.Body, ref.plan.Body)
		}
		slots <- sl
	}
	cut := func(t *testing.T, b boundary) {
		sl := <-slots
		defer func() { slots <- sl }()
		load(t, sl)
		cutAt := &queryLog{query: s.query, limit: b.at, stmts: stmts}
		var first, second []string
		cuts := sl.proxy.Cuts()
		if b.afterReply {
			sl.proxy.CutAfterReply(cutAt.match)
		} else {
			sl.proxy.CutBefore(cutAt.match)
		}
		_, err := runner.Apply(ctx, runner.ApplyRequest{Engine: s.eng, Plan: sl.plan, Target: sl.target, Source: src,
			Log: func(stmt string) {
				first = append(first, stmt)
				cutAt.start()
			}})
		sl.proxy.Disarm()
		sl.proxy.Restore()
		if err == nil || sl.proxy.Cuts() != cuts+1 {
			t.Fatalf("the cut did not interrupt the apply (cuts %d -> %d): %v", cuts, sl.proxy.Cuts(), err)
		}
		direct := runner.LiveTarget{Name: "db", URL: sl.direct}
		recs, err := runner.History(ctx, s.eng, direct, 0)
		if err != nil || len(recs) != 1 {
			t.Fatalf("history after the cut: %+v %v", recs, err)
		}
		if r := recs[0]; r.Status == "succeeded" || r.Done > b.inEffect || (!b.afterReply && r.Done != b.inEffect) {
			t.Fatalf("history after the cut says %s with %d done; %d statements are in effect", r.Status, r.Done, b.inEffect)
		}

		rep, err := applyWhenUnlocked(ctx, runner.ApplyRequest{Engine: s.eng, Plan: sl.plan, Target: sl.target, Source: src,
			Log: func(stmt string) { second = append(second, stmt) }})
		if err != nil {
			t.Fatalf("rerun after the cut: %v", err)
		}
		skip := resumeAt(b.inEffect, stmts)
		if rep.Skipped != skip || rep.Executed != len(stmts)-skip || !rep.Verified || rep.Residue != nil {
			t.Fatalf("rerun: skipped %d, executed %d (want %d and %d), verified %v, residue %v",
				rep.Skipped, rep.Executed, skip, len(stmts)-skip, rep.Verified, rep.Residue)
		}
		// No statement ran twice: the rerun started exactly the statements
		// that were not in effect, in plan order (and each of them, run
		// again, would have failed).
		if strings.Join(second, "\x00") != strings.Join(stmts[skip:], "\x00") {
			t.Fatalf("the rerun ran %d statements, want the %d after the first %d:\n%q", len(second), len(stmts)-skip, skip, second)
		}
		if len(first) > len(stmts) {
			t.Fatalf("the first run started %d statements of %d", len(first), len(stmts))
		}
		recs, err = runner.History(ctx, s.eng, direct, 0)
		if err != nil || len(recs) != 2 {
			t.Fatalf("history after the rerun: %+v %v", recs, err)
		}
		if r := recs[0]; r.Status != "succeeded" || r.Done != len(stmts) || r.Statements != len(stmts) {
			t.Errorf("history of the rerun: %s, %d of %d done", r.Status, r.Done, r.Statements)
		}
		if r := recs[1]; r.Status != "failed" || r.Done != skip || r.FinishedAt == "" || r.Error == "" {
			t.Errorf("history of the interrupted run: %s, %d done (want failed, %d), finished %q, error %q", r.Status, r.Done, skip, r.FinishedAt, r.Error)
		}
		if got := counts(t, sl); got != wantCounts {
			t.Errorf("row counts changed: %s, want %s", got, wantCounts)
		}
	}

	// Each worker runs cut points one after another on its slot.
	t.Run("cut", func(t *testing.T) {
		todo := make(chan boundary, len(bounds))
		for _, b := range bounds {
			todo <- b
		}
		close(todo)
		var wg sync.WaitGroup
		for range faultWorkers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range todo {
					t.Run(b.String(), func(t *testing.T) { cut(t, b) })
				}
			}()
		}
		wg.Wait()
	})

	if _, fp, err := runner.InspectTarget(ctx, s.eng, bystander); err != nil || fp != byFP {
		t.Errorf("the unrelated database changed (%v)", err)
	}
	if n := s.count(t, bystander, "keep"); n != 3 {
		t.Errorf("the unrelated database's table holds %d rows, want 3", n)
	}
}

// applyWhenUnlocked applies, waiting while the server has not yet noticed
// that the cut session, which held the target's lock, is gone.
func applyWhenUnlocked(ctx context.Context, req runner.ApplyRequest) (*runner.ApplyReport, error) {
	deadline := time.Now().Add(20 * time.Second)
	for {
		rep, err := runner.Apply(ctx, req)
		if !errors.Is(err, runner.ErrLocked) || time.Now().After(deadline) {
			return rep, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// queryLog watches the queries clients send through the proxy once the
// apply started its first statement. As a proxy rule it either records
// them and never fires (stmts nil) or fires at the limit-th query that is a
// plan statement or transaction control.
type queryLog struct {
	query func([]byte) (string, bool)
	// stmts are the plan's statements as apply sends them; limit is the
	// index of the relevant query to fire at (with stmts set).
	stmts []string
	limit int

	mu      sync.Mutex
	started bool
	seen    []string
	n       int
}

func (q *queryLog) start() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.started = true
}

// match is the proxy rule.
func (q *queryLog) match(chunk []byte) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	text, ok := q.query(chunk)
	if !ok || !q.started {
		return false
	}
	if q.stmts == nil {
		q.seen = append(q.seen, text)
		return false
	}
	if !isRelevant(text, q.stmts) {
		return false
	}
	q.n++
	return q.n-1 == q.limit
}

// relevant lists the recorded queries that are plan statements or
// transaction control, up to the end of the last statement's transaction.
func (q *queryLog) relevant(stmts []string) []string {
	var out []string
	last := -1
	for _, s := range q.seen {
		if !isRelevant(s, stmts) {
			continue
		}
		out = append(out, s)
		if s == stmts[len(stmts)-1] {
			last = len(out) - 1
		}
	}
	if last >= 0 && last+1 < len(out) && isTxControl(out[last+1]) {
		last++
	}
	return out[:last+1]
}

func isTxControl(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "begin" || s == "commit"
}

func isRelevant(s string, stmts []string) bool {
	if isTxControl(s) {
		return true
	}
	for _, st := range stmts {
		if s == st {
			return true
		}
	}
	return false
}

// boundaries lists where to cut a conversation (plan statements and
// transaction control, in the order sent): at every gap between two
// queries, and before the first and after the last, once, alternating
// between cutting before the next query reaches the server and after the
// server answered the previous one; around BEGIN and COMMIT both ways.
// inEffect counts the statements that stay done: inside BEGIN..COMMIT
// once the COMMIT was answered, the others once they were.
func boundaries(seq []string) []boundary {
	before, after := make([]int, len(seq)+1), make([]int, len(seq)+1)
	inTx, pending, done := false, 0, 0
	for i, s := range seq {
		before[i] = done
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "begin":
			inTx = true
		case "commit":
			done += pending
			pending, inTx = 0, false
		default:
			if inTx {
				pending++
			} else {
				done++
			}
		}
		after[i] = done
	}
	seen := map[boundary]bool{}
	var out []boundary
	add := func(at int, afterReply bool) {
		b := boundary{at: at, afterReply: afterReply, inEffect: before[at]}
		if afterReply {
			b.inEffect = after[at]
		}
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	for gap := 0; gap <= len(seq); gap++ {
		if gap == len(seq) || (gap%2 == 0 && gap > 0) {
			add(gap-1, true)
		} else {
			add(gap, false)
		}
	}
	for i, s := range seq {
		if isTxControl(s) {
			add(i, false)
			add(i, true)
		}
	}
	return out
}

// splitStatements splits the suite's simple schema files (one statement a
// line).
func splitStatements(script string) []string {
	var out []string
	for _, l := range strings.Split(script, "\n") {
		if l = strings.TrimSuffix(strings.TrimSpace(l), ";"); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func countPG(t *testing.T, dbURL, table string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func countMySQL(t *testing.T, dbURL, table string) int {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg := gomysql.NewConfig()
	cfg.Net, cfg.Addr, cfg.DBName = "tcp", u.Host, strings.TrimPrefix(u.Path, "/")
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	conn, err := gomysql.NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM `"+table+"`").Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}
