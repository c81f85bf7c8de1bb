#include "tests/acceptance/step_test.hpp"

#include <cctype>
#include <utility>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "tests/acceptance/objchange.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using engine::base::Status;
using tfv::Path;
using tfv::Value;

std::string ValueText(const Value& v) {
  if (v.IsNull()) {
    return "<null>";
  }
  if (v.IsUnknown()) {
    return "<unknown>";
  }
  switch (v.type().kind()) {
    case tfv::Type::Kind::kString:
      return v.AsString();
    case tfv::Type::Kind::kNumber:
      return v.AsNumber().ToString();
    case tfv::Type::Kind::kBool:
      return v.AsBool() ? "true" : "false";
    default:
      return GoString(v);
  }
}

engine::base::Result<Value> Lookup(const State& state, const std::string& address, const std::string& path) {
  bool exists = address.rfind("data.", 0) == 0 ? state.data_sources.count(address) != 0
                                                : state.Find(address) != nullptr;
  if (!exists) {
    return Error("Not found", fmt::format("{}: not found in state", address));
  }
  auto v = state.Attr(address, ParseAttrPath(path));
  if (!v) {
    return Error("No such attribute", fmt::format("{}: Attribute '{}' not found", address, path));
  }
  return *v;
}

// Empty when some error matches; else the failure text.
std::string MatchError(const TfDiagnostics& diags, const std::string& pattern,
                       const std::optional<Path>& attribute) {
  std::regex re;
  try {
    re = std::regex(pattern);
  } catch (const std::regex_error& e) {
    return fmt::format("invalid expect_error regex /{}/: {}", pattern, e.what());
  }
  std::string at_wrong_path;
  for (const auto& d : diags.Errors()) {
    if (!std::regex_search(d.summary + "\n\n" + d.detail, re)) {
      continue;
    }
    if (attribute && (!d.attribute || *d.attribute != *attribute)) {
      at_wrong_path = fmt::format("an error matched /{}/ but at attribute {} instead of {}", pattern,
                                  d.attribute ? d.attribute->ToString() : "<none>", attribute->ToString());
      continue;
    }
    return {};
  }
  if (!at_wrong_path.empty()) {
    return at_wrong_path;
  }
  return fmt::format("expected an error with pattern, no match on: {}", diags.ToString());
}

std::string CheckWarnings(const TfDiagnostics& diags, const std::vector<std::string>& patterns) {
  for (const auto& p : patterns) {
    std::regex re(p);
    bool found = false;
    for (const auto& w : diags.Warnings()) {
      found = found || std::regex_search(w.summary + "\n\n" + w.detail, re);
    }
    if (!found) {
      return fmt::format("expected a warning matching /{}/, got: {}", p,
                         diags.Warnings().empty() ? std::string("no warnings") : diags.ToString());
    }
  }
  return {};
}

}  // namespace

Path ParseAttrPath(std::string_view path) {
  Path out;
  std::size_t i = 0;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) {
      return;
    }
    bool numeric = std::all_of(cur.begin(), cur.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
    out = numeric && !out.empty() ? out.Index(std::stoll(cur)) : out.Attribute(cur);
    cur.clear();
  };
  while (i < path.size()) {
    char c = path[i];
    if (c == '.') {
      flush();
      ++i;
    } else if (c == '[') {
      flush();
      std::size_t end = path.find(']', i);
      std::string_view key = path.substr(i + 1, (end == std::string_view::npos ? path.size() : end) - i - 1);
      if (key.size() >= 2 && key.front() == '"') {
        out = out.Key(std::string(key.substr(1, key.size() - 2)));
      } else {
        out = out.Index(std::stoll(std::string(key)));
      }
      i = end == std::string_view::npos ? path.size() : end + 1;
    } else {
      cur += c;
      ++i;
    }
  }
  flush();
  return out;
}

StateCheck CheckAttr(std::string address, std::string path, std::string expected) {
  return [=](const State& s) -> Status {
    auto v = Lookup(s, address, path);
    if (!v) {
      return v.diags();
    }
    if (!v->IsKnownNonNull() || ValueText(*v) != expected) {
      return Error("Check failed", fmt::format("{}: Attribute '{}' expected \"{}\", got \"{}\"", address, path,
                                               expected, ValueText(*v)));
    }
    return {};
  };
}

StateCheck CheckAttrValue(std::string address, std::string path, Value expected) {
  return [=](const State& s) -> Status {
    auto v = Lookup(s, address, path);
    if (!v) {
      return v.diags();
    }
    if (!v->RawEquals(expected)) {
      return Error("Check failed", fmt::format("{}: Attribute '{}' expected {}, got {}", address, path,
                                               GoString(expected), GoString(*v)));
    }
    return {};
  };
}

StateCheck CheckAttrSet(std::string address, std::string path) {
  return [=](const State& s) -> Status {
    auto v = Lookup(s, address, path);
    if (!v) {
      return v.diags();
    }
    if (!v->IsKnownNonNull()) {
      return Error("Check failed", fmt::format("{}: Attribute '{}' expected to be set", address, path));
    }
    return {};
  };
}

StateCheck CheckAttrNull(std::string address, std::string path) {
  return [=](const State& s) -> Status {
    auto v = Lookup(s, address, path);
    if (!v) {
      return v.diags();
    }
    if (!v->IsNull()) {
      return Error("Check failed", fmt::format("{}: Attribute '{}' expected to be null, got {}", address, path,
                                               GoString(*v)));
    }
    return {};
  };
}

StateCheck CheckAttrMatches(std::string address, std::string path, std::string regex) {
  return [=](const State& s) -> Status {
    auto v = Lookup(s, address, path);
    if (!v) {
      return v.diags();
    }
    if (!v->IsKnownNonNull() || !std::regex_search(ValueText(*v), std::regex(regex))) {
      return Error("Check failed", fmt::format("{}: Attribute '{}' didn't match \"{}\", got \"{}\"", address,
                                               path, regex, ValueText(*v)));
    }
    return {};
  };
}

StateCheck CheckAttrPair(std::string address_a, std::string path_a, std::string address_b,
                         std::string path_b) {
  return [=](const State& s) -> Status {
    auto a = Lookup(s, address_a, path_a);
    if (!a) {
      return a.diags();
    }
    auto b = Lookup(s, address_b, path_b);
    if (!b) {
      return b.diags();
    }
    if (!a->RawEquals(*b)) {
      return Error("Check failed", fmt::format("{}: Attribute '{}' expected {} (from {}.{}), got {}", address_a,
                                               path_a, GoString(*b), address_b, path_b, GoString(*a)));
    }
    return {};
  };
}

StateCheck CheckResourceExists(std::string address) {
  return [=](const State& s) -> Status {
    if (s.Find(address) == nullptr && s.data_sources.count(address) == 0) {
      return Error("Check failed", fmt::format("Not found: {} in state", address));
    }
    return {};
  };
}

StateCheck CheckResourceAbsent(std::string address) {
  return [=](const State& s) -> Status {
    if (s.Find(address) != nullptr || s.data_sources.count(address) != 0) {
      return Error("Check failed", fmt::format("{} still exists in state", address));
    }
    return {};
  };
}

TestResult RunTestCase(const TestCase& tc) {
  TestResult result;
  Terraform tf(tc.core);
  std::optional<nlohmann::json> last_good_config;
  std::optional<nlohmann::json> last_config;  // destroy falls back to it when no step succeeded
  const std::size_t n = tc.steps.size();
  auto fail = [&](std::size_t i, const std::string& msg) {
    result.ok = false;
    result.failure = fmt::format("Step {}/{} error: {}", i + 1, n, msg);
  };
  auto collect_warnings = [&](const TfDiagnostics& d) {
    for (const auto& w : d.Warnings()) {
      result.warnings.push_back(w);
    }
  };
  for (std::size_t i = 0; i < n && result.ok; ++i) {
    const TestStep& step = tc.steps[i];
    if (step.pre_config) {
      if (Status st = step.pre_config(); !st) {
        fail(i, "PreConfig: " + st.ErrorString());
        break;
      }
    }
    if (step.import_state) {
      const nlohmann::json cfg = step.config ? *step.config : last_good_config.value_or(nlohmann::json::object());
      std::string id = step.import_state_id;
      if (id.empty()) {
        auto v = tf.state().Attr(step.resource_name, Path::Root("id"));
        if (!v || !v->IsKnownNonNull() || v->type().kind() != tfv::Type::Kind::kString) {
          fail(i, fmt::format("no import_state_id and {} has no string id in the state", step.resource_name));
          break;
        }
        id = v->AsString();
      }
      auto imported = tf.Import(cfg, step.resource_name, id);
      collect_warnings(imported.diags);
      if (imported.diags.HasError()) {
        if (step.expect_error.empty()) {
          fail(i, imported.diags.ToString());
        } else if (std::string m = MatchError(imported.diags, step.expect_error, step.expect_error_attribute);
                   !m.empty()) {
          fail(i, m);
        }
        continue;
      }
      if (!step.expect_error.empty()) {
        fail(i, "expected an error but got none");
        break;
      }
      if (std::string w = CheckWarnings(imported.diags, step.expect_warnings); !w.empty()) {
        fail(i, w);
        break;
      }
      State imported_state;
      imported_state.resources[step.resource_name] = *imported.value;
      for (const auto& check : step.checks) {
        if (Status st = check(imported_state); !st) {
          fail(i, "Check failed: " + st.ErrorString());
          break;
        }
      }
      if (step.import_state_verify && result.ok) {
        const ResourceState* current = tf.state().Find(step.resource_name);
        if (current == nullptr) {
          fail(i, fmt::format("ImportStateVerify: {} is not in the state", step.resource_name));
          break;
        }
        std::string diff;
        for (const auto& [name, t] : current->value.type().AttributeTypes()) {
          if (std::find(step.import_state_verify_ignore.begin(), step.import_state_verify_ignore.end(), name) !=
              step.import_state_verify_ignore.end()) {
            continue;
          }
          Value want = current->value.GetAttr(name);
          Value got = imported.value->value.GetAttr(name);
          if (!want.RawEquals(got)) {
            diff += fmt::format("\n  - {}: {}\n  + {}: {}", name, GoString(want), name, GoString(got));
          }
        }
        if (!diff.empty()) {
          fail(i, "ImportStateVerify attributes not equivalent. Difference is shown below. The - symbol "
                  "indicates attributes missing after import.\n" + diff);
        }
      }
      continue;
    }
    if (!step.config) {
      fail(i, "the step has neither config nor import_state");
      break;
    }
    const nlohmann::json& cfg = *step.config;
    last_config = cfg;
    PlanResult plan;
    TfDiagnostics diags;
    if (step.plan_only) {
      plan = tf.Plan(cfg, step.deferred);
      diags = plan.diags;
    } else {
      ApplyResult applied = tf.Apply(cfg, step.deferred);
      plan = applied.plan;
      diags = applied.diags;
    }
    collect_warnings(diags);
    if (diags.HasError()) {
      if (step.expect_error.empty()) {
        fail(i, diags.ToString());
        break;
      }
      if (std::string m = MatchError(diags, step.expect_error, step.expect_error_attribute); !m.empty()) {
        fail(i, m);
        break;
      }
      if (std::string w = CheckWarnings(diags, step.expect_warnings); !w.empty()) {
        fail(i, w);
      }
      continue;
    }
    if (!step.expect_error.empty()) {
      fail(i, "expected an error but got none");
      break;
    }
    if (!step.plan_only) {
      last_good_config = cfg;
    }
    for (const auto& [addr, want] : step.expect_actions) {
      const PlannedChange* c = plan.Change(addr);
      const Action got = c == nullptr ? Action::kNoOp : c->action;
      if (c == nullptr && want != Action::kNoOp) {
        fail(i, fmt::format("expected {} for {}, but the plan has no change for it:\n{}", ActionName(want), addr,
                            plan.Render()));
        break;
      }
      if (got != want) {
        fail(i, fmt::format("expected {} for {}, got {}:\n{}", ActionName(want), addr, ActionName(got),
                            plan.Render()));
        break;
      }
    }
    if (!result.ok) {
      break;
    }
    if (std::string w = CheckWarnings(diags, step.expect_warnings); !w.empty()) {
      fail(i, w);
      break;
    }
    for (const auto& check : step.checks) {
      if (Status st = check(tf.state()); !st) {
        fail(i, "Check failed: " + st.ErrorString());
        break;
      }
    }
    if (!result.ok) {
      break;
    }
    if (step.plan_only) {
      if (!plan.Empty() && !step.expect_non_empty_plan) {
        fail(i, "After applying this test step, the plan was not empty.\nplan:\n\n" + plan.Render());
      } else if (plan.Empty() && step.expect_non_empty_plan) {
        fail(i, "Expected a non-empty plan, but got an empty plan");
      }
      continue;
    }
    PlanResult again = tf.Plan(cfg, step.deferred, true);
    collect_warnings(again.diags);
    if (again.diags.HasError()) {
      fail(i, "Error running post-apply plan: " + again.diags.ToString());
      break;
    }
    if (!again.Empty() && !step.expect_non_empty_plan) {
      fail(i, "After applying this test step, the plan was not empty.\nplan:\n\n" + again.Render());
      break;
    }
    if (again.Empty() && step.expect_non_empty_plan) {
      fail(i, "Expected a non-empty plan, but got an empty plan");
      break;
    }
    TfDiagnostics refreshed = tf.Refresh(cfg);
    collect_warnings(refreshed);
    if (refreshed.HasError()) {
      fail(i, "Error running post-apply refresh: " + refreshed.ToString());
      break;
    }
    PlanResult after_refresh = tf.Plan(cfg, step.deferred, true);
    collect_warnings(after_refresh.diags);
    if (after_refresh.diags.HasError()) {
      fail(i, "Error running post-apply plan: " + after_refresh.diags.ToString());
      break;
    }
    if (!after_refresh.Empty() && !step.expect_non_empty_plan) {
      fail(i, "After applying this test step and performing a `terraform refresh`, the plan was not "
              "empty.\nplan:\n\n" + after_refresh.Render());
      break;
    }
  }
  result.final_state = tf.state();
  if (!tc.skip_destroy && (!tf.state().resources.empty() || last_good_config)) {
    ApplyResult destroyed =
        tf.Destroy(last_good_config.value_or(last_config.value_or(nlohmann::json::object())));
    collect_warnings(destroyed.diags);
    if (destroyed.diags.HasError()) {
      std::string msg = "Error running post-test destroy, there may be dangling resources: " +
                        destroyed.diags.ToString();
      result.failure = result.ok ? msg : result.failure + "\n\n" + msg;
      result.ok = false;
    } else if (tc.check_destroy) {
      if (Status st = tc.check_destroy(tf.state()); !st) {
        std::string msg = "Check destroy failed: " + st.ErrorString();
        result.failure = result.ok ? msg : result.failure + "\n\n" + msg;
        result.ok = false;
      }
    }
  }
  TfDiagnostics stopped = tf.core().StopAll();
  if (stopped.HasError()) {
    result.failure += (result.failure.empty() ? "" : "\n\n") + stopped.ToString();
    result.ok = false;
  }
  result.launched_phases = tf.core().launched_phases();
  result.provider_logs = tf.core().ProviderLogs();
  return result;
}

void Test(const TestCase& test_case) {
  TestResult r = RunTestCase(test_case);
  if (!r.ok) {
    ADD_FAILURE() << r.failure << "\n\n" << r.provider_logs;
  }
}

}  // namespace atlas::tests::acceptance
