package postgres

import (
	"context"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// plan computes the changes that turn target into source and their ordered
// DDL. It works on the models only; the target server is not consulted.
// opts.AllowDrops is informational: drops are always planned, with hazards,
// and the runner decides what may run.
func plan(ctx context.Context, target, source *engines.Database, opts engines.PlanOptions) (*engines.Plan, error) {
	return planShared(ctx, nil, target, source, opts)
}

// planShared is plan with the comparison keys shared with other plans
// (keys may be nil).
func planShared(ctx context.Context, keys *keyCache, target, source *engines.Database, opts engines.PlanOptions) (*engines.Plan, error) {
	if target == nil {
		target = &engines.Database{Engine: "postgres"}
	}
	if source == nil {
		source = &engines.Database{Engine: "postgres"}
	}
	role := target.Role // a copy made for renames leaves it out
	target, renamed, err := renameTarget(target, source)
	if err != nil {
		return nil, err
	}
	target, attaches := attachParts(target, source)
	p := &planner{
		ctx:       ctx,
		n:         newSharedNormalizer(keys),
		tgt:       indexModel(target),
		src:       indexModel(source),
		assistURL: opts.TargetURL,
	}
	defer func() { p.assist.close() }()
	changes, err := p.diff()
	if err != nil {
		return nil, err
	}
	p.prepareOnline(opts.Online, changes)
	if err := p.build(changes); err != nil {
		return nil, err
	}
	changes = append(changes, p.emitAttachments(attaches)...)
	changes = append(changes, p.diffGrants(role)...)
	changes = append(changes, p.diffDefaultPrivileges(role)...)
	changes = append(changes, p.diffOwners(role)...)
	p.emitRenames(renamed)
	changes = append(renamed, changes...)
	return &engines.Plan{Engine: "postgres", Changes: changes, Statements: p.sessionSettings(orderStatements(p.stmts))}, nil
}

// ---- model index ----

// modelIndex gives constant-time lookups into one model, so that the diff
// never scans a list for each element of another.
type modelIndex struct {
	db         *engines.Database
	schemas    map[string]*engines.Schema
	exts       map[string]*engines.Extension
	tables     map[string]*engines.Table // by "schema.name", as every map below
	views      map[string]*engines.View
	seqs       map[string]*engines.Sequence
	types      map[string]*engines.Type
	funcs      map[string]*engines.Function // by "schema.name(args)"
	funcNames  map[string]bool              // "schema.name" of every function
	partitions map[string][]string          // parent table -> its partitions
	fkRefs     map[string][]fkRef           // referenced table -> foreign keys pointing at it
	// deps of views, computed on demand: relations and functions each view reads.
	viewDeps map[string][]string
	// tableKeys are the keys of tables, sorted: the planner walks the
	// tables in that order several times per plan.
	tableKeys []string
}

type fkRef struct {
	table *engines.Table
	fk    *engines.Constraint
}

func key(schema, name string) string { return schema + "." + name }

// functionKind is the change kind of a routine.
func functionKind(f *engines.Function) engines.Kind {
	switch {
	case f.Procedure:
		return engines.KindProcedure
	case f.Aggregate:
		return engines.KindAggregate
	}
	return engines.KindFunction
}

func indexModel(db *engines.Database) *modelIndex {
	// Sized first: growing the maps of a big model one table at a time
	// was a good part of the index's cost, paid twice per plan.
	var tables, views, seqs, types, funcs int
	for _, s := range db.Schemas {
		tables, views, seqs, types, funcs = tables+len(s.Tables), views+len(s.Views), seqs+len(s.Sequences), types+len(s.Types), funcs+len(s.Functions)
	}
	m := &modelIndex{
		db: db, schemas: make(map[string]*engines.Schema, len(db.Schemas)), exts: make(map[string]*engines.Extension, len(db.Extensions)),
		tables: make(map[string]*engines.Table, tables), views: make(map[string]*engines.View, views),
		seqs: make(map[string]*engines.Sequence, seqs), types: make(map[string]*engines.Type, types),
		funcs: make(map[string]*engines.Function, funcs), funcNames: make(map[string]bool, funcs),
		partitions: map[string][]string{}, fkRefs: make(map[string][]fkRef, tables), viewDeps: map[string][]string{},
	}
	for _, e := range db.Extensions {
		m.exts[e.Name] = e
	}
	for _, s := range db.Schemas {
		m.schemas[s.Name] = s
		for _, t := range s.Tables {
			m.tables[key(s.Name, t.Name)] = t
		}
		for _, v := range s.Views {
			m.views[key(s.Name, v.Name)] = v
		}
		for _, q := range s.Sequences {
			m.seqs[key(s.Name, q.Name)] = q
		}
		for _, t := range s.Types {
			m.types[key(s.Name, t.Name)] = t
		}
		for _, f := range s.Functions {
			m.funcs[key(s.Name, f.Signature())] = f
			m.funcNames[key(s.Name, f.Name)] = true
		}
	}
	m.tableKeys = slices.Sorted(maps.Keys(m.tables))
	for _, k := range m.tableKeys {
		t := m.tables[k]
		if t.PartitionOf != "" {
			ps, pn := engines.SplitQualified(t.PartitionOf, t.Schema)
			m.partitions[key(ps, pn)] = append(m.partitions[key(ps, pn)], k)
		}
		for _, c := range t.Constraints {
			if c.Kind == engines.ForeignKey {
				rs := c.RefSchema
				if rs == "" {
					rs = t.Schema
				}
				rk := key(rs, c.RefTable)
				m.fkRefs[rk] = append(m.fkRefs[rk], fkRef{t, c})
			}
		}
	}
	return m
}

// depsOf returns what a view reads: View.Depends when set, else the names
// of the model's relations and functions found in its query text. The scan
// may over-approximate (a column named like a table); that costs at most an
// unneeded re-creation, never a wrong order.
func (m *modelIndex) depsOf(k string, v *engines.View) []string {
	if d, ok := m.viewDeps[k]; ok {
		return d
	}
	var deps []string
	if len(v.Depends) > 0 {
		for _, d := range v.Depends {
			s, n := engines.SplitQualified(d, "public")
			deps = append(deps, key(s, n))
		}
		// The server's list names relations only: the functions the query
		// calls come from its text.
		for _, ref := range scanNames(v.Query) {
			if ref.call {
				for _, fk := range m.resolve(ref) {
					if !slices.Contains(deps, fk) {
						deps = append(deps, fk)
					}
				}
			}
		}
	} else {
		deps = m.namesIn(v.Query, k)
	}
	m.viewDeps[k] = deps
	return deps
}

// namesIn finds the relations, types and functions of the model named in
// SQL text, except self.
func (m *modelIndex) namesIn(sql, self string) []string {
	var deps []string
	seen := map[string]bool{self: true}
	for _, ref := range scanNames(sql) {
		for _, k := range m.resolve(ref) {
			if !seen[k] {
				seen[k] = true
				deps = append(deps, k)
			}
		}
	}
	return deps
}

// resolve maps a scanned name chain to model object keys: a.b is
// schema.object (or table.column, which simply finds nothing); a bare
// name is looked up in public, the schema unqualified names resolve to.
func (m *modelIndex) resolve(ref nameRef) []string {
	var cands []string
	n := len(ref.parts)
	if n >= 2 {
		cands = append(cands, key(ref.parts[n-2], ref.parts[n-1]))
	}
	if n == 1 {
		cands = append(cands, key("public", ref.parts[0]))
	}
	var out []string
	for _, k := range cands {
		if ref.call {
			if m.funcNames[k] {
				out = append(out, k)
			}
			continue
		}
		if m.tables[k] != nil || m.views[k] != nil || m.types[k] != nil || m.seqs[k] != nil {
			out = append(out, k)
		}
	}
	return out
}

// inheritedDefault is the default a table's column gets from its parents
// in the model (see inheritedDefaultIn).
func (m *modelIndex) inheritedDefault(t *engines.Table, col string) string {
	return inheritedDefaultIn(t, col, func(k string) *engines.Table { return m.tables[k] })
}

// inheritedDefaultIn is the default a table's column gets from its parents:
// the nearest parent's own (a local column's default, or its own default of
// an inherited column). table finds a table by "schema.name".
func inheritedDefaultIn(t *engines.Table, col string, table func(string) *engines.Table) string {
	for depth := 0; depth < 32 && t != nil; depth++ {
		var parent *engines.Table
		if t.PartitionOf != "" {
			parent = table(partitionParentKey(t))
		}
		for _, in := range t.Inherits {
			if parent != nil {
				break
			}
			s, n := engines.SplitQualified(in, t.Schema)
			if pt := table(key(s, n)); pt != nil && (pt.Column(col) != nil || pt.PartitionOf != "" || len(pt.Inherits) > 0) {
				parent = pt
			}
		}
		if parent == nil {
			return ""
		}
		if c := parent.Column(col); c != nil {
			return c.Default
		}
		if d, ok := parent.InheritedDefaults[col]; ok {
			return d
		}
		t = parent
	}
	return ""
}

// nameRef is an identifier chain found in SQL text; call is set when an
// opening parenthesis follows it.
type nameRef struct {
	parts []string
	call  bool
}

// scanNames tokenizes SQL text just enough to find identifier chains
// (a, a.b, "A"."b"), skipping string literals and comments.
func scanNames(sql string) []nameRef {
	var refs []nameRef
	var cur []string
	expectPart := false // just saw a dot after an identifier
	flush := func(call bool) {
		if len(cur) > 0 {
			refs = append(refs, nameRef{parts: cur, call: call})
		}
		cur = nil
		expectPart = false
	}
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '\'':
			flush(false)
			i++
			for i < len(sql) {
				if sql[i] == '\'' {
					if i+1 < len(sql) && sql[i+1] == '\'' {
						i += 2
						continue
					}
					break
				}
				i++
			}
			i++
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			flush(false)
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '"':
			j := i + 1
			var b strings.Builder
			for j < len(sql) {
				if sql[j] == '"' {
					if j+1 < len(sql) && sql[j+1] == '"' {
						b.WriteByte('"')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(sql[j])
				j++
			}
			if !expectPart {
				flush(false)
			}
			cur = append(cur, b.String())
			expectPart = false
			i = j + 1
		case isIdentStart(c):
			j := i
			for j < len(sql) && isIdentPart(sql[j]) {
				j++
			}
			if !expectPart {
				flush(false)
			}
			cur = append(cur, strings.ToLower(sql[i:j]))
			expectPart = false
			i = j
		case c == '.' && len(cur) > 0 && !expectPart:
			expectPart = true
			i++
		case c == '(':
			flush(true)
			i++
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			// A chain may continue after spaces only with a dot or a
			// parenthesis; keep it open.
			i++
		default:
			flush(false)
			i++
		}
	}
	flush(false)
	return refs
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$' }

// ---- diff ----

// planner holds one plan's state: the two indexed models, the normalizer
// (which caches), and the statements generated so far.
type planner struct {
	ctx      context.Context
	n        *normalizer
	tgt, src *modelIndex
	stmts    []*planStmt
	// serversReplaced are the foreign servers dropped and created again:
	// their foreign tables are too.
	serversReplaced map[string]bool
	// rowDomains are the domains ("schema.name") over a table's row type,
	// created among the tables (emitType).
	rowDomains map[string]bool

	// Filled by build before statements are generated.
	tblAdded, tblDropped, tblReplaced map[string]bool
	// inheritedDefaultsSet are the "schema.table.column" whose own default
	// of an inherited column the plan sets already.
	inheritedDefaultsSet map[string]bool
	colsRetyped          map[string]bool // tables whose column types change in place
	viewsRecreate        map[string]bool // views dropped and created again (any reason)
	viewsDropped         map[string]bool // views the plan drops (to create again or not)
	funcsReplaced        map[string]bool // "schema.name" of functions dropped and created again
	funcsRecreated       map[string]bool // "schema.signature" of those functions
	typesRecreated       map[string]bool // "schema.name" of types dropped and created again
	fkDropped, fkAdded   map[string]bool // "schema.table.constraint"
	droppedCols          map[string]bool // "schema.table.column"
	funcStmts            []*planStmt     // function creations: phase decided last
	pendingDeps          map[string][]string

	// assistURL is the live target, asked how it prints source expressions
	// that the normalizer could not match (see assist.go); assist is
	// connected on the first such mismatch only.
	assistURL string
	assist    *serverAssist

	// online is what the online strategies know of the plan (online.go).
	online onlineState
}

// serverAssist returns the connection to the target for expression checks,
// or nil when there is none or it cannot be had.
func (p *planner) serverAssist() *serverAssist {
	if p.assist == nil && p.assistURL != "" {
		a, err := newServerAssist(p.ctx, p.assistURL)
		p.assistURL = "" // one try
		if err != nil {
			return nil
		}
		p.assist = a
	}
	return p.assist
}

// tableExprEqual compares a target expression with a source one in the
// context of a table, asking the target server to print the source
// expression when the normalizer alone finds them different.
func (p *planner) tableExprEqual(tbl *engines.Table, kind, column, tgt, src string) bool {
	if p.exprEqual(tgt, src) {
		return true
	}
	if tgt == "" || src == "" || tbl == nil {
		return false
	}
	if onlyIntegersDiffer(p.n.expr(tgt), p.n.expr(src)) {
		return false // the server would print them apart too: no need to ask
	}
	a := p.serverAssist()
	if a == nil {
		return false
	}
	printed, err := a.tableExpr(p.ctx, tbl.Schema, tbl.Name, kind, column, src)
	if err != nil {
		return false
	}
	if kind == "check" {
		printed = checkBody(printed)
	}
	return p.exprEqual(tgt, printed)
}

// sqlBodyEqual compares SQL-standard bodies (RETURN, BEGIN ATOMIC) the
// canonical text finds different, asking the target server how it keeps
// the source's: it casts and folds constants as it resolves the calls.
func (p *planner) sqlBodyEqual(t, s *engines.Function) bool {
	sqlBody := func(f *engines.Function) bool {
		b := strings.TrimSpace(f.Body)
		return strings.HasPrefix(b, "RETURN ") || strings.HasPrefix(b, "BEGIN ATOMIC")
	}
	if !sqlBody(t) || !sqlBody(s) || t.Procedure != s.Procedure || t.Returns != s.Returns {
		return false
	}
	a := p.serverAssist()
	if a == nil {
		return false
	}
	printed, err := a.functionBody(p.ctx, s)
	if err != nil {
		return false
	}
	return strings.TrimSpace(printed) == strings.TrimSpace(t.Body)
}

// viewQueryEqual compares view queries, asking the target server to print
// the source query when the normalizer alone finds them different.
func (p *planner) viewQueryEqual(tgt, src string, columns []string) bool {
	if p.n.query(tgt) == p.n.query(src) {
		return true
	}
	a := p.serverAssist()
	if a == nil {
		return false
	}
	printed, err := a.viewQuery(p.ctx, columns, src)
	if err != nil {
		return false
	}
	return p.n.query(tgt) == p.n.query(printed)
}

// onlyIntegersDiffer reports whether two expressions are the same tree
// but for integer constants, at least one of which differs: then they are
// different whatever the context (no implicit cast makes two integers
// equal), and the server need not be asked. Any other difference, a
// string or decimal constant ('t' and 'true' can both be a boolean's true),
// leaves the question open.
func onlyIntegersDiffer(a, b string) bool {
	fa, errA := pg_query.Fingerprint("SELECT " + a)
	fb, errB := pg_query.Fingerprint("SELECT " + b)
	if errA != nil || errB != nil || fa != fb {
		return false
	}
	ca, okA := exprConsts(a)
	cb, okB := exprConsts(b)
	if !okA || !okB || len(ca) != len(cb) {
		return false
	}
	differ := false
	for i := range ca {
		if constKey(ca[i]) == constKey(cb[i]) {
			continue
		}
		if ca[i].GetIval() == nil || cb[i].GetIval() == nil {
			return false
		}
		differ = true
	}
	return differ
}

// constKey is a constant's kind and value, without its position.
func constKey(c *pg_query.A_Const) string {
	switch {
	case c.GetIsnull():
		return "null"
	case c.GetIval() != nil:
		return "i:" + strconv.Itoa(int(c.GetIval().GetIval()))
	case c.GetFval() != nil:
		return "f:" + c.GetFval().GetFval()
	case c.GetSval() != nil:
		return "s:" + c.GetSval().GetSval()
	case c.GetBoolval() != nil:
		return "b:" + strconv.FormatBool(c.GetBoolval().GetBoolval())
	case c.GetBsval() != nil:
		return "x:" + c.GetBsval().GetBsval()
	}
	return "?"
}

// exprConsts are the constants of an expression in tree order.
func exprConsts(expr string) ([]*pg_query.A_Const, bool) {
	tree, err := pg_query.Parse("SELECT " + expr)
	if err != nil || len(tree.Stmts) != 1 {
		return nil, false
	}
	var out []*pg_query.A_Const
	walkTree(tree.Stmts[0].Stmt, func(m any) bool {
		if c, ok := m.(*pg_query.A_Const); ok {
			out = append(out, c)
		}
		return true
	})
	return out, true
}

// checkBody takes the expression out of pg_get_constraintdef's
// "CHECK ((expr)) NOT VALID".
func checkBody(def string) string {
	def = strings.TrimSpace(def)
	def = strings.TrimSuffix(def, " NOT VALID")
	def = strings.TrimSuffix(def, " NO INHERIT")
	if strings.HasPrefix(def, "CHECK (") && strings.HasSuffix(def, ")") {
		return def[len("CHECK (") : len(def)-1]
	}
	return def
}

// exprEqual compares two expressions through the normalizer.
func (p *planner) exprEqual(a, b string) bool {
	if a == b {
		return true
	}
	if a == "" || b == "" {
		return false
	}
	return p.n.expr(a) == p.n.expr(b)
}

func squash(s string) string { return strings.Join(strings.Fields(trimStatement(s)), " ") }

// unionSorted is the sorted union of two sorted lists of distinct strings.
func unionSorted(a, b []string) []string {
	out := make([]string, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

func unionKeys[V any](a, b map[string]V) []string {
	set := make(map[string]bool, len(a)+len(b))
	for k := range a {
		set[k] = true
	}
	for k := range b {
		set[k] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// named returns the element of a model list with that name, or nil.
func named[T any](list []T, name func(T) string, want string) T {
	for _, x := range list {
		if name(x) == want {
			return x
		}
	}
	var zero T
	return zero
}

// eachByName calls fn, in name order, with every name of either list and
// the element of each list that has it (inT, inS false when it has none). The
// lists of a model are sorted by name and are walked side by side; lists
// that are not (or hold a name twice: the last one counts) go through maps
// as unionKeys does. Comparing every table of a fleet's targets, the maps
// were much of a plan's allocations.
func eachByName[T any](tl, sl []T, name func(T) string, fn func(n string, t T, inT bool, s T, inS bool)) {
	ascending := func(l []T) bool {
		for i := 1; i < len(l); i++ {
			if name(l[i-1]) >= name(l[i]) {
				return false
			}
		}
		return true
	}
	var zero T
	if !ascending(tl) || !ascending(sl) {
		tm := make(map[string]T, len(tl))
		for _, x := range tl {
			tm[name(x)] = x
		}
		sm := make(map[string]T, len(sl))
		for _, x := range sl {
			sm[name(x)] = x
		}
		for _, n := range unionKeys(tm, sm) {
			t, inT := tm[n]
			s, inS := sm[n]
			fn(n, t, inT, s, inS)
		}
		return
	}
	i, j := 0, 0
	for i < len(tl) || j < len(sl) {
		switch {
		case j == len(sl) || (i < len(tl) && name(tl[i]) < name(sl[j])):
			fn(name(tl[i]), tl[i], true, zero, false)
			i++
		case i == len(tl) || name(sl[j]) < name(tl[i]):
			fn(name(sl[j]), zero, false, sl[j], true)
			j++
		default:
			fn(name(tl[i]), tl[i], true, sl[j], true)
			i++
			j++
		}
	}
}

// diff lists the changes, every kind of object in a fixed order and each
// kind sorted by name.
func (p *planner) diff() ([]*engines.Change, error) {
	var out []*engines.Change
	emit := func(c *engines.Change) { out = append(out, c) }

	for _, name := range unionKeys(p.tgt.schemas, p.src.schemas) {
		t, s := p.tgt.schemas[name], p.src.schemas[name]
		switch {
		case name == "public":
			if t != nil && s != nil && t.Comment != s.Comment {
				emit(&engines.Change{Op: engines.Alter, Kind: engines.KindSchema, Name: name, Fields: []string{"comment"}, From: t, To: s})
			}
		case t == nil:
			emit(&engines.Change{Op: engines.Add, Kind: engines.KindSchema, Name: name, To: s})
		case s == nil:
			emit(&engines.Change{Op: engines.Drop, Kind: engines.KindSchema, Name: name, From: t})
		case t.Comment != s.Comment:
			emit(&engines.Change{Op: engines.Alter, Kind: engines.KindSchema, Name: name, Fields: []string{"comment"}, From: t, To: s})
		}
	}

	for _, name := range unionKeys(p.tgt.exts, p.src.exts) {
		t, s := p.tgt.exts[name], p.src.exts[name]
		switch {
		case t == nil:
			emit(&engines.Change{Op: engines.Add, Kind: engines.KindExtension, Name: name, To: s})
		case s == nil:
			emit(&engines.Change{Op: engines.Drop, Kind: engines.KindExtension, Name: name, From: t})
		default:
			// Schema and version are compared only when the source pins them.
			var f []string
			if s.Schema != "" && s.Schema != t.Schema {
				f = append(f, "schema")
			}
			if s.Version != "" && s.Version != t.Version {
				f = append(f, "version")
			}
			// So is the comment: an extension brings its own, which a file
			// creating the extension does not repeat.
			if s.Comment != "" && s.Comment != t.Comment {
				f = append(f, "comment")
			}
			if len(f) > 0 {
				emit(&engines.Change{Op: engines.Alter, Kind: engines.KindExtension, Name: name, Fields: f, From: t, To: s})
			}
		}
	}

	diffEventTriggers(p.tgt.db, p.src.db, emit)
	diffCasts(p.tgt.db, p.src.db, emit)
	p.diffPublications(emit)
	// After the extensions, which bring wrappers (postgres_fdw).
	p.diffForeign(emit)
	p.diffCollations(emit)
	p.diffOperators(emit)
	p.diffTSDicts(emit)
	p.diffTSConfigs(emit)

	for _, k := range unionKeys(p.tgt.types, p.src.types) {
		t, s := p.tgt.types[k], p.src.types[k]
		switch {
		case t == nil:
			emit(&engines.Change{Op: engines.Add, Kind: engines.KindType, Schema: s.Schema, Name: s.Name, To: s})
		case s == nil:
			emit(&engines.Change{Op: engines.Drop, Kind: engines.KindType, Schema: t.Schema, Name: t.Name, From: t})
		default:
			op, f := engines.Alter, []string(nil)
			switch {
			case t.Kind != s.Kind:
				op, f = engines.Replace, append(f, "kind")
			case s.Kind == engines.EnumType && !slices.Equal(t.Labels, s.Labels):
				f = append(f, "labels")
				if !isSubsequence(t.Labels, s.Labels) {
					op = engines.Replace
				}
			case s.Kind == engines.DomainType:
				op, f = p.domainFields(t, s)
			case s.Kind == engines.CompositeType && t.Kind == engines.CompositeType:
				// Attribute by attribute: types as format_type() prints them
				// (a file's timestamptz is timestamp with time zone).
				if squash(t.Definition) != squash(s.Definition) && !compositeSame(t, s) {
					if compositeAlterSQL(t, s) != "" {
						f = append(f, "attributes")
					} else {
						op, f = engines.Replace, append(f, "definition")
					}
				}
			case s.Kind != engines.EnumType && squash(t.Definition) != squash(s.Definition):
				op, f = engines.Replace, append(f, "definition")
			}
			if t.Comment != s.Comment {
				f = append(f, "comment")
			}
			if len(f) > 0 {
				emit(&engines.Change{Op: op, Kind: engines.KindType, Schema: s.Schema, Name: s.Name, Fields: f, From: t, To: s})
			}
		}
	}

	for _, k := range unionKeys(p.tgt.seqs, p.src.seqs) {
		t, s := p.tgt.seqs[k], p.src.seqs[k]
		switch {
		case t == nil:
			emit(&engines.Change{Op: engines.Add, Kind: engines.KindSequence, Schema: s.Schema, Name: s.Name, To: s})
		case s == nil:
			emit(&engines.Change{Op: engines.Drop, Kind: engines.KindSequence, Schema: t.Schema, Name: t.Name, From: t})
		default:
			var f []string
			if !seqOptionsEqual(&t.SequenceOptions, &s.SequenceOptions) {
				f = append(f, "options")
			}
			if t.OwnedBy != s.OwnedBy {
				f = append(f, "owned_by")
			}
			if t.Comment != s.Comment {
				f = append(f, "comment")
			}
			if len(f) > 0 {
				emit(&engines.Change{Op: engines.Alter, Kind: engines.KindSequence, Schema: s.Schema, Name: s.Name, Fields: f, From: t, To: s})
			}
		}
	}

	for _, k := range unionKeys(p.tgt.funcs, p.src.funcs) {
		t, s := p.tgt.funcs[k], p.src.funcs[k]
		switch {
		case t == nil:
			emit(&engines.Change{Op: engines.Add, Kind: functionKind(s), Schema: s.Schema, Name: s.Signature(), To: s})
		case s == nil:
			emit(&engines.Change{Op: engines.Drop, Kind: functionKind(t), Schema: t.Schema, Name: t.Signature(), From: t})
		default:
			op, f := engines.Alter, []string(nil)
			if t.Procedure != s.Procedure || t.Aggregate != s.Aggregate || t.Returns != s.Returns || aggregateResultChanges(t, s) {
				op, f = engines.Replace, append(f, "returns")
			}
			if t.Definition != "" && s.Definition != "" && !paramsEqual(definitionParams(t.Definition), definitionParams(s.Definition)) {
				op, f = engines.Replace, append(f, "params")
			}
			if t.Language != s.Language {
				f = append(f, "language")
			}
			if strings.TrimSpace(t.Body) != strings.TrimSpace(s.Body) && !p.sqlBodyEqual(t, s) ||
				(t.Body == "" && s.Body == "" && squash(t.Definition) != squash(s.Definition)) {
				f = append(f, "body")
			}
			if !maps.Equal(t.Options, s.Options) {
				f = append(f, "options")
			}
			if t.Comment != s.Comment {
				f = append(f, "comment")
			}
			if len(f) > 0 {
				emit(&engines.Change{Op: op, Kind: functionKind(s), Schema: s.Schema, Name: s.Signature(), Fields: f, From: t, To: s})
			}
		}
	}

	// Tables. A changed partition key recreates the table, and with it
	// every partition (they are dropped with their parent).
	replaced := map[string]bool{}
	var queue []string
	for k, s := range p.src.tables {
		// So does a foreign table's server (it holds no rows of its own),
		// or a table becoming or ceasing to be foreign.
		if t := p.tgt.tables[k]; t != nil && (t.PartitionBy != s.PartitionBy || t.ForeignServer != s.ForeignServer ||
			(s.ForeignServer != "" && p.serversReplaced[s.ForeignServer])) {
			replaced[k] = true
			queue = append(queue, k)
		}
	}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		for _, c := range p.tgt.partitions[k] {
			if !replaced[c] && p.src.tables[c] != nil {
				replaced[c] = true
				queue = append(queue, c)
			}
		}
	}
	for i, k := range unionSorted(p.tgt.tableKeys, p.src.tableKeys) {
		if i%1024 == 0 {
			if err := p.ctx.Err(); err != nil {
				return nil, err
			}
		}
		t, s := p.tgt.tables[k], p.src.tables[k]
		switch {
		case t == nil:
			emit(&engines.Change{Op: engines.Add, Kind: engines.KindTable, Schema: s.Schema, Name: s.Name, To: s})
		case s == nil:
			emit(&engines.Change{Op: engines.Drop, Kind: engines.KindTable, Schema: t.Schema, Name: t.Name, From: t})
		case replaced[k]:
			f := []string{"partition_by"}
			switch {
			case t.ForeignServer != s.ForeignServer:
				f = []string{"foreign_server"}
			case t.PartitionBy == s.PartitionBy:
				f = []string{"parent"}
			}
			emit(&engines.Change{Op: engines.Replace, Kind: engines.KindTable, Schema: s.Schema, Name: s.Name, Fields: f, From: t, To: s})
		default:
			out = p.diffTable(out, t, s)
		}
	}

	for _, k := range unionKeys(p.tgt.views, p.src.views) {
		t, s := p.tgt.views[k], p.src.views[k]
		kind := func(v *engines.View) engines.Kind {
			if v.Materialized {
				return engines.KindMatView
			}
			return engines.KindView
		}
		switch {
		case t == nil:
			emit(&engines.Change{Op: engines.Add, Kind: kind(s), Schema: s.Schema, Name: s.Name, To: s})
		case s == nil:
			emit(&engines.Change{Op: engines.Drop, Kind: kind(t), Schema: t.Schema, Name: t.Name, From: t})
		default:
			op, f := engines.Alter, []string(nil)
			if t.Materialized != s.Materialized {
				op, f = engines.Replace, append(f, "materialized")
			}
			if !p.viewQueryEqual(t.Query, s.Query, s.Columns) {
				f = append(f, "query")
			}
			if !maps.Equal(t.Options, s.Options) {
				f = append(f, "options")
			}
			if len(t.Columns) > 0 && len(s.Columns) > 0 && !slices.Equal(t.Columns, s.Columns) {
				f = append(f, "columns")
			}
			if len(f) > 0 && op == engines.Alter && (s.Materialized || !p.canReplaceView(t, s)) {
				op = engines.Replace
			}
			if t.Comment != s.Comment {
				f = append(f, "comment")
			}
			if !maps.Equal(t.ColumnComments, s.ColumnComments) {
				f = append(f, "column_comments")
			}
			if !maps.EqualFunc(t.ColumnDefaults, s.ColumnDefaults, p.exprEqual) {
				f = append(f, "column_defaults")
			}
			if !maps.Equal(t.ColumnStatistics, s.ColumnStatistics) || !maps.Equal(t.ColumnStorage, s.ColumnStorage) {
				f = append(f, "column_statistics")
				for col := range t.ColumnStorage {
					if s.ColumnStorage[col] == "" {
						// Back to the type's storage, which PostgreSQL 15
						// cannot name (SET STORAGE DEFAULT is 16's): made again.
						op = engines.Replace
					}
				}
			}
			if len(f) > 0 {
				emit(&engines.Change{Op: op, Kind: kind(s), Schema: s.Schema, Name: s.Name, Fields: f, From: t, To: s})
			}
			if op != engines.Replace && s.Materialized {
				out = p.diffIndexes(out, s.Schema, s.Name, t.Indexes, s.Indexes)
			}
			out = p.diffViewTriggers(out, t, s)
			if !s.Materialized && !t.Materialized {
				out = p.diffRules(out, s.Schema, s.Name, t.Rules, s.Rules)
			}
		}
	}
	return out, nil
}

// diffViewTriggers appends the trigger changes of a view present on both
// sides. Triggers of views that are created, or dropped and created again,
// are created by emitViewTriggers.
func (p *planner) diffViewTriggers(out []*engines.Change, t, s *engines.View) []*engines.Change {
	find := func(list []*engines.Trigger, name string) *engines.Trigger {
		for _, x := range list {
			if x.Name == name {
				return x
			}
		}
		return nil
	}
	for _, tt := range t.Triggers {
		if find(s.Triggers, tt.Name) == nil {
			out = append(out, &engines.Change{Op: engines.Drop, Kind: engines.KindTrigger, Schema: s.Schema, Table: s.Name, Name: tt.Name, From: tt})
		}
	}
	for _, st := range s.Triggers {
		ch := &engines.Change{Kind: engines.KindTrigger, Schema: s.Schema, Table: s.Name, Name: st.Name, To: st}
		tt := find(t.Triggers, st.Name)
		switch {
		case tt == nil:
			ch.Op = engines.Add
		case !p.triggerEqual(tt, st):
			ch.Op, ch.From, ch.Fields = engines.Replace, tt, []string{"definition"}
		case tt.Comment != st.Comment:
			ch.Op, ch.From, ch.Fields = engines.Alter, tt, []string{"comment"}
		default:
			continue
		}
		out = append(out, ch)
	}
	return out
}

// emitViewTriggers creates the triggers of views that are created, or
// dropped and created again (dropping a view drops its triggers), except
// those a trigger change already creates.
func (p *planner) emitViewTriggers(changes []*engines.Change, viewsAdded map[string]bool) {
	created := map[string]bool{}
	for _, c := range changes {
		if c.Kind == engines.KindTrigger && (c.Op == engines.Add || c.Op == engines.Replace) {
			created[key(c.Schema, c.Table)+"."+c.Name] = true
		}
	}
	keys := slices.Sorted(maps.Keys(viewsAdded))
	for k := range p.viewsRecreate {
		if !viewsAdded[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := p.src.views[k]
		if v == nil {
			continue
		}
		for _, tr := range v.Triggers {
			if created[k+"."+tr.Name] {
				continue
			}
			obj := "trigger " + k + "." + tr.Name
			p.addTrigger(obj, v.Schema, v.Name, tr)
			if tr.Comment != "" {
				p.comment(obj, triggerObject(v.Schema, v.Name, tr.Name), tr.Comment)
			}
		}
		// Rule changes of these views plan nothing (emitRule).
		p.newRules(v.Schema, v.Name, v.Rules)
	}
}

// notValid returns a copy of c marked NOT VALID.
func notValid(c *engines.Constraint) *engines.Constraint {
	cp := *c
	cp.NotValid = true
	return &cp
}

// isSubsequence reports whether every element of a appears in b in the same
// relative order: then an enum can reach b by adding labels.
func isSubsequence(a, b []string) bool {
	i := 0
	for _, x := range b {
		if i < len(a) && a[i] == x {
			i++
		}
	}
	return i == len(a)
}

// diffTable appends the changes of a table present on both sides.
func (p *planner) diffTable(out []*engines.Change, t, s *engines.Table) []*engines.Change {
	if t.PartitionOf != "" && s.PartitionOf == "" {
		// A partition detached keeps the checks it has from its parents.
		cp := *t
		cp.Constraints = slices.Clone(t.Constraints)
		for up := p.tgt.tables[partitionParentKey(t)]; up != nil; {
			for _, k := range up.Constraints {
				if k.Kind == engines.Check && !k.NoInherit && !slices.ContainsFunc(cp.Constraints, func(x *engines.Constraint) bool { return x.Name == k.Name }) {
					cp.Constraints = append(cp.Constraints, k)
				}
			}
			if up.PartitionOf == "" {
				break
			}
			up = p.tgt.tables[partitionParentKey(up)]
		}
		t = &cp
	}
	var f []string
	if !maps.Equal(t.Options, s.Options) {
		f = append(f, "options")
	}
	if t.Unlogged != s.Unlogged {
		f = append(f, "unlogged")
	}
	if !p.inheritedDefaultsEqual(t.InheritedDefaults, s.InheritedDefaults) {
		f = append(f, "inherited_defaults")
	}
	if !slices.Equal(t.ForeignOptions, s.ForeignOptions) {
		f = append(f, "foreign_options")
	}
	if s.ForeignServer != "" {
		for _, sc := range s.Columns {
			if tc := t.Column(sc.Name); tc != nil && !slices.Equal(tc.ForeignOptions, sc.ForeignOptions) {
				out = append(out, &engines.Change{Op: engines.Alter, Kind: engines.KindColumn, Schema: s.Schema, Table: s.Name,
					Name: sc.Name, Fields: []string{"foreign_options"}, From: tc, To: sc})
			}
		}
	}
	if t.PartitionOf != s.PartitionOf || !p.partitionBoundEqual(t, s) {
		f = append(f, "partition_of")
	}
	if !slices.Equal(t.Inherits, s.Inherits) {
		f = append(f, "inherits")
	}
	if t.Comment != s.Comment {
		f = append(f, "comment")
	}
	f = append(f, p.tableSecurityFields(t, s)...)
	if len(f) > 0 {
		out = append(out, &engines.Change{Op: engines.Alter, Kind: engines.KindTable, Schema: s.Schema, Name: s.Name, Fields: f, From: t, To: s})
	}

	// A partition's columns follow its parent's: changes made to the parent
	// reach the partitions, so they are not diffed again here, but for the
	// NOT NULL a partition adds of its own (PARTITION OF p (c NOT NULL)).
	if s.PartitionOf != "" && s.PartitionOf == t.PartitionOf {
		own := func(tb *engines.Table) map[string]bool {
			m := map[string]bool{}
			for _, c := range tb.Columns {
				if c.NotNull && c.Type == "" {
					m[c.Name] = true
				}
			}
			return m
		}
		tn, sn := own(t), own(s)
		for _, col := range unionKeys(tn, sn) {
			if tn[col] != sn[col] {
				out = append(out, &engines.Change{Op: engines.Alter, Kind: engines.KindColumn, Schema: s.Schema, Table: s.Name, Name: col,
					Fields: []string{"partition not null"}, From: &engines.Column{Name: col, NotNull: tn[col]}, To: &engines.Column{Name: col, NotNull: sn[col]}})
			}
		}
	}
	if !(s.PartitionOf != "" && s.PartitionOf == t.PartitionOf) {
		// A table that becomes or stops being a partition is compared with
		// the columns it has as a partition: its parent's.
		if s.PartitionOf != "" {
			s = withColumns(s, partitionColumns(p.src, s))
		}
		if t.PartitionOf != "" {
			t = withColumns(t, partitionColumns(p.tgt, t))
		}
		colChange := func(op engines.Op, name string, fields []string, from, to *engines.Column) *engines.Change {
			c := &engines.Change{Op: op, Kind: engines.KindColumn, Schema: s.Schema, Table: s.Name, Name: name, Fields: fields}
			if from != nil {
				c.From = from
			}
			if to != nil {
				c.To = to
			}
			return c
		}
		tcols, scols := newColumnsByName(t.Columns), newColumnsByName(s.Columns)
		// Alters first, then adds, then drops: the order statements keep.
		// Columns a child inherits change with its parent's.
		for _, sc := range s.Columns {
			tc := tcols.get(sc.Name)
			if tc == nil || (len(s.Inherits) > 0 && inheritedIn(p.src, s, sc.Name) && inheritedIn(p.tgt, t, sc.Name)) {
				continue
			}
			if sc.Generated != "" && !p.exprEqual(tc.Generated, sc.Generated) {
				continue // replaced below, with the adds
			}
			if fields := p.columnFields(t, tc, sc); len(fields) > 0 {
				out = append(out, colChange(engines.Alter, sc.Name, fields, tc, sc))
			}
		}
		for _, sc := range s.Columns {
			tc := tcols.get(sc.Name)
			switch {
			case tc == nil && len(s.Inherits) > 0 && inheritedIn(p.src, s, sc.Name):
				// Added through the parent.
			case tc == nil:
				out = append(out, colChange(engines.Add, sc.Name, nil, nil, sc))
			case sc.Generated != "" && !p.exprEqual(tc.Generated, sc.Generated):
				out = append(out, colChange(engines.Replace, sc.Name, []string{"generated"}, tc, sc))
			}
		}
		for _, tc := range t.Columns {
			if scols.get(tc.Name) == nil && !(len(t.Inherits) > 0 && inheritedIn(p.tgt, t, tc.Name)) {
				out = append(out, colChange(engines.Drop, tc.Name, nil, tc, nil))
			}
		}
	}

	// Constraints: any change drops and adds; no rename detection.
	eachByName(t.Constraints, s.Constraints, constraintName, func(name string, tc *engines.Constraint, inT bool, sc *engines.Constraint, inS bool) {
		ch := engines.Change{Kind: engines.KindConstraint, Schema: s.Schema, Table: s.Name, Name: name}
		switch {
		case !inT:
			ch.Op, ch.To = engines.Add, sc
		case !inS:
			ch.Op, ch.From = engines.Drop, tc
		default:
			ch.From, ch.To = tc, sc
			switch {
			case p.constraintEqual(t, tc, sc) && !missingParts(tc.Unattached, sc.Unattached):
				ch.Op = engines.Alter
			case tc.NotValid && !sc.NotValid && p.constraintEqual(t, tc, notValid(sc)):
				ch.Op, ch.Fields = engines.Alter, []string{"validate"}
			default:
				ch.Op, ch.Fields = engines.Replace, []string{"definition"}
			}
			if tc.Comment != sc.Comment {
				ch.Fields = append(ch.Fields, "comment")
			}
			if tc.Options[indexCommentOption] != sc.Options[indexCommentOption] {
				ch.Fields = append(ch.Fields, "index_comment")
			}
			if len(ch.Fields) == 0 {
				return
			}
		}
		c := ch // allocated for the changes only
		out = append(out, &c)
	})

	out = p.diffIndexes(out, s.Schema, s.Name, t.Indexes, s.Indexes)

	n := len(out)
	base := engines.Change{Kind: engines.KindTrigger, Schema: s.Schema, Table: s.Name}
	out = diffByName(out, base, t.Triggers, s.Triggers, func(x *engines.Trigger) (string, string) { return x.Name, x.Comment }, p.triggerEqual)
	out = triggerEnabledChanges(out, n, t.Triggers, s.Triggers, base)
	out = p.diffStatistics(p.diffPolicies(p.reuseKeyIndexes(out, t, s), t, s), t, s)
	return p.diffRules(out, s.Schema, s.Name, t.Rules, s.Rules)
}

func constraintName(c *engines.Constraint) string { return c.Name }

// columnsByName finds the columns of a table by name: a narrow table's
// by a scan, which costs less than filling a map for every table of every
// target; a wide one's through a map. As with a map, the last column of a
// name counts.
type columnsByName struct {
	list []*engines.Column
	m    map[string]*engines.Column
}

func newColumnsByName(cols []*engines.Column) columnsByName {
	c := columnsByName{list: cols}
	if len(cols) > 32 {
		c.m = make(map[string]*engines.Column, len(cols))
		for _, x := range cols {
			c.m[x.Name] = x
		}
	}
	return c
}

func (c columnsByName) get(name string) *engines.Column {
	if c.m != nil {
		return c.m[name]
	}
	for i := len(c.list) - 1; i >= 0; i-- {
		if c.list[i].Name == name {
			return c.list[i]
		}
	}
	return nil
}

// columnFields names what differs between two versions of a column.
func (p *planner) columnFields(tbl *engines.Table, t, s *engines.Column) []string {
	var f []string
	if t.Type != s.Type {
		f = append(f, "type")
	}
	if t.Collation != s.Collation {
		f = append(f, "collation")
	}
	if t.NotNull != s.NotNull {
		f = append(f, "not_null")
	}
	if !p.tableExprEqual(tbl, "default", s.Name, t.Default, s.Default) {
		f = append(f, "default")
	}
	if t.Identity != s.Identity {
		f = append(f, "identity")
	} else if s.Identity != "" && !seqOptionsEqual(t.IdentityOptions, s.IdentityOptions) {
		f = append(f, "identity_options")
	}
	if t.Generated != "" && s.Generated == "" {
		f = append(f, "generated")
	}
	if !maps.Equal(t.Options, s.Options) {
		f = append(f, "options")
	}
	if t.Comment != s.Comment {
		f = append(f, "comment")
	}
	return f
}

func (p *planner) constraintEqual(tbl *engines.Table, a, b *engines.Constraint) bool {
	if a.Kind != b.Kind || !slices.Equal(a.Columns, b.Columns) || !slices.Equal(a.Include, b.Include) ||
		a.NullsNotDistinct != b.NullsNotDistinct || a.RefTable != b.RefTable ||
		!slices.Equal(a.RefColumns, b.RefColumns) || a.NoInherit != b.NoInherit ||
		a.Deferrable != b.Deferrable || a.InitiallyDeferred != b.InitiallyDeferred ||
		a.NotValid != b.NotValid || a.NotEnforced != b.NotEnforced || !p.tableExprEqual(tbl, "check", "", a.Check, b.Check) {
		return false
	}
	if a.Kind == engines.ForeignKey {
		def := func(v, d string) string {
			if v == "" {
				return d
			}
			return v
		}
		if a.RefSchema != b.RefSchema && a.RefSchema != "" && b.RefSchema != "" {
			return false
		}
		if def(a.OnDelete, "NO ACTION") != def(b.OnDelete, "NO ACTION") ||
			def(a.OnUpdate, "NO ACTION") != def(b.OnUpdate, "NO ACTION") ||
			def(a.Match, "SIMPLE") != def(b.Match, "SIMPLE") {
			return false
		}
	}
	// Definition is the only description of kinds the model does not break down.
	if a.Kind == engines.Exclude && squash(a.Definition) != squash(b.Definition) {
		return false
	}
	return true
}

func (p *planner) indexEqual(a, b *engines.Index) bool {
	method := func(m string) string {
		if m == "" {
			return "btree"
		}
		return m
	}
	if a.Unique != b.Unique || method(a.Method) != method(b.Method) || len(a.Parts) != len(b.Parts) ||
		!slices.Equal(a.Include, b.Include) || !p.exprEqual(a.Where, b.Where) ||
		a.NullsNotDistinct != b.NullsNotDistinct || !maps.Equal(a.Options, b.Options) {
		return false
	}
	for i, x := range a.Parts {
		y := b.Parts[i]
		if x.Column != y.Column || !p.exprEqual(x.Expr, y.Expr) || x.Collation != y.Collation ||
			x.OpClass != y.OpClass || x.Desc != y.Desc || x.Length != y.Length {
			return false
		}
		// nil means the direction's default: NULLS FIRST for DESC.
		nf := func(pt *engines.IndexPart) bool {
			if pt.NullsFirst != nil {
				return *pt.NullsFirst
			}
			return pt.Desc
		}
		if nf(x) != nf(y) {
			return false
		}
	}
	return true
}

func (p *planner) triggerEqual(a, b *engines.Trigger) bool {
	return a.Timing == b.Timing && slices.Equal(a.Events, b.Events) && a.ForEachRow == b.ForEachRow &&
		p.exprEqual(a.When, b.When) && a.Function == b.Function && a.Body == b.Body &&
		maps.EqualFunc(withoutEnabled(a.Options), withoutEnabled(b.Options), func(x, y string) bool { return x == y })
}

// withoutEnabled is a trigger's options but its enabled state, which
// changes in place (ALTER TABLE ... ENABLE/DISABLE TRIGGER).
func withoutEnabled(o map[string]string) map[string]string {
	if _, ok := o[triggerEnabledOption]; !ok {
		return o
	}
	out := maps.Clone(o)
	delete(out, triggerEnabledOption)
	return out
}

// triggerEnabledChanges marks the triggers kept whose enabled state
// differs (an Alter with "enabled"), after diffByName.
func triggerEnabledChanges(out []*engines.Change, start int, tl, sl []*engines.Trigger, base engines.Change) []*engines.Change {
	replaced := map[string]*engines.Change{}
	for _, c := range out[start:] {
		replaced[c.Name] = c
	}
	for _, t := range tl {
		for _, s := range sl {
			if t.Name != s.Name || t.Options[triggerEnabledOption] == s.Options[triggerEnabledOption] {
				continue
			}
			if c := replaced[t.Name]; c != nil {
				if c.Op == engines.Alter {
					c.Fields = append(c.Fields, "enabled")
				}
				continue
			}
			ch := base
			ch.Name, ch.Op, ch.From, ch.To, ch.Fields = t.Name, engines.Alter, t, s, []string{"enabled"}
			out = append(out, &ch)
		}
	}
	return out
}

// addTrigger creates a trigger and gives it its enabled state.
func (p *planner) addTrigger(obj, schema, table string, tr *engines.Trigger) {
	p.add(phTriggers, obj, createTriggerSQL(schema, table, tr))
	if e := triggerEnableSQL(schema, table, tr, false); e != "" {
		p.add(phTriggers, obj, e)
	}
}

// diffIndexes appends the index changes of a table or materialized view.
// An INVALID index of the target (a failed concurrent build's leftover) is
// not the index the source wants: it is built again.
func (p *planner) diffIndexes(out []*engines.Change, schema, table string, ti, si []*engines.Index) []*engines.Change {
	n := len(out)
	out = diffByName(out, engines.Change{Kind: engines.KindIndex, Schema: schema, Table: table},
		ti, si, func(x *engines.Index) (string, string) { return x.Name, x.Comment },
		func(t, s *engines.Index) bool {
			return !t.Invalid && p.indexEqual(t, s) && !missingParts(t.Unattached, s.Unattached)
		})
	for _, c := range out[n:] {
		if from, _ := c.From.(*engines.Index); from != nil && from.Invalid && c.Op == engines.Replace {
			c.Fields[0] = "invalid"
		}
	}
	// Statistics targets change in place (ALTER INDEX … SET STATISTICS), and
	// so do the names of parts (ALTER INDEX … RENAME).
	base := engines.Change{Kind: engines.KindIndex, Schema: schema, Table: table}
	name := func(x *engines.Index) string { return x.Name }
	out = withInPlace(out, n, base, ti, si, name, "statistics",
		func(t, s *engines.Index) bool { return len(indexStatsSQL(schema, s, t)) > 0 })
	return withInPlace(out, n, base, ti, si, name, "part_names",
		func(t, s *engines.Index) bool { return len(p.partRenames(t, s)) > 0 })
}

// createIndex creates idx on schema.table. Parts the source names are
// made first, on their partitions: the parent's index adopts them, names
// and all (it would otherwise name new ones after the partitions).
func (p *planner) createIndex(obj, schema, table string, idx *engines.Index, hazards ...engines.Hazard) {
	for _, part := range partsToMake(idx, func(k string) *engines.Table { return p.src.tables[k] }) {
		p.add(phCreateIndexes, obj, createIndexSQL(part.table.Schema, part.table.Name, part.index),
			hz(engines.HazardIndexBuild, "building %s reads the whole partition", qualify(part.table.Schema, part.table.Name)))
	}
	p.add(phCreateIndexes, obj, createIndexSQL(schema, table, idx), hazards...)
}

// partRenames lists the parts of index t (the target's) whose names the
// source's index s gives otherwise: ALTER INDEX … RENAME TO each, sorted.
// A name some relation or key of the target's schema holds is left alone:
// the source's parts are named by prediction where its files leave them
// to the server, and a rename onto a taken name would fail.
func (p *planner) partRenames(t, s *engines.Index) []string {
	var out []string
	for _, part := range slices.Sorted(maps.Keys(s.PartNames)) {
		want := s.PartNames[part]
		if old := t.PartNames[part]; old != "" && old != want {
			schema, _ := engines.SplitQualified(part, "public")
			if p.tgt.relationTaken(schema, want) {
				continue
			}
			out = append(out, "ALTER INDEX "+qualify(schema, old)+" RENAME TO "+quoteIdent(want))
		}
	}
	return out
}

// relationTaken reports whether a table, view, sequence, index, part or
// key of the schema has the name (names a renamed index cannot take).
func (m *modelIndex) relationTaken(schema, name string) bool {
	if m.tables[key(schema, name)] != nil || m.views[key(schema, name)] != nil || m.seqs[key(schema, name)] != nil {
		return true
	}
	s := m.schemas[schema]
	if s == nil {
		return false
	}
	for _, t := range s.Tables {
		if tableHasKeyIndex(t, name) {
			return true
		}
		for _, x := range t.Indexes {
			for _, n := range x.PartNames {
				if n == name {
					return true
				}
			}
		}
	}
	return false
}

// invalidIndex returns the target's index a change replaces or drops when
// it is INVALID: no query uses it, so dropping it takes nothing away.
func invalidIndex(c *engines.Change) *engines.Index {
	if from, _ := c.From.(*engines.Index); from != nil && from.Invalid {
		return from
	}
	return nil
}

// diffByName pairs the target's and the source's objects of one kind by
// name: an object on one side only is added or dropped; one whose
// definition differs (equal reports false) is replaced; one whose comment
// alone differs is altered. base carries the kind and the owner.
func diffByName[T any](out []*engines.Change, base engines.Change, tl, sl []T, key func(T) (name, comment string), equal func(a, b T) bool) []*engines.Change {
	name := func(x T) string { n, _ := key(x); return n }
	eachByName(tl, sl, name, func(name string, t T, inT bool, s T, inS bool) {
		ch := base
		ch.Name = name
		switch {
		case !inT:
			ch.Op, ch.To = engines.Add, s
		case !inS:
			ch.Op, ch.From = engines.Drop, t
		default:
			ch.Op, ch.From, ch.To = engines.Alter, t, s
			if !equal(t, s) {
				ch.Op, ch.Fields = engines.Replace, []string{"definition"}
			}
			_, tc := key(t)
			_, sc := key(s)
			if tc != sc {
				ch.Fields = append(ch.Fields, "comment")
			}
			if len(ch.Fields) == 0 {
				return
			}
		}
		c := ch // allocated for the changes only
		out = append(out, &c)
	})
	return out
}

// withInPlace adds field to the changes, from out[n:] on, of the objects
// paired by name whose inPlace reports a difference that ALTER makes
// without re-making them: to the object's Alter change when diffByName
// made one, as a new Alter change when it made none; a replaced object
// is made whole anyway.
func withInPlace[T any](out []*engines.Change, n int, base engines.Change, tl, sl []T, name func(T) string, field string, inPlace func(a, b T) bool) []*engines.Change {
	eachByName(tl, sl, name, func(nm string, t T, inT bool, s T, inS bool) {
		if !inT || !inS || !inPlace(t, s) {
			return
		}
		for _, c := range out[n:] {
			if c.Name == nm {
				if c.Op == engines.Alter {
					c.Fields = append(c.Fields, field)
				}
				return
			}
		}
		c := base
		c.Op, c.Name, c.From, c.To, c.Fields = engines.Alter, nm, t, s, []string{field}
		out = append(out, &c)
	})
	return out
}

// canReplaceView reports whether CREATE OR REPLACE VIEW can turn t into s:
// the columns of t must stay, with the same names and expressions, and new
// ones may only be appended. When the query cannot be read that far (a
// star, a set operation), the answer is no: drop and create is always safe.
func (p *planner) canReplaceView(t, s *engines.View) bool {
	if t.Materialized || s.Materialized {
		return false
	}
	tc, ok1 := viewOutput(t)
	sc, ok2 := viewOutput(s)
	if !ok1 || !ok2 || len(sc) < len(tc) {
		return false
	}
	for i, c := range tc {
		if c.name != sc[i].name || !p.exprEqual(c.expr, sc[i].expr) {
			return false
		}
	}
	return true
}

type viewColumn struct{ name, expr string }

// viewOutput lists the output columns of a view's query with their
// expressions, as far as the query text tells them.
func viewOutput(v *engines.View) ([]viewColumn, bool) {
	tree, err := pg_query.Parse(trimStatement(v.Query))
	if err != nil || len(tree.Stmts) != 1 {
		return nil, false
	}
	sel := tree.Stmts[0].Stmt.GetSelectStmt()
	if sel == nil || sel.Op != pg_query.SetOperation_SETOP_NONE || len(sel.TargetList) == 0 {
		return nil, false
	}
	var out []viewColumn
	for _, node := range sel.TargetList {
		rt := node.GetResTarget()
		if rt == nil || rt.Val == nil {
			return nil, false
		}
		name := rt.Name
		if cr := rt.Val.GetColumnRef(); cr != nil {
			last := cr.Fields[len(cr.Fields)-1]
			if last.GetAStar() != nil {
				return nil, false
			}
			if name == "" {
				name = last.GetString_().GetSval()
			}
		}
		if name == "" {
			return nil, false
		}
		one := &pg_query.ParseResult{Version: tree.Version, Stmts: []*pg_query.RawStmt{{Stmt: &pg_query.Node{Node: &pg_query.Node_SelectStmt{
			SelectStmt: &pg_query.SelectStmt{Op: sel.Op, LimitOption: sel.LimitOption, TargetList: []*pg_query.Node{{Node: &pg_query.Node_ResTarget{
				ResTarget: &pg_query.ResTarget{Val: rt.Val}}}}}}}}}}
		expr, err := pg_query.Deparse(one)
		if err != nil {
			return nil, false
		}
		out = append(out, viewColumn{name: name, expr: strings.TrimPrefix(expr, "SELECT ")})
	}
	if len(v.Columns) > 0 {
		if len(v.Columns) != len(out) {
			return nil, false
		}
		for i := range out {
			out[i].name = v.Columns[i]
		}
	}
	return out, true
}

// errorf wraps an error with the object it is about.
func errorf(c *engines.Change, err error) error {
	return fmt.Errorf("plan %s: %w", c.Object(), err)
}

// ---- statements ----

func hz(kind engines.HazardKind, format string, args ...any) engines.Hazard {
	return engines.Hazard{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// add queues one statement.
func (p *planner) add(ph phase, object, sql string, hazards ...engines.Hazard) *planStmt {
	ps := &planStmt{phase: ph, stmt: &engines.Statement{SQL: sql, Object: object, Hazards: hazards}}
	p.stmts = append(p.stmts, ps)
	return ps
}

func (p *planner) comment(object, target, text string) {
	p.add(phComments, object, commentSQL(target, text))
}

func columnTarget(schema, table, column string) string {
	return "COLUMN " + qualify(schema, table) + "." + quoteIdent(column)
}

// enumRecreate is an enum whose labels are removed or reordered, with the
// existing columns that must be converted to its new version.
type enumRecreate struct {
	change  *engines.Change
	columns []enumColumn
}

type enumColumn struct {
	table     *engines.Table // source table
	from, to  *engines.Column
	arrayType bool
}

// build turns the changes into statements, adding what their dependencies
// require: views re-created around column type changes, foreign keys
// dropped and re-added around the keys they reference, triggers re-created
// around functions that are dropped and created again.
func (p *planner) build(changes []*engines.Change) error {
	p.tblAdded, p.tblDropped, p.tblReplaced = map[string]bool{}, map[string]bool{}, map[string]bool{}
	p.colsRetyped, p.viewsRecreate, p.funcsReplaced = map[string]bool{}, map[string]bool{}, map[string]bool{}
	p.funcsRecreated, p.typesRecreated = map[string]bool{}, map[string]bool{}
	p.fkDropped, p.fkAdded, p.droppedCols = map[string]bool{}, map[string]bool{}, map[string]bool{}
	viewStart := map[string]bool{} // objects whose dependent views must be dropped and re-created
	colsAdded := map[string]bool{} // tables that gain columns
	viewsAdded := map[string]bool{}
	addedFuncNames := map[string]bool{}
	var enums []*enumRecreate
	for _, c := range changes {
		k := key(c.Schema, c.Name)
		switch c.Kind {
		case engines.KindTable:
			switch c.Op {
			case engines.Add:
				p.tblAdded[k] = true
			case engines.Drop:
				p.tblDropped[k] = true
				viewStart[k] = true
			case engines.Replace:
				p.tblReplaced[k] = true
				viewStart[k] = true
			}
		case engines.KindColumn:
			tk := key(c.Schema, c.Table)
			switch {
			case c.Op == engines.Drop:
				p.droppedCols[tk+"."+c.Name] = true
			case c.Op == engines.Replace || (c.Op == engines.Alter && (slices.Contains(c.Fields, "type") || slices.Contains(c.Fields, "collation"))):
				p.colsRetyped[tk] = true
				viewStart[tk] = true
			case c.Op == engines.Add:
				colsAdded[tk] = true
			}
		case engines.KindType:
			if c.Op == engines.Replace {
				viewStart[k] = true
				p.typesRecreated[k] = true
				from, to := c.From.(*engines.Type), c.To.(*engines.Type)
				if from.Kind == engines.EnumType && to.Kind == engines.EnumType {
					enums = append(enums, &enumRecreate{change: c})
				}
			}
		case engines.KindFunction, engines.KindProcedure, engines.KindAggregate:
			f := c.To
			if f == nil {
				f = c.From
			}
			fk := key(c.Schema, f.(*engines.Function).Name)
			switch c.Op {
			case engines.Replace:
				p.funcsReplaced[fk] = true
				p.funcsRecreated[key(c.Schema, f.(*engines.Function).Signature())] = true
				viewStart[fk] = true
			case engines.Add:
				addedFuncNames[fk] = true
			}
		case engines.KindView, engines.KindMatView:
			switch c.Op {
			case engines.Add:
				viewsAdded[k] = true
			case engines.Drop, engines.Replace:
				viewStart[k] = true
			}
		}
	}
	changes = p.aggregateDependents(changes, viewStart)
	if len(enums) > 0 {
		p.findEnumColumns(enums, viewStart)
	}
	// The server expands a view's * when it creates the view: a view over
	// a table that gains columns is created again to have them, as the
	// files would make it.
	if len(colsAdded) > 0 {
		for _, vk := range slices.Sorted(maps.Keys(p.src.views)) {
			tv, sv := p.tgt.views[vk], p.src.views[vk]
			if tv == nil || !selectsStar(sv.Query) {
				continue
			}
			for _, d := range p.tgt.depsOf(vk, tv) {
				if colsAdded[d] {
					viewStart[vk] = true
				}
			}
		}
	}

	// Views to drop: those replaced or dropped, and every view reading
	// (transitively) something that is dropped, recreated or retyped.
	dropViews := map[string]bool{}
	if len(viewStart) > 0 {
		rev := map[string][]string{}
		for _, vk := range slices.Sorted(maps.Keys(p.tgt.views)) {
			for _, d := range p.tgt.depsOf(vk, p.tgt.views[vk]) {
				rev[d] = append(rev[d], vk)
			}
		}
		queue := slices.Sorted(maps.Keys(viewStart))
		for len(queue) > 0 {
			k := queue[0]
			queue = queue[1:]
			if p.tgt.views[k] != nil && !dropViews[k] {
				dropViews[k] = true
			}
			for _, v := range rev[k] {
				if !dropViews[v] {
					dropViews[v] = true
					queue = append(queue, v)
				}
			}
		}
	}
	for k := range dropViews {
		if p.src.views[k] != nil {
			p.viewsRecreate[k] = true
		}
	}
	p.viewsDropped = dropViews

	changes = p.functionDependents(changes)
	changes = p.columnDependents(changes)
	changes = p.viewTypeFunctions(changes)
	for _, c := range changes {
		if err := p.emit(c, addedFuncNames); err != nil {
			return errorf(c, err)
		}
	}
	for _, e := range enums {
		p.emitEnumRecreate(e)
	}
	if err := p.emitViews(dropViews, viewsAdded); err != nil {
		return err
	}
	p.emitTriggerRecreates(changes)
	p.emitPolicyRecreates(changes)
	p.emitRuleRecreates(changes)
	p.emitViewTriggers(changes, viewsAdded)
	p.emitForeignKeyClosure(changes)
	p.emitSequenceOwners()
	p.emitTableDrops()
	p.emitPartitionIndexGuards(changes)
	p.placeFunctions()
	p.foreignTableStatements()
	// Attach the deps recorded by key to their statements.
	for _, ps := range p.stmts {
		if d := p.pendingDeps[ps.key]; ps.key != "" && len(d) > 0 {
			ps.deps = append(ps.deps, d...)
		}
	}
	return nil
}

// emit generates the statements of one change.
func (p *planner) emit(c *engines.Change, addedFuncNames map[string]bool) error {
	obj := c.Object()
	has := func(f string) bool { return slices.Contains(c.Fields, f) }
	switch c.Kind {
	case engines.KindSchema:
		switch c.Op {
		case engines.Add:
			s := c.To.(*engines.Schema)
			p.add(phCreateSchemas, obj, createSchemaSQL(s.Name))
			if s.Comment != "" {
				p.comment(obj, "SCHEMA "+quoteIdent(s.Name), s.Comment)
			}
		case engines.Drop:
			p.add(phDropSchemas, obj, "DROP SCHEMA "+quoteIdent(c.Name))
		case engines.Alter:
			p.comment(obj, "SCHEMA "+quoteIdent(c.Name), c.To.(*engines.Schema).Comment)
		}

	case engines.KindEventTrig:
		p.emitEventTrigger(c)

	case engines.KindPublication:
		p.emitPublication(c)

	case engines.KindFDW, engines.KindServer, engines.KindUserMapping:
		p.emitForeign(c)

	case engines.KindCollation:
		p.emitCollation(c)

	case engines.KindOperator:
		p.emitOperator(c)

	case engines.KindTSConfig:
		p.emitTSConfig(c)

	case engines.KindTSDict:
		p.emitTSDict(c)

	case engines.KindCast:
		p.emitCast(c)

	case engines.KindExtension:
		switch c.Op {
		case engines.Add:
			e := c.To.(*engines.Extension)
			p.add(phExtensions, obj, createExtensionSQL(e))
			if e.Comment != "" {
				p.comment(obj, "EXTENSION "+quoteIdent(e.Name), e.Comment)
			}
		case engines.Drop:
			p.add(phDropExtensions, obj, "DROP EXTENSION "+quoteIdent(c.Name))
		case engines.Alter:
			e := c.To.(*engines.Extension)
			if has("schema") && c.From.(*engines.Extension).NotRelocatable {
				p.add(phExtensions, obj, "DROP EXTENSION "+quoteIdent(e.Name),
					hz(engines.HazardRecreate, "%s cannot move to another schema: it is dropped and created in %s; objects that use it make the drop fail", obj, e.Schema))
				p.add(phExtensions, obj, createExtensionSQL(e))
				if e.Comment != "" {
					p.comment(obj, "EXTENSION "+quoteIdent(e.Name), e.Comment)
				}
				break
			}
			if has("schema") {
				p.add(phExtensions, obj, "ALTER EXTENSION "+quoteIdent(e.Name)+" SET SCHEMA "+quoteIdent(e.Schema))
			}
			if has("version") {
				p.add(phExtensions, obj, "ALTER EXTENSION "+quoteIdent(e.Name)+" UPDATE TO "+quoteLiteral(e.Version))
			}
			if has("comment") {
				p.comment(obj, "EXTENSION "+quoteIdent(e.Name), e.Comment)
			}
		}

	case engines.KindType:
		return p.emitType(c)

	case engines.KindSequence:
		switch c.Op {
		case engines.Add:
			s := c.To.(*engines.Sequence)
			p.add(phSequences, obj, createSequenceSQL(s))
			if s.Comment != "" {
				p.comment(obj, "SEQUENCE "+qualify(s.Schema, s.Name), s.Comment)
			}
		case engines.Drop:
			s := c.From.(*engines.Sequence)
			// A sequence owned by a column goes with its table or column.
			if os, ot, oc, ok := sequenceOwner(s); ok {
				tk := key(os, ot)
				if p.tblDropped[tk] || p.tblReplaced[tk] || p.droppedCols[tk+"."+oc] {
					return nil
				}
			}
			p.add(phDropSequences, obj, "DROP SEQUENCE "+qualify(s.Schema, s.Name))
		case engines.Alter:
			from, to := c.From.(*engines.Sequence), c.To.(*engines.Sequence)
			if has("options") {
				clauses := seqAlterClauses(&from.SequenceOptions, &to.SequenceOptions, true)
				name := qualify(to.Schema, to.Name)
				steps := seqRangeSteps(&from.SequenceOptions, &to.SequenceOptions, quoteLiteral(name)+"::regclass", func(lo, hi int64) string {
					return fmt.Sprintf("ALTER SEQUENCE %s MINVALUE %d MAXVALUE %d", name, lo, hi)
				})
				for i, sql := range steps {
					if i < len(steps)-1 {
						p.add(phSequences, obj, sql) // widening: always succeeds
						continue
					}
					p.add(phSequences, obj, sql,
						hz(engines.HazardMayFailOnData, "moves the current value of %s into its new range; a used value beyond the new maximum makes the next nextval fail", obj))
				}
				p.add(phSequences, obj, "ALTER SEQUENCE "+name+" "+strings.Join(clauses, " "))
			}
			if has("comment") {
				p.comment(obj, "SEQUENCE "+qualify(to.Schema, to.Name), to.Comment)
			}
		}

	case engines.KindFunction, engines.KindProcedure, engines.KindAggregate:
		switch c.Op {
		case engines.Add, engines.Alter, engines.Replace:
			f := c.To.(*engines.Function)
			if c.Op == engines.Replace {
				ph := phDropReplaced
				if p.dropsViewOf(c.From.(*engines.Function)) {
					ph = phDropViews // among the views: see dropAmongViews
				}
				why := map[string]string{"returns": "its return type cannot change in place",
					"params": "its parameters cannot change in place"}[c.Fields[0]]
				if why == "" {
					why = c.Fields[0]
				}
				from := c.From.(*engines.Function)
				ds := p.add(ph, obj, dropFunctionSQL(from), hz(engines.HazardRecreate, "%s is dropped and created again: %s", obj, why))
				ds.key = "dropfunc:" + key(from.Schema, from.Name)
				if ph == phDropViews {
					p.dropAmongViews(from)
				}
				for _, ref := range aggregateSupportRefs(from) {
					for _, k := range p.tgt.resolve(ref) {
						if k != key(from.Schema, from.Name) {
							p.stmtsDeps("dropfunc:"+k, ds.key)
						}
					}
				}
			}
			if c.Op != engines.Alter || has("body") || has("language") || has("options") {
				// A function over a view's row type, or whose SQL body reads
				// a view, is created among the views, after those views
				// (and before the views that call it).
				ph := phFunctionsLate
				var views []string
				if vs := append(p.signatureViews(p.src, f), p.bodyViews(f)...); len(vs) > 0 {
					ph = phViews
					for _, v := range vs {
						views = append(views, "view:"+v)
					}
				}
				ps := &planStmt{phase: ph, key: "func:" + key(f.Schema, f.Name), deps: views,
					stmt: &engines.Statement{SQL: createFunctionSQL(f), Object: obj}}
				for _, ref := range aggregateSupportRefs(f) {
					for _, k := range p.src.resolve(ref) {
						if k != key(f.Schema, f.Name) {
							ps.deps = append(ps.deps, "func:"+k)
						}
					}
				}
				p.stmts = append(p.stmts, ps)
				p.funcStmts = append(p.funcStmts, ps)
			}
			if (c.Op == engines.Alter && has("comment")) || (c.Op != engines.Alter && f.Comment != "") {
				p.comment(obj, functionObject(f), f.Comment)
			}
		case engines.Drop:
			f := c.From.(*engines.Function)
			ph := phDropFunctions
			if p.dropsViewOf(f) {
				ph = phDropViews // among the views: see dropAmongViews
				p.dropAmongViews(f)
			} else if addedFuncNames[key(f.Schema, f.Name)] {
				// An overload with new argument names may take its place:
				// drop before it is created.
				ph = phDropReplaced
			}
			self := key(f.Schema, f.Name)
			ps := p.add(ph, obj, dropFunctionSQL(f))
			ps.key = "dropfunc:" + self
			// A function whose body is parsed at creation (BEGIN ATOMIC,
			// RETURN expr) depends on the functions it calls: it goes first.
			text := f.Definition
			if text == "" {
				text = f.Body
			}
			for _, ref := range append(scanNames(text), aggregateSupportRefs(f)...) {
				if !ref.call {
					continue
				}
				for _, k := range p.tgt.resolve(ref) {
					if k != self && !p.src.funcNames[k] {
						p.stmtsDeps("dropfunc:"+k, ps.key)
					}
				}
			}
		}

	case engines.KindTable:
		switch c.Op {
		case engines.Add:
			return p.emitNewTable(c.To.(*engines.Table))
		case engines.Drop:
			// Queued by emitTableDrops, which orders drops among themselves.
		case engines.Replace:
			from := c.From.(*engines.Table)
			if !(from.PartitionOf != "" && p.tblReplaced[partitionParentKey(from)]) {
				p.add(phCreateTables, obj, "DROP TABLE "+qualify(from.Schema, from.Name),
					hz(engines.HazardDeletesData, "%s is dropped and created again to change %s; its rows are lost", obj, strings.Join(c.Fields, ", ")),
					hz(engines.HazardRecreate, "%s is recreated", obj)).key = "droptable:" + key(from.Schema, from.Name)
			}
			return p.emitNewTable(c.To.(*engines.Table))
		case engines.Alter:
			p.emitTableAlter(c)
		}

	case engines.KindColumn:
		if slices.Equal(c.Fields, []string{"foreign_options"}) {
			if sql := alterOptionsSQL(c.From.(*engines.Column).ForeignOptions, c.To.(*engines.Column).ForeignOptions); sql != "" {
				p.add(phAlterTables, obj, "ALTER FOREIGN TABLE "+qualify(c.Schema, c.Table)+" ALTER COLUMN "+quoteIdent(c.Name)+sql)
			}
			return nil
		}
		if slices.Equal(c.Fields, []string{"partition not null"}) {
			// A partition's own NOT NULL on a column its parent leaves nullable.
			sql := "ALTER TABLE " + qualify(c.Schema, c.Table) + " ALTER COLUMN " + quoteIdent(c.Name)
			if c.To.(*engines.Column).NotNull {
				p.add(phAlterTables, obj, sql+" SET NOT NULL",
					hz(engines.HazardMayFailOnData, "%s becomes NOT NULL: fails if a row of the partition holds NULL", obj))
			} else {
				p.add(phAlterTables, obj, sql+" DROP NOT NULL")
			}
			return nil
		}
		return p.emitColumn(c)

	case engines.KindPolicy:
		return p.emitPolicy(c)

	case engines.KindStatistics:
		return p.emitStatistic(c)

	case engines.KindRule:
		return p.emitRule(c)

	case engines.KindConstraint:
		if idx, ok := c.From.(*engines.Index); ok {
			return p.emitConstraintUsingIndex(c, idx)
		}
		t := p.src.tables[key(c.Schema, c.Table)]
		if t == nil {
			t = p.tgt.tables[key(c.Schema, c.Table)]
		}
		if c.Op == engines.Drop || c.Op == engines.Replace {
			from := c.From.(*engines.Constraint)
			if from.Kind == engines.ForeignKey {
				p.dropFK(c.Schema, c.Table, from.Name)
			} else {
				p.add(phDropConstraints, obj, dropConstraintSQL(c.Schema, c.Table, from.Name))
			}
		}
		if c.Op == engines.Add || c.Op == engines.Replace {
			p.addConstraint(t, c.To.(*engines.Constraint), false)
		}
		if c.Op == engines.Alter && has("validate") {
			// At the end, in a transaction of its own (see online.go).
			p.validate(c.Schema, c.Table, c.To.(*engines.Constraint).Name, obj, fmt.Sprintf("validating %s fails if existing rows violate it", obj))
		}
		if to, ok := c.To.(*engines.Constraint); ok && (has("comment") || (c.Op != engines.Alter && to.Comment != "")) {
			p.comment(obj, constraintObject(c.Schema, c.Table, to.Name), to.Comment)
		}
		if to, ok := c.To.(*engines.Constraint); ok && (has("index_comment") || (c.Op != engines.Alter && to.Options[indexCommentOption] != "")) {
			p.comment(obj+" index", "INDEX "+qualify(c.Schema, to.Name), to.Options[indexCommentOption])
		}

	case engines.KindIndex:
		if p.viewsRecreate[key(c.Schema, c.Table)] {
			return nil // created again with its materialized view
		}
		if p.emitIndexOnline(c) {
			return nil
		}
		if c.Op == engines.Drop || c.Op == engines.Replace {
			if invalidIndex(c) != nil {
				p.add(phDropIndexes, obj, dropIndexSQL(c.Schema, c.Name))
			} else {
				p.add(phDropIndexes, obj, dropIndexSQL(c.Schema, c.Name),
					hz(engines.HazardIndexDropped, "queries using %s lose it", obj))
			}
		}
		if c.Op == engines.Add || c.Op == engines.Replace {
			p.createIndex(obj, c.Schema, c.Table, c.To.(*engines.Index),
				hz(engines.HazardBlockingLock, "CREATE INDEX blocks writes to %s while it builds", qualify(c.Schema, c.Table)),
				hz(engines.HazardIndexBuild, "building %s reads the whole table", obj))
		}
		if c.Op == engines.Alter && has("part_names") {
			for _, sql := range p.partRenames(c.From.(*engines.Index), c.To.(*engines.Index)) {
				p.add(phCreateIndexes, obj, sql)
			}
		}
		if to, ok := c.To.(*engines.Index); ok {
			var from *engines.Index
			if c.Op == engines.Alter {
				from, _ = c.From.(*engines.Index)
			}
			for _, sql := range indexStatsSQL(c.Schema, to, from) {
				p.add(phCreateIndexes, obj, sql)
			}
		}
		if to, ok := c.To.(*engines.Index); ok && (has("comment") || (c.Op != engines.Alter && to.Comment != "")) {
			p.comment(obj, "INDEX "+qualify(c.Schema, to.Name), to.Comment)
		}

	case engines.KindTrigger:
		if c.Op == engines.Drop || c.Op == engines.Replace {
			p.add(phDropTriggers, obj, dropTriggerSQL(c.Schema, c.Table, c.Name))
		}
		if c.Op == engines.Add || c.Op == engines.Replace {
			p.addTrigger(obj, c.Schema, c.Table, c.To.(*engines.Trigger))
		}
		if c.Op == engines.Alter && has("enabled") {
			p.add(phTriggers, obj, triggerEnableSQL(c.Schema, c.Table, c.To.(*engines.Trigger), true))
		}
		if to, ok := c.To.(*engines.Trigger); ok && (has("comment") || (c.Op != engines.Alter && to.Comment != "")) {
			p.comment(obj, triggerObject(c.Schema, c.Table, to.Name), to.Comment)
		}

	case engines.KindView, engines.KindMatView:
		k := key(c.Schema, c.Name)
		if c.Op != engines.Alter || p.viewsRecreate[k] {
			return nil // emitViews drops and creates
		}
		v := c.To.(*engines.View)
		if has("query") || has("options") || has("columns") {
			ps := p.add(phViews, obj, createViewSQL(v, true))
			ps.key = "view:" + k
			ps.deps = p.viewDeps(k, v)
		}
		if has("comment") {
			p.comment(obj, viewObject(v), v.Comment)
		}
		if has("column_comments") {
			from := c.From.(*engines.View)
			for _, col := range unionKeys(from.ColumnComments, v.ColumnComments) {
				if from.ColumnComments[col] != v.ColumnComments[col] {
					p.comment(obj, columnTarget(v.Schema, v.Name, col), v.ColumnComments[col])
				}
			}
		}
		if has("column_statistics") {
			from := c.From.(*engines.View)
			for _, col := range unionKeys(from.ColumnStatistics, v.ColumnStatistics) {
				if from.ColumnStatistics[col] != v.ColumnStatistics[col] {
					p.add(phViews, obj, viewStatisticsSQL(v, col)).deps = []string{"view:" + k}
				}
			}
			for _, col := range unionKeys(from.ColumnStorage, v.ColumnStorage) {
				if from.ColumnStorage[col] != v.ColumnStorage[col] {
					p.add(phViews, obj, viewStorageSQL(v, col)).deps = []string{"view:" + k}
				}
			}
		}
		if has("column_defaults") {
			from := c.From.(*engines.View)
			for _, col := range unionKeys(from.ColumnDefaults, v.ColumnDefaults) {
				if !p.exprEqual(from.ColumnDefaults[col], v.ColumnDefaults[col]) {
					p.add(phViews, obj, viewDefaultSQL(v, col)).deps = []string{"view:" + k}
				}
			}
		}
	}
	return nil
}

// parentTables returns the tables t is a partition of or inherits from.
func parentTables(m *modelIndex, t *engines.Table) []*engines.Table {
	var out []*engines.Table
	if t.PartitionOf != "" {
		return append(out, m.tables[partitionParentKey(t)])
	}
	for _, in := range t.Inherits {
		s, n := engines.SplitQualified(in, t.Schema)
		if pt := m.tables[key(s, n)]; pt != nil {
			out = append(out, pt)
		}
	}
	return out
}

func partitionParentKey(t *engines.Table) string {
	s, n := engines.SplitQualified(t.PartitionOf, t.Schema)
	return key(s, n)
}

// viewDeps returns the statement keys a source view's creation waits for.
func (p *planner) viewDeps(k string, v *engines.View) []string {
	var deps []string
	for _, d := range p.src.depsOf(k, v) {
		if p.src.views[d] != nil {
			deps = append(deps, "view:"+d)
		}
		if p.src.funcNames[d] {
			// Matters for the functions created among the views.
			deps = append(deps, "func:"+d)
		}
	}
	return deps
}

func (p *planner) emitType(c *engines.Change) error {
	obj := c.Object()
	k := key(c.Schema, c.Name)
	switch c.Op {
	case engines.Add, engines.Replace:
		to := c.To.(*engines.Type)
		if c.Op == engines.Replace {
			from := c.From.(*engines.Type)
			if from.Kind == engines.EnumType && to.Kind == engines.EnumType {
				return nil // emitEnumRecreate
			}
			p.add(phDropReplaced, obj, "DROP "+typeObject(from),
				hz(engines.HazardRecreate, "%s is dropped and created again; objects using it must be dropped first", obj))
		}
		sql, err := createTypeSQL(to)
		if err != nil {
			return err
		}
		if to.Kind == engines.DomainType {
			sql = p.emitDomainLateChecks(obj, to)
		}
		ps := p.add(phTypes, obj, sql)
		ps.key = "type:" + k
		if to.Kind == engines.DomainType {
			// A domain over a table's row type waits for the table, and
			// tables with columns of the domain wait for it.
			for _, ref := range scanNames(to.BaseType) {
				for _, tk := range p.src.resolve(ref) {
					if p.src.tables[tk] != nil {
						ps.phase = phCreateTables
						ps.deps = append(ps.deps, "table:"+tk)
						if p.rowDomains == nil {
							p.rowDomains = map[string]bool{}
						}
						p.rowDomains[k] = true
					}
				}
			}
		}
		if to.Kind == engines.RangeType {
			// subtype_diff and canonical name functions without calling
			// them: the type waits for those the plan creates.
			for _, ref := range scanNames(to.Definition) {
				ref.call = true
				for _, f := range p.src.resolve(ref) {
					ps.phase = phFunctionsEarly
					ps.deps = append(ps.deps, "func:"+f)
				}
			}
		}
		for _, d := range p.src.namesIn(to.Definition, k) {
			ps.deps = append(ps.deps, "type:"+d)
		}
		if to.Comment != "" {
			p.comment(obj, typeObject(to), to.Comment)
		}
	case engines.Drop:
		from := c.From.(*engines.Type)
		ps := p.add(phDropTypes, obj, "DROP "+typeObject(from))
		ps.key = "droptype:" + k
		// A type must outlive the dropped types defined over it: those
		// name it in their definitions, so they wait for nothing, and it
		// waits for them.
		for _, d := range p.tgt.namesIn(from.Definition, k) {
			if p.tgt.types[d] != nil && p.src.types[d] == nil {
				p.stmtsDeps("droptype:"+d, "droptype:"+k)
			}
		}
	case engines.Alter:
		from, to := c.From.(*engines.Type), c.To.(*engines.Type)
		if slices.Contains(c.Fields, "labels") {
			p.emitEnumAdds(obj, from, to)
		}
		if from.Kind == engines.DomainType && to.Kind == engines.DomainType {
			p.emitDomainAlter(obj, c.Fields, from, to)
		}
		if slices.Contains(c.Fields, "attributes") {
			// In place: a column of the type keeps its rows (dropped
			// attributes go from them, added ones are NULL).
			p.add(phTypes, obj, compositeAlterSQL(from, to),
				hz(engines.HazardDeletesData, "%s: values of dropped attributes in columns of the type are lost", obj))
		}
		if slices.Contains(c.Fields, "comment") {
			p.comment(obj, typeObject(to), to.Comment)
		}
	}
	return nil
}

// domainFields compares two domains part by part. Only a new base type or
// collation needs the domain dropped and created again; the rest is
// altered in place, so that columns using the domain stay.
func (p *planner) domainFields(t, s *engines.Type) (engines.Op, []string) {
	if t.BaseType == "" || s.BaseType == "" {
		// A model not broken down has only its Definition to compare.
		if squash(t.Definition) != squash(s.Definition) {
			return engines.Replace, []string{"definition"}
		}
		return engines.Alter, nil
	}
	if t.BaseType != s.BaseType || t.Collation != s.Collation {
		return engines.Replace, []string{"definition"}
	}
	var f []string
	if !p.exprEqual(t.Default, s.Default) {
		f = append(f, "default")
	}
	if t.NotNull != s.NotNull {
		f = append(f, "not null")
	}
	if len(p.domainCheckChanges(t, s)) > 0 {
		f = append(f, "checks")
	}
	return engines.Alter, f
}

// domainCheckChanges lists the checks of t to drop (from t) and of s to
// add (from s), matched by name and compared through the normalizer.
func (p *planner) domainCheckChanges(t, s *engines.Type) []*engines.Constraint {
	var out []*engines.Constraint
	byName := func(list []*engines.Constraint, name string) *engines.Constraint {
		for _, c := range list {
			if c.Name == name {
				return c
			}
		}
		return nil
	}
	for _, c := range t.Checks {
		if o := byName(s.Checks, c.Name); o == nil || !p.exprEqual(c.Check, o.Check) {
			out = append(out, c)
		}
	}
	for _, c := range s.Checks {
		if o := byName(t.Checks, c.Name); o == nil || !p.exprEqual(c.Check, o.Check) {
			out = append(out, c)
		}
	}
	return out
}

// callsPlannedFunction reports whether SQL text calls a function of the
// source model, which may be created in this plan after the types.
func (p *planner) callsPlannedFunction(sql string) bool {
	for _, ref := range scanNames(sql) {
		if ref.call && len(p.src.resolve(ref)) > 0 {
			return true
		}
	}
	return false
}

// emitDomainLateChecks returns CREATE DOMAIN without the checks that call
// functions of the model, and adds those checks later, once functions
// exist (placeFunctions moves the functions they call early enough).
func (p *planner) emitDomainLateChecks(obj string, t *engines.Type) string {
	if t.BaseType == "" {
		// A model not broken down (built by hand, or older JSON) has only
		// its Definition.
		return trimStatement(t.Definition)
	}
	late := func(c *engines.Constraint) bool { return p.callsPlannedFunction(c.Check) }
	for _, c := range t.Checks {
		if late(c) {
			p.add(phAddConstraints, obj, "ALTER "+typeObject(t)+" ADD "+domainCheckSQL(c))
		}
	}
	if p.callsPlannedFunction(t.Default) {
		// So is a default calling them (functions come after types).
		p.add(phAddConstraints, obj, "ALTER "+typeObject(t)+" SET DEFAULT "+t.Default)
		bare := *t
		bare.Default = ""
		return createDomainSQL(&bare, late)
	}
	return createDomainSQL(t, late)
}

// emitDomainAlter alters a domain in place: default, NOT NULL and checks.
func (p *planner) emitDomainAlter(obj string, fields []string, from, to *engines.Type) {
	prefix := "ALTER " + typeObject(to)
	if slices.Contains(fields, "default") {
		if to.Default == "" {
			p.add(phTypes, obj, prefix+" DROP DEFAULT")
		} else {
			p.add(phTypes, obj, prefix+" SET DEFAULT "+to.Default)
		}
	}
	if slices.Contains(fields, "not null") {
		if to.NotNull {
			p.add(phTypes, obj, prefix+" SET NOT NULL",
				hz(engines.HazardMayFailOnData, "%s becomes NOT NULL: fails if a column of that domain holds NULL", obj))
		} else {
			p.add(phTypes, obj, prefix+" DROP NOT NULL")
		}
	}
	if !slices.Contains(fields, "checks") {
		return
	}
	for _, c := range p.domainCheckChanges(from, to) {
		if slices.Contains(from.Checks, c) {
			p.add(phTypes, obj, prefix+" DROP CONSTRAINT "+quoteIdent(c.Name))
			continue
		}
		ph := phTypes
		if p.callsPlannedFunction(c.Check) {
			ph = phAddConstraints
		}
		p.add(ph, obj, prefix+" ADD "+domainCheckSQL(c),
			hz(engines.HazardMayFailOnData, "check %s of %s fails if a value of that domain breaks it", c.Name, obj))
	}
}

// stmtsDeps records that the statement keyed later waits for the one keyed
// first; statements are matched by key when ordering, so the later one may
// be queued after this call.
func (p *planner) stmtsDeps(later, first string) {
	if p.pendingDeps == nil {
		p.pendingDeps = map[string][]string{}
	}
	p.pendingDeps[later] = append(p.pendingDeps[later], first)
}

// emitEnumAdds adds the new labels of an enum in place, each placed next to
// a label that already exists so the final order is the source's.
func (p *planner) emitEnumAdds(obj string, from, to *engines.Type) {
	have := map[string]bool{}
	for _, l := range from.Labels {
		have[l] = true
	}
	name := qualify(to.Schema, to.Name)
	for i, l := range to.Labels {
		if have[l] {
			continue
		}
		sql := "ALTER TYPE " + name + " ADD VALUE " + quoteLiteral(l)
		switch {
		case i > 0:
			// The previous label exists by now: it is old or was just added.
			last := true
			for _, later := range to.Labels[i+1:] {
				if have[later] {
					last = false
					break
				}
			}
			if !last {
				sql += " AFTER " + quoteLiteral(to.Labels[i-1])
			}
		case len(from.Labels) > 0:
			sql += " BEFORE " + quoteLiteral(from.Labels[0])
		}
		have[l] = true
		ps := p.add(phTypes, obj, sql)
		ps.stmt.NoTransaction = true // a new label cannot be used before it commits
	}
}

// findEnumColumns finds the existing columns of each recreated enum: those
// in tables kept by the source that keep the enum as their type.
func (p *planner) findEnumColumns(enums []*enumRecreate, viewStart map[string]bool) {
	byType := map[string]*enumRecreate{}
	for _, e := range enums {
		t := e.change.To.(*engines.Type)
		byType[qualify(t.Schema, t.Name)] = e
		byType[key(t.Schema, t.Name)] = e
	}
	for _, tk := range p.tgt.tableKeys {
		tt, st := p.tgt.tables[tk], p.src.tables[tk]
		if st == nil || p.tblReplaced[tk] || tt.PartitionOf != "" {
			continue
		}
		for _, col := range tt.Columns {
			typ, array := col.Type, false
			if strings.HasSuffix(typ, "[]") {
				typ, array = strings.TrimSuffix(typ, "[]"), true
			}
			e := byType[typ]
			if e == nil {
				continue
			}
			sc := st.Column(col.Name)
			if sc == nil || sc.Type != col.Type || p.inheritedColumn(st, col.Name) {
				continue
			}
			e.columns = append(e.columns, enumColumn{table: st, from: col, to: sc, arrayType: array})
			p.colsRetyped[tk] = true
			viewStart[tk] = true
		}
	}
}

// inheritedColumn reports whether a column of t comes from a parent it
// inherits from (ALTER on the parent reaches it; ALTER on t is refused).
func (p *planner) inheritedColumn(t *engines.Table, col string) bool {
	return inheritedIn(p.src, t, col)
}

func inheritedIn(m *modelIndex, t *engines.Table, col string) bool {
	for _, parent := range t.Inherits {
		ps, pn := engines.SplitQualified(parent, t.Schema)
		if pt := m.tables[key(ps, pn)]; pt != nil && pt.Column(col) != nil {
			return true
		}
	}
	return false
}

// emitEnumRecreate replaces an enum whose labels are removed or reordered:
// rename the old type, create the new one, convert the columns through
// text, and drop the old type at the end.
func (p *planner) emitEnumRecreate(e *enumRecreate) {
	c := e.change
	obj := c.Object()
	to := c.To.(*engines.Type)
	oldName := to.Name + "_schemasync_old"
	if len(oldName) > 63 {
		oldName = to.Name[:63-len("_schemasync_old")] + "_schemasync_old"
	}
	newName := qualify(to.Schema, to.Name)
	p.add(phTypes, obj, "ALTER TYPE "+newName+" RENAME TO "+quoteIdent(oldName),
		hz(engines.HazardRecreate, "%s is recreated to remove or reorder labels", obj),
		hz(engines.HazardMayFailOnData, "converting columns fails if they hold a removed label"))
	sql, _ := createTypeSQL(to) // enums always print
	ps := p.add(phTypes, obj, sql)
	ps.key = "type:" + key(to.Schema, to.Name)
	for _, col := range e.columns {
		t := col.table
		colObj := "column " + key(t.Schema, t.Name) + "." + col.to.Name
		prefix := "ALTER TABLE " + qualify(t.Schema, t.Name) + " ALTER COLUMN " + quoteIdent(col.to.Name)
		if col.from.Default != "" {
			// The old default is typed with the old enum and cannot be cast.
			p.add(phTypes, colObj, prefix+" DROP DEFAULT")
		}
		using := quoteIdent(col.to.Name) + "::text::" + newName
		if col.arrayType {
			using = quoteIdent(col.to.Name) + "::text[]::" + newName + "[]"
		}
		p.add(phTypes, colObj, prefix+" TYPE "+col.to.Type+" USING "+using,
			hz(engines.HazardRewritesTable, "converting %s to the new %s rewrites %s", col.to.Name, newName, qualify(t.Schema, t.Name)),
			hz(engines.HazardMayFailOnData, "rows holding a removed label of %s make this fail", newName))
		if col.to.Default != "" {
			p.add(phTypes, colObj, prefix+" SET DEFAULT "+col.to.Default)
		}
	}
	p.add(phDropTypes, obj, "DROP TYPE "+qualify(to.Schema, oldName))
	if slices.Contains(c.Fields, "comment") || to.Comment != "" {
		p.comment(obj, typeObject(to), to.Comment)
	}
}

// emitNewTable creates a table with everything it holds: the table with its
// inline constraints, then (in their phases) NOT VALID checks, indexes,
// foreign keys, triggers and comments. A new table is empty, so these
// statements carry no data hazards.
func (p *planner) emitNewTable(t *engines.Table) error {
	k := key(t.Schema, t.Name)
	obj := "table " + k
	sql, err := createTableSQL(t, parentTables(p.src, t))
	if err != nil {
		return err
	}
	ps := p.add(phCreateTables, obj, sql)
	ps.key = "table:" + k
	if p.tblReplaced[k] {
		ps.deps = append(ps.deps, "droptable:"+k)
	}
	if t.ForeignServer != "" {
		ps.deps = append(ps.deps, "server:"+t.ForeignServer)
	}
	if t.PartitionOf != "" {
		ps.deps = append(ps.deps, "table:"+partitionParentKey(t))
	}
	for _, in := range t.Inherits {
		s, n := engines.SplitQualified(in, t.Schema)
		ps.deps = append(ps.deps, "table:"+key(s, n))
	}
	if len(p.rowDomains) > 0 {
		for _, c := range t.Columns {
			for _, ref := range scanNames(c.Type) {
				for _, tk := range p.src.resolve(ref) {
					if p.rowDomains[tk] {
						ps.deps = append(ps.deps, "type:"+tk)
					}
				}
			}
		}
	}
	if t.PartitionOf == "" {
		for _, c := range t.Columns {
			for _, sql := range columnOptionSQL(t, c) {
				p.add(phAlterTables, obj, sql)
			}
		}
	}
	for _, c := range t.Constraints {
		if !inlineConstraint(c) {
			p.addConstraint(t, c, true)
		}
	}
	for _, idx := range t.Indexes {
		p.createIndex("index "+k+"."+idx.Name, t.Schema, t.Name, idx)
		for _, sql := range indexStatsSQL(t.Schema, idx, nil) {
			p.add(phCreateIndexes, "index "+k+"."+idx.Name, sql)
		}
	}
	for _, tr := range t.Triggers {
		p.addTrigger("trigger "+k+"."+tr.Name, t.Schema, t.Name, tr)
	}
	for _, col := range sortedKeys(t.InheritedDefaults) {
		p.setInheritedDefault(t, col)
	}
	p.newTableSecurity(t)
	p.newStatistics(t)
	p.newRules(t.Schema, t.Name, t.Rules)
	p.tableComments(t)
	return nil
}

// inheritedDefaultsEqual compares two tables' own defaults of inherited
// columns through the normalizer.
func (p *planner) inheritedDefaultsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !p.exprEqual(v, w) {
			return false
		}
	}
	return true
}

// setInheritedDefault plans a source table's own default of an inherited
// column (its parent's when it has none of its own), once per plan.
func (p *planner) setInheritedDefault(t *engines.Table, col string) {
	k := key(t.Schema, t.Name) + "." + col
	if p.inheritedDefaultsSet[k] {
		return
	}
	if p.inheritedDefaultsSet == nil {
		p.inheritedDefaultsSet = map[string]bool{}
	}
	p.inheritedDefaultsSet[k] = true
	def, ok := t.InheritedDefaults[col]
	if !ok {
		def = p.src.inheritedDefault(t, col)
	}
	p.add(phInheritedDefaults, "column "+k, inheritedDefaultSQL(t, col, def))
}

// resetChildDefaults plans again the own defaults that the source's
// descendants of a table give a column, after the table's ALTER COLUMN
// ... SET/DROP DEFAULT has reached them.
func (p *planner) resetChildDefaults(schema, table, col string, depth int) {
	if depth > 32 {
		return
	}
	parent := key(schema, table)
	for _, k := range p.src.tableKeys {
		t := p.src.tables[k]
		if !slices.ContainsFunc(t.Inherits, func(in string) bool {
			s, n := engines.SplitQualified(in, t.Schema)
			return key(s, n) == parent
		}) && !(t.PartitionOf != "" && partitionParentKey(t) == parent) {
			continue
		}
		if _, ok := t.InheritedDefaults[col]; ok {
			p.setInheritedDefault(t, col)
		}
		p.resetChildDefaults(t.Schema, t.Name, col, depth+1)
	}
}

// followInheritedDefault sets the default of a column on the existing
// descendants of a table whose own default of it changed (ALTER TABLE ONLY
// does not reach them, and they hold a copy of the old one) where they
// have none of their own in the source.
func (p *planner) followInheritedDefault(t *engines.Table, col string, depth int) {
	if depth > 32 {
		return
	}
	parent := key(t.Schema, t.Name)
	for _, k := range p.src.tableKeys {
		d := p.src.tables[k]
		if !(d.PartitionOf != "" && partitionParentKey(d) == parent) && !slices.ContainsFunc(d.Inherits, func(in string) bool {
			s, n := engines.SplitQualified(in, d.Schema)
			return key(s, n) == parent
		}) {
			continue
		}
		if _, own := d.InheritedDefaults[col]; own || p.tgt.tables[k] == nil || p.tblReplaced[k] {
			continue
		}
		p.setInheritedDefault(d, col)
		p.followInheritedDefault(d, col, depth+1)
	}
}

// tableComments comments a new table and everything in it.
func (p *planner) tableComments(t *engines.Table) {
	k := key(t.Schema, t.Name)
	if t.Comment != "" {
		p.comment("table "+k, "TABLE "+qualify(t.Schema, t.Name), t.Comment)
	}
	for _, c := range t.Columns {
		if c.Comment != "" {
			p.comment("column "+k+"."+c.Name, columnTarget(t.Schema, t.Name, c.Name), c.Comment)
		}
	}
	for _, c := range t.Constraints {
		if c.Comment != "" {
			p.comment("constraint "+k+"."+c.Name, constraintObject(t.Schema, t.Name, c.Name), c.Comment)
		}
		if ic := c.Options[indexCommentOption]; ic != "" {
			p.comment("index "+k+"."+c.Name, "INDEX "+qualify(t.Schema, c.Name), ic)
		}
	}
	for _, idx := range t.Indexes {
		if idx.Comment != "" {
			p.comment("index "+k+"."+idx.Name, "INDEX "+qualify(t.Schema, idx.Name), idx.Comment)
		}
	}
	for _, tr := range t.Triggers {
		if tr.Comment != "" {
			p.comment("trigger "+k+"."+tr.Name, triggerObject(t.Schema, t.Name, tr.Name), tr.Comment)
		}
	}
}

// addConstraint adds a constraint to a table of the source; newTable means
// the table is created by this plan (empty: nothing can fail).
func (p *planner) addConstraint(t *engines.Table, c *engines.Constraint, newTable bool) {
	obj := "constraint " + key(t.Schema, t.Name) + "." + c.Name
	if c.Kind == engines.ForeignKey {
		fk := key(t.Schema, t.Name) + "." + c.Name
		if p.fkAdded[fk] {
			return
		}
		p.fkAdded[fk] = true
	}
	if !newTable && p.addConstraintOnline(t, c, obj) {
		return
	}
	var hazards []engines.Hazard
	if !newTable {
		if !c.NotValid {
			hazards = append(hazards, hz(engines.HazardMayFailOnData, "adding %s fails if existing rows violate it", obj))
		}
		switch {
		case c.Kind == engines.PrimaryKey || c.Kind == engines.Unique || c.Kind == engines.Exclude:
			hazards = append(hazards,
				hz(engines.HazardBlockingLock, "building the index of %s blocks writes to %s", obj, qualify(t.Schema, t.Name)),
				hz(engines.HazardIndexBuild, "%s builds an index over the whole table", obj))
		case !c.NotValid && c.Kind == engines.Check:
			hazards = append(hazards, hz(engines.HazardBlockingLock, "adding %s scans %s under a lock that stops reads and writes", obj, qualify(t.Schema, t.Name)))
		case !c.NotValid && c.Kind == engines.ForeignKey:
			hazards = append(hazards, hz(engines.HazardBlockingLock, "adding %s scans %s under a lock that stops writes", obj, qualify(t.Schema, t.Name)))
		}
	}
	if c.Kind == engines.ForeignKey {
		p.add(phAddFKs, obj, addConstraintSQL(t, c), hazards...)
		return
	}
	p.add(phAddConstraints, obj, addConstraintSQL(t, c), hazards...)
}

// dropFK drops a foreign key once, however many reasons there are.
func (p *planner) dropFK(schema, table, name string) {
	fk := key(schema, table) + "." + name
	if p.fkDropped[fk] {
		return
	}
	p.fkDropped[fk] = true
	p.add(phDropFKs, "constraint "+fk, dropConstraintSQL(schema, table, name))
}

func (p *planner) emitTableAlter(c *engines.Change) {
	from, to := c.From.(*engines.Table), c.To.(*engines.Table)
	obj := c.Object()
	name := qualify(to.Schema, to.Name)
	has := func(f string) bool { return slices.Contains(c.Fields, f) }
	if has("foreign_options") {
		if sql := alterOptionsSQL(from.ForeignOptions, to.ForeignOptions); sql != "" {
			p.add(phAlterTables, obj, "ALTER FOREIGN TABLE "+name+sql)
		}
	}
	if has("inherited_defaults") {
		for _, col := range unionKeys(from.InheritedDefaults, to.InheritedDefaults) {
			v, ok := to.InheritedDefaults[col]
			if w, had := from.InheritedDefaults[col]; had == ok && p.exprEqual(v, w) {
				continue
			}
			p.setInheritedDefault(to, col)
			p.followInheritedDefault(to, col, 0)
		}
	}
	if has("options") {
		var set, reset []string
		for _, k := range sortedKeys(to.Options) {
			if v, ok := from.Options[k]; !ok || v != to.Options[k] {
				set = append(set, k+"="+to.Options[k])
			}
		}
		for _, k := range sortedKeys(from.Options) {
			if _, ok := to.Options[k]; !ok {
				reset = append(reset, k)
			}
		}
		if len(set) > 0 {
			p.add(phAlterTables, obj, "ALTER TABLE "+name+" SET ("+strings.Join(set, ", ")+")")
		}
		if len(reset) > 0 {
			p.add(phAlterTables, obj, "ALTER TABLE "+name+" RESET ("+strings.Join(reset, ", ")+")")
		}
	}
	if has("unlogged") {
		mode := "LOGGED"
		if to.Unlogged {
			mode = "UNLOGGED"
		}
		p.add(phAlterTables, obj, "ALTER TABLE "+name+" SET "+mode,
			hz(engines.HazardRewritesTable, "SET %s rewrites %s", mode, name))
	}
	if has("partition_of") {
		if from.PartitionOf != "" {
			// Detached before the parent's columns change, which would
			// change an attached partition's too.
			p.add(phDropConstraints, obj, "ALTER TABLE "+qualifiedRef(from.PartitionOf, from.Schema)+" DETACH PARTITION "+name)
		}
		if to.PartitionOf != "" {
			p.add(phAddConstraints, obj, "ALTER TABLE "+qualifiedRef(to.PartitionOf, to.Schema)+" ATTACH PARTITION "+name+" "+to.PartitionBound,
				hz(engines.HazardMayFailOnData, "attaching %s fails if rows are outside its bound", name),
				hz(engines.HazardBlockingLock, "attaching %s scans it under lock", name))
		}
	}
	if has("inherits") {
		for _, in := range from.Inherits {
			if !slices.Contains(to.Inherits, in) {
				// Before the parent's columns change, as DETACH PARTITION:
				// a column the parent drops would take the child's with it.
				p.add(phDropConstraints, obj, "ALTER TABLE "+name+" NO INHERIT "+qualifiedRef(in, to.Schema))
			}
		}
		for _, in := range to.Inherits {
			if !slices.Contains(from.Inherits, in) {
				p.add(phAddConstraints, obj, "ALTER TABLE "+name+" INHERIT "+qualifiedRef(in, to.Schema))
			}
		}
	}
	if has("comment") {
		p.comment(obj, "TABLE "+name, to.Comment)
	}
	p.emitTableSecurity(c)
}

// keptFromParent reports whether a column the source adds to a table is
// one the table inherits from a parent it stops inheriting: NO INHERIT
// keeps inherited columns as the table's own.
func (p *planner) keptFromParent(schema, table, col string) bool {
	from, to := p.tgt.tables[key(schema, table)], p.src.tables[key(schema, table)]
	if from == nil || to == nil {
		return false
	}
	for _, in := range from.Inherits {
		if slices.Contains(to.Inherits, in) {
			continue
		}
		s, n := engines.SplitQualified(in, from.Schema)
		if parent := p.tgt.tables[key(s, n)]; parent != nil && parent.Column(col) != nil {
			return true
		}
	}
	return false
}

func (p *planner) emitColumn(c *engines.Change) error {
	obj := c.Object()
	t := p.src.tables[key(c.Schema, c.Table)]
	if t == nil {
		return fmt.Errorf("table %s missing from the source", key(c.Schema, c.Table))
	}
	name := qualify(c.Schema, c.Table)
	prefix := "ALTER TABLE " + name + " ALTER COLUMN " + quoteIdent(c.Name)
	has := func(f string) bool { return slices.Contains(c.Fields, f) }
	addColumn := func(col *engines.Column, hazards ...engines.Hazard) error {
		def, err := columnDefSQL(col)
		if err != nil {
			return err
		}
		if col.NotNull && col.Default == "" && col.Identity == "" && col.Generated == "" {
			hazards = append(hazards, hz(engines.HazardMayFailOnData, "a NOT NULL column without default cannot be added to a table that has rows"))
		}
		if col.Generated != "" || col.Identity != "" {
			hazards = append(hazards, hz(engines.HazardRewritesTable, "computing %s for every row rewrites %s", col.Name, name))
		}
		ps := p.add(phAlterTables, obj, "ALTER TABLE "+name+" ADD COLUMN "+def, hazards...)
		// A column the table inherits until its parent drops it: the
		// parent's DROP COLUMN takes the inherited one away first.
		if tt := p.tgt.tables[key(c.Schema, c.Table)]; tt != nil {
			for _, in := range tt.Inherits {
				s, n := engines.SplitQualified(in, tt.Schema)
				ps.deps = append(ps.deps, "dropcol:"+key(s, n)+"."+col.Name)
			}
		}
		for _, sql := range columnOptionSQL(t, col) {
			p.add(phAlterTables, obj, sql)
		}
		if col.Comment != "" {
			p.comment(obj, columnTarget(c.Schema, c.Table, col.Name), col.Comment)
		}
		return nil
	}
	switch c.Op {
	case engines.Add:
		if p.keptFromParent(c.Schema, c.Table, c.Name) {
			return nil
		}
		return addColumn(c.To.(*engines.Column))
	case engines.Drop:
		ps := p.add(phAlterTables, obj, "ALTER TABLE "+name+" DROP COLUMN "+quoteIdent(c.Name),
			hz(engines.HazardDeletesData, "dropping %s deletes its data", obj))
		ps.key = "dropcol:" + key(c.Schema, c.Table) + "." + c.Name
		return nil
	case engines.Replace:
		p.add(phAlterTables, obj, "ALTER TABLE "+name+" DROP COLUMN "+quoteIdent(c.Name),
			hz(engines.HazardDeletesData, "%s is generated: it is dropped and added again to change its expression", obj))
		return addColumn(c.To.(*engines.Column))
	}

	from, to := c.From.(*engines.Column), c.To.(*engines.Column)
	if has("identity") && from.Identity != "" && to.Identity == "" {
		p.add(phAlterTables, obj, prefix+" DROP IDENTITY")
	}
	defaultDone := false
	if has("type") || has("collation") {
		if from.Default != "" {
			// The old default may not cast to the new type: set it again after.
			p.add(phAlterTables, obj, prefix+" DROP DEFAULT")
		}
		sql := prefix + " TYPE " + to.Type
		if to.Collation != "" {
			sql += " COLLATE " + collationSQL(to.Collation)
		}
		var hazards []engines.Hazard
		if has("type") {
			using, note := columnUsingSQL(to.Name, from.Type, to.Type, p.isEnum(p.tgt, from.Type), p.isEnum(p.src, to.Type))
			if ft := p.src.tables[key(c.Schema, c.Table)]; ft != nil && ft.ForeignServer != "" {
				// A foreign table holds no rows to convert (and takes no USING).
				using, note = "", ""
			}
			if using != "" {
				sql += " USING " + using
			}
			if note != "" {
				hazards = append(hazards, hz(engines.HazardMayFailOnData, "%s", note))
			}
			rewrite, mayFail := typeChangeRisk(from.Type, to.Type)
			if rewrite {
				hazards = append(hazards, hz(engines.HazardRewritesTable, "changing %s from %s to %s rewrites %s", c.Name, from.Type, to.Type, name))
			}
			if mayFail {
				hazards = append(hazards, hz(engines.HazardMayFailOnData, "values of %s that do not fit %s make this fail", c.Name, to.Type))
			}
		} else {
			hazards = append(hazards, hz(engines.HazardBlockingLock, "changing the collation of %s rebuilds its indexes under lock", c.Name))
		}
		p.add(phAlterTables, obj, sql, hazards...)
		if to.Default != "" {
			p.add(phAlterTables, obj, prefix+" SET DEFAULT "+to.Default)
		}
		defaultDone = true
	}
	if has("default") && !defaultDone {
		if to.Default == "" {
			p.add(phAlterTables, obj, prefix+" DROP DEFAULT")
		} else {
			p.add(phAlterTables, obj, prefix+" SET DEFAULT "+to.Default)
		}
	}
	if has("default") || defaultDone {
		// The new default reached the inheriting tables too.
		p.resetChildDefaults(c.Schema, c.Table, c.Name, 0)
	}
	if has("not_null") {
		switch {
		case to.NotNull && p.setNotNullOnline(c, from, to):
		case to.NotNull:
			hazards := []engines.Hazard{hz(engines.HazardMayFailOnData, "SET NOT NULL fails if %s holds NULLs", c.Name)}
			if !p.tblAdded[key(c.Schema, c.Table)] {
				hazards = append(hazards, hz(engines.HazardBlockingLock, "SET NOT NULL scans %s under a lock that stops reads and writes", name))
			}
			p.add(phAlterTables, obj, prefix+" SET NOT NULL", hazards...)
		default:
			p.add(phAlterTables, obj, prefix+" DROP NOT NULL")
		}
	}
	if to.Identity != "" {
		switch {
		case from.Identity == "":
			sql := prefix + " ADD GENERATED " + to.Identity + " AS IDENTITY"
			if opts := seqOptionClauses(to.IdentityOptions, false); len(opts) > 0 {
				sql += " (" + strings.Join(opts, " ") + ")"
			}
			p.add(phAlterTables, obj, sql)
		default:
			if from.Identity != to.Identity {
				p.add(phAlterTables, obj, prefix+" SET GENERATED "+to.Identity)
			}
			if clauses := seqAlterClauses(from.IdentityOptions, to.IdentityOptions, false); len(clauses) > 0 {
				seq := "pg_catalog.pg_get_serial_sequence(" + quoteLiteral(name) + ", " + quoteLiteral(c.Name) + ")::regclass"
				for _, sql := range seqRangeSteps(from.IdentityOptions, to.IdentityOptions, seq, func(lo, hi int64) string {
					return fmt.Sprintf("%s SET MINVALUE %d SET MAXVALUE %d", prefix, lo, hi)
				}) {
					p.add(phAlterTables, obj, sql,
						hz(engines.HazardMayFailOnData, "moves the current value of the identity of %s into its new range", c.Name))
				}
				p.add(phAlterTables, obj, prefix+" SET "+strings.Join(clauses, " SET "))
			}
		}
	}
	if has("generated") {
		p.add(phAlterTables, obj, prefix+" DROP EXPRESSION")
	}
	if has("options") {
		for _, k := range unionKeys(from.Options, to.Options) {
			v, ok := to.Options[k]
			if from.Options[k] == v && ok {
				continue
			}
			switch k {
			case "compression":
				if !ok {
					v = "default"
				}
				p.add(phAlterTables, obj, prefix+" SET COMPRESSION "+v)
			case "statistics":
				if !ok {
					v = "-1"
				}
				p.add(phAlterTables, obj, prefix+" SET STATISTICS "+v)
			case "storage":
				if !ok {
					v = typeStorage(to.Type)
				}
				p.add(phAlterTables, obj, prefix+" SET STORAGE "+v)
			default:
				return fmt.Errorf("column %s: unsupported option %q", c.Name, k)
			}
		}
	}
	if has("comment") {
		p.comment(obj, columnTarget(c.Schema, c.Table, c.Name), to.Comment)
	}
	return nil
}

// isEnum reports whether a column type (possibly an array) is an enum of the model.
func (p *planner) isEnum(m *modelIndex, typ string) bool {
	typ = strings.TrimSuffix(typ, "[]")
	s, n := engines.SplitQualified(unquoteQualified(typ), "public")
	t := m.types[key(s, n)]
	return t != nil && t.Kind == engines.EnumType
}

// unquoteQualified removes the double quotes of a printed "schema"."name".
func unquoteQualified(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			if i+1 < len(s) && s[i+1] == '"' && i > 0 && s[i-1] != '.' {
				b.WriteByte('"')
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// typeChangeRisk tells whether changing a column's type rewrites the table
// and whether existing values may fail to convert. Only the well-known
// binary-compatible widenings are recognized; anything else is assumed to
// do both.
func typeChangeRisk(from, to string) (rewrite, mayFail bool) {
	base := func(t string) (string, []string) {
		i := strings.IndexByte(t, '(')
		if i < 0 || !strings.HasSuffix(t, ")") {
			return t, nil
		}
		return t[:i], strings.Split(t[i+1:len(t)-1], ",")
	}
	fb, fa := base(from)
	tb, ta := base(to)
	num := func(s string) int {
		n := 0
		for _, r := range strings.TrimSpace(s) {
			if r < '0' || r > '9' {
				return -1
			}
			n = n*10 + int(r-'0')
		}
		return n
	}
	isChar := func(b string) bool { return b == "character varying" || b == "text" }
	switch {
	case isChar(fb) && isChar(tb):
		switch {
		case len(ta) == 0:
			return false, false
		case len(fa) == 0:
			return false, true
		default:
			return false, num(ta[0]) < num(fa[0])
		}
	case fb == "numeric" && tb == "numeric":
		switch {
		case len(ta) == 0:
			return false, false
		case len(fa) == 0:
			return true, true
		case len(fa) == len(ta) && (len(fa) < 2 || num(fa[1]) == num(ta[1])):
			return num(ta[0]) < num(fa[0]), num(ta[0]) < num(fa[0])
		}
	case fb == "bit varying" && tb == "bit varying", fb == "character" && tb == "character":
		if len(ta) > 0 && len(fa) > 0 && num(ta[0]) >= num(fa[0]) {
			return fb == "character" && num(ta[0]) != num(fa[0]), false
		}
	case from == "timestamp without time zone" && to == "timestamp with time zone":
		return true, false
	}
	widen := map[string]int{"smallint": 1, "integer": 2, "bigint": 3}
	if widen[from] > 0 && widen[to] > 0 {
		return true, widen[to] < widen[from]
	}
	return true, true
}

// emitViews drops the views that go or must be re-created (readers before
// what they read) and creates the new and re-created ones (readers after).
func (p *planner) emitViews(dropViews, viewsAdded map[string]bool) error {
	dropKeys := slices.Sorted(maps.Keys(dropViews))
	for _, k := range dropKeys {
		v := p.tgt.views[k]
		obj := "view " + k
		if v.Materialized {
			obj = "materialized view " + k
		}
		ps := p.add(phDropViews, obj, dropViewSQL(v))
		ps.key = "dropview:" + k
		// Readers of v are dropped first: they appear in v's deps' reverse.
	}
	// A view is dropped after every dropped view that reads it, and a
	// function dropped among the views after the views that call it.
	for _, k := range dropKeys {
		for _, d := range p.tgt.depsOf(k, p.tgt.views[k]) {
			if dropViews[d] {
				p.stmtsDeps("dropview:"+d, "dropview:"+k)
			}
			if p.tgt.funcNames[d] {
				p.stmtsDeps("dropfunc:"+d, "dropview:"+k)
			}
		}
	}
	create := map[string]bool{}
	maps.Copy(create, viewsAdded)
	maps.Copy(create, p.viewsRecreate)
	for _, k := range slices.Sorted(maps.Keys(create)) {
		v := p.src.views[k]
		obj := "view " + k
		if v.Materialized {
			obj = "materialized view " + k
		}
		ps := p.add(phViews, obj, createViewSQL(v, false))
		ps.key = "view:" + k
		ps.deps = p.viewDeps(k, v)
		for _, idx := range v.Indexes {
			ix := p.add(phViews, "index "+k+"."+idx.Name, createIndexSQL(v.Schema, v.Name, idx))
			ix.deps = []string{"view:" + k}
			for _, sql := range indexStatsSQL(v.Schema, idx, nil) {
				p.add(phViews, "index "+k+"."+idx.Name, sql).deps = []string{"view:" + k}
			}
		}
		if v.Comment != "" {
			p.comment(obj, viewObject(v), v.Comment)
		}
		for _, col := range sortedKeys(v.ColumnComments) {
			p.comment(obj, columnTarget(v.Schema, v.Name, col), v.ColumnComments[col])
		}
		for _, col := range sortedKeys(v.ColumnDefaults) {
			p.add(phViews, obj, viewDefaultSQL(v, col)).deps = []string{"view:" + k}
		}
		for _, col := range sortedKeys(v.ColumnStatistics) {
			p.add(phViews, obj, viewStatisticsSQL(v, col)).deps = []string{"view:" + k}
		}
		for _, col := range sortedKeys(v.ColumnStorage) {
			p.add(phViews, obj, viewStorageSQL(v, col)).deps = []string{"view:" + k}
		}
		for _, idx := range v.Indexes {
			if idx.Comment != "" {
				p.comment("index "+k+"."+idx.Name, "INDEX "+qualify(v.Schema, idx.Name), idx.Comment)
			}
		}
	}
	return nil
}

// emitTriggerRecreates drops and creates again the unchanged triggers that
// call a function being dropped and created again.
// signatureViews are the views of model m whose row type a function's
// parameters or result name.
func (p *planner) signatureViews(m *modelIndex, f *engines.Function) []string {
	var out []string
	for _, ref := range scanNames(f.Args + " " + f.Returns) {
		if ref.call {
			continue
		}
		for _, k := range m.resolve(ref) {
			if m.views[k] != nil {
				out = append(out, k)
			}
		}
	}
	return out
}

// bodyViews lists the source's views a SQL-language function reads in its
// body: the server checks such a body when it creates the function.
func (p *planner) bodyViews(f *engines.Function) []string {
	if f.Language != "sql" || f.Body == "" || len(p.src.views) == 0 {
		return nil
	}
	var out []string
	for _, ref := range scanNames(f.Body) {
		if ref.call {
			continue
		}
		for _, k := range p.src.resolve(ref) {
			if p.src.views[k] != nil && !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// dropAmongViews orders the drop of a function over a dropped view's row
// type among the view drops: after the views that call it (emitViews),
// before the views its signature uses.
func (p *planner) dropAmongViews(f *engines.Function) {
	for _, v := range p.signatureViews(p.tgt, f) {
		if p.viewsDropped[v] {
			p.stmtsDeps("dropview:"+v, "dropfunc:"+key(f.Schema, f.Name))
		}
	}
}

// dropsViewOf reports whether the plan drops a view whose row type a
// target function's signature uses: the function must go first.
func (p *planner) dropsViewOf(f *engines.Function) bool {
	for _, k := range p.signatureViews(p.tgt, f) {
		if p.viewsDropped[k] {
			return true
		}
	}
	return false
}

// changedObjects are the objects the changes already touch, by
// "kind:schema.table.name".
func changedObjects(changes []*engines.Change) map[string]bool {
	touched := make(map[string]bool, len(changes))
	for _, c := range changes {
		touched[string(c.Kind)+":"+key(c.Schema, c.Table)+"."+c.Name] = true
	}
	return touched
}

// changedFunctions are the routines the changes already touch, by
// "schema.signature" (the key of modelIndex.funcs).
func changedFunctions(changes []*engines.Change) map[string]bool {
	touched := map[string]bool{}
	for _, c := range changes {
		if f, ok := c.From.(*engines.Function); ok {
			touched[key(f.Schema, f.Signature())] = true
		}
	}
	return touched
}

// viewTypeFunctions plans as created again the functions the plan keeps
// whose signature uses the row type of a view it drops: the server
// refuses to drop the view while they exist.
func (p *planner) viewTypeFunctions(changes []*engines.Change) []*engines.Change {
	if len(p.viewsDropped) == 0 {
		return changes
	}
	touched := changedFunctions(changes)
	for _, k := range slices.Sorted(maps.Keys(p.tgt.funcs)) {
		f, to := p.tgt.funcs[k], p.src.funcs[k]
		if to == nil || touched[k] || !p.dropsViewOf(f) {
			continue
		}
		changes = append(changes, &engines.Change{Op: engines.Replace, Kind: functionKind(f), Schema: f.Schema, Name: f.Signature(),
			From: f, To: to, Fields: []string{"returns"}})
	}
	return changes
}

// callsReplaced reports whether SQL text calls a function of the target
// that the plan drops and creates again.
func (p *planner) callsReplaced(sql string) bool {
	if sql == "" {
		return false
	}
	for _, ref := range scanNames(sql) {
		if !ref.call {
			continue
		}
		for _, k := range p.tgt.resolve(ref) {
			if p.funcsReplaced[k] {
				return true
			}
		}
	}
	return false
}

// functionDependents makes room for functions dropped and created again
// (their return type or parameters change): the server refuses to drop a
// function that a column default, a check constraint or an index of a
// kept table calls. Such a default is dropped before the function and set
// again after it (the change is added when the plan has none for that
// column); such checks and indexes are planned as replaced. Triggers and
// views that depend on the function are recreated elsewhere
// (emitTriggerRecreates, emitViews).
func (p *planner) functionDependents(changes []*engines.Change) []*engines.Change {
	if len(p.funcsReplaced) == 0 {
		return changes
	}
	touched := changedObjects(changes)
	const why = "calls a function that is created again"
	for _, tk := range p.tgt.tableKeys {
		tt, st := p.tgt.tables[tk], p.src.tables[tk]
		if st == nil || p.tblReplaced[tk] {
			continue
		}
		for _, tc := range tt.Columns {
			sc := st.Column(tc.Name)
			if sc == nil || !p.callsReplaced(tc.Default) {
				continue
			}
			obj := "column " + tk + "." + tc.Name
			p.add(phDropConstraints, obj, "ALTER TABLE "+qualify(tt.Schema, tt.Name)+" ALTER COLUMN "+quoteIdent(tc.Name)+" DROP DEFAULT")
			if !touched[string(engines.KindColumn)+":"+tk+"."+tc.Name] && sc.Default != "" {
				changes = append(changes, &engines.Change{Op: engines.Alter, Kind: engines.KindColumn, Schema: tt.Schema, Table: tt.Name,
					Name: tc.Name, From: tc, To: sc, Fields: []string{"default"}})
			}
		}
		for _, tc := range tt.Constraints {
			text := tc.Check
			if tc.Kind == engines.Exclude {
				text = tc.Definition
			}
			if (tc.Kind != engines.Check && tc.Kind != engines.Exclude) || !p.callsReplaced(text) ||
				touched[string(engines.KindConstraint)+":"+tk+"."+tc.Name] {
				continue
			}
			for _, sc := range st.Constraints {
				if sc.Name == tc.Name {
					changes = append(changes, &engines.Change{Op: engines.Replace, Kind: engines.KindConstraint, Schema: tt.Schema, Table: tt.Name,
						Name: tc.Name, From: tc, To: sc, Fields: []string{why}})
				}
			}
		}
		changes = p.indexDependents(changes, touched, tt.Schema, tt.Name, tt.Indexes, st.Indexes)
	}
	// Domains kept as they are: a default or check that calls the function
	// is dropped before and given back after.
	for _, dk := range slices.Sorted(maps.Keys(p.tgt.types)) {
		td, sd := p.tgt.types[dk], p.src.types[dk]
		if td.Kind != engines.DomainType || sd == nil || sd.Kind != engines.DomainType || touched[string(engines.KindType)+":"+key(td.Schema, "")+"."+td.Name] {
			continue
		}
		obj, prefix := "domain "+dk, "ALTER "+typeObject(td)
		if p.callsReplaced(td.Default) && sd.Default != "" {
			p.add(phDropConstraints, obj, prefix+" DROP DEFAULT")
			p.add(phAddConstraints, obj, prefix+" SET DEFAULT "+sd.Default)
		}
		for _, tc := range td.Checks {
			if !p.callsReplaced(tc.Check) {
				continue
			}
			for _, sc := range sd.Checks {
				if sc.Name == tc.Name {
					p.add(phDropConstraints, obj, prefix+" DROP CONSTRAINT "+quoteIdent(tc.Name))
					p.add(phAddConstraints, obj, prefix+" ADD "+domainCheckSQL(sc))
				}
			}
		}
	}
	// Materialized views kept as they are: their indexes.
	for _, vk := range slices.Sorted(maps.Keys(p.tgt.views)) {
		tv, sv := p.tgt.views[vk], p.src.views[vk]
		if sv == nil || p.viewsRecreate[vk] {
			continue
		}
		changes = p.indexDependents(changes, touched, tv.Schema, tv.Name, tv.Indexes, sv.Indexes)
	}
	return changes
}

// columnDependents plans as replaced the indexes, constraints and
// triggers, kept by the source, that use a column dropped and added again
// (a generated column's new expression): the server refuses to drop the
// column under a trigger, and drops its indexes and constraints with it,
// so they are dropped before and made again after (foreign keys of other
// tables on those keys follow, emitForeignKeyClosure).
func (p *planner) columnDependents(changes []*engines.Change) []*engines.Change {
	var cols map[string][]string // table key -> columns dropped and added again
	touched := changedObjects(changes)
	for _, c := range changes {
		if c.Kind == engines.KindColumn && c.Op == engines.Replace {
			if cols == nil {
				cols = map[string][]string{}
			}
			tk := key(c.Schema, c.Table)
			cols[tk] = append(cols[tk], c.Name)
		}
	}
	if cols == nil {
		return changes
	}
	uses := func(names []string, text string) bool {
		for _, ref := range scanNames(text) {
			if !ref.call && slices.Contains(names, ref.parts[len(ref.parts)-1]) {
				return true
			}
		}
		return false
	}
	const why = "uses a column that is dropped and added again"
	for _, tk := range slices.Sorted(maps.Keys(cols)) {
		tt, st := p.tgt.tables[tk], p.src.tables[tk]
		if tt == nil || st == nil {
			continue
		}
		names := cols[tk]
		replace := func(kind engines.Kind, name string, from, to any) {
			if touched[string(kind)+":"+tk+"."+name] {
				return
			}
			touched[string(kind)+":"+tk+"."+name] = true
			changes = append(changes, &engines.Change{Op: engines.Replace, Kind: kind, Schema: tt.Schema, Table: tt.Name,
				Name: name, From: from, To: to, Fields: []string{why}})
		}
		for _, ti := range tt.Indexes {
			hit := uses(names, ti.Where)
			for _, part := range ti.Parts {
				hit = hit || slices.Contains(names, part.Column) || uses(names, part.Expr)
			}
			if si := findIndex(st.Indexes, ti.Name); hit && si != nil {
				replace(engines.KindIndex, ti.Name, ti, si)
			}
		}
		for _, tc := range tt.Constraints {
			hit := slices.ContainsFunc(tc.Columns, func(c string) bool { return slices.Contains(names, c) }) ||
				uses(names, tc.Check) || (tc.Kind == engines.Exclude && uses(names, tc.Definition))
			if sc := findConstraint(st.Constraints, tc.Name); hit && sc != nil && tc.Kind != engines.ForeignKey {
				replace(engines.KindConstraint, tc.Name, tc, sc)
			}
		}
		for _, tr := range tt.Triggers {
			hit := uses(names, tr.When) || slices.ContainsFunc(tr.Events, func(e string) bool {
				cs, ok := strings.CutPrefix(e, "UPDATE OF ")
				return ok && uses(names, cs)
			})
			if sr := findTrigger(st.Triggers, tr.Name); hit && sr != nil {
				replace(engines.KindTrigger, tr.Name, tr, sr)
			}
		}
	}
	return changes
}

func findIndex(list []*engines.Index, name string) *engines.Index {
	return named(list, func(x *engines.Index) string { return x.Name }, name)
}

func findConstraint(list []*engines.Constraint, name string) *engines.Constraint {
	return named(list, func(x *engines.Constraint) string { return x.Name }, name)
}

func findTrigger(list []*engines.Trigger, name string) *engines.Trigger {
	return named(list, func(x *engines.Trigger) string { return x.Name }, name)
}

// indexDependents plans as replaced the indexes of a table or materialized
// view that call a function created again (see functionDependents).
func (p *planner) indexDependents(changes []*engines.Change, touched map[string]bool, schema, rel string, tgt, src []*engines.Index) []*engines.Change {
	for _, ti := range tgt {
		calls := p.callsReplaced(ti.Where)
		for _, part := range ti.Parts {
			calls = calls || p.callsReplaced(part.Expr)
		}
		if !calls || touched[string(engines.KindIndex)+":"+key(schema, rel)+"."+ti.Name] {
			continue
		}
		for _, si := range src {
			if si.Name == ti.Name {
				changes = append(changes, &engines.Change{Op: engines.Replace, Kind: engines.KindIndex, Schema: schema, Table: rel,
					Name: ti.Name, From: ti, To: si, Fields: []string{"calls a function that is created again"}})
			}
		}
	}
	return changes
}

func (p *planner) emitTriggerRecreates(changes []*engines.Change) {
	if len(p.funcsReplaced) == 0 {
		return
	}
	handled := map[string]bool{}
	for _, c := range changes {
		if c.Kind == engines.KindTrigger {
			handled[key(c.Schema, c.Table)+"."+c.Name] = c.Op != engines.Alter
		}
	}
	for _, tk := range p.tgt.tableKeys {
		tt, st := p.tgt.tables[tk], p.src.tables[tk]
		if st == nil || p.tblReplaced[tk] {
			continue
		}
		for _, tr := range tt.Triggers {
			if handled[tk+"."+tr.Name] {
				continue
			}
			fn := tr.Function
			if i := strings.IndexByte(fn, '('); i >= 0 {
				fn = fn[:i]
			}
			s, n := engines.SplitQualified(strings.TrimSpace(fn), "public")
			if !p.funcsReplaced[key(s, n)] && !p.callsReplaced(tr.When) {
				continue
			}
			var str *engines.Trigger
			for _, x := range st.Triggers {
				if x.Name == tr.Name {
					str = x
				}
			}
			if str == nil {
				continue
			}
			obj := "trigger " + tk + "." + tr.Name
			p.add(phDropTriggers, obj, dropTriggerSQL(tt.Schema, tt.Name, tr.Name))
			p.addTrigger(obj, st.Schema, st.Name, str)
		}
	}
}

// emitForeignKeyClosure drops (and re-adds, when the source keeps them)
// the foreign keys that point at tables dropped or recreated, or at
// primary keys, unique constraints and unique indexes dropped or replaced.
func (p *planner) emitForeignKeyClosure(changes []*engines.Change) {
	keys := map[string]bool{} // "schema.table|col,col" of replaced keys
	affected := map[string]bool{}
	for k := range p.tblDropped {
		affected[k] = true
	}
	for k := range p.tblReplaced {
		affected[k] = true
	}
	for _, c := range changes {
		if c.Op != engines.Drop && c.Op != engines.Replace {
			continue
		}
		tk := key(c.Schema, c.Table)
		switch from := c.From.(type) {
		case *engines.Constraint:
			if from.Kind == engines.PrimaryKey || from.Kind == engines.Unique {
				keys[tk+"|"+colSet(from.Columns)] = true
				affected[tk] = true
			}
		case *engines.Index:
			if from.Unique && from.Where == "" && plainColumns(from) != nil {
				keys[tk+"|"+colSet(plainColumns(from))] = true
				affected[tk] = true
			}
		}
	}
	for _, rk := range slices.Sorted(maps.Keys(affected)) {
		for _, ref := range p.tgt.fkRefs[rk] {
			t, fk := ref.table, ref.fk
			tk := key(t.Schema, t.Name)
			if t.PartitionOf != "" {
				continue // cloned from the parent's foreign key, and dropped with it
			}
			need := false
			switch {
			case p.tblReplaced[rk] && tk != rk:
				need = true
			case p.tblDropped[rk] && !p.tblDropped[tk]:
				need = true
			case keys[rk+"|"+colSet(fk.RefColumns)] && !(tk == rk && p.tblReplaced[rk]):
				need = true
			}
			if !need {
				continue
			}
			p.dropFK(t.Schema, t.Name, fk.Name)
			st := p.src.tables[tk]
			if st == nil || p.tblAdded[tk] || p.tblReplaced[tk] {
				continue
			}
			for _, c := range st.Constraints {
				if c.Name == fk.Name && c.Kind == engines.ForeignKey {
					p.addConstraint(st, c, false)
				}
			}
		}
	}
}

func colSet(cols []string) string {
	s := slices.Clone(cols)
	slices.Sort(s)
	return strings.Join(s, ",")
}

func plainColumns(idx *engines.Index) []string {
	var cols []string
	for _, pt := range idx.Parts {
		if pt.Column == "" {
			return nil
		}
		cols = append(cols, pt.Column)
	}
	return cols
}

// emitSequenceOwners moves OWNED BY: released before columns or tables
// that would take the sequence with them are dropped, set once the new
// owner exists.
func (p *planner) emitSequenceOwners() {
	for _, k := range slices.Sorted(maps.Keys(p.src.seqs)) {
		s := p.src.seqs[k]
		t := p.tgt.seqs[k]
		obj := "sequence " + k
		if t == nil {
			if s.OwnedBy != "" {
				p.add(phSequenceOwned, obj, sequenceOwnedSQL(s))
			}
			continue
		}
		ownerReplaced := false
		if os, ot, _, ok := sequenceOwner(t); ok && p.tblReplaced[key(os, ot)] {
			ownerReplaced = true
		}
		if t.OwnedBy == s.OwnedBy && !ownerReplaced {
			continue
		}
		if t.OwnedBy != "" {
			p.add(phSequences, obj, "ALTER SEQUENCE "+qualify(s.Schema, s.Name)+" OWNED BY NONE")
		}
		if s.OwnedBy != "" {
			p.add(phSequenceOwned, obj, sequenceOwnedSQL(s))
		}
	}
}

// fkEdge is a foreign key between two dropped tables' drop units: from's
// table references to's.
type fkEdge struct {
	from, to string
	table    *engines.Table
	fk       *engines.Constraint
}

// emitTableDrops drops tables, referencing tables and partitions before the
// tables they depend on. A partition whose parent is dropped goes with it
// (its own DROP would fail on the foreign keys the parent's keys cloned
// onto it). Foreign keys that make a cycle among dropped tables are dropped
// first, since no order of DROP TABLE can satisfy them.
func (p *planner) emitTableDrops() {
	unit := func(k string) string {
		for depth := 0; depth < 32; depth++ {
			t := p.tgt.tables[k]
			if t == nil || t.PartitionOf == "" {
				break
			}
			pk := partitionParentKey(t)
			if !p.tblDropped[pk] && !p.tblReplaced[pk] {
				break
			}
			k = pk
		}
		return k
	}
	p.dropReusedNames(unit)
	var edges []fkEdge
	next := map[string][]string{}
	keys := slices.Sorted(maps.Keys(p.tblDropped))
	for _, k := range keys {
		t := p.tgt.tables[k]
		for _, c := range t.Constraints {
			if c.Kind != engines.ForeignKey {
				continue
			}
			rs := c.RefSchema
			if rs == "" {
				rs = t.Schema
			}
			rk := key(rs, c.RefTable)
			if !p.tblDropped[rk] {
				continue
			}
			u, v := unit(k), unit(rk)
			if u == v {
				continue
			}
			edges = append(edges, fkEdge{u, v, t, c})
			next[u] = append(next[u], v)
		}
	}
	reaches := func(from, to string) bool {
		seen := map[string]bool{from: true}
		stack := []string{from}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n == to {
				return true
			}
			for _, m := range next[n] {
				if !seen[m] {
					seen[m] = true
					stack = append(stack, m)
				}
			}
		}
		return false
	}
	var kept []fkEdge
	for _, e := range edges {
		if reaches(e.to, e.from) {
			p.dropFK(e.table.Schema, e.table.Name, e.fk.Name)
			continue
		}
		p.stmtsDeps("droptable:"+e.to, "droptable:"+e.from)
		kept = append(kept, e)
	}
	edges = kept
	early := p.earlyTableDrops(keys, unit, edges)
	for _, k := range keys {
		if unit(k) != k {
			continue // dropped with its parent, or with the parent's re-creation
		}
		t := p.tgt.tables[k]
		ph := phDropTables
		if early[k] {
			ph = phDropReplaced
		}
		ps := p.add(ph, "table "+k, "DROP TABLE "+qualify(t.Schema, t.Name),
			hz(engines.HazardDeletesData, "dropping table %s deletes all its rows", k))
		ps.key = "droptable:" + k
		for _, in := range t.Inherits {
			s, n := engines.SplitQualified(in, t.Schema)
			if p.tblDropped[key(s, n)] {
				p.stmtsDeps("droptable:"+key(s, n), "droptable:"+k)
			}
		}
	}
}

// srcIndexNames are the "schema.name" of the source tables' indexes and
// of the indexes their keys and exclusion constraints own.
func (p *planner) srcIndexNames() map[string]bool {
	names := map[string]bool{}
	for _, k := range p.src.tableKeys {
		t := p.src.tables[k]
		for _, idx := range t.Indexes {
			names[key(t.Schema, idx.Name)] = true
		}
		for _, c := range t.Constraints {
			if c.Kind == engines.PrimaryKey || c.Kind == engines.Unique || c.Kind == engines.Exclude {
				names[key(t.Schema, c.Name)] = true
			}
		}
	}
	return names
}

// earlyTableDrops are the drop units (keys) to drop before anything is
// created: a table whose name the source gives to another relation, an
// index or a type (a view replacing a table, say) holds the name until it
// is dropped, and tables are dropped last. What must go before such a table goes
// early too: the dropped tables referencing it (edges) and its
// inheritance children.
func (p *planner) earlyTableDrops(keys []string, unit func(string) string, edges []fkEdge) map[string]bool {
	indexNames := p.srcIndexNames()
	taken := func(k string) bool {
		if p.src.views[k] != nil || p.src.seqs[k] != nil || p.src.types[k] != nil || indexNames[k] {
			return true
		}
		t := p.src.tables[k]
		return t != nil && !p.tblReplaced[k]
	}
	early := map[string]bool{}
	var queue []string
	for _, k := range keys {
		if u := unit(k); u == k && taken(k) && !early[k] {
			early[k] = true
			queue = append(queue, k)
		}
	}
	if len(queue) == 0 {
		return nil
	}
	// before[k]: the units that must be dropped before unit k.
	before := map[string][]string{}
	for _, e := range edges {
		before[e.to] = append(before[e.to], e.from)
	}
	for _, k := range keys {
		for _, in := range p.tgt.tables[k].Inherits {
			s, n := engines.SplitQualified(in, p.tgt.tables[k].Schema)
			if pk := key(s, n); p.tblDropped[pk] {
				before[unit(pk)] = append(before[unit(pk)], unit(k))
			}
		}
	}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		for _, b := range before[k] {
			if !early[b] {
				early[b] = true
				queue = append(queue, b)
			}
		}
	}
	return early
}

// dropReusedNames drops, before anything is created, the indexes (and
// the constraints owning one) of dropped tables whose names the source gives
// to other relations: tables are dropped last, and a name is taken in the
// whole schema until then. Foreign keys of dropped tables that point at
// such a table go first, since they may rest on the index.
func (p *planner) dropReusedNames(unit func(string) string) {
	if len(p.tblDropped) == 0 {
		return
	}
	used := p.srcIndexNames()
	for _, k := range slices.Sorted(maps.Keys(p.src.views)) {
		for _, idx := range p.src.views[k].Indexes {
			used[key(p.src.views[k].Schema, idx.Name)] = true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(p.tblDropped)) {
		if unit(k) != k {
			continue // its indexes belong to its parent's, or go with the parent
		}
		t := p.tgt.tables[k]
		freed := false
		for _, idx := range t.Indexes {
			if used[key(t.Schema, idx.Name)] {
				p.add(phDropIndexes, "index "+k+"."+idx.Name, dropIndexSQL(t.Schema, idx.Name),
					hz(engines.HazardIndexDropped, "%s is dropped with table %s; its name is reused", idx.Name, k))
				freed = true
			}
		}
		for _, c := range t.Constraints {
			if (c.Kind == engines.PrimaryKey || c.Kind == engines.Unique || c.Kind == engines.Exclude) && used[key(t.Schema, c.Name)] {
				p.add(phDropConstraints, "constraint "+k+"."+c.Name, dropConstraintSQL(t.Schema, t.Name, c.Name))
				freed = true
			}
		}
		if !freed {
			continue
		}
		for _, ref := range p.tgt.fkRefs[k] {
			rk := key(ref.table.Schema, ref.table.Name)
			if p.tblDropped[rk] {
				p.dropFK(ref.table.Schema, ref.table.Name, ref.fk.Name)
			}
		}
	}
}

// placeFunctions puts each created function in the early phase when table
// definitions call it (defaults, checks, generated columns, indexes), or when
// an early function calls it; the others wait until the tables exist, which
// functions may name in their bodies and signatures.
func (p *planner) placeFunctions() {
	if len(p.funcStmts) == 0 {
		return
	}
	created := map[string]*planStmt{}
	for _, ps := range p.funcStmts {
		created[strings.TrimPrefix(ps.key, "func:")] = ps
	}
	early := map[string]bool{}
	for _, ps := range p.stmts {
		if ps.phase < phTypes || ps.phase > phAddFKs || ps.phase == phFunctionsLate {
			continue
		}
		for _, ref := range scanNames(ps.stmt.SQL) {
			if !ref.call {
				continue
			}
			for _, k := range p.src.resolve(ref) {
				if created[k] != nil {
					early[k] = true
				}
			}
		}
	}
	// A statement of the early phases that waits for a function by key
	// (a range type's subtype_diff) needs it early too.
	for _, ps := range p.stmts {
		if ps.phase < phTypes || ps.phase > phAddFKs || ps.phase == phFunctionsLate {
			continue
		}
		for _, d := range ps.deps {
			if k, ok := strings.CutPrefix(d, "func:"); ok && created[k] != nil && created[k] != ps {
				early[k] = true
			}
		}
	}
	for _, ps := range p.funcStmts {
		self := strings.TrimPrefix(ps.key, "func:")
		for _, ref := range scanNames(ps.stmt.SQL) {
			if !ref.call {
				continue
			}
			for _, k := range p.src.resolve(ref) {
				if k != self && created[k] != nil && !slices.Contains(ps.deps, "func:"+k) {
					ps.deps = append(ps.deps, "func:"+k)
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for k := range early {
			for _, d := range created[k].deps {
				if dk := strings.TrimPrefix(d, "func:"); !early[dk] {
					early[dk] = true
					changed = true
				}
			}
		}
	}
	for k, ps := range created {
		if early[k] {
			ps.phase = phFunctionsEarly
		}
	}
	// Overloads share a key: every statement of that name moves together.
	for _, ps := range p.funcStmts {
		if early[strings.TrimPrefix(ps.key, "func:")] {
			ps.phase = phFunctionsEarly
		}
	}
	// Order holds inside a phase only: what needs a function created after
	// the views (an aggregate over a view's row type) waits there too.
	for changed := true; changed; {
		changed = false
		for _, ps := range p.funcStmts {
			for _, d := range ps.deps {
				if dep := created[strings.TrimPrefix(d, "func:")]; dep != nil && dep.phase > ps.phase {
					ps.phase, changed = dep.phase, true
				}
			}
		}
	}
}

// emitPartitionIndexGuards keeps local indexes of partitions local. When a
// table is attached to a partitioned table, or an index is created on a
// partitioned table, the server adopts a partition's existing index of the
// same definition as that partition's part of the parent's index, and it
// stops being an index of its own. Where the source keeps such an index
// local, it is dropped before and created again after.
func (p *planner) emitPartitionIndexGuards(changes []*engines.Change) {
	newParentIdx := map[string][]*engines.Index{} // parent table -> indexes created on it
	attached := map[string]bool{}
	for _, c := range changes {
		switch {
		case c.Kind == engines.KindIndex && (c.Op == engines.Add || c.Op == engines.Replace):
			k := key(c.Schema, c.Table)
			if t := p.src.tables[k]; t != nil && t.PartitionBy != "" {
				newParentIdx[k] = append(newParentIdx[k], c.To.(*engines.Index))
			}
		case c.Kind == engines.KindTable && c.Op == engines.Alter && slices.Contains(c.Fields, "partition_of"):
			if to := c.To.(*engines.Table); to.PartitionOf != "" {
				attached[key(c.Schema, c.Name)] = true
			}
		}
	}
	if len(newParentIdx) == 0 && len(attached) == 0 {
		return
	}
	for _, k := range p.src.tableKeys {
		s, t := p.src.tables[k], p.tgt.tables[k]
		if s.PartitionOf == "" || t == nil || p.tblAdded[k] || p.tblReplaced[k] || len(t.Indexes) == 0 {
			continue
		}
		var adopting []*engines.Index
		for cur, depth := s, 0; cur.PartitionOf != "" && depth < 32; depth++ {
			pk := partitionParentKey(cur)
			parent := p.src.tables[pk]
			if parent == nil {
				break
			}
			if attached[k] {
				adopting = append(adopting, parent.Indexes...)
				for _, c := range parent.Constraints {
					if c.Kind == engines.PrimaryKey || c.Kind == engines.Unique {
						parts := make([]*engines.IndexPart, len(c.Columns))
						for i, col := range c.Columns {
							parts[i] = &engines.IndexPart{Column: col}
						}
						adopting = append(adopting, &engines.Index{Unique: true, Method: "btree", Parts: parts, Include: c.Include, NullsNotDistinct: c.NullsNotDistinct})
					}
				}
			} else {
				adopting = append(adopting, newParentIdx[pk]...)
			}
			cur = parent
		}
		for _, local := range t.Indexes {
			var kept *engines.Index
			for _, x := range s.Indexes {
				if x.Name == local.Name && p.indexEqual(x, local) {
					kept = x
				}
			}
			if kept == nil {
				continue // dropped or replaced anyway
			}
			for _, a := range adopting {
				if p.indexEqual(a, local) {
					obj := "index " + k + "." + local.Name
					p.add(phDropIndexes, obj, dropIndexSQL(s.Schema, local.Name),
						hz(engines.HazardIndexDropped, "%s is dropped and built again so that the partitioned index does not adopt it", local.Name))
					p.add(phCreateIndexes, obj, createIndexSQL(s.Schema, s.Name, kept),
						hz(engines.HazardIndexBuild, "building %s reads the whole partition", obj))
					for _, sql := range indexStatsSQL(s.Schema, kept, nil) {
						p.add(phCreateIndexes, obj, sql)
					}
					break
				}
			}
		}
	}
}

// ---- partition bounds ----

// withColumns returns a shallow copy of t with other columns.
func withColumns(t *engines.Table, cols []*engines.Column) *engines.Table {
	cp := *t
	cp.Columns = cols
	return &cp
}

// partitionColumns returns the columns a partition has: those of its root
// table, with the NOT NULL and defaults the partitions on the way add
// (PARTITION OF ... (c WITH OPTIONS ...)).
func partitionColumns(m *modelIndex, t *engines.Table) []*engines.Column {
	return partitionColumnsIn(t, func(k string) *engines.Table { return m.tables[k] })
}

// partitionColumnsIn is partitionColumns over any table lookup.
func partitionColumnsIn(t *engines.Table, table func(string) *engines.Table) []*engines.Column {
	chain := []*engines.Table{t}
	for cur := t; cur.PartitionOf != "" && len(chain) < 32; {
		parent := table(partitionParentKey(cur))
		if parent == nil {
			return t.Columns
		}
		chain = append(chain, parent)
		cur = parent
	}
	root := chain[len(chain)-1]
	out := make([]*engines.Column, 0, len(root.Columns))
	for _, rc := range root.Columns {
		c := *rc
		for i := len(chain) - 2; i >= 0; i-- {
			if own := chain[i].Column(c.Name); own != nil {
				c.NotNull = c.NotNull || own.NotNull
				if own.Default != "" {
					c.Default = own.Default
				}
			}
			if def, ok := chain[i].InheritedDefaults[c.Name]; ok {
				c.Default = def
			}
		}
		out = append(out, &c)
	}
	return out
}

// partitionBoundEqual compares the bounds of a partition on both sides by
// what they mean: the server prints each value with the output function of
// the partition key's type ('2024-01-01 00:00:00' for a timestamp key, 10
// for an integer written '10', modulus in lower case), while a file keeps
// what its author wrote. Values are compared by the key column types,
// looked up on the source parent (the parent is the same on both sides,
// or the partition is re-attached anyway).
func (p *planner) partitionBoundEqual(t, s *engines.Table) bool {
	if t.PartitionBound == s.PartitionBound {
		return true
	}
	types := partitionKeyTypes(p.src, p.src.tables[partitionParentKey(s)])
	a, okA := canonicalBound(t.PartitionBound, types)
	b, okB := canonicalBound(s.PartitionBound, types)
	return okA && okB && a == b
}

// partitionKeyTypes returns the type of each partition key of a
// partitioned table, "" where the key is an expression or the column is
// not found.
func partitionKeyTypes(m *modelIndex, parent *engines.Table) []string {
	if parent == nil {
		return nil
	}
	spec := parent.PartitionBy
	open := strings.IndexByte(spec, '(')
	if open < 0 || !strings.HasSuffix(spec, ")") {
		return nil
	}
	var types []string
	for _, part := range splitTopLevel(spec[open+1 : len(spec)-1]) {
		part = strings.TrimSpace(part)
		var name string
		if strings.HasPrefix(part, "\"") {
			if end := strings.Index(part[1:], "\""); end >= 0 {
				name = part[1 : end+1]
			}
		} else if !strings.HasPrefix(part, "(") {
			name = strings.ToLower(strings.Fields(part)[0])
			if strings.ContainsAny(name, "(.") {
				name = "" // a function call: an expression key
			}
		}
		types = append(types, columnTypeUp(m, parent, name))
	}
	return types
}

// columnTypeUp finds a column's type on a table or, for a partition that
// does not restate its columns, on its ancestors.
func columnTypeUp(m *modelIndex, t *engines.Table, name string) string {
	for depth := 0; t != nil && name != "" && depth < 32; depth++ {
		if c := t.Column(name); c != nil {
			return c.Type
		}
		if t.PartitionOf == "" {
			return ""
		}
		t = m.tables[partitionParentKey(t)]
	}
	return ""
}

// splitTopLevel splits a list at the commas outside parentheses and quotes.
func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// canonicalBound reduces a partition bound clause to a comparison key;
// ok is false when the clause does not parse.
func canonicalBound(bound string, keyTypes []string) (string, bool) {
	bound = strings.TrimSpace(bound)
	if strings.EqualFold(bound, "DEFAULT") {
		return "DEFAULT", true
	}
	tree, err := pg_query.Parse("CREATE TABLE x PARTITION OF y " + bound)
	if err != nil || len(tree.Stmts) != 1 {
		return "", false
	}
	cs := tree.Stmts[0].Stmt.GetCreateStmt()
	if cs == nil || cs.Partbound == nil {
		return "", false
	}
	b := cs.Partbound
	if b.IsDefault {
		return "DEFAULT", true
	}
	values := func(nodes []*pg_query.Node, sameType bool) string {
		out := make([]string, len(nodes))
		for i, n := range nodes {
			typ := ""
			switch {
			case sameType && len(keyTypes) > 0:
				typ = keyTypes[0]
			case i < len(keyTypes):
				typ = keyTypes[i]
			}
			out[i] = canonicalBoundValue(n, typ)
		}
		return strings.Join(out, ", ")
	}
	switch {
	case b.Modulus > 0:
		return fmt.Sprintf("WITH (modulus %d, remainder %d)", b.Modulus, b.Remainder), true
	case len(b.Listdatums) > 0:
		vals := strings.Split(values(b.Listdatums, true), ", ")
		// The server keeps the values in the order written; a set is what
		// the bound means.
		slices.Sort(vals)
		return "IN (" + strings.Join(vals, ", ") + ")", true
	default:
		return "FROM (" + values(b.Lowerdatums, false) + ") TO (" + values(b.Upperdatums, false) + ")", true
	}
}

// canonicalBoundValue prints one value of a bound the same way whatever
// its spelling: MINVALUE, MAXVALUE, NULL, or the value read as its key type.
func canonicalBoundValue(n *pg_query.Node, typ string) string {
	for n.GetTypeCast() != nil {
		n = n.GetTypeCast().Arg
	}
	if cr := n.GetColumnRef(); cr != nil && len(cr.Fields) == 1 {
		if name := strings.ToLower(cr.Fields[0].GetString_().GetSval()); name == "minvalue" || name == "maxvalue" {
			return strings.ToUpper(name)
		}
	}
	ac := n.GetAConst()
	if ac == nil {
		return "expr:" + deparseExpr(n)
	}
	var raw string
	switch {
	case ac.Isnull:
		return "NULL"
	case ac.GetIval() != nil:
		raw = strconv.FormatInt(int64(ac.GetIval().Ival), 10)
	case ac.GetFval() != nil:
		raw = ac.GetFval().Fval
	case ac.GetBoolval() != nil:
		raw = strconv.FormatBool(ac.GetBoolval().Boolval)
	case ac.GetSval() != nil:
		raw = ac.GetSval().Sval
	case ac.GetBsval() != nil:
		raw = ac.GetBsval().Bsval
	}
	return canonicalTypedValue(raw, typ)
}

// canonicalTypedValue reads a literal as a value of type typ (a
// format_type name) for the types whose output differs from common input
// spellings; any other value compares as written.
func canonicalTypedValue(raw, typ string) string {
	base := typ
	if i := strings.IndexByte(base, '('); i >= 0 {
		// "timestamp(3) without time zone" -> "timestamp without time zone"
		if j := strings.IndexByte(base[i:], ')'); j >= 0 {
			base = base[:i] + base[i+j+1:]
		}
	}
	v := strings.TrimSpace(raw)
	switch base {
	case "smallint", "integer", "bigint", "numeric", "real", "double precision":
		if r, ok := new(big.Rat).SetString(v); ok {
			return r.RatString()
		}
	case "boolean":
		switch strings.ToLower(v) {
		case "t", "true", "y", "yes", "on", "1":
			return "true"
		case "f", "false", "n", "no", "off", "0":
			return "false"
		}
	case "date", "timestamp without time zone":
		for _, layout := range []string{"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04", "2006-01-02"} {
			if tm, err := time.Parse(layout, v); err == nil {
				return tm.Format("2006-01-02 15:04:05.999999999")
			}
		}
	case "timestamp with time zone":
		// A value without a zone is read in the session's zone; the
		// server prints the zone it used, UTC on the servers we inspect
		// with the default settings.
		for _, layout := range []string{"2006-01-02 15:04:05.999999999-07", "2006-01-02 15:04:05.999999999-07:00",
			"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04-07", "2006-01-02 15:04-07:00",
			"2006-01-02 15:04:05.999999999", "2006-01-02 15:04", "2006-01-02"} {
			if tm, err := time.Parse(layout, v); err == nil {
				return tm.UTC().Format("2006-01-02 15:04:05.999999999Z")
			}
		}
	}
	return quoteLiteral(v)
}

// selectsStar reports whether a query's select lists hold * or t.*.
func selectsStar(query string) bool {
	tree, err := pg_query.Parse(query)
	if err != nil {
		return strings.Contains(query, "*")
	}
	star := false
	for _, st := range tree.Stmts {
		walkTree(st.Stmt, func(m any) bool {
			if rt, ok := m.(*pg_query.ResTarget); ok {
				if cr := rt.GetVal().GetColumnRef(); cr != nil {
					for _, f := range cr.Fields {
						if f.GetAStar() != nil {
							star = true
						}
					}
				}
			}
			return !star
		})
	}
	return star
}
