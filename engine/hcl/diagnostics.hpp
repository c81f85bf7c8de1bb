#pragma once
// Diagnostics that point into HCL (or any text) source: the position plus a caret excerpt of the
// offending line. Shared by the HCL parser and the Atlas schema decoder (engine/spec). Pure
// functions; thread-safe.

#include <string>
#include <string_view>

#include "engine/base/diagnostic.hpp"
#include "engine/base/source_range.hpp"

namespace atlas::engine::hcl {

// Two lines quoting the source line of `pos` with a caret under its column:
//   "  3 |   column \"id\" {\n    |          ^"
// Empty when the line does not exist in `source`.
std::string CaretExcerpt(std::string_view source, const base::SourcePos& pos);

// An error diagnostic at `range`: summary as given, detail = sentence + "\n" + caret excerpt.
base::Diagnostic ErrorAt(std::string_view source, const base::SourceRange& range,
                         std::string summary, std::string sentence);

}  // namespace atlas::engine::hcl
