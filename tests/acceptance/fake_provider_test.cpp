// The harness judged on a provider whose behaviour we control: the happy path through every
// Terraform sequence (create, update, replace, no-op, import, data sources, deferred values, destroy)
// and, one bug at a time, that each of core's consistency rules fails with core's wording.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "tests/acceptance/step_test.hpp"
#include "tests/acceptance/temp_dir.hpp"

namespace atlas::tests::acceptance {
namespace {

using tfv::Path;

constexpr const char* kThing = "fake_thing.t";

class FakeProviderTest : public ::testing::Test {
 protected:
  CoreOptions Options(const std::string& bugs = {}) const {
    CoreOptions o;
    o.launch.binary = FAKE_PROVIDER_BINARY;
    o.provider_address = "registry.terraform.io/test/fake";
    if (!bugs.empty()) {
      o.launch.extra_env.emplace_back("FAKE_PROVIDER_BUGS", bugs);
    }
    return o;
  }
  nlohmann::json ThingConfig(nlohmann::json body) const {
    return Config().Provider({{"store", store_.str()}}, "fake").Resource("fake_thing", "t", std::move(body)).json();
  }
  std::size_t StoredObjects() const {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(store_.path())) {
      n += e.path().extension() == ".json" ? 1 : 0;
    }
    return n;
  }
  engine::base::Status StoreIsEmpty(const State&) const {
    if (StoredObjects() != 0) {
      return engine::base::Error("objects left behind", std::to_string(StoredObjects()));
    }
    return {};
  }
  // Runs a one-step create of `body` with the given bugs and returns the result.
  TestResult RunCreate(const std::string& bugs, nlohmann::json body = {{"name", "a"}, {"value", "1"}}) {
    TestCase tc;
    tc.core = Options(bugs);
    TestStep step;
    step.config = ThingConfig(std::move(body));
    tc.steps.push_back(step);
    return RunTestCase(tc);
  }

  TempDir store_{"atlas-fake-store-"};
};

TEST_F(FakeProviderTest, FullLifecycleFollowsTerraformSequences) {
  TestCase tc;
  tc.core = Options();
  tc.check_destroy = [this](const State& s) { return StoreIsEmpty(s); };

  TestStep create;
  create.config = ThingConfig({{"name", "a"}, {"value", "1"}, {"tag", {{"key", "k1"}}}});
  create.expect_actions = {{kThing, Action::kCreate}};
  create.checks = {CheckAttr(kThing, "id", "id-a"), CheckAttr(kThing, "size", "1"),
                   CheckAttr(kThing, "tag.0.val", "v-k1"), CheckAttrNull(kThing, "secret")};
  tc.steps.push_back(create);

  TestStep update;
  update.config = ThingConfig({{"name", "a"}, {"value", "2"}, {"secret", "s3cret"}});
  update.expect_actions = {{kThing, Action::kUpdate}};
  update.checks = {CheckAttr(kThing, "value", "2"), CheckAttr(kThing, "id", "id-a"),
                   CheckAttr(kThing, "secret", "s3cret"), CheckAttrValue(kThing, "tag", tfv::ListValEmpty(
                       tfv::Type::Object({{"key", tfv::Type::String()}, {"val", tfv::Type::String()}})))};
  tc.steps.push_back(update);

  TestStep replace;
  replace.config = ThingConfig({{"name", "bb"}, {"value", "2"}});
  replace.expect_actions = {{kThing, Action::kDeleteThenCreate}};
  replace.checks = {CheckAttr(kThing, "id", "id-bb"), CheckAttr(kThing, "size", "2"),
                    [this](const State&) -> engine::base::Status {
                      if (StoredObjects() != 1) {
                        return engine::base::Error("replace left the old object", std::to_string(StoredObjects()));
                      }
                      return {};
                    }};
  tc.steps.push_back(replace);

  TestStep noop;
  noop.config = replace.config;
  noop.expect_actions = {{kThing, Action::kNoOp}};
  tc.steps.push_back(noop);

  TestStep import;
  import.import_state = true;
  import.resource_name = kThing;
  import.import_state_verify = true;
  tc.steps.push_back(import);

  TestStep data;
  data.config = Config()
                    .Provider({{"store", store_.str()}}, "fake")
                    .Data("fake_data", "d", {{"input", "x"}})
                    .Resource("fake_thing", "t", {{"name", "bb"}, {"value", "${data.fake_data.d.output}"}})
                    .json();
  data.expect_actions = {{kThing, Action::kUpdate}};
  data.checks = {CheckAttr(kThing, "value", "out:x"), CheckAttr("data.fake_data.d", "id", "data-x"),
                 CheckAttrPair(kThing, "value", "data.fake_data.d", "output")};
  tc.steps.push_back(data);

  TestStep deferred;
  deferred.config = ThingConfig({{"name", "bb"}, {"value", "pre-${deferred.v}"}});
  deferred.deferred = {{"v", "late"}};
  deferred.expect_actions = {{kThing, Action::kUpdate}};
  deferred.checks = {CheckAttr(kThing, "value", "pre-late")};
  tc.steps.push_back(deferred);

  TestResult r = RunTestCase(tc);
  ASSERT_TRUE(r.ok) << r.failure << "\n" << r.provider_logs;
  EXPECT_EQ(StoredObjects(), 0U);
  ASSERT_GE(r.launched_phases.size(), 4U);
  EXPECT_EQ(std::vector<std::string>(r.launched_phases.begin(), r.launched_phases.begin() + 4),
            (std::vector<std::string>{"schema", "validate", "plan", "apply"}));
  EXPECT_EQ(r.final_state.resources.count(kThing), 1U);
}

TEST_F(FakeProviderTest, ExpectErrorMatchesSummaryAndAttributePath) {
  TestCase tc;
  tc.core = Options();
  TestStep bad;
  bad.config = ThingConfig({{"name", "invalid"}});
  bad.expect_error = "^Invalid name";
  bad.expect_error_attribute = Path::Root("name");
  tc.steps.push_back(bad);
  TestResult ok = RunTestCase(tc);
  EXPECT_TRUE(ok.ok) << ok.failure;

  tc.steps[0].expect_error_attribute = Path::Root("value");
  TestResult wrong_path = RunTestCase(tc);
  EXPECT_FALSE(wrong_path.ok);
  EXPECT_NE(wrong_path.failure.find("an error matched /^Invalid name/ but at attribute name instead of value"),
            std::string::npos)
      << wrong_path.failure;

  tc.steps[0].config = ThingConfig({{"name", "fine"}});
  tc.steps[0].expect_error_attribute.reset();
  TestResult none = RunTestCase(tc);
  EXPECT_FALSE(none.ok);
  EXPECT_NE(none.failure.find("Step 1/1 error: expected an error but got none"), std::string::npos) << none.failure;
}

TEST_F(FakeProviderTest, WarningsAreCollectedAndMatched) {
  TestCase tc;
  tc.core = Options();
  TestStep step;
  step.config = ThingConfig({{"name", "a"}, {"value", "warn"}});
  step.expect_warnings = {"^Value warning"};
  tc.steps.push_back(step);
  TestResult r = RunTestCase(tc);
  ASSERT_TRUE(r.ok) << r.failure;
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_EQ(r.warnings[0].summary, "Value warning");
  EXPECT_EQ(r.warnings[0].attribute, Path::Root("value"));
}

TEST_F(FakeProviderTest, PlanRewritingConfigIsAnInvalidPlan) {
  TestResult r = RunCreate("plan_rewrites_config");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Error: Provider produced invalid plan"), std::string::npos) << r.failure;
  EXPECT_NE(r.failure.find("Provider \"registry.terraform.io/test/fake\" planned an invalid value for "
                           "fake_thing.t.name: planned value cty.StringVal(\"A\") does not match config value "
                           "cty.StringVal(\"a\")."),
            std::string::npos)
      << r.failure;
}

TEST_F(FakeProviderTest, NullListBlockIsAnInvalidPlan) {
  TestResult r = RunCreate("null_list_block");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("fake_thing.t.tag: attribute representing a list of nested blocks must be empty to "
                           "indicate no blocks, not null"),
            std::string::npos)
      << r.failure;
}

TEST_F(FakeProviderTest, ObjectWithMissingAttributeIsRejected) {
  TestResult r = RunCreate("missing_attribute");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Provider produced invalid plan"), std::string::npos) << r.failure;
  EXPECT_NE(r.failure.find("an object with 7 attributes is required (6 given)"), std::string::npos) << r.failure;
}

TEST_F(FakeProviderTest, ChangedKnownValueAtApplyTimeIsAnInconsistentFinalPlan) {
  TestResult r = RunCreate("final_plan_differs");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Error: Provider produced inconsistent final plan"), std::string::npos) << r.failure;
  EXPECT_NE(r.failure.find("When expanding the plan for fake_thing.t to include new values learned so far during "
                           "apply, provider \"registry.terraform.io/test/fake\" produced an invalid new value for "
                           "fake_thing.t.size: was cty.NumberIntVal(1), but now cty.NumberIntVal(2)."),
            std::string::npos)
      << r.failure;
}

TEST_F(FakeProviderTest, ApplyResultDifferentFromPlanIsInconsistent) {
  TestResult r = RunCreate("apply_changes_value");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Error: Provider produced inconsistent result after apply"), std::string::npos)
      << r.failure;
  EXPECT_NE(r.failure.find("When applying changes to fake_thing.t, provider \"registry.terraform.io/test/fake\" "
                           "produced an unexpected new value: .value: was cty.StringVal(\"1\"), but now "
                           "cty.StringVal(\"1!\")."),
            std::string::npos)
      << r.failure;
}

TEST_F(FakeProviderTest, UnknownAfterApplyIsRejected) {
  TestResult r = RunCreate("apply_unknown");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Error: Provider returned invalid result object after apply"), std::string::npos)
      << r.failure;
  EXPECT_NE(r.failure.find("the provider still indicated an unknown value for fake_thing.t.id"), std::string::npos)
      << r.failure;
}

TEST_F(FakeProviderTest, NullAfterCreateIsRejected) {
  TestResult r = RunCreate("create_returns_null");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("After applying a Create plan, the provider returned a null object for fake_thing.t."),
            std::string::npos)
      << r.failure;
}

TEST_F(FakeProviderTest, DestroyMustPlanAndReturnNull) {
  TestResult plan = RunCreate("destroy_plan_non_null");
  EXPECT_FALSE(plan.ok);
  EXPECT_NE(plan.failure.find("Error running post-test destroy, there may be dangling resources"), std::string::npos)
      << plan.failure;
  EXPECT_NE(plan.failure.find("planned a non-null destroy value for fake_thing.t."), std::string::npos)
      << plan.failure;
  TestResult apply = RunCreate("delete_returns_object");
  EXPECT_FALSE(apply.ok);
  EXPECT_NE(apply.failure.find("After applying a Delete plan, the provider returned a non-null object for "
                               "fake_thing.t."),
            std::string::npos)
      << apply.failure;
}

TEST_F(FakeProviderTest, RefreshDriftMakesThePlanNonEmpty) {
  TestResult r = RunCreate("read_drops_value");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Step 1/1 error: After applying this test step, the plan was not empty."),
            std::string::npos)
      << r.failure;
  EXPECT_NE(r.failure.find("fake_thing.t: Update\n  ~ value: cty.NullVal(cty.String) -> cty.StringVal(\"1\")"),
            std::string::npos)
      << r.failure;
}

TEST_F(FakeProviderTest, EmptyReadResponseMeansDeleted) {
  TestResult r = RunCreate("read_returns_nothing");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("After applying this test step, the plan was not empty."), std::string::npos) << r.failure;
  EXPECT_NE(r.failure.find("fake_thing.t: Create"), std::string::npos) << r.failure;
}

TEST_F(FakeProviderTest, PrivateStateMustRoundTrip) {
  // The fake checks that core hands back its private bytes; dropping them breaks the next call.
  TestResult r = RunCreate("lose_private");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Private state lost"), std::string::npos) << r.failure;
}

TEST_F(FakeProviderTest, ImportWithoutObjectsIsAnError) {
  TestCase tc;
  tc.core = Options("import_none");
  TestStep create;
  create.config = ThingConfig({{"name", "a"}});
  tc.steps.push_back(create);
  TestStep import;
  import.import_state = true;
  import.resource_name = kThing;
  tc.steps.push_back(import);
  TestResult r = RunTestCase(tc);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Step 2/2 error: Error: Import returned no resources"), std::string::npos) << r.failure;
  EXPECT_NE(r.failure.find("While attempting to import with ID id-a, the provider returned no instance states."),
            std::string::npos)
      << r.failure;
}

TEST_F(FakeProviderTest, NullDataSourceIsRejected) {
  TestCase tc;
  tc.core = Options("data_null");
  TestStep step;
  step.config = Config().Provider({{"store", store_.str()}}, "fake").Data("fake_data", "d", {{"input", "x"}}).json();
  tc.steps.push_back(step);
  TestResult r = RunTestCase(tc);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Error: Provider produced null object"), std::string::npos) << r.failure;
  EXPECT_NE(r.failure.find("produced a null value for data.fake_data.d."), std::string::npos) << r.failure;
}

TEST_F(FakeProviderTest, InvalidDiagnosticSeverityIsReported) {
  TestResult r = RunCreate("invalid_severity", {{"name", "a"}, {"value", "warn"}});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Provider returned an invalid diagnostic"), std::string::npos) << r.failure;
}

TEST_F(FakeProviderTest, StdoutBeforeHandshakeBreaksLaunch) {
  TestResult r = RunCreate("stdout_noise");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Unrecognized remote plugin message: starting fake provider"), std::string::npos)
      << r.failure;
}

TEST_F(FakeProviderTest, NonZeroExitAfterShutdownIsReported) {
  TestResult r = RunCreate("exit_code_3");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("Provider process did not stop cleanly"), std::string::npos) << r.failure;
  EXPECT_NE(r.failure.find("exit code 3"), std::string::npos) << r.failure;
}

TEST_F(FakeProviderTest, ProcessModesControlHowManyProcessesStart) {
  TestCase tc;
  tc.core = Options();
  tc.core.process_mode = ProcessMode::kSingle;
  TestStep step;
  step.config = ThingConfig({{"name", "a"}});
  tc.steps.push_back(step);
  TestResult single = RunTestCase(tc);
  ASSERT_TRUE(single.ok) << single.failure;
  EXPECT_EQ(single.launched_phases.size(), 1U);
  tc.core.process_mode = ProcessMode::kPerCommand;
  TestResult per_command = RunTestCase(tc);
  ASSERT_TRUE(per_command.ok) << per_command.failure;
  // apply, plan, refresh, plan, destroy
  EXPECT_EQ(per_command.launched_phases.size(), 5U);
}

}  // namespace
}  // namespace atlas::tests::acceptance
