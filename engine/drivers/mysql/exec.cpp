#include "engine/drivers/mysql/exec.hpp"

#include <optional>
#include <vector>

#include "engine/drivers/mysql/queries.hpp"
#include "engine/sql/builder.hpp"
#include "engine/sql/splitter.hpp"

namespace atlas::engine::drivers::mysql {
namespace {

using base::Result;
using base::Status;

std::string Plural(size_t n) {
  return std::to_string(n) + (n == 1 ? " statement" : " statements");
}

struct Step {
  std::string sql;
  std::string comment;
  std::optional<base::SourceRange> source;
};

Status Run(const Conn& conn, const std::vector<Step>& steps) {
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& st = steps[i];
    if (auto r = conn.Exec(st.sql); !r.ok()) {
      base::Diagnostics d = std::move(r).diags();
      for (auto& item : d.items()) {
        std::string what = "Statement " + std::to_string(i + 1) + " of " +
                           std::to_string(steps.size()) + " failed";
        if (!st.comment.empty()) {
          what += " (" + st.comment + ")";
        }
        item.summary = what;
        item.detail += (item.detail.empty() ? "" : "\n") + Plural(i) +
                       " applied before it (not rolled back: MySQL commits DDL implicitly)";
        item.statement = st.sql;
        if (st.source) {
          item.source = st.source;
        }
      }
      return d;
    }
  }
  return {};
}

const sql::Dialect kDialect = sql::Dialect::Mysql();

}  // namespace

Result<std::unique_ptr<NamedLock>> NamedLock::Acquire(const Conn& conn, std::string_view name,
                                                      std::chrono::milliseconds timeout) {
  const int64_t seconds = (timeout.count() + 999) / 1000;
  auto rows = conn.Query("SELECT GET_LOCK(?, " + std::to_string(seconds) + ")",
                         {Param(std::optional<std::string>(std::string(name)))});
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  if (rows->empty() || rows->IsNull(0, 0)) {
    return base::Error("mysql: GET_LOCK failed",
                       "the server returned NULL for lock " + std::string(name));
  }
  if (rows->Int(0, 0) != 1) {
    return base::Error("Could not acquire lock " + std::string(name),
                       "another session holds the MySQL named lock; try again when it is done");
  }
  return std::unique_ptr<NamedLock>(new NamedLock(conn, std::string(name)));
}

NamedLock::~NamedLock() {
  // Released with the session anyway if this fails.
  (void)conn_.Query("SELECT RELEASE_LOCK(?)", {Param(std::optional<std::string>(name_))});
}

Status MysqlExecutor::ExecutePlan(const plan::Plan& plan, const drivers::ExecOptions& options) {
  (void)options;  // DDL auto-commits: every tx mode runs statement by statement
  std::vector<Step> steps;
  steps.reserve(plan.statements.size());
  for (const auto& st : plan.statements) {
    steps.push_back(Step{st.sql, st.comment, std::nullopt});
  }
  return Run(conn_, steps);
}

Status MysqlExecutor::ExecuteScript(std::string_view script, std::string_view filename) {
  auto split = sql::Split(script, sql::SplitOptions::For(sql::DialectKind::kMysql), filename);
  if (!split.ok()) {
    return std::move(split).diags();
  }
  std::vector<Step> steps;
  for (const auto& st : *split) {
    steps.push_back(Step{st.text, "", base::SourceRange{std::string(filename), st.pos, st.pos}});
  }
  return Run(conn_, steps);
}

Status MysqlDevDatabase::CheckClean() {
  const auto dirty = [](std::string reason) {
    return base::Error("Connected database is not clean", std::move(reason));
  };
  if (!bound_schema_.empty()) {
    auto rows = conn_.Query(queries::kAnyTable, {Param(std::optional<std::string>(bound_schema_))});
    if (!rows.ok()) {
      return std::move(rows).diags();
    }
    if (!rows->empty()) {
      return dirty("found table \"" + std::string(rows->Text(0, 0)) + "\" in connected schema");
    }
    return {};
  }
  auto schemas = conn_.Query(queries::kAllSchemas);
  if (!schemas.ok()) {
    return std::move(schemas).diags();
  }
  if (!schemas->empty()) {
    return dirty("found schema \"" + std::string(schemas->Text(0, 0)) + "\"");
  }
  return {};
}

Status MysqlDevDatabase::Reset() {
  std::vector<Step> steps;
  const auto add = [&steps](const sql::Builder& b) -> Status {
    auto text = b.Build();
    if (!text.ok()) {
      return std::move(text).diags();
    }
    steps.push_back(Step{std::move(text).value(), "", std::nullopt});
    return {};
  };
  if (!bound_schema_.empty()) {
    auto rows = conn_.Query(queries::kSchemas, {Param(std::vector<std::string>{bound_schema_})});
    if (!rows.ok()) {
      return std::move(rows).diags();
    }
    sql::Builder drop(kDialect);
    drop.Kw("DROP DATABASE IF EXISTS").Ident(bound_schema_);
    sql::Builder create(kDialect);
    create.Kw("CREATE DATABASE").Ident(bound_schema_);
    if (!rows->empty()) {
      create.Kw("CHARSET").Raw(sql::Raw{std::string(rows->Text(0, 1))});
      create.Kw("COLLATE").Raw(sql::Raw{std::string(rows->Text(0, 2))});
    }
    sql::Builder use(kDialect);
    use.Kw("USE").Ident(bound_schema_);
    for (const auto* b : {&drop, &create, &use}) {
      if (auto st = add(*b); !st.ok()) {
        return st;
      }
    }
    return Run(conn_, steps);
  }
  auto schemas = conn_.Query(queries::kAllSchemas);
  if (!schemas.ok()) {
    return std::move(schemas).diags();
  }
  for (int r = 0; r < schemas->size(); ++r) {
    sql::Builder b(kDialect);
    b.Kw("DROP DATABASE IF EXISTS").Ident(schemas->Text(r, 0));
    if (auto st = add(b); !st.ok()) {
      return st;
    }
  }
  return Run(conn_, steps);
}

namespace {
class LockLease final : public drivers::DevDatabase::Lease {
 public:
  explicit LockLease(std::unique_ptr<NamedLock> lock) : lock_(std::move(lock)) {}

 private:
  std::unique_ptr<NamedLock> lock_;
};
}  // namespace

Result<std::unique_ptr<drivers::DevDatabase::Lease>> MysqlDevDatabase::Acquire(
    std::chrono::milliseconds timeout) {
  auto lock = NamedLock::Acquire(conn_, kLockName, timeout);
  if (!lock.ok()) {
    return std::move(lock).diags();
  }
  return std::unique_ptr<drivers::DevDatabase::Lease>(
      std::make_unique<LockLease>(std::move(lock).value()));
}

}  // namespace atlas::engine::drivers::mysql
