#include "provider/datasources/atlas_schema.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "engine/base/hash.hpp"
#include "engine/ops/schema_ops.hpp"
#include "engine/url/url.hpp"

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

void AtlasSchemaDataSource::Read(const framework::ReadDataSourceRequest& req,
                                 framework::ReadDataSourceResponse& resp) const {
  auto m = framework::Decode<AtlasSchemaDataModel>(req.config, resp.diagnostics);
  if (resp.diagnostics.HasError()) {
    return;
  }
  if (m.src.empty()) {
    m.hcl.reset();
    const auto sum = engine::base::Fnv1_128("");
    m.id = engine::base::Base64RawStd(std::string_view(reinterpret_cast<const char*>(sum.data()), sum.size()));
    resp.state = framework::UpdateObject(req.config, m, resp.diagnostics);
    return;
  }
  engine::ops::NormalizeRequest nr;
  if (m.src.rfind("file://", 0) == 0) {
    nr.source.urls = {m.src};
  } else {
    nr.source.hcl = m.src;
    nr.source.filename = "schema.hcl";
  }
  nr.dev_url = m.dev_url.value_or("");
  if (nr.dev_url.empty()) {
    if (const auto* pd = req.context.ProviderDataAs<resources::AtlasProviderData>(); pd != nullptr && pd->dev_url) {
      nr.dev_url = *pd->dev_url;
    }
  }
  const engine::ops::SchemaOps ops;
  auto hcl = ops.Normalize(nr);
  if (!hcl.ok()) {
    resp.diagnostics.AddAttributeError(framework::AttributePath::Root("src"), "Inspect Error",
                                       "Unable to inspect given source, got error: " +
                                           engine::url::RedactUrlsInText(hcl.ErrorString()));
    return;
  }
  const auto sum = engine::base::Fnv1_128(*hcl);
  m.id = engine::base::Base64RawStd(std::string_view(reinterpret_cast<const char*>(sum.data()), sum.size()));
  m.hcl = std::move(*hcl);
  resp.state = framework::UpdateObject(req.config, m, resp.diagnostics);
}

std::unique_ptr<framework::DataSource> NewAtlasSchemaDataSource() {
  return std::make_unique<AtlasSchemaDataSource>();
}

}  // namespace atlas::provider::datasources
