#pragma once
// Atlas's versioned-migration executor over a driver's Migrator: pending files (linear,
// linear-skip, non-linear; baseline; resume of a partially applied file), apply with tx modes
// file/all/none and per-file `-- atlas:txmode`, revision bookkeeping exactly as Atlas writes it
// (atlas-compat §4), the `atlas_migrate_execute` lock, and status (OK/PENDING, current, next).
//
// Thread-safety: functions use the driver they are given (one thread at a time per driver);
// concurrent applies to one database from several drivers/processes are serialized by the lock.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/drivers/driver.hpp"
#include "engine/migrate/dir.hpp"
#include "engine/plan/plan.hpp"

namespace atlas::engine::migrate {

enum class ExecOrder { kLinear, kLinearSkip, kNonLinear };

base::Result<ExecOrder> ParseExecOrder(std::string_view s);  // "" = linear

inline constexpr std::string_view kLockName = "atlas_migrate_execute";
inline constexpr std::string_view kNoMigrationApplied = "No migration applied yet";
inline constexpr std::string_view kAlreadyAtLatest = "Already at latest version";

struct ExecutorOptions {
  plan::TxMode tx_mode = plan::TxMode::kFile;
  ExecOrder exec_order = ExecOrder::kLinear;
  std::string baseline;         // first run only
  bool allow_dirty = false;     // first run on a non-clean database
  std::string revisions_schema;  // "" = the driver's default
  std::string operator_version = "atlas-native";
  int64_t lock_timeout_ms = 10000;
  // Time budget of Apply, 0 = none: the lock wait is cut to it and no file starts once it is
  // spent (error `context deadline exceeded`, as Atlas under a Go context deadline). A running
  // statement is not interrupted.
  int64_t timeout_ms = 0;
};

// Atlas's `migrate status` report (plus `latest`, which the Terraform provider computes).
struct StatusReport {
  std::string status;   // "OK" | "PENDING"
  std::string current;  // last revision version, or kNoMigrationApplied
  std::string next;     // first pending version, or kAlreadyAtLatest
  std::string latest;   // last file version in the directory, "" when empty
  std::vector<drivers::Revision> applied;
  std::vector<std::string> pending;  // file names, in execution order
  size_t available = 0;              // files in the directory
  // The last revision when partially applied and not resolved.
  int64_t count = 0;
  int64_t total = 0;
  std::string error;
  std::string sql;  // failing statement, newlines as spaces
  // Out-of-order files under exec order linear (status PENDING with this text).
  std::string order_error;
};

// One file's outcome in an apply (or dry run).
struct FileRun {
  std::string name;
  std::string version;
  std::vector<std::string> checks;      // txtar pre-migration checks run
  std::vector<std::string> statements;  // statements run (dry run: that would run)
  int64_t nanos = 0;
  bool failed = false;
  std::string error;  // the failure text when failed
};

struct ApplyReport {
  std::string current;  // version before the apply ("" when none)
  std::string target;   // version of the last file to apply ("" when nothing pending)
  std::vector<std::string> pending;  // names of the files selected to run
  std::vector<FileRun> files;        // files started, in order
  base::Diagnostics error;           // set when the apply failed
  int64_t nanos = 0;
  bool ok() const { return !error.HasError(); }
};

struct ApplyTarget {
  size_t amount = 0;       // at most this many pending files; 0 = all
  std::string to_version;  // up to and including this version ("" = latest); must be pending
  bool dry_run = false;    // compute and parse, run nothing, write nothing, take no lock
};

// Status of the database against the directory (no writes; no lock).
base::Result<StatusReport> Status(drivers::Driver& driver, const Dir& dir, const ExecutorOptions& options);

// Validates the directory, takes the lock, creates/upgrades the revisions table and applies.
ApplyReport Apply(drivers::Driver& driver, const Dir& dir, const ExecutorOptions& options,
                  const ApplyTarget& target);

}  // namespace atlas::engine::migrate
