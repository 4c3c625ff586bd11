package postgres

import (
	"cmp"
	"maps"
	"slices"

	"github.com/schemasync/schemasync/engines"
)

// partAttach is a partition's standalone index that the plan attaches to
// its parent table's partitioned index, or to the index of the parent's
// primary key or unique constraint (key), instead of dropping it.
type partAttach struct {
	schema, table, parent string // the parent table and its index
	key                   *engines.Constraint
	part                  *engines.Table // the partition
	index                 string         // the partition's index
	// build is the index to make on the partition first, when it has none
	// that can become the part.
	build *engines.Index
	// final is the part's name once the plan's renames ran (the source
	// names the part otherwise, see partRenames).
	final string
}

// attachParts finds where the target's partitioned index (or key) lacks a
// partition's part that the source's has: CREATE INDEX ON ONLY, or ALTER
// TABLE ONLY … ADD CONSTRAINT, left the parent's index invalid until each
// partition's index is attached. A standalone index of the partition with
// the same definition is attached (the plan would otherwise drop it: the
// source's partition has it only as a part); else the part is built on
// the partition alone and attached, rather than the parent's index made
// again. It returns the target as the attachments leave it (a copy, when
// there are any: those indexes gone from their partitions, the partitions
// no longer unattached) and the attachments.
func attachParts(target, source *engines.Database) (*engines.Database, []partAttach) {
	if !hasUnattached(target) {
		return target, nil // the common case, without indexing big models
	}
	src := map[string]*engines.Table{}
	for _, s := range source.Schemas {
		for _, t := range s.Tables {
			src[key(t.Schema, t.Name)] = t
		}
	}
	tgt := map[string]*engines.Table{}
	for _, s := range target.Schemas {
		for _, t := range s.Tables {
			tgt[key(t.Schema, t.Name)] = t
		}
	}
	// standalone finds the index of partition part (a key of the target)
	// that can become the part: of the same definition as want, and not an
	// index the source's partition keeps on its own.
	standalone := func(part string, want func(*engines.Index) bool) (*engines.Table, string) {
		tp, sp := tgt[part], src[part]
		if tp == nil || sp == nil {
			return nil, ""
		}
		for _, x := range tp.Indexes {
			if want(x) && !slices.ContainsFunc(sp.Indexes, func(y *engines.Index) bool { return y.Name == x.Name }) {
				return tp, x.Name
			}
		}
		return nil, ""
	}
	var out []partAttach
	for _, s := range target.Schemas {
		for _, tt := range s.Tables {
			st := src[key(tt.Schema, tt.Name)]
			if tt.PartitionBy == "" || st == nil {
				continue
			}
			for _, ti := range tt.Indexes {
				i := slices.IndexFunc(st.Indexes, func(x *engines.Index) bool { return x.Name == ti.Name })
				if len(ti.Unattached) == 0 || i < 0 || !sameIndexDefinition(ti, st.Indexes[i]) {
					continue
				}
				for _, part := range ti.Unattached {
					if slices.Contains(st.Indexes[i].Unattached, part) {
						continue
					}
					want := st.Indexes[i].PartNames[part]
					if tp, name := standalone(part, func(x *engines.Index) bool { return sameIndexDefinition(x, ti) }); tp != nil {
						out = append(out, partAttach{schema: tt.Schema, table: tt.Name, parent: ti.Name, part: tp, index: name, final: cmp.Or(want, name)})
					} else if tp := tgt[part]; tp != nil && src[part] != nil {
						build := partOf(ti, cmp.Or(want, partName(target, source, tp, ti.Parts, "idx")))
						out = append(out, partAttach{schema: tt.Schema, table: tt.Name, parent: ti.Name, part: tp, index: build.Name, build: build, final: build.Name})
					}
				}
			}
			for _, tc := range tt.Constraints {
				i := slices.IndexFunc(st.Constraints, func(x *engines.Constraint) bool { return x.Name == tc.Name && x.Kind == tc.Kind })
				if len(tc.Unattached) == 0 || i < 0 || (tc.Kind != engines.PrimaryKey && tc.Kind != engines.Unique) {
					continue
				}
				for _, part := range tc.Unattached {
					if slices.Contains(st.Constraints[i].Unattached, part) {
						continue
					}
					if tp, name := standalone(part, func(x *engines.Index) bool { return keyIndex(x, tc) }); tp != nil {
						out = append(out, partAttach{schema: tt.Schema, table: tt.Name, parent: tc.Name, key: tc, part: tp, index: name, final: name})
					} else if tp := tgt[part]; tp != nil && src[part] != nil {
						build := &engines.Index{Unique: true, Parts: columnParts(tc.Columns), Include: tc.Include, NullsNotDistinct: tc.NullsNotDistinct}
						label := "key"
						if tc.Kind == engines.PrimaryKey {
							label = "pkey"
						}
						build.Name = partName(target, source, tp, build.Parts, label)
						out = append(out, partAttach{schema: tt.Schema, table: tt.Name, parent: tc.Name, key: tc, part: tp, index: build.Name, build: build, final: build.Name})
					}
				}
			}
		}
	}
	if len(out) == 0 {
		return target, nil
	}
	cp := target.Clone()
	tables := map[string]*engines.Table{}
	for _, s := range cp.Schemas {
		for _, t := range s.Tables {
			tables[key(t.Schema, t.Name)] = t
		}
	}
	for i, a := range out {
		part := key(a.part.Schema, a.part.Name)
		tp := tables[part]
		tp.Indexes = slices.DeleteFunc(tp.Indexes, func(x *engines.Index) bool { return x.Name == a.index })
		out[i].part = tp
		unattached := func(list []string) []string {
			return slices.DeleteFunc(list, func(x string) bool { return x == part })
		}
		t := tables[key(a.schema, a.table)]
		if a.key != nil {
			for _, c := range t.Constraints {
				if c.Name == a.parent && c.Kind == a.key.Kind {
					c.Unattached = unattached(c.Unattached)
				}
			}
			continue
		}
		for _, x := range t.Indexes {
			if x.Name == a.parent {
				x.Unattached = unattached(x.Unattached)
				setPartName(x, part, a.index)
			}
		}
	}
	return cp, out
}

// partName names a part built on partition t as the server names an index
// it makes (partition, columns, label), avoiding every relation and key
// name of t's schema in either model.
func partName(target, source *engines.Database, t *engines.Table, parts []*engines.IndexPart, label string) string {
	cols := make([]string, len(parts))
	for i, p := range parts {
		cols[i] = p.Column
		if cols[i] == "" {
			cols[i] = "expr"
		}
	}
	taken := map[string]bool{}
	for _, db := range []*engines.Database{target, source} {
		s := db.Schema(t.Schema)
		if s == nil {
			continue
		}
		for _, x := range s.Tables {
			taken[x.Name] = true
			for _, i := range x.Indexes {
				taken[i.Name] = true
			}
			for _, c := range x.Constraints {
				taken[c.Name] = true
			}
		}
		for _, v := range s.Views {
			taken[v.Name] = true
		}
		for _, q := range s.Sequences {
			taken[q.Name] = true
		}
	}
	return chooseName(t.Name, joinNameParts(dedupeColumnNames(cols)), label, func(n string) bool { return taken[n] })
}

// partOf is a partition's part of the partitioned index idx, named name.
func partOf(idx *engines.Index, name string) *engines.Index {
	part := idx.Clone()
	part.Name, part.PartNames, part.Unattached, part.Comment = name, nil, nil, ""
	return part
}

// partToMake is a part of a partitioned index made on its partition
// before the parent's index, which then adopts it, name and all.
type partToMake struct {
	table *engines.Table
	index *engines.Index
}

// partsToMake lists, by partition, the parts of idx its PartNames name
// (table looks a partition up): not on a foreign table (it has none), nor
// a partition key's own index, which the parent's adopts as it is.
func partsToMake(idx *engines.Index, table func(key string) *engines.Table) []partToMake {
	var out []partToMake
	for _, pk := range slices.Sorted(maps.Keys(idx.PartNames)) {
		if pt := table(pk); pt != nil && pt.ForeignServer == "" && !tableHasKeyIndex(pt, idx.PartNames[pk]) {
			out = append(out, partToMake{pt, partOf(idx, idx.PartNames[pk])})
		}
	}
	return out
}

// hasUnattached reports whether an index or key of db lacks parts.
func hasUnattached(db *engines.Database) bool {
	for _, s := range db.Schemas {
		for _, t := range s.Tables {
			if t.PartitionBy == "" {
				continue
			}
			for _, x := range t.Indexes {
				if len(x.Unattached) > 0 {
					return true
				}
			}
			for _, c := range t.Constraints {
				if len(c.Unattached) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// keyIndex reports whether index x can become a partition's part of key k
// (ALTER TABLE … ADD CONSTRAINT … USING INDEX, then attached): a plain
// unique btree index on k's columns.
func keyIndex(x *engines.Index, k *engines.Constraint) bool {
	if !x.Unique || (x.Method != "" && x.Method != "btree") || x.Where != "" || len(x.Options) > 0 ||
		x.NullsNotDistinct != k.NullsNotDistinct || !slices.Equal(x.Include, k.Include) || len(x.Parts) != len(k.Columns) {
		return false
	}
	for i, p := range x.Parts {
		if p.Column != k.Columns[i] || p.Expr != "" || p.Collation != "" || p.OpClass != "" || p.Desc || p.NullsFirst != nil {
			return false
		}
	}
	return true
}

// missingParts reports whether the target's partitioned index (or key)
// lacks a partition's part that the source's has: it must be made again.
// The other way round is left alone: an index's part cannot be detached.
func missingParts(target, source []string) bool {
	for _, p := range target {
		if !slices.Contains(source, p) {
			return true
		}
	}
	return false
}

// emitAttachments makes the attachments attachParts found: a key's part
// first becomes the partition's key constraint (USING INDEX keeps the
// index and its name), then the index becomes the parent's part.
func (p *planner) emitAttachments(attaches []partAttach) []*engines.Change {
	var out []*engines.Change
	for _, a := range attaches {
		obj := qualify(a.schema, a.table)
		kind := engines.KindIndex
		if a.build != nil {
			ph := phCreateIndexes
			if a.key != nil {
				ph = phAlterTables // before the key constraint that takes it
			}
			part := qualify(a.part.Schema, a.part.Name)
			p.add(ph, part, createIndexSQL(a.part.Schema, a.part.Name, a.build),
				hz(engines.HazardBlockingLock, "CREATE INDEX blocks writes to %s while it builds", part),
				hz(engines.HazardIndexBuild, "building index %s of %s reads the whole partition", quoteIdent(a.index), part))
		}
		if a.key != nil {
			kind = engines.KindConstraint
			p.add(phAddConstraints, qualify(a.part.Schema, a.part.Name), "ALTER TABLE "+qualify(a.part.Schema, a.part.Name)+
				" ADD CONSTRAINT "+quoteIdent(a.index)+" "+string(a.key.Kind)+" USING INDEX "+quoteIdent(a.index))
		}
		// After the renames of parts (this one's among them), in the phase.
		p.add(phCreateIndexes, obj, "ALTER INDEX "+qualify(a.schema, a.parent)+" ATTACH PARTITION "+qualify(a.part.Schema, a.final))
		out = append(out, &engines.Change{Op: engines.Alter, Kind: kind, Schema: a.schema, Table: a.table, Name: a.parent,
			Fields: []string{"attach " + key(a.part.Schema, a.part.Name)}})
	}
	return out
}
