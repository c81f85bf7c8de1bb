#include "provider/tfvalue/msgpack_codec.hpp"

#include <string>

#include <gtest/gtest.h>

#include "provider/tfvalue/json_codec.hpp"
#include "tests/unit/provider/tfvalue/hex_util.hpp"

namespace atlas::provider::tfvalue {
namespace {

using testing::FromHex;
using testing::ToHex;

std::string Encode(const Value& v, const Type& t) {
  auto r = EncodeMsgpack(v, t);
  EXPECT_TRUE(r.ok()) << r.ErrorString();
  return r.ok() ? ToHex(*r) : std::string();
}

Value Decode(std::string_view hex, const Type& t) {
  auto r = DecodeMsgpack(FromHex(hex), t);
  EXPECT_TRUE(r.ok()) << r.ErrorString();
  return r.ok() ? *r : Value();
}

// ---- protocol doc §4.6 ----

TEST(MsgpackCodecTest, ExampleADataSourceConfigAndAnswer) {
  Type t =
      Type::Object({{"url", Type::String()}, {"id", Type::String()}, {"size", Type::Number()}});
  const char* config_hex =
      "83 a2 69 64 c0 a4 73 69 7a 65 c0 a3 75 72 6c ad 73 71 6c 69 74 65 3a 2f 2f 66 69 6c 65";
  Value config = Decode(config_hex, t);
  EXPECT_EQ(config, ObjectVal({{"id", NullVal(Type::String())},
                               {"size", NullVal(Type::Number())},
                               {"url", StringVal("sqlite://file")}}));
  EXPECT_EQ(Encode(config, t), config_hex);

  Value answer = config.SetAttr("id", StringVal("ds")).SetAttr("size", NumberIntVal(42));
  EXPECT_EQ(Encode(answer, t),
            "83 a2 69 64 a2 64 73 a4 73 69 7a 65 2a a3 75 72 6c ad 73 71 6c 69 74 65 3a 2f 2f 66 "
            "69 6c 65");
}

Type ExampleBType() {
  Type column = Type::Object({{"name", Type::String()}, {"type", Type::String()}});
  Type pk = Type::Object({{"columns", Type::List(Type::String())}});
  return Type::Object({{"id", Type::String()},
                       {"name", Type::String()},
                       {"comment", Type::String()},
                       {"column", Type::List(column)},
                       {"pk", pk}});
}

TEST(MsgpackCodecTest, ExampleBPlannedCreateWithUnknownsAndBlocks) {
  Type t = ExampleBType();
  Type column = t.AttributeType("column").ElementType();
  Value planned = ObjectVal({
      {"column", ListVal(column, {ObjectVal({{"name", StringVal("id")},
                                             {"type", UnknownVal(Type::String())}})})},
      {"comment", NullVal(Type::String())},
      {"id", UnknownVal(Type::String())},
      {"name", StringVal("users")},
      {"pk", NullVal(t.AttributeType("pk"))},
  });
  const char* hex =
      "85 a6 63 6f 6c 75 6d 6e 91 82 a4 6e 61 6d 65 a2 69 64 a4 74 79 70 65 d4 00 00 "
      "a7 63 6f 6d 6d 65 6e 74 c0 a2 69 64 d4 00 00 a4 6e 61 6d 65 a5 75 73 65 72 73 a2 70 6b c0";
  EXPECT_EQ(Encode(planned, t), hex);
  EXPECT_EQ(Decode(hex, t), planned);
}

TEST(MsgpackCodecTest, ExampleBEmptyListBlockAndSingleBlock) {
  Type t = ExampleBType();
  Type column = t.AttributeType("column").ElementType();
  Value planned = ObjectVal({
      {"column", ListValEmpty(column)},
      {"comment", NullVal(Type::String())},
      {"id", UnknownVal(Type::String())},
      {"name", StringVal("users")},
      {"pk", ObjectVal({{"columns", ListVal(Type::String(), {StringVal("id")})}})},
  });
  std::string hex = Encode(planned, t);
  EXPECT_NE(hex.find("a6 63 6f 6c 75 6d 6e 90"), std::string::npos) << hex;
  EXPECT_NE(hex.find("a2 70 6b 81 a7 63 6f 6c 75 6d 6e 73 91 a2 69 64"), std::string::npos) << hex;
  EXPECT_EQ(Decode(hex, t), planned);
}

TEST(MsgpackCodecTest, ExampleCDynamicDecimalStringAndUnknownElement) {
  Type t = Type::Object(
      {{"dyn", Type::Dynamic()}, {"n", Type::Number()}, {"tags", Type::List(Type::String())}});
  const char* hex =
      "83 a3 64 79 6e 92 c4 26 5b 22 6f 62 6a 65 63 74 22 2c 7b 22 61 22 3a 22 6e 75 6d 62 65 72 "
      "22 "
      "2c 22 62 22 3a 22 73 74 72 69 6e 67 22 7d 5d 82 a1 61 01 a1 62 a1 78 "
      "a1 6e a3 30 2e 31 "
      "a4 74 61 67 73 91 d4 00 00";
  Value v = Decode(hex, t);
  Value dyn = v.GetAttr("dyn");
  EXPECT_EQ(dyn.type().ToJson(), R"(["object",{"a":"number","b":"string"}])");
  EXPECT_EQ(dyn, ObjectVal({{"a", NumberIntVal(1)}, {"b", StringVal("x")}}));
  EXPECT_EQ(v.GetAttr("n").AsNumber().ToString(), "0.1");
  ASSERT_EQ(v.GetAttr("tags").Length(), 1u);
  EXPECT_TRUE(v.GetAttr("tags").Index(0).IsUnknown());
  EXPECT_FALSE(v.IsWhollyKnown());
  EXPECT_EQ(v.FirstUnknownPath()->ToString(), "tags[0]");
  EXPECT_EQ(Encode(v, t), hex);
}

TEST(MsgpackCodecTest, ExampleDUpgradeStateJsonToMsgpack) {
  Type t =
      Type::Object({{"comment", Type::String()}, {"id", Type::String()}, {"name", Type::String()}});
  auto v = DecodeJson("{\n  \"comment\": null,\n  \"id\": \"x\",\n  \"name\": \"t\"\n}\n", t);
  ASSERT_TRUE(v.ok()) << v.ErrorString();
  EXPECT_EQ(Encode(*v, t), "83 a7 63 6f 6d 6d 65 6e 74 c0 a2 69 64 a1 78 a4 6e 61 6d 65 a1 74");
}

// ---- numbers (§4.4) ----

TEST(MsgpackCodecTest, NumbersUseSmallestExactEncoding) {
  auto enc = [](std::string_view text) {
    return Encode(NumberVal(*Number::Parse(text)), Type::Number());
  };
  EXPECT_EQ(enc("5"), "05");
  EXPECT_EQ(enc("5.0"), "05");
  EXPECT_EQ(enc("0"), "00");
  EXPECT_EQ(enc("-1"), "ff");
  EXPECT_EQ(enc("-32"), "e0");
  EXPECT_EQ(enc("-33"), "d0 df");
  EXPECT_EQ(enc("-100"), "d0 9c");
  EXPECT_EQ(enc("127"), "7f");
  EXPECT_EQ(enc("200"), "cc c8");
  EXPECT_EQ(enc("300"), "cd 01 2c");
  EXPECT_EQ(enc("70000"), "ce 00 01 11 70");
  EXPECT_EQ(enc("-70000"), "d2 ff fe ee 90");
  EXPECT_EQ(enc("5000000000"), "cf 00 00 00 01 2a 05 f2 00");
  EXPECT_EQ(enc("-9223372036854775808"), "d3 80 00 00 00 00 00 00 00");
  EXPECT_EQ(enc("1.5"), "cb 3f f8 00 00 00 00 00 00");
  EXPECT_EQ(enc("0.1"), "a3 30 2e 31");
  EXPECT_EQ(enc("9223372036854775808"),
            "b3 39 32 32 33 33 37 32 30 33 36 38 35 34 37 37 35 38 30 38");
  EXPECT_EQ(enc("+Inf"), "cb 7f f0 00 00 00 00 00 00");
  EXPECT_EQ(enc("-Inf"), "cb ff f0 00 00 00 00 00 00");
  // Integers beyond int64 are strings even when a double holds them exactly (go-cty order).
  EXPECT_EQ(enc("1e20"), ToHex(std::string("\xb5") + "100000000000000000000"));
  std::string big = "1" + std::string(400, '0');
  EXPECT_EQ(enc("1e400"), ToHex(std::string("\xda\x01\x91", 3) + big));
}

TEST(MsgpackCodecTest, NumbersDecodeFromEveryForm) {
  auto dec = [](std::string_view hex) { return Decode(hex, Type::Number()).AsNumber().ToString(); };
  EXPECT_EQ(dec("05"), "5");
  EXPECT_EQ(dec("ff"), "-1");
  EXPECT_EQ(dec("d0 9c"), "-100");
  EXPECT_EQ(dec("cc c8"), "200");
  EXPECT_EQ(dec("cd 01 2c"), "300");
  EXPECT_EQ(dec("ce 00 01 11 70"), "70000");
  EXPECT_EQ(dec("cf ff ff ff ff ff ff ff ff"), "18446744073709551615");
  EXPECT_EQ(dec("d1 ff 38"), "-200");
  EXPECT_EQ(dec("d2 ff fe ee 90"), "-70000");
  EXPECT_EQ(dec("d3 80 00 00 00 00 00 00 00"), "-9223372036854775808");
  EXPECT_EQ(dec("ca 3f c0 00 00"), "1.5");
  EXPECT_EQ(dec("cb 3f f8 00 00 00 00 00 00"), "1.5");
  EXPECT_EQ(dec("a3 30 2e 31"), "0.1");
  EXPECT_EQ(dec("a5 31 65 34 30 30"), "1" + std::string(400, '0'));  // "1e400"
  EXPECT_EQ(dec("c4 03 31 2e 35"), "1.5");                           // bin accepted like str
  // uint64 beyond int64 re-encodes as a decimal string.
  EXPECT_EQ(Encode(Decode("cf ff ff ff ff ff ff ff ff", Type::Number()), Type::Number()),
            ToHex(std::string("\xb4") + "18446744073709551615"));
}

TEST(MsgpackCodecTest, InvalidNumbersAreErrors) {
  auto r = DecodeMsgpack(FromHex("a3 61 62 63"), Type::Number());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items()[0].detail, "number is required (invalid number \"abc\")");
  EXPECT_FALSE(DecodeMsgpack(FromHex("cb 7f f8 00 00 00 00 00 00"), Type::Number()).ok());  // NaN
  EXPECT_FALSE(DecodeMsgpack(FromHex("c3"), Type::Number()).ok());
}

// ---- unknowns and refinements (§4.3) ----

TEST(MsgpackCodecTest, PlainUnknown) {
  Value v = Decode("d4 00 00", Type::String());
  EXPECT_TRUE(v.IsUnknown());
  EXPECT_TRUE(v.refinements().empty());
  EXPECT_EQ(Encode(v, Type::String()), "d4 00 00");
  EXPECT_EQ(Encode(UnknownVal(Type::List(Type::String())), Type::List(Type::String())), "d4 00 00");
}

TEST(MsgpackCodecTest, RefinedUnknownObservedExample) {
  const char* hex = "c7 09 0c 82 01 c2 02 a4 70 72 65 2d";
  Value v = Decode(hex, Type::String());
  ASSERT_TRUE(v.IsUnknown());
  EXPECT_TRUE(v.refinements().not_null);
  EXPECT_EQ(v.refinements().string_prefix, "pre-");
  EXPECT_EQ(Encode(v, Type::String()), hex);
  EXPECT_EQ(Encode(v.StripRefinements(), Type::String()), "d4 00 00");
}

TEST(MsgpackCodecTest, NumberAndLengthRefinementsRoundTrip) {
  Refinements num;
  num.not_null = true;
  num.number_lower = NumberBound{Number::FromInt64(0), true};
  num.number_upper = NumberBound{Number::FromInt64(10), false};
  Value n = UnknownVal(Type::Number(), num);
  const char* n_hex = "c7 0b 0c 83 01 c2 03 92 00 c3 04 92 0a c2";
  EXPECT_EQ(Encode(n, Type::Number()), n_hex);
  EXPECT_EQ(Decode(n_hex, Type::Number()), n);

  Refinements len;
  len.length_lower = 1;
  len.length_upper = 3;
  Type list = Type::List(Type::String());
  Value l = UnknownVal(list, len);
  EXPECT_EQ(Encode(l, list), "c7 05 0c 82 05 01 06 03");
  EXPECT_EQ(Decode("c7 05 0c 82 05 01 06 03", list), l);
  Refinements lower_only;
  lower_only.length_lower = 200;
  // A 4-byte payload gets the fixext4 header.
  EXPECT_EQ(Encode(UnknownVal(list, lower_only), list), "d6 0c 81 05 cc c8");
  EXPECT_EQ(Decode("d6 0c 81 05 cc c8", list), UnknownVal(list, lower_only));

  Refinements zero_lower;
  zero_lower.length_lower = 0;  // not written, as go-cty
  EXPECT_EQ(Encode(UnknownVal(list, zero_lower), list), "d4 00 00");
}

TEST(MsgpackCodecTest, AnyExtensionDecodesAsUnknown) {
  EXPECT_TRUE(Decode("d4 05 01", Type::String()).IsUnknown());
  EXPECT_TRUE(Decode("d6 07 01 02 03 04", Type::String()).IsUnknown());
  EXPECT_TRUE(Decode("c7 00 00", Type::Bool()).IsUnknown());
  // An empty refinement map (with a padding byte) is a plain unknown.
  Value empty = Decode("d5 0c 80 00", Type::Number());
  EXPECT_TRUE(empty.IsUnknown());
  EXPECT_TRUE(empty.refinements().empty());
  // Unknown refinement keys are skipped.
  Value v = Decode("c7 07 0c 82 09 a2 68 69 01 c2", Type::String());
  EXPECT_TRUE(v.IsUnknown());
  EXPECT_TRUE(v.refinements().not_null);
  EXPECT_FALSE(v.refinements().string_prefix.has_value());
  // Nullness "true" collapses to a known null.
  EXPECT_TRUE(Decode("c7 03 0c 81 01 c3", Type::String()).IsNull());
}

TEST(MsgpackCodecTest, RefinementForWrongTypeIsAnError) {
  auto r = DecodeMsgpack(FromHex("c7 06 0c 81 02 a3 61 62 63"), Type::Number());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.diags().items()[0].detail.find("string prefix refinement for non-string type"),
            std::string::npos);
}

// ---- dynamic (§4.2) ----

TEST(MsgpackCodecTest, DynamicValues) {
  Type d = Type::Dynamic();
  EXPECT_TRUE(Decode("c0", d).IsNull());
  EXPECT_TRUE(Decode("d4 00 00", d).IsUnknown());
  EXPECT_EQ(Encode(NullVal(d), d), "c0");
  EXPECT_EQ(Encode(DynamicVal(), d), "d4 00 00");

  const char* unknown_string = "92 c4 08 22 73 74 72 69 6e 67 22 d4 00 00";
  Value u = Decode(unknown_string, d);
  EXPECT_TRUE(u.IsUnknown());
  EXPECT_EQ(u.type(), Type::String());
  EXPECT_EQ(Encode(u, d), unknown_string);

  // Type JSON as str is accepted too; a typed null is wrapped.
  Value typed_null = Decode("92 a8 22 73 74 72 69 6e 67 22 c0", d);
  EXPECT_TRUE(typed_null.IsNull());
  EXPECT_EQ(typed_null.type(), Type::String());
  EXPECT_EQ(Encode(typed_null, d), "92 c4 08 22 73 74 72 69 6e 67 22 c0");

  EXPECT_EQ(Encode(StringVal("x"), d), "92 c4 08 22 73 74 72 69 6e 67 22 a1 78");
}

// ---- collections and objects ----

TEST(MsgpackCodecTest, SetsDeduplicateAndCompareUnordered) {
  Type t = Type::Set(Type::Number());
  Value v = Decode("93 01 01 02", t);
  EXPECT_EQ(v.Length(), 2u);
  EXPECT_EQ(v, Decode("92 02 01", t));
  EXPECT_EQ(Encode(SetValEmpty(Type::Number()), t), "90");
  EXPECT_EQ(Decode("c0", t), NullVal(t));
}

TEST(MsgpackCodecTest, MapsAndTuples) {
  Type m = Type::Map(Type::Number());
  Value mv = MapVal(Type::Number(), {{"b", NumberIntVal(2)}, {"a", NumberIntVal(1)}});
  EXPECT_EQ(Encode(mv, m), "82 a1 61 01 a1 62 02");
  EXPECT_EQ(Decode("82 a1 62 02 a1 61 01", m), mv);

  Type tt = Type::Tuple({Type::String(), Type::Bool()});
  Value tv = TupleVal({StringVal("a"), BoolVal(true)});
  EXPECT_EQ(Encode(tv, tt), "92 a1 61 c3");
  EXPECT_EQ(Decode("92 a1 61 c3", tt), tv);
  EXPECT_FALSE(DecodeMsgpack(FromHex("91 a1 61"), tt).ok());
}

TEST(MsgpackCodecTest, LongStringsAndArrays) {
  std::string s40(40, 'x');
  EXPECT_EQ(Encode(StringVal(s40), Type::String()).substr(0, 5), "d9 28");
  std::string s300(300, 'y');
  EXPECT_EQ(Encode(StringVal(s300), Type::String()).substr(0, 8), "da 01 2c");
  EXPECT_EQ(Decode(Encode(StringVal(s300), Type::String()), Type::String()).AsString(), s300);
  std::vector<Value> many(20, StringVal("a"));
  Type lt = Type::List(Type::String());
  std::string hex = Encode(ListVal(Type::String(), many), lt);
  EXPECT_EQ(hex.substr(0, 8), "dc 00 14");
  EXPECT_EQ(Decode(hex, lt).Length(), 20u);
}

TEST(MsgpackCodecTest, ObjectsFillMissingAttributesAndRejectUnknownOnes) {
  Type t = Type::Object({{"a", Type::String()}, {"b", Type::Bool()}});
  EXPECT_EQ(Decode("81 a1 61 a1 78", t),
            ObjectVal({{"a", StringVal("x")}, {"b", NullVal(Type::Bool())}}));
  EXPECT_EQ(Decode("80", t), ObjectValOfType(t, {}));
  auto r = DecodeMsgpack(FromHex("81 a1 7a c0"), t);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items()[0].detail, "z: unsupported attribute");
}

TEST(MsgpackCodecTest, ErrorsCarryPaths) {
  Type t = Type::Object({{"rules", Type::List(Type::Object({{"name", Type::String()}}))}});
  auto r = DecodeMsgpack(FromHex("81 a5 72 75 6c 65 73 91 81 a4 6e 61 6d 65 c3"), t);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items()[0].summary, "Invalid msgpack value");
  EXPECT_EQ(r.diags().items()[0].detail, "rules[0].name: string is required");
}

TEST(MsgpackCodecTest, TruncatedAndTrailingDataAreErrors) {
  EXPECT_FALSE(DecodeMsgpack(FromHex(""), Type::String()).ok());
  EXPECT_FALSE(DecodeMsgpack(FromHex("a3 61 62"), Type::String()).ok());
  EXPECT_FALSE(DecodeMsgpack(FromHex("92 01"), Type::List(Type::Number())).ok());
  auto r = DecodeMsgpack(FromHex("01 02"), Type::Number());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items()[0].detail, "unexpected data after the value at byte 1");
}

TEST(MsgpackCodecTest, EncodeRejectsNonConformingValues) {
  auto r = EncodeMsgpack(StringVal("x"), Type::Number());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items()[0].detail, "value \"x\" does not conform to type \"number\"");
  Type t = Type::Object({{"a", Type::String()}});
  EXPECT_FALSE(EncodeMsgpack(ObjectVal({{"b", StringVal("x")}}), t).ok());
}

TEST(MsgpackCodecTest, RoundTripNestedValue) {
  Type t = Type::Object({{"m", Type::Map(Type::List(Type::Number()))},
                         {"s", Type::Set(Type::String())},
                         {"o", Type::Object({{"x", Type::Bool()}})}});
  Value v = ObjectVal({
      {"m",
       MapVal(Type::List(Type::Number()),
              {{"k", ListVal(Type::Number(),
                             {NumberVal(*Number::Parse("0.1")), NumberIntVal(-7),
                              NumberVal(*Number::Parse("123456789012345678901234567890"))})}})},
      {"s", SetVal(Type::String(), {StringVal("b"), StringVal("a")})},
      {"o", ObjectVal({{"x", UnknownVal(Type::Bool())}})},
  });
  auto bytes = EncodeMsgpack(v, t);
  ASSERT_TRUE(bytes.ok());
  auto back = DecodeMsgpack(*bytes, t);
  ASSERT_TRUE(back.ok()) << back.ErrorString();
  EXPECT_EQ(*back, v);
}

}  // namespace
}  // namespace atlas::provider::tfvalue
