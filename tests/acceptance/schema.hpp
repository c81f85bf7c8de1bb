#pragma once
// The harness's own model of provider schemas (Terraform core's configschema), built from a
// GetProviderSchema response: blocks, attributes (plain or nested), nested blocks with nesting modes,
// the implied cty type of each, and Terraform's load-time rules (configschema internal_validate, with
// core's wording). Independent of the provider's framework on purpose: the harness must judge the
// provider, not share its bugs.
// Immutable after construction; thread-safe for concurrent reads.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "provider/tfvalue/path.hpp"
#include "provider/tfvalue/type.hpp"
#include "provider/tfvalue/value.hpp"
#include "tfplugin6/tfplugin6.pb.h"

namespace atlas::tests::acceptance {

namespace tfv = ::atlas::provider::tfvalue;

enum class Nesting { kSingle, kList, kSet, kMap, kGroup };
const char* NestingName(Nesting n);  // "NestingSingle" ... as core prints it

struct ObjectSchema;

struct AttributeSchema {
  std::string name;
  tfv::Type type;                               // for nested attributes: the implied type
  std::shared_ptr<const ObjectSchema> nested;   // nested_type, else null
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool write_only = false;
  bool deprecated = false;
  std::string description;
};

// Schema.Object: the attributes of a nested attribute type.
struct ObjectSchema {
  Nesting nesting = Nesting::kSingle;
  std::map<std::string, AttributeSchema> attributes;
  tfv::Type ObjectType() const;   // object of the attributes' implied types
  tfv::Type ImpliedType() const;  // with the nesting applied
};

struct BlockSchema;

struct NestedBlockSchema {
  std::string type_name;
  Nesting nesting = Nesting::kSingle;
  int64_t min_items = 0;
  int64_t max_items = 0;
  std::shared_ptr<const BlockSchema> block;
  // Type of the block-type attribute in the enclosing object (list(object), set(object), ...).
  tfv::Type ImpliedType() const;
};

struct BlockSchema {
  std::map<std::string, AttributeSchema> attributes;
  std::map<std::string, NestedBlockSchema> block_types;
  bool computed = false;
  bool deprecated = false;
  std::string description;

  // Object type with one attribute per attribute and block type.
  tfv::Type ImpliedType() const;
  // "All attributes null" as core's EmptyValue: null attributes, null SINGLE blocks, empty
  // LIST/SET/MAP blocks, GROUP blocks as their own empty value.
  tfv::Value EmptyValue() const;
  // The attribute a path inside a value of this block points at (through nested blocks and nested
  // attribute types), or null when the path ends at a block or does not exist.
  const AttributeSchema* AttributeByPath(const tfv::Path& path) const;
  // True when the path names an attribute or block type that exists in the schema (set elements
  // cannot be addressed; index/key steps into lists/maps are accepted).
  bool PathExists(const tfv::Path& path) const;
};

struct Schema {
  int64_t version = 0;
  BlockSchema block;
};

struct ProviderSchemas {
  Schema provider;
  std::map<std::string, Schema> resources;
  std::map<std::string, Schema> data_sources;
  bool plan_destroy = false;
  bool get_provider_schema_optional = false;
  bool move_resource_state = false;
  bool generate_resource_config = false;
  bool has_provider_meta = false;
};

// Converts one proto schema. Fails on structural problems core would choke on: a missing block,
// attribute type JSON that does not parse, both or neither of type/nested_type, an INVALID
// nesting mode.
engine::base::Result<Schema> ConvertSchema(const tfplugin6::Schema& schema);

// Converts a whole response and runs core's checks on every schema: a missing provider schema
// ("missing provider schema"), conversion failures, and InternalValidate. Error summaries name the
// schema ("provider", "resource atlas_schema", "data source atlas_schema").
engine::base::Result<ProviderSchemas> ConvertProviderSchemas(
    const tfplugin6::GetProviderSchema::Response& response);

// configschema InternalValidate: every problem as "<prefix><name>: <problem>" (core's wording).
std::vector<std::string> InternalValidate(const BlockSchema& block);

}  // namespace atlas::tests::acceptance
