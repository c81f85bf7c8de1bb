#include "engine/drivers/sqlite/ddl.hpp"

#include <cctype>

namespace atlas::engine::drivers::sqlite {

namespace {

bool IsWordStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsWordChar(char c) {
  return IsWordStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$';
}

bool EqualsFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (std::isspace(static_cast<unsigned char>(s.back())) != 0 || s.back() == ';')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsPunct(const Token& t, char c) {
  return t.kind == Token::Kind::kPunct && t.text.size() == 1 && t.text[0] == c;
}

bool IsName(const Token& t) {
  return t.kind == Token::Kind::kWord || t.kind == Token::Kind::kIdent ||
         t.kind == Token::Kind::kString;
}

// Unquoted name of a token (string literals used as names lose their quotes too).
std::string NameOf(const Token& t) {
  if (t.kind == Token::Kind::kString && t.text.size() >= 2) {
    std::string out;
    for (size_t i = 1; i + 1 < t.text.size(); ++i) {
      out.push_back(t.text[i]);
      if (t.text[i] == '\'' && i + 2 < t.text.size() && t.text[i + 1] == '\'') {
        ++i;
      }
    }
    return out;
  }
  return t.value;
}

// Index of the ')' matching the '(' at `open`, or toks.size().
size_t Matching(const std::vector<Token>& toks, size_t open) {
  int depth = 0;
  for (size_t i = open; i < toks.size(); ++i) {
    if (IsPunct(toks[i], '(')) {
      ++depth;
    } else if (IsPunct(toks[i], ')')) {
      if (--depth == 0) {
        return i;
      }
    }
  }
  return toks.size();
}

// Source text strictly between tokens `open` and `close`.
std::string_view Between(std::string_view sql, const std::vector<Token>& toks, size_t open,
                         size_t close) {
  if (close >= toks.size() || close <= open + 1) {
    return {};
  }
  return Trim(sql.substr(toks[open].end, toks[close].begin - toks[open].end));
}

// Splits tokens (first, last) exclusive on depth-0 commas into [begin, end) ranges.
std::vector<std::pair<size_t, size_t>> SplitItems(const std::vector<Token>& toks, size_t open,
                                                  size_t close) {
  std::vector<std::pair<size_t, size_t>> items;
  int depth = 0;
  size_t start = open + 1;
  for (size_t i = open + 1; i < close; ++i) {
    if (IsPunct(toks[i], '(')) {
      ++depth;
    } else if (IsPunct(toks[i], ')')) {
      --depth;
    } else if (depth == 0 && IsPunct(toks[i], ',')) {
      items.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < close) {
    items.emplace_back(start, close);
  }
  return items;
}

// Names in "( a, b )" starting at `open`; returns the index after ')'.
size_t NameList(const std::vector<Token>& toks, size_t open, std::vector<std::string>& out) {
  const size_t close = Matching(toks, open);
  for (const auto& [b, e] : SplitItems(toks, open, close)) {
    if (b < e && IsName(toks[b])) {
      out.push_back(NameOf(toks[b]));
    }
  }
  return close + 1;
}

// "REFERENCES [schema.]tbl [(cols)]" starting at the REFERENCES token; fills fk, returns the next
// index.
size_t References(const std::vector<Token>& toks, size_t i, size_t end, ForeignKeyFacts& fk) {
  ++i;
  if (i < end && IsName(toks[i])) {
    fk.ref_table = NameOf(toks[i]);
    ++i;
    if (i + 1 < end && IsPunct(toks[i], '.') && IsName(toks[i + 1])) {
      fk.ref_table = NameOf(toks[i + 1]);
      i += 2;
    }
  }
  if (i < end && IsPunct(toks[i], '(')) {
    i = NameList(toks, i, fk.ref_columns);
  }
  return i;
}

void ParseColumn(std::string_view sql, const std::vector<Token>& toks, size_t b, size_t e,
                 TableFacts& facts) {
  ColumnFacts col;
  col.name = NameOf(toks[b]);
  std::string pending;
  for (size_t i = b + 1; i < e;) {
    const Token& t = toks[i];
    if (IsKeyword(t, "CONSTRAINT") && i + 1 < e) {
      pending = NameOf(toks[i + 1]);
      i += 2;
      continue;
    }
    if (IsKeyword(t, "CHECK") && i + 1 < e && IsPunct(toks[i + 1], '(')) {
      const size_t close = Matching(toks, i + 1);
      facts.checks.push_back(
          schema::Check{pending, std::string(Between(sql, toks, i + 1, close)), false});
      pending.clear();
      i = close + 1;
      continue;
    }
    if (IsKeyword(t, "REFERENCES")) {
      ForeignKeyFacts fk;
      fk.name = pending;
      fk.columns.push_back(col.name);
      i = References(toks, i, e, fk);
      facts.foreign_keys.push_back(std::move(fk));
      pending.clear();
      continue;
    }
    if (IsKeyword(t, "AUTOINCREMENT")) {
      col.autoincrement = true;
      ++i;
      continue;
    }
    if (IsKeyword(t, "COLLATE") && i + 1 < e) {
      col.collation = NameOf(toks[i + 1]);
      i += 2;
      continue;
    }
    if (IsKeyword(t, "AS") && i + 1 < e && IsPunct(toks[i + 1], '(')) {
      const size_t close = Matching(toks, i + 1);
      col.generated = std::string(Between(sql, toks, i + 1, close));
      i = close + 1;
      if (i < e && IsKeyword(toks[i], "STORED")) {
        col.stored = true;
        ++i;
      }
      continue;
    }
    if (IsKeyword(t, "PRIMARY") || IsKeyword(t, "UNIQUE") || IsKeyword(t, "NOT") ||
        IsKeyword(t, "NULL") || IsKeyword(t, "DEFAULT")) {
      pending.clear();
    }
    if (IsPunct(t, '(')) {
      i = Matching(toks, i) + 1;  // type arguments, DEFAULT (expr)
      continue;
    }
    ++i;
  }
  facts.columns.push_back(std::move(col));
}

void ParseTableConstraint(std::string_view sql, const std::vector<Token>& toks, size_t b, size_t e,
                          TableFacts& facts) {
  std::string pending;
  for (size_t i = b; i < e;) {
    const Token& t = toks[i];
    if (IsKeyword(t, "CONSTRAINT") && i + 1 < e) {
      pending = NameOf(toks[i + 1]);
      i += 2;
      continue;
    }
    if (IsKeyword(t, "CHECK") && i + 1 < e && IsPunct(toks[i + 1], '(')) {
      const size_t close = Matching(toks, i + 1);
      facts.checks.push_back(
          schema::Check{pending, std::string(Between(sql, toks, i + 1, close)), false});
      return;
    }
    if (IsKeyword(t, "FOREIGN") && i + 2 < e && IsKeyword(toks[i + 1], "KEY") &&
        IsPunct(toks[i + 2], '(')) {
      ForeignKeyFacts fk;
      fk.name = pending;
      size_t j = NameList(toks, i + 2, fk.columns);
      if (j < e && IsKeyword(toks[j], "REFERENCES")) {
        References(toks, j, e, fk);
      }
      facts.foreign_keys.push_back(std::move(fk));
      return;
    }
    if (IsKeyword(t, "PRIMARY")) {
      facts.primary_key_name = pending;
      return;
    }
    if (IsKeyword(t, "UNIQUE")) {
      return;
    }
    ++i;
  }
}

}  // namespace

std::vector<Token> Tokenize(std::string_view sql) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const size_t nl = sql.find('\n', i);
      i = nl == std::string_view::npos ? sql.size() : nl + 1;
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const size_t close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? sql.size() : close + 2;
      continue;
    }
    Token t;
    t.begin = i;
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      size_t j = i + 1;
      std::string value;
      while (j < sql.size()) {
        if (sql[j] == close) {
          if (close != ']' && j + 1 < sql.size() && sql[j + 1] == close) {
            value.push_back(close);
            j += 2;
            continue;
          }
          break;
        }
        value.push_back(sql[j]);
        ++j;
      }
      const size_t end = j < sql.size() ? j + 1 : sql.size();
      t.kind = c == '\'' ? Token::Kind::kString : Token::Kind::kIdent;
      t.value = c == '\'' ? std::string(sql.substr(i, end - i)) : std::move(value);
      t.end = end;
    } else if ((c == 'x' || c == 'X') && i + 1 < sql.size() && sql[i + 1] == '\'') {
      const size_t close = sql.find('\'', i + 2);
      t.end = close == std::string_view::npos ? sql.size() : close + 1;
      t.kind = Token::Kind::kString;
      t.value = std::string(sql.substr(i, t.end - i));
    } else if (IsWordStart(c)) {
      size_t j = i;
      while (j < sql.size() && IsWordChar(sql[j])) {
        ++j;
      }
      t.kind = Token::Kind::kWord;
      t.value = std::string(sql.substr(i, j - i));
      t.end = j;
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      size_t j = i;
      while (j < sql.size() && (IsWordChar(sql[j]) || sql[j] == '.')) {
        ++j;
      }
      t.kind = Token::Kind::kNumber;
      t.value = std::string(sql.substr(i, j - i));
      t.end = j;
    } else {
      t.kind = Token::Kind::kPunct;
      t.value = std::string(1, c);
      t.end = i + 1;
    }
    t.text = sql.substr(t.begin, t.end - t.begin);
    i = t.end;
    out.push_back(std::move(t));
  }
  return out;
}

bool IsKeyword(const Token& t, std::string_view kw) {
  return t.kind == Token::Kind::kWord && EqualsFold(t.value, kw);
}

std::optional<TableFacts> ParseCreateTable(std::string_view sql) {
  const auto toks = Tokenize(sql);
  size_t open = 0;
  while (open < toks.size() && !IsPunct(toks[open], '(')) {
    if (IsKeyword(toks[open], "AS")) {
      return std::nullopt;  // CREATE TABLE ... AS SELECT
    }
    ++open;
  }
  if (open >= toks.size()) {
    return std::nullopt;
  }
  const size_t close = Matching(toks, open);
  if (close >= toks.size()) {
    return std::nullopt;
  }
  TableFacts facts;
  for (const auto& [b, e] : SplitItems(toks, open, close)) {
    if (b >= e) {
      continue;
    }
    const Token& first = toks[b];
    if (IsKeyword(first, "CONSTRAINT") || IsKeyword(first, "PRIMARY") ||
        IsKeyword(first, "UNIQUE") || IsKeyword(first, "CHECK") || IsKeyword(first, "FOREIGN")) {
      ParseTableConstraint(sql, toks, b, e, facts);
    } else if (IsName(first)) {
      ParseColumn(sql, toks, b, e, facts);
    }
  }
  return facts;
}

std::optional<IndexFacts> ParseCreateIndex(std::string_view sql) {
  const auto toks = Tokenize(sql);
  size_t i = 0;
  while (i < toks.size() && !IsKeyword(toks[i], "ON")) {
    ++i;
  }
  while (i < toks.size() && !IsPunct(toks[i], '(')) {
    ++i;
  }
  if (i >= toks.size()) {
    return std::nullopt;
  }
  const size_t close = Matching(toks, i);
  if (close >= toks.size()) {
    return std::nullopt;
  }
  IndexFacts facts;
  for (auto [b, e] : SplitItems(toks, i, close)) {
    // Drop trailing ASC/DESC and COLLATE name.
    if (e > b && (IsKeyword(toks[e - 1], "ASC") || IsKeyword(toks[e - 1], "DESC"))) {
      --e;
    }
    if (e > b + 1 && IsKeyword(toks[e - 2], "COLLATE")) {
      e -= 2;
    }
    if (e <= b) {
      facts.parts.emplace_back();
      continue;
    }
    std::string_view text = Trim(sql.substr(toks[b].begin, toks[e - 1].end - toks[b].begin));
    // Outer parentheses around the whole part.
    while (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
      const auto inner = Tokenize(text);
      if (inner.empty() || Matching(inner, 0) != inner.size() - 1) {
        break;
      }
      text = Trim(text.substr(1, text.size() - 2));
    }
    facts.parts.emplace_back(text);
  }
  for (size_t k = close + 1; k < toks.size(); ++k) {
    if (IsKeyword(toks[k], "WHERE")) {
      facts.where = std::string(Trim(sql.substr(toks[k].end)));
      break;
    }
  }
  return facts;
}

std::string ViewDefinition(std::string_view sql) {
  const auto toks = Tokenize(sql);
  int depth = 0;
  bool after_view = false;
  for (const auto& t : toks) {
    if (IsPunct(t, '(')) {
      ++depth;
    } else if (IsPunct(t, ')')) {
      --depth;
    } else if (IsKeyword(t, "VIEW")) {
      after_view = true;
    } else if (after_view && depth == 0 && IsKeyword(t, "AS")) {
      return std::string(Trim(sql.substr(t.end)));
    }
  }
  return std::string(Trim(sql));
}

bool MentionsIdent(std::string_view sql, std::string_view name) {
  for (const auto& t : Tokenize(sql)) {
    if ((t.kind == Token::Kind::kWord || t.kind == Token::Kind::kIdent) &&
        EqualsFold(t.value, name)) {
      return true;
    }
  }
  return false;
}

}  // namespace atlas::engine::drivers::sqlite
