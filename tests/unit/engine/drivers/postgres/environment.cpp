// Registers the shared PostgreSQL test server with GoogleTest so that it is stopped in the global
// TearDown. The server itself starts lazily, on the first PostgresTest.

#include "tests/support/postgres_environment.hpp"

namespace {

// NOLINTNEXTLINE(cert-err58-cpp): GoogleTest environments are registered by static initializers.
[[maybe_unused]] const auto& kPostgresEnvironment =
    atlas::tests::support::PostgresEnvironment::Instance();

}  // namespace
