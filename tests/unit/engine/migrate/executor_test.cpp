// Versioned-migration executor on real SQLite files: apply, revisions rows, status cases, tx modes,
// partial failure + resume, baseline, exec orders, txtar checks, lock.

#include "engine/migrate/executor.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "engine/drivers/registry.hpp"

namespace atlas::engine::migrate {
namespace {

namespace fs = std::filesystem;

class ExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("atlas-exec-" + std::to_string(rd()));
    fs::create_directories(root_ / "migrations");
    url_ = "sqlite://" + (root_ / "app.db").string();
    drivers::RegisterBuiltinDrivers(registry_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& name, const std::string& content) {
    std::ofstream(root_ / "migrations" / name) << content;
  }
  void Hash() {
    auto d = ReadDir((root_ / "migrations").string());
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE(WriteHashFile(*d).ok());
  }
  Dir ReadMigrations() {
    auto d = ReadDir((root_ / "migrations").string());
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    return *d;
  }
  std::unique_ptr<drivers::Driver> Open() {
    auto d = registry_.Open(url_);
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    return std::move(*d);
  }
  std::vector<std::vector<std::string>> Query(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open((root_ / "app.db").string().c_str(), &db), SQLITE_OK);
    std::vector<std::vector<std::string>> rows;
    sqlite3_exec(
        db, sql.c_str(),
        [](void* out, int n, char** vals, char**) {
          std::vector<std::string> row;
          for (int i = 0; i < n; ++i) {
            row.emplace_back(vals[i] != nullptr ? vals[i] : "NULL");
          }
          static_cast<std::vector<std::vector<std::string>>*>(out)->push_back(row);
          return 0;
        },
        &rows, nullptr);
    sqlite3_close(db);
    return rows;
  }
  ApplyReport ApplyAll(const ExecutorOptions& o = {}, const ApplyTarget& t = {}) {
    auto drv = Open();
    return Apply(*drv, ReadMigrations(), o, t);
  }
  StatusReport StatusOf(const ExecutorOptions& o = {}) {
    auto drv = Open();
    auto s = Status(*drv, ReadMigrations(), o);
    EXPECT_TRUE(s.ok()) << s.ErrorString();
    return *s;
  }
  void ThreeFiles() {
    Write("1_users.sql", "CREATE TABLE users (id int);\n");
    Write("2_pets.sql", "CREATE TABLE pets (id int);\nCREATE INDEX pets_id ON pets (id);\n");
    Write("3_toys.sql", "CREATE TABLE toys (id int);\n");
    Hash();
  }

  fs::path root_;
  std::string url_;
  drivers::Registry registry_;
};

TEST_F(ExecutorTest, EmptyDatabaseStatus) {
  ThreeFiles();
  const auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_EQ(s.current, "No migration applied yet");
  EXPECT_EQ(s.next, "1");
  EXPECT_EQ(s.latest, "3");
  EXPECT_EQ(s.pending, (std::vector<std::string>{"1_users.sql", "2_pets.sql", "3_toys.sql"}));
}

TEST_F(ExecutorTest, ApplyAllWritesAtlasRevisions) {
  ThreeFiles();
  const auto r = ApplyAll();
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  EXPECT_EQ(r.target, "3");
  ASSERT_EQ(r.files.size(), 3U);
  EXPECT_EQ(r.files[1].statements,
            (std::vector<std::string>{"CREATE TABLE pets (id int);", "CREATE INDEX pets_id ON pets (id);"}));
  const auto sums = ComputeHashFile(ReadMigrations().files);
  const auto rows = Query(
      "SELECT version, description, type, applied, total, error, error_stmt, hash, partial_hashes, "
      "typeof(execution_time), operator_version FROM atlas_schema_revisions ORDER BY version");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"2", "pets", "2", "2", "2", "NULL", "NULL", sums.HashOf("2_pets.sql"),
                                               "NULL", "integer", "atlas-native"}));
  const auto s = StatusOf();
  EXPECT_EQ(s.status, "OK");
  EXPECT_EQ(s.current, "3");
  EXPECT_EQ(s.next, "Already at latest version");
  // Nothing more to run.
  const auto again = ApplyAll();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.files.empty());
}

TEST_F(ExecutorTest, ReadsRowsWrittenByAtlas) {
  ThreeFiles();
  // A table and row exactly as Atlas (ent + go-sqlite3) writes them, plus the cloud identifier row.
  Query(
      "CREATE TABLE `atlas_schema_revisions` (`version` text NOT NULL, `description` text NOT NULL, `type` integer "
      "NOT NULL DEFAULT 2, `applied` integer NOT NULL DEFAULT 0, `total` integer NOT NULL DEFAULT 0, `executed_at` "
      "datetime NOT NULL, `execution_time` integer NOT NULL, `error` text NULL, `error_stmt` text NULL, `hash` text "
      "NOT NULL, `partial_hashes` json NULL, `operator_version` text NOT NULL, PRIMARY KEY (`version`));"
      "INSERT INTO atlas_schema_revisions VALUES ('.atlas_cloud_identifier', 'a1b2', 2, 0, 0, "
      "'2024-01-02 10:00:00.123456+00:00', 0, NULL, NULL, '', NULL, 'Atlas CLI v0.21.2');"
      "INSERT INTO atlas_schema_revisions VALUES ('1', 'users', 2, 1, 1, '2024-01-02 10:00:00.123456+00:00', "
      "1234567, NULL, NULL, 'x', NULL, 'Atlas CLI v0.21.2');"
      "CREATE TABLE users (id int);");
  auto s = StatusOf();
  EXPECT_EQ(s.current, "1");
  EXPECT_EQ(s.next, "2");
  ASSERT_EQ(s.applied.size(), 1U);
  EXPECT_EQ(s.applied[0].execution_time, 1234567);
  EXPECT_EQ(s.applied[0].operator_version, "Atlas CLI v0.21.2");
  const auto r = ApplyAll();
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  EXPECT_EQ(r.current, "1");
  EXPECT_EQ(Query("SELECT description FROM atlas_schema_revisions WHERE version = '.atlas_cloud_identifier'")[0][0],
            "a1b2");
}

TEST_F(ExecutorTest, ApplyToVersionThenUpgrade) {
  ThreeFiles();
  ApplyTarget t;
  t.to_version = "2";
  auto r = ApplyAll({}, t);
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  EXPECT_EQ(r.pending, (std::vector<std::string>{"1_users.sql", "2_pets.sql"}));
  auto s = StatusOf();
  EXPECT_EQ(s.current, "2");
  EXPECT_EQ(s.next, "3");
  EXPECT_EQ(s.status, "PENDING");
  t.to_version = "1";
  r = ApplyAll({}, t);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("The version 1 is not found in the pending migrations."), std::string::npos);
  ApplyTarget one;
  one.amount = 1;
  r = ApplyAll({}, one);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(StatusOf().current, "3");
}

TEST_F(ExecutorTest, DatabaseAheadOfDirectory) {
  ThreeFiles();
  ASSERT_TRUE(ApplyAll().ok());
  fs::remove(root_ / "migrations" / "3_toys.sql");
  Hash();
  const auto s = StatusOf();
  EXPECT_EQ(s.status, "OK");
  EXPECT_EQ(s.current, "3");
  EXPECT_EQ(s.next, "Already at latest version");
  EXPECT_EQ(s.latest, "2");
  EXPECT_EQ(s.applied.size(), 3U);
  EXPECT_EQ(s.available, 2U);
}

TEST_F(ExecutorTest, BadSumRefusedBeforeAnythingRuns) {
  ThreeFiles();
  Write("2_pets.sql", "CREATE TABLE pets (id bigint);\n");
  const auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("2_pets.sql"), std::string::npos);
  EXPECT_NE(r.error.ToString().find("atlas migrate hash"), std::string::npos);
  EXPECT_TRUE(Query("SELECT name FROM sqlite_master WHERE name = 'users'").empty());
}

TEST_F(ExecutorTest, FileModeFailureRollsBackAndLeavesNoRow) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql", "CREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\n");
  Hash();
  const auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("sql/migrate: executing statement \"INSERT INTO nope VALUES (1);\" from version \"2\""),
            std::string::npos)
      << r.error.ToString();
  EXPECT_EQ(r.error.items()[0].statement, "INSERT INTO nope VALUES (1);");
  EXPECT_EQ(Query("SELECT version FROM atlas_schema_revisions"), (std::vector<std::vector<std::string>>{{"1"}}));
  EXPECT_TRUE(Query("SELECT name FROM sqlite_master WHERE name = 'a'").empty());
}

TEST_F(ExecutorTest, PartialFailureRecordAndResume) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql", "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\nCREATE TABLE c (id int);\n");
  Hash();
  auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  auto rows = Query("SELECT applied, total, error, error_stmt, json_array_length(partial_hashes) FROM "
                    "atlas_schema_revisions WHERE version = '2'");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0][0], "1");
  EXPECT_EQ(rows[0][1], "3");
  EXPECT_NE(rows[0][2].find("no such table: nope"), std::string::npos);
  EXPECT_EQ(rows[0][3], "INSERT INTO nope VALUES (1);");
  EXPECT_EQ(rows[0][4], "1");
  auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_EQ(s.current, "2");
  EXPECT_EQ(s.next, "2");
  EXPECT_EQ(s.count, 1);
  EXPECT_EQ(s.total, 3);
  EXPECT_EQ(s.sql, "INSERT INTO nope VALUES (1);");
  // Unchanged file: fails again at the same statement.
  r = ApplyAll();
  ASSERT_FALSE(r.ok());
  // Changing an applied statement is refused.
  Write("2_bad.sql", "-- atlas:txmode none\n\nCREATE TABLE a (id bigint);\nINSERT INTO users VALUES (1);\nCREATE TABLE c (id int);\n");
  Hash();
  r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("sql/migrate: history changed: statement 1 from file \"2_bad.sql\" changed"),
            std::string::npos)
      << r.error.ToString();
  // Fixing the failing statement resumes after the applied one.
  Write("2_bad.sql", "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nINSERT INTO users VALUES (1);\nCREATE TABLE c (id int);\n");
  Hash();
  r = ApplyAll();
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  ASSERT_EQ(r.files.size(), 1U);
  EXPECT_EQ(r.files[0].statements,
            (std::vector<std::string>{"INSERT INTO users VALUES (1);", "CREATE TABLE c (id int);"}));
  rows = Query("SELECT applied, total, error, partial_hashes FROM atlas_schema_revisions WHERE version = '2'");
  EXPECT_EQ(rows[0], (std::vector<std::string>{"3", "3", "NULL", "NULL"}));
  EXPECT_EQ(StatusOf().status, "OK");
}

TEST_F(ExecutorTest, TxModeAllRollsBackEveryFile) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql", "INSERT INTO nope VALUES (1);\n");
  Hash();
  ExecutorOptions o;
  o.tx_mode = plan::TxMode::kAll;
  ASSERT_FALSE(ApplyAll(o).ok());
  EXPECT_TRUE(Query("SELECT * FROM atlas_schema_revisions").empty());
  EXPECT_TRUE(Query("SELECT name FROM sqlite_master WHERE name = 'users'").empty());
}

TEST_F(ExecutorTest, TxModeDirectiveAllIsRefused) {
  Write("1_users.sql", "-- atlas:txmode all\n\nCREATE TABLE users (id int);\n");
  Hash();
  const auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("txmode \"all\" is not allowed in file directive"), std::string::npos);
}

TEST_F(ExecutorTest, DirtyDatabaseNeedsBaseline) {
  ThreeFiles();
  Query("CREATE TABLE users (id int);");
  auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("sql/migrate: connected database is not clean: found table \"users\". baseline "
                                    "version or allow-dirty is required"),
            std::string::npos)
      << r.error.ToString();
  ExecutorOptions o;
  o.baseline = "9";
  r = ApplyAll(o);
  EXPECT_NE(r.error.ToString().find("baseline version \"9\" not found"), std::string::npos);
  o.baseline = "1";
  r = ApplyAll(o);
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  EXPECT_EQ(r.pending, (std::vector<std::string>{"2_pets.sql", "3_toys.sql"}));
  const auto rows = Query("SELECT version, type, applied, total FROM atlas_schema_revisions ORDER BY version");
  EXPECT_EQ(rows[0], (std::vector<std::string>{"1", "1", "0", "0"}));
  EXPECT_EQ(StatusOf().status, "OK");
}

TEST_F(ExecutorTest, ExecOrders) {
  Write("1_a.sql", "CREATE TABLE a (id int);\n");
  Write("3_c.sql", "CREATE TABLE c (id int);\n");
  Hash();
  ASSERT_TRUE(ApplyAll().ok());
  Write("2_b.sql", "CREATE TABLE b (id int);\n");
  Write("4_d.sql", "CREATE TABLE d (id int);\n");
  Hash();
  auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_NE(s.order_error.find("migration file 2_b.sql was added out of order"), std::string::npos);
  auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find(
                "migration file 2_b.sql was added out of order. See: https://atlasgo.io/versioned/apply#non-linear-error"),
            std::string::npos);
  ExecutorOptions skip;
  skip.exec_order = ExecOrder::kLinearSkip;
  ApplyTarget dry;
  dry.dry_run = true;
  r = ApplyAll(skip, dry);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.pending, (std::vector<std::string>{"4_d.sql"}));
  ExecutorOptions nonlinear;
  nonlinear.exec_order = ExecOrder::kNonLinear;
  r = ApplyAll(nonlinear);
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  EXPECT_EQ(r.pending, (std::vector<std::string>{"2_b.sql", "4_d.sql"}));
  EXPECT_EQ(Query("SELECT count(*) FROM atlas_schema_revisions")[0][0], "4");
}

TEST_F(ExecutorTest, TxtarChecksMustPass) {
  Write("1_t.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n");
  Write("2_drop.sql",
        "-- atlas:txtar\n\n-- checks.sql --\nSELECT NOT EXISTS (SELECT 1 FROM t);\n-- migration.sql --\nDROP TABLE t;\n");
  Hash();
  auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("check assertion \"SELECT NOT EXISTS (SELECT 1 FROM t);\" returned false"),
            std::string::npos)
      << r.error.ToString();
  EXPECT_EQ(Query("SELECT count(*) FROM t")[0][0], "1");
  Query("DELETE FROM t");
  r = ApplyAll();
  ASSERT_TRUE(r.ok()) << r.error.ToString();
  EXPECT_TRUE(Query("SELECT name FROM sqlite_master WHERE name = 't'").empty());
}

TEST_F(ExecutorTest, ConcurrentAppliesRunEachFileOnce) {
  for (int i = 1; i <= 5; ++i) {
    Write(std::to_string(i) + "_f.sql", "CREATE TABLE t" + std::to_string(i) + " (id int);\n");
  }
  Hash();
  const Dir dir = ReadMigrations();
  std::vector<ApplyReport> reports(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < reports.size(); ++i) {
    threads.emplace_back([&, i] {
      auto drv = registry_.Open(url_ + "?_busy_timeout=5000");
      if (drv.ok()) {
        reports[i] = Apply(**drv, dir, {}, {});
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  size_t ran = 0;
  for (const auto& r : reports) {
    EXPECT_TRUE(r.ok()) << r.error.ToString();
    ran += r.files.size();
  }
  EXPECT_EQ(ran, 5U);
  EXPECT_EQ(Query("SELECT count(*) FROM atlas_schema_revisions")[0][0], "5");
}

TEST_F(ExecutorTest, LockHeldElsewhereTimesOut) {
  ThreeFiles();
  auto holder = Open();
  auto lock = holder->migrator()->Lock(kLockName, 1000);
  ASSERT_TRUE(lock.ok());
  ExecutorOptions o;
  o.lock_timeout_ms = 50;
  const auto r = ApplyAll(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("sql/sqlite: lock on \"atlas_migrate_execute\" already taken"), std::string::npos);
  lock->reset();
  EXPECT_TRUE(ApplyAll(o).ok());
}

TEST_F(ExecutorTest, TimeoutCutsTheLockWait) {
  ThreeFiles();
  auto holder = Open();
  auto lock = holder->migrator()->Lock(kLockName, 60000);
  ASSERT_TRUE(lock.ok());
  ExecutorOptions o;
  o.lock_timeout_ms = 60000;
  o.timeout_ms = 50;
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = ApplyAll(o);
  ASSERT_FALSE(r.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(30));
  EXPECT_NE(r.error.ToString().find("sql/sqlite: lock on \"atlas_migrate_execute\" already taken"), std::string::npos);
  EXPECT_TRUE(Query("SELECT name FROM sqlite_master WHERE name = 'users'").empty());
}

}  // namespace
}  // namespace atlas::engine::migrate
