#include "provider/framework/model.hpp"

#include <gtest/gtest.h>

#include "provider/framework/schema.hpp"

namespace atlas::provider::framework {
namespace {

using tfvalue::ListVal;
using tfvalue::NullVal;
using tfvalue::StringVal;
using tfvalue::Type;
using tfvalue::UnknownVal;
using tfvalue::Value;

struct SkipModel {
  std::optional<bool> drop_table;
  std::optional<bool> add_table;
};
template <class Io>
void Fields(Io& io, SkipModel& m) {
  io("drop_table", m.drop_table);
  io("add_table", m.add_table);
}

struct DiffModel {
  std::optional<SkipModel> skip;
};
template <class Io>
void Fields(Io& io, DiffModel& m) {
  io("skip", m.skip);
}

struct RuleModel {
  std::string name;
  int64_t weight = 0;
};
template <class Io>
void Fields(Io& io, RuleModel& m) {
  io("name", m.name);
  io("weight", m.weight);
}

struct ResourceModel {
  Maybe<std::string> id;
  std::string hcl;
  std::optional<std::string> url;
  std::optional<std::vector<std::string>> exclude;
  std::optional<std::map<std::string, std::string>> variables;
  std::optional<DiffModel> diff;
  std::vector<RuleModel> rule;
};
template <class Io>
void Fields(Io& io, ResourceModel& m) {
  io("id", m.id);
  io("hcl", m.hcl);
  io("url", m.url);
  io("exclude", m.exclude);
  io("variables", m.variables);
  io("diff", m.diff);
  io("rule", m.rule);
}

Schema TestSchema() {
  Block skip;
  skip.Add(Attribute::Bool("drop_table").Optional());
  skip.Add(Attribute::Bool("add_table").Optional());
  Block diff;
  diff.Add(NestedBlock::Single("skip", skip));
  Block rule;
  rule.Add(Attribute::String("name").Required());
  rule.Add(Attribute::Number("weight").Required());
  Block b;
  b.Add(Attribute::String("id").Computed());
  b.Add(Attribute::String("hcl").Required());
  b.Add(Attribute::String("url").Optional().Sensitive());
  b.Add(Attribute::List("exclude", Type::String()).Optional());
  b.Add(Attribute::Map("variables", Type::String()).Optional());
  b.Add(NestedBlock::Single("diff", diff));
  b.Add(NestedBlock::List("rule", rule));
  return Schema{0, b};
}

Value Sample() {
  Schema s = TestSchema();
  Value v = s.EmptyValue();
  Type rule_t = s.block.FindBlock("rule")->block.ImpliedType();
  Type diff_t = s.block.FindBlock("diff")->block.ImpliedType();
  Type skip_t = s.block.FindBlock("diff")->block.FindBlock("skip")->block.ImpliedType();
  v = v.SetAttr("id", UnknownVal(Type::String()));
  v = v.SetAttr("hcl", StringVal("table {}"));
  v = v.SetAttr("exclude", ListVal(Type::String(), {StringVal("a.*"), StringVal("b")}));
  v = v.SetAttr(
      "diff",
      tfvalue::ObjectValOfType(
          diff_t,
          {{"skip", tfvalue::ObjectValOfType(skip_t, {{"drop_table", tfvalue::BoolVal(true)}})}}));
  v = v.SetAttr("rule",
                ListVal(rule_t, {tfvalue::ObjectVal({{"name", StringVal("r")},
                                                     {"weight", tfvalue::NumberIntVal(3)}})}));
  return v;
}

TEST(ModelTest, DecodeReadsEveryFieldKind) {
  Diagnostics diags;
  auto m = Decode<ResourceModel>(Sample(), diags);
  ASSERT_FALSE(diags.HasError()) << diags.ToString();
  EXPECT_TRUE(m.id.IsUnknown());
  EXPECT_EQ(m.hcl, "table {}");
  EXPECT_EQ(m.url, std::nullopt);
  EXPECT_EQ(m.exclude, (std::vector<std::string>{"a.*", "b"}));
  EXPECT_FALSE(m.variables.has_value());
  ASSERT_TRUE(m.diff.has_value());
  ASSERT_TRUE(m.diff->skip.has_value());
  EXPECT_EQ(m.diff->skip->drop_table, true);
  EXPECT_EQ(m.diff->skip->add_table, std::nullopt);
  ASSERT_EQ(m.rule.size(), 1u);
  EXPECT_EQ(m.rule[0].name, "r");
  EXPECT_EQ(m.rule[0].weight, 3);
}

TEST(ModelTest, GetReadsOneAttribute) {
  Diagnostics diags;
  EXPECT_EQ(Get<std::optional<std::string>>(Sample(), "url", diags), std::nullopt);
  EXPECT_EQ(Get<std::string>(Sample(), "hcl", diags), "table {}");
  EXPECT_EQ(Get<std::vector<std::string>>(Sample(), "exclude", diags),
            (std::vector<std::string>{"a.*", "b"}));
  EXPECT_TRUE(Get<Maybe<std::string>>(Sample(), "id", diags).IsUnknown());
  EXPECT_TRUE(diags.empty()) << diags.ToString();
}

TEST(ModelTest, UnknownIntoPlainTypeIsAnErrorWithPath) {
  Diagnostics diags;
  Get<std::string>(Sample(), "id", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].summary, "Value Conversion Error");
  EXPECT_EQ(diags.items()[0].attribute, AttributePath::Root("id"));
  EXPECT_NE(diags.items()[0].detail.find("unknown value"), std::string::npos);
}

TEST(ModelTest, NullIntoRequiredFieldIsAnErrorWithNestedPath) {
  Value v = Sample();
  v = v.SetPath(AttributePath::Root("rule").Index(0).Attribute("name"), NullVal(Type::String()));
  Diagnostics diags;
  auto m = Decode<ResourceModel>(v, diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].attribute, AttributePath::Root("rule").Index(0).Attribute("name"));
  EXPECT_EQ(m.hcl, "");  // default-constructed on failure
}

TEST(ModelTest, UpdateObjectWritesModelBack) {
  Diagnostics diags;
  Value plan = Sample();
  auto m = Decode<ResourceModel>(plan, diags);
  m.id = std::string("uuid");
  m.url = "sqlite://x";
  m.variables = std::map<std::string, std::string>{{"k", "v"}};
  m.rule.push_back(RuleModel{"second", 7});
  m.diff->skip->add_table = false;
  Value out = UpdateObject(plan, m, diags);
  ASSERT_FALSE(diags.HasError()) << diags.ToString();
  EXPECT_EQ(out.GetAttr("id"), StringVal("uuid"));
  EXPECT_EQ(out.GetAttr("url"), StringVal("sqlite://x"));
  EXPECT_EQ(out.GetAttr("variables").ToString(), R"({"k" = "v"})");
  EXPECT_EQ(out.GetAttr("rule").Length(), 2u);
  EXPECT_EQ(
      out.Find(AttributePath::Root("rule").Index(1).Attribute("weight"))->AsNumber().ToInt64(), 7);
  EXPECT_EQ(
      out.Find(AttributePath::Root("diff").Attribute("skip").Attribute("add_table"))->AsBool(),
      false);
  EXPECT_TRUE(out.ConformsTo(TestSchema().ImpliedType()));
  // Round trip.
  EXPECT_EQ(Decode<ResourceModel>(out, diags).rule[1].name, "second");
}

TEST(ModelTest, EncodeModelFillsUnlistedAttributesWithNull) {
  Diagnostics diags;
  Type t =
      Type::Object({{"name", Type::String()}, {"weight", Type::Number()}, {"extra", Type::Bool()}});
  Value v = Encode(RuleModel{"a", 1}, t, diags);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(v.ToString(), R"({extra = null, name = "a", weight = 1})");
}

TEST(ModelTest, EncodeTypeMismatchIsAnError) {
  Diagnostics diags;
  Encode(std::string("x"), Type::Number(), diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].summary, "Value Conversion Error");
}

TEST(ModelTest, SetAttributeFromTypedValue) {
  Diagnostics diags;
  Value v = SetAttribute(Sample(), "exclude", std::optional<std::vector<std::string>>(), diags);
  EXPECT_TRUE(v.GetAttr("exclude").IsNull());
  v = SetAttribute(v, "id", Maybe<std::string>::Unknown(), diags);
  EXPECT_TRUE(v.GetAttr("id").IsUnknown());
  EXPECT_TRUE(diags.empty());
}

TEST(ModelTest, MaybeSemantics) {
  Maybe<std::string> m;
  EXPECT_TRUE(m.IsNull());
  EXPECT_EQ(m.ValueOr("dflt"), "dflt");
  m = std::string("x");
  EXPECT_TRUE(m.IsKnown());
  EXPECT_EQ(*m, "x");
  EXPECT_EQ(m->size(), 1u);
  EXPECT_THROW(Maybe<int64_t>::Unknown().Get(), engine::base::InternalError);
}

TEST(ModelTest, IntegerOutOfRangeIsAnError) {
  Diagnostics diags;
  Value obj = tfvalue::ObjectVal({{"n", tfvalue::NumberVal(*tfvalue::Number::Parse("1.5"))}});
  Get<int64_t>(obj, "n", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags.items()[0].detail.find("1.5 is not an integer"), std::string::npos);
}

}  // namespace
}  // namespace atlas::provider::framework
