#pragma once
// A small, deliberately configurable tfplugin6 provider used to test the harness itself: it serves
// resource `fake_thing` and data source `fake_data`, persists objects as JSON files in the directory
// given by the provider attribute `store` (so state survives Terraform's process-per-phase), checks
// that core hands private state back, and can break one protocol rule at a time (FAKE_PROVIDER_BUGS,
// comma-separated; see kBugs in fake_provider.cpp) so each harness check can be seen failing.
// Thread-safe: RPCs may run concurrently (state behind a mutex, objects in files).

#include <mutex>
#include <set>
#include <string>

#include "tfplugin6/tfplugin6.grpc.pb.h"

namespace atlas::tests::acceptance::fake {

class FakeProviderService final : public tfplugin6::Provider::Service {
 public:
  explicit FakeProviderService(std::set<std::string> bugs) : bugs_(std::move(bugs)) {}

  grpc::Status GetProviderSchema(grpc::ServerContext* ctx, const tfplugin6::GetProviderSchema::Request* req,
                                 tfplugin6::GetProviderSchema::Response* resp) override;
  grpc::Status ValidateProviderConfig(grpc::ServerContext* ctx,
                                      const tfplugin6::ValidateProviderConfig::Request* req,
                                      tfplugin6::ValidateProviderConfig::Response* resp) override;
  grpc::Status ValidateResourceConfig(grpc::ServerContext* ctx,
                                      const tfplugin6::ValidateResourceConfig::Request* req,
                                      tfplugin6::ValidateResourceConfig::Response* resp) override;
  grpc::Status ValidateDataResourceConfig(grpc::ServerContext* ctx,
                                          const tfplugin6::ValidateDataResourceConfig::Request* req,
                                          tfplugin6::ValidateDataResourceConfig::Response* resp) override;
  grpc::Status UpgradeResourceState(grpc::ServerContext* ctx, const tfplugin6::UpgradeResourceState::Request* req,
                                    tfplugin6::UpgradeResourceState::Response* resp) override;
  grpc::Status ConfigureProvider(grpc::ServerContext* ctx, const tfplugin6::ConfigureProvider::Request* req,
                                 tfplugin6::ConfigureProvider::Response* resp) override;
  grpc::Status ReadResource(grpc::ServerContext* ctx, const tfplugin6::ReadResource::Request* req,
                            tfplugin6::ReadResource::Response* resp) override;
  grpc::Status PlanResourceChange(grpc::ServerContext* ctx, const tfplugin6::PlanResourceChange::Request* req,
                                  tfplugin6::PlanResourceChange::Response* resp) override;
  grpc::Status ApplyResourceChange(grpc::ServerContext* ctx, const tfplugin6::ApplyResourceChange::Request* req,
                                   tfplugin6::ApplyResourceChange::Response* resp) override;
  grpc::Status ImportResourceState(grpc::ServerContext* ctx, const tfplugin6::ImportResourceState::Request* req,
                                   tfplugin6::ImportResourceState::Response* resp) override;
  grpc::Status ReadDataSource(grpc::ServerContext* ctx, const tfplugin6::ReadDataSource::Request* req,
                              tfplugin6::ReadDataSource::Response* resp) override;
  grpc::Status StopProvider(grpc::ServerContext* ctx, const tfplugin6::StopProvider::Request* req,
                            tfplugin6::StopProvider::Response* resp) override;

 private:
  bool Bug(const std::string& name) const { return bugs_.count(name) != 0; }
  std::string Store() const;

  const std::set<std::string> bugs_;
  mutable std::mutex mu_;
  std::string store_;  // guarded by mu_
};

// The GetProviderSchema answer (also used by the harness tests to know the fake's types).
tfplugin6::GetProviderSchema::Response FakeSchema();

}  // namespace atlas::tests::acceptance::fake
