#pragma once
// Diagnostic / Diagnostics: expected failures and warnings carried as values.
// The engine never mentions Terraform attributes; the provider adds attribute paths at its boundary.
// Plain values; thread-compatible.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/source_range.hpp"

namespace atlas::engine::base {

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string summary;  // a title: "Invalid column type"
  std::string detail;   // what, where, how to fix
  std::string code;     // lint code such as "DS102", else empty
  std::optional<SourceRange> source;
  std::optional<std::string> statement;  // the failing SQL statement, if any

  static Diagnostic Error(std::string summary, std::string detail = {}) {
    Diagnostic d;
    d.severity = Severity::kError;
    d.summary = std::move(summary);
    d.detail = std::move(detail);
    return d;
  }
  static Diagnostic Warning(std::string summary, std::string detail = {}) {
    Diagnostic d = Error(std::move(summary), std::move(detail));
    d.severity = Severity::kWarning;
    return d;
  }
  // One line for CLI output: "file:1:2: summary: detail".
  std::string ToString() const {
    std::string out;
    if (source) {
      out += source->ToString() + ": ";
    }
    out += summary;
    if (!detail.empty()) {
      out += ": " + detail;
    }
    if (statement) {
      out += "\n  statement: " + *statement;
    }
    return out;
  }
};

class Diagnostics {
 public:
  Diagnostics() = default;
  Diagnostics(Diagnostic d) { Add(std::move(d)); }  // NOLINT(google-explicit-constructor): Result ergonomics

  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }
  void AddError(std::string summary, std::string detail = {}) {
    Add(Diagnostic::Error(std::move(summary), std::move(detail)));
  }
  void AddWarning(std::string summary, std::string detail = {}) {
    Add(Diagnostic::Warning(std::move(summary), std::move(detail)));
  }
  bool HasError() const {
    for (const auto& d : items_) {
      if (d.severity == Severity::kError) {
        return true;
      }
    }
    return false;
  }
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  // All messages joined by newlines.
  std::string ToString() const {
    std::string out;
    for (const auto& d : items_) {
      if (!out.empty()) {
        out += "\n";
      }
      out += d.ToString();
    }
    return out;
  }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace atlas::engine::base
