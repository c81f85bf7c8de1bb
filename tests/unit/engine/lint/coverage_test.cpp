// Keeps the lint promises checkable: every code of every driver's analyzer set is documented in
// docs/guides/lint.md, has a txtar case under tests/cases/lint/<driver>/ that triggers it, and a
// case named after it (`<code>_*.txtar`, lower case) that must not trigger it. A code that cannot be
// exercised on a driver's test server is listed in kExempt with the reason.

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "engine/drivers/mysql/lint.hpp"
#include "engine/drivers/postgres/lint.hpp"
#include "engine/drivers/sqlite/lint.hpp"

namespace atlas::engine::lint {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// driver -> code -> why it has no case there.
const std::map<std::string, std::map<std::string, std::string>>& Exempt() {
  static const std::map<std::string, std::map<std::string, std::string>> m = {
      {"sqlite",
       {{"DS101", "SQLite has no DROP SCHEMA (attached databases are not schemas)"},
        {"NM101", "SQLite has no CREATE SCHEMA"},
        {"MF102",
         "SQLite cannot alter an index: a migration drops and re-creates it (MF101); the "
         "declarative ModifyIndex is covered in lint_test.cpp"}}},
      {"mysql",
       {{"DS101", "the dev database URL is database-bound: no other schema to drop"},
        {"NM101", "the dev database URL is database-bound: no schema can be created"},
        {"MF103",
         "the cases run on MariaDB, which fills date/datetime/spatial columns (MY101); MySQL's "
         "MF103 is covered in mysql_lint_test.cpp"},
        {"MY102",
         "MariaDB 10.5+ creates inline REFERENCES as foreign keys; MySQL's MY102 is covered in "
         "mysql_lint_test.cpp"}}},
  };
  return m;
}

struct CaseText {
  std::string name;      // file stem
  std::string expected;  // the `-- expected --` section
};

std::vector<CaseText> CasesOf(const std::string& driver) {
  std::vector<CaseText> out;
  const fs::path dir = fs::path(ATLAS_SOURCE_DIR) / "tests" / "cases" / "lint" / driver;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return out;
  }
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".txtar") {
      continue;
    }
    const std::string text = ReadAll(e.path());
    const auto at = text.find("-- expected --\n");
    out.push_back({e.path().stem().string(),
                   at == std::string::npos ? "" : text.substr(at + 15)});
  }
  return out;
}

std::string Lower(std::string s) {
  for (auto& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

void CheckDriver(const std::string& driver, const Registry& registry) {
  const std::string docs = ReadAll(fs::path(ATLAS_SOURCE_DIR) / "docs" / "guides" / "lint.md");
  const auto cases = CasesOf(driver);
  const auto exempt = Exempt().count(driver) ? Exempt().at(driver)
                                             : std::map<std::string, std::string>{};
  for (const auto& a : registry.analyzers()) {
    EXPECT_NE(docs.find("`" + std::string(a->Name()) + "`"), std::string::npos)
        << "analyzer " << a->Name() << " is not named in docs/guides/lint.md";
    for (const auto code_view : a->Codes()) {
      const std::string code(code_view);
      EXPECT_NE(docs.find("| " + code + " |"), std::string::npos)
          << code << " has no row in docs/guides/lint.md";
      if (exempt.count(code) != 0) {
        continue;
      }
      bool triggers = false;
      bool guards = false;
      for (const auto& c : cases) {
        const bool found = c.expected.find(": " + code + " ") != std::string::npos;
        triggers = triggers || found;
        guards = guards || (c.name.rfind(Lower(code) + "_", 0) == 0 && !found);
      }
      EXPECT_TRUE(triggers) << driver << ": no case in tests/cases/lint/" << driver
                            << " triggers " << code;
      EXPECT_TRUE(guards) << driver << ": no case tests/cases/lint/" << driver << "/"
                          << Lower(code) << "_*.txtar that must not trigger it";
    }
  }
}

TEST(LintCoverageTest, SqliteCodesAreDocumentedAndHaveCases) {
  CheckDriver("sqlite", drivers::sqlite::LintAnalyzers());
}

TEST(LintCoverageTest, PostgresCodesAreDocumentedAndHaveCases) {
  CheckDriver("postgres", drivers::postgres::LintAnalyzers());
}

// The cases run on MariaDB (the server Debian ships); MySQL's set holds the same codes.
TEST(LintCoverageTest, MysqlCodesAreDocumentedAndHaveCases) {
  CheckDriver("mysql", drivers::mysql::LintAnalyzers(drivers::mysql::Flavor::kMariaDb, 101100));
}

}  // namespace
}  // namespace atlas::engine::lint
