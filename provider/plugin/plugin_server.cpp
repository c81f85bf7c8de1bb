#include "provider/plugin/plugin_server.hpp"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <random>
#include <system_error>
#include <utility>
#include <vector>

#include <grp.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "provider/plugin/auto_mtls.hpp"
#include "provider/plugin/handshake.hpp"

namespace atlas::provider::plugin {
namespace {

using engine::base::Error;
using engine::base::Result;

// Grace period for in-flight calls once shutdown starts; Terraform SIGKILLs after 2 s. gRPC's
// server shutdown also waits for clients to close their connections, so a client that stays
// connected costs this much.
constexpr std::chrono::milliseconds kStopGrace{1000};
constexpr int kSocketPathAttempts = 16;

std::string ErrnoText(int err) {
  return std::error_code(err, std::system_category()).message();
}

bool PathExists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string JoinPath(std::string dir, std::string_view name) {
  while (dir.size() > 1 && dir.back() == '/') {
    dir.pop_back();
  }
  if (dir != "/") {
    dir += '/';
  }
  dir += name;
  return dir;
}

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&&) = delete;
  Fd& operator=(Fd&&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// True when nothing listens on 127.0.0.1:port (probe bind without SO_REUSEPORT).
bool LoopbackPortFree(int port) {
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) {
    return false;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0;
}

Result<gid_t> ResolveGroup(const std::string& group) {
  gid_t gid = 0;
  const char* end = group.data() + group.size();
  auto [ptr, ec] = std::from_chars(group.data(), end, gid);
  if (ec == std::errc() && ptr == end) {
    return gid;
  }
  std::vector<char> buf(16384);
  struct group entry {};
  struct group* found = nullptr;
  int rc = 0;
  while ((rc = ::getgrnam_r(group.c_str(), &entry, buf.data(), buf.size(), &found)) == ERANGE &&
         buf.size() < (1U << 20U)) {
    buf.resize(buf.size() * 2);
  }
  if (rc != 0 || found == nullptr) {
    return Error("Invalid PLUGIN_UNIX_SOCKET_GROUP", fmt::format("group \"{}\" not found", group));
  }
  return found->gr_gid;
}

}  // namespace

Result<std::string> PickUnixSocketPath(const ServeOptions& options) {
  std::vector<std::string> dirs;
  if (!options.explicit_socket_dir.empty()) {
    dirs.push_back(options.explicit_socket_dir);
  } else {
    dirs.push_back(options.temp_dir.empty() ? std::string("/tmp") : options.temp_dir);
    if (dirs.front() != "/tmp") {
      dirs.emplace_back("/tmp");  // fallback when $TMPDIR is too long or missing
    }
  }
  std::random_device rd;
  std::string last_problem;
  for (const std::string& dir : dirs) {
    if (!IsDirectory(dir)) {
      last_problem =
          fmt::format("socket directory \"{}\" does not exist or is not a directory", dir);
      continue;
    }
    // "plugin" + up to 10 digits.
    if (JoinPath(dir, "plugin4294967295").size() > kMaxUnixPathBytes) {
      last_problem = fmt::format(
          "socket directory \"{}\" is too long: a unix socket path must stay under {} bytes", dir,
          kMaxUnixPathBytes + 1);
      continue;
    }
    for (int attempt = 0; attempt < kSocketPathAttempts; ++attempt) {
      std::string path = JoinPath(dir, fmt::format("plugin{}", rd()));
      if (!PathExists(path)) {
        return path;
      }
    }
    last_problem = fmt::format("could not find a free socket name in \"{}\"", dir);
  }
  return Error("Cannot create the plugin socket", last_problem);
}

PluginServer::PluginServer(ShutdownSignal& shutdown, log::Logger logger)
    : shutdown_(shutdown),
      logger_(std::move(logger)),
      controller_(shutdown, logger_.Named("controller")),
      stdio_(shutdown) {}

PluginServer::~PluginServer() {
  Stop();
}

Result<std::unique_ptr<PluginServer>> PluginServer::Start(const ServeOptions& options,
                                                          grpc::Service* provider,
                                                          const log::Logger& logger,
                                                          ShutdownSignal& shutdown) {
  std::unique_ptr<PluginServer> self(new PluginServer(shutdown, logger.Named("plugin")));
  self->network_ = options.network;

  std::shared_ptr<grpc::ServerCredentials> creds = grpc::InsecureServerCredentials();
  const bool tls = options.mode == ServeMode::kNormal && !options.client_cert_pem.empty();
  if (tls) {
    if (auto valid = ValidateCertificatePem(options.client_cert_pem); !valid.ok()) {
      return engine::base::Diagnostics(
          Error("Invalid PLUGIN_CLIENT_CERT",
                "the client certificate sent by the plugin host could not "
                "be parsed: " +
                    valid.ErrorString()));
    }
    auto cert = GenerateCertificate(CurveKind::kP256);
    if (!cert.ok()) {
      return std::move(cert).diags();
    }
    grpc::SslServerCredentialsOptions ssl(
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_root_certs = options.client_cert_pem;
    ssl.pem_key_cert_pairs.push_back({cert->key_pem, cert->cert_pem});
    creds = grpc::SslServerCredentials(ssl);
    self->server_cert_der_ = cert->cert_der;
    self->server_cert_pem_ = cert->cert_pem;
  }

  grpc::EnableDefaultHealthCheckService(true);
  const auto build = [&](const std::string& listen_uri, int* selected_port) {
    grpc::ServerBuilder builder;
    builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
    builder.SetMaxSendMessageSize(kMaxMessageBytes);
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.AddListeningPort(listen_uri, creds, selected_port);
    if (provider != nullptr) {
      builder.RegisterService(provider);
    }
    builder.RegisterService(&self->controller_);
    builder.RegisterService(&self->stdio_);
    return builder.BuildAndStart();
  };

  if (options.network == Network::kUnix) {
    auto path = PickUnixSocketPath(options);
    if (!path.ok()) {
      return std::move(path).diags();
    }
    self->address_ = *path;
    self->server_ = build("unix:" + self->address_, nullptr);
    if (!self->server_) {
      return Error("Cannot start the plugin server",
                   fmt::format("listening on unix socket \"{}\" failed", self->address_));
    }
    if (!options.socket_group.empty()) {
      auto gid = ResolveGroup(options.socket_group);
      if (!gid.ok()) {
        return std::move(gid).diags();
      }
      if (::chown(self->address_.c_str(), static_cast<uid_t>(-1), *gid) != 0 ||
          ::chmod(self->address_.c_str(), 0660) != 0) {
        return Error("Cannot set the plugin socket group",
                     fmt::format("{}: {}", self->address_, ErrnoText(errno)));
      }
    }
  } else {
    if (options.min_port > options.max_port) {
      return Error("Invalid plugin port range",
                   fmt::format("PLUGIN_MIN_PORT ({}) is greater than PLUGIN_MAX_PORT ({})",
                               options.min_port, options.max_port));
    }
    for (int port = options.min_port; port <= options.max_port && !self->server_; ++port) {
      if (!LoopbackPortFree(port)) {
        continue;
      }
      int selected = 0;
      self->server_ = build(fmt::format("127.0.0.1:{}", port), &selected);
      if (self->server_ && selected != port) {
        self->server_->Shutdown();
        self->server_.reset();
      }
      if (self->server_) {
        self->address_ = fmt::format("127.0.0.1:{}", port);
      }
    }
    if (!self->server_) {
      return Error("Cannot start the plugin server",
                   fmt::format("no free TCP port on 127.0.0.1 in [{}, {}]", options.min_port,
                               options.max_port));
    }
  }

  self->server_->GetHealthCheckService()->SetServingStatus("plugin", true);
  self->logger_.Debug("plugin server started",
                      {{"network", std::string(NetworkName(self->network_))},
                       {"address", self->address_},
                       {"tls", self->tls()}});
  return self;
}

std::string PluginServer::DialTarget() const {
  return network_ == Network::kUnix ? "unix:" + address_ : "ipv4:" + address_;
}

std::string PluginServer::HandshakeLine() const {
  return plugin::HandshakeLine(kAppProtocolVersion, network_, address_,
                               tls() ? EncodeBase64Raw(server_cert_der_) : std::string());
}

void PluginServer::Stop() {
  if (!server_) {
    return;
  }
  shutdown_.Request("server stopping");
  server_->Shutdown(std::chrono::system_clock::now() + kStopGrace);
  server_->Wait();
  server_.reset();
  if (network_ == Network::kUnix && !address_.empty()) {
    if (::unlink(address_.c_str()) != 0 && errno != ENOENT) {
      logger_.Warn("cannot remove the plugin socket",
                   {{"path", address_}, {"error", ErrnoText(errno)}});
    }
  }
  logger_.Debug("plugin server stopped", {{"reason", shutdown_.reason()}});
}

}  // namespace atlas::provider::plugin
