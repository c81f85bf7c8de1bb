#include "engine/hcl/lexer.hpp"

#include <cstdint>
#include <utility>

namespace atlas::engine::hcl {
namespace {

bool IsIdentStart(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || u >= 0x80;
}

bool IsIdentPart(char c) {
  return IsIdentStart(c) || (c >= '0' && c <= '9') || c == '-';
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
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

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEOF:
      return "end of file";
    case TokenKind::kNewline:
      return "newline";
    case TokenKind::kIdent:
      return "identifier \"" + std::string(token.text) + "\"";
    case TokenKind::kNumber:
      return "number " + std::string(token.text);
    case TokenKind::kOQuote:
      return "string";
    case TokenKind::kOHeredoc:
      return "heredoc";
    case TokenKind::kInvalid:
      return "invalid character";
    default:
      return "\"" + std::string(token.text) + "\"";
  }
}

Lexer::Lexer(std::string_view source, std::string filename)
    : src_(source), filename_(std::move(filename)) {}

char Lexer::Peek(size_t ahead) const {
  const size_t i = static_cast<size_t>(pos_.byte) + ahead;
  return i < src_.size() ? src_[i] : '\0';
}

void Lexer::Advance(size_t n) {
  for (size_t i = 0; i < n && !AtEnd(); ++i) {
    if (src_[static_cast<size_t>(pos_.byte)] == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else {
      ++pos_.column;
    }
    ++pos_.byte;
  }
}

base::SourceRange Lexer::RangeFrom(const base::SourcePos& start) const {
  return base::SourceRange{filename_, start, pos_};
}

Token Lexer::Make(TokenKind kind, const base::SourcePos& start) const {
  Token t;
  t.kind = kind;
  t.range.filename = filename_;  // in place: a token is made for every few bytes of input
  t.range.start = start;
  t.range.end = pos_;
  t.text =
      src_.substr(static_cast<size_t>(start.byte), static_cast<size_t>(pos_.byte - start.byte));
  return t;
}

Token Lexer::Invalid(const base::SourcePos& start, std::string summary, std::string error) const {
  Token t = Make(TokenKind::kInvalid, start);
  t.error_summary = messages_.emplace_back(std::move(summary));
  t.error = messages_.emplace_back(std::move(error));
  return t;
}

bool Lexer::SkipSpaceAndComments(Token* error) {
  while (!AtEnd()) {
    const char c = Peek();
    if (c == ' ' || c == '\t' || (c == '\r' && Peek(1) == '\n') || c == '\f' || c == '\v') {
      if (c == '\r') {
        // "\r\n": leave the "\n" to become the newline token.
        Advance();
        return true;
      }
      Advance();
      continue;
    }
    if (c == '#' || (c == '/' && Peek(1) == '/')) {
      while (!AtEnd() && Peek() != '\n' && !(Peek() == '\r' && Peek(1) == '\n')) {
        Advance();
      }
      continue;
    }
    if (c == '/' && Peek(1) == '*') {
      const base::SourcePos start = pos_;
      Advance(2);
      bool closed = false;
      while (!AtEnd()) {
        if (Peek() == '*' && Peek(1) == '/') {
          Advance(2);
          closed = true;
          break;
        }
        Advance();
      }
      if (!closed) {
        *error = Invalid(start, "Unterminated comment",
                         "There is no \"*/\" closing the comment that starts here.");
        return false;
      }
      continue;
    }
    break;
  }
  return true;
}

Token Lexer::Next() {
  Token err;
  if (!SkipSpaceAndComments(&err)) {
    return err;
  }
  const base::SourcePos start = pos_;
  if (AtEnd()) {
    return Make(TokenKind::kEOF, start);
  }
  const char c = Peek();
  if (c == '\n') {
    Advance();
    return Make(TokenKind::kNewline, start);
  }
  if (IsIdentStart(c)) {
    while (!AtEnd() && IsIdentPart(Peek())) {
      Advance();
    }
    return Make(TokenKind::kIdent, start);
  }
  if (IsDigit(c)) {
    return ScanNumber(start);
  }
  auto one = [&](TokenKind kind) {
    Advance();
    return Make(kind, start);
  };
  auto two = [&](TokenKind kind) {
    Advance(2);
    return Make(kind, start);
  };
  switch (c) {
    case '"':
      return one(TokenKind::kOQuote);
    case '{':
      return one(TokenKind::kLBrace);
    case '}':
      return one(TokenKind::kRBrace);
    case '[':
      return one(TokenKind::kLBrack);
    case ']':
      return one(TokenKind::kRBrack);
    case '(':
      return one(TokenKind::kLParen);
    case ')':
      return one(TokenKind::kRParen);
    case ',':
      return one(TokenKind::kComma);
    case ':':
      return one(TokenKind::kColon);
    case '?':
      return one(TokenKind::kQuestion);
    case '+':
      return one(TokenKind::kPlus);
    case '-':
      return one(TokenKind::kMinus);
    case '*':
      return one(TokenKind::kStar);
    case '/':
      return one(TokenKind::kSlash);
    case '%':
      return one(TokenKind::kPercent);
    case '~':
      return one(TokenKind::kTilde);
    case '.':
      if (Peek(1) == '.' && Peek(2) == '.') {
        Advance(3);
        return Make(TokenKind::kEllipsis, start);
      }
      return one(TokenKind::kDot);
    case '=':
      if (Peek(1) == '=') {
        return two(TokenKind::kEqualOp);
      }
      if (Peek(1) == '>') {
        return two(TokenKind::kFatArrow);
      }
      return one(TokenKind::kEqual);
    case '!':
      if (Peek(1) == '=') {
        return two(TokenKind::kNotEqual);
      }
      return one(TokenKind::kBang);
    case '<':
      if (Peek(1) == '<') {
        return ScanHeredocIntro(start);
      }
      if (Peek(1) == '=') {
        return two(TokenKind::kLessEq);
      }
      return one(TokenKind::kLess);
    case '>':
      if (Peek(1) == '=') {
        return two(TokenKind::kGreaterEq);
      }
      return one(TokenKind::kGreater);
    case '&':
      if (Peek(1) == '&') {
        return two(TokenKind::kAnd);
      }
      break;
    case '|':
      if (Peek(1) == '|') {
        return two(TokenKind::kOr);
      }
      break;
    default:
      break;
  }
  Advance();
  if (c == '\'') {
    return Invalid(start, "Invalid character",
                   "Single quotes are not valid in HCL; use double quotes (\") to write a string.");
  }
  return Invalid(start, "Invalid character",
                 "The character \"" + std::string(1, c) + "\" is not valid here.");
}

Token Lexer::ScanNumber(const base::SourcePos& start) {
  while (IsDigit(Peek())) {
    Advance();
  }
  if (Peek() == '.' && IsDigit(Peek(1))) {
    Advance();
    while (IsDigit(Peek())) {
      Advance();
    }
  }
  if (Peek() == 'e' || Peek() == 'E') {
    size_t ahead = 1;
    if (Peek(1) == '+' || Peek(1) == '-') {
      ahead = 2;
    }
    if (IsDigit(Peek(ahead))) {
      Advance(ahead);
      while (IsDigit(Peek())) {
        Advance();
      }
    }
  }
  return Make(TokenKind::kNumber, start);
}

Token Lexer::ScanHeredocIntro(const base::SourcePos& start) {
  Advance(2);  // <<
  bool indented = false;
  if (Peek() == '-') {
    indented = true;
    Advance();
  }
  if (!IsIdentStart(Peek())) {
    return Invalid(start, "Invalid heredoc introducer",
                   "A heredoc starts with \"<<\" or \"<<-\" followed by a marker name such as EOT "
                   "and a newline.");
  }
  const auto marker_start = static_cast<size_t>(pos_.byte);
  while (!AtEnd() && IsIdentPart(Peek())) {
    Advance();
  }
  std::string marker(src_.substr(marker_start, static_cast<size_t>(pos_.byte) - marker_start));
  if (Peek() == '\r' && Peek(1) == '\n') {
    Advance();
  }
  if (Peek() != '\n') {
    return Invalid(start, "Invalid heredoc introducer",
                   "The heredoc marker \"" + marker + "\" must be followed directly by a newline.");
  }
  Advance();
  Token t = Make(TokenKind::kOHeredoc, start);
  t.heredoc_marker = src_.substr(marker_start, marker.size());
  t.heredoc_indented = indented;
  return t;
}

bool Lexer::ScanEscape(std::string* out, TemplateChunk* chunk, const base::SourcePos& backslash) {
  const char c = Peek();
  auto fail = [&](std::string why) {
    chunk->end = TemplateChunk::End::kError;
    chunk->error_summary = "Invalid escape sequence";
    chunk->error = std::move(why);
    chunk->error_range = RangeFrom(backslash);
    return false;
  };
  switch (c) {
    case 'n':
      out->push_back('\n');
      Advance();
      return true;
    case 'r':
      out->push_back('\r');
      Advance();
      return true;
    case 't':
      out->push_back('\t');
      Advance();
      return true;
    case '"':
      out->push_back('"');
      Advance();
      return true;
    case '\\':
      out->push_back('\\');
      Advance();
      return true;
    case 'u':
    case 'U': {
      const size_t digits = c == 'u' ? 4 : 8;
      Advance();
      uint32_t cp = 0;
      for (size_t i = 0; i < digits; ++i) {
        const int v = HexValue(Peek());
        if (v < 0) {
          return fail(std::string("The escape \\") + c + " must be followed by " +
                      std::to_string(digits) + " hexadecimal digits.");
        }
        cp = cp * 16 + static_cast<uint32_t>(v);
        Advance();
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return fail("The escape does not denote a valid Unicode code point.");
      }
      AppendUtf8(out, cp);
      return true;
    }
    default:
      break;
  }
  if (c == '\n' || c == '\0') {
    return fail("A backslash must be followed by an escape character.");
  }
  Advance();
  return fail(std::string("The escape \\") + c +
              R"( is not valid; use \n, \r, \t, \", \\, \uNNNN or \UNNNNNNNN.)");
}

TemplateChunk Lexer::ScanQuoted() {
  TemplateChunk chunk;
  const base::SourcePos start = pos_;
  while (true) {
    if (AtEnd() || Peek() == '\n' || (Peek() == '\r' && Peek(1) == '\n')) {
      chunk.end = TemplateChunk::End::kUnterminated;
      chunk.range = RangeFrom(start);
      chunk.end_range = RangeFrom(pos_);
      return chunk;
    }
    const char c = Peek();
    const base::SourcePos at = pos_;
    if (c == '"') {
      chunk.range = RangeFrom(start);
      Advance();
      chunk.end = TemplateChunk::End::kClose;
      chunk.end_range = RangeFrom(at);
      return chunk;
    }
    if (c == '\\') {
      Advance();
      if (!ScanEscape(&chunk.literal, &chunk, at)) {
        chunk.range = RangeFrom(start);
        return chunk;
      }
      continue;
    }
    if ((c == '$' || c == '%') && Peek(1) == c && Peek(2) == '{') {
      chunk.literal.push_back(c);
      chunk.literal.push_back('{');
      Advance(3);
      continue;
    }
    if ((c == '$' || c == '%') && Peek(1) == '{') {
      chunk.range = RangeFrom(start);
      Advance(2);
      if (c == '$' && Peek() == '~') {
        Advance();
        chunk.strip_before = true;
      }
      chunk.end = c == '$' ? TemplateChunk::End::kInterpolation : TemplateChunk::End::kDirective;
      chunk.end_range = RangeFrom(at);
      return chunk;
    }
    chunk.literal.push_back(c);
    Advance();
  }
}

TemplateChunk Lexer::ScanHeredoc(std::string_view marker, bool at_line_start) {
  TemplateChunk chunk;
  if (at_line_start) {
    // Closing marker: optional leading spaces/tabs, the marker, optional trailing spaces, end of
    // line.
    size_t i = 0;
    while (Peek(i) == ' ' || Peek(i) == '\t') {
      ++i;
    }
    const size_t marker_at = i;
    bool match = static_cast<size_t>(pos_.byte) + i + marker.size() <= src_.size() &&
                 src_.substr(static_cast<size_t>(pos_.byte) + i, marker.size()) == marker;
    if (match) {
      i += marker.size();
      while (Peek(i) == ' ' || Peek(i) == '\t') {
        ++i;
      }
      const char after = Peek(i);
      const bool eof = static_cast<size_t>(pos_.byte) + i >= src_.size();
      match = eof || after == '\n' || (after == '\r' && Peek(i + 1) == '\n');
    }
    if (match) {
      Advance(marker_at);
      const base::SourcePos marker_start = pos_;
      Advance(marker.size());
      chunk.end_range = RangeFrom(marker_start);
      while (Peek() == ' ' || Peek() == '\t') {
        Advance();
      }
      chunk.range = RangeFrom(marker_start);
      chunk.end = TemplateChunk::End::kClose;
      return chunk;
    }
  }
  const base::SourcePos start = pos_;
  while (true) {
    if (AtEnd()) {
      chunk.end = TemplateChunk::End::kUnterminated;
      chunk.range = RangeFrom(start);
      chunk.end_range = RangeFrom(pos_);
      return chunk;
    }
    const char c = Peek();
    const base::SourcePos at = pos_;
    if (c == '\n' || (c == '\r' && Peek(1) == '\n')) {
      Advance(c == '\r' ? 2 : 1);
      chunk.literal.push_back('\n');
      chunk.range = RangeFrom(start);
      chunk.end = TemplateChunk::End::kNewline;
      chunk.end_range = RangeFrom(at);
      return chunk;
    }
    if ((c == '$' || c == '%') && Peek(1) == c && Peek(2) == '{') {
      chunk.literal.push_back(c);
      chunk.literal.push_back('{');
      Advance(3);
      continue;
    }
    if ((c == '$' || c == '%') && Peek(1) == '{') {
      chunk.range = RangeFrom(start);
      Advance(2);
      if (c == '$' && Peek() == '~') {
        Advance();
        chunk.strip_before = true;
      }
      chunk.end = c == '$' ? TemplateChunk::End::kInterpolation : TemplateChunk::End::kDirective;
      chunk.end_range = RangeFrom(at);
      return chunk;
    }
    chunk.literal.push_back(c);
    Advance();
  }
}

}  // namespace atlas::engine::hcl
