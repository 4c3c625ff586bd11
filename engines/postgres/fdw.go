package postgres

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// SQL/MED objects: foreign-data wrappers, foreign servers and user
// mappings belong to the database. They are created after extensions
// (which bring wrappers such as postgres_fdw) in the order wrapper, server,
// mapping, and dropped the other way round before functions and
// extensions. Foreign tables are not modelled yet.

const (
	qForeignDataWrappers = `SELECT w.fdwname, coalesce(hn.nspname, ''), coalesce(h.proname, ''), coalesce(vn.nspname, ''), coalesce(v.proname, ''),
  coalesce(w.fdwoptions, '{}'), w.oid
FROM pg_foreign_data_wrapper w
LEFT JOIN pg_proc h ON h.oid = w.fdwhandler LEFT JOIN pg_namespace hn ON hn.oid = h.pronamespace
LEFT JOIN pg_proc v ON v.oid = w.fdwvalidator LEFT JOIN pg_namespace vn ON vn.oid = v.pronamespace
ORDER BY 1`
	qForeignServers = `SELECT s.srvname, w.fdwname, coalesce(s.srvtype, ''), coalesce(s.srvversion, ''), coalesce(s.srvoptions, '{}'), s.oid
FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
ORDER BY 1`
	// pg_user_mappings shows a mapping's options only to whom may see
	// them; the role the inspection runs as is named CURRENT_USER, as
	// files name it.
	qUserMappings = `SELECT CASE WHEN m.umuser = 0 THEN 'PUBLIC' WHEN m.usename = current_user THEN 'CURRENT_USER' ELSE m.usename END,
  m.srvname, coalesce(m.umoptions, '{}')
FROM pg_user_mappings m
ORDER BY 2, 1`

	classForeignDataWrapper = 2328
	classForeignServer      = 1417
)

func (in *inspector) fdwRow(rows pgx.Rows) error {
	var (
		w              engines.ForeignDataWrapper
		hs, hn, vs, vn string
		opts           []string
		oid            uint32
	)
	if err := rows.Scan(&w.Name, &hs, &hn, &vs, &vn, &opts, &oid); err != nil {
		return err
	}
	if in.ownedByExtension(classForeignDataWrapper, oid) {
		return nil
	}
	if hn != "" {
		w.Handler = aggFuncName([]string{hs, hn})
	}
	if vn != "" {
		w.Validator = aggFuncName([]string{vs, vn})
	}
	w.Options = canonOptions(opts)
	w.Comment = in.comment(classForeignDataWrapper, oid, 0)
	in.db.ForeignDataWrappers = append(in.db.ForeignDataWrappers, &w)
	return nil
}

func (in *inspector) foreignServerRow(rows pgx.Rows) error {
	var (
		s    engines.ForeignServer
		opts []string
		oid  uint32
	)
	if err := rows.Scan(&s.Name, &s.Wrapper, &s.Type, &s.Version, &opts, &oid); err != nil {
		return err
	}
	if in.ownedByExtension(classForeignServer, oid) {
		return nil
	}
	s.Options = canonOptions(opts)
	s.Comment = in.comment(classForeignServer, oid, 0)
	in.db.ForeignServers = append(in.db.ForeignServers, &s)
	return nil
}

func (in *inspector) userMappingRow(rows pgx.Rows) error {
	var (
		m    engines.UserMapping
		opts []string
	)
	if err := rows.Scan(&m.User, &m.Server, &opts); err != nil {
		return err
	}
	m.Options = canonOptions(opts)
	for i, o := range m.Options {
		if k, v, _ := strings.Cut(o, "="); sensitiveOption(k) {
			m.Options[i] = k + "=" + optionDigest(v)
		}
	}
	in.db.UserMappings = append(in.db.UserMappings, &m)
	return nil
}

// sensitiveOption tells the options whose values are secrets: they are
// compared by digest and never printed from a live database.
func sensitiveOption(name string) bool {
	n := strings.ToLower(name)
	// password, sslpassword, …; not password_required, which is a flag.
	return strings.HasSuffix(n, "password") || strings.Contains(n, "secret") || strings.Contains(n, "token")
}

func optionDigest(v string) string {
	sum := sha256.Sum256([]byte(v))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// canonOptions sorts "name=value" options (the catalog keeps them in the
// order they were given).
func canonOptions(opts []string) []string {
	if len(opts) == 0 {
		return nil
	}
	out := slices.Clone(opts)
	slices.Sort(out)
	return out
}

// applyOptions applies an OPTIONS list (CREATE's, or ALTER's with ADD,
// SET and DROP) to "name=value" options.
func applyOptions(opts []string, list []*pg_query.Node) ([]string, error) {
	m := map[string]string{}
	var order []string
	for _, o := range opts {
		k, v, _ := strings.Cut(o, "=")
		m[k] = v
		order = append(order, k)
	}
	for _, n := range list {
		d := n.GetDefElem()
		if d == nil {
			continue
		}
		_, had := m[d.Defname]
		switch d.Defaction {
		case pg_query.DefElemAction_DEFELEM_DROP:
			if !had {
				return nil, fmt.Errorf("option %q not found", d.Defname)
			}
			delete(m, d.Defname)
			continue
		case pg_query.DefElemAction_DEFELEM_SET:
			if !had {
				return nil, fmt.Errorf("option %q not found", d.Defname)
			}
		default:
			if had {
				return nil, fmt.Errorf("option %q provided more than once", d.Defname)
			}
			order = append(order, d.Defname)
		}
		m[d.Defname] = defElemString(d)
	}
	var out []string
	for _, k := range order {
		if v, ok := m[k]; ok && !slices.Contains(out, k+"="+v) {
			out = append(out, k+"="+v)
		}
	}
	return canonOptions(out), nil
}

// optionsSQL prints OPTIONS (a 'x', b 'y') for CREATE; "" when none.
func optionsSQL(opts []string) string {
	if len(opts) == 0 {
		return ""
	}
	parts := make([]string, len(opts))
	for i, o := range opts {
		k, v, _ := strings.Cut(o, "=")
		parts[i] = quoteIdent(k) + " " + quoteLiteral(v)
	}
	return " OPTIONS (" + strings.Join(parts, ", ") + ")"
}

// alterOptionsSQL prints the OPTIONS (ADD …, SET …, DROP …) that turn one
// option list into another; "" when they match. A target value that is a
// digest (a secret read from the server) matches the source value it is
// the digest of.
func alterOptionsSQL(from, to []string) string {
	fm, tm := map[string]string{}, map[string]string{}
	for _, o := range from {
		k, v, _ := strings.Cut(o, "=")
		fm[k] = v
	}
	for _, o := range to {
		k, v, _ := strings.Cut(o, "=")
		tm[k] = v
	}
	var parts []string
	for _, k := range unionKeys(fm, tm) {
		fv, had := fm[k]
		tv, has := tm[k]
		switch {
		case had && !has:
			parts = append(parts, "DROP "+quoteIdent(k))
		case !had && has:
			parts = append(parts, "ADD "+quoteIdent(k)+" "+quoteLiteral(tv))
		case fv != tv && fv != optionDigest(tv):
			parts = append(parts, "SET "+quoteIdent(k)+" "+quoteLiteral(tv))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " OPTIONS (" + strings.Join(parts, ", ") + ")"
}

// ---- parse ----

func (p *parser) fdw(name string) *engines.ForeignDataWrapper {
	return named(p.db.ForeignDataWrappers, func(w *engines.ForeignDataWrapper) string { return w.Name }, name)
}

func (p *parser) foreignServer(name string) *engines.ForeignServer {
	return named(p.db.ForeignServers, func(s *engines.ForeignServer) string { return s.Name }, name)
}

func fdwFuncOptions(w *engines.ForeignDataWrapper, opts []*pg_query.Node) error {
	for _, n := range opts {
		d := n.GetDefElem()
		name := ""
		if d.GetArg() != nil {
			name = aggFuncName(stringList(d.Arg.GetList().GetItems()))
		}
		switch strings.ToLower(d.GetDefname()) {
		case "handler":
			w.Handler = name
		case "validator":
			w.Validator = name
		default:
			return fmt.Errorf("foreign-data wrapper %s: unsupported clause %s", w.Name, d.GetDefname())
		}
	}
	return nil
}

func (p *parser) createFDW(s stmtAt, cs *pg_query.CreateFdwStmt) error {
	w := &engines.ForeignDataWrapper{Name: cs.Fdwname}
	if err := fdwFuncOptions(w, cs.FuncOptions); err != nil {
		return err
	}
	opts, err := applyOptions(nil, cs.Options)
	if err != nil {
		return fmt.Errorf("foreign-data wrapper %s: %w", w.Name, err)
	}
	w.Options = opts
	if err := p.define(s, "foreign-data wrapper", w.Name); err != nil {
		return err
	}
	p.db.ForeignDataWrappers = append(p.db.ForeignDataWrappers, w)
	return nil
}

func (p *parser) alterFDW(s stmtAt, as *pg_query.AlterFdwStmt) error {
	w := p.fdw(as.Fdwname)
	if w == nil {
		return p.undefined(s, "foreign-data wrapper "+as.Fdwname)
	}
	if err := fdwFuncOptions(w, as.FuncOptions); err != nil {
		return err
	}
	opts, err := applyOptions(w.Options, as.Options)
	if err != nil {
		return fmt.Errorf("foreign-data wrapper %s: %w", w.Name, err)
	}
	w.Options = opts
	return nil
}

func (p *parser) createForeignServer(s stmtAt, cs *pg_query.CreateForeignServerStmt) error {
	if cs.IfNotExists && p.foreignServer(cs.Servername) != nil {
		return nil
	}
	srv := &engines.ForeignServer{Name: cs.Servername, Wrapper: cs.Fdwname, Type: cs.Servertype, Version: cs.Version}
	opts, err := applyOptions(nil, cs.Options)
	if err != nil {
		return fmt.Errorf("server %s: %w", srv.Name, err)
	}
	srv.Options = opts
	if err := p.define(s, "server", srv.Name); err != nil {
		return err
	}
	p.db.ForeignServers = append(p.db.ForeignServers, srv)
	return nil
}

func (p *parser) alterForeignServer(s stmtAt, as *pg_query.AlterForeignServerStmt) error {
	srv := p.foreignServer(as.Servername)
	if srv == nil {
		return p.undefined(s, "server "+as.Servername)
	}
	if as.HasVersion {
		srv.Version = as.Version
	}
	opts, err := applyOptions(srv.Options, as.Options)
	if err != nil {
		return fmt.Errorf("server %s: %w", srv.Name, err)
	}
	srv.Options = opts
	return nil
}

// mappingUser names a user mapping's role as inspection does.
func mappingUser(r *pg_query.RoleSpec) string {
	switch r.GetRoletype() {
	case pg_query.RoleSpecType_ROLESPEC_PUBLIC:
		return "PUBLIC"
	case pg_query.RoleSpecType_ROLESPEC_CURRENT_USER, pg_query.RoleSpecType_ROLESPEC_CURRENT_ROLE,
		pg_query.RoleSpecType_ROLESPEC_SESSION_USER:
		return "CURRENT_USER"
	}
	return r.GetRolename()
}

func (p *parser) userMapping(user, server string) *engines.UserMapping {
	for _, m := range p.db.UserMappings {
		if m.User == user && m.Server == server {
			return m
		}
	}
	return nil
}

func (p *parser) createUserMapping(s stmtAt, cs *pg_query.CreateUserMappingStmt) error {
	m := &engines.UserMapping{User: mappingUser(cs.User), Server: cs.Servername}
	if cs.IfNotExists && p.userMapping(m.User, m.Server) != nil {
		return nil
	}
	opts, err := applyOptions(nil, cs.Options)
	if err != nil {
		return fmt.Errorf("user mapping for %s on %s: %w", m.User, m.Server, err)
	}
	m.Options = opts
	if err := p.define(s, "user mapping", m.User+" on "+m.Server); err != nil {
		return err
	}
	p.db.UserMappings = append(p.db.UserMappings, m)
	return nil
}

func (p *parser) alterUserMapping(s stmtAt, as *pg_query.AlterUserMappingStmt) error {
	m := p.userMapping(mappingUser(as.User), as.Servername)
	if m == nil {
		return p.undefined(s, "user mapping for "+mappingUser(as.User)+" on server "+as.Servername)
	}
	opts, err := applyOptions(m.Options, as.Options)
	if err != nil {
		return fmt.Errorf("user mapping for %s on %s: %w", m.User, m.Server, err)
	}
	m.Options = opts
	return nil
}

func (p *parser) undefined(s stmtAt, what string) error {
	return &engines.StatementError{File: s.file, Line: s.line, Statement: s.text,
		Err: fmt.Errorf("%s is not defined in the schema files", what)}
}

// ---- DDL ----

func createFDWSQL(w *engines.ForeignDataWrapper) string {
	sql := "CREATE FOREIGN DATA WRAPPER " + quoteIdent(w.Name)
	if w.Handler != "" {
		sql += " HANDLER " + w.Handler
	}
	if w.Validator != "" {
		sql += " VALIDATOR " + w.Validator
	}
	return sql + optionsSQL(w.Options)
}

func createServerSQL(s *engines.ForeignServer) string {
	sql := "CREATE SERVER " + quoteIdent(s.Name)
	if s.Type != "" {
		sql += " TYPE " + quoteLiteral(s.Type)
	}
	if s.Version != "" {
		sql += " VERSION " + quoteLiteral(s.Version)
	}
	return sql + " FOREIGN DATA WRAPPER " + quoteIdent(s.Wrapper) + optionsSQL(s.Options)
}

func mappingUserSQL(user string) string {
	if user == "PUBLIC" || user == "CURRENT_USER" {
		return user
	}
	return quoteIdent(user)
}

func userMappingObject(m *engines.UserMapping) string {
	return "USER MAPPING FOR " + mappingUserSQL(m.User) + " SERVER " + quoteIdent(m.Server)
}

// ---- diff and plan ----

// diffForeign compares wrappers, servers and mappings. A server whose
// wrapper or type changes is dropped and created again, with its mappings.
func (pl *planner) diffForeign(emit func(*engines.Change)) {
	eachByName(pl.tgt.db.ForeignDataWrappers, pl.src.db.ForeignDataWrappers, func(w *engines.ForeignDataWrapper) string { return w.Name },
		func(name string, t *engines.ForeignDataWrapper, _ bool, s *engines.ForeignDataWrapper, _ bool) {
			switch {
			case t == nil:
				emit(&engines.Change{Op: engines.Add, Kind: engines.KindFDW, Name: name, To: s})
			case s == nil:
				emit(&engines.Change{Op: engines.Drop, Kind: engines.KindFDW, Name: name, From: t})
			case t.Handler != s.Handler || t.Validator != s.Validator || !slices.Equal(t.Options, s.Options) || t.Comment != s.Comment:
				emit(&engines.Change{Op: engines.Alter, Kind: engines.KindFDW, Name: name, Fields: []string{"definition"}, From: t, To: s})
			}
		})
	eachByName(pl.tgt.db.ForeignServers, pl.src.db.ForeignServers, func(s *engines.ForeignServer) string { return s.Name },
		func(name string, t *engines.ForeignServer, _ bool, s *engines.ForeignServer, _ bool) {
			switch {
			case t == nil:
				emit(&engines.Change{Op: engines.Add, Kind: engines.KindServer, Name: name, To: s})
			case s == nil:
				emit(&engines.Change{Op: engines.Drop, Kind: engines.KindServer, Name: name, From: t})
			case t.Wrapper != s.Wrapper || t.Type != s.Type:
				if pl.serversReplaced == nil {
					pl.serversReplaced = map[string]bool{}
				}
				pl.serversReplaced[name] = true
				emit(&engines.Change{Op: engines.Replace, Kind: engines.KindServer, Name: name, Fields: []string{"wrapper"}, From: t, To: s})
			case t.Version != s.Version || !slices.Equal(t.Options, s.Options) || t.Comment != s.Comment:
				emit(&engines.Change{Op: engines.Alter, Kind: engines.KindServer, Name: name, Fields: []string{"definition"}, From: t, To: s})
			}
		})
	eachByName(pl.tgt.db.UserMappings, pl.src.db.UserMappings, func(m *engines.UserMapping) string { return m.Server + " " + m.User },
		func(k string, t *engines.UserMapping, _ bool, s *engines.UserMapping, _ bool) {
			switch {
			case t == nil:
				emit(&engines.Change{Op: engines.Add, Kind: engines.KindUserMapping, Name: k, To: s})
			case s == nil:
				emit(&engines.Change{Op: engines.Drop, Kind: engines.KindUserMapping, Name: k, From: t})
			case pl.serversReplaced[s.Server]:
				emit(&engines.Change{Op: engines.Replace, Kind: engines.KindUserMapping, Name: k, Fields: []string{"server"}, From: t, To: s})
			case alterOptionsSQL(t.Options, s.Options) != "":
				emit(&engines.Change{Op: engines.Alter, Kind: engines.KindUserMapping, Name: k, Fields: []string{"options"}, From: t, To: s})
			}
		})
}

// emitForeign plans one wrapper, server or mapping change. Drops of what
// is dropped for good wait until the tables using them are gone; a
// server created again is dropped early, its mappings before it.
func (pl *planner) emitForeign(c *engines.Change) {
	obj := c.Object()
	switch c.Kind {
	case engines.KindFDW:
		target := "FOREIGN DATA WRAPPER " + quoteIdent(c.Name)
		switch c.Op {
		case engines.Add:
			w := c.To.(*engines.ForeignDataWrapper)
			pl.add(phExtensions, obj, createFDWSQL(w)).key = "fdw:" + w.Name
			if w.Comment != "" {
				pl.comment(obj, target, w.Comment)
			}
		case engines.Drop:
			pl.add(phDropSequences, obj, "DROP "+target).key = "dropfdw:" + c.Name
		case engines.Alter:
			from, to := c.From.(*engines.ForeignDataWrapper), c.To.(*engines.ForeignDataWrapper)
			var parts []string
			if from.Handler != to.Handler {
				parts = append(parts, map[bool]string{true: "NO HANDLER", false: "HANDLER " + to.Handler}[to.Handler == ""])
			}
			if from.Validator != to.Validator {
				parts = append(parts, map[bool]string{true: "NO VALIDATOR", false: "VALIDATOR " + to.Validator}[to.Validator == ""])
			}
			sql := strings.Join(parts, " ") + alterOptionsSQL(from.Options, to.Options)
			if sql = strings.TrimSpace(sql); sql != "" {
				pl.add(phExtensions, obj, "ALTER "+target+" "+sql)
			}
			if from.Comment != to.Comment {
				pl.comment(obj, target, to.Comment)
			}
		}
	case engines.KindServer:
		target := "SERVER " + quoteIdent(c.Name)
		// A server created again goes among the tables: after the foreign
		// tables on it are dropped, before they are created again.
		if c.Op == engines.Drop || c.Op == engines.Replace {
			from := c.From.(*engines.ForeignServer)
			ph := phDropSequences
			if c.Op == engines.Replace {
				ph = phCreateTables
			}
			ds := pl.add(ph, obj, "DROP "+target)
			if c.Op == engines.Replace {
				ds.stmt.Hazards = append(ds.stmt.Hazards,
					hz(engines.HazardRecreate, "%s is dropped and created again, with its user mappings and foreign tables: its wrapper or type cannot change in place", obj))
				for _, k := range pl.tgt.tableKeys {
					if pl.tgt.tables[k].ForeignServer == c.Name {
						ds.deps = append(ds.deps, "droptable:"+k)
					}
				}
			}
			// After its mappings, before its wrapper.
			ds.key = "dropserver:" + c.Name
			ds.deps = append(ds.deps, "dropum:"+c.Name)
			pl.stmtsDeps("dropfdw:"+from.Wrapper, ds.key)
			if c.Op == engines.Drop {
				return
			}
		}
		to := c.To.(*engines.ForeignServer)
		if c.Op != engines.Alter {
			ph := phExtensions
			if c.Op == engines.Replace {
				ph = phCreateTables
			}
			cs := pl.add(ph, obj, createServerSQL(to))
			cs.key, cs.deps = "server:"+to.Name, []string{"fdw:" + to.Wrapper, "dropserver:" + to.Name}
			if to.Comment != "" {
				pl.comment(obj, target, to.Comment)
			}
			return
		}
		from := c.From.(*engines.ForeignServer)
		sql := ""
		if from.Version != to.Version {
			if to.Version == "" {
				sql += " VERSION NULL"
			} else {
				sql += " VERSION " + quoteLiteral(to.Version)
			}
		}
		sql += alterOptionsSQL(from.Options, to.Options)
		if sql != "" {
			pl.add(phExtensions, obj, "ALTER "+target+sql)
		}
		if from.Comment != to.Comment {
			pl.comment(obj, target, to.Comment)
		}
	case engines.KindUserMapping:
		switch c.Op {
		case engines.Drop:
			m := c.From.(*engines.UserMapping)
			pl.add(phDropSequences, obj, "DROP "+userMappingObject(m)).key = "dropum:" + m.Server
		case engines.Replace:
			m := c.From.(*engines.UserMapping)
			pl.add(phCreateTables, obj, "DROP "+userMappingObject(m)).key = "dropum:" + m.Server
			cs := pl.add(phCreateTables, obj, "CREATE "+userMappingObject(c.To.(*engines.UserMapping))+optionsSQL(c.To.(*engines.UserMapping).Options))
			cs.deps = []string{"server:" + m.Server}
		case engines.Add:
			m := c.To.(*engines.UserMapping)
			cs := pl.add(phExtensions, obj, "CREATE "+userMappingObject(m)+optionsSQL(m.Options))
			cs.deps = []string{"server:" + m.Server}
		case engines.Alter:
			m := c.To.(*engines.UserMapping)
			pl.add(phExtensions, obj, "ALTER "+userMappingObject(m)+alterOptionsSQL(c.From.(*engines.UserMapping).Options, m.Options))
		}
	}
}

// dumpForeign prints the wrappers, servers and mappings for dumps.
func dumpForeign(db *engines.Database) []string {
	var out []string
	for _, w := range db.ForeignDataWrappers {
		out = append(out, createFDWSQL(w))
		if w.Comment != "" {
			out = append(out, commentSQL("FOREIGN DATA WRAPPER "+quoteIdent(w.Name), w.Comment))
		}
	}
	for _, s := range db.ForeignServers {
		out = append(out, createServerSQL(s))
		if s.Comment != "" {
			out = append(out, commentSQL("SERVER "+quoteIdent(s.Name), s.Comment))
		}
	}
	for _, m := range db.UserMappings {
		out = append(out, "CREATE "+userMappingObject(m)+optionsSQL(m.Options))
	}
	return out
}

// ---- foreign tables ----

// createForeignTable reads CREATE FOREIGN TABLE as the table it declares
// (columns, defaults, NOT NULL, checks) with its server and options.
func (p *parser) createForeignTable(s stmtAt, ft *pg_query.CreateForeignTableStmt) error {
	base := ft.BaseStmt
	if base == nil {
		return p.unsupported(s, "CREATE FOREIGN TABLE without columns")
	}
	if base.Partbound != nil {
		return p.unsupported(s, "CREATE FOREIGN TABLE … PARTITION OF")
	}
	if err := p.createTable(s, base); err != nil {
		return err
	}
	schema, name := rangeVarName(base.Relation)
	t := p.findTable(schema, name)
	if t == nil {
		return nil // IF NOT EXISTS of a table defined before
	}
	opts, err := applyOptions(nil, ft.Options)
	if err != nil {
		return fmt.Errorf("foreign table %s.%s: %w", schema, name, err)
	}
	t.ForeignServer, t.ForeignOptions = ft.Servername, opts
	return nil
}

// foreignTableStatements names foreign tables as the server wants them
// where plain ALTER TABLE does not reach them: DROP and COMMENT ON take
// FOREIGN TABLE. Drops name the target's tables, comments the source's.
func (pl *planner) foreignTableStatements() {
	names := func(m *modelIndex) []string {
		var out []string
		for _, k := range m.tableKeys {
			if t := m.tables[k]; t.ForeignServer != "" {
				out = append(out, qualify(t.Schema, t.Name))
			}
		}
		return out
	}
	dropped, commented := names(pl.tgt), names(pl.src)
	if len(dropped)+len(commented) == 0 {
		return
	}
	fix := func(sql, prefix string, names []string) string {
		rest, ok := strings.CutPrefix(sql, prefix+"TABLE ")
		if !ok {
			return sql
		}
		for _, n := range names {
			if after, ok := strings.CutPrefix(rest, n); ok && (after == "" || after[0] == ' ' || after[0] == ';') {
				return prefix + "FOREIGN TABLE " + rest
			}
		}
		return sql
	}
	for _, ps := range pl.stmts {
		ps.stmt.SQL = fix(ps.stmt.SQL, "DROP ", dropped)
		ps.stmt.SQL = fix(ps.stmt.SQL, "COMMENT ON ", commented)
	}
}
