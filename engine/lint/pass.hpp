#pragma once
// The input of one lint run: the changes a declarative plan (or a migration file) makes, the realm
// before them, the dialect, and the planned statements with the change each one comes from.
// Analyzers read it; nothing in it is owned. Thread-compatible (read-only during a run).
//
// Two sources fill it: a declarative plan (`statements` are the planned statements, each naming
// its change) and one statement of a migration file (`source` is that statement's text, `file`
// describes the file; every change in `changes` comes from it).

#include <span>
#include <string>
#include <utility>
#include <vector>
#include <string_view>

#include "engine/lint/config.hpp"
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
  // Migration files only: the statement as written (with its delimiter) that made `changes`.
  std::string_view source;
  struct File {
    std::string_view name;     // "20240101000000_add.sql"
    std::string_view tx_mode;  // `-- atlas:txmode` directive, "" when absent (= "file")
  };
  const File* file = nullptr;  // null for declarative plans
  // Migration files only: every statement of the file as written, in order, with `source` at
  // index `file_position`. Analyzers read what the file does after (or before) the statement,
  // e.g. an UPDATE that back-fills a column (MY101). Empty when the caller does not know them:
  // nothing is then assumed to happen around `source`.
  std::span<const std::string_view> file_statements;
  size_t file_position = 0;
  // The project's lint configuration (analyzer options), null when none.
  const Config* config = nullptr;

  const AnalyzerOptions* OptionsOf(std::string_view analyzer) const {
    return config == nullptr ? nullptr : config->OptionsOf(analyzer);
  }

  // The SQL behind change `change_index`: the migration statement, or the planned statements of
  // that change joined by "\n" (empty when the plan has none).
  std::string StatementFor(int change_index) const {
    if (file != nullptr) {
      return std::string(source);
    }
    std::string out;
    for (const auto& s : statements) {
      if (s.change_index == change_index) {
        if (!out.empty()) {
          out += '\n';
        }
        out += s.sql;
      }
    }
    return out;
  }

  // The statements of the file after `source` (empty when file_statements is).
  std::span<const std::string_view> LaterStatements() const {
    if (file_position >= file_statements.size()) {
      return {};
    }
    return file_statements.subspan(file_position + 1);
  }

  // The ModifyTable changes of `changes` with their change indexes, in order.
  std::vector<std::pair<int, const schema::ModifyTable*>> ModifiedTables() const {
    std::vector<std::pair<int, const schema::ModifyTable*>> out;
    for (size_t i = 0; i < changes.size(); ++i) {
      if (const auto* mt = std::get_if<schema::ModifyTable>(&changes[i])) {
        out.emplace_back(static_cast<int>(i), mt);
      }
    }
    return out;
  }

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
