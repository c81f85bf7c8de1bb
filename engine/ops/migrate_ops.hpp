#pragma once
// Versioned-workflow use cases (`migrate hash|validate|status|apply`, the atlas_migration resource
// and data source): the only engine API the provider and the CLI call for migration directories.
// Requests and responses are plain values.
//
// Thread-safety: MigrateOps is safe to use from several threads at once; each call opens its own
// connection. Concurrent applies to one database are serialized by the database-level lock.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/lint/config.hpp"
#include "engine/ops/schema_ops.hpp"

namespace atlas::engine::ops {

struct MigrateRequest {
  std::string url;  // target database
  // Migration directory: a path or a file:// URL (`?format=atlas` accepted; other formats refused).
  std::string dir;
  std::string revisions_schema;
  std::string baseline;
  std::string exec_order;        // linear (default) | linear-skip | non-linear
  std::string tx_mode = "file";  // file | all | none
  bool allow_dirty = false;
  std::string operator_version = "atlas-native";
  int64_t lock_timeout_ms = 10000;
  // Time budget of an apply (Terraform `timeouts`), 0 = none: the lock wait is cut to it and no
  // file starts after it; a statement already running is not interrupted.
  int64_t timeout_ms = 0;
};

struct MigrateStatus {
  std::string status;                // OK | PENDING
  std::string current;               // version, or "No migration applied yet"
  std::string next;                  // version, or "Already at latest version"
  std::string latest;                // last file version, "" for an empty directory
  std::vector<std::string> pending;  // file names
  size_t applied = 0;                // revision rows
  size_t available = 0;              // files in the directory
  // A partially applied last revision.
  int64_t count = 0;
  int64_t total = 0;
  std::string error;
  std::string sql;
  std::string order_error;  // out-of-order files under exec order linear
};

struct MigrateFile {
  std::string name;
  std::string version;
  std::vector<std::string> checks;
  std::vector<std::string> statements;
  int64_t nanos = 0;
  bool failed = false;
  std::string error;
};

// What an apply ran (or, for a plan, would run).
struct MigrateRun {
  std::string current;  // version before ("" when none)
  std::string target;   // last version to apply ("" when nothing pending)
  std::vector<MigrateFile> files;
  int64_t nanos = 0;
  base::Diagnostics error;  // set when the run failed; files holds what ran before
  bool ok() const { return !error.HasError(); }
  size_t StatementCount() const;
};

// A down migration (`atlas migrate down`, atlas_migration with `version` moved backwards): the
// database is moved from its current state to the state the directory has at the target version,
// computed by replaying the files up to that version on the dev database and diffing; the
// revisions of the reverted versions are then removed.
struct MigrateDownRequest {
  MigrateRequest migrate;  // url, dir, revisions_schema, tx_mode, lock_timeout_ms
  std::string dev_url;     // required
  std::string to_version;  // revert every applied version after it; "" = use `amount`
  size_t amount = 1;       // with to_version "": revert this many of the last applied versions
};

struct MigrateDown {
  std::string current;                // the last applied version before ("" when none)
  std::string target;                 // the last applied version after ("" when none remains)
  std::vector<std::string> reverted;  // versions reverted, newest first
  // The statements, and the checks that refuse to delete data (dropped tables must be empty,
  // dropped columns NULL); the checks run first and nothing runs when one fails.
  SchemaPlan plan;
  bool empty() const { return reverted.empty(); }
};

// `atlas migrate diff`: the next migration file from the directory's state to a desired schema.
struct MigrateDiffRequest {
  std::string dir;
  std::string name;             // file name part after the version ("" = none)
  std::vector<std::string> to;  // desired state: file:// HCL/SQL sources or a database URL
  std::string dev_url;          // required: the directory and the desired state are loaded there
  std::string version;          // file version ("" = now, UTC yyyymmddhhmmss)
  std::vector<std::string> exclude;
};

// What `atlas migrate set` changed in the revisions table.
struct MigrateSetResult {
  struct Op {
    bool set = true;  // true: written (marked applied/fixed), false: removed
    std::string version;
    std::string description;
  };
  std::vector<Op> ops;  // by version
  std::string current;  // the last revision afterwards, "" when none remains
};

// `atlas migrate lint`: the files are replayed statement by statement on the dev database, the
// schema changes of each statement are computed by inspecting before and after it, and the lint
// analyzers (atlas-compat §7) run on them. `-- atlas:nolint` (file directive: no codes = skip the
// file, codes or analyzer names = drop those) and the same comment directly above a statement are
// honored.
struct MigrateLintRequest {
  std::string dir;
  std::string dev_url;  // required
  size_t latest = 0;    // analyze the last N files; 0 = all files
  // Analyzer options (atlas.hcl `lint {}`); validated against the dev driver's analyzers.
  lint::Config lint;
};

struct MigrateLintDiagnostic {
  int line = 0;      // line of the statement in the file
  size_t pos = 0;    // byte offset of the statement in the file (Atlas's Pos)
  std::string code;  // "DS102"
  std::string text;  // `Dropping table "t"`
  std::string fix;   // suggested fix, "" when none
  std::string link;  // https://atlasgo.io/lint/analyzers#DS102
};

struct MigrateLintReport {
  std::string analyzer;  // the analyzer's config name: destructive, data_depend, naming, ...
  std::string text;      // "destructive changes detected"
  bool error = false;    // the analyzer reports errors (destructive), else warnings
  std::vector<MigrateLintDiagnostic> diagnostics;
};

struct MigrateLintFile {
  std::string name;
  std::string version;
  std::string text;    // the file's content
  size_t changes = 0;  // schema changes its statements made (top-level changes, as Atlas counts)
  std::vector<MigrateLintReport> reports;  // in analyzer order
  bool skipped = false;                    // `-- atlas:nolint` without codes
  int64_t nanos = 0;
  bool HasError() const;
};

struct MigrateLintResult {
  std::vector<MigrateLintFile> files;  // the analyzed files, in order (skipped ones included)
  std::string driver;                  // the dev database's driver name
  std::string from_version;            // version of the last file before the analyzed ones, ""
  size_t total_files = 0;              // files in the directory
  bool has_error = false;              // some finding is an error
  int64_t nanos = 0;
};

class MigrateOps {
 public:
  MigrateOps();
  ~MigrateOps();
  MigrateOps(const MigrateOps&) = delete;
  MigrateOps& operator=(const MigrateOps&) = delete;

  // The local path of a `dir` value (path or file:// URL).
  static base::Result<std::string> DirPath(const std::string& dir);
  // `atlas migrate hash`: (re)writes atlas.sum.
  base::Status Hash(const std::string& dir) const;
  // `atlas migrate validate` without a dev database: atlas.sum matches and every file parses.
  base::Status Validate(const std::string& dir, const std::string& dialect = "sqlite") const;
  // The last version in the directory ("" when empty); validates nothing.
  base::Result<std::string> LatestVersion(const std::string& dir) const;
  base::Result<MigrateStatus> Status(const MigrateRequest& req) const;
  // The files and statements an apply to `to_version` ("" = latest) or of `amount` files (0 = all)
  // would run. Validates the directory and atlas.sum first. Nothing is executed.
  base::Result<MigrateRun> Plan(const MigrateRequest& req, const std::string& to_version,
                                size_t amount = 0) const;
  // Applies; on failure `error` is set and `files` holds the progress.
  MigrateRun Apply(const MigrateRequest& req, const std::string& to_version,
                   size_t amount = 0) const;
  // `atlas migrate set [version]`: marks the files up to `version` as applied without running them
  // (resolved revisions), marks a failed or partial revision at `version` fixed and removes the
  // revisions after it; "" = the latest file (only when revisions exist). Under the migration lock,
  // in one transaction.
  base::Result<MigrateSetResult> Set(const MigrateRequest& req, const std::string& version) const;
  // `atlas migrate new [name]`: adds an empty file `<version>[_<name>].sql` (version = UTC time as
  // yyyymmddhhmmss, or `version` when given) and rewrites atlas.sum. Returns the file name.
  base::Result<std::string> New(const std::string& dir, const std::string& name,
                                const std::string& version = "") const;
  // `atlas migrate diff`: replays the directory on the dev database, diffs it with the desired
  // state and writes the statements as a new file (Atlas's comment line above each), then
  // rewrites atlas.sum. Returns the file name, "" when the directory is already in sync.
  base::Result<std::string> Diff(const MigrateDiffRequest& req) const;
  // Computes a down migration; nothing is executed (the dev database is used and left clean).
  base::Result<MigrateDown> PlanDown(const MigrateDownRequest& req) const;
  // Computes and runs a down migration under the database's migration lock: checks, statements
  // (per tx_mode), then removal of the reverted revisions. Refuses when the plan changed between
  // `expected_fingerprint` (when set) and now.
  base::Result<MigrateDown> Down(const MigrateDownRequest& req,
                                 const std::string& expected_fingerprint = "") const;
  // `atlas migrate lint`: validates atlas.sum, replays the files before the analyzed ones on the
  // reset dev database, then runs and lints each statement of the analyzed files there. The dev
  // database is left clean.
  base::Result<MigrateLintResult> Lint(const MigrateLintRequest& req) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Go's time.Duration String() for nanoseconds ("1.5ms", "2.000001s", "0s"), as Atlas prints.
std::string GoDuration(int64_t nanos);

}  // namespace atlas::engine::ops
