#pragma once
// Lint configuration from an Atlas project file (atlas.hcl): the top-level `lint {}` block merged
// with the selected `env "<name>" { lint {} }` block (the env wins attribute by attribute). Inside
// it, a block named after an analyzer configures that analyzer:
//
//   lint {
//     destructive { error = false }          # every analyzer: error = true|false
//     naming {                               # analyzer-specific attributes and nested blocks
//       match   = "^[a-z_]+$"
//       message = "must be snake case"
//       index { match = "^[a-z_]+_idx$" }
//     }
//   }
//
// Only string and bool attribute values are kept (as text: "true"/"false" for bools); the
// analyzer reads them. Plain values; thread-compatible.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/base/source_range.hpp"

namespace atlas::engine::lint {

struct AnalyzerOptions {
  std::optional<bool> error;                                  // `error = bool`
  std::map<std::string, std::string, std::less<>> attrs;      // other attributes, as text
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>
      blocks;                                                 // nested blocks: name -> attrs
  base::SourceRange range;                                    // the analyzer block
};

struct Config {
  // By analyzer name (`destructive`, `naming`, ...).
  std::map<std::string, AnalyzerOptions, std::less<>> analyzers;
  std::string review;  // `review = ERROR|WARNING|ALWAYS`, "" when unset
  std::optional<int> latest;
  std::string filename;  // the project file, for diagnostics
  std::string source;    // its text, for diagnostics

  const AnalyzerOptions* OptionsOf(std::string_view analyzer) const;
  bool empty() const { return analyzers.empty() && review.empty() && !latest; }
};

// Parses the lint configuration of `text` (an atlas.hcl) for environment `env` ("" = top-level
// only). Errors point at file:line:col: an analyzer option of the wrong type, `error` not a bool.
// Blocks and attributes outside `lint` are not interpreted (the file may hold env settings the
// caller ignores).
base::Result<Config> ParseConfig(std::string_view text, std::string filename,
                                 std::string_view env = "");

}  // namespace atlas::engine::lint
