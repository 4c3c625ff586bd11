package postgres

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dsn"
)

// Inspection reads the catalogs with a fixed set of queries, one per object
// kind, whatever the number of objects: each query returns the rows of every
// schema at once and Go code files them under their owners by oid. All the
// queries travel in one pipelined batch inside one read-only repeatable-read
// transaction, so they see one snapshot and cost one round trip.
//
// search_path is pg_catalog for the whole transaction: the server then
// prints user objects schema-qualified and builtins bare in format_type(),
// pg_get_expr() and the pg_get_*def() functions (see the package comment).

// inScope keeps user schemas: every system schema (pg_catalog, pg_toast*,
// pg_temp_*, pg_toast_temp_*) starts with "pg_", which the server forbids
// for user schemas.
const inScope = `n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'`

// qExtensionMembers reads the objects extensions own (CREATE EXTENSION
// creates them, so they are not part of the schema files), first in the
// batch; the rows of the other queries are filtered by it here. As a NOT
// EXISTS in each of eleven queries it was planned and run over and over.
// Membership always references pg_extension: saying so lets the server
// read the few membership rows through pg_depend's reference index
// instead of scanning the whole pg_depend.
const qExtensionMembers = `SELECT e.classid, e.objid FROM pg_depend e
WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'`

// The oids of the catalogs whose objects have comments or extension
// owners, as pg_description.classoid and pg_depend.classid name them; PostgreSQL fixes them in its catalog
// headers.
const (
	classNamespace  = 2615 // pg_namespace
	classExtension  = 3079 // pg_extension
	classRelation   = 1259 // pg_class: tables, views, sequences, indexes, columns
	classConstraint = 2606 // pg_constraint
	classType       = 1247 // pg_type
	classProc       = 1255 // pg_proc
	classTrigger    = 2620 // pg_trigger
	classPolicy     = 3256 // pg_policy
)

// objectKey names an object by its catalog and oid and, for a column's
// comment, its number: the key of comments and of extension members.
type objectKey struct {
	class, obj uint32
	sub        int32
}

// qDescriptions reads the comments of every user object at once, first in
// the batch, and the other queries' rows look theirs up by oid: a join
// with pg_description in each query cost a tenth of a fresh connection's
// inspection (planning it and scanning the catalog's builtin comments
// each time). Objects created after initdb have oids from
// FirstNormalObjectId (16384) up; of older ones only the public schema is
// in scope.
const qDescriptions = `SELECT d.classoid, d.objoid, d.objsubid, d.description FROM pg_description d
WHERE d.objoid >= 16384 OR (d.classoid = 'pg_namespace'::regclass AND d.objoid = 2200)`

var (
	qSchemas = `SELECT n.nspname, n.oid, pg_get_userbyid(n.nspowner)::text
FROM pg_namespace n
WHERE ` + inScope + `
ORDER BY 1`

	// Extensions initdb created (plpgsql: oid below FirstNormalObjectId)
	// are in every database: like pg_dump, leave them out. The comment is
	// kept as it is (CREATE EXTENSION sets the control file's): diff
	// compares it only when the source states one, so a file that repeats
	// it (pg_dump does) and a file that does not both match.
	qExtensions = `SELECT x.extname, n.nspname, x.extversion, x.oid, NOT x.extrelocatable
FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
WHERE x.oid >= 16384
ORDER BY 1`

	qRelations = `SELECT c.oid, n.nspname, c.relname, c.relkind::text, c.relpersistence::text,
  coalesce(c.reloptions, '{}'),
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END,
  c.relispartition,
  CASE WHEN c.relispartition THEN coalesce(pg_get_expr(c.relpartbound, c.oid), '') ELSE '' END,
  CASE WHEN c.relkind IN ('v', 'm') THEN coalesce(pg_get_viewdef(c.oid), '') ELSE '' END,
  c.relrowsecurity, c.relforcerowsecurity, c.relreplident::text,
  ARRAY(SELECT CASE WHEN rx.indisreplident THEN 'r' ELSE '' END || CASE WHEN rx.indisclustered THEN 'c' ELSE '' END || ':' || ri.relname
    FROM pg_index rx JOIN pg_class ri ON ri.oid = rx.indexrelid
    WHERE rx.indrelid = c.oid AND (rx.indisreplident OR rx.indisclustered)),
  CASE WHEN c.relkind = 'f' THEN (SELECT fs.srvname::text FROM pg_foreign_table ft JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
    WHERE ft.ftrelid = c.oid) ELSE '' END,
  CASE WHEN c.relkind = 'f' THEN coalesce((SELECT ft.ftoptions FROM pg_foreign_table ft WHERE ft.ftrelid = c.oid), '{}') ELSE '{}' END,
  ` + ownerColumn("c.relowner") + `
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ` + inScope + `
ORDER BY n.nspname, c.relname`

	qInherits = `SELECT i.inhrelid, pn.nspname, p.relname
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE c.relkind IN ('r', 'p') AND ` + inScope + `
ORDER BY i.inhrelid, i.inhseqno`

	// The identity sequence of a column is the sequence that depends on the
	// column internally (deptype 'i'). A default cannot refer to columns,
	// so it is printed without the table's context (relid 0): with it, the
	// server would open every table and build its cache entry, a third of
	// this query's cost on a fresh connection. Columns a table only inherits
	// (attislocal false: every column of a PARTITION OF table, the parent's
	// columns in an INHERITS child) are the parent's, as in schema files.
	qColumnsFormat = `SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
  CASE WHEN a.attgenerated = '' AND a.attidentity = '' THEN coalesce(pg_get_expr(ad.adbin, 0), '') ELSE '' END,
  CASE WHEN a.attgenerated <> '' THEN coalesce(pg_get_expr(ad.adbin, ad.adrelid), '') ELSE '' END,
  a.attgenerated::text, a.attidentity::text,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
    CASE WHEN cn.nspname IN ('pg_catalog', 'public') THEN co.collname ELSE cn.nspname || '.' || co.collname END
  ELSE '' END,
  coalesce(format_type(s.seqtypid, NULL), ''), s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, coalesce(s.seqcycle, false),
  a.attnum, a.atttypid, a.attcollation,
  CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'a' ELSE t.typtype::text END, t.typcategory::text,
  CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text ELSE '' END,
  coalesce(a.attstattarget, -1)::int4, ` + "%s" + `, a.attislocal, coalesce(a.attfdwoptions, '{}')
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN (pg_depend idp JOIN pg_sequence s ON s.seqrelid = idp.objid)
  ON a.attidentity <> '' AND idp.classid = 'pg_class'::regclass AND idp.refclassid = 'pg_class'::regclass
  AND idp.refobjid = a.attrelid AND idp.refobjsubid = a.attnum AND idp.deptype = 'i'
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
  AND (a.attislocal OR ad.adbin IS NOT NULL AND a.attgenerated = '' AND a.attidentity = '' OR a.attnotnull AND c.relispartition)
  AND ` + inScope + `
ORDER BY a.attrelid, a.attnum`

	// An index is left out when a constraint of its own table owns it (a
	// foreign key's conindid names the referenced table's index instead) and
	// when it is a partition of a partitioned table's index. An index is
	// invalid when a failed CREATE INDEX CONCURRENTLY left it; a partitioned
	// table's index (relkind 'I') is legitimately not valid until every
	// partition has its part, and is taken as it is.
	// Default operator classes: an index key whose class is the default one
	// for the column's type is printed without it, so it needs no server
	// text (see indexRow).
	// The binary casts (castmethod 'b') that apply implicitly come along,
	// as rows without a class: the server takes the default class of a
	// type the column's converts to that way (text_ops for varchar).
	qDefaultOpclasses = `SELECT o.oid, o.opcmethod, o.opcintype, CASE WHEN t.typtype = 'p' THEN t.typname::text ELSE '' END,
  t.typcategory::text, t.typispreferred
FROM pg_opclass o JOIN pg_type t ON t.oid = o.opcintype
WHERE o.opcdefault
UNION ALL
SELECT 0, 0, c.castsource, c.casttarget::text, '', false FROM pg_cast c WHERE c.castmethod = 'b' AND c.castcontext = 'i'`

	// The built-in operators (pg_catalog's, below the first user oid), by
	// which CHECK expressions are printed from their trees (nodetree.go).
	// The built-in operators (their oids name exclusion constraints'
	// operators) and, with their definitions, the schemas' own.
	qOperators = `SELECT o.oid, o.oprname, o.oprleft, o.oprright, n.nspname,
  CASE WHEN o.oid >= 16384 AND o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END,
  CASE WHEN o.oid >= 16384 THEN format_type(o.oprright, NULL) END,
  CASE WHEN o.oid >= 16384 AND o.oprcode <> 0 THEN o.oprcode::regproc::text END,
  CASE WHEN o.oid >= 16384 AND o.oprcom <> 0 THEN (SELECT cn.nspname || '.' || c.oprname FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprcom) END,
  CASE WHEN o.oid >= 16384 AND o.oprnegate <> 0 THEN (SELECT cn.nspname || '.' || c.oprname FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprnegate) END,
  CASE WHEN o.oid >= 16384 THEN o.oprrest::text END,
  CASE WHEN o.oid >= 16384 THEN o.oprjoin::text END,
  o.oprcanhash, o.oprcanmerge
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE (o.oid < 16384 AND n.nspname = 'pg_catalog') OR (o.oid >= 16384 AND ` + inScope + `)`

	// Standalone sequences are found first (a materialized step): joining
	// the owner's column to every sequence, identity ones included, would
	// read each auto dependency of the database.
	qSequences = `WITH seq AS MATERIALIZED (
  SELECT c.oid, n.nspname, c.relname, s.seqtypid, s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, s.seqcycle, c.relowner
  FROM pg_sequence s
  JOIN pg_class c ON c.oid = s.seqrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ` + inScope + `
    AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i'))
SELECT q.nspname, q.relname, format_type(q.seqtypid, NULL), q.seqincrement, q.seqmin, q.seqmax,
  q.seqstart, q.seqcache, q.seqcycle, q.oid,
  coalesce(tn.nspname, ''), coalesce(tc.relname, ''), coalesce(ta.attname, ''), ` + ownerColumn("q.relowner") + `
FROM seq q
LEFT JOIN pg_depend o ON o.classid = 'pg_class'::regclass AND o.objid = q.oid AND o.deptype = 'a'
  AND o.refclassid = 'pg_class'::regclass AND o.refobjsubid > 0
LEFT JOIN pg_class tc ON tc.oid = o.refobjid
LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
LEFT JOIN pg_attribute ta ON ta.attrelid = o.refobjid AND ta.attnum = o.refobjsubid
ORDER BY 1, 2`

	// Enums, domains and free-standing composite types (typrelid of relkind
	// 'c'); array types and table row types are left out by typtype/relkind.
	qTypes = `SELECT n.nspname, t.typname, t.typtype::text, t.oid,
  CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) ELSE '{}' END,
  CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) ELSE '' END,
  t.typnotnull,
  coalesce(pg_get_expr(t.typdefaultbin, 0), ''),
  CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN
    CASE WHEN cn.nspname = 'pg_catalog' THEN '' ELSE cn.nspname END
  ELSE '' END,
  CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN co.collname::text ELSE '' END,
  ARRAY(SELECT k.conname::text FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname),
  ARRAY(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname),
  ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
  ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
  ARRAY(SELECT CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation AND acn.nspname <> 'pg_catalog'
      THEN acn.nspname::text ELSE '' END
    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
    LEFT JOIN pg_collation aco ON aco.oid = a.attcollation LEFT JOIN pg_namespace acn ON acn.oid = aco.collnamespace
    WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
  ARRAY(SELECT CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN aco.collname::text ELSE '' END
    FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
    LEFT JOIN pg_collation aco ON aco.oid = a.attcollation
    WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
  CASE WHEN t.typtype = 'r' THEN (SELECT concat_ws(', ',
      'subtype = ' || format_type(rg.rngsubtype, NULL),
      CASE WHEN NOT oc.opcdefault THEN 'subtype_opclass = ' || quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END,
      CASE WHEN rg.rngcollation <> 0 AND rg.rngcollation <> st.typcollation
        THEN 'collation = ' || quote_ident(rcn.nspname) || '.' || quote_ident(rco.collname) END,
      CASE WHEN rg.rngcanonical <> 0 THEN 'canonical = ' || rg.rngcanonical::regproc::text END,
      CASE WHEN rg.rngsubdiff <> 0 THEN 'subtype_diff = ' || rg.rngsubdiff::regproc::text END,
      'multirange_type_name = ' || quote_ident(mt.typname))
    FROM pg_range rg
    JOIN pg_opclass oc ON oc.oid = rg.rngsubopc JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
    JOIN pg_type st ON st.oid = rg.rngsubtype JOIN pg_type mt ON mt.oid = rg.rngmultitypid
    LEFT JOIN pg_collation rco ON rco.oid = rg.rngcollation LEFT JOIN pg_namespace rcn ON rcn.oid = rco.collnamespace
    WHERE rg.rngtypid = t.oid) ELSE '' END
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class r ON r.oid = t.typrelid
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND r.relkind = 'c'))
  AND ` + inScope + `
ORDER BY 1, 2`

	// The server prints no aggregate's definition: the query writes the
	// CREATE AGGREGATE from pg_aggregate (names as regproc prints them
	// under search_path = pg_catalog), read back like a file's.
	qFunctions = `SELECT n.nspname, p.proname, p.prokind::text, pg_get_function_identity_arguments(p.oid),
  CASE WHEN p.prokind = 'a' THEN (SELECT 'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
      || '(' || CASE WHEN p.pronargs = 0 AND a.aggkind = 'n' THEN '*' ELSE pg_get_function_arguments(p.oid) END || ') ('
      || concat_ws(', ', 'SFUNC = ' || a.aggtransfn::regproc::text, 'STYPE = ' || format_type(a.aggtranstype, NULL),
        CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
        CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc::text END,
        CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
        'FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END,
        CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
        CASE WHEN a.aggserialfn <> 0 THEN 'SERIALFUNC = ' || a.aggserialfn::regproc::text END,
        CASE WHEN a.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || a.aggdeserialfn::regproc::text END,
        'INITCOND = ' || quote_literal(a.agginitval),
        CASE WHEN a.aggmtransfn <> 0 THEN 'MSFUNC = ' || a.aggmtransfn::regproc::text || ', MINVFUNC = ' || a.aggminvtransfn::regproc::text
          || ', MSTYPE = ' || format_type(a.aggmtranstype, NULL)
          || ', MFINALFUNC_MODIFY = ' || CASE a.aggmfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
        CASE WHEN a.aggmtransspace <> 0 THEN 'MSSPACE = ' || a.aggmtransspace END,
        CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC = ' || a.aggmfinalfn::regproc::text END,
        CASE WHEN a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
        'MINITCOND = ' || quote_literal(a.aggminitval),
        (SELECT 'SORTOP = ' || CASE WHEN son.nspname = 'pg_catalog' THEN so.oprname
            ELSE 'OPERATOR(' || quote_ident(son.nspname) || '.' || so.oprname || ')' END
          FROM pg_operator so JOIN pg_namespace son ON son.oid = so.oprnamespace WHERE so.oid = a.aggsortop),
        CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END,
        CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END) || ')'
    FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
  ELSE pg_get_functiondef(p.oid) END, p.oid
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p', 'a') AND ` + inScope + `
  AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')
ORDER BY 1, 2, 4`

	// Triggers cloned onto partitions from their parent (tgparentid) are
	// created with the parent's.
	qTriggers = `SELECT g.tgrelid, g.tgname, pg_get_triggerdef(g.oid), g.oid, g.tgenabled::text
FROM pg_trigger g
JOIN pg_class c ON c.oid = g.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND c.relkind IN ('r', 'p', 'v', 'm')
  AND ` + inScope + `
ORDER BY g.tgrelid, g.tgname`

	// A view's rewrite rule depends on every relation its query reads.
	qViewDepends = `SELECT DISTINCT r.ev_class, dn.nspname, dc.relname
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_depend dep ON dep.classid = 'pg_rewrite'::regclass AND dep.objid = r.oid
  AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid <> r.ev_class
JOIN pg_class dc ON dc.oid = dep.refobjid
JOIN pg_namespace dn ON dn.oid = dc.relnamespace
WHERE c.relkind IN ('v', 'm') AND ` + inScope + `
ORDER BY 1, 2, 3`
)

// columnsQuery reads the columns of tables and views. Storage, statistics
// target and compression are read as they differ from the defaults: the
// type's storage, -1 (NULL from PostgreSQL 17 on) and none; compression
// came with PostgreSQL 14.
func columnsQuery(major int) string {
	compression := "''"
	if major >= 14 {
		compression = "a.attcompression::text"
	}
	return strings.Replace(qColumnsFormat, "%s", compression, 1)
}

// constraintQuery reads the constraints of tables. Like indexes (see
// indexQuery), primary keys, unique constraints and foreign keys come as
// their catalog rows, and the server prints only checks and exclusion
// constraints (expressions), keys with INCLUDE columns, storage parameters
// or a tablespace, keys whose index is not a btree (WITHOUT OVERLAPS), and
// what newer servers have columns for: NULLS NOT DISTINCT and ON DELETE SET
// NULL or SET DEFAULT of some columns (15), PERIOD and NOT ENFORCED (18).
//
// Constraints a partition or an inheritance child got from its parent
// (conparentid, not conislocal) are created with the parent's and are
// not part of the child's definition.
func constraintQuery(major int) string {
	newer := ""
	if major >= 15 {
		newer += " OR ix.indnullsnotdistinct OR k.confdelsetcols IS NOT NULL"
	}
	if major >= 18 {
		newer += " OR k.conperiod OR NOT k.conenforced"
	}
	return `SELECT k.conrelid, k.conname,
  CASE WHEN k.contype NOT IN ('p', 'u', 'f', 'c') OR ix.indnatts <> ix.indnkeyatts OR xc.reloptions IS NOT NULL
    OR xc.reltablespace <> 0 OR xc.relam <> (SELECT oid FROM pg_am WHERE amname = 'btree')` + newer + `
  THEN pg_get_constraintdef(k.oid) ELSE '' END,
  k.oid, k.contype::text, k.conkey::int2[], k.condeferrable, k.condeferred, k.convalidated,
  k.confrelid, k.confkey::int2[],
  k.confupdtype::text, k.confdeltype::text, k.confmatchtype::text,
  CASE WHEN k.contype = 'c' THEN k.conbin::text ELSE '' END, k.connoinherit, k.conindid,
  CASE WHEN c.relkind = 'p' AND NOT ix.indisvalid THEN ` + unattachedParts("ix.indexrelid", "k.conrelid") + ` END
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index ix ON k.contype IN ('p', 'u') AND ix.indexrelid = k.conindid
LEFT JOIN pg_class xc ON k.contype IN ('p', 'u') AND xc.oid = k.conindid
WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND k.conparentid = 0 AND k.conislocal
  AND c.relkind IN ('r', 'p', 'f') AND ` + inScope + `
ORDER BY k.conrelid, k.conname`
}

// unattachedParts is SQL for the partitions ("schema.name", sorted) of
// table that have no part of its partitioned index index, which CREATE
// INDEX ON ONLY or ALTER TABLE ONLY … ADD CONSTRAINT leaves invalid until
// each partition's index is attached; NULL when none.
func unattachedParts(index, table string) string {
	return `(SELECT array_agg(pn.nspname || '.' || pc.relname ORDER BY pn.nspname, pc.relname)
    FROM pg_inherits pi JOIN pg_class pc ON pc.oid = pi.inhrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
    WHERE pi.inhparent = ` + table + ` AND pc.relkind <> 'f' AND NOT EXISTS (SELECT 1 FROM pg_inherits ii JOIN pg_index cx ON cx.indexrelid = ii.inhrelid
      WHERE ii.inhparent = ` + index + ` AND cx.indrelid = pi.inhrelid))`
}

// indexQuery reads the indexes no constraint owns. pg_get_indexdef() is
// most of inspection's server time on a fresh connection (it looks up
// every key's column, operator class and collation one by one), so the
// server prints the definition only of indexes the model cannot be built
// from their catalog row alone: expressions, a predicate, storage
// parameters, access methods other than btree and hash (operator class
// options), NULLS NOT DISTINCT (PostgreSQL 15+ has the column). The others
// come with their keys, classes, collations and options as arrays, and
// indexRow builds them.
//
// An index is left out when a constraint of its own table owns it (a
// foreign key's conindid names the referenced table's index instead) and
// when it is a partition of a partitioned table's index. An index is
// invalid when a failed CREATE INDEX CONCURRENTLY left it; a partitioned
// table's index (relkind 'I') is legitimately not valid until every
// partition has its part, and is taken as it is.
func indexQuery(major int) string {
	nnd := ""
	if major >= 15 {
		nnd = " OR x.indnullsnotdistinct"
	}
	return `SELECT x.indrelid, ic.relname,
  CASE WHEN x.indexprs IS NOT NULL OR ic.reloptions IS NOT NULL
    OR am.amname NOT IN ('btree', 'hash')` + nnd + ` THEN pg_get_indexdef(x.indexrelid) ELSE '' END,
  NOT x.indisvalid AND ic.relkind <> 'I',
  x.indexrelid, x.indisunique, am.oid, am.amname, x.indnkeyatts, x.indkey::int2[], x.indclass::oid[],
  x.indcollation::oid[], x.indoption::int2[], COALESCE(x.indpred::text, ''),
  CASE WHEN x.indexprs IS NOT NULL THEN (SELECT array_agg(a.attnum::int ORDER BY a.attnum) FROM pg_attribute a
    WHERE a.attrelid = x.indexrelid AND a.attstattarget >= 0) END,
  CASE WHEN x.indexprs IS NOT NULL THEN (SELECT array_agg(a.attstattarget::int ORDER BY a.attnum) FROM pg_attribute a
    WHERE a.attrelid = x.indexrelid AND a.attstattarget >= 0) END,
  CASE WHEN ic.relkind = 'I' AND NOT x.indisvalid THEN ` + unattachedParts("x.indexrelid", "x.indrelid") + ` END,
  CASE WHEN ic.relkind = 'I' THEN (SELECT array_agg(pn.nspname || '.' || pc.relname ORDER BY ii.inhrelid)
    FROM pg_inherits ii JOIN pg_index cx ON cx.indexrelid = ii.inhrelid JOIN pg_class pc ON pc.oid = cx.indrelid
    JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE ii.inhparent = x.indexrelid) END,
  CASE WHEN ic.relkind = 'I' THEN (SELECT array_agg(ci.relname::text ORDER BY ii.inhrelid)
    FROM pg_inherits ii JOIN pg_class ci ON ci.oid = ii.inhrelid WHERE ii.inhparent = x.indexrelid) END
FROM pg_index x
JOIN pg_class ic ON ic.oid = x.indexrelid
JOIN pg_am am ON am.oid = ic.relam
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm') AND NOT ic.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x'))
  AND ` + inScope + `
ORDER BY x.indrelid, ic.relname`
}

// serverMajor is the server's major version from the parameter the server
// reports at connection ("15.4 (Debian …)", "17beta1"); 0 if unreadable.
func serverMajor(conn *pgx.Conn) int {
	v := conn.PgConn().ParameterStatus("server_version")
	n := 0
	for _, r := range v {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// defaultPublicComment is the comment PostgreSQL 15+ puts on the public
// schema of every new database; it is the server's, not the schema's.
const defaultPublicComment = "standard public schema"

// inspect reads a live database into the model.
func inspect(ctx context.Context, url string) (*engines.Database, error) {
	return inspectShared(ctx, url, nil)
}

// inspectShared is inspect sharing definition parses with the other
// inspections of defs (which may be nil).
func inspectShared(ctx context.Context, url string, defs *defCache) (*engines.Database, error) {
	conn, release, err := connectKept(ctx, url)
	if err != nil {
		return nil, err
	}
	defer release()
	db, _, err := inspectConnShared(ctx, conn, defs)
	if err != nil {
		return nil, fmt.Errorf("postgres: inspect %s: %w", dsn.Redact(url), err)
	}
	return db, nil
}

// inspectCounted is inspect that also returns the number of catalog
// queries (SELECTs) the connection really sent, as a tracer counted them.
func inspectCounted(ctx context.Context, url string) (*engines.Database, int, error) {
	counter := &statementCounter{}
	conn, err := connectTraced(ctx, url, counter)
	if err != nil {
		return nil, 0, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	db, _, err := inspectConn(ctx, conn)
	if err != nil {
		return nil, counter.selects, fmt.Errorf("postgres: inspect %s: %w", dsn.Redact(url), err)
	}
	return db, counter.selects, nil
}

// statementCounter is a pgx tracer that counts the statements a
// connection sends, and among them the catalog queries (SELECT, WITH).
type statementCounter struct{ statements, selects int }

func (c *statementCounter) count(sql string) {
	c.statements++
	if q := strings.TrimSpace(sql); strings.HasPrefix(q, "SELECT") || strings.HasPrefix(q, "WITH") {
		c.selects++
	}
}

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	c.count(d.SQL)
	return ctx
}
func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
func (c *statementCounter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}
func (c *statementCounter) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	c.count(d.SQL)
}
func (c *statementCounter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// inspector files the rows of the catalog queries into one model.
type inspector struct {
	// inheritedDefaults are the defaults tables have on columns they
	// inherit, until resolveInheritedDefaults keeps those of their own.
	inheritedDefaults map[*engines.Table]map[string]string
	// partitionNotNulls are the NOT NULL columns partitions inherit, until
	// resolvePartitionNotNulls keeps those their parents do not have.
	partitionNotNulls []partitionNotNull
	db                *engines.Database
	tables            map[uint32]*engines.Table
	views             map[uint32]*engines.View
	seqs              map[uint32]*engines.Sequence
	tableName         map[uint32]string
	// routineGrants are the privileges on functions and procedures, by
	// oid, until the functions are attached.
	routineGrants map[uint32][]*engines.Grant
	schemaNames   map[uint32]string // by oid
	typesByOID    map[uint32]*engines.Type
	// Server DDL text (constraints, indexes, triggers, functions, rebuilt
	// type definitions) is parsed by pool while the batch is still being
	// read; attach then files the results in row order, so the model does
	// not depend on scheduling.
	pool   *parsePool
	attach []func() error
	// conDefs holds each distinct constraint definition parsed once:
	// most tables share theirs ("PRIMARY KEY (id)", the same check, a
	// foreign key to the same table), and parsing is inspection's cost.
	conDefs map[string]*parsedConstraint
	// idxDefs does the same for index definitions, by indexDefKey.
	idxDefs map[string]*parsedIndex
	// colScan is columnRow's, made on its first row.
	colScan *columnScan
	// atts are the columns read, by table and number, and opc the default
	// operator classes: what indexRow and constraintRow need to build an
	// index or a constraint from its catalog row.
	atts map[attKey]attInfo
	opc  opclassDefaults
	// operators are the built-in operators (qOperators).
	operators map[uint32]builtinOperator
	// serverDefs are the indexes built from the server's text after all,
	// as a second query asks for it (fetchServerDefs).
	serverDefs     []pendingDef
	serverDefsOnly bool
	// serverConDefs are the constraints read from the server's text after
	// all, in the same second query.
	serverConDefs []pendingConDef
	// comments are the objects' comments, read first (qDescriptions).
	comments map[objectKey]string
	// extMembers are the objects extensions own (qExtensionMembers).
	extMembers map[objectKey]bool
}

func (in *inspector) extensionMemberRow(rows pgx.Rows) error {
	var k objectKey
	if err := rows.Scan(&k.class, &k.obj); err != nil {
		return err
	}
	if in.extMembers == nil {
		in.extMembers = map[objectKey]bool{}
	}
	in.extMembers[k] = true
	return nil
}

// ownedByExtension tells whether object obj of catalog class belongs to an
// extension.
func (in *inspector) ownedByExtension(class, obj uint32) bool {
	return in.extMembers[objectKey{class: class, obj: obj}]
}

func (in *inspector) descriptionRow(rows pgx.Rows) error {
	var (
		k    objectKey
		text string
	)
	if err := rows.Scan(&k.class, &k.obj, &k.sub, &text); err != nil {
		return err
	}
	if in.comments == nil {
		in.comments = map[objectKey]string{}
	}
	in.comments[k] = text
	return nil
}

// comment is the comment of object obj of catalog class (sub: a column's
// number, else 0), "" if it has none.
func (in *inspector) comment(class, obj uint32, sub int32) string {
	return in.comments[objectKey{class, obj, sub}]
}

type attKey struct {
	rel uint32
	num int16
}

type attInfo struct {
	name      string
	typ, coll uint32
	// kind is the type's typtype, or 'a' for an array type; category its
	// typcategory.
	kind, category byte
}

// pendingConDef is a constraint whose definition the second query fetches.
type pendingConDef struct {
	oid  uint32
	t    *engines.Table
	name string
	pc   *parsedConstraint
	def  *string
}

// pendingDef is an index whose definition the second query fetches.
type pendingDef struct {
	oid uint32
	pi  *parsedIndex
}

// parsedIndex is an index definition's parse, shared like parsedConstraint.
type parsedIndex struct {
	idx *engines.Index
	err error
	def string // the server's text, when it was parsed
	// pred is the parse of the predicate printed here, shared by the
	// indexes (of every target) with its text: its idx holds only Where.
	pred *parsedIndex
}

// indexDefKey is what the model of an index depends on in its
// pg_get_indexdef() text: all but the name and the table, which the
// server prints first ("CREATE [UNIQUE] INDEX name ON [ONLY] table USING
// …"), so that the indexes of many tables that are alike share one parse.
// A name or table holding " ON " or " USING " only makes the key longer.
func indexDefKey(def string) string {
	on := strings.Index(def, " ON ")
	if on < 0 {
		return def
	}
	using := strings.Index(def[on:], " USING ")
	if using < 0 {
		return def
	}
	if strings.HasPrefix(def, "CREATE UNIQUE INDEX ") {
		return "UNIQUE" + def[on+using:]
	}
	return def[on+using:]
}

// parsedConstraint is a constraint definition's parse, shared by the rows
// that have the same definition; each gets its own copy.
type parsedConstraint struct {
	k   *engines.Constraint
	err error
}

// parsePool runs parse jobs (pg_query: CPU-bound, thread-safe) on every core.
type parsePool struct {
	jobs chan func()
	wg   sync.WaitGroup
}

func newParsePool(workers int) *parsePool {
	p := &parsePool{jobs: make(chan func(), 256)}
	p.wg.Add(workers)
	for i := 0; i < workers; i++ {
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				job()
			}
		}()
	}
	return p
}

// do queues a job; it blocks while every worker is busy and the queue full.
func (p *parsePool) do(job func()) { p.jobs <- job }

// wait runs the queued jobs to the end and stops the workers.
func (p *parsePool) wait() {
	close(p.jobs)
	p.wg.Wait()
}

// inspectConn reads the database of conn into the model and returns the
// number of catalog queries it issued, which does not depend on the number
// of objects.
func inspectConn(ctx context.Context, conn *pgx.Conn) (*engines.Database, int, error) {
	return inspectConnShared(ctx, conn, nil)
}

// inspectConnShared is inspectConn starting from the definitions defs
// (which may be nil) holds parsed, and keeping there those it parses.
func inspectConnShared(ctx context.Context, conn *pgx.Conn, defs *defCache) (*engines.Database, int, error) {
	return inspectConnWith(ctx, conn, defs, false)
}

// inspectConnWith is inspectConnShared; serverDefsOnly has every index and
// constraint read from the server's text, which tests compare with those
// built from catalog rows.
func inspectConnWith(ctx context.Context, conn *pgx.Conn, defs *defCache, serverDefsOnly bool) (*engines.Database, int, error) {
	in := &inspector{
		serverDefsOnly: serverDefsOnly,
		db:             &engines.Database{Engine: "postgres", Role: conn.Config().User},
		tables:         map[uint32]*engines.Table{},
		views:          map[uint32]*engines.View{},
		tableName:      map[uint32]string{},
		pool:           newParsePool(runtime.GOMAXPROCS(0)),
	}
	in.conDefs, in.idxDefs = defs.seed()
	in.db.EnsureSchema("public")
	major := serverMajor(conn)

	steps := []struct {
		what string
		sql  string
		row  func(pgx.Rows) error
	}{
		{"extension members", qExtensionMembers, in.extensionMemberRow},
		{"comments", qDescriptions, in.descriptionRow},
		{"schemas", qSchemas, in.schemaRow},
		{"extensions", qExtensions, in.extensionRow},
		{"event triggers", qEventTriggers, in.eventTriggerRow},
		{"collations", qCollations(major), in.collationRow},
		{"text search dictionaries", qTSDicts, in.tsDictRow},
		{"casts", qCasts, in.castRow},
		{"text search configurations", qTSConfigs, in.tsConfigRow},
		{"publications", qPublications(major), in.publicationRow},
		{"foreign-data wrappers", qForeignDataWrappers, in.fdwRow},
		{"foreign servers", qForeignServers, in.foreignServerRow},
		{"user mappings", qUserMappings, in.userMappingRow},
		{"relations", qRelations, in.relationRow},
		{"inheritance", qInherits, in.inheritRow},
		{"columns", columnsQuery(major), in.columnRow},
		{"default operator classes", qDefaultOpclasses, in.opclassRow},
		{"operators", qOperators, in.operatorRow},
		{"constraints", constraintQuery(major), in.constraintRow},
		{"indexes", indexQuery(major), in.indexRow},
		{"sequences", qSequences, in.sequenceRow},
		{"types", qTypes, in.typeRow},
		{"functions", qFunctions, in.functionRow},
		{"triggers", qTriggers, in.triggerRow},
		{"policies", qPolicies, in.policyRow},
		{"statistics", qStatistics, in.statisticRow},
		{"rules", qRules, in.ruleRow},
		{"view dependencies", qViewDepends, in.viewDependRow},
		{"privileges", qPrivileges, in.privilegeRow},
	}

	// One round trip with binary results: pgx's exec mode (see connect)
	// would ask for text, which costs the client a parse of every value,
	// and its statement cache a round trip more to describe the queries.
	// Every column type read here decodes from binary.
	settings := []string{
		"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
		"SET LOCAL search_path = pg_catalog",
		// The server would compile the bigger catalog queries of a big
		// schema with JIT, which costs seconds and buys nothing here: their
		// time goes into pg_get_*def() calls (10,000 tables: inspect 6.4 s
		// with it, 3.8 s without). PostgreSQL 11 brought both JIT and
		// prokind, which the function query reads.
		"SET LOCAL jit = off",
		// The queries join catalogs in the order they are written, big
		// catalog first: searching join orders of ten catalogs was a fifth
		// of the server's time inspecting a fresh 200-table database.
		"SET LOCAL join_collapse_limit = 1",
		"SET LOCAL from_collapse_limit = 1",
		// The column and index queries of a 10,000-table schema sort and
		// hash more than the default 4 MB of work_mem, and spilled to
		// temporary files; 64 MB is a cap for this transaction's queries,
		// not an allocation.
		"SET LOCAL work_mem = '64MB'",
	}
	// The connection's tracer (the benchmark's statement counter) hears
	// of the batch's statements, as of pgx's own batches.
	tracer, _ := conn.Config().Tracer.(pgx.BatchTracer)
	b := &pgconn.Batch{}
	queue := func(sql string, formats []int16) {
		b.ExecParams(sql, nil, nil, nil, formats)
		if tracer != nil {
			tracer.TraceBatchQuery(ctx, conn, pgx.TraceBatchQueryData{SQL: sql})
		}
	}
	for _, q := range settings {
		queue(q, nil)
	}
	binary := []int16{pgtype.BinaryFormatCode}
	for _, st := range steps {
		queue(st.sql, binary)
	}
	pc := conn.PgConn()
	// The transaction only reads: rolling back ends it the cheapest way.
	defer func() {
		if !pc.IsClosed() && pc.TxStatus() != 'I' {
			_, _ = conn.Exec(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	mrr := pc.ExecBatch(ctx, b)
	var err error
	for i := 0; err == nil && mrr.NextResult(); i++ {
		rr := mrr.ResultReader()
		if i < len(settings) {
			_, err = rr.Close()
			continue
		}
		st := steps[i-len(settings)]
		rows := pgx.RowsFromResultReader(conn.TypeMap(), rr)
		for err == nil && rows.Next() {
			if rerr := st.row(rows); rerr != nil {
				err = fmt.Errorf("read %s: %w", st.what, rerr)
			}
		}
		rows.Close()
		if rerr := rows.Err(); err == nil && rerr != nil {
			err = fmt.Errorf("query %s: %w", st.what, rerr)
		}
	}
	if cerr := mrr.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = in.fetchServerDefs(ctx, conn)
	}
	in.pool.wait()
	if err != nil {
		return nil, len(steps), err
	}
	queries := len(steps)
	if len(in.serverDefs) > 0 || len(in.serverConDefs) > 0 {
		queries++ // fetchServerDefs
	}
	in.resolveInheritedDefaults()
	sortAllGrants(in.db)
	for _, attach := range in.attach {
		if err := attach(); err != nil {
			return nil, queries, err
		}
	}
	in.resolvePartitionNotNulls()
	defs.keep(in.conDefs, in.idxDefs)
	in.db.Sort()
	return in.db, queries, nil
}

// resolveInheritedDefaults keeps the defaults tables give inherited
// columns where they differ from what the parents give (a child or
// partition gets a copy of its parent's default when it is created).
// Parents first, so that a grandchild compares with its parent's own.
func (in *inspector) resolveInheritedDefaults() {
	if len(in.inheritedDefaults) == 0 {
		return
	}
	byName := make(map[string]*engines.Table, len(in.tables))
	for _, t := range in.tables {
		byName[key(t.Schema, t.Name)] = t
	}
	lookup := func(k string) *engines.Table { return byName[k] }
	tables := slices.SortedFunc(maps.Keys(in.inheritedDefaults), func(a, b *engines.Table) int {
		return cmp.Compare(inheritDepth(a, lookup), inheritDepth(b, lookup))
	})
	for _, t := range tables {
		for _, col := range sortedKeys(in.inheritedDefaults[t]) {
			def := in.inheritedDefaults[t][col]
			if def == inheritedDefaultIn(t, col, lookup) {
				continue
			}
			if t.InheritedDefaults == nil {
				t.InheritedDefaults = map[string]string{}
			}
			t.InheritedDefaults[col] = def
		}
	}
}

type partitionNotNull struct {
	t   *engines.Table
	col string
}

// resolvePartitionNotNulls keeps, as the partition's own column entry
// (what PARTITION OF p (c NOT NULL) makes in files, or a primary key of
// the partition's own), a NOT NULL that no table up the partition tree
// has on that column.
func (in *inspector) resolvePartitionNotNulls() {
	if len(in.partitionNotNulls) == 0 {
		return
	}
	byName := make(map[string]*engines.Table, len(in.tables))
	for _, t := range in.tables {
		byName[key(t.Schema, t.Name)] = t
	}
	lookup := func(k string) *engines.Table { return byName[k] }
	// Parents first: a sub-partition compares with its parent's own.
	slices.SortStableFunc(in.partitionNotNulls, func(a, b partitionNotNull) int {
		return cmp.Compare(inheritDepth(a.t, lookup), inheritDepth(b.t, lookup))
	})
	for _, pn := range in.partitionNotNulls {
		t := pn.t
		if t.PartitionOf == "" {
			continue
		}
		inherited := false
		for up, depth := byName[partitionParentKey(t)], 0; up != nil && depth < 32; depth++ {
			if c := up.Column(pn.col); c != nil && c.NotNull {
				inherited = true
				break
			}
			if up.PartitionOf == "" {
				break
			}
			up = byName[partitionParentKey(up)]
		}
		if !inherited {
			t.Columns = append(t.Columns, &engines.Column{Name: pn.col, NotNull: true})
		}
	}
}

// inheritDepth is how many parents up a table's first line of ancestors goes.
func inheritDepth(t *engines.Table, table func(string) *engines.Table) int {
	d := 0
	for ; d < 32 && t != nil; d++ {
		switch {
		case t.PartitionOf != "":
			t = table(partitionParentKey(t))
		case len(t.Inherits) > 0:
			s, n := engines.SplitQualified(t.Inherits[0], t.Schema)
			t = table(key(s, n))
		default:
			return d
		}
	}
	return d
}

func (in *inspector) schemaRow(rows pgx.Rows) error {
	var (
		name, owner string
		oid         uint32
	)
	if err := rows.Scan(&name, &oid, &owner); err != nil {
		return err
	}
	if in.ownedByExtension(classNamespace, oid) {
		return nil
	}
	comment := in.comment(classNamespace, oid, 0)
	if name == "public" && comment == defaultPublicComment {
		comment = ""
	}
	sc := in.db.EnsureSchema(name)
	sc.Comment = comment
	if name == "public" {
		// Its privileges' owner, whose own are implicit (initdb made it:
		// pg_database_owner from PostgreSQL 15, the bootstrap role before).
		setPGOption(&sc.Options, optOwner, owner)
	}
	if in.schemaNames == nil {
		in.schemaNames = map[uint32]string{}
	}
	in.schemaNames[oid] = name
	return nil
}

func (in *inspector) extensionRow(rows pgx.Rows) error {
	x := &engines.Extension{}
	var oid uint32
	if err := rows.Scan(&x.Name, &x.Schema, &x.Version, &oid, &x.NotRelocatable); err != nil {
		return err
	}
	x.Comment = in.comment(classExtension, oid, 0)
	in.db.Extensions = append(in.db.Extensions, x)
	return nil
}

func (in *inspector) relationRow(rows pgx.Rows) error {
	var (
		oid                             uint32
		schema, name, kind, persistence string
		options                         []string
		partKey, partBound, viewQuery   string
		isPartition                     bool
		rowSecurity, forceRowSecurity   bool
		replIdent, replIndex            string
		marked                          []string
		server, owner                   string
		serverOptions                   []string
	)
	if err := rows.Scan(&oid, &schema, &name, &kind, &persistence, &options, &partKey,
		&isPartition, &partBound, &viewQuery, &rowSecurity, &forceRowSecurity, &replIdent, &marked,
		&server, &serverOptions, &owner); err != nil {
		return err
	}
	// Indexes marked "r:name" (replica identity), "c:name" (CLUSTER ON) or both.
	var clusterOn string
	for _, m := range marked {
		flags, idx, _ := strings.Cut(m, ":")
		if strings.Contains(flags, "r") {
			replIndex = idx
		}
		if strings.Contains(flags, "c") {
			clusterOn = idx
		}
	}
	if in.ownedByExtension(classRelation, oid) {
		return nil
	}
	comment := in.comment(classRelation, oid, 0)
	s := in.db.EnsureSchema(schema)
	in.tableName[oid] = engines.QualifiedName(schema, name)
	switch kind {
	case "v", "m":
		v := &engines.View{
			Schema:       schema,
			Name:         name,
			Materialized: kind == "m",
			Query:        trimViewQuery(viewQuery),
			Options:      optionMap(options),
			OptionOrder:  optionKeys(options),
			Comment:      comment,
			Owner:        owner,
		}
		in.views[oid] = v
		s.Views = append(s.Views, v)
	default:
		t := &engines.Table{
			Schema:         schema,
			Name:           name,
			Columns:        []*engines.Column{},
			Comment:        comment,
			PartitionBy:    partKey,
			PartitionBound: partBound,
			Unlogged:       persistence == "u",
			Options:        optionMap(options),
			OptionOrder:    optionKeys(options),
			Owner:          owner,
		}
		setTableSecurity(t, rowSecurity, forceRowSecurity, replIdent, replIndex)
		t.ClusterOn = clusterOn
		if kind == "f" {
			t.ForeignServer, t.ForeignOptions = server, canonOptions(serverOptions)
			// The catalog marks a foreign table's replica identity
			// "nothing"; it cannot be set.
			t.ReplicaIdentity, t.ReplicaIdentityIndex = "", ""
		}
		if isPartition {
			// Filled by inheritRow: a partition's one parent.
			t.PartitionOf = "?"
		}
		in.tables[oid] = t
		s.Tables = append(s.Tables, t)
	}
	return nil
}

func (in *inspector) inheritRow(rows pgx.Rows) error {
	var (
		oid            uint32
		schema, parent string
	)
	if err := rows.Scan(&oid, &schema, &parent); err != nil {
		return err
	}
	t := in.tables[oid]
	if t == nil {
		return nil
	}
	if t.PartitionOf != "" {
		t.PartitionOf = engines.QualifiedName(schema, parent)
	} else {
		t.Inherits = append(t.Inherits, engines.QualifiedName(schema, parent))
	}
	return nil
}

// columnScan holds the scan targets of a column row, reused from row to
// row: a big schema has many columns, and fresh targets for each (the
// argument list and every variable whose address it holds) were most of
// inspection's allocations.
type columnScan struct {
	oid                           uint32
	c                             engines.Column
	generated, identity, seqType  string
	inc, minV, maxV, start, cache *int64
	cycle                         bool
	num                           int16
	typ, coll                     uint32
	kind, category                string
	storage, compression          string
	statistics                    int32
	local                         bool
	fdwOptions                    []string
	dest                          []any
}

func (in *inspector) columnRow(rows pgx.Rows) error {
	s := in.colScan
	if s == nil {
		s = &columnScan{}
		s.dest = []any{&s.oid, &s.c.Name, &s.c.Type, &s.c.NotNull, &s.c.Default, &s.c.Generated, &s.generated, &s.identity,
			&s.c.Collation, &s.seqType, &s.inc, &s.minV, &s.maxV, &s.start, &s.cache, &s.cycle,
			&s.num, &s.typ, &s.coll, &s.kind, &s.category, &s.storage, &s.statistics, &s.compression, &s.local, &s.fdwOptions}
		in.colScan = s
		// Sized for a handful of columns per relation, so that it is not
		// rebuilt over and over as the rows come.
		in.atts = make(map[attKey]attInfo, 8*(len(in.tables)+len(in.views)))
	}
	s.c = engines.Column{}
	if err := rows.Scan(s.dest...); err != nil {
		return err
	}
	oid, c, generated, identity := s.oid, s.c, s.generated, s.identity
	c.Comment = in.comment(classRelation, oid, int32(s.num))
	ai := attInfo{name: c.Name, typ: s.typ, coll: s.coll}
	if s.kind != "" {
		ai.kind = s.kind[0]
	}
	if s.category != "" {
		ai.category = s.category[0]
	}
	in.atts[attKey{oid, s.num}] = ai
	if v := in.views[oid]; v != nil {
		// Views keep only their column comments and defaults; their columns
		// come from the query.
		if c.Comment != "" {
			v.ColumnComments = setOption(v.ColumnComments, c.Name, c.Comment)
		}
		if c.Default != "" {
			v.ColumnDefaults = setOption(v.ColumnDefaults, c.Name, c.Default)
		}
		if s.statistics >= 0 && v.Materialized {
			v.ColumnStatistics = setOption(v.ColumnStatistics, c.Name, strconv.Itoa(int(s.statistics)))
		}
		if st := storageNames[s.storage]; st != "" && v.Materialized {
			v.ColumnStorage = setOption(v.ColumnStorage, c.Name, st)
		}
		return nil
	}
	t := in.tables[oid]
	if t == nil {
		return nil
	}
	if !s.local {
		// An inherited column with a default of the table's own, kept
		// where it differs from the parent's (resolveInheritedDefaults).
		if c.Default != "" {
			if in.inheritedDefaults == nil {
				in.inheritedDefaults = map[*engines.Table]map[string]string{}
			}
			if in.inheritedDefaults[t] == nil {
				in.inheritedDefaults[t] = map[string]string{}
			}
			in.inheritedDefaults[t][c.Name] = c.Default
		}
		// A partition's NOT NULL, kept where its parent's column has none
		// (PARTITION OF p (c NOT NULL); resolvePartitionNotNulls).
		if c.NotNull {
			in.partitionNotNulls = append(in.partitionNotNulls, partitionNotNull{t, c.Name})
		}
		return nil
	}
	c.GeneratedStored = generated == "s"
	switch identity {
	case "a":
		c.Identity = "ALWAYS"
	case "d":
		c.Identity = "BY DEFAULT"
	}
	if c.Identity != "" && s.inc != nil {
		opts := canonicalSequenceOptions(s.seqType, *s.inc, deref(s.minV), deref(s.maxV), deref(s.start), deref(s.cache), s.cycle)
		// An identity sequence always has the column's type.
		opts.Type = ""
		if !isDefaultSequence(opts) {
			c.IdentityOptions = &opts
		}
	}
	if o := columnOptions(s.storage, s.statistics, s.compression); o != nil {
		c.Options = o
	}
	c.ForeignOptions = canonOptions(s.fdwOptions)
	t.Columns = append(t.Columns, &c)
	return nil
}

// storageNames spell pg_attribute.attstorage as SET STORAGE takes it.
var storageNames = map[string]string{"p": "PLAIN", "e": "EXTERNAL", "m": "MAIN", "x": "EXTENDED"}

// columnOptions are a column's storage (when not its type's), statistics
// target (when set) and compression (when set), as the model's options.
func columnOptions(storage string, statistics int32, compression string) map[string]string {
	var o map[string]string
	set := func(k, v string) {
		if o == nil {
			o = map[string]string{}
		}
		o[k] = v
	}
	if v := storageNames[storage]; v != "" {
		set("storage", v)
	}
	if statistics >= 0 {
		set("statistics", strconv.Itoa(int(statistics)))
	}
	switch compression {
	case "p":
		set("compression", "pglz")
	case "l":
		set("compression", "lz4")
	}
	return o
}

func (in *inspector) constraintRow(rows pgx.Rows) error {
	var (
		oid, conOid, refOid        uint32
		name, def                  string
		kind, upd, del, match      string
		keys, refKeys              []int16
		deferrable, deferred, isOK bool
	)
	var conbin string
	var noInherit bool
	var index uint32
	var unattached []string
	if err := rows.Scan(&oid, &name, &def, &conOid, &kind, &keys, &deferrable, &deferred, &isOK,
		&refOid, &refKeys, &upd, &del, &match, &conbin, &noInherit, &index, &unattached); err != nil {
		return err
	}
	t := in.tables[oid]
	if t == nil {
		return nil
	}
	if kind == "c" && def == "" && !in.serverDefsOnly {
		// Printed here from the tree when it can be, exactly as the server
		// would; else the server's text is fetched below.
		def, _ = in.printer(oid).checkDef(conbin, noInherit, isOK)
	}
	comment := in.comment(classConstraint, conOid, 0)
	// A key's index has a comment of its own (COMMENT ON INDEX); a foreign
	// key's conindid is the referenced table's index.
	var indexComment string
	if kind == "p" || kind == "u" || kind == "x" {
		indexComment = in.comment(classRelation, index, 0)
	}
	var pc *parsedConstraint
	switch {
	case def != "":
		// The parse depends on the definition alone: the name is set below.
		pc = in.conDefs[def]
		if pc == nil {
			pc = &parsedConstraint{}
			in.conDefs[def] = pc
			in.pool.do(func() { pc.k, pc.err = parseConstraintDef(t.Schema, t.Name, name, def) })
		}
	case !in.serverDefsOnly && kind != "c":
		if k := in.catalogConstraint(oid, kind, keys, refOid, refKeys, upd, del, match); k != nil {
			k.Deferrable, k.InitiallyDeferred = deferrable, deferred
			k.NotValid = kind == "f" && !isOK
			pc = &parsedConstraint{k: k}
			break
		}
		fallthrough
	default:
		pc = &parsedConstraint{}
		in.serverConDefs = append(in.serverConDefs, pendingConDef{oid: conOid, t: t, name: name, pc: pc, def: &def})
	}
	in.attach = append(in.attach, func() error {
		if pc.err != nil {
			return fmt.Errorf("constraint %s on %s: %q: %w", name, engines.QualifiedName(t.Schema, t.Name), def, pc.err)
		}
		k := pc.k.Clone()
		k.Name = name
		k.Comment = comment
		k.Unattached = unattached
		setIndexComment(k, indexComment)
		t.Constraints = append(t.Constraints, k)
		return nil
	})
	return nil
}

// catalogConstraint builds a primary key, unique constraint or foreign key
// of table rel from its pg_constraint row, as parsing
// pg_get_constraintdef() would. Nil when a key names a column the columns
// query did not read (an inherited one, or a referenced table's that is
// not inspected): the server's text is asked for instead.
func (in *inspector) catalogConstraint(rel uint32, kind string, keys []int16, refRel uint32, refKeys []int16, upd, del, match string) *engines.Constraint {
	names := func(rel uint32, nums []int16) ([]string, bool) {
		out := make([]string, 0, len(nums))
		for _, num := range nums {
			a, ok := in.att(rel, num)
			if !ok {
				return nil, false
			}
			out = append(out, a.name)
		}
		return out, len(out) > 0
	}
	cols, ok := names(rel, keys)
	if !ok {
		return nil
	}
	switch kind {
	case "p":
		return &engines.Constraint{Kind: engines.PrimaryKey, Columns: cols, Include: []string{}}
	case "u":
		return &engines.Constraint{Kind: engines.Unique, Columns: cols, Include: []string{}}
	case "f":
		ref := in.tables[refRel]
		refCols, ok := names(refRel, refKeys)
		if !ok || ref == nil {
			return nil
		}
		onDelete, okDel := fkActions[del]
		onUpdate, okUpd := fkActions[upd]
		if !okDel || !okUpd {
			return nil
		}
		return &engines.Constraint{Kind: engines.ForeignKey, Columns: cols, RefSchema: ref.Schema, RefTable: ref.Name,
			RefColumns: refCols, OnDelete: onDelete, OnUpdate: onUpdate, Match: fkMatch[match]}
	}
	return nil
}

func (in *inspector) operatorRow(rows pgx.Rows) error {
	var (
		oid, left, right                             uint32
		name, schema                                 string
		leftType, rightType, fn, com, neg, rest, joi *string
		hashes, merges                               bool
	)
	if err := rows.Scan(&oid, &name, &left, &right, &schema, &leftType, &rightType, &fn, &com, &neg, &rest, &joi, &hashes, &merges); err != nil {
		return err
	}
	if oid >= 16384 {
		in.userOperatorRow(oid, schema, name, leftType, rightType, fn, com, neg, rest, joi, &hashes, &merges)
		return nil
	}
	if in.operators == nil {
		in.operators = map[uint32]builtinOperator{}
	}
	in.operators[oid] = builtinOperator{name: name, left: left, right: right}
	return nil
}

func (in *inspector) opclassRow(rows pgx.Rows) error {
	var (
		oid, am, typ     uint32
		pseudo, category string
		preferred        bool
	)
	if err := rows.Scan(&oid, &am, &typ, &pseudo, &category, &preferred); err != nil {
		return err
	}
	if oid == 0 {
		// A binary cast: typ converts to the type named (by oid) in pseudo.
		target, err := strconv.ParseUint(pseudo, 10, 32)
		if err != nil {
			return fmt.Errorf("cast target %q: %w", pseudo, err)
		}
		in.opc.addCast(typ, uint32(target))
		return nil
	}
	c := defaultClass{oid: oid, am: am, in: typ, pseudo: pseudo, preferred: preferred}
	if category != "" {
		c.category = category[0]
	}
	in.opc.classes = append(in.opc.classes, c)
	return nil
}

func (in *inspector) indexRow(rows pgx.Rows) error {
	var (
		oid, indexOid, am uint32
		name, def         string
		invalid, unique   bool
		method            string
		nkeys             int16
		keys, options     []int16
		classes, colls    []uint32
	)
	var pred string
	var statCols, statTargets []int32
	var unattached, partTables, partNames []string
	if err := rows.Scan(&oid, &name, &def, &invalid, &indexOid, &unique, &am, &method, &nkeys,
		&keys, &classes, &colls, &options, &pred, &statCols, &statTargets, &unattached, &partTables, &partNames); err != nil {
		return err
	}
	if in.tables[oid] == nil && in.views[oid] == nil {
		return nil // an extension's
	}
	comment := in.comment(classRelation, indexOid, 0)
	var pi *parsedIndex
	if def == "" {
		if in.serverDefsOnly {
			pi = &parsedIndex{}
			in.serverDefs = append(in.serverDefs, pendingDef{oid: indexOid, pi: pi})
		} else if idx := in.catalogIndex(oid, unique, am, method, int(nkeys), keys, classes, colls, options); idx != nil && pred == "" {
			pi = &parsedIndex{idx: idx}
		} else if where, ok := in.printPredicate(oid, pred); idx != nil && ok {
			// Kept with the index definitions, under a key no definition
			// has.
			key := "WHERE " + where
			pp := in.idxDefs[key]
			if pp == nil {
				pp = &parsedIndex{def: where}
				in.idxDefs[key] = pp
				in.pool.do(func() {
					w, err := parsePredicate(where)
					pp.idx, pp.err = &engines.Index{Where: w}, err
				})
			}
			pi = &parsedIndex{idx: idx, def: where, pred: pp}
		} else {
			pi = &parsedIndex{}
			in.serverDefs = append(in.serverDefs, pendingDef{oid: indexOid, pi: pi})
		}
	} else {
		key := indexDefKey(def)
		pi = in.idxDefs[key]
		if pi == nil {
			pi = &parsedIndex{def: def}
			in.idxDefs[key] = pi
			in.pool.do(func() { _, _, pi.idx, pi.err = parseIndexDef(def) })
		}
	}
	in.attach = append(in.attach, func() error {
		if pi.err != nil {
			return fmt.Errorf("index %s of %s: %q: %w", name, in.tableName[oid], pi.def, pi.err)
		}
		idx := pi.idx.Clone()
		if pp := pi.pred; pp != nil {
			if pp.err != nil {
				return fmt.Errorf("index %s of %s: predicate %q: %w", name, in.tableName[oid], pi.def, pp.err)
			}
			idx.Where = pp.idx.Where
		}
		idx.Name = name
		if idx.Method == "" {
			idx.Method = "btree"
		}
		idx.Comment = comment
		idx.Invalid = invalid
		idx.Unattached = unattached
		if len(partTables) > 0 && len(partTables) == len(partNames) {
			idx.PartNames = make(map[string]string, len(partTables))
			for i, t := range partTables {
				idx.PartNames[t] = partNames[i]
			}
		}
		for i, col := range statCols {
			if int(col) >= 1 && int(col) <= len(idx.Parts) && i < len(statTargets) {
				v := int64(statTargets[i])
				idx.Parts[col-1].Statistics = &v
			}
		}
		if t := in.tables[oid]; t != nil {
			t.Indexes = append(t.Indexes, idx)
		} else if v := in.views[oid]; v != nil {
			v.Indexes = append(v.Indexes, idx)
		}
		return nil
	})
	return nil
}

// printPredicate prints a partial index's predicate from its tree as
// pg_get_indexdef() would, or ok false (see checkPrinter).
func (in *inspector) printPredicate(rel uint32, pred string) (string, bool) {
	if pred == "" {
		return "", false
	}
	v, ok := parseNodeTree(pred)
	if !ok {
		return "", false
	}
	s, t, ok := in.printer(rel).expr(v, false)
	return s, ok && t == 16
}

// printer prints the expressions of table rel from their trees.
func (in *inspector) printer(rel uint32) *checkPrinter {
	return &checkPrinter{ops: in.operators, column: func(num int16) (attInfo, bool) { return in.att(rel, num) }}
}

// catalogIndex builds the model of a plain index (column keys, no
// predicate, no storage parameters) of table rel from its pg_index row, as
// parsing pg_get_indexdef() would: a key shows its operator class only when
// it is not the default one for the column's type, and its collation only
// when it is not the column's. Nil when a key is not like that, or names a
// column the columns query did not read (an inherited one): the server's
// text is asked for instead.
func (in *inspector) catalogIndex(rel uint32, unique bool, am uint32, method string, nkeys int, keys []int16, classes, colls []uint32, options []int16) *engines.Index {
	if nkeys > len(keys) || len(classes) < nkeys || len(colls) < nkeys || len(options) < nkeys {
		return nil
	}
	idx := &engines.Index{Unique: unique, Method: method, Parts: make([]*engines.IndexPart, 0, nkeys)}
	for i, num := range keys {
		a, ok := in.att(rel, num)
		if !ok {
			return nil
		}
		if i >= nkeys {
			idx.Include = append(idx.Include, a.name)
			continue
		}
		if classes[i] != in.opc.defaultFor(am, a) || colls[i] != a.coll {
			return nil
		}
		part := &engines.IndexPart{Column: a.name}
		// indoption: bit 0 DESC, bit 1 NULLS FIRST; the model keeps the
		// nulls order only when it is not the direction's default.
		switch options[i] {
		case 0:
		case 1:
			part.Desc, part.NullsFirst = true, new(bool)
		case 2:
			part.NullsFirst = new(bool)
			*part.NullsFirst = true
		case 3:
			part.Desc = true
		default:
			return nil
		}
		idx.Parts = append(idx.Parts, part)
	}
	return idx
}

// att is column num of relation rel as the columns query read it; not
// found for an expression key (0), a system column, or a column the query
// leaves out (an inherited one).
func (in *inspector) att(rel uint32, num int16) (attInfo, bool) {
	if num <= 0 {
		return attInfo{}, false
	}
	a, ok := in.atts[attKey{rel, num}]
	return a, ok
}

// fetchServerDefs asks the server for the definitions of the indexes and
// constraints the catalog rows could not give, in the inspection's
// transaction, and parses them like the others.
func (in *inspector) fetchServerDefs(ctx context.Context, tx *pgx.Conn) error {
	if len(in.serverDefs) == 0 && len(in.serverConDefs) == 0 {
		return nil
	}
	idx := make([]uint32, len(in.serverDefs))
	for i, p := range in.serverDefs {
		idx[i] = p.oid
	}
	con := make([]uint32, len(in.serverConDefs))
	for i, p := range in.serverConDefs {
		con[i] = p.oid
	}
	rows, err := tx.Query(ctx, `SELECT 'i', i.oid, pg_get_indexdef(i.oid) FROM unnest($1::oid[]) AS i(oid)
UNION ALL
SELECT 'c', k.oid, pg_get_constraintdef(k.oid) FROM unnest($2::oid[]) AS k(oid)`, idx, con)
	if err != nil {
		return fmt.Errorf("query definitions: %w", err)
	}
	idxDefs := make(map[uint32]string, len(idx))
	conDefs := make(map[uint32]string, len(con))
	for rows.Next() {
		var (
			kind, def string
			oid       uint32
		)
		if err := rows.Scan(&kind, &oid, &def); err != nil {
			rows.Close()
			return fmt.Errorf("read definitions: %w", err)
		}
		if kind == "i" {
			idxDefs[oid] = def
		} else {
			conDefs[oid] = def
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("query definitions: %w", err)
	}
	for _, p := range in.serverDefs {
		pi, def := p.pi, idxDefs[p.oid]
		pi.def = def
		in.pool.do(func() { _, _, pi.idx, pi.err = parseIndexDef(def) })
	}
	for _, p := range in.serverConDefs {
		pc, def, t, name := p.pc, conDefs[p.oid], p.t, p.name
		*p.def = def
		in.pool.do(func() { pc.k, pc.err = parseConstraintDef(t.Schema, t.Name, name, def) })
	}
	return nil
}

func (in *inspector) sequenceRow(rows pgx.Rows) error {
	var (
		schema, name, typ             string
		inc, minV, maxV, start, cache int64
		cycle                         bool
		oid                           uint32
		ownSchema, ownTable, ownCol   string
		owner                         string
	)
	if err := rows.Scan(&schema, &name, &typ, &inc, &minV, &maxV, &start, &cache, &cycle, &oid,
		&ownSchema, &ownTable, &ownCol, &owner); err != nil {
		return err
	}
	if in.ownedByExtension(classRelation, oid) {
		return nil
	}
	comment := in.comment(classRelation, oid, 0)
	seq := &engines.Sequence{
		Schema:          schema,
		Name:            name,
		SequenceOptions: canonicalSequenceOptions(typ, inc, minV, maxV, start, cache, cycle),
		Comment:         comment,
		Owner:           owner,
	}
	if ownCol != "" {
		if ownSchema == schema {
			seq.OwnedBy = ownTable + "." + ownCol
		} else {
			seq.OwnedBy = ownSchema + "." + ownTable + "." + ownCol
		}
	}
	s := in.db.EnsureSchema(schema)
	s.Sequences = append(s.Sequences, seq)
	if in.seqs == nil {
		in.seqs = map[uint32]*engines.Sequence{}
	}
	in.seqs[oid] = seq
	return nil
}

func (in *inspector) typeRow(rows pgx.Rows) error {
	var (
		schema, name, kind              string
		oid                             uint32
		labels                          []string
		base, def, collSchema, collName string
		notNull                         bool
		checkNames, checkDefs           []string
		attNames, attTypes              []string
		attCollSchemas, attCollNames    []string
		rangeOptions                    string
	)
	if err := rows.Scan(&schema, &name, &kind, &oid, &labels, &base, &notNull, &def, &collSchema, &collName,
		&checkNames, &checkDefs, &attNames, &attTypes, &attCollSchemas, &attCollNames, &rangeOptions); err != nil {
		return err
	}
	if in.ownedByExtension(classType, oid) {
		return nil
	}
	t := &engines.Type{Schema: schema, Name: name, Comment: in.comment(classType, oid, 0)}
	s := in.db.EnsureSchema(schema)
	s.Types = append(s.Types, t)
	if in.typesByOID == nil {
		in.typesByOID = map[uint32]*engines.Type{}
	}
	in.typesByOID[oid] = t
	var text string
	switch kind {
	case "e":
		t.Kind = engines.EnumType
		t.Labels = labels
		if t.Labels == nil {
			t.Labels = []string{}
		}
		return nil
	case "d":
		t.Kind = engines.DomainType
		text = domainDefinition(schema, name, base, collSchema, collName, def, notNull, checkNames, checkDefs)
		// The rebuilt statement goes through the parser's domain builder,
		// so both sides break a domain down the same way.
		var err error
		in.pool.do(func() {
			var n *pg_query.Node
			if n, err = parseOne(text); err != nil {
				return
			}
			var d *engines.Type
			if d, err = buildDomain(schema, name, n.GetCreateDomainStmt()); err != nil {
				return
			}
			t.BaseType, t.Collation, t.Default, t.NotNull, t.Checks = d.BaseType, d.Collation, d.Default, d.NotNull, d.Checks
			t.Definition = createDomainSQL(t, nil)
		})
		in.attach = append(in.attach, func() error {
			if err != nil {
				return fmt.Errorf("domain %s: %q: %w", engines.QualifiedName(schema, name), text, err)
			}
			return nil
		})
		return nil
	case "r":
		t.Kind = engines.RangeType
		text = "CREATE TYPE " + qualify(schema, name) + " AS RANGE (" + rangeOptions + ")"
		var err error
		in.pool.do(func() {
			var n *pg_query.Node
			if n, err = parseOne(text); err != nil {
				return
			}
			var r *engines.Type
			if r, err = buildRange(schema, name, n.GetCreateRangeStmt()); err == nil {
				t.Definition = r.Definition
			}
		})
		in.attach = append(in.attach, func() error {
			if err != nil {
				return fmt.Errorf("range type %s: %q: %w", engines.QualifiedName(schema, name), text, err)
			}
			return nil
		})
		return nil
	case "c":
		t.Kind = engines.CompositeType
		text = compositeDefinition(schema, name, attNames, attTypes, attCollSchemas, attCollNames)
	default:
		return fmt.Errorf("type %s.%s: unexpected typtype %q", schema, name, kind)
	}
	// Print the rebuilt statement the way parse prints a CREATE DOMAIN or
	// CREATE TYPE of a file: through pg_query's deparser.
	var err error
	in.pool.do(func() {
		var n *pg_query.Node
		if n, err = parseOne(text); err == nil {
			t.Definition, err = deparseStmt(n)
		}
	})
	in.attach = append(in.attach, func() error {
		if err != nil {
			return fmt.Errorf("type %s: %q: %w", engines.QualifiedName(schema, name), text, err)
		}
		return nil
	})
	return nil
}

func (in *inspector) functionRow(rows pgx.Rows) error {
	var (
		schema, name, kind, args, def string
		oid                           uint32
	)
	if err := rows.Scan(&schema, &name, &kind, &args, &def, &oid); err != nil {
		return err
	}
	if in.ownedByExtension(classProc, oid) {
		return nil
	}
	comment := in.comment(classProc, oid, 0)
	var (
		f   *engines.Function
		err error
	)
	in.pool.do(func() {
		if kind == "a" {
			f, err = parseAggregateDef(def)
		} else {
			f, err = parseFunctionDef(def)
		}
	})
	in.attach = append(in.attach, func() error {
		if err != nil {
			return fmt.Errorf("function %s.%s(%s): %w", schema, name, args, err)
		}
		if f.Schema == "" {
			f.Schema = schema
		}
		if f.Name == "" {
			f.Name = name
		}
		if f.Args == "" {
			f.Args = args
		}
		f.Procedure = kind == "p"
		f.Comment = comment
		if kind != "a" {
			f.Grants = in.routineGrants[oid]
			sortGrants(f.Grants)
		}
		s := in.db.EnsureSchema(schema)
		s.Functions = append(s.Functions, f)
		return nil
	})
	return nil
}

func (in *inspector) triggerRow(rows pgx.Rows) error {
	var (
		oid, trigOid       uint32
		name, def, enabled string
	)
	if err := rows.Scan(&oid, &name, &def, &trigOid, &enabled); err != nil {
		return err
	}
	comment := in.comment(classTrigger, trigOid, 0)
	t, v := in.tables[oid], in.views[oid]
	if t == nil && v == nil {
		return nil
	}
	on := in.tableName[oid]
	var (
		tr  *engines.Trigger
		err error
	)
	in.pool.do(func() { tr, err = parseTriggerDef(def) })
	in.attach = append(in.attach, func() error {
		if err != nil {
			return fmt.Errorf("trigger %s on %s: %q: %w", name, on, def, err)
		}
		if tr.Name == "" {
			tr.Name = name
		}
		tr.Comment = comment
		setTriggerEnabled(tr, enabled)
		if t != nil {
			t.Triggers = append(t.Triggers, tr)
		} else {
			v.Triggers = append(v.Triggers, tr)
		}
		return nil
	})
	return nil
}

func (in *inspector) viewDependRow(rows pgx.Rows) error {
	var (
		oid          uint32
		schema, name string
	)
	if err := rows.Scan(&oid, &schema, &name); err != nil {
		return err
	}
	if v := in.views[oid]; v != nil {
		v.Depends = append(v.Depends, engines.QualifiedName(schema, name))
	}
	return nil
}

// trimViewQuery drops the layout and final semicolon pg_get_viewdef() adds.
func trimViewQuery(q string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(q), ";"))
}

// optionMap turns reloptions ("fillfactor=70") into a map, nil when empty.
func optionMap(options []string) map[string]string {
	if len(options) == 0 {
		return nil
	}
	m := make(map[string]string, len(options))
	for _, o := range options {
		k, v, _ := strings.Cut(o, "=")
		m[k] = v
	}
	return m
}

// ownerColumn is SQL for the owner of a relation (owner, a role's oid),
// empty when it is the role inspecting: what that role creates it owns,
// and a dump names only the owners a plan would have to set.
func ownerColumn(owner string) string {
	return `CASE WHEN ` + owner + ` = (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user) THEN ''
    ELSE pg_get_userbyid(` + owner + `)::text END`
}

// optionKeys lists the keys of reloptions in the server's order.
func optionKeys(options []string) []string {
	var keys []string
	for _, o := range options {
		k, _, _ := strings.Cut(o, "=")
		keys = append(keys, k)
	}
	return keys
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// isDefaultSequence reports whether options hold nothing but defaults.
func isDefaultSequence(o engines.SequenceOptions) bool { return o == engines.SequenceOptions{} }

// domainDefinition rebuilds CREATE DOMAIN from the catalog, in the order
// the grammar prints its clauses, every check with its name.
func domainDefinition(schema, name, base, collSchema, collName, def string, notNull bool, checkNames, checkDefs []string) string {
	var b strings.Builder
	b.WriteString("CREATE DOMAIN " + qualify(schema, name) + " AS " + base)
	if collName != "" {
		b.WriteString(" COLLATE " + qualify(collSchema, collName))
	}
	if def != "" {
		b.WriteString(" DEFAULT " + def)
	}
	if notNull {
		b.WriteString(" NOT NULL")
	}
	for i, n := range checkNames {
		b.WriteString(" CONSTRAINT " + quoteIdent(n) + " " + strings.TrimSuffix(checkDefs[i], " NOT VALID"))
	}
	return b.String()
}

// compositeDefinition rebuilds CREATE TYPE ... AS (...) from the catalog.
func compositeDefinition(schema, name string, attNames, attTypes, collSchemas, collNames []string) string {
	parts := make([]string, len(attNames))
	for i, a := range attNames {
		parts[i] = quoteIdent(a) + " " + attTypes[i]
		if collNames[i] != "" {
			parts[i] += " COLLATE " + qualify(collSchemas[i], collNames[i])
		}
	}
	return "CREATE TYPE " + qualify(schema, name) + " AS (" + strings.Join(parts, ", ") + ")"
}
