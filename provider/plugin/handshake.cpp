#include "provider/plugin/handshake.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace atlas::provider::plugin {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::vector<int> ParseProtocolVersions(std::string_view value) {
  std::vector<int> versions;
  while (!value.empty()) {
    const size_t comma = value.find(',');
    const std::string_view item = Trim(value.substr(0, comma));
    int v = 0;
    const char* end = item.data() + item.size();
    auto [ptr, ec] = std::from_chars(item.data(), end, v);
    if (!item.empty() && ec == std::errc() && ptr == end) {
      versions.push_back(v);
    }
    if (comma == std::string_view::npos) {
      break;
    }
    value.remove_prefix(comma + 1);
  }
  return versions;
}

engine::base::Result<int> NegotiateProtocolVersion(std::string_view plugin_protocol_versions) {
  if (Trim(plugin_protocol_versions).empty()) {
    return kAppProtocolVersion;
  }
  const std::vector<int> offered = ParseProtocolVersions(plugin_protocol_versions);
  if (std::find(offered.begin(), offered.end(), kAppProtocolVersion) != offered.end()) {
    return kAppProtocolVersion;
  }
  return engine::base::Error(
      "Incompatible plugin protocol",
      fmt::format("This provider speaks Terraform plugin protocol {}, but the host offered only "
                  "PLUGIN_PROTOCOL_VERSIONS=\"{}\". Protocol 6 needs Terraform v0.15.0 or later; "
                  "please upgrade Terraform.",
                  kAppProtocolVersion, plugin_protocol_versions));
}

std::string_view NetworkName(Network network) {
  return network == Network::kTcp ? "tcp" : "unix";
}

std::string HandshakeLine(int app_version, Network network, std::string_view address,
                          std::string_view cert_base64) {
  return fmt::format("{}|{}|{}|{}|grpc|{}", kCoreProtocolVersion, app_version, NetworkName(network),
                     address, cert_base64);
}

std::string EncodeBase64Raw(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned n = (byte(i) << 16U) | (byte(i + 1) << 8U) | byte(i + 2);
    out += kBase64Alphabet[(n >> 18U) & 63U];
    out += kBase64Alphabet[(n >> 12U) & 63U];
    out += kBase64Alphabet[(n >> 6U) & 63U];
    out += kBase64Alphabet[n & 63U];
  }
  const size_t rest = bytes.size() - i;
  if (rest == 1) {
    const unsigned n = byte(i) << 16U;
    out += kBase64Alphabet[(n >> 18U) & 63U];
    out += kBase64Alphabet[(n >> 12U) & 63U];
  } else if (rest == 2) {
    const unsigned n = (byte(i) << 16U) | (byte(i + 1) << 8U);
    out += kBase64Alphabet[(n >> 18U) & 63U];
    out += kBase64Alphabet[(n >> 12U) & 63U];
    out += kBase64Alphabet[(n >> 6U) & 63U];
  }
  return out;
}

engine::base::Result<std::string> DecodeBase64(std::string_view text) {
  while (!text.empty() && text.back() == '=') {
    text.remove_suffix(1);
  }
  if (text.size() % 4 == 1) {
    return engine::base::Error("Invalid base64", "the text has an impossible length");
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char c : text) {
    const size_t v = kBase64Alphabet.find(c);
    if (v == std::string_view::npos) {
      return engine::base::Error("Invalid base64", fmt::format("unexpected character 0x{:02x}",
                                                               static_cast<unsigned char>(c)));
    }
    acc = (acc << 6U) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> static_cast<unsigned>(bits)) & 0xFFU);
    }
  }
  return out;
}

std::string ReattachJson(std::string_view provider_address, int pid, Network network,
                         std::string_view address) {
  nlohmann::ordered_json entry;
  entry["Protocol"] = "grpc";
  entry["ProtocolVersion"] = kAppProtocolVersion;
  entry["Pid"] = pid;
  entry["Test"] = true;
  entry["Addr"] = {{"Network", std::string(NetworkName(network))},
                   {"String", std::string(address)}};
  nlohmann::ordered_json root;
  root[std::string(provider_address)] = entry;
  return root.dump();
}

std::string ReattachLine(std::string_view provider_address, int pid, Network network,
                         std::string_view address) {
  // Single-quoted for a POSIX shell; a quote inside (an odd socket path) becomes '\''.
  std::string quoted;
  for (char c : ReattachJson(provider_address, pid, network, address)) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return "TF_REATTACH_PROVIDERS='" + quoted + "'";
}

}  // namespace atlas::provider::plugin
