#include "engine/hcl/diagnostics.hpp"

#include <utility>

namespace atlas::engine::hcl {

std::string CaretExcerpt(std::string_view source, const base::SourcePos& pos) {
  if (pos.line < 1) {
    return {};
  }
  size_t begin = 0;
  for (int line = 1; line < pos.line; ++line) {
    size_t nl = source.find('\n', begin);
    if (nl == std::string_view::npos) {
      return {};
    }
    begin = nl + 1;
  }
  size_t end = source.find('\n', begin);
  if (end == std::string_view::npos) {
    end = source.size();
  }
  std::string_view text = source.substr(begin, end - begin);
  if (!text.empty() && text.back() == '\r') {
    text.remove_suffix(1);
  }
  const std::string number = std::to_string(pos.line);
  std::string out = "  " + number + " | ";
  out.append(text);
  out += "\n  " + std::string(number.size(), ' ') + " | ";
  // Keep tabs so the caret lines up; UTF-8 continuation bytes take no column on screen.
  const size_t prefix = pos.column > 1 ? static_cast<size_t>(pos.column - 1) : 0;
  for (size_t i = 0; i < prefix && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\t') {
      out += '\t';
    } else if ((c & 0xC0U) != 0x80U) {
      out += ' ';
    }
  }
  out += '^';
  return out;
}

base::Diagnostic ErrorAt(std::string_view source, const base::SourceRange& range,
                         std::string summary, std::string sentence) {
  std::string detail = std::move(sentence);
  std::string excerpt = CaretExcerpt(source, range.start);
  if (!excerpt.empty()) {
    if (!detail.empty()) {
      detail += "\n";
    }
    detail += excerpt;
  }
  base::Diagnostic d = base::Diagnostic::Error(std::move(summary), std::move(detail));
  d.source = range;
  return d;
}

}  // namespace atlas::engine::hcl
