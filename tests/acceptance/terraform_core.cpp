#include "tests/acceptance/terraform_core.hpp"

#include <utility>

#include <fmt/format.h>

#include "provider/tfvalue/json_codec.hpp"
#include "provider/tfvalue/msgpack_codec.hpp"
#include "tests/acceptance/objchange.hpp"
#include "tests/acceptance/wire_check.hpp"

namespace atlas::tests::acceptance {
namespace {

using tfv::Path;
using tfv::Type;
using tfv::Value;

// Core replaces unknowns left in an applied object with nulls before saving it.
Value UnknownsToNull(const Value& v) {
  return v.Transform([](const Path&, const Value& x) -> std::optional<Value> {
    if (x.IsUnknown()) {
      return tfv::NullVal(x.type());
    }
    return std::nullopt;
  });
}

bool DeferredSet(const tfplugin6::Deferred& d) { return d.reason() != tfplugin6::Deferred::UNKNOWN; }

}  // namespace

const char* ActionName(Action a) {
  switch (a) {
    case Action::kNoOp:
      return "NoOp";
    case Action::kCreate:
      return "Create";
    case Action::kUpdate:
      return "Update";
    case Action::kDeleteThenCreate:
      return "DeleteThenCreate";
    case Action::kDelete:
      return "Delete";
    case Action::kRead:
      return "Read";
  }
  return "?";
}

const ResourceState* State::Find(std::string_view address) const {
  auto it = resources.find(std::string(address));
  return it == resources.end() ? nullptr : &it->second;
}

std::optional<Value> State::Attr(std::string_view address, const Path& path) const {
  if (address.rfind("data.", 0) == 0) {
    auto it = data_sources.find(std::string(address));
    if (it == data_sources.end()) {
      return std::nullopt;
    }
    return ApplyPath(it->second, path);
  }
  const ResourceState* r = Find(address);
  if (r == nullptr) {
    return std::nullopt;
  }
  return ApplyPath(r->value, path);
}

TerraformCore::TerraformCore(CoreOptions options) : options_(std::move(options)) {}

TerraformCore::~TerraformCore() { (void)StopAll(); }

std::string TerraformCore::BugSentence() {
  return "This is a bug in the provider, which should be reported in the provider's own issue "
         "tracker.";
}

std::unique_ptr<grpc::ClientContext> TerraformCore::NewContext() const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(RpcDeadline(options_.rpc_timeout));
  return ctx;
}

tfplugin6::ClientCapabilities TerraformCore::ClientCapabilities() const {
  tfplugin6::ClientCapabilities caps;
  caps.set_deferral_allowed(options_.deferral_allowed);
  caps.set_write_only_attributes_allowed(options_.write_only_attributes_allowed);
  return caps;
}

// ---------------------------------------------------------------------------------------------
// Processes

TfDiagnostics TerraformCore::EnsureProcess() {
  TfDiagnostics diags;
  if (process_) {
    return diags;
  }
  auto p = ProviderProcess::Launch(options_.launch);
  if (!p) {
    diags.AddError("Failed to instantiate provider",
                   fmt::format("Failed to instantiate provider {} to obtain schema: {}", ProviderQuoted(),
                               p.ErrorString()));
    return diags;
  }
  process_ = std::move(p).value();
  launched_phases_.push_back(current_phase_.empty() ? "unnamed" : current_phase_);
  return diags;
}

TfDiagnostics TerraformCore::StopProcess() {
  TfDiagnostics diags;
  if (!process_) {
    return diags;
  }
  auto st = process_->ShutdownAndExpectCleanExit();
  finished_logs_ += fmt::format("--- provider process ({}) stderr ---\n{}", 
                                launched_phases_.empty() ? "?" : launched_phases_.back(),
                                process_->Stderr());
  if (!st) {
    diags.AddError("Provider process did not stop cleanly",
                   fmt::format("After GRPCController.Shutdown the provider must exit with code 0 within "
                               "2 s (Terraform SIGKILLs it otherwise): {}",
                               st.ErrorString()));
  }
  process_.reset();
  return diags;
}

TfDiagnostics TerraformCore::BeginPhase(std::string_view phase) {
  current_phase_ = std::string(phase);
  TfDiagnostics diags;
  if (options_.process_mode == ProcessMode::kPerPhase && process_) {
    diags.Append(StopProcess());
  }
  const bool new_process = !process_;
  diags.Append(EnsureProcess());
  if (diags.HasError()) {
    return diags;
  }
  if (new_process && (!schemas_ || schema_stale_ || !schemas_->get_provider_schema_optional)) {
    auto s = GetProviderSchema();
    diags.Append(s.diags);
  }
  return diags;
}

TfDiagnostics TerraformCore::EndPhase() {
  if (options_.process_mode == ProcessMode::kPerPhase) {
    return StopProcess();
  }
  return {};
}

TfDiagnostics TerraformCore::EndCommand() {
  if (options_.process_mode != ProcessMode::kSingle) {
    return StopProcess();
  }
  return {};
}

TfDiagnostics TerraformCore::StopAll() { return StopProcess(); }

std::string TerraformCore::ProviderLogs() const {
  std::string out = finished_logs_;
  if (process_) {
    out += fmt::format("--- provider process (running) stderr ---\n{}", process_->Stderr());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Encoding

Outcome<tfplugin6::DynamicValue> TerraformCore::Encode(const Value& value, const Type& type,
                                                       std::string_view what) {
  Outcome<tfplugin6::DynamicValue> out;
  auto bytes = tfv::EncodeMsgpack(value, type);
  if (!bytes) {
    out.diags.AddError("Harness cannot encode a request value",
                       fmt::format("{} ({}) does not conform to {}: {}", what, GoString(value),
                                   type.FriendlyName(), bytes.ErrorString()));
    return out;
  }
  tfplugin6::DynamicValue dv;
  dv.set_msgpack(*bytes);
  out.value = std::move(dv);
  return out;
}

engine::base::Result<Value> TerraformCore::Decode(const tfplugin6::DynamicValue& dv, const Type& type) {
  if (!dv.msgpack().empty()) {
    if (auto shape = CheckMsgpackShape(dv.msgpack(), type); !shape) {
      return std::move(shape).diags();
    }
    return tfv::DecodeMsgpack(dv.msgpack(), type);
  }
  if (!dv.json().empty()) {
    return tfv::DecodeJson(dv.json(), type, tfv::JsonDecodeOptions{false});
  }
  return tfv::NullVal(type);
}

// ---------------------------------------------------------------------------------------------
// Schema

Outcome<const ProviderSchemas*> TerraformCore::GetProviderSchema() {
  Outcome<const ProviderSchemas*> out;
  out.diags.Append(EnsureProcess());
  if (out.diags.HasError()) {
    return out;
  }
  tfplugin6::GetProviderSchema::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().GetProviderSchema(ctx.get(), {}, &resp);
  if (!st.ok()) {
    out.diags.Add(GrpcErrorDiagnostic(st, "GetProviderSchema"));
    return out;
  }
  out.diags.Append(FromProto(resp.diagnostics(), ""));
  if (out.diags.HasError()) {
    return out;
  }
  // v1.12+ asks for identity schemas right after; UNIMPLEMENTED means "none".
  tfplugin6::GetResourceIdentitySchemas::Response ids;
  auto ctx2 = NewContext();
  grpc::Status ist = process_->provider().GetResourceIdentitySchemas(ctx2.get(), {}, &ids);
  if (!ist.ok() && ist.error_code() != grpc::StatusCode::UNIMPLEMENTED) {
    out.diags.Add(GrpcErrorDiagnostic(ist, "GetResourceIdentitySchemas"));
    return out;
  }
  out.diags.Append(FromProto(ids.diagnostics(), ""));
  auto conv = ConvertProviderSchemas(resp);
  if (!conv) {
    for (const auto& d : conv.diags()) {
      out.diags.AddError("Failed to load plugin schemas",
                         fmt::format("Error while loading schemas for plugin components: {}: {}.",
                                     d.summary, d.detail));
    }
    return out;
  }
  raw_schema_ = resp;
  schemas_ = std::move(conv).value();
  schema_stale_ = false;
  out.value = &*schemas_;
  return out;
}

const Schema* TerraformCore::ResourceSchema(std::string_view type) const {
  if (!schemas_) {
    return nullptr;
  }
  auto it = schemas_->resources.find(std::string(type));
  return it == schemas_->resources.end() ? nullptr : &it->second;
}

const Schema* TerraformCore::DataSourceSchema(std::string_view type) const {
  if (!schemas_) {
    return nullptr;
  }
  auto it = schemas_->data_sources.find(std::string(type));
  return it == schemas_->data_sources.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------------------------------------
// Provider configuration and validation

TfDiagnostics TerraformCore::ValidateProviderConfig(const Value& config) {
  TfDiagnostics diags;
  if (!schemas_ || !process_) {
    diags.AddError("Harness misuse", "ValidateProviderConfig needs a running process and a schema");
    return diags;
  }
  auto enc = Encode(config, schemas_->provider.block.ImpliedType(), "provider config");
  if (!enc.ok()) {
    return enc.diags;
  }
  tfplugin6::ValidateProviderConfig::Request req;
  *req.mutable_config() = *enc.value;
  tfplugin6::ValidateProviderConfig::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().ValidateProviderConfig(ctx.get(), req, &resp);
  if (!st.ok()) {
    diags.Add(GrpcErrorDiagnostic(st, "ValidateProviderConfig"));
    return diags;
  }
  diags.Append(FromProto(resp.diagnostics(), "provider[" + ProviderQuoted() + "]"));
  return diags;
}

TfDiagnostics TerraformCore::ConfigureProvider(const Value& config) {
  TfDiagnostics diags;
  if (!schemas_ || !process_) {
    diags.AddError("Harness misuse", "ConfigureProvider needs a running process and a schema");
    return diags;
  }
  auto enc = Encode(config, schemas_->provider.block.ImpliedType(), "provider config");
  if (!enc.ok()) {
    return enc.diags;
  }
  tfplugin6::ConfigureProvider::Request req;
  req.set_terraform_version(options_.terraform_version);
  *req.mutable_config() = *enc.value;
  *req.mutable_client_capabilities() = ClientCapabilities();
  tfplugin6::ConfigureProvider::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().ConfigureProvider(ctx.get(), req, &resp);
  if (!st.ok()) {
    diags.Add(GrpcErrorDiagnostic(st, "ConfigureProvider"));
    return diags;
  }
  diags.Append(FromProto(resp.diagnostics(), "provider[" + ProviderQuoted() + "]"));
  return diags;
}

TfDiagnostics TerraformCore::ValidateResourceConfig(std::string_view type, std::string_view address,
                                                    const Value& config) {
  TfDiagnostics diags;
  const Schema* schema = ResourceSchema(type);
  if (schema == nullptr || !process_) {
    diags.AddError("Invalid resource type",
                   fmt::format("The provider {} does not support resource type \"{}\".", ProviderQuoted(), type),
                   std::string(address));
    return diags;
  }
  auto enc = Encode(config, schema->block.ImpliedType(), "resource config");
  if (!enc.ok()) {
    return enc.diags;
  }
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name(std::string(type));
  *req.mutable_config() = *enc.value;
  *req.mutable_client_capabilities() = ClientCapabilities();
  tfplugin6::ValidateResourceConfig::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().ValidateResourceConfig(ctx.get(), req, &resp);
  if (!st.ok()) {
    diags.Add(GrpcErrorDiagnostic(st, "ValidateResourceConfig", address));
    return diags;
  }
  diags.Append(FromProto(resp.diagnostics(), address));
  return diags;
}

TfDiagnostics TerraformCore::ValidateDataResourceConfig(std::string_view type,
                                                        std::string_view address,
                                                        const Value& config) {
  TfDiagnostics diags;
  const Schema* schema = DataSourceSchema(type);
  if (schema == nullptr || !process_) {
    diags.AddError("Invalid data source",
                   fmt::format("The provider {} does not support data source \"{}\".", ProviderQuoted(), type),
                   std::string(address));
    return diags;
  }
  auto enc = Encode(config, schema->block.ImpliedType(), "data source config");
  if (!enc.ok()) {
    return enc.diags;
  }
  tfplugin6::ValidateDataResourceConfig::Request req;
  req.set_type_name(std::string(type));
  *req.mutable_config() = *enc.value;
  tfplugin6::ValidateDataResourceConfig::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().ValidateDataResourceConfig(ctx.get(), req, &resp);
  if (!st.ok()) {
    diags.Add(GrpcErrorDiagnostic(st, "ValidateDataResourceConfig", address));
    return diags;
  }
  diags.Append(FromProto(resp.diagnostics(), address));
  return diags;
}

// ---------------------------------------------------------------------------------------------
// State

Outcome<ResourceState> TerraformCore::StateFromValue(std::string_view type, std::string_view name,
                                                     const Value& value, std::string private_state) {
  Outcome<ResourceState> out;
  const Schema* schema = ResourceSchema(type);
  auto json = tfv::EncodeJson(value, schema->block.ImpliedType());
  if (!json) {
    out.diags.AddError("Failed to encode state",
                       fmt::format("The object for {}.{} cannot be saved as JSON: {}", type, name,
                                   json.ErrorString()));
    return out;
  }
  ResourceState rs;
  rs.type = std::string(type);
  rs.name = std::string(name);
  rs.schema_version = schema->version;
  rs.json = std::move(json).value();
  rs.value = value;
  rs.private_state = std::move(private_state);
  out.value = std::move(rs);
  return out;
}

Outcome<Value> TerraformCore::UpgradeResourceState(std::string_view type, std::string_view address,
                                                   int64_t version, std::string_view json) {
  Outcome<Value> out;
  const Schema* schema = ResourceSchema(type);
  if (schema == nullptr || !process_) {
    out.diags.AddError("Harness misuse", "UpgradeResourceState needs a running process and a schema",
                       std::string(address));
    return out;
  }
  if (version > schema->version) {
    out.diags.AddError("Resource instance managed by newer provider version",
                       fmt::format("The current state of {} was created by a newer provider version than "
                                   "is currently selected. Upgrade the {} provider to work with this state.",
                                   address, ProviderQuoted()),
                       std::string(address));
    return out;
  }
  tfplugin6::UpgradeResourceState::Request req;
  req.set_type_name(std::string(type));
  req.set_version(version);
  req.mutable_raw_state()->set_json(std::string(json));
  tfplugin6::UpgradeResourceState::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().UpgradeResourceState(ctx.get(), req, &resp);
  if (!st.ok()) {
    out.diags.Add(GrpcErrorDiagnostic(st, "UpgradeResourceState", address));
    return out;
  }
  out.diags.Append(FromProto(resp.diagnostics(), address));
  if (out.diags.HasError()) {
    return out;
  }
  auto v = Decode(resp.upgraded_state(), schema->block.ImpliedType());
  const std::string prefix = fmt::format("The {} provider upgraded the state for {} from a previous "
                                         "version, but produced an invalid result: ",
                                         ProviderQuoted(), address);
  if (!v) {
    out.diags.AddError("Invalid resource state upgrade", prefix + v.ErrorString(), std::string(address));
    return out;
  }
  if (!v->IsWhollyKnown()) {
    out.diags.AddError("Invalid resource state upgrade",
                       prefix + "The returned state contains unknown values (at " +
                           FormatCtyPath(v->FirstUnknownPath().value_or(Path())) + ").",
                       std::string(address));
    return out;
  }
  if (v->IsNull()) {
    // Core would read this as "object deleted"; an upgrade never means that.
    out.diags.AddError("Invalid resource state upgrade",
                       prefix + "The returned state is null (an unset upgraded_state): every stored "
                                "object must be returned in the current schema.",
                       std::string(address));
    return out;
  }
  out.value = std::move(v).value();
  return out;
}

Outcome<std::optional<ResourceState>> TerraformCore::Refresh(const ResourceState& stored) {
  Outcome<std::optional<ResourceState>> out;
  auto up = UpgradeResourceState(stored.type, stored.Address(), stored.schema_version, stored.json);
  out.diags.Append(up.diags);
  if (!up.ok()) {
    return out;
  }
  ResourceState current = stored;
  current.value = *up.value;
  auto read = ReadResource(current);
  out.diags.Append(read.diags);
  out.value = std::move(read.value);
  return out;
}

Outcome<std::optional<ResourceState>> TerraformCore::ReadResource(const ResourceState& current) {
  Outcome<std::optional<ResourceState>> out;
  const std::string address = current.Address();
  const Schema* schema = ResourceSchema(current.type);
  if (schema == nullptr || !process_) {
    out.diags.AddError("Harness misuse", "ReadResource needs a running process and a schema", address);
    return out;
  }
  auto enc = Encode(current.value, schema->block.ImpliedType(), "current state");
  if (!enc.ok()) {
    out.diags.Append(enc.diags);
    return out;
  }
  tfplugin6::ReadResource::Request req;
  req.set_type_name(current.type);
  *req.mutable_current_state() = *enc.value;
  req.set_private_(current.private_state);
  *req.mutable_client_capabilities() = ClientCapabilities();
  tfplugin6::ReadResource::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().ReadResource(ctx.get(), req, &resp);
  if (!st.ok()) {
    out.diags.Add(GrpcErrorDiagnostic(st, "ReadResource", address));
    return out;
  }
  out.diags.Append(FromProto(resp.diagnostics(), address));
  if (resp.has_deferred() && DeferredSet(resp.deferred()) && !options_.deferral_allowed) {
    out.diags.AddError("Provider deferred changes when Terraform did not allow deferrals",
                       fmt::format("The provider signaled a deferred action for \"{}\", but in this context "
                                   "deferrals are disabled. {}",
                                   address, BugSentence()),
                       address);
  }
  if (out.diags.HasError()) {
    out.value = current;  // core keeps the prior state when refresh fails
    return out;
  }
  auto v = Decode(resp.new_state(), schema->block.ImpliedType());
  if (!v) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("Provider {} planned an invalid value for {} during refresh: {}.\n\n{}",
                                   ProviderQuoted(), address, v.ErrorString(), BugSentence()),
                       address);
    return out;
  }
  if (!v->IsWhollyKnown()) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("Provider {} planned an invalid value for {} during refresh: {}: value "
                                   "is not wholly known.\n\n{}",
                                   ProviderQuoted(), address,
                                   FormatCtyPath(v->FirstUnknownPath().value_or(Path())), BugSentence()),
                       address);
    return out;
  }
  if (v->IsNull()) {
    out.value = std::optional<ResourceState>();
    return out;
  }
  auto rs = StateFromValue(current.type, current.name, *v, resp.private_());
  out.diags.Append(rs.diags);
  if (rs.value) {
    rs.value->tainted = current.tainted;
    out.value = std::move(rs.value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plan

Outcome<PlannedChange> TerraformCore::PlanInternal(std::string_view type, std::string_view name,
                                                   const ResourceState* prior, const Value& config,
                                                   bool is_replace_create,
                                                   const std::string& prior_private_override) {
  Outcome<PlannedChange> out;
  const std::string address = std::string(type) + "." + std::string(name);
  const Schema* schema = ResourceSchema(type);
  if (schema == nullptr || !process_) {
    out.diags.AddError("Invalid resource type",
                       fmt::format("The provider {} does not support resource type \"{}\".", ProviderQuoted(), type),
                       address);
    return out;
  }
  const Type ty = schema->block.ImpliedType();
  PlannedChange change;
  change.type = std::string(type);
  change.name = std::string(name);
  change.prior = prior != nullptr ? prior->value : tfv::NullVal(ty);
  change.prior_private = is_replace_create ? prior_private_override
                                           : (prior != nullptr ? prior->private_state : std::string());
  change.prior_schema_version = prior != nullptr ? prior->schema_version : schema->version;
  change.config = config;
  change.proposed = ProposedNew(schema->block, change.prior, config);

  auto prior_enc = Encode(change.prior, ty, "prior state");
  auto proposed_enc = Encode(change.proposed, ty, "proposed new state");
  auto config_enc = Encode(config, ty, "config");
  for (const auto* e : {&prior_enc, &proposed_enc, &config_enc}) {
    out.diags.Append(e->diags);
  }
  if (out.diags.HasError()) {
    return out;
  }
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name(change.type);
  *req.mutable_prior_state() = *prior_enc.value;
  *req.mutable_proposed_new_state() = *proposed_enc.value;
  *req.mutable_config() = *config_enc.value;
  req.set_prior_private(change.prior_private);
  *req.mutable_client_capabilities() = ClientCapabilities();
  tfplugin6::PlanResourceChange::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().PlanResourceChange(ctx.get(), req, &resp);
  if (!st.ok()) {
    out.diags.Add(GrpcErrorDiagnostic(st, "PlanResourceChange", address));
    return out;
  }
  out.diags.Append(FromProto(resp.diagnostics(), address));
  if (out.diags.HasError()) {
    return out;
  }
  if (resp.legacy_type_system()) {
    out.diags.AddError("Provider set legacy_type_system",
                       "PlanResourceChange.Response.legacy_type_system is reserved for the legacy Go SDK; "
                       "it silences core's plan checks. It must be false.",
                       address);
  }
  if (resp.has_deferred() && DeferredSet(resp.deferred()) && !options_.deferral_allowed) {
    out.diags.AddError("Provider deferred changes when Terraform did not allow deferrals",
                       fmt::format("The provider signaled a deferred action for \"{}\", but in this context "
                                   "deferrals are disabled. {}",
                                   address, BugSentence()),
                       address);
  }
  auto planned = Decode(resp.planned_state(), ty);
  if (!planned) {
    out.diags.AddError("Provider produced invalid plan",
                       fmt::format("Provider {} planned an invalid value for {}: {}.\n\n{}", ProviderQuoted(),
                                   address, planned.ErrorString(), BugSentence()),
                       address);
    return out;
  }
  change.planned = *planned;
  change.planned_private = resp.planned_private();
  for (const auto& e : AssertPlanValid(schema->block, change.prior, config, change.planned)) {
    out.diags.AddError("Provider produced invalid plan",
                       fmt::format("Provider {} planned an invalid value for {}.\n\n{}", ProviderQuoted(),
                                   e.FormatPrefixed(address), BugSentence()),
                       address);
  }
  for (const auto& p : resp.requires_replace()) {
    change.requires_replace.push_back(FromProto(p));
  }
  if (!change.prior.IsNull()) {
    for (const auto& path : change.requires_replace) {
      std::optional<Value> prior_v = ApplyPath(change.prior, path);
      std::optional<Value> planned_v = ApplyPath(change.planned, path);
      if (!prior_v && !planned_v) {
        out.diags.AddError(
            "Provider produced invalid plan",
            fmt::format("Provider {} has indicated \"requires replacement\" on {} for a non-existent "
                        "attribute path {}.\n\n{}",
                        ProviderQuoted(), address, FormatCtyPath(path), BugSentence()),
            address);
        continue;
      }
      if (!prior_v) {
        prior_v = tfv::NullVal(planned_v->type());
      }
      if (!planned_v) {
        planned_v = tfv::NullVal(prior_v->type());
      }
      if (!KnownEqual(*prior_v, *planned_v)) {
        change.replace_paths.push_back(path);
      }
    }
  }
  if (out.diags.HasError()) {
    return out;
  }
  if (change.prior.IsNull()) {
    change.action = Action::kCreate;
  } else if (prior != nullptr && prior->tainted) {
    change.action = Action::kDeleteThenCreate;
  } else if (KnownEqual(change.planned, change.prior)) {
    change.action = Action::kNoOp;
  } else if (!change.replace_paths.empty()) {
    change.action = Action::kDeleteThenCreate;
  } else {
    change.action = Action::kUpdate;
  }
  if (change.action == Action::kDeleteThenCreate && !is_replace_create) {
    // Core plans the create half again with a null prior; only its errors are reported.
    auto create = PlanInternal(type, name, nullptr, config, true, change.planned_private);
    for (const auto& d : create.diags) {
      if (d.IsError()) {
        out.diags.Add(d);
      }
    }
    if (!create.ok()) {
      return out;
    }
    change.create = std::make_shared<PlannedChange>(std::move(*create.value));
  }
  out.value = std::move(change);
  return out;
}

Outcome<PlannedChange> TerraformCore::PlanResourceChange(std::string_view type, std::string_view name,
                                                         const ResourceState* prior, const Value& config) {
  return PlanInternal(type, name, prior, config, false, "");
}

Outcome<PlannedChange> TerraformCore::PlanDestroy(const ResourceState& prior) {
  Outcome<PlannedChange> out;
  const std::string address = prior.Address();
  const Schema* schema = ResourceSchema(prior.type);
  if (schema == nullptr || !process_) {
    out.diags.AddError("Harness misuse", "PlanDestroy needs a running process and a schema", address);
    return out;
  }
  const Type ty = schema->block.ImpliedType();
  PlannedChange change;
  change.type = prior.type;
  change.name = prior.name;
  change.action = Action::kDelete;
  change.prior = prior.value;
  change.prior_private = prior.private_state;
  change.prior_schema_version = prior.schema_version;
  change.config = tfv::NullVal(ty);
  change.proposed = tfv::NullVal(ty);
  change.planned = tfv::NullVal(ty);
  change.planned_private = prior.private_state;
  if (!schemas_->plan_destroy) {
    out.value = std::move(change);
    return out;
  }
  auto prior_enc = Encode(prior.value, ty, "prior state");
  auto null_enc = Encode(tfv::NullVal(ty), ty, "null");
  out.diags.Append(prior_enc.diags);
  if (out.diags.HasError()) {
    return out;
  }
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name(prior.type);
  *req.mutable_prior_state() = *prior_enc.value;
  *req.mutable_proposed_new_state() = *null_enc.value;
  *req.mutable_config() = *null_enc.value;
  req.set_prior_private(prior.private_state);
  *req.mutable_client_capabilities() = ClientCapabilities();
  tfplugin6::PlanResourceChange::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().PlanResourceChange(ctx.get(), req, &resp);
  if (!st.ok()) {
    out.diags.Add(GrpcErrorDiagnostic(st, "PlanResourceChange", address));
    return out;
  }
  out.diags.Append(FromProto(resp.diagnostics(), address));
  if (out.diags.HasError()) {
    return out;
  }
  auto planned = Decode(resp.planned_state(), ty);
  if (!planned) {
    out.diags.AddError("Provider produced invalid plan",
                       fmt::format("Provider {} planned an invalid value for {}: {}.\n\n{}", ProviderQuoted(),
                                   address, planned.ErrorString(), BugSentence()),
                       address);
    return out;
  }
  if (!planned->IsNull()) {
    out.diags.AddError("Provider produced invalid plan",
                       fmt::format("Provider {} planned a non-null destroy value for {}.\n\n{}",
                                   ProviderQuoted(), address, BugSentence()),
                       address);
    return out;
  }
  change.planned_private = resp.planned_private();
  out.value = std::move(change);
  return out;
}

Outcome<PlannedChange> TerraformCore::FinalPlan(const PlannedChange& saved, const ResourceState* prior,
                                                const Value& config) {
  Outcome<PlannedChange> out;
  const std::string address = saved.Address();
  if (saved.action == Action::kDelete || saved.action == Action::kNoOp) {
    out.value = saved;
    return out;
  }
  const Schema* schema = ResourceSchema(saved.type);
  auto compare = [&](const PlannedChange& before, const PlannedChange& after) {
    const bool action_ok = before.action == after.action ||
                           (before.action == Action::kUpdate && after.action == Action::kNoOp);
    if (!action_ok) {
      out.diags.AddError("Provider produced inconsistent final plan",
                         fmt::format("When expanding the plan for {} to include new values learned so far "
                                     "during apply, provider {} changed the planned action from {} to {}.\n\n{}",
                                     address, ProviderQuoted(), ActionName(before.action),
                                     ActionName(after.action), BugSentence()),
                         address);
    }
    for (const auto& e : AssertObjectCompatible(schema->block, before.planned, after.planned)) {
      out.diags.AddError("Provider produced inconsistent final plan",
                         fmt::format("When expanding the plan for {} to include new values learned so far "
                                     "during apply, provider {} produced an invalid new value for {}.\n\n{}",
                                     address, ProviderQuoted(), e.FormatPrefixed(address), BugSentence()),
                         address);
    }
  };
  if (saved.action == Action::kDeleteThenCreate) {
    // The delete half is applied as planned; the create half is re-planned with a null prior.
    auto create = PlanInternal(saved.type, saved.name, nullptr, config, true, saved.planned_private);
    out.diags.Append(create.diags);
    if (!create.ok()) {
      return out;
    }
    compare(*saved.create, *create.value);
    PlannedChange final_change = saved;
    final_change.create = std::make_shared<PlannedChange>(std::move(*create.value));
    out.value = std::move(final_change);
    return out;
  }
  auto again = PlanInternal(saved.type, saved.name, prior, config, false, "");
  out.diags.Append(again.diags);
  if (!again.ok()) {
    return out;
  }
  compare(saved, *again.value);
  out.value = std::move(again.value);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Apply

Outcome<std::optional<ResourceState>> TerraformCore::ApplyResourceChange(const PlannedChange& change) {
  Outcome<std::optional<ResourceState>> out;
  const std::string address = change.Address();
  const Schema* schema = ResourceSchema(change.type);
  if (schema == nullptr || !process_) {
    out.diags.AddError("Harness misuse", "ApplyResourceChange needs a running process and a schema", address);
    return out;
  }
  const Type ty = schema->block.ImpliedType();
  if (change.action == Action::kNoOp) {
    auto rs = StateFromValue(change.type, change.name, change.prior, change.prior_private);
    out.diags.Append(rs.diags);
    out.value = std::move(rs.value);
    return out;
  }
  if (change.action == Action::kDeleteThenCreate) {
    PlannedChange del = change;
    del.action = Action::kDelete;
    del.planned = tfv::NullVal(ty);
    del.config = tfv::NullVal(ty);
    del.create.reset();
    auto d = ApplyResourceChange(del);
    out.diags.Append(d.diags);
    if (d.diags.HasError()) {
      out.value = std::move(d.value);
      return out;
    }
    if (!change.create) {
      out.diags.AddError("Harness misuse", "DeleteThenCreate without a create plan", address);
      return out;
    }
    auto c = ApplyResourceChange(*change.create);
    out.diags.Append(c.diags);
    out.value = std::move(c.value);
    return out;
  }
  const bool is_delete = change.action == Action::kDelete;
  auto prior_enc = Encode(change.prior, ty, "prior state");
  auto planned_enc = Encode(change.planned, ty, "planned state");
  auto config_enc = Encode(change.config, ty, "config");
  for (const auto* e : {&prior_enc, &planned_enc, &config_enc}) {
    out.diags.Append(e->diags);
  }
  if (out.diags.HasError()) {
    return out;
  }
  tfplugin6::ApplyResourceChange::Request req;
  req.set_type_name(change.type);
  *req.mutable_prior_state() = *prior_enc.value;
  *req.mutable_planned_state() = *planned_enc.value;
  *req.mutable_config() = *config_enc.value;
  req.set_planned_private(change.planned_private);
  tfplugin6::ApplyResourceChange::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().ApplyResourceChange(ctx.get(), req, &resp);
  std::optional<ResourceState> prior_state;
  if (!change.prior.IsNull()) {
    auto rs = StateFromValue(change.type, change.name, change.prior, change.prior_private);
    prior_state = std::move(rs.value);
  }
  if (!st.ok()) {
    out.diags.Add(GrpcErrorDiagnostic(st, "ApplyResourceChange", address));
    out.value = prior_state;
    return out;
  }
  out.diags.Append(FromProto(resp.diagnostics(), address));
  if (resp.legacy_type_system()) {
    out.diags.AddError("Provider set legacy_type_system",
                       "ApplyResourceChange.Response.legacy_type_system must be false.", address);
  }
  auto nv = Decode(resp.new_state(), ty);
  if (!nv) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("Provider {} produced an invalid value after apply for {}. The result "
                                   "cannot not be saved in the Terraform state.\n\n{}\n\n{}",
                                   ProviderQuoted(), address, nv.ErrorString(), BugSentence()),
                       address);
    out.value = prior_state;
    return out;
  }
  Value new_val = *nv;
  if (!new_val.IsWhollyKnown()) {
    out.diags.AddError("Provider returned invalid result object after apply",
                       fmt::format("After the apply operation, the provider still indicated an unknown value "
                                   "for {}{}. All values must be known after apply, so this is always a bug "
                                   "in the provider and should be reported in the provider's own repository. "
                                   "Terraform will still save the other known object values in the state.",
                                   address, FormatCtyPath(new_val.FirstUnknownPath().value_or(Path()))),
                       address);
    new_val = UnknownsToNull(new_val);
  }
  const bool provider_failed = out.diags.HasError();
  if (!provider_failed) {
    if (is_delete && !new_val.IsNull()) {
      out.diags.AddError("Provider returned invalid result object after apply",
                         fmt::format("After applying a Delete plan, the provider returned a non-null object "
                                     "for {}. Destroying should always produce a null value, so this is always "
                                     "a bug in the provider and should be reported in the provider's own "
                                     "repository. Terraform will still save the other known object values in "
                                     "the state.",
                                     address),
                         address);
    } else if (!is_delete && new_val.IsNull()) {
      out.diags.AddError("Provider returned invalid result object after apply",
                         fmt::format("After applying a {} plan, the provider returned a null object for {}. "
                                     "Only destroying should always produce a null result, so this is always "
                                     "a bug in the provider and should be reported in the provider's own "
                                     "repository.",
                                     ActionName(change.action), address),
                         address);
    } else {
      for (const auto& e : AssertObjectCompatible(schema->block, change.planned, new_val)) {
        out.diags.AddError("Provider produced inconsistent result after apply",
                           fmt::format("When applying changes to {}, provider {} produced an unexpected new "
                                       "value: {}.\n\n{}",
                                       address, ProviderQuoted(), e.Format(), BugSentence()),
                           address);
      }
    }
  }
  if (new_val.IsNull()) {
    // Deleted, or a failure that left nothing: core keeps the prior object on failure.
    if (is_delete && !provider_failed) {
      out.value = std::optional<ResourceState>();
    } else {
      out.value = provider_failed ? prior_state : std::optional<ResourceState>();
    }
    return out;
  }
  auto rs = StateFromValue(change.type, change.name, new_val, resp.private_());
  out.diags.Append(rs.diags);
  if (rs.value) {
    rs.value->tainted = provider_failed && change.action == Action::kCreate;
    out.value = std::move(rs.value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Import, data sources, stop

Outcome<ResourceState> TerraformCore::ImportResourceState(std::string_view type, std::string_view name,
                                                          std::string_view id) {
  Outcome<ResourceState> out;
  const std::string address = std::string(type) + "." + std::string(name);
  const Schema* schema = ResourceSchema(type);
  if (schema == nullptr || !process_) {
    out.diags.AddError("Invalid resource type",
                       fmt::format("The provider {} does not support resource type \"{}\".", ProviderQuoted(), type),
                       address);
    return out;
  }
  tfplugin6::ImportResourceState::Request req;
  req.set_type_name(std::string(type));
  req.set_id(std::string(id));
  *req.mutable_client_capabilities() = ClientCapabilities();
  tfplugin6::ImportResourceState::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().ImportResourceState(ctx.get(), req, &resp);
  if (!st.ok()) {
    out.diags.Add(GrpcErrorDiagnostic(st, "ImportResourceState", address));
    return out;
  }
  out.diags.Append(FromProto(resp.diagnostics(), address));
  if (out.diags.HasError()) {
    return out;
  }
  const auto& imported = resp.imported_resources();
  if (imported.size() > 1) {
    out.diags.AddError("Multiple import states not supported",
                       fmt::format("While attempting to import with ID {}, the provider returned multiple "
                                   "resource instance states. This is not currently supported.",
                                   id),
                       address);
    return out;
  }
  if (imported.empty()) {
    out.diags.AddError("Import returned no resources",
                       fmt::format("While attempting to import with ID {}, the provider returned no instance "
                                   "states.",
                                   id),
                       address);
    return out;
  }
  const auto& obj = imported[0];
  if (obj.type_name().empty()) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("import {} (id: {}): the provider didn't set the type of the imported "
                                   "object.\n\n{}",
                                   address, id, BugSentence()),
                       address);
    return out;
  }
  if (obj.type_name() != type) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("import {} (id: {}): the provider returned an object of type \"{}\".\n\n{}",
                                   address, id, obj.type_name(), BugSentence()),
                       address);
    return out;
  }
  auto v = Decode(obj.state(), schema->block.ImpliedType());
  if (!v) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("Provider {} produced an invalid value for {} during import: {}.\n\n{}",
                                   ProviderQuoted(), address, v.ErrorString(), BugSentence()),
                       address);
    return out;
  }
  if (v->IsNull()) {
    out.diags.AddError("Import returned null resource",
                       fmt::format("While attempting to import with ID {}, the provider returned an instance "
                                   "with no state.",
                                   id),
                       address);
    return out;
  }
  if (!v->IsWhollyKnown()) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("Provider {} produced a value for {} during import that is not wholly known "
                                   "(at {}).\n\n{}",
                                   ProviderQuoted(), address, FormatCtyPath(v->FirstUnknownPath().value_or(Path())),
                                   BugSentence()),
                       address);
    return out;
  }
  auto rs = StateFromValue(type, name, *v, obj.private_());
  out.diags.Append(rs.diags);
  if (!rs.ok()) {
    return out;
  }
  // Core reads the imported object right away.
  auto read = ReadResource(*rs.value);
  out.diags.Append(read.diags);
  if (read.diags.HasError()) {
    return out;
  }
  if (!read.value || !*read.value) {
    out.diags.AddError("Cannot import non-existent remote object",
                       fmt::format("While attempting to import an existing object to \"{}\", the provider "
                                   "detected that no object exists with the given id. Only pre-existing "
                                   "objects can be imported; check that the id is correct and that it is "
                                   "associated with the provider's configured region or endpoint, or use "
                                   "\"terraform apply\" to create a new remote object for this resource.",
                                   address),
                       address);
    return out;
  }
  out.value = std::move(**read.value);
  return out;
}

Outcome<Value> TerraformCore::ReadDataSource(std::string_view type, std::string_view name,
                                             const Value& config) {
  Outcome<Value> out;
  const std::string address = "data." + std::string(type) + "." + std::string(name);
  const Schema* schema = DataSourceSchema(type);
  if (schema == nullptr || !process_) {
    out.diags.AddError("Invalid data source",
                       fmt::format("The provider {} does not support data source \"{}\".", ProviderQuoted(), type),
                       address);
    return out;
  }
  out.diags.Append(ValidateDataResourceConfig(type, address, config));
  if (out.diags.HasError()) {
    return out;
  }
  const Type ty = schema->block.ImpliedType();
  auto enc = Encode(config, ty, "data source config");
  out.diags.Append(enc.diags);
  if (out.diags.HasError()) {
    return out;
  }
  tfplugin6::ReadDataSource::Request req;
  req.set_type_name(std::string(type));
  *req.mutable_config() = *enc.value;
  *req.mutable_client_capabilities() = ClientCapabilities();
  tfplugin6::ReadDataSource::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().ReadDataSource(ctx.get(), req, &resp);
  if (!st.ok()) {
    out.diags.Add(GrpcErrorDiagnostic(st, "ReadDataSource", address));
    return out;
  }
  out.diags.Append(FromProto(resp.diagnostics(), address));
  if (out.diags.HasError()) {
    return out;
  }
  auto v = Decode(resp.state(), ty);
  if (!v) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("Provider {} produced an invalid value for {}: {}.\n\n{}", ProviderQuoted(),
                                   address, v.ErrorString(), BugSentence()),
                       address);
    return out;
  }
  if (v->IsNull()) {
    out.diags.AddError("Provider produced null object",
                       fmt::format("Provider {} produced a null value for {}.\n\n{}", ProviderQuoted(), address,
                                   BugSentence()),
                       address);
    return out;
  }
  if (!v->IsWhollyKnown()) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("Provider {} produced a value for {} that is not wholly known.\n\n{}",
                                   ProviderQuoted(), address, BugSentence()),
                       address);
    return out;
  }
  for (const auto& e : AssertObjectCompatible(schema->block, PlannedDataResourceObject(schema->block, config), *v)) {
    out.diags.AddError("Provider produced invalid object",
                       fmt::format("Provider {} produced an invalid value for {}.\n\n{}", ProviderQuoted(),
                                   e.FormatPrefixed(address), BugSentence()),
                       address);
  }
  if (out.diags.HasError()) {
    return out;
  }
  out.value = std::move(v).value();
  return out;
}

Outcome<std::string> TerraformCore::StopProvider() {
  Outcome<std::string> out;
  if (!process_) {
    out.diags.AddError("Harness misuse", "StopProvider needs a running process");
    return out;
  }
  tfplugin6::StopProvider::Response resp;
  auto ctx = NewContext();
  grpc::Status st = process_->provider().StopProvider(ctx.get(), {}, &resp);
  if (!st.ok()) {
    out.diags.Add(GrpcErrorDiagnostic(st, "StopProvider"));
    return out;
  }
  out.value = resp.error();
  return out;
}

}  // namespace atlas::tests::acceptance
