#include "provider/plugin/auto_mtls.hpp"

#include <array>
#include <ctime>
#include <memory>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace atlas::provider::plugin {
namespace {

using engine::base::Error;
using engine::base::Result;
using engine::base::Status;

template <auto Fn>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Fn(p);
  }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;

// Roughly 30 years, as go-plugin (262980 hours).
constexpr int kValidityDays = 262980 / 24;
constexpr int kBackdateSeconds = 30;
constexpr int kSerialBits = 128;

// Text of the most recent OpenSSL error (and clears the queue).
std::string OpenSslError() {
  std::string text;
  unsigned long code = 0;  // NOLINT(google-runtime-int): OpenSSL's type
  while ((code = ERR_get_error()) != 0) {
    std::array<char, 256> buf{};
    ERR_error_string_n(code, buf.data(), buf.size());
    if (!text.empty()) {
      text += "; ";
    }
    text += buf.data();
  }
  return text.empty() ? "unknown OpenSSL error" : text;
}

engine::base::Diagnostic CertError(std::string_view what) {
  return Error("Cannot generate the TLS certificate", std::string(what) + ": " + OpenSslError());
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);  // NOLINT(google-runtime-int): OpenSSL's type
  return len > 0 ? std::string(data, static_cast<size_t>(len)) : std::string();
}

bool AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

Result<X509Ptr> ParsePem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) {
    return Error("Invalid certificate", OpenSslError());
  }
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    return Error("Invalid certificate", "no PEM certificate could be parsed: " + OpenSslError());
  }
  return cert;
}

int64_t AsnTimeToUnix(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) {
    return 0;
  }
  return static_cast<int64_t>(timegm(&tm));
}

}  // namespace

Result<GeneratedCertificate> GenerateCertificate(CurveKind curve) {
  const char* group = curve == CurveKind::kP521 ? "P-521" : "P-256";
  const EVP_MD* digest = curve == CurveKind::kP521 ? EVP_sha512() : EVP_sha256();

  PKeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group));
  if (!key) {
    return CertError("generating the ECDSA key");
  }
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) {
    return CertError("creating the certificate");
  }

  BnPtr serial(BN_new());
  if (!serial || BN_rand(serial.get(), kSerialBits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) {
    return CertError("generating the serial number");
  }
  if (BN_is_zero(serial.get()) == 1) {
    BN_one(serial.get());
  }
  if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    return CertError("setting the serial number");
  }

  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kBackdateSeconds) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert.get()), kValidityDays, 0, nullptr) == nullptr) {
    return CertError("setting the validity period");
  }

  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* org = reinterpret_cast<const unsigned char*>("terraform-provider-atlas");
  const auto* cn = reinterpret_cast<const unsigned char*>("localhost");
  if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, org, -1, -1, 0) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1) {
    return CertError("setting the subject");
  }
  if (X509_set_pubkey(cert.get(), key.get()) != 1) {
    return CertError("setting the public key");
  }
  if (!AddExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") ||
      !AddExtension(cert.get(), NID_key_usage,
                    "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign") ||
      !AddExtension(cert.get(), NID_ext_key_usage, "serverAuth,clientAuth") ||
      !AddExtension(cert.get(), NID_subject_alt_name, "DNS:localhost") ||
      !AddExtension(cert.get(), NID_subject_key_identifier, "hash")) {
    return CertError("adding certificate extensions");
  }
  if (X509_sign(cert.get(), key.get(), digest) <= 0) {
    return CertError("signing the certificate");
  }

  GeneratedCertificate out;
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  if (!cert_bio || !key_bio || PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1) {
    return CertError("encoding PEM");
  }
  out.cert_pem = BioContents(cert_bio.get());
  out.key_pem = BioContents(key_bio.get());

  const int der_len = i2d_X509(cert.get(), nullptr);
  if (der_len <= 0) {
    return CertError("encoding DER");
  }
  out.cert_der.resize(static_cast<size_t>(der_len));
  auto* der_ptr = reinterpret_cast<unsigned char*>(out.cert_der.data());
  if (i2d_X509(cert.get(), &der_ptr) != der_len) {
    return CertError("encoding DER");
  }
  return out;
}

Result<std::string> DerCertificateToPem(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));  // NOLINT(google-runtime-int)
  if (!cert) {
    return Error("Invalid certificate",
                 "the bytes are not a DER X.509 certificate: " + OpenSslError());
  }
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) {
    return Error("Invalid certificate", "encoding PEM: " + OpenSslError());
  }
  return BioContents(bio.get());
}

Status ValidateCertificatePem(std::string_view pem) {
  auto cert = ParsePem(pem);
  if (!cert.ok()) {
    return std::move(cert).diags();
  }
  return Status::Ok();
}

Result<CertificateInfo> InspectCertificatePem(std::string_view pem) {
  auto parsed = ParsePem(pem);
  if (!parsed.ok()) {
    return std::move(parsed).diags();
  }
  X509* cert = parsed->get();
  CertificateInfo info;

  GeneralNamesPtr names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (names) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
      const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
      if (gn->type == GEN_DNS) {
        const ASN1_IA5STRING* s = gn->d.dNSName;
        info.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                    static_cast<size_t>(ASN1_STRING_length(s)));
      }
    }
  }
  std::array<char, 256> cn{};
  if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn.data(),
                                static_cast<int>(cn.size())) > 0) {
    info.common_name = cn.data();
  }

  info.is_ca = X509_check_ca(cert) > 0 && (X509_get_extension_flags(cert) & EXFLAG_CA) != 0;
  const int bc_index = X509_get_ext_by_NID(cert, NID_basic_constraints, -1);
  if (bc_index >= 0) {
    info.basic_constraints_critical =
        X509_EXTENSION_get_critical(X509_get_ext(cert, bc_index)) == 1;
  }
  const uint32_t ku = X509_get_key_usage(cert);
  info.key_usage_digital_signature = (ku & KU_DIGITAL_SIGNATURE) != 0;
  info.key_usage_key_encipherment = (ku & KU_KEY_ENCIPHERMENT) != 0;
  info.key_usage_key_agreement = (ku & KU_KEY_AGREEMENT) != 0;
  info.key_usage_cert_sign = (ku & KU_KEY_CERT_SIGN) != 0;
  const uint32_t xku = X509_get_extended_key_usage(cert);
  info.eku_server_auth = (xku & XKU_SSL_SERVER) != 0;
  info.eku_client_auth = (xku & XKU_SSL_CLIENT) != 0;

  BnPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  if (serial) {
    info.serial_positive = BN_is_negative(serial.get()) == 0 && BN_is_zero(serial.get()) == 0;
    info.serial_bits = BN_num_bits(serial.get());
  }
  info.not_before_unix = AsnTimeToUnix(X509_get0_notBefore(cert));
  info.not_after_unix = AsnTimeToUnix(X509_get0_notAfter(cert));

  EVP_PKEY* key = X509_get0_pubkey(cert);
  std::array<char, 64> group{};
  size_t group_len = 0;
  if (key != nullptr && EVP_PKEY_get_group_name(key, group.data(), group.size(), &group_len) == 1) {
    info.curve.assign(group.data(), group_len);
  }
  return info;
}

}  // namespace atlas::provider::plugin
