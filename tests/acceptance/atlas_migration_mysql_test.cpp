// atlas_migration resource and data source on a real MariaDB server (one server per test process,
// one database per test) through the built provider binary: apply to a version then upgrade with
// the data source, a file with a trigger and a procedure (DELIMITER, BEGIN...END, CALL), Atlas's
// revisions table in the connected database, and a failing file whose DDL MySQL cannot roll back:
// the partial revision row is kept and a later apply resumes at the failed statement.

#include <cctype>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/base/result.hpp"
#include "engine/ops/migrate_ops.hpp"
#include "tests/acceptance/db_server.hpp"
#include "tests/acceptance/step_test.hpp"
#include "tests/acceptance/temp_dir.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using engine::base::Status;

constexpr const char* kRes = "atlas_migration.test";
constexpr const char* kData = "data.atlas_migration.status";

constexpr const char* kTriggerAndProcedure =
    "DELIMITER $$\n"
    "CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW\n"
    "BEGIN\n"
    "  -- a comment; with a semicolon\n"
    "  SET NEW.name = CONCAT(NEW.name, ';');\n"
    "END$$\n"
    "CREATE PROCEDURE add_user(IN i bigint, IN n varchar(50))\n"
    "BEGIN\n"
    "  INSERT INTO users VALUES (i, n);\n"
    "END$$\n"
    "DELIMITER ;\n";

class AtlasMigrationMysqlTest : public ::testing::Test {
 protected:
  // Creates this test's database and migration directory; false when the server is unavailable.
  bool Prepare(MariaDbServer* server) {
    server_ = server;
    db_ = std::string("accmig_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : db_) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    auto u = server->CreateDatabase(db_);
    EXPECT_TRUE(u.ok()) << u.ErrorString();
    if (!u.ok()) {
      return false;
    }
    url_ = *u;
    WriteFile("20240101000001_users.sql",
              "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL);\n");
    WriteFile("20240101000002_routines.sql", kTriggerAndProcedure);
    WriteFile("20240101000003_pets.sql",
              "CREATE TABLE pets (id bigint PRIMARY KEY, owner bigint, FOREIGN KEY (owner) "
              "REFERENCES users (id));\n"
              "CALL add_user(1, 'a');\n");
    Rehash();
    return true;
  }

  std::string Dir() const {
    return "file://" + (tmp_.path() / "migrations").string() + "?format=atlas";
  }
  void WriteFile(const std::string& name, const std::string& content) const {
    tmp_.WriteFile(std::string("migrations/") + name, content);
  }
  void Rehash() const { ASSERT_TRUE(engine::ops::MigrateOps().Hash(Dir()).ok()); }

  nlohmann::json MigrationConfig(const std::optional<std::string>& version,
                                 bool with_data = false) const {
    nlohmann::json body = {{"url", url_}, {"dir", Dir()}};
    if (version) {
      body["version"] = *version;
    }
    Config c;
    c.Resource("atlas_migration", "test", body);
    if (with_data) {
      c.Data("atlas_migration", "status", {{"url", url_}, {"dir", Dir()}, {"depends_on", {kRes}}});
    }
    return c.json();
  }

  // Rows of a query in this test's database, columns joined by '|' ("NULL" for NULL).
  std::vector<std::string> Rows(const std::string& sql) const {
    std::vector<std::string> out;
    auto rows = server_->Query(sql, db_);
    EXPECT_TRUE(rows.ok()) << rows.ErrorString();
    if (rows.ok()) {
      for (const auto& r : *rows) {
        std::string line;
        for (size_t i = 0; i < r.size(); ++i) {
          line += (i > 0 ? "|" : "") + (r[i] ? *r[i] : std::string("NULL"));
        }
        out.push_back(line);
      }
    }
    return out;
  }
  StateCheck Revisions(std::vector<std::string> want) const {
    return [this, want](const State&) -> Status {
      auto got = Rows("SELECT version FROM atlas_schema_revisions ORDER BY version");
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

  MariaDbServer* server_ = nullptr;
  std::string db_;
  std::string url_;
  TempDir tmp_{"atlas-acc-migmy-"};
};

TEST_F(AtlasMigrationMysqlTest, ApplyToVersionThenUpgradeWithTriggerAndProcedure) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  ASSERT_TRUE(Prepare(server));
  TestCase tc;
  TestStep to2;
  to2.config = MigrationConfig("20240101000002", true);
  to2.expect_actions = {{kRes, Action::kCreate}};
  to2.expect_warnings = {
      "Atlas Plan(.|\n)*-- migrating version 20240101000002(.|\n)*"
      "CREATE TRIGGER users_bi(.|\n)*CONCAT\\(NEW.name, ';'\\);\nEND"};
  to2.checks = {Revisions({"20240101000001", "20240101000002"}),
                CheckAttr(kRes, "status.status", "PENDING"),
                CheckAttr(kRes, "status.current", "20240101000002"),
                CheckAttr(kRes, "status.next", "20240101000003"),
                CheckAttr(kRes, "status.latest", "20240101000003"),
                CheckAttr(kData, "status", "PENDING"),
                CheckAttr(kData, "current", "20240101000002"),
                CheckAttr(kData, "next", "20240101000003")};
  tc.steps.push_back(to2);
  TestStep to3;
  to3.config = MigrationConfig("20240101000003", true);
  to3.expect_actions = {{kRes, Action::kUpdate}};
  to3.expect_warnings = {
      "Atlas Plan(.|\n)*-- migrating version 20240101000003(.|\n)*"
      "CREATE TABLE pets"};
  to3.checks = {Revisions({"20240101000001", "20240101000002", "20240101000003"}),
                CheckAttr(kRes, "status.status", "OK"),
                CheckAttr(kRes, "status.current", "20240101000003"),
                CheckAttrNull(kRes, "status.next"),
                CheckAttr(kData, "status", "OK"),
                CheckAttr(kData, "next", "")};
  tc.steps.push_back(to3);
  acceptance::Test(tc);
  // The procedure ran and the trigger fired: both bodies survived splitting.
  EXPECT_EQ(Rows("SELECT id, name FROM users"), (std::vector<std::string>{"1|a;"}));
  EXPECT_EQ(Rows("SELECT total, partial_hashes IS NULL, DATA_TYPE FROM atlas_schema_revisions "
                 "JOIN information_schema.COLUMNS ON TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
                 "'atlas_schema_revisions' AND COLUMN_NAME = 'executed_at' WHERE version = "
                 "'20240101000002'"),
            (std::vector<std::string>{"2|1|timestamp"}));
}

TEST_F(AtlasMigrationMysqlTest, FailingFileKeepsItsCommittedPrefixAndResumes) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  ASSERT_TRUE(Prepare(server));
  WriteFile("20240101000004_bad.sql", "CREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\n");
  Rehash();
  TestCase failing;
  failing.skip_destroy = true;
  TestStep step;
  step.config = MigrationConfig("20240101000004");
  step.expect_error =
      "Failed to apply migrations(.|\n)*INSERT INTO nope VALUES \\(1\\);(.|\n)*Table '" + db_ +
      ".nope' doesn't exist";
  failing.steps.push_back(step);
  const TestResult result = RunTestCase(failing);
  EXPECT_TRUE(result.ok) << result.failure;
  EXPECT_EQ(result.failure.find(server->user() + ":" + server->password()), std::string::npos);
  EXPECT_EQ(result.provider_logs.find(server->user() + ":" + server->password()),
            std::string::npos);
  // MySQL committed CREATE TABLE a: the revision row says so, with the failure.
  EXPECT_EQ(Rows("SELECT version, applied, total, error_stmt FROM atlas_schema_revisions ORDER BY "
                 "version"),
            (std::vector<std::string>{"20240101000001|1|1|NULL", "20240101000002|2|2|NULL",
                                      "20240101000003|2|2|NULL",
                                      "20240101000004|1|2|INSERT INTO nope VALUES (1);"}));
  EXPECT_EQ(Rows("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                 "DATABASE() AND TABLE_NAME = 'a'"),
            (std::vector<std::string>{"a"}));
  // Fixed: the apply resumes at the failed statement (CREATE TABLE a would fail if re-run).
  WriteFile("20240101000004_bad.sql",
            "CREATE TABLE a (id int);\nINSERT INTO users VALUES (2, 'b');\n");
  Rehash();
  TestCase resume;
  TestStep fixed;
  fixed.config = MigrationConfig("20240101000004");
  fixed.expect_actions = {{kRes, Action::kCreate}};
  fixed.expect_warnings = {
      "Atlas Plan(.|\n)*-- migrating version 20240101000004(.|\n)*INSERT INTO users VALUES"};
  fixed.checks = {
      Revisions({"20240101000001", "20240101000002", "20240101000003", "20240101000004"}),
      CheckAttr(kRes, "status.status", "OK"), CheckAttr(kRes, "status.current", "20240101000004")};
  resume.steps.push_back(fixed);
  acceptance::Test(resume);
  EXPECT_EQ(Rows("SELECT applied, total, error, partial_hashes FROM atlas_schema_revisions WHERE "
                 "version = '20240101000004'"),
            (std::vector<std::string>{"2|2|NULL|NULL"}));
  EXPECT_EQ(Rows("SELECT id, name FROM users ORDER BY id"),
            (std::vector<std::string>{"1|a;", "2|b;"}));
}

}  // namespace
}  // namespace atlas::tests::acceptance
