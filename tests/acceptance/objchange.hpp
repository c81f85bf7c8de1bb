#pragma once
// Terraform core's object-change rules (internal/plans/objchange), re-implemented for the harness:
//  - ProposedNew: the proposed_new_state core sends to PlanResourceChange (merge of prior computed
//    values and config), and PlannedDataResourceObject for data sources;
//  - AssertPlanValid: "Provider produced invalid plan" checks;
//  - AssertObjectCompatible: planned vs. actual ("inconsistent result after apply" and
//    "inconsistent final plan" checks);
// plus the cty renderings core puts into those messages (%#v GoString, FormatCtyPath).
// Pure functions over immutable values; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provider/tfvalue/path.hpp"
#include "provider/tfvalue/type.hpp"
#include "provider/tfvalue/value.hpp"
#include "tests/acceptance/schema.hpp"

namespace atlas::tests::acceptance {

// A problem at a path inside a value (cty.PathError).
struct PathError {
  tfv::Path path;
  std::string message;
  // tfdiags.FormatError: ".a[0]: message", or just the message for the root.
  std::string Format() const;
  // tfdiags.FormatErrorPrefixed: "atlas_schema.test.a[0]: message" / "atlas_schema.test: message".
  std::string FormatPrefixed(std::string_view prefix) const;
};

// cty's %#v rendering: cty.StringVal("a"), cty.NullVal(cty.String), cty.UnknownVal(cty.Number),
// cty.ListVal([]cty.Value{...}), cty.ObjectVal(map[string]cty.Value{...}), ...
std::string GoString(const tfv::Value& value);
std::string GoString(const tfv::Type& type);
// tfdiags.FormatCtyPath: .name[0]["key"]
std::string FormatCtyPath(const tfv::Path& path);
// Go strconv.Quote.
std::string GoQuote(std::string_view s);

tfv::Value ProposedNew(const BlockSchema& schema, const tfv::Value& prior, const tfv::Value& config);
// Config values with every computed attribute that config leaves null turned unknown.
tfv::Value PlannedDataResourceObject(const BlockSchema& schema, const tfv::Value& config);

std::vector<PathError> AssertPlanValid(const BlockSchema& schema, const tfv::Value& prior,
                                       const tfv::Value& config, const tfv::Value& planned);
std::vector<PathError> AssertObjectCompatible(const BlockSchema& schema, const tfv::Value& planned,
                                              const tfv::Value& actual);

// hcl.ApplyPath: the value at `path`, or nullopt when a step does not apply (missing attribute or
// key, index out of range, traversal through null). Through unknown: unknown of the step's type.
std::optional<tfv::Value> ApplyPath(const tfv::Value& value, const tfv::Path& path);
// cty Equals(a, b) is known and true (unknowns anywhere make it unknown, hence false).
bool KnownEqual(const tfv::Value& a, const tfv::Value& b);

}  // namespace atlas::tests::acceptance
