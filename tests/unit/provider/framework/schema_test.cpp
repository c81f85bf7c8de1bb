#include "provider/framework/schema.hpp"

#include <gtest/gtest.h>

#include "tests/unit/provider/framework/test_provider.hpp"

namespace atlas::provider::framework {
namespace {

using tfvalue::Type;

TEST(SchemaTest, ImpliedTypeCoversAttributesAndEveryNestingMode) {
  Block inner;
  inner.Add(Attribute::String("name").Required());
  Block b;
  b.Add(Attribute::String("id").Computed());
  b.Add(Attribute::List("tags", Type::String()).Optional());
  b.Add(NestedBlock::Single("single", inner));
  b.Add(NestedBlock::Group("group", inner));
  b.Add(NestedBlock::List("list", inner));
  b.Add(NestedBlock::Set("set", inner));
  b.Add(NestedBlock::Map("map", inner));
  Schema s{0, b};
  EXPECT_EQ(
      s.ImpliedType().ToJson(),
      R"(["object",{"group":["object",{"name":"string"}],"id":"string",)"
      R"("list":["list",["object",{"name":"string"}]],"map":["map",["object",{"name":"string"}]],)"
      R"("set":["set",["object",{"name":"string"}]],"single":["object",{"name":"string"}],)"
      R"("tags":["list","string"]}])");
}

TEST(SchemaTest, DynamicInsideListOrMapBlockMakesItDynamic) {
  Block inner;
  inner.Add(Attribute::Of("v", Type::Dynamic()).Optional());
  EXPECT_TRUE(NestedBlock::List("l", inner).ImpliedType().IsDynamic());
  EXPECT_TRUE(NestedBlock::Map("m", inner).ImpliedType().IsDynamic());
  EXPECT_TRUE(NestedBlock::Single("s", inner).ImpliedType().IsObject());
}

TEST(SchemaTest, EmptyValueHasNullAttributesAndEmptyBlocks) {
  Schema s = testing::ThingSchema();
  tfvalue::Value v = s.EmptyValue();
  EXPECT_TRUE(v.ConformsTo(s.ImpliedType()));
  EXPECT_TRUE(v.GetAttr("name").IsNull());
  EXPECT_EQ(v.GetAttr("column").Length(), 0u);
  EXPECT_TRUE(v.GetAttr("column").IsKnownNonNull());
  EXPECT_TRUE(v.GetAttr("pk").IsNull());
  Block inner;
  inner.Add(Attribute::String("x").Optional());
  Schema g{0, Block().Add(NestedBlock::Group("g", inner))};
  EXPECT_EQ(g.EmptyValue().ToString(), "{g = {x = null}}");
}

TEST(SchemaTest, AttributeAtPathWalksBlocks) {
  Schema s = testing::ThingSchema();
  const Attribute* a = s.AttributeAtPath(AttributePath::Root("column").Index(0).Attribute("type"));
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->computed);
  EXPECT_TRUE(a->optional);
  EXPECT_EQ(s.AttributeAtPath(AttributePath::Root("column")), nullptr);
  EXPECT_NE(s.BlockAtPath(AttributePath::Root("column")), nullptr);
  EXPECT_EQ(s.AttributeAtPath(AttributePath::Root("nope")), nullptr);
  EXPECT_EQ(s.AttributeAtPath(AttributePath::Root("name"))->name, "name");
}

TEST(SchemaTest, ValidateAcceptsGoodSchemas) {
  EXPECT_TRUE(testing::ThingSchema().Validate().empty());
  EXPECT_TRUE(testing::DsSchema().Validate().empty());
}

TEST(SchemaTest, ValidateReportsCoreRuleViolations) {
  Block inner;
  inner.Add(Attribute::String("Bad-Name").Optional());
  Block b;
  b.Add(Attribute::String("none"));
  b.Add(Attribute::String("both").Required().Optional());
  b.Add(Attribute::String("rc").Required().Computed());
  b.Add(Attribute::String("dup").Optional());
  b.Add(NestedBlock::Single("dup", Block()));
  b.Add(NestedBlock::List("lim", Block(), 3, 1));
  b.Add(NestedBlock::Single("inner", inner));
  Schema s{-1, b};
  std::vector<std::string> details;
  for (const auto& d : s.Validate()) {
    details.push_back(d.detail);
  }
  EXPECT_EQ(details, (std::vector<std::string>{
                         "schema version must be >= 0",
                         "none: must set at least one of required, optional, computed",
                         "both: cannot be both required and optional",
                         "rc: cannot be both required and computed",
                         "dup: duplicate name (attribute or block)",
                         "lim: min_items must not exceed max_items",
                         "inner.Bad-Name: name must match ^[a-z0-9_]+$",
                     }));
}

}  // namespace
}  // namespace atlas::provider::framework
