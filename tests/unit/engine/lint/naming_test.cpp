// The naming analyzer (NM101-NM106) on handwritten change lists with policies parsed from
// atlas.hcl text, and the validation of analyzer options (bad patterns, misspelled options) with
// their file:line:col.

#include "engine/lint/analyzers/naming.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/drivers/sqlite/lint.hpp"
#include "engine/lint/config.hpp"
#include "engine/lint/registry.hpp"

namespace atlas::engine::lint {
namespace {

using schema::Change;
using schema::TableChange;

constexpr const char* kSnakeCase = R"hcl(
lint {
  naming {
    match   = "^[a-z_]+$"
    message = "must be snake case"
    index {
      match   = "^[a-z_]+_idx$"
      message = "must end with _idx"
    }
  }
}
)hcl";

schema::Column Col(std::string name) {
  schema::Column c;
  c.name = std::move(name);
  c.type.raw = "int";
  c.type.normalized = "int";
  return c;
}

schema::Index Idx(std::string name) {
  schema::Index i;
  i.name = std::move(name);
  schema::IndexPart p;
  p.column = "id";
  i.parts.push_back(std::move(p));
  return i;
}

schema::ForeignKey Fk(std::string name) {
  schema::ForeignKey fk;
  fk.name = std::move(name);
  fk.columns = {"owner_id"};
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  return fk;
}

schema::Check Ck(std::string name) {
  schema::Check c;
  c.name = std::move(name);
  c.expr = "id > 0";
  return c;
}

schema::Table Tbl(std::string name) {
  schema::Table t;
  t.name = std::move(name);
  return t;
}

Change AddTable(schema::Table t) {
  return schema::AddTable{"main", std::move(t)};
}

// A change of the existing table `table` (its name is not new, whatever it is).
Change Modify(std::string table, std::vector<TableChange> changes) {
  schema::ModifyTable m;
  m.schema = "main";
  m.from = Tbl(table);
  m.to = Tbl(std::move(table));
  m.changes = std::move(changes);
  return m;
}

class NamingTest : public ::testing::Test {
 protected:
  NamingTest() { EXPECT_TRUE(registry_.Register(NewNamingAnalyzer()).ok()); }

  // Parses `hcl` as atlas.hcl, validates it and runs the naming analyzer on `changes`.
  std::vector<Report> Run(const std::string& hcl, const std::vector<Change>& changes) {
    auto cfg = ParseConfig(hcl, "atlas.hcl");
    EXPECT_TRUE(cfg.ok()) << cfg.ErrorString();
    if (!cfg.ok()) {
      return {};
    }
    config_ = std::move(*cfg);
    const auto valid = registry_.Validate(config_);
    EXPECT_TRUE(valid.ok()) << valid.ErrorString();
    Pass pass;
    pass.changes = changes;
    pass.dialect = "sqlite";
    pass.config = &config_;
    return registry_.Run(pass);
  }

  // The texts of all findings, "CODE: text", in order.
  static std::vector<std::string> Texts(const std::vector<Report>& reports) {
    std::vector<std::string> out;
    for (const auto& r : reports) {
      for (const auto& d : r.diagnostics) {
        out.push_back(d.code + ": " + d.text);
      }
    }
    return out;
  }

  // The validation error of `hcl` ("" when valid) as "<file:line:col>: <summary>: <first line>".
  std::string ValidationError(const std::string& hcl, const Registry& registry) const {
    auto cfg = ParseConfig(hcl, "atlas.hcl");
    EXPECT_TRUE(cfg.ok()) << cfg.ErrorString();
    if (!cfg.ok()) {
      return "";
    }
    const auto st = registry.Validate(*cfg);
    if (st.ok()) {
      return "";
    }
    std::string out;
    for (const auto& d : st.diags()) {
      if (!out.empty()) {
        out += "\n";
      }
      EXPECT_TRUE(d.source.has_value()) << d.ToString();
      out += (d.source ? d.source->ToString() : std::string("?")) + ": " + d.summary + ": " +
             d.detail.substr(0, d.detail.find('\n'));
    }
    return out;
  }

  Registry registry_;
  Config config_;
};

TEST_F(NamingTest, WithoutNamingBlockReportsNothing) {
  const auto reports = Run("lint {\n  review = \"ERROR\"\n}\n", {AddTable(Tbl("BadTable"))});
  EXPECT_TRUE(reports.empty());
}

TEST_F(NamingTest, ReportTextSeverityAndChangeIndex) {
  schema::Schema s;
  s.name = "Billing";
  const auto reports = Run(kSnakeCase, {AddTable(Tbl("users")), schema::AddSchema{std::move(s)}});
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].analyzer, "naming");
  EXPECT_EQ(reports[0].text, "naming violations detected");
  EXPECT_FALSE(reports[0].error);
  ASSERT_EQ(reports[0].diagnostics.size(), 1U);
  EXPECT_EQ(reports[0].diagnostics[0],
            (Diagnostic{"NM101",
                        "Schema named \"Billing\" violates the naming policy: must be snake case",
                        "", 1, -1}));
}

TEST_F(NamingTest, NM101Schema) {
  schema::Schema bad;
  bad.name = "Billing";
  schema::Schema good;
  good.name = "billing";
  EXPECT_EQ(Texts(Run(kSnakeCase, {schema::AddSchema{bad}, schema::AddSchema{good}})),
            (std::vector<std::string>{
                "NM101: Schema named \"Billing\" violates the naming policy: must be snake case"}));
  // A schema that already exists is not the change's doing.
  schema::Schema before = bad;
  EXPECT_TRUE(Run(kSnakeCase, {schema::ModifySchema{before, bad, schema::kChangeComment}}).empty());
}

TEST_F(NamingTest, NM102TableAddedOrRenamed) {
  EXPECT_EQ(
      Texts(Run(kSnakeCase, {AddTable(Tbl("UserAccounts")), AddTable(Tbl("orders")),
                             schema::RenameTable{"main", Tbl("old"), Tbl("NewName")},
                             schema::RenameTable{"main", Tbl("Legacy"), Tbl("legacy")}})),
      (std::vector<std::string>{
          "NM102: Table named \"UserAccounts\" violates the naming policy: must be snake case",
          "NM102: Table named \"NewName\" violates the naming policy: must be snake case"}));
}

TEST_F(NamingTest, NM102PreexistingTableIsNotChecked) {
  EXPECT_TRUE(Run(kSnakeCase, {Modify("LegacyTable", {schema::AddColumn{Col("note")}}),
                               schema::DropTable{"main", Tbl("OtherLegacy")}})
                  .empty());
}

TEST_F(NamingTest, NM103ColumnInNewTableAddedOrRenamed) {
  schema::Table t = Tbl("users");
  t.columns = {Col("id"), Col("firstName")};
  EXPECT_EQ(
      Texts(Run(kSnakeCase,
                {AddTable(t),
                 Modify("LegacyTable",
                        {schema::AddColumn{Col("lastName")}, schema::AddColumn{Col("email")},
                         schema::RenameColumn{Col("a"), Col("Renamed")},
                         schema::ModifyColumn{Col("Typed"), Col("Typed"), schema::kChangeType},
                         schema::DropColumn{Col("Dropped")}})})),
      (std::vector<std::string>{
          "NM103: Column named \"firstName\" violates the naming policy: must be snake case",
          "NM103: Column named \"lastName\" violates the naming policy: must be snake case",
          "NM103: Column named \"Renamed\" violates the naming policy: must be snake case"}));
}

TEST_F(NamingTest, NM104IndexUsesItsOwnPolicy) {
  schema::Table t = Tbl("users");
  t.indexes = {Idx("users_email_idx"), Idx("users_name")};
  EXPECT_EQ(Texts(Run(kSnakeCase,
                      {AddTable(t), Modify("users", {schema::AddIndex{Idx("by_age")},
                                                     schema::AddIndex{Idx("by_city_idx")},
                                                     schema::RenameIndex{Idx("a_idx"), Idx("b")},
                                                     schema::DropIndex{Idx("Dropped")}})})),
            (std::vector<std::string>{
                "NM104: Index named \"users_name\" violates the naming policy: must end with _idx",
                "NM104: Index named \"by_age\" violates the naming policy: must end with _idx",
                "NM104: Index named \"b\" violates the naming policy: must end with _idx"}));
}

TEST_F(NamingTest, NM104IndexBackingAForeignKeyIsCheckedAsTheForeignKey) {
  // MySQL creates an index named after each foreign key.
  schema::Table t = Tbl("pets");
  t.foreign_keys = {Fk("pets_owner")};
  t.indexes = {Idx("pets_owner")};
  schema::Table toys = Tbl("toys");
  toys.foreign_keys = {Fk("toys_pet")};
  schema::ModifyTable mt;
  mt.schema = "main";
  mt.from = Tbl("toys");
  mt.to = toys;
  mt.changes = {schema::AddForeignKey{Fk("toys_pet")}, schema::AddIndex{Idx("toys_pet")}};
  EXPECT_TRUE(Run(kSnakeCase, {AddTable(t), mt}).empty());
}

TEST_F(NamingTest, NM105ForeignKey) {
  schema::Table t = Tbl("pets");
  t.foreign_keys = {Fk("PetsOwner"), Fk("pets_owner"), Fk("")};  // "" = unnamed (SQLite)
  EXPECT_EQ(
      Texts(Run(kSnakeCase, {AddTable(t), Modify("toys", {schema::AddForeignKey{Fk("ToysPet")},
                                                          schema::DropForeignKey{Fk("Old")}})})),
      (std::vector<std::string>{
          "NM105: Foreign key named \"PetsOwner\" violates the naming policy: must be snake case",
          "NM105: Foreign key named \"ToysPet\" violates the naming policy: must be snake case"}));
}

TEST_F(NamingTest, NM106Check) {
  schema::Table t = Tbl("pets");
  t.checks = {Ck("PositiveId"), Ck("positive_id"), Ck("")};
  EXPECT_EQ(Texts(Run(kSnakeCase, {AddTable(t), Modify("toys", {schema::AddCheck{Ck("Cheap")}})})),
            (std::vector<std::string>{
                "NM106: Check named \"PositiveId\" violates the naming policy: must be snake case",
                "NM106: Check named \"Cheap\" violates the naming policy: must be snake case"}));
}

TEST_F(NamingTest, DefaultMessageNamesThePattern) {
  const std::string hcl = "lint {\n  naming {\n    match = \"^[a-z]+\\\\d?$\"\n  }\n}\n";
  EXPECT_EQ(Texts(Run(hcl, {AddTable(Tbl("users")), AddTable(Tbl("Users"))})),
            (std::vector<std::string>{
                "NM102: Table named \"Users\" violates the naming policy: must match "
                "\"^[a-z]+\\\\d?$\""}));
}

TEST_F(NamingTest, OnlyConfiguredResourcesAreChecked) {
  // No top-level pattern: only indexes have a policy; a resource block's pattern without a
  // message gets the default message of its own pattern.
  const std::string hcl =
      "lint {\n  naming {\n    message = \"unused\"\n    index {\n      match = \"_idx$\"\n"
      "    }\n  }\n}\n";
  schema::Table t = Tbl("Users");
  t.columns = {Col("Id")};
  t.indexes = {Idx("users_email")};
  EXPECT_EQ(Texts(Run(hcl, {AddTable(t)})),
            (std::vector<std::string>{
                "NM104: Index named \"users_email\" violates the naming policy: must match "
                "\"_idx$\""}));
}

TEST_F(NamingTest, ResourceMessageWithTopLevelPattern) {
  const std::string hcl =
      "lint {\n  naming {\n    match = \"^[a-z_]+$\"\n    column {\n"
      "      message = \"columns are snake case\"\n    }\n  }\n}\n";
  schema::Table t = Tbl("Users");
  t.columns = {Col("Id")};
  EXPECT_EQ(Texts(Run(hcl, {AddTable(t)})),
            (std::vector<std::string>{
                "NM102: Table named \"Users\" violates the naming policy: must match "
                "\"^[a-z_]+$\"",
                "NM103: Column named \"Id\" violates the naming policy: columns are snake case"}));
}

TEST_F(NamingTest, PatternIsSearchedNotAnchored) {
  // As Go's regexp.MatchString: without anchors a match anywhere in the name is enough.
  const std::string hcl = "lint {\n  naming {\n    match = \"[a-z]\"\n  }\n}\n";
  EXPECT_EQ(Texts(Run(hcl, {AddTable(Tbl("USERs")), AddTable(Tbl("USERS"))})),
            (std::vector<std::string>{
                "NM102: Table named \"USERS\" violates the naming policy: must match \"[a-z]\""}));
}

TEST_F(NamingTest, ErrorTrueMakesFindingsErrors) {
  const std::string hcl =
      "lint {\n  naming {\n    error = true\n    match = \"^[a-z_]+$\"\n  }\n}\n";
  const auto reports = Run(hcl, {AddTable(Tbl("Users"))});
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_TRUE(reports[0].error);
}

TEST_F(NamingTest, NamesAreQuotedAsGo) {
  const auto reports = Run(kSnakeCase, {AddTable(Tbl("we\"ird\n"))});
  EXPECT_EQ(Texts(reports),
            (std::vector<std::string>{"NM102: Table named \"we\\\"ird\\n\" violates the naming "
                                      "policy: must be snake case"}));
}

TEST_F(NamingTest, InvalidPatternIsAnErrorAtItsPosition) {
  const std::string hcl =
      "lint {\n"
      "  naming {\n"
      "    match = \"^[a-z\"\n"
      "    index {\n"
      "      match = \"(_idx$\"\n"
      "    }\n"
      "  }\n"
      "}\n";
  const std::string err = ValidationError(hcl, registry_);
  const auto nl = err.find('\n');
  ASSERT_NE(nl, std::string::npos) << err;
  const std::string first = err.substr(0, nl);
  const std::string second = err.substr(nl + 1);
  EXPECT_EQ(first.rfind("atlas.hcl:3:5: Invalid naming pattern: lint option \"match\" of analyzer "
                        "\"naming\" is not a valid regular expression (ECMAScript syntax): "
                        "\"^[a-z\": ",
                        0),
            0U)
      << first;
  EXPECT_EQ(second.rfind("atlas.hcl:5:7: Invalid naming pattern: lint option \"index.match\" of "
                         "analyzer \"naming\" is not a valid regular expression (ECMAScript "
                         "syntax): \"(_idx$\": ",
                         0),
            0U)
      << second;
}

TEST_F(NamingTest, MisspelledNestedBlockIsAnError) {
  const std::string hcl =
      "lint {\n"
      "  naming {\n"
      "    match = \"^[a-z_]+$\"\n"
      "    idnex {\n"
      "      match = \"_idx$\"\n"
      "    }\n"
      "  }\n"
      "}\n";
  EXPECT_EQ(ValidationError(hcl, registry_),
            "atlas.hcl:4:5: Unknown lint option: lint analyzer \"naming\" has no option \"idnex\" "
            "(known: error, match, message, schema, table, column, index, foreign_key, check).");
}

TEST_F(NamingTest, MisspelledAttributesAreErrors) {
  const std::string hcl =
      "lint {\n"
      "  naming {\n"
      "    mach = \"^[a-z_]+$\"\n"
      "    table {\n"
      "      messag = \"x\"\n"
      "      error  = true\n"
      "    }\n"
      "  }\n"
      "}\n";
  EXPECT_EQ(ValidationError(hcl, registry_),
            "atlas.hcl:3:5: Unknown lint option: lint analyzer \"naming\" has no option \"mach\" "
            "(known: error, match, message, schema, table, column, index, foreign_key, check).\n"
            "atlas.hcl:5:7: Unknown lint option: block \"table\" of lint analyzer \"naming\" has "
            "no option \"messag\" (known: match, message).\n"
            "atlas.hcl:6:7: Unknown lint option: block \"table\" of lint analyzer \"naming\" has "
            "no option \"error\" (known: match, message).");
}

TEST_F(NamingTest, ValidOptionsPassValidation) {
  EXPECT_EQ(ValidationError(kSnakeCase, registry_), "");
}

TEST(GenericAnalyzerOptionsTest, AcceptOnlyError) {
  const Registry& registry = drivers::sqlite::LintAnalyzers();
  auto cfg = ParseConfig(
      "lint {\n  destructive {\n    error = false\n  }\n  condrop {\n    error = true\n  }\n}\n",
      "atlas.hcl");
  ASSERT_TRUE(cfg.ok()) << cfg.ErrorString();
  EXPECT_TRUE(registry.Validate(*cfg).ok());

  auto bad = ParseConfig(
      "lint {\n  destructive {\n    error = false\n    force = true\n    skip {}\n  }\n}\n",
      "atlas.hcl");
  ASSERT_TRUE(bad.ok()) << bad.ErrorString();
  const auto st = registry.Validate(*bad);
  ASSERT_FALSE(st.ok());
  ASSERT_EQ(st.diags().size(), 2U);
  const auto& force = st.diags().items()[0];
  ASSERT_TRUE(force.source.has_value());
  EXPECT_EQ(force.source->ToString(), "atlas.hcl:4:5");
  EXPECT_EQ(force.summary, "Unknown lint option");
  EXPECT_EQ(force.detail,
            "lint analyzer \"destructive\" has no option \"force\" (known: error).\n"
            "  4 |     force = true\n"
            "    |     ^");
  ASSERT_TRUE(st.diags().items()[1].source.has_value());
  EXPECT_EQ(st.diags().items()[1].source->ToString(), "atlas.hcl:5:5");
}

}  // namespace
}  // namespace atlas::engine::lint
