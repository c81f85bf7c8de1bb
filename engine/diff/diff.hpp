#pragma once
// The generic differ: current realm + desired realm -> the schema::Change list that moves current
// to desired. Dialect questions go through drivers::DiffHooks. Objects are matched through name
// indexes built once per call (O(n log n) overall). Output order is deterministic:
//   1. extensions added/modified                     (realm objects)
//   2. per current schema, in current order: DropSchema | ModifySchema, then DropEnum/Sequence ...
//      Add/ModifyEnum, Add/ModifySequence, DropTable | ModifyTable (current order), RenameTable (+
//      its ModifyTable), AddTable (desired order), Drop/Modify/AddView, Drop/Modify/AddTrigger
//   3. added schemas in desired order, each followed by its objects (AddEnum, AddSequence,
//   AddTable,
//      AddView, AddTrigger)
//   4. extensions dropped
// Inside a ModifyTable: ModifyTableAttr, columns (Drop, Rename, Modify in current order; Add in
// desired order), primary key, indexes (Drop/Modify in current order, Add in desired order),
// foreign keys, checks, exclusion constraints (Drop/Modify in current order, Add in desired order).
// Pure function; thread-safe.

#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/drivers/driver.hpp"
#include "engine/schema/change.hpp"
#include "engine/schema/realm.hpp"

namespace atlas::engine::diff {

// Atlas's `diff { skip { ... } }`: change kinds to leave out of the result. The index flags also
// cover PostgreSQL exclusion constraints (indexes to Atlas).
struct SkipPolicy {
  bool add_schema = false;
  bool drop_schema = false;
  bool modify_schema = false;
  bool add_table = false;
  bool drop_table = false;
  bool modify_table = false;  // the whole ModifyTable (and a renamed table's modifications)
  bool add_column = false;
  bool drop_column = false;
  bool modify_column = false;
  bool add_index = false;
  bool drop_index = false;
  bool modify_index = false;
  bool add_foreign_key = false;
  bool drop_foreign_key = false;
  bool modify_foreign_key = false;
};

// An explicit rename: the differ emits RenameTable / RenameColumn instead of a drop + add.
struct RenameHint {
  enum class Kind { kTable, kColumn };
  Kind kind = Kind::kTable;
  std::string schema;  // empty = any schema (schema-bound connections)
  std::string table;   // kColumn: the table holding the column (its desired or current name)
  std::string from;    // current name
  std::string to;      // desired name
};

struct DiffOptions {
  // Atlas exclude globs, applied to both realms before comparing (drivers/exclude.hpp).
  std::vector<std::string> exclude;
  // Schema-bound connections: the bound schema; exclude patterns are qualified with it.
  std::string bound_schema;
  SkipPolicy skip;
  std::vector<RenameHint> renames;
};

// A hint applies when its `from` exists only in current and its `to` exists only in desired; other
// hints are ignored. Malformed hints (empty names) are errors.
base::Result<std::vector<schema::Change>> Diff(const schema::Realm& current,
                                               const schema::Realm& desired,
                                               const DiffOptions& options,
                                               const drivers::DiffHooks& hooks);

}  // namespace atlas::engine::diff
