// enum_change (MY110, MY111, MySQL/MariaDB): ENUM/SET changes that InnoDB cannot do in place.
// Appending members at the end of an ENUM or SET is a metadata-only change (ALGORITHM=INSTANT
// on MySQL 8.0 and MariaDB 10.3.7+) as long as the storage size stays the same; removing members,
// or inserting them anywhere but at the end, renumbers the stored values, so the server copies the
// whole table under a lock that blocks writes (and, in strict mode, fails on rows holding a
// removed value). The codes follow the MY1xx numbering of Atlas's published analyzer list
// (Atlas Pro, not in the open-source engine); the texts are ours. Findings are warnings.

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/analyzers/mysql.hpp"
#include "engine/lint/quote.hpp"

namespace atlas::engine::lint {

namespace {

std::string QuotedList(const std::vector<std::string>& values) {
  std::vector<std::string> quoted;
  quoted.reserve(values.size());
  for (const auto& v : values) {
    quoted.push_back(Quote(v));
  }
  return fmt::format("{}", fmt::join(quoted, ", "));
}

class EnumChangeAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "enum_change"; }
  std::vector<std::string_view> Codes() const override { return {"MY110", "MY111"}; }

  void Analyze(const Pass& pass, Report& report) const override {
    for (const auto& [index, mt] : pass.ModifiedTables()) {
      for (const auto& tc : mt->changes) {
        const auto* mc = std::get_if<schema::ModifyColumn>(&tc);
        if (mc == nullptr || (mc->change & schema::kChangeType) == 0) {
          continue;
        }
        const auto& from = mc->from.type.enum_values;
        const auto& to = mc->to.type.enum_values;
        if (from.empty() || to.empty()) {
          continue;
        }
        Check(*mt, mc->to.name, from, to, index, report);
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "enum changes requiring a table copy detected";
    }
  }

 private:
  static void Check(const schema::ModifyTable& mt, const std::string& column,
                    const std::vector<std::string>& from, const std::vector<std::string>& to,
                    int index, Report& report) {
    std::vector<std::string> removed;
    for (const auto& v : from) {
      if (std::find(to.begin(), to.end(), v) == to.end()) {
        removed.push_back(v);
      }
    }
    if (!removed.empty()) {
      report.diagnostics.push_back(
          {"MY110",
           fmt::format("Removing {} {} from column {} on table {} copies the table and fails on "
                       "rows that hold {}",
                       removed.size() == 1 ? "enum value" : "enum values", QuotedList(removed),
                       Quote(column), Quote(mt.from.name), removed.size() == 1 ? "it" : "them"),
           "Keep the values, or move the rows off them and change the column in a maintenance "
           "window",
           index});
      return;
    }
    // Every old value is kept: instant only when the old list is a prefix of the new one.
    if (std::equal(from.begin(), from.end(), to.begin())) {
      return;
    }
    std::vector<std::string> inserted;
    for (const auto& v : to) {
      if (std::find(from.begin(), from.end(), v) == from.end()) {
        inserted.push_back(v);
      }
    }
    const std::string what =
        inserted.empty() ? "Reordering the enum values of column " + Quote(column)
                         : fmt::format("Inserting {} {} before the end of column {}",
                                       inserted.size() == 1 ? "enum value" : "enum values",
                                       QuotedList(inserted), Quote(column));
    report.diagnostics.push_back(
        {"MY111",
         fmt::format("{} on table {} copies the table; appending values at the end is instant",
                     what, Quote(mt.from.name)),
         "Append the new values at the end of the list", index});
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewMysqlEnumChangeAnalyzer() {
  return std::make_unique<EnumChangeAnalyzer>();
}

}  // namespace atlas::engine::lint
