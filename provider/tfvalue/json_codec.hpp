#pragma once
// cty JSON value codec (zclconf/go-cty cty/json), the format of Terraform's stored state
// (UpgradeResourceState raw_state.json, MoveResourceState source_state.json):
//  - objects are JSON objects (missing attributes decode as null), maps are objects, lists, sets
//    and tuples are arrays, null is null;
//  - numbers are decoded from their exact decimal text (never through double) and written in
//    canonical decimal form; numeric strings are accepted for numbers, numbers and bools for
//    strings, "true"/"false"/"1"/"0" for bools, as cty does;
//  - a "dynamic" value is {"value": V, "type": T}.
// JSON holds no unknowns: encoding an unknown (or infinity) fails.
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "provider/tfvalue/type.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::tfvalue {

struct JsonDecodeOptions {
  // Object keys that are not attributes of the type: ignored (true, what terraform-plugin-framework
  // does for raw state) or an error (false, what cty does).
  bool ignore_unknown_attributes = true;
};

engine::base::Result<Value> DecodeJson(std::string_view json, const Type& type,
                                       JsonDecodeOptions options = {});

// Compact JSON as go-cty writes it (object keys sorted, Go string escaping).
engine::base::Result<std::string> EncodeJson(const Value& value, const Type& type);

}  // namespace atlas::provider::tfvalue
