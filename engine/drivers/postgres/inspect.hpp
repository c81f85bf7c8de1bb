#pragma once
// PostgreSQL inspection: reads schemas, tables (columns, primary keys, unique constraints and
// indexes kept distinct, foreign keys, checks, exclusion constraints, comments), views and
// materialized views, enums, sequences and extensions into the schema model, with a fixed number of
// set-based catalog queries (queries.hpp) whatever the number of objects. Objects the model does
// not manage yet (functions, procedures, triggers, domains, composite types, policies, partitions
// ...) are recorded in Schema::unmanaged so that they are never dropped.
//
// Representation (as Atlas inspects): types normalized by NormalizeType (convert.hpp); a column
// whose default is nextval() of the sequence it owns becomes serial/bigserial/smallserial
// (auto_increment, no default) and that sequence is not listed; identity sequences are not listed;
// DEFAULT literals are split from raw expressions as Atlas does ('a'::text -> 'a'); index access
// method upper case with BTREE left empty; NULLS FIRST/LAST only when not the default for the
// direction; operator classes only when not the default.
//
// Thread-safety: uses the given connection; one inspection per connection at a time.

#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/drivers/postgres/conn.hpp"
#include "engine/schema/realm.hpp"

namespace atlas::engine::drivers::postgres {

struct InspectScope {
  // Schemas to inspect; empty = every user schema (realm scope).
  std::vector<std::string> schemas;
  // Realm scope: the session search_path is cleared while inspecting so that expressions, view
  // definitions and type names referring to any schema come back schema-qualified (Atlas does the
  // same). Schema scope keeps the connection's search_path: references to the bound schema stay
  // unqualified.
  bool clear_search_path = true;
};

// Inspects the database. `server_version` is server_version_num (queries adapt to it).
base::Result<schema::Realm> Inspect(const Conn& conn, int server_version,
                                    const InspectScope& scope);

}  // namespace atlas::engine::drivers::postgres
