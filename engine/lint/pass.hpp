#pragma once
// The input of one lint run: the changes a declarative plan (or a migration file) makes, the realm
// before them, the dialect, and the planned statements with the change each one comes from.
// Analyzers read it; nothing in it is owned. Thread-compatible (read-only during a run).

#include <span>
#include <string_view>

#include "engine/plan/plan.hpp"
#include "engine/schema/change.hpp"
#include "engine/schema/realm.hpp"

namespace atlas::engine::lint {

struct Pass {
  std::span<const schema::Change> changes;
  const schema::Realm* current = nullptr;  // the realm before the changes, may be null
  std::string_view dialect;                // driver name: "sqlite", "postgres", "mysql"
  // Planned statements, each carrying the index of its change (plan::Statement::change_index).
  std::span<const plan::Statement> statements;

  // Index of the first statement caused by change `change_index`, -1 when there is none.
  int StatementOf(int change_index) const {
    for (size_t i = 0; i < statements.size(); ++i) {
      if (statements[i].change_index == change_index) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }
};

}  // namespace atlas::engine::lint
