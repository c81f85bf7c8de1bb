#pragma once
// Lint output: a Report groups the diagnostics of one analyzer under Atlas's report text
// ("destructive changes detected"); each Diagnostic names its code, Atlas's exact message, an
// optional suggested fix and the change (and planned statement) that caused it.
// Plain values; thread-compatible.

#include <string>
#include <vector>

namespace atlas::engine::lint {

struct Diagnostic {
  std::string code;           // "DS102"
  std::string text;           // `Dropping table "t"`
  std::string suggested_fix;  // empty when the analyzer suggests none
  int change_index = -1;      // index of the schema::Change in Pass::changes
  int statement_index = -1;   // first planned statement of that change, -1 when unknown

  // https://atlasgo.io/lint/analyzers#<CODE>
  std::string Link() const { return "https://atlasgo.io/lint/analyzers#" + code; }
  bool operator==(const Diagnostic&) const = default;
};

struct Report {
  std::string analyzer;  // config name of the analyzer that wrote it ("destructive")
  std::string text;      // Atlas's report text
  // True when the analyzer reports errors (Atlas's `error = true`, the default of `destructive`).
  bool error = false;
  std::vector<Diagnostic> diagnostics;
  bool operator==(const Report&) const = default;
};

}  // namespace atlas::engine::lint
