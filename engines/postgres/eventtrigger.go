package postgres

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// Event triggers belong to the database: they are kept beside the schemas
// in the model, created after the functions they run and dropped first.

// qEventTriggers reads the event triggers that no extension owns.
const qEventTriggers = `SELECT e.evtname, e.evtevent, coalesce(e.evttags, '{}'), fn.nspname, f.proname, e.evtenabled::text, e.oid
FROM pg_event_trigger e
JOIN pg_proc f ON f.oid = e.evtfoid
JOIN pg_namespace fn ON fn.oid = f.pronamespace
ORDER BY 1`

// classEventTrigger is pg_event_trigger's oid, for comments and extension
// membership.
const classEventTrigger = 3466

func (in *inspector) eventTriggerRow(rows pgx.Rows) error {
	var (
		e          engines.EventTrigger
		tags       []string
		fs, fname  string
		enabled    string
		triggerOid uint32
	)
	if err := rows.Scan(&e.Name, &e.Event, &tags, &fs, &fname, &enabled, &triggerOid); err != nil {
		return err
	}
	if in.ownedByExtension(classEventTrigger, triggerOid) {
		return nil
	}
	e.Tags = canonTags(tags)
	e.Function = qualify(fs, fname)
	e.Enabled = eventTriggerEnabled(enabled)
	e.Comment = in.comment(classEventTrigger, triggerOid, 0)
	in.db.EventTriggers = append(in.db.EventTriggers, &e)
	return nil
}

// eventTriggerEnabled names the catalog's firing state the way ALTER
// EVENT TRIGGER sets it; "" for the default.
func eventTriggerEnabled(code string) string {
	switch code {
	case "D":
		return "DISABLE"
	case "R":
		return "ENABLE REPLICA"
	case "A":
		return "ENABLE ALWAYS"
	}
	return ""
}

// canonTags upper-cases and sorts command tags, as the server stores them
// upper-cased and the order means nothing.
func canonTags(tags []string) []string {
	if len(tags) == 0 {
		return nil
	}
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = strings.ToUpper(t)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (p *parser) createEventTrigger(s stmtAt, ct *pg_query.CreateEventTrigStmt) error {
	e := &engines.EventTrigger{Name: ct.Trigname, Event: strings.ToLower(ct.Eventname)}
	schema, name := nameListSchema(stringList(ct.Funcname))
	e.Function = qualify(schema, name)
	for _, w := range ct.Whenclause {
		d := w.GetDefElem()
		if d == nil || !strings.EqualFold(d.Defname, "tag") {
			return fmt.Errorf("event trigger %s: unsupported WHEN %s", ct.Trigname, d.GetDefname())
		}
		e.Tags = append(e.Tags, stringList(d.Arg.GetList().GetItems())...)
	}
	e.Tags = canonTags(e.Tags)
	if err := p.define(s, "event trigger", e.Name); err != nil {
		return err
	}
	p.db.EventTriggers = append(p.db.EventTriggers, e)
	return nil
}

func (p *parser) alterEventTrigger(s stmtAt, at *pg_query.AlterEventTrigStmt) error {
	e := p.eventTrigger(at.Trigname)
	if e == nil {
		return p.undefined(s, "event trigger "+at.Trigname)
	}
	e.Enabled = eventTriggerEnabled(at.Tgenabled)
	return nil
}

func (p *parser) eventTrigger(name string) *engines.EventTrigger {
	return named(p.db.EventTriggers, func(e *engines.EventTrigger) string { return e.Name }, name)
}

// createEventTriggerSQL prints an event trigger and, when it is not in
// the default state, the statement that sets it.
func createEventTriggerSQL(e *engines.EventTrigger) []string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE EVENT TRIGGER %s ON %s", quoteIdent(e.Name), quoteIdent(e.Event))
	if len(e.Tags) > 0 {
		tags := make([]string, len(e.Tags))
		for i, t := range e.Tags {
			tags[i] = quoteLiteral(t)
		}
		b.WriteString("\n    WHEN TAG IN (" + strings.Join(tags, ", ") + ")")
	}
	b.WriteString("\n    EXECUTE FUNCTION " + e.Function + "()")
	out := []string{b.String()}
	if e.Enabled != "" {
		out = append(out, eventTriggerEnableSQL(e))
	}
	return out
}

func eventTriggerEnableSQL(e *engines.EventTrigger) string {
	state := e.Enabled
	if state == "" {
		state = "ENABLE"
	}
	return "ALTER EVENT TRIGGER " + quoteIdent(e.Name) + " " + state
}

// diffEventTriggers compares the event triggers by name.
func diffEventTriggers(tgt, src *engines.Database, emit func(*engines.Change)) {
	eachByName(tgt.EventTriggers, src.EventTriggers, func(e *engines.EventTrigger) string { return e.Name },
		func(name string, t *engines.EventTrigger, _ bool, s *engines.EventTrigger, _ bool) {
			switch {
			case t == nil:
				emit(&engines.Change{Op: engines.Add, Kind: engines.KindEventTrig, Name: name, To: s})
			case s == nil:
				emit(&engines.Change{Op: engines.Drop, Kind: engines.KindEventTrig, Name: name, From: t})
			case t.Event != s.Event || t.Function != s.Function || !slices.Equal(t.Tags, s.Tags):
				emit(&engines.Change{Op: engines.Replace, Kind: engines.KindEventTrig, Name: name, Fields: []string{"definition"}, From: t, To: s})
			default:
				var f []string
				if t.Enabled != s.Enabled {
					f = append(f, "enabled")
				}
				if t.Comment != s.Comment {
					f = append(f, "comment")
				}
				if len(f) > 0 {
					emit(&engines.Change{Op: engines.Alter, Kind: engines.KindEventTrig, Name: name, Fields: f, From: t, To: s})
				}
			}
		})
}

// emitEventTrigger plans one event trigger change: created after the
// functions (with the triggers), dropped before anything else.
func (p *planner) emitEventTrigger(c *engines.Change) {
	obj := c.Object()
	target := "EVENT TRIGGER " + quoteIdent(c.Name)
	if c.Op == engines.Drop || c.Op == engines.Replace {
		p.add(phDropTriggers, obj, "DROP EVENT TRIGGER "+quoteIdent(c.Name))
	}
	if c.Op == engines.Drop {
		return
	}
	e := c.To.(*engines.EventTrigger)
	if c.Op == engines.Alter {
		if slices.Contains(c.Fields, "enabled") {
			p.add(phTriggers, obj, eventTriggerEnableSQL(e))
		}
		if slices.Contains(c.Fields, "comment") {
			p.comment(obj, target, e.Comment)
		}
		return
	}
	for _, sql := range createEventTriggerSQL(e) {
		p.add(phTriggers, obj, sql)
	}
	if e.Comment != "" {
		p.comment(obj, target, e.Comment)
	}
}
