#include "provider/plugin/go_plugin_services.hpp"

#include <chrono>
#include <utility>

namespace atlas::provider::plugin {
namespace {

// How often an idle StreamStdio checks whether its client went away. Shutdown wakes it immediately.
constexpr std::chrono::milliseconds kStdioCancelPoll{500};

}  // namespace

ControllerService::ControllerService(ShutdownSignal& shutdown, log::Logger logger)
    : shutdown_(shutdown), logger_(std::move(logger)) {}

grpc::Status ControllerService::Shutdown(grpc::ServerContext* /*context*/,
                                         const ::plugin::Empty* /*request*/,
                                         ::plugin::Empty* /*response*/) {
  logger_.Debug("received GRPCController.Shutdown");
  shutdown_.Request("GRPCController.Shutdown");
  return grpc::Status::OK;
}

StdioService::StdioService(const ShutdownSignal& shutdown) : shutdown_(shutdown) {}

grpc::Status StdioService::StreamStdio(grpc::ServerContext* context,
                                       const google::protobuf::Empty* /*request*/,
                                       grpc::ServerWriter<::plugin::StdioData>* /*writer*/) {
  while (!shutdown_.WaitFor(kStdioCancelPoll)) {
    if (context->IsCancelled()) {
      break;
    }
  }
  return grpc::Status::OK;
}

}  // namespace atlas::provider::plugin
