// Keeps docs/guides/mysql.md true: every ```hcl example on the page is applied to an empty MariaDB
// database through a dev database (both schema-bound: the example's single schema stands for the
// test's database), and planning it again, with and without the dev database, must yield no
// change.

#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/ops/schema_ops.hpp"
#include "tests/support/mariadb_server.hpp"

namespace atlas::engine::ops {
namespace {

struct DocExample {
  std::string name;  // from the section heading, e.g. "foreign_keys"
  std::string hcl;
  int line = 0;  // 1-based line of the opening fence
};

std::ostream& operator<<(std::ostream& os, const DocExample& e) {
  return os << e.name;
}

constexpr const char* kDocPath = ATLAS_SOURCE_DIR "/docs/guides/mysql.md";

std::string Slug(const std::string& heading) {
  std::string out;
  for (const char c : heading) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  return out;
}

std::vector<DocExample> LoadExamples() {
  std::vector<DocExample> out;
  std::ifstream in(kDocPath);
  std::string line;
  std::string heading = "intro";
  int n = 0;
  bool inside = false;
  DocExample cur;
  while (std::getline(in, line)) {
    ++n;
    if (!inside && line.rfind("## ", 0) == 0) {
      heading = Slug(line.substr(3));
    } else if (!inside && line == "```hcl") {
      inside = true;
      cur = DocExample{heading, "", n};
    } else if (inside && line == "```") {
      inside = false;
      int same = 0;
      for (const auto& e : out) {
        same += e.name.rfind(heading, 0) == 0 ? 1 : 0;
      }
      if (same > 0) {
        cur.name += "_" + std::to_string(same + 1);
      }
      out.push_back(cur);
    } else if (inside) {
      cur.hcl += line + "\n";
    }
  }
  return out;
}

class MysqlDocsTest : public tests::support::MariaDbTest,
                      public ::testing::WithParamInterface<DocExample> {
 protected:
  SchemaOps ops_;
};

TEST(MysqlDocsPageTest, HasAnExamplePerObjectSection) {
  const auto examples = LoadExamples();
  ASSERT_GE(examples.size(), 14U) << "examples missing from " << kDocPath;
}

TEST_P(MysqlDocsTest, ExampleAppliesAndReplansToNothing) {
  const DocExample& ex = GetParam();
  SchemaApplyRequest r;
  r.url = Url();
  r.dev_url = server().Url(CreateDatabase());
  r.desired.hcl = ex.hcl;
  auto applied = ops_.Apply(r);
  ASSERT_TRUE(applied.ok()) << "docs/guides/mysql.md:" << ex.line << ": " << applied.ErrorString();
  EXPECT_FALSE(applied->plan.empty()) << "the example created nothing";
  auto again = ops_.PlanApply(r);
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << "docs/guides/mysql.md:" << ex.line << ": not converged:\n"
                              << again->ToSql();
  r.dev_url.clear();
  auto no_dev = ops_.PlanApply(r);
  ASSERT_TRUE(no_dev.ok()) << no_dev.ErrorString();
  EXPECT_TRUE(no_dev->empty()) << "docs/guides/mysql.md:" << ex.line
                               << ": not converged without a dev database:\n"
                               << no_dev->ToSql();
}

INSTANTIATE_TEST_SUITE_P(Page, MysqlDocsTest, ::testing::ValuesIn(LoadExamples()),
                         [](const ::testing::TestParamInfo<DocExample>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace atlas::engine::ops
