// The server examples through the real Terraform CLI: examples/postgres,
// examples/migration-postgres and examples/migration-mysql run with scripts/example.sh (terraform
// init, plan, apply, and a second plan that must be empty) against PostgreSQL 15 and MariaDB
// servers the harness starts, their URLs passed as TF_VAR_* variables. Skipped with a message when
// terraform is not on PATH (the SQLite examples run through the CLI in other tests).

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/acceptance/db_server.hpp"
#include "tests/acceptance/process.hpp"

extern char** environ;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables): POSIX

namespace atlas::tests::acceptance {
namespace {

constexpr int kSkipCode = 77;

struct ExampleRun {
  int code = -1;
  std::string output;
};

// Runs scripts/example.sh on `example` with `vars` (NAME=VALUE, exported as TF_VAR_NAME).
ExampleRun RunExample(const std::string& example, const std::vector<std::string>& vars) {
  ProcessOptions o;
  o.program = "/bin/bash";
  o.args = {std::string(ATLAS_SOURCE_DIR) + "/scripts/example.sh", ATLAS_BUILD_DIR,
            std::string(ATLAS_SOURCE_DIR) + "/examples/" + example};
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    o.env.emplace_back(*e);
  }
  o.env.emplace_back("ATLAS_EXAMPLE_REQUIRE_TERRAFORM=1");
  o.env.emplace_back("TF_IN_AUTOMATION=1");
  for (const auto& v : vars) {
    o.env.push_back("TF_VAR_" + v);
  }
  ExampleRun run;
  auto p = Process::Start(o);
  if (!p.ok()) {
    run.output = p.ErrorString();
    return run;
  }
  const auto status = (*p)->Wait(std::chrono::minutes(8));
  (*p)->WaitForOutputClosed(std::chrono::seconds(10));
  run.output = (*p)->Stdout() + (*p)->Stderr();
  run.code = status && status->Exited() ? status->code : -1;
  return run;
}

#define ATLAS_EXPECT_EXAMPLE_OK(run)                              \
  if ((run).code == kSkipCode) {                                  \
    GTEST_SKIP() << "terraform is not on PATH: " << (run).output; \
  }                                                               \
  ASSERT_EQ((run).code, 0) << (run).output;                       \
  EXPECT_NE((run).output.find("No changes."), std::string::npos) << (run).output

TEST(ExamplesTerraformTest, PostgresSchemaExample) {
  ATLAS_ACC_REQUIRE_POSTGRES(pg);
  auto app = pg->CreateDatabase("example_app");
  auto dev = pg->CreateDatabase("example_dev");
  ASSERT_TRUE(app.ok() && dev.ok());
  const auto run = RunExample("postgres", {"database_url=" + *app, "dev_database_url=" + *dev});
  ATLAS_EXPECT_EXAMPLE_OK(run);
  EXPECT_NE(run.output.find("CREATE TABLE \"public\".\"users\""), std::string::npos) << run.output;
  auto rows = pg->Query(
      "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = "
      "'public'",
      "example_app");
  ASSERT_TRUE(rows.ok()) << rows.ErrorString();
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ((*rows)[0][0].value_or(""), "orders,users");
}

TEST(ExamplesTerraformTest, PostgresMigrationExampleUpAndDown) {
  ATLAS_ACC_REQUIRE_POSTGRES(pg);
  auto app = pg->CreateDatabase("example_mig_app");
  auto dev = pg->CreateDatabase("example_mig_dev");
  ASSERT_TRUE(app.ok() && dev.ok());
  const std::string url = *app + "&search_path=public";
  auto run = RunExample("migration-postgres", {"url=" + url, "dev_url=" + *dev});
  ATLAS_EXPECT_EXAMPLE_OK(run);
  auto rows = pg->Query(
      "SELECT string_agg(version, ',' ORDER BY version) FROM "
      "public.atlas_schema_revisions",
      "example_mig_app");
  ASSERT_TRUE(rows.ok()) << rows.ErrorString();
  EXPECT_EQ((*rows)[0][0].value_or(""), "20240101000000,20240102000000,20240103000000");
  // A fresh state with an older version: the down migration is planned on the dev database,
  // allowed by the example's protected_flows, and drops what the last file created.
  run = RunExample("migration-postgres",
                   {"url=" + url, "dev_url=" + *dev, "version_to_apply=20240102000000"});
  ATLAS_EXPECT_EXAMPLE_OK(run);
  EXPECT_NE(run.output.find("Migrating down from version 20240103000000 to version 20240102000000"),
            std::string::npos)
      << run.output;
  rows = pg->Query(
      "SELECT string_agg(version, ',' ORDER BY version) FROM "
      "public.atlas_schema_revisions",
      "example_mig_app");
  ASSERT_TRUE(rows.ok()) << rows.ErrorString();
  EXPECT_EQ((*rows)[0][0].value_or(""), "20240101000000,20240102000000");
  rows = pg->Query("SELECT count(*) FROM pg_tables WHERE tablename = 'posts'", "example_mig_app");
  ASSERT_TRUE(rows.ok()) << rows.ErrorString();
  EXPECT_EQ((*rows)[0][0].value_or(""), "0");
}

TEST(ExamplesTerraformTest, MysqlMigrationExample) {
  ATLAS_ACC_REQUIRE_MARIADB(my);
  auto app = my->CreateDatabase("example_app");
  ASSERT_TRUE(app.ok());
  const auto run = RunExample("migration-mysql", {"url=" + *app});
  ATLAS_EXPECT_EXAMPLE_OK(run);
  auto rows = my->Query("SELECT group_concat(version ORDER BY version) FROM atlas_schema_revisions",
                        "example_app");
  ASSERT_TRUE(rows.ok()) << rows.ErrorString();
  EXPECT_EQ((*rows)[0][0].value_or(""), "20240101000000,20240102000000");
}

}  // namespace
}  // namespace atlas::tests::acceptance
