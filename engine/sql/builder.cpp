#include "engine/sql/builder.hpp"

#include <cctype>

#include <fmt/format.h>

namespace atlas::engine::sql {

namespace {

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  return s;
}

// Index of the parenthesis closing the one at `open`, honouring quotes; npos when unbalanced.
size_t MatchingParen(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\'' || c == '"' || c == '`') {
      const size_t end = s.find(c, i + 1);
      if (end == std::string_view::npos) {
        return std::string_view::npos;
      }
      i = end;
      continue;
    }
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
      if (depth == 0) {
        return i;
      }
    }
  }
  return std::string_view::npos;
}

}  // namespace

Builder::Builder(Dialect dialect, std::optional<std::string> qualifier, std::string indent)
    : dialect_(dialect), qualifier_(std::move(qualifier)), indent_(std::move(indent)) {}

void Builder::Sep() {
  if (buf_.empty()) {
    return;
  }
  const char last = buf_.back();
  if (last != ' ' && last != '(' && last != '\n') {
    buf_.push_back(' ');
  }
}

void Builder::Token(std::string_view text) {
  Sep();
  buf_.append(text);
  buf_.push_back(' ');
}

void Builder::Open() {
  Sep();
  buf_.push_back('(');
}

void Builder::Close() {
  if (!buf_.empty() && buf_.back() == ' ') {
    buf_.back() = ')';
  } else {
    buf_.push_back(')');
  }
  buf_.push_back(' ');
}

void Builder::AppendQuoted(std::string_view name) {
  if (name.empty()) {
    diags_.AddError("Invalid identifier", "an SQL identifier must not be empty");
  }
  if (name.find('\0') != std::string_view::npos) {
    diags_.AddError("Invalid identifier", "an SQL identifier must not contain a NUL character");
  }
  buf_.append(QuoteIdent(dialect_, name));
}

Builder& Builder::Kw(std::string_view phrase) {
  if (!phrase.empty()) {
    Token(phrase);
  }
  return *this;
}

Builder& Builder::Ident(std::string_view name) {
  Sep();
  AppendQuoted(name);
  buf_.push_back(' ');
  return *this;
}

void Builder::Qualifier(std::string_view schema) {
  std::string_view q = schema;
  if (qualifier_) {
    q = *qualifier_;
  }
  if (!q.empty()) {
    AppendQuoted(q);
    buf_.push_back('.');
  }
}

Builder& Builder::Table(std::string_view schema, std::string_view name) {
  Sep();
  Qualifier(schema);
  AppendQuoted(name);
  buf_.push_back(' ');
  return *this;
}

Builder& Builder::Column(std::string_view schema, std::string_view table, std::string_view column) {
  Sep();
  Qualifier(schema);
  AppendQuoted(table);
  buf_.push_back('.');
  AppendQuoted(column);
  buf_.push_back(' ');
  return *this;
}

Builder& Builder::Literal(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    diags_.AddError("Invalid string literal",
                    "an SQL string literal must not contain a NUL character");
  }
  Token(QuoteLiteral(dialect_, text));
  return *this;
}

Builder& Builder::Raw(const sql::Raw& raw) {
  const std::string_view text = TrimSpace(raw.text);
  if (!text.empty()) {
    Token(text);
  }
  return *this;
}

Builder& Builder::Paren(const sql::Raw& raw) {
  Sep();
  buf_.push_back('(');
  buf_.append(TrimSpace(raw.text));
  buf_.append(") ");
  return *this;
}

Builder& Builder::Int(int64_t v) {
  Token(std::to_string(v));
  return *this;
}

Builder& Builder::Comma() {
  if (buf_.empty()) {
    return *this;
  }
  if (buf_.back() == ' ') {
    buf_.back() = ',';
    buf_.push_back(' ');
  } else {
    buf_.append(", ");
  }
  return *this;
}

Builder& Builder::NL() {
  if (indent_.empty()) {
    return *this;
  }
  if (!buf_.empty() && buf_.back() == ' ') {
    buf_.back() = '\n';
  } else {
    buf_.push_back('\n');
  }
  for (int i = 0; i < level_; ++i) {
    buf_.append(indent_);
  }
  return *this;
}

std::string Builder::String() const {
  std::string out = buf_;
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) {
    out.pop_back();
  }
  return out;
}

base::Result<std::string> Builder::Build() const {
  if (!ok()) {
    base::Diagnostics d = diags_;
    for (auto& item : d.items()) {
      item.statement = String();
    }
    return d;
  }
  return String();
}

std::string QuoteIdent(const Dialect& dialect, std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out.push_back(dialect.ident_open);
  if (name.find(dialect.ident_close) == std::string_view::npos) {
    out.append(name);  // the common case: nothing to double
  } else {
    for (const char c : name) {
      out.push_back(c);
      if (c == dialect.ident_close) {
        out.push_back(c);
      }
    }
  }
  out.push_back(dialect.ident_close);
  return out;
}

std::string QuoteLiteral(const Dialect& dialect, std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('\'');
  for (const char c : text) {
    out.push_back(c);
    if (c == '\'' || (c == '\\' && dialect.backslash_escapes)) {
      out.push_back(c);
    }
  }
  out.push_back('\'');
  return out;
}

bool IsWrapped(std::string_view expr) {
  expr = TrimSpace(expr);
  if (expr.size() < 2 || expr.front() != '(') {
    return false;
  }
  return MatchingParen(expr, 0) == expr.size() - 1;
}

std::string MayWrap(std::string_view expr) {
  expr = TrimSpace(expr);
  if (IsWrapped(expr)) {
    return std::string(expr);
  }
  return fmt::format("({})", expr);
}

std::string Unwrap(std::string_view expr) {
  expr = TrimSpace(expr);
  while (IsWrapped(expr)) {
    expr = TrimSpace(expr.substr(1, expr.size() - 2));
  }
  return std::string(expr);
}

}  // namespace atlas::engine::sql
