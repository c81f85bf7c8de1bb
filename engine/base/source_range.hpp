#pragma once
// SourcePos / SourceRange: 1-based positions in a named input (HCL file, migration file).
// Plain values; thread-compatible.

#include <cstdint>
#include <string>

namespace atlas::engine::base {

struct SourcePos {
  int line = 1;     // 1-based
  int column = 1;   // 1-based, in bytes
  int64_t byte = 0; // 0-based offset
  bool operator==(const SourcePos&) const = default;
};

struct SourceRange {
  std::string filename;
  SourcePos start;
  SourcePos end;
  bool operator==(const SourceRange&) const = default;
  // "file:line:col"
  std::string ToString() const {
    return filename + ":" + std::to_string(start.line) + ":" + std::to_string(start.column);
  }
};

}  // namespace atlas::engine::base
