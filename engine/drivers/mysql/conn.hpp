#pragma once
// RAII wrappers over libmariadb (mysqlclient API) for the MySQL/MariaDB driver: Conn owns a MYSQL*
// (mysql_close); query results are copied out of a MYSQL_RES (mysql_free_result) into Rows values.
// Parameters are bound client-side: each `?` outside quotes is replaced by the value escaped with
// mysql_real_escape_string for the connection's character set, or by a parenthesized list for
// list parameters. Errors come back as Diagnostics carrying the failing statement; libmariadb
// types are only forward-declared so no header outside this folder sees mysql.h.
//
// Thread-safety: a Conn is move-only and must be used by one thread at a time; Rows are plain
// values.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/base/result.hpp"

struct st_mysql;

namespace atlas::engine::drivers::mysql {

// Server flavour, detected once at connect.
enum class Flavor { kMysql, kMariaDb };

// One bound value: a scalar (nullopt = NULL) or a list written as ('a', 'b').
using Param = std::variant<std::optional<std::string>, std::vector<std::string>>;

class Rows {
 public:
  using Row = std::vector<std::optional<std::string>>;
  Rows() = default;
  explicit Rows(std::vector<Row> rows) : rows_(std::move(rows)) {}

  int size() const { return static_cast<int>(rows_.size()); }
  bool empty() const { return rows_.empty(); }
  // Columns of the first row (0 when there are no rows).
  int columns() const { return rows_.empty() ? 0 : static_cast<int>(rows_.front().size()); }
  bool IsNull(int row, int col) const { return !rows_[row][col].has_value(); }
  // Text value; empty for NULL.
  std::string_view Text(int row, int col) const;
  const std::optional<std::string>& Optional(int row, int col) const { return rows_[row][col]; }
  // Integer value; 0 for NULL or non-numeric text.
  int64_t Int(int row, int col) const;

 private:
  std::vector<Row> rows_;
};

struct ConnOptions {
  std::string host;  // empty: localhost over the default socket
  int port = 0;
  std::string user;
  std::string password;
  std::string database;  // empty: none selected
  std::string socket;
  unsigned int connect_timeout_seconds = 10;
  // The URL's `tls` parameter (go-sql-driver values, as in Atlas URLs): kDisabled ("false", the
  // default), kPreferred (TLS when the server offers it), kSkipVerify (TLS required, certificate
  // not verified), kVerify ("true": TLS required, certificate and host verified).
  enum class Tls { kDisabled, kPreferred, kSkipVerify, kVerify };
  Tls tls = Tls::kDisabled;
};

class Conn {
 public:
  static base::Result<Conn> Open(const ConnOptions& options);

  Conn(Conn&&) noexcept = default;
  Conn& operator=(Conn&&) noexcept = default;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() = default;

  base::Result<Rows> Query(std::string_view sql, const std::vector<Param>& params = {}) const;
  // Runs one statement (no result set expected; one that arrives is discarded).
  base::Status Exec(std::string_view sql) const;
  // 'text' escaped for this connection (with the surrounding quotes).
  std::string QuoteLiteral(std::string_view text) const;

  // mysql_get_server_version: 100000*major + 100*minor + patch, e.g. 101119.
  unsigned long ServerVersion() const;  // NOLINT(google-runtime-int): libmariadb's type
  // mysql_get_server_info, e.g. "10.11.19-MariaDB-0+deb12u1".
  std::string ServerInfo() const;
  int64_t RoundTrips() const { return round_trips_; }

 private:
  struct Deleter {
    void operator()(st_mysql* c) const noexcept;
  };
  explicit Conn(st_mysql* c) : conn_(c) {}
  base::Result<std::string> Bind(std::string_view sql, const std::vector<Param>& params) const;
  base::Diagnostic Failure(std::string_view sql) const;
  // Reads the remaining results of a multi-result statement (CALL) so the next query can run.
  base::Status DrainResults(std::string_view sql) const;

  std::unique_ptr<st_mysql, Deleter> conn_;
  mutable int64_t round_trips_ = 0;
};

}  // namespace atlas::engine::drivers::mysql
