#pragma once
// Diagnostics as Terraform shows them: severity, summary (a title), detail (what, where, how to
// fix) and an optional attribute path that makes Terraform underline the offending expression.
// Converts from the engine's Diagnostic (which knows no attributes: the provider attaches paths at
// its boundary). Mirrors terraform-plugin-framework's diag package: Append de-duplicates.
// Plain values; thread-compatible.

#include <optional>
#include <string>
#include <vector>

#include "engine/base/diagnostic.hpp"
#include "provider/tfvalue/path.hpp"

namespace atlas::provider::framework {

// Terraform AttributePath: steps of attribute name / list index / map key.
using AttributePath = tfvalue::Path;

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string summary;
  std::string detail;
  std::optional<AttributePath> attribute;

  static Diagnostic Error(std::string summary, std::string detail = {},
                          std::optional<AttributePath> attribute = std::nullopt);
  static Diagnostic Warning(std::string summary, std::string detail = {},
                            std::optional<AttributePath> attribute = std::nullopt);

  // "error: summary: detail (at path)" for logs and test failure messages.
  std::string ToString() const;
  bool operator==(const Diagnostic&) const = default;
};

// Engine diagnostic -> provider diagnostic. Summary is kept; the detail gets the source location
// ("Location: file:line:col"), the failing statement ("Statement: ...") and the lint code
// ("Code: DS102") appended as separate paragraphs when present.
Diagnostic FromEngine(const engine::base::Diagnostic& d,
                      std::optional<AttributePath> attribute = std::nullopt);

class Diagnostics {
 public:
  Diagnostics() = default;

  // Adds `d` unless an equal diagnostic is already present.
  void Add(Diagnostic d);
  void AddError(std::string summary, std::string detail = {});
  void AddWarning(std::string summary, std::string detail = {});
  void AddAttributeError(AttributePath path, std::string summary, std::string detail = {});
  void AddAttributeWarning(AttributePath path, std::string summary, std::string detail = {});
  void Append(const Diagnostics& other);
  // Engine diagnostics, all attached to `attribute` when given.
  void Append(const engine::base::Diagnostics& other,
              std::optional<AttributePath> attribute = std::nullopt);

  bool HasError() const;
  size_t ErrorCount() const;
  size_t WarningCount() const;
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  // All diagnostics, one ToString() per line.
  std::string ToString() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace atlas::provider::framework
