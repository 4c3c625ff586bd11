package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

var updateParse = flag.Bool("update-parse", false, "rewrite testdata/parse/*/want.json")

// readParseCase reads the .sql files of a testdata/parse case, sorted by name.
func readParseCase(t *testing.T, dir string) []engines.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	var files []engines.File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, engines.File{Path: filepath.Base(p), Text: string(b)})
	}
	return files
}

func parseCaseDirs(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "parse", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no parse cases: %v", err)
	}
	return dirs
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

// TestParseGolden parses each case in file order and in reverse order (the
// model must not depend on it) and compares with want.json.
func TestParseGolden(t *testing.T) {
	for _, dir := range parseCaseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files := readParseCase(t, dir)
			ctx := context.Background()
			var warnings []string
			db, err := parseFiles(ctx, files, engines.ParseOptions{Warn: func(m string) { warnings = append(warnings, m) }})
			if err != nil {
				t.Fatal(err)
			}
			reversed := make([]engines.File, len(files))
			for i, f := range files {
				reversed[len(files)-1-i] = f
			}
			db2, err := parseFiles(ctx, reversed, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := mustJSON(t, db)
			if got2 := mustJSON(t, db2); got2 != got {
				t.Errorf("file order changes the model:\n%s\nvs\n%s", got, got2)
			}
			wantPath := filepath.Join(dir, "want.json")
			if *updateParse {
				if err := os.WriteFile(wantPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run with -update-parse to create it)", err)
			}
			if got != string(want) {
				t.Errorf("model differs from %s (run with -update-parse after checking):\n%s", wantPath, got)
			}
		})
	}
}

// TestParseDetails asserts the canonical forms of the package comment on
// the golden cases, so a wrong want.json cannot hide them.
func TestParseDetails(t *testing.T) {
	db, err := parseFiles(context.Background(), readParseCase(t, filepath.Join("testdata", "parse", "basic")), engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pub, app := db.Schema("public"), db.Schema("app")
	users := pub.Table("users")
	id := users.Column("id")
	if id.Type != "integer" || !id.NotNull || id.Default != "nextval('users_id_seq'::regclass)" {
		t.Errorf("serial column: %+v", id)
	}
	if c := users.Column("m"); c.Type != "public.mood" {
		t.Errorf("user type not qualified: %q", c.Type)
	}
	if c := users.Column("g"); c.Generated != "lo + hi" || !c.GeneratedStored {
		t.Errorf("generated column: %+v", c)
	}
	if c := users.Column("name"); c.Collation != "C" {
		t.Errorf("collation: %+v", c)
	}
	names := map[string]engines.ConstraintKind{}
	for _, c := range users.Constraints {
		names[c.Name] = c.Kind
	}
	for name, kind := range map[string]engines.ConstraintKind{"users_pkey": engines.PrimaryKey, "users_email_key": engines.Unique,
		"users_price_check": engines.Check, "users_check": engines.Check, "users_lo_hi_price_key": engines.Unique} {
		if names[name] != kind {
			t.Errorf("constraint %s: got kind %q in %v", name, names[name], names)
		}
	}
	orders := app.Table("orders")
	if c := orders.Column("id"); c.Identity != "BY DEFAULT" || c.IdentityOptions == nil || *c.IdentityOptions.Start != 10 || *c.IdentityOptions.Increment != 2 || c.IdentityOptions.Min != nil {
		t.Errorf("identity: %+v %+v", c, c.IdentityOptions)
	}
	if !app.Table("scratch").Unlogged || orders.Unlogged || orders.Options["fillfactor"] != "70" {
		t.Errorf("table options: %+v", orders)
	}
	var seq *engines.Sequence
	for _, s := range pub.Sequences {
		if s.Name == "users_id_seq" {
			seq = s
		}
	}
	if seq == nil || seq.OwnedBy != "users.id" || seq.Type != "integer" || seq.Max != nil {
		t.Errorf("serial sequence: %+v", seq)
	}
	var mood *engines.Type
	for _, ty := range pub.Types {
		if ty.Name == "mood" {
			mood = ty
		}
	}
	if mood == nil || strings.Join(mood.Labels, ",") != "meh,sad,ok,happy" || mood.Comment != "feelings" {
		t.Errorf("enum: %+v", mood)
	}
	if ev := pub.Table("events_2020"); ev.PartitionOf != "public.events" || ev.PartitionBound != "FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')" {
		t.Errorf("partition: %+v", ev)
	}
	if pub.Table("events").PartitionBy != "RANGE (created)" {
		t.Errorf("partition key: %q", pub.Table("events").PartitionBy)
	}
	if ch := pub.Table("child"); len(ch.Inherits) != 1 || ch.Inherits[0] != "public.users" {
		t.Errorf("inherits: %+v", ch.Inherits)
	}
	var fn *engines.Function
	for _, f := range pub.Functions {
		if f.Name == "f" {
			fn = f
		}
	}
	if fn == nil || fn.Args != "integer, text" || fn.Returns != "integer" || fn.Options["volatility"] != "immutable" || fn.Comment != "fn" {
		t.Errorf("function: %+v", fn)
	}
	var tr *engines.Trigger
	for _, x := range users.Triggers {
		if x.Name == "users_touch" {
			tr = x
		}
	}
	if tr == nil || strings.Join(tr.Events, "|") != "INSERT|UPDATE OF email, name" || tr.Function != "public.touch()" || !tr.ForEachRow {
		t.Errorf("trigger: %+v", tr)
	}
	for _, idx := range users.Indexes {
		if idx.Method == "" {
			t.Errorf("index %s has no method", idx.Name)
		}
	}
}

// TestParseErrors checks error positions and messages.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name     string
		files    []engines.File
		skip     bool
		wantFile string
		wantLine int
		wantErr  string
		warn     string
	}{
		{name: "syntax", files: []engines.File{{Path: "a.sql", Text: "CREATE TABLE t (a int);\n\nCREATE TABLE u (\n  a int,\n  b int,,\n);\n"}},
			wantFile: "a.sql", wantLine: 5, wantErr: "syntax error"},
		{name: "unsupported", files: []engines.File{{Path: "b.sql", Text: "CREATE TABLE t (a int);\n-- a conversion\nCREATE CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;\n"}},
			wantFile: "b.sql", wantLine: 3, wantErr: "unsupported statement: CreateConversionStmt"},
		{name: "rows are ignored with one warning per file", files: []engines.File{{Path: "seed.sql",
			Text: "CREATE TABLE t (a int);\n-- data\nINSERT INTO t VALUES (1);\nUPDATE t SET a = 2;\nDELETE FROM t WHERE a = 3;\n"}},
			warn: "seed.sql:3: INSERT ignored, and the file's other statements that change rows"},
		{name: "a sequence's value is data too", files: []engines.File{{Path: "seq.sql",
			Text: "CREATE SEQUENCE s;\nSELECT pg_catalog.setval('s', 42, true);\n"}},
			warn: "seq.sql:2: SELECT setval(…) ignored"},
		{name: "refreshing a materialized view is data too", files: []engines.File{{Path: "mv.sql",
			Text: "CREATE TABLE t (a int);\nCREATE MATERIALIZED VIEW m AS SELECT a FROM t WITH NO DATA;\nREFRESH MATERIALIZED VIEW m;\n"}},
			warn: "mv.sql:3: REFRESH MATERIALIZED VIEW ignored"},
		{name: "unsupported skipped", skip: true, files: []engines.File{{Path: "b.sql", Text: "CREATE TABLE t (a int);\n\nCREATE CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;\n"}},
			warn: "b.sql:3: skipped unsupported statement: CreateConversionStmt"},
		{name: "unknown fk table", files: []engines.File{
			{Path: "x.sql", Text: "CREATE TABLE t (a int);"},
			{Path: "y.sql", Text: "\n\nCREATE TABLE u (a int REFERENCES missing (id));\n"}},
			wantFile: "y.sql", wantLine: 3, wantErr: "public.missing"},
		{name: "duplicate", files: []engines.File{
			{Path: "x.sql", Text: "CREATE TABLE t (a int);"},
			{Path: "y.sql", Text: "\nCREATE TABLE public.t (b int);\n"}},
			wantFile: "y.sql", wantLine: 2, wantErr: "x.sql:1 and at y.sql:2"},
		{name: "disable a trigger the files do not define", files: []engines.File{{Path: "z.sql", Text: "CREATE TABLE t (a int);\nALTER TABLE t DISABLE TRIGGER nope;"}},
			wantFile: "z.sql", wantLine: 2, wantErr: `trigger "nope" of table public.t is not defined`},
		{name: "drop schema that still holds objects", files: []engines.File{{Path: "d.sql", Text: "CREATE SCHEMA app;\nCREATE TABLE app.t (a int);\nCREATE TABLE app.u (a int);\nDROP TABLE app.u;\nDROP SCHEMA app;\n"}},
			wantFile: "d.sql", wantLine: 5, wantErr: "DROP SCHEMA app: the files still define objects in it (created at d.sql:1 and after)"},
		{name: "dropped table referenced", files: []engines.File{{Path: "r.sql", Text: "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p int REFERENCES p);\nDROP TABLE p;\n"}},
			wantFile: "r.sql", wantLine: 2, wantErr: "public.p"},
		{name: "do block", files: []engines.File{{Path: "do.sql", Text: "CREATE TABLE t (a int);\nDO $$ BEGIN NULL; END $$;\n"}},
			wantFile: "do.sql", wantLine: 2, wantErr: "unsupported statement: DO block"},
		{name: "text search configuration copying one the files do not define", files: []engines.File{{Path: "ts.sql", Text: "CREATE TEXT SEARCH CONFIGURATION en (COPY = pg_catalog.english);\n"}},
			wantFile: "ts.sql", wantLine: 1, wantErr: "only copies of pg_catalog.simple or of a configuration the files define"},
		{name: "text search mapping of a configuration not defined", files: []engines.File{{Path: "ts.sql", Text: "\nALTER TEXT SEARCH CONFIGURATION nope ALTER MAPPING FOR word WITH simple;\n"}},
			wantFile: "ts.sql", wantLine: 2, wantErr: "public.nope is not defined"},
		{name: "operator class", files: []engines.File{{Path: "op.sql", Text: "CREATE OPERATOR CLASS int4_ops2 FOR TYPE int4 USING btree AS OPERATOR 1 <, FUNCTION 1 btint4cmp(int4, int4);\n"}},
			wantFile: "op.sql", wantLine: 1, wantErr: "unsupported statement: CreateOpClassStmt"},
		{name: "operator without a function", files: []engines.File{{Path: "op.sql", Text: "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int);\n"}},
			wantFile: "op.sql", wantLine: 1, wantErr: "FUNCTION and RIGHTARG are required"},
		{name: "operator comment of one not defined", files: []engines.File{{Path: "op.sql", Text: "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);\nCOMMENT ON OPERATOR === (int, text) IS 'x';\n"}},
			wantFile: "op.sql", wantLine: 2, wantErr: "public.===(integer,text)"},
		{name: "drop column missing", files: []engines.File{{Path: "dc.sql", Text: "CREATE TABLE t (a int);\n\nALTER TABLE t DROP COLUMN b;\n"}},
			wantFile: "dc.sql", wantLine: 3, wantErr: `DROP COLUMN: no column "b"`},
		{name: "drop column referenced", files: []engines.File{{Path: "dr.sql", Text: "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p int REFERENCES p (id));\nALTER TABLE p DROP COLUMN id;\n"}},
			wantFile: "dr.sql", wantLine: 3, wantErr: "foreign key c_p_fkey of table public.c references it"},
		{name: "drop constraint missing", files: []engines.File{{Path: "dk.sql", Text: "CREATE TABLE t (a int);\nALTER TABLE t DROP CONSTRAINT nope;\n"}},
			wantFile: "dk.sql", wantLine: 2, wantErr: `DROP CONSTRAINT: no constraint "nope"`},
		{name: "no inherit of a non-parent", files: []engines.File{{Path: "ni.sql", Text: "CREATE TABLE a (x int);\nCREATE TABLE b (y int);\nALTER TABLE b NO INHERIT a;\n"}},
			wantFile: "ni.sql", wantLine: 3, wantErr: "NO INHERIT: the table does not inherit public.a"},
		{name: "validate missing", files: []engines.File{{Path: "v.sql", Text: "CREATE TABLE t (a int);\nALTER TABLE t VALIDATE CONSTRAINT c;\n"}},
			wantFile: "v.sql", wantLine: 2, wantErr: `VALIDATE CONSTRAINT: no constraint "c"`},
		{name: "set identity on a plain column", files: []engines.File{{Path: "si.sql", Text: "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET GENERATED ALWAYS;\n"}},
			wantFile: "si.sql", wantLine: 2, wantErr: `column "a" is not an identity column`},
		{name: "comment on database warns", files: []engines.File{{Path: "cd.sql", Text: "CREATE TABLE t (a int);\nCOMMENT ON DATABASE somedb IS 'x';"}},
			warn: "cd.sql:2: COMMENT ON DATABASE ignored"},
		{name: "a DO block that only creates roles warns", files: []engines.File{{Path: "r.sql", Text: "DO $$ BEGIN\n IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'x') THEN CREATE ROLE x; END IF;\nEND $$;\nCREATE TABLE t (a int);"}},
			warn: "r.sql:1: DO block ignored: it only creates or changes roles"},
		{name: "a DO block that runs other SQL is refused", files: []engines.File{{Path: "d.sql", Text: "CREATE TABLE t (a int);\nDO $$ BEGIN CREATE ROLE x; EXECUTE 'CREATE TABLE u (a int)'; END $$;"}},
			wantFile: "d.sql", wantLine: 2, wantErr: "DO block"},
		{name: "a DO block that decides what to create is refused", files: []engines.File{{Path: "d.sql", Text: "CREATE TABLE t (a int);\nDO $$ BEGIN IF now() > '2026-01-01' THEN CREATE TABLE u (a int); END IF; END $$;"}},
			wantFile: "d.sql", wantLine: 2, wantErr: "DO block"},
		{name: "a DO block whose statement reads a variable is refused", files: []engines.File{{Path: "d.sql", Text: "DO $$ DECLARE n int; BEGIN SELECT 1 INTO n; CREATE TABLE u (a int); END $$;"}},
			wantFile: "d.sql", wantLine: 1, wantErr: "DO block"},
		{name: "a DO block of statements with a fallback is read as its statements", files: []engines.File{{Path: "d.sql",
			Text: "CREATE TABLE t (a int);\nDO $$\nBEGIN\n  CREATE TABLE u (a int);\nEXCEPTION WHEN insufficient_privilege THEN\n  CREATE TABLE v (a int);\nEND $$;"}},
			warn: "d.sql:2: DO block read as the 1 statements it runs when none fails"},
		{name: "like of a table defined later", files: []engines.File{{Path: "l.sql", Text: "CREATE TABLE t (LIKE later);\nCREATE TABLE later (a int);"}},
			wantFile: "l.sql", wantLine: 1, wantErr: "LIKE public.later: the table is not defined before this statement"},
		{name: "statistics on a table not defined", files: []engines.File{{Path: "s.sql", Text: "CREATE TABLE t (a int, b int);\n\nCREATE STATISTICS s ON a, b FROM u;"}},
			wantFile: "s.sql", wantLine: 3, wantErr: "table public.u is not defined"},
		{name: "statistics on one column", files: []engines.File{{Path: "s.sql", Text: "CREATE TABLE t (a int, b int);\nCREATE STATISTICS s ON a FROM t;"}},
			wantFile: "s.sql", wantLine: 2, wantErr: "at least 2 columns"},
		{name: "statistics kinds of a single expression", files: []engines.File{{Path: "s.sql", Text: "CREATE TABLE t (a int, b int);\nCREATE STATISTICS s (mcv) ON (a + b) FROM t;"}},
			wantFile: "s.sql", wantLine: 2, wantErr: "single expression take no kinds"},
		{name: "statistics on a missing column", files: []engines.File{{Path: "s.sql", Text: "CREATE TABLE t (a int, b int);\nCREATE STATISTICS s ON a, c FROM t;"}},
			wantFile: "s.sql", wantLine: 2, wantErr: `column "c" does not exist`},
		{name: "statistics defined twice", files: []engines.File{{Path: "s.sql", Text: "CREATE TABLE t (a int, b int);\nCREATE STATISTICS s ON a, b FROM t;\nCREATE STATISTICS s ON b, a FROM t;"}},
			wantFile: "s.sql", wantLine: 3, wantErr: "defined twice"},
		{name: "statistics on a materialized view", files: []engines.File{{Path: "s.sql", Text: "CREATE MATERIALIZED VIEW m AS SELECT 1 AS a, 2 AS b;\nCREATE STATISTICS s ON a, b FROM m;"}},
			wantFile: "s.sql", wantLine: 2, wantErr: "unsupported statement: CREATE STATISTICS on a materialized view"},
		{name: "alter statistics not defined", files: []engines.File{{Path: "s.sql", Text: "CREATE TABLE t (a int, b int);\nALTER STATISTICS s SET STATISTICS 5;"}},
			wantFile: "s.sql", wantLine: 2, wantErr: "statistics public.s is not defined"},
		{name: "rule on a relation not defined", files: []engines.File{{Path: "r.sql", Text: "CREATE TABLE t (a int);\nCREATE RULE r AS ON INSERT TO u DO INSTEAD NOTHING;"}},
			wantFile: "r.sql", wantLine: 2, wantErr: "table or view public.u is not defined"},
		{name: "rule on a materialized view", files: []engines.File{{Path: "r.sql", Text: "CREATE MATERIALIZED VIEW m AS SELECT 1 AS a;\nCREATE RULE r AS ON INSERT TO m DO INSTEAD NOTHING;"}},
			wantFile: "r.sql", wantLine: 2, wantErr: "materialized view, which takes no rules"},
		{name: "rule on select", files: []engines.File{{Path: "r.sql", Text: "CREATE TABLE t (a int);\nCREATE RULE \"_RETURN\" AS ON SELECT TO t DO INSTEAD SELECT 1 AS a;"}},
			wantFile: "r.sql", wantLine: 2, wantErr: "unsupported statement: CREATE RULE … ON SELECT"},
		{name: "rule defined twice", files: []engines.File{{Path: "r.sql", Text: "CREATE TABLE t (a int);\nCREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING;\nCREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;"}},
			wantFile: "r.sql", wantLine: 3, wantErr: "defined twice"},
		{name: "disable a rule not defined", files: []engines.File{{Path: "r.sql", Text: "CREATE TABLE t (a int);\nALTER TABLE t DISABLE RULE nope;"}},
			wantFile: "r.sql", wantLine: 2, wantErr: `rule "nope" of table public.t is not defined`},
		{name: "grant on a language warns", files: []engines.File{{Path: "g.sql", Text: "CREATE TABLE t (a int);\nGRANT USAGE ON LANGUAGE sql TO PUBLIC;"}},
			warn: "g.sql:2: privileges are managed on tables, views, sequences, functions, procedures, types and schemas only; ignored GRANT ON LANGUAGE"},
		{name: "grant on an undefined schema", files: []engines.File{{Path: "g.sql", Text: "GRANT USAGE ON SCHEMA nowhere TO PUBLIC;"}},
			wantFile: "g.sql", wantLine: 1, wantErr: "GRANT ON SCHEMA nowhere: the schema is not defined in the schema files"},
		{name: "role membership warns", files: []engines.File{{Path: "g.sql", Text: "CREATE TABLE t (a int);\nGRANT a TO b;"}},
			warn: "g.sql:2: role membership is not schema"},
		{name: "default privileges in a schema on schemas", files: []engines.File{{Path: "g.sql", Text: "CREATE SCHEMA s;\nALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT USAGE ON SCHEMAS TO PUBLIC;"}},
			wantFile: "g.sql", wantLine: 2, wantErr: "cannot be used with ON SCHEMAS"},
		{name: "grant on a table not defined", files: []engines.File{{Path: "g.sql", Text: "CREATE TABLE t (a int);\n\nGRANT SELECT ON u TO PUBLIC;"}},
			wantFile: "g.sql", wantLine: 3, wantErr: "GRANT ON public.u: the relation is not defined"},
		{name: "grant on a column not defined", files: []engines.File{{Path: "g.sql", Text: "CREATE TABLE t (a int);\nREVOKE SELECT (b) ON t FROM PUBLIC;"}},
			wantFile: "g.sql", wantLine: 2, wantErr: "REVOKE ON public.t: column b is not defined"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var warnings []string
			_, err := parseFiles(context.Background(), tc.files, engines.ParseOptions{SkipUnsupported: tc.skip,
				Warn: func(m string) { warnings = append(warnings, m) }})
			if tc.warn != "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if len(warnings) != 1 || !strings.Contains(warnings[0], tc.warn) {
					t.Fatalf("warnings %q, want one containing %q", warnings, tc.warn)
				}
				return
			}
			var se *engines.StatementError
			if !errors.As(err, &se) {
				t.Fatalf("want a StatementError, got %v", err)
			}
			if se.File != tc.wantFile || se.Line != tc.wantLine || !strings.Contains(se.Error(), tc.wantErr) {
				t.Errorf("got %s:%d %q; want %s:%d containing %q", se.File, se.Line, se.Error(), tc.wantFile, tc.wantLine, tc.wantErr)
			}
			if se.Statement == "" {
				t.Errorf("error carries no statement")
			}
		})
	}
}

// canonForCompare replaces expression texts by their normalizer keys and
// drops what server definitions do not carry (comments), so a file model
// and a server model can be compared with DeepEqual.
func canonForCompare(n *normalizer, v any) any {
	switch x := v.(type) {
	case *engines.Constraint:
		c := *x
		c.Check = n.expr(c.Check)
		c.Comment = ""
		return &c
	case *engines.Index:
		c := *x
		c.Where = n.expr(c.Where)
		c.Comment = ""
		var parts []*engines.IndexPart
		for _, p := range x.Parts {
			pp := *p
			pp.Expr = n.expr(pp.Expr)
			parts = append(parts, &pp)
		}
		c.Parts = parts
		return &c
	case *engines.Trigger:
		c := *x
		c.When = n.expr(c.When)
		c.Comment = ""
		return &c
	case *engines.Function:
		c := *x
		c.Comment = ""
		return &c
	}
	return v
}

// TestParseMatchesServer loads each case into PostgreSQL and checks that
// the server's own definitions (pg_get_*def, read through the contract
// functions inspect uses) build the same model as the files, and that the
// implicit names the parser chose are the server's.
func TestParseMatchesServer(t *testing.T) {
	for _, dir := range parseCaseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files := readParseCase(t, dir)
			db, err := parseFiles(context.Background(), files, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			url := testdb.Postgres(t)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			for _, f := range files {
				if _, err := conn.Exec(ctx, f.Text); err != nil {
					t.Fatalf("load %s: %v", f.Path, err)
				}
			}
			if _, err := conn.Exec(ctx, "SET search_path = pg_catalog"); err != nil {
				t.Fatal(err)
			}
			compareWithServer(ctx, t, conn, db)
		})
	}
}

func queryStrings(ctx context.Context, t *testing.T, conn *pgx.Conn, sql string, args ...any) [][]string {
	t.Helper()
	rows, err := conn.Query(ctx, sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i], _ = v.(string)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func compareWithServer(ctx context.Context, t *testing.T, conn *pgx.Conn, db *engines.Database) {
	n := newNormalizer()
	same := func(what string, file, server any) {
		t.Helper()
		a, b := canonForCompare(n, file), canonForCompare(n, server)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs\n file:   %s\n server: %s", what, mustJSON(t, a), mustJSON(t, b))
		}
	}
	for _, s := range db.Schemas {
		for _, tb := range s.Tables {
			rel := qualify(tb.Schema, tb.Name)
			// Constraints (local ones: inherited copies are the parent's).
			rows := queryStrings(ctx, t, conn, `SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint
				WHERE conrelid = $1::regclass AND contype IN ('p','u','f','c','x') AND conislocal ORDER BY conname`, rel)
			if len(rows) != len(tb.Constraints) {
				t.Errorf("%s: server has %d constraints %v, files %d", rel, len(rows), rows, len(tb.Constraints))
			}
			for _, r := range rows {
				c, err := parseConstraintDef(tb.Schema, tb.Name, r[0], r[1])
				if err != nil {
					t.Errorf("%s: %v", rel, err)
					continue
				}
				var fc *engines.Constraint
				for _, x := range tb.Constraints {
					if x.Name == r[0] {
						fc = x
					}
				}
				if fc == nil {
					t.Errorf("%s: server constraint %s (%s) missing from files", rel, r[0], r[1])
					continue
				}
				same("constraint "+rel+"."+r[0], fc, c)
			}
			// Indexes no constraint owns.
			rows = queryStrings(ctx, t, conn, `SELECT c.relname::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
				JOIN pg_class c ON c.oid = i.indexrelid
				WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
				ORDER BY 1`, rel)
			if len(rows) != len(tb.Indexes) {
				t.Errorf("%s: server has %d indexes %v, files %d", rel, len(rows), rows, len(tb.Indexes))
			}
			for _, r := range rows {
				schema, table, idx, err := parseIndexDef(r[1])
				if err != nil || schema != tb.Schema || table != tb.Name {
					t.Errorf("%s: parseIndexDef(%q) = %s.%s, %v", rel, r[1], schema, table, err)
					continue
				}
				var fi *engines.Index
				for _, x := range tb.Indexes {
					if x.Name == r[0] {
						fi = x
					}
				}
				if fi == nil {
					t.Errorf("%s: server index %s missing from files", rel, r[1])
					continue
				}
				same("index "+r[0], fi, idx)
			}
			// Triggers.
			rows = queryStrings(ctx, t, conn, `SELECT tgname::text, pg_get_triggerdef(oid) FROM pg_trigger
				WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY 1`, rel)
			if len(rows) != len(tb.Triggers) {
				t.Errorf("%s: server has %d triggers, files %d", rel, len(rows), len(tb.Triggers))
			}
			for i, r := range rows {
				tr, err := parseTriggerDef(r[1])
				if err != nil {
					t.Errorf("%s: %v", rel, err)
					continue
				}
				if i < len(tb.Triggers) {
					same("trigger "+r[0], tb.Triggers[i], tr)
				}
			}
		}
		// Functions (not those of extensions).
		rows := queryStrings(ctx, t, conn, `SELECT p.proname::text, pg_get_functiondef(p.oid) FROM pg_proc p
			JOIN pg_namespace ns ON ns.oid = p.pronamespace
			WHERE ns.nspname = $1 AND p.prokind IN ('f','p')
			AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`, s.Name)
		if len(rows) != len(s.Functions) {
			t.Errorf("schema %s: server has %d functions, files %d", s.Name, len(rows), len(s.Functions))
		}
		for _, r := range rows {
			f, err := parseFunctionDef(r[1])
			if err != nil {
				t.Errorf("%v", err)
				continue
			}
			var ff *engines.Function
			for _, x := range s.Functions {
				if x.Signature() == f.Signature() {
					ff = x
				}
			}
			if ff == nil {
				t.Errorf("server function %s missing from files", f.Signature())
				continue
			}
			// Parameter defaults stay as written (casts kept for the plan)
			// and compare canonically, as diff compares them.
			// Privileges are not in the server's definition: the
			// convergence cases compare them.
			fc := *ff
			fc.Grants = nil
			same("function "+f.Signature(), canonDefaults(t, &fc), canonDefaults(t, f))
		}
		// Sequences the files imply (serial) or declare, not identity ones.
		rows = queryStrings(ctx, t, conn, `SELECT c.relname::text FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
			WHERE ns.nspname = $1 AND c.relkind = 'S'
			AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i') ORDER BY 1`, s.Name)
		var want []string
		for _, q := range s.Sequences {
			want = append(want, q.Name)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r[0])
		}
		sort.Strings(want)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("schema %s: server sequences %v, files %v", s.Name, got, want)
		}
	}
}

// TestParseDefaultSchema checks that unqualified names land in
// ParseOptions.DefaultSchema, and that built-in types, types of other
// schemas and queried relations do not move.
func TestParseDefaultSchema(t *testing.T) {
	sql := `CREATE TYPE mood AS ENUM ('a', 'b');
CREATE DOMAIN pos AS integer CHECK (VALUE > 0);
CREATE TABLE items (id serial PRIMARY KEY, m mood, p pos, u uuid, x public.other);
CREATE TABLE public.other_items (id integer REFERENCES items (id));
CREATE INDEX items_m_idx ON items (m);
CREATE VIEW item_ids AS WITH c AS (SELECT id FROM items) SELECT id FROM c;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TABLE items IS 'things';
COMMENT ON COLUMN items.m IS 'feeling';
`
	db, err := New().Parse(context.Background(), []engines.File{{Path: "s.sql", Text: sql}}, engines.ParseOptions{DefaultSchema: "foo"})
	if err != nil {
		t.Fatal(err)
	}
	foo := db.Schema("foo")
	if foo == nil {
		t.Fatal("no schema foo")
	}
	items := foo.Table("items")
	if items == nil {
		t.Fatalf("items not in foo: %+v", foo)
	}
	var types []string
	for _, c := range items.Columns {
		types = append(types, c.Type)
	}
	if got, want := strings.Join(types, ","), "integer,foo.mood,foo.pos,uuid,public.other"; got != want {
		t.Errorf("column types = %s, want %s", got, want)
	}
	if items.Comment != "things" || items.Column("m").Comment != "feeling" {
		t.Errorf("comments not attached: %q %q", items.Comment, items.Column("m").Comment)
	}
	if len(items.Indexes) != 1 || len(items.Triggers) != 1 || !strings.Contains(items.Triggers[0].Function, "foo.touch") {
		t.Errorf("index or trigger not in foo: %+v %+v", items.Indexes, items.Triggers)
	}
	if other := db.Schema("public").Table("other_items"); other == nil || other.Constraints[0].RefSchema != "foo" {
		t.Errorf("foreign key does not reference foo.items: %+v", other)
	}
	if len(foo.Views) != 1 || !strings.Contains(foo.Views[0].Query, "FROM c") || strings.Contains(foo.Views[0].Query, "foo.c") {
		t.Errorf("view query changed or view misplaced: %+v", foo.Views)
	}
	if len(foo.Functions) != 1 || len(foo.Types) != 2 || len(foo.Sequences) != 1 {
		t.Errorf("functions %d, types %d, sequences %d in foo; want 1, 2, 1", len(foo.Functions), len(foo.Types), len(foo.Sequences))
	}
}

// canonDefaults returns a copy of a function whose definition has its
// parameter list in paramsEqual's canonical form.
func canonDefaults(t *testing.T, f *engines.Function) *engines.Function {
	t.Helper()
	c := *f
	params := definitionParams(c.Definition)
	canon, ok := canonParams(params)
	if params == "" {
		return &c // no parameters
	}
	if !ok {
		t.Fatalf("function %s: parameter list %q does not parse", f.Signature(), params)
	}
	c.Definition = strings.Replace(c.Definition, "("+params+")", "("+canon+")", 1)
	return &c
}
