// concurrent_index (PG101, PG102, PG103): index builds and drops that lock an existing table
// against writes for their whole duration, and concurrent ones that cannot run in the file's
// transaction. Atlas's config name; options `check_create`, `check_drop`, `check_txmode` (bools,
// default true) as Atlas's open-source analyzer had them. Findings are warnings.
//
// PostgreSQL 15: CREATE INDEX takes a SHARE lock (writes wait until the build ends); DROP INDEX
// takes ACCESS EXCLUSIVE on the table; the CONCURRENTLY forms take weaker locks but cannot run
// inside a transaction block. Indexes that back a UNIQUE or PRIMARY KEY constraint come from
// ALTER TABLE and are constraint_lock's (PG104/PG105); an index dropped with its column or
// constraint has no DROP INDEX statement and is not reported.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/hcl/diagnostics.hpp"
#include "engine/lint/analyzers/postgres.hpp"
#include "engine/lint/quote.hpp"

namespace atlas::engine::lint {

namespace {

constexpr std::string_view kName = "concurrent_index";

class ConcurrentIndexAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Codes() const override { return {"PG101", "PG102", "PG103"}; }

  base::Status ValidateOptions(const AnalyzerOptions& opts, const Config& config) const override {
    OptionNames names;
    names.attrs = {"check_create", "check_drop", "check_txmode"};
    if (auto st = CheckOptionNames(Name(), opts, config, names); !st.ok()) {
      return st;
    }
    for (const auto key : names.attrs) {
      const auto it = opts.attrs.find(key);
      if (it != opts.attrs.end() && it->second != "true" && it->second != "false") {
        return hcl::ErrorAt(config.source, opts.RangeOf(key), "Invalid lint option",
                            fmt::format("lint option \"{}\" of analyzer \"{}\" must be a bool.",
                                        key, kName));
      }
    }
    return base::Status::Ok();
  }

  void Analyze(const Pass& pass, Report& report) const override {
    const bool check_create = pg::BoolOption(pass, kName, "check_create", true);
    const bool check_drop = pg::BoolOption(pass, kName, "check_drop", true);
    const bool check_txmode = pg::BoolOption(pass, kName, "check_txmode", true);
    // Declarative plans run concurrent statements outside the transaction themselves.
    const bool in_tx = pass.file != nullptr && pass.file->tx_mode != "none";
    for (const auto& [index, mt] : pass.ModifiedTables()) {
      const pg::StatementScan scan(pass, index);
      bool concurrent_in_tx = false;
      const auto check = [&](pg::IndexVerb verb, const schema::Index& idx) {
        if (idx.constraint || (verb == pg::IndexVerb::kCreate ? !check_create : !check_drop)) {
          return;
        }
        const auto concurrently = scan.IndexConcurrently(verb, idx.name);
        // A text that has no statement of this verb for the index made it as a side effect.
        if (!concurrently && !scan.empty()) {
          return;
        }
        if (concurrently.value_or(false)) {
          concurrent_in_tx = concurrent_in_tx || in_tx;
          return;
        }
        report.diagnostics.push_back(verb == pg::IndexVerb::kCreate
                                         ? CreateFinding(pass, *mt, idx, index)
                                         : DropFinding(pass, *mt, idx, index));
      };
      for (const auto& tc : mt->changes) {
        if (const auto* ai = std::get_if<schema::AddIndex>(&tc)) {
          check(pg::IndexVerb::kCreate, ai->index);
        } else if (const auto* di = std::get_if<schema::DropIndex>(&tc)) {
          check(pg::IndexVerb::kDrop, di->index);
        } else if (const auto* mi = std::get_if<schema::ModifyIndex>(&tc)) {
          // Planned as DROP INDEX + CREATE INDEX.
          check(pg::IndexVerb::kDrop, mi->from);
          check(pg::IndexVerb::kCreate, mi->to);
        }
      }
      if (concurrent_in_tx && check_txmode) {
        report.diagnostics.push_back(
            {"PG103",
             "Indexes cannot be created or deleted concurrently within a transaction. Add the "
             "`atlas:txmode none` directive to the header to prevent this file from running in "
             "a transaction",
             "Add `-- atlas:txmode none` at the top of the file and keep the concurrent statement "
             "in a file of its own",
             index});
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "concurrent index violations detected";
    }
  }

 private:
  static Diagnostic CreateFinding(const Pass& pass, const schema::ModifyTable& mt,
                                  const schema::Index& idx, int index) {
    return {"PG101",
            fmt::format("Creating index {} non-concurrently causes write locks on the {} table",
                        Quote(idx.name), Quote(mt.from.name)),
            pass.file != nullptr
                ? "Create the index with CREATE INDEX CONCURRENTLY in a file with the "
                  "`-- atlas:txmode none` directive"
                : "Set `diff { concurrent_index { create = true } }` to plan CREATE INDEX "
                  "CONCURRENTLY",
            index};
  }

  static Diagnostic DropFinding(const Pass& pass, const schema::ModifyTable& mt,
                                const schema::Index& idx, int index) {
    return {"PG102",
            fmt::format("Dropping index {} non-concurrently causes write locks on the {} table",
                        Quote(idx.name), Quote(mt.from.name)),
            pass.file != nullptr
                ? "Drop the index with DROP INDEX CONCURRENTLY in a file with the "
                  "`-- atlas:txmode none` directive"
                : "Set `diff { concurrent_index { drop = true } }` to plan DROP INDEX "
                  "CONCURRENTLY",
            index};
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewConcurrentIndexAnalyzer() {
  return std::make_unique<ConcurrentIndexAnalyzer>();
}

}  // namespace atlas::engine::lint
