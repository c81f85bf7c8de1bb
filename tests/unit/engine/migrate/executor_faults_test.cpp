// Faults and races of the versioned-migration executor on real PostgreSQL 15 and MariaDB servers
// (LevelDB's lesson: test what happens when the world breaks mid-way):
//   - two processes applying the same directory, 20 rounds: every file runs exactly once;
//   - the server connection killed in the middle of a file (pg_terminate_backend / KILL from
//     another session): the revision record says what ran, and a later apply resumes from the
//     killed statement without re-running the applied ones (PostgreSQL tx mode file: the file and
//     its row are rolled back and rerun whole).

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "engine/drivers/mysql/driver.hpp"
#include "engine/drivers/postgres/driver.hpp"
#include "engine/drivers/registry.hpp"
#include "engine/migrate/executor.hpp"
#include "tests/support/mariadb_server.hpp"
#include "tests/support/postgres_environment.hpp"
#include "tests/support/query_text.hpp"

namespace atlas::engine::migrate {
namespace {

namespace fs = std::filesystem;

// Two forked processes apply `dir` to `url` at the same time; "" when both succeeded.
std::string ApplyFromTwoProcesses(const Dir& dir, const std::string& url) {
  std::vector<pid_t> children;
  for (int p = 0; p < 2; ++p) {
    const pid_t pid = fork();
    if (pid < 0) {
      return "fork failed";
    }
    if (pid == 0) {
      // Child: its own registry and connection; exit code 0 only when the apply succeeded.
      drivers::Registry registry;
      drivers::RegisterBuiltinDrivers(registry);
      auto drv = registry.Open(url);
      int code = 2;
      if (drv.ok()) {
        ExecutorOptions o;
        o.lock_timeout_ms = 30000;
        code = Apply(**drv, dir, o, {}).ok() ? 0 : 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  std::string failures;
  for (const pid_t pid : children) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      failures += "an applying process failed (status " + std::to_string(status) + ") ";
    }
  }
  return failures;
}

// Files 1..n each create a table and log their own run into `runs`.
void WriteLoggingFiles(const fs::path& dir, int n) {
  for (int i = 1; i <= n; ++i) {
    const std::string v = std::to_string(i);
    std::ofstream(dir / (v + "_f.sql"))
        << (i == 1 ? std::string("CREATE TABLE runs (version varchar(10) NOT NULL);\n")
                   : std::string())
        << "CREATE TABLE t" << v << " (id int);\nINSERT INTO runs VALUES ('" << v << "');\n";
  }
}

class ExecutorFaultsPostgresTest : public tests::support::PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("atlas-faults-pg-" + std::to_string(rd()));
    fs::create_directories(root_ / "migrations");
    drivers::RegisterBuiltinDrivers(registry_);
  }
  void TearDown() override {
    if (!root_.empty()) {
      fs::remove_all(root_);
    }
    PostgresTest::TearDown();
  }

  void Write(const std::string& name, const std::string& content) {
    std::ofstream(root_ / "migrations" / name) << content;
  }
  Dir HashedDir() {
    auto d = ReadDir((root_ / "migrations").string());
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    if (!d.ok()) {
      return {};
    }
    EXPECT_TRUE(WriteHashFile(*d).ok());
    auto again = ReadDir((root_ / "migrations").string());
    EXPECT_TRUE(again.ok()) << again.ErrorString();
    return again.ok() ? *again : Dir{};
  }
  // Rows as text ("NULL" for NULL), columns joined by '|'.
  std::vector<std::string> Query(const std::string& sql, const std::string& db = "") {
    return tests::support::QueryAsText<drivers::postgres::PostgresDriver>(
        db.empty() ? Url() : server().Url(db), sql);
  }
  ApplyReport ApplyOnce(const Dir& dir, const ExecutorOptions& o = {}) {
    auto drv = registry_.Open(Url("search_path=public"));
    EXPECT_TRUE(drv.ok()) << drv.ErrorString();
    if (!drv.ok()) {
      return {};
    }
    return Apply(**drv, dir, o, {});
  }
  // Runs Apply in the background and, once `needle` shows up as the running query of another
  // session, terminates that session's backend. Returns the report of the killed apply.
  ApplyReport ApplyAndKillAt(const Dir& dir, const ExecutorOptions& o, const std::string& needle) {
    std::atomic<bool> done{false};
    ApplyReport report;
    std::thread runner([&] {
      report = ApplyOnce(dir, o);
      done = true;
    });
    bool killed = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done && !killed && std::chrono::steady_clock::now() < deadline) {
      const auto rows = Query(
          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
          "current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query "
          "LIKE '" +
          needle + "%'");
      killed = !rows.empty() && rows[0] != "0";
      if (!killed) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    runner.join();
    EXPECT_TRUE(killed) << "the statement to kill never ran";
    return report;
  }

  fs::path root_;
  drivers::Registry registry_;
};

TEST_F(ExecutorFaultsPostgresTest, TwoProcessesApplyingTwentyTimesRunEachFileOnce) {
  constexpr int kRounds = 20;
  WriteLoggingFiles(root_ / "migrations", 4);
  const Dir dir = HashedDir();
  for (int round = 0; round < kRounds; ++round) {
    const std::string db = CreateDatabase();
    EXPECT_EQ(ApplyFromTwoProcesses(dir, server().Url(db, "search_path=public")), "")
        << "round " << round;
    EXPECT_EQ(Query("SELECT string_agg(version, ',' ORDER BY version) FROM runs", db),
              (std::vector<std::string>{"1,2,3,4"}))
        << "round " << round;
    EXPECT_EQ(Query("SELECT count(*) FROM public.atlas_schema_revisions", db),
              (std::vector<std::string>{"4"}))
        << "round " << round;
  }
}

TEST_F(ExecutorFaultsPostgresTest, ConnectionKilledMidFileInTxModeNoneResumes) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_slow.sql",
        "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nSELECT pg_sleep(30);\nCREATE TABLE c "
        "(id int);\n");
  const auto r = ApplyAndKillAt(HashedDir(), {}, "SELECT pg_sleep(30)");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.ToString().find("SELECT pg_sleep(30);"), std::string::npos)
      << r.error.ToString();
  // What ran is on record: file 1 whole, file 2 up to its first statement.
  EXPECT_EQ(Query("SELECT version || ':' || applied || '/' || total FROM atlas_schema_revisions "
                  "ORDER BY version"),
            (std::vector<std::string>{"1:1/1", "2:1/3"}));
  EXPECT_EQ(Query("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE "
                  "schemaname = 'public' AND tablename <> 'atlas_schema_revisions'"),
            (std::vector<std::string>{"a,users"}));
  // The killed statement fixed; the applied one is not re-run (CREATE TABLE a would fail).
  Write("2_slow.sql",
        "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nSELECT pg_sleep(0);\nCREATE TABLE c "
        "(id int);\n");
  const auto resumed = ApplyOnce(HashedDir());
  ASSERT_TRUE(resumed.ok()) << resumed.error.ToString();
  ASSERT_EQ(resumed.files.size(), 1U);
  EXPECT_EQ(resumed.files[0].statements,
            (std::vector<std::string>{"SELECT pg_sleep(0);", "CREATE TABLE c (id int);"}));
  EXPECT_EQ(Query("SELECT version || ':' || applied || '/' || total || ':' || (partial_hashes IS "
                  "NULL) FROM atlas_schema_revisions ORDER BY version"),
            (std::vector<std::string>{"1:1/1:true", "2:3/3:true"}));
}

TEST_F(ExecutorFaultsPostgresTest, ConnectionKilledMidFileInTxModeFileRollsBackAndReruns) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_slow.sql", "CREATE TABLE a (id int);\nSELECT pg_sleep(30);\nCREATE TABLE c (id int);\n");
  const auto r = ApplyAndKillAt(HashedDir(), {}, "SELECT pg_sleep(30)");
  ASSERT_FALSE(r.ok());
  // The file's transaction died with the connection: neither its statements nor its row remain.
  EXPECT_EQ(Query("SELECT version || ':' || applied || '/' || total FROM atlas_schema_revisions "
                  "ORDER BY version"),
            (std::vector<std::string>{"1:1/1"}));
  EXPECT_TRUE(Query("SELECT 1 FROM pg_tables WHERE tablename = 'a'").empty());
  Write("2_slow.sql", "CREATE TABLE a (id int);\nSELECT pg_sleep(0);\nCREATE TABLE c (id int);\n");
  const auto resumed = ApplyOnce(HashedDir());
  ASSERT_TRUE(resumed.ok()) << resumed.error.ToString();
  ASSERT_EQ(resumed.files.size(), 1U);
  EXPECT_EQ(resumed.files[0].statements.size(), 3U);
  EXPECT_EQ(Query("SELECT version || ':' || applied || '/' || total FROM atlas_schema_revisions "
                  "ORDER BY version"),
            (std::vector<std::string>{"1:1/1", "2:3/3"}));
}

class ExecutorFaultsMysqlTest : public tests::support::MariaDbTest {
 protected:
  void SetUp() override {
    MariaDbTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("atlas-faults-my-" + std::to_string(rd()));
    fs::create_directories(root_ / "migrations");
    drivers::RegisterBuiltinDrivers(registry_);
  }
  void TearDown() override {
    if (!root_.empty()) {
      fs::remove_all(root_);
    }
    MariaDbTest::TearDown();
  }
  Dir HashedDir() {
    auto d = ReadDir((root_ / "migrations").string());
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    if (!d.ok()) {
      return {};
    }
    EXPECT_TRUE(WriteHashFile(*d).ok());
    auto again = ReadDir((root_ / "migrations").string());
    return again.ok() ? *again : Dir{};
  }
  std::vector<std::string> Query(const std::string& sql, const std::string& db = "") {
    return tests::support::QueryAsText<drivers::mysql::MysqlDriver>(
        db.empty() ? Url() : server().Url(db), sql);
  }
  ApplyReport ApplyOnce(const Dir& dir) {
    auto drv = registry_.Open(Url());
    EXPECT_TRUE(drv.ok()) << drv.ErrorString();
    return drv.ok() ? Apply(**drv, dir, {}, {}) : ApplyReport{};
  }

  fs::path root_;
  drivers::Registry registry_;
};

TEST_F(ExecutorFaultsMysqlTest, TwoProcessesApplyingTwentyTimesRunEachFileOnce) {
  constexpr int kRounds = 20;
  WriteLoggingFiles(root_ / "migrations", 4);
  const Dir dir = HashedDir();
  for (int round = 0; round < kRounds; ++round) {
    const std::string db = CreateDatabase();
    EXPECT_EQ(ApplyFromTwoProcesses(dir, server().Url(db)), "") << "round " << round;
    EXPECT_EQ(Query("SELECT group_concat(version ORDER BY version) FROM runs", db),
              (std::vector<std::string>{"1,2,3,4"}))
        << "round " << round;
    EXPECT_EQ(Query("SELECT count(*) FROM atlas_schema_revisions", db),
              (std::vector<std::string>{"4"}))
        << "round " << round;
  }
}

TEST_F(ExecutorFaultsMysqlTest, ConnectionKilledMidFileResumesAtTheKilledStatement) {
  std::ofstream(root_ / "migrations" / "1_users.sql") << "CREATE TABLE users (id int);\n";
  std::ofstream(root_ / "migrations" / "2_slow.sql")
      << "CREATE TABLE a (id int);\nSELECT SLEEP(30);\nCREATE TABLE c (id int);\n";
  const Dir dir = HashedDir();
  std::atomic<bool> done{false};
  ApplyReport report;
  std::thread runner([&] {
    report = ApplyOnce(dir);
    done = true;
  });
  bool killed = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!done && !killed && std::chrono::steady_clock::now() < deadline) {
    const auto ids = Query(
        "SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(30)%' AND id "
        "<> connection_id()");
    if (!ids.empty()) {
      Query("KILL CONNECTION " + ids[0]);
      killed = true;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  runner.join();
  ASSERT_TRUE(killed) << "the statement to kill never ran";
  ASSERT_FALSE(report.ok());
  // DDL committed what ran: file 1 whole and the first statement of file 2, on record.
  EXPECT_EQ(Query("SELECT concat(version, ':', applied, '/', total) FROM atlas_schema_revisions "
                  "ORDER BY version"),
            (std::vector<std::string>{"1:1/1", "2:1/3"}));
  EXPECT_EQ(Query("SELECT group_concat(table_name ORDER BY table_name) FROM "
                  "information_schema.tables WHERE table_schema = database() AND table_name <> "
                  "'atlas_schema_revisions'"),
            (std::vector<std::string>{"a,users"}));
  std::ofstream(root_ / "migrations" / "2_slow.sql", std::ios::trunc)
      << "CREATE TABLE a (id int);\nSELECT SLEEP(0);\nCREATE TABLE c (id int);\n";
  const auto resumed = ApplyOnce(HashedDir());
  ASSERT_TRUE(resumed.ok()) << resumed.error.ToString();
  ASSERT_EQ(resumed.files.size(), 1U);
  EXPECT_EQ(resumed.files[0].statements,
            (std::vector<std::string>{"SELECT SLEEP(0);", "CREATE TABLE c (id int);"}));
  EXPECT_EQ(Query("SELECT concat(version, ':', applied, '/', total) FROM atlas_schema_revisions "
                  "ORDER BY version"),
            (std::vector<std::string>{"1:1/1", "2:3/3"}));
}

}  // namespace
}  // namespace atlas::engine::migrate
