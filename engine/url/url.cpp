#include "engine/url/url.hpp"

#include <algorithm>
#include <cctype>

namespace atlas::engine::url {

namespace {

bool IsSchemeChar(char c, bool first) {
  const auto u = static_cast<unsigned char>(c);
  if (std::isalpha(u) != 0) {
    return true;
  }
  return !first && (std::isdigit(u) != 0 || c == '+' || c == '-' || c == '.');
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool EqualsFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// Schemes whose body is a file path rather than an authority (no user, host or port).
bool IsFileScheme(std::string_view scheme) {
  return scheme == "sqlite" || scheme == "sqlite3" || scheme == "file" || scheme == "libsql+file";
}

// The input as it may appear in a message: passwords redacted, also in "scheme:user:pass@host"
// forms.
std::string Echo(std::string_view text) {
  if (text.find("://") == std::string_view::npos) {
    const size_t colon = text.find(':');
    const size_t at = text.rfind('@');
    if (colon != std::string_view::npos && at != std::string_view::npos && colon < at) {
      return fmt::format("{}:{}{}", text.substr(0, colon), kRedacted, text.substr(at));
    }
  }
  return RedactUrlsInText(std::string(text));
}

base::Diagnostic ParseError(std::string_view text, std::string detail) {
  return base::Error("Invalid URL", fmt::format("{}: {}", Echo(text), detail));
}

bool IsTokenEnd(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"' || c == '\'' || c == '`' ||
         c == '<' || c == '>';
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) {
        return std::nullopt;
      }
      const int hi = HexValue(s[i + 1]);
      const int lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) {
        return std::nullopt;
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
      continue;
    }
    if (c == '+' && plus_as_space) {
      out.push_back(' ');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

base::Result<Url> Url::Parse(std::string_view text) {
  if (text.empty()) {
    return base::Error("Invalid URL", "the URL is empty");
  }
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return base::Error("Invalid URL", "the URL contains a control character");
    }
  }
  size_t i = 0;
  while (i < text.size() && IsSchemeChar(text[i], i == 0)) {
    ++i;
  }
  if (i == 0 || i >= text.size() || text[i] != ':') {
    return ParseError(text,
                      "missing scheme (expected a URL such as sqlite://file.db or "
                      "postgres://user:pass@host:5432/db)");
  }
  Url u;
  u.text_ = std::string(text);
  u.scheme_ = Lower(text.substr(0, i));
  size_t pos = i + 1;  // after "scheme:"
  size_t end = text.size();
  if (const size_t hash = text.find('#', pos); hash != std::string_view::npos) {
    auto frag = PercentDecode(text.substr(hash + 1));
    if (!frag) {
      return ParseError(text, "malformed percent-escape in the fragment");
    }
    u.fragment_ = std::move(*frag);
    end = hash;
  }
  const std::string_view body = text.substr(pos, end - pos);
  const bool has_slashes = body.substr(0, 2) == "//";
  size_t query_at = std::string_view::npos;

  if (IsFileScheme(u.scheme_)) {
    const size_t start = has_slashes ? pos + 2 : pos;
    query_at = text.find('?', start);
    if (query_at != std::string_view::npos && query_at >= end) {
      query_at = std::string_view::npos;
    }
    const size_t path_end = query_at == std::string_view::npos ? end : query_at;
    auto decoded = PercentDecode(text.substr(start, path_end - start));
    if (!decoded) {
      return ParseError(text, "malformed percent-escape in the path");
    }
    if (decoded->empty()) {
      return ParseError(text, fmt::format("missing path (expected {}://path/to/file)", u.scheme_));
    }
    u.file_path_ = std::move(*decoded);
    if (!u.file_path_.empty() && u.file_path_[0] == '/') {
      u.path_ = u.file_path_;
    }
  } else {
    if (!has_slashes) {
      return ParseError(text,
                        fmt::format("expected {}://[user[:password]@]host[:port]/...", u.scheme_));
    }
    const size_t auth_start = pos + 2;
    // The user info ends at the last '@' before the query: passwords may contain '@' or '/'
    // unescaped.
    size_t limit = text.find('?', auth_start);
    if (limit == std::string_view::npos || limit > end) {
      limit = end;
    }
    size_t at = std::string_view::npos;
    for (size_t k = auth_start; k < limit; ++k) {
      if (text[k] == '@') {
        at = k;
      }
    }
    size_t host_start = auth_start;
    if (at != std::string_view::npos) {
      const std::string_view userinfo = text.substr(auth_start, at - auth_start);
      const size_t colon = userinfo.find(':');
      auto user = PercentDecode(userinfo.substr(0, colon));
      if (!user) {
        return ParseError(text, "malformed percent-escape in the user name");
      }
      u.user_ = std::move(*user);
      if (colon != std::string_view::npos) {
        u.has_password_ = true;
        const size_t pass_begin = auth_start + colon + 1;
        u.secret_spans_.emplace_back(pass_begin, at);
        auto pass = PercentDecode(text.substr(pass_begin, at - pass_begin));
        if (!pass) {
          return ParseError(text, "malformed percent-escape in the password");
        }
        u.password_ = std::move(*pass);
      }
      host_start = at + 1;
    }
    size_t host_end = host_start;
    while (host_end < end && text[host_end] != '/' && text[host_end] != '?') {
      ++host_end;
    }
    std::string_view hostport = text.substr(host_start, host_end - host_start);
    std::string_view port;
    if (!hostport.empty() && hostport[0] == '[') {
      const size_t close = hostport.find(']');
      if (close == std::string_view::npos) {
        return ParseError(text, "missing ']' in the IPv6 host");
      }
      const std::string_view after = hostport.substr(close + 1);
      if (!after.empty()) {
        if (after[0] != ':') {
          return ParseError(text, "unexpected characters after the IPv6 host");
        }
        port = after.substr(1);
      }
      hostport = hostport.substr(1, close - 1);
    } else if (const size_t colon = hostport.rfind(':'); colon != std::string_view::npos) {
      port = hostport.substr(colon + 1);
      hostport = hostport.substr(0, colon);
    }
    if (!port.empty()) {
      if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
          })) {
        return ParseError(text, "invalid port (expected a number between 1 and 65535)");
      }
      const int value = std::stoi(std::string(port));
      if (value < 1 || value > 65535) {
        return ParseError(text, "invalid port (expected a number between 1 and 65535)");
      }
      u.port_ = value;
    }
    auto host = PercentDecode(hostport);
    if (!host) {
      return ParseError(text, "malformed percent-escape in the host");
    }
    u.host_ = std::move(*host);
    query_at = text.find('?', host_end);
    if (query_at != std::string_view::npos && query_at >= end) {
      query_at = std::string_view::npos;
    }
    const size_t path_end = query_at == std::string_view::npos ? end : query_at;
    auto path = PercentDecode(text.substr(host_end, path_end - host_end));
    if (!path) {
      return ParseError(text, "malformed percent-escape in the path");
    }
    u.path_ = std::move(*path);
  }

  if (query_at != std::string_view::npos) {
    size_t k = query_at + 1;
    while (k <= end) {
      size_t amp = text.find('&', k);
      if (amp == std::string_view::npos || amp > end) {
        amp = end;
      }
      const std::string_view pair = text.substr(k, amp - k);
      if (!pair.empty()) {
        const size_t eq = pair.find('=');
        auto key = PercentDecode(pair.substr(0, eq), true);
        std::optional<std::string> value = std::string();
        if (eq != std::string_view::npos) {
          value = PercentDecode(pair.substr(eq + 1), true);
        }
        if (!key || !value) {
          return ParseError(text, "malformed percent-escape in the query");
        }
        if (eq != std::string_view::npos && EqualsFold(*key, "password") && eq + 1 < pair.size()) {
          u.secret_spans_.emplace_back(k + eq + 1, amp);
        }
        u.query_.emplace_back(std::move(*key), std::move(*value));
      }
      k = amp + 1;
    }
  }
  std::sort(u.secret_spans_.begin(), u.secret_spans_.end());
  return u;
}

std::string Url::Database() const {
  if (!path_.empty() && path_[0] == '/') {
    return path_.substr(1);
  }
  return path_;
}

std::optional<std::string> Url::Param(std::string_view key) const {
  for (const auto& [k, v] : query_) {
    if (k == key) {
      return v;
    }
  }
  return std::nullopt;
}

std::string Url::BoundSchema() const {
  if (scheme_ == "sqlite" || scheme_ == "sqlite3" || scheme_ == "libsql+file") {
    return "main";
  }
  if (scheme_ == "postgres" || scheme_ == "postgresql") {
    return Param("search_path").value_or("");
  }
  if (scheme_ == "mysql" || scheme_ == "maria" || scheme_ == "mariadb") {
    return Database();
  }
  return "";
}

std::string Url::Redacted() const {
  std::string out;
  out.reserve(text_.size());
  size_t pos = 0;
  for (const auto& [b, e] : secret_spans_) {
    out.append(text_, pos, b - pos);
    out.append(kRedacted);
    pos = e;
  }
  out.append(text_, pos, std::string::npos);
  return out;
}

std::ostream& operator<<(std::ostream& os, const Url& u) {
  return os << u.Redacted();
}

std::string RedactUrlsInText(std::string text) {
  // 1. scheme://user:password@host
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (true) {
    const size_t sep = text.find("://", pos);
    if (sep == std::string::npos) {
      break;
    }
    const size_t start = sep + 3;
    size_t token_end = start;
    while (token_end < text.size() && !IsTokenEnd(text[token_end])) {
      ++token_end;
    }
    const size_t at = text.rfind('@', token_end == 0 ? 0 : token_end - 1);
    const size_t colon = text.find(':', start);
    if (at != std::string::npos && at >= start && at < token_end && colon != std::string::npos &&
        colon < at) {
      out.append(text, pos, colon + 1 - pos);
      out.append(kRedacted);
      out.append(text, at, token_end - at);
    } else {
      out.append(text, pos, token_end - pos);
    }
    pos = token_end;
  }
  out.append(text, pos, std::string::npos);

  // 2. password=value (query parameter or libpq keyword/value form).
  std::string result;
  result.reserve(out.size());
  pos = 0;
  static constexpr std::string_view kKey = "password=";
  for (size_t k = 0; k + kKey.size() <= out.size();) {
    bool match = EqualsFold(std::string_view(out).substr(k, kKey.size()), kKey);
    if (match && k > 0) {
      const auto prev = static_cast<unsigned char>(out[k - 1]);
      match = std::isalnum(prev) == 0 && prev != '_';
    }
    if (!match) {
      ++k;
      continue;
    }
    const size_t vstart = k + kKey.size();
    size_t vend = vstart;
    while (vend < out.size() && !IsTokenEnd(out[vend]) && out[vend] != '&' && out[vend] != ';') {
      ++vend;
    }
    result.append(out, pos, vstart - pos);
    if (vend > vstart) {
      result.append(kRedacted);
    }
    pos = vend;
    k = vend;
  }
  result.append(out, pos, std::string::npos);
  return result;
}

}  // namespace atlas::engine::url
