#pragma once
// The go-plugin handshake line "CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT", parsed with the rules and
// error texts of go-plugin's client (terraform-plugin-protocol.md §1.3), plus the constants Terraform
// uses when it launches a provider. Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace atlas::tests::acceptance {

inline constexpr std::string_view kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr std::string_view kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

struct Handshake {
  int core_version = 0;
  int app_version = 0;
  std::string network;   // "unix" or "tcp"
  std::string address;   // socket path or host:port
  std::string protocol;  // "grpc"
  std::string cert_field;                      // field 6 as printed (may be empty)
  std::vector<unsigned char> server_cert_der;  // decoded field 6 when it is > 50 characters
  std::string server_cert_pem;                 // the same certificate in PEM
  std::size_t field_count = 0;
};

// Parses the first stdout line the way Terraform's go-plugin client does, accepting only what
// Terraform accepts: core 1, app version in `client_versions`, protocol grpc, network unix|tcp.
// Errors carry go-plugin's wording ("Unrecognized remote plugin message: ...",
// "Incompatible API version with plugin. ...", "error parsing server cert: ...").
engine::base::Result<Handshake> ParseHandshake(std::string_view line,
                                               const std::vector<int>& client_versions = {5, 6});

}  // namespace atlas::tests::acceptance
