#include "engine/ops/migrate_ops.hpp"

#include <fmt/format.h>

#include "engine/drivers/registry.hpp"
#include "engine/migrate/dir.hpp"
#include "engine/migrate/executor.hpp"
#include "engine/migrate/file.hpp"
#include "engine/ops/dialects.hpp"
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
    return base::Error("Unsupported migration directory",
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
        return base::Error("Unsupported migration directory format",
                           fmt::format("unsupported directory format \"{}\": only \"atlas\" is supported", *format));
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

Result<MigrateRun> MigrateOps::Plan(const MigrateRequest& req, const std::string& to_version, size_t amount) const {
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

MigrateRun MigrateOps::Apply(const MigrateRequest& req, const std::string& to_version, size_t amount) const {
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
    return fmt::format("{}m{}", mins, trim(fmt::format("{:.9f}", static_cast<double>(rest) / 1e9)) + "s");
  }
  return fmt::format("{}h{}m{}", mins / 60, mins % 60,
                     trim(fmt::format("{:.9f}", static_cast<double>(rest) / 1e9)) + "s");
}

}  // namespace atlas::engine::ops
