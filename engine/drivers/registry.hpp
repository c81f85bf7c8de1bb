#pragma once
// Registry: URL scheme -> driver factory. Built explicitly (RegisterBuiltinDrivers) in main or a
// test fixture; no static registration. Thread-safety: registration is not synchronized (do it
// before sharing the registry); Open and the other const methods are safe for concurrent use
// afterwards.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/drivers/driver.hpp"
#include "engine/url/url.hpp"

namespace atlas::engine::drivers {

using DriverFactory = std::function<base::Result<std::unique_ptr<Driver>>(const url::Url&)>;

class Registry {
 public:
  // Error when `scheme` (lower case, e.g. "postgresql") is already registered.
  base::Status Register(std::string scheme, DriverFactory factory);
  // Opens a driver for the URL's scheme. Unknown schemes are an error listing the supported ones.
  base::Result<std::unique_ptr<Driver>> Open(const url::Url& u) const;
  // Parses then opens.
  base::Result<std::unique_ptr<Driver>> Open(std::string_view url_text) const;
  bool Supports(std::string_view scheme) const;
  // Registered schemes, sorted.
  std::vector<std::string> Schemes() const;

 private:
  std::map<std::string, DriverFactory, std::less<>> factories_;
};

// Registers every driver compiled into the engine: sqlite (sqlite, sqlite3), PostgreSQL (postgres,
// postgresql) and MySQL/MariaDB (mysql, maria, mariadb).
void RegisterBuiltinDrivers(Registry& registry);

}  // namespace atlas::engine::drivers
