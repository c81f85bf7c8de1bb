// Versioned-migration executor on a real MariaDB server: the revisions table in Atlas's MySQL
// layout and location (connected database, realm-bound `atlas_schema_revisions` database,
// revisions_schema, ambiguity guard), apply to a version then upgrade, status on an empty database,
// rows written by Atlas, a failure in the middle of a file recorded through MySQL's implicit DDL
// commits and resumed at the failed statement, DML-only files rolled back whole, triggers and
// procedures (DELIMITER, BEGIN...END, CALL), the GET_LOCK migration lock, the Atlas-written
// provider-migrations directory (../shared/fixtures, skipped when absent) and
// examples/migration-mysql.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "engine/drivers/mysql/driver.hpp"
#include "engine/drivers/registry.hpp"
#include "engine/migrate/executor.hpp"
#include "engine/migrate/file.hpp"
#include "tests/support/mariadb_server.hpp"
#include "tests/support/query_text.hpp"

namespace atlas::engine::migrate {
namespace {

namespace fs = std::filesystem;

fs::path FixturesRoot() {
  for (fs::path p = fs::current_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
    if (fs::is_directory(p / "shared" / "fixtures" / "atlas-sum")) {
      return p / "shared" / "fixtures" / "atlas-sum";
    }
  }
  const fs::path fallback =
      fs::path(__FILE__).parent_path() / "../../../../../shared/fixtures/atlas-sum";
  return fs::is_directory(fallback) ? fallback : fs::path();
}

class ExecutorMysqlTest : public tests::support::MariaDbTest {
 protected:
  void SetUp() override {
    MariaDbTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("atlas-exec-my-" + std::to_string(rd()));
    fs::create_directories(root_ / "migrations");
    drivers::RegisterBuiltinDrivers(registry_);
  }
  void TearDown() override {
    if (!root_.empty()) {
      fs::remove_all(root_);
    }
    if (drop_default_revisions_) {
      ExecSqlIn("", "DROP DATABASE IF EXISTS atlas_schema_revisions");
    }
    MariaDbTest::TearDown();
  }

  void Write(const std::string& name, const std::string& content) {
    std::ofstream(root_ / "migrations" / name) << content;
  }
  void Hash() {
    auto d = ReadDir((root_ / "migrations").string());
    ASSERT_TRUE(d.ok()) << d.ErrorString();
    ASSERT_TRUE(WriteHashFile(*d).ok());
  }
  Dir ReadMigrations() {
    auto d = ReadDir((root_ / "migrations").string());
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    return d.ok() ? *d : Dir{};
  }
  // The test database's URL, or the realm-bound server URL.
  std::string UrlOf(bool realm) const { return realm ? server().Url("") : Url(); }
  std::unique_ptr<drivers::Driver> Open(bool realm = false) {
    auto d = registry_.Open(UrlOf(realm));
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    return d.ok() ? std::move(*d) : nullptr;
  }
  // Rows of a query in the test database as text ("NULL" for NULL), columns joined by '|'.
  std::vector<std::string> Query(const std::string& sql) {
    return tests::support::QueryAsText<drivers::mysql::MysqlDriver>(Url(), sql);
  }
  ApplyReport ApplyAll(const ExecutorOptions& o = {}, const ApplyTarget& t = {},
                       bool realm = false) {
    auto drv = Open(realm);
    if (drv == nullptr) {
      return {};
    }
    return Apply(*drv, ReadMigrations(), o, t);
  }
  StatusReport StatusOf(const ExecutorOptions& o = {}, bool realm = false) {
    auto drv = Open(realm);
    if (drv == nullptr) {
      return {};
    }
    auto s = Status(*drv, ReadMigrations(), o);
    EXPECT_TRUE(s.ok()) << s.ErrorString();
    return s.ok() ? *s : StatusReport{};
  }
  void ThreeFiles() {
    Write("1_users.sql", "CREATE TABLE users (id int);\n");
    Write("2_pets.sql", "CREATE TABLE pets (id int);\nCREATE INDEX pets_id ON pets (id);\n");
    Write("3_toys.sql", "CREATE TABLE toys (id int);\n");
    Hash();
  }
  std::string RevisionsIn(const std::string& db) {
    return "SELECT version FROM `" + db + "`.atlas_schema_revisions ORDER BY version";
  }
  static std::string Has(const ApplyReport& r) { return r.error.ToString(); }

  fs::path root_;
  drivers::Registry registry_;
  bool drop_default_revisions_ = false;
};

std::string ColumnsOf(const std::string& db) {
  return "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, '-'), "
         "COALESCE(COLLATION_NAME, '-') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" +
         db + "' AND TABLE_NAME = 'atlas_schema_revisions' ORDER BY ORDINAL_POSITION";
}

TEST_F(ExecutorMysqlTest, EmptyDatabaseStatus) {
  ThreeFiles();
  const auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_EQ(s.current, "No migration applied yet");
  EXPECT_EQ(s.next, "1");
  EXPECT_EQ(s.latest, "3");
  EXPECT_EQ(s.pending, (std::vector<std::string>{"1_users.sql", "2_pets.sql", "3_toys.sql"}));
  EXPECT_EQ(s.available, 3U);
  // Status writes nothing.
  EXPECT_TRUE(Query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_NAME = "
                    "'atlas_schema_revisions'")
                  .empty());
}

TEST_F(ExecutorMysqlTest, ApplyToVersionThenUpgradeInAtlasLayout) {
  ThreeFiles();
  ApplyTarget t;
  t.to_version = "2";
  auto r = ApplyAll({}, t);
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(r.pending, (std::vector<std::string>{"1_users.sql", "2_pets.sql"}));
  EXPECT_EQ(Query(ColumnsOf(database())), (std::vector<std::string>{
                                              "version|varchar(255)|NO|-|utf8mb4_bin",
                                              "description|varchar(255)|NO|-|utf8mb4_bin",
                                              "type|bigint(20) unsigned|NO|2|-",
                                              "applied|bigint(20)|NO|0|-",
                                              "total|bigint(20)|NO|0|-",
                                              "executed_at|timestamp|NO|-|-",
                                              "execution_time|bigint(20)|NO|-|-",
                                              "error|longtext|YES|NULL|utf8mb4_bin",
                                              "error_stmt|longtext|YES|NULL|utf8mb4_bin",
                                              "hash|varchar(255)|NO|-|utf8mb4_bin",
                                              "partial_hashes|longtext|YES|NULL|utf8mb4_bin",
                                              "operator_version|varchar(255)|NO|-|utf8mb4_bin",
                                          }));
  EXPECT_EQ(Query("SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                  "DATABASE() AND TABLE_NAME = 'atlas_schema_revisions'"),
            (std::vector<std::string>{"utf8mb4_bin"}));
  EXPECT_EQ(Query("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE "
                  "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'atlas_schema_revisions' AND "
                  "CONSTRAINT_NAME = 'PRIMARY'"),
            (std::vector<std::string>{"version"}));
  const auto sums = ComputeHashFile(ReadMigrations().files);
  EXPECT_EQ(Query("SELECT version, description, type, applied, total, error, error_stmt, hash, "
                  "partial_hashes, execution_time > 0, operator_version, executed_at > "
                  "UTC_TIMESTAMP() - INTERVAL 1 MINUTE FROM atlas_schema_revisions ORDER BY "
                  "version"),
            (std::vector<std::string>{
                "1|users|2|1|1|NULL|NULL|" + sums.HashOf("1_users.sql") + "|NULL|1|atlas-native|1",
                "2|pets|2|2|2|NULL|NULL|" + sums.HashOf("2_pets.sql") + "|NULL|1|atlas-native|1"}));
  auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_EQ(s.current, "2");
  EXPECT_EQ(s.next, "3");
  EXPECT_EQ(s.latest, "3");
  t.to_version = "1";
  r = ApplyAll({}, t);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Has(r).find("The version 1 is not found in the pending migrations."),
            std::string::npos);
  r = ApplyAll();
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(r.current, "2");
  EXPECT_EQ(r.pending, (std::vector<std::string>{"3_toys.sql"}));
  s = StatusOf();
  EXPECT_EQ(s.status, "OK");
  EXPECT_EQ(s.current, "3");
  EXPECT_EQ(s.next, "Already at latest version");
  EXPECT_TRUE(ApplyAll().files.empty());
  EXPECT_EQ(Query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                  "DATABASE() ORDER BY 1"),
            (std::vector<std::string>{"atlas_schema_revisions", "pets", "toys", "users"}));
}

TEST_F(ExecutorMysqlTest, RealmBoundUsesAtlasSchemaRevisionsDatabase) {
  drop_default_revisions_ = true;
  const std::string db = "`" + database() + "`";
  Write("1_users.sql", "CREATE TABLE " + db + ".users (id int);\n");
  Write("2_pets.sql", "CREATE TABLE " + db + ".pets (id int);\n");
  Hash();
  ExecutorOptions o;
  o.allow_dirty = true;  // a realm-bound clean check sees every database of a shared server
  auto r = ApplyAll(o, {}, true);
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(Query(RevisionsIn("atlas_schema_revisions")), (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(Query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                    "TABLE_NAME = 'atlas_schema_revisions'")
                  .empty());
  EXPECT_EQ(Query(ColumnsOf("atlas_schema_revisions")).size(), 12U);
  const auto s = StatusOf({}, true);
  EXPECT_EQ(s.status, "OK");
  EXPECT_EQ(s.current, "2");
}

TEST_F(ExecutorMysqlTest, AmbiguousRevisionTableAndRevisionsSchema) {
  drop_default_revisions_ = true;
  ThreeFiles();
  // A realm-bound run leaves the table in the old default location.
  auto realm = Open(true);
  ASSERT_NE(realm, nullptr);
  ASSERT_TRUE(realm->migrator()->SetRevisionsSchema("").ok());
  ASSERT_TRUE(realm->migrator()->InitRevisions().ok());
  drivers::Revision one;
  one.version = "1";
  one.description = "users";
  one.total = 1;
  one.applied = 1;
  one.executed_at = realm->migrator()->Now();
  one.hash = ComputeHashFile(ReadMigrations().files).HashOf("1_users.sql");
  one.operator_version = "Atlas CLI v0.21.2";
  ASSERT_TRUE(realm->migrator()->WriteRevision(one).ok());
  ExecSql("CREATE TABLE users (id int)");
  auto r = ApplyAll();  // database-bound, no revisions_schema: ambiguous
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.items().at(0).summary, "ambiguous revision table");
  EXPECT_NE(r.error.items().at(0).detail.find("providing the '--revisions-schema' flag"),
            std::string::npos);
  ExecutorOptions o;
  o.revisions_schema = "atlas_schema_revisions";
  const auto s = StatusOf(o);
  EXPECT_EQ(s.current, "1");
  EXPECT_EQ(s.next, "2");
  r = ApplyAll(o);
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(Query(RevisionsIn("atlas_schema_revisions")),
            (std::vector<std::string>{"1", "2", "3"}));
  // An explicit database that does not exist yet is created.
  const std::string other = CreateDatabase();
  ExecSqlIn("", "DROP DATABASE `" + other + "`");
  ASSERT_TRUE(realm->migrator()->SetRevisionsSchema(other).ok());
  ASSERT_TRUE(realm->migrator()->InitRevisions().ok());
  EXPECT_EQ(Query("SELECT count(*) FROM `" + other + "`.atlas_schema_revisions"),
            (std::vector<std::string>{"0"}));
}

TEST_F(ExecutorMysqlTest, ReadsRowsWrittenByAtlas) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_more.sql",
        "CREATE TABLE a (id int);\nINSERT INTO users VALUES (1);\nCREATE TABLE c (id int);\n");
  Hash();
  const Dir dir = ReadMigrations();
  auto parsed = ParseFile(dir.files.at(1), sql::DialectKind::kMysql);
  ASSERT_TRUE(parsed.ok()) << parsed.ErrorString();
  const auto hashes = PartialHashes(parsed->statements);
  const auto sums = ComputeHashFile(dir.files);
  // The table exactly as Atlas (ent on MySQL) creates it, the cloud identifier row, one complete
  // revision and one that stopped at its second statement, with values as Atlas writes them
  // (go-sql-driver: UTC timestamps, JSON array of "h1:" hashes, nanosecond durations).
  ExecSql(
      "CREATE TABLE `atlas_schema_revisions` (`version` varchar(255) NOT NULL, `description` "
      "varchar(255) NOT NULL, `type` bigint unsigned NOT NULL DEFAULT 2, `applied` bigint NOT NULL "
      "DEFAULT 0, `total` bigint NOT NULL DEFAULT 0, `executed_at` timestamp NOT NULL, "
      "`execution_time` bigint NOT NULL, `error` longtext NULL, `error_stmt` longtext NULL, "
      "`hash` varchar(255) NOT NULL, `partial_hashes` json NULL, `operator_version` varchar(255) "
      "NOT NULL, PRIMARY KEY (`version`)) CHARSET utf8mb4 COLLATE utf8mb4_bin;\n"
      "INSERT INTO `atlas_schema_revisions` VALUES ('.atlas_cloud_identifier', "
      "'8f2b2f9c-5a0e-4bb1-9d57-6c1c1c2f1f0d', 2, 0, 0, '2024-01-02 10:00:00', 0, NULL, NULL, '', "
      "NULL, 'Atlas CLI v0.21.2');\n"
      "INSERT INTO `atlas_schema_revisions` VALUES ('1', 'users', 2, 1, 1, '2024-01-02 10:00:00', "
      "1234567, NULL, NULL, '" +
      sums.HashOf("1_users.sql") +
      "', NULL, 'Atlas CLI v0.21.2');\n"
      "INSERT INTO `atlas_schema_revisions` VALUES ('2', 'more', 2, 1, 3, '2024-01-02 10:00:01', "
      "0, 'Error 1146 (42S02): Table ''x.userz'' doesn''t exist', 'INSERT INTO userz VALUES "
      "(1);', '" +
      sums.HashOf("2_more.sql") + "', '[\"" + hashes.at(0) +
      "\"]', 'Atlas CLI v0.21.2');\n"
      "CREATE TABLE users (id int);\nCREATE TABLE a (id int);\n");
  const auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_EQ(s.current, "2");
  EXPECT_EQ(s.next, "2");
  EXPECT_EQ(s.count, 1);
  EXPECT_EQ(s.total, 3);
  EXPECT_EQ(s.error, "Error 1146 (42S02): Table 'x.userz' doesn't exist");
  EXPECT_EQ(s.sql, "INSERT INTO userz VALUES (1);");
  ASSERT_EQ(s.applied.size(), 2U);
  EXPECT_EQ(s.applied[0].execution_time, 1234567);
  EXPECT_EQ(s.applied[0].executed_at, "2024-01-02 10:00:00");
  EXPECT_EQ(s.applied[0].operator_version, "Atlas CLI v0.21.2");
  EXPECT_EQ(s.applied[0].type, drivers::kRevisionExecuted);
  EXPECT_EQ(s.applied[1].partial_hashes, (std::vector<std::string>{hashes.at(0)}));
  // The resume continues at the second statement: CREATE TABLE a is not run again.
  const auto r = ApplyAll();
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(r.current, "2");
  ASSERT_EQ(r.files.size(), 1U);
  EXPECT_EQ(r.files[0].statements, (std::vector<std::string>{"INSERT INTO users VALUES (1);",
                                                             "CREATE TABLE c (id int);"}));
  EXPECT_EQ(Query("SELECT version, applied, total, error, error_stmt, partial_hashes FROM "
                  "atlas_schema_revisions ORDER BY version"),
            (std::vector<std::string>{".atlas_cloud_identifier|0|0|NULL|NULL|NULL",
                                      "1|1|1|NULL|NULL|NULL", "2|3|3|NULL|NULL|NULL"}));
  // executed_at is immutable in Atlas's schema: the resume keeps the first write's time.
  EXPECT_EQ(Query("SELECT executed_at FROM atlas_schema_revisions WHERE version = '2'"),
            (std::vector<std::string>{"2024-01-02 10:00:01"}));
  EXPECT_EQ(Query("SELECT description FROM atlas_schema_revisions WHERE version = "
                  "'.atlas_cloud_identifier'"),
            (std::vector<std::string>{"8f2b2f9c-5a0e-4bb1-9d57-6c1c1c2f1f0d"}));
  EXPECT_EQ(StatusOf().status, "OK");
}

TEST_F(ExecutorMysqlTest, PartialFailureRecordedThroughImplicitCommitsAndResumed) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql",
        "CREATE TABLE a (id int);\nINSERT INTO users VALUES (1);\nINSERT INTO nope VALUES "
        "(1);\nCREATE TABLE c (id int);\n");
  Hash();
  // Default tx mode (file): MySQL committed CREATE TABLE a and what followed it, so the row with
  // the failure survives the rollback.
  auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Has(r).find("sql/migrate: executing statement \"INSERT INTO nope VALUES (1);\" from "
                        "version \"2\""),
            std::string::npos)
      << Has(r);
  EXPECT_EQ(r.error.items().at(0).statement, "INSERT INTO nope VALUES (1);");
  const std::string missing = "Error 1146 (42S02): Table '" + database() + ".nope' doesn't exist";
  EXPECT_EQ(Query("SELECT applied, total, error, error_stmt, JSON_LENGTH(partial_hashes) FROM "
                  "atlas_schema_revisions WHERE version = '2'"),
            (std::vector<std::string>{"2|4|" + missing + "|INSERT INTO nope VALUES (1);|2"}));
  EXPECT_EQ(Query("SELECT id FROM users"), (std::vector<std::string>{"1"}));
  auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_EQ(s.current, "2");
  EXPECT_EQ(s.next, "2");
  EXPECT_EQ(s.count, 2);
  EXPECT_EQ(s.total, 4);
  EXPECT_EQ(s.error, missing);
  EXPECT_EQ(s.sql, "INSERT INTO nope VALUES (1);");
  // Changing an applied statement is refused.
  Write("2_bad.sql",
        "CREATE TABLE a (id bigint);\nINSERT INTO users VALUES (1);\nINSERT INTO users VALUES "
        "(2);\nCREATE TABLE c (id int);\n");
  Hash();
  r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(
      Has(r).find("sql/migrate: history changed: statement 1 from file \"2_bad.sql\" changed"),
      std::string::npos)
      << Has(r);
  // Fixing the failing statement resumes at it; the applied ones do not run again.
  Write("2_bad.sql",
        "CREATE TABLE a (id int);\nINSERT INTO users VALUES (1);\nINSERT INTO users VALUES "
        "(2);\nCREATE TABLE c (id int);\n");
  Hash();
  r = ApplyAll();
  ASSERT_TRUE(r.ok()) << Has(r);
  ASSERT_EQ(r.files.size(), 1U);
  EXPECT_EQ(r.files[0].statements, (std::vector<std::string>{"INSERT INTO users VALUES (2);",
                                                             "CREATE TABLE c (id int);"}));
  EXPECT_EQ(Query("SELECT applied, total, error, error_stmt, partial_hashes FROM "
                  "atlas_schema_revisions WHERE version = '2'"),
            (std::vector<std::string>{"4|4|NULL|NULL|NULL"}));
  EXPECT_EQ(Query("SELECT id FROM users ORDER BY id"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(StatusOf().status, "OK");
}

TEST_F(ExecutorMysqlTest, FailedDdlAfterDmlKeepsTheCommittedPrefix) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql", "INSERT INTO users VALUES (1);\nCREATE TABLE users (id int);\n");
  Hash();
  const auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  // The failing CREATE TABLE committed the INSERT and its revision write before it failed.
  EXPECT_EQ(Query("SELECT applied, total, error, error_stmt FROM atlas_schema_revisions WHERE "
                  "version = '2'"),
            (std::vector<std::string>{
                "1|2|Error 1050 (42S01): Table 'users' already exists|CREATE TABLE users (id "
                "int);"}));
  EXPECT_EQ(Query("SELECT id FROM users"), (std::vector<std::string>{"1"}));
}

TEST_F(ExecutorMysqlTest, FileModeRollsBackDmlOnlyFileWithItsRow) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql", "INSERT INTO users VALUES (1);\nINSERT INTO nope VALUES (1);\n");
  Hash();
  auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.items().at(0).statement, "INSERT INTO nope VALUES (1);");
  EXPECT_EQ(Query("SELECT version FROM atlas_schema_revisions"), (std::vector<std::string>{"1"}));
  EXPECT_TRUE(Query("SELECT id FROM users").empty());
  // tx mode none keeps what ran.
  ExecutorOptions o;
  o.tx_mode = plan::TxMode::kNone;
  r = ApplyAll(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Query("SELECT CONCAT(version, ':', applied, '/', total) FROM atlas_schema_revisions "
                  "ORDER BY version"),
            (std::vector<std::string>{"1:1/1", "2:1/2"}));
  EXPECT_EQ(Query("SELECT id FROM users"), (std::vector<std::string>{"1"}));
}

TEST_F(ExecutorMysqlTest, TxModeAllRollsBackDmlBeforeTheFirstDdl) {
  Write("1_users.sql", "INSERT INTO pre VALUES (1);\n");
  Write("2_bad.sql", "INSERT INTO nope VALUES (1);\n");
  Hash();
  ExecSql("CREATE TABLE pre (id int)");
  ExecutorOptions o;
  o.tx_mode = plan::TxMode::kAll;
  o.allow_dirty = true;
  ASSERT_FALSE(ApplyAll(o).ok());
  EXPECT_EQ(Query("SELECT count(*) FROM atlas_schema_revisions"), (std::vector<std::string>{"0"}));
  EXPECT_TRUE(Query("SELECT id FROM pre").empty());
}

TEST_F(ExecutorMysqlTest, TriggersAndProceduresWithDelimiterAndBeginEnd) {
  Write("1_t.sql",
        "CREATE TABLE t (id int, n int);\n"
        "DELIMITER $$\n"
        "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.n = NEW.id * 2;\n"
        "END$$\n"
        "CREATE PROCEDURE add_t(IN v int)\nBEGIN\n  INSERT INTO t (id) VALUES (v);\n  IF v > 0 "
        "THEN\n    INSERT INTO t (id) VALUES (v + 10);\n  END IF;\nEND$$\n"
        "DELIMITER ;\n"
        "CALL add_t(1);\n"
        "INSERT INTO t (id) VALUES (5);\n");
  Write("2_u.sql",
        "CREATE TRIGGER t_bu BEFORE UPDATE ON t FOR EACH ROW BEGIN\n  SET NEW.n = NEW.id * 3;\n"
        "END;\n"
        "UPDATE t SET id = id WHERE id = 5;\n");
  Hash();
  const auto r = ApplyAll();
  ASSERT_TRUE(r.ok()) << Has(r);
  ASSERT_EQ(r.files.size(), 2U);
  EXPECT_EQ(r.files[0].statements.size(), 5U);
  EXPECT_EQ(r.files[1].statements.size(), 2U);
  EXPECT_EQ(Query("SELECT id, n FROM t ORDER BY id"),
            (std::vector<std::string>{"1|2", "5|15", "11|22"}));
  EXPECT_EQ(Query("SELECT version, applied, total FROM atlas_schema_revisions ORDER BY version"),
            (std::vector<std::string>{"1|5|5", "2|2|2"}));
  EXPECT_EQ(StatusOf().status, "OK");
}

TEST_F(ExecutorMysqlTest, LockIsExclusiveAndReleased) {
  ThreeFiles();
  auto holder = Open();
  ASSERT_NE(holder, nullptr);
  auto lock = holder->migrator()->Lock(kLockName, 1000);
  ASSERT_TRUE(lock.ok()) << lock.ErrorString();
  EXPECT_EQ(Query("SELECT IS_USED_LOCK('atlas_migrate_execute') = CONNECTION_ID(), "
                  "IS_USED_LOCK('atlas_migrate_execute') IS NOT NULL"),
            (std::vector<std::string>{"0|1"}));
  auto other = Open();
  ASSERT_NE(other, nullptr);
  auto second = other->migrator()->Lock(kLockName, 1000);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.diags().items().at(0).summary, "acquiring database lock");
  EXPECT_EQ(second.diags().items().at(0).detail, "sql/schema: lock is held by other session");
  ExecutorOptions o;
  o.lock_timeout_ms = 0;
  const auto r = ApplyAll(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.items().at(0).detail, "sql/schema: lock is held by other session");
  EXPECT_TRUE(Query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                    "TABLE_NAME = 'atlas_schema_revisions'")
                  .empty());
  lock->reset();
  EXPECT_EQ(Query("SELECT IS_FREE_LOCK('atlas_migrate_execute')"), (std::vector<std::string>{"1"}));
  auto again = other->migrator()->Lock(kLockName, 0);
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  again->reset();
  EXPECT_TRUE(ApplyAll(o).ok());
}

TEST_F(ExecutorMysqlTest, ConcurrentAppliesRunEachFileOnce) {
  for (int i = 1; i <= 5; ++i) {
    Write(std::to_string(i) + "_f.sql", "CREATE TABLE t" + std::to_string(i) + " (id int);\n");
  }
  Hash();
  const Dir dir = ReadMigrations();
  const std::string url = Url();
  std::vector<ApplyReport> reports(3);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < reports.size(); ++i) {
    threads.emplace_back([&, i] {
      auto drv = registry_.Open(url);
      if (drv.ok()) {
        ExecutorOptions o;
        o.lock_timeout_ms = 30000;
        reports[i] = Apply(**drv, dir, o, {});
      } else {
        reports[i].error = std::move(drv).diags();
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  size_t ran = 0;
  for (const auto& r : reports) {
    EXPECT_TRUE(r.ok()) << Has(r);
    ran += r.files.size();
  }
  EXPECT_EQ(ran, 5U);
  EXPECT_EQ(Query("SELECT count(*) FROM atlas_schema_revisions"), (std::vector<std::string>{"5"}));
}

TEST_F(ExecutorMysqlTest, AtlasWrittenProviderMigrationsApply) {
  const fs::path root = FixturesRoot();
  if (root.empty() || !fs::is_directory(root / "provider-migrations")) {
    GTEST_SKIP() << "../shared/fixtures/atlas-sum/provider-migrations not found (looked upwards "
                    "from the working directory and next to the source tree)";
  }
  auto dir = ReadDir((root / "provider-migrations").string());
  ASSERT_TRUE(dir.ok()) << dir.ErrorString();
  auto drv = Open();
  ASSERT_NE(drv, nullptr);
  const auto before = Status(*drv, *dir, {});
  ASSERT_TRUE(before.ok()) << before.ErrorString();
  EXPECT_EQ(before->status, "PENDING");
  EXPECT_EQ(before->next, "20221101163823");
  EXPECT_EQ(before->latest, "20221101165415");
  const auto r = Apply(*drv, *dir, {}, {});
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(r.target, "20221101165415");
  EXPECT_EQ(r.files.size(), 6U);
  const auto after = Status(*drv, *dir, {});
  ASSERT_TRUE(after.ok()) << after.ErrorString();
  EXPECT_EQ(after->status, "OK");
  EXPECT_EQ(after->current, "20221101165415");
  EXPECT_EQ(after->next, "Already at latest version");
  // Hashes stored are atlas.sum's, byte for byte.
  std::ifstream sum(root / "provider-migrations" / "atlas.sum");
  std::string line;
  std::getline(sum, line);  // the directory hash
  std::vector<std::string> expected;
  while (std::getline(sum, line)) {
    const auto sp = line.find(' ');
    expected.push_back(line.substr(0, line.find('_')) + "|" + line.substr(sp + 4));
  }
  EXPECT_EQ(Query("SELECT version, hash FROM atlas_schema_revisions ORDER BY version"), expected);
  EXPECT_EQ(Query("SELECT p.name, u.name FROM pets p JOIN users u ON u.id = p.owner_id ORDER BY "
                  "p.id"),
            (std::vector<std::string>{"su|giautm", "pi|giautm"}));
  EXPECT_TRUE(Apply(*drv, *dir, {}, {}).files.empty());
}

TEST_F(ExecutorMysqlTest, MigrationMysqlExampleApplies) {
  auto dir = ReadDir(std::string(ATLAS_SOURCE_DIR) + "/examples/migration-mysql/migrations");
  ASSERT_TRUE(dir.ok()) << dir.ErrorString();
  auto drv = Open();
  ASSERT_NE(drv, nullptr);
  const auto r = Apply(*drv, *dir, {}, {});
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(r.target, "20240102000000");
  EXPECT_EQ(Query("SELECT name, name_lower FROM users"), (std::vector<std::string>{"Ada|ada"}));
  const auto s = Status(*drv, *dir, {});
  ASSERT_TRUE(s.ok()) << s.ErrorString();
  EXPECT_EQ(s->status, "OK");
  EXPECT_EQ(s->current, "20240102000000");
}

// The shared scenarios (dirty database, exec orders, txtar checks) on this server.
#include "tests/unit/engine/migrate/executor_scenarios.hpp"  // NOLINT(build/include)
INSTANTIATE_TYPED_TEST_SUITE_P(Mysql, ExecutorScenarioTest, ::testing::Types<ExecutorMysqlTest>);

}  // namespace
}  // namespace atlas::engine::migrate
