#include "provider/resources/atlas_migration.hpp"

#include <utility>

namespace atlas::provider::resources {

using framework::Attribute;
using framework::AttributePath;
using framework::Block;
using framework::NestedBlock;
using tfvalue::Type;

namespace {

bool IsSchemeStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsSchemeChar(char c) {
  return IsSchemeStart(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}
bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

struct ParsedDirUrl {
  std::string scheme;
  std::string error;  // Go url.Parse error text, empty when valid
};

// The checks Go's url.Parse applies that matter here (ariga parses `dir` with it): control
// characters, "%" escapes, a missing scheme before ':', a colon in the first path segment.
ParsedDirUrl ParseDirUrl(const std::string& raw) {
  ParsedDirUrl out;
  auto fail = [&](const std::string& what) {
    out.error = "parse \"" + raw + "\": " + what;
    return out;
  };
  for (char c : raw) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return fail("net/url: invalid control character in URL");
    }
  }
  std::string rest = raw;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == ':') {
      if (i == 0) {
        return fail("missing protocol scheme");
      }
      out.scheme = raw.substr(0, i);
      rest = raw.substr(i + 1);
      break;
    }
    if (IsSchemeStart(c) || (i > 0 && IsSchemeChar(c))) {
      continue;
    }
    break;  // no scheme
  }
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] != '%') {
      continue;
    }
    if (i + 2 >= rest.size() || !IsHex(rest[i + 1]) || !IsHex(rest[i + 2])) {
      std::string bad = rest.substr(i, 3);
      return fail("invalid URL escape \"" + bad + "\"");
    }
  }
  if (out.scheme.empty()) {
    size_t slash = rest.find('/');
    std::string first = rest.substr(0, slash);
    if (first.find(':') != std::string::npos) {
      return fail("first path segment in URL cannot contain colon");
    }
  }
  return out;
}

NestedBlock ProtectedFlowsBlock() {
  Block down;
  down.Describe("Policy for down migrations.");
  down.Add(Attribute::Bool("allow").Optional().Describe("Allow down migrations."));
  down.Add(Attribute::Bool("auto_approve")
               .Optional()
               .Describe("Run down migrations without review (required with a local directory)."));
  Block flows;
  flows.Describe("Protected flows of a deployment.");
  flows.Add(NestedBlock::Single("migrate_down", std::move(down)));
  return NestedBlock::Single("protected_flows", std::move(flows));
}

NestedBlock TimeoutsBlock() {
  const std::string description =
      "Timeout, default 20 minutes: a Go duration such as \"30s\" or \"2h45m\" (units \"s\", "
      "\"m\", \"h\").";
  Block timeouts;
  timeouts.Add(Attribute::String("create")
                   .Optional()
                   .Describe(description)
                   .Validate(framework::StringIsDuration()));
  timeouts.Add(Attribute::String("update")
                   .Optional()
                   .Describe(description)
                   .Validate(framework::StringIsDuration()));
  return NestedBlock::Single("timeouts", std::move(timeouts));
}

}  // namespace

tfvalue::Type MigrationStatusType() {
  return Type::Object({{"status", Type::String()},
                       {"current", Type::String()},
                       {"next", Type::String()},
                       {"latest", Type::String()}});
}

NestedBlock RemoteDirBlock() {
  Block b;
  b.Deprecated("Use the dir attribute with (atlas://<name>?tag=<tag>) URL format");
  b.Add(Attribute::String("name").Optional().Describe(
      "The name of the remote directory; required when remote_dir is set."));
  b.Add(Attribute::String("tag").Optional().Describe("The tag of the remote directory."));
  return NestedBlock::Single("remote_dir", std::move(b));
}

framework::Schema AtlasMigrationResourceSchema() {
  Block b;
  b.Describe("Applies the pending files of a migration directory to a database.");
  b.Add(Attribute::String("config").Optional().Describe(
      "Accepted for compatibility with ariga/atlas: the content of an atlas.hcl project file."));
  b.Add(Attribute::String("variables")
            .Optional()
            .Describe("Accepted for compatibility: a JSON object of input variables for `config`.",
                      true));
  b.Add(
      Attribute::String("url").Optional().Sensitive().Describe("The URL of the target database."));
  b.Add(Attribute::String("dev_url").Optional().Sensitive().Describe(
      "The URL of the dev database used to lint pending files. Defaults to the provider's "
      "`dev_url`.",
      true));
  b.Add(Attribute::String("baseline")
            .Optional()
            .Describe("A version to start the migration history from on a database that already "
                      "has a schema."));
  b.Add(Attribute::String("exec_order")
            .Optional()
            .Describe(
                "How pending files are computed and run: `linear`, `linear-skip` or `non-linear`.",
                true)
            .Validate(framework::StringOneOf({"linear", "linear-skip", "non-linear"})));
  b.Add(Attribute::String("revisions_schema")
            .Optional()
            .Describe("The schema that holds the revisions table."));
  b.Add(Attribute::String("dir").Optional().Describe(
      "The URL of the migration directory (default `migrations`); dir or remote_dir is required."));
  b.Add(
      Attribute::String("env_name")
          .Optional()
          .Describe("Accepted for compatibility: the environment in `config`. Default: tf", true));
  b.Add(Attribute::String("version").Optional().Computed().Describe(
      "The version to migrate to; when unset, the latest version at creation time."));
  b.Add(Attribute::Of("status", MigrationStatusType())
            .Computed()
            .Describe("Migration status: `status` (OK or PENDING), `current`, `next` and `latest` "
                      "versions.",
                      true));
  b.Add(Attribute::String("id")
            .Computed()
            .Describe("The resource identifier.")
            .Modify(framework::UseStateForUnknown()));
  b.Add(CloudBlock());
  b.Add(RemoteDirBlock());
  b.Add(ProtectedFlowsBlock());
  b.Add(TimeoutsBlock());
  return framework::Schema{0, std::move(b)};
}

AtlasMigrationResource::AtlasMigrationResource() : schema_(AtlasMigrationResourceSchema()) {}

// ariga's ValidateConfig rules (atlas-compat §8), with attribute paths added.
void AtlasMigrationResource::ValidateConfig(const framework::ValidateConfigRequest& req,
                                            framework::ValidateConfigResponse& resp) const {
  framework::Diagnostics& diags = resp.diagnostics;
  RejectCloud(req.config, diags);
  auto m = framework::Decode<AtlasMigrationModel>(req.config, diags);
  if (diags.HasError()) {
    return;
  }
  if (!m.config.ValueOr("").empty() && !m.env_name.IsUnknown() && m.env_name.ValueOr("").empty()) {
    diags.AddAttributeError(AttributePath::Root("env_name"), "env_name is empty",
                            "env_name is required when config is set");
    return;
  }
  ParsedDirUrl dir = ParseDirUrl(m.dir.ValueOr(""));
  if (!dir.error.empty()) {
    diags.AddAttributeError(AttributePath::Root("dir"), "url is invalid", dir.error);
    return;
  }
  bool allow = false;
  bool auto_approve = false;
  if (m.protected_flows && m.protected_flows->migrate_down) {
    allow = m.protected_flows->migrate_down->allow.ValueOr(false);
    auto_approve = m.protected_flows->migrate_down->auto_approve.ValueOr(false);
  }
  AttributePath down = AttributePath::Root("protected_flows").Attribute("migrate_down");
  if (dir.scheme == "atlas") {
    if (allow && auto_approve) {
      diags.AddAttributeError(down.Attribute("auto_approve"), "Protected flow error",
                              "auto_approve is not allowed for a remote directory");
    }
    return;
  }
  if (allow && !auto_approve) {
    diags.AddAttributeError(
        down.Attribute("allow"), "Protected flow error",
        "allow cannot be true without auto_approve for local migration directory");
    return;
  }
  if (m.version.IsNull()) {
    diags.AddAttributeWarning(
        AttributePath::Root("version"), "version is unset",
        "Set 'version' to the migration version to run. Without it, the latest version is used "
        "when the "
        "resource is created and later files are not applied automatically. To keep the database "
        "up to "
        "date, set version from the atlas_migration data source's `next` or `latest`.");
  }
  if (!m.config.IsNull()) {
    return;
  }
  if (m.remote_dir) {
    if (m.remote_dir->name.IsNull()) {
      diags.AddAttributeError(AttributePath::Root("remote_dir").Attribute("name"),
                              "remote_dir.name is unset",
                              "remote_dir.name is required when remote_dir is set");
      return;
    }
    if (!m.dir.IsNull()) {
      diags.AddAttributeError(AttributePath::Root("dir"), "dir is set",
                              "dir is not allowed when remote_dir is set");
    }
    return;
  }
  if (m.dir.IsNull()) {
    diags.AddAttributeError(AttributePath::Root("dir"), "dir is unset",
                            "dir is required when remote_dir is unset");
    return;
  }
  if (m.dir.IsKnown() && m.dir.Get().empty()) {
    diags.AddAttributeError(AttributePath::Root("dir"), "dir is empty",
                            "dir is required when remote_dir is unset");
  }
}

// ModifyPlan (ariga): skip when dir or url is unknown or on destroy. Read the migration status; if
// `version` is unset plan it as the latest file version (null for an empty directory). With
// pending files up to `version` and a dev URL, lint them: one warning per report (summary = report
// text, detail "File: <name>\n<error>" then "- <CODE>: <text>" lines), "Lint error" for a file
// error without reports. Computed `status` stays unknown when it will change.
void AtlasMigrationResource::ModifyPlan(const framework::ModifyPlanRequest& req,
                                        framework::ModifyPlanResponse& resp) const {
  if (req.IsDestroy()) {
    return;  // Delete is a no-op: nothing to plan.
  }
  resp.diagnostics.Add(NotImplemented("atlas_migration: planning"));
}

// Create: set `id` to a random UUID, migrate to `version` (timeouts.create, default 20m), then
// compute `status`.
void AtlasMigrationResource::Create(const framework::CreateRequest& /*req*/,
                                    framework::CreateResponse& resp) const {
  resp.diagnostics.Add(NotImplemented("atlas_migration: create"));
}

// Read: recompute `status`; when the stored `current` was non-null and the new one is null (the
// revisions are gone) answer resp.new_state = null (removed from state).
void AtlasMigrationResource::Read(const framework::ReadRequest& /*req*/,
                                  framework::ReadResponse& resp) const {
  resp.diagnostics.Add(NotImplemented("atlas_migration: read"));
}

// Update: migrate to `version` (timeouts.update); down migrations need
// protected_flows.migrate_down.allow ("Protected flow error" otherwise); recompute `status`.
void AtlasMigrationResource::Update(const framework::UpdateRequest& /*req*/,
                                    framework::UpdateResponse& resp) const {
  resp.diagnostics.Add(NotImplemented("atlas_migration: update"));
}

// Delete: a no-op, as in ariga's provider: the database is left untouched.
void AtlasMigrationResource::Delete(const framework::DeleteRequest& /*req*/,
                                    framework::DeleteResponse& /*resp*/) const {}

std::unique_ptr<framework::Resource> NewAtlasMigrationResource() {
  return std::make_unique<AtlasMigrationResource>();
}

}  // namespace atlas::provider::resources
