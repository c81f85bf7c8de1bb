// Convergence scenarios: current SQL and desired SQL are loaded into SQLite, both inspected, diffed, planned
// and the plan applied to the current database; a second diff must then be empty. Each scenario also pins the
// exact plan and, where rows exist, the data after the migration.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/diff/diff.hpp"
#include "engine/drivers/sqlite/driver.hpp"
#include "tests/unit/engine/drivers/sqlite/test_util.hpp"

namespace atlas::engine::drivers::sqlite {
namespace {

using testing::DesiredFromSql;
using testing::MustDiff;
using testing::MustExec;
using testing::MustInspect;
using testing::MustOpen;
using testing::Rows;
using testing::TempDir;

struct Scenario {
  std::string name;
  std::string current;
  std::string desired;
  std::string plan;  // expected plan.ToSql()
  std::string query;  // optional data check on the migrated database
  std::string rows;
  std::vector<diff::RenameHint> renames;
  diff::SkipPolicy skip;
};

void PrintTo(const Scenario& s, std::ostream* os) { *os << s.name; }

class SqliteConvergenceTest : public ::testing::TestWithParam<Scenario> {};

TEST_P(SqliteConvergenceTest, PlanAppliesAndConverges) {
  const Scenario& sc = GetParam();
  TempDir dir;
  const auto file = dir.path() / "current.db";
  auto cur = MustOpen("sqlite://" + file.string() + "?_fk=1");
  ASSERT_NE(cur, nullptr);
  if (!sc.current.empty()) {
    MustExec(*cur, sc.current);
  }
  const schema::Realm current = MustInspect(*cur);
  const schema::Realm desired = DesiredFromSql(sc.desired);
  diff::DiffOptions opts;
  opts.renames = sc.renames;
  opts.skip = sc.skip;
  const auto changes = MustDiff(current, desired, opts);
  PlanOptions popts;
  popts.current = &current;
  auto plan = cur->planner().PlanChanges(changes, popts);
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  EXPECT_EQ(plan->ToSql(), sc.plan);
  const auto st = cur->executor().ExecutePlan(*plan, {});
  ASSERT_TRUE(st.ok()) << st.ErrorString() << "\nplan:\n" << plan->ToSql();
  const schema::Realm after = MustInspect(*cur);
  const auto again = MustDiff(after, desired, opts);
  auto replan = cur->planner().PlanChanges(again, popts);
  ASSERT_TRUE(replan.ok()) << replan.ErrorString();
  EXPECT_TRUE(again.empty()) << "not converged; next plan:\n" << replan->ToSql();
  if (!sc.query.empty()) {
    cur.reset();
    EXPECT_EQ(Rows(file, sc.query), sc.rows);
  }
}

std::vector<Scenario> Scenarios() {
  std::vector<Scenario> s;
  s.push_back({"CreateTable", "",
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL DEFAULT 'x', age int);",
               "", "", "", {}, {}});
  return s;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, SqliteConvergenceTest, ::testing::ValuesIn(Scenarios()),
                         [](const ::testing::TestParamInfo<Scenario>& info) { return info.param.name; });

}  // namespace
}  // namespace atlas::engine::drivers::sqlite
