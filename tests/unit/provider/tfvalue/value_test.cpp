#include "provider/tfvalue/value.hpp"

#include <gtest/gtest.h>

namespace atlas::provider::tfvalue {
namespace {

Value Num(std::string_view s) {
  return NumberVal(*Number::Parse(s));
}

TEST(ValueTest, StatesAndAccessors) {
  EXPECT_TRUE(NullVal(Type::String()).IsNull());
  EXPECT_TRUE(NullVal(Type::String()).IsKnown());
  EXPECT_FALSE(NullVal(Type::String()).IsKnownNonNull());
  EXPECT_TRUE(UnknownVal(Type::String()).IsUnknown());
  EXPECT_EQ(StringVal("a").AsString(), "a");
  EXPECT_TRUE(BoolVal(true).AsBool());
  EXPECT_EQ(NumberIntVal(3).AsNumber().ToInt64(), 3);
  EXPECT_THROW(NullVal(Type::String()).AsString(), engine::base::InternalError);
  EXPECT_THROW(StringVal("a").AsBool(), engine::base::InternalError);
}

TEST(ValueTest, EqualityIsNumericAndSetsIgnoreOrder) {
  EXPECT_EQ(Num("5"), Num("5.0"));
  EXPECT_FALSE(Num("5") == Num("5.1"));
  EXPECT_EQ(SetVal(Type::String(), {StringVal("a"), StringVal("b")}),
            SetVal(Type::String(), {StringVal("b"), StringVal("a"), StringVal("a")}));
  EXPECT_FALSE(ListVal(Type::String(), {StringVal("a"), StringVal("b")}) ==
               ListVal(Type::String(), {StringVal("b"), StringVal("a")}));
  EXPECT_FALSE(NullVal(Type::String()) == NullVal(Type::Number()));
  EXPECT_FALSE(NullVal(Type::String()) == UnknownVal(Type::String()));
  EXPECT_EQ(UnknownVal(Type::String()), UnknownVal(Type::String()));
  EXPECT_FALSE(StringVal("") == NullVal(Type::String()));
}

TEST(ValueTest, RefinementsCountForEqualityUntilStripped) {
  Refinements r;
  r.not_null = true;
  r.string_prefix = "pre-";
  Value refined = UnknownVal(Type::String(), r);
  EXPECT_FALSE(refined == UnknownVal(Type::String()));
  EXPECT_EQ(refined.StripRefinements(), UnknownVal(Type::String()));
  Value obj = ObjectVal({{"hcl", refined}});
  EXPECT_EQ(obj.StripRefinements(), ObjectVal({{"hcl", UnknownVal(Type::String())}}));
}

TEST(ValueTest, RefinementsAllow) {
  Refinements r;
  r.not_null = true;
  r.string_prefix = "pre-";
  EXPECT_TRUE(r.Allows(StringVal("pre-x")));
  EXPECT_FALSE(r.Allows(StringVal("x")));
  EXPECT_FALSE(r.Allows(NullVal(Type::String())));
  Refinements n;
  n.number_lower = NumberBound{Number::FromInt64(0), true};
  n.number_upper = NumberBound{Number::FromInt64(10), false};
  EXPECT_TRUE(n.Allows(Num("0")));
  EXPECT_FALSE(n.Allows(Num("10")));
  EXPECT_FALSE(n.Allows(Num("-0.5")));
  Refinements l;
  l.length_lower = 1;
  EXPECT_FALSE(l.Allows(ListValEmpty(Type::String())));
  EXPECT_TRUE(l.Allows(ListVal(Type::String(), {StringVal("a")})));
}

TEST(ValueTest, UnknownRefinementsMustFitTheType) {
  Refinements r;
  r.string_prefix = "x";
  EXPECT_THROW(UnknownVal(Type::Number(), r), engine::base::InternalError);
  // Dynamic unknowns drop refinements, as cty.
  EXPECT_TRUE(UnknownVal(Type::Dynamic(), r).refinements().empty());
}

TEST(ValueTest, ConstructorsCheckElementTypes) {
  EXPECT_THROW(ListVal(Type::String(), {NumberIntVal(1)}), engine::base::InternalError);
  EXPECT_NO_THROW(ListVal(Type::Dynamic(), {NumberIntVal(1)}));
}

Value Sample() {
  Type rule = Type::Object({{"name", Type::String()}});
  return ObjectVal({
      {"id", UnknownVal(Type::String())},
      {"rule", ListVal(rule, {ObjectVal({{"name", StringVal("r0")}}),
                              ObjectVal({{"name", UnknownVal(Type::String())}})})},
      {"tags", MapVal(Type::String(), {{"env", StringVal("dev")}})},
      {"pk", NullVal(Type::Object({{"columns", Type::List(Type::String())}}))},
  });
}

TEST(ValueTest, FindNavigatesPaths) {
  Value v = Sample();
  EXPECT_EQ(*v.Find(Path::Root("rule").Index(0).Attribute("name")), StringVal("r0"));
  EXPECT_EQ(*v.Find(Path::Root("tags").Key("env")), StringVal("dev"));
  EXPECT_EQ(*v.Find(Path::Root("pk").Attribute("columns")), NullVal(Type::List(Type::String())));
  EXPECT_FALSE(v.Find(Path::Root("rule").Index(5)).has_value());
  EXPECT_FALSE(v.Find(Path::Root("tags").Key("nope")).has_value());
  EXPECT_FALSE(v.Find(Path::Root("nope")).has_value());
  EXPECT_EQ(*v.Find(Path()), v);
  EXPECT_EQ(v.GetAttr("pk").GetAttr("columns"), NullVal(Type::List(Type::String())));
  EXPECT_EQ(UnknownVal(v.type()).GetAttr("id"), UnknownVal(Type::String()));
}

TEST(ValueTest, WhollyKnownAndFirstUnknownPath) {
  Value v = Sample();
  EXPECT_FALSE(v.IsWhollyKnown());
  EXPECT_EQ(v.FirstUnknownPath()->ToString(), "id");
  Value known_id = v.SetAttr("id", StringVal("x"));
  EXPECT_EQ(known_id.FirstUnknownPath()->ToString(), "rule[1].name");
  Value all = known_id.SetPath(Path::Root("rule").Index(1).Attribute("name"), StringVal("r1"));
  EXPECT_TRUE(all.IsWhollyKnown());
  EXPECT_FALSE(all.FirstUnknownPath().has_value());
  EXPECT_EQ(all.Find(Path::Root("rule").Index(1).Attribute("name"))->AsString(), "r1");
  Value in_set = SetVal(Type::String(), {UnknownVal(Type::String())});
  EXPECT_EQ(ObjectVal({{"s", in_set}}).FirstUnknownPath()->ToString(), "s");
}

TEST(ValueTest, SetPathOnMapsAndErrors) {
  Value v = Sample();
  Value w = v.SetPath(Path::Root("tags").Key("team"), StringVal("db"));
  EXPECT_EQ(w.GetAttr("tags").Length(), 2u);
  EXPECT_THROW(v.SetPath(Path::Root("pk").Attribute("columns"), ListValEmpty(Type::String())),
               engine::base::InternalError);
  EXPECT_THROW(v.SetAttr("nope", StringVal("x")), engine::base::InternalError);
}

TEST(ValueTest, TransformRebuildsTopDown) {
  Value v = Sample();
  std::vector<std::string> visited;
  Value out = v.Transform([&](const Path& p, const Value& x) -> std::optional<Value> {
    visited.push_back(p.ToString());
    if (x.IsUnknown() && x.type() == Type::String()) {
      return StringVal("filled:" + p.ToString());
    }
    return std::nullopt;
  });
  EXPECT_TRUE(out.IsWhollyKnown());
  EXPECT_EQ(out.GetAttr("id").AsString(), "filled:id");
  EXPECT_EQ(out.Find(Path::Root("rule").Index(1).Attribute("name"))->AsString(),
            "filled:rule[1].name");
  EXPECT_EQ(visited,
            (std::vector<std::string>{"", "id", "pk", "rule", "rule[0]", "rule[0].name", "rule[1]",
                                      "rule[1].name", "tags", "tags[\"env\"]"}));
}

TEST(ValueTest, ConformsTo) {
  Type t = Type::Object({{"a", Type::String()}, {"d", Type::Dynamic()}});
  EXPECT_TRUE(ObjectVal({{"a", StringVal("x")}, {"d", NumberIntVal(1)}}).ConformsTo(t));
  EXPECT_FALSE(ObjectVal({{"a", NumberIntVal(1)}, {"d", NumberIntVal(1)}}).ConformsTo(t));
  EXPECT_FALSE(ObjectVal({{"a", StringVal("x")}}).ConformsTo(t));
  EXPECT_TRUE(NullVal(t).ConformsTo(t));
  EXPECT_TRUE(DynamicVal().ConformsTo(t));
}

TEST(ValueTest, ObjectValOfTypeFillsNulls) {
  Type t = Type::Object({{"a", Type::String()}, {"b", Type::List(Type::Number())}});
  Value v = ObjectValOfType(t, {{"a", StringVal("x")}});
  EXPECT_EQ(v.GetAttr("b"), NullVal(Type::List(Type::Number())));
  EXPECT_EQ(v.type(), Type::Object({{"a", Type::String()}, {"b", Type::List(Type::Number())}}));
  EXPECT_THROW(ObjectValOfType(t, {{"zz", StringVal("x")}}), engine::base::InternalError);
}

TEST(ValueTest, ToStringIsReadable) {
  EXPECT_EQ(
      Sample().ToString(),
      R"({id = (unknown), pk = null, rule = [{name = "r0"}, {name = (unknown)}], tags = {"env" = "dev"}})");
  Refinements r;
  r.not_null = true;
  r.string_prefix = "p";
  EXPECT_EQ(UnknownVal(Type::String(), r).ToString(), R"((unknown, not null, prefix "p"))");
  EXPECT_EQ(SetVal(Type::Number(), {Num("1.50")}).ToString(), "toset([1.5])");
}

TEST(PathTest, ToStringAndPrefix) {
  Path p = Path::Root("rule").Index(0).Attribute("name");
  EXPECT_EQ(p.ToString(), "rule[0].name");
  EXPECT_EQ(Path::Root("tags").Key("a\"b").ToString(), R"(tags["a\"b"])");
  EXPECT_TRUE(p.HasPrefix(Path::Root("rule")));
  EXPECT_TRUE(p.HasPrefix(p));
  EXPECT_FALSE(Path::Root("rule").HasPrefix(p));
  EXPECT_EQ(p.Parent(), Path::Root("rule").Index(0));
}

}  // namespace
}  // namespace atlas::provider::tfvalue
