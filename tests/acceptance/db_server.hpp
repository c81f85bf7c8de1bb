#pragma once
// Throwaway database servers for acceptance tests: PostgreSQL 15 and MariaDB, each in its own temp
// dir, listening on a free 127.0.0.1 port (plus a unix socket inside the temp dir), with a
// password-protected account. Start() polls until the server accepts connections; the destructor
// stops the server and removes the directory. Works as root (PostgreSQL runs as the `postgres`
// user, else `nobody`; mariadbd gets --user=root) and as a normal user.
// PostgresEnvironment / MariaDbEnvironment share one lazily started server per test process as a
// GoogleTest environment (stopped in TearDown); use ATLAS_ACC_REQUIRE_POSTGRES / _MARIADB in tests.
// Servers: not thread-safe for concurrent Start/Stop; Query/Exec open their own connection each
// call and may run concurrently.

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "engine/base/result.hpp"
#include "tests/acceptance/process.hpp"
#include "tests/acceptance/temp_dir.hpp"

namespace atlas::tests::acceptance {

using Rows = std::vector<std::vector<std::optional<std::string>>>;

// A free TCP port on 127.0.0.1 (bound to port 0, read back, released).
engine::base::Result<int> FreeLoopbackPort();
// Looks `name` up in $PATH, then /usr/sbin and /sbin. Empty when not found.
std::filesystem::path FindExecutable(std::string_view name);

// Runs a command to completion (stdin /dev/null) and captures its output.
struct CommandResult {
  ExitStatus status;
  std::string out;
  std::string err;
};
engine::base::Result<CommandResult> RunCommand(
    const std::filesystem::path& program, const std::vector<std::string>& args,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(60000),
    const std::vector<std::pair<std::string, std::string>>& extra_env = {});

class PostgresServer {
 public:
  struct Options {
    std::filesystem::path bin_dir = "/usr/lib/postgresql/15/bin";
    std::string user = "postgres";      // superuser created by initdb
    std::string password = "pass";      // required for TCP (scram-sha-256)
    std::chrono::milliseconds start_timeout{60000};
  };
  // Empty when the server binaries exist, else why not (for GTEST_SKIP).
  static std::string Unavailable(const Options& options);
  static engine::base::Result<std::unique_ptr<PostgresServer>> Start(const Options& options);
  static engine::base::Result<std::unique_ptr<PostgresServer>> Start() { return Start(Options{}); }

  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  PostgresServer(PostgresServer&&) = delete;
  PostgresServer& operator=(PostgresServer&&) = delete;

  std::string host() const { return "127.0.0.1"; }
  int port() const { return port_; }
  const std::string& user() const { return options_.user; }
  const std::string& password() const { return options_.password; }
  const std::filesystem::path& socket_dir() const { return dir_.path(); }
  // "postgres://USER:PASS@127.0.0.1:PORT/DATABASE?sslmode=disable"
  std::string Url(std::string_view database = "postgres") const;
  // libpq keyword/value string for the TCP endpoint with password.
  std::string ConnInfo(std::string_view database = "postgres") const;

  // Runs SQL (may hold several statements) as the superuser over TCP.
  engine::base::Status Exec(std::string_view sql, std::string_view database = "postgres") const;
  // Runs one query and returns its rows as text (NULL = nullopt).
  engine::base::Result<Rows> Query(std::string_view sql,
                                   std::string_view database = "postgres") const;
  // Creates a fresh database (dropping a previous one of the same name) and returns its URL.
  engine::base::Result<std::string> CreateDatabase(std::string_view name) const;
  // Tail of the server log (stderr), for failure messages.
  std::string Log() const { return process_ ? process_->Stderr() : std::string(); }
  // Stops the server (fast shutdown). Called by the destructor.
  void Stop();

 private:
  PostgresServer(Options options, TempDir dir) : options_(std::move(options)), dir_(std::move(dir)) {}

  Options options_;
  TempDir dir_;
  int port_ = 0;
  std::unique_ptr<Process> process_;
};

class MariaDbServer {
 public:
  struct Options {
    std::filesystem::path server = "";        // empty: FindExecutable("mariadbd")
    std::filesystem::path install_db = "";    // empty: FindExecutable("mariadb-install-db")
    std::string user = "atlas";               // created with CREATE USER ... IDENTIFIED BY
    std::string password = "pass";
    std::chrono::milliseconds start_timeout{60000};
  };
  static std::string Unavailable(const Options& options);
  static engine::base::Result<std::unique_ptr<MariaDbServer>> Start(const Options& options);
  static engine::base::Result<std::unique_ptr<MariaDbServer>> Start() { return Start(Options{}); }

  ~MariaDbServer();
  MariaDbServer(const MariaDbServer&) = delete;
  MariaDbServer& operator=(const MariaDbServer&) = delete;
  MariaDbServer(MariaDbServer&&) = delete;
  MariaDbServer& operator=(MariaDbServer&&) = delete;

  std::string host() const { return "127.0.0.1"; }
  int port() const { return port_; }
  const std::string& user() const { return options_.user; }
  const std::string& password() const { return options_.password; }
  std::filesystem::path socket_path() const { return dir_.path() / "mysqld.sock"; }
  // "<scheme>://USER:PASS@127.0.0.1:PORT/DATABASE" (scheme mysql, maria or mariadb).
  std::string Url(std::string_view database = "", std::string_view scheme = "mysql") const;

  // Runs SQL (several statements allowed) as the created user over TCP.
  engine::base::Status Exec(std::string_view sql, std::string_view database = "") const;
  engine::base::Result<Rows> Query(std::string_view sql, std::string_view database = "") const;
  // Creates a fresh database (dropping a previous one of the same name) and returns its URL.
  engine::base::Result<std::string> CreateDatabase(std::string_view name) const;
  std::string Log() const { return process_ ? process_->Stderr() : std::string(); }
  void Stop();

 private:
  MariaDbServer(Options options, TempDir dir) : options_(std::move(options)), dir_(std::move(dir)) {}

  Options options_;
  TempDir dir_;
  int port_ = 0;
  std::unique_ptr<Process> process_;
};

// One server per test process, started on first use, stopped when GoogleTest tears environments
// down. Get() registers the environment with GoogleTest the first time (GoogleTest owns it).
class PostgresEnvironment : public ::testing::Environment {
 public:
  static PostgresEnvironment& Get();
  // The running server; nullptr when unavailable (reason in skip_reason()). A start failure with
  // the binaries present also records a test failure.
  PostgresServer* Server();
  std::string skip_reason() const;
  void TearDown() override;

 private:
  mutable std::mutex mu_;
  bool tried_ = false;                      // guarded by mu_
  std::string skip_reason_;                 // guarded by mu_
  std::unique_ptr<PostgresServer> server_;  // guarded by mu_
};

class MariaDbEnvironment : public ::testing::Environment {
 public:
  static MariaDbEnvironment& Get();
  MariaDbServer* Server();
  std::string skip_reason() const;
  void TearDown() override;

 private:
  mutable std::mutex mu_;
  bool tried_ = false;
  std::string skip_reason_;
  std::unique_ptr<MariaDbServer> server_;
};

}  // namespace atlas::tests::acceptance

// In a test body: declares `var` (a server pointer) or skips the test with the reason.
#define ATLAS_ACC_REQUIRE_POSTGRES(var)                                                   \
  ::atlas::tests::acceptance::PostgresServer* var =                                      \
      ::atlas::tests::acceptance::PostgresEnvironment::Get().Server();                   \
  if ((var) == nullptr) {                                                                \
    GTEST_SKIP() << ::atlas::tests::acceptance::PostgresEnvironment::Get().skip_reason(); \
  }                                                                                      \
  static_assert(true)

#define ATLAS_ACC_REQUIRE_MARIADB(var)                                                   \
  ::atlas::tests::acceptance::MariaDbServer* var =                                      \
      ::atlas::tests::acceptance::MariaDbEnvironment::Get().Server();                   \
  if ((var) == nullptr) {                                                               \
    GTEST_SKIP() << ::atlas::tests::acceptance::MariaDbEnvironment::Get().skip_reason(); \
  }                                                                                     \
  static_assert(true)
