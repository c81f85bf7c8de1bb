#pragma once
// MySQL/MariaDB type spellings: parsing information_schema COLUMN_TYPE text (and HCL-declared SQL)
// into schema::ColumnType, and the canonical spelling the differ, planner and HCL printer share.
//   int(11) unsigned zerofill -> normalized "int", is_unsigned, zerofill (display widths dropped)
//   tinyint(1) / bool / boolean -> "bool"; integer -> "int"; numeric/dec -> "decimal(p,s)"
//   real / double precision -> "double"; character varying(n) -> "varchar(n)"; char -> "char(1)"
//   enum('a','b') -> "enum('a','b')" with enum_values {"a","b"} (set(...) likewise)
// Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "engine/schema/types.hpp"

namespace atlas::engine::drivers::mysql {

// Parses a column type as MySQL prints it or as a user writes it.
schema::ColumnType ParseType(std::string_view text);
// The canonical spelling (lower case, no display width, no unsigned) of a type's SQL text.
std::string NormalizeType(std::string_view text);
// The SQL written into DDL for a model type: normalized spelling plus " unsigned"/" zerofill".
std::string TypeSql(const schema::ColumnType& type);
// enum('a','b') argument list -> values (quotes removed, '' and \' unescaped).
std::vector<std::string> ParseEnumValues(std::string_view args);
// 'a' with ' doubled.
std::string QuoteValue(std::string_view v);
// True for the character types (char, varchar, *text, enum, set) that carry a charset.
bool IsCharType(const schema::ColumnType& type);
// CURRENT_TIMESTAMP spellings (now(), current_timestamp(), localtimestamp ...) ->
// "current_timestamp" or "current_timestamp(N)"; other text is returned lower-cased without spaces.
std::string NormalizeDefaultExpr(std::string_view expr);

}  // namespace atlas::engine::drivers::mysql
