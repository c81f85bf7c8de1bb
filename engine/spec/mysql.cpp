#include "engine/spec/mysql.hpp"

#include <utility>
#include <vector>

#include "engine/drivers/mysql/convert.hpp"
#include "engine/hcl/writer.hpp"

namespace atlas::engine::spec {
namespace {

namespace my = drivers::mysql;

std::vector<TypeSpec> Specs() {
  return {
      {"bool", "bool", 0},
      {"boolean", "bool", 0},
      {"bit", "bit", 1},
      {"tinyint", "tinyint", 1},
      {"smallint", "smallint", 1},
      {"mediumint", "mediumint", 1},
      {"int", "int", 1},
      {"integer", "int", 1},
      {"bigint", "bigint", 1},
      {"decimal", "decimal", 2},
      {"numeric", "decimal", 2},
      {"float", "float", 2},
      {"double", "double", 2},
      {"real", "double", 2},
      {"date", "date", 0},
      {"datetime", "datetime", 1},
      {"timestamp", "timestamp", 1},
      {"time", "time", 1},
      {"year", "year", 0},
      {"varchar", "varchar", 1},
      {"char", "char", 1},
      {"varbinary", "varbinary", 1},
      {"binary", "binary", 1},
      {"blob", "blob", 1},
      {"tinyblob", "tinyblob", 0},
      {"mediumblob", "mediumblob", 0},
      {"longblob", "longblob", 0},
      {"json", "json", 0},
      {"text", "text", 1},
      {"tinytext", "tinytext", 0},
      {"mediumtext", "mediumtext", 0},
      {"longtext", "longtext", 0},
      {"enum", "enum", 1000000},
      {"set", "set", 1000000},
      {"geometry", "geometry", 0},
      {"point", "point", 0},
      {"multipoint", "multipoint", 0},
      {"linestring", "linestring", 0},
      {"multilinestring", "multilinestring", 0},
      {"polygon", "polygon", 0},
      {"multipolygon", "multipolygon", 0},
      {"geometrycollection", "geometrycollection", 0},
      {"uuid", "uuid", 0},    // MariaDB 10.7+
      {"inet4", "inet4", 0},  // MariaDB 10.10+
      {"inet6", "inet6", 0},  // MariaDB 10.5+
  };
}

std::string RawSql(std::string_view text) {
  return "sql(" + hcl::QuoteString(text) + ")";
}

}  // namespace

MysqlDialect::MysqlDialect() : registry_(Specs()) {}

base::Result<schema::ColumnType> MysqlDialect::DecodeType(const TypeExpr& type) const {
  switch (type.kind) {
    case TypeExpr::Kind::kRef:
      return base::Error("Invalid column type",
                         "MySQL has no named types; write enums inline: type = enum(\"a\", \"b\")");
    case TypeExpr::Kind::kRaw:
      return my::ParseType(type.name);
    case TypeExpr::Kind::kName:
    case TypeExpr::Kind::kCall: {
      auto sql = registry_.SqlSpelling(type);
      if (!sql.ok()) {
        return std::move(sql).diags();
      }
      return my::ParseType(*sql);
    }
  }
  return base::Error("Invalid column type", "unknown type expression");
}

std::string MysqlDialect::PrintType(const schema::ColumnType& type) const {
  const std::string n = type.normalized.empty() ? my::NormalizeType(type.raw) : type.normalized;
  std::string base = n;
  std::string args;
  if (const auto open = n.find('('); open != std::string::npos && n.back() == ')') {
    base = n.substr(0, open);
    args = n.substr(open);
  }
  if (base == "enum" || base == "set") {
    std::string out = base + "(";
    for (size_t i = 0; i < type.enum_values.size(); ++i) {
      out += (i == 0 ? "" : ",") + hcl::QuoteString(type.enum_values[i]);
    }
    return out + ")";
  }
  if (type.zerofill) {
    return RawSql(n + " zerofill");
  }
  const TypeSpec* spec = registry_.FindHcl(base);
  if (spec == nullptr || spec->sql_name != base || (!args.empty() && spec->max_args == 0) ||
      n.find(' ') != std::string::npos) {
    return RawSql(n);
  }
  return base + args;
}

bool MysqlDialect::IsTextType(const schema::ColumnType& type) const {
  return my::IsCharType(type);
}

bool MysqlDialect::Supports(Feature feature) const {
  switch (feature) {
    case Feature::kComments:
    case Feature::kAutoIncrement:
    case Feature::kGeneratedColumns:
    case Feature::kIndexType:
    case Feature::kIndexPrefix:
    case Feature::kCharsetCollate:
    case Feature::kUnsigned:
    case Feature::kOnUpdate:
    case Feature::kTableEngine:
    case Feature::kTableAutoIncrement:
    case Feature::kViews:
    case Feature::kViewCheckOption:
    case Feature::kTriggers:  // `as` holds the complete CREATE TRIGGER statement
      return true;
    default:
      return false;
  }
}

}  // namespace atlas::engine::spec
