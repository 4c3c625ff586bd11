// Package engines holds the schema model shared by every engine, the typed
// changes between two models, plans, and the Engine interface with its registry.
//
// The model is the only thing the engines and the runner share. Every slice
// in a model is kept sorted by name (Sort does it), so that two models of the
// same schema compare and print the same way.
package engines

import (
	"slices"
	"sort"
	"strings"
)

// Database is a whole schema: what parse reads from files and what inspect
// reads from a live server.
type Database struct {
	Engine     string       `json:"engine"`
	Schemas    []*Schema    `json:"schemas,omitempty"`
	Extensions []*Extension `json:"extensions,omitempty"`
	// EventTriggers are PostgreSQL event triggers (database-wide).
	EventTriggers []*EventTrigger `json:"event_triggers,omitempty"`
	// Publications are PostgreSQL logical replication publications.
	Publications []*Publication `json:"publications,omitempty"`
	// ForeignDataWrappers, ForeignServers and UserMappings are PostgreSQL's
	// SQL/MED objects (database-wide).
	ForeignDataWrappers []*ForeignDataWrapper `json:"foreign_data_wrappers,omitempty"`
	ForeignServers      []*ForeignServer      `json:"foreign_servers,omitempty"`
	UserMappings        []*UserMapping        `json:"user_mappings,omitempty"`
	// Casts are PostgreSQL casts made with CREATE CAST (database-wide).
	Casts []*Cast `json:"casts,omitempty"`
	// DefaultPrivileges are PostgreSQL's ALTER DEFAULT PRIVILEGES entries.
	DefaultPrivileges []*DefaultPrivilege `json:"default_privileges,omitempty"`
	// Role is the role an inspected model was read as (PostgreSQL): the
	// relations it owns have no Owner. Not compared; copies keep it.
	Role string `json:"-" clone:"keep"`
}

// DefaultPrivilege is a PostgreSQL ALTER DEFAULT PRIVILEGES entry: what
// the objects of one kind a role creates are granted, beside their owner.
// An entry for every schema (Schema "") replaces the built-in default
// (EXECUTE on functions and USAGE on types for PUBLIC, nothing on the
// others) and is present only when it differs from it; an entry for one
// schema adds to that and is present only when it grants something.
type DefaultPrivilege struct {
	// Role is the creating role; "" is the role that applies the schema.
	Role   string `json:"role,omitempty"`
	Schema string `json:"schema,omitempty"`
	// Objects is TABLES, SEQUENCES, FUNCTIONS, TYPES or SCHEMAS.
	Objects string   `json:"objects"`
	Grants  []*Grant `json:"grants,omitempty"`
}

// Key identifies an entry: role, schema and kind of object.
func (d *DefaultPrivilege) Key() string { return d.Role + "\x00" + d.Schema + "\x00" + d.Objects }

// Cast is a PostgreSQL cast between two types, as format_type() prints
// them.
type Cast struct {
	Source string `json:"source"`
	Target string `json:"target"`
	// Function is "name(argtypes)" without a public or pg_catalog
	// qualifier, "" for WITHOUT FUNCTION and WITH INOUT.
	Function string `json:"function,omitempty"`
	Inout    bool   `json:"inout,omitempty"`
	// Context is "" (explicit only), "ASSIGNMENT" or "IMPLICIT".
	Context string `json:"context,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// Key identifies a cast: "source AS target".
func (c *Cast) Key() string { return c.Source + " AS " + c.Target }

// ForeignDataWrapper is a PostgreSQL foreign-data wrapper.
type ForeignDataWrapper struct {
	Name string `json:"name"`
	// Handler and Validator name functions ("" for none), without a
	// public or pg_catalog qualifier.
	Handler   string `json:"handler,omitempty"`
	Validator string `json:"validator,omitempty"`
	// Options are "name=value", sorted.
	Options []string `json:"options,omitempty"`
	Comment string   `json:"comment,omitempty"`
}

// ForeignServer is a PostgreSQL foreign server.
type ForeignServer struct {
	Name    string   `json:"name"`
	Wrapper string   `json:"wrapper"`
	Type    string   `json:"type,omitempty"`
	Version string   `json:"version,omitempty"`
	Options []string `json:"options,omitempty"`
	Comment string   `json:"comment,omitempty"`
}

// UserMapping maps a role (a name, "PUBLIC" or "CURRENT_USER") to a
// foreign server. Values of options that hold secrets (password…) read
// from a live database are kept as a digest, never as the value.
type UserMapping struct {
	User    string   `json:"user"`
	Server  string   `json:"server"`
	Options []string `json:"options,omitempty"`
}

// Publication is a PostgreSQL publication: what logical replication sends.
type Publication struct {
	Name string `json:"name"`
	// AllTables is FOR ALL TABLES; else Tables and Schemas list what it
	// publishes, sorted.
	AllTables bool                `json:"all_tables,omitempty"`
	Tables    []*PublicationTable `json:"tables,omitempty"`
	Schemas   []string            `json:"schemas,omitempty"`
	// Publish lists the operations published, "" for all four (insert,
	// update, delete, truncate) and "none" for none.
	Publish string `json:"publish,omitempty"`
	// ViaRoot is publish_via_partition_root.
	ViaRoot bool   `json:"via_root,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// PublicationTable is a table a publication lists, with its column list
// (sorted; empty for all) and row filter.
type PublicationTable struct {
	Schema  string   `json:"schema"`
	Name    string   `json:"name"`
	Columns []string `json:"columns,omitempty"`
	Where   string   `json:"where,omitempty"`
}

// EventTrigger is a PostgreSQL event trigger: it belongs to the database,
// not to a schema.
type EventTrigger struct {
	Name string `json:"name"`
	// Event is ddl_command_start, ddl_command_end, sql_drop or table_rewrite.
	Event string `json:"event"`
	// Tags is the WHEN TAG IN list, upper case and sorted; empty for all.
	Tags []string `json:"tags,omitempty"`
	// Function is the schema-qualified name of the function it runs.
	Function string `json:"function"`
	// Enabled is "" (fires in origin and local sessions, the default),
	// "DISABLE", "ENABLE REPLICA" or "ENABLE ALWAYS".
	Enabled string `json:"enabled,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// Schema is a namespace (a PostgreSQL schema; for MySQL the one database).
type Schema struct {
	Name      string      `json:"name"`
	Comment   string      `json:"comment,omitempty"`
	Tables    []*Table    `json:"tables,omitempty"`
	Views     []*View     `json:"views,omitempty"`
	Sequences []*Sequence `json:"sequences,omitempty"`
	Types     []*Type     `json:"types,omitempty"`
	Functions []*Function `json:"functions,omitempty"`
	Events    []*Event    `json:"events,omitempty"`
	// Collations are PostgreSQL collations the schema defines.
	Collations []*Collation `json:"collations,omitempty"`
	// Operators are PostgreSQL operators the schema defines.
	Operators []*Operator `json:"operators,omitempty"`
	// TextSearchConfigs are PostgreSQL text search configurations.
	TextSearchConfigs []*TextSearchConfig `json:"text_search_configs,omitempty"`
	// TextSearchDicts are PostgreSQL text search dictionaries.
	TextSearchDicts []*TextSearchDict `json:"text_search_dicts,omitempty"`
	// Options holds engine-specific schema options (MySQL charset/collation).
	Options map[string]string `json:"options,omitempty"`
	// Grants are the privileges on a PostgreSQL schema (USAGE, CREATE) of
	// roles other than its owner; not managed on public.
	Grants []*Grant `json:"grants,omitempty"`
}

// Table is a base or partitioned table.
type Table struct {
	Schema      string        `json:"schema"`
	Name        string        `json:"name"`
	Columns     []*Column     `json:"columns"`
	Constraints []*Constraint `json:"constraints,omitempty"`
	Indexes     []*Index      `json:"indexes,omitempty"`
	Triggers    []*Trigger    `json:"triggers,omitempty"`
	Comment     string        `json:"comment,omitempty"`
	// PartitionBy is the partition key clause, e.g. "RANGE (created_at)".
	PartitionBy string `json:"partition_by,omitempty"`
	// PartitionOf names the parent of a partition ("schema.table") and
	// PartitionBound its bound clause ("FOR VALUES FROM (1) TO (10)").
	PartitionOf    string   `json:"partition_of,omitempty"`
	PartitionBound string   `json:"partition_bound,omitempty"`
	Inherits       []string `json:"inherits,omitempty"`
	// InheritedDefaults are PostgreSQL defaults a table gives columns it
	// inherits (ALTER TABLE ONLY child ALTER COLUMN c SET DEFAULT), by
	// column, where they differ from the parent's.
	InheritedDefaults map[string]string `json:"inherited_defaults,omitempty"`
	Unlogged          bool              `json:"unlogged,omitempty"`
	// Options holds engine-specific table options: storage parameters for
	// PostgreSQL (fillfactor=70), ENGINE/CHARSET/COLLATE/ROW_FORMAT for MySQL.
	Options map[string]string `json:"options,omitempty"`
	// OptionOrder is the order Options were written in (PostgreSQL keeps
	// storage parameters in that order); a key missing from it comes
	// after, sorted. Not compared: copies keep it, the model's JSON not.
	OptionOrder []string `json:"-" clone:"keep"`
	// Policies are PostgreSQL row-level security policies, by name.
	Policies []*Policy `json:"policies,omitempty"`
	// Statistics are PostgreSQL extended statistics objects on the table.
	Statistics []*Statistic `json:"statistics,omitempty"`
	// Rules are PostgreSQL rewrite rules on the table.
	Rules []*Rule `json:"rules,omitempty"`
	// Grants are the privileges granted on the table (PostgreSQL).
	Grants []*Grant `json:"grants,omitempty"`
	// Owner is the role owning the table (PostgreSQL), from ALTER … OWNER
	// TO; inspected, empty when it is the inspecting role. A source without
	// one leaves the owner as it is.
	Owner string `json:"owner,omitempty"`
	// RowSecurity is ENABLE ROW LEVEL SECURITY; ForceRowSecurity is FORCE
	// (the owner is subject to the policies too).
	RowSecurity      bool `json:"row_security,omitempty"`
	ForceRowSecurity bool `json:"force_row_security,omitempty"`
	// ReplicaIdentity is "" (DEFAULT), "FULL", "NOTHING" or "INDEX"; for
	// "INDEX", ReplicaIdentityIndex names the index.
	ReplicaIdentity      string `json:"replica_identity,omitempty"`
	ReplicaIdentityIndex string `json:"replica_identity_index,omitempty"`
	// ClusterOn names the index ALTER TABLE … CLUSTER ON marks (PostgreSQL).
	ClusterOn string `json:"cluster_on,omitempty"`
	// ForeignServer is set for a PostgreSQL foreign table: the server it
	// reads through, with the table's options ("name=value", sorted).
	ForeignServer  string   `json:"foreign_server,omitempty"`
	ForeignOptions []string `json:"foreign_options,omitempty"`
	// RenamedFrom is the table's earlier name, from a
	// "-- schemasync:renamed-from" annotation in a schema file (never from
	// a live database). Plans rename instead of dropping and creating; no
	// comparison looks at it, and dumps do not write it.
	RenamedFrom string `json:"renamed_from,omitempty"`
}

// Statistic is a PostgreSQL extended statistics object (CREATE
// STATISTICS) on a table. It has a schema of its own, usually the table's.
type Statistic struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Kinds are what the server builds, of ndistinct, dependencies and mcv
	// in that order: all three when the statement names none, none for a
	// single expression (which only has its own statistics).
	Kinds []string `json:"kinds,omitempty"`
	// Columns are the plain columns, sorted (the server keeps them in the
	// table's order, whatever order the statement gives).
	Columns []string `json:"columns,omitempty"`
	// Exprs are the expressions, in the statement's order.
	Exprs []string `json:"exprs,omitempty"`
	// Target is ALTER STATISTICS … SET STATISTICS; nil for the default.
	Target  *int64 `json:"target,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// Operator is a PostgreSQL operator (CREATE OPERATOR). Its name with its
// argument types identifies it. Function, Restrict and Join name
// functions, Commutator and Negator operators, without a public or
// pg_catalog qualifier.
type Operator struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Left and Right are the argument types as format_type() prints them;
	// Left is "" for a prefix operator.
	Left       string `json:"left,omitempty"`
	Right      string `json:"right"`
	Function   string `json:"function"`
	Commutator string `json:"commutator,omitempty"`
	Negator    string `json:"negator,omitempty"`
	Restrict   string `json:"restrict,omitempty"`
	Join       string `json:"join,omitempty"`
	Hashes     bool   `json:"hashes,omitempty"`
	Merges     bool   `json:"merges,omitempty"`
	Comment    string `json:"comment,omitempty"`
}

// Key identifies an operator in its schema: name(left,right).
func (o *Operator) Key() string { return o.Name + "(" + o.Left + "," + o.Right + ")" }

// TextSearchConfig is a PostgreSQL text search configuration: a parser
// and, per token type, the dictionaries tried in order.
type TextSearchConfig struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Parser and the dictionaries name objects without a public or
	// pg_catalog qualifier.
	Parser string `json:"parser"`
	// Mappings are "token=dict1,dict2", sorted by token type.
	Mappings []string `json:"mappings,omitempty"`
	Comment  string   `json:"comment,omitempty"`
}

// TextSearchDict is a PostgreSQL text search dictionary: a template (no
// public or pg_catalog qualifier) and its options, "name=value" sorted.
type TextSearchDict struct {
	Schema   string   `json:"schema"`
	Name     string   `json:"name"`
	Template string   `json:"template"`
	Options  []string `json:"options,omitempty"`
	Comment  string   `json:"comment,omitempty"`
}

// Rule is a PostgreSQL rewrite rule (CREATE RULE) on a table or view.
type Rule struct {
	Name string `json:"name"`
	// Event is INSERT, UPDATE or DELETE.
	Event string `json:"event"`
	// Definition is the CREATE RULE statement as the engine prints it.
	Definition string `json:"definition"`
	// Enabled is "" (fires in origin and local sessions, the default),
	// "DISABLE", "ENABLE REPLICA" or "ENABLE ALWAYS".
	Enabled string `json:"enabled,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// Policy is a PostgreSQL row-level security policy of a table.
type Policy struct {
	Name string `json:"name"`
	// Restrictive is AS RESTRICTIVE; policies are permissive by default.
	Restrictive bool `json:"restrictive,omitempty"`
	// Command is ALL, SELECT, INSERT, UPDATE or DELETE.
	Command string `json:"command"`
	// Roles are the role names the policy applies to, sorted; "public"
	// stands for PUBLIC (no role can have that name).
	Roles []string `json:"roles"`
	// Using and WithCheck are the expressions, "" when absent.
	Using     string `json:"using,omitempty"`
	WithCheck string `json:"with_check,omitempty"`
	Comment   string `json:"comment,omitempty"`
}

// Column is a table column. Expressions (Default, Generated) are SQL text
// as the engine prints it; engines compare them through their normalizer.
type Column struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	NotNull   bool   `json:"not_null,omitempty"`
	Default   string `json:"default,omitempty"`
	Collation string `json:"collation,omitempty"`
	// Identity is "", "ALWAYS" or "BY DEFAULT".
	Identity        string           `json:"identity,omitempty"`
	IdentityOptions *SequenceOptions `json:"identity_options,omitempty"`
	// Generated is the expression of a generated (stored or virtual) column.
	Generated string `json:"generated,omitempty"`
	// GeneratedStored is false for MySQL VIRTUAL columns.
	GeneratedStored bool   `json:"generated_stored,omitempty"`
	Comment         string `json:"comment,omitempty"`
	// Charset, OnUpdate and AutoIncrement are MySQL column attributes.
	Charset       string `json:"charset,omitempty"`
	OnUpdate      string `json:"on_update,omitempty"`
	AutoIncrement bool   `json:"auto_increment,omitempty"`
	// Options holds other engine-specific attributes (storage, compression, invisible).
	Options map[string]string `json:"options,omitempty"`
	// ForeignOptions are a foreign table column's options ("name=value", sorted).
	ForeignOptions []string `json:"foreign_options,omitempty"`
	// RenamedFrom is the column's earlier name, as Table.RenamedFrom.
	RenamedFrom string `json:"renamed_from,omitempty"`
}

// ConstraintKind names the kinds of table constraints.
type ConstraintKind string

// Constraint kinds.
const (
	PrimaryKey ConstraintKind = "PRIMARY KEY"
	Unique     ConstraintKind = "UNIQUE"
	ForeignKey ConstraintKind = "FOREIGN KEY"
	Check      ConstraintKind = "CHECK"
	Exclude    ConstraintKind = "EXCLUDE"
)

// Constraint is a table constraint.
type Constraint struct {
	Name    string         `json:"name"`
	Kind    ConstraintKind `json:"kind"`
	Columns []string       `json:"columns,omitempty"`
	// Include lists INCLUDE columns of primary key and unique constraints.
	Include []string `json:"include,omitempty"`
	// NullsNotDistinct is UNIQUE NULLS NOT DISTINCT.
	NullsNotDistinct bool `json:"nulls_not_distinct,omitempty"`
	// Foreign keys.
	RefSchema  string   `json:"ref_schema,omitempty"`
	RefTable   string   `json:"ref_table,omitempty"`
	RefColumns []string `json:"ref_columns,omitempty"`
	OnDelete   string   `json:"on_delete,omitempty"` // "" is the engine's default (NO ACTION; MariaDB's RESTRICT)
	OnUpdate   string   `json:"on_update,omitempty"`
	Match      string   `json:"match,omitempty"` // "" means SIMPLE
	// Check is the CHECK expression.
	Check string `json:"check,omitempty"`
	// CheckText is a MySQL check's expression as the files write it (names
	// in their own case, which the server keeps): the plan creates the
	// check with it while it still reads as Check. Not compared; copies
	// keep it, the model's JSON not.
	CheckText string `json:"-" clone:"keep"`
	NoInherit bool   `json:"no_inherit,omitempty"`
	// Definition is the engine's full text for kinds the model does not
	// break down (EXCLUDE), as it would follow "ADD CONSTRAINT name".
	Definition        string `json:"definition,omitempty"`
	Deferrable        bool   `json:"deferrable,omitempty"`
	InitiallyDeferred bool   `json:"initially_deferred,omitempty"`
	NotValid          bool   `json:"not_valid,omitempty"`
	// Enforced is false for MySQL NOT ENFORCED checks.
	NotEnforced bool   `json:"not_enforced,omitempty"`
	Comment     string `json:"comment,omitempty"`
	// Options holds engine-specific attributes, e.g. for Oracle the name
	// the server gave an unnamed constraint ("system_name"), which DDL
	// needs to address it but comparisons ignore.
	Options map[string]string `json:"options,omitempty"`
	// Unattached lists the partitions ("schema.name") without their part
	// of a PostgreSQL partitioned table's primary key or unique constraint
	// added with ALTER TABLE ONLY (see Index.Unattached).
	Unattached []string `json:"unattached,omitempty"`
}

// Index is an index that no constraint owns.
type Index struct {
	Name    string       `json:"name"`
	Unique  bool         `json:"unique,omitempty"`
	Method  string       `json:"method,omitempty"` // btree, gin, gist, hash, ...; FULLTEXT/SPATIAL for MySQL
	Parts   []*IndexPart `json:"parts"`
	Include []string     `json:"include,omitempty"`
	Where   string       `json:"where,omitempty"`
	// NullsNotDistinct is UNIQUE NULLS NOT DISTINCT.
	NullsNotDistinct bool              `json:"nulls_not_distinct,omitempty"`
	Options          map[string]string `json:"options,omitempty"` // storage parameters, MySQL INVISIBLE, ...
	Comment          string            `json:"comment,omitempty"`
	// OptionOrder is the order Options were written in (PostgreSQL keeps
	// storage parameters in that order); a key missing from it comes
	// after, sorted. Not compared: copies keep it, the model's JSON not.
	OptionOrder []string `json:"-" clone:"keep"`
	// Invalid marks a live PostgreSQL index a failed or interrupted
	// CREATE INDEX CONCURRENTLY left INVALID: queries do not use it, so a
	// plan builds it again rather than taking it for the index it names.
	Invalid bool `json:"invalid,omitempty"`
	// Unattached lists the partitions ("schema.name") that have no part of
	// this index of a PostgreSQL partitioned table: it was created ON ONLY
	// the table and those partitions' indexes were not attached to it yet,
	// so the server keeps it invalid. Empty for a complete index.
	Unattached []string `json:"unattached,omitempty"`
	// PartNames are the names of the partitions' parts of this index of a
	// PostgreSQL partitioned table, by partition ("schema.name"): all of
	// them when inspected, those the files name when parsed (an index of
	// the partition the parent's adopted or ALTER INDEX … ATTACH PARTITION
	// attached); a part the files leave to the server may have any name.
	PartNames map[string]string `json:"part_names,omitempty"`
	// Using and Parser are a MySQL index's USING BTREE|HASH and WITH
	// PARSER as the files wrote them: the server keeps both (SHOW CREATE
	// TABLE prints them) but information_schema shows neither apart from
	// the default, so they are given when the plan creates the index and
	// never compared. Copies keep them, the model's JSON not.
	Using  string `json:"-" clone:"keep"`
	Parser string `json:"-" clone:"keep"`
}

// IndexPart is one key of an index: a column or an expression.
type IndexPart struct {
	Column     string `json:"column,omitempty"`
	Expr       string `json:"expr,omitempty"`
	Collation  string `json:"collation,omitempty"`
	OpClass    string `json:"opclass,omitempty"`
	Desc       bool   `json:"desc,omitempty"`
	NullsFirst *bool  `json:"nulls_first,omitempty"` // nil: the default for the direction
	Length     int    `json:"length,omitempty"`      // MySQL prefix length
	// Statistics is PostgreSQL's ALTER INDEX … ALTER COLUMN n SET
	// STATISTICS of an expression key; nil for the default.
	Statistics *int64 `json:"statistics,omitempty"`
}

// Trigger is a trigger on a table. Definition is the full CREATE TRIGGER
// statement text as the engine prints it; When is kept apart for comparison.
type Trigger struct {
	Name       string   `json:"name"`
	Timing     string   `json:"timing"` // BEFORE, AFTER, INSTEAD OF
	Events     []string `json:"events"` // INSERT, UPDATE [OF cols], DELETE, TRUNCATE
	ForEachRow bool     `json:"for_each_row,omitempty"`
	When       string   `json:"when,omitempty"`
	// Function is the called function with arguments (PostgreSQL), e.g. "public.f('x')".
	Function string `json:"function,omitempty"`
	// Body is the trigger body (MySQL).
	Body       string `json:"body,omitempty"`
	Definition string `json:"definition"`
	Comment    string `json:"comment,omitempty"`
	// Options holds the rest: constraint trigger, deferrable, REFERENCING, definer, order.
	Options map[string]string `json:"options,omitempty"`
}

// View is a view or materialized view.
type View struct {
	Schema       string            `json:"schema"`
	Name         string            `json:"name"`
	Materialized bool              `json:"materialized,omitempty"`
	Columns      []string          `json:"columns,omitempty"` // explicit column names, if any
	Query        string            `json:"query"`
	Options      map[string]string `json:"options,omitempty"` // security_barrier, check option, algorithm, ...
	Indexes      []*Index          `json:"indexes,omitempty"` // materialized views only
	Comment      string            `json:"comment,omitempty"`
	// ColumnComments holds comments on view columns.
	ColumnComments map[string]string `json:"column_comments,omitempty"`
	// ColumnDefaults holds the defaults of view columns (ALTER VIEW …
	// ALTER COLUMN … SET DEFAULT), which INSERTs through the view take.
	ColumnDefaults map[string]string `json:"column_defaults,omitempty"`
	// ColumnStatistics holds the statistics targets of a materialized
	// view's columns (ALTER MATERIALIZED VIEW … SET STATISTICS).
	ColumnStatistics map[string]string `json:"column_statistics,omitempty"`
	// ColumnStorage holds a materialized view's columns' SET STORAGE,
	// where not their type's.
	ColumnStorage map[string]string `json:"column_storage,omitempty"`
	// Depends lists the relations ("schema.name") the query reads, when known.
	Depends []string `json:"depends,omitempty"`
	// Triggers are INSTEAD OF (and statement-level) triggers on the view.
	Triggers []*Trigger `json:"triggers,omitempty"`
	// Rules are PostgreSQL rewrite rules on the view (not its _RETURN).
	Rules []*Rule `json:"rules,omitempty"`
	// Grants are the privileges granted on the view (PostgreSQL).
	Grants []*Grant `json:"grants,omitempty"`
	// Owner is the role owning the view (PostgreSQL), from ALTER … OWNER
	// TO; inspected, empty when it is the inspecting role. A source without
	// one leaves the owner as it is.
	Owner string `json:"owner,omitempty"`
	// OptionOrder is the order Options were written in (PostgreSQL keeps
	// storage parameters in that order); a key missing from it comes
	// after, sorted. Not compared: copies keep it, the model's JSON not.
	OptionOrder []string `json:"-" clone:"keep"`
	// Text is the definition as the source file wrote it (MySQL: what
	// follows the view's name, an optional column list, AS and the query),
	// where an engine sends that instead of Query: a server that keeps a
	// view's text as sent would otherwise store the model's reprint. Query
	// is what is compared, and what the model's JSON holds; copies keep Text.
	Text string `json:"-" clone:"keep"`
}

// SequenceOptions are the options of a sequence or identity column. Nil
// pointers mean "the default".
type SequenceOptions struct {
	Type      string `json:"type,omitempty"` // AS type
	Increment *int64 `json:"increment,omitempty"`
	Min       *int64 `json:"min,omitempty"`
	Max       *int64 `json:"max,omitempty"`
	Start     *int64 `json:"start,omitempty"`
	Cache     *int64 `json:"cache,omitempty"`
	Cycle     bool   `json:"cycle,omitempty"`
}

// Sequence is a standalone sequence.
type Sequence struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	SequenceOptions
	// OwnedBy is "table.column" (same schema) or "schema.table.column".
	OwnedBy string `json:"owned_by,omitempty"`
	Comment string `json:"comment,omitempty"`
	// Grants are the privileges granted on the sequence (PostgreSQL).
	Grants []*Grant `json:"grants,omitempty"`
	// Owner is the role owning the sequence (PostgreSQL), from ALTER … OWNER
	// TO; inspected, empty when it is the inspecting role. A source without
	// one leaves the owner as it is.
	Owner string `json:"owner,omitempty"`
}

// Grant is one privilege granted on a relation or one of its columns to a
// role other than the relation's owner (whose own privileges are implicit):
// GRANT SELECT (a) ON t TO r WITH GRANT OPTION is {r, SELECT, a, true}.
// Lists of grants are sorted by grantee, column and privilege.
type Grant struct {
	// Grantee is a role name, or "PUBLIC".
	Grantee string `json:"grantee"`
	// Privilege is upper case: SELECT, INSERT, UPDATE, DELETE, TRUNCATE,
	// REFERENCES, TRIGGER, USAGE.
	Privilege string `json:"privilege"`
	// Column is set for a column privilege.
	Column      string `json:"column,omitempty"`
	GrantOption bool   `json:"grant_option,omitempty"`
}

// TypeKind names kinds of user-defined types.
type TypeKind string

// Type kinds.
const (
	EnumType      TypeKind = "enum"
	DomainType    TypeKind = "domain"
	CompositeType TypeKind = "composite"
	RangeType     TypeKind = "range"
)

// Type is a user-defined type.
type Type struct {
	Schema string   `json:"schema"`
	Name   string   `json:"name"`
	Kind   TypeKind `json:"kind"`
	// Labels of an enum, in order.
	Labels []string `json:"labels,omitempty"`
	// Definition is the full CREATE statement for domains, composites and ranges.
	Definition string `json:"definition,omitempty"`
	Comment    string `json:"comment,omitempty"`
	// Domains are also broken down, so that a change alters the domain in
	// place instead of dropping a type that columns use.
	BaseType  string        `json:"base_type,omitempty"`
	Default   string        `json:"default,omitempty"`
	NotNull   bool          `json:"not_null,omitempty"`
	Collation string        `json:"collation,omitempty"`
	Checks    []*Constraint `json:"checks,omitempty"`
	// Grants are the privileges on a PostgreSQL type of roles other than
	// its owner, PUBLIC's USAGE included (every new type has it).
	Grants []*Grant `json:"grants,omitempty"`
}

// Collation is a PostgreSQL collation.
type Collation struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Provider is "libc" or "icu"; Locale is an ICU collation's locale,
	// LcCollate and LcCtype a libc collation's.
	Provider  string `json:"provider"`
	Locale    string `json:"locale,omitempty"`
	LcCollate string `json:"lc_collate,omitempty"`
	LcCtype   string `json:"lc_ctype,omitempty"`
	// NonDeterministic is deterministic = false.
	NonDeterministic bool   `json:"non_deterministic,omitempty"`
	Comment          string `json:"comment,omitempty"`
}

// Function is a function or procedure.
type Function struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Args is the identity argument list as the engine prints it,
	// e.g. "a integer, b text"; overloads differ by it.
	Args      string `json:"args"`
	Procedure bool   `json:"procedure,omitempty"`
	// Aggregate is a PostgreSQL aggregate: Options hold its clauses
	// (sfunc, stype, finalfunc, initcond, ...) and Definition the CREATE
	// AGGREGATE statement; Body, Returns and Language are empty.
	Aggregate bool   `json:"aggregate,omitempty"`
	Returns   string `json:"returns,omitempty"`
	Language  string `json:"language,omitempty"`
	Body      string `json:"body"`
	// Definition is the full CREATE statement as the engine prints it.
	Definition string            `json:"definition"`
	Options    map[string]string `json:"options,omitempty"` // volatility, strictness, security, ...
	Comment    string            `json:"comment,omitempty"`
	// Grants are the privileges on a PostgreSQL function or procedure of
	// roles other than its owner, PUBLIC's EXECUTE included (every new
	// routine has it): REVOKE … FROM PUBLIC leaves it out.
	Grants []*Grant `json:"grants,omitempty"`
}

// Signature names a function among its overloads: name(args).
func (f *Function) Signature() string { return f.Name + "(" + f.Args + ")" }

// Event is a MySQL scheduled event.
type Event struct {
	Schema     string `json:"schema"`
	Name       string `json:"name"`
	Definition string `json:"definition"`
	Comment    string `json:"comment,omitempty"`
}

// Extension is an installed extension.
type Extension struct {
	Name    string `json:"name"`
	Schema  string `json:"schema,omitempty"`
	Version string `json:"version,omitempty"`
	Comment string `json:"comment,omitempty"`
	// NotRelocatable is read from a live database: the extension cannot
	// move to another schema (ALTER EXTENSION … SET SCHEMA is refused), so
	// a move drops and creates it again. Files do not say it.
	NotRelocatable bool `json:"not_relocatable,omitempty"`
}

// Schema returns the schema of that name, or nil.
func (d *Database) Schema(name string) *Schema {
	for _, s := range d.Schemas {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// EnsureSchema returns the schema of that name, adding it if missing.
func (d *Database) EnsureSchema(name string) *Schema {
	if s := d.Schema(name); s != nil {
		return s
	}
	s := &Schema{Name: name}
	d.Schemas = append(d.Schemas, s)
	return s
}

// Table returns the table of that name, or nil.
func (s *Schema) Table(name string) *Table {
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Column returns the column of that name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// QualifiedName is schema.name for objects that live in a schema.
func QualifiedName(schema, name string) string {
	if schema == "" {
		return name
	}
	return schema + "." + name
}

// Sort puts every list of the model in its canonical order: by name, with
// columns kept in their table order and enum labels in their declared order.
func (d *Database) Sort() {
	sortByName(d.Schemas, func(s *Schema) string { return s.Name })
	sortByName(d.Extensions, func(e *Extension) string { return e.Name })
	sortByName(d.EventTriggers, func(e *EventTrigger) string { return e.Name })
	sortByName(d.Casts, (*Cast).Key)
	sortByName(d.DefaultPrivileges, (*DefaultPrivilege).Key)
	sortByName(d.Publications, func(p *Publication) string { return p.Name })
	sortByName(d.ForeignDataWrappers, func(w *ForeignDataWrapper) string { return w.Name })
	sortByName(d.ForeignServers, func(s *ForeignServer) string { return s.Name })
	sortByName(d.UserMappings, func(m *UserMapping) string { return m.Server + "\x00" + m.User })
	for _, s := range d.Schemas {
		sortByName(s.Tables, func(t *Table) string { return t.Name })
		sortByName(s.Views, func(v *View) string { return v.Name })
		sortByName(s.Sequences, func(q *Sequence) string { return q.Name })
		sortByName(s.Types, func(t *Type) string { return t.Name })
		sortByName(s.Collations, func(c *Collation) string { return c.Name })
		for _, t := range s.Types {
			sortByName(t.Checks, constraintName)
		}
		sortByName(s.Events, func(e *Event) string { return e.Name })
		sortByName(s.Operators, (*Operator).Key)
		sortByName(s.TextSearchConfigs, func(c *TextSearchConfig) string { return c.Name })
		sortByName(s.TextSearchDicts, func(d *TextSearchDict) string { return d.Name })
		if !slices.IsSortedFunc(s.Functions, compareFunctions) {
			sort.Slice(s.Functions, func(i, j int) bool { return compareFunctions(s.Functions[i], s.Functions[j]) < 0 })
		}
		for _, t := range s.Tables {
			sortByName(t.Constraints, constraintName)
			sortByName(t.Indexes, indexName)
			sortByName(t.Triggers, triggerName)
			sortByName(t.Policies, func(p *Policy) string { return p.Name })
			sortByName(t.Statistics, func(x *Statistic) string { return x.Schema + "." + x.Name })
			sortByName(t.Rules, ruleName)
		}
		for _, v := range s.Views {
			sortByName(v.Indexes, indexName)
			sortByName(v.Triggers, triggerName)
			sortByName(v.Rules, ruleName)
		}
	}
}

func constraintName(c *Constraint) string { return c.Name }

func ruleName(r *Rule) string       { return r.Name }
func indexName(x *Index) string     { return x.Name }
func triggerName(t *Trigger) string { return t.Name }

func compareFunctions(a, b *Function) int {
	if a.Name != b.Name {
		return strings.Compare(a.Name, b.Name)
	}
	return strings.Compare(a.Args, b.Args)
}

// sortByName sorts a list by name unless it is in order already, as the
// models inspect and parse give mostly are: the check allocates nothing,
// and the runner sorts every model it fingerprints.
func sortByName[T any](list []T, name func(T) string) {
	if !slices.IsSortedFunc(list, func(a, b T) int { return strings.Compare(name(a), name(b)) }) {
		sort.Slice(list, func(i, j int) bool { return name(list[i]) < name(list[j]) })
	}
}

// SplitQualified splits "schema.name" at its first dot; a name with no dot
// gets the default schema.
func SplitQualified(qualified, defaultSchema string) (schema, name string) {
	if i := strings.IndexByte(qualified, '.'); i >= 0 {
		return qualified[:i], qualified[i+1:]
	}
	return defaultSchema, qualified
}
