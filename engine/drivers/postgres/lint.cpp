#include "engine/drivers/postgres/lint.hpp"

#include "engine/lint/analyzers/postgres.hpp"

namespace atlas::engine::drivers::postgres {

const lint::Registry& LintAnalyzers() {
  static const lint::Registry registry = [] {
    lint::Registry r;
    // MF103: PostgreSQL refuses a NOT NULL column without default on a table with rows; the
    // type as format_type prints it (our raw spelling).
    lint::DataDependHooks data_depend;
    data_depend.add_not_null = [](const lint::ColumnPass& p) {
      const auto& t = p.column.type;
      return std::vector<lint::Diagnostic>{
          lint::NotNullWillFail(p, t.raw.empty() ? t.normalized : t.raw)};
    };
    lint::RegisterBuiltinAnalyzers(r, data_depend);
    // PostgreSQL lock and table-rewrite analyzers, after the generic ones.
    for (auto* factory : {&lint::NewConcurrentIndexAnalyzer, &lint::NewConstraintLockAnalyzer,
                          &lint::NewTableRewriteAnalyzer, &lint::NewFullScanAnalyzer}) {
      const base::Status st = r.Register(factory());
      ATLAS_CHECK(st.ok(), "PostgreSQL lint analyzers conflict: " + st.ErrorString());
    }
    return r;
  }();
  return registry;
}

}  // namespace atlas::engine::drivers::postgres
