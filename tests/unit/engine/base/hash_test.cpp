#include "engine/base/hash.hpp"

#include <string>

#include <gtest/gtest.h>

namespace atlas::engine::base {
namespace {

std::string Bytes(const std::array<uint8_t, 16>& a) {
  return {reinterpret_cast<const char*>(a.data()), a.size()};
}

TEST(HashTest, Fnv1_32MatchesGoVectors) {
  // Go: fnv.New32() of "" is the offset basis; of "a" is 0x050c5d7e.
  EXPECT_EQ(Fnv1_32(""), 0x811c9dc5U);
  EXPECT_EQ(Fnv1_32("a"), 0x050c5d7eU);
  EXPECT_EQ(Fnv1_32("atlas_migrate_execute"), Fnv1_32("atlas_migrate_execute"));
}

TEST(HashTest, Fnv1_128MatchesGoVectors) {
  // Go: fnv.New128() Sum(nil) of "" is the offset basis.
  EXPECT_EQ(Hex(Bytes(Fnv1_128(""))), "6c62272e07bb014262b821756295c58d");
  // Of "a": offset*prime xor 'a' (Go's hash/fnv test vector).
  EXPECT_EQ(Hex(Bytes(Fnv1_128("a"))), "d228cb69101a8caf78912b704e4a141e");
}

TEST(HashTest, Base64WithAndWithoutPadding) {
  EXPECT_EQ(Base64Std(""), "");
  EXPECT_EQ(Base64Std("f"), "Zg==");
  EXPECT_EQ(Base64Std("fo"), "Zm8=");
  EXPECT_EQ(Base64Std("foo"), "Zm9v");
  EXPECT_EQ(Base64RawStd("f"), "Zg");
  EXPECT_EQ(Base64RawStd("fo"), "Zm8");
  EXPECT_EQ(Base64RawStd("\xff\xfe"), "//4");
}

TEST(HashTest, Sha256) {
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace atlas::engine::base
