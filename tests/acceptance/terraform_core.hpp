#pragma once
// TerraformCore: the harness's stand-in for Terraform core. It owns the provider processes (one per
// phase by default, as Terraform starts a new process for schema loading, validate, plan and apply),
// sends each RPC the way core builds it (msgpack DynamicValues, proposed_new_state from
// objchange.ProposedNew, prior/planned private bytes, client capabilities, terraform_version) and
// enforces core's checks on every answer with core's wording:
//   "Provider produced invalid plan", "Provider produced inconsistent final plan",
//   "Provider produced inconsistent result after apply", "Provider returned invalid result object
//   after apply", "Provider produced invalid object", "Provider produced null object",
//   "Invalid resource state upgrade", "Import returned no resources", ...
// Values in requests and answers are tfvalue Values of the schema's implied type; state is kept as
// Terraform keeps it (cty JSON + schema version + private bytes) and is upgraded through
// UpgradeResourceState on every read.
// Not thread-safe: one test drives one TerraformCore.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provider/tfvalue/path.hpp"
#include "provider/tfvalue/value.hpp"
#include "tests/acceptance/provider_process.hpp"
#include "tests/acceptance/schema.hpp"
#include "tests/acceptance/tf_diagnostic.hpp"

namespace atlas::tests::acceptance {

// How many provider processes a test uses.
enum class ProcessMode {
  kPerPhase,    // Terraform's behaviour: a new process for each phase (default)
  kPerCommand,  // one process per simulated terraform command
  kSingle,      // one process for the whole test (fastest; misses state-between-phases bugs)
};

struct CoreOptions {
  LaunchOptions launch;
  ProcessMode process_mode = ProcessMode::kPerPhase;
  std::string provider_address = "registry.terraform.io/ariga/atlas";
  std::string terraform_version = "1.11.4";
  // ClientCapabilities core sends (v1.11 sends write_only_attributes_allowed = true).
  bool deferral_allowed = false;
  bool write_only_attributes_allowed = true;
  std::chrono::milliseconds rpc_timeout{120000};
  // The provider's local name in configurations: the last part of provider_address ("atlas").
  std::string LocalName() const { return provider_address.substr(provider_address.rfind('/') + 1); }
};

// One managed resource instance as Terraform stores it.
struct ResourceState {
  std::string type;
  std::string name;
  int64_t schema_version = 0;
  std::string json;           // attributes in cty JSON, as in the state file
  tfv::Value value;           // the same, decoded with the current schema
  std::string private_state;  // opaque bytes owned by the provider
  bool tainted = false;
  std::string Address() const { return type + "." + name; }
};

// The harness's state file.
struct State {
  std::map<std::string, ResourceState> resources;  // by address
  std::map<std::string, tfv::Value> data_sources;  // by address ("data.T.N")
  const ResourceState* Find(std::string_view address) const;
  // Attribute value of a resource or data source ("atlas_schema.test", Path::Root("hcl")).
  std::optional<tfv::Value> Attr(std::string_view address, const tfv::Path& path) const;
  bool empty() const { return resources.empty() && data_sources.empty(); }
};

enum class Action { kNoOp, kCreate, kUpdate, kDeleteThenCreate, kDelete, kRead };
const char* ActionName(Action a);  // "NoOp", "Create", "Update", "DeleteThenCreate", "Delete", "Read"

struct PlannedChange {
  std::string type;
  std::string name;
  Action action = Action::kNoOp;
  tfv::Value prior;               // refreshed prior state (null for create)
  std::string prior_private;
  int64_t prior_schema_version = 0;
  tfv::Value config;              // config as sent (null for destroy)
  tfv::Value proposed;            // proposed_new_state as sent
  tfv::Value planned;             // planned_state as returned (null for destroy)
  std::string planned_private;
  std::vector<tfv::Path> requires_replace;      // as returned
  std::vector<tfv::Path> replace_paths;         // core's filtered set (values that change)
  // For DeleteThenCreate: the create half (prior null) core planned in a second call.
  std::shared_ptr<const PlannedChange> create;
  std::string Address() const { return type + "." + name; }
};

class TerraformCore {
 public:
  explicit TerraformCore(CoreOptions options = {});
  ~TerraformCore();
  TerraformCore(const TerraformCore&) = delete;
  TerraformCore& operator=(const TerraformCore&) = delete;
  TerraformCore(TerraformCore&&) = delete;
  TerraformCore& operator=(TerraformCore&&) = delete;

  const CoreOptions& options() const { return options_; }

  // ---- provider processes ----
  // Starts a process for a phase ("schema", "validate", "plan", "apply", ...) unless the process
  // mode keeps the current one. Loads the schema first when none is cached or when the provider
  // does not declare get_provider_schema_optional (as core does).
  TfDiagnostics BeginPhase(std::string_view phase);
  // Ends the phase: in kPerPhase mode stops the process like go-plugin's Kill and records an error
  // unless it exits with code 0 within 2 s.
  TfDiagnostics EndPhase();
  // Called between commands (kPerCommand stops here); StopAll ends everything.
  TfDiagnostics EndCommand();
  TfDiagnostics StopAll();
  ProviderProcess* process() { return process_.get(); }
  // Names of the phases that started a process, in order ("schema", "validate", ...).
  const std::vector<std::string>& launched_phases() const { return launched_phases_; }
  // Stderr of every process so far (finished ones included), for failure messages.
  std::string ProviderLogs() const;

  // ---- schema ----
  // Calls GetProviderSchema (+ GetResourceIdentitySchemas, tolerating UNIMPLEMENTED), converts and
  // validates it like core, caches it.
  Outcome<const ProviderSchemas*> GetProviderSchema();
  const ProviderSchemas* schemas() const { return schemas_ ? &*schemas_ : nullptr; }
  const Schema* ResourceSchema(std::string_view type) const;
  const Schema* DataSourceSchema(std::string_view type) const;
  // Raw last GetProviderSchema response.
  const tfplugin6::GetProviderSchema::Response& raw_schema() const { return raw_schema_; }
  // Core caches schemas per command: the next process started by BeginPhase loads the schema
  // again (the Terraform CLI's "schema" process at the start of every command).
  void ForgetSchema() { schema_stale_ = true; }

  // ---- single RPCs with core's checks (a process must be running) ----
  TfDiagnostics ValidateProviderConfig(const tfv::Value& config);
  TfDiagnostics ConfigureProvider(const tfv::Value& config);
  TfDiagnostics ValidateResourceConfig(std::string_view type, std::string_view address,
                                       const tfv::Value& config);
  TfDiagnostics ValidateDataResourceConfig(std::string_view type, std::string_view address,
                                           const tfv::Value& config);
  // raw_state.json -> current object. Checks: conforms, wholly known ("Invalid resource state
  // upgrade").
  Outcome<tfv::Value> UpgradeResourceState(std::string_view type, std::string_view address,
                                           int64_t version, std::string_view json);
  // UpgradeResourceState + ReadResource. nullopt value = the object is gone.
  Outcome<std::optional<ResourceState>> Refresh(const ResourceState& stored);
  // ReadResource on an already decoded state.
  Outcome<std::optional<ResourceState>> ReadResource(const ResourceState& current);
  // PlanResourceChange for create/update/replace/no-op (prior may be null = create). Checks plan
  // validity, requires_replace paths, and re-plans the create half of a replacement.
  Outcome<PlannedChange> PlanResourceChange(std::string_view type, std::string_view name,
                                            const ResourceState* prior, const tfv::Value& config);
  // Destroy plan (with plan_destroy: asks the provider, which must plan null; else core's fake).
  Outcome<PlannedChange> PlanDestroy(const ResourceState& prior);
  // The apply-time re-plan ("final plan") compared with the saved plan ("Provider produced
  // inconsistent final plan"). Returns the change to apply.
  Outcome<PlannedChange> FinalPlan(const PlannedChange& saved, const ResourceState* prior,
                                   const tfv::Value& config);
  // ApplyResourceChange for one change (Create/Update/Delete; DeleteThenCreate applies both
  // halves). The value is the new state, nullopt after a delete. On failure with a non-null
  // new_state the value is that (tainted for creates), as core saves it.
  Outcome<std::optional<ResourceState>> ApplyResourceChange(const PlannedChange& change);
  // ImportResourceState + checks (exactly one object, type set, non-null, conforming).
  Outcome<ResourceState> ImportResourceState(std::string_view type, std::string_view name,
                                             std::string_view id);
  // ValidateDataResourceConfig + ReadDataSource + checks (non-null, wholly known, compatible with
  // PlannedDataResourceObject(config)).
  Outcome<tfv::Value> ReadDataSource(std::string_view type, std::string_view name,
                                     const tfv::Value& config);
  // StopProvider RPC; the value is the Error text (empty when the provider stopped cleanly).
  Outcome<std::string> StopProvider();

  // ---- encoding helpers (exposed for protocol tests) ----
  Outcome<tfplugin6::DynamicValue> Encode(const tfv::Value& value, const tfv::Type& type,
                                          std::string_view what);
  // Empty DynamicValue = null, as core reads it.
  engine::base::Result<tfv::Value> Decode(const tfplugin6::DynamicValue& dv, const tfv::Type& type);
  tfplugin6::ClientCapabilities ClientCapabilities() const;
  std::unique_ptr<grpc::ClientContext> NewContext() const;

 private:
  TfDiagnostics EnsureProcess();
  TfDiagnostics StopProcess();
  // core's bug sentence appended to provider-bug details.
  static std::string BugSentence();
  std::string ProviderQuoted() const { return "\"" + options_.provider_address + "\""; }
  Outcome<PlannedChange> PlanInternal(std::string_view type, std::string_view name,
                                      const ResourceState* prior, const tfv::Value& config,
                                      bool is_replace_create, const std::string& prior_private_override);
  Outcome<ResourceState> StateFromValue(std::string_view type, std::string_view name,
                                        const tfv::Value& value, std::string private_state);

  CoreOptions options_;
  std::unique_ptr<ProviderProcess> process_;
  std::string current_phase_;
  std::vector<std::string> launched_phases_;
  std::string finished_logs_;
  std::optional<ProviderSchemas> schemas_;
  bool schema_stale_ = true;
  tfplugin6::GetProviderSchema::Response raw_schema_;
};

}  // namespace atlas::tests::acceptance
