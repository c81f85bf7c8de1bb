#include "provider/resources/common.hpp"

#include <utility>

#include "engine/url/url.hpp"

namespace atlas::provider::resources {

using framework::Attribute;
using framework::Block;
using framework::NestedBlock;

NestedBlock CloudBlock() {
  Block b;
  b.Describe(
      "Accepted for compatibility with ariga/terraform-provider-atlas. Atlas Cloud is not "
      "supported: configuring this block is an error.");
  b.Add(Attribute::String("token").Optional().Sensitive().Describe(
      "Atlas Cloud token (not supported)."));
  b.Add(Attribute::String("url").Optional().Describe("Atlas Cloud URL (not supported)."));
  b.Add(
      Attribute::String("project")
          .Optional()
          .Describe("Atlas Cloud project (not supported).")
          .Deprecated("Use the repo attribute instead. The project attribute will be removed in a "
                      "future version."));
  b.Add(Attribute::String("repo").Optional().Describe("Atlas Cloud repository (not supported)."));
  return NestedBlock::Single("cloud", std::move(b));
}

void RejectCloud(const tfvalue::Value& config, framework::Diagnostics& diags) {
  if (!config.IsKnownNonNull() || !config.type().HasAttribute("cloud")) {
    return;
  }
  if (config.GetAttr("cloud").IsNull()) {
    return;
  }
  diags.AddAttributeError(framework::AttributePath::Root("cloud"), kCloudUnsupportedSummary,
                          "This provider runs Atlas natively and does not connect to Atlas Cloud. "
                          "Remove the cloud block; every other setting works without it.");
}

framework::Diagnostic NotImplemented(const std::string& what, const std::string& issue) {
  std::string summary = what + " is not implemented yet";
  if (!issue.empty()) {
    summary += " (issue " + issue + ")";
  }
  return framework::Diagnostic::Error(
      summary, "This build of the provider does not implement this operation yet.");
}

std::optional<engine::lint::Config> LintConfigOf(const std::optional<std::string>& config,
                                                 const std::optional<std::string>& env_name,
                                                 framework::Diagnostics& diags) {
  if (!config) {
    return engine::lint::Config{};
  }
  auto parsed = engine::lint::ParseConfig(*config, kAtlasHcl, env_name.value_or("tf"));
  if (!parsed.ok()) {
    diags.AddAttributeError(framework::AttributePath::Root("config"), "Invalid config",
                            "The atlas.hcl content of `config` cannot be used: " +
                                engine::url::RedactUrlsInText(parsed.ErrorString()));
    return std::nullopt;
  }
  return std::move(*parsed);
}

bool FromAtlasHcl(const engine::base::Diagnostics& d) {
  for (const auto& item : d) {
    if (item.source && item.source->filename == kAtlasHcl) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> KnownString(const tfvalue::Value& object, std::string_view attribute) {
  if (!object.IsKnownNonNull() || !object.type().HasAttribute(attribute)) {
    return std::nullopt;
  }
  tfvalue::Value v = object.GetAttr(attribute);
  if (!v.IsKnownNonNull() || v.type().kind() != tfvalue::Type::Kind::kString) {
    return std::nullopt;
  }
  return v.AsString();
}

}  // namespace atlas::provider::resources
