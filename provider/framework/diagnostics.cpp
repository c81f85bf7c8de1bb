#include "provider/framework/diagnostics.hpp"

#include <algorithm>
#include <utility>

namespace atlas::provider::framework {

Diagnostic Diagnostic::Error(std::string summary, std::string detail,
                             std::optional<AttributePath> attribute) {
  return Diagnostic{Severity::kError, std::move(summary), std::move(detail), std::move(attribute)};
}

Diagnostic Diagnostic::Warning(std::string summary, std::string detail,
                               std::optional<AttributePath> attribute) {
  return Diagnostic{Severity::kWarning, std::move(summary), std::move(detail),
                    std::move(attribute)};
}

std::string Diagnostic::ToString() const {
  std::string out = severity == Severity::kError ? "error: " : "warning: ";
  out += summary;
  if (!detail.empty()) {
    out += ": " + detail;
  }
  if (attribute && !attribute->empty()) {
    out += " (at " + attribute->ToString() + ")";
  }
  return out;
}

Diagnostic FromEngine(const engine::base::Diagnostic& d, std::optional<AttributePath> attribute) {
  Diagnostic out;
  out.severity =
      d.severity == engine::base::Severity::kError ? Severity::kError : Severity::kWarning;
  out.summary = d.summary;
  out.detail = d.detail;
  auto paragraph = [&out](const std::string& text) {
    if (!out.detail.empty()) {
      out.detail += "\n\n";
    }
    out.detail += text;
  };
  if (d.source) {
    paragraph("Location: " + d.source->ToString());
  }
  if (d.statement) {
    paragraph("Statement: " + *d.statement);
  }
  if (!d.code.empty()) {
    paragraph("Code: " + d.code);
  }
  out.attribute = std::move(attribute);
  return out;
}

void Diagnostics::Add(Diagnostic d) {
  if (std::find(items_.begin(), items_.end(), d) != items_.end()) {
    return;
  }
  items_.push_back(std::move(d));
}

void Diagnostics::AddError(std::string summary, std::string detail) {
  Add(Diagnostic::Error(std::move(summary), std::move(detail)));
}

void Diagnostics::AddWarning(std::string summary, std::string detail) {
  Add(Diagnostic::Warning(std::move(summary), std::move(detail)));
}

void Diagnostics::AddAttributeError(AttributePath path, std::string summary, std::string detail) {
  Add(Diagnostic::Error(std::move(summary), std::move(detail), std::move(path)));
}

void Diagnostics::AddAttributeWarning(AttributePath path, std::string summary, std::string detail) {
  Add(Diagnostic::Warning(std::move(summary), std::move(detail), std::move(path)));
}

void Diagnostics::Append(const Diagnostics& other) {
  for (const auto& d : other.items_) {
    Add(d);
  }
}

void Diagnostics::Append(const engine::base::Diagnostics& other,
                         std::optional<AttributePath> attribute) {
  for (const auto& d : other) {
    Add(FromEngine(d, attribute));
  }
}

bool Diagnostics::HasError() const {
  return ErrorCount() > 0;
}

size_t Diagnostics::ErrorCount() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kError;
  }));
}

size_t Diagnostics::WarningCount() const {
  return items_.size() - ErrorCount();
}

std::string Diagnostics::ToString() const {
  std::string out;
  for (const auto& d : items_) {
    if (!out.empty()) {
      out += "\n";
    }
    out += d.ToString();
  }
  return out;
}

}  // namespace atlas::provider::framework
