#pragma once
// A small evaluator for HCL value expressions: literals, templates, tuples, objects, variable
// traversals
// (`var.x`, `local.y` resolved from an EvalContext), operators, conditionals and a few standard
// functions (lower, upper, format, join, concat, length, replace, trimspace, tostring). References
// that are not values (Atlas's `column.id`) are the caller's business: callers evaluate only
// expressions meant to be values. Plain data and pure functions; thread-safe.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/hcl/ast.hpp"

namespace atlas::engine::hcl {

struct Value {
  enum class Kind { kNull, kBool, kNumber, kString, kList, kObject };
  Kind kind = Kind::kNull;
  bool bool_value = false;
  std::string text;   // kString: the string; kNumber: its canonical spelling ("10", "1.5")
  double number = 0;  // kNumber
  std::vector<Value> elements;                        // kList
  std::vector<std::pair<std::string, Value>> fields;  // kObject, in definition order

  static Value Null() { return {}; }
  static Value Bool(bool b);
  static Value String(std::string s);
  // From a number literal's text (kept as written) or a computed double.
  static Value NumberText(std::string text);
  static Value NumberOf(double d);
  static Value List(std::vector<Value> elements);
  static Value Object(std::vector<std::pair<std::string, Value>> fields);

  const Value* Field(std::string_view name) const;
  // HCL type name for messages: "string", "number", "bool", "list", "object", "null".
  std::string TypeName() const;
  bool operator==(const Value&) const;
};

struct EvalContext {
  std::string_view source;  // text of the file the expressions come from (for diagnostics)
  // Root names a traversal may start with ("var", "local", "each" ...), each usually an object
  // value.
  std::map<std::string, Value, std::less<>> variables;
};

base::Result<Value> Evaluate(const Expression& expr, const EvalContext& ctx);

}  // namespace atlas::engine::hcl
