#pragma once
// The SQLite spec dialect: Atlas's SQLite type registry and type normalization
// (sql/sqlite/convert.go, sqlspec.go), plus the optional features SQLite schema files may use. The
// SQLite driver uses the same SqliteColumnType when it inspects declared types, so decoded and
// inspected columns compare equal. Immutable; safe for concurrent use.

#include <string>
#include <string_view>

#include "engine/spec/dialect.hpp"

namespace atlas::engine::spec {

// Normalizes a declared SQLite column type as Atlas does. raw = `declared` as given; normalized =
//   - known types, lower-cased with Atlas's argument rules: "VARCHAR(255)" -> "varchar(255)",
//     "INT(11)" -> "int", "DECIMAL(10,0)" -> "decimal(10)", "double  precision" -> "double
//     precision",
//     "" -> "blob";
//   - anything else kept verbatim (trimmed): "USER_DEFINED", "character varying(10)".
schema::ColumnType SqliteColumnType(std::string_view declared);

class SqliteDialect final : public Dialect {
 public:
  SqliteDialect();

  std::string_view Name() const override { return "sqlite"; }
  base::Result<schema::ColumnType> DecodeType(const TypeExpr& type) const override;
  // `integer`, `varchar(255)`, `double_precision`, `decimal(10,2)`; Atlas prints types it knows but
  // does not register (char, time, timestamp) and user-defined ones as sql("...").
  std::string PrintType(const schema::ColumnType& type) const override;
  bool IsTextType(const schema::ColumnType& type) const override;
  bool Supports(Feature feature) const override;

  const TypeRegistry& registry() const { return registry_; }

 private:
  TypeRegistry registry_;
};

}  // namespace atlas::engine::spec
