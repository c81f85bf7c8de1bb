#include "provider/framework/schema.hpp"

#include <map>
#include <set>
#include <utility>

namespace atlas::provider::framework {

Attribute Attribute::Of(std::string name, tfvalue::Type type) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  return a;
}

Block& Block::Add(Attribute a) {
  attributes.push_back(std::move(a));
  return *this;
}

Block& Block::Add(NestedBlock b) {
  block_types.push_back(std::move(b));
  return *this;
}

Block& Block::Describe(std::string text, bool is_markdown) {
  description = std::move(text);
  markdown = is_markdown;
  return *this;
}

Block& Block::Deprecated(std::string message) {
  deprecation_message = std::move(message);
  return *this;
}

const Attribute* Block::FindAttribute(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.name == name) {
      return &a;
    }
  }
  return nullptr;
}

const NestedBlock* Block::FindBlock(std::string_view name) const {
  for (const auto& b : block_types) {
    if (b.type_name == name) {
      return &b;
    }
  }
  return nullptr;
}

tfvalue::Type Block::ImpliedType() const {
  std::map<std::string, tfvalue::Type> types;
  for (const auto& a : attributes) {
    types.emplace(a.name, a.type);
  }
  for (const auto& b : block_types) {
    types.emplace(b.type_name, b.ImpliedType());
  }
  return tfvalue::Type::Object(std::move(types));
}

tfvalue::Value Block::EmptyValue() const {
  std::map<std::string, tfvalue::Value> values;
  for (const auto& a : attributes) {
    values.emplace(a.name, tfvalue::NullVal(a.type));
  }
  for (const auto& b : block_types) {
    values.emplace(b.type_name, b.EmptyValue());
  }
  return tfvalue::ObjectVal(std::move(values));
}

NestedBlock NestedBlock::Single(std::string name, Block block) {
  return NestedBlock{std::move(name), NestingMode::kSingle, 0, 0, std::move(block)};
}

NestedBlock NestedBlock::Group(std::string name, Block block) {
  return NestedBlock{std::move(name), NestingMode::kGroup, 0, 0, std::move(block)};
}

NestedBlock NestedBlock::List(std::string name, Block block, int64_t min_items, int64_t max_items) {
  return NestedBlock{std::move(name), NestingMode::kList, min_items, max_items, std::move(block)};
}

NestedBlock NestedBlock::Set(std::string name, Block block, int64_t min_items, int64_t max_items) {
  return NestedBlock{std::move(name), NestingMode::kSet, min_items, max_items, std::move(block)};
}

NestedBlock NestedBlock::Map(std::string name, Block block) {
  return NestedBlock{std::move(name), NestingMode::kMap, 0, 0, std::move(block)};
}

tfvalue::Type NestedBlock::ImpliedType() const {
  tfvalue::Type object = block.ImpliedType();
  switch (nesting) {
    case NestingMode::kSingle:
    case NestingMode::kGroup:
      return object;
    case NestingMode::kList:
      return object.ContainsDynamic() ? tfvalue::Type::Dynamic() : tfvalue::Type::List(object);
    case NestingMode::kSet:
      return tfvalue::Type::Set(object);
    case NestingMode::kMap:
      return object.ContainsDynamic() ? tfvalue::Type::Dynamic() : tfvalue::Type::Map(object);
  }
  return object;
}

tfvalue::Value NestedBlock::EmptyValue() const {
  switch (nesting) {
    case NestingMode::kSingle:
      return tfvalue::NullVal(block.ImpliedType());
    case NestingMode::kGroup:
      return block.EmptyValue();
    case NestingMode::kList: {
      tfvalue::Type t = ImpliedType();
      return t.IsDynamic() ? tfvalue::TupleVal({}) : tfvalue::ListValEmpty(block.ImpliedType());
    }
    case NestingMode::kSet:
      return tfvalue::SetValEmpty(block.ImpliedType());
    case NestingMode::kMap: {
      tfvalue::Type t = ImpliedType();
      return t.IsDynamic() ? tfvalue::ObjectVal({}) : tfvalue::MapValEmpty(block.ImpliedType());
    }
  }
  return tfvalue::NullVal(block.ImpliedType());
}

namespace {

// Walks `path` through `block`; returns the final block and the last attribute-step name, or
// nullptr when a step does not name a nested block.
const Block* WalkToParent(const Block& root, const AttributePath& path, std::string* last) {
  const Block* current = &root;
  std::vector<std::string> names;
  for (const auto& step : path.steps()) {
    if (step.kind == tfvalue::PathStep::Kind::kAttribute) {
      names.push_back(step.name);
    }
  }
  if (names.empty()) {
    return nullptr;
  }
  for (size_t i = 0; i + 1 < names.size(); ++i) {
    const NestedBlock* nb = current->FindBlock(names[i]);
    if (nb == nullptr) {
      return nullptr;
    }
    current = &nb->block;
  }
  *last = names.back();
  return current;
}

bool ValidName(const std::string& name) {
  if (name.empty()) {
    return false;
  }
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

void ValidateBlock(const Block& block, const AttributePath& prefix, Diagnostics& diags) {
  std::set<std::string> seen;
  auto problem = [&](const AttributePath& p, const std::string& what) {
    diags.AddError("Invalid schema", p.ToString() + ": " + what);
  };
  for (const auto& a : block.attributes) {
    AttributePath p = prefix.Attribute(a.name);
    if (!ValidName(a.name)) {
      problem(p, "name must match ^[a-z0-9_]+$");
    }
    if (!seen.insert(a.name).second) {
      problem(p, "duplicate name");
    }
    if (!a.required && !a.optional && !a.computed) {
      problem(p, "must set at least one of required, optional, computed");
    }
    if (a.required && a.optional) {
      problem(p, "cannot be both required and optional");
    }
    if (a.required && a.computed) {
      problem(p, "cannot be both required and computed");
    }
    if (a.write_only && a.computed) {
      problem(p, "cannot be both write_only and computed");
    }
  }
  for (const auto& b : block.block_types) {
    AttributePath p = prefix.Attribute(b.type_name);
    if (!ValidName(b.type_name)) {
      problem(p, "name must match ^[a-z0-9_]+$");
    }
    if (!seen.insert(b.type_name).second) {
      problem(p, "duplicate name (attribute or block)");
    }
    if (b.min_items < 0 || b.max_items < 0) {
      problem(p, "min_items and max_items must be >= 0");
    }
    switch (b.nesting) {
      case NestingMode::kSingle:
        if (b.min_items != b.max_items || b.min_items > 1) {
          problem(p, "SINGLE blocks need min_items == max_items, each 0 or 1");
        }
        break;
      case NestingMode::kGroup:
        if (b.min_items != 0 || b.max_items != 0) {
          problem(p, "GROUP blocks need min_items == max_items == 0");
        }
        break;
      case NestingMode::kList:
      case NestingMode::kSet:
        if (b.max_items != 0 && b.min_items > b.max_items) {
          problem(p, "min_items must not exceed max_items");
        }
        if (b.nesting == NestingMode::kSet && b.block.ImpliedType().ContainsDynamic()) {
          problem(p, "SET blocks cannot contain dynamic attributes");
        }
        break;
      case NestingMode::kMap:
        if (b.min_items != 0 || b.max_items != 0) {
          problem(p, "MAP blocks need min_items == max_items == 0");
        }
        break;
    }
    ValidateBlock(b.block, p, diags);
  }
}

}  // namespace

const Attribute* Schema::AttributeAtPath(const AttributePath& path) const {
  std::string last;
  const Block* parent = WalkToParent(block, path, &last);
  if (parent == nullptr) {
    return nullptr;
  }
  return parent->FindAttribute(last);
}

const NestedBlock* Schema::BlockAtPath(const AttributePath& path) const {
  std::string last;
  const Block* parent = WalkToParent(block, path, &last);
  if (parent == nullptr) {
    return nullptr;
  }
  return parent->FindBlock(last);
}

Diagnostics Schema::Validate() const {
  Diagnostics diags;
  if (version < 0) {
    diags.AddError("Invalid schema", "schema version must be >= 0");
  }
  ValidateBlock(block, AttributePath(), diags);
  return diags;
}

}  // namespace atlas::provider::framework
