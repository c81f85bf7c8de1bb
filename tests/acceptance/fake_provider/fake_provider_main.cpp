// tfharness_fake_provider: the fake provider (fake_provider.hpp) served through the project's
// go-plugin server, launched by the harness exactly like the real provider.

#include <cstdio>
#include <set>
#include <sstream>
#include <string>

#include "provider/log/logger.hpp"
#include "provider/plugin/serve.hpp"
#include "provider/plugin/serve_options.hpp"
#include "provider/plugin/shutdown_signal.hpp"
#include "tests/acceptance/fake_provider/fake_provider.hpp"

int main(int /*argc*/, char** /*argv*/, char** envp) {
  namespace plugin = atlas::provider::plugin;
  namespace log = atlas::provider::log;
  plugin::BlockTerminationSignals();
  const plugin::EnvironmentMap env = plugin::ReadEnvironment(envp);
  std::set<std::string> bugs;
  std::stringstream ss(plugin::EnvValue(env, "FAKE_PROVIDER_BUGS"));
  for (std::string bug; std::getline(ss, bug, ',');) {
    if (!bug.empty()) {
      bugs.insert(bug);
    }
  }
  if (bugs.count("stdout_noise") != 0) {
    std::fputs("starting fake provider\n", stdout);
    std::fflush(stdout);
  }
  const log::Logger logger(
      log::LevelFromEnv(plugin::EnvValue(env, "TF_LOG_PROVIDER"), plugin::EnvValue(env, "TF_LOG")),
      "provider.fake", log::StderrSink());
  atlas::tests::acceptance::fake::FakeProviderService service(bugs);
  plugin::ShutdownSignal shutdown;
  int rc = plugin::Serve(plugin::ServeOptionsFromEnv(env), &service, logger, shutdown);
  return rc == 0 && bugs.count("exit_code_3") != 0 ? 3 : rc;
}
