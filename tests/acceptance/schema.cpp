#include "tests/acceptance/schema.hpp"

#include <regex>
#include <utility>

#include <fmt/format.h>

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;

tfv::Type WithNesting(Nesting nesting, const tfv::Type& object) {
  switch (nesting) {
    case Nesting::kSingle:
    case Nesting::kGroup:
      return object;
    case Nesting::kList:
      // A list of objects that contain "dynamic" becomes a tuple in cty; its type is dynamic here.
      return object.ContainsDynamic() ? tfv::Type::Dynamic() : tfv::Type::List(object);
    case Nesting::kSet:
      return tfv::Type::Set(object);
    case Nesting::kMap:
      return object.ContainsDynamic() ? tfv::Type::Dynamic() : tfv::Type::Map(object);
  }
  return object;
}

engine::base::Result<Nesting> ConvertBlockNesting(tfplugin6::Schema::NestedBlock::NestingMode m,
                                                  const std::string& where) {
  switch (m) {
    case tfplugin6::Schema::NestedBlock::SINGLE:
      return Nesting::kSingle;
    case tfplugin6::Schema::NestedBlock::LIST:
      return Nesting::kList;
    case tfplugin6::Schema::NestedBlock::SET:
      return Nesting::kSet;
    case tfplugin6::Schema::NestedBlock::MAP:
      return Nesting::kMap;
    case tfplugin6::Schema::NestedBlock::GROUP:
      return Nesting::kGroup;
    default:
      return Error(fmt::format("{}: invalid nesting mode {}", where, static_cast<int>(m)));
  }
}

engine::base::Result<Nesting> ConvertObjectNesting(tfplugin6::Schema::Object::NestingMode m,
                                                   const std::string& where) {
  switch (m) {
    case tfplugin6::Schema::Object::SINGLE:
      return Nesting::kSingle;
    case tfplugin6::Schema::Object::LIST:
      return Nesting::kList;
    case tfplugin6::Schema::Object::SET:
      return Nesting::kSet;
    case tfplugin6::Schema::Object::MAP:
      return Nesting::kMap;
    default:
      return Error(fmt::format("{}: invalid nesting mode {}", where, static_cast<int>(m)));
  }
}

engine::base::Result<AttributeSchema> ConvertAttribute(const tfplugin6::Schema::Attribute& a,
                                                       const std::string& prefix);

engine::base::Result<std::shared_ptr<const ObjectSchema>> ConvertObject(
    const tfplugin6::Schema::Object& o, const std::string& prefix) {
  auto obj = std::make_shared<ObjectSchema>();
  auto nesting = ConvertObjectNesting(o.nesting(), prefix);
  if (!nesting) {
    return std::move(nesting).diags();
  }
  obj->nesting = *nesting;
  for (const auto& a : o.attributes()) {
    if (obj->attributes.count(a.name()) != 0) {
      return Error(fmt::format("{}{}: duplicate attribute", prefix, a.name()));
    }
    auto attr = ConvertAttribute(a, prefix);
    if (!attr) {
      return std::move(attr).diags();
    }
    obj->attributes.emplace(a.name(), std::move(attr).value());
  }
  return std::shared_ptr<const ObjectSchema>(std::move(obj));
}

engine::base::Result<AttributeSchema> ConvertAttribute(const tfplugin6::Schema::Attribute& a,
                                                       const std::string& prefix) {
  AttributeSchema out;
  out.name = a.name();
  out.required = a.required();
  out.optional = a.optional();
  out.computed = a.computed();
  out.sensitive = a.sensitive();
  out.write_only = a.write_only();
  out.deprecated = a.deprecated();
  out.description = a.description();
  const bool has_type = !a.type().empty();
  if (has_type && a.has_nested_type()) {
    return Error(fmt::format("{}: Type and NestedType cannot both be set", a.name()));
  }
  if (!has_type && !a.has_nested_type()) {
    return Error(fmt::format("{}{}: either Type or NestedType must be defined", prefix, a.name()));
  }
  if (has_type) {
    auto t = tfv::Type::FromJson(a.type());
    if (!t) {
      return Error(fmt::format("{}{}: invalid type JSON {}", prefix, a.name(), a.type()),
                   t.ErrorString());
    }
    out.type = std::move(t).value();
    return out;
  }
  auto nested = ConvertObject(a.nested_type(), prefix + a.name() + ".");
  if (!nested) {
    return std::move(nested).diags();
  }
  out.nested = std::move(nested).value();
  out.type = out.nested->ImpliedType();
  return out;
}

engine::base::Result<std::shared_ptr<const BlockSchema>> ConvertBlock(
    const tfplugin6::Schema::Block& b, const std::string& prefix) {
  auto block = std::make_shared<BlockSchema>();
  block->computed = b.computed();
  block->deprecated = b.deprecated();
  block->description = b.description();
  for (const auto& a : b.attributes()) {
    if (block->attributes.count(a.name()) != 0) {
      return Error(fmt::format("{}{}: duplicate attribute", prefix, a.name()));
    }
    auto attr = ConvertAttribute(a, prefix);
    if (!attr) {
      return std::move(attr).diags();
    }
    block->attributes.emplace(a.name(), std::move(attr).value());
  }
  for (const auto& nb : b.block_types()) {
    const std::string where = prefix + nb.type_name();
    if (block->block_types.count(nb.type_name()) != 0) {
      return Error(fmt::format("{}: duplicate block type", where));
    }
    if (!nb.has_block()) {
      return Error(fmt::format("{}: nested block has no block schema", where),
                   "core reads NestedBlock.block without a nil check and would crash");
    }
    NestedBlockSchema out;
    out.type_name = nb.type_name();
    auto nesting = ConvertBlockNesting(nb.nesting(), where);
    if (!nesting) {
      return std::move(nesting).diags();
    }
    out.nesting = *nesting;
    out.min_items = nb.min_items();
    out.max_items = nb.max_items();
    auto inner = ConvertBlock(nb.block(), where + ".");
    if (!inner) {
      return std::move(inner).diags();
    }
    out.block = std::move(inner).value();
    block->block_types.emplace(nb.type_name(), std::move(out));
  }
  return std::shared_ptr<const BlockSchema>(std::move(block));
}

const std::regex& ValidName() {
  static const std::regex re("^[a-z0-9_]+$");
  return re;
}

void ValidateAttribute(const AttributeSchema& a, const std::string& prefix,
                       std::vector<std::string>& errs) {
  const std::string& name = a.name;
  if (!a.optional && !a.required && !a.computed) {
    errs.push_back(fmt::format("{}{}: must set Optional, Required or Computed", prefix, name));
  }
  if (a.optional && a.required) {
    errs.push_back(fmt::format("{}{}: cannot set both Optional and Required", prefix, name));
  }
  if (a.computed && a.required) {
    errs.push_back(fmt::format("{}{}: cannot set both Computed and Required", prefix, name));
  }
  if (!a.nested) {
    return;
  }
  if (a.nested->nesting == Nesting::kGroup) {
    errs.push_back(fmt::format("{}{}: invalid nesting mode {}", prefix, name,
                               NestingName(a.nested->nesting)));
  }
  if (a.nested->nesting == Nesting::kSet) {
    if (a.type.ContainsDynamic()) {
      errs.push_back(fmt::format(
          "{}{}: NestingSet attributes may not contain attributes of cty.DynamicPseudoType", prefix,
          name));
    }
    for (const auto& [n, inner] : a.nested->attributes) {
      if (inner.write_only) {
        errs.push_back(fmt::format("{}{}: NestingSet attributes may not contain WriteOnly attributes",
                                   prefix, name));
        break;
      }
    }
  }
  for (const auto& [n, inner] : a.nested->attributes) {
    ValidateAttribute(inner, prefix, errs);
  }
}

bool ContainsWriteOnly(const BlockSchema& b) {
  for (const auto& [n, a] : b.attributes) {
    if (a.write_only) {
      return true;
    }
  }
  for (const auto& [n, nb] : b.block_types) {
    if (ContainsWriteOnly(*nb.block)) {
      return true;
    }
  }
  return false;
}

void ValidateBlock(const BlockSchema& b, const std::string& prefix, std::vector<std::string>& errs) {
  for (const auto& [name, a] : b.attributes) {
    ValidateAttribute(a, prefix, errs);
  }
  for (const auto& [name, nb] : b.block_types) {
    if (b.attributes.count(name) != 0) {
      errs.push_back(
          fmt::format("{}{}: name defined as both attribute and child block type", prefix, name));
    } else if (!std::regex_match(name, ValidName())) {
      errs.push_back(fmt::format(
          "{}{}: name may contain only lowercase letters, digits and underscores", prefix, name));
    }
    if (nb.min_items < 0 || nb.max_items < 0) {
      errs.push_back(fmt::format("{}{}: MinItems and MaxItems must both be greater than zero",
                                 prefix, name));
    }
    switch (nb.nesting) {
      case Nesting::kSingle:
        if (nb.min_items != nb.max_items) {
          errs.push_back(fmt::format("{}{}: MinItems and MaxItems must match in NestingSingle mode",
                                     prefix, name));
        } else if (nb.min_items < 0 || nb.min_items > 1) {
          errs.push_back(fmt::format(
              "{}{}: MinItems and MaxItems must be set to either 0 or 1 in NestingSingle mode",
              prefix, name));
        }
        break;
      case Nesting::kGroup:
        if (nb.min_items != 0 || nb.max_items != 0) {
          errs.push_back(fmt::format(
              "{}{}: MinItems and MaxItems cannot be used in NestingGroup mode", prefix, name));
        }
        break;
      case Nesting::kList:
      case Nesting::kSet:
        if (nb.min_items > nb.max_items && nb.max_items != 0) {
          errs.push_back(fmt::format("{}{}: MinItems must be less than or equal to MaxItems in {} mode",
                                     prefix, name, NestingName(nb.nesting)));
        }
        if (nb.nesting == Nesting::kSet) {
          if (nb.block->ImpliedType().ContainsDynamic()) {
            errs.push_back(fmt::format(
                "{}{}: NestingSet blocks may not contain attributes of cty.DynamicPseudoType", prefix,
                name));
          }
          if (ContainsWriteOnly(*nb.block)) {
            errs.push_back(fmt::format("{}{}: NestingSet blocks may not contain WriteOnly attributes",
                                       prefix, name));
          }
        }
        break;
      case Nesting::kMap:
        if (nb.min_items != 0 || nb.max_items != 0) {
          errs.push_back(fmt::format("{}{}: MinItems and MaxItems must both be 0 in NestingMap mode",
                                     prefix, name));
        }
        break;
    }
    if (nb.block->computed && nb.min_items > 0) {
      errs.push_back(
          fmt::format("{}{}: computed blocks may not have MinItems greater than zero", prefix, name));
    }
    if (nb.block->computed && nb.nesting == Nesting::kGroup) {
      errs.push_back(fmt::format("{}{}: NestingGroup blocks cannot be computed", prefix, name));
    }
    ValidateBlock(*nb.block, prefix + name + ".", errs);
  }
}

}  // namespace

const char* NestingName(Nesting n) {
  switch (n) {
    case Nesting::kSingle:
      return "NestingSingle";
    case Nesting::kList:
      return "NestingList";
    case Nesting::kSet:
      return "NestingSet";
    case Nesting::kMap:
      return "NestingMap";
    case Nesting::kGroup:
      return "NestingGroup";
  }
  return "NestingInvalid";
}

tfv::Type ObjectSchema::ObjectType() const {
  std::map<std::string, tfv::Type> attrs;
  for (const auto& [name, a] : attributes) {
    attrs.emplace(name, a.type);
  }
  return tfv::Type::Object(std::move(attrs));
}

tfv::Type ObjectSchema::ImpliedType() const { return WithNesting(nesting, ObjectType()); }

tfv::Type NestedBlockSchema::ImpliedType() const {
  return WithNesting(nesting, block->ImpliedType());
}

tfv::Type BlockSchema::ImpliedType() const {
  std::map<std::string, tfv::Type> attrs;
  for (const auto& [name, a] : attributes) {
    attrs.emplace(name, a.type);
  }
  for (const auto& [name, nb] : block_types) {
    attrs.emplace(name, nb.ImpliedType());
  }
  return tfv::Type::Object(std::move(attrs));
}

tfv::Value BlockSchema::EmptyValue() const {
  std::map<std::string, tfv::Value> attrs;
  for (const auto& [name, a] : attributes) {
    attrs.emplace(name, tfv::NullVal(a.type));
  }
  for (const auto& [name, nb] : block_types) {
    tfv::Type t = nb.ImpliedType();
    switch (nb.nesting) {
      case Nesting::kSingle:
        attrs.emplace(name, tfv::NullVal(t));
        break;
      case Nesting::kGroup:
        attrs.emplace(name, nb.block->EmptyValue());
        break;
      case Nesting::kList:
        attrs.emplace(name, t.IsDynamic() ? tfv::TupleVal({}) : tfv::ListValEmpty(t.ElementType()));
        break;
      case Nesting::kSet:
        attrs.emplace(name, tfv::SetValEmpty(t.ElementType()));
        break;
      case Nesting::kMap:
        attrs.emplace(name, t.IsDynamic() ? tfv::ObjectVal({}) : tfv::MapValEmpty(t.ElementType()));
        break;
    }
  }
  return tfv::ObjectVal(std::move(attrs));
}

namespace {

const AttributeSchema* ObjectAttributeByPath(const ObjectSchema& o, const std::vector<tfv::PathStep>& steps,
                                             std::size_t from) {
  for (std::size_t i = from; i < steps.size(); ++i) {
    if (steps[i].kind != tfv::PathStep::Kind::kAttribute) {
      continue;
    }
    auto it = o.attributes.find(steps[i].name);
    if (it == o.attributes.end()) {
      continue;
    }
    const AttributeSchema& a = it->second;
    if (a.nested && i + 1 < steps.size()) {
      return ObjectAttributeByPath(*a.nested, steps, i + 1);
    }
    if (i + 1 < steps.size()) {
      return nullptr;
    }
    return &a;
  }
  return nullptr;
}

}  // namespace

const AttributeSchema* BlockSchema::AttributeByPath(const tfv::Path& path) const {
  const BlockSchema* block = this;
  const auto& steps = path.steps();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].kind != tfv::PathStep::Kind::kAttribute) {
      continue;
    }
    if (auto it = block->attributes.find(steps[i].name); it != block->attributes.end()) {
      const AttributeSchema& a = it->second;
      if (a.nested && i + 1 < steps.size()) {
        return ObjectAttributeByPath(*a.nested, steps, i + 1);
      }
      if (i + 1 < steps.size()) {
        return nullptr;
      }
      return &a;
    }
    if (auto it = block->block_types.find(steps[i].name); it != block->block_types.end()) {
      block = it->second.block.get();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

bool BlockSchema::PathExists(const tfv::Path& path) const {
  const auto& steps = path.steps();
  if (steps.empty() || steps[0].kind != tfv::PathStep::Kind::kAttribute) {
    return false;
  }
  if (attributes.count(steps[0].name) != 0) {
    return true;  // deeper steps inside an attribute value are not checked against the schema
  }
  auto it = block_types.find(steps[0].name);
  if (it == block_types.end()) {
    return false;
  }
  std::size_t next = 1;
  if (it->second.nesting != Nesting::kSingle && it->second.nesting != Nesting::kGroup) {
    if (steps.size() == 1) {
      return true;
    }
    if (steps[1].kind == tfv::PathStep::Kind::kAttribute) {
      return false;
    }
    next = 2;
  }
  if (next >= steps.size()) {
    return true;
  }
  return it->second.block->PathExists(
      tfv::Path(std::vector<tfv::PathStep>(steps.begin() + static_cast<std::ptrdiff_t>(next),
                                           steps.end())));
}

engine::base::Result<Schema> ConvertSchema(const tfplugin6::Schema& schema) {
  if (!schema.has_block()) {
    return Error("schema has no block", "core reads Schema.block without a nil check");
  }
  if (schema.version() < 0) {
    return Error(fmt::format("negative schema version {}", schema.version()));
  }
  auto block = ConvertBlock(schema.block(), "");
  if (!block) {
    return std::move(block).diags();
  }
  Schema out;
  out.version = schema.version();
  out.block = **block;
  return out;
}

std::vector<std::string> InternalValidate(const BlockSchema& block) {
  std::vector<std::string> errs;
  ValidateBlock(block, "", errs);
  return errs;
}

engine::base::Result<ProviderSchemas> ConvertProviderSchemas(
    const tfplugin6::GetProviderSchema::Response& response) {
  engine::base::Diagnostics diags;
  ProviderSchemas out;
  auto check = [&](const tfplugin6::Schema& s, const std::string& what) -> std::optional<Schema> {
    auto conv = ConvertSchema(s);
    if (!conv) {
      for (const auto& d : conv.diags()) {
        diags.AddError(fmt::format("Invalid {} schema", what), d.ToString());
      }
      return std::nullopt;
    }
    for (const auto& e : InternalValidate(conv->block)) {
      diags.AddError(fmt::format("Invalid {} schema", what), e);
    }
    return std::move(conv).value();
  };
  if (!response.has_provider()) {
    diags.AddError("missing provider schema",
                   "GetProviderSchema.Response.provider must be set, even with an empty block");
  } else if (auto s = check(response.provider(), "provider"); s) {
    out.provider = std::move(*s);
  }
  for (const auto& [name, s] : response.resource_schemas()) {
    if (auto conv = check(s, "resource " + name); conv) {
      out.resources.emplace(name, std::move(*conv));
    }
  }
  for (const auto& [name, s] : response.data_source_schemas()) {
    if (auto conv = check(s, "data source " + name); conv) {
      out.data_sources.emplace(name, std::move(*conv));
    }
  }
  out.has_provider_meta = response.has_provider_meta();
  if (response.has_server_capabilities()) {
    const auto& c = response.server_capabilities();
    out.plan_destroy = c.plan_destroy();
    out.get_provider_schema_optional = c.get_provider_schema_optional();
    out.move_resource_state = c.move_resource_state();
    out.generate_resource_config = c.generate_resource_config();
  }
  if (diags.HasError()) {
    return diags;
  }
  return out;
}

}  // namespace atlas::tests::acceptance
