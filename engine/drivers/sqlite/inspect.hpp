#pragma once
// SQLite inspection into the schema model, with the fixed query set of queries.hpp (eight queries
// per realm, whatever the number of tables). The realm always has one schema, "main".
//
// Representation:
// - ColumnType.raw = the declared type as written ("VARCHAR(255)", "" when none); normalized =
// lower case
//   with collapsed whitespace ("varchar(255)").
// - Defaults: numbers, TRUE/FALSE, quoted strings and blobs are Expr::kLiteral ('abc', 1); anything
// else
//   (CURRENT_TIMESTAMP, (datetime('now')), NULL) is Expr::kRaw, text as stored.
// - AUTOINCREMENT, generated expressions, column collations, CHECK constraints and FK constraint
// names come
//   from the CREATE TABLE text (ddl.hpp); unnamed FKs have an empty name.
// - Indexes created by UNIQUE constraints keep SQLite's name (sqlite_autoindex_<table>_<n>); the
// primary
//   key's own index is not listed. Expression parts come from the CREATE INDEX text.
// - Views: definition = the SELECT after AS; triggers: the full CREATE TRIGGER text, attached to
// their table
//   or view.
//
// Thread-safety: uses the connection it was given; one call at a time.

#include "engine/drivers/driver.hpp"
#include "engine/drivers/sqlite/conn.hpp"

namespace atlas::engine::drivers::sqlite {

class Inspector final : public drivers::Inspector {
 public:
  explicit Inspector(Connection& conn) : conn_(conn) {}
  base::Result<schema::Realm> InspectRealm(const InspectOptions& options) override;

 private:
  Connection& conn_;
};

// Literal vs raw classification of a default as SQLite stores it (exposed for tests).
schema::Expr DefaultExpr(std::string_view text);
// Lower case, whitespace collapsed, no spaces around parentheses and commas.
std::string NormalizeType(std::string_view declared);

}  // namespace atlas::engine::drivers::sqlite
