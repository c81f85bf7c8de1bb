#pragma once
// Splits an SQL script into statements on top-level ';', honouring quotes ('...', "...", `...`,
// [...] for SQLite), comments (--, /* */, '#' for MySQL), PostgreSQL dollar quotes ($tag$...$tag$)
// and BEGIN...END bodies of CREATE TRIGGER / FUNCTION / PROCEDURE (with CASE...END and MySQL END
// IF/LOOP/WHILE/REPEAT). Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/base/source_range.hpp"
#include "engine/sql/dialect.hpp"

namespace atlas::engine::sql {

struct SplitOptions {
  bool backslash_escapes = false;  // MySQL: '\' escapes inside quoted strings
  bool hash_comments = false;      // MySQL: '#' starts a line comment
  bool bracket_idents = false;     // SQLite: [ident]
  bool dollar_quotes = false;      // PostgreSQL: $$...$$, $tag$...$tag$
  bool nested_comments = false;    // PostgreSQL: /* /* */ */
  bool begin_end = true;           // BEGIN...END bodies in CREATE TRIGGER/FUNCTION/PROCEDURE
  // Statement delimiter; empty means ";". A custom one (Atlas `-- atlas:delimiter $$`) is matched
  // outside quotes and comments and disables BEGIN...END tracking.
  std::string delimiter;
  // MySQL client `DELIMITER <tok>` lines (at a statement start) change the delimiter; the line itself
  // is not a statement.
  bool delimiter_command = false;

  static SplitOptions For(DialectKind kind);
};

struct SplitStatement {
  std::string text;                   // trimmed, leading comments removed, without the trailing ';'
  std::vector<std::string> comments;  // leading comments, verbatim ("-- x", "/* y */")
  base::SourcePos pos;                // position of text's first character in the input
};

// Statements in order; chunks holding only whitespace/comments are dropped. Errors (unterminated
// quote, comment or block) carry the source position, with `filename` in the range.
base::Result<std::vector<SplitStatement>> Split(std::string_view input, const SplitOptions& options,
                                                std::string_view filename = {});

}  // namespace atlas::engine::sql
