#include "provider/resources/atlas_schema.hpp"

#include <array>
#include <utility>

namespace atlas::provider::resources {

using framework::Attribute;
using framework::Block;
using framework::NestedBlock;
using tfvalue::Type;

namespace {

constexpr const char* kIssue = "#3";

Attribute OptionalBool(std::string name, std::string description) {
  Attribute a = Attribute::Bool(std::move(name));
  a.Optional().Describe(std::move(description));
  return a;
}

NestedBlock DiffBlock() {
  Block concurrent;
  concurrent.Describe("PostgreSQL: create and drop indexes concurrently.");
  concurrent.Add(OptionalBool("create", "Use CREATE INDEX CONCURRENTLY."));
  concurrent.Add(OptionalBool("drop", "Use DROP INDEX CONCURRENTLY."));

  Block skip;
  skip.Describe("Change kinds to leave out of plans.");
  const std::array<std::pair<const char*, const char*>, 15> kinds = {{
      {"add_schema", "Skip adding schemas."},
      {"drop_schema", "Skip dropping schemas."},
      {"modify_schema", "Skip modifying schemas."},
      {"add_table", "Skip adding tables."},
      {"drop_table", "Skip dropping tables."},
      {"modify_table", "Skip modifying tables."},
      {"add_column", "Skip adding columns."},
      {"drop_column", "Skip dropping columns."},
      {"modify_column", "Skip modifying columns."},
      {"add_index", "Skip adding indexes."},
      {"drop_index", "Skip dropping indexes."},
      {"modify_index", "Skip modifying indexes."},
      {"add_foreign_key", "Skip adding foreign keys."},
      {"drop_foreign_key", "Skip dropping foreign keys."},
      {"modify_foreign_key", "Skip modifying foreign keys."},
  }};
  for (const auto& [name, description] : kinds) {
    skip.Add(OptionalBool(name, description));
  }

  Block diff;
  diff.Describe("Diff policy.");
  diff.Add(NestedBlock::Single("concurrent_index", std::move(concurrent)));
  diff.Add(NestedBlock::Single("skip", std::move(skip)));
  return NestedBlock::Single("diff", std::move(diff));
}

NestedBlock LintBlock() {
  Block lint;
  lint.Describe("Lint policy.");
  lint.Add(Attribute::String("review")
               .Optional()
               .Describe("Review policy: `ALWAYS`, `WARNING` or `ERROR`.", true)
               .Validate(framework::StringOneOf({"ALWAYS", "WARNING", "ERROR"})));
  lint.Add(Attribute::String("review_timeout")
               .Optional()
               .Describe("How long to wait for a review, e.g. `30m` (units s, m, h, d).", true)
               .Validate(framework::StringMatchesRegex(R"(^\d+[smhd]$)",
                                                       "Must be a valid duration (e.g. 1m, 2h)")));
  return NestedBlock::Single("lint", std::move(lint));
}

}  // namespace

framework::Schema AtlasSchemaResourceSchema() {
  Block b;
  b.Describe("Keeps a database schema in the state described by `hcl` (Atlas HCL).", true);
  b.Add(Attribute::String("hcl")
            .Required()
            .Describe("The desired schema in Atlas HCL (preferably normalized by the "
                      "`atlas_schema` data source).",
                      true)
            .Validate(framework::StringLengthAtLeast(1)));
  b.Add(
      Attribute::String("url").Optional().Sensitive().Describe("The URL of the target database."));
  b.Add(Attribute::String("dev_url").Optional().Sensitive().Describe(
      "The URL of the dev database used to normalize the desired schema. Defaults to the "
      "provider's `dev_url`.",
      true));
  b.Add(Attribute::List("exclude", Type::String())
            .Optional()
            .Describe("Glob patterns of objects to ignore in inspection and planning."));
  b.Add(Attribute::String("tx_mode")
            .Optional()
            .Describe("Transaction mode: `file`, `all` or `none`.", true)
            .Validate(framework::StringOneOf({"file", "all", "none"})));
  b.Add(Attribute::String("id")
            .Computed()
            .Describe("The resource identifier.")
            .Modify(framework::UseStateForUnknown()));
  b.Add(Attribute::String("config").Optional().Describe(
      "Accepted for compatibility with ariga/atlas: the content of an atlas.hcl project file."));
  b.Add(Attribute::String("variables")
            .Optional()
            .Describe("Accepted for compatibility: a JSON object of input variables for `config`.",
                      true));
  b.Add(
      Attribute::String("env_name")
          .Optional()
          .Describe("Accepted for compatibility: the environment in `config`. Default: tf", true));
  b.Add(DiffBlock());
  b.Add(LintBlock());
  b.Add(CloudBlock());
  return framework::Schema{0, std::move(b)};
}

AtlasSchemaResource::AtlasSchemaResource() : schema_(AtlasSchemaResourceSchema()) {}

void AtlasSchemaResource::ValidateConfig(const framework::ValidateConfigRequest& req,
                                         framework::ValidateConfigResponse& resp) const {
  RejectCloud(req.config, resp.diagnostics);
}

// ModifyPlan (ariga, atlas-compat §8): on create, if `url` is unknown mark `url` RequiresReplace
// and stop; otherwise run the first-run check (a dry-run apply whose DROP statements fail the plan
// with "Unrecognized schema resources"). On destroy (req.IsDestroy()): dry-run schema clean. Else
// dry-run schema apply. A non-empty dry run adds the "Atlas Plan" warning listing the SQL; a
// failing one the error "Atlas Plan Error". Read the plan with
// framework::Decode<AtlasSchemaModel>(resp.planned_state, resp.diagnostics); the provider's
// dev_url is req.context.ProviderDataAs<AtlasProviderData>()->dev_url.
void AtlasSchemaResource::ModifyPlan(const framework::ModifyPlanRequest& /*req*/,
                                     framework::ModifyPlanResponse& resp) const {
  resp.diagnostics.Add(NotImplemented("atlas_schema: planning", kIssue));
}

// Create: apply the schema (engine/ops schema apply), then set `id` to a random UUID and answer
// resp.new_state = framework::UpdateObject(req.planned_state, model, diags).
void AtlasSchemaResource::Create(const framework::CreateRequest& /*req*/,
                                 framework::CreateResponse& resp) const {
  resp.diagnostics.Add(NotImplemented("atlas_schema: create", kIssue));
}

// Read: inspect `url` (respecting `exclude`); when the database no longer matches the stored
// schema set `hcl` to the inspected normalized HCL. resp.new_state starts as the current state.
void AtlasSchemaResource::Read(const framework::ReadRequest& /*req*/,
                               framework::ReadResponse& resp) const {
  resp.diagnostics.Add(NotImplemented("atlas_schema: read", kIssue));
}

// Update: apply the schema again; resp.new_state starts as the planned state.
void AtlasSchemaResource::Update(const framework::UpdateRequest& /*req*/,
                                 framework::UpdateResponse& resp) const {
  resp.diagnostics.Add(NotImplemented("atlas_schema: update", kIssue));
}

// Delete: drop what the schema declares (ariga: schema clean with auto-approve). On error the
// framework keeps the prior state.
void AtlasSchemaResource::Delete(const framework::DeleteRequest& /*req*/,
                                 framework::DeleteResponse& resp) const {
  resp.diagnostics.Add(NotImplemented("atlas_schema: delete", kIssue));
}

std::unique_ptr<framework::Resource> NewAtlasSchemaResource() {
  return std::make_unique<AtlasSchemaResource>();
}

}  // namespace atlas::provider::resources
