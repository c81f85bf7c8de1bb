// destructive (DS101, DS102, DS103): changes that delete data. Mirrors ariga/atlas
// sql/sqlcheck/destructive; findings are errors by default (Atlas sets `error = true`).

#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/quote.hpp"
#include "engine/lint/registry.hpp"

namespace atlas::engine::lint {

namespace {

class DestructiveAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "destructive"; }
  std::vector<std::string_view> Codes() const override { return {"DS101", "DS102", "DS103"}; }
  bool Error() const override { return true; }

  void Analyze(const Pass& pass, Report& report) const override {
    for (size_t i = 0; i < pass.changes.size(); ++i) {
      const int index = static_cast<int>(i);
      const schema::Change& change = pass.changes[i];
      if (const auto* ds = std::get_if<schema::DropSchema>(&change)) {
        DropSchema(*ds, index, report);
      } else if (const auto* dt = std::get_if<schema::DropTable>(&change)) {
        // Tables of a dropped schema are reported with the schema (DS101).
        if (!SchemaDropped(pass, dt->schema)) {
          report.diagnostics.push_back(
              {"DS102", fmt::format("Dropping table {}", Quote(dt->table.name)),
               fmt::format(
                   "Add a pre-migration check to ensure table {} is empty before dropping it",
                   Quote(dt->table.name)),
               index});
        }
      } else if (const auto* mt = std::get_if<schema::ModifyTable>(&change)) {
        DropColumns(*mt, index, report);
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "destructive changes detected";
    }
  }

 private:
  static void DropSchema(const schema::DropSchema& ds, int index, Report& report) {
    const size_t n = ds.schema.tables.size();
    std::string text;
    if (n == 0) {
      text = fmt::format("Dropping schema {}", Quote(ds.schema.name));
    } else if (n == 1) {
      text = fmt::format("Dropping non-empty schema {} with 1 table", Quote(ds.schema.name));
    } else {
      text = fmt::format("Dropping non-empty schema {} with {} tables", Quote(ds.schema.name), n);
    }
    report.diagnostics.push_back({"DS101", std::move(text), "", index});
  }

  static bool SchemaDropped(const Pass& pass, const std::string& name) {
    for (const auto& c : pass.changes) {
      if (const auto* ds = std::get_if<schema::DropSchema>(&c);
          ds != nullptr && ds->schema.name == name) {
        return true;
      }
    }
    return false;
  }

  // All non-virtual columns one table change drops make one diagnostic (one statement).
  static void DropColumns(const schema::ModifyTable& mt, int index, Report& report) {
    std::vector<std::string> names;
    for (const auto& tc : mt.changes) {
      const auto* dc = std::get_if<schema::DropColumn>(&tc);
      if (dc == nullptr) {
        continue;
      }
      const auto& gen = dc->column.generated;
      if (gen && !gen->stored) {
        continue;  // a VIRTUAL column holds no data
      }
      names.push_back(Quote(dc->column.name));
    }
    if (names.empty()) {
      return;
    }
    if (names.size() == 1) {
      report.diagnostics.push_back(
          {"DS103", fmt::format("Dropping non-virtual column {}", names[0]),
           fmt::format("Add a pre-migration check to ensure column {} is NULL before dropping it",
                       names[0]),
           index});
      return;
    }
    const std::string last = names.back();
    names.pop_back();
    const std::string head = fmt::format("{}", fmt::join(names, ", "));
    report.diagnostics.push_back(
        {"DS103", fmt::format("Dropping non-virtual columns {} and {}", head, last),
         fmt::format(
             "Add pre-migration checks to ensure columns {} and {} are NULL before dropping them",
             head, last),
         index});
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewDestructiveAnalyzer() {
  return std::make_unique<DestructiveAnalyzer>();
}

}  // namespace atlas::engine::lint
