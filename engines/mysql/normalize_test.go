package mysql

import (
	"context"
	"errors"
	"strings"
	"testing"

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
	_, err = New().Parse(context.Background(), []engines.File{{Path: "d.sql", Text: "INSERT INTO a VALUES (1);"}}, engines.ParseOptions{})
	if !errors.Is(err, errUnsupported) {
		t.Errorf("INSERT: want errUnsupported, got %v", err)
	}
	var warned []string
	_, err = New().Parse(context.Background(), []engines.File{{Path: "d.sql", Text: "INSERT INTO a VALUES (1);"}},
		engines.ParseOptions{SkipUnsupported: true, Warn: func(m string) { warned = append(warned, m) }})
	if err != nil || len(warned) != 1 || !strings.Contains(warned[0], "d.sql:1") {
		t.Errorf("SkipUnsupported: err %v, warnings %q", err, warned)
	}
	_, err = New().Parse(context.Background(), []engines.File{{Path: "a.sql", Text: "CREATE TABLE a (id int);"}, {Path: "b.sql", Text: "CREATE TABLE a (id int);"}}, engines.ParseOptions{})
	if err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Errorf("duplicate table: %v", err)
	}
}

// TestApplyStopsAtFirstError checks that apply reports how many statements
// ran and which one failed, with its line, since nothing is rolled back.
func TestApplyStopsAtFirstError(t *testing.T) {
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			url := testdb.MySQL(t, server)
			script := "CREATE TABLE a (id int);\n\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END;\n\nCREATE TABLE a (id int);\n\nCREATE TABLE c (id int);\n"
			res, err := New().Apply(context.Background(), url, script, engines.ApplyOptions{})
			var se *engines.StatementError
			if !errors.As(err, &se) || se.Line != 5 {
				t.Fatalf("want a StatementError at line 5, got %v", err)
			}
			if res == nil || res.Executed != 2 {
				t.Fatalf("want 2 executed statements, got %+v", res)
			}
			db, err := New().Inspect(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			s := db.Schemas[0]
			if len(s.Tables) != 1 || len(s.Functions) != 1 || s.Name != "" {
				t.Errorf("want table a and procedure p only, got %d tables, %d routines", len(s.Tables), len(s.Functions))
			}
		})
	}
}
