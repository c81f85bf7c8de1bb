// The harness's own re-implementation of core's rules must be right before it judges the provider:
// ProposedNew, AssertPlanValid, AssertObjectCompatible and the texts core prints, on hand-made values.

#include "tests/acceptance/objchange.hpp"

#include <memory>

#include <gtest/gtest.h>

namespace atlas::tests::acceptance {
namespace {

using tfv::Path;
using tfv::Type;
using tfv::Value;

AttributeSchema Attr(std::string name, Type t, bool required, bool optional, bool computed,
                     bool sensitive = false) {
  AttributeSchema a;
  a.name = std::move(name);
  a.type = std::move(t);
  a.required = required;
  a.optional = optional;
  a.computed = computed;
  a.sensitive = sensitive;
  return a;
}

// id computed; name required; comment optional; kind optional+computed; secret optional sensitive;
// LIST block column { name required, type optional+computed }; SINGLE block pk { columns list(string) }.
BlockSchema TableSchema() {
  BlockSchema b;
  for (auto a : {Attr("id", Type::String(), false, false, true), Attr("name", Type::String(), true, false, false),
                 Attr("comment", Type::String(), false, true, false),
                 Attr("kind", Type::String(), false, true, true),
                 Attr("secret", Type::String(), false, true, false, true)}) {
    b.attributes.emplace(a.name, a);
  }
  auto column = std::make_shared<BlockSchema>();
  for (auto a : {Attr("name", Type::String(), true, false, false), Attr("type", Type::String(), false, true, true)}) {
    column->attributes.emplace(a.name, a);
  }
  auto pk = std::make_shared<BlockSchema>();
  pk->attributes.emplace("columns", Attr("columns", Type::List(Type::String()), false, true, false));
  b.block_types.emplace("column", NestedBlockSchema{"column", Nesting::kList, 0, 0, column});
  b.block_types.emplace("pk", NestedBlockSchema{"pk", Nesting::kSingle, 0, 0, pk});
  return b;
}

Value Column(const BlockSchema& s, std::string name, std::optional<Value> type = std::nullopt) {
  const Type t = s.block_types.at("column").block->ImpliedType();
  std::map<std::string, Value> attrs{{"name", tfv::StringVal(std::move(name))}};
  if (type) {
    attrs.emplace("type", *type);
  }
  return tfv::ObjectValOfType(t, attrs);
}

Value Columns(const BlockSchema& s, std::vector<Value> cols) {
  return tfv::ListVal(s.block_types.at("column").block->ImpliedType(), std::move(cols));
}

Value Table(const BlockSchema& s, std::map<std::string, Value> attrs) {
  if (attrs.count("column") == 0) {
    attrs.emplace("column", Columns(s, {}));
  }
  return tfv::ObjectValOfType(s.ImpliedType(), std::move(attrs));
}

TEST(ObjchangeTest, ProposedNewForCreateTakesConfigAndNullComputed) {
  BlockSchema s = TableSchema();
  Value config = Table(s, {{"name", tfv::StringVal("users")}, {"column", Columns(s, {Column(s, "id")})}});
  Value proposed = ProposedNew(s, tfv::NullVal(s.ImpliedType()), config);
  EXPECT_TRUE(proposed.RawEquals(config)) << GoString(proposed);
}

TEST(ObjchangeTest, ProposedNewKeepsPriorComputedValuesWhenConfigIsNull) {
  BlockSchema s = TableSchema();
  Value prior = Table(s, {{"id", tfv::StringVal("x1")},
                          {"name", tfv::StringVal("users")},
                          {"kind", tfv::StringVal("table")},
                          {"column", Columns(s, {Column(s, "id", tfv::StringVal("int"))})}});
  Value config = Table(s, {{"name", tfv::StringVal("people")},
                           {"column", Columns(s, {Column(s, "id"), Column(s, "email")})}});
  Value proposed = ProposedNew(s, prior, config);
  Value want = Table(s, {{"id", tfv::StringVal("x1")},
                         {"name", tfv::StringVal("people")},
                         {"kind", tfv::StringVal("table")},
                         {"column", Columns(s, {Column(s, "id", tfv::StringVal("int")), Column(s, "email")})}});
  EXPECT_TRUE(proposed.RawEquals(want)) << GoString(proposed);
}

TEST(ObjchangeTest, ProposedNewTakesConfiguredOptionalComputedValue) {
  BlockSchema s = TableSchema();
  Value prior = Table(s, {{"name", tfv::StringVal("t")}, {"kind", tfv::StringVal("table")}});
  Value config = Table(s, {{"name", tfv::StringVal("t")}, {"kind", tfv::StringVal("view")}});
  EXPECT_EQ(ProposedNew(s, prior, config).GetAttr("kind"), tfv::StringVal("view"));
}

TEST(ObjchangeTest, PlannedDataObjectMakesUnsetComputedUnknown) {
  BlockSchema s = TableSchema();
  Value config = Table(s, {{"name", tfv::StringVal("t")}, {"kind", tfv::StringVal("view")}});
  Value planned = PlannedDataResourceObject(s, config);
  EXPECT_TRUE(planned.GetAttr("id").IsUnknown());
  EXPECT_EQ(planned.GetAttr("kind"), tfv::StringVal("view"));
  EXPECT_TRUE(planned.GetAttr("comment").IsNull());
}

TEST(ObjchangeTest, PlanValidAcceptsUnknownComputedAndPriorEquivalent) {
  BlockSchema s = TableSchema();
  Value prior = Table(s, {{"id", tfv::StringVal("x1")}, {"name", tfv::StringVal("Users")}});
  Value config = Table(s, {{"name", tfv::StringVal("users")}});
  // The provider may keep the prior spelling of an equivalent value, and plan computed ones unknown.
  Value planned = Table(s, {{"id", tfv::UnknownVal(Type::String())}, {"name", tfv::StringVal("Users")},
                            {"kind", tfv::UnknownVal(Type::String())}});
  EXPECT_TRUE(AssertPlanValid(s, prior, config, planned).empty());
}

TEST(ObjchangeTest, PlanInvalidWhenConfigValueIsRewritten) {
  BlockSchema s = TableSchema();
  Value config = Table(s, {{"name", tfv::StringVal("Users")}});
  Value planned = Table(s, {{"name", tfv::StringVal("users")}, {"id", tfv::UnknownVal(Type::String())}});
  auto errs = AssertPlanValid(s, tfv::NullVal(s.ImpliedType()), config, planned);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].FormatPrefixed("atlas_schema.test"),
            "atlas_schema.test.name: planned value cty.StringVal(\"users\") does not match config value "
            "cty.StringVal(\"Users\")");
  Value prior = Table(s, {{"name", tfv::StringVal("old")}, {"id", tfv::StringVal("x")}});
  errs = AssertPlanValid(s, prior, config, planned);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(),
            ".name: planned value cty.StringVal(\"users\") does not match config value cty.StringVal(\"Users\") "
            "nor prior value cty.StringVal(\"old\")");
}

TEST(ObjchangeTest, PlanInvalidForValueOnNonComputedNullAttribute) {
  BlockSchema s = TableSchema();
  Value config = Table(s, {{"name", tfv::StringVal("t")}});
  Value planned = Table(s, {{"name", tfv::StringVal("t")}, {"comment", tfv::StringVal("x")}});
  auto errs = AssertPlanValid(s, tfv::NullVal(s.ImpliedType()), config, planned);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(), ".comment: planned value cty.StringVal(\"x\") for a non-computed attribute");
}

TEST(ObjchangeTest, PlanInvalidRedactsSensitiveValues) {
  BlockSchema s = TableSchema();
  Value config = Table(s, {{"name", tfv::StringVal("t")}, {"secret", tfv::StringVal("a")}});
  Value planned = Table(s, {{"name", tfv::StringVal("t")}, {"secret", tfv::StringVal("b")}});
  auto errs = AssertPlanValid(s, tfv::NullVal(s.ImpliedType()), config, planned);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(), ".secret: sensitive planned value does not match config value");
}

TEST(ObjchangeTest, PlanInvalidForNullListBlockAndCountMismatch) {
  BlockSchema s = TableSchema();
  Value config = Table(s, {{"name", tfv::StringVal("t")}, {"column", Columns(s, {Column(s, "a")})}});
  Value planned_null = tfv::ObjectValOfType(s.ImpliedType(), {{"name", tfv::StringVal("t")}});
  auto errs = AssertPlanValid(s, tfv::NullVal(s.ImpliedType()), config, planned_null);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(),
            ".column: attribute representing a list of nested blocks must be empty to indicate no blocks, not "
            "null");
  Value planned_more = Table(s, {{"name", tfv::StringVal("t")},
                                 {"column", Columns(s, {Column(s, "a"), Column(s, "b")})}});
  errs = AssertPlanValid(s, tfv::NullVal(s.ImpliedType()), config, planned_more);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(), ".column: block count in plan (2) disagrees with count in config (1)");
}

TEST(ObjchangeTest, PlanForAbsenceAndDestroyRules) {
  BlockSchema s = TableSchema();
  Value config = Table(s, {{"name", tfv::StringVal("t")}});
  auto errs = AssertPlanValid(s, tfv::NullVal(s.ImpliedType()), config, tfv::NullVal(s.ImpliedType()));
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].FormatPrefixed("atlas_schema.t"),
            "atlas_schema.t: planned for absence but config wants existence");
}

TEST(ObjchangeTest, ObjectCompatibleAllowsUnknownsToResolve) {
  BlockSchema s = TableSchema();
  Value planned = Table(s, {{"name", tfv::StringVal("t")}, {"id", tfv::UnknownVal(Type::String())}});
  Value actual = Table(s, {{"name", tfv::StringVal("t")}, {"id", tfv::StringVal("generated")}});
  EXPECT_TRUE(AssertObjectCompatible(s, planned, actual).empty());
}

TEST(ObjchangeTest, ObjectIncompatibleWhenKnownValueChanges) {
  BlockSchema s = TableSchema();
  Value planned = Table(s, {{"name", tfv::StringVal("a")}, {"id", tfv::StringVal("x")}});
  Value actual = Table(s, {{"name", tfv::StringVal("b")}, {"id", tfv::StringVal("x")}});
  auto errs = AssertObjectCompatible(s, planned, actual);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(), ".name: was cty.StringVal(\"a\"), but now cty.StringVal(\"b\")");
  Value actual_secret = Table(s, {{"name", tfv::StringVal("a")}, {"id", tfv::StringVal("x")},
                                  {"secret", tfv::StringVal("s")}});
  errs = AssertObjectCompatible(s, planned, actual_secret);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(), ".secret: inconsistent values for sensitive attribute");
  errs = AssertObjectCompatible(s, planned, tfv::NullVal(s.ImpliedType()));
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(), "Root object was present, but now absent");
}

TEST(ObjchangeTest, ObjectIncompatibleWhenRefinementIsBroken) {
  BlockSchema s = TableSchema();
  tfv::Refinements r;
  r.not_null = true;
  r.string_prefix = "pre-";
  Value planned = Table(s, {{"name", tfv::StringVal("t")}, {"id", tfv::UnknownVal(Type::String(), r)}});
  Value actual = Table(s, {{"name", tfv::StringVal("t")}, {"id", tfv::StringVal("post")}});
  auto errs = AssertObjectCompatible(s, planned, actual);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(),
            ".id: final value cty.StringVal(\"post\") does not conform to planning placeholder "
            "cty.UnknownVal(cty.String).Refine().NotNull().StringPrefixFull(\"pre-\").NewValue()");
}

TEST(ObjchangeTest, ObjectIncompatibleWhenBlockCountChangesOrKnownBecomesUnknown) {
  BlockSchema s = TableSchema();
  Value planned = Table(s, {{"name", tfv::StringVal("t")}, {"column", Columns(s, {Column(s, "a")})}});
  Value actual = Table(s, {{"name", tfv::StringVal("t")}, {"column", Columns(s, {})}});
  auto errs = AssertObjectCompatible(s, planned, actual);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(), ".column: block count changed from 1 to 0");
  Value final_plan = Table(s, {{"name", tfv::UnknownVal(Type::String())}, {"column", Columns(s, {Column(s, "a")})}});
  errs = AssertObjectCompatible(s, planned, final_plan);
  ASSERT_EQ(errs.size(), 1U);
  EXPECT_EQ(errs[0].Format(), ".name: was known, but now unknown");
}

TEST(ObjchangeTest, GoStringMatchesCtyRendering) {
  EXPECT_EQ(GoString(tfv::NullVal(Type::List(Type::String()))), "cty.NullVal(cty.List(cty.String))");
  EXPECT_EQ(GoString(tfv::NumberIntVal(5)), "cty.NumberIntVal(5)");
  EXPECT_EQ(GoString(tfv::NumberVal(*tfv::Number::Parse("1.5"))), "cty.NumberFloatVal(1.5)");
  EXPECT_EQ(GoString(tfv::NumberVal(*tfv::Number::Parse("0.1"))), "cty.MustParseNumberVal(\"0.1\")");
  EXPECT_EQ(GoString(tfv::BoolVal(true)), "cty.True");
  EXPECT_EQ(GoString(tfv::ListVal(Type::String(), {tfv::StringVal("a\"b")})),
            "cty.ListVal([]cty.Value{cty.StringVal(\"a\\\"b\")})");
  EXPECT_EQ(GoString(tfv::ObjectVal({{"a", tfv::StringVal("x")}, {"b", tfv::BoolVal(false)}})),
            "cty.ObjectVal(map[string]cty.Value{\"a\":cty.StringVal(\"x\"), \"b\":cty.False})");
  EXPECT_EQ(FormatCtyPath(Path::Root("rule").Index(0).Attribute("name").Key("k")), ".rule[0].name[\"k\"]");
}

TEST(ObjchangeTest, ApplyPathFailsThroughNullAndOnMissingSteps) {
  BlockSchema s = TableSchema();
  Value v = Table(s, {{"name", tfv::StringVal("t")}, {"column", Columns(s, {Column(s, "a")})}});
  EXPECT_EQ(ApplyPath(v, Path::Root("column").Index(0).Attribute("name")), tfv::StringVal("a"));
  EXPECT_FALSE(ApplyPath(v, Path::Root("column").Index(3)).has_value());
  EXPECT_FALSE(ApplyPath(v, Path::Root("pk").Attribute("columns")).has_value()) << "pk is null";
  EXPECT_FALSE(ApplyPath(v, Path::Root("nope")).has_value());
  EXPECT_TRUE(KnownEqual(v, v));
  EXPECT_FALSE(KnownEqual(tfv::UnknownVal(Type::String()), tfv::UnknownVal(Type::String())));
}

}  // namespace
}  // namespace atlas::tests::acceptance
