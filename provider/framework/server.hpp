#pragma once
// ProviderServer: the protocol-independent core of a provider process (terraform-plugin-framework
// internal/fwserver). Owns the Provider and its resource/data source registry, keeps the provider
// data from ConfigureProvider and the stop signal from StopProvider, and wraps every call to
// resource code with the generic work Terraform expects:
//  - validation: schema validators (known non-null values only) and deprecation warnings with
//    attribute paths, then the type's ValidateConfig;
//  - planning: start from proposed_new_state; destroy -> planned null; on create or any change,
//    computed attributes whose config is null become unknown (nested SINGLE/GROUP/LIST/MAP blocks
//    included; SET blocks are left alone); attribute plan modifiers; then Resource::ModifyPlan;
//  - apply: planned null -> Delete (answers null), prior null -> Create, else Update; results must
//    conform to the schema and be wholly known, else an error diagnostic with the path;
//  - UpgradeResourceState: same version -> the JSON decoded with the current schema (unknown
//    attributes ignored); older -> Resource::UpgradeState; newer -> error;
//  - Read/Import/ReadDataSource: consistency checks of what the type returns.
// Values are already decoded tfvalue::Values; rpc/ does protobuf and msgpack.
//
// Thread-safety: every method may be called concurrently (gRPC sync handlers). The provider data
// is guarded by an internal mutex; resource objects must follow their own const/thread-safe
// contract. Methods do not catch exceptions from resource code: callers (rpc/) do.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "provider/framework/context.hpp"
#include "provider/framework/data_source.hpp"
#include "provider/framework/diagnostics.hpp"
#include "provider/framework/provider.hpp"
#include "provider/framework/resource.hpp"
#include "provider/framework/schema.hpp"
#include "provider/tfvalue/type.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::framework {

struct PlanResourceChangeRequest {
  tfvalue::Value config;              // null for a destroy
  tfvalue::Value prior_state;         // null for a create
  tfvalue::Value proposed_new_state;  // null for a destroy
  std::string prior_private;
};
// Result of PlanResourceChange: the same fields Resource::ModifyPlan fills.
using PlanResourceChangeResponse = ModifyPlanResponse;

struct ApplyResourceChangeRequest {
  tfvalue::Value config;         // null for a delete
  tfvalue::Value prior_state;    // null for a create
  tfvalue::Value planned_state;  // null for a delete
  std::string planned_private;
};
struct ApplyResourceChangeResponse {
  tfvalue::Value new_state;
  std::string private_data;
  Diagnostics diagnostics;
};

class ProviderServer {
 public:
  // Collects the provider's resources and data sources. ATLAS_CHECK: type names unique and every
  // schema passes Schema::Validate() (an invalid schema makes Terraform refuse the provider).
  explicit ProviderServer(std::unique_ptr<Provider> provider);
  ProviderServer(const ProviderServer&) = delete;
  ProviderServer& operator=(const ProviderServer&) = delete;
  ProviderServer(ProviderServer&&) = delete;
  ProviderServer& operator=(ProviderServer&&) = delete;
  ~ProviderServer() = default;

  const Provider& provider() const { return *provider_; }
  const Schema& ProviderSchema() const { return provider_->GetSchema(); }
  const tfvalue::Type& ProviderType() const { return provider_type_; }
  // Registry lookups; nullptr when the type is not served.
  const Resource* FindResource(std::string_view type_name) const;
  const DataSource* FindDataSource(std::string_view type_name) const;
  // All types, sorted by name.
  std::vector<const Resource*> Resources() const;
  std::vector<const DataSource*> DataSources() const;
  // Implied object type of a registered type's schema (cached).
  const tfvalue::Type& TypeOf(const Resource& resource) const;
  const tfvalue::Type& TypeOf(const DataSource& data_source) const;

  // Context for a request now: current provider data + the stop token.
  RequestContext Context() const;
  // StopProvider: request cancellation of in-flight and future work.
  void Stop() { stop_.request_stop(); }
  bool StopRequested() const { return stop_.stop_requested(); }

  ValidateConfigResponse ValidateProviderConfig(const tfvalue::Value& config) const;
  // Runs Provider::Configure and, without errors, stores its provider data for later requests.
  ConfigureProviderResponse ConfigureProvider(const ConfigureProviderRequest& req);
  ValidateConfigResponse ValidateResourceConfig(const Resource& resource,
                                                const tfvalue::Value& config) const;
  ValidateConfigResponse ValidateDataSourceConfig(const DataSource& data_source,
                                                  const tfvalue::Value& config) const;
  UpgradeStateResponse UpgradeResourceState(const Resource& resource, int64_t version,
                                            std::string_view raw_state_json) const;
  ReadResponse ReadResource(const Resource& resource, const tfvalue::Value& current_state,
                            const std::string& private_data) const;
  PlanResourceChangeResponse PlanResourceChange(const Resource& resource,
                                                const PlanResourceChangeRequest& req) const;
  ApplyResourceChangeResponse ApplyResourceChange(const Resource& resource,
                                                  const ApplyResourceChangeRequest& req) const;
  ImportStateResponse ImportResourceState(const Resource& resource, const std::string& id) const;
  ReadDataSourceResponse ReadDataSource(const DataSource& data_source,
                                        const tfvalue::Value& config) const;

 private:
  template <class T>
  struct Entry {
    std::unique_ptr<T> object;
    tfvalue::Type type;
  };

  std::unique_ptr<Provider> provider_;
  tfvalue::Type provider_type_;
  std::map<std::string, Entry<Resource>, std::less<>> resources_;
  std::map<std::string, Entry<DataSource>, std::less<>> data_sources_;
  std::stop_source stop_;

  mutable std::mutex mu_;
  std::shared_ptr<const ProviderData> provider_data_;  // guarded by mu_
};

// ---- building blocks of the server, exposed for tests and for resources that need them ----

// Schema validators and deprecation warnings over a config object (no type-specific checks).
void ValidateAgainstSchema(const Block& block, const tfvalue::Value& config,
                           const AttributePath& path, Diagnostics& diags);
// Computed attributes whose config value is null become unknown in `plan` (recursively through
// SINGLE/GROUP/LIST/MAP blocks; SET blocks untouched).
tfvalue::Value MarkComputedNullsUnknown(const Block& block, const tfvalue::Value& config,
                                        const tfvalue::Value& plan);

}  // namespace atlas::provider::framework
