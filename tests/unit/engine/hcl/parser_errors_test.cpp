#include <string>

#include <gtest/gtest.h>

#include "engine/hcl/parser.hpp"

namespace atlas::engine::hcl {
namespace {

struct ErrorCase {
  std::string name;
  std::string source;
  std::string summary;
  std::string position;  // file:line:col
};

void PrintTo(const ErrorCase& c, std::ostream* os) {
  *os << c.name;
}

class HclParserErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(HclParserErrorTest, ReportsSummaryAndPosition) {
  const ErrorCase& c = GetParam();
  auto r = Parse(c.source, "bad.hcl");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diags().size(), 1U);
  const auto& d = r.diags().items().at(0);
  EXPECT_EQ(d.summary, c.summary);
  ASSERT_TRUE(d.source.has_value());
  EXPECT_EQ(d.source->ToString(), c.position);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HclParserErrorTest,
    ::testing::Values(
        ErrorCase{"UnterminatedString", "table \"users {\n}\n", "Unterminated string literal",
                  "bad.hcl:1:7"},
        ErrorCase{"UnterminatedStringAtEof", "a = \"abc", "Unterminated string literal",
                  "bad.hcl:1:5"},
        ErrorCase{"MissingEquals", "table \"t\" {\n  column \"c\" {\n    type integer\n  }\n}\n",
                  "Missing \"=\" in attribute definition", "bad.hcl:3:10"},
        ErrorCase{"MissingEqualsBeforeString", "a \"x\"\n", "Missing \"=\" in attribute definition",
                  "bad.hcl:1:3"},
        ErrorCase{"UnclosedBlock",
                  "schema \"main\" {\n}\ntable \"t\" {\n  column \"c\" {\n    type = int\n  }\n",
                  "Unclosed block", "bad.hcl:3:11"},
        ErrorCase{"BadEscape", "a = \"x\\qy\"\n", "Invalid escape sequence", "bad.hcl:1:7"},
        ErrorCase{"ShortUnicodeEscape", "a = \"\\u12\"\n", "Invalid escape sequence",
                  "bad.hcl:1:6"},
        ErrorCase{"SurrogateEscape", "a = \"\\ud800\"\n", "Invalid escape sequence", "bad.hcl:1:6"},
        ErrorCase{"UnexpectedTokenInBody", "= 1\n", "Attribute or block definition required",
                  "bad.hcl:1:1"},
        ErrorCase{"UnexpectedClosingBrace", "a = 1\n}\n", "Unexpected closing brace",
                  "bad.hcl:2:1"},
        ErrorCase{"InvalidExpressionStart", "a = ]\n", "Invalid expression", "bad.hcl:1:5"},
        ErrorCase{"MissingExpression", "a =\n", "Invalid expression", "bad.hcl:1:4"},
        ErrorCase{"MissingExpressionAtEof", "a = ", "Missing expression", "bad.hcl:1:5"},
        ErrorCase{"SingleQuotes", "a = 'x'\n", "Invalid character", "bad.hcl:1:5"},
        ErrorCase{"InvalidCharacter", "a = 1\nb = @\n", "Invalid character", "bad.hcl:2:5"},
        ErrorCase{"TwoAttributesOnALine", "a = 1 b = 2\n", "Missing newline after attribute",
                  "bad.hcl:1:7"},
        ErrorCase{"MissingListSeparator", "a = [1 2]\n", "Missing item separator", "bad.hcl:1:8"},
        ErrorCase{"UnclosedList", "a = [1,\n2\n", "Unclosed list", "bad.hcl:1:5"},
        ErrorCase{"MissingArgumentSeparator", "a = f(1 2)\n", "Missing argument separator",
                  "bad.hcl:1:9"},
        ErrorCase{"MissingCloseParen", "a = (1 + 2\nb = 3\n", "Missing close parenthesis",
                  "bad.hcl:2:1"},
        ErrorCase{"ObjectMissingSeparator", "a = { k 1 }\n", "Missing key/value separator",
                  "bad.hcl:1:9"},
        ErrorCase{"UnterminatedHeredoc", "x {\n  a = <<-SQL\n    SELECT 1\n",
                  "Unterminated heredoc", "bad.hcl:2:7"},
        ErrorCase{"HeredocMarkerNotAtLineEnd", "a = <<EOT x\nEOT\n", "Invalid heredoc introducer",
                  "bad.hcl:1:5"},
        ErrorCase{"UnterminatedComment", "a = 1\n/* open\n", "Unterminated comment", "bad.hcl:2:1"},
        ErrorCase{"DuplicateAttribute", "t {\n  a = 1\n  a = 2\n}\n", "Duplicate attribute",
                  "bad.hcl:3:3"},
        ErrorCase{"InterpolatedLabel", "t \"${x}\" {\n}\n", "Invalid block label", "bad.hcl:1:3"},
        ErrorCase{"BlockWithoutBrace", "t \"a\" \"b\" = 1\n", "Missing block opening brace",
                  "bad.hcl:1:11"},
        ErrorCase{"UnclosedInterpolation", "a = \"${x\"\n", "Missing interpolation end",
                  "bad.hcl:1:9"},
        ErrorCase{"TemplateDirective", "a = \"%{if x}y%{endif}\"\n",
                  "Unsupported template directive", "bad.hcl:1:6"},
        ErrorCase{"ForExpression", "a = [for x in y: x]\n", "Unsupported for expression",
                  "bad.hcl:1:6"},
        ErrorCase{"BadTraversal", "a = b.\"c\"\n", "Invalid attribute name", "bad.hcl:1:7"},
        ErrorCase{"MissingConditionalColon", "a = x ? 1 2\n", "Missing \":\" in conditional",
                  "bad.hcl:1:11"},
        ErrorCase{"BlockFollowedByJunk", "t {\n} x\n", "Missing newline after block",
                  "bad.hcl:2:3"}),
    [](const ::testing::TestParamInfo<ErrorCase>& param_info) { return param_info.param.name; });

TEST(HclParserErrorTest, DetailHasCaretExcerpt) {
  auto r = Parse("table \"t\" {\n  column \"c\" {\n    type integer\n  }\n}\n", "schema.hcl");
  ASSERT_FALSE(r.ok());
  const auto& d = r.diags().items().at(0);
  EXPECT_EQ(d.detail,
            "Expected \"=\" after \"type\" to set an attribute, or \"{\" after the labels to open "
            "a block.\n"
            "  3 |     type integer\n"
            "    |          ^");
  EXPECT_EQ(d.ToString(),
            "schema.hcl:3:10: Missing \"=\" in attribute definition: Expected \"=\" after \"type\" "
            "to set an "
            "attribute, or \"{\" after the labels to open a block.\n"
            "  3 |     type integer\n"
            "    |          ^");
}

TEST(HclParserErrorTest, CaretKeepsTabs) {
  auto r = Parse("t {\n\ta = \"\\x\"\n}\n", "tabs.hcl");
  ASSERT_FALSE(r.ok());
  const auto& d = r.diags().items().at(0);
  EXPECT_EQ(d.source->ToString(), "tabs.hcl:2:7");
  EXPECT_EQ(d.detail,
            "The escape \\x is not valid; use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN.\n"
            "  2 | \ta = \"\\x\"\n"
            "    | \t     ^");
}

TEST(HclParserErrorTest, ExpressionErrors) {
  auto r = ParseExpression("varchar(255) x", "type");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items().at(0).summary, "Extra characters after expression");
  EXPECT_EQ(r.diags().items().at(0).source->ToString(), "type:1:14");
}

TEST(HclParserErrorTest, DeepNestingIsAnError) {
  const std::string src = "a = " + std::string(500, '[') + std::string(500, ']') + "\n";
  auto r = Parse(src, "deep.hcl");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items().at(0).summary, "Nesting too deep");
}

// Every prefix of a realistic file either parses or fails with a positioned diagnostic (no crash,
// no hang).
TEST(HclParserErrorTest, EveryPrefixOfAFileIsHandled) {
  const std::string src =
      "table \"t\" {\n  schema = schema.main\n  column \"c\" {\n    type    = varchar(255)\n"
      "    default = sql(\"a${1 + 2}\\n\")\n  }\n  x = { a = [1, -2.5e3], \"b\": c ? d : e }\n"
      "  as = <<-SQL\n    SELECT 1\n  SQL\n}\n";
  ASSERT_TRUE(Parse(src, "full.hcl").ok());
  int errors = 0;
  for (size_t n = 0; n < src.size(); ++n) {
    auto r = Parse(src.substr(0, n), "prefix.hcl");
    if (!r.ok()) {
      ++errors;
      ASSERT_TRUE(r.diags().items().at(0).source.has_value()) << n;
      EXPECT_FALSE(r.diags().items().at(0).summary.empty()) << n;
    }
  }
  EXPECT_GT(errors, 100);
}

}  // namespace
}  // namespace atlas::engine::hcl
