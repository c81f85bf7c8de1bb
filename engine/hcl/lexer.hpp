#pragma once
// Lexer for HCL native syntax. Produces tokens on demand for the parser, and scans template text
// (quoted strings and heredoc bodies) chunk by chunk, because `${...}` interpolations switch back
// to tokens in the middle of a string. One instance per parse; not thread-safe.

#include <deque>
#include <string>
#include <string_view>

#include "engine/base/source_range.hpp"

namespace atlas::engine::hcl {

enum class TokenKind {
  kEOF,
  kNewline,
  kIdent,
  kNumber,
  kOQuote,    // "
  kOHeredoc,  // <<EOT or <<-EOT, including the newline that ends the introducer line
  kLBrace,
  kRBrace,
  kLBrack,
  kRBrack,
  kLParen,
  kRParen,
  kComma,
  kDot,
  kEllipsis,  // ...
  kEqual,     // =
  kColon,
  kQuestion,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kEqualOp,   // ==
  kNotEqual,  // !=
  kLess,
  kLessEq,
  kGreater,
  kGreaterEq,
  kAnd,  // &&
  kOr,   // ||
  kBang,
  kFatArrow,  // =>
  kTilde,     // ~ (template strip marker before a closing brace)
  kInvalid,   // error: see Token::error
};

struct Token {
  TokenKind kind = TokenKind::kEOF;
  std::string_view text;
  base::SourceRange range;
  // Views, so that tokens (one every few bytes of input) move cheaply: of the source for the
  // heredoc marker, of texts the lexer keeps for errors. Valid as long as the lexer and source.
  std::string_view heredoc_marker;  // kOHeredoc
  bool heredoc_indented = false;    // kOHeredoc with "<<-"
  std::string_view error_summary;   // kInvalid
  std::string_view error;           // kInvalid
};

// A piece of template text up to the next interpolation, newline (heredocs) or the end of the
// template.
struct TemplateChunk {
  enum class End {
    kClose,  // closing quote, or the heredoc's closing marker line (consumed; its newline is not)
    kInterpolation,  // "${" consumed; strip_before tells whether it was "${~"
    kDirective,      // "%{" found (unsupported)
    kNewline,        // heredoc only: the literal ends with "\n" and a new line starts
    kUnterminated,   // end of line (quoted) or end of file (heredoc) before the template closed
    kError,          // error_summary / error at error_range
  };
  End end = End::kClose;
  std::string literal;
  base::SourceRange range;      // the literal text
  base::SourceRange end_range;  // the delimiter that ended the chunk
  bool strip_before = false;    // "${~"
  std::string error_summary;
  std::string error;
  base::SourceRange error_range;
};

// Human description of a token for error messages: `"}"`, `identifier "foo"`, `end of file`,
// `newline`.
std::string DescribeToken(const Token& token);

class Lexer {
 public:
  Lexer(std::string_view source, std::string filename);

  // Next token in normal (expression/structure) mode. Spaces, tabs and comments are skipped;
  // newlines are tokens.
  Token Next();
  // Position of the next unread byte.
  base::SourcePos Position() const { return pos_; }

  // Template text of a quoted string: called right after the opening quote (or after an
  // interpolation's "}").
  TemplateChunk ScanQuoted();
  // Template text of a heredoc body. `at_line_start` must be true right after the introducer and
  // after every kNewline chunk; the closing marker is only recognized at a line start.
  TemplateChunk ScanHeredoc(std::string_view marker, bool at_line_start);

  const std::string& filename() const { return filename_; }

 private:
  char Peek(size_t ahead = 0) const;
  bool AtEnd() const { return static_cast<size_t>(pos_.byte) >= src_.size(); }
  void Advance(size_t n = 1);
  base::SourceRange RangeFrom(const base::SourcePos& start) const;
  Token Make(TokenKind kind, const base::SourcePos& start) const;
  Token Invalid(const base::SourcePos& start, std::string summary, std::string error) const;
  Token ScanNumber(const base::SourcePos& start);
  Token ScanHeredocIntro(const base::SourcePos& start);
  bool SkipSpaceAndComments(Token* error);
  // Appends the UTF-8 encoding of the escape at the current position (just after the backslash).
  bool ScanEscape(std::string* out, TemplateChunk* chunk, const base::SourcePos& backslash);

  std::string_view src_;
  std::string filename_;
  base::SourcePos pos_;
  mutable std::deque<std::string> messages_;  // texts behind kInvalid tokens (stable addresses)
};

}  // namespace atlas::engine::hcl
