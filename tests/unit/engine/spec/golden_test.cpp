// Decode + print goldens: testdata/sqlite/N_name.hcl decodes and prints as
// testdata/sqlite/N_name.golden (ATLAS_UPDATE_GOLDEN=1 rewrites the goldens), and printing is a
// fixed point: print(decode(golden)) == golden.

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "engine/spec/decode.hpp"
#include "engine/spec/print.hpp"
#include "engine/spec/sqlite.hpp"

namespace atlas::engine::spec {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Dir() {
  return std::string(ATLAS_SOURCE_DIR) + "/tests/unit/engine/spec/testdata/sqlite/";
}

class SpecGoldenTest : public ::testing::TestWithParam<std::string> {
 protected:
  SqliteDialect dialect_;
};

TEST_P(SpecGoldenTest, DecodesAndPrints) {
  const std::string src = ReadFile(Dir() + GetParam() + ".hcl");
  ASSERT_FALSE(src.empty());
  auto realm = Decode(src, GetParam() + ".hcl", dialect_);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  const std::string got = Print(*realm, dialect_);
  const std::string golden_path = Dir() + GetParam() + ".golden";
  if (std::getenv("ATLAS_UPDATE_GOLDEN") !=
      nullptr) {  // NOLINT(concurrency-mt-unsafe): test setup only
    std::ofstream(golden_path, std::ios::binary) << got;
  }
  EXPECT_EQ(got, ReadFile(golden_path));
}

TEST_P(SpecGoldenTest, PrintIsAFixedPoint) {
  const std::string golden = ReadFile(Dir() + GetParam() + ".golden");
  ASSERT_FALSE(golden.empty());
  auto realm = Decode(golden, GetParam() + ".golden", dialect_);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  EXPECT_EQ(Print(*realm, dialect_), golden);
  // Decoding the printed form yields the same model as decoding the source.
  auto source_realm = Decode(ReadFile(Dir() + GetParam() + ".hcl"), "src.hcl", dialect_);
  ASSERT_TRUE(source_realm.ok()) << source_realm.ErrorString();
  auto again = Decode(Print(*source_realm, dialect_), "printed.hcl", dialect_);
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_EQ(Print(*again, dialect_), Print(*source_realm, dialect_));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SpecGoldenTest,
                         ::testing::Values("1_blog", "2_types", "3_views_triggers", "4_variables"));

}  // namespace
}  // namespace atlas::engine::spec
