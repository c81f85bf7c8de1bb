#pragma once
// PostgreSQL execution: transactional DDL per TxMode, SQL scripts, advisory locks and the dev
// database.
//   Transaction     BEGIN on construction; ROLLBACK in the destructor unless Commit() succeeded.
//   AdvisoryLock    pg_try_advisory_lock(FNV-1 32 of the name, as Atlas) polled until a deadline;
//                   released (pg_advisory_unlock) in the destructor.
//   PostgresExecutor runs a plan: kFile/kAll put consecutive transactional statements in one
//                   transaction; a statement with transactional == false (CREATE INDEX
//                   CONCURRENTLY) commits what precedes it, runs alone, and a new transaction
//                   follows; kNone runs each statement on its own. A failure rolls back the open
//                   transaction; the diagnostic names the failing statement (Diagnostic::statement)
//                   and says what was applied.
//   PostgresDevDatabase checks that a dev database (or bound schema) is clean and resets it.
//   DevSession      RAII around one use of a dev database: takes the dev advisory lock, resets the
//                   database, and resets it again when it ends (also when the use failed).
//
// Thread-safety: all of these use one connection and must stay on one thread at a time.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"
#include "engine/drivers/driver.hpp"
#include "engine/drivers/postgres/conn.hpp"

namespace atlas::engine::drivers::postgres {

class Transaction {
 public:
  static base::Result<std::unique_ptr<Transaction>> Begin(const Conn& conn);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction(Transaction&&) = delete;
  Transaction& operator=(Transaction&&) = delete;

  base::Status Commit();
  // Explicit rollback; the destructor does it when neither Commit nor Rollback ran.
  base::Status Rollback();

 private:
  explicit Transaction(const Conn& conn) : conn_(conn) {}
  const Conn& conn_;
  bool done_ = false;
};

class AdvisoryLock {
 public:
  // Polls pg_try_advisory_lock until `timeout` elapses (no unbounded waits).
  static base::Result<std::unique_ptr<AdvisoryLock>> Acquire(const Conn& conn,
                                                             std::string_view name,
                                                             std::chrono::milliseconds timeout);
  ~AdvisoryLock();
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;
  AdvisoryLock(AdvisoryLock&&) = delete;
  AdvisoryLock& operator=(AdvisoryLock&&) = delete;

  // The lock key: FNV-1 32-bit hash of the name (Atlas's Lock).
  static uint32_t KeyOf(std::string_view name);

 private:
  AdvisoryLock(const Conn& conn, uint32_t key) : conn_(conn), key_(key) {}
  const Conn& conn_;
  uint32_t key_;
};

class PostgresExecutor final : public drivers::Executor {
 public:
  explicit PostgresExecutor(const Conn& conn) : conn_(conn) {}
  base::Status ExecutePlan(const plan::Plan& plan, const drivers::ExecOptions& options) override;
  base::Status ExecuteScript(std::string_view script, std::string_view filename) override;

 private:
  const Conn& conn_;
};

class PostgresDevDatabase final : public drivers::DevDatabase {
 public:
  // `bound_schema` empty: the whole database is the dev scope.
  PostgresDevDatabase(const Conn& conn, int server_version, std::string bound_schema)
      : conn_(conn), version_(server_version), bound_schema_(std::move(bound_schema)) {}
  // Realm scope: clean = no schema but "public" and no table in it (Atlas). Schema scope: no table.
  base::Status CheckClean() override;
  // Realm scope: drops every extension (but plpgsql) and schema, recreates "public" with its
  // comment. Schema scope: drops and recreates the bound schema with its comment.
  base::Status Reset() override;
  // Session advisory lock named DevSession::kLockName.
  base::Result<std::unique_ptr<Lease>> Acquire(std::chrono::milliseconds timeout) override;

 private:
  const Conn& conn_;
  int version_;
  std::string bound_schema_;
};

class DevSession {
 public:
  // Lock name shared by every process using a dev database (Atlas: one lock per dev URL).
  static constexpr std::string_view kLockName = "atlas_dev_database";

  static base::Result<std::unique_ptr<DevSession>> Begin(const Conn& conn, PostgresDevDatabase& dev,
                                                         std::chrono::milliseconds lock_timeout);
  ~DevSession();
  DevSession(const DevSession&) = delete;
  DevSession& operator=(const DevSession&) = delete;
  DevSession(DevSession&&) = delete;
  DevSession& operator=(DevSession&&) = delete;

  // Resets now and reports the result (the destructor resets too, ignoring errors).
  base::Status End();

 private:
  DevSession(std::unique_ptr<AdvisoryLock> lock, PostgresDevDatabase& dev)
      : lock_(std::move(lock)), dev_(dev) {}
  std::unique_ptr<AdvisoryLock> lock_;
  PostgresDevDatabase& dev_;
  bool ended_ = false;
};

}  // namespace atlas::engine::drivers::postgres
