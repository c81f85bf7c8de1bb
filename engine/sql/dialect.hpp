#pragma once
// SQL dialect facts the statement builder and the splitter need: identifier quote characters,
// literal escaping rules and lexical features. Plain constexpr-friendly values; thread-safe.

#include <string>

namespace atlas::engine::sql {

enum class DialectKind { kSqlite, kPostgres, kMysql };

struct Dialect {
  DialectKind kind = DialectKind::kSqlite;
  char ident_open = '"';
  char ident_close = '"';
  // MySQL/MariaDB without NO_BACKSLASH_ESCAPES: '\' inside a literal is an escape and must be
  // doubled.
  bool backslash_escapes = false;

  static constexpr Dialect Sqlite() { return Dialect{DialectKind::kSqlite, '`', '`', false}; }
  static constexpr Dialect Postgres() { return Dialect{DialectKind::kPostgres, '"', '"', false}; }
  // `no_backslash_escapes` = the session's sql_mode contains NO_BACKSLASH_ESCAPES (read once at
  // connect).
  static constexpr Dialect Mysql(bool no_backslash_escapes = false) {
    return Dialect{DialectKind::kMysql, '`', '`', !no_backslash_escapes};
  }
  bool operator==(const Dialect&) const = default;
};

// Already-SQL text (a catalog expression, the user's sql("...") value). A distinct type so every
// place that writes unescaped text is visible in review. Never escaped by the builder.
struct Raw {
  std::string text;
};

}  // namespace atlas::engine::sql
