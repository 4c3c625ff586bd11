package postgres

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestCheckPrinterMatchesServer prints every CHECK constraint of
// testdata/catalog/checks.sql from its stored tree and compares the text
// with pg_get_constraintdef()'s byte for byte. Constraints named p_... are
// shapes the printer must print; s_... ones it must leave to the server
// (a function call, a numeric, date or enum constant, non-ASCII text).
func TestCheckPrinterMatchesServer(t *testing.T) {
	ctx := context.Background()
	script, err := os.ReadFile("testdata/catalog/checks.sql")
	if err != nil {
		t.Fatal(err)
	}
	_, conn := onlineDB(t, string(script))
	ops := map[uint32]builtinOperator{}
	rows, err := conn.Query(ctx, `SELECT o.oid, o.oprname, o.oprleft, o.oprright FROM pg_operator o
WHERE o.oid < 16384 AND o.oprnamespace = 'pg_catalog'::regnamespace`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var oid, l, r uint32
		var name string
		if err := rows.Scan(&oid, &name, &l, &r); err != nil {
			t.Fatal(err)
		}
		ops[oid] = builtinOperator{name: name, left: l, right: r}
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	atts := map[attKey]attInfo{}
	rows, err = conn.Query(ctx, `SELECT a.attrelid, a.attnum, a.attname, a.atttypid FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname IN ('c1', 'c2') AND a.attnum > 0 AND NOT a.attisdropped`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var rel, typ uint32
		var num int16
		var name string
		if err := rows.Scan(&rel, &num, &name, &typ); err != nil {
			t.Fatal(err)
		}
		atts[attKey{rel, num}] = attInfo{name: name, typ: typ}
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	rows, err = conn.Query(ctx, `SELECT k.conname, k.conrelid, k.conbin::text, k.connoinherit, k.convalidated, pg_get_constraintdef(k.oid)
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE k.contype = 'c' AND c.relname IN ('c1', 'c2') ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	printed, left := 0, 0
	for rows.Next() {
		var name, bin, want string
		var rel uint32
		var noInherit, validated bool
		if err := rows.Scan(&name, &rel, &bin, &noInherit, &validated, &want); err != nil {
			t.Fatal(err)
		}
		p := checkPrinter{ops: ops, column: func(num int16) (attInfo, bool) { a, ok := atts[attKey{rel, num}]; return a, ok }}
		got, ok := p.checkDef(bin, noInherit, validated)
		switch {
		case ok && got != want:
			t.Errorf("%s: printed %q, the server %q", name, got, want)
		case ok && strings.HasPrefix(name, "s_"):
			t.Errorf("%s: printed %q, want it left to the server", name, got)
		case !ok && strings.HasPrefix(name, "p_"):
			t.Errorf("%s: not printed, want %q", name, want)
		}
		if ok {
			printed++
		} else {
			left++
		}
	}
	rows.Close()
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if printed < 25 || left < 8 {
		t.Errorf("printed %d, left to the server %d: the test data lost its shapes", printed, left)
	}

	// Partial indexes' predicates, as pg_get_indexdef() prints them after
	// WHERE (pg_get_expr() of the same tree).
	in := &inspector{operators: ops, atts: atts}
	rows, err = conn.Query(ctx, `SELECT c.relname, x.indrelid, x.indpred::text, pg_get_expr(x.indpred, x.indrelid)
FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indpred IS NOT NULL ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	preds := 0
	for rows.Next() {
		var name, pred, want string
		var rel uint32
		if err := rows.Scan(&name, &rel, &pred, &want); err != nil {
			t.Fatal(err)
		}
		got, ok := in.printPredicate(rel, pred)
		switch {
		case ok && got != want:
			t.Errorf("%s: printed %q, the server %q", name, got, want)
		case ok != strings.HasPrefix(name, "p_"):
			t.Errorf("%s: printed %v (%q), want %v", name, ok, got, !ok)
		}
		preds++
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if preds < 6 {
		t.Errorf("%d partial indexes: the test data lost them", preds)
	}
}

// TestParseNodeTree reads the text forms the printer relies on and refuses
// broken ones.
func TestParseNodeTree(t *testing.T) {
	v, ok := parseNodeTree(`{OPEXPR :opno 521 :args ({VAR :varno 1 :varattno 1} {CONST :consttype 23 :constisnull false :constvalue 4 [ -1 -1 -1 -1 -1 -1 -1 -1 ]}) :location 261}`)
	if !ok || v.node == nil || v.node.name != "OPEXPR" || len(v.node.field("args").list) != 2 {
		t.Fatalf("parse: %+v %v", v, ok)
	}
	c := v.node.field("args").list[1].node
	if d := c.field("constvalue").datum(); len(d) != 8 || d[0] != 0xff {
		t.Errorf("datum %v", d)
	}
	for _, bad := range []string{``, `{OPEXPR :opno 1`, `{OPEXPR :opno 1}}`, `{CONST :constvalue 2 [ 1 ]}`, `{CONST :constvalue 4 [ 1 2 3 ]}`, `{CONST :constvalue 1 [ 300 ]}`, `({VAR}`, `{:x 1}`} {
		if _, ok := parseNodeTree(bad); ok {
			t.Errorf("%q parsed", bad)
		}
	}
}

// FuzzNodeTree feeds any text to the tree reader and the printer: nothing
// panics, and what the printer prints is SQL the parser reads back as a
// CHECK constraint.
func FuzzNodeTree(f *testing.F) {
	for _, seed := range []string{
		`{OPEXPR :opno 521 :opfuncid 147 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varlevelsup 0 :varnosyn 1 :varattnosyn 1 :location 259} {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true :constisnull false :location 263 :constvalue 4 [ 0 0 0 0 0 0 0 0 ]}) :location 261}`,
		`{BOOLEXPR :boolop not :args ({VAR :varno 1 :varattno 6 :vartype 16 :vartypmod -1 :varcollid 0 :varlevelsup 0 :varnosyn 1 :varattnosyn 6 :location 303}) :location 299}`,
		`{NULLTEST :arg {VAR :varno 1 :varattno 6 :vartype 16 :vartypmod -1 :varcollid 0 :varlevelsup 0 :varnosyn 1 :varattnosyn 6 :location 185} :nulltesttype 1 :argisrow false :location 187}`,
		`{OPEXPR :opno 531 :opfuncid 157 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 100 :args ({VAR :varno 1 :varattno 3 :vartype 25 :vartypmod -1 :varcollid 100 :varlevelsup 0 :varnosyn 1 :varattnosyn 3 :location 128} {CONST :consttype 25 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false :location 133 :constvalue 6 [ 24 0 0 0 39 39 ]}) :location 130}`,
	} {
		f.Add(seed)
	}
	ops := map[uint32]builtinOperator{521: {">", 23, 23}, 531: {"<>", 25, 25}, 98: {"=", 25, 25}, 96: {"=", 23, 23}}
	f.Fuzz(func(t *testing.T, tree string) {
		p := checkPrinter{ops: ops, column: func(num int16) (attInfo, bool) {
			return attInfo{name: "c" + strings.Repeat("x", int(num%3)), typ: map[int16]uint32{1: 23, 3: 25, 6: 16}[num]}, true
		}}
		def, ok := p.checkDef(tree, false, true)
		if !ok {
			return
		}
		if _, err := parseConstraintDef("s", "t", "k", def); err != nil {
			t.Fatalf("printed %q, which does not parse: %v", def, err)
		}
	})
}
