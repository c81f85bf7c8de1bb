#pragma once
// Go's %q for lint messages: Atlas writes names double-quoted with `"` and `\` escaped and control
// characters as escapes (\n, \t, \r, \xNN). Non-ASCII bytes are kept. Pure function.

#include <string>
#include <string_view>

#include <fmt/format.h>

namespace atlas::engine::lint {

inline std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace atlas::engine::lint
