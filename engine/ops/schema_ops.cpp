#include "engine/ops/schema_ops.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/base/hash.hpp"
#include "engine/diff/diff.hpp"
#include "engine/drivers/exclude.hpp"
#include "engine/drivers/registry.hpp"
#include "engine/hcl/format.hpp"
#include "engine/hcl/parser.hpp"
#include "engine/hcl/writer.hpp"
#include "engine/lint/registry.hpp"
#include "engine/ops/dialects.hpp"
#include "engine/spec/decode.hpp"
#include "engine/spec/print.hpp"
#include "engine/sql/builder.hpp"
#include "engine/url/url.hpp"

namespace atlas::engine::ops {

namespace {

namespace fs = std::filesystem;

// How long an operation waits for another process to finish with a shared dev database.
constexpr std::chrono::milliseconds kDevLockTimeout{60000};
using base::Diagnostic;
using base::Diagnostics;
using base::Result;
using base::Status;

// Dev databases shared by concurrent operations of one process are used one at a time.
class DevLocks {
 public:
  std::unique_lock<std::mutex> Lock(const std::string& key) {
    std::mutex* m = nullptr;
    {
      const std::lock_guard<std::mutex> guard(mu_);
      auto& slot = locks_[key];
      if (!slot) {
        slot = std::make_unique<std::mutex>();
      }
      m = slot.get();
    }
    return std::unique_lock<std::mutex>(*m);
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<std::mutex>> locks_;  // guarded by mu_
};

Result<plan::TxMode> ParseTxMode(std::string_view s) {
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
                     fmt::format("unknown tx_mode \"{}\": expected one of file, all, none", s));
}

diff::SkipPolicy SkipOf(const DiffPolicy& p) {
  diff::SkipPolicy s;
  s.add_schema = p.add_schema;
  s.drop_schema = p.drop_schema;
  s.modify_schema = p.modify_schema;
  s.add_table = p.add_table;
  s.drop_table = p.drop_table;
  s.modify_table = p.modify_table;
  s.add_column = p.add_column;
  s.drop_column = p.drop_column;
  s.modify_column = p.modify_column;
  s.add_index = p.add_index;
  s.drop_index = p.drop_index;
  s.modify_index = p.modify_index;
  s.add_foreign_key = p.add_foreign_key;
  s.drop_foreign_key = p.drop_foreign_key;
  s.modify_foreign_key = p.modify_foreign_key;
  return s;
}

bool IsDestructive(const schema::Change& c) {
  return std::visit(
      schema::Overloaded{
          [](const schema::DropSchema&) { return true; },
          [](const schema::DropTable&) { return true; },
          [](const schema::DropView&) { return true; },
          [](const schema::DropTrigger&) { return true; },
          [](const schema::DropEnum&) { return true; },
          [](const schema::DropSequence&) { return true; },
          [](const schema::DropExtension&) { return true; },
          [](const schema::ModifyTable& m) {
            return std::any_of(m.changes.begin(), m.changes.end(), [](const schema::TableChange& tc) {
              return std::holds_alternative<schema::DropColumn>(tc) ||
                     std::holds_alternative<schema::DropIndex>(tc) ||
                     std::holds_alternative<schema::DropForeignKey>(tc) ||
                     std::holds_alternative<schema::DropCheck>(tc) ||
                     std::holds_alternative<schema::DropExclusion>(tc) ||
                     std::holds_alternative<schema::DropPrimaryKey>(tc);
            });
          },
          [](const auto&) { return false; },
      },
      c);
}

SchemaPlan ToSchemaPlan(const plan::Plan& p, const std::vector<schema::Change>& changes) {
  SchemaPlan out;
  std::string fp;
  for (const auto& s : p.statements) {
    PlannedStatement ps;
    ps.sql = s.sql;
    ps.comment = s.comment;
    ps.transactional = s.transactional;
    if (s.change_index >= 0 && static_cast<size_t>(s.change_index) < changes.size()) {
      ps.destructive = IsDestructive(changes[static_cast<size_t>(s.change_index)]);
    }
    fp += s.sql;
    fp += '\n';
    out.statements.push_back(std::move(ps));
  }
  out.fingerprint = base::Hex(base::Sha256(fp));
  return out;
}

// Lint findings of a plan, each pointing at the first statement of the change behind it.
std::vector<LintReport> LintOf(const lint::Registry& registry,
                               const std::vector<schema::Change>& changes,
                               const schema::Realm& current, std::string_view dialect,
                               const plan::Plan& p, const lint::Config* config = nullptr) {
  lint::Pass pass;
  pass.config = config;
  pass.changes = changes;
  pass.current = &current;
  pass.dialect = dialect;
  pass.statements = p.statements;
  std::vector<LintReport> out;
  for (auto& r : registry.Run(pass)) {
    LintReport report;
    report.analyzer = r.analyzer;
    report.text = r.text;
    report.error = r.error;
    for (auto& d : r.diagnostics) {
      LintFinding f;
      f.link = d.Link();
      f.code = std::move(d.code);
      f.text = std::move(d.text);
      f.suggested_fix = std::move(d.suggested_fix);
      f.statement_index = d.statement_index;
      if (d.statement_index >= 0) {
        f.statement = p.statements[static_cast<size_t>(d.statement_index)].sql + ";";
      }
      report.findings.push_back(std::move(f));
    }
    out.push_back(std::move(report));
  }
  return out;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Files named by a file:// URL: one file, or the .hcl and .sql files directly in a directory (sorted).
struct LocalFiles {
  std::vector<spec::SourceFile> hcl;
  std::vector<spec::SourceFile> sql;
};

Status CollectFiles(const url::Url& u, LocalFiles& out) {
  std::string path = u.FilePath();
  if (path.empty()) {
    path = u.path();
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return base::Error("Schema source not found", fmt::format("no such file or directory: {}", path));
  }
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.is_regular_file()) {
        files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
  } else {
    files.emplace_back(path);
  }
  for (const auto& f : files) {
    const auto ext = f.extension().string();
    if (ext == ".hcl") {
      out.hcl.push_back({f.string(), ReadFile(f)});
    } else if (ext == ".sql") {
      out.sql.push_back({f.string(), ReadFile(f)});
    } else if (!fs::is_directory(path, ec)) {
      return base::Error("Unsupported schema file",
                         fmt::format("{}: expected a .hcl or .sql file", f.string()));
    }
  }
  if (out.hcl.empty() && out.sql.empty()) {
    return base::Error("Empty schema source",
                       fmt::format("{} contains no .hcl or .sql files", path));
  }
  return Status::Ok();
}

// When a schema-bound connection is the target, a single desired schema is the bound one, whatever its name
// in the source (Atlas's behaviour).
void AlignToBoundSchema(schema::Realm& realm, const std::string& bound) {
  if (bound.empty() || realm.schemas.size() != 1) {
    return;
  }
  realm.schemas.front().name = bound;
  for (auto& t : realm.schemas.front().tables) {
    for (auto& fk : t.foreign_keys) {
      fk.ref_schema.clear();
    }
  }
}

// Checks that the data a plan deletes is not there: dropped tables (also inside a dropped schema)
// must be empty, dropped columns must hold only NULLs.
std::vector<DataCheck> DataChecks(const std::vector<schema::Change>& changes,
                                  const drivers::Driver& drv) {
  std::vector<DataCheck> out;
  const std::optional<std::string> qualifier =
      drv.SchemaBound() ? std::optional<std::string>("") : std::nullopt;
  const auto table_empty = [&](const std::string& schema, const std::string& table) {
    sql::Builder inner(drv.dialect(), qualifier);
    inner.Kw("SELECT 1 FROM").Table(schema, table);
    sql::Builder b(drv.dialect(), qualifier);
    b.Kw("SELECT NOT EXISTS").Paren(sql::Raw{inner.String()});
    out.push_back({b.String(), fmt::format("table \"{}\" is not empty: dropping it would delete its rows",
                                           table)});
  };
  for (const auto& change : changes) {
    if (const auto* ds = std::get_if<schema::DropSchema>(&change)) {
      for (const auto& t : ds->schema.tables) {
        table_empty(ds->schema.name, t.name);
      }
    } else if (const auto* dt = std::get_if<schema::DropTable>(&change)) {
      table_empty(dt->schema, dt->table.name);
    } else if (const auto* mt = std::get_if<schema::ModifyTable>(&change)) {
      for (const auto& tc : mt->changes) {
        const auto* dc = std::get_if<schema::DropColumn>(&tc);
        if (dc == nullptr) {
          continue;
        }
        sql::Builder inner(drv.dialect(), qualifier);
        inner.Kw("SELECT 1 FROM")
            .Table(mt->schema, mt->from.name)
            .Kw("WHERE")
            .Ident(dc->column.name)
            .Kw("IS NOT NULL");
        sql::Builder b(drv.dialect(), qualifier);
        b.Kw("SELECT NOT EXISTS").Paren(sql::Raw{inner.String()});
        out.push_back({b.String(),
                       fmt::format("column \"{}\" of table \"{}\" holds values: dropping it would "
                                   "delete them",
                                   dc->column.name, mt->from.name)});
      }
    }
  }
  return out;
}

}  // namespace

struct SchemaOps::Impl {
  drivers::Registry registry;
  mutable DevLocks dev_locks;

  Impl() { drivers::RegisterBuiltinDrivers(registry); }

  Result<std::unique_ptr<drivers::Driver>> Open(const std::string& text) const {
    auto u = url::Url::Parse(text);
    if (!u.ok()) {
      return std::move(u).diags();
    }
    return registry.Open(*u);
  }

  // The dev database for a target: explicit dev_url, else an in-memory SQLite database for SQLite targets.
  static std::string DevUrlFor(const std::string& dev_url, const drivers::Driver* target) {
    if (!dev_url.empty()) {
      return dev_url;
    }
    if (target != nullptr && target->Name() == "sqlite") {
      return "sqlite://dev?mode=memory";
    }
    return "";
  }

  // Loads `desired` as a realm in the dialect of `dialect_driver` (target or dev driver name), normalized through
  // the dev database when one is available.
  Result<schema::Realm> LoadDesired(const SchemaSource& source, std::string_view dialect_name,
                                    const std::string& dev_url, const std::string& bound_schema) const {
    const spec::Dialect* dialect = SpecDialect(dialect_name);
    if (dialect == nullptr) {
      return base::Error("Unsupported dialect",
                         fmt::format("no HCL schema support for driver \"{}\" yet", dialect_name));
    }
    LocalFiles files;
    std::vector<std::string> db_urls;
    const std::vector<std::string> no_urls;
    if (source.from_scripts) {
      for (const auto& script : source.scripts) {
        files.sql.push_back({script.name, script.content});
      }
    } else if (source.urls.empty()) {
      files.hcl.push_back({source.filename, source.hcl});
    }
    for (const auto& text : source.from_scripts ? no_urls : source.urls) {
      auto u = url::Url::Parse(text);
      if (!u.ok()) {
        return std::move(u).diags();
      }
      if (u->scheme() == "file") {
        if (auto st = CollectFiles(*u, files); !st.ok()) {
          return std::move(st).diags();
        }
      } else {
        db_urls.push_back(text);
      }
    }
    if (!files.hcl.empty() && !files.sql.empty()) {
      return base::Error("Mixed schema sources",
                         "a desired schema is either HCL files or SQL files, not both");
    }
    if (!db_urls.empty() && (!files.hcl.empty() || !files.sql.empty())) {
      return base::Error("Mixed schema sources",
                         "a desired schema is either files or one database URL, not both");
    }
    if (!db_urls.empty()) {
      if (db_urls.size() > 1) {
        return base::Error("Too many schema sources", "only one database URL can be the desired state");
      }
      auto drv = Open(db_urls.front());
      if (!drv.ok()) {
        return std::move(drv).diags();
      }
      auto realm = (*drv)->inspector().InspectRealm({});
      if (!realm.ok()) {
        return std::move(realm).diags();
      }
      AlignToBoundSchema(*realm, bound_schema);
      return realm;
    }

    std::optional<schema::Realm> decoded;
    if (!files.hcl.empty()) {
      auto r = spec::DecodeFiles(files.hcl, *dialect);
      if (!r.ok()) {
        return std::move(r).diags();
      }
      decoded = std::move(*r);
    }
    if (dev_url.empty()) {
      if (!files.sql.empty() || source.from_scripts) {
        return base::Error(
            "Dev database required",
            "a desired schema written in SQL is loaded by executing it on a dev database and inspecting "
            "the result; set dev_url (for example \"sqlite://dev?mode=memory\" or a dedicated empty "
            "PostgreSQL/MySQL database)");
      }
      AlignToBoundSchema(*decoded, bound_schema);
      return std::move(*decoded);
    }

    std::optional<schema::Realm> normalized;
    Status st = WithDev(dev_url, [&](drivers::Driver& drv) -> Status {
      return LoadInto(drv, files, source.from_scripts, decoded, bound_schema, normalized);
    });
    if (!st.ok()) {
      return std::move(st).diags();
    }
    return std::move(*normalized);
  }

  // Runs `fn` on the dev database at `dev_url`: opened, locked within the process (DevLocks) and
  // across processes (the driver's lease), reset before and reset again afterwards.
  Status WithDev(const std::string& dev_url,
                 const std::function<Status(drivers::Driver&)>& fn) const {
    auto dev = Open(dev_url);
    if (!dev.ok()) {
      Diagnostics d = std::move(dev).diags();
      for (auto& item : d.items()) {
        item.summary = "Opening the dev database: " + item.summary;
      }
      return d;
    }
    auto& drv = **dev;
    auto lock = dev_locks.Lock(dev_url);
    if (drv.dev() == nullptr) {
      return base::Error("Invalid dev database",
                         fmt::format("the {} driver cannot serve as a dev database", drv.Name()));
    }
    // Across processes (several Terraform runs on one dev database): the driver's lock.
    auto lease = drv.dev()->Acquire(kDevLockTimeout);
    if (!lease.ok()) {
      Diagnostics d = std::move(lease).diags();
      for (auto& item : d.items()) {
        item.summary = "Locking the dev database: " + item.summary;
      }
      return d;
    }
    if (auto st = drv.dev()->Reset(); !st.ok()) {
      return st;
    }
    // Whatever happens next, leave the dev database clean.
    struct Cleanup {
      drivers::Driver& d;
      ~Cleanup() { (void)d.dev()->Reset(); }
    } cleanup{drv};
    return fn(drv);
  }

  // Loads the SQL files (or the decoded HCL realm) into the reset dev database and inspects it.
  static Status LoadInto(drivers::Driver& drv, const LocalFiles& files, bool from_scripts,
                         std::optional<schema::Realm>& decoded, const std::string& bound_schema,
                         std::optional<schema::Realm>& result) {
    if (!files.sql.empty() || from_scripts) {
      for (const auto& f : files.sql) {
        if (auto st = drv.executor().ExecuteScript(f.content, f.name); !st.ok()) {
          return std::move(st).diags();
        }
      }
    } else {
      schema::Realm target = std::move(*decoded);
      AlignToBoundSchema(target, drv.BoundSchema());
      auto empty = drv.inspector().InspectRealm({});
      if (!empty.ok()) {
        return std::move(empty).diags();
      }
      diff::DiffOptions dopts;
      dopts.bound_schema = drv.BoundSchema();
      auto changes = diff::Diff(*empty, target, dopts, drv.diff_hooks());
      if (!changes.ok()) {
        return std::move(changes).diags();
      }
      drivers::PlanOptions popts;
      popts.current = &*empty;
      auto p = drv.planner().PlanChanges(*changes, popts);
      if (!p.ok()) {
        return std::move(p).diags();
      }
      if (auto st = drv.executor().ExecutePlan(*p, {}); !st.ok()) {
        Diagnostics d = std::move(st).diags();
        for (auto& item : d.items()) {
          item.summary = "Loading the desired schema into the dev database: " + item.summary;
        }
        return d;
      }
    }
    auto normalized = drv.inspector().InspectRealm({});
    if (!normalized.ok()) {
      return std::move(normalized).diags();
    }
    AlignToBoundSchema(*normalized, bound_schema);
    result = std::move(*normalized);
    return Status::Ok();
  }

  struct Planned {
    std::unique_ptr<drivers::Driver> target;
    std::vector<schema::Change> changes;
    plan::Plan plan;
    SchemaPlan schema_plan;
  };

  Result<Planned> PlanTo(const std::string& url_text, const std::string& dev_url, const SchemaSource& desired,
                         const std::vector<std::string>& exclude, const DiffPolicy& policy,
                         const std::function<Result<schema::Realm>(const schema::Realm& current,
                                                                   drivers::Driver& target)>& desired_fn,
                         const lint::Config* lint_config = nullptr)
      const {
    auto target = Open(url_text);
    if (!target.ok()) {
      return std::move(target).diags();
    }
    auto& drv = **target;
    if (lint_config != nullptr) {
      if (auto st = drv.lint_analyzers().Validate(*lint_config); !st.ok()) {
        return std::move(st).diags();
      }
    }
    drivers::InspectOptions iopts;
    iopts.exclude = exclude;
    // The desired state does not depend on the current one: it is loaded (decoded, normalized on
    // the dev database) on another thread while the target is inspected. It only uses its own
    // connections; the values it needs from the target driver are taken here.
    std::future<Result<schema::Realm>> loading;
    if (!desired_fn) {
      loading = std::async(
          std::launch::async,
          [this, &desired, name = std::string(drv.Name()), dev = DevUrlFor(dev_url, &drv),
           bound = drv.BoundSchema()] { return LoadDesired(desired, name, dev, bound); });
    }
    auto current = drv.inspector().InspectRealm(iopts);
    if (!current.ok()) {
      return std::move(current).diags();  // (the future's destructor waits for the loading)
    }
    Result<schema::Realm> want = desired_fn ? desired_fn(*current, drv) : loading.get();
    if (!want.ok()) {
      return std::move(want).diags();
    }
    diff::DiffOptions dopts;
    dopts.exclude = exclude;
    dopts.bound_schema = drv.BoundSchema();
    dopts.skip = SkipOf(policy);
    auto changes = diff::Diff(*current, *want, dopts, drv.diff_hooks());
    if (!changes.ok()) {
      return std::move(changes).diags();
    }
    drivers::PlanOptions popts;
    popts.current = &*current;
    popts.concurrent_index_create = policy.concurrent_index_create;
    popts.concurrent_index_drop = policy.concurrent_index_drop;
    auto p = drv.planner().PlanChanges(*changes, popts);
    if (!p.ok()) {
      return std::move(p).diags();
    }
    Planned out;
    out.schema_plan = ToSchemaPlan(*p, *changes);
    out.schema_plan.checks = DataChecks(*changes, drv);
    out.schema_plan.lint =
        LintOf(drv.lint_analyzers(), *changes, *current, drv.Name(), *p, lint_config);
    out.changes = std::move(*changes);
    out.plan = std::move(*p);
    out.target = std::move(*target);
    return out;
  }

  static Result<SchemaApplyResult> Execute(Planned& planned, const std::string& tx_mode,
                                           const std::string& expected_fingerprint,
                                           bool run_data_checks = false) {
    auto mode = ParseTxMode(tx_mode);
    if (!mode.ok()) {
      return std::move(mode).diags();
    }
    if (!expected_fingerprint.empty() && expected_fingerprint != planned.schema_plan.fingerprint) {
      std::string detail =
          "The database or the desired schema changed after the plan was made, so the statements apply "
          "would run differ from the ones shown at plan time. Nothing was executed. Run plan again and "
          "review the new statements. Statements apply would run now:\n";
      for (const auto& s : planned.schema_plan.statements) {
        detail += "\n" + s.sql + ";";
      }
      return base::Error("Plan is out of date", detail);
    }
    if (run_data_checks && !planned.schema_plan.checks.empty()) {
      drivers::Migrator* m = planned.target->migrator();
      if (m == nullptr) {
        return base::Error("Pre-migration checks not supported",
                           fmt::format("the {} driver cannot run pre-migration checks",
                                       planned.target->Name()));
      }
      for (const auto& check : planned.schema_plan.checks) {
        auto ok = m->QueryBool(check.sql);
        if (!ok.ok()) {
          return std::move(ok).diags();
        }
        if (!*ok) {
          Diagnostic d = Diagnostic::Error("Pre-migration check failed",
                                           check.message + ". Nothing was executed.");
          d.statement = check.sql;
          return Diagnostics(std::move(d));
        }
      }
    }
    if (!planned.plan.empty()) {
      drivers::ExecOptions eopts;
      eopts.tx_mode = *mode;
      if (auto st = planned.target->executor().ExecutePlan(planned.plan, eopts); !st.ok()) {
        return std::move(st).diags();
      }
    }
    SchemaApplyResult out;
    out.plan = planned.schema_plan;
    return out;
  }

  std::function<Result<schema::Realm>(const schema::Realm&, drivers::Driver&)> DropFn(
      const DropRequest& req) const {
    return [this, &req](const schema::Realm& current, drivers::Driver& target) -> Result<schema::Realm> {
      // The declared objects, by name, in the target's dialect (no dev round trip: only names matter).
      auto declared = LoadDesired(req.declared, target.Name(), "", target.BoundSchema());
      if (!declared.ok()) {
        return std::move(declared).diags();
      }
      return Without(current, *declared, !target.SchemaBound());
    };
  }

  // The current realm without the objects the declared schema holds.
  static schema::Realm Without(const schema::Realm& current, const schema::Realm& declared, bool realm_bound) {
    schema::Realm out = current;
    for (const auto& ds : declared.schemas) {
      schema::Schema* s = out.FindSchema(ds.name);
      if (s == nullptr) {
        continue;
      }
      auto erase_named = [](auto& vec, const auto& names) {
        vec.erase(std::remove_if(vec.begin(), vec.end(),
                                 [&](const auto& o) {
                                   return std::any_of(names.begin(), names.end(),
                                                      [&](const auto& n) { return n.name == o.name; });
                                 }),
                  vec.end());
      };
      erase_named(s->tables, ds.tables);
      erase_named(s->views, ds.views);
      erase_named(s->enums, ds.enums);
      erase_named(s->sequences, ds.sequences);
      const bool empty = s->tables.empty() && s->views.empty() && s->enums.empty() && s->sequences.empty() &&
                         s->unmanaged.empty();
      if (realm_bound && empty && ds.name != "public") {
        out.schemas.erase(std::remove_if(out.schemas.begin(), out.schemas.end(),
                                         [&](const schema::Schema& x) { return x.name == ds.name; }),
                          out.schemas.end());
      }
    }
    return out;
  }
};

SchemaOps::SchemaOps() : impl_(std::make_unique<Impl>()) {}
SchemaOps::~SchemaOps() = default;

std::string SchemaPlan::ToSql() const {
  std::string out;
  for (const auto& s : statements) {
    if (!s.comment.empty()) {
      out += "-- " + s.comment + "\n";
    }
    out += s.sql + ";\n";
  }
  return out;
}

std::vector<std::string> SchemaPlan::StatementTexts() const {
  std::vector<std::string> out;
  out.reserve(statements.size());
  for (const auto& s : statements) {
    out.push_back(s.sql + ";");
  }
  return out;
}

Result<SchemaPlan> SchemaOps::PlanApply(const SchemaApplyRequest& req) const {
  auto planned = impl_->PlanTo(req.url, req.dev_url, req.desired, req.exclude, req.policy, nullptr,
                               &req.lint);
  if (!planned.ok()) {
    return std::move(planned).diags();
  }
  return std::move(planned->schema_plan);
}

Result<SchemaApplyResult> SchemaOps::Apply(const SchemaApplyRequest& req) const {
  auto planned = impl_->PlanTo(req.url, req.dev_url, req.desired, req.exclude, req.policy, nullptr,
                               &req.lint);
  if (!planned.ok()) {
    return std::move(planned).diags();
  }
  return Impl::Execute(*planned, req.tx_mode, req.expected_fingerprint, req.run_data_checks);
}


Result<SchemaPlan> SchemaOps::PlanDrop(const DropRequest& req) const {
  auto planned = impl_->PlanTo(req.url, req.dev_url, req.declared, req.exclude, {}, impl_->DropFn(req));
  if (!planned.ok()) {
    return std::move(planned).diags();
  }
  return std::move(planned->schema_plan);
}

Result<SchemaApplyResult> SchemaOps::Drop(const DropRequest& req) const {
  auto planned = impl_->PlanTo(req.url, req.dev_url, req.declared, req.exclude, {}, impl_->DropFn(req));
  if (!planned.ok()) {
    return std::move(planned).diags();
  }
  return Impl::Execute(*planned, req.tx_mode, req.expected_fingerprint);
}

namespace {
nlohmann::json RealmJson(const schema::Realm& realm) {
  nlohmann::json schemas = nlohmann::json::array();
  for (const auto& s : realm.schemas) {
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : s.tables) {
      nlohmann::json cols = nlohmann::json::array();
      for (const auto& c : t.columns) {
        nlohmann::json col = {{"name", c.name}, {"type", c.type.raw}};
        if (c.nullable) {
          col["null"] = true;
        }
        cols.push_back(col);
      }
      nlohmann::json tj = {{"name", t.name}, {"columns", cols}};
      if (t.primary_key) {
        nlohmann::json parts = nlohmann::json::array();
        for (const auto& p : t.primary_key->parts) {
          parts.push_back(p.column.empty() ? nlohmann::json{{"expr", p.expr}}
                                           : nlohmann::json{{"column", p.column}});
        }
        tj["primary_key"] = {{"parts", parts}};
      }
      if (!t.indexes.empty()) {
        nlohmann::json idx = nlohmann::json::array();
        for (const auto& i : t.indexes) {
          nlohmann::json parts = nlohmann::json::array();
          for (const auto& p : i.parts) {
            parts.push_back(p.column.empty() ? nlohmann::json{{"expr", p.expr}}
                                             : nlohmann::json{{"column", p.column}});
          }
          nlohmann::json ij = {{"name", i.name}, {"parts", parts}};
          if (i.unique) {
            ij["unique"] = true;
          }
          idx.push_back(ij);
        }
        tj["indexes"] = idx;
      }
      if (!t.foreign_keys.empty()) {
        nlohmann::json fks = nlohmann::json::array();
        for (const auto& fk : t.foreign_keys) {
          fks.push_back({{"name", fk.name},
                         {"columns", fk.columns},
                         {"references", {{"table", fk.ref_table}, {"columns", fk.ref_columns}}}});
        }
        tj["foreign_keys"] = fks;
      }
      tables.push_back(tj);
    }
    nlohmann::json sj = {{"name", s.name}};
    if (!tables.empty()) {
      sj["tables"] = tables;
    }
    if (!s.views.empty()) {
      nlohmann::json views = nlohmann::json::array();
      for (const auto& v : s.views) {
        views.push_back({{"name", v.name}, {"def", v.definition}});
      }
      sj["views"] = views;
    }
    schemas.push_back(sj);
  }
  return {{"schemas", schemas}};
}
}  // namespace

Result<std::string> SchemaOps::Inspect(const InspectRequest& req) const {
  auto target = impl_->Open(req.url);
  if (!target.ok()) {
    return std::move(target).diags();
  }
  auto& drv = **target;
  drivers::InspectOptions iopts;
  iopts.exclude = req.exclude;
  auto realm = drv.inspector().InspectRealm(iopts);
  if (!realm.ok()) {
    return std::move(realm).diags();
  }
  if (req.format.empty() || req.format == "hcl") {
    const spec::Dialect* dialect = SpecDialect(drv.Name());
    if (dialect == nullptr) {
      return base::Error("Unsupported dialect",
                         fmt::format("no HCL schema support for driver \"{}\" yet", drv.Name()));
    }
    return spec::Print(*realm, *dialect);
  }
  if (req.format == "json") {
    return RealmJson(*realm).dump() + "\n";
  }
  if (req.format == "sql") {
    schema::Realm empty;
    for (const auto& s : realm->schemas) {
      schema::Schema e;
      e.name = s.name;
      empty.schemas.push_back(e);
    }
    diff::DiffOptions dopts;
    dopts.bound_schema = drv.BoundSchema();
    auto changes = diff::Diff(empty, *realm, dopts, drv.diff_hooks());
    if (!changes.ok()) {
      return std::move(changes).diags();
    }
    drivers::PlanOptions popts;
    popts.current = &empty;
    auto p = drv.planner().PlanChanges(*changes, popts);
    if (!p.ok()) {
      return std::move(p).diags();
    }
    return p->ToSql();
  }
  return base::Error("Invalid format", fmt::format("unknown format \"{}\": expected hcl, sql or json",
                                                   req.format));
}

Result<std::string> SchemaOps::Normalize(const NormalizeRequest& req) const {
  std::string dialect_name;
  std::string bound;
  if (!req.dev_url.empty()) {
    auto u = url::Url::Parse(req.dev_url);
    if (!u.ok()) {
      return std::move(u).diags();
    }
    dialect_name = DialectNameOfScheme(u->scheme());
    bound = u->BoundSchema();
  } else if (!req.target_url.empty()) {
    auto u = url::Url::Parse(req.target_url);
    if (!u.ok()) {
      return std::move(u).diags();
    }
    dialect_name = DialectNameOfScheme(u->scheme());
    bound = u->BoundSchema();
  } else {
    return base::Error(
        "Dev database required",
        "normalizing a schema needs a dev database that selects the dialect and gives types, defaults and "
        "expressions their canonical form: set dev_url (for example \"sqlite://dev?mode=memory\")");
  }
  auto realm = impl_->LoadDesired(req.source, dialect_name, req.dev_url, "");
  if (!realm.ok()) {
    return std::move(realm).diags();
  }
  (void)bound;
  return spec::Print(*realm, *SpecDialect(dialect_name));
}

Result<SchemaPlan> SchemaOps::Diff(const std::vector<std::string>& from, const std::vector<std::string>& to,
                                   const std::string& dev_url, const std::vector<std::string>& exclude) const {
  if (from.empty() || to.empty()) {
    return base::Error("Missing schema source", "both --from and --to are required");
  }
  // The `from` side selects the dialect: a database URL, else the dev database.
  std::string dialect_source = dev_url;
  for (const auto& f : from) {
    if (f.rfind("file:", 0) != 0) {
      dialect_source = f;
    }
  }
  if (dialect_source.empty()) {
    return base::Error("Dev database required", "diffing two file sources needs --dev-url");
  }
  SchemaSource from_src;
  from_src.urls = from;
  SchemaSource to_src;
  to_src.urls = to;
  return DiffSources(from_src, to_src, dialect_source, dev_url, exclude, "");
}

Result<SchemaPlan> SchemaOps::DiffSources(const SchemaSource& from, const SchemaSource& to,
                                          const std::string& dialect_url, const std::string& dev_url,
                                          const std::vector<std::string>& exclude,
                                          const std::string& indent) const {
  auto drv = impl_->Open(dialect_url);
  if (!drv.ok()) {
    return std::move(drv).diags();
  }
  const std::string dev = Impl::DevUrlFor(dev_url, drv->get());
  auto current = impl_->LoadDesired(from, (*drv)->Name(), dev, (*drv)->BoundSchema());
  if (!current.ok()) {
    return std::move(current).diags();
  }
  auto desired = impl_->LoadDesired(to, (*drv)->Name(), dev, (*drv)->BoundSchema());
  if (!desired.ok()) {
    return std::move(desired).diags();
  }
  diff::DiffOptions dopts;
  dopts.exclude = exclude;
  dopts.bound_schema = (*drv)->BoundSchema();
  auto changes = diff::Diff(*current, *desired, dopts, (*drv)->diff_hooks());
  if (!changes.ok()) {
    return std::move(changes).diags();
  }
  drivers::PlanOptions popts;
  popts.current = &*current;
  popts.indent = indent;
  auto p = (*drv)->planner().PlanChanges(*changes, popts);
  if (!p.ok()) {
    return std::move(p).diags();
  }
  SchemaPlan out = ToSchemaPlan(*p, *changes);
  out.checks = DataChecks(*changes, **drv);
  out.lint = LintOf((*drv)->lint_analyzers(), *changes, *current, (*drv)->Name(), *p);
  return out;
}

Status SchemaOps::WithDevDatabase(const std::string& dev_url,
                                  const std::function<Status(drivers::Driver&)>& fn) const {
  return impl_->WithDev(dev_url, fn);
}

Result<std::string> FormatHcl(const std::string& text, const std::string& filename) {
  // Syntax errors first (with file:line:col); then a layout-only pass that keeps comments, blank
  // lines and order, as `atlas schema fmt` (hclwrite.Format) does.
  auto file = hcl::Parse(text, filename);
  if (!file.ok()) {
    return std::move(file).diags();
  }
  return hcl::FormatSource(text);
}

}  // namespace atlas::engine::ops
