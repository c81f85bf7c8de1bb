#include "engine/spec/postgres.hpp"

#include <utility>
#include <vector>

#include "engine/drivers/postgres/convert.hpp"
#include "engine/hcl/writer.hpp"

namespace atlas::engine::spec {
namespace {

namespace pg = drivers::postgres;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::vector<TypeSpec> Specs() {
  std::vector<TypeSpec> specs = {
      {"bit", "bit", 1},
      {"bit_varying", "bit varying", 1},
      {"varchar", "varchar", 1},
      {"character_varying", "character varying", 1},
      {"char", "char", 1},
      {"character", "character", 1},
      {"bpchar", "bpchar", 0},
      {"int2", "int2", 0},
      {"int4", "int4", 0},
      {"int8", "int8", 0},
      {"int", "int", 0},
      {"integer", "integer", 0},
      {"smallint", "smallint", 0},
      {"bigint", "bigint", 0},
      {"text", "text", 0},
      {"boolean", "boolean", 0},
      {"bool", "bool", 0},
      {"bytea", "bytea", 0},
      {"cidr", "cidr", 0},
      {"inet", "inet", 0},
      {"macaddr", "macaddr", 0},
      {"macaddr8", "macaddr8", 0},
      {"circle", "circle", 0},
      {"line", "line", 0},
      {"lseg", "lseg", 0},
      {"box", "box", 0},
      {"path", "path", 0},
      {"point", "point", 0},
      {"polygon", "polygon", 0},
      {"date", "date", 0},
      {"time", "time", 1},
      {"timetz", "timetz", 1},
      {"timestamptz", "timestamptz", 1},
      {"timestamp", "timestamp", 1},
      {"double_precision", "double precision", 0},
      {"real", "real", 0},
      {"float", "float", 1},
      {"float8", "float8", 0},
      {"float4", "float4", 0},
      {"numeric", "numeric", 2},
      {"decimal", "decimal", 2},
      {"smallserial", "smallserial", 0},
      {"serial", "serial", 0},
      {"bigserial", "bigserial", 0},
      {"serial2", "serial2", 0},
      {"serial4", "serial4", 0},
      {"serial8", "serial8", 0},
      {"xml", "xml", 0},
      {"json", "json", 0},
      {"jsonb", "jsonb", 0},
      {"uuid", "uuid", 0},
      {"money", "money", 0},
      {"tsvector", "tsvector", 0},
      {"tsquery", "tsquery", 0},
      {"int4range", "int4range", 0},
      {"int4multirange", "int4multirange", 0},
      {"int8range", "int8range", 0},
      {"int8multirange", "int8multirange", 0},
      {"numrange", "numrange", 0},
      {"nummultirange", "nummultirange", 0},
      {"tsrange", "tsrange", 0},
      {"tsmultirange", "tsmultirange", 0},
      {"tstzrange", "tstzrange", 0},
      {"tstzmultirange", "tstzmultirange", 0},
      {"daterange", "daterange", 0},
      {"datemultirange", "datemultirange", 0},
      {"hstore", "hstore", 0},
      {"xid", "xid", 0},
      {"xid8", "xid8", 0},
      {"oid", "oid", 0},
      {"regclass", "regclass", 0},
      {"name", "name", 0},
      {"interval", "interval", 1},
  };
  // Interval with fields: Atlas names them by the field list (`day_to_second`).
  for (const char* f : {"second", "day to second", "hour to second", "minute to second"}) {
    std::string hcl(f);
    for (char& c : hcl) {
      c = c == ' ' ? '_' : c;
    }
    specs.push_back({hcl, std::string("interval ") + f, 1});
  }
  for (const char* f : {"year", "month", "day", "hour", "minute", "year to month", "day to hour",
                        "day to minute", "hour to minute"}) {
    std::string hcl(f);
    for (char& c : hcl) {
      c = c == ' ' ? '_' : c;
    }
    specs.push_back({hcl, std::string("interval ") + f, 0});
  }
  return specs;
}

std::string RawSql(std::string_view text) {
  return "sql(" + hcl::QuoteString(text) + ")";
}

}  // namespace

PostgresDialect::PostgresDialect() : registry_(Specs()) {}

base::Result<schema::ColumnType> PostgresDialect::DecodeType(const TypeExpr& type) const {
  schema::ColumnType ct;
  switch (type.kind) {
    case TypeExpr::Kind::kRef:
      if (type.ref.size() == 3 && type.ref[0] == "enum") {
        ct.raw = type.ref[2];
        ct.normalized = type.ref[2];
        ct.enum_schema = type.ref[1];
        ct.enum_ref = type.ref[2];
        return ct;
      }
      return base::Error("Invalid column type",
                         "Only enum.<name> type references are supported for PostgreSQL columns "
                         "(domains and composite types are not managed yet).");
    case TypeExpr::Kind::kRaw:
      ct.raw = type.name;
      break;
    case TypeExpr::Kind::kName:
    case TypeExpr::Kind::kCall: {
      auto sql = registry_.SqlSpelling(type);
      if (!sql.ok()) {
        return std::move(sql).diags();
      }
      ct.raw = std::move(*sql);
      break;
    }
  }
  ct.normalized = pg::NormalizeType(ct.raw);
  if (EndsWith(ct.normalized, "[]")) {
    ct.array_dims = 1;
  }
  return ct;
}

std::string PostgresDialect::PrintType(const schema::ColumnType& type) const {
  if (!type.enum_ref.empty()) {
    if (type.array_dims > 0) {
      // The inspected spelling keeps the enum's schema when it is not the table's
      // (sql("other.mood[]")); the decoder resolves it back to the enum.
      return RawSql(type.normalized.empty() ? type.enum_ref + "[]" : type.normalized);
    }
    return "enum." + type.enum_ref;
  }
  const std::string n = type.normalized.empty() ? pg::NormalizeType(type.raw) : type.normalized;
  if (n.empty() || EndsWith(n, "]") || n.find('"') != std::string::npos ||
      n.find('.') != std::string::npos) {
    return RawSql(n);
  }
  std::string base = n;
  std::string args;
  if (const auto open = n.find('('); open != std::string::npos && n.back() == ')') {
    base = n.substr(0, open);
    args = n.substr(open);  // "(10,2)"
    // "interval(3) ..." style suffixes after the arguments are not printed as calls.
    if (args.find(')') != args.size() - 1) {
      return RawSql(n);
    }
  }
  const TypeSpec* spec = registry_.FindSql(base);
  if (spec == nullptr || (!args.empty() && spec->max_args == 0)) {
    return RawSql(n);
  }
  return spec->hcl_name + args;
}

bool PostgresDialect::IsTextType(const schema::ColumnType& type) const {
  const std::string n = type.normalized.empty() ? pg::NormalizeType(type.raw) : type.normalized;
  return pg::CategoryOf(n, !type.enum_ref.empty()) == pg::TypeCategory::kQuoted ||
         (!type.enum_ref.empty() && type.array_dims == 0);
}

bool PostgresDialect::Supports(Feature feature) const {
  switch (feature) {
    case Feature::kComments:
    case Feature::kGeneratedColumns:
    case Feature::kIndexWhere:
    case Feature::kIndexType:
    case Feature::kIndexInclude:
    case Feature::kIndexCollate:
    case Feature::kIndexOpclass:
    case Feature::kNullsDistinct:
    case Feature::kColumnCollate:
    case Feature::kIdentity:
    case Feature::kCheckNoInherit:
    case Feature::kUniqueConstraints:
    case Feature::kIndexNulls:
    case Feature::kDeferrable:
    case Feature::kExclusions:
    case Feature::kEnums:
    case Feature::kViews:
    case Feature::kMaterializedViews:
    case Feature::kViewCheckOption:
    case Feature::kSequences:
    case Feature::kExtensions:
      return true;
    default:
      return false;
  }
}

bool PostgresDialect::IsDefaultPrimaryKeyName(const std::string& table,
                                              const std::string& name) const {
  return name.empty() || name == table + "_pkey";
}

void PostgresDialect::CompleteColumn(schema::Column& column) const {
  if (!pg::SerialBaseType(column.type.normalized).empty()) {
    column.auto_increment = true;
  }
  if (column.generated) {
    column.generated->stored = true;
  }
}

}  // namespace atlas::engine::spec
