#include "engine/spec/decode.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "engine/hcl/diagnostics.hpp"
#include "engine/hcl/parser.hpp"
#include "engine/hcl/writer.hpp"
#include "engine/spec/literal.hpp"
#include "engine/spec/trigger_sql.hpp"

namespace atlas::engine::spec {
namespace {

using hcl::Attribute;
using hcl::Block;
using hcl::Body;
using hcl::Expression;
using hcl::ExprKind;

struct Located {
  const hcl::File* file = nullptr;
  const Block* block = nullptr;
};

// A table or view declared in the document: where it lives in the realm and how it is labeled.
struct ObjectEntry {
  size_t schema = 0;
  size_t index = 0;  // into Schema::tables or Schema::views
  std::string name;
  Located at;
  bool view = false;
};

std::string Join(const std::vector<std::string_view>& xs) {
  std::string out;
  for (size_t i = 0; i < xs.size(); ++i) {
    out += (i > 0 ? ", " : "") + std::string(xs[i]);
  }
  return out;
}

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  });
  return s;
}

std::string Trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  while (!s.empty() && space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && space(s.back())) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// Collects `local.<name>` references inside an expression.
void LocalRefs(const Expression& e, std::set<std::string>* out) {
  if (e.kind == ExprKind::kTraversal && e.text == "local" && !e.steps.empty()) {
    out->insert(e.steps[0].name);
  }
  for (const auto& x : e.operands) {
    LocalRefs(x, out);
  }
  for (const auto& p : e.parts) {
    if (p.expr) {
      LocalRefs(*p.expr, out);
    }
  }
  for (const auto& item : e.items) {
    LocalRefs(item.key, out);
    LocalRefs(item.value, out);
  }
}

class Decoder {
 public:
  Decoder(const Dialect& dialect, const DecodeOptions& options)
      : dialect_(dialect), options_(options) {}

  base::Result<schema::Realm> Run(const std::vector<hcl::File>& files) {
    std::vector<Located> schemas;
    std::vector<Located> tables;
    std::vector<Located> views;
    std::vector<Located> triggers;
    std::vector<Located> enums;
    std::vector<Located> sequences;
    std::vector<Located> extensions;
    std::vector<Located> variables;
    std::vector<Located> locals;
    for (const auto& f : files) {
      file_ = &f;
      std::vector<const Block*> ordered;
      for (const auto& b : f.body.blocks) {
        ordered.push_back(&b);
      }
      for (const auto& a : f.body.attributes) {
        Fail(a.name_range, "Unsupported attribute",
             "Attributes are not expected at the top level of a schema file; found \"" + a.name +
                 "\".");
      }
      for (const Block* b : ordered) {
        const Located at{&f, b};
        if (b->type == "schema") {
          schemas.push_back(at);
        } else if (b->type == "table") {
          tables.push_back(at);
        } else if ((b->type == "view" && dialect_.Supports(Feature::kViews)) ||
                   (b->type == "materialized" && dialect_.Supports(Feature::kMaterializedViews))) {
          views.push_back(at);
        } else if (b->type == "trigger" && dialect_.Supports(Feature::kTriggers)) {
          triggers.push_back(at);
        } else if (b->type == "enum" && dialect_.Supports(Feature::kEnums)) {
          enums.push_back(at);
        } else if (b->type == "sequence" && dialect_.Supports(Feature::kSequences)) {
          sequences.push_back(at);
        } else if (b->type == "extension" && dialect_.Supports(Feature::kExtensions)) {
          extensions.push_back(at);
        } else if (b->type == "variable") {
          variables.push_back(at);
        } else if (b->type == "locals") {
          locals.push_back(at);
        } else {
          Fail(b->type_range, "Unsupported block type",
               "Blocks of type \"" + b->type + "\" are not supported in " +
                   std::string(dialect_.Name()) + " schema files.");
        }
      }
    }
    if (!diags_.empty()) {
      return diags_;
    }
    DecodeVariables(variables);
    if (diags_.empty()) {
      DecodeLocals(locals);
    }
    if (!diags_.empty()) {
      return diags_;
    }
    for (const auto& at : schemas) {
      DecodeSchema(at);
    }
    if (!diags_.empty()) {
      return diags_;
    }
    for (const auto& at : enums) {
      DecodeEnum(at);
    }
    for (const auto& at : sequences) {
      DecodeSequence(at);
    }
    for (const auto& at : extensions) {
      DecodeExtension(at);
    }
    for (const auto& at : tables) {
      DecodeTable(at);
    }
    for (const auto& at : views) {
      DecodeView(at);
    }
    if (!diags_.empty()) {
      return diags_;
    }
    for (const auto& entry : table_entries_) {
      DecodeForeignKeys(entry);
    }
    for (const auto& entry : view_entries_) {
      DecodeViewDeps(entry);
    }
    for (const auto& entry : table_entries_) {
      ValidateTableDeps(entry);
    }
    for (const auto& at : triggers) {
      DecodeTrigger(at);
    }
    if (!diags_.empty()) {
      return diags_;
    }
    return std::move(realm_);
  }

 private:
  // ---- diagnostics ----

  void Fail(const base::SourceRange& range, std::string summary, std::string sentence) {
    diags_.Add(hcl::ErrorAt(file_->source, range, std::move(summary), std::move(sentence)));
  }

  void Use(const Located& at) { file_ = at.file; }

  bool CheckLabels(const Block& b, size_t min, size_t max, std::string_view example) {
    if (b.labels.size() < min) {
      Fail(b.type_range, "Missing block label",
           "A " + b.type + " block needs a name, as in " + std::string(example) + ".");
      return false;
    }
    if (b.labels.size() > max) {
      Fail(b.label_ranges.at(max), "Extraneous block label",
           "A " + b.type + " block takes at most " + std::to_string(max) + " label(s), as in " +
               std::string(example) + ".");
      return false;
    }
    return true;
  }

  bool CheckBody(const Body& body, std::string_view what,
                 const std::vector<std::string_view>& attrs,
                 const std::vector<std::string_view>& blocks) {
    bool ok = true;
    for (const auto& a : body.attributes) {
      if (std::find(attrs.begin(), attrs.end(), a.name) == attrs.end()) {
        Fail(a.name_range, "Unsupported attribute",
             "An attribute named \"" + a.name + "\" is not expected in a " + std::string(what) +
                 " block" + (attrs.empty() ? "." : "; expected one of: " + Join(attrs) + "."));
        ok = false;
      }
    }
    for (const auto& b : body.blocks) {
      if (std::find(blocks.begin(), blocks.end(), b.type) == blocks.end()) {
        Fail(b.type_range, "Unsupported block type",
             "Blocks of type \"" + b.type + "\" are not expected in a " + std::string(what) +
                 " block" + (blocks.empty() ? "." : "; expected one of: " + Join(blocks) + "."));
        ok = false;
      }
    }
    return ok;
  }

  // ---- values ----

  std::optional<hcl::Value> Eval(const Expression& e) {
    ctx_.source = file_->source;
    auto r = hcl::Evaluate(e, ctx_);
    if (!r.ok()) {
      diags_.Append(r.diags());
      return std::nullopt;
    }
    return std::move(r).value();
  }

  void TypeMismatch(const Attribute& a, std::string_view want, const hcl::Value& got) {
    Fail(a.expr.range, "Invalid attribute value",
         "Attribute \"" + a.name + "\" must be " + std::string(want) + ", got " + got.TypeName() +
             ".");
  }

  std::optional<bool> GetBool(const Body& body, std::string_view name) {
    const Attribute* a = body.FindAttribute(name);
    if (a == nullptr) {
      return std::nullopt;
    }
    auto v = Eval(a->expr);
    if (!v) {
      return std::nullopt;
    }
    if (v->kind != hcl::Value::Kind::kBool) {
      TypeMismatch(*a, "a bool", *v);
      return std::nullopt;
    }
    return v->bool_value;
  }

  std::optional<std::string> GetString(const Body& body, std::string_view name) {
    const Attribute* a = body.FindAttribute(name);
    if (a == nullptr) {
      return std::nullopt;
    }
    auto v = Eval(a->expr);
    if (!v) {
      return std::nullopt;
    }
    if (v->kind != hcl::Value::Kind::kString) {
      TypeMismatch(*a, "a string", *v);
      return std::nullopt;
    }
    return v->text;
  }

  std::optional<int64_t> GetInt(const Body& body, std::string_view name) {
    const Attribute* a = body.FindAttribute(name);
    if (a == nullptr) {
      return std::nullopt;
    }
    auto v = Eval(a->expr);
    if (!v) {
      return std::nullopt;
    }
    if (v->kind != hcl::Value::Kind::kNumber ||
        v->number != static_cast<double>(static_cast<int64_t>(v->number))) {
      TypeMismatch(*a, "a whole number", *v);
      return std::nullopt;
    }
    return static_cast<int64_t>(v->number);
  }

  std::optional<std::vector<std::string>> GetStrings(const Body& body, std::string_view name) {
    const Attribute* a = body.FindAttribute(name);
    if (a == nullptr) {
      return std::nullopt;
    }
    auto v = Eval(a->expr);
    if (!v) {
      return std::nullopt;
    }
    if (v->kind != hcl::Value::Kind::kList) {
      TypeMismatch(*a, "a list of strings", *v);
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& x : v->elements) {
      if (x.kind != hcl::Value::Kind::kString) {
        TypeMismatch(*a, "a list of strings", x);
        return std::nullopt;
      }
      out.push_back(x.text);
    }
    return out;
  }

  // A keyword: an identifier (CASCADE, STORED, BY_DEFAULT) or a string evaluating to one.
  std::optional<std::string> GetKeyword(const Body& body, std::string_view name) {
    const Attribute* a = body.FindAttribute(name);
    if (a == nullptr) {
      return std::nullopt;
    }
    if (a->expr.kind == ExprKind::kTraversal && a->expr.steps.empty()) {
      return a->expr.text;
    }
    auto v = Eval(a->expr);
    if (!v) {
      return std::nullopt;
    }
    if (v->kind != hcl::Value::Kind::kString) {
      TypeMismatch(*a, "a keyword", *v);
      return std::nullopt;
    }
    return v->text;
  }

  // Names along a reference: table.users.column.id -> {table, users, column, id}; column["a b"] ->
  // {column, a b}. Dynamic index keys (schema[var.name]) are evaluated.
  std::optional<std::vector<std::string>> RefPath(const Expression& e) {
    if (e.kind == ExprKind::kIndex) {
      auto base = RefPath(e.operands.at(0));
      if (!base) {
        return std::nullopt;
      }
      auto key = Eval(e.operands.at(1));
      if (!key) {
        return std::nullopt;
      }
      if (key->kind != hcl::Value::Kind::kString) {
        Fail(e.operands.at(1).range, "Invalid reference", "A reference key must be a string.");
        return std::nullopt;
      }
      base->push_back(key->text);
      return base;
    }
    if (e.kind == ExprKind::kParens) {
      return RefPath(e.operands.at(0));
    }
    if (e.kind != ExprKind::kTraversal) {
      return std::nullopt;
    }
    std::vector<std::string> path{e.text};
    for (const auto& s : e.steps) {
      if (s.kind == hcl::TraversalStep::Kind::kSplat) {
        return std::nullopt;
      }
      path.push_back(s.name);
    }
    return path;
  }

  // The elements of a list attribute, each expected to be a reference.
  std::optional<std::vector<const Expression*>> RefList(const Attribute& a) {
    if (a.expr.kind != ExprKind::kTuple) {
      Fail(a.expr.range, "Invalid attribute value",
           "Attribute \"" + a.name + "\" must be a list of references, such as [column.id].");
      return std::nullopt;
    }
    std::vector<const Expression*> out;
    for (const auto& x : a.expr.operands) {
      out.push_back(&x);
    }
    return out;
  }

  static std::string Render(const Expression& e) { return hcl::RenderExpression(e); }

  // ---- variables and locals ----

  void DecodeVariables(const std::vector<Located>& blocks) {
    std::vector<std::pair<std::string, hcl::Value>> fields;
    std::map<std::string, base::SourceRange> seen;
    ctx_.variables.clear();
    for (const auto& at : blocks) {
      Use(at);
      const Block& b = *at.block;
      if (!CheckLabels(b, 1, 1, "variable \"name\" {}") ||
          !CheckBody(b.body, "variable",
                     {"type", "default", "description", "sensitive", "nullable"}, {})) {
        continue;
      }
      const std::string& name = b.labels[0];
      if (auto it = seen.find(name); it != seen.end()) {
        Fail(b.label_ranges[0], "Duplicate variable",
             "A variable named \"" + name + "\" is already declared at " + it->second.ToString() +
                 ".");
        continue;
      }
      seen.emplace(name, b.label_ranges[0]);
      std::string type = "any";
      if (const Attribute* t = b.body.FindAttribute("type")) {
        // string, number, bool, any, or a call: list(...), map(...), set(...), object(...).
        if ((t->expr.kind == ExprKind::kTraversal && t->expr.steps.empty()) ||
            t->expr.kind == ExprKind::kFunctionCall) {
          type = t->expr.text;
        } else {
          Fail(t->expr.range, "Invalid variable type",
               "Expected a type such as string, number, bool or list(string).");
          continue;
        }
      }
      std::optional<hcl::Value> value;
      if (auto it = options_.variables.find(name); it != options_.variables.end()) {
        value = it->second;
      } else if (const Attribute* d = b.body.FindAttribute("default")) {
        value = Eval(d->expr);
        if (!value) {
          continue;
        }
      } else {
        Fail(b.label_ranges[0], "Missing variable value",
             "No value was given for variable \"" + name + "\" and it has no default.");
        continue;
      }
      auto converted = Convert(*value, type);
      if (!converted) {
        std::string why = "The value for variable \"" + name + "\" is a " + value->TypeName();
        why += ", not a " + type + ".";
        Fail(b.label_ranges[0], "Invalid variable value", std::move(why));
        continue;
      }
      fields.emplace_back(name, std::move(*converted));
    }
    ctx_.variables["var"] = hcl::Value::Object(std::move(fields));
  }

  static std::optional<hcl::Value> Convert(const hcl::Value& v, const std::string& type) {
    using K = hcl::Value::Kind;
    if (type == "string") {
      if (v.kind == K::kString || v.kind == K::kNumber) {
        return hcl::Value::String(v.text);
      }
      if (v.kind == K::kBool) {
        return hcl::Value::String(v.bool_value ? "true" : "false");
      }
      return std::nullopt;
    }
    if (type == "number") {
      if (v.kind == K::kNumber) {
        return v;
      }
      if (v.kind == K::kString) {
        auto parsed = hcl::ParseExpression(v.text, "value");
        if (parsed.ok() && parsed->kind == ExprKind::kNumber) {
          return hcl::Value::NumberText(parsed->text);
        }
        if (parsed.ok() && parsed->kind == ExprKind::kUnary && parsed->text == "-" &&
            parsed->operands.at(0).kind == ExprKind::kNumber) {
          hcl::Value n = hcl::Value::NumberText(parsed->operands.at(0).text);
          n.number = -n.number;
          n.text = "-" + n.text;
          return n;
        }
      }
      return std::nullopt;
    }
    if (type == "bool") {
      if (v.kind == K::kBool) {
        return v;
      }
      if (v.kind == K::kString && (v.text == "true" || v.text == "false")) {
        return hcl::Value::Bool(v.text == "true");
      }
      return std::nullopt;
    }
    if (type == "list" || type == "set" || type == "tuple") {
      return v.kind == K::kList ? std::optional<hcl::Value>(v) : std::nullopt;
    }
    if (type == "map" || type == "object") {
      return v.kind == K::kObject ? std::optional<hcl::Value>(v) : std::nullopt;
    }
    return v;
  }

  void DecodeLocals(const std::vector<Located>& blocks) {
    std::map<std::string, std::pair<const Attribute*, const hcl::File*>> defs;
    for (const auto& at : blocks) {
      Use(at);
      const Block& b = *at.block;
      if (!CheckLabels(b, 0, 0, "locals {}")) {
        continue;
      }
      for (const auto& blk : b.body.blocks) {
        Fail(blk.type_range, "Unsupported block type", "A locals block holds only attributes.");
      }
      for (const auto& a : b.body.attributes) {
        if (auto it = defs.find(a.name); it != defs.end()) {
          Fail(a.name_range, "Duplicate local value",
               "A local value named \"" + a.name + "\" is already defined at " +
                   it->second.first->name_range.ToString() + ".");
          continue;
        }
        defs.emplace(a.name, std::make_pair(&a, at.file));
      }
    }
    std::map<std::string, hcl::Value> done;
    std::set<std::string> visiting;
    // Depth-first evaluation so locals may refer to each other in any order.
    std::function<bool(const std::string&)> eval_local = [&](const std::string& name) -> bool {
      if (done.count(name) != 0) {
        return true;
      }
      auto it = defs.find(name);
      if (it == defs.end()) {
        return true;  // the evaluator reports the unknown name where it is used
      }
      const Attribute* a = it->second.first;
      if (visiting.count(name) != 0) {
        file_ = it->second.second;
        Fail(a->name_range, "Cycle in local values",
             "Local value \"" + name + "\" depends on itself.");
        return false;
      }
      visiting.insert(name);
      std::set<std::string> deps;
      LocalRefs(a->expr, &deps);
      for (const auto& d : deps) {
        if (!eval_local(d)) {
          return false;
        }
      }
      visiting.erase(name);
      std::vector<std::pair<std::string, hcl::Value>> fields(done.begin(), done.end());
      ctx_.variables["local"] = hcl::Value::Object(std::move(fields));
      file_ = it->second.second;
      auto v = Eval(a->expr);
      if (!v) {
        return false;
      }
      done.emplace(name, std::move(*v));
      return true;
    };
    for (const auto& [name, def] : defs) {
      if (!eval_local(name)) {
        return;
      }
    }
    std::vector<std::pair<std::string, hcl::Value>> fields(done.begin(), done.end());
    ctx_.variables["local"] = hcl::Value::Object(std::move(fields));
  }

  // ---- schemas and enums ----

  void DecodeSchema(const Located& at) {
    Use(at);
    const Block& b = *at.block;
    if (!CheckLabels(b, 1, 1, "schema \"main\" {}")) {
      return;
    }
    std::vector<std::string_view> attrs{"name"};
    if (dialect_.Supports(Feature::kComments)) {
      attrs.emplace_back("comment");
    }
    if (dialect_.Supports(Feature::kCharsetCollate)) {
      attrs.emplace_back("charset");
      attrs.emplace_back("collate");
    }
    if (!CheckBody(b.body, "schema", attrs, {})) {
      return;
    }
    const std::string& label = b.labels[0];
    for (size_t i = 0; i < schema_labels_.size(); ++i) {
      if (schema_labels_[i] == label) {
        Fail(b.label_ranges[0], "Duplicate schema",
             "A schema named \"" + label + "\" is already defined at " +
                 schema_ranges_[i].ToString() + ".");
        return;
      }
    }
    schema::Schema s;
    s.name = GetString(b.body, "name").value_or(label);
    s.comment = GetString(b.body, "comment").value_or("");
    s.charset = GetString(b.body, "charset").value_or("");
    s.collation = GetString(b.body, "collate").value_or("");
    realm_.schemas.push_back(std::move(s));
    schema_labels_.push_back(label);
    schema_ranges_.push_back(b.label_ranges[0]);
  }

  std::optional<size_t> FindSchemaLabel(std::string_view label) const {
    for (size_t i = 0; i < schema_labels_.size(); ++i) {
      if (schema_labels_[i] == label) {
        return i;
      }
    }
    for (size_t i = 0; i < realm_.schemas.size(); ++i) {
      if (realm_.schemas[i].name == label) {
        return i;
      }
    }
    return std::nullopt;
  }

  // `schema = schema.main` of a table, view or enum block.
  std::optional<size_t> SchemaOf(const Block& b, std::string_view what) {
    const Attribute* a = b.body.FindAttribute("schema");
    if (a == nullptr) {
      Fail(b.type_range, "Missing schema reference",
           "The " + std::string(what) + " \"" + b.labels.back() +
               "\" must set its schema, as in schema = schema." +
               (schema_labels_.empty() ? "main" : schema_labels_[0]) + ".");
      return std::nullopt;
    }
    const size_t before = diags_.size();
    auto path = RefPath(a->expr);
    if (!path || path->size() != 2 || (*path)[0] != "schema") {
      if (diags_.size() == before) {
        Fail(a->expr.range, "Invalid schema reference",
             "Expected a reference such as schema.main, got " + Render(a->expr) + ".");
      }
      return std::nullopt;
    }
    auto idx = FindSchemaLabel((*path)[1]);
    if (!idx) {
      Fail(a->expr.range, "Unknown schema",
           "There is no schema named \"" + (*path)[1] + "\"; declare it with schema \"" +
               (*path)[1] + "\" {}.");
      return std::nullopt;
    }
    return idx;
  }

  void DecodeEnum(const Located& at) {
    Use(at);
    const Block& b = *at.block;
    if (!CheckLabels(b, 1, 2, "enum \"status\" {}")) {
      return;
    }
    std::vector<std::string_view> attrs{"schema", "values"};
    if (dialect_.Supports(Feature::kComments)) {
      attrs.emplace_back("comment");
    }
    if (!CheckBody(b.body, "enum", attrs, {})) {
      return;
    }
    auto schema_idx = SchemaOf(b, "enum");
    if (!schema_idx) {
      return;
    }
    schema::EnumType e;
    e.name = b.labels.back();
    for (const auto& x : realm_.schemas[*schema_idx].enums) {
      if (x.name == e.name) {
        Fail(b.label_ranges.back(), "Duplicate enum",
             "Enum \"" + e.name + "\" is defined twice in this schema.");
        return;
      }
    }
    if (b.body.FindAttribute("values") == nullptr) {
      Fail(b.type_range, "Missing enum values", R"(An enum block must set values = ["a", "b"].)");
      return;
    }
    auto values = GetStrings(b.body, "values");
    if (!values) {
      return;
    }
    e.values = std::move(*values);
    e.comment = GetString(b.body, "comment").value_or("");
    realm_.schemas[*schema_idx].enums.push_back(std::move(e));
  }

  void DecodeSequence(const Located& at) {
    Use(at);
    const Block& b = *at.block;
    if (!CheckLabels(b, 1, 2, "sequence \"s\" {}")) {
      return;
    }
    if (!CheckBody(b.body, "sequence",
                   {"schema", "type", "start", "increment", "min_value", "max_value", "cache",
                    "cycle", "owner", "comment"},
                   {})) {
      return;
    }
    auto schema_idx = SchemaOf(b, "sequence");
    if (!schema_idx) {
      return;
    }
    schema::Sequence seq;
    seq.name = b.labels.back();
    for (const auto& x : realm_.schemas[*schema_idx].sequences) {
      if (x.name == seq.name) {
        Fail(b.label_ranges.back(), "Duplicate sequence",
             "Sequence \"" + seq.name + "\" is defined twice in this schema.");
        return;
      }
    }
    if (const Attribute* t = b.body.FindAttribute("type")) {
      auto te = TypeOf(*t);
      if (!te) {
        return;
      }
      auto ct = dialect_.DecodeType(*te);
      if (!ct.ok()) {
        const auto& d = ct.diags().items().at(0);
        Fail(t->expr.range, d.summary, d.detail);
        return;
      }
      seq.type = ct->normalized == "bigint" ? "" : ct->normalized;
    }
    seq.increment = GetInt(b.body, "increment").value_or(1);
    seq.min_value = GetInt(b.body, "min_value");
    seq.max_value = GetInt(b.body, "max_value");
    seq.start = GetInt(b.body, "start").value_or(seq.min_value.value_or(1));
    seq.cache = GetInt(b.body, "cache").value_or(1);
    seq.cycle = GetBool(b.body, "cycle").value_or(false);
    seq.comment = GetString(b.body, "comment").value_or("");
    if (const Attribute* o = b.body.FindAttribute("owner")) {
      auto path = RefPath(o->expr);
      if (!path || path->size() < 4 || (*path)[0] != "table" || (*path)[path->size() - 2] != "column") {
        Fail(o->expr.range, "Invalid sequence owner",
             "Expected a column reference such as table.users.column.id.");
        return;
      }
      seq.owned_by = (*path)[path->size() - 3] + "." + path->back();
    }
    realm_.schemas[*schema_idx].sequences.push_back(std::move(seq));
  }

  void DecodeExtension(const Located& at) {
    Use(at);
    const Block& b = *at.block;
    if (!CheckLabels(b, 1, 1, "extension \"hstore\" {}")) {
      return;
    }
    if (!CheckBody(b.body, "extension", {"schema", "version", "comment"}, {})) {
      return;
    }
    schema::Extension e;
    e.name = b.labels.back();
    if (b.body.FindAttribute("schema") != nullptr) {
      auto schema_idx = SchemaOf(b, "extension");
      if (!schema_idx) {
        return;
      }
      e.schema = realm_.schemas[*schema_idx].name;
    }
    e.version = GetString(b.body, "version").value_or("");
    for (const auto& x : realm_.extensions) {
      if (x.name == e.name) {
        Fail(b.label_ranges.back(), "Duplicate extension",
             "Extension \"" + e.name + "\" is defined twice.");
        return;
      }
    }
    realm_.extensions.push_back(std::move(e));
  }

  // ---- tables ----

  std::vector<std::string_view> ColumnAttrs(bool view) const {
    std::vector<std::string_view> attrs{"null", "type"};
    if (!view) {
      attrs.emplace_back("default");
    }
    if (dialect_.Supports(Feature::kComments)) {
      attrs.emplace_back("comment");
    }
    if (view) {
      return attrs;
    }
    if (dialect_.Supports(Feature::kAutoIncrement)) {
      attrs.emplace_back("auto_increment");
    }
    if (dialect_.Supports(Feature::kGeneratedColumns)) {
      attrs.emplace_back("as");
    }
    if (dialect_.Supports(Feature::kCharsetCollate)) {
      attrs.emplace_back("charset");
      attrs.emplace_back("collate");
    } else if (dialect_.Supports(Feature::kColumnCollate)) {
      attrs.emplace_back("collate");
    }
    if (dialect_.Supports(Feature::kUnsigned)) {
      attrs.emplace_back("unsigned");
    }
    if (dialect_.Supports(Feature::kOnUpdate)) {
      attrs.emplace_back("on_update");
    }
    return attrs;
  }

  std::optional<TypeExpr> TypeOf(const Attribute& a) {
    const Expression& e = a.expr;
    TypeExpr t;
    t.range = e.range;
    if (e.kind == ExprKind::kTraversal && e.steps.empty()) {
      t.kind = TypeExpr::Kind::kName;
      t.name = e.text;
      return t;
    }
    if (e.kind == ExprKind::kTraversal || e.kind == ExprKind::kIndex) {
      auto path = RefPath(e);
      if (!path) {
        return std::nullopt;
      }
      t.kind = TypeExpr::Kind::kRef;
      if ((*path)[0] == "enum" && dialect_.Supports(Feature::kEnums)) {
        if (path->size() != 2 && path->size() != 3) {
          Fail(e.range, "Invalid enum reference", "Expected enum.<name> or enum.<schema>.<name>.");
          return std::nullopt;
        }
        const std::string& name = path->back();
        std::optional<size_t> found;
        for (size_t i = 0; i < realm_.schemas.size(); ++i) {
          if (path->size() == 3 && schema_labels_[i] != (*path)[1] &&
              realm_.schemas[i].name != (*path)[1]) {
            continue;
          }
          for (const auto& en : realm_.schemas[i].enums) {
            if (en.name == name) {
              found = i;
            }
          }
        }
        if (!found) {
          Fail(
              e.range, "Unknown enum",
              "There is no enum named \"" + name + "\"; declare it with enum \"" + name + "\" {}.");
          return std::nullopt;
        }
        t.ref = {"enum", realm_.schemas[*found].name, name};
        return t;
      }
      t.ref = std::move(*path);
      return t;
    }
    if (e.kind == ExprKind::kFunctionCall && e.text == "sql") {
      if (e.operands.size() != 1) {
        Fail(e.range, "Invalid column type", "sql() takes exactly one string argument.");
        return std::nullopt;
      }
      auto v = Eval(e.operands[0]);
      if (!v) {
        return std::nullopt;
      }
      if (v->kind != hcl::Value::Kind::kString) {
        Fail(e.operands[0].range, "Invalid column type", "sql() takes a string argument.");
        return std::nullopt;
      }
      t.kind = TypeExpr::Kind::kRaw;
      t.name = v->text;
      return t;
    }
    if (e.kind == ExprKind::kFunctionCall) {
      t.kind = TypeExpr::Kind::kCall;
      t.name = e.text;
      for (const auto& arg : e.operands) {
        auto v = Eval(arg);
        if (!v) {
          return std::nullopt;
        }
        if (v->kind == hcl::Value::Kind::kString) {
          t.args.push_back(TypeArg{true, v->text});
        } else if (v->kind == hcl::Value::Kind::kNumber) {
          t.args.push_back(TypeArg{false, v->text});
        } else {
          Fail(arg.range, "Invalid column type", "Type arguments must be numbers or strings.");
          return std::nullopt;
        }
      }
      return t;
    }
    if (e.kind == ExprKind::kTemplate) {
      auto v = Eval(e);
      if (!v) {
        return std::nullopt;
      }
      t.kind = TypeExpr::Kind::kRaw;
      t.name = v->text;
      return t;
    }
    Fail(e.range, "Invalid column type",
         "Expected a type such as integer, varchar(255) or sql(\"...\"), got " + Render(e) + ".");
    return std::nullopt;
  }

  // default / on_update: a value literal or sql("expr").
  std::optional<std::optional<schema::Expr>> ExprValue(const Attribute& a) {
    const Expression& e = a.expr;
    if (e.kind == ExprKind::kFunctionCall && e.text == "sql") {
      if (e.operands.size() != 1) {
        Fail(e.range, "Invalid default value", "sql() takes exactly one string argument.");
        return std::nullopt;
      }
      auto v = Eval(e.operands[0]);
      if (!v) {
        return std::nullopt;
      }
      if (v->kind != hcl::Value::Kind::kString) {
        Fail(e.operands[0].range, "Invalid default value", "sql() takes a string argument.");
        return std::nullopt;
      }
      return std::optional<schema::Expr>(schema::Expr{schema::Expr::Kind::kRaw, v->text});
    }
    auto v = Eval(e);
    if (!v) {
      return std::nullopt;
    }
    switch (v->kind) {
      case hcl::Value::Kind::kNull:
        return std::optional<schema::Expr>();
      case hcl::Value::Kind::kString:
        return std::optional<schema::Expr>(
            schema::Expr{schema::Expr::Kind::kLiteral, SqlQuote(v->text)});
      case hcl::Value::Kind::kNumber:
        return std::optional<schema::Expr>(
            schema::Expr{schema::Expr::Kind::kLiteral, NormalizeNumber(v->text)});
      case hcl::Value::Kind::kBool:
        return std::optional<schema::Expr>(
            schema::Expr{schema::Expr::Kind::kLiteral, v->bool_value ? "true" : "false"});
      default:
        TypeMismatch(a, "a string, number, bool or sql(\"...\")", *v);
        return std::nullopt;
    }
  }

  std::optional<schema::Column> DecodeColumn(const Block& b, bool view) {
    if (!CheckLabels(b, 1, 1, "column \"id\" {}")) {
      return std::nullopt;
    }
    std::vector<std::string_view> blocks;
    if (!view && dialect_.Supports(Feature::kGeneratedColumns)) {
      blocks.emplace_back("as");
    }
    if (!view && dialect_.Supports(Feature::kIdentity)) {
      blocks.emplace_back("identity");
    }
    if (!CheckBody(b.body, "column", ColumnAttrs(view), blocks)) {
      return std::nullopt;
    }
    schema::Column c;
    c.name = b.labels[0];
    c.nullable = GetBool(b.body, "null").value_or(false);
    const Attribute* type = b.body.FindAttribute("type");
    if (type == nullptr) {
      Fail(b.type_range, "Missing column type",
           "Column \"" + c.name + "\" must set its type, as in type = integer.");
      return std::nullopt;
    }
    auto te = TypeOf(*type);
    if (!te) {
      return std::nullopt;
    }
    auto ct = dialect_.DecodeType(*te);
    if (!ct.ok()) {
      const auto& d = ct.diags().items().at(0);
      Fail(type->expr.range, d.summary, d.detail);
      return std::nullopt;
    }
    c.type = std::move(ct).value();
    if (const Attribute* d = b.body.FindAttribute("default")) {
      auto v = ExprValue(*d);
      if (!v) {
        return std::nullopt;
      }
      c.default_value = std::move(*v);
    }
    if (const Attribute* u = b.body.FindAttribute("on_update")) {
      auto v = ExprValue(*u);
      if (!v) {
        return std::nullopt;
      }
      c.on_update = std::move(*v);
    }
    c.comment = GetString(b.body, "comment").value_or("");
    c.auto_increment = GetBool(b.body, "auto_increment").value_or(false);
    c.charset = GetString(b.body, "charset").value_or("");
    c.collation = GetString(b.body, "collate").value_or("");
    if (GetBool(b.body, "unsigned").value_or(false)) {
      c.type.is_unsigned = true;
    }
    const Attribute* as_attr = b.body.FindAttribute("as");
    const Block* as_block = nullptr;
    const Block* identity = nullptr;
    for (const auto& nested : b.body.blocks) {
      if (nested.type == "as") {
        if (as_block != nullptr || as_attr != nullptr) {
          Fail(nested.type_range, "Duplicate generated expression",
               "Column \"" + c.name + R"(" defines "as" more than once.)");
          return std::nullopt;
        }
        as_block = &nested;
      } else if (nested.type == "identity") {
        if (identity != nullptr) {
          Fail(nested.type_range, "Duplicate identity",
               "Column \"" + c.name + "\" has two identity blocks.");
          return std::nullopt;
        }
        identity = &nested;
      }
    }
    if (as_attr != nullptr) {
      auto expr = GetString(b.body, "as");
      if (!expr) {
        return std::nullopt;
      }
      c.generated = schema::Generated{*expr, false};
    }
    if (as_block != nullptr) {
      if (!CheckLabels(*as_block, 0, 0, "as { expr = \"...\" }") ||
          !CheckBody(as_block->body, "as", {"expr", "type"}, {})) {
        return std::nullopt;
      }
      auto expr = GetString(as_block->body, "expr");
      if (!expr) {
        if (as_block->body.FindAttribute("expr") == nullptr) {
          Fail(as_block->type_range, "Missing generated expression",
               "An as block must set expr = \"...\".");
        }
        return std::nullopt;
      }
      bool stored = false;
      if (auto kind = GetKeyword(as_block->body, "type")) {
        const std::string k = Upper(*kind);
        if (k == "STORED" || k == "PERSISTENT") {
          stored = true;
        } else if (k != "VIRTUAL") {
          Fail(as_block->body.FindAttribute("type")->expr.range, "Invalid generated column type",
               "Expected STORED or VIRTUAL, got " + *kind + ".");
          return std::nullopt;
        }
      }
      c.generated = schema::Generated{*expr, stored};
    }
    if (identity != nullptr) {
      if (!CheckLabels(*identity, 0, 0, "identity {}") ||
          !CheckBody(identity->body, "identity", {"generated", "start", "increment"}, {})) {
        return std::nullopt;
      }
      schema::Identity id;
      if (auto g = GetKeyword(identity->body, "generated")) {
        const std::string k = Upper(*g);
        if (k == "ALWAYS") {
          id.generation = schema::Identity::Generation::kAlways;
        } else if (k == "BY_DEFAULT" || k == "BY DEFAULT") {
          id.generation = schema::Identity::Generation::kByDefault;
        } else {
          Fail(identity->body.FindAttribute("generated")->expr.range, "Invalid identity generation",
               "Expected ALWAYS or BY_DEFAULT, got " + *g + ".");
          return std::nullopt;
        }
      }
      id.start = GetInt(identity->body, "start").value_or(1);
      id.increment = GetInt(identity->body, "increment").value_or(1);
      c.identity = id;
    }
    dialect_.CompleteColumn(c);
    return c;
  }

  // A column of `table` named by a reference written inside that table (column.x or
  // table.<t>.column.x).
  std::optional<std::string> LocalColumn(const Expression& e, const ObjectEntry& entry) {
    const bool view = entry.view;
    const size_t before = diags_.size();
    auto path = RefPath(e);
    if (!path) {
      if (diags_.size() == before) {
        Fail(e.range, "Invalid column reference",
             "Expected a reference such as column.id, got " + Render(e) + ".");
      }
      return std::nullopt;
    }
    const auto& p = *path;
    std::string name;
    if (p.size() == 2 && p[0] == "column") {
      name = p[1];
    } else if ((p.size() == 4 || p.size() == 5) && p[0] == (view ? "view" : "table") &&
               p[p.size() - 2] == "column") {
      const std::string& table = p[p.size() - 3];
      const bool same_schema = p.size() == 4 || schema_labels_[entry.schema] == p[1] ||
                               realm_.schemas[entry.schema].name == p[1];
      if (table != entry.name || !same_schema) {
        Fail(e.range, "Invalid column reference",
             Render(e) + " refers to another " + (view ? "view" : "table") +
                 "; use a column of \"" + entry.name + "\", such as column." + p.back() + ".");
        return std::nullopt;
      }
      name = p.back();
    } else {
      Fail(e.range, "Invalid column reference",
           "Expected a reference such as column.id, got " + Render(e) + ".");
      return std::nullopt;
    }
    const auto& columns = ColumnsOf(entry);
    for (const auto& c : columns) {
      if (c.name == name) {
        return name;
      }
    }
    Fail(e.range, "Unknown column",
         std::string(view ? "View" : "Table") + " \"" + entry.name + "\" has no column named \"" +
             name + "\".");
    return std::nullopt;
  }

  std::optional<std::vector<std::string>> LocalColumns(const Attribute& a,
                                                       const ObjectEntry& entry) {
    auto refs = RefList(a);
    if (!refs) {
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const Expression* e : *refs) {
      auto c = LocalColumn(*e, entry);
      if (!c) {
        return std::nullopt;
      }
      out.push_back(std::move(*c));
    }
    return out;
  }

  // `columns = [...]` or `on { ... }` blocks of an index or primary key.
  std::optional<std::vector<schema::IndexPart>> IndexParts(const Block& b, const ObjectEntry& entry,
                                                           std::string_view what) {
    const Attribute* columns = b.body.FindAttribute("columns");
    std::vector<const Block*> on;
    for (const auto& nested : b.body.blocks) {
      if (nested.type == "on") {
        on.push_back(&nested);
      }
    }
    const std::string name =
        b.labels.empty() ? std::string(what) : std::string(what) + " \"" + b.labels[0] + "\"";
    if (columns != nullptr && !on.empty()) {
      Fail(on[0]->type_range, "Conflicting index definition",
           "The " + name + " sets both columns and on blocks; use one of them.");
      return std::nullopt;
    }
    if (columns == nullptr && on.empty()) {
      Fail(b.type_range, "Missing index columns",
           "The " + name +
               " must set columns = [column.x] or contain on { column = column.x } blocks.");
      return std::nullopt;
    }
    std::vector<schema::IndexPart> parts;
    if (columns != nullptr) {
      auto names = LocalColumns(*columns, entry);
      if (!names) {
        return std::nullopt;
      }
      if (names->empty()) {
        Fail(columns->expr.range, "Missing index columns",
             "The " + name + " needs at least one column.");
        return std::nullopt;
      }
      for (auto& n : *names) {
        schema::IndexPart p;
        p.column = std::move(n);
        parts.push_back(std::move(p));
      }
      return parts;
    }
    const bool nulls = dialect_.Supports(Feature::kIndexNulls);
    for (const Block* part : on) {
      auto p = OnPart(*part, entry, name,
                      nulls ? std::vector<std::string_view>{"nulls_first", "nulls_last"}
                            : std::vector<std::string_view>{});
      if (!p || (nulls && !NullsOrder(*part, name, &*p))) {
        return std::nullopt;
      }
      parts.push_back(std::move(*p));
    }
    return parts;
  }

  // nulls_first = true / nulls_last = true of an on block (at most one of them).
  bool NullsOrder(const Block& part, const std::string& name, schema::IndexPart* p) {
    const auto first = GetBool(part.body, "nulls_first");
    const auto last = GetBool(part.body, "nulls_last");
    if (first.value_or(false) && last.value_or(false)) {
      Fail(part.body.FindAttribute("nulls_last")->name_range, "Conflicting null ordering",
           "An on block of the " + name + " sets both nulls_first and nulls_last.");
      return false;
    }
    if (first.value_or(false)) {
      p->nulls_first = true;
    } else if (last.value_or(false)) {
      p->nulls_first = false;
    }
    return true;
  }

  // One `on { column|expr desc collate prefix ops }` block of `name` (an index, primary key or
  // exclusion constraint); `extra` names further attributes the caller reads itself.
  std::optional<schema::IndexPart> OnPart(const Block& part, const ObjectEntry& entry,
                                          const std::string& name,
                                          const std::vector<std::string_view>& extra) {
    std::vector<std::string_view> attrs{"column", "expr", "desc"};
    if (dialect_.Supports(Feature::kIndexCollate)) {
      attrs.emplace_back("collate");
    }
    if (dialect_.Supports(Feature::kIndexPrefix)) {
      attrs.emplace_back("prefix");
    }
    if (dialect_.Supports(Feature::kIndexOpclass)) {
      attrs.emplace_back("ops");
    }
    attrs.insert(attrs.end(), extra.begin(), extra.end());
    if (!CheckLabels(part, 0, 0, "on { column = column.x }") ||
        !CheckBody(part.body, "on", attrs, {})) {
      return std::nullopt;
    }
    const Attribute* col = part.body.FindAttribute("column");
    const Attribute* expr = part.body.FindAttribute("expr");
    if ((col == nullptr) == (expr == nullptr)) {
      Fail(part.type_range, "Invalid index part",
           "Each on block of the " + name + " must set exactly one of column or expr.");
      return std::nullopt;
    }
    schema::IndexPart p;
    if (col != nullptr) {
      auto c = LocalColumn(col->expr, entry);
      if (!c) {
        return std::nullopt;
      }
      p.column = std::move(*c);
    } else {
      auto x = GetString(part.body, "expr");
      if (!x) {
        return std::nullopt;
      }
      p.expr = std::move(*x);
    }
    p.desc = GetBool(part.body, "desc").value_or(false);
    p.collation = GetString(part.body, "collate").value_or("");
    if (part.body.FindAttribute("prefix") != nullptr) {
      auto prefix = GetInt(part.body, "prefix");
      if (!prefix) {
        return std::nullopt;
      }
      p.prefix = static_cast<int>(*prefix);
    }
    if (part.body.FindAttribute("ops") != nullptr) {
      auto ops = GetKeyword(part.body, "ops");
      if (!ops) {
        return std::nullopt;
      }
      p.opclass = std::move(*ops);
    }
    return p;
  }

  void DecodeTable(const Located& at) {
    Use(at);
    const Block& b = *at.block;
    if (!CheckLabels(b, 1, 2, "table \"users\" {}")) {
      return;
    }
    std::vector<std::string_view> attrs{"schema", "depends_on"};
    if (dialect_.Supports(Feature::kComments)) {
      attrs.emplace_back("comment");
    }
    if (dialect_.Supports(Feature::kCharsetCollate)) {
      attrs.emplace_back("charset");
      attrs.emplace_back("collate");
    }
    if (dialect_.Supports(Feature::kTableEngine)) {
      attrs.emplace_back("engine");
    }
    if (dialect_.Supports(Feature::kTableAutoIncrement)) {
      attrs.emplace_back("auto_increment");
    }
    if (dialect_.Supports(Feature::kWithoutRowid)) {
      attrs.emplace_back("without_rowid");
    }
    if (dialect_.Supports(Feature::kStrict)) {
      attrs.emplace_back("strict");
    }
    std::vector<std::string_view> blocks{"column", "primary_key", "index", "foreign_key", "check"};
    if (dialect_.Supports(Feature::kExclusions)) {
      blocks.emplace_back("exclude");
    }
    if (dialect_.Supports(Feature::kUniqueConstraints)) {
      blocks.emplace_back("unique");
    }
    if (!CheckBody(b.body, "table", attrs, blocks)) {
      return;
    }
    auto schema_idx = SchemaOf(b, "table");
    if (!schema_idx) {
      return;
    }
    if (b.labels.size() == 2 && b.labels[0] != schema_labels_[*schema_idx] &&
        b.labels[0] != realm_.schemas[*schema_idx].name) {
      Fail(b.label_ranges[0], "Invalid table qualifier",
           "The first label of table \"" + b.labels[1] + "\" must name its schema \"" +
               schema_labels_[*schema_idx] + "\".");
      return;
    }
    schema::Schema& s = realm_.schemas[*schema_idx];
    schema::Table t;
    t.name = b.labels.back();
    if (s.FindTable(t.name) != nullptr) {
      Fail(b.label_ranges.back(), "Duplicate table",
           "Schema \"" + s.name + "\" already has a table named \"" + t.name + "\".");
      return;
    }
    t.comment = GetString(b.body, "comment").value_or("");
    t.options.charset = GetString(b.body, "charset").value_or("");
    t.options.collation = GetString(b.body, "collate").value_or("");
    t.options.engine = GetKeyword(b.body, "engine").value_or("");
    t.options.auto_increment = GetInt(b.body, "auto_increment");
    t.options.without_rowid = GetBool(b.body, "without_rowid").value_or(false);
    t.options.strict = GetBool(b.body, "strict").value_or(false);
    s.tables.push_back(std::move(t));
    const ObjectEntry entry{*schema_idx, s.tables.size() - 1, s.tables.back().name, at, false};
    table_entries_.push_back(entry);
    const size_t errors_before = diags_.size();
    for (const auto& nested : b.body.blocks) {
      if (nested.type == "column") {
        auto c = DecodeColumn(nested, false);
        if (!c) {
          continue;
        }
        ResolveEnumArray(realm_.schemas[entry.schema].name, &c->type);
        schema::Table& table = CurrentTable(entry);
        if (table.FindColumn(c->name) != nullptr) {
          Fail(nested.label_ranges[0], "Duplicate column",
               "Table \"" + table.name + "\" already has a column named \"" + c->name + "\".");
          continue;
        }
        table.columns.push_back(std::move(*c));
      }
    }
    if (diags_.size() != errors_before) {
      return;
    }
    for (const auto& nested : b.body.blocks) {
      if (nested.type == "primary_key") {
        DecodePrimaryKey(nested, entry);
      } else if (nested.type == "index") {
        DecodeIndex(nested, entry);
      } else if (nested.type == "unique") {
        DecodeUnique(nested, entry);
      } else if (nested.type == "check") {
        DecodeCheck(nested, entry);
      } else if (nested.type == "exclude") {
        DecodeExclusion(nested, entry);
      }
    }
  }

  schema::Table& CurrentTable(const ObjectEntry& e) {
    return realm_.schemas[e.schema].tables[e.index];
  }

  const std::vector<schema::Column>& ColumnsOf(const ObjectEntry& e) const {
    return e.view ? realm_.schemas[e.schema].views[e.index].columns
                  : realm_.schemas[e.schema].tables[e.index].columns;
  }

  std::vector<schema::Index>& IndexesOf(const ObjectEntry& e) {
    return e.view ? realm_.schemas[e.schema].views[e.index].indexes
                  : realm_.schemas[e.schema].tables[e.index].indexes;
  }

  void DecodePrimaryKey(const Block& b, const ObjectEntry& entry) {
    std::vector<std::string_view> attrs{"columns"};
    if (dialect_.Supports(Feature::kComments)) {
      attrs.emplace_back("comment");
    }
    if (!CheckLabels(b, 0, 1, "primary_key { columns = [column.id] }") ||
        !CheckBody(b.body, "primary_key", attrs, {"on"})) {
      return;
    }
    schema::Table& t = CurrentTable(entry);
    if (t.primary_key) {
      Fail(b.type_range, "Duplicate primary key",
           "Table \"" + t.name + "\" has more than one primary_key block.");
      return;
    }
    auto parts = IndexParts(b, entry, "primary key");
    if (!parts) {
      return;
    }
    schema::PrimaryKey pk;
    pk.name = b.labels.empty() ? "" : b.labels[0];
    pk.parts = std::move(*parts);
    CurrentTable(entry).primary_key = std::move(pk);
  }

  void DecodeIndex(const Block& b, const ObjectEntry& entry) {
    std::vector<std::string_view> attrs{"unique", "columns"};
    if (dialect_.Supports(Feature::kComments)) {
      attrs.emplace_back("comment");
    }
    if (dialect_.Supports(Feature::kIndexWhere)) {
      attrs.emplace_back("where");
    }
    if (dialect_.Supports(Feature::kIndexType)) {
      attrs.emplace_back("type");
    }
    if (dialect_.Supports(Feature::kIndexInclude)) {
      attrs.emplace_back("include");
    }
    if (dialect_.Supports(Feature::kNullsDistinct)) {
      attrs.emplace_back("nulls_distinct");
    }
    if (!CheckLabels(b, 1, 1, "index \"users_email\" {}") ||
        !CheckBody(b.body, "index", attrs, {"on"})) {
      return;
    }
    schema::Index idx;
    idx.name = b.labels[0];
    const auto& existing = IndexesOf(entry);
    if (std::any_of(existing.begin(), existing.end(),
                    [&](const schema::Index& x) { return x.name == idx.name; })) {
      Fail(b.label_ranges[0], "Duplicate index",
           "Table \"" + entry.name + "\" already has an index named \"" + idx.name + "\".");
      return;
    }
    auto parts = IndexParts(b, entry, "index");
    if (!parts) {
      return;
    }
    idx.parts = std::move(*parts);
    idx.unique = GetBool(b.body, "unique").value_or(false);
    idx.where = GetString(b.body, "where").value_or("");
    idx.type = GetKeyword(b.body, "type").value_or("");
    idx.comment = GetString(b.body, "comment").value_or("");
    if (const Attribute* inc = b.body.FindAttribute("include")) {
      auto cols = LocalColumns(*inc, entry);
      if (!cols) {
        return;
      }
      idx.include = std::move(*cols);
    }
    if (auto nd = GetBool(b.body, "nulls_distinct")) {
      idx.nulls_not_distinct = !*nd;
    }
    IndexesOf(entry).push_back(std::move(idx));
  }

  // unique "name" { columns | on {...}  include  nulls_distinct  comment }: a UNIQUE constraint
  // (Atlas's PostgreSQL form), kept apart from unique indexes.
  void DecodeUnique(const Block& b, const ObjectEntry& entry) {
    if (!CheckLabels(b, 1, 1, "unique \"users_email_key\" { columns = [column.email] }") ||
        !CheckBody(b.body, "unique", {"columns", "include", "nulls_distinct", "comment"}, {"on"})) {
      return;
    }
    schema::Index idx;
    idx.name = b.labels[0];
    const auto& existing = IndexesOf(entry);
    if (std::any_of(existing.begin(), existing.end(),
                    [&](const schema::Index& x) { return x.name == idx.name; })) {
      Fail(b.label_ranges[0], "Duplicate index",
           "Table \"" + entry.name + "\" already has an index named \"" + idx.name + "\".");
      return;
    }
    auto parts = IndexParts(b, entry, "unique constraint");
    if (!parts) {
      return;
    }
    idx.parts = std::move(*parts);
    idx.unique = true;
    idx.constraint = true;
    idx.comment = GetString(b.body, "comment").value_or("");
    if (const Attribute* inc = b.body.FindAttribute("include")) {
      auto cols = LocalColumns(*inc, entry);
      if (!cols) {
        return;
      }
      idx.include = std::move(*cols);
    }
    if (auto nd = GetBool(b.body, "nulls_distinct")) {
      idx.nulls_not_distinct = !*nd;
    }
    IndexesOf(entry).push_back(std::move(idx));
  }

  // sql("mood[]") / sql("other.mood[]") naming a declared enum is an array of that enum: the
  // inspected form of enum arrays (an unqualified name is in the table's schema).
  void ResolveEnumArray(const std::string& table_schema, schema::ColumnType* type) const {
    if (!dialect_.Supports(Feature::kEnums) || !type->enum_ref.empty() || type->array_dims == 0) {
      return;
    }
    std::string_view text = type->raw;
    while (text.size() > 2 && text.substr(text.size() - 2) == "[]") {
      text.remove_suffix(2);
    }
    auto names = SplitQualified(text);
    if (!names || names->empty() || names->size() > 2) {
      return;
    }
    const std::string& schema_name = names->size() == 2 ? names->front() : table_schema;
    const schema::Schema* s = realm_.FindSchema(schema_name);
    if (s == nullptr) {
      return;
    }
    for (const auto& e : s->enums) {
      if (e.name == names->back()) {
        type->enum_ref = e.name;
        type->enum_schema = s->name;
        return;
      }
    }
  }

  // `a.b`, `"a"."b""c"`: identifiers separated by dots, double-quoted ones unescaped; nullopt when
  // the text is not such a name.
  static std::optional<std::vector<std::string>> SplitQualified(std::string_view text) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < text.size()) {
      std::string name;
      if (text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              name += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          name += text[i++];
        }
        if (!closed) {
          return std::nullopt;
        }
      } else {
        // Unquoted identifiers fold to lower case.
        while (i < text.size() && text[i] != '.') {
          const char c = text[i];
          if (c >= 'A' && c <= 'Z') {
            name += static_cast<char>(c - 'A' + 'a');
          } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                     static_cast<unsigned char>(c) >= 0x80) {
            name += c;
          } else {
            return std::nullopt;
          }
          ++i;
        }
      }
      if (name.empty()) {
        return std::nullopt;
      }
      out.push_back(std::move(name));
      if (i < text.size()) {
        if (text[i] != '.' || i + 1 == text.size()) {
          return std::nullopt;
        }
        ++i;
      }
    }
    return out;
  }

  void DecodeCheck(const Block& b, const ObjectEntry& entry) {
    std::vector<std::string_view> attrs{"expr"};
    if (dialect_.Supports(Feature::kCheckNoInherit)) {
      attrs.emplace_back("no_inherit");
    }
    if (!CheckLabels(b, 0, 1, R"(check "positive" { expr = "x > 0" })") ||
        !CheckBody(b.body, "check", attrs, {})) {
      return;
    }
    if (b.body.FindAttribute("expr") == nullptr) {
      Fail(b.type_range, "Missing check expression", "A check block must set expr = \"...\".");
      return;
    }
    auto expr = GetString(b.body, "expr");
    if (!expr) {
      return;
    }
    schema::Check c;
    c.name = b.labels.empty() ? "" : b.labels[0];
    c.expr = std::move(*expr);
    c.no_inherit = GetBool(b.body, "no_inherit").value_or(false);
    if (!c.name.empty()) {
      for (const auto& other : CurrentTable(entry).checks) {
        if (other.name == c.name) {
          Fail(b.label_ranges[0], "Duplicate check",
               "Table \"" + entry.name + "\" already has a check named \"" + c.name + "\".");
          return;
        }
      }
    }
    CurrentTable(entry).checks.push_back(std::move(c));
  }

  // exclude "name" { type = GIST  on { column = column.c  op = "=" } ... where include deferrable
  // initially_deferred comment }.
  void DecodeExclusion(const Block& b, const ObjectEntry& entry) {
    std::vector<std::string_view> attrs{"type", "where", "include", "deferrable",
                                        "initially_deferred"};
    if (dialect_.Supports(Feature::kComments)) {
      attrs.emplace_back("comment");
    }
    if (!CheckLabels(b, 1, 1, R"(exclude "no_overlap" { on { column = column.c  op = "=" } })") ||
        !CheckBody(b.body, "exclude", attrs, {"on"})) {
      return;
    }
    schema::Table& t = CurrentTable(entry);
    schema::Exclusion x;
    x.name = b.labels[0];
    const bool taken = std::any_of(t.exclusions.begin(), t.exclusions.end(),
                                   [&](const schema::Exclusion& o) { return o.name == x.name; }) ||
                       std::any_of(t.indexes.begin(), t.indexes.end(),
                                   [&](const schema::Index& o) { return o.name == x.name; });
    if (taken) {
      Fail(b.label_ranges[0], "Duplicate exclusion constraint",
           "Table \"" + entry.name + "\" already has an index or exclusion constraint named \"" +
               x.name + "\".");
      return;
    }
    const std::string name = "exclusion constraint \"" + x.name + "\"";
    for (const auto& nested : b.body.blocks) {
      auto part = OnPart(nested, entry, name, {"op", "nulls_first", "nulls_last"});
      if (!part) {
        return;
      }
      const Attribute* op = nested.body.FindAttribute("op");
      if (op == nullptr) {
        Fail(nested.type_range, "Missing exclusion operator",
             "Each on block of the " + name + " must set op, such as op = \"=\" or op = \"&&\".");
        return;
      }
      auto op_text = GetString(nested.body, "op");
      if (!op_text) {
        return;
      }
      schema::ExclusionElement e;
      e.op = Trim(*op_text);
      if (e.op.empty()) {
        Fail(op->expr.range, "Missing exclusion operator",
             "The operator of an on block of the " + name + " must not be empty.");
        return;
      }
      if (!NullsOrder(nested, name, &*part)) {
        return;
      }
      e.part = std::move(*part);
      x.elements.push_back(std::move(e));
    }
    if (x.elements.empty()) {
      Fail(b.type_range, "Missing exclusion elements",
           "The " + name + " must contain on { column = column.x  op = \"=\" } blocks.");
      return;
    }
    if (b.body.FindAttribute("type") != nullptr) {
      auto type = GetKeyword(b.body, "type");
      if (!type) {
        return;
      }
      x.type = Upper(Trim(*type));
    }
    x.where = GetString(b.body, "where").value_or("");
    if (const Attribute* inc = b.body.FindAttribute("include")) {
      auto cols = LocalColumns(*inc, entry);
      if (!cols) {
        return;
      }
      x.include = std::move(*cols);
    }
    const auto deferrable = GetBool(b.body, "deferrable");
    x.initially_deferred = GetBool(b.body, "initially_deferred").value_or(false);
    if (x.initially_deferred && deferrable.has_value() && !*deferrable) {
      Fail(b.body.FindAttribute("initially_deferred")->name_range, "Invalid exclusion constraint",
           "The " + name + " cannot be initially_deferred without being deferrable.");
      return;
    }
    x.deferrable = deferrable.value_or(false) || x.initially_deferred;
    x.comment = GetString(b.body, "comment").value_or("");
    CurrentTable(entry).exclusions.push_back(std::move(x));
  }

  // ---- references to tables and views ----

  // table.<name> / table.<qualifier>.<name> (kind "table" or "view"): the entry it names.
  const ObjectEntry* FindObject(std::string_view kind, std::string_view qualifier,
                                std::string_view name, const Expression& at) {
    const auto& entries = kind == "view" ? view_entries_ : table_entries_;
    EntryIndex& index = kind == "view" ? view_index_ : table_index_;
    if (index.indexed != entries.size()) {
      // Built once all entries exist (references are resolved after every table and view is
      // decoded), so that resolving a realm's references is not quadratic.
      index.by_name.clear();
      for (size_t i = 0; i < entries.size(); ++i) {
        index.by_name.emplace(entries[i].name, i);
      }
      index.indexed = entries.size();
    }
    std::vector<const ObjectEntry*> matches;
    const auto [lo, hi] = index.by_name.equal_range(name);
    for (auto it = lo; it != hi; ++it) {
      const ObjectEntry& e = entries[it->second];
      if (!qualifier.empty() && schema_labels_[e.schema] != qualifier &&
          realm_.schemas[e.schema].name != qualifier) {
        continue;
      }
      matches.push_back(&e);
    }
    if (matches.size() == 1) {
      return matches[0];
    }
    if (matches.empty()) {
      Fail(at.range, kind == "view" ? "Unknown view" : "Unknown table",
           "There is no " + std::string(kind) + " named \"" + std::string(name) + "\"" +
               (qualifier.empty() ? "" : " in schema \"" + std::string(qualifier) + "\"") + ".");
      return nullptr;
    }
    Fail(at.range, "Ambiguous reference",
         "More than one schema has a " + std::string(kind) + " named \"" + std::string(name) +
             "\"; qualify it as " + std::string(kind) + ".<schema>." + std::string(name) + ".");
    return nullptr;
  }

  // A reference to a table or view (table.x, table.s.x, view.x): the entry and its kind.
  std::optional<std::pair<const ObjectEntry*, bool>> ObjectRef(const Expression& e,
                                                               bool allow_view) {
    const size_t before = diags_.size();
    auto path = RefPath(e);
    if (!path || path->size() < 2 || path->size() > 3 ||
        ((*path)[0] != "table" && (*path)[0] != "view") || ((*path)[0] == "view" && !allow_view)) {
      if (diags_.size() == before) {
        Fail(e.range, "Invalid reference",
             std::string("Expected a reference such as table.users") +
                 (allow_view ? " or view.v" : "") + ", got " + Render(e) + ".");
      }
      return std::nullopt;
    }
    const bool is_view = (*path)[0] == "view";
    const ObjectEntry* entry =
        FindObject((*path)[0], path->size() == 3 ? (*path)[1] : "", path->back(), e);
    if (entry == nullptr) {
      return std::nullopt;
    }
    return std::make_pair(entry, is_view);
  }

  void DecodeForeignKeys(const ObjectEntry& entry) {
    Use(entry.at);
    for (const auto& b : entry.at.block->body.blocks) {
      if (b.type == "foreign_key") {
        DecodeForeignKey(b, entry);
      }
    }
  }

  std::optional<schema::ReferenceOption> Action(const Block& b, std::string_view name) {
    auto kw = GetKeyword(b.body, name);
    if (!kw) {
      return std::nullopt;
    }
    std::string k = Upper(*kw);
    std::replace(k.begin(), k.end(), ' ', '_');
    if (k == "NO_ACTION") {
      return schema::ReferenceOption::kNoAction;
    }
    if (k == "RESTRICT") {
      return schema::ReferenceOption::kRestrict;
    }
    if (k == "CASCADE") {
      return schema::ReferenceOption::kCascade;
    }
    if (k == "SET_NULL") {
      return schema::ReferenceOption::kSetNull;
    }
    if (k == "SET_DEFAULT") {
      return schema::ReferenceOption::kSetDefault;
    }
    Fail(b.body.FindAttribute(name)->expr.range, "Invalid referential action",
         "Expected one of NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT; got " + *kw + ".");
    return std::nullopt;
  }

  std::vector<std::string_view> ForeignKeyAttrs() const {
    std::vector<std::string_view> attrs{"columns", "ref_columns", "on_update", "on_delete"};
    if (dialect_.Supports(Feature::kDeferrable)) {
      attrs.emplace_back("deferrable");
      attrs.emplace_back("initially_deferred");
    }
    return attrs;
  }

  void DecodeForeignKey(const Block& b, const ObjectEntry& entry) {
    if (!CheckLabels(b, 0, 1, "foreign_key \"fk\" {}") ||
        !CheckBody(b.body, "foreign_key", ForeignKeyAttrs(), {})) {
      return;
    }
    schema::ForeignKey fk;
    fk.name = b.labels.empty() ? "" : b.labels[0];
    const std::string what = fk.name.empty() ? "foreign key" : "foreign key \"" + fk.name + "\"";
    const Attribute* columns = b.body.FindAttribute("columns");
    const Attribute* ref_columns = b.body.FindAttribute("ref_columns");
    if (columns == nullptr || ref_columns == nullptr) {
      Fail(b.type_range, "Missing foreign key columns",
           "The " + what + " must set columns = [column.x] and ref_columns = [table.t.column.y].");
      return;
    }
    if (!fk.name.empty()) {
      for (const auto& other : CurrentTable(entry).foreign_keys) {
        if (other.name == fk.name) {
          Fail(b.label_ranges[0], "Duplicate foreign key",
               "Table \"" + entry.name + "\" already has a foreign key named \"" + fk.name + "\".");
          return;
        }
      }
    }
    auto cols = LocalColumns(*columns, entry);
    if (!cols) {
      return;
    }
    fk.columns = std::move(*cols);
    auto refs = RefList(*ref_columns);
    if (!refs) {
      return;
    }
    const ObjectEntry* ref_table = nullptr;
    for (const Expression* e : *refs) {
      const size_t before = diags_.size();
      auto path = RefPath(*e);
      const ObjectEntry* target = nullptr;
      std::string column;
      if (path && path->size() == 2 && (*path)[0] == "column") {
        target = &entry;
        column = (*path)[1];
      } else if (path && (path->size() == 4 || path->size() == 5) && (*path)[0] == "table" &&
                 (*path)[path->size() - 2] == "column") {
        target =
            FindObject("table", path->size() == 5 ? (*path)[1] : "", (*path)[path->size() - 3], *e);
        if (target == nullptr) {
          return;
        }
        column = path->back();
      } else {
        if (diags_.size() == before) {
          Fail(e->range, "Invalid column reference",
               "Expected a reference such as table.users.column.id, got " + Render(*e) + ".");
        }
        return;
      }
      if (ref_table != nullptr && ref_table != target) {
        Fail(e->range, "Invalid foreign key",
             "All ref_columns of the " + what + " must belong to the same table.");
        return;
      }
      ref_table = target;
      if (realm_.schemas[target->schema].tables[target->index].FindColumn(column) == nullptr) {
        Fail(e->range, "Unknown column",
             "Table \"" + target->name + "\" has no column named \"" + column + "\".");
        return;
      }
      fk.ref_columns.push_back(column);
    }
    if (fk.columns.size() != fk.ref_columns.size() || fk.columns.empty()) {
      Fail(ref_columns->expr.range, "Invalid foreign key",
           "The " + what + " has " + std::to_string(fk.columns.size()) + " column(s) but " +
               std::to_string(fk.ref_columns.size()) + " referenced column(s).");
      return;
    }
    fk.ref_table = ref_table->name;
    fk.ref_schema = ref_table->schema == entry.schema ? "" : realm_.schemas[ref_table->schema].name;
    if (b.body.FindAttribute("on_update") != nullptr) {
      auto a = Action(b, "on_update");
      if (!a) {
        return;
      }
      fk.on_update = *a;
    }
    if (b.body.FindAttribute("on_delete") != nullptr) {
      auto a = Action(b, "on_delete");
      if (!a) {
        return;
      }
      fk.on_delete = *a;
    }
    const auto deferrable = GetBool(b.body, "deferrable");
    fk.initially_deferred = GetBool(b.body, "initially_deferred").value_or(false);
    if (fk.initially_deferred && deferrable.has_value() && !*deferrable) {
      Fail(b.body.FindAttribute("initially_deferred")->name_range, "Invalid foreign key",
           "The " + what + " cannot be initially_deferred without being deferrable.");
      return;
    }
    fk.deferrable = deferrable.value_or(false) || fk.initially_deferred;
    CurrentTable(entry).foreign_keys.push_back(std::move(fk));
  }

  std::optional<std::vector<std::string>> DependsOn(const Body& body) {
    const Attribute* a = body.FindAttribute("depends_on");
    if (a == nullptr) {
      return std::vector<std::string>{};
    }
    auto refs = RefList(*a);
    if (!refs) {
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const Expression* e : *refs) {
      auto r = ObjectRef(*e, dialect_.Supports(Feature::kViews));
      if (!r) {
        return std::nullopt;
      }
      const std::string q = realm_.schemas[r->first->schema].name + "." + r->first->name;
      if (std::find(out.begin(), out.end(), q) == out.end()) {
        out.push_back(q);
      }
    }
    return out;
  }

  void ValidateTableDeps(const ObjectEntry& entry) {
    Use(entry.at);
    (void)DependsOn(entry.at.block->body);
  }

  // ---- views ----

  void DecodeView(const Located& at) {
    Use(at);
    const Block& b = *at.block;
    const bool materialized = b.type == "materialized";
    if (!CheckLabels(b, 1, 2, materialized ? "materialized \"mv\" {}" : "view \"v\" {}")) {
      return;
    }
    std::vector<std::string_view> attrs{"schema", "as", "depends_on"};
    if (dialect_.Supports(Feature::kComments)) {
      attrs.emplace_back("comment");
    }
    if (dialect_.Supports(Feature::kViewCheckOption) && !materialized) {
      attrs.emplace_back("check_option");
    }
    std::vector<std::string_view> blocks{"column"};
    if (materialized) {
      blocks.emplace_back("index");
    }
    if (!CheckBody(b.body, materialized ? "materialized" : "view", attrs, blocks)) {
      return;
    }
    auto schema_idx = SchemaOf(b, materialized ? "materialized view" : "view");
    if (!schema_idx) {
      return;
    }
    schema::Schema& s = realm_.schemas[*schema_idx];
    schema::View v;
    v.name = b.labels.back();
    v.materialized = materialized;
    if (s.FindView(v.name) != nullptr || s.FindTable(v.name) != nullptr) {
      Fail(b.label_ranges.back(), "Duplicate view",
           "Schema \"" + s.name + "\" already has a table or view named \"" + v.name + "\".");
      return;
    }
    if (b.body.FindAttribute("as") == nullptr) {
      Fail(b.type_range, "Missing view definition",
           "The view \"" + v.name + R"(" must set as = "SELECT ...".)");
      return;
    }
    auto def = GetString(b.body, "as");
    if (!def) {
      return;
    }
    v.definition = Trim(*def);
    v.comment = GetString(b.body, "comment").value_or("");
    if (auto opt = GetKeyword(b.body, "check_option")) {
      v.check_option = Upper(*opt);
    }
    for (const auto& nested : b.body.blocks) {
      if (nested.type != "column") {
        continue;
      }
      auto c = DecodeColumn(nested, true);
      if (!c) {
        continue;
      }
      if (std::any_of(v.columns.begin(), v.columns.end(),
                      [&](const schema::Column& x) { return x.name == c->name; })) {
        Fail(nested.label_ranges[0], "Duplicate column",
             "View \"" + v.name + "\" already has a column named \"" + c->name + "\".");
        continue;
      }
      v.columns.push_back(std::move(*c));
    }
    s.views.push_back(std::move(v));
    const ObjectEntry entry{*schema_idx, s.views.size() - 1, s.views.back().name, at, true};
    view_entries_.push_back(entry);
    for (const auto& nested : b.body.blocks) {
      if (nested.type == "index") {
        DecodeIndex(nested, entry);
      }
    }
  }

  void DecodeViewDeps(const ObjectEntry& entry) {
    Use(entry.at);
    auto deps = DependsOn(entry.at.block->body);
    if (!deps) {
      return;
    }
    realm_.schemas[entry.schema].views[entry.index].depends_on = std::move(*deps);
  }

  // ---- triggers ----

  void DecodeTrigger(const Located& at) {
    Use(at);
    const Block& b = *at.block;
    if (!CheckLabels(b, 1, 1, "trigger \"name\" {}") ||
        !CheckBody(b.body, "trigger", {"on", "as", "for", "when"},
                   {"before", "after", "instead_of"})) {
      return;
    }
    const Attribute* on = b.body.FindAttribute("on");
    if (on == nullptr) {
      Fail(b.type_range, "Missing trigger target",
           "The trigger must set on = table.<name> (or view.<name>).");
      return;
    }
    auto target = ObjectRef(on->expr, true);
    if (!target) {
      return;
    }
    if (b.body.FindAttribute("as") == nullptr) {
      Fail(b.type_range, "Missing trigger body", "The trigger must set as = <<-SQL ... SQL.");
      return;
    }
    auto body = GetString(b.body, "as");
    if (!body) {
      return;
    }
    const ObjectEntry& obj = *target->first;
    schema::Trigger trig;
    trig.name = b.labels[0];
    trig.table = obj.name;
    std::vector<const Block*> timing;
    for (const auto& nested : b.body.blocks) {
      timing.push_back(&nested);
    }
    const std::string text = Trim(*body);
    if (timing.empty()) {
      std::string head = Upper(text.substr(0, 6));
      if (head != "CREATE") {
        Fail(b.type_range, "Missing trigger timing",
             "Add a before, after or instead_of block, or write the complete CREATE TRIGGER "
             "statement in as.");
        return;
      }
      trig.body = text;
    } else {
      if (timing.size() > 1) {
        Fail(timing[1]->type_range, "Duplicate trigger timing",
             "A trigger has exactly one before, after or "
             "instead_of block.");
        return;
      }
      const Block& t = *timing[0];
      if (!CheckLabels(t, 0, 0, "after { insert = true }") ||
          !CheckBody(t.body, t.type, {"insert", "update", "delete", "update_of"}, {})) {
        return;
      }
      TriggerParts parts;
      parts.name = trig.name;
      parts.table = obj.name;
      parts.timing = t.type == "before" ? "BEFORE" : (t.type == "after" ? "AFTER" : "INSTEAD OF");
      std::vector<std::string> events;
      for (const char* ev : {"insert", "update", "delete"}) {
        if (GetBool(t.body, ev).value_or(false)) {
          events.push_back(Upper(ev));
        }
      }
      if (const Attribute* of = t.body.FindAttribute("update_of")) {
        auto refs = RefList(*of);
        if (!refs) {
          return;
        }
        for (const Expression* e : *refs) {
          auto c = LocalColumn(*e, obj);
          if (!c) {
            return;
          }
          parts.update_of.push_back(std::move(*c));
        }
        if (std::find(events.begin(), events.end(), "UPDATE") == events.end()) {
          events.emplace_back("UPDATE");
        }
      }
      if (events.size() != 1) {
        Fail(t.type_range, "Invalid trigger event",
             "The " + t.type +
                 " block must enable exactly one of insert, update (or update_of) and delete.");
        return;
      }
      parts.event = events[0];
      if (auto f = GetKeyword(b.body, "for")) {
        const std::string k = Upper(*f);
        if (k != "ROW") {
          Fail(b.body.FindAttribute("for")->expr.range, "Invalid trigger level",
               "Only for = ROW is supported.");
          return;
        }
        parts.for_each_row = true;
      }
      parts.when = Trim(GetString(b.body, "when").value_or(""));
      parts.body = text;
      trig.body = BuildTriggerStatement(parts, dialect_.IdentifierQuote());
    }
    schema::Schema& s = realm_.schemas[obj.schema];
    auto exists = [&](const std::vector<schema::Trigger>& ts) {
      return std::any_of(ts.begin(), ts.end(),
                         [&](const schema::Trigger& x) { return x.name == trig.name; });
    };
    for (const auto& t : s.tables) {
      if (exists(t.triggers)) {
        Fail(b.label_ranges[0], "Duplicate trigger",
             "A trigger named \"" + trig.name + "\" is already defined.");
        return;
      }
    }
    for (const auto& v : s.views) {
      if (exists(v.triggers)) {
        Fail(b.label_ranges[0], "Duplicate trigger",
             "A trigger named \"" + trig.name + "\" is already defined.");
        return;
      }
    }
    if (target->second) {
      s.views[obj.index].triggers.push_back(std::move(trig));
    } else {
      s.tables[obj.index].triggers.push_back(std::move(trig));
    }
  }

  const Dialect& dialect_;
  const DecodeOptions& options_;
  schema::Realm realm_;
  base::Diagnostics diags_;
  const hcl::File* file_ = nullptr;
  hcl::EvalContext ctx_;
  std::vector<std::string> schema_labels_;
  std::vector<base::SourceRange> schema_ranges_;
  std::vector<ObjectEntry> table_entries_;
  std::vector<ObjectEntry> view_entries_;
  // Name -> position in table_entries_ / view_entries_ (views of the entries' names; rebuilt when
  // entries were added since, which is also when those views may have moved).
  struct EntryIndex {
    size_t indexed = 0;
    std::unordered_multimap<std::string_view, size_t> by_name;
  };
  EntryIndex table_index_;
  EntryIndex view_index_;
};

}  // namespace

base::Result<schema::Realm> DecodeFiles(std::span<const SourceFile> files, const Dialect& dialect,
                                        const DecodeOptions& options) {
  std::vector<hcl::File> parsed;
  base::Diagnostics diags;
  for (const auto& f : files) {
    auto r = hcl::Parse(f.content, f.name);
    if (!r.ok()) {
      diags.Append(r.diags());
      continue;
    }
    parsed.push_back(std::move(r).value());
  }
  if (!diags.empty()) {
    return diags;
  }
  Decoder d(dialect, options);
  return d.Run(parsed);
}

base::Result<schema::Realm> Decode(std::string_view content, std::string filename,
                                   const Dialect& dialect, const DecodeOptions& options) {
  const SourceFile file{std::move(filename), std::string(content)};
  return DecodeFiles(std::span<const SourceFile>(&file, 1), dialect, options);
}

base::Result<std::vector<SourceFile>> ReadSourceFiles(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> paths;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".hcl") {
        paths.push_back(entry.path());
      }
    }
    if (ec) {
      return base::Error("Cannot read schema directory", path + ": " + ec.message());
    }
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) {
      return base::Error("No schema files", "The directory " + path + " contains no .hcl files.");
    }
  } else {
    paths.emplace_back(path);
  }
  std::vector<SourceFile> out;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      return base::Error("Cannot read schema file",
                         p.string() + ": the file does not exist or is not readable.");
    }
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(SourceFile{p.string(), ss.str()});
  }
  return out;
}

}  // namespace atlas::engine::spec
