// terraform-provider-atlas: the executable Terraform launches.
//
// Reads the environment once (before any thread exists), handles the human-facing flags, builds the
// provider service and hands it to plugin::Serve. Flags: -version, -debug, -selfcheck (also
// `selfcheck`), -help. With no flag the process expects to be launched by Terraform (magic cookie,
// handshake, AutoMTLS). Environment: TF_LOG_PROVIDER / TF_LOG (log level),
// ATLAS_PLUGIN_NETWORK=unix|tcp, and the go-plugin variables listed in
// provider/plugin/serve_options.hpp.

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "provider/log/logger.hpp"
#include "provider/plugin/self_check.hpp"
#include "provider/plugin/serve.hpp"
#include "provider/plugin/serve_options.hpp"
#include "provider/plugin/shutdown_signal.hpp"
#include "provider/plugin/version.hpp"
#include "provider/resources/atlas_provider.hpp"
#include "provider/rpc/provider_service.hpp"

namespace {

namespace log = atlas::provider::log;
namespace plugin = atlas::provider::plugin;

enum class Command { kServe, kDebug, kVersion, kSelfCheck, kHelp };

constexpr std::string_view kUsage =
    "Usage: terraform-provider-atlas [-version | -debug | -selfcheck | -help]\n"
    "  (no flag)   run as a plugin launched by Terraform\n"
    "  -version    print the provider version\n"
    "  -debug      serve in the foreground for Terraform to attach to (prints "
    "TF_REATTACH_PROVIDERS)\n"
    "  -selfcheck  start the plugin server in-process, connect to it over mTLS and report\n";

bool ParseCommand(int argc, char** argv, Command* command) {
  *command = Command::kServe;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg(argv[i]);
    if (arg.size() > 2 && arg.substr(0, 2) == "--") {
      arg.remove_prefix(2);
    } else if (arg.size() > 1 && arg[0] == '-') {
      arg.remove_prefix(1);
    }
    if (arg == "version") {
      *command = Command::kVersion;
    } else if (arg == "debug") {
      *command = Command::kDebug;
    } else if (arg == "selfcheck") {
      *command = Command::kSelfCheck;
    } else if (arg == "help" || arg == "h") {
      *command = Command::kHelp;
    } else {
      std::fputs(fmt::format("Unknown argument \"{}\".\n{}", argv[i], kUsage).c_str(), stderr);
      return false;
    }
  }
  return true;
}

int Run(int argc, char** argv, char** envp) {
  plugin::BlockTerminationSignals();  // before any thread exists
  const plugin::EnvironmentMap env = plugin::ReadEnvironment(envp);

  Command command = Command::kServe;
  if (!ParseCommand(argc, argv, &command)) {
    return 2;
  }
  if (command == Command::kHelp) {
    std::fputs(kUsage.data(), stdout);
    return 0;
  }
  if (command == Command::kVersion) {
    std::fputs(fmt::format("terraform-provider-atlas v{}\n", plugin::ProviderVersion()).c_str(),
               stdout);
    return 0;
  }

  const log::Logger logger(
      log::LevelFromEnv(plugin::EnvValue(env, "TF_LOG_PROVIDER"), plugin::EnvValue(env, "TF_LOG")),
      "provider.atlas", log::StderrSink());
  plugin::ServeOptions options = plugin::ServeOptionsFromEnv(env);
  if (command == Command::kDebug) {
    options.mode = plugin::ServeMode::kDebug;
  }

  plugin::ShutdownSignal shutdown;
  atlas::provider::rpc::ProviderService provider_service(
      atlas::provider::resources::NewAtlasProvider(), logger);

  if (command == Command::kSelfCheck) {
    return plugin::RunSelfCheck(options, &provider_service, logger, stdout);
  }
  return plugin::Serve(options, &provider_service, logger, shutdown);
}

}  // namespace

int main(int argc, char** argv, char** envp) {
  try {
    return Run(argc, argv, envp);
  } catch (const std::exception& e) {
    std::fputs(
        fmt::format("terraform-provider-atlas: internal error, please report: {}\n", e.what())
            .c_str(),
        stderr);
    return 1;
  }
}
