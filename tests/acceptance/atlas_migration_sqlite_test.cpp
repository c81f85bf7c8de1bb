// atlas_migration resource and data source on real SQLite files through the built provider binary:
// apply to latest, to a version then upgrade, status refresh after an outside change, a bad
// atlas.sum refused at plan, a failing file leaving its revision record.

#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/base/result.hpp"
#include "engine/ops/migrate_ops.hpp"
#include "tests/acceptance/step_test.hpp"
#include "tests/acceptance/temp_dir.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using engine::base::Status;

constexpr const char* kRes = "atlas_migration.test";
constexpr const char* kData = "data.atlas_migration.status";

class AtlasMigrationSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile("1_users.sql", "CREATE TABLE users (id integer PRIMARY KEY, name text);\n");
    WriteFile("2_pets.sql", "CREATE TABLE pets (id integer PRIMARY KEY);\nCREATE INDEX pets_id ON pets (id);\n");
    WriteFile("3_toys.sql", "CREATE TABLE toys (id integer PRIMARY KEY);\n");
    Rehash();
  }

  std::string DbUrl() const { return "sqlite://" + (tmp_.path() / "app.db").string(); }
  std::string Dir() const { return "file://" + (tmp_.path() / "migrations").string() + "?format=atlas"; }
  void WriteFile(const std::string& name, const std::string& content) const {
    tmp_.WriteFile(std::string("migrations/") + name, content);
  }
  void Rehash() const { ASSERT_TRUE(engine::ops::MigrateOps().Hash(Dir()).ok()); }

  nlohmann::json MigrationConfig(const std::optional<std::string>& version) const {
    nlohmann::json body = {{"url", DbUrl()}, {"dir", Dir()}};
    if (version) {
      body["version"] = *version;
    }
    return Config()
        .Resource("atlas_migration", "test", body)
        .json();
  }
  nlohmann::json WithData(const std::optional<std::string>& version) const {
    nlohmann::json body = {{"url", DbUrl()}, {"dir", Dir()}};
    if (version) {
      body["version"] = *version;
    }
    return Config()
        .Resource("atlas_migration", "test", body)
        .Data("atlas_migration", "status", {{"url", DbUrl()}, {"dir", Dir()}, {"depends_on", {kRes}}})
        .json();
  }

  std::vector<std::string> Column(const std::string& sql) const {
    std::vector<std::string> out;
    sqlite3* db = nullptr;
    if (sqlite3_open((tmp_.path() / "app.db").string().c_str(), &db) != SQLITE_OK) {
      sqlite3_close(db);
      return out;
    }
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) == SQLITE_OK) {
      while (sqlite3_step(raw) == SQLITE_ROW) {
        const unsigned char* t = sqlite3_column_text(raw, 0);
        out.emplace_back(t != nullptr ? reinterpret_cast<const char*>(t) : "NULL");
      }
    }
    sqlite3_finalize(raw);
    sqlite3_close(db);
    return out;
  }
  Status Exec(const std::string& sql) const {
    sqlite3* db = nullptr;
    sqlite3_open((tmp_.path() / "app.db").string().c_str(), &db);
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc == SQLITE_OK ? Status() : Status(Error("exec failed", sql));
  }
  StateCheck Revisions(std::vector<std::string> want) const {
    return [this, want](const State&) -> Status {
      auto got = Column("SELECT version FROM atlas_schema_revisions ORDER BY version");
      if (got != want) {
        std::string g;
        for (const auto& v : got) {
          g += v + ",";
        }
        return Error("unexpected revisions", g);
      }
      return {};
    };
  }

  TempDir tmp_{"atlas-acc-mig-"};
};

TEST_F(AtlasMigrationSqliteTest, ApplyToLatestWhenVersionUnset) {
  TestCase tc;
  TestStep create;
  create.config = MigrationConfig(std::nullopt);
  create.expect_actions = {{kRes, Action::kCreate}};
  create.expect_warnings = {"Atlas Plan(.|\n)*-- migrating version 1(.|\n)*CREATE TABLE users(.|\n)*"
                            "CREATE INDEX pets_id ON pets \\(id\\);(.|\n)*CREATE TABLE toys"};
  create.checks = {Revisions({"1", "2", "3"}), CheckAttr(kRes, "version", "3"),
                   CheckAttr(kRes, "status.status", "OK"), CheckAttr(kRes, "status.current", "3"),
                   CheckAttrNull(kRes, "status.next"), CheckAttr(kRes, "status.latest", "3"),
                   CheckAttrSet(kRes, "id")};
  tc.steps.push_back(create);
  acceptance::Test(tc);
}

TEST_F(AtlasMigrationSqliteTest, ApplyToVersionThenUpgradeWithDataSource) {
  TestCase tc;
  TestStep to2;
  to2.config = WithData("2");
  to2.checks = {Revisions({"1", "2"}), CheckAttr(kRes, "status.status", "PENDING"),
                CheckAttr(kRes, "status.current", "2"), CheckAttr(kRes, "status.next", "3"),
                CheckAttr(kData, "status", "PENDING"), CheckAttr(kData, "current", "2"),
                CheckAttr(kData, "next", "3"), CheckAttr(kData, "latest", "3")};
  tc.steps.push_back(to2);
  TestStep to3;
  to3.config = WithData("3");
  to3.expect_actions = {{kRes, Action::kUpdate}};
  to3.expect_warnings = {"Atlas Plan(.|\n)*-- migrating version 3(.|\n)*CREATE TABLE toys"};
  to3.checks = {Revisions({"1", "2", "3"}), CheckAttr(kRes, "status.status", "OK"),
                CheckAttr(kData, "status", "OK"), CheckAttr(kData, "next", "")};
  tc.steps.push_back(to3);
  acceptance::Test(tc);
}

TEST_F(AtlasMigrationSqliteTest, OutsideChangeShowsAfterRefreshAndIsRepaired) {
  TestCase tc;
  TestStep create;
  create.config = MigrationConfig("3");
  create.checks = {Revisions({"1", "2", "3"})};
  tc.steps.push_back(create);
  TestStep drift;
  drift.pre_config = [this] { return Exec("DROP TABLE toys; DELETE FROM atlas_schema_revisions WHERE version = '3';"); };
  drift.config = MigrationConfig("3");
  drift.expect_actions = {{kRes, Action::kUpdate}};
  drift.expect_warnings = {"Atlas Plan(.|\n)*CREATE TABLE toys"};
  drift.checks = {Revisions({"1", "2", "3"}), CheckAttr(kRes, "status.current", "3")};
  tc.steps.push_back(drift);
  acceptance::Test(tc);
}

TEST_F(AtlasMigrationSqliteTest, BadSumIsRefusedAtPlan) {
  WriteFile("2_pets.sql", "CREATE TABLE pets (id bigint);\n");
  TestCase tc;
  TestStep step;
  step.config = MigrationConfig("3");
  step.plan_only = true;
  step.expect_error = "checksum mismatch(.|\n)*2_pets.sql(.|\n)*atlas migrate hash";
  tc.steps.push_back(step);
  acceptance::Test(tc);
  EXPECT_TRUE(Column("SELECT name FROM sqlite_master WHERE name = 'users'").empty());
}

TEST_F(AtlasMigrationSqliteTest, FailingFileLeavesARecord) {
  WriteFile("4_bad.sql", "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\n");
  Rehash();
  TestCase tc;
  tc.skip_destroy = true;
  TestStep step;
  step.config = MigrationConfig("4");
  step.expect_error = "Failed to apply migrations(.|\n)*INSERT INTO nope VALUES \\(1\\);(.|\n)*no such table: nope";
  tc.steps.push_back(step);
  acceptance::Test(tc);
  EXPECT_EQ(Column("SELECT applied || '/' || total || ' ' || error_stmt FROM atlas_schema_revisions WHERE version = '4'"),
            (std::vector<std::string>{"1/2 INSERT INTO nope VALUES (1);"}));
}

TEST_F(AtlasMigrationSqliteTest, DownNeedsProtectedFlowsThenRevertsWithChecks) {
  const auto with_flows = [this](const std::string& version, bool allow) {
    nlohmann::json body = {{"url", DbUrl()}, {"dir", Dir()}, {"version", version}};
    if (allow) {
      body["protected_flows"] = {{"migrate_down", {{"allow", true}, {"auto_approve", true}}}};
    }
    return Config().Resource("atlas_migration", "test", body).json();
  };
  TestCase tc;
  TestStep create;
  create.config = with_flows("3", false);
  create.checks = {Revisions({"1", "2", "3"})};
  tc.steps.push_back(create);
  // Without protected_flows the backwards version is refused at plan; nothing changes.
  TestStep refused;
  refused.config = with_flows("1", false);
  refused.plan_only = true;
  refused.expect_error = "Protected flow error(.|\n)*migrate_down.allow";
  refused.expect_error_attribute = tfv::Path::Root("version");
  tc.steps.push_back(refused);
  // With it, the plan shows the versions reverted, the data checks and the statements.
  TestStep down;
  down.config = with_flows("1", true);
  down.expect_actions = {{kRes, Action::kUpdate}};
  down.expect_warnings = {
      "Atlas Plan(.|\n)*Migrating down from version 3 to version 1, reverting 3, 2\\.(.|\n)*"
      "SELECT NOT EXISTS \\(SELECT 1 FROM `pets`\\);(.|\n)*"
      "SELECT NOT EXISTS \\(SELECT 1 FROM `toys`\\);(.|\n)*"
      "DROP TABLE `pets`;(.|\n)*DROP TABLE `toys`;"};
  down.checks = {Revisions({"1"}), CheckAttr(kRes, "status.current", "1"),
                 CheckAttr(kRes, "status.next", "2")};
  tc.steps.push_back(down);
  // Data in a table to drop makes apply refuse; the database keeps its rows and revisions.
  TestStep up;
  up.config = with_flows("3", true);
  up.checks = {Revisions({"1", "2", "3"})};
  tc.steps.push_back(up);
  TestStep guarded;
  guarded.pre_config = [this] { return Exec("INSERT INTO toys VALUES (1);"); };
  guarded.config = with_flows("2", true);
  guarded.expect_error = "Pre-migration check failed(.|\n)*table \"toys\" is not empty";
  tc.steps.push_back(guarded);
  tc.skip_destroy = true;
  acceptance::Test(tc);
  EXPECT_EQ(Column("SELECT count(*) FROM toys"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(Column("SELECT version FROM atlas_schema_revisions ORDER BY version"),
            (std::vector<std::string>{"1", "2", "3"}));
}

TEST_F(AtlasMigrationSqliteTest, PlanShowsLintFindingsOfPendingFilesWithDevUrl) {
  const auto config = [this](const std::string& version) {
    nlohmann::json body = {{"url", DbUrl()},
                           {"dir", Dir()},
                           {"version", version},
                           {"dev_url", "sqlite://dev?mode=memory"}};
    return Config().Resource("atlas_migration", "test", body).json();
  };
  TestCase tc;
  TestStep create;
  create.config = config("3");
  create.checks = {Revisions({"1", "2", "3"})};
  tc.steps.push_back(create);
  TestStep drop;
  drop.pre_config = [this] {
    WriteFile("4_drop.sql", "CREATE TABLE tmp (id int);\nDROP TABLE pets;\n");
    Rehash();
    return Status();
  };
  drop.config = config("4");
  drop.expect_warnings = {"Atlas Plan(.|\n)*DROP TABLE pets",
                          "destructive changes detected(.|\n)*File: 4_drop.sql(.|\n)*"
                          "- DS102: Dropping table \"pets\""};
  drop.checks = {Revisions({"1", "2", "3", "4"})};
  tc.steps.push_back(drop);
  tc.skip_destroy = true;
  acceptance::Test(tc);
}

}  // namespace
}  // namespace atlas::tests::acceptance
