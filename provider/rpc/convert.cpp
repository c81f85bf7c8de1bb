#include "provider/rpc/convert.hpp"

#include <algorithm>
#include <vector>

#include "provider/tfvalue/json_codec.hpp"
#include "provider/tfvalue/msgpack_codec.hpp"

namespace atlas::provider::rpc {

tfvalue::Value DecodeDynamicValue(const tfplugin6::DynamicValue& dv, const tfvalue::Type& type,
                                  const std::string& what, framework::Diagnostics& diags) {
  if (!dv.msgpack().empty()) {
    auto v = tfvalue::DecodeMsgpack(dv.msgpack(), type);
    if (!v.ok()) {
      diags.AddError("Invalid request value",
                     "Unable to decode " + what + " from msgpack: " + v.ErrorString());
      return tfvalue::NullVal(type);
    }
    return std::move(v).value();
  }
  if (!dv.json().empty()) {
    auto v = tfvalue::DecodeJson(dv.json(), type, tfvalue::JsonDecodeOptions{false});
    if (!v.ok()) {
      diags.AddError("Invalid request value",
                     "Unable to decode " + what + " from JSON: " + v.ErrorString());
      return tfvalue::NullVal(type);
    }
    return std::move(v).value();
  }
  return tfvalue::NullVal(type);
}

void EncodeDynamicValue(const tfvalue::Value& v, const tfvalue::Type& type, const std::string& what,
                        tfplugin6::DynamicValue* out, framework::Diagnostics& diags) {
  auto bytes = tfvalue::EncodeMsgpack(v, type);
  if (!bytes.ok()) {
    diags.AddError("Internal error", "Unable to encode " + what +
                                         " as msgpack: " + bytes.ErrorString() +
                                         ". This is a bug in the provider; please report it.");
    out->set_msgpack(std::string("\xc0", 1));  // null
    return;
  }
  out->set_msgpack(std::move(bytes).value());
}

void ToProto(const framework::AttributePath& path, tfplugin6::AttributePath* out) {
  for (const auto& step : path.steps()) {
    auto* s = out->add_steps();
    switch (step.kind) {
      case tfvalue::PathStep::Kind::kAttribute:
        s->set_attribute_name(step.name);
        break;
      case tfvalue::PathStep::Kind::kIndex:
        s->set_element_key_int(step.index);
        break;
      case tfvalue::PathStep::Kind::kKey:
        s->set_element_key_string(step.name);
        break;
    }
  }
}

framework::AttributePath FromProto(const tfplugin6::AttributePath& path) {
  std::vector<tfvalue::PathStep> steps;
  for (const auto& s : path.steps()) {
    switch (s.selector_case()) {
      case tfplugin6::AttributePath::Step::kAttributeName:
        steps.push_back(tfvalue::PathStep::Attribute(s.attribute_name()));
        break;
      case tfplugin6::AttributePath::Step::kElementKeyString:
        steps.push_back(tfvalue::PathStep::Key(s.element_key_string()));
        break;
      case tfplugin6::AttributePath::Step::kElementKeyInt:
        steps.push_back(tfvalue::PathStep::Index(s.element_key_int()));
        break;
      case tfplugin6::AttributePath::Step::SELECTOR_NOT_SET:
        break;
    }
  }
  return framework::AttributePath(std::move(steps));
}

void ToProto(const framework::Diagnostic& d, tfplugin6::Diagnostic* out) {
  out->set_severity(d.severity == framework::Severity::kError ? tfplugin6::Diagnostic::ERROR
                                                              : tfplugin6::Diagnostic::WARNING);
  out->set_summary(d.summary);
  out->set_detail(d.detail);
  if (d.attribute && !d.attribute->empty()) {
    ToProto(*d.attribute, out->mutable_attribute());
  }
}

void AppendDiagnostics(const framework::Diagnostics& diags,
                       google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out) {
  for (const auto& d : diags) {
    ToProto(d, out->Add());
  }
}

namespace {

tfplugin6::StringKind Kind(bool markdown) {
  return markdown ? tfplugin6::StringKind::MARKDOWN : tfplugin6::StringKind::PLAIN;
}

tfplugin6::Schema::NestedBlock::NestingMode Nesting(framework::NestingMode mode) {
  switch (mode) {
    case framework::NestingMode::kSingle:
      return tfplugin6::Schema::NestedBlock::SINGLE;
    case framework::NestingMode::kList:
      return tfplugin6::Schema::NestedBlock::LIST;
    case framework::NestingMode::kSet:
      return tfplugin6::Schema::NestedBlock::SET;
    case framework::NestingMode::kMap:
      return tfplugin6::Schema::NestedBlock::MAP;
    case framework::NestingMode::kGroup:
      return tfplugin6::Schema::NestedBlock::GROUP;
  }
  return tfplugin6::Schema::NestedBlock::INVALID;
}

}  // namespace

void ToProto(const framework::Block& block, tfplugin6::Schema::Block* out) {
  std::vector<const framework::Attribute*> attributes;
  for (const auto& a : block.attributes) {
    attributes.push_back(&a);
  }
  std::sort(attributes.begin(), attributes.end(),
            [](const auto* a, const auto* b) { return a->name < b->name; });
  for (const auto* a : attributes) {
    auto* pa = out->add_attributes();
    pa->set_name(a->name);
    pa->set_type(a->type.ToJson());
    pa->set_description(a->description);
    pa->set_description_kind(Kind(a->markdown));
    pa->set_required(a->required);
    pa->set_optional(a->optional);
    pa->set_computed(a->computed);
    pa->set_sensitive(a->sensitive);
    pa->set_write_only(a->write_only);
    if (a->deprecated()) {
      pa->set_deprecated(true);
      pa->set_deprecation_message(a->deprecation_message);
    }
  }
  std::vector<const framework::NestedBlock*> blocks;
  for (const auto& b : block.block_types) {
    blocks.push_back(&b);
  }
  std::sort(blocks.begin(), blocks.end(),
            [](const auto* a, const auto* b) { return a->type_name < b->type_name; });
  for (const auto* b : blocks) {
    auto* pb = out->add_block_types();
    pb->set_type_name(b->type_name);
    pb->set_nesting(Nesting(b->nesting));
    pb->set_min_items(b->min_items);
    pb->set_max_items(b->max_items);
    ToProto(b->block, pb->mutable_block());
  }
  out->set_description(block.description);
  out->set_description_kind(Kind(block.markdown));
  if (block.deprecated()) {
    out->set_deprecated(true);
    out->set_deprecation_message(block.deprecation_message);
  }
}

void ToProto(const framework::Schema& schema, tfplugin6::Schema* out) {
  out->set_version(schema.version);
  ToProto(schema.block, out->mutable_block());
}

}  // namespace atlas::provider::rpc
