// Launch, handshake, AutoMTLS and shutdown of the provider binary, driven exactly as Terraform's
// go-plugin client drives it (terraform-plugin-protocol.md §1).

#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "tests/acceptance/handshake.hpp"
#include "tests/acceptance/provider_process.hpp"
#include "tests/acceptance/temp_dir.hpp"
#include "grpc/health/v1/health.grpc.pb.h"

namespace atlas::tests::acceptance {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

std::unique_ptr<ProviderProcess> MustLaunch(const LaunchOptions& options = {}) {
  auto p = ProviderProcess::Launch(options);
  EXPECT_TRUE(p.ok()) << p.ErrorString();
  return p.ok() ? std::move(p).value() : nullptr;
}

grpc::Status CallGetProviderSchema(const std::shared_ptr<grpc::Channel>& channel,
                                   tfplugin6::GetProviderSchema::Response* resp) {
  auto stub = tfplugin6::Provider::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(RpcDeadline(milliseconds(10000)));
  return stub->GetProviderSchema(&ctx, tfplugin6::GetProviderSchema::Request(), resp);
}

// Runs the binary with the given environment changes and expects it to exit without serving.
struct NoServeResult {
  ExitStatus status;
  std::string out;
  std::string err;
};
NoServeResult RunExpectingNoServe(const LaunchOptions& options) {
  ProcessOptions popts;
  popts.program = options.binary;
  popts.env = PluginEnvironment(options, options.auto_mtls ? GenerateSelfSignedCert()->cert_pem : "");
  auto proc = Process::Start(popts);
  EXPECT_TRUE(proc.ok()) << proc.ErrorString();
  if (!proc.ok()) {
    return {};
  }
  std::optional<ExitStatus> st = (*proc)->Wait(milliseconds(10000));
  EXPECT_TRUE(st.has_value()) << "the provider kept running; stdout: " << (*proc)->Stdout();
  if (!st) {
    (*proc)->Kill();
  }
  (*proc)->WaitForOutputClosed(milliseconds(5000));
  return {st.value_or(ExitStatus{}), (*proc)->Stdout(), (*proc)->Stderr()};
}

TEST(HandshakeTest, HandshakeLineFollowsGoPluginFormat) {
  auto p = MustLaunch();
  ASSERT_NE(p, nullptr);
  const Handshake& hs = p->handshake();
  EXPECT_EQ(hs.core_version, 1);
  EXPECT_EQ(hs.app_version, 6);
  EXPECT_EQ(hs.network, "unix");
  EXPECT_EQ(hs.protocol, "grpc");
  EXPECT_EQ(hs.field_count, 6U) << "no 7th (multiplex) field: Terraform never asks for it";
  EXPECT_GT(hs.cert_field.size(), 50U);
  EXPECT_TRUE(std::regex_match(hs.cert_field, std::regex("^[A-Za-z0-9+/]+$")))
      << "field 6 must be raw standard base64 (no padding, no PEM): " << hs.cert_field;
  EXPECT_EQ(EncodeBase64Raw(hs.server_cert_der), hs.cert_field);
  // The socket exists while serving, with a path short enough for sun_path.
  struct stat st {};
  ASSERT_EQ(stat(hs.address.c_str(), &st), 0) << hs.address;
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_LT(hs.address.size(), 108U);
  // Exactly one line on stdout so far.
  EXPECT_EQ(p->process().Stdout(), "1|6|unix|" + hs.address + "|grpc|" + hs.cert_field + "\n");
  ASSERT_TRUE(p->ShutdownAndExpectCleanExit().ok()) << p->Stderr();
  EXPECT_NE(stat(hs.address.c_str(), &st), 0) << "socket file left behind: " << hs.address;
}

TEST(HandshakeTest, ServerCertificateMatchesAutoMtlsRules) {
  auto p = MustLaunch();
  ASSERT_NE(p, nullptr);
  auto info = InspectCertPem(p->handshake().server_cert_pem);
  ASSERT_TRUE(info.ok()) << info.ErrorString();
  EXPECT_EQ(info->dns_names, std::vector<std::string>{"localhost"});
  EXPECT_TRUE(info->eku_server_auth);
  EXPECT_TRUE(info->is_ca);
  EXPECT_TRUE(info->key_usage_digital_signature);
  EXPECT_TRUE(info->key_usage_cert_sign);
  EXPECT_EQ(info->key_type, "EC");
  const long long now = static_cast<long long>(std::time(nullptr));
  EXPECT_LE(info->not_before_unix, now);
  EXPECT_GT(info->not_after_unix, now + 10LL * 365 * 24 * 3600);
  // A fresh certificate per start.
  auto q = MustLaunch();
  ASSERT_NE(q, nullptr);
  EXPECT_NE(p->handshake().cert_field, q->handshake().cert_field);
  EXPECT_NE(p->handshake().address, q->handshake().address);
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
  EXPECT_TRUE(q->ShutdownAndExpectCleanExit().ok());
}

TEST(HandshakeTest, ProtocolVersionOrderDoesNotMatter) {
  LaunchOptions opts;
  opts.protocol_versions = "6,5";
  auto p = MustLaunch(opts);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->handshake().app_version, 6);
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
}

TEST(HandshakeTest, P256ClientCertificateIsAccepted) {
  LaunchOptions opts;
  opts.client_curve = CurveKind::kP256;
  auto p = MustLaunch(opts);
  ASSERT_NE(p, nullptr);
  tfplugin6::GetProviderSchema::Response resp;
  grpc::Status st = CallGetProviderSchema(p->channel(), &resp);
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
}

TEST(HandshakeTest, HealthServiceReportsPluginServing) {
  auto p = MustLaunch();
  ASSERT_NE(p, nullptr);
  auto health = grpc::health::v1::Health::NewStub(p->channel());
  grpc::ClientContext ctx;
  ctx.set_deadline(RpcDeadline(milliseconds(5000)));
  grpc::health::v1::HealthCheckRequest req;
  req.set_service("plugin");
  grpc::health::v1::HealthCheckResponse resp;
  grpc::Status st = health->Check(&ctx, req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
}

TEST(HandshakeTest, ShutdownExitsWithinGracePeriod) {
  auto p = MustLaunch();
  ASSERT_NE(p, nullptr);
  auto start = steady_clock::now();
  auto st = p->Shutdown();
  auto elapsed = std::chrono::duration_cast<milliseconds>(steady_clock::now() - start);
  ASSERT_TRUE(st.ok()) << st.ErrorString();
  EXPECT_TRUE(st->Exited());
  EXPECT_EQ(st->code, 0) << p->Stderr();
  EXPECT_LT(elapsed.count(), 2000);
  // Nothing but the handshake line ever reached stdout.
  EXPECT_EQ(p->process().Stdout(), p->process().Stdout().substr(0, p->process().Stdout().find('\n') + 1));
}

TEST(HandshakeTest, SigintIsIgnoredLikeGoPlugin) {
  auto p = MustLaunch();
  ASSERT_NE(p, nullptr);
  p->process().Signal(SIGINT);
  EXPECT_FALSE(p->process().Wait(milliseconds(200)).has_value()) << "SIGINT killed the provider";
  tfplugin6::GetProviderSchema::Response resp;
  grpc::Status st = CallGetProviderSchema(p->channel(), &resp);
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
}

TEST(HandshakeTest, StderrLogLinesAreHclogJson) {
  LaunchOptions opts;
  opts.extra_env = {{"TF_LOG_PROVIDER", "TRACE"}};
  auto p = MustLaunch(opts);
  ASSERT_NE(p, nullptr);
  tfplugin6::GetProviderSchema::Response resp;
  ASSERT_TRUE(CallGetProviderSchema(p->channel(), &resp).ok());
  ASSERT_TRUE(p->ShutdownAndExpectCleanExit().ok());
  const std::regex ts(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$)");
  const std::set<std::string> levels = {"trace", "debug", "info", "warn", "error"};
  int json_lines = 0;
  for (const auto& line : p->process().StderrLines()) {
    if (line.empty()) {
      continue;
    }
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(j.is_object()) << "stderr line is not hclog JSON: " << line;
    ++json_lines;
    ASSERT_TRUE(j.contains("@level") && j["@level"].is_string()) << line;
    ASSERT_TRUE(j.contains("@message") && j["@message"].is_string()) << line;
    ASSERT_TRUE(j.contains("@timestamp") && j["@timestamp"].is_string()) << line;
    EXPECT_EQ(levels.count(j["@level"].get<std::string>()), 1U) << line;
    EXPECT_TRUE(std::regex_match(j["@timestamp"].get<std::string>(), ts)) << line;
  }
  EXPECT_GT(json_lines, 0) << "TF_LOG_PROVIDER=TRACE produced no log lines";
  EXPECT_EQ(p->LogEntries().size(), static_cast<std::size_t>(json_lines));
}

TEST(HandshakeTest, MissingCookieExitsOneWithExplanationAndNoStdout) {
  LaunchOptions opts;
  opts.set_cookie = false;
  NoServeResult r = RunExpectingNoServe(opts);
  EXPECT_EQ(r.status.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("not meant to be run directly"), std::string::npos) << r.err;
}

TEST(HandshakeTest, WrongCookieExitsOneWithExplanationAndNoStdout) {
  LaunchOptions opts;
  opts.cookie = "not-the-cookie";
  NoServeResult r = RunExpectingNoServe(opts);
  EXPECT_EQ(r.status.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("not meant to be run directly"), std::string::npos) << r.err;
}

TEST(HandshakeTest, ProtocolFiveOnlyFailsClearly) {
  LaunchOptions opts;
  opts.protocol_versions = "5";
  ProcessOptions popts;
  popts.program = opts.binary;
  popts.env = PluginEnvironment(opts, GenerateSelfSignedCert()->cert_pem);
  auto proc = Process::Start(popts);
  ASSERT_TRUE(proc.ok()) << proc.ErrorString();
  std::optional<std::string> line = (*proc)->ReadStdoutLine(milliseconds(10000));
  if (line) {
    // Allowed alternative: announce 6 and let the client refuse, as go-plugin servers do.
    auto hs = ParseHandshake(*line, {5});
    ASSERT_FALSE(hs.ok());
    EXPECT_EQ(hs.diags().items()[0].summary,
              "Incompatible API version with plugin. Plugin version: 6, Client versions: [5]");
    return;
  }
  auto st = (*proc)->Wait(milliseconds(10000));
  ASSERT_TRUE(st.has_value());
  (*proc)->WaitForOutputClosed(milliseconds(5000));
  EXPECT_EQ(st->code, 1);
  EXPECT_EQ((*proc)->Stdout(), "");
  const std::string err = (*proc)->Stderr();
  EXPECT_NE(err.find("6"), std::string::npos) << err;
  EXPECT_NE(err.find("5"), std::string::npos) << err;
}

TEST(HandshakeTest, ClientWithoutCertificateIsRefusedAtTls) {
  auto p = MustLaunch();
  ASSERT_NE(p, nullptr);
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = p->handshake().server_cert_pem;  // trusts the server, presents nothing
  tfplugin6::GetProviderSchema::Response resp;
  grpc::Status st = CallGetProviderSchema(p->Dial(grpc::SslCredentials(ssl)), &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
  // The legitimate connection still works.
  EXPECT_TRUE(CallGetProviderSchema(p->channel(), &resp).ok());
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
}

TEST(HandshakeTest, ClientWithOtherSelfSignedCertificateIsRefused) {
  auto p = MustLaunch();
  ASSERT_NE(p, nullptr);
  auto other = GenerateSelfSignedCert();
  ASSERT_TRUE(other.ok());
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = p->handshake().server_cert_pem;
  ssl.pem_private_key = other->key_pem;
  ssl.pem_cert_chain = other->cert_pem;
  tfplugin6::GetProviderSchema::Response resp;
  grpc::Status st = CallGetProviderSchema(p->Dial(grpc::SslCredentials(ssl)), &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
  EXPECT_TRUE(CallGetProviderSchema(p->channel(), &resp).ok());
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
}

TEST(HandshakeTest, PlaintextClientIsRefusedWhenTlsIsOn) {
  auto p = MustLaunch();
  ASSERT_NE(p, nullptr);
  tfplugin6::GetProviderSchema::Response resp;
  grpc::Status st = CallGetProviderSchema(p->Dial(grpc::InsecureChannelCredentials()), &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
}

TEST(HandshakeTest, WithoutClientCertServesPlaintextAndLeavesFieldSixEmpty) {
  LaunchOptions opts;
  opts.auto_mtls = false;
  auto p = MustLaunch(opts);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->handshake().cert_field, "");
  tfplugin6::GetProviderSchema::Response resp;
  grpc::Status st = CallGetProviderSchema(p->channel(), &resp);
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
}

TEST(HandshakeTest, SocketGoesIntoPluginUnixSocketDir) {
  TempDir dir("atlas-sock-");
  LaunchOptions opts;
  opts.extra_env = {{"PLUGIN_UNIX_SOCKET_DIR", dir.str()}};
  auto p = MustLaunch(opts);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(std::filesystem::path(p->handshake().address).parent_path(), dir.path());
  EXPECT_TRUE(p->ShutdownAndExpectCleanExit().ok());
}

}  // namespace
}  // namespace atlas::tests::acceptance
