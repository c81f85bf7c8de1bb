#pragma once
// The MySQL/MariaDB spec dialect: Atlas's MySQL type names (sql/mysql/sqlspec.go) and the optional
// HCL features MySQL schema files use: charset/collate on schema, table and column, unsigned,
// auto_increment (column and table), on_update = sql("CURRENT_TIMESTAMP"), generated columns
// (`as { expr, type = STORED }`, VIRTUAL by default), index type (FULLTEXT, SPATIAL, HASH), index
// part prefixes (`on { column = column.c  prefix = 20 }`), table engine, comments, views and
// triggers (statements built from trigger blocks quote names with backticks).
// Types decode through the driver's ParseType, so decoded and inspected columns compare equal;
// printing follows `atlas schema inspect`:
//   int -> int, varchar(255) -> varchar(255), decimal(10,2) -> decimal(10,2), tinyint(1) -> bool,
//   enum('a','b') -> enum("a","b"), unknown types -> sql("...") (zerofill: sql("int zerofill")).
// Immutable; safe for concurrent use.

#include <string>
#include <string_view>

#include "engine/spec/dialect.hpp"

namespace atlas::engine::spec {

class MysqlDialect final : public Dialect {
 public:
  MysqlDialect();

  std::string_view Name() const override { return "mysql"; }
  base::Result<schema::ColumnType> DecodeType(const TypeExpr& type) const override;
  std::string PrintType(const schema::ColumnType& type) const override;
  bool IsTextType(const schema::ColumnType& type) const override;
  bool Supports(Feature feature) const override;
  char IdentifierQuote() const override { return '`'; }

 private:
  TypeRegistry registry_;
};

}  // namespace atlas::engine::spec
