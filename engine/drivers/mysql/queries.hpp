#pragma once
// The fixed set of information_schema queries the MySQL/MariaDB inspector runs: one per object
// kind, each covering every inspected schema at once (`?` = the schema name list), so the number
// of round trips does not depend on the number of tables. Rows are ordered so that children come
// in their natural order (columns by ordinal position, index parts by sequence).
// constexpr text; thread-safe.

#include <string_view>

namespace atlas::engine::drivers::mysql::queries {

// Schemas of a realm-bound connection: every database but the system ones.
inline constexpr std::string_view kAllSchemas = R"sql(
SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME
FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME NOT IN ('information_schema', 'mysql', 'performance_schema', 'sys')
ORDER BY SCHEMA_NAME
)sql";

inline constexpr std::string_view kSchemas = R"sql(
SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME
FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME IN ?
ORDER BY SCHEMA_NAME
)sql";

// TABLE_TYPE: BASE TABLE, SYSTEM VERSIONED (MariaDB), SEQUENCE (MariaDB); views come from kViews.
inline constexpr std::string_view kTables = R"sql(
SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_COLLATION, ENGINE, AUTO_INCREMENT, TABLE_COMMENT
FROM information_schema.TABLES
WHERE TABLE_SCHEMA IN ? AND TABLE_TYPE <> 'VIEW' AND TABLE_TYPE <> 'SYSTEM VIEW'
ORDER BY TABLE_SCHEMA, TABLE_NAME
)sql";

inline constexpr std::string_view kColumns = R"sql(
SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,
  CHARACTER_SET_NAME, COLLATION_NAME, COLUMN_COMMENT, GENERATION_EXPRESSION
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA IN ?
ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION
)sql";

// MariaDB has no functional key parts (EXPRESSION); MySQL 8.0.13+ does.
inline constexpr std::string_view kIndexesMariaDb = R"sql(
SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION,
  INDEX_TYPE, INDEX_COMMENT, NULL AS EXPRESSION
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA IN ?
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
)sql";

inline constexpr std::string_view kIndexesMysql = R"sql(
SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION,
  INDEX_TYPE, INDEX_COMMENT, EXPRESSION
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA IN ?
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
)sql";

inline constexpr std::string_view kForeignKeys = R"sql(
SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA,
  k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
  AND r.TABLE_NAME = k.TABLE_NAME
WHERE k.TABLE_SCHEMA IN ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION
)sql";

// MariaDB 10.2+: CHECK_CONSTRAINTS carries TABLE_NAME and (10.5.10+) LEVEL = Column|Table.
inline constexpr std::string_view kChecksMariaDb = R"sql(
SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA IN ?
ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME
)sql";

// MySQL 8.0.16+: the table comes from TABLE_CONSTRAINTS.
inline constexpr std::string_view kChecksMysql = R"sql(
SELECT c.CONSTRAINT_SCHEMA, t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE, 'Table' AS LEVEL
FROM information_schema.CHECK_CONSTRAINTS c
JOIN information_schema.TABLE_CONSTRAINTS t
  ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME
  AND t.CONSTRAINT_TYPE = 'CHECK'
WHERE c.CONSTRAINT_SCHEMA IN ?
ORDER BY c.CONSTRAINT_SCHEMA, t.TABLE_NAME, c.CONSTRAINT_NAME
)sql";

inline constexpr std::string_view kViews = R"sql(
SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA IN ?
ORDER BY TABLE_SCHEMA, TABLE_NAME
)sql";

inline constexpr std::string_view kTriggers = R"sql(
SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION,
  ACTION_STATEMENT
FROM information_schema.TRIGGERS
WHERE TRIGGER_SCHEMA IN ?
ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME
)sql";

// Dev database: one table or view of the bound schema (clean check).
inline constexpr std::string_view kAnyTable = R"sql(
SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME LIMIT 1
)sql";

}  // namespace atlas::engine::drivers::mysql::queries
