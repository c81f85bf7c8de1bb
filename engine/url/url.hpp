#pragma once
// Database and source URLs (Atlas's URL forms): sqlite://path, sqlite://name?mode=memory,
// file://path, file:path, postgres:// / postgresql://, mysql://, maria:// / mariadb://.
//
// A Url formats REDACTED by default (ToString, operator<<, fmt): the password, and the value of a
// `password` query parameter, are printed as "xxxxx" (Go's url.Redacted). Only drivers call
// ConnectionString() or Password(). RedactUrlsInText() scrubs passwords from arbitrary text (error
// messages from client libraries).
//
// Url is an immutable value; thread-compatible. The free functions are pure and thread-safe.

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "engine/base/result.hpp"

namespace atlas::engine::url {

// Replacement text for secrets, as Atlas prints them.
inline constexpr std::string_view kRedacted = "xxxxx";

class Url {
 public:
  // Parses `text`. Errors never echo the password (the text is redacted in messages).
  static base::Result<Url> Parse(std::string_view text);

  // Lower-cased scheme: "sqlite", "postgres", "postgresql", "mysql", "maria", "mariadb", "file",
  // ...
  const std::string& scheme() const { return scheme_; }
  // Percent-decoded user name; empty when absent.
  const std::string& user() const { return user_; }
  // True when a password was given (even an empty one: "u:@host").
  bool has_password() const { return has_password_; }
  // Percent-decoded host (IPv6 without brackets); empty for sqlite/file URLs.
  const std::string& host() const { return host_; }
  std::optional<int> port() const { return port_; }
  // Percent-decoded path including its leading '/', e.g. "/app" for postgres://h/app. Empty when
  // absent.
  const std::string& path() const { return path_; }
  // Database name: path() without the leading '/' (postgres, mysql).
  std::string Database() const;
  // File-like target for sqlite:// and file: URLs: everything between "scheme://" (or "scheme:")
  // and the query, percent-decoded: "file.db", "dir/file.db", "/abs/file.db", "dev" (for
  // sqlite://dev?mode=memory).
  const std::string& FilePath() const { return file_path_; }
  // Decoded query parameters in their original order ('+' decodes to a space, as Go's
  // url.ParseQuery).
  const std::vector<std::pair<std::string, std::string>>& query() const { return query_; }
  // First value of a query parameter, if present.
  std::optional<std::string> Param(std::string_view key) const;
  bool HasParam(std::string_view key) const { return Param(key).has_value(); }
  const std::string& fragment() const { return fragment_; }

  // Atlas's bound schema ("" = realm-bound): sqlite -> "main"; postgres -> the `search_path`
  // parameter; mysql/maria -> the database in the path.
  std::string BoundSchema() const;
  bool SchemaBound() const { return !BoundSchema().empty(); }

  // The URL with the password (and a `password` query value) replaced by "xxxxx". Default
  // formatting.
  std::string Redacted() const;
  std::string ToString() const { return Redacted(); }

  // DRIVERS ONLY: the URL exactly as given, password included.
  const std::string& ConnectionString() const { return text_; }
  // DRIVERS ONLY: the percent-decoded password.
  const std::string& Password() const { return password_; }

  bool operator==(const Url& other) const { return text_ == other.text_; }

 private:
  Url() = default;

  std::string text_;
  std::string scheme_;
  std::string user_;
  std::string password_;
  bool has_password_ = false;
  std::string host_;
  std::optional<int> port_;
  std::string path_;
  std::string file_path_;
  std::vector<std::pair<std::string, std::string>> query_;
  std::string fragment_;
  // Byte ranges of text_ to print as kRedacted (password, password query values), sorted, disjoint.
  std::vector<std::pair<size_t, size_t>> secret_spans_;
};

// Redacted form.
std::ostream& operator<<(std::ostream& os, const Url& u);

// Replaces the password of every "scheme://user:password@..." found in `text` with "xxxxx", as well
// as `password=value` pairs (URL query or libpq keyword form). Over-redacts rather than leaks: the
// password is everything between the first ':' after "://" and the last '@' of the
// whitespace-delimited token.
std::string RedactUrlsInText(std::string text);

// Percent-decodes `s` ('+' stays '+' unless plus_as_space). nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_as_space = false);

}  // namespace atlas::engine::url

template <>
struct fmt::formatter<atlas::engine::url::Url> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const atlas::engine::url::Url& u, FormatContext& ctx) const {
    const std::string s = u.Redacted();
    return fmt::formatter<std::string_view>::format(std::string_view(s), ctx);
  }
};
