#include "engine/base/hash.hpp"

#include <openssl/evp.h>

#include <memory>

#include "engine/base/result.hpp"

namespace atlas::engine::base {

uint32_t Fnv1_32(std::string_view data) {
  constexpr uint32_t kOffset = 2166136261U;
  constexpr uint32_t kPrime = 16777619U;
  uint32_t h = kOffset;
  for (const char c : data) {
    h *= kPrime;
    h ^= static_cast<uint8_t>(c);
  }
  return h;
}

std::array<uint8_t, 16> Fnv1_128(std::string_view data) {
  __extension__ typedef unsigned __int128 U128;  // GCC/Clang extension; exact 128-bit FNV
  const U128 offset = (static_cast<U128>(0x6c62272e07bb0142ULL) << 64) | 0x62b821756295c58dULL;
  const U128 prime = (static_cast<U128>(0x0000000001000000ULL) << 64) | 0x000000000000013BULL;
  U128 h = offset;
  for (const char c : data) {
    h *= prime;
    h ^= static_cast<uint8_t>(c);
  }
  std::array<uint8_t, 16> out{};
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<uint8_t>(h & 0xff);
    h >>= 8;
  }
  return out;
}

std::string Sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr);
  return {reinterpret_cast<const char*>(md.data()), len};
}

Sha256Hasher::Sha256Hasher() : ctx_(EVP_MD_CTX_new()) {
  ATLAS_CHECK(ctx_ != nullptr, "EVP_MD_CTX_new failed");
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr);
}
Sha256Hasher::~Sha256Hasher() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }
Sha256Hasher::Sha256Hasher(Sha256Hasher&& other) noexcept : ctx_(other.ctx_) { other.ctx_ = nullptr; }
Sha256Hasher& Sha256Hasher::operator=(Sha256Hasher&& other) noexcept {
  if (this != &other) {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
    ctx_ = other.ctx_;
    other.ctx_ = nullptr;
  }
  return *this;
}
void Sha256Hasher::Write(std::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}
std::string Sha256Hasher::Sum() const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> copy(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  ATLAS_CHECK(copy != nullptr, "EVP_MD_CTX_new failed");
  EVP_MD_CTX_copy_ex(copy.get(), static_cast<const EVP_MD_CTX*>(ctx_));
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(copy.get(), md.data(), &len);
  return {reinterpret_cast<const char*>(md.data()), len};
}

namespace {
constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Encode(std::string_view in, bool pad) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  while (i + 3 <= in.size()) {
    const uint32_t n = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8) |
                       static_cast<uint8_t>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
    i += 3;
  }
  const size_t rest = in.size() - i;
  if (rest == 1) {
    const uint32_t n = static_cast<uint8_t>(in[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (pad) {
      out += "==";
    }
  } else if (rest == 2) {
    const uint32_t n = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    if (pad) {
      out += "=";
    }
  }
  return out;
}
}  // namespace

std::string Base64Std(std::string_view bytes) { return Encode(bytes, true); }
std::string Base64RawStd(std::string_view bytes) { return Encode(bytes, false); }

std::string Hex(std::string_view bytes) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<uint8_t>(c);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace atlas::engine::base
