// Data source RPCs of ProviderService: ValidateDataResourceConfig, ReadDataSource.

#include "provider/rpc/convert.hpp"
#include "provider/rpc/guard.hpp"
#include "provider/rpc/provider_service.hpp"

namespace atlas::provider::rpc {

grpc::Status ProviderService::ValidateDataResourceConfig(
    grpc::ServerContext* /*context*/, const tfplugin6::ValidateDataResourceConfig::Request* request,
    tfplugin6::ValidateDataResourceConfig::Response* response) {
  return detail::Guarded(logger_, "ValidateDataResourceConfig", response, [&] {
    framework::Diagnostics diags;
    if (const auto* d = detail::LookupDataSource(server_, request->type_name(), diags)) {
      tfvalue::Value config =
          DecodeDynamicValue(request->config(), server_.TypeOf(*d), "config", diags);
      if (!diags.HasError()) {
        diags.Append(server_.ValidateDataSourceConfig(*d, config).diagnostics);
      }
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

grpc::Status ProviderService::ReadDataSource(grpc::ServerContext* /*context*/,
                                             const tfplugin6::ReadDataSource::Request* request,
                                             tfplugin6::ReadDataSource::Response* response) {
  return detail::Guarded(logger_, "ReadDataSource", response, [&] {
    framework::Diagnostics diags;
    if (const auto* d = detail::LookupDataSource(server_, request->type_name(), diags)) {
      const auto& type = server_.TypeOf(*d);
      tfvalue::Value config = DecodeDynamicValue(request->config(), type, "config", diags);
      if (!diags.HasError()) {
        auto out = server_.ReadDataSource(*d, config);
        diags.Append(out.diagnostics);
        if (!diags.HasError()) {
          EncodeDynamicValue(out.state, type, "state", response->mutable_state(), diags);
        }
      }
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

}  // namespace atlas::provider::rpc
