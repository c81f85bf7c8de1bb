#pragma once
// Terraform: the harness's "terraform" CLI. Runs plan / apply / refresh / destroy / import for a
// configuration (Terraform JSON syntax, see config.hpp) through a TerraformCore, with Terraform's
// process layout (a schema process, then validate, plan and apply processes) and walk order
// (dependencies first; data sources read at plan time when their config is wholly known and no
// dependency has pending changes, else at apply), keeping a State between commands.
// Not thread-safe.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/acceptance/config.hpp"
#include "tests/acceptance/terraform_core.hpp"

namespace atlas::tests::acceptance {

// Values of `deferred.NAME` references: unknown while planning, these values at apply.
using DeferredValues = std::map<std::string, nlohmann::json>;

struct PlanResult {
  std::vector<PlannedChange> changes;         // managed resources, walk order (+ orphans)
  std::vector<std::string> deferred_reads;    // data sources that will be read during apply
  std::map<std::string, tfv::Value> planned;  // address -> planned value (resources, data sources)
  State refreshed;                            // the state after refresh
  TfDiagnostics diags;                        // everything reported, warnings included

  bool ok() const { return !diags.HasError(); }
  // No resource change other than NoOp and no data source read left for apply.
  bool Empty() const;
  const PlannedChange* Change(std::string_view address) const;
  // Human-readable summary ("atlas_schema.test: Update\n  ~ hcl: cty.StringVal(..) -> ..").
  std::string Render() const;
};

struct ApplyResult {
  PlanResult plan;
  TfDiagnostics diags;  // plan + apply diagnostics
  bool ok() const { return !diags.HasError(); }
};

class Terraform {
 public:
  explicit Terraform(CoreOptions options = {});

  TerraformCore& core() { return core_; }
  State& state() { return state_; }
  const State& state() const { return state_; }

  // terraform validate (schema + validate processes).
  TfDiagnostics Validate(const nlohmann::json& config, const DeferredValues& deferred = {});
  // terraform plan: refresh every resource in state, then plan the configuration. The state is
  // not modified. `deferred_known`: deferred.* values are known (a plan after they were applied).
  PlanResult Plan(const nlohmann::json& config, const DeferredValues& deferred = {},
                  bool deferred_known = false);
  // terraform apply: plan, then (if anything changes) an apply process that re-plans each change
  // (final plan) and applies it. The refreshed and applied results are saved in the state.
  ApplyResult Apply(const nlohmann::json& config, const DeferredValues& deferred = {});
  // terraform refresh (apply -refresh-only): read every resource and save the result.
  TfDiagnostics Refresh(const nlohmann::json& config);
  // terraform destroy: refresh, plan a delete of every resource (dependents first), apply it.
  ApplyResult Destroy(const nlohmann::json& config);
  // terraform import ADDRESS ID into a fresh state (the current state is not modified); the
  // configuration must declare ADDRESS.
  Outcome<ResourceState> Import(const nlohmann::json& config, std::string_view address,
                                std::string_view id);

 private:
  // The schema process plus the validate walk (no EndCommand).
  TfDiagnostics ValidateWalk(const nlohmann::json& config, const DeferredValues& deferred);
  TfDiagnostics SchemaProcess();
  // Provider config value (validated + configured in the current process).
  TfDiagnostics ConfigureProvider(const ParsedConfig& parsed, bool configure);
  PlanResult PlanInProcess(const ParsedConfig& parsed, const DeferredValues& deferred, bool destroy,
                           bool deferred_known);

  TerraformCore core_;
  State state_;
};

}  // namespace atlas::tests::acceptance
