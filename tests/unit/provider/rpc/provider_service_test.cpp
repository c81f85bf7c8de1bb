#include "provider/rpc/provider_service.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "provider/rpc/convert.hpp"
#include "provider/tfvalue/msgpack_codec.hpp"
#include "tests/unit/provider/framework/test_provider.hpp"
#include "tests/unit/provider/tfvalue/hex_util.hpp"

namespace atlas::provider::rpc {
namespace {

using framework::Attribute;
using framework::Block;
using framework::Schema;
using tfvalue::NullVal;
using tfvalue::StringVal;
using tfvalue::Type;
using tfvalue::Value;
using tfvalue::testing::FromHex;
using tfvalue::testing::ToHex;

// Resource with exactly the attributes of the protocol doc's example D: comment, id, name.
class ExampleDResource final : public framework::Resource {
 public:
  std::string TypeName() const override { return "test_d"; }
  const Schema& GetSchema() const override { return schema_; }
  void Create(const framework::CreateRequest& req, framework::CreateResponse& resp) const override {
    resp.new_state = req.planned_state.SetAttr("id", StringVal("x"));
  }
  void Read(const framework::ReadRequest&, framework::ReadResponse&) const override {}
  void Update(const framework::UpdateRequest&, framework::UpdateResponse&) const override {}
  void Delete(const framework::DeleteRequest&, framework::DeleteResponse&) const override {}

 private:
  Schema schema_{0, Block()
                        .Add(Attribute::String("comment").Optional())
                        .Add(Attribute::String("id").Computed())
                        .Add(Attribute::String("name").Required())};
};

// Resource whose every operation throws.
class ThrowingResource final : public framework::Resource {
 public:
  std::string TypeName() const override { return "test_throw"; }
  const Schema& GetSchema() const override { return schema_; }
  void ModifyPlan(const framework::ModifyPlanRequest&,
                  framework::ModifyPlanResponse&) const override {
    throw std::runtime_error("boom in plan");
  }
  void Create(const framework::CreateRequest&, framework::CreateResponse&) const override {
    throw std::runtime_error("boom");
  }
  void Read(const framework::ReadRequest&, framework::ReadResponse&) const override {}
  void Update(const framework::UpdateRequest&, framework::UpdateResponse&) const override {}
  void Delete(const framework::DeleteRequest&, framework::DeleteResponse&) const override {}

 private:
  Schema schema_{0, Block().Add(Attribute::String("name").Required())};
};

// The framework test provider plus the two resources above.
class RpcTestProvider final : public framework::Provider {
 public:
  std::string TypeName() const override { return inner_.TypeName(); }
  const Schema& GetSchema() const override { return inner_.GetSchema(); }
  void Configure(const framework::ConfigureProviderRequest& req,
                 framework::ConfigureProviderResponse& resp) const override {
    inner_.Configure(req, resp);
  }
  std::vector<std::unique_ptr<framework::Resource>> Resources() const override {
    auto out = inner_.Resources();
    out.push_back(std::make_unique<ExampleDResource>());
    out.push_back(std::make_unique<ThrowingResource>());
    return out;
  }
  std::vector<std::unique_ptr<framework::DataSource>> DataSources() const override {
    return inner_.DataSources();
  }

 private:
  framework::testing::TestProvider inner_;
};

class ProviderServiceTest : public ::testing::Test {
 protected:
  ProviderService service_{std::make_unique<RpcTestProvider>()};

  Type ThingType() const { return framework::testing::ThingSchema().ImpliedType(); }
  static tfplugin6::DynamicValue Msgpack(const Value& v, const Type& t) {
    tfplugin6::DynamicValue dv;
    auto bytes = tfvalue::EncodeMsgpack(v, t);
    EXPECT_TRUE(bytes.ok()) << bytes.ErrorString();
    dv.set_msgpack(*bytes);
    return dv;
  }
  static Value Decode(const tfplugin6::DynamicValue& dv, const Type& t) {
    auto v = tfvalue::DecodeMsgpack(dv.msgpack(), t);
    EXPECT_TRUE(v.ok()) << v.ErrorString();
    return v.ok() ? *v : Value();
  }
};

TEST_F(ProviderServiceTest, GetProviderSchemaDeclaresEverything) {
  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  ASSERT_TRUE(service_.GetProviderSchema(nullptr, &req, &resp).ok());
  EXPECT_TRUE(resp.has_provider());
  EXPECT_TRUE(resp.server_capabilities().plan_destroy());
  EXPECT_TRUE(resp.server_capabilities().get_provider_schema_optional());
  EXPECT_FALSE(resp.server_capabilities().move_resource_state());
  EXPECT_EQ(resp.diagnostics_size(), 0);
  ASSERT_EQ(resp.provider().block().attributes_size(), 1);
  EXPECT_EQ(resp.provider().block().attributes(0).name(), "dev_url");
  EXPECT_TRUE(resp.provider().block().attributes(0).sensitive());
  EXPECT_EQ(resp.resource_schemas_size(), 3);
  EXPECT_EQ(resp.data_source_schemas_size(), 1);

  const auto& thing = resp.resource_schemas().at("test_thing");
  EXPECT_EQ(thing.version(), 1);
  EXPECT_EQ(thing.block().description(), "A test thing");
  std::vector<std::string> names;
  for (const auto& a : thing.block().attributes()) {
    names.push_back(a.name());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"comment", "id", "mode", "name", "old", "secret",
                                             "size", "status"}));
  const auto& size = thing.block().attributes(6);
  EXPECT_EQ(size.type(), R"("number")");
  EXPECT_TRUE(size.optional());
  EXPECT_TRUE(size.computed());
  EXPECT_FALSE(size.required());
  EXPECT_TRUE(thing.block().attributes(5).sensitive());
  EXPECT_TRUE(thing.block().attributes(4).deprecated());
  EXPECT_EQ(thing.block().attributes(4).deprecation_message(), "Use name instead.");
  ASSERT_EQ(thing.block().block_types_size(), 2);
  EXPECT_EQ(thing.block().block_types(0).type_name(), "column");
  EXPECT_EQ(thing.block().block_types(0).nesting(), tfplugin6::Schema::NestedBlock::LIST);
  EXPECT_EQ(thing.block().block_types(1).type_name(), "pk");
  EXPECT_EQ(thing.block().block_types(1).nesting(), tfplugin6::Schema::NestedBlock::SINGLE);
  EXPECT_EQ(thing.block().block_types(1).block().attributes(0).type(), R"(["list","string"])");
}

TEST_F(ProviderServiceTest, GetMetadataListsTypes) {
  tfplugin6::GetMetadataRpc::Request req;
  tfplugin6::GetMetadataRpc::Response resp;
  ASSERT_TRUE(service_.GetMetadata(nullptr, &req, &resp).ok());
  EXPECT_TRUE(resp.server_capabilities().plan_destroy());
  ASSERT_EQ(resp.resources_size(), 3);
  EXPECT_EQ(resp.resources(0).type_name(), "test_d");
  ASSERT_EQ(resp.data_sources_size(), 1);
  EXPECT_EQ(resp.data_sources(0).type_name(), "test_ds");
}

TEST_F(ProviderServiceTest, UpgradeResourceStateExampleD) {
  tfplugin6::UpgradeResourceState::Request req;
  req.set_type_name("test_d");
  req.set_version(0);
  req.mutable_raw_state()->set_json(
      "{\n  \"comment\": null,\n  \"id\": \"x\",\n  \"name\": \"t\"\n}\n");
  tfplugin6::UpgradeResourceState::Response resp;
  ASSERT_TRUE(service_.UpgradeResourceState(nullptr, &req, &resp).ok());
  EXPECT_EQ(resp.diagnostics_size(), 0);
  EXPECT_EQ(ToHex(resp.upgraded_state().msgpack()),
            "83 a7 63 6f 6d 6d 65 6e 74 c0 a2 69 64 a1 78 a4 6e 61 6d 65 a1 74");
}

TEST_F(ProviderServiceTest, UpgradeResourceStateRejectsFlatmap) {
  tfplugin6::UpgradeResourceState::Request req;
  req.set_type_name("test_d");
  (*req.mutable_raw_state()->mutable_flatmap())["id"] = "x";
  tfplugin6::UpgradeResourceState::Response resp;
  ASSERT_TRUE(service_.UpgradeResourceState(nullptr, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_EQ(resp.diagnostics(0).summary(), "Unable to Upgrade Resource State");
  EXPECT_NE(resp.diagnostics(0).detail().find("flatmap"), std::string::npos);
}

TEST_F(ProviderServiceTest, PlanCreateComputedUnknownConfigVerbatim) {
  Value config =
      framework::testing::ThingConfig({{"name", StringVal("Users ")}, {"comment", StringVal("c")}});
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name("test_thing");
  *req.mutable_config() = Msgpack(config, ThingType());
  *req.mutable_proposed_new_state() = Msgpack(config, ThingType());
  req.mutable_prior_state()->set_msgpack(std::string("\xc0", 1));
  tfplugin6::PlanResourceChange::Response resp;
  ASSERT_TRUE(service_.PlanResourceChange(nullptr, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 0) << resp.diagnostics(0).detail();
  EXPECT_FALSE(resp.legacy_type_system());
  Value planned = Decode(resp.planned_state(), ThingType());
  EXPECT_TRUE(planned.GetAttr("id").IsUnknown());
  EXPECT_TRUE(planned.GetAttr("size").IsUnknown());
  EXPECT_TRUE(planned.GetAttr("status").IsUnknown());
  EXPECT_EQ(planned.GetAttr("name"), StringVal("Users "));
  EXPECT_EQ(planned.GetAttr("comment"), StringVal("c"));
  EXPECT_TRUE(planned.GetAttr("secret").IsNull());
  EXPECT_EQ(planned.GetAttr("column").Length(), 0u);  // empty list block, not null
  EXPECT_TRUE(planned.GetAttr("pk").IsNull());
  // Unknowns go out as plain d4 00 00.
  EXPECT_NE(ToHex(resp.planned_state().msgpack()).find("a2 69 64 d4 00 00"), std::string::npos);
}

TEST_F(ProviderServiceTest, PlanDestroyAnswersNull) {
  Value prior = framework::testing::ThingConfig({{"name", StringVal("x")}, {"id", StringVal("1")}});
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name("test_thing");
  *req.mutable_prior_state() = Msgpack(prior, ThingType());
  req.set_prior_private("keep");
  // config and proposed_new_state absent: null.
  tfplugin6::PlanResourceChange::Response resp;
  ASSERT_TRUE(service_.PlanResourceChange(nullptr, &req, &resp).ok());
  EXPECT_EQ(resp.diagnostics_size(), 0);
  EXPECT_EQ(ToHex(resp.planned_state().msgpack()), "c0");
  EXPECT_EQ(resp.planned_private(), "keep");
}

TEST_F(ProviderServiceTest, PlanRequiresReplaceIsAnAttributePath) {
  Value prior = framework::testing::ThingConfig({{"name", StringVal("x")}, {"id", StringVal("1")}});
  Value config = framework::testing::ThingConfig({{"name", StringVal("y")}});
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name("test_thing");
  *req.mutable_prior_state() = Msgpack(prior, ThingType());
  *req.mutable_config() = Msgpack(config, ThingType());
  *req.mutable_proposed_new_state() = Msgpack(prior.SetAttr("name", StringVal("y")), ThingType());
  tfplugin6::PlanResourceChange::Response resp;
  ASSERT_TRUE(service_.PlanResourceChange(nullptr, &req, &resp).ok());
  ASSERT_EQ(resp.requires_replace_size(), 1);
  ASSERT_EQ(resp.requires_replace(0).steps_size(), 1);
  EXPECT_EQ(resp.requires_replace(0).steps(0).attribute_name(), "name");
  EXPECT_EQ(Decode(resp.planned_state(), ThingType()).GetAttr("id"),
            StringVal("1"));  // UseStateForUnknown
}

TEST_F(ProviderServiceTest, ApplyCreateThenDelete) {
  Type t =
      Type::Object({{"comment", Type::String()}, {"id", Type::String()}, {"name", Type::String()}});
  Value config = tfvalue::ObjectValOfType(t, {{"name", StringVal("t")}});
  tfplugin6::PlanResourceChange::Request plan_req;
  plan_req.set_type_name("test_d");
  *plan_req.mutable_config() = Msgpack(config, t);
  *plan_req.mutable_proposed_new_state() = Msgpack(config, t);
  tfplugin6::PlanResourceChange::Response plan_resp;
  ASSERT_TRUE(service_.PlanResourceChange(nullptr, &plan_req, &plan_resp).ok());
  EXPECT_EQ(ToHex(plan_resp.planned_state().msgpack()),
            "83 a7 63 6f 6d 6d 65 6e 74 c0 a2 69 64 d4 00 00 a4 6e 61 6d 65 a1 74");

  tfplugin6::ApplyResourceChange::Request apply_req;
  apply_req.set_type_name("test_d");
  *apply_req.mutable_config() = plan_req.config();
  *apply_req.mutable_planned_state() = plan_resp.planned_state();
  tfplugin6::ApplyResourceChange::Response apply_resp;
  ASSERT_TRUE(service_.ApplyResourceChange(nullptr, &apply_req, &apply_resp).ok());
  EXPECT_EQ(apply_resp.diagnostics_size(), 0);
  EXPECT_EQ(ToHex(apply_resp.new_state().msgpack()),
            "83 a7 63 6f 6d 6d 65 6e 74 c0 a2 69 64 a1 78 a4 6e 61 6d 65 a1 74");

  tfplugin6::ApplyResourceChange::Request del_req;
  del_req.set_type_name("test_d");
  *del_req.mutable_prior_state() = apply_resp.new_state();
  tfplugin6::ApplyResourceChange::Response del_resp;
  ASSERT_TRUE(service_.ApplyResourceChange(nullptr, &del_req, &del_resp).ok());
  EXPECT_EQ(del_resp.diagnostics_size(), 0);
  EXPECT_EQ(ToHex(del_resp.new_state().msgpack()), "c0");
}

TEST_F(ProviderServiceTest, ValidateDiagnosticsCarryAttributePaths) {
  Value config =
      framework::testing::ThingConfig({{"name", StringVal("x")}, {"mode", StringVal("zzz")}});
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name("test_thing");
  *req.mutable_config() = Msgpack(config, ThingType());
  tfplugin6::ValidateResourceConfig::Response resp;
  ASSERT_TRUE(service_.ValidateResourceConfig(nullptr, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  const auto& d = resp.diagnostics(0);
  EXPECT_EQ(d.severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_EQ(d.summary(), "Invalid Attribute Value Match");
  EXPECT_EQ(d.detail(), R"(Attribute mode value must be one of: ["a" "b"], got: "zzz")");
  ASSERT_EQ(d.attribute().steps_size(), 1);
  EXPECT_EQ(d.attribute().steps(0).attribute_name(), "mode");
}

TEST_F(ProviderServiceTest, AttributePathsRoundTripAllStepKinds) {
  framework::AttributePath p =
      framework::AttributePath::Root("rule").Index(2).Attribute("tags").Key("env");
  tfplugin6::AttributePath proto;
  ToProto(p, &proto);
  ASSERT_EQ(proto.steps_size(), 4);
  EXPECT_EQ(proto.steps(1).element_key_int(), 2);
  EXPECT_EQ(proto.steps(3).element_key_string(), "env");
  EXPECT_EQ(FromProto(proto), p);
}

TEST_F(ProviderServiceTest, ReadDataSourceExampleA) {
  tfplugin6::ReadDataSource::Request req;
  req.set_type_name("test_ds");
  req.mutable_config()->set_msgpack(FromHex(
      "83 a2 69 64 c0 a4 73 69 7a 65 c0 a3 75 72 6c ad 73 71 6c 69 74 65 3a 2f 2f 66 69 6c 65"));
  tfplugin6::ReadDataSource::Response resp;
  ASSERT_TRUE(service_.ReadDataSource(nullptr, &req, &resp).ok());
  EXPECT_EQ(resp.diagnostics_size(), 0);
  EXPECT_EQ(ToHex(resp.state().msgpack()),
            "83 a2 69 64 a2 64 73 a4 73 69 7a 65 2a a3 75 72 6c ad 73 71 6c 69 74 65 3a 2f 2f 66 "
            "69 6c 65");
}

TEST_F(ProviderServiceTest, ConfigureAndStopProvider) {
  tfplugin6::ConfigureProvider::Request req;
  req.set_terraform_version("1.11.4");
  *req.mutable_config() = Msgpack(tfvalue::ObjectVal({{"dev_url", StringVal("sqlite://dev")}}),
                                  service_.server().ProviderType());
  tfplugin6::ConfigureProvider::Response resp;
  ASSERT_TRUE(service_.ConfigureProvider(nullptr, &req, &resp).ok());
  EXPECT_EQ(resp.diagnostics_size(), 0);
  framework::RequestContext ctx = service_.server().Context();
  ASSERT_NE(ctx.ProviderDataAs<framework::testing::TestProviderData>(), nullptr);
  EXPECT_EQ(ctx.ProviderDataAs<framework::testing::TestProviderData>()->dev_url, "sqlite://dev");
  EXPECT_FALSE(ctx.stop.stop_requested());

  tfplugin6::StopProvider::Request stop_req;
  tfplugin6::StopProvider::Response stop_resp;
  ASSERT_TRUE(service_.StopProvider(nullptr, &stop_req, &stop_resp).ok());
  EXPECT_EQ(stop_resp.error(), "");
  EXPECT_TRUE(ctx.stop.stop_requested());
  EXPECT_TRUE(service_.server().Context().stop.stop_requested());
}

TEST_F(ProviderServiceTest, ExceptionsBecomeInternalErrorDiagnostics) {
  Type t = Type::Object({{"name", Type::String()}});
  Value config = tfvalue::ObjectVal({{"name", StringVal("x")}});
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name("test_throw");
  *req.mutable_config() = Msgpack(config, t);
  *req.mutable_proposed_new_state() = Msgpack(config, t);
  tfplugin6::PlanResourceChange::Response resp;
  grpc::Status status = service_.PlanResourceChange(nullptr, &req, &resp);
  EXPECT_TRUE(status.ok());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).summary(), "Internal error");
  EXPECT_NE(resp.diagnostics(0).detail().find("PlanResourceChange: boom in plan"),
            std::string::npos);
  EXPECT_FALSE(resp.has_planned_state());
}

TEST_F(ProviderServiceTest, UnknownTypesAndBadValuesAreDiagnostics) {
  tfplugin6::ReadResource::Request req;
  req.set_type_name("nope");
  tfplugin6::ReadResource::Response resp;
  ASSERT_TRUE(service_.ReadResource(nullptr, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).summary(), "Unknown resource type");

  tfplugin6::ValidateDataResourceConfig::Request vreq;
  vreq.set_type_name("test_ds");
  vreq.mutable_config()->set_msgpack(FromHex("81 a1 7a c0"));
  tfplugin6::ValidateDataResourceConfig::Response vresp;
  ASSERT_TRUE(service_.ValidateDataResourceConfig(nullptr, &vreq, &vresp).ok());
  ASSERT_EQ(vresp.diagnostics_size(), 1);
  EXPECT_EQ(vresp.diagnostics(0).summary(), "Invalid request value");
}

TEST_F(ProviderServiceTest, ImportWithoutImplementationIsAnError) {
  tfplugin6::ImportResourceState::Request req;
  req.set_type_name("test_thing");
  req.set_id("abc");
  tfplugin6::ImportResourceState::Response resp;
  ASSERT_TRUE(service_.ImportResourceState(nullptr, &req, &resp).ok());
  EXPECT_EQ(resp.imported_resources_size(), 0);
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).summary(), "Resource Import Not Implemented");
}

TEST_F(ProviderServiceTest, OptionalRpcsAnswerEmptyOrUnimplemented) {
  tfplugin6::GetResourceIdentitySchemas::Request ireq;
  tfplugin6::GetResourceIdentitySchemas::Response iresp;
  ASSERT_TRUE(service_.GetResourceIdentitySchemas(nullptr, &ireq, &iresp).ok());
  EXPECT_EQ(iresp.identity_schemas_size(), 0);
  tfplugin6::GetFunctions::Request freq;
  tfplugin6::GetFunctions::Response fresp;
  ASSERT_TRUE(service_.GetFunctions(nullptr, &freq, &fresp).ok());
  EXPECT_EQ(fresp.functions_size(), 0);
  tfplugin6::MoveResourceState::Request mreq;
  tfplugin6::MoveResourceState::Response mresp;
  tfplugin6::Provider::Service& base = service_;
  EXPECT_EQ(base.MoveResourceState(nullptr, &mreq, &mresp).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(ProviderServiceTest, ConcurrentRpcsGiveConsistentAnswers) {
  Value config = framework::testing::ThingConfig({{"name", StringVal("x")}});
  tfplugin6::PlanResourceChange::Request plan_req;
  plan_req.set_type_name("test_thing");
  *plan_req.mutable_config() = Msgpack(config, ThingType());
  *plan_req.mutable_proposed_new_state() = Msgpack(config, ThingType());
  tfplugin6::PlanResourceChange::Response expected;
  ASSERT_TRUE(service_.PlanResourceChange(nullptr, &plan_req, &expected).ok());

  tfplugin6::ConfigureProvider::Request conf_req;
  *conf_req.mutable_config() = Msgpack(tfvalue::ObjectVal({{"dev_url", StringVal("sqlite://dev")}}),
                                       service_.server().ProviderType());
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        if (t == 0) {
          tfplugin6::ConfigureProvider::Response r;
          service_.ConfigureProvider(nullptr, &conf_req, &r);
          continue;
        }
        tfplugin6::PlanResourceChange::Response r;
        service_.PlanResourceChange(nullptr, &plan_req, &r);
        if (r.SerializeAsString() != expected.SerializeAsString()) {
          ++mismatches;
        }
        framework::RequestContext ctx = service_.server().Context();
        if (ctx.provider_data != nullptr &&
            ctx.ProviderDataAs<framework::testing::TestProviderData>()->dev_url != "sqlite://dev") {
          ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace atlas::provider::rpc
