#include "engine/drivers/mysql/migrate.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/sql/builder.hpp"

namespace atlas::engine::drivers::mysql {

namespace {

constexpr std::string_view kRevisionsTable = "atlas_schema_revisions";

constexpr std::string_view kSchemaExists =
    "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
constexpr std::string_view kTableExists =
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = "
    "'atlas_schema_revisions' AND TABLE_TYPE = 'BASE TABLE'";
constexpr std::string_view kColumns =
    "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = "
    "'atlas_schema_revisions'";

struct ColumnDef {
  std::string_view name;
  std::string_view type;  // as ent creates it for Atlas on MySQL/MariaDB
};

// Column order and types of Atlas's table (ent field types String, Uint, Int, Time, Int64, Text,
// JSON on MySQL).
constexpr std::array<ColumnDef, 12> kColumnDefs = {{
    {"version", "varchar(255) NOT NULL"},
    {"description", "varchar(255) NOT NULL"},
    {"type", "bigint unsigned NOT NULL DEFAULT 2"},
    {"applied", "bigint NOT NULL DEFAULT 0"},
    {"total", "bigint NOT NULL DEFAULT 0"},
    {"executed_at", "timestamp NOT NULL"},
    {"execution_time", "bigint NOT NULL"},
    {"error", "longtext NULL"},
    {"error_stmt", "longtext NULL"},
    {"hash", "varchar(255) NOT NULL"},
    {"partial_hashes", "json NULL"},
    {"operator_version", "varchar(255) NOT NULL"},
}};

// Columns an upsert overwrites: ent's UpdateNewValues leaves the immutable fields (version,
// description, executed_at) as the first write set them.
constexpr std::array<std::string_view, 9> kUpsertColumns = {
    "type",       "applied", "total",          "execution_time",  "error",
    "error_stmt", "hash",    "partial_hashes", "operator_version"};

// Columns an older revisions table may lack (Atlas adds them by diffing).
constexpr std::array<std::string_view, 4> kAddColumns = {"error", "error_stmt", "partial_hashes",
                                                         "operator_version"};

std::string_view TypeOf(std::string_view column) {
  for (const auto& c : kColumnDefs) {
    if (c.name == column) {
      return c.type;
    }
  }
  return {};
}

Param Value(std::string v) {
  return Param(std::optional<std::string>(std::move(v)));
}
Param Value(const std::optional<std::string>& v) {
  return Param(v);
}

base::Status Run(const Conn& conn, const sql::Builder& b) {
  auto text = b.Build();
  if (!text.ok()) {
    return std::move(text).diags();
  }
  return conn.Exec(*text);
}

// The session's named lock; RELEASE_LOCK when destroyed (the server drops it with the session
// anyway if the connection is gone).
class NamedMigrationLock final : public MigrationLock {
 public:
  NamedMigrationLock(const Conn& conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  ~NamedMigrationLock() override { (void)conn_.Query("SELECT RELEASE_LOCK(?)", {Value(name_)}); }
  NamedMigrationLock(const NamedMigrationLock&) = delete;
  NamedMigrationLock& operator=(const NamedMigrationLock&) = delete;
  NamedMigrationLock(NamedMigrationLock&&) = delete;
  NamedMigrationLock& operator=(NamedMigrationLock&&) = delete;

 private:
  const Conn& conn_;
  std::string name_;
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

// Go's time.Duration.String() for the whole-second and millisecond timeouts Atlas prints.
std::string GoDuration(int64_t ms) {
  if (ms % 1000 == 0) {
    return std::to_string(ms / 1000) + "s";
  }
  if (ms < 1000) {
    return std::to_string(ms) + "ms";
  }
  std::string frac = fmt::format("{:03}", ms % 1000);
  while (frac.back() == '0') {
    frac.pop_back();
  }
  return std::to_string(ms / 1000) + "." + frac + "s";
}

}  // namespace

Migrator::Migrator(const Conn& conn, sql::Dialect dialect, std::string bound_schema)
    : conn_(conn),
      dialect_(dialect),
      bound_schema_(std::move(bound_schema)),
      schema_(bound_schema_.empty() ? std::string(kDefaultRevisionsSchema) : bound_schema_) {}

base::Result<bool> Migrator::TableExists(std::string_view schema) const {
  auto rows = conn_.Query(kTableExists, {Value(std::string(schema))});
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
  if (rows->empty() || rows->IsNull(0, 0)) {
    return false;
  }
  const std::string_view v = rows->Text(0, 0);
  return !v.empty() && v != "0" && v != "false" && v != "FALSE";
}

base::Status Migrator::Begin() {
  return conn_.Exec("START TRANSACTION");
}

base::Status Migrator::Commit() {
  return conn_.Exec("COMMIT");
}

void Migrator::Rollback() {
  // After an implicit commit (any DDL) there is nothing left to roll back; a broken connection has
  // nothing to roll back either.
  (void)conn_.Exec("ROLLBACK");
}

base::Result<std::unique_ptr<MigrationLock>> Migrator::Lock(std::string_view name,
                                                            int64_t timeout_ms) {
  // Atlas passes int(timeout.Seconds()): a timeout under a second only tries once.
  const int64_t seconds = std::max<int64_t>(timeout_ms, 0) / 1000;
  sql::Builder q(dialect_);
  q.Kw("SELECT").Call("GET_LOCK",
                      [seconds](sql::Builder& a) { a.Raw(sql::Raw{"?"}).Comma().Int(seconds); });
  auto rows = conn_.Query(q.String(), {Value(std::string(name))});
  if (!rows.ok()) {
    base::Diagnostics d = std::move(rows).diags();
    for (auto& item : d.items()) {
      item.summary = "acquiring database lock: " + item.summary;
    }
    return d;
  }
  if (rows->empty() || rows->IsNull(0, 0)) {
    return base::Error("acquiring database lock",
                       fmt::format("sql/mysql: unexpected internal error on Lock(\"{}\", {})", name,
                                   GoDuration(timeout_ms)));
  }
  if (rows->Int(0, 0) != 1) {
    return base::Error("acquiring database lock", "sql/schema: lock is held by other session");
  }
  return std::unique_ptr<MigrationLock>(
      std::make_unique<NamedMigrationLock>(conn_, std::string(name)));
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
  auto schema = conn_.Query(kSchemaExists, {Value(schema_)});
  if (!schema.ok()) {
    return std::move(schema).diags();
  }
  if (schema->empty()) {
    sql::Builder b(dialect_);
    b.Kw("CREATE DATABASE IF NOT EXISTS").Ident(schema_);
    if (auto st = Run(conn_, b); !st.ok()) {
      return st;
    }
  }
  auto exists = TableExists(schema_);
  if (!exists.ok()) {
    return std::move(exists).diags();
  }
  if (!*exists) {
    sql::Builder b(dialect_);
    b.Kw("CREATE TABLE IF NOT EXISTS").Table(schema_, kRevisionsTable).Wrap([](sql::Builder& w) {
      w.MapComma(kColumnDefs, [](const ColumnDef& c, sql::Builder& cb) {
        cb.Ident(c.name).Raw(sql::Raw{std::string(c.type)});
      });
      w.Comma().Kw("PRIMARY KEY").Wrap([](sql::Builder& pk) { pk.Ident("version"); });
    });
    b.Kw("CHARSET utf8mb4 COLLATE utf8mb4_bin");
    return Run(conn_, b);
  }
  auto cols = conn_.Query(kColumns, {Value(schema_)});
  if (!cols.ok()) {
    return std::move(cols).diags();
  }
  for (const std::string_view name : kAddColumns) {
    bool found = false;
    for (int i = 0; i < cols->size() && !found; ++i) {
      found = cols->Text(i, 0) == name;
    }
    if (!found) {
      sql::Builder b(dialect_);
      b.Kw("ALTER TABLE")
          .Table(schema_, kRevisionsTable)
          .Kw("ADD COLUMN")
          .Ident(name)
          .Raw(sql::Raw{std::string(TypeOf(name))});
      if (auto st = Run(conn_, b); !st.ok()) {
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
  sql::Builder b(dialect_);
  b.Kw("SELECT")
      .MapComma(kColumnDefs, [](const ColumnDef& c, sql::Builder& cb) { cb.Ident(c.name); })
      .Kw("FROM")
      .Table(schema_, kRevisionsTable)
      .Kw("WHERE")
      .Ident("version")
      .Kw("<> ?");
  auto text = b.Build();
  if (!text.ok()) {
    return std::move(text).diags();
  }
  auto rows = conn_.Query(*text, {Value(std::string(kCloudIdentifierVersion))});
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
  // Byte order whatever the table's collation (Atlas's tables use utf8mb4_bin).
  std::sort(out.begin(), out.end(),
            [](const Revision& x, const Revision& y) { return x.version < y.version; });
  return out;
}

base::Status Migrator::WriteRevision(const Revision& rev) {
  std::optional<std::string> partial;
  if (rev.partial_hashes) {
    partial = nlohmann::json(*rev.partial_hashes).dump();
  }
  const std::vector<Param> params = {Value(rev.version),
                                     Value(rev.description),
                                     Value(std::to_string(rev.type)),
                                     Value(std::to_string(rev.applied)),
                                     Value(std::to_string(rev.total)),
                                     Value(rev.executed_at),
                                     Value(std::to_string(rev.execution_time)),
                                     Value(rev.error),
                                     Value(rev.error_stmt),
                                     Value(rev.hash),
                                     Value(partial),
                                     Value(rev.operator_version)};
  sql::Builder b(dialect_);
  b.Kw("INSERT INTO")
      .Table(schema_, kRevisionsTable)
      .Wrap([](sql::Builder& w) {
        w.MapComma(kColumnDefs, [](const ColumnDef& c, sql::Builder& cb) { cb.Ident(c.name); });
      })
      .Kw("VALUES")
      .Wrap([](sql::Builder& w) {
        w.MapComma(kColumnDefs, [](const ColumnDef&, sql::Builder& cb) { cb.Raw(sql::Raw{"?"}); });
      })
      .Kw("ON DUPLICATE KEY UPDATE")
      .MapComma(kUpsertColumns, [](std::string_view name, sql::Builder& cb) {
        cb.Ident(name).Kw("=").Call("VALUES", [name](sql::Builder& v) { v.Ident(name); });
      });
  auto text = b.Build();
  if (!text.ok()) {
    return std::move(text).diags();
  }
  auto done = conn_.Query(*text, params);
  if (!done.ok()) {
    return std::move(done).diags();
  }
  return base::Status::Ok();
}

base::Status Migrator::DeleteRevision(std::string_view version) {
  sql::Builder b(dialect_);
  b.Kw("DELETE FROM").Table(schema_, kRevisionsTable).Kw("WHERE").Ident("version").Kw("= ?");
  auto text = b.Build();
  if (!text.ok()) {
    return std::move(text).diags();
  }
  auto done = conn_.Query(*text, {Value(std::string(version))});
  if (!done.ok()) {
    return std::move(done).diags();
  }
  return base::Status::Ok();
}

std::string Migrator::Now() const {
  const auto secs = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace atlas::engine::drivers::mysql
