package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	pgparser "github.com/pganalyze/pg_query_go/v6/parser"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/schemasync/schemasync/engines"
)

// errUnsupported marks statements the parser does not turn into the model.
var errUnsupported = errors.New("unsupported statement")

// stmtAt is one statement of a schema file with where it starts.
type stmtAt struct {
	file string
	line int
	text string
	node *pg_query.Node
	// offset is where text starts in its file; notes says whether the file
	// holds renamed-from annotations.
	offset int
	notes  bool
	// seq is the statement's place in the files' order, which passes
	// do not follow (see definedBefore).
	seq int
}

func (s stmtAt) where() string { return fmt.Sprintf("%s:%d", s.file, s.line) }

// fkSite remembers where a foreign key was written, to check at the end
// that the table it references exists.
type fkSite struct {
	at     stmtAt
	schema string
	table  string
	c      *engines.Constraint
}

// parser builds one model from many files. It lives for one parseFiles call.
type parser struct {
	db      *engines.Database
	opts    engines.ParseOptions
	defined map[string]stmtAt
	// dataWarned holds the files whose rows (INSERT, UPDATE, DELETE) a
	// warning has named, so that a file of seed data warns once.
	dataWarned map[string]bool
	// likes are the CREATE TABLE ... (LIKE ...) copies of indexes and
	// comments, made when every pass is done (copyLikes).
	likes []likeCopy
	// rels and cons hold, per schema, the relation names (tables, indexes,
	// sequences, views, composite types) and constraint names in use, so
	// implicit names avoid them the way the server's chooser does.
	rels map[string]map[string]bool
	cons map[string]map[string]bool
	fks  []fkSite
	// defSchema is where unqualified names go (ParseOptions.DefaultSchema);
	// defTypes are the types the files define unqualified, which resolve
	// to it (other unqualified type names stay built-in or public).
	defSchema string
	defTypes  map[string]bool
	// detached are the partitions DETACH PARTITION made tables of, checked
	// when every pass is done (checkDetached).
	detached []detachedPartition
	// defRels are the relations ("schema.name") the files create without
	// a schema while another schema is first in search_path: queries read
	// them there, and type names their row types there; collations made
	// so are in it as "collation:schema.name", and functions made outside
	// public as "function:schema.name".
	defRels map[string]bool
	// tables finds tables by "schema.name" without scanning the model's
	// lists: thousands of tables each look others up.
	tables map[string]*engines.Table
	// sites are the definitions renamed-from annotations may belong to, by
	// file, for the files that hold annotations.
	sites map[string][]engines.RenameSite
}

// parseFiles reads schema files into the model.
func parseFiles(ctx context.Context, files []engines.File, opts engines.ParseOptions) (*engines.Database, error) {
	p := &parser{
		db:      &engines.Database{Engine: "postgres"},
		opts:    opts,
		defined: map[string]stmtAt{},
		rels:    map[string]map[string]bool{},
		cons:    map[string]map[string]bool{},
		tables:  map[string]*engines.Table{},
		sites:   map[string][]engines.RenameSite{},
	}
	p.db.EnsureSchema("public")
	p.defSchema = opts.DefaultSchema
	if p.defSchema == "" {
		p.defSchema = "public"
	}
	p.db.EnsureSchema(p.defSchema)
	stmts, err := splitFiles(ctx, files)
	if err != nil {
		return nil, err
	}
	stmts = expandSchemaElements(p.expandDoBlocks(stmts))
	foreignTablesAsTables(stmts)
	for i := range stmts {
		stmts[i].seq = i
	}
	// Unqualified names go where the server would put them: the default
	// schema, or the first schema of a SET search_path earlier in the file.
	if schemas := statementSchemas(stmts, p.defSchema); schemas != nil {
		base := p.defSchema
		p.defTypes = unqualifiedTypes(stmts)
		p.defRels = unqualifiedRelations(stmts, schemas)
		for i, s := range stmts {
			p.defSchema = schemas[i]
			p.db.EnsureSchema(p.defSchema)
			p.qualifyDefaults(s.node)
		}
		p.defSchema = base
	}
	stmts = applyReplaces(stmts)
	if stmts, err = p.applyDrops(stmts); err != nil {
		return nil, err
	}
	stmts = dropIndexesOfDroppedColumns(stmts)
	// Passes make the order of files and statements irrelevant: containers
	// and types first, then tables and routines, then what refers to them.
	passes := make([]int, len(stmts))
	for i, s := range stmts {
		passes[i] = stmtPass(s.node)
	}
	for pass := 0; pass <= maxPass; pass++ {
		if pass == maxPass {
			// Before the grants: what the files create takes the default
			// privileges in effect where it is created.
			if err := p.defaultPrivileges(stmts); err != nil {
				return nil, err
			}
		}
		for i, s := range stmts {
			if passes[i] != pass {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err := p.statement(s); err != nil {
				var se *engines.StatementError
				if errors.As(err, &se) {
					return nil, err
				}
				return nil, &engines.StatementError{File: s.file, Line: s.line, Statement: s.text, Err: err}
			}
			// The syntax tree is done with: letting each go as the passes
			// advance frees most of a big parse's memory before it ends.
			stmts[i].node = nil
		}
	}
	p.copyLikes()
	p.settleInheritedDefaults()
	p.settlePartitionNotNulls()
	if err := p.checkDetached(); err != nil {
		return nil, err
	}
	for _, f := range files {
		if engines.HasRenameNotes(f.Text) {
			// Unquoted names fold to lower case, as in SQL.
			if err := engines.AttachRenames(f, p.sites[f.Path], strings.ToLower); err != nil {
				return nil, err
			}
		}
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	p.db.Sort()
	return p.db, nil
}

const maxPass = 7

// stmtPass says in which pass a statement is applied.
func stmtPass(n *pg_query.Node) int {
	switch n.Node.(type) {
	case *pg_query.Node_CreateSchemaStmt, *pg_query.Node_CreateExtensionStmt:
		return 0
	case *pg_query.Node_CreateEnumStmt, *pg_query.Node_CreateDomainStmt, *pg_query.Node_CompositeTypeStmt,
		*pg_query.Node_CreateSeqStmt, *pg_query.Node_CreateRangeStmt,
		*pg_query.Node_CreateFdwStmt, *pg_query.Node_CreateForeignServerStmt, *pg_query.Node_CreateUserMappingStmt:
		return 1
	case *pg_query.Node_AlterEnumStmt, *pg_query.Node_CreateStmt, *pg_query.Node_CreateFunctionStmt, *pg_query.Node_CreateForeignTableStmt:
		return 2
	case *pg_query.Node_ViewStmt, *pg_query.Node_CreateTableAsStmt:
		return 3
	case *pg_query.Node_AlterTableStmt:
		// USING INDEX names an index, which exists from pass 5 on.
		if alterTableUsesIndex(n.GetAlterTableStmt()) || alterTableTouchesRules(n.GetAlterTableStmt()) {
			return 6
		}
		if n.GetAlterTableStmt().GetObjtype() == pg_query.ObjectType_OBJECT_INDEX {
			// ALTER INDEX ... ATTACH PARTITION names indexes, too.
			return 6
		}
		return 4
	case *pg_query.Node_AlterSeqStmt:
		return 4
	case *pg_query.Node_IndexStmt, *pg_query.Node_CreateTrigStmt, *pg_query.Node_CreatePolicyStmt, *pg_query.Node_CreateEventTrigStmt,
		*pg_query.Node_CreatePublicationStmt, *pg_query.Node_CreateStatsStmt, *pg_query.Node_RuleStmt:
		return 5
	case *pg_query.Node_AlterPolicyStmt, *pg_query.Node_AlterStatsStmt, *pg_query.Node_AlterEventTrigStmt, *pg_query.Node_AlterPublicationStmt,
		*pg_query.Node_AlterFdwStmt, *pg_query.Node_AlterForeignServerStmt, *pg_query.Node_AlterUserMappingStmt,
		*pg_query.Node_ClusterStmt, *pg_query.Node_AlterOperatorStmt:
		return 6
	case *pg_query.Node_CommentStmt, *pg_query.Node_GrantStmt, *pg_query.Node_AlterDefaultPrivilegesStmt:
		return 7
	}
	// Ignored and unsupported statements are reported in the first pass.
	return 0
}

// splitFiles parses the files on every core (pg_query is thread-safe and
// a dumped version is thousands of small files) and returns their
// statements in file order; the error is the first file's in that order.
func splitFiles(ctx context.Context, files []engines.File) ([]stmtAt, error) {
	per := make([][]stmtAt, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), len(files)); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				per[i], errs[i] = splitFile(files[i])
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := 0
	for i := range files {
		if errs[i] != nil {
			return nil, errs[i]
		}
		n += len(per[i])
	}
	stmts := make([]stmtAt, 0, n)
	for _, s := range per {
		stmts = append(stmts, s...)
	}
	return stmts, nil
}

// splitFile parses one file into statements with their first lines.
func splitFile(f engines.File) ([]stmtAt, error) {
	tree, err := pg_query.Parse(f.Text)
	if err != nil {
		return nil, syntaxError(f, err)
	}
	var out []stmtAt
	notes := engines.HasRenameNotes(f.Text)
	// Lines are counted from the previous statement on, not from the top
	// of the file each time: files of thousands of statements stay linear.
	line, counted := 1, 0
	for _, raw := range tree.Stmts {
		start := int(raw.StmtLocation)
		end := len(f.Text)
		if raw.StmtLen > 0 {
			end = start + int(raw.StmtLen)
		}
		start = skipSpaceAndComments(f.Text, start, end)
		if start >= counted {
			line += strings.Count(f.Text[counted:start], "\n")
			counted = start
		}
		out = append(out, stmtAt{
			file:   f.Path,
			line:   line,
			text:   strings.TrimSpace(f.Text[start:end]),
			node:   raw.Stmt,
			offset: start,
			notes:  notes,
		})
	}
	return out, nil
}

// skipSpaceAndComments returns the offset of the first token at or after start.
func skipSpaceAndComments(text string, start, end int) int {
	for start < end {
		switch {
		case text[start] == ' ' || text[start] == '\t' || text[start] == '\n' || text[start] == '\r' || text[start] == '\f':
			start++
		case strings.HasPrefix(text[start:end], "--"):
			i := strings.IndexByte(text[start:end], '\n')
			if i < 0 {
				return end
			}
			start += i + 1
		case strings.HasPrefix(text[start:end], "/*"):
			i := strings.Index(text[start+2:end], "*/")
			if i < 0 {
				return end
			}
			start += i + 4
		default:
			return start
		}
	}
	return start
}

// syntaxError places a parse error at the line of the server's cursor.
func syntaxError(f engines.File, err error) error {
	offset := -1
	var perr *pgparser.Error
	if errors.As(err, &perr) && perr.Cursorpos > 0 {
		// The cursor counts characters from 1; convert it to a byte offset.
		chars := 0
		for i := range f.Text {
			chars++
			if chars == perr.Cursorpos {
				offset = i
				break
			}
		}
	}
	line, stmt := 0, ""
	if parts, serr := pg_query.SplitWithScanner(f.Text, false); serr == nil {
		pos := 0
		for _, part := range parts {
			i := strings.Index(f.Text[pos:], part)
			if i < 0 {
				break
			}
			partStart, partEnd := pos+i, pos+i+len(part)
			pos = partEnd
			if offset < 0 || offset < partEnd+1 {
				first := skipSpaceAndComments(f.Text, partStart, partEnd)
				stmt = strings.TrimSpace(part)
				line = 1 + strings.Count(f.Text[:first], "\n")
				break
			}
		}
	}
	if offset >= 0 {
		line = 1 + strings.Count(f.Text[:offset], "\n")
	}
	return &engines.StatementError{File: f.Path, Line: line, Statement: stmt, Err: fmt.Errorf("syntax error: %w", err)}
}

// stmtKind names a statement's node type for messages ("InsertStmt").
func stmtKind(n *pg_query.Node) string {
	k := fmt.Sprintf("%T", n.Node)
	return strings.TrimPrefix(k, "*pg_query.Node_")
}

func (p *parser) warn(msg string) {
	if p.opts.Warn != nil {
		p.opts.Warn(msg)
	}
}

// unsupported fails, or warns when the caller asked to skip such statements.
func (p *parser) unsupported(s stmtAt, what string) error {
	if p.opts.SkipUnsupported {
		p.warn(fmt.Sprintf("%s: skipped unsupported statement: %s", s.where(), what))
		return nil
	}
	return &engines.StatementError{File: s.file, Line: s.line, Statement: s.text, Err: fmt.Errorf("%w: %s", errUnsupported, what)}
}

// relationKinds share one namespace per schema (pg_class): a view may not
// take a table's name.
var relationKinds = map[string]bool{"table": true, "view": true, "materialized view": true, "sequence": true, "index": true}

// define records an object definition and fails on a second one.
func (p *parser) define(s stmtAt, kind, qualified string) error {
	key := kind + " " + qualified
	if relationKinds[kind] {
		key = "relation " + qualified
	}
	if prev, ok := p.defined[key]; ok {
		return &engines.StatementError{File: s.file, Line: s.line, Statement: s.text,
			Err: fmt.Errorf("%s %s is defined twice (tables, views, sequences and indexes share names): at %s and at %s", kind, qualified, prev.where(), s.where())}
	}
	s.node = nil // only where() is needed later: keep no syntax tree alive
	p.defined[key] = s
	return nil
}

// definedBefore reports whether the files define the object (kind and
// qualified name as define takes them) before statement s, as a script
// run in the files' order would; an object no statement of its own
// defines (a serial column's sequence) counts as defined.
func (p *parser) definedBefore(kind, qualified string, s stmtAt) bool {
	key := kind + " " + qualified
	if relationKinds[kind] {
		key = "relation " + qualified
	}
	prev, ok := p.defined[key]
	return !ok || prev.seq < s.seq
}

func (p *parser) relTaken(schema string) func(string) bool {
	return func(n string) bool { return p.rels[schema][n] }
}

func (p *parser) conTaken(schema string) func(string) bool {
	return func(n string) bool { return p.cons[schema][n] }
}

func addName(m map[string]map[string]bool, schema, name string) {
	if m[schema] == nil {
		m[schema] = map[string]bool{}
	}
	m[schema][name] = true
}

// statement applies one statement to the model.
func (p *parser) statement(s stmtAt) error {
	if err := checkGrammarOnly(s.node); err != nil {
		return err
	}
	switch n := s.node.Node.(type) {
	case *pg_query.Node_CreateSchemaStmt:
		return p.createSchema(s, n.CreateSchemaStmt)
	case *pg_query.Node_CreateExtensionStmt:
		return p.createExtension(s, n.CreateExtensionStmt)
	case *pg_query.Node_CreateEnumStmt:
		return p.createEnum(s, n.CreateEnumStmt)
	case *pg_query.Node_CreateDomainStmt:
		return p.createDomain(s, n.CreateDomainStmt)
	case *pg_query.Node_CreateRangeStmt:
		return p.createRange(s, n.CreateRangeStmt)
	case *pg_query.Node_CompositeTypeStmt:
		schema, name := rangeVarName(n.CompositeTypeStmt.Typevar)
		addName(p.rels, schema, name)
		return p.createDefinedType(s, schema, name, engines.CompositeType)
	case *pg_query.Node_AlterEnumStmt:
		return p.alterEnum(s, n.AlterEnumStmt)
	case *pg_query.Node_CreateSeqStmt:
		return p.createSequence(s, n.CreateSeqStmt)
	case *pg_query.Node_AlterSeqStmt:
		return p.alterSequence(s, n.AlterSeqStmt)
	case *pg_query.Node_CreateStmt:
		return p.createTable(s, n.CreateStmt)
	case *pg_query.Node_CreateForeignTableStmt:
		return p.createForeignTable(s, n.CreateForeignTableStmt)
	case *pg_query.Node_AlterTableStmt:
		return p.alterTable(s, n.AlterTableStmt)
	case *pg_query.Node_IndexStmt:
		return p.createIndex(s, n.IndexStmt)
	case *pg_query.Node_CreateFunctionStmt:
		return p.createFunction(s, n.CreateFunctionStmt)
	case *pg_query.Node_DefineStmt:
		switch n.DefineStmt.Kind {
		case pg_query.ObjectType_OBJECT_AGGREGATE:
			return p.createAggregate(s, n.DefineStmt)
		case pg_query.ObjectType_OBJECT_COLLATION:
			return p.createCollation(s, n.DefineStmt)
		case pg_query.ObjectType_OBJECT_OPERATOR:
			return p.createOperator(s, n.DefineStmt)
		case pg_query.ObjectType_OBJECT_TSCONFIGURATION:
			return p.createTSConfig(s, n.DefineStmt)
		case pg_query.ObjectType_OBJECT_TSDICTIONARY:
			return p.createTSDict(s, n.DefineStmt)
		}
	case *pg_query.Node_AlterTsdictionaryStmt:
		return p.alterTSDict(n.AlterTsdictionaryStmt)
	case *pg_query.Node_AlterTsconfigurationStmt:
		return p.alterTSConfig(n.AlterTsconfigurationStmt)
	case *pg_query.Node_AlterOperatorStmt:
		return p.alterOperator(n.AlterOperatorStmt)
	case *pg_query.Node_CreateTrigStmt:
		return p.createTrigger(s, n.CreateTrigStmt)
	case *pg_query.Node_CreateEventTrigStmt:
		return p.createEventTrigger(s, n.CreateEventTrigStmt)
	case *pg_query.Node_CreatePublicationStmt:
		return p.createPublication(s, n.CreatePublicationStmt)
	case *pg_query.Node_CreateFdwStmt:
		return p.createFDW(s, n.CreateFdwStmt)
	case *pg_query.Node_AlterFdwStmt:
		return p.alterFDW(s, n.AlterFdwStmt)
	case *pg_query.Node_CreateForeignServerStmt:
		return p.createForeignServer(s, n.CreateForeignServerStmt)
	case *pg_query.Node_AlterForeignServerStmt:
		return p.alterForeignServer(s, n.AlterForeignServerStmt)
	case *pg_query.Node_CreateUserMappingStmt:
		return p.createUserMapping(s, n.CreateUserMappingStmt)
	case *pg_query.Node_AlterUserMappingStmt:
		return p.alterUserMapping(s, n.AlterUserMappingStmt)
	case *pg_query.Node_AlterPublicationStmt:
		return p.alterPublication(s, n.AlterPublicationStmt)
	case *pg_query.Node_AlterEventTrigStmt:
		return p.alterEventTrigger(s, n.AlterEventTrigStmt)
	case *pg_query.Node_ViewStmt:
		return p.createView(s, n.ViewStmt)
	case *pg_query.Node_CreateTableAsStmt:
		return p.createMatView(s, n.CreateTableAsStmt)
	case *pg_query.Node_CommentStmt:
		return p.comment(s, n.CommentStmt)
	case *pg_query.Node_CreatePolicyStmt:
		return p.createPolicy(s, n.CreatePolicyStmt)
	case *pg_query.Node_RuleStmt:
		return p.createRule(s, n.RuleStmt)
	case *pg_query.Node_CreateCastStmt:
		return p.createCast(s, n.CreateCastStmt)
	case *pg_query.Node_ClusterStmt:
		// CLUSTER t USING i marks i as ALTER TABLE … CLUSTER ON does (and
		// sorts the rows, which are data); a bare CLUSTER only sorts.
		cs := n.ClusterStmt
		if cs.Relation == nil || cs.Indexname == "" {
			return nil
		}
		schema, name := rangeVarName(cs.Relation)
		t := p.findTable(schema, name)
		if t == nil {
			return fmt.Errorf("CLUSTER: table %s.%s is not defined in the schema files", schema, name)
		}
		t.ClusterOn = cs.Indexname
		return nil
	case *pg_query.Node_CreateStatsStmt:
		return p.createStatistics(s, n.CreateStatsStmt)
	case *pg_query.Node_AlterStatsStmt:
		return p.alterStatistics(n.AlterStatsStmt)
	case *pg_query.Node_AlterPolicyStmt:
		return p.alterPolicy(s, n.AlterPolicyStmt)
	case *pg_query.Node_VariableSetStmt, *pg_query.Node_TransactionStmt:
		// Session settings and transaction control (pg_dump prints them) are not schema.
		return nil
	case *pg_query.Node_AlterOwnerStmt:
		// Ownership is not managed: the applying role owns what it creates.
		return nil
	case *pg_query.Node_GrantStmt:
		return p.grant(s, n.GrantStmt)
	case *pg_query.Node_AlterDefaultPrivilegesStmt:
		return nil // read before the pass (defaultPrivileges)
	case *pg_query.Node_GrantRoleStmt:
		p.warn(fmt.Sprintf("%s: role membership is not schema; ignored %s", s.where(), stmtKind(s.node)))
		return nil
	case *pg_query.Node_SelectStmt:
		switch selectedCall(n.SelectStmt) {
		case "set_config":
			return nil
		case "setval":
			// A sequence's current value (pg_dump prints one per
			// sequence) is data, as rows are.
			p.ignoreRows(s)
			return nil
		}
	case *pg_query.Node_InsertStmt, *pg_query.Node_UpdateStmt, *pg_query.Node_DeleteStmt, *pg_query.Node_RefreshMatViewStmt:
		p.ignoreRows(s)
		return nil
	case *pg_query.Node_DoStmt:
		if rolesOnlyDoBlock(n.DoStmt) {
			p.warn(fmt.Sprintf("%s: DO block ignored: it only creates or changes roles, which belong to the server, not to the schema", s.where()))
			return nil
		}
	case *pg_query.Node_CreateRoleStmt, *pg_query.Node_AlterRoleStmt, *pg_query.Node_DropRoleStmt:
		p.warn(fmt.Sprintf("%s: %s ignored: roles belong to the server, not to the schema", s.where(), stmtKind(s.node)))
		return nil
	}
	return p.unsupported(s, unsupportedWhat(s.node))
}

// ignoreRows warns, once per file, that statements changing rows are left
// out: schema files may carry seed data or data migrations, but what is
// synchronized is the schema.
func (p *parser) ignoreRows(s stmtAt) {
	if p.dataWarned[s.file] {
		return
	}
	if p.dataWarned == nil {
		p.dataWarned = map[string]bool{}
	}
	p.dataWarned[s.file] = true
	kind := "DELETE"
	switch s.node.Node.(type) {
	case *pg_query.Node_InsertStmt:
		kind = "INSERT"
	case *pg_query.Node_UpdateStmt:
		kind = "UPDATE"
	case *pg_query.Node_RefreshMatViewStmt:
		kind = "REFRESH MATERIALIZED VIEW"
	case *pg_query.Node_SelectStmt:
		kind = "SELECT setval(…)"
	}
	p.warn(fmt.Sprintf("%s: %s ignored, and the file's other statements that change rows: rows are data, and only the schema is synchronized", s.where(), kind))
}

// unsupportedWhat names a statement the model does not hold for the error.
func unsupportedWhat(n *pg_query.Node) string {
	switch x := n.Node.(type) {
	case *pg_query.Node_DoStmt:
		return "DO block (what its code does cannot be read from the file)"
	case *pg_query.Node_DefineStmt:
		k := strings.ReplaceAll(strings.TrimPrefix(x.DefineStmt.Kind.String(), "OBJECT_"), "_", " ")
		if t, ok := strings.CutPrefix(k, "TS"); ok {
			k = "TEXT SEARCH " + t
		}
		return "CREATE " + k
	case *pg_query.Node_AlterTsconfigurationStmt:
		return "ALTER TEXT SEARCH CONFIGURATION"
	}
	return stmtKind(n)
}

// selectedCall names the function of pg_dump's SELECT pg_catalog.f(...)
// statements (set_config, setval); "" for other statements.
func selectedCall(sel *pg_query.SelectStmt) string {
	if len(sel.TargetList) != 1 || len(sel.FromClause) > 0 {
		return ""
	}
	fc := sel.TargetList[0].GetResTarget().GetVal().GetFuncCall()
	if fc == nil {
		return ""
	}
	names := stringList(fc.Funcname)
	if len(names) == 0 || (len(names) == 2 && names[0] != "pg_catalog") {
		return ""
	}
	return names[len(names)-1]
}

// unqualifiedTypes lists the types (and, as "name()", the functions) that
// statements create without a schema.
func unqualifiedTypes(stmts []stmtAt) map[string]bool {
	out := map[string]bool{}
	add := func(names []*pg_query.Node) {
		if l := stringList(names); len(l) == 1 {
			out[l[0]] = true
		}
	}
	for _, s := range stmts {
		switch n := s.node.Node.(type) {
		case *pg_query.Node_CreateEnumStmt:
			add(n.CreateEnumStmt.TypeName)
		case *pg_query.Node_CreateDomainStmt:
			add(n.CreateDomainStmt.Domainname)
		case *pg_query.Node_CreateRangeStmt:
			add(n.CreateRangeStmt.TypeName)
		case *pg_query.Node_CompositeTypeStmt:
			if rv := n.CompositeTypeStmt.Typevar; rv != nil && rv.Schemaname == "" {
				out[rv.Relname] = true
			}
		case *pg_query.Node_CreateFunctionStmt:
			// Functions share the set under a "()" suffix: a trigger names
			// its function without a schema.
			if l := stringList(n.CreateFunctionStmt.Funcname); len(l) == 1 {
				out[l[0]+"()"] = true
			}
		case *pg_query.Node_DefineStmt:
			if l := stringList(n.DefineStmt.Defnames); len(l) == 1 && n.DefineStmt.Kind == pg_query.ObjectType_OBJECT_AGGREGATE {
				out[l[0]+"()"] = true
			}
		}
	}
	return out
}

// bareIdent is a name that needs no quotes and has no schema.
var bareIdent = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$`)

// qualifyOwnedBy puts the default schema into OWNED BY table.column: the
// server finds the table through search_path, and a sequence must be in
// its table's schema.
func (p *parser) qualifyOwnedBy(options []*pg_query.Node) {
	for _, o := range options {
		d := o.GetDefElem()
		if d == nil || d.Defname != "owned_by" {
			continue
		}
		if l := d.GetArg().GetList(); l != nil && len(l.Items) == 2 {
			l.Items = append([]*pg_query.Node{pg_query.MakeStrNode(p.defSchema)}, l.Items...)
		}
	}
}

// unqualifiedRelations lists the relations ("schema.name") made outside
// public, qualified or in the schema a statement's bare names resolve to,
// the collations ("collation:schema.name") statements create without a
// schema there, and the functions ("function:schema.name") created outside
// public, however named.
func unqualifiedRelations(stmts []stmtAt, schemas []string) map[string]bool {
	out := map[string]bool{}
	add := func(i int, rv *pg_query.RangeVar) {
		switch {
		case rv == nil:
		case rv.Schemaname == "" && schemas[i] != "public":
			out[schemas[i]+"."+rv.Relname] = true
		case rv.Schemaname != "" && rv.Schemaname != "public":
			// Made qualified: a bare name still finds it first in search_path.
			out[rv.Schemaname+"."+rv.Relname] = true
		}
	}
	for i, s := range stmts {
		switch n := s.node.Node.(type) {
		case *pg_query.Node_CreateStmt:
			add(i, n.CreateStmt.Relation)
		case *pg_query.Node_ViewStmt:
			add(i, n.ViewStmt.View)
		case *pg_query.Node_CreateTableAsStmt:
			add(i, n.CreateTableAsStmt.GetInto().GetRel())
		case *pg_query.Node_CreateSeqStmt:
			add(i, n.CreateSeqStmt.Sequence)
		case *pg_query.Node_CreateForeignTableStmt:
			add(i, n.CreateForeignTableStmt.GetBaseStmt().GetRelation())
		case *pg_query.Node_DefineStmt:
			if l := stringList(n.DefineStmt.Defnames); n.DefineStmt.Kind == pg_query.ObjectType_OBJECT_COLLATION && len(l) == 1 && schemas[i] != "public" {
				out["collation:"+schemas[i]+"."+l[0]] = true
			}
		case *pg_query.Node_CreateFunctionStmt:
			// Qualified or not: a bare call finds it first in search_path.
			switch l := stringList(n.CreateFunctionStmt.Funcname); {
			case len(l) == 1 && schemas[i] != "public":
				out["function:"+schemas[i]+"."+l[0]] = true
			case len(l) == 2 && l[0] != "public":
				out["function:"+l[0]+"."+l[1]] = true
			}
		}
	}
	return out
}

// statementSchemas returns, for each statement, the schema unqualified
// names resolve to: base, unless a SET search_path earlier in the same file
// names another schema first. It returns nil when every statement uses
// "public", where no qualification is needed.
func statementSchemas(stmts []stmtAt, base string) []string {
	out := make([]string, len(stmts))
	cur, file, other := base, "", base != "public"
	for i, s := range stmts {
		if i == 0 || s.file != file {
			cur, file = base, s.file // settings end with the file's session
		}
		if vs := s.node.GetVariableSetStmt(); vs != nil && strings.EqualFold(vs.Name, "search_path") {
			switch vs.Kind {
			case pg_query.VariableSetKind_VAR_SET_VALUE:
				if first := firstSearchSchema(vs); first != "" {
					cur = first
				}
			case pg_query.VariableSetKind_VAR_SET_DEFAULT, pg_query.VariableSetKind_VAR_RESET:
				cur = base
			}
		}
		out[i] = cur
		other = other || cur != "public"
	}
	if !other {
		return nil
	}
	return out
}

// firstSearchSchema is the schema new objects go to under a search_path
// setting: its first element, except "$user" (no schema by that name is
// managed) and the system schemas.
func firstSearchSchema(vs *pg_query.VariableSetStmt) string {
	for _, part := range strings.Split(variableSetValue(vs), ",") {
		name := strings.TrimSpace(part)
		switch name {
		case "", "$user", "pg_catalog", "pg_temp", "information_schema":
			continue
		}
		return name
	}
	return ""
}

// qualifyDefaults puts the default schema into the unqualified names of a
// statement, the way the server resolves them with that schema first in
// search_path: the relations and routines a DDL statement creates or
// names, and the types the files define. Relations read by queries keep
// their text (a CTE name is not a table).
func (p *parser) qualifyDefaults(stmt *pg_query.Node) {
	prepend := func(names []*pg_query.Node) []*pg_query.Node {
		return append([]*pg_query.Node{pg_query.MakeStrNode(p.defSchema)}, names...)
	}
	one := func(names []*pg_query.Node) []*pg_query.Node {
		if len(names) == 1 {
			return prepend(names)
		}
		return names
	}
	switch n := stmt.Node.(type) {
	case *pg_query.Node_CreateSeqStmt:
		p.qualifyOwnedBy(n.CreateSeqStmt.Options)
	case *pg_query.Node_AlterSeqStmt:
		p.qualifyOwnedBy(n.AlterSeqStmt.Options)
	case *pg_query.Node_CreateEnumStmt:
		n.CreateEnumStmt.TypeName = one(n.CreateEnumStmt.TypeName)
	case *pg_query.Node_AlterEnumStmt:
		n.AlterEnumStmt.TypeName = one(n.AlterEnumStmt.TypeName)
	case *pg_query.Node_CreateDomainStmt:
		n.CreateDomainStmt.Domainname = one(n.CreateDomainStmt.Domainname)
	case *pg_query.Node_CreateRangeStmt:
		n.CreateRangeStmt.TypeName = one(n.CreateRangeStmt.TypeName)
	case *pg_query.Node_CreateFunctionStmt:
		n.CreateFunctionStmt.Funcname = one(n.CreateFunctionStmt.Funcname)
	case *pg_query.Node_CreateStatsStmt:
		n.CreateStatsStmt.Defnames = one(n.CreateStatsStmt.Defnames)
	case *pg_query.Node_AlterStatsStmt:
		n.AlterStatsStmt.Defnames = one(n.AlterStatsStmt.Defnames)
	case *pg_query.Node_AlterOperatorStmt:
		if owa := n.AlterOperatorStmt.Opername; owa != nil {
			owa.Objname = one(owa.Objname)
		}
	case *pg_query.Node_AlterTsconfigurationStmt:
		n.AlterTsconfigurationStmt.Cfgname = one(n.AlterTsconfigurationStmt.Cfgname)
	case *pg_query.Node_AlterTsdictionaryStmt:
		n.AlterTsdictionaryStmt.Dictname = one(n.AlterTsdictionaryStmt.Dictname)
	case *pg_query.Node_DefineStmt:
		if k := n.DefineStmt.Kind; k == pg_query.ObjectType_OBJECT_COLLATION || k == pg_query.ObjectType_OBJECT_OPERATOR ||
			k == pg_query.ObjectType_OBJECT_TSCONFIGURATION || k == pg_query.ObjectType_OBJECT_TSDICTIONARY {
			n.DefineStmt.Defnames = one(n.DefineStmt.Defnames)
		}
		if n.DefineStmt.Kind == pg_query.ObjectType_OBJECT_AGGREGATE {
			n.DefineStmt.Defnames = one(n.DefineStmt.Defnames)
			// Support functions the files define resolve like calls.
			for _, o := range n.DefineStmt.Definition {
				d := o.GetDefElem()
				tn := d.GetArg().GetTypeName()
				if tn == nil || !strings.HasSuffix(strings.TrimSuffix(strings.ToLower(d.Defname), "1"), "func") {
					continue
				}
				if l := stringList(tn.Names); len(l) == 1 && p.defTypes[l[0]+"()"] {
					tn.Names = prepend(tn.Names)
				}
			}
		}
	case *pg_query.Node_CreateTrigStmt:
		if l := stringList(n.CreateTrigStmt.Funcname); len(l) == 1 && p.defTypes[l[0]+"()"] {
			n.CreateTrigStmt.Funcname = prepend(n.CreateTrigStmt.Funcname)
		}
	case *pg_query.Node_CreateEventTrigStmt:
		if l := stringList(n.CreateEventTrigStmt.Funcname); len(l) == 1 && p.defTypes[l[0]+"()"] {
			n.CreateEventTrigStmt.Funcname = prepend(n.CreateEventTrigStmt.Funcname)
		}
	case *pg_query.Node_DropStmt:
		ds := n.DropStmt
		for _, o := range ds.Objects {
			switch ds.RemoveType {
			case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW, pg_query.ObjectType_OBJECT_MATVIEW,
				pg_query.ObjectType_OBJECT_SEQUENCE, pg_query.ObjectType_OBJECT_INDEX, pg_query.ObjectType_OBJECT_STATISTIC_EXT,
				pg_query.ObjectType_OBJECT_TSCONFIGURATION, pg_query.ObjectType_OBJECT_TSDICTIONARY:
				if l := o.GetList(); l != nil {
					l.Items = one(l.Items)
				}
			case pg_query.ObjectType_OBJECT_TRIGGER, pg_query.ObjectType_OBJECT_POLICY, pg_query.ObjectType_OBJECT_RULE:
				if l := o.GetList(); l != nil && len(l.Items) == 2 {
					l.Items = prepend(l.Items)
				}
			case pg_query.ObjectType_OBJECT_TYPE, pg_query.ObjectType_OBJECT_DOMAIN:
				if tn := o.GetTypeName(); tn != nil {
					tn.Names = one(tn.Names)
				}
			case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE,
				pg_query.ObjectType_OBJECT_AGGREGATE, pg_query.ObjectType_OBJECT_OPERATOR:
				if owa := o.GetObjectWithArgs(); owa != nil {
					owa.Objname = one(owa.Objname)
				}
			}
		}
	case *pg_query.Node_CommentStmt:
		cs := n.CommentStmt
		switch cs.Objtype {
		case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW, pg_query.ObjectType_OBJECT_MATVIEW,
			pg_query.ObjectType_OBJECT_SEQUENCE, pg_query.ObjectType_OBJECT_INDEX, pg_query.ObjectType_OBJECT_STATISTIC_EXT,
			pg_query.ObjectType_OBJECT_TSCONFIGURATION, pg_query.ObjectType_OBJECT_TSDICTIONARY:
			if l := cs.Object.GetList(); l != nil {
				l.Items = one(l.Items)
			}
		case pg_query.ObjectType_OBJECT_COLUMN, pg_query.ObjectType_OBJECT_TABCONSTRAINT, pg_query.ObjectType_OBJECT_TRIGGER,
			pg_query.ObjectType_OBJECT_RULE:
			if l := cs.Object.GetList(); l != nil && len(l.Items) == 2 {
				l.Items = prepend(l.Items)
			}
		case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE,
			pg_query.ObjectType_OBJECT_AGGREGATE, pg_query.ObjectType_OBJECT_OPERATOR:
			if owa := cs.Object.GetObjectWithArgs(); owa != nil {
				owa.Objname = one(owa.Objname)
			}
		}
	}
	// A query reads an unqualified relation from the first schema of
	// search_path that has it: a relation the files make there, unless a
	// CTE of the statement has the name.
	var ctes map[string]bool
	if p.defSchema != "public" && len(p.defRels) > 0 {
		walkNodes(stmt, func(n *pg_query.Node) {
			if c := n.GetCommonTableExpr(); c != nil {
				if ctes == nil {
					ctes = map[string]bool{}
				}
				ctes[c.Ctename] = true
			}
		})
	}
	var walk func(m protoreflect.Message, inQuery bool)
	walk = func(m protoreflect.Message, inQuery bool) {
		switch x := m.Interface().(type) {
		case *pg_query.RangeVar:
			if !inQuery && x.Schemaname == "" && x.Relpersistence != "t" {
				x.Schemaname = p.defSchema
			} else if inQuery && x.Schemaname == "" && p.defSchema != "public" && !ctes[x.Relname] && p.defRels[p.defSchema+"."+x.Relname] {
				x.Schemaname = p.defSchema
			}
		case *pg_query.TypeName:
			// A type the files define, or a relation's row type (first in
			// search_path where the files make the relation).
			if l := stringList(x.Names); len(l) == 1 && len(x.Names) == 1 &&
				(p.defTypes[l[0]] || (p.defSchema != "public" && p.defRels[p.defSchema+"."+l[0]])) {
				x.Names = prepend(x.Names)
			}
		case *pg_query.TypeCast:
			// 'seq'::regclass names a relation the server looks up where
			// it stands: a sequence made first in search_path is that one.
			if tn := stringList(x.GetTypeName().GetNames()); p.defSchema != "public" && len(tn) > 0 && tn[len(tn)-1] == "regclass" {
				if c := x.GetArg().GetAConst(); c != nil && c.GetSval() != nil {
					if v := c.GetSval().Sval; bareIdent.MatchString(v) && p.defRels[p.defSchema+"."+v] {
						c.GetSval().Sval = p.defSchema + "." + v
					}
				}
			}
		case *pg_query.CollateClause:
			if l := stringList(x.Collname); len(l) == 1 && len(x.Collname) == 1 && p.defSchema != "public" && p.defRels["collation:"+p.defSchema+"."+l[0]] {
				x.Collname = prepend(x.Collname)
			}
		case *pg_query.FuncCall:
			// A call of a function the files define resolves through the
			// search_path like a type; builtins stay bare.
			if l := stringList(x.Funcname); len(l) == 1 && len(x.Funcname) == 1 &&
				(p.defTypes[l[0]+"()"] || (p.defSchema != "public" && p.defRels["function:"+p.defSchema+"."+l[0]])) {
				x.Funcname = prepend(x.Funcname)
			}
		case *pg_query.SelectStmt, *pg_query.InsertStmt, *pg_query.UpdateStmt, *pg_query.DeleteStmt, *pg_query.MergeStmt:
			inQuery = true
		}
		m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			switch {
			case fd.IsList() && fd.Message() != nil:
				l := v.List()
				for i := 0; i < l.Len(); i++ {
					walk(l.Get(i).Message(), inQuery)
				}
			case fd.IsMap():
			case fd.Message() != nil:
				walk(v.Message(), inQuery)
			}
			return true
		})
	}
	walk(stmt.ProtoReflect(), false)
}

// foreignTablesAsTables reads COMMENT ON, DROP and ALTER of a FOREIGN
// TABLE as of a TABLE: the model holds foreign tables as tables with a
// server.
func foreignTablesAsTables(stmts []stmtAt) {
	for _, s := range stmts {
		switch x := s.node.Node.(type) {
		case *pg_query.Node_CommentStmt:
			if x.CommentStmt.Objtype == pg_query.ObjectType_OBJECT_FOREIGN_TABLE {
				x.CommentStmt.Objtype = pg_query.ObjectType_OBJECT_TABLE
			}
		case *pg_query.Node_DropStmt:
			if x.DropStmt.RemoveType == pg_query.ObjectType_OBJECT_FOREIGN_TABLE {
				x.DropStmt.RemoveType = pg_query.ObjectType_OBJECT_TABLE
			}
		case *pg_query.Node_AlterTableStmt:
			if x.AlterTableStmt.Objtype == pg_query.ObjectType_OBJECT_FOREIGN_TABLE {
				x.AlterTableStmt.Objtype = pg_query.ObjectType_OBJECT_TABLE
			}
		}
	}
}

// expandSchemaElements turns CREATE SCHEMA s CREATE TABLE … CREATE VIEW …
// into CREATE SCHEMA s and its elements, run with s first in search_path
// as the server runs them; the file's own search_path is set again after.
func expandSchemaElements(stmts []stmtAt) []stmtAt {
	var out []stmtAt
	var lastSet *pg_query.Node // the file's latest SET search_path
	for i, s := range stmts {
		if i == 0 || s.file != stmts[i-1].file {
			lastSet = nil
		}
		if vs := s.node.GetVariableSetStmt(); vs != nil && strings.EqualFold(vs.Name, "search_path") {
			lastSet = s.node
		}
		cs := s.node.GetCreateSchemaStmt()
		if cs == nil || len(cs.SchemaElts) == 0 || cs.Schemaname == "" {
			if out != nil {
				out = append(out, s)
			}
			continue
		}
		if out == nil {
			out = append(make([]stmtAt, 0, len(stmts)+8), stmts[:i]...)
		}
		elts := cs.SchemaElts
		cs.SchemaElts = nil
		out = append(out, s)
		at := func(n *pg_query.Node) stmtAt {
			c := s
			c.node = n
			return c
		}
		out = append(out, at(&pg_query.Node{Node: &pg_query.Node_VariableSetStmt{VariableSetStmt: &pg_query.VariableSetStmt{
			Kind: pg_query.VariableSetKind_VAR_SET_VALUE, Name: "search_path",
			Args: []*pg_query.Node{pg_query.MakeAConstStrNode(cs.Schemaname, 0)}}}}))
		for _, e := range elts {
			out = append(out, at(e))
		}
		restore := lastSet
		if restore == nil {
			restore = &pg_query.Node{Node: &pg_query.Node_VariableSetStmt{VariableSetStmt: &pg_query.VariableSetStmt{
				Kind: pg_query.VariableSetKind_VAR_RESET, Name: "search_path"}}}
		}
		out = append(out, at(restore))
	}
	if out == nil {
		return stmts
	}
	return out
}

// rangeVarName returns a relation's schema ("public" when unqualified) and name.
func rangeVarName(rv *pg_query.RangeVar) (schema, name string) {
	if rv == nil {
		return "public", ""
	}
	schema = rv.Schemaname
	if schema == "" {
		schema = "public"
	}
	return schema, rv.Relname
}

// nameListSchema splits a qualified name list into schema and name.
func nameListSchema(names []string) (schema, name string) {
	switch len(names) {
	case 0:
		return "public", ""
	case 1:
		return "public", names[0]
	default:
		return names[len(names)-2], names[len(names)-1]
	}
}

func (p *parser) createSchema(s stmtAt, cs *pg_query.CreateSchemaStmt) error {
	if len(cs.SchemaElts) > 0 {
		return p.unsupported(s, "CREATE SCHEMA with schema elements")
	}
	name := cs.Schemaname
	if name == "" && cs.Authrole != nil {
		name = cs.Authrole.Rolename
	}
	if name == "public" || p.db.Schema(name) != nil && cs.IfNotExists {
		p.db.EnsureSchema(name)
		return nil
	}
	if err := p.define(s, "schema", name); err != nil {
		return err
	}
	p.db.EnsureSchema(name)
	return nil
}

// initdbExtensions are the extensions initdb installs in every database:
// inspection leaves them out (their oids come before FirstNormalObjectId),
// so files that create them (older pg_dump output does) change nothing.
var initdbExtensions = map[string]bool{"plpgsql": true}

func (p *parser) createExtension(s stmtAt, ce *pg_query.CreateExtensionStmt) error {
	if initdbExtensions[ce.Extname] {
		return nil
	}
	for _, e := range p.db.Extensions {
		if e.Name == ce.Extname && ce.IfNotExists {
			return nil
		}
	}
	if err := p.define(s, "extension", ce.Extname); err != nil {
		return err
	}
	ext := &engines.Extension{Name: ce.Extname}
	for _, o := range ce.Options {
		d := o.GetDefElem()
		switch d.GetDefname() {
		case "schema":
			ext.Schema = defElemString(d)
		case "new_version":
			ext.Version = defElemString(d)
		}
	}
	p.db.Extensions = append(p.db.Extensions, ext)
	return nil
}

// findType returns a user type of the model, or nil.
func (p *parser) findType(schema, name string) *engines.Type {
	sc := p.db.Schema(schema)
	if sc == nil {
		return nil
	}
	for _, t := range sc.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func (p *parser) createEnum(s stmtAt, ce *pg_query.CreateEnumStmt) error {
	schema, name := nameListSchema(stringList(ce.TypeName))
	if err := p.define(s, "type", schema+"."+name); err != nil {
		return err
	}
	t := &engines.Type{Schema: schema, Name: name, Kind: engines.EnumType, Labels: stringList(ce.Vals)}
	sc := p.db.EnsureSchema(schema)
	sc.Types = append(sc.Types, t)
	return nil
}

// createDefinedType adds a domain or composite type, whose definition is
// the deparsed statement with the type name schema-qualified.
func (p *parser) createDefinedType(s stmtAt, schema, name string, kind engines.TypeKind) error {
	if err := p.define(s, "type", schema+"."+name); err != nil {
		return err
	}
	stmt := cloneNode(s.node)
	if d := stmt.GetCreateDomainStmt(); d != nil {
		d.Domainname = []*pg_query.Node{pg_query.MakeStrNode(schema), pg_query.MakeStrNode(name)}
	}
	if c := stmt.GetCompositeTypeStmt(); c != nil {
		c.Typevar.Schemaname = schema
		// An attribute of a user type is printed schema-qualified, as
		// inspection prints it (formatType's rule for column types).
		for _, n := range c.Coldeflist {
			tn := n.GetColumnDef().GetTypeName()
			if tn == nil || len(tn.Names) != 1 {
				continue
			}
			if schema, name, ok := userTypeName(tn); ok {
				tn.Names = []*pg_query.Node{pg_query.MakeStrNode(schema), pg_query.MakeStrNode(name)}
			}
		}
	}
	def, err := deparseStmt(stmt)
	if err != nil {
		return fmt.Errorf("deparse type %s.%s: %w", schema, name, err)
	}
	sc := p.db.EnsureSchema(schema)
	sc.Types = append(sc.Types, &engines.Type{Schema: schema, Name: name, Kind: kind, Definition: def})
	return nil
}

// createDomain adds a domain, broken down into its parts; unnamed checks
// get the names the server would give them.
func (p *parser) createDomain(s stmtAt, cd *pg_query.CreateDomainStmt) error {
	schema, name := nameListSchema(stringList(cd.Domainname))
	if err := p.define(s, "type", schema+"."+name); err != nil {
		return err
	}
	t, err := buildDomain(schema, name, cd)
	if err != nil {
		return err
	}
	for _, c := range t.Checks {
		if c.Name == "" {
			c.Name = chooseName(name, "", "check", p.conTaken(schema))
		}
		addName(p.cons, schema, c.Name)
	}
	t.Definition = createDomainSQL(t, nil)
	sc := p.db.EnsureSchema(schema)
	sc.Types = append(sc.Types, t)
	return nil
}

// createRange adds a range type.
func (p *parser) createRange(s stmtAt, cr *pg_query.CreateRangeStmt) error {
	schema, name := nameListSchema(stringList(cr.TypeName))
	if err := p.define(s, "type", schema+"."+name); err != nil {
		return err
	}
	t, err := buildRange(schema, name, cr)
	if err != nil {
		return err
	}
	// The server creates the multirange type beside it.
	addName(p.rels, schema, name)
	sc := p.db.EnsureSchema(schema)
	sc.Types = append(sc.Types, t)
	return nil
}

// buildRange turns CREATE TYPE ... AS RANGE into the model, its Definition
// printed with the options in one order and the multirange type name only
// when it is not the one the server derives. Function names are printed
// without the public and pg_catalog qualifiers: either is how a file names
// them (float8mi, a user's f).
func buildRange(schema, name string, cr *pg_query.CreateRangeStmt) (*engines.Type, error) {
	opts := map[string]string{}
	for _, n := range cr.Params {
		d := n.GetDefElem()
		if d == nil {
			continue
		}
		key := strings.ToLower(d.Defname)
		switch key {
		case "subtype":
			opts[key] = formatType(d.Arg.GetTypeName())
		case "subtype_opclass", "collation", "canonical", "subtype_diff", "multirange_type_name":
			var names []string
			if l := d.Arg.GetList(); l != nil {
				names = stringList(l.Items)
			} else if tn := d.Arg.GetTypeName(); tn != nil {
				names = stringList(tn.Names)
			} else {
				names = []string{defElemString(d)}
			}
			if len(names) == 2 && (names[0] == "pg_catalog" || names[0] == "public" || (key == "multirange_type_name" && names[0] == schema)) {
				names = names[1:]
			}
			q := make([]string, len(names))
			for i, x := range names {
				q[i] = quoteIdent(x)
			}
			opts[key] = strings.Join(q, ".")
		default:
			return nil, fmt.Errorf("%w: range type %s.%s: option %s", errUnsupported, schema, name, d.Defname)
		}
	}
	if opts["subtype"] == "" {
		return nil, fmt.Errorf("range type %s.%s: no subtype", schema, name)
	}
	if opts["multirange_type_name"] == quoteIdent(defaultMultirangeName(name)) {
		delete(opts, "multirange_type_name")
	}
	parts := []string{"subtype = " + opts["subtype"]}
	for _, k := range []string{"subtype_opclass", "collation", "canonical", "subtype_diff", "multirange_type_name"} {
		if v := opts[k]; v != "" {
			parts = append(parts, k+" = "+v)
		}
	}
	def := "CREATE TYPE " + qualify(schema, name) + " AS RANGE (" + strings.Join(parts, ", ") + ")"
	return &engines.Type{Schema: schema, Name: name, Kind: engines.RangeType, Definition: def}, nil
}

// defaultMultirangeName is the multirange type name the server derives
// from a range type's: "range" becomes "multirange", else "_multirange"
// is appended (makeMultirangeTypeName).
func defaultMultirangeName(rangeName string) string {
	if i := strings.Index(rangeName, "range"); i >= 0 {
		return clipName(rangeName[:i]+"multirange"+rangeName[i+len("range"):], maxIdentLen)
	}
	return clipName(rangeName, maxIdentLen-len("_multirange")) + "_multirange"
}

// buildDomain turns CREATE DOMAIN into the model. Files and the statement
// inspect rebuilds from the catalog both come through here.
func buildDomain(schema, name string, cd *pg_query.CreateDomainStmt) (*engines.Type, error) {
	t := &engines.Type{Schema: schema, Name: name, Kind: engines.DomainType, BaseType: formatType(cd.TypeName)}
	if cd.CollClause != nil {
		t.Collation = collationName(cd.CollClause.Collname)
	}
	for _, n := range cd.Constraints {
		c := n.GetConstraint()
		if c == nil {
			continue
		}
		switch c.Contype {
		case pg_query.ConstrType_CONSTR_NOTNULL:
			t.NotNull = true
		case pg_query.ConstrType_CONSTR_NULL:
			t.NotNull = false
		case pg_query.ConstrType_CONSTR_DEFAULT:
			// DEFAULT NULL stores no default at all.
			if !isNullExpr(c.RawExpr, t.BaseType) {
				t.Default = deparseExpr(c.RawExpr)
			}
		case pg_query.ConstrType_CONSTR_CHECK:
			t.Checks = append(t.Checks, &engines.Constraint{Name: c.Conname, Kind: engines.Check,
				Check: deparseExpr(c.RawExpr), NotValid: c.SkipValidation})
		default:
			return nil, fmt.Errorf("%w: domain %s.%s: constraint kind %s", errUnsupported, schema, name, c.Contype)
		}
	}
	return t, nil
}

// isNullExpr reports whether a default for a value of type typ is the
// NULL constant, which the server does not store: NULL, bare or cast to
// typ itself, when typ has no modifier (coercing to varchar(20), or from
// another type, leaves an expression the server keeps).
func isNullExpr(n *pg_query.Node, typ string) bool {
	if n == nil {
		return false
	}
	if tc := n.GetTypeCast(); tc != nil {
		if c := tc.Arg.GetAConst(); c == nil || !c.Isnull || len(tc.TypeName.GetTypmods()) > 0 {
			return false
		}
		return formatType(tc.TypeName) == typ && !strings.Contains(typ, "(")
	}
	c := n.GetAConst()
	return c != nil && c.Isnull && !strings.Contains(typ, "(")
}

func (p *parser) alterEnum(s stmtAt, ae *pg_query.AlterEnumStmt) error {
	schema, name := nameListSchema(stringList(ae.TypeName))
	t := p.findType(schema, name)
	if t == nil || t.Kind != engines.EnumType {
		return fmt.Errorf("ALTER TYPE: enum %s.%s is not defined in the schema files", schema, name)
	}
	if ae.OldVal != "" {
		for i, l := range t.Labels {
			if l == ae.OldVal {
				t.Labels[i] = ae.NewVal
				return nil
			}
		}
		return fmt.Errorf("ALTER TYPE %s.%s: no label %q", schema, name, ae.OldVal)
	}
	for _, l := range t.Labels {
		if l == ae.NewVal {
			if ae.SkipIfNewValExists {
				return nil
			}
			return fmt.Errorf("ALTER TYPE %s.%s: label %q already exists", schema, name, ae.NewVal)
		}
	}
	at := len(t.Labels)
	if ae.NewValNeighbor != "" {
		at = -1
		for i, l := range t.Labels {
			if l == ae.NewValNeighbor {
				at = i
				if ae.NewValIsAfter {
					at = i + 1
				}
			}
		}
		if at < 0 {
			return fmt.Errorf("ALTER TYPE %s.%s: no label %q", schema, name, ae.NewValNeighbor)
		}
	}
	t.Labels = append(t.Labels[:at], append([]string{ae.NewVal}, t.Labels[at:]...)...)
	return nil
}

// ---- sequences ----

// seqSpec holds sequence options as written; nil means not written.
type seqSpec struct {
	typ                               string
	increment, min, max, start, cache *int64
	cycle                             bool
}

// applySeqOption applies one CREATE/ALTER SEQUENCE or identity option.
func applySeqOption(spec *seqSpec, d *pg_query.DefElem) error {
	num := func() (*int64, error) {
		if d.Arg == nil {
			return nil, nil // NO MINVALUE / NO MAXVALUE
		}
		v, err := defElemInt(d)
		if err != nil {
			return nil, err
		}
		return &v, nil
	}
	var err error
	switch d.Defname {
	case "as":
		spec.typ = formatType(d.Arg.GetTypeName())
	case "increment":
		spec.increment, err = num()
	case "minvalue":
		spec.min, err = num()
	case "maxvalue":
		spec.max, err = num()
	case "start":
		spec.start, err = num()
	case "cache":
		spec.cache, err = num()
	case "cycle":
		spec.cycle = defElemBool(d)
	case "restart", "sequence_name", "owned_by", "logged", "unlogged":
		// restart is data, not schema; the others are handled by the caller.
	default:
		return fmt.Errorf("unsupported sequence option %q", d.Defname)
	}
	return err
}

// canonicalSequenceOptions keeps only the options that differ from the
// defaults, which depend on the type and the sign of the increment; inspect
// uses it too, so both sides agree on what "default" means.
func canonicalSequenceOptions(typ string, increment, min, max, start, cache int64, cycle bool) engines.SequenceOptions {
	if typ == "" {
		typ = "bigint"
	}
	var o engines.SequenceOptions
	if typ != "bigint" {
		o.Type = typ
	}
	defMin, defMax := int64(1), typeMaxValues[typ]
	if increment < 0 {
		defMin, defMax = typeMinValues[typ], -1
	}
	defStart := min
	if increment < 0 {
		defStart = max
	}
	ptr := func(v int64) *int64 { return &v }
	if increment != 1 {
		o.Increment = ptr(increment)
	}
	if min != defMin {
		o.Min = ptr(min)
	}
	if max != defMax {
		o.Max = ptr(max)
	}
	if start != defStart {
		o.Start = ptr(start)
	}
	if cache != 1 {
		o.Cache = ptr(cache)
	}
	o.Cycle = cycle
	return o
}

// canonical fills in the defaults of what was not written and keeps only
// what differs from them.
func (spec seqSpec) canonical() engines.SequenceOptions {
	typ := spec.typ
	if typ == "" {
		typ = "bigint"
	}
	inc := int64(1)
	if spec.increment != nil {
		inc = *spec.increment
	}
	min, max := int64(1), typeMaxValues[typ]
	if inc < 0 {
		min, max = typeMinValues[typ], -1
	}
	if spec.min != nil {
		min = *spec.min
	}
	if spec.max != nil {
		max = *spec.max
	}
	start := min
	if inc < 0 {
		start = max
	}
	if spec.start != nil {
		start = *spec.start
	}
	cache := int64(1)
	if spec.cache != nil {
		cache = *spec.cache
	}
	return canonicalSequenceOptions(typ, inc, min, max, start, cache, spec.cycle)
}

// specOf turns canonical options back into a spec, to apply ALTER SEQUENCE.
func specOf(o engines.SequenceOptions) seqSpec {
	return seqSpec{typ: o.Type, increment: o.Increment, min: o.Min, max: o.Max, start: o.Start, cache: o.Cache, cycle: o.Cycle}
}

func (p *parser) findSequence(schema, name string) *engines.Sequence {
	sc := p.db.Schema(schema)
	if sc == nil {
		return nil
	}
	for _, q := range sc.Sequences {
		if q.Name == name {
			return q
		}
	}
	return nil
}

func (p *parser) createSequence(s stmtAt, cs *pg_query.CreateSeqStmt) error {
	schema, name := rangeVarName(cs.Sequence)
	if cs.Sequence.Relpersistence == "t" {
		return p.unsupported(s, "CREATE TEMPORARY SEQUENCE")
	}
	if p.findSequence(schema, name) != nil && cs.IfNotExists {
		return nil
	}
	if err := p.define(s, "sequence", schema+"."+name); err != nil {
		return err
	}
	addName(p.rels, schema, name)
	var spec seqSpec
	seq := &engines.Sequence{Schema: schema, Name: name}
	for _, o := range cs.Options {
		d := o.GetDefElem()
		if err := applySeqOption(&spec, d); err != nil {
			return err
		}
		if d.Defname == "owned_by" {
			seq.OwnedBy = ownedBy(schema, stringList(d.Arg.GetList().GetItems()))
		}
	}
	seq.SequenceOptions = spec.canonical()
	sc := p.db.EnsureSchema(schema)
	sc.Sequences = append(sc.Sequences, seq)
	return nil
}

// ownedBy prints an OWNED BY target: "table.column" in the sequence's
// schema, else "schema.table.column"; NONE is "".
func ownedBy(seqSchema string, names []string) string {
	switch len(names) {
	case 1:
		return "" // NONE
	case 2:
		if seqSchema == "public" {
			return names[0] + "." + names[1]
		}
		return "public." + names[0] + "." + names[1]
	case 3:
		if names[0] == seqSchema {
			return names[1] + "." + names[2]
		}
		return strings.Join(names, ".")
	}
	return strings.Join(names, ".")
}

func (p *parser) alterSequence(s stmtAt, as *pg_query.AlterSeqStmt) error {
	schema, name := rangeVarName(as.Sequence)
	seq := p.findSequence(schema, name)
	if seq == nil {
		if as.MissingOk {
			return nil
		}
		return fmt.Errorf("ALTER SEQUENCE: sequence %s.%s is not defined in the schema files", schema, name)
	}
	spec := specOf(seq.SequenceOptions)
	for _, o := range as.Options {
		d := o.GetDefElem()
		if err := applySeqOption(&spec, d); err != nil {
			return err
		}
		if d.Defname == "owned_by" {
			seq.OwnedBy = ownedBy(schema, stringList(d.Arg.GetList().GetItems()))
		}
	}
	seq.SequenceOptions = spec.canonical()
	return nil
}

// ---- tables ----

// serialTypes maps the serial pseudo-types to the column type they create.
var serialTypes = map[string]string{
	"serial": "integer", "serial4": "integer", "bigserial": "bigint", "serial8": "bigint",
	"smallserial": "smallint", "serial2": "smallint",
}

// pendingConstraint is a constraint of a CREATE TABLE or ALTER TABLE
// waiting for its name; column is set for column constraints.
type pendingConstraint struct {
	node   *pg_query.Constraint
	column string
}

func (p *parser) findTable(schema, name string) *engines.Table {
	return p.tables[schema+"."+name]
}

func (p *parser) createTable(s stmtAt, cs *pg_query.CreateStmt) error {
	schema, name := rangeVarName(cs.Relation)
	switch {
	case cs.Relation.Relpersistence == "t":
		return p.unsupported(s, "CREATE TEMPORARY TABLE")
	case cs.OfTypename != nil:
		return p.unsupported(s, "CREATE TABLE OF type")
	}
	if p.findTable(schema, name) != nil && cs.IfNotExists {
		return nil
	}
	if err := p.define(s, "table", schema+"."+name); err != nil {
		return err
	}
	addName(p.rels, schema, name)
	t := &engines.Table{Schema: schema, Name: name, Columns: []*engines.Column{}, Unlogged: cs.Relation.Relpersistence == "u"}
	if s.notes {
		p.renameSites(s, t, cs)
	}
	var pending []pendingConstraint
	for _, e := range cs.TableElts {
		switch {
		case e.GetColumnDef() != nil:
			pc, err := p.addColumn(t, e.GetColumnDef())
			if err != nil {
				return err
			}
			pending = append(pending, pc...)
		case e.GetConstraint() != nil:
			pending = append(pending, pendingConstraint{node: e.GetConstraint()})
		case e.GetTableLikeClause() != nil:
			if err := p.likeColumns(t, e.GetTableLikeClause()); err != nil {
				return err
			}
		default:
			return p.unsupported(s, "CREATE TABLE with "+stmtKind(e))
		}
	}
	for _, inh := range cs.InhRelations {
		is, in := rangeVarName(inh.GetRangeVar())
		if cs.Partbound != nil {
			t.PartitionOf = is + "." + in
		} else {
			t.Inherits = append(t.Inherits, is+"."+in)
		}
	}
	if cs.Partbound != nil {
		t.PartitionBound = partitionBoundText(cs.Partbound)
		partitionOverrides(t)
	}
	if cs.Partspec != nil {
		t.PartitionBy = partitionByText(cs.Partspec)
	}
	t.Options, t.OptionOrder = defElemMap(cs.Options), defElemKeys(cs.Options)
	sc := p.db.EnsureSchema(schema)
	sc.Tables = append(sc.Tables, t)
	p.tables[schema+"."+name] = t
	pending = dedupeKeys(pending)
	// The server names CHECK constraints when it creates the table, then
	// builds the indexes of key constraints, then adds foreign keys.
	order := []pg_query.ConstrType{pg_query.ConstrType_CONSTR_CHECK, pg_query.ConstrType_CONSTR_PRIMARY,
		pg_query.ConstrType_CONSTR_FOREIGN}
	for _, kind := range order {
		for _, pc := range pending {
			k := pc.node.Contype
			if k == pg_query.ConstrType_CONSTR_UNIQUE || k == pg_query.ConstrType_CONSTR_EXCLUSION {
				k = pg_query.ConstrType_CONSTR_PRIMARY
			}
			if k != kind {
				continue
			}
			if err := p.addConstraint(s, t, pc, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// renameSites records where a CREATE TABLE and its column definitions
// start, for the renamed-from annotations of its file. Column locations
// are the parser's, offsets into the whole file.
func (p *parser) renameSites(s stmtAt, t *engines.Table, cs *pg_query.CreateStmt) {
	sites := []engines.RenameSite{{Offset: s.offset, What: "table " + t.Schema + "." + t.Name, Set: func(from string) { t.RenamedFrom = from }}}
	for _, e := range cs.TableElts {
		cd := e.GetColumnDef()
		if cd == nil || cd.Location < 0 {
			continue
		}
		name := cd.Colname
		sites = append(sites, engines.RenameSite{Offset: int(cd.Location), What: "column " + t.Schema + "." + t.Name + "." + name,
			Set: func(from string) {
				if c := t.Column(name); c != nil {
					c.RenamedFrom = from
				}
			}})
	}
	p.sites[s.file] = append(p.sites[s.file], sites...)
}

// dedupeKeys drops a primary key or unique constraint that repeats an
// earlier one of the same CREATE TABLE, as the server does (the primary key
// wins; a name given to either is kept).
func dedupeKeys(pending []pendingConstraint) []pendingConstraint {
	key := func(pc pendingConstraint) string {
		c := pc.node
		if c.Contype != pg_query.ConstrType_CONSTR_PRIMARY && c.Contype != pg_query.ConstrType_CONSTR_UNIQUE {
			return ""
		}
		cols := stringList(c.Keys)
		if len(cols) == 0 {
			cols = []string{pc.column}
		}
		return fmt.Sprintf("%q %q %v %v %v", cols, stringList(c.Including), c.NullsNotDistinct, c.Deferrable, c.Initdeferred)
	}
	var out []pendingConstraint
	seen := map[string]int{}
	for _, pc := range pending {
		k := key(pc)
		if k == "" {
			out = append(out, pc)
			continue
		}
		i, dup := seen[k]
		if !dup {
			seen[k] = len(out)
			out = append(out, pc)
			continue
		}
		prior := out[i].node
		if pc.node.Contype == pg_query.ConstrType_CONSTR_PRIMARY {
			prior.Contype = pg_query.ConstrType_CONSTR_PRIMARY
		}
		if prior.Conname == "" {
			prior.Conname = pc.node.Conname
		}
	}
	return out
}

// addColumn adds a column and returns its constraints that are table
// constraints (keys, checks, references) for the caller to name.
func (p *parser) addColumn(t *engines.Table, cd *pg_query.ColumnDef) ([]pendingConstraint, error) {
	if t.Column(cd.Colname) != nil {
		return nil, fmt.Errorf("column %q of table %s.%s is defined twice", cd.Colname, t.Schema, t.Name)
	}
	col := &engines.Column{Name: cd.Colname}
	if len(cd.Fdwoptions) > 0 {
		opts, err := applyOptions(nil, cd.Fdwoptions)
		if err != nil {
			return nil, fmt.Errorf("column %q of table %s.%s: %w", cd.Colname, t.Schema, t.Name, err)
		}
		col.ForeignOptions = opts
	}
	names := stringList(cd.TypeName.GetNames())
	if serial, ok := serialTypes[lastName(names)]; ok && (len(names) == 1 || names[0] == "pg_catalog") && len(cd.TypeName.ArrayBounds) == 0 {
		col.Type = serial
		col.NotNull = true
		seqName := chooseName(t.Name, cd.Colname, "seq", p.relTaken(t.Schema))
		addName(p.rels, t.Schema, seqName)
		seqRef := quoteIdent(seqName)
		if t.Schema != "public" {
			seqRef = qualify(t.Schema, seqName)
		}
		col.Default = "nextval(" + quoteLiteral(seqRef) + "::regclass)"
		seq := &engines.Sequence{Schema: t.Schema, Name: seqName, OwnedBy: t.Name + "." + cd.Colname}
		seq.SequenceOptions = seqSpec{typ: serial}.canonical()
		sc := p.db.EnsureSchema(t.Schema)
		sc.Sequences = append(sc.Sequences, seq)
	} else {
		col.Type = formatType(cd.TypeName)
	}
	if cd.CollClause != nil {
		col.Collation = collationName(cd.CollClause.Collname)
	}
	if cd.Compression != "" {
		setColumnOption(col, "compression", cd.Compression)
	}
	if cd.StorageName != "" {
		setColumnOption(col, "storage", cd.StorageName)
	}
	if cd.RawDefault != nil {
		col.Default = columnDefault(col.Type, cd.RawDefault)
	}
	var pending []pendingConstraint
	// The server refuses NULL with NOT NULL, identity or serial, which
	// would otherwise depend on the order written.
	sawNull, sawNotNull := false, col.NotNull
	for _, cn := range cd.Constraints {
		c := cn.GetConstraint()
		switch c.Contype {
		case pg_query.ConstrType_CONSTR_NULL:
			col.NotNull = false
			sawNull = true
		case pg_query.ConstrType_CONSTR_NOTNULL:
			col.NotNull = true
			sawNotNull = true
		case pg_query.ConstrType_CONSTR_DEFAULT:
			col.Default = columnDefault(col.Type, c.RawExpr)
		case pg_query.ConstrType_CONSTR_IDENTITY:
			if err := setIdentity(col, c); err != nil {
				return nil, err
			}
			sawNotNull = true
			// Identity columns own a hidden sequence that takes its name.
			addName(p.rels, t.Schema, chooseName(t.Name, cd.Colname, "seq", p.relTaken(t.Schema)))
		case pg_query.ConstrType_CONSTR_GENERATED:
			col.Generated = deparseExpr(c.RawExpr)
			col.GeneratedStored = true
		case pg_query.ConstrType_CONSTR_ATTR_DEFERRABLE, pg_query.ConstrType_CONSTR_ATTR_NOT_DEFERRABLE,
			pg_query.ConstrType_CONSTR_ATTR_DEFERRED, pg_query.ConstrType_CONSTR_ATTR_IMMEDIATE:
			// Attributes follow the constraint they qualify.
			if len(pending) == 0 {
				return nil, fmt.Errorf("column %q: misplaced DEFERRABLE clause", cd.Colname)
			}
			prev := pending[len(pending)-1].node
			switch c.Contype {
			case pg_query.ConstrType_CONSTR_ATTR_DEFERRABLE:
				prev.Deferrable = true
			case pg_query.ConstrType_CONSTR_ATTR_NOT_DEFERRABLE:
				prev.Deferrable = false
			case pg_query.ConstrType_CONSTR_ATTR_DEFERRED:
				prev.Initdeferred = true
			case pg_query.ConstrType_CONSTR_ATTR_IMMEDIATE:
				prev.Initdeferred = false
			}
		default:
			pending = append(pending, pendingConstraint{node: c, column: cd.Colname})
		}
		if sawNull && sawNotNull {
			return nil, fmt.Errorf("conflicting NULL/NOT NULL declarations for column %q of table %s.%s", cd.Colname, t.Schema, t.Name)
		}
	}
	t.Columns = append(t.Columns, col)
	return pending, nil
}

// columnDefault prints a column default the way the server keeps it: no
// default for DEFAULT NULL, and an untyped string literal given to a
// boolean or integer column as the constant it is coerced to.
func columnDefault(typ string, n *pg_query.Node) string {
	if isNullExpr(n, typ) {
		return ""
	}
	if c := n.GetAConst(); c != nil && c.GetSval() != nil {
		v := strings.TrimSpace(c.GetSval().Sval)
		switch typ {
		case "boolean":
			switch strings.ToLower(v) {
			case "t", "true", "on", "yes", "y", "1":
				return "true"
			case "f", "false", "off", "no", "n", "0":
				return "false"
			}
		case "smallint", "integer", "bigint":
			if i, err := strconv.ParseInt(v, 10, 64); err == nil && i >= 0 {
				return strconv.FormatInt(i, 10)
			}
		}
	}
	return deparseExpr(n)
}

func lastName(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1]
}

// setIdentity makes a column an identity column.
func setIdentity(col *engines.Column, c *pg_query.Constraint) error {
	col.Identity = "BY DEFAULT"
	if c.GeneratedWhen == "a" {
		col.Identity = "ALWAYS"
	}
	col.NotNull = true
	spec := seqSpec{typ: col.Type}
	for _, o := range c.Options {
		if err := applySeqOption(&spec, o.GetDefElem()); err != nil {
			return err
		}
	}
	opts := spec.canonical()
	opts.Type = "" // the column's type
	if opts != (engines.SequenceOptions{}) {
		col.IdentityOptions = &opts
	}
	return nil
}

// collationName prints a collation: "C", "en_US", or schema.name outside pg_catalog.
func collationName(names []*pg_query.Node) string {
	l := stringList(names)
	if len(l) == 2 && l[0] != "pg_catalog" && l[0] != "public" {
		return l[0] + "." + l[1]
	}
	return lastName(l)
}

// addConstraint builds, names and adds a table constraint. alter is true
// for ALTER TABLE ... ADD CONSTRAINT, where NOT VALID is kept.
func (p *parser) addConstraint(s stmtAt, t *engines.Table, pc pendingConstraint, alter bool) error {
	c, err := buildConstraint(pc.node, pc.column)
	if err != nil {
		return err
	}
	if !alter {
		// A new table's constraints are validated as it is created.
		c.NotValid = false
	}
	if c.Name == "" {
		switch c.Kind {
		case engines.PrimaryKey:
			c.Name = chooseName(t.Name, "", "pkey", p.relTaken(t.Schema))
		case engines.Unique:
			// INCLUDE columns count in the name (ChooseIndexColumnNames).
			cols := append(append([]string{}, c.Columns...), c.Include...)
			c.Name = chooseName(t.Name, joinNameParts(dedupeColumnNames(cols)), "key", p.relTaken(t.Schema))
		case engines.Exclude:
			var elems []*pg_query.IndexElem
			for _, x := range pc.node.Exclusions {
				if items := x.GetList().GetItems(); len(items) > 0 {
					elems = append(elems, items[0].GetIndexElem())
				}
			}
			c.Name = chooseName(t.Name, joinNameParts(indexColumnNames(elems)), "excl", p.relTaken(t.Schema))
		case engines.ForeignKey:
			c.Name = chooseName(t.Name, joinNameParts(c.Columns), "fkey", p.conTaken(t.Schema))
		case engines.Check:
			// The server names a check after its column when the
			// expression references exactly one column.
			col := ""
			if refs := columnRefNames(pc.node.RawExpr); len(refs) == 1 {
				col = refs[0]
			}
			c.Name = chooseName(t.Name, col, "check", p.conTaken(t.Schema))
		}
	}
	for _, x := range t.Constraints {
		if x.Name == c.Name {
			return fmt.Errorf("constraint %s on table %s.%s is defined twice", c.Name, t.Schema, t.Name)
		}
	}
	addName(p.cons, t.Schema, c.Name)
	switch c.Kind {
	case engines.PrimaryKey, engines.Unique, engines.Exclude:
		addName(p.rels, t.Schema, c.Name)
	}
	if c.Kind == engines.PrimaryKey {
		for _, name := range c.Columns {
			if col := t.Column(name); col != nil {
				col.NotNull = true
			}
		}
	}
	if c.Kind == engines.ForeignKey {
		at := s
		at.node = nil // for messages only: keep no syntax tree alive
		p.fks = append(p.fks, fkSite{at: at, schema: t.Schema, table: t.Name, c: c})
	}
	t.Constraints = append(t.Constraints, c)
	return nil
}

// fkActions maps the one-letter referential actions to their SQL.
var fkActions = map[string]string{"a": "", "": "", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

// fkMatch is the model's Match for a MATCH type code (pg_constraint's
// confmatchtype, the parser's fk_matchtype); SIMPLE ("s") is "".
var fkMatch = map[string]string{"f": "FULL", "p": "PARTIAL"}

// buildConstraint turns a parsed constraint into the model; column names
// the column of a column constraint. Files and pg_get_constraintdef() text
// both come through here.
func buildConstraint(c *pg_query.Constraint, column string) (*engines.Constraint, error) {
	out := &engines.Constraint{Name: c.Conname, Deferrable: c.Deferrable, InitiallyDeferred: c.Initdeferred}
	cols := func(keys []*pg_query.Node) []string {
		if len(keys) == 0 && column != "" {
			return []string{column}
		}
		return stringList(keys)
	}
	if c.Indexname != "" {
		return nil, fmt.Errorf("%w: constraint USING INDEX", errUnsupported)
	}
	switch c.Contype {
	case pg_query.ConstrType_CONSTR_PRIMARY:
		out.Kind = engines.PrimaryKey
		out.Columns = cols(c.Keys)
		out.Include = stringList(c.Including)
	case pg_query.ConstrType_CONSTR_UNIQUE:
		out.Kind = engines.Unique
		out.Columns = cols(c.Keys)
		out.Include = stringList(c.Including)
		out.NullsNotDistinct = c.NullsNotDistinct
	case pg_query.ConstrType_CONSTR_FOREIGN:
		out.Kind = engines.ForeignKey
		out.Columns = cols(c.FkAttrs)
		out.RefSchema, out.RefTable = rangeVarName(c.Pktable)
		out.RefColumns = stringList(c.PkAttrs)
		out.OnDelete = fkActions[c.FkDelAction]
		if len(c.FkDelSetCols) > 0 {
			out.OnDelete += " (" + strings.Join(stringList(c.FkDelSetCols), ", ") + ")"
		}
		out.OnUpdate = fkActions[c.FkUpdAction]
		out.Match = fkMatch[c.FkMatchtype]
		out.NotValid = c.SkipValidation
	case pg_query.ConstrType_CONSTR_CHECK:
		out.Kind = engines.Check
		out.Check = deparseExpr(c.RawExpr)
		out.NoInherit = c.IsNoInherit
		out.NotValid = c.SkipValidation
	case pg_query.ConstrType_CONSTR_EXCLUSION:
		out.Kind = engines.Exclude
		def, err := exclusionDefinition(c)
		if err != nil {
			return nil, err
		}
		out.Definition = def
	default:
		return nil, fmt.Errorf("%w: constraint kind %s", errUnsupported, c.Contype)
	}
	return out, nil
}

// exclusionDefinition prints an EXCLUDE constraint as it would follow
// "ADD CONSTRAINT name", with its WHERE clause canonical.
func exclusionDefinition(c *pg_query.Constraint) (string, error) {
	cc := cloneNode(&pg_query.Node{Node: &pg_query.Node_Constraint{Constraint: c}}).GetConstraint()
	cc.Conname = ""
	cc.WhereClause = canonExpr(cc.WhereClause)
	for _, x := range cc.Exclusions {
		if items := x.GetList().GetItems(); len(items) > 0 {
			if ie := items[0].GetIndexElem(); ie != nil && ie.Expr != nil {
				ie.Expr = canonExpr(ie.Expr)
			}
		}
	}
	stmt := &pg_query.Node{Node: &pg_query.Node_AlterTableStmt{AlterTableStmt: &pg_query.AlterTableStmt{
		Relation: &pg_query.RangeVar{Relname: "x", Inh: true, Relpersistence: "p"},
		Objtype:  pg_query.ObjectType_OBJECT_TABLE,
		Cmds: []*pg_query.Node{{Node: &pg_query.Node_AlterTableCmd{AlterTableCmd: &pg_query.AlterTableCmd{
			Subtype:  pg_query.AlterTableType_AT_AddConstraint,
			Def:      &pg_query.Node{Node: &pg_query.Node_Constraint{Constraint: cc}},
			Behavior: pg_query.DropBehavior_DROP_RESTRICT,
		}}}},
	}}}
	out, err := deparseStmt(stmt)
	if err != nil {
		return "", fmt.Errorf("deparse EXCLUDE constraint: %w", err)
	}
	i := strings.Index(out, "EXCLUDE")
	if i < 0 {
		return "", fmt.Errorf("deparse EXCLUDE constraint: unexpected text %q", out)
	}
	return out[i:], nil
}

// partitionBoundText prints "FOR VALUES ..." or "DEFAULT".
func partitionBoundText(b *pg_query.PartitionBoundSpec) string {
	stmt := &pg_query.Node{Node: &pg_query.Node_CreateStmt{CreateStmt: &pg_query.CreateStmt{
		Relation:     &pg_query.RangeVar{Relname: "x", Inh: true, Relpersistence: "p"},
		InhRelations: []*pg_query.Node{{Node: &pg_query.Node_RangeVar{RangeVar: &pg_query.RangeVar{Relname: "y", Inh: true, Relpersistence: "p"}}}},
		Partbound:    b,
		Oncommit:     pg_query.OnCommitAction_ONCOMMIT_NOOP,
	}}}
	out, err := deparseStmt(stmt)
	if err != nil {
		return ""
	}
	if i := strings.Index(out, " FOR VALUES"); i >= 0 {
		return strings.TrimSpace(out[i:])
	}
	if strings.HasSuffix(out, " DEFAULT") {
		return "DEFAULT"
	}
	return ""
}

// indexTable is the table of schema that has the index name, or the
// primary key or unique constraint of that name; nil if none.
func (p *parser) indexTable(schema, name string) *engines.Table {
	s := p.db.Schema(schema)
	if s == nil {
		return nil
	}
	for _, t := range s.Tables {
		if tableHasKeyIndex(t, name) {
			return t
		}
	}
	return nil
}

// markAttached takes partition off the partitions that lack their part of
// the partitioned index schema.name (an index, or a key constraint's), and
// records part as the name of its part of an index.
func (p *parser) markAttached(schema, name, partition, part string) {
	s := p.db.Schema(schema)
	if s == nil {
		return
	}
	for _, t := range s.Tables {
		for _, idx := range t.Indexes {
			if idx.Name == name {
				idx.Unattached = slices.DeleteFunc(idx.Unattached, func(x string) bool { return x == partition })
				setPartName(idx, partition, part)
				return
			}
		}
		for _, c := range t.Constraints {
			if c.Name == name && (c.Kind == engines.PrimaryKey || c.Kind == engines.Unique) {
				c.Unattached = slices.DeleteFunc(c.Unattached, func(x string) bool { return x == partition })
				return
			}
		}
	}
}

// directPartitions lists the partitions ("schema.name", sorted) of t, a
// partitioned table: what an index created ON ONLY t has no part of yet.
func (p *parser) directPartitions(t *engines.Table) []string {
	parent := key(t.Schema, t.Name)
	var out []string
	for _, s := range p.db.Schemas {
		for _, c := range s.Tables {
			if c.PartitionOf == parent && c.ForeignServer == "" { // foreign tables take no index
				out = append(out, key(c.Schema, c.Name))
			}
		}
	}
	slices.Sort(out)
	return out
}

// dropPartitionIndex removes an index attached to a partitioned index
// (ALTER INDEX parent ATTACH PARTITION child): the server reports it as part
// of its parent's, as inspect does, not as an index of the partition.
func (p *parser) dropPartitionIndex(schema, name string) {
	s := p.db.Schema(schema)
	if s == nil {
		return
	}
	for _, t := range s.Tables {
		for i, idx := range t.Indexes {
			if idx.Name == name {
				t.Indexes = append(t.Indexes[:i:i], t.Indexes[i+1:]...)
				return
			}
		}
	}
}

// absorbPartitionIndexes mirrors what CREATE INDEX on a partitioned table
// does to the partitions (at any depth) that already have an index of the
// same definition: it attaches that index instead of building a new one, so
// the index no longer stands on its own.
// The direct partitions' parts are named in the model (deeper parts belong
// to the partitions' parts): an adopted index keeps its name, a new part is
// named as the server names it, after its partition and the index's
// columns (colNames; "" below the first level, where nothing is named).
func (p *parser) absorbPartitionIndexes(parent *engines.Table, idx *engines.Index, colNames string) {
	parentKey := parent.Schema + "." + parent.Name
	for _, s := range p.db.Schemas {
		for _, t := range s.Tables {
			if t.PartitionOf != parentKey {
				continue
			}
			part := ""
			for i, local := range t.Indexes {
				if sameIndexDefinition(local, idx) {
					t.Indexes = append(t.Indexes[:i:i], t.Indexes[i+1:]...)
					part = local.Name
					break
				}
			}
			if part == "" {
				// A key's index is adopted too; the key stays the partition's.
				for _, c := range t.Constraints {
					if (c.Kind == engines.PrimaryKey || c.Kind == engines.Unique) && keyIndex(idx, c) {
						part = c.Name
						break
					}
				}
			}
			if colNames != "" && t.ForeignServer == "" {
				if part == "" {
					part = chooseName(t.Name, colNames, "idx", p.relTaken(t.Schema))
					addName(p.rels, t.Schema, part)
				}
				setPartName(idx, key(t.Schema, t.Name), part)
			}
			if t.PartitionBy != "" {
				p.absorbPartitionIndexes(t, idx, "")
			}
		}
	}
}

// setPartName records name as partition's part of idx.
func setPartName(idx *engines.Index, partition, name string) {
	if idx.PartNames == nil {
		idx.PartNames = map[string]string{}
	}
	idx.PartNames[partition] = name
}

// sameIndexDefinition reports whether two indexes of the parsed model
// differ by name (and comment) only.
func sameIndexDefinition(a, b *engines.Index) bool {
	if a.Unique != b.Unique || a.Method != b.Method || a.Where != b.Where || a.NullsNotDistinct != b.NullsNotDistinct ||
		strings.Join(a.Include, "\x00") != strings.Join(b.Include, "\x00") || optionList(a.Options) != optionList(b.Options) ||
		len(a.Parts) != len(b.Parts) {
		return false
	}
	for i, x := range a.Parts {
		y := b.Parts[i]
		if x.Column != y.Column || x.Expr != y.Expr || x.Collation != y.Collation || x.OpClass != y.OpClass ||
			x.Desc != y.Desc || (x.NullsFirst == nil) != (y.NullsFirst == nil) || (x.NullsFirst != nil && *x.NullsFirst != *y.NullsFirst) {
			return false
		}
	}
	return true
}

// partitionByText prints the partition key like pg_get_partkeydef().
func partitionByText(ps *pg_query.PartitionSpec) string {
	strategy := map[pg_query.PartitionStrategy]string{
		pg_query.PartitionStrategy_PARTITION_STRATEGY_LIST:  "LIST",
		pg_query.PartitionStrategy_PARTITION_STRATEGY_RANGE: "RANGE",
		pg_query.PartitionStrategy_PARTITION_STRATEGY_HASH:  "HASH",
	}[ps.Strategy]
	var parts []string
	for _, pn := range ps.PartParams {
		pe := pn.GetPartitionElem()
		var s string
		switch {
		case pe.Name != "":
			s = quoteIdent(pe.Name)
		case pe.Expr.GetFuncCall() != nil:
			s = deparseExpr(pe.Expr)
		default:
			s = "(" + deparseExpr(pe.Expr) + ")"
		}
		if len(pe.Collation) > 0 {
			s += " COLLATE " + collationSQL(collationName(pe.Collation))
		}
		if len(pe.Opclass) > 0 {
			s += " " + opclassName(pe.Opclass)
		}
		parts = append(parts, s)
	}
	return strategy + " (" + strings.Join(parts, ", ") + ")"
}

// opclassName prints an operator class without the public or pg_catalog qualifier.
func opclassName(names []*pg_query.Node) string {
	l := stringList(dropQualifier(names))
	for i, n := range l {
		l[i] = quoteIdent(n) // the model holds SQL: "0" must stay quoted
	}
	return strings.Join(l, ".")
}

// setOwner records ALTER TABLE/VIEW/SEQUENCE … OWNER TO role on the
// relation. CURRENT_USER and the like name whoever applies: left as is.
func (p *parser) setOwner(at *pg_query.AlterTableStmt, cmd *pg_query.AlterTableCmd) {
	role := cmd.GetNewowner()
	if cmd.GetSubtype() != pg_query.AlterTableType_AT_ChangeOwner || role.GetRoletype() != pg_query.RoleSpecType_ROLESPEC_CSTRING {
		return
	}
	schema, name := rangeVarName(at.Relation)
	if t := p.findTable(schema, name); t != nil {
		t.Owner = role.Rolename
	} else if v := p.findView(schema, name); v != nil {
		v.Owner = role.Rolename
	} else if q := p.findSequence(schema, name); q != nil {
		q.Owner = role.Rolename
	}
}

func (p *parser) alterTable(s stmtAt, at *pg_query.AlterTableStmt) error {
	ownerOnly := true
	for _, c := range at.Cmds {
		if c.GetAlterTableCmd().GetSubtype() != pg_query.AlterTableType_AT_ChangeOwner {
			ownerOnly = false
		}
	}
	if ownerOnly {
		for _, c := range at.Cmds {
			p.setOwner(at, c.GetAlterTableCmd())
		}
		return nil
	}
	if at.Objtype == pg_query.ObjectType_OBJECT_INDEX {
		for _, c := range at.Cmds {
			switch cmd := c.GetAlterTableCmd(); cmd.GetSubtype() {
			case pg_query.AlterTableType_AT_AttachPartition:
			case pg_query.AlterTableType_AT_SetStatistics:
				if err := p.setIndexStatistics(at, cmd); err != nil {
					return err
				}
			default:
				return p.unsupported(s, "ALTER INDEX "+cmd.GetSubtype().String())
			}
		}
		// pg_dump attaches partitions' indexes to their parent index; the
		// model holds the parent's index only, which implies them.
		for _, c := range at.Cmds {
			if pc := c.GetAlterTableCmd().GetDef().GetPartitionCmd(); pc != nil && pc.Name != nil {
				cs, cn := rangeVarName(pc.Name)
				if child := p.indexTable(cs, cn); child != nil {
					p.markAttached(parentSchema(at.Relation, cs), at.Relation.GetRelname(), key(child.Schema, child.Name), cn)
				}
				p.dropPartitionIndex(cs, cn)
				p.attachKeyIndex(at.Relation, cs, cn)
			}
		}
		return nil
	}
	if at.Objtype == pg_query.ObjectType_OBJECT_VIEW || at.Objtype == pg_query.ObjectType_OBJECT_MATVIEW {
		return p.alterView(s, at)
	}
	if at.Objtype != pg_query.ObjectType_OBJECT_TABLE && at.Objtype != pg_query.ObjectType_OBJECT_FOREIGN_TABLE {
		return p.unsupported(s, "ALTER "+strings.TrimPrefix(at.Objtype.String(), "OBJECT_"))
	}
	schema, name := rangeVarName(at.Relation)
	t := p.findTable(schema, name)
	if t == nil && p.findView(schema, name) != nil {
		// pg_dump sets a view column's default with ALTER TABLE ONLY.
		return p.alterView(s, at)
	}
	if t == nil {
		if at.MissingOk {
			return nil
		}
		return fmt.Errorf("ALTER TABLE: table %s.%s is not defined in the schema files", schema, name)
	}
	for _, cn := range at.Cmds {
		cmd := cn.GetAlterTableCmd()
		col := func() (*engines.Column, error) {
			c := t.Column(cmd.Name)
			if c == nil {
				return nil, fmt.Errorf("ALTER TABLE %s.%s: no column %q", schema, name, cmd.Name)
			}
			return c, nil
		}
		switch cmd.Subtype {
		case pg_query.AlterTableType_AT_ChangeOwner:
			p.setOwner(at, cmd)
		case pg_query.AlterTableType_AT_GenericOptions:
			opts, err := applyOptions(t.ForeignOptions, cmd.Def.GetList().GetItems())
			if err != nil {
				return fmt.Errorf("ALTER FOREIGN TABLE %s.%s: %w", schema, name, err)
			}
			t.ForeignOptions = opts
		case pg_query.AlterTableType_AT_AlterColumnGenericOptions:
			c, err := col()
			if err != nil {
				return err
			}
			opts, err := applyOptions(c.ForeignOptions, cmd.Def.GetList().GetItems())
			if err != nil {
				return fmt.Errorf("ALTER FOREIGN TABLE %s.%s: column %s: %w", schema, name, c.Name, err)
			}
			c.ForeignOptions = opts
		case pg_query.AlterTableType_AT_AddColumn:
			cd := cmd.Def.GetColumnDef()
			if cmd.MissingOk && t.Column(cd.Colname) != nil {
				continue
			}
			pending, err := p.addColumn(t, cd)
			if err != nil {
				return err
			}
			for _, pc := range pending {
				if err := p.addConstraint(s, t, pc, false); err != nil {
					return err
				}
			}
		case pg_query.AlterTableType_AT_AddConstraint:
			if cmd.Def.GetConstraint().GetIndexname() != "" {
				if err := p.addConstraintUsingIndex(t, cmd.Def.GetConstraint()); err != nil {
					return err
				}
				continue
			}
			n := len(t.Constraints)
			if err := p.addConstraint(s, t, pendingConstraint{node: cmd.Def.GetConstraint()}, true); err != nil {
				return err
			}
			if len(t.Constraints) > n && t.PartitionBy != "" && !at.Relation.Inh {
				// ONLY: the partitions get no part of the key's index.
				if c := t.Constraints[len(t.Constraints)-1]; c.Kind == engines.PrimaryKey || c.Kind == engines.Unique {
					c.Unattached = p.directPartitions(t)
				}
			}
		case pg_query.AlterTableType_AT_EnableRowSecurity, pg_query.AlterTableType_AT_DisableRowSecurity,
			pg_query.AlterTableType_AT_ForceRowSecurity, pg_query.AlterTableType_AT_NoForceRowSecurity,
			pg_query.AlterTableType_AT_ReplicaIdentity:
			if err := p.alterTableSecurity(t, cmd); err != nil {
				return err
			}
		case pg_query.AlterTableType_AT_ColumnDefault:
			if t.Column(cmd.Name) == nil {
				// A column the table inherits: its own default (pg_dump
				// writes ALTER TABLE ONLY child ALTER COLUMN ... SET DEFAULT).
				anc := p.ancestorColumn(t, cmd.Name)
				if anc == nil {
					_, err := col()
					return err
				}
				if t.InheritedDefaults == nil {
					t.InheritedDefaults = map[string]string{}
				}
				t.InheritedDefaults[cmd.Name] = columnDefault(anc.Type, cmd.Def)
			} else {
				c, _ := col()
				c.Default = columnDefault(c.Type, cmd.Def)
			}
			if at.Relation.Inh {
				// Without ONLY the new default reaches every descendant.
				p.clearDescendantDefaults(t, cmd.Name, 0)
			}
		case pg_query.AlterTableType_AT_SetNotNull, pg_query.AlterTableType_AT_DropNotNull:
			c, err := col()
			if err != nil {
				return err
			}
			c.NotNull = cmd.Subtype == pg_query.AlterTableType_AT_SetNotNull
		case pg_query.AlterTableType_AT_AddIdentity:
			c, err := col()
			if err != nil {
				return err
			}
			if err := setIdentity(c, cmd.Def.GetConstraint()); err != nil {
				return err
			}
		case pg_query.AlterTableType_AT_AlterColumnType:
			c, err := col()
			if err != nil {
				return err
			}
			cd := cmd.Def.GetColumnDef()
			c.Type = formatType(cd.TypeName)
			if cd.CollClause != nil {
				c.Collation = collationName(cd.CollClause.Collname)
			}
		case pg_query.AlterTableType_AT_DetachPartition:
			pcmd := cmd.Def.GetPartitionCmd()
			cs, cname := rangeVarName(pcmd.Name)
			child := p.findTable(cs, cname)
			if child == nil || child.PartitionOf == "" || partitionParentKey(child) != key(schema, name) {
				return fmt.Errorf("DETACH PARTITION: %s.%s is not a partition of %s.%s in the schema files", cs, cname, schema, name)
			}
			// The table keeps the columns (with the partition's own
			// defaults and NOT NULLs) and the checks it had as a partition.
			cols := partitionColumnsIn(child, func(k string) *engines.Table { return p.tables[k] })
			for _, c := range cols {
				if own := child.Column(c.Name); own != nil && own.Comment != "" {
					c.Comment = own.Comment
				}
			}
			for up := t; up != nil; {
				for _, k := range up.Constraints {
					if k.Kind == engines.Check && !k.NoInherit && !slices.ContainsFunc(child.Constraints, func(x *engines.Constraint) bool { return x.Name == k.Name }) {
						cp := *k
						child.Constraints = append(child.Constraints, &cp)
					}
				}
				if up.PartitionOf == "" {
					break
				}
				up = p.tables[partitionParentKey(up)]
			}
			child.Columns, child.InheritedDefaults = cols, nil
			child.PartitionOf, child.PartitionBound = "", ""
			p.detached = append(p.detached, detachedPartition{s: s, parent: key(schema, name), child: child})
		case pg_query.AlterTableType_AT_AttachPartition:
			pcmd := cmd.Def.GetPartitionCmd()
			cs, cname := rangeVarName(pcmd.Name)
			child := p.findTable(cs, cname)
			if child == nil {
				return fmt.Errorf("ATTACH PARTITION: table %s.%s is not defined in the schema files", cs, cname)
			}
			child.PartitionOf = schema + "." + name
			child.PartitionBound = partitionBoundText(pcmd.Bound)
		case pg_query.AlterTableType_AT_DropColumn:
			if t.Column(cmd.Name) == nil {
				if cmd.MissingOk {
					continue
				}
				return fmt.Errorf("ALTER TABLE %s.%s DROP COLUMN: no column %q", schema, name, cmd.Name)
			}
			if err := p.dropColumn(t, cmd.Name, cmd.Behavior == pg_query.DropBehavior_DROP_CASCADE); err != nil {
				return err
			}
		case pg_query.AlterTableType_AT_DropConstraint:
			i := slices.IndexFunc(t.Constraints, func(c *engines.Constraint) bool { return c.Name == cmd.Name })
			if i < 0 {
				if cmd.MissingOk {
					continue
				}
				return fmt.Errorf("ALTER TABLE %s.%s DROP CONSTRAINT: no constraint %q", schema, name, cmd.Name)
			}
			t.Constraints = slices.Delete(t.Constraints, i, i+1)
		case pg_query.AlterTableType_AT_SetStatistics:
			c, err := col()
			if err != nil {
				return err
			}
			setColumnOption(c, "statistics", strconv.Itoa(int(cmd.Def.GetInteger().GetIval())))
		case pg_query.AlterTableType_AT_SetStorage:
			c, err := col()
			if err != nil {
				return err
			}
			setColumnOption(c, "storage", cmd.Def.GetString_().GetSval())
		case pg_query.AlterTableType_AT_SetCompression:
			c, err := col()
			if err != nil {
				return err
			}
			setColumnOption(c, "compression", cmd.Def.GetString_().GetSval())
		case pg_query.AlterTableType_AT_ValidateConstraint:
			c := constraintNamed(t, cmd.Name)
			if c == nil {
				return fmt.Errorf("ALTER TABLE %s.%s VALIDATE CONSTRAINT: no constraint %q", schema, name, cmd.Name)
			}
			c.NotValid = false
		case pg_query.AlterTableType_AT_AlterConstraint:
			def := cmd.Def.GetConstraint()
			c := constraintNamed(t, def.GetConname())
			if c == nil {
				return fmt.Errorf("ALTER TABLE %s.%s ALTER CONSTRAINT: no constraint %q", schema, name, def.GetConname())
			}
			if c.Kind != engines.ForeignKey {
				return fmt.Errorf("ALTER TABLE %s.%s ALTER CONSTRAINT %s: only foreign keys can be altered", schema, name, c.Name)
			}
			c.Deferrable, c.InitiallyDeferred = def.Deferrable, def.Initdeferred
		case pg_query.AlterTableType_AT_DropInherit:
			ps, pn := rangeVarName(cmd.Def.GetRangeVar())
			i := slices.Index(t.Inherits, ps+"."+pn)
			if i < 0 {
				return fmt.Errorf("ALTER TABLE %s.%s NO INHERIT: the table does not inherit %s.%s", schema, name, ps, pn)
			}
			t.Inherits = slices.Delete(t.Inherits, i, i+1)
			// What the table inherited stays, now its own: the columns
			// (first, as inherited ones are) and the checks.
			if parent := p.findTable(ps, pn); parent != nil {
				var cols []*engines.Column
				for _, pc := range parent.Columns {
					if t.Column(pc.Name) == nil {
						c := *pc
						c.Comment, c.Identity, c.IdentityOptions = "", "", nil
						cols = append(cols, &c)
					}
				}
				t.Columns = append(cols, t.Columns...)
				for _, pc := range parent.Constraints {
					if pc.Kind == engines.Check && !pc.NoInherit && constraintNamed(t, pc.Name) == nil {
						c := *pc
						c.Comment = ""
						t.Constraints = append(t.Constraints, &c)
					}
				}
			}
		case pg_query.AlterTableType_AT_SetLogged, pg_query.AlterTableType_AT_SetUnLogged:
			t.Unlogged = cmd.Subtype == pg_query.AlterTableType_AT_SetUnLogged
		case pg_query.AlterTableType_AT_ResetRelOptions:
			for _, it := range cmd.Def.GetList().GetItems() {
				delete(t.Options, it.GetDefElem().GetDefname())
			}
		case pg_query.AlterTableType_AT_DropExpression:
			c, err := col()
			if err != nil {
				if cmd.MissingOk {
					continue
				}
				return err
			}
			c.Generated = ""
		case pg_query.AlterTableType_AT_DropIdentity:
			c, err := col()
			if err != nil {
				return err
			}
			if c.Identity == "" && !cmd.MissingOk {
				return fmt.Errorf("ALTER TABLE %s.%s: column %q is not an identity column", schema, name, cmd.Name)
			}
			c.Identity, c.IdentityOptions = "", nil
		case pg_query.AlterTableType_AT_SetIdentity:
			c, err := col()
			if err != nil {
				return err
			}
			if c.Identity == "" {
				return fmt.Errorf("ALTER TABLE %s.%s: column %q is not an identity column", schema, name, cmd.Name)
			}
			for _, it := range cmd.Def.GetList().GetItems() {
				d := it.GetDefElem()
				switch d.GetDefname() {
				case "generated":
					c.Identity = "BY DEFAULT"
					if d.GetArg().GetInteger().GetIval() == 'a' {
						c.Identity = "ALWAYS"
					}
				case "restart":
					// Where the sequence stands is data, not schema.
				default:
					return p.unsupported(s, "ALTER TABLE ... ALTER COLUMN ... SET "+strings.ToUpper(d.GetDefname())+" of an identity")
				}
			}
		case pg_query.AlterTableType_AT_EnableTrig, pg_query.AlterTableType_AT_DisableTrig,
			pg_query.AlterTableType_AT_EnableAlwaysTrig, pg_query.AlterTableType_AT_EnableReplicaTrig,
			pg_query.AlterTableType_AT_EnableTrigAll, pg_query.AlterTableType_AT_DisableTrigAll,
			pg_query.AlterTableType_AT_EnableTrigUser, pg_query.AlterTableType_AT_DisableTrigUser:
			if err := setTriggersEnabled(t, cmd); err != nil {
				return err
			}
		case pg_query.AlterTableType_AT_ClusterOn:
			t.ClusterOn = cmd.Name
		case pg_query.AlterTableType_AT_DropCluster:
			t.ClusterOn = ""
		case pg_query.AlterTableType_AT_EnableRule, pg_query.AlterTableType_AT_DisableRule,
			pg_query.AlterTableType_AT_EnableReplicaRule, pg_query.AlterTableType_AT_EnableAlwaysRule:
			if err := setRuleEnabled(t, cmd); err != nil {
				return err
			}
		case pg_query.AlterTableType_AT_SetRelOptions:
			if t.Options == nil {
				t.Options = map[string]string{}
			}
			for k, v := range defElemMap(cmd.Def.GetList().GetItems()) {
				t.Options[k] = v
			}
			t.OptionOrder = setOptionOrder(t.OptionOrder, cmd.Def.GetList().GetItems())
		default:
			return p.unsupported(s, "ALTER TABLE "+strings.TrimPrefix(cmd.Subtype.String(), "AT_"))
		}
	}
	return nil
}

// setColumnOption records storage, statistics and compression the way
// inspection reads them back: nothing for the defaults.
func setColumnOption(c *engines.Column, k, v string) {
	switch k {
	case "storage":
		v = strings.ToUpper(v)
		if v == typeStorage(c.Type) || v == "DEFAULT" {
			delete(c.Options, k)
			return
		}
	case "statistics":
		if v == "-1" {
			delete(c.Options, k)
			return
		}
	case "compression":
		v = strings.ToLower(v)
		if v == "default" {
			delete(c.Options, k)
			return
		}
	}
	if c.Options == nil {
		c.Options = map[string]string{}
	}
	c.Options[k] = v
}

// ancestorColumn finds a column a table inherits, in its nearest parent
// that has it.
func (p *parser) ancestorColumn(t *engines.Table, col string) *engines.Column {
	for depth := 0; depth < 32 && t != nil; depth++ {
		parents := slices.Clone(t.Inherits)
		if t.PartitionOf != "" {
			parents = append(parents, t.PartitionOf)
		}
		var next *engines.Table
		for _, in := range parents {
			s, n := engines.SplitQualified(in, t.Schema)
			pt := p.findTable(s, n)
			if pt == nil {
				continue
			}
			if c := pt.Column(col); c != nil {
				return c
			}
			if next == nil {
				next = pt
			}
		}
		t = next
	}
	return nil
}

// clearDescendantDefaults forgets the own defaults that the tables
// inheriting t (at any depth) gave a column, which a recursing ALTER TABLE
// t ... SET DEFAULT replaces.
func (p *parser) clearDescendantDefaults(t *engines.Table, col string, depth int) {
	if depth > 32 {
		return
	}
	parent := t.Schema + "." + t.Name
	for _, c := range p.tables {
		if c.PartitionOf != parent && !slices.Contains(c.Inherits, parent) {
			continue
		}
		delete(c.InheritedDefaults, col)
		p.clearDescendantDefaults(c, col, depth+1)
	}
}

// settleInheritedDefaults drops the own defaults of inherited columns that
// equal what the parents give, as inspection reads them; parents first.
func (p *parser) settleInheritedDefaults() {
	var withDefaults []*engines.Table
	for _, t := range p.tables {
		if len(t.InheritedDefaults) > 0 {
			withDefaults = append(withDefaults, t)
		}
	}
	lookup := func(k string) *engines.Table { return p.tables[k] }
	slices.SortFunc(withDefaults, func(a, b *engines.Table) int {
		if d := cmp.Compare(inheritDepth(a, lookup), inheritDepth(b, lookup)); d != 0 {
			return d
		}
		return cmp.Compare(a.Schema+"."+a.Name, b.Schema+"."+b.Name)
	})
	for _, t := range withDefaults {
		for _, col := range sortedKeys(t.InheritedDefaults) {
			if t.InheritedDefaults[col] == inheritedDefaultIn(t, col, lookup) {
				delete(t.InheritedDefaults, col)
			}
		}
		if len(t.InheritedDefaults) == 0 {
			t.InheritedDefaults = nil
		}
	}
}

type detachedPartition struct {
	s      stmtAt
	parent string
	child  *engines.Table
}

// checkDetached refuses a DETACH PARTITION whose partitioned table has
// keys, indexes or foreign keys: the detached table keeps copies of them
// under names the server chooses, which the model does not follow yet.
func (p *parser) checkDetached() error {
	for _, d := range p.detached {
		for up := p.tables[d.parent]; up != nil; {
			if len(up.Indexes) > 0 || slices.ContainsFunc(up.Constraints, func(k *engines.Constraint) bool { return k.Kind != engines.Check }) {
				return p.unsupported(d.s, "DETACH PARTITION of a partitioned table with keys, indexes or foreign keys")
			}
			if up.PartitionOf == "" {
				break
			}
			up = p.tables[partitionParentKey(up)]
		}
	}
	return nil
}

// settlePartitionNotNulls keeps a partition's own NOT NULL column entries
// as inspection reads them: only where no table up the partition tree has
// the NOT NULL, and with one for each column of a primary key of the
// partition's own (the server sets NOT NULL on them).
func (p *parser) settlePartitionNotNulls() {
	var parts []*engines.Table
	for _, t := range p.tables {
		if t.PartitionOf != "" {
			parts = append(parts, t)
		}
	}
	if len(parts) == 0 {
		return
	}
	lookup := func(k string) *engines.Table { return p.tables[k] }
	slices.SortFunc(parts, func(a, b *engines.Table) int {
		if d := cmp.Compare(inheritDepth(a, lookup), inheritDepth(b, lookup)); d != 0 {
			return d
		}
		return cmp.Compare(a.Schema+"."+a.Name, b.Schema+"."+b.Name)
	})
	for _, t := range parts {
		inherited := func(col string) bool {
			for up, depth := p.tables[partitionParentKey(t)], 0; up != nil && depth < 32; depth++ {
				if c := up.Column(col); c != nil && c.NotNull {
					return true
				}
				if up.PartitionOf == "" {
					return false
				}
				up = p.tables[partitionParentKey(up)]
			}
			return false
		}
		for _, k := range t.Constraints {
			if k.Kind != engines.PrimaryKey {
				continue
			}
			for _, col := range k.Columns {
				if c := t.Column(col); c != nil {
					c.NotNull = true
				} else {
					t.Columns = append(t.Columns, &engines.Column{Name: col, NotNull: true})
				}
			}
		}
		t.Columns = slices.DeleteFunc(t.Columns, func(c *engines.Column) bool {
			if c.Type != "" || !c.NotNull || !inherited(c.Name) {
				return false
			}
			c.NotNull = false
			return c.Comment == "" && len(c.Options) == 0
		})
	}
}

// partitionOverrides files the column options of PARTITION OF p (c
// DEFAULT x, d NOT NULL) as inspection reads them: a default as the
// partition's own default of an inherited column, a NOT NULL as the
// partition's column entry.
func partitionOverrides(t *engines.Table) {
	t.Columns = slices.DeleteFunc(t.Columns, func(c *engines.Column) bool {
		if c.Type != "" {
			return false
		}
		if c.Default != "" {
			if t.InheritedDefaults == nil {
				t.InheritedDefaults = map[string]string{}
			}
			t.InheritedDefaults[c.Name] = c.Default
			c.Default = ""
		}
		return !c.NotNull && c.Comment == "" && len(c.Options) == 0
	})
}

// setIndexStatistics applies ALTER INDEX … ALTER COLUMN n SET STATISTICS,
// which the server takes for expression keys only.
func (p *parser) setIndexStatistics(at *pg_query.AlterTableStmt, cmd *pg_query.AlterTableCmd) error {
	schema, name := rangeVarName(at.Relation)
	idx := p.findIndex(schema, name)
	if idx == nil {
		if at.MissingOk {
			return nil
		}
		return fmt.Errorf("ALTER INDEX: index %s.%s is not defined in the schema files", schema, name)
	}
	n := int(cmd.Num)
	if n < 1 || n > len(idx.Parts) {
		return fmt.Errorf("ALTER INDEX %s.%s: the index has no column %d", schema, name, n)
	}
	part := idx.Parts[n-1]
	if part.Expr == "" {
		return fmt.Errorf("ALTER INDEX %s.%s: column %d is not an expression: only expression columns take a statistics target", schema, name, n)
	}
	v, ok := intConst(cmd.Def)
	if !ok {
		return fmt.Errorf("ALTER INDEX %s.%s: the statistics target must be an integer", schema, name)
	}
	part.Statistics = nil
	if v >= 0 {
		part.Statistics = &v
	}
	return nil
}

// setTriggersEnabled applies ALTER TABLE ... ENABLE/DISABLE [REPLICA |
// ALWAYS] TRIGGER name | ALL | USER to the table's triggers (ALL would
// reach the server's internal ones too, which the model does not hold).
func setTriggersEnabled(t *engines.Table, cmd *pg_query.AlterTableCmd) error {
	state := map[pg_query.AlterTableType]string{
		pg_query.AlterTableType_AT_EnableTrig: "O", pg_query.AlterTableType_AT_DisableTrig: "D",
		pg_query.AlterTableType_AT_EnableAlwaysTrig: "A", pg_query.AlterTableType_AT_EnableReplicaTrig: "R",
		pg_query.AlterTableType_AT_EnableTrigAll: "O", pg_query.AlterTableType_AT_DisableTrigAll: "D",
		pg_query.AlterTableType_AT_EnableTrigUser: "O", pg_query.AlterTableType_AT_DisableTrigUser: "D",
	}[cmd.Subtype]
	all := cmd.Name == "" || cmd.Subtype == pg_query.AlterTableType_AT_EnableTrigAll || cmd.Subtype == pg_query.AlterTableType_AT_DisableTrigAll ||
		cmd.Subtype == pg_query.AlterTableType_AT_EnableTrigUser || cmd.Subtype == pg_query.AlterTableType_AT_DisableTrigUser
	found := false
	for _, tr := range t.Triggers {
		if all || tr.Name == cmd.Name {
			setTriggerEnabled(tr, state)
			found = true
		}
	}
	if !found && !all {
		return fmt.Errorf("trigger %q of table %s.%s is not defined in the schema files", cmd.Name, t.Schema, t.Name)
	}
	return nil
}

// alterView applies ALTER [MATERIALIZED] VIEW ... SET (options) and RESET
// (options) of files written as a history (ownership changes are ignored
// before this is reached).
func (p *parser) alterView(s stmtAt, at *pg_query.AlterTableStmt) error {
	schema, name := rangeVarName(at.Relation)
	v := p.findView(schema, name)
	if v == nil {
		if at.MissingOk {
			return nil
		}
		return fmt.Errorf("ALTER VIEW: view %s.%s is not defined in the schema files", schema, name)
	}
	for _, cn := range at.Cmds {
		cmd := cn.GetAlterTableCmd()
		switch cmd.Subtype {
		case pg_query.AlterTableType_AT_SetRelOptions:
			for k, val := range defElemMap(cmd.Def.GetList().GetItems()) {
				v.Options = setOption(v.Options, k, val)
			}
			v.OptionOrder = setOptionOrder(v.OptionOrder, cmd.Def.GetList().GetItems())
		case pg_query.AlterTableType_AT_ResetRelOptions:
			for k := range defElemMap(cmd.Def.GetList().GetItems()) {
				delete(v.Options, k)
			}
			if len(v.Options) == 0 {
				v.Options = nil
			}
		case pg_query.AlterTableType_AT_ColumnDefault:
			if v.Materialized {
				return fmt.Errorf("ALTER MATERIALIZED VIEW %s.%s: a materialized view's columns take no defaults", schema, name)
			}
			if cmd.Def == nil {
				delete(v.ColumnDefaults, cmd.Name)
			} else {
				v.ColumnDefaults = setOption(v.ColumnDefaults, cmd.Name, deparseExpr(cmd.Def))
			}
		case pg_query.AlterTableType_AT_SetStorage:
			if !v.Materialized {
				return fmt.Errorf("ALTER VIEW %s.%s: a view's columns have no storage", schema, name)
			}
			v.ColumnStorage = setOption(v.ColumnStorage, cmd.Name, strings.ToUpper(cmd.Def.GetString_().GetSval()))
		case pg_query.AlterTableType_AT_SetStatistics:
			if !v.Materialized {
				return fmt.Errorf("ALTER VIEW %s.%s: a view's columns take no statistics target", schema, name)
			}
			n, ok := intConst(cmd.Def)
			if !ok {
				return fmt.Errorf("ALTER MATERIALIZED VIEW %s.%s: the statistics target must be an integer", schema, name)
			}
			if n < 0 {
				delete(v.ColumnStatistics, cmd.Name)
			} else {
				v.ColumnStatistics = setOption(v.ColumnStatistics, cmd.Name, strconv.FormatInt(n, 10))
			}
		case pg_query.AlterTableType_AT_ChangeOwner:
			p.setOwner(at, cmd)
		default:
			return p.unsupported(s, "ALTER VIEW "+strings.TrimPrefix(cmd.Subtype.String(), "AT_"))
		}
	}
	return nil
}

// constraintNamed is the table's constraint of that name, or nil.
func constraintNamed(t *engines.Table, name string) *engines.Constraint {
	for _, c := range t.Constraints {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// dropColumn removes a column as ALTER TABLE DROP COLUMN does: with the
// indexes and constraints that involve it (by name, in key, INCLUDE or
// expression) and the sequence it owns. Other tables' foreign keys on it
// go only with CASCADE; without, the server refuses, and so does this.
func (p *parser) dropColumn(t *engines.Table, col string, cascade bool) error {
	mentions := func(expr string) bool {
		for _, ref := range scanNames(expr) {
			if !ref.call && ref.parts[len(ref.parts)-1] == col {
				return true
			}
		}
		return false
	}
	// refersTo: a foreign key of table from that references the column.
	refersTo := func(from *engines.Table, c *engines.Constraint) bool {
		rs := c.RefSchema
		if rs == "" {
			rs = from.Schema
		}
		return c.Kind == engines.ForeignKey && rs == t.Schema && c.RefTable == t.Name && slices.Contains(c.RefColumns, col)
	}
	for _, k := range slices.Sorted(maps.Keys(p.tables)) {
		other := p.tables[k]
		if other == t {
			continue
		}
		if i := slices.IndexFunc(other.Constraints, func(c *engines.Constraint) bool { return refersTo(other, c) }); i >= 0 && !cascade {
			return fmt.Errorf("ALTER TABLE %s.%s DROP COLUMN %s: foreign key %s of table %s.%s references it (CASCADE would drop that too)", t.Schema, t.Name, col, other.Constraints[i].Name, other.Schema, other.Name)
		}
		other.Constraints = slices.DeleteFunc(other.Constraints, func(c *engines.Constraint) bool { return refersTo(other, c) })
	}
	t.Columns = slices.DeleteFunc(t.Columns, func(c *engines.Column) bool { return c.Name == col })
	t.Constraints = slices.DeleteFunc(t.Constraints, func(c *engines.Constraint) bool {
		return slices.Contains(c.Columns, col) || slices.Contains(c.Include, col) || refersTo(t, c) ||
			(c.Check != "" && mentions(c.Check)) || (c.Definition != "" && mentions(c.Definition))
	})
	t.Indexes = slices.DeleteFunc(t.Indexes, func(idx *engines.Index) bool {
		if slices.Contains(idx.Include, col) || (idx.Where != "" && mentions(idx.Where)) {
			return true
		}
		return slices.ContainsFunc(idx.Parts, func(part *engines.IndexPart) bool {
			return part.Column == col || (part.Expr != "" && mentions(part.Expr))
		})
	})
	if sc := p.db.Schema(t.Schema); sc != nil {
		sc.Sequences = slices.DeleteFunc(sc.Sequences, func(q *engines.Sequence) bool {
			return q.OwnedBy == t.Name+"."+col || q.OwnedBy == t.Schema+"."+t.Name+"."+col
		})
	}
	return nil
}

// ---- indexes ----

func (p *parser) createIndex(s stmtAt, is *pg_query.IndexStmt) error {
	schema, name := rangeVarName(is.Relation)
	idx, err := buildIndex(is)
	if err != nil {
		return err
	}
	var target *[]*engines.Index
	tableName := name
	if t := p.findTable(schema, name); t != nil {
		target = &t.Indexes
		// An operator class written out but equal to the default of the
		// column's type is what the server prints without it.
		for _, part := range idx.Parts {
			if col := t.Column(part.Column); col != nil && part.Column != "" && isDefaultOpclass(idx.Method, col.Type, part.OpClass) {
				part.OpClass = ""
			}
		}
	} else if v := p.findView(schema, name); v != nil && v.Materialized {
		target = &v.Indexes
	} else {
		return fmt.Errorf("CREATE INDEX: table %s.%s is not defined in the schema files", schema, name)
	}
	var elems []*pg_query.IndexElem
	for _, e := range append(append([]*pg_query.Node{}, is.IndexParams...), is.IndexIncludingParams...) {
		elems = append(elems, e.GetIndexElem())
	}
	colNames := joinNameParts(indexColumnNames(elems))
	if idx.Name == "" {
		idx.Name = chooseName(tableName, colNames, "idx", p.relTaken(schema))
	} else if p.rels[schema][idx.Name] && is.IfNotExists {
		return nil
	}
	if err := p.define(s, "index", schema+"."+idx.Name); err != nil {
		return err
	}
	addName(p.rels, schema, idx.Name)
	*target = append(*target, idx)
	if t := p.findTable(schema, name); t != nil && t.PartitionBy != "" {
		if is.Relation.Inh {
			p.absorbPartitionIndexes(t, idx, colNames)
		} else {
			idx.Unattached = p.directPartitions(t)
		}
	}
	return nil
}

// buildIndex turns a parsed CREATE INDEX into the model (name as written).
func buildIndex(is *pg_query.IndexStmt) (*engines.Index, error) {
	idx := &engines.Index{
		Name:             is.Idxname,
		Unique:           is.Unique,
		Method:           is.AccessMethod,
		NullsNotDistinct: is.NullsNotDistinct,
		Parts:            []*engines.IndexPart{},
		Where:            deparseExpr(is.WhereClause),
		Options:          defElemMap(is.Options),
		OptionOrder:      defElemKeys(is.Options),
	}
	if idx.Method == "" {
		idx.Method = "btree"
	}
	for _, e := range is.IndexParams {
		idx.Parts = append(idx.Parts, indexPart(e.GetIndexElem()))
	}
	for _, e := range is.IndexIncludingParams {
		idx.Include = append(idx.Include, e.GetIndexElem().GetName())
	}
	return idx, nil
}

func indexPart(ie *pg_query.IndexElem) *engines.IndexPart {
	part := &engines.IndexPart{Column: ie.Name}
	if ie.Expr != nil {
		// "(a)" is the column a.
		if cr := ie.Expr.GetColumnRef(); cr != nil && len(cr.Fields) == 1 && cr.Fields[0].GetString_() != nil {
			part.Column = cr.Fields[0].GetString_().Sval
		} else {
			part.Expr = deparseExpr(ie.Expr)
		}
	}
	if len(ie.Collation) > 0 {
		part.Collation = collationName(ie.Collation)
	}
	if len(ie.Opclass) > 0 {
		part.OpClass = opclassName(ie.Opclass)
	}
	part.Desc = ie.Ordering == pg_query.SortByDir_SORTBY_DESC
	switch ie.NullsOrdering {
	case pg_query.SortByNulls_SORTBY_NULLS_FIRST:
		if !part.Desc {
			v := true
			part.NullsFirst = &v
		}
	case pg_query.SortByNulls_SORTBY_NULLS_LAST:
		if part.Desc {
			v := false
			part.NullsFirst = &v
		}
	}
	return part
}

// ---- views ----

func (p *parser) findView(schema, name string) *engines.View {
	sc := p.db.Schema(schema)
	if sc == nil {
		return nil
	}
	for _, v := range sc.Views {
		if v.Name == name {
			return v
		}
	}
	return nil
}

func (p *parser) createView(s stmtAt, vs *pg_query.ViewStmt) error {
	schema, name := rangeVarName(vs.View)
	if vs.View.Relpersistence == "t" {
		return p.unsupported(s, "CREATE TEMPORARY VIEW")
	}
	if err := p.define(s, "view", schema+"."+name); err != nil {
		return err
	}
	addName(p.rels, schema, name)
	nameOutputs(vs.Query, stringList(vs.Aliases))
	q, err := deparseStmt(vs.Query)
	if err != nil {
		return fmt.Errorf("deparse view query: %w", err)
	}
	v := &engines.View{Schema: schema, Name: name, Columns: stringList(vs.Aliases), Query: q, Options: defElemMap(vs.Options), OptionOrder: defElemKeys(vs.Options)}
	switch vs.WithCheckOption {
	case pg_query.ViewCheckOption_LOCAL_CHECK_OPTION:
		v.Options = setOption(v.Options, "check_option", "local")
	case pg_query.ViewCheckOption_CASCADED_CHECK_OPTION:
		v.Options = setOption(v.Options, "check_option", "cascaded")
	}
	sc := p.db.EnsureSchema(schema)
	sc.Views = append(sc.Views, v)
	return nil
}

// nameOutputs gives a view's query the output names of its column list,
// as the server stores it: CREATE VIEW v (x) AS SELECT 2 reads back as
// SELECT 2 AS x. A set operation is named by its first branch; a query
// with * keeps its text (its columns are known only to the server).
func nameOutputs(query *pg_query.Node, names []string) {
	if len(names) == 0 {
		return
	}
	sel := query.GetSelectStmt()
	for sel != nil && sel.Op != pg_query.SetOperation_SETOP_NONE {
		sel = sel.Larg
	}
	if sel == nil {
		return
	}
	for _, t := range sel.TargetList {
		if cr := t.GetResTarget().GetVal().GetColumnRef(); cr != nil && len(cr.Fields) > 0 && cr.Fields[len(cr.Fields)-1].GetAStar() != nil {
			return
		}
	}
	for i, t := range sel.TargetList {
		if rt := t.GetResTarget(); rt != nil && i < len(names) {
			rt.Name = names[i]
		}
	}
}

func setOption(m map[string]string, k, v string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[k] = v
	return m
}

func (p *parser) createMatView(s stmtAt, cs *pg_query.CreateTableAsStmt) error {
	if cs.Objtype != pg_query.ObjectType_OBJECT_MATVIEW {
		return p.unsupported(s, "CREATE TABLE AS")
	}
	schema, name := rangeVarName(cs.Into.Rel)
	if p.findView(schema, name) != nil && cs.IfNotExists {
		return nil
	}
	if err := p.define(s, "materialized view", schema+"."+name); err != nil {
		return err
	}
	addName(p.rels, schema, name)
	q, err := deparseStmt(cs.Query)
	if err != nil {
		return fmt.Errorf("deparse materialized view query: %w", err)
	}
	v := &engines.View{Schema: schema, Name: name, Materialized: true, Columns: stringList(cs.Into.ColNames),
		Query: q, Options: defElemMap(cs.Into.Options), OptionOrder: defElemKeys(cs.Into.Options)}
	sc := p.db.EnsureSchema(schema)
	sc.Views = append(sc.Views, v)
	return nil
}

// ---- functions ----

func (p *parser) createFunction(s stmtAt, cf *pg_query.CreateFunctionStmt) error {
	f, err := buildFunction(cf)
	if err != nil {
		return err
	}
	return p.addFunction(s, f)
}

// addFunction adds a routine (function, procedure, aggregate: they share
// one namespace of signatures) to the model.
func (p *parser) addFunction(s stmtAt, f *engines.Function) error {
	if err := p.define(s, "function", f.Schema+"."+f.Signature()); err != nil {
		return err
	}
	if !f.Aggregate && f.Grants == nil {
		f.Grants = routineDefaultGrants()
	}
	sc := p.db.EnsureSchema(f.Schema)
	sc.Functions = append(sc.Functions, f)
	return nil
}

// routineType prints the type of a routine's argument or result as the
// server keeps it: without a type modifier (the catalog stores a type's
// oid only, so RETURNS numeric(10,2) reads back numeric).
func routineType(tn *pg_query.TypeName) string {
	if tn == nil || len(tn.Typmods) == 0 {
		return formatType(tn)
	}
	bare := proto.Clone(tn).(*pg_query.TypeName)
	bare.Typmods = nil
	return formatType(bare)
}

// buildFunction turns a parsed CREATE FUNCTION/PROCEDURE into the model.
// Files and pg_get_functiondef() text both come through here.
func buildFunction(cf *pg_query.CreateFunctionStmt) (*engines.Function, error) {
	schema, name := nameListSchema(stringList(cf.Funcname))
	f := &engines.Function{Schema: schema, Name: name, Procedure: cf.IsProcedure}
	var inArgs, fullArgs, tableCols, outTypes []string
	for _, pn := range cf.Parameters {
		fp := pn.GetFunctionParameter()
		typ := routineType(fp.ArgType)
		full := typ
		if fp.Name != "" {
			full = quoteIdent(fp.Name) + " " + typ
		}
		switch fp.Mode {
		case pg_query.FunctionParameterMode_FUNC_PARAM_TABLE:
			tableCols = append(tableCols, full)
			continue
		case pg_query.FunctionParameterMode_FUNC_PARAM_OUT:
			outTypes = append(outTypes, typ)
			full = "OUT " + full
		case pg_query.FunctionParameterMode_FUNC_PARAM_INOUT:
			outTypes = append(outTypes, typ)
			inArgs = append(inArgs, typ)
			full = "INOUT " + full
		case pg_query.FunctionParameterMode_FUNC_PARAM_VARIADIC:
			inArgs = append(inArgs, typ)
			full = "VARIADIC " + full
		default:
			inArgs = append(inArgs, typ)
		}
		if fp.Defexpr != nil {
			// As written (casts kept: the plan creates the function from
			// this text); paramsEqual compares defaults canonically.
			full += " DEFAULT " + deparseExpr(fp.Defexpr)
		}
		fullArgs = append(fullArgs, full)
	}
	f.Args = strings.Join(inArgs, ", ")
	switch {
	case len(tableCols) > 0:
		f.Returns = "TABLE(" + strings.Join(tableCols, ", ") + ")"
	case cf.ReturnType != nil:
		f.Returns = routineType(cf.ReturnType)
		if cf.ReturnType.Setof {
			f.Returns = "SETOF " + f.Returns
		}
	case cf.IsProcedure:
	case len(outTypes) == 1:
		f.Returns = outTypes[0]
	case len(outTypes) > 1:
		f.Returns = "record"
	default:
		return nil, fmt.Errorf("function %s.%s has no RETURNS clause", schema, name)
	}
	retset := strings.HasPrefix(f.Returns, "SETOF ") || len(tableCols) > 0
	opts := map[string]string{}
	var cost, rows string
	for _, o := range cf.Options {
		d := o.GetDefElem()
		switch d.Defname {
		case "language":
			f.Language = strings.ToLower(defElemString(d))
		case "as":
			items := stringList(d.Arg.GetList().GetItems())
			if len(items) == 1 {
				f.Body = items[0]
			} else {
				for i := range items {
					items[i] = quoteLiteral(items[i])
				}
				f.Body = strings.Join(items, ", ")
			}
		case "volatility":
			if v := defElemString(d); v != "volatile" {
				opts["volatility"] = v
			}
		case "strict":
			if defElemBool(d) {
				opts["strict"] = "true"
			}
		case "security":
			if defElemBool(d) {
				opts["security"] = "definer"
			}
		case "leakproof":
			if defElemBool(d) {
				opts["leakproof"] = "true"
			}
		case "parallel":
			if v := defElemString(d); v != "unsafe" {
				opts["parallel"] = v
			}
		case "window":
			if defElemBool(d) {
				opts["window"] = "true"
			}
		case "cost":
			cost = defElemString(d)
		case "rows":
			rows = defElemString(d)
		case "support":
			opts["support"] = strings.Join(stringList(dropQualifier(d.Arg.GetList().GetItems())), ".")
		case "set":
			vs := d.Arg.GetVariableSetStmt()
			if vs == nil {
				return nil, fmt.Errorf("function %s.%s: unsupported SET clause", schema, name)
			}
			// Setting names are case-insensitive: the server prints its own
			// spelling ("TimeZone") of what a file may write "timezone".
			opts["set."+strings.ToLower(vs.Name)] = variableSetValue(vs)
		default:
			return nil, fmt.Errorf("function %s.%s: unsupported option %q", schema, name, d.Defname)
		}
	}
	if f.Language == "" {
		f.Language = "sql"
	}
	defCost := "100"
	if f.Language == "c" || f.Language == "internal" {
		defCost = "1"
	}
	if cost != "" && numEqual(cost, defCost) == false {
		opts["cost"] = trimNumber(cost)
	}
	if retset && rows != "" && !numEqual(rows, "1000") {
		opts["rows"] = trimNumber(rows)
	}
	if len(opts) > 0 {
		f.Options = opts
	}
	if cf.SqlBody != nil {
		// The body compares canonically, but the function is created with
		// it as written: the canonical form drops casts the server needs
		// to resolve calls (date_trunc('day', '2025-01-01'::timestamp)).
		written, err := sqlBodyText(cf.SqlBody, false)
		if err != nil {
			return nil, fmt.Errorf("function %s.%s: %w", schema, name, err)
		}
		f.Body = written
		f.Definition = functionDefinition(f, fullArgs, true)
		if f.Body, err = sqlBodyText(cf.SqlBody, true); err != nil {
			return nil, fmt.Errorf("function %s.%s: %w", schema, name, err)
		}
		return f, nil
	}
	f.Definition = functionDefinition(f, fullArgs, false)
	return f, nil
}

// numEqual compares two numbers written as text.
func numEqual(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && x == y
}

// trimNumber prints 10.0 as 10, the way the server prints costs.
func trimNumber(s string) string {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return s
}

// variableSetValue prints the value of a SET clause: "public, pg_temp",
// or "FROM CURRENT".
func variableSetValue(vs *pg_query.VariableSetStmt) string {
	if vs.Kind == pg_query.VariableSetKind_VAR_SET_CURRENT {
		return "FROM CURRENT"
	}
	var parts []string
	for _, a := range vs.Args {
		c := a.GetAConst()
		switch {
		case c == nil:
			parts = append(parts, deparseExpr(a))
		case c.GetSval() != nil:
			parts = append(parts, c.GetSval().Sval)
		case c.GetIval() != nil:
			parts = append(parts, strconv.Itoa(int(c.GetIval().Ival)))
		case c.GetFval() != nil:
			parts = append(parts, c.GetFval().Fval)
		case c.GetBoolval() != nil:
			parts = append(parts, strconv.FormatBool(c.GetBoolval().Boolval))
		}
	}
	return strings.Join(parts, ", ")
}

// sqlBodyText prints a SQL-standard body (RETURN expr, BEGIN ATOMIC ... END):
// canonically (canon), so the file and the server's text compare equal, or
// as written.
func sqlBodyText(body *pg_query.Node, canon bool) (string, error) {
	expr := func(n *pg_query.Node) string {
		if canon {
			return canonExprText(n)
		}
		return deparseExpr(n)
	}
	if r := body.GetReturnStmt(); r != nil {
		return "RETURN " + expr(r.Returnval), nil
	}
	var stmts []*pg_query.Node
	var flatten func(n *pg_query.Node)
	flatten = func(n *pg_query.Node) {
		if l := n.GetList(); l != nil {
			for _, x := range l.Items {
				flatten(x)
			}
			return
		}
		stmts = append(stmts, n)
	}
	flatten(body)
	var b strings.Builder
	b.WriteString("BEGIN ATOMIC\n")
	for _, st := range stmts {
		if r := st.GetReturnStmt(); r != nil {
			b.WriteString(" RETURN " + expr(r.Returnval) + ";\n")
			continue
		}
		c := st
		if canon {
			c = cloneNode(st)
			canonQuery(c)
		}
		text, err := deparseStmt(c)
		if err != nil {
			return "", fmt.Errorf("deparse body: %w", err)
		}
		b.WriteString(" " + text + ";\n")
	}
	b.WriteString("END")
	return b.String(), nil
}

// functionDefinition prints the canonical CREATE OR REPLACE statement of a
// function, laid out like pg_get_functiondef().
func functionDefinition(f *engines.Function, fullArgs []string, sqlBody bool) string {
	var b strings.Builder
	kind := "FUNCTION"
	if f.Procedure {
		kind = "PROCEDURE"
	}
	fmt.Fprintf(&b, "CREATE OR REPLACE %s %s(%s)\n", kind, qualify(f.Schema, f.Name), strings.Join(fullArgs, ", "))
	if f.Returns != "" {
		fmt.Fprintf(&b, " RETURNS %s\n", f.Returns)
	}
	fmt.Fprintf(&b, " LANGUAGE %s\n", f.Language)
	var opts []string
	if f.Options["window"] != "" {
		opts = append(opts, "WINDOW")
	}
	if v := f.Options["volatility"]; v != "" {
		opts = append(opts, strings.ToUpper(v))
	}
	if f.Options["strict"] != "" {
		opts = append(opts, "STRICT")
	}
	if f.Options["security"] != "" {
		opts = append(opts, "SECURITY DEFINER")
	}
	if f.Options["leakproof"] != "" {
		opts = append(opts, "LEAKPROOF")
	}
	if v := f.Options["parallel"]; v != "" {
		opts = append(opts, "PARALLEL "+strings.ToUpper(v))
	}
	if v := f.Options["cost"]; v != "" {
		opts = append(opts, "COST "+v)
	}
	if v := f.Options["rows"]; v != "" {
		opts = append(opts, "ROWS "+v)
	}
	if v := f.Options["support"]; v != "" {
		opts = append(opts, "SUPPORT "+v)
	}
	if len(opts) > 0 {
		b.WriteString(" " + strings.Join(opts, " ") + "\n")
	}
	var sets []string
	for k := range f.Options {
		if strings.HasPrefix(k, "set.") {
			sets = append(sets, k)
		}
	}
	sort.Strings(sets)
	for _, k := range sets {
		v := f.Options[k]
		if v == "FROM CURRENT" {
			fmt.Fprintf(&b, " SET %s FROM CURRENT\n", quoteGUC(strings.TrimPrefix(k, "set.")))
			continue
		}
		var vals []string
		for _, x := range strings.Split(v, ", ") {
			vals = append(vals, quoteLiteral(x))
		}
		fmt.Fprintf(&b, " SET %s TO %s\n", quoteGUC(strings.TrimPrefix(k, "set.")), strings.Join(vals, ", "))
	}
	if sqlBody {
		b.WriteString(f.Body + "\n")
		return b.String()
	}
	tag := "$function$"
	for i := 1; strings.Contains(f.Body, tag); i++ {
		tag = "$function" + strconv.Itoa(i) + "$"
	}
	if strings.Contains(f.Body, "', '") && (f.Language == "c" || f.Language == "internal") {
		b.WriteString("AS " + f.Body + "\n")
		return b.String()
	}
	b.WriteString("AS " + tag + f.Body + tag + "\n")
	return b.String()
}

// ---- triggers ----

// Trigger type bits of CreateTrigStmt (TRIGGER_TYPE_* in the server).
const (
	trigBefore   = 1 << 1
	trigInsert   = 1 << 2
	trigDelete   = 1 << 3
	trigUpdate   = 1 << 4
	trigTruncate = 1 << 5
	trigInstead  = 1 << 6
)

func (p *parser) createTrigger(s stmtAt, ct *pg_query.CreateTrigStmt) error {
	schema, name := rangeVarName(ct.Relation)
	t := p.findTable(schema, name)
	v := p.findView(schema, name)
	if t == nil && v == nil {
		return fmt.Errorf("CREATE TRIGGER: table %s.%s is not defined in the schema files", schema, name)
	}
	tr, err := buildTrigger(ct)
	if err != nil {
		return err
	}
	if err := p.define(s, "trigger", schema+"."+name+"."+tr.Name); err != nil {
		return err
	}
	if t != nil {
		t.Triggers = append(t.Triggers, tr)
	} else {
		v.Triggers = append(v.Triggers, tr)
	}
	return nil
}

// buildTrigger turns a parsed CREATE TRIGGER into the model. Files and
// pg_get_triggerdef() text both come through here.
// builtinTriggerFuncs are pg_catalog's trigger functions a trigger may
// name without a schema.
var builtinTriggerFuncs = map[string]bool{
	"suppress_redundant_updates_trigger": true,
	"tsvector_update_trigger":            true,
	"tsvector_update_trigger_column":     true,
}

func buildTrigger(ct *pg_query.CreateTrigStmt) (*engines.Trigger, error) {
	tr := &engines.Trigger{Name: ct.Trigname, ForEachRow: ct.Row, When: deparseExpr(ct.WhenClause)}
	switch {
	case ct.Timing&trigBefore != 0:
		tr.Timing = "BEFORE"
	case ct.Timing&trigInstead != 0:
		tr.Timing = "INSTEAD OF"
	default:
		tr.Timing = "AFTER"
	}
	ev := ct.Events
	if ev&trigInsert != 0 {
		tr.Events = append(tr.Events, "INSERT")
	}
	if ev&trigDelete != 0 {
		tr.Events = append(tr.Events, "DELETE")
	}
	if ev&trigUpdate != 0 {
		if cols := stringList(ct.Columns); len(cols) > 0 {
			for i := range cols {
				cols[i] = quoteIdent(cols[i])
			}
			tr.Events = append(tr.Events, "UPDATE OF "+strings.Join(cols, ", "))
		} else {
			tr.Events = append(tr.Events, "UPDATE")
		}
	}
	if ev&trigTruncate != 0 {
		tr.Events = append(tr.Events, "TRUNCATE")
	}
	fschema, fname := nameListSchema(stringList(ct.Funcname))
	args := stringList(ct.Args)
	for i := range args {
		args[i] = quoteLiteral(args[i])
	}
	if fschema == "pg_catalog" || (len(ct.Funcname) == 1 && builtinTriggerFuncs[fname]) {
		// Built in: the server prints it bare (search_path = pg_catalog).
		fschema = ""
	}
	tr.Function = qualify(fschema, fname) + "(" + strings.Join(args, ", ") + ")"
	opts := map[string]string{}
	if ct.Isconstraint {
		opts["constraint"] = "true"
		if ct.Deferrable {
			opts["deferrable"] = "true"
		}
		if ct.Initdeferred {
			opts["initially_deferred"] = "true"
		}
		if ct.Constrrel != nil {
			cs, cn := rangeVarName(ct.Constrrel)
			opts["from"] = cs + "." + cn
		}
	}
	for _, r := range ct.TransitionRels {
		tt := r.GetTriggerTransition()
		kind := "old_table"
		if tt.IsNew {
			kind = "new_table"
		}
		opts[kind] = tt.Name
	}
	if len(opts) > 0 {
		tr.Options = opts
	}
	// The definition names everything with its schema and prints the
	// condition canonically, so file and server definitions compare equal.
	c := cloneNode(&pg_query.Node{Node: &pg_query.Node_CreateTrigStmt{CreateTrigStmt: ct}}).GetCreateTrigStmt()
	c.Replace = false
	c.Relation.Schemaname, _ = rangeVarName(c.Relation)
	c.Funcname = []*pg_query.Node{pg_query.MakeStrNode(fname)}
	if fschema != "" {
		c.Funcname = []*pg_query.Node{pg_query.MakeStrNode(fschema), pg_query.MakeStrNode(fname)}
	}
	if c.Constrrel != nil {
		c.Constrrel.Schemaname, _ = rangeVarName(c.Constrrel)
	}
	c.WhenClause = canonExpr(c.WhenClause)
	def, err := deparseStmt(&pg_query.Node{Node: &pg_query.Node_CreateTrigStmt{CreateTrigStmt: c}})
	if err != nil {
		return nil, fmt.Errorf("deparse trigger %s: %w", ct.Trigname, err)
	}
	tr.Definition = def
	return tr, nil
}

// ---- comments ----

func (p *parser) comment(s stmtAt, cs *pg_query.CommentStmt) error {
	text := cs.Comment
	obj := cs.Object
	missing := func(what string) error {
		return fmt.Errorf("COMMENT ON %s: not defined in the schema files", what)
	}
	relation := func() (schema, rel, last string, ok bool) {
		names := stringList(obj.GetList().GetItems())
		switch len(names) {
		case 2:
			return "public", names[0], names[1], true
		case 3:
			return names[0], names[1], names[2], true
		}
		return "", "", "", false
	}
	switch cs.Objtype {
	case pg_query.ObjectType_OBJECT_SCHEMA:
		sc := p.db.Schema(obj.GetString_().GetSval())
		if sc == nil {
			return missing("schema " + obj.GetString_().GetSval())
		}
		sc.Comment = text
	case pg_query.ObjectType_OBJECT_DATABASE:
		// The database is the target's, whatever the file names it.
		p.warn(fmt.Sprintf("%s: COMMENT ON DATABASE ignored: the database is the target's", s.where()))
		return nil
	case pg_query.ObjectType_OBJECT_EXTENSION:
		if initdbExtensions[obj.GetString_().GetSval()] {
			return nil
		}
		for _, e := range p.db.Extensions {
			if e.Name == obj.GetString_().GetSval() {
				e.Comment = text
				return nil
			}
		}
		return missing("extension " + obj.GetString_().GetSval())
	case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW, pg_query.ObjectType_OBJECT_MATVIEW,
		pg_query.ObjectType_OBJECT_SEQUENCE, pg_query.ObjectType_OBJECT_INDEX:
		schema, name := nameListSchema(stringList(obj.GetList().GetItems()))
		switch cs.Objtype {
		case pg_query.ObjectType_OBJECT_TABLE:
			t := p.findTable(schema, name)
			if t == nil {
				return missing("table " + schema + "." + name)
			}
			t.Comment = text
		case pg_query.ObjectType_OBJECT_SEQUENCE:
			q := p.findSequence(schema, name)
			if q == nil {
				return missing("sequence " + schema + "." + name)
			}
			q.Comment = text
		case pg_query.ObjectType_OBJECT_INDEX:
			idx := p.findIndex(schema, name)
			if idx == nil {
				if k := p.findKeyIndex(schema, name); k != nil {
					setIndexComment(k, text)
					return nil
				}
				return missing("index " + schema + "." + name)
			}
			idx.Comment = text
		default:
			v := p.findView(schema, name)
			if v == nil {
				return missing("view " + schema + "." + name)
			}
			v.Comment = text
		}
	case pg_query.ObjectType_OBJECT_COLUMN:
		schema, rel, colName, ok := relation()
		if !ok {
			return missing("column")
		}
		if t := p.findTable(schema, rel); t != nil {
			c := t.Column(colName)
			if c == nil {
				return missing("column " + schema + "." + rel + "." + colName)
			}
			c.Comment = text
			return nil
		}
		v := p.findView(schema, rel)
		if v == nil {
			return missing("column " + schema + "." + rel + "." + colName)
		}
		if text == "" {
			delete(v.ColumnComments, colName)
		} else {
			v.ColumnComments = setOption(v.ColumnComments, colName, text)
		}
	case pg_query.ObjectType_OBJECT_TABCONSTRAINT, pg_query.ObjectType_OBJECT_TRIGGER:
		schema, rel, name, ok := relation()
		if v := p.findView(schema, rel); ok && v != nil && cs.Objtype == pg_query.ObjectType_OBJECT_TRIGGER {
			for _, tr := range v.Triggers {
				if tr.Name == name {
					tr.Comment = text
					return nil
				}
			}
			return missing("trigger " + name + " on " + schema + "." + rel)
		}
		t := p.findTable(schema, rel)
		if !ok || t == nil {
			return missing("table " + schema + "." + rel)
		}
		if cs.Objtype == pg_query.ObjectType_OBJECT_TRIGGER {
			for _, tr := range t.Triggers {
				if tr.Name == name {
					tr.Comment = text
					return nil
				}
			}
			return missing("trigger " + name + " on " + schema + "." + rel)
		}
		for _, c := range t.Constraints {
			if c.Name == name {
				c.Comment = text
				return nil
			}
		}
		return missing("constraint " + name + " on " + schema + "." + rel)
	case pg_query.ObjectType_OBJECT_POLICY:
		schema, rel, name, ok := relation()
		t := p.findTable(schema, rel)
		if !ok || t == nil {
			return missing("table " + schema + "." + rel)
		}
		for _, pol := range t.Policies {
			if pol.Name == name {
				pol.Comment = text
				return nil
			}
		}
		return missing("policy " + name + " on " + schema + "." + rel)
	case pg_query.ObjectType_OBJECT_CAST:
		c := p.cast(castListKey(obj))
		if c == nil {
			return missing(strings.TrimPrefix(castListKey(obj), "cast:"))
		}
		c.Comment = text
	case pg_query.ObjectType_OBJECT_TSDICTIONARY:
		schema, name := nameListSchema(stringList(obj.GetList().GetItems()))
		d := p.tsDict(schema, name)
		if d == nil {
			return missing("text search dictionary " + schema + "." + name)
		}
		d.Comment = text
	case pg_query.ObjectType_OBJECT_TSCONFIGURATION:
		schema, name := nameListSchema(stringList(obj.GetList().GetItems()))
		c := p.tsConfig(unqualifiedRoutine(schema + "." + name))
		if c == nil {
			return missing("text search configuration " + schema + "." + name)
		}
		c.Comment = text
	case pg_query.ObjectType_OBJECT_OPERATOR:
		o := p.operator(obj.GetObjectWithArgs())
		if o == nil {
			return missing(strings.TrimPrefix(operatorKey(obj.GetObjectWithArgs()), "operator:"))
		}
		o.Comment = text
	case pg_query.ObjectType_OBJECT_RULE:
		schema, rel, name, ok := relation()
		r := p.findRule(schema, rel, name)
		if !ok || r == nil {
			return missing("rule " + name + " on " + schema + "." + rel)
		}
		r.Comment = text
	case pg_query.ObjectType_OBJECT_STATISTIC_EXT:
		schema, name := nameListSchema(stringList(obj.GetList().GetItems()))
		st := p.statistic(schema, name)
		if st == nil {
			return missing("statistics " + schema + "." + name)
		}
		st.Comment = text
	case pg_query.ObjectType_OBJECT_TYPE, pg_query.ObjectType_OBJECT_DOMAIN:
		tn := obj.GetTypeName()
		schema, name := nameListSchema(stringList(tn.GetNames()))
		t := p.findType(schema, name)
		if t == nil {
			return missing("type " + schema + "." + name)
		}
		t.Comment = text
	case pg_query.ObjectType_OBJECT_COLLATION:
		schema, name := nameListSchema(stringList(obj.GetList().GetItems()))
		var found *engines.Collation
		if sc := p.db.Schema(schema); sc != nil {
			for _, c := range sc.Collations {
				if c.Name == name {
					found = c
				}
			}
		}
		if found == nil {
			return missing("collation " + schema + "." + name)
		}
		found.Comment = text
	case pg_query.ObjectType_OBJECT_EVENT_TRIGGER:
		name := obj.GetString_().GetSval()
		e := p.eventTrigger(name)
		if e == nil {
			return missing("event trigger " + name)
		}
		e.Comment = text
	case pg_query.ObjectType_OBJECT_PUBLICATION:
		name := obj.GetString_().GetSval()
		pub := p.publication(name)
		if pub == nil {
			return missing("publication " + name)
		}
		pub.Comment = text
	case pg_query.ObjectType_OBJECT_FDW:
		name := obj.GetString_().GetSval()
		w := p.fdw(name)
		if w == nil {
			return missing("foreign-data wrapper " + name)
		}
		w.Comment = text
	case pg_query.ObjectType_OBJECT_FOREIGN_SERVER:
		name := obj.GetString_().GetSval()
		srv := p.foreignServer(name)
		if srv == nil {
			return missing("server " + name)
		}
		srv.Comment = text
	case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE,
		pg_query.ObjectType_OBJECT_AGGREGATE:
		owa := obj.GetObjectWithArgs()
		schema, name := nameListSchema(stringList(owa.Objname))
		var args []string
		for _, a := range owa.Objargs {
			args = append(args, formatType(a.GetTypeName()))
		}
		sc := p.db.Schema(schema)
		var found []*engines.Function
		if sc != nil {
			for _, f := range sc.Functions {
				fargs := f.Args
				if f.Aggregate {
					fargs = aggregateTypeList(f.Args)
				}
				if f.Name == name && f.Aggregate == (cs.Objtype == pg_query.ObjectType_OBJECT_AGGREGATE) &&
					(owa.ArgsUnspecified || fargs == strings.Join(args, ", ")) {
					found = append(found, f)
				}
			}
		}
		if len(found) != 1 {
			return missing("function " + schema + "." + name + "(" + strings.Join(args, ", ") + ")")
		}
		found[0].Comment = text
	default:
		return p.unsupported(s, "COMMENT ON "+strings.TrimPrefix(cs.Objtype.String(), "OBJECT_"))
	}
	return nil
}

// findKeyIndex finds the primary key, unique or exclusion constraint whose
// index has the name (a key's index is named as the key).
func (p *parser) findKeyIndex(schema, name string) *engines.Constraint {
	sc := p.db.Schema(schema)
	if sc == nil {
		return nil
	}
	for _, t := range sc.Tables {
		for _, c := range t.Constraints {
			if c.Name == name && (c.Kind == engines.PrimaryKey || c.Kind == engines.Unique || c.Kind == engines.Exclude) {
				return c
			}
		}
	}
	return nil
}

// findIndex finds an index of a table or materialized view by name.
func (p *parser) findIndex(schema, name string) *engines.Index {
	sc := p.db.Schema(schema)
	if sc == nil {
		return nil
	}
	for _, t := range sc.Tables {
		for _, idx := range t.Indexes {
			if idx.Name == name {
				return idx
			}
		}
	}
	for _, v := range sc.Views {
		for _, idx := range v.Indexes {
			if idx.Name == name {
				return idx
			}
		}
	}
	return nil
}

// finish checks foreign keys and fills in referenced columns left implicit.
func (p *parser) finish() error {
	for _, fk := range p.fks {
		if t := p.findTable(fk.schema, fk.table); t == nil || !slices.Contains(t.Constraints, fk.c) {
			// Dropped later in the files (ALTER TABLE ... DROP CONSTRAINT
			// before a DROP TABLE of what it referenced).
			continue
		}
		ref := p.findTable(fk.c.RefSchema, fk.c.RefTable)
		if ref == nil {
			return &engines.StatementError{File: fk.at.file, Line: fk.at.line, Statement: fk.at.text,
				Err: fmt.Errorf("foreign key %s of table %s.%s references table %s.%s, which is defined nowhere in the schema files",
					fk.c.Name, fk.schema, fk.table, fk.c.RefSchema, fk.c.RefTable)}
		}
		if len(fk.c.RefColumns) == 0 {
			for _, c := range ref.Constraints {
				if c.Kind == engines.PrimaryKey {
					fk.c.RefColumns = append([]string(nil), c.Columns...)
				}
			}
			if len(fk.c.RefColumns) == 0 {
				return &engines.StatementError{File: fk.at.file, Line: fk.at.line, Statement: fk.at.text,
					Err: fmt.Errorf("foreign key %s: table %s.%s has no primary key to reference", fk.c.Name, fk.c.RefSchema, fk.c.RefTable)}
			}
		}
	}
	return nil
}

// ---- option values ----

// defElemString returns an option's value as text.
func defElemString(d *pg_query.DefElem) string {
	if d == nil || d.Arg == nil {
		return ""
	}
	a := d.Arg
	switch {
	case a.GetString_() != nil:
		return a.GetString_().Sval
	case a.GetInteger() != nil:
		return strconv.Itoa(int(a.GetInteger().Ival))
	case a.GetFloat() != nil:
		return a.GetFloat().Fval
	case a.GetBoolean() != nil:
		return strconv.FormatBool(a.GetBoolean().Boolval)
	case a.GetTypeName() != nil:
		// A bare word (check_option=local) parses as a type name; it is a
		// keyword value, not a type of any schema.
		if tn := a.GetTypeName(); len(tn.Names) == 1 && len(tn.Typmods) == 0 && len(tn.ArrayBounds) == 0 {
			return tn.Names[0].GetString_().GetSval()
		}
		return formatType(a.GetTypeName())
	case a.GetAConst() != nil:
		return deparseExpr(a)
	case a.GetList() != nil:
		return strings.Join(stringList(a.GetList().Items), ".")
	}
	return deparseExpr(a)
}

func defElemInt(d *pg_query.DefElem) (int64, error) {
	s := defElemString(d)
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("option %s: %q is not an integer", d.Defname, s)
	}
	return v, nil
}

func defElemBool(d *pg_query.DefElem) bool {
	if d.Arg == nil {
		return true
	}
	switch strings.ToLower(defElemString(d)) {
	case "true", "on", "1", "yes":
		return true
	}
	return false
}

// defElemKeys lists the keys of WITH (k = v, ...) in their order.
func defElemKeys(nodes []*pg_query.Node) []string {
	var keys []string
	for _, n := range nodes {
		if d := n.GetDefElem(); d != nil {
			k := d.Defname
			if d.Defnamespace != "" {
				k = d.Defnamespace + "." + k
			}
			keys = append(keys, k)
		}
	}
	return keys
}

// setOptionOrder is the order of storage parameters after SET (k = v,
// ...): like the server, the keys set move to the end in their order.
func setOptionOrder(order []string, nodes []*pg_query.Node) []string {
	set := defElemKeys(nodes)
	out := slices.DeleteFunc(slices.Clone(order), func(k string) bool { return slices.Contains(set, k) })
	return append(out, set...)
}

// defElemMap turns WITH (k = v, ...) into a map; nil when empty.
func defElemMap(nodes []*pg_query.Node) map[string]string {
	if len(nodes) == 0 {
		return nil
	}
	m := map[string]string{}
	for _, n := range nodes {
		d := n.GetDefElem()
		if d == nil {
			continue
		}
		k := d.Defname
		if d.Defnamespace != "" {
			k = d.Defnamespace + "." + k
		}
		v := "true"
		if d.Arg != nil {
			v = defElemString(d)
		}
		m[k] = v
	}
	return m
}

// ---- contract functions for inspect ----

// parseOne parses text that must hold exactly one statement.
func parseOne(def string) (*pg_query.Node, error) {
	tree, err := pg_query.Parse(def)
	if err != nil {
		return nil, fmt.Errorf("parse %q: %w", def, err)
	}
	if len(tree.Stmts) != 1 {
		return nil, fmt.Errorf("parse %q: want one statement, got %d", def, len(tree.Stmts))
	}
	return tree.Stmts[0].Stmt, nil
}

// parseIndexDef reads pg_get_indexdef() output, e.g.
// "CREATE UNIQUE INDEX t_a_idx ON public.t USING btree (a) WHERE (a > 0)".
func parseIndexDef(def string) (schema, table string, idx *engines.Index, err error) {
	n, err := parseOne(def)
	if err != nil {
		return "", "", nil, err
	}
	is := n.GetIndexStmt()
	if is == nil {
		return "", "", nil, fmt.Errorf("not an index definition: %q", def)
	}
	schema, table = rangeVarName(is.Relation)
	idx, err = buildIndex(is)
	return schema, table, idx, err
}

// parsePredicate reads a partial index's predicate as printed by the
// server, into the model's text of it (as parseIndexDef gives it).
func parsePredicate(pred string) (string, error) {
	n, err := parseOne("CREATE INDEX i ON t (c) WHERE " + pred)
	if err != nil {
		return "", err
	}
	is := n.GetIndexStmt()
	if is == nil || is.WhereClause == nil {
		return "", fmt.Errorf("not a predicate: %q", pred)
	}
	return deparseExpr(is.WhereClause), nil
}

// parseConstraintDef reads pg_get_constraintdef() output for a constraint
// of table schema.table, e.g. "FOREIGN KEY (a) REFERENCES public.t(id) ON DELETE CASCADE".
func parseConstraintDef(schema, table, name, def string) (*engines.Constraint, error) {
	n, err := parseOne("ALTER TABLE " + qualify(schema, table) + " ADD CONSTRAINT " + quoteIdent(name) + " " + def)
	if err != nil {
		return nil, err
	}
	cmds := n.GetAlterTableStmt().GetCmds()
	if len(cmds) != 1 || cmds[0].GetAlterTableCmd().GetDef().GetConstraint() == nil {
		return nil, fmt.Errorf("not a constraint definition: %q", def)
	}
	return buildConstraint(cmds[0].GetAlterTableCmd().GetDef().GetConstraint(), "")
}

// parseTriggerDef reads pg_get_triggerdef() output.
func parseTriggerDef(def string) (*engines.Trigger, error) {
	n, err := parseOne(def)
	if err != nil {
		return nil, err
	}
	ct := n.GetCreateTrigStmt()
	if ct == nil {
		return nil, fmt.Errorf("not a trigger definition: %q", def)
	}
	return buildTrigger(ct)
}

// parseFunctionDef reads pg_get_functiondef() output.
func parseFunctionDef(def string) (*engines.Function, error) {
	n, err := parseOne(def)
	if err != nil {
		return nil, err
	}
	cf := n.GetCreateFunctionStmt()
	if cf == nil {
		return nil, fmt.Errorf("not a function definition: %q", def)
	}
	return buildFunction(cf)
}

// rolesOnlyDoBlock reports whether a DO block's PL/pgSQL code does nothing
// but create or change roles (schema files for privileges often start with
// IF NOT EXISTS (SELECT … FROM pg_roles …) THEN CREATE ROLE … END IF): its
// statements, read with the PL/pgSQL grammar, are role statements, reads,
// conditions, RAISE and RETURN, and nothing that runs other SQL (EXECUTE,
// PERFORM, CALL).
func rolesOnlyDoBlock(ds *pg_query.DoStmt) bool {
	body, lang := doBlockBody(ds)
	if body == "" || lang != "plpgsql" {
		return false
	}
	tree, parsed := plpgsqlTree(body)
	if !parsed {
		return false
	}
	roles := 0
	var ok func(v any) bool
	ok = func(v any) bool {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if !ok(e) {
					return false
				}
			}
		case map[string]any:
			for k, e := range x {
				if strings.HasPrefix(k, "PLpgSQL_stmt_") {
					switch k {
					case "PLpgSQL_stmt_block", "PLpgSQL_stmt_if", "PLpgSQL_stmt_raise", "PLpgSQL_stmt_return", "PLpgSQL_stmt_assign":
					case "PLpgSQL_stmt_execsql":
						q, _ := e.(map[string]any)["sqlstmt"].(map[string]any)["PLpgSQL_expr"].(map[string]any)["query"].(string)
						n, reads := roleStatements(q)
						if !reads {
							return false
						}
						roles += n
					default:
						return false
					}
				}
				if !ok(e) {
					return false
				}
			}
		}
		return true
	}
	return ok(tree) && roles > 0
}

// roleStatements counts the role statements of SQL text; ok is false when
// it holds anything but role statements and plain reads.
func roleStatements(sql string) (roles int, ok bool) {
	tree, err := pg_query.Parse(sql)
	if err != nil || len(tree.Stmts) == 0 {
		return 0, false
	}
	for _, st := range tree.Stmts {
		switch st.Stmt.Node.(type) {
		case *pg_query.Node_CreateRoleStmt, *pg_query.Node_AlterRoleStmt, *pg_query.Node_DropRoleStmt, *pg_query.Node_GrantRoleStmt:
			roles++
		case *pg_query.Node_SelectStmt:
		default:
			return 0, false
		}
	}
	return roles, true
}

// likeCopy is a CREATE TABLE ... (LIKE source INCLUDING ...) whose indexes
// and comments are copied once every pass is done.
type likeCopy struct {
	t, from *engines.Table
	options uint32
	// cols are the columns copied (named as in the source).
	cols []string
}

// The bits of TableLikeClause.Options (parsenodes.h's TableLikeOption).
const (
	likeComments    = 1 << 0
	likeCompression = 1 << 1
	likeConstraints = 1 << 2
	likeDefaults    = 1 << 3
	likeGenerated   = 1 << 4
	likeIdentity    = 1 << 5
	likeIndexes     = 1 << 6
	likeStatistics  = 1 << 7
	likeStorage     = 1 << 8
)

// likeColumns copies the columns of the LIKE clause's table into t, where
// the clause stands, as the server does when it creates the table: names,
// types, NOT NULL and collations always; defaults, identity, generation,
// storage, compression and CHECK constraints as INCLUDING says. The table
// must be defined earlier in the files. Its indexes and comments follow
// at the end (copyLikes).
func (p *parser) likeColumns(t *engines.Table, lc *pg_query.TableLikeClause) error {
	schema, name := rangeVarName(lc.Relation)
	from := p.findTable(schema, name)
	if from == nil {
		return fmt.Errorf("LIKE %s.%s: the table is not defined before this statement in the schema files", schema, name)
	}
	o := lc.Options
	var cols []string
	for _, fc := range from.Columns {
		if t.Column(fc.Name) != nil {
			return fmt.Errorf("LIKE %s.%s: column %q is specified more than once", schema, name, fc.Name)
		}
		c := &engines.Column{Name: fc.Name, Type: fc.Type, NotNull: fc.NotNull, Collation: fc.Collation}
		switch {
		case fc.Identity != "":
			if o&likeIdentity != 0 {
				c.Identity, c.IdentityOptions = fc.Identity, fc.IdentityOptions
			}
		case fc.Generated != "":
			if o&likeGenerated != 0 {
				c.Generated, c.GeneratedStored = fc.Generated, fc.GeneratedStored
			}
		case fc.Default != "" && o&likeDefaults != 0:
			c.Default = fc.Default
		}
		for k, v := range fc.Options {
			if k == "storage" && o&likeStorage != 0 || k == "compression" && o&likeCompression != 0 {
				if c.Options == nil {
					c.Options = map[string]string{}
				}
				c.Options[k] = v
			}
		}
		t.Columns = append(t.Columns, c)
		cols = append(cols, c.Name)
	}
	if o&likeConstraints != 0 {
		for _, fk := range from.Constraints {
			if fk.Kind == engines.Check {
				k := fk.Clone()
				k.Comment = ""
				t.Constraints = append(t.Constraints, k)
				addName(p.cons, t.Schema, k.Name)
			}
		}
	}
	if o&(likeIndexes|likeComments|likeStatistics) != 0 {
		p.likes = append(p.likes, likeCopy{t: t, from: from, options: o, cols: cols})
	}
	return nil
}

// copyLikes copies the comments, indexes and statistics LIKE ... INCLUDING
// asked for, once the files' indexes, statistics and comments are all
// applied. Copied indexes are named as the server names indexes it makes
// (t_pkey, t_a_key, t_a_idx), statistics as unnamed ones (t_a_b_stat).
func (p *parser) copyLikes() {
	for _, l := range p.likes {
		t, from := l.t, l.from
		if l.options&likeStatistics != 0 {
			p.copyStatistics(t, from, l.options&likeComments != 0)
		}
		if l.options&likeComments != 0 {
			for _, name := range l.cols {
				if fc, c := from.Column(name), t.Column(name); fc != nil && c != nil && c.Comment == "" {
					c.Comment = fc.Comment
				}
			}
			for _, fk := range from.Constraints {
				if fk.Kind != engines.Check || fk.Comment == "" {
					continue
				}
				if k := constraintNamed(t, fk.Name); k != nil && k.Comment == "" && l.options&likeConstraints != 0 {
					k.Comment = fk.Comment
				}
			}
		}
		if l.options&likeIndexes == 0 {
			continue
		}
		for _, fk := range from.Constraints {
			if fk.Kind != engines.PrimaryKey && fk.Kind != engines.Unique && fk.Kind != engines.Exclude {
				continue
			}
			if fk.Kind == engines.PrimaryKey && slices.ContainsFunc(t.Constraints, func(c *engines.Constraint) bool { return c.Kind == engines.PrimaryKey }) {
				continue // the server refuses a second primary key; the files would not load
			}
			k := fk.Clone()
			switch k.Kind {
			case engines.PrimaryKey:
				k.Name = chooseName(t.Name, "", "pkey", p.relTaken(t.Schema))
			case engines.Unique:
				cols := append(append([]string{}, k.Columns...), k.Include...)
				k.Name = chooseName(t.Name, joinNameParts(dedupeColumnNames(cols)), "key", p.relTaken(t.Schema))
			default:
				k.Name = chooseName(t.Name, joinNameParts(dedupeColumnNames(k.Columns)), "excl", p.relTaken(t.Schema))
			}
			addName(p.rels, t.Schema, k.Name)
			addName(p.cons, t.Schema, k.Name)
			k.Comment = ""
			setIndexComment(k, "")
			if l.options&likeComments != 0 {
				k.Comment = fk.Comment
				setIndexComment(k, fk.Options[indexCommentOption])
			}
			t.Constraints = append(t.Constraints, k)
		}
		for _, fi := range from.Indexes {
			idx := fi.Clone()
			var elems []*pg_query.IndexElem
			for _, part := range idx.Parts {
				e := &pg_query.IndexElem{Name: part.Column}
				if part.Expr != "" {
					if n, err := parseExpr(part.Expr); err == nil {
						e = &pg_query.IndexElem{Expr: n}
					}
				}
				elems = append(elems, e)
			}
			for _, inc := range idx.Include {
				elems = append(elems, &pg_query.IndexElem{Name: inc})
			}
			idx.Name = chooseName(t.Name, joinNameParts(indexColumnNames(elems)), "idx", p.relTaken(t.Schema))
			addName(p.rels, t.Schema, idx.Name)
			if l.options&likeComments == 0 {
				idx.Comment = ""
			}
			t.Indexes = append(t.Indexes, idx)
		}
	}
}
