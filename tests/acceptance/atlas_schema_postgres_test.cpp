// atlas_schema resource and data source on a real PostgreSQL 15 server (one server per test binary
// run, one database per test), driven through the built provider binary by the harness that plays
// Terraform core: every step also proves the plan after apply and after refresh is empty, and
// destroy is checked to leave the database clean.

#include <cctype>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/base/result.hpp"
#include "tests/acceptance/db_server.hpp"
#include "tests/acceptance/step_test.hpp"
#include "tests/acceptance/temp_dir.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using engine::base::Status;

constexpr const char* kRes = "atlas_schema.test";
constexpr const char* kData = "data.atlas_schema.desired";

constexpr const char* kV1 = R"hcl(
schema "public" {
  comment = "standard public schema"
}
enum "status" {
  schema = schema.public
  values = ["active", "closed"]
}
table "users" {
  schema = schema.public
  column "id" {
    type = bigint
    identity {
      generated = BY_DEFAULT
    }
  }
  column "email" {
    type = varchar(255)
  }
  column "st" {
    type    = enum.status
    default = "active"
  }
  column "created" {
    type    = timestamptz(3)
    default = sql("now()")
  }
  primary_key {
    columns = [column.id]
  }
}
)hcl";

// V1 plus a column, a GIN index, a partial index and a FK table.
constexpr const char* kV2 = R"hcl(
schema "public" {
  comment = "standard public schema"
}
enum "status" {
  schema = schema.public
  values = ["active", "closed"]
}
table "users" {
  schema = schema.public
  column "id" {
    type = bigint
    identity {
      generated = BY_DEFAULT
    }
  }
  column "email" {
    type = varchar(255)
  }
  column "st" {
    type    = enum.status
    default = "active"
  }
  column "created" {
    type    = timestamptz(3)
    default = sql("now()")
  }
  column "tags" {
    type = sql("text[]")
    null = true
  }
  primary_key {
    columns = [column.id]
  }
  index "users_tags" {
    columns = [column.tags]
    type    = GIN
  }
  index "users_active_email" {
    unique  = true
    columns = [column.email]
    where   = "st = 'active'"
  }
}
table "posts" {
  schema = schema.public
  column "id" {
    type = integer
  }
  column "author" {
    type = bigint
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "posts_author_fkey" {
    columns     = [column.author]
    ref_columns = [table.users.column.id]
    on_delete   = CASCADE
  }
}
)hcl";

// V2 without users.tags (and its index).
constexpr const char* kV3 = R"hcl(
schema "public" {
  comment = "standard public schema"
}
enum "status" {
  schema = schema.public
  values = ["active", "closed"]
}
table "users" {
  schema = schema.public
  column "id" {
    type = bigint
    identity {
      generated = BY_DEFAULT
    }
  }
  column "email" {
    type = varchar(255)
  }
  column "st" {
    type    = enum.status
    default = "active"
  }
  column "created" {
    type    = timestamptz(3)
    default = sql("now()")
  }
  primary_key {
    columns = [column.id]
  }
  index "users_active_email" {
    unique  = true
    columns = [column.email]
    where   = "st = 'active'"
  }
}
table "posts" {
  schema = schema.public
  column "id" {
    type = integer
  }
  column "author" {
    type = bigint
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "posts_author_fkey" {
    columns     = [column.author]
    ref_columns = [table.users.column.id]
    on_delete   = CASCADE
  }
}
)hcl";

class AtlasSchemaPostgresTest : public ::testing::Test {
 protected:
  // Creates this test's target and dev databases; false when the server is unavailable.
  bool Setup(PostgresServer* server) {
    server_ = server;
    const std::string base =
        std::string("acc_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    db_ = base;
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

  nlohmann::json SchemaConfig(const std::string& hcl,
                              nlohmann::json extra = nlohmann::json::object()) const {
    nlohmann::json body = {{"hcl", std::string("${data.atlas_schema.desired.hcl}")}, {"url", url_}};
    for (auto& [k, v] : extra.items()) {
      body[k] = v;
    }
    return Config()
        .Provider({{"dev_url", dev_url_}})
        .Data("atlas_schema", "desired", {{"src", hcl}})
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
  std::set<std::string> Tables(const std::string& db = "") const {
    return Column("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
                  db);
  }
  std::set<std::string> Columns(const std::string& table) const {
    return Column(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "'public' AND table_name = '" +
        table + "'");
  }
  std::set<std::string> Indexes(const std::string& table) const {
    return Column("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = '" +
                  table + "'");
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
  // Destroy removed what the schema declared, and the dev database is clean.
  std::function<Status(const State&)> DatabaseEmpty() const {
    return [this](const State&) -> Status {
      if (auto t = Tables(); !t.empty()) {
        return Error("tables left after destroy", Join(t));
      }
      if (auto t = Tables(dev_db_); !t.empty()) {
        return Error("tables left in the dev database", Join(t));
      }
      auto types = Column(
          "SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = "
          "t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'");
      if (!types.empty()) {
        return Error("enum types left after destroy", Join(types));
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

  PostgresServer* server_ = nullptr;
  std::string db_;
  std::string dev_db_;
  std::string url_;
  std::string dev_url_;
};

TEST_F(AtlasSchemaPostgresTest, CreateUpdateDriftImportAndDestroy) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();

  TestStep create;
  create.config = SchemaConfig(kV1);
  create.expect_actions = {{kRes, Action::kCreate}};
  create.expect_warnings = {
      "Atlas Plan(.|\n)*-- Create enum type \"status\"\nCREATE TYPE \"public\".\"status\" AS ENUM "
      "\\('active', 'closed'\\);(.|\n)*-- Create \"users\" table\nCREATE TABLE "
      "\"public\".\"users\""};
  create.checks = {HasTables({"users"}), HasColumns("users", {"id", "email", "st", "created"}),
                   CheckAttrSet(kRes, "id"), CheckAttrPair(kRes, "hcl", kData, "hcl"),
                   CheckAttrMatches(kData, "hcl", "type = character_varying\\(255\\)")};
  tc.steps.push_back(create);

  TestStep update;
  update.config = SchemaConfig(kV2);
  update.expect_actions = {{kRes, Action::kUpdate}};
  update.expect_warnings = {
      "Atlas Plan(.|\n)*CREATE INDEX \"users_tags\" ON \"public\".\"users\" "
      "USING GIN \\(\"tags\"\\);"};
  update.checks = {
      HasTables({"users", "posts"}), HasColumns("users", {"id", "email", "st", "created", "tags"}),
      [this](const State&) -> Status {
        auto idx = Indexes("users");
        return idx == std::set<std::string>{"users_pkey", "users_tags", "users_active_email"}
                   ? Status{}
                   : Error("unexpected indexes", Join(idx));
      }};
  tc.steps.push_back(update);

  TestStep drift_plan;
  drift_plan.pre_config = [this] {
    return server_->Exec("ALTER TABLE users ADD COLUMN extra text", db_);
  };
  drift_plan.config = SchemaConfig(kV2);
  drift_plan.plan_only = true;
  drift_plan.expect_non_empty_plan = true;
  drift_plan.expect_actions = {{kRes, Action::kUpdate}};
  drift_plan.expect_warnings = {"Atlas Plan(.|\n)*DROP COLUMN \"extra\""};
  tc.steps.push_back(drift_plan);

  TestStep repair;
  repair.config = SchemaConfig(kV2);
  repair.checks = {HasColumns("users", {"id", "email", "st", "created", "tags"})};
  tc.steps.push_back(repair);

  TestStep import;
  import.config = SchemaConfig(kV2);
  import.import_state = true;
  import.resource_name = kRes;
  import.import_state_id = url_;
  import.import_state_verify = true;
  import.import_state_verify_ignore = {"id",   "dev_url", "exclude", "tx_mode",   "diff",
                                       "lint", "cloud",   "config",  "variables", "env_name"};
  tc.steps.push_back(import);

  TestStep drop_tags;
  drop_tags.config = SchemaConfig(kV3);
  drop_tags.expect_actions = {{kRes, Action::kUpdate}};
  drop_tags.expect_warnings = {"Atlas Plan(.|\n)*DROP COLUMN \"tags\""};
  drop_tags.checks = {HasColumns("users", {"id", "email", "st", "created"})};
  tc.steps.push_back(drop_tags);
  acceptance::Test(tc);
}

TEST_F(AtlasSchemaPostgresTest, SkipDropColumnLeavesTheColumnAndStaysNoOp) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();
  TestStep create;
  create.config = SchemaConfig(kV2);
  tc.steps.push_back(create);

  TestStep skip;
  skip.config = SchemaConfig(kV3, {{"diff", {{"skip", {{"drop_column", true}}}}}});
  // Skipped: the column stays (its index is dropped: only drop_column is skipped).
  skip.checks = {HasColumns("users", {"id", "email", "st", "created", "tags"})};
  tc.steps.push_back(skip);
  acceptance::Test(tc);
}

// kV1 plus an index on users.email.
std::string WithEmailIndex() {
  std::string hcl = kV1;
  const std::string pk = "  primary_key {\n    columns = [column.id]\n  }\n";
  const auto at = hcl.find(pk);
  EXPECT_NE(at, std::string::npos);
  hcl.insert(at + pk.size(), "  index \"users_email_idx\" {\n    columns = [column.email]\n  }\n");
  return hcl;
}

// ariga/atlas's `diff { concurrent_index { create = true  drop = true } }`: indexes on an existing
// table are created and dropped CONCURRENTLY. Those statements cannot run inside a transaction
// block, so a successful apply (with the default tx_mode "file") also shows they ran outside it.
TEST_F(AtlasSchemaPostgresTest, ConcurrentIndexPolicyCreatesAndDropsConcurrently) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  const nlohmann::json policy = {
      {"diff", {{"concurrent_index", {{"create", true}, {"drop", true}}}}}};
  const auto index_state = [this](const std::string& expected) -> StateCheck {
    return [this, expected](const State&) -> Status {
      const auto got = Column(
          "SELECT i.indisvalid::text || ' ' || i.indisready::text FROM pg_index i JOIN pg_class c "
          "ON c.oid = i.indexrelid WHERE c.relname = 'users_email_idx'");
      const std::set<std::string> want =
          expected.empty() ? std::set<std::string>{} : std::set<std::string>{expected};
      return got == want ? Status{} : Error("unexpected users_email_idx state", Join(got));
    };
  };
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();

  TestStep create;
  create.config = SchemaConfig(kV1, policy);
  create.expect_actions = {{kRes, Action::kCreate}};
  create.checks = {HasTables({"users"}), CheckAttr(kRes, "diff.concurrent_index.create", "true"),
                   CheckAttr(kRes, "diff.concurrent_index.drop", "true")};
  tc.steps.push_back(create);

  TestStep add_index;
  add_index.config = SchemaConfig(WithEmailIndex(), policy);
  add_index.expect_actions = {{kRes, Action::kUpdate}};
  add_index.expect_warnings = {
      "^Atlas Plan\n\nThe following SQL statements will be executed:\n\n\n"
      "-- Create index \"users_email_idx\" to table: \"users\"\n"
      "CREATE INDEX CONCURRENTLY \"users_email_idx\" ON \"public\".\"users\" \\(\"email\"\\);\n$"};
  add_index.checks = {index_state("true true"), [this](const State&) -> Status {
                        auto idx = Indexes("users");
                        return idx == std::set<std::string>{"users_pkey", "users_email_idx"}
                                   ? Status{}
                                   : Error("unexpected indexes", Join(idx));
                      }};
  tc.steps.push_back(add_index);

  TestStep drop_index;
  drop_index.config = SchemaConfig(kV1, policy);
  drop_index.expect_actions = {{kRes, Action::kUpdate}};
  drop_index.expect_warnings = {
      "^Atlas Plan\n\nThe following SQL statements will be executed:\n\n\n"
      "-- Drop index \"users_email_idx\" from table: \"users\"\n"
      "DROP INDEX CONCURRENTLY \"public\".\"users_email_idx\";\n$"};
  drop_index.checks = {index_state(""), HasTables({"users"})};
  tc.steps.push_back(drop_index);
  acceptance::Test(tc);
}

TEST_F(AtlasSchemaPostgresTest, SchemaBoundUrlWithSearchPath) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  url_ += "&search_path=public";
  dev_url_ += "&search_path=public";
  TestCase tc;
  tc.check_destroy = DatabaseEmpty();
  TestStep create;
  create.config = SchemaConfig(kV2);
  create.expect_warnings = {"Atlas Plan(.|\n)*CREATE TABLE \"users\""};
  create.checks = {HasTables({"users", "posts"})};
  tc.steps.push_back(create);
  acceptance::Test(tc);
}

TEST_F(AtlasSchemaPostgresTest, BadHclIsReportedWithFileLineColumn) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  TestCase tc;
  TestStep bad;
  bad.config = Config()
                   .Resource("atlas_schema", "test",
                             {{"hcl",
                               "schema \"public\" {}\ntable \"t\" {\n  schema = schema.public\n"
                               "  column \"id\" {\n    type = enum.nope\n  }\n}\n"},
                              {"url", url_}})
                   .json();
  bad.expect_error = "schema.hcl:5:12: Unknown enum";
  bad.expect_error_attribute = tfv::Path::Root("hcl");
  tc.steps.push_back(bad);
  acceptance::Test(tc);
  EXPECT_TRUE(Tables().empty());
}

TEST_F(AtlasSchemaPostgresTest, SqlErrorInSchemaFileShowsTheStatement) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  TempDir dir("atlas-acc-pg-");
  const auto sql_path = dir.WriteFile(
      "bad.sql", "CREATE TABLE ok (id integer);\nCREATE TABLE broken (id integer REFERENCES);\n");
  TestCase tc;
  TestStep read;
  read.config = Config()
                    .Data("atlas_schema", "bad",
                          {{"src", "file://" + sql_path.string()}, {"dev_url", dev_url_}})
                    .json();
  read.expect_error = "CREATE TABLE broken";
  tc.steps.push_back(read);
  acceptance::Test(tc);
  EXPECT_TRUE(Tables(dev_db_).empty());
}

TEST_F(AtlasSchemaPostgresTest, SqlSourceWithoutDevDatabaseIsAClearError) {
  ATLAS_ACC_REQUIRE_POSTGRES(server);
  ASSERT_TRUE(Setup(server));
  TempDir dir("atlas-acc-pg-");
  const auto sql_path = dir.WriteFile("schema.sql", "CREATE TABLE t (id integer);\n");
  TestCase tc;
  TestStep create;
  create.config =
      Config()
          .Resource("atlas_schema", "test", {{"hcl", "schema \"public\" {}\n"}, {"url", url_}})
          .Data("atlas_schema", "d", {{"src", "file://" + sql_path.string()}})
          .json();
  create.expect_error = "Dev database required|dev database";
  tc.steps.push_back(create);
  acceptance::Test(tc);
}

TEST_F(AtlasSchemaPostgresTest, UnreachableServerErrorIsRedacted) {
  TestCase tc;
  TestStep bad;
  bad.config =
      Config()
          .Resource("atlas_schema", "test",
                    {{"hcl", kV1},
                     {"url", "postgres://app:Sup3rSecretPw@127.0.0.1:1/app?sslmode=disable"}})
          .json();
  bad.expect_error = "127\\.0\\.0\\.1";
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
