// The `config` attribute (atlas.hcl content) configuring the lint analyzers of plans, through the
// built provider binary on SQLite: a naming policy shown at `terraform plan` (atlas_schema and
// atlas_migration), `destructive { error = false }` relaxing `lint { review = ERROR }`, and
// unusable lint options refused with an error on `config` naming atlas.hcl:line:col.

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include <gtest/gtest.h>

#include "engine/base/result.hpp"
#include "engine/ops/migrate_ops.hpp"
#include "tests/acceptance/step_test.hpp"
#include "tests/acceptance/temp_dir.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using engine::base::Status;

// `text` as a regex matching exactly itself.
std::string Literally(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

// First column of every row of `sql` on the SQLite file at `path`.
std::vector<std::string> Rows(const std::string& path, const std::string& sql) {
  std::vector<std::string> out;
  sqlite3* raw = nullptr;
  if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) {
    sqlite3_close(raw);
    ADD_FAILURE() << "cannot open " << path;
    return out;
  }
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db.get()) << ": " << sql;
    return out;
  }
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(st, &sqlite3_finalize);
  while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt.get(), 0);
    out.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
  }
  return out;
}

// ---- atlas_schema ----

constexpr const char* kRes = "atlas_schema.test";

constexpr const char* kSnakeCase = R"hcl(
lint {
  naming {
    match   = "^[a-z_]+$"
    message = "must be snake case"
  }
}
)hcl";

constexpr const char* kUserAccounts = R"hcl(
schema "main" {}
table "UserAccounts" {
  schema = schema.main
  column "id" {
    type = integer
  }
  primary_key {
    columns = [column.id]
  }
}
)hcl";

constexpr const char* kUsersAndOld = R"hcl(
schema "main" {}
table "users" {
  schema = schema.main
  column "id" {
    type = integer
  }
  primary_key {
    columns = [column.id]
  }
}
table "old" {
  schema = schema.main
  column "id" {
    type = integer
  }
}
)hcl";

constexpr const char* kUsers = R"hcl(
schema "main" {}
table "users" {
  schema = schema.main
  column "id" {
    type = integer
  }
  primary_key {
    columns = [column.id]
  }
}
)hcl";

class LintConfigSchemaTest : public ::testing::Test {
 protected:
  // data "atlas_schema" "desired" { src = <hcl> } + resource "atlas_schema" "test" with `extra`.
  nlohmann::json SchemaConfig(const std::string& hcl,
                              nlohmann::json extra = nlohmann::json::object()) const {
    nlohmann::json body = {{"hcl", std::string("${data.atlas_schema.desired.hcl}")},
                           {"url", "sqlite://" + Db()}};
    for (auto& [k, v] : extra.items()) {
      body[k] = v;
    }
    return Config()
        .Provider({{"dev_url", "sqlite://dev?mode=memory"}})
        .Data("atlas_schema", "desired", {{"src", hcl}})
        .Resource("atlas_schema", "test", body)
        .json();
  }
  std::string Db() const { return (dir_.path() / "app.db").string(); }
  std::set<std::string> Tables() const {
    auto rows = Rows(Db(), "SELECT name FROM sqlite_master WHERE type = 'table'");
    return {rows.begin(), rows.end()};
  }
  StateCheck HasTables(std::set<std::string> want) const {
    return [this, want](const State&) -> Status {
      if (Tables() != want) {
        std::string got;
        for (const auto& t : Tables()) {
          got += t + ",";
        }
        return Error("unexpected tables", got);
      }
      return {};
    };
  }
  std::function<Status(const State&)> DatabaseEmpty() const {
    return [this](const State&) -> Status {
      if (!Tables().empty()) {
        return Error("tables left after destroy");
      }
      return {};
    };
  }

  TempDir dir_{"atlas-acc-lintcfg-"};
};

TEST_F(LintConfigSchemaTest, NamingPolicyShowsAtPlan) {
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();
  TestStep create;
  create.config = SchemaConfig(kUserAccounts, {{"config", kSnakeCase}});
  create.expect_actions = {{kRes, Action::kCreate}};
  create.expect_warnings = {
      "^" +
      Literally("naming violations detected\n\n"
                "- NM102: Table named \"UserAccounts\" violates the naming policy: must be "
                "snake case\n"
                "  Statement: CREATE TABLE `UserAccounts` (`id` integer NOT NULL, PRIMARY "
                "KEY (`id`));\n"
                "  Details: https://atlasgo.io/lint/analyzers#NM102\n") +
      "$"};
  // A warning: the table is created.
  create.checks = {HasTables({"UserAccounts"})};
  tc.steps.push_back(create);
  acceptance::Test(tc);
}

TEST_F(LintConfigSchemaTest, NamingErrorTrueFailsReviewError) {
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();
  TestStep refused;
  refused.config = SchemaConfig(
      kUserAccounts,
      {{"config", "lint {\n  naming {\n    error = true\n    match = \"^[a-z_]+$\"\n  }\n}\n"},
       {"lint", {{"review", "ERROR"}}}});
  refused.expect_error = "^" +
                         Literally(
                             "naming violations detected\n\n"
                             "- NM102: Table named \"UserAccounts\" violates the naming "
                             "policy: must match \"^[a-z_]+$\"\n") +
                         "(.|\n)*" +
                         Literally(
                             "The lint policy review = \"ERROR\" refuses plans with error "
                             "findings.");
  refused.checks = {HasTables({})};
  tc.steps.push_back(refused);
  acceptance::Test(tc);
}

constexpr const char* kDs102 =
    "destructive changes detected\n\n"
    "- DS102: Dropping table \"old\"\n"
    "  Statement: DROP TABLE `old`;\n"
    "  Suggested fix: Add a pre-migration check to ensure table \"old\" is empty before dropping "
    "it\n"
    "  Details: https://atlasgo.io/lint/analyzers#DS102\n";

TEST_F(LintConfigSchemaTest, DestructiveErrorFalseRelaxesReviewError) {
  // The env's lint block (env_name defaults to "tf") applies on top of the top-level one.
  const std::string relaxed =
      "lint {\n  destructive {\n    error = true\n  }\n}\n"
      "env \"tf\" {\n  lint {\n    destructive {\n      error = false\n    }\n  }\n}\n";
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();
  TestStep create;
  create.config = SchemaConfig(kUsersAndOld, {{"lint", {{"review", "ERROR"}}}});
  create.checks = {HasTables({"users", "old"})};
  tc.steps.push_back(create);

  // Without the config the drop is an error finding: refused.
  TestStep refused;
  refused.config = SchemaConfig(kUsers, {{"lint", {{"review", "ERROR"}}}});
  refused.expect_error = "^" + Literally(kDs102) + "\nThe lint policy review = \"ERROR\"";
  refused.checks = {HasTables({"users", "old"})};
  tc.steps.push_back(refused);

  // Another environment leaves the top-level `error = true`: still refused.
  TestStep other_env;
  other_env.config = SchemaConfig(
      kUsers, {{"lint", {{"review", "ERROR"}}}, {"config", relaxed}, {"env_name", "prod"}});
  other_env.expect_error = "^" + Literally(kDs102) + "\nThe lint policy review = \"ERROR\"";
  tc.steps.push_back(other_env);

  // With it the finding is a warning: the table is dropped.
  TestStep relaxed_step;
  relaxed_step.config =
      SchemaConfig(kUsers, {{"lint", {{"review", "ERROR"}}}, {"config", relaxed}});
  relaxed_step.expect_actions = {{kRes, Action::kUpdate}};
  relaxed_step.expect_warnings = {"^" + Literally(kDs102) + "$"};
  relaxed_step.checks = {HasTables({"users"})};
  tc.steps.push_back(relaxed_step);
  acceptance::Test(tc);
}

TEST_F(LintConfigSchemaTest, UnusableConfigIsAnErrorOnConfig) {
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();
  // A pattern std::regex cannot compile: refused before anything is planned.
  TestStep bad_regex;
  bad_regex.config =
      SchemaConfig(kUsers, {{"config", "lint {\n  naming {\n    match = \"^[a-z\"\n  }\n}\n"}});
  bad_regex.expect_error =
      "^Atlas Plan Error\n\nUnable to generate migration plan, got error: atlas\\.hcl:3:5: "
      "Invalid naming pattern: lint option \"match\" of analyzer \"naming\" is not a valid "
      "regular expression";
  bad_regex.expect_error_attribute = tfv::Path::Root("config");
  bad_regex.checks = {HasTables({})};
  tc.steps.push_back(bad_regex);

  // A misspelled nested block.
  TestStep misspelled;
  misspelled.config =
      SchemaConfig(kUsers, {{"config",
                             "lint {\n  naming {\n    idnex {\n      match = \"_idx$\"\n    }\n"
                             "  }\n}\n"}});
  misspelled.expect_error =
      "^Atlas Plan Error\n\nUnable to generate migration plan, got error: atlas\\.hcl:3:5: "
      "Unknown lint option: lint analyzer \"naming\" has no option \"idnex\"";
  misspelled.expect_error_attribute = tfv::Path::Root("config");
  tc.steps.push_back(misspelled);

  // An option of the wrong type fails validation already.
  TestStep wrong_type;
  wrong_type.config =
      SchemaConfig(kUsers, {{"config", "lint {\n  destructive {\n    error = \"yes\"\n  }\n}\n"}});
  wrong_type.expect_error =
      "^Invalid config\n\nThe atlas\\.hcl content of `config` cannot be used: atlas\\.hcl:3:13: "
      "Invalid lint option: lint option \"error\" must be a bool, got string\\.";
  wrong_type.expect_error_attribute = tfv::Path::Root("config");
  tc.steps.push_back(wrong_type);
  acceptance::Test(tc);
}

// ---- atlas_migration ----

class LintConfigMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile("1_users.sql", "CREATE TABLE users (id integer PRIMARY KEY, name text);\n");
    Rehash();
  }
  std::string Db() const { return (tmp_.path() / "app.db").string(); }
  std::string Dir() const {
    return "file://" + (tmp_.path() / "migrations").string() + "?format=atlas";
  }
  void WriteFile(const std::string& name, const std::string& content) const {
    tmp_.WriteFile(std::string("migrations/") + name, content);
  }
  void Rehash() const { ASSERT_TRUE(engine::ops::MigrateOps().Hash(Dir()).ok()); }

  nlohmann::json MigrationConfig(const std::string& version, const std::string& config) const {
    nlohmann::json body = {{"url", "sqlite://" + Db()},
                           {"dir", Dir()},
                           {"version", version},
                           {"dev_url", "sqlite://dev?mode=memory"}};
    if (!config.empty()) {
      body["config"] = config;
      body["env_name"] = "tf";  // required with config (ariga's rule)
    }
    return Config().Resource("atlas_migration", "test", body).json();
  }
  StateCheck Revisions(std::vector<std::string> want) const {
    return [this, want](const State&) -> Status {
      if (Rows(Db(), "SELECT version FROM atlas_schema_revisions ORDER BY version") != want) {
        return Error("unexpected revisions");
      }
      return {};
    };
  }

  TempDir tmp_{"atlas-acc-lintcfg-mig-"};
};

constexpr const char* kMigrationLint = R"hcl(
lint {
  data_depend {
    error = true
  }
  naming {
    match = "^[a-z_]+$"
  }
}
)hcl";

TEST_F(LintConfigMigrationTest, ConfigConfiguresPlanTimeLint) {
  TestCase tc;
  TestStep create;
  create.config = MigrationConfig("1", kMigrationLint);
  create.checks = {Revisions({"1"})};
  tc.steps.push_back(create);

  TestStep unique;
  unique.pre_config = [this] {
    WriteFile("2_unique.sql", "CREATE UNIQUE INDEX UsersName ON users (name);\n");
    Rehash();
    return Status();
  };
  unique.config = MigrationConfig("2", kMigrationLint);
  unique.expect_warnings = {
      "^" +
          Literally("data dependent changes detected\n\nFile: 2_unique.sql\n\n"
                    "- MF101: Adding a unique index \"UsersName\" on table \"users\" might fail "
                    "in case column \"name\" contains duplicate entries") +
          "$",
      "^" +
          Literally("naming violations detected\n\nFile: 2_unique.sql\n\n"
                    "- NM104: Index named \"UsersName\" violates the naming policy: must match "
                    "\"^[a-z_]+$\"") +
          "$"};
  // Findings never fail a migration plan, whatever their severity.
  unique.checks = {Revisions({"1", "2"})};
  tc.steps.push_back(unique);
  tc.skip_destroy = true;
  acceptance::Test(tc);
}

TEST_F(LintConfigMigrationTest, UnusableConfigIsAnErrorOnConfig) {
  WriteFile("2_pets.sql", "CREATE TABLE pets (id integer PRIMARY KEY);\n");
  Rehash();
  TestCase tc;
  TestStep bad;
  bad.config = MigrationConfig("2", "lint {\n  naming {\n    match = \"(\"\n  }\n}\n");
  bad.expect_error =
      "^Invalid config\n\nThe atlas\\.hcl content of `config` cannot be used: atlas\\.hcl:3:5: "
      "Invalid naming pattern";
  bad.expect_error_attribute = tfv::Path::Root("config");
  tc.steps.push_back(bad);
  tc.skip_destroy = true;
  acceptance::Test(tc);
}

}  // namespace
}  // namespace atlas::tests::acceptance
