// Convergence suite on a real PostgreSQL server: for each scenario the current SQL is loaded into
// one database and the desired SQL into another; both are inspected, diffed (engine/diff with the
// PostgreSQL hooks), planned and the plan is applied to the current database. Re-inspecting it and
// diffing again must yield no change.

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "engine/diff/diff.hpp"
#include "engine/drivers/postgres/driver.hpp"
#include "engine/url/url.hpp"
#include "tests/support/postgres_environment.hpp"
#include "tests/unit/engine/drivers/postgres/realm_dump.hpp"

namespace atlas::engine::drivers::postgres {
namespace {

struct Scenario {
  const char* name;
  const char* current;
  const char* desired;
  const char* url_query = "";  // "search_path=public" for a schema-bound run
  bool concurrent_indexes = false;
};

std::ostream& operator<<(std::ostream& os, const Scenario& s) {
  return os << s.name;
}

class PostgresConvergenceTest : public tests::support::PostgresTest,
                                public ::testing::WithParamInterface<Scenario> {
 protected:
  std::unique_ptr<PostgresDriver> Open(const std::string& db) {
    auto u = url::Url::Parse(server().Url(db, GetParam().url_query));
    EXPECT_TRUE(u.ok()) << u.ErrorString();
    auto d = PostgresDriver::Open(*u);
    EXPECT_TRUE(d.ok()) << d.ErrorString();
    return d.ok() ? std::move(d).value() : nullptr;
  }
};

std::string Render(const plan::Plan& p) {
  std::string out;
  for (const auto& st : p.statements) {
    out += "-- " + st.comment + "\n" + st.sql + ";\n";
  }
  return out;
}

TEST_P(PostgresConvergenceTest, AppliedPlanConverges) {
  const Scenario& sc = GetParam();
  const std::string desired_db = CreateDatabase();
  auto current = Open(database());
  auto desired = Open(desired_db);
  ASSERT_NE(current, nullptr);
  ASSERT_NE(desired, nullptr);
  auto st = current->executor().ExecuteScript(sc.current, "current.sql");
  ASSERT_TRUE(st.ok()) << st.ErrorString();
  st = desired->executor().ExecuteScript(sc.desired, "desired.sql");
  ASSERT_TRUE(st.ok()) << st.ErrorString();

  auto cur = current->inspector().InspectRealm({});
  ASSERT_TRUE(cur.ok()) << cur.ErrorString();
  auto des = desired->inspector().InspectRealm({});
  ASSERT_TRUE(des.ok()) << des.ErrorString();
  diff::DiffOptions options;
  options.bound_schema = current->BoundSchema();
  auto changes = diff::Diff(*cur, *des, options, current->diff_hooks());
  ASSERT_TRUE(changes.ok()) << changes.ErrorString();
  ASSERT_FALSE(changes->empty()) << "scenario has nothing to do";

  PlanOptions plan_options;
  plan_options.current = &*cur;
  plan_options.concurrent_index_create = sc.concurrent_indexes;
  plan_options.concurrent_index_drop = sc.concurrent_indexes;
  auto planned = current->planner().PlanChanges(*changes, plan_options);
  ASSERT_TRUE(planned.ok()) << planned.ErrorString();
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read on the test thread only.
  if (std::getenv("ATLAS_TEST_PRINT_PLANS") != nullptr) {
    std::cout << "[" << sc.name << "]\n" << Render(*planned);
  }
  st = current->executor().ExecutePlan(*planned, {});
  ASSERT_TRUE(st.ok()) << st.ErrorString() << "\nplan:\n" << Render(*planned);

  auto after = current->inspector().InspectRealm({});
  ASSERT_TRUE(after.ok()) << after.ErrorString();
  auto rest = diff::Diff(*after, *des, options, current->diff_hooks());
  ASSERT_TRUE(rest.ok()) << rest.ErrorString();
  if (!rest->empty()) {
    auto again = current->planner().PlanChanges(*rest, plan_options);
    ADD_FAILURE() << "not converged; plan applied:\n"
                  << Render(*planned) << "remaining plan:\n"
                  << (again.ok() ? Render(*again) : again.ErrorString())
                  << "\ncurrent after apply:\n"
                  << testing::DumpRealm(*after) << "\ndesired:\n"
                  << testing::DumpRealm(*des);
  }
}

// Every object kind the model manages, in one schema set (no unmanaged objects: they are never
// created by a plan).
constexpr const char* kBroad = R"sql(
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
  n2 numeric, n3 decimal(5),
  b bit, b8 bit(8), vb bit varying, vb5 varbit(5),
  ts timestamptz(3) DEFAULT now(), ts2 timestamp DEFAULT CURRENT_TIMESTAMP,
  t time, ttz time with time zone, t0 time(0),
  iv interval DEFAULT '1 day', iv2 interval day to second(3), iv3 interval year,
  j jsonb DEFAULT '{}'::jsonb, j2 json,
  u uuid DEFAULT gen_random_uuid(), ip inet, m money DEFAULT 0, by bytea,
  f4 real, f8 double precision, fl float(10),
  c char, c5 character(5),
  sm smallint DEFAULT -1, i4 int4, ser serial, bser bigserial, sser smallserial,
  g integer GENERATED ALWAYS AS (i4 * 2) STORED,
  ok boolean DEFAULT true, d date DEFAULT '2020-01-01', dd double precision DEFAULT 1.5,
  CONSTRAINT positive CHECK (amount >= 0),
  CONSTRAINT email_uq UNIQUE (email)
);
COMMENT ON TABLE users IS 'people';
COMMENT ON COLUMN users.email IS 'it''s email';
CREATE UNIQUE INDEX users_lower ON users (lower(email)) WHERE st = 'active';
CREATE INDEX users_multi ON users (name DESC NULLS LAST, amount NULLS FIRST) INCLUDE (email);
CREATE INDEX users_gin ON users USING gin (tags);
CREATE INDEX users_gist ON users USING gist (i4);
CREATE INDEX users_op ON users (email varchar_pattern_ops);
CREATE UNIQUE INDEX users_nnd ON users (c5) NULLS NOT DISTINCT;
COMMENT ON INDEX users_gin IS 'gin idx';
CREATE TABLE other.posts (
  id int PRIMARY KEY,
  author bigint REFERENCES public.users(id) ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
  a int, b int,
  UNIQUE (a, b)
);
CREATE TABLE "we""ird" ("sel ect" int, "O'Brien" text NOT NULL, "ünï" int);
CREATE TABLE child (
  id int, pa int, pb int,
  CONSTRAINT child_pk PRIMARY KEY (id),
  CONSTRAINT child_parent FOREIGN KEY (pa, pb) REFERENCES other.posts (a, b) ON DELETE SET DEFAULT,
  CONSTRAINT self_fk FOREIGN KEY (pa) REFERENCES child (id) DEFERRABLE
);
CREATE TABLE owned (id int);
ALTER SEQUENCE seq_a OWNED BY owned.id;
CREATE VIEW active_users AS SELECT id, email FROM users WHERE st = 'active';
CREATE VIEW checked AS SELECT id FROM users WHERE id > 0 WITH LOCAL CHECK OPTION;
CREATE VIEW nested AS SELECT email FROM active_users;
COMMENT ON VIEW active_users IS 'only active';
CREATE MATERIALIZED VIEW other.mv AS SELECT count(*) AS n FROM users;
CREATE INDEX mv_n ON other.mv (n);
)sql";

constexpr const char* kBookings =
    "CREATE EXTENSION IF NOT EXISTS btree_gist;"
    "CREATE TABLE b (room int, starts timestamp, ends timestamp, during tsrange);";
constexpr const char* kBookingsNoOverlap =
    "CREATE EXTENSION IF NOT EXISTS btree_gist;"
    "CREATE TABLE b (room int, starts timestamp, ends timestamp, during tsrange,"
    "  CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));";

const Scenario kScenarios[] = {
    {"broad_from_empty", "", kBroad},
    {"broad_to_empty", kBroad, ""},
    {"create_table", "", "CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x');"},
    {"drop_table", "CREATE TABLE t (id int); CREATE TABLE u (id int);", "CREATE TABLE u (id int);"},
    {"add_column", "CREATE TABLE t (id int);", "CREATE TABLE t (id int, b text);"},
    {"add_not_null_column_with_default", "CREATE TABLE t (id int);",
     "CREATE TABLE t (id int, b int NOT NULL DEFAULT 7);"},
    {"drop_column", "CREATE TABLE t (id int, b text);", "CREATE TABLE t (id int);"},
    {"varchar_length", "CREATE TABLE t (a varchar(10));", "CREATE TABLE t (a varchar(20));"},
    {"int_to_bigint", "CREATE TABLE t (a int);", "CREATE TABLE t (a bigint);"},
    {"text_to_int_using", "CREATE TABLE t (a text DEFAULT '1');",
     "CREATE TABLE t (a int DEFAULT 1);"},
    {"int_to_text", "CREATE TABLE t (a int DEFAULT 1);", "CREATE TABLE t (a text DEFAULT '1');"},
    {"set_not_null", "CREATE TABLE t (a int);", "CREATE TABLE t (a int NOT NULL);"},
    {"drop_not_null", "CREATE TABLE t (a int NOT NULL);", "CREATE TABLE t (a int);"},
    {"add_default", "CREATE TABLE t (a text);", "CREATE TABLE t (a text DEFAULT 'it''s');"},
    {"change_default", "CREATE TABLE t (a int DEFAULT 1);", "CREATE TABLE t (a int DEFAULT -2);"},
    {"drop_default", "CREATE TABLE t (a int DEFAULT 1);", "CREATE TABLE t (a int);"},
    {"default_expression", "CREATE TABLE t (a timestamptz);",
     "CREATE TABLE t (a timestamptz DEFAULT now());"},
    {"comments", "CREATE TABLE t (a int); COMMENT ON COLUMN t.a IS 'old';",
     "CREATE TABLE t (a int, b int); COMMENT ON TABLE t IS 'it''s t'; COMMENT ON COLUMN t.b IS "
     "'new';"},
    {"remove_comments",
     "CREATE TABLE t (a int); COMMENT ON COLUMN t.a IS 'old'; COMMENT ON TABLE t IS 'x';",
     "CREATE TABLE t (a int);"},
    {"add_identity", "CREATE TABLE t (id bigint NOT NULL);",
     "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY);"},
    {"drop_identity", "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY);",
     "CREATE TABLE t (id bigint NOT NULL);"},
    {"identity_options", "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY);",
     "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 3));"},
    {"int_to_serial", "CREATE TABLE t (id int NOT NULL);", "CREATE TABLE t (id serial);"},
    {"serial_to_int", "CREATE TABLE t (id serial);", "CREATE TABLE t (id int NOT NULL);"},
    {"serial_to_bigserial", "CREATE TABLE t (id serial);", "CREATE TABLE t (id bigserial);"},
    {"add_generated_column", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);"},
    {"drop_generation_expression",
     "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);",
     "CREATE TABLE t (a int, b int);"},
    {"change_generation_expression",
     "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);",
     "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 3) STORED);"},
    {"collation", "CREATE TABLE t (a text);", "CREATE TABLE t (a text COLLATE \"C\");"},
    {"drop_collation", "CREATE TABLE t (a text COLLATE \"C\");", "CREATE TABLE t (a text);"},
    {"numeric_precision", "CREATE TABLE t (a numeric(10,2));", "CREATE TABLE t (a numeric(12,4));"},
    {"timestamp_precision", "CREATE TABLE t (a timestamptz);",
     "CREATE TABLE t (a timestamptz(3));"},
    {"array_column", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int, tags text[] DEFAULT '{}');"},
    {"new_enum_column", "CREATE TABLE t (a int);",
     "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (a int, m mood DEFAULT 'ok');"},
    {"enum_value_middle", "CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TABLE t (m mood);",
     "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE t (m mood);"},
    {"enum_value_first_and_last", "CREATE TYPE mood AS ENUM ('b');",
     "CREATE TYPE mood AS ENUM ('a', 'b', 'c');"},
    {"drop_enum_with_table", "CREATE TYPE mood AS ENUM ('a'); CREATE TABLE t (m mood);", ""},
    {"text_to_enum", "CREATE TABLE t (m text);",
     "CREATE TYPE mood AS ENUM ('a'); CREATE TABLE t (m mood);"},
    {"enum_array", "CREATE TYPE mood AS ENUM ('a'); CREATE TABLE t (id int);",
     "CREATE TYPE mood AS ENUM ('a'); CREATE TABLE t (id int, ms mood[]);"},
    {"add_index", "CREATE TABLE t (a int);", "CREATE TABLE t (a int); CREATE INDEX t_a ON t (a);"},
    {"drop_index", "CREATE TABLE t (a int); CREATE INDEX t_a ON t (a);", "CREATE TABLE t (a int);"},
    {"index_to_unique", "CREATE TABLE t (a int); CREATE INDEX t_a ON t (a);",
     "CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a ON t (a);"},
    {"partial_index", "CREATE TABLE t (a int, b bool);",
     "CREATE TABLE t (a int, b bool); CREATE INDEX t_a ON t (a) WHERE b AND a > 10;"},
    {"expression_index", "CREATE TABLE t (a text);",
     "CREATE TABLE t (a text); CREATE UNIQUE INDEX t_lower ON t (lower(a), (a || 'x'));"},
    {"desc_nulls_index", "CREATE TABLE t (a int, b int);",
     "CREATE TABLE t (a int, b int); CREATE INDEX t_ab ON t (a DESC NULLS LAST, b NULLS FIRST);"},
    {"include_index", "CREATE TABLE t (a int, b int);",
     "CREATE TABLE t (a int, b int); CREATE INDEX t_a ON t (a) INCLUDE (b);"},
    {"gin_index", "CREATE TABLE t (a jsonb);",
     "CREATE TABLE t (a jsonb); CREATE INDEX t_a ON t USING gin (a);"},
    {"opclass_index", "CREATE TABLE t (a text);",
     "CREATE TABLE t (a text); CREATE INDEX t_a ON t (a text_pattern_ops);"},
    {"nulls_not_distinct", "CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a ON t (a);",
     "CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a ON t (a) NULLS NOT DISTINCT;"},
    {"index_comment", "CREATE TABLE t (a int); CREATE INDEX t_a ON t (a);",
     "CREATE TABLE t (a int); CREATE INDEX t_a ON t (a); COMMENT ON INDEX t_a IS 'by a';"},
    {"add_unique_constraint", "CREATE TABLE t (a int, b int);",
     "CREATE TABLE t (a int, b int, CONSTRAINT t_ab UNIQUE (a, b));"},
    {"drop_unique_constraint", "CREATE TABLE t (a int, CONSTRAINT t_a UNIQUE (a));",
     "CREATE TABLE t (a int);"},
    {"unique_constraint_to_index", "CREATE TABLE t (a int, CONSTRAINT t_a UNIQUE (a));",
     "CREATE TABLE t (a int); CREATE UNIQUE INDEX t_a ON t (a);"},
    {"concurrent_indexes", "CREATE TABLE t (a int, b int); CREATE INDEX t_b ON t (b);",
     "CREATE TABLE t (a int, b int); CREATE INDEX t_a ON t (a);", "", true},
    {"add_primary_key", "CREATE TABLE t (id int NOT NULL);",
     "CREATE TABLE t (id int PRIMARY KEY);"},
    {"drop_primary_key", "CREATE TABLE t (id int PRIMARY KEY);",
     "CREATE TABLE t (id int NOT NULL);"},
    {"change_primary_key", "CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));",
     "CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));"},
    {"named_primary_key", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int CONSTRAINT t_pk PRIMARY KEY);"},
    {"add_foreign_key", "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int);",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p (id) ON DELETE "
     "CASCADE);"},
    {"drop_foreign_key",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p);",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int);"},
    {"foreign_key_actions",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int CONSTRAINT c_fk REFERENCES p);",
     "CREATE TABLE p (id int PRIMARY KEY); "
     "CREATE TABLE c (pid int CONSTRAINT c_fk REFERENCES p ON UPDATE CASCADE ON DELETE SET NULL);"},
    {"foreign_key_deferrable",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int CONSTRAINT c_fk REFERENCES p);",
     "CREATE TABLE p (id int PRIMARY KEY); "
     "CREATE TABLE c (pid int CONSTRAINT c_fk REFERENCES p DEFERRABLE INITIALLY DEFERRED);"},
    {"new_tables_with_foreign_keys", "",
     "CREATE TABLE a_parent (id int PRIMARY KEY); CREATE TABLE z_mid (id int PRIMARY KEY, "
     "p int REFERENCES a_parent); CREATE TABLE b_child (m int REFERENCES z_mid);"},
    {"foreign_key_cycle", "",
     "CREATE TABLE a (id int PRIMARY KEY, b_id int); CREATE TABLE b (id int PRIMARY KEY, a_id int "
     "REFERENCES a);"
     "ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b;"},
    {"drop_foreign_key_cycle",
     "CREATE TABLE a (id int PRIMARY KEY, b_id int); CREATE TABLE b (id int PRIMARY KEY, a_id int "
     "REFERENCES a);"
     "ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b;",
     ""},
    {"drop_referencing_tables",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p); CREATE TABLE "
     "keep (id int);",
     "CREATE TABLE keep (id int);"},
    {"fk_to_new_table", "CREATE TABLE c (pid int);",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p);"},
    {"add_check", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0));"},
    {"drop_check", "CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0));",
     "CREATE TABLE t (a int);"},
    {"modify_check", "CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0));",
     "CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 10));"},
    {"add_schema", "",
     "CREATE SCHEMA app; COMMENT ON SCHEMA app IS 'app'; CREATE TABLE app.t (id int);"},
    {"drop_schema", "CREATE SCHEMA app; CREATE TABLE app.t (id int);", ""},
    {"schema_comment", "CREATE SCHEMA app;",
     "CREATE SCHEMA app; COMMENT ON SCHEMA app IS 'the app';"},
    {"cross_schema_foreign_key", "CREATE SCHEMA a; CREATE TABLE a.p (id int PRIMARY KEY);",
     "CREATE SCHEMA a; CREATE TABLE a.p (id int PRIMARY KEY); CREATE SCHEMA b; "
     "CREATE TABLE b.c (pid int REFERENCES a.p);"},
    {"add_sequence", "", "CREATE SEQUENCE s START 5 INCREMENT 2 MAXVALUE 100 CYCLE;"},
    {"modify_sequence", "CREATE SEQUENCE s;", "CREATE SEQUENCE s AS integer INCREMENT 3 CACHE 5;"},
    {"drop_sequence", "CREATE SEQUENCE s;", ""},
    {"sequence_owned_by", "CREATE TABLE t (id int); CREATE SEQUENCE s;",
     "CREATE TABLE t (id int); CREATE SEQUENCE s OWNED BY t.id;"},
    {"add_extension", "", "CREATE EXTENSION citext; CREATE TABLE t (a citext);"},
    {"add_view", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t WHERE a > 1;"},
    {"drop_view", "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t;",
     "CREATE TABLE t (a int);"},
    {"modify_view", "CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a FROM t;",
     "CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT b, a FROM t;"},
    {"view_over_changed_column",
     "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t; CREATE VIEW v2 AS SELECT a FROM v;",
     "CREATE TABLE t (a bigint); CREATE VIEW v AS SELECT a FROM t; CREATE VIEW v2 AS SELECT a FROM "
     "v;"},
    {"materialized_view", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int); CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t;"
     "CREATE INDEX mv_n ON mv (n);"},
    {"view_comment", "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t;",
     "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t; COMMENT ON VIEW v IS 'v';"},
    {"check_option_view", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t WHERE a > 0 WITH CASCADED CHECK "
     "OPTION;"},
    {"hostile_names", "CREATE TABLE \"we\"\"ird\" (\"select\" int);",
     "CREATE TABLE \"we\"\"ird\" (\"select\" int, \"O'Brien\" text DEFAULT 'O''Brien', \"ünï\" "
     "int);"
     "CREATE INDEX \"i\"\"x\" ON \"we\"\"ird\" (\"O'Brien\"); COMMENT ON COLUMN "
     "\"we\"\"ird\".\"ünï\" IS 'ü''s';"},
    {"drop_column_with_index", "CREATE TABLE t (a int, b int); CREATE INDEX t_b ON t (b);",
     "CREATE TABLE t (a int);"},
    {"unmanaged_objects_preserved",
     "CREATE TABLE t (a int); CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';",
     "CREATE TABLE t (a int, b int);"},
    {"schema_bound_enum_and_table", "CREATE TABLE t (a int);",
     "CREATE TYPE mood AS ENUM ('a'); CREATE TABLE t (a int, m mood DEFAULT 'a');"
     "CREATE TABLE u (id serial PRIMARY KEY, tid int); CREATE INDEX u_tid ON u (tid) WHERE tid > "
     "0;",
     "search_path=public"},
    {"schema_bound_alter", "CREATE TABLE t (a int, b text); CREATE VIEW v AS SELECT b FROM t;",
     "CREATE TABLE t (a bigint NOT NULL, b varchar(10)); CREATE VIEW v AS SELECT b FROM t;",
     "search_path=public"},
    {"many_changes_one_table",
     "CREATE TABLE t (id int PRIMARY KEY, a int, b text NOT NULL, c int DEFAULT 1, "
     "CONSTRAINT c_pos CHECK (c > 0)); CREATE INDEX t_a ON t (a);",
     "CREATE TABLE t (id bigint PRIMARY KEY, b text, c int DEFAULT 2, d date DEFAULT '2020-01-01', "
     "CONSTRAINT d_check CHECK (d > '2000-01-01')); CREATE INDEX t_bc ON t (b, c);"},
    // Exclusion constraints (btree_gist gives gist operator classes for scalar columns).
    {"exclusion_add", kBookings, kBookingsNoOverlap},
    {"exclusion_drop", kBookingsNoOverlap, kBookings},
    {"exclusion_change_operator", kBookingsNoOverlap,
     "CREATE EXTENSION IF NOT EXISTS btree_gist;"
     "CREATE TABLE b (room int, starts timestamp, ends timestamp, during tsrange,"
     "  CONSTRAINT no_overlap EXCLUDE USING gist (room WITH <>, during WITH &&));"},
    {"exclusion_with_where", kBookingsNoOverlap,
     "CREATE EXTENSION IF NOT EXISTS btree_gist;"
     "CREATE TABLE b (room int, starts timestamp, ends timestamp, during tsrange,"
     "  CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (room > 0));"},
    {"exclusion_with_expression", kBookings,
     "CREATE EXTENSION IF NOT EXISTS btree_gist;"
     "CREATE TABLE b (room int, starts timestamp, ends timestamp, during tsrange,"
     "  CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, tsrange(starts, ends) WITH &&));"},
    {"exclusion_in_new_table", "CREATE EXTENSION IF NOT EXISTS btree_gist;",
     "CREATE EXTENSION IF NOT EXISTS btree_gist;"
     "CREATE TABLE \"we\"\"ird\" (room int, note text, during tsrange,"
     "  CONSTRAINT \"no \"\"overlap\" EXCLUDE USING gist (room WITH =, during WITH &&)"
     "    INCLUDE (note) WHERE (room > 0) DEFERRABLE INITIALLY DEFERRED);"
     "COMMENT ON CONSTRAINT \"no \"\"overlap\" ON \"we\"\"ird\" IS 'it''s';"},
    {"exclusion_options", kBookingsNoOverlap,
     "CREATE EXTENSION IF NOT EXISTS btree_gist;"
     "CREATE TABLE b (room int, starts timestamp, ends timestamp, during tsrange,"
     "  CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&) DEFERRABLE);"
     "COMMENT ON CONSTRAINT no_overlap ON b IS 'rooms';"},
    {"exclusion_btree_ordering", "CREATE TABLE t (a int, b text);",
     "CREATE TABLE t (a int, b text, CONSTRAINT t_ab EXCLUDE USING btree "
     "  (a DESC NULLS LAST WITH =, b COLLATE \"C\" text_pattern_ops WITH =));"},
    {"exclusion_over_dropped_column", kBookingsNoOverlap,
     "CREATE EXTENSION IF NOT EXISTS btree_gist;"
     "CREATE TABLE b (room int, starts timestamp, ends timestamp);"},
    {"exclusion_moves_off_dropped_column", kBookingsNoOverlap,
     "CREATE EXTENSION IF NOT EXISTS btree_gist;"
     "CREATE TABLE b (starts timestamp, ends timestamp, during tsrange, desk int,"
     "  CONSTRAINT no_overlap EXCLUDE USING gist (desk WITH =, during WITH &&));"},
};

INSTANTIATE_TEST_SUITE_P(Scenarios, PostgresConvergenceTest, ::testing::ValuesIn(kScenarios),
                         [](const ::testing::TestParamInfo<Scenario>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace atlas::engine::drivers::postgres
