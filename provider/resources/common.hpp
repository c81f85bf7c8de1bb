#pragma once
// Pieces shared by the atlas resources and data sources (and the provider block): the provider
// data every operation receives, the `cloud` block accepted for compatibility with
// ariga/terraform-provider-atlas (Atlas Cloud itself is not supported), and helpers.
// Plain values and pure functions; thread-safe.

#include <optional>
#include <string>

#include "engine/base/diagnostic.hpp"
#include "engine/ops/schema_ops.hpp"
#include "provider/framework/context.hpp"
#include "provider/framework/diagnostics.hpp"
#include "provider/framework/model.hpp"
#include "provider/framework/schema.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::resources {

// What ConfigureProvider hands to every resource and data source (read it with
// req.context.ProviderDataAs<AtlasProviderData>(); null before ConfigureProvider ran).
struct AtlasProviderData final : framework::ProviderData {
  // Provider-level dev database URL: the default for resources/data sources without `dev_url`.
  std::optional<std::string> dev_url;
  // Terraform CLI version from ConfigureProvider ("1.11.4").
  std::string terraform_version;
};

// `cloud { token url project repo }` (SINGLE block, all optional strings; `token` sensitive,
// `project` deprecated in favour of `repo`), as ariga's provider declares it everywhere.
framework::NestedBlock CloudBlock();

struct CloudModel {
  std::optional<std::string> token;
  std::optional<std::string> url;
  std::optional<std::string> project;
  std::optional<std::string> repo;
};
template <class Io>
void Fields(Io& io, CloudModel& m) {
  io("token", m.token);
  io("url", m.url);
  io("project", m.project);
  io("repo", m.repo);
}

inline constexpr const char* kCloudUnsupportedSummary =
    "Atlas Cloud is not supported by this provider";

// Error (with path `cloud`) when `config` has a non-null `cloud` block. Unknown counts as used.
void RejectCloud(const tfvalue::Value& config, framework::Diagnostics& diags);

// The error every not-yet-implemented operation answers: summary "<what> is not implemented
// yet", e.g. NotImplemented("atlas_schema: planning", "#3").
framework::Diagnostic NotImplemented(const std::string& what, const std::string& issue = {});

// The file name engine diagnostics about the `config` attribute (atlas.hcl content) carry.
inline constexpr const char* kAtlasHcl = "atlas.hcl";

// The `lint {}` settings (analyzer options, review) of `config` for environment `env_name`
// (unset: "tf"), parsed by the engine (engine::lint::ParseConfig, reached through the ops
// requests that carry it). A null or unknown `config` gives empty settings. A parse error is an
// attribute error on `config` whose detail names atlas.hcl:line:col, and the result is nullopt.
std::optional<engine::lint::Config> LintConfigOf(const std::optional<std::string>& config,
                                                 const std::optional<std::string>& env_name,
                                                 framework::Diagnostics& diags);

// Whether an engine error points into the `config` attribute (a lint option of atlas.hcl).
bool FromAtlasHcl(const engine::base::Diagnostics& d);

// The value of a string attribute when it is known and non-null.
std::optional<std::string> KnownString(const tfvalue::Value& object, std::string_view attribute);

}  // namespace atlas::provider::resources
