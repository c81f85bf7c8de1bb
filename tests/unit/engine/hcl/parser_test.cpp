#include "engine/hcl/parser.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace atlas::engine::hcl {
namespace {

std::string Expr(const std::string& src) {
  auto r = ParseExpression(src, "expr.hcl");
  if (!r.ok()) {
    return "ERROR " + r.ErrorString();
  }
  return DebugString(*r);
}

std::string BodyDump(const std::string& src) {
  auto r = Parse(src, "test.hcl");
  if (!r.ok()) {
    return "ERROR " + r.ErrorString();
  }
  return DebugString(r->body);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(HclParserTest, Literals) {
  EXPECT_EQ(Expr("null"), "null");
  EXPECT_EQ(Expr("true"), "true");
  EXPECT_EQ(Expr("false"), "false");
  EXPECT_EQ(Expr("42"), "(num 42)");
  EXPECT_EQ(Expr("1.50"), "(num 1.50)");
  EXPECT_EQ(Expr("1e10"), "(num 1e10)");
  EXPECT_EQ(Expr("2.5E-3"), "(num 2.5E-3)");
  EXPECT_EQ(Expr("-1"), "(- (num 1))");
  EXPECT_EQ(Expr("!true"), "(! true)");
}

TEST(HclParserTest, StringEscapes) {
  EXPECT_EQ(Expr(R"("a\nb\tc\"d\\e")"), R"((str "a\nb\tc\"d\\e"))");
  EXPECT_EQ(Expr(R"("\u00e9\U0001F600")"), "(str \"\xC3\xA9\xF0\x9F\x98\x80\")");
  EXPECT_EQ(Expr(R"("$${x} %%{y} $ % {")"), R"((str "${x} %{y} $ % {"))");
  EXPECT_EQ(Expr(R"("")"), "(str)");
  EXPECT_EQ(Expr(R"("it's")"), R"((str "it's"))");
}

TEST(HclParserTest, StringInterpolation) {
  EXPECT_EQ(Expr(R"("${var.tenant}_users")"), R"((str ${(trav var.tenant)} "_users"))");
  EXPECT_EQ(Expr(R"("a ${ 1 + 2 } b")"), R"((str "a " ${(+ (num 1) (num 2))} " b"))");
  EXPECT_EQ(Expr(R"("a ${~ "x" ~} b")"), R"((str "a" ${(str "x")} "b"))");
  EXPECT_EQ(Expr(R"("${"nested ${x}"}")"), R"((str ${(str "nested " ${(trav x)})}))");
}

TEST(HclParserTest, Heredocs) {
  EXPECT_EQ(Expr("<<EOT\n  hello\n    world\nEOT\n"), R"((heredoc EOT "  hello\n    world\n"))");
  EXPECT_EQ(Expr("<<-SQL\n    SELECT 1\n      FROM t\n\n    WHERE x\n    SQL"),
            R"((heredoc- SQL "SELECT 1\n  FROM t\n\nWHERE x\n"))");
  // Backslashes are literal in heredocs; template escapes still apply.
  EXPECT_EQ(Expr("<<EOT\na\\nb $${x} ${y}\nEOT"),
            R"((heredoc EOT "a\\nb ${x} " ${(trav y)} "\n"))");
  // Whitespace-only lines do not count towards the common indentation and keep their spaces.
  EXPECT_EQ(Expr("<<-X\n    a\n  \n    b\n  X"), R"((heredoc- X "a\n  \nb\n"))");
  // A line starting with an interpolation prevents stripping.
  EXPECT_EQ(Expr("<<-X\n  a\n${b}\n  X"), R"((heredoc- X "  a\n" ${(trav b)} "\n"))");
  EXPECT_EQ(Expr("<<EOT\nEOT"), "(heredoc EOT)");
  EXPECT_EQ(Expr("<<EOT\r\nline\r\nEOT\r\n"), R"((heredoc EOT "line\n"))");
}

TEST(HclParserTest, TuplesAndObjects) {
  EXPECT_EQ(Expr("[]"), "(tuple)");
  EXPECT_EQ(Expr("[1, \"a\", true,]"), R"((tuple (num 1) (str "a") true))");
  EXPECT_EQ(Expr("[\n  column.a,\n  column.b,\n]"), "(tuple (trav column.a) (trav column.b))");
  EXPECT_EQ(Expr("{}"), "(object)");
  EXPECT_EQ(Expr("{ a = 1, b: \"x\" }"), R"((object (a = (num 1)) (b = (str "x"))))");
  EXPECT_EQ(
      Expr("{\n  a = 1\n  \"b c\" = [2]\n  (k) = 3,\n}"),
      R"((object (a = (num 1)) ((str "b c") = (tuple (num 2))) ((parens (trav k)) = (num 3))))");
}

TEST(HclParserTest, TraversalsAndCalls) {
  EXPECT_EQ(Expr("column.id"), "(trav column.id)");
  EXPECT_EQ(Expr("table.users.column.id"), "(trav table.users.column.id)");
  EXPECT_EQ(Expr("table.public.users.column.id"), "(trav table.public.users.column.id)");
  EXPECT_EQ(Expr("schema.public"), "(trav schema.public)");
  EXPECT_EQ(Expr("var.x"), "(trav var.x)");
  EXPECT_EQ(Expr("a[0]"), "(trav a[0])");
  EXPECT_EQ(Expr("column[\"my col\"].x"), R"((trav column["my col"].x))");
  EXPECT_EQ(Expr("a.0"), "(trav a[0])");
  EXPECT_EQ(Expr("a[*].b"), "(trav a[*].b)");
  EXPECT_EQ(Expr("a[var.i]"), "(index (trav a) (trav var.i))");
  EXPECT_EQ(Expr("character_varying"), "(trav character_varying)");
  EXPECT_EQ(Expr("sql(\"now()\")"), R"-((call sql (str "now()")))-");
  EXPECT_EQ(Expr("varchar(255)"), "(call varchar (num 255))");
  EXPECT_EQ(Expr("enum(\"a\",\"b\")"), R"((call enum (str "a") (str "b")))");
  EXPECT_EQ(Expr("decimal(10,2)"), "(call decimal (num 10) (num 2))");
  EXPECT_EQ(Expr("f(\n  1,\n  2,\n)"), "(call f (num 1) (num 2))");
  EXPECT_EQ(Expr("concat(xs...)"), "(call concat (trav xs) ...)");
  EXPECT_EQ(Expr("f(x).y[0]"), "(rel (call f (trav x)) .y[0])");
  EXPECT_EQ(Expr("tenant-name"), "(trav tenant-name)");
}

TEST(HclParserTest, OperatorsAndConditionals) {
  EXPECT_EQ(Expr("1 + 2 * 3"), "(+ (num 1) (* (num 2) (num 3)))");
  EXPECT_EQ(Expr("(1 + 2) * 3"), "(* (parens (+ (num 1) (num 2))) (num 3))");
  EXPECT_EQ(Expr("a - b - c"), "(- (- (trav a) (trav b)) (trav c))");
  EXPECT_EQ(Expr("a || b && !c"), "(|| (trav a) (&& (trav b) (! (trav c))))");
  EXPECT_EQ(Expr("a == 1 != b"), "(!= (== (trav a) (num 1)) (trav b))");
  EXPECT_EQ(Expr("a < b == c >= d"), "(== (< (trav a) (trav b)) (>= (trav c) (trav d)))");
  EXPECT_EQ(Expr("x % 2 / 3"), "(/ (% (trav x) (num 2)) (num 3))");
  EXPECT_EQ(Expr("c ? 1 : d ? 2 : 3"), "(? (trav c) (num 1) (? (trav d) (num 2) (num 3)))");
  EXPECT_EQ(Expr("-x.y"), "(- (trav x.y))");
}

TEST(HclParserTest, BodyStructure) {
  const std::string src =
      "a = 1 # comment\n"
      "// another\n"
      "blk \"l1\" l2 {\n"
      "  inner = \"v\"\n"
      "  nested {}\n"
      "  one { x = 1 }\n"
      "}\n"
      "b = [column.id]";
  EXPECT_EQ(BodyDump(src),
            "attr a = (num 1)\n"
            "block blk \"l1\" \"l2\" {\n"
            "  attr inner = (str \"v\")\n"
            "  block nested {\n"
            "  }\n"
            "  block one {\n"
            "    attr x = (num 1)\n"
            "  }\n"
            "}\n"
            "attr b = (tuple (trav column.id))\n");
}

TEST(HclParserTest, SourceRanges) {
  const std::string src =
      "table \"users\" {\n  schema = schema.main\n  column \"id\" {\n    type = int\n  }\n}\n";
  auto r = Parse(src, "schema.hcl");
  ASSERT_TRUE(r.ok()) << r.ErrorString();
  const Block& table = r->body.blocks.at(0);
  EXPECT_EQ(table.type_range.ToString(), "schema.hcl:1:1");
  EXPECT_EQ(table.label_ranges.at(0).ToString(), "schema.hcl:1:7");
  EXPECT_EQ(table.label_ranges.at(0).end.column, 14);
  EXPECT_EQ(table.open_brace_range.ToString(), "schema.hcl:1:15");
  EXPECT_EQ(table.range.end.line, 6);
  EXPECT_EQ(table.range.end.column, 2);
  const Attribute& schema = table.body.attributes.at(0);
  EXPECT_EQ(schema.name_range.ToString(), "schema.hcl:2:3");
  EXPECT_EQ(schema.expr.range.ToString(), "schema.hcl:2:12");
  EXPECT_EQ(schema.expr.range.end.column, 23);
  EXPECT_EQ(schema.expr.steps.at(0).range.ToString(), "schema.hcl:2:18");
  const Block& column = table.body.blocks.at(0);
  EXPECT_EQ(column.order, 1);
  EXPECT_EQ(column.body.attributes.at(0).expr.range.ToString(), "schema.hcl:4:12");
  EXPECT_EQ(column.body.attributes.at(0).expr.range.start.byte, 66);
}

TEST(HclParserTest, HeredocAttributeInBody) {
  const std::string src =
      "view \"v\" {\n"
      "  as = <<-SQL\n"
      "    SELECT 1\n"
      "  SQL\n"
      "  depends_on = [table.t]\n"
      "}\n";
  EXPECT_EQ(BodyDump(src),
            "block view \"v\" {\n"
            "  attr as = (heredoc- SQL \"SELECT 1\\n\")\n"
            "  attr depends_on = (tuple (trav table.t))\n"
            "}\n");
}

TEST(HclParserTest, CrlfAndEmptyInput) {
  EXPECT_EQ(BodyDump(""), "");
  EXPECT_EQ(BodyDump("\n\n# only a comment\n"), "");
  EXPECT_EQ(BodyDump("a = 1\r\nb {\r\n  c = \"x\"\r\n}\r\n"),
            "attr a = (num 1)\nblock b {\n  attr c = (str \"x\")\n}\n");
}

TEST(HclParserTest, LiteralHelpers) {
  auto r = ParseExpression("\"abc\"", "x");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->IsLiteralString());
  EXPECT_EQ(r->LiteralString(), "abc");
  auto t = ParseExpression("table.users.column.id", "x");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t->AttrPath(), (std::vector<std::string>{"table", "users", "column", "id"}));
  auto i = ParseExpression("a[0]", "x");
  ASSERT_TRUE(i.ok());
  EXPECT_FALSE(i->AttrPath().has_value());
}

// Each fixture's dump is compared with testdata/<name>.golden; ATLAS_UPDATE_GOLDEN=1 rewrites them.
class HclParserGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(HclParserGoldenTest, MatchesGolden) {
  const std::string dir = std::string(ATLAS_SOURCE_DIR) + "/tests/unit/engine/hcl/testdata/";
  const std::string src = ReadFile(dir + GetParam() + ".hcl");
  ASSERT_FALSE(src.empty());
  auto r = Parse(src, GetParam() + ".hcl");
  ASSERT_TRUE(r.ok()) << r.ErrorString();
  const std::string got = DebugString(r->body);
  const std::string golden_path = dir + GetParam() + ".golden";
  if (std::getenv("ATLAS_UPDATE_GOLDEN") !=
      nullptr) {  // NOLINT(concurrency-mt-unsafe): test setup only
    std::ofstream(golden_path, std::ios::binary) << got;
  }
  EXPECT_EQ(got, ReadFile(golden_path));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, HclParserGoldenTest,
                         ::testing::Values("1_sqlite_inspected", "2_postgres_doc", "3_variables"));

}  // namespace
}  // namespace atlas::engine::hcl
