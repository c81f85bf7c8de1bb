#pragma once
// Reads the facts SQLite's pragmas do not expose out of the CREATE statements stored in
// sqlite_schema: CHECK constraints (table- and column-level, with names), FOREIGN KEY constraint
// names, AUTOINCREMENT, generated-column expressions, column collations, index expressions and
// partial-index predicates, view definitions. A small tokenizer (quotes, comments, nesting) instead
// of regular expressions. Pure functions; thread-safe. Internal to engine/drivers/sqlite.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schema/constraint.hpp"

namespace atlas::engine::drivers::sqlite {

struct Token {
  enum class Kind { kWord, kIdent, kString, kNumber, kPunct };
  Kind kind = Kind::kPunct;
  std::string_view text;  // source text
  std::string value;      // unquoted identifier / word as written; strings keep their quotes
  size_t begin = 0;       // offset in the source
  size_t end = 0;
};

// Tokens without whitespace and comments.
std::vector<Token> Tokenize(std::string_view sql);
// True for a bare word equal (case-insensitively) to `kw`.
bool IsKeyword(const Token& t, std::string_view kw);

struct ColumnFacts {
  std::string name;
  bool autoincrement = false;
  std::optional<std::string> generated;  // expression without the surrounding parentheses
  bool stored = false;
  std::string collation;
};

struct ForeignKeyFacts {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;  // empty = the parent's primary key
};

struct TableFacts {
  std::vector<ColumnFacts> columns;
  std::vector<schema::Check> checks;  // expr without the CHECK ( ) wrapper
  std::vector<ForeignKeyFacts> foreign_keys;
  std::string primary_key_name;
};

// Parses `CREATE TABLE ... ( ... ) [options]`. nullopt when the text is not a CREATE TABLE with a
// column list.
std::optional<TableFacts> ParseCreateTable(std::string_view sql);

struct IndexFacts {
  std::vector<std::string>
      parts;          // each key part without ASC/DESC and COLLATE, outer parentheses removed
  std::string where;  // partial-index predicate, empty = none
};
std::optional<IndexFacts> ParseCreateIndex(std::string_view sql);

// The SELECT of `CREATE VIEW name [(cols)] AS select`, trimmed, without a trailing ';'.
std::string ViewDefinition(std::string_view sql);

// True when `sql` contains `name` as a bare word or quoted identifier (case-insensitive).
bool MentionsIdent(std::string_view sql, std::string_view name);

}  // namespace atlas::engine::drivers::sqlite
