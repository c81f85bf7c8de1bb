// SchemaOps on real SQLite files: plan, apply, no-op re-plan, drift, drop, normalization, SQL sources, errors.

#include "engine/ops/schema_ops.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace atlas::engine::ops {
namespace {

namespace fs = std::filesystem;

class SchemaOpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("atlas-ops-" + std::to_string(rd()));
    fs::create_directories(dir_);
    url_ = "sqlite://" + (dir_ / "app.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Exec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "app.db").string().c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    const std::string msg = err != nullptr ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << msg;
  }

  std::string Write(const std::string& name, const std::string& content) {
    const auto p = dir_ / name;
    std::ofstream(p) << content;
    return p.string();
  }

  SchemaApplyRequest Req(const std::string& hcl) const {
    SchemaApplyRequest r;
    r.url = url_;
    r.desired.hcl = hcl;
    return r;
  }

  fs::path dir_;
  std::string url_;
  SchemaOps ops_;
};

constexpr const char* kUsers = R"(
schema "main" {}
table "users" {
  schema = schema.main
  column "id" {
    type = integer
  }
  column "name" {
    type = text
    null = true
  }
  primary_key {
    columns = [column.id]
  }
}
)";

TEST_F(SchemaOpsTest, PlanApplyThenNoOp) {
  auto plan = ops_.PlanApply(Req(kUsers));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  ASSERT_EQ(plan->statements.size(), 1U);
  EXPECT_EQ(plan->statements[0].comment, "Create \"users\" table");
  EXPECT_EQ(plan->statements[0].sql,
            "CREATE TABLE `users` (`id` integer NOT NULL, `name` text NULL, PRIMARY KEY (`id`))");
  EXPECT_FALSE(plan->statements[0].destructive);
  EXPECT_EQ(plan->fingerprint.size(), 64U);

  auto req = Req(kUsers);
  req.expected_fingerprint = plan->fingerprint;
  auto applied = ops_.Apply(req);
  ASSERT_TRUE(applied.ok()) << applied.ErrorString();
  auto again = ops_.PlanApply(Req(kUsers));
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << again->ToSql();
}

TEST_F(SchemaOpsTest, ApplyRefusesAPlanThatWasNotShown) {
  auto plan = ops_.PlanApply(Req(kUsers));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  Exec("CREATE TABLE users (id integer NOT NULL PRIMARY KEY, extra text);");
  auto req = Req(kUsers);
  req.expected_fingerprint = plan->fingerprint;
  auto applied = ops_.Apply(req);
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.diags().items()[0].summary, "Plan is out of date");
}

TEST_F(SchemaOpsTest, DropColumnIsDestructiveAndSkippable) {
  Exec("CREATE TABLE users (id integer NOT NULL, name text NULL, age int NULL, PRIMARY KEY (id));");
  auto plan = ops_.PlanApply(Req(kUsers));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  ASSERT_FALSE(plan->empty());
  EXPECT_TRUE(plan->statements[0].destructive);
  EXPECT_NE(plan->ToSql().find("DROP COLUMN `age`"), std::string::npos) << plan->ToSql();

  auto req = Req(kUsers);
  req.policy.drop_column = true;
  auto skipped = ops_.PlanApply(req);
  ASSERT_TRUE(skipped.ok()) << skipped.ErrorString();
  EXPECT_TRUE(skipped->empty()) << skipped->ToSql();
}

TEST_F(SchemaOpsTest, PlanCarriesLintFindingsWithTheirStatement) {
  Exec(
      "CREATE TABLE users (id integer NOT NULL, name text NULL, PRIMARY KEY (id));"
      "CREATE TABLE old (id int);");
  auto plan = ops_.PlanApply(Req(kUsers));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  ASSERT_EQ(plan->lint.size(), 1U) << plan->ToSql();
  const LintReport& r = plan->lint[0];
  EXPECT_EQ(r.analyzer, "destructive");
  EXPECT_EQ(r.text, "destructive changes detected");
  EXPECT_TRUE(r.error);
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_EQ(r.findings[0].code, "DS102");
  EXPECT_EQ(r.findings[0].text, "Dropping table \"old\"");
  EXPECT_EQ(r.findings[0].suggested_fix,
            "Add a pre-migration check to ensure table \"old\" is empty before dropping it");
  EXPECT_EQ(r.findings[0].link, "https://atlasgo.io/lint/analyzers#DS102");
  EXPECT_EQ(r.findings[0].statement, "DROP TABLE `old`;");
  ASSERT_GE(r.findings[0].statement_index, 0);
  EXPECT_EQ(plan->statements[static_cast<size_t>(r.findings[0].statement_index)].sql,
            "DROP TABLE `old`");
}

TEST_F(SchemaOpsTest, PlanLintsNotNullColumnAddedToExistingTable) {
  Exec("CREATE TABLE users (id integer NOT NULL, PRIMARY KEY (id));");
  auto plan = ops_.PlanApply(Req(R"(
schema "main" {}
table "users" {
  schema = schema.main
  column "id" {
    type = integer
  }
  column "age" {
    type = int
  }
  primary_key {
    columns = [column.id]
  }
}
)"));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  ASSERT_EQ(plan->lint.size(), 1U) << plan->ToSql();
  EXPECT_EQ(plan->lint[0].text, "data dependent changes detected");
  EXPECT_FALSE(plan->lint[0].error);
  ASSERT_EQ(plan->lint[0].findings.size(), 1U);
  EXPECT_EQ(plan->lint[0].findings[0].code, "MF103");
  EXPECT_EQ(plan->lint[0].findings[0].text,
            "Adding a non-nullable \"int\" column \"age\" will fail in case table \"users\" is not "
            "empty");
  // The first statement of the table rebuild (the PRAGMA before it belongs to no change).
  EXPECT_EQ(plan->lint[0].findings[0].statement,
            "CREATE TABLE `new_users` (`id` integer NOT NULL, `age` int NOT NULL, PRIMARY KEY "
            "(`id`));");
}

TEST_F(SchemaOpsTest, NoLintFindingsOnCreate) {
  auto plan = ops_.PlanApply(Req(kUsers));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  EXPECT_TRUE(plan->lint.empty());
}

TEST_F(SchemaOpsTest, ExcludeLeavesObjectsAlone) {
  Exec("CREATE TABLE audit_log (id int);");
  auto req = Req(kUsers);
  auto plan = ops_.PlanApply(req);
  ASSERT_TRUE(plan.ok());
  EXPECT_NE(plan->ToSql().find("DROP TABLE `audit_log`"), std::string::npos) << plan->ToSql();
  req.exclude = {"audit_*"};
  plan = ops_.PlanApply(req);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->ToSql().find("audit_log"), std::string::npos) << plan->ToSql();
}

TEST_F(SchemaOpsTest, InspectPrintsWhatNormalizeProduces) {
  ASSERT_TRUE(ops_.Apply(Req(kUsers)).ok());
  InspectRequest ir;
  ir.url = url_;
  auto inspected = ops_.Inspect(ir);
  ASSERT_TRUE(inspected.ok()) << inspected.ErrorString();
  NormalizeRequest nr;
  nr.source.hcl = std::string("# a comment\n") + kUsers;
  nr.dev_url = "sqlite://dev?mode=memory";
  auto normalized = ops_.Normalize(nr);
  ASSERT_TRUE(normalized.ok()) << normalized.ErrorString();
  EXPECT_EQ(*inspected, *normalized);
}

TEST_F(SchemaOpsTest, DropRemovesOnlyDeclaredObjects) {
  ASSERT_TRUE(ops_.Apply(Req(kUsers)).ok());
  Exec("CREATE TABLE other (id int);");
  DropRequest dr;
  dr.url = url_;
  dr.declared.hcl = kUsers;
  auto plan = ops_.PlanDrop(dr);
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  EXPECT_EQ(plan->ToSql(),
            "-- Disable the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = off;\n"
            "-- Drop \"users\" table\n"
            "DROP TABLE `users`;\n"
            "-- Enable back the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = on;\n");
  ASSERT_TRUE(ops_.Drop(dr).ok());
  InspectRequest ir;
  ir.url = url_;
  ir.format = "json";
  auto left = ops_.Inspect(ir);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->find("users"), std::string::npos) << *left;
  EXPECT_NE(left->find("other"), std::string::npos) << *left;
}

TEST_F(SchemaOpsTest, SqlSourceNeedsDevDatabaseAndReportsFailingStatement) {
  const std::string good = Write("good.sql", "CREATE TABLE t (id int NOT NULL);\n");
  NormalizeRequest nr;
  nr.source.urls = {"file://" + good};
  nr.target_url = url_;
  auto no_dev = ops_.Normalize(nr);
  ASSERT_FALSE(no_dev.ok());
  EXPECT_EQ(no_dev.diags().items()[0].summary, "Dev database required");

  nr.dev_url = "sqlite://dev?mode=memory";
  auto ok = ops_.Normalize(nr);
  ASSERT_TRUE(ok.ok()) << ok.ErrorString();
  EXPECT_NE(ok->find("table \"t\""), std::string::npos) << *ok;

  const std::string bad = Write("bad.sql", "CREATE TABLE t (id int);\nCREATE TABLE oops (;\n");
  nr.source.urls = {"file://" + bad};
  auto failed = ops_.Normalize(nr);
  ASSERT_FALSE(failed.ok());
  const auto& d = failed.diags().items()[0];
  ASSERT_TRUE(d.statement.has_value()) << failed.ErrorString();
  EXPECT_EQ(*d.statement, "CREATE TABLE oops (");
}

TEST_F(SchemaOpsTest, HclSyntaxErrorHasPosition) {
  auto plan = ops_.PlanApply(Req("table \"t\" {\n  schema = schema.main\n  column \"id\" {\n    type = \n  }\n}\n"));
  ASSERT_FALSE(plan.ok());
  const auto& d = plan.diags().items()[0];
  ASSERT_TRUE(d.source.has_value()) << plan.ErrorString();
  EXPECT_EQ(d.source->filename, "schema.hcl");
  EXPECT_EQ(d.source->start.line, 4);  // the missing value after "type ="
}

TEST_F(SchemaOpsTest, UnreachableDatabaseIsAnErrorWithRedactedUrl) {
  auto req = Req(kUsers);
  req.url = "sqlite://" + (dir_ / "missing" / "dir" / "x.db").string();
  auto plan = ops_.PlanApply(req);
  ASSERT_FALSE(plan.ok());
}

}  // namespace
}  // namespace atlas::engine::ops
