#include "provider/tfvalue/number.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

namespace atlas::provider::tfvalue {

namespace {

// digits (big-endian decimal) *= factor, factor small.
void MultiplySmall(std::string& digits, unsigned factor) {
  unsigned carry = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    unsigned d = static_cast<unsigned>(*it - '0') * factor + carry;
    *it = static_cast<char>('0' + d % 10);
    carry = d / 10;
  }
  while (carry > 0) {
    digits.insert(digits.begin(), static_cast<char>('0' + carry % 10));
    carry /= 10;
  }
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

Number::Number(bool negative, std::string digits, int64_t exponent)
    : negative_(negative), digits_(std::move(digits)), exponent_(exponent) {
  Normalize();
}

void Number::Normalize() {
  size_t first = digits_.find_first_not_of('0');
  if (first == std::string::npos) {
    digits_.clear();
    exponent_ = 0;
    negative_ = false;
    return;
  }
  digits_.erase(0, first);
  size_t last = digits_.find_last_not_of('0');
  size_t trailing = digits_.size() - 1 - last;
  if (trailing > 0) {
    digits_.erase(last + 1);
    exponent_ += static_cast<int64_t>(trailing);
  }
}

Number Number::FromInt64(int64_t v) {
  if (v < 0) {
    // Avoid overflow on INT64_MIN by going through uint64.
    uint64_t magnitude = ~static_cast<uint64_t>(v) + 1;
    return Number(true, std::to_string(magnitude), 0);
  }
  return Number(false, std::to_string(v), 0);
}

Number Number::FromUint64(uint64_t v) {
  return Number(false, std::to_string(v), 0);
}

std::optional<Number> Number::FromDouble(double v) {
  if (std::isnan(v)) {
    return std::nullopt;
  }
  if (std::isinf(v)) {
    return v > 0 ? PositiveInfinity() : NegativeInfinity();
  }
  if (v == 0) {
    return Number();
  }
  bool negative = v < 0;
  int e2 = 0;
  double fraction = std::frexp(std::fabs(v), &e2);  // |v| = fraction × 2^e2, fraction in [0.5, 1)
  auto mantissa = static_cast<uint64_t>(std::ldexp(fraction, 53));
  e2 -= 53;  // |v| = mantissa × 2^e2 exactly
  while (mantissa % 2 == 0) {
    mantissa /= 2;
    ++e2;
  }
  std::string digits = std::to_string(mantissa);
  if (e2 >= 0) {
    for (int i = 0; i < e2; ++i) {
      MultiplySmall(digits, 2);
    }
    return Number(negative, std::move(digits), 0);
  }
  // mantissa × 2^-n = mantissa × 5^n × 10^-n
  for (int i = 0; i < -e2; ++i) {
    MultiplySmall(digits, 5);
  }
  return Number(negative, std::move(digits), e2);
}

std::optional<Number> Number::Parse(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  std::string_view rest = text.substr(i);
  if (rest == "Inf" || rest == "inf") {
    return negative ? NegativeInfinity() : PositiveInfinity();
  }
  std::string digits;
  size_t int_digits = 0;
  size_t frac_digits = 0;
  while (i < text.size() && IsDigit(text[i])) {
    digits.push_back(text[i]);
    ++int_digits;
    ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) {
      digits.push_back(text[i]);
      ++frac_digits;
      ++i;
    }
  }
  if (int_digits + frac_digits == 0) {
    return std::nullopt;
  }
  int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    size_t exp_start = i;
    while (i < text.size() && IsDigit(text[i])) {
      if (exponent > 1'000'000'000'000) {
        return std::nullopt;
      }
      exponent = exponent * 10 + (text[i] - '0');
      ++i;
    }
    if (i == exp_start) {
      return std::nullopt;
    }
    if (exp_negative) {
      exponent = -exponent;
    }
  }
  if (i != text.size()) {
    return std::nullopt;
  }
  Number n(negative, std::move(digits), exponent - static_cast<int64_t>(frac_digits));
  if (!n.digits_.empty()) {
    int64_t magnitude = n.exponent_ + static_cast<int64_t>(n.digits_.size());
    if (magnitude > kMaxExponent || magnitude < -kMaxExponent) {
      return std::nullopt;
    }
  }
  return n;
}

Number Number::PositiveInfinity() {
  Number n;
  n.special_ = Special::kPositiveInfinity;
  return n;
}

Number Number::NegativeInfinity() {
  Number n;
  n.special_ = Special::kNegativeInfinity;
  n.negative_ = true;
  return n;
}

bool Number::IsNegative() const {
  if (special_ != Special::kFinite) {
    return special_ == Special::kNegativeInfinity;
  }
  return negative_;
}

bool Number::IsInteger() const {
  return special_ == Special::kFinite && exponent_ >= 0;
}

std::optional<int64_t> Number::ToInt64() const {
  if (!IsInteger()) {
    return std::nullopt;
  }
  if (digits_.empty()) {
    return 0;
  }
  if (static_cast<int64_t>(digits_.size()) + exponent_ > 19) {
    return std::nullopt;
  }
  // At most 19 digits: always fits uint64_t (max 18446744073709551615).
  uint64_t acc = 0;
  for (char c : digits_) {
    acc = acc * 10 + static_cast<uint64_t>(c - '0');
  }
  for (int64_t i = 0; i < exponent_; ++i) {
    acc *= 10;
  }
  constexpr uint64_t kMaxMagnitude = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative_) {
    if (acc > kMaxMagnitude + 1) {
      return std::nullopt;
    }
    return static_cast<int64_t>(~acc + 1);
  }
  if (acc > kMaxMagnitude) {
    return std::nullopt;
  }
  return static_cast<int64_t>(acc);
}

double Number::ToDouble() const {
  if (special_ == Special::kPositiveInfinity) {
    return std::numeric_limits<double>::infinity();
  }
  if (special_ == Special::kNegativeInfinity) {
    return -std::numeric_limits<double>::infinity();
  }
  if (digits_.empty()) {
    return 0.0;
  }
  std::string scientific = (negative_ ? "-" : "") + digits_ + "e" + std::to_string(exponent_);
  double out = 0;
  auto [ptr, ec] = std::from_chars(scientific.data(), scientific.data() + scientific.size(), out);
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves `out` untouched on range errors: decide by magnitude.
    int64_t magnitude = exponent_ + static_cast<int64_t>(digits_.size());
    double r = magnitude > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    return negative_ ? -r : r;
  }
  return out;
}

std::optional<double> Number::ToExactDouble() const {
  if (special_ != Special::kFinite) {
    return ToDouble();
  }
  if (digits_.empty()) {
    return 0.0;
  }
  // A double's exact decimal expansion has at most 767 significant digits, its magnitude is below
  // 10^309 and its smallest digit is at 10^-1074.
  if (digits_.size() > 800 || exponent_ < -1100 ||
      exponent_ + static_cast<int64_t>(digits_.size()) > 310) {
    return std::nullopt;
  }
  double d = ToDouble();
  if (std::isinf(d)) {
    return std::nullopt;
  }
  auto back = FromDouble(d);
  if (!back || !(*back == *this)) {
    return std::nullopt;
  }
  return d;
}

std::string Number::ToString() const {
  if (special_ == Special::kPositiveInfinity) {
    return "+Inf";
  }
  if (special_ == Special::kNegativeInfinity) {
    return "-Inf";
  }
  if (digits_.empty()) {
    return "0";
  }
  std::string out = negative_ ? "-" : "";
  if (exponent_ >= 0) {
    out += digits_;
    out.append(static_cast<size_t>(exponent_), '0');
    return out;
  }
  int64_t point = static_cast<int64_t>(digits_.size()) + exponent_;
  if (point > 0) {
    out += digits_.substr(0, static_cast<size_t>(point));
    out += '.';
    out += digits_.substr(static_cast<size_t>(point));
    return out;
  }
  out += "0.";
  out.append(static_cast<size_t>(-point), '0');
  out += digits_;
  return out;
}

std::strong_ordering Number::CompareMagnitude(const Number& a, const Number& b) {
  if (a.digits_.empty() || b.digits_.empty()) {
    return !a.digits_.empty() <=> !b.digits_.empty();
  }
  int64_t order_a = a.exponent_ + static_cast<int64_t>(a.digits_.size());
  int64_t order_b = b.exponent_ + static_cast<int64_t>(b.digits_.size());
  if (order_a != order_b) {
    return order_a <=> order_b;
  }
  // Same leading position: digit strings compare lexicographically (no trailing zeros, so a
  // proper prefix is the smaller one).
  int c = a.digits_.compare(b.digits_);
  return c <=> 0;
}

std::strong_ordering Number::operator<=>(const Number& other) const {
  auto rank = [](const Number& n) {
    switch (n.special_) {
      case Special::kNegativeInfinity:
        return -1;
      case Special::kPositiveInfinity:
        return 1;
      case Special::kFinite:
        break;
    }
    return 0;
  };
  if (special_ != Special::kFinite || other.special_ != Special::kFinite) {
    return rank(*this) <=> rank(other);
  }
  bool neg_a = negative_ && !digits_.empty();
  bool neg_b = other.negative_ && !other.digits_.empty();
  if (neg_a != neg_b) {
    return neg_a ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  auto magnitude = CompareMagnitude(*this, other);
  if (neg_a) {
    return 0 <=> magnitude;
  }
  return magnitude;
}

}  // namespace atlas::provider::tfvalue
