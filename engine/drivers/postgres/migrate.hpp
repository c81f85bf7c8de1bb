#pragma once
// PostgreSQL support for versioned migrations (atlas-compat §4, §5):
//   - statements through the simple protocol, transactions with BEGIN/COMMIT/ROLLBACK (PostgreSQL
//     DDL is transactional, so tx modes file/all roll a failed file back with its revision rows);
//   - the `atlas_schema_revisions` table with the column types Atlas (through ent) creates, in the
//     `revisions_schema` when given, else the schema the URL is bound to (search_path), else (a
//     realm-bound URL) in a schema named `atlas_schema_revisions`, created when missing — Atlas's
//     revisionSchemaName;
//   - Atlas's ambiguity guard: a schema-bound URL without `revisions_schema` whose schema has no
//     revisions table while schema `atlas_schema_revisions` has one fails with
//     `ambiguous revision table`;
//   - Atlas's migration lock: pg_try_advisory_lock(FNV-1 32 of the name) polled with jittered
//     backoff (25 ms doubling, capped at 1 s) until the timeout, then
//     `sql/schema: lock is held by other session`; released with pg_advisory_unlock.
// Thread-safety: uses the connection it was given; one call at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/drivers/driver.hpp"
#include "engine/drivers/postgres/conn.hpp"

namespace atlas::engine::drivers::postgres {

class Migrator final : public drivers::Migrator {
 public:
  // `bound_schema`: the URL's search_path ("" when realm-bound).
  Migrator(const Conn& conn, std::string bound_schema);

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
  // UTC with microseconds, as timestamptz takes it: "2024-01-02 15:04:05.123456+00:00".
  std::string Now() const override;

  // The schema holding the revisions table (after SetRevisionsSchema).
  const std::string& revisions_schema() const { return schema_; }

 private:
  base::Result<bool> TableExists(std::string_view schema) const;
  std::string Table() const;

  const Conn& conn_;
  std::string bound_schema_;
  std::string schema_;
};

}  // namespace atlas::engine::drivers::postgres
