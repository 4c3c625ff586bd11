package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// TestParseStatistics checks how CREATE STATISTICS reads into the model:
// unnamed objects are named as the server names them (PostgreSQL 16 takes
// them; the test server is older), kinds and columns are put in the
// server's order, "(a)" is the column a.
func TestParseStatistics(t *testing.T) {
	text := `CREATE SCHEMA s;
CREATE TABLE s.orders (id int, city text, zip text, state text);
CREATE STATISTICS ON city, (lower(zip)) FROM s.orders;
CREATE STATISTICS ON city, (lower(zip)) FROM s.orders;
CREATE STATISTICS named (mcv, ndistinct) ON (zip), city FROM s.orders;
CREATE STATISTICS single ON (lower(state)) FROM s.orders;
ALTER STATISTICS named SET STATISTICS 7;
COMMENT ON STATISTICS named IS 'c';
`
	db, err := parseFiles(context.Background(), []engines.File{{Path: "a.sql", Text: text}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range db.Schema("s").Table("orders").Statistics {
		target := "default"
		if st.Target != nil {
			target = strings.Repeat("*", int(*st.Target))
		}
		got = append(got, strings.Join([]string{st.Schema, st.Name, strings.Join(st.Kinds, "+"), strings.Join(st.Columns, "+"),
			strings.Join(st.Exprs, "+"), target, st.Comment}, "|"))
	}
	want := []string{ // sorted by schema and name
		"public|named|ndistinct+mcv|city+zip||*******|c",
		"public|single|||lower(state)|default|",
		"s|orders_city_expr_stat|ndistinct+dependencies+mcv|city|lower(zip)|default|",
		"s|orders_city_expr_stat1|ndistinct+dependencies+mcv|city|lower(zip)|default|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("statistics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
