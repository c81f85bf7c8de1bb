#pragma once
// The provider's version (the CMake project version), for -version and logs. Thread-safe.

#include <string_view>

namespace atlas::provider::plugin {

// "0.1.0"
std::string_view ProviderVersion();

}  // namespace atlas::provider::plugin
