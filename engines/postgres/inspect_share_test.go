package postgres

import (
	"reflect"
	"testing"
)

// TestIndexDefKey checks that index definitions share a key exactly when
// they parse to the same index but for its name, which is what lets
// inspection parse each shared definition once.
func TestIndexDefKey(t *testing.T) {
	defs := []string{
		"CREATE INDEX t1_c1_idx ON bench.t1 USING btree (c1, qty)",
		"CREATE INDEX t2_c1_idx ON bench.t2 USING btree (c1, qty)",
		"CREATE INDEX t3_c1_idx ON ONLY bench.t3 USING btree (c1, qty)",
		"CREATE UNIQUE INDEX t1_c1_key ON bench.t1 USING btree (c1, qty)",
		"CREATE INDEX t1_p_idx ON bench.t1 USING btree (updated_at DESC) WHERE (qty > 0)",
		"CREATE INDEX t2_p_idx ON bench.t2 USING btree (updated_at DESC) WHERE (qty > 1)",
		`CREATE INDEX "a ON b USING c" ON bench.t1 USING btree (c1, qty)`,
		`CREATE INDEX i ON "x USING y".t USING gin (c1)`,
		`CREATE INDEX j ON public."ON" USING btree (c1, qty) INCLUDE (c2)`,
		"CREATE INDEX k ON public.t USING btree (lower(c1) text_pattern_ops) WITH (fillfactor='70')",
	}
	for i, a := range defs {
		_, _, ia, err := parseIndexDef(a)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		for _, b := range defs[i+1:] {
			_, _, ib, err := parseIndexDef(b)
			if err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if indexDefKey(a) != indexDefKey(b) {
				continue
			}
			named := *ib
			named.Name = ia.Name
			if !reflect.DeepEqual(ia, &named) {
				t.Errorf("same key %q, different indexes:\n  %s\n  %s", indexDefKey(a), a, b)
			}
		}
	}
	same := [][2]int{{0, 1}, {0, 2}}
	for _, p := range same {
		if indexDefKey(defs[p[0]]) != indexDefKey(defs[p[1]]) {
			t.Errorf("%q and %q should share a key", defs[p[0]], defs[p[1]])
		}
	}
	if indexDefKey(defs[0]) == indexDefKey(defs[3]) || indexDefKey(defs[4]) == indexDefKey(defs[5]) {
		t.Error("unique and plain, or different predicates, share a key")
	}
}
