package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pipeQuery is one query of a pipeline. A guarded query runs in a
// read-only transaction of its own, opened by guardSQL and rolled back.
type pipeQuery struct {
	sql     string
	guarded bool
}

// pipeResult is what one query of a pipeline returned: its rows, as text,
// or the server's error for it.
type pipeResult struct {
	rows [][][]byte
	err  error
}

// count reads the one integer a count query returns.
func (r pipeResult) count() (int64, error) {
	if r.err != nil {
		return 0, r.err
	}
	if len(r.rows) != 1 || len(r.rows[0]) != 1 {
		return 0, fmt.Errorf("count query returned %d rows", len(r.rows))
	}
	return strconv.ParseInt(string(r.rows[0][0]), 10, 64)
}

// runPipeline sends every query at once and reads the results in order:
// one round trip, where one at a time costs one or more per query. Each
// query (with its guard) is a unit of its own: a server error (a data
// exception, a timeout) ends that query's transaction, is reported in its
// result, and the next query runs. The error returned is the connection's
// (or the context's); the session is then unusable.
func runPipeline(ctx context.Context, conn *pgx.Conn, queries []pipeQuery) ([]pipeResult, error) {
	guard := guardSQL()
	p := conn.PgConn().StartPipeline(ctx)
	for _, q := range queries {
		if q.guarded {
			for _, g := range guard {
				p.SendQueryParams(g, nil, nil, nil, nil)
			}
		}
		p.SendQueryParams(q.sql, nil, nil, nil, nil)
		p.SendPipelineSync()
		if q.guarded {
			// After a sync of its own: runs whether the query failed or not.
			p.SendQueryParams("ROLLBACK", nil, nil, nil, nil)
			p.SendPipelineSync()
		}
	}
	if err := p.Flush(); err != nil {
		_ = p.Close()
		return nil, err
	}
	out := make([]pipeResult, len(queries))
	for i, q := range queries {
		steps := 1
		if q.guarded {
			steps += len(guard)
		}
		rows, qerr, err := readUnit(p, steps)
		if err == nil && q.guarded {
			var rerr error
			_, rerr, err = readUnit(p, 1)
			if err == nil && rerr != nil {
				err = fmt.Errorf("rollback: %w", rerr)
			}
		}
		if err != nil {
			_ = p.Close()
			return nil, err
		}
		out[i] = pipeResult{rows: rows, err: qerr}
	}
	return out, p.Close()
}

// readUnit reads a pipeline's results up to its next sync point: steps
// statements, of which the last one's rows are returned. A server error
// ends the unit early (the server skips to the sync) and is returned as
// qerr; err is a failure of the connection.
func readUnit(p *pgconn.Pipeline, steps int) (rows [][][]byte, qerr, err error) {
	n := 0
	for {
		res, err := p.GetResults()
		if err != nil {
			var pe *pgconn.PgError
			if !errors.As(err, &pe) {
				return nil, nil, err
			}
			if qerr == nil {
				qerr = err
			}
			continue // the sync comes next
		}
		switch r := res.(type) {
		case *pgconn.PipelineSync:
			if qerr == nil && n != steps {
				return nil, nil, fmt.Errorf("pipeline: %d results before a sync, want %d", n, steps)
			}
			return rows, qerr, nil
		case *pgconn.ResultReader:
			n++
			got := r.Read()
			if got.Err != nil {
				var pe *pgconn.PgError
				if !errors.As(got.Err, &pe) {
					return nil, nil, got.Err
				}
				if qerr == nil {
					qerr = got.Err
				}
				continue
			}
			if n == steps {
				rows = got.Rows
			}
		case nil:
			return nil, nil, errors.New("pipeline: results ended before a sync")
		default:
			return nil, nil, fmt.Errorf("pipeline: unexpected result %T", res)
		}
	}
}
