package engines

import (
	"reflect"
	"testing"
)

func TestFindingSetCount(t *testing.T) {
	for _, tc := range []struct {
		n       int64
		rows    int64
		atLeast bool
		fails   bool
		msg     string
	}{
		{0, 0, false, false, "no rows holding NULL in a"},
		{3, 3, false, true, "rows holding NULL in a: 3"},
		{DataCheckCap + 1, DataCheckCap, true, true, "rows holding NULL in a: at least 1000"},
	} {
		var f Finding
		f.SetCount(tc.n, "rows holding NULL in a")
		if f.Rows != tc.rows || f.AtLeast != tc.atLeast || f.Fails != tc.fails || f.Message != tc.msg {
			t.Errorf("SetCount(%d) = %+v", tc.n, f)
		}
	}
}

func TestPlanTablesAndStatements(t *testing.T) {
	p := &Plan{
		Changes: []*Change{
			{Op: Alter, Kind: KindColumn, Schema: "s", Table: "t", Name: "a"},
			{Op: Add, Kind: KindConstraint, Schema: "s", Table: "t", Name: "fk", To: &Constraint{Kind: ForeignKey, RefTable: "r"}},
			{Op: Add, Kind: KindTable, Schema: "s", Name: "new"},
			{Op: Drop, Kind: KindTable, Schema: "s", Name: "old"},
		},
		Statements: []*Statement{
			{SQL: "SET lock_timeout = '5s'", Object: "session"},
			{SQL: "ALTER TABLE s.t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID", Object: "column s.t.a"},
			{SQL: "ALTER TABLE s.t VALIDATE CONSTRAINT c", Object: "column s.t.a", Hazards: []Hazard{{Kind: HazardMayFailOnData}}},
		},
	}
	if got, want := p.TouchedTables(), []TableRef{{"s", "old"}, {"s", "t"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("TouchedTables = %v", got)
	}
	if got, want := p.ReferencedTables(), []TableRef{{"s", "r"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("ReferencedTables = %v", got)
	}
	if n := p.StatementOf("column s.t.a", HazardMayFailOnData); n != 3 {
		t.Errorf("StatementOf with the hazard = %d, want 3", n)
	}
	if n := p.StatementOf("column s.t.a", HazardBlockingLock); n != 2 {
		t.Errorf("StatementOf without the hazard = %d, want the first, 2", n)
	}
	if n := p.StatementOf("column s.t.b", HazardMayFailOnData); n != 0 {
		t.Errorf("StatementOf of no statement = %d", n)
	}
}
