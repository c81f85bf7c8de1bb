#include "engine/drivers/sqlite/driver.hpp"
#include "engine/drivers/sqlite/lint.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "engine/drivers/sqlite/conn.hpp"
#include "engine/drivers/sqlite/diff.hpp"
#include "engine/drivers/sqlite/exec.hpp"
#include "engine/drivers/sqlite/inspect.hpp"
#include "engine/drivers/sqlite/migrate.hpp"
#include "engine/drivers/sqlite/plan.hpp"
#include "engine/sql/builder.hpp"

namespace atlas::engine::drivers::sqlite {

namespace {

constexpr int kMinVersion = 3037000;  // pragma_table_list, STRICT

bool Truthy(std::string_view v) {
  std::string l(v);
  for (auto& c : l) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return l == "1" || l == "true" || l == "yes" || l == "on";
}

// Percent-encodes the characters SQLite's URI parser treats specially in a filename.
std::string EncodePath(std::string_view path) {
  std::string out;
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#' || static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string EncodeParam(std::string_view v) {
  std::string out;
  for (const char c : v) {
    if (c == '%' || c == '&' || c == '#' || c == '=' || static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class SqliteDriver final : public drivers::Driver {
 public:
  SqliteDriver(url::Url u, Connection conn)
      : url_(std::move(u)),
        conn_(std::move(conn)),
        inspector_(conn_),
        executor_(conn_),
        dev_(conn_),
        migrator_(conn_, LockKey(url_)) {}

  std::string_view Name() const override { return "sqlite"; }
  const sql::Dialect& dialect() const override { return dialect_; }
  const url::Url& url() const override { return url_; }
  std::string BoundSchema() const override { return "main"; }
  drivers::Inspector& inspector() override { return inspector_; }
  const drivers::DiffHooks& diff_hooks() const override { return hooks_; }
  const lint::Registry& lint_analyzers() const override { return LintAnalyzers(); }
  const drivers::Planner& planner() const override { return planner_; }
  drivers::Executor& executor() override { return executor_; }
  drivers::DevDatabase* dev() override { return &dev_; }
  drivers::Migrator* migrator() override { return &migrator_; }

 private:
  // Atlas keys the lock file on the database file; in-memory databases share the plain name.
  static std::string LockKey(const url::Url& u) {
    const auto mode = u.Param("mode");
    return mode && *mode == "memory" ? std::string() : u.host() + u.path();
  }

  url::Url url_;
  sql::Dialect dialect_ = sql::Dialect::Sqlite();
  Connection conn_;
  Inspector inspector_;
  DiffHooks hooks_;
  Planner planner_;
  Executor executor_;
  DevDatabase dev_;
  Migrator migrator_;
};

}  // namespace

base::Result<OpenTarget> TargetOf(const url::Url& u) {
  if (u.scheme() != "sqlite" && u.scheme() != "sqlite3") {
    return base::Error("Unsupported URL", fmt::format("{}: not an sqlite:// URL", u.Redacted()));
  }
  OpenTarget t;
  std::string params;
  static constexpr std::array<std::string_view, 6> kNative = {"mode", "cache",  "immutable",
                                                              "vfs",  "nolock", "psow"};
  for (const auto& [k, v] : u.query()) {
    if (std::find(kNative.begin(), kNative.end(), k) != kNative.end()) {
      params += params.empty() ? "?" : "&";
      params += EncodeParam(k) + "=" + EncodeParam(v);
    } else if (k == "_fk" || k == "_foreign_keys") {
      t.foreign_keys = Truthy(v);
    } else if (k == "_busy_timeout" || k == "_timeout") {
      if (v.empty() ||
          !std::all_of(v.begin(), v.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) ||
          v.size() > 9) {
        return base::Error("Invalid URL",
                           fmt::format("{}: {} must be a number of milliseconds", u.Redacted(), k));
      }
      t.busy_timeout_ms = std::stoi(v);
    } else if (k == "_journal_mode" || k == "_journal") {
      static constexpr std::array<std::string_view, 6> kModes = {"delete", "truncate", "persist",
                                                                 "memory", "wal",      "off"};
      std::string mode = v;
      for (auto& c : mode) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      if (std::find(kModes.begin(), kModes.end(), mode) == kModes.end()) {
        return base::Error("Invalid URL",
                           fmt::format("{}: unknown journal mode {:?}", u.Redacted(), v));
      }
      t.journal_mode = mode;
    }
    // Other go-sqlite3 style parameters (_txlock, _cache_size ...) are accepted and ignored.
  }
  t.uri = "file:" + EncodePath(u.FilePath()) + params;
  return t;
}

base::Result<std::unique_ptr<drivers::Driver>> Open(const url::Url& u) {
  if (sqlite3_libversion_number() < kMinVersion) {
    return base::Error("Unsupported SQLite version",
                       fmt::format("SQLite {} is linked; version 3.37 or newer is required",
                                   sqlite3_libversion()));
  }
  auto target = TargetOf(u);
  if (!target.ok()) {
    return std::move(target).diags();
  }
  auto conn = Connection::Open(target->uri, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!conn.ok()) {
    auto diags = std::move(conn).diags();
    for (auto& d : diags.items()) {
      d.detail = fmt::format("{}: {}", u.Redacted(), d.detail);
    }
    return diags;
  }
  if (target->busy_timeout_ms > 0) {
    sqlite3_busy_timeout(conn->get(), target->busy_timeout_ms);
  }
  if (target->foreign_keys) {
    if (auto st = conn->Exec("PRAGMA foreign_keys = on"); !st.ok()) {
      return std::move(st).diags();
    }
  }
  if (!target->journal_mode.empty()) {
    sql::Builder b(sql::Dialect::Sqlite(), std::string());
    b.Kw("PRAGMA journal_mode =").Kw(target->journal_mode);
    if (auto st = conn->Exec(b.String()); !st.ok()) {
      return std::move(st).diags();
    }
  }
  // Fail early on files that are not SQLite databases.
  if (auto st = conn->Exec("SELECT count(*) FROM main.sqlite_schema"); !st.ok()) {
    auto diags = std::move(st).diags();
    for (auto& d : diags.items()) {
      d.summary = "Cannot open SQLite database";
      d.detail = fmt::format("{}: {}", u.Redacted(), d.detail);
      d.statement.reset();
    }
    return diags;
  }
  return std::unique_ptr<drivers::Driver>(std::make_unique<SqliteDriver>(u, std::move(*conn)));
}

}  // namespace atlas::engine::drivers::sqlite
