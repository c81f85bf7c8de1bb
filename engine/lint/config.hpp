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
// analyzer reads them, and checks their names and values with Analyzer::ValidateOptions (which
// CheckOptionNames helps with). Plain values; thread-compatible.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/base/source_range.hpp"

namespace atlas::engine::lint {

struct AnalyzerOptions {
  std::optional<bool> error;                                  // `error = bool`
  std::map<std::string, std::string, std::less<>> attrs;      // other attributes, as text
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>
      blocks;                                                 // nested blocks: name -> attrs
  base::SourceRange range;                                    // the analyzer block
  // Where each option is written (the attribute from its name, the nested block from its type):
  // "match" and "error" for attributes, "index" for a nested block, "index.match" for an
  // attribute of a nested block.
  std::map<std::string, base::SourceRange, std::less<>> ranges;

  // The range of option `key` (see `ranges`), else the analyzer block's.
  const base::SourceRange& RangeOf(std::string_view key) const;
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

// The options one analyzer defines besides `error`: its attributes, its nested blocks and the
// attributes those blocks take.
struct OptionNames {
  std::vector<std::string_view> attrs;
  std::vector<std::string_view> blocks;
  std::vector<std::string_view> block_attrs;
};

// Refuses every option of `opts` (the block of analyzer `analyzer`) that `names` does not list,
// one error per option at its file:line:col, e.g. a misspelled nested block `idnex {}`.
base::Status CheckOptionNames(std::string_view analyzer, const AnalyzerOptions& opts,
                              const Config& config, const OptionNames& names);

}  // namespace atlas::engine::lint
