#pragma once
// Realm (a database) -> Schemas -> tables, views and other named objects. Plain data, no I/O;
// thread-compatible. This is the model all drivers inspect into and the differ compares.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/schema/table.hpp"

namespace atlas::engine::schema {

// PostgreSQL user enum type.
struct EnumType {
  std::string name;
  std::vector<std::string> values;
  std::string comment;
  bool operator==(const EnumType&) const = default;
};

// PostgreSQL (or MariaDB) sequence.
struct Sequence {
  std::string name;
  std::string type;  // bigint, integer, smallint; empty = default
  int64_t start = 1;
  int64_t increment = 1;
  std::optional<int64_t> min_value;
  std::optional<int64_t> max_value;
  int64_t cache = 1;
  bool cycle = false;
  std::string owned_by;  // "table.column" when owned (serial)
  std::string comment;
  bool operator==(const Sequence&) const = default;
};

// A database object the driver inspects only to preserve it: it is never planned for creation or removal
// (functions, procedures, domains ... until a driver manages them).
struct OpaqueObject {
  std::string kind;  // "function", "domain", ...
  std::string name;
  bool operator==(const OpaqueObject&) const = default;
};

struct Schema {
  std::string name;
  std::vector<Table> tables;
  std::vector<View> views;
  std::vector<EnumType> enums;
  std::vector<Sequence> sequences;
  std::vector<OpaqueObject> unmanaged;
  std::string comment;
  std::string charset;    // MySQL
  std::string collation;  // MySQL

  const Table* FindTable(std::string_view n) const {
    for (const auto& t : tables) {
      if (t.name == n) {
        return &t;
      }
    }
    return nullptr;
  }
  Table* FindTable(std::string_view n) {
    for (auto& t : tables) {
      if (t.name == n) {
        return &t;
      }
    }
    return nullptr;
  }
  const View* FindView(std::string_view n) const {
    for (const auto& v : views) {
      if (v.name == n) {
        return &v;
      }
    }
    return nullptr;
  }
  bool operator==(const Schema&) const = default;
};

struct Extension {
  std::string name;
  std::string schema;
  std::string version;
  bool operator==(const Extension&) const = default;
};

struct Realm {
  std::vector<Schema> schemas;
  std::vector<Extension> extensions;  // PostgreSQL

  const Schema* FindSchema(std::string_view n) const {
    for (const auto& s : schemas) {
      if (s.name == n) {
        return &s;
      }
    }
    return nullptr;
  }
  Schema* FindSchema(std::string_view n) {
    for (auto& s : schemas) {
      if (s.name == n) {
        return &s;
      }
    }
    return nullptr;
  }
  bool operator==(const Realm&) const = default;
};

}  // namespace atlas::engine::schema
