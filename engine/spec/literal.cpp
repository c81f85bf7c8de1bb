#include "engine/spec/literal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

namespace atlas::engine::spec {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?
bool IsDecimalNumber(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
  }
  size_t int_digits = 0;
  while (i < s.size() && IsDigit(s[i])) {
    ++i;
    ++int_digits;
  }
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) {
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits + frac_digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    size_t exp_digits = 0;
    while (i < s.size() && IsDigit(s[i])) {
      ++i;
      ++exp_digits;
    }
    if (exp_digits == 0) {
      return false;
    }
  }
  return i == s.size();
}

// Integer text without sign noise or leading zeros: "+007" -> "7", "-0" -> "0". Requires
// [+-]?digits.
std::string CanonicalInteger(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  while (s.size() > 1 && s[0] == '0') {
    s.remove_prefix(1);
  }
  if (s == "0") {
    negative = false;
  }
  return (negative ? "-" : "") + std::string(s);
}

bool IsInteger(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    s.remove_prefix(1);
  }
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

// Atlas's sqlx.IsQuoted for one quote character.
bool IsQuotedWith(std::string_view s, char quote) {
  if (s.size() < 2) {
    return false;
  }
  const size_t last = s.size() - 1;
  if (s[0] != quote || s[last] != quote) {
    return false;
  }
  for (size_t i = 1; i + 1 < last; ++i) {
    const char c = s[i];
    if (c == '\\' || (c == quote && s[i + 1] == quote)) {
      ++i;
    } else if (c == quote) {
      return false;
    }
  }
  return true;
}

// Go strconv.Unquote for the common escapes; returns the input when it cannot decode it.
std::string UnquoteDouble(std::string_view s) {
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    const char c = s[i];
    if (c != '\\' || i + 2 >= s.size()) {
      out.push_back(c);
      continue;
    }
    const char e = s[++i];
    switch (e) {
      case 'n':
        out.push_back('\n');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case '\\':
      case '"':
      case '\'':
        out.push_back(e);
        break;
      default:
        return std::string(s);
    }
  }
  return out;
}

bool HasPrefix(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

}  // namespace

std::string SqlQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    out.push_back(c);
    if (c == '\'') {
      out.push_back('\'');
    }
  }
  return out + "'";
}

std::string FormatFloatShortest(double value) {
  if (!std::isfinite(value)) {
    return value > 0 ? "+Inf" : (value < 0 ? "-Inf" : "NaN");
  }
  if (value == 0) {
    return std::signbit(value) ? "-0" : "0";
  }
  std::string s;
  for (int p = 1; p <= 17; ++p) {
    s = fmt::format("{:.{}e}", value, p - 1);
    if (std::strtod(s.c_str(), nullptr) == value) {
      break;
    }
  }
  // s = [-]d[.ddd]e[+-]XX
  bool negative = false;
  if (s[0] == '-') {
    negative = true;
    s.erase(0, 1);
  }
  const size_t e = s.find('e');
  const int exp = std::atoi(s.c_str() + e + 1);
  std::string digits;
  for (size_t i = 0; i < e; ++i) {
    if (s[i] != '.') {
      digits.push_back(s[i]);
    }
  }
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
  }
  std::string out;
  if (exp >= 0) {
    const auto int_len = static_cast<size_t>(exp) + 1;
    if (digits.size() <= int_len) {
      out = digits + std::string(int_len - digits.size(), '0');
    } else {
      out = digits.substr(0, int_len) + "." + digits.substr(int_len);
    }
  } else {
    out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
  }
  return (negative ? "-" : "") + out;
}

std::string NormalizeNumber(std::string_view text) {
  if (IsInteger(text)) {
    return CanonicalInteger(text);
  }
  const double v = std::strtod(std::string(text).c_str(), nullptr);
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e18) {
    return CanonicalInteger(fmt::format("{:.0f}", v));
  }
  return fmt::format("{:.10g}", v);
}

hcl::OutExpr DefaultToHcl(const schema::Expr& expr, bool text_like) {
  const std::string& v = expr.text;
  if (expr.kind == schema::Expr::Kind::kRaw) {
    return hcl::OutExpr::Call("sql", {hcl::OutExpr::String(v)});
  }
  for (std::string_view p : {"0x", "0X", "0b", "0B", "b'", "B'", "x'", "X'"}) {
    if (HasPrefix(v, p)) {
      return hcl::OutExpr::Call("sql", {hcl::OutExpr::String(v)});
    }
  }
  if (IsQuotedWith(v, '"')) {
    return hcl::OutExpr::String(UnquoteDouble(v));
  }
  if (IsQuotedWith(v, '\'')) {
    std::string s;
    const std::string_view inner(v.data() + 1, v.size() - 2);
    for (size_t i = 0; i < inner.size(); ++i) {
      s.push_back(inner[i]);
      if (inner[i] == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'') {
        ++i;
      }
    }
    return hcl::OutExpr::String(s);
  }
  std::string lower = v;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (lower == "true" || lower == "false") {
    return hcl::OutExpr::Bool(lower == "true");
  }
  if (IsDecimalNumber(v) && !text_like) {
    if (v.find('.') != std::string::npos) {
      return hcl::OutExpr::Number(FormatFloatShortest(std::strtod(v.c_str(), nullptr)));
    }
    if (IsInteger(v)) {
      return hcl::OutExpr::Number(CanonicalInteger(v));
    }
    return hcl::OutExpr::Number(FormatFloatShortest(std::strtod(v.c_str(), nullptr)));
  }
  return hcl::OutExpr::String(v);
}

}  // namespace atlas::engine::spec
