#include "engine/sql/splitter.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace atlas::engine::sql {
namespace {

std::vector<std::string> Texts(std::string_view input, DialectKind kind = DialectKind::kSqlite) {
  auto r = Split(input, SplitOptions::For(kind), "f.sql");
  EXPECT_TRUE(r.ok()) << r.ErrorString();
  std::vector<std::string> out;
  if (r.ok()) {
    for (const auto& s : *r) {
      out.push_back(s.text);
    }
  }
  return out;
}

using V = std::vector<std::string>;

TEST(SplitterTest, SplitsOnTopLevelSemicolons) {
  EXPECT_EQ(Texts("CREATE TABLE a (x int);\n\nCREATE TABLE b (y int)  ;  INSERT INTO a VALUES (1)"),
            (V{"CREATE TABLE a (x int)", "CREATE TABLE b (y int)", "INSERT INTO a VALUES (1)"}));
}

TEST(SplitterTest, QuotesAndComments) {
  EXPECT_EQ(Texts("INSERT INTO t VALUES ('a;b', 'it''s;');\n"
                  "-- a comment; with semicolon\n"
                  "CREATE TABLE \"x;y\" (`c;` int, [d;] int); /* block; */ SELECT 1;"),
            (V{"INSERT INTO t VALUES ('a;b', 'it''s;')",
               "CREATE TABLE \"x;y\" (`c;` int, [d;] int)", "SELECT 1"}));
}

TEST(SplitterTest, LeadingCommentsAreSeparated) {
  auto r = Split("-- create users\n/* v2 */\nCREATE TABLE u (id int);\n-- trailing only\n",
                 SplitOptions::For(DialectKind::kSqlite), "f.sql");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1U);
  EXPECT_EQ((*r)[0].text, "CREATE TABLE u (id int)");
  EXPECT_EQ((*r)[0].comments, (V{"-- create users", "/* v2 */"}));
  EXPECT_EQ((*r)[0].pos.line, 3);
  EXPECT_EQ((*r)[0].pos.column, 1);
  EXPECT_EQ((*r)[0].pos.byte, 25);
}

TEST(SplitterTest, TriggerBodyWithCaseAndBeginTransaction) {
  EXPECT_EQ(Texts("BEGIN;\n"
                  "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
                  "  UPDATE t SET x = CASE WHEN new.x > 0 THEN 1 ELSE 0 END WHERE id = new.id;\n"
                  "  INSERT INTO log VALUES ('end;');\n"
                  "END;\n"
                  "COMMIT;"),
            (V{"BEGIN",
               "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
               "  UPDATE t SET x = CASE WHEN new.x > 0 THEN 1 ELSE 0 END WHERE id = new.id;\n"
               "  INSERT INTO log VALUES ('end;');\n"
               "END",
               "COMMIT"}));
}

TEST(SplitterTest, TemporaryTriggerAndColumnNamedEnd) {
  EXPECT_EQ(Texts("CREATE TEMP TRIGGER IF NOT EXISTS tr BEFORE DELETE ON t BEGIN SELECT "
                  "old.\"end\", t.end FROM t; END;"
                  "SELECT 2"),
            (V{"CREATE TEMP TRIGGER IF NOT EXISTS tr BEFORE DELETE ON t BEGIN SELECT old.\"end\", "
               "t.end FROM t; END",
               "SELECT 2"}));
}

TEST(SplitterTest, PostgresDollarQuotes) {
  EXPECT_EQ(
      Texts(
          "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;"
          "CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;"
          "SELECT $1;",
          DialectKind::kPostgres),
      (V{"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
         "CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql",
         "SELECT $1"}));
}

TEST(SplitterTest, PostgresBeginAtomicAndNestedComments) {
  EXPECT_EQ(Texts("/* a /* nested; */ still; */ CREATE FUNCTION f() RETURNS int LANGUAGE sql "
                  "BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3;",
                  DialectKind::kPostgres),
            (V{"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
               "SELECT 3"}));
}

TEST(SplitterTest, MysqlProcedureWithEndIfAndHashComment) {
  EXPECT_EQ(Texts("# comment; here\n"
                  "CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 'a\\';'; END IF; "
                  "CASE x WHEN 1 THEN SELECT 1; END CASE; END;"
                  "SELECT 1",
                  DialectKind::kMysql),
            (V{"CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 'a\\';'; END IF; CASE x WHEN 1 THEN "
               "SELECT 1; END CASE; END",
               "SELECT 1"}));
}

TEST(SplitterTest, ErrorsCarryPosition) {
  auto r = Split("SELECT 1;\nSELECT 'open", SplitOptions::For(DialectKind::kSqlite), "f.sql");
  ASSERT_FALSE(r.ok());
  const auto& d = r.diags().items().front();
  EXPECT_EQ(d.ToString(),
            "f.sql:2:8: Invalid SQL script: unterminated quoted string or identifier");
  auto c = Split("/* never closed", SplitOptions::For(DialectKind::kSqlite), "g.sql");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.diags().items().front().ToString(),
            "g.sql:1:1: Invalid SQL script: unterminated /* comment");
  auto b = Split("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;",
                 SplitOptions::For(DialectKind::kSqlite), "h.sql");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.diags().items().front().ToString(),
            "h.sql:1:36: Invalid SQL script: unterminated BEGIN ... END block");
}

TEST(SplitterTest, EmptyAndCommentOnlyInputs) {
  EXPECT_EQ(Texts(""), V{});
  EXPECT_EQ(Texts("  ;; -- x\n ; /* y */"), V{});
}

}  // namespace
}  // namespace atlas::engine::sql
