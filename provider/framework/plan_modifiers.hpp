#pragma once
// Attribute plan modifiers: small reusable objects attached to schema attributes (as
// terraform-plugin-framework's planmodifier package). During PlanResourceChange the server, after
// its generic planning (computed attributes with a null config become unknown when the resource
// is created or changes), runs each attribute's modifiers in order, then the resource's
// ModifyPlan. Modifiers do not run for destroy plans.
// Implementations are immutable and thread-safe.

#include <memory>
#include <string>

#include "provider/framework/diagnostics.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::framework {

struct PlanModifierRequest {
  AttributePath path;
  tfvalue::Value config_value;  // the attribute in config (null when unset)
  tfvalue::Value state_value;   // the attribute in prior state (null on create)
  tfvalue::Value plan_value;    // the attribute in the plan so far
  tfvalue::Value config;        // whole resource objects
  tfvalue::Value state;         // null on create
  tfvalue::Value plan;
};

struct PlanModifierResponse {
  tfvalue::Value plan_value;      // starts as request.plan_value
  bool requires_replace = false;  // adds `path` to PlanResourceChange.requires_replace
  Diagnostics diagnostics;
};

class PlanModifier {
 public:
  virtual ~PlanModifier() = default;
  virtual std::string Description() const = 0;
  virtual void Modify(const PlanModifierRequest& req, PlanModifierResponse& resp) const = 0;
};

using PlanModifierPtr = std::shared_ptr<const PlanModifier>;

// Keeps the prior state value when the plan value is unknown (no-op on create, when the planned
// value is known, when the config value is unknown, or when the prior value is null).
PlanModifierPtr UseStateForUnknown();
// Replace the resource when the planned value differs from the prior value (unknown counts as a
// difference). Not on create or destroy.
PlanModifierPtr RequiresReplace();
// As RequiresReplace, but only when the attribute is set (non-null) in config.
PlanModifierPtr RequiresReplaceIfConfigured();

}  // namespace atlas::provider::framework
