// Default implementations of the optional Resource / DataSource / Provider methods.

#include "provider/framework/data_source.hpp"
#include "provider/framework/provider.hpp"
#include "provider/framework/resource.hpp"

namespace atlas::provider::framework {

void Resource::ValidateConfig(const ValidateConfigRequest& /*req*/,
                              ValidateConfigResponse& /*resp*/) const {}

void Resource::ModifyPlan(const ModifyPlanRequest& /*req*/, ModifyPlanResponse& /*resp*/) const {}

void Resource::ImportState(const ImportStateRequest& /*req*/, ImportStateResponse& resp) const {
  resp.diagnostics.AddError("Resource Import Not Implemented",
                            "This resource does not support import. Please contact the provider "
                            "developer for additional information.");
}

void Resource::UpgradeState(const UpgradeStateRequest& req, UpgradeStateResponse& resp) const {
  resp.diagnostics.AddError(
      "Unable to Upgrade Resource State",
      "This resource was implemented without an UpgradeState() method, however Terraform was "
      "expecting an implementation for version " +
          std::to_string(req.version) +
          " upgrade.\n\nThis is always an issue with the Terraform "
          "Provider and should be reported to the provider developer.");
}

void DataSource::ValidateConfig(const ValidateConfigRequest& /*req*/,
                                ValidateConfigResponse& /*resp*/) const {}

void Provider::ValidateConfig(const ValidateConfigRequest& /*req*/,
                              ValidateConfigResponse& /*resp*/) const {}

}  // namespace atlas::provider::framework
