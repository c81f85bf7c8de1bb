// PostgreSQL HCL for what an inspected database has and plain Atlas HCL lacked (issue #4 round
// trip): unique constraints (`unique "name" {}`), NULLS FIRST/LAST index parts, deferrable foreign
// keys, named primary keys and enum arrays (`sql("other.mood[]")`) decode into the model and print
// back unchanged; contradictory input is reported at its position.

#include <string>

#include <gtest/gtest.h>

#include "engine/spec/decode.hpp"
#include "engine/spec/postgres.hpp"
#include "engine/spec/print.hpp"

namespace atlas::engine::spec {
namespace {

constexpr const char* kPrinted = R"hcl(table "posts" {
  schema = schema.other
  column "id" {
    null = false
    type = integer
  }
  column "author" {
    null = true
    type = integer
  }
  column "moods" {
    null = true
    type = sql("mood[]")
  }
  column "feelings" {
    null    = true
    type    = sql("public.feeling[]")
    default = "{meh}"
  }
  primary_key "posts_pk" {
    columns = [column.id]
  }
  foreign_key "posts_author_fkey" {
    columns            = [column.author]
    ref_columns        = [table.users.column.id]
    on_update          = NO_ACTION
    on_delete          = CASCADE
    deferrable         = true
    initially_deferred = true
  }
}
table "users" {
  schema = schema.public
  column "id" {
    null = false
    type = integer
  }
  column "email" {
    null = false
    type = text
  }
  column "name" {
    null = true
    type = text
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "users_self" {
    columns     = [column.id]
    ref_columns = [table.users.column.id]
    on_update   = NO_ACTION
    on_delete   = NO_ACTION
    deferrable  = true
  }
  index "users_names" {
    on {
      desc       = true
      column     = column.name
      nulls_last = true
    }
    on {
      column      = column.email
      nulls_first = true
    }
  }
  unique "users_email_key" {
    columns        = [column.email]
    include        = [column.name]
    nulls_distinct = false
  }
}
enum "mood" {
  schema = schema.other
  values = ["sad", "happy"]
}
enum "feeling" {
  schema = schema.public
  values = ["meh"]
}
schema "other" {
}
schema "public" {
  comment = "standard public schema"
}
)hcl";

TEST(PostgresConstraintsSpecTest, DecodesAndPrintsBack) {
  const PostgresDialect dialect;
  auto realm = Decode(kPrinted, "pg.hcl", dialect);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  const schema::Table* posts = realm->FindSchema("other")->FindTable("posts");
  const schema::Table* users = realm->FindSchema("public")->FindTable("users");
  ASSERT_NE(posts, nullptr);
  ASSERT_NE(users, nullptr);

  EXPECT_EQ(posts->primary_key->name, "posts_pk");
  EXPECT_EQ(users->primary_key->name, "");
  EXPECT_TRUE(posts->foreign_keys.at(0).deferrable);
  EXPECT_TRUE(posts->foreign_keys.at(0).initially_deferred);
  EXPECT_TRUE(users->foreign_keys.at(0).deferrable);
  EXPECT_FALSE(users->foreign_keys.at(0).initially_deferred);

  // Enum arrays: unqualified names are in the table's schema.
  const schema::ColumnType& moods = posts->columns.at(2).type;
  EXPECT_EQ(moods.enum_ref, "mood");
  EXPECT_EQ(moods.enum_schema, "other");
  EXPECT_EQ(moods.array_dims, 1);
  const schema::ColumnType& feelings = posts->columns.at(3).type;
  EXPECT_EQ(feelings.enum_ref, "feeling");
  EXPECT_EQ(feelings.enum_schema, "public");
  EXPECT_EQ(feelings.array_dims, 1);

  ASSERT_EQ(users->indexes.size(), 2U);
  const schema::Index& names = users->indexes[0];
  EXPECT_FALSE(names.constraint);
  EXPECT_EQ(names.parts.at(0).nulls_first, false);
  EXPECT_EQ(names.parts.at(1).nulls_first, true);
  const schema::Index& email = users->indexes[1];
  EXPECT_TRUE(email.constraint);
  EXPECT_TRUE(email.unique);
  EXPECT_TRUE(email.nulls_not_distinct);
  EXPECT_EQ(email.include, (std::vector<std::string>{"name"}));

  EXPECT_EQ(Print(*realm, dialect), kPrinted);
}

TEST(PostgresConstraintsSpecTest, DefaultNullOrderingIsNotPrinted) {
  const PostgresDialect dialect;
  auto realm = Decode(R"hcl(schema "public" {}
table "t" {
  schema = schema.public
  column "a" { type = integer }
  index "t_a" {
    on {
      desc        = true
      column      = column.a
      nulls_first = true
    }
  }
}
)hcl",
                      "pg.hcl", dialect);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  const std::string printed = Print(*realm, dialect);
  EXPECT_NE(printed.find("    on {\n      desc   = true\n      column = column.a\n    }\n"),
            std::string::npos)
      << printed;
}

struct BadCase {
  const char* name;
  const char* table_body;
  const char* summary;
  const char* position;
};

class PostgresConstraintsSpecErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(PostgresConstraintsSpecErrorTest, ReportsThePosition) {
  const PostgresDialect dialect;
  const std::string hcl = std::string(
                              "schema \"public\" {}\ntable \"t\" {\n  schema = schema.public\n"
                              "  column \"a\" { type = integer }\n") +
                          GetParam().table_body + "}\n";
  auto realm = Decode(hcl, "bad.hcl", dialect);
  ASSERT_FALSE(realm.ok());
  EXPECT_EQ(realm.diags().items().at(0).summary, GetParam().summary);
  EXPECT_EQ(realm.diags().items().at(0).source->ToString(), GetParam().position);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PostgresConstraintsSpecErrorTest,
    ::testing::Values(
        BadCase{"both_null_orders",
                "  index \"i\" {\n    on {\n      column = column.a\n      nulls_first = true\n"
                "      nulls_last = true\n    }\n  }\n",
                "Conflicting null ordering", "bad.hcl:9:7"},
        BadCase{"initially_deferred_not_deferrable",
                "  foreign_key \"f\" {\n    columns = [column.a]\n    ref_columns = [column.a]\n"
                "    deferrable = false\n    initially_deferred = true\n  }\n",
                "Invalid foreign key", "bad.hcl:9:5"},
        BadCase{"unique_without_label", "  unique {\n    columns = [column.a]\n  }\n",
                "Missing block label", "bad.hcl:5:3"},
        BadCase{"unique_unknown_attribute",
                "  unique \"u\" {\n    columns = [column.a]\n    where = \"a > 0\"\n  }\n",
                "Unsupported attribute", "bad.hcl:7:5"}),
    [](const ::testing::TestParamInfo<BadCase>& case_info) {
      return std::string(case_info.param.name);
    });

}  // namespace
}  // namespace atlas::engine::spec
