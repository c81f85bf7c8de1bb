#pragma once
// What the plugin server needs from the process environment, read once in main.
//
// Terraform (a go-plugin host) passes everything through environment variables
// (docs/terraform-plugin-protocol.md §1.1). main snapshots the environment with ReadEnvironment
// before any thread starts and builds ServeOptions from it; nothing in provider/plugin calls getenv
// afterwards.
//
// Our own variable: ATLAS_PLUGIN_NETWORK=unix|tcp picks the listener (default unix; tcp binds
// 127.0.0.1 on the first free port in [PLUGIN_MIN_PORT, PLUGIN_MAX_PORT]).
//
// Plain values; thread-compatible.

#include <map>
#include <string>
#include <string_view>

namespace atlas::provider::plugin {

// Environment snapshot: name -> value.
using EnvironmentMap = std::map<std::string, std::string, std::less<>>;

// Copies a NULL-terminated "NAME=value" array (main's envp / environ) into a map.
EnvironmentMap ReadEnvironment(const char* const* envp);

// Value of `name`, or empty when unset.
std::string EnvValue(const EnvironmentMap& env, std::string_view name);

inline constexpr std::string_view kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr std::string_view kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
inline constexpr std::string_view kProtocolVersionsKey = "PLUGIN_PROTOCOL_VERSIONS";
inline constexpr std::string_view kClientCertKey = "PLUGIN_CLIENT_CERT";
inline constexpr std::string_view kMinPortKey = "PLUGIN_MIN_PORT";
inline constexpr std::string_view kMaxPortKey = "PLUGIN_MAX_PORT";
inline constexpr std::string_view kUnixSocketDirKey = "PLUGIN_UNIX_SOCKET_DIR";
inline constexpr std::string_view kUnixSocketGroupKey = "PLUGIN_UNIX_SOCKET_GROUP";
inline constexpr std::string_view kNetworkKey = "ATLAS_PLUGIN_NETWORK";

// Provider source address used in the reattach line printed by -debug.
inline constexpr std::string_view kProviderAddress = "registry.terraform.io/ariga/atlas";

enum class Network { kUnix, kTcp };

enum class ServeMode {
  kNormal,  // launched by Terraform: cookie, handshake line, optional AutoMTLS, ignores SIGINT
  kDebug,   // started by a human: plaintext, prints TF_REATTACH_PROVIDERS, stops on SIGINT/SIGTERM
};

struct ServeOptions {
  ServeMode mode = ServeMode::kNormal;
  bool has_magic_cookie = false;  // TF_PLUGIN_MAGIC_COOKIE present at all
  std::string magic_cookie;       // its value
  std::string protocol_versions;  // PLUGIN_PROTOCOL_VERSIONS raw value ("" when unset)
  std::string client_cert_pem;    // PLUGIN_CLIENT_CERT; empty => plaintext
  Network network = Network::kUnix;
  std::string network_error;        // non-empty when ATLAS_PLUGIN_NETWORK has an unknown value
  std::string explicit_socket_dir;  // PLUGIN_UNIX_SOCKET_DIR ("" when unset)
  std::string temp_dir;             // $TMPDIR, else "/tmp"
  std::string socket_group;         // PLUGIN_UNIX_SOCKET_GROUP (name or gid), optional
  int min_port = 10000;
  int max_port = 25000;
  // Install SIGTERM/SIGINT handling in Serve. Off for in-process servers (tests, -selfcheck).
  bool handle_signals = true;
};

ServeOptions ServeOptionsFromEnv(const EnvironmentMap& env);

}  // namespace atlas::provider::plugin
