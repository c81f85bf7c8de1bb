#pragma once
// PostgreSQL planner: schema::Change values -> plan::Statement list, with Atlas's comments
// (`Add new schema named "x"`, `Create "t" table`, `Modify "t" table`, `Create index "i" to table:
// "t"`, `Drop index "i" from table: "t"`, `Add value to enum type: "e"`, `Set comment to table:
// "t"` ...), every identifier quoted through sql::Builder, and reverse statements where they are
// known.
//
// Order: schemas, extensions and schema comments first; views that must go (dropped, modified, or
// reading a table whose columns change type or disappear) are dropped next, dependents first; then
// enums and sequences; then table changes in foreign-key dependency order (a referenced table is
// created before the table referencing it, whose foreign keys are then inline; cycles are detached
// into ALTER TABLE ... ADD CONSTRAINT after all tables); then views (re)created in dependency
// order; last the drops: tables (referencing tables first, cyclic foreign keys dropped before),
// sequences, enums, schemas, extensions. One ALTER TABLE carries all clauses of a table; renames
// run before it and index creation after it. CREATE/DROP INDEX CONCURRENTLY (PlanOptions) yields
// statements with transactional = false. ALTER COLUMN ... TYPE gets a USING cast only when
// PostgreSQL has no assignment cast between the two type families.
//
// Pure (no I/O). Thread-safe: the planner is immutable.

#include <string>

#include "engine/drivers/driver.hpp"

namespace atlas::engine::drivers::postgres {

class PostgresPlanner final : public drivers::Planner {
 public:
  // `bound_schema`: the schema of a schema-bound connection ("" = realm-bound). It selects the
  // default qualifier: statements on a schema-bound connection are not schema-qualified.
  explicit PostgresPlanner(std::string bound_schema = {})
      : bound_schema_(std::move(bound_schema)) {}

  base::Result<plan::Plan> PlanChanges(const std::vector<schema::Change>& changes,
                                       const drivers::PlanOptions& options) const override;

 private:
  std::string bound_schema_;
};

}  // namespace atlas::engine::drivers::postgres
