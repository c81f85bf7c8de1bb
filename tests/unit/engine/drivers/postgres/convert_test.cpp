#include "engine/drivers/postgres/convert.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/drivers/postgres/diff.hpp"

namespace atlas::engine::drivers::postgres {
namespace {

struct TypeCase {
  std::string in;
  std::string out;
};

class NormalizeTypeTest : public ::testing::TestWithParam<TypeCase> {};

TEST_P(NormalizeTypeTest, PrintsAtlasCanonicalSpelling) {
  EXPECT_EQ(NormalizeType(GetParam().in), GetParam().out) << GetParam().in;
}

INSTANTIATE_TEST_SUITE_P(
    Types, NormalizeTypeTest,
    ::testing::Values(
        TypeCase{"int4", "integer"}, TypeCase{"INT", "integer"}, TypeCase{"integer", "integer"},
        TypeCase{"int2", "smallint"}, TypeCase{"int8", "bigint"}, TypeCase{"serial4", "serial"},
        TypeCase{"serial8", "bigserial"}, TypeCase{"SMALLSERIAL", "smallserial"},
        TypeCase{"bool", "boolean"}, TypeCase{"float4", "real"},
        TypeCase{"float8", "double precision"}, TypeCase{"float", "double precision"},
        TypeCase{"float(10)", "real"}, TypeCase{"float(30)", "double precision"},
        TypeCase{"decimal", "numeric"}, TypeCase{"numeric(10,2)", "numeric(10,2)"},
        TypeCase{"NUMERIC ( 10 , 2 )", "numeric(10,2)"}, TypeCase{"numeric(5,0)", "numeric(5)"},
        TypeCase{"decimal(5)", "numeric(5)"}, TypeCase{"varchar(255)", "character varying(255)"},
        TypeCase{"character varying(255)", "character varying(255)"},
        TypeCase{"varchar", "character varying"}, TypeCase{"char", "character(1)"},
        TypeCase{"char(5)", "character(5)"}, TypeCase{"bpchar", "bpchar"},
        TypeCase{"character(5)", "character(5)"}, TypeCase{"bit", "bit"}, TypeCase{"bit(1)", "bit"},
        TypeCase{"bit(8)", "bit(8)"}, TypeCase{"varbit", "bit varying"},
        TypeCase{"varbit(5)", "bit varying(5)"}, TypeCase{"bit varying(5)", "bit varying(5)"},
        TypeCase{"timestamp(3) with time zone", "timestamptz(3)"},
        TypeCase{"timestamp with time zone", "timestamptz"},
        TypeCase{"timestamptz(6)", "timestamptz"},
        TypeCase{"timestamp without time zone", "timestamp"},
        TypeCase{"timestamp(0)", "timestamp(0)"}, TypeCase{"time with time zone", "timetz"},
        TypeCase{"time(0) without time zone", "time(0)"}, TypeCase{"timetz(3)", "timetz(3)"},
        TypeCase{"interval", "interval"},
        TypeCase{"interval day to second(3)", "interval day to second(3)"},
        TypeCase{"interval(6)", "interval"}, TypeCase{"INTERVAL YEAR", "interval year"},
        TypeCase{"jsonb", "jsonb"}, TypeCase{"UUID", "uuid"}, TypeCase{"money", "money"},
        TypeCase{"int[]", "integer[]"}, TypeCase{"int4[][]", "integer[]"},
        TypeCase{"integer ARRAY", "integer[]"}, TypeCase{"text[3]", "text[]"},
        TypeCase{"varchar(10)[]", "character varying(10)[]"}, TypeCase{"\"MyType\"", "\"MyType\""},
        TypeCase{"public.status", "public.status"}));

TEST(PostgresConvertTest, SerialTypes) {
  EXPECT_EQ(SerialBaseType("serial"), "integer");
  EXPECT_EQ(SerialBaseType("bigserial"), "bigint");
  EXPECT_EQ(SerialBaseType("smallserial"), "smallint");
  EXPECT_EQ(SerialBaseType("integer"), "");
  EXPECT_EQ(SerialForInteger("bigint"), "bigserial");
  EXPECT_EQ(SerialForInteger("text"), "");
}

struct DefaultCase {
  std::string expr;
  TypeCategory category;
  std::optional<std::string> literal;
};

class DefaultLiteralTest : public ::testing::TestWithParam<DefaultCase> {};

TEST_P(DefaultLiteralTest, SplitsLiteralsFromExpressions) {
  EXPECT_EQ(DefaultLiteral(GetParam().expr, GetParam().category), GetParam().literal)
      << GetParam().expr;
}

INSTANTIATE_TEST_SUITE_P(
    Defaults, DefaultLiteralTest,
    ::testing::Values(DefaultCase{"0", TypeCategory::kNumeric, "0"},
                      DefaultCase{"1.5", TypeCategory::kNumeric, "1.5"},
                      DefaultCase{"'-1'::integer", TypeCategory::kNumeric, "-1"},
                      DefaultCase{"true", TypeCategory::kBool, "true"},
                      DefaultCase{"'anon'::text", TypeCategory::kQuoted, "'anon'"},
                      DefaultCase{"'it''s'::character varying", TypeCategory::kQuoted, "'it''s'"},
                      DefaultCase{"'{}'::text[]", TypeCategory::kQuoted, "'{}'"},
                      DefaultCase{"'active'::public.status", TypeCategory::kEnum, "'active'"},
                      DefaultCase{"'2020-01-01'::date", TypeCategory::kQuoted, "'2020-01-01'"},
                      DefaultCase{"'1 day'::interval", TypeCategory::kOther, std::nullopt},
                      DefaultCase{"now()", TypeCategory::kQuoted, std::nullopt},
                      DefaultCase{"CURRENT_TIMESTAMP", TypeCategory::kQuoted, std::nullopt},
                      DefaultCase{"'a'::text || 'b'::text", TypeCategory::kQuoted, std::nullopt},
                      DefaultCase{"nextval('s'::regclass)", TypeCategory::kNumeric, std::nullopt}));

TEST(PostgresConvertTest, DefaultLiteralSql) {
  EXPECT_EQ(DefaultLiteralSql("0", "integer", false), "0");
  EXPECT_EQ(DefaultLiteralSql("true", "boolean", false), "true");
  EXPECT_EQ(DefaultLiteralSql("abc", "text", false), "'abc'");
  EXPECT_EQ(DefaultLiteralSql("'abc'", "text", false), "'abc'");
  EXPECT_EQ(DefaultLiteralSql("1", "text", false), "'1'");
  EXPECT_EQ(DefaultLiteralSql("active", "status", true), "'active'");
  // money keeps a bare number: '0' would be stored (and inspected back) as '$0.00'::money.
  EXPECT_EQ(DefaultLiteralSql("0", "money", false), "0");
  EXPECT_EQ(DefaultLiteralSql("1.5", "money", false), "1.5");
  EXPECT_EQ(DefaultLiteralSql("'$1.00'", "money", false), "'$1.00'");
  EXPECT_EQ(DefaultLiteralSql("1", "interval", false), "'1'");
}

TEST(PostgresConvertTest, QuotingHelpers) {
  EXPECT_TRUE(IsSingleQuoted("'a'"));
  EXPECT_TRUE(IsSingleQuoted("'it''s'"));
  EXPECT_FALSE(IsSingleQuoted("'a' || 'b'"));
  EXPECT_FALSE(IsSingleQuoted("a"));
  EXPECT_EQ(QuoteLiteral("O'Brien"), "'O''Brien'");
  EXPECT_EQ(MayWrap("a > 0"), "(a > 0)");
  EXPECT_EQ(MayWrap("(a > 0)"), "(a > 0)");
  EXPECT_EQ(MayWrap("(a) + (b)"), "((a) + (b))");
  EXPECT_EQ(Unwrap(" (a > 0) "), "a > 0");
  EXPECT_EQ(TrimCast("'a'::text"), "'a'");
  EXPECT_EQ(TrimCast("'{}'::text[]"), "'{}'::text[]");
  EXPECT_EQ(StripCasts("'{}'::text[]"), "'{}'");
  EXPECT_EQ(StripCasts("'a'::public.status"), "'a'");
  EXPECT_EQ(StripCasts("now()"), "now()");
  EXPECT_EQ(TextArrayLiteral({"a", "b\"c", "d\\e"}), R"({"a","b\"c","d\\e"})");
  EXPECT_EQ(ParseJsonStrings(R"(["a","it's"])"), (std::vector<std::string>{"a", "it's"}));
  EXPECT_EQ(ParseJsonStrings("[1]"), std::nullopt);
}

}  // namespace
}  // namespace atlas::engine::drivers::postgres
