package oracle

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/DATA-DOG/go-sqlmock"

	"github.com/schemasync/schemasync/engines"
)

// The fixtures in testdata/inspect/<case> are recorded catalogs: one JSON
// file per ALL_* view (rows as objects, column name to value, a NULL left
// out), written from the Oracle Database Reference's description of each
// view, with a README line saying what the case represents, source.sql
// (the DDL that made that schema) and dump.sql (the expected dump).

const fixtureOwner = "APP"

// loadCatalog reads a fixture. Every file must be a view we query and
// every column one our query selects, so fixtures cannot drift from the
// queries.
func loadCatalog(t *testing.T, dir string) catalog {
	t.Helper()
	queries := map[string]catalogQuery{}
	for _, q := range catalogQueries {
		queries[q.view] = q
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog{}
	for _, path := range paths {
		view := strings.TrimSuffix(filepath.Base(path), ".json")
		q, ok := queries[view]
		if !ok {
			t.Fatalf("%s: no catalog query reads %s", path, view)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var rows []map[string]any
		if err := dec.Decode(&rows); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for i, raw := range rows {
			r := catalogRow{}
			for k, v := range raw {
				if !contains(q.columns, k) {
					t.Fatalf("%s row %d: column %s is not selected by the %s query", path, i+1, k, view)
				}
				if v != nil && fmt.Sprint(v) != "" {
					r[k] = fmt.Sprint(v)
				}
			}
			cat[view] = append(cat[view], r)
		}
	}
	return cat
}

func fixtureDirs(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob("testdata/inspect/*")
	if err != nil || len(dirs) < 10 {
		t.Fatalf("want at least 10 fixtures in testdata/inspect, got %d (%v)", len(dirs), err)
	}
	return dirs
}

// dumpText joins the dump's files as one text with a header per file.
func dumpText(t *testing.T, db *engines.Database) string {
	t.Helper()
	files, err := dump(db)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range files {
		b.WriteString("-- " + f.Path + "\n" + f.Text + "\n")
	}
	return b.String()
}

// withoutSystemNames drops the SYS_C names inspect records, which files
// cannot carry; everything else must survive a dump and parse.
func withoutSystemNames(db *engines.Database) *engines.Database {
	b, _ := json.Marshal(db)
	var out engines.Database
	_ = json.Unmarshal(b, &out)
	for _, s := range out.Schemas {
		for _, t := range s.Tables {
			for _, c := range t.Constraints {
				delete(c.Options, "system_name")
				if len(c.Options) == 0 {
					c.Options = nil
				}
			}
		}
	}
	return &out
}

func TestInspectFixtures(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if b, err := os.ReadFile(filepath.Join(dir, "README")); err != nil || len(bytes.TrimSpace(b)) == 0 {
				t.Fatalf("fixture needs a README line saying what it represents (%v)", err)
			}
			model, err := build(fixtureOwner, loadCatalog(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			got := dumpText(t, model)
			golden := filepath.Join(dir, "dump.sql")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(golden); err != nil || string(want) != got {
				t.Fatalf("dump differs from %s (%v); got:\n%s", golden, err, got)
			}
			// Round trip: the dump parses back to the inspected model.
			files, _ := dump(model)
			again, err := New().Parse(context.Background(), files, engines.ParseOptions{})
			if err != nil {
				t.Fatalf("parse of the dump: %v", err)
			}
			if !reflect.DeepEqual(withoutSystemNames(model), withoutSystemNames(again)) {
				a, _ := json.MarshalIndent(withoutSystemNames(model), "", " ")
				b, _ := json.MarshalIndent(withoutSystemNames(again), "", " ")
				t.Fatalf("parse(dump(inspect)) differs from inspect:\n%s\n---\n%s", a, b)
			}
			// The DDL that made the schema plans to nothing against it, both ways.
			src, err := os.ReadFile(filepath.Join(dir, "source.sql"))
			if err != nil {
				t.Fatal(err)
			}
			files = []engines.File{{Path: "source.sql", Text: string(src)}}
			parsed, err := New().Parse(context.Background(), files, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range [][2]*engines.Database{{model, parsed}, {parsed, model}} {
				plan, err := New().Plan(context.Background(), p[0], p[1], engines.PlanOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if !plan.Empty() {
					t.Fatalf("source.sql and the catalog disagree; plan:\n%s", engines.RenderSQL(plan))
				}
			}
		})
	}
}

// mockCatalog expects the catalog queries, in order, each with the owner
// bound to every placeholder, and answers them with the fixture's rows.
func mockCatalog(mock sqlmock.Sqlmock, cat catalog, owner string) {
	for _, q := range catalogQueries {
		rows := sqlmock.NewRows(q.columns)
		for _, r := range cat[q.view] {
			vals := make([]driver.Value, len(q.columns))
			for i, c := range q.columns {
				if v, ok := r[c]; ok {
					vals[i] = v
				}
			}
			rows.AddRow(vals...)
		}
		args := make([]driver.Value, q.binds)
		for i := range args {
			args[i] = owner
		}
		mock.ExpectQuery(q.SQL()).WithArgs(args...).WillReturnRows(rows)
	}
}

func newMock(t *testing.T) (*sql.DB, sqlmock.Sqlmock) {
	t.Helper()
	db, mock, err := sqlmock.New(sqlmock.QueryMatcherOption(sqlmock.QueryMatcherEqual))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, mock
}

// countingQuerier counts the queries sent.
type countingQuerier struct {
	q querier
	n int
}

func (c *countingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.n++
	return c.q.QueryContext(ctx, query, args...)
}

// TestReadCatalogSQL checks the SQL layer: the queries issued, the owner
// bound to each, the scanning of NULLs and numbers, and that the model
// built from scanned rows equals the one built from the fixture.
func TestReadCatalogSQL(t *testing.T) {
	for _, dir := range fixtureDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			cat := loadCatalog(t, dir)
			db, mock := newMock(t)
			mockCatalog(mock, cat, fixtureOwner)
			cq := &countingQuerier{q: db}
			read, err := readCatalog(context.Background(), cq, fixtureOwner)
			if err != nil {
				t.Fatal(err)
			}
			if err := mock.ExpectationsWereMet(); err != nil {
				t.Fatal(err)
			}
			if cq.n != len(catalogQueries) {
				t.Fatalf("%d queries, want %d", cq.n, len(catalogQueries))
			}
			want, err := build(fixtureOwner, cat)
			if err != nil {
				t.Fatal(err)
			}
			got, err := build(fixtureOwner, read)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("model from scanned rows differs:\n%s\n---\n%s", dumpText(t, got), dumpText(t, want))
			}
		})
	}
}

// TestInspectQueryCount: the number of catalog queries does not grow with
// the number of tables (set-based inspection).
func TestInspectQueryCount(t *testing.T) {
	counts := map[int]int{}
	for _, tables := range []int{1, 500} {
		cat := catalog{}
		for i := 0; i < tables; i++ {
			name := fmt.Sprintf("T%04d", i)
			cat["ALL_TABLES"] = append(cat["ALL_TABLES"], catalogRow{"TABLE_NAME": name})
			cat["ALL_TAB_COLS"] = append(cat["ALL_TAB_COLS"], catalogRow{"TABLE_NAME": name, "COLUMN_NAME": "ID", "DATA_TYPE": "NUMBER", "INTERNAL_COLUMN_ID": "1"})
			cat["ALL_CONSTRAINTS"] = append(cat["ALL_CONSTRAINTS"], catalogRow{"OWNER": "APP", "CONSTRAINT_NAME": name + "_PK", "CONSTRAINT_TYPE": "P", "TABLE_NAME": name, "STATUS": "ENABLED", "VALIDATED": "VALIDATED", "GENERATED": "USER NAME", "INDEX_NAME": name + "_PK"})
			cat["ALL_CONS_COLUMNS"] = append(cat["ALL_CONS_COLUMNS"], catalogRow{"OWNER": "APP", "CONSTRAINT_NAME": name + "_PK", "TABLE_NAME": name, "COLUMN_NAME": "ID", "POSITION": "1"})
		}
		db, mock := newMock(t)
		mockCatalog(mock, cat, "APP")
		cq := &countingQuerier{q: db}
		read, err := readCatalog(context.Background(), cq, "APP")
		if err != nil {
			t.Fatal(err)
		}
		model, err := build("APP", read)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(model.Schemas[0].Tables); n != tables {
			t.Fatalf("%d tables inspected, want %d", n, tables)
		}
		counts[tables] = cq.n
	}
	if counts[1] != counts[500] || counts[1] != len(catalogQueries) {
		t.Fatalf("queries for 1 and 500 tables: %v, want %d each", counts, len(catalogQueries))
	}
}

// TestCatalogQueriesRead: every ALL_* view the issue names is read, each
// query binds the owner to each placeholder, LONG columns come last, and
// no statement ends with a terminator.
func TestCatalogQueriesRead(t *testing.T) {
	want := []string{"ALL_TABLES", "ALL_TAB_COLS", "ALL_CONSTRAINTS", "ALL_CONS_COLUMNS", "ALL_INDEXES", "ALL_IND_COLUMNS",
		"ALL_IND_EXPRESSIONS", "ALL_VIEWS", "ALL_SEQUENCES", "ALL_TAB_COMMENTS", "ALL_COL_COMMENTS"}
	var views []string
	for _, q := range catalogQueries {
		views = append(views, q.view)
		sqlText := q.SQL()
		if strings.HasSuffix(strings.TrimSpace(sqlText), ";") {
			t.Errorf("%s: query ends with ;", q.view)
		}
		for i := 1; i <= q.binds; i++ {
			if strings.Count(sqlText, fmt.Sprintf(":%d", i)) != 1 {
				t.Errorf("%s: placeholder :%d must appear once: %s", q.view, i, sqlText)
			}
		}
		if strings.Contains(sqlText, fmt.Sprintf(":%d", q.binds+1)) {
			t.Errorf("%s: more placeholders than binds", q.view)
		}
		for _, long := range []string{"DATA_DEFAULT", "SEARCH_CONDITION", "TEXT", "COLUMN_EXPRESSION"} {
			if i := indexOf(q.columns, long); i >= 0 && i != len(q.columns)-1 {
				t.Errorf("%s: LONG column %s must come last", q.view, long)
			}
		}
	}
	for _, v := range want {
		if !contains(views, v) {
			t.Errorf("no query reads %s", v)
		}
	}
	sort.Strings(views)
	for i := 1; i < len(views); i++ {
		if views[i] == views[i-1] {
			t.Errorf("%s is read twice", views[i])
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// TestReadCatalogError names the view whose query failed.
func TestReadCatalogError(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectQuery(catalogQueries[0].SQL()).WithArgs("APP").WillReturnError(fmt.Errorf("ORA-00942: table or view does not exist"))
	_, err := readCatalog(context.Background(), db, "APP")
	if err == nil || !strings.Contains(err.Error(), "ALL_TABLES") || !strings.Contains(err.Error(), "ORA-00942") {
		t.Fatalf("got %v", err)
	}
}

func TestHideHistory(t *testing.T) {
	db := &engines.Database{Schemas: []*engines.Schema{{Tables: []*engines.Table{{Name: "A"}, {Name: HistoryTable}, {Name: LockTable}, {Name: "Z"}}}}}
	New().HideHistory(db)
	var names []string
	for _, tb := range db.Schemas[0].Tables {
		names = append(names, tb.Name)
	}
	if !reflect.DeepEqual(names, []string{"A", "Z"}) {
		t.Fatalf("got %v", names)
	}
}
