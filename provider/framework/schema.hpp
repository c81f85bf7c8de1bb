#pragma once
// Declarative schema for a provider block, resource or data source, as Terraform's configschema:
// a Block of Attributes (type + required/optional/computed/sensitive/deprecated, description,
// validators, plan modifiers) and nested block types (SINGLE/LIST/SET/MAP/GROUP with min/max),
// plus the schema version. Produces the implied cty object type of its values; rpc/ turns it into
// tfplugin6 Schema messages.
//
// Builder style:
//   Schema s{0, Block()
//       .Describe("...")
//       .Add(Attribute::String("hcl").Required().Describe("...").Validate(StringLengthAtLeast(1)))
//       .Add(Attribute::String("id").Computed().Modify(UseStateForUnknown()))
//       .Add(NestedBlock::Single("lint", Block().Add(Attribute::String("review").Optional())))};
// Plain values (validators and modifiers are shared immutable objects); thread-safe for reads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "provider/framework/diagnostics.hpp"
#include "provider/framework/plan_modifiers.hpp"
#include "provider/framework/validators.hpp"
#include "provider/tfvalue/type.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::framework {

struct Attribute {
  std::string name;
  tfvalue::Type type;
  std::string description;
  bool markdown = false;  // description_kind MARKDOWN instead of PLAIN
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool write_only = false;
  // Non-empty: the attribute is deprecated; the server warns ("Attribute Deprecated", this text,
  // with the attribute path) whenever config sets it.
  std::string deprecation_message;
  std::vector<ValidatorPtr> validators;
  std::vector<PlanModifierPtr> plan_modifiers;

  static Attribute Of(std::string name, tfvalue::Type type);
  static Attribute String(std::string name) { return Of(std::move(name), tfvalue::Type::String()); }
  static Attribute Bool(std::string name) { return Of(std::move(name), tfvalue::Type::Bool()); }
  static Attribute Number(std::string name) { return Of(std::move(name), tfvalue::Type::Number()); }
  static Attribute List(std::string name, tfvalue::Type element) {
    return Of(std::move(name), tfvalue::Type::List(std::move(element)));
  }
  static Attribute Set(std::string name, tfvalue::Type element) {
    return Of(std::move(name), tfvalue::Type::Set(std::move(element)));
  }
  static Attribute Map(std::string name, tfvalue::Type element) {
    return Of(std::move(name), tfvalue::Type::Map(std::move(element)));
  }

  Attribute& Required() {
    required = true;
    return *this;
  }
  Attribute& Optional() {
    optional = true;
    return *this;
  }
  Attribute& Computed() {
    computed = true;
    return *this;
  }
  Attribute& Sensitive() {
    sensitive = true;
    return *this;
  }
  Attribute& WriteOnly() {
    write_only = true;
    return *this;
  }
  Attribute& Describe(std::string text, bool is_markdown = false) {
    description = std::move(text);
    markdown = is_markdown;
    return *this;
  }
  Attribute& Deprecated(std::string message) {
    deprecation_message = std::move(message);
    return *this;
  }
  Attribute& Validate(ValidatorPtr v) {
    validators.push_back(std::move(v));
    return *this;
  }
  Attribute& Modify(PlanModifierPtr m) {
    plan_modifiers.push_back(std::move(m));
    return *this;
  }
  bool deprecated() const { return !deprecation_message.empty(); }
};

enum class NestingMode { kSingle, kList, kSet, kMap, kGroup };

struct NestedBlock;

struct Block {
  std::vector<Attribute> attributes;
  std::vector<NestedBlock> block_types;
  std::string description;
  bool markdown = false;
  std::string
      deprecation_message;  // non-empty: deprecated; the server warns when the block is used

  Block& Add(Attribute a);
  Block& Add(NestedBlock b);
  Block& Describe(std::string text, bool is_markdown = false);
  Block& Deprecated(std::string message);
  bool deprecated() const { return !deprecation_message.empty(); }

  const Attribute* FindAttribute(std::string_view name) const;
  const NestedBlock* FindBlock(std::string_view name) const;

  // Object type of this block's values: every attribute and every block type (3.4 of the protocol
  // doc: SINGLE/GROUP -> object, LIST -> list(object), SET -> set(object), MAP -> map(object); a
  // LIST or MAP of blocks containing "dynamic" becomes "dynamic").
  tfvalue::Type ImpliedType() const;
  // The value of this block with nothing configured: attributes null, LIST/SET/MAP blocks empty,
  // SINGLE blocks null, GROUP blocks their own EmptyValue().
  tfvalue::Value EmptyValue() const;
};

struct NestedBlock {
  std::string type_name;
  NestingMode nesting = NestingMode::kSingle;
  int64_t min_items = 0;
  int64_t max_items = 0;  // 0: no limit
  Block block;

  static NestedBlock Single(std::string name, Block block);
  static NestedBlock Group(std::string name, Block block);
  static NestedBlock List(std::string name, Block block, int64_t min_items = 0,
                          int64_t max_items = 0);
  static NestedBlock Set(std::string name, Block block, int64_t min_items = 0,
                         int64_t max_items = 0);
  static NestedBlock Map(std::string name, Block block);

  // Type of this block type's value inside the parent object.
  tfvalue::Type ImpliedType() const;
  // Value when no block is configured (null for SINGLE, empty collection for LIST/SET/MAP).
  tfvalue::Value EmptyValue() const;
};

struct Schema {
  int64_t version = 0;
  Block block;

  tfvalue::Type ImpliedType() const { return block.ImpliedType(); }
  tfvalue::Value EmptyValue() const { return block.EmptyValue(); }

  // The attribute a path points at, walking attribute steps through nested blocks and skipping
  // index/key steps (rule[0].name -> attribute "name" of block "rule"); nullptr if the path ends
  // at a block or names nothing.
  const Attribute* AttributeAtPath(const AttributePath& path) const;
  // The nested block type a path points at (same walking rules), or nullptr.
  const NestedBlock* BlockAtPath(const AttributePath& path) const;

  // The checks Terraform core applies when it loads a schema (internal_validate.go): names match
  // ^[a-z0-9_]+$, unique between attributes and blocks, flag combinations, block limits, version
  // >= 0. Each problem is one error naming the attribute/block path.
  Diagnostics Validate() const;
};

}  // namespace atlas::provider::framework
