#pragma once
// schema::Realm -> Atlas-style normalized HCL, shaped like `atlas schema inspect` output
// (ariga/atlas schemahcl + sqlspec marshaling): deterministic, byte-identical for equal models
// whatever the declaration order.
//   - top-level blocks grouped by kind: tables, views, materialized views, enums, triggers, then
//   schemas;
//     schemas by name; objects of one kind by schema then name; no blank lines between blocks;
//   - table: schema, comment (charset, collate, engine, auto_increment), columns in declaration
//   order,
//     primary_key, foreign keys, indexes, checks (each by name), without_rowid, strict;
//   - column: null (always), type, default, unsigned, comment, charset, collate, on_update,
//   auto_increment,
//     identity and as blocks;
//   - index: unique, columns (when every part is a plain column), comment, where, type, include,
//     nulls_distinct, else on { desc, column | expr, ... } blocks;
//   - references `schema.main`, `column.id`, `table.users.column.id`; a table name used in several
//   schemas
//     is qualified (`table "public" "users"`, `table.public.users.column.id`).
// Pure functions; thread-safe.

#include <string>

#include "engine/hcl/writer.hpp"
#include "engine/schema/realm.hpp"
#include "engine/spec/dialect.hpp"

namespace atlas::engine::spec {

// The output tree (for callers that want to add or reorder blocks before writing).
hcl::OutBody PrintBody(const schema::Realm& realm, const Dialect& dialect);

// The normalized HCL text; ends with a newline unless the realm is empty.
std::string Print(const schema::Realm& realm, const Dialect& dialect);

}  // namespace atlas::engine::spec
