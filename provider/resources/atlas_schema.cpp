#include "provider/resources/atlas_schema.hpp"

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/hash.hpp"
#include "engine/ops/schema_ops.hpp"
#include "engine/url/url.hpp"

namespace atlas::provider::resources {

using framework::Attribute;
using framework::Block;
using framework::NestedBlock;
using tfvalue::Type;

namespace {

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
      "The content of an atlas.hcl project file. Its `lint {}` block (the top-level one, then the "
      "one of the `env_name` environment) configures the analyzers that lint the plan, e.g. "
      "`destructive { error = false }` or `naming { match = \"^[a-z_]+$\" }`; other settings are "
      "accepted for compatibility and not used.",
      true));
  b.Add(Attribute::String("variables")
            .Optional()
            .Describe("Accepted for compatibility: a JSON object of input variables for `config`.",
                      true));
  b.Add(Attribute::String("env_name")
            .Optional()
            .Describe("The environment of `config` whose `lint {}` block applies on top of the "
                      "top-level one. Default: tf",
                      true));
  b.Add(DiffBlock());
  b.Add(LintBlock());
  b.Add(CloudBlock());
  return framework::Schema{0, std::move(b)};
}

AtlasSchemaResource::AtlasSchemaResource() : schema_(AtlasSchemaResourceSchema()) {}

void AtlasSchemaResource::ValidateConfig(const framework::ValidateConfigRequest& req,
                                         framework::ValidateConfigResponse& resp) const {
  RejectCloud(req.config, resp.diagnostics);
  const auto config = KnownString(req.config, "config");
  if (config && !req.config.GetAttr("env_name").IsUnknown()) {
    (void)LintConfigOf(config, KnownString(req.config, "env_name"), resp.diagnostics);
  }
}

namespace {

constexpr const char* kAtlasPlan = "Atlas Plan";

// Everything an engine call needs, resolved from the resource model and the provider data.
struct Settings {
  std::string url;
  std::string dev_url;
  std::vector<std::string> exclude;
  std::string tx_mode = "file";
  engine::ops::DiffPolicy policy;
};

Settings SettingsOf(const AtlasSchemaModel& m, const framework::RequestContext& ctx) {
  Settings s;
  s.url = m.url.ValueOr("");
  s.dev_url = m.dev_url.ValueOr("");
  if (s.dev_url.empty()) {
    if (const auto* pd = ctx.ProviderDataAs<AtlasProviderData>(); pd != nullptr && pd->dev_url) {
      s.dev_url = *pd->dev_url;
    }
  }
  s.exclude = m.exclude.ValueOr({});
  s.tx_mode = m.tx_mode.ValueOr("file");
  if (m.diff && m.diff->skip) {
    const auto& k = *m.diff->skip;
    auto& p = s.policy;
    p.add_schema = k.add_schema.value_or(false);
    p.drop_schema = k.drop_schema.value_or(false);
    p.modify_schema = k.modify_schema.value_or(false);
    p.add_table = k.add_table.value_or(false);
    p.drop_table = k.drop_table.value_or(false);
    p.modify_table = k.modify_table.value_or(false);
    p.add_column = k.add_column.value_or(false);
    p.drop_column = k.drop_column.value_or(false);
    p.modify_column = k.modify_column.value_or(false);
    p.add_index = k.add_index.value_or(false);
    p.drop_index = k.drop_index.value_or(false);
    p.modify_index = k.modify_index.value_or(false);
    p.add_foreign_key = k.add_foreign_key.value_or(false);
    p.drop_foreign_key = k.drop_foreign_key.value_or(false);
    p.modify_foreign_key = k.modify_foreign_key.value_or(false);
  }
  if (m.diff && m.diff->concurrent_index) {
    s.policy.concurrent_index_create = m.diff->concurrent_index->create.value_or(false);
    s.policy.concurrent_index_drop = m.diff->concurrent_index->drop.value_or(false);
  }
  return s;
}

engine::ops::SchemaApplyRequest ApplyRequest(const Settings& s, const std::string& hcl,
                                             engine::lint::Config lint = {}) {
  engine::ops::SchemaApplyRequest r;
  r.lint = std::move(lint);
  r.url = s.url;
  r.dev_url = s.dev_url;
  r.desired.hcl = hcl;
  r.desired.filename = "schema.hcl";
  r.exclude = s.exclude;
  r.policy = s.policy;
  r.tx_mode = s.tx_mode;
  return r;
}

// The lint settings of the model's `config` (nullopt with an error on `config` when unusable).
std::optional<engine::lint::Config> LintOf(const AtlasSchemaModel& m,
                                           framework::Diagnostics& diags) {
  return LintConfigOf(m.config.IsKnown() ? std::optional<std::string>(*m.config) : std::nullopt,
                      m.env_name.IsKnown() ? std::optional<std::string>(*m.env_name) : std::nullopt,
                      diags);
}

// Engine errors about the HCL source point at `hcl`, about a lint option at `config`; others at
// the resource.
std::optional<framework::AttributePath> PathFor(const engine::base::Diagnostics& d) {
  if (FromAtlasHcl(d)) {
    return framework::AttributePath::Root("config");
  }
  for (const auto& item : d) {
    if (item.source && item.source->filename == "schema.hcl") {
      return framework::AttributePath::Root("hcl");
    }
  }
  return std::nullopt;
}

void AddEngineError(framework::Diagnostics& out, const std::string& summary, const std::string& prefix,
                    const engine::base::Diagnostics& err) {
  out.AddAttributeError(PathFor(err).value_or(framework::AttributePath()), summary,
                        prefix + engine::url::RedactUrlsInText(err.ToString()));
}

std::string PlanDetail(const engine::ops::SchemaPlan& plan) {
  std::string detail = "The following SQL statements will be executed:\n\n\n";
  for (const auto& s : plan.statements) {
    if (!s.comment.empty()) {
      detail += "-- " + s.comment + "\n";
    }
    detail += s.sql + ";\n";
  }
  return detail;
}

// The `lint { review }` policy: empty without a lint block; ALWAYS when the block sets none.
std::string ReviewOf(const AtlasSchemaModel& m) {
  if (!m.lint) {
    return "";
  }
  return m.lint->review.value_or("ALWAYS");
}

// Whether a lint report fails the plan under `review`: ERROR blocks reports of error analyzers
// (destructive), WARNING blocks any finding, ALWAYS and no lint block never block.
bool LintBlocks(const std::string& review, const engine::ops::LintReport& r) {
  return review == "WARNING" || (review == "ERROR" && r.error);
}

// One "- CODE: text" entry per finding, with the statement that causes it, the suggested fix
// and the analyzer's documentation.
std::string LintDetail(const engine::ops::LintReport& r, const std::string& review, bool blocks) {
  std::string detail;
  for (const auto& f : r.findings) {
    if (!detail.empty()) {
      detail += "\n";
    }
    detail += "- " + f.code + ": " + f.text + "\n";
    if (!f.statement.empty()) {
      detail += "  Statement: " + f.statement + "\n";
    }
    if (!f.suggested_fix.empty()) {
      detail += "  Suggested fix: " + f.suggested_fix + "\n";
    }
    detail += "  Details: " + f.link + "\n";
  }
  if (blocks) {
    detail += "\nThe lint policy review = \"" + review + "\" refuses plans with " +
              (review == "ERROR" ? "error findings" : "any finding") +
              ". Change the desired schema, or relax `lint.review`, to apply these changes.";
  }
  return detail;
}

void AddLintDiagnostics(const engine::ops::SchemaPlan& plan, const std::string& review,
                        framework::Diagnostics& out) {
  for (const auto& r : plan.lint) {
    const bool blocks = LintBlocks(review, r);
    if (blocks) {
      out.AddError(r.text, LintDetail(r, review, true));
    } else {
      out.AddWarning(r.text, LintDetail(r, review, false));
    }
  }
}

std::string NewUuid() {
  std::random_device rd;
  std::array<uint8_t, 16> b{};
  for (auto& x : b) {
    x = static_cast<uint8_t>(rd());
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  const std::string hex = engine::base::Hex(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

}  // namespace

void AtlasSchemaResource::ModifyPlan(const framework::ModifyPlanRequest& req,
                                     framework::ModifyPlanResponse& resp) const {
  const engine::ops::SchemaOps ops;
  if (req.IsDestroy()) {
    auto prior = framework::Decode<AtlasSchemaModel>(req.prior_state, resp.diagnostics);
    if (resp.diagnostics.HasError() || !prior.url.IsKnown() || !prior.hcl.IsKnown()) {
      return;
    }
    const Settings s = SettingsOf(prior, req.context);
    engine::ops::DropRequest dr;
    dr.url = s.url;
    dr.dev_url = s.dev_url;
    dr.declared.hcl = *prior.hcl;
    dr.exclude = s.exclude;
    dr.tx_mode = s.tx_mode;
    auto plan = ops.PlanDrop(dr);
    if (!plan.ok()) {
      AddEngineError(resp.diagnostics, "Atlas Plan Error", "Unable to generate migration plan, got error: ",
                     plan.diags());
      return;
    }
    if (!plan->empty()) {
      resp.diagnostics.AddWarning(kAtlasPlan, PlanDetail(*plan));
    }
    resp.planned_private = plan->fingerprint;
    return;
  }

  auto config = framework::Decode<AtlasSchemaModel>(req.config, resp.diagnostics);
  if (resp.diagnostics.HasError()) {
    return;
  }
  const bool plannable = config.url.IsKnown() && config.hcl.IsKnown() &&
                         !config.dev_url.IsUnknown() && !config.exclude.IsUnknown() &&
                         !config.config.IsUnknown() && !config.env_name.IsUnknown();
  if (!plannable && !ReviewOf(config).empty()) {
    // Terraform plans again during apply once the values are known, but that plan is never shown
    // for approval: a lint review policy needs the statements at this plan.
    resp.diagnostics.AddError(
        "Lint review required",
        "The SQL statements cannot be computed at plan time because `url`, `hcl`, `dev_url`, "
        "`exclude`, `config` or `env_name` is not known yet, so the `lint.review` policy cannot "
        "be applied. Create what "
        "they depend on first (for example with `terraform apply -target=...`), or remove the "
        "`lint` block.");
    return;
  }
  if (config.url.IsUnknown() && req.IsCreate()) {
    // The database does not exist yet (its URL comes from another resource): plan without SQL.
    resp.requires_replace.push_back(framework::AttributePath::Root("url"));
    return;
  }
  if (!plannable) {
    return;
  }
  auto lint = LintOf(config, resp.diagnostics);
  if (!lint) {
    return;
  }
  const Settings s = SettingsOf(config, req.context);
  auto plan = ops.PlanApply(ApplyRequest(s, *config.hcl, std::move(*lint)));
  if (!plan.ok()) {
    AddEngineError(resp.diagnostics, "Atlas Plan Error", "Unable to generate migration plan, got error: ",
                   plan.diags());
    return;
  }
  if (req.IsCreate()) {
    std::vector<std::string> drops;
    for (const auto& st : plan->statements) {
      if (st.destructive) {
        drops.push_back(st.sql + ";");
      }
    }
    if (!drops.empty()) {
      std::string detail =
          "The database contains resources that Atlas wants to drop because they are not defined in the HCL "
          "file on the first run.\n";
      for (const auto& d : drops) {
        detail += "- " + d + "\n";
      }
      detail +=
          "To learn how to add an existing database to a project, read:\n"
          "https://atlasgo.io/terraform-provider#working-with-an-existing-database";
      resp.diagnostics.AddError("Unrecognized schema resources", detail);
      return;
    }
  }
  if (!plan->empty()) {
    resp.diagnostics.AddWarning(kAtlasPlan, PlanDetail(*plan));
    AddLintDiagnostics(*plan, ReviewOf(config), resp.diagnostics);
    if (resp.diagnostics.HasError()) {
      return;
    }
  } else if (!req.IsCreate()) {
    // The database already matches the configured schema: an equivalent spelling of `hcl` (whitespace,
    // comments, order) keeps the stored value, so nothing changes.
    const auto prior_hcl = KnownString(req.prior_state, "hcl");
    if (prior_hcl && *prior_hcl != *config.hcl && resp.planned_state.IsKnownNonNull()) {
      resp.planned_state = framework::SetAttribute(resp.planned_state, "hcl", *prior_hcl, resp.diagnostics);
    }
  }
  resp.planned_private = plan->fingerprint;
}

namespace {
// Applies the configured schema; returns false (with diagnostics) on failure.
bool ApplySchema(const AtlasSchemaModel& m, const framework::RequestContext& ctx, const std::string& fingerprint,
                 framework::Diagnostics& diags) {
  auto lint = LintOf(m, diags);
  if (!lint) {
    return false;
  }
  const Settings s = SettingsOf(m, ctx);
  auto req = ApplyRequest(s, m.hcl.ValueOr(""), std::move(*lint));
  req.expected_fingerprint = fingerprint;
  const engine::ops::SchemaOps ops;
  auto done = ops.Apply(req);
  if (!done.ok()) {
    AddEngineError(diags, "Apply Error", "Unable to apply changes, got error: ", done.diags());
    return false;
  }
  return true;
}
}  // namespace

void AtlasSchemaResource::Create(const framework::CreateRequest& req, framework::CreateResponse& resp) const {
  auto planned = framework::Decode<AtlasSchemaModel>(req.planned_state, resp.diagnostics);
  if (resp.diagnostics.HasError()) {
    return;
  }
  if (!ApplySchema(planned, req.context, req.planned_private, resp.diagnostics)) {
    return;
  }
  planned.id = NewUuid();
  resp.new_state = framework::UpdateObject(req.planned_state, planned, resp.diagnostics);
}

void AtlasSchemaResource::Update(const framework::UpdateRequest& req, framework::UpdateResponse& resp) const {
  auto planned = framework::Decode<AtlasSchemaModel>(req.planned_state, resp.diagnostics);
  if (resp.diagnostics.HasError()) {
    return;
  }
  if (!ApplySchema(planned, req.context, req.planned_private, resp.diagnostics)) {
    resp.new_state = req.prior_state;
    return;
  }
  if (!planned.id.IsKnown()) {
    planned.id = NewUuid();
  }
  resp.new_state = framework::UpdateObject(req.planned_state, planned, resp.diagnostics);
}

void AtlasSchemaResource::Read(const framework::ReadRequest& req, framework::ReadResponse& resp) const {
  auto state = framework::Decode<AtlasSchemaModel>(req.current_state, resp.diagnostics);
  if (resp.diagnostics.HasError() || !state.url.IsKnown()) {
    return;
  }
  const Settings s = SettingsOf(state, req.context);
  const engine::ops::SchemaOps ops;
  // Unchanged when the database still matches the stored schema (same check as planning).
  if (state.hcl.IsKnown()) {
    auto plan = ops.PlanApply(ApplyRequest(s, *state.hcl));
    if (plan.ok() && plan->empty()) {
      return;
    }
  }
  engine::ops::InspectRequest ir;
  ir.url = s.url;
  ir.exclude = s.exclude;
  auto inspected = ops.Inspect(ir);
  if (!inspected.ok()) {
    AddEngineError(resp.diagnostics, "Inspect Error", "Unable to inspect, got error: ", inspected.diags());
    return;
  }
  resp.new_state = framework::SetAttribute(resp.new_state, "hcl", *inspected, resp.diagnostics);
}

void AtlasSchemaResource::Delete(const framework::DeleteRequest& req, framework::DeleteResponse& resp) const {
  auto prior = framework::Decode<AtlasSchemaModel>(req.prior_state, resp.diagnostics);
  if (resp.diagnostics.HasError() || !prior.url.IsKnown() || !prior.hcl.IsKnown()) {
    return;
  }
  const Settings s = SettingsOf(prior, req.context);
  engine::ops::DropRequest dr;
  dr.url = s.url;
  dr.dev_url = s.dev_url;
  dr.declared.hcl = *prior.hcl;
  dr.exclude = s.exclude;
  dr.tx_mode = s.tx_mode;
  dr.expected_fingerprint = req.planned_private;
  const engine::ops::SchemaOps ops;
  auto done = ops.Drop(dr);
  if (!done.ok()) {
    AddEngineError(resp.diagnostics, "Apply Error", "Unable to apply changes, got error: ", done.diags());
  }
}

void AtlasSchemaResource::ImportState(const framework::ImportStateRequest& req,
                                      framework::ImportStateResponse& resp) const {
  engine::ops::InspectRequest ir;
  ir.url = req.id;
  const engine::ops::SchemaOps ops;
  auto inspected = ops.Inspect(ir);
  if (!inspected.ok()) {
    resp.diagnostics.AddError("Import Error", "Unable to inspect the database to import, got error: " +
                                                  engine::url::RedactUrlsInText(inspected.ErrorString()));
    return;
  }
  AtlasSchemaModel m;
  m.url = req.id;
  m.hcl = *inspected;
  m.id = NewUuid();
  resp.state = framework::UpdateObject(resp.state, m, resp.diagnostics);
}

std::unique_ptr<framework::Resource> NewAtlasSchemaResource() {
  return std::make_unique<AtlasSchemaResource>();
}

}  // namespace atlas::provider::resources
