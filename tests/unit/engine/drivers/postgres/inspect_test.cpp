// Inspection on a real PostgreSQL server (tests/support starts one): a broad fixture inspected into
// the model and compared with its exact text form; schema-bound inspection; set-based queries.

#include "engine/drivers/postgres/inspect.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "engine/drivers/postgres/driver.hpp"
#include "engine/url/url.hpp"
#include "tests/support/postgres_environment.hpp"
#include "tests/unit/engine/drivers/postgres/realm_dump.hpp"

namespace atlas::engine::drivers::postgres {
namespace {

using testing::DumpRealm;

constexpr std::string_view kFixture = R"sql(
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA other;
COMMENT ON SCHEMA other IS 'other schema';
CREATE TYPE status AS ENUM ('active', 'closed', 'it''s');
COMMENT ON TYPE status IS 'account status';
CREATE TYPE other.mood AS ENUM ('sad', 'happy');
CREATE SEQUENCE seq_a START 10 INCREMENT 5 MINVALUE 1 MAXVALUE 1000 CACHE 3 CYCLE;
CREATE SEQUENCE other.seq_b AS integer;
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 2) PRIMARY KEY,
  email varchar(255) NOT NULL,
  name text COLLATE "C" DEFAULT 'anon',
  st status DEFAULT 'active',
  moods other.mood[],
  tags text[] DEFAULT '{}',
  amount numeric(10,2) DEFAULT 0,
  n2 numeric,
  n3 decimal(5),
  b bit, b8 bit(8), vb bit varying, vb5 varbit(5),
  ts timestamptz(3) DEFAULT now(),
  ts2 timestamp DEFAULT CURRENT_TIMESTAMP,
  t time, ttz time with time zone, t0 time(0),
  iv interval, iv2 interval day to second(3), iv3 interval year,
  j jsonb DEFAULT '{}'::jsonb, j2 json,
  u uuid DEFAULT gen_random_uuid(), ip inet, m money, by bytea,
  f4 real, f8 double precision, fl float(10),
  c char, c5 character(5),
  sm smallint DEFAULT -1, i4 int4, ser serial, bser bigserial, sser smallserial,
  g integer GENERATED ALWAYS AS (i4 * 2) STORED,
  ok boolean DEFAULT true,
  d date DEFAULT '2020-01-01',
  dd double precision DEFAULT 1.5,
  CONSTRAINT positive CHECK (amount >= 0),
  CONSTRAINT email_uq UNIQUE (email)
);
COMMENT ON TABLE users IS 'people';
COMMENT ON COLUMN users.email IS 'it''s email';
CREATE UNIQUE INDEX users_lower ON users (lower(email)) WHERE st = 'active';
CREATE INDEX users_multi ON users (name DESC NULLS LAST, amount NULLS FIRST) INCLUDE (email);
CREATE INDEX users_gin ON users USING gin (tags);
CREATE INDEX users_op ON users (email varchar_pattern_ops);
CREATE UNIQUE INDEX users_nnd ON users (c5) NULLS NOT DISTINCT;
CREATE INDEX users_desc ON users (ts DESC);
COMMENT ON INDEX users_gin IS 'gin idx';
CREATE TABLE other.posts (
  id int PRIMARY KEY,
  author bigint REFERENCES public.users(id) ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
  a int, b int,
  UNIQUE (a, b),
  EXCLUDE USING gist (id WITH =),
  CONSTRAINT posts_span EXCLUDE USING gist (a WITH =, int4range(a, b) WITH &&) INCLUDE (author)
    WHERE (a > 0) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON CONSTRAINT posts_span ON other.posts IS 'no overlap';
CREATE TABLE "we""ird" ("sel ect" int, "O'Brien" text NOT NULL, "ünï" int);
CREATE TABLE child (
  id int, pa int, pb int,
  CONSTRAINT child_pk PRIMARY KEY (id),
  CONSTRAINT child_parent FOREIGN KEY (pa, pb) REFERENCES other.posts (a, b) ON DELETE SET DEFAULT,
  CONSTRAINT self_fk FOREIGN KEY (pa) REFERENCES child (id) DEFERRABLE
);
CREATE VIEW active_users AS SELECT id, email FROM users WHERE st = 'active';
CREATE VIEW checked AS SELECT id FROM users WHERE id > 0 WITH LOCAL CHECK OPTION;
COMMENT ON VIEW active_users IS 'only active';
CREATE MATERIALIZED VIEW other.mv AS SELECT count(*) AS n FROM users;
CREATE INDEX mv_n ON other.mv (n);
CREATE FUNCTION f1() RETURNS int LANGUAGE sql AS 'select 1';
CREATE PROCEDURE p1() LANGUAGE sql AS 'select 1';
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TYPE comp AS (a int, b text);
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';
CREATE TRIGGER t1 BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION trg();
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY pol ON users USING (true);
CREATE TABLE dom (x posint, y comp);
CREATE TABLE owned (id int);
ALTER SEQUENCE seq_a OWNED BY owned.id;
)sql";

class PostgresInspectTest : public tests::support::PostgresTest {
 protected:
  std::unique_ptr<PostgresDriver> Open(std::string_view extra_query = {}) {
    auto u = url::Url::Parse(Url(extra_query));
    EXPECT_TRUE(u.ok()) << u.ErrorString();
    auto d = PostgresDriver::Open(*u);
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    return d.ok() ? std::move(d).value() : nullptr;
  }
};

TEST_F(PostgresInspectTest, InspectsBroadFixtureExactly) {
  ExecSql(kFixture);
  auto drv = Open();
  ASSERT_NE(drv, nullptr);
  auto realm = drv->inspector().InspectRealm({});
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  EXPECT_EQ(DumpRealm(*realm), R"dump(extension btree_gist schema=public version=1.7
schema other comment=other schema
  enum mood [sad,happy]
  sequence seq_b type=integer start=1 increment=1 min=- max=- cache=1
  table posts
    column id type=integer not_null
    column author type=bigint null
    column a type=integer null
    column b type=integer null
    primary_key posts_pkey (id)
    unique_constraint posts_a_b_key (a,b)
    foreign_key posts_author_fkey (author) -> public.users(id) on_update=SET_NULL on_delete=CASCADE deferrable_initially_deferred
    exclusion posts_id_excl using=GIST (id with =)
    exclusion posts_span using=GIST (a with =,(int4range(a, b)) with &&) include=author where=(a > 0) deferrable_initially_deferred comment=no overlap
  materialized_view mv depends_on=public.users
    as SELECT count(*) AS n
   FROM public.users
    column n type=bigint null
    index mv_n (n)
schema public comment=standard public schema
  enum status [active,closed,it's] comment=account status
  sequence seq_a type=- start=10 increment=5 min=- max=1000 cache=3 cycle owned_by=owned.id
  table child
    column id type=integer not_null
    column pa type=integer null
    column pb type=integer null
    primary_key child_pk (id)
    foreign_key child_parent (pa,pb) -> other.posts(a,b) on_update=NO_ACTION on_delete=SET_DEFAULT
    foreign_key self_fk (pa) -> child(id) on_update=NO_ACTION on_delete=NO_ACTION deferrable
  table dom
    column x type=posint raw=public.posint null
    column y type=comp raw=public.comp null
  table owned
    column id type=integer null
  table users comment=people
    column id type=bigint not_null identity=always(100,2)
    column email type=character varying(255) not_null comment=it's email
    column name type=text null default='anon' collate=C
    column st type=status raw=public.status enum=public.status null default='active'
    column moods type=other.mood[] enum=other.mood array null
    column tags type=text[] array null default='{}'
    column amount type=numeric(10,2) null default=0
    column n2 type=numeric null
    column n3 type=numeric(5) raw=numeric(5,0) null
    column b type=bit raw=bit(1) null
    column b8 type=bit(8) null
    column vb type=bit varying null
    column vb5 type=bit varying(5) null
    column ts type=timestamptz(3) raw=timestamp(3) with time zone null default_expr=now()
    column ts2 type=timestamp raw=timestamp without time zone null default_expr=CURRENT_TIMESTAMP
    column t type=time raw=time without time zone null
    column ttz type=timetz raw=time with time zone null
    column t0 type=time(0) raw=time(0) without time zone null
    column iv type=interval null
    column iv2 type=interval day to second(3) null
    column iv3 type=interval year null
    column j type=jsonb null default='{}'
    column j2 type=json null
    column u type=uuid null default_expr=gen_random_uuid()
    column ip type=inet null
    column m type=money null
    column by type=bytea null
    column f4 type=real null
    column f8 type=double precision null
    column fl type=real null
    column c type=character(1) null
    column c5 type=character(5) null
    column sm type=smallint null default=-1
    column i4 type=integer null
    column ser type=serial not_null auto_increment
    column bser type=bigserial not_null auto_increment
    column sser type=smallserial not_null auto_increment
    column g type=integer null generated=(i4 * 2) stored
    column ok type=boolean null default=true
    column d type=date null default='2020-01-01'
    column dd type=double precision null default=1.5
    primary_key users_pkey (id)
    unique_constraint email_uq (email)
    index users_desc (ts desc)
    index users_gin (tags) using=GIN comment=gin idx
    unique_index users_lower ((lower((email)::text))) where=(st = 'active'::public.status)
    index users_multi (name desc nulls_last,amount nulls_first) include=email
    unique_index users_nnd (c5) nulls_not_distinct
    index users_op (email opclass=varchar_pattern_ops)
    check positive (amount >= (0)::numeric)
  table we"ird
    column sel ect type=integer null
    column O'Brien type=text not_null
    column ünï type=integer null
  view active_users comment=only active depends_on=public.users
    as SELECT users.id,
    users.email
   FROM public.users
  WHERE (users.st = 'active'::public.status)
    column id type=bigint null
    column email type=character varying(255) null
  view checked check_option=LOCAL depends_on=public.users
    as SELECT users.id
   FROM public.users
  WHERE (users.id > 0)
    column id type=bigint null
  unmanaged composite comp
  unmanaged domain posint
  unmanaged function f1()
  unmanaged function trg()
  unmanaged policy users.pol
  unmanaged procedure p1()
  unmanaged row level security users
  unmanaged trigger users.t1
)dump");
}

TEST_F(PostgresInspectTest, SchemaBoundInspectionIsUnqualified) {
  ExecSql(R"sql(
CREATE SCHEMA other;
CREATE TYPE status AS ENUM ('a', 'b');
CREATE TYPE other.mood AS ENUM ('x');
CREATE TABLE t (
  id serial PRIMARY KEY,
  st status NOT NULL DEFAULT 'a',
  m other.mood,
  nx int DEFAULT nextval('t_id_seq'::regclass)
);
CREATE INDEX t_st ON t (id) WHERE st = 'b';
CREATE VIEW v AS SELECT id FROM t WHERE st = 'a';
CREATE TABLE other.x (id int);
)sql");
  auto drv = Open("search_path=public");
  ASSERT_NE(drv, nullptr);
  EXPECT_EQ(drv->BoundSchema(), "public");
  auto realm = drv->inspector().InspectRealm({});
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  EXPECT_EQ(DumpRealm(*realm), R"dump(schema public comment=standard public schema
  enum status [a,b]
  table t
    column id type=serial not_null auto_increment
    column st type=status enum=public.status not_null default='a'
    column m type=other.mood enum=other.mood null
    column nx type=integer null default_expr=nextval('t_id_seq'::regclass)
    primary_key t_pkey (id)
    index t_st (id) where=(st = 'b'::status)
  view v depends_on=public.t
    as SELECT t.id
   FROM t
  WHERE (t.st = 'a'::status)
    column id type=integer null
)dump");
}

TEST_F(PostgresInspectTest, MissingBoundSchemaIsAnError) {
  auto drv = Open("search_path=nope");
  ASSERT_NE(drv, nullptr);
  auto realm = drv->inspector().InspectRealm({});
  ASSERT_FALSE(realm.ok());
  EXPECT_EQ(realm.diags().items().at(0).summary, "postgres: schema \"nope\" was not found");
}

TEST_F(PostgresInspectTest, QueryCountDoesNotDependOnTableCount) {
  auto drv = Open();
  ASSERT_NE(drv, nullptr);
  ExecSql("CREATE TABLE a1 (id int PRIMARY KEY); CREATE VIEW v1 AS SELECT id FROM a1;");
  int64_t before = drv->conn().RoundTrips();
  ASSERT_TRUE(drv->inspector().InspectRealm({}).ok());
  const int64_t small = drv->conn().RoundTrips() - before;
  std::string many;
  for (int i = 0; i < 60; ++i) {
    const std::string n = std::to_string(i);
    many += "CREATE TABLE t" + n +
            " (id int PRIMARY KEY, r int REFERENCES a1(id), c text CHECK (c <> ''));";
    many += "CREATE INDEX i" + n + " ON t" + n + " (c);";
    many += "CREATE VIEW w" + n + " AS SELECT id FROM t" + n + ";";
  }
  ExecSql(many);
  before = drv->conn().RoundTrips();
  auto realm = drv->inspector().InspectRealm({});
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  EXPECT_EQ(drv->conn().RoundTrips() - before, small);
  EXPECT_EQ(realm->FindSchema("public")->tables.size(), 61U);
}

TEST_F(PostgresInspectTest, BatchReadsResultsInOrderAndLeavesTheConnectionUsable) {
  auto drv = Open();
  ASSERT_NE(drv, nullptr);
  const Conn& conn = drv->conn();
  {
    auto batch = conn.SendBatch(
        {{"SELECT $1::int + 1", {Param("1")}}, {"SELECT nope FROM missing", {}}, {"SELECT 3", {}}});
    auto first = batch->Next();
    ASSERT_TRUE(first.ok()) << first.ErrorString();
    EXPECT_EQ(first->Text(0, 0), "2");
    auto failed = batch->Next();
    ASSERT_FALSE(failed.ok());
    EXPECT_NE(failed.ErrorString().find("missing"), std::string::npos) << failed.ErrorString();
    EXPECT_FALSE(batch->Next().ok());  // aborted after the failure
    EXPECT_FALSE(batch->Next().ok());  // nothing left
  }
  {
    auto unread = conn.SendBatch({{"SELECT 1", {}}, {"SELECT 2", {}}});
  }  // destroyed without reading: drained
  auto after = conn.Query("SELECT 4");
  ASSERT_TRUE(after.ok()) << after.ErrorString();
  EXPECT_EQ(after->Text(0, 0), "4");
}

TEST_F(PostgresInspectTest, ExcludePatternsApply) {
  ExecSql("CREATE SCHEMA s2; CREATE TABLE keep (id int, secret int); CREATE TABLE skip (id int);");
  auto drv = Open();
  ASSERT_NE(drv, nullptr);
  drivers::InspectOptions options;
  options.exclude = {"s2", "public.skip", "public.keep.secret"};
  auto realm = drv->inspector().InspectRealm(options);
  ASSERT_TRUE(realm.ok()) << realm.ErrorString();
  EXPECT_EQ(DumpRealm(*realm), R"dump(schema public comment=standard public schema
  table keep
    column id type=integer null
)dump");
}

TEST_F(PostgresInspectTest, RealmInspectionRestoresSearchPath) {
  auto drv = Open("search_path=public");
  ASSERT_NE(drv, nullptr);
  ASSERT_TRUE(Inspect(drv->conn(), drv->ServerVersion(), InspectScope{}).ok());
  auto rows = drv->conn().Query("SELECT current_setting('search_path')");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Text(0, 0), "public");
}

TEST_F(PostgresInspectTest, OpenRejectsOldOrInvalidUrls) {
  auto bad = url::Url::Parse(Url("bogus_param=1"));
  ASSERT_TRUE(bad.ok());
  auto d = PostgresDriver::Open(*bad);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.diags().items().at(0).summary, "Could not connect to PostgreSQL");
  EXPECT_NE(d.diags().items().at(0).detail.find("bogus_param"), std::string::npos);
  auto mysql = url::Url::Parse("mysql://root@localhost/db");
  ASSERT_TRUE(mysql.ok());
  EXPECT_FALSE(ConnInfo(*mysql).ok());
}

TEST(PostgresConnInfoTest, BuildsKeywordValueStringWithoutSearchPath) {
  auto u = url::Url::Parse(
      "postgres://us%40er:p%27ss@db.example:6543/app?sslmode=disable&search_path=s1");
  ASSERT_TRUE(u.ok()) << u.ErrorString();
  auto info = ConnInfo(*u);
  ASSERT_TRUE(info.ok()) << info.ErrorString();
  EXPECT_EQ(
      *info,
      R"(host='db.example' port='6543' user='us@er' password='p\'ss' dbname='app' sslmode='disable')");
  EXPECT_EQ(u->BoundSchema(), "s1");
}

}  // namespace
}  // namespace atlas::engine::drivers::postgres
