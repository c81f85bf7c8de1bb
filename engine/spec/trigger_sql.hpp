#pragma once
// Conversion between a CREATE TRIGGER statement (what schema::Trigger::body holds, as SQLite stores
// it) and the parts Atlas's HCL `trigger` block spells out (timing, event, table, FOR EACH ROW,
// WHEN, body). Pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas::engine::spec {

struct TriggerParts {
  std::string name;
  std::string timing;  // "BEFORE", "AFTER", "INSTEAD OF" or "" (SQLite default: BEFORE)
  std::string event;   // "INSERT", "DELETE", "UPDATE"
  std::vector<std::string> update_of;  // UPDATE OF columns
  std::string table;
  bool for_each_row = false;
  std::string when;  // condition without the WHEN keyword, empty = none
  std::string body;  // BEGIN ... END
};

// Splits `CREATE [TEMP] TRIGGER [IF NOT EXISTS] [s.]name [BEFORE|AFTER|INSTEAD OF] event ON
// [s.]table [FOR EACH ROW] [WHEN expr] BEGIN ... END`. nullopt when the statement does not have
// that shape.
std::optional<TriggerParts> ParseTriggerStatement(std::string_view sql);

// The statement for `parts` with identifiers quoted by `quote` ('"' or a backtick for MySQL):
// CREATE TRIGGER "name" AFTER UPDATE OF "a", "b" ON "t" FOR EACH ROW WHEN expr BEGIN ... END
std::string BuildTriggerStatement(const TriggerParts& parts, char quote = '"');

}  // namespace atlas::engine::spec
