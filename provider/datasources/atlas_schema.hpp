#pragma once
// Data source `atlas_schema`: normalizes a desired schema through the dev database so the
// `atlas_schema` resource sees a stable `hcl` (ariga atlas_schema_data_source.go; atlas-compat.md
// §8; docs/data-sources/schema.md). Everything about this type lives in atlas_schema.cpp.
//
// Status: schema and validation are final; Read is scaffolding answering "not implemented".
// Thread-safety: one instance serves concurrent RPCs; methods are const and keep no state.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "provider/framework/data_source.hpp"
#include "provider/framework/model.hpp"
#include "provider/framework/schema.hpp"
#include "provider/resources/common.hpp"

namespace atlas::provider::datasources {

struct AtlasSchemaDataModel {
  std::string src;  // required: inline HCL or a file:// URL (schema file or directory)
  std::optional<std::string> dev_url;
  std::optional<std::string> config;
  std::optional<std::string> env_name;
  std::optional<std::map<std::string, std::string>> variables;
  std::optional<std::string> hcl;  // computed: the normalized HCL
  std::optional<std::string> id;   // computed: unpadded std base64 of FNV-1 128 of hcl
  std::optional<resources::CloudModel> cloud;
};
template <class Io>
void Fields(Io& io, AtlasSchemaDataModel& m) {
  io("src", m.src);
  io("dev_url", m.dev_url);
  io("config", m.config);
  io("env_name", m.env_name);
  io("variables", m.variables);
  io("hcl", m.hcl);
  io("id", m.id);
  io("cloud", m.cloud);
}

framework::Schema AtlasSchemaDataSourceSchema();

class AtlasSchemaDataSource final : public framework::DataSource {
 public:
  AtlasSchemaDataSource();

  std::string TypeName() const override { return "atlas_schema"; }
  const framework::Schema& GetSchema() const override { return schema_; }
  void ValidateConfig(const framework::ValidateConfigRequest& req,
                      framework::ValidateConfigResponse& resp) const override;
  void Read(const framework::ReadDataSourceRequest& req,
            framework::ReadDataSourceResponse& resp) const override;

 private:
  framework::Schema schema_;
};

std::unique_ptr<framework::DataSource> NewAtlasSchemaDataSource();

}  // namespace atlas::provider::datasources
