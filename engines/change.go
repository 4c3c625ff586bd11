package engines

// Op is what a change does to an object.
type Op string

// Change operations.
const (
	Add     Op = "add"
	Drop    Op = "drop"
	Alter   Op = "alter"
	Replace Op = "replace" // drop and create again: the object cannot be altered in place
	Rename  Op = "rename"  // From's name becomes To's; the object and its data stay
)

// Kind names object kinds in changes, previews and errors.
type Kind string

// Object kinds.
const (
	KindSchema      Kind = "schema"
	KindExtension   Kind = "extension"
	KindTable       Kind = "table"
	KindColumn      Kind = "column"
	KindConstraint  Kind = "constraint"
	KindIndex       Kind = "index"
	KindTrigger     Kind = "trigger"
	KindView        Kind = "view"
	KindMatView     Kind = "materialized view"
	KindSequence    Kind = "sequence"
	KindType        Kind = "type"
	KindFunction    Kind = "function"
	KindProcedure   Kind = "procedure"
	KindAggregate   Kind = "aggregate"
	KindEventTrig   Kind = "event trigger"
	KindPublication Kind = "publication"
	KindFDW         Kind = "foreign-data wrapper"
	KindServer      Kind = "server"
	KindUserMapping Kind = "user mapping"
	KindCollation   Kind = "collation"
	KindEvent       Kind = "event"
	KindPolicy      Kind = "policy"
	KindStatistics  Kind = "statistics"
	KindRule        Kind = "rule"
	KindOperator    Kind = "operator"
	KindTSConfig    Kind = "text search configuration"
	KindTSDict      Kind = "text search dictionary"
	KindCast        Kind = "cast"
	KindPrivilege   Kind = "privilege"
	KindOwner       Kind = "owner"
)

// Change is one typed difference between a target and its source: the
// target object (From) becomes the source object (To). From is nil for Add,
// To is nil for Drop. Fields names what differs for Alter ("type",
// "not_null", "default", ...).
type Change struct {
	Op     Op     `json:"op"`
	Kind   Kind   `json:"kind"`
	Schema string `json:"schema,omitempty"`
	// Table is the owning table (or view) for columns, constraints, indexes and triggers.
	Table  string   `json:"table,omitempty"`
	Name   string   `json:"name"`
	Fields []string `json:"fields,omitempty"`
	From   any      `json:"from,omitempty"`
	To     any      `json:"to,omitempty"`
}

// Object names the changed object for people: "table public.users",
// "column public.users.email".
func (c *Change) Object() string {
	name := c.Name
	if c.Table != "" {
		name = c.Table + "." + name
	}
	return string(c.Kind) + " " + QualifiedName(c.Schema, name)
}

// HazardKind names a risk of running a statement.
type HazardKind string

// Hazard kinds shared by every engine.
const (
	HazardDeletesData    HazardKind = "deletes_data"
	HazardRewritesTable  HazardKind = "rewrites_table"
	HazardBlockingLock   HazardKind = "blocking_lock"
	HazardIndexBuild     HazardKind = "index_build"
	HazardIndexDropped   HazardKind = "index_dropped"
	HazardMayFailOnData  HazardKind = "may_fail_on_data"
	HazardAuthorization  HazardKind = "authorization"
	HazardNotTransaction HazardKind = "not_transactional"
	HazardRecreate       HazardKind = "recreates_object"
)

// Hazard is one risk of a statement, with why.
type Hazard struct {
	Kind    HazardKind `json:"kind"`
	Message string     `json:"message"`
}

// Statement is one DDL statement of a plan.
type Statement struct {
	SQL string `json:"sql"`
	// NoTransaction marks statements that cannot run inside a transaction
	// block (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE on old servers).
	NoTransaction bool     `json:"no_transaction,omitempty"`
	Hazards       []Hazard `json:"hazards,omitempty"`
	// Object names what the statement changes ("table public.users").
	Object string `json:"object,omitempty"`
}

// Plan is the ordered DDL for one target, with the changes it came from.
type Plan struct {
	Engine     string       `json:"engine"`
	Changes    []*Change    `json:"changes"`
	Statements []*Statement `json:"statements"`
	// Notes tell what the plan leaves as it is although the source asks for
	// it, because the target server cannot have it (TiDB with CHECK
	// constraints turned off, FULLTEXT indexes), and why. They do not make
	// a plan non-empty; previews show them.
	Notes []string `json:"notes,omitempty"`
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return p == nil || len(p.Statements) == 0 }
