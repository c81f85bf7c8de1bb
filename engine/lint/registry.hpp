#pragma once
// An explicit, ordered set of analyzers (no static registration). Registration refuses an analyzer
// whose name or one of whose codes is already registered. Run() executes the analyzers in
// registration order and returns one Report per analyzer that found something, with every
// diagnostic's statement index resolved from its change index.
//
// Thread-safety: Register() is not synchronized; build the registry first, then Run() may be
// called from several threads at once.

#include <memory>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/lint/analyzer.hpp"
#include "engine/lint/analyzers/data_depend.hpp"

namespace atlas::engine::lint {

class Registry {
 public:
  base::Status Register(std::unique_ptr<Analyzer> analyzer);
  // Runs every analyzer; an analyzer's `error = bool` option in pass.config overrides its default
  // severity.
  std::vector<Report> Run(const Pass& pass) const;
  // Refuses a configuration block that names no registered analyzer (file:line:col of the block).
  base::Status Validate(const Config& config) const;
  const std::vector<std::unique_ptr<Analyzer>>& analyzers() const { return analyzers_; }

 private:
  std::vector<std::unique_ptr<Analyzer>> analyzers_;
};

// Atlas's generic analyzers in its order: destructive, data_depend, condrop, incompatible, then
// naming;
// data_depend with the driver's hooks (engine/drivers/<driver>/lint.cpp; none: no MF103).
void RegisterBuiltinAnalyzers(Registry& registry, DataDependHooks data_depend = {});

// Factories of the builtin analyzers (engine/lint/analyzers/<name>.cpp).
std::unique_ptr<Analyzer> NewDestructiveAnalyzer();
// NewDataDependAnalyzer(DataDependHooks): engine/lint/analyzers/data_depend.hpp.
std::unique_ptr<Analyzer> NewConDropAnalyzer();
std::unique_ptr<Analyzer> NewIncompatibleAnalyzer();

}  // namespace atlas::engine::lint
