// Enforces the architecture boundaries of STYLE.md §7.6 by scanning #include lines and string literals.

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

struct SourceFile {
  std::string rel;  // path relative to the repository root
  std::string text;
};

std::vector<SourceFile> Collect(const std::string& dir) {
  std::vector<SourceFile> out;
  const fs::path root(ATLAS_SOURCE_DIR);
  if (!fs::exists(root / dir)) {
    return out;
  }
  for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
    if (!e.is_regular_file()) {
      continue;
    }
    const auto ext = e.path().extension().string();
    if (ext != ".cpp" && ext != ".hpp") {
      continue;
    }
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back({fs::relative(e.path(), root).string(), ss.str()});
  }
  return out;
}

std::vector<std::string> Includes(const std::string& text) {
  static const std::regex kInclude(R"(#\s*include\s*[<"]([^>"]+)[>"])");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kInclude); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

bool StartsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

// "engine/drivers/sqlite/x.cpp" -> "sqlite"; "" when not in a driver folder.
std::string DriverOf(const std::string& path) {
  static const std::regex kDriver(R"(^engine/drivers/([a-z0-9_]+)/)");
  std::smatch m;
  if (std::regex_search(path, m, kDriver)) {
    return m[1].str();
  }
  return "";
}

TEST(LayeringTest, EngineKnowsNoTerraformGrpcOrProtobuf) {
  for (const auto& f : Collect("engine")) {
    for (const auto& inc : Includes(f.text)) {
      EXPECT_FALSE(StartsWith(inc, "provider/") || StartsWith(inc, "cli/") ||
                   StartsWith(inc, "tfplugin6") || StartsWith(inc, "grpc") ||
                   StartsWith(inc, "google/protobuf") || StartsWith(inc, "plugin/"))
          << f.rel << " includes " << inc;
    }
  }
}

TEST(LayeringTest, DriversDoNotIncludeEachOther) {
  for (const auto& f : Collect("engine/drivers")) {
    const std::string own = DriverOf(f.rel);
    if (own.empty()) {
      continue;
    }
    for (const auto& inc : Includes(f.text)) {
      const std::string other = DriverOf(inc);
      EXPECT_TRUE(other.empty() || other == own) << f.rel << " includes " << inc;
    }
  }
}

TEST(LayeringTest, ProviderUsesOnlyOpsBaseAndUrlFromEngine) {
  for (const auto& f : Collect("provider")) {
    for (const auto& inc : Includes(f.text)) {
      EXPECT_NE(inc, "libpq-fe.h") << f.rel;
      EXPECT_NE(inc, "mysql.h") << f.rel;
      EXPECT_NE(inc, "sqlite3.h") << f.rel;
      if (StartsWith(inc, "engine/")) {
        EXPECT_TRUE(StartsWith(inc, "engine/ops/") || StartsWith(inc, "engine/base/") ||
                    StartsWith(inc, "engine/url/"))
            << f.rel << " includes " << inc;
      }
    }
  }
}

TEST(LayeringTest, ProviderContainsNoSql) {
  static const std::regex kSqlLiteral(R"re("\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|SELECT)\s)re");
  for (const auto& f : Collect("provider")) {
    std::smatch m;
    EXPECT_FALSE(std::regex_search(f.text, m, kSqlLiteral))
        << f.rel << " contains an SQL string literal: " << m.str();
  }
}

}  // namespace
