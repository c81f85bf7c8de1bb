// Down migrations (MigrateOps::PlanDown / Down) on real PostgreSQL 15 and MariaDB servers and on
// SQLite files: the plan returns the database to the directory's state at the target version
// (replayed on the dev database), guards the data it would delete with pre-migration checks, runs
// only when they pass, and removes the reverted revisions so the files can be applied again.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/drivers/postgres/driver.hpp"
#include "engine/ops/migrate_ops.hpp"
#include "engine/ops/schema_ops.hpp"
#include "engine/url/url.hpp"
#include "tests/support/mariadb_server.hpp"
#include "tests/support/postgres_environment.hpp"

namespace atlas::engine::ops {
namespace {

namespace fs = std::filesystem;

std::string MakeTempDir(const std::string& prefix) {
  std::random_device rd;
  const fs::path p = fs::temp_directory_path() / (prefix + std::to_string(rd()));
  fs::create_directories(p / "migrations");
  return p.string();
}

void WriteFile(const fs::path& p, const std::string& content) {
  std::ofstream(p) << content;
}

std::vector<std::string> Statements(const SchemaPlan& plan) {
  return plan.StatementTexts();
}

std::vector<std::string> Checks(const SchemaPlan& plan) {
  std::vector<std::string> out;
  for (const auto& c : plan.checks) {
    out.push_back(c.sql);
  }
  return out;
}

class MigrateDownPostgresTest : public tests::support::PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    root_ = MakeTempDir("atlas-down-pg-");
    const fs::path m = fs::path(root_) / "migrations";
    WriteFile(m / "1_users.sql", "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
    WriteFile(m / "2_pets.sql",
              "CREATE TABLE pets (id int PRIMARY KEY, owner int REFERENCES users (id));\n"
              "CREATE INDEX pets_owner ON pets (owner);\n");
    WriteFile(m / "3_age.sql", "ALTER TABLE users ADD COLUMN age int;\n");
    ASSERT_TRUE(ops_.Hash(m.string()).ok());
  }
  void TearDown() override {
    if (!root_.empty()) {
      fs::remove_all(root_);
    }
    PostgresTest::TearDown();
  }
  MigrateRequest Req() const {
    MigrateRequest r;
    r.url = Url("search_path=public");
    r.dir = (fs::path(root_) / "migrations").string();
    return r;
  }
  MigrateDownRequest DownReq(const std::string& to_version) {
    MigrateDownRequest d;
    d.migrate = Req();
    d.dev_url = server().Url(dev_db_.empty() ? (dev_db_ = CreateDatabase()) : dev_db_);
    d.to_version = to_version;
    return d;
  }
  std::string Tables() {
    auto rows = Query(
        "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = "
        "'public'");
    return rows.empty() ? "" : rows[0];
  }
  // Rows as text, columns joined by '|'.
  std::vector<std::string> Query(const std::string& sql) {
    std::vector<std::string> out;
    auto u = url::Url::Parse(Url());
    EXPECT_TRUE(u.ok());
    auto d = drivers::postgres::PostgresDriver::Open(*u);
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    if (!d.ok()) {
      return out;
    }
    auto rows = (*d)->conn().Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.ErrorString();
    for (int i = 0; rows.ok() && i < rows->size(); ++i) {
      std::string line;
      for (int c = 0; c < rows->columns(); ++c) {
        line += (c > 0 ? "|" : "") + std::string(rows->IsNull(i, c) ? "NULL" : rows->Text(i, c));
      }
      out.push_back(line);
    }
    return out;
  }
  void Exec(const std::string& sql) {
    auto st = server().Exec(database(), sql);
    ASSERT_TRUE(st.ok()) << st.ErrorString();
  }

  std::string root_;
  std::string dev_db_;
  MigrateOps ops_;
};

TEST_F(MigrateDownPostgresTest, RevertsToTargetVersionAndReappliesAfterwards) {
  auto run = ops_.Apply(Req(), "");
  ASSERT_TRUE(run.ok()) << run.error.ToString();
  auto down = ops_.PlanDown(DownReq("1"));
  ASSERT_TRUE(down.ok()) << down.ErrorString();
  EXPECT_EQ(down->current, "3");
  EXPECT_EQ(down->target, "1");
  EXPECT_EQ(down->reverted, (std::vector<std::string>{"3", "2"}));
  EXPECT_EQ(Statements(down->plan), (std::vector<std::string>{
                                        "ALTER TABLE \"users\" DROP COLUMN \"age\";",
                                        "DROP TABLE \"pets\";",
                                    }));
  EXPECT_EQ(Checks(down->plan),
            (std::vector<std::string>{
                "SELECT NOT EXISTS (SELECT 1 FROM \"pets\")",
                "SELECT NOT EXISTS (SELECT 1 FROM \"users\" WHERE \"age\" IS NOT NULL)",
            }));
  // Planning ran nothing.
  EXPECT_EQ(Tables(), "atlas_schema_revisions,pets,users");

  auto done = ops_.Down(DownReq("1"), down->plan.fingerprint);
  ASSERT_TRUE(done.ok()) << done.ErrorString();
  EXPECT_EQ(Tables(), "atlas_schema_revisions,users");
  auto st = ops_.Status(Req());
  ASSERT_TRUE(st.ok()) << st.ErrorString();
  EXPECT_EQ(st->status, "PENDING");
  EXPECT_EQ(st->current, "1");
  EXPECT_EQ(st->next, "2");
  // Nothing more to revert down to 1; the reverted files apply again.
  auto again = ops_.PlanDown(DownReq("1"));
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty());
  run = ops_.Apply(Req(), "");
  ASSERT_TRUE(run.ok()) << run.error.ToString();
  EXPECT_EQ(run.files.size(), 2U);
  EXPECT_EQ(Tables(), "atlas_schema_revisions,pets,users");
}

TEST_F(MigrateDownPostgresTest, ChecksRefuseToDeleteDataAndNothingRuns) {
  ASSERT_TRUE(ops_.Apply(Req(), "").ok());
  Exec("INSERT INTO users (id, name) VALUES (1, 'a'); INSERT INTO pets VALUES (1, 1)");
  auto done = ops_.Down(DownReq("1"));
  ASSERT_FALSE(done.ok());
  const auto& d = done.diags().items().at(0);
  EXPECT_EQ(d.summary, "Pre-migration check failed");
  EXPECT_EQ(
      d.detail,
      "table \"pets\" is not empty: dropping it would delete its rows. Nothing was executed.");
  EXPECT_EQ(d.statement, "SELECT NOT EXISTS (SELECT 1 FROM \"pets\")");
  EXPECT_EQ(Tables(), "atlas_schema_revisions,pets,users");
  auto st = ops_.Status(Req());
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->current, "3");
  // Reverting only the last file passes: the dropped column holds NULLs only.
  MigrateDownRequest last = DownReq("");
  auto one = ops_.Down(last);
  ASSERT_TRUE(one.ok()) << one.ErrorString();
  EXPECT_EQ(one->reverted, (std::vector<std::string>{"3"}));
  EXPECT_EQ(Query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND "
                  "column_name = 'age'"),
            (std::vector<std::string>{"0"}));
}

TEST_F(MigrateDownPostgresTest, DownToBeforeTheFirstFileEmptiesTheSchema) {
  ASSERT_TRUE(ops_.Apply(Req(), "2").ok());
  MigrateDownRequest all = DownReq("");
  all.amount = 5;
  auto done = ops_.Down(all);
  ASSERT_TRUE(done.ok()) << done.ErrorString();
  EXPECT_EQ(done->reverted, (std::vector<std::string>{"2", "1"}));
  EXPECT_EQ(done->target, "");
  EXPECT_EQ(Tables(), "atlas_schema_revisions");
  auto st = ops_.Status(Req());
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->current, "No migration applied yet");
}

TEST_F(MigrateDownPostgresTest, NeedsADevDatabaseAndAKnownVersion) {
  ASSERT_TRUE(ops_.Apply(Req(), "").ok());
  MigrateDownRequest no_dev = DownReq("1");
  no_dev.dev_url.clear();
  auto r = ops_.PlanDown(no_dev);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items().at(0).summary, "Dev database required");
  r = ops_.PlanDown(DownReq("7"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items().at(0).detail,
            "migration version \"7\" was not found in the migration directory");
}

using MigrateDownMysqlTest = tests::support::MariaDbTest;

TEST(MigrateDownSqliteTest, RevertsTheLastFileOnASqliteFile) {
  const fs::path root = MakeTempDir("atlas-down-sqlite-");
  const fs::path m = root / "migrations";
  WriteFile(m / "1_users.sql", "CREATE TABLE users (id integer PRIMARY KEY, name text);\n");
  WriteFile(m / "2_posts.sql", "CREATE TABLE posts (id integer PRIMARY KEY, title text);\n");
  MigrateOps ops;
  ASSERT_TRUE(ops.Hash(m.string()).ok());
  MigrateDownRequest d;
  d.migrate.url = "sqlite://" + (root / "app.db").string();
  d.migrate.dir = m.string();
  d.dev_url = "sqlite://dev?mode=memory";
  ASSERT_TRUE(ops.Apply(d.migrate, "").ok());
  auto done = ops.Down(d);
  ASSERT_TRUE(done.ok()) << done.ErrorString();
  EXPECT_EQ(done->reverted, (std::vector<std::string>{"2"}));
  EXPECT_EQ(Statements(done->plan),
            (std::vector<std::string>{"PRAGMA foreign_keys = off;", "DROP TABLE `posts`;",
                                      "PRAGMA foreign_keys = on;"}));
  auto st = ops.Status(d.migrate);
  ASSERT_TRUE(st.ok()) << st.ErrorString();
  EXPECT_EQ(st->current, "1");
  EXPECT_EQ(st->pending, (std::vector<std::string>{"2_posts.sql"}));
  fs::remove_all(root);
}

TEST_F(MigrateDownMysqlTest, RevertsOnMariaDbWithChecksAndReapplies) {
  const fs::path root = MakeTempDir("atlas-down-my-");
  const fs::path m = root / "migrations";
  WriteFile(m / "1_users.sql", "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
  WriteFile(m / "2_pets.sql",
            "CREATE TABLE pets (id int PRIMARY KEY, owner int, FOREIGN KEY (owner) REFERENCES "
            "users (id));\nALTER TABLE users ADD COLUMN age int;\n");
  MigrateOps ops;
  ASSERT_TRUE(ops.Hash(m.string()).ok());
  MigrateDownRequest d;
  d.migrate.url = Url();
  d.migrate.dir = m.string();
  d.dev_url = server().Url(CreateDatabase());
  ASSERT_TRUE(ops.Apply(d.migrate, "").ok());
  ExecSql("INSERT INTO pets (id) VALUES (1)");
  auto refused = ops.Down(d);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.diags().items().at(0).statement, "SELECT NOT EXISTS (SELECT 1 FROM `pets`)");
  ExecSql("DELETE FROM pets");
  auto done = ops.Down(d);
  ASSERT_TRUE(done.ok()) << done.ErrorString();
  EXPECT_EQ(done->reverted, (std::vector<std::string>{"2"}));
  EXPECT_EQ(
      Statements(done->plan),
      (std::vector<std::string>{"ALTER TABLE `users` DROP COLUMN `age`;", "DROP TABLE `pets`;"}));
  auto st = ops.Status(d.migrate);
  ASSERT_TRUE(st.ok()) << st.ErrorString();
  EXPECT_EQ(st->current, "1");
  auto again = ops.Apply(d.migrate, "");
  ASSERT_TRUE(again.ok()) << again.error.ToString();
  EXPECT_EQ(again.files.size(), 1U);
  fs::remove_all(root);
}

}  // namespace
}  // namespace atlas::engine::ops
