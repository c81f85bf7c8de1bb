#pragma once
// A migration file parsed for execution: Atlas directives and statements.
// Directives are `-- atlas:<name> [args]` comments in the file's leading comment block (which a
// blank line ends): `txmode none|file|all`, `delimiter <delim>` (escapes \n, \t), `nolint [codes]`,
// `sum ignore`, `txtar`. A txtar file holds `-- checks.sql --` (pre-migration assertions, each must
// return true) and `-- migration.sql --` sections. Pure functions; thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/migrate/dir.hpp"
#include "engine/sql/dialect.hpp"

namespace atlas::engine::migrate {

struct Directives {
  std::optional<std::string> txmode;     // as written: "none", "file", "all"
  std::optional<std::string> delimiter;  // unescaped
  std::optional<std::vector<std::string>> nolint;  // present (maybe empty = all codes)
  bool txtar = false;
  bool sum_ignore = false;
};

struct Statement {
  // The statement as Atlas's lexer yields it (with the trailing ';' for the default delimiter);
  // what is executed, printed and hashed into partial_hashes.
  std::string text;
  int line = 1;  // 1-based line in the file
  size_t offset = 0;  // byte offset of the statement in the file (Atlas's Stmt.Pos)
  // Comments directly above the statement, verbatim ("-- atlas:nolint DS102"); not part of `text`.
  std::vector<std::string> comments;
};

struct ParsedFile {
  std::string name;
  Directives directives;
  std::vector<Statement> checks;      // txtar checks.sql
  std::vector<Statement> statements;  // what the file applies
};

// Directives of the leading comment block. More than one txmode is an error naming the file.
base::Result<Directives> ParseDirectives(const File& file);

// Parses directives, unpacks txtar archives and splits statements with the dialect's splitter.
base::Result<ParsedFile> ParseFile(const File& file, sql::DialectKind dialect);

// Atlas's running statement hashes: after statement i, "h1:" + base64(SHA-256 of statements 0..i).
std::vector<std::string> PartialHashes(const std::vector<Statement>& statements);

}  // namespace atlas::engine::migrate
