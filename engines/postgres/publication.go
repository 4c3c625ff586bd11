package postgres

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// Publications (logical replication) belong to the database. A change to
// what one publishes is one ALTER PUBLICATION … SET of the whole list (or
// DROP of what is left when the list becomes empty); FOR ALL TABLES cannot
// be altered, so a change to or from it drops and creates the publication.

// allPublishedOps is what a publication publishes when WITH (publish = …)
// is not given.
const allPublishedOps = "insert, update, delete, truncate"

// qPublications reads publications with what they publish; row filters
// and column lists arrived in PostgreSQL 15.
func qPublications(major int) string {
	tables := `coalesce((SELECT json_agg(json_build_object('schema', tn.nspname, 'name', tc.relname,
      'where', pg_get_expr(r.prqual, r.prrelid),
      'columns', (SELECT array_agg(a.attname ORDER BY a.attname) FROM pg_attribute a
        WHERE a.attrelid = r.prrelid AND a.attnum = ANY (r.prattrs))))
    FROM pg_publication_rel r JOIN pg_class tc ON tc.oid = r.prrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
    WHERE r.prpubid = p.oid), '[]')::text`
	schemas := `coalesce((SELECT array_agg(sn.nspname ORDER BY sn.nspname) FROM pg_publication_namespace pn
    JOIN pg_namespace sn ON sn.oid = pn.pnnspid WHERE pn.pnpubid = p.oid), '{}')`
	if major > 0 && major < 15 {
		tables = `coalesce((SELECT json_agg(json_build_object('schema', tn.nspname, 'name', tc.relname))
    FROM pg_publication_rel r JOIN pg_class tc ON tc.oid = r.prrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
    WHERE r.prpubid = p.oid), '[]')::text`
		schemas = `'{}'::text[]`
	}
	return `SELECT p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot, p.oid,
  ` + tables + `, ` + schemas + `
FROM pg_publication p
ORDER BY 1`
}

// classPublication is pg_publication's oid, for comments.
const classPublication = 6104

func (in *inspector) publicationRow(rows pgx.Rows) error {
	var (
		pub                  engines.Publication
		ins, upd, del, trunc bool
		pubOid               uint32
		tablesJSON           string
		schemas              []string
	)
	if err := rows.Scan(&pub.Name, &pub.AllTables, &ins, &upd, &del, &trunc, &pub.ViaRoot, &pubOid, &tablesJSON, &schemas); err != nil {
		return err
	}
	var ops []string
	for _, o := range []struct {
		on   bool
		name string
	}{{ins, "insert"}, {upd, "update"}, {del, "delete"}, {trunc, "truncate"}} {
		if o.on {
			ops = append(ops, o.name)
		}
	}
	pub.Publish = canonPublish(strings.Join(ops, ", "))
	var tables []struct {
		Schema  string   `json:"schema"`
		Name    string   `json:"name"`
		Where   *string  `json:"where"`
		Columns []string `json:"columns"`
	}
	if err := json.Unmarshal([]byte(tablesJSON), &tables); err != nil {
		return fmt.Errorf("publication %s: tables: %w", pub.Name, err)
	}
	for _, t := range tables {
		pt := &engines.PublicationTable{Schema: t.Schema, Name: t.Name, Columns: t.Columns}
		if t.Where != nil {
			pt.Where = *t.Where
		}
		pub.Tables = append(pub.Tables, pt)
	}
	if len(schemas) > 0 {
		pub.Schemas = schemas
	}
	pub.Comment = in.comment(classPublication, pubOid, 0)
	sortPublication(&pub)
	in.db.Publications = append(in.db.Publications, &pub)
	return nil
}

// canonPublish orders the published operations as the server lists them;
// "" stands for all four.
func canonPublish(list string) string {
	var ops []string
	for _, op := range []string{"insert", "update", "delete", "truncate"} {
		for _, x := range strings.Split(list, ",") {
			if strings.EqualFold(strings.TrimSpace(x), op) {
				ops = append(ops, op)
				break
			}
		}
	}
	s := strings.Join(ops, ", ")
	if s == allPublishedOps {
		return ""
	}
	if s == "" {
		return "none"
	}
	return s
}

func sortPublication(p *engines.Publication) {
	slices.SortFunc(p.Tables, func(a, b *engines.PublicationTable) int {
		return strings.Compare(a.Schema+"."+a.Name, b.Schema+"."+b.Name)
	})
	slices.Sort(p.Schemas)
	for _, t := range p.Tables {
		slices.Sort(t.Columns)
	}
}

func (p *parser) publication(name string) *engines.Publication {
	return named(p.db.Publications, func(x *engines.Publication) string { return x.Name }, name)
}

func (p *parser) createPublication(s stmtAt, cp *pg_query.CreatePublicationStmt) error {
	pub := &engines.Publication{Name: cp.Pubname, AllTables: cp.ForAllTables}
	if err := applyPublicationOptions(pub, cp.Options); err != nil {
		return err
	}
	if err := p.publicationObjects(pub, cp.Pubobjects, pg_query.AlterPublicationAction_AP_AddObjects); err != nil {
		return err
	}
	if err := p.define(s, "publication", pub.Name); err != nil {
		return err
	}
	sortPublication(pub)
	p.db.Publications = append(p.db.Publications, pub)
	return nil
}

func (p *parser) alterPublication(s stmtAt, ap *pg_query.AlterPublicationStmt) error {
	pub := p.publication(ap.Pubname)
	if pub == nil {
		return p.undefined(s, "publication "+ap.Pubname)
	}
	if err := applyPublicationOptions(pub, ap.Options); err != nil {
		return err
	}
	if len(ap.Pubobjects) > 0 || ap.Action == pg_query.AlterPublicationAction_AP_SetObjects {
		if ap.Action == pg_query.AlterPublicationAction_AP_SetObjects && len(ap.Options) == 0 {
			pub.Tables, pub.Schemas = nil, nil
		}
		if err := p.publicationObjects(pub, ap.Pubobjects, ap.Action); err != nil {
			return err
		}
	}
	sortPublication(pub)
	return nil
}

func applyPublicationOptions(pub *engines.Publication, opts []*pg_query.Node) error {
	for _, o := range opts {
		d := o.GetDefElem()
		switch strings.ToLower(d.GetDefname()) {
		case "publish":
			pub.Publish = canonPublish(defElemString(d))
		case "publish_via_partition_root":
			pub.ViaRoot = defElemBool(d)
		default:
			return fmt.Errorf("publication %s: unsupported option %s", pub.Name, d.GetDefname())
		}
	}
	return nil
}

// publicationObjects adds (or drops) the tables and schemas of a FOR or
// ADD/DROP/SET list. A table or schema written without a kind continues
// the kind before it (FOR TABLE a, b).
func (p *parser) publicationObjects(pub *engines.Publication, objs []*pg_query.Node, action pg_query.AlterPublicationAction) error {
	for _, o := range objs {
		spec := o.GetPublicationObjSpec()
		if spec == nil {
			continue
		}
		switch spec.Pubobjtype {
		case pg_query.PublicationObjSpecType_PUBLICATIONOBJ_TABLE:
			pt := spec.Pubtable
			schema, name := rangeVarName(pt.GetRelation())
			t := &engines.PublicationTable{Schema: schema, Name: name, Columns: stringList(pt.GetColumns())}
			if pt.GetWhereClause() != nil {
				t.Where = deparseExpr(pt.GetWhereClause())
			}
			pub.Tables = slices.DeleteFunc(pub.Tables, func(x *engines.PublicationTable) bool {
				return x.Schema == schema && x.Name == name
			})
			if action != pg_query.AlterPublicationAction_AP_DropObjects {
				pub.Tables = append(pub.Tables, t)
			}
		case pg_query.PublicationObjSpecType_PUBLICATIONOBJ_TABLES_IN_SCHEMA,
			pg_query.PublicationObjSpecType_PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA:
			schema := spec.Name
			if spec.Pubobjtype == pg_query.PublicationObjSpecType_PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA || schema == "" {
				schema = p.defSchema
			}
			pub.Schemas = slices.DeleteFunc(pub.Schemas, func(x string) bool { return x == schema })
			if action != pg_query.AlterPublicationAction_AP_DropObjects {
				pub.Schemas = append(pub.Schemas, schema)
			}
		default:
			return fmt.Errorf("publication %s: unsupported object list entry", pub.Name)
		}
	}
	return nil
}

// publicationListSQL prints the tables and schemas of a publication as
// FOR or SET lists them.
func publicationListSQL(pub *engines.Publication) string {
	var parts []string
	for _, t := range pub.Tables {
		s := "TABLE " + qualify(t.Schema, t.Name)
		if len(t.Columns) > 0 {
			cols := make([]string, len(t.Columns))
			for i, c := range t.Columns {
				cols[i] = quoteIdent(c)
			}
			s += " (" + strings.Join(cols, ", ") + ")"
		}
		if t.Where != "" {
			s += " WHERE (" + t.Where + ")"
		}
		parts = append(parts, s)
	}
	for _, sc := range pub.Schemas {
		parts = append(parts, "TABLES IN SCHEMA "+quoteIdent(sc))
	}
	return strings.Join(parts, ", ")
}

func publicationWithSQL(pub *engines.Publication) string {
	publish := pub.Publish
	if publish == "" {
		publish = allPublishedOps
	} else if publish == "none" {
		publish = ""
	}
	return "(publish = " + quoteLiteral(publish) + ", publish_via_partition_root = " + fmt.Sprint(pub.ViaRoot) + ")"
}

func createPublicationSQL(pub *engines.Publication) string {
	sql := "CREATE PUBLICATION " + quoteIdent(pub.Name)
	switch {
	case pub.AllTables:
		sql += " FOR ALL TABLES"
	case len(pub.Tables)+len(pub.Schemas) > 0:
		sql += " FOR " + publicationListSQL(pub)
	}
	if pub.Publish != "" || pub.ViaRoot {
		sql += " WITH " + publicationWithSQL(pub)
	}
	return sql
}

// diffPublications compares publications by name.
func (pl *planner) diffPublications(emit func(*engines.Change)) {
	eachByName(pl.tgt.db.Publications, pl.src.db.Publications, func(x *engines.Publication) string { return x.Name },
		func(name string, t *engines.Publication, _ bool, s *engines.Publication, _ bool) {
			switch {
			case t == nil:
				emit(&engines.Change{Op: engines.Add, Kind: engines.KindPublication, Name: name, To: s})
			case s == nil:
				emit(&engines.Change{Op: engines.Drop, Kind: engines.KindPublication, Name: name, From: t})
			case t.AllTables != s.AllTables:
				emit(&engines.Change{Op: engines.Replace, Kind: engines.KindPublication, Name: name, Fields: []string{"all tables"}, From: t, To: s})
			default:
				var f []string
				if t.Publish != s.Publish || t.ViaRoot != s.ViaRoot {
					f = append(f, "options")
				}
				if !slices.Equal(t.Schemas, s.Schemas) || !slices.EqualFunc(t.Tables, s.Tables, func(a, b *engines.PublicationTable) bool {
					return a.Schema == b.Schema && a.Name == b.Name && slices.Equal(a.Columns, b.Columns) && pl.exprEqual(a.Where, b.Where)
				}) {
					f = append(f, "objects")
				}
				if t.Comment != s.Comment {
					f = append(f, "comment")
				}
				if len(f) > 0 {
					emit(&engines.Change{Op: engines.Alter, Kind: engines.KindPublication, Name: name, Fields: f, From: t, To: s})
				}
			}
		})
}

// emitPublication plans a publication change: dropped first (before the
// tables it lists), created and altered once tables exist; a table the
// plan drops leaves it by itself.
func (pl *planner) emitPublication(c *engines.Change) {
	obj := c.Object()
	target := "PUBLICATION " + quoteIdent(c.Name)
	if c.Op == engines.Drop || c.Op == engines.Replace {
		pl.add(phDropTriggers, obj, "DROP PUBLICATION "+quoteIdent(c.Name))
	}
	if c.Op == engines.Drop {
		return
	}
	pub := c.To.(*engines.Publication)
	if c.Op != engines.Alter {
		pl.add(phTriggers, obj, createPublicationSQL(pub))
		if pub.Comment != "" {
			pl.comment(obj, target, pub.Comment)
		}
		return
	}
	if slices.Contains(c.Fields, "options") {
		pl.add(phTriggers, obj, "ALTER PUBLICATION "+quoteIdent(pub.Name)+" SET "+publicationWithSQL(pub))
	}
	if slices.Contains(c.Fields, "objects") {
		pl.emitPublicationObjects(obj, c.From.(*engines.Publication), pub)
	}
	if slices.Contains(c.Fields, "comment") {
		pl.comment(obj, target, pub.Comment)
	}
}

// publicationNamesSQL names what a publication lists, as DROP takes it.
func publicationNamesSQL(pub *engines.Publication) string {
	var names []string
	for _, t := range pub.Tables {
		names = append(names, "TABLE "+qualify(t.Schema, t.Name))
	}
	for _, sc := range pub.Schemas {
		names = append(names, "TABLES IN SCHEMA "+quoteIdent(sc))
	}
	return strings.Join(names, ", ")
}

// emitPublicationObjects sets what a publication lists. A column the plan
// drops must leave the column list first: then the entries over tables
// that exist already are set before columns are dropped, and the full
// list once everything exists.
func (pl *planner) emitPublicationObjects(obj string, old, pub *engines.Publication) {
	set := func(ph phase, from, to *engines.Publication) {
		if list := publicationListSQL(to); list != "" {
			pl.add(ph, obj, "ALTER PUBLICATION "+quoteIdent(pub.Name)+" SET "+list)
		} else if names := publicationNamesSQL(from); names != "" {
			// SET needs a list: drop what is listed.
			pl.add(ph, obj, "ALTER PUBLICATION "+quoteIdent(pub.Name)+" DROP "+names)
		}
	}
	if !slices.ContainsFunc(old.Tables, func(t *engines.PublicationTable) bool {
		return slices.ContainsFunc(t.Columns, func(col string) bool { return pl.droppedCols[key(t.Schema, t.Name)+"."+col] })
	}) {
		set(phTriggers, old, pub)
		return
	}
	early := *pub
	early.Tables = slices.DeleteFunc(slices.Clone(pub.Tables), func(t *engines.PublicationTable) bool {
		k := key(t.Schema, t.Name)
		tt := pl.tgt.tables[k]
		return tt == nil || pl.tblReplaced[k] || slices.ContainsFunc(t.Columns, func(col string) bool { return tt.Column(col) == nil })
	})
	early.Schemas = slices.DeleteFunc(slices.Clone(pub.Schemas), func(s string) bool { return pl.tgt.schemas[s] == nil })
	set(phDropConstraints, old, &early)
	if len(early.Tables) != len(pub.Tables) || len(early.Schemas) != len(pub.Schemas) {
		set(phTriggers, &early, pub)
	}
}
