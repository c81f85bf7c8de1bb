#include "provider/resources/atlas_provider.hpp"

#include <utility>

#include "provider/datasources/atlas_migration.hpp"
#include "provider/datasources/atlas_schema.hpp"
#include "provider/resources/atlas_migration.hpp"
#include "provider/resources/atlas_schema.hpp"

namespace atlas::provider::resources {

using framework::Attribute;
using framework::Block;

framework::Schema AtlasProviderSchema() {
  Block b;
  b.Describe(
      "Manages database schemas with Atlas: declarative schemas (atlas_schema) and versioned "
      "migrations (atlas_migration), run natively by the provider.");
  b.Add(Attribute::String("dev_url").Optional().Sensitive().Describe(
      "The URL of a dev database used to normalize desired schemas; resources and data "
      "sources without their own dev_url use this one."));
  b.Add(
      Attribute::String("binary_path")
          .Optional()
          .Describe(
              "Accepted for compatibility with ariga/atlas; ignored (this provider needs no Atlas "
              "binary).")
          .Deprecated(
              "binary_path is ignored: this provider runs Atlas natively and needs no Atlas "
              "binary. Remove the attribute."));
  b.Add(CloudBlock());
  return framework::Schema{0, std::move(b)};
}

AtlasProvider::AtlasProvider() : schema_(AtlasProviderSchema()) {}

void AtlasProvider::ValidateConfig(const framework::ValidateConfigRequest& req,
                                   framework::ValidateConfigResponse& resp) const {
  // binary_path: the schema's deprecation message already produces the warning.
  RejectCloud(req.config, resp.diagnostics);
}

void AtlasProvider::Configure(const framework::ConfigureProviderRequest& req,
                              framework::ConfigureProviderResponse& resp) const {
  RejectCloud(req.config, resp.diagnostics);
  if (resp.diagnostics.HasError()) {
    return;
  }
  auto data = std::make_shared<AtlasProviderData>();
  data->dev_url = KnownString(req.config, "dev_url");
  data->terraform_version = req.terraform_version;
  resp.provider_data = std::move(data);
}

std::vector<std::unique_ptr<framework::Resource>> AtlasProvider::Resources() const {
  std::vector<std::unique_ptr<framework::Resource>> out;
  out.push_back(NewAtlasSchemaResource());
  out.push_back(NewAtlasMigrationResource());
  return out;
}

std::vector<std::unique_ptr<framework::DataSource>> AtlasProvider::DataSources() const {
  std::vector<std::unique_ptr<framework::DataSource>> out;
  out.push_back(datasources::NewAtlasSchemaDataSource());
  out.push_back(datasources::NewAtlasMigrationDataSource());
  return out;
}

std::unique_ptr<framework::Provider> NewAtlasProvider() {
  return std::make_unique<AtlasProvider>();
}

}  // namespace atlas::provider::resources
