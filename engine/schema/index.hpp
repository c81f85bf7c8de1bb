#pragma once
// Primary keys and indexes. Plain data; thread-compatible.

#include <optional>
#include <string>
#include <vector>

namespace atlas::engine::schema {

// One part of an index key: a column or an expression.
struct IndexPart {
  std::string column;  // set for a column part
  std::string expr;    // set for an expression part (without the surrounding parentheses)
  bool desc = false;
  std::string collation;
  std::string opclass;               // PostgreSQL operator class
  std::optional<int> prefix;         // MySQL prefix length
  std::optional<bool> nulls_first;   // PostgreSQL NULLS FIRST/LAST when not the default
  bool operator==(const IndexPart&) const = default;
};

struct PrimaryKey {
  std::string name;  // constraint name; may be empty (SQLite)
  std::vector<IndexPart> parts;
  bool operator==(const PrimaryKey&) const = default;
};

struct Index {
  std::string name;
  bool unique = false;
  std::vector<IndexPart> parts;
  std::string where;  // partial index predicate, empty = none
  std::string type;   // access method (btree, gin, FULLTEXT ...), empty = default
  std::vector<std::string> include;  // PostgreSQL INCLUDE columns
  bool nulls_not_distinct = false;   // PostgreSQL 15
  bool constraint = false;           // PostgreSQL: a UNIQUE constraint rather than an index
  std::string comment;
  bool operator==(const Index&) const = default;
};

}  // namespace atlas::engine::schema
