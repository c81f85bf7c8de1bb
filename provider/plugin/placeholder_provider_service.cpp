#include "provider/plugin/placeholder_provider_service.hpp"

namespace atlas::provider::plugin {

grpc::Status PlaceholderProviderService::GetProviderSchema(
    grpc::ServerContext* /*context*/, const tfplugin6::GetProviderSchema::Request* /*request*/,
    tfplugin6::GetProviderSchema::Response* response) {
  // Core requires a provider schema with a block, even an empty one.
  response->mutable_provider()->mutable_block();
  response->mutable_server_capabilities()->set_get_provider_schema_optional(true);
  return grpc::Status::OK;
}

grpc::Status PlaceholderProviderService::GetResourceIdentitySchemas(
    grpc::ServerContext* /*context*/,
    const tfplugin6::GetResourceIdentitySchemas::Request* /*request*/,
    tfplugin6::GetResourceIdentitySchemas::Response* /*response*/) {
  return grpc::Status::OK;
}

grpc::Status PlaceholderProviderService::StopProvider(
    grpc::ServerContext* /*context*/, const tfplugin6::StopProvider::Request* /*request*/,
    tfplugin6::StopProvider::Response* /*response*/) {
  return grpc::Status::OK;
}

}  // namespace atlas::provider::plugin
