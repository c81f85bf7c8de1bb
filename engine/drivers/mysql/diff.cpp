#include "engine/drivers/mysql/diff.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "engine/drivers/mysql/convert.hpp"

namespace atlas::engine::drivers::mysql {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string IndexType(const std::string& t) {
  const std::string u = Lower(t);
  return u == "btree" ? std::string() : u;
}

// An unquoted decimal literal ("-0.50", "1e3" is not one) in a canonical spelling: no sign for
// zero, no leading zeros, no trailing fractional zeros. nullopt for anything else.
std::optional<std::string> CanonicalNumber(std::string_view text) {
  std::string sign;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    sign = text.front() == '-' ? "-" : "";
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  const auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  };
  if ((whole.empty() && frac.empty()) || !digits(whole) || !digits(frac)) {
    return std::nullopt;
  }
  while (!whole.empty() && whole.front() == '0') {
    whole.remove_prefix(1);
  }
  while (!frac.empty() && frac.back() == '0') {
    frac.remove_suffix(1);
  }
  std::string out = whole.empty() ? "0" : std::string(whole);
  if (!frac.empty()) {
    out += "." + std::string(frac);
  }
  return out == "0" ? out : sign + out;
}

schema::ReferenceOption Action(schema::ReferenceOption o) {
  return o == schema::ReferenceOption::kRestrict ? schema::ReferenceOption::kNoAction : o;
}

}  // namespace

uint32_t MysqlDiffHooks::ColumnChange(const schema::Table& from_table, const schema::Column& from,
                                      const schema::Column& to) const {
  schema::Column a = from;
  schema::Column b = to;
  // Charset/collation: empty = the table's (current table: the desired one is converted to the
  // same defaults by the planner when they change).
  const std::string table_cs = Lower(from_table.options.charset);
  const std::string table_co = Lower(from_table.options.collation);
  if (IsCharType(a.type) || IsCharType(b.type)) {
    const std::string cs_a = a.charset.empty() ? table_cs : Lower(a.charset);
    const std::string cs_b = b.charset.empty() ? table_cs : Lower(b.charset);
    a.charset = cs_a;
    b.charset = cs_b;
    if (b.collation.empty() && !b.charset.empty() && cs_b != table_cs) {
      a.collation.clear();  // the charset's default collation: not comparable here
    } else {
      a.collation = a.collation.empty() ? table_co : Lower(a.collation);
      b.collation = b.collation.empty() ? table_co : Lower(b.collation);
    }
    if (table_cs.empty()) {
      a.charset = b.charset;
      a.collation = b.collation;
    }
  } else {
    a.charset.clear();
    b.charset.clear();
    a.collation.clear();
    b.collation.clear();
  }
  return DiffHooks::ColumnChange(from_table, a, b);
}

bool MysqlDiffHooks::TypeEqual(const schema::ColumnType& from, const schema::ColumnType& to) const {
  const std::string a = from.normalized.empty() ? NormalizeType(from.raw) : from.normalized;
  const std::string b = to.normalized.empty() ? NormalizeType(to.raw) : to.normalized;
  return a == b && from.is_unsigned == to.is_unsigned && from.zerofill == to.zerofill &&
         from.enum_values == to.enum_values;
}

bool MysqlDiffHooks::DefaultEqual(const std::optional<schema::Expr>& from,
                                  const std::optional<schema::Expr>& to) const {
  if (DiffHooks::DefaultEqual(from, to)) {
    return true;
  }
  if (!from || !to) {
    return false;
  }
  // Numbers compare by value: the server prints a decimal default with the column's scale
  // (0.00), HCL numbers are written without it (0).
  const auto a = CanonicalNumber(from->text);
  if (a && a == CanonicalNumber(to->text)) {
    return true;
  }
  return NormalizeDefaultExpr(from->text) == NormalizeDefaultExpr(to->text);
}

uint32_t MysqlDiffHooks::IndexChange(const schema::Index& from, const schema::Index& to) const {
  schema::Index a = from;
  schema::Index b = to;
  a.type = IndexType(a.type);
  b.type = IndexType(b.type);
  return DiffHooks::IndexChange(a, b);
}

uint32_t MysqlDiffHooks::ForeignKeyChange(const schema::ForeignKey& from,
                                          const schema::ForeignKey& to) const {
  schema::ForeignKey a = from;
  schema::ForeignKey b = to;
  a.on_update = Action(a.on_update);
  a.on_delete = Action(a.on_delete);
  b.on_update = Action(b.on_update);
  b.on_delete = Action(b.on_delete);
  return DiffHooks::ForeignKeyChange(a, b);
}

uint32_t MysqlDiffHooks::TableAttrChange(const schema::Table& from, const schema::Table& to) const {
  uint32_t change = schema::kNoChange;
  if (from.comment != to.comment) {
    change |= schema::kChangeComment;
  }
  const auto& a = from.options;
  const auto& b = to.options;
  if ((!b.charset.empty() && Lower(a.charset) != Lower(b.charset)) ||
      (!b.collation.empty() && Lower(a.collation) != Lower(b.collation)) ||
      Lower(a.engine.empty() ? "innodb" : a.engine) !=
          Lower(b.engine.empty() ? "innodb" : b.engine) ||
      (b.auto_increment && a.auto_increment.value_or(1) < *b.auto_increment)) {
    change |= schema::kChangeOptions;
  }
  return change;
}

uint32_t MysqlDiffHooks::SchemaAttrChange(const schema::Schema& from,
                                          const schema::Schema& to) const {
  uint32_t change = schema::kNoChange;
  if (!to.charset.empty() && Lower(from.charset) != Lower(to.charset)) {
    change |= schema::kChangeCharset;
  }
  if (!to.collation.empty() && Lower(from.collation) != Lower(to.collation)) {
    change |= schema::kChangeCollation;
  }
  return change;
}

}  // namespace atlas::engine::drivers::mysql
