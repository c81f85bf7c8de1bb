// Convergence scenarios: current SQL and desired SQL are loaded into SQLite, both inspected,
// diffed, planned and the plan applied to the current database; a second diff must then be empty.
// Each scenario also pins the exact plan and, where rows exist, the data after the migration.

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
  std::string plan;   // unused: the expected plan is testdata/convergence/<name>.sql
  std::string query;  // optional data check on the migrated database
  std::string rows;
  std::vector<diff::RenameHint> renames;
  diff::SkipPolicy skip;
};

void PrintTo(const Scenario& s, std::ostream* os) {
  *os << s.name;
}

class SqliteConvergenceTest : public ::testing::TestWithParam<Scenario> {};

TEST_P(SqliteConvergenceTest, PlanAppliesAndConverges) {
  const Scenario& sc = GetParam();
  TempDir dir;
  const auto file = dir.path() / "current.db";
  auto cur = MustOpen("sqlite://" + file.string() + "?_fk=1");
  ASSERT_NE(cur, nullptr);
  if (!sc.current.empty()) {
    MustExec(*cur, "BEGIN;" + sc.current + ";COMMIT;");
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
  testing::ExpectGolden(std::string("convergence/") + sc.name + ".sql", plan->ToSql());
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
  const std::string users =
      "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age int);";
  const std::string users_rows =
      "INSERT INTO users (id, name, age) VALUES (1, 'a', 10), (2, 'b', NULL);";
  std::vector<Scenario> s;
  s.push_back({"CreateTable", "", users, "", "", "", {}, {}});
  s.push_back({"DropTable",
               users + "CREATE TABLE keep (x int);",
               "CREATE TABLE keep (x int);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back(
      {"AddNullableColumn",
       users + users_rows,
       "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age int, email text);",
       "",
       "SELECT id, name, email FROM users ORDER BY id",
       "1|a|NULL\n2|b|NULL\n",
       {},
       {}});
  s.push_back({"AddNotNullColumnWithDefault",
               users + users_rows,
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age int, "
               "active boolean NOT NULL DEFAULT true, note text DEFAULT 'it''s');",
               "",
               "SELECT id, active, note FROM users ORDER BY id",
               "1|1|it's\n2|1|it's\n",
               {},
               {}});
  s.push_back({"AddColumnWithExpressionDefault",
               users,
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age int, "
               "created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"DropColumn",
               users + users_rows,
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);",
               "",
               "SELECT * FROM users ORDER BY id",
               "1|a\n2|b\n",
               {},
               {}});
  s.push_back({"DropIndexedColumn",
               users + "CREATE INDEX users_age ON users (age);",
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"ChangeDefault",
               "CREATE TABLE t (id int PRIMARY KEY, status text DEFAULT 'new');"
               "INSERT INTO t VALUES (1, 'old');",
               "CREATE TABLE t (id int PRIMARY KEY, status text DEFAULT 'active');",
               "",
               "SELECT * FROM t",
               "1|old\n",
               {},
               {}});
  s.push_back({"NullableToNotNullWithDefault",
               users + users_rows,
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age int NOT NULL "
               "DEFAULT 0);",
               "",
               "SELECT id, age FROM users ORDER BY id",
               "1|10\n2|0\n",
               {},
               {}});
  s.push_back({"NotNullToNullable",
               users + users_rows,
               "CREATE TABLE users (id integer PRIMARY KEY, name text, age int);",
               "",
               "SELECT id, name FROM users ORDER BY id",
               "1|a\n2|b\n",
               {},
               {}});
  s.push_back({"ChangeType",
               users,
               "CREATE TABLE users (id integer PRIMARY KEY, name varchar(100) NOT NULL, age int);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back(
      {"AddIndex", users, users + "CREATE INDEX users_name ON users (name);", "", "", "", {}, {}});
  s.push_back(
      {"DropIndex", users + "CREATE INDEX users_name ON users (name);", users, "", "", "", {}, {}});
  s.push_back({"AddUniqueIndex",
               users,
               users + "CREATE UNIQUE INDEX users_name_age ON users (name, age DESC);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"AddPartialIndex",
               users,
               users + "CREATE INDEX adults ON users (age) WHERE age >= 18;",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"ChangePartialIndexPredicate",
               users + "CREATE INDEX adults ON users (age) WHERE age >= 18;",
               users + "CREATE INDEX adults ON users (age) WHERE age >= 21;",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"AddExpressionIndex",
               users,
               users + "CREATE INDEX users_lower ON users (lower(name), age + 1);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"ModifyIndexColumns",
               users + "CREATE INDEX i ON users (name);",
               users + "CREATE INDEX i ON users (name, age);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back(
      {"InlineUniqueMatchesExplicitIndex",
       "CREATE TABLE t (id int PRIMARY KEY, email text UNIQUE);",
       "CREATE TABLE t (id int PRIMARY KEY, email text); CREATE UNIQUE INDEX t_email ON t (email);",
       "",
       "",
       "",
       {},
       {}});
  s.push_back({"AddInlineUnique",
               "CREATE TABLE t (id int PRIMARY KEY, email text);",
               "CREATE TABLE t (id int PRIMARY KEY, email text UNIQUE);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"AddForeignKey",
               "CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE posts (id integer "
               "PRIMARY KEY, user_id int);"
               "INSERT INTO users VALUES (1); INSERT INTO posts VALUES (10, 1);",
               "CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE posts (id integer "
               "PRIMARY KEY, user_id int "
               "CONSTRAINT posts_user REFERENCES users (id) ON DELETE CASCADE);",
               "",
               "SELECT * FROM posts",
               "10|1\n",
               {},
               {}});
  s.push_back(
      {"ChangeForeignKeyAction",
       "CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE posts (id integer PRIMARY KEY, "
       "user_id int,"
       " FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE);"
       "INSERT INTO users VALUES (1); INSERT INTO posts VALUES (10, 1);",
       "CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE posts (id integer PRIMARY KEY, "
       "user_id int,"
       " FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE);",
       "",
       "SELECT * FROM posts",
       "10|1\n",
       {},
       {}});
  s.push_back(
      {"DropForeignKeyOfReferencedTable",
       "CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE posts (id integer PRIMARY KEY, "
       "user_id int"
       " REFERENCES users (id)); INSERT INTO users VALUES (1); INSERT INTO posts VALUES (10, 1);",
       "CREATE TABLE posts (id integer PRIMARY KEY, user_id int);",
       "",
       "SELECT * FROM posts",
       "10|1\n",
       {},
       {}});
  s.push_back({"AddCheck",
               users,
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age int, "
               "CONSTRAINT adult CHECK (age >= 18), CHECK (length(name) > 0));",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"DropCheck",
               "CREATE TABLE t (a int CHECK (a > 0), b int);",
               "CREATE TABLE t (a int, b int);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"CreateView",
               users,
               users + "CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"ChangeView",
               users + "CREATE VIEW v AS SELECT id FROM users;",
               users + "CREATE VIEW v AS SELECT id, name FROM users;",
               "",
               "",
               "",
               {},
               {}});
  s.push_back(
      {"DropView", users + "CREATE VIEW v AS SELECT id FROM users;", users, "", "", "", {}, {}});
  const std::string audit = "CREATE TABLE audit (msg text);";
  s.push_back({"CreateTrigger",
               users + audit,
               users + audit +
                   "CREATE TRIGGER users_ins AFTER INSERT ON users BEGIN INSERT INTO audit VALUES "
                   "('ins; ' || new.name); END;",
               "",
               "",
               "",
               {},
               {}});
  s.push_back(
      {"ChangeTrigger",
       users + audit +
           "CREATE TRIGGER tr AFTER INSERT ON users BEGIN INSERT INTO audit VALUES ('a'); END;",
       users + audit +
           "CREATE TRIGGER tr AFTER UPDATE ON users BEGIN INSERT INTO audit VALUES ('b'); END;",
       "",
       "",
       "",
       {},
       {}});
  s.push_back({"AddAutoincrement",
               "CREATE TABLE t (id integer PRIMARY KEY, v text); INSERT INTO t VALUES (5, 'x');",
               "CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, v text);",
               "",
               "SELECT * FROM t",
               "5|x\n",
               {},
               {}});
  s.push_back({"RenameColumnWithHint",
               users + users_rows,
               "CREATE TABLE users (id integer PRIMARY KEY, full_name text NOT NULL, age int);",
               "",
               "SELECT id, full_name FROM users ORDER BY id",
               "1|a\n2|b\n",
               {{diff::RenameHint::Kind::kColumn, "", "users", "name", "full_name"}},
               {}});
  s.push_back(
      {"RenameColumnAndChangeType",
       users + users_rows,
       "CREATE TABLE users (id integer PRIMARY KEY, full_name varchar(50) NOT NULL, age int);",
       "",
       "SELECT id, full_name FROM users ORDER BY id",
       "1|a\n2|b\n",
       {{diff::RenameHint::Kind::kColumn, "", "users", "name", "full_name"}},
       {}});
  s.push_back({"RenameTableWithHint",
               users + users_rows,
               "CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL, age int);",
               "",
               "SELECT id, name FROM people ORDER BY id",
               "1|a\n2|b\n",
               {{diff::RenameHint::Kind::kTable, "", "", "users", "people"}},
               {}});
  s.push_back({"RebuildWithDependentViewAndTrigger",
               users + audit +
                   "CREATE VIEW v AS SELECT name FROM users;"
                   "CREATE TRIGGER a_ins AFTER INSERT ON audit BEGIN UPDATE users SET age = 0 "
                   "WHERE name = new.msg; END;"
                   "CREATE TRIGGER u_ins AFTER INSERT ON users BEGIN INSERT INTO audit VALUES "
                   "(new.name); END;",
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age int NOT NULL "
               "DEFAULT 1);" +
                   audit +
                   "CREATE VIEW v AS SELECT name FROM users;"
                   "CREATE TRIGGER a_ins AFTER INSERT ON audit BEGIN UPDATE users SET age = 0 "
                   "WHERE name = new.msg; END;"
                   "CREATE TRIGGER u_ins AFTER INSERT ON users BEGIN INSERT INTO audit VALUES "
                   "(new.name); END;",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"CompositePrimaryKey",
               "CREATE TABLE m (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));",
               "CREATE TABLE m (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"AddVirtualGeneratedColumn",
               users,
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age int, "
               "age2 int GENERATED ALWAYS AS (age * 2) VIRTUAL);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"AddStoredGeneratedColumn",
               users,
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age int, "
               "age2 int AS (age * 2) STORED);",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"WithoutRowidAndStrict",
               "CREATE TABLE kv (k text PRIMARY KEY, v blob);",
               "CREATE TABLE kv (k text PRIMARY KEY, v blob) WITHOUT ROWID, STRICT;",
               "",
               "",
               "",
               {},
               {}});
  s.push_back({"HostileNames",
               "",
               "CREATE TABLE \"we\"\"ird\" (\"O'Brien\" text DEFAULT 'O''Brien', \"select\" int, "
               "\"ünï\" real);"
               "CREATE INDEX \"i\"\"x\" ON \"we\"\"ird\" (\"select\");",
               "",
               "",
               "",
               {},
               {}});
  s.push_back(
      {"HostileNamesRebuild",
       "CREATE TABLE \"we\"\"ird\" (\"O'Brien\" text, \"select\" int);"
       "INSERT INTO \"we\"\"ird\" VALUES ('x', 1);",
       "CREATE TABLE \"we\"\"ird\" (\"O'Brien\" text NOT NULL DEFAULT 'O''Brien', \"select\" int);",
       "",
       "SELECT * FROM \"we\"\"ird\"",
       "x|1\n",
       {},
       {}});
  const std::string parent_child =
      "CREATE TABLE parent (id integer PRIMARY KEY, name text);"
      "CREATE TABLE child (id integer PRIMARY KEY, pid int REFERENCES parent (id) ON DELETE CASCADE);";
  s.push_back({"RebuildParentReferencedByChild",
               parent_child + "INSERT INTO parent VALUES (1, 'p'); INSERT INTO child VALUES (10, 1);",
               "CREATE TABLE parent (id integer PRIMARY KEY, name text NOT NULL DEFAULT '');"
               "CREATE TABLE child (id integer PRIMARY KEY, pid int REFERENCES parent (id) ON DELETE CASCADE);",
               "", "SELECT p.id, p.name, c.id FROM parent p JOIN child c ON c.pid = p.id", "1|p|10\n", {}, {}});
  s.push_back({"RenameTableReferencedByForeignKeyAndView",
               parent_child + "CREATE VIEW names AS SELECT name FROM parent;",
               "CREATE TABLE owner (id integer PRIMARY KEY, name text);"
               "CREATE TABLE child (id integer PRIMARY KEY, pid int REFERENCES owner (id) ON DELETE CASCADE);"
               "CREATE VIEW names AS SELECT name FROM owner;",
               "", "", "", {{diff::RenameHint::Kind::kTable, "main", "", "parent", "owner"}}, {}});
  s.push_back({"ChangeCollation", "CREATE TABLE t (a text COLLATE NOCASE, b text);",
               "CREATE TABLE t (a text, b text COLLATE RTRIM);", "", "", "", {}, {}});
  s.push_back({"AddColumnWithForeignKey", parent_child,
               "CREATE TABLE parent (id integer PRIMARY KEY, name text);"
               "CREATE TABLE child (id integer PRIMARY KEY, pid int REFERENCES parent (id) ON DELETE CASCADE,"
               " other int REFERENCES parent (id));",
               "", "", "", {}, {}});
  s.push_back({"DropTableAndItsView", users + "CREATE VIEW v AS SELECT * FROM users; CREATE TABLE keep (x int);",
               "CREATE TABLE keep (x int);", "", "", "", {}, {}});
  diff::SkipPolicy skip_drop;
  skip_drop.drop_column = true;
  s.push_back({"SkipDropColumnKeepsItInRebuild",
               users + users_rows,
               "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL DEFAULT 'z');",
               "",
               "SELECT id, name, age FROM users ORDER BY id",
               "1|a|10\n2|b|NULL\n",
               {},
               skip_drop});
  return s;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, SqliteConvergenceTest, ::testing::ValuesIn(Scenarios()),
                         [](const ::testing::TestParamInfo<Scenario>& p) { return p.param.name; });

}  // namespace
}  // namespace atlas::engine::drivers::sqlite
