package postgres

// Text search configurations: parse, inspect, diff, DDL and dump. A
// configuration is its parser and its mappings from token types to
// dictionaries; mappings change in place (ALTER … ALTER/DROP MAPPING), a
// new parser makes a new configuration. A file may copy pg_catalog.simple,
// whose mappings are known here; copies of other configurations the files
// do not define are refused, their mappings being the server's.

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

const classTSConfig = 3602 // pg_ts_config

// simpleTokens are the token types pg_catalog.simple maps (to the simple
// dictionary): every type of the default parser but protocol, tag,
// entity and blank.
var simpleTokens = []string{"asciihword", "asciiword", "email", "file", "float", "host", "hword", "hword_asciipart",
	"hword_numpart", "hword_part", "int", "numhword", "numword", "sfloat", "uint", "url", "url_path", "version", "word"}

// tsMappings is a configuration's mappings by token type, for editing.
type tsMappings map[string]string

func (m tsMappings) list() []string {
	out := make([]string, 0, len(m))
	for tok, dicts := range m {
		out = append(out, tok+"="+dicts)
	}
	sort.Strings(out)
	return out
}

func readMappings(list []string) tsMappings {
	m := tsMappings{}
	for _, e := range list {
		tok, dicts, _ := strings.Cut(e, "=")
		m[tok] = dicts
	}
	return m
}

// ---- parse ----

// Configurations and their ALTERs are applied in the first pass, in file
// order: a COPY takes the mappings its source has at that point.

func (p *parser) createTSConfig(s stmtAt, ds *pg_query.DefineStmt) error {
	schema, name := nameListSchema(stringList(ds.Defnames))
	c := &engines.TextSearchConfig{Schema: schema, Name: name}
	for _, item := range ds.Definition {
		d := item.GetDefElem()
		arg := unqualifiedRoutine(strings.Join(stringList(d.GetArg().GetTypeName().GetNames()), "."))
		if arg == "" {
			arg = unqualifiedRoutine(defElemString(d))
		}
		switch strings.ToLower(d.GetDefname()) {
		case "parser":
			c.Parser = arg
		case "copy":
			switch src := p.tsConfig(arg); {
			case src != nil:
				c.Parser, c.Mappings = src.Parser, slices.Clone(src.Mappings)
			case arg == "simple":
				m := tsMappings{}
				for _, tok := range simpleTokens {
					m[tok] = "simple"
				}
				c.Parser, c.Mappings = "default", m.list()
			default:
				return p.unsupported(s, "CREATE TEXT SEARCH CONFIGURATION … (COPY = "+arg+"): only copies of pg_catalog.simple or of a configuration the files define are read")
			}
		default:
			return fmt.Errorf("text search configuration %s.%s: unsupported option %s", schema, name, d.GetDefname())
		}
	}
	if c.Parser == "" {
		return fmt.Errorf("text search configuration %s.%s: PARSER or COPY is required", schema, name)
	}
	if err := p.define(s, "text search configuration", schema+"."+name); err != nil {
		return err
	}
	sc := p.db.EnsureSchema(schema)
	sc.TextSearchConfigs = append(sc.TextSearchConfigs, c)
	return nil
}

// tsConfig finds a configuration by name ("name" in public, or "s.name").
func (p *parser) tsConfig(qualified string) *engines.TextSearchConfig {
	schema, name := "public", qualified
	if s, n, ok := strings.Cut(qualified, "."); ok {
		schema, name = s, n
	}
	if sc := p.db.Schema(schema); sc != nil {
		for _, c := range sc.TextSearchConfigs {
			if c.Name == name {
				return c
			}
		}
	}
	return nil
}

func dictList(dicts []*pg_query.Node) []string {
	out := make([]string, 0, len(dicts))
	for _, d := range dicts {
		out = append(out, unqualifiedRoutine(strings.Join(stringList(d.GetList().GetItems()), ".")))
	}
	return out
}

func (p *parser) alterTSConfig(as *pg_query.AlterTSConfigurationStmt) error {
	schema, name := nameListSchema(stringList(as.Cfgname))
	c := p.tsConfig(unqualifiedRoutine(schema + "." + name))
	if c == nil {
		return fmt.Errorf("ALTER TEXT SEARCH CONFIGURATION: %s.%s is not defined in the schema files", schema, name)
	}
	m := readMappings(c.Mappings)
	tokens := stringList(as.Tokentype)
	dicts := dictList(as.Dicts)
	switch as.Kind {
	case pg_query.AlterTSConfigType_ALTER_TSCONFIG_ADD_MAPPING, pg_query.AlterTSConfigType_ALTER_TSCONFIG_ALTER_MAPPING_FOR_TOKEN:
		for _, tok := range tokens {
			m[tok] = strings.Join(dicts, ",")
		}
	case pg_query.AlterTSConfigType_ALTER_TSCONFIG_REPLACE_DICT, pg_query.AlterTSConfigType_ALTER_TSCONFIG_REPLACE_DICT_FOR_TOKEN:
		if len(dicts) != 2 {
			return fmt.Errorf("ALTER TEXT SEARCH CONFIGURATION %s.%s: REPLACE takes one dictionary and its replacement", schema, name)
		}
		for tok, list := range m {
			if len(tokens) > 0 && !slices.Contains(tokens, tok) {
				continue
			}
			parts := strings.Split(list, ",")
			for i := range parts {
				if parts[i] == dicts[0] {
					parts[i] = dicts[1]
				}
			}
			m[tok] = strings.Join(parts, ",")
		}
	case pg_query.AlterTSConfigType_ALTER_TSCONFIG_DROP_MAPPING:
		for _, tok := range tokens {
			if _, ok := m[tok]; !ok && !as.MissingOk {
				return fmt.Errorf("ALTER TEXT SEARCH CONFIGURATION %s.%s: no mapping for token type %q", schema, name, tok)
			}
			delete(m, tok)
		}
	default:
		return fmt.Errorf("ALTER TEXT SEARCH CONFIGURATION %s.%s: unsupported %s", schema, name, as.Kind)
	}
	c.Mappings = m.list()
	return nil
}

// ---- inspect ----

// qTSConfigs reads the configurations made after initdb with their
// mappings, each "token=dict,dict" in the order the dictionaries are tried.
const qTSConfigs = `SELECT n.nspname, c.cfgname, pn.nspname || '.' || p.prsname, c.oid,
  ARRAY(SELECT tt.alias || '=' || string_agg(dn.nspname || '.' || d.dictname, ',' ORDER BY m.mapseqno)
    FROM pg_ts_config_map m
    JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype
    JOIN pg_ts_dict d ON d.oid = m.mapdict JOIN pg_namespace dn ON dn.oid = d.dictnamespace
    WHERE m.mapcfg = c.oid GROUP BY tt.alias ORDER BY tt.alias)
FROM pg_ts_config c
JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace
WHERE c.oid >= 16384 AND ` + inScope + `
ORDER BY 1, 2`

func (in *inspector) tsConfigRow(rows pgx.Rows) error {
	var (
		c        engines.TextSearchConfig
		oid      uint32
		mappings []string
	)
	if err := rows.Scan(&c.Schema, &c.Name, &c.Parser, &oid, &mappings); err != nil {
		return err
	}
	if in.ownedByExtension(classTSConfig, oid) {
		return nil
	}
	c.Parser = unqualifiedRoutine(c.Parser)
	m := tsMappings{}
	for _, e := range mappings {
		tok, dicts, _ := strings.Cut(e, "=")
		parts := strings.Split(dicts, ",")
		for i := range parts {
			parts[i] = unqualifiedRoutine(parts[i])
		}
		m[tok] = strings.Join(parts, ",")
	}
	c.Mappings = m.list()
	c.Comment = in.comment(classTSConfig, oid, 0)
	sc := in.db.EnsureSchema(c.Schema)
	sc.TextSearchConfigs = append(sc.TextSearchConfigs, &c)
	return nil
}

// ---- DDL ----

func tsConfigObject(c *engines.TextSearchConfig) string {
	return "TEXT SEARCH CONFIGURATION " + qualify(c.Schema, c.Name)
}

// tsMappingSQL alters the mappings of from (nil: none) into to's, token
// types with the same dictionaries in one statement.
func tsMappingSQL(from, to *engines.TextSearchConfig) []string {
	old := tsMappings{}
	if from != nil {
		old = readMappings(from.Mappings)
	}
	want := readMappings(to.Mappings)
	byDicts := map[string][]string{}
	var dropped []string
	for tok, dicts := range want {
		if old[tok] != dicts {
			byDicts[dicts] = append(byDicts[dicts], tok)
		}
	}
	for tok := range old {
		if _, ok := want[tok]; !ok {
			dropped = append(dropped, tok)
		}
	}
	var out []string
	for _, dicts := range slices.Sorted(maps.Keys(byDicts)) {
		toks := byDicts[dicts]
		sort.Strings(toks)
		out = append(out, "ALTER "+tsConfigObject(to)+" ALTER MAPPING FOR "+strings.Join(toks, ", ")+" WITH "+strings.Join(strings.Split(dicts, ","), ", "))
	}
	if len(dropped) > 0 {
		sort.Strings(dropped)
		out = append(out, "ALTER "+tsConfigObject(to)+" DROP MAPPING FOR "+strings.Join(dropped, ", "))
	}
	return out
}

func createTSConfigSQL(c *engines.TextSearchConfig) []string {
	// Quoted: the built-in parser is named "default", a keyword.
	parser := `"` + strings.ReplaceAll(c.Parser, `"`, `""`) + `"`
	if s, n, ok := strings.Cut(c.Parser, "."); ok {
		parser = qualify(s, n)
	}
	return append([]string{"CREATE " + tsConfigObject(c) + " (PARSER = " + parser + ")"}, tsMappingSQL(nil, c)...)
}

// dumpTSConfigs prints a schema's configurations with their comments.
func dumpTSConfigs(s *engines.Schema) []string {
	var out []string
	for _, c := range sortedBy(s.TextSearchConfigs, func(c *engines.TextSearchConfig) string { return c.Name }) {
		out = append(out, createTSConfigSQL(c)...)
		if c.Comment != "" {
			out = append(out, commentSQL(tsConfigObject(c), c.Comment))
		}
	}
	return out
}

// ---- diff ----

func (pl *planner) diffTSConfigs(emit func(*engines.Change)) {
	configs := func(sc *engines.Schema) []*engines.TextSearchConfig {
		if sc == nil {
			return nil
		}
		return sc.TextSearchConfigs
	}
	eachByName(pl.tgt.db.Schemas, pl.src.db.Schemas, func(sc *engines.Schema) string { return sc.Name },
		func(schema string, t *engines.Schema, _ bool, s *engines.Schema, _ bool) {
			base := engines.Change{Kind: engines.KindTSConfig, Schema: schema}
			changes := diffByName(nil, base, configs(t), configs(s),
				func(c *engines.TextSearchConfig) (string, string) { return c.Name, c.Comment },
				func(a, b *engines.TextSearchConfig) bool { return a.Parser == b.Parser })
			changes = withInPlace(changes, 0, base, configs(t), configs(s), func(c *engines.TextSearchConfig) string { return c.Name }, "mappings",
				func(a, b *engines.TextSearchConfig) bool { return !slices.Equal(a.Mappings, b.Mappings) })
			for _, c := range changes {
				emit(c)
			}
		})
}

// emitTSConfig plans a configuration change: made after the extensions
// that bring dictionaries and before the tables whose defaults and
// indexes name it, dropped after them.
func (pl *planner) emitTSConfig(c *engines.Change) {
	obj := c.Object()
	switch c.Op {
	case engines.Drop:
		pl.add(phDropTypes, obj, "DROP "+tsConfigObject(c.From.(*engines.TextSearchConfig)))
		return
	case engines.Replace:
		pl.add(phDropReplaced, obj, "DROP "+tsConfigObject(c.From.(*engines.TextSearchConfig)),
			hz(engines.HazardRecreate, "%s is dropped and made again for its new parser; what names it must not", obj))
	}
	to := c.To.(*engines.TextSearchConfig)
	if c.Op == engines.Alter {
		if slices.Contains(c.Fields, "mappings") {
			for _, sql := range tsMappingSQL(c.From.(*engines.TextSearchConfig), to) {
				pl.add(phTypes, obj, sql)
			}
		}
		if slices.Contains(c.Fields, "comment") {
			pl.comment(obj, tsConfigObject(to), to.Comment)
		}
		return
	}
	for _, sql := range createTSConfigSQL(to) {
		pl.add(phTypes, obj, sql)
	}
	if to.Comment != "" {
		pl.comment(obj, tsConfigObject(to), to.Comment)
	}
}

// ---- dictionaries ----

// dictOptions reads a dictionary's options (but TEMPLATE) as
// "name=value"; keys lower case as the server keeps them.
func dictOptions(defs []*pg_query.Node) (template string, opts map[string]string) {
	opts = map[string]string{}
	for _, item := range defs {
		d := item.GetDefElem()
		if d == nil {
			continue
		}
		k := strings.ToLower(d.GetDefname())
		v := defElemString(d)
		if tn := d.GetArg().GetTypeName(); tn != nil {
			v = strings.Join(stringList(tn.GetNames()), ".")
		}
		if k == "template" {
			template = unqualifiedRoutine(v)
			continue
		}
		opts[k] = v
	}
	return template, opts
}

func dictOptionList(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

func (p *parser) createTSDict(s stmtAt, ds *pg_query.DefineStmt) error {
	schema, name := nameListSchema(stringList(ds.Defnames))
	template, opts := dictOptions(ds.Definition)
	if template == "" {
		return fmt.Errorf("text search dictionary %s.%s: TEMPLATE is required", schema, name)
	}
	if err := p.define(s, "text search dictionary", schema+"."+name); err != nil {
		return err
	}
	sc := p.db.EnsureSchema(schema)
	sc.TextSearchDicts = append(sc.TextSearchDicts, &engines.TextSearchDict{Schema: schema, Name: name, Template: template, Options: dictOptionList(opts)})
	return nil
}

func (p *parser) tsDict(schema, name string) *engines.TextSearchDict {
	if sc := p.db.Schema(schema); sc != nil {
		for _, d := range sc.TextSearchDicts {
			if d.Name == name {
				return d
			}
		}
	}
	return nil
}

func (p *parser) alterTSDict(as *pg_query.AlterTSDictionaryStmt) error {
	schema, name := nameListSchema(stringList(as.Dictname))
	d := p.tsDict(schema, name)
	if d == nil {
		return fmt.Errorf("ALTER TEXT SEARCH DICTIONARY: %s.%s is not defined in the schema files", schema, name)
	}
	cur := map[string]string{}
	for _, o := range d.Options {
		k, v, _ := strings.Cut(o, "=")
		cur[k] = v
	}
	for _, item := range as.Options {
		def := item.GetDefElem()
		k := strings.ToLower(def.GetDefname())
		if def.GetArg() == nil {
			delete(cur, k) // an option named without a value is removed
			continue
		}
		_, set := dictOptions([]*pg_query.Node{item})
		cur[k] = set[k]
	}
	d.Options = dictOptionList(cur)
	return nil
}

// qTSDicts reads the dictionaries made after initdb; their options are
// printed as the server keeps them ("language = 'english', …").
const qTSDicts = `SELECT n.nspname, d.dictname, tn.nspname || '.' || t.tmplname, coalesce(d.dictinitoption, ''), d.oid
FROM pg_ts_dict d
JOIN pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE d.oid >= 16384 AND ` + inScope + `
ORDER BY 1, 2`

const classTSDict = 3600 // pg_ts_dict

func (in *inspector) tsDictRow(rows pgx.Rows) error {
	var (
		d         engines.TextSearchDict
		init      string
		oid       uint32
		templated string
	)
	if err := rows.Scan(&d.Schema, &d.Name, &templated, &init, &oid); err != nil {
		return err
	}
	if in.ownedByExtension(classTSDict, oid) {
		return nil
	}
	d.Template = unqualifiedRoutine(templated)
	if init != "" {
		tree, err := pg_query.Parse("CREATE TEXT SEARCH DICTIONARY x (" + init + ")")
		if err != nil || len(tree.Stmts) != 1 || tree.Stmts[0].Stmt.GetDefineStmt() == nil {
			return fmt.Errorf("text search dictionary %s.%s: cannot read its options %q", d.Schema, d.Name, init)
		}
		_, opts := dictOptions(tree.Stmts[0].Stmt.GetDefineStmt().Definition)
		d.Options = dictOptionList(opts)
	}
	d.Comment = in.comment(classTSDict, oid, 0)
	sc := in.db.EnsureSchema(d.Schema)
	sc.TextSearchDicts = append(sc.TextSearchDicts, &d)
	return nil
}

func tsDictObject(d *engines.TextSearchDict) string {
	return "TEXT SEARCH DICTIONARY " + qualify(d.Schema, d.Name)
}

func dictOptionSQL(o string) string {
	k, v, _ := strings.Cut(o, "=")
	return k + " = " + quoteLiteral(v)
}

func createTSDictSQL(d *engines.TextSearchDict) string {
	parts := []string{"TEMPLATE = " + d.Template}
	for _, o := range d.Options {
		parts = append(parts, dictOptionSQL(o))
	}
	return "CREATE " + tsDictObject(d) + " (" + strings.Join(parts, ", ") + ")"
}

// dumpTSDicts prints a schema's dictionaries with their comments.
func dumpTSDicts(s *engines.Schema) []string {
	var out []string
	for _, d := range sortedBy(s.TextSearchDicts, func(d *engines.TextSearchDict) string { return d.Name }) {
		out = append(out, createTSDictSQL(d))
		if d.Comment != "" {
			out = append(out, commentSQL(tsDictObject(d), d.Comment))
		}
	}
	return out
}

func (pl *planner) diffTSDicts(emit func(*engines.Change)) {
	dicts := func(sc *engines.Schema) []*engines.TextSearchDict {
		if sc == nil {
			return nil
		}
		return sc.TextSearchDicts
	}
	eachByName(pl.tgt.db.Schemas, pl.src.db.Schemas, func(sc *engines.Schema) string { return sc.Name },
		func(schema string, t *engines.Schema, _ bool, s *engines.Schema, _ bool) {
			base := engines.Change{Kind: engines.KindTSDict, Schema: schema}
			changes := diffByName(nil, base, dicts(t), dicts(s),
				func(d *engines.TextSearchDict) (string, string) { return d.Name, d.Comment },
				func(a, b *engines.TextSearchDict) bool { return a.Template == b.Template })
			changes = withInPlace(changes, 0, base, dicts(t), dicts(s), func(d *engines.TextSearchDict) string { return d.Name }, "options",
				func(a, b *engines.TextSearchDict) bool { return !slices.Equal(a.Options, b.Options) })
			for _, c := range changes {
				emit(c)
			}
		})
}

// emitTSDict plans a dictionary change: made before the configurations
// (the same phase, emitted first), dropped after them.
func (pl *planner) emitTSDict(c *engines.Change) {
	obj := c.Object()
	switch c.Op {
	case engines.Drop:
		pl.add(phDropExtensions, obj, "DROP "+tsDictObject(c.From.(*engines.TextSearchDict)))
		return
	case engines.Replace:
		pl.add(phDropReplaced, obj, "DROP "+tsDictObject(c.From.(*engines.TextSearchDict)),
			hz(engines.HazardRecreate, "%s is dropped and made again for its new template; configurations using it must not", obj))
	}
	to := c.To.(*engines.TextSearchDict)
	if c.Op == engines.Alter {
		if slices.Contains(c.Fields, "options") {
			from := c.From.(*engines.TextSearchDict)
			var parts []string
			for _, o := range to.Options {
				if !slices.Contains(from.Options, o) {
					parts = append(parts, dictOptionSQL(o))
				}
			}
			for _, o := range from.Options {
				k, _, _ := strings.Cut(o, "=")
				if !slices.ContainsFunc(to.Options, func(x string) bool { return strings.HasPrefix(x, k+"=") }) {
					parts = append(parts, k)
				}
			}
			pl.add(phTypes, obj, "ALTER "+tsDictObject(to)+" ("+strings.Join(parts, ", ")+")")
		}
		if slices.Contains(c.Fields, "comment") {
			pl.comment(obj, tsDictObject(to), to.Comment)
		}
		return
	}
	pl.add(phTypes, obj, createTSDictSQL(to))
	if to.Comment != "" {
		pl.comment(obj, tsDictObject(to), to.Comment)
	}
}
