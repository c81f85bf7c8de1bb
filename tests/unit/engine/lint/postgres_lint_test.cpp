// The PostgreSQL lock and table-rewrite analyzers (PG101-PG105, PG301-PG306) on handwritten
// changes and statements: per code a triggering and a non-triggering input with the exact text,
// the statement scan (CONCURRENTLY, NOT VALID, USING INDEX outside quotes and comments), the
// binary-coercible type changes, options and the registration order of the PostgreSQL set.
// tests/cases/lint/postgres/ runs the same codes on a real PostgreSQL 15.

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "engine/drivers/postgres/lint.hpp"
#include "engine/lint/analyzers/postgres.hpp"
#include "tests/unit/engine/lint/builders.hpp"

namespace atlas::engine::lint {
namespace {

using schema::Change;
using schema::TableChange;

using builders::Col;
using builders::Idx;

Change Modify(std::vector<TableChange> changes,
              std::vector<schema::Column> cols = {Col("id", "integer", false),
                                                  Col("email", "text")}) {
  schema::ModifyTable m;
  m.schema = "public";
  m.from.name = "users";
  m.from.columns = std::move(cols);
  m.to = m.from;
  m.changes = std::move(changes);
  return m;
}

// One diagnostic with the analyzer that reported it.
struct Finding {
  std::string analyzer;
  std::string code;
  std::string text;
  std::string fix;
};

class PostgresLintTest : public ::testing::Test {
 protected:
  // A migration file statement `sql` that made `changes`.
  std::vector<Finding> File(const std::vector<Change>& changes, const std::string& sql,
                            std::string_view tx_mode = "") {
    file_ = Pass::File{"2_change.sql", tx_mode};
    Pass pass;
    pass.changes = changes;
    pass.dialect = "postgres";
    pass.source = sql;
    pass.file = &file_;
    pass.config = config_.empty() ? nullptr : &config_;
    return Collect(pass);
  }

  // A declarative plan of `changes` with `statements` (all of change 0).
  std::vector<Finding> Plan(const std::vector<Change>& changes,
                            const std::vector<std::string>& statements) {
    std::vector<plan::Statement> planned;
    for (const auto& s : statements) {
      plan::Statement st;
      st.sql = s;
      st.change_index = 0;
      planned.push_back(std::move(st));
    }
    Pass pass;
    pass.changes = changes;
    pass.dialect = "postgres";
    pass.statements = planned;
    pass.config = config_.empty() ? nullptr : &config_;
    return Collect(pass);
  }

  static std::vector<Finding> Collect(const Pass& pass) {
    std::vector<Finding> out;
    for (const auto& r : drivers::postgres::LintAnalyzers().Run(pass)) {
      EXPECT_FALSE(r.text.empty());
      for (const auto& d : r.diagnostics) {
        out.push_back({r.analyzer, d.code, d.text, d.suggested_fix});
      }
    }
    return out;
  }

  // The codes found, in order.
  static std::vector<std::string> Codes(const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) {
      out.push_back(f.code);
    }
    return out;
  }

  void Configure(const std::string& hcl) {
    auto cfg = ParseConfig(hcl, "atlas.hcl");
    ASSERT_TRUE(cfg.ok()) << cfg.ErrorString();
    config_ = std::move(*cfg);
  }

  Pass::File file_;
  Config config_;
};

using CodeList = std::vector<std::string>;

TEST(PostgresLintRegistry, GenericAnalyzersFirstThenThePostgresOnes) {
  std::vector<std::string_view> names;
  for (const auto& a : drivers::postgres::LintAnalyzers().analyzers()) {
    names.push_back(a->Name());
    if (a->Name() == "concurrent_index" || a->Name() == "table_rewrite" ||
        a->Name() == "constraint_lock" || a->Name() == "full_scan") {
      EXPECT_FALSE(a->Error()) << a->Name();
    }
  }
  ASSERT_GE(names.size(), 8U);
  EXPECT_EQ(names[0], "destructive");
  EXPECT_EQ(std::vector<std::string_view>(names.end() - 4, names.end()),
            (std::vector<std::string_view>{"concurrent_index", "constraint_lock", "table_rewrite",
                                           "full_scan"}));
}

// ---- concurrent_index ----

TEST_F(PostgresLintTest, PG101CreateIndexWithoutConcurrently) {
  const auto fs = File({Modify({schema::AddIndex{Idx("users_email", {"email"})}})},
                       "CREATE INDEX users_email ON users (email);");
  ASSERT_EQ(Codes(fs), CodeList{"PG101"});
  EXPECT_EQ(fs[0].analyzer, "concurrent_index");
  EXPECT_EQ(fs[0].text,
            R"(Creating index "users_email" non-concurrently causes write locks on the "users" table)");
  EXPECT_EQ(fs[0].fix,
            "Create the index with CREATE INDEX CONCURRENTLY in a file with the "
            "`-- atlas:txmode none` directive");
}

TEST_F(PostgresLintTest, PG101ConcurrentlyInTxModeNoneIsClean) {
  const std::vector<Change> c = {Modify({schema::AddIndex{Idx("users_email", {"email"})}})};
  EXPECT_TRUE(File(c, "CREATE INDEX CONCURRENTLY users_email ON users (email);", "none").empty());
  // Words inside quotes and comments are not statements' keywords.
  EXPECT_EQ(Codes(File(c, "CREATE INDEX /* CONCURRENTLY */ users_email ON users (email);", "none")),
            CodeList{"PG101"});
  EXPECT_EQ(Codes(File({Modify({schema::AddIndex{Idx("CONCURRENTLY", {"email"})}})},
                       "CREATE INDEX \"CONCURRENTLY\" ON users (email);", "none")),
            CodeList{"PG101"});
}

TEST_F(PostgresLintTest, PG101DeclarativePlanMatchesTheIndexStatement) {
  const std::vector<Change> c = {Modify({schema::AddIndex{Idx("a", {"email"})},
                                         schema::AddIndex{Idx("b", {"id"})}})};
  const auto fs = Plan(c, {R"(CREATE INDEX CONCURRENTLY "a" ON "public"."users" ("email"))",
                           R"(CREATE INDEX "b" ON "public"."users" ("id"))"});
  ASSERT_EQ(Codes(fs), CodeList{"PG101"});
  EXPECT_EQ(fs[0].text, R"(Creating index "b" non-concurrently causes write locks on the "users" table)");
  EXPECT_EQ(fs[0].fix,
            "Set `diff { concurrent_index { create = true } }` to plan CREATE INDEX CONCURRENTLY");
}

TEST_F(PostgresLintTest, PG101NotForNewTablesOrConstraintIndexes) {
  schema::AddTable at;
  at.schema = "public";
  at.table.name = "t";
  at.table.indexes.push_back(Idx("t_c", {"c"}));
  EXPECT_TRUE(Plan({at}, {R"(CREATE TABLE "t" ("c" int))", R"(CREATE INDEX "t_c" ON "t" ("c"))"})
                  .empty());
  // A UNIQUE constraint's index is constraint_lock's (PG105), not PG101.
  const auto fs =
      File({Modify({schema::AddIndex{Idx("users_email_key", {"email"}, true, true)}})},
           "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);");
  EXPECT_EQ(Codes(fs), (CodeList{"MF101", "PG105"}));
}

TEST_F(PostgresLintTest, PG102DropIndex) {
  const std::vector<Change> c = {Modify({schema::DropIndex{Idx("i1", {"email"})}})};
  const auto fs = File(c, "DROP INDEX IF EXISTS public.i1;");
  ASSERT_EQ(Codes(fs), CodeList{"PG102"});
  EXPECT_EQ(fs[0].text, R"(Dropping index "i1" non-concurrently causes write locks on the "users" table)");
  EXPECT_TRUE(File(c, "DROP INDEX CONCURRENTLY i1;", "none").empty());
  // Dropped with its column: no DROP INDEX statement, nothing to do concurrently.
  EXPECT_EQ(Codes(File({Modify({schema::DropColumn{Col("email", "text")},
                                schema::DropIndex{Idx("i1", {"email"})}})},
                       "ALTER TABLE users DROP COLUMN email;")),
            CodeList{"DS103"});
}

TEST_F(PostgresLintTest, PG103ConcurrentlyWithoutTxModeNone) {
  const std::vector<Change> c = {Modify({schema::AddIndex{Idx("users_email", {"email"})}})};
  const auto fs = File(c, "CREATE INDEX CONCURRENTLY users_email ON users (email);");
  ASSERT_EQ(Codes(fs), CodeList{"PG103"});
  EXPECT_EQ(fs[0].text,
            "Indexes cannot be created or deleted concurrently within a transaction. Add the "
            "`atlas:txmode none` directive to the header to prevent this file from running in a "
            "transaction");
  EXPECT_EQ(Codes(File(c, "CREATE INDEX CONCURRENTLY users_email ON users (email);", "all")),
            CodeList{"PG103"});
  // Declarative plans run concurrent statements outside the transaction.
  EXPECT_TRUE(
      Plan(c, {R"(CREATE INDEX CONCURRENTLY "users_email" ON "public"."users" ("email"))"}).empty());
}

TEST_F(PostgresLintTest, ConcurrentIndexOptions) {
  Configure(R"hcl(lint {
  concurrent_index {
    check_create = false
    check_txmode = false
  }
})hcl");
  EXPECT_TRUE(File({Modify({schema::AddIndex{Idx("i", {"email"})}})}, "CREATE INDEX i ON users (email);")
                  .empty());
  EXPECT_TRUE(File({Modify({schema::DropIndex{Idx("i", {"email"})}})}, "DROP INDEX CONCURRENTLY i;")
                  .empty());
  EXPECT_EQ(Codes(File({Modify({schema::DropIndex{Idx("i", {"email"})}})}, "DROP INDEX i;")),
            CodeList{"PG102"});
}

// ---- constraint_lock ----

TEST_F(PostgresLintTest, PG104AddPrimaryKey) {
  schema::PrimaryKey pk;
  pk.name = "users_pkey";
  pk.parts = Idx("", {"id"}).parts;
  const auto fs = File({Modify({schema::AddPrimaryKey{pk}})},
                       "ALTER TABLE users ADD PRIMARY KEY (id);");
  ASSERT_EQ(Codes(fs), CodeList{"PG104"});
  EXPECT_EQ(fs[0].analyzer, "constraint_lock");
  EXPECT_EQ(fs[0].text,
            R"(Adding primary key "users_pkey" on table "users" builds its index under an ACCESS EXCLUSIVE lock that blocks reads and writes)");
  EXPECT_EQ(fs[0].fix,
            R"(Create a unique index on "id" CONCURRENTLY first, then add the key with ALTER TABLE "users" ADD CONSTRAINT "users_pkey" PRIMARY KEY USING INDEX <index>)");
  EXPECT_TRUE(File({Modify({schema::AddPrimaryKey{pk}})},
                   "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id;")
                  .empty());
}

TEST_F(PostgresLintTest, PG105AddUniqueConstraint) {
  const std::vector<Change> c = {
      Modify({schema::AddIndex{Idx("users_email_key", {"email"}, true, true)}})};
  const auto fs = File(c, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);");
  ASSERT_EQ(Codes(fs), (CodeList{"MF101", "PG105"}));
  EXPECT_EQ(fs[1].text,
            R"(Adding unique constraint "users_email_key" on table "users" builds its index under an ACCESS EXCLUSIVE lock that blocks reads and writes)");
  // Attaching a prebuilt index.
  const auto attached = File(
      c, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;");
  EXPECT_EQ(Codes(attached), CodeList{"MF101"});
  // A plain unique index is PG101's.
  EXPECT_EQ(Codes(File({Modify({schema::AddIndex{Idx("u", {"email"}, true)}})},
                       "CREATE UNIQUE INDEX CONCURRENTLY u ON users (email);", "none")),
            CodeList{"MF101"});
}

// ---- table_rewrite ----

Change TypeChange(const std::string& from, const std::string& to) {
  schema::ModifyColumn mc;
  mc.from = Col("c", from);
  mc.to = Col("c", to);
  mc.change = schema::kChangeType;
  return Modify({mc});
}

TEST_F(PostgresLintTest, PG301TypeChangeRewrites) {
  const auto fs = File({TypeChange("integer", "bigint")},
                       "ALTER TABLE users ALTER COLUMN c TYPE bigint;");
  ASSERT_EQ(Codes(fs), CodeList{"PG301"});
  EXPECT_EQ(fs[0].analyzer, "table_rewrite");
  EXPECT_EQ(fs[0].text,
            R"(Changing the type of column "c" from "integer" to "bigint" rewrites table "users" and its indexes under an ACCESS EXCLUSIVE lock)");
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"character varying(20)", "character varying(10)"},
           {"character varying", "character varying(10)"},
           {"text", "character varying(30)"},
           {"numeric(10,2)", "numeric(12,3)"},
           {"numeric", "numeric(12)"},
           {"timestamp(3)", "timestamp(2)"},
           {"timestamp", "timestamp(3)"},
           {"character(5)", "character(10)"},
           {"character(5)", "text"},
           {"character varying(10)[]", "character varying(20)[]"},
           {"timestamp", "timestamptz"}}) {
    EXPECT_EQ(Codes(File({TypeChange(from, to)}, "ALTER TABLE users ALTER COLUMN c TYPE x;")),
              CodeList{"PG301"})
        << from << " -> " << to;
  }
}

TEST_F(PostgresLintTest, PG301BinaryCoercibleChangesAreClean) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"character varying(10)", "character varying(20)"},
           {"character varying(10)", "character varying"},
           {"character varying(10)", "text"},
           {"character varying", "text"},
           {"text", "character varying"},
           {"numeric(10,2)", "numeric(12,2)"},
           {"numeric(10)", "numeric(10)"},
           {"numeric(10,2)", "numeric"},
           {"bit varying(5)", "bit varying(10)"},
           {"bit varying(5)", "bit varying"},
           {"timestamp(3)", "timestamp(5)"},
           {"timestamp(3)", "timestamp"},
           {"timestamptz(2)", "timestamptz"},
           {"time(2)", "time(4)"},
           {"timetz(2)", "timetz"}}) {
    EXPECT_TRUE(File({TypeChange(from, to)}, "ALTER TABLE users ALTER COLUMN c TYPE x;").empty())
        << from << " -> " << to;
  }
}

Change AddCol(schema::Column c) { return Modify({schema::AddColumn{std::move(c)}}); }

TEST_F(PostgresLintTest, PG302VolatileDefault) {
  auto c = Col("token", "uuid");
  c.default_value = schema::Expr{schema::Expr::Kind::kRaw, "gen_random_uuid()"};
  const auto fs = File({AddCol(c)}, "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();");
  ASSERT_EQ(Codes(fs), CodeList{"PG302"});
  EXPECT_EQ(fs[0].text,
            R"(Adding column "token" with volatile default gen_random_uuid() rewrites table "users" under an ACCESS EXCLUSIVE lock)");
  auto serial = Col("n", "serial", false);
  serial.auto_increment = true;
  EXPECT_EQ(File({AddCol(serial)}, "ALTER TABLE users ADD COLUMN n serial;")[0].text,
            R"(Adding serial column "n" rewrites table "users" under an ACCESS EXCLUSIVE lock)");
  auto ident = Col("k", "integer", false);
  ident.identity = schema::Identity{};
  EXPECT_EQ(Codes(File({AddCol(ident)}, "ALTER TABLE users ADD COLUMN k int GENERATED BY DEFAULT AS IDENTITY;")),
            CodeList{"PG302"});
}

TEST_F(PostgresLintTest, PG302NonVolatileDefaultsAreClean) {
  for (const auto& [kind, text] : std::vector<std::pair<schema::Expr::Kind, std::string>>{
           {schema::Expr::Kind::kLiteral, "5"},
           {schema::Expr::Kind::kLiteral, "'random()'"},
           {schema::Expr::Kind::kRaw, "now()"},
           {schema::Expr::Kind::kRaw, "CURRENT_TIMESTAMP"},
           {schema::Expr::Kind::kRaw, "'nextval'::text"}}) {
    auto c = Col("d", "text");
    c.default_value = schema::Expr{kind, text};
    EXPECT_TRUE(File({AddCol(c)}, "ALTER TABLE users ADD COLUMN d text DEFAULT x;").empty()) << text;
  }
}

TEST_F(PostgresLintTest, PG303StoredGeneratedColumn) {
  auto c = Col("twice", "integer");
  c.generated = schema::Generated{"(id * 2)", true};
  const auto fs = File({AddCol(c)},
                       "ALTER TABLE users ADD COLUMN twice int GENERATED ALWAYS AS (id * 2) STORED;");
  ASSERT_EQ(Codes(fs), CodeList{"PG303"});
  EXPECT_EQ(fs[0].text,
            R"(Adding stored generated column "twice" rewrites table "users" under an ACCESS EXCLUSIVE lock)");
  c.generated->stored = false;
  EXPECT_TRUE(File({AddCol(c)}, "ALTER TABLE users ADD COLUMN twice int;").empty());
}

// ---- full_scan ----

TEST_F(PostgresLintTest, PG304PrimaryKeyOverNullableColumns) {
  schema::PrimaryKey pk;
  pk.name = "users_pkey";
  pk.parts = Idx("", {"id", "email"}).parts;
  const auto fs = File({Modify({schema::AddPrimaryKey{pk}})},
                       "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX u;");
  ASSERT_EQ(Codes(fs), CodeList{"PG304"});
  EXPECT_EQ(fs[0].analyzer, "full_scan");
  EXPECT_EQ(fs[0].text,
            R"(Adding primary key "users_pkey" on nullable column "email" sets it NOT NULL, which scans table "users" under an ACCESS EXCLUSIVE lock)");
  pk.parts = Idx("", {"id"}).parts;
  EXPECT_TRUE(File({Modify({schema::AddPrimaryKey{pk}})},
                   "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX u;")
                  .empty());
}

TEST_F(PostgresLintTest, PG305CheckWithoutNotValid) {
  schema::Check ck;
  ck.name = "users_email_check";
  ck.expr = "(email <> '')";
  const std::vector<Change> c = {Modify({schema::AddCheck{ck}})};
  const auto fs = File(c, "ALTER TABLE users ADD CHECK (email <> 'NOT VALID');");
  ASSERT_EQ(Codes(fs), CodeList{"PG305"});
  EXPECT_EQ(fs[0].text,
            R"(Adding check constraint "users_email_check" scans table "users" under an ACCESS EXCLUSIVE lock to validate existing rows)");
  EXPECT_EQ(fs[0].fix,
            R"(Add the constraint with NOT VALID, then run ALTER TABLE "users" VALIDATE CONSTRAINT "users_email_check" in a later migration)");
  EXPECT_TRUE(File(c, "ALTER TABLE users ADD CHECK (email <> '') NOT VALID;").empty());
  EXPECT_TRUE(
      File(c, "alter table users add constraint USERS_EMAIL_CHECK check (email <> '') not valid;")
          .empty());
  // The NOT VALID of another action does not count.
  schema::Check other;
  other.name = "other";
  other.expr = "(id > 0)";
  EXPECT_EQ(Codes(File({Modify({schema::AddCheck{ck}, schema::AddCheck{other}})},
                       "ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email <> ''), "
                       "ADD CONSTRAINT other CHECK (id > 0) NOT VALID;")),
            CodeList{"PG305"});
}

TEST_F(PostgresLintTest, PG306ForeignKeyWithoutNotValid) {
  schema::ForeignKey fk;
  fk.name = "users_org_fk";
  fk.columns = {"id"};
  fk.ref_table = "orgs";
  fk.ref_columns = {"id"};
  const std::vector<Change> c = {Modify({schema::AddForeignKey{fk}})};
  const auto fs = Plan(c, {R"(ALTER TABLE "public"."users" ADD CONSTRAINT "users_org_fk" FOREIGN KEY ("id") REFERENCES "public"."orgs" ("id"))"});
  ASSERT_EQ(Codes(fs), CodeList{"PG306"});
  EXPECT_EQ(fs[0].text,
            R"(Adding foreign key "users_org_fk" scans table "users" to validate existing rows while holding SHARE ROW EXCLUSIVE locks on "users" and "orgs")");
  EXPECT_TRUE(File(c, "ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (id) "
                      "REFERENCES orgs (id) NOT VALID;")
                  .empty());
}

TEST_F(PostgresLintTest, ErrorOption) {
  Configure(R"hcl(lint {
  full_scan {
    error = true
  }
})hcl");
  schema::Check ck;
  ck.name = "c";
  ck.expr = "(id > 0)";
  file_ = Pass::File{"2.sql", ""};
  const std::vector<Change> changes = {Modify({schema::AddCheck{ck}})};
  Pass pass;
  pass.changes = changes;
  pass.dialect = "postgres";
  pass.source = "ALTER TABLE users ADD CONSTRAINT c CHECK (id > 0);";
  pass.file = &file_;
  pass.config = &config_;
  const auto reports = drivers::postgres::LintAnalyzers().Run(pass);
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].analyzer, "full_scan");
  EXPECT_EQ(reports[0].text, "full table scan detected");
  EXPECT_TRUE(reports[0].error);
}

TEST(PostgresStatementScan, ClausesOfAlterTable) {
  const pg::StatementScan scan(
      "ALTER TABLE t ADD CONSTRAINT \"A\" CHECK (f(1, 2) > 0) NOT VALID, ADD CONSTRAINT b "
      "UNIQUE USING INDEX i, ADD FOREIGN KEY (x) REFERENCES p (id) NOT VALID; "
      "-- ADD CONSTRAINT z CHECK (1 > 0) NOT VALID\n");
  const pg::Clause* a = scan.ConstraintClause("A", "CHECK");
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->not_valid);
  EXPECT_EQ(scan.ConstraintClause("a", "CHECK"), nullptr);  // quoted names keep their case
  const pg::Clause* b = scan.ConstraintClause("b", "UNIQUE");
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(b->using_index);
  EXPECT_FALSE(b->not_valid);
  const pg::Clause* fk = scan.ConstraintClause("t_x_fkey", "REFERENCES");
  ASSERT_NE(fk, nullptr);
  EXPECT_TRUE(fk->not_valid);
  EXPECT_EQ(scan.ConstraintClause("z", "CHECK"), nullptr);  // in a comment
}

TEST(PostgresStatementScan, IndexStatements) {
  const pg::StatementScan scan(
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Ix\" ON t (c);"
      "DROP INDEX s.a, b CASCADE; CREATE INDEX ON t (d)");
  EXPECT_EQ(scan.IndexConcurrently(pg::IndexVerb::kCreate, "Ix"), std::optional<bool>(true));
  EXPECT_EQ(scan.IndexConcurrently(pg::IndexVerb::kDrop, "a"), std::optional<bool>(false));
  EXPECT_EQ(scan.IndexConcurrently(pg::IndexVerb::kDrop, "b"), std::optional<bool>(false));
  EXPECT_EQ(scan.IndexConcurrently(pg::IndexVerb::kDrop, "c"), std::nullopt);
  // The unnamed CREATE INDEX stands for an index the text does not name.
  EXPECT_EQ(scan.IndexConcurrently(pg::IndexVerb::kCreate, "t_d_idx"), std::optional<bool>(false));
}

}  // namespace
}  // namespace atlas::engine::lint
