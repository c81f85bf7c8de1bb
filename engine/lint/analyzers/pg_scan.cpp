// The statement scan of the PostgreSQL lock analyzers: which CREATE/DROP INDEX statements used
// CONCURRENTLY and which ALTER TABLE actions used NOT VALID or USING INDEX. A token scan, not a
// parser: quotes, dollar quotes and comments are skipped by sql::Tokenize.

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "engine/lint/analyzers/postgres.hpp"

namespace atlas::engine::lint::pg {

namespace {

using sql::IsName;
using sql::IsPunct;
using sql::Token;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// An identifier as PostgreSQL stores it: unquoted names fold to lower case.
std::string Folded(const Token& t) {
  return t.kind == Token::Kind::kQuotedIdent ? t.text : Lower(t.text);
}

// Fills the flags of a clause from its tokens (only what lies outside parentheses counts).
Clause MakeClause(std::vector<Token> tokens) {
  Clause c;
  int depth = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (IsPunct(t, '(')) {
      ++depth;
    } else if (IsPunct(t, ')')) {
      depth = std::max(0, depth - 1);
    } else if (depth == 0 && i + 1 < tokens.size()) {
      if (t.Is("CONSTRAINT") && c.constraint.empty() && IsName(tokens[i + 1])) {
        c.constraint = Folded(tokens[i + 1]);
      } else if (t.Is("NOT") && tokens[i + 1].Is("VALID")) {
        c.not_valid = true;
      } else if (t.Is("USING") && tokens[i + 1].Is("INDEX")) {
        c.using_index = true;
      }
    }
  }
  c.tokens = std::move(tokens);
  return c;
}

// The last part of a possibly qualified name starting at tokens[i] (`s.i` -> "i"); advances i
// past it.
std::string QualifiedName(const std::vector<Token>& tokens, size_t& i) {
  std::string name = Folded(tokens[i]);
  ++i;
  while (i + 1 < tokens.size() && IsPunct(tokens[i], '.') && IsName(tokens[i + 1])) {
    name = Folded(tokens[i + 1]);
    i += 2;
  }
  return name;
}

struct IndexStatement {
  bool concurrently = false;
  std::vector<std::string> names;  // empty: CREATE INDEX without a name
};

// CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON ... /
// DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...]; nullopt for other statements.
std::optional<IndexStatement> ParseIndexStatement(const std::vector<Token>& t, IndexVerb verb) {
  size_t i = 0;
  if (verb == IndexVerb::kCreate) {
    if (t.size() < 2 || !t[0].Is("CREATE")) {
      return std::nullopt;
    }
    i = t[1].Is("UNIQUE") ? 2 : 1;
  } else {
    if (t.empty() || !t[0].Is("DROP")) {
      return std::nullopt;
    }
    i = 1;
  }
  if (i >= t.size() || !t[i].Is("INDEX")) {
    return std::nullopt;
  }
  ++i;
  IndexStatement out;
  if (i < t.size() && t[i].Is("CONCURRENTLY")) {
    out.concurrently = true;
    ++i;
  }
  if (i < t.size() && t[i].Is("IF")) {
    while (i < t.size() && (t[i].Is("IF") || t[i].Is("NOT") || t[i].Is("EXISTS"))) {
      ++i;
    }
  }
  if (verb == IndexVerb::kCreate) {
    if (i < t.size() && IsName(t[i]) && !t[i].Is("ON")) {
      out.names.push_back(Folded(t[i]));
    }
    return out;
  }
  while (i < t.size() && IsName(t[i]) && !t[i].Is("CASCADE") && !t[i].Is("RESTRICT")) {
    out.names.push_back(QualifiedName(t, i));
    if (i < t.size() && IsPunct(t[i], ',')) {
      ++i;
    }
  }
  return out;
}

}  // namespace

bool Clause::Has(std::string_view keyword) const {
  int depth = 0;
  for (const auto& t : tokens) {
    if (IsPunct(t, '(')) {
      ++depth;
    } else if (IsPunct(t, ')')) {
      depth = std::max(0, depth - 1);
    } else if (depth == 0 && t.Is(keyword)) {
      return true;
    }
  }
  return false;
}

StatementScan::StatementScan(std::string_view sql) { Add(sql); }

StatementScan::StatementScan(const Pass& pass, int change_index) {
  if (pass.file != nullptr) {
    Add(pass.source);
    return;
  }
  for (const auto& s : pass.statements) {
    if (s.change_index == change_index) {
      Add(s.sql);
    }
  }
}

void StatementScan::Add(std::string_view sql) {
  const auto tokens = sql::Tokenize(sql, sql::SplitOptions::For(sql::DialectKind::kPostgres));
  std::vector<Token> cur;
  const auto flush = [&] {
    if (cur.empty()) {
      return;
    }
    Statement st;
    st.tokens = cur;
    const bool alter = cur.size() > 1 && cur[0].Is("ALTER") && cur[1].Is("TABLE");
    std::vector<Token> part;
    int depth = 0;
    for (auto& t : cur) {
      if (IsPunct(t, '(')) {
        ++depth;
      } else if (IsPunct(t, ')')) {
        depth = std::max(0, depth - 1);
      } else if (alter && depth == 0 && IsPunct(t, ',')) {
        st.clauses.push_back(MakeClause(std::move(part)));
        part.clear();
        continue;
      }
      part.push_back(std::move(t));
    }
    st.clauses.push_back(MakeClause(std::move(part)));
    statements_.push_back(std::move(st));
    cur.clear();
  };
  for (const auto& t : tokens) {
    if (IsPunct(t, ';')) {
      flush();
    } else {
      cur.push_back(t);
    }
  }
  flush();
}

std::optional<bool> StatementScan::IndexConcurrently(IndexVerb verb, std::string_view name) const {
  std::optional<bool> unnamed;
  const std::string want = std::string(name);
  for (const auto& st : statements_) {
    const auto parsed = ParseIndexStatement(st.tokens, verb);
    if (!parsed) {
      continue;
    }
    if (std::find(parsed->names.begin(), parsed->names.end(), want) != parsed->names.end()) {
      return parsed->concurrently;
    }
    if (parsed->names.empty() && !unnamed) {
      unnamed = parsed->concurrently;
    }
  }
  return unnamed;
}

const Clause* StatementScan::ConstraintClause(std::string_view name,
                                              std::string_view keyword) const {
  const Clause* unnamed = nullptr;
  for (const auto& st : statements_) {
    if (st.tokens.size() < 2 || !st.tokens[0].Is("ALTER") || !st.tokens[1].Is("TABLE")) {
      continue;
    }
    for (const auto& c : st.clauses) {
      if (!c.Has("ADD") || !c.Has(keyword)) {
        continue;
      }
      if (!name.empty() && c.constraint == name) {
        return &c;
      }
      if (c.constraint.empty() && unnamed == nullptr) {
        unnamed = &c;
      }
    }
  }
  return unnamed;
}

bool BoolOption(const Pass& pass, std::string_view analyzer, std::string_view key, bool def) {
  const AnalyzerOptions* opts = pass.OptionsOf(analyzer);
  if (opts == nullptr) {
    return def;
  }
  const auto it = opts->attrs.find(key);
  if (it == opts->attrs.end()) {
    return def;
  }
  return it->second != "false";
}

}  // namespace atlas::engine::lint::pg
