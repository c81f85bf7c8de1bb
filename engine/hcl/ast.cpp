#include "engine/hcl/ast.hpp"

#include <algorithm>

#include "engine/base/go_quote.hpp"

namespace atlas::engine::hcl {
namespace {

std::string DebugQuote(std::string_view s) { return base::GoQuote(s); }

std::string StepsString(const std::vector<TraversalStep>& steps) {
  std::string out;
  for (const auto& s : steps) {
    switch (s.kind) {
      case TraversalStep::Kind::kAttr:
        out += "." + s.name;
        break;
      case TraversalStep::Kind::kIndex:
        out += "[" + (s.key_is_number ? s.name : DebugQuote(s.name)) + "]";
        break;
      case TraversalStep::Kind::kSplat:
        out += "[*]";
        break;
    }
  }
  return out;
}

void DumpBody(const Body& body, int indent, std::string* out) {
  struct Item {
    int order;
    const Attribute* attr;
    const Block* block;
  };
  std::vector<Item> items;
  for (const auto& a : body.attributes) {
    items.push_back({a.order, &a, nullptr});
  }
  for (const auto& b : body.blocks) {
    items.push_back({b.order, nullptr, &b});
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& l, const Item& r) { return l.order < r.order; });
  const std::string pad(static_cast<size_t>(indent) * 2, ' ');
  for (const auto& item : items) {
    if (item.attr != nullptr) {
      *out += pad + "attr " + item.attr->name + " = " + DebugString(item.attr->expr) + "\n";
      continue;
    }
    *out += pad + "block " + item.block->type;
    for (const auto& l : item.block->labels) {
      *out += " " + DebugQuote(l);
    }
    *out += " {\n";
    DumpBody(item.block->body, indent + 1, out);
    *out += pad + "}\n";
  }
}

}  // namespace

bool Expression::IsLiteralString() const {
  if (kind != ExprKind::kTemplate) {
    return false;
  }
  return std::all_of(parts.begin(), parts.end(),
                     [](const TemplatePart& p) { return p.kind == TemplatePart::Kind::kLiteral; });
}

std::string Expression::LiteralString() const {
  std::string out;
  for (const auto& p : parts) {
    if (p.kind == TemplatePart::Kind::kLiteral) {
      out += p.literal;
    }
  }
  return out;
}

std::optional<std::vector<std::string>> Expression::AttrPath() const {
  if (kind != ExprKind::kTraversal) {
    return std::nullopt;
  }
  std::vector<std::string> path{text};
  for (const auto& s : steps) {
    if (s.kind != TraversalStep::Kind::kAttr) {
      return std::nullopt;
    }
    path.push_back(s.name);
  }
  return path;
}

const Attribute* Body::FindAttribute(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.name == name) {
      return &a;
    }
  }
  return nullptr;
}

std::string DebugString(const Expression& e) {
  auto list = [](const std::vector<Expression>& xs) {
    std::string out;
    for (const auto& x : xs) {
      out += " " + DebugString(x);
    }
    return out;
  };
  switch (e.kind) {
    case ExprKind::kNull:
      return "null";
    case ExprKind::kBool:
      return e.bool_value ? "true" : "false";
    case ExprKind::kNumber:
      return "(num " + e.text + ")";
    case ExprKind::kTemplate: {
      std::string out =
          e.heredoc ? (e.heredoc_indented ? "(heredoc- " : "(heredoc ") + e.heredoc_marker : "(str";
      for (const auto& p : e.parts) {
        if (p.kind == TemplatePart::Kind::kLiteral) {
          out += " " + DebugQuote(p.literal);
        } else {
          out += " ${" + DebugString(*p.expr) + "}";
        }
      }
      return out + ")";
    }
    case ExprKind::kTuple:
      return "(tuple" + list(e.operands) + ")";
    case ExprKind::kObject: {
      std::string out = "(object";
      for (const auto& item : e.items) {
        out += " (" + (item.bare_key ? item.key.text : DebugString(item.key)) + " = " +
               DebugString(item.value) + ")";
      }
      return out + ")";
    }
    case ExprKind::kTraversal:
      return "(trav " + e.text + StepsString(e.steps) + ")";
    case ExprKind::kRelative:
      return "(rel " + DebugString(e.operands.at(0)) + " " + StepsString(e.steps) + ")";
    case ExprKind::kIndex:
      return "(index " + DebugString(e.operands.at(0)) + " " + DebugString(e.operands.at(1)) + ")";
    case ExprKind::kFunctionCall:
      return "(call " + e.text + list(e.operands) + (e.expand_final_arg ? " ...)" : ")");
    case ExprKind::kUnary:
    case ExprKind::kBinary:
      return "(" + e.text + list(e.operands) + ")";
    case ExprKind::kConditional:
      return "(?" + list(e.operands) + ")";
    case ExprKind::kParens:
      return "(parens" + list(e.operands) + ")";
  }
  return "?";
}

std::string DebugString(const Body& body) {
  std::string out;
  DumpBody(body, 0, &out);
  return out;
}

}  // namespace atlas::engine::hcl
