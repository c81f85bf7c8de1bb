#pragma once
// Small shared value types of the schema model: column types, expressions, reference options.
// Plain data with no I/O; thread-compatible.

#include <optional>
#include <string>
#include <vector>

namespace atlas::engine::schema {

// A column type kept both as the driver's raw spelling and as a normalized form used for diffing and printing.
struct ColumnType {
  std::string raw;         // as declared or inspected, e.g. "VARCHAR(255)", "character varying(255)"
  std::string normalized;  // canonical lower-case spelling for the dialect, e.g. "varchar(255)"
  // Dialect details (unused ones stay empty/false).
  std::vector<std::string> enum_values;  // MySQL inline enum/set values; PostgreSQL user enum in enum_ref
  std::string enum_ref;                  // PostgreSQL: name of a user enum type ("status")
  std::string enum_schema;               // PostgreSQL: schema of that enum
  bool is_unsigned = false;              // MySQL
  bool zerofill = false;                 // MySQL
  int array_dims = 0;                    // PostgreSQL arrays
  bool operator==(const ColumnType&) const = default;
};

// An SQL expression: either a literal (already in SQL literal form: `'abc'`, `1`, `true`) or a raw expression
// that must be kept verbatim (`now()`, `CURRENT_TIMESTAMP`, `nextval('s'::regclass)`).
struct Expr {
  enum class Kind { kLiteral, kRaw };
  Kind kind = Kind::kLiteral;
  std::string text;
  bool operator==(const Expr&) const = default;
};

enum class ReferenceOption { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

// Atlas HCL spelling: NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT.
inline const char* ReferenceOptionHcl(ReferenceOption o) {
  switch (o) {
    case ReferenceOption::kNoAction: return "NO_ACTION";
    case ReferenceOption::kRestrict: return "RESTRICT";
    case ReferenceOption::kCascade: return "CASCADE";
    case ReferenceOption::kSetNull: return "SET_NULL";
    case ReferenceOption::kSetDefault: return "SET_DEFAULT";
  }
  return "NO_ACTION";
}
// SQL spelling: NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT.
inline const char* ReferenceOptionSql(ReferenceOption o) {
  switch (o) {
    case ReferenceOption::kNoAction: return "NO ACTION";
    case ReferenceOption::kRestrict: return "RESTRICT";
    case ReferenceOption::kCascade: return "CASCADE";
    case ReferenceOption::kSetNull: return "SET NULL";
    case ReferenceOption::kSetDefault: return "SET DEFAULT";
  }
  return "NO ACTION";
}

}  // namespace atlas::engine::schema
