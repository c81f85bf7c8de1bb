// The statement token scan: words outside quotes and comments, per dialect quoting rules.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/sql/tokens.hpp"

namespace atlas::engine::sql {
namespace {

std::vector<std::string> Words(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) {
    if (t.kind == Token::Kind::kWord) {
      out.push_back(t.text);
    }
  }
  return out;
}

TEST(TokenizeTest, SkipsStringsIdentifiersAndComments) {
  const auto tokens = Tokenize(
      "CREATE /* concurrently */ INDEX \"concurrently\" ON t -- CONCURRENTLY\n (a) WHERE b = "
      "'CONCURRENTLY'",
      SplitOptions::For(DialectKind::kPostgres));
  EXPECT_FALSE(HasKeyword(tokens, "CONCURRENTLY"));
  EXPECT_EQ(Words(tokens), (std::vector<std::string>{"CREATE", "INDEX", "ON", "t", "a", "WHERE", "b"}));
  ASSERT_GE(tokens.size(), 3U);
  EXPECT_EQ(tokens[2].kind, Token::Kind::kQuotedIdent);
  EXPECT_EQ(tokens[2].text, "concurrently");
}

TEST(TokenizeTest, KeywordsMatchIgnoringCase) {
  const auto tokens = Tokenize("create index concurrently i on t (a)",
                               SplitOptions::For(DialectKind::kPostgres));
  EXPECT_TRUE(HasKeyword(tokens, "CONCURRENTLY"));
  EXPECT_TRUE(tokens[2].Is("CONCURRENTLY"));
  EXPECT_FALSE(tokens[2].Is("INDEX"));
}

TEST(TokenizeTest, DollarQuotesAndNestedCommentsOnPostgres) {
  const auto tokens = Tokenize("SELECT $fn$ RENAME $fn$, /* a /* RENAME */ b */ x",
                               SplitOptions::For(DialectKind::kPostgres));
  EXPECT_FALSE(HasKeyword(tokens, "RENAME"));
  EXPECT_EQ(Words(tokens), (std::vector<std::string>{"SELECT", "x"}));
}

TEST(TokenizeTest, MysqlBackslashEscapesBackticksAndHashComments) {
  const auto tokens = Tokenize("ALTER TABLE `t` ADD c int DEFAULT 'it\\'s REFERENCES' # REFERENCES\n",
                               SplitOptions::For(DialectKind::kMysql));
  EXPECT_FALSE(HasKeyword(tokens, "REFERENCES"));
  EXPECT_EQ(Words(tokens), (std::vector<std::string>{"ALTER", "TABLE", "ADD", "c", "int", "DEFAULT"}));
}

TEST(TokenizeTest, UnterminatedQuoteEndsTheScan) {
  const auto tokens = Tokenize("ALTER TABLE t RENAME TO 'x", SplitOptions::For(DialectKind::kSqlite));
  EXPECT_TRUE(HasKeyword(tokens, "RENAME"));
  EXPECT_EQ(tokens.back().text, "TO");
}

}  // namespace
}  // namespace atlas::engine::sql
