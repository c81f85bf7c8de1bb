#include "provider/framework/server.hpp"

#include <gtest/gtest.h>

#include "tests/unit/provider/framework/test_provider.hpp"

namespace atlas::provider::framework {
namespace {

using testing::ThingConfig;
using tfvalue::ListVal;
using tfvalue::NullVal;
using tfvalue::NumberIntVal;
using tfvalue::ObjectVal;
using tfvalue::StringVal;
using tfvalue::Type;
using tfvalue::UnknownVal;
using tfvalue::Value;

class ServerTest : public ::testing::Test {
 protected:
  void Build(std::function<void(testing::ThingResource&)> setup = {}) {
    auto p = std::make_unique<testing::TestProvider>();
    p->setup_thing = std::move(setup);
    server_ = std::make_unique<ProviderServer>(std::move(p));
    thing_ = server_->FindResource("test_thing");
    ASSERT_NE(thing_, nullptr);
  }
  void SetUp() override { Build(); }

  Type ColumnType() const {
    return testing::ThingSchema().block.FindBlock("column")->block.ImpliedType();
  }
  Value Column(const std::string& name, Value type) const {
    return ObjectVal({{"name", StringVal(name)}, {"type", std::move(type)}});
  }

  std::unique_ptr<ProviderServer> server_;
  const Resource* thing_ = nullptr;
};

TEST_F(ServerTest, RegistryLookups) {
  EXPECT_EQ(server_->FindResource("nope"), nullptr);
  ASSERT_NE(server_->FindDataSource("test_ds"), nullptr);
  EXPECT_EQ(server_->Resources().size(), 1u);
  EXPECT_EQ(server_->TypeOf(*thing_), testing::ThingSchema().ImpliedType());
}

TEST_F(ServerTest, PlanCreateMarksComputedUnknownAndKeepsConfigVerbatim) {
  Value config =
      ThingConfig({{"name", StringVal("  Users ")},
                   {"column", ListVal(ColumnType(), {Column("id", NullVal(Type::String())),
                                                     Column("v", StringVal("int"))})}});
  auto resp = server_->PlanResourceChange(*thing_, {config, NullVal(config.type()), config, ""});
  ASSERT_FALSE(resp.diagnostics.HasError()) << resp.diagnostics.ToString();
  const Value& p = resp.planned_state;
  EXPECT_TRUE(p.GetAttr("id").IsUnknown());
  EXPECT_TRUE(p.GetAttr("size").IsUnknown());
  EXPECT_TRUE(p.GetAttr("status").IsUnknown());
  EXPECT_EQ(p.GetAttr("name"), StringVal("  Users "));
  EXPECT_TRUE(p.GetAttr("comment").IsNull());
  EXPECT_TRUE(p.GetAttr("secret").IsNull());
  EXPECT_TRUE(p.Find(AttributePath::Root("column").Index(0).Attribute("type"))->IsUnknown());
  EXPECT_EQ(*p.Find(AttributePath::Root("column").Index(1).Attribute("type")), StringVal("int"));
  EXPECT_TRUE(p.GetAttr("pk").IsNull());
  EXPECT_TRUE(resp.requires_replace.empty());
}

TEST_F(ServerTest, PlanDestroyIsNullAndStillCallsModifyPlan) {
  bool called = false;
  Build([&](testing::ThingResource& r) {
    r.modify_plan = [&](const ModifyPlanRequest& req, ModifyPlanResponse& resp) {
      called = true;
      EXPECT_TRUE(req.IsDestroy());
      resp.diagnostics.AddWarning("Atlas Plan", "DROP everything");
      resp.planned_private = "p";
    };
  });
  Value prior = ThingConfig({{"name", StringVal("x")}});
  Type t = prior.type();
  auto resp = server_->PlanResourceChange(*thing_, {NullVal(t), prior, NullVal(t), "old"});
  EXPECT_TRUE(called);
  EXPECT_TRUE(resp.planned_state.IsNull());
  EXPECT_EQ(resp.planned_private, "p");
  ASSERT_EQ(resp.diagnostics.size(), 1u);
  EXPECT_EQ(resp.diagnostics.items()[0].severity, Severity::kWarning);
}

TEST_F(ServerTest, PlanDestroyRejectsNonNullPlanFromResource) {
  Build([](testing::ThingResource& r) {
    r.modify_plan = [](const ModifyPlanRequest& req, ModifyPlanResponse& resp) {
      resp.planned_state = req.prior_state;
    };
  });
  Value prior = ThingConfig({{"name", StringVal("x")}});
  auto resp = server_->PlanResourceChange(
      *thing_, {NullVal(prior.type()), prior, NullVal(prior.type()), ""});
  EXPECT_TRUE(resp.planned_state.IsNull());
  ASSERT_TRUE(resp.diagnostics.HasError());
  EXPECT_EQ(resp.diagnostics.items()[0].summary, "Provider produced invalid plan");
}

TEST_F(ServerTest, PlanNoChangeKeepsPriorComputedValues) {
  Value prior = ThingConfig({{"name", StringVal("x")},
                             {"id", StringVal("id-1")},
                             {"size", NumberIntVal(42)},
                             {"status", StringVal("ok")}});
  Value config = ThingConfig({{"name", StringVal("x")}});
  // Core's proposal: computed attributes with null config take the prior value.
  Value proposed = prior;
  auto resp = server_->PlanResourceChange(*thing_, {config, prior, proposed, "priv"});
  ASSERT_FALSE(resp.diagnostics.HasError()) << resp.diagnostics.ToString();
  EXPECT_EQ(resp.planned_state, prior);
  EXPECT_EQ(resp.planned_private, "priv");
  EXPECT_TRUE(resp.requires_replace.empty());
}

TEST_F(ServerTest, PlanUpdateUnknownsComputedButUseStateForUnknownKeepsId) {
  Value prior = ThingConfig({{"name", StringVal("x")},
                             {"id", StringVal("id-1")},
                             {"size", NumberIntVal(42)},
                             {"status", StringVal("ok")}});
  Value config = ThingConfig({{"name", StringVal("x")}, {"comment", StringVal("new")}});
  Value proposed = prior.SetAttr("comment", StringVal("new"));
  auto resp = server_->PlanResourceChange(*thing_, {config, prior, proposed, ""});
  ASSERT_FALSE(resp.diagnostics.HasError()) << resp.diagnostics.ToString();
  EXPECT_EQ(resp.planned_state.GetAttr("id"), StringVal("id-1"));
  EXPECT_TRUE(resp.planned_state.GetAttr("size").IsUnknown());
  EXPECT_TRUE(resp.planned_state.GetAttr("status").IsUnknown());
  EXPECT_EQ(resp.planned_state.GetAttr("comment"), StringVal("new"));
  EXPECT_TRUE(resp.requires_replace.empty());
}

TEST_F(ServerTest, PlanRequiresReplaceWhenNameChanges) {
  Value prior = ThingConfig({{"name", StringVal("x")}, {"id", StringVal("id-1")}});
  Value config = ThingConfig({{"name", StringVal("y")}});
  Value proposed = prior.SetAttr("name", StringVal("y"));
  auto resp = server_->PlanResourceChange(*thing_, {config, prior, proposed, ""});
  ASSERT_EQ(resp.requires_replace.size(), 1u);
  EXPECT_EQ(resp.requires_replace[0], AttributePath::Root("name"));
  // An optional+computed value the user sets is kept as configured.
  Value config2 = config.SetAttr("size", NumberIntVal(7));
  auto resp2 = server_->PlanResourceChange(
      *thing_, {config2, prior, proposed.SetAttr("size", NumberIntVal(7)), ""});
  EXPECT_EQ(resp2.planned_state.GetAttr("size"), NumberIntVal(7));
}

TEST_F(ServerTest, ModifyPlanSeesGenericPlanAndCanAddRequiresReplace) {
  Build([](testing::ThingResource& r) {
    r.modify_plan = [](const ModifyPlanRequest& req, ModifyPlanResponse& resp) {
      EXPECT_TRUE(req.IsCreate());
      EXPECT_TRUE(resp.planned_state.GetAttr("id").IsUnknown());
      resp.planned_state = resp.planned_state.SetAttr("status", StringVal("planned"));
      resp.requires_replace.push_back(AttributePath::Root("comment"));
    };
  });
  Value config = ThingConfig({{"name", StringVal("x")}});
  auto resp = server_->PlanResourceChange(*thing_, {config, NullVal(config.type()), config, ""});
  EXPECT_EQ(resp.planned_state.GetAttr("status"), StringVal("planned"));
  EXPECT_EQ(resp.requires_replace, std::vector<AttributePath>{AttributePath::Root("comment")});
}

TEST_F(ServerTest, ValidateRunsValidatorsWithPathsAndDeprecation) {
  Value config =
      ThingConfig({{"name", StringVal("")}, {"mode", StringVal("c")}, {"old", StringVal("x")}});
  auto resp = server_->ValidateResourceConfig(*thing_, config);
  ASSERT_EQ(resp.diagnostics.size(), 3u) << resp.diagnostics.ToString();
  EXPECT_EQ(resp.diagnostics.items()[0].attribute, AttributePath::Root("name"));
  EXPECT_EQ(resp.diagnostics.items()[0].summary, "Invalid Attribute Value Length");
  EXPECT_EQ(resp.diagnostics.items()[1].attribute, AttributePath::Root("mode"));
  EXPECT_EQ(
      resp.diagnostics.items()[2],
      Diagnostic::Warning("Attribute Deprecated", "Use name instead.", AttributePath::Root("old")));
}

TEST_F(ServerTest, ValidateSkipsUnknownsAndCallsResourceValidate) {
  Build([](testing::ThingResource& r) {
    r.validate = [](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
      if (req.config.GetAttr("comment").IsNull()) {
        resp.diagnostics.AddAttributeWarning(AttributePath::Root("comment"), "comment is unset",
                                             "set it");
      }
    };
  });
  Value config =
      ThingConfig({{"name", UnknownVal(Type::String())}, {"mode", UnknownVal(Type::String())}});
  auto resp = server_->ValidateResourceConfig(*thing_, config);
  ASSERT_EQ(resp.diagnostics.size(), 1u);
  EXPECT_EQ(resp.diagnostics.items()[0].summary, "comment is unset");
}

TEST_F(ServerTest, ApplyCreateUpdateDelete) {
  Value config =
      ThingConfig({{"name", StringVal("x")},
                   {"column", ListVal(ColumnType(), {Column("id", NullVal(Type::String()))})}});
  auto plan = server_->PlanResourceChange(*thing_, {config, NullVal(config.type()), config, ""});
  auto created = server_->ApplyResourceChange(
      *thing_, {config, NullVal(config.type()), plan.planned_state, "pp"});
  ASSERT_FALSE(created.diagnostics.HasError()) << created.diagnostics.ToString();
  EXPECT_TRUE(created.new_state.IsWhollyKnown());
  EXPECT_EQ(created.new_state.GetAttr("id"), StringVal("id-1"));
  EXPECT_EQ(*created.new_state.Find(AttributePath::Root("column").Index(0).Attribute("type")),
            StringVal("text"));
  EXPECT_EQ(created.private_data, "pp");

  Value config2 = config.SetAttr("comment", StringVal("c"));
  auto plan2 = server_->PlanResourceChange(
      *thing_,
      {config2, created.new_state, created.new_state.SetAttr("comment", StringVal("c")), ""});
  auto updated =
      server_->ApplyResourceChange(*thing_, {config2, created.new_state, plan2.planned_state, ""});
  ASSERT_FALSE(updated.diagnostics.HasError()) << updated.diagnostics.ToString();
  EXPECT_EQ(updated.new_state.GetAttr("comment"), StringVal("c"));
  EXPECT_EQ(updated.new_state.GetAttr("id"), StringVal("id-1"));

  auto deleted = server_->ApplyResourceChange(
      *thing_, {NullVal(config.type()), updated.new_state, NullVal(config.type()), ""});
  EXPECT_TRUE(deleted.diagnostics.empty());
  EXPECT_TRUE(deleted.new_state.IsNull());
}

TEST_F(ServerTest, ApplyCreateLeavingUnknownIsAnError) {
  Build([](testing::ThingResource& r) {
    r.create = [](const CreateRequest& req, CreateResponse& resp) {
      resp.new_state = req.planned_state;
    };
  });
  Value config = ThingConfig({{"name", StringVal("x")}});
  auto plan = server_->PlanResourceChange(*thing_, {config, NullVal(config.type()), config, ""});
  auto created = server_->ApplyResourceChange(
      *thing_, {config, NullVal(config.type()), plan.planned_state, ""});
  ASSERT_TRUE(created.diagnostics.HasError());
  EXPECT_EQ(created.diagnostics.items()[0].summary,
            "Provider returned invalid result object after apply");
  EXPECT_NE(created.diagnostics.items()[0].detail.find("test_thing.id"), std::string::npos);
  EXPECT_TRUE(created.new_state.IsNull());
}

TEST_F(ServerTest, ApplyCreateWithoutStateIsAnError) {
  Build([](testing::ThingResource& r) { r.create = [](const CreateRequest&, CreateResponse&) {}; });
  Value config = ThingConfig({{"name", StringVal("x")}});
  auto created =
      server_->ApplyResourceChange(*thing_, {config, NullVal(config.type()), config, ""});
  ASSERT_TRUE(created.diagnostics.HasError());
  EXPECT_EQ(created.diagnostics.items()[0].summary, "Missing Resource State After Create");
}

TEST_F(ServerTest, DeleteErrorKeepsPriorState) {
  Build([](testing::ThingResource& r) {
    r.del = [](const DeleteRequest&, DeleteResponse& resp) {
      resp.diagnostics.AddError("Apply Error", "boom");
    };
  });
  Value prior = ThingConfig({{"name", StringVal("x")}, {"id", StringVal("1")}});
  auto resp = server_->ApplyResourceChange(
      *thing_, {NullVal(prior.type()), prior, NullVal(prior.type()), "p"});
  EXPECT_TRUE(resp.diagnostics.HasError());
  EXPECT_EQ(resp.new_state, prior);
  EXPECT_EQ(resp.private_data, "p");
}

TEST_F(ServerTest, UpgradeSameVersionDecodesJsonIgnoringUnknownAttributes) {
  auto resp = server_->UpgradeResourceState(
      *thing_, 1, R"({"name": "x", "id": "1", "gone": true, "size": 0.1})");
  ASSERT_FALSE(resp.diagnostics.HasError()) << resp.diagnostics.ToString();
  EXPECT_EQ(resp.upgraded_state.GetAttr("name"), StringVal("x"));
  EXPECT_EQ(resp.upgraded_state.GetAttr("size").AsNumber().ToString(), "0.1");
  EXPECT_TRUE(resp.upgraded_state.GetAttr("comment").IsNull());
  EXPECT_TRUE(resp.upgraded_state.GetAttr("pk").IsNull());
}

TEST_F(ServerTest, UpgradeOlderVersionWithoutUpgraderIsAnError) {
  auto resp = server_->UpgradeResourceState(*thing_, 0, R"({"name": "x"})");
  ASSERT_TRUE(resp.diagnostics.HasError());
  EXPECT_EQ(resp.diagnostics.items()[0].summary, "Unable to Upgrade Resource State");
  auto newer = server_->UpgradeResourceState(*thing_, 2, R"({"name": "x"})");
  ASSERT_TRUE(newer.diagnostics.HasError());
  EXPECT_NE(newer.diagnostics.items()[0].detail.find("schema version 2"), std::string::npos);
  auto bad = server_->UpgradeResourceState(*thing_, 1, R"({"name": )");
  ASSERT_TRUE(bad.diagnostics.HasError());
  EXPECT_EQ(bad.diagnostics.items()[0].summary,
            "Unable to Read Previously Saved State for UpgradeResourceState");
}

TEST_F(ServerTest, ImportDefaultsToNotImplemented) {
  auto resp = server_->ImportResourceState(*thing_, "abc");
  ASSERT_TRUE(resp.diagnostics.HasError());
  EXPECT_EQ(resp.diagnostics.items()[0].summary, "Resource Import Not Implemented");
}

TEST_F(ServerTest, ReadResourceChecksResult) {
  Build([](testing::ThingResource& r) {
    r.read = [](const ReadRequest& req, ReadResponse& resp) {
      resp.new_state = req.current_state.SetAttr("status", UnknownVal(Type::String()));
    };
  });
  Value state = ThingConfig({{"name", StringVal("x")}, {"id", StringVal("1")}});
  auto resp = server_->ReadResource(*thing_, state, "priv");
  ASSERT_TRUE(resp.diagnostics.HasError());
  EXPECT_EQ(resp.diagnostics.items()[0].summary, "Provider produced invalid object");
  EXPECT_EQ(resp.new_state, state);
  EXPECT_EQ(resp.private_data, "priv");
}

TEST_F(ServerTest, ReadDataSourceFillsComputed) {
  const DataSource* ds = server_->FindDataSource("test_ds");
  Value config = testing::DsSchema().EmptyValue().SetAttr("url", StringVal("sqlite://file"));
  auto resp = server_->ReadDataSource(*ds, config);
  ASSERT_FALSE(resp.diagnostics.HasError()) << resp.diagnostics.ToString();
  EXPECT_EQ(resp.state.ToString(), R"({id = "ds", size = 42, url = "sqlite://file"})");
}

TEST_F(ServerTest, ConfigureStoresProviderDataAndStopIsObservable) {
  EXPECT_EQ(server_->Context().provider_data, nullptr);
  Value config = ObjectVal({{"dev_url", StringVal("sqlite://dev")}});
  auto resp = server_->ConfigureProvider({"1.11.4", config});
  ASSERT_FALSE(resp.diagnostics.HasError());
  RequestContext ctx = server_->Context();
  ASSERT_NE(ctx.ProviderDataAs<testing::TestProviderData>(), nullptr);
  EXPECT_EQ(ctx.ProviderDataAs<testing::TestProviderData>()->dev_url, "sqlite://dev");
  EXPECT_FALSE(ctx.stop.stop_requested());
  server_->Stop();
  EXPECT_TRUE(ctx.stop.stop_requested());
  EXPECT_TRUE(server_->StopRequested());
}

TEST(MarkComputedNullsUnknownTest, LeavesSetBlocksAndConfiguredValues) {
  Block inner;
  inner.Add(Attribute::String("v").Optional().Computed());
  Block b;
  b.Add(Attribute::String("a").Optional().Computed());
  b.Add(Attribute::String("c").Computed());
  b.Add(NestedBlock::Set("s", inner));
  Schema s{0, b};
  Type inner_t = inner.ImpliedType();
  Value config =
      ObjectVal({{"a", StringVal("set")},
                 {"c", NullVal(Type::String())},
                 {"s", tfvalue::SetVal(inner_t, {ObjectVal({{"v", NullVal(Type::String())}})})}});
  Value out = MarkComputedNullsUnknown(s.block, config, config);
  EXPECT_EQ(out.GetAttr("a"), StringVal("set"));
  EXPECT_TRUE(out.GetAttr("c").IsUnknown());
  EXPECT_EQ(out.GetAttr("s"), config.GetAttr("s"));
}

}  // namespace
}  // namespace atlas::provider::framework
