#include "engine/drivers/driver.hpp"

#include <cctype>

namespace atlas::engine::drivers {

namespace {

bool IsWord(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}
bool IsSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string LowerStr(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = Lower(c);
  }
  return out;
}

// LowerStr(a) == LowerStr(b) without allocating (runs for every column and index the differ
// compares).
bool EqualFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) {
      return false;
    }
  }
  return true;
}

bool SimpleIdent(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) != 0 || s[0] == '_')) {
    return false;
  }
  for (const char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_')) {
      return false;
    }
  }
  return true;
}

// True when the whole text is enclosed by one balanced pair of parentheses.
bool Wrapped(std::string_view s) {
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') {
    return false;
  }
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\'') {
      const size_t end = s.find('\'', i + 1);
      if (end == std::string_view::npos) {
        return false;
      }
      i = end;
      continue;
    }
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
      if (depth == 0 && i + 1 != s.size()) {
        return false;
      }
    }
  }
  return depth == 0;
}

std::string Unquote(std::string_view s) {
  if (s.size() >= 2 &&
      ((s.front() == '\'' && s.back() == '\'') || (s.front() == '"' && s.back() == '"'))) {
    const char q = s.front();
    std::string out;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      out.push_back(s[i]);
      if (s[i] == q && i + 2 < s.size() && s[i + 1] == q) {
        ++i;
      }
    }
    return out;
  }
  return std::string(s);
}

bool PartsEqual(const DiffHooks& hooks, const schema::IndexPart& a, const schema::IndexPart& b) {
  if (a.desc != b.desc || !EqualFold(a.collation, b.collation) || a.opclass != b.opclass ||
      a.prefix != b.prefix || a.nulls_first != b.nulls_first) {
    return false;
  }
  if (!a.column.empty() || !b.column.empty()) {
    return a.column == b.column;
  }
  return hooks.ExprEqual(a.expr, b.expr);
}

}  // namespace

std::string NormalizeExpr(std::string_view expr) {
  // 1. Tokens: quoted strings verbatim, identifiers in "..."/`...`/[...] unquoted when simple,
  // words
  //    lower-cased, whitespace dropped except between two word characters.
  std::string out;
  out.reserve(expr.size());
  bool pending_space = false;
  for (size_t i = 0; i < expr.size();) {
    const char c = expr[i];
    if (IsSpace(c)) {
      pending_space = true;
      ++i;
      continue;
    }
    auto emit = [&](std::string_view tok) {
      if (pending_space && !out.empty() && IsWord(out.back()) && !tok.empty() &&
          IsWord(tok.front())) {
        out.push_back(' ');
      }
      pending_space = false;
      out.append(tok);
    };
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      size_t j = i + 1;
      while (j < expr.size()) {
        if (expr[j] == close) {
          if (close != ']' && j + 1 < expr.size() && expr[j + 1] == close) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      const size_t end = j < expr.size() ? j + 1 : expr.size();
      const std::string_view tok = expr.substr(i, end - i);
      // A quoted identifier equals the bare word only when it is already in folded (lower) case.
      if (c != '\'' && tok.size() >= 2 && SimpleIdent(tok.substr(1, tok.size() - 2)) &&
          LowerStr(tok.substr(1, tok.size() - 2)) == tok.substr(1, tok.size() - 2)) {
        emit(tok.substr(1, tok.size() - 2));
      } else {
        emit(tok);
      }
      i = end;
      continue;
    }
    if (IsWord(c)) {
      size_t j = i;
      while (j < expr.size() && IsWord(expr[j])) {
        ++j;
      }
      emit(LowerStr(expr.substr(i, j - i)));
      i = j;
      continue;
    }
    pending_space = false;
    out.push_back(c);
    ++i;
  }
  // 2. Redundant outer parentheses.
  std::string_view v = out;
  while (Wrapped(v)) {
    v = v.substr(1, v.size() - 2);
  }
  return std::string(v);
}

uint32_t DiffHooks::ColumnChange(const schema::Table& /*from_table*/, const schema::Column& from,
                                 const schema::Column& to) const {
  uint32_t change = schema::kNoChange;
  if (!TypeEqual(from.type, to.type)) {
    change |= schema::kChangeType;
  }
  if (from.nullable != to.nullable) {
    change |= schema::kChangeNull;
  }
  if (!DefaultEqual(from.default_value, to.default_value)) {
    change |= schema::kChangeDefault;
  }
  if (from.auto_increment != to.auto_increment) {
    change |= schema::kChangeAutoIncrement;
  }
  if (from.identity != to.identity) {
    change |= schema::kChangeIdentity;
  }
  if (from.generated.has_value() != to.generated.has_value() ||
      (from.generated && (from.generated->stored != to.generated->stored ||
                          !ExprEqual(from.generated->expr, to.generated->expr)))) {
    change |= schema::kChangeGenerated;
  }
  if (!EqualFold(from.collation, to.collation)) {
    change |= schema::kChangeCollation;
  }
  if (!EqualFold(from.charset, to.charset)) {
    change |= schema::kChangeCharset;
  }
  if (from.comment != to.comment) {
    change |= schema::kChangeComment;
  }
  if (!DefaultEqual(from.on_update, to.on_update)) {
    change |= schema::kChangeOnUpdate;
  }
  return change;
}

bool DiffHooks::TypeEqual(const schema::ColumnType& from, const schema::ColumnType& to) const {
  const std::string a = NormalizeExpr(from.normalized.empty() ? from.raw : from.normalized);
  const std::string b = NormalizeExpr(to.normalized.empty() ? to.raw : to.normalized);
  return a == b && from.enum_values == to.enum_values && from.enum_ref == to.enum_ref &&
         from.enum_schema == to.enum_schema && from.is_unsigned == to.is_unsigned &&
         from.zerofill == to.zerofill && from.array_dims == to.array_dims;
}

bool DiffHooks::DefaultEqual(const std::optional<schema::Expr>& from,
                             const std::optional<schema::Expr>& to) const {
  if (from.has_value() != to.has_value()) {
    return false;
  }
  if (!from) {
    return true;
  }
  if (ExprEqual(from->text, to->text)) {
    return true;
  }
  if (from->kind == schema::Expr::Kind::kLiteral && to->kind == schema::Expr::Kind::kLiteral) {
    return Unquote(NormalizeExpr(from->text)) == Unquote(NormalizeExpr(to->text));
  }
  return false;
}

bool DiffHooks::ExprEqual(std::string_view from, std::string_view to) const {
  return from == to || NormalizeExpr(from) == NormalizeExpr(to);
}

std::string DiffHooks::IndexKey(const schema::Table& /*table*/, const schema::Index& index) const {
  return index.name;
}

uint32_t DiffHooks::IndexChange(const schema::Index& from, const schema::Index& to) const {
  uint32_t change = schema::kNoChange;
  if (from.unique != to.unique || from.constraint != to.constraint) {
    change |= schema::kChangeUnique;
  }
  bool parts_equal =
      from.parts.size() == to.parts.size() && from.nulls_not_distinct == to.nulls_not_distinct;
  for (size_t i = 0; parts_equal && i < from.parts.size(); ++i) {
    parts_equal = PartsEqual(*this, from.parts[i], to.parts[i]);
  }
  if (!parts_equal) {
    change |= schema::kChangeParts;
  }
  if (from.where.empty() != to.where.empty() ||
      (!from.where.empty() && !ExprEqual(from.where, to.where))) {
    change |= schema::kChangeWhere;
  }
  if (!EqualFold(from.type, to.type)) {
    change |= schema::kChangeIndexType;
  }
  if (from.include != to.include) {
    change |= schema::kChangeInclude;
  }
  if (from.comment != to.comment) {
    change |= schema::kChangeComment;
  }
  return change;
}

uint32_t DiffHooks::ExclusionChange(const schema::Exclusion& from,
                                    const schema::Exclusion& to) const {
  uint32_t change = schema::kNoChange;
  bool elements_equal = from.elements.size() == to.elements.size();
  for (size_t i = 0; elements_equal && i < from.elements.size(); ++i) {
    elements_equal = from.elements[i].op == to.elements[i].op &&
                     PartsEqual(*this, from.elements[i].part, to.elements[i].part);
  }
  if (!elements_equal) {
    change |= schema::kChangeParts;
  }
  if (from.where.empty() != to.where.empty() ||
      (!from.where.empty() && !ExprEqual(from.where, to.where))) {
    change |= schema::kChangeWhere;
  }
  if (!EqualFold(from.type, to.type)) {
    change |= schema::kChangeIndexType;
  }
  if (from.include != to.include) {
    change |= schema::kChangeInclude;
  }
  if (from.deferrable != to.deferrable || from.initially_deferred != to.initially_deferred) {
    change |= schema::kChangeDeferrable;
  }
  if (from.comment != to.comment) {
    change |= schema::kChangeComment;
  }
  return change;
}

bool DiffHooks::PrimaryKeyChanged(const schema::PrimaryKey& from,
                                  const schema::PrimaryKey& to) const {
  if (!from.name.empty() && !to.name.empty() && from.name != to.name) {
    return true;
  }
  if (from.parts.size() != to.parts.size()) {
    return true;
  }
  for (size_t i = 0; i < from.parts.size(); ++i) {
    if (!PartsEqual(*this, from.parts[i], to.parts[i])) {
      return true;
    }
  }
  return false;
}

uint32_t DiffHooks::ForeignKeyChange(const schema::ForeignKey& from,
                                     const schema::ForeignKey& to) const {
  uint32_t change = schema::kNoChange;
  if (from.columns != to.columns) {
    change |= schema::kChangeColumns;
  }
  if (from.ref_table != to.ref_table || from.ref_schema != to.ref_schema) {
    change |= schema::kChangeRefTable | schema::kChangeRefColumns;
  } else if (from.ref_columns != to.ref_columns) {
    change |= schema::kChangeRefColumns;
  }
  if (from.on_update != to.on_update) {
    change |= schema::kChangeUpdateAction;
  }
  if (from.on_delete != to.on_delete) {
    change |= schema::kChangeDeleteAction;
  }
  if (from.deferrable != to.deferrable || from.initially_deferred != to.initially_deferred) {
    change |= schema::kChangeDeferrable;
  }
  return change;
}

uint32_t DiffHooks::TableAttrChange(const schema::Table& from, const schema::Table& to) const {
  uint32_t change = schema::kNoChange;
  if (from.comment != to.comment) {
    change |= schema::kChangeComment;
  }
  if (!(from.options == to.options)) {
    change |= schema::kChangeOptions;
  }
  return change;
}

uint32_t DiffHooks::SchemaAttrChange(const schema::Schema& from, const schema::Schema& to) const {
  uint32_t change = schema::kNoChange;
  if (from.comment != to.comment) {
    change |= schema::kChangeComment;
  }
  if (!to.charset.empty() && !EqualFold(from.charset, to.charset)) {
    change |= schema::kChangeCharset;
  }
  if (!to.collation.empty() && !EqualFold(from.collation, to.collation)) {
    change |= schema::kChangeCollation;
  }
  return change;
}

bool DiffHooks::ViewEqual(const schema::View& from, const schema::View& to) const {
  return from.materialized == to.materialized && EqualFold(from.check_option, to.check_option) &&
         from.comment == to.comment && ExprEqual(from.definition, to.definition);
}

bool DiffHooks::TriggerEqual(const schema::Trigger& from, const schema::Trigger& to) const {
  return from.table == to.table && ExprEqual(from.body, to.body);
}

bool DiffHooks::SequenceEqual(const schema::Sequence& from, const schema::Sequence& to) const {
  return from == to;
}

bool DiffHooks::ExtensionEqual(const schema::Extension& from, const schema::Extension& to) const {
  return from.schema == to.schema &&
         (from.version.empty() || to.version.empty() || from.version == to.version);
}

uint32_t DiffHooks::EnumChange(const schema::EnumType& from, const schema::EnumType& to) const {
  uint32_t change = schema::kNoChange;
  if (from.values != to.values) {
    change |= schema::kChangeValues;
  }
  if (from.comment != to.comment) {
    change |= schema::kChangeComment;
  }
  return change;
}

base::Result<std::string> ResolveRevisionsSchema(
    std::string_view requested, std::string_view bound,
    const std::function<base::Result<bool>(std::string_view schema)>& table_exists) {
  if (!requested.empty()) {
    return std::string(requested);
  }
  if (bound.empty()) {
    return std::string(kDefaultRevisionsSchema);
  }
  if (bound == kDefaultRevisionsSchema) {
    return std::string(bound);
  }
  // Atlas's checkRevisionSchemaClarity: the old default location must not be silently ignored.
  auto here = table_exists(bound);
  if (!here.ok()) {
    return std::move(here).diags();
  }
  if (*here) {
    return std::string(bound);
  }
  auto old = table_exists(kDefaultRevisionsSchema);
  if (!old.ok()) {
    return std::move(old).diags();
  }
  if (*old) {
    return base::Error(
        "ambiguous revision table",
        "We couldn't find a revision table in the connected schema but found one in \n"
        "the schema 'atlas_schema_revisions' and cannot determine the desired behavior.\n\n"
        "As a safety guard, we require you to specify whether to use the existing\n"
        "table in 'atlas_schema_revisions' or create a new one in the connected schema\n"
        "by providing the '--revisions-schema' flag or deleting the 'atlas_schema_revisions'\n"
        "schema if it is unused.");
  }
  return std::string(bound);
}

}  // namespace atlas::engine::drivers
