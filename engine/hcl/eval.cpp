#include "engine/hcl/eval.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "engine/hcl/diagnostics.hpp"

namespace atlas::engine::hcl {
namespace {

std::string FormatNumber(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0) {
    return std::to_string(static_cast<int64_t>(d));
  }
  // The shortest spelling that round-trips.
  std::array<char, 64> buf{};
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf.data(), buf.size(), "%.*g", precision, d);
    if (std::strtod(buf.data(), nullptr) == d) {
      break;
    }
  }
  return buf.data();
}

class Evaluator {
 public:
  explicit Evaluator(const EvalContext& ctx) : ctx_(ctx) {}

  base::Result<Value> Eval(const Expression& e) {
    switch (e.kind) {
      case ExprKind::kNull:
        return Value::Null();
      case ExprKind::kBool:
        return Value::Bool(e.bool_value);
      case ExprKind::kNumber:
        return Value::NumberText(e.text);
      case ExprKind::kTemplate:
        return EvalTemplate(e);
      case ExprKind::kTuple: {
        std::vector<Value> elems;
        for (const auto& x : e.operands) {
          auto v = Eval(x);
          if (!v.ok()) {
            return v;
          }
          elems.push_back(std::move(v).value());
        }
        return Value::List(std::move(elems));
      }
      case ExprKind::kObject: {
        std::vector<std::pair<std::string, Value>> fields;
        for (const auto& item : e.items) {
          std::string key;
          if (item.bare_key) {
            key = item.key.text;
          } else {
            auto k = Eval(item.key);
            if (!k.ok()) {
              return k;
            }
            if (k->kind != Value::Kind::kString && k->kind != Value::Kind::kNumber) {
              return Err(item.key.range, "Invalid object key", "An object key must be a string.");
            }
            key = k->text;
          }
          auto v = Eval(item.value);
          if (!v.ok()) {
            return v;
          }
          fields.emplace_back(std::move(key), std::move(v).value());
        }
        return Value::Object(std::move(fields));
      }
      case ExprKind::kTraversal: {
        auto it = ctx_.variables.find(e.text);
        if (it == ctx_.variables.end()) {
          return Err(e.range, "Unknown variable",
                     "There is no variable named \"" + e.text + "\" in this context.");
        }
        return ApplySteps(it->second, e.steps, e.text);
      }
      case ExprKind::kRelative: {
        auto v = Eval(e.operands.at(0));
        if (!v.ok()) {
          return v;
        }
        return ApplySteps(*v, e.steps, RenderRoot(e));
      }
      case ExprKind::kIndex: {
        auto coll = Eval(e.operands.at(0));
        if (!coll.ok()) {
          return coll;
        }
        auto key = Eval(e.operands.at(1));
        if (!key.ok()) {
          return key;
        }
        return Index(*coll, *key, e.operands.at(1).range);
      }
      case ExprKind::kFunctionCall:
        return Call(e);
      case ExprKind::kUnary: {
        auto v = Eval(e.operands.at(0));
        if (!v.ok()) {
          return v;
        }
        if (e.text == "-") {
          if (v->kind != Value::Kind::kNumber) {
            return Err(e.range, "Invalid operand",
                       "Unary \"-\" needs a number, not a " + v->TypeName() + ".");
          }
          if (e.operands.at(0).kind == ExprKind::kNumber) {
            Value n = Value::NumberOf(-v->number);
            n.text = "-" + v->text;
            return n;
          }
          return Value::NumberOf(-v->number);
        }
        if (v->kind != Value::Kind::kBool) {
          return Err(e.range, "Invalid operand",
                     "Unary \"!\" needs a bool, not a " + v->TypeName() + ".");
        }
        return Value::Bool(!v->bool_value);
      }
      case ExprKind::kBinary:
        return Binary(e);
      case ExprKind::kConditional: {
        auto c = Eval(e.operands.at(0));
        if (!c.ok()) {
          return c;
        }
        if (c->kind != Value::Kind::kBool) {
          return Err(e.operands.at(0).range, "Invalid condition",
                     "A condition must be a bool, not a " + c->TypeName() + ".");
        }
        return Eval(e.operands.at(c->bool_value ? 1 : 2));
      }
      case ExprKind::kParens:
        return Eval(e.operands.at(0));
    }
    return Err(e.range, "Invalid expression", "This expression cannot be evaluated.");
  }

 private:
  base::Diagnostic Err(const base::SourceRange& range, std::string summary,
                       std::string sentence) const {
    return ErrorAt(ctx_.source, range, std::move(summary), std::move(sentence));
  }

  static std::string RenderRoot(const Expression& e) {
    return e.kind == ExprKind::kTraversal ? e.text : "value";
  }

  base::Result<Value> Index(const Value& coll, const Value& key, const base::SourceRange& range) {
    if (coll.kind == Value::Kind::kList) {
      if (key.kind != Value::Kind::kNumber || key.number < 0 ||
          key.number != std::floor(key.number)) {
        return Err(range, "Invalid index", "A list index must be a non-negative whole number.");
      }
      const auto i = static_cast<size_t>(key.number);
      if (i >= coll.elements.size()) {
        return Err(range, "Invalid index",
                   "The index " + key.text + " is out of range for a list of " +
                       std::to_string(coll.elements.size()) + " elements.");
      }
      return coll.elements[i];
    }
    if (coll.kind == Value::Kind::kObject) {
      if (key.kind != Value::Kind::kString && key.kind != Value::Kind::kNumber) {
        return Err(range, "Invalid index", "An object key must be a string.");
      }
      const Value* v = coll.Field(key.text);
      if (v == nullptr) {
        return Err(range, "Unsupported attribute",
                   "The object has no attribute named \"" + key.text + "\".");
      }
      return *v;
    }
    return Err(range, "Invalid index", "A " + coll.TypeName() + " value cannot be indexed.");
  }

  base::Result<Value> ApplySteps(const Value& root, const std::vector<TraversalStep>& steps,
                                 const std::string& root_name) {
    Value cur = root;
    std::string path = root_name;
    for (const auto& s : steps) {
      switch (s.kind) {
        case TraversalStep::Kind::kAttr: {
          if (cur.kind != Value::Kind::kObject) {
            return Err(s.range, "Unsupported attribute",
                       "\"" + path + "\" is a " + cur.TypeName() + " and has no attribute \"" +
                           s.name + "\".");
          }
          const Value* v = cur.Field(s.name);
          if (v == nullptr) {
            return Err(s.range, "Unsupported attribute",
                       "\"" + path + "\" has no attribute named \"" + s.name + "\".");
          }
          Value next = *v;
          cur = std::move(next);
          path += "." + s.name;
          break;
        }
        case TraversalStep::Kind::kIndex: {
          Value key = s.key_is_number ? Value::NumberText(s.name) : Value::String(s.name);
          auto v = Index(cur, key, s.range);
          if (!v.ok()) {
            return v;
          }
          cur = std::move(v).value();
          path += "[" + s.name + "]";
          break;
        }
        case TraversalStep::Kind::kSplat:
          return Err(s.range, "Unsupported splat", "Splat expressions are not supported here.");
      }
    }
    return cur;
  }

  base::Result<std::string> ToText(const Value& v, const base::SourceRange& range) {
    switch (v.kind) {
      case Value::Kind::kString:
      case Value::Kind::kNumber:
        return v.text;
      case Value::Kind::kBool:
        return std::string(v.bool_value ? "true" : "false");
      default:
        return Err(range, "Invalid template interpolation value",
                   "Cannot include a " + v.TypeName() + " value in a string.");
    }
  }

  base::Result<Value> EvalTemplate(const Expression& e) {
    std::string out;
    for (const auto& p : e.parts) {
      if (p.kind == TemplatePart::Kind::kLiteral) {
        out += p.literal;
        continue;
      }
      auto v = Eval(*p.expr);
      if (!v.ok()) {
        return v;
      }
      auto s = ToText(*v, p.expr->range);
      if (!s.ok()) {
        return std::move(s).diags();
      }
      out += *s;
    }
    return Value::String(std::move(out));
  }

  base::Result<Value> Binary(const Expression& e) {
    auto l = Eval(e.operands.at(0));
    if (!l.ok()) {
      return l;
    }
    const std::string& op = e.text;
    if (op == "&&" || op == "||") {
      if (l->kind != Value::Kind::kBool) {
        return Err(e.operands.at(0).range, "Invalid operand",
                   "\"" + op + "\" needs bool operands.");
      }
      if ((op == "&&" && !l->bool_value) || (op == "||" && l->bool_value)) {
        return *l;
      }
      auto r = Eval(e.operands.at(1));
      if (!r.ok()) {
        return r;
      }
      if (r->kind != Value::Kind::kBool) {
        return Err(e.operands.at(1).range, "Invalid operand",
                   "\"" + op + "\" needs bool operands.");
      }
      return *r;
    }
    auto r = Eval(e.operands.at(1));
    if (!r.ok()) {
      return r;
    }
    if (op == "==") {
      return Value::Bool(*l == *r);
    }
    if (op == "!=") {
      return Value::Bool(!(*l == *r));
    }
    if (l->kind != Value::Kind::kNumber || r->kind != Value::Kind::kNumber) {
      return Err(e.range, "Invalid operand",
                 "\"" + op + "\" needs number operands, not " + l->TypeName() + " and " +
                     r->TypeName() + ".");
    }
    const double a = l->number;
    const double b = r->number;
    if (op == "+") {
      return Value::NumberOf(a + b);
    }
    if (op == "-") {
      return Value::NumberOf(a - b);
    }
    if (op == "*") {
      return Value::NumberOf(a * b);
    }
    if (op == "/" || op == "%") {
      if (b == 0) {
        return Err(e.operands.at(1).range, "Division by zero", "The divisor is zero.");
      }
      return Value::NumberOf(op == "/" ? a / b : std::fmod(a, b));
    }
    if (op == "<") {
      return Value::Bool(a < b);
    }
    if (op == "<=") {
      return Value::Bool(a <= b);
    }
    if (op == ">") {
      return Value::Bool(a > b);
    }
    return Value::Bool(a >= b);
  }

  base::Result<Value> Call(const Expression& e) {
    std::vector<Value> args;
    for (const auto& a : e.operands) {
      auto v = Eval(a);
      if (!v.ok()) {
        return v;
      }
      args.push_back(std::move(v).value());
    }
    if (e.expand_final_arg && !args.empty()) {
      Value last = std::move(args.back());
      args.pop_back();
      if (last.kind != Value::Kind::kList) {
        return Err(e.operands.back().range, "Invalid expanding argument",
                   "Only a list can be expanded with \"...\".");
      }
      for (auto& x : last.elements) {
        args.push_back(std::move(x));
      }
    }
    const std::string& f = e.text;
    auto arity = [&](size_t n) -> std::optional<base::Diagnostic> {
      if (args.size() != n) {
        return Err(e.range, "Invalid function call",
                   "Function \"" + f + "\" takes " + std::to_string(n) + " argument(s), got " +
                       std::to_string(args.size()) + ".");
      }
      return std::nullopt;
    };
    auto need_string = [&](size_t i) -> std::optional<base::Diagnostic> {
      if (args[i].kind != Value::Kind::kString) {
        return Err(e.operands.at(std::min(i, e.operands.size() - 1)).range,
                   "Invalid function argument",
                   "Argument " + std::to_string(i + 1) + " of \"" + f + "\" must be a string.");
      }
      return std::nullopt;
    };
    if (f == "lower" || f == "upper" || f == "trimspace") {
      if (auto d = arity(1)) {
        return *d;
      }
      if (auto d = need_string(0)) {
        return *d;
      }
      std::string s = args[0].text;
      if (f == "trimspace") {
        const size_t b = s.find_first_not_of(" \t\r\n");
        const size_t en = s.find_last_not_of(" \t\r\n");
        return Value::String(b == std::string::npos ? "" : s.substr(b, en - b + 1));
      }
      for (char& c : s) {
        if (f == "lower" && c >= 'A' && c <= 'Z') {
          c = static_cast<char>(c - 'A' + 'a');
        } else if (f == "upper" && c >= 'a' && c <= 'z') {
          c = static_cast<char>(c - 'a' + 'A');
        }
      }
      return Value::String(std::move(s));
    }
    if (f == "tostring") {
      if (auto d = arity(1)) {
        return *d;
      }
      auto s = ToText(args[0], e.operands.at(0).range);
      if (!s.ok()) {
        return std::move(s).diags();
      }
      return Value::String(*s);
    }
    if (f == "replace") {
      if (auto d = arity(3)) {
        return *d;
      }
      for (size_t i = 0; i < 3; ++i) {
        if (auto d = need_string(i)) {
          return *d;
        }
      }
      std::string s = args[0].text;
      const std::string& from = args[1].text;
      if (!from.empty()) {
        for (size_t pos = s.find(from); pos != std::string::npos;
             pos = s.find(from, pos + args[2].text.size())) {
          s.replace(pos, from.size(), args[2].text);
        }
      }
      return Value::String(std::move(s));
    }
    if (f == "length") {
      if (auto d = arity(1)) {
        return *d;
      }
      switch (args[0].kind) {
        case Value::Kind::kString:
          return Value::NumberOf(static_cast<double>(args[0].text.size()));
        case Value::Kind::kList:
          return Value::NumberOf(static_cast<double>(args[0].elements.size()));
        case Value::Kind::kObject:
          return Value::NumberOf(static_cast<double>(args[0].fields.size()));
        default:
          return Err(e.range, "Invalid function argument",
                     "\"length\" needs a string, list or object.");
      }
    }
    if (f == "concat") {
      std::vector<Value> out;
      for (const auto& arg : args) {
        if (arg.kind != Value::Kind::kList) {
          return Err(e.range, "Invalid function argument",
                     R"(All arguments of "concat" must be lists.)");
        }
        out.insert(out.end(), arg.elements.begin(), arg.elements.end());
      }
      return Value::List(std::move(out));
    }
    if (f == "join") {
      if (auto d = arity(2)) {
        return *d;
      }
      if (auto d = need_string(0)) {
        return *d;
      }
      if (args[1].kind != Value::Kind::kList) {
        return Err(e.range, "Invalid function argument",
                   "The second argument of \"join\" must be a list.");
      }
      std::string out;
      for (size_t i = 0; i < args[1].elements.size(); ++i) {
        auto s = ToText(args[1].elements[i], e.range);
        if (!s.ok()) {
          return std::move(s).diags();
        }
        out += (i > 0 ? args[0].text : "") + *s;
      }
      return Value::String(std::move(out));
    }
    if (f == "format") {
      if (args.empty()) {
        return Err(e.range, "Invalid function call", "\"format\" needs a format string.");
      }
      if (auto d = need_string(0)) {
        return *d;
      }
      const std::string& spec = args[0].text;
      std::string out;
      size_t next = 1;
      for (size_t i = 0; i < spec.size(); ++i) {
        if (spec[i] != '%') {
          out.push_back(spec[i]);
          continue;
        }
        if (i + 1 < spec.size() && spec[i + 1] == '%') {
          out.push_back('%');
          ++i;
          continue;
        }
        if (i + 1 >= spec.size() ||
            (spec[i + 1] != 's' && spec[i + 1] != 'd' && spec[i + 1] != 'v')) {
          return Err(e.range, "Invalid format string",
                     "Only %s, %d, %v and %% are supported in \"format\".");
        }
        if (next >= args.size()) {
          return Err(e.range, "Invalid function call",
                     "Not enough arguments for the format string.");
        }
        auto s = ToText(args[next++], e.range);
        if (!s.ok()) {
          return std::move(s).diags();
        }
        out += *s;
        ++i;
      }
      return Value::String(std::move(out));
    }
    return Err(e.range, "Unknown function", "There is no function named \"" + f + "\".");
  }

  const EvalContext& ctx_;
};

}  // namespace

Value Value::Bool(bool b) {
  Value v;
  v.kind = Kind::kBool;
  v.bool_value = b;
  return v;
}

Value Value::String(std::string s) {
  Value v;
  v.kind = Kind::kString;
  v.text = std::move(s);
  return v;
}

Value Value::NumberText(std::string text) {
  Value v;
  v.kind = Kind::kNumber;
  v.number = std::strtod(text.c_str(), nullptr);
  v.text = std::move(text);
  return v;
}

Value Value::NumberOf(double d) {
  Value v;
  v.kind = Kind::kNumber;
  v.number = d;
  v.text = FormatNumber(d);
  return v;
}

Value Value::List(std::vector<Value> elements) {
  Value v;
  v.kind = Kind::kList;
  v.elements = std::move(elements);
  return v;
}

Value Value::Object(std::vector<std::pair<std::string, Value>> fields) {
  Value v;
  v.kind = Kind::kObject;
  v.fields = std::move(fields);
  return v;
}

const Value* Value::Field(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (k == name) {
      return &v;
    }
  }
  return nullptr;
}

std::string Value::TypeName() const {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "bool";
    case Kind::kNumber:
      return "number";
    case Kind::kString:
      return "string";
    case Kind::kList:
      return "list";
    case Kind::kObject:
      return "object";
  }
  return "value";
}

bool Value::operator==(const Value& o) const {
  if (kind != o.kind) {
    return false;
  }
  switch (kind) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
      return bool_value == o.bool_value;
    case Kind::kNumber:
      return number == o.number;
    case Kind::kString:
      return text == o.text;
    case Kind::kList:
      return elements == o.elements;
    case Kind::kObject:
      return fields == o.fields;
  }
  return false;
}

base::Result<Value> Evaluate(const Expression& expr, const EvalContext& ctx) {
  Evaluator ev(ctx);
  return ev.Eval(expr);
}

}  // namespace atlas::engine::hcl
