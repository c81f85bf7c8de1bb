// GetProviderSchema of the real provider, judged like core loads it (internal_validate, type JSON)
// and compared with ariga/terraform-provider-atlas (atlas-compat.md §8).

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "tests/acceptance/terraform_core.hpp"

namespace atlas::tests::acceptance {
namespace {

std::set<std::string> AttributeNames(const BlockSchema& b) {
  std::set<std::string> out;
  for (const auto& [name, a] : b.attributes) {
    out.insert(name);
  }
  return out;
}

std::set<std::string> BlockNames(const BlockSchema& b) {
  std::set<std::string> out;
  for (const auto& [name, nb] : b.block_types) {
    out.insert(name);
  }
  return out;
}

// "<type json> [required] [optional] [computed] [sensitive] [deprecated]"
std::string Flags(const BlockSchema& b, const std::string& name) {
  auto it = b.attributes.find(name);
  if (it == b.attributes.end()) {
    return "<missing>";
  }
  const AttributeSchema& a = it->second;
  std::string out = a.type.ToJson();
  for (auto [on, word] : {std::pair{a.required, " required"}, std::pair{a.optional, " optional"},
                          std::pair{a.computed, " computed"}, std::pair{a.sensitive, " sensitive"},
                          std::pair{a.deprecated, " deprecated"}}) {
    if (on) {
      out += word;
    }
  }
  return out;
}

const BlockSchema& Nested(const BlockSchema& b, const std::string& name, Nesting nesting = Nesting::kSingle);

// The `cloud` block shared by the provider and every resource and data source in ariga's provider
// (internal/provider/provider.go cloudBlock): token, url, project (deprecated), repo, all optional.
void ExpectCloudBlock(const BlockSchema& parent, const std::string& where);

const BlockSchema& Nested(const BlockSchema& b, const std::string& name, Nesting nesting) {
  auto it = b.block_types.find(name);
  if (it == b.block_types.end()) {
    static const BlockSchema kEmpty;
    ADD_FAILURE() << "missing block " << name;
    return kEmpty;
  }
  EXPECT_EQ(NestingName(it->second.nesting), std::string(NestingName(nesting))) << name;
  return *it->second.block;
}

void ExpectCloudBlock(const BlockSchema& parent, const std::string& where) {
  SCOPED_TRACE(where);
  const BlockSchema& cloud = Nested(parent, "cloud");
  EXPECT_EQ(AttributeNames(cloud), (std::set<std::string>{"token", "url", "project", "repo"}));
  for (const auto& name : {"url", "repo"}) {
    EXPECT_EQ(Flags(cloud, name), "\"string\" optional") << name;
  }
  // Stricter than ariga's provider on purpose: a cloud token is a secret and never shows in plans.
  EXPECT_EQ(Flags(cloud, "token"), "\"string\" optional sensitive");
  EXPECT_EQ(Flags(cloud, "project"), "\"string\" optional deprecated");
}

class ProviderSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CoreOptions o;
    o.process_mode = ProcessMode::kSingle;
    core_ = std::make_unique<TerraformCore>(o);
    TfDiagnostics d = core_->BeginPhase("schema");
    ASSERT_FALSE(d.HasError()) << d.ToString() << "\n" << core_->ProviderLogs();
    ASSERT_NE(core_->schemas(), nullptr);
  }
  void TearDown() override {
    TfDiagnostics d = core_->StopAll();
    EXPECT_FALSE(d.HasError()) << d.ToString();
  }
  const ProviderSchemas& schemas() const { return *core_->schemas(); }
  const BlockSchema& Resource(const std::string& t) const { return schemas().resources.at(t).block; }
  const BlockSchema& Data(const std::string& t) const { return schemas().data_sources.at(t).block; }

  std::unique_ptr<TerraformCore> core_;
};

TEST_F(ProviderSchemaTest, LoadsLikeCoreWithCapabilities) {
  // BeginPhase already converted every schema and ran internal_validate; check the rest.
  EXPECT_TRUE(schemas().plan_destroy);
  EXPECT_TRUE(schemas().get_provider_schema_optional);
  EXPECT_FALSE(schemas().move_resource_state);
  EXPECT_FALSE(schemas().generate_resource_config);
  EXPECT_FALSE(schemas().has_provider_meta);
  const auto& raw = core_->raw_schema();
  EXPECT_EQ(raw.diagnostics_size(), 0);
  EXPECT_EQ(raw.functions_size(), 0);
  EXPECT_EQ(raw.ephemeral_resource_schemas_size(), 0);
  std::set<std::string> resources;
  std::set<std::string> data_sources;
  for (const auto& [name, s] : schemas().resources) {
    resources.insert(name);
    EXPECT_GE(s.version, 0);
  }
  for (const auto& [name, s] : schemas().data_sources) {
    data_sources.insert(name);
  }
  EXPECT_EQ(resources, (std::set<std::string>{"atlas_migration", "atlas_schema"}));
  EXPECT_EQ(data_sources, (std::set<std::string>{"atlas_migration", "atlas_schema"}));
}

TEST_F(ProviderSchemaTest, ProviderBlock) {
  const BlockSchema& p = schemas().provider.block;
  EXPECT_EQ(AttributeNames(p), (std::set<std::string>{"binary_path", "dev_url"}));
  EXPECT_EQ(Flags(p, "dev_url"), "\"string\" optional sensitive");
  // Accepted for compatibility; the native provider has no CLI binary (it may mark it deprecated).
  EXPECT_EQ(p.attributes.at("binary_path").type, tfv::Type::String());
  EXPECT_TRUE(p.attributes.at("binary_path").optional);
  EXPECT_FALSE(p.attributes.at("binary_path").required);
  EXPECT_EQ(BlockNames(p), (std::set<std::string>{"cloud"}));
  ExpectCloudBlock(p, "provider");
}

TEST_F(ProviderSchemaTest, AtlasSchemaResource) {
  const BlockSchema& r = Resource("atlas_schema");
  EXPECT_EQ(AttributeNames(r), (std::set<std::string>{"hcl", "url", "dev_url", "exclude", "tx_mode", "config",
                                                       "variables", "env_name", "id"}));
  EXPECT_EQ(Flags(r, "hcl"), "\"string\" required");
  EXPECT_EQ(Flags(r, "url"), "\"string\" optional sensitive");
  EXPECT_EQ(Flags(r, "dev_url"), "\"string\" optional sensitive");
  EXPECT_EQ(Flags(r, "exclude"), "[\"list\",\"string\"] optional");
  EXPECT_EQ(Flags(r, "tx_mode"), "\"string\" optional");
  EXPECT_EQ(Flags(r, "variables"), "\"string\" optional");
  EXPECT_EQ(Flags(r, "id"), "\"string\" computed");
  EXPECT_EQ(BlockNames(r), (std::set<std::string>{"diff", "lint", "cloud"}));
  const BlockSchema& diff = Nested(r, "diff");
  EXPECT_EQ(BlockNames(diff), (std::set<std::string>{"concurrent_index", "skip"}));
  const BlockSchema& concurrent = Nested(diff, "concurrent_index");
  EXPECT_EQ(AttributeNames(concurrent), (std::set<std::string>{"create", "drop"}));
  const BlockSchema& skip = Nested(diff, "skip");
  const std::set<std::string> skips = {"add_schema",      "drop_schema",      "modify_schema",
                                       "add_table",       "drop_table",       "modify_table",
                                       "add_column",      "drop_column",      "modify_column",
                                       "add_index",       "drop_index",       "modify_index",
                                       "add_foreign_key", "drop_foreign_key", "modify_foreign_key"};
  EXPECT_EQ(AttributeNames(skip), skips);
  for (const auto& name : skips) {
    EXPECT_EQ(Flags(skip, name), "\"bool\" optional") << name;
  }
  for (const auto& name : {"create", "drop"}) {
    EXPECT_EQ(Flags(concurrent, name), "\"bool\" optional") << name;
  }
  const BlockSchema& lint = Nested(r, "lint");
  EXPECT_EQ(AttributeNames(lint), (std::set<std::string>{"review", "review_timeout"}));
  ExpectCloudBlock(r, "resource atlas_schema");
}

TEST_F(ProviderSchemaTest, AtlasSchemaDataSource) {
  const BlockSchema& d = Data("atlas_schema");
  EXPECT_EQ(AttributeNames(d), (std::set<std::string>{"src", "dev_url", "config", "env_name", "variables", "hcl",
                                                       "id"}));
  EXPECT_EQ(Flags(d, "src"), "\"string\" required");
  EXPECT_EQ(Flags(d, "dev_url"), "\"string\" optional sensitive");
  EXPECT_EQ(Flags(d, "variables"), "[\"map\",\"string\"] optional");
  EXPECT_EQ(Flags(d, "hcl"), "\"string\" computed");
  EXPECT_EQ(Flags(d, "id"), "\"string\" computed");
  EXPECT_EQ(BlockNames(d), (std::set<std::string>{"cloud"}));
  ExpectCloudBlock(d, "data atlas_schema");
}

TEST_F(ProviderSchemaTest, AtlasMigrationResource) {
  const BlockSchema& r = Resource("atlas_migration");
  EXPECT_EQ(AttributeNames(r),
            (std::set<std::string>{"dir", "url", "dev_url", "baseline", "exec_order", "revisions_schema", "config",
                                   "variables", "env_name", "version", "status", "id"}));
  EXPECT_EQ(Flags(r, "url"), "\"string\" optional sensitive");
  EXPECT_EQ(Flags(r, "dev_url"), "\"string\" optional sensitive");
  EXPECT_EQ(Flags(r, "version"), "\"string\" optional computed");
  EXPECT_EQ(Flags(r, "status"),
            "[\"object\",{\"current\":\"string\",\"latest\":\"string\",\"next\":\"string\",\"status\":\"string\"}] "
            "computed");
  EXPECT_EQ(Flags(r, "id"), "\"string\" computed");
  EXPECT_EQ(BlockNames(r), (std::set<std::string>{"remote_dir", "protected_flows", "timeouts", "cloud"}));
  EXPECT_EQ(AttributeNames(Nested(r, "remote_dir")), (std::set<std::string>{"name", "tag"}));
  const BlockSchema& flows = Nested(r, "protected_flows");
  EXPECT_EQ(AttributeNames(Nested(flows, "migrate_down")), (std::set<std::string>{"allow", "auto_approve"}));
  EXPECT_EQ(AttributeNames(Nested(r, "timeouts")), (std::set<std::string>{"create", "update"}));
  ExpectCloudBlock(r, "resource atlas_migration");
}

TEST_F(ProviderSchemaTest, AtlasMigrationDataSource) {
  const BlockSchema& d = Data("atlas_migration");
  EXPECT_EQ(AttributeNames(d), (std::set<std::string>{"dir", "url", "dev_url", "revisions_schema", "config",
                                                       "variables", "env_name", "status", "current", "next",
                                                       "latest", "id"}));
  for (const auto& name : {"status", "current", "next", "latest", "id"}) {
    EXPECT_EQ(Flags(d, name), "\"string\" computed") << name;
  }
  EXPECT_EQ(BlockNames(d), (std::set<std::string>{"remote_dir", "cloud"}));
  EXPECT_EQ(AttributeNames(Nested(d, "remote_dir")), (std::set<std::string>{"name", "tag"}));
  ExpectCloudBlock(d, "data atlas_migration");
}

TEST_F(ProviderSchemaTest, UrlsAreSensitiveEverywhere) {
  auto check = [](const std::string& where, const BlockSchema& b) {
    for (const auto& name : {"url", "dev_url"}) {
      if (auto it = b.attributes.find(name); it != b.attributes.end()) {
        EXPECT_TRUE(it->second.sensitive) << where << "." << name;
      }
    }
  };
  check("provider", schemas().provider.block);
  for (const auto& [name, s] : schemas().resources) {
    check("resource " + name, s.block);
  }
  for (const auto& [name, s] : schemas().data_sources) {
    check("data " + name, s.block);
  }
}

}  // namespace
}  // namespace atlas::tests::acceptance
