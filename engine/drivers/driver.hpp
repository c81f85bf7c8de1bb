#pragma once
// Capability interfaces a database driver composes (Atlas's migrate.Driver split into parts):
//   Inspector    database -> schema::Realm (set-based catalog queries, exclude globs applied)
//   DiffHooks    dialect answers for the generic differ (engine/diff): column/index/fk change
//   detection,
//                type, default and expression equality, index matching keys
//   Planner      pure: std::vector<schema::Change> + PlanOptions -> plan::Plan (Atlas's comments)
//   Executor     runs a plan per TxMode, or an SQL script split into statements
//   DevDatabase  checks/resets the dev database that normalizes desired states
// A Driver owns one connection and hands out these parts; PostgreSQL and MySQL implement the same
// set.
//
// Thread-safety: a Driver and the Inspector/Executor/DevDatabase it returns share one connection
// and must be used from one thread at a time. DiffHooks and Planner are stateless and safe for
// concurrent use.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/lint/registry.hpp"
#include "engine/plan/plan.hpp"
#include "engine/schema/change.hpp"
#include "engine/schema/realm.hpp"
#include "engine/sql/dialect.hpp"
#include "engine/url/url.hpp"

namespace atlas::engine::drivers {

// ------------------------------------------------------------------------------------------------
// Inspection

struct InspectOptions {
  // Realm-bound connections: inspect only these schemas (empty = all user schemas). Schema-bound
  // connections always inspect their bound schema.
  std::vector<std::string> schemas;
  // Atlas exclude globs (see exclude.hpp); schema-bound connections qualify them with the bound
  // schema.
  std::vector<std::string> exclude;
};

class Inspector {
 public:
  virtual ~Inspector() = default;
  // The realm as the database holds it; a schema-bound connection yields exactly one schema (its
  // bound one). Tables, views and their children are sorted by name; columns keep their ordinal
  // order.
  virtual base::Result<schema::Realm> InspectRealm(const InspectOptions& options) = 0;
};

// ------------------------------------------------------------------------------------------------
// Diff hooks. Defaults implement a strict, dialect-neutral comparison; drivers override what their
// catalog normalizes differently. All methods are pure.

class DiffHooks {
 public:
  virtual ~DiffHooks() = default;

  // schema::ChangeKind bits that differ between two same-named columns (kNoChange = equal).
  // Default: type (TypeEqual), null, default (DefaultEqual), auto_increment, identity, generated
  // (ExprEqual), collation, charset, comment, on_update.
  virtual uint32_t ColumnChange(const schema::Table& from_table, const schema::Column& from,
                                const schema::Column& to) const;
  // Default: normalized spellings equal (ColumnType::normalized, falling back to lower-cased raw),
  // plus enum values/ref, unsigned, zerofill and array dims.
  virtual bool TypeEqual(const schema::ColumnType& from, const schema::ColumnType& to) const;
  // Default: both absent, or same kind and ExprEqual texts; literals also compare unquoted ('1' ==
  // 1).
  virtual bool DefaultEqual(const std::optional<schema::Expr>& from,
                            const std::optional<schema::Expr>& to) const;
  // SQL expression equality (checks, partial-index predicates, index expressions, generated
  // columns, view definitions). Default: NormalizeExpr texts equal.
  virtual bool ExprEqual(std::string_view from, std::string_view to) const;

  // The key indexes are matched by (current <-> desired). Default: the index name. SQLite maps
  // "sqlite_autoindex_<t>_<n>" to "<t>_<col>_<col>", the name its planner gives such an index.
  virtual std::string IndexKey(const schema::Table& table, const schema::Index& index) const;
  // Bits among kChangeUnique, kChangeParts, kChangeWhere, kChangeIndexType, kChangeInclude,
  // kChangeComment.
  virtual uint32_t IndexChange(const schema::Index& from, const schema::Index& to) const;
  // Bits among kChangeParts (elements: keys and operators), kChangeIndexType, kChangeWhere,
  // kChangeInclude, kChangeDeferrable, kChangeComment between two same-named exclusion constraints.
  virtual uint32_t ExclusionChange(const schema::Exclusion& from,
                                   const schema::Exclusion& to) const;
  // True when the primary keys differ (parts, or names when both are named).
  virtual bool PrimaryKeyChanged(const schema::PrimaryKey& from,
                                 const schema::PrimaryKey& to) const;
  // Bits among kChangeColumns, kChangeRefTable, kChangeRefColumns, kChangeUpdateAction,
  // kChangeDeleteAction, kChangeDeferrable.
  virtual uint32_t ForeignKeyChange(const schema::ForeignKey& from,
                                    const schema::ForeignKey& to) const;
  // kChangeComment | kChangeOptions when table attributes differ. Default compares comment and
  // options.
  virtual uint32_t TableAttrChange(const schema::Table& from, const schema::Table& to) const;
  // kChangeComment / kChangeCharset / kChangeCollation for schema attributes.
  virtual uint32_t SchemaAttrChange(const schema::Schema& from, const schema::Schema& to) const;
  virtual bool ViewEqual(const schema::View& from, const schema::View& to) const;
  virtual bool TriggerEqual(const schema::Trigger& from, const schema::Trigger& to) const;
  virtual bool SequenceEqual(const schema::Sequence& from, const schema::Sequence& to) const;
  virtual bool ExtensionEqual(const schema::Extension& from, const schema::Extension& to) const;
  // kChangeValues / kChangeComment between two same-named enum types.
  virtual uint32_t EnumChange(const schema::EnumType& from, const schema::EnumType& to) const;
};

// Canonical form of an SQL expression for equality: whitespace dropped except between two words,
// bare words lower-cased, string literals verbatim, quoted identifiers unquoted when already
// lower-case ("a" == a, "A" != a), redundant outer parentheses removed: "( A  >  0 )" -> "a>0", "x
// IN ('A')" -> "x in('A')".
std::string NormalizeExpr(std::string_view expr);

// ------------------------------------------------------------------------------------------------
// Planning

struct PlanOptions {
  // Schema qualifier for statements: nullopt = the driver's default (unqualified when schema-bound,
  // the object's schema otherwise); "" = never qualify; "x" = always qualify with "x".
  std::optional<std::string> schema_qualifier;
  // "" = one line per statement (Atlas schema apply); e.g. "  " = multi-line bodies (Atlas migrate
  // files).
  std::string indent;
  // Atlas `diff { concurrent_index { create = true drop = true } }` (PostgreSQL; ignored
  // elsewhere).
  bool concurrent_index_create = false;
  bool concurrent_index_drop = false;
  // Optional context: the state the plan is applied to (the inspected current realm, unfiltered).
  // Planners use it to find objects that depend on a changed one (SQLite: views and triggers
  // referring to a rebuilt table or a dropped column). Null = assume no such dependents.
  const schema::Realm* current = nullptr;
};

class Planner {
 public:
  virtual ~Planner() = default;
  // Statements in an order that respects dependencies; each carries Atlas's comment, its reverse
  // when known and change_index = the index of the change in `changes` that caused it (-1 for
  // bracketing statements).
  virtual base::Result<plan::Plan> PlanChanges(const std::vector<schema::Change>& changes,
                                               const PlanOptions& options) const = 0;
};

// ------------------------------------------------------------------------------------------------
// Execution

struct ExecOptions {
  plan::TxMode tx_mode = plan::TxMode::kFile;
};

class Executor {
 public:
  virtual ~Executor() = default;
  // Runs the plan. kFile and kAll: one transaction around the transactional statements (statements
  // with transactional == false run outside it, before/after); kNone: statement by statement. On
  // failure the error Diagnostic has `statement` = the failing SQL, and its detail says how many
  // statements were applied and whether they were rolled back.
  virtual base::Status ExecutePlan(const plan::Plan& plan, const ExecOptions& options) = 0;
  // Splits `script` with the dialect's splitter (sql/splitter.hpp) and runs its statements in order (whether
  // inside one transaction is the driver's choice; SQLite runs them one by one so scripts may carry their own
  // BEGIN/COMMIT and PRAGMAs). Used to load a desired state from SQL files into the dev database. Errors
  // carry `statement`, the statement's position in `filename`, and how many statements ran before it.
  virtual base::Status ExecuteScript(std::string_view script, std::string_view filename) = 0;
};

// ------------------------------------------------------------------------------------------------
// Dev database

class DevDatabase {
 public:
  virtual ~DevDatabase() = default;
  // Error when the database holds any object (Atlas: `connected database is not clean: found table
  // "t"`).
  virtual base::Status CheckClean() = 0;
  // Removes every object (tables, views, triggers, indexes ...) so a new desired state can be
  // loaded.
  virtual base::Status Reset() = 0;

  // Held while one operation uses the dev database; releases it when destroyed.
  class Lease {
   public:
    virtual ~Lease() = default;
  };
  // Exclusive use of the dev database across processes (PostgreSQL: a session advisory lock),
  // polled until `timeout`. Default: no cross-process lock is needed (null lease).
  virtual base::Result<std::unique_ptr<Lease>> Acquire(std::chrono::milliseconds timeout) {
    (void)timeout;
    return std::unique_ptr<Lease>();
  }
};

// ------------------------------------------------------------------------------------------------
// Versioned migrations (Atlas's migrate.Driver ExecQuerier + Locker + RevisionReadWriter).

// One row of `atlas_schema_revisions` (atlas-compat §4), as Atlas reads and writes it.
struct Revision {
  std::string version;
  std::string description;
  int64_t type = 2;  // bits: 1 baseline, 2 applied (executed), 4 manually resolved
  int64_t applied = 0;
  int64_t total = 0;
  std::string executed_at;     // driver-native text, e.g. "2024-01-02 15:04:05.123+00:00"
  int64_t execution_time = 0;  // nanoseconds
  std::optional<std::string> error;
  std::optional<std::string> error_stmt;
  std::string hash;  // the file's atlas.sum hash without "h1:"
  std::optional<std::vector<std::string>> partial_hashes;  // "h1:<b64>" per applied statement
  std::string operator_version;
};

// Atlas's default schema (PostgreSQL) / database (MySQL) for the revisions table of a realm-bound
// connection.
inline constexpr std::string_view kDefaultRevisionsSchema = "atlas_schema_revisions";

// Where the revisions table lives (Atlas's revisionSchemaName + checkRevisionSchemaClarity):
// `requested` (the revisions_schema flag) when set, else the bound schema, else
// kDefaultRevisionsSchema. A bound schema without a revisions table while kDefaultRevisionsSchema has
// one is the `ambiguous revision table` error. `table_exists(schema)` answers for the driver.
base::Result<std::string> ResolveRevisionsSchema(
    std::string_view requested, std::string_view bound,
    const std::function<base::Result<bool>(std::string_view schema)>& table_exists);

inline constexpr int64_t kRevisionBaseline = 1;
inline constexpr int64_t kRevisionExecuted = 2;
inline constexpr int64_t kRevisionResolved = 4;
// Reserved row holding the target's cloud identity; never a revision.
inline constexpr std::string_view kCloudIdentifierVersion = ".atlas_cloud_identifier";

// A held database-level lock; released by the destructor.
class MigrationLock {
 public:
  MigrationLock() = default;
  virtual ~MigrationLock() = default;
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;
  MigrationLock(MigrationLock&&) = delete;
  MigrationLock& operator=(MigrationLock&&) = delete;
};

class Migrator {
 public:
  virtual ~Migrator() = default;
  // Runs one statement exactly as given (no splitting). Errors carry `statement`.
  virtual base::Status Exec(std::string_view statement) = 0;
  // Runs a query and answers whether its first column of its first row is true (txtar checks).
  virtual base::Result<bool> QueryBool(std::string_view statement) = 0;
  virtual base::Status Begin() = 0;
  virtual base::Status Commit() = 0;
  // Never fails loudly: a failed rollback is reported as a warning-free no-op.
  virtual void Rollback() = 0;
  // Takes the named database-level lock, waiting up to `timeout_ms`. Error text: Atlas's (e.g.
  // `sql/sqlite: lock on "atlas_migrate_execute" already taken`).
  virtual base::Result<std::unique_ptr<MigrationLock>> Lock(std::string_view name, int64_t timeout_ms) = 0;
  // Checks the revisions location (`revisions_schema`, "" = the driver's default).
  virtual base::Status SetRevisionsSchema(std::string_view schema) = 0;
  // Creates the revisions table when missing and adds missing columns.
  virtual base::Status InitRevisions() = 0;
  // Rows ordered by version, without the cloud identifier row; empty when the table is missing.
  virtual base::Result<std::vector<Revision>> ReadRevisions() = 0;
  // Insert or overwrite (by version).
  virtual base::Status WriteRevision(const Revision& revision) = 0;
  virtual base::Status DeleteRevision(std::string_view version) = 0;
  // The current time in the revisions table's executed_at format.
  virtual std::string Now() const = 0;
};

// ------------------------------------------------------------------------------------------------
// Driver

class Driver {
 public:
  Driver() = default;
  virtual ~Driver() = default;
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;
  Driver(Driver&&) = delete;
  Driver& operator=(Driver&&) = delete;

  // "sqlite", "postgres", "mysql".
  virtual std::string_view Name() const = 0;
  virtual const sql::Dialect& dialect() const = 0;
  // The URL the driver was opened with (formats redacted).
  virtual const url::Url& url() const = 0;
  // The schema the connection is bound to; "" when realm-bound. SQLite: "main".
  virtual std::string BoundSchema() const = 0;
  bool SchemaBound() const { return !BoundSchema().empty(); }

  virtual Inspector& inspector() = 0;
  virtual const DiffHooks& diff_hooks() const = 0;
  virtual const Planner& planner() const = 0;
  // The lint analyzers of the dialect (drivers/<name>/lint.cpp), in Atlas's order.
  virtual const lint::Registry& lint_analyzers() const = 0;
  virtual Executor& executor() = 0;
  // Null when the driver cannot serve as a dev database.
  virtual DevDatabase* dev() = 0;
  // Null when the driver does not support versioned migrations yet.
  virtual Migrator* migrator() { return nullptr; }
};

}  // namespace atlas::engine::drivers
