package postgres

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

// TestRenameKeepsData renames a table and columns the source annotates,
// on a target holding rows: the rows survive under the new names, the plan
// drops nothing, and planning again is empty.
func TestRenameKeepsData(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	url := testdb.Postgres(t)
	if err := testdb.ExecPostgres(ctx, url, `
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, age int);
CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id), amount int CHECK (amount > 0));
INSERT INTO users (name, age) VALUES ('Ann', 31), ('Bob', 42);
INSERT INTO orders VALUES (10, 1, 5), (11, 2, 7);`); err != nil {
		t.Fatal(err)
	}
	source := `
-- schemasync:renamed-from users
CREATE TABLE people (
  id serial PRIMARY KEY,
  -- schemasync:renamed-from name
  full_name varchar(100) NOT NULL,
  age int
);
CREATE TABLE orders (
  id int PRIMARY KEY,
  user_id int REFERENCES people (id),
  total int CHECK (total > 0) -- schemasync:renamed-from amount
);`
	eng := New()
	src, err := eng.Parse(ctx, []engines.File{{Path: "schema.sql", Text: source}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	target, err := eng.Inspect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	p, err := eng.Plan(ctx, target, src, engines.PlanOptions{TargetURL: url})
	if err != nil {
		t.Fatal(err)
	}
	script := engines.RenderSQL(p)
	for _, want := range []string{"ALTER TABLE public.users RENAME TO people", "RENAME COLUMN name TO full_name", "RENAME COLUMN amount TO total"} {
		if !strings.Contains(script, want) {
			t.Errorf("plan lacks %q:\n%s", want, script)
		}
	}
	for _, s := range p.Statements {
		for _, h := range s.Hazards {
			if h.Kind == engines.HazardDeletesData {
				t.Errorf("a rename plan deletes data: %s\n%s", h.Message, s.SQL)
			}
		}
	}
	if _, err := eng.Apply(ctx, url, script, engines.ApplyOptions{}); err != nil {
		t.Fatalf("apply: %v\n%s", err, script)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var got string
	if err := conn.QueryRow(ctx, `SELECT string_agg(p.full_name || ':' || o.total, ',' ORDER BY o.id) FROM people p JOIN orders o ON o.user_id = p.id`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "Ann:5,Bob:7" {
		t.Errorf("rows after the renames: got %q, want Ann:5,Bob:7", got)
	}
	// The serial sequence followed the table and keeps counting.
	if _, err := conn.Exec(ctx, `INSERT INTO people (full_name) VALUES ('Cy')`); err != nil {
		t.Fatal(err)
	}
	var id int
	if err := conn.QueryRow(ctx, `SELECT id FROM people WHERE full_name = 'Cy'`).Scan(&id); err != nil || id != 3 {
		t.Errorf("next id from the renamed sequence: got %d (%v), want 3", id, err)
	}
	after, err := eng.Inspect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	again, err := eng.Plan(ctx, after, src, engines.PlanOptions{TargetURL: url})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() {
		t.Errorf("planning again after the renames is not empty:\n%s", engines.RenderSQL(again))
	}
}
