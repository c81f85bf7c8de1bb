#include "engine/ops/dialects.hpp"

#include "engine/spec/mysql.hpp"
#include "engine/spec/postgres.hpp"
#include "engine/spec/sqlite.hpp"

namespace atlas::engine::ops {

const spec::Dialect* SpecDialect(std::string_view driver_name) {
  // Immutable dialect objects, constructed once and shared read-only (safe for concurrent use).
  static const spec::SqliteDialect kSqlite;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)
  static const spec::PostgresDialect kPostgres;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)
  if (driver_name == "sqlite") {
    return &kSqlite;
  }
  if (driver_name == "postgres") {
    return &kPostgres;
  }
  if (driver_name == "mysql") {
    // NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): immutable, as above.
    static const spec::MysqlDialect kMysql;
    return &kMysql;
  }
  return nullptr;
}

std::string DialectNameOfScheme(std::string_view scheme) {
  if (scheme == "sqlite" || scheme == "sqlite3" || scheme == "file") {
    return "sqlite";
  }
  if (scheme == "postgres" || scheme == "postgresql") {
    return "postgres";
  }
  if (scheme == "mysql" || scheme == "maria" || scheme == "mariadb") {
    return "mysql";
  }
  return std::string(scheme);
}

}  // namespace atlas::engine::ops
