#pragma once
// PlaceholderProviderService: a stand-in tfplugin6.Provider used until provider/rpc's
// ProviderService is wired into main. It answers GetProviderSchema with an empty (but valid)
// provider schema, StopProvider with success, GetResourceIdentitySchemas with an empty map, and
// every other RPC with UNIMPLEMENTED (the generated default). Enough for a process that handshakes,
// answers health checks and shuts down cleanly.
//
// Stateless; thread-safe.

#include "tfplugin6/tfplugin6.grpc.pb.h"

namespace atlas::provider::plugin {

class PlaceholderProviderService final : public tfplugin6::Provider::Service {
 public:
  grpc::Status GetProviderSchema(grpc::ServerContext* context,
                                 const tfplugin6::GetProviderSchema::Request* request,
                                 tfplugin6::GetProviderSchema::Response* response) override;
  grpc::Status GetResourceIdentitySchemas(
      grpc::ServerContext* context, const tfplugin6::GetResourceIdentitySchemas::Request* request,
      tfplugin6::GetResourceIdentitySchemas::Response* response) override;
  grpc::Status StopProvider(grpc::ServerContext* context,
                            const tfplugin6::StopProvider::Request* request,
                            tfplugin6::StopProvider::Response* response) override;
};

}  // namespace atlas::provider::plugin
