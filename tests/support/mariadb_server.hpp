#pragma once
// MariaDbServer: a throwaway MariaDB server for engine tests. Start() runs mariadb-install-db into
// a fresh temp dir, starts mariadbd on a free 127.0.0.1 port (unix socket inside the temp dir) and
// polls until it accepts connections (with a deadline, no blind sleeps); root@localhost (no
// password, socket only) creates the password-protected TCP account the tests use. As root the
// server runs with --user=root (mariadbd allows that explicitly). The server gets SIGTERM if the
// test process dies. The destructor stops it and removes the directory.
// MariaDbEnvironment: one server per test binary, started lazily by the first MariaDbTest and
// stopped in GoogleTest's global TearDown; ATLAS_TEST_MYSQL_URL ("mysql://user:pass@host:port")
// selects a running server instead. MariaDbTest: fixture giving each test its own database
// (dropped afterwards); skips when the server binaries are absent.
//
// Thread-safety: Server() may be called from several threads; Exec/CreateDatabase open their own
// connection per call.

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <sys/types.h>

#include "engine/base/result.hpp"

namespace atlas::tests::support {

class MariaDbServer {
 public:
  struct Options {
    std::string user = "atlas";
    std::string password = "pass";
    std::chrono::milliseconds start_timeout{60000};
  };
  static std::string Unavailable();
  static engine::base::Result<std::unique_ptr<MariaDbServer>> Start(const Options& options);
  static std::unique_ptr<MariaDbServer> External(std::string base_url);

  ~MariaDbServer();
  MariaDbServer(const MariaDbServer&) = delete;
  MariaDbServer& operator=(const MariaDbServer&) = delete;
  MariaDbServer(MariaDbServer&&) = delete;
  MariaDbServer& operator=(MariaDbServer&&) = delete;

  // "<scheme>://atlas:pass@127.0.0.1:PORT/DATABASE".
  std::string Url(std::string_view database, std::string_view scheme = "mysql") const;
  engine::base::Status CreateDatabase(std::string_view name) const;
  engine::base::Status DropDatabase(std::string_view name) const;
  // Runs SQL text (several statements allowed) in `database` ("" = none).
  engine::base::Status Exec(std::string_view database, std::string_view sql) const;

 private:
  MariaDbServer() = default;
  void Stop() noexcept;

  std::string host_ = "127.0.0.1";
  int port_ = 0;
  std::string user_;
  std::string password_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
};

class MariaDbEnvironment final : public ::testing::Environment {
 public:
  static MariaDbEnvironment& Instance();
  const MariaDbServer* Server(bool* skip, std::string* why);
  void TearDown() override;

 private:
  MariaDbEnvironment() = default;
  std::mutex mu_;
  bool tried_ = false;                     // guarded by mu_
  bool skip_ = false;                      // guarded by mu_
  std::string error_;                      // guarded by mu_
  std::unique_ptr<MariaDbServer> server_;  // guarded by mu_
};

class MariaDbTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  const MariaDbServer& server() const { return *server_; }
  const std::string& database() const { return databases_.front(); }
  std::string Url(std::string_view scheme = "mysql") const {
    return server_->Url(database(), scheme);
  }
  // One more database owned by this test (dropped in TearDown).
  std::string CreateDatabase();
  void ExecSql(std::string_view sql) { ExecSqlIn(database(), sql); }
  void ExecSqlIn(std::string_view db, std::string_view sql);

 private:
  const MariaDbServer* server_ = nullptr;
  std::vector<std::string> databases_;
};

}  // namespace atlas::tests::support
