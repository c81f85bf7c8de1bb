#pragma once
// Diagnostics as Terraform core shows them: errors and warnings from the provider (converted from
// tfplugin6.Diagnostic, attribute path included) and from core's own checks (the harness playing
// core: "Provider produced invalid plan", gRPC failures as "Plugin did not respond", ...).
// Plain values; thread-compatible.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "engine/base/diagnostic.hpp"
#include "provider/tfvalue/path.hpp"
#include "tfplugin6/tfplugin6.pb.h"

namespace atlas::tests::acceptance {

enum class DiagSeverity { kError, kWarning };
enum class DiagOrigin { kProvider, kCore };

struct TfDiagnostic {
  DiagSeverity severity = DiagSeverity::kError;
  std::string summary;
  std::string detail;
  std::optional<provider::tfvalue::Path> attribute;
  std::string address;  // resource address the operation was about, if any
  DiagOrigin origin = DiagOrigin::kCore;

  bool IsError() const { return severity == DiagSeverity::kError; }
  // Terraform CLI-like rendering: "Error: <summary>\n\n  with <address>[, on attribute <path>]\n\n<detail>".
  std::string ToString() const;
};

class TfDiagnostics {
 public:
  TfDiagnostics() = default;
  void Add(TfDiagnostic d) { items_.push_back(std::move(d)); }
  void Append(const TfDiagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }
  void AddError(std::string summary, std::string detail, std::string address = {});
  bool HasError() const;
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<TfDiagnostic>& items() const { return items_; }
  std::vector<TfDiagnostic> Errors() const;
  std::vector<TfDiagnostic> Warnings() const;
  // Every diagnostic rendered, separated by blank lines.
  std::string ToString() const;
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  std::vector<TfDiagnostic> items_;
};

// The value of an operation plus everything it reported. ok() = a value and no error.
template <class T>
struct Outcome {
  std::optional<T> value;
  TfDiagnostics diags;
  bool ok() const { return value.has_value() && !diags.HasError(); }
};

// tfplugin6 -> harness. A diagnostic with severity INVALID becomes a core error naming the bug.
TfDiagnostics FromProto(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& diags,
                        std::string_view address);
provider::tfvalue::Path FromProto(const tfplugin6::AttributePath& path);
tfplugin6::AttributePath ToProto(const provider::tfvalue::Path& path);

// A failed gRPC call as core reports it (internal/plugin6/grpc_error.go): "Plugin did not respond",
// "Request cancelled", "Unsupported plugin method", or "Plugin error".
TfDiagnostic GrpcErrorDiagnostic(const grpc::Status& status, std::string_view method,
                                 std::string_view address = {});

// engine Diagnostics (harness-internal failures) as core errors.
TfDiagnostics FromEngine(const engine::base::Diagnostics& diags, std::string_view address = {});

}  // namespace atlas::tests::acceptance
