#pragma once
// Self-signed certificates for go-plugin AutoMTLS, made the way go-plugin's mtls.go makes them:
// ECDSA key, O=HashiCorp CN=localhost, SAN DNS:localhost, CA:TRUE, key usage digitalSignature +
// keyEncipherment + keyAgreement + keyCertSign, EKU clientAuth + serverAuth, notBefore now-30s, ~30 years.
// Also the encodings the handshake needs (DER <-> PEM, unpadded standard base64).
// Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace atlas::tests::acceptance {

enum class CurveKind { kP256, kP521 };

struct CertificatePair {
  std::string cert_pem;  // "-----BEGIN CERTIFICATE-----..." with trailing newline
  std::string key_pem;   // PKCS#8 "-----BEGIN PRIVATE KEY-----..."
};

// A fresh key pair and self-signed certificate (P-521 signs with SHA-512, P-256 with SHA-256).
engine::base::Result<CertificatePair> GenerateSelfSignedCert(CurveKind curve = CurveKind::kP521);

// Decodes standard base64 with or without '=' padding (Go RawStdEncoding accepts none).
engine::base::Result<std::vector<unsigned char>> DecodeBase64(std::string_view text);
// Standard base64 without padding (Go RawStdEncoding).
std::string EncodeBase64Raw(const std::vector<unsigned char>& bytes);

// DER certificate -> PEM; fails when the bytes are not an X.509 certificate.
engine::base::Result<std::string> DerCertToPem(const std::vector<unsigned char>& der);

// Facts about a certificate, for assertions on the server certificate the provider presents.
struct CertificateInfo {
  std::string subject;          // one line, e.g. "O=HashiCorp, CN=localhost"
  std::vector<std::string> dns_names;
  bool is_ca = false;
  bool eku_server_auth = false;
  bool eku_client_auth = false;
  bool key_usage_digital_signature = false;
  bool key_usage_cert_sign = false;
  long long not_before_unix = 0;
  long long not_after_unix = 0;
  std::string key_type;         // "EC" or "RSA" or ...
};
engine::base::Result<CertificateInfo> InspectCertPem(std::string_view pem);

}  // namespace atlas::tests::acceptance
