#include "provider/tfvalue/number.hpp"

#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace atlas::provider::tfvalue {
namespace {

Number P(std::string_view s) {
  auto n = Number::Parse(s);
  EXPECT_TRUE(n.has_value()) << s;
  return n.value_or(Number());
}

TEST(NumberTest, ParseCanonicalizes) {
  EXPECT_EQ(P("5").ToString(), "5");
  EXPECT_EQ(P("5.0").ToString(), "5");
  EXPECT_EQ(P("0.5e1").ToString(), "5");
  EXPECT_EQ(P("+5").ToString(), "5");
  EXPECT_EQ(P("-12.50").ToString(), "-12.5");
  EXPECT_EQ(P("0.001").ToString(), "0.001");
  EXPECT_EQ(P("1e-3").ToString(), "0.001");
  EXPECT_EQ(P(".5").ToString(), "0.5");
  EXPECT_EQ(P("5.").ToString(), "5");
  EXPECT_EQ(P("-0").ToString(), "0");
  EXPECT_EQ(P("000120").ToString(), "120");
  EXPECT_EQ(P("1.5E+2").ToString(), "150");
  EXPECT_EQ(P("Inf").ToString(), "+Inf");
  EXPECT_EQ(P("-inf").ToString(), "-Inf");
}

TEST(NumberTest, ParseRejectsInvalidText) {
  for (const char* bad :
       {"", "-", "+", ".", "1e", "1e+", "abc", "1.2.3", " 1", "1 ", "0x10", "1e999999999999999"}) {
    EXPECT_FALSE(Number::Parse(bad).has_value()) << bad;
  }
}

TEST(NumberTest, EqualityIsNumeric) {
  EXPECT_EQ(P("5"), P("5.0"));
  EXPECT_EQ(P("5"), Number::FromInt64(5));
  EXPECT_EQ(P("0"), P("-0.000"));
  EXPECT_NE(P("0.1"), P("0.10000000000000001"));
}

TEST(NumberTest, OrderingIsTotal) {
  std::vector<Number> ascending = {Number::NegativeInfinity(),
                                   P("-1e400"),
                                   P("-2"),
                                   P("-1.5"),
                                   P("0"),
                                   P("0.001"),
                                   P("0.1"),
                                   P("1"),
                                   P("10"),
                                   P("9223372036854775808"),
                                   P("1e400"),
                                   Number::PositiveInfinity()};
  for (size_t i = 0; i < ascending.size(); ++i) {
    for (size_t j = 0; j < ascending.size(); ++j) {
      EXPECT_EQ(ascending[i] < ascending[j], i < j)
          << ascending[i].ToString() << " vs " << ascending[j].ToString();
    }
  }
}

TEST(NumberTest, BigNumbersKeepEveryDigit) {
  EXPECT_EQ(P("9223372036854775808").ToString(), "9223372036854775808");
  EXPECT_EQ(P("123456789012345678901234567890.000000000000000000001").ToString(),
            "123456789012345678901234567890.000000000000000000001");
  EXPECT_EQ(P("1e400").ToString(), "1" + std::string(400, '0'));
  EXPECT_EQ(P("1e-5").ToString(), "0.00001");
}

TEST(NumberTest, Int64Conversion) {
  EXPECT_EQ(P("9223372036854775807").ToInt64(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(P("-9223372036854775808").ToInt64(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(P("9223372036854775808").ToInt64(), std::nullopt);
  EXPECT_EQ(P("-9223372036854775809").ToInt64(), std::nullopt);
  EXPECT_EQ(P("1.5").ToInt64(), std::nullopt);
  EXPECT_EQ(P("7e2").ToInt64(), 700);
  EXPECT_EQ(Number::FromInt64(std::numeric_limits<int64_t>::min()).ToString(),
            "-9223372036854775808");
  EXPECT_EQ(Number::FromUint64(std::numeric_limits<uint64_t>::max()).ToString(),
            "18446744073709551615");
}

TEST(NumberTest, ExactDoubleOnlyWhenExact) {
  EXPECT_EQ(P("1.5").ToExactDouble(), 1.5);
  EXPECT_EQ(P("-0.25").ToExactDouble(), -0.25);
  EXPECT_EQ(P("0.1").ToExactDouble(), std::nullopt);
  EXPECT_EQ(P("1e400").ToExactDouble(), std::nullopt);
  EXPECT_EQ(P("9007199254740993").ToExactDouble(), std::nullopt);  // 2^53 + 1
  EXPECT_EQ(P("9007199254740992").ToExactDouble(), 9007199254740992.0);
  EXPECT_EQ(P("+Inf").ToExactDouble(), std::numeric_limits<double>::infinity());
}

TEST(NumberTest, FromDoubleIsExactExpansion) {
  EXPECT_EQ(Number::FromDouble(0.1)->ToString(),
            "0.1000000000000000055511151231257827021181583404541015625");
  EXPECT_EQ(Number::FromDouble(1.5)->ToString(), "1.5");
  EXPECT_EQ(Number::FromDouble(-3.0)->ToString(), "-3");
  EXPECT_EQ(Number::FromDouble(1e20)->ToString(), "100000000000000000000");
  EXPECT_EQ(Number::FromDouble(0.0)->ToString(), "0");
  EXPECT_FALSE(Number::FromDouble(std::numeric_limits<double>::quiet_NaN()).has_value());
  EXPECT_TRUE(Number::FromDouble(std::numeric_limits<double>::infinity())->IsPositiveInfinity());
  // The smallest subnormal round-trips.
  double tiny = std::numeric_limits<double>::denorm_min();
  EXPECT_EQ(Number::FromDouble(tiny)->ToExactDouble(), tiny);
}

TEST(NumberTest, ToDoubleApproximates) {
  EXPECT_EQ(P("0.1").ToDouble(), 0.1);
  EXPECT_EQ(P("1e400").ToDouble(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(P("-1e400").ToDouble(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(P("1e-400").ToDouble(), 0.0);
}

}  // namespace
}  // namespace atlas::provider::tfvalue
