package conformance

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dsn"
	"github.com/schemasync/schemasync/internal/dumptool"
	"github.com/schemasync/schemasync/internal/testdb"
)

// roleSchema is the schema psqldef's harness gives a connect_as_role user
// as the first entry of its search_path.
const roleSchema = "foo"

// Postgres is the PostgreSQL backend.
//
// Creating and dropping a database costs this server 0.2-0.7 s of disk
// flushes, which dominated a run; so by default a database a case is done
// with is emptied and reused, but only when its catalogs then match a fresh
// database's exactly (see fingerprint), else it is dropped.
type Postgres struct {
	admin  string
	engine engines.Engine
	// FreshDatabases turns reuse off: every case gets new databases.
	FreshDatabases bool

	mu       sync.Mutex
	idle     []*pgDatabase
	catalogs []string // catalogs with an oid column, for fingerprints
	pristine string   // fingerprint of a fresh database; "" until known
}

type pgDatabase struct {
	name, url string
	drop      func(context.Context) error
}

// NewPostgres returns the backend that runs engine against the server of
// adminURL (a superuser). The engine is passed in so this package does not
// depend on the engine it judges.
func NewPostgres(adminURL string, engine engines.Engine) *Postgres {
	return &Postgres{admin: adminURL, engine: engine}
}

// Engine implements Backend.
func (p *Postgres) Engine() engines.Engine { return p.engine }

// Server implements Backend.
func (p *Postgres) Server(ctx context.Context) (Server, error) {
	conn, err := p.connect(ctx, p.admin)
	if err != nil {
		return Server{}, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	srv := Server{Flavor: "postgres", Extensions: map[string]bool{}}
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version')").Scan(&srv.Version); err != nil {
		return Server{}, fmt.Errorf("read server version: %w", err)
	}
	rows, err := conn.Query(ctx, "SELECT name FROM pg_available_extensions")
	if err != nil {
		return Server{}, fmt.Errorf("list available extensions: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return Server{}, fmt.Errorf("list available extensions: %w", err)
	}
	for _, n := range names {
		srv.Extensions[n] = true
	}
	return srv, nil
}

// EnsureRoles implements Backend. Names written as SQL identifiers in the
// corpus ("\"evil\"\"role\"") are used as written; others are quoted.
// PUBLIC is a keyword, not a role, and is left out.
func (p *Postgres) EnsureRoles(ctx context.Context, roles []string) error {
	if len(roles) == 0 {
		return nil
	}
	conn, err := p.connect(ctx, p.admin)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	for _, r := range roles {
		if strings.EqualFold(r, "public") {
			continue
		}
		_, err := conn.Exec(ctx, "CREATE ROLE "+roleIdent(r))
		var pgErr *pgconn.PgError
		// duplicate_object: it exists; unique_violation: another run created
		// it at the same moment.
		if errors.As(err, &pgErr) && (pgErr.Code == "42710" || pgErr.Code == "23505") {
			continue
		}
		if err != nil {
			return fmt.Errorf("create role %s: %w", r, err)
		}
	}
	return nil
}

// CreateDatabase implements Backend. For requires.connect_as_role it makes
// every session of the database run as that role with search_path
// foo, public, and creates schema foo owned by the role, as psqldef's harness
// does; setting it on the database (not the URL) keeps the URL plain, so the
// engine connects the same way it would to any target.
func (p *Postgres) CreateDatabase(ctx context.Context, m *Meta) (string, func(context.Context) error, error) {
	db, err := p.take(ctx)
	if err != nil {
		return "", nil, err
	}
	release := func(ctx context.Context) error { return p.release(ctx, db) }
	if role := m.Requires.ConnectAsRole; role != "" {
		if err := p.setRole(ctx, db, role); err != nil {
			_ = db.drop(context.WithoutCancel(ctx))
			return "", nil, err
		}
	}
	return db.url, release, nil
}

// take returns an idle database or creates one.
func (p *Postgres) take(ctx context.Context) (*pgDatabase, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		db := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return db, nil
	}
	p.mu.Unlock()
	dbURL, drop, err := testdb.CreatePostgres(ctx, p.admin, "cf")
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		_ = drop(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("parse database URL: %w", err)
	}
	db := &pgDatabase{name: strings.TrimPrefix(u.Path, "/"), url: dbURL, drop: drop}
	if p.FreshDatabases {
		return db, nil
	}
	p.mu.Lock()
	known := p.pristine != ""
	p.mu.Unlock()
	if !known {
		// The first fresh database sets the standard reused ones must meet.
		fp, err := p.freshFingerprint(ctx, db)
		if err != nil {
			_ = drop(context.WithoutCancel(ctx))
			return nil, err
		}
		p.mu.Lock()
		if p.pristine == "" {
			p.pristine = fp
		}
		p.mu.Unlock()
	}
	return db, nil
}

// release empties a database for the next case, or drops it when it cannot
// be proven as good as new.
func (p *Postgres) release(ctx context.Context, db *pgDatabase) error {
	if !p.FreshDatabases {
		fp, err := p.resetAndFingerprint(ctx, db)
		p.mu.Lock()
		ok := err == nil && fp == p.pristine && p.pristine != ""
		if ok {
			p.idle = append(p.idle, db)
		}
		p.mu.Unlock()
		if ok {
			return nil
		}
	}
	return db.drop(ctx)
}

// Close implements Backend: it drops the idle databases.
func (p *Postgres) Close(ctx context.Context) error {
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	// Drops wait for a checkpoint; run together they share it.
	errs := make([]error, len(idle))
	var wg sync.WaitGroup
	for i, db := range idle {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = db.drop(ctx)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// resetSQL drops everything a case can create in a database: settings,
// event triggers, publications, extensions, schemas (public is recreated as
// initdb makes it), and the object kinds that live outside schemas. What it
// misses, the fingerprint catches.
const resetSQL = `
DO $reset$
DECLARE
	r record;
BEGIN
	EXECUTE format('ALTER DATABASE %I RESET ALL', current_database());
	FOR r IN SELECT evtname FROM pg_event_trigger LOOP
		EXECUTE format('DROP EVENT TRIGGER IF EXISTS %I CASCADE', r.evtname);
	END LOOP;
	FOR r IN SELECT pubname FROM pg_publication LOOP
		EXECUTE format('DROP PUBLICATION IF EXISTS %I CASCADE', r.pubname);
	END LOOP;
	FOR r IN SELECT extname FROM pg_extension WHERE oid >= 16384 LOOP
		EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
	END LOOP;
	FOR r IN SELECT nspname FROM pg_namespace
		WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
		AND nspname !~ '^pg_(toast_)?temp_' LOOP
		EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
	END LOOP;
	FOR r IN SELECT castsource::regtype AS s, casttarget::regtype AS t FROM pg_cast WHERE oid >= 16384 LOOP
		EXECUTE format('DROP CAST IF EXISTS (%s AS %s) CASCADE', r.s, r.t);
	END LOOP;
	FOR r IN SELECT fdwname FROM pg_foreign_data_wrapper WHERE oid >= 16384 LOOP
		EXECUTE format('DROP FOREIGN DATA WRAPPER IF EXISTS %I CASCADE', r.fdwname);
	END LOOP;
	FOR r IN SELECT lanname FROM pg_language WHERE oid >= 16384 LOOP
		EXECUTE format('DROP LANGUAGE IF EXISTS %I CASCADE', r.lanname);
	END LOOP;
	FOR r IN SELECT amname FROM pg_am WHERE oid >= 16384 LOOP
		EXECUTE format('DROP ACCESS METHOD IF EXISTS %I CASCADE', r.amname);
	END LOOP;
	PERFORM lo_unlink(oid) FROM pg_largeobject_metadata;
	CREATE SCHEMA public AUTHORIZATION pg_database_owner;
	COMMENT ON SCHEMA public IS 'standard public schema';
	GRANT USAGE ON SCHEMA public TO PUBLIC;
END
$reset$`

// resetAndFingerprint empties the database and returns its fingerprint,
// on one connection.
func (p *Postgres) resetAndFingerprint(ctx context.Context, db *pgDatabase) (string, error) {
	conn, err := p.connect(ctx, db.url)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	// The database may make sessions run as a case's role: act as ourselves.
	for _, stmt := range []string{
		"SET ROLE NONE",
		"SET search_path = pg_catalog",
		// Sessions the engine left open would hold locks.
		"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
		resetSQL,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return "", fmt.Errorf("reset %s: %w", db.name, err)
		}
	}
	return p.fingerprint(ctx, conn)
}

// fingerprint summarizes everything a case could leave in a database: the
// number of user objects (oid >= 16384, the first one initdb leaves free) in
// each catalog, the public schema's owner, privileges and comment, the
// database's own settings, privileges and comment, and the privileges and
// comments of built-in objects (but public's: it is recreated, its comment
// checked above). A database whose fingerprint equals a fresh
// one's is as good as new for inspection.
func (p *Postgres) fingerprint(ctx context.Context, conn *pgx.Conn) (string, error) {
	catalogs, err := p.oidCatalogs(ctx, conn)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, c := range catalogs {
		where := "oid >= 16384"
		if c == "pg_namespace" {
			where += " AND nspname <> 'public' AND nspname !~ '^pg_(toast_)?temp_'"
		}
		parts = append(parts, fmt.Sprintf("SELECT '%s:' || count(*) FROM pg_catalog.%s WHERE %s", c, quoteIdent(c), where))
	}
	parts = append(parts,
		`SELECT 'public:' || row(nspowner::regrole, nspacl, obj_description(oid, 'pg_namespace'))::text
			FROM pg_catalog.pg_namespace WHERE nspname = 'public'`,
		`SELECT 'database:' || row(datdba::regrole, datacl, datconnlimit, datallowconn, datistemplate,
			shobj_description(oid, 'pg_database'))::text FROM pg_catalog.pg_database WHERE datname = current_database()`,
		`SELECT 'settings:' || count(*) FROM pg_catalog.pg_db_role_setting
			WHERE setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())`,
		`SELECT 'comments:' || md5(coalesce(string_agg(objoid || '/' || classoid || '/' || objsubid || '=' || description, ','
			ORDER BY objoid, classoid, objsubid), '')) FROM pg_catalog.pg_description
			WHERE objoid < 16384 AND NOT (classoid = 'pg_catalog.pg_namespace'::regclass AND objoid = 2200)`,
		`SELECT 'acl:' || md5(concat(
			(SELECT string_agg(oid || '=' || proacl::text, ',' ORDER BY oid) FROM pg_catalog.pg_proc WHERE oid < 16384 AND proacl IS NOT NULL),
			(SELECT string_agg(oid || '=' || relacl::text, ',' ORDER BY oid) FROM pg_catalog.pg_class WHERE oid < 16384 AND relacl IS NOT NULL),
			(SELECT string_agg(oid || '=' || typacl::text, ',' ORDER BY oid) FROM pg_catalog.pg_type WHERE oid < 16384 AND typacl IS NOT NULL),
			(SELECT string_agg(oid || '=' || lanacl::text, ',' ORDER BY oid) FROM pg_catalog.pg_language WHERE oid < 16384 AND lanacl IS NOT NULL),
			(SELECT string_agg(attrelid || '.' || attnum || '=' || attacl::text, ',' ORDER BY attrelid, attnum) FROM pg_catalog.pg_attribute WHERE attrelid < 16384 AND attacl IS NOT NULL)))`,
	)
	rows, err := conn.Query(ctx, strings.Join(parts, "\nUNION ALL\n"))
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	return strings.Join(lines, "\n"), nil
}

func (p *Postgres) freshFingerprint(ctx context.Context, db *pgDatabase) (string, error) {
	conn, err := p.connect(ctx, db.url)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return p.fingerprint(ctx, conn)
}

// oidCatalogs lists the database's own (not shared) catalogs that have an
// oid column; the list is the same for every database of a server.
func (p *Postgres) oidCatalogs(ctx context.Context, conn *pgx.Conn) ([]string, error) {
	p.mu.Lock()
	cached := p.catalogs
	p.mu.Unlock()
	if cached != nil {
		return cached, nil
	}
	rows, err := conn.Query(ctx, `SELECT c.relname::text FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'oid'
		WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' AND NOT c.relisshared
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("list catalogs: %w", err)
	}
	catalogs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("list catalogs: %w", err)
	}
	p.mu.Lock()
	p.catalogs = catalogs
	p.mu.Unlock()
	return catalogs, nil
}

func (p *Postgres) setRole(ctx context.Context, db *pgDatabase, role string) error {
	conn, err := p.connect(ctx, db.url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	ident := roleIdent(role)
	for _, stmt := range []string{
		"CREATE SCHEMA " + quoteIdent(roleSchema) + " AUTHORIZATION " + ident,
		"ALTER DATABASE " + quoteIdent(db.name) + " SET role = " + quoteLiteral(roleName(role)),
		"ALTER DATABASE " + quoteIdent(db.name) + " SET search_path = " + quoteIdent(roleSchema) + ", public",
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("set up role %s: %s: %w", role, stmt, err)
		}
	}
	return nil
}

// Load implements Backend. Statements run one by one outside any
// transaction block, as a client sends them, so that CREATE INDEX
// CONCURRENTLY and ALTER TYPE ... ADD VALUE followed by its use load. The
// parser splits (the scanner silently drops a tail it cannot read); a
// script the parser rejects is sent whole and the server judges it.
func (p *Postgres) Load(ctx context.Context, dbURL, name, script string) error {
	conn, err := p.connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	parts, err := pg_query.SplitWithParser(script, true)
	if err != nil {
		if _, err := conn.Exec(ctx, script); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	offset := 0
	for _, part := range parts {
		line := 0
		if i := strings.Index(script[offset:], part); i >= 0 {
			line = 1 + strings.Count(script[:offset+i], "\n")
			offset += i + len(part)
		}
		if strings.TrimSpace(part) == "" {
			continue
		}
		if _, err := conn.Exec(ctx, part); err != nil {
			return &engines.StatementError{File: name, Line: line, Statement: part, Err: err}
		}
	}
	return nil
}

func (p *Postgres) connect(ctx context.Context, u string) (*pgx.Conn, error) {
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %s", dsn.Redact(u), dsn.Scrub(u, err.Error()))
	}
	return conn, nil
}

// roleIdent returns a role name as an SQL identifier.
func roleIdent(r string) string {
	if len(r) >= 2 && strings.HasPrefix(r, `"`) && strings.HasSuffix(r, `"`) {
		return r
	}
	return quoteIdent(r)
}

// roleName returns the name the server stores for a role written in the corpus.
func roleName(r string) string {
	if len(r) >= 2 && strings.HasPrefix(r, `"`) && strings.HasSuffix(r, `"`) {
		return strings.ReplaceAll(r[1:len(r)-1], `""`, `"`)
	}
	return r
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// RunBig checks each big real schema of <corpus>/big/postgres (see
// runBig): the file planned against the database it loaded into, and the
// dump's round trip, must be empty.
func (p *Postgres) RunBig(ctx context.Context, corpus string, run *regexp.Regexp) (*Report, error) {
	srv, err := p.Server(ctx)
	if err != nil {
		return nil, fmt.Errorf("conformance: %w", err)
	}
	return runBig(ctx, bigSite{
		dir: "postgres", engine: p.engine, label: "postgres big", version: srv.Version, filesMatch: true,
		create: func(ctx context.Context, _ string) (string, func(context.Context) error, error) {
			return testdb.CreatePostgres(ctx, p.admin, "big")
		},
		load: p.Load,
	}, corpus, run)
}

// DumpCanonical implements catalogDumper with pg_dump --schema-only.
func (p *Postgres) DumpCanonical(ctx context.Context, dbURL string) ([]string, error) {
	cmd, err := dumptool.PgDump(ctx, dbURL, "")
	if err != nil {
		return nil, err
	}
	out, err := dumptool.Output(cmd)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", dsn.Redact(dbURL), err)
	}
	return dumptool.Canonical("postgres", out, strings.TrimPrefix(u.Path, "/")), nil
}
