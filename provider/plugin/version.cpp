#include "provider/plugin/version.hpp"

#ifndef ATLAS_PROVIDER_VERSION
#error "ATLAS_PROVIDER_VERSION must be defined by provider/plugin/CMakeLists.txt"
#endif

namespace atlas::provider::plugin {

std::string_view ProviderVersion() {
  return ATLAS_PROVIDER_VERSION;
}

}  // namespace atlas::provider::plugin
