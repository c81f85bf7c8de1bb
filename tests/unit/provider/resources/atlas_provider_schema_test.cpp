// The atlas provider's GetProviderSchema answer: every attribute and block of
// ariga/terraform-provider-atlas with its flags, types and nesting.

#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "provider/resources/atlas_provider.hpp"
#include "provider/rpc/provider_service.hpp"

namespace atlas::provider::resources {
namespace {

// "name:type:flags" per attribute, flags from r(equired) o(ptional) c(omputed) s(ensitive)
// d(eprecated); "name{NESTING}" per block, recursively with a "block." prefix.
void Describe(const tfplugin6::Schema::Block& block, const std::string& prefix,
              std::set<std::string>& out) {
  for (const auto& a : block.attributes()) {
    std::string flags;
    flags += a.required() ? "r" : "";
    flags += a.optional() ? "o" : "";
    flags += a.computed() ? "c" : "";
    flags += a.sensitive() ? "s" : "";
    flags += a.deprecated() ? "d" : "";
    out.insert(prefix + a.name() + ":" + a.type() + ":" + flags);
  }
  for (const auto& b : block.block_types()) {
    std::string nesting = tfplugin6::Schema::NestedBlock::NestingMode_Name(b.nesting());
    out.insert(prefix + b.type_name() + "{" + nesting + (b.block().deprecated() ? ",d" : "") + "}");
    EXPECT_EQ(b.min_items(), 0);
    EXPECT_EQ(b.max_items(), 0);
    Describe(b.block(), prefix + b.type_name() + ".", out);
  }
}

std::set<std::string> Cloud() {
  return {R"(cloud{SINGLE})", R"(cloud.token:"string":os)", R"(cloud.url:"string":o)",
          R"(cloud.project:"string":od)", R"(cloud.repo:"string":o)"};
}

std::set<std::string> With(std::set<std::string> a, const std::set<std::string>& b) {
  a.insert(b.begin(), b.end());
  return a;
}

class AtlasProviderSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tfplugin6::GetProviderSchema::Request req;
    ASSERT_TRUE(service_.GetProviderSchema(nullptr, &req, &resp_).ok());
    ASSERT_EQ(resp_.diagnostics_size(), 0);
  }
  std::set<std::string> Of(const tfplugin6::Schema& s) {
    std::set<std::string> out;
    Describe(s.block(), "", out);
    return out;
  }

  rpc::ProviderService service_{NewAtlasProvider()};
  tfplugin6::GetProviderSchema::Response resp_;
};

TEST_F(AtlasProviderSchemaTest, CapabilitiesAndTypes) {
  EXPECT_TRUE(resp_.server_capabilities().plan_destroy());
  EXPECT_TRUE(resp_.server_capabilities().get_provider_schema_optional());
  std::set<std::string> resources;
  for (const auto& [name, s] : resp_.resource_schemas()) {
    resources.insert(name);
    EXPECT_EQ(s.version(), 0) << name;
  }
  EXPECT_EQ(resources, (std::set<std::string>{"atlas_migration", "atlas_schema"}));
  std::set<std::string> data_sources;
  for (const auto& [name, s] : resp_.data_source_schemas()) {
    data_sources.insert(name);
  }
  EXPECT_EQ(data_sources, (std::set<std::string>{"atlas_migration", "atlas_schema"}));
}

TEST_F(AtlasProviderSchemaTest, ProviderBlock) {
  EXPECT_EQ(Of(resp_.provider()),
            With({R"(dev_url:"string":os)", R"(binary_path:"string":od)"}, Cloud()));
}

TEST_F(AtlasProviderSchemaTest, AtlasSchemaResource) {
  std::set<std::string> skip;
  for (const char* k :
       {"add_schema", "drop_schema", "modify_schema", "add_table", "drop_table", "modify_table",
        "add_column", "drop_column", "modify_column", "add_index", "drop_index", "modify_index",
        "add_foreign_key", "drop_foreign_key", "modify_foreign_key"}) {
    skip.insert(std::string("diff.skip.") + k + R"(:"bool":o)");
  }
  std::set<std::string> expected = {
      R"(hcl:"string":r)",
      R"(url:"string":os)",
      R"(dev_url:"string":os)",
      R"(exclude:["list","string"]:o)",
      R"(tx_mode:"string":o)",
      R"(id:"string":c)",
      R"(config:"string":o)",
      R"(variables:"string":o)",
      R"(env_name:"string":o)",
      R"(diff{SINGLE})",
      R"(diff.concurrent_index{SINGLE})",
      R"(diff.concurrent_index.create:"bool":o)",
      R"(diff.concurrent_index.drop:"bool":o)",
      R"(diff.skip{SINGLE})",
      R"(lint{SINGLE})",
      R"(lint.review:"string":o)",
      R"(lint.review_timeout:"string":o)",
  };
  EXPECT_EQ(Of(resp_.resource_schemas().at("atlas_schema")), With(With(expected, skip), Cloud()));
}

TEST_F(AtlasProviderSchemaTest, AtlasMigrationResource) {
  std::set<std::string> expected = {
      R"(config:"string":o)",
      R"(variables:"string":o)",
      R"(url:"string":os)",
      R"(dev_url:"string":os)",
      R"(baseline:"string":o)",
      R"(exec_order:"string":o)",
      R"(revisions_schema:"string":o)",
      R"(dir:"string":o)",
      R"(env_name:"string":o)",
      R"(version:"string":oc)",
      R"(status:["object",{"current":"string","latest":"string","next":"string","status":"string"}]:c)",
      R"(id:"string":c)",
      R"(remote_dir{SINGLE,d})",
      R"(remote_dir.name:"string":o)",
      R"(remote_dir.tag:"string":o)",
      R"(protected_flows{SINGLE})",
      R"(protected_flows.migrate_down{SINGLE})",
      R"(protected_flows.migrate_down.allow:"bool":o)",
      R"(protected_flows.migrate_down.auto_approve:"bool":o)",
      R"(timeouts{SINGLE})",
      R"(timeouts.create:"string":o)",
      R"(timeouts.update:"string":o)",
  };
  EXPECT_EQ(Of(resp_.resource_schemas().at("atlas_migration")), With(expected, Cloud()));
}

TEST_F(AtlasProviderSchemaTest, AtlasSchemaDataSource) {
  std::set<std::string> expected = {
      R"(src:"string":r)",
      R"(dev_url:"string":os)",
      R"(hcl:"string":c)",
      R"(id:"string":c)",
      R"(config:"string":o)",
      R"(env_name:"string":o)",
      R"(variables:["map","string"]:o)",
  };
  EXPECT_EQ(Of(resp_.data_source_schemas().at("atlas_schema")), With(expected, Cloud()));
}

TEST_F(AtlasProviderSchemaTest, AtlasMigrationDataSource) {
  std::set<std::string> expected = {
      R"(config:"string":o)",
      R"(variables:"string":o)",
      R"(url:"string":os)",
      R"(dev_url:"string":os)",
      R"(dir:"string":o)",
      R"(env_name:"string":o)",
      R"(revisions_schema:"string":o)",
      R"(status:"string":c)",
      R"(current:"string":c)",
      R"(next:"string":c)",
      R"(latest:"string":c)",
      R"(id:"string":c)",
      R"(remote_dir{SINGLE,d})",
      R"(remote_dir.name:"string":o)",
      R"(remote_dir.tag:"string":o)",
  };
  EXPECT_EQ(Of(resp_.data_source_schemas().at("atlas_migration")), With(expected, Cloud()));
}

TEST_F(AtlasProviderSchemaTest, EverySchemaPassesCoreValidation) {
  AtlasProvider p;
  EXPECT_TRUE(p.GetSchema().Validate().empty());
  for (const auto& r : p.Resources()) {
    EXPECT_TRUE(r->GetSchema().Validate().empty()) << r->TypeName();
  }
  for (const auto& d : p.DataSources()) {
    EXPECT_TRUE(d->GetSchema().Validate().empty()) << d->TypeName();
  }
}

}  // namespace
}  // namespace atlas::provider::resources
