#pragma once
// The `atlas` provider definition: provider block schema (dev_url; binary_path accepted but
// ignored with a deprecation warning; cloud accepted in the schema but rejected with an error),
// Configure (builds AtlasProviderData), and the served types: resources atlas_schema and
// atlas_migration, data sources atlas_schema and atlas_migration.
// main() wires it: rpc::ProviderService service(resources::NewAtlasProvider(), logger);
// Thread-safety: immutable after construction; methods are const.

#include <memory>
#include <string>
#include <vector>

#include "provider/framework/provider.hpp"
#include "provider/framework/schema.hpp"
#include "provider/resources/common.hpp"

namespace atlas::provider::resources {

framework::Schema AtlasProviderSchema();

class AtlasProvider final : public framework::Provider {
 public:
  AtlasProvider();

  std::string TypeName() const override { return "atlas"; }
  const framework::Schema& GetSchema() const override { return schema_; }
  void ValidateConfig(const framework::ValidateConfigRequest& req,
                      framework::ValidateConfigResponse& resp) const override;
  void Configure(const framework::ConfigureProviderRequest& req,
                 framework::ConfigureProviderResponse& resp) const override;
  std::vector<std::unique_ptr<framework::Resource>> Resources() const override;
  std::vector<std::unique_ptr<framework::DataSource>> DataSources() const override;

 private:
  framework::Schema schema_;
};

std::unique_ptr<framework::Provider> NewAtlasProvider();

}  // namespace atlas::provider::resources
