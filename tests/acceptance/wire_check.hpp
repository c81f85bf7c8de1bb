#pragma once
// Strict shape check of msgpack DynamicValues, with the rules of go-cty's msgpack decoder that
// Terraform core applies to every value a provider returns: an object must carry exactly one entry
// per attribute ("an object with N attributes is required (M given)", "unsupported attribute"),
// lists/sets are arrays, maps have string keys, tuples have the exact length, "dynamic" values are
// [type JSON, value] pairs, unknowns are extensions (longer than one byte only as type 12).
// The provider's own decoder may be lenient; the harness must not be.
// Pure function; thread-safe.

#include <string_view>

#include "engine/base/result.hpp"
#include "provider/tfvalue/type.hpp"

namespace atlas::tests::acceptance {

engine::base::Status CheckMsgpackShape(std::string_view bytes, const provider::tfvalue::Type& type);

}  // namespace atlas::tests::acceptance
