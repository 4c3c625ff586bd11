package postgres

import (
	"context"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

// TestKeptConnectionSession: the phases of one target share a kept
// connection; a failed assist statement, its temporary objects and an open
// transaction do not leak into the next phase.
func TestKeptConnectionSession(t *testing.T) {
	ctx := context.Background()
	url := testdb.Postgres(t)
	if err := testdb.ExecPostgres(ctx, url, "CREATE TABLE t (id integer PRIMARY KEY, a integer)"); err != nil {
		t.Fatal(err)
	}
	k := engines.NewConnKeeper()
	defer k.Close(ctx)
	kctx := engines.WithConnKeeper(ctx, k)

	a, err := newServerAssist(kctx, url)
	if err != nil {
		t.Fatal(err)
	}
	pid := a.conn.PgConn().PID()
	if _, err := a.viewQuery(kctx, nil, "SELECT no_such_column FROM t"); err == nil {
		t.Fatal("a view over a missing column was accepted")
	}
	if got, err := a.tableExpr(kctx, "public", "t", "check", "", "a > 0"); err != nil || got != "CHECK ((a > 0)) NOT VALID" {
		t.Fatalf("assist after a failed statement: %q, %v", got, err)
	}
	a.close()

	// While a connection is lent, another caller gets one of its own.
	conn, release, err := connectKept(kctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if conn.PgConn().PID() != pid {
		t.Errorf("the assist's connection was not kept: backend %d, then %d", pid, conn.PgConn().PID())
	}
	other, releaseOther, err := connectKept(kctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if other.PgConn().PID() == pid {
		t.Error("a lent connection was lent again")
	}
	releaseOther()
	if !other.IsClosed() {
		t.Error("a connection of its own was not closed on release")
	}
	var temps int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_catalog.pg_class WHERE relnamespace = pg_catalog.pg_my_temp_schema()").Scan(&temps); err != nil || temps != 0 {
		t.Errorf("temporary objects left by the assist: %d, %v", temps, err)
	}
	release()

	db, err := inspect(kctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if s := db.Schema("public"); s == nil || len(s.Tables) != 1 || len(db.Schemas) != 1 {
		t.Errorf("inspect on the kept connection: %+v", db.Schemas)
	}
	if k.Kept() != 1 {
		t.Errorf("kept %d connections, want 1", k.Kept())
	}

	// A session left inside a transaction is closed, not kept.
	conn, release, err = connectKept(kctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	release()
	if !conn.IsClosed() || k.Kept() != 0 {
		t.Errorf("a session in a transaction was kept (closed %v, kept %d)", conn.IsClosed(), k.Kept())
	}
}
