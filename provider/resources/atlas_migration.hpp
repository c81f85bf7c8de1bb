#pragma once
// Resource `atlas_migration`: versioned migrations (ariga/terraform-provider-atlas
// atlas_migration_resource.go; behaviour in atlas-compat.md §8). Everything about this type lives
// in atlas_migration.cpp.
//
// Status: schema and ValidateConfig are final (ariga's rules: env_name with config, protected
// flows, version unset warning, dir / remote_dir); ModifyPlan/Create/Read/Update are scaffolding
// answering "not implemented" errors; Delete is a no-op as in ariga (the database is left alone).
//
// Thread-safety: one instance serves concurrent RPCs; methods are const and keep no state.

#include <memory>
#include <optional>
#include <string>

#include "provider/framework/model.hpp"
#include "provider/framework/resource.hpp"
#include "provider/framework/schema.hpp"
#include "provider/resources/common.hpp"

namespace atlas::provider::resources {

struct RemoteDirModel {
  framework::Maybe<std::string> name;
  framework::Maybe<std::string> tag;
};
template <class Io>
void Fields(Io& io, RemoteDirModel& m) {
  io("name", m.name);
  io("tag", m.tag);
}

struct MigrateDownModel {
  framework::Maybe<bool> allow;
  framework::Maybe<bool> auto_approve;
};
template <class Io>
void Fields(Io& io, MigrateDownModel& m) {
  io("allow", m.allow);
  io("auto_approve", m.auto_approve);
}

struct ProtectedFlowsModel {
  std::optional<MigrateDownModel> migrate_down;
};
template <class Io>
void Fields(Io& io, ProtectedFlowsModel& m) {
  io("migrate_down", m.migrate_down);
}

struct TimeoutsModel {
  framework::Maybe<std::string> create;  // Go duration, default 20m
  framework::Maybe<std::string> update;
};
template <class Io>
void Fields(Io& io, TimeoutsModel& m) {
  io("create", m.create);
  io("update", m.update);
}

// The computed `status` object.
struct MigrationStatusModel {
  std::optional<std::string> status;   // OK | PENDING
  std::optional<std::string> current;  // null when nothing applied
  std::optional<std::string> next;     // null when up to date
  std::optional<std::string> latest;   // null for an empty directory
};
template <class Io>
void Fields(Io& io, MigrationStatusModel& m) {
  io("status", m.status);
  io("current", m.current);
  io("next", m.next);
  io("latest", m.latest);
}

struct AtlasMigrationModel {
  framework::Maybe<std::string> config;
  framework::Maybe<std::string> variables;  // JSON object as a string
  framework::Maybe<std::string> url;
  framework::Maybe<std::string> dev_url;
  framework::Maybe<std::string> dir;
  framework::Maybe<std::string> revisions_schema;
  framework::Maybe<std::string> version;
  framework::Maybe<std::string> baseline;
  framework::Maybe<std::string> exec_order;  // linear | linear-skip | non-linear
  framework::Maybe<std::string> env_name;
  framework::Maybe<std::string> id;
  tfvalue::Value status;  // object{status,current,next,latest}; may be null or unknown
  std::optional<CloudModel> cloud;
  std::optional<RemoteDirModel> remote_dir;
  std::optional<ProtectedFlowsModel> protected_flows;
  std::optional<TimeoutsModel> timeouts;
};
template <class Io>
void Fields(Io& io, AtlasMigrationModel& m) {
  io("config", m.config);
  io("variables", m.variables);
  io("url", m.url);
  io("dev_url", m.dev_url);
  io("dir", m.dir);
  io("revisions_schema", m.revisions_schema);
  io("version", m.version);
  io("baseline", m.baseline);
  io("exec_order", m.exec_order);
  io("env_name", m.env_name);
  io("id", m.id);
  io("status", m.status);
  io("cloud", m.cloud);
  io("remote_dir", m.remote_dir);
  io("protected_flows", m.protected_flows);
  io("timeouts", m.timeouts);
}

// Type of the computed `status` attribute: object{status,current,next,latest} of strings.
tfvalue::Type MigrationStatusType();

// `remote_dir { name tag }` (SINGLE, deprecated in favour of `dir = "atlas://name?tag=..."`);
// shared with the atlas_migration data source.
framework::NestedBlock RemoteDirBlock();

framework::Schema AtlasMigrationResourceSchema();

class AtlasMigrationResource final : public framework::Resource {
 public:
  AtlasMigrationResource();

  std::string TypeName() const override { return "atlas_migration"; }
  const framework::Schema& GetSchema() const override { return schema_; }

  void ValidateConfig(const framework::ValidateConfigRequest& req,
                      framework::ValidateConfigResponse& resp) const override;
  void ModifyPlan(const framework::ModifyPlanRequest& req,
                  framework::ModifyPlanResponse& resp) const override;
  void Create(const framework::CreateRequest& req, framework::CreateResponse& resp) const override;
  void Read(const framework::ReadRequest& req, framework::ReadResponse& resp) const override;
  void Update(const framework::UpdateRequest& req, framework::UpdateResponse& resp) const override;
  void Delete(const framework::DeleteRequest& req, framework::DeleteResponse& resp) const override;

 private:
  framework::Schema schema_;
};

std::unique_ptr<framework::Resource> NewAtlasMigrationResource();

}  // namespace atlas::provider::resources
