#include "engine/hcl/format.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

namespace atlas::engine::hcl {
namespace {

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// What one source line (outside heredocs and block comments) does to the layout.
struct LineScan {
  int delta = 0;            // opening minus closing brackets outside strings and comments
  int leading_closers = 0;  // closing brackets before anything else on the line
  bool opens_block_comment = false;  // a "/*" left open at the end of the line
  std::optional<std::pair<std::string, bool>> heredoc;  // marker, indented: body starts next line
  std::optional<size_t> assign;  // offset of the attribute "=" when the line is `name = value`
};

LineScan Scan(std::string_view line) {
  LineScan out;
  bool leading = true;
  // Template nesting: each entry is true for a quoted string, false for an interpolation.
  std::vector<bool> nest;
  size_t i = 0;
  auto in_string = [&] { return !nest.empty() && nest.back(); };
  while (i < line.size()) {
    const char c = line[i];
    if (in_string()) {
      if (c == '\\') {
        i += 2;
        continue;
      }
      if ((c == '$' || c == '%') && i + 1 < line.size() && line[i + 1] == '{') {
        if (i + 2 < line.size() && line[i + 2] == c) {  // "$${" escapes
          i += 3;
          continue;
        }
        nest.push_back(false);
        i += 2;
        continue;
      }
      if (c == '"') {
        nest.pop_back();
      }
      ++i;
      continue;
    }
    if (c == '#' || (c == '/' && i + 1 < line.size() && line[i + 1] == '/')) {
      break;  // line comment
    }
    if (c == '/' && i + 1 < line.size() && line[i + 1] == '*') {
      const size_t end = line.find("*/", i + 2);
      if (end == std::string_view::npos) {
        out.opens_block_comment = true;
        break;
      }
      i = end + 2;
      continue;
    }
    if (c == '"') {
      nest.push_back(true);
      leading = false;
      ++i;
      continue;
    }
    if (c == '<' && i + 2 < line.size() && line[i + 1] == '<' && nest.empty()) {
      size_t j = i + 2;
      bool indented = false;
      if (j < line.size() && line[j] == '-') {
        indented = true;
        ++j;
      }
      const size_t start = j;
      while (j < line.size() && IsIdentChar(line[j])) {
        ++j;
      }
      if (j > start && IsIdentStart(line[start])) {
        out.heredoc = std::make_pair(std::string(line.substr(start, j - start)), indented);
        break;  // the rest of the line is the introducer
      }
    }
    if (c == '{' || c == '[' || c == '(') {
      ++out.delta;
      leading = false;
    } else if (c == '}' || c == ']' || c == ')') {
      if (!nest.empty() && c == '}') {
        nest.pop_back();  // end of an interpolation
      } else {
        --out.delta;
        if (leading) {
          ++out.leading_closers;
        }
      }
    } else if (c != ' ' && c != '\t') {
      leading = false;
    }
    ++i;
  }
  // `name = value` (not `==`): an identifier, optional blanks, then a single "=".
  std::string_view t = Trim(line);
  if (!t.empty() && IsIdentStart(t.front())) {
    size_t j = 0;
    while (j < t.size() && IsIdentChar(t[j])) {
      ++j;
    }
    size_t k = j;
    while (k < t.size() && (t[k] == ' ' || t[k] == '\t')) {
      ++k;
    }
    if (k < t.size() && t[k] == '=' && (k + 1 >= t.size() || t[k + 1] != '=')) {
      out.assign = k;
    }
  }
  return out;
}

struct OutLine {
  std::string text;         // final text when verbatim or not an attribute
  bool verbatim = false;    // heredoc body or block comment continuation: emitted as is
  int indent = 0;
  bool align = false;       // single-line attribute taking part in "=" alignment
  std::string name;         // attribute name (align)
  std::string value;        // text after "=" (align), trimmed
};

}  // namespace

std::string FormatSource(std::string_view source) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= source.size()) {
    const size_t nl = source.find('\n', pos);
    if (nl == std::string_view::npos) {
      lines.push_back(source.substr(pos));
      break;
    }
    lines.push_back(source.substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (!lines.empty() && lines.back().empty()) {
    lines.pop_back();  // the final newline
  }

  std::vector<OutLine> out;
  out.reserve(lines.size());
  int depth = 0;
  std::optional<std::pair<std::string, bool>> heredoc;
  bool block_comment = false;
  for (std::string_view raw : lines) {
    OutLine o;
    if (heredoc) {
      o.verbatim = true;
      o.text = std::string(raw);
      if (Trim(raw) == heredoc->first) {
        heredoc.reset();
      }
      out.push_back(std::move(o));
      continue;
    }
    if (block_comment) {
      o.verbatim = true;
      o.text = std::string(raw);
      if (raw.find("*/") != std::string_view::npos) {
        block_comment = false;
      }
      out.push_back(std::move(o));
      continue;
    }
    const std::string_view t = Trim(raw);
    const LineScan scan = Scan(t);
    o.indent = std::max(0, depth - scan.leading_closers);
    if (scan.assign) {
      o.name = std::string(Trim(t.substr(0, *scan.assign)));
      o.value = std::string(Trim(t.substr(*scan.assign + 1)));
      o.align = scan.delta == 0 && !scan.heredoc;
      o.text = o.name + " = " + o.value;
    } else {
      o.text = std::string(t);
    }
    depth = std::max(0, depth + scan.delta);
    heredoc = scan.heredoc;
    block_comment = scan.opens_block_comment;
    out.push_back(std::move(o));
  }

  // Align "=" across runs of consecutive single-line attributes at the same indentation.
  for (size_t i = 0; i < out.size();) {
    if (!out[i].align) {
      ++i;
      continue;
    }
    size_t j = i;
    size_t width = 0;
    while (j < out.size() && out[j].align && out[j].indent == out[i].indent) {
      width = std::max(width, out[j].name.size());
      ++j;
    }
    for (size_t k = i; k < j; ++k) {
      out[k].text = out[k].name + std::string(width - out[k].name.size(), ' ') + " = " + out[k].value;
    }
    i = j;
  }

  std::string result;
  result.reserve(source.size() + source.size() / 8);
  for (const auto& o : out) {
    if (o.verbatim) {
      result += o.text;
    } else if (!o.text.empty()) {
      result.append(static_cast<size_t>(o.indent) * 2, ' ');
      result += o.text;
    }
    result += '\n';
  }
  return result;
}

}  // namespace atlas::engine::hcl
