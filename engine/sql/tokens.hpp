#pragma once
// A flat token scan of one SQL statement for analyzers that need to see how a statement was written
// (CONCURRENTLY, NOT VALID, RENAME, inline REFERENCES) when the inspected schema cannot tell. Quotes
// and comments follow the dialect's SplitOptions (the same rules as the statement splitter); it is
// not a parser. "..." is always a kQuotedIdent (also on MySQL, where it is a string by default).
// Pure functions; thread-safe.

#include <cstddef>
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

}  // namespace atlas::engine::sql
