package postgres

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

const policyTestTable = "CREATE TABLE t (id int, a int NOT NULL, b text);\n"

// TestPolicyParse checks the model parse builds for policies, row
// security, replica identity and USING INDEX, and the refusals.
func TestPolicyParse(t *testing.T) {
	cases := []struct {
		name    string
		sql     string
		wantErr string
		check   func(t *testing.T, tbl *engines.Table)
	}{
		{name: "defaults", sql: "CREATE POLICY p ON t USING (a > 0);",
			check: func(t *testing.T, tbl *engines.Table) {
				p := tbl.Policies[0]
				if p.Restrictive || p.Command != "ALL" || !slices.Equal(p.Roles, []string{"public"}) || p.Using == "" || p.WithCheck != "" {
					t.Errorf("policy = %+v", p)
				}
			}},
		{name: "public absorbs roles, roles sorted and deduplicated", sql: "CREATE POLICY p ON t AS RESTRICTIVE FOR UPDATE TO r2, r1, r2 USING (true) WITH CHECK (b <> 'x');\n" +
			"CREATE POLICY q ON t TO r1, PUBLIC USING (true);",
			check: func(t *testing.T, tbl *engines.Table) {
				p, q := tbl.Policies[0], tbl.Policies[1]
				if !p.Restrictive || p.Command != "UPDATE" || !slices.Equal(p.Roles, []string{"r1", "r2"}) || p.WithCheck == "" {
					t.Errorf("p = %+v", p)
				}
				if !slices.Equal(q.Roles, []string{"public"}) {
					t.Errorf("q roles = %q", q.Roles)
				}
			}},
		{name: "alter policy and comment", sql: "CREATE POLICY p ON t FOR SELECT USING (a = 1);\nALTER POLICY p ON t TO r1 USING (a = 2);\nCOMMENT ON POLICY p ON t IS 'c';",
			check: func(t *testing.T, tbl *engines.Table) {
				p := tbl.Policies[0]
				if !strings.Contains(p.Using, "2") || !slices.Equal(p.Roles, []string{"r1"}) || p.Comment != "c" {
					t.Errorf("policy = %+v", p)
				}
			}},
		{name: "row security and replica identity", sql: "ALTER TABLE t ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;\nCREATE UNIQUE INDEX t_a ON t (a);\nALTER TABLE t REPLICA IDENTITY USING INDEX t_a;",
			check: func(t *testing.T, tbl *engines.Table) {
				if !tbl.RowSecurity || !tbl.ForceRowSecurity || tbl.ReplicaIdentity != "INDEX" || tbl.ReplicaIdentityIndex != "t_a" {
					t.Errorf("table = %+v", tbl)
				}
			}},
		{name: "using index becomes the constraint", sql: "CREATE UNIQUE INDEX t_i ON t (id, a);\nALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_i;",
			check: func(t *testing.T, tbl *engines.Table) {
				if len(tbl.Indexes) != 0 || len(tbl.Constraints) != 1 {
					t.Fatalf("indexes %d, constraints %d", len(tbl.Indexes), len(tbl.Constraints))
				}
				c := tbl.Constraints[0]
				if c.Name != "t_pk" || c.Kind != engines.PrimaryKey || !slices.Equal(c.Columns, []string{"id", "a"}) || !tbl.Column("id").NotNull {
					t.Errorf("constraint = %+v", c)
				}
			}},
		{name: "using index not unique", sql: "CREATE INDEX t_i ON t (a);\nALTER TABLE t ADD UNIQUE USING INDEX t_i;", wantErr: "not unique"},
		{name: "using index missing", sql: "ALTER TABLE t ADD UNIQUE USING INDEX nope;", wantErr: "no such index"},
		{name: "replica identity missing index", sql: "ALTER TABLE t REPLICA IDENTITY USING INDEX nope;", wantErr: "no such index"},
		{name: "current_user role", sql: "CREATE POLICY p ON t TO CURRENT_USER USING (true);", wantErr: "CURRENT_USER"},
		{name: "unknown table", sql: "CREATE POLICY p ON nope USING (true);", wantErr: "public.nope"},
		{name: "alter unknown policy", sql: "ALTER POLICY nope ON t USING (true);", wantErr: "policy nope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db, err := parseFiles(context.Background(), []engines.File{{Path: "s.sql", Text: policyTestTable + tc.sql}}, engines.ParseOptions{})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, db.Schema("public").Table("t"))
		})
	}
}

// TestPolicyPlan checks which statements policy and table-level changes
// plan, without a server.
func TestPolicyPlan(t *testing.T) {
	cases := []struct {
		name     string
		from, to string
		toTable  string   // the table of to.sql when not policyTestTable
		want     []string // substrings of the statements, in order
	}{
		{name: "using changes in place", from: "CREATE POLICY p ON t USING (a = 1);", to: "CREATE POLICY p ON t USING (a = 2);",
			want: []string{"ALTER POLICY p ON public.t USING (a = 2)"}},
		{name: "command change recreates", from: "CREATE POLICY p ON t FOR SELECT USING (true);", to: "CREATE POLICY p ON t FOR DELETE USING (true);",
			want: []string{"DROP POLICY p ON public.t", "CREATE POLICY p ON public.t FOR DELETE"}},
		{name: "removed check recreates", from: "CREATE POLICY p ON t USING (true) WITH CHECK (a > 0);", to: "CREATE POLICY p ON t USING (true);",
			want: []string{"DROP POLICY p", "CREATE POLICY p ON public.t FOR ALL TO PUBLIC USING (true)"}},
		{name: "policy on dropped column goes first", from: "CREATE POLICY p ON t USING (b = 'x');",
			toTable: "CREATE TABLE t (id int, a int NOT NULL);\n",
			want:    []string{"DROP POLICY p", "DROP COLUMN b"}},
		{name: "rls and replica identity", from: "", to: "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\nALTER TABLE t REPLICA IDENTITY FULL;",
			want: []string{"ENABLE ROW LEVEL SECURITY", "REPLICA IDENTITY FULL"}},
		{name: "unique index taken over by a constraint", from: "CREATE UNIQUE INDEX t_i ON t (a);",
			to:   "CREATE UNIQUE INDEX t_i ON t (a);\nALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_i;",
			want: []string{"ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_i"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			to := policyTestTable
			if tc.toTable != "" {
				to = tc.toTable
			}
			from, err := parseFiles(ctx, []engines.File{{Path: "from.sql", Text: policyTestTable + tc.from}}, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			src, err := parseFiles(ctx, []engines.File{{Path: "to.sql", Text: to + tc.to}}, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			p, err := plan(ctx, from, src, engines.PlanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var sqls []string
			for _, s := range p.Statements {
				sqls = append(sqls, s.SQL)
			}
			at := 0
			for _, w := range tc.want {
				for at < len(sqls) && !strings.Contains(sqls[at], w) {
					at++
				}
				if at == len(sqls) {
					t.Fatalf("no statement containing %q in order; plan:\n%s", w, strings.Join(sqls, ";\n"))
				}
				at++
			}
			for _, s := range p.Statements {
				if strings.Contains(s.SQL, "DROP INDEX") && strings.Contains(tc.name, "taken over") {
					t.Errorf("index dropped instead of taken over: %s", s.SQL)
				}
				if strings.Contains(s.SQL, "POLICY") || strings.Contains(s.SQL, "ROW LEVEL") {
					if len(s.Hazards) == 0 || s.Hazards[0].Kind != engines.HazardAuthorization {
						t.Errorf("%s: want an authorization hazard, got %v", s.SQL, s.Hazards)
					}
				}
			}
		})
	}
}
