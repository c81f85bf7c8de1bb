#include "engine/drivers/mysql/conn.hpp"

#include <charconv>

#include <mysql.h>

#include "engine/url/url.hpp"

namespace atlas::engine::drivers::mysql {
namespace {

struct ResDeleter {
  void operator()(MYSQL_RES* r) const noexcept { mysql_free_result(r); }
};
using ResPtr = std::unique_ptr<MYSQL_RES, ResDeleter>;

}  // namespace

std::string_view Rows::Text(int row, int col) const {
  const auto& v = rows_[row][col];
  return v ? std::string_view(*v) : std::string_view();
}

int64_t Rows::Int(int row, int col) const {
  const std::string_view t = Text(row, col);
  int64_t out = 0;
  std::from_chars(t.data(), t.data() + t.size(), out);
  return out;
}

void Conn::Deleter::operator()(st_mysql* c) const noexcept {
  mysql_close(c);
}

base::Result<Conn> Conn::Open(const ConnOptions& o) {
  MYSQL* raw = mysql_init(nullptr);
  if (raw == nullptr) {
    return base::Error("mysql: cannot allocate a connection", "mysql_init failed");
  }
  Conn conn(raw);
  unsigned int timeout = o.connect_timeout_seconds;
  mysql_options(raw, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(raw, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (o.tls != ConnOptions::Tls::kDisabled) {
    mysql_ssl_set(raw, nullptr, nullptr, nullptr, nullptr, nullptr);
    const my_bool enforce = o.tls == ConnOptions::Tls::kPreferred ? 0 : 1;
    const my_bool verify = o.tls == ConnOptions::Tls::kVerify ? 1 : 0;
    mysql_optionsv(raw, MYSQL_OPT_SSL_ENFORCE, &enforce);
    mysql_optionsv(raw, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
  }
  const auto opt = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
  if (mysql_real_connect(raw, opt(o.host), o.user.c_str(), o.password.c_str(), opt(o.database),
                         static_cast<unsigned int>(o.port), opt(o.socket), 0) == nullptr) {
    return base::Error("mysql: cannot connect to the database",
                       url::RedactUrlsInText(mysql_error(raw)));
  }
  // The client library may fall back to plain text when the server offers no TLS; a URL that
  // requires TLS must not silently get a plain connection.
  const bool required =
      o.tls == ConnOptions::Tls::kSkipVerify || o.tls == ConnOptions::Tls::kVerify;
  if (required && mysql_get_ssl_cipher(raw) == nullptr) {
    return base::Error("mysql: cannot connect to the database",
                       "TLS is required by the URL (tls=" +
                           std::string(o.tls == ConnOptions::Tls::kVerify ? "true" : "skip-verify") +
                           ") but the server did not negotiate TLS");
  }
  return conn;
}

base::Diagnostic Conn::Failure(std::string_view sql) const {
  base::Diagnostic d = base::Error("mysql: statement failed",
                                   "Error " + std::to_string(mysql_errno(conn_.get())) + " (" +
                                       mysql_sqlstate(conn_.get()) +
                                       "): " + url::RedactUrlsInText(mysql_error(conn_.get())));
  d.statement = std::string(sql);
  return d;
}

std::string Conn::QuoteLiteral(std::string_view text) const {
  std::string out(text.size() * 2 + 3, '\0');
  out[0] = '\'';
  const auto n = mysql_real_escape_string(conn_.get(), out.data() + 1, text.data(),
                                          static_cast<unsigned long>(text.size()));  // NOLINT
  out.resize(n + 1);
  out += '\'';
  return out;
}

base::Result<std::string> Conn::Bind(std::string_view sql, const std::vector<Param>& params) const {
  if (params.empty()) {
    return std::string(sql);
  }
  std::string out;
  size_t next = 0;
  char quote = 0;
  for (const char c : sql) {
    if (quote != 0) {
      quote = c == quote ? 0 : quote;
      out += c;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    if (next >= params.size()) {
      return base::Error("mysql: query parameter count mismatch", std::string(sql));
    }
    const Param& p = params[next++];
    if (const auto* scalar = std::get_if<std::optional<std::string>>(&p)) {
      out += *scalar ? QuoteLiteral(**scalar) : std::string("NULL");
    } else {
      const auto& list = std::get<std::vector<std::string>>(p);
      out += '(';
      for (size_t i = 0; i < list.size(); ++i) {
        out += i == 0 ? "" : ", ";
        out += QuoteLiteral(list[i]);
      }
      out += list.empty() ? "NULL)" : ")";
    }
  }
  if (next != params.size()) {
    return base::Error("mysql: query parameter count mismatch", std::string(sql));
  }
  return out;
}

base::Result<Rows> Conn::Query(std::string_view sql, const std::vector<Param>& params) const {
  auto text = Bind(sql, params);
  if (!text.ok()) {
    return std::move(text).diags();
  }
  ++round_trips_;
  if (mysql_real_query(conn_.get(), text->data(),
                       static_cast<unsigned long>(text->size())) != 0) {  // NOLINT
    return Failure(sql);
  }
  ResPtr res(mysql_store_result(conn_.get()));
  if (!res) {
    if (mysql_field_count(conn_.get()) != 0) {
      return Failure(sql);
    }
    if (auto st = DrainResults(sql); !st.ok()) {
      return std::move(st).diags();
    }
    return Rows();
  }
  const unsigned int n = mysql_num_fields(res.get());
  std::vector<Rows::Row> rows;
  while (MYSQL_ROW row = mysql_fetch_row(res.get())) {
    const unsigned long* lengths = mysql_fetch_lengths(res.get());  // NOLINT(google-runtime-int)
    Rows::Row& out = rows.emplace_back();
    out.reserve(n);
    for (unsigned int i = 0; i < n; ++i) {
      if (row[i] == nullptr) {
        out.emplace_back(std::nullopt);
      } else {
        out.emplace_back(std::string(row[i], lengths[i]));
      }
    }
  }
  if (auto st = DrainResults(sql); !st.ok()) {
    return std::move(st).diags();
  }
  return Rows(std::move(rows));
}

base::Status Conn::DrainResults(std::string_view sql) const {
  // A CALL sends the result sets of its statements, then a status; an error in a later statement
  // of the procedure arrives here.
  while (mysql_more_results(conn_.get()) != 0) {
    const int next = mysql_next_result(conn_.get());
    if (next > 0) {
      return Failure(sql);
    }
    if (next < 0) {
      break;
    }
    ResPtr extra(mysql_store_result(conn_.get()));
  }
  return {};
}

base::Status Conn::Exec(std::string_view sql) const {
  auto r = Query(sql);
  if (!r.ok()) {
    return std::move(r).diags();
  }
  return {};
}

unsigned long Conn::ServerVersion() const {  // NOLINT(google-runtime-int)
  return mysql_get_server_version(conn_.get());
}

std::string Conn::ServerInfo() const {
  const char* info = mysql_get_server_info(conn_.get());
  return info != nullptr ? info : "";
}

}  // namespace atlas::engine::drivers::mysql
