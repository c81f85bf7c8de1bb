// full_scan (PG304, PG305, PG306): constraints whose validation reads every row of an existing
// table while a lock blocks writes. Our config name. Findings are warnings.
//
// PostgreSQL 15: adding a PRIMARY KEY sets its nullable columns NOT NULL, which scans the table
// under ACCESS EXCLUSIVE (also with USING INDEX); ADD CHECK validates all rows under ACCESS
// EXCLUSIVE and ADD FOREIGN KEY under SHARE ROW EXCLUSIVE on both tables, unless the constraint is
// added NOT VALID (then `VALIDATE CONSTRAINT` checks the rows later under a weaker lock). NOT
// VALID is read from the statement; the inspected model does not record it.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/analyzers/postgres.hpp"
#include "engine/lint/quote.hpp"

namespace atlas::engine::lint {

namespace {

const schema::Column* ColumnOf(const schema::Table& t, const std::string& name) {
  for (const auto& c : t.columns) {
    if (c.name == name) {
      return &c;
    }
  }
  return nullptr;
}

class FullScanAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "full_scan"; }
  std::vector<std::string_view> Codes() const override { return {"PG304", "PG305", "PG306"}; }

  void Analyze(const Pass& pass, Report& report) const override {
    for (const auto& [index, mt] : pass.ModifiedTables()) {
      const pg::StatementScan scan(pass, index);
      const auto not_valid = [&](const std::string& name, std::string_view keyword) {
        const pg::Clause* c = scan.ConstraintClause(name, keyword);
        return c != nullptr && c->not_valid;
      };
      const std::string table = Quote(mt->from.name);
      for (const auto& tc : mt->changes) {
        const schema::PrimaryKey* pk = nullptr;
        if (const auto* ap = std::get_if<schema::AddPrimaryKey>(&tc)) {
          pk = &ap->pk;
        } else if (const auto* mp = std::get_if<schema::ModifyPrimaryKey>(&tc)) {
          pk = &mp->to;
        }
        const schema::Check* ck = nullptr;
        if (const auto* ac = std::get_if<schema::AddCheck>(&tc)) {
          ck = &ac->check;
        } else if (const auto* mc = std::get_if<schema::ModifyCheck>(&tc);
                   mc != nullptr && (mc->change & schema::kChangeExpr) != 0) {
          ck = &mc->to;
        }
        const schema::ForeignKey* fk = nullptr;
        if (const auto* af = std::get_if<schema::AddForeignKey>(&tc)) {
          fk = &af->fk;
        } else if (const auto* mf = std::get_if<schema::ModifyForeignKey>(&tc)) {
          fk = &mf->to;
        }
        if (pk != nullptr) {
          NullableKey(*mt, *pk, table, index, report);
        } else if (ck != nullptr && !not_valid(ck->name, "CHECK")) {
          report.diagnostics.push_back(
              {"PG305",
               fmt::format("Adding check constraint {} scans table {} under an ACCESS EXCLUSIVE "
                           "lock to validate existing rows",
                           Quote(ck->name), table),
               fmt::format("Add the constraint with NOT VALID, then run ALTER TABLE {} VALIDATE "
                           "CONSTRAINT {} in a later migration",
                           table, Quote(ck->name)),
               index});
        } else if (fk != nullptr && !not_valid(fk->name, "REFERENCES")) {
          report.diagnostics.push_back(
              {"PG306",
               fmt::format("Adding foreign key {} scans table {} to validate existing rows while "
                           "holding SHARE ROW EXCLUSIVE locks on {} and {}",
                           Quote(fk->name), table, table, Quote(fk->ref_table)),
               fmt::format("Add the constraint with NOT VALID, then run ALTER TABLE {} VALIDATE "
                           "CONSTRAINT {} in a later migration",
                           table, Quote(fk->name)),
               index});
        }
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "full table scan detected";
    }
  }

 private:
  // PG304: key columns of the table that were nullable before the change (new columns hold no
  // rows to check).
  static void NullableKey(const schema::ModifyTable& mt, const schema::PrimaryKey& pk,
                          const std::string& table, int index, Report& report) {
    std::vector<std::string> names;
    for (const auto& p : pk.parts) {
      const schema::Column* c = p.column.empty() ? nullptr : ColumnOf(mt.from, p.column);
      if (c != nullptr && c->nullable) {
        names.push_back(Quote(c->name));
      }
    }
    if (names.empty()) {
      return;
    }
    const std::string cols = fmt::format("{}", fmt::join(names, ", "));
    const bool one = names.size() == 1;
    report.diagnostics.push_back(
        {"PG304",
         fmt::format("Adding primary key {} on nullable column{} {} sets {} NOT NULL, which scans "
                     "table {} under an ACCESS EXCLUSIVE lock",
                     Quote(pk.name), one ? "" : "s", cols, one ? "it" : "them", table),
         fmt::format("Add CHECK ({} IS NOT NULL) NOT VALID, validate it and set the column{} NOT "
                     "NULL before adding the key; PostgreSQL then skips the scan",
                     one ? names[0] : "<column>", one ? "" : "s"),
         index});
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewFullScanAnalyzer() {
  return std::make_unique<FullScanAnalyzer>();
}

}  // namespace atlas::engine::lint
