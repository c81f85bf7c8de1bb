#pragma once
// Executor scenarios that read the same on every server: type-parameterized over the driver's
// fixture (executor_postgres_test.cpp, executor_mysql_test.cpp), which provides Write, Hash,
// ThreeFiles, ApplyAll, StatusOf, Query, ExecSql and Has. Included inside each test file's
// anonymous namespace, after its fixture; each file instantiates the suite for its fixture.

template <typename Fixture>
class ExecutorScenarioTest : public Fixture {};

TYPED_TEST_SUITE_P(ExecutorScenarioTest);

TYPED_TEST_P(ExecutorScenarioTest, DirtyDatabaseNeedsBaseline) {
  this->ThreeFiles();
  this->ExecSql("CREATE TABLE users (id int)");
  auto r = this->ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(
      this->Has(r).find("sql/migrate: connected database is not clean: found table \"users\". "
                        "baseline version or allow-dirty is required"),
      std::string::npos)
      << this->Has(r);
  ExecutorOptions o;
  o.baseline = "1";
  r = this->ApplyAll(o);
  ASSERT_TRUE(r.ok()) << this->Has(r);
  EXPECT_EQ(
      this->Query("SELECT version, type, applied, total FROM atlas_schema_revisions ORDER BY 1"),
      (std::vector<std::string>{"1|1|0|0", "2|2|2|2", "3|2|1|1"}));
}

TYPED_TEST_P(ExecutorScenarioTest, ExecOrders) {
  this->Write("1_a.sql", "CREATE TABLE a (id int);\n");
  this->Write("3_c.sql", "CREATE TABLE c (id int);\n");
  this->Hash();
  ASSERT_TRUE(this->ApplyAll().ok());
  this->Write("2_b.sql", "CREATE TABLE b (id int);\n");
  this->Write("4_d.sql", "CREATE TABLE d (id int);\n");
  this->Hash();
  EXPECT_EQ(this->StatusOf().status, "PENDING");
  auto r = this->ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("migration file 2_b.sql was added out of order. See: "
                                    "https://atlasgo.io/versioned/apply#non-linear-error"),
            std::string::npos)
      << r.error.ToString();
  ExecutorOptions skip;
  skip.exec_order = ExecOrder::kLinearSkip;
  ApplyTarget dry;
  dry.dry_run = true;
  r = this->ApplyAll(skip, dry);
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  EXPECT_EQ(r.pending, (std::vector<std::string>{"4_d.sql"}));
  ExecutorOptions nonlinear;
  nonlinear.exec_order = ExecOrder::kNonLinear;
  r = this->ApplyAll(nonlinear);
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  EXPECT_EQ(r.pending, (std::vector<std::string>{"2_b.sql", "4_d.sql"}));
  EXPECT_EQ(this->Query("SELECT count(*) FROM atlas_schema_revisions"),
            (std::vector<std::string>{"4"}));
}

TYPED_TEST_P(ExecutorScenarioTest, TxtarChecksMustPassBeforeTheFileRuns) {
  this->Write("1_t.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n");
  this->Write("2_drop.sql",
              "-- atlas:txtar\n\n-- checks.sql --\nSELECT NOT EXISTS (SELECT 1 FROM t);\n-- "
              "migration.sql --\nDROP TABLE t;\n");
  this->Hash();
  auto r = this->ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find(
                "check assertion \"SELECT NOT EXISTS (SELECT 1 FROM t);\" returned false"),
            std::string::npos)
      << r.error.ToString();
  EXPECT_EQ(this->Query("SELECT count(*) FROM t"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(this->Query("SELECT version FROM atlas_schema_revisions ORDER BY version"),
            (std::vector<std::string>{"1"}));
  this->Query("DELETE FROM t");
  r = this->ApplyAll();
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  ASSERT_EQ(r.files.size(), 1U);
  EXPECT_EQ(r.files[0].checks, (std::vector<std::string>{"SELECT NOT EXISTS (SELECT 1 FROM t);"}));
  EXPECT_EQ(this->Query("SELECT count(*) FROM atlas_schema_revisions"),
            (std::vector<std::string>{"2"}));
}

REGISTER_TYPED_TEST_SUITE_P(ExecutorScenarioTest, DirtyDatabaseNeedsBaseline, ExecOrders,
                            TxtarChecksMustPassBeforeTheFileRuns);
