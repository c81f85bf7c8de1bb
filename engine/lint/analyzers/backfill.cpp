// Back-fill detection for data_depend's NOT NULL checks (see backfill.hpp).

#include "engine/lint/analyzers/backfill.hpp"

#include <algorithm>
#include <string>

namespace atlas::engine::lint {

using sql::EqualFold;
using sql::IsName;
using sql::IsPunct;
using sql::SkipName;
using sql::SplitTopLevel;
using sql::Token;
using sql::Tokens;

bool FillsColumn(std::string_view statement, std::string_view table, std::string_view column,
                 sql::DialectKind kind) {
  const auto all = sql::Tokenize(statement, sql::SplitOptions::For(kind));
  const Tokens tokens(all);
  if (tokens.empty() || !tokens[0].Is("UPDATE")) {
    return false;
  }
  size_t i = 1;
  while (i < tokens.size() &&
         (tokens[i].Is("LOW_PRIORITY") || tokens[i].Is("IGNORE") || tokens[i].Is("ONLY"))) {
    ++i;
  }
  std::string name;
  i = SkipName(tokens, i, &name);
  if (i >= tokens.size() || !EqualFold(name, table)) {
    return false;
  }
  // An optional alias, then SET (a ',' or JOIN here is a multi-table UPDATE).
  if (tokens[i].Is("AS")) {
    ++i;
  }
  if (i < tokens.size() && !tokens[i].Is("SET") && IsName(tokens[i])) {
    ++i;
  }
  if (i >= tokens.size() || !tokens[i].Is("SET")) {
    return false;
  }
  ++i;
  size_t end = i;
  int depth = 0;
  for (; end < tokens.size(); ++end) {
    const Token& t = tokens[end];
    if (IsPunct(t, '(')) {
      ++depth;
    } else if (IsPunct(t, ')')) {
      --depth;
    } else if (depth == 0 && (t.Is("WHERE") || t.Is("ORDER") || t.Is("LIMIT") || t.Is("FROM") ||
                               t.Is("RETURNING"))) {
      break;
    }
  }
  bool sets = false;
  for (const auto assignment : SplitTopLevel(tokens.subspan(i, end - i))) {
    std::string target;
    const size_t eq = SkipName(assignment, 0, &target);
    if (eq < assignment.size() && IsPunct(assignment[eq], '=') && EqualFold(target, column)) {
      sets = true;
    }
  }
  if (!sets) {
    return false;
  }
  if (end >= tokens.size() || !tokens[end].Is("WHERE")) {
    return true;
  }
  return std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(end) + 1, tokens.end(),
                     [&](const Token& t) { return IsName(t) && EqualFold(t.text, column); });
}


namespace {

sql::DialectKind KindOf(std::string_view dialect) {
  if (dialect == "postgres") {
    return sql::DialectKind::kPostgres;
  }
  if (dialect == "mysql") {
    return sql::DialectKind::kMysql;
  }
  return sql::DialectKind::kSqlite;
}

}  // namespace

bool ColumnFilledAfter(const Pass& pass, std::string_view table, std::string_view column) {
  const auto later = pass.LaterStatements();
  return std::any_of(later.begin(), later.end(), [&](std::string_view statement) {
    return FillsColumn(statement, table, column, KindOf(pass.dialect));
  });
}

bool ColumnFilledBefore(const Pass& pass, std::string_view table, std::string_view column) {
  const size_t n = std::min(pass.file_position, pass.file_statements.size());
  const auto earlier = pass.file_statements.subspan(0, n);
  return std::any_of(earlier.begin(), earlier.end(), [&](std::string_view statement) {
    return FillsColumn(statement, table, column, KindOf(pass.dialect));
  });
}

}  // namespace atlas::engine::lint
