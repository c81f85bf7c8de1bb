#pragma once
// What every operation after ConfigureProvider receives: the provider data built by
// Provider::Configure (shared, immutable) and a stop token that StopProvider triggers.
// RequestContext is a plain value; ProviderData subclasses must be immutable after Configure
// (they are read concurrently by every RPC).

#include <memory>
#include <stop_token>

namespace atlas::provider::framework {

// Base class for what a Provider's Configure hands to its resources and data sources
// (terraform-plugin-framework's ResourceData/DataSourceData). Subclass it; read it back with
// RequestContext::ProviderDataAs<T>().
class ProviderData {
 public:
  ProviderData() = default;
  ProviderData(const ProviderData&) = default;
  ProviderData& operator=(const ProviderData&) = default;
  ProviderData(ProviderData&&) = default;
  ProviderData& operator=(ProviderData&&) = default;
  virtual ~ProviderData() = default;
};

struct RequestContext {
  // Null when ConfigureProvider has not run in this process (Terraform validates before it
  // configures) or when Configure produced none.
  std::shared_ptr<const ProviderData> provider_data;
  // stop_requested() becomes true once Terraform calls StopProvider (user interrupt). Long
  // operations should poll it or register a std::stop_callback and return an error diagnostic.
  std::stop_token stop;

  template <class T>
  const T* ProviderDataAs() const {
    return dynamic_cast<const T*>(provider_data.get());
  }
};

}  // namespace atlas::provider::framework
