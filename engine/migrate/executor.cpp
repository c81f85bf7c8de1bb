#include "engine/migrate/executor.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/migrate/file.hpp"

namespace atlas::engine::migrate {

namespace {

using drivers::Revision;

constexpr std::string_view kRevisionsTable = "atlas_schema_revisions";

struct Pending {
  std::vector<Revision> revisions;
  std::vector<const File*> files;
  std::vector<const File*> out_of_order;
  std::optional<Revision> partial;  // the last revision when partially applied
  std::optional<Revision> baseline;  // row to write on the first run with a baseline
};

bool Done(const Revision& r) { return r.applied == r.total || (r.type & drivers::kRevisionResolved) != 0; }

std::string OrderError(const std::vector<const File*>& files) {
  std::vector<std::string> names;
  for (const auto* f : files) {
    names.push_back(f->name);
  }
  if (names.size() == 1) {
    return fmt::format(
        "migration file {} was added out of order. See: https://atlasgo.io/versioned/apply#non-linear-error",
        names[0]);
  }
  return fmt::format(
      "migration files {} were added out of order. See: https://atlasgo.io/versioned/apply#non-linear-error",
      fmt::join(names, ", "));
}

base::Result<Pending> ComputePending(drivers::Migrator& m, const Dir& dir, const ExecutorOptions& options) {
  Pending p;
  auto revs = m.ReadRevisions();
  if (!revs.ok()) {
    return std::move(revs).diags();
  }
  p.revisions = std::move(*revs);
  if (p.revisions.empty()) {
    if (!options.baseline.empty()) {
      const auto it = std::find_if(dir.files.begin(), dir.files.end(),
                                   [&](const File& f) { return f.Version() == options.baseline; });
      if (it == dir.files.end()) {
        return base::Error("Invalid baseline", fmt::format("baseline version \"{}\" not found", options.baseline));
      }
      Revision b;
      b.version = it->Version();
      b.description = it->Description();
      b.type = drivers::kRevisionBaseline;
      b.operator_version = options.operator_version;
      p.baseline = b;
      for (auto f = it + 1; f != dir.files.end(); ++f) {
        p.files.push_back(&*f);
      }
      return p;
    }
    for (const auto& f : dir.files) {
      p.files.push_back(&f);
    }
    return p;
  }
  const Revision& last = p.revisions.back();
  const bool partial = !Done(last);
  if (partial) {
    p.partial = last;
  }
  std::set<std::string, std::less<>> applied;
  for (const auto& r : p.revisions) {
    applied.insert(r.version);
  }
  const std::string& first = p.revisions.front().version;
  bool found_partial = false;
  for (const auto& f : dir.files) {
    const std::string v = f.Version();
    if (v > last.version || (partial && v == last.version)) {
      found_partial = found_partial || v == last.version;
      p.files.push_back(&f);
    } else if (applied.count(v) == 0 && v > first) {
      p.out_of_order.push_back(&f);
    }
  }
  if (partial && !found_partial) {
    return base::Error("missing migration",
                       fmt::format("sql/migrate: missing migration: revision \"{}_{}.sql\" is partially applied "
                                   "but migration file was not found",
                                   last.version, last.description));
  }
  if (!p.out_of_order.empty()) {
    switch (options.exec_order) {
      case ExecOrder::kLinear:
        break;  // reported by the caller
      case ExecOrder::kLinearSkip:
        p.out_of_order.clear();
        break;
      case ExecOrder::kNonLinear:
        p.files.insert(p.files.begin(), p.out_of_order.begin(), p.out_of_order.end());
        p.out_of_order.clear();
        break;
    }
  }
  return p;
}

// Atlas's clean check for a first run: any table besides the revisions table.
base::Status CheckClean(drivers::Driver& driver) {
  auto realm = driver.inspector().InspectRealm({});
  if (!realm.ok()) {
    return std::move(realm).diags();
  }
  std::vector<std::string> tables;
  for (const auto& s : realm->schemas) {
    for (const auto& t : s.tables) {
      if (t.name != kRevisionsTable) {
        tables.push_back(t.name);
      }
    }
  }
  if (tables.empty()) {
    return base::Status::Ok();
  }
  const std::string reason = tables.size() == 1 ? fmt::format("found table \"{}\"", tables[0])
                                                : fmt::format("found multiple tables: {}", tables.size());
  return base::Error("connected database is not clean",
                     fmt::format("sql/migrate: connected database is not clean: {}. baseline version or "
                                 "allow-dirty is required",
                                 reason));
}

int64_t Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t).count();
}

base::Result<plan::TxMode> FileTxMode(const ParsedFile& f, plan::TxMode global) {
  if (!f.directives.txmode) {
    return global;
  }
  const std::string& d = *f.directives.txmode;
  if (d == "all") {
    return base::Error("Invalid migration file",
                       fmt::format("txmode \"all\" is not allowed in file directive \"{}\"", f.name));
  }
  if (global == plan::TxMode::kAll) {
    return base::Error("Invalid migration file",
                       fmt::format("cannot set txmode directive to \"{}\" in \"{}\" when txmode \"all\" is set globally",
                                   d, f.name));
  }
  return d == "none" ? plan::TxMode::kNone : plan::TxMode::kFile;
}

// Text of a driver failure without the statement (kept separately).
std::string ErrorText(const base::Diagnostics& d) {
  std::string out;
  for (const auto& item : d) {
    if (!out.empty()) {
      out += "\n";
    }
    out += item.detail.empty() ? item.summary : item.detail;
  }
  return out;
}

class Run {
 public:
  Run(drivers::Driver& driver, drivers::Migrator& m, const ExecutorOptions& options, ApplyReport& report)
      : driver_(driver), m_(m), options_(options), report_(report) {}

  // Executes one file; false on failure (report_.error set, transaction rolled back when owned).
  bool ExecuteFile(const File& file, const std::optional<Revision>& partial, const std::string& hash) {
    FileRun fr;
    fr.name = file.name;
    fr.version = file.Version();
    auto parsed = ParseFile(file, driver_.dialect().kind);
    if (!parsed.ok()) {
      return Fail(fr, std::move(parsed).diags());
    }
    auto mode = FileTxMode(*parsed, options_.tx_mode);
    if (!mode.ok()) {
      return Fail(fr, std::move(mode).diags());
    }
    const auto hashes = PartialHashes(parsed->statements);
    Revision r;
    size_t start = 0;
    if (partial && partial->version == file.Version()) {
      r = *partial;
      const auto& stored = r.partial_hashes;
      for (size_t i = 0; stored && i < static_cast<size_t>(r.applied) && i < stored->size(); ++i) {
        if (i >= hashes.size() || (*stored)[i] != hashes[i]) {
          return Fail(fr, base::Error("history changed",
                                      fmt::format("sql/migrate: history changed: statement {} from file \"{}\" changed",
                                                  i + 1, file.name)));
        }
      }
      start = static_cast<size_t>(r.applied);
      r.partial_hashes = std::vector<std::string>(hashes.begin(), hashes.begin() + static_cast<long>(start));
    } else {
      r.version = file.Version();
      r.description = file.Description();
      r.partial_hashes = std::vector<std::string>();
    }
    r.type = drivers::kRevisionExecuted;
    r.total = static_cast<int64_t>(parsed->statements.size());
    r.hash = hash;
    r.executed_at = m_.Now();
    r.operator_version = options_.operator_version;
    r.error.reset();
    r.error_stmt.reset();
    const bool own_tx = *mode == plan::TxMode::kFile;
    const auto t0 = std::chrono::steady_clock::now();
    if (own_tx) {
      if (auto st = m_.Begin(); !st.ok()) {
        return Fail(fr, std::move(st).diags());
      }
    }
    if (start == 0) {
      for (const auto& c : parsed->checks) {
        fr.checks.push_back(c.text);
        auto ok = m_.QueryBool(c.text);
        if (!ok.ok() || !*ok) {
          base::Diagnostic d =
              ok.ok() ? base::Error("pre-migration check failed",
                                    fmt::format("sql/migrate: check assertion \"{}\" returned false", c.text))
                      : base::Error("pre-migration check failed", ErrorText(ok.diags()));
          d.statement = c.text;
          return FailTx(fr, own_tx, r, std::move(d));
        }
      }
    }
    if (auto st = m_.WriteRevision(r); !st.ok()) {
      return FailTx(fr, own_tx, r, std::move(st).diags().items().front(), false);
    }
    for (size_t i = start; i < parsed->statements.size(); ++i) {
      const auto& stmt = parsed->statements[i];
      fr.statements.push_back(stmt.text);
      if (auto st = m_.Exec(stmt.text); !st.ok()) {
        const std::string text = ErrorText(st.diags());
        base::Diagnostic d = base::Error(
            fmt::format("sql/migrate: executing statement \"{}\" from version \"{}\"", stmt.text, r.version), text);
        d.statement = stmt.text;
        d.source = base::SourceRange{file.name, base::SourcePos{stmt.line, 1, 0}, base::SourcePos{stmt.line, 1, 0}};
        r.error = text;
        r.error_stmt = stmt.text;
        return FailTx(fr, own_tx, r, std::move(d));
      }
      r.applied = static_cast<int64_t>(i + 1);
      r.partial_hashes->push_back(hashes[i]);
      if (auto st = m_.WriteRevision(r); !st.ok()) {
        return FailTx(fr, own_tx, r, std::move(st).diags().items().front(), false);
      }
    }
    r.applied = r.total;
    r.partial_hashes.reset();
    r.execution_time = Since(t0);
    if (auto st = m_.WriteRevision(r); !st.ok()) {
      return FailTx(fr, own_tx, r, std::move(st).diags().items().front(), false);
    }
    if (own_tx) {
      if (auto st = m_.Commit(); !st.ok()) {
        m_.Rollback();
        return Fail(fr, std::move(st).diags());
      }
    }
    fr.nanos = r.execution_time;
    report_.files.push_back(std::move(fr));
    return true;
  }

 private:
  bool Fail(FileRun& fr, base::Diagnostics d) {
    fr.failed = true;
    fr.error = d.ToString();
    report_.files.push_back(std::move(fr));
    report_.error.Append(d);
    return false;
  }
  // Records the failure in the revision through the file's transaction, then rolls that back when
  // it is ours (Atlas's order). Where DDL is transactional (PostgreSQL, SQLite) the rollback drops
  // the row with the file's statements (kAll: the caller's rollback does). Where DDL commits
  // implicitly (MySQL/MariaDB), the statements before the failure and the revision writes after
  // them are already committed and the failure record is written in autocommit mode, so the
  // partial row survives the rollback and a resume starts at the failed statement; a file that
  // failed before its first DDL is rolled back whole, row included. Errors of this write are
  // ignored: a transaction aborted by the failure (PostgreSQL) refuses it and is rolled back.
  bool FailTx(FileRun& fr, bool own_tx, Revision& r, base::Diagnostic d, bool record = true) {
    if (record) {
      r.execution_time = 0;
      (void)m_.WriteRevision(r);
    }
    if (own_tx) {
      m_.Rollback();
    }
    return Fail(fr, base::Diagnostics(std::move(d)));
  }

  drivers::Driver& driver_;
  drivers::Migrator& m_;
  const ExecutorOptions& options_;
  ApplyReport& report_;
};

}  // namespace

base::Result<ExecOrder> ParseExecOrder(std::string_view s) {
  if (s.empty() || s == "linear") {
    return ExecOrder::kLinear;
  }
  if (s == "linear-skip") {
    return ExecOrder::kLinearSkip;
  }
  if (s == "non-linear") {
    return ExecOrder::kNonLinear;
  }
  return base::Error("Invalid exec order",
                     fmt::format("unknown exec order \"{}\": expected one of linear, linear-skip, non-linear", s));
}

base::Result<StatusReport> Status(drivers::Driver& driver, const Dir& dir, const ExecutorOptions& options) {
  drivers::Migrator* m = driver.migrator();
  if (m == nullptr) {
    return base::Error("Versioned migrations not supported",
                       fmt::format("the {} driver does not support versioned migrations yet", driver.Name()));
  }
  if (auto st = m->SetRevisionsSchema(options.revisions_schema); !st.ok()) {
    return std::move(st).diags();
  }
  auto p = ComputePending(*m, dir, options);
  if (!p.ok()) {
    return std::move(p).diags();
  }
  StatusReport rep;
  rep.applied = p->revisions;
  rep.available = dir.files.size();
  rep.latest = dir.LatestVersion();
  for (const auto* f : p->files) {
    rep.pending.push_back(f->name);
  }
  if (!p->out_of_order.empty()) {
    rep.order_error = OrderError(p->out_of_order);
  }
  rep.status = rep.pending.empty() && rep.order_error.empty() ? "OK" : "PENDING";
  if (rep.pending.size() == dir.files.size() || rep.applied.empty()) {
    rep.current = std::string(kNoMigrationApplied);
  } else {
    rep.current = rep.applied.back().version;
  }
  if (p->baseline && rep.pending.size() != dir.files.size()) {
    rep.current = std::string(kNoMigrationApplied);
  }
  rep.next = p->files.empty() ? std::string(kAlreadyAtLatest) : p->files.front()->Version();
  if (p->partial) {
    rep.count = p->partial->applied;
    rep.total = p->partial->total;
    rep.error = p->partial->error.value_or("");
    rep.sql = p->partial->error_stmt.value_or("");
    std::replace(rep.sql.begin(), rep.sql.end(), '\n', ' ');
  }
  return rep;
}

ApplyReport Apply(drivers::Driver& driver, const Dir& dir, const ExecutorOptions& options,
                  const ApplyTarget& target) {
  ApplyReport report;
  const auto t0 = std::chrono::steady_clock::now();
  if (auto st = Validate(dir); !st.ok()) {
    report.error = std::move(st).diags();
    return report;
  }
  drivers::Migrator* m = driver.migrator();
  if (m == nullptr) {
    report.error.AddError("Versioned migrations not supported",
                          fmt::format("the {} driver does not support versioned migrations yet", driver.Name()));
    return report;
  }
  std::unique_ptr<drivers::MigrationLock> lock;
  if (!target.dry_run) {
    const int64_t lock_timeout = options.timeout_ms > 0
                                     ? std::min(options.lock_timeout_ms, options.timeout_ms)
                                     : options.lock_timeout_ms;
    auto l = m->Lock(kLockName, lock_timeout);
    if (!l.ok()) {
      report.error = std::move(l).diags();
      return report;
    }
    lock = std::move(*l);
  }
  if (auto st = m->SetRevisionsSchema(options.revisions_schema); !st.ok()) {
    report.error = std::move(st).diags();
    return report;
  }
  if (!target.dry_run) {
    if (auto st = m->InitRevisions(); !st.ok()) {
      report.error = std::move(st).diags();
      return report;
    }
  }
  auto p = ComputePending(*m, dir, options);
  if (!p.ok()) {
    report.error = std::move(p).diags();
    return report;
  }
  if (!p->out_of_order.empty()) {
    report.error.AddError("migration files added out of order", OrderError(p->out_of_order));
    return report;
  }
  if (!p->revisions.empty()) {
    report.current = p->revisions.back().version;
  }
  if (p->revisions.empty() && options.baseline.empty() && !options.allow_dirty && !p->files.empty()) {
    if (auto st = CheckClean(driver); !st.ok()) {
      report.error = std::move(st).diags();
      return report;
    }
  }
  std::vector<const File*> files = p->files;
  if (!target.to_version.empty()) {
    const auto it = std::find_if(files.begin(), files.end(),
                                 [&](const File* f) { return f->Version() == target.to_version; });
    if (it == files.end()) {
      report.error.AddError("Incorrect version",
                            fmt::format("The version {} is not found in the pending migrations.", target.to_version));
      return report;
    }
    files.erase(it + 1, files.end());
  }
  if (target.amount > 0 && files.size() > target.amount) {
    files.resize(target.amount);
  }
  for (const auto* f : files) {
    report.pending.push_back(f->name);
  }
  if (!files.empty()) {
    report.target = files.back()->Version();
  }
  if (target.dry_run) {
    for (const auto* f : files) {
      FileRun fr;
      fr.name = f->name;
      fr.version = f->Version();
      auto parsed = ParseFile(*f, driver.dialect().kind);
      if (!parsed.ok()) {
        report.error = std::move(parsed).diags();
        return report;
      }
      if (auto mode = FileTxMode(*parsed, options.tx_mode); !mode.ok()) {
        report.error = std::move(mode).diags();
        return report;
      }
      size_t start = 0;
      if (p->partial && p->partial->version == f->Version()) {
        start = static_cast<size_t>(p->partial->applied);
      }
      for (const auto& c : parsed->checks) {
        fr.checks.push_back(c.text);
      }
      for (size_t i = start; i < parsed->statements.size(); ++i) {
        fr.statements.push_back(parsed->statements[i].text);
      }
      report.files.push_back(std::move(fr));
    }
    report.nanos = Since(t0);
    return report;
  }
  const HashFile sums = ComputeHashFile(dir.files);
  const bool all = options.tx_mode == plan::TxMode::kAll;
  if (all && !files.empty()) {
    if (auto st = m->Begin(); !st.ok()) {
      report.error = std::move(st).diags();
      return report;
    }
  }
  if (p->baseline) {
    drivers::Revision b = *p->baseline;
    b.executed_at = m->Now();
    if (auto st = m->WriteRevision(b); !st.ok()) {
      m->Rollback();
      report.error = std::move(st).diags();
      return report;
    }
  }
  Run run(driver, *m, options, report);
  for (const auto* f : files) {
    if (options.timeout_ms > 0 && Since(t0) >= options.timeout_ms * 1000000) {
      if (all) {
        m->Rollback();
      }
      report.error.AddError("Migration timed out",
                            fmt::format("context deadline exceeded: the timeout of {} ms was spent before "
                                        "migrating version {}",
                                        options.timeout_ms, f->Version()));
      report.nanos = Since(t0);
      return report;
    }
    if (!run.ExecuteFile(*f, p->partial, sums.HashOf(f->name))) {
      if (all) {
        m->Rollback();
      }
      report.nanos = Since(t0);
      return report;
    }
  }
  if (all && !files.empty()) {
    if (auto st = m->Commit(); !st.ok()) {
      m->Rollback();
      report.error = std::move(st).diags();
    }
  }
  report.nanos = Since(t0);
  return report;
}

}  // namespace atlas::engine::migrate
