#pragma once
// Provider: the provider definition (terraform-plugin-framework provider.Provider): type name,
// provider block schema, config validation, Configure (builds the ProviderData every later
// request carries) and the resource and data source types it serves.
// Thread-safety: methods are const and may be called concurrently.

#include <memory>
#include <string>
#include <vector>

#include "provider/framework/context.hpp"
#include "provider/framework/data_source.hpp"
#include "provider/framework/diagnostics.hpp"
#include "provider/framework/resource.hpp"
#include "provider/framework/schema.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::framework {

struct ConfigureProviderRequest {
  std::string terraform_version;  // "1.11.4"
  tfvalue::Value config;          // may contain unknowns during plan
};
struct ConfigureProviderResponse {
  std::shared_ptr<const ProviderData> provider_data;  // handed to every later request
  Diagnostics diagnostics;
};

class Provider {
 public:
  Provider() = default;
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;
  Provider(Provider&&) = delete;
  Provider& operator=(Provider&&) = delete;
  virtual ~Provider() = default;

  virtual std::string TypeName() const = 0;  // "atlas"
  virtual const Schema& GetSchema() const = 0;
  // Extra provider block checks after the schema validators. Default: none.
  virtual void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) const;
  virtual void Configure(const ConfigureProviderRequest& req,
                         ConfigureProviderResponse& resp) const = 0;
  // Called once when the server is built; the server owns the returned objects.
  virtual std::vector<std::unique_ptr<Resource>> Resources() const = 0;
  virtual std::vector<std::unique_ptr<DataSource>> DataSources() const = 0;
};

}  // namespace atlas::provider::framework
