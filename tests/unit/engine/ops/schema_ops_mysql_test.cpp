// SchemaOps on a real MariaDB server: HCL desired state (Atlas's MySQL dialect) applied, inspected
// back as Atlas-style HCL, re-planned to nothing with and without a dev database; the dev database
// is left clean; SQL sources through a dev database; unreachable servers with redacted passwords.

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "engine/ops/schema_ops.hpp"
#include "tests/support/mariadb_server.hpp"

namespace atlas::engine::ops {
namespace {

class SchemaOpsMysqlTest : public tests::support::MariaDbTest {
 protected:
  SchemaApplyRequest Req(const std::string& hcl, const std::string& url,
                         const std::string& dev_url = "") const {
    SchemaApplyRequest r;
    r.url = url;
    r.dev_url = dev_url;
    r.desired.hcl = hcl;
    return r;
  }
  std::string InspectUrl(const std::string& url) const {
    InspectRequest ir;
    ir.url = url;
    auto out = ops_.Inspect(ir);
    EXPECT_TRUE(out.ok()) << out.ErrorString();
    return out.ok() ? *out : "";
  }
  // The HCL with the schema named after this test's database.
  std::string Hcl(std::string text) const {
    for (size_t at = text.find("$DB"); at != std::string::npos; at = text.find("$DB")) {
      text.replace(at, 3, database());
    }
    return text;
  }

  SchemaOps ops_;
};

constexpr const char* kBroad = R"hcl(table "posts" {
  schema  = schema.$DB
  charset = "latin1"
  collate = "latin1_swedish_ci"
  column "id" {
    null = false
    type = int
  }
  column "author" {
    null     = true
    type     = bigint
    unsigned = true
  }
  column "title" {
    null    = false
    type    = varchar(200)
    charset = "utf8mb4"
    collate = "utf8mb4_bin"
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "posts_author" {
    columns     = [column.author]
    ref_columns = [table.users.column.id]
    on_update   = NO_ACTION
    on_delete   = CASCADE
  }
  index "posts_author" {
    columns = [column.author]
  }
  index "posts_title" {
    on {
      column = column.title
      prefix = 20
    }
  }
}
table "users" {
  schema         = schema.$DB
  comment        = "people"
  charset        = "latin1"
  collate        = "latin1_swedish_ci"
  auto_increment = 100
  column "id" {
    null           = false
    type           = bigint
    unsigned       = true
    auto_increment = true
  }
  column "email" {
    null    = false
    type    = varchar(255)
    comment = "it's email"
  }
  column "status" {
    null    = false
    type    = enum("active","closed")
    default = "active"
  }
  column "created" {
    null      = false
    type      = timestamp
    default   = sql("CURRENT_TIMESTAMP")
    on_update = sql("CURRENT_TIMESTAMP")
  }
  column "body" {
    null = true
    type = text
  }
  column "email_len" {
    null = true
    type = int
    as {
      expr = "char_length(`email`)"
      type = STORED
    }
  }
  primary_key {
    columns = [column.id]
  }
  index "users_body" {
    columns = [column.body]
    type    = FULLTEXT
  }
  index "users_email" {
    unique  = true
    columns = [column.email]
  }
}
schema "$DB" {
  charset = "latin1"
  collate = "latin1_swedish_ci"
}
)hcl";

TEST_F(SchemaOpsMysqlTest, ApplyInspectRoundTripThroughDevDatabase) {
  const std::string dev_db = CreateDatabase();
  const std::string url = Url();
  const std::string dev_url = server().Url(dev_db);
  const std::string hcl = Hcl(kBroad);
  auto plan = ops_.PlanApply(Req(hcl, url, dev_url));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  ASSERT_EQ(plan->statements.size(), 2U) << plan->ToSql();
  EXPECT_EQ(plan->statements[0].comment, "Create \"users\" table");
  EXPECT_EQ(plan->statements[1].comment, "Create \"posts\" table");
  auto applied = ops_.Apply(Req(hcl, url, dev_url));
  ASSERT_TRUE(applied.ok()) << applied.ErrorString();
  EXPECT_EQ(InspectUrl(url), hcl);

  auto again = ops_.PlanApply(Req(hcl, url, dev_url));
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << again->ToSql();
  auto no_dev = ops_.PlanApply(Req(hcl, url));
  ASSERT_TRUE(no_dev.ok()) << no_dev.ErrorString();
  EXPECT_TRUE(no_dev->empty()) << no_dev->ToSql();

  // The dev database is left clean.
  const std::string clean = InspectUrl(dev_url);
  EXPECT_EQ(clean.find("table"), std::string::npos) << clean;
}

TEST_F(SchemaOpsMysqlTest, ModifyPlansOneAlterPerTable) {
  ExecSql("CREATE TABLE t (id int NOT NULL, a varchar(10), e enum('x','z'), PRIMARY KEY (id))");
  const std::string hcl = Hcl(R"hcl(table "t" {
  schema = schema.$DB
  column "id" {
    null = false
    type = int
  }
  column "a" {
    null = true
    type = varchar(20)
  }
  column "e" {
    null = true
    type = enum("x","y","z")
  }
  column "b" {
    null     = false
    type     = int
    unsigned = true
    default  = 0
  }
  primary_key {
    columns = [column.id]
  }
}
schema "$DB" {
}
)hcl");
  auto plan = ops_.PlanApply(Req(hcl, Url()));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  EXPECT_EQ(plan->ToSql(),
            "-- Modify \"t\" table\nALTER TABLE `t` MODIFY COLUMN `a` varchar(20) NULL, MODIFY "
            "COLUMN `e` enum('x','y','z') NULL, ADD COLUMN `b` int unsigned NOT NULL DEFAULT "
            "0;\n");
  ASSERT_TRUE(ops_.Apply(Req(hcl, Url())).ok());
  auto again = ops_.PlanApply(Req(hcl, Url()));
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << again->ToSql();
}

TEST_F(SchemaOpsMysqlTest, SqlDesiredStateThroughDevDatabase) {
  SchemaApplyRequest r;
  r.url = Url("maria");
  const std::string dir = ::testing::TempDir() + "my-sql-src-" + database();
  std::filesystem::create_directories(dir);
  { std::ofstream(dir + "/schema.sql") << "CREATE TABLE t (id int);\n"; }
  r.desired.urls = {"file://" + dir + "/schema.sql"};
  auto plan = ops_.PlanApply(r);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.diags().items()[0].summary, "Dev database required");
  r.dev_url = server().Url(CreateDatabase(), "mariadb");
  plan = ops_.PlanApply(r);
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  ASSERT_EQ(plan->statements.size(), 1U) << plan->ToSql();
  EXPECT_EQ(plan->statements[0].sql,
            "CREATE TABLE `t` (`id` int NULL) CHARSET latin1 COLLATE latin1_swedish_ci");
  std::filesystem::remove_all(dir);
}

TEST_F(SchemaOpsMysqlTest, UnreachableServerErrorRedactsPassword) {
  auto plan = ops_.PlanApply(
      Req(Hcl("schema \"$DB\" {\n}\n"), "mysql://alice:s3cr3t-pass@127.0.0.1:1/app"));
  ASSERT_FALSE(plan.ok());
  const std::string text = plan.ErrorString();
  EXPECT_EQ(text.find("s3cr3t-pass"), std::string::npos) << text;
  EXPECT_NE(text.find("127.0.0.1"), std::string::npos) << text;
}

// Inspected HCL decodes again: view columns carry only null/type (MySQL reports the default and
// signedness of the table column they read), triggers keep their CREATE TRIGGER statement.
TEST_F(SchemaOpsMysqlTest, InspectedViewsAndTriggersRoundTrip) {
  ExecSql(
      "CREATE TABLE t (id int unsigned NOT NULL DEFAULT 0, n varchar(10) DEFAULT 'x', PRIMARY KEY "
      "(id)); CREATE VIEW v AS SELECT id, n FROM t; CREATE TRIGGER t_bi BEFORE INSERT ON t FOR "
      "EACH ROW SET NEW.n = lower(NEW.n)");
  const std::string hcl = InspectUrl(Url());
  const std::string view = hcl.substr(hcl.find("view \"v\""));
  EXPECT_EQ(view.substr(0, view.find("trigger")), Hcl(R"hcl(view "v" {
  schema = schema.$DB
  column "id" {
    null = false
    type = int
  }
  column "n" {
    null = true
    type = varchar(10)
  }
  as = "select `t`.`id` AS `id`,`t`.`n` AS `n` from `t`"
}
)hcl"));
  EXPECT_NE(hcl.find("trigger \"t_bi\" {\n  on = table.t\n  as = \"CREATE TRIGGER `t_bi` BEFORE "
                     "INSERT ON `t` FOR EACH ROW SET NEW.n = lower(NEW.n)\"\n}\n"),
            std::string::npos)
      << hcl;
  auto again = ops_.PlanApply(Req(hcl, Url()));
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << again->ToSql();
  const std::string dev = server().Url(CreateDatabase());
  auto with_dev = ops_.PlanApply(Req(hcl, Url(), dev));
  ASSERT_TRUE(with_dev.ok()) << with_dev.ErrorString();
  EXPECT_TRUE(with_dev->empty()) << with_dev->ToSql();
}

// A BEGIN ... END trigger prints as Atlas's timing-block form; decoding rebuilds the statement
// with backtick-quoted names (double quotes are string literals to MySQL).
TEST_F(SchemaOpsMysqlTest, InspectedCompoundTriggerRoundTrips) {
  ExecSql(
      "CREATE TABLE t (id int NOT NULL, n varchar(10), PRIMARY KEY (id)); CREATE TRIGGER t_bu "
      "BEFORE UPDATE ON t FOR EACH ROW BEGIN SET NEW.n = lower(NEW.n); SET NEW.id = OLD.id; END");
  const std::string hcl = InspectUrl(Url());
  EXPECT_EQ(
      hcl.substr(hcl.find("trigger"), hcl.find("schema \"") - hcl.find("trigger")),
      "trigger \"t_bu\" {\n  on = table.t\n  before {\n    update = true\n  }\n  for = ROW\n  as "
      " = \"BEGIN SET NEW.n = lower(NEW.n); SET NEW.id = OLD.id; END\"\n}\n");
  auto again = ops_.PlanApply(Req(hcl, Url()));
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << again->ToSql();
  const std::string dev = server().Url(CreateDatabase());
  auto with_dev = ops_.PlanApply(Req(hcl, Url(), dev));
  ASSERT_TRUE(with_dev.ok()) << with_dev.ErrorString();
  EXPECT_TRUE(with_dev->empty()) << with_dev->ToSql();
}

TEST_F(SchemaOpsMysqlTest, FailingStatementIsNamed) {
  ExecSql("CREATE TABLE t (a varchar(10)); INSERT INTO t VALUES ('abc')");
  const std::string hcl = Hcl(R"hcl(table "t" {
  schema = schema.$DB
  column "a" {
    null = true
    type = int
  }
}
schema "$DB" {
}
)hcl");
  auto applied = ops_.Apply(Req(hcl, Url()));
  ASSERT_FALSE(applied.ok());
  const auto& d = applied.diags().items()[0];
  EXPECT_EQ(d.summary, "Statement 1 of 1 failed (Modify \"t\" table)");
  ASSERT_TRUE(d.statement.has_value());
  EXPECT_EQ(*d.statement, "ALTER TABLE `t` MODIFY COLUMN `a` int NULL");
  EXPECT_NE(d.detail.find("0 statements applied before it"), std::string::npos) << d.detail;
}

}  // namespace
}  // namespace atlas::engine::ops
