// constraint_lock (PG104, PG105): PRIMARY KEY and UNIQUE constraints added to an existing table.
// Our config name (Atlas Pro's is not published). PostgreSQL 15 builds the constraint's index
// while ALTER TABLE holds an ACCESS EXCLUSIVE lock, so reads and writes wait for the whole build.
// Attaching an index built beforehand (`ADD CONSTRAINT ... USING INDEX`) is not reported.
// Findings are warnings.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/analyzers/postgres.hpp"
#include "engine/lint/quote.hpp"

namespace atlas::engine::lint {

namespace {

std::string ColumnsOf(const std::vector<schema::IndexPart>& parts) {
  std::vector<std::string> names;
  for (const auto& p : parts) {
    names.push_back(p.column.empty() ? "(" + p.expr + ")" : Quote(p.column));
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

class ConstraintLockAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "constraint_lock"; }
  std::vector<std::string_view> Codes() const override { return {"PG104", "PG105"}; }

  void Analyze(const Pass& pass, Report& report) const override {
    for (const auto& [index, mt] : pass.ModifiedTables()) {
      const pg::StatementScan scan(pass, index);
      const auto uses_index = [&](const std::string& name, std::string_view keyword) {
        const pg::Clause* c = scan.ConstraintClause(name, keyword);
        return c != nullptr && c->using_index;
      };
      for (const auto& tc : mt->changes) {
        const schema::PrimaryKey* pk = nullptr;
        if (const auto* ap = std::get_if<schema::AddPrimaryKey>(&tc)) {
          pk = &ap->pk;
        } else if (const auto* mp = std::get_if<schema::ModifyPrimaryKey>(&tc)) {
          pk = &mp->to;
        }
        if (pk != nullptr && !uses_index(pk->name, "PRIMARY")) {
          report.diagnostics.push_back(
              {"PG104",
               fmt::format("Adding primary key {} on table {} builds its index under an ACCESS "
                           "EXCLUSIVE lock that blocks reads and writes",
                           Quote(pk->name), Quote(mt->from.name)),
               fmt::format("Create a unique index on {} CONCURRENTLY first, then add the key with "
                           "ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY USING INDEX <index>",
                           ColumnsOf(pk->parts), Quote(mt->from.name), Quote(pk->name)),
               index});
          continue;
        }
        const schema::Index* idx = nullptr;
        if (const auto* ai = std::get_if<schema::AddIndex>(&tc)) {
          idx = &ai->index;
        } else if (const auto* mi = std::get_if<schema::ModifyIndex>(&tc);
                   mi != nullptr && mi->to.constraint &&
                   (!mi->from.constraint || (mi->change & schema::kChangeParts) != 0)) {
          idx = &mi->to;
        }
        if (idx != nullptr && idx->constraint && !uses_index(idx->name, "UNIQUE")) {
          report.diagnostics.push_back(
              {"PG105",
               fmt::format("Adding unique constraint {} on table {} builds its index under an "
                           "ACCESS EXCLUSIVE lock that blocks reads and writes",
                           Quote(idx->name), Quote(mt->from.name)),
               fmt::format("Create a unique index on {} CONCURRENTLY first, then add the "
                           "constraint with ALTER TABLE {} ADD CONSTRAINT {} UNIQUE USING INDEX "
                           "<index>",
                           ColumnsOf(idx->parts), Quote(mt->from.name), Quote(idx->name)),
               index});
        }
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "blocking constraint changes detected";
    }
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewConstraintLockAnalyzer() {
  return std::make_unique<ConstraintLockAnalyzer>();
}

}  // namespace atlas::engine::lint
