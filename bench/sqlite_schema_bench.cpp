// SQLite schema engine on generated large schemas (default 1,000 tables, --tables=N to change).
// Each table has several column types, a default, a primary key, a foreign key to the previous
// table, a unique and a partial index and a check; one view per ten tables. Measured:
//   BM_SqliteInspect        InspectRealm of the whole file (a fixed set of catalog queries),
//   BM_SqliteDiffIdentical  Diff of the realm against itself (the no-op plan's cost),
//   BM_SqliteDiffAndPlan    Diff against a copy where every tenth table gained a column, then plan,
//   BM_SqlitePlanApplyHcl   end to end like `terraform plan`: SchemaOps::PlanApply of the inspected
//                           HCL against the database (decode, dev normalization, inspect, diff, plan),
// and, for scale, BM_SqliteMasterScan: reading sqlite_master alone, the floor any inspection pays.
// Build with -DATLAS_BUILD_BENCH=ON; run ./bench/sqlite_schema_bench [--tables=N].

#include <sqlite3.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "engine/diff/diff.hpp"
#include "engine/drivers/registry.hpp"
#include "engine/ops/schema_ops.hpp"

namespace {

namespace drivers = atlas::engine::drivers;
namespace diff = atlas::engine::diff;
namespace ops = atlas::engine::ops;

int g_tables = 1000;

std::string GenerateSchema(int n) {
  std::string sql;
  for (int i = 0; i < n; ++i) {
    sql += fmt::format(
        "CREATE TABLE t{0} (id integer PRIMARY KEY, name varchar(64) NOT NULL DEFAULT 'x', "
        "amount real, created datetime DEFAULT CURRENT_TIMESTAMP, data blob, parent integer{1}, "
        "CHECK (amount >= 0));\n"
        "CREATE UNIQUE INDEX t{0}_name ON t{0} (name);\n"
        "CREATE INDEX t{0}_amount ON t{0} (amount) WHERE amount > 10;\n",
        i, i == 0 ? std::string() : fmt::format(" REFERENCES t{}(id) ON DELETE CASCADE", i - 1));
    if (i % 10 == 9) {
      sql += fmt::format("CREATE VIEW v{0} AS SELECT id, name FROM t{0};\n", i);
    }
  }
  return sql;
}

struct Fixture {
  std::filesystem::path dir;
  std::string url;
  drivers::Registry registry;
  std::unique_ptr<drivers::Driver> driver;
  std::string hcl;

  Fixture() {
    dir = std::filesystem::temp_directory_path() / fmt::format("atlas-bench-sqlite-{}", ::getpid());
    std::filesystem::create_directories(dir);
    const auto file = dir / "bench.db";
    std::filesystem::remove(file);
    url = "sqlite://" + file.string();
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) {
      std::cerr << "cannot create " << file << "\n";
      std::exit(1);  // NOLINT(concurrency-mt-unsafe): bench setup
    }
    const std::string script = "BEGIN;\n" + GenerateSchema(g_tables) + "COMMIT;\n";
    char* err = nullptr;
    if (sqlite3_exec(db, script.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::cerr << "generate: " << (err != nullptr ? err : "?") << "\n";
      std::exit(1);  // NOLINT(concurrency-mt-unsafe): bench setup
    }
    sqlite3_close(db);
    drivers::RegisterBuiltinDrivers(registry);
    auto d = registry.Open(url);
    if (!d.ok()) {
      std::cerr << d.ErrorString() << "\n";
      std::exit(1);  // NOLINT(concurrency-mt-unsafe): bench setup
    }
    driver = std::move(d).value();
    ops::InspectRequest req;
    req.url = url;
    auto inspected = ops::SchemaOps().Inspect(req);
    if (!inspected.ok()) {
      std::cerr << inspected.ErrorString() << "\n";
      std::exit(1);  // NOLINT(concurrency-mt-unsafe): bench setup
    }
    hcl = std::move(inspected).value();
  }
  ~Fixture() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
};

Fixture& State() {
  static Fixture fixture;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables): bench-only
  return fixture;
}

atlas::engine::schema::Realm MustInspect() {
  auto realm = State().driver->inspector().InspectRealm({});
  if (!realm.ok()) {
    std::cerr << realm.ErrorString() << "\n";
    std::exit(1);  // NOLINT(concurrency-mt-unsafe): bench
  }
  return std::move(realm).value();
}

void BM_SqliteMasterScan(benchmark::State& state) {
  const std::string file = State().url.substr(std::strlen("sqlite://"));
  for (auto _ : state) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_master", -1, &stmt, nullptr);
    size_t bytes = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      bytes += static_cast<size_t>(sqlite3_column_bytes(stmt, 3));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["tables"] = g_tables;
}

void BM_SqliteInspect(benchmark::State& state) {
  for (auto _ : state) {
    auto realm = MustInspect();
    benchmark::DoNotOptimize(realm);
  }
  state.counters["tables"] = g_tables;
}

void BM_SqliteDiffIdentical(benchmark::State& state) {
  const auto realm = MustInspect();
  diff::DiffOptions options;
  options.bound_schema = State().driver->BoundSchema();
  for (auto _ : state) {
    auto changes = diff::Diff(realm, realm, options, State().driver->diff_hooks());
    if (!changes.ok() || !changes->empty()) {
      state.SkipWithError("identical realms must not differ");
      return;
    }
  }
  state.counters["tables"] = g_tables;
}

void BM_SqliteDiffAndPlan(benchmark::State& state) {
  const auto current = MustInspect();
  auto desired = current;
  int changed = 0;
  for (auto& s : desired.schemas) {
    for (size_t i = 0; i < s.tables.size(); i += 10) {
      auto c = s.tables[i].columns.back();
      c.name = "added";
      c.nullable = true;
      c.default_value.reset();
      s.tables[i].columns.push_back(c);
      ++changed;
    }
  }
  diff::DiffOptions options;
  options.bound_schema = State().driver->BoundSchema();
  size_t statements = 0;
  for (auto _ : state) {
    auto changes = diff::Diff(current, desired, options, State().driver->diff_hooks());
    if (!changes.ok()) {
      state.SkipWithError(changes.ErrorString().c_str());
      return;
    }
    drivers::PlanOptions plan_options;
    plan_options.current = &current;
    auto planned = State().driver->planner().PlanChanges(*changes, plan_options);
    if (!planned.ok()) {
      state.SkipWithError(planned.ErrorString().c_str());
      return;
    }
    statements = planned->statements.size();
  }
  state.counters["tables"] = g_tables;
  state.counters["changed_tables"] = changed;
  state.counters["statements"] = static_cast<double>(statements);
}

void BM_SqlitePlanApplyHcl(benchmark::State& state) {
  ops::SchemaApplyRequest req;
  req.url = State().url;
  req.dev_url = "sqlite://dev?mode=memory";
  req.desired.hcl = State().hcl;
  const ops::SchemaOps schema_ops;
  for (auto _ : state) {
    auto plan = schema_ops.PlanApply(req);
    if (!plan.ok()) {
      state.SkipWithError(plan.ErrorString().c_str());
      return;
    }
    if (!plan->empty()) {
      state.SkipWithError(("inspected HCL must plan no changes:\n" + plan->ToSql()).c_str());
      return;
    }
  }
  state.counters["tables"] = g_tables;
}

BENCHMARK(BM_SqliteMasterScan)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SqliteInspect)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SqliteDiffIdentical)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SqliteDiffAndPlan)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SqlitePlanApplyHcl)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--tables=", 0) == 0) {
      g_tables = std::atoi(a.c_str() + std::strlen("--tables="));
    } else {
      args.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
