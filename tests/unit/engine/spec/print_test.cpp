#include "engine/spec/print.hpp"

#include <string>

#include <gtest/gtest.h>

#include "engine/spec/decode.hpp"
#include "engine/spec/sqlite.hpp"

namespace atlas::engine::spec {
namespace {

schema::Column Col(std::string name, std::string declared, bool nullable) {
  schema::Column c;
  c.name = std::move(name);
  c.type = SqliteColumnType(declared);
  c.nullable = nullable;
  return c;
}

class SpecPrintTest : public ::testing::Test {
 protected:
  SqliteDialect dialect_;
};

// ariga/atlas internal/integration/testdata/sqlite/cli-inspect.txtar, 1.hcl: the exact inspect
// output.
TEST_F(SpecPrintTest, MatchesAtlasCliInspectOutput) {
  schema::Realm realm;
  schema::Schema s;
  s.name = "main";
  schema::Table t;
  t.name = "users";
  t.columns = {Col("id", "int", false), Col("a", "int", false), Col("b", "int", false),
               Col("ab", "int", false), Col("ac", "UINT64", false)};
  s.tables.push_back(t);
  realm.schemas.push_back(s);
  EXPECT_EQ(Print(realm, dialect_),
            "table \"users\" {\n"
            "  schema = schema.main\n"
            "  column \"id\" {\n"
            "    null = false\n"
            "    type = int\n"
            "  }\n"
            "  column \"a\" {\n"
            "    null = false\n"
            "    type = int\n"
            "  }\n"
            "  column \"b\" {\n"
            "    null = false\n"
            "    type = int\n"
            "  }\n"
            "  column \"ab\" {\n"
            "    null = false\n"
            "    type = int\n"
            "  }\n"
            "  column \"ac\" {\n"
            "    null = false\n"
            "    type = uint64\n"
            "  }\n"
            "}\n"
            "schema \"main\" {\n"
            "}\n");
}

// column-default.txtar (`CREATE TABLE tbl (col)`) and column-user-defined.txtar.
TEST_F(SpecPrintTest, MatchesAtlasUntypedAndUserDefinedColumns) {
  schema::Realm realm;
  schema::Schema s;
  s.name = "main";
  schema::Table tbl;
  tbl.name = "tbl";
  tbl.columns = {Col("col", "", true)};
  schema::Table t;
  t.name = "t";
  t.columns = {Col("c", "USER_DEFINED", true)};
  s.tables = {tbl, t};
  realm.schemas.push_back(s);
  EXPECT_EQ(Print(realm, dialect_),
            "table \"t\" {\n"
            "  schema = schema.main\n"
            "  column \"c\" {\n"
            "    null = true\n"
            "    type = sql(\"USER_DEFINED\")\n"
            "  }\n"
            "}\n"
            "table \"tbl\" {\n"
            "  schema = schema.main\n"
            "  column \"col\" {\n"
            "    null = true\n"
            "    type = blob\n"
            "  }\n"
            "}\n"
            "schema \"main\" {\n"
            "}\n");
}

// What the SQLite inspector produces: literal defaults in SQL form, quoted identifiers, unnamed
// checks.
TEST_F(SpecPrintTest, InspectedDefaultsAndConstraints) {
  schema::Realm realm;
  schema::Schema s;
  s.name = "main";
  schema::Table t;
  t.name = "t";
  auto with_default = [](schema::Column c, schema::Expr::Kind kind, std::string text) {
    c.default_value = schema::Expr{kind, std::move(text)};
    return c;
  };
  using K = schema::Expr::Kind;
  t.columns = {
      with_default(Col("a", "TEXT", false), K::kLiteral, "'it''s'"),
      with_default(Col("b", "INTEGER", false), K::kLiteral, "0"),
      with_default(Col("c", "VARCHAR(10)", false), K::kLiteral, "1"),
      with_default(Col("d", "REAL", true), K::kLiteral, "1.50"),
      with_default(Col("e", "BOOLEAN", true), K::kLiteral, "TRUE"),
      with_default(Col("f", "BLOB", true), K::kLiteral, "x'00'"),
      with_default(Col("g", "DATETIME", true), K::kRaw, "CURRENT_TIMESTAMP"),
      with_default(Col("h", "TEXT", true), K::kLiteral, "\"dq\""),
      with_default(Col("i", "INTEGER", true), K::kLiteral, "-7"),
  };
  schema::Check unnamed;
  unnamed.expr = "b >= 0";
  t.checks = {unnamed};
  schema::PrimaryKey pk;
  schema::IndexPart part;
  part.column = "b";
  pk.parts = {part};
  t.primary_key = pk;
  s.tables.push_back(t);
  realm.schemas.push_back(s);
  EXPECT_EQ(Print(realm, dialect_),
            "table \"t\" {\n"
            "  schema = schema.main\n"
            "  column \"a\" {\n"
            "    null    = false\n"
            "    type    = text\n"
            "    default = \"it's\"\n"
            "  }\n"
            "  column \"b\" {\n"
            "    null    = false\n"
            "    type    = integer\n"
            "    default = 0\n"
            "  }\n"
            "  column \"c\" {\n"
            "    null    = false\n"
            "    type    = varchar(10)\n"
            "    default = \"1\"\n"
            "  }\n"
            "  column \"d\" {\n"
            "    null    = true\n"
            "    type    = real\n"
            "    default = 1.5\n"
            "  }\n"
            "  column \"e\" {\n"
            "    null    = true\n"
            "    type    = boolean\n"
            "    default = true\n"
            "  }\n"
            "  column \"f\" {\n"
            "    null    = true\n"
            "    type    = blob\n"
            "    default = sql(\"x'00'\")\n"
            "  }\n"
            "  column \"g\" {\n"
            "    null    = true\n"
            "    type    = datetime\n"
            "    default = sql(\"CURRENT_TIMESTAMP\")\n"
            "  }\n"
            "  column \"h\" {\n"
            "    null    = true\n"
            "    type    = text\n"
            "    default = \"dq\"\n"
            "  }\n"
            "  column \"i\" {\n"
            "    null    = true\n"
            "    type    = integer\n"
            "    default = -7\n"
            "  }\n"
            "  primary_key {\n"
            "    columns = [column.b]\n"
            "  }\n"
            "  check {\n"
            "    expr = \"b >= 0\"\n"
            "  }\n"
            "}\n"
            "schema \"main\" {\n"
            "}\n");
}

TEST_F(SpecPrintTest, NamesThatAreNotIdentifiersAreIndexed) {
  auto realm = Decode(R"hcl(
schema "my schema" {}
table "my table" {
  schema = schema["my schema"]
  column "my col" { type = int }
  column "id" { type = int }
  index "my index" { columns = [column["my col"]] }
  foreign_key "self" {
    columns     = [column.id]
    ref_columns = [table["my table"].column["my col"]]
  }
}
)hcl",
                      "x.hcl", dialect_);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  EXPECT_EQ(Print(*realm, dialect_),
            "table \"my table\" {\n"
            "  schema = schema[\"my schema\"]\n"
            "  column \"my col\" {\n"
            "    null = false\n"
            "    type = int\n"
            "  }\n"
            "  column \"id\" {\n"
            "    null = false\n"
            "    type = int\n"
            "  }\n"
            "  foreign_key \"self\" {\n"
            "    columns     = [column.id]\n"
            "    ref_columns = [table[\"my table\"].column[\"my col\"]]\n"
            "    on_update   = NO_ACTION\n"
            "    on_delete   = NO_ACTION\n"
            "  }\n"
            "  index \"my index\" {\n"
            "    columns = [column[\"my col\"]]\n"
            "  }\n"
            "}\n"
            "schema \"my schema\" {\n"
            "}\n");
}

TEST_F(SpecPrintTest, UnparsableTriggerKeepsTheStatement) {
  schema::Realm realm;
  schema::Schema s;
  s.name = "main";
  schema::Table t;
  t.name = "t";
  t.columns = {Col("a", "int", true)};
  t.triggers = {schema::Trigger{"tr", "t", "CREATE TRIGGER tr AFTER INSERT ON t\nWHEN weird\n"}};
  s.tables.push_back(t);
  realm.schemas.push_back(s);
  const std::string out = Print(realm, dialect_);
  EXPECT_NE(out.find("trigger \"tr\" {\n"
                     "  on = table.t\n"
                     "  as = <<-SQL\n"
                     "  CREATE TRIGGER tr AFTER INSERT ON t\n"
                     "  WHEN weird\n"
                     "  SQL\n"
                     "}\n"),
            std::string::npos)
      << out;
  auto back = Decode(out, "out.hcl", dialect_);
  ASSERT_TRUE(back.ok()) << back.ErrorString();
  EXPECT_EQ(back->schemas.at(0).tables.at(0).triggers.at(0).body,
            "CREATE TRIGGER tr AFTER INSERT ON t\nWHEN weird");
  EXPECT_EQ(Print(*back, dialect_), out);
}

TEST_F(SpecPrintTest, EmptyRealm) {
  EXPECT_EQ(Print(schema::Realm{}, dialect_), "");
}

}  // namespace
}  // namespace atlas::engine::spec
