#include "provider/plugin/self_check.hpp"

#include <chrono>
#include <string>

#include <fmt/format.h>
#include <sys/stat.h>

#include "provider/plugin/auto_mtls.hpp"
#include "provider/plugin/plugin_client.hpp"
#include "provider/plugin/plugin_server.hpp"
#include "provider/plugin/shutdown_signal.hpp"
#include "provider/plugin/version.hpp"

#include "plugin/grpc_controller.grpc.pb.h"
#include "tfplugin6/tfplugin6.grpc.pb.h"

namespace atlas::provider::plugin {
namespace {

constexpr std::chrono::milliseconds kCallTimeout{5000};

class Report {
 public:
  explicit Report(std::FILE* out) : out_(out) {}
  bool Check(bool ok, const std::string& what, const std::string& detail = {}) {
    std::fputs(
        fmt::format("{:<5} {}{}\n", ok ? "ok" : "FAIL", what, detail.empty() ? "" : ": " + detail)
            .c_str(),
        out_);
    failures_ += ok ? 0 : 1;
    return ok;
  }
  int failures() const { return failures_; }

 private:
  std::FILE* out_;
  int failures_ = 0;
};

std::string StatusText(const grpc::Status& s) {
  return fmt::format("code {} {}", static_cast<int>(s.error_code()), s.error_message());
}

}  // namespace

int RunSelfCheck(const ServeOptions& base_options, grpc::Service* provider_service,
                 const log::Logger& logger, std::FILE* out) {
  Report report(out);
  std::fputs(fmt::format("terraform-provider-atlas {} self-check\n", ProviderVersion()).c_str(),
             out);

  auto client_cert = GenerateCertificate(CurveKind::kP521);  // Terraform's client uses P-521
  if (!report.Check(client_cert.ok(), "generate a client certificate (P-521)",
                    client_cert.ErrorString())) {
    return 1;
  }
  ServeOptions options = base_options;
  options.mode = ServeMode::kNormal;
  options.client_cert_pem = client_cert->cert_pem;
  options.handle_signals = false;

  ShutdownSignal shutdown;
  auto server = PluginServer::Start(options, provider_service, logger, shutdown);
  if (!report.Check(server.ok(), "start the plugin server with AutoMTLS", server.ErrorString())) {
    return 1;
  }
  PluginServer& srv = **server;
  report.Check(true, "handshake line", srv.HandshakeLine().substr(0, 60) + "...");

  auto info = InspectCertificatePem(srv.server_cert_pem());
  const bool cert_ok = info.ok() && info->dns_names == std::vector<std::string>{"localhost"} &&
                       info->eku_server_auth && info->eku_client_auth && info->is_ca &&
                       info->serial_positive;
  report.Check(cert_ok,
               "server certificate: SAN localhost, EKU serverAuth+clientAuth, CA, positive serial",
               info.ok() ? info->curve : info.ErrorString());

  const ClientTls tls{srv.server_cert_pem(), client_cert->cert_pem, client_cert->key_pem};
  auto channel = DialPlugin(srv.DialTarget(), tls);
  const HealthResult health = CheckHealth(channel, "plugin", kCallTimeout);
  report.Check(health.status.ok() && health.serving_status == 1,
               "health check over mTLS: plugin SERVING",
               health.status.ok() ? fmt::format("status {}", health.serving_status)
                                  : StatusText(health.status));

  {
    auto stub = tfplugin6::Provider::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    tfplugin6::GetProviderSchema::Request request;
    tfplugin6::GetProviderSchema::Response response;
    const grpc::Status status = stub->GetProviderSchema(&context, request, &response);
    report.Check(
        status.ok() && response.has_provider(), "tfplugin6.Provider/GetProviderSchema answers",
        status.ok() ? fmt::format("{} resources, {} data sources, {} diagnostics",
                                  response.resource_schemas_size(),
                                  response.data_source_schemas_size(), response.diagnostics_size())
                    : StatusText(status));
  }

  {
    const ClientTls no_cert{srv.server_cert_pem(), "", ""};
    auto anonymous = DialPlugin(srv.DialTarget(), no_cert);
    const HealthResult refused = CheckHealth(anonymous, "plugin", kCallTimeout);
    report.Check(!refused.status.ok(), "a client without a certificate is refused",
                 StatusText(refused.status));
  }

  {
    auto controller = ::plugin::GRPCController::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    ::plugin::Empty request;
    ::plugin::Empty response;
    const grpc::Status status = controller->Shutdown(&context, request, &response);
    const bool signalled = shutdown.WaitFor(kCallTimeout);
    report.Check(status.ok() && signalled, "GRPCController.Shutdown is acknowledged",
                 status.ok() ? "" : StatusText(status));
  }
  channel
      .reset();  // as Terraform does after Shutdown; the server waits for open connections to close
  const std::string address = srv.address();
  const auto start = std::chrono::steady_clock::now();
  srv.Stop();
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  struct stat st {};
  const bool removed = options.network != Network::kUnix || ::lstat(address.c_str(), &st) != 0;
  report.Check(removed && elapsed.count() < 2000, "server stopped and socket removed",
               fmt::format("{} ms", elapsed.count()));

  std::fputs(report.failures() == 0
                 ? "selfcheck: OK\n"
                 : fmt::format("selfcheck: {} check(s) FAILED\n", report.failures()).c_str(),
             out);
  std::fflush(out);
  return report.failures() == 0 ? 0 : 1;
}

}  // namespace atlas::provider::plugin
