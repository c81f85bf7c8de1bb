#pragma once
// Number: an exact decimal number as cty (go-cty `cty.Number`) carries it, without going through
// `double`. Arbitrary precision: the value is sign × digits × 10^exponent, kept canonical (no
// leading or trailing zeros in `digits`, zero has no sign), so equality is numeric (5 == 5.0 ==
// 5e0). ±Infinity are supported because cty has them (msgpack float64 ±Inf). Plain value;
// thread-compatible.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace atlas::provider::tfvalue {

class Number {
 public:
  // Magnitude limit of the decimal exponent accepted by Parse (guards against "1e999999999").
  static constexpr int64_t kMaxExponent = 100000;

  Number() = default;  // zero

  static Number FromInt64(int64_t v);
  static Number FromUint64(uint64_t v);
  // Exact decimal expansion of a double (every finite double has one). NaN gives nullopt.
  static std::optional<Number> FromDouble(double v);
  // Decimal syntax as Go's big.ParseFloat in base 10: [+-]digits[.digits][(e|E)[+-]digits], also
  // ".5", "5.", and "Inf"/"inf"/"+Inf"/"-Inf". Surrounding whitespace is not accepted.
  static std::optional<Number> Parse(std::string_view text);
  static Number PositiveInfinity();
  static Number NegativeInfinity();

  bool IsZero() const { return special_ == Special::kFinite && digits_.empty(); }
  bool IsNegative() const;  // strictly below zero (including -Inf)
  bool IsInfinity() const { return special_ != Special::kFinite; }
  bool IsPositiveInfinity() const { return special_ == Special::kPositiveInfinity; }
  bool IsNegativeInfinity() const { return special_ == Special::kNegativeInfinity; }
  bool IsInteger() const;  // finite and without fractional part

  // The value as int64_t when it is an integer that fits exactly.
  std::optional<int64_t> ToInt64() const;
  // The value as double when the double holds it exactly (no rounding); ±Inf map to ±Inf.
  std::optional<double> ToExactDouble() const;
  // Nearest double (rounds; may overflow to ±Inf). For display or heuristics only.
  double ToDouble() const;

  // Canonical decimal text, Go `big.Float.Text('f', -1)` style: no exponent, minimal digits:
  // "0", "-12.5", "0.001", "9223372036854775808". Infinity is "+Inf" / "-Inf".
  std::string ToString() const;

  // Total order: -Inf < finite values < +Inf.
  std::strong_ordering operator<=>(const Number& other) const;
  bool operator==(const Number& other) const { return (*this <=> other) == 0; }

 private:
  enum class Special { kFinite, kPositiveInfinity, kNegativeInfinity };

  Number(bool negative, std::string digits, int64_t exponent);
  void Normalize();
  // Compare magnitudes of two finite numbers.
  static std::strong_ordering CompareMagnitude(const Number& a, const Number& b);

  Special special_ = Special::kFinite;
  bool negative_ = false;
  std::string digits_;    // decimal digits, no leading/trailing zeros; empty means zero
  int64_t exponent_ = 0;  // value = digits_ × 10^exponent_
};

}  // namespace atlas::provider::tfvalue
