// Executor, advisory locks and dev-database support on a real PostgreSQL server.

#include "engine/drivers/postgres/exec.hpp"

#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "engine/base/hash.hpp"
#include "engine/drivers/postgres/driver.hpp"
#include "engine/url/url.hpp"
#include "tests/support/postgres_environment.hpp"

namespace atlas::engine::drivers::postgres {
namespace {

using std::chrono::milliseconds;

class PostgresExecTest : public tests::support::PostgresTest {
 protected:
  std::unique_ptr<PostgresDriver> Open(std::string_view extra_query = {}) {
    auto u = url::Url::Parse(Url(extra_query));
    EXPECT_TRUE(u.ok()) << u.ErrorString();
    auto d = PostgresDriver::Open(*u);
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    return d.ok() ? std::move(d).value() : nullptr;
  }

  static std::string Tables(const PostgresDriver& d) {
    auto rows = d.conn().Query(
        "SELECT coalesce(string_agg(tablename, ',' ORDER BY tablename), '') FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    EXPECT_TRUE(rows.ok()) << rows.ErrorString();
    return rows.ok() ? std::string(rows->Text(0, 0)) : std::string();
  }

  static plan::Plan ThreeStatements() {
    plan::Plan p;
    p.statements = {plan::Statement{"CREATE TABLE a (id int)", "Create \"a\" table", "", true, 0},
                    plan::Statement{"CREATE TABLE b (id int)", "Create \"b\" table", "", true, 1},
                    plan::Statement{"CREATE TABLE a (id int)", "Create \"a\" table", "", true, 2}};
    return p;
  }
};

TEST_F(PostgresExecTest, FailureRollsBackAndNamesTheStatement) {
  auto d = Open();
  ASSERT_NE(d, nullptr);
  auto st = d->executor().ExecutePlan(ThreeStatements(), {});
  ASSERT_FALSE(st.ok());
  const auto& diag = st.diags().items().at(0);
  EXPECT_EQ(diag.summary, "Statement 3 of 3 failed (Create \"a\" table)");
  EXPECT_EQ(diag.statement, "CREATE TABLE a (id int)");
  EXPECT_EQ(diag.detail,
            "ERROR:  relation \"a\" already exists (SQLSTATE 42P07)\n"
            "0 statements applied before; 2 statements of the open transaction rolled back");
  EXPECT_EQ(Tables(*d), "");
}

TEST_F(PostgresExecTest, TxModeNoneKeepsAppliedStatements) {
  auto d = Open();
  ASSERT_NE(d, nullptr);
  drivers::ExecOptions options;
  options.tx_mode = plan::TxMode::kNone;
  auto st = d->executor().ExecutePlan(ThreeStatements(), options);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.diags().items().at(0).detail,
            "ERROR:  relation \"a\" already exists (SQLSTATE 42P07)\n2 statements applied before "
            "(not rolled back)");
  EXPECT_EQ(Tables(*d), "a,b");
}

TEST_F(PostgresExecTest, NonTransactionalStatementsSplitTheTransaction) {
  auto d = Open();
  ASSERT_NE(d, nullptr);
  plan::Plan p;
  p.statements = {plan::Statement{"CREATE TABLE a (id int)", "", "", true, 0},
                  plan::Statement{"CREATE INDEX CONCURRENTLY a_id ON a (id)", "", "", false, 0},
                  plan::Statement{"CREATE TABLE b (id int)", "", "", true, 1},
                  plan::Statement{"CREATE TABLE a (id int)", "", "", true, 2}};
  auto st = d->executor().ExecutePlan(p, {});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.diags().items().at(0).detail,
            "ERROR:  relation \"a\" already exists (SQLSTATE 42P07)\n"
            "2 statements applied before; 1 statement of the open transaction rolled back");
  EXPECT_EQ(Tables(*d), "a");
}

TEST_F(PostgresExecTest, ScriptErrorsCarryTheirPosition) {
  auto d = Open();
  ASSERT_NE(d, nullptr);
  auto st = d->executor().ExecuteScript("CREATE TABLE a (id int);\n\nCREATE TABLE a (id int);\n",
                                        "schema.sql");
  ASSERT_FALSE(st.ok());
  const auto& diag = st.diags().items().at(0);
  ASSERT_TRUE(diag.source.has_value());
  EXPECT_EQ(diag.source->ToString(), "schema.sql:3:1");
  EXPECT_EQ(diag.statement, "CREATE TABLE a (id int)");
  EXPECT_EQ(Tables(*d), "");
  // Statements that cannot run in a transaction block still run in order.
  st = d->executor().ExecuteScript(
      "CREATE TABLE t (id int);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE TABLE u (id "
      "int);",
      "x.sql");
  ASSERT_TRUE(st.ok()) << st.ErrorString();
  EXPECT_EQ(Tables(*d), "t,u");
}

TEST_F(PostgresExecTest, AdvisoryLockIsExclusiveAndReleased) {
  auto a = Open();
  auto b = Open();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(AdvisoryLock::KeyOf("atlas_dev_database"), base::Fnv1_32("atlas_dev_database"));
  {
    auto held = a->Lock("my lock", milliseconds(1000));
    ASSERT_TRUE(held.ok()) << held.ErrorString();
    auto blocked = b->Lock("my lock", milliseconds(100));
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.diags().items().at(0).summary, "Could not acquire lock my lock");
  }
  auto again = b->Lock("my lock", milliseconds(1000));
  EXPECT_TRUE(again.ok()) << again.ErrorString();
}

TEST_F(PostgresExecTest, DevDatabaseCheckCleanAndReset) {
  auto d = Open();
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->dev()->CheckClean().ok());
  ExecSql("CREATE TABLE t (id int)");
  auto st = d->dev()->CheckClean();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.ErrorString(),
            "Connected database is not clean: found table \"t\" in schema \"public\"");
  ExecSql("CREATE SCHEMA other; CREATE EXTENSION citext; CREATE TYPE e AS ENUM ('x');");
  st = d->dev()->CheckClean();
  EXPECT_EQ(st.ErrorString(), "Connected database is not clean: found schema \"other\"");
  ASSERT_TRUE(d->dev()->Reset().ok());
  EXPECT_TRUE(d->dev()->CheckClean().ok());
  auto realm = d->inspector().InspectRealm({});
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  ASSERT_EQ(realm->schemas.size(), 1U);
  EXPECT_EQ(realm->schemas[0].name, "public");
  EXPECT_EQ(realm->schemas[0].comment, "standard public schema");
  EXPECT_TRUE(realm->schemas[0].enums.empty());
  EXPECT_TRUE(realm->extensions.empty());
}

TEST_F(PostgresExecTest, SchemaBoundDevDatabaseResetsOnlyItsSchema) {
  ExecSql(
      "CREATE SCHEMA dev; COMMENT ON SCHEMA dev IS 'dev'; CREATE TABLE dev.t (id int); CREATE "
      "TABLE keep (id int);");
  auto d = Open("search_path=dev");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->dev()->CheckClean().ErrorString(),
            "Connected database is not clean: found table \"t\" in connected schema");
  ASSERT_TRUE(d->dev()->Reset().ok());
  EXPECT_TRUE(d->dev()->CheckClean().ok());
  EXPECT_EQ(Tables(*d), "keep");
  auto realm = d->inspector().InspectRealm({});
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  EXPECT_EQ(realm->schemas.at(0).comment, "dev");
}

TEST_F(PostgresExecTest, DevSessionCleansUpAlsoWhenTheUseFails) {
  auto d = Open();
  ASSERT_NE(d, nullptr);
  ExecSql("CREATE TABLE leftover (id int)");
  {
    auto session = d->BeginDevSession(milliseconds(1000));
    ASSERT_TRUE(session.ok()) << session.ErrorString();
    EXPECT_EQ(Tables(*d), "");
    // The session holds the dev lock.
    auto other = Open();
    ASSERT_NE(other, nullptr);
    EXPECT_FALSE(other->Lock(DevSession::kLockName, milliseconds(50)).ok());
    auto st = d->executor().ExecuteScript("CREATE TABLE desired (id int); CREATE TABLE broken (",
                                          "desired.sql");
    EXPECT_FALSE(st.ok());
    ASSERT_TRUE(d->executor().ExecuteScript("CREATE TABLE desired (id int);", "desired.sql").ok());
    EXPECT_EQ(Tables(*d), "desired");
  }
  EXPECT_EQ(Tables(*d), "");
  auto other = Open();
  ASSERT_NE(other, nullptr);
  EXPECT_TRUE(other->Lock(DevSession::kLockName, milliseconds(1000)).ok());
}

}  // namespace
}  // namespace atlas::engine::drivers::postgres
