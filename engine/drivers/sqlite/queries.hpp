#pragma once
// Catalog queries of the SQLite inspector: a fixed set of set-based queries for the whole database,
// each joining sqlite_schema with a table-valued pragma function, whatever the number of tables.
// Constants only; thread-safe.

#include <string_view>

namespace atlas::engine::drivers::sqlite::queries {

// Every query keeps user objects only: SQLite reserves the "sqlite_" prefix for its own
// tables/indexes. name, sql, without_rowid, strict
inline constexpr std::string_view kTables =
    "SELECT m.name, m.sql, t.wr, t.strict FROM main.sqlite_schema AS m "
    "JOIN pragma_table_list AS t ON t.schema = 'main' AND t.name = m.name "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name";

// table, cid, name, type, notnull, dflt_value, pk, hidden
inline constexpr std::string_view kColumns =
    "SELECT m.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden "
    "FROM main.sqlite_schema AS m JOIN pragma_table_xinfo(m.name, 'main') AS c "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, c.cid";

// view, sql
inline constexpr std::string_view kViews =
    "SELECT m.name, m.sql FROM main.sqlite_schema AS m WHERE m.type = 'view' AND m.name NOT LIKE "
    "'sqlite\\_%' ESCAPE '\\' ORDER BY m.name";

// view, cid, name, type, notnull, dflt_value, pk, hidden (fails as a whole if a view is broken)
inline constexpr std::string_view kViewColumns =
    "SELECT m.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden "
    "FROM main.sqlite_schema AS m JOIN pragma_table_xinfo(m.name, 'main') AS c "
    "WHERE m.type = 'view' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, c.cid";

// Fallback for one view when kViewColumns fails: ?1 = view name.
inline constexpr std::string_view kOneViewColumns =
    "SELECT ?1, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden "
    "FROM pragma_table_xinfo(?1, 'main') AS c ORDER BY c.cid";

// table, index, unique, origin, partial, sql
inline constexpr std::string_view kIndexes =
    "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, s.sql "
    "FROM main.sqlite_schema AS m JOIN pragma_index_list(m.name, 'main') AS il "
    "LEFT JOIN main.sqlite_schema AS s ON s.type = 'index' AND s.name = il.name "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, il.name";

// table, index, seqno, cid, column name, desc, collation (key columns only)
inline constexpr std::string_view kIndexColumns =
    "SELECT m.name, il.name, ic.seqno, ic.cid, ic.name, ic.\"desc\", ic.coll "
    "FROM main.sqlite_schema AS m JOIN pragma_index_list(m.name, 'main') AS il "
    "JOIN pragma_index_xinfo(il.name, 'main') AS ic "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND ic.key = 1 "
    "ORDER BY m.name, il.name, ic.seqno";

// table, id, seq, parent table, from, to, on_update, on_delete
inline constexpr std::string_view kForeignKeys =
    "SELECT m.name, fk.id, fk.seq, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, "
    "fk.on_delete "
    "FROM main.sqlite_schema AS m JOIN pragma_foreign_key_list(m.name, 'main') AS fk "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, fk.id, "
    "fk.seq";

// trigger, table, sql
inline constexpr std::string_view kTriggers =
    "SELECT m.name, m.tbl_name, m.sql FROM main.sqlite_schema AS m WHERE m.type = 'trigger' AND "
    "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name";

// Any user object (dev database cleanliness): type, name
inline constexpr std::string_view kAnyObject =
    "SELECT m.type, m.name FROM main.sqlite_schema AS m WHERE m.type IN ('table', 'view', "
    "'trigger', 'index') "
    "AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY CASE m.type WHEN 'table' THEN 0 WHEN "
    "'view' THEN 1 "
    "WHEN 'trigger' THEN 2 ELSE 3 END, m.name LIMIT 1";

// All user objects to drop on reset: type, name
inline constexpr std::string_view kAllObjects =
    "SELECT m.type, m.name FROM main.sqlite_schema AS m WHERE m.type IN ('table', 'view', "
    "'trigger') AND "
    "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name";

}  // namespace atlas::engine::drivers::sqlite::queries
