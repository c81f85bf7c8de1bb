#pragma once
// Data source `atlas_migration`: the status of a migration directory against a database (ariga
// atlas_migration_data_source.go; atlas-compat.md §8). Everything about this type lives in
// atlas_migration.cpp.
//
// Status: schema and validation are final; Read is scaffolding answering "not implemented".
// Thread-safety: one instance serves concurrent RPCs; methods are const and keep no state.

#include <memory>
#include <optional>
#include <string>

#include "provider/framework/data_source.hpp"
#include "provider/framework/model.hpp"
#include "provider/framework/schema.hpp"
#include "provider/resources/atlas_migration.hpp"
#include "provider/resources/common.hpp"

namespace atlas::provider::datasources {

struct AtlasMigrationDataModel {
  framework::Maybe<std::string> config;
  framework::Maybe<std::string> variables;  // JSON object as a string
  framework::Maybe<std::string> url;
  framework::Maybe<std::string> dev_url;
  framework::Maybe<std::string> dir;
  framework::Maybe<std::string> revisions_schema;
  framework::Maybe<std::string> env_name;
  std::optional<std::string> status;   // computed: OK | PENDING
  std::optional<std::string> current;  // computed: "" when nothing applied
  std::optional<std::string> next;     // computed: "" when up to date
  std::optional<std::string> latest;   // computed: null for an empty directory
  std::optional<std::string> id;       // computed: a new random UUID on every read
  std::optional<resources::CloudModel> cloud;
  std::optional<resources::RemoteDirModel> remote_dir;
};
template <class Io>
void Fields(Io& io, AtlasMigrationDataModel& m) {
  io("config", m.config);
  io("variables", m.variables);
  io("url", m.url);
  io("dev_url", m.dev_url);
  io("dir", m.dir);
  io("revisions_schema", m.revisions_schema);
  io("env_name", m.env_name);
  io("status", m.status);
  io("current", m.current);
  io("next", m.next);
  io("latest", m.latest);
  io("id", m.id);
  io("cloud", m.cloud);
  io("remote_dir", m.remote_dir);
}

framework::Schema AtlasMigrationDataSourceSchema();

class AtlasMigrationDataSource final : public framework::DataSource {
 public:
  AtlasMigrationDataSource();

  std::string TypeName() const override { return "atlas_migration"; }
  const framework::Schema& GetSchema() const override { return schema_; }
  void ValidateConfig(const framework::ValidateConfigRequest& req,
                      framework::ValidateConfigResponse& resp) const override;
  void Read(const framework::ReadDataSourceRequest& req,
            framework::ReadDataSourceResponse& resp) const override;

 private:
  framework::Schema schema_;
};

std::unique_ptr<framework::DataSource> NewAtlasMigrationDataSource();

}  // namespace atlas::provider::datasources
