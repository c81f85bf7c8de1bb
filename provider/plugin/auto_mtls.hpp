#pragma once
// AutoMTLS: the per-process server certificate a go-plugin plugin presents when the host sends
// PLUGIN_CLIENT_CERT (docs/terraform-plugin-protocol.md §1.4).
//
// GenerateCertificate makes, in memory, a fresh ECDSA key and a self-signed certificate shaped like
// go-plugin's mtls.go: CN=localhost, SAN DNS:localhost, CA:TRUE, key usage digitalSignature +
// keyEncipherment + keyAgreement
// + keyCertSign, EKU serverAuth + clientAuth, notBefore = now - 30 s, ~30 years validity, random
// positive 128-bit serial. Nothing is ever written to disk. The same function makes client
// certificates for tests and -selfcheck.
//
// Pure functions (OpenSSL 3 is thread-safe for these calls); thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace atlas::provider::plugin {

enum class CurveKind { kP256, kP521 };

struct GeneratedCertificate {
  std::string cert_pem;  // "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n"
  std::string key_pem;   // PKCS#8 "-----BEGIN PRIVATE KEY-----..."
  std::string cert_der;  // DER bytes of the certificate (what the handshake's 6th field encodes)
};

// P-256 signs with SHA-256, P-521 with SHA-512 (as go-plugin).
engine::base::Result<GeneratedCertificate> GenerateCertificate(CurveKind curve = CurveKind::kP256);

// DER certificate -> PEM; fails when the bytes are not an X.509 certificate.
engine::base::Result<std::string> DerCertificateToPem(std::string_view der);

// Checks that `pem` holds at least one parseable X.509 certificate (for PLUGIN_CLIENT_CERT).
engine::base::Status ValidateCertificatePem(std::string_view pem);

// Facts about a certificate, for tests and -selfcheck.
struct CertificateInfo {
  std::vector<std::string> dns_names;
  std::string common_name;
  bool is_ca = false;
  bool basic_constraints_critical = false;
  bool eku_server_auth = false;
  bool eku_client_auth = false;
  bool key_usage_digital_signature = false;
  bool key_usage_key_encipherment = false;
  bool key_usage_key_agreement = false;
  bool key_usage_cert_sign = false;
  bool serial_positive = false;
  int serial_bits = 0;
  int64_t not_before_unix = 0;
  int64_t not_after_unix = 0;
  std::string curve;  // "prime256v1", "secp521r1", ...
};
engine::base::Result<CertificateInfo> InspectCertificatePem(std::string_view pem);

}  // namespace atlas::provider::plugin
