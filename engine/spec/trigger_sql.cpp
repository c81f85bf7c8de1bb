#include "engine/spec/trigger_sql.hpp"

#include <cctype>

namespace atlas::engine::spec {
namespace {

struct SqlToken {
  enum class Kind { kWord, kIdent, kString, kPunct, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;  // kWord: upper-cased; kIdent: unquoted name; else the raw text
  std::string raw;
  size_t begin = 0;
  size_t end = 0;
};

class SqlLexer {
 public:
  explicit SqlLexer(std::string_view s) : s_(s) {}

  SqlToken Next() {
    SkipSpace();
    SqlToken t;
    t.begin = pos_;
    if (pos_ >= s_.size()) {
      t.end = pos_;
      return t;
    }
    const char c = s_[pos_];
    if (c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      ++pos_;
      while (pos_ < s_.size()) {
        if (s_[pos_] == close) {
          if (close != ']' && pos_ + 1 < s_.size() && s_[pos_ + 1] == close) {
            t.text.push_back(close);
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        t.text.push_back(s_[pos_++]);
      }
      t.kind = SqlToken::Kind::kIdent;
    } else if (c == '\'') {
      ++pos_;
      while (pos_ < s_.size()) {
        if (s_[pos_] == '\'') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '\'') {
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        ++pos_;
      }
      t.kind = SqlToken::Kind::kString;
    } else if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
               static_cast<unsigned char>(c) >= 0x80) {
      while (pos_ < s_.size() &&
             (std::isalnum(static_cast<unsigned char>(s_[pos_])) != 0 || s_[pos_] == '_' ||
              s_[pos_] == '$' || static_cast<unsigned char>(s_[pos_]) >= 0x80)) {
        ++pos_;
      }
      t.kind = SqlToken::Kind::kWord;
      for (size_t i = t.begin; i < pos_; ++i) {
        t.text.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(s_[i]))));
      }
    } else {
      ++pos_;
      t.kind = SqlToken::Kind::kPunct;
      t.text = std::string(1, c);
    }
    t.end = pos_;
    t.raw =
        std::string(s_.substr(t.begin, t.end - t.begin));  // bare identifiers keep their spelling
    return t;
  }

 private:
  void SkipSpace() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (std::isspace(static_cast<unsigned char>(c)) != 0) {
        ++pos_;
      } else if (c == '-' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '-') {
        while (pos_ < s_.size() && s_[pos_] != '\n') {
          ++pos_;
        }
      } else if (c == '/' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '*') {
        const size_t close = s_.find("*/", pos_ + 2);
        pos_ = close == std::string_view::npos ? s_.size() : close + 2;
      } else {
        break;
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// The name an identifier token stands for: quoted text as is, bare words as written.
std::string NameOf(const SqlToken& t) {
  return t.kind == SqlToken::Kind::kIdent ? t.text : t.raw;
}

bool IsName(const SqlToken& t) {
  return t.kind == SqlToken::Kind::kIdent || t.kind == SqlToken::Kind::kWord;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (std::isspace(static_cast<unsigned char>(s.back())) != 0 || s.back() == ';')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string QuoteIdent(std::string_view name, char quote) {
  std::string out(1, quote);
  for (char c : name) {
    out.push_back(c);
    if (c == quote) {
      out.push_back(quote);
    }
  }
  return out + quote;
}

}  // namespace

std::optional<TriggerParts> ParseTriggerStatement(std::string_view sql) {
  SqlLexer lex(sql);
  TriggerParts p;
  SqlToken t = lex.Next();
  auto word = [&](std::string_view w) { return t.kind == SqlToken::Kind::kWord && t.text == w; };
  if (!word("CREATE")) {
    return std::nullopt;
  }
  t = lex.Next();
  if (word("TEMP") || word("TEMPORARY")) {
    t = lex.Next();
  }
  if (!word("TRIGGER")) {
    return std::nullopt;
  }
  t = lex.Next();
  if (word("IF")) {
    t = lex.Next();
    if (!word("NOT")) {
      return std::nullopt;
    }
    t = lex.Next();
    if (!word("EXISTS")) {
      return std::nullopt;
    }
    t = lex.Next();
  }
  if (!IsName(t)) {
    return std::nullopt;
  }
  p.name = NameOf(t);
  t = lex.Next();
  if (t.kind == SqlToken::Kind::kPunct && t.text == ".") {
    t = lex.Next();
    if (!IsName(t)) {
      return std::nullopt;
    }
    p.name = NameOf(t);
    t = lex.Next();
  }
  if (word("BEFORE") || word("AFTER")) {
    p.timing = t.text;
    t = lex.Next();
  } else if (word("INSTEAD")) {
    t = lex.Next();
    if (!word("OF")) {
      return std::nullopt;
    }
    p.timing = "INSTEAD OF";
    t = lex.Next();
  }
  if (!(word("INSERT") || word("DELETE") || word("UPDATE"))) {
    return std::nullopt;
  }
  p.event = t.text;
  t = lex.Next();
  if (p.event == "UPDATE" && word("OF")) {
    do {
      t = lex.Next();
      if (!IsName(t)) {
        return std::nullopt;
      }
      p.update_of.push_back(NameOf(t));
      t = lex.Next();
    } while (t.kind == SqlToken::Kind::kPunct && t.text == ",");
  }
  if (!word("ON")) {
    return std::nullopt;
  }
  t = lex.Next();
  if (!IsName(t)) {
    return std::nullopt;
  }
  p.table = NameOf(t);
  t = lex.Next();
  if (t.kind == SqlToken::Kind::kPunct && t.text == ".") {
    t = lex.Next();
    if (!IsName(t)) {
      return std::nullopt;
    }
    p.table = NameOf(t);
    t = lex.Next();
  }
  if (word("FOR")) {
    t = lex.Next();
    if (!word("EACH")) {
      return std::nullopt;
    }
    t = lex.Next();
    if (!word("ROW")) {
      return std::nullopt;
    }
    p.for_each_row = true;
    t = lex.Next();
  }
  if (word("WHEN")) {
    const size_t start = t.end;
    int depth = 0;
    t = lex.Next();
    while (t.kind != SqlToken::Kind::kEnd && !(depth == 0 && word("BEGIN"))) {
      if (t.kind == SqlToken::Kind::kPunct && t.text == "(") {
        ++depth;
      } else if (t.kind == SqlToken::Kind::kPunct && t.text == ")") {
        --depth;
      }
      t = lex.Next();
    }
    p.when = std::string(Trim(sql.substr(start, t.begin - start)));
    if (p.when.empty()) {
      return std::nullopt;
    }
  }
  if (!word("BEGIN")) {
    return std::nullopt;
  }
  p.body = std::string(Trim(sql.substr(t.begin)));
  return p;
}

std::string BuildTriggerStatement(const TriggerParts& p, char quote) {
  std::string out = "CREATE TRIGGER " + QuoteIdent(p.name, quote);
  if (!p.timing.empty()) {
    out += " " + p.timing;
  }
  out += " " + p.event;
  if (!p.update_of.empty()) {
    out += " OF ";
    for (size_t i = 0; i < p.update_of.size(); ++i) {
      out += (i > 0 ? ", " : "") + QuoteIdent(p.update_of[i], quote);
    }
  }
  out += " ON " + QuoteIdent(p.table, quote);
  if (p.for_each_row) {
    out += " FOR EACH ROW";
  }
  if (!p.when.empty()) {
    out += " WHEN " + p.when;
  }
  out += " " + p.body;
  return out;
}

}  // namespace atlas::engine::spec
