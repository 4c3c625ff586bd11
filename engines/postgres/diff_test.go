package postgres

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

var updateDiff = flag.Bool("update-diff", false, "rewrite testdata/diff/*/plan.sql")

// ---- model builders ----

func tmMdb(schemas ...*engines.Schema) *engines.Database {
	d := &engines.Database{Engine: "postgres", Schemas: schemas}
	d.EnsureSchema("public")
	d.Sort()
	return d
}

func tmCol(name, typ string, mods ...func(*engines.Column)) *engines.Column {
	c := &engines.Column{Name: name, Type: typ}
	for _, m := range mods {
		m(c)
	}
	return c
}

func tmNotNull(c *engines.Column) { c.NotNull = true }
func tmWithDefault(d string) func(*engines.Column) {
	return func(c *engines.Column) { c.Default = d }
}
func tmWithComment(s string) func(*engines.Column) {
	return func(c *engines.Column) { c.Comment = s }
}

func tmPk(table string, cols ...string) *engines.Constraint {
	return &engines.Constraint{Name: table + "_pkey", Kind: engines.PrimaryKey, Columns: cols}
}

func tmFk(name string, cols []string, refTable string, refCols ...string) *engines.Constraint {
	return &engines.Constraint{Name: name, Kind: engines.ForeignKey, Columns: cols, RefSchema: "public", RefTable: refTable, RefColumns: refCols}
}

func tmTable(name string, cols []*engines.Column, cons ...*engines.Constraint) *engines.Table {
	return &engines.Table{Schema: "public", Name: name, Columns: cols, Constraints: cons}
}

func tmIdx(name string, unique bool, cols ...string) *engines.Index {
	x := &engines.Index{Name: name, Unique: unique, Method: "btree"}
	for _, c := range cols {
		x.Parts = append(x.Parts, &engines.IndexPart{Column: c})
	}
	return x
}

func tmView(name, query string, deps ...string) *engines.View {
	return &engines.View{Schema: "public", Name: name, Query: query, Depends: deps}
}

func tmSqlFunc(name, args, returns, body string) *engines.Function {
	return &engines.Function{
		Schema: "public", Name: name, Args: args, Returns: returns, Language: "sql", Body: body,
		Definition: fmt.Sprintf("CREATE OR REPLACE FUNCTION public.%s(%s)\n RETURNS %s\n LANGUAGE sql\nAS $function$%s$function$\n", name, args, returns, body),
		Grants:     routineDefaultGrants(), // as a new routine has
	}
}

func tmPlpgsqlTrigger(name, body string) *engines.Function {
	return &engines.Function{
		Schema: "public", Name: name, Returns: "trigger", Language: "plpgsql", Body: body,
		Definition: fmt.Sprintf("CREATE OR REPLACE FUNCTION public.%s()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$%s$function$\n", name, body),
		Grants:     routineDefaultGrants(),
	}
}

func tmTrigger(name, tmTable, fn string) *engines.Trigger {
	return &engines.Trigger{
		Name: name, Timing: "BEFORE", Events: []string{"INSERT"}, ForEachRow: true, Function: "public." + fn + "()",
		Definition: fmt.Sprintf("CREATE TRIGGER %s BEFORE INSERT ON public.%s FOR EACH ROW EXECUTE FUNCTION public.%s()", name, tmTable, fn),
	}
}

func tmEnum(name string, labels ...string) *engines.Type {
	return &engines.Type{Schema: "public", Name: name, Kind: engines.EnumType, Labels: labels, Grants: builtinDefaults("TYPES")}
}

func tmI64(v int64) *int64 { return &v }

// public builds the public schema from its objects.
func tmPublic(objs ...any) *engines.Schema {
	s := &engines.Schema{Name: "public"}
	for _, o := range objs {
		switch o := o.(type) {
		case *engines.Table:
			s.Tables = append(s.Tables, o)
		case *engines.View:
			s.Views = append(s.Views, o)
		case *engines.Function:
			s.Functions = append(s.Functions, o)
		case *engines.Type:
			s.Types = append(s.Types, o)
		case *engines.Sequence:
			s.Sequences = append(s.Sequences, o)
		default:
			panic(fmt.Sprintf("public: unexpected %T", o))
		}
	}
	return s
}

// ---- cases ----

type diffCase struct {
	name           string
	target, source func() *engines.Database
	// before lists pairs of statement substrings: the first must come first.
	before [][2]string
	// contains lists substrings the plan must hold; absent, ones it must not.
	contains, absent []string
}

func diffCases() []diffCase {
	return []diffCase{
		{
			name: "add_drop_column",
			target: func() *engines.Database {
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("old", "text")}, tmPk("t", "id"))))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("new", "text", tmNotNull, tmWithDefault("'x'::text"))}, tmPk("t", "id"))))
			},
			contains: []string{"ADD COLUMN new text DEFAULT 'x'::text NOT NULL", "-- hazard deletes_data", "DROP COLUMN old"},
			before:   [][2]string{{"ADD COLUMN new", "DROP COLUMN old"}},
		},
		{
			name: "type_change_with_dependent_view",
			target: func() *engines.Database {
				return tmMdb(tmPublic(
					tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("b", "text")}),
					tmView("v", " SELECT t.a,\n    t.b\n   FROM t;", "public.t"),
					tmView("w", " SELECT v.a\n   FROM v;", "public.v"),
				))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(
					tmTable("t", []*engines.Column{tmCol("a", "bigint"), tmCol("b", "text")}),
					tmView("v", " SELECT t.a,\n    t.b\n   FROM t;", "public.t"),
					tmView("w", " SELECT v.a\n   FROM v;", "public.v"),
				))
			},
			contains: []string{"ALTER COLUMN a TYPE bigint USING a::bigint", "-- hazard rewrites_table"},
			before: [][2]string{
				{"DROP VIEW public.w", "DROP VIEW public.v"},
				{"DROP VIEW public.v", "ALTER COLUMN a TYPE"},
				{"ALTER COLUMN a TYPE", "CREATE VIEW public.v"},
				{"CREATE VIEW public.v", "CREATE VIEW public.w"},
			},
		},
		{
			name:   "enum_add_value_in_middle",
			target: func() *engines.Database { return tmMdb(tmPublic(tmEnum("mood", "sad", "happy"), tmEnum("size", "m"))) },
			source: func() *engines.Database {
				return tmMdb(tmPublic(tmEnum("mood", "sad", "ok", "meh", "happy"), tmEnum("size", "xs", "s", "m", "l")))
			},
			contains: []string{
				"ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad'",
				"ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'ok'",
				"ALTER TYPE public.size ADD VALUE 'xs' BEFORE 'm'",
				"ALTER TYPE public.size ADD VALUE 's' AFTER 'xs'",
				"ALTER TYPE public.size ADD VALUE 'l';",
			},
			absent: []string{"DROP TYPE"},
		},
		{
			name: "enum_label_removal",
			target: func() *engines.Database {
				return tmMdb(tmPublic(tmEnum("mood", "sad", "ok", "happy"),
					tmTable("p", []*engines.Column{tmCol("m", "public.mood", tmWithDefault("'ok'::public.mood")), tmCol("ms", "public.mood[]")}),
					tmView("pv", " SELECT p.m\n   FROM p;", "public.p")))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(tmEnum("mood", "happy", "ok"),
					tmTable("p", []*engines.Column{tmCol("m", "public.mood", tmWithDefault("'ok'::public.mood")), tmCol("ms", "public.mood[]")}),
					tmView("pv", " SELECT p.m\n   FROM p;", "public.p")))
			},
			contains: []string{
				"ALTER TYPE public.mood RENAME TO mood_schemasync_old",
				"ALTER TABLE public.p ALTER COLUMN m TYPE public.mood USING m::text::public.mood",
				"ALTER TABLE public.p ALTER COLUMN ms TYPE public.mood[] USING ms::text[]::public.mood[]",
				"-- hazard recreates_object", "-- hazard may_fail_on_data",
				"DROP TYPE public.mood_schemasync_old",
			},
			before: [][2]string{
				{"DROP VIEW public.pv", "RENAME TO mood_schemasync_old"},
				{"RENAME TO mood_schemasync_old", "CREATE TYPE public.mood"},
				{"ALTER COLUMN m DROP DEFAULT", "ALTER COLUMN m TYPE public.mood"},
				{"ALTER COLUMN m TYPE public.mood", "ALTER COLUMN m SET DEFAULT"},
				{"ALTER COLUMN m SET DEFAULT", "CREATE VIEW public.pv"},
				{"CREATE VIEW public.pv", "DROP TYPE public.mood_schemasync_old"},
			},
		},
		{
			name:   "fk_between_new_tables",
			target: func() *engines.Database { return tmMdb() },
			source: func() *engines.Database {
				return tmMdb(tmPublic(
					tmTable("a_child", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("parent_id", "integer")},
						tmPk("a_child", "id"), tmFk("a_child_parent_id_fkey", []string{"parent_id"}, "b_parent", "id")),
					tmTable("b_parent", []*engines.Column{tmCol("id", "integer", tmNotNull)}, tmPk("b_parent", "id")),
				))
			},
			before: [][2]string{
				{"CREATE TABLE public.b_parent", "ADD CONSTRAINT a_child_parent_id_fkey"},
				{"CREATE TABLE public.a_child", "ADD CONSTRAINT a_child_parent_id_fkey"},
			},
			absent: []string{"-- hazard"},
		},
		{
			name: "drop_referenced_table",
			target: func() *engines.Database {
				return tmMdb(tmPublic(
					tmTable("child", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("pid", "integer")},
						tmPk("child", "id"), tmFk("child_pid_fkey", []string{"pid"}, "parent", "id")),
					tmTable("other", []*engines.Column{tmCol("pid", "integer")}, tmFk("other_pid_fkey", []string{"pid"}, "parent", "id")),
					tmTable("parent", []*engines.Column{tmCol("id", "integer", tmNotNull)}, tmPk("parent", "id")),
				))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(tmTable("other", []*engines.Column{tmCol("pid", "integer")})))
			},
			contains: []string{"ALTER TABLE public.other DROP CONSTRAINT other_pid_fkey"},
			absent:   []string{"DROP CONSTRAINT child_pid_fkey"},
			before: [][2]string{
				{"DROP CONSTRAINT other_pid_fkey", "DROP TABLE public.parent"},
				{"DROP TABLE public.child", "DROP TABLE public.parent"},
			},
		},
		{
			name: "function_replace_vs_drop_create",
			target: func() *engines.Database {
				return tmMdb(tmPublic(tmSqlFunc("f_body", "a integer", "integer", " SELECT a + 1 "),
					tmSqlFunc("f_ret", "a integer", "integer", " SELECT a ")))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(tmSqlFunc("f_body", "a integer", "integer", " SELECT a + 2 "),
					tmSqlFunc("f_ret", "a integer", "bigint", " SELECT a::bigint ")))
			},
			contains: []string{"CREATE OR REPLACE FUNCTION public.f_body(a integer)", "DROP FUNCTION public.f_ret(a integer)"},
			absent:   []string{"DROP FUNCTION public.f_body"},
			before:   [][2]string{{"DROP FUNCTION public.f_ret", "CREATE OR REPLACE FUNCTION public.f_ret"}},
		},
		{
			name: "trigger_and_function_ordering",
			target: func() *engines.Database {
				t := tmTable("t", []*engines.Column{tmCol("a", "integer")})
				t.Triggers = []*engines.Trigger{tmTrigger("old_trg", "t", "old_fn")}
				return tmMdb(tmPublic(t, tmPlpgsqlTrigger("old_fn", " BEGIN RETURN NEW; END ")))
			},
			source: func() *engines.Database {
				t := tmTable("t", []*engines.Column{tmCol("a", "integer")})
				t.Triggers = []*engines.Trigger{tmTrigger("new_trg", "t", "new_fn")}
				return tmMdb(tmPublic(t, tmPlpgsqlTrigger("new_fn", " BEGIN NEW.a := 1; RETURN NEW; END ")))
			},
			before: [][2]string{
				{"DROP TRIGGER old_trg", "DROP FUNCTION public.old_fn"},
				{"CREATE OR REPLACE FUNCTION public.new_fn", "CREATE TRIGGER new_trg"},
			},
		},
		{
			name: "view_depending_on_view",
			target: func() *engines.Database {
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("b", "integer")}),
					tmView("v1", " SELECT t.a,\n    t.b\n   FROM t;")))
			},
			source: func() *engines.Database {
				// v1 loses a column: it cannot be replaced in place.
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("b", "integer")}),
					tmView("v1", " SELECT t.a\n   FROM t;"),
					tmView("a_v0", " SELECT v1.a\n   FROM v1;"),
					tmView("v3", " SELECT a_v0.a\n   FROM a_v0;")))
			},
			contains: []string{"DROP VIEW public.v1"},
			before: [][2]string{
				{"DROP VIEW public.v1", "CREATE VIEW public.v1"},
				{"CREATE VIEW public.v1", "CREATE VIEW public.a_v0"},
				{"CREATE VIEW public.a_v0", "CREATE VIEW public.v3"},
			},
		},
		{
			name: "view_append_column_replaces_in_place",
			target: func() *engines.Database {
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("b", "integer")}),
					tmView("v", " SELECT t.a\n   FROM t;")))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("b", "integer")}),
					tmView("v", " SELECT t.a,\n    t.b\n   FROM t;")))
			},
			contains: []string{"CREATE OR REPLACE VIEW public.v AS"},
			absent:   []string{"DROP VIEW"},
		},
		{
			name:   "sequence_owned_by",
			target: func() *engines.Database { return tmMdb() },
			source: func() *engines.Database {
				return tmMdb(tmPublic(
					tmTable("t", []*engines.Column{tmCol("id", "integer", tmNotNull, tmWithDefault("nextval('t_id_seq'::regclass)"))}, tmPk("t", "id")),
					&engines.Sequence{Schema: "public", Name: "t_id_seq", SequenceOptions: engines.SequenceOptions{Type: "integer"}, OwnedBy: "t.id"},
				))
			},
			contains: []string{"CREATE SEQUENCE public.t_id_seq AS integer", "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id"},
			before: [][2]string{
				{"CREATE SEQUENCE public.t_id_seq", "CREATE TABLE public.t"},
				{"CREATE TABLE public.t", "OWNED BY public.t.id"},
			},
		},
		{
			name: "identity_add_drop",
			target: func() *engines.Database {
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{
					tmCol("a", "integer"),
					tmCol("b", "bigint", tmNotNull, func(c *engines.Column) { c.Identity = "ALWAYS" }),
					tmCol("c", "integer", tmNotNull, func(c *engines.Column) {
						c.Identity = "BY DEFAULT"
						c.IdentityOptions = &engines.SequenceOptions{Increment: tmI64(5)}
					}),
				})))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{
					tmCol("a", "integer", tmNotNull, func(c *engines.Column) {
						c.Identity = "BY DEFAULT"
						c.IdentityOptions = &engines.SequenceOptions{Start: tmI64(100)}
					}),
					tmCol("b", "bigint"),
					tmCol("c", "integer", tmNotNull, func(c *engines.Column) { c.Identity = "ALWAYS" }),
				})))
			},
			contains: []string{
				"ALTER COLUMN a ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 100)",
				"ALTER COLUMN b DROP IDENTITY",
				"ALTER COLUMN c SET GENERATED ALWAYS",
				"ALTER COLUMN c SET INCREMENT BY 1",
			},
			before: [][2]string{
				{"ALTER COLUMN a SET NOT NULL", "ALTER COLUMN a ADD GENERATED"},
				{"ALTER COLUMN b DROP IDENTITY", "ALTER COLUMN b DROP NOT NULL"},
			},
		},
		{
			name: "comment_add_remove",
			target: func() *engines.Database {
				t := tmTable("t", []*engines.Column{tmCol("a", "integer", tmWithComment("old column comment"))})
				t.Comment = "old table comment"
				return tmMdb(tmPublic(t))
			},
			source: func() *engines.Database {
				t := tmTable("t", []*engines.Column{tmCol("a", "integer")})
				t.Comment = "it's new"
				s := tmPublic(t)
				s.Comment = "standard public schema"
				return tmMdb(s, &engines.Schema{Name: "app", Comment: "the app"})
			},
			contains: []string{
				"COMMENT ON TABLE public.t IS 'it''s new'",
				"COMMENT ON COLUMN public.t.a IS NULL",
				"CREATE SCHEMA app",
				"COMMENT ON SCHEMA app IS 'the app'",
				"COMMENT ON SCHEMA public IS 'standard public schema'",
			},
			before: [][2]string{{"CREATE SCHEMA app", "COMMENT ON SCHEMA app"}},
		},
		{
			name: "index_change",
			target: func() *engines.Database {
				t := tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("b", "text")})
				t.Indexes = []*engines.Index{tmIdx("t_a_idx", false, "a"), tmIdx("t_gone_idx", false, "b")}
				return tmMdb(tmPublic(t))
			},
			source: func() *engines.Database {
				t := tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("b", "text")})
				x := tmIdx("t_a_idx", false, "a", "b")
				x.Where = "(a > 0)"
				y := tmIdx("t_lower_idx", true)
				y.Parts = []*engines.IndexPart{{Expr: "lower(b)", Desc: true}}
				t.Indexes = []*engines.Index{x, y}
				return tmMdb(tmPublic(t))
			},
			// Online (the default): the changed index is built under a
			// temporary name before the old one goes (online_test.go has
			// the blocking forms).
			contains: []string{
				"DROP INDEX CONCURRENTLY public.t_a_idx", "DROP INDEX CONCURRENTLY public.t_gone_idx",
				"CREATE INDEX CONCURRENTLY t_a_idx_ssync_new ON public.t USING btree (a, b) WHERE ((a > 0))",
				"ALTER INDEX public.t_a_idx_ssync_new RENAME TO t_a_idx",
				"CREATE UNIQUE INDEX CONCURRENTLY t_lower_idx ON public.t USING btree ((lower(b)) DESC)",
				"-- hazard index_dropped", "-- hazard not_transactional", "-- hazard index_build",
			},
			absent: []string{"-- hazard blocking_lock"},
			before: [][2]string{
				{"CREATE INDEX CONCURRENTLY t_a_idx_ssync_new", "DROP INDEX CONCURRENTLY public.t_a_idx;"},
				{"DROP INDEX CONCURRENTLY public.t_a_idx;", "RENAME TO t_a_idx"},
			},
		},
		{
			name: "constraint_change",
			target: func() *engines.Database {
				return tmMdb(tmPublic(
					tmTable("p", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("code", "text", tmNotNull)},
						tmPk("p", "id"),
						&engines.Constraint{Name: "p_code_key", Kind: engines.Unique, Columns: []string{"code"}},
						&engines.Constraint{Name: "p_code_check", Kind: engines.Check, Check: "(length(code) > 1)"}),
					tmTable("r", []*engines.Column{tmCol("code", "text")}, tmFk("r_code_fkey", []string{"code"}, "p", "code")),
				))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(
					tmTable("p", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("code", "text", tmNotNull)},
						tmPk("p", "id"),
						&engines.Constraint{Name: "p_code_key", Kind: engines.Unique, Columns: []string{"code"}, NullsNotDistinct: true},
						&engines.Constraint{Name: "p_code_check", Kind: engines.Check, Check: "(length(code) > 2)"}),
					tmTable("r", []*engines.Column{tmCol("code", "text")}, tmFk("r_code_fkey", []string{"code"}, "p", "code")),
				))
			},
			contains: []string{
				"ALTER TABLE public.p DROP CONSTRAINT p_code_check",
				"ALTER TABLE public.p ADD CONSTRAINT p_code_check CHECK ((length(code) > 2))",
				"ALTER TABLE public.p ADD CONSTRAINT p_code_key UNIQUE NULLS NOT DISTINCT (code)",
				"ALTER TABLE public.r DROP CONSTRAINT r_code_fkey",
			},
			before: [][2]string{
				{"DROP CONSTRAINT r_code_fkey", "DROP CONSTRAINT p_code_key"},
				{"ADD CONSTRAINT p_code_key", "ADD CONSTRAINT r_code_fkey"},
			},
		},
		{
			name: "generated_column_change",
			target: func() *engines.Database {
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("a", "integer"),
					tmCol("g", "integer", func(c *engines.Column) { c.Generated, c.GeneratedStored = "(a * 2)", true }),
					tmCol("h", "integer", func(c *engines.Column) { c.Generated, c.GeneratedStored = "(a * 3)", true })})))
			},
			source: func() *engines.Database {
				// g is added again, so it comes last.
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("h", "integer"),
					tmCol("g", "integer", func(c *engines.Column) { c.Generated, c.GeneratedStored = "(a * 4)", true })})))
			},
			contains: []string{"ALTER TABLE public.t DROP COLUMN g", "ADD COLUMN g integer GENERATED ALWAYS AS ((a * 4)) STORED",
				"ALTER COLUMN h DROP EXPRESSION"},
			before: [][2]string{{"DROP COLUMN g", "ADD COLUMN g"}},
		},
		{
			name: "partition_by_change_recreates",
			target: func() *engines.Database {
				p := tmTable("m", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("at", "date", tmNotNull)})
				p.PartitionBy = "RANGE (id)"
				c := tmTable("m_1", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("at", "date", tmNotNull)})
				c.PartitionOf, c.PartitionBound = "public.m", "FOR VALUES FROM (0) TO (100)"
				return tmMdb(tmPublic(p, c))
			},
			source: func() *engines.Database {
				p := tmTable("m", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("at", "date", tmNotNull)})
				p.PartitionBy = "RANGE (at)"
				c := tmTable("m_1", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("at", "date", tmNotNull)})
				c.PartitionOf, c.PartitionBound = "public.m", "FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')"
				return tmMdb(tmPublic(p, c))
			},
			contains: []string{"DROP TABLE public.m;", "-- hazard recreates_object", "PARTITION BY RANGE (at)",
				"CREATE TABLE public.m_1 PARTITION OF public.m\nFOR VALUES FROM ('2020-01-01') TO ('2021-01-01')"},
			absent: []string{"DROP TABLE public.m_1"},
			before: [][2]string{{"DROP TABLE public.m;", "CREATE TABLE public.m ("}, {"CREATE TABLE public.m (", "CREATE TABLE public.m_1"}},
		},
		{
			name: "sequence_options_change",
			target: func() *engines.Database {
				return tmMdb(tmPublic(&engines.Sequence{Schema: "public", Name: "s", SequenceOptions: engines.SequenceOptions{Cache: tmI64(20)}}))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(&engines.Sequence{Schema: "public", Name: "s",
					SequenceOptions: engines.SequenceOptions{Increment: tmI64(5), Type: "integer", Min: tmI64(-5), Max: tmI64(1000), Cycle: true}}))
			},
			// Bounds are spelled out with AS; the default start follows the new minimum.
			contains: []string{"ALTER SEQUENCE public.s AS integer INCREMENT BY 5 MINVALUE -5 MAXVALUE 1000 START WITH -5 CACHE 1 CYCLE",
				"-- hazard may_fail_on_data"},
		},
		{
			name: "function_parameter_rename",
			target: func() *engines.Database {
				return tmMdb(tmPublic(withArgs(tmSqlFunc("f", "a integer", "integer", " SELECT 1 "), "integer")))
			},
			source: func() *engines.Database {
				return tmMdb(tmPublic(withArgs(tmSqlFunc("f", "b integer DEFAULT 0", "integer", " SELECT 1 "), "integer")))
			},
			before: [][2]string{{"DROP FUNCTION public.f(integer)", "CREATE OR REPLACE FUNCTION public.f(b integer DEFAULT 0)"}},
		},
		{
			name: "matview_change_recreates_indexes",
			target: func() *engines.Database {
				mv := tmView("mv", " SELECT t.a\n   FROM t;")
				mv.Materialized = true
				mv.Indexes = []*engines.Index{tmIdx("mv_a_idx", false, "a")}
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("b", "integer")}), mv))
			},
			source: func() *engines.Database {
				mv := tmView("mv", " SELECT t.a,\n    t.b\n   FROM t;")
				mv.Materialized = true
				mv.Indexes = []*engines.Index{tmIdx("mv_a_idx", false, "a")}
				return tmMdb(tmPublic(tmTable("t", []*engines.Column{tmCol("a", "integer"), tmCol("b", "integer")}), mv))
			},
			absent: []string{"DROP INDEX"},
			before: [][2]string{
				{"DROP MATERIALIZED VIEW public.mv", "CREATE MATERIALIZED VIEW public.mv"},
				{"CREATE MATERIALIZED VIEW public.mv", "CREATE INDEX mv_a_idx ON public.mv"},
			},
		},
		{
			name: "inherited_columns_change_with_parent",
			target: func() *engines.Database {
				c := tmTable("c", []*engines.Column{tmCol("a", "integer"), tmCol("b", "text")})
				c.Inherits = []string{"public.p"}
				return tmMdb(tmPublic(tmTable("p", []*engines.Column{tmCol("a", "integer")}), c))
			},
			source: func() *engines.Database {
				c := tmTable("c", []*engines.Column{tmCol("a", "bigint"), tmCol("x", "text"), tmCol("b", "text")})
				c.Inherits = []string{"public.p"}
				return tmMdb(tmPublic(tmTable("p", []*engines.Column{tmCol("a", "bigint"), tmCol("x", "text")}), c))
			},
			contains: []string{"ALTER TABLE public.p ALTER COLUMN a TYPE bigint", "ALTER TABLE public.p ADD COLUMN x text"},
			absent:   []string{"ALTER TABLE public.c"},
		},
		{
			name:   "function_used_by_default_goes_first",
			target: func() *engines.Database { return tmMdb() },
			source: func() *engines.Database {
				return tmMdb(tmPublic(
					tmSqlFunc("next_code", "", "text", " SELECT 'c'::text "),
					tmSqlFunc("count_t", "", "bigint", " SELECT count(*) FROM public.t "),
					tmTable("t", []*engines.Column{tmCol("code", "text", tmWithDefault("public.next_code()"))}),
				))
			},
			before: [][2]string{
				{"FUNCTION public.next_code()", "CREATE TABLE public.t"},
				{"CREATE TABLE public.t", "FUNCTION public.count_t()"},
			},
		},
	}
}

func planText(t *testing.T, target, source *engines.Database) (*engines.Plan, string) {
	t.Helper()
	p, err := plan(context.Background(), target, source, engines.PlanOptions{})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	return p, renderPlan(p)
}

func TestDiffCases(t *testing.T) {
	for _, tc := range diffCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, text := planText(t, tc.target(), tc.source())
			_, again := planText(t, tc.target(), tc.source())
			if text != again {
				t.Fatalf("plan is not deterministic:\n%s\n---\n%s", text, again)
			}
			if len(p.Changes) == 0 || len(p.Statements) == 0 {
				t.Fatalf("empty plan")
			}
			for _, s := range p.Statements {
				if s.Object == "" {
					t.Errorf("statement without object: %s", s.SQL)
				}
			}
			for _, want := range tc.contains {
				if !strings.Contains(text, want) {
					t.Errorf("plan lacks %q", want)
				}
			}
			for _, bad := range tc.absent {
				if strings.Contains(text, bad) {
					t.Errorf("plan holds %q", bad)
				}
			}
			for _, pair := range tc.before {
				i, j := stmtIndex(p, pair[0]), stmtIndex(p, pair[1])
				if i < 0 || j < 0 {
					t.Errorf("missing statement for order check %q (%d) before %q (%d)", pair[0], i, pair[1], j)
				} else if i >= j {
					t.Errorf("%q (#%d) must come before %q (#%d)", pair[0], i, pair[1], j)
				}
			}
			golden := filepath.Join("testdata", "diff", tc.name, "plan.sql")
			if *updateDiff {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update-diff to create)", err)
			}
			if string(want) != text {
				t.Errorf("plan differs from %s (run with -update-diff if intended):\n%s", golden, text)
			}
			if t.Failed() {
				t.Logf("plan:\n%s", text)
			}
		})
	}
}

// stmtIndex finds the first statement holding sub (the rendered ";" end
// counts, so "DROP TABLE x;" matches only the statement that ends there).
func stmtIndex(p *engines.Plan, sub string) int {
	for i, s := range p.Statements {
		if strings.Contains(s.SQL+";", sub) {
			return i
		}
	}
	return -1
}

func TestPlanNoChanges(t *testing.T) {
	for _, tc := range diffCases() {
		for _, side := range []func() *engines.Database{tc.target, tc.source} {
			p, text := planText(t, side(), side())
			if !p.Empty() || len(p.Changes) != 0 {
				t.Errorf("%s: a model planned against itself gives:\n%s", tc.name, text)
			}
		}
	}
}

func TestPlanScanNames(t *testing.T) {
	got := scanNames(`SELECT "A"."b c".x, f (1), s.g(2) FROM public . t WHERE y = 'v.w(' -- z.q(`)
	var parts []string
	for _, r := range got {
		s := strings.Join(r.parts, ".")
		if r.call {
			s += "()"
		}
		parts = append(parts, s)
	}
	want := "select A.b c.x f() s.g() from public.t where y"
	if strings.Join(parts, " ") != want {
		t.Errorf("scanNames = %q, want %q", strings.Join(parts, " "), want)
	}
}

func TestPlanTypeChangeRisk(t *testing.T) {
	cases := []struct {
		from, to         string
		rewrite, mayFail bool
	}{
		{"character varying(10)", "character varying(20)", false, false},
		{"character varying(20)", "character varying(10)", false, true},
		{"character varying(20)", "text", false, false},
		{"text", "character varying(5)", false, true},
		{"numeric(10,2)", "numeric(12,2)", false, false},
		{"numeric(10,2)", "numeric(10,3)", true, true},
		{"integer", "bigint", true, false},
		{"bigint", "integer", true, true},
		{"text", "integer", true, true},
	}
	for _, c := range cases {
		r, f := typeChangeRisk(c.from, c.to)
		if r != c.rewrite || f != c.mayFail {
			t.Errorf("typeChangeRisk(%q, %q) = %v, %v; want %v, %v", c.from, c.to, r, f, c.rewrite, c.mayFail)
		}
	}
}

// TestPlanAppliesOnServer proves the plans run on PostgreSQL and converge:
// one database gets the target (planned from empty) and then the plan to the
// source; another gets the source directly. pg_dump of both must match.
func TestPlanAppliesOnServer(t *testing.T) {
	pgDump, err := exec.LookPath("pg_dump")
	if err != nil {
		t.Fatalf("pg_dump is needed to compare databases: %v", err)
	}
	ctx := context.Background()
	for _, tc := range diffCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			converged := testdb.Postgres(t)
			applyPlan(ctx, t, converged, tmMdb(), tc.target())
			applyPlan(ctx, t, converged, tc.target(), tc.source())
			direct := testdb.Postgres(t)
			applyPlan(ctx, t, direct, tmMdb(), tc.source())
			a, b := schemaDump(t, pgDump, converged), schemaDump(t, pgDump, direct)
			if a != b {
				t.Errorf("converged database differs from the source loaded directly:\n--- converged\n%s\n--- direct\n%s", a, b)
			}
		})
	}
}

func applyPlan(ctx context.Context, t *testing.T, url string, target, source *engines.Database) {
	t.Helper()
	p, text := planText(t, target, source)
	if p.Empty() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if _, err := apply(ctx, url, text, engines.ApplyOptions{}); err != nil {
		t.Fatalf("apply:\n%s\nerror: %v", text, err)
	}
}

var dumpNoise = regexp.MustCompile(`(?m)^(\\(un)?restrict .*|-- Dumped .*)$`)

func schemaDump(t *testing.T, pgDump, url string) string {
	t.Helper()
	out, err := exec.Command(pgDump, "--schema-only", "--no-owner", "--no-privileges", "--dbname", url).CombinedOutput()
	if err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	return dumpNoise.ReplaceAllString(string(out), "")
}

// benchModels generates a target of n tables (with foreign keys, indexes and
// a view per 20 tables) and a source that changes about 5% of it.
func benchModels(n int) (target, source *engines.Database) {
	build := func(changed bool) *engines.Database {
		s := &engines.Schema{Name: "public"}
		for i := range n {
			name := fmt.Sprintf("t%05d", i)
			if changed && i%100 == 1 {
				continue // dropped
			}
			cols := []*engines.Column{
				tmCol("id", "bigint", tmNotNull),
				tmCol("name", "text", tmNotNull),
				tmCol("amount", "numeric(10,2)", tmWithDefault("0")),
				tmCol("ref_id", "bigint"),
			}
			t := tmTable(name, cols, tmPk(name, "id"))
			t.Indexes = []*engines.Index{tmIdx(name+"_name_idx", false, "name")}
			if i > 0 && i%2 == 0 && (i-1)%100 != 1 {
				t.Constraints = append(t.Constraints, tmFk(name+"_ref_id_fkey", []string{"ref_id"}, fmt.Sprintf("t%05d", i-1), "id"))
			}
			if changed {
				switch i % 100 {
				case 3:
					cols[2].Type = "numeric(12,2)"
				case 5:
					t.Columns = append(t.Columns, tmCol("added", "text"))
				case 7:
					t.Indexes[0].Parts = append(t.Indexes[0].Parts, &engines.IndexPart{Column: "amount"})
				case 9:
					t.Comment = "changed"
				}
			}
			s.Tables = append(s.Tables, t)
			if i%20 == 3 {
				s.Views = append(s.Views, tmView("v_"+name, fmt.Sprintf(" SELECT %s.id, %s.amount FROM %s;", name, name, name)))
			}
		}
		if changed {
			for i := range n / 100 {
				s.Tables = append(s.Tables, tmTable(fmt.Sprintf("new%05d", i), []*engines.Column{tmCol("id", "bigint")}))
			}
		}
		return tmMdb(s)
	}
	return build(false), build(true)
}

// BenchmarkPlan10000 plans a 10,000-table model with about 5% changes; its
// time grows linearly with the model (compare -bench 'Plan(2500|10000)').
func BenchmarkPlan10000(b *testing.B) { benchmarkPlan(b, 10000) }

func BenchmarkPlan2500(b *testing.B) { benchmarkPlan(b, 2500) }

func benchmarkPlan(b *testing.B, n int) {
	target, source := benchModels(n)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		p, err := plan(ctx, target, source, engines.PlanOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Statements) < n/20 {
			b.Fatalf("only %d statements", len(p.Statements))
		}
	}
}

// Only trees that differ in integer constants alone are known to differ
// without asking the server.
func TestOnlyIntegersDiffer(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"qty >= -1", "qty >= 0", true},
		{"(a + 1) > 2", "(a + 1) > 3", true},
		{"a = 1", "a = 1", false},
		{"a = 't'", "a = 'true'", false}, // both can be a boolean's true
		{"a > 1.0", "a > 1.00", false},
		{"a > 1", "b > 1", false},
		{"a > 1", "a > (1)::bigint", false},
		{"a > 1", "a >= 2", false},
		{"a IN (1, 2)", "a IN (1, 3)", true},
		{"a IN (1, 2)", "a IN (1, 2, 3)", false},
		{"not valid sql (", "a > 1", false},
	} {
		if got := onlyIntegersDiffer(tc.a, tc.b); got != tc.want {
			t.Errorf("onlyIntegersDiffer(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSelectsStar(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT * FROM t": true,
		"SELECT i.*, c.name FROM item i JOIN c ON true":   true,
		"SELECT count(*) FROM t":                          false,
		"SELECT a, b FROM t WHERE a IN (SELECT x FROM u)": false,
		"SELECT a FROM (SELECT * FROM t) s":               true,
	} {
		if got := selectsStar(q); got != want {
			t.Errorf("selectsStar(%q) = %v, want %v", q, got, want)
		}
	}
}

// TestStorageParameterOrder checks that storage parameters are created in
// the order the files give them (the server keeps reloptions as written),
// an ALTER … SET moving the keys it sets to the end as the server does.
func TestStorageParameterOrder(t *testing.T) {
	files := []engines.File{{Path: "schema.sql", Text: `
CREATE TABLE t (id int, data text) WITH (fillfactor = 70, autovacuum_enabled = false, toast_tuple_target = 256);
ALTER TABLE t SET (fillfactor = 60);
CREATE INDEX t_data ON t (data) WITH (fillfactor = '70', deduplicate_items = 'on');
CREATE VIEW v WITH (security_barrier = true, check_option = local) AS SELECT id FROM t WHERE id > 0;
`}}
	source, err := New().Parse(context.Background(), files, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, text := planText(t, &engines.Database{}, source)
	for _, want := range []string{
		"WITH (autovacuum_enabled=false, toast_tuple_target=256, fillfactor=60)",
		"WITH (fillfactor=70, deduplicate_items=on)",
		"WITH (security_barrier=true, check_option=local)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("plan lacks %q:\n%s", want, text)
		}
	}
}
