#include "tests/acceptance/tf_diagnostic.hpp"

#include <fmt/format.h>

namespace atlas::tests::acceptance {

namespace tfv = ::atlas::provider::tfvalue;

std::string TfDiagnostic::ToString() const {
  std::string out = fmt::format("{}: {}", IsError() ? "Error" : "Warning", summary);
  if (!address.empty() || attribute) {
    out += "\n\n  with " + (address.empty() ? std::string("<provider>") : address);
    if (attribute && !attribute->empty()) {
      out += ", attribute " + attribute->ToString();
    }
  }
  if (!detail.empty()) {
    out += "\n\n" + detail;
  }
  return out;
}

void TfDiagnostics::AddError(std::string summary, std::string detail, std::string address) {
  TfDiagnostic d;
  d.severity = DiagSeverity::kError;
  d.summary = std::move(summary);
  d.detail = std::move(detail);
  d.address = std::move(address);
  d.origin = DiagOrigin::kCore;
  items_.push_back(std::move(d));
}

bool TfDiagnostics::HasError() const {
  for (const auto& d : items_) {
    if (d.IsError()) {
      return true;
    }
  }
  return false;
}

std::vector<TfDiagnostic> TfDiagnostics::Errors() const {
  std::vector<TfDiagnostic> out;
  for (const auto& d : items_) {
    if (d.IsError()) {
      out.push_back(d);
    }
  }
  return out;
}

std::vector<TfDiagnostic> TfDiagnostics::Warnings() const {
  std::vector<TfDiagnostic> out;
  for (const auto& d : items_) {
    if (!d.IsError()) {
      out.push_back(d);
    }
  }
  return out;
}

std::string TfDiagnostics::ToString() const {
  std::string out;
  for (const auto& d : items_) {
    if (!out.empty()) {
      out += "\n\n";
    }
    out += d.ToString();
  }
  return out;
}

tfv::Path FromProto(const tfplugin6::AttributePath& path) {
  std::vector<tfv::PathStep> steps;
  for (const auto& s : path.steps()) {
    switch (s.selector_case()) {
      case tfplugin6::AttributePath::Step::kAttributeName:
        steps.push_back(tfv::PathStep::Attribute(s.attribute_name()));
        break;
      case tfplugin6::AttributePath::Step::kElementKeyString:
        steps.push_back(tfv::PathStep::Key(s.element_key_string()));
        break;
      case tfplugin6::AttributePath::Step::kElementKeyInt:
        steps.push_back(tfv::PathStep::Index(s.element_key_int()));
        break;
      default:
        break;
    }
  }
  return tfv::Path(std::move(steps));
}

tfplugin6::AttributePath ToProto(const tfv::Path& path) {
  tfplugin6::AttributePath out;
  for (const auto& s : path.steps()) {
    auto* step = out.add_steps();
    switch (s.kind) {
      case tfv::PathStep::Kind::kAttribute:
        step->set_attribute_name(s.name);
        break;
      case tfv::PathStep::Kind::kKey:
        step->set_element_key_string(s.name);
        break;
      case tfv::PathStep::Kind::kIndex:
        step->set_element_key_int(s.index);
        break;
    }
  }
  return out;
}

TfDiagnostics FromProto(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& diags,
                        std::string_view address) {
  TfDiagnostics out;
  for (const auto& d : diags) {
    TfDiagnostic td;
    td.origin = DiagOrigin::kProvider;
    td.address = std::string(address);
    td.summary = d.summary();
    td.detail = d.detail();
    if (d.has_attribute()) {
      td.attribute = FromProto(d.attribute());
    }
    switch (d.severity()) {
      case tfplugin6::Diagnostic::ERROR:
        td.severity = DiagSeverity::kError;
        break;
      case tfplugin6::Diagnostic::WARNING:
        td.severity = DiagSeverity::kWarning;
        break;
      default:
        out.AddError("Provider returned an invalid diagnostic",
                     fmt::format("The provider returned a diagnostic with severity INVALID (0): {}: {}. "
                                 "Use ERROR (1) or WARNING (2).",
                                 d.summary(), d.detail()),
                     std::string(address));
        td.severity = DiagSeverity::kError;
        break;
    }
    out.Add(std::move(td));
  }
  return out;
}

TfDiagnostic GrpcErrorDiagnostic(const grpc::Status& status, std::string_view method,
                                 std::string_view address) {
  TfDiagnostic d;
  d.origin = DiagOrigin::kCore;
  d.address = std::string(address);
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      d.summary = "Plugin did not respond";
      d.detail = fmt::format(
          "The plugin encountered an error, and failed to respond to the plugin6.(*GRPCProvider).{} "
          "call. The plugin logs may contain more details.",
          method);
      break;
    case grpc::StatusCode::CANCELLED:
      d.summary = "Request cancelled";
      d.detail = fmt::format("The {} request was cancelled.", method);
      break;
    case grpc::StatusCode::UNIMPLEMENTED:
      d.summary = "Unsupported plugin method";
      d.detail = fmt::format("The {} method is not supported by this plugin.", method);
      break;
    default:
      d.summary = "Plugin error";
      d.detail = fmt::format("The plugin returned an unexpected error from plugin6.(*GRPCProvider).{}: "
                             "rpc error: code = {} desc = {}",
                             method, static_cast<int>(status.error_code()), status.error_message());
      break;
  }
  return d;
}

TfDiagnostics FromEngine(const engine::base::Diagnostics& diags, std::string_view address) {
  TfDiagnostics out;
  for (const auto& d : diags) {
    TfDiagnostic td;
    td.severity = d.severity == engine::base::Severity::kError ? DiagSeverity::kError
                                                               : DiagSeverity::kWarning;
    td.summary = d.summary;
    td.detail = d.detail;
    td.address = std::string(address);
    td.origin = DiagOrigin::kCore;
    out.Add(std::move(td));
  }
  return out;
}

}  // namespace atlas::tests::acceptance
