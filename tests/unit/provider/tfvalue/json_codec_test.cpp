#include "provider/tfvalue/json_codec.hpp"

#include <gtest/gtest.h>

namespace atlas::provider::tfvalue {
namespace {

Value MustDecode(std::string_view json, const Type& t, JsonDecodeOptions options = {}) {
  auto r = DecodeJson(json, t, options);
  EXPECT_TRUE(r.ok()) << json << ": " << r.ErrorString();
  return r.ok() ? *r : Value();
}

std::string MustEncode(const Value& v, const Type& t) {
  auto r = EncodeJson(v, t);
  EXPECT_TRUE(r.ok()) << r.ErrorString();
  return r.ok() ? *r : std::string();
}

TEST(JsonCodecTest, StateObjectWithMissingAndUnknownAttributes) {
  Type t = Type::Object(
      {{"id", Type::String()}, {"name", Type::String()}, {"tags", Type::List(Type::String())}});
  Value v = MustDecode(R"({"id": "x", "removed_in_v2": 5, "tags": ["a", "b"]})", t);
  EXPECT_EQ(v, ObjectVal({{"id", StringVal("x")},
                          {"name", NullVal(Type::String())},
                          {"tags", ListVal(Type::String(), {StringVal("a"), StringVal("b")})}}));
  auto strict = DecodeJson(R"({"id": "x", "removed_in_v2": 5})", t, JsonDecodeOptions{false});
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.diags().items()[0].detail, "unsupported attribute \"removed_in_v2\"");
}

TEST(JsonCodecTest, NumbersAreExact) {
  Type t = Type::Object({{"n", Type::Number()}});
  EXPECT_EQ(MustDecode(R"({"n": 0.1})", t).GetAttr("n").AsNumber().ToString(), "0.1");
  EXPECT_EQ(
      MustDecode(R"({"n": 123456789012345678901234567890})", t).GetAttr("n").AsNumber().ToString(),
      "123456789012345678901234567890");
  EXPECT_EQ(MustDecode(R"({"n": 9223372036854775808})", t).GetAttr("n").AsNumber().ToString(),
            "9223372036854775808");
  EXPECT_EQ(MustDecode(R"({"n": 1e400})", t).GetAttr("n").AsNumber().ToString(),
            "1" + std::string(400, '0'));
  EXPECT_EQ(MustDecode(R"({"n": "12.50"})", t).GetAttr("n").AsNumber().ToString(), "12.5");
  EXPECT_EQ(MustEncode(MustDecode(R"({"n": 0.1})", t), t), R"({"n":0.1})");
  EXPECT_EQ(MustEncode(MustDecode(R"({"n": 1.0E2})", t), t), R"({"n":100})");
}

TEST(JsonCodecTest, PrimitiveConversionsAsCty) {
  EXPECT_EQ(MustDecode("5", Type::String()), StringVal("5"));
  EXPECT_EQ(MustDecode("true", Type::String()), StringVal("true"));
  EXPECT_EQ(MustDecode(R"("true")", Type::Bool()), BoolVal(true));
  EXPECT_EQ(MustDecode(R"("0")", Type::Bool()), BoolVal(false));
  EXPECT_FALSE(DecodeJson(R"("yes")", Type::Bool()).ok());
  EXPECT_FALSE(DecodeJson("[]", Type::String()).ok());
  EXPECT_FALSE(DecodeJson("true", Type::Number()).ok());
  EXPECT_EQ(MustDecode("null", Type::List(Type::String())), NullVal(Type::List(Type::String())));
}

TEST(JsonCodecTest, CollectionsAndTuples) {
  Type s = Type::Set(Type::String());
  EXPECT_EQ(MustDecode(R"(["b","a","b"])", s),
            SetVal(Type::String(), {StringVal("a"), StringVal("b")}));
  Type m = Type::Map(Type::Number());
  EXPECT_EQ(MustEncode(MustDecode(R"({"z": 1, "a": 2})", m), m), R"({"a":2,"z":1})");
  Type tt = Type::Tuple({Type::String(), Type::Number()});
  EXPECT_EQ(MustDecode(R"(["a", 1])", tt), TupleVal({StringVal("a"), NumberIntVal(1)}));
  EXPECT_FALSE(DecodeJson(R"(["a"])", tt).ok());
}

TEST(JsonCodecTest, DynamicValues) {
  Type t = Type::Object({{"d", Type::Dynamic()}});
  Value v = MustDecode(R"({"d": {"value": {"a": 1}, "type": ["object", {"a": "number"}]}})", t);
  EXPECT_EQ(v.GetAttr("d"), ObjectVal({{"a", NumberIntVal(1)}}));
  EXPECT_EQ(MustEncode(v, t), R"({"d":{"value":{"a":1},"type":["object",{"a":"number"}]}})");
  EXPECT_FALSE(DecodeJson(R"({"d": {"value": 1}})", t).ok());
  EXPECT_TRUE(MustDecode(R"({"d": null})", t).GetAttr("d").IsNull());
}

TEST(JsonCodecTest, EncodeEscapesLikeGo) {
  EXPECT_EQ(MustEncode(StringVal("a\"b\\c\n<&>\x01 \xe2\x80\xa8 é"), Type::String()),
            "\"a\\\"b\\\\c\\n\\u003c\\u0026\\u003e\\u0001 \\u2028 é\"");
}

TEST(JsonCodecTest, EncodeRejectsUnknownAndInfinity) {
  auto r = EncodeJson(ObjectVal({{"a", UnknownVal(Type::String())}}),
                      Type::Object({{"a", Type::String()}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items()[0].detail, "a: value is not known");
  EXPECT_FALSE(EncodeJson(NumberVal(Number::PositiveInfinity()), Type::Number()).ok());
}

TEST(JsonCodecTest, InvalidJsonIsAnError) {
  auto r = DecodeJson(R"({"a": )", Type::Object({{"a", Type::String()}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items()[0].summary, "Invalid JSON");
  EXPECT_FALSE(DecodeJson(R"({"a": "x"} extra)", Type::Object({{"a", Type::String()}})).ok());
  EXPECT_FALSE(DecodeJson(R"({"a": 01})", Type::Object({{"a", Type::Number()}})).ok());
}

TEST(JsonCodecTest, StringEscapesDecode) {
  EXPECT_EQ(MustDecode(R"("a\u00e9\ud83d\ude00\n\/")", Type::String()).AsString(),
            "a\xc3\xa9\xf0\x9f\x98\x80\n/");
}

}  // namespace
}  // namespace atlas::provider::tfvalue
