// PostgreSQL DiffHooks: what PostgreSQL spells or defaults differently compares equal.

#include "engine/drivers/postgres/diff.hpp"

#include <gtest/gtest.h>

namespace atlas::engine::drivers::postgres {
namespace {

namespace s = schema;

s::ColumnType T(std::string normalized) {
  s::ColumnType t;
  t.raw = normalized;
  t.normalized = std::move(normalized);
  return t;
}

TEST(PostgresDiffHooksTest, TypesCompareByCanonicalSpelling) {
  const PostgresDiffHooks h;
  EXPECT_TRUE(h.TypeEqual(T("character varying(255)"), T("varchar(255)")));
  EXPECT_TRUE(h.TypeEqual(T("integer"), T("int4")));
  EXPECT_TRUE(h.TypeEqual(T("timestamptz"), T("timestamp(6) with time zone")));
  EXPECT_TRUE(h.TypeEqual(T("integer[]"), T("int[]")));
  EXPECT_FALSE(h.TypeEqual(T("character varying(255)"), T("character varying(20)")));
  EXPECT_FALSE(h.TypeEqual(T("serial"), T("integer")));
  s::ColumnType e1 = T("status");
  e1.enum_ref = "status";
  e1.enum_schema = "public";
  s::ColumnType e2 = T("public.status");
  e2.enum_ref = "status";
  EXPECT_TRUE(h.TypeEqual(e1, e2));
  e2.enum_schema = "other";
  EXPECT_FALSE(h.TypeEqual(e1, e2));
}

TEST(PostgresDiffHooksTest, DefaultsIgnoreTrailingCastsAndLiteralQuoting) {
  const PostgresDiffHooks h;
  using K = s::Expr::Kind;
  EXPECT_TRUE(h.DefaultEqual(s::Expr{K::kRaw, "'a'::text"}, s::Expr{K::kLiteral, "'a'"}));
  EXPECT_TRUE(h.DefaultEqual(s::Expr{K::kRaw, "'{}'::text[]"}, s::Expr{K::kLiteral, "'{}'"}));
  EXPECT_TRUE(h.DefaultEqual(s::Expr{K::kLiteral, "active"}, s::Expr{K::kLiteral, "'active'"}));
  EXPECT_TRUE(h.DefaultEqual(s::Expr{K::kRaw, "now()"}, s::Expr{K::kRaw, "NOW()"}));
  EXPECT_FALSE(h.DefaultEqual(s::Expr{K::kRaw, "now()"}, s::Expr{K::kRaw, "CURRENT_TIMESTAMP"}));
  EXPECT_FALSE(h.DefaultEqual(s::Expr{K::kLiteral, "1"}, std::nullopt));
}

TEST(PostgresDiffHooksTest, IndexDefaultsAreNotChanges) {
  const PostgresDiffHooks h;
  s::Index a;
  a.name = "i";
  s::IndexPart p;
  p.column = "c";
  p.desc = true;
  p.nulls_first = true;  // the default for DESC
  a.parts = {p};
  a.type = "btree";
  s::Index b = a;
  b.type = "";
  b.parts[0].nulls_first.reset();
  EXPECT_EQ(h.IndexChange(a, b), s::kNoChange);
  b.parts[0].nulls_first = false;
  EXPECT_EQ(h.IndexChange(a, b), s::kChangeParts);
  b = a;
  b.type = "GIN";
  EXPECT_EQ(h.IndexChange(a, b), s::kChangeIndexType);
}

TEST(PostgresDiffHooksTest, ExclusionDefaultsAreNotChanges) {
  const PostgresDiffHooks h;
  s::Exclusion a;
  a.name = "x";
  a.type = "";  // GIST when not set
  s::IndexPart col;
  col.column = "c";
  col.nulls_first = false;  // NULLS LAST: the default ascending
  s::IndexPart expr;
  expr.expr = "tsrange(a,b)";
  a.elements = {{col, "="}, {expr, "&&"}};
  a.where = "(c > 0)";
  s::Exclusion b = a;
  b.type = "gist";
  b.elements[0].part.nulls_first.reset();
  b.elements[1].part.expr = "tsrange(a, b)";
  b.where = "c > 0";
  EXPECT_EQ(h.ExclusionChange(a, b), s::kNoChange);
  b.type = "SPGIST";
  EXPECT_EQ(h.ExclusionChange(a, b), s::kChangeIndexType);
  b = a;
  b.elements[1].op = "=";
  EXPECT_EQ(h.ExclusionChange(a, b), s::kChangeParts);
  b = a;
  b.initially_deferred = true;
  EXPECT_EQ(h.ExclusionChange(a, b), s::kChangeDeferrable);
}

TEST(PostgresDiffHooksTest, DefaultPublicCommentAndSequenceType) {
  const PostgresDiffHooks h;
  s::Schema from;
  from.name = "public";
  from.comment = "standard public schema";
  s::Schema to;
  to.name = "public";
  EXPECT_EQ(h.SchemaAttrChange(from, to), s::kNoChange);
  from.name = to.name = "app";
  EXPECT_EQ(h.SchemaAttrChange(from, to), s::kChangeComment);
  s::Sequence q1;
  q1.name = "s";
  s::Sequence q2 = q1;
  q2.type = "bigint";
  EXPECT_TRUE(h.SequenceEqual(q1, q2));
  q2.type = "int4";
  EXPECT_FALSE(h.SequenceEqual(q1, q2));
}

}  // namespace
}  // namespace atlas::engine::drivers::postgres
