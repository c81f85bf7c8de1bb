// SQLite executor, dev database and driver opening.

#include "engine/drivers/sqlite/exec.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "engine/drivers/registry.hpp"
#include "engine/drivers/sqlite/driver.hpp"
#include "tests/unit/engine/drivers/sqlite/test_util.hpp"

namespace atlas::engine::drivers::sqlite {
namespace {

using testing::MustExec;
using testing::MustInspect;
using testing::MustOpen;
using testing::Rows;
using testing::TempDir;

plan::Statement Stmt(std::string sql, bool transactional = true) {
  plan::Statement s;
  s.sql = std::move(sql);
  s.transactional = transactional;
  return s;
}

class SqliteExecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = dir_.path() / "app.db";
    db_ = MustOpen("sqlite://" + file_.string() + "?_fk=1");
    ASSERT_NE(db_, nullptr);
    MustExec(*db_, "CREATE TABLE t (id int PRIMARY KEY);");
  }
  std::string Tables() {
    return Rows(file_, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  }
  TempDir dir_;
  std::filesystem::path file_;
  std::unique_ptr<Driver> db_;
};

TEST_F(SqliteExecTest, FailureInTransactionRollsBackAndNamesTheStatement) {
  plan::Plan p;
  p.statements = {Stmt("CREATE TABLE a (x int)"), Stmt("INSERT INTO t VALUES (1)"),
                  Stmt("INSERT INTO t VALUES (1)"), Stmt("CREATE TABLE b (x int)")};
  const auto st = db_->executor().ExecutePlan(p, {plan::TxMode::kFile});
  ASSERT_FALSE(st.ok());
  const auto& d = st.diags().items().front();
  EXPECT_EQ(d.summary, "Executing the plan failed");
  EXPECT_EQ(d.detail,
            "sqlite: UNIQUE constraint failed: t.id. Statement 3 of 4 failed and the transaction "
            "was rolled back "
            "(2 statements undone)");
  EXPECT_EQ(d.statement, "INSERT INTO t VALUES (1)");
  db_.reset();
  EXPECT_EQ(Tables(), "t\n");
  EXPECT_EQ(Rows(file_, "SELECT count(*) FROM t"), "0\n");
}

TEST_F(SqliteExecTest, TxModeNoneKeepsAppliedStatements) {
  plan::Plan p;
  p.statements = {Stmt("CREATE TABLE a (x int)"), Stmt("CREATE TABLE t (x int)"),
                  Stmt("CREATE TABLE b (x int)")};
  const auto st = db_->executor().ExecutePlan(p, {plan::TxMode::kNone});
  ASSERT_FALSE(st.ok());
  const auto& d = st.diags().items().front();
  EXPECT_EQ(d.detail,
            "sqlite: table t already exists. Statement 2 of 3 failed; 1 statement applied before "
            "it is kept "
            "(tx-mode none)");
  EXPECT_EQ(d.statement, "CREATE TABLE t (x int)");
  db_.reset();
  EXPECT_EQ(Tables(), "a\nt\n");
}

TEST_F(SqliteExecTest, TxModeAllAppliesEverything) {
  plan::Plan p;
  p.statements = {Stmt("CREATE TABLE a (x int)"), Stmt("INSERT INTO a VALUES (1)")};
  const auto st = db_->executor().ExecutePlan(p, {plan::TxMode::kAll});
  ASSERT_TRUE(st.ok()) << st.ErrorString();
  db_.reset();
  EXPECT_EQ(Rows(file_, "SELECT x FROM a"), "1\n");
}

TEST_F(SqliteExecTest, ForeignKeyPragmasRunOutsideTheTransaction) {
  MustExec(*db_,
           "CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (pid int REFERENCES "
           "parent (id));"
           "INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);");
  // Rebuilding the parent drops it while a child refers to it: works only with enforcement off.
  plan::Plan p;
  p.statements = {Stmt("PRAGMA foreign_keys = off", false),
                  Stmt("CREATE TABLE new_parent (id int PRIMARY KEY, x int)"),
                  Stmt("INSERT INTO new_parent (id) SELECT id FROM parent"),
                  Stmt("DROP TABLE parent"),
                  Stmt("ALTER TABLE new_parent RENAME TO parent"),
                  Stmt("PRAGMA foreign_keys = on", false)};
  const auto st = db_->executor().ExecutePlan(p, {plan::TxMode::kFile});
  ASSERT_TRUE(st.ok()) << st.ErrorString();
  // Enforcement is back on for the connection.
  plan::Plan bad;
  bad.statements = {Stmt("INSERT INTO child VALUES (42)")};
  const auto st2 = db_->executor().ExecutePlan(bad, {});
  ASSERT_FALSE(st2.ok());
  EXPECT_EQ(st2.diags().items().front().detail,
            "sqlite: FOREIGN KEY constraint failed. Statement 1 of 1 failed and the transaction "
            "was rolled back "
            "(0 statements undone)");
}

TEST_F(SqliteExecTest, ForeignKeyCheckRollsBackViolations) {
  MustExec(*db_,
           "CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (pid int REFERENCES "
           "parent (id));"
           "INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);");
  plan::Plan p;
  p.statements = {Stmt("PRAGMA foreign_keys = off", false), Stmt("DELETE FROM parent"),
                  Stmt("PRAGMA foreign_keys = on", false)};
  const auto st = db_->executor().ExecutePlan(p, {plan::TxMode::kFile});
  ASSERT_FALSE(st.ok());
  const auto& d = st.diags().items().front();
  EXPECT_EQ(d.detail,
            "sqlite: 1 foreign key violation after the change, the first: a row of table \"child\" "
            "(rowid 1) refers "
            "to a missing row of table \"parent\". The transaction could not be committed and was "
            "rolled back (1 "
            "statement undone); 1 statement outside the transaction is kept");
  EXPECT_EQ(d.statement, "PRAGMA foreign_key_check");
  db_.reset();
  EXPECT_EQ(Rows(file_, "SELECT count(*) FROM parent"), "1\n");
}

TEST_F(SqliteExecTest, ExecuteScriptReportsPosition) {
  const auto st = db_->executor().ExecuteScript(
      "CREATE TABLE a (x int);\n-- comment\nCREATE TABLE t (y int);\nCREATE TABLE c (z int);",
      "schema.sql");
  ASSERT_FALSE(st.ok());
  const auto& d = st.diags().items().front();
  EXPECT_EQ(d.ToString(),
            "schema.sql:3:1: Executing SQL failed: sqlite: table t already exists (1 statement "
            "before it applied)\n"
            "  statement: CREATE TABLE t (y int)");
  const auto split = db_->executor().ExecuteScript("SELECT 'open", "x.sql");
  ASSERT_FALSE(split.ok());
  EXPECT_EQ(split.diags().items().front().ToString(),
            "x.sql:1:8: Invalid SQL script: unterminated quoted string or identifier");
}

TEST_F(SqliteExecTest, ExecuteScriptWithTriggersAndTransactions) {
  MustExec(*db_,
           "BEGIN;\nCREATE TABLE log (m text);\n"
           "CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('a;b'); END;\n"
           "INSERT INTO t VALUES (7);\nCOMMIT;");
  db_.reset();
  EXPECT_EQ(Rows(file_, "SELECT m FROM log"), "a;b\n");
}

TEST(SqliteDevDatabaseTest, CheckCleanAndReset) {
  auto dev = MustOpen("sqlite://dev?mode=memory&_fk=1");
  ASSERT_NE(dev, nullptr);
  ASSERT_NE(dev->dev(), nullptr);
  EXPECT_TRUE(dev->dev()->CheckClean().ok());
  MustExec(
      *dev,
      "CREATE TABLE p (id integer PRIMARY KEY AUTOINCREMENT); CREATE TABLE c (pid int REFERENCES p "
      "(id));"
      "CREATE VIEW v AS SELECT * FROM c; CREATE TRIGGER tr AFTER INSERT ON p BEGIN SELECT 1; END;"
      "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1);");
  const auto st = dev->dev()->CheckClean();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.ErrorString(),
            "Dev database is not clean: connected database is not clean: found table \"c\"");
  ASSERT_TRUE(dev->dev()->Reset().ok());
  EXPECT_TRUE(dev->dev()->CheckClean().ok());
  EXPECT_EQ(MustInspect(*dev), (schema::Realm{.schemas = {schema::Schema{.name = "main"}}}));
}

TEST(SqliteDevDatabaseTest, MemoryDatabasesAreFreshPerOpen) {
  auto a = MustOpen("sqlite://dev?mode=memory");
  MustExec(*a, "CREATE TABLE x (a int);");
  auto b = MustOpen("sqlite://dev?mode=memory");
  EXPECT_TRUE(b->dev()->CheckClean().ok());
}

TEST(SqliteDriverTest, TargetOfUrl) {
  const auto target = [](std::string_view text) {
    auto u = url::Url::Parse(text);
    EXPECT_TRUE(u.ok());
    auto t = TargetOf(*u);
    EXPECT_TRUE(t.ok()) << t.ErrorString();
    return t.ok() ? std::move(t).value() : OpenTarget{};
  };
  EXPECT_EQ(target("sqlite://dev?mode=memory").uri, "file:dev?mode=memory");
  EXPECT_EQ(target("sqlite:///abs/a%3Fb.db?cache=shared&_fk=true").uri,
            "file:/abs/a%3Fb.db?cache=shared");
  EXPECT_TRUE(target("sqlite://x.db?_fk=true").foreign_keys);
  EXPECT_FALSE(target("sqlite://x.db?_fk=0").foreign_keys);
  EXPECT_TRUE(target("sqlite://x.db?_foreign_keys=1").foreign_keys);
  EXPECT_EQ(target("sqlite://x.db?_busy_timeout=5000").busy_timeout_ms, 5000);
  EXPECT_EQ(target("sqlite://x.db?_journal_mode=WAL").journal_mode, "wal");
  auto bad = url::Url::Parse("sqlite://x.db?_journal_mode=evil;drop");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(
      TargetOf(*bad).ErrorString(),
      "Invalid URL: sqlite://x.db?_journal_mode=evil;drop: unknown journal mode \"evil;drop\"");
}

TEST(SqliteDriverTest, OpenComposesCapabilities) {
  TempDir dir;
  auto d = MustOpen("sqlite://" + (dir.path() / "new.db").string());
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->Name(), "sqlite");
  EXPECT_EQ(d->BoundSchema(), "main");
  EXPECT_TRUE(d->SchemaBound());
  EXPECT_EQ(d->dialect(), sql::Dialect::Sqlite());
  EXPECT_EQ(d->url().FilePath(), (dir.path() / "new.db").string());
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "new.db"));
}

TEST(SqliteDriverTest, OpenErrors) {
  TempDir dir;
  const auto junk = dir.path() / "junk.db";
  {
    std::ofstream(junk)
        << "this is not a database file, just text that is long enough to have a header......";
  }
  Registry registry;
  RegisterBuiltinDrivers(registry);
  auto r = registry.Open("sqlite://" + junk.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.ErrorString(), "Cannot open SQLite database: sqlite://" + junk.string() +
                                 ": sqlite: file is not a database");
  auto missing_dir = registry.Open("sqlite://" + (dir.path() / "no/such/dir.db").string());
  ASSERT_FALSE(missing_dir.ok());
  EXPECT_EQ(missing_dir.ErrorString(), "Cannot open SQLite database: sqlite://" +
                                           (dir.path() / "no/such/dir.db").string() +
                                           ": sqlite: unable to open database file");
}

TEST(RegistryTest, SchemesAndErrors) {
  Registry registry;
  RegisterBuiltinDrivers(registry);
  EXPECT_EQ(registry.Schemes(), (std::vector<std::string>{"maria", "mariadb", "mysql", "postgres",
                                                          "postgresql", "sqlite", "sqlite3"}));
  EXPECT_TRUE(registry.Supports("sqlite3"));
  EXPECT_FALSE(registry.Supports("oracle"));
  auto r = registry.Open("oracle://u:hunter2@h/db");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.ErrorString(),
            "Unsupported database URL: oracle://u:xxxxx@h/db: no driver for scheme \"oracle\" "
            "(supported: maria, mariadb, mysql, postgres, postgresql, sqlite, sqlite3)");
  const auto dup = registry.Register("sqlite", [](const url::Url& u) { return Open(u); });
  EXPECT_EQ(dup.ErrorString(),
            "Duplicate driver registration: a driver is already registered for scheme \"sqlite\"");
  EXPECT_FALSE(registry.Open("not a url").ok());
}

}  // namespace
}  // namespace atlas::engine::drivers::sqlite
