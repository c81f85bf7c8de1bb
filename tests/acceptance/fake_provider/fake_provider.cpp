#include "tests/acceptance/fake_provider/fake_provider.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "provider/tfvalue/json_codec.hpp"
#include "provider/tfvalue/msgpack_codec.hpp"
#include "tests/acceptance/schema.hpp"

namespace atlas::tests::acceptance::fake {
namespace {

namespace tfv = ::atlas::provider::tfvalue;
using tfv::Type;
using tfv::Value;

// Bugs the fake can simulate (FAKE_PROVIDER_BUGS):
//  plan_rewrites_config   planned `name` is upper-cased (invalid plan)
//  null_list_block        planned `tag` block list is null (invalid plan)
//  missing_attribute      planned_state omits the `secret` key (invalid msgpack object)
//  final_plan_differs     planned `size` counts plan calls (inconsistent final plan)
//  destroy_plan_non_null  destroy plan returns the prior object
//  apply_changes_value    apply appends "!" to `value` (inconsistent result after apply)
//  apply_unknown          apply leaves `id` unknown
//  create_returns_null    apply of a create returns null
//  delete_returns_object  apply of a delete returns the prior object
//  read_drops_value       refresh returns `value` = null (perpetual diff)
//  read_returns_nothing   refresh returns an empty response (reads as "deleted")
//  lose_private           plan/apply return no private bytes
//  import_none            import returns no objects
//  data_null              data source returns null
//  invalid_severity       validation returns a diagnostic with severity INVALID
//  (stdout_noise, exit_code_3 are handled in main)

void AddError(google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* diags, const std::string& summary,
              const std::string& detail, const std::string& attribute = {}) {
  auto* d = diags->Add();
  d->set_severity(tfplugin6::Diagnostic::ERROR);
  d->set_summary(summary);
  d->set_detail(detail);
  if (!attribute.empty()) {
    d->mutable_attribute()->add_steps()->set_attribute_name(attribute);
  }
}

tfplugin6::Schema::Attribute* AddAttr(tfplugin6::Schema::Block* b, const std::string& name, const std::string& type,
                                      bool required, bool optional, bool computed, bool sensitive = false) {
  auto* a = b->add_attributes();
  a->set_name(name);
  a->set_type(type);
  a->set_required(required);
  a->set_optional(optional);
  a->set_computed(computed);
  a->set_sensitive(sensitive);
  return a;
}

const BlockSchema& ThingSchema() {
  static const Schema s = *ConvertSchema(FakeSchema().resource_schemas().at("fake_thing"));
  return s.block;
}
const BlockSchema& DataSchema() {
  static const Schema s = *ConvertSchema(FakeSchema().data_source_schemas().at("fake_data"));
  return s.block;
}
const BlockSchema& ProviderBlock() {
  static const Schema s = *ConvertSchema(FakeSchema().provider());
  return s.block;
}

engine::base::Result<Value> Decode(const tfplugin6::DynamicValue& dv, const Type& t) {
  if (dv.msgpack().empty()) {
    return tfv::NullVal(t);
  }
  return tfv::DecodeMsgpack(dv.msgpack(), t);
}

void Encode(const Value& v, const Type& t, tfplugin6::DynamicValue* out) {
  out->set_msgpack(tfv::EncodeMsgpack(v, t).value());
}

std::string Str(const Value& v) { return v.IsKnownNonNull() ? v.AsString() : std::string(); }

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::filesystem::path ObjectFile(const std::string& store, const std::string& id) {
  return std::filesystem::path(store) / (id + ".json");
}

std::optional<Value> LoadObject(const std::string& store, const std::string& id) {
  std::ifstream in(ObjectFile(store, id));
  if (!in) {
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto v = tfv::DecodeJson(ss.str(), ThingSchema().ImpliedType());
  if (!v) {
    return std::nullopt;
  }
  return *v;
}

void SaveObject(const std::string& store, const Value& v) {
  std::ofstream out(ObjectFile(store, v.GetAttr("id").AsString()), std::ios::trunc);
  out << tfv::EncodeJson(v, ThingSchema().ImpliedType()).value();
}

int NextCounter(const std::string& store) {
  std::filesystem::path p = std::filesystem::path(store) / "plan-counter";
  int n = 0;
  {
    std::ifstream in(p);
    in >> n;
  }
  ++n;
  std::ofstream out(p, std::ios::trunc);
  out << n;
  return n;
}

}  // namespace

tfplugin6::GetProviderSchema::Response FakeSchema() {
  tfplugin6::GetProviderSchema::Response r;
  auto* pb = r.mutable_provider()->mutable_block();
  AddAttr(pb, "store", "\"string\"", false, true, false);
  AddAttr(pb, "greeting", "\"string\"", false, true, false, true);

  tfplugin6::Schema thing;
  thing.set_version(1);
  auto* tb = thing.mutable_block();
  AddAttr(tb, "name", "\"string\"", true, false, false);
  AddAttr(tb, "value", "\"string\"", false, true, false);
  AddAttr(tb, "size", "\"number\"", false, true, true);
  AddAttr(tb, "id", "\"string\"", false, false, true);
  AddAttr(tb, "secret", "\"string\"", false, true, false, true);
  AddAttr(tb, "labels", "[\"map\",\"string\"]", false, true, false);
  auto* tag = tb->add_block_types();
  tag->set_type_name("tag");
  tag->set_nesting(tfplugin6::Schema::NestedBlock::LIST);
  AddAttr(tag->mutable_block(), "key", "\"string\"", true, false, false);
  AddAttr(tag->mutable_block(), "val", "\"string\"", false, true, true);
  (*r.mutable_resource_schemas())["fake_thing"] = thing;

  tfplugin6::Schema data;
  auto* db = data.mutable_block();
  AddAttr(db, "input", "\"string\"", true, false, false);
  AddAttr(db, "output", "\"string\"", false, false, true);
  AddAttr(db, "id", "\"string\"", false, false, true);
  (*r.mutable_data_source_schemas())["fake_data"] = data;

  r.mutable_server_capabilities()->set_plan_destroy(true);
  r.mutable_server_capabilities()->set_get_provider_schema_optional(true);
  return r;
}

std::string FakeProviderService::Store() const {
  std::lock_guard<std::mutex> lock(mu_);
  return store_;
}

grpc::Status FakeProviderService::GetProviderSchema(grpc::ServerContext*, const tfplugin6::GetProviderSchema::Request*,
                                                    tfplugin6::GetProviderSchema::Response* resp) {
  *resp = FakeSchema();
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::ValidateProviderConfig(grpc::ServerContext*,
                                                         const tfplugin6::ValidateProviderConfig::Request* req,
                                                         tfplugin6::ValidateProviderConfig::Response* resp) {
  auto cfg = Decode(req->config(), ProviderBlock().ImpliedType());
  if (!cfg) {
    AddError(resp->mutable_diagnostics(), "Bad provider config", cfg.ErrorString());
  }
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::ValidateResourceConfig(grpc::ServerContext*,
                                                         const tfplugin6::ValidateResourceConfig::Request* req,
                                                         tfplugin6::ValidateResourceConfig::Response* resp) {
  auto cfg = Decode(req->config(), ThingSchema().ImpliedType());
  if (!cfg) {
    AddError(resp->mutable_diagnostics(), "Bad config", cfg.ErrorString());
    return grpc::Status::OK;
  }
  Value name = cfg->GetAttr("name");
  if (name.IsKnownNonNull() && name.AsString() == "invalid") {
    AddError(resp->mutable_diagnostics(), "Invalid name", "name must not be \"invalid\"", "name");
  }
  Value value = cfg->GetAttr("value");
  if (value.IsKnownNonNull() && value.AsString() == "warn") {
    auto* d = resp->add_diagnostics();
    d->set_severity(Bug("invalid_severity") ? tfplugin6::Diagnostic::INVALID : tfplugin6::Diagnostic::WARNING);
    d->set_summary("Value warning");
    d->set_detail("value is \"warn\"");
    d->mutable_attribute()->add_steps()->set_attribute_name("value");
  }
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::ValidateDataResourceConfig(grpc::ServerContext*,
                                                             const tfplugin6::ValidateDataResourceConfig::Request* req,
                                                             tfplugin6::ValidateDataResourceConfig::Response* resp) {
  auto cfg = Decode(req->config(), DataSchema().ImpliedType());
  if (!cfg) {
    AddError(resp->mutable_diagnostics(), "Bad config", cfg.ErrorString());
  }
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::UpgradeResourceState(grpc::ServerContext*,
                                                       const tfplugin6::UpgradeResourceState::Request* req,
                                                       tfplugin6::UpgradeResourceState::Response* resp) {
  const Type t = ThingSchema().ImpliedType();
  auto v = tfv::DecodeJson(req->raw_state().json(), t);
  if (!v) {
    AddError(resp->mutable_diagnostics(), "Cannot upgrade state", v.ErrorString());
    return grpc::Status::OK;
  }
  Encode(*v, t, resp->mutable_upgraded_state());
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::ConfigureProvider(grpc::ServerContext*,
                                                    const tfplugin6::ConfigureProvider::Request* req,
                                                    tfplugin6::ConfigureProvider::Response* resp) {
  auto cfg = Decode(req->config(), ProviderBlock().ImpliedType());
  if (!cfg || !cfg->GetAttr("store").IsKnownNonNull()) {
    AddError(resp->mutable_diagnostics(), "Missing store", "the fake provider needs `store`", "store");
    return grpc::Status::OK;
  }
  if (req->terraform_version().empty()) {
    AddError(resp->mutable_diagnostics(), "Missing terraform_version", "core always sends it");
  }
  std::lock_guard<std::mutex> lock(mu_);
  store_ = cfg->GetAttr("store").AsString();
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::ReadResource(grpc::ServerContext*, const tfplugin6::ReadResource::Request* req,
                                               tfplugin6::ReadResource::Response* resp) {
  const Type t = ThingSchema().ImpliedType();
  auto cur = Decode(req->current_state(), t);
  if (!cur || cur->IsNull()) {
    AddError(resp->mutable_diagnostics(), "Bad current state", cur ? "null" : cur.ErrorString());
    return grpc::Status::OK;
  }
  if (Bug("read_returns_nothing")) {
    return grpc::Status::OK;
  }
  if (req->private_().rfind("pp:", 0) != 0) {
    AddError(resp->mutable_diagnostics(), "Private state lost",
             fmt::format("ReadResource got private \"{}\"", req->private_()));
    return grpc::Status::OK;
  }
  std::optional<Value> stored = LoadObject(Store(), Str(cur->GetAttr("id")));
  if (!stored) {
    return grpc::Status::OK;  // gone
  }
  Value v = *stored;
  if (Bug("read_drops_value")) {
    v = v.SetAttr("value", tfv::NullVal(Type::String()));
  }
  Encode(v, t, resp->mutable_new_state());
  resp->set_private_(req->private_());
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::PlanResourceChange(grpc::ServerContext*,
                                                     const tfplugin6::PlanResourceChange::Request* req,
                                                     tfplugin6::PlanResourceChange::Response* resp) {
  const Type t = ThingSchema().ImpliedType();
  auto prior = Decode(req->prior_state(), t);
  auto proposed = Decode(req->proposed_new_state(), t);
  auto config = Decode(req->config(), t);
  if (!prior || !proposed || !config) {
    AddError(resp->mutable_diagnostics(), "Bad plan request", "undecodable value");
    return grpc::Status::OK;
  }
  if (!prior->IsNull() && req->prior_private().rfind("pp:", 0) != 0) {
    AddError(resp->mutable_diagnostics(), "Private state lost",
             fmt::format("PlanResourceChange got prior_private \"{}\"", req->prior_private()));
    return grpc::Status::OK;
  }
  if (proposed->IsNull()) {  // destroy
    if (Bug("destroy_plan_non_null")) {
      Encode(*prior, t, resp->mutable_planned_state());
    } else {
      Encode(tfv::NullVal(t), t, resp->mutable_planned_state());
    }
    resp->set_planned_private(req->prior_private());
    return grpc::Status::OK;
  }
  Value planned = *proposed;
  const Value name = config->GetAttr("name");
  if (prior->IsNull()) {
    planned = planned.SetAttr("id", tfv::UnknownVal(Type::String()));
  } else {
    planned = planned.SetAttr("id", prior->GetAttr("id"));
    if (!name.RawEquals(prior->GetAttr("name"))) {
      resp->add_requires_replace()->add_steps()->set_attribute_name("name");
    }
  }
  if (config->GetAttr("size").IsNull()) {
    planned = planned.SetAttr("size", name.IsKnownNonNull()
                                          ? tfv::NumberIntVal(static_cast<int64_t>(name.AsString().size()))
                                          : tfv::UnknownVal(Type::Number()));
  }
  if (Bug("final_plan_differs")) {
    planned = planned.SetAttr("size", tfv::NumberIntVal(NextCounter(Store())));
  }
  // Computed `val` of tag blocks: "v-<key>" unless configured.
  Value tags = planned.GetAttr("tag");
  if (tags.IsKnownNonNull()) {
    std::vector<Value> out;
    for (const auto& tag : tags.Elements()) {
      Value key = tag.GetAttr("key");
      if (tag.GetAttr("val").IsNull()) {
        out.push_back(tag.SetAttr("val", key.IsKnownNonNull() ? tfv::StringVal("v-" + key.AsString())
                                                              : tfv::UnknownVal(Type::String())));
      } else {
        out.push_back(tag);
      }
    }
    planned = planned.SetAttr("tag", tfv::ListVal(tags.type().ElementType(), std::move(out)));
  }
  if (Bug("plan_rewrites_config") && name.IsKnownNonNull()) {
    planned = planned.SetAttr("name", tfv::StringVal(Upper(name.AsString())));
  }
  if (Bug("null_list_block")) {
    planned = planned.SetAttr("tag", tfv::NullVal(tags.type()));
  }
  if (Bug("missing_attribute")) {
    // Re-encode without the `secret` key.
    std::map<std::string, Type> attrs = t.AttributeTypes();
    attrs.erase("secret");
    std::map<std::string, Value> vals = planned.Attributes();
    vals.erase("secret");
    Encode(tfv::ObjectVal(vals), Type::Object(attrs), resp->mutable_planned_state());
  } else {
    Encode(planned, t, resp->mutable_planned_state());
  }
  if (!Bug("lose_private")) {
    resp->set_planned_private("pp:" + Str(name));
  }
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::ApplyResourceChange(grpc::ServerContext*,
                                                      const tfplugin6::ApplyResourceChange::Request* req,
                                                      tfplugin6::ApplyResourceChange::Response* resp) {
  const Type t = ThingSchema().ImpliedType();
  auto prior = Decode(req->prior_state(), t);
  auto planned = Decode(req->planned_state(), t);
  auto config = Decode(req->config(), t);
  if (!prior || !planned || !config) {
    AddError(resp->mutable_diagnostics(), "Bad apply request", "undecodable value");
    return grpc::Status::OK;
  }
  const std::string store = Store();
  if (planned->IsNull()) {
    std::error_code ec;
    std::filesystem::remove(ObjectFile(store, Str(prior->GetAttr("id"))), ec);
    Encode(Bug("delete_returns_object") ? *prior : tfv::NullVal(t), t, resp->mutable_new_state());
    return grpc::Status::OK;
  }
  if (!config->IsWhollyKnown()) {
    AddError(resp->mutable_diagnostics(), "Unknown config at apply", "core must send a wholly known config");
    return grpc::Status::OK;
  }
  if (req->planned_private() != "pp:" + Str(config->GetAttr("name"))) {
    AddError(resp->mutable_diagnostics(), "Private state lost",
             fmt::format("ApplyResourceChange got planned_private \"{}\"", req->planned_private()));
    return grpc::Status::OK;
  }
  Value v = *planned;
  if (v.GetAttr("id").IsUnknown() && !Bug("apply_unknown")) {
    v = v.SetAttr("id", tfv::StringVal("id-" + Str(v.GetAttr("name"))));
  }
  if (Bug("apply_changes_value")) {
    v = v.SetAttr("value", tfv::StringVal(Str(v.GetAttr("value")) + "!"));
  }
  if (v.IsWhollyKnown()) {
    SaveObject(store, v);
  }
  if (Bug("create_returns_null") && prior->IsNull()) {
    Encode(tfv::NullVal(t), t, resp->mutable_new_state());
  } else {
    Encode(v, t, resp->mutable_new_state());
  }
  if (!Bug("lose_private")) {
    resp->set_private_(req->planned_private());
  }
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::ImportResourceState(grpc::ServerContext*,
                                                      const tfplugin6::ImportResourceState::Request* req,
                                                      tfplugin6::ImportResourceState::Response* resp) {
  if (Bug("import_none")) {
    return grpc::Status::OK;
  }
  std::optional<Value> stored = LoadObject(Store(), req->id());
  if (!stored) {
    AddError(resp->mutable_diagnostics(), "Cannot import", fmt::format("no object with id \"{}\"", req->id()));
    return grpc::Status::OK;
  }
  auto* obj = resp->add_imported_resources();
  obj->set_type_name(req->type_name());
  Encode(*stored, ThingSchema().ImpliedType(), obj->mutable_state());
  obj->set_private_("pp:" + Str(stored->GetAttr("name")));
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::ReadDataSource(grpc::ServerContext*, const tfplugin6::ReadDataSource::Request* req,
                                                 tfplugin6::ReadDataSource::Response* resp) {
  const Type t = DataSchema().ImpliedType();
  auto cfg = Decode(req->config(), t);
  if (!cfg || !cfg->IsWhollyKnown()) {
    AddError(resp->mutable_diagnostics(), "Bad data config", "config must be wholly known");
    return grpc::Status::OK;
  }
  if (Bug("data_null")) {
    return grpc::Status::OK;
  }
  const std::string input = Str(cfg->GetAttr("input"));
  Value v = cfg->SetAttr("output", tfv::StringVal("out:" + input)).SetAttr("id", tfv::StringVal("data-" + input));
  Encode(v, t, resp->mutable_state());
  return grpc::Status::OK;
}

grpc::Status FakeProviderService::StopProvider(grpc::ServerContext*, const tfplugin6::StopProvider::Request*,
                                               tfplugin6::StopProvider::Response*) {
  return grpc::Status::OK;
}

}  // namespace atlas::tests::acceptance::fake
