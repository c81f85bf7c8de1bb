// Lint analyzers on handwritten change lists: per code one triggering and one non-triggering
// input with the exact Atlas text, plus the registry's order and duplicate-code refusal.

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/drivers/mysql/lint.hpp"
#include "engine/drivers/sqlite/lint.hpp"
#include "engine/lint/registry.hpp"
#include "tests/unit/engine/lint/builders.hpp"

namespace atlas::engine::lint {
namespace {

using schema::Change;
using schema::TableChange;

using builders::Col;
using builders::Idx;
using builders::Tbl;

Change Modify(std::string table, std::vector<TableChange> changes) {
  schema::ModifyTable m;
  m.schema = "main";
  m.from = Tbl(table);
  m.to = Tbl(std::move(table));
  m.changes = std::move(changes);
  return m;
}

class LintTest : public ::testing::Test {
 protected:
  // The generic analyzers with a dialect-free MF103 hook (the type as declared); "sqlite" and
  // "mysql" runs use those drivers' analyzer sets (MySQL 8.0.19).
  LintTest() {
    DataDependHooks hooks;
    hooks.add_not_null = [](const ColumnPass& p) {
      return std::vector<Diagnostic>{NotNullWillFail(p, p.column.type.raw)};
    };
    RegisterBuiltinAnalyzers(registry_, hooks);
  }

  std::vector<Report> Run(const std::vector<Change>& changes, std::string_view dialect = "postgres",
                          const std::vector<plan::Statement>& statements = {}) const {
    Pass pass;
    pass.changes = changes;
    pass.dialect = dialect;
    pass.statements = statements;
    if (dialect == "sqlite") {
      return drivers::sqlite::LintAnalyzers().Run(pass);
    }
    if (dialect == "mysql") {
      return drivers::mysql::LintAnalyzers(drivers::mysql::Flavor::kMysql, 80019).Run(pass);
    }
    return registry_.Run(pass);
  }

  // The only diagnostic of the only report.
  static Diagnostic Only(const std::vector<Report>& reports, const std::string& text) {
    EXPECT_EQ(reports.size(), 1U);
    if (reports.size() != 1 || reports[0].diagnostics.size() != 1) {
      ADD_FAILURE() << "expected exactly one diagnostic";
      return {};
    }
    EXPECT_EQ(reports[0].text, text);
    return reports[0].diagnostics[0];
  }

  Registry registry_;
};

TEST_F(LintTest, RegistryKeepsAtlasOrder) {
  std::vector<std::string_view> names;
  for (const auto& a : registry_.analyzers()) {
    names.emplace_back(a->Name());
  }
  EXPECT_EQ(names, (std::vector<std::string_view>{"destructive", "data_depend", "condrop",
                                                  "incompatible", "naming"}));
  EXPECT_TRUE(registry_.analyzers()[0]->Error());
  EXPECT_FALSE(registry_.analyzers()[1]->Error());
}

class FakeAnalyzer final : public Analyzer {
 public:
  FakeAnalyzer(std::string name, std::string code)
      : name_(std::move(name)), code_(std::move(code)) {}
  std::string_view Name() const override { return name_; }
  std::vector<std::string_view> Codes() const override { return {code_}; }
  void Analyze(const Pass& /*pass*/, Report& /*report*/) const override {}

 private:
  std::string name_;
  std::string code_;
};

TEST_F(LintTest, RegistryRefusesDuplicateCode) {
  const auto st = registry_.Register(std::make_unique<FakeAnalyzer>("fake", "DS102"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(
      st.ErrorString(),
      "Duplicate lint code: code DS102 of analyzer \"fake\" is already registered by analyzer "
      "\"destructive\"");
  EXPECT_EQ(registry_.analyzers().size(), 5U);
}

TEST_F(LintTest, RegistryRefusesDuplicateName) {
  const auto st = registry_.Register(std::make_unique<FakeAnalyzer>("condrop", "XX101"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.ErrorString(),
            "Duplicate lint analyzer: an analyzer named \"condrop\" is already registered");
  EXPECT_TRUE(registry_.Register(std::make_unique<FakeAnalyzer>("fake", "XX101")).ok());
}

TEST_F(LintTest, NoChangesNoReports) {
  EXPECT_TRUE(Run({}).empty());
}

TEST_F(LintTest, DS101DropEmptySchema) {
  schema::Schema s;
  s.name = "app";
  const auto d = Only(Run({schema::DropSchema{s}}), "destructive changes detected");
  EXPECT_EQ(d, (Diagnostic{"DS101", "Dropping schema \"app\"", "", 0, -1}));
  EXPECT_EQ(d.Link(), "https://atlasgo.io/lint/analyzers#DS101");
}

TEST_F(LintTest, DS101DropNonEmptySchema) {
  schema::Schema s;
  s.name = "app";
  s.tables.push_back(Tbl("a"));
  EXPECT_EQ(Only(Run({schema::DropSchema{s}}), "destructive changes detected").text,
            "Dropping non-empty schema \"app\" with 1 table");
  s.tables.push_back(Tbl("b"));
  // The tables of a dropped schema are not reported again (DS102).
  const auto reports = Run({schema::DropSchema{s}, schema::DropTable{"app", Tbl("a")}});
  EXPECT_EQ(Only(reports, "destructive changes detected").text,
            "Dropping non-empty schema \"app\" with 2 tables");
}

TEST_F(LintTest, DS101NotOnAddSchema) {
  schema::Schema s;
  s.name = "app";
  EXPECT_TRUE(Run({schema::AddSchema{s}}).empty());
}

TEST_F(LintTest, DS102DropTable) {
  const std::vector<plan::Statement> stmts = {{"CREATE TABLE x", "", "", true, 0},
                                              {"DROP TABLE t", "", "", true, 1},
                                              {"DROP TABLE t2", "", "", true, 1}};
  const auto reports = Run(
      {schema::AddTable{"main", Tbl("x")}, schema::DropTable{"main", Tbl("t")}}, "sqlite", stmts);
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].analyzer, "destructive");
  EXPECT_TRUE(reports[0].error);
  EXPECT_EQ(
      Only(reports, "destructive changes detected"),
      (Diagnostic{"DS102", "Dropping table \"t\"",
                  "Add a pre-migration check to ensure table \"t\" is empty before dropping it", 1,
                  1}));
}

TEST_F(LintTest, DS102QuotesLikeGo) {
  EXPECT_EQ(
      Only(Run({schema::DropTable{"main", Tbl("we\"ird\\")}}), "destructive changes detected").text,
      "Dropping table \"we\\\"ird\\\\\"");
}

TEST_F(LintTest, DS102NotOnAddTable) {
  EXPECT_TRUE(Run({schema::AddTable{"main", Tbl("t")}}).empty());
}

TEST_F(LintTest, DS103DropOneColumn) {
  EXPECT_EQ(
      Only(Run({Modify("t", {schema::DropColumn{Col("c", "int")}})}),
           "destructive changes detected"),
      (Diagnostic{"DS103", "Dropping non-virtual column \"c\"",
                  "Add a pre-migration check to ensure column \"c\" is NULL before dropping it", 0,
                  -1}));
}

TEST_F(LintTest, DS103DropManyColumns) {
  const auto d = Only(
      Run({Modify("t", {schema::DropColumn{Col("a", "int")}, schema::DropColumn{Col("b", "int")},
                        schema::DropColumn{Col("c", "int")}})}),
      "destructive changes detected");
  EXPECT_EQ(d.text, "Dropping non-virtual columns \"a\", \"b\" and \"c\"");
  EXPECT_EQ(d.suggested_fix,
            "Add pre-migration checks to ensure columns \"a\", \"b\" and \"c\" are NULL before "
            "dropping them");
}

TEST_F(LintTest, DS103NotOnVirtualColumn) {
  auto virt = Col("v", "int");
  virt.generated = schema::Generated{"a + 1", false};
  EXPECT_TRUE(
      Run({Modify("t", {schema::DropColumn{virt}, schema::AddColumn{Col("n", "int")}})}).empty());
  auto stored = virt;
  stored.generated->stored = true;
  EXPECT_EQ(
      Only(Run({Modify("t", {schema::DropColumn{stored}})}), "destructive changes detected").text,
      "Dropping non-virtual column \"v\"");
}

TEST_F(LintTest, MF101UniqueIndexOnExistingColumn) {
  const auto reports =
      Run({Modify("users", {schema::AddIndex{Idx("email_idx", {"email"}, true)}})});
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_FALSE(reports[0].error);
  EXPECT_EQ(
      Only(reports, "data dependent changes detected").text,
      "Adding a unique index \"email_idx\" on table \"users\" might fail in case column \"email\" "
      "contains duplicate entries");
}

TEST_F(LintTest, MF101PluralNamesOnlyExistingColumns) {
  const auto reports =
      Run({Modify("users", {schema::AddColumn{Col("c", "int")},
                            schema::AddIndex{Idx("abc", {"a", "b", "c"}, true)}})});
  EXPECT_EQ(Only(reports, "data dependent changes detected").text,
            "Adding a unique index \"abc\" on table \"users\" might fail in case columns \"a\", "
            "\"b\" contain "
            "duplicate entries");
}

TEST_F(LintTest, MF101NotOnNewColumnsPlainIndexOrReplacedUnique) {
  EXPECT_TRUE(Run({Modify("users", {schema::AddColumn{Col("c", "int")},
                                    schema::AddIndex{Idx("c_idx", {"c"}, true)}})})
                  .empty());
  EXPECT_TRUE(Run({Modify("users", {schema::AddIndex{Idx("a_idx", {"a"}, false)}})}).empty());
  // Replacing a unique index by one on the same columns (or plus new columns) cannot fail.
  EXPECT_TRUE(Run({Modify("users", {schema::DropIndex{Idx("ab_old", {"a", "b"}, true)},
                                    schema::AddIndex{Idx("ab", {"b", "a"}, true)}})})
                  .empty());
  EXPECT_TRUE(Run({Modify("users", {schema::AddColumn{Col("c", "int")},
                                    schema::DropIndex{Idx("a_old", {"a"}, true)},
                                    schema::AddIndex{Idx("ac", {"a", "c"}, true)}})})
                  .empty());
}

TEST_F(LintTest, MF102ModifyIndexToUnique) {
  const auto from = Idx("i", {"a"}, false);
  const auto to = Idx("i", {"a"}, true);
  EXPECT_EQ(Only(Run({Modify("t", {schema::ModifyIndex{from, to, schema::kChangeUnique}})}),
                 "data dependent changes detected")
                .text,
            "Modifying an index \"i\" on table \"t\" might fail in case of duplicate entries");
  EXPECT_TRUE(Run({Modify("t", {schema::ModifyIndex{to, from, schema::kChangeUnique}})}).empty());
}

TEST_F(LintTest, MF103AddNotNullColumnWithoutDefault) {
  EXPECT_EQ(Only(Run({Modify("users", {schema::AddColumn{Col("age", "integer", false)}})}),
                 "data dependent changes detected")
                .text,
            "Adding a non-nullable \"integer\" column \"age\" will fail in case table \"users\" is "
            "not empty");
  EXPECT_EQ(Only(Run({Modify("users", {schema::AddColumn{Col("age", "int", false)}})}, "sqlite"),
                 "data dependent changes detected")
                .text,
            "Adding a non-nullable \"int\" column \"age\" will fail in case table \"users\" is not "
            "empty");
}

TEST_F(LintTest, MF103NotWithDefaultNullableNewTableOrMysqlImplicitValue) {
  auto with_default = Col("age", "integer", false);
  with_default.default_value = schema::Expr{schema::Expr::Kind::kLiteral, "0"};
  EXPECT_TRUE(Run({Modify("users", {schema::AddColumn{with_default}})}).empty());
  EXPECT_TRUE(Run({Modify("users", {schema::AddColumn{Col("age", "integer", true)}})}).empty());
  EXPECT_TRUE(
      Run({schema::AddTable{"main", Tbl("users", {Col("age", "integer", false)})}}).empty());
  // MySQL fills an int with 0 (MY101, mysql_lint_test.cpp) but refuses a DATETIME.
  EXPECT_EQ(Only(Run({Modify("users", {schema::AddColumn{Col("age", "int", false)}})}, "mysql"),
                 "data dependent changes detected")
                .code,
            "MY101");
  EXPECT_EQ(
      Only(Run({Modify("users", {schema::AddColumn{Col("at", "datetime(6)", false)}})}, "mysql"),
           "data dependent changes detected")
          .text,
      "Adding a non-nullable \"datetime\" column \"at\" will fail in case table \"users\" is not "
      "empty");
}

TEST_F(LintTest, MF104NullableToNotNull) {
  const auto from = Col("name", "text", true);
  const auto to = Col("name", "text", false);
  EXPECT_EQ(Only(Run({Modify("t", {schema::ModifyColumn{from, to, schema::kChangeNull}})}),
                 "data dependent changes detected")
                .text,
            "Modifying nullable column \"name\" to non-nullable might fail in case it contains "
            "NULL values");
  EXPECT_TRUE(Run({Modify("t", {schema::ModifyColumn{to, from, schema::kChangeNull}})}).empty());
}

TEST_F(LintTest, LT101SqliteNullableToNotNullWithoutDefault) {
  const auto from = Col("name", "text", true);
  auto to = Col("name", "text", false);
  const auto d =
      Only(Run({Modify("t", {schema::ModifyColumn{from, to, schema::kChangeNull}})}, "sqlite"),
           "data dependent changes detected");
  EXPECT_EQ(d.code, "LT101");
  EXPECT_EQ(d.text,
            "Modifying nullable column \"name\" to non-nullable without default value might fail "
            "in case it "
            "contains NULL values");
  to.default_value = schema::Expr{schema::Expr::Kind::kLiteral, "''"};
  EXPECT_TRUE(Run({Modify("t", {schema::ModifyColumn{
                                   from, to, schema::kChangeNull | schema::kChangeDefault}})},
                  "sqlite")
                  .empty());
}

TEST_F(LintTest, CD101DropForeignKey) {
  schema::ForeignKey fk;
  fk.name = "posts_author_fk";
  fk.columns = {"author_id"};
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  EXPECT_EQ(
      Only(Run({Modify("posts", {schema::DropForeignKey{fk}})}), "constraint deletion detected"),
      (Diagnostic{"CD101", "Dropping foreign-key constraint \"posts_author_fk\"", "", 0, -1}));
  // Dropped together with its column: only the column drop is reported.
  const auto reports = Run(
      {Modify("posts", {schema::DropForeignKey{fk}, schema::DropColumn{Col("author_id", "int")}})});
  EXPECT_EQ(Only(reports, "destructive changes detected").code, "DS103");
}

TEST_F(LintTest, BC101RenameTable) {
  EXPECT_EQ(Only(Run({schema::RenameTable{"main", Tbl("users"), Tbl("accounts")}}),
                 "backward incompatible changes detected"),
            (Diagnostic{"BC101", "Renaming table \"users\" to \"accounts\"", "", 0, -1}));
  EXPECT_TRUE(Run({schema::ModifyTable{"main", Tbl("users"), Tbl("users"), {}}}).empty());
}

TEST_F(LintTest, BC102RenameColumn) {
  EXPECT_EQ(Only(Run({Modify("t", {schema::RenameColumn{Col("a", "int"), Col("b", "int")}})}),
                 "backward incompatible changes detected")
                .text,
            "Renaming column \"a\" to \"b\"");
  // The old name is added back: old readers keep working.
  EXPECT_TRUE(Run({Modify("t", {schema::RenameColumn{Col("a", "int"), Col("b", "int")},
                                schema::AddColumn{Col("a", "int")}})})
                  .empty());
}

TEST_F(LintTest, ReportsFollowAnalyzerOrder) {
  schema::ForeignKey fk;
  fk.name = "fk";
  fk.columns = {"x"};
  const auto reports =
      Run({schema::RenameTable{"main", Tbl("a"), Tbl("b")},
           Modify("t", {schema::DropForeignKey{fk}, schema::AddColumn{Col("n", "int", false)}}),
           schema::DropTable{"main", Tbl("old")}});
  ASSERT_EQ(reports.size(), 4U);
  EXPECT_EQ(reports[0].text, "destructive changes detected");
  EXPECT_EQ(reports[1].text, "data dependent changes detected");
  EXPECT_EQ(reports[2].text, "constraint deletion detected");
  EXPECT_EQ(reports[3].text, "backward incompatible changes detected");
  EXPECT_EQ(reports[0].diagnostics[0].change_index, 2);
}

}  // namespace
}  // namespace atlas::engine::lint
