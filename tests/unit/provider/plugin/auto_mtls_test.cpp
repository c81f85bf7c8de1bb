#include "provider/plugin/auto_mtls.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "provider/plugin/handshake.hpp"

namespace atlas::provider::plugin {
namespace {

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void ExpectGoPluginShape(const CertificateInfo& info) {
  EXPECT_EQ(info.dns_names, std::vector<std::string>{"localhost"});
  EXPECT_EQ(info.common_name, "localhost");
  EXPECT_TRUE(info.is_ca);
  EXPECT_TRUE(info.basic_constraints_critical);
  EXPECT_TRUE(info.eku_server_auth);
  EXPECT_TRUE(info.eku_client_auth);
  EXPECT_TRUE(info.key_usage_digital_signature);
  EXPECT_TRUE(info.key_usage_key_encipherment);
  EXPECT_TRUE(info.key_usage_key_agreement);
  EXPECT_TRUE(info.key_usage_cert_sign);
  EXPECT_TRUE(info.serial_positive);
  EXPECT_LE(info.serial_bits, 128);
  const int64_t now = NowUnix();
  EXPECT_LE(info.not_before_unix, now - 29);
  EXPECT_GE(info.not_before_unix, now - 35);
  EXPECT_GT(info.not_after_unix, now + 29LL * 365 * 24 * 3600);
}

TEST(AutoMtlsTest, P256CertificateHasGoPluginShape) {
  auto cert = GenerateCertificate(CurveKind::kP256);
  ASSERT_TRUE(cert.ok()) << cert.ErrorString();
  EXPECT_EQ(cert->cert_pem.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0U);
  EXPECT_EQ(cert->key_pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0U);
  auto info = InspectCertificatePem(cert->cert_pem);
  ASSERT_TRUE(info.ok()) << info.ErrorString();
  EXPECT_EQ(info->curve, "prime256v1");
  ExpectGoPluginShape(*info);
}

TEST(AutoMtlsTest, P521CertificateHasGoPluginShape) {
  auto cert = GenerateCertificate(CurveKind::kP521);
  ASSERT_TRUE(cert.ok()) << cert.ErrorString();
  auto info = InspectCertificatePem(cert->cert_pem);
  ASSERT_TRUE(info.ok()) << info.ErrorString();
  EXPECT_EQ(info->curve, "secp521r1");
  ExpectGoPluginShape(*info);
}

TEST(AutoMtlsTest, EveryCallMakesANewKeyAndSerial) {
  auto a = GenerateCertificate();
  auto b = GenerateCertificate();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->key_pem, b->key_pem);
  EXPECT_NE(a->cert_der, b->cert_der);
}

TEST(AutoMtlsTest, HandshakeFieldRoundTripsToTheSameCertificate) {
  auto cert = GenerateCertificate();
  ASSERT_TRUE(cert.ok());
  const std::string field = EncodeBase64Raw(cert->cert_der);
  EXPECT_EQ(field.find('='), std::string::npos);
  EXPECT_EQ(field.find('\n'), std::string::npos);
  EXPECT_GT(field.size(), 50U);  // go-plugin ignores a certificate field of 50 characters or less
  auto der = DecodeBase64(field);
  ASSERT_TRUE(der.ok());
  EXPECT_EQ(*der, cert->cert_der);
  auto pem = DerCertificateToPem(*der);
  ASSERT_TRUE(pem.ok());
  EXPECT_EQ(*pem, cert->cert_pem);
}

TEST(AutoMtlsTest, RejectsGarbage) {
  EXPECT_FALSE(DerCertificateToPem("not a certificate").ok());
  EXPECT_FALSE(
      ValidateCertificatePem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
          .ok());
  EXPECT_FALSE(InspectCertificatePem("").ok());
}

}  // namespace
}  // namespace atlas::provider::plugin
