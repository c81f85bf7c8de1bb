#pragma once
// ProviderProcess: launches the provider binary exactly as Terraform core (go-plugin's client) does —
// no arguments, inherited environment plus TF_PLUGIN_MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS,
// PLUGIN_MIN_PORT/MAX_PORT and PLUGIN_CLIENT_CERT (a fresh per-run AutoMTLS client certificate) —
// reads and checks the handshake line, dials gRPC over the announced address with mutual TLS (the
// server certificate from the handshake is the only root, server name "localhost"), keeps stderr
// drained (hclog JSON lines are kept for assertions) and stops it like go-plugin's Kill: GRPCController
// Shutdown, then at most 2 s for a clean exit.
// Thread-safe after Launch: the stubs are gRPC stubs (thread-safe); Shutdown must not race itself.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <nlohmann/json.hpp>

#include "engine/base/result.hpp"
#include "tests/acceptance/handshake.hpp"
#include "tests/acceptance/process.hpp"
#include "tests/acceptance/tls_cert.hpp"
#include "plugin/grpc_controller.grpc.pb.h"
#include "tfplugin6/tfplugin6.grpc.pb.h"

namespace atlas::tests::acceptance {

#ifdef ATLAS_PROVIDER_BINARY
inline constexpr const char* kProviderBinary = ATLAS_PROVIDER_BINARY;
#else
inline constexpr const char* kProviderBinary = "";
#endif

struct LaunchOptions {
  std::filesystem::path binary = kProviderBinary;
  bool set_cookie = true;
  std::string cookie = std::string(kMagicCookieValue);
  // PLUGIN_PROTOCOL_VERSIONS; nullopt leaves it unset.
  std::optional<std::string> protocol_versions = "5,6";
  // Sets PLUGIN_CLIENT_CERT (AutoMTLS). False behaves like TF_DISABLE_PLUGIN_TLS: plaintext gRPC.
  bool auto_mtls = true;
  CurveKind client_curve = CurveKind::kP521;
  // Extra variables (set after the standard ones, so they may override them) and removals.
  std::vector<std::pair<std::string, std::string>> extra_env;
  std::vector<std::string> unset_env;
  std::chrono::milliseconds handshake_timeout{15000};
  // How long Shutdown waits for the process to exit (go-plugin's Kill grace period).
  std::chrono::milliseconds exit_grace{2000};
};

// Builds the child environment Terraform would give: the current environment with the plugin
// variables set. `client_cert_pem` empty => PLUGIN_CLIENT_CERT unset.
std::vector<std::string> PluginEnvironment(const LaunchOptions& options,
                                           const std::string& client_cert_pem);

// gRPC client settings Terraform uses: 2^31-1 byte messages both ways, a private subchannel pool
// (so a negative test's channel never reuses another connection), server name "localhost".
grpc::ChannelArguments TerraformChannelArguments();

class ProviderProcess {
 public:
  // Starts the binary, waits for the handshake, dials and waits until the channel is READY.
  static engine::base::Result<std::unique_ptr<ProviderProcess>> Launch(
      const LaunchOptions& options = {});

  ~ProviderProcess();
  ProviderProcess(const ProviderProcess&) = delete;
  ProviderProcess& operator=(const ProviderProcess&) = delete;
  ProviderProcess(ProviderProcess&&) = delete;
  ProviderProcess& operator=(ProviderProcess&&) = delete;

  // The Terraform connection and its stubs; valid until Shutdown() (which closes them).
  tfplugin6::Provider::Stub& provider() { return *provider_; }
  plugin::GRPCController::Stub& controller() { return *controller_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const Handshake& handshake() const { return handshake_; }
  const CertificatePair& client_cert() const { return client_cert_; }
  Process& process() { return *process_; }

  // Dials the announced address again with other credentials (negative TLS tests).
  std::shared_ptr<grpc::Channel> Dial(const std::shared_ptr<grpc::ChannelCredentials>& creds) const;
  // The credentials Terraform uses for this process (client cert + server cert as root).
  std::shared_ptr<grpc::ChannelCredentials> TerraformCredentials() const;

  // Stderr lines that are hclog JSON objects (with string @level/@message/@timestamp).
  std::vector<nlohmann::json> LogEntries() const;
  std::string Stderr() const { return process_->Stderr(); }

  // go-plugin's Kill: GRPCController/Shutdown (errors ignored), close the channel, wait up to
  // exit_grace for the exit, else SIGKILL. Returns the exit status, or an error naming the
  // problem ("did not exit within 2000 ms after Shutdown"). Idempotent.
  engine::base::Result<ExitStatus> Shutdown();
  // Shutdown and require exit code 0 within the grace period.
  engine::base::Status ShutdownAndExpectCleanExit();

 private:
  ProviderProcess() = default;

  LaunchOptions options_;
  CertificatePair client_cert_;
  std::unique_ptr<Process> process_;
  Handshake handshake_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<tfplugin6::Provider::Stub> provider_;
  std::unique_ptr<plugin::GRPCController::Stub> controller_;
  std::optional<engine::base::Result<ExitStatus>> shutdown_result_;
};

// The RPC deadline the harness uses for every call.
std::chrono::system_clock::time_point RpcDeadline(
    std::chrono::milliseconds timeout = std::chrono::milliseconds(60000));

}  // namespace atlas::tests::acceptance
