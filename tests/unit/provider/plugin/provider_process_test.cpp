// End-to-end: launches the built terraform-provider-atlas binary the way Terraform does and talks
// to it.
#include <chrono>
#include <csignal>
#include <map>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "provider/plugin/auto_mtls.hpp"
#include "provider/plugin/handshake.hpp"
#include "provider/plugin/plugin_client.hpp"
#include "provider/plugin/serve_options.hpp"
#include "tests/unit/provider/plugin/child_process.hpp"

#include "plugin/grpc_controller.grpc.pb.h"

#ifndef ATLAS_PROVIDER_BINARY
#error "ATLAS_PROVIDER_BINARY must point at the built terraform-provider-atlas"
#endif

namespace atlas::provider::plugin {
namespace {

using testing::ChildProcess;
using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): test file, literals
                                       // only

constexpr auto kStartTimeout = 10s;
constexpr auto kCallTimeout = 5000ms;

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t bar = line.find('|', start);
    parts.push_back(line.substr(start, bar - start));
    if (bar == std::string::npos) {
      return parts;
    }
    start = bar + 1;
  }
}

class ProviderProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = "/tmp/atlas-provider-e2e-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { ::rmdir(dir_.c_str()); }

  // What Terraform sets, with the socket directory pointed at this test's temp dir.
  std::map<std::string, std::string> TerraformEnv() const {
    return {{std::string(kMagicCookieKey), std::string(kMagicCookieValue)},
            {"PLUGIN_PROTOCOL_VERSIONS", "5,6"},
            {"PLUGIN_MIN_PORT", "10000"},
            {"PLUGIN_MAX_PORT", "25000"},
            {"PLUGIN_UNIX_SOCKET_DIR", dir_},
            {"PATH", "/usr/bin:/bin"}};
  }

  static void ShutdownViaController(const std::shared_ptr<grpc::Channel>& channel) {
    auto controller = ::plugin::GRPCController::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    ::plugin::Empty request;
    ::plugin::Empty reply;
    const grpc::Status status = controller->Shutdown(&context, request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  std::string dir_;
};

TEST_F(ProviderProcessTest, WithoutCookieExplainsOnStderrAndExitsOne) {
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {}, {{"PATH", "/usr/bin:/bin"}});
  ASSERT_TRUE(child);
  EXPECT_EQ(child->WaitExit(kStartTimeout), 1);
  EXPECT_EQ(child->stdout_text(), "");
  EXPECT_NE(child->stderr_text().find("is not meant to be run directly"), std::string::npos)
      << child->stderr_text();
}

TEST_F(ProviderProcessTest, WrongCookieIsRefusedToo) {
  auto env = TerraformEnv();
  env[std::string(kMagicCookieKey)] = "nope";
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {}, env);
  ASSERT_TRUE(child);
  EXPECT_EQ(child->WaitExit(kStartTimeout), 1);
  EXPECT_EQ(child->stdout_text(), "");
}

TEST_F(ProviderProcessTest, OnlyProtocolFiveOfferedIsAClearError) {
  auto env = TerraformEnv();
  env["PLUGIN_PROTOCOL_VERSIONS"] = "5";
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {}, env);
  ASSERT_TRUE(child);
  EXPECT_EQ(child->WaitExit(kStartTimeout), 1);
  EXPECT_EQ(child->stdout_text(), "");
  EXPECT_NE(child->stderr_text().find("Error: Incompatible plugin protocol"), std::string::npos)
      << child->stderr_text();
  EXPECT_NE(child->stderr_text().find("PLUGIN_PROTOCOL_VERSIONS=\"5\""), std::string::npos);
}

TEST_F(ProviderProcessTest, PlaintextHandshakeHealthAndControllerShutdown) {
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {}, TerraformEnv());
  ASSERT_TRUE(child);
  const auto line = child->ReadStdoutLine(kStartTimeout);
  ASSERT_TRUE(line) << child->stderr_text();
  const auto fields = Split(*line);
  ASSERT_EQ(fields.size(), 6U) << *line;
  EXPECT_EQ(fields[0], "1");
  EXPECT_EQ(fields[1], "6");
  EXPECT_EQ(fields[2], "unix");
  EXPECT_EQ(fields[3].rfind(dir_ + "/plugin", 0), 0U);
  EXPECT_EQ(fields[4], "grpc");
  EXPECT_EQ(fields[5], "");
  const std::string& socket = fields[3];
  EXPECT_TRUE(Exists(socket));

  auto channel = DialPlugin("unix:" + socket, std::nullopt);
  const HealthResult health = CheckHealth(channel, "plugin", kCallTimeout);
  ASSERT_TRUE(health.status.ok()) << health.status.error_message();
  EXPECT_EQ(health.serving_status, 1);

  // Ctrl-C reaches the whole process group in a terminal: the plugin must ignore it.
  child->Signal(SIGINT);
  EXPECT_TRUE(CheckHealth(channel, "plugin", kCallTimeout).status.ok());

  // As go-plugin's Kill does: Shutdown, then close the connection, then wait up to 2 s for the
  // exit.
  const auto start = std::chrono::steady_clock::now();
  ShutdownViaController(channel);
  channel.reset();
  EXPECT_EQ(child->WaitExit(2000ms), 0) << child->stderr_text();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_FALSE(Exists(socket));
  EXPECT_EQ(child->stdout_text(), *line + "\n");  // nothing else ever goes to stdout
}

TEST_F(ProviderProcessTest, AutoMtlsRequiresTheHostCertificate) {
  auto host = GenerateCertificate(CurveKind::kP521);
  ASSERT_TRUE(host.ok());
  auto env = TerraformEnv();
  env["PLUGIN_CLIENT_CERT"] = host->cert_pem;
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {}, env);
  ASSERT_TRUE(child);
  const auto line = child->ReadStdoutLine(kStartTimeout);
  ASSERT_TRUE(line) << child->stderr_text();
  const auto fields = Split(*line);
  ASSERT_EQ(fields.size(), 6U);
  EXPECT_GT(fields[5].size(), 50U);
  EXPECT_EQ(fields[5].find('='), std::string::npos);
  auto der = DecodeBase64(fields[5]);
  ASSERT_TRUE(der.ok());
  auto server_pem = DerCertificateToPem(*der);
  ASSERT_TRUE(server_pem.ok());
  auto info = InspectCertificatePem(*server_pem);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->dns_names, std::vector<std::string>{"localhost"});
  EXPECT_TRUE(info->eku_server_auth);

  const std::string target = "unix:" + fields[3];
  {
    auto anonymous = DialPlugin(target, ClientTls{*server_pem, "", ""});
    EXPECT_EQ(CheckHealth(anonymous, "plugin", kCallTimeout).status.error_code(),
              grpc::StatusCode::UNAVAILABLE);
  }
  auto channel = DialPlugin(target, ClientTls{*server_pem, host->cert_pem, host->key_pem});
  const HealthResult health = CheckHealth(channel, "plugin", kCallTimeout);
  ASSERT_TRUE(health.status.ok()) << health.status.error_message();
  EXPECT_EQ(health.serving_status, 1);
  ShutdownViaController(channel);
  channel.reset();
  EXPECT_EQ(child->WaitExit(2000ms), 0);
  EXPECT_FALSE(Exists(fields[3]));
}

TEST_F(ProviderProcessTest, SigtermShutsDownCleanly) {
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {}, TerraformEnv());
  ASSERT_TRUE(child);
  const auto line = child->ReadStdoutLine(kStartTimeout);
  ASSERT_TRUE(line) << child->stderr_text();
  const std::string socket = Split(*line).at(3);
  ASSERT_TRUE(Exists(socket));
  child->Signal(SIGTERM);
  EXPECT_EQ(child->WaitExit(2000ms), 0) << child->stderr_text();
  EXPECT_FALSE(Exists(socket));
}

TEST_F(ProviderProcessTest, LogsJsonLinesOnStderrWhenTfLogIsSet) {
  auto env = TerraformEnv();
  env["TF_LOG"] = "TRACE";
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {}, env);
  ASSERT_TRUE(child);
  const auto line = child->ReadStdoutLine(kStartTimeout);
  ASSERT_TRUE(line) << child->stderr_text();
  child->Signal(SIGTERM);
  EXPECT_EQ(child->WaitExit(2000ms), 0);
  EXPECT_NE(child->stderr_text().find(R"({"@level":"debug","@message":"plugin server started",)"),
            std::string::npos)
      << child->stderr_text();
}

TEST_F(ProviderProcessTest, DebugModePrintsReattachLineAndStopsOnSigint) {
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {"-debug"},
                                   {{"PLUGIN_UNIX_SOCKET_DIR", dir_}, {"PATH", "/usr/bin:/bin"}});
  ASSERT_TRUE(child);
  const auto line = child->ReadStdoutLine(kStartTimeout);
  ASSERT_TRUE(line) << child->stderr_text();
  const std::string prefix =
      R"(TF_REATTACH_PROVIDERS='{"registry.terraform.io/ariga/atlas":{"Protocol":"grpc",)"
      R"("ProtocolVersion":6,"Pid":)" +
      std::to_string(child->pid()) + R"(,"Test":true,"Addr":{"Network":"unix","String":")" + dir_ +
      "/plugin";
  ASSERT_EQ(line->rfind(prefix, 0), 0U) << *line;
  const std::string socket =
      line->substr(line->find(dir_), line->find("\"}}}'") - line->find(dir_));
  {
    // Closed before the signal: gRPC's server shutdown waits (up to the 1 s grace) for open
    // connections.
    auto channel = DialPlugin("unix:" + socket, std::nullopt);
    EXPECT_TRUE(CheckHealth(channel, "plugin", kCallTimeout).status.ok());
  }
  child->Signal(SIGINT);
  EXPECT_EQ(child->WaitExit(2000ms), 0) << child->stderr_text();
  EXPECT_FALSE(Exists(socket));
}

TEST_F(ProviderProcessTest, VersionFlag) {
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {"-version"}, {});
  ASSERT_TRUE(child);
  EXPECT_EQ(child->WaitExit(kStartTimeout), 0);
  EXPECT_EQ(child->stdout_text().rfind("terraform-provider-atlas v", 0), 0U)
      << child->stdout_text();
}

TEST_F(ProviderProcessTest, SelfCheckPasses) {
  auto child = ChildProcess::Spawn(ATLAS_PROVIDER_BINARY, {"-selfcheck"},
                                   {{"PLUGIN_UNIX_SOCKET_DIR", dir_}, {"PATH", "/usr/bin:/bin"}});
  ASSERT_TRUE(child);
  EXPECT_EQ(child->WaitExit(kStartTimeout), 0) << child->stdout_text() << child->stderr_text();
  EXPECT_NE(child->stdout_text().find("selfcheck: OK\n"), std::string::npos)
      << child->stdout_text();
}

}  // namespace
}  // namespace atlas::provider::plugin
