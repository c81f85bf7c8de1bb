#pragma once
// PluginServer: the gRPC server a go-plugin host talks to.
//
// Start() picks the listener (unix socket "plugin<digits>" in PLUGIN_UNIX_SOCKET_DIR, else $TMPDIR
// if the path fits in sun_path, else /tmp; or TCP 127.0.0.1 on the first free port in
// [PLUGIN_MIN_PORT, PLUGIN_MAX_PORT]), generates the AutoMTLS certificate when TLS is on, registers
// tfplugin6.Provider (given), grpc.health.v1.Health
// ("plugin" = SERVING), plugin.GRPCController and plugin.GRPCStdio with 256 MiB message limits, and
// starts serving. Printing the handshake line is the caller's job (see serve.hpp); the server is
// fully started before Start returns, so the line may be printed right away.
//
// TLS is on when options.mode is kNormal and options.client_cert_pem is non-empty: the server then
// requires and verifies a client certificate chaining to exactly that PEM.
//
// Thread-safety: Start/Stop/destructor from one owning thread; the accessors are const and safe
// anywhere. Handlers run on gRPC's pool; `provider` and `shutdown` must outlive the server.

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "engine/base/result.hpp"
#include "provider/log/logger.hpp"
#include "provider/plugin/go_plugin_services.hpp"
#include "provider/plugin/serve_options.hpp"
#include "provider/plugin/shutdown_signal.hpp"

namespace atlas::provider::plugin {

inline constexpr int kMaxMessageBytes = 256 * 1024 * 1024;
// Longest unix socket path (sun_path is 108 bytes including the terminating NUL).
inline constexpr size_t kMaxUnixPathBytes = 107;

// Chooses a fresh socket path: "<dir>/plugin<digits>" that does not exist yet.
engine::base::Result<std::string> PickUnixSocketPath(const ServeOptions& options);

class PluginServer {
 public:
  static engine::base::Result<std::unique_ptr<PluginServer>> Start(const ServeOptions& options,
                                                                   grpc::Service* provider,
                                                                   const log::Logger& logger,
                                                                   ShutdownSignal& shutdown);
  ~PluginServer();
  PluginServer(const PluginServer&) = delete;
  PluginServer& operator=(const PluginServer&) = delete;
  PluginServer(PluginServer&&) = delete;
  PluginServer& operator=(PluginServer&&) = delete;

  Network network() const { return network_; }
  // Socket path (unix) or "127.0.0.1:<port>" (tcp).
  const std::string& address() const { return address_; }
  // gRPC target a client dials: "unix:<path>" or "ipv4:127.0.0.1:<port>".
  std::string DialTarget() const;
  bool tls() const { return !server_cert_der_.empty(); }
  const std::string& server_cert_der() const { return server_cert_der_; }
  const std::string& server_cert_pem() const { return server_cert_pem_; }
  // "1|6|unix|<path>|grpc|<base64 DER, no padding>" (no newline).
  std::string HandshakeLine() const;

  // Raises `shutdown` (ends idle streams), stops accepting, waits up to ~1 s for in-flight calls
  // (then cancels them), and removes the socket file. Idempotent.
  void Stop();

 private:
  PluginServer(ShutdownSignal& shutdown, log::Logger logger);

  ShutdownSignal& shutdown_;
  log::Logger logger_;
  ControllerService controller_;
  StdioService stdio_;
  std::unique_ptr<grpc::Server> server_;
  Network network_ = Network::kUnix;
  std::string address_;
  std::string server_cert_der_;
  std::string server_cert_pem_;
};

}  // namespace atlas::provider::plugin
