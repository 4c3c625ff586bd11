package mysql

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

func TestCanonType(t *testing.T) {
	tests := map[string]string{
		"int(11)":                  "int",
		"INT(10) UNSIGNED":         "int unsigned",
		"tinyint(1)":               "tinyint(1)",
		"tinyint(4)":               "tinyint",
		"int(5) unsigned zerofill": "int(5) unsigned zerofill",
		"year(4)":                  "year",
		"decimal":                  "decimal(10,0)",
		"numeric(5)":               "decimal(5,0)",
		"enum('A','b')":            "enum('A','b')",
		"varchar(10)":              "varchar(10)",
		"double precision":         "double",
		"boolean":                  "tinyint(1)",
		"datetime(0)":              "datetime",
	}
	for in, want := range tests {
		if got := canonType(in); got != want {
			t.Errorf("canonType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonExpr(t *testing.T) {
	// Pairs that must print the same: what people write and what the server prints.
	same := [][2]string{
		{"(a>0)", "`a` > 0"},
		{"A > 0 AND b<>5", "(`a` > 0) and (`b` != 5)"},
		{"now()", "current_timestamp()"},
		{"CURRENT_TIMESTAMP", "current_timestamp()"},
		{"`t`.`a` + 1", "a+1"},
		{"_utf8mb4'x'", "'x'"},
		// MySQL's spellings of predicates with a NOT form, and of REGEXP.
		{"a not like 'x%'", "(not((`a` like _utf8mb4'x%')))"},
		{"a regexp '^a$'", "regexp_like(`a`,_utf8mb3'^a$')"},
		{"a not regexp 'b'", "(not(regexp_like(`a`,'b')))"},
		{"a not in (1, 2)", "(not((`a` in (1,2))))"},
		{"a is not null", "(not((`a` is null)))"},
	}
	for _, p := range same {
		if a, b := canonExpr(p[0]), canonExpr(p[1]); a != b {
			t.Errorf("canonExpr(%q) = %q but canonExpr(%q) = %q", p[0], a, p[1], b)
		}
	}
	if canonExpr("a > 0") == canonExpr("a > 1") {
		t.Error("different expressions must differ")
	}
}

func TestCanonDefault(t *testing.T) {
	tests := []struct{ text, typ, want string }{
		{"NULL", "int", ""},
		{"'5'", "int", "5"},
		{"1.5", "decimal(10,2)", "1.50"},
		{"TRUE", "tinyint(1)", "1"},
		{"'it''s'", "varchar(5)", "'it''s'"},
		{`'a\\b'`, "varchar(5)", `'a\\b'`},
		{"0", "varchar(5)", "'0'"},
		{"b'0101'", "bit(4)", "b'101'"},
		{"'2020-01-01'", "datetime", "'2020-01-01 00:00:00'"},
		{"now(6)", "datetime(6)", "current_timestamp(6)"},
		{"1e3", "double", "1000"},
	}
	for _, tt := range tests {
		if got := canonDefaultText(tt.text, tt.typ); got != tt.want {
			t.Errorf("canonDefaultText(%q, %q) = %q, want %q", tt.text, tt.typ, got, tt.want)
		}
	}
}

func TestCompareView(t *testing.T) {
	user := "SELECT t.id, u.x FROM t JOIN u ON t.id=u.id WHERE t.b>0"
	server := "select `db`.`t`.`id` AS `id`,`db`.`u`.`x` AS `x` from (`db`.`t` join `db`.`u` on(`db`.`t`.`id` = `db`.`u`.`id`)) where `db`.`t`.`b` > 0"
	if a, b := compareView(user), compareView(server); a != b {
		t.Errorf("views differ:\n%s\n%s", a, b)
	}
	if compareView("select a from t") == compareView("select b from t") {
		t.Error("different views must differ")
	}
}

// TestWrittenQuery checks the view text sent to the server: as written,
// without database qualifiers, or none (the reprint) when it cannot be.
func TestWrittenQuery(t *testing.T) {
	cases := []struct{ view, want string }{
		{"CREATE VIEW v AS SELECT count(*), lead(a) OVER (ORDER BY a) FROM t", "SELECT count(*), lead(a) OVER (ORDER BY a) FROM t"},
		{"CREATE VIEW v AS select `db`.`t`.`id` AS `id` from (`db`.`t` join db.u on(`db`.`t`.`id` = db . u.id))",
			"select `t`.`id` AS `id` from (`t` join u on(`t`.`id` = u.id))"},
		{"CREATE VIEW v AS SELECT d.f(x), 'db.t' FROM db.t", "SELECT f(x), 'db.t' FROM t"},
		// db is also an alias: its text cannot say which is which.
		{"CREATE VIEW v AS SELECT db.a FROM db.t AS db", ""},
		{"CREATE VIEW v AS SELECT a FROM t -- the comment would swallow what follows", ""},
	}
	for _, c := range cases {
		stmt, err := newParser().ParseOneStmt(c.view, "", "")
		if err != nil {
			t.Fatalf("%s: %v", c.view, err)
		}
		if got := writtenQuery(stmt.(*ast.CreateViewStmt).Select); got != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.view, got, c.want)
		}
	}
}

func TestParseFlavor(t *testing.T) {
	tests := []struct {
		version, comment string
		want             Flavor
		supported        bool
	}{
		{"10.11.19-MariaDB-0+deb12u1", "Debian 12", Flavor{MariaDB: true, Major: 10, Minor: 11, Patch: 19}, true},
		{"5.5.5-10.6.3-MariaDB", "mariadb.org binary distribution", Flavor{MariaDB: true, Major: 10, Minor: 6, Patch: 3}, true},
		{"8.4.2", "MySQL Community Server - GPL", Flavor{Major: 8, Minor: 4, Patch: 2}, true},
		{"9.1.0", "MySQL Community Server - GPL", Flavor{Major: 9, Minor: 1}, true},
		{"5.7.44-log", "MySQL Community Server (GPL)", Flavor{Major: 5, Minor: 7, Patch: 44}, false},
		{"mariadb-11.4.2", "", Flavor{MariaDB: true, Major: 11, Minor: 4, Patch: 2}, true},
	}
	for _, tt := range tests {
		got, err := ParseFlavor(tt.version, tt.comment)
		if err != nil {
			t.Fatalf("ParseFlavor(%q): %v", tt.version, err)
		}
		if got != tt.want || got.Supported() != tt.supported {
			t.Errorf("ParseFlavor(%q) = %+v (supported %v), want %+v (%v)", tt.version, got, got.Supported(), tt.want, tt.supported)
		}
		back, err := ParseFlavor(got.String(), "")
		if err != nil || back != got {
			t.Errorf("ParseFlavor(%q) = %+v, %v: want the round trip", got.String(), back, err)
		}
	}
	if _, err := ParseFlavor("garbage", ""); err == nil {
		t.Error("want an error for an unknown version")
	}
	m := Flavor{MariaDB: true, Major: 10, Minor: 11}
	o := Flavor{Major: 8, Minor: 4}
	if m.DropCheck("c") != "DROP CONSTRAINT `c`" || o.DropCheck("c") != "DROP CHECK `c`" {
		t.Error("DropCheck spelled wrong")
	}
	if m.DefaultCollation("utf8mb4") != "utf8mb4_general_ci" || o.DefaultCollation("utf8mb4") != "utf8mb4_0900_ai_ci" {
		t.Error("DefaultCollation wrong")
	}
}

func TestDriverDSN(t *testing.T) {
	got, err := DriverDSN("mysql://app:s3cr%40t@db.example:3307/shop?tls=skip-verify")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"app:s3cr@t@tcp(db.example:3307)/shop", "parseTime=true", "tls=skip-verify", "interpolateParams=true"} {
		if !strings.Contains(got, want) {
			t.Errorf("DriverDSN = %q, want it to contain %q", got, want)
		}
	}
	if got, _ := DriverDSN("mariadb://root@localhost/x"); !strings.Contains(got, "tcp(localhost:3306)/x") {
		t.Errorf("default port: %q", got)
	}
	for _, bad := range []string{"mysql://u:hunter2@h:3306/", "mysql://u:hunter2@h:3306/db?timeout=soon", "postgres://u:hunter2@h/db", "mysql://u:hunter2@h:bad%zz/db"} {
		_, err := DriverDSN(bad)
		if err == nil {
			t.Errorf("DriverDSN(%q): want an error", bad)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error leaks the password: %v", err)
		}
	}
	// A refused connection names the server but not the password.
	_, err = New().Inspect(context.Background(), "mysql://u:hunter2@127.0.0.1:1/db")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("connect error = %v: want an error without the password", err)
	}
}

func TestParseErrors(t *testing.T) {
	_, err := New().Parse(context.Background(), []engines.File{{Path: "s.sql", Text: "CREATE TABLE a (id int);\n\nCREATE TABLE b (id int,,);"}}, engines.ParseOptions{})
	var se *engines.StatementError
	if !errors.As(err, &se) || se.File != "s.sql" || se.Line != 3 || !strings.Contains(se.Statement, "CREATE TABLE b") {
		t.Fatalf("want a StatementError at s.sql:3, got %v", err)
	}
	_, err = New().Parse(context.Background(), []engines.File{{Path: "d.sql", Text: "CREATE USER u;"}}, engines.ParseOptions{})
	if !errors.Is(err, errUnsupported) {
		t.Errorf("CREATE USER: want errUnsupported, got %v", err)
	}
	var warned []string
	_, err = New().Parse(context.Background(), []engines.File{{Path: "d.sql", Text: "CREATE USER u;"}},
		engines.ParseOptions{SkipUnsupported: true, Warn: func(m string) { warned = append(warned, m) }})
	if err != nil || len(warned) != 1 || !strings.Contains(warned[0], "d.sql:1") {
		t.Errorf("SkipUnsupported: err %v, warnings %q", err, warned)
	}
	// Rows are data: left out, with one warning per file.
	warned = nil
	db, err := New().Parse(context.Background(), []engines.File{{Path: "seed.sql",
		Text: "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nUPDATE a SET id = 2;\nREPLACE INTO a VALUES (3);\nDELETE FROM a;\n"}},
		engines.ParseOptions{Warn: func(m string) { warned = append(warned, m) }})
	if err != nil || len(db.Schemas[0].Tables) != 1 || len(warned) != 1 || !strings.Contains(warned[0], "seed.sql:2: INSERT ignored") {
		t.Errorf("rows: err %v, warnings %q", err, warned)
	}
	_, err = New().Parse(context.Background(), []engines.File{{Path: "a.sql", Text: "CREATE TABLE a (id int);"}, {Path: "b.sql", Text: "CREATE TABLE a (id int);"}}, engines.ParseOptions{})
	if err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Errorf("duplicate table: %v", err)
	}
}

// TestApplyStopsAtFirstError checks that apply reports how many statements
// ran and which one failed, with its line, since nothing is rolled back.
func TestApplyStopsAtFirstError(t *testing.T) {
	for _, server := range testdb.MySQLFamilyServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			url := serverURL(t, server)
			script := "CREATE TABLE a (id int);\n\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END;\n\nCREATE TABLE a (id int);\n\nCREATE TABLE c (id int);\n"
			if server.Name == "tidb" {
				// TiDB has no procedures: a view stands for the second object.
				script = strings.Replace(script, "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END;", "CREATE VIEW p AS SELECT 1 AS one;", 1)
			}
			res, err := engineFor(server).Apply(context.Background(), url, script, engines.ApplyOptions{})
			var se *engines.StatementError
			if !errors.As(err, &se) || se.Line != 5 {
				t.Fatalf("want a StatementError at line 5, got %v", err)
			}
			if res == nil || res.Executed != 2 {
				t.Fatalf("want 2 executed statements, got %+v", res)
			}
			db, err := engineFor(server).Inspect(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			s := db.Schemas[0]
			if len(s.Tables) != 1 || len(s.Functions)+len(s.Views) != 1 || s.Name != "" {
				t.Errorf("want table a and procedure p only, got %d tables, %d routines", len(s.Tables), len(s.Functions))
			}
		})
	}
}

func TestUnescapeString(t *testing.T) {
	// MySQL prints expression text in information_schema escaped as inside
	// a string literal.
	tests := map[string]string{
		`concat(_utf8mb4\'x\\\'y\')`: `concat(_utf8mb4'x\'y')`,
		`(\'a\nb\')`:                 "('a\nb')",
		`plain`:                      `plain`,
		`trailing\`:                  `trailing\`,
	}
	for in, want := range tests {
		if got := unescapeString(in); got != want {
			t.Errorf("unescapeString(%q) = %q, want %q", in, got, want)
		}
	}
	inspected := unescapeString("((`s` <> _latin1\\'it\\\\\\'s\\') and (`s` like _utf8mb4\\'a%\\'))")
	if got, want := canonExpr(inspected), canonExpr("s <> 'it\\'s' AND s LIKE 'a%'"); got != want {
		t.Errorf("unescaped check prints %q, want %q", got, want)
	}
}

func TestHideSpatialTypes(t *testing.T) {
	tests := []struct {
		in, out string
		types   map[string]string
	}{
		{"CREATE TABLE t (id int, location point NOT NULL, g geometry)",
			"CREATE TABLE t (id int, location longblob NOT NULL, g longblob)",
			map[string]string{"location": "point", "g": "geometry"}},
		{"CREATE TABLE t (`Loc` POINT NOT NULL /*!80003 SRID 4326 */, b int)",
			"CREATE TABLE t (`Loc` longblob NOT NULL , b int)",
			map[string]string{"loc": "point srid 4326"}},
		{"ALTER TABLE t ADD COLUMN p polygon SRID 0", "ALTER TABLE t ADD COLUMN p longblob ", map[string]string{"p": "polygon srid 0"}},
		// A function call is no type.
		{"CREATE TABLE t (p int DEFAULT (point(1, 2)))", "CREATE TABLE t (p int DEFAULT (point(1, 2)))", nil},
	}
	for _, tt := range tests {
		out, types := hideSpatialTypes(tt.in)
		if out != tt.out {
			t.Errorf("hideSpatialTypes(%q) text = %q, want %q", tt.in, out, tt.out)
		}
		if len(types) != len(tt.types) {
			t.Errorf("hideSpatialTypes(%q) types = %v, want %v", tt.in, types, tt.types)
		}
		for k, v := range tt.types {
			if types[k] != v {
				t.Errorf("hideSpatialTypes(%q) type of %s = %q, want %q", tt.in, k, types[k], v)
			}
		}
	}
}

func TestParseSpatialAndBinary(t *testing.T) {
	db, err := New().Parse(context.Background(), []engines.File{{Path: "t.sql", Text: `
CREATE TABLE t (
  id int PRIMARY KEY,
  loc point NOT NULL,
  w varchar(10) BINARY,
  l varchar(10) CHARACTER SET latin1 BINARY,
  SPATIAL KEY sx (loc),
  FULLTEXT KEY fx (w)
) DEFAULT CHARSET=utf8mb4;`}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tb := schemaOf(db).Tables[0]
	if got := columnCI(tb, "loc").Type; got != "point" {
		t.Errorf("loc type = %q, want point", got)
	}
	if got := columnCI(tb, "w").Collation; got != "utf8mb4_bin" {
		t.Errorf("w collation = %q, want utf8mb4_bin", got)
	}
	if got := columnCI(tb, "l").Collation; got != "latin1_bin" {
		t.Errorf("l collation = %q, want latin1_bin", got)
	}
	if got := indexByName(tb, "sx").Method; got != "SPATIAL" {
		t.Errorf("sx method = %q, want SPATIAL", got)
	}
	if got := indexByName(tb, "fx").Method; got != "FULLTEXT" {
		t.Errorf("fx method = %q, want FULLTEXT", got)
	}
}

func TestParseShowCreateView(t *testing.T) {
	v, err := parseShowCreateView("v", "CREATE ALGORITHM=TEMPTABLE DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` (`k`,`n`) AS select `t`.`id` AS `id`,`t`.`a` AS `a` from `t` WITH CASCADED CHECK OPTION")
	if err != nil {
		t.Fatal(err)
	}
	if v.algorithm != "TEMPTABLE" {
		t.Errorf("algorithm = %q, want TEMPTABLE", v.algorithm)
	}
	if want, _ := canonView("select id as k, a as n from t"); compareView(v.query) != compareView(want) {
		t.Errorf("query = %q, want the column list folded in: %q", v.query, want)
	}
}

// TestEventRelativeTimes: an event whose AT or ENDS is relative to the
// current time compares without that time (the server stores the moment
// it meant), one with two fixed times compares them.
func TestEventRelativeTimes(t *testing.T) {
	ctx := context.Background()
	plan := func(target, source string) *engines.Plan {
		t.Helper()
		tgt, err := New().Parse(ctx, []engines.File{{Path: "target.sql", Text: target}}, engines.ParseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		src, err := New().Parse(ctx, []engines.File{{Path: "source.sql", Text: source}}, engines.ParseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		p, err := New().Plan(ctx, tgt, src, engines.PlanOptions{AllowDrops: true})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	stored := "CREATE EVENT tick ON SCHEDULE EVERY 1 HOUR ENDS '2026-11-27 10:00:00' ON COMPLETION PRESERVE DISABLE DO DELETE FROM log;\n" +
		"CREATE EVENT once ON SCHEDULE AT '2026-11-28 10:00:00' ON COMPLETION PRESERVE DISABLE DO DELETE FROM log;"
	relative := "CREATE EVENT tick ON SCHEDULE EVERY 1 HOUR ENDS CURRENT_TIMESTAMP + INTERVAL 1 DAY ON COMPLETION PRESERVE DISABLE DO DELETE FROM log;\n" +
		"CREATE EVENT once ON SCHEDULE AT now() + INTERVAL 2 DAY ON COMPLETION PRESERVE DISABLE DO DELETE FROM log;"
	if p := plan(stored, relative); !p.Empty() {
		t.Errorf("relative times planned a change:\n%s", engines.RenderSQL(p))
	}
	moved := strings.ReplaceAll(stored, "2026-11-2", "2027-01-0")
	if p := plan(stored, moved); len(p.Changes) != 2 {
		t.Errorf("fixed times that differ: %d changes, want 2:\n%s", len(p.Changes), engines.RenderSQL(p))
	}
	body := strings.ReplaceAll(relative, "DELETE FROM log", "DELETE FROM log WHERE id > 1")
	if p := plan(stored, body); len(p.Changes) != 2 {
		t.Errorf("relative times with another body: %d changes, want 2:\n%s", len(p.Changes), engines.RenderSQL(p))
	}
}

// TestConstantPartitionBounds: TO_DAYS and TO_SECONDS of literals read as
// the numbers the servers store (checked against MariaDB 10.11).
func TestConstantPartitionBounds(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{"to_days('2010-11-07')", "734448"},
		{"TO_DAYS('1970-01-01')", "719528"},
		{"to_days('0001-01-01')", "366"},
		{"to_days('2024-02-29 13:00:00')", "739310"},
		{"to_seconds('2010-11-07 01:02:03')", "63456310923"},
		{"to_days(now())", ""},
		{"unix_timestamp('2010-11-07')", ""},
	} {
		e, err := parseExpr(tc.expr)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := constantBound(e)
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.expr, got, tc.want)
		}
	}
}
