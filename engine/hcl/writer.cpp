#include "engine/hcl/writer.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

namespace atlas::engine::hcl {
namespace {

// Decodes one UTF-8 sequence at s[*i]; invalid bytes decode to U+FFFD one byte at a time (as Go's
// range does).
uint32_t DecodeRune(std::string_view s, size_t* i) {
  const auto b0 = static_cast<unsigned char>(s[*i]);
  auto cont = [&](size_t k) -> int {
    if (*i + k >= s.size()) {
      return -1;
    }
    const auto b = static_cast<unsigned char>(s[*i + k]);
    return (b & 0xC0U) == 0x80U ? (b & 0x3F) : -1;
  };
  if (b0 < 0x80) {
    *i += 1;
    return b0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    const int c1 = cont(1);
    if (c1 >= 0) {
      *i += 2;
      return ((b0 & 0x1FU) << 6) | static_cast<uint32_t>(c1);
    }
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    const int c1 = cont(1);
    const int c2 = c1 >= 0 ? cont(2) : -1;
    if (c2 >= 0) {
      const uint32_t cp =
          ((b0 & 0x0FU) << 12) | (static_cast<uint32_t>(c1) << 6) | static_cast<uint32_t>(c2);
      if (cp >= 0x800 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        *i += 3;
        return cp;
      }
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    const int c1 = cont(1);
    const int c2 = c1 >= 0 ? cont(2) : -1;
    const int c3 = c2 >= 0 ? cont(3) : -1;
    if (c3 >= 0) {
      const uint32_t cp = ((b0 & 0x07U) << 18) | (static_cast<uint32_t>(c1) << 12) |
                          (static_cast<uint32_t>(c2) << 6) | static_cast<uint32_t>(c3);
      if (cp >= 0x10000 && cp <= 0x10FFFF) {
        *i += 4;
        return cp;
      }
    }
  }
  *i += 1;
  return 0xFFFD;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Approximates Go's unicode.IsPrint: controls, format characters, separators other than ASCII space
// and private-use code points are not printable.
bool IsPrintable(uint32_t cp) {
  if (cp < 0x20 || cp == 0x7F) {
    return false;
  }
  if (cp < 0x7F) {
    return true;
  }
  if (cp <= 0x9F || cp == 0xA0 || cp == 0xAD) {
    return false;
  }
  if ((cp >= 0x600 && cp <= 0x605) || cp == 0x61C || cp == 0x6DD || cp == 0x70F || cp == 0x180E ||
      cp == 0x1680) {
    return false;
  }
  if ((cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
      (cp >= 0x205F && cp <= 0x206F)) {
    return false;
  }
  if (cp == 0x3000 || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB)) {
    return false;
  }
  if ((cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 || (cp >= 0xE0000 && cp <= 0xE007F)) {
    return false;
  }
  return true;
}

void WriteBody(const OutBody& body, int level, const WriteOptions& options, std::string* out) {
  const std::string pad(static_cast<size_t>(level) * 2, ' ');
  const auto& items = body.items();
  size_t i = 0;
  bool wrote_block = false;
  while (i < items.size()) {
    if (items[i].value) {
      // A run of consecutive attributes: align "=".
      size_t end = i;
      size_t width = 0;
      while (end < items.size() && items[end].value) {
        width = std::max(width, items[end].name.size());
        ++end;
      }
      for (; i < end; ++i) {
        *out += pad + items[i].name + std::string(width - items[i].name.size() + 1, ' ') + "= " +
                items[i].value->text() + "\n";
      }
      continue;
    }
    const auto& item = items[i];
    if (level == 0 && wrote_block && options.blank_line_between_top_level_blocks) {
      *out += "\n";
    }
    *out += pad + item.name;
    for (const auto& label : item.labels) {
      *out += " " + QuoteString(label);
    }
    *out += " {\n";
    if (item.body) {
      WriteBody(*item.body, level + 1, options, out);
    }
    *out += pad + "}\n";
    wrote_block = true;
    ++i;
  }
}

std::string RenderSteps(const std::vector<TraversalStep>& steps) {
  std::string out;
  for (const auto& s : steps) {
    switch (s.kind) {
      case TraversalStep::Kind::kAttr:
        out += "." + s.name;
        break;
      case TraversalStep::Kind::kIndex:
        out += "[" + (s.key_is_number ? s.name : QuoteString(s.name)) + "]";
        break;
      case TraversalStep::Kind::kSplat:
        out += "[*]";
        break;
    }
  }
  return out;
}

}  // namespace

std::string EscapeString(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const uint32_t r = DecodeRune(s, &i);
    switch (r) {
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '$':
      case '%':
        out.push_back(static_cast<char>(r));
        if (i < s.size() && s[i] == '{') {
          out.push_back(static_cast<char>(r));
        }
        continue;
      default:
        break;
    }
    if (!IsPrintable(r)) {
      out += r < 0x10000 ? fmt::format("\\u{:04x}", r) : fmt::format("\\U{:08x}", r);
      continue;
    }
    AppendUtf8(&out, r);
  }
  return out;
}

std::string QuoteString(std::string_view s) {
  return "\"" + EscapeString(s) + "\"";
}

bool IsIdentifier(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  const auto first = static_cast<unsigned char>(s[0]);
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_' ||
        first >= 0x80)) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c >= 0x80;
  });
}

OutExpr OutExpr::Raw(std::string text) {
  return OutExpr(std::move(text));
}

OutExpr OutExpr::String(std::string_view value) {
  return OutExpr(QuoteString(value));
}

OutExpr OutExpr::Heredoc(std::string_view value, std::string_view marker) {
  std::string s;
  s.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') {
      continue;
    }
    s.push_back(value[i]);
  }
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  size_t b = 0;
  size_t e = s.size();
  while (b < e && is_space(s[b])) {
    ++b;
  }
  while (e > b && is_space(s[e - 1])) {
    --e;
  }
  s = s.substr(b, e - b);
  if (s.find('\n') == std::string::npos) {
    return String(s);
  }
  std::string out = "<<-" + std::string(marker) + "\n";
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) {
      nl = s.size();
    }
    const std::string_view line(s.data() + start, nl - start);
    if (!std::all_of(line.begin(), line.end(), is_space)) {
      out += "  ";
      // Escape template introducers as Atlas does for heredocs.
      for (size_t k = 0; k < line.size(); ++k) {
        out.push_back(line[k]);
        if ((line[k] == '$' || line[k] == '%') && k + 1 < line.size() && line[k + 1] == '{') {
          out.push_back(line[k]);
        }
      }
    }
    out += "\n";
    start = nl + 1;
  }
  out += "  " + std::string(marker);
  return OutExpr(std::move(out));
}

OutExpr OutExpr::Number(std::string text) {
  return OutExpr(std::move(text));
}

OutExpr OutExpr::Bool(bool value) {
  return OutExpr(value ? "true" : "false");
}

OutExpr OutExpr::Null() {
  return OutExpr("null");
}

OutExpr OutExpr::List(const std::vector<OutExpr>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += items[i].text();
  }
  return OutExpr(out + "]");
}

OutExpr OutExpr::Call(std::string_view name, const std::vector<OutExpr>& args) {
  std::string out(name);
  out += "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += args[i].text();
  }
  return OutExpr(out + ")");
}

void OutBody::AddAttribute(std::string name, OutExpr value) {
  Item item;
  item.name = std::move(name);
  item.value = std::move(value);
  items_.push_back(std::move(item));
}

OutBody& OutBody::AddBlock(std::string type, std::vector<std::string> labels) {
  Item item;
  item.name = std::move(type);
  item.labels = std::move(labels);
  item.body = std::make_unique<OutBody>();
  items_.push_back(std::move(item));
  return *items_.back().body;
}

std::string Write(const OutBody& body, const WriteOptions& options) {
  std::string out;
  WriteBody(body, 0, options, &out);
  return out;
}

std::string RenderExpression(const Expression& e) {
  auto join = [](const std::vector<Expression>& xs) {
    std::string out;
    for (size_t i = 0; i < xs.size(); ++i) {
      if (i > 0) {
        out += ", ";
      }
      out += RenderExpression(xs[i]);
    }
    return out;
  };
  switch (e.kind) {
    case ExprKind::kNull:
      return "null";
    case ExprKind::kBool:
      return e.bool_value ? "true" : "false";
    case ExprKind::kNumber:
      return e.text;
    case ExprKind::kTemplate: {
      std::string out = "\"";
      for (const auto& p : e.parts) {
        if (p.kind == TemplatePart::Kind::kLiteral) {
          out += EscapeString(p.literal);
        } else {
          out += "${" + RenderExpression(*p.expr) + "}";
        }
      }
      return out + "\"";
    }
    case ExprKind::kTuple:
      return "[" + join(e.operands) + "]";
    case ExprKind::kObject: {
      if (e.items.empty()) {
        return "{}";
      }
      std::string out = "{ ";
      for (size_t i = 0; i < e.items.size(); ++i) {
        if (i > 0) {
          out += ", ";
        }
        out += (e.items[i].bare_key ? e.items[i].key.text : RenderExpression(e.items[i].key)) +
               " = " + RenderExpression(e.items[i].value);
      }
      return out + " }";
    }
    case ExprKind::kTraversal:
      return e.text + RenderSteps(e.steps);
    case ExprKind::kRelative:
      return RenderExpression(e.operands.at(0)) + RenderSteps(e.steps);
    case ExprKind::kIndex:
      return RenderExpression(e.operands.at(0)) + "[" + RenderExpression(e.operands.at(1)) + "]";
    case ExprKind::kFunctionCall:
      return e.text + "(" + join(e.operands) + (e.expand_final_arg ? "...)" : ")");
    case ExprKind::kUnary:
      return e.text + RenderExpression(e.operands.at(0));
    case ExprKind::kBinary:
      return RenderExpression(e.operands.at(0)) + " " + e.text + " " +
             RenderExpression(e.operands.at(1));
    case ExprKind::kConditional:
      return RenderExpression(e.operands.at(0)) + " ? " + RenderExpression(e.operands.at(1)) +
             " : " + RenderExpression(e.operands.at(2));
    case ExprKind::kParens:
      return "(" + RenderExpression(e.operands.at(0)) + ")";
  }
  return {};
}

}  // namespace atlas::engine::hcl
