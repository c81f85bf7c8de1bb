#pragma once
// MySQL/MariaDB execution and the dev database.
//   MysqlExecutor  runs a plan statement by statement: MySQL commits DDL implicitly, so there is no
//                  transaction to roll back whatever the TxMode. A failure stops at the failing
//                  statement; the diagnostic names it (Diagnostic::statement, its comment) and says
//                  how many statements were applied before it (they stay applied).
//   NamedLock      GET_LOCK(name, timeout) held by the session; RELEASE_LOCK in the destructor.
//   MysqlDevDatabase  a schema-bound dev database is clean when its schema holds no table or
//                  view; Reset drops and recreates that database with its charset/collation.
//                  Realm-bound: clean = no user schema; Reset drops every user schema.
//                  Acquire serializes users of the dev database with GET_LOCK.
//
// Thread-safety: all of these use one connection and must stay on one thread at a time.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/drivers/driver.hpp"
#include "engine/drivers/mysql/conn.hpp"

namespace atlas::engine::drivers::mysql {

class NamedLock {
 public:
  // GET_LOCK with the timeout rounded up to whole seconds. 0 -> "lock is held" error.
  static base::Result<std::unique_ptr<NamedLock>> Acquire(const Conn& conn, std::string_view name,
                                                          std::chrono::milliseconds timeout);
  ~NamedLock();
  NamedLock(const NamedLock&) = delete;
  NamedLock& operator=(const NamedLock&) = delete;
  NamedLock(NamedLock&&) = delete;
  NamedLock& operator=(NamedLock&&) = delete;

 private:
  NamedLock(const Conn& conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  const Conn& conn_;
  std::string name_;
};

class MysqlExecutor final : public drivers::Executor {
 public:
  explicit MysqlExecutor(const Conn& conn) : conn_(conn) {}
  base::Status ExecutePlan(const plan::Plan& plan, const drivers::ExecOptions& options) override;
  base::Status ExecuteScript(std::string_view script, std::string_view filename) override;

 private:
  const Conn& conn_;
};

class MysqlDevDatabase final : public drivers::DevDatabase {
 public:
  static constexpr std::string_view kLockName = "atlas_dev_database";

  MysqlDevDatabase(const Conn& conn, std::string bound_schema)
      : conn_(conn), bound_schema_(std::move(bound_schema)) {}
  base::Status CheckClean() override;
  base::Status Reset() override;
  base::Result<std::unique_ptr<Lease>> Acquire(std::chrono::milliseconds timeout) override;

 private:
  const Conn& conn_;
  std::string bound_schema_;
};

}  // namespace atlas::engine::drivers::mysql
