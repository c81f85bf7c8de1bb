#pragma once
// Names in lint messages are Go-quoted (%q), as Atlas writes them.

#include <string>
#include <string_view>

#include "engine/base/go_quote.hpp"

namespace atlas::engine::lint {

inline std::string Quote(std::string_view s) { return base::GoQuote(s); }

}  // namespace atlas::engine::lint
