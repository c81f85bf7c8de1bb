#pragma once
// Step tests in the style of terraform-plugin-testing (resource.Test / TestCase / TestStep):
// each step applies a configuration (or plans it, or imports a resource), may expect an error
// (regex over "summary\n\ndetail", optionally at an attribute path), runs state checks, and then
// the runner enforces the implicit guarantees of the original:
//  - after every successful apply, `terraform plan` must be empty ("After applying this test step,
//    the plan was not empty."), and after a `terraform refresh` it must still be empty ("After
//    applying this test step and performing a `terraform refresh`, the plan was not empty.");
//  - an import step with verify compares the imported object with the state;
//  - at the end everything is destroyed (also after a failure) and CheckDestroy runs.
// Every RPC goes through TerraformCore, so core's consistency rules are enforced on every answer.
// Not thread-safe; one TestCase per test.

#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/result.hpp"
#include "tests/acceptance/config.hpp"
#include "tests/acceptance/terraform.hpp"

namespace atlas::tests::acceptance {

// A check on the state after a step; return an error Status to fail the step.
using StateCheck = std::function<engine::base::Status(const State&)>;

// Attribute paths in checks: "hcl", "diff.skip.drop_table", "exclude.0" or "exclude[0]",
// "variables[\"k\"]" (dots and numbers as in terraform-plugin-testing, brackets as in HCL).
tfv::Path ParseAttrPath(std::string_view path);

// Value equals `expected` in its string form (strings verbatim, numbers as decimals, bools as
// "true"/"false").
StateCheck CheckAttr(std::string address, std::string path, std::string expected);
StateCheck CheckAttrValue(std::string address, std::string path, tfv::Value expected);
StateCheck CheckAttrSet(std::string address, std::string path);    // known and not null
StateCheck CheckAttrNull(std::string address, std::string path);   // null
StateCheck CheckAttrMatches(std::string address, std::string path, std::string regex);
StateCheck CheckAttrPair(std::string address_a, std::string path_a, std::string address_b,
                         std::string path_b);                      // equal values
StateCheck CheckResourceExists(std::string address);
StateCheck CheckResourceAbsent(std::string address);

struct TestStep {
  // ---- a configuration step (terraform apply, or terraform plan when plan_only) ----
  std::optional<nlohmann::json> config;  // Terraform JSON syntax; Config{}.json() builds it
  DeferredValues deferred;               // values of `${deferred.NAME}` (unknown during plan)
  bool plan_only = false;
  bool expect_non_empty_plan = false;
  // Expected resource actions in this step's plan, by address ("atlas_schema.test" -> kCreate).
  std::map<std::string, Action> expect_actions;
  // Runs before the step (e.g. change the database behind Terraform's back to cause drift).
  std::function<engine::base::Status()> pre_config;

  // ---- expectations ----
  std::string expect_error;  // ECMAScript regex; empty = the step must succeed
  // The error matching expect_error must carry exactly this attribute path.
  std::optional<tfv::Path> expect_error_attribute;
  // Each regex must match (summary + "\n\n" + detail of) some warning of the step.
  std::vector<std::string> expect_warnings;
  std::vector<StateCheck> checks;

  // ---- an import step (terraform import + optional verify) ----
  bool import_state = false;
  std::string resource_name;     // address to import, e.g. "atlas_schema.test"
  std::string import_state_id;   // default: the `id` attribute of resource_name in the state
  bool import_state_verify = false;
  std::vector<std::string> import_state_verify_ignore;  // top-level attribute names
};

struct TestCase {
  std::vector<TestStep> steps;
  CoreOptions core;
  // Runs on the state after the final destroy (e.g. "the database is empty").
  std::function<engine::base::Status(const State&)> check_destroy;
  bool skip_destroy = false;
};

struct TestResult {
  bool ok = true;
  std::string failure;                      // "Step 2/3 error: ..." as terraform-plugin-testing
  State final_state;                        // state before the destroy
  std::vector<TfDiagnostic> warnings;       // every warning seen, in order
  std::vector<std::string> launched_phases; // processes started ("schema", "validate", ...)
  std::string provider_logs;                // stderr of every provider process
};

// Runs the case and reports instead of failing.
TestResult RunTestCase(const TestCase& test_case);
// Runs the case and records a GoogleTest failure (with the provider's stderr) when it fails.
void Test(const TestCase& test_case);

}  // namespace atlas::tests::acceptance
