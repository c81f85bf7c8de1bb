#include "engine/url/url.hpp"

#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace atlas::engine::url {
namespace {

Url MustParse(std::string_view text) {
  auto u = Url::Parse(text);
  EXPECT_TRUE(u.ok()) << u.ErrorString();
  return std::move(u).value();
}

TEST(UrlTest, SqliteRelativeFile) {
  const Url u = MustParse("sqlite://data/app.db?_fk=1");
  EXPECT_EQ(u.scheme(), "sqlite");
  EXPECT_EQ(u.FilePath(), "data/app.db");
  EXPECT_EQ(u.Param("_fk"), "1");
  EXPECT_EQ(u.BoundSchema(), "main");
  EXPECT_TRUE(u.SchemaBound());
  EXPECT_EQ(u.host(), "");
  EXPECT_FALSE(u.has_password());
}

TEST(UrlTest, SqliteAbsoluteFile) {
  const Url u = MustParse("sqlite:///tmp/x y/app.db");
  EXPECT_EQ(u.FilePath(), "/tmp/x y/app.db");
  EXPECT_EQ(u.path(), "/tmp/x y/app.db");
}

TEST(UrlTest, SqliteMemory) {
  const Url u = MustParse("sqlite://dev?mode=memory&_fk=1");
  EXPECT_EQ(u.FilePath(), "dev");
  EXPECT_EQ(u.Param("mode"), "memory");
  EXPECT_EQ(u.Param("_fk"), "1");
  const Url f = MustParse("sqlite://file?mode=memory");
  EXPECT_EQ(f.FilePath(), "file");
}

TEST(UrlTest, SqlitePercentEncodedPathAndColon) {
  const Url u = MustParse("sqlite://my%20db%3F.sqlite?cache=shared");
  EXPECT_EQ(u.FilePath(), "my db?.sqlite");
  EXPECT_EQ(u.Param("cache"), "shared");
  // No authority parsing for file-like schemes: a ':' is part of the path.
  EXPECT_EQ(MustParse("sqlite://file:name.db").FilePath(), "file:name.db");
}

TEST(UrlTest, FileUrls) {
  EXPECT_EQ(MustParse("file://schema.hcl").FilePath(), "schema.hcl");
  EXPECT_EQ(MustParse("file://migrations/dir").FilePath(), "migrations/dir");
  EXPECT_EQ(MustParse("file:///abs/schema.sql").FilePath(), "/abs/schema.sql");
  EXPECT_EQ(MustParse("file:rel.sql").FilePath(), "rel.sql");
  EXPECT_EQ(MustParse("FILE://x.hcl").scheme(), "file");
}

TEST(UrlTest, Postgres) {
  const Url u = MustParse(
      "postgres://admin:s3cret@db.example.com:5433/app?sslmode=disable&search_path=public");
  EXPECT_EQ(u.scheme(), "postgres");
  EXPECT_EQ(u.user(), "admin");
  EXPECT_TRUE(u.has_password());
  EXPECT_EQ(u.Password(), "s3cret");
  EXPECT_EQ(u.host(), "db.example.com");
  EXPECT_EQ(u.port(), 5433);
  EXPECT_EQ(u.Database(), "app");
  EXPECT_EQ(u.Param("sslmode"), "disable");
  EXPECT_EQ(u.BoundSchema(), "public");
  EXPECT_EQ(u.Redacted(),
            "postgres://admin:xxxxx@db.example.com:5433/app?sslmode=disable&search_path=public");
  EXPECT_EQ(u.ConnectionString(),
            "postgres://admin:s3cret@db.example.com:5433/app?sslmode=disable&search_path=public");
}

TEST(UrlTest, PostgresqlRealmBoundWithoutSearchPath) {
  const Url u = MustParse("postgresql://u@localhost/app");
  EXPECT_EQ(u.scheme(), "postgresql");
  EXPECT_EQ(u.BoundSchema(), "");
  EXPECT_FALSE(u.SchemaBound());
  EXPECT_FALSE(u.port().has_value());
  EXPECT_FALSE(u.has_password());
  EXPECT_EQ(u.Redacted(), "postgresql://u@localhost/app");
}

TEST(UrlTest, MysqlAndMaria) {
  const Url m = MustParse("mysql://root:pass@localhost:3306/shop");
  EXPECT_EQ(m.BoundSchema(), "shop");
  EXPECT_EQ(m.port(), 3306);
  EXPECT_EQ(MustParse("mysql://root:pass@localhost:3306/").BoundSchema(), "");
  EXPECT_EQ(MustParse("maria://root@h/db").BoundSchema(), "db");
  EXPECT_EQ(MustParse("mariadb://root@h/db").scheme(), "mariadb");
}

TEST(UrlTest, Ipv6Host) {
  const Url u = MustParse("postgres://u:p@[::1]:5432/db");
  EXPECT_EQ(u.host(), "::1");
  EXPECT_EQ(u.port(), 5432);
}

TEST(UrlTest, PasswordWithReservedCharacters) {
  // Percent-encoded.
  const Url a = MustParse("postgres://u:p%40ss%2Fw%3Ard@h/db");
  EXPECT_EQ(a.Password(), "p@ss/w:rd");
  EXPECT_EQ(a.Redacted(), "postgres://u:xxxxx@h/db");
  // Unencoded '@' and '/': the user info ends at the last '@' before the query.
  const Url b = MustParse("mysql://u:p@ss/w@rd@h:3306/db");
  EXPECT_EQ(b.Password(), "p@ss/w@rd");
  EXPECT_EQ(b.host(), "h");
  EXPECT_EQ(b.Database(), "db");
  EXPECT_EQ(b.Redacted(), "mysql://u:xxxxx@h:3306/db");
  // Empty password is still a password.
  EXPECT_EQ(MustParse("postgres://u:@h/db").Redacted(), "postgres://u:xxxxx@h/db");
}

TEST(UrlTest, PasswordQueryParameterIsRedacted) {
  const Url u = MustParse("postgres://h/db?user=a&password=top%20secret&sslmode=require");
  EXPECT_EQ(u.Param("password"), "top secret");
  EXPECT_EQ(u.Redacted(), "postgres://h/db?user=a&password=xxxxx&sslmode=require");
}

TEST(UrlTest, DefaultFormattingIsRedacted) {
  const Url u = MustParse("postgres://admin:hunter2@h/db");
  std::ostringstream os;
  os << u;
  EXPECT_EQ(os.str(), "postgres://admin:xxxxx@h/db");
  EXPECT_EQ(fmt::format("{}", u), "postgres://admin:xxxxx@h/db");
  EXPECT_EQ(u.ToString(), "postgres://admin:xxxxx@h/db");
}

TEST(UrlTest, QueryDecoding) {
  const Url u = MustParse("postgres://h/db?search_path=a%2Cb&x=1+2&flag&x=3");
  EXPECT_EQ(u.Param("search_path"), "a,b");
  EXPECT_EQ(u.Param("x"), "1 2");
  EXPECT_EQ(u.Param("flag"), "");
  EXPECT_FALSE(u.Param("missing").has_value());
  ASSERT_EQ(u.query().size(), 4U);
  EXPECT_EQ(u.query()[3].second, "3");
}

TEST(UrlTest, Fragment) {
  const Url u = MustParse("postgres://h/db#frag%20x");
  EXPECT_EQ(u.fragment(), "frag x");
  EXPECT_EQ(u.Database(), "db");
}

struct BadUrl {
  std::string text;
  std::string detail;  // exact expected detail
};

class UrlErrorTest : public ::testing::TestWithParam<BadUrl> {};

TEST_P(UrlErrorTest, RejectsWithoutLeakingPassword) {
  auto u = Url::Parse(GetParam().text);
  ASSERT_FALSE(u.ok());
  const auto& d = u.diags().items().front();
  EXPECT_EQ(d.summary, "Invalid URL");
  EXPECT_EQ(d.detail, GetParam().detail);
  EXPECT_EQ(d.detail.find("hunter2"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, UrlErrorTest,
    ::testing::Values(
        BadUrl{"", "the URL is empty"},
        BadUrl{"no-scheme",
               "no-scheme: missing scheme (expected a URL such as sqlite://file.db or "
               "postgres://user:pass@host:5432/db)"},
        BadUrl{"://x",
               "://x: missing scheme (expected a URL such as sqlite://file.db or "
               "postgres://user:pass@host:5432/db)"},
        BadUrl{
            "postgres://u:hunter2@h:99999/db",
            "postgres://u:xxxxx@h:99999/db: invalid port (expected a number between 1 and 65535)"},
        BadUrl{
            "postgres://u:hunter2@h:port/db",
            "postgres://u:xxxxx@h:port/db: invalid port (expected a number between 1 and 65535)"},
        BadUrl{"postgres://u:hun?ter2@h/db",
               "postgres://u:xxxxx@h/db: invalid port (expected a number between 1 and 65535)"},
        BadUrl{"postgres://u:hunter2@h/d%zzb",
               "postgres://u:xxxxx@h/d%zzb: malformed percent-escape in the path"},
        BadUrl{"postgres://u:hunter2%@h/db",
               "postgres://u:xxxxx@h/db: malformed percent-escape in the password"},
        BadUrl{"postgres://u:hunter2@[::1/db",
               "postgres://u:xxxxx@[::1/db: missing ']' in the IPv6 host"},
        BadUrl{"postgres:u:hunter2@h/db",
               "postgres:xxxxx@h/db: expected postgres://[user[:password]@]host[:port]/..."},
        BadUrl{"sqlite://", "sqlite://: missing path (expected sqlite://path/to/file)"},
        BadUrl{"sqlite://?mode=memory",
               "sqlite://?mode=memory: missing path (expected sqlite://path/to/file)"},
        BadUrl{std::string("postgres://h/db\x01", 16), "the URL contains a control character"},
        BadUrl{"postgres://u:hunter2@h/db\n", "the URL contains a control character"}));

TEST(RedactUrlsInTextTest, RedactsEveryUrlPassword) {
  EXPECT_EQ(
      RedactUrlsInText("dial postgres://admin:hunter2@db:5432/app failed; retry mysql://r:pw@h/x"),
      "dial postgres://admin:xxxxx@db:5432/app failed; retry mysql://r:xxxxx@h/x");
}

TEST(RedactUrlsInTextTest, OverRedactsAmbiguousPasswords) {
  EXPECT_EQ(RedactUrlsInText("url \"postgres://u:p@ss/w?rd@h/db\" bad"),
            "url \"postgres://u:xxxxx@h/db\" bad");
}

TEST(RedactUrlsInTextTest, KeepsUrlsWithoutPassword) {
  EXPECT_EQ(RedactUrlsInText("sqlite://file.db and postgres://u@h/db and user@example.com"),
            "sqlite://file.db and postgres://u@h/db and user@example.com");
}

TEST(RedactUrlsInTextTest, RedactsPasswordPairs) {
  EXPECT_EQ(RedactUrlsInText("host=h password=hunter2 dbname=x"), "host=h password=xxxxx dbname=x");
  EXPECT_EQ(RedactUrlsInText("postgres://h/db?password=hunter2&sslmode=disable"),
            "postgres://h/db?password=xxxxx&sslmode=disable");
  EXPECT_EQ(RedactUrlsInText("mypassword=kept"), "mypassword=kept");
}

TEST(PercentDecodeTest, Decodes) {
  EXPECT_EQ(PercentDecode("a%20b%2F"), "a b/");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_FALSE(PercentDecode("%4").has_value());
  EXPECT_FALSE(PercentDecode("%g0").has_value());
}

}  // namespace
}  // namespace atlas::engine::url
