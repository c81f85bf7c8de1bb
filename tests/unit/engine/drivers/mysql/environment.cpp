// Registers the shared MariaDB test server with GoogleTest so that it is stopped in the global
// TearDown. The server itself starts lazily, on the first MariaDbTest.

#include "tests/support/mariadb_server.hpp"

namespace {

// NOLINTNEXTLINE(cert-err58-cpp): GoogleTest environments are registered by static initializers.
[[maybe_unused]] const auto& kMariaDbEnvironment =
    atlas::tests::support::MariaDbEnvironment::Instance();

}  // namespace
