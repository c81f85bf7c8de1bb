#pragma once
// A flat token scan of one SQL statement for analyzers that need to see how a statement was written
// (CONCURRENTLY, NOT VALID, RENAME, inline REFERENCES) when the inspected schema cannot tell. Quotes
// and comments follow the dialect's SplitOptions (the same rules as the statement splitter); it is
// not a parser. "..." is always a kQuotedIdent (also on MySQL, where it is a string by default).
// Pure functions; thread-safe.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sql/splitter.hpp"

namespace atlas::engine::sql {

struct Token {
  enum class Kind { kWord, kQuotedIdent, kString, kNumber, kPunct };
  Kind kind = Kind::kPunct;
  std::string text;   // kWord: as written; kQuotedIdent/kString: unquoted, escapes resolved; kPunct: one char
  size_t offset = 0;  // byte offset in the statement

  // A bare word equal to `keyword` ignoring ASCII case (keyword given in upper case).
  bool Is(std::string_view keyword) const;
};

// Tokens of `statement`, comments and whitespace dropped. An unterminated quote or comment ends
// the scan (the statement already ran or failed on the database).
std::vector<Token> Tokenize(std::string_view statement, const SplitOptions& options);

// Whether some bare word of `statement` is `keyword` (upper case).
bool HasKeyword(const std::vector<Token>& tokens, std::string_view keyword);

// Small helpers for analyzers walking a token list.
using Tokens = std::span<const Token>;
bool IsName(const Token& t);  // a bare word or a quoted identifier
bool IsPunct(const Token& t, char c);
// ASCII case-insensitive equality.
bool EqualFold(std::string_view a, std::string_view b);
// Splits at ',' outside parentheses.
std::vector<Tokens> SplitTopLevel(Tokens tokens);
// Index just past a (possibly qualified) name starting at `i` (`s.t` -> "t" in *last);
// tokens.size() when tokens[i] is not a name.
size_t SkipName(Tokens tokens, size_t i, std::string* last);

}  // namespace atlas::engine::sql
