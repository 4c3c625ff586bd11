package mysql

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

// TestRenameKeepsData renames a table and columns the source annotates,
// on a target holding rows, on every server: the rows survive under the
// new names, the plan drops nothing, and planning again is empty.
func TestRenameKeepsData(t *testing.T) {
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			url := testdb.MySQL(t, server)
			loadScript(t, ctx, url, "from.sql", `
CREATE TABLE users (id int AUTO_INCREMENT PRIMARY KEY, name varchar(40) NOT NULL, age int, KEY (name));
CREATE TABLE orders (id int PRIMARY KEY, user_id int, amount int, CONSTRAINT amount_positive CHECK (amount > 0),
  FOREIGN KEY (user_id) REFERENCES users (id));
INSERT INTO users (name, age) VALUES ('Ann', 31), ('Bob', 42);
INSERT INTO orders VALUES (10, 1, 5), (11, 2, 7);`)
			source := mustParse(t, ctx, engines.File{Path: "schema.sql", Text: `
-- schemasync:renamed-from users
CREATE TABLE people (
  id int AUTO_INCREMENT PRIMARY KEY,
  -- schemasync:renamed-from name
  full_name varchar(60) NOT NULL,
  age int,
  KEY (full_name)
);
CREATE TABLE orders (
  id int PRIMARY KEY,
  user_id int,
  total int, -- schemasync:renamed-from amount
  CONSTRAINT amount_positive CHECK (total > 0),
  FOREIGN KEY (user_id) REFERENCES people (id)
);`})
			applyRenames(t, ctx, url, source, "RENAME TABLE `users` TO `people`", "RENAME COLUMN `name` TO `full_name`", "RENAME COLUMN `amount` TO `total`")
			db := openDB(t, url)
			var got string
			if err := db.QueryRowContext(ctx, "SELECT group_concat(concat(p.full_name, ':', o.total) ORDER BY o.id) FROM people p JOIN orders o ON o.user_id = p.id").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != "Ann:5,Bob:7" {
				t.Errorf("rows after the renames: got %q, want Ann:5,Bob:7", got)
			}
			if _, err := db.ExecContext(ctx, "INSERT INTO orders VALUES (12, 1, -1)"); err == nil {
				t.Errorf("the check on the renamed column no longer holds")
			}
			expectEmpty(t, ctx, "planning again after the renames", mustInspect(t, ctx, url), source)
		})
	}
}

// TestHistoryRenameKeepsData: columns and tables renamed by statements in
// files written as a history (CHANGE, RENAME COLUMN, RENAME TABLE, ALTER
// TABLE ... RENAME, each twice) are renamed on a target that has the old
// names, and the rows keep their values.
func TestHistoryRenameKeepsData(t *testing.T) {
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			url := testdb.MySQL(t, server)
			loadScript(t, ctx, url, "from.sql", `
CREATE TABLE people (id int PRIMARY KEY, c2 int NOT NULL, nick varchar(20));
INSERT INTO people VALUES (1, 10, 'a'), (2, 20, 'b');`)
			source := mustParse(t, ctx, engines.File{Path: "history.sql", Text: `
CREATE TABLE people (id int PRIMARY KEY, c2 int NOT NULL, nick varchar(20));
ALTER TABLE people CHANGE COLUMN c2 c3 int NOT NULL;
ALTER TABLE people CHANGE c3 score int NOT NULL;
ALTER TABLE people RENAME COLUMN nick TO handle;
RENAME TABLE people TO players;
ALTER TABLE players RENAME AS members;`})
			if script := applyRenames(t, ctx, url, source, "RENAME TABLE `people` TO `members`", "RENAME COLUMN `c2` TO `score`", "RENAME COLUMN `nick` TO `handle`"); strings.Contains(script, "DROP") {
				t.Errorf("plan drops a renamed table or column:\n%s", script)
			}
			var got string
			if err := openDB(t, url).QueryRowContext(ctx, "SELECT group_concat(concat(score, ':', handle) ORDER BY id) FROM members").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != "10:a,20:b" {
				t.Errorf("rows after the renames: got %q, want 10:a,20:b", got)
			}
			expectEmpty(t, ctx, "planning again after the renames", mustInspect(t, ctx, url), source)
		})
	}
}

// applyRenames plans source on the database at url, checks that the plan
// holds each of wants and deletes no data, applies it and returns it.
func applyRenames(t *testing.T, ctx context.Context, url string, source *engines.Database, wants ...string) string {
	t.Helper()
	eng := New()
	p, err := eng.Plan(ctx, mustInspect(t, ctx, url), source, engines.PlanOptions{TargetURL: url})
	if err != nil {
		t.Fatal(err)
	}
	script := engines.RenderSQL(p)
	for _, want := range wants {
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
	return script
}
