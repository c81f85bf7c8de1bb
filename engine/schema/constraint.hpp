#pragma once
// Foreign keys and check constraints. References are names, never pointers. Plain data; thread-compatible.

#include <string>
#include <vector>

#include "engine/schema/types.hpp"

namespace atlas::engine::schema {

struct ForeignKey {
  std::string name;  // constraint symbol; may be empty (SQLite unnamed)
  std::vector<std::string> columns;
  std::string ref_schema;  // empty = same schema
  std::string ref_table;
  std::vector<std::string> ref_columns;
  ReferenceOption on_update = ReferenceOption::kNoAction;
  ReferenceOption on_delete = ReferenceOption::kNoAction;
  bool deferrable = false;          // PostgreSQL
  bool initially_deferred = false;  // PostgreSQL
  bool operator==(const ForeignKey&) const = default;
};

struct Check {
  std::string name;  // may be empty (unnamed)
  std::string expr;  // without surrounding CHECK ( )
  bool no_inherit = false;  // PostgreSQL
  bool operator==(const Check&) const = default;
};

}  // namespace atlas::engine::schema
