#include <string>

#include <gtest/gtest.h>

#include "engine/spec/literal.hpp"
#include "engine/spec/sqlite.hpp"
#include "engine/spec/trigger_sql.hpp"

namespace atlas::engine::spec {
namespace {

TEST(SqliteTypesTest, NormalizesDeclaredTypesLikeAtlas) {
  const char* cases[][3] = {
      // declared, normalized, printed
      {"INTEGER", "integer", "integer"},
      {"int(11)", "int", "int"},
      {"UNSIGNED BIG INT", "unsigned big int", "unsigned_big_int"},
      {"VARCHAR(255)", "varchar(255)", "varchar(255)"},
      {"varchar", "varchar", "varchar"},
      {"VARYING CHARACTER(30)", "varying character(30)", "varying_character(30)"},
      {"Double Precision", "double precision", "double_precision"},
      {"FLOAT(10)", "float", "float"},
      {"DECIMAL(10,2)", "decimal(10,2)", "decimal(10,2)"},
      {"decimal(10, 0)", "decimal(10)", "decimal(10)"},
      {"NUMERIC", "numeric", "numeric"},
      {"TEXT(5)", "text(5)", "text(5)"},
      {"CHAR(36)", "char(36)", "sql(\"char\")"},
      {"TIMESTAMP", "timestamp", "sql(\"timestamp\")"},
      {"time", "time", "sql(\"time\")"},
      {"DATETIME", "datetime", "datetime"},
      {"BOOLEAN", "boolean", "boolean"},
      {"JSONB", "jsonb", "jsonb"},
      {"", "blob", "blob"},
      {"USER_DEFINED", "USER_DEFINED", "sql(\"USER_DEFINED\")"},
      {"character varying(10)", "character varying(10)", "sql(\"character varying(10)\")"},
      {"varchar(x)", "varchar(x)", "sql(\"varchar(x)\")"},
  };
  SqliteDialect d;
  for (const auto& c : cases) {
    const schema::ColumnType ct = SqliteColumnType(c[0]);
    EXPECT_EQ(ct.raw, c[0]);
    EXPECT_EQ(ct.normalized, c[1]) << c[0];
    EXPECT_EQ(d.PrintType(ct), c[2]) << c[0];
    schema::ColumnType raw_only;
    raw_only.raw = c[0];
    EXPECT_EQ(d.PrintType(raw_only), c[2]) << "raw only: " << c[0];
  }
}

TEST(SqliteTypesTest, DecodesHclTypes) {
  SqliteDialect d;
  auto decode = [&](TypeExpr::Kind kind, std::string name, std::vector<TypeArg> args = {}) {
    TypeExpr t;
    t.kind = kind;
    t.name = std::move(name);
    t.args = std::move(args);
    auto r = d.DecodeType(t);
    return r.ok() ? r->raw + " | " + r->normalized : "ERROR " + r.diags().items().at(0).detail;
  };
  using K = TypeExpr::Kind;
  EXPECT_EQ(decode(K::kName, "integer"), "integer | integer");
  EXPECT_EQ(decode(K::kName, "double_precision"), "double precision | double precision");
  EXPECT_EQ(decode(K::kCall, "varchar", {{false, "255"}}), "varchar(255) | varchar(255)");
  EXPECT_EQ(decode(K::kCall, "decimal", {{false, "10"}, {false, "2"}}),
            "decimal(10,2) | decimal(10,2)");
  EXPECT_EQ(decode(K::kCall, "bool", {{false, "1"}}),
            "ERROR Type \"bool\" accepts 0 argument(s), got 1.");
  EXPECT_EQ(decode(K::kRaw, "Money"), "Money | Money");
  EXPECT_EQ(decode(K::kName, "timestamp"), "timestamp | timestamp");
  EXPECT_TRUE(d.IsTextType(SqliteColumnType("NVARCHAR(3)")));
  EXPECT_FALSE(d.IsTextType(SqliteColumnType("INTEGER")));
  EXPECT_TRUE(d.Supports(Feature::kWithoutRowid));
  EXPECT_FALSE(d.Supports(Feature::kEnums));
}

TEST(SpecLiteralTest, Numbers) {
  EXPECT_EQ(NormalizeNumber("007"), "7");
  EXPECT_EQ(NormalizeNumber("-0"), "0");
  EXPECT_EQ(NormalizeNumber("1.0"), "1");
  EXPECT_EQ(NormalizeNumber("1e3"), "1000");
  EXPECT_EQ(NormalizeNumber("1.50"), "1.5");
  EXPECT_EQ(NormalizeNumber("-2.25"), "-2.25");
  EXPECT_EQ(NormalizeNumber("123456789012345678901234"), "123456789012345678901234");
  EXPECT_EQ(FormatFloatShortest(0.1), "0.1");
  EXPECT_EQ(FormatFloatShortest(1e21), "1000000000000000000000");
  EXPECT_EQ(FormatFloatShortest(1.5e-7), "0.00000015");
  EXPECT_EQ(FormatFloatShortest(-3.0), "-3");
}

TEST(SpecLiteralTest, DefaultsToHcl) {
  using K = schema::Expr::Kind;
  auto show = [](K k, std::string text, bool text_like = false) {
    return DefaultToHcl(schema::Expr{k, std::move(text)}, text_like).text();
  };
  EXPECT_EQ(show(K::kRaw, "now()"), "sql(\"now()\")");
  EXPECT_EQ(show(K::kLiteral, "'a''b'"), "\"a'b\"");
  EXPECT_EQ(show(K::kLiteral, "\"x\\\"y\""), "\"x\\\"y\"");
  EXPECT_EQ(show(K::kLiteral, "False"), "false");
  EXPECT_EQ(show(K::kLiteral, "42"), "42");
  EXPECT_EQ(show(K::kLiteral, "42", true), "\"42\"");
  EXPECT_EQ(show(K::kLiteral, "+042"), "42");
  EXPECT_EQ(show(K::kLiteral, "2.50"), "2.5");
  EXPECT_EQ(show(K::kLiteral, "0x1F"), "sql(\"0x1F\")");
  EXPECT_EQ(show(K::kLiteral, "X'AB'"), "sql(\"X'AB'\")");
  EXPECT_EQ(show(K::kLiteral, "abc"), "\"abc\"");
  EXPECT_EQ(show(K::kLiteral, "${x}"), "\"$${x}\"");
  EXPECT_EQ(SqlQuote("it's"), "'it''s'");
}

TEST(TriggerSqlTest, ParsesSqliteStatements) {
  auto p = ParseTriggerStatement(
      "create temp trigger if not exists main.\"my trg\" instead of update of a, \"b c\" on [t] "
      "for each row when (new.a > 0 and new.b < (select 1)) begin select 1; end;");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->name, "my trg");
  EXPECT_EQ(p->timing, "INSTEAD OF");
  EXPECT_EQ(p->event, "UPDATE");
  EXPECT_EQ(p->update_of, (std::vector<std::string>{"a", "b c"}));
  EXPECT_EQ(p->table, "t");
  EXPECT_TRUE(p->for_each_row);
  EXPECT_EQ(p->when, "(new.a > 0 and new.b < (select 1))");
  EXPECT_EQ(p->body, "begin select 1; end");
  EXPECT_EQ(
      BuildTriggerStatement(*p),
      "CREATE TRIGGER \"my trg\" INSTEAD OF UPDATE OF \"a\", \"b c\" ON \"t\" FOR EACH ROW WHEN "
      "(new.a > 0 and new.b < (select 1)) begin select 1; end");
  auto q = ParseTriggerStatement("CREATE TRIGGER t1 DELETE ON x BEGIN DELETE FROM y; END");
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->timing, "");
  EXPECT_EQ(q->event, "DELETE");
  EXPECT_FALSE(q->for_each_row);
  EXPECT_FALSE(ParseTriggerStatement("CREATE TABLE t (a)").has_value());
  EXPECT_FALSE(ParseTriggerStatement("CREATE TRIGGER t1 AFTER INSERT ON x").has_value());
  EXPECT_FALSE(
      ParseTriggerStatement("CREATE TRIGGER t1 AFTER TRUNCATE ON x BEGIN END").has_value());
}

}  // namespace
}  // namespace atlas::engine::spec
