#include "engine/drivers/postgres/driver.hpp"

#include <utility>

#include "engine/drivers/exclude.hpp"
#include "engine/drivers/postgres/inspect.hpp"
#include "engine/drivers/postgres/queries.hpp"

namespace atlas::engine::drivers::postgres {
namespace {

// libpq keyword/value quoting: 'value' with \ and ' escaped.
std::string Value(std::string_view v) {
  std::string out = "'";
  for (const char c : v) {
    if (c == '\'' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "'";
}

void Append(std::string& info, std::string_view key, std::string_view value) {
  if (!info.empty()) {
    info += ' ';
  }
  info += key;
  info += '=';
  info += Value(value);
}

}  // namespace

base::Result<std::string> ConnInfo(const url::Url& u) {
  if (u.scheme() != "postgres" && u.scheme() != "postgresql") {
    return base::Error("Unsupported URL scheme for PostgreSQL", "got " + u.Redacted());
  }
  std::string info;
  if (!u.host().empty()) {
    Append(info, "host", u.host());
  }
  if (u.port()) {
    Append(info, "port", std::to_string(*u.port()));
  }
  if (!u.user().empty()) {
    Append(info, "user", u.user());
  }
  if (u.has_password()) {
    Append(info, "password", u.Password());
  }
  if (const std::string db = u.Database(); !db.empty()) {
    Append(info, "dbname", db);
  }
  for (const auto& [key, value] : u.query()) {
    if (key == "search_path") {
      continue;
    }
    if (key.empty() || key.find_first_of(" ='\\") != std::string::npos) {
      return base::Error("Invalid PostgreSQL URL parameter",
                         "parameter name \"" + key + "\" is not valid");
    }
    Append(info, key, value);
  }
  return info;
}

base::Result<schema::Realm> PostgresInspector::InspectRealm(
    const drivers::InspectOptions& options) {
  InspectScope scope;
  if (!bound_schema_.empty()) {
    scope.schemas = {bound_schema_};
    scope.clear_search_path = false;
  } else {
    scope.schemas = options.schemas;
  }
  auto realm = Inspect(conn_, version_, scope);
  if (!realm.ok()) {
    return realm;
  }
  if (!bound_schema_.empty() && realm->FindSchema(bound_schema_) == nullptr) {
    return base::Error("postgres: schema \"" + bound_schema_ + "\" was not found",
                       "the schema named by search_path does not exist; create it or fix the URL");
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

PostgresDriver::PostgresDriver(url::Url u, Conn conn, int version, std::string bound_schema)
    : url_(std::move(u)),
      conn_(std::move(conn)),
      version_(version),
      bound_schema_(std::move(bound_schema)),
      inspector_(conn_, version_, bound_schema_),
      planner_(bound_schema_),
      executor_(conn_),
      dev_(conn_, version_, bound_schema_),
      migrator_(conn_, bound_schema_) {}

base::Result<std::unique_ptr<PostgresDriver>> PostgresDriver::Open(const url::Url& u) {
  auto info = ConnInfo(u);
  if (!info.ok()) {
    return std::move(info).diags();
  }
  auto conn = Conn::Open(*info);
  if (!conn.ok()) {
    base::Diagnostics d = std::move(conn).diags();
    for (auto& item : d.items()) {
      item.detail = url::RedactUrlsInText(item.detail);
    }
    return d;
  }
  const int version = conn->ServerVersion();
  if (version < kMinServerVersion) {
    return base::Error("postgres: unsupported postgres version: " + std::to_string(version),
                       "PostgreSQL 10 or newer is required");
  }
  // Literals are written with doubled quotes only; make sure backslashes are plain characters.
  if (auto st = conn->Exec("SET standard_conforming_strings = on"); !st.ok()) {
    return std::move(st).diags();
  }
  std::string bound = u.BoundSchema();
  if (!bound.empty()) {
    auto r = conn->Query(queries::kSetSearchPath, {Param(bound)});
    if (!r.ok()) {
      return std::move(r).diags();
    }
  }
  return std::unique_ptr<PostgresDriver>(
      new PostgresDriver(u, std::move(conn).value(), version, std::move(bound)));
}

base::Result<std::unique_ptr<drivers::Driver>> OpenDriver(const url::Url& u) {
  auto d = PostgresDriver::Open(u);
  if (!d.ok()) {
    return std::move(d).diags();
  }
  return std::unique_ptr<drivers::Driver>(std::move(d).value());
}

}  // namespace atlas::engine::drivers::postgres
