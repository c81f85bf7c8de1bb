#pragma once
// Maps driver names and URL schemes to the HCL spec dialect of that driver. Pure; thread-safe.

#include <string>
#include <string_view>

#include "engine/spec/dialect.hpp"

namespace atlas::engine::ops {

// The spec dialect for a driver name ("sqlite", "postgres", "mysql"); null when the driver has none yet.
const spec::Dialect* SpecDialect(std::string_view driver_name);
// "sqlite" for sqlite/sqlite3/file, "postgres" for postgres/postgresql, "mysql" for mysql/maria/mariadb.
std::string DialectNameOfScheme(std::string_view scheme);

}  // namespace atlas::engine::ops
