#include "engine/drivers/mysql/driver.hpp"

#include <utility>

#include "engine/drivers/exclude.hpp"
#include "engine/drivers/mysql/inspect.hpp"

namespace atlas::engine::drivers::mysql {

base::Result<ConnOptions> OptionsOf(const url::Url& u) {
  if (u.scheme() != "mysql" && u.scheme() != "maria" && u.scheme() != "mariadb") {
    return base::Error("Unsupported URL scheme for MySQL", "got " + u.Redacted());
  }
  ConnOptions o;
  o.host = u.host().empty() || u.host() == "localhost" ? "127.0.0.1" : u.host();
  o.port = u.port().value_or(3306);
  o.user = u.user().empty() ? "root" : u.user();
  o.password = u.has_password() ? u.Password() : "";
  o.database = u.Database();
  for (const auto& [key, value] : u.query()) {
    if (key == "socket") {
      o.socket = value;
      o.host = "localhost";  // libmariadb: localhost + socket path = unix socket
    } else if (key == "tls") {
      if (value == "false" || value.empty()) {
        o.tls = ConnOptions::Tls::kDisabled;
      } else if (value == "preferred") {
        o.tls = ConnOptions::Tls::kPreferred;
      } else if (value == "skip-verify") {
        o.tls = ConnOptions::Tls::kSkipVerify;
      } else if (value == "true") {
        o.tls = ConnOptions::Tls::kVerify;
      } else {
        return base::Error("Invalid MySQL URL parameter",
                           "tls=\"" + value +
                               "\" is not supported (supported: true, false, skip-verify, "
                               "preferred)");
      }
    } else if (key == "parseTime" || key == "charset" || key == "timeout") {
      continue;  // Go driver parameters Atlas URLs often carry; utf8mb4 is always used
    } else {
      return base::Error("Invalid MySQL URL parameter",
                         "parameter \"" + key + "\" is not supported (supported: socket, tls)");
    }
  }
  return o;
}

base::Result<schema::Realm> MysqlInspector::InspectRealm(const drivers::InspectOptions& options) {
  InspectScope scope;
  if (!bound_schema_.empty()) {
    scope.schemas = {bound_schema_};
  } else {
    scope.schemas = options.schemas;
  }
  auto realm = Inspect(conn_, flavor_, scope);
  if (!realm.ok()) {
    return realm;
  }
  if (!bound_schema_.empty() && realm->FindSchema(bound_schema_) == nullptr) {
    return base::Error("mysql: schema \"" + bound_schema_ + "\" was not found",
                       "the database named in the URL does not exist; create it or fix the URL");
  }
  if (options.exclude.empty()) {
    return realm;
  }
  auto exclude = Exclude::Parse(options.exclude, bound_schema_);
  if (!exclude.ok()) {
    return std::move(exclude).diags();
  }
  return exclude->Apply(std::move(realm).value());
}

MysqlDriver::MysqlDriver(url::Url u, Conn conn, Flavor flavor, int version, sql::Dialect dialect,
                         std::string bound_schema)
    : url_(std::move(u)),
      conn_(std::move(conn)),
      flavor_(flavor),
      version_(version),
      dialect_(dialect),
      bound_schema_(std::move(bound_schema)),
      inspector_(conn_, flavor_, bound_schema_),
      planner_(bound_schema_, dialect_),
      executor_(conn_),
      dev_(conn_, bound_schema_),
      migrator_(conn_, dialect_, bound_schema_) {}

base::Result<std::unique_ptr<MysqlDriver>> MysqlDriver::Open(const url::Url& u) {
  auto options = OptionsOf(u);
  if (!options.ok()) {
    return std::move(options).diags();
  }
  auto conn = Conn::Open(*options);
  if (!conn.ok()) {
    base::Diagnostics d = std::move(conn).diags();
    for (auto& item : d.items()) {
      item.detail = url::RedactUrlsInText(u.Redacted() + ": " + item.detail);
    }
    return d;
  }
  const int version = static_cast<int>(conn->ServerVersion());
  const Flavor flavor =
      conn->ServerInfo().find("MariaDB") != std::string::npos ? Flavor::kMariaDb : Flavor::kMysql;
  // MariaDB's client reports 10.x; MySQL 5.7 = 50700.
  if ((flavor == Flavor::kMariaDb && version < 100200) ||
      (flavor == Flavor::kMysql && version < 50700)) {
    return base::Error("mysql: unsupported server version " + conn->ServerInfo(),
                       "MySQL 5.7+ or MariaDB 10.2+ is required");
  }
  auto mode = conn->Query("SELECT @@SESSION.sql_mode");
  if (!mode.ok()) {
    return std::move(mode).diags();
  }
  const bool no_backslash =
      !mode->empty() && mode->Text(0, 0).find("NO_BACKSLASH_ESCAPES") != std::string_view::npos;
  std::string bound = u.BoundSchema();
  return std::unique_ptr<MysqlDriver>(new MysqlDriver(u, std::move(conn).value(), flavor, version,
                                                      sql::Dialect::Mysql(no_backslash),
                                                      std::move(bound)));
}

base::Result<std::unique_ptr<drivers::Driver>> OpenDriver(const url::Url& u) {
  auto d = MysqlDriver::Open(u);
  if (!d.ok()) {
    return std::move(d).diags();
  }
  return std::unique_ptr<drivers::Driver>(std::move(d).value());
}

}  // namespace atlas::engine::drivers::mysql
