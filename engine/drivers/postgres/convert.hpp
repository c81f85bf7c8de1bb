#pragma once
// PostgreSQL type spelling: normalization to the canonical form Atlas prints (its FormatType after
// ParseType), type categories used to classify DEFAULT literals, and small SQL-text helpers shared
// by inspection, diffing and planning. Pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas::engine::drivers::postgres {

// Canonical spelling of a PostgreSQL type, as Atlas prints it:
//   int4 / int -> integer, int2 -> smallint, int8 -> bigint, serial4 -> serial, bool -> boolean,
//   float4 -> real, float8 / float -> double precision, float(p) -> real | double precision,
//   decimal(p,s) -> numeric(p,s), numeric(p,0) -> numeric(p),
//   varchar(n) -> character varying(n), char -> character(1), char(n) -> character(n),
//   bit(1) -> bit, varbit(n) -> bit varying(n),
//   timestamp(p) with time zone -> timestamptz(p) (precision 6 omitted), time with time zone ->
//   timetz, interval day to second(6) -> interval day to second, int[] / int4[][] / integer ARRAY
//   -> integer[].
// Other types are lower-cased (user types in double quotes are kept as written).
std::string NormalizeType(std::string_view type);

// Integer type behind a serial type ("serial" -> "integer"); empty when `type` is not serial.
std::string SerialBaseType(std::string_view normalized);
// Serial type for an integer type ("bigint" -> "bigserial"); empty when not an integer type.
std::string SerialForInteger(std::string_view normalized);

// How DEFAULT values of a type are represented (Atlas's canConvert classes).
enum class TypeCategory {
  kBool,
  kNumeric,  // integers, numeric, floats
  kQuoted,   // strings, time, binary, json, network, spatial, uuid, xml, arrays: '...' literals
  kEnum,
  kOther,  // money, interval, bit, ranges, user types: kept as raw expressions
};
TypeCategory CategoryOf(std::string_view normalized, bool is_enum);

// Splits a column DEFAULT as printed by pg_get_expr into Atlas's literal/raw classes:
// returns the literal text (`'abc'`, `1`, `true`) when the value is a literal for the type, else
// nullopt (a raw expression such as now() or '1 day'::interval).
std::optional<std::string> DefaultLiteral(std::string_view expr, TypeCategory category);

// SQL text of a literal DEFAULT of a column of the given (normalized) type: kept bare for numeric
// and boolean types and when already quoted, else single-quoted. A bare number also stays bare for
// money: PostgreSQL keeps `DEFAULT 0` of a money column as the integer 0 behind an implicit cast
// (inspected back as `0`), whereas '0' becomes the constant '$0.00'::money.
std::string DefaultLiteralSql(std::string_view literal, std::string_view normalized, bool is_enum);

// Atlas's sqlx.IsQuoted for single quotes: 'it''s' is quoted, 'a' || 'b' is not.
bool IsSingleQuoted(std::string_view s);
// SQL literal with doubled quotes: it's -> 'it''s'.
std::string QuoteLiteral(std::string_view s);
// Wraps `expr` in parentheses unless it is already wrapped as a whole (Atlas's sqlx.MayWrap).
std::string MayWrap(std::string_view expr);
// Removes a trailing ::type cast made only of letters and spaces (Atlas's trimCast).
std::string TrimCast(std::string_view expr);
// Removes one level of outer parentheses when they enclose the whole expression.
std::string Unwrap(std::string_view expr);

// Text-array literal for a text[] parameter: {"a","b\"c"}.
std::string TextArrayLiteral(const std::vector<std::string>& values);
// Parses a JSON array of strings (array_to_json output). Returns nullopt on malformed input.
std::optional<std::vector<std::string>> ParseJsonStrings(std::string_view json);

}  // namespace atlas::engine::drivers::postgres
