// data_depend (MF101-MF104 and the dialects' codes): changes that may fail depending on the data
// already in the table. Mirrors ariga/atlas sql/sqlcheck/datadepend; the dialect handlers of
// postgrescheck, sqlitecheck and mysqlcheck (AddNotNull / ModifyNotNull) come in DataDependHooks
// from each driver's lint.cpp. Findings are warnings.
//
// Declarative plans differ from migration files in two ways that this analyzer relies on: a
// ModifyTable always names an existing table, and a column is "new" exactly when the same table
// change adds it; nothing back-fills a column between planned statements, so there MF104 is never
// silenced. In a migration file an earlier UPDATE that back-fills the column silences it
// (backfill.hpp).

#include "engine/lint/analyzers/data_depend.hpp"

#include "engine/lint/analyzers/backfill.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/quote.hpp"

namespace atlas::engine::lint {

namespace {

bool AddsColumn(const schema::ModifyTable& mt, const std::string& name) {
  return std::any_of(mt.changes.begin(), mt.changes.end(), [&](const schema::TableChange& tc) {
    const auto* ac = std::get_if<schema::AddColumn>(&tc);
    return ac != nullptr && ac->column.name == name;
  });
}

class DataDependAnalyzer final : public Analyzer {
 public:
  explicit DataDependAnalyzer(DataDependHooks hooks) : hooks_(std::move(hooks)) {}

  std::string_view Name() const override { return "data_depend"; }
  std::vector<std::string_view> Codes() const override {
    std::vector<std::string_view> codes = {"MF101", "MF102"};
    if (hooks_.add_not_null) {
      codes.emplace_back("MF103");
    }
    if (!hooks_.modify_not_null) {
      codes.emplace_back("MF104");
    }
    for (const auto code : hooks_.codes) {
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
        codes.push_back(code);
      }
    }
    return codes;
  }

  void Analyze(const Pass& pass, Report& report) const override {
    for (const auto& [index, mt] : pass.ModifiedTables()) {
      for (const auto& tc : mt->changes) {
        if (const auto* ai = std::get_if<schema::AddIndex>(&tc)) {
          AddUnique(*mt, ai->index, index, report);
        } else if (const auto* mi = std::get_if<schema::ModifyIndex>(&tc)) {
          if ((mi->change & schema::kChangeUnique) != 0 && mi->to.unique) {
            report.diagnostics.push_back(
                {"MF102",
                 fmt::format(
                     "Modifying an index {} on table {} might fail in case of duplicate entries",
                     Quote(mi->to.name), Quote(mt->from.name)),
                 "", index});
          }
        } else if (const auto* ac = std::get_if<schema::AddColumn>(&tc)) {
          AddNotNull(pass, *mt, ac->column, index, report);
        } else if (const auto* mc = std::get_if<schema::ModifyColumn>(&tc)) {
          ModifyNotNull(pass, *mt, mc->to, mc->from.nullable && !mc->to.nullable, index, report);
        }
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "data dependent changes detected";
    }
  }

 private:
  // MF101: a unique index over columns that already hold data, unless it replaces a dropped unique
  // index over (a superset of) the same keys.
  static void AddUnique(const schema::ModifyTable& mt, const schema::Index& idx, int index,
                        Report& report) {
    if (!idx.unique || ReplacesDroppedUnique(mt, idx)) {
      return;
    }
    std::vector<std::string> names;
    for (const auto& part : idx.parts) {
      if (!part.column.empty() && !AddsColumn(mt, part.column)) {
        names.push_back(Quote(part.column));
      }
    }
    if (names.empty()) {
      return;
    }
    std::string subject;
    if (names.size() == 1) {
      subject = fmt::format("column {} contains", names[0]);
    } else {
      subject = fmt::format("columns {} contain", fmt::join(names, ", "));
    }
    report.diagnostics.push_back(
        {"MF101",
         fmt::format("Adding a unique index {} on table {} might fail in case {} duplicate entries",
                     Quote(idx.name), Quote(mt.from.name), subject),
         "", index});
  }

  static bool ReplacesDroppedUnique(const schema::ModifyTable& mt, const schema::Index& idx) {
    for (const auto& tc : mt.changes) {
      const auto* di = std::get_if<schema::DropIndex>(&tc);
      if (di == nullptr || !di->index.unique || di->index.parts.size() > idx.parts.size()) {
        continue;
      }
      const auto& dropped = di->index.parts;
      const bool covered =
          std::all_of(idx.parts.begin(), idx.parts.end(), [&](const schema::IndexPart& p1) {
            if (!p1.column.empty()) {
              return AddsColumn(mt, p1.column) ||
                     std::any_of(dropped.begin(), dropped.end(), [&](const schema::IndexPart& p2) {
                       return p2.column == p1.column;
                     });
            }
            return std::any_of(dropped.begin(), dropped.end(), [&](const schema::IndexPart& p2) {
              return p2.column.empty() && p2.expr == p1.expr;
            });
          });
      if (covered) {
        return true;
      }
    }
    return false;
  }

  // MF103 and the dialect's own codes: a NOT NULL column without a default added to an existing
  // table. Columns the database fills itself (auto-increment, identity, generated) are left out.
  void AddNotNull(const Pass& pass, const schema::ModifyTable& mt, const schema::Column& c,
                  int index, Report& report) const {
    if (!hooks_.add_not_null || c.nullable || c.default_value || c.auto_increment || c.identity ||
        c.generated) {
      return;
    }
    Append(hooks_.add_not_null({pass, mt, c, index}), "MF103", index, report);
  }

  // MF104 (or the dialect's handler): nullable -> NOT NULL.
  void ModifyNotNull(const Pass& pass, const schema::ModifyTable& mt, const schema::Column& to,
                     bool to_not_null, int index, Report& report) const {
    if (!to_not_null) {
      return;
    }
    if (hooks_.modify_not_null) {
      Append(hooks_.modify_not_null({pass, mt, to, index}), "MF104", index, report);
      return;
    }
    // A migration file that back-filled the column earlier (`UPDATE t SET c = ... WHERE c IS
    // NULL`) left no NULLs to fail on.
    if (ColumnFilledBefore(pass, mt.from.name, to.name)) {
      return;
    }
    report.diagnostics.push_back(
        {"MF104",
         fmt::format(
             "Modifying nullable column {} to non-nullable might fail in case it contains NULL "
             "values",
             Quote(to.name)),
         "", index});
  }

  static void Append(std::vector<Diagnostic> found, std::string_view code, int index,
                     Report& report) {
    for (auto& d : found) {
      if (d.code.empty()) {
        d.code = std::string(code);
      }
      if (d.change_index < 0) {
        d.change_index = index;
      }
      report.diagnostics.push_back(std::move(d));
    }
  }

  DataDependHooks hooks_;
};

}  // namespace

Diagnostic NotNullWillFail(const ColumnPass& p, std::string_view type) {
  return {"MF103",
          fmt::format("Adding a non-nullable {} column {} will fail in case table {} is not empty",
                      Quote(type), Quote(p.column.name), Quote(p.change.from.name)),
          "", p.change_index};
}

std::unique_ptr<Analyzer> NewDataDependAnalyzer(DataDependHooks hooks) {
  return std::make_unique<DataDependAnalyzer>(std::move(hooks));
}

}  // namespace atlas::engine::lint
