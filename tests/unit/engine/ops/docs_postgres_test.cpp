// Keeps docs/guides/postgresql.md true: every ```hcl example on the page is applied to an empty
// PostgreSQL 15 database through a dev database, and planning it again must yield no change.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/ops/schema_ops.hpp"
#include "tests/support/doc_examples.hpp"
#include "tests/support/postgres_environment.hpp"

namespace atlas::engine::ops {
namespace {

using tests::support::DocExample;

constexpr const char* kDocPath = ATLAS_SOURCE_DIR "/docs/guides/postgresql.md";

std::vector<DocExample> LoadExamples() {
  return tests::support::LoadHclExamples(kDocPath);
}

class PostgresDocsTest : public tests::support::PostgresTest,
                         public ::testing::WithParamInterface<DocExample> {
 protected:
  SchemaOps ops_;
};

TEST(PostgresDocsPageTest, HasAnExamplePerObjectSection) {
  const auto examples = LoadExamples();
  ASSERT_GE(examples.size(), 12U) << "examples missing from " << kDocPath;
}

TEST_P(PostgresDocsTest, ExampleAppliesAndReplansToNothing) {
  const DocExample& ex = GetParam();
  SchemaApplyRequest r;
  r.url = Url();
  r.dev_url = server().Url(CreateDatabase());
  r.desired.hcl = ex.hcl;
  auto applied = ops_.Apply(r);
  ASSERT_TRUE(applied.ok()) << "docs/guides/postgresql.md:" << ex.line << ": "
                            << applied.ErrorString();
  EXPECT_FALSE(applied->plan.empty()) << "the example created nothing";
  auto again = ops_.PlanApply(r);
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << "docs/guides/postgresql.md:" << ex.line << ": not converged:\n"
                              << again->ToSql();
}

INSTANTIATE_TEST_SUITE_P(Page, PostgresDocsTest, ::testing::ValuesIn(LoadExamples()),
                         [](const ::testing::TestParamInfo<DocExample>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace atlas::engine::ops
