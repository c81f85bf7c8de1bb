#pragma once
// Hashing and base64 helpers shared by the engine and the provider: FNV-1 (32 and 128 bit, as Go's hash/fnv),
// SHA-256, standard base64 with or without padding. Pure functions; thread-safe.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace atlas::engine::base {

// Go hash/fnv New32 (FNV-1, not FNV-1a).
uint32_t Fnv1_32(std::string_view data);
// Go hash/fnv New128 (FNV-1) Sum(nil): 16 bytes big-endian.
std::array<uint8_t, 16> Fnv1_128(std::string_view data);

// SHA-256 digest (32 raw bytes).
std::string Sha256(std::string_view data);

// A running SHA-256: Write() feeds bytes; Sum() returns the digest of everything written so far
// without resetting (Go's hash.Hash Sum(nil)), as atlas.sum and Atlas's partial hashes need.
// Move-only; thread-compatible.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(Sha256Hasher&& other) noexcept;
  Sha256Hasher& operator=(Sha256Hasher&& other) noexcept;
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Write(std::string_view data);
  std::string Sum() const;  // 32 raw bytes

 private:
  void* ctx_;  // EVP_MD_CTX*, owned
};

// Standard base64 (RFC 4648 alphabet) with '=' padding (Go StdEncoding) or without (Go RawStdEncoding).
std::string Base64Std(std::string_view bytes);
std::string Base64RawStd(std::string_view bytes);

// Lower-case hex.
std::string Hex(std::string_view bytes);

}  // namespace atlas::engine::base
