// condrop (CD101): dropping a foreign key whose columns stay, so the data is no longer checked.
// Mirrors ariga/atlas sql/sqlcheck/condrop. Findings are warnings.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/quote.hpp"
#include "engine/lint/registry.hpp"

namespace atlas::engine::lint {

namespace {

class ConDropAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "condrop"; }
  std::vector<std::string_view> Codes() const override { return {"CD101"}; }

  void Analyze(const Pass& pass, Report& report) const override {
    for (const auto& [index, mt] : pass.ModifiedTables()) {
      for (const auto& tc : mt->changes) {
        const auto* df = std::get_if<schema::DropForeignKey>(&tc);
        if (df == nullptr || DropsAnyColumn(*mt, df->fk.columns)) {
          continue;
        }
        report.diagnostics.push_back(
            {"CD101", fmt::format("Dropping foreign-key constraint {}", Quote(df->fk.name)), "",
             index});
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "constraint deletion detected";
    }
  }

 private:
  // A foreign key that goes with one of its columns is reported by destructive (DS103).
  static bool DropsAnyColumn(const schema::ModifyTable& mt,
                             const std::vector<std::string>& columns) {
    return std::any_of(mt.changes.begin(), mt.changes.end(), [&](const schema::TableChange& tc) {
      const auto* dc = std::get_if<schema::DropColumn>(&tc);
      return dc != nullptr &&
             std::find(columns.begin(), columns.end(), dc->column.name) != columns.end();
    });
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewConDropAnalyzer() {
  return std::make_unique<ConDropAnalyzer>();
}

}  // namespace atlas::engine::lint
