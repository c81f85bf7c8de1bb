#pragma once
// Foreign keys, check and exclusion constraints. References are names, never pointers. Plain data;
// thread-compatible.

#include <string>
#include <vector>

#include "engine/schema/index.hpp"
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

// One element of a PostgreSQL EXCLUDE constraint: an index key (column or expression, with its
// collation, operator class and ordering) and the operator no two rows may satisfy on it.
struct ExclusionElement {
  IndexPart part;
  std::string op;  // "=", "&&", or a qualified OPERATOR(schema.op)
  bool operator==(const ExclusionElement&) const = default;
};

// PostgreSQL EXCLUDE constraint (backed by an index of the same name).
struct Exclusion {
  std::string name;
  std::string type = "GIST";  // access method, upper case (GIST, BTREE, SPGIST, HASH ...)
  std::vector<ExclusionElement> elements;
  std::vector<std::string> include;  // INCLUDE columns
  std::string where;                 // predicate of a partial constraint, empty = none
  bool deferrable = false;
  bool initially_deferred = false;
  std::string comment;
  bool operator==(const Exclusion&) const = default;
};

}  // namespace atlas::engine::schema
