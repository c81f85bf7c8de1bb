#include "tests/acceptance/tls_cert.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <ctime>
#include <memory>
#include <utility>

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

void FreeGeneralNames(GENERAL_NAMES* names) { GENERAL_NAMES_free(names); }
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES, FreeGeneralNames>>;

std::string OpenSslError() {
  std::string out;
  unsigned long code = 0;  // NOLINT(google-runtime-int): OpenSSL API type
  std::array<char, 256> buf{};
  while ((code = ERR_get_error()) != 0) {
    ERR_error_string_n(code, buf.data(), buf.size());
    if (!out.empty()) {
      out += "; ";
    }
    out += buf.data();
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);  // NOLINT(google-runtime-int): OpenSSL API type
  return std::string(data, static_cast<std::size_t>(len));
}

bool AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
  return ext != nullptr && X509_add_ext(cert, ext.get(), -1) == 1;
}

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

long long AsnTimeToUnix(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) {
    return 0;
  }
  return static_cast<long long>(timegm(&tm));
}

}  // namespace

engine::base::Result<CertificatePair> GenerateSelfSignedCert(CurveKind curve) {
  const bool p521 = curve == CurveKind::kP521;
  PkeyPtr key(EVP_EC_gen(p521 ? "P-521" : "P-256"));
  if (!key) {
    return Error("generating ECDSA key", OpenSslError());
  }
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), 2) != 1) {
    return Error("creating certificate", OpenSslError());
  }
  BnPtr serial(BN_new());
  if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    return Error("generating serial", OpenSslError());
  }
  constexpr long kThirtyYears = 262980L * 3600L;  // NOLINT(google-runtime-int): OpenSSL API type
  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), -30) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), kThirtyYears) == nullptr) {
    return Error("setting validity", OpenSslError());
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* org = reinterpret_cast<const unsigned char*>("HashiCorp");
  const auto* cn = reinterpret_cast<const unsigned char*>("localhost");
  if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, org, -1, -1, 0) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key.get()) != 1) {
    return Error("setting names", OpenSslError());
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  if (!AddExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE") ||
      !AddExtension(cert.get(), &ctx, NID_key_usage,
                    "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign") ||
      !AddExtension(cert.get(), &ctx, NID_ext_key_usage, "clientAuth,serverAuth") ||
      !AddExtension(cert.get(), &ctx, NID_subject_alt_name, "DNS:localhost")) {
    return Error("adding extensions", OpenSslError());
  }
  if (X509_sign(cert.get(), key.get(), p521 ? EVP_sha512() : EVP_sha256()) == 0) {
    return Error("signing certificate", OpenSslError());
  }
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  if (!cert_bio || !key_bio || PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1) {
    return Error("encoding PEM", OpenSslError());
  }
  return CertificatePair{BioToString(cert_bio.get()), BioToString(key_bio.get())};
}

engine::base::Result<std::vector<unsigned char>> DecodeBase64(std::string_view text) {
  while (!text.empty() && text.back() == '=') {
    text.remove_suffix(1);
  }
  std::vector<unsigned char> out;
  out.reserve(text.size() * 3 / 4);
  unsigned int acc = 0;
  int bits = 0;
  for (char c : text) {
    std::size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) {
      return Error("invalid base64", std::string("unexpected character '") + c + "'");
    }
    acc = (acc << 6U) | static_cast<unsigned int>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((acc >> static_cast<unsigned int>(bits)) & 0xFFU));
    }
  }
  if (bits >= 6) {
    return Error("invalid base64", "truncated input");
  }
  return out;
}

std::string EncodeBase64Raw(const std::vector<unsigned char>& bytes) {
  std::string out;
  unsigned int acc = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    acc = (acc << 8U) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> static_cast<unsigned int>(bits)) & 0x3FU]);
    }
  }
  if (bits > 0) {
    out.push_back(kAlphabet[(acc << static_cast<unsigned int>(6 - bits)) & 0x3FU]);
  }
  return out;
}

engine::base::Result<std::string> DerCertToPem(const std::vector<unsigned char>& der) {
  const unsigned char* p = der.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));  // NOLINT(google-runtime-int)
  if (!cert) {
    return Error("error parsing server cert", OpenSslError());
  }
  if (p != der.data() + der.size()) {
    return Error("error parsing server cert", "trailing bytes after the DER certificate");
  }
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) {
    return Error("encoding PEM", OpenSslError());
  }
  return BioToString(bio.get());
}

engine::base::Result<CertificateInfo> InspectCertPem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) {
    return Error("parsing PEM certificate", OpenSslError());
  }
  CertificateInfo info;
  const X509_NAME* name = X509_get_subject_name(cert.get());
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    const char* sn = OBJ_nid2sn(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)));
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(e);
    if (!info.subject.empty()) {
      info.subject += ", ";
    }
    info.subject += std::string(sn) + "=" +
                    std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                                static_cast<std::size_t>(ASN1_STRING_length(data)));
  }
  NamesPtr names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr)));
  if (names) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
      const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
      if (gn->type == GEN_DNS) {
        const ASN1_IA5STRING* dns = gn->d.dNSName;
        info.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                                    static_cast<std::size_t>(ASN1_STRING_length(dns)));
      }
    }
  }
  uint32_t flags = X509_get_extension_flags(cert.get());
  info.is_ca = (flags & EXFLAG_CA) != 0;
  uint32_t xku = X509_get_extended_key_usage(cert.get());
  info.eku_server_auth = (xku & XKU_SSL_SERVER) != 0;
  info.eku_client_auth = (xku & XKU_SSL_CLIENT) != 0;
  uint32_t ku = X509_get_key_usage(cert.get());
  info.key_usage_digital_signature = (ku & KU_DIGITAL_SIGNATURE) != 0;
  info.key_usage_cert_sign = (ku & KU_KEY_CERT_SIGN) != 0;
  info.not_before_unix = AsnTimeToUnix(X509_get0_notBefore(cert.get()));
  info.not_after_unix = AsnTimeToUnix(X509_get0_notAfter(cert.get()));
  EVP_PKEY* pub = X509_get0_pubkey(cert.get());
  int id = pub != nullptr ? EVP_PKEY_get_base_id(pub) : NID_undef;
  info.key_type = id == EVP_PKEY_EC ? "EC" : id == EVP_PKEY_RSA ? "RSA" : id == EVP_PKEY_ED25519 ? "ED25519" : "other";
  return info;
}

}  // namespace atlas::tests::acceptance
