// Decoding test configurations (Terraform JSON syntax) into the values core would send.

#include "tests/acceptance/config.hpp"

#include <memory>

#include <gtest/gtest.h>

#include "tests/acceptance/objchange.hpp"

namespace atlas::tests::acceptance {
namespace {

using tfv::Path;
using tfv::Type;
using tfv::Value;

AttributeSchema Attr(std::string name, Type t, bool required, bool optional, bool computed) {
  AttributeSchema a;
  a.name = std::move(name);
  a.type = std::move(t);
  a.required = required;
  a.optional = optional;
  a.computed = computed;
  return a;
}

// hcl required, url optional, exclude list(string), n number, id computed;
// SINGLE diff { skip { drop_table bool } }, LIST rule (max 2) { name required }, MAP label { v }.
BlockSchema Schema() {
  BlockSchema b;
  for (auto a : {Attr("hcl", Type::String(), true, false, false), Attr("url", Type::String(), false, true, false),
                 Attr("exclude", Type::List(Type::String()), false, true, false),
                 Attr("n", Type::Number(), false, true, false), Attr("id", Type::String(), false, false, true)}) {
    b.attributes.emplace(a.name, a);
  }
  auto skip = std::make_shared<BlockSchema>();
  skip->attributes.emplace("drop_table", Attr("drop_table", Type::Bool(), false, true, false));
  auto diff = std::make_shared<BlockSchema>();
  diff->block_types.emplace("skip", NestedBlockSchema{"skip", Nesting::kSingle, 0, 0, skip});
  auto rule = std::make_shared<BlockSchema>();
  rule->attributes.emplace("name", Attr("name", Type::String(), true, false, false));
  auto label = std::make_shared<BlockSchema>();
  label->attributes.emplace("v", Attr("v", Type::String(), false, true, false));
  b.block_types.emplace("diff", NestedBlockSchema{"diff", Nesting::kSingle, 0, 0, diff});
  b.block_types.emplace("rule", NestedBlockSchema{"rule", Nesting::kList, 0, 2, rule});
  b.block_types.emplace("label", NestedBlockSchema{"label", Nesting::kMap, 0, 0, label});
  return b;
}

TEST(ConfigTest, AbsentAttributesAreNullAndAbsentBlocksFollowNesting) {
  BlockSchema s = Schema();
  auto v = DecodeBody(s, {{"hcl", "table \"t\" {}"}});
  ASSERT_TRUE(v.ok()) << v.ErrorString();
  EXPECT_TRUE(v->ConformsTo(s.ImpliedType()));
  EXPECT_EQ(v->GetAttr("hcl"), tfv::StringVal("table \"t\" {}"));
  EXPECT_TRUE(v->GetAttr("url").IsNull());
  EXPECT_TRUE(v->GetAttr("id").IsNull());
  EXPECT_TRUE(v->GetAttr("diff").IsNull());
  EXPECT_EQ(v->GetAttr("rule"), tfv::ListValEmpty(s.block_types.at("rule").block->ImpliedType()));
  EXPECT_EQ(v->GetAttr("label"), tfv::MapValEmpty(s.block_types.at("label").block->ImpliedType()));
}

TEST(ConfigTest, NestedBlocksAndTypedValues) {
  BlockSchema s = Schema();
  auto v = DecodeBody(s, {{"hcl", "x"},
                          {"n", "0.1"},
                          {"exclude", {"a", "b"}},
                          {"diff", {{"skip", {{"drop_table", true}}}}},
                          {"rule", {{{"name", "r1"}}, {{"name", "r2"}}}},
                          {"label", {{"k", {{"v", "1"}}}}}});
  ASSERT_TRUE(v.ok()) << v.ErrorString();
  EXPECT_EQ(GoString(v->GetAttr("n")), "cty.MustParseNumberVal(\"0.1\")");
  EXPECT_EQ(ApplyPath(*v, Path::Root("diff").Attribute("skip").Attribute("drop_table")), tfv::BoolVal(true));
  EXPECT_EQ(ApplyPath(*v, Path::Root("rule").Index(1).Attribute("name")), tfv::StringVal("r2"));
  EXPECT_EQ(ApplyPath(*v, Path::Root("label").Key("k").Attribute("v")), tfv::StringVal("1"));
  EXPECT_EQ(v->GetAttr("exclude").Length(), 2U);
}

TEST(ConfigTest, ErrorsUseHclWording) {
  BlockSchema s = Schema();
  auto missing = DecodeBody(s, nlohmann::json::object());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.diags().items()[0].summary, "Missing required argument");
  EXPECT_EQ(missing.diags().items()[0].detail, "The argument \"hcl\" is required, but no definition was found.");
  auto unknown = DecodeBody(s, {{"hcl", "x"}, {"nope", 1}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.diags().items()[0].summary, "Unsupported argument");
  EXPECT_EQ(unknown.diags().items()[0].detail, "An argument named \"nope\" is not expected here.");
  auto too_many = DecodeBody(s, {{"hcl", "x"}, {"rule", {{{"name", "a"}}, {{"name", "b"}}, {{"name", "c"}}}}});
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.diags().items()[0].summary, "Too many rule blocks");
  auto bad_type = DecodeBody(s, {{"hcl", "x"}, {"n", "abc"}});
  ASSERT_FALSE(bad_type.ok());
  EXPECT_EQ(bad_type.diags().items()[0].summary, "Incorrect attribute value type");
  EXPECT_EQ(bad_type.diags().items()[0].detail, "Inappropriate value for attribute \"n\": a number is required.");
}

TEST(ConfigTest, TemplatesResolveReferencesAndRefineUnknowns) {
  BlockSchema s = Schema();
  Resolver resolve = [](const Reference& ref) -> engine::base::Result<Value> {
    if (ref.address == "data.atlas_schema.x" && ref.path == Path::Root("hcl")) {
      return tfv::StringVal("from-data");
    }
    if (ref.address == "deferred") {
      return tfv::DynamicVal();
    }
    return engine::base::Error("unexpected reference", ref.text);
  };
  auto v = DecodeBody(s, {{"hcl", "${data.atlas_schema.x.hcl}"}, {"url", "sqlite://${deferred.path}?mode=rwc"}},
                      resolve);
  ASSERT_TRUE(v.ok()) << v.ErrorString();
  EXPECT_EQ(v->GetAttr("hcl"), tfv::StringVal("from-data"));
  Value url = v->GetAttr("url");
  ASSERT_TRUE(url.IsUnknown());
  EXPECT_TRUE(url.refinements().not_null);
  EXPECT_EQ(url.refinements().string_prefix, std::optional<std::string>("sqlite://"));
  auto escaped = DecodeBody(s, {{"hcl", "$${literal}"}});
  ASSERT_TRUE(escaped.ok());
  EXPECT_EQ(escaped->GetAttr("hcl"), tfv::StringVal("${literal}"));
}

TEST(ConfigTest, ParseConfigOrdersDependenciesAndRejectsCycles) {
  Config c;
  c.Provider({{"dev_url", "sqlite://dev"}})
      .Resource("atlas_schema", "a", {{"hcl", "${data.atlas_schema.b.hcl}"}})
      .Data("atlas_schema", "b", {{"src", "${atlas_schema.c.id}"}})
      .Resource("atlas_schema", "c", {{"hcl", "x"}});
  auto parsed = ParseConfig(c.json());
  ASSERT_TRUE(parsed.ok()) << parsed.ErrorString();
  ASSERT_EQ(parsed->blocks.size(), 3U);
  EXPECT_EQ(parsed->blocks[0].Address(), "atlas_schema.c");
  EXPECT_EQ(parsed->blocks[1].Address(), "data.atlas_schema.b");
  EXPECT_EQ(parsed->blocks[2].Address(), "atlas_schema.a");
  EXPECT_TRUE(parsed->provider_present);
  EXPECT_EQ(parsed->provider["dev_url"], "sqlite://dev");

  Config cycle;
  cycle.Resource("atlas_schema", "a", {{"hcl", "${atlas_schema.b.id}"}})
      .Resource("atlas_schema", "b", {{"hcl", "${atlas_schema.a.id}"}});
  auto bad = ParseConfig(cycle.json());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.diags().items()[0].summary, "Cycle");
  Config undeclared;
  undeclared.Resource("atlas_schema", "a", {{"hcl", "${atlas_schema.zz.id}"}});
  auto missing = ParseConfig(undeclared.json());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.diags().items()[0].summary, "Reference to undeclared resource");
}

}  // namespace
}  // namespace atlas::tests::acceptance
