#pragma once
// SQLite planner: schema changes -> statements with Atlas's comments (sql/sqlite/migrate.go).
// - ALTER TABLE where SQLite allows it: ADD COLUMN (no AUTOINCREMENT, no STORED generated column, a
// constant
//   default, NOT NULL only with a default), RENAME COLUMN, DROP COLUMN (not in the primary key, an
//   index that stays, a CHECK, a foreign key, a generated column, or a view/trigger of
//   PlanOptions::current), index create/drop. Otherwise the documented table rebuild: create
//   "new_<t>", copy the rows (IFNULL for columns becoming NOT NULL with a default), drop "<t>",
//   rename "new_<t>" to "<t>", recreate its indexes and the triggers that stay; when views or other
//   triggers of PlanOptions::current refer to the table, the rename runs under PRAGMA
//   legacy_alter_table so SQLite does not reject them while the table is missing.
// - Plans that drop or rebuild a table are bracketed by `PRAGMA foreign_keys = off` / `= on`
// (Atlas). These two
//   statements have transactional == false: the executor runs them outside the transaction (the
//   pragma is a no-op inside one) and runs PRAGMA foreign_key_check before committing.
// - Order: trigger and view drops first, then tables in change order, then view and trigger
// creations.
// - AddTable creates the table and its indexes, not its triggers (the differ emits AddTrigger for
// those);
//   DropTable drops its indexes and triggers implicitly.
// - Views and triggers (not planned by Atlas's open-source SQLite driver) use `Create "v" view`,
//   `Drop "v" view`, `Create trigger "t"`, `Drop trigger "t"`.
// Identifiers are quoted with '"' (STYLE.md §6; Atlas uses backticks). Stateless and pure;
// thread-safe.

#include "engine/drivers/driver.hpp"

namespace atlas::engine::drivers::sqlite {

class Planner final : public drivers::Planner {
 public:
  base::Result<plan::Plan> PlanChanges(const std::vector<schema::Change>& changes,
                                       const PlanOptions& options) const override;
};

}  // namespace atlas::engine::drivers::sqlite
