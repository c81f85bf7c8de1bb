// MySQL/MariaDB lint on handwritten passes: data_depend's MySQL handler (MY101 values per type and
// server, MF103 where the statement fails, the back-fill that silences MY101) and inline_refs
// (MY102), plus the data_depend codes each driver's set declares.

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "engine/drivers/mysql/convert.hpp"
#include "engine/drivers/mysql/lint.hpp"
#include "engine/drivers/sqlite/lint.hpp"
#include "engine/lint/analyzers/mysql.hpp"

namespace atlas::engine::lint {
namespace {

using drivers::mysql::Flavor;

schema::Column Col(std::string name, std::string_view type, bool nullable = false) {
  schema::Column c;
  c.name = std::move(name);
  c.type = drivers::mysql::ParseType(type);
  c.nullable = nullable;
  return c;
}

// users(a int) gains `added` in one ALTER TABLE; `to` lists the table's columns afterwards.
schema::Change AddColumns(const std::vector<schema::Column>& added,
                          std::vector<schema::Column> existing = {Col("a", "int")}) {
  schema::ModifyTable m;
  m.schema = "app";
  m.from.name = "users";
  m.from.columns = existing;
  m.to.name = "users";
  m.to.columns = std::move(existing);
  for (const auto& c : added) {
    m.to.columns.push_back(c);
    m.changes.emplace_back(schema::AddColumn{c});
  }
  return m;
}

std::vector<std::string> Texts(const std::vector<Report>& reports) {
  std::vector<std::string> out;
  for (const auto& r : reports) {
    for (const auto& d : r.diagnostics) {
      out.push_back(d.code + " " + d.text);
    }
  }
  return out;
}

std::vector<std::string> Lint(const schema::Change& change, Flavor flavor, int version,
                              const Pass& base = {}) {
  const std::vector<schema::Change> changes = {change};
  Pass pass = base;
  pass.changes = changes;
  pass.dialect = "mysql";
  return Texts(drivers::mysql::LintAnalyzers(flavor, version).Run(pass));
}

std::string Implicit(std::string_view type, std::string_view column, std::string_view value) {
  return "MY101 Adding a non-nullable \"" + std::string(type) + "\" column \"" +
         std::string(column) +
         "\" on table \"users\" without a default value implicitly sets existing rows with " +
         std::string(value);
}

std::string Fails(std::string_view type, std::string_view column) {
  return "MF103 Adding a non-nullable \"" + std::string(type) + "\" column \"" +
         std::string(column) + "\" will fail in case table \"users\" is not empty";
}

TEST(MysqlLintTest, MY101ImplicitValuesOnMysql57) {
  const auto change = AddColumns({Col("b", "int"), Col("c", "float"), Col("d", "varchar(10)"),
                                  Col("e", "enum('foo','bar')"), Col("f", "timestamp")});
  EXPECT_EQ(
      Lint(change, Flavor::kMysql, 50744),
      (std::vector<std::string>{
          Implicit("int", "b", "0"), Implicit("float", "c", "0"), Implicit("varchar", "d", R"("")"),
          Implicit("enum", "e", R"("foo")"), Implicit("timestamp", "f", "CURRENT_TIMESTAMP")}));
}

TEST(MysqlLintTest, MY101TimestampZeroSinceMysql802AndAutoIncrementSkipped) {
  auto id = Col("id", "bigint");
  id.auto_increment = true;
  EXPECT_EQ(Lint(AddColumns({Col("b", "timestamp"), id}), Flavor::kMysql, 80019),
            (std::vector<std::string>{Implicit("timestamp", "b", "0000-00-00 00:00:00")}));
  EXPECT_EQ(Lint(AddColumns({Col("b", "timestamp(6)")}), Flavor::kMysql, 80001),
            (std::vector<std::string>{Implicit("timestamp", "b", "CURRENT_TIMESTAMP")}));
}

TEST(MysqlLintTest, MY101TypeSpellingsFollowAtlasFormatType) {
  const auto change = AddColumns(
      {Col("a1", "int(10) unsigned"), Col("a2", "tinyint(1)"), Col("a3", "bit(1)"),
       Col("a4", "bit(8)"), Col("a5", "decimal(10,0)"), Col("a6", "decimal(5,2) unsigned"),
       Col("a7", "binary(1)"), Col("a8", "varbinary(16)"), Col("a9", "double"),
       Col("b1", "float(30)"), Col("b2", "blob"), Col("b3", "year(4)"), Col("b4", "time(3)"),
       Col("b5", "set('x','y')"), Col("b6", "char(3)"), Col("b7", "enum('it''s','b')")});
  EXPECT_EQ(Lint(change, Flavor::kMysql, 80019),
            (std::vector<std::string>{
                Implicit("int unsigned", "a1", "0"), Implicit("bool", "a2", "0"),
                Implicit("bit", "a3", "0"), Implicit("bit(8)", "a4", "0"),
                Implicit("decimal(10)", "a5", "0"), Implicit("decimal(5,2) unsigned", "a6", "0"),
                Implicit("binary", "a7", "0"), Implicit("varbinary(16)", "a8", "0"),
                Implicit("double", "a9", "0"), Implicit("double", "b1", "0"),
                Implicit("blob", "b2", "0"), Implicit("year", "b3", "0000"),
                Implicit("time", "b4", "00:00:00"), Implicit("set", "b5", R"("")"),
                Implicit("char", "b6", R"("")"), Implicit("enum", "b7", R"("it's")")}));
}

TEST(MysqlLintTest, MF103DateDatetimeSpatialFailOnMysql) {
  const auto change = AddColumns({Col("b", "date"), Col("c", "datetime(6)"), Col("d", "point")});
  EXPECT_EQ(
      Lint(change, Flavor::kMysql, 80019),
      (std::vector<std::string>{Fails("date", "b"), Fails("datetime", "c"), Fails("point", "d")}));
}

TEST(MysqlLintTest, MY101MariaDbFillsTextJsonDatesSpatialAndFirstTimestamp) {
  const auto change =
      AddColumns({Col("b", "text"), Col("c", "json"), Col("d", "date"), Col("e", "datetime"),
                  Col("f", "point"), Col("first_ts", "timestamp"), Col("second_ts", "timestamp")});
  EXPECT_EQ(
      Lint(change, Flavor::kMariaDb, 101119),
      (std::vector<std::string>{
          Implicit("text", "b", R"("")"), Implicit("json", "c", R"("")"),
          Implicit("date", "d", "00:00:00"), Implicit("datetime", "e", "00:00:00"),
          Implicit("point", "f", R"("")"), Implicit("timestamp", "first_ts", "CURRENT_TIMESTAMP"),
          Implicit("timestamp", "second_ts", "0000-00-00 00:00:00")}));
}

TEST(MysqlLintTest, MY101NotForTextJsonOnMysqlDefaultsNullableOrUnknownTypes) {
  auto with_default = Col("g", "int");
  with_default.default_value = schema::Expr{schema::Expr::Kind::kLiteral, "1"};
  const auto change = AddColumns(
      {Col("b", "text"), Col("c", "json"), Col("d", "int", true), with_default, Col("u", "uuid")});
  EXPECT_TRUE(Lint(change, Flavor::kMysql, 80019).empty());
}

// The file of the ALTER (statement 1) and what follows it.
struct File {
  std::vector<std::string_view> statements;
  Pass::File file{"1.sql", ""};

  Pass PassAt(size_t position) const {
    Pass p;
    p.file = &file;
    p.source = statements[position];
    p.file_statements = statements;
    p.file_position = position;
    return p;
  }
};

TEST(MysqlLintTest, MY101SilencedByLaterUpdateThatFillsTheColumn) {
  const auto change = AddColumns({Col("b", "int")});
  const std::string alter = "ALTER TABLE users ADD COLUMN b int NOT NULL;";
  for (const std::string_view update :
       {"UPDATE users SET b = a * 2;", "update `users` set a = 1, `B` = 2 where b = 0",
        "UPDATE LOW_PRIORITY app.users AS u SET u.b = 3 ORDER BY a LIMIT 10"}) {
    const File f{{"CREATE TABLE x (id int);", alter, "SELECT 1;", update}};
    EXPECT_TRUE(Lint(change, Flavor::kMysql, 80019, f.PassAt(1)).empty()) << update;
  }
}

TEST(MysqlLintTest, MY101NotSilencedByOtherUpdatesOrEarlierOnes) {
  const auto change = AddColumns({Col("b", "int")});
  const std::vector<std::string> want = {Implicit("int", "b", "0")};
  const std::string alter = "ALTER TABLE users ADD COLUMN b int NOT NULL;";
  for (const std::string_view update :
       {"UPDATE users SET b = 1 WHERE id > 10;", "UPDATE pets SET b = 1;",
        "UPDATE users SET a = 'b = 1';", "-- UPDATE users SET b = 1\nSELECT 1;",
        "UPDATE users, pets SET users.b = 1;"}) {
    const File f{{alter, update}};
    EXPECT_EQ(Lint(change, Flavor::kMysql, 80019, f.PassAt(0)), want) << update;
  }
  const File before{{"UPDATE users SET b = 1;", alter}};
  EXPECT_EQ(Lint(change, Flavor::kMysql, 80019, before.PassAt(1)), want);
}

// CREATE TABLE pets (..., owner_id int REFERENCES users(id)) as the dev database inspects it.
schema::Change Pets(bool with_fk) {
  schema::Table t;
  t.name = "pets";
  t.columns = {Col("id", "int"), Col("owner_id", "int", true)};
  if (with_fk) {
    schema::ForeignKey fk;
    fk.name = "pets_ibfk_1";
    fk.columns = {"owner_id"};
    fk.ref_table = "users";
    fk.ref_columns = {"id"};
    t.foreign_keys.push_back(fk);
  }
  return schema::AddTable{"app", t};
}

TEST(MysqlLintTest, MY102InlineReferencesIgnoredByTheServer) {
  const File f{{"CREATE TABLE pets (id int, owner_id int REFERENCES users(id));"}};
  const std::vector<schema::Change> changes = {Pets(false)};
  Pass pass = f.PassAt(0);
  pass.changes = changes;
  const auto reports = drivers::mysql::LintAnalyzers(Flavor::kMysql, 80019).Run(pass);
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].analyzer, "inline_refs");
  EXPECT_EQ(reports[0].text, "inline REFERENCES detected");
  EXPECT_FALSE(reports[0].error);
  EXPECT_EQ(reports[0].diagnostics,
            (std::vector<Diagnostic>{{"MY102",
                                      "Defining column \"owner_id\" on table \"pets\" with inline "
                                      "REFERENCES is ignored by MySQL",
                                      "", 0, -1}}));
}

TEST(MysqlLintTest, MY102NotWhenTheServerCreatedTheForeignKeyOrWithoutFile) {
  const File f{{"CREATE TABLE pets (id int, owner_id int REFERENCES users(id));"}};
  EXPECT_TRUE(Lint(Pets(true), Flavor::kMariaDb, 101119, f.PassAt(0)).empty());
  // Declarative plans carry no statement as written.
  EXPECT_TRUE(Lint(Pets(false), Flavor::kMysql, 80019).empty());
}

TEST(MysqlLintTest, MY102OnAlterTableAddColumn) {
  const auto change = AddColumns({Col("owner_id", "int", true)});
  const File f{{"ALTER TABLE users ADD COLUMN owner_id int REFERENCES users (id);"}};
  EXPECT_EQ(Lint(change, Flavor::kMysql, 80019, f.PassAt(0)),
            (std::vector<std::string>{"MY102 Defining column \"owner_id\" on table \"users\" with "
                                      "inline REFERENCES is ignored by MySQL"}));
}

TEST(MysqlLintTest, InlineReferenceColumnsOfColumnDefinitionsOnly) {
  using V = std::vector<std::string>;
  EXPECT_EQ(MysqlInlineReferenceColumns(
                "CREATE TABLE IF NOT EXISTS app.pets (\n  id int PRIMARY KEY,\n"
                "  `owner id` int NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
                "  vet int, FOREIGN KEY (vet) REFERENCES vets(id),\n"
                "  CONSTRAINT c FOREIGN KEY (id) REFERENCES x(id),\n"
                "  note varchar(10) DEFAULT 'REFERENCES' COMMENT \"REFERENCES\", -- REFERENCES\n"
                "  period int /* REFERENCES t(c) */, KEY k (vet)\n)"),
            (V{"owner id"}));
  EXPECT_EQ(MysqlInlineReferenceColumns(
                "ALTER TABLE pets ADD owner_id int REFERENCES users(id), ADD COLUMN IF NOT EXISTS "
                "(a int, b int REFERENCES t(c)), ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES "
                "t(c), ADD INDEX (a), MODIFY c int REFERENCES t(c)"),
            (V{"owner_id", "b"}));
  EXPECT_TRUE(MysqlInlineReferenceColumns("CREATE TABLE t LIKE s").empty());
  EXPECT_TRUE(MysqlInlineReferenceColumns("CREATE INDEX i ON t (a)").empty());
  EXPECT_TRUE(MysqlInlineReferenceColumns("INSERT INTO t VALUES ('REFERENCES')").empty());
}

TEST(MysqlLintTest, DataDependCodesFollowTheDriver) {
  const auto codes = [](const Registry& r) {
    for (const auto& a : r.analyzers()) {
      if (a->Name() == "data_depend") {
        return a->Codes();
      }
    }
    return std::vector<std::string_view>{};
  };
  EXPECT_EQ(codes(drivers::mysql::LintAnalyzers(Flavor::kMariaDb, 101119)),
            (std::vector<std::string_view>{"MF101", "MF102", "MF103", "MF104", "MY101"}));
  EXPECT_EQ(codes(drivers::sqlite::LintAnalyzers()),
            (std::vector<std::string_view>{"MF101", "MF102", "MF103", "LT101"}));
  // The dialect's own analyzers come after the generic ones.
  const auto& mysql = drivers::mysql::LintAnalyzers(Flavor::kMysql, 80019).analyzers();
  ASSERT_GE(mysql.size(), 2U);
  const auto& refs = mysql[mysql.size() - 2];
  EXPECT_EQ(refs->Name(), "inline_refs");
  EXPECT_EQ(refs->Codes(), (std::vector<std::string_view>{"MY102"}));
  EXPECT_EQ(mysql.back()->Name(), "enum_change");
  EXPECT_EQ(mysql.back()->Codes(), (std::vector<std::string_view>{"MY110", "MY111"}));
}

}  // namespace
}  // namespace atlas::engine::lint
