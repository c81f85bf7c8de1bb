// PostgreSQL schema engine against `pg_dump --schema-only`, on one throwaway PostgreSQL 15 server
// in one run. The schema comes from bench/pg_schema_generator.hpp (N realistic tables: several
// column types and defaults, identity/uuid keys, foreign keys, unique constraints, expression,
// partial and GIN indexes, checks, comments, enums, views). Measured (median wall time):
//   BM_PostgresInspect     open a connection + InspectRealm of the N-table database
//                          (BM_PostgresInspectWarm: InspectRealm on an open connection)
//   BM_PgDumpSchemaOnly    one `pg_dump --schema-only` process on the same database
//   BM_PostgresNoopPlan    the provider's plan: SchemaOps::PlanApply of the database's own
//                          inspected HCL (open, inspect, decode + normalize the HCL, diff, plan;
//                          PlanApply decodes the HCL on a second thread while it inspects); must
//                          plan nothing. The same steps are then timed one after the other once
//                          ("no-op plan steps") to show where the time goes.
//   BM_RealmDiffPlan       diff + plan of two in-memory M-table realms (GenerateRealm(M) against
//                          MutateRealm of it: added/dropped columns and tables, changed types ...),
//                          freeing the results included; runs first, before the server starts
// and prints, with PASS/FAIL against the project's targets:
//   inspect / pg_dump <= 0.50, no-op plan / inspect <= 1.50, diff+plan < 50 ms,
// plus the number of catalog queries one inspection issues for N=10 and for N tables.
// Before measuring, it checks the generator: the inspected database must diff to nothing against
// the generated model (the model is what the catalog returns, so the in-memory realms are
// realistic).
//
// Build with -DATLAS_BUILD_BENCH=ON; run ./bench/postgres_inspect_bench [--tables=N]
// [--realm-tables=M] [Google Benchmark flags]. Defaults: N=1000, M=5000.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <spawn.h>

#include <benchmark/benchmark.h>
#include <sys/wait.h>

#include "engine/diff/diff.hpp"
#include "engine/drivers/postgres/driver.hpp"
#include "engine/ops/dialects.hpp"
#include "engine/ops/schema_ops.hpp"
#include "engine/spec/decode.hpp"
#include "engine/url/url.hpp"
#include "tests/support/postgres_server.hpp"

#include "bench/pg_schema_generator.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawn.

namespace {

namespace pg = atlas::engine::drivers::postgres;
namespace drivers = atlas::engine::drivers;
namespace diff = atlas::engine::diff;
namespace ops = atlas::engine::ops;
namespace schema = atlas::engine::schema;
using atlas::tests::support::PostgresServer;
using Clock = std::chrono::steady_clock;

constexpr const char* kDatabase = "bench";
constexpr const char* kSmallDatabase = "bench_small";
constexpr int kSmallTables = 10;

// Targets of the PostgreSQL issue.
constexpr double kInspectVsDumpTarget = 0.5;
constexpr double kNoopPlanVsInspectTarget = 1.5;
constexpr double kDiffPlanTargetMs = 50;

struct Fixture {
  int tables = 1000;
  int realm_tables = 5000;
  std::unique_ptr<PostgresServer> server;
  std::string url;
  std::string hcl;  // the database's inspected HCL (the desired state of the no-op plan)
  schema::Realm realm_current;
  schema::Realm realm_desired;
  atlas::bench::MutationSummary mutation;
  std::vector<double> inspect_ms, inspect_warm_ms, dump_ms, noop_ms, diff_plan_ms;
  size_t diff_changes = 0;
  size_t diff_statements = 0;
};

Fixture& State() {
  static Fixture fixture;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables): bench-only
  return fixture;
}

double Ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double Median(std::vector<double> v) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "postgres_inspect_bench: " << what << "\n";
  State().server.reset();
  std::exit(1);  // NOLINT(concurrency-mt-unsafe): bench setup, main thread
}

std::unique_ptr<pg::PostgresDriver> OpenDriver(const std::string& url) {
  auto u = atlas::engine::url::Url::Parse(url);
  if (!u.ok()) {
    Die(u.ErrorString());
  }
  auto d = pg::PostgresDriver::Open(*u);
  if (!d.ok()) {
    Die(d.ErrorString());
  }
  return std::move(d).value();
}

schema::Realm MustInspect(pg::PostgresDriver& driver) {
  auto realm = driver.inspector().InspectRealm({});
  if (!realm.ok()) {
    Die(realm.ErrorString());
  }
  return std::move(realm).value();
}

std::vector<schema::Change> MustDiff(const schema::Realm& current, const schema::Realm& desired) {
  static const pg::PostgresDiffHooks hooks;
  auto changes = diff::Diff(current, desired, {}, hooks);
  if (!changes.ok()) {
    Die(changes.ErrorString());
  }
  return std::move(changes).value();
}

std::string PlanSql(const std::vector<schema::Change>& changes, const schema::Realm& current) {
  drivers::PlanOptions options;
  options.current = &current;
  auto planned = pg::PostgresPlanner().PlanChanges(changes, options);
  return planned.ok() ? planned->ToSql() : planned.ErrorString();
}

void CreateDatabase(const std::string& name, int tables) {
  Fixture& f = State();
  if (auto st = f.server->CreateDatabase(name); !st.ok()) {
    Die(st.ErrorString());
  }
  const auto start = Clock::now();
  if (auto st = f.server->Exec(name, atlas::bench::RealmToSql(atlas::bench::GenerateRealm(tables)));
      !st.ok()) {
    Die(st.ErrorString());
  }
  std::printf("created database %s: %d generated tables in %.1f s\n", name.c_str(), tables,
              Ms(start) / 1000);
}

// The generated model must be exactly what the catalog returns for the database created from it.
void CheckGenerator(pg::PostgresDriver& driver, int tables) {
  const schema::Realm inspected = MustInspect(driver);
  const schema::Realm generated = atlas::bench::GenerateRealm(tables);
  const auto changes = MustDiff(inspected, generated);
  if (!changes.empty()) {
    Die("the generated model differs from the inspected database (" +
        std::to_string(changes.size()) + " changes):\n" + PlanSql(changes, inspected));
  }
  const schema::Schema* s = inspected.FindSchema("public");
  size_t columns = 0;
  size_t indexes = 0;
  size_t fks = 0;
  size_t checks = 0;
  for (const auto& t : s->tables) {
    columns += t.columns.size();
    indexes += t.indexes.size() + (t.primary_key ? 1 : 0);
    fks += t.foreign_keys.size();
    checks += t.checks.size();
  }
  std::printf(
      "generator check: the inspected database equals the generated model (%zu tables, %zu "
      "columns, %zu indexes incl. primary keys, %zu foreign keys, %zu checks, %zu views, %zu "
      "enums)\n",
      s->tables.size(), columns, indexes, fks, checks, s->views.size(), s->enums.size());
}

int64_t InspectionQueries(const std::string& database) {
  auto driver = OpenDriver(State().server->Url(database));
  const int64_t before = driver->conn().RoundTrips();
  MustInspect(*driver);
  return driver->conn().RoundTrips() - before;
}

int64_t g_queries_small = 0;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)
int64_t g_queries_large = 0;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

// The PostgreSQL server and its databases, set up by the first benchmark that needs them (the
// in-memory benchmark runs first, before any server exists, so nothing runs beside it).
void SetupDatabase() {
  Fixture& f = State();
  if (f.server) {
    return;
  }
  auto server = PostgresServer::Start(PostgresServer::Options{});
  if (!server.ok()) {
    Die("cannot start PostgreSQL: " + server.ErrorString());
  }
  f.server = std::move(server).value();
  CreateDatabase(kDatabase, f.tables);
  CreateDatabase(kSmallDatabase, kSmallTables);
  f.url = f.server->Url(kDatabase);
  {
    auto driver = OpenDriver(f.url);
    CheckGenerator(*driver, f.tables);
  }
  g_queries_small = InspectionQueries(kSmallDatabase);
  g_queries_large = InspectionQueries(kDatabase);
  std::printf("catalog queries per inspection: %lld for %d tables, %lld for %d tables\n",
              static_cast<long long>(g_queries_small), kSmallTables,
              static_cast<long long>(g_queries_large), f.tables);

  ops::InspectRequest req;
  req.url = f.url;
  auto hcl = ops::SchemaOps().Inspect(req);
  if (!hcl.ok()) {
    Die(hcl.ErrorString());
  }
  f.hcl = std::move(hcl).value();
}

void SetupRealms() {
  Fixture& f = State();
  f.realm_current = atlas::bench::GenerateRealm(f.realm_tables);
  f.realm_desired = atlas::bench::MutateRealm(f.realm_current, f.mutation);
}

int RunPgDump() {
  const Fixture& f = State();
  std::vector<std::string> args = {"/usr/lib/postgresql/15/bin/pg_dump",
                                   "--schema-only",
                                   "--no-password",
                                   "-h",
                                   "127.0.0.1",
                                   "-p",
                                   std::to_string(f.server->port()),
                                   "-U",
                                   "postgres",
                                   "-f",
                                   "/dev/null",
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

void BM_PostgresInspect(benchmark::State& state) {
  SetupDatabase();
  Fixture& f = State();
  for (auto _ : state) {
    const auto start = Clock::now();
    auto driver = OpenDriver(f.url);
    auto realm = driver->inspector().InspectRealm({});
    f.inspect_ms.push_back(Ms(start));
    if (!realm.ok()) {
      state.SkipWithError(realm.ErrorString().c_str());
      return;
    }
    benchmark::DoNotOptimize(realm);
  }
  state.counters["tables"] = f.tables;
}

void BM_PostgresInspectWarm(benchmark::State& state) {
  SetupDatabase();
  Fixture& f = State();
  auto driver = OpenDriver(f.url);
  for (auto _ : state) {
    const auto start = Clock::now();
    auto realm = driver->inspector().InspectRealm({});
    f.inspect_warm_ms.push_back(Ms(start));
    if (!realm.ok()) {
      state.SkipWithError(realm.ErrorString().c_str());
      return;
    }
    benchmark::DoNotOptimize(realm);
  }
  state.counters["tables"] = f.tables;
}

void BM_PgDumpSchemaOnly(benchmark::State& state) {
  SetupDatabase();
  Fixture& f = State();
  for (auto _ : state) {
    const auto start = Clock::now();
    if (RunPgDump() != 0) {
      state.SkipWithError("pg_dump failed");
      return;
    }
    f.dump_ms.push_back(Ms(start));
  }
  state.counters["tables"] = f.tables;
}

void BM_PostgresNoopPlan(benchmark::State& state) {
  SetupDatabase();
  Fixture& f = State();
  ops::SchemaApplyRequest req;
  req.url = f.url;
  req.desired.hcl = f.hcl;
  const ops::SchemaOps schema_ops;
  for (auto _ : state) {
    const auto start = Clock::now();
    auto plan = schema_ops.PlanApply(req);
    f.noop_ms.push_back(Ms(start));
    if (!plan.ok()) {
      state.SkipWithError(plan.ErrorString().c_str());
      return;
    }
    if (!plan->empty()) {
      state.SkipWithError(("the inspected HCL must plan no changes:\n" + plan->ToSql()).c_str());
      return;
    }
  }
  state.counters["tables"] = f.tables;
}

void BM_RealmDiffPlan(benchmark::State& state) {
  Fixture& f = State();
  const pg::PostgresDiffHooks hooks;
  const pg::PostgresPlanner planner;
  for (auto _ : state) {
    const auto start = Clock::now();
    {  // the timed region includes freeing the changes and the plan
      auto changes = diff::Diff(f.realm_current, f.realm_desired, {}, hooks);
      if (!changes.ok()) {
        state.SkipWithError(changes.ErrorString().c_str());
        return;
      }
      drivers::PlanOptions options;
      options.current = &f.realm_current;
      auto planned = planner.PlanChanges(*changes, options);
      if (!planned.ok()) {
        state.SkipWithError(planned.ErrorString().c_str());
        return;
      }
      f.diff_changes = changes->size();
      f.diff_statements = planned->statements.size();
    }
    f.diff_plan_ms.push_back(Ms(start));
  }
  state.counters["tables"] = f.realm_tables;
  state.counters["changes"] = static_cast<double>(f.diff_changes);
  state.counters["statements"] = static_cast<double>(f.diff_statements);
}

BENCHMARK(BM_RealmDiffPlan)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_PostgresInspect)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_PostgresInspectWarm)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_PgDumpSchemaOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_PostgresNoopPlan)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

// One no-op plan, step by step, with the engine calls SchemaOps::PlanApply makes.
void PrintNoopBreakdown() {
  Fixture& f = State();
  auto start = Clock::now();
  auto driver = OpenDriver(f.url);
  const double open_ms = Ms(start);
  start = Clock::now();
  const schema::Realm current = MustInspect(*driver);
  const double inspect_ms = Ms(start);
  start = Clock::now();
  auto desired = atlas::engine::spec::Decode(f.hcl, "schema.hcl", *ops::SpecDialect("postgres"));
  const double decode_ms = Ms(start);
  if (!desired.ok()) {
    Die(desired.ErrorString());
  }
  start = Clock::now();
  const auto changes = MustDiff(current, *desired);
  const double diff_ms = Ms(start);
  start = Clock::now();
  drivers::PlanOptions options;
  options.current = &current;
  auto planned = driver->planner().PlanChanges(changes, options);
  const double plan_ms = Ms(start);
  std::printf(
      "no-op plan steps, one after the other: connect %.1f ms, inspect %.1f ms, decode HCL (%zu "
      "KiB) %.1f ms, diff %.1f ms, plan %.1f ms (%zu changes)\n",
      open_ms, inspect_ms, f.hcl.size() / 1024, decode_ms, diff_ms, plan_ms, changes.size());
}

const char* Verdict(bool pass) {
  return pass ? "PASS" : "FAIL";
}

}  // namespace

int main(int argc, char** argv) {
  Fixture& f = State();
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--tables=", 0) == 0) {
      f.tables = std::atoi(a.c_str() + std::strlen("--tables="));  // NOLINT(cert-err34-c)
    } else if (a.rfind("--realm-tables=", 0) == 0) {
      f.realm_tables =
          std::atoi(a.c_str() + std::strlen("--realm-tables="));  // NOLINT(cert-err34-c)
    } else {
      args.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  SetupRealms();
  benchmark::RunSpecifiedBenchmarks();
  if (f.server) {
    PrintNoopBreakdown();
  }

  const double inspect = Median(f.inspect_ms);
  const double inspect_warm = Median(f.inspect_warm_ms);
  const double dump = Median(f.dump_ms);
  const double noop = Median(f.noop_ms);
  const double diff_plan = Median(f.diff_plan_ms);
  const auto& m = f.mutation;
  std::printf("\n== PostgreSQL targets (median wall times, %d tables; in-memory realms of %d) ==\n",
              f.tables, f.realm_tables);
  if (f.server) {
    std::printf("catalog queries per inspection: %lld (%d tables) vs %lld (%d tables): %s\n",
                static_cast<long long>(g_queries_small), kSmallTables,
                static_cast<long long>(g_queries_large), f.tables,
                g_queries_small == g_queries_large ? "fixed" : "NOT FIXED");
  }
  if (inspect > 0 && dump > 0) {
    std::printf(
        "inspect %.1f ms (warm connection %.1f ms) / pg_dump --schema-only %.1f ms = %.2f "
        "(target <= %.2f) %s\n",
        inspect, inspect_warm, dump, inspect / dump, kInspectVsDumpTarget,
        Verdict(inspect / dump <= kInspectVsDumpTarget));
  }
  if (noop > 0 && inspect > 0) {
    std::printf("no-op plan %.1f ms / inspect %.1f ms = %.2f (target <= %.2f) %s\n", noop, inspect,
                noop / inspect, kNoopPlanVsInspectTarget,
                Verdict(noop / inspect <= kNoopPlanVsInspectTarget));
  }
  if (diff_plan > 0) {
    std::printf(
        "diff+plan of two %d-table realms %.1f ms (target < %.0f ms) %s: %zu changes, %zu "
        "statements (+%d/-%d columns, %d type changes, +%d/-%d indexes, +%d/-%d tables, -%d "
        "foreign keys, -%d views, %d comments, +%d enum value)\n",
        f.realm_tables, diff_plan, kDiffPlanTargetMs, Verdict(diff_plan < kDiffPlanTargetMs),
        f.diff_changes, f.diff_statements, m.added_columns, m.dropped_columns, m.changed_types,
        m.added_indexes, m.dropped_indexes, m.added_tables, m.dropped_tables,
        m.dropped_foreign_keys, m.dropped_views, m.changed_comments, m.added_enum_values);
  }
  benchmark::Shutdown();
  f.server.reset();
  return 0;
}
