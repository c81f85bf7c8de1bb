#include "tests/acceptance/terraform.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "tests/acceptance/objchange.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using tfv::Path;
using tfv::Value;

enum class RefMode {
  kAllUnknown,  // validate walk: every reference is unknown
  kPlan,        // plan walk: planned values; deferred.* unknown
  kApply,       // apply walk: applied values; deferred.* known
};

Resolver MakeResolver(const std::map<std::string, Value>& values, const DeferredValues& deferred,
                      RefMode mode) {
  return [&values, &deferred, mode](const Reference& ref) -> engine::base::Result<Value> {
    if (ref.address == "deferred" && mode == RefMode::kAllUnknown) {
      return tfv::DynamicVal();
    }
    if (ref.address == "deferred") {
      const auto& steps = ref.path.steps();
      auto it = deferred.find(steps.empty() ? std::string() : steps[0].name);
      if (it == deferred.end()) {
        return Error("Reference to undeclared deferred value",
                     fmt::format("\"{}\": the test step declares no deferred value of that name.", ref.text));
      }
      if (mode != RefMode::kApply) {
        return tfv::DynamicVal();
      }
      Value v = InferValue(it->second);
      auto sub = ApplyPath(v, Path(std::vector<tfv::PathStep>(steps.begin() + 1, steps.end())));
      if (!sub) {
        return Error("Unsupported attribute", fmt::format("\"{}\" does not exist in the deferred value.", ref.text));
      }
      return *sub;
    }
    if (mode == RefMode::kAllUnknown) {
      return tfv::DynamicVal();
    }
    auto it = values.find(ref.address);
    if (it == values.end()) {
      return Error("Reference to undeclared resource",
                   fmt::format("\"{}\" refers to {}, which has no value yet.", ref.text, ref.address));
    }
    auto v = ApplyPath(it->second, ref.path);
    if (!v) {
      return Error("Unsupported attribute",
                   fmt::format("\"{}\": {} has no attribute at {} (or it is null).", ref.text, ref.address,
                               FormatCtyPath(ref.path)));
    }
    return *v;
  };
}

TfDiagnostics ConfigError(const engine::base::Diagnostics& d, std::string_view address) {
  return FromEngine(d, address);
}

std::string DiffAttributes(const Value& before, const Value& after) {
  std::string out;
  if (!after.type().IsObject() || !before.type().IsObject()) {
    return out;
  }
  for (const auto& [name, t] : after.type().AttributeTypes()) {
    Value a = after.GetAttr(name);
    Value b = before.IsNull() ? tfv::NullVal(t) : before.GetAttr(name);
    if (!a.RawEquals(b)) {
      out += fmt::format("\n  ~ {}: {} -> {}", name, GoString(b), GoString(a));
    }
  }
  return out;
}

}  // namespace

bool PlanResult::Empty() const {
  if (!deferred_reads.empty()) {
    return false;
  }
  return std::all_of(changes.begin(), changes.end(),
                     [](const PlannedChange& c) { return c.action == Action::kNoOp; });
}

const PlannedChange* PlanResult::Change(std::string_view address) const {
  for (const auto& c : changes) {
    if (c.Address() == address) {
      return &c;
    }
  }
  return nullptr;
}

std::string PlanResult::Render() const {
  std::string out;
  for (const auto& c : changes) {
    if (c.action == Action::kNoOp) {
      continue;
    }
    out += fmt::format("{}{}: {}", out.empty() ? "" : "\n", c.Address(), ActionName(c.action));
    const Value& after = c.action == Action::kDeleteThenCreate && c.create ? c.create->planned : c.planned;
    out += DiffAttributes(c.prior, after);
    for (const auto& p : c.replace_paths) {
      out += fmt::format("\n  # forces replacement: {}", FormatCtyPath(p));
    }
  }
  for (const auto& d : deferred_reads) {
    out += fmt::format("{}{}: Read (during apply)", out.empty() ? "" : "\n", d);
  }
  return out.empty() ? "No changes." : out;
}

Terraform::Terraform(CoreOptions options) : core_(std::move(options)) {}

TfDiagnostics Terraform::SchemaProcess() {
  core_.ForgetSchema();
  TfDiagnostics diags = core_.BeginPhase("schema");
  diags.Append(core_.EndPhase());
  return diags;
}

TfDiagnostics Terraform::ConfigureProvider(const ParsedConfig& parsed, bool configure) {
  TfDiagnostics diags;
  const ProviderSchemas* schemas = core_.schemas();
  static const DeferredValues kNoDeferred;
  static const std::map<std::string, Value> kNoValues;
  auto config = DecodeBody(schemas->provider.block, parsed.provider,
                           MakeResolver(kNoValues, kNoDeferred, RefMode::kPlan));
  if (!config) {
    return ConfigError(config.diags(), "provider");
  }
  diags.Append(core_.ValidateProviderConfig(*config));
  if (diags.HasError() || !configure) {
    return diags;
  }
  diags.Append(core_.ConfigureProvider(*config));
  return diags;
}

TfDiagnostics Terraform::Validate(const nlohmann::json& config, const DeferredValues& deferred) {
  TfDiagnostics diags = ValidateWalk(config, deferred);
  diags.Append(core_.EndCommand());
  return diags;
}

TfDiagnostics Terraform::ValidateWalk(const nlohmann::json& config, const DeferredValues& deferred) {
  TfDiagnostics diags;
  auto parsed = ParseConfig(config, core_.options().LocalName());
  if (!parsed) {
    return ConfigError(parsed.diags(), "");
  }
  diags.Append(SchemaProcess());
  if (diags.HasError()) {
    diags.Append(core_.EndCommand());
    return diags;
  }
  diags.Append(core_.BeginPhase("validate"));
  if (!diags.HasError()) {
    if (parsed->provider_present && !parsed->provider.empty()) {
      diags.Append(ConfigureProvider(*parsed, false));
    }
    const std::map<std::string, Value> none;
    for (const auto& b : parsed->blocks) {
      if (diags.HasError()) {
        break;
      }
      const Schema* schema = b.kind == BlockKind::kData ? core_.DataSourceSchema(b.type)
                                                        : core_.ResourceSchema(b.type);
      if (schema == nullptr) {
        diags.AddError(b.kind == BlockKind::kData ? "Invalid data source" : "Invalid resource type",
                       fmt::format("The provider {} does not support {} \"{}\".",
                                   core_.options().provider_address,
                                   b.kind == BlockKind::kData ? "data source" : "resource type", b.type),
                       b.Address());
        break;
      }
      auto value = DecodeBody(schema->block, b.body, MakeResolver(none, deferred, RefMode::kAllUnknown));
      if (!value) {
        diags.Append(ConfigError(value.diags(), b.Address()));
        break;
      }
      diags.Append(b.kind == BlockKind::kData
                       ? core_.ValidateDataResourceConfig(b.type, b.Address(), *value)
                       : core_.ValidateResourceConfig(b.type, b.Address(), *value));
    }
  }
  diags.Append(core_.EndPhase());
  return diags;
}

PlanResult Terraform::PlanInProcess(const ParsedConfig& parsed, const DeferredValues& deferred,
                                    bool destroy, bool deferred_known) {
  PlanResult r;
  r.refreshed = state_;
  r.refreshed.data_sources.clear();
  for (const auto& [addr, rs] : state_.resources) {
    auto refreshed = core_.Refresh(rs);
    r.diags.Append(refreshed.diags);
    if (refreshed.diags.HasError()) {
      return r;
    }
    if (!refreshed.value || !*refreshed.value) {
      r.refreshed.resources.erase(addr);
    } else {
      r.refreshed.resources[addr] = std::move(**refreshed.value);
    }
  }
  std::set<std::string> in_config;
  for (const auto& b : parsed.blocks) {
    in_config.insert(b.Address());
  }
  // Orphans (in state, not in config) are destroyed.
  std::vector<PlannedChange> orphans;
  for (const auto& [addr, rs] : r.refreshed.resources) {
    if (!destroy && in_config.count(addr) != 0) {
      continue;
    }
    if (destroy && in_config.count(addr) != 0) {
      continue;  // planned below in reverse dependency order
    }
    auto pd = core_.PlanDestroy(rs);
    r.diags.Append(pd.diags);
    if (!pd.ok()) {
      return r;
    }
    orphans.push_back(std::move(*pd.value));
  }
  r.changes = std::move(orphans);
  if (destroy) {
    for (auto it = parsed.blocks.rbegin(); it != parsed.blocks.rend(); ++it) {
      const ResourceState* rs = r.refreshed.Find(it->Address());
      if (it->kind != BlockKind::kResource || rs == nullptr) {
        continue;
      }
      auto pd = core_.PlanDestroy(*rs);
      r.diags.Append(pd.diags);
      if (!pd.ok()) {
        return r;
      }
      r.changes.push_back(std::move(*pd.value));
    }
    return r;
  }
  std::map<std::string, bool> pending;
  for (const auto& b : parsed.blocks) {
    const std::string addr = b.Address();
    const bool deps_pending = std::any_of(b.depends_on.begin(), b.depends_on.end(),
                                          [&](const std::string& d) { return pending[d]; });
    Resolver resolve =
        MakeResolver(r.planned, deferred, deferred_known ? RefMode::kApply : RefMode::kPlan);
    if (b.kind == BlockKind::kData) {
      const Schema* schema = core_.DataSourceSchema(b.type);
      if (schema == nullptr) {
        r.diags.AddError("Invalid data source",
                         fmt::format("The provider {} does not support data source \"{}\".",
                                     core_.options().provider_address, b.type),
                         addr);
        return r;
      }
      auto config = DecodeBody(schema->block, b.body, resolve);
      if (!config) {
        r.diags.Append(ConfigError(config.diags(), addr));
        return r;
      }
      if (config->IsWhollyKnown() && !deps_pending) {
        auto read = core_.ReadDataSource(b.type, b.name, *config);
        r.diags.Append(read.diags);
        if (!read.ok()) {
          return r;
        }
        r.planned[addr] = *read.value;
        r.refreshed.data_sources[addr] = *read.value;
        pending[addr] = false;
      } else {
        r.diags.Append(core_.ValidateDataResourceConfig(b.type, addr, *config));
        if (r.diags.HasError()) {
          return r;
        }
        r.planned[addr] = PlannedDataResourceObject(schema->block, *config);
        r.deferred_reads.push_back(addr);
        pending[addr] = true;
      }
      continue;
    }
    const Schema* schema = core_.ResourceSchema(b.type);
    if (schema == nullptr) {
      r.diags.AddError("Invalid resource type",
                       fmt::format("The provider {} does not support resource type \"{}\".",
                                   core_.options().provider_address, b.type),
                       addr);
      return r;
    }
    auto config = DecodeBody(schema->block, b.body, resolve);
    if (!config) {
      r.diags.Append(ConfigError(config.diags(), addr));
      return r;
    }
    r.diags.Append(core_.ValidateResourceConfig(b.type, addr, *config));
    if (r.diags.HasError()) {
      return r;
    }
    auto pc = core_.PlanResourceChange(b.type, b.name, r.refreshed.Find(addr), *config);
    r.diags.Append(pc.diags);
    if (!pc.ok()) {
      return r;
    }
    const PlannedChange& c = *pc.value;
    r.planned[addr] = c.action == Action::kDeleteThenCreate && c.create ? c.create->planned : c.planned;
    pending[addr] = c.action != Action::kNoOp;
    r.changes.push_back(c);
  }
  return r;
}

PlanResult Terraform::Plan(const nlohmann::json& config, const DeferredValues& deferred,
                           bool deferred_known) {
  PlanResult r;
  auto parsed = ParseConfig(config, core_.options().LocalName());
  if (!parsed) {
    r.diags = ConfigError(parsed.diags(), "");
    return r;
  }
  r.diags.Append(ValidateWalk(config, deferred));
  if (r.diags.HasError()) {
    r.diags.Append(core_.EndCommand());
    return r;
  }
  r.diags.Append(core_.BeginPhase("plan"));
  if (!r.diags.HasError()) {
    r.diags.Append(ConfigureProvider(*parsed, true));
  }
  if (!r.diags.HasError()) {
    PlanResult inner = PlanInProcess(*parsed, deferred, false, deferred_known);
    inner.diags.Append(r.diags);
    r = std::move(inner);
  }
  r.diags.Append(core_.EndPhase());
  r.diags.Append(core_.EndCommand());
  return r;
}

ApplyResult Terraform::Apply(const nlohmann::json& config, const DeferredValues& deferred) {
  ApplyResult out;
  auto parsed = ParseConfig(config, core_.options().LocalName());
  if (!parsed) {
    out.diags = ConfigError(parsed.diags(), "");
    return out;
  }
  TfDiagnostics pre = ValidateWalk(config, deferred);
  out.diags.Append(pre);
  if (pre.HasError()) {
    out.diags.Append(core_.EndCommand());
    return out;
  }
  TfDiagnostics phase = core_.BeginPhase("plan");
  if (!phase.HasError()) {
    phase.Append(ConfigureProvider(*parsed, true));
  }
  if (!phase.HasError()) {
    out.plan = PlanInProcess(*parsed, deferred, false, false);
    phase.Append(out.plan.diags);
  }
  phase.Append(core_.EndPhase());
  out.diags.Append(phase);
  if (out.diags.HasError()) {
    out.diags.Append(core_.EndCommand());
    return out;
  }
  state_ = out.plan.refreshed;
  if (out.plan.Empty()) {
    out.diags.Append(core_.EndCommand());
    return out;
  }

  out.diags.Append(core_.BeginPhase("apply"));
  if (!out.diags.HasError()) {
    out.diags.Append(ConfigureProvider(*parsed, true));
  }
  std::map<std::string, Value> values = out.plan.planned;
  if (!out.diags.HasError()) {
    // Orphans first.
    for (const auto& c : out.plan.changes) {
      if (c.action != Action::kDelete) {
        continue;
      }
      auto applied = core_.ApplyResourceChange(c);
      out.diags.Append(applied.diags);
      if (applied.value && *applied.value) {
        state_.resources[c.Address()] = std::move(**applied.value);
      } else if (!applied.diags.HasError()) {
        state_.resources.erase(c.Address());
      }
      if (applied.diags.HasError()) {
        break;
      }
    }
  }
  for (const auto& b : parsed->blocks) {
    if (out.diags.HasError()) {
      break;
    }
    const std::string addr = b.Address();
    Resolver resolve = MakeResolver(values, deferred, RefMode::kApply);
    if (b.kind == BlockKind::kData) {
      if (std::find(out.plan.deferred_reads.begin(), out.plan.deferred_reads.end(), addr) ==
          out.plan.deferred_reads.end()) {
        continue;
      }
      auto cfg = DecodeBody(core_.DataSourceSchema(b.type)->block, b.body, resolve);
      if (!cfg) {
        out.diags.Append(ConfigError(cfg.diags(), addr));
        break;
      }
      auto read = core_.ReadDataSource(b.type, b.name, *cfg);
      out.diags.Append(read.diags);
      if (!read.ok()) {
        break;
      }
      values[addr] = *read.value;
      state_.data_sources[addr] = *read.value;
      continue;
    }
    const PlannedChange* change = out.plan.Change(addr);
    if (change == nullptr) {
      continue;
    }
    if (change->action == Action::kNoOp) {
      if (const ResourceState* rs = state_.Find(addr); rs != nullptr) {
        values[addr] = rs->value;
      }
      continue;
    }
    auto cfg = DecodeBody(core_.ResourceSchema(b.type)->block, b.body, resolve);
    if (!cfg) {
      out.diags.Append(ConfigError(cfg.diags(), addr));
      break;
    }
    out.diags.Append(core_.ValidateResourceConfig(b.type, addr, *cfg));
    if (out.diags.HasError()) {
      break;
    }
    auto final_plan = core_.FinalPlan(*change, state_.Find(addr), *cfg);
    out.diags.Append(final_plan.diags);
    if (!final_plan.ok()) {
      break;
    }
    auto applied = core_.ApplyResourceChange(*final_plan.value);
    out.diags.Append(applied.diags);
    if (applied.value && *applied.value) {
      values[addr] = (*applied.value)->value;
      state_.resources[addr] = std::move(**applied.value);
    } else if (applied.value) {
      state_.resources.erase(addr);
    }
  }
  // Data sources no longer in the configuration leave the state.
  for (auto it = state_.data_sources.begin(); it != state_.data_sources.end();) {
    it = parsed->Find(it->first) == nullptr ? state_.data_sources.erase(it) : std::next(it);
  }
  out.diags.Append(core_.EndPhase());
  out.diags.Append(core_.EndCommand());
  return out;
}

TfDiagnostics Terraform::Refresh(const nlohmann::json& config) {
  TfDiagnostics diags;
  auto parsed = ParseConfig(config, core_.options().LocalName());
  if (!parsed) {
    return ConfigError(parsed.diags(), "");
  }
  diags.Append(ValidateWalk(config, {}));
  if (!diags.HasError()) {
    diags.Append(core_.BeginPhase("plan"));
  }
  if (!diags.HasError()) {
    diags.Append(ConfigureProvider(*parsed, true));
  }
  if (!diags.HasError()) {
    State refreshed = state_;
    for (const auto& [addr, rs] : state_.resources) {
      auto r = core_.Refresh(rs);
      diags.Append(r.diags);
      if (r.diags.HasError()) {
        break;
      }
      if (!r.value || !*r.value) {
        refreshed.resources.erase(addr);
      } else {
        refreshed.resources[addr] = std::move(**r.value);
      }
    }
    if (!diags.HasError()) {
      state_ = std::move(refreshed);
    }
  }
  diags.Append(core_.EndPhase());
  diags.Append(core_.EndCommand());
  return diags;
}

ApplyResult Terraform::Destroy(const nlohmann::json& config) {
  ApplyResult out;
  auto parsed = ParseConfig(config, core_.options().LocalName());
  if (!parsed) {
    out.diags = ConfigError(parsed.diags(), "");
    return out;
  }
  out.diags.Append(ValidateWalk(config, {}));
  if (!out.diags.HasError()) {
    out.diags.Append(core_.BeginPhase("plan"));
  }
  if (!out.diags.HasError()) {
    out.diags.Append(ConfigureProvider(*parsed, true));
  }
  if (!out.diags.HasError()) {
    out.plan = PlanInProcess(*parsed, {}, true, false);
    out.diags.Append(out.plan.diags);
  }
  out.diags.Append(core_.EndPhase());
  if (out.diags.HasError()) {
    out.diags.Append(core_.EndCommand());
    return out;
  }
  state_.resources = out.plan.refreshed.resources;
  state_.data_sources.clear();
  if (!out.plan.changes.empty()) {
    out.diags.Append(core_.BeginPhase("apply"));
    if (!out.diags.HasError()) {
      out.diags.Append(ConfigureProvider(*parsed, true));
    }
    for (const auto& c : out.plan.changes) {
      if (out.diags.HasError()) {
        break;
      }
      auto applied = core_.ApplyResourceChange(c);
      out.diags.Append(applied.diags);
      if (applied.value && *applied.value) {
        state_.resources[c.Address()] = std::move(**applied.value);
      } else if (!applied.diags.HasError()) {
        state_.resources.erase(c.Address());
      }
    }
    out.diags.Append(core_.EndPhase());
  }
  out.diags.Append(core_.EndCommand());
  return out;
}

Outcome<ResourceState> Terraform::Import(const nlohmann::json& config, std::string_view address,
                                         std::string_view id) {
  Outcome<ResourceState> out;
  auto parsed = ParseConfig(config, core_.options().LocalName());
  if (!parsed) {
    out.diags = ConfigError(parsed.diags(), "");
    return out;
  }
  const ConfigBlock* block = parsed->Find(address);
  if (block == nullptr || block->kind != BlockKind::kResource) {
    out.diags.AddError("Configuration for import target does not exist",
                       fmt::format("The configuration does not declare a resource {}.", address),
                       std::string(address));
    return out;
  }
  out.diags.Append(ValidateWalk(config, {}));
  if (!out.diags.HasError()) {
    out.diags.Append(core_.BeginPhase("import"));
  }
  if (!out.diags.HasError()) {
    out.diags.Append(ConfigureProvider(*parsed, true));
  }
  if (!out.diags.HasError()) {
    auto imported = core_.ImportResourceState(block->type, block->name, id);
    out.diags.Append(imported.diags);
    out.value = std::move(imported.value);
  }
  out.diags.Append(core_.EndPhase());
  out.diags.Append(core_.EndCommand());
  return out;
}

}  // namespace atlas::tests::acceptance
