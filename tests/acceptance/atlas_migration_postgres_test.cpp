// atlas_migration resource and data source on a real PostgreSQL 15 server (one server per test
// process, one database per test) through the built provider binary: apply to a version then
// upgrade with the data source, a directory with a dollar-quoted function and trigger, Atlas's
// revisions table in the connected schema, an outside change repaired, a failing file rolled back
// (tx mode file) and a password never shown in errors.

#include <cctype>
#include <set>
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

constexpr const char* kFunction =
    "CREATE FUNCTION bump() RETURNS trigger AS $$\n"
    "BEGIN\n"
    "  -- a comment; with a semicolon\n"
    "  NEW.name := NEW.name || ';';\n"
    "  RETURN NEW;\n"
    "END;\n"
    "$$ LANGUAGE plpgsql;\n"
    "CREATE TRIGGER users_bump BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION bump();\n";

class AtlasMigrationPostgresTest : public ::testing::Test {
 protected:
  // Creates this test's database and migration directory; false when the server is unavailable.
  bool Setup(PostgresServer* server) {
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
    url_ = *u + "&search_path=public";
    WriteFile("20240101000001_users.sql",
              "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n");
    WriteFile("20240101000002_bump.sql", kFunction);
    WriteFile("20240101000003_pets.sql",
              "CREATE TABLE pets (id bigint PRIMARY KEY, owner bigint REFERENCES users (id));\n"
              "INSERT INTO users VALUES (1, 'a');\n");
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

  std::vector<std::string> Column(const std::string& sql) const {
    std::vector<std::string> out;
    auto rows = server_->Query(sql, db_);
    EXPECT_TRUE(rows.ok()) << rows.ErrorString();
    if (rows.ok()) {
      for (const auto& r : *rows) {
        out.push_back(r.empty() || !r[0] ? "NULL" : *r[0]);
      }
    }
    return out;
  }
  StateCheck Revisions(std::vector<std::string> want) const {
    return [this, want](const State&) -> Status {
      auto got = Column("SELECT version FROM public.atlas_schema_revisions ORDER BY version");
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

  PostgresServer* server_ = nullptr;
  std::string db_;
  std::string url_;
  TempDir tmp_{"atlas-acc-migpg-"};
};

TEST_F(AtlasMigrationPostgresTest, ApplyToVersionThenUpgradeWithDollarQuotedFunction) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  TestCase tc;
  TestStep to2;
  to2.config = MigrationConfig("20240101000002", true);
  to2.expect_actions = {{kRes, Action::kCreate}};
  to2.expect_warnings = {
      "Atlas Plan(.|\n)*-- migrating version 20240101000002(.|\n)*"
      "CREATE FUNCTION bump\\(\\)(.|\n)*END;\n\\$\\$ LANGUAGE plpgsql;"};
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
  // The trigger fired: the function body survived splitting.
  EXPECT_EQ(Column("SELECT name FROM users"), (std::vector<std::string>{"a;"}));
  EXPECT_EQ(Column("SELECT total::text || ' ' || (partial_hashes IS NULL)::text || ' ' || "
                   "pg_typeof(executed_at)::text FROM public.atlas_schema_revisions WHERE "
                   "version = '20240101000002'"),
            (std::vector<std::string>{"2 true timestamp with time zone"}));
}

TEST_F(AtlasMigrationPostgresTest, OutsideChangeShowsAfterRefreshAndIsRepaired) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  TestCase tc;
  TestStep create;
  create.config = MigrationConfig(std::nullopt);
  create.checks = {Revisions({"20240101000001", "20240101000002", "20240101000003"}),
                   CheckAttr(kRes, "version", "20240101000003")};
  tc.steps.push_back(create);
  TestStep drift;
  drift.pre_config = [this] {
    return server_->Exec(
        "DROP TABLE pets; DELETE FROM users; DELETE FROM public.atlas_schema_revisions WHERE "
        "version = "
        "'20240101000003';",
        db_);
  };
  drift.config = MigrationConfig(std::nullopt);
  drift.expect_actions = {{kRes, Action::kUpdate}};
  drift.expect_warnings = {"Atlas Plan(.|\n)*CREATE TABLE pets"};
  drift.checks = {Revisions({"20240101000001", "20240101000002", "20240101000003"}),
                  CheckAttr(kRes, "status.current", "20240101000003")};
  tc.steps.push_back(drift);
  acceptance::Test(tc);
}

TEST_F(AtlasMigrationPostgresTest, FailingFileIsRolledBackInTxModeFile) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  WriteFile("20240101000004_bad.sql", "CREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\n");
  Rehash();
  TestCase tc;
  tc.skip_destroy = true;
  TestStep step;
  step.config = MigrationConfig("20240101000004");
  step.expect_error =
      "Failed to apply migrations(.|\n)*INSERT INTO nope VALUES \\(1\\);(.|\n)*relation \"nope\" "
      "does not exist";
  tc.steps.push_back(step);
  const TestResult result = RunTestCase(tc);
  EXPECT_TRUE(result.ok) << result.failure;
  EXPECT_EQ(result.failure.find(server->user() + ":" + server->password()), std::string::npos);
  EXPECT_EQ(result.provider_logs.find(server->user() + ":" + server->password()),
            std::string::npos);
  EXPECT_EQ(Column("SELECT version FROM public.atlas_schema_revisions ORDER BY version"),
            (std::vector<std::string>{"20240101000001", "20240101000002", "20240101000003"}));
  EXPECT_TRUE(Column("SELECT tablename FROM pg_tables WHERE tablename = 'a'").empty());
}

}  // namespace
}  // namespace atlas::tests::acceptance
