package mysql

import (
	"maps"
	"regexp"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// MariaDB keeps a check written in a column's definition (a int CHECK
// (a > 0)) with the column: information_schema.CHECK_CONSTRAINTS says LEVEL
// Column, SHOW CREATE TABLE prints it in the column, DROP CONSTRAINT cannot
// drop it, and a MODIFY of the column without it drops it. MySQL and TiDB
// make it a table check like any other.
const (
	// optColumnLevel, a Constraint option, names the column whose
	// definition holds the check: set by parse for the checks written in a
	// column and by inspect for MariaDB's Column-level ones.
	optColumnLevel = "column"
	// optColumnCheck, a Column option during planning on MariaDB, holds
	// the expression of the column's own check (see inlineColumnChecks).
	optColumnCheck = "check"
	// optUnnamed, a Constraint option during planning on MySQL and TiDB,
	// marks a check the files did not name (see tableLevelChecks).
	optUnnamed = "unnamed"
)

// inlineColumnChecks moves t's column-level checks into their columns'
// definitions (optColumnCheck), where MariaDB plans them: they change with
// MODIFY COLUMN and go with it. t's columns that change are copied, so
// the caller's columns are left as they were.
func inlineColumnChecks(t *engines.Table) {
	var kept []*engines.Constraint
	moved := false
	for _, c := range t.Constraints {
		if c.Kind == engines.Check && !c.NotEnforced && c.Options[optColumnLevel] != "" {
			owner := checkColumn(t, c)
			for i, col := range t.Columns {
				if strings.EqualFold(col.Name, owner) && col.Options[optColumnCheck] == "" {
					cp := *col
					cp.Options = maps.Clone(col.Options)
					setOption(&cp.Options, optColumnCheck, c.Check)
					if !moved {
						t.Columns = append([]*engines.Column(nil), t.Columns...)
						moved = true
					}
					t.Columns[i] = &cp
					c = nil
					break
				}
			}
		}
		if c != nil {
			kept = append(kept, c)
		}
	}
	if moved {
		t.Constraints = kept
	}
}

// checkColumn is the column whose definition holds check c: the column
// it names, or, after RENAME COLUMN (which keeps the check's name, the old
// column's), the one column its expression reads.
func checkColumn(t *engines.Table, c *engines.Constraint) string {
	name := c.Options[optColumnLevel]
	if columnCI(t, name) != nil {
		return name
	}
	owner := ""
	for _, col := range t.Columns {
		if strings.Contains(c.Check, quoteIdent(col.Name)) {
			if owner != "" {
				return name
			}
			owner = col.Name
		}
	}
	if owner == "" {
		return name
	}
	return owner
}

// tableLevelChecks forgets which of t's checks were written in a column:
// servers other than MariaDB keep them as table checks. The checks the
// files left unnamed (named after their column, or CONSTRAINT_n, as
// MariaDB names them) are marked optUnnamed: they are created without a
// name, which MySQL and TiDB then give (t_chk_n), as when the files are
// loaded.
func tableLevelChecks(t *engines.Table) {
	for _, c := range t.Constraints {
		if c.Kind != engines.Check {
			continue
		}
		if col := c.Options[optColumnLevel]; col != "" {
			deleteOption(&c.Options, optColumnLevel)
			if strings.EqualFold(col, c.Name) {
				setOption(&c.Options, optUnnamed, "true")
			}
		}
		if mariaDBCheckName.MatchString(c.Name) {
			setOption(&c.Options, optUnnamed, "true")
		}
	}
}

// mariaDBCheckName is the name MariaDB gives a table check written
// without one, which parse gives it too.
var mariaDBCheckName = regexp.MustCompile(`^CONSTRAINT_[0-9]+$`)
