package runner_test

import (
	"context"
	"io"
	"net"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/testdb"
	"github.com/schemasync/schemasync/runner"
)

// countingProxy forwards TCP connections to a server and counts them: the
// number of sessions a client opened, seen from outside the client.
type countingProxy struct {
	ln    net.Listener
	conns atomic.Int64
}

func newCountingProxy(t *testing.T, server string) *countingProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &countingProxy{ln: ln}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.conns.Add(1)
			go forward(c, server)
		}
	}()
	return p
}

func forward(c net.Conn, server string) {
	defer c.Close()
	s, err := net.Dial("tcp", server)
	if err != nil {
		return
	}
	defer s.Close()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(s, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, s); done <- struct{}{} }()
	<-done // either side closing ends both
}

// TestPlanOneConnectionPerTarget: planning a target (inspect, plan with the
// server assist, data checks) opens one connection to it, whether the
// target is planned right after its inspection or waits for the plan phase;
// a target whose schema an earlier target has opens one for its inspection.
// Only targets beyond Parallel waiting at once open a second one.
func TestPlanOneConnectionPerTarget(t *testing.T) {
	ctx := context.Background()
	eng := postgres.New()
	// The view's "SELECT *" is expanded by the server: only the server
	// assist matches it to the source, so the plan consults the target;
	// the new NOT NULL gets a data check.
	const srcSQL = "CREATE TABLE t (id integer PRIMARY KEY, a integer NOT NULL);\nCREATE VIEW v AS SELECT * FROM t;\n"
	src, err := eng.Parse(ctx, []engines.File{{Path: "schema.sql", Text: srcSQL}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	base := "CREATE TABLE t (id integer PRIMARY KEY, a integer); CREATE VIEW v AS SELECT * FROM t; INSERT INTO t VALUES (1, NULL), (2, 2);"
	scripts := map[string]string{
		"a": base,
		"b": base, // the same schema as a: one group
		"c": base + " COMMENT ON TABLE t IS 'c';",
	}
	names := []string{"a", "b", "c"}
	var targets []runner.LiveTarget
	proxies := map[string]*countingProxy{}
	for _, name := range names {
		dbURL := testdb.Postgres(t)
		execPG(t, dbURL, scripts[name])
		u, err := url.Parse(dbURL)
		if err != nil {
			t.Fatal(err)
		}
		p := newCountingProxy(t, u.Host)
		u.Host = p.ln.Addr().String()
		proxies[name] = p
		targets = append(targets, runner.LiveTarget{Name: name, URL: u.String()})
	}

	for _, c := range []struct {
		name string
		// late: the source is read only once every target is inspected, so
		// that no target can be planned right after its inspection.
		late     bool
		parallel int
		want     map[string]int64
	}{
		{"planned after inspection", false, 2, map[string]int64{"a": 1, "b": 1, "c": 1}},
		{"waiting for the plan phase", true, 3, map[string]int64{"a": 1, "b": 1, "c": 1}},
		{"more waiting than parallel", true, 1, map[string]int64{"a": 1, "b": 1, "c": 2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, p := range proxies {
				p.conns.Store(0)
			}
			req := runner.PlanRequest{Engine: eng, Source: src, SchemaDir: "schema", Targets: targets, Parallel: c.parallel, DataChecks: true}
			if c.late {
				inspected := make(chan struct{})
				req.Source = nil
				req.LoadSource = func(ctx context.Context) (*engines.Database, runner.SourceVersion, error) {
					select {
					case <-inspected:
					case <-ctx.Done():
						return nil, runner.SourceVersion{}, ctx.Err()
					}
					return src, runner.SourceVersion{}, nil
				}
				req.Progress = func(done, total int, _ string, _ error) {
					if done == total {
						close(inspected)
					}
				}
			}
			set, err := runner.PlanTargets(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Failed) != 0 || len(set.Groups) != 2 {
				t.Fatalf("groups %d, failed %+v", len(set.Groups), set.Failed)
			}
			for _, g := range set.Groups {
				if !g.DataChecked || len(g.Findings) == 0 {
					t.Errorf("%v: data checks did not run: %+v", g.Targets, g.Findings)
				}
				body := g.File.Body
				if !strings.Contains(body, "NOT NULL") || strings.Contains(body, "VIEW") {
					t.Errorf("%v: want the NOT NULL change only (the view matched by the server assist):\n%s", g.Targets, body)
				}
			}
			for _, name := range names {
				if got := proxies[name].conns.Load(); got != c.want[name] {
					t.Errorf("target %s: %d connections, want %d", name, got, c.want[name])
				}
			}
		})
	}
}
