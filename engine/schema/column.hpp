#pragma once
// Column of a table or view. Plain data; thread-compatible.

#include <cstdint>
#include <optional>
#include <string>

#include "engine/schema/types.hpp"

namespace atlas::engine::schema {

// Identity column options (PostgreSQL GENERATED ... AS IDENTITY).
struct Identity {
  enum class Generation { kAlways, kByDefault };
  Generation generation = Generation::kByDefault;
  int64_t start = 1;
  int64_t increment = 1;
  bool operator==(const Identity&) const = default;
};

// Generated (computed) column: `AS (expr) STORED|VIRTUAL`.
struct Generated {
  std::string expr;
  bool stored = false;  // false = VIRTUAL
  bool operator==(const Generated&) const = default;
};

struct Column {
  std::string name;
  ColumnType type;
  bool nullable = true;
  std::optional<Expr> default_value;
  bool auto_increment = false;  // SQLite AUTOINCREMENT / MySQL AUTO_INCREMENT / PG serial
  std::optional<Identity> identity;
  std::optional<Generated> generated;
  std::string collation;  // empty = default
  std::string charset;    // MySQL
  std::string comment;
  std::optional<Expr> on_update;  // MySQL ON UPDATE CURRENT_TIMESTAMP
  bool operator==(const Column&) const = default;
};

}  // namespace atlas::engine::schema
