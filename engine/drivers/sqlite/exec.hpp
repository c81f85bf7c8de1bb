#pragma once
// SQLite executor and dev-database support.
//
// Foreign keys: `PRAGMA foreign_keys` is a no-op inside a transaction, so plan statements marked
// transactional == false (the planner's `PRAGMA foreign_keys = off/on` bracket) run outside it: the
// plan's leading non-transactional statements before BEGIN, trailing ones after COMMIT (a
// non-transactional statement in the middle commits the open transaction first). When the plan
// turned enforcement off on a connection that had it on, `PRAGMA foreign_key_check` runs before
// COMMIT and any violation rolls the transaction back (SQLite's documented 12-step procedure, steps
// 10-11). If a failure happens after the `off` pragma, enforcement is switched back on before
// returning.
//
// Transaction modes: kFile and kAll = one transaction for the plan; kNone = each statement on its
// own. Errors: Diagnostic.statement = the failing statement; the detail says which statement (n of
// m) failed and how many statements were applied and kept or rolled back.
//
// Thread-safety: uses the connection it was given; one call at a time.

#include <string_view>

#include "engine/drivers/driver.hpp"
#include "engine/drivers/sqlite/conn.hpp"

namespace atlas::engine::drivers::sqlite {

class Executor final : public drivers::Executor {
 public:
  explicit Executor(Connection& conn) : conn_(conn) {}
  base::Status ExecutePlan(const plan::Plan& plan, const ExecOptions& options) override;
  // Statements run one by one outside any transaction of ours (scripts may carry their own
  // BEGIN/COMMIT and PRAGMAs), so a failure leaves the statements before it applied, as the
  // diagnostic says.
  base::Status ExecuteScript(std::string_view script, std::string_view filename) override;

 private:
  Connection& conn_;
};

class DevDatabase final : public drivers::DevDatabase {
 public:
  explicit DevDatabase(Connection& conn) : conn_(conn) {}
  base::Status CheckClean() override;
  // Drops triggers, views and tables (indexes go with them) with foreign keys disabled, then clears
  // sqlite_sequence.
  base::Status Reset() override;

 private:
  Connection& conn_;
};

}  // namespace atlas::engine::drivers::sqlite
