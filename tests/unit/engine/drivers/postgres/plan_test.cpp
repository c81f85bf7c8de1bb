// Planner goldens: schema::Change values in, exact SQL, comments and reverses out (no server).

#include "engine/drivers/postgres/plan.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace atlas::engine::drivers::postgres {
namespace {

namespace s = schema;

s::Column Col(std::string name, std::string type, bool nullable = true) {
  s::Column c;
  c.name = std::move(name);
  c.type.normalized = type;
  c.type.raw = std::move(type);
  c.nullable = nullable;
  return c;
}

s::Column WithDefault(s::Column c, std::string text, s::Expr::Kind kind = s::Expr::Kind::kLiteral) {
  c.default_value = s::Expr{kind, std::move(text)};
  return c;
}

s::IndexPart P(std::string column) {
  s::IndexPart p;
  p.column = std::move(column);
  return p;
}

s::Table Users() {
  s::Table t;
  t.name = "users";
  t.columns = {Col("id", "bigint", false), Col("email", "character varying(255)", false),
               WithDefault(Col("name", "text"), "'anon'")};
  t.primary_key = s::PrimaryKey{"users_pkey", {P("id")}};
  return t;
}

// "-- comment\nsql;\n" per statement, with reverse and non-transactional markers.
std::string Render(const plan::Plan& p, bool reverse = false) {
  std::string out;
  for (const auto& st : p.statements) {
    out += "-- " + st.comment + (st.transactional ? "" : " [no tx]") + "\n" + st.sql + ";\n";
    if (reverse) {
      out += "   reverse: " + (st.reverse.empty() ? std::string("<none>") : st.reverse) + "\n";
    }
  }
  return out;
}

std::string Plan(const std::vector<s::Change>& changes, const PlanOptions& options = {},
                 std::string bound = {}, bool reverse = false) {
  PostgresPlanner planner(std::move(bound));
  auto p = planner.PlanChanges(changes, options);
  if (!p.ok()) {
    return "ERROR: " + p.ErrorString();
  }
  return Render(*p, reverse);
}

TEST(PostgresPlannerTest, AddSchemaWithCommentAndPublicIfNotExists) {
  s::Schema app;
  app.name = "we\"ird";
  app.comment = "O'Brien's";
  s::Schema pub;
  pub.name = "public";
  EXPECT_EQ(Plan({s::AddSchema{app}, s::AddSchema{pub}}, {}, "", true),
            R"(-- Add new schema named "we\"ird"
CREATE SCHEMA "we""ird";
   reverse: DROP SCHEMA "we""ird" CASCADE
-- Set comment to schema: "we\"ird"
COMMENT ON SCHEMA "we""ird" IS 'O''Brien''s';
   reverse: COMMENT ON SCHEMA "we""ird" IS ''
-- Add new schema named "public"
CREATE SCHEMA IF NOT EXISTS "public";
   reverse: DROP SCHEMA "public" CASCADE
)");
}

TEST(PostgresPlannerTest, CreateTableWithEverything) {
  s::Table t = Users();
  t.comment = "people";
  t.columns.push_back(
      WithDefault(Col("created", "timestamptz(3)", false), "now()", s::Expr::Kind::kRaw));
  s::Column st = WithDefault(Col("st", "status"), "active");
  st.type.enum_ref = "status";
  st.type.enum_schema = "public";
  t.columns.push_back(st);
  s::Column id2 = Col("seq", "bigint", false);
  id2.identity = s::Identity{s::Identity::Generation::kAlways, 10, 5};
  t.columns.push_back(id2);
  t.columns.push_back(Col("ser", "bigserial", false));
  s::Column gen = Col("g", "integer");
  gen.generated = s::Generated{"seq * 2", true};
  t.columns.push_back(gen);
  s::Column coll = Col("O'Brien", "text");
  coll.collation = "C";
  coll.comment = "it's";
  t.columns.push_back(coll);
  s::Index uq;
  uq.name = "users_email_key";
  uq.unique = true;
  uq.constraint = true;
  uq.parts = {P("email")};
  s::Index expr;
  expr.name = "users_lower";
  expr.unique = true;
  s::IndexPart lower;
  lower.expr = "lower((email)::text)";
  s::IndexPart desc = P("created");
  desc.desc = true;
  desc.nulls_first = false;
  expr.parts = {lower, desc};
  expr.where = "(st = 'active'::status)";
  expr.include = {"name"};
  expr.comment = "lower";
  s::Index gin;
  gin.name = "users_tags";
  gin.type = "GIN";
  gin.parts = {P("name")};
  gin.parts[0].opclass = "gin_trgm_ops";
  t.indexes = {uq, expr, gin};
  s::Check ck{"name_nonempty", "name <> ''", false};
  t.checks = {ck};
  EXPECT_EQ(Plan({s::AddTable{"public", t}}, {}, "", true),
            R"(-- Create "users" table
CREATE TABLE "public"."users" ("id" bigint NOT NULL, "email" character varying(255) NOT NULL, "name" text NULL DEFAULT 'anon', "created" timestamptz(3) NOT NULL DEFAULT now(), "st" "public"."status" NULL DEFAULT 'active', "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5), "ser" bigserial NOT NULL, "g" integer NULL GENERATED ALWAYS AS (seq * 2) STORED, "O'Brien" text NULL COLLATE "C", PRIMARY KEY ("id"), CONSTRAINT "users_email_key" UNIQUE ("email"), CONSTRAINT "name_nonempty" CHECK (name <> ''));
   reverse: DROP TABLE "public"."users"
-- Create index "users_lower" to table: "users"
CREATE UNIQUE INDEX "users_lower" ON "public"."users" ((lower((email)::text)), "created" DESC NULLS LAST) INCLUDE ("name") WHERE (st = 'active'::status);
   reverse: DROP INDEX "public"."users_lower"
-- Create index "users_tags" to table: "users"
CREATE INDEX "users_tags" ON "public"."users" USING GIN ("name" gin_trgm_ops);
   reverse: DROP INDEX "public"."users_tags"
-- Set comment to table: "users"
COMMENT ON TABLE "public"."users" IS 'people';
   reverse: COMMENT ON TABLE "public"."users" IS ''
-- Set comment to column: "O'Brien" on table: "users"
COMMENT ON COLUMN "public"."users"."O'Brien" IS 'it''s';
   reverse: COMMENT ON COLUMN "public"."users"."O'Brien" IS ''
-- Set comment to index: "users_lower" on table: "users"
COMMENT ON INDEX "public"."users_lower" IS 'lower';
   reverse: COMMENT ON INDEX "public"."users_lower" IS ''
)");
}

TEST(PostgresPlannerTest, IndentedCreateTableAsAtlasSchemaApply) {
  s::Table posts;
  posts.name = "posts";
  posts.columns = {Col("id", "integer", false), Col("author", "bigint")};
  posts.primary_key = s::PrimaryKey{"posts_pkey", {P("id")}};
  s::ForeignKey fk;
  fk.name = "posts_author_fkey";
  fk.columns = {"author"};
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  fk.on_delete = s::ReferenceOption::kCascade;
  posts.foreign_keys = {fk};
  PlanOptions options;
  options.indent = "  ";
  EXPECT_EQ(Plan({s::AddTable{"public", posts}}, options, "public"), R"(-- Create "posts" table
CREATE TABLE "posts" (
  "id" integer NOT NULL,
  "author" bigint NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "posts_author_fkey" FOREIGN KEY ("author") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE CASCADE
);
)");
}

TEST(PostgresPlannerTest, QualifierPolicy) {
  s::Table t;
  t.name = "c";
  t.columns = {Col("pid", "integer")};
  t.foreign_keys = {s::ForeignKey{"c_fk",
                                  {"pid"},
                                  "other",
                                  "p",
                                  {"id"},
                                  s::ReferenceOption::kNoAction,
                                  s::ReferenceOption::kNoAction,
                                  false,
                                  false}};
  // Schema-bound: unqualified, but a parent in another schema keeps its qualifier.
  EXPECT_EQ(Plan({s::AddTable{"public", t}}, {}, "public"), R"(-- Create "c" table
CREATE TABLE "c" ("pid" integer NULL, CONSTRAINT "c_fk" FOREIGN KEY ("pid") REFERENCES "other"."p" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
)");
  PlanOptions options;
  options.schema_qualifier = "x";
  EXPECT_EQ(Plan({s::AddTable{"public", t}}, options), R"(-- Create "c" table
CREATE TABLE "x"."c" ("pid" integer NULL, CONSTRAINT "c_fk" FOREIGN KEY ("pid") REFERENCES "x"."p" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
)");
}

TEST(PostgresPlannerTest, HostileNamesAreQuotedEverywhere) {
  const std::string long_name(63, 'x');
  s::Table t;
  t.name = "we\"ird";
  t.columns = {Col("select", "integer"), Col("ünï", "text"), Col(long_name, "text")};
  s::Index i;
  i.name = "O'Brien";
  i.parts = {P("select")};
  t.indexes = {i};
  EXPECT_EQ(Plan({s::AddTable{"sch`ema", t}}),
            "-- Create \"we\\\"ird\" table\n"
            "CREATE TABLE \"sch`ema\".\"we\"\"ird\" (\"select\" integer NULL, "
            "\"ünï\" text NULL, \"" +
                long_name +
                "\" text NULL);\n"
                "-- Create index \"O'Brien\" to table: \"we\\\"ird\"\n"
                "CREATE INDEX \"O'Brien\" ON \"sch`ema\".\"we\"\"ird\" "
                "(\"select\");\n");
}

TEST(PostgresPlannerTest, ModifyTableCombinesClausesInOneAlter) {
  s::Table from = Users();
  s::Table to = Users();
  s::ModifyTable m;
  m.schema = "public";
  m.from = from;
  m.to = to;
  s::Column age = WithDefault(Col("age", "integer", false), "0");
  age.comment = "years";
  s::Column text_email = Col("email", "text", false);
  s::Column int_name = Col("name", "integer");
  s::Index old_idx;
  old_idx.name = "users_name";
  old_idx.parts = {P("name")};
  s::Index new_idx;
  new_idx.name = "users_age";
  new_idx.parts = {P("age")};
  s::Check ck{"old_check", "(id > 0)", false};
  s::ForeignKey fk;
  fk.name = "users_parent";
  fk.columns = {"id"};
  fk.ref_schema = "other";
  fk.ref_table = "parents";
  fk.ref_columns = {"id"};
  m.changes = {
      s::ModifyTableAttr{"", "people", {}, {}, s::kChangeComment},
      s::AddColumn{age},
      s::ModifyColumn{from.columns[1], text_email, s::kChangeType},
      s::ModifyColumn{from.columns[2], int_name, s::kChangeType | s::kChangeDefault},
      s::DropIndex{old_idx},
      s::AddIndex{new_idx},
      s::DropCheck{ck},
      s::AddForeignKey{fk},
      s::RenameColumn{Col("old", "text"), Col("new", "text")},
  };
  EXPECT_EQ(Plan({m}, {}, "", true), R"(-- Rename a column from "old" to "new"
ALTER TABLE "public"."users" RENAME COLUMN "old" TO "new";
   reverse: ALTER TABLE "public"."users" RENAME COLUMN "new" TO "old"
-- Drop index "users_name" from table: "users"
DROP INDEX "public"."users_name";
   reverse: CREATE INDEX "users_name" ON "public"."users" ("name")
-- Modify "users" table
ALTER TABLE "public"."users" DROP CONSTRAINT "old_check", ADD COLUMN "age" integer NOT NULL DEFAULT 0, ALTER COLUMN "email" TYPE text, ALTER COLUMN "name" DROP DEFAULT, ALTER COLUMN "name" TYPE integer USING "name"::integer, ADD CONSTRAINT "users_parent" FOREIGN KEY ("id") REFERENCES "other"."parents" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION;
   reverse: ALTER TABLE "public"."users" DROP CONSTRAINT "users_parent", ALTER COLUMN "name" TYPE text, ALTER COLUMN "name" SET DEFAULT 'anon', ALTER COLUMN "email" TYPE character varying(255), DROP COLUMN "age", ADD CONSTRAINT "old_check" CHECK (id > 0)
-- Create index "users_age" to table: "users"
CREATE INDEX "users_age" ON "public"."users" ("age");
   reverse: DROP INDEX "public"."users_age"
-- Set comment to table: "users"
COMMENT ON TABLE "public"."users" IS 'people';
   reverse: COMMENT ON TABLE "public"."users" IS ''
-- Set comment to column: "age" on table: "users"
COMMENT ON COLUMN "public"."users"."age" IS 'years';
   reverse: COMMENT ON COLUMN "public"."users"."age" IS ''
)");
}

TEST(PostgresPlannerTest, NullDefaultAndIdentityClauses) {
  s::Table t = Users();
  s::Column id_to = Col("id", "bigint", false);
  id_to.identity = s::Identity{};
  s::Column email_to = Col("email", "character varying(255)", true);
  s::Column name_to = WithDefault(Col("name", "text"), "O'Brien");
  EXPECT_EQ(Plan({s::ModifyTable{"public",
                                 t,
                                 t,
                                 {s::ModifyColumn{t.columns[0], id_to, s::kChangeIdentity},
                                  s::ModifyColumn{t.columns[1], email_to, s::kChangeNull},
                                  s::ModifyColumn{t.columns[2], name_to, s::kChangeDefault}}}},
                 {}, "public"),
            R"(-- Modify "users" table
ALTER TABLE "users" ALTER COLUMN "id" ADD GENERATED BY DEFAULT AS IDENTITY, ALTER COLUMN "email" DROP NOT NULL, ALTER COLUMN "name" SET DEFAULT 'O''Brien';
)");
}

TEST(PostgresPlannerTest, SerialColumnsManageTheirSequence) {
  s::Table t = Users();
  s::Column id_from = Col("id", "integer", false);
  s::Column id_to = Col("id", "bigserial", false);
  id_to.auto_increment = true;
  EXPECT_EQ(Plan({s::ModifyTable{
                     "public",
                     t,
                     t,
                     {s::ModifyColumn{id_from, id_to, s::kChangeType | s::kChangeAutoIncrement}}}},
                 {}, "", true),
            R"(-- Create sequence for serial column "id"
CREATE SEQUENCE IF NOT EXISTS "public"."users_id_seq" OWNED BY "public"."users"."id";
   reverse: DROP SEQUENCE IF EXISTS "public"."users_id_seq"
-- Modify "users" table
ALTER TABLE "public"."users" ALTER COLUMN "id" SET DEFAULT nextval('"public"."users_id_seq"'), ALTER COLUMN "id" TYPE bigint;
   reverse: ALTER TABLE "public"."users" ALTER COLUMN "id" DROP DEFAULT, ALTER COLUMN "id" TYPE integer
)");
  EXPECT_EQ(Plan({s::ModifyTable{
                "public",
                t,
                t,
                {s::ModifyColumn{id_to, id_from, s::kChangeType | s::kChangeAutoIncrement}}}}),
            R"(-- Modify "users" table
ALTER TABLE "public"."users" ALTER COLUMN "id" DROP DEFAULT, ALTER COLUMN "id" TYPE integer;
-- Drop sequence used by serial column "id"
DROP SEQUENCE IF EXISTS "public"."users_id_seq";
)");
}

TEST(PostgresPlannerTest, EnumsBeforeTablesAndAddValuePositions) {
  s::EnumType e{"status", {"active", "closed"}, ""};
  s::EnumType e2{"status", {"new", "active", "pending", "closed", "archived"}, ""};
  s::Table t;
  t.name = "t";
  s::Column c = Col("st", "status");
  c.type.enum_ref = "status";
  c.type.enum_schema = "public";
  t.columns = {c};
  EXPECT_EQ(
      Plan({s::AddTable{"public", t}, s::AddEnum{"public", s::EnumType{"mood", {"it's"}, "m"}},
            s::ModifyEnum{"public", e, e2}}),
      R"(-- Create enum type "mood"
CREATE TYPE "public"."mood" AS ENUM ('it''s');
-- Set comment to enum type: "mood"
COMMENT ON TYPE "public"."mood" IS 'm';
-- Add value to enum type: "status"
ALTER TYPE "public"."status" ADD VALUE 'new' BEFORE 'active';
-- Add value to enum type: "status"
ALTER TYPE "public"."status" ADD VALUE 'pending' AFTER 'active';
-- Add value to enum type: "status"
ALTER TYPE "public"."status" ADD VALUE 'archived';
-- Create "t" table
CREATE TABLE "public"."t" ("st" "public"."status" NULL);
)");
  EXPECT_EQ(Plan({s::ModifyEnum{"public", e2, e}}),
            "ERROR: Unsupported enum change: dropping value \"new\" from enum \"status\" is not "
            "supported");
}

TEST(PostgresPlannerTest, ReferencedTablesAreCreatedFirst) {
  s::Table child;
  child.name = "child";
  child.columns = {Col("pid", "integer")};
  s::ForeignKey fk;
  fk.name = "child_pid_fkey";
  fk.columns = {"pid"};
  fk.ref_table = "parent";
  fk.ref_columns = {"id"};
  child.foreign_keys = {fk};
  s::Table parent;
  parent.name = "parent";
  parent.columns = {Col("id", "integer", false)};
  parent.primary_key = s::PrimaryKey{"", {P("id")}};
  EXPECT_EQ(Plan({s::AddTable{"public", child}, s::AddTable{"public", parent}}, {}, "public"),
            R"(-- Create "parent" table
CREATE TABLE "parent" ("id" integer NOT NULL, PRIMARY KEY ("id"));
-- Create "child" table
CREATE TABLE "child" ("pid" integer NULL, CONSTRAINT "child_pid_fkey" FOREIGN KEY ("pid") REFERENCES "parent" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
)");
}

TEST(PostgresPlannerTest, ForeignKeyCyclesAreDetached) {
  s::Table a;
  a.name = "a";
  a.columns = {Col("id", "integer", false), Col("b_id", "integer")};
  a.primary_key = s::PrimaryKey{"", {P("id")}};
  s::Table b = a;
  b.name = "b";
  b.columns[1].name = "a_id";
  s::ForeignKey ab{"a_b",
                   {"b_id"},
                   "",
                   "b",
                   {"id"},
                   s::ReferenceOption::kNoAction,
                   s::ReferenceOption::kNoAction,
                   false,
                   false};
  s::ForeignKey ba{
      "b_a", {"a_id"}, "", "a", {"id"}, s::ReferenceOption::kNoAction, s::ReferenceOption::kCascade,
      false, false};
  s::ForeignKey self{"b_self",
                     {"a_id"},
                     "",
                     "b",
                     {"id"},
                     s::ReferenceOption::kNoAction,
                     s::ReferenceOption::kNoAction,
                     false,
                     false};
  a.foreign_keys = {ab};
  b.foreign_keys = {ba, self};
  EXPECT_EQ(Plan({s::AddTable{"public", a}, s::AddTable{"public", b}}, {}, "public"),
            R"(-- Create "a" table
CREATE TABLE "a" ("id" integer NOT NULL, "b_id" integer NULL, PRIMARY KEY ("id"));
-- Create "b" table
CREATE TABLE "b" ("id" integer NOT NULL, "a_id" integer NULL, PRIMARY KEY ("id"), CONSTRAINT "b_self" FOREIGN KEY ("a_id") REFERENCES "b" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Modify "a" table
ALTER TABLE "a" ADD CONSTRAINT "a_b" FOREIGN KEY ("b_id") REFERENCES "b" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION;
-- Modify "b" table
ALTER TABLE "b" ADD CONSTRAINT "b_a" FOREIGN KEY ("a_id") REFERENCES "a" ("id") ON UPDATE NO ACTION ON DELETE CASCADE;
)");
  EXPECT_EQ(Plan({s::DropTable{"public", a}, s::DropTable{"public", b}}, {}, "public"),
            R"(-- Modify "a" table
ALTER TABLE "a" DROP CONSTRAINT "a_b";
-- Modify "b" table
ALTER TABLE "b" DROP CONSTRAINT "b_a";
-- Drop "a" table
DROP TABLE "a";
-- Drop "b" table
DROP TABLE "b";
)");
}

TEST(PostgresPlannerTest, ReferencingTablesAreDroppedFirst) {
  s::Table parent;
  parent.name = "parent";
  parent.columns = {Col("id", "integer", false)};
  s::Table child;
  child.name = "child";
  child.columns = {Col("pid", "integer")};
  child.foreign_keys = {s::ForeignKey{"fk",
                                      {"pid"},
                                      "",
                                      "parent",
                                      {"id"},
                                      s::ReferenceOption::kNoAction,
                                      s::ReferenceOption::kNoAction,
                                      false,
                                      false}};
  s::EnumType e{"mood", {"a"}, ""};
  s::Schema gone;
  gone.name = "gone";
  EXPECT_EQ(Plan({s::DropEnum{"public", e}, s::DropSchema{gone}, s::DropTable{"public", parent},
                  s::DropTable{"public", child}}),
            R"(-- Drop schema named "gone"
DROP SCHEMA "gone" CASCADE;
-- Drop "child" table
DROP TABLE "public"."child";
-- Drop "parent" table
DROP TABLE "public"."parent";
-- Drop enum type "mood"
DROP TYPE "public"."mood";
)");
}

TEST(PostgresPlannerTest, ConcurrentIndexesRunOutsideTransactions) {
  s::Table t = Users();
  s::Index add;
  add.name = "i_add";
  add.parts = {P("email")};
  s::Index drop;
  drop.name = "i_drop";
  drop.parts = {P("name")};
  PlanOptions options;
  options.concurrent_index_create = true;
  options.concurrent_index_drop = true;
  auto planned = PostgresPlanner().PlanChanges(
      {s::ModifyTable{"public", t, t, {s::AddIndex{add}, s::DropIndex{drop}}}}, options);
  ASSERT_TRUE(planned.ok()) << planned.ErrorString();
  EXPECT_EQ(Render(*planned), R"(-- Drop index "i_drop" from table: "users" [no tx]
DROP INDEX CONCURRENTLY "public"."i_drop";
-- Create index "i_add" to table: "users" [no tx]
CREATE INDEX CONCURRENTLY "i_add" ON "public"."users" ("email");
)");
  EXPECT_EQ(planned->statements[0].change_index, 0);
  EXPECT_TRUE(planned->reversible);
}

TEST(PostgresPlannerTest, ViewsReadingChangedColumnsAreRecreated) {
  s::Table t = Users();
  s::Realm current;
  s::Schema pub;
  pub.name = "public";
  s::View v;
  v.name = "emails";
  v.definition = "SELECT users.email FROM public.users";
  v.depends_on = {"public.users"};
  s::View vv;
  vv.name = "emails2";
  vv.definition = "SELECT emails.email FROM public.emails";
  vv.depends_on = {"public.emails"};
  s::View other;
  other.name = "unrelated";
  other.definition = "SELECT 1";
  pub.views = {v, vv, other};
  pub.tables = {t};
  current.schemas = {pub};
  PlanOptions options;
  options.current = &current;
  s::Column email_to = Col("email", "text", false);
  s::View added;
  added.name = "mv";
  added.materialized = true;
  added.definition = "SELECT count(*) AS n FROM public.users";
  added.depends_on = {"public.users"};
  s::Index mv_idx;
  mv_idx.name = "mv_n";
  mv_idx.parts = {P("n")};
  added.indexes = {mv_idx};
  EXPECT_EQ(Plan({s::ModifyTable{
                      "public", t, t, {s::ModifyColumn{t.columns[1], email_to, s::kChangeType}}},
                  s::AddView{"public", added}},
                 options),
            R"(-- Drop "emails2" view
DROP VIEW "public"."emails2";
-- Drop "emails" view
DROP VIEW "public"."emails";
-- Modify "users" table
ALTER TABLE "public"."users" ALTER COLUMN "email" TYPE text;
-- Create "mv" materialized view
CREATE MATERIALIZED VIEW "public"."mv" AS SELECT count(*) AS n FROM public.users;
-- Create index "mv_n" to table: "mv"
CREATE INDEX "mv_n" ON "public"."mv" ("n");
-- Create "emails" view
CREATE VIEW "public"."emails" AS SELECT users.email FROM public.users;
-- Create "emails2" view
CREATE VIEW "public"."emails2" AS SELECT emails.email FROM public.emails;
)");
}

TEST(PostgresPlannerTest, SequencesAndExtensions) {
  s::Sequence q;
  q.name = "seq";
  q.type = "integer";
  q.start = 10;
  q.increment = 5;
  q.max_value = 1000;
  q.cache = 3;
  q.cycle = true;
  q.owned_by = "t.id";
  s::Sequence q2 = q;
  q2.increment = 1;
  q2.max_value.reset();
  q2.cycle = false;
  q2.owned_by.clear();
  EXPECT_EQ(
      Plan({s::AddSequence{"public", q}, s::AddExtension{s::Extension{"hstore", "public", "1.8"}},
            s::ModifySequence{"public", q, q2}}),
      R"(-- Create extension "hstore"
CREATE EXTENSION "hstore" WITH SCHEMA "public" VERSION '1.8';
-- Create "seq" sequence
CREATE SEQUENCE "public"."seq" AS integer INCREMENT BY 5 MAXVALUE 1000 START WITH 10 CACHE 3 CYCLE;
-- Modify "seq" sequence
ALTER SEQUENCE "public"."seq" INCREMENT BY 1 NO MAXVALUE NO CYCLE;
-- Modify "seq" sequence
ALTER SEQUENCE "public"."seq" OWNED BY "public"."t"."id";
-- Modify "seq" sequence
ALTER SEQUENCE "public"."seq" OWNED BY NONE;
)");
}

TEST(PostgresPlannerTest, RenamesAndPrimaryKeyChanges) {
  s::Table t = Users();
  s::Table renamed = t;
  renamed.name = "people";
  s::Index from_idx;
  from_idx.name = "a";
  s::Index to_idx;
  to_idx.name = "b";
  s::PrimaryKey pk{"people_pk", {P("id"), P("email")}};
  EXPECT_EQ(Plan({s::RenameTable{"public", t, renamed},
                  s::ModifyTable{
                      "public",
                      renamed,
                      renamed,
                      {s::RenameIndex{from_idx, to_idx}, s::ModifyPrimaryKey{*t.primary_key, pk}}}},
                 {}, "", true),
            R"(-- Rename a table from "users" to "people"
ALTER TABLE "public"."users" RENAME TO "people";
   reverse: ALTER TABLE "public"."people" RENAME TO "users"
-- Rename an index from "a" to "b"
ALTER INDEX "public"."a" RENAME TO "b";
   reverse: ALTER INDEX "public"."b" RENAME TO "a"
-- Modify "people" table
ALTER TABLE "public"."people" DROP CONSTRAINT "users_pkey", ADD CONSTRAINT "people_pk" PRIMARY KEY ("id", "email");
   reverse: ALTER TABLE "public"."people" DROP CONSTRAINT "people_pk", ADD CONSTRAINT "users_pkey" PRIMARY KEY ("id")
)");
}

s::ExclusionElement With(s::IndexPart part, std::string op) {
  return s::ExclusionElement{std::move(part), std::move(op)};
}

s::IndexPart E(std::string expr) {
  s::IndexPart p;
  p.expr = std::move(expr);
  return p;
}

// room WITH =, tsrange(starts, ends) WITH && on a "bookings" table.
s::Exclusion NoOverlap() {
  s::Exclusion x;
  x.name = "no_overlap";
  x.elements = {With(P("room"), "="), With(E("tsrange(starts, ends)"), "&&")};
  return x;
}

s::Table Bookings() {
  s::Table t;
  t.name = "bookings";
  t.columns = {Col("room", "integer", false), Col("starts", "timestamp"), Col("ends", "timestamp"),
               Col("note", "text")};
  return t;
}

TEST(PostgresPlannerTest, CreateTableWithExclusionConstraints) {
  s::Table t = Bookings();
  s::Exclusion full;
  full.name = "we\"ird";
  full.type = "SPGIST";
  s::IndexPart opc = P("note");
  opc.opclass = "text_ops";
  full.elements = {With(opc, "=")};
  full.include = {"room"};
  full.where = "room > 0";
  full.deferrable = true;
  full.initially_deferred = true;
  full.comment = "it's";
  t.exclusions = {NoOverlap(), full};
  EXPECT_EQ(Plan({s::AddTable{"public", t}}, {}, "", true), R"(-- Create "bookings" table
CREATE TABLE "public"."bookings" ("room" integer NOT NULL, "starts" timestamp NULL, "ends" timestamp NULL, "note" text NULL, CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, (tsrange(starts, ends)) WITH &&), CONSTRAINT "we""ird" EXCLUDE USING spgist ("note" text_ops WITH =) INCLUDE ("room") WHERE (room > 0) DEFERRABLE INITIALLY DEFERRED);
   reverse: DROP TABLE "public"."bookings"
-- Set comment to constraint: "we\"ird" on table: "bookings"
COMMENT ON CONSTRAINT "we""ird" ON "public"."bookings" IS 'it''s';
   reverse: COMMENT ON CONSTRAINT "we""ird" ON "public"."bookings" IS ''
)");
}

TEST(PostgresPlannerTest, ExclusionConstraintsAreAddedDroppedAndReplaced) {
  s::Table t = Bookings();
  s::Exclusion dropped;
  dropped.name = "one_note";
  dropped.type = "BTREE";
  dropped.elements = {With(P("note"), "=")};
  s::Exclusion from = NoOverlap();
  s::Exclusion to = NoOverlap();
  to.elements[0].op = "<>";
  to.where = "(room > 10)";
  s::Exclusion added;
  added.name = "room_excl";
  added.elements = {With(P("room"), "=")};
  added.comment = "rooms";
  s::Exclusion commented = added;
  commented.name = "noted";
  s::Exclusion recommented = commented;
  recommented.comment = "new";
  EXPECT_EQ(Plan({s::ModifyTable{"public",
                                 t,
                                 t,
                                 {s::DropExclusion{dropped},
                                  s::ModifyExclusion{from, to, s::kChangeParts | s::kChangeWhere},
                                  s::ModifyExclusion{commented, recommented, s::kChangeComment},
                                  s::AddExclusion{added}}}},
                 {}, "", true),
            R"(-- Modify "bookings" table
ALTER TABLE "public"."bookings" DROP CONSTRAINT "one_note", DROP CONSTRAINT "no_overlap", ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH <>, (tsrange(starts, ends)) WITH &&) WHERE (room > 10), ADD CONSTRAINT "room_excl" EXCLUDE USING gist ("room" WITH =);
   reverse: ALTER TABLE "public"."bookings" DROP CONSTRAINT "room_excl", DROP CONSTRAINT "no_overlap", ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, (tsrange(starts, ends)) WITH &&), ADD CONSTRAINT "one_note" EXCLUDE USING btree ("note" WITH =)
-- Set comment to constraint: "noted" on table: "bookings"
COMMENT ON CONSTRAINT "noted" ON "public"."bookings" IS 'new';
   reverse: COMMENT ON CONSTRAINT "noted" ON "public"."bookings" IS 'rooms'
-- Set comment to constraint: "room_excl" on table: "bookings"
COMMENT ON CONSTRAINT "room_excl" ON "public"."bookings" IS 'rooms';
   reverse: COMMENT ON CONSTRAINT "room_excl" ON "public"."bookings" IS ''
)");
}

TEST(PostgresPlannerTest, ExclusionOverADroppedColumnGoesWithIt) {
  s::Table from = Bookings();
  s::Table to = from;
  to.columns.pop_back();
  s::Exclusion x;
  x.name = "one_note";
  x.elements = {With(P("note"), "=")};
  EXPECT_EQ(Plan({s::ModifyTable{
                "public", from, to, {s::DropColumn{from.columns.back()}, s::DropExclusion{x}}}}),
            R"(-- Modify "bookings" table
ALTER TABLE "public"."bookings" DROP COLUMN "note";
)");
  // Changed to cover another column: only added back.
  s::Exclusion moved = x;
  moved.elements[0].part.column = "room";
  EXPECT_EQ(Plan({s::ModifyTable{"public",
                                 from,
                                 to,
                                 {s::DropColumn{from.columns.back()},
                                  s::ModifyExclusion{x, moved, s::kChangeParts}}}}),
            R"(-- Modify "bookings" table
ALTER TABLE "public"."bookings" DROP COLUMN "note", ADD CONSTRAINT "one_note" EXCLUDE USING gist ("room" WITH =);
)");
}

TEST(PostgresPlannerTest, DroppedTableRecreatesItsExclusionConstraints) {
  s::Table t = Bookings();
  t.exclusions = {NoOverlap()};
  EXPECT_EQ(Plan({s::DropTable{"public", t}}, {}, "", true), R"(-- Drop "bookings" table
DROP TABLE "public"."bookings";
   reverse: CREATE TABLE "public"."bookings" ("room" integer NOT NULL, "starts" timestamp NULL, "ends" timestamp NULL, "note" text NULL, CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, (tsrange(starts, ends)) WITH &&))
)");
}

}  // namespace
}  // namespace atlas::engine::drivers::postgres
