#pragma once
// Table, view and trigger objects. Plain data; thread-compatible. Lookups by name are linear helpers for
// convenience on small inputs; hot paths (diff) build name indexes once instead.

#include <optional>
#include <string>
#include <vector>

#include "engine/schema/column.hpp"
#include "engine/schema/constraint.hpp"
#include "engine/schema/index.hpp"

namespace atlas::engine::schema {

// Dialect-specific table options. Unused ones stay empty.
struct TableOptions {
  std::string charset;    // MySQL
  std::string collation;  // MySQL
  std::string engine;     // MySQL, when not the default
  std::optional<int64_t> auto_increment;  // MySQL start value
  bool without_rowid = false;  // SQLite
  bool strict = false;         // SQLite
  bool operator==(const TableOptions&) const = default;
};

struct Trigger {
  std::string name;
  std::string table;  // table or view the trigger is on
  std::string body;   // the complete CREATE TRIGGER statement as stored by the database (SQLite) or definition
  bool operator==(const Trigger&) const = default;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<Index> indexes;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Check> checks;
  std::vector<Exclusion> exclusions;  // PostgreSQL
  std::vector<Trigger> triggers;
  std::string comment;
  TableOptions options;

  const Column* FindColumn(std::string_view n) const {
    for (const auto& c : columns) {
      if (c.name == n) {
        return &c;
      }
    }
    return nullptr;
  }
  const Index* FindIndex(std::string_view n) const {
    for (const auto& i : indexes) {
      if (i.name == n) {
        return &i;
      }
    }
    return nullptr;
  }
  bool operator==(const Table&) const = default;
};

struct View {
  std::string name;
  std::string definition;  // the SELECT text (Atlas `as`)
  std::vector<Column> columns;
  bool materialized = false;          // PostgreSQL
  std::vector<Index> indexes;         // materialized views
  std::vector<std::string> depends_on;  // qualified names of tables/views it reads (informational)
  std::vector<Trigger> triggers;
  std::string check_option;  // LOCAL / CASCADED, empty = none
  std::string comment;
  bool operator==(const View&) const = default;
};

}  // namespace atlas::engine::schema
