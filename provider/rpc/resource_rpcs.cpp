// Managed resource RPCs of ProviderService: ValidateResourceConfig, UpgradeResourceState,
// ReadResource, PlanResourceChange, ApplyResourceChange, ImportResourceState.

#include <utility>

#include "provider/rpc/convert.hpp"
#include "provider/rpc/guard.hpp"
#include "provider/rpc/provider_service.hpp"

namespace atlas::provider::rpc {

grpc::Status ProviderService::ValidateResourceConfig(
    grpc::ServerContext* /*context*/, const tfplugin6::ValidateResourceConfig::Request* request,
    tfplugin6::ValidateResourceConfig::Response* response) {
  return detail::Guarded(logger_, "ValidateResourceConfig", response, [&] {
    framework::Diagnostics diags;
    if (const auto* r = detail::LookupResource(server_, request->type_name(), diags)) {
      tfvalue::Value config =
          DecodeDynamicValue(request->config(), server_.TypeOf(*r), "config", diags);
      if (!diags.HasError()) {
        diags.Append(server_.ValidateResourceConfig(*r, config).diagnostics);
      }
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

grpc::Status ProviderService::UpgradeResourceState(
    grpc::ServerContext* /*context*/, const tfplugin6::UpgradeResourceState::Request* request,
    tfplugin6::UpgradeResourceState::Response* response) {
  return detail::Guarded(logger_, "UpgradeResourceState", response, [&] {
    framework::Diagnostics diags;
    const auto* r = detail::LookupResource(server_, request->type_name(), diags);
    if (r != nullptr) {
      const auto& raw = request->raw_state();
      if (raw.json().empty() && !raw.flatmap().empty()) {
        diags.AddError(
            "Unable to Upgrade Resource State",
            "The stored state of " + request->type_name() +
                " uses the legacy flatmap format (Terraform 0.11 and earlier), which this "
                "provider does not support. Re-import the resource or upgrade the state "
                "with a Terraform version that converts it to JSON.");
      } else {
        auto out = server_.UpgradeResourceState(*r, request->version(), raw.json());
        diags.Append(out.diagnostics);
        EncodeDynamicValue(out.upgraded_state, server_.TypeOf(*r), "upgraded_state",
                           response->mutable_upgraded_state(), diags);
      }
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

grpc::Status ProviderService::ReadResource(grpc::ServerContext* /*context*/,
                                           const tfplugin6::ReadResource::Request* request,
                                           tfplugin6::ReadResource::Response* response) {
  return detail::Guarded(logger_, "ReadResource", response, [&] {
    framework::Diagnostics diags;
    if (const auto* r = detail::LookupResource(server_, request->type_name(), diags)) {
      const auto& type = server_.TypeOf(*r);
      tfvalue::Value current =
          DecodeDynamicValue(request->current_state(), type, "current_state", diags);
      if (!diags.HasError()) {
        auto out = server_.ReadResource(*r, current, request->private_());
        diags.Append(out.diagnostics);
        EncodeDynamicValue(out.new_state, type, "new_state", response->mutable_new_state(), diags);
        response->set_private_(out.private_data);
      } else {
        // Echo what we got so an undecodable request never reads as "deleted".
        response->mutable_new_state()->CopyFrom(request->current_state());
        response->set_private_(request->private_());
      }
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

grpc::Status ProviderService::PlanResourceChange(
    grpc::ServerContext* /*context*/, const tfplugin6::PlanResourceChange::Request* request,
    tfplugin6::PlanResourceChange::Response* response) {
  return detail::Guarded(logger_, "PlanResourceChange", response, [&] {
    framework::Diagnostics diags;
    if (const auto* r = detail::LookupResource(server_, request->type_name(), diags)) {
      const auto& type = server_.TypeOf(*r);
      framework::PlanResourceChangeRequest in;
      in.config = DecodeDynamicValue(request->config(), type, "config", diags);
      in.prior_state = DecodeDynamicValue(request->prior_state(), type, "prior_state", diags);
      in.proposed_new_state =
          DecodeDynamicValue(request->proposed_new_state(), type, "proposed_new_state", diags);
      in.prior_private = request->prior_private();
      if (!diags.HasError()) {
        auto out = server_.PlanResourceChange(*r, in);
        diags.Append(out.diagnostics);
        EncodeDynamicValue(out.planned_state, type, "planned_state",
                           response->mutable_planned_state(), diags);
        for (const auto& path : out.requires_replace) {
          ToProto(path, response->add_requires_replace());
        }
        response->set_planned_private(out.planned_private);
      }
      response->set_legacy_type_system(false);
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

grpc::Status ProviderService::ApplyResourceChange(
    grpc::ServerContext* /*context*/, const tfplugin6::ApplyResourceChange::Request* request,
    tfplugin6::ApplyResourceChange::Response* response) {
  return detail::Guarded(logger_, "ApplyResourceChange", response, [&] {
    framework::Diagnostics diags;
    if (const auto* r = detail::LookupResource(server_, request->type_name(), diags)) {
      const auto& type = server_.TypeOf(*r);
      framework::ApplyResourceChangeRequest in;
      in.config = DecodeDynamicValue(request->config(), type, "config", diags);
      in.prior_state = DecodeDynamicValue(request->prior_state(), type, "prior_state", diags);
      in.planned_state = DecodeDynamicValue(request->planned_state(), type, "planned_state", diags);
      in.planned_private = request->planned_private();
      if (!diags.HasError()) {
        auto out = server_.ApplyResourceChange(*r, in);
        diags.Append(out.diagnostics);
        EncodeDynamicValue(out.new_state, type, "new_state", response->mutable_new_state(), diags);
        response->set_private_(out.private_data);
      } else {
        // Keep the prior object: a null new_state would drop it from state.
        response->mutable_new_state()->CopyFrom(request->prior_state());
      }
      response->set_legacy_type_system(false);
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

grpc::Status ProviderService::ImportResourceState(
    grpc::ServerContext* /*context*/, const tfplugin6::ImportResourceState::Request* request,
    tfplugin6::ImportResourceState::Response* response) {
  return detail::Guarded(logger_, "ImportResourceState", response, [&] {
    framework::Diagnostics diags;
    if (const auto* r = detail::LookupResource(server_, request->type_name(), diags)) {
      auto out = server_.ImportResourceState(*r, request->id());
      diags.Append(out.diagnostics);
      if (!diags.HasError()) {
        auto* imported = response->add_imported_resources();
        imported->set_type_name(request->type_name());
        EncodeDynamicValue(out.state, server_.TypeOf(*r), "state", imported->mutable_state(),
                           diags);
        imported->set_private_(out.private_data);
      }
    }
    AppendDiagnostics(diags, response->mutable_diagnostics());
  });
}

}  // namespace atlas::provider::rpc
