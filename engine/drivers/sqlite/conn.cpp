#include "engine/drivers/sqlite/conn.hpp"

#include <fmt/format.h>

namespace atlas::engine::drivers::sqlite {

base::Result<Connection> Connection::Open(const std::string& filename, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(filename.c_str(), &raw, flags | SQLITE_OPEN_URI, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    const std::string msg = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    return base::Error("Cannot open SQLite database", fmt::format("sqlite: {}", msg));
  }
  sqlite3_extended_result_codes(db.get(), 1);
  return Connection(std::move(db));
}

std::string Connection::ErrorMessage() const {
  return sqlite3_errmsg(db_.get());
}

base::Status Connection::Exec(std::string_view sql) {
  const char* tail = sql.data();
  const char* end = sql.data() + sql.size();
  while (tail < end) {
    sqlite3_stmt* raw = nullptr;
    const char* next = nullptr;
    const int rc = sqlite3_prepare_v2(db_.get(), tail, static_cast<int>(end - tail), &raw, &next);
    StmtHandle stmt(raw);
    if (rc != SQLITE_OK) {
      base::Diagnostic d =
          base::Error("SQL statement failed", fmt::format("sqlite: {}", ErrorMessage()));
      d.statement = std::string(sql);
      return d;
    }
    tail = next;
    if (!stmt) {
      continue;  // whitespace or comment only
    }
    int step = SQLITE_ROW;
    while (step == SQLITE_ROW) {
      step = sqlite3_step(stmt.get());
    }
    if (step != SQLITE_DONE) {
      base::Diagnostic d =
          base::Error("SQL statement failed", fmt::format("sqlite: {}", ErrorMessage()));
      d.statement = std::string(sql);
      return d;
    }
  }
  return base::Status::Ok();
}

base::Result<std::vector<Row>> Connection::Query(std::string_view sql,
                                                 const std::vector<std::string>& args) {
  sqlite3_stmt* raw = nullptr;
  const int rc =
      sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  StmtHandle stmt(raw);
  if (rc != SQLITE_OK || !stmt) {
    base::Diagnostic d = base::Error("SQL query failed", fmt::format("sqlite: {}", ErrorMessage()));
    d.statement = std::string(sql);
    return d;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    sqlite3_bind_text(stmt.get(), static_cast<int>(i + 1), args[i].data(),
                      static_cast<int>(args[i].size()), SQLITE_TRANSIENT);
  }
  std::vector<Row> rows;
  const int ncol = sqlite3_column_count(stmt.get());
  while (true) {
    const int step = sqlite3_step(stmt.get());
    if (step == SQLITE_DONE) {
      break;
    }
    if (step != SQLITE_ROW) {
      base::Diagnostic d =
          base::Error("SQL query failed", fmt::format("sqlite: {}", ErrorMessage()));
      d.statement = std::string(sql);
      return d;
    }
    Row row;
    row.reserve(static_cast<size_t>(ncol));
    for (int c = 0; c < ncol; ++c) {
      if (sqlite3_column_type(stmt.get(), c) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
        continue;
      }
      const auto* text = sqlite3_column_text(stmt.get(), c);
      const int len = sqlite3_column_bytes(stmt.get(), c);
      row.emplace_back(std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(len)));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace atlas::engine::drivers::sqlite
