package runner

import (
	"encoding/json"
	"hash"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/schemasync/schemasync/engines"
)

// modelJSON writes a model as exactly the bytes json.Marshal gives for it
// (field order and names of the tags, omitempty, null for nil lists, maps
// with sorted keys, HTML-safe string escapes) into a hash, without building
// the document or going through reflection: fingerprints are kept in plan
// files and history rows and compared across versions, so their bytes may
// not change, and marshalling the model was a tenth of the client's time on
// a fleet. TestModelJSONExact fills every field of the model (a field added
// later included) and compares with json.Marshal.
type modelJSON struct {
	h   hash.Hash
	buf []byte
}

// flushAt is the size at which the buffer goes into the hash.
const flushAt = 16 << 10

func (w *modelJSON) flush() {
	w.h.Write(w.buf)
	w.buf = w.buf[:0]
}

func (w *modelJSON) raw(s string) { w.buf = append(w.buf, s...) }

// key writes the name of a field, preceded by a comma unless it is the
// object's first: first is the caller's, for omitempty fields that may be left out.
func (w *modelJSON) key(first *bool, name string) {
	if !*first {
		w.buf = append(w.buf, ',')
	}
	*first = false
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '"', ':')
}

// str writes a JSON string with encoding/json's escapes: \" \\ \b \f \n
// \r \t, \u00xx for other control characters and for < > & (HTML-safe),
// and UTF-8 copied as it is. Text with invalid UTF-8 or U+2028/U+2029,
// which it escapes too, is rare enough to be left to encoding/json.
func (w *modelJSON) str(s string) {
	mark := len(w.buf)
	w.buf = append(w.buf, '"')
	start, checked := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			if !checked {
				if rest := s[i:]; !utf8.ValidString(rest) || strings.ContainsRune(rest, '\u2028') || strings.ContainsRune(rest, '\u2029') {
					b, _ := json.Marshal(s) // a string always marshals
					w.buf = append(w.buf[:mark], b...)
					return
				}
				checked = true
			}
			continue
		}
		if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
			continue
		}
		w.buf = append(w.buf, s[start:i]...)
		switch c {
		case '"', '\\':
			w.buf = append(w.buf, '\\', c)
		case '\b':
			w.buf = append(w.buf, '\\', 'b')
		case '\f':
			w.buf = append(w.buf, '\\', 'f')
		case '\n':
			w.buf = append(w.buf, '\\', 'n')
		case '\r':
			w.buf = append(w.buf, '\\', 'r')
		case '\t':
			w.buf = append(w.buf, '\\', 't')
		default:
			w.buf = append(w.buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	w.buf = append(w.buf, s[start:]...)
	w.buf = append(w.buf, '"')
}

const hexDigits = "0123456789abcdef"

func (w *modelJSON) strField(first *bool, name, v string, omitEmpty bool) {
	if omitEmpty && v == "" {
		return
	}
	w.key(first, name)
	w.str(v)
}

func (w *modelJSON) boolField(first *bool, name string, v bool) {
	if !v {
		return // every bool of the model is omitempty
	}
	w.key(first, name)
	w.raw("true")
}

func (w *modelJSON) intPtrField(first *bool, name string, v *int64) {
	if v == nil {
		return // omitempty
	}
	w.key(first, name)
	w.buf = strconv.AppendInt(w.buf, *v, 10)
}

func (w *modelJSON) strings(first *bool, name string, v []string, omitEmpty bool) {
	seq(w, first, name, v, omitEmpty, w.str)
}

func (w *modelJSON) stringMap(first *bool, name string, m map[string]string) {
	if len(m) == 0 {
		return // every map of the model is omitempty
	}
	w.key(first, name)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.buf = append(w.buf, '{')
	for i, k := range keys {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.str(k)
		w.buf = append(w.buf, ':')
		w.str(m[k])
	}
	w.buf = append(w.buf, '}')
}

// list writes a list of pointers to objects, each by one; nil elements
// are null.
func list[T any](w *modelJSON, first *bool, name string, v []*T, omitEmpty bool, each func(*T)) {
	seq(w, first, name, v, omitEmpty, func(x *T) {
		if x == nil {
			w.raw("null")
		} else {
			each(x)
		}
	})
}

// seq writes a list, each element by each: null for a nil list, nothing
// for an empty one when omitEmpty.
func seq[T any](w *modelJSON, first *bool, name string, v []T, omitEmpty bool, each func(T)) {
	if omitEmpty && len(v) == 0 {
		return
	}
	w.key(first, name)
	if v == nil {
		w.raw("null")
		return
	}
	w.buf = append(w.buf, '[')
	for i, x := range v {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		each(x)
		if len(w.buf) >= flushAt {
			w.flush()
		}
	}
	w.buf = append(w.buf, ']')
}

func (w *modelJSON) database(d *engines.Database) {
	if d == nil {
		w.raw("null")
		return
	}
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "engine", d.Engine, false)
	list(w, &f, "schemas", d.Schemas, true, w.schema)
	list(w, &f, "extensions", d.Extensions, true, w.extension)
	list(w, &f, "event_triggers", d.EventTriggers, true, w.eventTrigger)
	list(w, &f, "publications", d.Publications, true, w.publication)
	list(w, &f, "foreign_data_wrappers", d.ForeignDataWrappers, true, w.fdw)
	list(w, &f, "foreign_servers", d.ForeignServers, true, w.foreignServer)
	list(w, &f, "user_mappings", d.UserMappings, true, w.userMapping)
	list(w, &f, "casts", d.Casts, true, w.cast)
	list(w, &f, "default_privileges", d.DefaultPrivileges, true, w.defaultPrivilege)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) defaultPrivilege(d *engines.DefaultPrivilege) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "role", d.Role, true)
	w.strField(&f, "schema", d.Schema, true)
	w.strField(&f, "objects", d.Objects, false)
	list(w, &f, "grants", d.Grants, true, w.grant)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) cast(c *engines.Cast) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "source", c.Source, false)
	w.strField(&f, "target", c.Target, false)
	w.strField(&f, "function", c.Function, true)
	w.boolField(&f, "inout", c.Inout)
	w.strField(&f, "context", c.Context, true)
	w.strField(&f, "comment", c.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) fdw(x *engines.ForeignDataWrapper) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", x.Name, false)
	w.strField(&f, "handler", x.Handler, true)
	w.strField(&f, "validator", x.Validator, true)
	w.strings(&f, "options", x.Options, true)
	w.strField(&f, "comment", x.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) foreignServer(x *engines.ForeignServer) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", x.Name, false)
	w.strField(&f, "wrapper", x.Wrapper, false)
	w.strField(&f, "type", x.Type, true)
	w.strField(&f, "version", x.Version, true)
	w.strings(&f, "options", x.Options, true)
	w.strField(&f, "comment", x.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) userMapping(x *engines.UserMapping) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "user", x.User, false)
	w.strField(&f, "server", x.Server, false)
	w.strings(&f, "options", x.Options, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) publication(p *engines.Publication) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", p.Name, false)
	w.boolField(&f, "all_tables", p.AllTables)
	list(w, &f, "tables", p.Tables, true, w.publicationTable)
	w.strings(&f, "schemas", p.Schemas, true)
	w.strField(&f, "publish", p.Publish, true)
	w.boolField(&f, "via_root", p.ViaRoot)
	w.strField(&f, "comment", p.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) publicationTable(t *engines.PublicationTable) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", t.Schema, false)
	w.strField(&f, "name", t.Name, false)
	w.strings(&f, "columns", t.Columns, true)
	w.strField(&f, "where", t.Where, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) eventTrigger(e *engines.EventTrigger) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", e.Name, false)
	w.strField(&f, "event", e.Event, false)
	w.strings(&f, "tags", e.Tags, true)
	w.strField(&f, "function", e.Function, false)
	w.strField(&f, "enabled", e.Enabled, true)
	w.strField(&f, "comment", e.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) schema(s *engines.Schema) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", s.Name, false)
	w.strField(&f, "comment", s.Comment, true)
	list(w, &f, "tables", s.Tables, true, w.table)
	list(w, &f, "views", s.Views, true, w.view)
	list(w, &f, "sequences", s.Sequences, true, w.sequence)
	list(w, &f, "types", s.Types, true, w.typ)
	list(w, &f, "functions", s.Functions, true, w.function)
	list(w, &f, "events", s.Events, true, w.event)
	list(w, &f, "collations", s.Collations, true, w.collation)
	list(w, &f, "operators", s.Operators, true, w.operator)
	list(w, &f, "text_search_configs", s.TextSearchConfigs, true, w.tsConfig)
	list(w, &f, "text_search_dicts", s.TextSearchDicts, true, w.tsDict)
	w.stringMap(&f, "options", s.Options)
	list(w, &f, "grants", s.Grants, true, w.grant)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) table(t *engines.Table) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", t.Schema, false)
	w.strField(&f, "name", t.Name, false)
	list(w, &f, "columns", t.Columns, false, w.column)
	list(w, &f, "constraints", t.Constraints, true, w.constraint)
	list(w, &f, "indexes", t.Indexes, true, w.index)
	list(w, &f, "triggers", t.Triggers, true, w.trigger)
	w.strField(&f, "comment", t.Comment, true)
	w.strField(&f, "partition_by", t.PartitionBy, true)
	w.strField(&f, "partition_of", t.PartitionOf, true)
	w.strField(&f, "partition_bound", t.PartitionBound, true)
	w.strings(&f, "inherits", t.Inherits, true)
	w.stringMap(&f, "inherited_defaults", t.InheritedDefaults)
	w.boolField(&f, "unlogged", t.Unlogged)
	w.stringMap(&f, "options", t.Options)
	list(w, &f, "policies", t.Policies, true, w.policy)
	list(w, &f, "statistics", t.Statistics, true, w.statistic)
	list(w, &f, "rules", t.Rules, true, w.rule)
	list(w, &f, "grants", t.Grants, true, w.grant)
	w.strField(&f, "owner", t.Owner, true)
	w.boolField(&f, "row_security", t.RowSecurity)
	w.boolField(&f, "force_row_security", t.ForceRowSecurity)
	w.strField(&f, "replica_identity", t.ReplicaIdentity, true)
	w.strField(&f, "replica_identity_index", t.ReplicaIdentityIndex, true)
	w.strField(&f, "cluster_on", t.ClusterOn, true)
	w.strField(&f, "foreign_server", t.ForeignServer, true)
	w.strings(&f, "foreign_options", t.ForeignOptions, true)
	w.strField(&f, "renamed_from", t.RenamedFrom, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) policy(p *engines.Policy) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", p.Name, false)
	w.boolField(&f, "restrictive", p.Restrictive)
	w.strField(&f, "command", p.Command, false)
	w.strings(&f, "roles", p.Roles, false)
	w.strField(&f, "using", p.Using, true)
	w.strField(&f, "with_check", p.WithCheck, true)
	w.strField(&f, "comment", p.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) operator(o *engines.Operator) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", o.Schema, false)
	w.strField(&f, "name", o.Name, false)
	w.strField(&f, "left", o.Left, true)
	w.strField(&f, "right", o.Right, false)
	w.strField(&f, "function", o.Function, false)
	w.strField(&f, "commutator", o.Commutator, true)
	w.strField(&f, "negator", o.Negator, true)
	w.strField(&f, "restrict", o.Restrict, true)
	w.strField(&f, "join", o.Join, true)
	w.boolField(&f, "hashes", o.Hashes)
	w.boolField(&f, "merges", o.Merges)
	w.strField(&f, "comment", o.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) tsConfig(c *engines.TextSearchConfig) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", c.Schema, false)
	w.strField(&f, "name", c.Name, false)
	w.strField(&f, "parser", c.Parser, false)
	w.strings(&f, "mappings", c.Mappings, true)
	w.strField(&f, "comment", c.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) tsDict(d *engines.TextSearchDict) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", d.Schema, false)
	w.strField(&f, "name", d.Name, false)
	w.strField(&f, "template", d.Template, false)
	w.strings(&f, "options", d.Options, true)
	w.strField(&f, "comment", d.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) rule(r *engines.Rule) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", r.Name, false)
	w.strField(&f, "event", r.Event, false)
	w.strField(&f, "definition", r.Definition, false)
	w.strField(&f, "enabled", r.Enabled, true)
	w.strField(&f, "comment", r.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) grant(g *engines.Grant) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "grantee", g.Grantee, false)
	w.strField(&f, "privilege", g.Privilege, false)
	w.strField(&f, "column", g.Column, true)
	w.boolField(&f, "grant_option", g.GrantOption)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) statistic(x *engines.Statistic) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", x.Schema, false)
	w.strField(&f, "name", x.Name, false)
	w.strings(&f, "kinds", x.Kinds, true)
	w.strings(&f, "columns", x.Columns, true)
	w.strings(&f, "exprs", x.Exprs, true)
	w.intPtrField(&f, "target", x.Target)
	w.strField(&f, "comment", x.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) column(c *engines.Column) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", c.Name, false)
	w.strField(&f, "type", c.Type, false)
	w.boolField(&f, "not_null", c.NotNull)
	w.strField(&f, "default", c.Default, true)
	w.strField(&f, "collation", c.Collation, true)
	w.strField(&f, "identity", c.Identity, true)
	if c.IdentityOptions != nil {
		w.key(&f, "identity_options")
		w.sequenceOptions(c.IdentityOptions)
	}
	w.strField(&f, "generated", c.Generated, true)
	w.boolField(&f, "generated_stored", c.GeneratedStored)
	w.strField(&f, "comment", c.Comment, true)
	w.strField(&f, "charset", c.Charset, true)
	w.strField(&f, "on_update", c.OnUpdate, true)
	w.boolField(&f, "auto_increment", c.AutoIncrement)
	w.stringMap(&f, "options", c.Options)
	w.strings(&f, "foreign_options", c.ForeignOptions, true)
	w.strField(&f, "renamed_from", c.RenamedFrom, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) constraint(c *engines.Constraint) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", c.Name, false)
	w.strField(&f, "kind", string(c.Kind), false)
	w.strings(&f, "columns", c.Columns, true)
	w.strings(&f, "include", c.Include, true)
	w.boolField(&f, "nulls_not_distinct", c.NullsNotDistinct)
	w.strField(&f, "ref_schema", c.RefSchema, true)
	w.strField(&f, "ref_table", c.RefTable, true)
	w.strings(&f, "ref_columns", c.RefColumns, true)
	w.strField(&f, "on_delete", c.OnDelete, true)
	w.strField(&f, "on_update", c.OnUpdate, true)
	w.strField(&f, "match", c.Match, true)
	w.strField(&f, "check", c.Check, true)
	w.boolField(&f, "no_inherit", c.NoInherit)
	w.strField(&f, "definition", c.Definition, true)
	w.boolField(&f, "deferrable", c.Deferrable)
	w.boolField(&f, "initially_deferred", c.InitiallyDeferred)
	w.boolField(&f, "not_valid", c.NotValid)
	w.boolField(&f, "not_enforced", c.NotEnforced)
	w.strField(&f, "comment", c.Comment, true)
	w.stringMap(&f, "options", c.Options)
	w.strings(&f, "unattached", c.Unattached, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) index(x *engines.Index) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", x.Name, false)
	w.boolField(&f, "unique", x.Unique)
	w.strField(&f, "method", x.Method, true)
	list(w, &f, "parts", x.Parts, false, w.indexPart)
	w.strings(&f, "include", x.Include, true)
	w.strField(&f, "where", x.Where, true)
	w.boolField(&f, "nulls_not_distinct", x.NullsNotDistinct)
	w.stringMap(&f, "options", x.Options)
	w.strField(&f, "comment", x.Comment, true)
	w.boolField(&f, "invalid", x.Invalid)
	w.strings(&f, "unattached", x.Unattached, true)
	w.stringMap(&f, "part_names", x.PartNames)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) indexPart(p *engines.IndexPart) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "column", p.Column, true)
	w.strField(&f, "expr", p.Expr, true)
	w.strField(&f, "collation", p.Collation, true)
	w.strField(&f, "opclass", p.OpClass, true)
	w.boolField(&f, "desc", p.Desc)
	if p.NullsFirst != nil {
		w.key(&f, "nulls_first")
		w.buf = strconv.AppendBool(w.buf, *p.NullsFirst)
	}
	if p.Length != 0 {
		w.key(&f, "length")
		w.buf = strconv.AppendInt(w.buf, int64(p.Length), 10)
	}
	w.intPtrField(&f, "statistics", p.Statistics)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) trigger(t *engines.Trigger) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", t.Name, false)
	w.strField(&f, "timing", t.Timing, false)
	w.strings(&f, "events", t.Events, false)
	w.boolField(&f, "for_each_row", t.ForEachRow)
	w.strField(&f, "when", t.When, true)
	w.strField(&f, "function", t.Function, true)
	w.strField(&f, "body", t.Body, true)
	w.strField(&f, "definition", t.Definition, false)
	w.strField(&f, "comment", t.Comment, true)
	w.stringMap(&f, "options", t.Options)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) view(v *engines.View) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", v.Schema, false)
	w.strField(&f, "name", v.Name, false)
	w.boolField(&f, "materialized", v.Materialized)
	w.strings(&f, "columns", v.Columns, true)
	w.strField(&f, "query", v.Query, false)
	w.stringMap(&f, "options", v.Options)
	list(w, &f, "indexes", v.Indexes, true, w.index)
	w.strField(&f, "comment", v.Comment, true)
	w.stringMap(&f, "column_comments", v.ColumnComments)
	w.stringMap(&f, "column_defaults", v.ColumnDefaults)
	w.stringMap(&f, "column_statistics", v.ColumnStatistics)
	w.stringMap(&f, "column_storage", v.ColumnStorage)
	w.strings(&f, "depends", v.Depends, true)
	list(w, &f, "triggers", v.Triggers, true, w.trigger)
	list(w, &f, "rules", v.Rules, true, w.rule)
	list(w, &f, "grants", v.Grants, true, w.grant)
	w.strField(&f, "owner", v.Owner, true)
	w.buf = append(w.buf, '}')
}

// sequenceFields writes the fields of SequenceOptions, which Sequence
// embeds: JSON puts them among the sequence's own.
func (w *modelJSON) sequenceFields(f *bool, o *engines.SequenceOptions) {
	w.strField(f, "type", o.Type, true)
	w.intPtrField(f, "increment", o.Increment)
	w.intPtrField(f, "min", o.Min)
	w.intPtrField(f, "max", o.Max)
	w.intPtrField(f, "start", o.Start)
	w.intPtrField(f, "cache", o.Cache)
	w.boolField(f, "cycle", o.Cycle)
}

func (w *modelJSON) sequenceOptions(o *engines.SequenceOptions) {
	f := true
	w.buf = append(w.buf, '{')
	w.sequenceFields(&f, o)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) sequence(s *engines.Sequence) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", s.Schema, false)
	w.strField(&f, "name", s.Name, false)
	w.sequenceFields(&f, &s.SequenceOptions)
	w.strField(&f, "owned_by", s.OwnedBy, true)
	w.strField(&f, "comment", s.Comment, true)
	list(w, &f, "grants", s.Grants, true, w.grant)
	w.strField(&f, "owner", s.Owner, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) typ(t *engines.Type) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", t.Schema, false)
	w.strField(&f, "name", t.Name, false)
	w.strField(&f, "kind", string(t.Kind), false)
	w.strings(&f, "labels", t.Labels, true)
	w.strField(&f, "definition", t.Definition, true)
	w.strField(&f, "comment", t.Comment, true)
	w.strField(&f, "base_type", t.BaseType, true)
	w.strField(&f, "default", t.Default, true)
	w.boolField(&f, "not_null", t.NotNull)
	w.strField(&f, "collation", t.Collation, true)
	list(w, &f, "checks", t.Checks, true, w.constraint)
	list(w, &f, "grants", t.Grants, true, w.grant)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) function(fn *engines.Function) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", fn.Schema, false)
	w.strField(&f, "name", fn.Name, false)
	w.strField(&f, "args", fn.Args, false)
	w.boolField(&f, "procedure", fn.Procedure)
	w.boolField(&f, "aggregate", fn.Aggregate)
	w.strField(&f, "returns", fn.Returns, true)
	w.strField(&f, "language", fn.Language, true)
	w.strField(&f, "body", fn.Body, false)
	w.strField(&f, "definition", fn.Definition, false)
	w.stringMap(&f, "options", fn.Options)
	w.strField(&f, "comment", fn.Comment, true)
	list(w, &f, "grants", fn.Grants, true, w.grant)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) event(e *engines.Event) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", e.Schema, false)
	w.strField(&f, "name", e.Name, false)
	w.strField(&f, "definition", e.Definition, false)
	w.strField(&f, "comment", e.Comment, true)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) extension(e *engines.Extension) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "name", e.Name, false)
	w.strField(&f, "schema", e.Schema, true)
	w.strField(&f, "version", e.Version, true)
	w.strField(&f, "comment", e.Comment, true)
	w.boolField(&f, "not_relocatable", e.NotRelocatable)
	w.buf = append(w.buf, '}')
}

func (w *modelJSON) collation(c *engines.Collation) {
	f := true
	w.buf = append(w.buf, '{')
	w.strField(&f, "schema", c.Schema, false)
	w.strField(&f, "name", c.Name, false)
	w.strField(&f, "provider", c.Provider, false)
	w.strField(&f, "locale", c.Locale, true)
	w.strField(&f, "lc_collate", c.LcCollate, true)
	w.strField(&f, "lc_ctype", c.LcCtype, true)
	w.boolField(&f, "non_deterministic", c.NonDeterministic)
	w.strField(&f, "comment", c.Comment, true)
	w.buf = append(w.buf, '}')
}
