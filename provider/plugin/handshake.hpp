#pragma once
// The go-plugin handshake: protocol version negotiation, the line printed on stdout for Terraform,
// and the TF_REATTACH_PROVIDERS line printed in -debug mode (docs/terraform-plugin-protocol.md
// §1.3, §1.8). Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "provider/plugin/serve_options.hpp"

namespace atlas::provider::plugin {

inline constexpr int kCoreProtocolVersion = 1;  // go-plugin core protocol (first handshake field)
inline constexpr int kAppProtocolVersion = 6;   // tfplugin6

// Parses a PLUGIN_PROTOCOL_VERSIONS value ("5,6"): comma-separated integers, spaces allowed;
// entries that are not integers are skipped, as go-plugin does.
std::vector<int> ParseProtocolVersions(std::string_view value);

// Picks the protocol version to serve. An empty value means the host did not say (go-plugin then
// uses the server's own version): 6. Otherwise 6 must be in the list, else an error naming the
// versions offered.
engine::base::Result<int> NegotiateProtocolVersion(std::string_view plugin_protocol_versions);

// "1|6|unix|/tmp/plugin123|grpc|<cert>" (no trailing newline). `cert_base64` is the server
// certificate's DER in unpadded standard base64, or empty when TLS is off.
std::string HandshakeLine(int app_version, Network network, std::string_view address,
                          std::string_view cert_base64);

// "unix" / "tcp".
std::string_view NetworkName(Network network);

// Standard base64 without '=' padding or line breaks (Go's base64.RawStdEncoding).
std::string EncodeBase64Raw(std::string_view bytes);

// Decodes standard base64, with or without padding. Fails on characters outside the alphabet.
engine::base::Result<std::string> DecodeBase64(std::string_view text);

// The JSON value of TF_REATTACH_PROVIDERS for one provider served at `address`.
std::string ReattachJson(std::string_view provider_address, int pid, Network network,
                         std::string_view address);

// "TF_REATTACH_PROVIDERS='<json>'" ready to paste into a shell (no trailing newline).
std::string ReattachLine(std::string_view provider_address, int pid, Network network,
                         std::string_view address);

}  // namespace atlas::provider::plugin
