// MySQL/MariaDB inspection against `mariadb-dump --no-data` on the same generated database.
// Generates N realistic tables (integer, decimal, varchar/text with charset, datetime with
// precision and ON UPDATE, json, enum and set columns, defaults, a primary key, a FK to the
// previous table, a unique, a prefix and a composite index, a check, comments; one view per ten
// tables) on a throwaway MariaDB server, then measures:
//   BM_MysqlInspect       one InspectRealm of the database (a fixed number of information_schema
//                         queries, counted and printed for N and for a 10-table database),
//   BM_MariadbDumpNoData  one `mariadb-dump --no-data` run of the same database (output discarded),
// and prints the ratio inspect / dump (issue #5 target: <= 0.5).
// Build with -DATLAS_BUILD_BENCH=ON; run ./bench/mysql_inspect_bench [--tables=N].

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <spawn.h>

#include <benchmark/benchmark.h>
#include <sys/wait.h>

#include "engine/drivers/mysql/driver.hpp"
#include "engine/url/url.hpp"
#include "tests/support/mariadb_server.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawn.

namespace {

namespace my = atlas::engine::drivers::mysql;
using atlas::tests::support::MariaDbServer;

constexpr const char* kDatabase = "bench";
constexpr const char* kSmallDatabase = "bench_small";

struct Fixture {
  std::unique_ptr<MariaDbServer> server;
  std::unique_ptr<my::MysqlDriver> driver;
  int tables = 0;
  int64_t queries_small = 0;
  int64_t queries_large = 0;
  double inspect_seconds = 0;
  double dump_seconds = 0;
};

Fixture& State() {
  static Fixture fixture;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables): bench-only
  return fixture;
}

std::string GenerateSchema(int n) {
  std::string sql;
  for (int i = 0; i < n; ++i) {
    const std::string t = "t" + std::to_string(i);
    sql += "CREATE TABLE " + t +
           " (id bigint unsigned NOT NULL AUTO_INCREMENT, "
           "name varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
           "email varchar(320) NULL, bio text NULL, amount decimal(10,2) NOT NULL DEFAULT 0.00, "
           "st enum('active','suspended','closed') NOT NULL DEFAULT 'active', "
           "flags set('a','b','c') NULL, data json NULL, "
           "created datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), "
           "updated timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
           "parent_id bigint unsigned NULL, PRIMARY KEY (id), UNIQUE KEY " +
           t + "_email (email), KEY " + t + "_name_prefix (name(20)), KEY " + t +
           "_st_created (st, created DESC), CONSTRAINT " + t + "_amount_chk CHECK (amount >= 0)" +
           (i > 0 ? ", CONSTRAINT " + t + "_parent FOREIGN KEY (parent_id) REFERENCES t" +
                        std::to_string(i - 1) + " (id) ON DELETE CASCADE"
                  : std::string()) +
           ") ENGINE=InnoDB COMMENT='table " + t + "';\n";
    if (i % 10 == 9) {
      sql += "CREATE VIEW " + t + "_v AS SELECT id, name FROM " + t + " WHERE st = 'active';\n";
    }
  }
  return sql;
}

std::unique_ptr<my::MysqlDriver> OpenDriver(const std::string& database) {
  auto u = atlas::engine::url::Url::Parse(State().server->Url(database));
  if (!u.ok()) {
    return nullptr;
  }
  auto d = my::MysqlDriver::Open(*u);
  if (!d.ok()) {
    std::cerr << d.ErrorString() << "\n";
    return nullptr;
  }
  return std::move(d).value();
}

// Round trips of one inspection of `d`.
int64_t InspectionQueries(my::MysqlDriver& d) {
  const int64_t before = d.conn().RoundTrips();
  if (!d.inspector().InspectRealm({}).ok()) {
    return -1;
  }
  return d.conn().RoundTrips() - before;
}

bool Setup(int n) {
  Fixture& f = State();
  if (f.driver) {
    return true;
  }
  auto server = MariaDbServer::Start(MariaDbServer::Options{});
  if (!server.ok()) {
    std::cerr << "cannot start MariaDB: " << server.ErrorString() << "\n";
    return false;
  }
  f.server = std::move(server).value();
  for (const auto& [db, tables] :
       {std::pair<const char*, int>{kSmallDatabase, 10}, {kDatabase, n}}) {
    if (auto st = f.server->CreateDatabase(db); !st.ok()) {
      std::cerr << st.ErrorString() << "\n";
      return false;
    }
    if (auto st = f.server->Exec(db, GenerateSchema(tables)); !st.ok()) {
      std::cerr << st.ErrorString() << "\n";
      return false;
    }
  }
  auto small = OpenDriver(kSmallDatabase);
  f.driver = OpenDriver(kDatabase);
  if (!small || !f.driver) {
    return false;
  }
  f.queries_small = InspectionQueries(*small);
  f.queries_large = InspectionQueries(*f.driver);
  f.tables = n;
  return true;
}

int RunDump() {
  const Fixture& f = State();
  // Url() is "mysql://user:pass@host:port/db"; the bench server's account is atlas/pass.
  const std::string url = f.server->Url("");
  const auto colon = url.rfind(':');
  const std::string port = url.substr(colon + 1, url.find('/', colon) - colon - 1);
  std::vector<std::string> args = {"/usr/bin/mariadb-dump",
                                   "--no-data",
                                   "--protocol=TCP",
                                   "-h",
                                   "127.0.0.1",
                                   "-P",
                                   port,
                                   "-uatlas",
                                   "-ppass",
                                   "--result-file=/dev/null",
                                   "--databases",
                                   kDatabase};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    return -1;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int TablesArg() {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read once on the main thread before benchmarks run.
  const char* v = std::getenv("ATLAS_BENCH_TABLES");
  return v != nullptr ? std::atoi(v) : 1000;
}

void BM_MysqlInspect(benchmark::State& state) {
  if (!Setup(TablesArg())) {
    state.SkipWithError("MariaDB unavailable");
    return;
  }
  Fixture& f = State();
  double total = 0;
  int64_t runs = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    auto realm = f.driver->inspector().InspectRealm({});
    total += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++runs;
    if (!realm.ok()) {
      state.SkipWithError(realm.ErrorString().c_str());
      return;
    }
    benchmark::DoNotOptimize(realm);
  }
  f.inspect_seconds = total / static_cast<double>(runs);
  state.counters["tables"] = f.tables;
  state.counters["queries"] = static_cast<double>(f.queries_large);
}

void BM_MariadbDumpNoData(benchmark::State& state) {
  if (!Setup(TablesArg())) {
    state.SkipWithError("MariaDB unavailable");
    return;
  }
  Fixture& f = State();
  double total = 0;
  int64_t runs = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    if (RunDump() != 0) {
      state.SkipWithError("mariadb-dump failed");
      return;
    }
    total += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++runs;
  }
  f.dump_seconds = total / static_cast<double>(runs);
}

BENCHMARK(BM_MysqlInspect)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_MariadbDumpNoData)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--tables=", 0) == 0) {
      // NOLINTNEXTLINE(concurrency-mt-unsafe): before any thread starts.
      setenv("ATLAS_BENCH_TABLES", a.substr(9).c_str(), 1);
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  const Fixture& f = State();
  if (f.inspect_seconds > 0 && f.dump_seconds > 0) {
    const double ratio = f.inspect_seconds / f.dump_seconds;
    std::cout << "\ninformation_schema queries per inspection: " << f.queries_small
              << " (10 tables), " << f.queries_large << " (" << f.tables << " tables)\n";
    std::cout << "inspect / mariadb-dump --no-data (" << f.tables << " tables): " << ratio
              << " (target <= 0.5: " << (ratio <= 0.5 ? "PASS" : "FAIL") << ")\n";
  }
  return 0;
}
