// Migration directory and atlas.sum: Atlas's algorithm reproduced byte for byte on Atlas-written
// fixture directories, parsing, validation errors naming the file.

#include "engine/migrate/dir.hpp"

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

namespace atlas::engine::migrate {
namespace {

namespace fs = std::filesystem;

fs::path FixturesRoot() {
  for (fs::path p = fs::current_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
    if (fs::is_directory(p / "shared" / "fixtures" / "atlas-sum")) {
      return p / "shared" / "fixtures" / "atlas-sum";
    }
  }
  const fs::path fallback = fs::path(__FILE__).parent_path() / "../../../../../shared/fixtures/atlas-sum";
  return fs::is_directory(fallback) ? fallback : fs::path();
}

class AtlasSumFixtureTest : public ::testing::TestWithParam<const char*> {};

TEST_P(AtlasSumFixtureTest, ReproducesAtlasWrittenSumByteForByte) {
  const fs::path root = FixturesRoot();
  if (root.empty()) {
    GTEST_SKIP() << "../shared/fixtures/atlas-sum not found";
  }
  auto dir = ReadDir((root / GetParam()).string());
  ASSERT_TRUE(dir.ok()) << dir.ErrorString();
  ASSERT_TRUE(dir->sum.has_value());
  EXPECT_EQ(ComputeHashFile(dir->files).Text(), *dir->sum);
  EXPECT_TRUE(Validate(*dir).ok());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, AtlasSumFixtureTest,
                         ::testing::Values("baseline1", "baseline2", "provider-migrations"));

TEST(AtlasSumTest, RunningDigestWorkedExample) {
  // One running SHA-256 over name + bytes per file; each hash is base64 of the digest so far.
  // Expected values computed independently (Python hashlib + base64, same algorithm as Go's).
  const std::vector<File> files = {{"1_a.sql", "CREATE TABLE a (id int);\n"},
                                   {"2_b.sql", "CREATE TABLE b (id int);\n"}};
  const HashFile h = ComputeHashFile(files);
  EXPECT_EQ(h.Text(),
            "h1:suWOgEl4b8+ZGnGkyRcy2AueRtZKAkT6PdNTDiVWU88=\n"
            "1_a.sql h1:e72Wd39UNYY4sGrVkNYkCs4GRrWBQ0ASXh73rS+WpU4=\n"
            "2_b.sql h1:LYBzMWp8I1J0wb5WVXG/rhd1DXb0uUx/zp1eAIICVlY=\n");
  auto parsed = ParseHashFile(h.Text());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->sum, h.sum);
  EXPECT_EQ(parsed->files, h.files);
}

TEST(AtlasSumTest, SumIgnoreDirectiveContributesNameOnly) {
  const std::vector<File> files = {{"1_a.sql", "-- atlas:sum ignore\nSELECT 1;\n"}, {"2_b.sql", "SELECT 2;\n"}};
  const HashFile h = ComputeHashFile(files);
  ASSERT_EQ(h.files.size(), 1U);
  EXPECT_EQ(h.files[0].first, "2_b.sql");
  const HashFile without = ComputeHashFile({{"1_a.sql", ""}, {"2_b.sql", "SELECT 2;\n"}});
  EXPECT_EQ(h.files[0].second, without.files[1].second);
}

TEST(FileNameTest, VersionAndDescription) {
  EXPECT_EQ((File{"20240101000000_create_users.sql", ""}).Version(), "20240101000000");
  EXPECT_EQ((File{"20240101000000_create_users.sql", ""}).Description(), "create_users");
  EXPECT_EQ((File{"3.sql", ""}).Version(), "3");
  EXPECT_EQ((File{"3.sql", ""}).Description(), "");
}

class DirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("atlas-dir-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& content) { std::ofstream(dir_ / name) << content; }
  fs::path dir_;
};

TEST_F(DirTest, ReadsSqlFilesInLexicographicOrder) {
  Write("2_b.sql", "SELECT 2;");
  Write("10_c.sql", "SELECT 10;");
  Write("1_a.sql", "SELECT 1;");
  Write("README.md", "not a migration");
  auto d = ReadDir(dir_.string());
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->files.size(), 3U);
  EXPECT_EQ(d->files[0].name, "10_c.sql");  // lexicographic, as Atlas
  EXPECT_EQ(d->files[1].name, "1_a.sql");
  EXPECT_EQ(d->files[2].name, "2_b.sql");
  EXPECT_EQ(d->LatestVersion(), "2");
  EXPECT_FALSE(d->sum.has_value());
}

TEST_F(DirTest, ValidateNamesTheChangedFileAndSuggestsHash) {
  Write("1_a.sql", "CREATE TABLE a (id int);\n");
  Write("2_b.sql", "CREATE TABLE b (id int);\n");
  auto d = ReadDir(dir_.string());
  ASSERT_TRUE(WriteHashFile(*d).ok());
  d = ReadDir(dir_.string());
  EXPECT_TRUE(Validate(*d).ok());
  Write("2_b.sql", "CREATE TABLE b (id bigint);\n");
  d = ReadDir(dir_.string());
  const auto st = Validate(*d);
  ASSERT_FALSE(st.ok());
  const std::string msg = st.ErrorString();
  EXPECT_NE(msg.find("checksum mismatch"), std::string::npos) << msg;
  EXPECT_NE(msg.find("file 2_b.sql does not match its hash in atlas.sum"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("1_a.sql"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'atlas migrate hash'"), std::string::npos) << msg;
}

TEST_F(DirTest, ValidateReportsMissingSumAndUnlistedFiles) {
  Write("1_a.sql", "SELECT 1;\n");
  auto d = ReadDir(dir_.string());
  auto st = Validate(*d);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.ErrorString().find("checksum file not found"), std::string::npos);
  ASSERT_TRUE(WriteHashFile(*d).ok());
  Write("2_b.sql", "SELECT 2;\n");
  d = ReadDir(dir_.string());
  st = Validate(*d);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.ErrorString().find("file 2_b.sql is not listed in atlas.sum"), std::string::npos);
}

TEST_F(DirTest, MissingDirectoryIsAnError) {
  auto d = ReadDir((dir_ / "nope").string());
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.ErrorString().find("nope"), std::string::npos);
}

}  // namespace
}  // namespace atlas::engine::migrate
