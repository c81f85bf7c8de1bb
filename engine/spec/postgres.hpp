#pragma once
// The PostgreSQL spec dialect: Atlas's PostgreSQL type registry (sql/postgres/sqlspec.go) and the
// optional HCL features PostgreSQL schema files may use (enums, sequences, extensions, identity,
// index type/include/ops/where, materialized views, comments). Decoded types are normalized with
// the driver's NormalizeType, so decoded and inspected columns compare equal. Printing follows
// `atlas schema inspect`:
//   character varying(255) -> character_varying(255), numeric(10,2) -> numeric(10,2),
//   timestamptz(3) -> timestamptz(3), double precision -> double_precision,
//   interval day to second -> day_to_second, integer[] -> sql("integer[]"),
//   user enum -> enum.status, unknown/user types -> sql("...").
// Immutable; safe for concurrent use.

#include <string>
#include <string_view>

#include "engine/spec/dialect.hpp"

namespace atlas::engine::spec {

class PostgresDialect final : public Dialect {
 public:
  PostgresDialect();

  std::string_view Name() const override { return "postgres"; }
  base::Result<schema::ColumnType> DecodeType(const TypeExpr& type) const override;
  std::string PrintType(const schema::ColumnType& type) const override;
  bool IsTextType(const schema::ColumnType& type) const override;
  bool Supports(Feature feature) const override;
  void CompleteColumn(schema::Column& column) const override;
  bool IsDefaultPrimaryKeyName(const std::string& table, const std::string& name) const override;

  const TypeRegistry& registry() const { return registry_; }

 private:
  TypeRegistry registry_;
};

}  // namespace atlas::engine::spec
