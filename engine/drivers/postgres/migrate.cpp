#include "engine/drivers/postgres/migrate.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <random>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/base/hash.hpp"

namespace atlas::engine::drivers::postgres {

namespace {

constexpr std::string_view kRevisionsTable = "atlas_schema_revisions";

constexpr std::string_view kSchemaExists =
    "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1";
constexpr std::string_view kTableExists =
    "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = $1 AND c.relname = 'atlas_schema_revisions' AND c.relkind IN ('r', 'p')";
constexpr std::string_view kColumns =
    "SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = "
    "a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND "
    "c.relname = 'atlas_schema_revisions' AND a.attnum > 0 AND NOT a.attisdropped";

// Columns an older revisions table may lack, with their definition (Atlas adds them by diffing).
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kAddColumns = {{
    {"error", "text NULL"},
    {"error_stmt", "text NULL"},
    {"partial_hashes", "jsonb NULL"},
    {"operator_version", "character varying NOT NULL DEFAULT ''"},
}};

std::string Quote(std::string_view ident) {
  std::string out = "\"";
  for (const char c : ident) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  return out + "\"";
}

// The lock object: unlocks the advisory lock when destroyed (the session releases it anyway if the
// connection is gone).
class AdvisoryMigrationLock final : public MigrationLock {
 public:
  AdvisoryMigrationLock(const Conn& conn, uint32_t key) : conn_(conn), key_(key) {}
  ~AdvisoryMigrationLock() override {
    (void)conn_.Query("SELECT pg_catalog.pg_advisory_unlock($1::bigint)",
                      {Param(std::to_string(key_))});
  }
  AdvisoryMigrationLock(const AdvisoryMigrationLock&) = delete;
  AdvisoryMigrationLock& operator=(const AdvisoryMigrationLock&) = delete;
  AdvisoryMigrationLock(AdvisoryMigrationLock&&) = delete;
  AdvisoryMigrationLock& operator=(AdvisoryMigrationLock&&) = delete;

 private:
  const Conn& conn_;
  uint32_t key_;
};

std::vector<std::string> ParseHashes(std::string_view text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_array()) {
    for (const auto& h : j) {
      if (h.is_string()) {
        out.push_back(h.get<std::string>());
      }
    }
  }
  return out;
}

}  // namespace

Migrator::Migrator(const Conn& conn, std::string bound_schema)
    : conn_(conn),
      bound_schema_(std::move(bound_schema)),
      schema_(bound_schema_.empty() ? std::string(kDefaultRevisionsSchema) : bound_schema_) {}

std::string Migrator::Table() const {
  return Quote(schema_) + "." + Quote(kRevisionsTable);
}

base::Result<bool> Migrator::TableExists(std::string_view schema) const {
  auto rows = conn_.Query(kTableExists, {Param(std::string(schema))});
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  return !rows->empty();
}

base::Status Migrator::Exec(std::string_view statement) {
  return conn_.Exec(statement);
}

base::Result<bool> Migrator::QueryBool(std::string_view statement) {
  auto rows = conn_.Query(statement);
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  if (rows->empty() || rows->columns() == 0 || rows->IsNull(0, 0)) {
    return false;
  }
  const std::string_view v = rows->Text(0, 0);
  return v == "t" || v == "true" || (v != "0" && v != "f" && v != "false" && !v.empty());
}

base::Status Migrator::Begin() {
  return conn_.Exec("BEGIN");
}

base::Status Migrator::Commit() {
  return conn_.Exec("COMMIT");
}

void Migrator::Rollback() {
  // Outside a transaction PostgreSQL only warns; a broken connection has nothing to roll back.
  (void)conn_.Exec("ROLLBACK");
}

base::Result<std::unique_ptr<MigrationLock>> Migrator::Lock(std::string_view name,
                                                            int64_t timeout_ms) {
  const uint32_t key = base::Fnv1_32(name);
  const auto start = std::chrono::steady_clock::now();
  const auto timeout = std::chrono::milliseconds(timeout_ms);
  std::minstd_rand jitter(static_cast<uint32_t>(start.time_since_epoch().count()));
  int64_t inter = 25;
  for (;;) {
    auto rows = conn_.Query("SELECT pg_catalog.pg_try_advisory_lock($1::bigint)",
                            {Param(std::to_string(key))});
    if (!rows.ok()) {
      base::Diagnostics d = std::move(rows).diags();
      for (auto& item : d.items()) {
        item.summary = "acquiring database lock: " + item.summary;
      }
      return d;
    }
    if (rows->Bool(0, 0)) {
      return std::unique_ptr<MigrationLock>(std::make_unique<AdvisoryMigrationLock>(conn_, key));
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed >= timeout) {
      return base::Error("acquiring database lock", "sql/schema: lock is held by other session");
    }
    // 25ms~50ms, 50ms~100ms, ..., 1s~2s (Atlas), but never past the deadline.
    const int64_t d = std::min<int64_t>(inter, 1000);
    auto wait =
        std::chrono::milliseconds(d + static_cast<int64_t>(jitter() % static_cast<uint32_t>(d)));
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(timeout - elapsed);
    std::this_thread::sleep_for(std::min(wait, left + std::chrono::milliseconds(1)));
    inter += inter;
  }
}

base::Status Migrator::SetRevisionsSchema(std::string_view schema) {
  auto resolved = drivers::ResolveRevisionsSchema(
      schema, bound_schema_, [this](std::string_view s) { return TableExists(s); });
  if (!resolved.ok()) {
    return std::move(resolved).diags();
  }
  schema_ = std::move(*resolved);
  return base::Status::Ok();
}

base::Status Migrator::InitRevisions() {
  auto schema = conn_.Query(kSchemaExists, {Param(schema_)});
  if (!schema.ok()) {
    return std::move(schema).diags();
  }
  if (schema->empty()) {
    if (auto st = conn_.Exec("CREATE SCHEMA IF NOT EXISTS " + Quote(schema_)); !st.ok()) {
      return st;
    }
  }
  auto exists = TableExists(schema_);
  if (!exists.ok()) {
    return std::move(exists).diags();
  }
  if (!*exists) {
    return conn_.Exec(
        "CREATE TABLE IF NOT EXISTS " + Table() +
        " (\"version\" character varying NOT NULL, \"description\" character varying NOT NULL, "
        "\"type\" bigint NOT NULL DEFAULT 2, \"applied\" bigint NOT NULL DEFAULT 0, \"total\" "
        "bigint NOT NULL DEFAULT 0, \"executed_at\" timestamptz NOT NULL, \"execution_time\" "
        "bigint NOT NULL, \"error\" text NULL, \"error_stmt\" text NULL, \"hash\" character "
        "varying NOT NULL, \"partial_hashes\" jsonb NULL, \"operator_version\" character varying "
        "NOT NULL, PRIMARY KEY (\"version\"))");
  }
  auto cols = conn_.Query(kColumns, {Param(schema_)});
  if (!cols.ok()) {
    return std::move(cols).diags();
  }
  for (const auto& [name, def] : kAddColumns) {
    bool found = false;
    for (int i = 0; i < cols->size() && !found; ++i) {
      found = cols->Text(i, 0) == name;
    }
    if (!found) {
      const std::string add =
          "ALTER TABLE " + Table() + " ADD COLUMN " + Quote(name) + " " + std::string(def);
      if (auto st = conn_.Exec(add); !st.ok()) {
        return st;
      }
    }
  }
  return base::Status::Ok();
}

base::Result<std::vector<Revision>> Migrator::ReadRevisions() {
  auto exists = TableExists(schema_);
  if (!exists.ok()) {
    return std::move(exists).diags();
  }
  std::vector<Revision> out;
  if (!*exists) {
    return out;
  }
  if (auto st = InitRevisions(); !st.ok()) {
    return std::move(st).diags();
  }
  auto rows = conn_.Query(
      "SELECT \"version\", \"description\", \"type\", \"applied\", \"total\", "
      "\"executed_at\"::text, \"execution_time\", \"error\", \"error_stmt\", \"hash\", "
      "\"partial_hashes\"::text, \"operator_version\" FROM " +
          Table() + " WHERE \"version\" <> $1 ORDER BY \"version\" COLLATE \"C\"",
      {Param(std::string(kCloudIdentifierVersion))});
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  for (int i = 0; i < rows->size(); ++i) {
    Revision rev;
    rev.version = std::string(rows->Text(i, 0));
    rev.description = std::string(rows->Text(i, 1));
    rev.type = rows->Int(i, 2);
    rev.applied = rows->Int(i, 3);
    rev.total = rows->Int(i, 4);
    rev.executed_at = std::string(rows->Text(i, 5));
    rev.execution_time = rows->Int(i, 6);
    rev.error = rows->Optional(i, 7);
    rev.error_stmt = rows->Optional(i, 8);
    rev.hash = std::string(rows->Text(i, 9));
    if (!rows->IsNull(i, 10)) {
      rev.partial_hashes = ParseHashes(rows->Text(i, 10));
    }
    rev.operator_version = std::string(rows->Text(i, 11));
    out.push_back(std::move(rev));
  }
  return out;
}

// An upsert that keeps `description` and `executed_at` as first written: Atlas's ent schema marks
// them immutable, so its UpdateNewValues upsert never overwrites them.
base::Status Migrator::WriteRevision(const Revision& rev) {
  Param partial;
  if (rev.partial_hashes) {
    partial = nlohmann::json(*rev.partial_hashes).dump();
  }
  const std::array<Param, 12> params = {Param(rev.version),
                                        Param(rev.description),
                                        std::to_string(rev.type),
                                        std::to_string(rev.applied),
                                        std::to_string(rev.total),
                                        Param(rev.executed_at),
                                        std::to_string(rev.execution_time),
                                        rev.error,
                                        rev.error_stmt,
                                        Param(rev.hash),
                                        partial,
                                        Param(rev.operator_version)};
  auto done = conn_.Query(
      "INSERT INTO " + Table() +
          " (\"version\", \"description\", \"type\", \"applied\", \"total\", \"executed_at\", "
          "\"execution_time\", \"error\", \"error_stmt\", \"hash\", \"partial_hashes\", "
          "\"operator_version\") VALUES ($1, $2, $3::bigint, $4::bigint, $5::bigint, "
          "$6::timestamptz, $7::bigint, $8, $9, $10, $11::jsonb, $12) ON CONFLICT (\"version\") "
          "DO UPDATE SET \"type\" = "
          "EXCLUDED.\"type\", \"applied\" = EXCLUDED.\"applied\", \"total\" = EXCLUDED.\"total\", "
          "\"execution_time\" = "
          "EXCLUDED.\"execution_time\", \"error\" = EXCLUDED.\"error\", \"error_stmt\" = "
          "EXCLUDED.\"error_stmt\", \"hash\" = EXCLUDED.\"hash\", \"partial_hashes\" = "
          "EXCLUDED.\"partial_hashes\", \"operator_version\" = EXCLUDED.\"operator_version\"",
      std::span<const Param>(params));
  if (!done.ok()) {
    return std::move(done).diags();
  }
  return base::Status::Ok();
}

base::Status Migrator::DeleteRevision(std::string_view version) {
  auto done = conn_.Query("DELETE FROM " + Table() + " WHERE \"version\" = $1",
                          {Param(std::string(version))});
  if (!done.ok()) {
    return std::move(done).diags();
  }
  return base::Status::Ok();
}

std::string Migrator::Now() const {
  const int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  const auto secs = static_cast<std::time_t>(us / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}+00:00", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, us % 1000000);
}

}  // namespace atlas::engine::drivers::postgres
