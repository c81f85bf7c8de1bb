#include "engine/drivers/registry.hpp"

#include <fmt/format.h>

#include "engine/drivers/mysql/driver.hpp"
#include "engine/drivers/postgres/driver.hpp"
#include "engine/drivers/sqlite/driver.hpp"

namespace atlas::engine::drivers {

base::Status Registry::Register(std::string scheme, DriverFactory factory) {
  if (scheme.empty() || !factory) {
    return base::Error("Invalid driver registration", "a driver needs a URL scheme and a factory");
  }
  if (factories_.count(scheme) != 0) {
    return base::Error("Duplicate driver registration",
                       fmt::format("a driver is already registered for scheme {:?}", scheme));
  }
  factories_.emplace(std::move(scheme), std::move(factory));
  return base::Status::Ok();
}

base::Result<std::unique_ptr<Driver>> Registry::Open(const url::Url& u) const {
  const auto it = factories_.find(u.scheme());
  if (it == factories_.end()) {
    return base::Error("Unsupported database URL",
                       fmt::format("{}: no driver for scheme {:?} (supported: {})", u.Redacted(),
                                   u.scheme(), fmt::join(Schemes(), ", ")));
  }
  return it->second(u);
}

base::Result<std::unique_ptr<Driver>> Registry::Open(std::string_view url_text) const {
  auto u = url::Url::Parse(url_text);
  if (!u.ok()) {
    return std::move(u).diags();
  }
  return Open(*u);
}

bool Registry::Supports(std::string_view scheme) const {
  return factories_.find(scheme) != factories_.end();
}

std::vector<std::string> Registry::Schemes() const {
  std::vector<std::string> out;
  out.reserve(factories_.size());
  for (const auto& [scheme, factory] : factories_) {
    out.push_back(scheme);
  }
  return out;
}

void RegisterBuiltinDrivers(Registry& registry) {
  for (const char* scheme : {"sqlite", "sqlite3"}) {
    const base::Status st =
        registry.Register(scheme, [](const url::Url& u) { return sqlite::Open(u); });
    ATLAS_CHECK(st.ok(), st.ErrorString());
  }
  for (const char* scheme : {"postgres", "postgresql"}) {
    const base::Status st = registry.Register(scheme, postgres::OpenDriver);
    ATLAS_CHECK(st.ok(), st.ErrorString());
  }
  for (const char* scheme : {"mysql", "maria", "mariadb"}) {
    const base::Status st = registry.Register(scheme, mysql::OpenDriver);
    ATLAS_CHECK(st.ok(), st.ErrorString());
  }
}

}  // namespace atlas::engine::drivers
