#pragma once
// spec::Dialect: what the Atlas HCL <-> schema model mapping needs to know about one database
// dialect.
//   - column types: an HCL type expression (`integer`, `varchar(255)`, `sql("X")`, `enum.status`)
//   to a
//     schema::ColumnType and back, usually through a TypeRegistry (HCL name <-> SQL name,
//     arguments);
//   - which optional attributes and blocks the dialect accepts (Feature).
// Drivers implement a Dialect in their spec.cpp (SQLite's lives in engine/spec/sqlite.hpp so the
// decoder can be tested without a driver). Implementations are immutable after construction and
// safe for concurrent use.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/base/source_range.hpp"
#include "engine/schema/column.hpp"
#include "engine/schema/types.hpp"

namespace atlas::engine::spec {

// One argument of a type written as a call: `varchar(255)` -> number "255"; `enum("a","b")` ->
// strings.
struct TypeArg {
  bool is_string = false;
  std::string text;  // number text as written, or the string value (unquoted)
  bool operator==(const TypeArg&) const = default;
};

// The `type` attribute of a column, analyzed but not yet interpreted.
struct TypeExpr {
  enum class Kind {
    kName,  // integer, double_precision
    kCall,  // varchar(255), decimal(10,2), enum("a","b")
    kRaw,   // sql("USER_DEFINED"), or a quoted string: SQL text given verbatim
    kRef,   // enum.status, domain.x (path in `ref`)
  };
  Kind kind = Kind::kName;
  std::string name;              // kName/kCall: the HCL name; kRaw: the SQL text
  std::vector<TypeArg> args;     // kCall
  std::vector<std::string> ref;  // kRef: {"enum", "status"} or {"enum", "schema", "status"}
  base::SourceRange range;
};

// Optional attributes and blocks; the decoder rejects those the dialect does not support.
enum class Feature {
  kComments,            // comment attributes on schema/table/column/index/view
  kAutoIncrement,       // column auto_increment = true
  kGeneratedColumns,    // column as = "expr" / as { expr, type }
  kIndexWhere,          // partial indexes: index where = "..."
  kIndexType,           // index type = BTREE/GIN/FULLTEXT ...
  kIndexInclude,        // index include = [column.x]
  kIndexPrefix,         // index on { prefix = 10 }
  kIndexCollate,        // index on { collate = "..." }
  kIndexOpclass,        // index on { ops = ... }
  kNullsDistinct,       // index nulls_distinct = false
  kCharsetCollate,      // charset / collate on schema, table and column (MySQL)
  kColumnCollate,       // collate on columns only (PostgreSQL)
  kUnsigned,            // column unsigned = true (MySQL)
  kOnUpdate,            // column on_update = sql("CURRENT_TIMESTAMP") (MySQL)
  kIdentity,            // column identity { generated, start, increment } (PostgreSQL)
  kTableEngine,         // table engine = InnoDB (MySQL)
  kTableAutoIncrement,  // table auto_increment = 1000 (MySQL)
  kWithoutRowid,        // table without_rowid = true (SQLite)
  kStrict,              // table strict = true (SQLite)
  kCheckNoInherit,      // check no_inherit = true (PostgreSQL)
  kUniqueConstraints,   // table unique "name" { columns } blocks: UNIQUE constraints (PostgreSQL)
  kIndexNulls,          // index on { nulls_first = true | nulls_last = true } (PostgreSQL)
  kDeferrable,          // foreign_key deferrable / initially_deferred (PostgreSQL)
  kExclusions,          // table exclude "name" { type on { column|expr op } } blocks (PostgreSQL)
  kEnums,               // top-level enum blocks and enum.x type references (PostgreSQL)
  kViews,               // top-level view blocks
  kMaterializedViews,   // top-level materialized blocks (PostgreSQL)
  kViewCheckOption,     // view check_option = LOCAL|CASCADED
  kTriggers,            // top-level trigger blocks
  kSequences,           // top-level sequence blocks (PostgreSQL)
  kExtensions,          // top-level extension blocks (PostgreSQL)
};

class Dialect {
 public:
  Dialect() = default;
  virtual ~Dialect() = default;
  Dialect(const Dialect&) = delete;
  Dialect& operator=(const Dialect&) = delete;
  Dialect(Dialect&&) = delete;
  Dialect& operator=(Dialect&&) = delete;

  // "sqlite", "postgres", "mysql".
  virtual std::string_view Name() const = 0;
  // HCL type -> model type. Errors carry only summary/detail; the decoder adds the source position.
  virtual base::Result<schema::ColumnType> DecodeType(const TypeExpr& type) const = 0;
  // Model type -> HCL expression text as `atlas schema inspect` prints it: `integer`,
  // `varchar(255)`, `sql("USER_DEFINED")`, `enum.status`.
  virtual std::string PrintType(const schema::ColumnType& type) const = 0;
  // String-like types: a numeric-looking literal default of such a column prints as a string.
  virtual bool IsTextType(const schema::ColumnType& type) const = 0;
  virtual bool Supports(Feature feature) const = 0;
  // Applies the dialect's implications to a decoded column (PostgreSQL: a serial type is an
  // auto-increment column, a generated column is always STORED). Default: none.
  virtual void CompleteColumn(schema::Column& column) const { (void)column; }
  // Whether `name` is the name the database gives the primary key of `table` by itself (then it
  // is not printed as the primary_key block label). Default: every name is (never printed).
  virtual bool IsDefaultPrimaryKeyName(const std::string& table, const std::string& name) const {
    (void)table;
    (void)name;
    return true;
  }
  // The character that quotes identifiers in SQL the decoder builds (a trigger statement from its
  // HCL parts): '"' by default, a backtick for MySQL.
  virtual char IdentifierQuote() const { return '"'; }
};

// One HCL type name of a dialect: `double_precision` <-> `double precision`.
struct TypeSpec {
  std::string hcl_name;  // identifier used in HCL
  std::string sql_name;  // SQL spelling (lower case)
  int max_args = 0;      // arguments accepted in the call form (0 = identifier only)
};

// A table of TypeSpecs with lookups both ways. Immutable after construction.
class TypeRegistry {
 public:
  TypeRegistry() = default;
  explicit TypeRegistry(std::vector<TypeSpec> specs) : specs_(std::move(specs)) {}

  const TypeSpec* FindHcl(std::string_view hcl_name) const;
  const TypeSpec* FindSql(std::string_view sql_name) const;
  const std::vector<TypeSpec>& specs() const { return specs_; }

  // The SQL spelling of an HCL type written as a name or call: `varchar(255)` -> "varchar(255)",
  // `double_precision` -> "double precision", `decimal(10,2)` -> "decimal(10,2)". Unknown names are
  // kept verbatim (underscores included). Error when a known type gets more arguments than it
  // accepts.
  base::Result<std::string> SqlSpelling(const TypeExpr& type) const;

 private:
  std::vector<TypeSpec> specs_;
};

}  // namespace atlas::engine::spec
