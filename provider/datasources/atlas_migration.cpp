#include "provider/datasources/atlas_migration.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <random>
#include <utility>

#include "engine/base/hash.hpp"
#include "engine/ops/migrate_ops.hpp"
#include "engine/url/url.hpp"

namespace atlas::provider::datasources {

using framework::Attribute;
using framework::AttributePath;
using framework::Block;

framework::Schema AtlasMigrationDataSourceSchema() {
  Block b;
  b.Describe("The status of a migration directory against a database.");
  b.Add(Attribute::String("config").Optional().Describe(
      "Accepted for compatibility with ariga/atlas: the content of an atlas.hcl project file."));
  b.Add(Attribute::String("variables")
            .Optional()
            .Describe("Accepted for compatibility: a JSON object of input variables for `config`.",
                      true));
  b.Add(Attribute::String("url").Optional().Sensitive().Describe("The URL of the database."));
  b.Add(Attribute::String("dev_url").Optional().Sensitive().Describe(
      "The URL of the dev database. Defaults to the provider's `dev_url`.", true));
  b.Add(Attribute::String("dir").Optional().Describe("The URL of the migration directory."));
  b.Add(
      Attribute::String("env_name")
          .Optional()
          .Describe("Accepted for compatibility: the environment in `config`. Default: tf", true));
  b.Add(Attribute::String("revisions_schema")
            .Optional()
            .Describe("The schema that holds the revisions table."));
  b.Add(Attribute::String("status").Computed().Describe("Migration status: OK or PENDING."));
  b.Add(Attribute::String("current").Computed().Describe(
      "The current (last applied) version; empty when nothing is applied."));
  b.Add(Attribute::String("next").Computed().Describe(
      "The next version to apply; empty when up to date."));
  b.Add(Attribute::String("latest").Computed().Describe(
      "The latest version in the migration directory; null for an empty directory."));
  b.Add(Attribute::String("id").Computed().Describe("A new identifier on every read."));
  b.Add(resources::CloudBlock());
  b.Add(resources::RemoteDirBlock());
  return framework::Schema{0, std::move(b)};
}

AtlasMigrationDataSource::AtlasMigrationDataSource() : schema_(AtlasMigrationDataSourceSchema()) {}

// ariga: config set without env_name is an error.
void AtlasMigrationDataSource::ValidateConfig(const framework::ValidateConfigRequest& req,
                                              framework::ValidateConfigResponse& resp) const {
  resources::RejectCloud(req.config, resp.diagnostics);
  auto m = framework::Decode<AtlasMigrationDataModel>(req.config, resp.diagnostics);
  if (resp.diagnostics.HasError()) {
    return;
  }
  if (!m.config.ValueOr("").empty() && !m.env_name.IsUnknown() && m.env_name.ValueOr("").empty()) {
    resp.diagnostics.AddAttributeError(AttributePath::Root("env_name"), "env_name is empty",
                                       "env_name is required when config is set");
  }
}

// Read (ariga, atlas-compat §8): `id` = new random UUID; migrate status of `dir` against `url`:
// status OK/PENDING, current ("" when nothing applied), next ("" when up to date), latest (null
// plus warning "The migration directory is empty" / "Please add migration files to the directory
// to start using migrations." for an empty directory). Failure: "Failed to read migration
// status". resp.state starts as the config; fill the computed attributes.
namespace {

std::string RandomUuid() {
  std::random_device rd;
  std::array<uint8_t, 16> b{};
  for (auto& x : b) {
    x = static_cast<uint8_t>(rd());
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  const std::string hex =
      engine::base::Hex(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string AbsoluteSqlite(const std::string& u) {
  for (const char* scheme : {"sqlite://", "sqlite3://"}) {
    const std::string s(scheme);
    if (u.rfind(s, 0) == 0 && u.size() > s.size() && u[s.size()] != '/' &&
        u.find("mode=memory") == std::string::npos) {
      return s + (std::filesystem::current_path() / u.substr(s.size())).string();
    }
  }
  return u;
}

}  // namespace

void AtlasMigrationDataSource::Read(const framework::ReadDataSourceRequest& req,
                                    framework::ReadDataSourceResponse& resp) const {
  auto m = framework::Decode<AtlasMigrationDataModel>(req.config, resp.diagnostics);
  if (resp.diagnostics.HasError()) {
    return;
  }
  if (m.remote_dir) {
    resp.diagnostics.AddAttributeError(AttributePath::Root("remote_dir"),
                                       resources::kCloudUnsupportedSummary,
                                       "remote_dir needs Atlas Cloud; use a local `dir`.");
    return;
  }
  engine::ops::MigrateRequest r;
  r.url = AbsoluteSqlite(m.url.ValueOr(""));
  r.dir = m.dir.ValueOr("migrations");
  r.revisions_schema = m.revisions_schema.ValueOr("");
  const engine::ops::MigrateOps ops;
  auto st = ops.Status(r);
  if (!st.ok()) {
    resp.diagnostics.AddError("Failed to read migration status",
                              engine::url::RedactUrlsInText(st.diags().ToString()));
    return;
  }
  m.status = st->status;
  m.current = st->current == "No migration applied yet" ? "" : st->current;
  m.next = st->next == "Already at latest version" ? "" : st->next;
  if (st->latest.empty()) {
    m.latest.reset();
    resp.diagnostics.AddWarning("The migration directory is empty",
                                "Please add migration files to the directory to start using "
                                "migrations.");
  } else {
    m.latest = st->latest;
  }
  m.id = RandomUuid();
  resp.state = framework::UpdateObject(req.config, m, resp.diagnostics);
}

std::unique_ptr<framework::DataSource> NewAtlasMigrationDataSource() {
  return std::make_unique<AtlasMigrationDataSource>();
}

}  // namespace atlas::provider::datasources
