#include "engine/drivers/sqlite/migrate.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace atlas::engine::drivers::sqlite {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCreateRevisions =
    "CREATE TABLE `atlas_schema_revisions` (`version` text NOT NULL, `description` text NOT NULL, "
    "`type` integer NOT NULL DEFAULT 2, `applied` integer NOT NULL DEFAULT 0, `total` integer NOT NULL "
    "DEFAULT 0, `executed_at` datetime NOT NULL, `execution_time` integer NOT NULL, `error` text NULL, "
    "`error_stmt` text NULL, `hash` text NOT NULL, `partial_hashes` json NULL, `operator_version` text "
    "NOT NULL, PRIMARY KEY (`version`))";

// Columns an older revisions table may lack, with the clause that adds them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kAddColumns = {{
    {"error", "ALTER TABLE `atlas_schema_revisions` ADD COLUMN `error` text NULL"},
    {"error_stmt", "ALTER TABLE `atlas_schema_revisions` ADD COLUMN `error_stmt` text NULL"},
    {"partial_hashes", "ALTER TABLE `atlas_schema_revisions` ADD COLUMN `partial_hashes` json NULL"},
    {"operator_version",
     "ALTER TABLE `atlas_schema_revisions` ADD COLUMN `operator_version` text NOT NULL DEFAULT ''"},
}};

constexpr std::string_view kTableExists =
    "SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = 'atlas_schema_revisions'";
constexpr std::string_view kColumns = "SELECT name FROM pragma_table_info('atlas_schema_revisions')";
constexpr std::string_view kSelectRevisions =
    "SELECT `version`, `description`, `type`, `applied`, `total`, `executed_at`, `execution_time`, "
    "`error`, `error_stmt`, `hash`, `partial_hashes`, `operator_version` FROM `atlas_schema_revisions` "
    "WHERE `version` <> ?1 ORDER BY `version`";
// Atlas's ent schema marks `description` and `executed_at` immutable, so its upsert
// (UpdateNewValues) keeps them as first written; so does ours.
constexpr std::string_view kUpsertRevision =
    "INSERT INTO `atlas_schema_revisions` (`version`, `description`, `type`, `applied`, `total`, "
    "`executed_at`, `execution_time`, `error`, `error_stmt`, `hash`, `partial_hashes`, "
    "`operator_version`) VALUES (?1, ?2, CAST(?3 AS INTEGER), CAST(?4 AS INTEGER), CAST(?5 AS INTEGER), ?6, "
    "CAST(?7 AS INTEGER), NULLIF(?8, ''), NULLIF(?9, ''), ?10, NULLIF(?11, ''), ?12) ON CONFLICT (`version`) "
    "DO UPDATE SET `type` = `excluded`.`type`, `applied` = "
    "`excluded`.`applied`, `total` = `excluded`.`total`, "
    "`execution_time` = `excluded`.`execution_time`, `error` = `excluded`.`error`, `error_stmt` = "
    "`excluded`.`error_stmt`, `hash` = `excluded`.`hash`, `partial_hashes` = `excluded`.`partial_hashes`, "
    "`operator_version` = `excluded`.`operator_version`";
constexpr std::string_view kDeleteRevision = "DELETE FROM `atlas_schema_revisions` WHERE `version` = ?1";

int64_t ToInt(const std::optional<std::string>& v) {
  if (!v || v->empty()) {
    return 0;
  }
  try {
    return std::stoll(*v);
  } catch (const std::exception&) {
    return 0;
  }
}

int64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class LockFile final : public MigrationLock {
 public:
  explicit LockFile(fs::path path) : path_(std::move(path)) {}
  ~LockFile() override {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  LockFile(const LockFile&) = delete;
  LockFile& operator=(const LockFile&) = delete;
  LockFile(LockFile&&) = delete;
  LockFile& operator=(LockFile&&) = delete;

 private:
  fs::path path_;
};

// Creates `path` exclusively with the expiry; false when it exists.
bool TryCreate(const fs::path& path, int64_t expiry) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    return false;
  }
  const std::string content = std::to_string(expiry);
  const ssize_t n = ::write(fd, content.data(), content.size());
  ::close(fd);
  return n == static_cast<ssize_t>(content.size());
}

// True when the existing lock file has expired (or is unreadable garbage older than a second).
bool Expired(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  if (text.empty()) {
    return false;  // being written right now
  }
  try {
    return std::stoll(text) < NowNanos();
  } catch (const std::exception&) {
    return true;
  }
}

}  // namespace

uint32_t Adler32(std::string_view data) {
  constexpr uint32_t kMod = 65521;
  uint32_t a = 1;
  uint32_t b = 0;
  for (const char c : data) {
    a = (a + static_cast<uint8_t>(c)) % kMod;
    b = (b + a) % kMod;
  }
  return (b << 16) | a;
}

base::Status Migrator::Exec(std::string_view statement) { return conn_.Exec(statement); }

base::Result<bool> Migrator::QueryBool(std::string_view statement) {
  auto rows = conn_.Query(statement);
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  if (rows->empty() || rows->front().empty() || !rows->front().front()) {
    return false;
  }
  const std::string& v = *rows->front().front();
  return v != "0" && v != "" && v != "false" && v != "FALSE";
}

base::Status Migrator::Begin() { return conn_.Exec("BEGIN"); }
base::Status Migrator::Commit() { return conn_.Exec("COMMIT"); }
void Migrator::Rollback() {
  if (conn_.InTransaction()) {
    (void)conn_.Exec("ROLLBACK");
  }
}

base::Result<std::unique_ptr<MigrationLock>> Migrator::Lock(std::string_view name, int64_t timeout_ms) {
  std::string file = std::string(name);
  if (!lock_key_.empty()) {
    file += fmt::format("_{:x}", Adler32(lock_key_));
  }
  const fs::path path = fs::temp_directory_path() / (file + ".lock");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  auto wait = std::chrono::milliseconds(5);
  while (true) {
    if (TryCreate(path, NowNanos() + timeout_ms * 1000000)) {
      return std::unique_ptr<MigrationLock>(std::make_unique<LockFile>(path));
    }
    if (Expired(path)) {
      std::error_code ec;
      fs::remove(path, ec);
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return base::Error("acquiring database lock",
                         fmt::format("sql/sqlite: lock on \"{}\" already taken", name));
    }
    std::this_thread::sleep_for(wait);
    wait = std::min(wait * 2, std::chrono::milliseconds(100));
  }
}

base::Status Migrator::SetRevisionsSchema(std::string_view schema) {
  if (!schema.empty() && schema != "main") {
    return base::Error("Invalid revisions schema",
                       fmt::format("cannot store revisions-table in a separate schema (\"{}\") with SQLite driver",
                                   schema));
  }
  return base::Status::Ok();
}

base::Status Migrator::InitRevisions() {
  auto exists = conn_.Query(kTableExists);
  if (!exists.ok()) {
    return std::move(exists).diags();
  }
  if (exists->empty()) {
    return conn_.Exec(kCreateRevisions);
  }
  auto cols = conn_.Query(kColumns);
  if (!cols.ok()) {
    return std::move(cols).diags();
  }
  for (const auto& [name, add] : kAddColumns) {
    bool found = false;
    for (const auto& row : *cols) {
      found = found || (!row.empty() && row[0] && *row[0] == name);
    }
    if (!found) {
      if (auto st = conn_.Exec(add); !st.ok()) {
        return st;
      }
    }
  }
  return base::Status::Ok();
}

base::Result<std::vector<Revision>> Migrator::ReadRevisions() {
  auto exists = conn_.Query(kTableExists);
  if (!exists.ok()) {
    return std::move(exists).diags();
  }
  std::vector<Revision> out;
  if (exists->empty()) {
    return out;
  }
  if (auto st = InitRevisions(); !st.ok()) {
    return std::move(st).diags();
  }
  auto rows = conn_.Query(kSelectRevisions, {std::string(kCloudIdentifierVersion)});
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  for (const auto& r : *rows) {
    Revision rev;
    rev.version = r[0].value_or("");
    rev.description = r[1].value_or("");
    rev.type = ToInt(r[2]);
    rev.applied = ToInt(r[3]);
    rev.total = ToInt(r[4]);
    rev.executed_at = r[5].value_or("");
    rev.execution_time = ToInt(r[6]);
    rev.error = r[7];
    rev.error_stmt = r[8];
    rev.hash = r[9].value_or("");
    if (r[10] && !r[10]->empty()) {
      auto j = nlohmann::json::parse(*r[10], nullptr, false);
      if (j.is_array()) {
        std::vector<std::string> hashes;
        for (const auto& h : j) {
          if (h.is_string()) {
            hashes.push_back(h.get<std::string>());
          }
        }
        rev.partial_hashes = std::move(hashes);
      }
    }
    rev.operator_version = r[11].value_or("");
    out.push_back(std::move(rev));
  }
  return out;
}

base::Status Migrator::WriteRevision(const Revision& rev) {
  std::string partial;
  if (rev.partial_hashes) {
    partial = nlohmann::json(*rev.partial_hashes).dump();
  }
  auto done = conn_.Query(kUpsertRevision,
                          {rev.version, rev.description, std::to_string(rev.type), std::to_string(rev.applied),
                           std::to_string(rev.total), rev.executed_at, std::to_string(rev.execution_time),
                           rev.error.value_or(""), rev.error_stmt.value_or(""), rev.hash, partial,
                           rev.operator_version});
  if (!done.ok()) {
    return std::move(done).diags();
  }
  return base::Status::Ok();
}

base::Status Migrator::DeleteRevision(std::string_view version) {
  auto done = conn_.Query(kDeleteRevision, {std::string(version)});
  if (!done.ok()) {
    return std::move(done).diags();
  }
  return base::Status::Ok();
}

// Go's time.Time as mattn/go-sqlite3 stores it: "2006-01-02 15:04:05.999999999-07:00" (UTC here).
std::string Migrator::Now() const {
  const int64_t ns = NowNanos();
  const std::time_t secs = static_cast<std::time_t>(ns / 1000000000);
  int64_t frac = ns % 1000000000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::string out = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (frac != 0) {
    std::string f = fmt::format("{:09}", frac);
    while (!f.empty() && f.back() == '0') {
      f.pop_back();
    }
    out += "." + f;
  }
  return out + "+00:00";
}

}  // namespace atlas::engine::drivers::sqlite
