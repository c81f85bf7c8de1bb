// Smoke tests for the database launchers: each server starts, accepts its password-protected
// account over TCP through the official command-line client, and rejects a wrong password.

#include "tests/acceptance/db_server.hpp"

#include <gtest/gtest.h>

namespace atlas::tests::acceptance {
namespace {

TEST(PostgresServerTest, PsqlConnectsWithPassword) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  std::filesystem::path psql = FindExecutable("psql");
  if (psql.empty()) {
    GTEST_SKIP() << "psql client not found on PATH (install postgresql-client)";
  }
  auto url = server->CreateDatabase("smoke");
  ASSERT_TRUE(url.ok()) << url.ErrorString();
  EXPECT_EQ(*url, "postgres://postgres:pass@127.0.0.1:" + std::to_string(server->port()) +
                      "/smoke?sslmode=disable");
  auto ok = RunCommand(psql, {"-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", *url, "-c",
                              "SELECT current_database() || ' ' || current_user || ' ' || 1 + 1"});
  ASSERT_TRUE(ok.ok()) << ok.ErrorString();
  EXPECT_EQ(ok->status.code, 0) << ok->err;
  EXPECT_EQ(ok->out, "smoke postgres 2\n");

  // Passwords are enforced over TCP.
  std::string bad = "postgres://postgres:wrong@127.0.0.1:" + std::to_string(server->port()) +
                    "/smoke?sslmode=disable";
  auto refused = RunCommand(psql, {"-X", "-A", "-t", "-d", bad, "-c", "SELECT 1"},
                            std::chrono::milliseconds(60000), {{"PGPASSWORD", ""}});
  ASSERT_TRUE(refused.ok()) << refused.ErrorString();
  EXPECT_EQ(refused->status.code, 2);
  EXPECT_NE(refused->err.find("password authentication failed for user \"postgres\""),
            std::string::npos)
      << refused->err;

  auto rows = server->Query("SELECT 'a', NULL::text", "smoke");
  ASSERT_TRUE(rows.ok()) << rows.ErrorString();
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ((*rows)[0][0], std::optional<std::string>("a"));
  EXPECT_EQ((*rows)[0][1], std::nullopt);
}

TEST(MariaDbServerTest, MariadbClientConnectsWithPassword) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  std::filesystem::path client = FindExecutable("mariadb");
  if (client.empty()) {
    client = FindExecutable("mysql");
  }
  if (client.empty()) {
    GTEST_SKIP() << "mariadb client not found on PATH (install mariadb-client)";
  }
  auto url = server->CreateDatabase("smoke");
  ASSERT_TRUE(url.ok()) << url.ErrorString();
  EXPECT_EQ(*url, "mysql://atlas:pass@127.0.0.1:" + std::to_string(server->port()) + "/smoke");
  const std::string port = std::to_string(server->port());
  auto ok = RunCommand(client, {"--no-defaults", "-h", "127.0.0.1", "-P", port, "-u", "atlas",
                                "-ppass", "-N", "-B", "smoke", "-e",
                                "SELECT CONCAT(DATABASE(), ' ', CURRENT_USER(), ' ', 1 + 1)"});
  ASSERT_TRUE(ok.ok()) << ok.ErrorString();
  EXPECT_EQ(ok->status.code, 0) << ok->err;
  EXPECT_EQ(ok->out, "smoke atlas@% 2\n");

  auto refused = RunCommand(client, {"--no-defaults", "-h", "127.0.0.1", "-P", port, "-u", "atlas",
                                     "-pwrong", "-N", "-B", "-e", "SELECT 1"});
  ASSERT_TRUE(refused.ok()) << refused.ErrorString();
  EXPECT_EQ(refused->status.code, 1);
  EXPECT_NE(refused->err.find("Access denied for user 'atlas'@'127.0.0.1'"), std::string::npos)
      << refused->err;

  auto rows = server->Query("SELECT 'a', NULL", "smoke");
  ASSERT_TRUE(rows.ok()) << rows.ErrorString();
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ((*rows)[0][0], std::optional<std::string>("a"));
  EXPECT_EQ((*rows)[0][1], std::nullopt);
}

}  // namespace
}  // namespace atlas::tests::acceptance
