#pragma once
// Serve: the whole life of a provider process launched by Terraform (or by a human with -debug).
//
// Normal mode (docs/terraform-plugin-protocol.md §1.10): check TF_PLUGIN_MAGIC_COOKIE (missing or
// wrong => a short explanation on stderr, exit status 1, nothing on stdout), ignore SIGINT,
// negotiate protocol 6 from PLUGIN_PROTOCOL_VERSIONS, start the PluginServer (AutoMTLS when
// PLUGIN_CLIENT_CERT is set), print the handshake line on stdout and flush, then serve until the
// ShutdownSignal is raised (GRPCController.Shutdown, SIGTERM, or the provider itself). Then stop,
// remove the socket and return 0.
//
// Debug mode: no cookie, plaintext, prints TF_REATTACH_PROVIDERS='...' on stdout (instructions on
// stderr) and serves until SIGINT or SIGTERM.
//
// Signals: call BlockTerminationSignals() first thing in main, before any thread exists, so that
// SIGTERM/SIGINT reach only Serve's signal-watching thread (sigwait). Serve calls it again for the
// current thread.
//
// Thread-safety: call once, from main's thread.

#include <cstdio>

#include <grpcpp/grpcpp.h>

#include "provider/log/logger.hpp"
#include "provider/plugin/serve_options.hpp"
#include "provider/plugin/shutdown_signal.hpp"

namespace atlas::provider::plugin {

// Blocks SIGTERM and SIGINT in the calling thread (and so in every thread it creates later).
void BlockTerminationSignals();

// The text printed when the binary is run by hand without the magic cookie.
std::string NotLaunchedByTerraformMessage();

// Returns the process exit status. `provider_service` (tfplugin6.Provider) and `shutdown` must
// outlive the call; the provider may raise `shutdown` to end the process. `out`/`err` default to
// the process's stdout/stderr.
int Serve(const ServeOptions& options, grpc::Service* provider_service, const log::Logger& logger,
          ShutdownSignal& shutdown, std::FILE* out = stdout, std::FILE* err = stderr);

}  // namespace atlas::provider::plugin
