// Validation and scaffolding behaviour of the atlas provider, resources and data sources, driven
// through the framework server as ProviderService does.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "provider/framework/server.hpp"
#include "provider/resources/atlas_provider.hpp"

namespace atlas::provider::resources {
namespace {

using framework::AttributePath;
using framework::Diagnostic;
using framework::Diagnostics;
using framework::Severity;
using tfvalue::BoolVal;
using tfvalue::StringVal;
using tfvalue::UnknownVal;
using tfvalue::Value;

// "error|warning: summary (at path)" for compact comparisons.
std::vector<std::string> Lines(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags) {
    std::string line = (d.severity == Severity::kError ? "error: " : "warning: ") + d.summary;
    if (d.attribute) {
      line += " (at " + d.attribute->ToString() + ")";
    }
    out.push_back(line);
  }
  return out;
}

class AtlasValidationTest : public ::testing::Test {
 protected:
  framework::ProviderServer server_{NewAtlasProvider()};

  const framework::Resource& Resource(const std::string& name) {
    return *server_.FindResource(name);
  }
  const framework::DataSource& DataSource(const std::string& name) {
    return *server_.FindDataSource(name);
  }

  // Config with `attrs` set at the given paths; SINGLE blocks on the way are created empty.
  static Value Config(const framework::Schema& schema,
                      const std::vector<std::pair<AttributePath, Value>>& attrs) {
    Value v = schema.EmptyValue();
    for (const auto& [path, x] : attrs) {
      AttributePath prefix;
      for (size_t i = 0; i + 1 < path.size(); ++i) {
        prefix = prefix.Append(path.steps()[i]);
        const framework::NestedBlock* nb = schema.BlockAtPath(prefix);
        if (nb != nullptr && v.Find(prefix)->IsNull()) {
          v = v.SetPath(prefix, nb->block.EmptyValue());
        }
      }
      v = v.SetPath(path, x);
    }
    return v;
  }
  Value ResourceConfig(const std::string& name,
                       const std::vector<std::pair<AttributePath, Value>>& attrs) {
    return Config(Resource(name).GetSchema(), attrs);
  }
  std::vector<std::string> ValidateResource(
      const std::string& name, const std::vector<std::pair<AttributePath, Value>>& attrs) {
    return Lines(
        server_.ValidateResourceConfig(Resource(name), ResourceConfig(name, attrs)).diagnostics);
  }
};

AttributePath P(const std::string& a) {
  return AttributePath::Root(a);
}

TEST_F(AtlasValidationTest, ProviderBinaryPathWarnsAndCloudFails) {
  const auto& schema = server_.ProviderSchema();
  EXPECT_TRUE(
      server_.ValidateProviderConfig(Config(schema, {{P("dev_url"), StringVal("sqlite://dev")}}))
          .diagnostics.empty());
  auto diags = server_.ValidateProviderConfig(
      Config(schema, {{P("binary_path"), StringVal("/usr/bin/atlas")},
                      {P("cloud").Attribute("token"), StringVal("t")}}));
  EXPECT_EQ(Lines(diags.diagnostics),
            (std::vector<std::string>{
                "warning: Attribute Deprecated (at binary_path)",
                "error: Atlas Cloud is not supported by this provider (at cloud)",
            }));
}

TEST_F(AtlasValidationTest, ProviderConfigureStoresDevUrl) {
  auto resp = server_.ConfigureProvider(
      {"1.11.4", Config(server_.ProviderSchema(), {{P("dev_url"), StringVal("sqlite://dev")}})});
  ASSERT_TRUE(resp.diagnostics.empty()) << resp.diagnostics.ToString();
  const auto* data = server_.Context().ProviderDataAs<AtlasProviderData>();
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->dev_url, "sqlite://dev");
  EXPECT_EQ(data->terraform_version, "1.11.4");
}

TEST_F(AtlasValidationTest, AtlasSchemaAttributeValidators) {
  EXPECT_TRUE(
      ValidateResource("atlas_schema", {{P("hcl"), StringVal("schema \"main\" {}")}}).empty());
  EXPECT_EQ(
      ValidateResource("atlas_schema", {{P("hcl"), StringVal("")},
                                        {P("tx_mode"), StringVal("some")},
                                        {P("lint").Attribute("review"), StringVal("NEVER")},
                                        {P("lint").Attribute("review_timeout"), StringVal("10x")},
                                        {P("cloud").Attribute("repo"), StringVal("r")}}),
      (std::vector<std::string>{
          "error: Invalid Attribute Value Length (at hcl)",
          "error: Invalid Attribute Value Match (at tx_mode)",
          "error: Invalid Attribute Value Match (at lint.review)",
          "error: Invalid Attribute Value Match (at lint.review_timeout)",
          "error: Atlas Cloud is not supported by this provider (at cloud)",
      }));
  // Unknown values are not validated yet.
  EXPECT_TRUE(
      ValidateResource("atlas_schema", {{P("hcl"), UnknownVal(tfvalue::Type::String())}}).empty());
}

TEST_F(AtlasValidationTest, AtlasSchemaBadHclIsAPlanErrorWithLocation) {
  const auto& r = Resource("atlas_schema");
  const std::string url = "sqlite://" + ::testing::TempDir() + "/atlas_validation_bad_hcl.db";
  Value config = ResourceConfig("atlas_schema",
                                {{P("hcl"), StringVal("table \"t\" {\n  schema = \n}\n")},
                                 {P("url"), StringVal(url)}});
  auto plan = server_.PlanResourceChange(r, {config, tfvalue::NullVal(config.type()), config, ""});
  ASSERT_EQ(plan.diagnostics.size(), 1u);
  const auto& d = plan.diagnostics.items()[0];
  EXPECT_EQ(d.summary, "Atlas Plan Error");
  EXPECT_NE(d.detail.find("schema.hcl:2:12: Invalid expression"), std::string::npos) << d.detail;
}

TEST_F(AtlasValidationTest, AtlasMigrationHappyPath) {
  EXPECT_TRUE(ValidateResource("atlas_migration", {{P("dir"), StringVal("file://migrations")},
                                                   {P("version"), StringVal("20240101")}})
                  .empty());
}

TEST_F(AtlasValidationTest, AtlasMigrationVersionUnsetWarns) {
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("dir"), StringVal("file://migrations")}}),
            (std::vector<std::string>{"warning: version is unset (at version)"}));
}

TEST_F(AtlasValidationTest, AtlasMigrationEnvNameRequiredWithConfig) {
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("config"), StringVal("env {}")}}),
            (std::vector<std::string>{"error: env_name is empty (at env_name)"}));
  // With env_name and config set, dir is not required.
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("config"), StringVal("env {}")},
                                                 {P("env_name"), StringVal("tf")},
                                                 {P("version"), StringVal("1")}}),
            std::vector<std::string>{});
  // Unknown env_name is not judged yet.
  EXPECT_EQ(
      ValidateResource("atlas_migration", {{P("config"), StringVal("env {}")},
                                           {P("env_name"), UnknownVal(tfvalue::Type::String())},
                                           {P("version"), StringVal("1")}}),
      std::vector<std::string>{});
}

TEST_F(AtlasValidationTest, AtlasMigrationProtectedFlows) {
  AttributePath down = P("protected_flows").Attribute("migrate_down");
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("dir"), StringVal("file://m")},
                                                 {P("version"), StringVal("1")},
                                                 {down.Attribute("allow"), BoolVal(true)}}),
            (std::vector<std::string>{
                "error: Protected flow error (at protected_flows.migrate_down.allow)"}));
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("dir"), StringVal("file://m")},
                                                 {P("version"), StringVal("1")},
                                                 {down.Attribute("allow"), BoolVal(true)},
                                                 {down.Attribute("auto_approve"), BoolVal(true)}}),
            std::vector<std::string>{});
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("dir"), StringVal("atlas://app?tag=v1")},
                                                 {down.Attribute("allow"), BoolVal(true)},
                                                 {down.Attribute("auto_approve"), BoolVal(true)}}),
            (std::vector<std::string>{
                "error: Protected flow error (at protected_flows.migrate_down.auto_approve)"}));
  // A remote directory skips the remaining checks (no version warning).
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("dir"), StringVal("atlas://app")}}),
            std::vector<std::string>{});
}

TEST_F(AtlasValidationTest, AtlasMigrationDirAndRemoteDir) {
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("version"), StringVal("1")}}),
            (std::vector<std::string>{"error: dir is unset (at dir)"}));
  EXPECT_EQ(ValidateResource("atlas_migration",
                             {{P("version"), StringVal("1")}, {P("dir"), StringVal("")}}),
            (std::vector<std::string>{"error: dir is empty (at dir)"}));
  EXPECT_EQ(
      ValidateResource("atlas_migration", {{P("version"), StringVal("1")},
                                           {P("remote_dir").Attribute("tag"), StringVal("v1")}}),
      (std::vector<std::string>{"warning: Block Deprecated (at remote_dir)",
                                "error: remote_dir.name is unset (at remote_dir.name)"}));
  EXPECT_EQ(
      ValidateResource("atlas_migration", {{P("version"), StringVal("1")},
                                           {P("dir"), StringVal("file://m")},
                                           {P("remote_dir").Attribute("name"), StringVal("app")}}),
      (std::vector<std::string>{"warning: Block Deprecated (at remote_dir)",
                                "error: dir is set (at dir)"}));
  EXPECT_EQ(
      ValidateResource("atlas_migration", {{P("version"), StringVal("1")},
                                           {P("remote_dir").Attribute("name"), StringVal("app")}}),
      (std::vector<std::string>{"warning: Block Deprecated (at remote_dir)"}));
  // Unknown dir passes.
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("version"), StringVal("1")},
                                                 {P("dir"), UnknownVal(tfvalue::Type::String())}}),
            std::vector<std::string>{});
}

TEST_F(AtlasValidationTest, AtlasMigrationInvalidDirUrl) {
  auto diags = server_.ValidateResourceConfig(
      Resource("atlas_migration"),
      ResourceConfig("atlas_migration", {{P("dir"), StringVal("file://m%zz")}}));
  ASSERT_EQ(diags.diagnostics.size(), 1u);
  EXPECT_EQ(diags.diagnostics.items()[0],
            Diagnostic::Error("url is invalid", "parse \"file://m%zz\": invalid URL escape \"%zz\"",
                              P("dir")));
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("dir"), StringVal(":m")}}),
            (std::vector<std::string>{"error: url is invalid (at dir)"}));
  EXPECT_EQ(ValidateResource("atlas_migration", {{P("dir"), StringVal("1a:m")}}),
            (std::vector<std::string>{"error: url is invalid (at dir)"}));
}

TEST_F(AtlasValidationTest, AtlasMigrationTimeoutsAndExecOrder) {
  EXPECT_EQ(
      ValidateResource("atlas_migration",
                       {{P("dir"), StringVal("file://m")},
                        {P("version"), StringVal("1")},
                        {P("exec_order"), StringVal("random")},
                        {P("timeouts").Attribute("create"), StringVal("20 minutes")},
                        {P("timeouts").Attribute("update"), StringVal("1h30m")}}),
      (std::vector<std::string>{"error: Invalid Attribute Value Match (at exec_order)",
                                "error: Invalid Attribute Value Format (at timeouts.create)"}));
}

TEST_F(AtlasValidationTest, AtlasMigrationDeleteIsANoOpAndDestroyPlansNull) {
  const auto& r = Resource("atlas_migration");
  Value state = ResourceConfig("atlas_migration",
                               {{P("dir"), StringVal("file://m")}, {P("id"), StringVal("1")}});
  auto plan = server_.PlanResourceChange(
      r, {tfvalue::NullVal(state.type()), state, tfvalue::NullVal(state.type()), ""});
  EXPECT_TRUE(plan.diagnostics.empty());
  EXPECT_TRUE(plan.planned_state.IsNull());
  auto del = server_.ApplyResourceChange(
      r, {tfvalue::NullVal(state.type()), state, tfvalue::NullVal(state.type()), ""});
  EXPECT_TRUE(del.diagnostics.empty());
  EXPECT_TRUE(del.new_state.IsNull());
}

TEST_F(AtlasValidationTest, DataSources) {
  const auto& mig = DataSource("atlas_migration");
  Value config = Config(mig.GetSchema(), {{P("config"), StringVal("env {}")}});
  EXPECT_EQ(Lines(server_.ValidateDataSourceConfig(mig, config).diagnostics),
            (std::vector<std::string>{"error: env_name is empty (at env_name)"}));
  const auto& sch = DataSource("atlas_schema");
  Value sconfig = Config(sch.GetSchema(), {{P("src"), StringVal("file://schema.hcl")},
                                           {P("cloud").Attribute("repo"), StringVal("r")}});
  EXPECT_EQ(Lines(server_.ValidateDataSourceConfig(sch, sconfig).diagnostics),
            (std::vector<std::string>{
                "error: Atlas Cloud is not supported by this provider (at cloud)"}));
  auto read = server_.ReadDataSource(sch, Config(sch.GetSchema(), {{P("src"), StringVal("x")}}));
  EXPECT_EQ(Lines(read.diagnostics), (std::vector<std::string>{"error: Inspect Error (at src)"}));
  ASSERT_EQ(read.diagnostics.size(), 1u);
  EXPECT_NE(read.diagnostics.items()[0].detail.find("Dev database required"), std::string::npos)
      << read.diagnostics.items()[0].detail;
}

}  // namespace
}  // namespace atlas::provider::resources
