#pragma once
// RAII wrappers over libpq for the PostgreSQL driver: Conn owns a PGconn (PQfinish), Rows owns a
// PGresult (PQclear). Queries bind every value as a text parameter (PQexecParams); DDL runs through
// the simple protocol. Errors come back as Diagnostics that carry the failing statement.
// libpq types are only forward-declared here so no header outside this folder sees libpq-fe.h.
//
// Thread-safety: a Conn is move-only and must be used by one thread at a time; Rows are immutable
// values safe to read from several threads.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/base/result.hpp"

struct pg_conn;
struct pg_result;

namespace atlas::engine::drivers::postgres {

// One query parameter in text form; nullopt is SQL NULL.
using Param = std::optional<std::string>;

class Rows {
 public:
  Rows() = default;

  int size() const;
  bool empty() const { return size() == 0; }
  int columns() const;
  bool IsNull(int row, int col) const;
  // Text value; empty for NULL.
  std::string_view Text(int row, int col) const;
  std::optional<std::string> Optional(int row, int col) const;
  // PostgreSQL boolean text ("t"); false for NULL.
  bool Bool(int row, int col) const;
  // Integer value; 0 for NULL.
  int64_t Int(int row, int col) const;

 private:
  explicit Rows(pg_result* r);
  std::shared_ptr<pg_result> res_;  // shared: Rows are cheap immutable values
  friend class Conn;
};

class Conn {
 public:
  // Connects with a libpq connection string (keyword/value or postgres:// URI).
  static base::Result<Conn> Open(const std::string& conninfo);

  Conn(Conn&&) noexcept = default;
  Conn& operator=(Conn&&) noexcept = default;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() = default;

  // Runs one query with bound text parameters (extended protocol).
  base::Result<Rows> Query(std::string_view sql, std::span<const Param> params = {}) const;
  base::Result<Rows> Query(std::string_view sql, std::initializer_list<Param> params) const {
    return Query(sql, std::span<const Param>(params.begin(), params.size()));
  }
  // Runs one statement without parameters (simple protocol): DDL, transaction control.
  base::Status Exec(std::string_view sql) const;

  // server_version_num, e.g. 150004.
  int ServerVersion() const;
  // Round trips made so far (queries and statements); lets tests check that inspection is
  // set-based.
  int64_t RoundTrips() const { return round_trips_; }
  // True while the connection is usable.
  bool Healthy() const;

 private:
  struct Deleter {
    void operator()(pg_conn* c) const noexcept;
  };
  explicit Conn(pg_conn* c) : conn_(c) {}
  std::unique_ptr<pg_conn, Deleter> conn_;
  mutable int64_t round_trips_ = 0;
};

// Builds the diagnostic for a failed statement: summary, server message (with SQLSTATE) and the
// SQL.
base::Diagnostic StatementError(std::string summary, std::string message, std::string_view sql);

}  // namespace atlas::engine::drivers::postgres
