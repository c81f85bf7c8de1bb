#include "provider/framework/server.hpp"

#include <algorithm>
#include <utility>

#include "provider/tfvalue/json_codec.hpp"

namespace atlas::provider::framework {

using tfvalue::NullVal;
using tfvalue::UnknownVal;
using tfvalue::Value;

namespace {

constexpr const char* kBugSentence =
    "This is always a bug in the provider and should be reported in the provider's own "
    "repository.";

// Attribute of a possibly null/unknown object: null when the object is null or lacks it.
Value AttrOrNull(const Value& object, const std::string& name, const tfvalue::Type& type) {
  if (!object.IsKnownNonNull() || !object.type().IsObject() || !object.type().HasAttribute(name)) {
    return object.IsUnknown() ? UnknownVal(type) : NullVal(type);
  }
  return object.GetAttr(name);
}

bool BlockPresent(const NestedBlock& nb, const Value& v) {
  if (v.IsUnknown()) {
    return true;
  }
  if (v.IsNull()) {
    return false;
  }
  switch (nb.nesting) {
    case NestingMode::kSingle:
      return true;
    case NestingMode::kGroup:
      return false;  // always present; never reported as "used"
    case NestingMode::kList:
    case NestingMode::kSet:
    case NestingMode::kMap:
      return v.Length() > 0;
  }
  return false;
}

// Elements of a LIST/SET/MAP block value with the path of each (a set's elements share the set's
// path).
std::vector<std::pair<AttributePath, Value>> BlockElements(const NestedBlock& nb, const Value& v,
                                                           const AttributePath& path) {
  std::vector<std::pair<AttributePath, Value>> out;
  if (!v.IsKnownNonNull()) {
    return out;
  }
  const auto& t = v.type();
  if (t.IsList() || t.IsTuple()) {
    const auto& elems = v.Elements();
    for (size_t i = 0; i < elems.size(); ++i) {
      out.emplace_back(path.Index(static_cast<int64_t>(i)), elems[i]);
    }
  } else if (t.IsSet()) {
    for (const auto& e : v.Elements()) {
      out.emplace_back(path, e);
    }
  } else if (t.IsMap()) {
    for (const auto& [k, e] : v.MapElements()) {
      out.emplace_back(path.Key(k), e);
    }
  } else if (t.IsObject() && nb.nesting == NestingMode::kMap) {
    for (const auto& [k, e] : v.Attributes()) {
      out.emplace_back(path.Key(k), e);
    }
  }
  return out;
}

// Checks a value returned by resource code: conforms to the schema type and is wholly known.
// Returns false (after adding an error) when it doesn't.
bool CheckResult(const Value& v, const tfvalue::Type& type, const std::string& type_name,
                 const std::string& summary, const std::string& when, Diagnostics& diags) {
  if (!v.ConformsTo(type)) {
    diags.AddError(summary, "The provider returned a " + type_name + " value " + when +
                                " that does not conform to the resource schema. " + kBugSentence);
    return false;
  }
  if (auto unknown = v.FirstUnknownPath()) {
    diags.AddError(summary, "The provider still indicated an unknown value for " + type_name + "." +
                                unknown->ToString() + " " + when +
                                ". All values must be known at this point. " + kBugSentence);
    return false;
  }
  return true;
}

struct ModifierWalk {
  const Value& root_config;
  const Value& root_state;
  const Value& root_plan;
  std::vector<AttributePath>& requires_replace;
  Diagnostics& diags;

  Value Run(const Block& block, const AttributePath& path, const Value& config, const Value& state,
            const Value& plan) {
    if (!plan.IsKnownNonNull() || !plan.type().IsObject()) {
      return plan;
    }
    Value out = plan;
    for (const auto& a : block.attributes) {
      if (a.plan_modifiers.empty() || !out.type().HasAttribute(a.name)) {
        continue;
      }
      PlanModifierRequest req;
      req.path = path.Attribute(a.name);
      req.config_value = AttrOrNull(config, a.name, a.type);
      req.state_value = state.IsUnknown() ? NullVal(a.type) : AttrOrNull(state, a.name, a.type);
      req.plan_value = out.GetAttr(a.name);
      req.config = root_config;
      req.state = root_state;
      req.plan = root_plan;
      for (const auto& m : a.plan_modifiers) {
        PlanModifierResponse resp;
        resp.plan_value = req.plan_value;
        m->Modify(req, resp);
        diags.Append(resp.diagnostics);
        if (resp.requires_replace) {
          requires_replace.push_back(req.path);
        }
        req.plan_value = resp.plan_value;
      }
      out = out.SetAttr(a.name, req.plan_value);
    }
    for (const auto& nb : block.block_types) {
      if (!out.type().HasAttribute(nb.type_name)) {
        continue;
      }
      AttributePath bp = path.Attribute(nb.type_name);
      Value pv = out.GetAttr(nb.type_name);
      Value cv = AttrOrNull(config, nb.type_name, pv.type());
      Value sv =
          state.IsUnknown() ? NullVal(pv.type()) : AttrOrNull(state, nb.type_name, pv.type());
      switch (nb.nesting) {
        case NestingMode::kSingle:
        case NestingMode::kGroup:
          out = out.SetAttr(nb.type_name, Run(nb.block, bp, cv, sv, pv));
          break;
        case NestingMode::kList:
          if (pv.IsKnownNonNull() && pv.type().IsList()) {
            std::vector<Value> elems = pv.Elements();
            for (size_t i = 0; i < elems.size(); ++i) {
              auto idx = static_cast<int64_t>(i);
              Value ce =
                  cv.IsKnownNonNull() && i < cv.Length() ? cv.Index(idx) : NullVal(elems[i].type());
              Value se =
                  sv.IsKnownNonNull() && i < sv.Length() ? sv.Index(idx) : NullVal(elems[i].type());
              elems[i] = Run(nb.block, bp.Index(idx), ce, se, elems[i]);
            }
            out = out.SetAttr(nb.type_name,
                              tfvalue::ListVal(pv.type().ElementType(), std::move(elems)));
          }
          break;
        case NestingMode::kMap:
          if (pv.IsKnownNonNull() && pv.type().IsMap()) {
            std::map<std::string, Value> elems = pv.MapElements();
            for (auto& [k, e] : elems) {
              Value ce =
                  cv.IsKnownNonNull() ? cv.Key(k).value_or(NullVal(e.type())) : NullVal(e.type());
              Value se =
                  sv.IsKnownNonNull() ? sv.Key(k).value_or(NullVal(e.type())) : NullVal(e.type());
              e = Run(nb.block, bp.Key(k), ce, se, e);
            }
            out = out.SetAttr(nb.type_name,
                              tfvalue::MapVal(pv.type().ElementType(), std::move(elems)));
          }
          break;
        case NestingMode::kSet:
          break;  // set elements cannot be matched between config, state and plan here
      }
    }
    return out;
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------------

void ValidateAgainstSchema(const Block& block, const Value& config, const AttributePath& path,
                           Diagnostics& diags) {
  if (!config.IsKnownNonNull() || !config.type().IsObject()) {
    return;
  }
  for (const auto& a : block.attributes) {
    if (!config.type().HasAttribute(a.name)) {
      continue;
    }
    Value v = config.GetAttr(a.name);
    AttributePath p = path.Attribute(a.name);
    if (!v.IsNull() && a.deprecated()) {
      diags.AddAttributeWarning(p, "Attribute Deprecated", a.deprecation_message);
    }
    if (!v.IsKnownNonNull()) {
      continue;
    }
    for (const auto& validator : a.validators) {
      validator->Validate(p, v, diags);
    }
  }
  for (const auto& nb : block.block_types) {
    if (!config.type().HasAttribute(nb.type_name)) {
      continue;
    }
    Value v = config.GetAttr(nb.type_name);
    AttributePath p = path.Attribute(nb.type_name);
    if (nb.block.deprecated() && BlockPresent(nb, v)) {
      diags.AddAttributeWarning(p, "Block Deprecated", nb.block.deprecation_message);
    }
    switch (nb.nesting) {
      case NestingMode::kSingle:
      case NestingMode::kGroup:
        ValidateAgainstSchema(nb.block, v, p, diags);
        break;
      case NestingMode::kList:
      case NestingMode::kSet:
      case NestingMode::kMap:
        for (const auto& [ep, e] : BlockElements(nb, v, p)) {
          ValidateAgainstSchema(nb.block, e, ep, diags);
        }
        break;
    }
  }
}

Value MarkComputedNullsUnknown(const Block& block, const Value& config, const Value& plan) {
  if (!plan.IsKnownNonNull() || !plan.type().IsObject()) {
    return plan;
  }
  Value out = plan;
  for (const auto& a : block.attributes) {
    if (!a.computed || !out.type().HasAttribute(a.name)) {
      continue;
    }
    Value cv = AttrOrNull(config, a.name, a.type);
    if (!cv.IsNull()) {
      continue;
    }
    Value pv = out.GetAttr(a.name);
    if (pv.IsUnknown()) {
      continue;
    }
    out = out.SetAttr(a.name, UnknownVal(pv.type()));
  }
  for (const auto& nb : block.block_types) {
    if (!out.type().HasAttribute(nb.type_name)) {
      continue;
    }
    Value pv = out.GetAttr(nb.type_name);
    Value cv = AttrOrNull(config, nb.type_name, pv.type());
    switch (nb.nesting) {
      case NestingMode::kSingle:
      case NestingMode::kGroup:
        out = out.SetAttr(nb.type_name, MarkComputedNullsUnknown(nb.block, cv, pv));
        break;
      case NestingMode::kList:
        if (pv.IsKnownNonNull() && pv.type().IsList()) {
          std::vector<Value> elems = pv.Elements();
          for (size_t i = 0; i < elems.size(); ++i) {
            Value ce = cv.IsKnownNonNull() && i < cv.Length() ? cv.Index(static_cast<int64_t>(i))
                                                              : NullVal(elems[i].type());
            elems[i] = MarkComputedNullsUnknown(nb.block, ce, elems[i]);
          }
          out = out.SetAttr(nb.type_name,
                            tfvalue::ListVal(pv.type().ElementType(), std::move(elems)));
        }
        break;
      case NestingMode::kMap:
        if (pv.IsKnownNonNull() && pv.type().IsMap()) {
          std::map<std::string, Value> elems = pv.MapElements();
          for (auto& [k, e] : elems) {
            Value ce =
                cv.IsKnownNonNull() ? cv.Key(k).value_or(NullVal(e.type())) : NullVal(e.type());
            e = MarkComputedNullsUnknown(nb.block, ce, e);
          }
          out =
              out.SetAttr(nb.type_name, tfvalue::MapVal(pv.type().ElementType(), std::move(elems)));
        }
        break;
      case NestingMode::kSet:
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

ProviderServer::ProviderServer(std::unique_ptr<Provider> provider)
    : provider_(std::move(provider)) {
  ATLAS_CHECK(provider_ != nullptr, "ProviderServer needs a provider");
  auto check_schema = [](const std::string& what, const Schema& schema) {
    Diagnostics problems = schema.Validate();
    ATLAS_CHECK(!problems.HasError(), what + " schema is invalid: " + problems.ToString());
  };
  check_schema("provider", provider_->GetSchema());
  provider_type_ = provider_->GetSchema().ImpliedType();
  for (auto& r : provider_->Resources()) {
    ATLAS_CHECK(r != nullptr, "null resource");
    std::string name = r->TypeName();
    check_schema("resource " + name, r->GetSchema());
    tfvalue::Type t = r->GetSchema().ImpliedType();
    bool inserted = resources_.emplace(name, Entry<Resource>{std::move(r), std::move(t)}).second;
    ATLAS_CHECK(inserted, "duplicate resource type " + name);
  }
  for (auto& d : provider_->DataSources()) {
    ATLAS_CHECK(d != nullptr, "null data source");
    std::string name = d->TypeName();
    check_schema("data source " + name, d->GetSchema());
    tfvalue::Type t = d->GetSchema().ImpliedType();
    bool inserted =
        data_sources_.emplace(name, Entry<DataSource>{std::move(d), std::move(t)}).second;
    ATLAS_CHECK(inserted, "duplicate data source type " + name);
  }
}

const Resource* ProviderServer::FindResource(std::string_view type_name) const {
  auto it = resources_.find(type_name);
  return it == resources_.end() ? nullptr : it->second.object.get();
}

const DataSource* ProviderServer::FindDataSource(std::string_view type_name) const {
  auto it = data_sources_.find(type_name);
  return it == data_sources_.end() ? nullptr : it->second.object.get();
}

std::vector<const Resource*> ProviderServer::Resources() const {
  std::vector<const Resource*> out;
  for (const auto& [name, e] : resources_) {
    out.push_back(e.object.get());
  }
  return out;
}

std::vector<const DataSource*> ProviderServer::DataSources() const {
  std::vector<const DataSource*> out;
  for (const auto& [name, e] : data_sources_) {
    out.push_back(e.object.get());
  }
  return out;
}

const tfvalue::Type& ProviderServer::TypeOf(const Resource& resource) const {
  auto it = resources_.find(resource.TypeName());
  ATLAS_CHECK(it != resources_.end() && it->second.object.get() == &resource,
              "unregistered resource");
  return it->second.type;
}

const tfvalue::Type& ProviderServer::TypeOf(const DataSource& data_source) const {
  auto it = data_sources_.find(data_source.TypeName());
  ATLAS_CHECK(it != data_sources_.end() && it->second.object.get() == &data_source,
              "unregistered data source");
  return it->second.type;
}

RequestContext ProviderServer::Context() const {
  RequestContext ctx;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ctx.provider_data = provider_data_;
  }
  ctx.stop = stop_.get_token();
  return ctx;
}

ValidateConfigResponse ProviderServer::ValidateProviderConfig(const Value& config) const {
  ValidateConfigResponse resp;
  ValidateAgainstSchema(ProviderSchema().block, config, AttributePath(), resp.diagnostics);
  ValidateConfigResponse extra;
  provider_->ValidateConfig(ValidateConfigRequest{config}, extra);
  resp.diagnostics.Append(extra.diagnostics);
  return resp;
}

ConfigureProviderResponse ProviderServer::ConfigureProvider(const ConfigureProviderRequest& req) {
  ConfigureProviderResponse resp;
  provider_->Configure(req, resp);
  if (!resp.diagnostics.HasError()) {
    std::lock_guard<std::mutex> lock(mu_);
    provider_data_ = resp.provider_data;
  }
  return resp;
}

ValidateConfigResponse ProviderServer::ValidateResourceConfig(const Resource& resource,
                                                              const Value& config) const {
  ValidateConfigResponse resp;
  ValidateAgainstSchema(resource.GetSchema().block, config, AttributePath(), resp.diagnostics);
  ValidateConfigResponse extra;
  resource.ValidateConfig(ValidateConfigRequest{config}, extra);
  resp.diagnostics.Append(extra.diagnostics);
  return resp;
}

ValidateConfigResponse ProviderServer::ValidateDataSourceConfig(const DataSource& data_source,
                                                                const Value& config) const {
  ValidateConfigResponse resp;
  ValidateAgainstSchema(data_source.GetSchema().block, config, AttributePath(), resp.diagnostics);
  ValidateConfigResponse extra;
  data_source.ValidateConfig(ValidateConfigRequest{config}, extra);
  resp.diagnostics.Append(extra.diagnostics);
  return resp;
}

UpgradeStateResponse ProviderServer::UpgradeResourceState(const Resource& resource, int64_t version,
                                                          std::string_view raw_state_json) const {
  UpgradeStateResponse resp;
  const tfvalue::Type& type = TypeOf(resource);
  const std::string name = resource.TypeName();
  int64_t current = resource.GetSchema().version;
  resp.upgraded_state = NullVal(type);
  if (version > current) {
    resp.diagnostics.AddError("Unable to Upgrade Resource State",
                              "The state of " + name + " was written with schema version " +
                                  std::to_string(version) +
                                  ", newer than this provider's version " +
                                  std::to_string(current) + ". Use a newer provider release.");
    return resp;
  }
  if (raw_state_json.empty()) {
    return resp;
  }
  if (version == current) {
    auto decoded = tfvalue::DecodeJson(raw_state_json, type);
    if (!decoded.ok()) {
      resp.diagnostics.AddError("Unable to Read Previously Saved State for UpgradeResourceState",
                                "There was an error reading the saved resource state using the "
                                "current resource schema.\n\n" +
                                    decoded.ErrorString());
      return resp;
    }
    resp.upgraded_state = std::move(decoded).value();
  } else {
    UpgradeStateRequest req;
    req.version = version;
    req.raw_state_json = std::string(raw_state_json);
    req.context = Context();
    resource.UpgradeState(req, resp);
    if (resp.diagnostics.HasError()) {
      return resp;
    }
  }
  if (!CheckResult(resp.upgraded_state, type, name, "Invalid resource state upgrade",
                   "after the state upgrade", resp.diagnostics)) {
    resp.upgraded_state = NullVal(type);
  }
  return resp;
}

ReadResponse ProviderServer::ReadResource(const Resource& resource, const Value& current_state,
                                          const std::string& private_data) const {
  ReadResponse resp;
  resp.new_state = current_state;
  resp.private_data = private_data;
  if (current_state.IsNull()) {
    return resp;
  }
  ReadRequest req{current_state, private_data, Context()};
  resource.Read(req, resp);
  if (!resp.new_state.IsNull() &&
      !CheckResult(resp.new_state, TypeOf(resource), resource.TypeName(),
                   "Provider produced invalid object", "during refresh", resp.diagnostics)) {
    resp.new_state = current_state;
  }
  return resp;
}

PlanResourceChangeResponse ProviderServer::PlanResourceChange(
    const Resource& resource, const PlanResourceChangeRequest& req) const {
  PlanResourceChangeResponse resp;
  const tfvalue::Type& type = TypeOf(resource);
  const Schema& schema = resource.GetSchema();
  resp.planned_private = req.prior_private;
  ModifyPlanRequest mreq{req.config, req.prior_state, req.proposed_new_state, req.prior_private,
                         Context()};

  if (req.proposed_new_state.IsNull()) {
    resp.planned_state = NullVal(type);
    resource.ModifyPlan(mreq, resp);
    if (!resp.planned_state.IsNull()) {
      resp.diagnostics.AddError("Provider produced invalid plan",
                                "The provider planned a non-null value for the destroy of " +
                                    resource.TypeName() + ". " + kBugSentence);
      resp.planned_state = NullVal(type);
    }
    return resp;
  }

  Value planned = req.proposed_new_state;
  if (req.prior_state.IsNull() || !(req.proposed_new_state == req.prior_state)) {
    planned = MarkComputedNullsUnknown(schema.block, req.config, planned);
  }
  ModifierWalk walk{req.config, req.prior_state, planned, resp.requires_replace, resp.diagnostics};
  planned = walk.Run(schema.block, AttributePath(), req.config, req.prior_state, planned);
  resp.planned_state = planned;
  if (resp.diagnostics.HasError()) {
    return resp;
  }

  resource.ModifyPlan(mreq, resp);

  if (resp.planned_state.IsNull()) {
    resp.diagnostics.AddError("Provider produced invalid plan",
                              "The provider planned a null value for " + resource.TypeName() +
                                  " while the configuration wants it to exist. " + kBugSentence);
    resp.planned_state = planned;
  } else if (!resp.planned_state.ConformsTo(type)) {
    resp.diagnostics.AddError("Provider produced invalid plan",
                              "The planned value for " + resource.TypeName() +
                                  " does not conform to the resource schema. " + kBugSentence);
    resp.planned_state = planned;
  }
  std::sort(resp.requires_replace.begin(), resp.requires_replace.end());
  resp.requires_replace.erase(
      std::unique(resp.requires_replace.begin(), resp.requires_replace.end()),
      resp.requires_replace.end());
  return resp;
}

ApplyResourceChangeResponse ProviderServer::ApplyResourceChange(
    const Resource& resource, const ApplyResourceChangeRequest& req) const {
  ApplyResourceChangeResponse resp;
  const tfvalue::Type& type = TypeOf(resource);
  const std::string name = resource.TypeName();

  if (req.planned_state.IsNull()) {
    resp.new_state = NullVal(type);
    if (req.prior_state.IsNull()) {
      return resp;
    }
    DeleteRequest dreq{req.prior_state, req.planned_private, Context()};
    DeleteResponse dresp;
    resource.Delete(dreq, dresp);
    resp.diagnostics = std::move(dresp.diagnostics);
    if (resp.diagnostics.HasError()) {
      resp.new_state = req.prior_state;  // still exists as far as we know
      resp.private_data = req.planned_private;
    }
    return resp;
  }

  if (req.prior_state.IsNull()) {
    CreateRequest creq{req.config, req.planned_state, req.planned_private, Context()};
    CreateResponse cresp;
    cresp.new_state = NullVal(type);
    cresp.private_data = req.planned_private;
    resource.Create(creq, cresp);
    resp.diagnostics = std::move(cresp.diagnostics);
    resp.new_state = std::move(cresp.new_state);
    resp.private_data = std::move(cresp.private_data);
    if (resp.new_state.IsNull()) {
      if (!resp.diagnostics.HasError()) {
        resp.diagnostics.AddError(
            "Missing Resource State After Create",
            "The Terraform Provider unexpectedly returned no resource state after "
            "having no errors in the resource creation. " +
                std::string(kBugSentence));
      }
      return resp;
    }
    if (!CheckResult(resp.new_state, type, name,
                     "Provider returned invalid result object after apply", "after apply",
                     resp.diagnostics)) {
      resp.new_state = NullVal(type);
    }
    return resp;
  }

  UpdateRequest ureq{req.config, req.planned_state, req.prior_state, req.planned_private,
                     Context()};
  UpdateResponse uresp;
  uresp.new_state = req.planned_state;
  uresp.private_data = req.planned_private;
  resource.Update(ureq, uresp);
  resp.diagnostics = std::move(uresp.diagnostics);
  resp.new_state = std::move(uresp.new_state);
  resp.private_data = std::move(uresp.private_data);
  if (resp.new_state.IsNull()) {
    resp.diagnostics.AddError(
        "Missing Resource State After Update",
        "The Terraform Provider unexpectedly returned no resource state after "
        "the update. " +
            std::string(kBugSentence));
    resp.new_state = req.prior_state;
    return resp;
  }
  if (!CheckResult(resp.new_state, type, name,
                   "Provider returned invalid result object after apply", "after apply",
                   resp.diagnostics)) {
    resp.new_state = req.prior_state;
  }
  return resp;
}

ImportStateResponse ProviderServer::ImportResourceState(const Resource& resource,
                                                        const std::string& id) const {
  ImportStateResponse resp;
  const Value empty = resource.GetSchema().EmptyValue();
  resp.state = empty;
  ImportStateRequest req{id, Context()};
  resource.ImportState(req, resp);
  if (resp.diagnostics.HasError()) {
    return resp;
  }
  if (resp.state.IsNull() || resp.state == empty) {
    resp.diagnostics.AddError("Missing Resource Import State",
                              "The resource's ImportState method returned no state for id \"" + id +
                                  "\". " + kBugSentence);
    return resp;
  }
  if (!CheckResult(resp.state, TypeOf(resource), resource.TypeName(),
                   "Provider produced invalid object", "after import", resp.diagnostics)) {
    resp.state = NullVal(TypeOf(resource));
  }
  return resp;
}

ReadDataSourceResponse ProviderServer::ReadDataSource(const DataSource& data_source,
                                                      const Value& config) const {
  ReadDataSourceResponse resp;
  resp.state = config;
  ReadDataSourceRequest req{config, Context()};
  data_source.Read(req, resp);
  if (resp.diagnostics.HasError()) {
    return resp;
  }
  const tfvalue::Type& type = TypeOf(data_source);
  if (resp.state.IsNull()) {
    resp.diagnostics.AddError(
        "Provider produced null object",
        "The data source " + data_source.TypeName() + " returned a null object. " + kBugSentence);
    return resp;
  }
  if (!CheckResult(resp.state, type, data_source.TypeName(), "Provider produced invalid object",
                   "after read", resp.diagnostics)) {
    resp.state = NullVal(type);
  }
  return resp;
}

}  // namespace atlas::provider::framework
