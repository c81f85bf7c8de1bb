#include "engine/hcl/writer.hpp"

#include <string>

#include <gtest/gtest.h>

#include "engine/hcl/parser.hpp"

namespace atlas::engine::hcl {
namespace {

TEST(HclWriterTest, AtlasInspectShape) {
  OutBody file;
  {
    OutBody& t = file.AddBlock("table", {"users"});
    t.AddAttribute("schema", OutExpr::Raw("schema.main"));
    OutBody& id = t.AddBlock("column", {"id"});
    id.AddAttribute("null", OutExpr::Bool(false));
    id.AddAttribute("type", OutExpr::Raw("integer"));
    id.AddAttribute("auto_increment", OutExpr::Bool(true));
    OutBody& name = t.AddBlock("column", {"name"});
    name.AddAttribute("null", OutExpr::Bool(true));
    name.AddAttribute("type", OutExpr::Raw("varchar(255)"));
    name.AddAttribute("default", OutExpr::String("anonymous"));
    OutBody& pk = t.AddBlock("primary_key");
    pk.AddAttribute("columns", OutExpr::List({OutExpr::Raw("column.id")}));
    OutBody& idx = t.AddBlock("index", {"users_name"});
    idx.AddAttribute("unique", OutExpr::Bool(true));
    idx.AddAttribute("columns",
                     OutExpr::List({OutExpr::Raw("column.name"), OutExpr::Raw("column.id")}));
    OutBody& on = idx.AddBlock("on");
    on.AddAttribute("desc", OutExpr::Bool(true));
    on.AddAttribute("column", OutExpr::Raw("column.id"));
    t.AddAttribute("strict", OutExpr::Bool(true));
    t.AddAttribute("without_rowid", OutExpr::Bool(true));
  }
  file.AddBlock("schema", {"main"});
  EXPECT_EQ(Write(file),
            "table \"users\" {\n"
            "  schema = schema.main\n"
            "  column \"id\" {\n"
            "    null           = false\n"
            "    type           = integer\n"
            "    auto_increment = true\n"
            "  }\n"
            "  column \"name\" {\n"
            "    null    = true\n"
            "    type    = varchar(255)\n"
            "    default = \"anonymous\"\n"
            "  }\n"
            "  primary_key {\n"
            "    columns = [column.id]\n"
            "  }\n"
            "  index \"users_name\" {\n"
            "    unique  = true\n"
            "    columns = [column.name, column.id]\n"
            "    on {\n"
            "      desc   = true\n"
            "      column = column.id\n"
            "    }\n"
            "  }\n"
            "  strict        = true\n"
            "  without_rowid = true\n"
            "}\n"
            "schema \"main\" {\n"
            "}\n");
}

TEST(HclWriterTest, HeredocJoinsTheAlignmentRun) {
  OutBody file;
  OutBody& v = file.AddBlock("view", {"v"});
  v.AddAttribute("schema", OutExpr::Raw("schema.main"));
  OutBody& c = v.AddBlock("column", {"id"});
  c.AddAttribute("null", OutExpr::Bool(true));
  c.AddAttribute("type", OutExpr::Raw("integer"));
  v.AddAttribute("as", OutExpr::Heredoc("SELECT id\r\n  FROM t\n\n  WHERE ${x}\n"));
  v.AddAttribute("depends_on", OutExpr::List({OutExpr::Raw("table.t")}));
  EXPECT_EQ(Write(file),
            "view \"v\" {\n"
            "  schema = schema.main\n"
            "  column \"id\" {\n"
            "    null = true\n"
            "    type = integer\n"
            "  }\n"
            "  as         = <<-SQL\n"
            "  SELECT id\n"
            "    FROM t\n"
            "\n"
            "    WHERE $${x}\n"
            "  SQL\n"
            "  depends_on = [table.t]\n"
            "}\n");
}

TEST(HclWriterTest, SingleLineHeredocIsAQuotedString) {
  EXPECT_EQ(OutExpr::Heredoc("  SELECT 1  \n").text(), "\"SELECT 1\"");
}

TEST(HclWriterTest, BlankLineOption) {
  OutBody file;
  file.AddAttribute("a", OutExpr::Number("1"));
  file.AddBlock("x", {"1"});
  file.AddBlock("y");
  WriteOptions options;
  options.blank_line_between_top_level_blocks = true;
  EXPECT_EQ(Write(file, options), "a = 1\nx \"1\" {\n}\n\ny {\n}\n");
  EXPECT_EQ(Write(OutBody{}), "");
}

TEST(HclWriterTest, StringEscaping) {
  EXPECT_EQ(QuoteString("plain"), "\"plain\"");
  EXPECT_EQ(QuoteString("a\"b\\c\nd\re\tf"), R"("a\"b\\c\nd\re\tf")");
  EXPECT_EQ(QuoteString("${x} %{y} $ % $$"), R"("$${x} %%{y} $ % $$")");
  EXPECT_EQ(QuoteString(std::string("\x01\x7f", 2)), R"("\u0001\u007f")");
  EXPECT_EQ(QuoteString("caf\xC3\xA9 \xF0\x9F\x98\x80"), "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
  EXPECT_EQ(QuoteString("nb\xC2\xA0sp"), R"("nb\u00a0sp")");
  EXPECT_EQ(QuoteString("\xEF\xBB\xBF"), R"("\ufeff")");
  EXPECT_EQ(QuoteString("bad\xFF"), "\"bad\xEF\xBF\xBD\"");
  EXPECT_EQ(QuoteString("label with \"quotes\""), R"("label with \"quotes\"")");
}

TEST(HclWriterTest, EscapedStringsParseBack) {
  const std::string value = std::string("a\"b\\c\nd ${x} %{y} \x01 caf\xC3\xA9", 27);
  auto parsed = ParseExpression(QuoteString(value), "rt");
  ASSERT_TRUE(parsed.ok()) << parsed.ErrorString();
  ASSERT_TRUE(parsed->IsLiteralString());
  EXPECT_EQ(parsed->LiteralString(), value);
}

TEST(HclWriterTest, ExprConstructors) {
  EXPECT_EQ(OutExpr::Call("sql", {OutExpr::String("now()")}).text(), "sql(\"now()\")");
  EXPECT_EQ(OutExpr::List({}).text(), "[]");
  EXPECT_EQ(OutExpr::Null().text(), "null");
  EXPECT_EQ(OutExpr::Number("-1.5").text(), "-1.5");
  EXPECT_TRUE(IsIdentifier("users"));
  EXPECT_TRUE(IsIdentifier("my-table_2"));
  EXPECT_FALSE(IsIdentifier("2x"));
  EXPECT_FALSE(IsIdentifier("my table"));
  EXPECT_FALSE(IsIdentifier(""));
}

TEST(HclWriterTest, RenderExpression) {
  const char* cases[][2] = {
      {"varchar( 255 )", "varchar(255)"},
      {"[ column.a ,column.b, ]", "[column.a, column.b]"},
      {"{a=1,\"b\":2}", "{ a = 1, \"b\" = 2 }"},
      {"- x", "-x"},
      {"a+b*c", "a + b * c"},
      {"c?1:2", "c ? 1 : 2"},
      {"(x)", "(x)"},
      {"t[\"k\"][0].v", "t[\"k\"][0].v"},
      {"\"a${b}$${c}\\n\"", "\"a${b}$${c}\\n\""},
      {"<<EOT\nx\nEOT", "\"x\\n\""},
      {"f(xs...)", "f(xs...)"},
      {"a[b]", "a[b]"},
  };
  for (const auto& c : cases) {
    auto e = ParseExpression(c[0], "x");
    ASSERT_TRUE(e.ok()) << c[0] << ": " << e.ErrorString();
    EXPECT_EQ(RenderExpression(*e), c[1]) << c[0];
  }
}

}  // namespace
}  // namespace atlas::engine::hcl
