#include "engine/drivers/postgres/diff.hpp"

#include <utility>

#include "engine/drivers/postgres/convert.hpp"

namespace atlas::engine::drivers::postgres {
namespace {

constexpr std::string_view kDefaultPublicComment = "standard public schema";

bool CastChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == ' ' || c == '.' || c == '"' || c == '[' || c == ']' || c == '(' || c == ')' ||
         c == ',';
}

// Index parts with NULLS FIRST/LAST made explicit only when not the direction's default.
schema::IndexPart NormalizePart(schema::IndexPart p) {
  if (p.nulls_first && *p.nulls_first == p.desc) {
    p.nulls_first.reset();
  }
  return p;
}

std::string IndexTypeUpper(std::string t) {
  for (auto& c : t) {
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return t;
}

std::string IndexType(std::string t) {
  t = IndexTypeUpper(std::move(t));
  return t == "BTREE" ? std::string() : t;
}

std::string SchemaComment(const schema::Schema& s) {
  return s.name == "public" && s.comment == kDefaultPublicComment ? std::string() : s.comment;
}

}  // namespace

std::string StripCasts(std::string_view expr) {
  std::string s(expr);
  for (;;) {
    const auto i = s.rfind("::");
    if (i == std::string::npos) {
      return s;
    }
    const std::string_view tail = std::string_view(s).substr(i + 2);
    bool cast = !tail.empty();
    int quotes = 0;
    for (const char c : tail) {
      cast = cast && CastChar(c);
      quotes += c == '"' ? 1 : 0;
    }
    if (!cast || quotes % 2 != 0 || i == 0) {
      return s;
    }
    s.erase(i);
  }
}

bool PostgresDiffHooks::TypeEqual(const schema::ColumnType& from,
                                  const schema::ColumnType& to) const {
  if (!from.enum_ref.empty() || !to.enum_ref.empty()) {
    return from.enum_ref == to.enum_ref &&
           (from.enum_schema.empty() || to.enum_schema.empty() ||
            from.enum_schema == to.enum_schema) &&
           (from.array_dims > 0) == (to.array_dims > 0);
  }
  const std::string& a = from.normalized.empty() ? from.raw : from.normalized;
  const std::string& b = to.normalized.empty() ? to.raw : to.normalized;
  // Same spelling: equal without normalizing (the common case when diffing large realms).
  return a == b || NormalizeType(a) == NormalizeType(b);
}

bool PostgresDiffHooks::DefaultEqual(const std::optional<schema::Expr>& from,
                                     const std::optional<schema::Expr>& to) const {
  if (DiffHooks::DefaultEqual(from, to)) {
    return true;
  }
  if (!from || !to) {
    return false;
  }
  const std::string a = StripCasts(from->text);
  const std::string b = StripCasts(to->text);
  if (a == b || NormalizeExpr(a) == NormalizeExpr(b)) {
    return true;
  }
  // A literal written without quotes ('active' vs active) as Atlas's quote() comparison.
  const auto quoted = [](const std::string& v) { return IsSingleQuoted(v) ? v : QuoteLiteral(v); };
  return from->kind == schema::Expr::Kind::kLiteral && to->kind == schema::Expr::Kind::kLiteral &&
         quoted(a) == quoted(b);
}

uint32_t PostgresDiffHooks::IndexChange(const schema::Index& from, const schema::Index& to) const {
  if (from == to) {
    return schema::kNoChange;  // no copies for the common case
  }
  schema::Index a = from;
  schema::Index b = to;
  a.type = IndexType(a.type);
  b.type = IndexType(b.type);
  for (auto& p : a.parts) {
    p = NormalizePart(p);
  }
  for (auto& p : b.parts) {
    p = NormalizePart(p);
  }
  return DiffHooks::IndexChange(a, b);
}

uint32_t PostgresDiffHooks::ExclusionChange(const schema::Exclusion& from,
                                            const schema::Exclusion& to) const {
  if (from == to) {
    return schema::kNoChange;
  }
  const auto normalize = [](schema::Exclusion x) {
    x.type = IndexTypeUpper(x.type.empty() ? "GIST" : x.type);
    for (auto& e : x.elements) {
      e.part = NormalizePart(e.part);
    }
    return x;
  };
  return DiffHooks::ExclusionChange(normalize(from), normalize(to));
}

bool PostgresDiffHooks::PrimaryKeyChanged(const schema::PrimaryKey& from,
                                          const schema::PrimaryKey& to) const {
  if (from == to) {
    return false;
  }
  schema::PrimaryKey a = from;
  schema::PrimaryKey b = to;
  for (auto& p : a.parts) {
    p = NormalizePart(p);
  }
  for (auto& p : b.parts) {
    p = NormalizePart(p);
  }
  return DiffHooks::PrimaryKeyChanged(a, b);
}

uint32_t PostgresDiffHooks::SchemaAttrChange(const schema::Schema& from,
                                             const schema::Schema& to) const {
  return SchemaComment(from) == SchemaComment(to) ? schema::kNoChange : schema::kChangeComment;
}

bool PostgresDiffHooks::SequenceEqual(const schema::Sequence& from,
                                      const schema::Sequence& to) const {
  schema::Sequence a = from;
  schema::Sequence b = to;
  a.type = NormalizeType(a.type.empty() ? "bigint" : a.type);
  b.type = NormalizeType(b.type.empty() ? "bigint" : b.type);
  return a == b;
}

}  // namespace atlas::engine::drivers::postgres
