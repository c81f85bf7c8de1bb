#include "engine/drivers/postgres/convert.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace atlas::engine::drivers::postgres {
namespace {

constexpr int kDefaultTimePrecision = 6;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && IsSpace(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

// Lower-cases outside double quotes, collapses whitespace runs and removes spaces next to
// parentheses and commas: "Numeric ( 10 , 2 )" -> "numeric(10,2)".
std::string Canonical(std::string_view in) {
  std::string out;
  bool quoted = false;
  bool pending_space = false;
  for (const char c : TrimView(in)) {
    if (quoted) {
      out += c;
      quoted = c != '"';
      continue;
    }
    if (IsSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) {
      const bool skip = out.empty() || out.back() == '(' || out.back() == ',' || c == '(' ||
                        c == ')' || c == ',' || c == '[' || c == ']' || out.back() == '[';
      if (!skip) {
        out += ' ';
      }
      pending_space = false;
    }
    if (c == '"') {
      quoted = true;
      out += c;
      continue;
    }
    out += static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Strips array decorations ("[]", "[3]", " array", " array[3]"); true when any was found.
bool StripArray(std::string& t) {
  bool found = false;
  for (;;) {
    if (EndsWith(t, "]")) {
      const auto open = t.rfind('[');
      if (open == std::string::npos) {
        return found;
      }
      const std::string_view inner = std::string_view(t).substr(open + 1, t.size() - open - 2);
      if (!std::all_of(inner.begin(), inner.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return found;
      }
      t.erase(open);
      found = true;
      continue;
    }
    if (EndsWith(t, " array")) {
      t.erase(t.size() - 6);
      found = true;
      continue;
    }
    return found;
  }
}

std::optional<int> ParseInt(std::string_view s) {
  int v = 0;
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end) {
    return std::nullopt;
  }
  return v;
}

// "name(args) tail" -> name "name tail", args "args".
void SplitArgs(const std::string& t, std::string* name, std::vector<std::string>* args) {
  const auto open = t.find('(');
  const auto close = t.find(')', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos || t.find('"') != std::string::npos) {
    *name = t;
    return;
  }
  std::string head = t.substr(0, open);
  std::string tail = t.substr(close + 1);
  while (!tail.empty() && tail.front() == ' ') {
    tail.erase(0, 1);
  }
  *name = tail.empty() ? head : head + " " + tail;
  std::string_view inner = std::string_view(t).substr(open + 1, close - open - 1);
  while (!inner.empty()) {
    const auto comma = inner.find(',');
    args->emplace_back(TrimView(inner.substr(0, comma)));
    if (comma == std::string_view::npos) {
      break;
    }
    inner.remove_prefix(comma + 1);
  }
}

std::string WithPrecision(std::string base, const std::vector<std::string>& args) {
  if (!args.empty()) {
    if (auto p = ParseInt(args[0]); p && *p != kDefaultTimePrecision) {
      base += "(" + args[0] + ")";
    }
  }
  return base;
}

std::string NormalizeScalar(const std::string& t) {
  std::string name;
  std::vector<std::string> args;
  SplitArgs(t, &name, &args);
  const auto arg = [&](size_t i) -> std::optional<int> {
    return i < args.size() ? ParseInt(args[i]) : std::nullopt;
  };
  if (name == "int2" || name == "smallint") {
    return "smallint";
  }
  if (name == "int" || name == "int4" || name == "integer") {
    return "integer";
  }
  if (name == "int8" || name == "bigint") {
    return "bigint";
  }
  if (name == "serial2" || name == "smallserial") {
    return "smallserial";
  }
  if (name == "serial4" || name == "serial") {
    return "serial";
  }
  if (name == "serial8" || name == "bigserial") {
    return "bigserial";
  }
  if (name == "bool" || name == "boolean") {
    return "boolean";
  }
  if (name == "float4" || name == "real") {
    return "real";
  }
  if (name == "float8" || name == "double precision") {
    return "double precision";
  }
  if (name == "float") {
    const auto p = arg(0);
    return p && *p >= 1 && *p <= 24 ? "real" : "double precision";
  }
  if (name == "decimal" || name == "numeric") {
    const auto p = arg(0);
    const auto s = arg(1);
    if (!p) {
      return "numeric";
    }
    if (!s || *s == 0) {
      return "numeric(" + std::to_string(*p) + ")";
    }
    return "numeric(" + std::to_string(*p) + "," + std::to_string(*s) + ")";
  }
  if (name == "varchar" || name == "character varying" || name == "char varying") {
    const auto n = arg(0);
    return n ? "character varying(" + std::to_string(*n) + ")" : "character varying";
  }
  if (name == "char" || name == "character") {
    return "character(" + std::to_string(arg(0).value_or(1)) + ")";
  }
  if (name == "bpchar") {
    const auto n = arg(0);
    return n ? "character(" + std::to_string(*n) + ")" : "bpchar";
  }
  if (name == "bit") {
    const auto n = arg(0).value_or(1);
    return n > 1 ? "bit(" + std::to_string(n) + ")" : "bit";
  }
  if (name == "varbit" || name == "bit varying") {
    const auto n = arg(0);
    return n && *n > 0 ? "bit varying(" + std::to_string(*n) + ")" : "bit varying";
  }
  if (name == "timestamp" || name == "timestamp without time zone") {
    return WithPrecision("timestamp", args);
  }
  if (name == "timestamptz" || name == "timestamp with time zone") {
    return WithPrecision("timestamptz", args);
  }
  if (name == "time" || name == "time without time zone") {
    return WithPrecision("time", args);
  }
  if (name == "timetz" || name == "time with time zone") {
    return WithPrecision("timetz", args);
  }
  if (name.rfind("interval", 0) == 0) {
    return WithPrecision(name, args);
  }
  return t;
}

bool IsLiteralBool(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kBools = {
      "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"};
  return std::find(kBools.begin(), kBools.end(), s) != kBools.end();
}

bool IsLiteralNumber(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    return std::all_of(s.begin() + 2, s.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
  }
  const std::string text(s);
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) {
    return false;
  }
  // strtod also accepts "inf", "nan" and hex floats like Go's ParseFloat; reject leading spaces.
  return !IsSpace(text.front());
}

}  // namespace

std::string NormalizeType(std::string_view type) {
  std::string t = Canonical(type);
  if (StripArray(t)) {
    return NormalizeScalar(t) + "[]";
  }
  return NormalizeScalar(t);
}

std::string SerialBaseType(std::string_view normalized) {
  if (normalized == "smallserial") {
    return "smallint";
  }
  if (normalized == "serial") {
    return "integer";
  }
  if (normalized == "bigserial") {
    return "bigint";
  }
  return {};
}

std::string SerialForInteger(std::string_view normalized) {
  if (normalized == "smallint") {
    return "smallserial";
  }
  if (normalized == "integer") {
    return "serial";
  }
  if (normalized == "bigint") {
    return "bigserial";
  }
  return {};
}

TypeCategory CategoryOf(std::string_view t, bool is_enum) {
  if (is_enum) {
    return EndsWith(t, "[]") ? TypeCategory::kQuoted : TypeCategory::kEnum;
  }
  if (EndsWith(t, "[]")) {
    return TypeCategory::kQuoted;
  }
  if (t == "boolean") {
    return TypeCategory::kBool;
  }
  if (t == "smallint" || t == "integer" || t == "bigint" || t == "real" ||
      t == "double precision" || t.rfind("numeric", 0) == 0 || !SerialBaseType(t).empty()) {
    return TypeCategory::kNumeric;
  }
  static constexpr std::array<std::string_view, 22> kQuotedPrefixes = {
      "character", "bpchar", "text",    "name",   "citext",  "date",  "time", "bytea",
      "json",      "jsonb",  "inet",    "cidr",   "macaddr", "point", "line", "lseg",
      "box",       "path",   "polygon", "circle", "uuid",    "xml"};
  for (const auto p : kQuotedPrefixes) {
    if (t.rfind(p, 0) == 0) {
      return TypeCategory::kQuoted;
    }
  }
  return TypeCategory::kOther;
}

std::optional<std::string> DefaultLiteral(std::string_view expr, TypeCategory category) {
  if (IsLiteralBool(expr) || IsLiteralNumber(expr) || IsSingleQuoted(expr)) {
    return std::string(expr);
  }
  const auto cast = expr.rfind("::");
  if (cast == std::string_view::npos || !IsSingleQuoted(expr.substr(0, cast))) {
    return std::nullopt;
  }
  const std::string_view quoted = expr.substr(0, cast);
  const std::string_view inner = quoted.substr(1, quoted.size() - 2);
  switch (category) {
    case TypeCategory::kEnum:
    case TypeCategory::kQuoted:
      return std::string(quoted);
    case TypeCategory::kBool:
      if (IsLiteralBool(inner)) {
        return std::string(inner);
      }
      return std::nullopt;
    case TypeCategory::kNumeric:
      if (IsLiteralNumber(inner)) {
        return std::string(inner);
      }
      return std::nullopt;
    case TypeCategory::kOther:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string DefaultLiteralSql(std::string_view literal, std::string_view normalized, bool is_enum) {
  const auto cat = CategoryOf(normalized, is_enum);
  if (cat == TypeCategory::kNumeric || cat == TypeCategory::kBool || IsSingleQuoted(literal) ||
      (normalized == "money" && IsLiteralNumber(literal))) {
    return std::string(literal);
  }
  return QuoteLiteral(literal);
}

bool IsSingleQuoted(std::string_view s) {
  if (s.size() < 2 || s.front() != '\'' || s.back() != '\'') {
    return false;
  }
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == '\'') {
      if (i + 2 < s.size() && s[i + 1] == '\'') {
        ++i;
        continue;
      }
      return false;
    }
  }
  return true;
}

std::string QuoteLiteral(std::string_view s) {
  std::string out = "'";
  for (const char c : s) {
    out += c;
    if (c == '\'') {
      out += '\'';
    }
  }
  out += '\'';
  return out;
}

namespace {

// Index of the parenthesis closing the one at `open`, skipping quoted text; npos when unbalanced.
size_t MatchingParen(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\'' || c == '"') {
      const auto end = s.find(c, i + 1);
      if (end == std::string_view::npos) {
        return std::string_view::npos;
      }
      i = end;
      continue;
    }
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0) {
        return i;
      }
    }
  }
  return std::string_view::npos;
}

bool WrappedWhole(std::string_view s) {
  return s.size() >= 2 && s.front() == '(' && MatchingParen(s, 0) == s.size() - 1;
}

}  // namespace

std::string MayWrap(std::string_view expr) {
  if (WrappedWhole(expr)) {
    return std::string(expr);
  }
  return "(" + std::string(expr) + ")";
}

std::string Unwrap(std::string_view expr) {
  const std::string_view t = TrimView(expr);
  if (WrappedWhole(t)) {
    return std::string(TrimView(t.substr(1, t.size() - 2)));
  }
  return std::string(t);
}

std::string TrimCast(std::string_view s) {
  const auto i = s.rfind("::");
  if (i == std::string_view::npos) {
    return std::string(s);
  }
  for (const char c : s.substr(i + 2)) {
    if (c != ' ' && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      return std::string(s);
    }
  }
  return std::string(s.substr(0, i));
}

std::string TextArrayLiteral(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += '"';
    for (const char c : values[i]) {
      if (c == '"' || c == '\\') {
        out += '\\';
      }
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::optional<std::vector<std::string>> ParseJsonStrings(std::string_view json) {
  const auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  out.reserve(doc.size());
  for (const auto& v : doc) {
    if (!v.is_string()) {
      return std::nullopt;
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace atlas::engine::drivers::postgres
