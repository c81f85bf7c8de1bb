#include "engine/drivers/exclude.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace atlas::engine::drivers {
namespace {

TEST(GlobMatchTest, GoPathMatchSemantics) {
  EXPECT_TRUE(GlobMatch("*", "anything"));
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("user?", "users"));
  EXPECT_FALSE(GlobMatch("user?", "user"));
  EXPECT_TRUE(GlobMatch("a*b*c", "axxbyyc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "axxbyy"));
  EXPECT_TRUE(GlobMatch("[a-c]x", "bx"));
  EXPECT_FALSE(GlobMatch("[^a-c]x", "bx"));
  EXPECT_TRUE(GlobMatch("[!a-c]x", "dx"));
  EXPECT_TRUE(GlobMatch("a\\*", "a*"));
  EXPECT_FALSE(GlobMatch("a\\*", "ab"));
  EXPECT_FALSE(GlobMatch("[a-", "a"));
  EXPECT_TRUE(GlobMatch("ünï*", "ünïcode"));
}

Exclude MustParse(std::vector<std::string> patterns, std::string_view bound = {}) {
  auto e = Exclude::Parse(patterns, bound);
  EXPECT_TRUE(e.ok()) << e.ErrorString();
  return std::move(e).value();
}

TEST(ExcludeTest, RealmPatterns) {
  const Exclude e =
      MustParse({"internal", "*.tmp_*", "app.users.secret", "app.*.[type=index]x", "\"a.b\".t"});
  EXPECT_TRUE(e.ExcludesSchema("internal"));
  EXPECT_FALSE(e.ExcludesSchema("app"));
  EXPECT_TRUE(e.ExcludesTable("app", "tmp_1"));
  EXPECT_TRUE(e.ExcludesView("other", "tmp_v"));
  EXPECT_FALSE(e.ExcludesTable("app", "users"));
  EXPECT_TRUE(e.ExcludesChild("app", "users", "column", "secret"));
  EXPECT_FALSE(e.ExcludesChild("app", "users", "column", "name"));
  EXPECT_FALSE(e.ExcludesChild("other", "users", "column", "secret"));
  EXPECT_TRUE(e.ExcludesTable("a.b", "t"));
}

TEST(ExcludeTest, TypeSelectors) {
  const Exclude e = MustParse({"s.*[type=view]", "s.t.*[type=index|fk]"});
  EXPECT_TRUE(e.ExcludesView("s", "v"));
  EXPECT_FALSE(e.ExcludesTable("s", "v"));
  EXPECT_TRUE(e.ExcludesChild("s", "t", "index", "i"));
  EXPECT_TRUE(e.ExcludesChild("s", "t", "fk", "f"));
  EXPECT_FALSE(e.ExcludesChild("s", "t", "column", "c"));
  EXPECT_TRUE(MustParse({"s.*[type=enum]"}).ExcludesObject("s", "enum", "status"));
}

TEST(ExcludeTest, SchemaBoundQualifiesPatterns) {
  const Exclude e = MustParse({"logs", "users.secret", "*.tmp"}, "main");
  EXPECT_TRUE(e.ExcludesTable("main", "logs"));
  EXPECT_FALSE(e.ExcludesSchema("logs"));
  EXPECT_TRUE(e.ExcludesChild("main", "users", "column", "secret"));
  // "*.tmp" addresses children named tmp of any table, as Atlas's ExcludeSchema does.
  EXPECT_TRUE(e.ExcludesChild("main", "any", "column", "tmp"));
  EXPECT_FALSE(e.ExcludesTable("main", "tmp"));
}

TEST(ExcludeTest, ParseErrors) {
  const auto err = [](std::vector<std::string> p, std::string_view bound = {}) {
    auto e = Exclude::Parse(p, bound);
    EXPECT_FALSE(e.ok());
    return e.ok() ? std::string() : e.ErrorString();
  };
  EXPECT_EQ(err({""}), "Invalid exclude pattern: an exclude pattern must not be empty");
  EXPECT_EQ(err({"a.b.c.d"}), "Invalid exclude pattern: too many parts in pattern \"a.b.c.d\"");
  EXPECT_EQ(err({"a.b.c"}, "main"),
            "Invalid exclude pattern: too many parts in pattern \"a.b.c\" (the connection is bound "
            "to schema "
            "\"main\", so patterns address table[.child])");
  EXPECT_EQ(err({"a..b"}), "Invalid exclude pattern: empty part in pattern \"a..b\"");
  EXPECT_EQ(err({"[a-"}), "Invalid exclude pattern: malformed glob in pattern \"[a-\"");
  EXPECT_EQ(err({"\"open"}), "Invalid exclude pattern: unterminated quote in pattern \"\\\"open\"");
}

TEST(ExcludeTest, ApplyRemovesDependentIndexesAndForeignKeys) {
  schema::Table t;
  t.name = "users";
  t.columns = {schema::Column{.name = "id"}, schema::Column{.name = "secret"}};
  t.indexes = {schema::Index{.name = "by_secret", .parts = {schema::IndexPart{.column = "secret"}}},
               schema::Index{.name = "by_id", .parts = {schema::IndexPart{.column = "id"}}}};
  t.foreign_keys = {schema::ForeignKey{.name = "fk_s", .columns = {"secret"}, .ref_table = "x"},
                    schema::ForeignKey{.name = "fk_i", .columns = {"id"}, .ref_table = "x"}};
  t.checks = {schema::Check{.name = "ck", .expr = "id > 0"}};
  t.triggers = {schema::Trigger{.name = "tr", .table = "users", .body = "CREATE TRIGGER ..."}};
  schema::Realm r;
  r.schemas.push_back(schema::Schema{.name = "main", .tables = {t}});
  const Exclude e = MustParse({"users.secret", "users.ck", "users.tr[type=trigger]"}, "main");
  const schema::Realm out = e.Apply(r);
  const schema::Table& u = out.schemas[0].tables[0];
  ASSERT_EQ(u.columns.size(), 1U);
  EXPECT_EQ(u.columns[0].name, "id");
  ASSERT_EQ(u.indexes.size(), 1U);
  EXPECT_EQ(u.indexes[0].name, "by_id");
  ASSERT_EQ(u.foreign_keys.size(), 1U);
  EXPECT_EQ(u.foreign_keys[0].name, "fk_i");
  EXPECT_TRUE(u.checks.empty());
  EXPECT_TRUE(u.triggers.empty());
}

}  // namespace
}  // namespace atlas::engine::drivers
