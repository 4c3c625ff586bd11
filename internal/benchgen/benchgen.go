// Package benchgen generates large, realistic PostgreSQL and MySQL schemas
// for benchmarks and load tests, each in two versions: the base and a
// changed version in which about 5% of the objects differ. The same size
// and seed always give the same scripts.
package benchgen

import (
	"fmt"
	"math/rand"
	"strings"
)

// Version identifies the generator's output. Benchmarks cache loaded
// databases under a marker holding it: change it whenever a script for
// the same size and seed changes, so that stale caches are reloaded.
const Version = 2

// change is what the changed version does to one generated table.
type change int

const (
	unchanged change = iota
	addColumn
	dropIndex
	newDefault
	addIndex
	newCheck
	setNotNull
	dropTable // the table exists only in the base
)

// How often each kind of change happens. One table in 25 is altered (4%,
// the kinds in turn), one in 200 is dropped, one new table is added per
// 200, one view in 20 changes its query, and one function changes its
// body: about 5% of the objects in all.
const (
	alterEvery = 25
	dropEvery  = 200
	addEvery   = 200
	viewEvery  = 100 // a view over every 100th table
	viewChange = 20  // one view in 20 of those changes
)

// changeOf says what the changed version does to table i (1-based).
func changeOf(i int) change {
	switch {
	case i%dropEvery == 111:
		// Never a multiple of 50 or 100: no trigger or view depends on
		// it, and parentOf never picks it.
		return dropTable
	case i%alterEvery == 7:
		// The kinds from addColumn to setNotNull, in turn.
		return addColumn + change((i/alterEvery)%int(setNotNull-addColumn+1))
	}
	return unchanged
}

// addedAfter reports whether the changed version adds a new table after
// table i.
func addedAfter(i int) bool { return i%addEvery == 50 }

// viewChanged reports whether the changed version alters the view over
// table i.
func viewChanged(i int) bool { return i%viewEvery == 0 && (i/viewEvery)%viewChange == 3 }

// parentOf picks the table that table i (> 1) references, drawing one
// number from r whatever the version, so that both versions stay alike:
// a table the changed version drops is never referenced.
func parentOf(r *rand.Rand, i int) int {
	p := 1 + r.Intn(i-1)
	if changeOf(p) == dropTable {
		p--
	}
	return p
}

// tableDraws makes the draws that follow table i's columns, the same
// in both versions: the earlier table it references (0 for the first
// table) and what the changed version does to it (unchanged in the base).
func tableDraws(r *rand.Rand, i int, changed bool) (parent int, ch change) {
	if i > 1 {
		parent = parentOf(r, i)
	}
	if changed {
		ch = changeOf(i)
	}
	return parent, ch
}

// columnTypes are the types generated columns draw from, with a default
// that suits each (empty: none).
var columnTypes = []struct{ typ, def string }{
	{"integer", "0"},
	{"bigint", ""},
	{"smallint", "1"},
	{"numeric(12,2)", "0"},
	{"text", "''"},
	{"varchar(80)", ""},
	{"boolean", "false"},
	{"timestamptz", "now()"},
	{"date", ""},
	{"jsonb", "'{}'::jsonb"},
	{"uuid", ""},
	{"text[]", ""},
	{"bench.status", "'new'"},
}

// Postgres returns a script that creates the schema "bench" with the given
// number of tables (see Batches).
func Postgres(tables int, seed int64) string {
	return strings.Join(Batches(tables, seed, tables), "")
}

// PostgresChanged returns the changed version of Postgres(tables, seed):
// about 5% of its objects are added, dropped or altered.
func PostgresChanged(tables int, seed int64) string {
	return strings.Join(postgresBatches(tables, seed, tables, true), "")
}

// Batches returns the script of Postgres cut into pieces of at most
// perBatch tables each, so that a loader can run each piece in its own
// transaction: one transaction creating thousands of tables runs out of
// lock slots. Each table has an identity primary key, 4 to 9 columns of
// mixed types, 2 or 3 secondary indexes, a check and, after the first, a
// foreign key to an earlier table; one table in 50 has a trigger, one in
// 100 a view over it, and a few functions exist besides.
func Batches(tables int, seed int64, perBatch int) []string {
	return postgresBatches(tables, seed, perBatch, false)
}

func postgresBatches(tables int, seed int64, perBatch int, changed bool) []string {
	if perBatch < 1 {
		perBatch = 1
	}
	r := rand.New(rand.NewSource(seed))
	var batches []string
	var b strings.Builder
	addBody := "SELECT a + b"
	if changed {
		addBody = "SELECT a + b + 0"
	}
	b.WriteString("CREATE SCHEMA bench;\n")
	b.WriteString("CREATE TYPE bench.status AS ENUM ('new', 'active', 'closed');\n")
	b.WriteString(`CREATE FUNCTION bench.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE FUNCTION bench.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS '` + addBody + `';
CREATE PROCEDURE bench.noop(n integer) LANGUAGE plpgsql AS $$ BEGIN PERFORM n; END $$;
`)
	for i := 1; i <= tables; i++ {
		// Every random draw happens in both versions, in the same order.
		name := fmt.Sprintf("bench.t%05d", i)
		ncols := 4 + r.Intn(6)
		var cols, idx []string
		cols = append(cols, "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
		for c := 1; c <= ncols; c++ {
			ct := columnTypes[r.Intn(len(columnTypes))]
			col := fmt.Sprintf("c%d %s", c, ct.typ)
			if r.Intn(3) == 0 {
				col += " NOT NULL"
			}
			if ct.def != "" && r.Intn(2) == 0 {
				col += " DEFAULT " + ct.def
			}
			cols = append(cols, col)
		}
		parent, ch := tableDraws(r, i, changed)
		if ch == dropTable {
			continue
		}
		qty := "qty integer NOT NULL DEFAULT 0 CHECK (qty >= 0)"
		updated := "updated_at timestamptz"
		switch ch {
		case newDefault:
			qty = "qty integer NOT NULL DEFAULT 1 CHECK (qty >= 0)"
		case newCheck:
			qty = "qty integer NOT NULL DEFAULT 0 CHECK (qty >= -1)"
		case setNotNull:
			updated = "updated_at timestamptz NOT NULL DEFAULT now()"
		}
		cols = append(cols, qty, updated)
		if ch == addColumn {
			cols = append(cols, "note text")
		}
		if i > 1 {
			cols = append(cols, fmt.Sprintf("parent_id bigint REFERENCES bench.t%05d (id) ON DELETE SET NULL", parent))
			idx = append(idx, fmt.Sprintf("CREATE INDEX ON %s (parent_id);", name))
		}
		if ch != dropIndex {
			idx = append(idx, fmt.Sprintf("CREATE INDEX ON %s (c1, qty);", name))
		}
		idx = append(idx, fmt.Sprintf("CREATE INDEX ON %s (updated_at DESC) WHERE qty > 0;", name))
		if ch == addIndex {
			idx = append(idx, fmt.Sprintf("CREATE INDEX ON %s (qty, id);", name))
		}
		if i == 1 {
			idx = append(idx, fmt.Sprintf("CREATE UNIQUE INDEX ON %s (c2, id);", name))
		}
		fmt.Fprintf(&b, "CREATE TABLE %s (\n  %s\n);\n", name, strings.Join(cols, ",\n  "))
		for _, s := range idx {
			b.WriteString(s + "\n")
		}
		if i%50 == 0 {
			fmt.Fprintf(&b, "CREATE TRIGGER touch BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION bench.touch();\n", name)
		}
		if i%viewEvery == 0 {
			list := "id, qty"
			if changed && viewChanged(i) {
				list = "id, qty, updated_at"
			}
			fmt.Fprintf(&b, "CREATE VIEW bench.v%05d AS SELECT %s FROM %s WHERE qty > 0;\n", i, list, name)
		}
		if i%500 == 0 {
			fmt.Fprintf(&b, "COMMENT ON TABLE %s IS 'table %d';\n", name, i)
		}
		if changed && addedAfter(i) {
			fmt.Fprintf(&b, "CREATE TABLE bench.n%05d (\n  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n  "+
				"t_id bigint NOT NULL REFERENCES %s (id) ON DELETE CASCADE,\n  label text NOT NULL DEFAULT '',\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n"+
				"CREATE INDEX ON bench.n%05d (t_id);\n", i, name, i)
		}
		if i%perBatch == 0 || i == tables {
			batches = append(batches, b.String())
			b.Reset()
		}
	}
	if b.Len() > 0 {
		batches = append(batches, b.String())
	}
	return batches
}
