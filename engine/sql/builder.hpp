#pragma once
// sql::Builder: the only place where SQL text is concatenated. Typed fragments per Dialect:
//   Kw("CREATE TABLE")   keywords/punctuation-free phrases, spaced automatically
//   Ident(name)          always quoted, closing quote doubled ("we""ird", `a``b`); NUL rejected
//   Table(schema, name)  qualifier policy: schema-bound (qualifier "") = unqualified
//   Literal(text)        '...' with ' doubled (and \ doubled for MySQL without
//   NO_BACKSLASH_ESCAPES) Raw(sql::Raw{...})   already-SQL text, written verbatim
// Spacing follows Atlas's sqlx.Builder: phrases are separated by one space, "(" is not followed by
// one and
// ")" / "," replace a trailing one. With a non-empty indent, NL() breaks lines (Atlas's MapIndent).
//
// A Builder is a value (Clone() = copy); not thread-safe, use one per statement.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "engine/base/result.hpp"
#include "engine/sql/dialect.hpp"

namespace atlas::engine::sql {

class Builder {
 public:
  // qualifier: nullopt = qualify a schema object with its own schema when that is non-empty
  // (realm-bound);
  // "" = never qualify (schema-bound connection); "x" = always qualify with "x".
  explicit Builder(Dialect dialect, std::optional<std::string> qualifier = std::nullopt,
                   std::string indent = {});

  Builder& Kw(std::string_view phrase);
  Builder& Ident(std::string_view name);
  // A schema object name (table, view, index, trigger) under the qualifier policy.
  Builder& Table(std::string_view schema, std::string_view name);
  // "schema"."table"."column" under the qualifier policy.
  Builder& Column(std::string_view schema, std::string_view table, std::string_view column);
  Builder& Literal(std::string_view text);
  Builder& Raw(const sql::Raw& raw);
  // "(" raw ")" as one token.
  Builder& Paren(const sql::Raw& raw);
  Builder& Int(int64_t v);
  Builder& Comma();
  // Line break + current indentation when an indent string is set; no-op otherwise.
  Builder& NL();

  template <class F>
  Builder& Wrap(F&& fn) {
    Open();
    fn(*this);
    Close();
    return *this;
  }
  // A function call: name "(" args ")" with no space before the parenthesis: IFNULL("a", 0).
  template <class F>
  Builder& Call(std::string_view name, F&& args) {
    Sep();
    buf_.append(name);
    buf_.push_back('(');
    args(*this);
    Close();
    return *this;
  }
  // Like Wrap, one indentation level deeper, closing parenthesis on its own line when indenting.
  template <class F>
  Builder& WrapIndent(F&& fn) {
    Open();
    ++level_;
    fn(*this);
    --level_;
    NL();
    Close();
    return *this;
  }
  // fn(element, builder) for each element, separated by ", ".
  template <class Range, class F>
  Builder& MapComma(const Range& range, F&& fn) {
    bool first = true;
    for (const auto& e : range) {
      if (!first) {
        Comma();
      }
      first = false;
      fn(e, *this);
    }
    return *this;
  }
  // Like MapComma with NL() before each element.
  template <class Range, class F>
  Builder& MapIndent(const Range& range, F&& fn) {
    bool first = true;
    for (const auto& e : range) {
      if (!first) {
        Comma();
      }
      first = false;
      NL();
      fn(e, *this);
    }
    return *this;
  }

  Builder Clone() const { return *this; }
  const Dialect& dialect() const { return dialect_; }
  bool ok() const { return !diags_.HasError(); }
  const base::Diagnostics& diags() const { return diags_; }
  // The statement (trailing whitespace trimmed), or the first invalid fragment as an error.
  base::Result<std::string> Build() const;
  // The statement text regardless of errors (tests, messages).
  std::string String() const;

 private:
  void Sep();
  void Token(std::string_view text);
  void Open();
  void Close();
  void AppendQuoted(std::string_view name);
  void Qualifier(std::string_view schema);

  Dialect dialect_;
  std::optional<std::string> qualifier_;
  std::string indent_;
  int level_ = 0;
  std::string buf_;
  base::Diagnostics diags_;
};

// Quoting helpers for one-off uses inside engine/sql and drivers' planners.
std::string QuoteIdent(const Dialect& dialect, std::string_view name);
std::string QuoteLiteral(const Dialect& dialect, std::string_view text);
// True when `expr` is entirely enclosed by one pair of balanced parentheses: "(a) + (b)" is not.
bool IsWrapped(std::string_view expr);
// `expr` wrapped in parentheses unless IsWrapped (Atlas's sqlx.MayWrap).
std::string MayWrap(std::string_view expr);
// Removes outer parentheses pairs that enclose the whole expression and trims whitespace.
std::string Unwrap(std::string_view expr);

}  // namespace atlas::engine::sql
