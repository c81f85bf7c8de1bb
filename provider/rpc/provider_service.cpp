// Provider-level RPCs: schema, metadata, provider configuration, capabilities, stop.
// Resource RPCs live in resource_rpcs.cpp, data source RPCs in data_source_rpcs.cpp.

#include "provider/rpc/provider_service.hpp"

#include <utility>

#include "provider/rpc/convert.hpp"
#include "provider/rpc/guard.hpp"

namespace atlas::provider::rpc {

namespace {

void SetCapabilities(tfplugin6::ServerCapabilities* caps) {
  caps->set_plan_destroy(true);
  caps->set_get_provider_schema_optional(true);
  caps->set_move_resource_state(false);
  caps->set_generate_resource_config(false);
}

}  // namespace

ProviderService::ProviderService(std::unique_ptr<framework::Provider> provider, log::Logger logger)
    : server_(std::move(provider)), logger_(std::move(logger)) {
  ToProto(server_.ProviderSchema(), schema_response_.mutable_provider());
  for (const auto* r : server_.Resources()) {
    ToProto(r->GetSchema(), &(*schema_response_.mutable_resource_schemas())[r->TypeName()]);
  }
  for (const auto* d : server_.DataSources()) {
    ToProto(d->GetSchema(), &(*schema_response_.mutable_data_source_schemas())[d->TypeName()]);
  }
  SetCapabilities(schema_response_.mutable_server_capabilities());
}

grpc::Status ProviderService::GetMetadata(grpc::ServerContext* /*context*/,
                                          const tfplugin6::GetMetadataRpc::Request* /*request*/,
                                          tfplugin6::GetMetadataRpc::Response* response) {
  return detail::Guarded(logger_, "GetMetadata", response, [&] {
    SetCapabilities(response->mutable_server_capabilities());
    for (const auto* r : server_.Resources()) {
      response->add_resources()->set_type_name(r->TypeName());
    }
    for (const auto* d : server_.DataSources()) {
      response->add_data_sources()->set_type_name(d->TypeName());
    }
  });
}

grpc::Status ProviderService::GetProviderSchema(
    grpc::ServerContext* /*context*/, const tfplugin6::GetProviderSchema::Request* /*request*/,
    tfplugin6::GetProviderSchema::Response* response) {
  return detail::Guarded(logger_, "GetProviderSchema", response,
                         [&] { response->CopyFrom(schema_response_); });
}

grpc::Status ProviderService::ValidateProviderConfig(
    grpc::ServerContext* /*context*/, const tfplugin6::ValidateProviderConfig::Request* request,
    tfplugin6::ValidateProviderConfig::Response* response) {
  return detail::Guarded(logger_, "ValidateProviderConfig", response, [&] {
    framework::Diagnostics diags;
    tfvalue::Value config =
        DecodeDynamicValue(request->config(), server_.ProviderType(), "config", diags);
    if (!diags.HasError()) {
      diags.Append(server_.ValidateProviderConfig(config).diagnostics);
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

grpc::Status ProviderService::ConfigureProvider(
    grpc::ServerContext* /*context*/, const tfplugin6::ConfigureProvider::Request* request,
    tfplugin6::ConfigureProvider::Response* response) {
  return detail::Guarded(logger_, "ConfigureProvider", response, [&] {
    framework::Diagnostics diags;
    framework::ConfigureProviderRequest req;
    req.terraform_version = request->terraform_version();
    req.config = DecodeDynamicValue(request->config(), server_.ProviderType(), "config", diags);
    if (!diags.HasError()) {
      diags.Append(server_.ConfigureProvider(req).diagnostics);
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

grpc::Status ProviderService::GetResourceIdentitySchemas(
    grpc::ServerContext* /*context*/,
    const tfplugin6::GetResourceIdentitySchemas::Request* /*request*/,
    tfplugin6::GetResourceIdentitySchemas::Response* response) {
  // No resource declares an identity: an empty map.
  return detail::Guarded(logger_, "GetResourceIdentitySchemas", response, [] {});
}

grpc::Status ProviderService::GetFunctions(grpc::ServerContext* /*context*/,
                                           const tfplugin6::GetFunctions::Request* /*request*/,
                                           tfplugin6::GetFunctions::Response* response) {
  // No provider-defined functions.
  return detail::Guarded(logger_, "GetFunctions", response, [] {});
}

grpc::Status ProviderService::StopProvider(grpc::ServerContext* /*context*/,
                                           const tfplugin6::StopProvider::Request* /*request*/,
                                           tfplugin6::StopProvider::Response* response) {
  logger_.Info("StopProvider: cancelling in-flight operations");
  server_.Stop();
  response->clear_error();
  return grpc::Status::OK;
}

}  // namespace atlas::provider::rpc
