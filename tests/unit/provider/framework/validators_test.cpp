#include "provider/framework/validators.hpp"

#include <gtest/gtest.h>

#include "provider/framework/plan_modifiers.hpp"

namespace atlas::provider::framework {
namespace {

using tfvalue::StringVal;

Diagnostics RunValidator(const ValidatorPtr& v, const tfvalue::Value& value,
                         const AttributePath& path) {
  Diagnostics diags;
  v->Validate(path, value, diags);
  return diags;
}

TEST(ValidatorsTest, StringOneOf) {
  auto v = StringOneOf({"file", "all", "none"});
  EXPECT_TRUE(RunValidator(v, StringVal("all"), AttributePath::Root("tx_mode")).empty());
  Diagnostics d = RunValidator(v, StringVal("ALL"), AttributePath::Root("tx_mode"));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0],
            Diagnostic::Error(
                "Invalid Attribute Value Match",
                R"(Attribute tx_mode value must be one of: ["file" "all" "none"], got: "ALL")",
                AttributePath::Root("tx_mode")));
}

TEST(ValidatorsTest, StringLengthAtLeast) {
  auto v = StringLengthAtLeast(1);
  EXPECT_TRUE(RunValidator(v, StringVal("x"), AttributePath::Root("hcl")).empty());
  Diagnostics d = RunValidator(v, StringVal(""), AttributePath::Root("hcl"));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].summary, "Invalid Attribute Value Length");
  EXPECT_EQ(d.items()[0].detail, "Attribute hcl string length must be at least 1, got: 0");
}

TEST(ValidatorsTest, StringMatchesRegex) {
  auto v = StringMatchesRegex(R"(^\d+[smhd]$)", "Must be a valid duration (e.g. 1m, 2h)");
  AttributePath p = AttributePath::Root("lint").Attribute("review_timeout");
  EXPECT_TRUE(RunValidator(v, StringVal("10m"), p).empty());
  Diagnostics d = RunValidator(v, StringVal("10 minutes"), p);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(
      d.items()[0].detail,
      "Attribute lint.review_timeout Must be a valid duration (e.g. 1m, 2h), got: 10 minutes");
  EXPECT_EQ(d.items()[0].attribute, p);
  EXPECT_EQ(StringMatchesRegex("^a$")->Description(), "value must match regular expression '^a$'");
}

TEST(ValidatorsTest, StringIsDuration) {
  auto v = StringIsDuration();
  for (const char* ok : {"30s", "2h45m", "1.5h", "0", "100ms", "-1m", "1h0m0s", ".5s"}) {
    EXPECT_TRUE(RunValidator(v, StringVal(ok), AttributePath::Root("create")).empty()) << ok;
  }
  for (const char* bad : {"", "30", "1d", "s", "1.s2", "h1", "1 h"}) {
    Diagnostics d = RunValidator(v, StringVal(bad), AttributePath::Root("create"));
    ASSERT_EQ(d.size(), 1u) << bad;
    EXPECT_EQ(d.items()[0].summary, "Invalid Attribute Value Format");
  }
}

TEST(ValidatorsTest, ParseGoDurationValues) {
  EXPECT_EQ(ParseGoDuration("20m"), 20LL * 60 * 1000000000);
  EXPECT_EQ(ParseGoDuration("1h30m"), 90LL * 60 * 1000000000);
  EXPECT_EQ(ParseGoDuration("1.5s"), 1500000000LL);
  EXPECT_EQ(ParseGoDuration("-2ms"), -2000000LL);
  EXPECT_EQ(ParseGoDuration("0"), 0);
  EXPECT_EQ(ParseGoDuration("1us"), 1000);
  EXPECT_EQ(ParseGoDuration("1\xc2\xb5s"), 1000);
  EXPECT_FALSE(ParseGoDuration("3000000h").has_value());  // beyond int64 nanoseconds
}

PlanModifierResponse Modify(const PlanModifierPtr& m, const PlanModifierRequest& req) {
  PlanModifierResponse resp;
  resp.plan_value = req.plan_value;
  m->Modify(req, resp);
  return resp;
}

PlanModifierRequest Req(tfvalue::Value config, tfvalue::Value state, tfvalue::Value plan,
                        bool create = false, bool destroy = false) {
  PlanModifierRequest r;
  r.path = AttributePath::Root("x");
  r.config_value = std::move(config);
  r.state_value = std::move(state);
  r.plan_value = std::move(plan);
  r.state = create ? tfvalue::NullVal(tfvalue::Type::Object({})) : tfvalue::ObjectVal({});
  r.plan = destroy ? tfvalue::NullVal(tfvalue::Type::Object({})) : tfvalue::ObjectVal({});
  r.config = r.plan;
  return r;
}

TEST(PlanModifiersTest, UseStateForUnknown) {
  auto m = UseStateForUnknown();
  auto S = tfvalue::Type::String();
  EXPECT_EQ(
      Modify(m, Req(tfvalue::NullVal(S), StringVal("old"), tfvalue::UnknownVal(S))).plan_value,
      StringVal("old"));
  // Create: nothing to keep.
  EXPECT_TRUE(Modify(m, Req(tfvalue::NullVal(S), tfvalue::NullVal(S), tfvalue::UnknownVal(S), true))
                  .plan_value.IsUnknown());
  // Known plan stays.
  EXPECT_EQ(Modify(m, Req(StringVal("new"), StringVal("old"), StringVal("new"))).plan_value,
            StringVal("new"));
  // Unknown config stays unknown.
  EXPECT_TRUE(Modify(m, Req(tfvalue::UnknownVal(S), StringVal("old"), tfvalue::UnknownVal(S)))
                  .plan_value.IsUnknown());
  // Null prior value: nothing to keep.
  EXPECT_TRUE(Modify(m, Req(tfvalue::NullVal(S), tfvalue::NullVal(S), tfvalue::UnknownVal(S)))
                  .plan_value.IsUnknown());
}

TEST(PlanModifiersTest, RequiresReplace) {
  auto m = RequiresReplace();
  auto S = tfvalue::Type::String();
  EXPECT_TRUE(Modify(m, Req(StringVal("b"), StringVal("a"), StringVal("b"))).requires_replace);
  EXPECT_FALSE(Modify(m, Req(StringVal("a"), StringVal("a"), StringVal("a"))).requires_replace);
  EXPECT_TRUE(Modify(m, Req(tfvalue::UnknownVal(S), StringVal("a"), tfvalue::UnknownVal(S)))
                  .requires_replace);
  EXPECT_FALSE(
      Modify(m, Req(StringVal("b"), tfvalue::NullVal(S), StringVal("b"), true)).requires_replace);
  EXPECT_FALSE(Modify(m, Req(tfvalue::NullVal(S), StringVal("a"), tfvalue::NullVal(S), false, true))
                   .requires_replace);
  auto configured = RequiresReplaceIfConfigured();
  EXPECT_FALSE(Modify(configured, Req(tfvalue::NullVal(S), StringVal("a"), tfvalue::NullVal(S)))
                   .requires_replace);
  EXPECT_TRUE(
      Modify(configured, Req(StringVal("b"), StringVal("a"), StringVal("b"))).requires_replace);
}

}  // namespace
}  // namespace atlas::provider::framework
