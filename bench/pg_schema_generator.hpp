#pragma once
// Realistic PostgreSQL schema generator shared by the benches. One source of truth: the schema
// model (engine/schema) of N tables in schema "public", written in the spelling PostgreSQL's
// catalog gives back (so an inspection of the database created from it diffs to nothing), and an
// SQL script that creates it in an empty database.
//
// Every table has an identity bigint or a uuid primary key, 0-2 foreign keys to earlier tables
// (ON DELETE CASCADE / SET NULL / RESTRICT / NO ACTION, each with its index), a varchar name, an
// enum status column, created_at/updated_at timestamptz columns with now() defaults and a random
// subset of text, varchar(320), character(8), numeric(12,2), integer, double precision, smallint,
// boolean, jsonb, text[], integer[], uuid, bytea, date and bigint columns (defaults where natural).
// Indexes: unique constraints, unique and expression indexes, a composite (status, created_at
// DESC) index, partial indexes and GIN indexes; checks on amounts, quantities and names; a table
// comment and a few column comments. Four enum types; a view over every tenth table and a join
// view over every twentieth one. About 11 columns, 4 indexes and 1.3 foreign keys per table.
//
// MutateRealm derives a realistic "next version" of a generated realm: added columns, changed
// types, added and dropped indexes, dropped columns, changed comments, dropped tables (with the
// foreign keys and views that referenced them), added tables and an added enum value.
//
// Deterministic (no RNG state: choices hash the table number). Header-only; pure functions.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/schema/realm.hpp"

namespace atlas::bench {

namespace gen_detail {

namespace schema = ::atlas::engine::schema;

inline uint64_t Mix(uint64_t x) {  // splitmix64 finalizer
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

// A deterministic choice in [0, n) for table `i` and decision `salt`.
inline uint64_t Pick(int i, uint64_t salt, uint64_t n) {
  return Mix((static_cast<uint64_t>(i) << 8U) ^ salt) % n;
}
// True with probability percent/100.
inline bool Chance(int i, uint64_t salt, uint64_t percent) {
  return Pick(i, salt, 100) < percent;
}

struct EnumDef {
  const char* type;
  const char* column;
  std::vector<std::string> values;
};

inline const std::vector<EnumDef>& Enums() {
  static const std::vector<EnumDef> kEnums = {
      {"order_status", "status", {"pending", "active", "suspended", "closed"}},
      {"priority_level", "priority", {"low", "medium", "high", "critical"}},
      {"region_code", "region", {"emea", "amer", "apac"}},
      {"channel_kind", "channel", {"web", "mobile", "api", "partner", "batch"}},
  };
  return kEnums;
}

inline const std::vector<const char*>& Words() {
  static const std::vector<const char*> kWords = {
      "accounts",  "orders",     "invoices", "products", "shipments",  "payments",
      "customers", "sessions",   "events",   "tickets",  "warehouses", "suppliers",
      "contracts", "employees",  "projects", "tasks",    "documents",  "subscriptions",
      "refunds",   "categories", "reviews",  "carts",    "coupons",    "addresses"};
  return kWords;
}

inline std::string TableName(int i) {
  const auto& w = Words();
  return fmt::format("{}_{:04d}", w[static_cast<size_t>(i) % w.size()], i);
}

inline bool UuidKey(int i) {
  return Pick(i, 1, 5) == 0;
}

inline schema::Column Col(std::string name, std::string raw, std::string normalized, bool nullable,
                          std::optional<schema::Expr> def = std::nullopt) {
  schema::Column c;
  c.name = std::move(name);
  c.type.raw = std::move(raw);
  c.type.normalized = std::move(normalized);
  c.type.array_dims = c.type.normalized.ends_with("[]") ? 1 : 0;
  c.nullable = nullable;
  c.default_value = std::move(def);
  return c;
}
inline schema::Expr Lit(std::string text) {
  return schema::Expr{schema::Expr::Kind::kLiteral, std::move(text)};
}
inline schema::Expr Raw(std::string text) {
  return schema::Expr{schema::Expr::Kind::kRaw, std::move(text)};
}
inline schema::IndexPart Part(std::string column, bool desc = false) {
  schema::IndexPart p;
  p.column = std::move(column);
  p.desc = desc;
  return p;
}
inline schema::Index Idx(std::string name, std::vector<schema::IndexPart> parts,
                         bool unique = false, std::string where = {}, std::string type = {}) {
  schema::Index x;
  x.name = std::move(name);
  x.parts = std::move(parts);
  x.unique = unique;
  x.where = std::move(where);
  x.type = std::move(type);
  return x;
}

inline schema::Column EnumCol(const EnumDef& e) {
  schema::Column c = Col(e.column, e.type, e.type, false, Lit(fmt::format("'{}'", e.values[0])));
  c.type.enum_ref = e.type;
  c.type.enum_schema = "public";
  return c;
}

inline schema::Column VarcharCol(std::string name, int length, bool nullable) {
  return Col(std::move(name), fmt::format("varchar({})", length),
             fmt::format("character varying({})", length), nullable);
}

// Table number `i`; its foreign keys reference tables with smaller numbers.
inline schema::Table MakeTable(int i) {
  schema::Table t;
  t.name = TableName(i);
  const std::string& n = t.name;
  const auto has = [&](uint64_t salt, uint64_t percent) { return Chance(i, salt, percent); };

  if (UuidKey(i)) {
    t.columns.push_back(Col("id", "uuid", "uuid", false, Raw("gen_random_uuid()")));
  } else {
    schema::Column id = Col("id", "bigint", "bigint", false);
    id.identity = schema::Identity{};
    t.columns.push_back(id);
  }
  schema::PrimaryKey pk;
  pk.name = n + "_pkey";
  pk.parts.push_back(Part("id"));
  t.primary_key = pk;

  // Foreign keys to earlier tables (mostly recent ones, sometimes any).
  std::vector<int> refs;
  if (i > 0) {
    refs.push_back(i - 1 - static_cast<int>(Pick(i, 3, static_cast<uint64_t>(std::min(i, 50)))));
  }
  if (i > 5 && Pick(i, 4, 3) == 0) {
    const int r = static_cast<int>(Pick(i, 5, static_cast<uint64_t>(i)));
    if (r != refs.front()) {
      refs.push_back(r);
    }
  }
  static constexpr schema::ReferenceOption kActions[] = {
      schema::ReferenceOption::kCascade, schema::ReferenceOption::kSetNull,
      schema::ReferenceOption::kRestrict, schema::ReferenceOption::kNoAction};
  for (size_t k = 0; k < refs.size(); ++k) {
    const int r = refs[k];
    const std::string rt = TableName(r);
    const std::string col = rt + "_id";
    const auto action = kActions[Pick(i, 6 + k, 4)];
    const bool nullable = action == schema::ReferenceOption::kSetNull || Chance(i, 8 + k, 30);
    t.columns.push_back(UuidKey(r) ? Col(col, "uuid", "uuid", nullable)
                                   : Col(col, "bigint", "bigint", nullable));
    schema::ForeignKey fk;
    fk.name = fmt::format("{}_{}_fkey", n, col);
    fk.columns = {col};
    fk.ref_table = rt;
    fk.ref_columns = {"id"};
    fk.on_delete = action;
    t.foreign_keys.push_back(fk);
    t.indexes.push_back(Idx(fmt::format("{}_{}_idx", n, col), {Part(col)}));
  }

  static constexpr int kLengths[] = {64, 120, 255};
  schema::Column name_col = VarcharCol("name", kLengths[Pick(i, 10, 3)], false);
  name_col.comment = "Display name";
  t.columns.push_back(name_col);
  if (has(11, 30)) {
    t.checks.push_back({n + "_name_check", "(char_length((name)::text) > 0)", false});
  }
  if (has(12, 60)) {
    t.columns.push_back(Col("description", "text", "text", true));
  }
  if (has(13, 30)) {
    t.columns.push_back(VarcharCol("email", 320, true));
    schema::Index key = Idx(n + "_email_key", {Part("email")}, true);
    key.constraint = true;
    t.indexes.push_back(key);
    if (has(14, 50)) {
      schema::IndexPart lower;
      lower.expr = "lower((email)::text)";
      t.indexes.push_back(Idx(n + "_email_lower_idx", {lower}, true));
    }
  }
  if (has(15, 20)) {
    t.columns.push_back(Col("code", "char(8)", "character(8)", false));
    t.indexes.push_back(Idx(n + "_code_idx", {Part("code")}, true));
  }
  const EnumDef& e = Enums()[Pick(i, 16, Enums().size())];
  schema::Column status = EnumCol(e);
  if (has(17, 40)) {
    status.comment =
        fmt::format("Lifecycle of the {} row", Words()[static_cast<size_t>(i) % Words().size()]);
  }
  t.columns.push_back(status);
  if (has(18, 50)) {
    t.columns.push_back(Col("amount", "numeric(12,2)", "numeric(12,2)", false, Lit("0")));
    t.checks.push_back({n + "_amount_check", "(amount >= (0)::numeric)", false});
  }
  if (has(19, 40)) {
    t.columns.push_back(Col("quantity", "integer", "integer", false, Lit("0")));
    t.checks.push_back({n + "_quantity_check", "(quantity >= 0)", false});
  }
  if (has(20, 20)) {
    t.columns.push_back(Col("ratio", "double precision", "double precision", true));
  }
  if (has(21, 15)) {
    t.columns.push_back(Col("rank", "smallint", "smallint", true));
  }
  const bool active = has(22, 50);
  if (active) {
    t.columns.push_back(Col("is_active", "boolean", "boolean", false, Lit("true")));
  }
  if (has(23, 40)) {
    t.columns.push_back(Col("metadata", "jsonb", "jsonb", false, Lit("'{}'")));
    if (has(24, 50)) {
      t.indexes.push_back(Idx(n + "_metadata_idx", {Part("metadata")}, false, {}, "GIN"));
    }
  }
  if (has(25, 30)) {
    t.columns.push_back(Col("tags", "text[]", "text[]", true));
    if (has(26, 40)) {
      t.indexes.push_back(Idx(n + "_tags_idx", {Part("tags")}, false, {}, "GIN"));
    }
  }
  if (has(27, 25)) {
    t.columns.push_back(Col("external_id", "uuid", "uuid", true));
  }
  if (has(28, 10)) {
    t.columns.push_back(Col("scores", "integer[]", "integer[]", true));
  }
  if (has(29, 10)) {
    t.columns.push_back(Col("payload", "bytea", "bytea", true));
  }
  if (has(30, 15)) {
    t.columns.push_back(Col("valid_from", "date", "date", true, Raw("CURRENT_DATE")));
  }
  if (has(31, 30)) {
    t.columns.push_back(Col("version", "bigint", "bigint", false, Lit("1")));
  }
  t.columns.push_back(Col("created_at", "timestamptz", "timestamptz", false, Raw("now()")));
  t.columns.push_back(Col("updated_at", "timestamptz", "timestamptz", false, Raw("now()")));
  t.indexes.push_back(
      Idx(n + "_" + e.column + "_created_idx", {Part(e.column), Part("created_at", true)}));
  if (has(32, 40)) {
    t.columns.push_back(Col("deleted_at", "timestamptz", "timestamptz", true));
    t.indexes.push_back(Idx(n + "_live_idx", {Part("created_at")}, false, "(deleted_at IS NULL)"));
    t.checks.push_back({n + "_deleted_check", "(deleted_at >= created_at)", false});
  } else if (active) {
    t.indexes.push_back(Idx(n + "_active_idx", {Part("updated_at")}, false, "is_active"));
  }
  t.comment =
      fmt::format("{} (generated table {})", Words()[static_cast<size_t>(i) % Words().size()], i);
  // The inspector returns children sorted by name.
  const auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::sort(t.indexes.begin(), t.indexes.end(), by_name);
  std::sort(t.foreign_keys.begin(), t.foreign_keys.end(), by_name);
  std::sort(t.checks.begin(), t.checks.end(), by_name);
  return t;
}

inline schema::Column ViewColumn(const schema::Column& c) {
  schema::Column v = c;
  v.nullable = true;
  v.default_value.reset();
  v.identity.reset();
  v.comment.clear();
  return v;
}

// A view over table `t` (every tenth table), in pg_get_viewdef's spelling (the inspector clears
// search_path, so relations come back schema-qualified).
inline schema::View SimpleView(const schema::Table& t) {
  schema::View v;
  v.name = t.name + "_v";
  std::vector<std::string> select;
  for (const char* c : {"id", "name", "created_at"}) {
    select.push_back(fmt::format("{}.{}", t.name, c));
    v.columns.push_back(ViewColumn(*t.FindColumn(c)));
  }
  v.definition = fmt::format("SELECT {} FROM public.{}", fmt::join(select, ", "), t.name);
  if (t.FindColumn("deleted_at") != nullptr) {
    v.definition += fmt::format(" WHERE ({}.deleted_at IS NULL)", t.name);
  }
  v.depends_on = {"public." + t.name};
  v.comment = "Current rows of " + t.name;
  return v;
}

// A join view of table `t` with the table its first foreign key references.
inline schema::View JoinView(const schema::Table& t, const schema::Table& parent) {
  const schema::ForeignKey& fk = t.foreign_keys.front();
  schema::View v;
  v.name = t.name + "_with_parent";
  v.definition = fmt::format(
      "SELECT c.id, c.name, c.created_at, p.name AS parent_name FROM (public.{0} c JOIN public.{1} "
      "p ON ((p.id = "
      "c.{2})))",
      t.name, parent.name, fk.columns.front());
  for (const char* c : {"id", "name", "created_at"}) {
    v.columns.push_back(ViewColumn(*t.FindColumn(c)));
  }
  schema::Column pn = ViewColumn(*parent.FindColumn("name"));
  pn.name = "parent_name";
  v.columns.push_back(pn);
  v.depends_on = {"public." + t.name, "public." + parent.name};
  std::sort(v.depends_on.begin(), v.depends_on.end());
  return v;
}

}  // namespace gen_detail

// The realm of `tables` generated tables, as PostgreSQL inspection returns it.
inline engine::schema::Realm GenerateRealm(int tables) {
  namespace d = gen_detail;
  engine::schema::Schema s;
  s.name = "public";
  s.comment = "standard public schema";
  for (const auto& e : d::Enums()) {
    s.enums.push_back({e.type, e.values, ""});
  }
  s.tables.reserve(static_cast<size_t>(tables));
  for (int i = 0; i < tables; ++i) {
    s.tables.push_back(d::MakeTable(i));
  }
  for (int i = 0; i < tables; ++i) {
    const auto& t = s.tables[static_cast<size_t>(i)];
    if (i % 10 == 9) {
      s.views.push_back(d::SimpleView(t));
    }
    if (i % 20 == 14 && !t.foreign_keys.empty()) {
      s.views.push_back(d::JoinView(t, *s.FindTable(t.foreign_keys.front().ref_table)));
    }
  }
  const auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::sort(s.tables.begin(), s.tables.end(), by_name);
  std::sort(s.views.begin(), s.views.end(), by_name);
  std::sort(s.enums.begin(), s.enums.end(), by_name);
  engine::schema::Realm realm;
  realm.schemas.push_back(std::move(s));
  return realm;
}

// The SQL script that creates `realm` (a GenerateRealm result) in an empty database, written the
// way a person would (varchar(n), timestamptz, inline foreign keys where the referenced table
// exists).
inline std::string RealmToSql(const engine::schema::Realm& realm) {
  namespace schema = engine::schema;
  std::string sql;
  const schema::Schema& s = realm.schemas.front();
  for (const auto& e : s.enums) {
    std::vector<std::string> quoted;
    for (const auto& v : e.values) {
      quoted.push_back("'" + v + "'");
    }
    sql += fmt::format("CREATE TYPE {} AS ENUM ({});\n", e.name, fmt::join(quoted, ", "));
  }
  // Create tables in generation order (referenced tables first); names end in the number.
  std::vector<const schema::Table*> order;
  for (const auto& t : s.tables) {
    order.push_back(&t);
  }
  const auto number = [](const std::string& n) { return std::stoi(n.substr(n.rfind('_') + 1)); };
  std::sort(order.begin(), order.end(), [&](const schema::Table* a, const schema::Table* b) {
    return number(a->name) < number(b->name);
  });
  std::set<std::string> created;
  std::string deferred;
  const auto parts = [](const std::vector<schema::IndexPart>& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) {
      out.push_back((p.column.empty() ? "(" + p.expr + ")" : p.column) + (p.desc ? " DESC" : ""));
    }
    return fmt::format("{}", fmt::join(out, ", "));
  };
  for (const schema::Table* t : order) {
    std::vector<std::string> defs;
    for (const auto& c : t->columns) {
      std::string d = c.name + " " + c.type.raw;
      if (c.identity) {
        d += " GENERATED BY DEFAULT AS IDENTITY";
      }
      if (!c.nullable) {
        d += " NOT NULL";
      }
      if (c.default_value) {
        d += " DEFAULT " + c.default_value->text;
      }
      defs.push_back(d);
    }
    if (t->primary_key) {
      defs.push_back(fmt::format("CONSTRAINT {} PRIMARY KEY ({})", t->primary_key->name,
                                 parts(t->primary_key->parts)));
    }
    for (const auto& x : t->indexes) {
      if (x.constraint) {
        defs.push_back(fmt::format("CONSTRAINT {} UNIQUE ({})", x.name, parts(x.parts)));
      }
    }
    for (const auto& c : t->checks) {
      defs.push_back(fmt::format("CONSTRAINT {} CHECK {}", c.name, c.expr));
    }
    for (const auto& fk : t->foreign_keys) {
      const std::string clause =
          fmt::format("CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}){}", fk.name,
                      fmt::join(fk.columns, ", "), fk.ref_table, fmt::join(fk.ref_columns, ", "),
                      fk.on_delete == schema::ReferenceOption::kNoAction
                          ? std::string()
                          : std::string(" ON DELETE ") + schema::ReferenceOptionSql(fk.on_delete));
      if (created.count(fk.ref_table) != 0 || fk.ref_table == t->name) {
        defs.push_back(clause);
      } else {
        deferred += fmt::format("ALTER TABLE {} ADD {};\n", t->name, clause);
      }
    }
    sql += fmt::format("CREATE TABLE {} (\n  {}\n);\n", t->name, fmt::join(defs, ",\n  "));
    created.insert(t->name);
    for (const auto& x : t->indexes) {
      if (x.constraint) {
        continue;
      }
      sql += fmt::format("CREATE {}INDEX {} ON {}{} ({}){};\n", x.unique ? "UNIQUE " : "", x.name,
                         t->name, x.type.empty() ? "" : " USING " + x.type, parts(x.parts),
                         x.where.empty() ? "" : " WHERE " + x.where);
    }
    if (!t->comment.empty()) {
      sql += fmt::format("COMMENT ON TABLE {} IS '{}';\n", t->name, t->comment);
    }
    for (const auto& c : t->columns) {
      if (!c.comment.empty()) {
        sql += fmt::format("COMMENT ON COLUMN {}.{} IS '{}';\n", t->name, c.name, c.comment);
      }
    }
  }
  sql += deferred;
  for (const auto& v : s.views) {
    sql += fmt::format("CREATE VIEW {} AS {};\n", v.name, v.definition);
    if (!v.comment.empty()) {
      sql += fmt::format("COMMENT ON VIEW {} IS '{}';\n", v.name, v.comment);
    }
  }
  return sql;
}

// What MutateRealm changed.
struct MutationSummary {
  int added_columns = 0;
  int dropped_columns = 0;
  int changed_types = 0;
  int added_indexes = 0;
  int dropped_indexes = 0;
  int changed_comments = 0;
  int dropped_tables = 0;
  int added_tables = 0;
  int dropped_foreign_keys = 0;
  int dropped_views = 0;
  int added_enum_values = 0;
};

// A realistic next version of `base` (a GenerateRealm(n) result): per table k (in generation
// order) every 10th gains a nullable column, every 40th a NOT NULL column with a default, every
// 25th has its varchar name widened, every 30th an integer column turned bigint, every 20th a new
// index, every 45th loses an index, every 35th loses its description column, every 60th a new
// comment; every 50th table is dropped (with the foreign keys and views that referenced it); n/100
// new tables are added; one enum gains a value.
inline engine::schema::Realm MutateRealm(const engine::schema::Realm& base, MutationSummary& m) {
  namespace schema = engine::schema;
  namespace d = gen_detail;
  schema::Realm out = base;
  schema::Schema& s = out.schemas.front();
  const auto number = [](const std::string& n) { return std::stoi(n.substr(n.rfind('_') + 1)); };
  std::set<std::string> dropped;
  int max_number = -1;
  for (auto& t : s.tables) {
    const int k = number(t.name);
    max_number = std::max(max_number, k);
    if (k % 50 == 49) {
      dropped.insert(t.name);
      continue;
    }
    if (k % 10 == 3) {
      t.columns.push_back(d::Col("notes", "text", "text", true));
      ++m.added_columns;
    }
    if (k % 40 == 7) {
      t.columns.push_back(d::Col("archived", "boolean", "boolean", false, d::Lit("false")));
      ++m.added_columns;
    }
    if (k % 25 == 5) {
      for (auto& c : t.columns) {
        if (c.name == "name") {
          c.type = d::VarcharCol("name", 512, false).type;
          ++m.changed_types;
        }
      }
    }
    if (k % 30 == 11) {
      for (auto& c : t.columns) {
        if (c.type.normalized == "integer" && c.name == "quantity") {
          c.type.raw = c.type.normalized = "bigint";
          ++m.changed_types;
        }
      }
    }
    if (k % 20 == 13) {
      t.indexes.push_back(d::Idx(t.name + "_updated_idx", {d::Part("updated_at", true)}));
      ++m.added_indexes;
    }
    if (k % 45 == 17) {
      const auto before = t.indexes.size();
      t.indexes.erase(
          std::remove_if(t.indexes.begin(), t.indexes.end(),
                         [](const schema::Index& x) { return x.name.ends_with("_created_idx"); }),
          t.indexes.end());
      m.dropped_indexes += static_cast<int>(before - t.indexes.size());
    }
    if (k % 35 == 21) {
      const auto before = t.columns.size();
      t.columns.erase(
          std::remove_if(t.columns.begin(), t.columns.end(),
                         [](const schema::Column& c) { return c.name == "description"; }),
          t.columns.end());
      m.dropped_columns += static_cast<int>(before - t.columns.size());
    }
    if (k % 60 == 29) {
      t.comment += " (revised)";
      ++m.changed_comments;
    }
  }
  const int added = std::max(1, static_cast<int>(s.tables.size()) / 100);
  for (int j = 1; j <= added; ++j) {
    s.tables.push_back(d::MakeTable(max_number + j));
    ++m.added_tables;
  }
  s.tables.erase(std::remove_if(s.tables.begin(), s.tables.end(),
                                [&](const schema::Table& t) { return dropped.count(t.name) != 0; }),
                 s.tables.end());
  m.dropped_tables = static_cast<int>(dropped.size());
  // Foreign keys to dropped tables go (their columns and indexes stay).
  for (auto& t : s.tables) {
    const auto before = t.foreign_keys.size();
    t.foreign_keys.erase(std::remove_if(t.foreign_keys.begin(), t.foreign_keys.end(),
                                        [&](const schema::ForeignKey& fk) {
                                          return dropped.count(fk.ref_table) != 0;
                                        }),
                         t.foreign_keys.end());
    m.dropped_foreign_keys += static_cast<int>(before - t.foreign_keys.size());
  }
  const auto before_views = s.views.size();
  s.views.erase(std::remove_if(s.views.begin(), s.views.end(),
                               [&](const schema::View& v) {
                                 return std::any_of(v.depends_on.begin(), v.depends_on.end(),
                                                    [&](const std::string& q) {
                                                      return dropped.count(q.substr(7)) != 0;
                                                    });
                               }),
                s.views.end());
  m.dropped_views = static_cast<int>(before_views - s.views.size());
  for (auto& e : s.enums) {
    if (e.name == "order_status") {
      e.values.emplace_back("archived");
      ++m.added_enum_values;
    }
  }
  return out;
}

}  // namespace atlas::bench
