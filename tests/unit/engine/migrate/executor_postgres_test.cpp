// Versioned-migration executor on a real PostgreSQL 15 server: the revisions table in Atlas's
// layout and location (search_path, realm-bound `atlas_schema_revisions`, revisions_schema,
// ambiguity guard), apply to a version then upgrade, rows written by Atlas, partial failure record
// + resume, tx modes file/all/none, dollar-quoted bodies, concurrent applies serialized by the
// advisory lock, status cases.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "engine/base/hash.hpp"
#include "engine/drivers/postgres/driver.hpp"
#include "engine/drivers/registry.hpp"
#include "engine/migrate/executor.hpp"
#include "tests/support/postgres_environment.hpp"
#include "tests/support/query_text.hpp"

namespace atlas::engine::migrate {
namespace {

namespace fs = std::filesystem;

class ExecutorPostgresTest : public tests::support::PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("atlas-exec-pg-" + std::to_string(rd()));
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
  std::unique_ptr<drivers::Driver> Open(std::string_view query = "search_path=public") {
    auto d = registry_.Open(Url(query));
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    return d.ok() ? std::move(*d) : nullptr;
  }
  // Rows of a query as text ("NULL" for NULL), each row's columns joined by '|'.
  std::vector<std::string> Query(const std::string& sql) {
    return tests::support::QueryAsText<drivers::postgres::PostgresDriver>(Url(), sql);
  }
  ApplyReport ApplyAll(const ExecutorOptions& o = {}, const ApplyTarget& t = {},
                       std::string_view query = "search_path=public") {
    auto drv = Open(query);
    if (drv == nullptr) {
      return {};
    }
    return Apply(*drv, ReadMigrations(), o, t);
  }
  StatusReport StatusOf(const ExecutorOptions& o = {},
                        std::string_view query = "search_path=public") {
    auto drv = Open(query);
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
  static std::string Has(const ApplyReport& r) { return r.error.ToString(); }

  fs::path root_;
  drivers::Registry registry_;
};

constexpr const char* kColumnsQuery =
    "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
    "coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a JOIN pg_class c ON c.oid = "
    "a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid "
    "= a.attrelid AND d.adnum = a.attnum WHERE n.nspname = '%s' AND c.relname = "
    "'atlas_schema_revisions' AND a.attnum > 0 ORDER BY a.attnum";

std::string ColumnsIn(const std::string& schema) {
  std::string q = kColumnsQuery;
  q.replace(q.find("%s"), 2, schema);
  return q;
}

TEST_F(ExecutorPostgresTest, EmptyDatabaseStatus) {
  ThreeFiles();
  const auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_EQ(s.current, "No migration applied yet");
  EXPECT_EQ(s.next, "1");
  EXPECT_EQ(s.latest, "3");
  EXPECT_EQ(s.pending, (std::vector<std::string>{"1_users.sql", "2_pets.sql", "3_toys.sql"}));
  // Status writes nothing.
  EXPECT_TRUE(Query("SELECT 1 FROM pg_class WHERE relname = 'atlas_schema_revisions'").empty());
}

TEST_F(ExecutorPostgresTest, ApplyToVersionThenUpgradeInAtlasLayout) {
  ThreeFiles();
  ApplyTarget t;
  t.to_version = "2";
  auto r = ApplyAll({}, t);
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(r.pending, (std::vector<std::string>{"1_users.sql", "2_pets.sql"}));
  EXPECT_EQ(Query(ColumnsIn("public")),
            (std::vector<std::string>{
                "version|character varying|t|", "description|character varying|t|",
                "type|bigint|t|2", "applied|bigint|t|0", "total|bigint|t|0",
                "executed_at|timestamp with time zone|t|", "execution_time|bigint|t|",
                "error|text|f|", "error_stmt|text|f|", "hash|character varying|t|",
                "partial_hashes|jsonb|f|", "operator_version|character varying|t|"}));
  EXPECT_EQ(Query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = "
                  "i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = "
                  "'public.atlas_schema_revisions'::regclass"),
            (std::vector<std::string>{"version"}));
  const auto sums = ComputeHashFile(ReadMigrations().files);
  EXPECT_EQ(Query("SELECT version, description, type, applied, total, error, error_stmt, hash, "
                  "partial_hashes, execution_time > 0, operator_version, executed_at > now() - "
                  "interval '1 minute' FROM public.atlas_schema_revisions ORDER BY version"),
            (std::vector<std::string>{
                "1|users|2|1|1|NULL|NULL|" + sums.HashOf("1_users.sql") + "|NULL|t|atlas-native|t",
                "2|pets|2|2|2|NULL|NULL|" + sums.HashOf("2_pets.sql") + "|NULL|t|atlas-native|t"}));
  auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_EQ(s.current, "2");
  EXPECT_EQ(s.next, "3");
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
}

TEST_F(ExecutorPostgresTest, RealmBoundUsesAtlasSchemaRevisionsSchema) {
  ThreeFiles();
  auto r = ApplyAll({}, {}, "");
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(Query("SELECT version FROM atlas_schema_revisions.atlas_schema_revisions ORDER BY 1"),
            (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_TRUE(Query("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = "
                    "'atlas_schema_revisions'")
                  .empty());
  EXPECT_EQ(StatusOf({}, "").status, "OK");
}

TEST_F(ExecutorPostgresTest, AmbiguousRevisionTableAndRevisionsSchema) {
  ThreeFiles();
  ApplyTarget one;
  one.amount = 1;
  ASSERT_TRUE(ApplyAll({}, one, "").ok());  // realm-bound: old default location
  auto r = ApplyAll();                      // schema-bound, no flag: ambiguous
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.items().at(0).summary, "ambiguous revision table");
  EXPECT_NE(r.error.items().at(0).detail.find("providing the '--revisions-schema' flag"),
            std::string::npos);
  auto drv = Open();
  ASSERT_NE(drv, nullptr);
  EXPECT_FALSE(Status(*drv, ReadMigrations(), {}).ok());
  ExecutorOptions o;
  o.revisions_schema = "atlas_schema_revisions";
  const auto s = StatusOf(o);
  EXPECT_EQ(s.current, "1");
  r = ApplyAll(o);
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(Query("SELECT count(*) FROM atlas_schema_revisions.atlas_schema_revisions"),
            (std::vector<std::string>{"3"}));
  // An explicit schema that does not exist yet is created.
  auto realm = Open("");
  ASSERT_NE(realm, nullptr);
  ASSERT_TRUE(realm->migrator()->SetRevisionsSchema("migs").ok());
  ASSERT_TRUE(realm->migrator()->InitRevisions().ok());
  EXPECT_EQ(Query("SELECT count(*) FROM migs.atlas_schema_revisions"),
            (std::vector<std::string>{"0"}));
}

TEST_F(ExecutorPostgresTest, ReadsRowsWrittenByAtlas) {
  ThreeFiles();
  ExecSql(
      "CREATE TABLE public.atlas_schema_revisions (\"version\" character varying NOT NULL, "
      "\"description\" character varying NOT NULL, \"type\" bigint NOT NULL DEFAULT 2, \"applied\" "
      "bigint NOT NULL DEFAULT 0, \"total\" bigint NOT NULL DEFAULT 0, \"executed_at\" timestamptz "
      "NOT NULL, \"execution_time\" bigint NOT NULL, \"error\" text NULL, \"error_stmt\" text "
      "NULL, \"hash\" character varying NOT NULL, \"partial_hashes\" jsonb NULL, "
      "\"operator_version\" character varying NOT NULL, PRIMARY KEY (\"version\"));"
      "INSERT INTO public.atlas_schema_revisions VALUES ('.atlas_cloud_identifier', 'a1b2', 2, 0, "
      "0, '2024-01-02 10:00:00.123456+00', 0, NULL, NULL, '', NULL, 'Atlas CLI v0.21.2');"
      "INSERT INTO public.atlas_schema_revisions VALUES ('1', 'users', 2, 1, 1, '2024-01-02 "
      "10:00:00.123456+00', 1234567, NULL, NULL, 'x', NULL, 'Atlas CLI v0.21.2');"
      "CREATE TABLE users (id int);");
  const auto s = StatusOf();
  EXPECT_EQ(s.current, "1");
  EXPECT_EQ(s.next, "2");
  ASSERT_EQ(s.applied.size(), 1U);
  EXPECT_EQ(s.applied[0].execution_time, 1234567);
  EXPECT_EQ(s.applied[0].operator_version, "Atlas CLI v0.21.2");
  EXPECT_EQ(s.applied[0].executed_at.substr(0, 26), "2024-01-02 10:00:00.123456");
  const auto r = ApplyAll();
  ASSERT_TRUE(r.ok()) << Has(r);
  EXPECT_EQ(r.current, "1");
  EXPECT_EQ(Query("SELECT description FROM atlas_schema_revisions WHERE version = "
                  "'.atlas_cloud_identifier'"),
            (std::vector<std::string>{"a1b2"}));
}

TEST_F(ExecutorPostgresTest, PartialFailureRecordAndResume) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql",
        "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\nCREATE "
        "TABLE c (id int);\n");
  Hash();
  auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Has(r).find("sql/migrate: executing statement \"INSERT INTO nope VALUES (1);\" from "
                        "version \"2\""),
            std::string::npos)
      << Has(r);
  EXPECT_EQ(Query("SELECT applied, total, error LIKE '%relation \"nope\" does not exist%', "
                  "error_stmt, jsonb_array_length(partial_hashes) FROM atlas_schema_revisions "
                  "WHERE version = '2'"),
            (std::vector<std::string>{"1|3|t|INSERT INTO nope VALUES (1);|1"}));
  auto s = StatusOf();
  EXPECT_EQ(s.status, "PENDING");
  EXPECT_EQ(s.current, "2");
  EXPECT_EQ(s.next, "2");
  EXPECT_EQ(s.count, 1);
  EXPECT_EQ(s.total, 3);
  EXPECT_EQ(s.sql, "INSERT INTO nope VALUES (1);");
  // Changing an applied statement is refused.
  Write("2_bad.sql",
        "-- atlas:txmode none\n\nCREATE TABLE a (id bigint);\nINSERT INTO users VALUES "
        "(1);\nCREATE TABLE c (id int);\n");
  Hash();
  r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(
      Has(r).find("sql/migrate: history changed: statement 1 from file \"2_bad.sql\" changed"),
      std::string::npos)
      << Has(r);
  // Fixing the failing statement resumes after the applied one.
  Write("2_bad.sql",
        "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nINSERT INTO users VALUES (1);\nCREATE "
        "TABLE c (id int);\n");
  Hash();
  r = ApplyAll();
  ASSERT_TRUE(r.ok()) << Has(r);
  ASSERT_EQ(r.files.size(), 1U);
  EXPECT_EQ(r.files[0].statements, (std::vector<std::string>{"INSERT INTO users VALUES (1);",
                                                             "CREATE TABLE c (id int);"}));
  EXPECT_EQ(Query("SELECT applied, total, error, partial_hashes FROM atlas_schema_revisions WHERE "
                  "version = '2'"),
            (std::vector<std::string>{"3|3|NULL|NULL"}));
  EXPECT_EQ(StatusOf().status, "OK");
}

TEST_F(ExecutorPostgresTest, FileModeFailureRollsBackFileAndItsRow) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql", "CREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\n");
  Hash();
  const auto r = ApplyAll();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.items().at(0).statement, "INSERT INTO nope VALUES (1);");
  EXPECT_EQ(Query("SELECT version FROM atlas_schema_revisions"), (std::vector<std::string>{"1"}));
  EXPECT_TRUE(Query("SELECT 1 FROM pg_tables WHERE tablename = 'a'").empty());
  EXPECT_EQ(Query("SELECT count(*) FROM pg_tables WHERE tablename = 'users'"),
            (std::vector<std::string>{"1"}));
}

TEST_F(ExecutorPostgresTest, TxModeAllRollsBackEveryFile) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql", "INSERT INTO nope VALUES (1);\n");
  Hash();
  ExecutorOptions o;
  o.tx_mode = plan::TxMode::kAll;
  ASSERT_FALSE(ApplyAll(o).ok());
  EXPECT_EQ(Query("SELECT count(*) FROM atlas_schema_revisions"), (std::vector<std::string>{"0"}));
  EXPECT_TRUE(Query("SELECT 1 FROM pg_tables WHERE tablename = 'users'").empty());
}

TEST_F(ExecutorPostgresTest, TxModeNoneKeepsWhatRan) {
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql", "CREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\n");
  Hash();
  ExecutorOptions o;
  o.tx_mode = plan::TxMode::kNone;
  ASSERT_FALSE(ApplyAll(o).ok());
  EXPECT_EQ(Query("SELECT version || ':' || applied || '/' || total FROM atlas_schema_revisions "
                  "ORDER BY version"),
            (std::vector<std::string>{"1:1/1", "2:1/2"}));
  EXPECT_EQ(Query("SELECT count(*) FROM pg_tables WHERE tablename = 'a'"),
            (std::vector<std::string>{"1"}));
}

TEST_F(ExecutorPostgresTest, DollarQuotedFunctionIsOneStatement) {
  Write("1_fn.sql",
        "CREATE TABLE t (id int);\n"
        "CREATE FUNCTION bump() RETURNS trigger AS $$\nBEGIN\n  NEW.id := NEW.id + 1;\n  RETURN "
        "NEW;\nEND;\n$$ LANGUAGE plpgsql;\n"
        "CREATE TRIGGER t_bump BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION bump();\n"
        "INSERT INTO t VALUES (1);\n");
  Hash();
  const auto r = ApplyAll();
  ASSERT_TRUE(r.ok()) << Has(r);
  ASSERT_EQ(r.files.size(), 1U);
  EXPECT_EQ(r.files[0].statements.size(), 4U);
  EXPECT_EQ(Query("SELECT id FROM t"), (std::vector<std::string>{"2"}));
  EXPECT_EQ(Query("SELECT total FROM atlas_schema_revisions"), (std::vector<std::string>{"4"}));
}

TEST_F(ExecutorPostgresTest, DatabaseAheadOfDirectory) {
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

TEST_F(ExecutorPostgresTest, ConcurrentAppliesRunEachFileOnce) {
  for (int i = 1; i <= 5; ++i) {
    Write(std::to_string(i) + "_f.sql", "CREATE TABLE t" + std::to_string(i) + " (id int);\n");
  }
  Hash();
  const Dir dir = ReadMigrations();
  const std::string url = Url("search_path=public");
  std::vector<ApplyReport> reports(4);
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

TEST_F(ExecutorPostgresTest, LockHeldElsewhereTimesOut) {
  ThreeFiles();
  auto holder = Open();
  ASSERT_NE(holder, nullptr);
  auto lock = holder->migrator()->Lock(kLockName, 1000);
  ASSERT_TRUE(lock.ok()) << lock.ErrorString();
  // Atlas's key: FNV-1 32 of the name, visible in pg_locks.
  EXPECT_EQ(Query("SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks WHERE locktype = "
                  "'advisory'"),
            (std::vector<std::string>{std::to_string(base::Fnv1_32("atlas_migrate_execute"))}));
  ExecutorOptions o;
  o.lock_timeout_ms = 50;
  const auto r = ApplyAll(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.items().at(0).summary, "acquiring database lock");
  EXPECT_EQ(r.error.items().at(0).detail, "sql/schema: lock is held by other session");
  lock->reset();
  EXPECT_TRUE(ApplyAll(o).ok());
}

TEST_F(ExecutorPostgresTest, RevisionUpdatesKeepDescriptionAndExecutedAt) {
  // Atlas's ent schema marks both immutable: a resumed file keeps its first executed_at.
  Write("1_users.sql", "CREATE TABLE users (id int);\n");
  Write("2_bad.sql",
        "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\n");
  Hash();
  ASSERT_FALSE(ApplyAll().ok());
  const auto first = Query(
      "SELECT description || '|' || executed_at::text FROM atlas_schema_revisions WHERE version = "
      "'2'");
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(first[0].substr(0, 4), "bad|");
  Write("2_bad.sql",
        "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nINSERT INTO users VALUES (1);\n");
  Hash();
  ASSERT_TRUE(ApplyAll().ok());
  EXPECT_EQ(Query("SELECT description || '|' || executed_at::text FROM atlas_schema_revisions "
                  "WHERE version = '2'"),
            first);
}

// The shared scenarios (dirty database, exec orders, txtar checks) on this server.
#include "tests/unit/engine/migrate/executor_scenarios.hpp"  // NOLINT(build/include)
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, ExecutorScenarioTest, ::testing::Types<ExecutorPostgresTest>);

}  // namespace
}  // namespace atlas::engine::migrate
