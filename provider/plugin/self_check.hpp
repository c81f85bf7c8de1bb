#pragma once
// -selfcheck: starts the plugin server in this process exactly as Terraform would have it (AutoMTLS
// with a freshly generated client certificate), dials it over mTLS and checks: the server
// certificate's shape, the health service ("plugin" SERVING), that GetProviderSchema answers, that
// a client without a certificate is refused, and that GRPCController.Shutdown stops the server and
// removes the socket. Prints one line per check to `out` and returns the process exit status (0
// when every check passed).
//
// Thread-safety: call from one thread; `provider_service` must outlive the call.

#include <cstdio>

#include <grpcpp/grpcpp.h>

#include "provider/log/logger.hpp"
#include "provider/plugin/serve_options.hpp"

namespace atlas::provider::plugin {

int RunSelfCheck(const ServeOptions& base_options, grpc::Service* provider_service,
                 const log::Logger& logger, std::FILE* out);

}  // namespace atlas::provider::plugin
