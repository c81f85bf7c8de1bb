#pragma once
// ProviderService: the tfplugin6.Provider gRPC service. Thin adapters: decode the protobuf request
// (DynamicValue msgpack -> tfvalue::Value with the type's schema), call the framework's
// ProviderServer, encode the response. Served RPCs: GetMetadata, GetProviderSchema (capabilities
// plan_destroy and get_provider_schema_optional), ValidateProviderConfig, ValidateResourceConfig,
// ValidateDataResourceConfig, UpgradeResourceState, ConfigureProvider, ReadResource,
// PlanResourceChange, ApplyResourceChange, ImportResourceState, ReadDataSource, StopProvider,
// GetResourceIdentitySchemas (empty), GetFunctions (empty). Every other RPC (functions, ephemeral,
// list, actions, state stores, MoveResourceState, GenerateResourceConfig, UpgradeResourceIdentity)
// keeps the generated UNIMPLEMENTED answer, which Terraform tolerates for types we don't declare.
//
// Handlers always return grpc::Status::OK: user-facing problems travel as diagnostics; any
// exception is caught and answered with an "Internal error" diagnostic (the response cleared).
//
// Thread-safety: all handlers may run concurrently (gRPC sync server). The service holds no
// mutable state of its own; ProviderServer guards the provider data and the stop signal.

#include <memory>

#include <grpcpp/grpcpp.h>

#include "provider/framework/provider.hpp"
#include "provider/framework/server.hpp"
#include "provider/log/logger.hpp"

#include "tfplugin6/tfplugin6.grpc.pb.h"

namespace atlas::provider::rpc {

class ProviderService final : public tfplugin6::Provider::Service {
 public:
  // Builds the framework server (ATLAS_CHECK on invalid schemas or duplicate type names) and the
  // GetProviderSchema answer once.
  explicit ProviderService(std::unique_ptr<framework::Provider> provider,
                           log::Logger logger = log::Logger::Null());

  // The framework server behind the service (for tests and for wiring, e.g. StopProvider checks).
  framework::ProviderServer& server() { return server_; }
  const framework::ProviderServer& server() const { return server_; }

  grpc::Status GetMetadata(grpc::ServerContext* context,
                           const tfplugin6::GetMetadataRpc::Request* request,
                           tfplugin6::GetMetadataRpc::Response* response) override;
  grpc::Status GetProviderSchema(grpc::ServerContext* context,
                                 const tfplugin6::GetProviderSchema::Request* request,
                                 tfplugin6::GetProviderSchema::Response* response) override;
  grpc::Status ValidateProviderConfig(
      grpc::ServerContext* context, const tfplugin6::ValidateProviderConfig::Request* request,
      tfplugin6::ValidateProviderConfig::Response* response) override;
  grpc::Status ValidateResourceConfig(
      grpc::ServerContext* context, const tfplugin6::ValidateResourceConfig::Request* request,
      tfplugin6::ValidateResourceConfig::Response* response) override;
  grpc::Status ValidateDataResourceConfig(
      grpc::ServerContext* context, const tfplugin6::ValidateDataResourceConfig::Request* request,
      tfplugin6::ValidateDataResourceConfig::Response* response) override;
  grpc::Status UpgradeResourceState(grpc::ServerContext* context,
                                    const tfplugin6::UpgradeResourceState::Request* request,
                                    tfplugin6::UpgradeResourceState::Response* response) override;
  grpc::Status GetResourceIdentitySchemas(
      grpc::ServerContext* context, const tfplugin6::GetResourceIdentitySchemas::Request* request,
      tfplugin6::GetResourceIdentitySchemas::Response* response) override;
  grpc::Status ConfigureProvider(grpc::ServerContext* context,
                                 const tfplugin6::ConfigureProvider::Request* request,
                                 tfplugin6::ConfigureProvider::Response* response) override;
  grpc::Status ReadResource(grpc::ServerContext* context,
                            const tfplugin6::ReadResource::Request* request,
                            tfplugin6::ReadResource::Response* response) override;
  grpc::Status PlanResourceChange(grpc::ServerContext* context,
                                  const tfplugin6::PlanResourceChange::Request* request,
                                  tfplugin6::PlanResourceChange::Response* response) override;
  grpc::Status ApplyResourceChange(grpc::ServerContext* context,
                                   const tfplugin6::ApplyResourceChange::Request* request,
                                   tfplugin6::ApplyResourceChange::Response* response) override;
  grpc::Status ImportResourceState(grpc::ServerContext* context,
                                   const tfplugin6::ImportResourceState::Request* request,
                                   tfplugin6::ImportResourceState::Response* response) override;
  grpc::Status ReadDataSource(grpc::ServerContext* context,
                              const tfplugin6::ReadDataSource::Request* request,
                              tfplugin6::ReadDataSource::Response* response) override;
  grpc::Status GetFunctions(grpc::ServerContext* context,
                            const tfplugin6::GetFunctions::Request* request,
                            tfplugin6::GetFunctions::Response* response) override;
  grpc::Status StopProvider(grpc::ServerContext* context,
                            const tfplugin6::StopProvider::Request* request,
                            tfplugin6::StopProvider::Response* response) override;

 private:
  framework::ProviderServer server_;
  log::Logger logger_;
  tfplugin6::GetProviderSchema::Response schema_response_;  // built once, immutable afterwards
};

}  // namespace atlas::provider::rpc
