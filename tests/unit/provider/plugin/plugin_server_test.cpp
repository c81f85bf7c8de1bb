// In-process tests of PluginServer: listeners, AutoMTLS acceptance/refusal,
// GRPCController.Shutdown.
#include "provider/plugin/plugin_server.hpp"

#include <array>
#include <chrono>
#include <cstdlib>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "provider/log/logger.hpp"
#include "provider/plugin/auto_mtls.hpp"
#include "provider/plugin/handshake.hpp"
#include "provider/plugin/placeholder_provider_service.hpp"
#include "provider/plugin/plugin_client.hpp"
#include "provider/plugin/serve_options.hpp"
#include "provider/plugin/shutdown_signal.hpp"

#include "plugin/grpc_controller.grpc.pb.h"
#include "plugin/grpc_stdio.grpc.pb.h"
#include "tfplugin6/tfplugin6.grpc.pb.h"

namespace atlas::provider::plugin {
namespace {

constexpr std::chrono::milliseconds kTimeout{5000};

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

class PluginServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = "/tmp/atlas-plugin-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    options_.explicit_socket_dir = dir_;
    options_.handle_signals = false;
  }
  void TearDown() override { ::rmdir(dir_.c_str()); }

  std::string dir_;
  ServeOptions options_;
  ShutdownSignal shutdown_;
  PlaceholderProviderService provider_;
  log::Logger logger_ = log::Logger::Null();
};

TEST_F(PluginServerTest, UnixSocketPlaintextServesHealthAndShutsDown) {
  auto server = PluginServer::Start(options_, &provider_, logger_, shutdown_);
  ASSERT_TRUE(server.ok()) << server.ErrorString();
  PluginServer& srv = **server;
  EXPECT_EQ(srv.network(), Network::kUnix);
  EXPECT_EQ(srv.address().rfind(dir_ + "/plugin", 0), 0U) << srv.address();
  EXPECT_TRUE(Exists(srv.address()));
  EXPECT_FALSE(srv.tls());
  EXPECT_EQ(srv.HandshakeLine(), "1|6|unix|" + srv.address() + "|grpc|");

  auto channel = DialPlugin(srv.DialTarget(), std::nullopt);
  const HealthResult health = CheckHealth(channel, "plugin", kTimeout);
  ASSERT_TRUE(health.status.ok()) << health.status.error_message();
  EXPECT_EQ(health.serving_status, 1);

  // StreamStdio stays open and silent; Shutdown ends it.
  auto stdio = ::plugin::GRPCStdio::NewStub(channel);
  grpc::ClientContext stdio_context;
  auto reader = stdio->StreamStdio(&stdio_context, google::protobuf::Empty());

  auto controller = ::plugin::GRPCController::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kTimeout);
  ::plugin::Empty empty;
  ::plugin::Empty reply;
  ASSERT_TRUE(controller->Shutdown(&context, empty, &reply).ok());
  ASSERT_TRUE(shutdown_.WaitFor(kTimeout));
  EXPECT_EQ(shutdown_.reason(), "GRPCController.Shutdown");

  ::plugin::StdioData data;
  EXPECT_FALSE(reader->Read(&data));  // ends without sending anything
  EXPECT_TRUE(reader->Finish().ok());

  const std::string path = srv.address();
  srv.Stop();
  EXPECT_FALSE(Exists(path));
}

TEST_F(PluginServerTest, AutoMtlsAcceptsTheHostCertificateOnly) {
  auto host = GenerateCertificate(CurveKind::kP521);
  auto stranger = GenerateCertificate(CurveKind::kP521);
  ASSERT_TRUE(host.ok() && stranger.ok());
  options_.client_cert_pem = host->cert_pem;
  auto server = PluginServer::Start(options_, &provider_, logger_, shutdown_);
  ASSERT_TRUE(server.ok()) << server.ErrorString();
  PluginServer& srv = **server;
  ASSERT_TRUE(srv.tls());

  // The handshake's 6th field is the server certificate's DER, unpadded base64.
  const std::string line = srv.HandshakeLine();
  const std::string field = line.substr(line.rfind('|') + 1);
  auto der = DecodeBase64(field);
  ASSERT_TRUE(der.ok());
  auto pem = DerCertificateToPem(*der);
  ASSERT_TRUE(pem.ok());
  EXPECT_EQ(*pem, srv.server_cert_pem());

  {
    auto channel = DialPlugin(srv.DialTarget(), ClientTls{*pem, host->cert_pem, host->key_pem});
    const HealthResult health = CheckHealth(channel, "plugin", kTimeout);
    ASSERT_TRUE(health.status.ok()) << health.status.error_message();
    EXPECT_EQ(health.serving_status, 1);
    auto provider = tfplugin6::Provider::NewStub(channel);
    grpc::ClientContext context;
    tfplugin6::GetProviderSchema::Response response;
    ASSERT_TRUE(provider->GetProviderSchema(&context, {}, &response).ok());
    EXPECT_TRUE(response.has_provider());
  }
  {
    auto channel = DialPlugin(srv.DialTarget(), ClientTls{*pem, "", ""});
    const HealthResult health = CheckHealth(channel, "plugin", kTimeout);
    EXPECT_EQ(health.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  }
  {
    auto channel =
        DialPlugin(srv.DialTarget(), ClientTls{*pem, stranger->cert_pem, stranger->key_pem});
    const HealthResult health = CheckHealth(channel, "plugin", kTimeout);
    EXPECT_EQ(health.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  }
  {
    auto channel = DialPlugin(srv.DialTarget(), std::nullopt);  // plaintext against TLS
    const HealthResult health = CheckHealth(channel, "plugin", kTimeout);
    EXPECT_EQ(health.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  }
}

TEST_F(PluginServerTest, RejectsUnparseableClientCertificate) {
  options_.client_cert_pem = "not a pem";
  auto server = PluginServer::Start(options_, &provider_, logger_, shutdown_);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.diags().items().front().summary, "Invalid PLUGIN_CLIENT_CERT");
}

TEST_F(PluginServerTest, TcpListensOnLoopbackInsidePortRange) {
  options_.network = Network::kTcp;
  options_.min_port = 20000 + static_cast<int>(::getpid() % 5000);
  options_.max_port = options_.min_port + 50;
  auto server = PluginServer::Start(options_, &provider_, logger_, shutdown_);
  ASSERT_TRUE(server.ok()) << server.ErrorString();
  PluginServer& srv = **server;
  ASSERT_EQ(srv.address().rfind("127.0.0.1:", 0), 0U);
  const int port = std::atoi(srv.address().c_str() + 10);
  EXPECT_GE(port, options_.min_port);
  EXPECT_LE(port, options_.max_port);
  EXPECT_EQ(srv.HandshakeLine(), "1|6|tcp|" + srv.address() + "|grpc|");
  auto channel = DialPlugin(srv.DialTarget(), std::nullopt);
  EXPECT_TRUE(CheckHealth(channel, "plugin", kTimeout).status.ok());
}

TEST(PickUnixSocketPathTest, FallsBackToTmpWhenTmpdirIsTooLong) {
  ServeOptions options;
  options.temp_dir = "/" + std::string(120, 'x');
  auto path = PickUnixSocketPath(options);
  ASSERT_TRUE(path.ok()) << path.ErrorString();
  EXPECT_EQ(path->rfind("/tmp/plugin", 0), 0U);
  EXPECT_LE(path->size(), kMaxUnixPathBytes);
  EXPECT_GT(path->size(), std::string("/tmp/plugin").size());
}

TEST(PickUnixSocketPathTest, ExplicitDirectoryMustFit) {
  ServeOptions options;
  options.explicit_socket_dir = "/" + std::string(120, 'x');
  auto path = PickUnixSocketPath(options);
  ASSERT_FALSE(path.ok());
  EXPECT_EQ(path.diags().items().front().summary, "Cannot create the plugin socket");
}

TEST(ServeOptionsTest, ReadsGoPluginVariables) {
  const EnvironmentMap env{{"TF_PLUGIN_MAGIC_COOKIE", "abc"}, {"PLUGIN_PROTOCOL_VERSIONS", "5,6"},
                           {"PLUGIN_MIN_PORT", "10000"},      {"PLUGIN_MAX_PORT", "10010"},
                           {"PLUGIN_CLIENT_CERT", "PEM"},     {"TMPDIR", "/var/tmp"},
                           {"ATLAS_PLUGIN_NETWORK", "tcp"}};
  const ServeOptions options = ServeOptionsFromEnv(env);
  EXPECT_TRUE(options.has_magic_cookie);
  EXPECT_EQ(options.magic_cookie, "abc");
  EXPECT_EQ(options.protocol_versions, "5,6");
  EXPECT_EQ(options.min_port, 10000);
  EXPECT_EQ(options.max_port, 10010);
  EXPECT_EQ(options.client_cert_pem, "PEM");
  EXPECT_EQ(options.temp_dir, "/var/tmp");
  EXPECT_EQ(options.network, Network::kTcp);
  EXPECT_TRUE(options.network_error.empty());

  const ServeOptions defaults = ServeOptionsFromEnv({{"ATLAS_PLUGIN_NETWORK", "udp"}});
  EXPECT_FALSE(defaults.has_magic_cookie);
  EXPECT_EQ(defaults.temp_dir, "/tmp");
  EXPECT_EQ(defaults.min_port, 10000);
  EXPECT_EQ(defaults.max_port, 25000);
  EXPECT_EQ(defaults.network_error,
            "ATLAS_PLUGIN_NETWORK must be \"unix\" or \"tcp\", got \"udp\"");
}

TEST(ServeOptionsTest, ReadEnvironmentSplitsAtFirstEquals) {
  const std::array<const char*, 6> envp = {"A=1", "B=x=y", "EMPTY=", "=bad", "NOEQ", nullptr};
  const EnvironmentMap env = ReadEnvironment(envp.data());
  EXPECT_EQ(env, (EnvironmentMap{{"A", "1"}, {"B", "x=y"}, {"EMPTY", ""}}));
}

}  // namespace
}  // namespace atlas::provider::plugin
