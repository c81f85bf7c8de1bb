#pragma once
// Test helpers: bytes <-> spaced hex ("83 a2 69 64"). Header-only; pure functions.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace atlas::provider::tfvalue::testing {

// "83 a2 69" (spaces and newlines ignored) -> raw bytes.
inline std::string FromHex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  };
  std::string out;
  int high = -1;
  for (char c : hex) {
    int n = nibble(c);
    if (n < 0) {
      continue;
    }
    if (high < 0) {
      high = n;
    } else {
      out.push_back(static_cast<char>(high * 16 + n));
      high = -1;
    }
  }
  if (high >= 0) {
    throw std::invalid_argument("odd number of hex digits");
  }
  return out;
}

// Raw bytes -> "83 a2 69".
inline std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) {
      out.push_back(' ');
    }
    auto b = static_cast<uint8_t>(bytes[i]);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
  return out;
}

}  // namespace atlas::provider::tfvalue::testing
