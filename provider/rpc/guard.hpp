#pragma once
// Internal helpers shared by the rpc handler files: the exception guard every handler runs in,
// and type lookups that report unknown type names as diagnostics.
// Stateless; thread-safe.

#include <exception>
#include <string>
#include <string_view>

#include <grpcpp/grpcpp.h>

#include "provider/framework/diagnostics.hpp"
#include "provider/framework/server.hpp"
#include "provider/log/logger.hpp"
#include "provider/rpc/convert.hpp"

namespace atlas::provider::rpc::detail {

inline framework::Diagnostic InternalError(std::string_view rpc, std::string_view what) {
  return framework::Diagnostic::Error(
      "Internal error", "The provider failed while handling " + std::string(rpc) + ": " +
                            std::string(what) +
                            "\n\nThis is a bug in the provider; please report it.");
}

// Runs `fn`. Any exception clears `response` and answers one "Internal error" diagnostic; the
// gRPC status is always OK (Terraform shows diagnostics, but only "Plugin error" for statuses).
template <class Response, class Fn>
grpc::Status Guarded(const log::Logger& logger, std::string_view rpc, Response* response, Fn&& fn) {
  logger.Trace("handling RPC", {{"rpc", std::string(rpc)}});
  std::string failure;
  try {
    fn();
    return grpc::Status::OK;
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "unknown exception";
  }
  logger.Error("RPC failed with an internal error",
               {{"rpc", std::string(rpc)}, {"error", failure}});
  response->Clear();
  ToProto(InternalError(rpc, failure), response->add_diagnostics());
  return grpc::Status::OK;
}

inline const framework::Resource* LookupResource(const framework::ProviderServer& server,
                                                 const std::string& type_name,
                                                 framework::Diagnostics& diags) {
  const auto* r = server.FindResource(type_name);
  if (r == nullptr) {
    diags.AddError(
        "Unknown resource type",
        "The provider does not serve a managed resource type named \"" + type_name + "\".");
  }
  return r;
}

inline const framework::DataSource* LookupDataSource(const framework::ProviderServer& server,
                                                     const std::string& type_name,
                                                     framework::Diagnostics& diags) {
  const auto* d = server.FindDataSource(type_name);
  if (d == nullptr) {
    diags.AddError("Unknown data source type",
                   "The provider does not serve a data source type named \"" + type_name + "\".");
  }
  return d;
}

}  // namespace atlas::provider::rpc::detail
