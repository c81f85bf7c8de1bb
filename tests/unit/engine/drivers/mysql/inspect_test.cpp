// Inspection on a real MariaDB server (tests/support starts one on loopback): a broad fixture
// inspected into the model and checked field by field; a fixed number of round trips whatever the
// table count; URL handling.

#include "engine/drivers/mysql/inspect.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "engine/drivers/mysql/driver.hpp"
#include "engine/url/url.hpp"
#include "tests/support/mariadb_server.hpp"

namespace atlas::engine::drivers::mysql {
namespace {

class MysqlInspectTest : public tests::support::MariaDbTest {
 protected:
  std::unique_ptr<MysqlDriver> Open(const std::string& text) {
    auto u = url::Url::Parse(text);
    EXPECT_TRUE(u.ok()) << u.ErrorString();
    auto d = MysqlDriver::Open(*u);
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    return d.ok() ? std::move(d).value() : nullptr;
  }
};

constexpr std::string_view kFixture = R"sql(
CREATE TABLE users (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  email varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'it''s email',
  name varchar(100) DEFAULT 'anon',
  st enum('active','closed','it''s') NOT NULL DEFAULT 'active',
  amount decimal(10,2) DEFAULT 0.00,
  flag tinyint(1) NOT NULL DEFAULT 1,
  z int(5) unsigned zerofill,
  j json,
  bits bit(8) DEFAULT b'101',
  created timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  d date DEFAULT '2020-01-01',
  g int AS (id * 2) VIRTUAL,
  gs varchar(300) AS (concat(name, email)) STORED,
  body text,
  pt point NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY users_email (email),
  KEY users_name_prefix (name(10), amount DESC) COMMENT 'prefix',
  FULLTEXT KEY users_body (body),
  SPATIAL KEY users_pt (pt),
  CONSTRAINT positive CHECK (amount >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci COMMENT='people' AUTO_INCREMENT=100;
CREATE TABLE posts (
  id int NOT NULL PRIMARY KEY,
  author bigint unsigned,
  CONSTRAINT posts_author FOREIGN KEY (author) REFERENCES users (id) ON DELETE CASCADE ON UPDATE SET NULL
) ENGINE=MyISAM;
CREATE VIEW active_users AS SELECT id, email FROM users WHERE st = 'active' WITH CASCADED CHECK OPTION;
CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.name = lower(NEW.name);
)sql";

TEST_F(MysqlInspectTest, BroadFixture) {
  ExecSql(kFixture);
  auto drv = Open(Url());
  ASSERT_NE(drv, nullptr);
  EXPECT_EQ(drv->flavor(), Flavor::kMariaDb);
  EXPECT_EQ(drv->BoundSchema(), database());
  const int64_t before = drv->conn().RoundTrips();
  auto realm = drv->inspector().InspectRealm({});
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  EXPECT_EQ(drv->conn().RoundTrips() - before, 8) << "inspection must be set-based";
  ASSERT_EQ(realm->schemas.size(), 1U);
  const schema::Schema& s = realm->schemas[0];
  EXPECT_EQ(s.name, database());
  ASSERT_EQ(s.tables.size(), 2U);
  const schema::Table& posts = s.tables[0];
  const schema::Table& users = s.tables[1];
  EXPECT_EQ(posts.options.engine, "MyISAM");
  EXPECT_EQ(users.options.engine, "");
  EXPECT_EQ(users.options.charset, "latin1");
  EXPECT_EQ(users.options.collation, "latin1_swedish_ci");
  EXPECT_EQ(users.options.auto_increment, 100);
  EXPECT_EQ(users.comment, "people");
  ASSERT_EQ(users.columns.size(), 15U);
  const auto col = [&](std::string_view n) {
    const schema::Column* c = users.FindColumn(n);
    EXPECT_NE(c, nullptr) << n;
    return c != nullptr ? *c : schema::Column{};
  };
  EXPECT_EQ(col("id").type.normalized, "bigint");
  EXPECT_TRUE(col("id").type.is_unsigned);
  EXPECT_TRUE(col("id").auto_increment);
  EXPECT_FALSE(col("id").nullable);
  EXPECT_EQ(col("email").charset, "utf8mb4");
  EXPECT_EQ(col("email").collation, "utf8mb4_bin");
  EXPECT_EQ(col("email").comment, "it's email");
  EXPECT_EQ(col("name").charset, "");
  EXPECT_EQ(col("name").default_value, (schema::Expr{schema::Expr::Kind::kLiteral, "'anon'"}));
  EXPECT_EQ(col("st").type.normalized, "enum('active','closed','it''s')");
  EXPECT_EQ(col("st").type.enum_values, (std::vector<std::string>{"active", "closed", "it's"}));
  EXPECT_EQ(col("amount").type.normalized, "decimal(10,2)");
  EXPECT_EQ(col("amount").default_value->text, "0.00");
  EXPECT_EQ(col("flag").type.normalized, "bool");
  EXPECT_EQ(col("z").type.normalized, "int");
  EXPECT_TRUE(col("z").type.zerofill);
  EXPECT_EQ(col("j").type.normalized, "json");
  EXPECT_EQ(col("bits").type.normalized, "bit(8)");
  EXPECT_EQ(col("bits").default_value->text, "b'101'");
  EXPECT_EQ(col("created").type.normalized, "timestamp(3)");
  ASSERT_TRUE(col("created").default_value.has_value());
  EXPECT_EQ(col("created").default_value->kind, schema::Expr::Kind::kRaw);
  EXPECT_EQ(col("created").default_value->text, "CURRENT_TIMESTAMP(3)");
  ASSERT_TRUE(col("created").on_update.has_value());
  EXPECT_EQ(col("created").on_update->text, "CURRENT_TIMESTAMP(3)");
  ASSERT_TRUE(col("g").generated.has_value());
  EXPECT_FALSE(col("g").generated->stored);
  EXPECT_EQ(col("g").generated->expr, "`id` * 2");
  ASSERT_TRUE(col("gs").generated.has_value());
  EXPECT_TRUE(col("gs").generated->stored);
  ASSERT_TRUE(users.primary_key.has_value());
  EXPECT_EQ(users.primary_key->parts.size(), 1U);
  ASSERT_EQ(users.indexes.size(), 4U);
  EXPECT_EQ(users.indexes[0].name, "users_body");
  EXPECT_EQ(users.indexes[0].type, "FULLTEXT");
  EXPECT_EQ(users.indexes[1].name, "users_email");
  EXPECT_TRUE(users.indexes[1].unique);
  EXPECT_EQ(users.indexes[2].name, "users_name_prefix");
  EXPECT_EQ(users.indexes[2].comment, "prefix");
  ASSERT_EQ(users.indexes[2].parts.size(), 2U);
  EXPECT_EQ(users.indexes[2].parts[0].prefix, 10);
  EXPECT_TRUE(users.indexes[2].parts[1].desc);
  EXPECT_EQ(users.indexes[3].type, "SPATIAL");
  ASSERT_EQ(users.checks.size(), 1U);
  EXPECT_EQ(users.checks[0].name, "positive");
  EXPECT_EQ(users.checks[0].expr, "`amount` >= 0");
  ASSERT_EQ(users.triggers.size(), 1U);
  EXPECT_EQ(users.triggers[0].body,
            "CREATE TRIGGER `users_bi` BEFORE INSERT ON `users` FOR EACH ROW SET NEW.name = "
            "lower(NEW.name)");
  // MyISAM ignores foreign keys; the view is qualified-free.
  EXPECT_TRUE(posts.foreign_keys.empty());
  ASSERT_EQ(s.views.size(), 1U);
  EXPECT_EQ(s.views[0].check_option, "CASCADED");
  EXPECT_EQ(s.views[0].definition.find(database()), std::string::npos) << s.views[0].definition;
  EXPECT_EQ(s.views[0].columns.size(), 2U);
}

TEST_F(MysqlInspectTest, ForeignKeysAndActions) {
  ExecSql(
      "CREATE TABLE p (id int PRIMARY KEY, a int, b int, UNIQUE KEY ab (a, b));"
      "CREATE TABLE c (id int, pa int, pb int, CONSTRAINT c_fk FOREIGN KEY (pa, pb) REFERENCES p "
      "(a, b) ON DELETE SET NULL);");
  auto drv = Open(Url());
  ASSERT_NE(drv, nullptr);
  auto realm = drv->inspector().InspectRealm({});
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  const schema::Table* c = realm->schemas[0].FindTable("c");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->foreign_keys.size(), 1U);
  const auto& fk = c->foreign_keys[0];
  EXPECT_EQ(fk.name, "c_fk");
  EXPECT_EQ(fk.columns, (std::vector<std::string>{"pa", "pb"}));
  EXPECT_EQ(fk.ref_table, "p");
  EXPECT_EQ(fk.ref_schema, "");
  EXPECT_EQ(fk.ref_columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(fk.on_delete, schema::ReferenceOption::kSetNull);
  // MariaDB reports an unspecified action as RESTRICT.
  EXPECT_EQ(fk.on_update, schema::ReferenceOption::kRestrict);
  // The implicit index InnoDB creates for the foreign key.
  EXPECT_NE(c->FindIndex("c_fk"), nullptr);
}

TEST_F(MysqlInspectTest, RealmBoundListsUserSchemas) {
  const std::string other = CreateDatabase();
  ExecSqlIn(other, "CREATE TABLE t (id int)");
  auto drv = Open(server().Url("", "maria"));
  ASSERT_NE(drv, nullptr);
  EXPECT_EQ(drv->BoundSchema(), "");
  InspectOptions o;
  o.schemas = {other};
  auto realm = drv->inspector().InspectRealm(o);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  ASSERT_EQ(realm->schemas.size(), 1U);
  EXPECT_EQ(realm->schemas[0].name, other);
  EXPECT_EQ(realm->schemas[0].tables.size(), 1U);
}

TEST_F(MysqlInspectTest, BadPasswordIsRedacted) {
  std::string text = Url();
  const std::string secret = "s3cr3t-pw";
  text.replace(text.find(":pass@"), 6, ":" + secret + "@");
  auto u = url::Url::Parse(text);
  ASSERT_TRUE(u.ok());
  auto d = MysqlDriver::Open(*u);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.ErrorString().find(secret), std::string::npos) << d.ErrorString();
  EXPECT_NE(d.ErrorString().find("Access denied"), std::string::npos) << d.ErrorString();
}

TEST_F(MysqlInspectTest, UnknownUrlParameterIsAnError) {
  auto u = url::Url::Parse(Url() + "?bogus=1");
  ASSERT_TRUE(u.ok());
  auto d = MysqlDriver::Open(*u);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.ErrorString().find("bogus"), std::string::npos);
}

TEST_F(MysqlInspectTest, TlsParameterIsHonoured) {
  // The test server offers no TLS: required TLS fails (password redacted), preferred and disabled
  // connect in plain text, and an unknown value is refused before connecting.
  for (const char* mode : {"true", "skip-verify"}) {
    auto u = url::Url::Parse(Url() + "?tls=" + mode);
    ASSERT_TRUE(u.ok());
    auto d = MysqlDriver::Open(*u);
    ASSERT_FALSE(d.ok()) << mode;
    EXPECT_NE(d.ErrorString().find("mysql: cannot connect to the database"), std::string::npos)
        << d.ErrorString();
    EXPECT_NE(d.ErrorString().find("TLS"), std::string::npos) << d.ErrorString();
    EXPECT_EQ(d.ErrorString().find(":pass@"), std::string::npos) << d.ErrorString();
  }
  for (const char* mode : {"preferred", "false"}) {
    auto u = url::Url::Parse(Url() + "?tls=" + mode);
    ASSERT_TRUE(u.ok());
    auto d = MysqlDriver::Open(*u);
    EXPECT_TRUE(d.ok()) << mode << ": " << d.ErrorString();
  }
  auto u = url::Url::Parse(Url() + "?tls=maybe");
  ASSERT_TRUE(u.ok());
  auto d = MysqlDriver::Open(*u);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.diags().items().at(0).detail,
            "tls=\"maybe\" is not supported (supported: true, false, skip-verify, preferred)");
}

}  // namespace
}  // namespace atlas::engine::drivers::mysql
