package oracle

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/DATA-DOG/go-sqlmock"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

// recordedTarget is the Oracle engine with its connection replaced by one
// go-sqlmock database: inspect reads the catalog through it (the same
// queries and scanning as against a server), apply sends the statements
// to it, and the history and lock statements go to it. Everything else
// (planning, rendering, hazards, history logic) is the engine's own.
type recordedTarget struct {
	*Engine
	db *sql.DB
}

func (e *recordedTarget) Inspect(ctx context.Context, _ string) (*engines.Database, error) {
	cat, err := readCatalog(ctx, e.db, fixtureOwner)
	if err != nil {
		return nil, err
	}
	return build(fixtureOwner, cat)
}

func (e *recordedTarget) OpenHistory(ctx context.Context, _ string) (engines.HistorySession, error) {
	conn, err := e.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return newHistorySession(&session{db: e.db, conn: conn, owner: fixtureOwner}), nil
}

func (e *recordedTarget) Apply(ctx context.Context, _, script string, opts engines.ApplyOptions) (*engines.ApplyResult, error) {
	stmts, err := splitScript(script)
	if err != nil {
		return nil, err
	}
	return runStatements(ctx, e.db, stmts, opts)
}

// TestRunnerRefusesOracleHazards plans, through the runner, a version that
// drops a column of a recorded catalog (01_numeric_types) and adds an
// index. Apply refuses the DROP COLUMN (deletes_data) without permission,
// and its rewrites_table and blocking_lock with allow_destructive alone,
// naming the statement, without sending anything to the target; with the
// kinds allowed it runs the plan (the ONLINE index build needs no
// permission), records it in the history and verifies the target against
// the catalog recorded after it.
func TestRunnerRefusesOracleHazards(t *testing.T) {
	ctx := context.Background()
	before := loadCatalog(t, "testdata/inspect/01_numeric_types")
	src, err := os.ReadFile("testdata/inspect/01_numeric_types/source.sql")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(src), ",\n  L SMALLINT\n", "\n", 1)
	if text == string(src) {
		t.Fatal("source.sql of 01_numeric_types no longer ends with column L")
	}
	source := parseText(t, "schema/nums.sql", text+"\nCREATE INDEX NUMS_B_IX ON NUMS (B);\n", engines.ParseOptions{})

	// The catalog after the plan: L gone, the index there.
	after := catalog{}
	for view, rows := range before {
		for _, r := range rows {
			if view == "ALL_TAB_COLS" && r["COLUMN_NAME"] == "L" {
				continue
			}
			after[view] = append(after[view], r)
		}
	}
	after["ALL_INDEXES"] = append(after["ALL_INDEXES"], catalogRow{"INDEX_NAME": "NUMS_B_IX", "TABLE_OWNER": fixtureOwner, "TABLE_NAME": "NUMS",
		"INDEX_TYPE": "NORMAL", "UNIQUENESS": "NONUNIQUE", "GENERATED": "N", "JOIN_INDEX": "NO", "DROPPED": "NO"})
	after["ALL_IND_COLUMNS"] = append(after["ALL_IND_COLUMNS"], catalogRow{"INDEX_NAME": "NUMS_B_IX", "COLUMN_NAME": "B", "COLUMN_POSITION": "1", "DESCEND": "ASC"})

	db, mock, err := sqlmock.New(sqlmock.QueryMatcherOption(sqlmock.QueryMatcherEqual), sqlmock.ValueConverterOption(clobConverter{}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := &recordedTarget{Engine: New(), db: db}
	target := runner.LiveTarget{Name: "prod", URL: "oracle://app@oracle.invalid:1521/FREEPDB1"}

	mockCatalog(mock, before, fixtureOwner)
	set, err := runner.PlanTargets(ctx, runner.PlanRequest{Engine: eng, Source: source, Version: runner.SourceVersion{Rev: "v2", Hash: strings.Repeat("ab", 20)},
		SchemaDir: "schema", Targets: []runner.LiveTarget{target}})
	if err != nil || len(set.Failed) > 0 || len(set.Groups) != 1 {
		t.Fatalf("plan: %v %+v", err, set)
	}
	if err := mock.ExpectationsWereMet(); err != nil {
		t.Fatal(err)
	}
	g := set.Groups[0]
	// The plan file as apply reads it.
	pf, err := runner.ParsePlanFile("plans/"+runner.PlanFileName(g.File.Targets), g.File.Render())
	if err != nil {
		t.Fatal(err)
	}
	const drop, build = `ALTER TABLE NUMS DROP COLUMN L`, `CREATE INDEX NUMS_B_IX ON NUMS (B) ONLINE`
	if !strings.Contains(pf.Body, drop+";") || !strings.Contains(pf.Body, build+";") || len(g.Refused) != 1 {
		t.Fatalf("want the drop refused in the preview and the online build allowed:\n%s\nrefused: %+v", pf.Body, g.Refused)
	}

	// Refused: nothing may reach the target (sqlmock fails any call).
	req := runner.ApplyRequest{Engine: eng, Plan: pf, Target: target, Source: source}
	_, err = runner.Apply(ctx, req)
	if !errors.Is(err, runner.ErrDestructive) || !strings.Contains(err.Error(), drop) {
		t.Fatalf("without permission: want the destructive statement refused, got %v", err)
	}
	req.AllowDestructive = true
	_, err = runner.Apply(ctx, req)
	var he *runner.HazardError
	if !errors.As(err, &he) || !errors.Is(err, runner.ErrHazards) {
		t.Fatalf("with allow_destructive only: want a hazard refusal, got %v", err)
	}
	for _, want := range []string{"--allow-hazards blocking_lock,rewrites_table", "statement 1 (rewrites_table)", "statement 1 (blocking_lock)", drop} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("refusal lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "NUMS_B_IX") {
		t.Errorf("the online index build must not be refused:\n%v", err)
	}
	if err := mock.ExpectationsWereMet(); err != nil {
		t.Fatal(err)
	}

	// Allowed: lock, drift guard, history, the two statements, verification.
	table := `"APP".` + HistoryTable
	mock.ExpectQuery(tableExistsSQL).WithArgs(fixtureOwner, LockTable).WillReturnRows(sqlmock.NewRows([]string{"n"}).AddRow(1))
	mock.ExpectExec(rowSQL).WillReturnResult(sqlmock.NewResult(0, 0))
	mock.ExpectBegin()
	mock.ExpectQuery(lockSQL).WillReturnRows(sqlmock.NewRows([]string{"ID"}).AddRow(1))
	mockCatalog(mock, before, fixtureOwner)
	mock.ExpectQuery(tableExistsSQL).WithArgs(fixtureOwner, HistoryTable).WillReturnRows(sqlmock.NewRows([]string{"n"}).AddRow(0))
	mock.ExpectQuery(tableExistsSQL).WithArgs(fixtureOwner, HistoryTable).WillReturnRows(sqlmock.NewRows([]string{"n"}).AddRow(0))
	mock.ExpectExec("CREATE TABLE " + table + " " + historyColumns).WillReturnResult(sqlmock.NewResult(0, 0))
	mock.ExpectQuery("SELECT NVL(MAX(ID), 0) + 1 FROM " + table).WillReturnRows(sqlmock.NewRows([]string{"n"}).AddRow(1))
	anyArgs := make([]driver.Value, 12)
	for i := range anyArgs {
		anyArgs[i] = sqlmock.AnyArg()
	}
	mock.ExpectExec("INSERT INTO " + table +
		" (ID, TARGET, VERSION, PLAN_CHECKSUM, BODY_CHECKSUM, EDITED, FINGERPRINT, STATEMENTS, DONE, BODY, STATUS, APPLIED_BY, AGENT, STARTED_AT)" +
		" VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, 'running', :11, :12, SYS_EXTRACT_UTC(SYSTIMESTAMP))").
		WithArgs(anyArgs...).WillReturnResult(sqlmock.NewResult(0, 1))
	for i, s := range []string{drop, build} {
		mock.ExpectExec(s).WithoutArgs().WillReturnResult(sqlmock.NewResult(0, 0))
		mock.ExpectExec("UPDATE "+table+" SET DONE = :1 WHERE ID = :2").WithArgs(i+1, int64(1)).WillReturnResult(sqlmock.NewResult(0, 1))
	}
	mock.ExpectExec("UPDATE "+table+" SET STATUS = :1, DONE = :2, ERROR = :3, RESUME_FINGERPRINT = :4, FINISHED_AT = SYS_EXTRACT_UTC(SYSTIMESTAMP) WHERE ID = :5").
		WithArgs("succeeded", 2, nil, "", int64(1)).WillReturnResult(sqlmock.NewResult(0, 1))
	mockCatalog(mock, after, fixtureOwner)
	mock.ExpectRollback()
	mock.ExpectClose()

	req.Hazards = runner.HazardPolicy{Allow: []engines.HazardKind{engines.HazardRewritesTable, engines.HazardBlockingLock}}
	rep, err := runner.Apply(ctx, req)
	if err != nil {
		t.Fatalf("allowed apply: %v", err)
	}
	if rep.Executed != 2 || !rep.Verified || rep.Residue != nil {
		t.Fatalf("allowed apply: %+v (residue %s)", rep, engines.RenderSQL(rep.Residue))
	}
	if err := mock.ExpectationsWereMet(); err != nil {
		t.Fatal(err)
	}
}
