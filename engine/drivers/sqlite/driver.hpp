#pragma once
// The SQLite driver: opens sqlite:// URLs and composes the inspector, diff hooks, planner, executor
// and dev-database support over one connection. Always schema-bound to "main".
//
// URLs (Atlas): sqlite://path/to/file.db (relative to the working directory),
// sqlite:///abs/file.db, sqlite://name?mode=memory (a fresh private in-memory database per Open;
// sqlite://dev?mode=memory is the usual dev database). Query parameters: SQLite URI parameters
// (mode, cache, immutable, vfs, nolock, psow) are passed through; `_fk=1` / `_foreign_keys=1`
// enables foreign keys; `_busy_timeout=<ms>`;
// `_journal_mode=<mode>` (alias `_journal`). Requires SQLite >= 3.37.
//
// Thread-safety: see drivers::Driver (one thread at a time per driver).

#include <memory>

#include "engine/base/result.hpp"
#include "engine/drivers/driver.hpp"
#include "engine/url/url.hpp"

namespace atlas::engine::drivers::sqlite {

// Opens the database named by `u` (scheme sqlite or sqlite3).
base::Result<std::unique_ptr<drivers::Driver>> Open(const url::Url& u);

// The SQLite URI filename ("file:...?...") and whether foreign keys are requested, for an sqlite://
// URL. Exposed for tests.
struct OpenTarget {
  std::string uri;
  bool foreign_keys = false;
  int busy_timeout_ms = 0;
  std::string journal_mode;
};
base::Result<OpenTarget> TargetOf(const url::Url& u);

}  // namespace atlas::engine::drivers::sqlite
