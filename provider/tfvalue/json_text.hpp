#pragma once
// Internal JSON text helpers for the cty JSON codecs: a small parser that keeps numbers as their
// exact source text (nlohmann::json would turn them into double), and a string quoter that writes
// what Go's encoding/json writes (HTML-safe escapes \u003c \u003e \u0026, \u2028 \u2029).
// Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"

namespace atlas::provider::tfvalue::detail {

struct JsonNode {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // kNumber: the literal exactly as written; kString: the decoded string
  std::vector<JsonNode> items;                            // kArray
  std::vector<std::pair<std::string, JsonNode>> members;  // kObject, in source order
};

// Parses one JSON document (RFC 8259; surrounding whitespace allowed, nothing else after it).
engine::base::Result<JsonNode> ParseJson(std::string_view text);

// JSON string literal for `s`, with the quotes, escaped as Go's json.Marshal does. Invalid UTF-8
// bytes become \ufffd, as in Go.
std::string QuoteJsonString(std::string_view s);

}  // namespace atlas::provider::tfvalue::detail
