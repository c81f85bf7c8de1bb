// Token scans of MySQL statements for the MySQL lint pieces (engine/lint/analyzers/mysql.hpp):
// inline REFERENCES in column definitions.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/lint/analyzers/backfill.hpp"
#include "engine/lint/analyzers/mysql.hpp"
#include "engine/sql/tokens.hpp"

namespace atlas::engine::lint {

namespace {

using sql::EqualFold;
using sql::IsName;
using sql::IsPunct;
using sql::SkipName;
using sql::SplitTopLevel;
using sql::Token;
using sql::Tokens;

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
  return ColumnFilledAfter(pass, table, column);
}

}  // namespace atlas::engine::lint
