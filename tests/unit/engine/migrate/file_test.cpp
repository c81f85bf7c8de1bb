// Migration file parsing: directives, txtar archives, statement splitting fixtures, partial hashes.

#include "engine/migrate/file.hpp"

#include <gtest/gtest.h>

namespace atlas::engine::migrate {
namespace {

std::vector<std::string> Texts(const std::vector<Statement>& stmts) {
  std::vector<std::string> out;
  for (const auto& s : stmts) {
    out.push_back(s.text);
  }
  return out;
}

TEST(DirectivesTest, ParsesLeadingCommentBlock) {
  auto d = ParseDirectives(File{"1.sql", "-- atlas:txmode none\n-- atlas:nolint DS103 MF101\n\nSELECT 1;\n"});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->txmode, "none");
  ASSERT_TRUE(d->nolint.has_value());
  EXPECT_EQ(*d->nolint, (std::vector<std::string>{"DS103", "MF101"}));
  EXPECT_FALSE(d->delimiter.has_value());
}

TEST(DirectivesTest, DirectivesAfterTheBlockAreIgnored) {
  auto d = ParseDirectives(File{"1.sql", "SELECT 1;\n-- atlas:txmode none\n"});
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->txmode.has_value());
}

TEST(DirectivesTest, DuplicateOrUnknownTxModeIsAnError) {
  auto d = ParseDirectives(File{"1.sql", "-- atlas:txmode none\n-- atlas:txmode file\n"});
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.ErrorString().find("multiple txmode directives"), std::string::npos);
  d = ParseDirectives(File{"1.sql", "-- atlas:txmode sometimes\n"});
  ASSERT_FALSE(d.ok());
}

TEST(ParseFileTest, SplitsStatementsKeepingSemicolonsAndLines) {
  auto f = ParseFile(File{"1.sql", "-- create a\nCREATE TABLE a (x text DEFAULT ';');\n\nINSERT INTO a VALUES ('--');\n"},
                     sql::DialectKind::kSqlite);
  ASSERT_TRUE(f.ok()) << f.ErrorString();
  EXPECT_EQ(Texts(f->statements),
            (std::vector<std::string>{"CREATE TABLE a (x text DEFAULT ';');", "INSERT INTO a VALUES ('--');"}));
  EXPECT_EQ(f->statements[0].line, 2);
  EXPECT_EQ(f->statements[1].line, 4);
}

TEST(ParseFileTest, SqliteTriggerBodyIsOneStatement) {
  auto f = ParseFile(File{"1.sql",
                          "CREATE TABLE t (a int);\n"
                          "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 1;\n  DELETE FROM t WHERE a = 2;\nEND;\n"
                          "SELECT 1;\n"},
                     sql::DialectKind::kSqlite);
  ASSERT_TRUE(f.ok()) << f.ErrorString();
  ASSERT_EQ(f->statements.size(), 3U);
  EXPECT_EQ(f->statements[1].text,
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 1;\n  DELETE FROM t WHERE a = 2;\nEND;");
}

TEST(ParseFileTest, PostgresDollarQuotes) {
  auto f = ParseFile(File{"1.sql",
                          "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
                          "SELECT $$a;b$$;\n"},
                     sql::DialectKind::kPostgres);
  ASSERT_TRUE(f.ok()) << f.ErrorString();
  EXPECT_EQ(Texts(f->statements),
            (std::vector<std::string>{"CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;",
                                      "SELECT $$a;b$$;"}));
}

TEST(ParseFileTest, DelimiterDirective) {
  auto f = ParseFile(File{"1.sql", "-- atlas:delimiter \\n\\n\n\nSELECT 1;\nSELECT 2;\n\nSELECT 3;\n"},
                     sql::DialectKind::kSqlite);
  ASSERT_TRUE(f.ok()) << f.ErrorString();
  EXPECT_EQ(Texts(f->statements), (std::vector<std::string>{"SELECT 1;\nSELECT 2;", "SELECT 3;"}));
}

TEST(ParseFileTest, MysqlDelimiterCommandAndBeginEnd) {
  auto f = ParseFile(File{"1.sql",
                          "CREATE TABLE t (a int);\n"
                          "DELIMITER //\n"
                          "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //\n"
                          "DELIMITER ;\n"
                          "SELECT 3;\n"},
                     sql::DialectKind::kMysql);
  ASSERT_TRUE(f.ok()) << f.ErrorString();
  EXPECT_EQ(Texts(f->statements),
            (std::vector<std::string>{"CREATE TABLE t (a int);", "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END;",
                                      "SELECT 3;"}));
}

TEST(ParseFileTest, MysqlDelimiterRightAfterEnd) {
  auto f = ParseFile(File{"1.sql",
                          "DELIMITER $$\n"
                          "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.n = 1;\nEND$$\n"
                          "CREATE PROCEDURE p() BEGIN SELECT 1; END$$\n"
                          "DELIMITER ;\n"
                          "CALL p();\n"},
                     sql::DialectKind::kMysql);
  ASSERT_TRUE(f.ok()) << f.ErrorString();
  EXPECT_EQ(Texts(f->statements),
            (std::vector<std::string>{"CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.n = 1;\nEND;",
                                      "CREATE PROCEDURE p() BEGIN SELECT 1; END;", "CALL p();"}));
}

TEST(ParseFileTest, TxtarChecksAndMigration) {
  auto f = ParseFile(File{"2.sql",
                          "-- atlas:txtar\n\n"
                          "-- checks.sql --\n"
                          "SELECT NOT EXISTS (SELECT 1 FROM t);\n"
                          "-- migration.sql --\n"
                          "DROP TABLE t;\n"},
                     sql::DialectKind::kSqlite);
  ASSERT_TRUE(f.ok()) << f.ErrorString();
  EXPECT_TRUE(f->directives.txtar);
  EXPECT_EQ(Texts(f->checks), (std::vector<std::string>{"SELECT NOT EXISTS (SELECT 1 FROM t);"}));
  EXPECT_EQ(Texts(f->statements), (std::vector<std::string>{"DROP TABLE t;"}));
  EXPECT_EQ(f->statements[0].line, 6);
}

TEST(ParseFileTest, UnterminatedQuoteNamesFileAndLine) {
  auto f = ParseFile(File{"3_bad.sql", "SELECT 1;\nSELECT 'x;\n"}, sql::DialectKind::kSqlite);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.ErrorString().find("3_bad.sql:2:"), std::string::npos) << f.ErrorString();
}

TEST(PartialHashesTest, RunningDigestPerStatement) {
  const auto h = PartialHashes({{"SELECT 1;", 1}, {"SELECT 2;", 2}});
  ASSERT_EQ(h.size(), 2U);
  // python: base64(sha256(b"SELECT 1;")), base64(sha256(b"SELECT 1;SELECT 2;"))
  EXPECT_EQ(h[0], "h1:F9tP02ntuSRLn5HZru0UXD0ErYum6V0GJH8HpjUn0Ro=");
  EXPECT_EQ(h[1], "h1:Q1ly6EfkxxrLjTZSKjT10nxKUSeL28wlIwaWHIiBBHw=");
}

}  // namespace
}  // namespace atlas::engine::migrate
