#include "engine/spec/decode.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/spec/print.hpp"
#include "engine/spec/sqlite.hpp"

namespace atlas::engine::spec {
namespace {

class SpecDecodeTest : public ::testing::Test {
 protected:
  schema::Realm MustDecode(const std::string& src, const DecodeOptions& options = {}) {
    auto r = Decode(src, "schema.hcl", dialect_, options);
    EXPECT_TRUE(r.ok()) << r.ErrorString();
    return r.ok() ? std::move(r).value() : schema::Realm{};
  }

  SqliteDialect dialect_;
};

TEST_F(SpecDecodeTest, ColumnsTypesAndDefaults) {
  const auto realm = MustDecode(R"hcl(
schema "main" {}
table "t" {
  schema = schema.main
  column "a" {
    type = varchar(255)
  }
  column "b" {
    null    = true
    type    = sql("VARCHAR(10)")
    default = "it's"
  }
  column "c" {
    type    = decimal(10,2)
    default = 007
  }
  column "d" {
    type    = double_precision
    default = 1.50
  }
  column "e" {
    type    = boolean
    default = true
  }
  column "f" {
    type    = datetime
    default = sql("CURRENT_TIMESTAMP")
  }
  column "g" {
    type    = integer
    default = -1
  }
  column "h" {
    type    = integer
    default = null
    comment = "no default"
  }
}
)hcl");
  ASSERT_EQ(realm.schemas.size(), 1U);
  const schema::Table& t = realm.schemas[0].tables.at(0);
  ASSERT_EQ(t.columns.size(), 8U);
  EXPECT_EQ(t.columns[0].name, "a");
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_EQ(t.columns[0].type.raw, "varchar(255)");
  EXPECT_EQ(t.columns[0].type.normalized, "varchar(255)");
  EXPECT_FALSE(t.columns[0].default_value.has_value());
  EXPECT_TRUE(t.columns[1].nullable);
  EXPECT_EQ(t.columns[1].type.raw, "VARCHAR(10)");
  EXPECT_EQ(t.columns[1].type.normalized, "varchar(10)");
  EXPECT_EQ(t.columns[1].default_value, (schema::Expr{schema::Expr::Kind::kLiteral, "'it''s'"}));
  EXPECT_EQ(t.columns[2].type.raw, "decimal(10,2)");
  EXPECT_EQ(t.columns[2].default_value, (schema::Expr{schema::Expr::Kind::kLiteral, "7"}));
  EXPECT_EQ(t.columns[3].type.raw, "double precision");
  EXPECT_EQ(t.columns[3].default_value, (schema::Expr{schema::Expr::Kind::kLiteral, "1.5"}));
  EXPECT_EQ(t.columns[4].default_value, (schema::Expr{schema::Expr::Kind::kLiteral, "true"}));
  EXPECT_EQ(t.columns[5].default_value,
            (schema::Expr{schema::Expr::Kind::kRaw, "CURRENT_TIMESTAMP"}));
  EXPECT_EQ(t.columns[6].default_value, (schema::Expr{schema::Expr::Kind::kLiteral, "-1"}));
  EXPECT_FALSE(t.columns[7].default_value.has_value());
  EXPECT_EQ(t.columns[7].comment, "no default");
}

TEST_F(SpecDecodeTest, KeysIndexesForeignKeysChecks) {
  const auto realm = MustDecode(R"hcl(
schema "main" {}
table "parent" {
  schema = schema.main
  column "id" { type = integer }
  column "code" { type = text }
  primary_key { columns = [column.id, column.code] }
}
table "child" {
  schema = schema.main
  column "id" {
    type           = integer
    auto_increment = true
  }
  column "pid" { type = integer }
  column "pcode" { type = text }
  column "parent_self" {
    type = integer
    null = true
  }
  primary_key { columns = [table.child.column.id] }
  index "by_parent" {
    unique = true
    on {
      column = column.pid
      desc   = true
    }
    on {
      expr = "lower(pcode)"
    }
    where = "pid > 0"
  }
  foreign_key "to_parent" {
    columns     = [column.pid, column.pcode]
    ref_columns = [table.parent.column.id, table.parent.column.code]
    on_update   = SET_NULL
    on_delete   = "SET DEFAULT"
  }
  foreign_key "self" {
    columns     = [column.parent_self]
    ref_columns = [column.id]
  }
  check "positive" { expr = "pid > 0" }
  check { expr = "id <> pid" }
  without_rowid = true
}
)hcl");
  const schema::Schema& s = realm.schemas.at(0);
  const schema::Table* parent = s.FindTable("parent");
  ASSERT_NE(parent, nullptr);
  ASSERT_TRUE(parent->primary_key.has_value());
  ASSERT_EQ(parent->primary_key->parts.size(), 2U);
  EXPECT_EQ(parent->primary_key->parts[1].column, "code");
  const schema::Table* child = s.FindTable("child");
  ASSERT_NE(child, nullptr);
  EXPECT_TRUE(child->columns[0].auto_increment);
  EXPECT_TRUE(child->options.without_rowid);
  EXPECT_FALSE(child->options.strict);
  ASSERT_EQ(child->indexes.size(), 1U);
  const schema::Index& idx = child->indexes[0];
  EXPECT_TRUE(idx.unique);
  EXPECT_EQ(idx.where, "pid > 0");
  ASSERT_EQ(idx.parts.size(), 2U);
  EXPECT_EQ(idx.parts[0].column, "pid");
  EXPECT_TRUE(idx.parts[0].desc);
  EXPECT_EQ(idx.parts[1].expr, "lower(pcode)");
  ASSERT_EQ(child->foreign_keys.size(), 2U);
  const schema::ForeignKey& fk = child->foreign_keys[0];
  EXPECT_EQ(fk.name, "to_parent");
  EXPECT_EQ(fk.columns, (std::vector<std::string>{"pid", "pcode"}));
  EXPECT_EQ(fk.ref_table, "parent");
  EXPECT_EQ(fk.ref_schema, "");
  EXPECT_EQ(fk.ref_columns, (std::vector<std::string>{"id", "code"}));
  EXPECT_EQ(fk.on_update, schema::ReferenceOption::kSetNull);
  EXPECT_EQ(fk.on_delete, schema::ReferenceOption::kSetDefault);
  EXPECT_EQ(child->foreign_keys[1].ref_table, "child");
  EXPECT_EQ(child->foreign_keys[1].on_delete, schema::ReferenceOption::kNoAction);
  ASSERT_EQ(child->checks.size(), 2U);
  EXPECT_EQ(child->checks[0].name, "positive");
  EXPECT_EQ(child->checks[1].name, "");
  EXPECT_EQ(child->checks[1].expr, "id <> pid");
}

TEST_F(SpecDecodeTest, ViewsAndTriggers) {
  const auto realm = MustDecode(R"hcl(
schema "main" {}
table "t" {
  schema = schema.main
  column "a" { type = int }
}
view "v" {
  schema = schema.main
  column "a" {
    null = true
    type = int
  }
  as         = <<-SQL
    SELECT a
    FROM t
  SQL
  depends_on = [table.t]
}
trigger "t_ins" {
  on = table.t
  after {
    insert = true
  }
  as = <<-SQL
    BEGIN
      SELECT 1;
    END
  SQL
}
trigger "v_upd" {
  on = view.v
  instead_of {
    update_of = [view.v.column.a]
  }
  as = "BEGIN SELECT 2; END"
}
)hcl");
  const schema::Schema& s = realm.schemas.at(0);
  ASSERT_EQ(s.views.size(), 1U);
  EXPECT_EQ(s.views[0].definition, "SELECT a\nFROM t");
  EXPECT_EQ(s.views[0].depends_on, (std::vector<std::string>{"main.t"}));
  ASSERT_EQ(s.views[0].columns.size(), 1U);
  EXPECT_TRUE(s.views[0].columns[0].nullable);
  ASSERT_EQ(s.tables[0].triggers.size(), 1U);
  EXPECT_EQ(s.tables[0].triggers[0].table, "t");
  EXPECT_EQ(s.tables[0].triggers[0].body,
            "CREATE TRIGGER \"t_ins\" AFTER INSERT ON \"t\" BEGIN\n  SELECT 1;\nEND");
  ASSERT_EQ(s.views[0].triggers.size(), 1U);
  EXPECT_EQ(s.views[0].triggers[0].body,
            "CREATE TRIGGER \"v_upd\" INSTEAD OF UPDATE OF \"a\" ON \"v\" BEGIN SELECT 2; END");
}

TEST_F(SpecDecodeTest, VariablesFromOptionsAndDefaults) {
  const std::string src = R"hcl(
variable "tenant" {
  type = string
}
variable "size" {
  type    = number
  default = 10
}
variable "strict" {
  type    = bool
  default = false
}
locals {
  table_name = "${var.tenant}_items"
}
schema "s" {
  name = var.tenant
}
table "items" {
  schema  = schema.s
  comment = local.table_name
  column "name" {
    type = varchar(var.size)
  }
  strict = var.strict
}
)hcl";
  DecodeOptions options;
  options.variables["tenant"] = hcl::Value::String("acme");
  options.variables["size"] = hcl::Value::String("32");
  options.variables["strict"] = hcl::Value::String("true");
  const auto realm = MustDecode(src, options);
  ASSERT_EQ(realm.schemas.size(), 1U);
  EXPECT_EQ(realm.schemas[0].name, "acme");
  const schema::Table& t = realm.schemas[0].tables.at(0);
  EXPECT_EQ(t.comment, "acme_items");
  EXPECT_EQ(t.columns[0].type.raw, "varchar(32)");
  EXPECT_TRUE(t.options.strict);
  EXPECT_EQ(Print(realm, dialect_),
            "table \"items\" {\n"
            "  schema  = schema.acme\n"
            "  comment = \"acme_items\"\n"
            "  column \"name\" {\n"
            "    null = false\n"
            "    type = varchar(32)\n"
            "  }\n"
            "  strict = true\n"
            "}\n"
            "schema \"acme\" {\n"
            "}\n");
}

TEST_F(SpecDecodeTest, SeveralFilesFormOneDocument) {
  const std::vector<SourceFile> files = {
      {"a.hcl",
       "table \"a\" {\n  schema = schema.main\n  column \"b_id\" { type = int }\n"
       "  foreign_key \"fk\" {\n    columns = [column.b_id]\n    ref_columns = "
       "[table.b.column.id]\n  }\n}\n"},
      {"b.hcl", "table \"b\" {\n  schema = schema.main\n  column \"id\" { type = int }\n}\n"},
      {"schema.hcl", "schema \"main\" {}\n"},
  };
  auto realm = DecodeFiles(files, dialect_);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  ASSERT_EQ(realm->schemas.at(0).tables.size(), 2U);
  EXPECT_EQ(realm->schemas[0].tables[0].foreign_keys.at(0).ref_table, "b");
}

TEST_F(SpecDecodeTest, ErrorsNameTheirFile) {
  const std::vector<SourceFile> files = {
      {"ok.hcl", "schema \"main\" {}\n"},
      {"bad.hcl",
       "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n  index \"i\" {\n"
       "    columns = [column.nope]\n  }\n}\n"},
  };
  auto realm = DecodeFiles(files, dialect_);
  ASSERT_FALSE(realm.ok());
  const auto& d = realm.diags().items().at(0);
  EXPECT_EQ(d.summary, "Unknown column");
  EXPECT_EQ(d.source->ToString(), "bad.hcl:5:16");
  EXPECT_EQ(d.detail,
            "Table \"t\" has no column named \"nope\".\n"
            "  5 |     columns = [column.nope]\n"
            "    |                ^");
}

TEST_F(SpecDecodeTest, QualifiedTablesAcrossSchemas) {
  const auto realm = MustDecode(R"hcl(
schema "a" {}
schema "b" {}
table "a" "users" {
  schema = schema.a
  column "id" { type = int }
}
table "b" "users" {
  schema = schema.b
  column "id" { type = int }
  column "a_id" { type = int }
  foreign_key "to_a" {
    columns     = [column.a_id]
    ref_columns = [table.a.users.column.id]
  }
}
)hcl");
  const schema::Table& b_users = realm.schemas.at(1).tables.at(0);
  EXPECT_EQ(b_users.foreign_keys.at(0).ref_schema, "a");
  EXPECT_EQ(Print(realm, dialect_),
            "table \"a\" \"users\" {\n"
            "  schema = schema.a\n"
            "  column \"id\" {\n"
            "    null = false\n"
            "    type = int\n"
            "  }\n"
            "}\n"
            "table \"b\" \"users\" {\n"
            "  schema = schema.b\n"
            "  column \"id\" {\n"
            "    null = false\n"
            "    type = int\n"
            "  }\n"
            "  column \"a_id\" {\n"
            "    null = false\n"
            "    type = int\n"
            "  }\n"
            "  foreign_key \"to_a\" {\n"
            "    columns     = [column.a_id]\n"
            "    ref_columns = [table.a.users.column.id]\n"
            "    on_update   = NO_ACTION\n"
            "    on_delete   = NO_ACTION\n"
            "  }\n"
            "}\n"
            "schema \"a\" {\n"
            "}\n"
            "schema \"b\" {\n"
            "}\n");
}

TEST_F(SpecDecodeTest, ReadSourceFilesFromADirectory) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("atlas_spec_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
       "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "b.hcl")
      << "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n}\n";
  std::ofstream(dir / "a.hcl") << "schema \"main\" {}\n";
  std::ofstream(dir / "notes.txt") << "ignored";
  auto files = ReadSourceFiles(dir.string());
  ASSERT_TRUE(files.ok()) << files.ErrorString();
  ASSERT_EQ(files->size(), 2U);
  EXPECT_EQ((*files)[0].name, (dir / "a.hcl").string());
  EXPECT_EQ((*files)[1].name, (dir / "b.hcl").string());
  auto realm = DecodeFiles(*files, dialect_);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  EXPECT_EQ(realm->schemas.at(0).tables.at(0).name, "t");
  auto missing = ReadSourceFiles((dir / "nope.hcl").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.diags().items().at(0).summary, "Cannot read schema file");
  std::filesystem::remove_all(dir);
}

// Whitespace, comments, attribute order and block order do not change the printed form.
TEST_F(SpecDecodeTest, PrintIgnoresFormattingAndOrder) {
  const std::string a = R"hcl(
schema "main" {}
table "b" {
  schema = schema.main
  column "x" {
    type = int
    null = true
  }
  index "b_x" {
    columns = [column.x]
  }
  index "a_x" {
    unique = true
    columns = [column.x]
  }
}
table "a" {
  schema = schema.main
  column "id" { type = integer }
}
)hcl";
  const std::string b = R"hcl(# same schema, different layout
table "a" { schema = schema.main
  column "id" {
    type = integer   // trailing comment
  }
}
table "b" {
  index "a_x" {
    columns = [ column.x , ]
    unique  = true
  }
  index "b_x" { columns = [column.x] }
  column "x" {
    null = true
    /* block comment */ type = int
  }
  schema = schema.main
}
schema "main" {
}
)hcl";
  EXPECT_EQ(Print(MustDecode(a), dialect_), Print(MustDecode(b), dialect_));
}

struct DecodeErrorCase {
  std::string name;
  std::string source;
  std::string summary;
  std::string position;
};

void PrintTo(const DecodeErrorCase& c, std::ostream* os) {
  *os << c.name;
}

class SpecDecodeErrorTest : public ::testing::TestWithParam<DecodeErrorCase> {
 protected:
  SqliteDialect dialect_;
};

TEST_P(SpecDecodeErrorTest, ReportsPosition) {
  const auto& c = GetParam();
  auto r = Decode(c.source, "schema.hcl", dialect_);
  ASSERT_FALSE(r.ok()) << "decoded without error";
  const auto& d = r.diags().items().at(0);
  EXPECT_EQ(d.summary, c.summary) << d.ToString();
  ASSERT_TRUE(d.source.has_value());
  EXPECT_EQ(d.source->ToString(), c.position) << d.ToString();
}

const char* const kHead = "schema \"main\" {}\n";  // line 1

INSTANTIATE_TEST_SUITE_P(
    Cases, SpecDecodeErrorTest,
    ::testing::Values(
        DecodeErrorCase{"SyntaxError",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" {\n"
                            "    type integer\n  }\n}\n",
                        "Missing \"=\" in attribute definition", "schema.hcl:5:10"},
        DecodeErrorCase{"UnknownTopLevelBlock", std::string(kHead) + "sequence \"s\" {}\n",
                        "Unsupported block type", "schema.hcl:2:1"},
        DecodeErrorCase{
            "UnknownTableAttribute",
            std::string(kHead) + "table \"t\" {\n  schema = schema.main\n  engine = InnoDB\n}\n",
            "Unsupported attribute", "schema.hcl:4:3"},
        DecodeErrorCase{"UnknownColumnAttribute",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" {\n"
                            "    type = int\n    unsigned = true\n  }\n}\n",
                        "Unsupported attribute", "schema.hcl:6:5"},
        DecodeErrorCase{
            "UnknownNestedBlock",
            std::string(kHead) + "table \"t\" {\n  schema = schema.main\n  partition {\n  }\n}\n",
            "Unsupported block type", "schema.hcl:4:3"},
        DecodeErrorCase{"MissingSchemaAttribute",
                        std::string(kHead) + "table \"t\" {\n  column \"c\" { type = int }\n}\n",
                        "Missing schema reference", "schema.hcl:2:1"},
        DecodeErrorCase{"UnknownSchema",
                        std::string(kHead) + "table \"t\" {\n  schema = schema.other\n}\n",
                        "Unknown schema", "schema.hcl:3:12"},
        DecodeErrorCase{"InvalidSchemaReference",
                        std::string(kHead) + "table \"t\" {\n  schema = \"main\"\n}\n",
                        "Invalid schema reference", "schema.hcl:3:12"},
        DecodeErrorCase{"MissingType",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" {\n"
                            "    null = true\n  }\n}\n",
                        "Missing column type", "schema.hcl:4:3"},
        DecodeErrorCase{"BadNullValue",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" {\n"
                            "    type = int\n    null = \"yes\"\n  }\n}\n",
                        "Invalid attribute value", "schema.hcl:6:12"},
        DecodeErrorCase{"TooManyTypeArguments",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" {\n"
                            "    type = varchar(1, 2)\n  }\n}\n",
                        "Invalid column type", "schema.hcl:5:12"},
        DecodeErrorCase{"EnumTypeReference",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" {\n"
                            "    type = enum.status\n  }\n}\n",
                        "Invalid column type", "schema.hcl:5:12"},
        DecodeErrorCase{"UnknownPrimaryKeyColumn",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                            "  primary_key {\n    columns = [column.c, column.d]\n  }\n}\n",
                        "Unknown column", "schema.hcl:6:26"},
        DecodeErrorCase{"ColumnOfAnotherTable",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                            "  index \"i\" {\n    columns = [table.u.column.c]\n  }\n}\n",
                        "Invalid column reference", "schema.hcl:6:16"},
        DecodeErrorCase{"IndexWithoutColumns",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                            "  index \"i\" {\n    unique = true\n  }\n}\n",
                        "Missing index columns", "schema.hcl:5:3"},
        DecodeErrorCase{
            "IndexWithColumnsAndOn",
            std::string(kHead) +
                "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                "  index \"i\" {\n    columns = [column.c]\n    on {\n      column = column.c\n"
                "    }\n  }\n}\n",
            "Conflicting index definition", "schema.hcl:7:5"},
        DecodeErrorCase{"IndexWithoutName",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                            "  index {\n    columns = [column.c]\n  }\n}\n",
                        "Missing block label", "schema.hcl:5:3"},
        DecodeErrorCase{"UnknownReferencedTable",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                            "  foreign_key \"fk\" {\n    columns = [column.c]\n"
                            "    ref_columns = [table.missing.column.id]\n  }\n}\n",
                        "Unknown table", "schema.hcl:7:20"},
        DecodeErrorCase{"UnknownReferencedColumn",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                            "  foreign_key \"fk\" {\n    columns = [column.c]\n"
                            "    ref_columns = [table.t.column.zz]\n  }\n}\n",
                        "Unknown column", "schema.hcl:7:20"},
        DecodeErrorCase{"ForeignKeyColumnCountMismatch",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                            "  foreign_key \"fk\" {\n    columns = [column.c]\n"
                            "    ref_columns = [column.c, column.c]\n  }\n}\n",
                        "Invalid foreign key", "schema.hcl:7:19"},
        DecodeErrorCase{"BadReferentialAction",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                            "  foreign_key \"fk\" {\n    columns = [column.c]\n"
                            "    ref_columns = [column.c]\n    on_delete = DROP\n  }\n}\n",
                        "Invalid referential action", "schema.hcl:8:17"},
        DecodeErrorCase{"DuplicateTable",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n}\ntable \"t\" {\n"
                            "  schema = schema.main\n}\n",
                        "Duplicate table", "schema.hcl:5:7"},
        DecodeErrorCase{"DuplicateColumn",
                        std::string(kHead) +
                            "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n"
                            "  column \"c\" { type = int }\n}\n",
                        "Duplicate column", "schema.hcl:5:10"},
        DecodeErrorCase{"DuplicateSchema", std::string(kHead) + "schema \"main\" {}\n",
                        "Duplicate schema", "schema.hcl:2:8"},
        DecodeErrorCase{
            "UnknownVariable",
            std::string(kHead) + "table \"t\" {\n  schema = schema.main\n  comment = var.nope\n}\n",
            "Unsupported attribute", "schema.hcl:4:16"},
        DecodeErrorCase{"MissingVariableValue", "variable \"v\" {\n  type = string\n}\n",
                        "Missing variable value", "schema.hcl:1:10"},
        DecodeErrorCase{"LocalCycle", "locals {\n  a = local.b\n  b = local.a\n}\n",
                        "Cycle in local values", "schema.hcl:2:3"},
        DecodeErrorCase{"ViewWithoutDefinition",
                        std::string(kHead) + "view \"v\" {\n  schema = schema.main\n}\n",
                        "Missing view definition", "schema.hcl:2:1"},
        DecodeErrorCase{"ViewDependsOnMissingTable",
                        std::string(kHead) +
                            "view \"v\" {\n  schema = schema.main\n  as = \"SELECT 1\"\n"
                            "  depends_on = [table.nope]\n}\n",
                        "Unknown table", "schema.hcl:5:17"},
        DecodeErrorCase{"TriggerOnMissingTable",
                        std::string(kHead) +
                            "trigger \"tr\" {\n  on = table.nope\n  after {\n    insert = true\n"
                            "  }\n  as = \"BEGIN SELECT 1; END\"\n}\n",
                        "Unknown table", "schema.hcl:3:8"},
        DecodeErrorCase{
            "TriggerWithTwoEvents",
            std::string(kHead) +
                "table \"t\" {\n  schema = schema.main\n  column \"c\" { type = int }\n}\n"
                "trigger \"tr\" {\n  on = table.t\n  after {\n    insert = true\n"
                "    delete = true\n  }\n  as = \"BEGIN SELECT 1; END\"\n}\n",
            "Invalid trigger event", "schema.hcl:8:3"},
        DecodeErrorCase{
            "GeneratedBadType",
            std::string(kHead) +
                "table \"t\" {\n  schema = schema.main\n  column \"c\" {\n    type = int\n"
                "    as {\n      expr = \"1\"\n      type = SOMETIMES\n    }\n  }\n}\n",
            "Invalid generated column type", "schema.hcl:8:14"},
        DecodeErrorCase{"TopLevelAttribute", "x = 1\n", "Unsupported attribute", "schema.hcl:1:1"}),
    [](const ::testing::TestParamInfo<DecodeErrorCase>& param_info) {
      return param_info.param.name;
    });

}  // namespace
}  // namespace atlas::engine::spec
