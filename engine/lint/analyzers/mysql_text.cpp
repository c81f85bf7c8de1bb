// Token scans of MySQL statements for the MySQL lint pieces (engine/lint/analyzers/mysql.hpp):
// inline REFERENCES in column definitions, and UPDATE statements that back-fill a column.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/lint/analyzers/mysql.hpp"
#include "engine/sql/tokens.hpp"

namespace atlas::engine::lint {

namespace {

using sql::Token;
using Tokens = std::span<const Token>;

bool EqualFold(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool IsPunct(const Token& t, char c) {
  return t.kind == Token::Kind::kPunct && t.text.size() == 1 && t.text[0] == c;
}

bool IsName(const Token& t) {
  return t.kind == Token::Kind::kWord || t.kind == Token::Kind::kQuotedIdent;
}

// Splits `tokens` at ',' outside parentheses.
std::vector<Tokens> SplitTopLevel(Tokens tokens) {
  std::vector<Tokens> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (IsPunct(tokens[i], '(')) {
      ++depth;
    } else if (IsPunct(tokens[i], ')')) {
      --depth;
    } else if (depth == 0 && IsPunct(tokens[i], ',')) {
      out.push_back(tokens.subspan(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(tokens.subspan(start));
  return out;
}

// Index of the ')' closing the '(' at `open`, or tokens.size() when unbalanced.
size_t Closing(Tokens tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (IsPunct(tokens[i], '(')) {
      ++depth;
    } else if (IsPunct(tokens[i], ')') && --depth == 0) {
      return i;
    }
  }
  return tokens.size();
}

// Whether a bare word `keyword` appears outside parentheses.
bool HasTopLevel(Tokens tokens, std::string_view keyword) {
  int depth = 0;
  for (const auto& t : tokens) {
    if (IsPunct(t, '(')) {
      ++depth;
    } else if (IsPunct(t, ')')) {
      --depth;
    } else if (depth == 0 && t.Is(keyword)) {
      return true;
    }
  }
  return false;
}

// Index just past a (possibly schema-qualified) name starting at `i`; `last` gets its last part.
size_t SkipName(Tokens tokens, size_t i, std::string* last) {
  if (i >= tokens.size() || !IsName(tokens[i])) {
    return tokens.size();
  }
  *last = tokens[i].text;
  ++i;
  while (i + 1 < tokens.size() && IsPunct(tokens[i], '.') && IsName(tokens[i + 1])) {
    *last = tokens[i + 1].text;
    i += 2;
  }
  return i;
}

// Index just past `IF [NOT] EXISTS` at `i`, or `i`.
size_t SkipIfExists(Tokens tokens, size_t i) {
  if (i < tokens.size() && tokens[i].Is("IF")) {
    ++i;
    if (i < tokens.size() && tokens[i].Is("NOT")) {
      ++i;
    }
    if (i < tokens.size() && tokens[i].Is("EXISTS")) {
      ++i;
    }
  }
  return i;
}

// Whether a table element (or an ALTER TABLE ADD target) starts a constraint or index rather
// than a column definition. Reserved words, so an unquoted column cannot be named so; PERIOD and
// SYSTEM are not reserved and need their next word.
bool StartsConstraint(Tokens element) {
  if (element.empty()) {
    return true;
  }
  const Token& t = element[0];
  for (const char* k : {"CONSTRAINT", "PRIMARY", "FOREIGN", "UNIQUE", "KEY", "INDEX", "FULLTEXT",
                        "SPATIAL", "CHECK", "PARTITION"}) {
    if (t.Is(k)) {
      return true;
    }
  }
  return element.size() > 1 && ((t.Is("PERIOD") && element[1].Is("FOR")) ||
                                (t.Is("SYSTEM") && element[1].Is("VERSIONING")));
}

// A column definition `name type ... REFERENCES t(c) ...`: its name when it has the clause.
void ColumnWithReferences(Tokens def, std::vector<std::string>& out) {
  if (def.empty() || !IsName(def[0]) || StartsConstraint(def)) {
    return;
  }
  if (HasTopLevel(def.subspan(1), "REFERENCES")) {
    out.push_back(def[0].text);
  }
}

void CreateTableColumns(Tokens tokens, size_t table, std::vector<std::string>& out) {
  size_t i = SkipIfExists(tokens, table + 1);
  std::string name;
  i = SkipName(tokens, i, &name);
  if (i >= tokens.size() || !IsPunct(tokens[i], '(')) {
    return;  // CREATE TABLE ... LIKE / AS SELECT
  }
  const size_t close = Closing(tokens, i);
  for (const auto element : SplitTopLevel(tokens.subspan(i + 1, close - i - 1))) {
    ColumnWithReferences(element, out);
  }
}

void AlterTableColumns(Tokens tokens, size_t table, std::vector<std::string>& out) {
  size_t i = SkipIfExists(tokens, table + 1);
  std::string name;
  i = SkipName(tokens, i, &name);
  if (i >= tokens.size()) {
    return;
  }
  for (auto spec : SplitTopLevel(tokens.subspan(i))) {
    if (spec.empty() || !spec[0].Is("ADD")) {
      continue;
    }
    spec = spec.subspan(1);
    bool column = false;
    if (!spec.empty() && spec[0].Is("COLUMN")) {
      column = true;
      spec = spec.subspan(1);
    }
    spec = spec.subspan(std::min(spec.size(), SkipIfExists(spec, 0)));
    if (spec.empty()) {
      continue;
    }
    if (IsPunct(spec[0], '(')) {
      const size_t close = Closing(spec, 0);
      for (const auto def : SplitTopLevel(spec.subspan(1, close - 1))) {
        ColumnWithReferences(def, out);
      }
      continue;
    }
    if (column || !StartsConstraint(spec)) {
      if (IsName(spec[0]) && HasTopLevel(spec.subspan(1), "REFERENCES")) {
        out.push_back(spec[0].text);
      }
    }
  }
}

// A single-table UPDATE of `table` that sets `column` and has no WHERE, or a WHERE naming it.
bool FillsColumn(std::string_view statement, std::string_view table, std::string_view column) {
  const auto all = sql::Tokenize(statement, sql::SplitOptions::For(sql::DialectKind::kMysql));
  const Tokens tokens(all);
  if (tokens.empty() || !tokens[0].Is("UPDATE")) {
    return false;
  }
  size_t i = 1;
  while (i < tokens.size() && (tokens[i].Is("LOW_PRIORITY") || tokens[i].Is("IGNORE"))) {
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
    } else if (depth == 0 && (t.Is("WHERE") || t.Is("ORDER") || t.Is("LIMIT"))) {
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

}  // namespace

std::vector<std::string> MysqlInlineReferenceColumns(std::string_view statement) {
  const auto all = sql::Tokenize(statement, sql::SplitOptions::For(sql::DialectKind::kMysql));
  const Tokens tokens(all);
  std::vector<std::string> out;
  if (tokens.size() < 2) {
    return out;
  }
  if (tokens[0].Is("CREATE")) {
    // CREATE [OR REPLACE] [TEMPORARY] TABLE
    for (size_t i = 1; i < tokens.size() && i < 5; ++i) {
      if (tokens[i].Is("TABLE")) {
        CreateTableColumns(tokens, i, out);
        break;
      }
      if (!tokens[i].Is("OR") && !tokens[i].Is("REPLACE") && !tokens[i].Is("TEMPORARY")) {
        break;
      }
    }
  } else if (tokens[0].Is("ALTER")) {
    // ALTER [ONLINE] [IGNORE] TABLE
    for (size_t i = 1; i < tokens.size() && i < 4; ++i) {
      if (tokens[i].Is("TABLE")) {
        AlterTableColumns(tokens, i, out);
        break;
      }
      if (!tokens[i].Is("ONLINE") && !tokens[i].Is("IGNORE")) {
        break;
      }
    }
  }
  return out;
}

bool MysqlColumnFilledAfter(const Pass& pass, std::string_view table, std::string_view column) {
  const auto later = pass.LaterStatements();
  return std::any_of(later.begin(), later.end(), [&](std::string_view statement) {
    return FillsColumn(statement, table, column);
  });
}

}  // namespace atlas::engine::lint
