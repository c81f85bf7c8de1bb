#pragma once
// PostgresEnvironment: one PostgreSQL server shared by a whole test binary, started lazily on the
// first test that asks for it (tests that never touch PostgreSQL pay nothing) and stopped in
// GoogleTest's global TearDown. ATLAS_TEST_POSTGRES_URL ("postgres://user@host:port") selects an
// already running server instead.
// PostgresTest: fixture giving each test its own fresh database (dropped afterwards); it skips with
// a clear message when the server binaries are absent and fails when they exist but cannot start.
//
// Thread-safety: Server() is safe to call from several threads; the fixture is per test.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/postgres_server.hpp"

namespace atlas::tests::support {

class PostgresEnvironment final : public ::testing::Environment {
 public:
  // The instance registered with GoogleTest (registered on first call). Call it from a static
  // initializer of the test binary so that TearDown runs before exit.
  static PostgresEnvironment& Instance();

  // The shared server, started on first use. nullptr when unavailable: *skip is true when the
  // binaries are missing (skip the test), false when starting failed (fail the test); *why says
  // why.
  const PostgresServer* Server(bool* skip, std::string* why);

  void TearDown() override;

 private:
  PostgresEnvironment() = default;

  std::mutex mu_;
  bool tried_ = false;                      // guarded by mu_
  bool skip_ = false;                       // guarded by mu_
  std::string error_;                       // guarded by mu_
  std::unique_ptr<PostgresServer> server_;  // guarded by mu_
};

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  const PostgresServer& server() const { return *server_; }
  // This test's database, "t_<pid>_<n>".
  const std::string& database() const { return databases_.front(); }
  // URL of this test's database; `extra_query` is appended ("search_path=public").
  std::string Url(std::string_view extra_query = {}) const;
  // Creates one more database owned by this test (dropped in TearDown); returns its name.
  std::string CreateDatabase();
  // Runs SQL in this test's database (or `db`) and fails the test on error.
  void ExecSql(std::string_view sql);
  void ExecSqlIn(std::string_view db, std::string_view sql);

 private:
  const PostgresServer* server_ = nullptr;
  std::vector<std::string> databases_;
};

}  // namespace atlas::tests::support
