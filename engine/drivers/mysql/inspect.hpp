#pragma once
// MySQL/MariaDB inspection: the fixed information_schema queries of queries.hpp (8 round trips,
// whatever the number of tables) assembled into a schema::Realm.
//   - column charset/collation are recorded only when they differ from the table's, table ones
//     always (Atlas's inspect output); ENGINE only when not InnoDB; AUTO_INCREMENT only above 1
//   - MariaDB: COLUMN_DEFAULT literals arrive quoted ('x'), expressions bare (current_timestamp());
//     the string "NULL" is no default; JSON columns are LONGTEXT with a column-level
//     CHECK (json_valid(`c`)) that is folded back into type json; sequences and system-versioned
//     tables are recorded as unmanaged objects (never planned, never dropped)
//   - view definitions lose their `schema`. qualifiers so that equal views in different
//     databases compare equal; triggers are kept as complete CREATE TRIGGER statements
// Thread-compatible (uses the caller's connection).

#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/drivers/mysql/conn.hpp"
#include "engine/schema/realm.hpp"

namespace atlas::engine::drivers::mysql {

struct InspectScope {
  // Schemas to inspect; empty = every non-system schema.
  std::vector<std::string> schemas;
};

base::Result<schema::Realm> Inspect(const Conn& conn, Flavor flavor, const InspectScope& scope);

// A COLUMN_DEFAULT value as the flavour reports it -> model default (nullopt = none).
std::optional<schema::Expr> ParseDefault(Flavor flavor, const std::optional<std::string>& value,
                                         std::string_view extra, const schema::ColumnType& type);

}  // namespace atlas::engine::drivers::mysql
