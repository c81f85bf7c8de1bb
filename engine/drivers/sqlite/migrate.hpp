#pragma once
// SQLite support for versioned migrations: statements, transactions, the `atlas_schema_revisions`
// table in `main` with the column types Atlas (through ent) creates, and Atlas's lock file
// `<temp dir>/atlas_migrate_execute[_<adler32 hex of the database path>].lock` holding the expiry
// in Unix nanoseconds. Thread-safety: uses the connection it was given; one call at a time. The
// lock file is safe across threads and processes (created with O_EXCL).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/drivers/driver.hpp"
#include "engine/drivers/sqlite/conn.hpp"

namespace atlas::engine::drivers::sqlite {

class Migrator final : public drivers::Migrator {
 public:
  // `lock_key` is the database file path ("" for in-memory databases).
  Migrator(Connection& conn, std::string lock_key) : conn_(conn), lock_key_(std::move(lock_key)) {}

  base::Status Exec(std::string_view statement) override;
  base::Result<bool> QueryBool(std::string_view statement) override;
  base::Status Begin() override;
  base::Status Commit() override;
  void Rollback() override;
  base::Result<std::unique_ptr<MigrationLock>> Lock(std::string_view name, int64_t timeout_ms) override;
  base::Status SetRevisionsSchema(std::string_view schema) override;
  base::Status InitRevisions() override;
  base::Result<std::vector<Revision>> ReadRevisions() override;
  base::Status WriteRevision(const Revision& revision) override;
  base::Status DeleteRevision(std::string_view version) override;
  std::string Now() const override;

 private:
  Connection& conn_;
  std::string lock_key_;
};

// Go's hash/adler32 checksum (exposed for tests).
uint32_t Adler32(std::string_view data);

}  // namespace atlas::engine::drivers::sqlite
