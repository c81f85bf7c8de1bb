#pragma once
// Generic HCL writer: renders an output tree (blocks with labels, attributes with pre-rendered
// expressions) as normalized HCL text shaped like hclwrite's output, which is what `atlas schema
// inspect` prints:
//   - 2-space indentation per nesting level;
//   - "=" signs aligned within each run of consecutive attributes (a block or comment ends the
//   run);
//   - no blank lines between items (optionally one between top-level blocks);
//   - an empty block is written as `type "label" {` + newline + `}`.
// Values are plain data; functions are pure and thread-safe.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/hcl/ast.hpp"

namespace atlas::engine::hcl {

// HCL quoted-string body for `s` (no surrounding quotes), escaped as hclwrite does: \n \r \t \" \\,
// "${" and
// "%{" doubled to "$${" / "%%{", non-printable characters as \uNNNN / \UNNNNNNNN.
std::string EscapeString(std::string_view s);
// `"` + EscapeString(s) + `"`.
std::string QuoteString(std::string_view s);

// True for a valid HCL identifier (letters, digits, "_" and "-", not starting with a digit or "-").
bool IsIdentifier(std::string_view s);

// An expression already rendered as HCL text.
class OutExpr {
 public:
  OutExpr() = default;
  // Written verbatim: traversals (`schema.main`, `column.id`), keywords (`CASCADE`), types
  // (`varchar(255)`), function calls (`sql("now()")`).
  static OutExpr Raw(std::string text);
  // A quoted string literal.
  static OutExpr String(std::string_view value);
  // Atlas's "might heredoc" rendering of SQL text: surrounding whitespace trimmed, CRLF normalized;
  // a multi-line value becomes `<<-SQL` with every non-blank line indented by two spaces and a
  // closing `  SQL`; a single line stays a quoted string.
  static OutExpr Heredoc(std::string_view value, std::string_view marker = "SQL");
  // A number literal exactly as given ("10", "1.5").
  static OutExpr Number(std::string text);
  static OutExpr Bool(bool value);
  static OutExpr Null();
  // `[a, b]` on one line.
  static OutExpr List(const std::vector<OutExpr>& items);
  // `name(a, b)`.
  static OutExpr Call(std::string_view name, const std::vector<OutExpr>& args);

  const std::string& text() const { return text_; }
  bool operator==(const OutExpr&) const = default;

 private:
  explicit OutExpr(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

// An ordered body of attributes and nested blocks. Move-only (blocks own their bodies).
class OutBody {
 public:
  struct Item {
    std::string name;                 // attribute name or block type
    std::optional<OutExpr> value;     // set for an attribute
    std::vector<std::string> labels;  // block labels (written quoted)
    std::unique_ptr<OutBody> body;    // set for a block
  };

  OutBody() = default;
  OutBody(OutBody&&) = default;
  OutBody& operator=(OutBody&&) = default;
  OutBody(const OutBody&) = delete;
  OutBody& operator=(const OutBody&) = delete;
  ~OutBody() = default;

  void AddAttribute(std::string name, OutExpr value);
  // Appends a block and returns its body (a stable reference owned by this body).
  OutBody& AddBlock(std::string type, std::vector<std::string> labels = {});

  const std::vector<Item>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Item> items_;
};

struct WriteOptions {
  bool blank_line_between_top_level_blocks = false;  // Atlas's inspect output has none
};

// Renders a file body. The result ends with a newline unless the body is empty.
std::string Write(const OutBody& body, const WriteOptions& options = {});

// Canonical HCL text for a parsed expression (single line; heredocs become quoted strings).
std::string RenderExpression(const Expression& expr);

}  // namespace atlas::engine::hcl
