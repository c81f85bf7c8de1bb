#include "engine/sql/splitter.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <fmt/format.h>

namespace atlas::engine::sql {

namespace {

bool IsWordStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

struct Chunk {
  size_t begin;
  size_t end;
};

class Scanner {
 public:
  Scanner(std::string_view in, const SplitOptions& opts)
      : in_(in), opts_(opts), delim_(opts.delimiter.empty() ? ";" : opts.delimiter) {}

  // Fills chunks_; on error returns the offending offset and message.
  std::optional<std::pair<size_t, std::string>> Run() {
    size_t start = 0;
    size_t i = 0;
    while (i < in_.size()) {
      const char c = in_[i];
      const char next = i + 1 < in_.size() ? in_[i + 1] : '\0';
      if (opts_.delimiter_command && words_ == 0 && (c == 'D' || c == 'd') && AtLineStart(i) &&
          Blank(start, i) && PeekWord(i) == "DELIMITER") {
        size_t nl = in_.find('\n', i);
        nl = nl == std::string_view::npos ? in_.size() : nl;
        std::string_view tok = in_.substr(i + 9, nl - i - 9);
        while (!tok.empty() && std::isspace(static_cast<unsigned char>(tok.front())) != 0) {
          tok.remove_prefix(1);
        }
        while (!tok.empty() && std::isspace(static_cast<unsigned char>(tok.back())) != 0) {
          tok.remove_suffix(1);
        }
        if (tok.empty()) {
          return std::make_pair(i, std::string("DELIMITER without a delimiter"));
        }
        delim_ = std::string(tok);
        i = nl;
        start = nl;
        continue;
      }
      if (delim_ != ";" && in_.compare(i, delim_.size(), delim_) == 0) {
        chunks_.push_back({start, i});
        i += delim_.size();
        start = i;
        ResetStatement();
        continue;
      }
      if (c == '\'' || c == '"' || c == '`' || (c == '[' && opts_.bracket_idents)) {
        const char close = c == '[' ? ']' : c;
        const auto end = SkipQuoted(i, close, c == '\'' && opts_.backslash_escapes);
        if (!end) {
          return std::make_pair(i, std::string("unterminated quoted string or identifier"));
        }
        i = *end;
        continue;
      }
      if ((c == '-' && next == '-') || (c == '#' && opts_.hash_comments)) {
        const size_t nl = in_.find('\n', i);
        i = nl == std::string_view::npos ? in_.size() : nl + 1;
        continue;
      }
      if (c == '/' && next == '*') {
        const auto end = SkipBlockComment(i);
        if (!end) {
          return std::make_pair(i, std::string("unterminated /* comment"));
        }
        i = *end;
        continue;
      }
      if (c == '$' && opts_.dollar_quotes) {
        if (const auto end = SkipDollar(i)) {
          if (*end == std::string_view::npos) {
            return std::make_pair(i, std::string("unterminated dollar-quoted string"));
          }
          i = *end;
          continue;
        }
        ++i;
        continue;
      }
      if (IsWordStart(c) && (i == 0 || (!IsWordChar(in_[i - 1]) && in_[i - 1] != '.'))) {
        size_t j = i;
        // A custom delimiter made of word characters ends the word: "END$$".
        while (j < in_.size() && IsWordChar(in_[j]) &&
               (delim_ == ";" || in_.compare(j, delim_.size(), delim_) != 0)) {
          ++j;
        }
        Word(Upper(in_.substr(i, j - i)), j);
        i = j;
        continue;
      }
      if (c == ';' && depth_ <= 0 && delim_ == ";") {
        chunks_.push_back({start, i});
        start = i + 1;
        ResetStatement();
        ++i;
        continue;
      }
      ++i;
    }
    if (depth_ > 0 && block_) {
      return std::make_pair(block_at_, std::string("unterminated BEGIN ... END block"));
    }
    chunks_.push_back({start, in_.size()});
    return std::nullopt;
  }

  const std::vector<Chunk>& chunks() const { return chunks_; }

 private:
  void ResetStatement() {
    words_ = 0;
    block_ = false;
    depth_ = 0;
    skip_next_ = false;
  }

  void Word(const std::string& w, size_t end) {
    if (words_ < 8) {
      if (words_ == 0 && w != "CREATE") {
        words_ = 8;  // not a CREATE statement: never block-aware
      } else if (w == "TRIGGER" || w == "FUNCTION" || w == "PROCEDURE" || w == "EVENT") {
        block_ = opts_.begin_end && delim_ == ";";
      }
      ++words_;
    }
    if (!block_) {
      return;
    }
    if (skip_next_) {
      skip_next_ = false;
      return;
    }
    if (w == "BEGIN" || w == "CASE") {
      if (depth_ == 0) {
        block_at_ = end - w.size();
      }
      ++depth_;
    } else if (w == "END") {
      const std::string after = PeekWord(end);
      if (after == "IF" || after == "LOOP" || after == "WHILE" || after == "REPEAT") {
        skip_next_ = true;
        return;
      }
      if (after == "CASE") {
        skip_next_ = true;
      }
      --depth_;
    }
  }

  bool AtLineStart(size_t i) const { return i == 0 || in_[i - 1] == '\n'; }
  bool Blank(size_t from, size_t to) const {
    for (size_t k = from; k < to; ++k) {
      if (std::isspace(static_cast<unsigned char>(in_[k])) == 0) {
        return false;
      }
    }
    return true;
  }

  std::string PeekWord(size_t i) const {
    while (i < in_.size() && std::isspace(static_cast<unsigned char>(in_[i])) != 0) {
      ++i;
    }
    size_t j = i;
    while (j < in_.size() && IsWordChar(in_[j])) {
      ++j;
    }
    return Upper(in_.substr(i, j - i));
  }

  std::optional<size_t> SkipQuoted(size_t i, char close, bool backslash) const {
    for (size_t j = i + 1; j < in_.size(); ++j) {
      if (backslash && in_[j] == '\\') {
        ++j;
        continue;
      }
      if (in_[j] == close) {
        if (close != ']' && j + 1 < in_.size() && in_[j + 1] == close) {
          ++j;  // doubled quote
          continue;
        }
        return j + 1;
      }
    }
    return std::nullopt;
  }

  std::optional<size_t> SkipBlockComment(size_t i) const {
    int depth = 0;
    for (size_t j = i; j + 1 < in_.size(); ++j) {
      if (in_[j] == '/' && in_[j + 1] == '*') {
        if (depth == 0 || opts_.nested_comments) {
          ++depth;
        }
        ++j;
      } else if (in_[j] == '*' && in_[j + 1] == '/') {
        --depth;
        ++j;
        if (depth == 0) {
          return j + 1;
        }
      }
    }
    return std::nullopt;
  }

  // nullopt: not a dollar quote opener; npos: unterminated; else the offset after the closing tag.
  std::optional<size_t> SkipDollar(size_t i) const {
    if (i > 0 && IsWordChar(in_[i - 1])) {
      return std::nullopt;  // part of an identifier such as a$b
    }
    size_t j = i + 1;
    while (j < in_.size() && (IsWordStart(in_[j]) || (j > i + 1 && IsWordChar(in_[j]))) &&
           in_[j] != '$') {
      ++j;
    }
    if (j >= in_.size() || in_[j] != '$') {
      return std::nullopt;  // $1 parameter or stray '$'
    }
    const std::string_view tag = in_.substr(i, j - i + 1);
    const size_t close = in_.find(tag, j + 1);
    if (close == std::string_view::npos) {
      return std::string_view::npos;
    }
    return close + tag.size();
  }

  std::string_view in_;
  const SplitOptions& opts_;
  std::string delim_;
  std::vector<Chunk> chunks_;
  int words_ = 0;
  bool block_ = false;
  int depth_ = 0;
  bool skip_next_ = false;
  size_t block_at_ = 0;
};

// Line/column for ascending offsets in one pass.
std::vector<base::SourcePos> Positions(std::string_view in, const std::vector<size_t>& offsets) {
  std::vector<base::SourcePos> out;
  out.reserve(offsets.size());
  int line = 1;
  int col = 1;
  size_t at = 0;
  for (const size_t off : offsets) {
    for (; at < off && at < in.size(); ++at) {
      if (in[at] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    out.push_back(base::SourcePos{line, col, static_cast<int64_t>(off)});
  }
  return out;
}

}  // namespace

SplitOptions SplitOptions::For(DialectKind kind) {
  SplitOptions o;
  switch (kind) {
    case DialectKind::kSqlite:
      o.bracket_idents = true;
      break;
    case DialectKind::kPostgres:
      o.dollar_quotes = true;
      o.nested_comments = true;
      break;
    case DialectKind::kMysql:
      o.backslash_escapes = true;
      o.hash_comments = true;
      break;
  }
  return o;
}

base::Result<std::vector<SplitStatement>> Split(std::string_view input, const SplitOptions& options,
                                                std::string_view filename) {
  Scanner scanner(input, options);
  if (auto err = scanner.Run()) {
    const auto pos = Positions(input, {err->first});
    base::Diagnostic d = base::Error("Invalid SQL script", err->second);
    d.source = base::SourceRange{std::string(filename), pos[0], pos[0]};
    return d;
  }
  std::vector<SplitStatement> out;
  std::vector<size_t> offsets;
  for (const auto& chunk : scanner.chunks()) {
    size_t b = chunk.begin;
    const size_t e = chunk.end;
    std::vector<std::string> comments;
    while (b < e) {
      if (std::isspace(static_cast<unsigned char>(input[b])) != 0) {
        ++b;
        continue;
      }
      const char next = b + 1 < e ? input[b + 1] : '\0';
      if ((input[b] == '-' && next == '-') || (input[b] == '#' && options.hash_comments)) {
        size_t nl = input.find('\n', b);
        if (nl == std::string_view::npos || nl > e) {
          nl = e;
        }
        std::string_view c = input.substr(b, nl - b);
        while (!c.empty() && (c.back() == '\r' || c.back() == ' ')) {
          c.remove_suffix(1);
        }
        comments.emplace_back(c);
        b = nl;
        continue;
      }
      if (input[b] == '/' && next == '*') {
        size_t close = e;
        int depth = 0;
        for (size_t j = b; j + 1 < e; ++j) {
          if (input[j] == '/' && input[j + 1] == '*' && (depth == 0 || options.nested_comments)) {
            ++depth;
            ++j;
          } else if (input[j] == '*' && input[j + 1] == '/') {
            ++j;
            if (--depth == 0) {
              close = j + 1;
              break;
            }
          }
        }
        comments.emplace_back(input.substr(b, close - b));
        b = close;
        continue;
      }
      break;
    }
    size_t t = e;
    while (t > b && std::isspace(static_cast<unsigned char>(input[t - 1])) != 0) {
      --t;
    }
    if (t == b) {
      continue;  // comments or whitespace only
    }
    SplitStatement s;
    s.text = std::string(input.substr(b, t - b));
    s.comments = std::move(comments);
    out.push_back(std::move(s));
    offsets.push_back(b);
  }
  const auto positions = Positions(input, offsets);
  for (size_t k = 0; k < out.size(); ++k) {
    out[k].pos = positions[k];
  }
  return out;
}

}  // namespace atlas::engine::sql
