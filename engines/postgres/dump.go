package postgres

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// dump writes the model as canonical files: one object per file, every
// file printed by the same generators plan uses, in a fixed order, so that
// a schema dumped twice is byte-identical and a changed object changes one
// file. Paths are relative to the dump directory:
//
//	extensions.sql
//	event_triggers.sql
//	publications.sql
//	foreign_servers.sql                    (wrappers, servers, user mappings)
//	~default_privileges.sql                (ALTER DEFAULT PRIVILEGES; read last)
//	<schema>/schema.sql
//	<schema>/collations.sql
//	<schema>/types/<name>.sql
//	<schema>/sequences/<name>.sql
//	<schema>/tables/<name>.sql             (with its foreign keys, indexes, triggers, comments)
//	<schema>/views/<name>.sql
//	<schema>/materialized_views/<name>.sql (with its indexes)
//	<schema>/functions/<name>.sql          (every overload of the name)
//	<schema>/procedures/<name>.sql
//	<schema>/aggregates/<name>.sql
//
// Files reference each other (a foreign key, a sequence's owner, a view's
// tables); the parser reads all files in passes, so any reading order works.
// A sequence's OWNED BY goes into its owner table's file, after the table.
func dump(db *engines.Database) ([]engines.File, error) {
	if db == nil {
		return nil, nil
	}
	m := indexModel(db)
	var files []engines.File
	put := func(path string, stmts []string) {
		if len(stmts) == 0 {
			return
		}
		files = append(files, engines.File{Path: path, Text: renderStatements(stmts)})
	}

	exts := slices.SortedFunc(slices.Values(db.Extensions), func(a, b *engines.Extension) int { return strings.Compare(a.Name, b.Name) })
	var extStmts []string
	for _, e := range exts {
		extStmts = append(extStmts, createExtensionSQL(e))
		if e.Comment != "" {
			extStmts = append(extStmts, commentSQL("EXTENSION "+quoteIdent(e.Name), e.Comment))
		}
	}
	put("extensions.sql", extStmts)

	var evtStmts []string
	for _, e := range slices.SortedFunc(slices.Values(db.EventTriggers), func(a, b *engines.EventTrigger) int { return strings.Compare(a.Name, b.Name) }) {
		evtStmts = append(evtStmts, createEventTriggerSQL(e)...)
		if e.Comment != "" {
			evtStmts = append(evtStmts, commentSQL("EVENT TRIGGER "+quoteIdent(e.Name), e.Comment))
		}
	}
	put("event_triggers.sql", evtStmts)
	put("casts.sql", dumpCasts(db))
	// Read after every object's file (paths sort in byte order, and object
	// paths hold no "~"): an entry gives its grants to what the files
	// create after it.
	put("~default_privileges.sql", dumpDefaultPrivileges(db))

	var pubStmts []string
	for _, pub := range slices.SortedFunc(slices.Values(db.Publications), func(a, b *engines.Publication) int { return strings.Compare(a.Name, b.Name) }) {
		pubStmts = append(pubStmts, createPublicationSQL(pub))
		if pub.Comment != "" {
			pubStmts = append(pubStmts, commentSQL("PUBLICATION "+quoteIdent(pub.Name), pub.Comment))
		}
	}
	put("publications.sql", pubStmts)
	put("foreign_servers.sql", dumpForeign(db))

	// Sequences owned by a table column are attached in that table's file.
	ownedBy := map[string][]*engines.Sequence{}
	for _, k := range slices.Sorted(maps.Keys(m.seqs)) {
		s := m.seqs[k]
		if os, ot, _, ok := sequenceOwner(s); ok && m.tables[key(os, ot)] != nil {
			ownedBy[key(os, ot)] = append(ownedBy[key(os, ot)], s)
		}
	}

	for _, sname := range slices.Sorted(maps.Keys(m.schemas)) {
		s := m.schemas[sname]
		dir := fileName(sname) + "/"
		var stmts []string
		if sname != "public" {
			stmts = append(stmts, createSchemaSQL(sname))
		}
		if s.Comment != "" {
			stmts = append(stmts, commentSQL("SCHEMA "+quoteIdent(sname), s.Comment))
		}
		if sname != "public" {
			stmts = append(stmts, dumpGrants("SCHEMA", quoteIdent(sname), s.Grants)...)
		} else if s.Options[optPrivileges] != "" || !grantsEqual(s.Grants, publicSchemaDefaults()) && s.Grants != nil {
			// What differs from initdb's (PostgreSQL 15).
			revokes, grants := grantStatements("SCHEMA", "public", publicSchemaDefaults(), s.Grants)
			stmts = append(append(stmts, revokes...), grants...)
		}
		put(dir+"schema.sql", stmts)
		var colls []string
		for _, c := range s.Collations {
			colls = append(colls, createCollationSQL(c))
			if c.Comment != "" {
				colls = append(colls, commentSQL("COLLATION "+qualify(c.Schema, c.Name), c.Comment))
			}
		}
		put(dir+"collations.sql", colls)
		put(dir+"operators.sql", dumpOperators(s))
		put(dir+"text_search.sql", append(dumpTSDicts(s), dumpTSConfigs(s)...))

		for _, t := range sortedBy(s.Types, func(t *engines.Type) string { return t.Name }) {
			sql, err := createTypeSQL(t)
			if err != nil {
				return nil, fmt.Errorf("dump: %w", err)
			}
			stmts := []string{sql}
			if t.Comment != "" {
				stmts = append(stmts, commentSQL(typeObject(t), t.Comment))
			}
			revokes, grants := grantStatements("TYPE", qualify(t.Schema, t.Name), builtinDefaults("TYPES"), t.Grants)
			stmts = append(append(stmts, revokes...), grants...)
			put(dir+"types/"+fileName(t.Name)+".sql", stmts)
		}

		for _, q := range sortedBy(s.Sequences, func(q *engines.Sequence) string { return q.Name }) {
			stmts := []string{createSequenceSQL(q)}
			if os, ot, _, ok := sequenceOwner(q); q.OwnedBy != "" && (!ok || m.tables[key(os, ot)] == nil) {
				stmts = append(stmts, sequenceOwnedSQL(q))
			}
			if q.Comment != "" {
				stmts = append(stmts, commentSQL("SEQUENCE "+qualify(q.Schema, q.Name), q.Comment))
			}
			if os, ot, _, ok := sequenceOwner(q); !ok || m.tables[key(os, ot)] == nil {
				// An owned sequence's grants follow it into its table's file.
				stmts = append(stmts, dumpGrants("SEQUENCE", qualify(q.Schema, q.Name), q.Grants)...)
				stmts = append(stmts, ownerSQL("SEQUENCE", qualify(q.Schema, q.Name), q.Owner)...)
			}
			put(dir+"sequences/"+fileName(q.Name)+".sql", stmts)
		}

		for _, t := range sortedBy(s.Tables, func(t *engines.Table) string { return t.Name }) {
			stmts, err := dumpTable(m, t, ownedBy[key(t.Schema, t.Name)])
			if err != nil {
				return nil, fmt.Errorf("dump: %w", err)
			}
			put(dir+"tables/"+fileName(t.Name)+".sql", stmts)
		}

		for _, v := range sortedBy(s.Views, func(v *engines.View) string { return v.Name }) {
			stmts := []string{createViewSQL(v, false)}
			for _, idx := range sortedBy(v.Indexes, func(i *engines.Index) string { return i.Name }) {
				stmts = append(stmts, createIndexSQL(v.Schema, v.Name, idx))
				stmts = append(stmts, indexStatsSQL(v.Schema, idx, nil)...)
			}
			if v.Comment != "" {
				stmts = append(stmts, commentSQL(viewObject(v), v.Comment))
			}
			for _, col := range sortedKeys(v.ColumnDefaults) {
				stmts = append(stmts, viewDefaultSQL(v, col))
			}
			for _, col := range sortedKeys(v.ColumnStatistics) {
				stmts = append(stmts, viewStatisticsSQL(v, col))
			}
			for _, col := range sortedKeys(v.ColumnStorage) {
				stmts = append(stmts, viewStorageSQL(v, col))
			}
			for _, col := range sortedKeys(v.ColumnComments) {
				stmts = append(stmts, commentSQL(columnTarget(v.Schema, v.Name, col), v.ColumnComments[col]))
			}
			for _, idx := range sortedBy(v.Indexes, func(i *engines.Index) string { return i.Name }) {
				if idx.Comment != "" {
					stmts = append(stmts, commentSQL("INDEX "+qualify(v.Schema, idx.Name), idx.Comment))
				}
			}
			for _, tr := range sortedBy(v.Triggers, func(tr *engines.Trigger) string { return tr.Name }) {
				stmts = append(stmts, createTriggerSQL(v.Schema, v.Name, tr))
				if e := triggerEnableSQL(v.Schema, v.Name, tr, false); e != "" {
					stmts = append(stmts, e)
				}
				if tr.Comment != "" {
					stmts = append(stmts, commentSQL(triggerObject(v.Schema, v.Name, tr.Name), tr.Comment))
				}
			}
			ruleStmts, ruleComments := dumpRules(v.Schema, v.Name, v.Rules)
			stmts = append(append(stmts, ruleStmts...), ruleComments...)
			stmts = append(stmts, dumpGrants("TABLE", qualify(v.Schema, v.Name), v.Grants)...)
			keyword := "VIEW"
			if v.Materialized {
				keyword = "MATERIALIZED VIEW"
			}
			stmts = append(stmts, ownerSQL(keyword, qualify(v.Schema, v.Name), v.Owner)...)
			sub := "views/"
			if v.Materialized {
				sub = "materialized_views/"
			}
			put(dir+sub+fileName(v.Name)+".sql", stmts)
		}

		// All overloads of a name share a file, in argument order.
		funcs := slices.Clone(s.Functions)
		slices.SortFunc(funcs, func(a, b *engines.Function) int {
			if c := strings.Compare(a.Name, b.Name); c != 0 {
				return c
			}
			return strings.Compare(a.Args, b.Args)
		})
		groups := map[string][]string{}
		var order []string
		for _, f := range funcs {
			sub := "functions/"
			switch {
			case f.Procedure:
				sub = "procedures/"
			case f.Aggregate:
				sub = "aggregates/"
			}
			path := dir + sub + fileName(f.Name) + ".sql"
			if _, ok := groups[path]; !ok {
				order = append(order, path)
			}
			groups[path] = append(groups[path], createFunctionSQL(f))
			if f.Comment != "" {
				groups[path] = append(groups[path], commentSQL(functionObject(f), f.Comment))
			}
			groups[path] = append(groups[path], routineGrantsSQL(f)...)
		}
		for _, path := range order {
			put(path, groups[path])
		}
	}

	slices.SortFunc(files, func(a, b engines.File) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return nil, fmt.Errorf("dump: two objects map to the file %s", files[i].Path)
		}
	}
	return files, nil
}

// onlyPartsSQL prints an incomplete partitioned index (or key) of t as a
// load makes one: created ON ONLY t (create), then for each partition that
// has its part, the part (def, under its name, or one of its own for a
// key's, whose parts' names the model does not keep) made and attached, as
// a key's when keyOf is set.
func onlyPartsSQL(m *modelIndex, t *engines.Table, name string, unattached []string, create string, def *engines.Index, keyOf *engines.Constraint) []string {
	out := []string{create}
	for _, pk := range m.partitions[key(t.Schema, t.Name)] {
		if slices.Contains(unattached, pk) {
			continue
		}
		pt := m.tables[pk]
		if pt == nil {
			continue
		}
		part := partOf(def, cmp.Or(def.PartNames[pk], makeObjectName(pt.Name, name, "part")))
		if tableHasKeyIndex(pt, part.Name) {
			// The partition's key's own index is the part: attached as it is.
			out = append(out, "ALTER INDEX "+qualify(t.Schema, name)+" ATTACH PARTITION "+qualify(pt.Schema, part.Name))
			continue
		}
		out = append(out, createIndexSQL(pt.Schema, pt.Name, part))
		if keyOf != nil {
			out = append(out, "ALTER TABLE "+qualify(pt.Schema, pt.Name)+" ADD CONSTRAINT "+quoteIdent(part.Name)+" "+string(keyOf.Kind)+" USING INDEX "+quoteIdent(part.Name))
		}
		out = append(out, "ALTER INDEX "+qualify(t.Schema, name)+" ATTACH PARTITION "+qualify(pt.Schema, part.Name))
	}
	return out
}

// ownerSQL sets a relation's owner, when the model names one.
func ownerSQL(keyword, obj, owner string) []string {
	if owner == "" {
		return nil
	}
	return []string{"ALTER " + keyword + " " + obj + " OWNER TO " + quoteIdent(owner)}
}

// columnParts are index keys on the columns, as a key constraint's index has.
func columnParts(cols []string) []*engines.IndexPart {
	out := make([]*engines.IndexPart, len(cols))
	for i, c := range cols {
		out[i] = &engines.IndexPart{Column: c}
	}
	return out
}

// dumpTable prints a table's file: the table, then what refers to it.
func dumpTable(m *modelIndex, t *engines.Table, owned []*engines.Sequence) ([]string, error) {
	create, err := createTableSQL(t, parentTables(m, t))
	if err != nil {
		return nil, err
	}
	stmts := []string{create}
	if t.PartitionOf == "" {
		for _, c := range t.Columns {
			stmts = append(stmts, columnOptionSQL(t, c)...)
		}
	}
	stmts = append(stmts, inheritedDefaultsSQL(t)...)
	cons := sortedBy(t.Constraints, func(c *engines.Constraint) string { return c.Name })
	for _, c := range cons {
		switch {
		case len(c.Unattached) > 0:
			stmts = append(stmts, onlyPartsSQL(m, t, c.Name, c.Unattached,
				strings.Replace(addConstraintSQL(t, c), "ALTER TABLE ", "ALTER TABLE ONLY ", 1),
				&engines.Index{Unique: true, Parts: columnParts(c.Columns), Include: c.Include, NullsNotDistinct: c.NullsNotDistinct}, c)...)
		case !inlineConstraint(c):
			stmts = append(stmts, addConstraintSQL(t, c))
		}
	}
	idxs := sortedBy(t.Indexes, func(i *engines.Index) string { return i.Name })
	for _, idx := range idxs {
		if len(idx.Unattached) > 0 {
			stmts = append(stmts, onlyPartsSQL(m, t, idx.Name, idx.Unattached,
				strings.Replace(createIndexSQL(t.Schema, t.Name, idx), " ON ", " ON ONLY ", 1), idx, nil)...)
		} else {
			// Parts first, under their names: the parent's index adopts them.
			for _, part := range partsToMake(idx, func(k string) *engines.Table { return m.tables[k] }) {
				stmts = append(stmts, createIndexSQL(part.table.Schema, part.table.Name, part.index))
			}
			stmts = append(stmts, createIndexSQL(t.Schema, t.Name, idx))
		}
		stmts = append(stmts, indexStatsSQL(t.Schema, idx, nil)...)
	}
	trgs := sortedBy(t.Triggers, func(tr *engines.Trigger) string { return tr.Name })
	for _, tr := range trgs {
		stmts = append(stmts, createTriggerSQL(t.Schema, t.Name, tr))
		if e := triggerEnableSQL(t.Schema, t.Name, tr, false); e != "" {
			stmts = append(stmts, e)
		}
	}
	statStmts, statComments := dumpStatistics(t)
	stmts = append(stmts, statStmts...)
	stmts = append(stmts, dumpTableSecurity(t)...)
	ruleStmts, ruleComments := dumpRules(t.Schema, t.Name, t.Rules)
	stmts = append(stmts, ruleStmts...)
	for _, s := range owned {
		stmts = append(stmts, sequenceOwnedSQL(s))
	}
	if t.Comment != "" {
		kind := "TABLE "
		if t.ForeignServer != "" {
			kind = "FOREIGN TABLE "
		}
		stmts = append(stmts, commentSQL(kind+qualify(t.Schema, t.Name), t.Comment))
	}
	for _, c := range t.Columns {
		if c.Comment != "" {
			stmts = append(stmts, commentSQL(columnTarget(t.Schema, t.Name, c.Name), c.Comment))
		}
	}
	for _, c := range cons {
		if c.Comment != "" {
			stmts = append(stmts, commentSQL(constraintObject(t.Schema, t.Name, c.Name), c.Comment))
		}
		if ic := c.Options[indexCommentOption]; ic != "" {
			stmts = append(stmts, commentSQL("INDEX "+qualify(t.Schema, c.Name), ic))
		}
	}
	for _, idx := range idxs {
		if idx.Comment != "" {
			stmts = append(stmts, commentSQL("INDEX "+qualify(t.Schema, idx.Name), idx.Comment))
		}
	}
	for _, tr := range trgs {
		if tr.Comment != "" {
			stmts = append(stmts, commentSQL(triggerObject(t.Schema, t.Name, tr.Name), tr.Comment))
		}
	}
	stmts = append(stmts, dumpPolicyComments(t)...)
	stmts = append(stmts, statComments...)
	stmts = append(stmts, ruleComments...)
	stmts = append(stmts, dumpGrants("TABLE", qualify(t.Schema, t.Name), t.Grants)...)
	keyword := "TABLE"
	if t.ForeignServer != "" {
		keyword = "FOREIGN TABLE"
	}
	stmts = append(stmts, ownerSQL(keyword, qualify(t.Schema, t.Name), t.Owner)...)
	for _, s := range owned {
		stmts = append(stmts, dumpGrants("SEQUENCE", qualify(s.Schema, s.Name), s.Grants)...)
	}
	return stmts, nil
}

// renderStatements prints statements one after the other, each ended by a
// semicolon and separated by a blank line; the text ends with a newline.
func renderStatements(stmts []string) string {
	var b strings.Builder
	for i, s := range stmts {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(s + ";\n")
	}
	return b.String()
}

// renderPlan prints a plan as the file a proposal carries: a header line,
// then each statement with its hazards as comments above it, ended by a
// semicolon and followed by a blank line.
func renderPlan(p *engines.Plan) string {
	var b strings.Builder
	n := 0
	if p != nil {
		n = len(p.Statements)
	}
	plural := "s"
	if n == 1 {
		plural = ""
	}
	fmt.Fprintf(&b, "-- schemasync plan (postgres): %d statement%s\n\n", n, plural)
	if p == nil {
		return b.String()
	}
	for _, s := range p.Statements {
		for _, h := range s.Hazards {
			fmt.Fprintf(&b, "-- hazard %s: %s\n", h.Kind, oneLine(h.Message))
		}
		b.WriteString(s.SQL + ";\n\n")
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// fileName turns an object name into a file name: characters outside
// [A-Za-z0-9_.-] are percent-encoded, and so is a leading dot, so that no
// name can become a hidden file or a path like "..".
func fileName(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := c == '_' || c == '-' || (c == '.' && i > 0) ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		if ok {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// sortedBy returns a sorted copy; the model's own order is left alone.
func sortedBy[T any](list []T, name func(T) string) []T {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b T) int { return strings.Compare(name(a), name(b)) })
	return out
}
