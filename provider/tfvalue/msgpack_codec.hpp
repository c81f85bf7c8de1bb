#pragma once
// msgpack codec for Value, byte-compatible with zclconf/go-cty cty/msgpack (what Terraform core
// writes and reads in DynamicValue.msgpack):
//  - null: nil c0. Unknown: d4 00 00, or ext type 12 carrying refinements {1: false (not null),
//    2: string prefix, 3/4: [number, inclusive] bounds, 5/6: length bounds}.
//  - numbers: smallest int encoding when an int64 holds it exactly; float64 when a double holds a
//    non-integer exactly; else the exact decimal as a str ("9223372036854775808", "0.1").
//  - objects: a map with every attribute of the schema type (explicit nils), keys sorted.
//  - values of attribute type "dynamic": [type JSON as bin, value]; null/unknown of unknown type
//    are plain c0 / d4 00 00.
// Decoding accepts every int/float/str/bin number form, str or bin strings and type JSON, any ext
// as unknown (type 12 payloads are parsed into Refinements, unknown keys skipped), objects with
// missing attributes (taken as null; core never sends them). Unknown attribute keys are errors.
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "provider/tfvalue/type.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::tfvalue {

// Encodes `value` as a value of `type` (the schema type). Fails when the value does not conform.
engine::base::Result<std::string> EncodeMsgpack(const Value& value, const Type& type);

// Decodes msgpack bytes as a value of `type`. Empty input is an error (callers map an empty
// DynamicValue to null themselves). Trailing bytes after the value are an error.
engine::base::Result<Value> DecodeMsgpack(std::string_view bytes, const Type& type);

}  // namespace atlas::provider::tfvalue
