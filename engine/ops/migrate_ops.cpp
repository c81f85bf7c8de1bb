#include "engine/ops/migrate_ops.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "engine/diff/diff.hpp"
#include "engine/drivers/registry.hpp"
#include "engine/lint/registry.hpp"
#include "engine/migrate/dir.hpp"
#include "engine/migrate/executor.hpp"
#include "engine/migrate/file.hpp"
#include "engine/ops/dialects.hpp"
#include "engine/sql/tokens.hpp"
#include "engine/url/url.hpp"

namespace atlas::engine::ops {

namespace {

using base::Result;

Result<plan::TxMode> TxModeOf(std::string_view s) {
  if (s.empty() || s == "file") {
    return plan::TxMode::kFile;
  }
  if (s == "all") {
    return plan::TxMode::kAll;
  }
  if (s == "none") {
    return plan::TxMode::kNone;
  }
  return base::Error("Invalid transaction mode",
                     fmt::format("unknown tx-mode \"{}\": expected one of file, all, none", s));
}

MigrateFile FromRun(const migrate::FileRun& f) {
  MigrateFile out;
  out.name = f.name;
  out.version = f.version;
  out.checks = f.checks;
  out.statements = f.statements;
  out.nanos = f.nanos;
  out.failed = f.failed;
  out.error = f.error;
  return out;
}

sql::DialectKind KindOf(const std::string& dialect) {
  if (dialect == "postgres") {
    return sql::DialectKind::kPostgres;
  }
  if (dialect == "mysql") {
    return sql::DialectKind::kMysql;
  }
  return sql::DialectKind::kSqlite;
}

}  // namespace

size_t MigrateRun::StatementCount() const {
  size_t n = 0;
  for (const auto& f : files) {
    n += f.statements.size();
  }
  return n;
}

struct MigrateOps::Impl {
  drivers::Registry registry;
  SchemaOps schema_ops;
  Impl() { drivers::RegisterBuiltinDrivers(registry); }

  Result<std::unique_ptr<drivers::Driver>> Open(const std::string& text) const {
    if (text.empty()) {
      return base::Error("Missing URL", "the target database URL is empty");
    }
    auto u = url::Url::Parse(text);
    if (!u.ok()) {
      return std::move(u).diags();
    }
    return registry.Open(*u);
  }

  // Everything an executor call needs.
  struct Prepared {
    std::unique_ptr<drivers::Driver> driver;
    migrate::Dir dir;
    migrate::ExecutorOptions options;
  };

  Result<Prepared> Prepare(const MigrateRequest& req) const {
    auto path = DirPath(req.dir);
    if (!path.ok()) {
      return std::move(path).diags();
    }
    auto dir = migrate::ReadDir(*path);
    if (!dir.ok()) {
      return std::move(dir).diags();
    }
    Prepared p;
    p.dir = std::move(*dir);
    auto order = migrate::ParseExecOrder(req.exec_order);
    if (!order.ok()) {
      return std::move(order).diags();
    }
    auto mode = TxModeOf(req.tx_mode);
    if (!mode.ok()) {
      return std::move(mode).diags();
    }
    if (!req.baseline.empty() && req.allow_dirty) {
      return base::Error("Invalid flags", "baseline and allow-dirty are mutually exclusive");
    }
    p.options.exec_order = *order;
    p.options.tx_mode = *mode;
    p.options.baseline = req.baseline;
    p.options.allow_dirty = req.allow_dirty;
    p.options.revisions_schema = req.revisions_schema;
    p.options.operator_version = req.operator_version;
    p.options.lock_timeout_ms = req.lock_timeout_ms;
    p.options.timeout_ms = req.timeout_ms;
    auto drv = Open(req.url);
    if (!drv.ok()) {
      return std::move(drv).diags();
    }
    p.driver = std::move(*drv);
    return p;
  }
};

MigrateOps::MigrateOps() : impl_(std::make_unique<Impl>()) {}
MigrateOps::~MigrateOps() = default;

Result<std::string> MigrateOps::DirPath(const std::string& dir) {
  std::string d = dir.empty() ? std::string("migrations") : dir;
  if (d.rfind("atlas://", 0) == 0) {
    return base::Error(
        "Unsupported migration directory",
        "remote directories (atlas://) need Atlas Cloud, which this provider does not support");
  }
  if (d.rfind("file://", 0) != 0) {
    return d;
  }
  std::string rest = d.substr(7);
  const size_t q = rest.find('?');
  if (q != std::string::npos) {
    auto u = url::Url::Parse(d);
    if (u.ok()) {
      if (const auto format = u->Param("format"); format && *format != "atlas") {
        return base::Error(
            "Unsupported migration directory format",
            fmt::format("unsupported directory format \"{}\": only \"atlas\" is supported",
                        *format));
      }
    }
    rest = rest.substr(0, q);
  }
  auto decoded = url::PercentDecode(rest);
  return decoded ? *decoded : rest;
}

base::Status MigrateOps::Hash(const std::string& dir) const {
  auto path = DirPath(dir);
  if (!path.ok()) {
    return std::move(path).diags();
  }
  auto d = migrate::ReadDir(*path);
  if (!d.ok()) {
    return std::move(d).diags();
  }
  return migrate::WriteHashFile(*d);
}

base::Status MigrateOps::Validate(const std::string& dir, const std::string& dialect) const {
  auto path = DirPath(dir);
  if (!path.ok()) {
    return std::move(path).diags();
  }
  auto d = migrate::ReadDir(*path);
  if (!d.ok()) {
    return std::move(d).diags();
  }
  if (auto st = migrate::Validate(*d); !st.ok()) {
    return st;
  }
  base::Diagnostics errs;
  for (const auto& f : d->files) {
    auto parsed = migrate::ParseFile(f, KindOf(dialect));
    if (!parsed.ok()) {
      errs.Append(parsed.diags());
    }
  }
  if (errs.HasError()) {
    return errs;
  }
  return base::Status::Ok();
}

Result<std::string> MigrateOps::LatestVersion(const std::string& dir) const {
  auto path = DirPath(dir);
  if (!path.ok()) {
    return std::move(path).diags();
  }
  auto d = migrate::ReadDir(*path);
  if (!d.ok()) {
    return std::move(d).diags();
  }
  return d->LatestVersion();
}

Result<MigrateStatus> MigrateOps::Status(const MigrateRequest& req) const {
  auto p = impl_->Prepare(req);
  if (!p.ok()) {
    return std::move(p).diags();
  }
  if (auto st = migrate::Validate(p->dir); !st.ok()) {
    return std::move(st).diags();
  }
  auto rep = migrate::Status(*p->driver, p->dir, p->options);
  if (!rep.ok()) {
    return std::move(rep).diags();
  }
  MigrateStatus out;
  out.status = rep->status;
  out.current = rep->current;
  out.next = rep->next;
  out.latest = rep->latest;
  out.pending = rep->pending;
  out.applied = rep->applied.size();
  out.available = rep->available;
  out.count = rep->count;
  out.total = rep->total;
  out.error = rep->error;
  out.sql = rep->sql;
  out.order_error = rep->order_error;
  return out;
}

namespace {
MigrateRun ToRun(migrate::ApplyReport rep) {
  MigrateRun out;
  out.current = rep.current;
  out.target = rep.target;
  for (const auto& f : rep.files) {
    out.files.push_back(FromRun(f));
  }
  out.nanos = rep.nanos;
  out.error = std::move(rep.error);
  return out;
}
}  // namespace

Result<MigrateRun> MigrateOps::Plan(const MigrateRequest& req, const std::string& to_version,
                                    size_t amount) const {
  auto p = impl_->Prepare(req);
  if (!p.ok()) {
    return std::move(p).diags();
  }
  migrate::ApplyTarget t;
  t.dry_run = true;
  t.to_version = to_version;
  t.amount = amount;
  MigrateRun run = ToRun(migrate::Apply(*p->driver, p->dir, p->options, t));
  if (!run.ok()) {
    return std::move(run.error);
  }
  return run;
}

MigrateRun MigrateOps::Apply(const MigrateRequest& req, const std::string& to_version,
                             size_t amount) const {
  auto p = impl_->Prepare(req);
  if (!p.ok()) {
    MigrateRun run;
    run.error = std::move(p).diags();
    return run;
  }
  migrate::ApplyTarget t;
  t.to_version = to_version;
  t.amount = amount;
  return ToRun(migrate::Apply(*p->driver, p->dir, p->options, t));
}

namespace {

// The exclude pattern hiding the revisions table from the down diff (realm-bound: the whole
// `atlas_schema_revisions` schema; schema-bound: the table in the bound schema).
std::string RevisionsPattern(const drivers::Driver& drv, const std::string& revisions_schema) {
  if (revisions_schema.empty() || revisions_schema == drv.BoundSchema()) {
    return "atlas_schema_revisions";
  }
  return revisions_schema + ".atlas_schema_revisions";
}

// The versions to revert (newest first) and the version that remains current.
struct DownTarget {
  std::string current;
  std::string target;
  std::vector<std::string> reverted;
};

Result<DownTarget> ComputeDownTarget(const std::vector<drivers::Revision>& revisions,
                                     const migrate::Dir& dir, const MigrateDownRequest& req) {
  std::vector<std::string> executed;
  for (const auto& r : revisions) {
    if ((r.type & drivers::kRevisionExecuted) != 0) {
      executed.push_back(r.version);
    }
  }
  DownTarget out;
  if (!revisions.empty()) {
    out.current = revisions.back().version;
  }
  if (!req.to_version.empty()) {
    const bool known = std::any_of(dir.files.begin(), dir.files.end(), [&](const migrate::File& f) {
      return f.Version() == req.to_version;
    });
    if (!known) {
      return base::Error("Invalid target version",
                         fmt::format("migration version \"{}\" was not found in the migration "
                                     "directory",
                                     req.to_version));
    }
    for (auto it = executed.rbegin(); it != executed.rend() && *it > req.to_version; ++it) {
      out.reverted.push_back(*it);
    }
    out.target = out.reverted.empty() ? out.current : req.to_version;
    return out;
  }
  const size_t n = std::min(req.amount == 0 ? size_t{1} : req.amount, executed.size());
  for (size_t i = 0; i < n; ++i) {
    out.reverted.push_back(executed[executed.size() - 1 - i]);
  }
  out.target = executed.size() > n ? executed[executed.size() - 1 - n] : std::string();
  return out;
}

// The files of the directory up to `target` as scripts to replay on the dev database (txtar files
// contribute their migration section).
Result<std::vector<SqlScript>> ReplayScripts(const migrate::Dir& dir, const std::string& target,
                                             sql::DialectKind dialect) {
  std::vector<SqlScript> out;
  if (target.empty()) {
    return out;
  }
  for (const auto& f : dir.files) {
    if (f.Version() > target) {
      break;
    }
    auto parsed = migrate::ParseFile(f, dialect);
    if (!parsed.ok()) {
      return std::move(parsed).diags();
    }
    if (!parsed->directives.txtar) {
      out.push_back({f.name, f.bytes});
      continue;
    }
    std::string body;
    for (const auto& st : parsed->statements) {
      body += st.text + "\n";
    }
    out.push_back({f.name, body});
  }
  return out;
}

sql::DialectKind KindOfDriver(std::string_view name) {
  return KindOf(std::string(name));
}

}  // namespace

Result<MigrateSetResult> MigrateOps::Set(const MigrateRequest& req,
                                         const std::string& version) const {
  auto p = impl_->Prepare(req);
  if (!p.ok()) {
    return std::move(p).diags();
  }
  drivers::Migrator* m = p->driver->migrator();
  if (m == nullptr) {
    return base::Error(
        "Versioned migrations not supported",
        fmt::format("the {} driver does not support versioned migrations yet", p->driver->Name()));
  }
  auto lock = m->Lock(migrate::kLockName, req.lock_timeout_ms);
  if (!lock.ok()) {
    return base::Error("acquiring database lock", lock.ErrorString());
  }
  if (auto st = m->SetRevisionsSchema(req.revisions_schema); !st.ok()) {
    return std::move(st).diags();
  }
  if (auto st = m->InitRevisions(); !st.ok()) {
    return std::move(st).diags();
  }
  auto revs = m->ReadRevisions();
  if (!revs.ok()) {
    return std::move(revs).diags();
  }
  const auto& files = p->dir.files;
  std::string target = version;
  if (target.empty()) {
    if (revs->empty()) {
      return base::Error("Missing version", "accepts 1 arg(s), received 0");
    }
    if (!files.empty()) {
      target = files.back().Version();
    }
  } else if (std::none_of(files.begin(), files.end(),
                          [&](const migrate::File& f) { return f.Version() == target; })) {
    return base::Error("Unknown version",
                       fmt::format("migration with version \"{}\" not found", target));
  }
  const migrate::HashFile sum = migrate::ComputeHashFile(files);
  if (auto st = m->Begin(); !st.ok()) {
    return std::move(st).diags();
  }
  struct Tx {
    drivers::Migrator& m;
    bool done = false;
    ~Tx() {
      if (!done) {
        m.Rollback();
      }
    }
  } tx{*m};
  MigrateSetResult out;
  std::string last;
  for (auto& r : *revs) {
    if (r.version > target) {
      if (auto st = m->DeleteRevision(r.version); !st.ok()) {
        return std::move(st).diags();
      }
      out.ops.push_back({false, r.version, r.description});
      continue;
    }
    last = r.version;
    if (r.version == target && (r.error.value_or("").empty() == false || r.applied != r.total)) {
      r.type = drivers::kRevisionExecuted | drivers::kRevisionResolved;
      if (auto st = m->WriteRevision(r); !st.ok()) {
        return std::move(st).diags();
      }
      out.ops.push_back({true, r.version, r.description});
    }
  }
  for (const auto& f : files) {
    if (f.Version() > target) {
      break;
    }
    if (!revs->empty() && f.Version() <= revs->back().version) {
      continue;
    }
    drivers::Revision rev;
    rev.version = f.Version();
    rev.description = f.Description();
    rev.type = drivers::kRevisionResolved;
    rev.executed_at = m->Now();
    rev.hash = sum.HashOf(f.name);
    rev.operator_version = req.operator_version;
    if (auto st = m->WriteRevision(rev); !st.ok()) {
      return std::move(st).diags();
    }
    out.ops.push_back({true, rev.version, rev.description});
    last = rev.version;
  }
  if (auto st = m->Commit(); !st.ok()) {
    return std::move(st).diags();
  }
  tx.done = true;
  std::sort(out.ops.begin(), out.ops.end(),
            [](const MigrateSetResult::Op& a, const MigrateSetResult::Op& b) {
              return a.version < b.version;
            });
  out.current = last;
  return out;
}

Result<std::string> MigrateOps::New(const std::string& dir, const std::string& name,
                                    const std::string& version) const {
  auto path = DirPath(dir);
  if (!path.ok()) {
    return std::move(path).diags();
  }
  std::string v = version;
  if (v.empty()) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::array<char, 16> buf{};
    std::strftime(buf.data(), buf.size(), "%Y%m%d%H%M%S", &utc);
    v = buf.data();
  }
  const std::string file = v + (name.empty() ? "" : "_" + name) + ".sql";
  std::error_code ec;
  std::filesystem::create_directories(*path, ec);
  const std::filesystem::path full = std::filesystem::path(*path) / file;
  if (std::filesystem::exists(full, ec)) {
    return base::Error("Migration file exists", fmt::format("{} already exists", full.string()));
  }
  {
    std::ofstream out(full, std::ios::binary);
    if (!out) {
      return base::Error("Cannot create migration file", full.string());
    }
  }
  auto d = migrate::ReadDir(*path);
  if (!d.ok()) {
    return std::move(d).diags();
  }
  if (auto st = migrate::WriteHashFile(*d); !st.ok()) {
    return std::move(st).diags();
  }
  return file;
}

Result<std::string> MigrateOps::Diff(const MigrateDiffRequest& req) const {
  if (req.dev_url.empty()) {
    return base::Error("Dev database required",
                       "migrate diff replays the directory and loads the desired state on a dev "
                       "database; set --dev-url");
  }
  if (req.to.empty()) {
    return base::Error("Missing desired state", "--to is required");
  }
  auto path = DirPath(req.dir);
  if (!path.ok()) {
    return std::move(path).diags();
  }
  std::error_code ec;
  std::filesystem::create_directories(*path, ec);  // as Atlas, diff creates a missing directory
  auto dir = migrate::ReadDir(*path);
  if (!dir.ok()) {
    return std::move(dir).diags();
  }
  if (!dir->files.empty() || dir->sum) {
    if (auto st = migrate::Validate(*dir); !st.ok()) {
      return std::move(st).diags();
    }
  }
  auto dev = impl_->Open(req.dev_url);
  if (!dev.ok()) {
    return std::move(dev).diags();
  }
  auto scripts = ReplayScripts(*dir, dir->LatestVersion(), KindOfDriver((*dev)->Name()));
  if (!scripts.ok()) {
    return std::move(scripts).diags();
  }
  SchemaSource from;
  from.from_scripts = true;
  from.scripts = std::move(*scripts);
  SchemaSource to;
  to.urls = req.to;
  auto plan = impl_->schema_ops.DiffSources(from, to, req.dev_url, req.dev_url, req.exclude, "  ");
  if (!plan.ok()) {
    return std::move(plan).diags();
  }
  if (plan->empty()) {
    return std::string();
  }
  auto file = New(req.dir, req.name, req.version);
  if (!file.ok()) {
    return file;
  }
  const std::filesystem::path full = std::filesystem::path(*path) / *file;
  {
    std::ofstream out(full, std::ios::binary | std::ios::trunc);
    out << plan->ToSql();
    if (!out) {
      return base::Error("Cannot write migration file", full.string());
    }
  }
  auto again = migrate::ReadDir(*path);
  if (!again.ok()) {
    return std::move(again).diags();
  }
  if (auto st = migrate::WriteHashFile(*again); !st.ok()) {
    return std::move(st).diags();
  }
  return file;
}

namespace {

// What a down migration reverts and the schema request that computes (and runs) it: the target
// database towards the directory replayed up to the target version, revisions table excluded.
struct DownSetup {
  MigrateDown down;  // current, target, reverted; plan still empty
  SchemaApplyRequest request;
};

Result<DownSetup> SetUpDown(const MigrateDownRequest& req, drivers::Driver& driver,
                            const migrate::Dir& dir, const migrate::ExecutorOptions& options) {
  if (req.dev_url.empty()) {
    return base::Error("Dev database required",
                       "a down migration replays the migration directory up to the target version "
                       "on a dev database to compute the state to return to; set dev_url");
  }
  if (auto st = migrate::Validate(dir); !st.ok()) {
    return std::move(st).diags();
  }
  auto rep = migrate::Status(driver, dir, options);
  if (!rep.ok()) {
    return std::move(rep).diags();
  }
  auto target = ComputeDownTarget(rep->applied, dir, req);
  if (!target.ok()) {
    return std::move(target).diags();
  }
  DownSetup out;
  out.down.current = target->current;
  out.down.target = target->target;
  out.down.reverted = target->reverted;
  if (out.down.reverted.empty()) {
    return out;
  }
  auto scripts = ReplayScripts(dir, out.down.target, KindOfDriver(driver.Name()));
  if (!scripts.ok()) {
    return std::move(scripts).diags();
  }
  out.request.url = req.migrate.url;
  out.request.dev_url = req.dev_url;
  out.request.desired.from_scripts = true;
  out.request.desired.scripts = std::move(*scripts);
  out.request.exclude = {RevisionsPattern(driver, req.migrate.revisions_schema)};
  out.request.tx_mode = req.migrate.tx_mode;
  return out;
}

}  // namespace

Result<MigrateDown> MigrateOps::PlanDown(const MigrateDownRequest& req) const {
  auto p = impl_->Prepare(req.migrate);
  if (!p.ok()) {
    return std::move(p).diags();
  }
  auto setup = SetUpDown(req, *p->driver, p->dir, p->options);
  if (!setup.ok()) {
    return std::move(setup).diags();
  }
  if (setup->down.empty()) {
    return std::move(setup->down);
  }
  auto plan = impl_->schema_ops.PlanApply(setup->request);
  if (!plan.ok()) {
    return std::move(plan).diags();
  }
  setup->down.plan = std::move(*plan);
  return std::move(setup->down);
}

Result<MigrateDown> MigrateOps::Down(const MigrateDownRequest& req,
                                     const std::string& expected_fingerprint) const {
  auto p = impl_->Prepare(req.migrate);
  if (!p.ok()) {
    return std::move(p).diags();
  }
  drivers::Migrator* m = p->driver->migrator();
  if (m == nullptr) {
    return base::Error(
        "Versioned migrations not supported",
        fmt::format("the {} driver does not support versioned migrations yet", p->driver->Name()));
  }
  auto lock = m->Lock(migrate::kLockName, req.migrate.lock_timeout_ms);
  if (!lock.ok()) {
    base::Diagnostics d = std::move(lock).diags();
    for (auto& item : d.items()) {
      item.detail = item.summary + (item.detail.empty() ? "" : ": " + item.detail);
      item.summary = "acquiring database lock";
    }
    return d;
  }
  auto setup = SetUpDown(req, *p->driver, p->dir, p->options);
  if (!setup.ok()) {
    return std::move(setup).diags();
  }
  MigrateDown& down = setup->down;
  if (down.empty()) {
    return std::move(down);
  }
  // One computation under the lock: Apply plans (dev replay), compares with the fingerprint shown
  // at plan time when given, runs the data checks, then the statements.
  setup->request.expected_fingerprint = expected_fingerprint;
  setup->request.run_data_checks = true;
  auto applied = impl_->schema_ops.Apply(setup->request);
  if (!applied.ok()) {
    return std::move(applied).diags();
  }
  down.plan = std::move(applied->plan);
  if (auto st = m->SetRevisionsSchema(req.migrate.revisions_schema); !st.ok()) {
    return std::move(st).diags();
  }
  for (const auto& v : down.reverted) {
    if (auto st = m->DeleteRevision(v); !st.ok()) {
      base::Diagnostics d = std::move(st).diags();
      for (auto& item : d.items()) {
        item.detail += fmt::format(
            "\nThe schema was moved down to version \"{}\" but the revision of version \"{}\" "
            "could not be removed; run `atlas migrate set {}` to record the state.",
            down.target, v, down.target);
      }
      return d;
    }
  }
  return std::move(down);
}

bool MigrateLintFile::HasError() const {
  return std::any_of(reports.begin(), reports.end(),
                     [](const MigrateLintReport& r) { return r.error && !r.diagnostics.empty(); });
}

namespace {

// The codes of a `-- atlas:nolint [codes]` comment: nullopt when `comment` is not one, empty when
// it names no code (everything is silenced).
std::optional<std::vector<std::string>> NolintOf(std::string_view comment) {
  if (comment.rfind("--", 0) != 0) {
    return std::nullopt;
  }
  comment.remove_prefix(2);
  while (!comment.empty() && (comment.front() == ' ' || comment.front() == '\t')) {
    comment.remove_prefix(1);
  }
  constexpr std::string_view kDirective = "atlas:nolint";
  if (comment.rfind(kDirective, 0) != 0) {
    return std::nullopt;
  }
  comment.remove_prefix(kDirective.size());
  if (!comment.empty() && comment.front() != ' ' && comment.front() != '\t') {
    return std::nullopt;
  }
  std::vector<std::string> codes;
  std::string cur;
  for (const char c : comment) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!cur.empty()) {
        codes.push_back(std::move(cur));
        cur.clear();
      }
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) {
    codes.push_back(std::move(cur));
  }
  return codes;
}

// Whether a nolint list silences a finding (codes or analyzer names; empty = everything).
bool Silenced(const std::optional<std::vector<std::string>>& nolint, const std::string& analyzer,
              const std::string& code) {
  if (!nolint) {
    return false;
  }
  return nolint->empty() || std::any_of(nolint->begin(), nolint->end(), [&](const std::string& c) {
           return c == code || c == analyzer;
         });
}

// Column equality ignoring the name.
bool SameColumnButName(schema::Column a, const schema::Column& b) {
  a.name = b.name;
  return a == b;
}

// Tables equal but for their names (and the names of what the database renames with them).
bool SameTableButName(const schema::Table& a, const schema::Table& b) {
  return a.columns == b.columns;
}

// Inspection sees a rename as a drop plus an add. When the statement that made `changes` is a
// rename (a RENAME word outside quotes and comments, or MySQL's CHANGE [COLUMN]), pairs of
// dropped/added tables, columns and indexes that are equal but for their names are turned back
// into RenameTable / RenameColumn / RenameIndex, so lint reports BC101/BC102 instead of a drop
// (DS102/DS103) and an add (MF101/MF103).
void RecoverRenames(std::vector<schema::Change>& changes, std::string_view statement,
                    sql::DialectKind kind) {
  const auto tokens = sql::Tokenize(statement, sql::SplitOptions::For(kind));
  const bool rename = sql::HasKeyword(tokens, "RENAME") ||
                      (kind == sql::DialectKind::kMysql && sql::HasKeyword(tokens, "CHANGE"));
  if (!rename) {
    return;
  }
  // Tables.
  for (size_t i = 0; i < changes.size(); ++i) {
    auto* dt = std::get_if<schema::DropTable>(&changes[i]);
    if (dt == nullptr) {
      continue;
    }
    for (size_t j = 0; j < changes.size(); ++j) {
      auto* at = std::get_if<schema::AddTable>(&changes[j]);
      if (at == nullptr || at->schema != dt->schema || !SameTableButName(dt->table, at->table)) {
        continue;
      }
      schema::RenameTable rt{dt->schema, std::move(dt->table), std::move(at->table)};
      changes[i] = std::move(rt);
      changes.erase(changes.begin() + static_cast<std::ptrdiff_t>(j));
      break;
    }
  }
  // Columns and indexes inside one table.
  for (auto& c : changes) {
    auto* mt = std::get_if<schema::ModifyTable>(&c);
    if (mt == nullptr) {
      continue;
    }
    auto& tcs = mt->changes;
    for (size_t i = 0; i < tcs.size(); ++i) {
      if (auto* dc = std::get_if<schema::DropColumn>(&tcs[i])) {
        for (size_t j = 0; j < tcs.size(); ++j) {
          auto* ac = std::get_if<schema::AddColumn>(&tcs[j]);
          if (ac != nullptr && SameColumnButName(dc->column, ac->column)) {
            schema::RenameColumn rc{std::move(dc->column), std::move(ac->column)};
            tcs[i] = std::move(rc);
            tcs.erase(tcs.begin() + static_cast<std::ptrdiff_t>(j));
            break;
          }
        }
      } else if (auto* di = std::get_if<schema::DropIndex>(&tcs[i])) {
        for (size_t j = 0; j < tcs.size(); ++j) {
          auto* ai = std::get_if<schema::AddIndex>(&tcs[j]);
          if (ai == nullptr) {
            continue;
          }
          schema::Index renamed = di->index;
          renamed.name = ai->index.name;
          if (renamed == ai->index) {
            schema::RenameIndex ri{std::move(di->index), std::move(ai->index)};
            tcs[i] = std::move(ri);
            tcs.erase(tcs.begin() + static_cast<std::ptrdiff_t>(j));
            break;
          }
        }
      }
    }
  }
}

// One linted unit of a migration file: a statement (or a folded sequence starting at it), the
// changes it made and the realms around it.
struct LintStep {
  size_t stmt = 0;   // index of the (first) statement in the parsed file
  std::string text;  // its text; the joined texts of a folded sequence
  std::vector<schema::Change> changes;
  std::shared_ptr<const schema::Realm> before;
  std::shared_ptr<const schema::Realm> after;
};

// SQLite's way to change a table beyond ALTER TABLE (sqlite.org/lang_altertable.html, "making
// other kinds of table schema changes"): CREATE TABLE new_t, copy the rows, DROP TABLE t, ALTER
// TABLE new_t RENAME TO t. Statement by statement that reads as a new table and a dropped one
// (DS102); as Atlas's sqlitecheck does, the four steps become one step holding the changes
// between the realm before the CREATE and the realm after the RENAME (a ModifyTable of t), at the
// position of the CREATE.
Result<std::vector<LintStep>> FoldTableRebuilds(std::vector<LintStep> steps,
                                                const diff::DiffOptions& dopts,
                                                const drivers::DiffHooks& hooks) {
  const auto added_new = [](const LintStep& s) -> const schema::AddTable* {
    if (s.changes.size() != 1) {
      return nullptr;
    }
    const auto* at = std::get_if<schema::AddTable>(&s.changes[0]);
    return at != nullptr && at->table.name.rfind("new_", 0) == 0 ? at : nullptr;
  };
  const auto drops = [](const LintStep& s, const std::string& schema_name,
                        const std::string& name) {
    if (s.changes.size() != 1) {
      return false;
    }
    const auto* dt = std::get_if<schema::DropTable>(&s.changes[0]);
    return dt != nullptr && dt->schema == schema_name && dt->table.name == name;
  };
  const auto renames = [](const LintStep& s, const std::string& from, const std::string& to) {
    if (s.changes.size() == 1) {
      const auto* rt = std::get_if<schema::RenameTable>(&s.changes[0]);
      return rt != nullptr && rt->from.name == from && rt->to.name == to;
    }
    if (s.changes.size() == 2) {
      const auto* dt = std::get_if<schema::DropTable>(&s.changes[0]);
      const auto* at = std::get_if<schema::AddTable>(&s.changes[1]);
      return dt != nullptr && at != nullptr && dt->table.name == from && at->table.name == to;
    }
    return false;
  };
  std::vector<LintStep> out;
  for (size_t i = 0; i < steps.size(); ++i) {
    const schema::AddTable* at = i + 3 < steps.size() ? added_new(steps[i]) : nullptr;
    if (at != nullptr) {
      const std::string temp = at->table.name;
      const std::string name = temp.substr(4);
      if (drops(steps[i + 2], at->schema, name) && renames(steps[i + 3], temp, name)) {
        auto changes = diff::Diff(*steps[i].before, *steps[i + 3].after, dopts, hooks);
        if (!changes.ok()) {
          return std::move(changes).diags();
        }
        LintStep folded;
        folded.stmt = steps[i].stmt;
        for (size_t k = i; k <= i + 3; ++k) {
          folded.text += (k > i ? "\n" : "") + steps[k].text;
        }
        folded.changes = std::move(*changes);
        folded.before = steps[i].before;
        folded.after = steps[i + 3].after;
        out.push_back(std::move(folded));
        i += 3;
        continue;
      }
    }
    out.push_back(std::move(steps[i]));
  }
  return out;
}

// Adds the findings of one statement to the file's reports (one report per analyzer).
void AddFindings(std::vector<lint::Report> found, const migrate::Statement& stmt,
                 const std::optional<std::vector<std::string>>& file_nolint,
                 const std::optional<std::vector<std::string>>& stmt_nolint,
                 const std::function<bool(const lint::Diagnostic&)>& skip,
                 std::vector<MigrateLintReport>& reports) {
  for (auto& r : found) {
    MigrateLintReport* into = nullptr;
    for (auto& existing : reports) {
      if (existing.analyzer == r.analyzer) {
        into = &existing;
      }
    }
    for (auto& d : r.diagnostics) {
      // `skip` drops findings on tables the file created; names are checked on new tables too.
      if (Silenced(file_nolint, r.analyzer, d.code) || Silenced(stmt_nolint, r.analyzer, d.code) ||
          (r.analyzer != "naming" && skip(d))) {
        continue;
      }
      if (into == nullptr) {
        reports.push_back({r.analyzer, r.text, r.error, {}});
        into = &reports.back();
      }
      MigrateLintDiagnostic out;
      out.line = stmt.line;
      out.pos = stmt.offset;
      out.link = d.Link();
      out.code = std::move(d.code);
      out.text = std::move(d.text);
      out.fix = std::move(d.suggested_fix);
      into->diagnostics.push_back(std::move(out));
    }
  }
}

int64_t NanosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                              start)
      .count();
}

}  // namespace

Result<MigrateLintResult> MigrateOps::Lint(const MigrateLintRequest& req) const {
  const auto started = std::chrono::steady_clock::now();
  if (req.dev_url.empty()) {
    return base::Error("Dev database required",
                       "migrate lint replays the migration files on a dev database to compute the "
                       "changes each statement makes; set --dev-url");
  }
  auto path = DirPath(req.dir);
  if (!path.ok()) {
    return std::move(path).diags();
  }
  auto dir = migrate::ReadDir(*path);
  if (!dir.ok()) {
    return std::move(dir).diags();
  }
  if (auto st = migrate::Validate(*dir); !st.ok()) {
    return std::move(st).diags();
  }
  const auto& files = dir->files;
  const size_t first =
      req.latest == 0 || req.latest >= files.size() ? 0 : files.size() - req.latest;
  MigrateLintResult out;
  base::Status st =
      impl_->schema_ops.WithDevDatabase(req.dev_url, [&](drivers::Driver& drv) -> base::Status {
        const lint::Registry& registry = drv.lint_analyzers();
        out.driver = std::string(drv.Name());
        out.total_files = files.size();
        if (first > 0) {
          out.from_version = files[first - 1].Version();
        }
        if (auto valid = registry.Validate(req.lint); !valid.ok()) {
          return valid;
        }
        const auto& analyzers = registry.analyzers();
        const sql::DialectKind kind = KindOfDriver(drv.Name());
        auto base_scripts =
            ReplayScripts(*dir, first == 0 ? std::string() : files[first - 1].Version(), kind);
        if (!base_scripts.ok()) {
          return std::move(base_scripts).diags();
        }
        for (const auto& script : *base_scripts) {
          if (auto run = drv.executor().ExecuteScript(script.content, script.name); !run.ok()) {
            return run;
          }
        }
        auto current = drv.inspector().InspectRealm({});
        if (!current.ok()) {
          return std::move(current).diags();
        }
        auto realm = std::make_shared<const schema::Realm>(std::move(*current));
        diff::DiffOptions dopts;
        dopts.bound_schema = drv.BoundSchema();
        for (size_t i = first; i < files.size(); ++i) {
          const auto file_started = std::chrono::steady_clock::now();
          auto parsed = migrate::ParseFile(files[i], kind);
          if (!parsed.ok()) {
            return std::move(parsed).diags();
          }
          MigrateLintFile lf;
          lf.name = files[i].name;
          lf.version = files[i].Version();
          lf.text = files[i].bytes;
          const auto& file_nolint = parsed->directives.nolint;
          lf.skipped = file_nolint.has_value() && file_nolint->empty();
          const std::string tx_mode = parsed->directives.txmode.value_or("");
          const lint::Pass::File pass_file{files[i].name, tx_mode};
          // Tables this file creates: changes to them (a unique index, a NOT NULL column) cannot
          // fail on existing rows and dropping them loses nothing, so data_depend and destructive
          // findings on them are dropped (Atlas's sqlcheck does the same with the file's table
          // spans).
          // Phase 1: run every statement and record the changes it made (with the realm before
          // it). Executed even when the file is not linted: later files build on its changes.
          std::vector<LintStep> steps;
          for (size_t k = 0; k < parsed->statements.size(); ++k) {
            const auto& stmt = parsed->statements[k];
            base::Status ran = drv.migrator() != nullptr
                                   ? drv.migrator()->Exec(stmt.text)
                                   : drv.executor().ExecuteScript(stmt.text, files[i].name);
            if (!ran.ok()) {
              base::Diagnostics d = std::move(ran).diags();
              for (auto& item : d.items()) {
                item.summary = fmt::format("{}:{}: executing on the dev database: {}",
                                           files[i].name, stmt.line, item.summary);
              }
              return d;
            }
            auto next = drv.inspector().InspectRealm({});
            if (!next.ok()) {
              return std::move(next).diags();
            }
            auto after = std::make_shared<const schema::Realm>(std::move(*next));
            if (!lf.skipped) {
              auto changes = diff::Diff(*realm, *after, dopts, drv.diff_hooks());
              if (!changes.ok()) {
                return std::move(changes).diags();
              }
              RecoverRenames(*changes, stmt.text, kind);
              steps.push_back({k, stmt.text, std::move(*changes), realm, after});
            }
            realm = std::move(after);
          }
          // Phase 2: SQLite rebuilds a table to change it (CREATE new_t, copy, DROP t, RENAME
          // new_t TO t); the four statements are linted as the one table change they make.
          if (kind == sql::DialectKind::kSqlite) {
            auto folded = FoldTableRebuilds(std::move(steps), dopts, drv.diff_hooks());
            if (!folded.ok()) {
              return std::move(folded).diags();
            }
            steps = std::move(*folded);
          }
          // Phase 3: lint each statement's changes. Tables and schemas this file creates: changes
          // to them (a unique index, a NOT NULL column) cannot fail on existing rows and dropping
          // them loses nothing, so findings on them are dropped, except naming (Atlas's sqlcheck
          // does the same with the file's table spans).
          std::vector<std::string_view> file_texts;
          for (const auto& parsed_stmt : parsed->statements) {
            file_texts.push_back(parsed_stmt.text);
          }
          std::set<std::pair<std::string, std::string>> created;
          std::set<std::string> created_schemas;
          for (const auto& step : steps) {
            const auto& stmt = parsed->statements[step.stmt];
            const auto& changes = step.changes;
            lf.changes += changes.size();
            if (!changes.empty()) {
              std::optional<std::vector<std::string>> stmt_nolint;
              for (const auto& c : stmt.comments) {
                if (auto codes = NolintOf(c)) {
                  if (!stmt_nolint) {
                    stmt_nolint.emplace();
                  }
                  if (codes->empty()) {
                    stmt_nolint->clear();
                    break;
                  }
                  stmt_nolint->insert(stmt_nolint->end(), codes->begin(), codes->end());
                }
              }
              lint::Pass pass;
              pass.changes = changes;
              pass.current = step.before.get();
              pass.dialect = drv.Name();
              pass.source = step.text;
              pass.file = &pass_file;
              pass.file_statements = file_texts;
              pass.file_position = step.stmt;
              pass.config = &req.lint;
              const auto on_created = [&](const lint::Diagnostic& d) {
                if (d.change_index < 0 || static_cast<size_t>(d.change_index) >= changes.size()) {
                  return false;
                }
                const auto& c = changes[static_cast<size_t>(d.change_index)];
                if (const auto* mt = std::get_if<schema::ModifyTable>(&c)) {
                  return created.count({mt->schema, mt->from.name}) > 0;
                }
                if (const auto* dt = std::get_if<schema::DropTable>(&c)) {
                  return created.count({dt->schema, dt->table.name}) > 0;
                }
                if (const auto* rt = std::get_if<schema::RenameTable>(&c)) {
                  return created.count({rt->schema, rt->from.name}) > 0;
                }
                if (const auto* ds = std::get_if<schema::DropSchema>(&c)) {
                  return created_schemas.count(ds->schema.name) > 0;
                }
                return false;
              };
              AddFindings(registry.Run(pass), stmt, file_nolint, stmt_nolint, on_created,
                          lf.reports);
            }
            for (const auto& c : changes) {
              if (const auto* as = std::get_if<schema::AddSchema>(&c)) {
                created_schemas.insert(as->schema.name);
              } else if (const auto* at = std::get_if<schema::AddTable>(&c)) {
                created.insert({at->schema, at->table.name});
              } else if (const auto* rt = std::get_if<schema::RenameTable>(&c);
                         rt != nullptr && created.count({rt->schema, rt->from.name}) > 0) {
                created.insert({rt->schema, rt->to.name});
              }
            }
          }
          // Reports in analyzer order, as Atlas prints them.
          const auto rank = [&](const MigrateLintReport& r) {
            for (size_t k = 0; k < analyzers.size(); ++k) {
              if (analyzers[k]->Name() == r.analyzer) {
                return k;
              }
            }
            return analyzers.size();
          };
          std::stable_sort(lf.reports.begin(), lf.reports.end(),
                           [&](const MigrateLintReport& a, const MigrateLintReport& b) {
                             return rank(a) < rank(b);
                           });
          lf.nanos = NanosSince(file_started);
          out.has_error = out.has_error || lf.HasError();
          out.files.push_back(std::move(lf));
        }
        return base::Status::Ok();
      });
  if (!st.ok()) {
    return std::move(st).diags();
  }
  out.nanos = NanosSince(started);
  return out;
}

std::string GoDuration(int64_t nanos) {
  if (nanos == 0) {
    return "0s";
  }
  auto trim = [](std::string s) {
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') {
        s.pop_back();
      }
      if (s.back() == '.') {
        s.pop_back();
      }
    }
    return s;
  };
  const double n = static_cast<double>(nanos);
  if (nanos < 1000) {
    return fmt::format("{}ns", nanos);
  }
  if (nanos < 1000000) {
    return trim(fmt::format("{:.3f}", n / 1e3)) + "µs";
  }
  if (nanos < 1000000000) {
    return trim(fmt::format("{:.6f}", n / 1e6)) + "ms";
  }
  if (nanos < 60LL * 1000000000) {
    return trim(fmt::format("{:.9f}", n / 1e9)) + "s";
  }
  const int64_t mins = nanos / (60LL * 1000000000);
  const int64_t rest = nanos % (60LL * 1000000000);
  if (mins < 60) {
    return fmt::format("{}m{}", mins,
                       trim(fmt::format("{:.9f}", static_cast<double>(rest) / 1e9)) + "s");
  }
  return fmt::format("{}h{}m{}", mins / 60, mins % 60,
                     trim(fmt::format("{:.9f}", static_cast<double>(rest) / 1e9)) + "s");
}

}  // namespace atlas::engine::ops
