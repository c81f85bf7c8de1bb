#include "engine/lint/registry.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "engine/hcl/diagnostics.hpp"
#include "engine/lint/analyzers/naming.hpp"

namespace atlas::engine::lint {

base::Status Registry::Register(std::unique_ptr<Analyzer> analyzer) {
  ATLAS_CHECK(analyzer != nullptr, "registering a null lint analyzer");
  for (const auto& existing : analyzers_) {
    if (existing->Name() == analyzer->Name()) {
      return base::Error(
          "Duplicate lint analyzer",
          fmt::format("an analyzer named \"{}\" is already registered", analyzer->Name()));
    }
    for (const auto code : analyzer->Codes()) {
      for (const auto other : existing->Codes()) {
        if (code == other) {
          return base::Error(
              "Duplicate lint code",
              fmt::format("code {} of analyzer \"{}\" is already registered by analyzer \"{}\"",
                          code, analyzer->Name(), existing->Name()));
        }
      }
    }
  }
  analyzers_.push_back(std::move(analyzer));
  return base::Status::Ok();
}

std::vector<Report> Registry::Run(const Pass& pass) const {
  std::vector<Report> out;
  for (const auto& a : analyzers_) {
    Report r;
    a->Analyze(pass, r);
    if (r.diagnostics.empty()) {
      continue;
    }
    r.analyzer = std::string(a->Name());
    r.error = a->Error();
    if (const auto* opts = pass.OptionsOf(a->Name()); opts != nullptr && opts->error) {
      r.error = *opts->error;
    }
    for (auto& d : r.diagnostics) {
      if (d.statement_index < 0 && d.change_index >= 0) {
        d.statement_index = pass.StatementOf(d.change_index);
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

// Each analyzer block must name a registered analyzer and pass that analyzer's ValidateOptions.
base::Status Registry::Validate(const Config& config) const {
  for (const auto& [name, opts] : config.analyzers) {
    const auto it = std::find_if(analyzers_.begin(), analyzers_.end(),
                                 [&](const auto& a) { return a->Name() == name; });
    if (it != analyzers_.end()) {
      if (auto st = (*it)->ValidateOptions(opts, config); !st.ok()) {
        return st;
      }
      continue;
    }
    std::vector<std::string_view> names;
    for (const auto& a : analyzers_) {
      names.push_back(a->Name());
    }
    return hcl::ErrorAt(config.source, opts.range, "Unknown lint analyzer",
                        fmt::format("no lint analyzer is named \"{}\" for this database (known: {}).",
                                    name, fmt::join(names, ", ")));
  }
  return base::Status::Ok();
}

void RegisterBuiltinAnalyzers(Registry& registry, DataDependHooks data_depend) {
  std::vector<std::unique_ptr<Analyzer>> builtin;
  builtin.push_back(NewDestructiveAnalyzer());
  builtin.push_back(NewDataDependAnalyzer(std::move(data_depend)));
  builtin.push_back(NewConDropAnalyzer());
  builtin.push_back(NewIncompatibleAnalyzer());
  builtin.push_back(NewNamingAnalyzer());
  for (auto& analyzer : builtin) {
    const base::Status st = registry.Register(std::move(analyzer));
    ATLAS_CHECK(st.ok(), "builtin lint analyzers conflict: " + st.ErrorString());
  }
}

}  // namespace atlas::engine::lint
