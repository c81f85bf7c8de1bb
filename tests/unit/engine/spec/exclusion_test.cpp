// PostgreSQL exclusion constraints in Atlas HCL: `exclude "name" { type on { column|expr op } ...
// }` decodes into schema::Exclusion, prints back normalized, and bad input is reported at its
// file:line:col.

#include <string>

#include <gtest/gtest.h>

#include "engine/spec/decode.hpp"
#include "engine/spec/postgres.hpp"
#include "engine/spec/print.hpp"
#include "engine/spec/sqlite.hpp"

namespace atlas::engine::spec {
namespace {

// Written loosely: lower-case method, attributes in any order, defaults spelled out.
const char* const kWritten = R"hcl(
schema "public" {}
table "bookings" {
  schema = schema.public
  column "room" { type = integer }
  column "note" { type = text }
  column "starts" { type = timestamp }
  column "ends" { type = timestamp }
  exclude "no_overlap" {
    on {
      op     = " = "
      column = column.room
    }
    on {
      expr = "tsrange(starts, ends)"
      op   = "&&"
    }
  }
  exclude "by_note" {
    comment            = "one note"
    initially_deferred = true
    where              = "room > 0"
    include            = [column.room]
    type               = "btree"
    on {
      column      = column.note
      desc        = true
      nulls_last  = true
      ops         = text_pattern_ops
      collate     = "C"
      op          = "="
    }
  }
}
)hcl";

const char* const kPrinted = R"hcl(table "bookings" {
  schema = schema.public
  column "room" {
    null = false
    type = integer
  }
  column "note" {
    null = false
    type = text
  }
  column "starts" {
    null = false
    type = timestamp
  }
  column "ends" {
    null = false
    type = timestamp
  }
  exclude "by_note" {
    type               = BTREE
    include            = [column.room]
    where              = "room > 0"
    deferrable         = true
    initially_deferred = true
    comment            = "one note"
    on {
      desc       = true
      column     = column.note
      collate    = "C"
      ops        = text_pattern_ops
      nulls_last = true
      op         = "="
    }
  }
  exclude "no_overlap" {
    type = GIST
    on {
      column = column.room
      op     = "="
    }
    on {
      expr = "tsrange(starts, ends)"
      op   = "&&"
    }
  }
}
schema "public" {
}
)hcl";

TEST(SpecExclusionTest, DecodesAndPrintsNormalized) {
  PostgresDialect dialect;
  auto realm = Decode(kWritten, "schema.hcl", dialect);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  const schema::Table& t = realm->schemas.at(0).tables.at(0);
  ASSERT_EQ(t.exclusions.size(), 2U);
  const schema::Exclusion& overlap = t.exclusions[0];
  EXPECT_EQ(overlap.name, "no_overlap");
  EXPECT_EQ(overlap.type, "GIST");
  ASSERT_EQ(overlap.elements.size(), 2U);
  EXPECT_EQ(overlap.elements[0].part.column, "room");
  EXPECT_EQ(overlap.elements[0].op, "=");
  EXPECT_EQ(overlap.elements[1].part.expr, "tsrange(starts, ends)");
  EXPECT_EQ(overlap.elements[1].op, "&&");
  EXPECT_FALSE(overlap.deferrable);
  const schema::Exclusion& note = t.exclusions[1];
  EXPECT_EQ(note.type, "BTREE");
  EXPECT_EQ(note.include, (std::vector<std::string>{"room"}));
  EXPECT_EQ(note.where, "room > 0");
  EXPECT_TRUE(note.deferrable);  // implied by initially_deferred, as in PostgreSQL
  EXPECT_TRUE(note.initially_deferred);
  EXPECT_EQ(note.comment, "one note");
  const schema::IndexPart& p = note.elements.at(0).part;
  EXPECT_TRUE(p.desc);
  EXPECT_EQ(p.nulls_first, false);
  EXPECT_EQ(p.opclass, "text_pattern_ops");
  EXPECT_EQ(p.collation, "C");

  const std::string printed = Print(*realm, dialect);
  EXPECT_EQ(printed, kPrinted);
  auto again = Decode(printed, "printed.hcl", dialect);
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  // Printed in name order.
  EXPECT_EQ(again->schemas.at(0).tables.at(0).exclusions,
            (std::vector<schema::Exclusion>{note, overlap}));
  EXPECT_EQ(Print(*again, dialect), printed);
}

TEST(SpecExclusionTest, NullsAtTheDirectionsDefaultAreNotPrinted) {
  PostgresDialect dialect;
  auto realm = Decode(R"hcl(
schema "public" {}
table "t" {
  schema = schema.public
  column "a" { type = integer }
  exclude "t_a" {
    type = BTREE
    on {
      column     = column.a
      nulls_last = true
      op         = "="
    }
  }
}
)hcl",
                      "schema.hcl", dialect);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  const std::string printed = Print(*realm, dialect);
  EXPECT_NE(printed.find("    on {\n      column = column.a\n      op     = \"=\"\n    }\n"),
            std::string::npos)
      << printed;
}

TEST(SpecExclusionTest, OtherDialectsRejectTheBlock) {
  SqliteDialect dialect;
  auto realm = Decode(
      "schema \"main\" {}\ntable \"t\" {\n  schema = schema.main\n  column \"a\" { type = int }\n"
      "  exclude \"x\" {\n    on {\n      column = column.a\n      op = \"=\"\n    }\n  }\n}\n",
      "schema.hcl", dialect);
  ASSERT_FALSE(realm.ok());
  EXPECT_EQ(realm.diags().items().at(0).summary, "Unsupported block type");
  EXPECT_EQ(realm.diags().items().at(0).source->ToString(), "schema.hcl:5:3");
}

struct ExclusionErrorCase {
  std::string name;
  std::string body;  // inside table "t" (columns a int, b text), from line 6
  std::string summary;
  std::string position;
};

void PrintTo(const ExclusionErrorCase& c, std::ostream* os) {
  *os << c.name;
}

class SpecExclusionErrorTest : public ::testing::TestWithParam<ExclusionErrorCase> {};

TEST_P(SpecExclusionErrorTest, ReportsPosition) {
  const auto& c = GetParam();
  const std::string source =
      "schema \"public\" {}\n"               // 1
      "table \"t\" {\n"                      // 2
      "  schema = schema.public\n"           // 3
      "  column \"a\" { type = integer }\n"  // 4
      "  column \"b\" { type = text }\n" +   // 5
      c.body +
      "}\n";
  PostgresDialect dialect;
  auto r = Decode(source, "schema.hcl", dialect);
  ASSERT_FALSE(r.ok()) << "decoded without error";
  const auto& d = r.diags().items().at(0);
  EXPECT_EQ(d.summary, c.summary) << d.ToString();
  ASSERT_TRUE(d.source.has_value()) << d.ToString();
  EXPECT_EQ(d.source->ToString(), c.position) << d.ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SpecExclusionErrorTest,
    ::testing::Values(
        ExclusionErrorCase{"MissingName",
                           "  exclude {\n    on {\n      column = column.a\n"
                           "      op = \"=\"\n    }\n  }\n",
                           "Missing block label", "schema.hcl:6:3"},
        ExclusionErrorCase{"NoElements", "  exclude \"x\" {\n    type = GIST\n  }\n",
                           "Missing exclusion elements", "schema.hcl:6:3"},
        ExclusionErrorCase{"MissingOperator",
                           "  exclude \"x\" {\n    on {\n      column = column.a\n    }\n  }\n",
                           "Missing exclusion operator", "schema.hcl:7:5"},
        ExclusionErrorCase{"EmptyOperator",
                           "  exclude \"x\" {\n    on {\n      column = column.a\n"
                           "      op = \" \"\n    }\n  }\n",
                           "Missing exclusion operator", "schema.hcl:9:12"},
        ExclusionErrorCase{"OperatorNotAString",
                           "  exclude \"x\" {\n    on {\n      column = column.a\n"
                           "      op = 1\n    }\n  }\n",
                           "Invalid attribute value", "schema.hcl:9:12"},
        ExclusionErrorCase{"ColumnAndExpr",
                           "  exclude \"x\" {\n    on {\n      column = column.a\n"
                           "      expr = \"a + 1\"\n      op = \"=\"\n    }\n  }\n",
                           "Invalid index part", "schema.hcl:7:5"},
        ExclusionErrorCase{"UnknownColumn",
                           "  exclude \"x\" {\n    on {\n      column = column.zz\n"
                           "      op = \"=\"\n    }\n  }\n",
                           "Unknown column", "schema.hcl:8:16"},
        ExclusionErrorCase{"ColumnsListIsNotAccepted",
                           "  exclude \"x\" {\n    columns = [column.a]\n  }\n",
                           "Unsupported attribute", "schema.hcl:7:5"},
        ExclusionErrorCase{"UnknownOnAttribute",
                           "  exclude \"x\" {\n    on {\n      column = column.a\n"
                           "      prefix = 3\n      op = \"=\"\n    }\n  }\n",
                           "Unsupported attribute", "schema.hcl:9:7"},
        ExclusionErrorCase{"BothNullOrderings",
                           "  exclude \"x\" {\n    on {\n      column = column.a\n"
                           "      nulls_first = true\n      nulls_last = true\n"
                           "      op = \"=\"\n    }\n  }\n",
                           "Conflicting null ordering", "schema.hcl:10:7"},
        ExclusionErrorCase{"InitiallyDeferredNotDeferrable",
                           "  exclude \"x\" {\n    deferrable = false\n"
                           "    initially_deferred = true\n    on {\n      column = column.a\n"
                           "      op = \"=\"\n    }\n  }\n",
                           "Invalid exclusion constraint", "schema.hcl:8:5"},
        ExclusionErrorCase{"DuplicateName",
                           "  index \"x\" {\n    columns = [column.a]\n  }\n"
                           "  exclude \"x\" {\n    on {\n      column = column.a\n"
                           "      op = \"=\"\n    }\n  }\n",
                           "Duplicate exclusion constraint", "schema.hcl:9:11"},
        ExclusionErrorCase{"BadInclude",
                           "  exclude \"x\" {\n    include = \"a\"\n    on {\n"
                           "      column = column.a\n      op = \"=\"\n    }\n  }\n",
                           "Invalid attribute value", "schema.hcl:7:15"}),
    [](const ::testing::TestParamInfo<ExclusionErrorCase>& param) { return param.param.name; });

}  // namespace
}  // namespace atlas::engine::spec
