#pragma once
// Go's %q (strconv.Quote for the bytes Atlas's names hold): double quotes around the text, `"` and
// `\` escaped, \n \t \r and other control bytes as escapes (\xNN); other bytes, including
// non-ASCII, kept. Atlas formats names this way in plan comments and lint messages. Pure function.

#include <string>
#include <string_view>

namespace atlas::engine::base {

inline std::string GoQuote(std::string_view s) {
  static constexpr std::string_view kHex = "0123456789abcdef";
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
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace atlas::engine::base
