package postgres

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// Collations are created before the types and tables that use them and
// dropped after. A collation cannot be altered beyond its name and
// version: a change drops and creates it again.

const classCollation = 3456

// qCollations reads the collations made after initdb; the ICU locale
// column was renamed in PostgreSQL 17.
func qCollations(major int) string {
	icu := "c.colliculocale"
	switch {
	case major >= 17:
		icu = "c.colllocale"
	case major > 0 && major < 15:
		icu = "CASE WHEN c.collprovider = 'i' THEN c.collcollate END"
	}
	return `SELECT n.nspname, c.collname, c.collprovider::text, coalesce(c.collcollate, ''), coalesce(c.collctype, ''),
  coalesce(` + icu + `, ''), c.collisdeterministic, c.oid
FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE c.oid >= 16384 AND ` + inScope + `
ORDER BY 1, 2`
}

func (in *inspector) collationRow(rows pgx.Rows) error {
	var (
		c                     engines.Collation
		provider, coll, ctype string
		icuLocale             string
		deterministic         bool
		oid                   uint32
	)
	if err := rows.Scan(&c.Schema, &c.Name, &provider, &coll, &ctype, &icuLocale, &deterministic, &oid); err != nil {
		return err
	}
	if in.ownedByExtension(classCollation, oid) {
		return nil
	}
	switch provider {
	case "i":
		c.Provider, c.Locale = "icu", icuLocale
	case "c":
		c.Provider, c.LcCollate, c.LcCtype = "libc", coll, ctype
	default:
		c.Provider, c.Locale = "builtin", icuLocale
	}
	c.NonDeterministic = !deterministic
	c.Comment = in.comment(classCollation, oid, 0)
	s := in.db.EnsureSchema(c.Schema)
	s.Collations = append(s.Collations, &c)
	return nil
}

// createCollation reads CREATE COLLATION (options, or FROM another
// collation the files define or C/POSIX).
func (p *parser) createCollation(s stmtAt, ds *pg_query.DefineStmt) error {
	schema, name := nameListSchema(stringList(ds.Defnames))
	c := &engines.Collation{Schema: schema, Name: name, Provider: "libc"}
	var locale string
	for _, o := range ds.Definition {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		v := defElemString(d)
		switch strings.ToLower(d.Defname) {
		case "from":
			from := lastName(stringList(d.Arg.GetList().GetItems()))
			if tn := d.Arg.GetTypeName(); tn != nil {
				from = typeBaseName(tn)
			}
			switch {
			case from == "C" || from == "POSIX":
				c.LcCollate, c.LcCtype = from, from
			case p.collation(from) != nil:
				src := p.collation(from)
				c.Provider, c.Locale, c.LcCollate, c.LcCtype, c.NonDeterministic = src.Provider, src.Locale, src.LcCollate, src.LcCtype, src.NonDeterministic
			default:
				return p.unsupported(s, "CREATE COLLATION … FROM a collation the files do not define ("+from+")")
			}
		case "provider":
			c.Provider = strings.ToLower(v)
		case "locale":
			locale = v
		case "lc_collate":
			c.LcCollate = v
		case "lc_ctype":
			c.LcCtype = v
		case "deterministic":
			c.NonDeterministic = !defElemBool(d)
		case "version", "rules":
			// The version is the library's; rules (PostgreSQL 16) are not
			// read back yet.
			if strings.ToLower(d.Defname) == "rules" {
				return p.unsupported(s, "CREATE COLLATION with RULES")
			}
		default:
			return fmt.Errorf("collation %s.%s: unsupported option %s", schema, name, d.Defname)
		}
	}
	if locale != "" {
		if c.Provider == "libc" {
			c.LcCollate, c.LcCtype = locale, locale
		} else {
			c.Locale = locale
		}
	}
	if err := p.define(s, "collation", schema+"."+name); err != nil {
		return err
	}
	sc := p.db.EnsureSchema(schema)
	sc.Collations = append(sc.Collations, c)
	return nil
}

func (p *parser) collation(name string) *engines.Collation {
	for _, sc := range p.db.Schemas {
		for _, c := range sc.Collations {
			if c.Name == name {
				return c
			}
		}
	}
	return nil
}

func createCollationSQL(c *engines.Collation) string {
	opts := []string{"provider = " + c.Provider}
	if c.Locale != "" {
		opts = append(opts, "locale = "+quoteLiteral(c.Locale))
	}
	if c.LcCollate != "" {
		opts = append(opts, "lc_collate = "+quoteLiteral(c.LcCollate))
	}
	if c.LcCtype != "" {
		opts = append(opts, "lc_ctype = "+quoteLiteral(c.LcCtype))
	}
	if c.NonDeterministic {
		opts = append(opts, "deterministic = false")
	}
	return "CREATE COLLATION " + qualify(c.Schema, c.Name) + " (" + strings.Join(opts, ", ") + ")"
}

// diffCollations compares the collations of the schemas by name.
func (pl *planner) diffCollations(emit func(*engines.Change)) {
	collations := func(sc *engines.Schema) []*engines.Collation {
		if sc == nil {
			return nil
		}
		return sc.Collations
	}
	eachByName(pl.tgt.db.Schemas, pl.src.db.Schemas, func(sc *engines.Schema) string { return sc.Name },
		func(schema string, t *engines.Schema, _ bool, s *engines.Schema, _ bool) {
			changes := diffByName(nil, engines.Change{Kind: engines.KindCollation, Schema: schema}, collations(t), collations(s),
				func(c *engines.Collation) (string, string) { return c.Name, c.Comment },
				func(a, b *engines.Collation) bool {
					return a.Provider == b.Provider && a.Locale == b.Locale && a.LcCollate == b.LcCollate &&
						a.LcCtype == b.LcCtype && a.NonDeterministic == b.NonDeterministic
				})
			for _, c := range changes {
				emit(c)
			}
		})
}

// emitCollation plans a collation change: created after the schemas and
// before types and tables, dropped after them.
func (pl *planner) emitCollation(c *engines.Change) {
	obj := c.Object()
	target := "COLLATION " + qualify(c.Schema, c.Name)
	switch c.Op {
	case engines.Drop:
		pl.add(phDropTypes, obj, "DROP "+target)
		return
	case engines.Replace:
		pl.add(phDropReplaced, obj, "DROP "+target,
			hz(engines.HazardRecreate, "%s is dropped and created again: a collation cannot change in place; columns and indexes using it make the drop fail", obj))
	case engines.Alter:
		pl.comment(obj, target, c.To.(*engines.Collation).Comment)
		return
	}
	to := c.To.(*engines.Collation)
	pl.add(phExtensions, obj, createCollationSQL(to))
	if to.Comment != "" {
		pl.comment(obj, target, to.Comment)
	}
}
