#include "engine/hcl/parser.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/hcl/diagnostics.hpp"
#include "engine/hcl/lexer.hpp"

namespace atlas::engine::hcl {
namespace {

constexpr int kMaxDepth = 200;
// Bodies with more attributes than this detect duplicates through a hash index.
constexpr size_t kIndexedAttributes = 16;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

int BinaryPrecedence(TokenKind kind) {
  switch (kind) {
    case TokenKind::kOr:
      return 1;
    case TokenKind::kAnd:
      return 2;
    case TokenKind::kEqualOp:
    case TokenKind::kNotEqual:
      return 3;
    case TokenKind::kLess:
    case TokenKind::kLessEq:
    case TokenKind::kGreater:
    case TokenKind::kGreaterEq:
      return 4;
    case TokenKind::kPlus:
    case TokenKind::kMinus:
      return 5;
    case TokenKind::kStar:
    case TokenKind::kSlash:
    case TokenKind::kPercent:
      return 6;
    default:
      return 0;
  }
}

// Removes the common leading whitespace of a <<- heredoc's lines, as HCL does: whitespace-only
// lines ending in a newline do not count and are kept as they are; a line starting with an
// interpolation counts as 0.
void StripHeredocIndent(std::vector<TemplatePart>* parts) {
  size_t min_spaces = std::numeric_limits<size_t>::max();
  std::vector<size_t> adjust;
  bool newline = true;
  for (size_t i = 0; i < parts->size(); ++i) {
    const TemplatePart& p = (*parts)[i];
    if (newline) {
      newline = false;
      size_t spaces = 0;
      if (p.kind == TemplatePart::Kind::kLiteral) {
        size_t n = 0;
        while (n < p.literal.size() && IsSpace(p.literal[n])) {
          ++n;
        }
        const bool rest_is_newline =
            n < p.literal.size() && p.literal[n] == '\n' && n + 1 == p.literal.size();
        if (rest_is_newline) {
          spaces = std::numeric_limits<size_t>::max();
        } else {
          spaces = n;
          adjust.push_back(i);
        }
      }
      min_spaces = std::min(min_spaces, spaces);
    }
    if (p.kind == TemplatePart::Kind::kLiteral && !p.literal.empty() && p.literal.back() == '\n') {
      newline = true;
    }
  }
  if (min_spaces == std::numeric_limits<size_t>::max() || min_spaces == 0) {
    return;
  }
  for (size_t i : adjust) {
    TemplatePart& p = (*parts)[i];
    p.literal.erase(0, min_spaces);
    p.range.start.column += static_cast<int>(min_spaces);
    p.range.start.byte += static_cast<int64_t>(min_spaces);
  }
}

void MeldLiterals(std::vector<TemplatePart>* parts) {
  std::vector<TemplatePart> out;
  for (auto& p : *parts) {
    if (p.kind == TemplatePart::Kind::kLiteral && p.literal.empty()) {
      continue;
    }
    if (p.kind == TemplatePart::Kind::kLiteral && !out.empty() &&
        out.back().kind == TemplatePart::Kind::kLiteral) {
      out.back().literal += p.literal;
      out.back().range.end = p.range.end;
      continue;
    }
    out.push_back(std::move(p));
  }
  *parts = std::move(out);
}

class Parser {
 public:
  Parser(std::string_view source, std::string filename)
      : src_(source), lex_(source, std::move(filename)) {}

  base::Result<File> ParseFile() {
    File file;
    file.filename = lex_.filename();
    file.source = std::string(src_);
    file.body.range.filename = file.filename;
    ParseBody(&file.body, nullptr);
    file.body.range.end = lex_.Position();
    if (error_) {
      return *error_;
    }
    return file;
  }

  base::Result<Expression> ParseSingleExpression() {
    SkipNewlines();
    Expression e = ParseExpr();
    if (ok()) {
      SkipNewlines();
      const Token& t = Peek();
      if (t.kind != TokenKind::kEOF && ok()) {
        Fail(t.range, "Extra characters after expression",
             "Expected the end of the expression, but found " + DescribeToken(t) + ".");
      }
    }
    if (error_) {
      return *error_;
    }
    return e;
  }

 private:
  bool ok() const { return !error_.has_value(); }

  void Fail(const base::SourceRange& range, std::string summary, std::string sentence) {
    if (error_) {
      return;
    }
    error_ = ErrorAt(src_, range, std::move(summary), std::move(sentence));
  }

  bool SkippingNewlines() const { return skip_newlines_; }

  const Token& Peek() {
    if (!peeked_) {
      peeked_ = lex_.Next();
    }
    while (SkippingNewlines() && peeked_->kind == TokenKind::kNewline) {
      peeked_ = lex_.Next();
    }
    if (peeked_->kind == TokenKind::kInvalid) {
      Fail(peeked_->range, std::string(peeked_->error_summary), std::string(peeked_->error));
    }
    return *peeked_;
  }

  Token Take() {
    Peek();
    Token t = std::move(*peeked_);
    peeked_.reset();
    return t;
  }

  // Take() for a token whose value is not needed (no move).
  void Skip() {
    Peek();
    peeked_.reset();
  }

  void SkipNewlines() {
    while (ok() && Peek().kind == TokenKind::kNewline) {
      Skip();
    }
  }

  // RAII switch of newline significance for bracketed contexts.
  class NewlineMode {
   public:
    NewlineMode(Parser* p, bool skip) : p_(p), previous_(p->skip_newlines_) {
      p_->skip_newlines_ = skip;
    }
    ~NewlineMode() { p_->skip_newlines_ = previous_; }
    NewlineMode(const NewlineMode&) = delete;
    NewlineMode& operator=(const NewlineMode&) = delete;
    NewlineMode(NewlineMode&&) = delete;
    NewlineMode& operator=(NewlineMode&&) = delete;

   private:
    Parser* p_;
    bool previous_;
  };

  class DepthGuard {
   public:
    DepthGuard(Parser* p, const base::SourceRange& at) : p_(p) {
      if (++p_->depth_ > kMaxDepth) {
        p_->Fail(at, "Nesting too deep",
                 "Expressions and blocks may be nested at most " + std::to_string(kMaxDepth) +
                     " levels deep.");
      }
    }
    ~DepthGuard() { --p_->depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    DepthGuard(DepthGuard&&) = delete;
    DepthGuard& operator=(DepthGuard&&) = delete;

   private:
    Parser* p_;
  };

  // ---- structure ----

  // Parses items until "}" (left unread) for a block body, or end of file for the top level.
  void ParseBody(Body* body, const Token* open_brace) {
    const bool top = open_brace == nullptr;
    // Attribute names of this body (views of the source), for duplicate detection: scanned while
    // few (a block's handful of attributes), hashed once the body grows large.
    std::vector<std::string_view> names;
    std::unordered_map<std::string_view, size_t> index;
    int order = 0;
    while (ok()) {
      const Token& t = Peek();
      if (!ok()) {
        return;
      }
      if (t.kind == TokenKind::kNewline) {
        Skip();
        continue;
      }
      if (t.kind == TokenKind::kEOF) {
        if (!top) {
          Fail(open_brace->range, "Unclosed block",
               "There is no closing brace \"}\" for the block opened here before the end of the "
               "file.");
        }
        return;
      }
      if (t.kind == TokenKind::kRBrace) {
        if (top) {
          Fail(t.range, "Unexpected closing brace", "There is no open block to close here.");
        }
        return;
      }
      if (t.kind != TokenKind::kIdent) {
        Fail(t.range, "Attribute or block definition required",
             "Expected an attribute name or a block type, but found " + DescribeToken(t) + ".");
        return;
      }
      Token name = Take();
      const Token& next = Peek();
      if (!ok()) {
        return;
      }
      if (next.kind == TokenKind::kEqual) {
        Skip();
        Attribute attr;
        attr.name = std::string(name.text);
        attr.name_range = name.range;
        attr.order = order++;
        attr.expr = ParseExpr();
        if (!ok()) {
          return;
        }
        attr.range = base::SourceRange{name.range.filename, name.range.start, attr.expr.range.end};
        size_t dup = names.size();
        if (names.size() < kIndexedAttributes) {
          dup =
              static_cast<size_t>(std::find(names.begin(), names.end(), name.text) - names.begin());
        } else {
          if (index.empty()) {
            for (size_t i = 0; i < names.size(); ++i) {
              index.emplace(names[i], i);
            }
          }
          if (const auto it = index.find(name.text); it != index.end()) {
            dup = it->second;
          }
        }
        if (dup < names.size()) {
          Fail(name.range, "Duplicate attribute",
               "The attribute \"" + attr.name + "\" was already set at " +
                   body->attributes[dup].name_range.ToString() +
                   "; each attribute may be set only once in a body.");
          return;
        }
        names.push_back(name.text);
        if (!index.empty()) {
          index.emplace(name.text, names.size() - 1);
        }
        const Token& end = Peek();
        if (end.kind == TokenKind::kNewline) {
          Skip();
        } else if (end.kind != TokenKind::kEOF && !(end.kind == TokenKind::kRBrace && !top)) {
          Fail(end.range, "Missing newline after attribute",
               "An attribute definition must end with a newline, but found " + DescribeToken(end) +
                   ".");
          return;
        }
        body->attributes.push_back(std::move(attr));
        continue;
      }
      if (next.kind == TokenKind::kIdent || next.kind == TokenKind::kOQuote ||
          next.kind == TokenKind::kLBrace) {
        Block block;
        block.type = std::string(name.text);
        block.type_range = name.range;
        block.order = order++;
        if (!ParseBlock(&block)) {
          return;
        }
        body->blocks.push_back(std::move(block));
        continue;
      }
      Fail(next.range, "Invalid attribute or block definition",
           R"(Expected "=" to set attribute ")" + std::string(name.text) +
               R"(", or a label or "{" to open a ")" + std::string(name.text) +
               "\" block, but found " + DescribeToken(next) + ".");
      return;
    }
  }

  bool ParseBlock(Block* block) {
    DepthGuard depth(this, block->type_range);
    while (ok()) {
      const Token& t = Peek();
      if (t.kind == TokenKind::kIdent) {
        Token label = Take();
        block->labels.emplace_back(label.text);
        block->label_ranges.push_back(label.range);
        continue;
      }
      if (t.kind == TokenKind::kOQuote) {
        Token open = Take();
        Expression label = ParseQuoted(open);
        if (!ok()) {
          return false;
        }
        if (!label.IsLiteralString()) {
          Fail(label.range, "Invalid block label",
               "Block labels must be literal strings without interpolation.");
          return false;
        }
        block->labels.push_back(label.LiteralString());
        block->label_ranges.push_back(label.range);
        continue;
      }
      break;
    }
    if (!ok()) {
      return false;
    }
    const Token& t = Peek();
    if (t.kind != TokenKind::kLBrace) {
      if (!block->labels.empty() && block->label_ranges.size() == 1 &&
          (t.kind == TokenKind::kNewline || t.kind == TokenKind::kEOF ||
           t.kind == TokenKind::kRBrace)) {
        // `type integer`: almost always a forgotten "=".
        Fail(block->label_ranges[0], "Missing \"=\" in attribute definition",
             R"(Expected "=" after ")" + block->type +
                 R"(" to set an attribute, or "{" after the labels to open a block.)");
      } else {
        Fail(t.range, "Missing block opening brace",
             R"(Expected "{" to open the body of block ")" + block->type + "\", but found " +
                 DescribeToken(t) + ".");
      }
      return false;
    }
    Token open = Take();
    block->open_brace_range = open.range;
    block->body.range.filename = open.range.filename;
    block->body.range.start = open.range.start;
    {
      NewlineMode mode(this, false);
      ParseBody(&block->body, &open);
    }
    if (!ok()) {
      return false;
    }
    Token close = Take();  // "}" guaranteed by ParseBody
    block->body.range.end = close.range.end;
    block->range =
        base::SourceRange{block->type_range.filename, block->type_range.start, close.range.end};
    const Token& after = Peek();
    if (after.kind != TokenKind::kNewline && after.kind != TokenKind::kEOF &&
        after.kind != TokenKind::kRBrace) {
      Fail(after.range, "Missing newline after block",
           "A block definition must end with a newline, but found " + DescribeToken(after) + ".");
      return false;
    }
    return ok();
  }

  // ---- expressions ----

  Expression ParseExpr() {
    if (!ok()) {
      return {};
    }
    const Token& first = Peek();
    DepthGuard depth(this, first.range);
    if (!ok()) {
      return {};
    }
    Expression cond = ParseBinary(1);
    if (!ok()) {
      return cond;
    }
    if (Peek().kind != TokenKind::kQuestion) {
      return cond;
    }
    Skip();
    Expression yes = ParseExpr();
    if (!ok()) {
      return yes;
    }
    const Token& colon = Peek();
    if (colon.kind != TokenKind::kColon) {
      Fail(colon.range, "Missing \":\" in conditional",
           "Expected \":\" between the two results of a conditional expression, but found " +
               DescribeToken(colon) + ".");
      return {};
    }
    Skip();
    Expression no = ParseExpr();
    Expression e;
    e.kind = ExprKind::kConditional;
    e.range = base::SourceRange{cond.range.filename, cond.range.start, no.range.end};
    e.operands.push_back(std::move(cond));
    e.operands.push_back(std::move(yes));
    e.operands.push_back(std::move(no));
    return e;
  }

  Expression ParseBinary(int min_prec) {
    Expression lhs = ParseUnary();
    while (ok()) {
      const Token& t = Peek();
      const int prec = BinaryPrecedence(t.kind);
      if (prec == 0 || prec < min_prec) {
        break;
      }
      Token op = Take();
      Expression rhs = ParseBinary(prec + 1);
      if (!ok()) {
        return {};
      }
      Expression e;
      e.kind = ExprKind::kBinary;
      e.text = std::string(op.text);
      e.range = base::SourceRange{lhs.range.filename, lhs.range.start, rhs.range.end};
      e.operands.push_back(std::move(lhs));
      e.operands.push_back(std::move(rhs));
      lhs = std::move(e);
    }
    return lhs;
  }

  Expression ParseUnary() {
    if (!ok()) {
      return {};
    }
    const Token& t = Peek();
    if (t.kind == TokenKind::kMinus || t.kind == TokenKind::kBang) {
      Token op = Take();
      DepthGuard depth(this, op.range);
      Expression operand = ParseUnary();
      Expression e;
      e.kind = ExprKind::kUnary;
      e.text = std::string(op.text);
      e.range = base::SourceRange{op.range.filename, op.range.start, operand.range.end};
      e.operands.push_back(std::move(operand));
      return e;
    }
    return ParsePostfix(ParsePrimary());
  }

  Expression ParsePostfix(Expression base) {
    while (ok()) {
      const Token& t = Peek();
      if (t.kind == TokenKind::kDot) {
        Token dot = Take();
        const Token& name = Peek();
        TraversalStep step;
        if (name.kind == TokenKind::kIdent) {
          step.kind = TraversalStep::Kind::kAttr;
          step.name = std::string(name.text);
        } else if (name.kind == TokenKind::kNumber) {
          step.kind = TraversalStep::Kind::kIndex;
          step.name = std::string(name.text);
          step.key_is_number = true;
        } else if (name.kind == TokenKind::kStar) {
          step.kind = TraversalStep::Kind::kSplat;
        } else {
          Fail(name.range, "Invalid attribute name",
               "Expected an attribute name after \".\", but found " + DescribeToken(name) + ".");
          return {};
        }
        Token n = Take();
        step.range = base::SourceRange{dot.range.filename, dot.range.start, n.range.end};
        AppendStep(&base, std::move(step));
        continue;
      }
      if (t.kind == TokenKind::kLBrack) {
        Token open = Take();
        NewlineMode mode(this, true);
        if (Peek().kind == TokenKind::kStar) {
          Skip();
          const Token& close = Peek();
          if (close.kind != TokenKind::kRBrack) {
            Fail(close.range, "Missing close bracket",
                 R"(Expected "]" after "[*", but found )" + DescribeToken(close) + ".");
            return {};
          }
          Token c = Take();
          TraversalStep step;
          step.kind = TraversalStep::Kind::kSplat;
          step.range = base::SourceRange{open.range.filename, open.range.start, c.range.end};
          AppendStep(&base, std::move(step));
          continue;
        }
        Expression key = ParseExpr();
        if (!ok()) {
          return {};
        }
        const Token& close = Peek();
        if (close.kind != TokenKind::kRBrack) {
          Fail(close.range, "Missing close bracket",
               "Expected \"]\" to close the index, but found " + DescribeToken(close) + ".");
          return {};
        }
        Token c = Take();
        const base::SourceRange range{open.range.filename, open.range.start, c.range.end};
        if (key.kind == ExprKind::kNumber || key.IsLiteralString()) {
          TraversalStep step;
          step.kind = TraversalStep::Kind::kIndex;
          step.key_is_number = key.kind == ExprKind::kNumber;
          step.name = step.key_is_number ? key.text : key.LiteralString();
          step.range = range;
          AppendStep(&base, std::move(step));
        } else {
          Expression e;
          e.kind = ExprKind::kIndex;
          e.range = base::SourceRange{base.range.filename, base.range.start, c.range.end};
          e.operands.push_back(std::move(base));
          e.operands.push_back(std::move(key));
          base = std::move(e);
        }
        continue;
      }
      break;
    }
    return base;
  }

  static void AppendStep(Expression* base, TraversalStep step) {
    if (base->kind != ExprKind::kTraversal && base->kind != ExprKind::kRelative) {
      Expression rel;
      rel.kind = ExprKind::kRelative;
      rel.range = base->range;
      rel.operands.push_back(std::move(*base));
      *base = std::move(rel);
    }
    base->range.end = step.range.end;
    base->steps.push_back(std::move(step));
  }

  Expression ParsePrimary() {
    const Token& t = Peek();
    if (!ok()) {
      return {};
    }
    switch (t.kind) {
      case TokenKind::kNumber: {
        Token n = Take();
        Expression e;
        e.kind = ExprKind::kNumber;
        e.text = std::string(n.text);
        e.range = n.range;
        return e;
      }
      case TokenKind::kIdent: {
        Token id = Take();
        Expression e;
        e.range = id.range;
        if (id.text == "true" || id.text == "false") {
          e.kind = ExprKind::kBool;
          e.bool_value = id.text == "true";
          return e;
        }
        if (id.text == "null") {
          e.kind = ExprKind::kNull;
          return e;
        }
        if (Peek().kind == TokenKind::kLParen) {
          return ParseCall(id);
        }
        e.kind = ExprKind::kTraversal;
        e.text = std::string(id.text);
        return e;
      }
      case TokenKind::kOQuote: {
        Token open = Take();
        return ParseQuoted(open);
      }
      case TokenKind::kOHeredoc: {
        Token open = Take();
        return ParseHeredoc(open);
      }
      case TokenKind::kLParen: {
        Token open = Take();
        NewlineMode mode(this, true);
        Expression inner = ParseExpr();
        if (!ok()) {
          return {};
        }
        const Token& close = Peek();
        if (close.kind != TokenKind::kRParen) {
          Fail(close.range, "Missing close parenthesis",
               "Expected \")\" to close the parenthesized expression, but found " +
                   DescribeToken(close) + ".");
          return {};
        }
        Token c = Take();
        Expression e;
        e.kind = ExprKind::kParens;
        e.range = base::SourceRange{open.range.filename, open.range.start, c.range.end};
        e.operands.push_back(std::move(inner));
        return e;
      }
      case TokenKind::kLBrack:
        return ParseTuple();
      case TokenKind::kLBrace:
        return ParseObject();
      default:
        break;
    }
    if (t.kind == TokenKind::kEOF) {
      Fail(t.range, "Missing expression",
           "Expected the start of an expression, but found the end of the file.");
      return {};
    }
    Fail(t.range, "Invalid expression",
         "Expected the start of an expression, but found " + DescribeToken(t) + ".");
    return {};
  }

  Expression ParseCall(const Token& name) {
    Token open = Take();
    NewlineMode mode(this, true);
    Expression e;
    e.kind = ExprKind::kFunctionCall;
    e.text = std::string(name.text);
    while (ok()) {
      const Token& t = Peek();
      if (t.kind == TokenKind::kRParen) {
        break;
      }
      e.operands.push_back(ParseExpr());
      if (!ok()) {
        return {};
      }
      const Token& sep = Peek();
      if (sep.kind == TokenKind::kComma) {
        Skip();
        continue;
      }
      if (sep.kind == TokenKind::kEllipsis) {
        Skip();
        e.expand_final_arg = true;
        if (Peek().kind != TokenKind::kRParen) {
          Fail(Peek().range, "Missing close parenthesis",
               "Expected \")\" after the expanded final argument, but found " +
                   DescribeToken(Peek()) + ".");
          return {};
        }
        break;
      }
      if (sep.kind != TokenKind::kRParen) {
        Fail(sep.range, "Missing argument separator",
             "Expected \",\" or \")\" after a function argument, but found " + DescribeToken(sep) +
                 ".");
        return {};
      }
    }
    if (!ok()) {
      return {};
    }
    Token close = Take();
    e.range = base::SourceRange{name.range.filename, name.range.start, close.range.end};
    (void)open;
    return e;
  }

  Expression ParseTuple() {
    Token open = Take();
    NewlineMode mode(this, true);
    Expression e;
    e.kind = ExprKind::kTuple;
    if (Peek().kind == TokenKind::kIdent && Peek().text == "for") {
      Fail(Peek().range, "Unsupported for expression",
           "For expressions are not supported in schema files.");
      return {};
    }
    while (ok()) {
      const Token& t = Peek();
      if (t.kind == TokenKind::kRBrack) {
        break;
      }
      if (t.kind == TokenKind::kEOF) {
        Fail(open.range, "Unclosed list",
             "There is no closing bracket \"]\" for the list opened here.");
        return {};
      }
      e.operands.push_back(ParseExpr());
      if (!ok()) {
        return {};
      }
      const Token& sep = Peek();
      if (sep.kind == TokenKind::kComma) {
        Skip();
        continue;
      }
      if (sep.kind == TokenKind::kEOF) {
        Fail(open.range, "Unclosed list",
             "There is no closing bracket \"]\" for the list opened here.");
        return {};
      }
      if (sep.kind != TokenKind::kRBrack) {
        Fail(sep.range, "Missing item separator",
             R"(Expected "," or "]" after a list item, but found )" + DescribeToken(sep) + ".");
        return {};
      }
    }
    if (!ok()) {
      return {};
    }
    Token close = Take();
    e.range = base::SourceRange{open.range.filename, open.range.start, close.range.end};
    return e;
  }

  Expression ParseObject() {
    Token open = Take();
    NewlineMode mode(this, false);
    Expression e;
    e.kind = ExprKind::kObject;
    while (ok()) {
      SkipNewlines();
      const Token& t = Peek();
      if (!ok() || t.kind == TokenKind::kRBrace) {
        break;
      }
      if (t.kind == TokenKind::kEOF) {
        Fail(open.range, "Unclosed object",
             "There is no closing brace \"}\" for the object opened here.");
        return {};
      }
      if (t.kind == TokenKind::kIdent && t.text == "for" && e.items.empty()) {
        Fail(t.range, "Unsupported for expression",
             "For expressions are not supported in schema files.");
        return {};
      }
      ObjectItem item;
      item.key = ParseExpr();
      if (!ok()) {
        return {};
      }
      item.bare_key = item.key.kind == ExprKind::kTraversal && item.key.steps.empty();
      const Token& sep = Peek();
      if (sep.kind != TokenKind::kEqual && sep.kind != TokenKind::kColon) {
        Fail(sep.range, "Missing key/value separator",
             R"(Expected "=" or ":" after an object key, but found )" + DescribeToken(sep) + ".");
        return {};
      }
      Skip();
      item.value = ParseExpr();
      if (!ok()) {
        return {};
      }
      e.items.push_back(std::move(item));
      const Token& after = Peek();
      if (after.kind == TokenKind::kComma || after.kind == TokenKind::kNewline) {
        Skip();
        continue;
      }
      if (after.kind == TokenKind::kEOF) {
        Fail(open.range, "Unclosed object",
             "There is no closing brace \"}\" for the object opened here.");
        return {};
      }
      if (after.kind != TokenKind::kRBrace) {
        Fail(after.range, "Missing attribute separator",
             "Expected a newline or \",\" after an object attribute, but found " +
                 DescribeToken(after) + ".");
        return {};
      }
    }
    if (!ok()) {
      return {};
    }
    Token close = Take();
    e.range = base::SourceRange{open.range.filename, open.range.start, close.range.end};
    return e;
  }

  // After "${" (already consumed): the expression, an optional "~" and the closing "}".
  bool ParseInterpolation(const TemplateChunk& chunk, std::vector<TemplatePart>* parts,
                          bool* strip_next) {
    if (chunk.strip_before) {
      StripTrailingSpace(parts);
    }
    NewlineMode mode(this, true);
    TemplatePart part;
    part.kind = TemplatePart::Kind::kInterpolation;
    part.expr = ParseExpr();
    if (!ok()) {
      return false;
    }
    const Token* t = &Peek();
    *strip_next = false;
    if (t->kind == TokenKind::kTilde) {
      Skip();
      *strip_next = true;
      t = &Peek();
    }
    if (t->kind != TokenKind::kRBrace) {
      Fail(t->range, "Missing interpolation end",
           "Expected \"}\" to close the interpolation that started at " +
               chunk.end_range.ToString() + ", but found " + DescribeToken(*t) + ".");
      return false;
    }
    Token close = Take();
    part.range =
        base::SourceRange{chunk.end_range.filename, chunk.end_range.start, close.range.end};
    parts->push_back(std::move(part));
    return true;
  }

  static void StripTrailingSpace(std::vector<TemplatePart>* parts) {
    if (parts->empty() || parts->back().kind != TemplatePart::Kind::kLiteral) {
      return;
    }
    std::string& s = parts->back().literal;
    while (!s.empty() && (IsSpace(s.back()) || s.back() == '\n')) {
      s.pop_back();
    }
  }

  static void StripLeadingSpace(std::string* s) {
    size_t n = 0;
    while (n < s->size() && (IsSpace((*s)[n]) || (*s)[n] == '\n')) {
      ++n;
    }
    s->erase(0, n);
  }

  Expression ParseQuoted(const Token& open) {
    Expression e;
    e.kind = ExprKind::kTemplate;
    bool strip_next = false;
    while (ok()) {
      TemplateChunk chunk = lex_.ScanQuoted();
      if (chunk.end == TemplateChunk::End::kUnterminated) {
        Fail(open.range, "Unterminated string literal",
             "The string that starts here has no closing quote on the same line; write newlines as "
             "\\n or use "
             "a heredoc (<<-EOT) for multi-line text.");
        return {};
      }
      if (chunk.end == TemplateChunk::End::kError) {
        Fail(chunk.error_range, chunk.error_summary, chunk.error);
        return {};
      }
      if (strip_next) {
        StripLeadingSpace(&chunk.literal);
        strip_next = false;
      }
      if (!chunk.literal.empty()) {
        TemplatePart lit;
        lit.literal = std::move(chunk.literal);
        lit.range = chunk.range;
        e.parts.push_back(std::move(lit));
      }
      if (chunk.end == TemplateChunk::End::kClose) {
        e.range = base::SourceRange{open.range.filename, open.range.start, chunk.end_range.end};
        break;
      }
      if (chunk.end == TemplateChunk::End::kDirective) {
        FailDirective(chunk);
        return {};
      }
      if (!ParseInterpolation(chunk, &e.parts, &strip_next)) {
        return {};
      }
    }
    MeldLiterals(&e.parts);
    return e;
  }

  void FailDirective(const TemplateChunk& chunk) {
    Fail(chunk.end_range, "Unsupported template directive",
         "Template directives (%{if}, %{for}) are not supported; write a literal \"%{\" as "
         "\"%%{\".");
  }

  Expression ParseHeredoc(const Token& open) {
    Expression e;
    e.kind = ExprKind::kTemplate;
    e.heredoc = true;
    e.heredoc_indented = open.heredoc_indented;
    e.heredoc_marker = open.heredoc_marker;
    bool at_line_start = true;
    bool strip_next = false;
    while (ok()) {
      TemplateChunk chunk = lex_.ScanHeredoc(open.heredoc_marker, at_line_start);
      if (chunk.end == TemplateChunk::End::kUnterminated) {
        Fail(open.range, "Unterminated heredoc",
             "There is no closing marker \"" + std::string(open.heredoc_marker) +
                 "\" for the heredoc that starts here.");
        return {};
      }
      if (strip_next) {
        StripLeadingSpace(&chunk.literal);
        strip_next = false;
      }
      if (!chunk.literal.empty()) {
        TemplatePart lit;
        lit.literal = std::move(chunk.literal);
        lit.range = chunk.range;
        e.parts.push_back(std::move(lit));
      }
      at_line_start = chunk.end == TemplateChunk::End::kNewline;
      if (chunk.end == TemplateChunk::End::kNewline) {
        continue;
      }
      if (chunk.end == TemplateChunk::End::kClose) {
        e.range = base::SourceRange{open.range.filename, open.range.start, chunk.end_range.end};
        break;
      }
      if (chunk.end == TemplateChunk::End::kDirective) {
        FailDirective(chunk);
        return {};
      }
      if (!ParseInterpolation(chunk, &e.parts, &strip_next)) {
        return {};
      }
    }
    if (e.heredoc_indented) {
      StripHeredocIndent(&e.parts);
    }
    MeldLiterals(&e.parts);
    return e;
  }

  std::string_view src_;
  Lexer lex_;
  std::optional<Token> peeked_;
  bool skip_newlines_ = false;  // newlines are insignificant (inside brackets); see NewlineMode
  std::optional<base::Diagnostic> error_;
  int depth_ = 0;
};

}  // namespace

base::Result<File> Parse(std::string_view source, std::string filename) {
  Parser p(source, std::move(filename));
  return p.ParseFile();
}

base::Result<Expression> ParseExpression(std::string_view source, std::string filename) {
  Parser p(source, std::move(filename));
  return p.ParseSingleExpression();
}

}  // namespace atlas::engine::hcl
