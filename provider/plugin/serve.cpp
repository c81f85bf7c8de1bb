#include "provider/plugin/serve.hpp"

#include <atomic>
#include <csignal>
#include <optional>
#include <string>
#include <thread>

#include <pthread.h>
#include <unistd.h>

#include <fmt/format.h>

#include "provider/plugin/handshake.hpp"
#include "provider/plugin/plugin_server.hpp"

namespace atlas::provider::plugin {
namespace {

sigset_t TerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

// Waits for termination signals on a dedicated thread and turns them into a ShutdownSignal request.
// The signals must be blocked in every thread (BlockTerminationSignals) for sigwait to see them.
class SignalWatcher {
 public:
  SignalWatcher(bool include_sigint, ShutdownSignal& shutdown, const log::Logger& logger)
      : shutdown_(shutdown), logger_(logger) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    if (include_sigint) {
      sigaddset(&set_, SIGINT);
    }
    thread_ = std::thread([this] { Run(); });
  }
  ~SignalWatcher() {
    done_.store(true);
    // Wakes sigwait: SIGTERM is blocked in that thread, so it becomes pending there and is
    // consumed.
    // NOLINTNEXTLINE(bugprone-bad-signal-to-kill-thread): blocked there and consumed by sigwait,
    // not a kill
    pthread_kill(thread_.native_handle(), SIGTERM);
    thread_.join();
  }
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;
  SignalWatcher(SignalWatcher&&) = delete;
  SignalWatcher& operator=(SignalWatcher&&) = delete;

 private:
  void Run() {
    while (true) {
      int sig = 0;
      if (sigwait(&set_, &sig) != 0) {
        continue;
      }
      if (done_.load()) {
        return;
      }
      const char* name = sig == SIGINT ? "SIGINT" : "SIGTERM";
      logger_.Debug("received signal, shutting down", {{"signal", name}});
      shutdown_.Request(name);
    }
  }

  sigset_t set_{};
  ShutdownSignal& shutdown_;
  const log::Logger& logger_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

void PrintError(std::FILE* err, const std::string& summary, const std::string& detail) {
  std::fputs(fmt::format("Error: {}\n\n{}\n", summary, detail).c_str(), err);
  std::fflush(err);
}

}  // namespace

void BlockTerminationSignals() {
  sigset_t set = TerminationSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::string NotLaunchedByTerraformMessage() {
  return "This binary is a Terraform provider plugin (ariga/atlas). It is not meant to be run "
         "directly:\n"
         "Terraform starts it when a configuration uses the provider (run `terraform init`, then\n"
         "`terraform plan`). Flags for humans: -version prints the version, -debug starts a "
         "server\n"
         "Terraform can attach to through TF_REATTACH_PROVIDERS, -selfcheck tests the plugin "
         "server.\n";
}

int Serve(const ServeOptions& options, grpc::Service* provider_service, const log::Logger& logger,
          ShutdownSignal& shutdown, std::FILE* out, std::FILE* err) {
  const bool debug = options.mode == ServeMode::kDebug;
  if (!debug && (!options.has_magic_cookie || options.magic_cookie != kMagicCookieValue)) {
    std::fputs(NotLaunchedByTerraformMessage().c_str(), err);
    std::fflush(err);
    return 1;
  }
  if (options.handle_signals) {
    BlockTerminationSignals();
    std::signal(SIGPIPE, SIG_IGN);
    if (!debug) {
      // go-plugin servers ignore Ctrl-C; Terraform asks for a graceful stop through StopProvider.
      std::signal(SIGINT, SIG_IGN);
    }
  }
  if (!options.network_error.empty()) {
    PrintError(err, "Invalid plugin network", options.network_error);
    return 1;
  }
  if (!debug) {
    auto version = NegotiateProtocolVersion(options.protocol_versions);
    if (!version.ok()) {
      const auto& d = version.diags().items().front();
      logger.Error(d.summary, {{"detail", d.detail}});
      PrintError(err, d.summary, d.detail);
      return 1;
    }
  }

  std::optional<SignalWatcher> watcher;
  if (options.handle_signals) {
    watcher.emplace(debug, shutdown, logger);
  }

  auto server = PluginServer::Start(options, provider_service, logger, shutdown);
  if (!server.ok()) {
    const auto& d = server.diags().items().front();
    logger.Error(d.summary, {{"detail", d.detail}});
    PrintError(err, d.summary, d.detail);
    return 1;
  }

  if (debug) {
    std::fputs(
        fmt::format(
            "Provider started in debug mode (plaintext, {} {}). To attach Terraform, set:\n\n"
            "  {}\n\nand run Terraform in another shell. Stop with Ctrl-C.\n",
            NetworkName((*server)->network()), (*server)->address(),
            ReattachLine(kProviderAddress, static_cast<int>(::getpid()), (*server)->network(),
                         (*server)->address()))
            .c_str(),
        err);
    std::fflush(err);
    std::fputs((ReattachLine(kProviderAddress, static_cast<int>(::getpid()), (*server)->network(),
                             (*server)->address()) +
                "\n")
                   .c_str(),
               out);
  } else {
    std::fputs(((*server)->HandshakeLine() + "\n").c_str(), out);
  }
  std::fflush(out);

  shutdown.Wait();
  logger.Debug("shutting down", {{"reason", shutdown.reason()}});
  (*server)->Stop();
  return 0;
}

}  // namespace atlas::provider::plugin
