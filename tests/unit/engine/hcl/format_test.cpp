// Layout-only formatting (`atlas schema fmt`): comments, blank lines, order and heredocs survive;
// indentation, spacing around "=" and alignment are normalized; formatting is idempotent.
#include "engine/hcl/format.hpp"

#include <gtest/gtest.h>

namespace atlas::engine::hcl {
namespace {

TEST(FormatSourceTest, KeepsCommentsAndNormalizesLayout) {
  const std::string in =
      "# top comment\n"
      "table \"users\" {\n"
      "schema=schema.main # trailing\n"
      "      // inner\n"
      "  column \"id\" {\n"
      "   type = integer\n"
      "      null=false   \n"
      "  }\n"
      "\n"
      "  /* block\n"
      "     comment kept as is */\n"
      "  primary_key { columns = [column.id] }\n"
      "}\n";
  EXPECT_EQ(FormatSource(in),
            "# top comment\n"
            "table \"users\" {\n"
            "  schema = schema.main # trailing\n"
            "  // inner\n"
            "  column \"id\" {\n"
            "    type = integer\n"
            "    null = false\n"
            "  }\n"
            "\n"
            "  /* block\n"
            "     comment kept as is */\n"
            "  primary_key { columns = [column.id] }\n"
            "}\n");
}

TEST(FormatSourceTest, AlignsConsecutiveAttributesOnly) {
  const std::string in =
      "column \"c\" {\n"
      "  type = integer\n"
      "  auto_increment = true\n"
      "\n"
      "  null = false\n"
      "  default = sql(\"x == y\")\n"
      "}\n";
  EXPECT_EQ(FormatSource(in),
            "column \"c\" {\n"
            "  type           = integer\n"
            "  auto_increment = true\n"
            "\n"
            "  null    = false\n"
            "  default = sql(\"x == y\")\n"
            "}\n");
}

TEST(FormatSourceTest, HeredocsStringsAndMultiLineValuesAreKept) {
  const std::string in =
      "view \"v\" {\n"
      "as = <<-SQL\n"
      "    SELECT \"{\" AS brace\n"
      "      FROM t\n"
      "  SQL\n"
      "columns = [\n"
      "column.a,\n"
      "column.b,\n"
      "]\n"
      "comment = \"a { in a string ${var.x} }\"\n"
      "}\n";
  EXPECT_EQ(FormatSource(in),
            "view \"v\" {\n"
            "  as = <<-SQL\n"
            "    SELECT \"{\" AS brace\n"
            "      FROM t\n"
            "  SQL\n"
            "  columns = [\n"
            "    column.a,\n"
            "    column.b,\n"
            "  ]\n"
            "  comment = \"a { in a string ${var.x} }\"\n"
            "}\n");
}

TEST(FormatSourceTest, IsIdempotent) {
  const std::string in = "a=1\nbb = \"x\"\nblock \"l\" {\n  x={ k = 1 }\n}\n";
  const std::string once = FormatSource(in);
  EXPECT_EQ(once, "a  = 1\nbb = \"x\"\nblock \"l\" {\n  x = { k = 1 }\n}\n");
  EXPECT_EQ(FormatSource(once), once);
}

}  // namespace
}  // namespace atlas::engine::hcl
