#pragma once
// Layout-only formatting of HCL source, like `hclwrite.Format` (what `atlas schema fmt` runs):
// re-indents by nesting (two spaces), puts single spaces around `=` of attributes and aligns the
// `=` of consecutive single-line attributes in a block, trims trailing whitespace. Everything else
// is kept: comments, blank lines, block and attribute order, heredoc bodies, string contents.
// The input must already parse (callers report syntax errors first). Pure function.

#include <string>
#include <string_view>

namespace atlas::engine::hcl {

std::string FormatSource(std::string_view source);

}  // namespace atlas::engine::hcl
