#include "provider/tfvalue/type.hpp"

#include <gtest/gtest.h>

namespace atlas::provider::tfvalue {
namespace {

TEST(TypeTest, JsonEncodingMatchesGoCty) {
  EXPECT_EQ(Type::String().ToJson(), R"("string")");
  EXPECT_EQ(Type::Number().ToJson(), R"("number")");
  EXPECT_EQ(Type::Bool().ToJson(), R"("bool")");
  EXPECT_EQ(Type::Dynamic().ToJson(), R"("dynamic")");
  EXPECT_EQ(Type::List(Type::String()).ToJson(), R"(["list","string"])");
  EXPECT_EQ(Type::Set(Type::Number()).ToJson(), R"(["set","number"])");
  EXPECT_EQ(Type::Map(Type::List(Type::Bool())).ToJson(), R"(["map",["list","bool"]])");
  EXPECT_EQ(Type::Object({{"name", Type::String()}, {"a", Type::Number()}}).ToJson(),
            R"(["object",{"a":"number","name":"string"}])");
  EXPECT_EQ(Type::Object({{"b", Type::String()}, {"a", Type::Number()}}, {"b", "a"}).ToJson(),
            R"(["object",{"a":"number","b":"string"},["a","b"]])");
  EXPECT_EQ(Type::Tuple({Type::String(), Type::Bool()}).ToJson(), R"(["tuple",["string","bool"]])");
  EXPECT_EQ(Type::Object({}).ToJson(), R"(["object",{}])");
  EXPECT_EQ(Type::List(Type::Object({{"name", Type::String()}, {"type", Type::String()}})).ToJson(),
            R"(["list",["object",{"name":"string","type":"string"}]])");
}

TEST(TypeTest, JsonRoundTrip) {
  for (const char* json :
       {R"("string")", R"("dynamic")", R"(["list","string"])", R"(["set",["map","number"]])",
        R"(["object",{"a":"number","b":["list","string"]},["b"]])",
        R"(["tuple",["string","bool"]])", R"(["tuple",[]])", R"(["object",{}])"}) {
    auto t = Type::FromJson(json);
    ASSERT_TRUE(t.ok()) << json << ": " << t.ErrorString();
    EXPECT_EQ(t->ToJson(), json);
  }
}

TEST(TypeTest, FromJsonAcceptsWhitespace) {
  auto t = Type::FromJson(" [ \"list\" , \"string\" ] ");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, Type::List(Type::String()));
}

TEST(TypeTest, FromJsonRejectsInvalidDescriptions) {
  for (const char* json :
       {R"("strin")", R"(["list"])", R"([1])", R"(["list","string","x"])",
        R"(["object",{},["missing"]])", R"(["object",[]])", R"(["tuple","string"])", R"({"a":1})",
        "", "[", R"(["weird","string"])"}) {
    auto t = Type::FromJson(json);
    EXPECT_FALSE(t.ok()) << json;
  }
}

TEST(TypeTest, EqualityIsStructural) {
  EXPECT_EQ(Type::List(Type::String()), Type::List(Type::String()));
  EXPECT_FALSE(Type::List(Type::String()) == Type::Set(Type::String()));
  EXPECT_FALSE(Type::Object({{"a", Type::String()}}) ==
               Type::Object({{"a", Type::String()}}, {"a"}));
  EXPECT_FALSE(Type::Object({{"a", Type::String()}}) == Type::Object({{"b", Type::String()}}));
}

TEST(TypeTest, AccessorsAndNames) {
  Type obj = Type::Object({{"a", Type::String()}, {"tags", Type::List(Type::String())}});
  EXPECT_TRUE(obj.HasAttribute("tags"));
  EXPECT_FALSE(obj.HasAttribute("x"));
  EXPECT_EQ(obj.AttributeType("tags").ElementType(), Type::String());
  EXPECT_EQ(obj.FriendlyName(), "object");
  EXPECT_EQ(Type::List(Type::String()).FriendlyName(), "list of string");
  EXPECT_FALSE(obj.ContainsDynamic());
  EXPECT_TRUE(Type::Map(Type::Dynamic()).ContainsDynamic());
  EXPECT_THROW(obj.AttributeType("x"), engine::base::InternalError);
  EXPECT_THROW(Type::String().ElementType(), engine::base::InternalError);
}

TEST(TypeTest, ConformsTreatsDynamicAsWildcard) {
  EXPECT_TRUE(Conforms(Type::String(), Type::Dynamic()));
  EXPECT_TRUE(Conforms(Type::Dynamic(), Type::String()));
  EXPECT_TRUE(Conforms(Type::List(Type::String()), Type::List(Type::Dynamic())));
  EXPECT_FALSE(Conforms(Type::List(Type::String()), Type::List(Type::Number())));
  EXPECT_TRUE(Conforms(Type::Object({{"a", Type::String()}}),
                       Type::Object({{"a", Type::String()}}, {"a"})));
  EXPECT_FALSE(
      Conforms(Type::Object({{"a", Type::String()}}), Type::Object({{"b", Type::String()}})));
}

}  // namespace
}  // namespace atlas::provider::tfvalue
