#pragma once
// PostgresServer: a throwaway PostgreSQL cluster for engine tests. Start() runs initdb into a fresh
// temp dir, starts `postgres` on a free 127.0.0.1 port (unix socket inside the temp dir, trust
// auth), and polls until it accepts connections (with a deadline, no blind sleeps). The destructor
// stops the server and removes the directory. PostgreSQL refuses to run as root: when the test runs
// as root the server runs as an unprivileged account (ATLAS_TEST_PG_USER, else `atlas-test`,
// created with useradd when missing, else `postgres`/`nobody`). The server gets SIGQUIT if the test
// process dies, so a crashed test leaves no running postmaster behind. The initdb output is cached
// in Options::template_dir (created atomically by the first process, then copied by the others).
//
// Thread-safety: Start/destruction are not thread-safe; CreateDatabase/DropDatabase/Exec open their
// own connection per call and may run concurrently.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <sys/types.h>

#include "engine/base/result.hpp"

namespace atlas::tests::support {

class PostgresServer {
 public:
  struct Options {
    std::filesystem::path bin_dir = "/usr/lib/postgresql/15/bin";
    std::string superuser = "postgres";  // role created by initdb
    std::chrono::milliseconds start_timeout{60000};
    // Cache of a freshly initdb'ed data directory: copying it is much cheaper than running initdb
    // in every test process. Empty disables the cache. The build sets it to <build>/pg-template.
    std::filesystem::path template_dir = DefaultTemplateDir();
  };
  static std::filesystem::path DefaultTemplateDir();

  // Empty when initdb and postgres exist in options.bin_dir, else a sentence saying why not.
  static std::string Unavailable(const Options& options);
  static engine::base::Result<std::unique_ptr<PostgresServer>> Start(const Options& options);
  // Uses an already running server instead (e.g. ATLAS_TEST_POSTGRES_URL in CI):
  // `base_url` is "postgres://user[:pass]@host:port" without database or query. Nothing is stopped.
  static std::unique_ptr<PostgresServer> External(std::string base_url);

  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  PostgresServer(PostgresServer&&) = delete;
  PostgresServer& operator=(PostgresServer&&) = delete;

  int port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }

  // "postgres://postgres@127.0.0.1:PORT/DATABASE?sslmode=disable" plus "&<extra_query>" when given.
  std::string Url(std::string_view database, std::string_view extra_query = {}) const;

  // Creates / drops a database (names are quoted; DROP uses IF EXISTS ... WITH (FORCE)).
  engine::base::Status CreateDatabase(std::string_view name) const;
  engine::base::Status DropDatabase(std::string_view name) const;
  // Runs SQL text (may hold several statements) in `database` as the superuser.
  engine::base::Status Exec(std::string_view database, std::string_view sql) const;

 private:
  PostgresServer() = default;
  void Stop() noexcept;

  std::string base_url_;       // "postgres://user@host:port"
  std::filesystem::path dir_;  // temp dir: data/, socket, server.log (empty when external)
  int port_ = 0;
  pid_t pid_ = -1;  // postmaster, -1 when external or stopped
};

}  // namespace atlas::tests::support
