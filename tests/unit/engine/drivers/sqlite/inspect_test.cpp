// SQLite inspection on real database files: exact model assertions.

#include "engine/drivers/sqlite/inspect.hpp"

#include <gtest/gtest.h>

#include "tests/unit/engine/drivers/sqlite/test_util.hpp"

namespace atlas::engine::drivers::sqlite {
namespace {

using schema::Expr;
using testing::MustExec;
using testing::MustInspect;
using testing::MustOpen;
using testing::TempDir;

schema::Column Col(std::string name, std::string raw, bool nullable) {
  schema::Column c;
  c.name = std::move(name);
  c.type.raw = raw;
  c.type.normalized = NormalizeType(raw);
  c.nullable = nullable;
  return c;
}

schema::IndexPart Part(std::string column, bool desc = false) {
  schema::IndexPart p;
  p.column = std::move(column);
  p.desc = desc;
  return p;
}

class SqliteInspectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = MustOpen("sqlite://" + (dir_.path() / "app.db").string() + "?_fk=1");
    ASSERT_NE(db_, nullptr);
  }
  TempDir dir_;
  std::unique_ptr<Driver> db_;
};

TEST_F(SqliteInspectTest, EmptyDatabaseHasMainSchema) {
  const schema::Realm r = MustInspect(*db_);
  ASSERT_EQ(r.schemas.size(), 1U);
  EXPECT_EQ(r.schemas[0], schema::Schema{.name = "main"});
}

TEST_F(SqliteInspectTest, ColumnsDefaultsAndPrimaryKey) {
  MustExec(*db_,
           "CREATE TABLE users (\n"
           "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
           "  name VARCHAR (255) NOT NULL DEFAULT 'abc',\n"
           "  score REAL DEFAULT -1.5,\n"
           "  active BOOLEAN DEFAULT true,\n"
           "  created DATETIME DEFAULT CURRENT_TIMESTAMP,\n"
           "  updated TEXT DEFAULT (datetime('now')),\n"
           "  data BLOB DEFAULT x'00ff',\n"
           "  nick TEXT COLLATE NOCASE,\n"
           "  untyped,\n"
           "  twice INT GENERATED ALWAYS AS (score * 2) VIRTUAL,\n"
           "  thrice INT AS (score * 3) STORED\n"
           ");");
  const schema::Realm r = MustInspect(*db_);
  ASSERT_EQ(r.schemas[0].tables.size(), 1U);
  const schema::Table& t = r.schemas[0].tables[0];
  schema::Table want;
  want.name = "users";
  auto id = Col("id", "INTEGER", true);
  id.auto_increment = true;
  auto name = Col("name", "VARCHAR (255)", false);
  name.type.normalized = "varchar(255)";
  name.default_value = Expr{Expr::Kind::kLiteral, "'abc'"};
  auto score = Col("score", "REAL", true);
  score.default_value = Expr{Expr::Kind::kLiteral, "-1.5"};
  auto active = Col("active", "BOOLEAN", true);
  active.default_value = Expr{Expr::Kind::kLiteral, "true"};
  auto created = Col("created", "DATETIME", true);
  created.default_value = Expr{Expr::Kind::kRaw, "CURRENT_TIMESTAMP"};
  auto updated = Col("updated", "TEXT", true);
  updated.default_value = Expr{Expr::Kind::kRaw, "datetime('now')"};
  auto data = Col("data", "BLOB", true);
  data.default_value = Expr{Expr::Kind::kLiteral, "x'00ff'"};
  auto nick = Col("nick", "TEXT", true);
  nick.collation = "NOCASE";
  auto untyped = Col("untyped", "", true);
  auto twice = Col("twice", "INT", true);
  twice.generated = schema::Generated{"score * 2", false};
  auto thrice = Col("thrice", "INT", true);
  thrice.generated = schema::Generated{"score * 3", true};
  want.columns = {id, name, score, active, created, updated, data, nick, untyped, twice, thrice};
  want.primary_key = schema::PrimaryKey{"", {Part("id")}};
  EXPECT_EQ(t.columns.size(), want.columns.size());
  for (size_t i = 0; i < std::min(t.columns.size(), want.columns.size()); ++i) {
    EXPECT_EQ(t.columns[i], want.columns[i]) << "column " << want.columns[i].name;
  }
  EXPECT_EQ(t, want);
}

TEST_F(SqliteInspectTest, IndexesUniqueAutoindexPartialAndExpression) {
  MustExec(*db_,
           "CREATE TABLE t (a int, b text UNIQUE, c int, d text COLLATE NOCASE, PRIMARY KEY (a, "
           "c), UNIQUE (c, d));"
           "CREATE INDEX t_partial ON t (c DESC) WHERE c > 10 AND b IS NOT NULL;"
           "CREATE UNIQUE INDEX t_expr ON t (lower(b), (c + 1) DESC, d COLLATE BINARY);");
  const schema::Realm r = MustInspect(*db_);
  ASSERT_EQ(r.schemas.size(), 1U);
  ASSERT_EQ(r.schemas[0].tables.size(), 1U);
  const schema::Table& t = r.schemas[0].tables[0];
  ASSERT_TRUE(t.primary_key.has_value());
  EXPECT_EQ(t.primary_key->parts, (std::vector<schema::IndexPart>{Part("a"), Part("c")}));
  ASSERT_EQ(t.indexes.size(), 4U);
  EXPECT_EQ(t.indexes[0],
            (schema::Index{.name = "sqlite_autoindex_t_1", .unique = true, .parts = {Part("b")}}));
  EXPECT_EQ(t.indexes[1],
            (schema::Index{
                .name = "sqlite_autoindex_t_3", .unique = true, .parts = {Part("c"), Part("d")}}));
  schema::IndexPart e1;
  e1.expr = "lower(b)";
  schema::IndexPart e2;
  e2.expr = "c + 1";
  e2.desc = true;
  schema::IndexPart e3 = Part("d");
  e3.collation = "BINARY";
  EXPECT_EQ(t.indexes[2], (schema::Index{.name = "t_expr", .unique = true, .parts = {e1, e2, e3}}));
  EXPECT_EQ(t.indexes[3], (schema::Index{.name = "t_partial",
                                         .parts = {Part("c", true)},
                                         .where = "c > 10 AND b IS NOT NULL"}));
}

TEST_F(SqliteInspectTest, ForeignKeysChecksAndNames) {
  MustExec(*db_,
           "CREATE TABLE parent (id integer PRIMARY KEY, code text UNIQUE);"
           "CREATE TABLE child (\n"
           "  id int,\n"
           "  p1 int CONSTRAINT fk_inline REFERENCES parent (id) ON DELETE CASCADE,\n"
           "  p2 text REFERENCES parent (code) ON UPDATE SET NULL,\n"
           "  p3 int REFERENCES parent,\n"
           "  qty int CHECK (qty > 0) CONSTRAINT qty_max CHECK (qty < 100),\n"
           "  CONSTRAINT \"fk we\"\"ird\" FOREIGN KEY (id) REFERENCES \"parent\" (\"id\") ON "
           "DELETE RESTRICT,\n"
           "  CONSTRAINT named_check CHECK (id <> p1 AND ')' <> 'x'),\n"
           "  CHECK ((p2 IS NULL) OR length(p2) > 1)\n"
           ");");
  const schema::Realm r = MustInspect(*db_);
  ASSERT_EQ(r.schemas[0].tables.size(), 2U);
  const schema::Table& c = r.schemas[0].tables[0];
  ASSERT_EQ(c.name, "child");
  using schema::ReferenceOption;
  const std::vector<schema::ForeignKey> fks = {
      {.name = "fk_inline",
       .columns = {"p1"},
       .ref_table = "parent",
       .ref_columns = {"id"},
       .on_delete = ReferenceOption::kCascade},
      {.name = "",
       .columns = {"p2"},
       .ref_table = "parent",
       .ref_columns = {"code"},
       .on_update = ReferenceOption::kSetNull},
      {.name = "", .columns = {"p3"}, .ref_table = "parent", .ref_columns = {"id"}},
      {.name = "fk we\"ird",
       .columns = {"id"},
       .ref_table = "parent",
       .ref_columns = {"id"},
       .on_delete = ReferenceOption::kRestrict},
  };
  EXPECT_EQ(c.foreign_keys, fks);
  const std::vector<schema::Check> checks = {
      {"", "qty > 0", false},
      {"qty_max", "qty < 100", false},
      {"named_check", "id <> p1 AND ')' <> 'x'", false},
      {"", "(p2 IS NULL) OR length(p2) > 1", false},
  };
  EXPECT_EQ(c.checks, checks);
}

TEST_F(SqliteInspectTest, ViewsTriggersAndOptions) {
  MustExec(*db_,
           "CREATE TABLE kv (k text PRIMARY KEY, v blob) WITHOUT ROWID, STRICT;"
           "CREATE TABLE log (msg text);"
           "CREATE VIEW \"v s\" (key) AS SELECT k FROM kv WHERE v IS NOT NULL;"
           "CREATE TRIGGER kv_ins AFTER INSERT ON kv BEGIN INSERT INTO log VALUES (new.k); END;"
           "CREATE TRIGGER v_del INSTEAD OF DELETE ON \"v s\" BEGIN DELETE FROM kv WHERE k = "
           "old.key; END;");
  const schema::Realm r = MustInspect(*db_);
  const schema::Schema& s = r.schemas[0];
  ASSERT_EQ(s.tables.size(), 2U);
  const schema::Table& kv = s.tables[0];
  EXPECT_TRUE(kv.options.without_rowid);
  EXPECT_TRUE(kv.options.strict);
  EXPECT_FALSE(kv.columns[0].nullable);  // WITHOUT ROWID primary keys are NOT NULL
  EXPECT_TRUE(kv.indexes.empty());       // the primary key's index is not listed
  ASSERT_EQ(kv.triggers.size(), 1U);
  EXPECT_EQ(kv.triggers[0],
            (schema::Trigger{"kv_ins", "kv",
                             "CREATE TRIGGER kv_ins AFTER INSERT ON kv BEGIN INSERT INTO log "
                             "VALUES (new.k); END"}));
  ASSERT_EQ(s.views.size(), 1U);
  const schema::View& v = s.views[0];
  EXPECT_EQ(v.name, "v s");
  EXPECT_EQ(v.definition, "SELECT k FROM kv WHERE v IS NOT NULL");
  ASSERT_EQ(v.columns.size(), 1U);
  EXPECT_EQ(v.columns[0].name, "key");
  ASSERT_EQ(v.triggers.size(), 1U);
  EXPECT_EQ(v.triggers[0].name, "v_del");
  EXPECT_EQ(v.triggers[0].table, "v s");
}

TEST_F(SqliteInspectTest, BrokenViewDoesNotFailInspection) {
  MustExec(*db_,
           "CREATE TABLE t (a int); CREATE VIEW ok AS SELECT a FROM t; CREATE VIEW broken AS "
           "SELECT x FROM gone;");
  const schema::Realm r = MustInspect(*db_);
  ASSERT_EQ(r.schemas[0].views.size(), 2U);
  EXPECT_EQ(r.schemas[0].views[0].name, "broken");
  EXPECT_TRUE(r.schemas[0].views[0].columns.empty());
  EXPECT_EQ(r.schemas[0].views[1].columns.size(), 1U);
}

TEST_F(SqliteInspectTest, SchemaFilterAndExclude) {
  MustExec(*db_,
           "CREATE TABLE keep (a int, secret text); CREATE TABLE tmp_x (a int); CREATE INDEX "
           "keep_s ON keep (secret);"
           "CREATE VIEW v AS SELECT 1;");
  InspectOptions opts;
  opts.schemas = {"other"};
  auto none = db_->inspector().InspectRealm(opts);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->schemas.empty());
  opts.schemas = {"main"};
  opts.exclude = {"tmp_*", "keep.secret", "*[type=view]"};
  auto r = db_->inspector().InspectRealm(opts);
  ASSERT_TRUE(r.ok()) << r.ErrorString();
  ASSERT_EQ(r->schemas[0].tables.size(), 1U);
  const schema::Table& keep = r->schemas[0].tables[0];
  EXPECT_EQ(keep.name, "keep");
  ASSERT_EQ(keep.columns.size(), 1U);
  EXPECT_TRUE(keep.indexes.empty());
  EXPECT_TRUE(r->schemas[0].views.empty());
  opts.exclude = {"a.b.c"};
  auto bad = db_->inspector().InspectRealm(opts);
  ASSERT_FALSE(bad.ok());
}

TEST_F(SqliteInspectTest, HostileNamesRoundTrip) {
  MustExec(
      *db_,
      "CREATE TABLE \"we\"\"ird\" (\"O'Brien\" text, \"select\" int, \"ünï\" real, [br x] int);"
      "CREATE INDEX \"i`x\" ON \"we\"\"ird\" (\"select\", \"ünï\");");
  const schema::Realm r = MustInspect(*db_);
  ASSERT_EQ(r.schemas.size(), 1U);
  ASSERT_EQ(r.schemas[0].tables.size(), 1U);
  const schema::Table& t = r.schemas[0].tables[0];
  EXPECT_EQ(t.name, "we\"ird");
  ASSERT_EQ(t.columns.size(), 4U);
  EXPECT_EQ(t.columns[0].name, "O'Brien");
  EXPECT_EQ(t.columns[1].name, "select");
  EXPECT_EQ(t.columns[2].name, "ünï");
  EXPECT_EQ(t.columns[3].name, "br x");
  ASSERT_EQ(t.indexes.size(), 1U);
  EXPECT_EQ(t.indexes[0].name, "i`x");
  EXPECT_EQ(t.indexes[0].parts, (std::vector<schema::IndexPart>{Part("select"), Part("ünï")}));
}

TEST(SqliteDefaultExprTest, Classification) {
  EXPECT_EQ(DefaultExpr("'x'").kind, Expr::Kind::kLiteral);
  EXPECT_EQ(DefaultExpr("\"x\"").kind, Expr::Kind::kLiteral);
  EXPECT_EQ(DefaultExpr("-12").kind, Expr::Kind::kLiteral);
  EXPECT_EQ(DefaultExpr("1.5e10").kind, Expr::Kind::kLiteral);
  EXPECT_EQ(DefaultExpr("0x1F").kind, Expr::Kind::kLiteral);
  EXPECT_EQ(DefaultExpr("FALSE").kind, Expr::Kind::kLiteral);
  EXPECT_EQ(DefaultExpr("X'0A'").kind, Expr::Kind::kLiteral);
  EXPECT_EQ(DefaultExpr("NULL").kind, Expr::Kind::kRaw);
  EXPECT_EQ(DefaultExpr("CURRENT_DATE").kind, Expr::Kind::kRaw);
  EXPECT_EQ(DefaultExpr("(1 + 1)").kind, Expr::Kind::kRaw);
  EXPECT_EQ(DefaultExpr("'a' || 'b'").kind, Expr::Kind::kRaw);
}

TEST(SqliteNormalizeTypeTest, Spellings) {
  EXPECT_EQ(NormalizeType("VARCHAR (255)"), "varchar(255)");
  EXPECT_EQ(NormalizeType(" DECIMAL( 10 , 2 ) "), "decimal(10,2)");
  EXPECT_EQ(NormalizeType("UNSIGNED   BIG INT"), "unsigned big int");
  EXPECT_EQ(NormalizeType(""), "");
}

}  // namespace
}  // namespace atlas::engine::drivers::sqlite
