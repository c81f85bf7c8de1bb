#pragma once
// The MySQL/MariaDB driver: opens mysql://, maria:// and mariadb:// URLs with libmariadb
// (user, password, host, port; the database in the path binds the connection to that schema,
// otherwise it is realm-bound; `localhost` connects over TCP to 127.0.0.1 as Atlas's Go driver
// does; `socket=/path` selects a unix socket). The server flavour (MySQL or MariaDB) and version
// are read once at connect, together with sql_mode (NO_BACKSLASH_ESCAPES selects the literal
// escaping). Servers older than MySQL 5.7 / MariaDB 10.2 are refused. Composes MysqlDiffHooks,
// MysqlPlanner, MysqlExecutor, MysqlDevDatabase, the versioned-migration Migrator (migrate.hpp)
// and an inspector over inspect.hpp.
// drivers::RegisterBuiltinDrivers maps the three schemes to OpenDriver.
//
// Thread-safety: a driver owns one connection; use it from one thread at a time (DiffHooks and
// Planner are stateless and may be shared).

#include <memory>
#include <string>

#include "engine/base/result.hpp"
#include "engine/drivers/driver.hpp"
#include "engine/drivers/mysql/lint.hpp"
#include "engine/drivers/mysql/conn.hpp"
#include "engine/drivers/mysql/diff.hpp"
#include "engine/drivers/mysql/exec.hpp"
#include "engine/drivers/mysql/migrate.hpp"
#include "engine/drivers/mysql/plan.hpp"
#include "engine/url/url.hpp"

namespace atlas::engine::drivers::mysql {

// Connection options for a mysql:// / maria:// / mariadb:// URL. Unknown parameters are errors
// naming the parameter; the password is never echoed.
base::Result<ConnOptions> OptionsOf(const url::Url& u);

class MysqlInspector final : public drivers::Inspector {
 public:
  MysqlInspector(const Conn& conn, Flavor flavor, std::string bound_schema)
      : conn_(conn), flavor_(flavor), bound_schema_(std::move(bound_schema)) {}
  base::Result<schema::Realm> InspectRealm(const drivers::InspectOptions& options) override;

 private:
  const Conn& conn_;
  Flavor flavor_;
  std::string bound_schema_;
};

class MysqlDriver final : public drivers::Driver {
 public:
  static base::Result<std::unique_ptr<MysqlDriver>> Open(const url::Url& u);

  std::string_view Name() const override { return "mysql"; }
  const sql::Dialect& dialect() const override { return dialect_; }
  const url::Url& url() const override { return url_; }
  std::string BoundSchema() const override { return bound_schema_; }
  drivers::Inspector& inspector() override { return inspector_; }
  const drivers::DiffHooks& diff_hooks() const override { return hooks_; }
  const lint::Registry& lint_analyzers() const override { return LintAnalyzers(flavor_, version_); }
  const drivers::Planner& planner() const override { return planner_; }
  drivers::Executor& executor() override { return executor_; }
  drivers::DevDatabase* dev() override { return &dev_; }
  drivers::Migrator* migrator() override { return &migrator_; }

  Flavor flavor() const { return flavor_; }
  // mysql_get_server_version, e.g. 101119 for 10.11.19.
  int ServerVersion() const { return version_; }
  const Conn& conn() const { return conn_; }

 private:
  MysqlDriver(url::Url u, Conn conn, Flavor flavor, int version, sql::Dialect dialect,
              std::string bound_schema);

  url::Url url_;
  Conn conn_;
  Flavor flavor_;
  int version_;
  sql::Dialect dialect_;
  std::string bound_schema_;
  MysqlInspector inspector_;
  MysqlDiffHooks hooks_;
  MysqlPlanner planner_;
  MysqlExecutor executor_;
  MysqlDevDatabase dev_;
  Migrator migrator_;
};

// Factory for drivers::Registry (schemes "mysql", "maria", "mariadb").
base::Result<std::unique_ptr<drivers::Driver>> OpenDriver(const url::Url& u);

}  // namespace atlas::engine::drivers::mysql
