package oracle

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// build turns the catalog rows of one owner into the model, in the
// canonical forms parse produces (see the package comment). Objects Oracle
// makes for itself are left out: recycle-bin objects (BIN$...), IOT
// overflow and mapping tables, nested and secondary tables, materialized
// view containers and logs (MLOG$_, RUPD$_), global temporary tables (the
// parser does not read them either), system-generated hidden columns
// (SYS_NC..., of function-based indexes and extended statistics), the
// indexes Oracle makes for keys, LOB and IOT indexes, and the sequences of
// identity columns (ISEQ$$_), which belong to their columns.
func build(owner string, cat catalog) (*engines.Database, error) {
	b := &modelBuilder{
		owner:  owner,
		cat:    cat,
		schema: &engines.Schema{},
		tables: map[string]*engines.Table{},
		views:  map[string]*engines.View{},
	}
	steps := []func() error{b.readTables, b.readViews, b.readColumns, b.readConstraints, b.readIndexes, b.readSequences, b.readComments}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	db := &engines.Database{Engine: "oracle", Schemas: []*engines.Schema{b.schema}}
	db.Sort()
	return db, nil
}

type modelBuilder struct {
	owner  string
	cat    catalog
	schema *engines.Schema
	tables map[string]*engines.Table
	views  map[string]*engines.View
}

func (r catalogRow) is(col, val string) bool { return r[col] == val }

// int reads a whole number; false when NULL or not an int64 (Oracle's
// 28-digit "no limit" values of sequences).
func (r catalogRow) int(col string) (int64, bool) {
	v, err := strconv.ParseInt(strings.TrimSpace(r[col]), 10, 64)
	return v, err == nil
}

// lexText lexes catalog text (defaults, conditions, expressions, view
// queries) with the parser's lexer, so both sides print it alike.
func lexText(what, text string) ([]token, error) {
	toks, err := (&lexer{src: text, line: 1, col: 1}).all()
	if err != nil {
		return nil, fmt.Errorf("oracle: inspect: %s: %w", what, err)
	}
	return toks, nil
}

func systemObject(name string) bool {
	return strings.HasPrefix(name, "BIN$") || strings.HasPrefix(name, "MLOG$_") || strings.HasPrefix(name, "RUPD$_")
}

func (b *modelBuilder) readTables() error {
	mviews := map[string]bool{}
	for _, r := range b.cat["ALL_MVIEWS"] {
		mviews[r["MVIEW_NAME"]] = true
	}
	for _, r := range b.cat["ALL_TABLES"] {
		name := r["TABLE_NAME"]
		switch {
		case name == "", systemObject(name), mviews[name], r.is("DROPPED", "YES"), r.is("NESTED", "YES"),
			r.is("SECONDARY", "Y"), r.is("TEMPORARY", "Y"), r.is("IOT_TYPE", "IOT_OVERFLOW"), r.is("IOT_TYPE", "IOT_MAPPING"):
			continue
		}
		t := &engines.Table{Name: name}
		b.tables[name] = t
		b.schema.Tables = append(b.schema.Tables, t)
	}
	return nil
}

func (b *modelBuilder) readViews() error {
	for _, r := range b.cat["ALL_VIEWS"] {
		name := r["VIEW_NAME"]
		toks, err := lexText("view "+name, r["TEXT"])
		if err != nil {
			return err
		}
		query, opt := viewQuery(toks)
		v := &engines.View{Name: name, Query: exprString(query)}
		if opt != "" {
			setOpt(&v.Options, opt, "true")
		}
		b.views[name] = v
		b.schema.Views = append(b.schema.Views, v)
	}
	return nil
}

// identityOf finds identity columns' generation and sequence options.
type identityInfo struct {
	generation string
	options    *engines.SequenceOptions
}

func (b *modelBuilder) identities() map[string]identityInfo {
	seqs := map[string]catalogRow{}
	for _, r := range b.cat["ALL_SEQUENCES"] {
		seqs[r["SEQUENCE_NAME"]] = r
	}
	out := map[string]identityInfo{}
	for _, r := range b.cat["ALL_TAB_IDENTITY_COLS"] {
		info := identityInfo{generation: r["GENERATION_TYPE"]}
		if s, ok := seqs[r["SEQUENCE_NAME"]]; ok {
			o := sequenceOptionsOf(s)
			if o != (engines.SequenceOptions{}) {
				info.options = &o
			}
		}
		out[r["TABLE_NAME"]+"."+r["COLUMN_NAME"]] = info
	}
	return out
}

func (b *modelBuilder) readColumns() error {
	rows := append([]catalogRow(nil), b.cat["ALL_TAB_COLS"]...)
	order := func(r catalogRow) int64 {
		if n, ok := r.int("INTERNAL_COLUMN_ID"); ok {
			return n
		}
		n, _ := r.int("COLUMN_ID")
		return n
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i]["TABLE_NAME"] != rows[j]["TABLE_NAME"] {
			return rows[i]["TABLE_NAME"] < rows[j]["TABLE_NAME"]
		}
		return order(rows[i]) < order(rows[j])
	})
	ident := b.identities()
	for _, r := range rows {
		tname, cname := r["TABLE_NAME"], r["COLUMN_NAME"]
		if v := b.views[tname]; v != nil {
			if !r.is("HIDDEN_COLUMN", "YES") {
				v.Columns = append(v.Columns, cname)
			}
			continue
		}
		t := b.tables[tname]
		if t == nil {
			continue
		}
		if r.is("USER_GENERATED", "NO") || r.is("HIDDEN_COLUMN", "YES") && strings.HasPrefix(cname, "SYS_") {
			continue // Oracle's own hidden columns
		}
		c := &engines.Column{Name: cname, Type: columnType(r)}
		if r.is("HIDDEN_COLUMN", "YES") {
			setOpt(&c.Options, "invisible", "true")
		}
		if coll := r["COLLATION"]; coll != "" && coll != "USING_NLS_COMP" {
			c.Collation = coll
		}
		what := "column " + tname + "." + cname
		switch {
		case r.is("IDENTITY_COLUMN", "YES"):
			info := ident[tname+"."+cname]
			c.Identity = info.generation
			if c.Identity == "" {
				c.Identity = "BY DEFAULT"
			}
			if c.Identity == "BY DEFAULT" && r.is("DEFAULT_ON_NULL", "YES") {
				c.Identity = "BY DEFAULT ON NULL"
			}
			c.IdentityOptions = info.options
			c.NotNull = true
		case r.is("VIRTUAL_COLUMN", "YES"):
			toks, err := lexText(what, r["DATA_DEFAULT"])
			if err != nil {
				return err
			}
			c.Generated = exprString(toks)
		default:
			toks, err := lexText(what, r["DATA_DEFAULT"])
			if err != nil {
				return err
			}
			if c.Default = exprString(toks); c.Default == "NULL" {
				c.Default = ""
			}
			if r.is("DEFAULT_ON_NULL", "YES") {
				setOpt(&c.Options, "default_on_null", "true")
				c.NotNull = true
			}
		}
		t.Columns = append(t.Columns, c)
	}
	return nil
}

// columnType spells a column's type as parse does, from DATA_TYPE and the
// length, precision and scale columns.
func columnType(r catalogRow) string {
	dt := r["DATA_TYPE"]
	switch dt {
	case "NUMBER":
		p, hasP := r.int("DATA_PRECISION")
		s, hasS := r.int("DATA_SCALE")
		switch {
		case !hasP && !hasS:
			return "NUMBER"
		case !hasP && s == 0:
			return "NUMBER(38)" // INTEGER, NUMBER(*,0)
		case !hasP:
			return fmt.Sprintf("NUMBER(38,%d)", s)
		case !hasS || s == 0:
			return fmt.Sprintf("NUMBER(%d)", p)
		}
		return fmt.Sprintf("NUMBER(%d,%d)", p, s)
	case "FLOAT":
		p, ok := r.int("DATA_PRECISION")
		if !ok {
			p = 126
		}
		return fmt.Sprintf("FLOAT(%d)", p)
	case "VARCHAR2", "CHAR":
		n, _ := r.int("CHAR_LENGTH")
		sem := "BYTE"
		if r.is("CHAR_USED", "C") {
			sem = "CHAR"
		}
		return fmt.Sprintf("%s(%d %s)", dt, n, sem)
	case "NVARCHAR2", "NCHAR":
		n, _ := r.int("CHAR_LENGTH")
		return fmt.Sprintf("%s(%d)", dt, n)
	case "RAW", "UROWID":
		n, _ := r.int("DATA_LENGTH")
		return fmt.Sprintf("%s(%d)", dt, n)
	}
	// DATE, TIMESTAMP(p) [WITH [LOCAL] TIME ZONE], INTERVAL ..., LOBs, LONG,
	// LONG RAW, BINARY_FLOAT/DOUBLE, ROWID and object types: DATA_TYPE
	// already spells them as parse does.
	return dt
}

// sequenceOptionsOf reads ALL_SEQUENCES values; defaults become nil.
func sequenceOptionsOf(r catalogRow) engines.SequenceOptions {
	var o engines.SequenceOptions
	ptr := func(col string) *int64 {
		if v, ok := r.int(col); ok {
			return &v
		}
		return nil
	}
	o.Increment, o.Min, o.Max, o.Cache = ptr("INCREMENT_BY"), ptr("MIN_VALUE"), ptr("MAX_VALUE"), ptr("CACHE_SIZE")
	o.Cycle = r.is("CYCLE_FLAG", "Y")
	canonSequence(&o)
	return o
}

// consKey names a constraint across owners.
func consKey(owner, name string) string { return owner + "." + name }

func (b *modelBuilder) readConstraints() error {
	cols := map[string][]catalogRow{}
	for _, r := range b.cat["ALL_CONS_COLUMNS"] {
		k := consKey(r["OWNER"], r["CONSTRAINT_NAME"])
		cols[k] = append(cols[k], r)
	}
	columnsOf := func(owner, name string) []string {
		rows := cols[consKey(owner, name)]
		sort.SliceStable(rows, func(i, j int) bool {
			a, _ := rows[i].int("POSITION")
			c, _ := rows[j].int("POSITION")
			return a < c
		})
		var out []string
		for _, r := range rows {
			out = append(out, r["COLUMN_NAME"])
		}
		return out
	}
	byKey := map[string]catalogRow{}
	for _, r := range b.cat["ALL_CONSTRAINTS"] {
		byKey[consKey(r["OWNER"], r["CONSTRAINT_NAME"])] = r
	}
	rows := append([]catalogRow(nil), b.cat["ALL_CONSTRAINTS"]...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i]["CONSTRAINT_NAME"] < rows[j]["CONSTRAINT_NAME"] })
	for _, r := range rows {
		name, table := r["CONSTRAINT_NAME"], r["TABLE_NAME"]
		if r["OWNER"] != b.owner || systemObject(name) {
			continue
		}
		switch r["CONSTRAINT_TYPE"] {
		case "V", "O":
			if v := b.views[table]; v != nil {
				opt := "check_option"
				if r.is("CONSTRAINT_TYPE", "O") {
					opt = "read_only"
				}
				setOpt(&v.Options, opt, "true")
			}
			continue
		case "P", "U", "R", "C":
		default:
			continue // hash expressions, REF columns, supplemental logging
		}
		t := b.tables[table]
		if t == nil {
			continue
		}
		c := &engines.Constraint{
			Deferrable:        r.is("DEFERRABLE", "DEFERRABLE"),
			InitiallyDeferred: r.is("DEFERRED", "DEFERRED"),
			NotEnforced:       r.is("STATUS", "DISABLED"),
		}
		c.NotValid = !c.NotEnforced && r.is("VALIDATED", "NOT VALIDATED")
		switch r["CONSTRAINT_TYPE"] {
		case "P":
			c.Kind, c.Columns = engines.PrimaryKey, columnsOf(b.owner, name)
		case "U":
			c.Kind, c.Columns = engines.Unique, columnsOf(b.owner, name)
		case "R":
			c.Kind, c.Columns = engines.ForeignKey, columnsOf(b.owner, name)
			ref := byKey[consKey(r["R_OWNER"], r["R_CONSTRAINT_NAME"])]
			if ref == nil {
				return fmt.Errorf("oracle: inspect: foreign key %s of %s references %s.%s, which the catalog does not show", name, table, r["R_OWNER"], r["R_CONSTRAINT_NAME"])
			}
			c.RefTable, c.RefColumns = ref["TABLE_NAME"], columnsOf(r["R_OWNER"], r["R_CONSTRAINT_NAME"])
			if r["R_OWNER"] != b.owner {
				c.RefSchema = r["R_OWNER"]
			}
			if rule := r["DELETE_RULE"]; rule == "CASCADE" || rule == "SET NULL" {
				c.OnDelete = rule
			}
		case "C":
			toks, err := lexText("constraint "+name+" of "+table, r["SEARCH_CONDITION"])
			if err != nil {
				return err
			}
			// Oracle's NOT NULL constraints read "COL" IS NOT NULL; enabled
			// and validated, they are the column's NOT NULL.
			if col := notNullColumn(toks); col != "" && t.Column(col) != nil && !c.NotEnforced && !c.NotValid {
				cc := t.Column(col)
				cc.NotNull = true
				if r.is("GENERATED", "USER NAME") {
					setOpt(&cc.Options, "not_null_constraint", name)
				}
				continue
			}
			c.Kind, c.Check = engines.Check, exprString(toks)
		}
		c.Name = name
		if r.is("GENERATED", "GENERATED NAME") {
			c.Name = systemName(t, c)
			if findConstraint(t, c.Name) != nil {
				// Two unnamed constraints alike: keep both apart.
				c.Name += "#" + name
			}
			setOpt(&c.Options, "system_name", name)
		}
		t.Constraints = append(t.Constraints, c)
	}
	return nil
}

// notNullColumn returns COL for the tokens "COL" IS NOT NULL (the quoted
// form Oracle writes for NOT NULL constraints), else "".
func notNullColumn(toks []token) string {
	if len(toks) == 4 && toks[0].kind == tQuoted && toks[1].isKw("IS") && toks[2].isKw("NOT") && toks[3].isKw("NULL") {
		return toks[0].val
	}
	return ""
}

func (b *modelBuilder) readIndexes() error {
	// Keys own the index Oracle made for them, which has the key's name.
	keyIndex := map[string]bool{}
	for _, r := range b.cat["ALL_CONSTRAINTS"] {
		if r["OWNER"] == b.owner && (r.is("CONSTRAINT_TYPE", "P") || r.is("CONSTRAINT_TYPE", "U")) && r["INDEX_NAME"] == r["CONSTRAINT_NAME"] {
			keyIndex[r["TABLE_NAME"]+"."+r["INDEX_NAME"]] = true
		}
	}
	parts := map[string][]catalogRow{}
	for _, r := range b.cat["ALL_IND_COLUMNS"] {
		parts[r["INDEX_NAME"]] = append(parts[r["INDEX_NAME"]], r)
	}
	exprs := map[string]string{}
	for _, r := range b.cat["ALL_IND_EXPRESSIONS"] {
		exprs[r["INDEX_NAME"]+"#"+r["COLUMN_POSITION"]] = r["COLUMN_EXPRESSION"]
	}
	for _, r := range b.cat["ALL_INDEXES"] {
		name, table := r["INDEX_NAME"], r["TABLE_NAME"]
		t := b.tables[table]
		typ := r["INDEX_TYPE"]
		switch {
		case t == nil, r["TABLE_OWNER"] != b.owner, systemObject(name), r.is("DROPPED", "YES"), r.is("JOIN_INDEX", "YES"),
			keyIndex[table+"."+name], typ == "LOB", typ == "IOT - TOP", typ == "CLUSTER", strings.Contains(typ, "DOMAIN"):
			continue
		}
		ix := &engines.Index{Name: name, Unique: r.is("UNIQUENESS", "UNIQUE")}
		if strings.Contains(typ, "BITMAP") {
			ix.Method = "BITMAP"
		}
		cols := parts[name]
		sort.SliceStable(cols, func(i, j int) bool {
			a, _ := cols[i].int("COLUMN_POSITION")
			c, _ := cols[j].int("COLUMN_POSITION")
			return a < c
		})
		for _, c := range cols {
			p := &engines.IndexPart{Column: c["COLUMN_NAME"], Desc: c.is("DESCEND", "DESC")}
			if e, ok := exprs[name+"#"+c["COLUMN_POSITION"]]; ok {
				// Function-based keys (and DESC ones, which Oracle keeps as
				// the expression "COL") name a hidden SYS_NC column.
				toks, err := lexText("index "+name, e)
				if err != nil {
					return err
				}
				p.Column = ""
				if len(toks) == 1 && (toks[0].kind == tIdent || toks[0].kind == tQuoted) {
					p.Column = toks[0].val
				} else {
					p.Expr = exprString(toks)
				}
			}
			ix.Parts = append(ix.Parts, p)
		}
		if len(ix.Parts) == 0 {
			return fmt.Errorf("oracle: inspect: index %s of %s has no columns in ALL_IND_COLUMNS", name, table)
		}
		t.Indexes = append(t.Indexes, ix)
	}
	return nil
}

func (b *modelBuilder) readSequences() error {
	for _, r := range b.cat["ALL_SEQUENCES"] {
		name := r["SEQUENCE_NAME"]
		if strings.HasPrefix(name, "ISEQ$$_") || systemObject(name) {
			continue // identity columns own their sequences
		}
		b.schema.Sequences = append(b.schema.Sequences, &engines.Sequence{Name: name, SequenceOptions: sequenceOptionsOf(r)})
	}
	return nil
}

func (b *modelBuilder) readComments() error {
	for _, r := range b.cat["ALL_TAB_COMMENTS"] {
		if t := b.tables[r["TABLE_NAME"]]; t != nil {
			t.Comment = r["COMMENTS"]
		} else if v := b.views[r["TABLE_NAME"]]; v != nil {
			v.Comment = r["COMMENTS"]
		}
	}
	for _, r := range b.cat["ALL_COL_COMMENTS"] {
		if t := b.tables[r["TABLE_NAME"]]; t != nil {
			if c := t.Column(r["COLUMN_NAME"]); c != nil {
				c.Comment = r["COMMENTS"]
			}
		} else if v := b.views[r["TABLE_NAME"]]; v != nil {
			setOpt(&v.ColumnComments, r["COLUMN_NAME"], r["COMMENTS"])
		}
	}
	return nil
}
