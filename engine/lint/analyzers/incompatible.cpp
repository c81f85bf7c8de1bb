// incompatible (BC101, BC102): renames that break applications still using the old names.
// Mirrors ariga/atlas sql/sqlcheck/incompatible. Findings are warnings. Declarative plans contain
// renames only when the differ emits RenameTable/RenameColumn changes.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/quote.hpp"
#include "engine/lint/registry.hpp"

namespace atlas::engine::lint {

namespace {

class IncompatibleAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "incompatible"; }
  std::vector<std::string_view> Codes() const override { return {"BC101", "BC102"}; }

  void Analyze(const Pass& pass, Report& report) const override {
    for (size_t i = 0; i < pass.changes.size(); ++i) {
      const int index = static_cast<int>(i);
      if (const auto* rt = std::get_if<schema::RenameTable>(&pass.changes[i])) {
        report.diagnostics.push_back(
            {"BC101",
             fmt::format("Renaming table {} to {}", Quote(rt->from.name), Quote(rt->to.name)), "",
             index});
        continue;
      }
      const auto* mt = std::get_if<schema::ModifyTable>(&pass.changes[i]);
      if (mt == nullptr) {
        continue;
      }
      for (const auto& tc : mt->changes) {
        const schema::Column* from = nullptr;
        const schema::Column* to = nullptr;
        if (const auto* rc = std::get_if<schema::RenameColumn>(&tc)) {
          from = &rc->from;
          to = &rc->to;
        } else if (const auto* mc = std::get_if<schema::ModifyColumn>(&tc);
                   mc != nullptr && mc->from.name != mc->to.name) {
          from = &mc->from;
          to = &mc->to;
        }
        // Adding the old name back (e.g. as a generated column) keeps old readers working.
        if (from == nullptr || AddsColumn(*mt, from->name)) {
          continue;
        }
        report.diagnostics.push_back(
            {"BC102", fmt::format("Renaming column {} to {}", Quote(from->name), Quote(to->name)),
             "", index});
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "backward incompatible changes detected";
    }
  }

 private:
  static bool AddsColumn(const schema::ModifyTable& mt, const std::string& name) {
    return std::any_of(mt.changes.begin(), mt.changes.end(), [&](const schema::TableChange& tc) {
      const auto* ac = std::get_if<schema::AddColumn>(&tc);
      return ac != nullptr && ac->column.name == name;
    });
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewIncompatibleAnalyzer() {
  return std::make_unique<IncompatibleAnalyzer>();
}

}  // namespace atlas::engine::lint
