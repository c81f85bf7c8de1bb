// Migration-file lint (MigrateOps::Lint) on a real PostgreSQL 15 dev database: each statement of
// the analyzed files is executed there, the changes it made are computed by inspection and the
// lint analyzers run on them, with findings pointing at the statement's line in the file.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "engine/ops/migrate_ops.hpp"
#include "tests/support/postgres_environment.hpp"

namespace atlas::engine::ops {
namespace {

namespace fs = std::filesystem;

class MigrateLintPostgresTest : public tests::support::PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    std::random_device rd;
    root_ = (fs::temp_directory_path() / ("atlas-lint-pg-" + std::to_string(rd()))).string();
    fs::create_directories(root_);
  }
  void TearDown() override {
    if (!root_.empty()) {
      fs::remove_all(root_);
    }
    PostgresTest::TearDown();
  }
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(fs::path(root_) / name) << content;
  }

  std::string root_;
  MigrateOps ops_;
};

TEST_F(MigrateLintPostgresTest, UniqueIndexOnExistingColumnIsDataDependent) {
  Write("1_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);\n");
  Write("2_unique.sql",
        "CREATE TABLE pets (id int PRIMARY KEY, name text);\n"
        "-- a unique index on a column that already holds rows\n"
        "CREATE UNIQUE INDEX users_email ON users (email);\n"
        "CREATE UNIQUE INDEX pets_name ON pets (name);\n");
  ASSERT_TRUE(ops_.Hash(root_).ok());
  MigrateLintRequest req;
  req.dir = root_;
  req.dev_url = server().Url(CreateDatabase());
  auto res = ops_.Lint(req);
  ASSERT_TRUE(res.ok()) << res.ErrorString();
  ASSERT_EQ(res->files.size(), 2U);
  EXPECT_FALSE(res->has_error);  // data_depend reports warnings
  EXPECT_TRUE(res->files[0].reports.empty());
  const auto& f = res->files[1];
  EXPECT_EQ(f.name, "2_unique.sql");
  // data_depend, then concurrent_index: the plain CREATE UNIQUE INDEX also locks writes (PG101).
  ASSERT_EQ(f.reports.size(), 2U);
  EXPECT_EQ(f.reports[0].analyzer, "data_depend");
  EXPECT_EQ(f.reports[0].text, "data dependent changes detected");
  // Only the index on the table that existed before the file: pets is created by the same file,
  // so its unique index cannot fail on existing rows.
  ASSERT_EQ(f.reports[0].diagnostics.size(), 1U);
  const auto& d = f.reports[0].diagnostics[0];
  EXPECT_EQ(d.code, "MF101");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.text,
            "Adding a unique index \"users_email\" on table \"users\" might fail in case column "
            "\"email\" contains duplicate entries");
  EXPECT_EQ(d.link, "https://atlasgo.io/lint/analyzers#MF101");
  EXPECT_EQ(f.reports[1].analyzer, "concurrent_index");
  ASSERT_EQ(f.reports[1].diagnostics.size(), 1U);
  EXPECT_EQ(f.reports[1].diagnostics[0].code, "PG101");
  EXPECT_EQ(f.reports[1].diagnostics[0].line, 3);

  // --latest 1 replays file 1 first, so the finding is the same; the dev database is left clean
  // and can be reused.
  req.latest = 1;
  auto latest = ops_.Lint(req);
  ASSERT_TRUE(latest.ok()) << latest.ErrorString();
  ASSERT_EQ(latest->files.size(), 1U);
  ASSERT_EQ(latest->files[0].reports.size(), 2U);
  EXPECT_EQ(latest->files[0].reports[0].diagnostics[0].code, "MF101");
  EXPECT_EQ(latest->files[0].reports[0].diagnostics[0].line, 3);
}

TEST_F(MigrateLintPostgresTest, DropTableIsAnErrorUnlessSilenced) {
  Write("1_users.sql", "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE pets (id int);\n");
  Write("2_drop.sql", "DROP TABLE pets;\n-- atlas:nolint DS102\nDROP TABLE users;\n");
  ASSERT_TRUE(ops_.Hash(root_).ok());
  MigrateLintRequest req;
  req.dir = root_;
  req.dev_url = server().Url(CreateDatabase());
  auto res = ops_.Lint(req);
  ASSERT_TRUE(res.ok()) << res.ErrorString();
  EXPECT_TRUE(res->has_error);
  ASSERT_EQ(res->files.size(), 2U);
  ASSERT_EQ(res->files[1].reports.size(), 1U);
  const auto& r = res->files[1].reports[0];
  EXPECT_EQ(r.text, "destructive changes detected");
  ASSERT_EQ(r.diagnostics.size(), 1U);
  EXPECT_EQ(r.diagnostics[0].code, "DS102");
  EXPECT_EQ(r.diagnostics[0].line, 1);
  EXPECT_EQ(r.diagnostics[0].text, "Dropping table \"pets\"");
}

}  // namespace
}  // namespace atlas::engine::ops
