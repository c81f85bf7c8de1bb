// atlas_schema resource and data source on a real MariaDB server (one server per test binary run,
// one database plus one dev database per test), driven through the built provider binary by the
// harness that plays Terraform core: every step also proves the plan after apply and after refresh
// is empty, and destroy is checked to leave the database clean. Plans are asserted as MySQL writes
// them: one ALTER TABLE per table combining its clauses, MODIFY COLUMN with the full column
// definition, backtick-quoted names, schema-bound (unqualified) names.

#include <cctype>
#include <functional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "engine/base/result.hpp"
#include "tests/acceptance/db_server.hpp"
#include "tests/acceptance/step_test.hpp"
#include "tests/acceptance/temp_dir.hpp"
#include "tests/acceptance/terraform.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using engine::base::Status;

constexpr const char* kRes = "atlas_schema.test";
constexpr const char* kData = "data.atlas_schema.desired";

// `$DB` stands for the test's database (the schema a schema-bound URL manages).
constexpr const char* kV1 = R"hcl(
schema "$DB" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
table "users" {
  schema = schema.$DB
  column "id" {
    type           = bigint
    unsigned       = true
    auto_increment = true
  }
  column "email" {
    type = varchar(255)
  }
  column "status" {
    type    = enum("active","closed")
    default = "active"
  }
  column "created" {
    type    = timestamp
    default = sql("CURRENT_TIMESTAMP")
  }
  primary_key {
    columns = [column.id]
  }
}
)hcl";

// V1 with a wider email (MODIFY COLUMN), a nullable name column, two indexes, a FK table, a view
// and a trigger.
constexpr const char* kV2 = R"hcl(
schema "$DB" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
table "users" {
  schema = schema.$DB
  column "id" {
    type           = bigint
    unsigned       = true
    auto_increment = true
  }
  column "email" {
    type = varchar(320)
  }
  column "status" {
    type    = enum("active","closed")
    default = "active"
  }
  column "created" {
    type    = timestamp
    default = sql("CURRENT_TIMESTAMP")
  }
  column "name" {
    type = varchar(100)
    null = true
  }
  primary_key {
    columns = [column.id]
  }
  index "users_email" {
    unique  = true
    columns = [column.email]
  }
  index "users_name" {
    on {
      column = column.name
      prefix = 10
    }
  }
}
table "posts" {
  schema = schema.$DB
  column "id" {
    type = int
  }
  column "author" {
    type     = bigint
    unsigned = true
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "posts_author" {
    columns     = [column.author]
    ref_columns = [table.users.column.id]
    on_delete   = CASCADE
  }
  index "posts_author" {
    columns = [column.author]
  }
}
view "active_users" {
  schema     = schema.$DB
  as         = "SELECT id, email FROM users WHERE status = 'active'"
  depends_on = [table.users]
}
trigger "users_lower_email" {
  on = table.users
  as = "CREATE TRIGGER users_lower_email BEFORE INSERT ON users FOR EACH ROW SET NEW.email = lower(NEW.email)"
}
)hcl";

// V2 without users.name (and its index).
constexpr const char* kV3 = R"hcl(
schema "$DB" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
table "users" {
  schema = schema.$DB
  column "id" {
    type           = bigint
    unsigned       = true
    auto_increment = true
  }
  column "email" {
    type = varchar(320)
  }
  column "status" {
    type    = enum("active","closed")
    default = "active"
  }
  column "created" {
    type    = timestamp
    default = sql("CURRENT_TIMESTAMP")
  }
  primary_key {
    columns = [column.id]
  }
  index "users_email" {
    unique  = true
    columns = [column.email]
  }
}
table "posts" {
  schema = schema.$DB
  column "id" {
    type = int
  }
  column "author" {
    type     = bigint
    unsigned = true
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "posts_author" {
    columns     = [column.author]
    ref_columns = [table.users.column.id]
    on_delete   = CASCADE
  }
  index "posts_author" {
    columns = [column.author]
  }
}
view "active_users" {
  schema     = schema.$DB
  as         = "SELECT id, email FROM users WHERE status = 'active'"
  depends_on = [table.users]
}
trigger "users_lower_email" {
  on = table.users
  as = "CREATE TRIGGER users_lower_email BEFORE INSERT ON users FOR EACH ROW SET NEW.email = lower(NEW.email)"
}
)hcl";

// A regex matching `text` literally.
std::string Literally(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

// The "Atlas Plan" warning containing exactly these statements, in this order.
std::string PlanWarning(const std::string& statements) {
  return "^Atlas Plan\n\nThe following SQL statements will be executed:\n\n\n" +
         Literally(statements) + "\n*$";
}

class AtlasSchemaMysqlTest : public ::testing::Test {
 protected:
  // Creates this test's target and dev databases; false when that failed.
  bool CreateDatabases(MariaDbServer* server) {
    server_ = server;
    db_ = std::string("accmy_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : db_) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    dev_db_ = db_ + "_dev";
    auto u = server->CreateDatabase(db_);
    auto d = server->CreateDatabase(dev_db_);
    EXPECT_TRUE(u.ok()) << u.ErrorString();
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    if (!u.ok() || !d.ok()) {
      return false;
    }
    url_ = *u;
    dev_url_ = *d;
    return true;
  }

  // The HCL with `$DB` replaced by this test's database name.
  std::string Hcl(std::string text) const {
    for (size_t at = text.find("$DB"); at != std::string::npos; at = text.find("$DB", at)) {
      text.replace(at, 3, db_);
      at += db_.size();
    }
    return text;
  }

  nlohmann::json SchemaConfig(const std::string& hcl,
                              nlohmann::json extra = nlohmann::json::object()) const {
    nlohmann::json body = {{"hcl", std::string("${data.atlas_schema.desired.hcl}")}, {"url", url_}};
    for (auto& [k, v] : extra.items()) {
      body[k] = v;
    }
    return Config()
        .Provider({{"dev_url", dev_url_}})
        .Data("atlas_schema", "desired", {{"src", Hcl(hcl)}})
        .Resource("atlas_schema", "test", body)
        .json();
  }

  std::set<std::string> Column(const std::string& sql, const std::string& db = "") const {
    std::set<std::string> out;
    auto rows = server_->Query(sql, db.empty() ? db_ : db);
    EXPECT_TRUE(rows.ok()) << rows.ErrorString();
    if (rows.ok()) {
      for (const auto& r : *rows) {
        out.insert(r.empty() || !r[0] ? "NULL" : *r[0]);
      }
    }
    return out;
  }
  // Tables and views of a database.
  std::set<std::string> Tables(const std::string& db = "") const {
    return Column("SELECT table_name FROM information_schema.tables WHERE table_schema = '" +
                      (db.empty() ? db_ : db) + "'",
                  db);
  }
  std::set<std::string> Columns(const std::string& table) const {
    return Column("SELECT column_name FROM information_schema.columns WHERE table_schema = '" +
                  db_ + "' AND table_name = '" + table + "'");
  }
  std::set<std::string> Indexes(const std::string& table) const {
    return Column(
        "SELECT DISTINCT index_name FROM information_schema.statistics WHERE "
        "table_schema = '" +
        db_ + "' AND table_name = '" + table + "'");
  }
  StateCheck HasTables(std::set<std::string> want) const {
    return [this, want](const State&) -> Status {
      auto got = Tables();
      return got == want ? Status{} : Error("unexpected tables", Join(got));
    };
  }
  StateCheck HasColumns(std::string table, std::set<std::string> want) const {
    return [this, table, want](const State&) -> Status {
      auto got = Columns(table);
      return got == want ? Status{} : Error("unexpected columns of " + table, Join(got));
    };
  }
  StateCheck HasIndexes(std::string table, std::set<std::string> want) const {
    return [this, table, want](const State&) -> Status {
      auto got = Indexes(table);
      return got == want ? Status{} : Error("unexpected indexes of " + table, Join(got));
    };
  }
  // Destroy removed what the schema declared, and the dev database is clean.
  std::function<Status(const State&)> DatabaseEmpty() const {
    return [this](const State&) -> Status {
      if (auto t = Tables(); !t.empty()) {
        return Error("tables left after destroy", Join(t));
      }
      if (auto t = Tables(dev_db_); !t.empty()) {
        return Error("tables left in the dev database", Join(t));
      }
      auto triggers =
          Column("SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = '" +
                 db_ + "'");
      if (!triggers.empty()) {
        return Error("triggers left after destroy", Join(triggers));
      }
      return {};
    };
  }
  static std::string Join(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) {
      out += (out.empty() ? "" : ",") + x;
    }
    return out;
  }

  MariaDbServer* server_ = nullptr;
  std::string db_;
  std::string dev_db_;
  std::string url_;
  std::string dev_url_;
};

TEST_F(AtlasSchemaMysqlTest, CreateUpdateDriftImportAndDestroy) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  ASSERT_TRUE(CreateDatabases(server));
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();

  TestStep create;
  create.config = SchemaConfig(kV1);
  create.expect_actions = {{kRes, Action::kCreate}};
  create.expect_warnings = {PlanWarning(
      "-- Modify \"" + db_ + "\" schema\nALTER DATABASE `" + db_ +
      "` CHARSET utf8mb4 COLLATE utf8mb4_general_ci;\n-- Create \"users\" table\nCREATE TABLE "
      "`users` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, `email` varchar(255) NOT NULL, "
      "`status` enum('active','closed') NOT NULL DEFAULT 'active', `created` timestamp NOT NULL "
      "DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`id`)) CHARSET utf8mb4 COLLATE "
      "utf8mb4_general_ci;")};
  create.checks = {HasTables({"users"}), HasColumns("users", {"id", "email", "status", "created"}),
                   CheckAttrSet(kRes, "id"), CheckAttrPair(kRes, "hcl", kData, "hcl")};
  tc.steps.push_back(create);

  TestStep update;
  update.config = SchemaConfig(kV2);
  update.expect_actions = {{kRes, Action::kUpdate}};
  update.expect_warnings = {PlanWarning(
      "-- Create \"posts\" table\nCREATE TABLE `posts` (`id` int NOT NULL, `author` bigint "
      "unsigned NOT NULL, PRIMARY KEY (`id`), INDEX `posts_author` (`author`), CONSTRAINT "
      "`posts_author` FOREIGN KEY (`author`) REFERENCES `users` (`id`) ON UPDATE NO ACTION ON "
      "DELETE CASCADE) CHARSET utf8mb4 COLLATE utf8mb4_general_ci;\n-- Modify \"users\" "
      "table\nALTER TABLE `users` MODIFY COLUMN `email` varchar(320) NOT NULL, ADD COLUMN `name` "
      "varchar(100) NULL, ADD UNIQUE INDEX `users_email` (`email`), ADD INDEX `users_name` "
      "(`name`(10));\n-- Create \"active_users\" view\nCREATE VIEW `active_users` AS select "
      "`users`.`id` AS `id`,`users`.`email` AS `email` from `users` where `users`.`status` = "
      "'active';\n-- Create trigger \"users_lower_email\"\nCREATE TRIGGER `users_lower_email` "
      "BEFORE INSERT ON `users` FOR EACH ROW SET NEW.email = lower(NEW.email);")};
  update.checks = {HasTables({"users", "posts", "active_users"}),
                   HasColumns("users", {"id", "email", "status", "created", "name"}),
                   HasIndexes("users", {"PRIMARY", "users_email", "users_name"}),
                   HasIndexes("posts", {"PRIMARY", "posts_author"}),
                   [this](const State&) -> Status {
                     auto got = Column(
                         "SELECT trigger_name FROM information_schema.triggers WHERE "
                         "trigger_schema = '" +
                         db_ + "'");
                     return got == std::set<std::string>{"users_lower_email"}
                                ? Status{}
                                : Error("unexpected triggers", Join(got));
                   }};
  tc.steps.push_back(update);

  TestStep drift_plan;
  drift_plan.pre_config = [this] {
    return server_->Exec("ALTER TABLE users ADD COLUMN extra text, DROP INDEX users_name", db_);
  };
  drift_plan.config = SchemaConfig(kV2);
  drift_plan.plan_only = true;
  drift_plan.expect_non_empty_plan = true;
  drift_plan.expect_actions = {{kRes, Action::kUpdate}};
  drift_plan.expect_warnings = {
      PlanWarning("-- Modify \"users\" table\nALTER TABLE `users` DROP COLUMN `extra`, ADD INDEX "
                  "`users_name` (`name`(10));")};
  tc.steps.push_back(drift_plan);

  TestStep repair;
  repair.config = SchemaConfig(kV2);
  repair.checks = {HasColumns("users", {"id", "email", "status", "created", "name"}),
                   HasIndexes("users", {"PRIMARY", "users_email", "users_name"})};
  tc.steps.push_back(repair);

  TestStep import;
  import.config = SchemaConfig(kV2);
  import.import_state = true;
  import.resource_name = kRes;
  import.import_state_id = url_;
  import.import_state_verify = true;
  // hcl differs in one word: the data source names the schema after the dev database it
  // normalized in, the import after the target (ImportReadsTheTargetAsCanonicalHcl checks hcl,
  // PlanAfterImportIsEmpty that the difference plans nothing).
  import.import_state_verify_ignore = {"id",    "dev_url", "exclude",   "tx_mode",  "diff", "lint",
                                       "cloud", "config",  "variables", "env_name", "hcl"};
  tc.steps.push_back(import);

  TestStep drop_name;
  drop_name.config = SchemaConfig(kV3);
  drop_name.expect_actions = {{kRes, Action::kUpdate}};
  drop_name.expect_warnings = {
      PlanWarning("-- Modify \"users\" table\nALTER TABLE `users` DROP COLUMN `name`, DROP INDEX "
                  "`users_name`;")};
  drop_name.checks = {HasColumns("users", {"id", "email", "status", "created"})};
  tc.steps.push_back(drop_name);
  acceptance::Test(tc);
}

// Drift step by step with Terraform's own commands: a refresh records the column added behind
// Terraform's back in the state's hcl, the next plan drops it, the apply repairs the database.
TEST_F(AtlasSchemaMysqlTest, RefreshRecordsDriftAndApplyRepairsIt) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  ASSERT_TRUE(CreateDatabases(server));
  const nlohmann::json cfg = SchemaConfig(kV1);
  Terraform tf;
  ApplyResult created = tf.Apply(cfg);
  ASSERT_TRUE(created.ok()) << created.diags.ToString();
  ASSERT_TRUE(server_->Exec("ALTER TABLE users ADD COLUMN extra int unsigned", db_).ok());

  TfDiagnostics refreshed = tf.Refresh(cfg);
  ASSERT_FALSE(refreshed.HasError()) << refreshed.ToString();
  const Status drift = CheckAttrMatches(
      kRes, "hcl",
      "column \"extra\" \\{\n    null     = true\n    type     = int\n    unsigned = true\n  \\}")(
      tf.state());
  EXPECT_TRUE(drift.ok()) << drift.ErrorString();

  PlanResult plan = tf.Plan(cfg);
  ASSERT_TRUE(plan.ok()) << plan.diags.ToString();
  const PlannedChange* change = plan.Change(kRes);
  ASSERT_NE(change, nullptr) << plan.Render();
  EXPECT_EQ(change->action, Action::kUpdate) << plan.Render();
  const std::regex want(
      PlanWarning("-- Modify \"users\" table\nALTER TABLE `users` DROP COLUMN `extra`;"));
  bool warned = false;
  for (const auto& d : plan.diags.items()) {
    warned = warned || std::regex_search(d.summary + "\n\n" + d.detail, want);
  }
  EXPECT_TRUE(warned) << plan.diags.ToString();

  ApplyResult repaired = tf.Apply(cfg);
  ASSERT_TRUE(repaired.ok()) << repaired.diags.ToString();
  EXPECT_EQ(Columns("users"), (std::set<std::string>{"id", "email", "status", "created"}));
  const Status same = CheckAttrPair(kRes, "hcl", kData, "hcl")(tf.state());
  EXPECT_TRUE(same.ok()) << same.ErrorString();
  EXPECT_TRUE(tf.Plan(cfg).Empty());

  ApplyResult destroyed = tf.Destroy(cfg);
  ASSERT_TRUE(destroyed.ok()) << destroyed.diags.ToString();
  const Status clean = DatabaseEmpty()(tf.state());
  EXPECT_TRUE(clean.ok()) << clean.ErrorString();
}

// terraform import of a database managed elsewhere, then terraform plan with the data-source-fed
// configuration: the imported hcl names the schema after the target, the data source after the
// dev database, and the plan must still have nothing to do.
TEST_F(AtlasSchemaMysqlTest, PlanAfterImportIsEmpty) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  ASSERT_TRUE(CreateDatabases(server));
  const nlohmann::json cfg = SchemaConfig(kV2);
  Terraform owner;
  ApplyResult created = owner.Apply(cfg);
  ASSERT_TRUE(created.ok()) << created.diags.ToString();

  Terraform tf;
  auto imported = tf.Import(cfg, kRes, url_);
  ASSERT_TRUE(imported.ok()) << imported.diags.ToString();
  tf.state().resources[kRes] = *imported.value;
  PlanResult plan = tf.Plan(cfg);
  ASSERT_TRUE(plan.ok()) << plan.diags.ToString();
  EXPECT_TRUE(plan.Empty()) << plan.Render() << plan.diags.ToString();

  ApplyResult destroyed = owner.Destroy(cfg);
  ASSERT_TRUE(destroyed.ok()) << destroyed.diags.ToString();
  const Status clean = DatabaseEmpty()(owner.state());
  EXPECT_TRUE(clean.ok()) << clean.ErrorString();
}

// The resource's hcl written exactly as the provider prints an inspected schema: importing the
// database yields the same text, so import verify covers hcl too.
TEST_F(AtlasSchemaMysqlTest, ImportReadsTheTargetAsCanonicalHcl) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  ASSERT_TRUE(CreateDatabases(server));
  const std::string canonical = Hcl(R"hcl(table "t" {
  schema  = schema.$DB
  charset = "latin1"
  collate = "latin1_swedish_ci"
  column "id" {
    null = false
    type = int
  }
  column "n" {
    null    = true
    type    = varchar(10)
    default = "it's"
  }
  primary_key {
    columns = [column.id]
  }
}
schema "$DB" {
  charset = "latin1"
  collate = "latin1_swedish_ci"
}
)hcl");
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();
  TestStep create;
  create.config = Config()
                      .Provider({{"dev_url", dev_url_}})
                      .Resource("atlas_schema", "test", {{"hcl", canonical}, {"url", url_}})
                      .json();
  create.expect_warnings = {
      PlanWarning("-- Create \"t\" table\nCREATE TABLE `t` (`id` int NOT NULL, `n` varchar(10) "
                  "NULL DEFAULT 'it''s', PRIMARY KEY (`id`)) CHARSET latin1 COLLATE "
                  "latin1_swedish_ci;")};
  create.checks = {HasTables({"t"}), CheckAttr(kRes, "hcl", canonical)};
  tc.steps.push_back(create);
  TestStep import;
  import.config = create.config;
  import.import_state = true;
  import.resource_name = kRes;
  import.import_state_id = url_;
  import.import_state_verify = true;
  import.import_state_verify_ignore = {"id",   "dev_url", "exclude", "tx_mode",   "diff",
                                       "lint", "cloud",   "config",  "variables", "env_name"};
  tc.steps.push_back(import);
  acceptance::Test(tc);
}

TEST_F(AtlasSchemaMysqlTest, SkipDropColumnLeavesTheColumnAndStaysNoOp) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  ASSERT_TRUE(CreateDatabases(server));
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();
  TestStep create;
  create.config = SchemaConfig(kV2);
  tc.steps.push_back(create);

  TestStep skip;
  skip.config = SchemaConfig(kV3, {{"diff", {{"skip", {{"drop_column", true}}}}}});
  skip.expect_actions = {{kRes, Action::kUpdate}};
  // Skipped: the column stays; its index goes (only drop_column is skipped).
  skip.expect_warnings = {
      PlanWarning("-- Modify \"users\" table\nALTER TABLE `users` DROP INDEX `users_name`;")};
  skip.checks = {HasColumns("users", {"id", "email", "status", "created", "name"}),
                 HasIndexes("users", {"PRIMARY", "users_email"})};
  tc.steps.push_back(skip);
  acceptance::Test(tc);
}

TEST_F(AtlasSchemaMysqlTest, BadHclIsReportedWithFileLineColumn) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  ASSERT_TRUE(CreateDatabases(server));
  TestCase tc;
  TestStep bad;
  bad.config = Config()
                   .Resource("atlas_schema", "test",
                             {{"hcl", Hcl("schema \"$DB\" {}\ntable \"t\" {\n  schema = "
                                          "schema.$DB\n  column \"id\" {\n    type = "
                                          "enum.nope\n  }\n}\n")},
                              {"url", url_}})
                   .json();
  bad.expect_error =
      "schema\\.hcl:5:12: Invalid column type: MySQL has no named types; write enums inline";
  bad.expect_error_attribute = tfv::Path::Root("hcl");
  tc.steps.push_back(bad);
  acceptance::Test(tc);
  EXPECT_TRUE(Tables().empty());
}

TEST_F(AtlasSchemaMysqlTest, SqlErrorInSchemaFileShowsTheStatement) {
  ATLAS_ACC_REQUIRE_MARIADB(server);
  ASSERT_TRUE(CreateDatabases(server));
  TempDir dir("atlas-acc-my-");
  const auto sql_path = dir.WriteFile(
      "bad.sql", "CREATE TABLE ok (id int);\nCREATE TABLE broken (id int REFERENCES);\n");
  TestCase tc;
  TestStep read;
  read.config = Config()
                    .Data("atlas_schema", "bad",
                          {{"src", "file://" + sql_path.string()}, {"dev_url", dev_url_}})
                    .json();
  read.expect_error =
      "bad\\.sql:2:1: Statement 2 of 2 failed: Error 1064 \\(42000\\)(.|\n)*statement: CREATE "
      "TABLE "
      "broken \\(id int REFERENCES\\)";
  tc.steps.push_back(read);
  acceptance::Test(tc);
  EXPECT_TRUE(Tables(dev_db_).empty());
}

TEST_F(AtlasSchemaMysqlTest, UnreachableServerErrorIsRedacted) {
  TestCase tc;
  TestStep bad;
  bad.config = Config()
                   .Resource("atlas_schema", "test",
                             {{"hcl", "schema \"app\" {}\n"},
                              {"url", "mysql://app:Sup3rSecretPw@127.0.0.1:1/app"}})
                   .json();
  bad.expect_error =
      "mysql: cannot connect to the database: mysql://app:xxxxx@127\\.0\\.0\\.1:1/app: ";
  tc.steps.push_back(bad);
  TestResult result = RunTestCase(tc);
  EXPECT_TRUE(result.failure.empty()) << result.failure;
  EXPECT_EQ(result.failure.find("Sup3rSecretPw"), std::string::npos) << result.failure;
  EXPECT_EQ(result.provider_logs.find("Sup3rSecretPw"), std::string::npos);
  for (const auto& w : result.warnings) {
    EXPECT_EQ(w.detail.find("Sup3rSecretPw"), std::string::npos) << w.detail;
  }
}

}  // namespace
}  // namespace atlas::tests::acceptance
