package oracle

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// Inspection is set-based: one query per catalog view, each bound to the
// owner, whatever the number of tables (catalogQueries). The rows go into a
// catalog, and build (catalog.go) turns a catalog into the model, so that
// recorded catalogs (testdata/inspect) test everything but the server.

// catalogRow is one row of a catalog view: column name to value. A NULL is
// absent; Oracle stores the empty string as NULL, so "" and absent mean
// the same.
type catalogRow map[string]string

// catalog holds the rows of each catalog view, by view name.
type catalog map[string][]catalogRow

// catalogQuery reads one catalog view. The select list is built from
// columns, so the names the builder reads are the names selected. LONG
// columns come last in each list.
type catalogQuery struct {
	view    string
	columns []string
	// from is the rest of the query; each :n placeholder is bound to the owner.
	from  string
	binds int
}

// referencedKeys selects the keys that foreign keys of the owner
// reference, which may belong to another owner.
const referencedKeys = "(OWNER, CONSTRAINT_NAME) IN (SELECT R_OWNER, R_CONSTRAINT_NAME FROM ALL_CONSTRAINTS WHERE OWNER = :2 AND CONSTRAINT_TYPE = 'R')"

var catalogQueries = []catalogQuery{
	{view: "ALL_TABLES", columns: []string{"TABLE_NAME", "IOT_TYPE", "TEMPORARY", "NESTED", "SECONDARY", "DROPPED"},
		from: "FROM ALL_TABLES WHERE OWNER = :1", binds: 1},
	{view: "ALL_MVIEWS", columns: []string{"MVIEW_NAME"},
		from: "FROM ALL_MVIEWS WHERE OWNER = :1", binds: 1},
	{view: "ALL_TAB_COLS", columns: []string{"TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "DATA_TYPE_OWNER", "DATA_LENGTH",
		"DATA_PRECISION", "DATA_SCALE", "CHAR_LENGTH", "CHAR_USED", "NULLABLE", "COLUMN_ID", "INTERNAL_COLUMN_ID",
		"HIDDEN_COLUMN", "VIRTUAL_COLUMN", "USER_GENERATED", "IDENTITY_COLUMN", "DEFAULT_ON_NULL", "COLLATION", "DATA_DEFAULT"},
		from: "FROM ALL_TAB_COLS WHERE OWNER = :1", binds: 1},
	{view: "ALL_TAB_IDENTITY_COLS", columns: []string{"TABLE_NAME", "COLUMN_NAME", "GENERATION_TYPE", "SEQUENCE_NAME"},
		from: "FROM ALL_TAB_IDENTITY_COLS WHERE OWNER = :1", binds: 1},
	{view: "ALL_CONSTRAINTS", columns: []string{"OWNER", "CONSTRAINT_NAME", "CONSTRAINT_TYPE", "TABLE_NAME", "R_OWNER",
		"R_CONSTRAINT_NAME", "DELETE_RULE", "STATUS", "DEFERRABLE", "DEFERRED", "VALIDATED", "GENERATED", "INDEX_NAME",
		"SEARCH_CONDITION"},
		from: "FROM ALL_CONSTRAINTS WHERE OWNER = :1 OR " + referencedKeys, binds: 2},
	{view: "ALL_CONS_COLUMNS", columns: []string{"OWNER", "CONSTRAINT_NAME", "TABLE_NAME", "COLUMN_NAME", "POSITION"},
		from: "FROM ALL_CONS_COLUMNS WHERE OWNER = :1 OR " + referencedKeys, binds: 2},
	{view: "ALL_INDEXES", columns: []string{"INDEX_NAME", "TABLE_OWNER", "TABLE_NAME", "INDEX_TYPE", "UNIQUENESS",
		"GENERATED", "JOIN_INDEX", "DROPPED"},
		from: "FROM ALL_INDEXES WHERE OWNER = :1", binds: 1},
	{view: "ALL_IND_COLUMNS", columns: []string{"INDEX_NAME", "COLUMN_NAME", "COLUMN_POSITION", "DESCEND"},
		from: "FROM ALL_IND_COLUMNS WHERE INDEX_OWNER = :1", binds: 1},
	{view: "ALL_IND_EXPRESSIONS", columns: []string{"INDEX_NAME", "COLUMN_POSITION", "COLUMN_EXPRESSION"},
		from: "FROM ALL_IND_EXPRESSIONS WHERE INDEX_OWNER = :1", binds: 1},
	{view: "ALL_VIEWS", columns: []string{"VIEW_NAME", "TEXT"},
		from: "FROM ALL_VIEWS WHERE OWNER = :1", binds: 1},
	{view: "ALL_SEQUENCES", columns: []string{"SEQUENCE_NAME", "MIN_VALUE", "MAX_VALUE", "INCREMENT_BY", "CYCLE_FLAG", "CACHE_SIZE"},
		from: "FROM ALL_SEQUENCES WHERE SEQUENCE_OWNER = :1", binds: 1},
	{view: "ALL_TAB_COMMENTS", columns: []string{"TABLE_NAME", "TABLE_TYPE", "COMMENTS"},
		from: "FROM ALL_TAB_COMMENTS WHERE OWNER = :1 AND COMMENTS IS NOT NULL", binds: 1},
	{view: "ALL_COL_COMMENTS", columns: []string{"TABLE_NAME", "COLUMN_NAME", "COMMENTS"},
		from: "FROM ALL_COL_COMMENTS WHERE OWNER = :1 AND COMMENTS IS NOT NULL", binds: 1},
}

// SQL is the query text, without a terminator.
func (q catalogQuery) SQL() string {
	return "SELECT " + strings.Join(q.columns, ", ") + " " + q.from
}

// querier is what reading the catalog needs from a connection.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// readCatalog runs every catalog query for the owner.
func readCatalog(ctx context.Context, q querier, owner string) (catalog, error) {
	cat := catalog{}
	for _, cq := range catalogQueries {
		args := make([]any, cq.binds)
		for i := range args {
			args[i] = owner
		}
		rows, err := q.QueryContext(ctx, cq.SQL(), args...)
		if err != nil {
			return nil, fmt.Errorf("oracle: inspect: read %s: %w", cq.view, err)
		}
		list, err := scanRows(rows, cq.columns)
		if err != nil {
			return nil, fmt.Errorf("oracle: inspect: read %s: %w", cq.view, err)
		}
		cat[cq.view] = list
	}
	return cat, nil
}

// scanRows reads every row as strings. go-ora gives LONG columns as
// strings and NUMBER as Go numbers, which database/sql prints in decimal.
func scanRows(rows *sql.Rows, columns []string) ([]catalogRow, error) {
	defer rows.Close()
	vals := make([]sql.NullString, len(columns))
	ptrs := make([]any, len(columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []catalogRow
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := catalogRow{}
		for i, v := range vals {
			if v.Valid && v.String != "" {
				r[columns[i]] = v.String
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// inspect reads the URL's schema into the model.
func inspect(ctx context.Context, url string) (*engines.Database, error) {
	s, err := openSession(ctx, url)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	cat, err := readCatalog(ctx, s.conn, s.owner)
	if err != nil {
		return nil, err
	}
	return build(s.owner, cat)
}
