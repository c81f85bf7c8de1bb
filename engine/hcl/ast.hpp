#pragma once
// HCL native-syntax syntax tree: File -> Body -> ordered Attributes and Blocks; Expressions with
// source ranges. Produced by hcl::Parse (parser.hpp); knows nothing about Atlas schemas. Plain
// data; thread-compatible.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/source_range.hpp"

namespace atlas::engine::hcl {

struct TemplatePart;
struct ObjectItem;

// One step after the root of a traversal: `.name`, `[key]` with a literal key, or a splat (`.*` /
// `[*]`).
struct TraversalStep {
  enum class Kind { kAttr, kIndex, kSplat };
  Kind kind = Kind::kAttr;
  std::string name;  // kAttr: the attribute name; kIndex: the key (string value or number text)
  bool key_is_number =
      false;  // kIndex: the key was a number literal (`a[0]`), else a string (`a["x"]`)
  base::SourceRange range;
};

enum class ExprKind {
  kNull,          // null
  kBool,          // true / false: bool_value
  kNumber,        // text = the exact source spelling ("10", "1.5e3")
  kTemplate,      // quoted string or heredoc: parts (literal text and ${...} interpolations)
  kTuple,         // [a, b]: operands
  kObject,        // { k = v }: items
  kTraversal,     // text = root name, steps = `.x` / `[0]` / `["k"]` (column.id,
                  // table.users.column.id, var.x)
  kRelative,      // operands[0] = source expression, steps applied to it (f(x).y)
  kIndex,         // operands[0] = collection, operands[1] = non-literal key (a[var.i])
  kFunctionCall,  // text = function name, operands = arguments; expand_final_arg for `f(xs...)`
  kUnary,         // text = "-" or "!", operands[0]
  kBinary,        // text = operator ("+", "==", "&&" ...), operands[0] and operands[1]
  kConditional,   // operands = condition, true result, false result
  kParens,        // operands[0] = the parenthesized expression
};

struct Expression {
  ExprKind kind = ExprKind::kNull;
  base::SourceRange range;
  bool bool_value = false;
  std::string text;
  std::vector<TemplatePart> parts;   // kTemplate
  bool heredoc = false;              // kTemplate written as <<EOT / <<-EOT
  bool heredoc_indented = false;     // <<-EOT (leading indentation stripped)
  std::string heredoc_marker;        // "EOT"
  std::vector<TraversalStep> steps;  // kTraversal, kRelative
  std::vector<Expression> operands;
  std::vector<ObjectItem> items;  // kObject
  bool expand_final_arg = false;  // kFunctionCall

  // A template made only of literal text (no interpolation): "abc", heredocs without ${}.
  bool IsLiteralString() const;
  // The concatenated literal text of a template (interpolations contribute nothing). Use with
  // IsLiteralString.
  std::string LiteralString() const;
  // A traversal root name plus attribute steps only: "table.users.column.id" ->
  // {"table","users","column","id"}. Returns nullopt for other expressions or traversals with
  // index/splat steps.
  std::optional<std::vector<std::string>> AttrPath() const;
};

struct TemplatePart {
  enum class Kind { kLiteral, kInterpolation };
  Kind kind = Kind::kLiteral;
  std::string literal;             // kLiteral: the text with escapes resolved
  std::optional<Expression> expr;  // kInterpolation
  base::SourceRange range;
};

struct ObjectItem {
  Expression key;  // a bare identifier key is a kTraversal with no steps and bare_key = true
  Expression value;
  bool bare_key = false;
};

struct Block;

struct Attribute {
  std::string name;
  Expression expr;
  base::SourceRange name_range;
  base::SourceRange range;  // name through the end of the expression
  int order = 0;            // position among the items of the enclosing body
};

// A body's attributes and blocks, each list in source order; `order` recovers the interleaving.
struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  base::SourceRange range;  // from "{" through "}" (the whole file for the top-level body)

  const Attribute* FindAttribute(std::string_view name) const;
};

struct Block {
  std::string type;
  std::vector<std::string> labels;
  std::vector<base::SourceRange> label_ranges;
  base::SourceRange type_range;
  base::SourceRange open_brace_range;
  base::SourceRange range;  // type through the closing brace
  Body body;
  int order = 0;
};

// A parsed file. Keeps its source text so later stages can quote it in diagnostics.
struct File {
  std::string filename;
  std::string source;
  Body body;
};

// Stable one-line dumps used by tests and debugging: (call varchar (num 255)), (trav
// table.users.column.id).
std::string DebugString(const Expression& expr);
// Indented multi-line dump of a body: `attr name = <expr>` / `block type "l1" "l2"` lines.
std::string DebugString(const Body& body);

}  // namespace atlas::engine::hcl
