#pragma once
// Catalog queries of the PostgreSQL inspector. Each one is set-based: it reads one object kind for
// every schema in scope at once, with the schema names bound as a single text[] parameter ($1), so
// inspecting a realm costs a fixed number of round trips whatever its size. Objects that belong to
// extensions are skipped everywhere. The per-row cost matters on large schemas (bench/): comments
// come from joins on pg_description rather than per-row obj_description()/col_description() calls,
// per-column lookups are hash-joinable subqueries rather than LATERAL ones, and deparsing functions
// run only where their result is used. Constants only; thread-safe.

#include <string_view>

namespace atlas::engine::drivers::postgres::queries {

// server_version_num, the session search_path and current_schema().
inline constexpr std::string_view kParams = R"sql(
SELECT pg_catalog.current_setting('server_version_num'), pg_catalog.current_setting('search_path'),
  pg_catalog.current_schema()
)sql";

// Schemas and their comments; $1 = names to keep, NULL for all user schemas.
inline constexpr std::string_view kSchemas = R"sql(
SELECT n.nspname, pg_catalog.obj_description(n.oid, 'pg_namespace')
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.objid = n.oid AND d.deptype = 'e')
  AND ($1::text[] IS NULL OR n.nspname = ANY($1::text[]))
ORDER BY n.nspname
)sql";

// Tables, views and materialized views (partitions excluded).
// Columns: schema, name, relkind, comment, view definition, view check_option.
inline constexpr std::string_view kRelations = R"sql(
SELECT n.nspname, c.relname, c.relkind, ds.description,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END,
  CASE WHEN c.relkind IN ('v', 'm') AND c.reloptions IS NOT NULL THEN
    (SELECT o.option_value FROM pg_catalog.pg_options_to_table(c.reloptions) o
      WHERE o.option_name = 'check_option') END
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid
  AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = 0
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY n.nspname, c.relname
)sql";

// Columns of tables, views and materialized views. DEFAULT expressions hold no column references,
// so they are deparsed without the relation (cheaper); generation expressions need it.
// Columns: 0 schema, 1 relation, 2 column, 3 format_type, 4 not null, 5 default/generation expr,
// 6 attidentity, 7 attgenerated, 8 collation (when not the type's), 9 typtype, 10 typname,
// 11 type schema, 12 element typtype (arrays), 13 element typname, 14 element schema, 15 comment,
// 16 identity start, 17 identity increment, 18 the default a serial column has (nextval of the
// sequence the column owns; NULL when it owns none: the client compares it with column 5),
// 19 owned sequence name, 20 column number. Rows come unordered (the client orders columns by
// number; sorting these wide rows in the server is the costliest step of the query).
inline constexpr std::string_view kColumns = R"sql(
SELECT n.nspname, c.relname, a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod),
  a.attnotnull,
  CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0)
    ELSE pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END,
  a.attidentity, a.attgenerated, co.collname,
  t.typtype, t.typname, tn.nspname, et.typtype, et.typname, etn.nspname,
  ds.description,
  ids.seqstart, ids.seqincrement,
  CASE WHEN os.oid IS NOT NULL THEN
    pg_catalog.format('nextval(%L::regclass)', os.oid::pg_catalog.regclass::text) END,
  os.relname, a.attnum
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
LEFT JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid
  AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = a.attnum
LEFT JOIN (
  SELECT DISTINCT ON (d.refobjid, d.refobjsubid) d.refobjid, d.refobjsubid, s.seqstart,
    s.seqincrement
  FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_sequence s ON s.seqrelid = d.objid
  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'i'
  ORDER BY d.refobjid, d.refobjsubid, d.objid) ids
  ON ids.refobjid = c.oid AND ids.refobjsubid = a.attnum AND a.attidentity <> ''
LEFT JOIN (
  SELECT DISTINCT ON (d.refobjid, d.refobjsubid) d.refobjid, d.refobjsubid, sc.oid, sc.relname
  FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a'
  ORDER BY d.refobjid, d.refobjsubid, d.objid) os
  ON os.refobjid = c.oid AND os.refobjsubid = a.attnum
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
  AND a.attnum > 0 AND NOT a.attisdropped
)sql";

// One row per index key/INCLUDE column of indexes on tables and materialized views, exclusion
// constraints included.
// Columns: 0 schema, 1 table, 2 index, 3 access method, 4 primary, 5 unique, 6 nulls not distinct,
// 7 number of key columns, 8 predicate, 9 comment, 10 constraint name, 11 constraint type (p/u/x),
// 12 ordinal, 13 column name (NULL for expressions), 14 expression (NULL for columns), 15 desc,
// 16 nulls first (15 and 16 NULL for INCLUDE columns),
// 17 opclass name, 18 opclass schema, 19 opclass is default, 20 part collation when it is not the
// column's, 21 exclusion operator name, 22 its schema, 23 constraint deferrable, 24 initially
// deferred, 25 constraint comment.
inline constexpr std::string_view kIndexes = R"sql(
SELECT n.nspname, t.relname, i.relname, am.amname, x.indisprimary, x.indisunique,
  x.indnullsnotdistinct, x.indnkeyatts,
  pg_catalog.pg_get_expr(x.indpred, x.indrelid), ds.description,
  con.conname, con.contype, k.ord, att.attname,
  CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(x.indexrelid, k.ord::int, false) END,
  CASE WHEN k.ord <= x.indnkeyatts THEN am.can_order AND (x.indoption[k.ord - 1] & 1) <> 0 END,
  CASE WHEN k.ord <= x.indnkeyatts THEN am.can_order AND (x.indoption[k.ord - 1] & 2) <> 0 END,
  op.opcname, opn.nspname, op.opcdefault,
  CASE WHEN att.attname IS NOT NULL AND x.indcollation[k.ord - 1] <> 0
    AND x.indcollation[k.ord - 1] <> att.attcollation THEN ic.collname END,
  xo.oprname, xon.nspname, con.condeferrable, con.condeferred,
  cds.description
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN (SELECT m.oid, m.amname, pg_catalog.pg_indexam_has_property(m.oid, 'can_order') AS can_order
  FROM pg_catalog.pg_am m OFFSET 0) am ON am.oid = i.relam
CROSS JOIN LATERAL pg_catalog.unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
LEFT JOIN pg_catalog.pg_attribute att ON att.attrelid = x.indrelid AND att.attnum = k.attnum AND k.attnum <> 0
LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = x.indexrelid AND con.conrelid = x.indrelid
  AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_catalog.pg_opclass op ON k.ord <= x.indnkeyatts AND op.oid = x.indclass[k.ord - 1]
LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = op.opcnamespace
LEFT JOIN pg_catalog.pg_collation ic ON ic.oid = x.indcollation[k.ord - 1]
LEFT JOIN pg_catalog.pg_operator xo ON con.contype = 'x' AND xo.oid = con.conexclop[k.ord]
LEFT JOIN pg_catalog.pg_namespace xon ON xon.oid = xo.oprnamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = i.oid
  AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = 0
LEFT JOIN pg_catalog.pg_description cds ON cds.objoid = con.oid
  AND cds.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND cds.objsubid = 0
WHERE n.nspname = ANY($1::text[]) AND t.relkind IN ('r', 'p', 'm') AND NOT t.relispartition
ORDER BY n.nspname, t.relname, i.relname, k.ord
)sql";

// Foreign keys. Columns: schema, table, name, columns (JSON), referenced schema, referenced table,
// referenced columns (JSON), ON UPDATE, ON DELETE (a/r/c/n/d), deferrable, initially deferred.
inline constexpr std::string_view kForeignKeys = R"sql(
SELECT n.nspname, t.relname, con.conname,
  pg_catalog.array_to_json(ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = con.conrelid AND a.attnum = k.num)
    FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY k(num, ord) ORDER BY k.ord))::text,
  rn.nspname, rt.relname,
  pg_catalog.array_to_json(ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = con.confrelid AND a.attnum = k.num)
    FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY k(num, ord) ORDER BY k.ord))::text,
  con.confupdtype, con.confdeltype, con.condeferrable, con.condeferred
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_class rt ON rt.oid = con.confrelid
JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.relnamespace
WHERE con.contype = 'f' AND n.nspname = ANY($1::text[]) AND NOT t.relispartition
  AND con.conparentid = 0
ORDER BY n.nspname, t.relname, con.conname
)sql";

// CHECK constraints of tables. Columns: schema, table, name, expression, no inherit.
inline constexpr std::string_view kChecks = R"sql(
SELECT n.nspname, t.relname, con.conname, pg_catalog.pg_get_expr(con.conbin, con.conrelid),
  con.connoinherit
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE con.contype = 'c' AND n.nspname = ANY($1::text[]) AND t.relkind IN ('r', 'p')
  AND NOT t.relispartition
ORDER BY n.nspname, t.relname, con.conname
)sql";

// Enum types. Columns: schema, name, labels (JSON, in sort order), comment.
inline constexpr std::string_view kEnums = R"sql(
SELECT n.nspname, t.typname,
  pg_catalog.array_to_json(ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e
    WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder))::text,
  pg_catalog.obj_description(t.oid, 'pg_type')
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY n.nspname, t.typname
)sql";

// Sequences (not those behind identity columns). Columns: 0 schema, 1 name, 2 type, 3 start,
// 4 increment, 5 min, 6 max, 7 cache, 8 cycle, 9 comment, 10 owner dependency type ('a' owned by a
// column), 11 owner table, 12 owner column.
inline constexpr std::string_view kSequences = R"sql(
SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
  s.seqmin, s.seqmax, s.seqcache, s.seqcycle, ds.description,
  d.deptype, oc.relname, oa.attname
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid
  AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = 0
LEFT JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE n.nspname = ANY($1::text[]) AND d.deptype IS DISTINCT FROM 'i'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
    WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY n.nspname, c.relname
)sql";

// Installed extensions (plpgsql, present in every database, is left out).
// Columns: name, schema, version.
inline constexpr std::string_view kExtensions = R"sql(
SELECT e.extname, n.nspname, e.extversion
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY e.extname
)sql";

// Tables and views each view reads. Columns: view schema, view, referenced schema, referenced name.
inline constexpr std::string_view kViewDependencies = R"sql(
SELECT DISTINCT vn.nspname, v.relname, rn.nspname, r.relname
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
JOIN pg_catalog.pg_class v ON v.oid = rw.ev_class
JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
JOIN pg_catalog.pg_class r ON r.oid = d.refobjid
JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
  AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND r.oid <> v.oid AND r.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND vn.nspname = ANY($1::text[])
ORDER BY 1, 2, 3, 4
)sql";

// Objects inspected only so that they are preserved (never planned for creation or removal).
// Columns: schema, kind, name.
inline constexpr std::string_view kUnmanaged = R"sql(
SELECT n.nspname,
  CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function'
    ELSE 'function' END,
  p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT n.nspname, 'trigger', c.relname || '.' || tg.tgname
FROM pg_catalog.pg_trigger tg
JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT tg.tgisinternal AND n.nspname = ANY($1::text[])
UNION ALL
SELECT n.nspname,
  CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range' ELSE 'composite' END, t.typname
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class tc ON tc.oid = t.typrelid
WHERE n.nspname = ANY($1::text[])
  AND (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND tc.relkind = 'c'))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objid = t.oid AND d.deptype = 'e')
UNION ALL
SELECT n.nspname, 'policy', c.relname || '.' || pol.polname
FROM pg_catalog.pg_policy pol
JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[])
UNION ALL
SELECT n.nspname, 'row level security', c.relname
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relrowsecurity AND n.nspname = ANY($1::text[])
UNION ALL
SELECT n.nspname, CASE c.relkind WHEN 'f' THEN 'foreign table' ELSE 'partition' END, c.relname
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE (c.relkind = 'f' OR (c.relispartition AND c.relkind IN ('r', 'p')))
  AND n.nspname = ANY($1::text[])
UNION ALL
SELECT n.nspname, 'rule', c.relname || '.' || r.rulename
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND n.nspname = ANY($1::text[])
ORDER BY 1, 2, 3
)sql";

// Session helpers.
inline constexpr std::string_view kSetSearchPath =
    "SELECT pg_catalog.set_config('search_path', $1, false)";

}  // namespace atlas::engine::drivers::postgres::queries
