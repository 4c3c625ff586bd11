package mysql

// TiDB's own table attributes, in the model and in DDL. TiDB speaks MySQL's
// DDL with additions that SHOW CREATE TABLE prints inside /*T! ... */
// comments (MySQL skips them, the TiDB grammar reads them):
//
//	`id` bigint NOT NULL /*T![auto_rand] AUTO_RANDOM(5) */
//	PRIMARY KEY (`id`) /*T![clustered_index] CLUSTERED */
//	) ENGINE=InnoDB ... /*T![auto_id_cache] AUTO_ID_CACHE=1 */ /*T! SHARD_ROW_ID_BITS=4 PRE_SPLIT_REGIONS=2 */
//
// Canonical forms (parse and inspect both produce them):
//   - Column.Options["auto_random"] is the shard bits, with the range bits
//     after a comma when not the default 64: "5", "5,54".
//   - The primary key's Constraint.Options["clustered"] is "true" or
//     "false". Inspect always sets it; files only when they say CLUSTERED
//     or NONCLUSTERED, and Plan resolves the rest as the target server
//     would (tidb_enable_clustered_index).
//   - Table.Options holds AUTO_ID_CACHE, SHARD_ROW_ID_BITS,
//     PRE_SPLIT_REGIONS and PLACEMENT POLICY when set; AUTO_RANDOM_BASE
//     and AUTO_INCREMENT are counters, not schema.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/types"

	"github.com/schemasync/schemasync/engines"
)

// Model keys of TiDB's attributes.
const (
	optAutoRandom      = "auto_random"
	optClustered       = "clustered"
	optAutoIDCache     = "AUTO_ID_CACHE"
	optShardRowIDBits  = "SHARD_ROW_ID_BITS"
	optPreSplitRegions = "PRE_SPLIT_REGIONS"
	optPlacementPolicy = "PLACEMENT POLICY"
)

// tidbTableOptions are the Table.Options keys only TiDB has, in the order
// SHOW CREATE TABLE prints them.
var tidbTableOptions = []string{optAutoIDCache, optShardRowIDBits, optPreSplitRegions, optPlacementPolicy}

// Schema.Options keys inspect records about a TiDB server: context for
// Plan, never compared.
const (
	// schemaCheckConstraints is @@global.tidb_enable_check_constraint, "ON"
	// or "OFF": while OFF, TiDB accepts CHECK clauses and ignores them.
	schemaCheckConstraints = "tidb_check_constraints"
	// schemaClusteredIndex is @@tidb_enable_clustered_index: ON, OFF or
	// INT_ONLY, what a primary key that names neither CLUSTERED nor
	// NONCLUSTERED becomes.
	schemaClusteredIndex = "tidb_clustered_index"
)

// defaultAutoRandomBits is the shard bits of a bare AUTO_RANDOM.
const defaultAutoRandomBits = 5

// autoRandomRangeDefault is the range bits of AUTO_RANDOM when not named.
const autoRandomRangeDefault = 64

// autoRandomText prints AUTO_RANDOM's arguments canonically.
func autoRandomText(o ast.AutoRandomOption) string {
	shard, rng := o.ShardBits, o.RangeBits
	if shard == types.UnspecifiedLength {
		shard = defaultAutoRandomBits
	}
	if rng == types.UnspecifiedLength || rng == 0 {
		rng = autoRandomRangeDefault
	}
	return autoRandomCanon(shard, rng)
}

func autoRandomCanon(shard, rng int) string {
	if rng == autoRandomRangeDefault {
		return strconv.Itoa(shard)
	}
	return fmt.Sprintf("%d,%d", shard, rng)
}

// autoRandomSQL prints a column's AUTO_RANDOM the way SHOW CREATE TABLE does.
func autoRandomSQL(v string) string {
	return "/*T![auto_rand] AUTO_RANDOM(" + strings.ReplaceAll(v, ",", ", ") + ") */"
}

// clusteredSQL prints the primary key's CLUSTERED or NONCLUSTERED.
func clusteredSQL(pk *engines.Constraint) string {
	switch pk.Options[optClustered] {
	case "true":
		return " /*T![clustered_index] CLUSTERED */"
	case "false":
		return " /*T![clustered_index] NONCLUSTERED */"
	}
	return ""
}

// setOption sets an option in a map that may be nil.
func setOption(m *map[string]string, k, v string) {
	if *m == nil {
		*m = map[string]string{}
	}
	(*m)[k] = v
}

// deleteOption removes an option and leaves nil for an empty map.
func deleteOption(m *map[string]string, k string) {
	delete(*m, k)
	if len(*m) == 0 {
		*m = nil
	}
}

// tidbTableOption reads a TiDB table option of a file; ok is false for
// options that are not TiDB's.
func tidbTableOption(t *engines.Table, o *ast.TableOption) bool {
	switch o.Tp {
	case ast.TableOptionAutoIdCache:
		setOrClear(t, optAutoIDCache, o.UintValue)
	case ast.TableOptionShardRowID:
		setOrClear(t, optShardRowIDBits, o.UintValue)
	case ast.TableOptionPreSplitRegion:
		setOrClear(t, optPreSplitRegions, o.UintValue)
	case ast.TableOptionPlacementPolicy:
		if o.StrValue == "" || strings.EqualFold(o.StrValue, "default") {
			delete(t.Options, optPlacementPolicy)
		} else {
			t.Options[optPlacementPolicy] = o.StrValue
		}
	case ast.TableOptionAutoRandomBase:
		// A counter, like AUTO_INCREMENT: not schema.
	default:
		return false
	}
	return true
}

func setOrClear(t *engines.Table, k string, v uint64) {
	if v == 0 {
		delete(t.Options, k)
		return
	}
	t.Options[k] = strconv.FormatUint(v, 10)
}

// tidbTableOptionsSQL prints TiDB's table options as SHOW CREATE TABLE does.
func tidbTableOptionsSQL(t *engines.Table) []string {
	var out []string
	if v := t.Options[optAutoIDCache]; v != "" {
		out = append(out, "/*T![auto_id_cache] AUTO_ID_CACHE="+v+" */")
	}
	if v := t.Options[optShardRowIDBits]; v != "" {
		s := "/*T! SHARD_ROW_ID_BITS=" + v
		if p := t.Options[optPreSplitRegions]; p != "" {
			s += " PRE_SPLIT_REGIONS=" + p
		}
		out = append(out, s+" */")
	} else if p := t.Options[optPreSplitRegions]; p != "" {
		out = append(out, "/*T! PRE_SPLIT_REGIONS="+p+" */")
	}
	if v := t.Options[optPlacementPolicy]; v != "" {
		out = append(out, "/*T![placement] PLACEMENT POLICY="+quoteIdent(v)+" */")
	}
	return out
}

// tidbTable is what inspect learns of a table from TiDB's SHOW CREATE
// TABLE and nowhere else.
type tidbTable struct {
	options     map[string]string // TiDB table options, as in Table.Options
	clustered   string            // "true", "false", or "" without a primary key
	autoRandom  map[string]string // column (lower case) -> canonical AUTO_RANDOM
	notEnforced map[string]bool   // check names (lower case) marked NOT ENFORCED
}

// parseTiDBCreate reads TiDB's attributes out of SHOW CREATE TABLE text
// with the TiDB grammar, which reads its /*T! */ comments.
func parseTiDBCreate(name, create string) (*tidbTable, error) {
	stmt, err := newParser().ParseOneStmt(create, "", "")
	if err != nil {
		return nil, fmt.Errorf("table %s: parse SHOW CREATE TABLE: %w", name, err)
	}
	n, ok := stmt.(*ast.CreateTableStmt)
	if !ok {
		return nil, fmt.Errorf("table %s: SHOW CREATE TABLE returned %T", name, stmt)
	}
	tt := &tidbTable{options: map[string]string{}, autoRandom: map[string]string{}, notEnforced: map[string]bool{}}
	holder := &engines.Table{Options: tt.options}
	for _, o := range n.Options {
		tidbTableOption(holder, o)
	}
	for _, cd := range n.Cols {
		for _, o := range cd.Options {
			switch o.Tp {
			case ast.ColumnOptionAutoRandom:
				tt.autoRandom[cd.Name.Name.L] = autoRandomText(o.AutoRandOpt)
			case ast.ColumnOptionPrimaryKey:
				tt.clustered = clusteredOf(o.PrimaryKeyTp)
			}
		}
	}
	for _, c := range n.Constraints {
		switch c.Tp {
		case ast.ConstraintPrimaryKey:
			if c.Option != nil {
				tt.clustered = clusteredOf(c.Option.PrimaryKeyTp)
			}
		case ast.ConstraintCheck:
			if !c.Enforced {
				tt.notEnforced[strings.ToLower(c.Name)] = true
			}
		}
	}
	return tt, nil
}

func clusteredOf(t ast.PrimaryKeyType) string {
	switch t {
	case ast.PrimaryKeyTypeClustered:
		return "true"
	case ast.PrimaryKeyTypeNonClustered:
		return "false"
	}
	return ""
}

// readTiDB reads, for TiDB, the attributes only SHOW CREATE TABLE tells:
// one SHOW CREATE TABLE per table, all in one round trip.
func (in *inspector) readTiDB(ctx context.Context) error {
	if !in.flavor.TiDB || len(in.s.Tables) == 0 {
		return nil
	}
	var b strings.Builder
	for _, t := range in.s.Tables {
		b.WriteString("SHOW CREATE TABLE " + quoteIdent(t.Name) + ";")
	}
	rows, err := in.query(ctx, b.String())
	if err != nil {
		return err
	}
	defer rows.Close()
	for {
		for rows.Next() {
			var name, create string
			if err := rows.Scan(&name, &create); err != nil {
				return err
			}
			t := in.tables[name]
			if t == nil {
				continue
			}
			tt, err := parseTiDBCreate(name, create)
			if err != nil {
				return err
			}
			in.applyTiDB(t, tt)
		}
		if !rows.NextResultSet() {
			break
		}
	}
	return rows.Err()
}

// applyTiDB puts what SHOW CREATE TABLE told into the table.
func (in *inspector) applyTiDB(t *engines.Table, tt *tidbTable) {
	for k, v := range tt.options {
		setOption(&t.Options, k, v)
	}
	for _, c := range t.Constraints {
		switch {
		case c.Kind == engines.PrimaryKey && tt.clustered != "":
			setOption(&c.Options, optClustered, tt.clustered)
		case c.Kind == engines.Check && tt.notEnforced[strings.ToLower(c.Name)]:
			c.NotEnforced = true
		}
	}
	for _, c := range t.Columns {
		if v := tt.autoRandom[strings.ToLower(c.Name)]; v != "" {
			setOption(&c.Options, optAutoRandom, v)
		}
	}
}

// tidbSettings reads the server settings that decide what TiDB makes of
// schema files: whether CHECK clauses are kept, and what a primary key
// that does not say CLUSTERED becomes.
func (in *inspector) tidbSettings() read {
	return read{what: "TiDB settings",
		sql: "SELECT @@global.tidb_enable_check_constraint, @@tidb_enable_clustered_index",
		row: func(rows *sql.Rows) error {
			var checks, clustered string
			if err := rows.Scan(&checks, &clustered); err != nil {
				return err
			}
			in.s.Options[schemaCheckConstraints] = onOff(checks)
			in.s.Options[schemaClusteredIndex] = strings.ToUpper(clustered)
			return nil
		}}
}

// onOff reads a boolean system variable, which TiDB prints as 1/0 or ON/OFF.
func onOff(v string) string {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "1", "ON", "TRUE":
		return "ON"
	}
	return "OFF"
}

// adjustForFlavor brings both resolved sides of a plan to what the target
// flavor can hold, and returns notes about what the source asks for in
// vain. Servers other than TiDB ignore TiDB's attributes (MySQL reads them
// as comments). TiDB ignores DESC in keys, drops FULLTEXT indexes, keeps
// PRE_SPLIT_REGIONS only with SHARD_ROW_ID_BITS or AUTO_RANDOM, reports no
// ENGINE or ROW_FORMAT, and while tidb_enable_check_constraint is OFF
// neither adds nor drops CHECK constraints.
func adjustForFlavor(tgt, src *engines.Schema, f Flavor) []string {
	if !f.TiDB {
		for _, s := range []*engines.Schema{tgt, src} {
			for _, t := range s.Tables {
				stripTiDB(t)
			}
		}
		return nil
	}
	var notes []string
	mode := tgt.Options[schemaClusteredIndex]
	if mode == "" {
		mode = src.Options[schemaClusteredIndex]
	}
	for _, s := range []*engines.Schema{tgt, src} {
		for _, v := range s.Views {
			if v.Options["check_option"] != "" && s == src {
				notes = append(notes, fmt.Sprintf("TiDB does not support WITH CHECK OPTION (its views are not updatable): view %s is made without it", v.Name))
			}
			deleteOption(&v.Options, "check_option")
		}
		for _, t := range s.Tables {
			for _, c := range t.Columns {
				if strings.Contains(c.Type, " zerofill") {
					if s == src {
						notes = append(notes, fmt.Sprintf("TiDB ignores ZEROFILL: column %s of table %s is %s", c.Name, t.Name, canonType(strings.Replace(c.Type, " zerofill", "", 1))))
					}
					c.Type = canonType(strings.Replace(c.Type, " zerofill", "", 1))
				}
				if c.Options[optInvisible] != "" {
					if s == src {
						notes = append(notes, fmt.Sprintf("TiDB has no invisible columns: column %s of table %s is made visible", c.Name, t.Name))
					}
					deleteOption(&c.Options, optInvisible)
				}
			}
			if rest, ok := strings.CutPrefix(t.PartitionBy, "LINEAR "); ok {
				if s == src {
					notes = append(notes, fmt.Sprintf("TiDB has no LINEAR HASH or KEY partitioning: table %s is partitioned by %s", t.Name, strings.Fields(rest)[0]))
				}
				t.PartitionBy = rest
			}
			delete(t.Options, "ENGINE")
			delete(t.Options, "ROW_FORMAT")
			delete(t.Options, "KEY_BLOCK_SIZE")
			for _, st := range tableSettings() {
				delete(t.Options, st.key) // TiDB takes them and keeps none
			}
			if t.Options[optShardRowIDBits] == "" && !hasAutoRandom(t) {
				delete(t.Options, optPreSplitRegions)
			}
			if pk := primaryKey(t); pk != nil && pk.Options[optClustered] == "" {
				setOption(&pk.Options, optClustered, strconv.FormatBool(clusteredByDefault(mode, t, pk)))
			}
			kept := t.Indexes[:0]
			for _, ix := range t.Indexes {
				for _, p := range ix.Parts {
					p.Desc = false
				}
				if ix.Method == "FULLTEXT" {
					if s == src {
						notes = append(notes, fmt.Sprintf("TiDB does not build FULLTEXT indexes: index %s of table %s is left out", ix.Name, t.Name))
					}
					continue
				}
				kept = append(kept, ix)
			}
			t.Indexes = kept
		}
	}
	if tgt.Options[schemaCheckConstraints] == "OFF" {
		notes = append(notes, checksOff(tgt, src)...)
	}
	return notes
}

// checksOff removes CHECK constraints from both sides, since TiDB with
// tidb_enable_check_constraint OFF can neither add nor drop them, and
// notes each one that differs.
func checksOff(tgt, src *engines.Schema) []string {
	checks := func(t *engines.Table) map[string]*engines.Constraint {
		m := map[string]*engines.Constraint{}
		if t == nil {
			return m
		}
		kept := t.Constraints[:0]
		for _, c := range t.Constraints {
			if c.Kind == engines.Check {
				m[c.Check] = c
				continue
			}
			kept = append(kept, c)
		}
		t.Constraints = kept
		return m
	}
	tgtTables := tableMap(tgt)
	var notes []string
	for _, t := range src.Tables {
		want, have := checks(t), checks(tgtTables[t.Name])
		for _, expr := range sortedCheckKeys(want) {
			if have[expr] == nil {
				notes = append(notes, fmt.Sprintf("CHECK constraint %s of table %s is not added: this TiDB ignores CHECK constraints while tidb_enable_check_constraint is OFF (SET GLOBAL tidb_enable_check_constraint = ON to have them)", want[expr].Name, t.Name))
			}
		}
		for _, expr := range sortedCheckKeys(have) {
			if want[expr] == nil {
				notes = append(notes, fmt.Sprintf("CHECK constraint %s of table %s is not dropped: this TiDB cannot drop CHECK constraints while tidb_enable_check_constraint is OFF", have[expr].Name, t.Name))
			}
		}
		delete(tgtTables, t.Name)
	}
	for _, t := range tgtTables {
		checks(t) // dropped with its table
	}
	return notes
}

// clusteredByDefault is what TiDB makes of a primary key that names
// neither CLUSTERED nor NONCLUSTERED, under tidb_enable_clustered_index.
func clusteredByDefault(mode string, t *engines.Table, pk *engines.Constraint) bool {
	switch mode {
	case "OFF":
		return false
	case "INT_ONLY":
		if len(pk.Columns) != 1 {
			return false
		}
		c := columnCI(t, pk.Columns[0])
		if c == nil {
			return false
		}
		class, _ := classOf(c.Type)
		return class == classInt
	}
	return true // ON, TiDB's default
}

func hasAutoRandom(t *engines.Table) bool {
	for _, c := range t.Columns {
		if c.Options[optAutoRandom] != "" {
			return true
		}
	}
	return false
}

// stripTiDB removes TiDB's attributes from a table compared on another server.
func stripTiDB(t *engines.Table) {
	for _, k := range tidbTableOptions {
		delete(t.Options, k)
	}
	for _, c := range t.Columns {
		deleteOption(&c.Options, optAutoRandom)
	}
	if pk := primaryKey(t); pk != nil {
		deleteOption(&pk.Options, optClustered)
	}
}

// clusteredPK reports whether a primary key is TiDB's clustered index.
func clusteredPK(pk *engines.Constraint) bool {
	return pk != nil && pk.Options[optClustered] == "true"
}

// parseAutoRandom splits a canonical AUTO_RANDOM into shard and range bits.
func parseAutoRandom(v string) (shard, rng int) {
	s, r, ok := strings.Cut(v, ",")
	shard, _ = strconv.Atoi(s)
	rng = autoRandomRangeDefault
	if ok {
		rng, _ = strconv.Atoi(r)
	}
	return shard, rng
}

// tidbRebuildReason says why TiDB cannot turn table old into t with ALTER
// TABLE, or "" when it can. Each reason is a refusal of TiDB's DDL.
func tidbRebuildReason(old, t *engines.Table) string {
	opk, npk := primaryKey(old), primaryKey(t)
	if !pkEqual(opk, npk) {
		switch {
		case clusteredPK(opk):
			return "TiDB cannot drop or change the clustered primary key of a table"
		case clusteredPK(npk):
			return "TiDB adds a primary key to an existing table only NONCLUSTERED, and this one is clustered (say NONCLUSTERED in the schema file to add it in place)"
		}
	}
	for _, c := range t.Columns {
		oc := columnCI(old, c.Name)
		if oc == nil {
			if c.Generated != "" && c.GeneratedStored {
				return "TiDB cannot add the STORED generated column " + c.Name + " to an existing table"
			}
			if c.AutoIncrement {
				return "TiDB cannot add the AUTO_INCREMENT column " + c.Name + " to an existing table"
			}
			continue
		}
		if c.Generated != "" && c.GeneratedStored && generationChanges(oc, c) ||
			c.Generated != "" && c.GeneratedStored && oc.Generated != c.Generated {
			return "TiDB cannot change the STORED generated column " + c.Name + " in place"
		}
		if c.AutoIncrement && !oc.AutoIncrement {
			return "TiDB cannot add AUTO_INCREMENT to the existing column " + c.Name
		}
		if why := autoRandomChange(old, oc, c); why != "" {
			return why
		}
		if oc.Type != c.Type {
			reorg, supported := tidbTypeChange(oc.Type, c.Type)
			switch {
			case !supported:
				return fmt.Sprintf("TiDB cannot change column %s from %s to %s in place", c.Name, oc.Type, c.Type)
			case reorg && columnInPK(old, oc.Name):
				return fmt.Sprintf("TiDB cannot rewrite the values of primary key column %s (%s to %s) in place", c.Name, oc.Type, c.Type)
			case reorg && old.PartitionBy != "":
				return fmt.Sprintf("TiDB cannot rewrite the values of column %s (%s to %s) of a partitioned table in place", c.Name, oc.Type, c.Type)
			}
		}
	}
	if !tidbCharsetChangeOK(old.Options["CHARSET"], old.Options["COLLATE"], t.Options["CHARSET"], t.Options["COLLATE"], false) {
		return fmt.Sprintf("TiDB cannot change the character set of a table from %s to %s", old.Options["COLLATE"], t.Options["COLLATE"])
	}
	for _, c := range t.Columns {
		oc := columnCI(old, c.Name)
		if oc == nil {
			continue
		}
		ocs, oco := effective(oc, old)
		ncs, nco := effective(c, t)
		if oco != "" && nco != "" && !tidbCharsetChangeOK(ocs, oco, ncs, nco, columnIndexed(old, oc.Name)) {
			return fmt.Sprintf("TiDB cannot change column %s from %s to %s in place", c.Name, oco, nco)
		}
	}
	if (old.Options[optAutoIDCache] == "1") != (t.Options[optAutoIDCache] == "1") {
		return "TiDB cannot switch AUTO_ID_CACHE between 1 and other values"
	}
	if old.Options[optPreSplitRegions] != t.Options[optPreSplitRegions] {
		return "PRE_SPLIT_REGIONS only takes effect when TiDB creates a table"
	}
	return ""
}

// autoRandomChange says why TiDB refuses to change a column's AUTO_RANDOM
// in place: it only converts an AUTO_INCREMENT clustered primary key, only
// increases the shard bits, and keeps the type and range bits.
func autoRandomChange(old *engines.Table, oc, c *engines.Column) string {
	o, n := oc.Options[optAutoRandom], c.Options[optAutoRandom]
	if o == n {
		return ""
	}
	switch {
	case o == "":
		pk := primaryKey(old)
		if !oc.AutoIncrement || !clusteredPK(pk) || len(pk.Columns) != 1 || !strings.EqualFold(pk.Columns[0], c.Name) {
			return "TiDB adds AUTO_RANDOM to a column only in place of AUTO_INCREMENT on a clustered primary key, which " + c.Name + " is not"
		}
		return ""
	case n == "":
		return "TiDB cannot remove AUTO_RANDOM from column " + c.Name
	}
	os, or := parseAutoRandom(o)
	ns, nr := parseAutoRandom(n)
	switch {
	case or != nr:
		return "TiDB cannot change the AUTO_RANDOM range bits of column " + c.Name
	case ns < os:
		return "TiDB cannot decrease the AUTO_RANDOM shard bits of column " + c.Name
	case oc.Type != c.Type:
		return "TiDB cannot change the type of the AUTO_RANDOM column " + c.Name
	}
	return ""
}

// tidbOptionClauses are the ALTER TABLE clauses of TiDB's table options
// that change in place.
func tidbOptionClauses(old, t *engines.Table) []clause {
	var out []clause
	num := func(k string) string {
		if v := t.Options[k]; v != "" {
			return v
		}
		return "0"
	}
	if old.Options[optAutoIDCache] != t.Options[optAutoIDCache] {
		out = append(out, cl(optAutoIDCache+"="+num(optAutoIDCache)))
	}
	if old.Options[optShardRowIDBits] != t.Options[optShardRowIDBits] {
		out = append(out, cl(optShardRowIDBits+"="+num(optShardRowIDBits)))
	}
	if old.Options[optPlacementPolicy] != t.Options[optPlacementPolicy] {
		p := "DEFAULT"
		if v := t.Options[optPlacementPolicy]; v != "" {
			p = quoteIdent(v)
		}
		out = append(out, cl(optPlacementPolicy+"="+p))
	}
	return out
}

// rebuildName names the tables a rebuild of table goes through: name__ss_new
// and name__ss_old, hashed when that would pass 64 characters.
func rebuildName(table, suffix string) string {
	n := table + "__ss_" + suffix
	if len(n) <= 64 {
		return n
	}
	sum := sha256.Sum256([]byte(table))
	return "ss_rebuild_" + hex.EncodeToString(sum[:12]) + "_" + suffix
}

// rebuildTable plans a table TiDB cannot ALTER into shape: a new table made
// from the source, the rows of the old one copied into it, the two swapped
// by one RENAME, the old one dropped. Foreign keys (the table's and those
// of other tables that reference it) are dropped first and added back at
// the end; checks are added after the swap, since TiDB names them per
// database.
func (d *differ) rebuildTable(old, t *engines.Table, why string) {
	name := t.Name
	obj := "table " + name
	newName, oldName := rebuildName(name, "new"), rebuildName(name, "old")
	d.change(&engines.Change{Op: engines.Replace, Kind: engines.KindTable, Name: name, Fields: []string{"rebuild"}, From: old, To: t})

	var fkDrops []clause
	for _, c := range old.Constraints {
		if c.Kind == engines.ForeignKey {
			fkDrops = append(fkDrops, cl("DROP FOREIGN KEY "+quoteIdent(c.Name)))
		}
	}
	d.dropFKs = append(d.dropFKs, d.alterStatements(name, fkDrops)...)
	var fkAdds, checkAdds []clause
	shell := *t
	shell.Name = newName
	shell.Constraints = nil
	for _, c := range t.Constraints {
		switch c.Kind {
		case engines.ForeignKey:
			fkAdds = append(fkAdds, cl("ADD "+constraintSQL(c),
				hazard(engines.HazardMayFailOnData, "adding a foreign key fails if existing rows violate it")))
		case engines.Check:
			checkAdds = append(checkAdds, cl("ADD "+constraintSQL(c),
				hazard(engines.HazardMayFailOnData, "check "+c.Name+" fails if existing rows violate it")))
		default:
			shell.Constraints = append(shell.Constraints, c)
		}
	}
	d.referencingFKs(name)

	var cols, lost []string
	explicitRandom := false
	for _, c := range t.Columns {
		oc := columnCI(old, c.Name)
		if oc == nil || c.Generated != "" {
			continue
		}
		cols = append(cols, quoteIdent(c.Name))
		if c.Options[optAutoRandom] != "" {
			explicitRandom = true
		}
	}
	for _, oc := range old.Columns {
		if columnCI(t, oc.Name) == nil && oc.Generated == "" {
			lost = append(lost, oc.Name)
		}
	}
	// No lock keeps writers out: the copy reads a snapshot, so rows written
	// to the old table after it began are not in the new one when the
	// RENAME swaps them. That loses data (deletes_data) unless writes stop.
	d.alterTables = append(d.alterTables, stmt(createTableSQL(&shell, d.flavor, false), obj))
	if len(cols) > 0 {
		if explicitRandom {
			d.alterTables = append(d.alterTables, stmt("SET @@session.allow_auto_random_explicit_insert = 1", obj))
		}
		list := strings.Join(cols, ", ")
		d.alterTables = append(d.alterTables, stmt("INSERT INTO "+quoteIdent(newName)+" ("+list+")\n  SELECT "+list+" FROM "+quoteIdent(name), obj,
			hazard(engines.HazardRewritesTable, fmt.Sprintf("table %s is rebuilt, because %s: every row is copied into a new table in one transaction, which a large table may take past TiDB's transaction size limit", name, why)),
			hazard(engines.HazardMayFailOnData, "rows of "+name+" that do not fit the new definition make the copy fail")))
	}
	d.alterTables = append(d.alterTables, stmt("RENAME TABLE "+quoteIdent(name)+" TO "+quoteIdent(oldName)+", "+quoteIdent(newName)+" TO "+quoteIdent(name), obj,
		hazard(engines.HazardDeletesData, fmt.Sprintf("the rebuilt table takes the place of %s: rows written to %s after the copy began are not in it and are lost, so stop writes to %s while it is rebuilt", name, name, name))))
	dropHz := []engines.Hazard{hazard(engines.HazardDeletesData, "drops the old table "+name+" after the swap")}
	if len(lost) > 0 {
		dropHz = append(dropHz, hazard(engines.HazardDeletesData, "the data of column(s) "+strings.Join(lost, ", ")+" of "+name+" is not copied and is lost"))
	}
	d.alterTables = append(d.alterTables, stmt("DROP TABLE "+quoteIdent(oldName), obj, dropHz...))
	d.alterTables = append(d.alterTables, d.alterStatements(name, checkAdds)...)
	d.addFKs = append(d.addFKs, d.alterStatements(name, fkAdds)...)
}

// referencingFKs drops and adds again the foreign keys of other tables
// that reference a table being rebuilt and that the plan leaves alone
// otherwise: TiDB does not drop a referenced table.
func (d *differ) referencingFKs(table string) {
	if d.tgt == nil || d.src == nil {
		return
	}
	srcTables := tableMap(d.src)
	for _, child := range d.tgt.Tables {
		if strings.EqualFold(child.Name, table) {
			continue
		}
		next := srcTables[child.Name]
		for _, fk := range child.Constraints {
			if fk.Kind != engines.ForeignKey || !strings.EqualFold(fk.RefTable, table) || fk.RefSchema != "" {
				continue
			}
			if next == nil {
				continue // its table is dropped before the rebuild
			}
			nfk := fkMap(next)[strings.ToLower(fk.Name)]
			if nfk == nil || !fkEqual(fk, nfk) {
				continue // the child's own ALTER drops it (and adds the new one)
			}
			if d.tidbRebuilds[strings.ToLower(child.Name)] {
				continue // rebuilt too: its foreign keys come back with it
			}
			d.dropFKs = append(d.dropFKs, d.alterStatements(child.Name, []clause{cl("DROP FOREIGN KEY " + quoteIdent(fk.Name))})...)
			d.addFKs = append(d.addFKs, d.alterStatements(child.Name, []clause{cl("ADD "+constraintSQL(nfk),
				hazard(engines.HazardMayFailOnData, "adding a foreign key fails if existing rows violate it"))})...)
		}
	}
}

// prepareTiDB finds, before any table is planned, the tables a TiDB target
// must rebuild, so that foreign keys between them are planned once.
func (d *differ) prepareTiDB(tgt, src *engines.Schema) {
	d.tgt, d.src = tgt, src
	d.tidbRebuilds = map[string]bool{}
	if !d.flavor.TiDB {
		return
	}
	old := tableMap(tgt)
	for _, t := range src.Tables {
		if o := old[t.Name]; o != nil && tidbRebuildReason(o, t) != "" {
			d.tidbRebuilds[strings.ToLower(t.Name)] = true
		}
	}
}

// tidbPrelude plans what a TiDB session needs before the table's ALTERs:
// TiDB removes AUTO_INCREMENT only with tidb_allow_remove_auto_inc on.
func (d *differ) tidbPrelude(old, t *engines.Table) {
	if !d.flavor.TiDB {
		return
	}
	for _, c := range t.Columns {
		if oc := columnCI(old, c.Name); oc != nil && oc.AutoIncrement && !c.AutoIncrement {
			d.alterTables = append(d.alterTables, stmt("SET @@session.tidb_allow_remove_auto_inc = 1", "table "+t.Name))
			return
		}
	}
}

// literalBesideOnUpdate reports a default that TiDB marks DEFAULT_GENERATED
// only because the column has ON UPDATE CURRENT_TIMESTAMP, while the
// default itself is a plain value ('2020-01-01 00:00:00').
func (in *inspector) literalBesideOnUpdate(raw, extra string) bool {
	return in.flavor.TiDB && strings.Contains(extra, "on update") &&
		!strings.HasPrefix(strings.ToLower(strings.TrimSpace(raw)), "current_timestamp")
}

// lackedBy refuses a source with objects the target flavor does not have
// (TiDB: triggers, routines, events), which no plan could create there.
func lackedBy(src *engines.Schema, f Flavor) error {
	if !f.TiDB {
		return nil
	}
	for _, t := range src.Tables {
		if len(t.Triggers) > 0 {
			return fmt.Errorf("mysql: the target is TiDB, which has no triggers: the source defines trigger %s on table %s", t.Triggers[0].Name, t.Name)
		}
	}
	if len(src.Functions) > 0 {
		fn := src.Functions[0]
		return fmt.Errorf("mysql: the target is TiDB, which has no stored routines: the source defines %s %s", strings.ToLower(string(kindOfRoutine(fn))), fn.Name)
	}
	if len(src.Events) > 0 {
		return fmt.Errorf("mysql: the target is TiDB, which has no events: the source defines event %s", src.Events[0].Name)
	}
	return nil
}

// tidbCurrentTimeRe matches the defaults TiDB keeps as words, not as
// DEFAULT_GENERATED expressions: CURRENT_TIMESTAMP(n) and CURRENT_DATE.
var tidbCurrentTimeRe = regexp.MustCompile(`(?i)^(current_timestamp(\(\d*\))?|current_date(\(\))?)$`)

// tidbCurrentTime reports a temporal column's default that TiDB prints as
// CURRENT_TIMESTAMP or CURRENT_DATE without marking it DEFAULT_GENERATED.
func (in *inspector) tidbCurrentTime(raw, colType string) bool {
	if !in.flavor.TiDB {
		return false
	}
	class, _ := classOf(colType)
	return class == classTemporal && tidbCurrentTimeRe.MatchString(strings.TrimSpace(raw))
}

// tidbCharsetChangeOK reports whether TiDB changes a column's or table's
// character set and collation in place: only utf8 or latin1 to utf8mb4, or
// another collation of utf8/utf8mb4; and an indexed column keeps to
// collations that sort alike.
func tidbCharsetChangeOK(fromCS, fromCO, toCS, toCO string, indexed bool) bool {
	if fromCO == toCO {
		return true
	}
	fromCS, toCS = tidbCharsetName(fromCS), tidbCharsetName(toCS)
	fromCO, toCO = tidbCharsetName(fromCO), tidbCharsetName(toCO)
	if indexed && !tidbCompatibleCollations(fromCO, toCO) {
		return false
	}
	switch {
	case fromCS == "utf8" && (toCS == "utf8mb4" || toCS == "utf8"),
		fromCS == "utf8mb4" && toCS == "utf8mb4",
		fromCS == "latin1" && toCS == "utf8mb4":
		return true
	}
	return false
}

// tidbCharsetName spells utf8mb3 (and its collations) as TiDB does: utf8.
func tidbCharsetName(s string) string {
	if strings.HasPrefix(s, "utf8mb3") {
		return "utf8" + strings.TrimPrefix(s, "utf8mb3")
	}
	return s
}

// tidbCompatibleCollations are collations whose index entries TiDB keeps
// when a column moves between them.
func tidbCompatibleCollations(a, b string) bool {
	for _, group := range [][]string{
		{"utf8mb4_general_ci", "utf8_general_ci"},
		{"utf8mb4_bin", "utf8_bin", "latin1_bin"},
		{"utf8mb4_unicode_ci", "utf8_unicode_ci"},
	} {
		if slices.Contains(group, a) && slices.Contains(group, b) {
			return true
		}
	}
	return a == b
}

// columnIndexed reports whether an index or the primary key has the column.
func columnIndexed(t *engines.Table, column string) bool {
	for _, ix := range t.Indexes {
		for _, p := range ix.Parts {
			if strings.EqualFold(p.Column, column) {
				return true
			}
		}
	}
	if pk := primaryKey(t); pk != nil {
		for _, c := range pk.Columns {
			if strings.EqualFold(c, column) {
				return true
			}
		}
	}
	return false
}

// columnInPK reports whether the column is part of the primary key.
func columnInPK(t *engines.Table, column string) bool {
	pk := primaryKey(t)
	return pk != nil && slices.ContainsFunc(pk.Columns, func(c string) bool { return strings.EqualFold(c, column) })
}

// colType is a canonical column type taken apart.
type colType struct {
	base     string // int, varchar, decimal, enum...
	args     []int  // (10,2)
	members  string // the member list of enum and set
	unsigned bool
}

func splitType(t string) colType {
	var ct colType
	rest := t
	if i := strings.IndexAny(t, "( "); i >= 0 {
		ct.base, rest = t[:i], t[i:]
	} else {
		ct.base, rest = t, ""
	}
	if strings.HasPrefix(rest, "(") {
		end := strings.LastIndex(rest, ")")
		inner := rest[1:end]
		if ct.base == "enum" || ct.base == "set" {
			ct.members = inner
		} else {
			for _, a := range strings.Split(inner, ",") {
				n, _ := strconv.Atoi(strings.TrimSpace(a))
				ct.args = append(ct.args, n)
			}
		}
		rest = rest[end+1:]
	}
	ct.unsigned = strings.Contains(rest, "unsigned")
	return ct
}

// Type families as TiDB's DDL groups them.
var (
	tidbIntegers = map[string]int{"tinyint": 1, "smallint": 2, "mediumint": 3, "int": 4, "bigint": 5}
	tidbStrings  = map[string]int{"char": 255, "varchar": -1, "binary": 255, "varbinary": -1, "tinytext": 255, "text": 65535,
		"mediumtext": 16777215, "longtext": 1 << 32, "tinyblob": 255, "blob": 65535, "mediumblob": 16777215, "longblob": 1 << 32}
	tidbTemporal = map[string]bool{"date": true, "datetime": true, "timestamp": true, "time": true, "year": true}
)

// tidbTypeChange tells how TiDB changes a column's type in place: whether
// it must rewrite (reorganize) the stored values, and whether it can at
// all. It follows TiDB's own rules (types.CheckModifyTypeCompatible).
func tidbTypeChange(from, to string) (reorg, supported bool) {
	a, b := splitType(from), splitType(to)
	switch {
	case a.base == "bit" && (b.base == "time" || tidbTemporal[b.base]) || b.base == "bit" && (tidbTemporal[a.base] || tidbStrings[a.base] != 0 || a.base == "json"),
		(b.base == "enum" || b.base == "set") && (tidbTemporal[a.base] || a.base == "decimal" || a.base == "float" || a.base == "double" || a.base == "json" || a.base == "bit"),
		tidbTemporal[b.base] && b.base != "year" && (a.base == "enum" || a.base == "set" || a.base == "bit" || a.base == "decimal" || a.base == "float" || a.base == "double"):
		return true, false
	}
	if a.unsigned != b.unsigned {
		return true, true
	}
	if ia, ok := tidbIntegers[a.base]; ok {
		if ib, ok := tidbIntegers[b.base]; ok {
			return ib < ia, true
		}
		return true, true
	}
	if la, ok := tidbStrings[a.base]; ok {
		lb, ok := tidbStrings[b.base]
		if !ok {
			return true, true
		}
		if (a.base == "char") != (b.base == "char") && (a.base == "char" || b.base == "char") && (a.base == "varchar" || b.base == "varchar") {
			return true, true // char <-> varchar
		}
		if len(a.args) > 0 {
			la = a.args[0]
		}
		if len(b.args) > 0 {
			lb = b.args[0]
		}
		if lb < la || a.base == "binary" && b.base == "binary" && lb != la {
			return true, true
		}
		return false, true
	}
	if a.base == b.base && (a.base == "enum" || a.base == "set") {
		return !strings.HasPrefix(b.members, a.members), true
	}
	if a.base == b.base && tidbTemporal[a.base] {
		fa, fb := 0, 0
		if len(a.args) > 0 {
			fa = a.args[0]
		}
		if len(b.args) > 0 {
			fb = b.args[0]
		}
		return fb < fa, true
	}
	return true, true
}

// servesFK reports whether an index can serve a foreign key of the table
// (its columns start with the key's).
func servesFK(t *engines.Table, ix *engines.Index) bool {
	for _, c := range t.Constraints {
		if c.Kind != engines.ForeignKey || len(ix.Parts) < len(c.Columns) {
			continue
		}
		serves := true
		for i, col := range c.Columns {
			if !strings.EqualFold(ix.Parts[i].Column, col) {
				serves = false
			}
		}
		if serves {
			return true
		}
	}
	return false
}
