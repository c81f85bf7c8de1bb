#pragma once
// Recursive-descent parser for HCL native syntax (the subset Atlas schema and project files use:
// bodies, attributes, labeled blocks, literals, templates, heredocs, tuples, objects, traversals,
// function calls, operators and conditionals; no for-expressions or template directives). Pure
// functions; thread-safe.
//
// Errors are values: the first syntax error becomes a Diagnostic whose summary names the problem,
// whose source is the file:line:col of the offending token, and whose detail ends with a caret
// excerpt of that line.

#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/hcl/ast.hpp"

namespace atlas::engine::hcl {

// Parses a whole file. `filename` is used in source ranges and diagnostics.
base::Result<File> Parse(std::string_view source, std::string filename);

// Parses a single expression (the whole input must be one expression, surrounding newlines
// allowed).
base::Result<Expression> ParseExpression(std::string_view source, std::string filename);

}  // namespace atlas::engine::hcl
