// Keeps docs/guides/mysql.md true: every ```hcl example on the page is applied to an empty MariaDB
// database through a dev database (both schema-bound: the example's single schema stands for the
// test's database), and planning it again, with and without the dev database, must yield no
// change.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/ops/schema_ops.hpp"
#include "tests/support/doc_examples.hpp"
#include "tests/support/mariadb_server.hpp"

namespace atlas::engine::ops {
namespace {

using tests::support::DocExample;

constexpr const char* kDocPath = ATLAS_SOURCE_DIR "/docs/guides/mysql.md";

std::vector<DocExample> LoadExamples() {
  return tests::support::LoadHclExamples(kDocPath);
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
