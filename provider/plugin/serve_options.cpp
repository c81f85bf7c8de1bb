#include "provider/plugin/serve_options.hpp"

#include <charconv>

namespace atlas::provider::plugin {
namespace {

int ParsePort(const std::string& text, int fallback) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value <= 0 || value > 65535) {
    return fallback;
  }
  return value;
}

}  // namespace

EnvironmentMap ReadEnvironment(const char* const* envp) {
  EnvironmentMap env;
  if (envp == nullptr) {
    return env;
  }
  for (const char* const* p = envp; *p != nullptr; ++p) {
    const std::string_view entry(*p);
    const size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      continue;
    }
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

std::string EnvValue(const EnvironmentMap& env, std::string_view name) {
  auto it = env.find(name);
  return it == env.end() ? std::string() : it->second;
}

ServeOptions ServeOptionsFromEnv(const EnvironmentMap& env) {
  ServeOptions options;
  options.has_magic_cookie = env.find(kMagicCookieKey) != env.end();
  options.magic_cookie = EnvValue(env, kMagicCookieKey);
  options.protocol_versions = EnvValue(env, kProtocolVersionsKey);
  options.client_cert_pem = EnvValue(env, kClientCertKey);
  options.explicit_socket_dir = EnvValue(env, kUnixSocketDirKey);
  options.temp_dir = EnvValue(env, "TMPDIR");
  if (options.temp_dir.empty()) {
    options.temp_dir = "/tmp";
  }
  options.socket_group = EnvValue(env, kUnixSocketGroupKey);
  options.min_port = ParsePort(EnvValue(env, kMinPortKey), options.min_port);
  options.max_port = ParsePort(EnvValue(env, kMaxPortKey), options.max_port);
  const std::string network = EnvValue(env, kNetworkKey);
  if (network == "tcp") {
    options.network = Network::kTcp;
  } else if (network.empty() || network == "unix") {
    options.network = Network::kUnix;
  } else {
    options.network_error =
        R"(ATLAS_PLUGIN_NETWORK must be "unix" or "tcp", got ")" + network + "\"";
  }
  return options;
}

}  // namespace atlas::provider::plugin
