#include "tests/acceptance/provider_process.hpp"

#include <climits>
#include <utility>

#include <fmt/format.h>

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using std::chrono::milliseconds;

}  // namespace

std::chrono::system_clock::time_point RpcDeadline(milliseconds timeout) {
  return std::chrono::system_clock::now() + timeout;
}

std::vector<std::string> PluginEnvironment(const LaunchOptions& options,
                                           const std::string& client_cert_pem) {
  std::vector<std::string> env = CurrentEnvironment();
  // Never leak the harness's own plugin settings into the child.
  for (const char* key : {"TF_PLUGIN_MAGIC_COOKIE", "PLUGIN_PROTOCOL_VERSIONS", "PLUGIN_CLIENT_CERT",
                          "PLUGIN_MIN_PORT", "PLUGIN_MAX_PORT", "TF_REATTACH_PROVIDERS"}) {
    UnsetEnv(env, key);
  }
  if (options.set_cookie) {
    SetEnv(env, kMagicCookieKey, options.cookie);
  }
  if (options.protocol_versions) {
    SetEnv(env, "PLUGIN_PROTOCOL_VERSIONS", *options.protocol_versions);
  }
  SetEnv(env, "PLUGIN_MIN_PORT", "10000");
  SetEnv(env, "PLUGIN_MAX_PORT", "25000");
  if (!client_cert_pem.empty()) {
    SetEnv(env, "PLUGIN_CLIENT_CERT", client_cert_pem);
  }
  for (const auto& [k, v] : options.extra_env) {
    SetEnv(env, k, v);
  }
  for (const auto& k : options.unset_env) {
    UnsetEnv(env, k);
  }
  return env;
}

grpc::ChannelArguments TerraformChannelArguments() {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(INT_MAX);
  args.SetMaxSendMessageSize(INT_MAX);
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetSslTargetNameOverride("localhost");
  return args;
}

engine::base::Result<std::unique_ptr<ProviderProcess>> ProviderProcess::Launch(
    const LaunchOptions& options) {
  if (options.binary.empty()) {
    return Error("no provider binary", "ATLAS_PROVIDER_BINARY is not defined for this target");
  }
  std::unique_ptr<ProviderProcess> pp(new ProviderProcess());
  pp->options_ = options;
  if (options.auto_mtls) {
    auto cert = GenerateSelfSignedCert(options.client_curve);
    if (!cert) {
      return std::move(cert).diags();
    }
    pp->client_cert_ = std::move(cert).value();
  }
  ProcessOptions popts;
  popts.program = options.binary;
  popts.env = PluginEnvironment(options, pp->client_cert_.cert_pem);
  auto proc = Process::Start(popts);
  if (!proc) {
    return std::move(proc).diags();
  }
  pp->process_ = std::move(proc).value();

  std::optional<std::string> line = pp->process_->ReadStdoutLine(options.handshake_timeout);
  if (!line) {
    if (auto st = pp->process_->Wait(milliseconds(500)); st) {
      return Error("plugin exited before we could connect",
                   fmt::format("{}; stderr:\n{}", st->ToString(), pp->process_->Stderr()));
    }
    pp->process_->Kill();
    return Error("timeout while waiting for plugin to start",
                 fmt::format("no handshake line within {} ms; stderr:\n{}",
                             options.handshake_timeout.count(), pp->process_->Stderr()));
  }
  auto hs = ParseHandshake(*line);
  if (!hs) {
    pp->process_->Kill();  // go-plugin kills a plugin whose handshake it cannot use
    return std::move(hs).diags();
  }
  pp->handshake_ = std::move(hs).value();
  if (options.auto_mtls && pp->handshake_.server_cert_pem.empty()) {
    pp->process_->Kill();
    return Error("plugin did not send a server certificate",
                 "PLUGIN_CLIENT_CERT was set, so the handshake must carry the server certificate "
                 "in field 6; line: " + *line);
  }
  pp->channel_ = pp->Dial(pp->TerraformCredentials());
  if (!pp->channel_->WaitForConnected(RpcDeadline(milliseconds(10000)))) {
    pp->process_->Kill();
    return Error("cannot connect to the plugin",
                 fmt::format("channel to {}:{} not ready (state {}); stderr:\n{}",
                             pp->handshake_.network, pp->handshake_.address,
                             static_cast<int>(pp->channel_->GetState(false)),
                             pp->process_->Stderr()));
  }
  pp->provider_ = tfplugin6::Provider::NewStub(pp->channel_);
  pp->controller_ = plugin::GRPCController::NewStub(pp->channel_);
  return pp;
}

ProviderProcess::~ProviderProcess() {
  if (process_ && process_->Running()) {
    (void)Shutdown();
  }
}

std::shared_ptr<grpc::ChannelCredentials> ProviderProcess::TerraformCredentials() const {
  if (!options_.auto_mtls) {
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = handshake_.server_cert_pem;
  ssl.pem_private_key = client_cert_.key_pem;
  ssl.pem_cert_chain = client_cert_.cert_pem;
  return grpc::SslCredentials(ssl);
}

std::shared_ptr<grpc::Channel> ProviderProcess::Dial(
    const std::shared_ptr<grpc::ChannelCredentials>& creds) const {
  std::string target = handshake_.network == "unix" ? "unix:" + handshake_.address
                                                    : handshake_.address;
  return grpc::CreateCustomChannel(target, creds, TerraformChannelArguments());
}

std::vector<nlohmann::json> ProviderProcess::LogEntries() const {
  std::vector<nlohmann::json> out;
  for (const auto& line : process_->StderrLines()) {
    if (line.empty() || line.front() != '{') {
      continue;
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) {
      out.push_back(std::move(j));
    }
  }
  return out;
}

engine::base::Result<ExitStatus> ProviderProcess::Shutdown() {
  if (shutdown_result_) {
    return *shutdown_result_;
  }
  if (controller_) {
    grpc::ClientContext ctx;
    ctx.set_deadline(RpcDeadline(milliseconds(1000)));
    plugin::Empty req;
    plugin::Empty resp;
    (void)controller_->Shutdown(&ctx, req, &resp);  // go-plugin ignores the error
  }
  // Close the connection as go-plugin's Kill does: a gRPC server's shutdown waits for its clients
  // to disconnect. (Channels a test still holds elsewhere stay open and delay the exit.)
  provider_.reset();
  controller_.reset();
  channel_.reset();
  std::optional<ExitStatus> st = process_->Wait(options_.exit_grace);
  if (!st) {
    ExitStatus killed = process_->Kill();
    shutdown_result_ = engine::base::Result<ExitStatus>(
        Error("plugin did not exit after Shutdown",
              fmt::format("the process was still running {} ms after GRPCController.Shutdown and "
                          "was killed ({})",
                          options_.exit_grace.count(), killed.ToString())));
    return *shutdown_result_;
  }
  shutdown_result_ = engine::base::Result<ExitStatus>(*st);
  return *shutdown_result_;
}

engine::base::Status ProviderProcess::ShutdownAndExpectCleanExit() {
  auto st = Shutdown();
  if (!st) {
    return st.diags();
  }
  if (!st->Exited() || st->code != 0) {
    return Error("plugin exited uncleanly after Shutdown",
                 fmt::format("{}; stderr:\n{}", st->ToString(), process_->Stderr()));
  }
  return {};
}

}  // namespace atlas::tests::acceptance
