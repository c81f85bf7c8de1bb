#pragma once
// Umbrella header for the cty-compatible type/value layer: Type, Number, Value, Path and the
// msgpack and JSON codecs. See each header for its contract; everything here is thread-safe for
// concurrent reads (immutable values) or pure functions.

#include "provider/tfvalue/json_codec.hpp"
#include "provider/tfvalue/msgpack_codec.hpp"
#include "provider/tfvalue/number.hpp"
#include "provider/tfvalue/path.hpp"
#include "provider/tfvalue/type.hpp"
#include "provider/tfvalue/value.hpp"
