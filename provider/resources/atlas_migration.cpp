#include "provider/resources/atlas_migration.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <random>
#include <utility>

#include "engine/base/hash.hpp"
#include "engine/ops/migrate_ops.hpp"
#include "engine/url/url.hpp"
#include "provider/resources/atlas_provider.hpp"

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
      "The content of an atlas.hcl project file. Its `lint {}` block (the top-level one, then the "
      "one of the `env_name` environment) configures the analyzers that lint the pending files "
      "at plan time (with a dev database), e.g. `data_depend { error = true }` or "
      "`naming { match = \"^[a-z_]+$\" }`; other settings are accepted for compatibility and "
      "not used.",
      true));
  b.Add(Attribute::String("variables")
            .Optional()
            .Describe("Accepted for compatibility: a JSON object of input variables for `config`.",
                      true));
  b.Add(
      Attribute::String("url").Optional().Sensitive().Describe("The URL of the target database."));
  b.Add(Attribute::String("dev_url").Optional().Sensitive().Describe(
      "The URL of the dev database down migrations replay the directory on. Defaults to the "
      "provider's `dev_url` (SQLite targets: an in-memory database).",
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
  b.Add(Attribute::String("env_name")
            .Optional()
            .Describe("The environment of `config` whose `lint {}` block applies on top of the "
                      "top-level one. Default: tf",
                      true));
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
  if (m.config.IsKnown() && !m.env_name.IsUnknown() &&
      !LintConfigOf(*m.config, m.env_name.IsKnown() ? std::optional(*m.env_name) : std::nullopt,
                    diags)) {
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

namespace {

constexpr const char* kAtlasPlan = "Atlas Plan";

std::string NewUuid() {
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

std::string EngineText(const engine::base::Diagnostics& d) {
  return engine::url::RedactUrlsInText(d.ToString());
}

// A relative SQLite file URL made absolute (ariga does the same before calling Atlas).
std::string AbsoluteSqliteUrl(const std::string& u) {
  for (const char* scheme : {"sqlite://", "sqlite3://"}) {
    const std::string s(scheme);
    if (u.rfind(s, 0) == 0 && u.size() > s.size() && u[s.size()] != '/' &&
        u.find("mode=memory") == std::string::npos) {
      return s + (std::filesystem::current_path() / u.substr(s.size())).string();
    }
  }
  return u;
}

engine::ops::MigrateRequest RequestOf(const AtlasMigrationModel& m) {
  engine::ops::MigrateRequest r;
  r.url = AbsoluteSqliteUrl(m.url.ValueOr(""));
  r.dir = m.dir.ValueOr("migrations");
  r.revisions_schema = m.revisions_schema.ValueOr("");
  r.baseline = m.baseline.ValueOr("");
  r.exec_order = m.exec_order.ValueOr("");
  r.operator_version = "terraform-provider-atlas (native)";
  return r;
}

// ariga's mapping of the CLI status onto the `status` object.
tfvalue::Value StatusValue(const engine::ops::MigrateStatus& s) {
  auto str = [](const std::optional<std::string>& v) {
    return v ? tfvalue::StringVal(*v) : tfvalue::NullVal(tfvalue::Type::String());
  };
  std::optional<std::string> current = s.current;
  if (s.status == "PENDING" && s.current == "No migration applied yet") {
    current.reset();
  }
  std::optional<std::string> next = s.next;
  if (s.status == "OK" && s.next == "Already at latest version") {
    next.reset();
  }
  std::optional<std::string> latest;
  if (!s.latest.empty()) {
    latest = s.latest;
  }
  return tfvalue::ObjectVal({{"status", tfvalue::StringVal(s.status)},
                             {"current", str(current)},
                             {"next", str(next)},
                             {"latest", str(latest)}});
}

std::string PlanDetail(const engine::ops::MigrateRun& run) {
  std::string detail = "The following SQL statements will be executed:\n\n\n";
  for (const auto& f : run.files) {
    detail += "-- migrating version " + f.version + " (" + f.name + ")\n";
    for (const auto& c : f.checks) {
      detail += "-- check: " + c + "\n";
    }
    for (const auto& st : f.statements) {
      detail += st + "\n";
    }
  }
  return detail;
}

// The dev database a down migration replays the directory on: the resource's, else the
// provider's, else an in-memory SQLite database for SQLite targets.
std::string DevUrlOf(const AtlasMigrationModel& m, const framework::RequestContext& ctx) {
  std::string dev = m.dev_url.ValueOr("");
  if (dev.empty()) {
    if (const auto* pd = ctx.ProviderDataAs<AtlasProviderData>(); pd != nullptr && pd->dev_url) {
      dev = *pd->dev_url;
    }
  }
  if (dev.empty() && m.url.ValueOr("").rfind("sqlite:", 0) == 0) {
    dev = "sqlite://dev?mode=memory";
  }
  return dev;
}

// With a dev database set (the resource's `dev_url`, else the provider's), the files the plan will
// apply are linted (`atlas migrate lint` of the pending files, atlas-compat §8): one warning per
// report, summary = the report text, detail `File: <name>` then `- <CODE>: <text>` lines; a lint
// failure is a `Lint error` warning. The analyzers take their options from the `lint {}` block of
// `config`. Findings never fail the plan (not even with `error = true`); a `config` whose lint
// options cannot be used does, with an error on `config`.
void AddLintWarnings(const AtlasMigrationModel& m, const framework::RequestContext& ctx,
                     const engine::ops::MigrateOps& ops, const engine::ops::MigrateStatus& st,
                     const engine::ops::MigrateRun& run, framework::Diagnostics& diags) {
  std::string dev = m.dev_url.ValueOr("");
  if (dev.empty()) {
    if (const auto* pd = ctx.ProviderDataAs<AtlasProviderData>(); pd != nullptr && pd->dev_url) {
      dev = *pd->dev_url;
    }
  }
  if (dev.empty() || run.files.empty() || m.config.IsUnknown() || m.env_name.IsUnknown()) {
    return;
  }
  auto lint = LintConfigOf(m.config.IsKnown() ? std::optional(*m.config) : std::nullopt,
                           m.env_name.IsKnown() ? std::optional(*m.env_name) : std::nullopt, diags);
  if (!lint) {
    return;
  }
  engine::ops::MigrateLintRequest req;
  req.dir = RequestOf(m).dir;
  req.dev_url = dev;
  req.latest = st.pending.size();
  req.lint = std::move(*lint);
  auto res = ops.Lint(req);
  if (!res.ok()) {
    if (FromAtlasHcl(res.diags())) {
      // A lint option of `config` the dev database's analyzers refuse: the configuration is wrong.
      diags.AddAttributeError(
          AttributePath::Root("config"), "Invalid config",
          "The atlas.hcl content of `config` cannot be used: " + EngineText(res.diags()));
      return;
    }
    diags.AddWarning("Lint error", EngineText(res.diags()));
    return;
  }
  for (const auto& f : res->files) {
    const bool planned =
        std::any_of(run.files.begin(), run.files.end(),
                    [&](const engine::ops::MigrateFile& r) { return r.name == f.name; });
    if (!planned) {
      continue;
    }
    for (const auto& r : f.reports) {
      std::string detail = "File: " + f.name + "\n";
      for (const auto& d : r.diagnostics) {
        detail += "\n- " + d.code + ": " + d.text;
      }
      diags.AddWarning(r.text, detail);
    }
  }
}

engine::ops::MigrateDownRequest DownRequestOf(const AtlasMigrationModel& m,
                                              const framework::RequestContext& ctx,
                                              const std::string& version) {
  engine::ops::MigrateDownRequest d;
  d.migrate = RequestOf(m);
  d.dev_url = DevUrlOf(m, ctx);
  d.to_version = version;
  return d;
}

// The "Atlas Plan" text of a down migration: the versions reverted, the pre-migration checks and
// the statements apply will run.
std::string DownPlanDetail(const engine::ops::MigrateDown& down) {
  std::string detail = "Migrating down from version " + down.current + " to " +
                       (down.target.empty() ? std::string("an empty state (no migration applied)")
                                            : "version " + down.target) +
                       ", reverting";
  for (size_t i = 0; i < down.reverted.size(); ++i) {
    detail += (i > 0 ? ", " : " ") + down.reverted[i];
  }
  detail += ".\n";
  if (!down.plan.checks.empty()) {
    detail += "\nPre-migration checks (each must return true, else nothing runs):\n\n";
    for (const auto& c : down.plan.checks) {
      detail += c.sql + ";\n";
    }
  }
  detail += "\nThe following SQL statements will be executed:\n\n";
  detail += down.plan.ToSql();
  return detail;
}

// planned_private of a down plan: the plan's fingerprint, so apply runs exactly what was shown.
constexpr std::string_view kDownPrivatePrefix = "down-fingerprint:";

std::string DownFingerprintOf(const std::string& private_data) {
  if (private_data.rfind(kDownPrivatePrefix, 0) != 0) {
    return "";
  }
  return private_data.substr(kDownPrivatePrefix.size());
}

bool DownRequested(const engine::ops::MigrateStatus& st, const std::string& version) {
  if (version.empty() || st.current.empty() || st.current == "No migration applied yet") {
    return false;
  }
  for (const auto& p : st.pending) {
    if (p.rfind(version, 0) == 0) {
      return false;
    }
  }
  return version < st.current;
}

// True when the database is at `version`: the last revision is that version and it is not pending
// (a partially applied last revision, e.g. after a failed MySQL file, is current and pending).
bool AtVersion(const engine::ops::MigrateStatus& st, const std::string& version) {
  if (version != st.current) {
    return false;
  }
  for (const auto& p : st.pending) {
    if (p.rfind(version + "_", 0) == 0 || p == version + ".sql") {
      return false;
    }
  }
  return true;
}

// Migrates to the planned version; false (with diagnostics) on failure.
// The `timeouts` value for the operation ("create" or "update"), default 20 minutes.
int64_t TimeoutMs(const AtlasMigrationModel& m, bool create) {
  constexpr int64_t kDefault = 20LL * 60 * 1000;
  if (!m.timeouts) {
    return kDefault;
  }
  const auto& v = create ? m.timeouts->create : m.timeouts->update;
  if (!v.IsKnown()) {
    return kDefault;
  }
  const auto ns = framework::ParseGoDuration(v.ValueOr(""));
  return ns ? std::max<int64_t>(*ns / 1000000, 1) : kDefault;
}

bool Migrate(const AtlasMigrationModel& m, bool create, const framework::RequestContext& ctx,
             const std::string& planned_private, framework::Diagnostics& diags) {
  const engine::ops::MigrateOps ops;
  auto req = RequestOf(m);
  req.timeout_ms = TimeoutMs(m, create);
  auto st = ops.Status(req);
  if (!st.ok()) {
    diags.AddError("Failed to read migration status", EngineText(st.diags()));
    return false;
  }
  const std::string version = m.version.ValueOr("");
  if (DownRequested(*st, version)) {
    const bool allow = m.protected_flows && m.protected_flows->migrate_down &&
                       m.protected_flows->migrate_down->allow.ValueOr(false);
    if (!allow) {
      diags.AddAttributeError(
          framework::AttributePath::Root("version"), "Protected flow error",
          "migrate down is not allowed, set `migrate_down.allow` to true to allow downgrade");
      return false;
    }
    const std::string fingerprint = DownFingerprintOf(planned_private);
    if (fingerprint.empty()) {
      diags.AddAttributeError(framework::AttributePath::Root("version"), "Down migration not planned",
                              "The down migration was not shown at plan time; run plan again.");
      return false;
    }
    auto down = ops.Down(DownRequestOf(m, ctx, version), fingerprint);
    if (!down.ok()) {
      diags.AddError("Failed to migrate down", EngineText(down.diags()));
      return false;
    }
    return true;
  }
  if (st->pending.empty() || AtVersion(*st, version)) {
    return true;
  }
  auto run = ops.Apply(req, version);
  if (!run.ok()) {
    diags.AddError("Failed to apply migrations", EngineText(run.error));
    return false;
  }
  return true;
}

// Re-reads the status into `state` (a known object).
tfvalue::Value WithStatus(const tfvalue::Value& state, const AtlasMigrationModel& m,
                          framework::Diagnostics& diags) {
  const engine::ops::MigrateOps ops;
  auto st = ops.Status(RequestOf(m));
  if (!st.ok()) {
    diags.AddError("Failed to read migration status", EngineText(st.diags()));
    return state;
  }
  return state.SetAttr("status", StatusValue(*st));
}

}  // namespace

// ModifyPlan (ariga): skip when dir or url is unknown or on destroy. Validate the directory and its
// atlas.sum, read the status; `version` unset plans the latest file version (null for an empty
// directory). The files and statements apply will run are shown as an "Atlas Plan" warning; the
// computed `status` turns unknown when something will run. Down migrations are refused here.
void AtlasMigrationResource::ModifyPlan(const framework::ModifyPlanRequest& req,
                                        framework::ModifyPlanResponse& resp) const {
  if (req.IsDestroy()) {
    return;  // Delete is a no-op: nothing to plan.
  }
  auto config = framework::Decode<AtlasMigrationModel>(req.config, resp.diagnostics);
  if (resp.diagnostics.HasError() || config.url.IsUnknown() || config.dir.IsUnknown() ||
      config.version.IsUnknown() || config.baseline.IsUnknown()) {
    return;
  }
  if (config.remote_dir) {
    resp.diagnostics.AddAttributeError(framework::AttributePath::Root("remote_dir"),
                                       kCloudUnsupportedSummary,
                                       "remote_dir needs Atlas Cloud; use a local `dir`.");
    return;
  }
  const engine::ops::MigrateOps ops;
  const auto mreq = RequestOf(config);
  auto st = ops.Status(mreq);
  if (!st.ok()) {
    resp.diagnostics.AddAttributeError(framework::AttributePath::Root("dir"), "Atlas Plan Error",
                                       "Unable to read the migration status, got error: " +
                                           EngineText(st.diags()));
    return;
  }
  std::string version = config.version.ValueOr("");
  if (config.version.IsNull()) {
    if (st->latest.empty()) {
      resp.planned_state =
          resp.planned_state.SetAttr("version", tfvalue::NullVal(tfvalue::Type::String()));
    } else {
      version = st->latest;
      resp.planned_state = resp.planned_state.SetAttr("version", tfvalue::StringVal(version));
    }
  }
  if (DownRequested(*st, version)) {
    const bool allow = config.protected_flows && config.protected_flows->migrate_down &&
                       config.protected_flows->migrate_down->allow.ValueOr(false);
    if (!allow) {
      resp.diagnostics.AddAttributeError(
          framework::AttributePath::Root("version"), "Protected flow error",
          "migrate down is not allowed, set `migrate_down.allow` to true to allow downgrade");
      return;
    }
    auto down = ops.PlanDown(DownRequestOf(config, req.context, version));
    if (!down.ok()) {
      resp.diagnostics.AddAttributeError(framework::AttributePath::Root("version"),
                                         "Atlas Plan Error",
                                         "Unable to plan the down migration, got error: " +
                                             EngineText(down.diags()));
      return;
    }
    resp.diagnostics.AddWarning(kAtlasPlan, DownPlanDetail(*down));
    resp.planned_private = std::string(kDownPrivatePrefix) + down->plan.fingerprint;
    resp.planned_state =
        resp.planned_state.SetAttr("status", tfvalue::UnknownVal(MigrationStatusType()));
    return;
  }
  const bool nothing = st->pending.empty() || AtVersion(*st, version);
  if (nothing) {
    if (!req.IsCreate() || resp.planned_state.IsKnownNonNull()) {
      resp.planned_state = resp.planned_state.SetAttr("status", StatusValue(*st));
    }
    return;
  }
  auto run = ops.Plan(mreq, version);
  if (!run.ok()) {
    const std::string text = EngineText(run.diags());
    if (text.find("is not found in the pending migrations") != std::string::npos) {
      resp.diagnostics.AddAttributeError(framework::AttributePath::Root("version"),
                                         "Incorrect version",
                                         "The version " + version +
                                             " is not found in the pending migrations.");
    } else {
      resp.diagnostics.AddError("Atlas Plan Error",
                                "Unable to generate migration plan, got error: " + text);
    }
    return;
  }
  if (!run->files.empty()) {
    resp.diagnostics.AddWarning(kAtlasPlan, PlanDetail(*run));
  }
  AddLintWarnings(config, req.context, ops, *st, *run, resp.diagnostics);
  resp.planned_state =
      resp.planned_state.SetAttr("status", tfvalue::UnknownVal(MigrationStatusType()));
}

// Create: set `id` to a random UUID, migrate to `version`, then compute `status`.
void AtlasMigrationResource::Create(const framework::CreateRequest& req,
                                    framework::CreateResponse& resp) const {
  auto planned = framework::Decode<AtlasMigrationModel>(req.planned_state, resp.diagnostics);
  if (resp.diagnostics.HasError()) {
    return;
  }
  if (!Migrate(planned, /*create=*/true, req.context, req.planned_private, resp.diagnostics)) {
    return;
  }
  planned.id = NewUuid();
  planned.status = tfvalue::NullVal(MigrationStatusType());
  auto state = framework::UpdateObject(req.planned_state, planned, resp.diagnostics);
  resp.new_state = WithStatus(state, planned, resp.diagnostics);
}

// Read: recompute `status`; when the stored `current` was non-null and the new one is null (the
// revisions are gone) the resource is removed from state.
void AtlasMigrationResource::Read(const framework::ReadRequest& req,
                                  framework::ReadResponse& resp) const {
  auto state = framework::Decode<AtlasMigrationModel>(req.current_state, resp.diagnostics);
  if (resp.diagnostics.HasError() || !state.url.IsKnown()) {
    return;
  }
  const engine::ops::MigrateOps ops;
  auto st = ops.Status(RequestOf(state));
  if (!st.ok()) {
    resp.diagnostics.AddError("Failed to read migration status", EngineText(st.diags()));
    return;
  }
  const tfvalue::Value status = StatusValue(*st);
  const bool had_current = state.status.IsKnownNonNull() &&
                           state.status.GetAttr("current").IsKnownNonNull();
  if (had_current && status.GetAttr("current").IsNull()) {
    resp.new_state = tfvalue::NullVal(req.current_state.type());
    return;
  }
  resp.new_state = resp.new_state.SetAttr("status", status);
}

// Update: migrate to `version`; recompute `status`.
void AtlasMigrationResource::Update(const framework::UpdateRequest& req,
                                    framework::UpdateResponse& resp) const {
  auto planned = framework::Decode<AtlasMigrationModel>(req.planned_state, resp.diagnostics);
  if (resp.diagnostics.HasError()) {
    return;
  }
  if (!Migrate(planned, /*create=*/false, req.context, req.planned_private, resp.diagnostics)) {
    resp.new_state = req.prior_state;
    return;
  }
  if (!planned.id.IsKnown()) {
    planned.id = NewUuid();
  }
  planned.status = tfvalue::NullVal(MigrationStatusType());
  auto state = framework::UpdateObject(req.planned_state, planned, resp.diagnostics);
  resp.new_state = WithStatus(state, planned, resp.diagnostics);
}

// Delete: a no-op, as in ariga's provider: the database is left untouched.
void AtlasMigrationResource::Delete(const framework::DeleteRequest& /*req*/,
                                    framework::DeleteResponse& /*resp*/) const {}

std::unique_ptr<framework::Resource> NewAtlasMigrationResource() {
  return std::make_unique<AtlasMigrationResource>();
}

}  // namespace atlas::provider::resources
