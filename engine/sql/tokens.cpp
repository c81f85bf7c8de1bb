#include "engine/sql/tokens.hpp"

#include <algorithm>
#include <cctype>

namespace atlas::engine::sql {

namespace {

bool IsWordStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsWordChar(char c) {
  return IsWordStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$';
}

}  // namespace

bool Token::Is(std::string_view keyword) const {
  return kind == Kind::kWord && text.size() == keyword.size() &&
         std::equal(text.begin(), text.end(), keyword.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) == b;
         });
}

std::vector<Token> Tokenize(std::string_view s, const SplitOptions& options) {
  std::vector<Token> out;
  size_t i = 0;
  const size_t n = s.size();
  // Reads a quoted run closed by `close` (doubled `close` escapes it); returns false when unterminated.
  const auto quoted = [&](char close, bool backslash, Token::Kind kind) {
    Token t{kind, "", i};
    ++i;
    while (i < n) {
      const char c = s[i];
      if (backslash && c == '\\' && i + 1 < n) {
        t.text += s[i + 1];
        i += 2;
        continue;
      }
      if (c == close) {
        if (i + 1 < n && s[i + 1] == close) {
          t.text += close;
          i += 2;
          continue;
        }
        ++i;
        out.push_back(std::move(t));
        return true;
      }
      t.text += c;
      ++i;
    }
    return false;
  };
  while (i < n) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '-' && i + 1 < n && s[i + 1] == '-') {
      i = s.find('\n', i);
      i = i == std::string_view::npos ? n : i + 1;
    } else if (c == '#' && options.hash_comments) {
      i = s.find('\n', i);
      i = i == std::string_view::npos ? n : i + 1;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      int depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (options.nested_comments && s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
          ++depth;
          i += 2;
        } else if (s[i] == '*' && i + 1 < n && s[i + 1] == '/') {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      }
    } else if (c == '\'') {
      if (!quoted('\'', options.backslash_escapes, Token::Kind::kString)) {
        break;
      }
    } else if (c == '"') {
      if (!quoted('"', false, Token::Kind::kQuotedIdent)) {
        break;
      }
    } else if (c == '`') {
      if (!quoted('`', false, Token::Kind::kQuotedIdent)) {
        break;
      }
    } else if (c == '[' && options.bracket_idents) {
      if (!quoted(']', false, Token::Kind::kQuotedIdent)) {
        break;
      }
    } else if (c == '$' && options.dollar_quotes) {
      // $tag$ ... $tag$ (tag may be empty); a lone '$' followed by digits is a parameter.
      size_t j = i + 1;
      while (j < n && IsWordChar(s[j]) && s[j] != '$') {
        ++j;
      }
      if (j < n && s[j] == '$') {
        const std::string_view tag = s.substr(i, j - i + 1);
        const size_t end = s.find(tag, j + 1);
        Token t{Token::Kind::kString, "", i};
        if (end == std::string_view::npos) {
          break;
        }
        t.text = std::string(s.substr(j + 1, end - j - 1));
        out.push_back(std::move(t));
        i = end + tag.size();
      } else {
        out.push_back({Token::Kind::kPunct, "$", i});
        ++i;
      }
    } else if (IsWordStart(c)) {
      const size_t start = i;
      while (i < n && IsWordChar(s[i])) {
        ++i;
      }
      out.push_back({Token::Kind::kWord, std::string(s.substr(start, i - start)), start});
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      const size_t start = i;
      while (i < n && (std::isalnum(static_cast<unsigned char>(s[i])) != 0 || s[i] == '.')) {
        ++i;
      }
      out.push_back({Token::Kind::kNumber, std::string(s.substr(start, i - start)), start});
    } else {
      out.push_back({Token::Kind::kPunct, std::string(1, c), i});
      ++i;
    }
  }
  return out;
}

bool HasKeyword(const std::vector<Token>& tokens, std::string_view keyword) {
  return std::any_of(tokens.begin(), tokens.end(),
                     [&](const Token& t) { return t.Is(keyword); });
}

bool IsName(const Token& t) {
  return t.kind == Token::Kind::kWord || t.kind == Token::Kind::kQuotedIdent;
}

bool IsPunct(const Token& t, char c) {
  return t.kind == Token::Kind::kPunct && t.text.size() == 1 && t.text[0] == c;
}

bool EqualFold(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::vector<Tokens> SplitTopLevel(Tokens tokens) {
  std::vector<Tokens> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (IsPunct(tokens[i], '(')) {
      ++depth;
    } else if (IsPunct(tokens[i], ')')) {
      --depth;
    } else if (depth == 0 && IsPunct(tokens[i], ',')) {
      out.push_back(tokens.subspan(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(tokens.subspan(start));
  return out;
}

size_t SkipName(Tokens tokens, size_t i, std::string* last) {
  if (i >= tokens.size() || !IsName(tokens[i])) {
    return tokens.size();
  }
  *last = tokens[i].text;
  ++i;
  while (i + 1 < tokens.size() && IsPunct(tokens[i], '.') && IsName(tokens[i + 1])) {
    *last = tokens[i + 1].text;
    i += 2;
  }
  return i;
}

}  // namespace atlas::engine::sql
