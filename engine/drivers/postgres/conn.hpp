#pragma once
// RAII wrappers over libpq for the PostgreSQL driver: Conn owns a PGconn (PQfinish), Rows owns a
// PGresult (PQclear). Queries bind every value as a text parameter (PQexecParams); DDL runs through
// the simple protocol; a Batch pipelines several queries. Errors come back as Diagnostics that
// carry the failing statement. libpq types are only forward-declared here so no header outside this
// folder sees libpq-fe.h.
//
// Thread-safety: a Conn is move-only and must be used by one thread at a time; Rows are immutable
// values safe to read from several threads.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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
  friend class Batch;
};

class Conn;

// One query of a Batch.
struct BatchQuery {
  std::string sql;
  std::vector<Param> params;
};

// Queries sent to the server at once (libpq pipeline mode): the server runs them back to back
// while the caller reads and processes each result in order, so the client's work on one result
// overlaps the server's work on the next ones. Where libpq has no pipeline mode the queries run
// one by one as Next() asks for them. Destroying a Batch reads whatever was not read, leaving the
// connection ready for other queries. Not thread-safe (it uses its connection).
class Batch {
 public:
  ~Batch();
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  Batch(Batch&&) = delete;
  Batch& operator=(Batch&&) = delete;

  // The result of the next query, in the order they were given; an error once all were read.
  base::Result<Rows> Next();

 private:
  friend class Conn;
  Batch(const Conn& conn, std::vector<BatchQuery> queries);
  void Drain() noexcept;

  const Conn& conn_;
  std::vector<BatchQuery> queries_;
  size_t next_ = 0;
  bool pipelined_ = false;  // the queries were sent; results are pending on the connection
  std::string send_error_;  // why sending failed (every Next() reports it)
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
  // Sends queries together (see Batch); each one counts as a round trip in RoundTrips(). The
  // connection must not be used for anything else until the Batch is destroyed.
  std::unique_ptr<Batch> SendBatch(std::vector<BatchQuery> queries) const;

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
  friend class Batch;
  std::unique_ptr<pg_conn, Deleter> conn_;
  mutable int64_t round_trips_ = 0;
};

// Builds the diagnostic for a failed statement: summary, server message (with SQLSTATE) and the
// SQL.
base::Diagnostic StatementError(std::string summary, std::string message, std::string_view sql);

}  // namespace atlas::engine::drivers::postgres
