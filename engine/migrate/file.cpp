#include "engine/migrate/file.hpp"

#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "engine/base/hash.hpp"
#include "engine/sql/splitter.hpp"

namespace atlas::engine::migrate {

namespace {

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  return s;
}
std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  return s;
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char n = s[i + 1];
      if (n == 'n' || n == 't' || n == 'r' || n == '\\') {
        out += n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : '\\';
        ++i;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : s) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == ',') {
      if (!cur.empty()) {
        out.push_back(cur);
        cur.clear();
      }
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) {
    out.push_back(cur);
  }
  return out;
}

int LineOf(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
    }
  }
  return line;
}

// Txtar sections: name -> (content, offset of the content in the file).
struct Section {
  std::string name;
  std::string_view content;
  size_t offset = 0;
};

std::vector<Section> TxtarSections(std::string_view data) {
  std::vector<Section> out;
  size_t at = 0;
  while (at < data.size()) {
    size_t nl = data.find('\n', at);
    const size_t end = nl == std::string_view::npos ? data.size() : nl;
    const std::string_view line = TrimRight(data.substr(at, end - at));
    if (line.size() > 6 && line.substr(0, 3) == "-- " && line.substr(line.size() - 3) == " --") {
      if (!out.empty()) {
        out.back().content = data.substr(out.back().offset, at - out.back().offset);
      }
      Section s;
      s.name = std::string(TrimLeft(TrimRight(line.substr(3, line.size() - 6))));
      s.offset = nl == std::string_view::npos ? data.size() : nl + 1;
      out.push_back(s);
    }
    at = nl == std::string_view::npos ? data.size() : nl + 1;
  }
  if (!out.empty()) {
    out.back().content = data.substr(out.back().offset);
  }
  return out;
}

base::Result<std::vector<Statement>> SplitPart(std::string_view text, size_t base_offset, std::string_view whole,
                                               const std::string& filename, sql::DialectKind dialect,
                                               const std::optional<std::string>& delimiter) {
  sql::SplitOptions opts = sql::SplitOptions::For(dialect);
  if (delimiter) {
    opts.delimiter = *delimiter;
  }
  opts.delimiter_command = dialect == sql::DialectKind::kMysql;
  auto parts = sql::Split(text, opts, filename);
  if (!parts.ok()) {
    return std::move(parts).diags();
  }
  std::vector<Statement> out;
  const bool default_delim = !delimiter || *delimiter == ";";
  for (auto& p : *parts) {
    Statement s;
    s.text = default_delim ? p.text + ";" : p.text;
    s.offset = base_offset + static_cast<size_t>(p.pos.byte);
    s.line = LineOf(whole, s.offset);
    s.comments = std::move(p.comments);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

base::Result<Directives> ParseDirectives(const File& file) {
  Directives d;
  std::string_view data = file.bytes;
  size_t at = 0;
  int line_no = 0;
  while (at < data.size()) {
    size_t nl = data.find('\n', at);
    const size_t end = nl == std::string_view::npos ? data.size() : nl;
    std::string_view line = data.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    at = end + 1;
    ++line_no;
    if (line.substr(0, 2) != "--") {
      break;  // a blank line or a statement ends the leading comment block
    }
    std::string_view body = TrimLeft(line.substr(2));
    if (body.substr(0, 6) != "atlas:") {
      continue;
    }
    body.remove_prefix(6);
    const size_t sp = body.find_first_of(" \t");
    const std::string_view name = body.substr(0, sp);
    const std::string_view args = sp == std::string_view::npos ? std::string_view() : TrimLeft(body.substr(sp));
    auto where = [&] { return fmt::format("{}:{}", file.name, line_no); };
    if (name == "txmode") {
      if (d.txmode) {
        return base::Error("Invalid migration file",
                           fmt::format("{}: multiple txmode directives found in file", where()));
      }
      const std::string mode(TrimRight(args));
      if (mode != "none" && mode != "file" && mode != "all") {
        return base::Error("Invalid migration file",
                           fmt::format("{}: unknown txmode {:?} (expected none, file)", where(), mode));
      }
      d.txmode = mode;
    } else if (name == "delimiter") {
      const std::string delim = Unescape(TrimRight(args));
      if (delim.empty()) {
        return base::Error("Invalid migration file", fmt::format("{}: empty delimiter directive", where()));
      }
      d.delimiter = delim;
    } else if (name == "nolint") {
      d.nolint = Words(args);
    } else if (name == "txtar") {
      d.txtar = true;
    } else if (name == "sum") {
      d.sum_ignore = TrimRight(args) == "ignore";
    }
  }
  return d;
}

base::Result<ParsedFile> ParseFile(const File& file, sql::DialectKind dialect) {
  auto directives = ParseDirectives(file);
  if (!directives.ok()) {
    return std::move(directives).diags();
  }
  ParsedFile out;
  out.name = file.name;
  out.directives = *directives;
  const std::string_view whole = file.bytes;
  if (!out.directives.txtar) {
    auto stmts = SplitPart(whole, 0, whole, file.name, dialect, out.directives.delimiter);
    if (!stmts.ok()) {
      return std::move(stmts).diags();
    }
    out.statements = std::move(*stmts);
    return out;
  }
  bool has_migration = false;
  for (const auto& s : TxtarSections(whole)) {
    if (s.name != "checks.sql" && s.name != "migration.sql") {
      continue;
    }
    // A section may carry its own directives (e.g. a delimiter) in its leading comments.
    auto sec_directives = ParseDirectives(File{file.name, std::string(s.content)});
    if (!sec_directives.ok()) {
      return std::move(sec_directives).diags();
    }
    const auto delim = sec_directives->delimiter ? sec_directives->delimiter : out.directives.delimiter;
    auto stmts = SplitPart(s.content, s.offset, whole, file.name, dialect, delim);
    if (!stmts.ok()) {
      return std::move(stmts).diags();
    }
    if (s.name == "checks.sql") {
      out.checks = std::move(*stmts);
    } else {
      if (sec_directives->txmode && !out.directives.txmode) {
        out.directives.txmode = sec_directives->txmode;
      }
      out.statements = std::move(*stmts);
      has_migration = true;
    }
  }
  if (!has_migration) {
    return base::Error("Invalid migration file",
                       fmt::format("{}: txtar file has no \"-- migration.sql --\" section", file.name));
  }
  return out;
}

std::vector<std::string> PartialHashes(const std::vector<Statement>& statements) {
  std::vector<std::string> out;
  base::Sha256Hasher h;
  for (const auto& s : statements) {
    h.Write(s.text);
    out.push_back("h1:" + base::Base64Std(h.Sum()));
  }
  return out;
}

}  // namespace atlas::engine::migrate
