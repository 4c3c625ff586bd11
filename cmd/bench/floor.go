//go:build unix

package main

// The fleet's floor on PostgreSQL: what merely reading the catalog rows an
// inspection needs costs, on the same databases at the same parallelism —
// one batch of single-catalog queries per target over a fresh connection,
// nothing printed by the server (no pg_get_*def), nothing built from the
// rows. No inspector can do less on the same server, so the floor tells
// how much of the fleet's time is the server's and the connections', which
// on one machine share the processors with schemasync.

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// floorQueries read, from each catalog alone, the columns the inspection
// reads (expressions as their raw pg_node_tree text).
var floorQueries = []string{
	`SELECT oid, relname, relnamespace, relkind, relpersistence, reloptions, relispartition, relrowsecurity FROM pg_class WHERE oid >= 16384`,
	`SELECT attrelid, attnum, attname, atttypid, atttypmod, attnotnull, atthasdef, attidentity, attgenerated, attcollation FROM pg_attribute WHERE attrelid >= 16384 AND attnum > 0 AND NOT attisdropped`,
	`SELECT indexrelid, indrelid, indisunique, indisprimary, indkey::text, indclass::text, indcollation::text, indoption::text, indpred::text, indexprs::text FROM pg_index WHERE indrelid >= 16384`,
	`SELECT oid, conname, conrelid, contype, condeferrable, condeferred, convalidated, confrelid, conkey::text, confkey::text, confupdtype, confdeltype, conbin::text FROM pg_constraint WHERE connamespace >= 16384 OR connamespace = 2200`,
	`SELECT adrelid, adnum, adbin::text FROM pg_attrdef`,
	`SELECT oid, typname, typnamespace, typtype, typrelid, typelem, typbasetype FROM pg_type WHERE oid >= 16384`,
	`SELECT oid, nspname FROM pg_namespace`,
	`SELECT oid, proname, pronamespace, prokind, prosrc, proargtypes::text, prorettype, prolang FROM pg_proc WHERE oid >= 16384`,
	`SELECT oid, tgrelid, tgname, tgfoid, tgtype, tgenabled, tgqual::text FROM pg_trigger WHERE NOT tgisinternal`,
	`SELECT classoid, objoid, objsubid, description FROM pg_description WHERE objoid >= 16384`,
	`SELECT seqrelid, seqtypid, seqstart, seqincrement, seqmax, seqmin, seqcache, seqcycle FROM pg_sequence`,
	`SELECT classid, objid, refclassid, refobjid, deptype FROM pg_depend WHERE refclassid = 3079 OR classid = 2618`,
	`SELECT enumtypid, enumlabel, enumsortorder FROM pg_enum`,
	`SELECT ev_class, ev_action::text FROM pg_rewrite WHERE ev_class >= 16384`,
	`SELECT polrelid, polname, polcmd, polqual::text, polwithcheck::text FROM pg_policy`,
}

// floorResult is the floor of one target and of the fleet.
type floorResult struct {
	One, All time.Duration
	// ServerCPU and ClientCPU are the processor time per target of the
	// fleet run; ServerCPU is zero when the server's processes cannot be
	// read (a server on another machine).
	ServerCPU, ClientCPU time.Duration
}

// floor reads the catalogs of dbs[0] alone, then of every db, parallel at
// a time, with the server's and this process's processor time.
func (s *pgServer) floor(ctx context.Context, dbs []string, parallel int) (*floorResult, error) {
	r := &floorResult{}
	start := time.Now()
	pid, err := s.readCatalogs(ctx, dbs[0])
	if err != nil {
		return nil, err
	}
	r.One = time.Since(start)
	postmaster := parentPID(pid)
	s0, c0 := childCPU(postmaster), selfCPU()
	start = time.Now()
	sem := make(chan struct{}, max(parallel, 1))
	errs := make(chan error, len(dbs))
	var wg sync.WaitGroup
	for _, name := range dbs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			_, err := s.readCatalogs(ctx, name)
			errs <- err
		}()
	}
	wg.Wait()
	r.All = time.Since(start)
	close(errs)
	for err := range errs {
		if err != nil {
			return nil, err
		}
	}
	// A backend's time reaches the postmaster's children's time when it
	// is reaped, just after its connection closed.
	time.Sleep(200 * time.Millisecond)
	if s0 >= 0 {
		if s1 := childCPU(postmaster); s1 >= s0 {
			r.ServerCPU = (s1 - s0) / time.Duration(len(dbs))
		}
	}
	r.ClientCPU = (selfCPU() - c0) / time.Duration(len(dbs))
	return r, nil
}

// readCatalogs reads floorQueries in one batch over a fresh connection to
// database name, discarding the rows, and returns the backend's process id.
func (s *pgServer) readCatalogs(ctx context.Context, name string) (int, error) {
	conn, err := pgx.Connect(ctx, s.url(name))
	if err != nil {
		return 0, fmt.Errorf("floor: connect to %s: %w", name, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	b := &pgx.Batch{}
	b.Queue("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
	for _, q := range floorQueries {
		b.Queue(q).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				_ = rows.RawValues()
			}
			return rows.Err()
		})
	}
	b.Queue("ROLLBACK")
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		return 0, fmt.Errorf("floor: %s: %w", name, err)
	}
	return int(conn.PgConn().PID()), nil
}

// parentPID is the parent of a local process (the postmaster of a
// backend), or 0 when it cannot be read.
func parentPID(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "PPid:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	return 0
}

// childCPU is the processor time of a process's reaped children (-1 when
// it cannot be read).
func childCPU(pid int) time.Duration {
	if pid <= 0 || runtime.GOOS != "linux" {
		return -1
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return -1
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(s[i+1:])
	// After the command: state is field 3; cutime and cstime are 16 and 17.
	if len(f) < 15 {
		return -1
	}
	cu, err1 := strconv.ParseInt(f[13], 10, 64)
	cs, err2 := strconv.ParseInt(f[14], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return time.Duration(cu+cs) * time.Second / 100 // clock ticks (USER_HZ)
}

// selfCPU is this process's processor time.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
