// inline_refs (MY102, MySQL/MariaDB): a column declared with an inline REFERENCES clause that the
// server ignored. Mirrors ariga/atlas sql/mysql/mysqlcheck (inlineRefs); unlike Atlas, which reads
// only the statement, the finding needs the table to have no foreign key over the column after
// the statement, so servers that honour the clause (MariaDB 10.5+, MySQL 9.0+) are not flagged.
// Migration files only (the statement text is needed). Findings are warnings.

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/analyzers/mysql.hpp"
#include "engine/lint/quote.hpp"
#include "engine/sql/tokens.hpp"

namespace atlas::engine::lint {

namespace {

using sql::EqualFold;

// Whether the table has a foreign key over exactly `column`, after the statement.
bool HasForeignKey(const schema::Table& table, const std::vector<schema::TableChange>& changes,
                   const std::string& column) {
  const auto over = [&](const schema::ForeignKey& fk) {
    return fk.columns.size() == 1 && EqualFold(fk.columns[0], column);
  };
  return std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(), over) ||
         std::any_of(changes.begin(), changes.end(), [&](const schema::TableChange& tc) {
           const auto* af = std::get_if<schema::AddForeignKey>(&tc);
           return af != nullptr && over(af->fk);
         });
}

class InlineRefsAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "inline_refs"; }
  std::vector<std::string_view> Codes() const override { return {"MY102"}; }

  void Analyze(const Pass& pass, Report& report) const override {
    if (pass.file == nullptr || pass.source.empty()) {
      return;
    }
    const std::vector<std::string> declared = MysqlInlineReferenceColumns(pass.source);
    if (declared.empty()) {
      return;
    }
    const auto is_declared = [&](const std::string& name) {
      return std::any_of(declared.begin(), declared.end(),
                         [&](const std::string& d) { return EqualFold(d, name); });
    };
    for (size_t i = 0; i < pass.changes.size(); ++i) {
      const int index = static_cast<int>(i);
      if (const auto* at = std::get_if<schema::AddTable>(&pass.changes[i])) {
        for (const auto& c : at->table.columns) {
          if (is_declared(c.name) && !HasForeignKey(at->table, {}, c.name)) {
            Add(c.name, at->table.name, index, report);
          }
        }
      } else if (const auto* mt = std::get_if<schema::ModifyTable>(&pass.changes[i])) {
        for (const auto& tc : mt->changes) {
          const auto* ac = std::get_if<schema::AddColumn>(&tc);
          if (ac != nullptr && is_declared(ac->column.name) &&
              !HasForeignKey(mt->to, mt->changes, ac->column.name)) {
            Add(ac->column.name, mt->to.name, index, report);
          }
        }
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "inline REFERENCES detected";
    }
  }

 private:
  static void Add(const std::string& column, const std::string& table, int index, Report& report) {
    report.diagnostics.push_back(
        {"MY102",
         fmt::format("Defining column {} on table {} with inline REFERENCES is ignored by MySQL",
                     Quote(column), Quote(table)),
         "", index});
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewMysqlInlineRefsAnalyzer() {
  return std::make_unique<InlineRefsAnalyzer>();
}

}  // namespace atlas::engine::lint
