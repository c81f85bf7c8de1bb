#pragma once
// Test configurations in Terraform's JSON configuration syntax (a subset), and their decoding into
// the values core sends to the provider:
//   {"provider": {"atlas": {...}},
//    "resource": {"atlas_schema": {"test": {"hcl": "...", "url": "${data.atlas_schema.x.id}"}}},
//    "data":     {"atlas_schema": {"x": {"src": "..."}}}}
// Bodies are decoded against the schema the way core does: every attribute present (null when not
// set), nested blocks by nesting mode (absent LIST/SET/MAP = empty, absent SINGLE = null, absent GROUP
// = all-null object), strings with "${...}" templates evaluated. References: `TYPE.NAME<traversal>`,
// `data.TYPE.NAME<traversal>` and `deferred.NAME` (a value unknown during plan and known at apply,
// standing in for an attribute another resource computes). "$${" escapes a literal "${".
// `Config` is a small builder for the same JSON. Pure functions / plain values; thread-compatible.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/result.hpp"
#include "provider/tfvalue/path.hpp"
#include "provider/tfvalue/type.hpp"
#include "provider/tfvalue/value.hpp"
#include "tests/acceptance/schema.hpp"

namespace atlas::tests::acceptance {

// Builder for a Terraform JSON configuration.
class Config {
 public:
  Config() = default;
  explicit Config(nlohmann::json json) : json_(std::move(json)) {}
  // provider "atlas" { ... }
  Config& Provider(nlohmann::json body, std::string_view name = "atlas");
  // resource "<type>" "<name>" { ... }
  Config& Resource(std::string_view type, std::string_view name, nlohmann::json body);
  // data "<type>" "<name>" { ... }
  Config& Data(std::string_view type, std::string_view name, nlohmann::json body);
  const nlohmann::json& json() const { return json_; }

 private:
  nlohmann::json json_ = nlohmann::json::object();
};

enum class BlockKind { kResource, kData };

struct ConfigBlock {
  BlockKind kind = BlockKind::kResource;
  std::string type;
  std::string name;
  nlohmann::json body;
  std::vector<std::string> depends_on;  // from "depends_on" plus references
  // "atlas_schema.test" / "data.atlas_schema.test"
  std::string Address() const;
};

struct ParsedConfig {
  bool provider_present = false;
  nlohmann::json provider = nlohmann::json::object();
  std::vector<ConfigBlock> blocks;  // dependencies first
  const ConfigBlock* Find(std::string_view address) const;
};

// Checks the document shape and orders blocks so that every block comes after the blocks it
// references. Errors: unknown top-level keys, references to undeclared blocks, cycles.
engine::base::Result<ParsedConfig> ParseConfig(const nlohmann::json& config,
                                               std::string_view provider_name = "atlas");

// One "${...}" reference: `address` is "atlas_schema.r", "data.atlas_schema.x" or "deferred".
struct Reference {
  std::string address;
  provider::tfvalue::Path path;  // traversal after the address (for deferred: the name)
  std::string text;              // the expression as written
};

// Parses one expression ("data.atlas_schema.x.hcl", "atlas_schema.r.rule[0].name", "deferred.url").
engine::base::Result<Reference> ParseReference(std::string_view expression);
// Every reference inside a JSON body (strings anywhere).
engine::base::Result<std::vector<Reference>> CollectReferences(const nlohmann::json& body);

// Resolves a reference to its current value (possibly unknown).
using Resolver = std::function<engine::base::Result<provider::tfvalue::Value>(const Reference&)>;

// Decodes a block body (see header comment). With no resolver, any reference is an error.
engine::base::Result<provider::tfvalue::Value> DecodeBody(const BlockSchema& schema,
                                                          const nlohmann::json& body,
                                                          const Resolver& resolve = nullptr);
// One attribute value from JSON; strings are templates.
engine::base::Result<provider::tfvalue::Value> JsonToValue(const nlohmann::json& json,
                                                           const provider::tfvalue::Type& type,
                                                           const Resolver& resolve = nullptr);
// JSON with cty JSON-like inference and no schema (for "dynamic" and deferred values).
provider::tfvalue::Value InferValue(const nlohmann::json& json);
// cty convert as config evaluation applies it: primitives through their string forms,
// list/set/tuple into each other, map/object into each other, null and unknown re-typed.
engine::base::Result<provider::tfvalue::Value> ConvertValue(const provider::tfvalue::Value& value,
                                                            const provider::tfvalue::Type& type);

}  // namespace atlas::tests::acceptance
