#include "tests/acceptance/handshake.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tests/acceptance/tls_cert.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  std::size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) {
    return {};
  }
  std::size_t e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

bool ParseInt(std::string_view s, int& out) {
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end && !s.empty();
}

}  // namespace

engine::base::Result<Handshake> ParseHandshake(std::string_view raw,
                                               const std::vector<int>& client_versions) {
  std::string_view line = Trim(raw);
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t bar = line.find('|', start);
    if (bar == std::string_view::npos) {
      parts.push_back(line.substr(start));
      break;
    }
    parts.push_back(line.substr(start, bar - start));
    start = bar + 1;
  }
  if (parts.size() < 4) {
    return Error(fmt::format("Unrecognized remote plugin message: {}", line),
                 "This usually means the plugin was not compiled for this architecture, the plugin "
                 "is missing dynamic-link libraries necessary to run, the plugin is not executable "
                 "by this process due to file permissions, or the plugin failed to negotiate the "
                 "initial go-plugin protocol handshake");
  }
  Handshake hs;
  hs.field_count = parts.size();
  if (!ParseInt(parts[0], hs.core_version)) {
    return Error("Error parsing core protocol version",
                 fmt::format("strconv.Atoi: parsing \"{}\": invalid syntax", parts[0]));
  }
  if (hs.core_version != 1) {
    return Error(fmt::format("Incompatible core API version with plugin. Plugin version: {}, Core "
                             "version: 1",
                             parts[0]));
  }
  if (!ParseInt(parts[1], hs.app_version)) {
    return Error("Error parsing protocol version",
                 fmt::format("strconv.Atoi: parsing \"{}\": invalid syntax", parts[1]));
  }
  if (std::find(client_versions.begin(), client_versions.end(), hs.app_version) ==
      client_versions.end()) {
    return Error(fmt::format("Incompatible API version with plugin. Plugin version: {}, Client "
                             "versions: [{}]",
                             hs.app_version, fmt::join(client_versions, " ")));
  }
  hs.network = parts[2];
  hs.address = parts[3];
  if (hs.network != "unix" && hs.network != "tcp") {
    return Error(fmt::format("Unknown address type: {}", hs.network));
  }
  hs.protocol = parts.size() >= 5 ? std::string(parts[4]) : std::string("netrpc");
  if (hs.protocol != "grpc") {
    return Error(fmt::format("Unsupported plugin protocol \"{}\". Supported: [grpc]", hs.protocol));
  }
  if (parts.size() >= 6) {
    hs.cert_field = parts[5];
  }
  if (hs.cert_field.size() > 50) {
    auto der = DecodeBase64(hs.cert_field);
    if (!der) {
      return Error(fmt::format("error parsing server cert: {}", der.ErrorString()));
    }
    if (hs.cert_field.find('=') != std::string::npos) {
      return Error("error parsing server cert: illegal base64 data (padding is not allowed)");
    }
    auto pem = DerCertToPem(*der);
    if (!pem) {
      return Error(fmt::format("error parsing server cert: {}", pem.ErrorString()));
    }
    hs.server_cert_der = std::move(der).value();
    hs.server_cert_pem = std::move(pem).value();
  }
  return hs;
}

}  // namespace atlas::tests::acceptance
