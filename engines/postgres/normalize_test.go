package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/internal/testdb"
)

// normalizeSetup is the schema the normalizer cases refer to.
const normalizeSetup = `
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE SEQUENCE nt_seq;
CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'select x';
CREATE TABLE nt (id integer, i integer, n numeric, t text, v varchar(20), c char(3), b boolean,
  ts timestamptz, d date, j jsonb, arr text[], e mood);
`

// normalizeCases pair a file's spelling with what the server prints back:
// kind "check" is a CHECK expression on nt, "default" a column default of
// type typ, "view" a view query, "index" an index expression, "where" a
// partial index predicate.
var normalizeCases = []struct{ kind, typ, sql string }{
	{"check", "", "i > 0"},
	{"check", "", "n > 0"},
	{"check", "", "n >= 0.5"},
	{"check", "", "t <> ''"},
	{"check", "", "v IN ('a', 'b')"},
	{"check", "", "t IN ('a', 'b')"},
	{"check", "", "v NOT IN ('x')"},
	{"check", "", "i NOT IN (1, 2)"},
	{"check", "", "i BETWEEN 1 AND 10"},
	{"check", "", "i NOT BETWEEN 1 AND 10"},
	{"check", "", "i IS NOT DISTINCT FROM 3"},
	{"check", "", "i IS DISTINCT FROM 3"},
	{"check", "", "t LIKE 'a%'"},
	{"check", "", "t ILIKE 'a%'"},
	{"check", "", "t NOT LIKE 'a%'"},
	{"check", "", "v LIKE 'a%'"},
	{"check", "", "length(t) < 10"},
	{"check", "", "char_length(v) > 2"},
	{"check", "", "b = true"},
	{"check", "", "b IS NOT NULL"},
	{"check", "", "i > 0 AND i < 100 AND n > 0"},
	{"check", "", "(i > 0) OR ((n > 0) AND (t <> ''))"},
	{"check", "", "ts > now() - interval '1 day'"},
	{"check", "", "d >= '2020-01-01'::date"},
	{"check", "", "j ? 'k'"},
	{"check", "", "j->>'k' = 'x'"},
	{"check", "", "arr <> '{}'"},
	{"check", "", "array_length(arr, 1) > 0"},
	{"check", "", "e <> 'a'"},
	{"check", "", "c = 'abc'"},
	{"check", "", "i = ANY (ARRAY[1, 2])"},
	{"check", "", "coalesce(i, 0) > -1"},
	{"check", "", "i > -1"},
	{"check", "", "n <> -1.5"},
	{"check", "", "lower(t) = t"},
	{"check", "", "upper(v) = 'X'"},
	{"check", "", "f(i) > 0"},
	{"check", "", "public.f(i) > 0"},
	{"check", "", "CASE WHEN i > 0 THEN true ELSE false END"},
	{"check", "", "ts < now()"},
	{"check", "", "ts < CURRENT_TIMESTAMP"},
	{"check", "", "v::text <> ''"},
	{"check", "", "int4(n) > 0"},
	{"check", "", "i::bigint > 0"},
	{"default", "text", "'x'"},
	{"default", "varchar(10)", "'x'"},
	{"default", "numeric", "0"},
	{"default", "numeric", "1.5"},
	{"default", "integer", "-1"},
	{"default", "bigint", "-1"},
	{"default", "boolean", "false"},
	{"default", "timestamptz", "now()"},
	{"default", "timestamptz", "CURRENT_TIMESTAMP"},
	{"default", "date", "CURRENT_DATE"},
	{"default", "text[]", "'{}'"},
	{"default", "text[]", "ARRAY['a', 'b']"},
	{"default", "jsonb", "'{}'"},
	{"default", "bigint", "nextval('nt_seq')"},
	{"default", "integer", "nextval('nt_seq'::regclass)"},
	{"default", "integer", "nextval('public.nt_seq'::regclass)"},
	{"default", "mood", "'a'"},
	{"default", "uuid", "gen_random_uuid()"},
	{"default", "interval", "'1 day'"},
	{"default", "numeric(10,2)", "0.00"},
	{"default", "integer", "f(1)"},
	{"view", "", "SELECT id, t FROM nt"},
	{"view", "", "SELECT nt.id AS id FROM nt WHERE i IN (1, 2)"},
	{"view", "", "SELECT id, t AS name FROM nt ORDER BY id"},
	{"view", "", "SELECT count(*) AS c FROM nt"},
	{"view", "", "SELECT id FROM nt n WHERE n.t LIKE 'a%'"},
	{"view", "", "SELECT 'x' AS k, id FROM public.nt;"},
	{"view", "", "SELECT id FROM nt WHERE v = 'x' AND i BETWEEN 1 AND 2"},
	{"index", "", "lower(t)"},
	{"index", "", "i + 1"},
	{"index", "", "(j ->> 'k')"},
	{"where", "", "t IS NOT NULL"},
	{"where", "", "v = 'x'"},
	{"where", "", "e = 'b' AND b"},
}

// TestNormalizeServerPairs loads each file form into PostgreSQL, reads the
// server's text back and asserts both give the same key.
func TestNormalizeServerPairs(t *testing.T) {
	url := testdb.Postgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, normalizeSetup); err != nil {
		t.Fatal(err)
	}
	if len(normalizeCases) < 40 {
		t.Fatalf("want at least 40 cases, have %d", len(normalizeCases))
	}
	for i, tc := range normalizeCases {
		t.Run(fmt.Sprintf("%02d_%s", i, tc.kind), func(t *testing.T) {
			name := fmt.Sprintf("x%d", i)
			var ddl, read string
			switch tc.kind {
			case "check":
				ddl = fmt.Sprintf("ALTER TABLE nt ADD CONSTRAINT %s CHECK (%s)", name, tc.sql)
				read = fmt.Sprintf("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = '%s'", name)
			case "default":
				ddl = fmt.Sprintf("ALTER TABLE nt ADD COLUMN %s %s DEFAULT %s", name, tc.typ, tc.sql)
				read = fmt.Sprintf(`SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
					JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
					WHERE d.adrelid = 'public.nt'::regclass AND a.attname = '%s'`, name)
			case "view":
				ddl = fmt.Sprintf("CREATE VIEW %s AS %s", name, tc.sql)
				read = fmt.Sprintf("SELECT pg_get_viewdef('public.%s'::regclass)", name)
			case "index":
				ddl = fmt.Sprintf("CREATE INDEX %s ON nt ((%s))", name, tc.sql)
				read = fmt.Sprintf("SELECT pg_get_indexdef('public.%s'::regclass)", name)
			case "where":
				ddl = fmt.Sprintf("CREATE INDEX %s ON nt (id) WHERE %s", name, tc.sql)
				read = fmt.Sprintf("SELECT pg_get_indexdef('public.%s'::regclass)", name)
			}
			if _, err := conn.Exec(ctx, ddl); err != nil {
				t.Fatalf("%s: %v", ddl, err)
			}
			var server string
			if _, err := conn.Exec(ctx, "SET search_path = pg_catalog"); err != nil {
				t.Fatal(err)
			}
			err := conn.QueryRow(ctx, read).Scan(&server)
			if _, err2 := conn.Exec(ctx, "RESET search_path"); err2 != nil {
				t.Fatal(err2)
			}
			if err != nil {
				t.Fatalf("%s: %v", read, err)
			}
			n := newNormalizer()
			var fileKey, serverKey string
			switch tc.kind {
			case "check":
				c, err := parseConstraintDef("public", "nt", name, server)
				if err != nil {
					t.Fatal(err)
				}
				fileKey, serverKey = n.expr(tc.sql), n.expr(c.Check)
			case "default":
				fileKey, serverKey = n.expr(tc.sql), n.expr(server)
			case "view":
				fileKey, serverKey = n.query(tc.sql), n.query(server)
			case "index", "where":
				_, _, idx, err := parseIndexDef(server)
				if err != nil {
					t.Fatal(err)
				}
				got := idx.Where
				if tc.kind == "index" {
					got = idx.Parts[0].Expr
				}
				fileKey, serverKey = n.expr(tc.sql), n.expr(got)
			}
			if fileKey != serverKey {
				t.Errorf("keys differ\n file:   %s\n   key:  %s\n server: %s\n   key:  %s", tc.sql, fileKey, server, serverKey)
			}
		})
	}
}

// TestNormalizeRules checks rules that need no server, including pairs
// that must stay different.
func TestNormalizeRules(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
	}{
		{"x IN (1, 2)", "x = ANY (ARRAY[1, 2])", true},
		{"x NOT IN (1, 2)", "x <> ALL (ARRAY[1, 2])", true},
		{"a LIKE 'x'", "a ~~ 'x'", true},
		{"a NOT ILIKE 'x'", "a !~~* 'x'", true},
		{"a BETWEEN 1 AND 2", "((a >= 1) AND (a <= 2))", true},
		{"a IS NOT DISTINCT FROM b", "NOT (a IS DISTINCT FROM b)", true},
		{"a IS NOT DISTINCT FROM b", "a IS DISTINCT FROM b", false},
		{"'a'::text", "'a'", true},
		{"NULL::text", "NULL", true},
		{"pg_catalog.lower(a)", "lower(a)", true},
		{"CURRENT_TIMESTAMP", "now()", true},
		{"(a)::text = 'x'", "a = 'x'", true},
		{"a::int", "a::integer", true},
		{"a::int4", "(a)::integer", true},
		{"a > 1", "a > 2", false},
		{"a::bigint", "a::integer", false},
		{"lower(a)", "upper(a)", false},
		{"a IN (1, 2)", "a IN (2, 1)", false},
		{"not valid sql (", "not  valid sql (", true},
	}
	n := newNormalizer()
	for _, tc := range cases {
		ka, kb := n.expr(tc.a), n.expr(tc.b)
		if (ka == kb) != tc.same {
			t.Errorf("expr(%q) = %q, expr(%q) = %q; want same=%v", tc.a, ka, tc.b, kb, tc.same)
		}
	}
	q1 := n.query(" SELECT t.a,\n    t.b AS c\n   FROM public.t;")
	q2 := n.query("select a, b as c from t")
	if q1 != q2 {
		t.Errorf("query keys differ: %q vs %q", q1, q2)
	}
	if strings.Contains(n.query("SELECT a AS b FROM t"), "AS b") == false {
		t.Errorf("an alias that renames must stay in the key")
	}
}
