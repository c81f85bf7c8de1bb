#pragma once
// Resource `atlas_schema`: declarative schema management (ariga/terraform-provider-atlas
// atlas_schema_resource.go; behaviour in atlas-compat.md §8, user docs in
// docs/resources/schema.md). Everything about this type lives in atlas_schema.cpp: the model, the
// schema, validation, planning, apply, read.
//
// Behaviour: planning prints the SQL as an "Atlas Plan" warning, with a first-run guard; apply
// refuses SQL that differs from the final plan (fingerprint in private state); read keeps the stored
// `hcl` while the database still matches it, else stores the inspected HCL (drift); destroy drops what
// the schema declares; import takes a database URL. All database work goes through engine/ops.
//
// Thread-safety: one instance serves concurrent RPCs; methods are const and keep no state.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "provider/framework/model.hpp"
#include "provider/framework/resource.hpp"
#include "provider/framework/schema.hpp"
#include "provider/resources/common.hpp"

namespace atlas::provider::resources {

// ---- model (attribute names as in the schema) ----

struct ConcurrentIndexModel {
  std::optional<bool> create;
  std::optional<bool> drop;
};
template <class Io>
void Fields(Io& io, ConcurrentIndexModel& m) {
  io("create", m.create);
  io("drop", m.drop);
}

struct SkipChangesModel {
  std::optional<bool> add_schema, drop_schema, modify_schema;
  std::optional<bool> add_table, drop_table, modify_table;
  std::optional<bool> add_column, drop_column, modify_column;
  std::optional<bool> add_index, drop_index, modify_index;
  std::optional<bool> add_foreign_key, drop_foreign_key, modify_foreign_key;
};
template <class Io>
void Fields(Io& io, SkipChangesModel& m) {
  io("add_schema", m.add_schema);
  io("drop_schema", m.drop_schema);
  io("modify_schema", m.modify_schema);
  io("add_table", m.add_table);
  io("drop_table", m.drop_table);
  io("modify_table", m.modify_table);
  io("add_column", m.add_column);
  io("drop_column", m.drop_column);
  io("modify_column", m.modify_column);
  io("add_index", m.add_index);
  io("drop_index", m.drop_index);
  io("modify_index", m.modify_index);
  io("add_foreign_key", m.add_foreign_key);
  io("drop_foreign_key", m.drop_foreign_key);
  io("modify_foreign_key", m.modify_foreign_key);
}

struct DiffModel {
  std::optional<ConcurrentIndexModel> concurrent_index;
  std::optional<SkipChangesModel> skip;
};
template <class Io>
void Fields(Io& io, DiffModel& m) {
  io("concurrent_index", m.concurrent_index);
  io("skip", m.skip);
}

struct LintModel {
  std::optional<std::string> review;          // ALWAYS | WARNING | ERROR
  std::optional<std::string> review_timeout;  // ^\d+[smhd]$
};
template <class Io>
void Fields(Io& io, LintModel& m) {
  io("review", m.review);
  io("review_timeout", m.review_timeout);
}

// Values may be unknown while planning (e.g. `url` built from another resource), hence Maybe<>.
struct AtlasSchemaModel {
  framework::Maybe<std::string> id;
  framework::Maybe<std::string> hcl;
  framework::Maybe<std::string> url;
  framework::Maybe<std::string> dev_url;
  framework::Maybe<std::vector<std::string>> exclude;
  framework::Maybe<std::string> tx_mode;  // file | all | none
  framework::Maybe<std::string> config;
  framework::Maybe<std::string> variables;  // JSON object as a string
  framework::Maybe<std::string> env_name;
  std::optional<DiffModel> diff;
  std::optional<LintModel> lint;
  std::optional<CloudModel> cloud;
};
template <class Io>
void Fields(Io& io, AtlasSchemaModel& m) {
  io("id", m.id);
  io("hcl", m.hcl);
  io("url", m.url);
  io("dev_url", m.dev_url);
  io("exclude", m.exclude);
  io("tx_mode", m.tx_mode);
  io("config", m.config);
  io("variables", m.variables);
  io("env_name", m.env_name);
  io("diff", m.diff);
  io("lint", m.lint);
  io("cloud", m.cloud);
}

// The resource schema (version 0, as ariga's).
framework::Schema AtlasSchemaResourceSchema();

class AtlasSchemaResource final : public framework::Resource {
 public:
  AtlasSchemaResource();

  std::string TypeName() const override { return "atlas_schema"; }
  const framework::Schema& GetSchema() const override { return schema_; }

  void ValidateConfig(const framework::ValidateConfigRequest& req,
                      framework::ValidateConfigResponse& resp) const override;
  void ModifyPlan(const framework::ModifyPlanRequest& req,
                  framework::ModifyPlanResponse& resp) const override;
  void Create(const framework::CreateRequest& req, framework::CreateResponse& resp) const override;
  void Read(const framework::ReadRequest& req, framework::ReadResponse& resp) const override;
  void Update(const framework::UpdateRequest& req, framework::UpdateResponse& resp) const override;
  void Delete(const framework::DeleteRequest& req, framework::DeleteResponse& resp) const override;
  // Import by database URL: the state holds the inspected schema.
  void ImportState(const framework::ImportStateRequest& req,
                   framework::ImportStateResponse& resp) const override;

 private:
  framework::Schema schema_;
};

std::unique_ptr<framework::Resource> NewAtlasSchemaResource();

}  // namespace atlas::provider::resources
