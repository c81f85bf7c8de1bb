#include "provider/framework/plan_modifiers.hpp"

namespace atlas::provider::framework {

namespace {

class UseStateForUnknownModifier final : public PlanModifier {
 public:
  std::string Description() const override {
    return "Once set, the value of this attribute in state will not change.";
  }

  void Modify(const PlanModifierRequest& req, PlanModifierResponse& resp) const override {
    if (req.state.IsNull() || req.state_value.IsNull()) {
      return;  // create, or nothing to keep
    }
    if (req.plan_value.IsKnown()) {
      return;
    }
    if (req.config_value.IsUnknown()) {
      return;  // the user asked for something not known yet
    }
    resp.plan_value = req.state_value;
  }
};

class RequiresReplaceModifier final : public PlanModifier {
 public:
  explicit RequiresReplaceModifier(bool only_if_configured)
      : only_if_configured_(only_if_configured) {}

  std::string Description() const override {
    return only_if_configured_
               ? "If the value of this attribute is configured and changes, Terraform will "
                 "destroy and recreate the resource."
               : "If the value of this attribute changes, Terraform will destroy and recreate "
                 "the resource.";
  }

  void Modify(const PlanModifierRequest& req, PlanModifierResponse& resp) const override {
    if (req.state.IsNull() || req.plan.IsNull()) {
      return;  // create or destroy
    }
    if (only_if_configured_ && req.config_value.IsNull()) {
      return;
    }
    if (req.plan_value.IsWhollyKnown() && req.plan_value == req.state_value) {
      return;
    }
    resp.requires_replace = true;
  }

 private:
  bool only_if_configured_;
};

}  // namespace

PlanModifierPtr UseStateForUnknown() {
  return std::make_shared<UseStateForUnknownModifier>();
}

PlanModifierPtr RequiresReplace() {
  return std::make_shared<RequiresReplaceModifier>(false);
}

PlanModifierPtr RequiresReplaceIfConfigured() {
  return std::make_shared<RequiresReplaceModifier>(true);
}

}  // namespace atlas::provider::framework
