#pragma once
// Small builders of schema objects for handwritten lint passes (lint_test.cpp,
// postgres_lint_test.cpp). Header-only, test code.

#include <string>
#include <utility>
#include <vector>

#include "engine/schema/realm.hpp"

namespace atlas::engine::lint::builders {

// A column whose raw and normalized type are both `type`.
inline schema::Column Col(std::string name, std::string type, bool nullable = true) {
  schema::Column c;
  c.name = std::move(name);
  c.type.raw = type;
  c.type.normalized = std::move(type);
  c.nullable = nullable;
  return c;
}

inline schema::Table Tbl(std::string name, std::vector<schema::Column> cols = {}) {
  schema::Table t;
  t.name = std::move(name);
  t.columns = std::move(cols);
  return t;
}

// An index over plain columns; `constraint`: it backs a UNIQUE/PRIMARY KEY constraint.
inline schema::Index Idx(std::string name, std::vector<std::string> cols, bool unique = false,
                         bool constraint = false) {
  schema::Index i;
  i.name = std::move(name);
  i.unique = unique;
  i.constraint = constraint;
  for (auto& c : cols) {
    schema::IndexPart p;
    p.column = std::move(c);
    i.parts.push_back(std::move(p));
  }
  return i;
}

}  // namespace atlas::engine::lint::builders
