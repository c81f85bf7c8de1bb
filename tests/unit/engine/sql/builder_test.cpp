#include "engine/sql/builder.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace atlas::engine::sql {
namespace {

struct Hostile {
  std::string name;
  std::string sqlite_ident;
  std::string mysql_ident;
  std::string literal;
};

class BuilderHostileTest : public ::testing::TestWithParam<Hostile> {};

TEST_P(BuilderHostileTest, QuotesIdentifiersAndLiterals) {
  const Hostile& h = GetParam();
  Builder s(Dialect::Postgres());
  s.Ident(h.name);
  EXPECT_EQ(s.String(), h.sqlite_ident);
  Builder p(Dialect::Postgres());
  p.Ident(h.name);
  EXPECT_EQ(p.String(), h.sqlite_ident);
  Builder m(Dialect::Mysql(true));
  m.Ident(h.name);
  EXPECT_EQ(m.String(), h.mysql_ident);
  Builder l(Dialect::Postgres());
  l.Literal(h.name);
  EXPECT_EQ(l.String(), h.literal);
}

INSTANTIATE_TEST_SUITE_P(
    Names, BuilderHostileTest,
    ::testing::Values(Hostile{"we\"ird", "\"we\"\"ird\"", "`we\"ird`", "'we\"ird'"},
                      Hostile{"O'Brien", "\"O'Brien\"", "`O'Brien`", "'O''Brien'"},
                      Hostile{"select", "\"select\"", "`select`", "'select'"},
                      Hostile{"ünï", "\"ünï\"", "`ünï`", "'ünï'"},
                      Hostile{"a`b", "\"a`b\"", "`a``b`", "'a`b'"},
                      Hostile{std::string(63, 'x'), "\"" + std::string(63, 'x') + "\"",
                              "`" + std::string(63, 'x') + "`", "'" + std::string(63, 'x') + "'"}));

TEST(BuilderTest, MysqlDoublesBackslashUnlessNoBackslashEscapes) {
  Builder a(Dialect::Mysql());
  a.Literal("C:\\dir\\'x'");
  EXPECT_EQ(a.String(), "'C:\\\\dir\\\\''x'''");
  Builder b(Dialect::Mysql(true));
  b.Literal("C:\\dir");
  EXPECT_EQ(b.String(), "'C:\\dir'");
  Builder c(Dialect::Postgres());
  c.Literal("C:\\dir");
  EXPECT_EQ(c.String(), "'C:\\dir'");
}

TEST(BuilderTest, RejectsNulInIdentifierAndLiteral) {
  Builder b(Dialect::Postgres());
  b.Kw("DROP TABLE").Ident(std::string("a\0b", 3));
  auto r = b.Build();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diags().items().front().summary, "Invalid identifier");
  EXPECT_EQ(r.diags().items().front().detail, "an SQL identifier must not contain a NUL character");
  Builder l(Dialect::Postgres());
  l.Literal(std::string("x\0", 2));
  EXPECT_FALSE(l.ok());
  Builder e(Dialect::Postgres());
  e.Ident("");
  EXPECT_EQ(e.Build().ErrorString(),
            "Invalid identifier: an SQL identifier must not be empty\n  statement: \"\"");
}

TEST(BuilderTest, QualifierPolicy) {
  Builder bound(Dialect::Postgres(), std::string());
  bound.Kw("DROP TABLE").Table("public", "users");
  EXPECT_EQ(bound.String(), "DROP TABLE \"users\"");
  Builder realm(Dialect::Postgres());
  realm.Kw("DROP TABLE").Table("public", "users");
  EXPECT_EQ(realm.String(), "DROP TABLE \"public\".\"users\"");
  Builder realm_empty(Dialect::Postgres());
  realm_empty.Kw("DROP TABLE").Table("", "users");
  EXPECT_EQ(realm_empty.String(), "DROP TABLE \"users\"");
  Builder forced(Dialect::Mysql(), std::string("other"));
  forced.Kw("DROP TABLE").Table("shop", "users");
  EXPECT_EQ(forced.String(), "DROP TABLE `other`.`users`");
  Builder col(Dialect::Postgres());
  col.Kw("COMMENT ON COLUMN").Column("s\"x", "t", "c").Kw("IS").Literal("it's");
  EXPECT_EQ(col.String(), "COMMENT ON COLUMN \"s\"\"x\".\"t\".\"c\" IS 'it''s'");
}

TEST(BuilderTest, SpacingWrapCommaAndCall) {
  Builder b(Dialect::Postgres());
  const std::vector<std::string> cols = {"a", "b"};
  b.Kw("CREATE TABLE").Ident("t").Wrap([&](Builder& w) {
    w.MapComma(cols, [](const std::string& c, Builder& x) { x.Ident(c).Kw("int"); });
    w.Comma().Kw("CHECK").Paren(Raw{" a > 0 "});
  });
  b.Kw("STRICT");
  EXPECT_EQ(b.String(), "CREATE TABLE \"t\" (\"a\" int, \"b\" int, CHECK (a > 0)) STRICT");
  Builder c(Dialect::Postgres());
  c.Kw("SELECT")
      .Call("IFNULL", [](Builder& a) { a.Ident("x").Comma().Int(0); })
      .Kw("AS")
      .Ident("x");
  EXPECT_EQ(c.String(), "SELECT IFNULL(\"x\", 0) AS \"x\"");
}

TEST(BuilderTest, IndentedBody) {
  Builder b(Dialect::Postgres(), std::string(), "  ");
  const std::vector<std::string> cols = {"a", "b"};
  b.Kw("CREATE TABLE").Ident("t").WrapIndent([&](Builder& w) {
    w.MapIndent(cols, [](const std::string& c, Builder& x) { x.Ident(c).Kw("int"); });
  });
  EXPECT_EQ(b.String(), "CREATE TABLE \"t\" (\n  \"a\" int,\n  \"b\" int\n)");
}

TEST(BuilderTest, CloneDerivesStatementAndReverse) {
  Builder base(Dialect::Postgres());
  base.Kw("ALTER TABLE").Ident("t");
  Builder fwd = base.Clone();
  fwd.Kw("ADD COLUMN").Ident("c").Kw("int");
  Builder rev = base.Clone();
  rev.Kw("DROP COLUMN").Ident("c");
  EXPECT_EQ(fwd.String(), "ALTER TABLE \"t\" ADD COLUMN \"c\" int");
  EXPECT_EQ(rev.String(), "ALTER TABLE \"t\" DROP COLUMN \"c\"");
}

TEST(BuilderTest, RawIsVerbatim) {
  Builder b(Dialect::Postgres());
  b.Kw("DEFAULT").Raw(Raw{"'it''s' || \"x\""});
  EXPECT_EQ(b.String(), "DEFAULT 'it''s' || \"x\"");
}

TEST(WrapTest, MayWrapAndUnwrap) {
  EXPECT_TRUE(IsWrapped("(a > 0)"));
  EXPECT_FALSE(IsWrapped("(a) + (b)"));
  EXPECT_FALSE(
      IsWrapped("(a = ')')"
                " OR (b)"));
  EXPECT_TRUE(IsWrapped("(a = ')')"));
  EXPECT_EQ(MayWrap("a > 0"), "(a > 0)");
  EXPECT_EQ(MayWrap(" (a > 0) "), "(a > 0)");
  EXPECT_EQ(MayWrap("(a) + (b)"), "((a) + (b))");
  EXPECT_EQ(Unwrap("((a > 0))"), "a > 0");
  EXPECT_EQ(Unwrap("(a) + (b)"), "(a) + (b)");
}

}  // namespace
}  // namespace atlas::engine::sql
