#include "engine/drivers/postgres/conn.hpp"

#include <charconv>
#include <vector>

#include <libpq-fe.h>

namespace atlas::engine::drivers::postgres {
namespace {

void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
    s.pop_back();
  }
  return s;
}

// "ERROR:  message" with SQLSTATE when the server sent one.
std::string ResultMessage(const PGresult* res, const PGconn* conn) {
  std::string msg;
  if (res != nullptr) {
    msg = Trim(PQresultErrorMessage(res));
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (state != nullptr && msg.find(state) == std::string::npos) {
      msg += " (SQLSTATE " + std::string(state) + ")";
    }
  }
  if (msg.empty() && conn != nullptr) {
    msg = Trim(PQerrorMessage(conn));
  }
  return msg;
}

}  // namespace

base::Diagnostic StatementError(std::string summary, std::string message, std::string_view sql) {
  base::Diagnostic d = base::Diagnostic::Error(std::move(summary), std::move(message));
  d.statement = std::string(sql);
  return d;
}

Rows::Rows(pg_result* r) : res_(r, [](pg_result* p) { PQclear(p); }) {}

int Rows::size() const {
  return res_ ? PQntuples(res_.get()) : 0;
}

int Rows::columns() const {
  return res_ ? PQnfields(res_.get()) : 0;
}

bool Rows::IsNull(int row, int col) const {
  return PQgetisnull(res_.get(), row, col) != 0;
}

std::string_view Rows::Text(int row, int col) const {
  if (IsNull(row, col)) {
    return {};
  }
  return {PQgetvalue(res_.get(), row, col), static_cast<size_t>(PQgetlength(res_.get(), row, col))};
}

std::optional<std::string> Rows::Optional(int row, int col) const {
  if (IsNull(row, col)) {
    return std::nullopt;
  }
  return std::string(Text(row, col));
}

bool Rows::Bool(int row, int col) const {
  return Text(row, col) == "t";
}

int64_t Rows::Int(int row, int col) const {
  const std::string_view t = Text(row, col);
  int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

void Conn::Deleter::operator()(pg_conn* c) const noexcept {
  PQfinish(c);
}

base::Result<Conn> Conn::Open(const std::string& conninfo) {
  Conn conn(PQconnectdb(conninfo.c_str()));
  if (!conn.conn_) {
    return base::Error("Could not connect to PostgreSQL", "out of memory");
  }
  if (PQstatus(conn.conn_.get()) != CONNECTION_OK) {
    return base::Error("Could not connect to PostgreSQL", Trim(PQerrorMessage(conn.conn_.get())));
  }
  PQsetNoticeProcessor(conn.conn_.get(), IgnoreNotice, nullptr);
  return conn;
}

base::Result<Rows> Conn::Query(std::string_view sql, std::span<const Param> params) const {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) {
    values.push_back(p ? p->c_str() : nullptr);
  }
  const std::string text(sql);
  ++round_trips_;
  Rows rows(PQexecParams(conn_.get(), text.c_str(), static_cast<int>(values.size()), nullptr,
                         values.data(), nullptr, nullptr, 0));
  const auto status = PQresultStatus(rows.res_.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    return StatementError("PostgreSQL query failed", ResultMessage(rows.res_.get(), conn_.get()),
                          sql);
  }
  return rows;
}

base::Status Conn::Exec(std::string_view sql) const {
  const std::string text(sql);
  ++round_trips_;
  Rows rows(PQexec(conn_.get(), text.c_str()));
  const auto status = PQresultStatus(rows.res_.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY) {
    return StatementError("PostgreSQL statement failed",
                          ResultMessage(rows.res_.get(), conn_.get()), sql);
  }
  return {};
}

std::unique_ptr<Batch> Conn::SendBatch(std::vector<BatchQuery> queries) const {
  return std::unique_ptr<Batch>(new Batch(*this, std::move(queries)));
}

Batch::Batch(const Conn& conn, std::vector<BatchQuery> queries)
    : conn_(conn), queries_(std::move(queries)) {
#ifdef LIBPQ_HAS_PIPELINING
  PGconn* c = conn_.conn_.get();
  if (queries_.empty() || PQenterPipelineMode(c) != 1) {
    return;  // not idle, or no pipeline support: Next() runs the queries one by one
  }
  pipelined_ = true;
  for (const auto& q : queries_) {
    std::vector<const char*> values;
    values.reserve(q.params.size());
    for (const auto& p : q.params) {
      values.push_back(p ? p->c_str() : nullptr);
    }
    ++conn_.round_trips_;
    if (PQsendQueryParams(c, q.sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                          nullptr, nullptr, 0) != 1) {
      send_error_ = Trim(PQerrorMessage(c));
      break;
    }
  }
  if (send_error_.empty() && PQpipelineSync(c) != 1) {
    send_error_ = Trim(PQerrorMessage(c));
  }
  if (!send_error_.empty()) {
    Drain();
  }
#endif
}

Batch::~Batch() {
  Drain();
}

base::Result<Rows> Batch::Next() {
  if (next_ >= queries_.size()) {
    return base::Error("PostgreSQL query failed", "no more queries in this batch");
  }
  const BatchQuery& q = queries_[next_++];
  if (!send_error_.empty()) {
    return StatementError("PostgreSQL query failed", send_error_, q.sql);
  }
  if (!pipelined_) {
    return conn_.Query(q.sql, q.params);
  }
#ifdef LIBPQ_HAS_PIPELINING
  PGconn* c = conn_.conn_.get();
  // One result per query, then a null that ends it.
  Rows rows(PQgetResult(c));
  while (PGresult* extra = PQgetResult(c)) {
    PQclear(extra);
  }
  const auto status = PQresultStatus(rows.res_.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    return StatementError("PostgreSQL query failed", ResultMessage(rows.res_.get(), c), q.sql);
  }
  return rows;
#else
  return base::Error("PostgreSQL query failed", "pipeline mode is not available");
#endif
}

// Reads the results nobody asked for and the sync, then leaves pipeline mode.
void Batch::Drain() noexcept {
#ifdef LIBPQ_HAS_PIPELINING
  if (!pipelined_) {
    return;
  }
  pipelined_ = false;
  PGconn* c = conn_.conn_.get();
  if (send_error_.empty()) {
    for (; next_ < queries_.size(); ++next_) {
      while (PGresult* r = PQgetResult(c)) {
        PQclear(r);
      }
    }
    // The sync's own result.
    while (PGresult* r = PQgetResult(c)) {
      const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
      PQclear(r);
      if (sync) {
        break;
      }
    }
  }
  if (PQexitPipelineMode(c) != 1) {
    // A broken pipeline (failed send): the connection cannot be trusted any more.
    PQreset(c);
  }
#endif
}

int Conn::ServerVersion() const {
  return PQserverVersion(conn_.get());
}

bool Conn::Healthy() const {
  return conn_ && PQstatus(conn_.get()) == CONNECTION_OK;
}

}  // namespace atlas::engine::drivers::postgres
