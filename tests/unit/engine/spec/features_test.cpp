// The dialect-gated attributes and blocks (PostgreSQL / MySQL extras) decode into the model and
// print back, using a test dialect that enables every Feature.

#include <string>

#include <gtest/gtest.h>

#include "engine/spec/decode.hpp"
#include "engine/spec/print.hpp"

namespace atlas::engine::spec {
namespace {

class AllFeaturesDialect final : public Dialect {
 public:
  AllFeaturesDialect()
      : registry_({{"int", "int", 1},
                   {"bigint", "bigint", 1},
                   {"varchar", "varchar", 1},
                   {"character_varying", "character varying", 1},
                   {"timestamp", "timestamp", 1}}) {}

  std::string_view Name() const override { return "test"; }

  base::Result<schema::ColumnType> DecodeType(const TypeExpr& type) const override {
    schema::ColumnType ct;
    if (type.kind == TypeExpr::Kind::kRef) {
      if (type.ref.size() != 3 || type.ref[0] != "enum") {
        return base::Error("Invalid column type", "Only enum references are supported.");
      }
      ct.enum_schema = type.ref[1];
      ct.enum_ref = type.ref[2];
      ct.raw = ct.normalized = type.ref[2];
      return ct;
    }
    if (type.kind == TypeExpr::Kind::kRaw) {
      ct.raw = ct.normalized = type.name;
      return ct;
    }
    auto sql = registry_.SqlSpelling(type);
    if (!sql.ok()) {
      return std::move(sql).diags();
    }
    ct.raw = ct.normalized = *sql;
    return ct;
  }

  std::string PrintType(const schema::ColumnType& type) const override {
    if (!type.enum_ref.empty()) {
      return "enum." + type.enum_ref;
    }
    const std::string& n = type.normalized;
    const size_t paren = n.find('(');
    const TypeSpec* spec = registry_.FindSql(n.substr(0, paren));
    if (spec == nullptr) {
      return "sql(\"" + n + "\")";
    }
    return spec->hcl_name + (paren == std::string::npos ? "" : n.substr(paren));
  }

  bool IsTextType(const schema::ColumnType& type) const override {
    return type.normalized.rfind("varchar", 0) == 0 ||
           type.normalized.rfind("character varying", 0) == 0;
  }

  bool Supports(Feature) const override { return true; }

 private:
  TypeRegistry registry_;
};

const char* const kPrinted = R"hcl(table "users" {
  schema         = schema.public
  comment        = "people"
  charset        = "utf8mb4"
  collate        = "utf8mb4_bin"
  engine         = InnoDB
  auto_increment = 100
  column "id" {
    null = false
    type = bigint
    identity {
      generated = ALWAYS
      start     = 10
    }
  }
  column "name" {
    null    = true
    type    = character_varying(255)
    default = "x"
    comment = "display name"
    charset = "latin1"
    collate = "latin1_bin"
  }
  column "n" {
    null     = false
    type     = int
    unsigned = true
  }
  column "updated" {
    null      = false
    type      = timestamp
    default   = sql("CURRENT_TIMESTAMP")
    on_update = sql("CURRENT_TIMESTAMP")
  }
  column "st" {
    null    = false
    type    = enum.status
    default = "active"
  }
  primary_key {
    columns = [column.id]
  }
  index "users_name" {
    unique         = true
    comment        = "by name"
    type           = BTREE
    include        = [column.n]
    nulls_distinct = false
    on {
      column  = column.name
      collate = "C"
      prefix  = 10
      ops     = text_pattern_ops
    }
  }
  check "n_positive" {
    expr       = "n > 0"
    no_inherit = true
  }
}
view "v" {
  schema = schema.public
  column "id" {
    null = true
    type = bigint
  }
  as           = "SELECT id FROM users"
  check_option = CASCADED
  depends_on   = [table.users]
}
materialized "mv" {
  schema = schema.public
  column "n" {
    null = false
    type = int
  }
  as         = "SELECT n FROM users"
  depends_on = [table.users, view.v]
  index "mv_n" {
    columns = [column.n]
  }
}
enum "status" {
  schema  = schema.public
  values  = ["active", "closed"]
  comment = "lifecycle"
}
schema "public" {
  comment = "main schema"
  charset = "utf8mb4"
  collate = "utf8mb4_bin"
}
)hcl";

TEST(SpecFeaturesTest, DecodesAndPrintsEveryFeature) {
  AllFeaturesDialect dialect;
  auto realm = Decode(kPrinted, "all.hcl", dialect);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  const schema::Schema& s = realm->schemas.at(0);
  ASSERT_EQ(s.enums.size(), 1U);
  EXPECT_EQ(s.enums[0].values, (std::vector<std::string>{"active", "closed"}));
  const schema::Table& t = s.tables.at(0);
  EXPECT_EQ(t.options.engine, "InnoDB");
  EXPECT_EQ(t.options.auto_increment, 100);
  ASSERT_TRUE(t.columns[0].identity.has_value());
  EXPECT_EQ(t.columns[0].identity->generation, schema::Identity::Generation::kAlways);
  EXPECT_EQ(t.columns[0].identity->start, 10);
  EXPECT_EQ(t.columns[1].charset, "latin1");
  EXPECT_TRUE(t.columns[2].type.is_unsigned);
  EXPECT_EQ(t.columns[3].on_update, (schema::Expr{schema::Expr::Kind::kRaw, "CURRENT_TIMESTAMP"}));
  EXPECT_EQ(t.columns[4].type.enum_ref, "status");
  EXPECT_EQ(t.columns[4].type.enum_schema, "public");
  const schema::Index& idx = t.indexes.at(0);
  EXPECT_EQ(idx.type, "BTREE");
  EXPECT_EQ(idx.include, (std::vector<std::string>{"n"}));
  EXPECT_TRUE(idx.nulls_not_distinct);
  EXPECT_EQ(idx.parts.at(0).prefix, 10);
  EXPECT_EQ(idx.parts.at(0).opclass, "text_pattern_ops");
  EXPECT_TRUE(t.checks.at(0).no_inherit);
  ASSERT_EQ(s.views.size(), 2U);
  EXPECT_EQ(s.views[0].check_option, "CASCADED");
  EXPECT_TRUE(s.views[1].materialized);
  EXPECT_EQ(s.views[1].depends_on, (std::vector<std::string>{"public.users", "public.v"}));
  EXPECT_EQ(Print(*realm, dialect), kPrinted);
}

TEST(SpecFeaturesTest, UnknownEnumIsAnError) {
  AllFeaturesDialect dialect;
  auto realm = Decode(
      "schema \"s\" {}\ntable \"t\" {\n  schema = schema.s\n  column \"c\" {\n    type = "
      "enum.nope\n  }\n}\n",
      "e.hcl", dialect);
  ASSERT_FALSE(realm.ok());
  EXPECT_EQ(realm.diags().items().at(0).summary, "Unknown enum");
  EXPECT_EQ(realm.diags().items().at(0).source->ToString(), "e.hcl:5:12");
}

}  // namespace
}  // namespace atlas::engine::spec
