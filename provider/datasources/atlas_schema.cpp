#include "provider/datasources/atlas_schema.hpp"

#include <utility>

namespace atlas::provider::datasources {

using framework::Attribute;
using framework::Block;
using tfvalue::Type;

framework::Schema AtlasSchemaDataSourceSchema() {
  Block b;
  b.Describe(
      "Normalizes a desired schema through the dev database, so `atlas_schema` resources see a "
      "stable `hcl`.",
      true);
  b.Add(Attribute::String("src").Required().Describe(
      "The desired schema: inline HCL, or a file:// URL to an HCL file, an SQL file, or a "
      "directory."));
  b.Add(Attribute::String("dev_url").Optional().Sensitive().Describe(
      "The dev database used for normalization; defaults to the provider's `dev_url`.", true));
  b.Add(Attribute::String("hcl").Computed().Describe("The normalized HCL."));
  b.Add(Attribute::String("id").Computed().Describe(
      "Unpadded standard base64 of the 128-bit FNV-1 hash of `hcl`.", true));
  b.Add(Attribute::String("config").Optional().Describe(
      "Accepted for compatibility with ariga/atlas."));
  b.Add(
      Attribute::String("env_name").Optional().Describe("Accepted for compatibility. Default: tf"));
  b.Add(Attribute::Map("variables", Type::String())
            .Optional()
            .Describe("Accepted for compatibility."));
  b.Add(resources::CloudBlock());
  return framework::Schema{0, std::move(b)};
}

AtlasSchemaDataSource::AtlasSchemaDataSource() : schema_(AtlasSchemaDataSourceSchema()) {}

void AtlasSchemaDataSource::ValidateConfig(const framework::ValidateConfigRequest& req,
                                           framework::ValidateConfigResponse& resp) const {
  resources::RejectCloud(req.config, resp.diagnostics);
}

// Read (ariga, atlas-compat §8): an empty `src` gives hcl = null and id = the hash of empty input.
// Otherwise inspect `src` (relative file:// paths made absolute) normalized through the dev
// database -> `hcl`; `id` = engine::base::Base64RawStd of engine::base::Fnv1_128(hcl). Failure:
// "Inspect Error" / "Unable to inspect given source, got error: <err>". resp.state starts as the
// config; fill the computed attributes.
void AtlasSchemaDataSource::Read(const framework::ReadDataSourceRequest& /*req*/,
                                 framework::ReadDataSourceResponse& resp) const {
  resp.diagnostics.Add(resources::NotImplemented("atlas_schema data source: read", "#3"));
}

std::unique_ptr<framework::DataSource> NewAtlasSchemaDataSource() {
  return std::make_unique<AtlasSchemaDataSource>();
}

}  // namespace atlas::provider::datasources
