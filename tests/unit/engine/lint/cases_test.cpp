// Data-driven lint cases: every tests/cases/lint/<driver>/<name>.txtar is one test. A case holds a
// migration directory (`-- migrations/<file>.sql --` sections), an optional project file
// (`-- atlas.hcl --`, its top-level `lint {}` block configures the analyzers) and the expected
// findings (`-- expected --`), one line per diagnostic:
//
//   <file>:<line>: <CODE> <error|warning>: <text>
//     fix: <suggested fix>
//
// An empty `expected` section means the case must not trigger anything (a false-positive guard).
// Lines before the first section are a free-text description. `-- latest --` (a number) lints
// only the last N files. The files are linted with MigrateOps::Lint on a real dev database:
// SQLite files, and PostgreSQL 15 / MariaDB servers the harness starts (skipped with a message
// when the server binaries are absent). ATLAS_UPDATE_GOLDEN=1 rewrites `expected` with what was
// found; review the diff before committing.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "engine/lint/config.hpp"
#include "engine/ops/migrate_ops.hpp"
#include "tests/support/mariadb_server.hpp"
#include "tests/support/postgres_environment.hpp"

namespace atlas::engine::lint {
namespace {

namespace fs = std::filesystem;

struct Section {
  std::string name;
  std::string content;
};

struct Case {
  std::string driver;  // directory name: sqlite, postgres, mysql
  std::string name;    // file stem
  fs::path path;
};

// Test names already say driver and case; failures print the path.
void PrintTo(const Case& c, std::ostream* os) { *os << c.path.string(); }

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// txtar: "-- name --" lines start sections; what precedes the first one is the comment.
std::vector<Section> ParseTxtar(const std::string& text, std::string* comment) {
  std::vector<Section> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() > 6 && line.rfind("-- ", 0) == 0 && line.compare(line.size() - 3, 3, " --") == 0) {
      out.push_back({line.substr(3, line.size() - 6), ""});
      continue;
    }
    if (out.empty()) {
      *comment += line + "\n";
    } else {
      out.back().content += line + "\n";
    }
  }
  return out;
}

std::vector<Case> DiscoverCases() {
  std::vector<Case> out;
  const fs::path root = fs::path(ATLAS_SOURCE_DIR) / "tests" / "cases" / "lint";
  std::error_code ec;
  for (const auto& driver : {"sqlite", "postgres", "mysql"}) {
    const fs::path dir = root / driver;
    if (!fs::is_directory(dir, ec)) {
      continue;
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".txtar") {
        out.push_back({driver, entry.path().stem().string(), entry.path()});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) {
    return std::tie(a.driver, a.name) < std::tie(b.driver, b.name);
  });
  return out;
}

std::string Render(const ops::MigrateLintResult& res) {
  std::string out;
  for (const auto& f : res.files) {
    for (const auto& r : f.reports) {
      for (const auto& d : r.diagnostics) {
        out += f.name + ":" + std::to_string(d.line) + ": " + d.code + " " +
               (r.error ? "error" : "warning") + ": " + d.text + "\n";
        if (!d.fix.empty()) {
          out += "  fix: " + d.fix + "\n";
        }
      }
    }
  }
  return out;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
    s.pop_back();
  }
  size_t start = 0;
  while (start < s.size() && s[start] == '\n') {
    ++start;
  }
  return s.substr(start);
}

class LintCaseTest : public ::testing::TestWithParam<Case> {
 protected:
  void TearDown() override {
    if (!cleanup_db_.empty()) {
      if (GetParam().driver == "postgres" && pg_ != nullptr) {
        (void)pg_->DropDatabase(cleanup_db_);
      } else if (GetParam().driver == "mysql" && maria_ != nullptr) {
        (void)maria_->DropDatabase(cleanup_db_);
      }
    }
    if (!root_.empty()) {
      fs::remove_all(root_);
    }
  }

  // A fresh dev database URL for the case's driver; "" with the test skipped or failed.
  std::string DevUrl() {
    const std::string& driver = GetParam().driver;
    std::random_device rd;
    cleanup_db_ = "lint_" + std::to_string(rd() % 1000000000U);
    bool skip = false;
    std::string why;
    if (driver == "sqlite") {
      cleanup_db_.clear();
      return "sqlite://" + (fs::path(root_) / "dev.db").string();
    }
    if (driver == "postgres") {
      pg_ = tests::support::PostgresEnvironment::Instance().Server(&skip, &why);
      if (pg_ == nullptr) {
        return Unavailable(skip, "PostgreSQL", why);
      }
      const auto st = pg_->CreateDatabase(cleanup_db_);
      EXPECT_TRUE(st.ok()) << st.ErrorString();
      return st.ok() ? pg_->Url(cleanup_db_) : "";
    }
    maria_ = tests::support::MariaDbEnvironment::Instance().Server(&skip, &why);
    if (maria_ == nullptr) {
      return Unavailable(skip, "MariaDB", why);
    }
    const auto st = maria_->CreateDatabase(cleanup_db_);
    EXPECT_TRUE(st.ok()) << st.ErrorString();
    return st.ok() ? maria_->Url(cleanup_db_) : "";
  }

  std::string Unavailable(bool skip, const char* what, const std::string& why) {
    cleanup_db_.clear();
    if (skip) {
      skip_reason_ = std::string(what) + " is not installed: " + why;
    } else {
      ADD_FAILURE() << what << " did not start: " << why;
    }
    return "";
  }

  std::string root_;
  std::string cleanup_db_;
  std::string skip_reason_;
  const tests::support::PostgresServer* pg_ = nullptr;
  const tests::support::MariaDbServer* maria_ = nullptr;
};

TEST_P(LintCaseTest, Findings) {
  const Case& c = GetParam();
  const std::string text = ReadFile(c.path);
  std::string comment;
  const auto sections = ParseTxtar(text, &comment);
  std::random_device rd;
  root_ = (fs::temp_directory_path() / ("atlas-lint-case-" + std::to_string(rd()))).string();
  const fs::path migrations = fs::path(root_) / "migrations";
  fs::create_directories(migrations);

  ops::MigrateLintRequest req;
  req.dir = migrations.string();
  const Section* expected = nullptr;
  for (const auto& s : sections) {
    if (s.name == "expected") {
      expected = &s;
    } else if (s.name == "atlas.hcl") {
      auto cfg = ParseConfig(s.content, "atlas.hcl");
      ASSERT_TRUE(cfg.ok()) << cfg.ErrorString();
      req.lint = std::move(*cfg);
    } else if (s.name == "latest") {
      req.latest = static_cast<size_t>(std::stoul(Trim(s.content)));
    } else if (s.name.rfind("migrations/", 0) == 0) {
      std::ofstream(fs::path(root_) / s.name, std::ios::binary) << s.content;
    } else {
      FAIL() << c.path << ": unknown section \"" << s.name << "\"";
    }
  }
  ASSERT_NE(expected, nullptr) << c.path << ": no `-- expected --` section";
  const ops::MigrateOps engine;
  ASSERT_TRUE(engine.Hash(migrations.string()).ok());
  req.dev_url = DevUrl();
  if (!skip_reason_.empty()) {
    GTEST_SKIP() << skip_reason_;
  }
  if (HasFailure()) {
    return;
  }
  auto res = engine.Lint(req);
  ASSERT_TRUE(res.ok()) << res.ErrorString();
  const std::string got = Render(*res);
  if (std::getenv("ATLAS_UPDATE_GOLDEN") != nullptr) {
    std::string updated = comment;
    for (const auto& s : sections) {
      updated += "-- " + s.name + " --\n" + (s.name == "expected" ? got : s.content);
    }
    std::ofstream(c.path, std::ios::binary) << updated;
    return;
  }
  EXPECT_EQ(Trim(got), Trim(expected->content)) << c.path;
}

INSTANTIATE_TEST_SUITE_P(Cases, LintCaseTest, ::testing::ValuesIn(DiscoverCases()),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           std::string n = param.param.driver + "_" + param.param.name;
                           std::replace_if(
                               n.begin(), n.end(), [](char ch) { return !std::isalnum(ch); }, '_');
                           return n;
                         });

}  // namespace
}  // namespace atlas::engine::lint
