#pragma once
// Column default values between Atlas HCL and the model (schema::Expr), following Atlas's specutil
// rules:
//   decode: "abc" -> literal 'abc' (SQL-quoted), 10 / 1.50 -> literal 10 / 1.5, true -> literal
//   true,
//           sql("now()") -> raw now();
//   print:  raw x -> sql("x"); literal '...' or "..." -> string; true/false -> bool; a number ->
//   number unless
//           the column is text-like (then a string); 0x.., x'..', b'..' -> sql("..."); anything
//           else -> string.
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "engine/hcl/writer.hpp"
#include "engine/schema/types.hpp"

namespace atlas::engine::spec {

// 'it''s' for "it's".
std::string SqlQuote(std::string_view s);

// Canonical text of an HCL number as Atlas stores it in a literal default: integers without leading
// zeros
// ("007" -> "7", "-1" stays), integral values without a fraction ("1.0" -> "1", "1e3" -> "1000"),
// other values with up to 10 significant digits ("1.50" -> "1.5").
std::string NormalizeNumber(std::string_view text);

// Go's strconv.FormatFloat(f, 'f', -1, 64): the shortest decimal that round-trips, never in
// exponent form.
std::string FormatFloatShortest(double value);

// The HCL expression `atlas schema inspect` prints for a column default.
hcl::OutExpr DefaultToHcl(const schema::Expr& expr, bool text_like);

}  // namespace atlas::engine::spec
