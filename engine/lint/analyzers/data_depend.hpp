#pragma once
// The data_depend analyzer (MF101-MF104) and its dialect hooks (Atlas's datadepend.Handler): what
// happens to existing rows when a NOT NULL column is added, or a nullable column becomes NOT NULL,
// depends on the database, so each driver's lint.cpp fills DataDependHooks with its own column
// handlers and codes (PostgreSQL and SQLite: MF103 "will fail"; MySQL/MariaDB: MY101 implicit
// values; SQLite: LT101 instead of MF104). The generic part stays dialect-free.
// Hooks are copied into the analyzer; they must be stateless (runs may be concurrent).

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/lint/analyzer.hpp"

namespace atlas::engine::lint {

// One column a hook diagnoses (Atlas's datadepend.ColumnPass).
struct ColumnPass {
  const Pass& pass;
  const schema::ModifyTable& change;  // the table change; change.to is the table after it
  const schema::Column& column;       // the added column, or the column after the modification
  int change_index;                   // index of `change` in pass.changes
};

// Returns the diagnostics for one column; a diagnostic with an empty code gets MF103 (add) or
// MF104 (modify), and its change index is filled in when left at -1.
using ColumnHandler = std::function<std::vector<Diagnostic>(const ColumnPass&)>;

struct DataDependHooks {
  // A NOT NULL column without default (not auto-increment, identity or generated) added to an
  // existing table. Unset: nothing is reported for it.
  ColumnHandler add_not_null;
  // A nullable column made NOT NULL. Unset: the generic MF104.
  ColumnHandler modify_not_null;
  // Codes the handlers report other than MF103 (say LT101, MY101); part of Codes().
  std::vector<std::string_view> codes;
};

// MF103's text for `type` (the dialect's spelling of the column type): the statement fails when
// the table holds rows.
Diagnostic NotNullWillFail(const ColumnPass& p, std::string_view type);

std::unique_ptr<Analyzer> NewDataDependAnalyzer(DataDependHooks hooks);

}  // namespace atlas::engine::lint
