#pragma once
// Attribute validators: small reusable objects attached to schema attributes (as
// terraform-plugin-framework-validators). The server runs them on ValidateResourceConfig /
// ValidateDataResourceConfig / ValidateProviderConfig for every attribute whose config value is
// known and non-null (unknowns and nulls are skipped), then calls the type's own ValidateConfig.
// Implementations are immutable and thread-safe.

#include <memory>
#include <string>
#include <vector>

#include "provider/framework/diagnostics.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::framework {

class Validator {
 public:
  virtual ~Validator() = default;
  // Human text used in docs ("value must be one of: ...").
  virtual std::string Description() const = 0;
  // `value` is known and non-null; report problems with `path`.
  virtual void Validate(const AttributePath& path, const tfvalue::Value& value,
                        Diagnostics& diags) const = 0;
};

using ValidatorPtr = std::shared_ptr<const Validator>;

// String is one of `values` (case-sensitive). Error "Invalid Attribute Value Match",
// `Attribute tx_mode value must be one of: ["file" "all" "none"], got: "x"`.
ValidatorPtr StringOneOf(std::vector<std::string> values);
// String has at least `min` bytes. Error "Invalid Attribute Value Length",
// `Attribute hcl string length must be at least 1, got: 0`.
ValidatorPtr StringLengthAtLeast(size_t min);
// String matches the ECMAScript regular expression `pattern` (whole string when anchored).
// Error "Invalid Attribute Value Match", `Attribute <path> <message>, got: <value>`; `message`
// defaults to "value must match regular expression '<pattern>'".
ValidatorPtr StringMatchesRegex(std::string pattern, std::string message = {});
// String parses as a Go time.Duration ("30s", "2h45m", "1.5h"). Error "Invalid Attribute Value
// Format".
ValidatorPtr StringIsDuration();

// Go time.ParseDuration syntax check, exposed for resources that read timeouts.
// Returns the duration in nanoseconds, or nullopt when invalid (or out of int64 range).
std::optional<int64_t> ParseGoDuration(std::string_view text);

}  // namespace atlas::provider::framework
