#include "engine/spec/sqlite.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/hcl/writer.hpp"

namespace atlas::engine::spec {
namespace {

enum class Category {
  kBool,
  kBlob,
  kInteger,
  kFloat,
  kDecimal,
  kString,
  kJson,
  kTime,
  kUuid,
  kUserDefined
};

struct ParsedType {
  Category category = Category::kUserDefined;
  std::string name;           // lower-cased type name ("double precision")
  std::vector<int64_t> args;  // kept arguments (string size, decimal precision/scale)
  std::string normalized;
};

bool IsUint(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int64_t> ParseInt(std::string_view s) {
  int64_t v = 0;
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (!s.empty() && s[0] == '+') {
    ++begin;
  }
  auto [ptr, ec] = std::from_chars(begin, end, v);
  if (ec != std::errc() || ptr != end || begin == end) {
    return std::nullopt;
  }
  return v;
}

// Atlas's columnParts: lower-case, split on "(", ")", " " and ",", and re-join up to three leading
// words.
std::vector<std::string> ColumnParts(std::string_view t) {
  std::string lower(t);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  std::vector<std::string> parts;
  std::string cur;
  for (char c : lower) {
    if (c == '(' || c == ')' || c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
      if (!cur.empty()) {
        parts.push_back(cur);
        cur.clear();
      }
      continue;
    }
    cur.push_back(c);
  }
  if (!cur.empty()) {
    parts.push_back(cur);
  }
  for (int k = 0; k < 2; ++k) {
    if (parts.size() > 1 && !IsUint(parts[0]) && !IsUint(parts[1])) {
      parts[1] = parts[0] + " " + parts[1];
      parts.erase(parts.begin());
    }
  }
  return parts;
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> xs) {
  return std::find(xs.begin(), xs.end(), s) != xs.end();
}

ParsedType Parse(std::string_view declared) {
  ParsedType p;
  const std::vector<std::string> parts = ColumnParts(declared);
  if (parts.empty()) {
    p.category = Category::kBlob;
    p.name = "blob";
    p.normalized = "blob";
    return p;
  }
  const std::string& t = parts[0];
  auto simple = [&](Category c) {
    p.category = c;
    p.name = t;
    p.normalized = t;
    return p;
  };
  if (OneOf(t, {"bool", "boolean"})) {
    return simple(Category::kBool);
  }
  if (t == "blob") {
    return simple(Category::kBlob);
  }
  if (OneOf(t, {"int2", "int8", "int", "uint64", "integer", "tinyint", "smallint", "mediumint",
                "bigint", "unsigned big int"})) {
    return simple(Category::kInteger);
  }
  if (OneOf(t, {"real", "double", "double precision", "float"})) {
    return simple(Category::kFloat);
  }
  if (OneOf(t, {"json", "jsonb"})) {
    return simple(Category::kJson);
  }
  if (OneOf(t, {"date", "datetime", "time", "timestamp"})) {
    return simple(Category::kTime);
  }
  if (t == "uuid") {
    return simple(Category::kUuid);
  }
  if (OneOf(t, {"numeric", "decimal"})) {
    int64_t precision = 0;
    int64_t scale = 0;
    if (parts.size() > 1) {
      auto v = ParseInt(parts[1]);
      if (!v) {
        return ParsedType{Category::kUserDefined, {}, {}, std::string(declared)};
      }
      precision = *v;
    }
    if (parts.size() > 2) {
      auto v = ParseInt(parts[2]);
      if (!v) {
        return ParsedType{Category::kUserDefined, {}, {}, std::string(declared)};
      }
      scale = *v;
    }
    p.category = Category::kDecimal;
    p.name = t;
    if (scale != 0) {
      p.args = {precision, scale};
    } else if (precision != 0) {
      p.args = {precision};
    }
  } else if (OneOf(t, {"char", "character", "varchar", "varying character", "nchar",
                       "native character", "nvarchar", "text", "clob"})) {
    int64_t size = 0;
    if (parts.size() > 1) {
      auto v = ParseInt(parts[1]);
      if (!v) {
        return ParsedType{Category::kUserDefined, {}, {}, std::string(declared)};
      }
      size = *v;
    }
    p.category = Category::kString;
    p.name = t;
    if (size > 0) {
      p.args = {size};
    }
  } else {
    return ParsedType{Category::kUserDefined, {}, {}, std::string(declared)};
  }
  p.normalized = p.name;
  if (!p.args.empty()) {
    p.normalized += "(";
    for (size_t i = 0; i < p.args.size(); ++i) {
      p.normalized += (i > 0 ? "," : "") + std::to_string(p.args[i]);
    }
    p.normalized += ")";
  }
  return p;
}

}  // namespace

schema::ColumnType SqliteColumnType(std::string_view declared) {
  schema::ColumnType ct;
  ct.raw = std::string(declared);
  ct.normalized = Parse(declared).normalized;
  return ct;
}

SqliteDialect::SqliteDialect()
    : registry_({
          {"real", "real", 2},
          {"blob", "blob", 1},
          {"text", "text", 1},
          {"integer", "integer", 1},
          {"int", "int", 1},
          {"tinyint", "tinyint", 1},
          {"smallint", "smallint", 1},
          {"mediumint", "mediumint", 1},
          {"bigint", "bigint", 1},
          {"unsigned_big_int", "unsigned big int", 1},
          {"int2", "int2", 1},
          {"int8", "int8", 1},
          {"uint64", "uint64", 1},
          {"double", "double", 1},
          {"double_precision", "double precision", 1},
          {"float", "float", 1},
          {"character", "character", 1},
          {"varchar", "varchar", 1},
          {"varying_character", "varying character", 1},
          {"nchar", "nchar", 1},
          {"native_character", "native character", 1},
          {"nvarchar", "nvarchar", 1},
          {"clob", "clob", 1},
          {"numeric", "numeric", 2},
          {"decimal", "decimal", 2},
          {"bool", "bool", 0},
          {"boolean", "boolean", 0},
          {"date", "date", 0},
          {"datetime", "datetime", 0},
          {"json", "json", 0},
          {"uuid", "uuid", 0},
          {"jsonb", "jsonb", 0},
      }) {}

base::Result<schema::ColumnType> SqliteDialect::DecodeType(const TypeExpr& type) const {
  switch (type.kind) {
    case TypeExpr::Kind::kRaw:
      return SqliteColumnType(type.name);
    case TypeExpr::Kind::kRef:
      return base::Error("Invalid column type", "Type references are not supported by SQLite.");
    case TypeExpr::Kind::kName:
    case TypeExpr::Kind::kCall:
      break;
  }
  auto sql = registry_.SqlSpelling(type);
  if (!sql.ok()) {
    return std::move(sql).diags();
  }
  return SqliteColumnType(*sql);
}

std::string SqliteDialect::PrintType(const schema::ColumnType& type) const {
  const std::string& text =
      type.normalized.empty() ? SqliteColumnType(type.raw).normalized : type.normalized;
  const ParsedType p = Parse(text);
  if (p.category == Category::kUserDefined) {
    return "sql(" + hcl::QuoteString(text) + ")";
  }
  const TypeSpec* spec = registry_.FindSql(p.name);
  if (spec == nullptr) {
    // Known to Atlas's parser but not registered for HCL (char, time, timestamp): printed as
    // sql("name").
    return "sql(" + hcl::QuoteString(p.name) + ")";
  }
  std::string out = spec->hcl_name;
  if (!p.args.empty()) {
    out += "(";
    for (size_t i = 0; i < p.args.size(); ++i) {
      out += (i > 0 ? "," : "") + std::to_string(p.args[i]);
    }
    out += ")";
  }
  return out;
}

bool SqliteDialect::IsTextType(const schema::ColumnType& type) const {
  const std::string& text =
      type.normalized.empty() ? SqliteColumnType(type.raw).normalized : type.normalized;
  return Parse(text).category == Category::kString;
}

bool SqliteDialect::Supports(Feature feature) const {
  switch (feature) {
    case Feature::kComments:
    case Feature::kAutoIncrement:
    case Feature::kGeneratedColumns:
    case Feature::kIndexWhere:
    case Feature::kWithoutRowid:
    case Feature::kStrict:
    case Feature::kViews:
    case Feature::kTriggers:
      return true;
    default:
      return false;
  }
}

}  // namespace atlas::engine::spec
