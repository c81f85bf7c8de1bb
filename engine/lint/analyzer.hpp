#pragma once
// The lint analyzer seam (Atlas's sqlcheck.NamedAnalyzer): an analyzer reads a Pass and writes
// its findings into a Report. Implementations are stateless after construction, so one instance
// may serve concurrent runs.

#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/lint/config.hpp"
#include "engine/lint/pass.hpp"
#include "engine/lint/report.hpp"

namespace atlas::engine::lint {

class Analyzer {
 public:
  Analyzer() = default;
  virtual ~Analyzer() = default;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) = delete;
  Analyzer& operator=(Analyzer&&) = delete;

  // Atlas's configuration name (destructive, data_depend, concurrent_index, naming, ...).
  virtual std::string_view Name() const = 0;
  // Every code the analyzer can report.
  virtual std::vector<std::string_view> Codes() const = 0;
  // Whether findings are errors by default (Atlas: only `destructive` sets `error = true`).
  virtual bool Error() const { return false; }
  // Checks the analyzer's block of the project file (`config` holds its text, for positions)
  // before any run: an error per option the analyzer does not define or cannot use, at its
  // file:line:col. The default accepts only `error`, which Registry::Run applies itself;
  // analyzers with options of their own override it.
  virtual base::Status ValidateOptions(const AnalyzerOptions& opts, const Config& config) const {
    return CheckOptionNames(Name(), opts, config, {});
  }
  // Appends diagnostics to `report` and sets its text when it finds anything.
  virtual void Analyze(const Pass& pass, Report& report) const = 0;
};

}  // namespace atlas::engine::lint
