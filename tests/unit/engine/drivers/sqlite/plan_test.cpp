// SQLite planner goldens: changes in, exact statements out.

#include "engine/drivers/sqlite/plan.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace atlas::engine::drivers::sqlite {
namespace {

using schema::Expr;

schema::Column Col(std::string name, std::string type, bool nullable = true) {
  schema::Column c;
  c.name = std::move(name);
  c.type.raw = type;
  c.type.normalized = std::move(type);
  c.nullable = nullable;
  return c;
}

schema::IndexPart Part(std::string column) {
  schema::IndexPart p;
  p.column = std::move(column);
  return p;
}

plan::Plan MustPlan(const std::vector<schema::Change>& changes, const PlanOptions& opts = {}) {
  auto p = Planner().PlanChanges(changes, opts);
  EXPECT_TRUE(p.ok()) << p.ErrorString();
  return p.ok() ? std::move(p).value() : plan::Plan{};
}

std::string PlanError(const std::vector<schema::Change>& changes) {
  auto p = Planner().PlanChanges(changes, {});
  EXPECT_FALSE(p.ok());
  return p.ok() ? std::string() : p.ErrorString();
}

schema::Table Users() {
  schema::Table t;
  t.name = "users";
  t.columns = {Col("id", "integer", false), Col("name", "text", false), Col("age", "int")};
  t.primary_key = schema::PrimaryKey{"", {Part("id")}};
  return t;
}

TEST(SqlitePlannerTest, TablesAreCreatedAfterAndDroppedBeforeWhatTheyReference) {
  schema::Table posts;
  posts.name = "posts";
  posts.columns = {Col("id", "integer", false), Col("author", "integer")};
  schema::ForeignKey fk;
  fk.columns = {"author"};
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  posts.foreign_keys = {fk};
  // The diff lists tables by name; "posts" sorts before "users" but references it.
  const plan::Plan add = MustPlan({schema::AddTable{"main", posts}, schema::AddTable{"main", Users()}});
  ASSERT_EQ(add.statements.size(), 2U);
  EXPECT_EQ(add.statements[0].comment, "Create \"users\" table");
  EXPECT_EQ(add.statements[0].change_index, 1);
  EXPECT_EQ(add.statements[1].comment, "Create \"posts\" table");
  const plan::Plan drop =
      MustPlan({schema::DropTable{"main", Users()}, schema::DropTable{"main", posts}});
  std::vector<std::string> drops;
  for (const auto& st : drop.statements) {
    if (st.sql.rfind("DROP TABLE", 0) == 0) {
      drops.push_back(st.sql);
    }
  }
  EXPECT_EQ(drops, (std::vector<std::string>{"DROP TABLE `posts`", "DROP TABLE `users`"}));
}

TEST(SqlitePlannerTest, AddTableWithEverything) {
  schema::Table t;
  t.name = "we\"ird";
  auto id = Col("id", "integer", false);
  id.auto_increment = true;
  auto name = Col("O'Brien", "varchar(10)", false);
  name.default_value =
      Expr{Expr::Kind::kLiteral, "O'Brien"};  // not in literal form: quoted by the planner
  name.collation = "NOCASE";
  auto created = Col("select", "datetime");
  created.default_value = Expr{Expr::Kind::kRaw, "CURRENT_TIMESTAMP"};
  auto expr = Col("ünï", "text");
  expr.default_value = Expr{Expr::Kind::kRaw, "lower('X')"};
  auto gen = Col("twice", "int");
  gen.generated = schema::Generated{"id * 2", true};
  t.columns = {id, name, created, expr, gen};
  t.primary_key = schema::PrimaryKey{"", {Part("id")}};
  t.foreign_keys = {schema::ForeignKey{.name = "fk",
                                       .columns = {"select"},
                                       .ref_table = "other",
                                       .ref_columns = {"x"},
                                       .on_delete = schema::ReferenceOption::kSetNull}};
  t.checks = {schema::Check{"", "length(\"O'Brien\") > 0", false},
              schema::Check{"positive", "(id > 0)", false}};
  t.indexes = {
      schema::Index{
          .name = "sqlite_autoindex_we\"ird_1", .unique = true, .parts = {Part("O'Brien")}},
      schema::Index{.name = "by_expr",
                    .parts = {schema::IndexPart{.expr = "lower(\"ünï\")", .desc = true}},
                    .where = "id > 10"}};
  t.options.auto_increment = 1000;
  const plan::Plan p = MustPlan({schema::AddTable{"main", t}});
  EXPECT_EQ(p.ToSql(),
            "-- Create \"we\\\"ird\" table\n"
            "CREATE TABLE `we\"ird` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `O'Brien` varchar(10) NOT NULL DEFAULT 'O''Brien' COLLATE `NOCASE`, `select` datetime NULL DEFAULT CURRENT_TIMESTAMP, `ünï` text NULL DEFAULT (lower('X')), `twice` int NULL AS (id * 2) STORED, CONSTRAINT `fk` FOREIGN KEY (`select`) REFERENCES `other` (`x`) ON DELETE SET NULL, CHECK (length(\"O'Brien\") > 0), CONSTRAINT `positive` CHECK (id > 0));\n"
            "-- Set sequence for \"we\\\"ird\" table\n"
            "INSERT INTO sqlite_sequence (name, seq) VALUES ('we\"ird', 1000);\n"
            "-- Create index \"we\\\"ird_O'Brien\" to table: \"we\\\"ird\"\n"
            "CREATE UNIQUE INDEX `we\"ird_O'Brien` ON `we\"ird` (`O'Brien`);\n"
            "-- Create index \"by_expr\" to table: \"we\\\"ird\"\n"
            "CREATE INDEX `by_expr` ON `we\"ird` ((lower(\"ünï\")) DESC) WHERE id > 10;\n");
  ASSERT_EQ(p.statements.size(), 4U);
  EXPECT_EQ(p.statements[0].reverse, "DROP TABLE `we\"ird`");
  EXPECT_EQ(p.statements[1].reverse, "UPDATE sqlite_sequence SET seq = 0 WHERE name = 'we\"ird'");
  EXPECT_EQ(p.statements[2].reverse, "DROP INDEX `we\"ird_O'Brien`");
  for (const auto& s : p.statements) {
    EXPECT_EQ(s.change_index, 0);
    EXPECT_TRUE(s.transactional);
  }
  EXPECT_TRUE(p.transactional);
  EXPECT_TRUE(p.reversible);
}

TEST(SqlitePlannerTest, IndentedCreateTableAndOptions) {
  schema::Table t;
  t.name = "kv";
  t.columns = {Col("k", "text", false), Col("v", "blob")};
  t.primary_key = schema::PrimaryKey{"", {Part("k")}};
  t.options.without_rowid = true;
  t.options.strict = true;
  PlanOptions opts;
  opts.indent = "  ";
  const plan::Plan p = MustPlan({schema::AddTable{"main", t}}, opts);
  EXPECT_EQ(p.ToSql(),
            "-- Create \"kv\" table\n"
            "CREATE TABLE `kv` (\n"
            "  `k` text NOT NULL,\n"
            "  `v` blob NULL,\n"
            "  PRIMARY KEY (`k`)\n"
            ") WITHOUT ROWID, STRICT;\n");
}

TEST(SqlitePlannerTest, SchemaQualifierOption) {
  schema::Table t = Users();
  t.indexes = {schema::Index{.name = "i", .parts = {Part("name")}}};
  PlanOptions opts;
  opts.schema_qualifier = "main";
  const plan::Plan p =
      MustPlan({schema::AddTable{"main", t}, schema::DropTable{"main", Users()}}, opts);
  EXPECT_EQ(p.ToSql(),
            "-- Disable the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = off;\n"
            "-- Create \"users\" table\n"
            "CREATE TABLE `main`.`users` (`id` integer NOT NULL, `name` text NOT NULL, `age` int NULL, PRIMARY KEY (`id`));\n"
            "-- Create index \"i\" to table: \"users\"\n"
            "CREATE INDEX `main`.`i` ON `users` (`name`);\n"
            "-- Drop \"users\" table\n"
            "DROP TABLE `main`.`users`;\n"
            "-- Enable back the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = on;\n");
}

TEST(SqlitePlannerTest, DropTableBracketsForeignKeysAndKeepsReverse) {
  schema::Table t = Users();
  t.indexes = {schema::Index{.name = "users_name", .parts = {Part("name")}}};
  const plan::Plan p = MustPlan({schema::DropTable{"main", t}});
  ASSERT_EQ(p.statements.size(), 3U);
  EXPECT_EQ(p.statements[0].sql, "PRAGMA foreign_keys = off");
  EXPECT_FALSE(p.statements[0].transactional);
  EXPECT_EQ(p.statements[0].change_index, -1);
  EXPECT_EQ(p.statements[1].sql, "DROP TABLE `users`");
  EXPECT_EQ(p.statements[1].comment, "Drop \"users\" table");
  EXPECT_EQ(p.statements[1].reverse,
            "CREATE TABLE `users` (`id` integer NOT NULL, `name` text NOT NULL, `age` int NULL, PRIMARY KEY (`id`));\n"
            "CREATE INDEX `users_name` ON `users` (`name`)");
  EXPECT_EQ(p.statements[2].sql, "PRAGMA foreign_keys = on");
  EXPECT_FALSE(p.statements[2].transactional);
}

TEST(SqlitePlannerTest, AlterTableOrdersIndexDropsColumnsThenIndexCreations) {
  schema::Table from = Users();
  from.indexes = {schema::Index{.name = "by_age", .parts = {Part("age")}}};
  schema::Table to = Users();
  to.columns.erase(to.columns.begin() + 2);
  to.columns[1].name = "full_name";
  auto email = Col("email", "text");
  email.default_value = Expr{Expr::Kind::kLiteral, "'none'"};
  to.columns.push_back(email);
  to.indexes = {schema::Index{.name = "by_email", .unique = true, .parts = {Part("email")}}};
  schema::ModifyTable m{"main",
                        from,
                        to,
                        {schema::RenameColumn{from.columns[1], to.columns[1]},
                         schema::DropColumn{from.columns[2]}, schema::AddColumn{email},
                         schema::DropIndex{from.indexes[0]}, schema::AddIndex{to.indexes[0]}}};
  const plan::Plan p = MustPlan({m});
  EXPECT_EQ(p.ToSql(),
            "-- Drop index \"by_age\" from table: \"users\"\n"
            "DROP INDEX `by_age`;\n"
            "-- Rename a column from \"name\" to \"full_name\"\n"
            "ALTER TABLE `users` RENAME COLUMN `name` TO `full_name`;\n"
            "-- Drop column \"age\" from table: \"users\"\n"
            "ALTER TABLE `users` DROP COLUMN `age`;\n"
            "-- Add column \"email\" to table: \"users\"\n"
            "ALTER TABLE `users` ADD COLUMN `email` text NULL DEFAULT 'none';\n"
            "-- Create index \"by_email\" to table: \"users\"\n"
            "CREATE UNIQUE INDEX `by_email` ON `users` (`email`);\n");
  EXPECT_EQ(p.statements[0].reverse, "CREATE INDEX `by_age` ON `users` (`age`)");
  EXPECT_EQ(p.statements[1].reverse,
            "ALTER TABLE `users` RENAME COLUMN `full_name` TO `name`");
  EXPECT_EQ(p.statements[2].reverse, "ALTER TABLE `users` ADD COLUMN `age` int NULL");
  EXPECT_EQ(p.statements[3].reverse, "ALTER TABLE `users` DROP COLUMN `email`");
}

TEST(SqlitePlannerTest, AddColumnRulesChooseRebuild) {
  // NOT NULL without default, a non-constant default, AUTOINCREMENT-free STORED column: all need a
  // rebuild.
  const auto rebuilds = [](schema::Column c) {
    schema::Table to = Users();
    to.columns.push_back(c);
    const plan::Plan p =
        MustPlan({schema::ModifyTable{"main", Users(), to, {schema::AddColumn{c}}}});
    return !p.statements.empty() && p.statements[0].sql == "PRAGMA foreign_keys = off";
  };
  EXPECT_TRUE(rebuilds(Col("c", "int", false)));
  auto ts = Col("c", "datetime");
  ts.default_value = Expr{Expr::Kind::kRaw, "CURRENT_TIMESTAMP"};
  EXPECT_TRUE(rebuilds(ts));
  auto fn = Col("c", "text");
  fn.default_value = Expr{Expr::Kind::kRaw, "lower('A')"};
  EXPECT_TRUE(rebuilds(fn));
  auto stored = Col("c", "int");
  stored.generated = schema::Generated{"id + 1", true};
  EXPECT_TRUE(rebuilds(stored));
  auto virt = Col("c", "int");
  virt.generated = schema::Generated{"id + 1", false};
  EXPECT_FALSE(rebuilds(virt));
  auto nn = Col("c", "int", false);
  nn.default_value = Expr{Expr::Kind::kRaw, "-1"};
  EXPECT_FALSE(rebuilds(nn));
}

TEST(SqlitePlannerTest, RebuildWithRenameAndNotNullDefault) {
  schema::Table from = Users();
  from.indexes = {
      schema::Index{.name = "sqlite_autoindex_users_1", .unique = true, .parts = {Part("name")}}};
  from.triggers = {
      schema::Trigger{"keep", "users",
                      "CREATE TRIGGER keep AFTER INSERT ON users BEGIN SELECT 1; END"},
      schema::Trigger{"changed", "users",
                      "CREATE TRIGGER changed AFTER INSERT ON users BEGIN SELECT 1; END"}};
  schema::Table to = from;
  to.columns[1].name = "full_name";
  to.indexes[0].parts[0].column = "full_name";
  to.columns[2].nullable = false;
  to.columns[2].default_value = Expr{Expr::Kind::kLiteral, "0"};
  to.triggers[1].body = "CREATE TRIGGER changed AFTER DELETE ON users BEGIN SELECT 2; END";
  schema::Column renamed_from = from.columns[1];
  schema::Column age_from = from.columns[2];
  schema::ModifyTable m{"main",
                        from,
                        to,
                        {schema::RenameColumn{renamed_from, to.columns[1]},
                         schema::ModifyColumn{age_from, to.columns[2],
                                              schema::kChangeNull | schema::kChangeDefault}}};
  const plan::Plan p = MustPlan({m});
  EXPECT_EQ(p.ToSql(),
            "-- Disable the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = off;\n"
            "-- Create \"new_users\" table\n"
            "CREATE TABLE `new_users` (`id` integer NOT NULL, `full_name` text NOT NULL, `age` int NOT NULL DEFAULT 0, PRIMARY KEY (`id`));\n"
            "-- Copy rows from old table \"users\" to new temporary table \"new_users\"\n"
            "INSERT INTO `new_users` (`id`, `full_name`, `age`) SELECT `id`, `name`, IFNULL(`age`, 0) AS `age` FROM `users`;\n"
            "-- Drop \"users\" table after copying rows\n"
            "DROP TABLE `users`;\n"
            "-- Rename temporary table \"new_users\" to \"users\"\n"
            "ALTER TABLE `new_users` RENAME TO `users`;\n"
            "-- Create index \"users_full_name\" to table: \"users\"\n"
            "CREATE UNIQUE INDEX `users_full_name` ON `users` (`full_name`);\n"
            "-- Create trigger \"keep\"\n"
            "CREATE TRIGGER keep AFTER INSERT ON users BEGIN SELECT 1; END;\n"
            "-- Enable back the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = on;\n");
  EXPECT_FALSE(p.reversible);
}

TEST(SqlitePlannerTest, RebuildWithoutColumnsToCopy) {
  schema::Table from;
  from.name = "t";
  from.columns = {Col("a", "int")};
  schema::Table to;
  to.name = "t";
  to.columns = {Col("b", "int", false)};
  const plan::Plan p = MustPlan({schema::ModifyTable{
      "main", from, to, {schema::DropColumn{from.columns[0]}, schema::AddColumn{to.columns[0]}}}});
  EXPECT_EQ(p.ToSql(),
            "-- Disable the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = off;\n"
            "-- Create \"new_t\" table\n"
            "CREATE TABLE `new_t` (`b` int NOT NULL);\n"
            "-- Drop \"t\" table without copying rows (no columns)\n"
            "DROP TABLE `t`;\n"
            "-- Rename temporary table \"new_t\" to \"t\"\n"
            "ALTER TABLE `new_t` RENAME TO `t`;\n"
            "-- Enable back the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = on;\n");
}

TEST(SqlitePlannerTest, DropColumnReferencedByViewRebuildsInsteadOfAltering) {
  schema::Table to = Users();
  to.columns.pop_back();
  const schema::ModifyTable m{"main", Users(), to, {schema::DropColumn{Users().columns[2]}}};
  EXPECT_EQ(MustPlan({m}).statements.front().sql, "ALTER TABLE `users` DROP COLUMN `age`");
  schema::Realm current;
  current.schemas.push_back(schema::Schema{.name = "main", .tables = {Users()}});
  current.schemas[0].views = {schema::View{.name = "v", .definition = "SELECT age FROM users"}};
  PlanOptions opts;
  opts.current = &current;
  const plan::Plan p = MustPlan({m}, opts);
  EXPECT_EQ(p.statements.front().sql, "PRAGMA foreign_keys = off");
  // The view refers to the rebuilt table: the rename runs under legacy_alter_table.
  EXPECT_EQ(p.ToSql(),
            "-- Disable the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = off;\n"
            "-- Create \"new_users\" table\n"
            "CREATE TABLE `new_users` (`id` integer NOT NULL, `name` text NOT NULL, PRIMARY KEY (`id`));\n"
            "-- Copy rows from old table \"users\" to new temporary table \"new_users\"\n"
            "INSERT INTO `new_users` (`id`, `name`) SELECT `id`, `name` FROM `users`;\n"
            "-- Drop \"users\" table after copying rows\n"
            "DROP TABLE `users`;\n"
            "-- Keep views and triggers referring to \"users\" as they are during the rename\n"
            "PRAGMA legacy_alter_table = on;\n"
            "-- Rename temporary table \"new_users\" to \"users\"\n"
            "ALTER TABLE `new_users` RENAME TO `users`;\n"
            "-- Restore the default ALTER TABLE behaviour\n"
            "PRAGMA legacy_alter_table = off;\n"
            "-- Enable back the enforcement of foreign-keys constraints\n"
            "PRAGMA foreign_keys = on;\n");
}

TEST(SqlitePlannerTest, DropColumnBlockedByKeysChecksAndGeneratedColumns) {
  const auto alters = [](schema::Table from, const std::string& col) {
    schema::Table to = from;
    std::erase_if(to.columns, [&](const schema::Column& c) { return c.name == col; });
    const schema::Column* c = from.FindColumn(col);
    const plan::Plan p =
        MustPlan({schema::ModifyTable{"main", from, to, {schema::DropColumn{*c}}}});
    return p.statements.front().sql.rfind("ALTER TABLE", 0) == 0;
  };
  EXPECT_TRUE(alters(Users(), "age"));
  EXPECT_FALSE(alters(Users(), "id"));  // primary key
  schema::Table idx = Users();
  idx.indexes = {schema::Index{.name = "i", .parts = {Part("name")}, .where = "age > 1"}};
  EXPECT_FALSE(alters(idx, "age"));  // partial-index predicate
  schema::Table ck = Users();
  ck.checks = {schema::Check{"", "age > 0", false}};
  EXPECT_FALSE(alters(ck, "age"));
  schema::Table fk = Users();
  fk.foreign_keys = {
      schema::ForeignKey{.columns = {"age"}, .ref_table = "x", .ref_columns = {"id"}}};
  EXPECT_FALSE(alters(fk, "age"));
  schema::Table gen = Users();
  gen.columns.push_back(Col("g", "int"));
  gen.columns.back().generated = schema::Generated{"age * 2", false};
  EXPECT_FALSE(alters(gen, "age"));
}

TEST(SqlitePlannerTest, ViewsTriggersAndRenamesOrder) {
  schema::View v_old{.name = "v", .definition = "SELECT 1"};
  schema::View v_new{.name = "v", .definition = "SELECT 2"};
  schema::Trigger tr{"tr", "users", "CREATE TRIGGER tr AFTER INSERT ON users BEGIN SELECT 1; END"};
  schema::Table renamed = Users();
  renamed.name = "people";
  const plan::Plan p = MustPlan(
      {schema::RenameTable{"main", Users(), renamed}, schema::ModifyView{"main", v_old, v_new},
       schema::AddTrigger{"main", tr}, schema::DropTrigger{"main", tr},
       schema::AddView{"main", schema::View{.name = "w", .definition = "SELECT 3;"}}});
  EXPECT_EQ(p.ToSql(),
            "-- Drop \"v\" view\n"
            "DROP VIEW `v`;\n"
            "-- Drop trigger \"tr\"\n"
            "DROP TRIGGER `tr`;\n"
            "-- Rename a table from \"users\" to \"people\"\n"
            "ALTER TABLE `users` RENAME TO `people`;\n"
            "-- Create \"v\" view\n"
            "CREATE VIEW `v` AS SELECT 2;\n"
            "-- Create trigger \"tr\"\n"
            "CREATE TRIGGER tr AFTER INSERT ON users BEGIN SELECT 1; END;\n"
            "-- Create \"w\" view\n"
            "CREATE VIEW `w` AS SELECT 3;\n");
  EXPECT_EQ(p.statements[0].change_index, 1);
  EXPECT_EQ(p.statements[0].reverse, "CREATE VIEW `v` AS SELECT 1");
  EXPECT_EQ(p.statements[2].reverse, "ALTER TABLE `people` RENAME TO `users`");
}

TEST(SqlitePlannerTest, EmptyChangesEmptyPlan) {
  const plan::Plan p = MustPlan({});
  EXPECT_TRUE(p.empty());
  EXPECT_EQ(p.ToSql(), "");
  EXPECT_TRUE(
      MustPlan({schema::AddSchema{schema::Schema{.name = "main"}},
                schema::ModifySchema{schema::Schema{.name = "main"}, schema::Schema{.name = "main"},
                                     schema::kChangeComment}})
          .empty());
}

TEST(SqlitePlannerTest, UnsupportedChangesAreErrors) {
  EXPECT_EQ(PlanError({schema::AddEnum{"main", schema::EnumType{"status", {"a"}, ""}}}),
            "Unsupported change: SQLite has no enum types (change for \"status\")");
  EXPECT_EQ(PlanError({schema::AddSchema{schema::Schema{.name = "aux"}}}),
            "Unsupported change: cannot add schema \"aux\": the SQLite driver manages the \"main\" "
            "database only");
  EXPECT_EQ(PlanError({schema::DropSchema{schema::Schema{.name = "main"}}}),
            "Unsupported change: the SQLite \"main\" schema cannot be dropped");
  EXPECT_EQ(PlanError({schema::AddExtension{schema::Extension{"citext", "", ""}}}),
            "Unsupported change: SQLite has no extensions (change for \"citext\")");
  schema::Table bad = Users();
  bad.primary_key->parts.push_back(Part("name"));
  bad.columns[0].auto_increment = true;
  EXPECT_EQ(PlanError({schema::AddTable{"main", bad}}),
            "Invalid AUTOINCREMENT column: column \"id\": SQLite allows AUTOINCREMENT only on a "
            "single-column INTEGER "
            "PRIMARY KEY");
  schema::Table nul = Users();
  nul.name = std::string("a\0b", 3);
  EXPECT_EQ(PlanError({schema::AddTable{"main", nul}})
                .rfind("Invalid identifier: an SQL identifier must not contain "
                       "a NUL character",
                       0),
            0U);
}

}  // namespace
}  // namespace atlas::engine::drivers::sqlite
