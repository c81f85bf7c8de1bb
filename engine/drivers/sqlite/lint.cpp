#include "engine/drivers/sqlite/lint.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/quote.hpp"

namespace atlas::engine::drivers::sqlite {

namespace {

// Atlas's sqlitecheck handlers. A NOT NULL column without default fails on a table with rows
// (MF103, the type in SQLite's lower-case spelling). Making a column NOT NULL rebuilds the table
// and copies the rows: without a default the copy fails on a NULL (LT101).
lint::DataDependHooks DataDependHooks() {
  lint::DataDependHooks hooks;
  hooks.add_not_null = [](const lint::ColumnPass& p) {
    const auto& t = p.column.type;
    return std::vector<lint::Diagnostic>{
        lint::NotNullWillFail(p, t.normalized.empty() ? t.raw : t.normalized)};
  };
  hooks.modify_not_null = [](const lint::ColumnPass& p) {
    std::vector<lint::Diagnostic> out;
    if (!p.column.default_value) {
      out.push_back({"LT101",
                     fmt::format("Modifying nullable column {} to non-nullable without default "
                                 "value might fail in case it contains NULL values",
                                 lint::Quote(p.column.name)),
                     "", p.change_index});
    }
    return out;
  };
  hooks.codes = {"LT101"};
  return hooks;
}

}  // namespace

const lint::Registry& LintAnalyzers() {
  static const lint::Registry registry = [] {
    lint::Registry r;
    lint::RegisterBuiltinAnalyzers(r, DataDependHooks());
    return r;
  }();
  return registry;
}

}  // namespace atlas::engine::drivers::sqlite
