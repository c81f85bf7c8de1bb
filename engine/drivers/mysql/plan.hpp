#pragma once
// MySQL/MariaDB planner: schema::Change values -> plan::Statement list with Atlas's MySQL comments
// (`Add new schema named "s"`, `Drop schema named "s"`, `Modify "s" schema`, `Create "t" table`,
// `Drop "t" table`, `Modify "t" table`, `Rename a table from "a" to "b"`, and for views/triggers
// `Create "v" view`, `Drop "v" view`, `Modify "v" view`, `Create trigger "x"`, `Drop trigger "x"`).
// Identifiers are quoted with backticks through sql::Builder.
//
// One ALTER TABLE per table carries every clause (Atlas's MySQL behaviour): DROP FOREIGN KEY,
// DROP CONSTRAINT (checks), DROP INDEX, DROP PRIMARY KEY, DROP COLUMN, RENAME COLUMN, MODIFY
// COLUMN (always the full column definition), ADD COLUMN, ADD PRIMARY KEY, ADD INDEX, ADD
// CONSTRAINT, table options. Exception: a foreign key that changes is dropped by an ALTER TABLE of
// its own first (MySQL refuses to drop and re-add one symbol in one statement). A table charset or
// collation change is CONVERT TO CHARACTER SET (columns follow the new default; columns with their
// own charset are re-stated after it).
//
// Order: schemas added/modified; triggers and views that go or change dropped; tables created in
// foreign-key dependency order (cycles: foreign keys added by ALTER TABLE after the creates);
// tables renamed and modified; tables dropped (referencing ones first, cyclic foreign keys
// detached before); views (re)created; triggers created; schemas dropped.
//
// MySQL DDL commits implicitly, so plans are not transactional (Plan::transactional = false).
// Pure (no I/O). Thread-safe: the planner is immutable.

#include <string>

#include "engine/drivers/driver.hpp"
#include "engine/sql/dialect.hpp"

namespace atlas::engine::drivers::mysql {

class MysqlPlanner final : public drivers::Planner {
 public:
  explicit MysqlPlanner(std::string bound_schema = {}, sql::Dialect dialect = sql::Dialect::Mysql())
      : bound_schema_(std::move(bound_schema)), dialect_(dialect) {}

  base::Result<plan::Plan> PlanChanges(const std::vector<schema::Change>& changes,
                                       const drivers::PlanOptions& options) const override;

 private:
  std::string bound_schema_;
  sql::Dialect dialect_;
};

}  // namespace atlas::engine::drivers::mysql
