#pragma once
// MySQL/MariaDB support for versioned migrations (atlas-compat §4, §5):
//   - statements one at a time over the driver's connection; Begin/Commit/Rollback are START
//     TRANSACTION/COMMIT/ROLLBACK, but MySQL commits implicitly before (and after) every DDL
//     statement, so a tx-mode file/all "transaction" only protects the DML that runs before the
//     file's first DDL. The revision rows travel with the statements: whatever the server really
//     kept is what the revision row says (a failed file that ran DDL keeps its partial row, with
//     `applied`, `error`, `error_stmt` and `partial_hashes`, and resumes at the failed statement);
//   - revision rows upserted as Atlas's ent code does: a conflict overwrites every column but
//     `description` and `executed_at` (immutable in Atlas's schema: executed_at stays the time of
//     the first write, also across a resume);
//   - the `atlas_schema_revisions` table with the column types Atlas (through ent) creates on MySQL
//     (varchar(255), bigint unsigned `type`, timestamp `executed_at`, longtext errors, json
//     `partial_hashes`, CHARSET utf8mb4 COLLATE utf8mb4_bin), in the `revisions_schema` when given,
//     else the database the URL is bound to, else (a realm-bound URL) a database named
//     `atlas_schema_revisions`, created when missing — Atlas's revisionSchemaName;
//   - Atlas's ambiguity guard (`ambiguous revision table`), as for PostgreSQL;
//   - Atlas's migration lock: `SELECT GET_LOCK(name, <timeout in whole seconds>)` held by the
//     session; 0 -> `sql/schema: lock is held by other session`, NULL -> `sql/mysql: unexpected
//     internal error on Lock(...)`; RELEASE_LOCK when the lock object is destroyed.
// Thread-safety: uses the connection it was given; one call at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/drivers/driver.hpp"
#include "engine/drivers/mysql/conn.hpp"
#include "engine/sql/dialect.hpp"

namespace atlas::engine::drivers::mysql {

class Migrator final : public drivers::Migrator {
 public:
  // `bound_schema`: the URL's database ("" when realm-bound).
  Migrator(const Conn& conn, sql::Dialect dialect, std::string bound_schema);

  base::Status Exec(std::string_view statement) override;
  base::Result<bool> QueryBool(std::string_view statement) override;
  base::Status Begin() override;
  base::Status Commit() override;
  void Rollback() override;
  base::Result<std::unique_ptr<MigrationLock>> Lock(std::string_view name,
                                                    int64_t timeout_ms) override;
  base::Status SetRevisionsSchema(std::string_view schema) override;
  base::Status InitRevisions() override;
  base::Result<std::vector<Revision>> ReadRevisions() override;
  base::Status WriteRevision(const Revision& revision) override;
  base::Status DeleteRevision(std::string_view version) override;
  // UTC in whole seconds, as a `timestamp` column holds it: "2024-01-02 15:04:05".
  std::string Now() const override;

  // The database holding the revisions table (after SetRevisionsSchema).
  const std::string& revisions_schema() const { return schema_; }

 private:
  base::Result<bool> TableExists(std::string_view schema) const;

  const Conn& conn_;
  sql::Dialect dialect_;
  std::string bound_schema_;
  std::string schema_;
};

}  // namespace atlas::engine::drivers::mysql
