#pragma once
// The PostgreSQL driver: opens postgres:// and postgresql:// URLs with libpq (sslmode and the other
// libpq parameters pass through; `search_path` binds the connection to that schema, otherwise it is
// realm-bound), reads the server version once and refuses servers older than 10, and composes the
// capabilities: PostgresInspector, PostgresDiffHooks, PostgresPlanner, PostgresExecutor,
// PostgresDevDatabase. drivers::RegisterBuiltinDrivers maps both schemes to OpenDriver.
//
// Thread-safety: a driver owns one connection; use it from one thread at a time (DiffHooks and
// Planner are stateless and may be shared).

#include <chrono>
#include <memory>
#include <string>

#include "engine/base/result.hpp"
#include "engine/drivers/driver.hpp"
#include "engine/drivers/postgres/lint.hpp"
#include "engine/drivers/postgres/conn.hpp"
#include "engine/drivers/postgres/diff.hpp"
#include "engine/drivers/postgres/exec.hpp"
#include "engine/drivers/postgres/migrate.hpp"
#include "engine/drivers/postgres/plan.hpp"
#include "engine/url/url.hpp"

namespace atlas::engine::drivers::postgres {

inline constexpr int kMinServerVersion = 100000;

// libpq keyword/value connection string for a postgres:// URL (search_path removed: it is applied
// after connecting). Errors name the offending parameter; the password is never echoed.
base::Result<std::string> ConnInfo(const url::Url& u);

class PostgresInspector final : public drivers::Inspector {
 public:
  PostgresInspector(const Conn& conn, int version, std::string bound_schema)
      : conn_(conn), version_(version), bound_schema_(std::move(bound_schema)) {}
  base::Result<schema::Realm> InspectRealm(const drivers::InspectOptions& options) override;

 private:
  const Conn& conn_;
  int version_;
  std::string bound_schema_;
};

class PostgresDriver final : public drivers::Driver {
 public:
  static base::Result<std::unique_ptr<PostgresDriver>> Open(const url::Url& u);

  std::string_view Name() const override { return "postgres"; }
  const sql::Dialect& dialect() const override { return dialect_; }
  const url::Url& url() const override { return url_; }
  std::string BoundSchema() const override { return bound_schema_; }
  drivers::Inspector& inspector() override { return inspector_; }
  const drivers::DiffHooks& diff_hooks() const override { return hooks_; }
  const lint::Registry& lint_analyzers() const override { return LintAnalyzers(); }
  const drivers::Planner& planner() const override { return planner_; }
  drivers::Executor& executor() override { return executor_; }
  drivers::DevDatabase* dev() override { return &dev_; }
  drivers::Migrator* migrator() override { return &migrator_; }

  // server_version_num, e.g. 150004.
  int ServerVersion() const { return version_; }
  const Conn& conn() const { return conn_; }
  PostgresDevDatabase& dev_database() { return dev_; }
  // Session advisory lock named `name` (Atlas's Lock), polled until `timeout`.
  base::Result<std::unique_ptr<AdvisoryLock>> Lock(std::string_view name,
                                                   std::chrono::milliseconds timeout) {
    return AdvisoryLock::Acquire(conn_, name, timeout);
  }
  // Locks and resets the dev database; resets it again when the session ends (also on error).
  base::Result<std::unique_ptr<DevSession>> BeginDevSession(
      std::chrono::milliseconds lock_timeout) {
    return DevSession::Begin(conn_, dev_, lock_timeout);
  }

 private:
  PostgresDriver(url::Url u, Conn conn, int version, std::string bound_schema);

  url::Url url_;
  Conn conn_;
  int version_;
  std::string bound_schema_;
  sql::Dialect dialect_ = sql::Dialect::Postgres();
  PostgresInspector inspector_;
  PostgresDiffHooks hooks_;
  PostgresPlanner planner_;
  PostgresExecutor executor_;
  PostgresDevDatabase dev_;
  Migrator migrator_;
};

// Factory for drivers::Registry (schemes "postgres" and "postgresql").
base::Result<std::unique_ptr<drivers::Driver>> OpenDriver(const url::Url& u);

}  // namespace atlas::engine::drivers::postgres
