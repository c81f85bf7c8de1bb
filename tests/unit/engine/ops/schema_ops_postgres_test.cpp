// SchemaOps on a real PostgreSQL 15 server: HCL desired state applied, inspected back as
// Atlas-style HCL, re-planned to nothing; dev-database normalization leaves the dev database clean;
// schema-bound URLs; SQL sources without a dev database; unreachable servers with redacted
// passwords.

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "engine/ops/schema_ops.hpp"
#include "tests/support/postgres_environment.hpp"

namespace atlas::engine::ops {
namespace {

class SchemaOpsPostgresTest : public tests::support::PostgresTest {
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

  SchemaOps ops_;
};

// Everything the PostgreSQL HCL dialect prints, in the canonical form `atlas schema inspect`
// prints (so applying it and inspecting back yields the same text).
constexpr const char* kBroad = R"hcl(table "orders" {
  schema = schema.public
  column "id" {
    null = false
    type = bigint
    identity {
      generated = ALWAYS
      start     = 100
    }
  }
  column "user_id" {
    null = false
    type = integer
  }
  column "status" {
    null    = false
    type    = enum.order_status
    default = "new"
  }
  column "total" {
    null    = false
    type    = numeric(10,2)
    default = 0
  }
  column "tags" {
    null = true
    type = sql("text[]")
  }
  column "placed_at" {
    null    = false
    type    = timestamptz(3)
    default = sql("now()")
  }
  column "doubled" {
    null = true
    type = numeric
    as {
      expr = "(total * (2)::numeric)"
      type = STORED
    }
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "orders_user_id_fkey" {
    columns     = [column.user_id]
    ref_columns = [table.users.column.id]
    on_update   = NO_ACTION
    on_delete   = CASCADE
  }
  index "orders_placed_at_idx" {
    where = "(status <> 'cancelled'::public.order_status)"
    on {
      desc   = true
      column = column.placed_at
    }
  }
  index "orders_tags_idx" {
    columns = [column.tags]
    type    = GIN
  }
  index "orders_user_id_idx" {
    columns = [column.user_id]
    include = [column.total]
  }
  check "total_positive" {
    expr = "(total >= (0)::numeric)"
  }
}
table "users" {
  schema  = schema.public
  comment = "people"
  column "id" {
    null = false
    type = serial
  }
  column "email" {
    null    = false
    type    = character_varying(255)
    comment = "login"
  }
  column "name" {
    null = true
    type = text
  }
  column "code" {
    null = true
    type = character(3)
  }
  column "score" {
    null = true
    type = double_precision
  }
  primary_key {
    columns = [column.id]
  }
  index "users_email_key" {
    unique  = true
    columns = [column.email]
  }
  index "users_lower_email_idx" {
    on {
      expr = "lower((email)::text)"
    }
  }
}
view "big_orders" {
  schema = schema.public
  column "id" {
    null = true
    type = bigint
  }
  as         = <<-SQL
  SELECT orders.id
     FROM public.orders
    WHERE (orders.total > (100)::numeric)
  SQL
  depends_on = [table.orders]
}
materialized "order_totals" {
  schema = schema.public
  column "user_id" {
    null = true
    type = integer
  }
  column "sum" {
    null = true
    type = numeric
  }
  as         = <<-SQL
  SELECT orders.user_id,
      sum(orders.total) AS sum
     FROM public.orders
    GROUP BY orders.user_id
  SQL
  depends_on = [table.orders]
}
enum "order_status" {
  schema = schema.public
  values = ["new", "paid", "cancelled"]
}
sequence "invoice_seq" {
  schema    = schema.public
  start     = 1000
  increment = 10
}
schema "public" {
  comment = "standard public schema"
}
)hcl";

TEST_F(SchemaOpsPostgresTest, ApplyInspectRoundTripThroughDevDatabase) {
  const std::string dev_db = CreateDatabase();
  const std::string url = Url();
  const std::string dev_url = server().Url(dev_db);
  auto applied = ops_.Apply(Req(kBroad, url, dev_url));
  ASSERT_TRUE(applied.ok()) << applied.ErrorString();
  EXPECT_FALSE(applied->plan.empty());
  EXPECT_EQ(InspectUrl(url), kBroad);

  // Re-planning the same HCL (with and without the dev database) changes nothing.
  auto again = ops_.PlanApply(Req(kBroad, url, dev_url));
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << again->ToSql();
  auto no_dev = ops_.PlanApply(Req(kBroad, url));
  ASSERT_TRUE(no_dev.ok()) << no_dev.ErrorString();
  EXPECT_TRUE(no_dev->empty()) << no_dev->ToSql();

  // The dev database is left clean.
  EXPECT_EQ(InspectUrl(dev_url),
            "schema \"public\" {\n  comment = \"standard public schema\"\n}\n");

  // Normalize through the dev database gives the same canonical text.
  NormalizeRequest nr;
  nr.source.hcl = kBroad;
  nr.dev_url = dev_url;
  auto normalized = ops_.Normalize(nr);
  ASSERT_TRUE(normalized.ok()) << normalized.ErrorString();
  EXPECT_EQ(*normalized, kBroad);
}

constexpr const char* kBound = R"hcl(table "t" {
  schema = schema.public
  column "id" {
    null = false
    type = integer
  }
  column "v" {
    null = true
    type = character_varying(20)
  }
  primary_key {
    columns = [column.id]
  }
}
schema "public" {
  comment = "standard public schema"
}
)hcl";

TEST_F(SchemaOpsPostgresTest, SchemaBoundUrlPlansUnqualifiedStatements) {
  const std::string url = Url("search_path=public");
  auto plan = ops_.PlanApply(Req(kBound, url));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  ASSERT_EQ(plan->statements.size(), 1U) << plan->ToSql();
  EXPECT_EQ(plan->statements[0].comment, "Create \"t\" table");
  EXPECT_EQ(plan->statements[0].sql,
            "CREATE TABLE \"t\" (\"id\" integer NOT NULL, \"v\" character varying(20) NULL, "
            "PRIMARY KEY (\"id\"))");
  ASSERT_TRUE(ops_.Apply(Req(kBound, url)).ok());
  EXPECT_EQ(InspectUrl(url), kBound);
  auto again = ops_.PlanApply(Req(kBound, url));
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << again->ToSql();
}

TEST_F(SchemaOpsPostgresTest, PlanLintUsesPostgresTypeNamesAndStatements) {
  ExecSql(
      "CREATE TABLE t (id integer NOT NULL PRIMARY KEY, v character varying(20) NULL);"
      "CREATE TABLE old (id integer);");
  const std::string url = Url("search_path=public");
  auto plan = ops_.PlanApply(Req(R"hcl(table "t" {
  schema = schema.public
  column "id" {
    null = false
    type = integer
  }
  column "v" {
    null = false
    type = character_varying(20)
  }
  column "n" {
    null = false
    type = character_varying(10)
  }
  primary_key {
    columns = [column.id]
  }
  index "t_v" {
    unique  = true
    columns = [column.v]
  }
}
schema "public" {
  comment = "standard public schema"
}
)hcl",
                                 url));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  // destructive, data_depend, and concurrent_index: the plan builds t_v without CONCURRENTLY.
  ASSERT_EQ(plan->lint.size(), 3U) << plan->ToSql();
  EXPECT_EQ(plan->lint[0].text, "destructive changes detected");
  ASSERT_EQ(plan->lint[0].findings.size(), 1U);
  EXPECT_EQ(plan->lint[0].findings[0].text, "Dropping table \"old\"");
  EXPECT_EQ(plan->lint[0].findings[0].statement, "DROP TABLE \"old\";");
  EXPECT_EQ(plan->lint[1].text, "data dependent changes detected");
  // In the order of the table's changes; all point at the first statement of the table change
  // (the ALTER TABLE), also MF101 whose CREATE INDEX follows it.
  std::vector<std::string> texts;
  for (const auto& f : plan->lint[1].findings) {
    texts.push_back(f.code + ": " + f.text);
    EXPECT_EQ(f.statement.rfind("ALTER TABLE \"t\"", 0), 0U) << f.statement;
  }
  EXPECT_EQ(
      texts,
      (std::vector<std::string>{
          "MF104: Modifying nullable column \"v\" to non-nullable might fail in case it contains "
          "NULL values",
          "MF103: Adding a non-nullable \"character varying(10)\" column \"n\" will fail in case "
          "table \"t\" is not empty",
          "MF101: Adding a unique index \"t_v\" on table \"t\" might fail in case column \"v\" "
          "contains duplicate entries"}))
      << plan->ToSql();
  EXPECT_EQ(plan->lint[2].text, "concurrent index violations detected");
  ASSERT_EQ(plan->lint[2].findings.size(), 1U);
  EXPECT_EQ(plan->lint[2].findings[0].code, "PG101");
  EXPECT_EQ(plan->lint[2].findings[0].text,
            "Creating index \"t_v\" non-concurrently causes write locks on the \"t\" table");
  // Like the findings above, it points at the first statement of the table change.
  EXPECT_EQ(plan->lint[2].findings[0].statement.rfind("ALTER TABLE \"t\"", 0), 0U)
      << plan->lint[2].findings[0].statement;
}

TEST_F(SchemaOpsPostgresTest, SqlDesiredStateNeedsADevDatabase) {
  SchemaApplyRequest r;
  r.url = Url();
  const std::string dir = ::testing::TempDir() + "pg-sql-src-" + database();
  std::filesystem::create_directories(dir);
  { std::ofstream(dir + "/schema.sql") << "CREATE TABLE t (id int);\n"; }
  r.desired.urls = {"file://" + dir + "/schema.sql"};
  auto plan = ops_.PlanApply(r);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.diags().items()[0].summary, "Dev database required");

  r.dev_url = server().Url(CreateDatabase());
  plan = ops_.PlanApply(r);
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  ASSERT_EQ(plan->statements.size(), 1U) << plan->ToSql();
  EXPECT_EQ(plan->statements[0].sql, "CREATE TABLE \"public\".\"t\" (\"id\" integer NULL)");
  std::filesystem::remove_all(dir);
}

TEST_F(SchemaOpsPostgresTest, UnreachableServerErrorRedactsPassword) {
  auto plan = ops_.PlanApply(Req(
      kBound, "postgres://alice:s3cr3t-pass@127.0.0.1:1/app?sslmode=disable&connect_timeout=2"));
  ASSERT_FALSE(plan.ok());
  const std::string text = plan.ErrorString();
  EXPECT_EQ(text.find("s3cr3t-pass"), std::string::npos) << text;
  EXPECT_NE(text.find("127.0.0.1"), std::string::npos) << text;
}

TEST_F(SchemaOpsPostgresTest, BadHclNamesThePosition) {
  auto plan =
      ops_.PlanApply(Req("table \"t\" {\n  schema = schema.public\n  column \"id\" {\n"
                         "    type = enum.missing\n  }\n}\nschema \"public\" {}\n",
                         Url()));
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.diags().items()[0].summary, "Unknown enum");
  EXPECT_NE(plan.ErrorString().find("schema.hcl:4"), std::string::npos) << plan.ErrorString();
}

TEST_F(SchemaOpsPostgresTest, ExampleSchemaAppliesAndConverges) {
  const std::string dev_url = server().Url(CreateDatabase());
  SchemaApplyRequest r;
  r.url = Url();
  r.dev_url = dev_url;
  r.desired.urls = {std::string("file://") + ATLAS_SOURCE_DIR + "/examples/postgres/schema.hcl"};
  auto applied = ops_.Apply(r);
  ASSERT_TRUE(applied.ok()) << applied.ErrorString();
  auto again = ops_.PlanApply(r);
  ASSERT_TRUE(again.ok()) << again.ErrorString();
  EXPECT_TRUE(again->empty()) << again->ToSql();
  // The inspected HCL, used as the desired state without a dev database, is a no-op too.
  SchemaApplyRequest inspected;
  inspected.url = Url();
  inspected.desired.hcl = InspectUrl(Url());
  auto no_dev = ops_.PlanApply(inspected);
  ASSERT_TRUE(no_dev.ok()) << no_dev.ErrorString();
  EXPECT_TRUE(no_dev->empty()) << no_dev->ToSql();
}

// Exclusion constraints in canonical HCL: a column and an expression element (btree_gist gives
// the gist operator class for integer), a partial deferrable one with INCLUDE and a comment.
constexpr const char* kExclusions = R"hcl(table "bookings" {
  schema = schema.public
  column "room" {
    null = false
    type = integer
  }
  column "starts" {
    null = false
    type = timestamp
  }
  column "ends" {
    null = false
    type = timestamp
  }
  column "note" {
    null = true
    type = text
  }
  exclude "no_overlap" {
    type = GIST
    on {
      column = column.room
      op     = "="
    }
    on {
      expr = "tsrange(starts, ends)"
      op   = "&&"
    }
  }
  exclude "one_note" {
    type               = BTREE
    include            = [column.room]
    where              = "(room > 0)"
    deferrable         = true
    initially_deferred = true
    comment            = "one booking per note"
    on {
      column = column.note
      op     = "="
    }
  }
}
extension "btree_gist" {
  schema  = schema.public
  version = "1.7"
}
schema "public" {
  comment = "standard public schema"
}
)hcl";

TEST_F(SchemaOpsPostgresTest, ExclusionConstraintsApplyInspectAndChange) {
  const std::string dev_url = server().Url(CreateDatabase());
  const std::string url = Url();
  auto applied = ops_.Apply(Req(kExclusions, url, dev_url));
  ASSERT_TRUE(applied.ok()) << applied.ErrorString();
  EXPECT_EQ(InspectUrl(url), kExclusions);
  for (const std::string& dev : {dev_url, std::string()}) {
    auto again = ops_.PlanApply(Req(kExclusions, url, dev));
    ASSERT_TRUE(again.ok()) << again.ErrorString();
    EXPECT_TRUE(again->empty()) << again->ToSql();
  }
  // A changed operator replaces the constraint; the other one is left alone.
  std::string changed = kExclusions;
  const std::string from = "      op     = \"=\"\n    }\n    on {\n      expr";
  const auto at = changed.find(from);
  ASSERT_NE(at, std::string::npos);
  changed.replace(at, from.size(), "      op     = \"<>\"\n    }\n    on {\n      expr");
  auto plan = ops_.PlanApply(Req(changed, url, dev_url));
  ASSERT_TRUE(plan.ok()) << plan.ErrorString();
  ASSERT_EQ(plan->statements.size(), 1U) << plan->ToSql();
  EXPECT_EQ(plan->statements[0].comment, "Modify \"bookings\" table");
  EXPECT_EQ(
      plan->statements[0].sql,
      "ALTER TABLE \"public\".\"bookings\" DROP CONSTRAINT \"no_overlap\", ADD CONSTRAINT "
      "\"no_overlap\" EXCLUDE USING gist (\"room\" WITH <>, (tsrange(starts, ends)) WITH &&)");
  ASSERT_TRUE(ops_.Apply(Req(changed, url, dev_url)).ok());
  EXPECT_EQ(InspectUrl(url), changed);
}

}  // namespace
}  // namespace atlas::engine::ops
