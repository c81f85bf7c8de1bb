#pragma once
// RAII wrappers around sqlite3 / sqlite3_stmt and a small Connection used by the SQLite driver's
// inspector, executor and dev-database support. Internal to engine/drivers/sqlite (never included
// elsewhere). A Connection is move-only and must be used from one thread at a time.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "engine/base/result.hpp"

namespace atlas::engine::drivers::sqlite {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// One result row: column values as text, NULL = nullopt.
using Row = std::vector<std::optional<std::string>>;

class Connection {
 public:
  // `filename` is an SQLite URI ("file:...") opened with SQLITE_OPEN_URI.
  static base::Result<Connection> Open(const std::string& filename, int flags);

  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() = default;

  // Runs every statement in `sql` (ignoring rows). Errors carry `statement` = sql.
  base::Status Exec(std::string_view sql);
  // Runs one query binding `args` as text parameters ?1..?n; all rows as text.
  base::Result<std::vector<Row>> Query(std::string_view sql,
                                       const std::vector<std::string>& args = {});
  // The last error message of the handle.
  std::string ErrorMessage() const;
  bool InTransaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }
  sqlite3* get() const { return db_.get(); }

 private:
  explicit Connection(DbHandle db) : db_(std::move(db)) {}
  DbHandle db_;
};

}  // namespace atlas::engine::drivers::sqlite
