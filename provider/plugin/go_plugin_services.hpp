#pragma once
// go-plugin's own gRPC services that a plugin registers next to tfplugin6.Provider
// (docs/terraform-plugin-protocol.md §1.5):
//  - plugin.GRPCController/Shutdown: replies at once and raises the ShutdownSignal; the serving
//  thread stops the
//    server (calling grpc::Server::Shutdown inside the handler would wait on itself).
//  - plugin.GRPCStdio/StreamStdio: we forward nothing, so the stream stays open, silent, until
//  shutdown or until
//    the client goes away.
//
// Thread-safe: handlers run on gRPC's thread pool; the only shared state is the ShutdownSignal.

#include "provider/log/logger.hpp"
#include "provider/plugin/shutdown_signal.hpp"

#include "plugin/grpc_controller.grpc.pb.h"
#include "plugin/grpc_stdio.grpc.pb.h"

namespace atlas::provider::plugin {

class ControllerService final : public ::plugin::GRPCController::Service {
 public:
  ControllerService(ShutdownSignal& shutdown, log::Logger logger);

  grpc::Status Shutdown(grpc::ServerContext* context, const ::plugin::Empty* request,
                        ::plugin::Empty* response) override;

 private:
  ShutdownSignal& shutdown_;
  log::Logger logger_;
};

class StdioService final : public ::plugin::GRPCStdio::Service {
 public:
  explicit StdioService(const ShutdownSignal& shutdown);

  grpc::Status StreamStdio(grpc::ServerContext* context, const google::protobuf::Empty* request,
                           grpc::ServerWriter<::plugin::StdioData>* writer) override;

 private:
  const ShutdownSignal& shutdown_;
};

}  // namespace atlas::provider::plugin
