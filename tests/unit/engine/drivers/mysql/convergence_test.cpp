// Convergence suite on a real MariaDB server: for each scenario the current SQL is loaded into one
// database and the desired SQL into another; both are inspected, diffed (engine/diff with the MySQL
// hooks), planned and the plan is applied to the current database. Re-inspecting it and diffing
// again must yield no change.
//
// MariaDB (the server these tests run on) differs from MySQL 8 where noted in the scenarios:
//  - JSON is an alias of LONGTEXT plus a column-level CHECK (json_valid(`c`)) named after the
//    column; the inspector folds that pair back into a `json` column (MySQL 8 has a real type).
//  - unnamed table CHECKs are named CONSTRAINT_<n> (MySQL 8: <table>_chk_<n>); a column-level CHECK
//    is named after its column (information_schema.CHECK_CONSTRAINTS.LEVEL = 'Column').
//  - DESC index parts are stored from MariaDB 10.8 (MySQL from 8.0); older servers ignore DESC.
//  - information_schema.COLUMNS.COLUMN_DEFAULT holds literals quoted and expressions bare
//    (`current_timestamp()`); MySQL 8 holds literals bare and marks expressions DEFAULT_GENERATED.
//  - SEQUENCE objects and system-versioned tables exist only on MariaDB; the driver keeps them as
//    unmanaged objects: never created, altered or dropped by a plan.

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "engine/diff/diff.hpp"
#include "engine/drivers/mysql/driver.hpp"
#include "engine/url/url.hpp"
#include "tests/support/mariadb_server.hpp"
#include "tests/unit/engine/drivers/postgres/realm_dump.hpp"

namespace atlas::engine::drivers::mysql {
namespace {

struct Scenario {
  const char* name;
  const char* current;
  const char* desired;
  // Statements the plan must contain, in order ("" = not checked).
  const char* expected_plan = "";
  // Text the plan must not contain ("" = not checked), e.g. an unmanaged object's name.
  const char* forbidden = "";
  // An unmanaged object ("kind:name") that must still be in the current schema after the apply.
  const char* preserved = "";
};

// `$OTHER` in a scenario's SQL stands for a third database both sides may reference.
std::string Substitute(std::string text, const std::string& other) {
  for (size_t at = text.find("$OTHER"); at != std::string::npos; at = text.find("$OTHER", at)) {
    text.replace(at, 6, other);
    at += other.size();
  }
  return text;
}

std::ostream& operator<<(std::ostream& os, const Scenario& s) {
  return os << s.name;
}

class MysqlConvergenceTest : public tests::support::MariaDbTest,
                             public ::testing::WithParamInterface<Scenario> {
 protected:
  std::unique_ptr<MysqlDriver> Open(const std::string& db) {
    auto u = url::Url::Parse(server().Url(db));
    EXPECT_TRUE(u.ok()) << u.ErrorString();
    auto d = MysqlDriver::Open(*u);
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

TEST_P(MysqlConvergenceTest, AppliedPlanConverges) {
  const Scenario& sc = GetParam();
  const std::string desired_db = CreateDatabase();
  std::string other_db;
  if (std::string_view(sc.current).find("$OTHER") != std::string_view::npos ||
      std::string_view(sc.desired).find("$OTHER") != std::string_view::npos) {
    other_db = CreateDatabase();
    ExecSqlIn(other_db, "CREATE TABLE p (id int PRIMARY KEY)");
  }
  auto current = Open(database());
  auto desired = Open(desired_db);
  ASSERT_NE(current, nullptr);
  ASSERT_NE(desired, nullptr);
  auto st = current->executor().ExecuteScript(Substitute(sc.current, other_db), "current.sql");
  ASSERT_TRUE(st.ok()) << st.ErrorString();
  st = desired->executor().ExecuteScript(Substitute(sc.desired, other_db), "desired.sql");
  ASSERT_TRUE(st.ok()) << st.ErrorString();

  auto cur = current->inspector().InspectRealm({});
  ASSERT_TRUE(cur.ok()) << cur.ErrorString();
  auto des = desired->inspector().InspectRealm({});
  ASSERT_TRUE(des.ok()) << des.ErrorString();
  // The desired database stands for the current one (as ops aligns a desired state to the bound
  // schema).
  ASSERT_EQ(des->schemas.size(), 1U);
  des->schemas[0].name = current->BoundSchema();
  diff::DiffOptions options;
  options.bound_schema = current->BoundSchema();
  auto changes = diff::Diff(*cur, *des, options, current->diff_hooks());
  ASSERT_TRUE(changes.ok()) << changes.ErrorString();
  ASSERT_FALSE(changes->empty()) << "scenario has nothing to do";

  PlanOptions plan_options;
  plan_options.current = &*cur;
  auto planned = current->planner().PlanChanges(*changes, plan_options);
  ASSERT_TRUE(planned.ok()) << planned.ErrorString();
  ASSERT_FALSE(planned->empty());
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read on the test thread only.
  if (std::getenv("ATLAS_TEST_PRINT_PLANS") != nullptr) {
    std::cout << "[" << sc.name << "]\n" << Render(*planned);
  }
  if (*sc.expected_plan != '\0') {
    EXPECT_EQ(Render(*planned), Substitute(sc.expected_plan, other_db));
  }
  if (*sc.forbidden != '\0') {
    EXPECT_EQ(Render(*planned).find(sc.forbidden), std::string::npos) << Render(*planned);
  }
  st = current->executor().ExecutePlan(*planned, {});
  ASSERT_TRUE(st.ok()) << st.ErrorString() << "\nplan:\n" << Render(*planned);

  auto after = current->inspector().InspectRealm({});
  ASSERT_TRUE(after.ok()) << after.ErrorString();
  if (*sc.preserved != '\0') {
    const std::string_view want(sc.preserved);
    const auto colon = want.find(':');
    ASSERT_EQ(after->schemas.size(), 1U);
    const schema::OpaqueObject object{std::string(want.substr(0, colon)),
                                      std::string(want.substr(colon + 1))};
    const auto& kept = after->schemas[0].unmanaged;
    EXPECT_NE(std::find(kept.begin(), kept.end(), object), kept.end()) << sc.preserved;
  }
  auto rest = diff::Diff(*after, *des, options, current->diff_hooks());
  ASSERT_TRUE(rest.ok()) << rest.ErrorString();
  if (!rest->empty()) {
    auto again = current->planner().PlanChanges(*rest, plan_options);
    ADD_FAILURE() << "not converged; plan applied:\n"
                  << Render(*planned) << "remaining plan:\n"
                  << (again.ok() ? Render(*again) : again.ErrorString()) << "\ncurrent after:\n"
                  << postgres::testing::DumpRealm(*after) << "\ndesired:\n"
                  << postgres::testing::DumpRealm(*des);
  }
}

constexpr const char* kBroad = R"sql(
CREATE TABLE users (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  email varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'it''s email',
  name varchar(100) DEFAULT 'anon',
  st enum('active','closed','it''s') NOT NULL DEFAULT 'active',
  tags set('a','b','c') DEFAULT 'a,b',
  amount decimal(10,2) DEFAULT 0.00,
  ratio double DEFAULT 1.5, f float,
  flag tinyint(1) NOT NULL DEFAULT 1,
  small smallint DEFAULT -1, med mediumint unsigned,
  z int(5) unsigned zerofill,
  j json,
  bits bit(8) DEFAULT b'101',
  bin varbinary(16), bl blob, ch char(3),
  created timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  updated datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  d date DEFAULT '2020-01-01', tm time(2), yr year,
  g int AS (id * 2) VIRTUAL,
  gs varchar(300) AS (concat(name, email)) STORED,
  body text,
  pt point NOT NULL,
  u uuid DEFAULT uuid(),
  PRIMARY KEY (id),
  UNIQUE KEY users_email (email),
  KEY users_name_prefix (name(10), amount DESC) COMMENT 'prefix',
  FULLTEXT KEY users_body (body),
  SPATIAL KEY users_pt (pt),
  CONSTRAINT positive CHECK (amount >= 0)
) DEFAULT CHARSET=latin1 COMMENT='people' AUTO_INCREMENT=100;
CREATE TABLE `we``ird` (`sel ect` int, `O'Brien` text NOT NULL);
CREATE TABLE posts (
  id int NOT NULL PRIMARY KEY,
  author bigint unsigned,
  parent int,
  CONSTRAINT posts_author FOREIGN KEY (author) REFERENCES users (id) ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT posts_parent FOREIGN KEY (parent) REFERENCES posts (id)
) ENGINE=MyISAM;
CREATE TABLE a (id int PRIMARY KEY, b_id int);
CREATE TABLE b (id int PRIMARY KEY, a_id int, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id));
ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id);
CREATE VIEW active_users AS SELECT id, email FROM users WHERE st = 'active' WITH CASCADED CHECK OPTION;
CREATE VIEW nested AS SELECT email FROM active_users;
CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.name = lower(NEW.name);
)sql";

const Scenario kScenarios[] = {
    {"broad_from_empty", "", kBroad},
    {"broad_to_empty", kBroad, ""},
    {"create_table", "",
     "CREATE TABLE t (id int PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x');",
     "-- Create \"t\" table\nCREATE TABLE `t` (`id` int NOT NULL, `name` varchar(20) NOT NULL "
     "DEFAULT 'x', PRIMARY KEY (`id`)) CHARSET latin1 COLLATE latin1_swedish_ci;\n"},
    {"drop_table", "CREATE TABLE t (id int); CREATE TABLE u (id int);", "CREATE TABLE u (id int);",
     "-- Drop \"t\" table\nDROP TABLE `t`;\n"},
    {"add_column", "CREATE TABLE t (id int);", "CREATE TABLE t (id int, b text);",
     "-- Modify \"t\" table\nALTER TABLE `t` ADD COLUMN `b` text NULL;\n"},
    {"drop_column", "CREATE TABLE t (id int, b text);", "CREATE TABLE t (id int);",
     "-- Modify \"t\" table\nALTER TABLE `t` DROP COLUMN `b`;\n"},
    {"combined_alter", "CREATE TABLE t (id int, a int, b text, KEY ia (a));",
     "CREATE TABLE t (id int, a bigint NOT NULL, c int DEFAULT 3, KEY ic (c));",
     "-- Modify \"t\" table\nALTER TABLE `t` DROP COLUMN `b`, DROP INDEX `ia`, MODIFY COLUMN `a` "
     "bigint NOT NULL, ADD COLUMN `c` int NULL DEFAULT 3, ADD INDEX `ic` (`c`);\n"},
    {"varchar_length", "CREATE TABLE t (a varchar(10));", "CREATE TABLE t (a varchar(20));"},
    {"set_not_null", "CREATE TABLE t (a int);", "CREATE TABLE t (a int NOT NULL);"},
    {"drop_not_null", "CREATE TABLE t (a int NOT NULL);", "CREATE TABLE t (a int);"},
    {"change_default", "CREATE TABLE t (a int DEFAULT 1, s varchar(5) DEFAULT 'x');",
     "CREATE TABLE t (a int DEFAULT -2, s varchar(5) DEFAULT 'it''s');"},
    {"drop_default", "CREATE TABLE t (a int DEFAULT 1);", "CREATE TABLE t (a int);"},
    {"default_current_timestamp", "CREATE TABLE t (a timestamp NULL);",
     "CREATE TABLE t (a timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE "
     "CURRENT_TIMESTAMP);"},
    {"default_expression", "CREATE TABLE t (a varchar(40));",
     "CREATE TABLE t (a varchar(40) DEFAULT (concat('a', 'b')));"},
    {"unsigned", "CREATE TABLE t (a int);", "CREATE TABLE t (a int unsigned);"},
    {"unsigned_to_signed", "CREATE TABLE t (a bigint unsigned);", "CREATE TABLE t (a bigint);"},
    {"auto_increment", "CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id));",
     "CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, PRIMARY KEY (id)) AUTO_INCREMENT=1000;"},
    {"enum_add_value_end", "CREATE TABLE t (e enum('a','b'));",
     "CREATE TABLE t (e enum('a','b','c'));",
     "-- Modify \"t\" table\nALTER TABLE `t` MODIFY COLUMN `e` enum('a','b','c') NULL;\n"},
    {"enum_add_value_middle", "CREATE TABLE t (e enum('a','c') NOT NULL DEFAULT 'a');",
     "CREATE TABLE t (e enum('a','b','c') NOT NULL DEFAULT 'a');"},
    {"column_charset_change", "CREATE TABLE t (a varchar(10));",
     "CREATE TABLE t (a varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin);"},
    {"column_collation_only", "CREATE TABLE t (a varchar(10));",
     "CREATE TABLE t (a varchar(10) COLLATE latin1_bin);"},
    {"table_charset_change", "CREATE TABLE t (a varchar(10), b text) CHARSET latin1;",
     "CREATE TABLE t (a varchar(10), b text CHARACTER SET latin1) CHARSET utf8mb4 COLLATE "
     "utf8mb4_unicode_ci;"},
    {"schema_charset_change", "ALTER DATABASE CHARACTER SET latin1;",
     "ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"},
    {"comments", "CREATE TABLE t (a int COMMENT 'old');",
     "CREATE TABLE t (a int COMMENT 'new', b int COMMENT 'it''s b') COMMENT 'it''s t';"},
    {"prefix_index", "CREATE TABLE t (a varchar(100), KEY ia (a));",
     "CREATE TABLE t (a varchar(100), KEY ia (a(20)));",
     "-- Modify \"t\" table\nALTER TABLE `t` DROP INDEX `ia`, ADD INDEX `ia` (`a`(20));\n"},
    {"unique_and_desc_index", "CREATE TABLE t (a int, b int, KEY i (a));",
     "CREATE TABLE t (a int, b int, UNIQUE KEY i (a, b DESC));"},
    {"fulltext_index", "CREATE TABLE t (body text);",
     "CREATE TABLE t (body text, FULLTEXT KEY ft (body));"},
    {"generated_column_add", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int, g int AS (a + 1) VIRTUAL, s int AS (a * 2) STORED);"},
    {"generated_column_change", "CREATE TABLE t (a int, g int AS (a + 1) VIRTUAL);",
     "CREATE TABLE t (a int, g int AS (a + 2) STORED);"},
    {"primary_key_change", "CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));",
     "CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));"},
    {"fk_action_change",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int, CONSTRAINT c_p FOREIGN KEY "
     "(pid) REFERENCES p (id) ON DELETE CASCADE);",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int, CONSTRAINT c_p FOREIGN KEY "
     "(pid) REFERENCES p (id) ON DELETE SET NULL);",
     "-- Modify \"c\" table\nALTER TABLE `c` DROP FOREIGN KEY `c_p`;\n-- Modify \"c\" table\nALTER "
     "TABLE `c` ADD CONSTRAINT `c_p` FOREIGN KEY (`pid`) REFERENCES `p` (`id`) ON UPDATE "
     "RESTRICT ON DELETE SET NULL;\n"},
    {"fk_add_with_new_table", "CREATE TABLE c (id int, pid int);",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, pid int, CONSTRAINT c_p "
     "FOREIGN KEY (pid) REFERENCES p (id));"},
    {"fk_drop_with_table",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int, CONSTRAINT c_p FOREIGN KEY "
     "(pid) REFERENCES p (id));",
     "CREATE TABLE c (pid int);"},
    {"fk_cycle_create", "",
     "CREATE TABLE a (id int PRIMARY KEY, b_id int); CREATE TABLE b (id int PRIMARY KEY, a_id "
     "int, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id)); ALTER TABLE a ADD CONSTRAINT a_b "
     "FOREIGN KEY (b_id) REFERENCES b (id);"},
    {"check_add_modify_drop",
     "CREATE TABLE t (a int, b int, CONSTRAINT ca CHECK (a > 0), CONSTRAINT cb CHECK (b > 0));",
     "CREATE TABLE t (a int, b int, CONSTRAINT ca CHECK (a > 1), CONSTRAINT cc CHECK (a < b));"},
    {"view_rewrite", "CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a FROM t;",
     "CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a, b FROM t WHERE a > 0;"},
    {"view_drop_and_add", "CREATE TABLE t (a int); CREATE VIEW v1 AS SELECT a FROM t;",
     "CREATE TABLE t (a int); CREATE VIEW v2 AS SELECT a FROM t WITH CHECK OPTION;"},
    {"trigger_change",
     "CREATE TABLE t (a int); CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;",
     "CREATE TABLE t (a int); CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 2;"},
    {"table_engine_and_comment", "CREATE TABLE t (a int) ENGINE=MyISAM;",
     "CREATE TABLE t (a int) ENGINE=InnoDB COMMENT 'x';"},
    {"json_column", "CREATE TABLE t (a int);", "CREATE TABLE t (a int, j json);"},
    {"hostile_names", "CREATE TABLE `we``ird` (`sel ect` int);",
     "CREATE TABLE `we``ird` (`sel ect` bigint, `O'Brien` text NOT NULL, KEY `i``x` (`sel ect`));"},
    {"decimal_precision", "CREATE TABLE t (a decimal(5,2));", "CREATE TABLE t (a decimal(10,4));"},
    {"datetime_precision", "CREATE TABLE t (a datetime);", "CREATE TABLE t (a datetime(6));"},
    {"text_to_mediumtext", "CREATE TABLE t (a text);", "CREATE TABLE t (a mediumtext);"},
    {"set_values_change", "CREATE TABLE t (s set('a','b'));",
     "CREATE TABLE t (s set('a','b','c'));"},
    {"bool_to_int", "CREATE TABLE t (b bool DEFAULT 0);", "CREATE TABLE t (b int DEFAULT 0);"},
    {"drop_index", "CREATE TABLE t (a int, KEY i (a));", "CREATE TABLE t (a int);",
     "-- Modify \"t\" table\nALTER TABLE `t` DROP INDEX `i`;\n"},
    {"index_comment", "CREATE TABLE t (a int, KEY i (a));",
     "CREATE TABLE t (a int, KEY i (a) COMMENT 'c');"},
    {"drop_foreign_key",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int, KEY c_p (pid), CONSTRAINT "
     "c_p FOREIGN KEY (pid) REFERENCES p (id));",
     "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int, KEY c_p (pid));"},
    {"add_trigger", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int); CREATE TRIGGER tr AFTER UPDATE ON t FOR EACH ROW SET @x = 1;"},
    {"drop_trigger_and_view",
     "CREATE TABLE t (a int); CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1; "
     "CREATE VIEW v AS SELECT a FROM t;",
     "CREATE TABLE t (a int);"},
    {"view_on_new_view", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int); CREATE VIEW v1 AS SELECT a FROM t; CREATE VIEW v2 AS SELECT a FROM "
     "v1;"},
    {"timestamp_on_update_removed",
     "CREATE TABLE t (a timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP);",
     "CREATE TABLE t (a timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);"},
    {"binary_types", "CREATE TABLE t (a binary(4), b varbinary(8));",
     "CREATE TABLE t (a binary(8), b blob, c longblob);"},
    {"char_to_varchar_with_collation", "CREATE TABLE t (a char(5));",
     "CREATE TABLE t (a varchar(5) COLLATE latin1_general_cs NOT NULL DEFAULT '');"},
    {"zerofill", "CREATE TABLE t (a int);", "CREATE TABLE t (a int(5) unsigned zerofill);",
     "-- Modify \"t\" table\nALTER TABLE `t` MODIFY COLUMN `a` int unsigned zerofill NULL;\n"},
    {"zerofill_removed", "CREATE TABLE t (a int(5) unsigned zerofill);",
     "CREATE TABLE t (a int unsigned);"},
    {"bit_length", "CREATE TABLE t (b bit(4));", "CREATE TABLE t (b bit(16) DEFAULT b'101');",
     "-- Modify \"t\" table\nALTER TABLE `t` MODIFY COLUMN `b` bit(16) NULL DEFAULT b'101';\n"},
    {"float_double_precision", "CREATE TABLE t (f float, d double, r real);",
     "CREATE TABLE t (f float(7,3), d double(10,2), r double unsigned);",
     "-- Modify \"t\" table\nALTER TABLE `t` MODIFY COLUMN `f` float(7,3) NULL, MODIFY COLUMN `d` "
     "double(10,2) NULL, MODIFY COLUMN `r` double unsigned NULL;\n"},
    {"set_add_value_with_default", "CREATE TABLE t (s set('a','c') NOT NULL DEFAULT 'a,c');",
     "CREATE TABLE t (s set('a','b','c','it''s') NOT NULL DEFAULT 'a,c');"},
    {"enum_reorder", "CREATE TABLE t (e enum('a','b','c') DEFAULT 'b');",
     "CREATE TABLE t (e enum('c','a','b') DEFAULT 'b');",
     "-- Modify \"t\" table\nALTER TABLE `t` MODIFY COLUMN `e` enum('c','a','b') NULL DEFAULT "
     "'b';\n"},
    {"spatial_index", "CREATE TABLE t (pt point NOT NULL, g geometry NOT NULL);",
     "CREATE TABLE t (pt point NOT NULL, g geometry NOT NULL, SPATIAL KEY ipt (pt), SPATIAL KEY "
     "ig (g));",
     "-- Modify \"t\" table\nALTER TABLE `t` ADD SPATIAL INDEX `ig` (`g`), ADD SPATIAL INDEX `ipt` "
     "(`pt`);\n"},
    {"index_on_generated_column", "CREATE TABLE t (a int);",
     "CREATE TABLE t (a int, g int AS (a + 1) VIRTUAL, s varchar(20) AS (concat(a, 'x')) STORED, "
     "KEY ig (g), UNIQUE KEY isa (s, a));"},
    {"auto_increment_start_change",
     "CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, PRIMARY KEY (id)) AUTO_INCREMENT=100;",
     "CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, PRIMARY KEY (id)) AUTO_INCREMENT=500;",
     "-- Modify \"t\" table\nALTER TABLE `t` AUTO_INCREMENT 500;\n"},
    {"charset_change_with_prefix_index",
     "CREATE TABLE t (a varchar(100) CHARACTER SET latin1, b text, KEY ia (a(10)), KEY ib "
     "(b(20)));",
     "CREATE TABLE t (a varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, b text "
     "CHARACTER SET utf8mb4, KEY ia (a(10)), KEY ib (b(20)));"},
    // Realm-bound reference: the referenced table lives in another database, which the plan
    // qualifies and never touches.
    {"fk_to_other_database", "CREATE TABLE c (id int PRIMARY KEY, pid int);",
     "CREATE TABLE c (id int PRIMARY KEY, pid int, CONSTRAINT c_p FOREIGN KEY (pid) REFERENCES "
     "$OTHER.p (id) ON DELETE CASCADE);",
     "-- Modify \"c\" table\nALTER TABLE `c` ADD INDEX `c_p` (`pid`), ADD CONSTRAINT `c_p` FOREIGN "
     "KEY (`pid`) REFERENCES `$OTHER`.`p` (`id`) ON UPDATE RESTRICT ON DELETE CASCADE;\n"},
    {"fk_to_other_database_dropped",
     "CREATE TABLE c (id int PRIMARY KEY, pid int, KEY c_p (pid), CONSTRAINT c_p FOREIGN KEY "
     "(pid) REFERENCES $OTHER.p (id));",
     "CREATE TABLE c (id int PRIMARY KEY, pid int, KEY c_p (pid));"},
    // MariaDB sequences are unmanaged: present on both sides, absent from the plan.
    {"sequence_preserved", "CREATE SEQUENCE s START WITH 10; CREATE TABLE t (a int);",
     "CREATE SEQUENCE s START WITH 10; CREATE TABLE t (a int, b int);",
     "-- Modify \"t\" table\nALTER TABLE `t` ADD COLUMN `b` int NULL;\n", "SEQUENCE", "sequence:s"},
    {"sequence_only_in_current_is_kept", "CREATE SEQUENCE s; CREATE TABLE t (a int);",
     "CREATE TABLE t (a int, b int);", "", "`s`", "sequence:s"},
    // System-versioned tables (MariaDB) are unmanaged: a change elsewhere leaves them alone.
    {"system_versioned_table_preserved",
     "CREATE TABLE h (a int) WITH SYSTEM VERSIONING; CREATE TABLE t (a int);",
     "CREATE TABLE h (a int, b int) WITH SYSTEM VERSIONING; CREATE TABLE t (a int, c text);",
     "-- Modify \"t\" table\nALTER TABLE `t` ADD COLUMN `c` text NULL;\n", "`h`",
     "system_versioned_table:h"},
    // MariaDB JSON = LONGTEXT + CHECK (json_valid(`j`)); both directions round trip.
    {"json_to_longtext", "CREATE TABLE t (j json);", "CREATE TABLE t (j longtext);"},
    {"longtext_to_json", "CREATE TABLE t (j longtext, k text);",
     "CREATE TABLE t (j json NOT NULL DEFAULT '{}', k json);",
     "-- Modify \"t\" table\nALTER TABLE `t` MODIFY COLUMN `j` json NOT NULL DEFAULT '{}', MODIFY "
     "COLUMN `k` json NULL;\n"},
    // MariaDB names a column-level CHECK after its column, an unnamed table CHECK CONSTRAINT_<n>.
    {"view_check_option_change",
     "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t WHERE a > 0 WITH CASCADED CHECK "
     "OPTION;",
     "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t WHERE a > 0 WITH LOCAL CHECK "
     "OPTION;"},
    {"trigger_timing_change",
     "CREATE TABLE t (a int); CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @x = 1;",
     "CREATE TABLE t (a int); CREATE TRIGGER tr AFTER DELETE ON t FOR EACH ROW SET @x = 1;",
     "-- Drop trigger \"tr\"\nDROP TRIGGER `tr`;\n-- Create trigger \"tr\"\nCREATE TRIGGER `tr` "
     "AFTER DELETE ON `t` FOR EACH ROW SET @x = 1;\n"},
    {"trigger_compound_body", "CREATE TABLE t (a int, b int);",
     "CREATE TABLE t (a int, b int); CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW BEGIN IF "
     "NEW.a < 0 THEN SET NEW.a = 0; END IF; SET NEW.b = OLD.b + 1; END;"},
    // MariaDB stores DESC index parts from 10.8 on (MySQL from 8.0).
    {"index_part_direction_change", "CREATE TABLE t (a int, b int, KEY i (a, b));",
     "CREATE TABLE t (a int, b int, KEY i (a DESC, b));",
     "-- Modify \"t\" table\nALTER TABLE `t` DROP INDEX `i`, ADD INDEX `i` (`a` DESC, `b`);\n"},
    {"unique_to_plain_index", "CREATE TABLE t (a int, UNIQUE KEY i (a));",
     "CREATE TABLE t (a int, KEY i (a));"},
    {"fulltext_to_btree", "CREATE TABLE t (a varchar(50), FULLTEXT KEY i (a));",
     "CREATE TABLE t (a varchar(50), KEY i (a(10)));"},
    {"table_comment_removed", "CREATE TABLE t (a int COMMENT 'x') COMMENT 'old';",
     "CREATE TABLE t (a int);"},
    {"column_and_unnamed_checks", "CREATE TABLE t (a int, b int);",
     "CREATE TABLE t (a int CHECK (a > 0), b int, CHECK (b < 100));",
     "-- Modify \"t\" table\nALTER TABLE `t` ADD CONSTRAINT `a` CHECK (`a` > 0), ADD CONSTRAINT "
     "`CONSTRAINT_1` CHECK (`b` < 100);\n"},
};

INSTANTIATE_TEST_SUITE_P(Scenarios, MysqlConvergenceTest, ::testing::ValuesIn(kScenarios),
                         [](const ::testing::TestParamInfo<Scenario>& param_info) {
                           return std::string(param_info.param.name);
                         });

}  // namespace
}  // namespace atlas::engine::drivers::mysql
