#include "engine/spec/print.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "engine/spec/literal.hpp"
#include "engine/spec/trigger_sql.hpp"

namespace atlas::engine::spec {
namespace {

using hcl::OutBody;
using hcl::OutExpr;

// `kind.a.b` with Atlas's quoting of names that are not identifiers: table["my t"].column.id.
std::string RefText(const std::vector<std::pair<std::string, std::vector<std::string>>>& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) {
      out += ".";
    }
    out += path[i].first;
    for (const auto& v : path[i].second) {
      if (hcl::IsIdentifier(v)) {
        out += "." + v;
      } else {
        out += "[" + hcl::QuoteString(v) + "]";
      }
    }
  }
  return out;
}

template <class T>
std::vector<const T*> SortedByName(const std::vector<T>& xs) {
  std::vector<const T*> out;
  out.reserve(xs.size());
  for (const auto& x : xs) {
    out.push_back(&x);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const T* l, const T* r) { return l->name < r->name; });
  return out;
}

bool PlainColumnPart(const schema::IndexPart& p) {
  return !p.column.empty() && p.expr.empty() && !p.desc && p.collation.empty() &&
         p.opclass.empty() && !p.prefix.has_value() && !p.nulls_first.has_value();
}

bool IsKnownEngine(const std::string& e, std::string* canonical) {
  for (const char* known : {"InnoDB", "MyISAM", "Memory", "CSV", "ndbcluster"}) {
    auto lower = [](std::string s) {
      std::transform(s.begin(), s.end(), s.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      });
      return s;
    };
    if (lower(e) == lower(known)) {
      *canonical = known;
      return true;
    }
  }
  return false;
}

class Printer {
 public:
  Printer(const schema::Realm& realm, const Dialect& dialect) : realm_(realm), dialect_(dialect) {
    schemas_.reserve(realm_.schemas.size());
    for (const auto& s : realm_.schemas) {
      schemas_.push_back(&s);
    }
    std::stable_sort(
        schemas_.begin(), schemas_.end(),
        [](const schema::Schema* l, const schema::Schema* r) { return l->name < r->name; });
    Qualify(/*views=*/false);
    Qualify(/*views=*/true);
  }

  OutBody Build() {
    OutBody file;
    for (const schema::Schema* s : schemas_) {
      for (const schema::Table* t : SortedByName(s->tables)) {
        PrintTable(*s, *t, &file);
      }
    }
    for (bool materialized : {false, true}) {
      for (const schema::Schema* s : schemas_) {
        for (const schema::View* v : SortedByName(s->views)) {
          if (v->materialized == materialized) {
            PrintView(*s, *v, &file);
          }
        }
      }
    }
    for (const schema::Schema* s : schemas_) {
      for (const schema::EnumType* e : SortedByName(s->enums)) {
        OutBody& b = file.AddBlock("enum", {e->name});
        b.AddAttribute("schema", SchemaRef(*s));
        std::vector<OutExpr> values;
        for (const auto& v : e->values) {
          values.push_back(OutExpr::String(v));
        }
        b.AddAttribute("values", OutExpr::List(values));
        if (!e->comment.empty()) {
          b.AddAttribute("comment", OutExpr::String(e->comment));
        }
      }
    }
    for (const schema::Schema* s : schemas_) {
      for (const schema::Sequence* q : SortedByName(s->sequences)) {
        PrintSequence(*s, *q, &file);
      }
    }
    for (const schema::Schema* s : schemas_) {
      PrintTriggers(*s, &file);
    }
    for (const schema::Extension* e : SortedByName(realm_.extensions)) {
      OutBody& b = file.AddBlock("extension", {e->name});
      if (const schema::Schema* es = realm_.FindSchema(e->schema); es != nullptr) {
        b.AddAttribute("schema", SchemaRef(*es));
      }
      if (!e->version.empty()) {
        b.AddAttribute("version", OutExpr::String(e->version));
      }
    }
    for (const schema::Schema* s : schemas_) {
      OutBody& b = file.AddBlock("schema", {s->name});
      if (!s->comment.empty()) {
        b.AddAttribute("comment", OutExpr::String(s->comment));
      }
      if (!s->charset.empty()) {
        b.AddAttribute("charset", OutExpr::String(s->charset));
      }
      if (!s->collation.empty()) {
        b.AddAttribute("collate", OutExpr::String(s->collation));
      }
    }
    return file;
  }

 private:
  // Atlas's QualifyObjects: names used in several schemas get the schema as a qualifier label, and
  // so do unqualified objects whose name equals a schema used as a qualifier.
  void Qualify(bool views) {
    std::map<std::string, std::set<std::string>> by_name;
    for (const schema::Schema* s : schemas_) {
      if (views) {
        for (const auto& v : s->views) {
          by_name[v.name].insert(s->name);
        }
      } else {
        for (const auto& t : s->tables) {
          by_name[t.name].insert(s->name);
        }
      }
    }
    auto& qualified = views ? qualified_views_ : qualified_tables_;
    std::set<std::string> qualifiers;
    for (const auto& [name, schemas] : by_name) {
      if (schemas.size() > 1) {
        for (const auto& s : schemas) {
          qualified.insert({s, name});
          qualifiers.insert(s);
        }
      }
    }
    for (const auto& [name, schemas] : by_name) {
      if (schemas.size() == 1 && qualifiers.count(name) != 0) {
        qualified.insert({*schemas.begin(), name});
      }
    }
  }

  bool IsQualified(bool view, const std::string& schema, const std::string& name) const {
    const auto& q = view ? qualified_views_ : qualified_tables_;
    return q.count({schema, name}) != 0;
  }

  std::vector<std::string> Labels(bool view, const std::string& schema,
                                  const std::string& name) const {
    if (IsQualified(view, schema, name)) {
      return {schema, name};
    }
    return {name};
  }

  std::string ObjectRefText(bool view, const std::string& schema, const std::string& name) const {
    std::vector<std::string> values;
    if (IsQualified(view, schema, name)) {
      values.push_back(schema);
    }
    values.push_back(name);
    return RefText({{view ? "view" : "table", values}});
  }

  static OutExpr SchemaRef(const schema::Schema& s) {
    return OutExpr::Raw(RefText({{"schema", {s.name}}}));
  }

  static OutExpr ColumnRef(const std::string& column) {
    return OutExpr::Raw(RefText({{"column", {column}}}));
  }

  OutExpr ExternalColumnRef(const std::string& schema, const std::string& table,
                            const std::string& column) const {
    std::vector<std::string> values;
    if (IsQualified(false, schema, table)) {
      values.push_back(schema);
    }
    values.push_back(table);
    return OutExpr::Raw(RefText({{"table", values}, {"column", {column}}}));
  }

  void PrintColumn(const schema::Column& c, bool view, OutBody* parent) {
    OutBody& b = parent->AddBlock("column", {c.name});
    b.AddAttribute("null", OutExpr::Bool(c.nullable));
    b.AddAttribute("type", OutExpr::Raw(dialect_.PrintType(c.type)));
    // A view column has only null, type and comment (what decoding accepts): MySQL reports the
    // default and signedness of the table column a view column reads, which are not the view's.
    if (c.default_value && !view) {
      b.AddAttribute("default", DefaultToHcl(*c.default_value, dialect_.IsTextType(c.type)));
    }
    if (c.type.is_unsigned && dialect_.Supports(Feature::kUnsigned) && !view) {
      b.AddAttribute("unsigned", OutExpr::Bool(true));
    }
    if (!c.comment.empty()) {
      b.AddAttribute("comment", OutExpr::String(c.comment));
    }
    if (view) {
      return;
    }
    if (!c.charset.empty()) {
      b.AddAttribute("charset", OutExpr::String(c.charset));
    }
    if (!c.collation.empty()) {
      b.AddAttribute("collate", OutExpr::String(c.collation));
    }
    if (c.on_update) {
      b.AddAttribute("on_update", DefaultToHcl(*c.on_update, false));
    }
    if (c.auto_increment && dialect_.Supports(Feature::kAutoIncrement)) {
      b.AddAttribute("auto_increment", OutExpr::Bool(true));
    }
    if (c.identity) {
      OutBody& id = b.AddBlock("identity");
      id.AddAttribute("generated",
                      OutExpr::Raw(c.identity->generation == schema::Identity::Generation::kAlways
                                       ? "ALWAYS"
                                       : "BY_DEFAULT"));
      if (c.identity->start != 1) {
        id.AddAttribute("start", OutExpr::Number(std::to_string(c.identity->start)));
      }
      if (c.identity->increment != 1) {
        id.AddAttribute("increment", OutExpr::Number(std::to_string(c.identity->increment)));
      }
    }
    if (c.generated) {
      OutBody& as = b.AddBlock("as");
      as.AddAttribute("expr", OutExpr::String(c.generated->expr));
      as.AddAttribute("type", OutExpr::Raw(c.generated->stored ? "STORED" : "VIRTUAL"));
    }
  }

  static void PrintParts(const std::vector<schema::IndexPart>& parts, OutBody* b) {
    if (std::all_of(parts.begin(), parts.end(), PlainColumnPart)) {
      std::vector<OutExpr> cols;
      cols.reserve(parts.size());
      for (const auto& p : parts) {
        cols.push_back(ColumnRef(p.column));
      }
      b->AddAttribute("columns", OutExpr::List(cols));
    }
  }

  void PrintOnBlocks(const std::vector<schema::IndexPart>& parts, OutBody* b) const {
    if (std::all_of(parts.begin(), parts.end(), PlainColumnPart)) {
      return;
    }
    for (const auto& p : parts) {
      OutBody& on = b->AddBlock("on");
      PrintOnPart(p, &on);
      // Atlas's partAttr: only when not the direction's default (NULLS LAST ascending, NULLS
      // FIRST descending).
      if (p.nulls_first && *p.nulls_first != p.desc && dialect_.Supports(Feature::kIndexNulls)) {
        on.AddAttribute(*p.nulls_first ? "nulls_first" : "nulls_last", OutExpr::Bool(true));
      }
    }
  }

  static void PrintOnPart(const schema::IndexPart& p, OutBody* on) {
    if (p.desc) {
      on->AddAttribute("desc", OutExpr::Bool(true));
    }
    if (!p.column.empty()) {
      on->AddAttribute("column", ColumnRef(p.column));
    } else {
      on->AddAttribute("expr", OutExpr::String(p.expr));
    }
    if (!p.collation.empty()) {
      on->AddAttribute("collate", OutExpr::String(p.collation));
    }
    if (p.prefix) {
      on->AddAttribute("prefix", OutExpr::Number(std::to_string(*p.prefix)));
    }
    if (!p.opclass.empty()) {
      on->AddAttribute("ops", hcl::IsIdentifier(p.opclass) ? OutExpr::Raw(p.opclass)
                                                           : OutExpr::String(p.opclass));
    }
  }

  // exclude "name" { type include where deferrable initially_deferred comment, then one
  // on { column|expr ... op } block per element }.
  static void PrintExclusion(const schema::Exclusion& x, OutBody* parent) {
    OutBody& b = parent->AddBlock("exclude", {x.name});
    std::string type = x.type.empty() ? "GIST" : x.type;
    std::transform(type.begin(), type.end(), type.begin(), [](char c) {
      return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    });
    b.AddAttribute("type", hcl::IsIdentifier(type) ? OutExpr::Raw(type) : OutExpr::String(type));
    if (!x.include.empty()) {
      std::vector<OutExpr> cols;
      cols.reserve(x.include.size());
      for (const auto& c : x.include) {
        cols.push_back(ColumnRef(c));
      }
      b.AddAttribute("include", OutExpr::List(cols));
    }
    if (!x.where.empty()) {
      b.AddAttribute("where", OutExpr::String(x.where));
    }
    if (x.deferrable) {
      b.AddAttribute("deferrable", OutExpr::Bool(true));
    }
    if (x.initially_deferred) {
      b.AddAttribute("initially_deferred", OutExpr::Bool(true));
    }
    if (!x.comment.empty()) {
      b.AddAttribute("comment", OutExpr::String(x.comment));
    }
    for (const auto& e : x.elements) {
      OutBody& on = b.AddBlock("on");
      PrintOnPart(e.part, &on);
      // Only when not the direction's default (NULLS LAST ascending, NULLS FIRST descending).
      if (e.part.nulls_first && *e.part.nulls_first != e.part.desc) {
        on.AddAttribute(*e.part.nulls_first ? "nulls_first" : "nulls_last", OutExpr::Bool(true));
      }
      on.AddAttribute("op", OutExpr::String(e.op));
    }
  }

  bool IsUniqueConstraint(const schema::Index& idx) const {
    return idx.constraint && dialect_.Supports(Feature::kUniqueConstraints);
  }

  // Atlas's PostgreSQL form of a UNIQUE constraint: unique "name" { columns include
  // nulls_distinct comment }, after the checks.
  void PrintUnique(const schema::Index& idx, OutBody* parent) const {
    OutBody& b = parent->AddBlock("unique", {idx.name});
    PrintParts(idx.parts, &b);
    if (!idx.include.empty()) {
      std::vector<OutExpr> cols;
      cols.reserve(idx.include.size());
      for (const auto& c : idx.include) {
        cols.push_back(ColumnRef(c));
      }
      b.AddAttribute("include", OutExpr::List(cols));
    }
    if (idx.nulls_not_distinct) {
      b.AddAttribute("nulls_distinct", OutExpr::Bool(false));
    }
    if (!idx.comment.empty()) {
      b.AddAttribute("comment", OutExpr::String(idx.comment));
    }
    PrintOnBlocks(idx.parts, &b);
  }

  void PrintIndex(const schema::Index& idx, OutBody* parent) {
    OutBody& b = parent->AddBlock("index", {idx.name});
    if (idx.unique) {
      b.AddAttribute("unique", OutExpr::Bool(true));
    }
    PrintParts(idx.parts, &b);
    if (!idx.comment.empty()) {
      b.AddAttribute("comment", OutExpr::String(idx.comment));
    }
    if (!idx.where.empty()) {
      b.AddAttribute("where", OutExpr::String(idx.where));
    }
    if (!idx.type.empty()) {
      b.AddAttribute(
          "type", hcl::IsIdentifier(idx.type) ? OutExpr::Raw(idx.type) : OutExpr::String(idx.type));
    }
    if (!idx.include.empty()) {
      std::vector<OutExpr> cols;
      for (const auto& c : idx.include) {
        cols.push_back(ColumnRef(c));
      }
      b.AddAttribute("include", OutExpr::List(cols));
    }
    if (idx.nulls_not_distinct) {
      b.AddAttribute("nulls_distinct", OutExpr::Bool(false));
    }
    PrintOnBlocks(idx.parts, &b);
  }

  void PrintTable(const schema::Schema& s, const schema::Table& t, OutBody* file) {
    OutBody& b = file->AddBlock("table", Labels(false, s.name, t.name));
    b.AddAttribute("schema", SchemaRef(s));
    if (!t.comment.empty()) {
      b.AddAttribute("comment", OutExpr::String(t.comment));
    }
    if (!t.options.charset.empty()) {
      b.AddAttribute("charset", OutExpr::String(t.options.charset));
    }
    if (!t.options.collation.empty()) {
      b.AddAttribute("collate", OutExpr::String(t.options.collation));
    }
    if (!t.options.engine.empty()) {
      std::string canonical;
      b.AddAttribute("engine", IsKnownEngine(t.options.engine, &canonical)
                                   ? OutExpr::Raw(canonical)
                                   : OutExpr::String(t.options.engine));
    }
    if (t.options.auto_increment) {
      b.AddAttribute("auto_increment", OutExpr::Number(std::to_string(*t.options.auto_increment)));
    }
    for (const auto& c : t.columns) {
      PrintColumn(c, false, &b);
    }
    if (t.primary_key) {
      OutBody& pk =
          b.AddBlock("primary_key", dialect_.IsDefaultPrimaryKeyName(t.name, t.primary_key->name)
                                        ? std::vector<std::string>{}
                                        : std::vector<std::string>{t.primary_key->name});
      PrintParts(t.primary_key->parts, &pk);
      PrintOnBlocks(t.primary_key->parts, &pk);
    }
    for (const schema::ForeignKey* fk : SortedByName(t.foreign_keys)) {
      OutBody& f = b.AddBlock("foreign_key", fk->name.empty() ? std::vector<std::string>{}
                                                              : std::vector<std::string>{fk->name});
      std::vector<OutExpr> cols;
      for (const auto& c : fk->columns) {
        cols.push_back(ColumnRef(c));
      }
      f.AddAttribute("columns", OutExpr::List(cols));
      const std::string& ref_schema = fk->ref_schema.empty() ? s.name : fk->ref_schema;
      std::vector<OutExpr> refs;
      for (const auto& c : fk->ref_columns) {
        refs.push_back(ExternalColumnRef(ref_schema, fk->ref_table, c));
      }
      f.AddAttribute("ref_columns", OutExpr::List(refs));
      f.AddAttribute("on_update", OutExpr::Raw(schema::ReferenceOptionHcl(fk->on_update)));
      f.AddAttribute("on_delete", OutExpr::Raw(schema::ReferenceOptionHcl(fk->on_delete)));
      if (dialect_.Supports(Feature::kDeferrable)) {
        if (fk->deferrable) {
          f.AddAttribute("deferrable", OutExpr::Bool(true));
        }
        if (fk->initially_deferred) {
          f.AddAttribute("initially_deferred", OutExpr::Bool(true));
        }
      }
    }
    for (const schema::Index* idx : SortedByName(t.indexes)) {
      if (!IsUniqueConstraint(*idx)) {
        PrintIndex(*idx, &b);
      }
    }
    for (const schema::Check* c : SortedByName(t.checks)) {
      OutBody& ck = b.AddBlock("check", c->name.empty() ? std::vector<std::string>{}
                                                        : std::vector<std::string>{c->name});
      ck.AddAttribute("expr", OutExpr::String(c->expr));
      if (c->no_inherit) {
        ck.AddAttribute("no_inherit", OutExpr::Bool(true));
      }
    }
    for (const schema::Index* idx : SortedByName(t.indexes)) {
      if (IsUniqueConstraint(*idx)) {
        PrintUnique(*idx, &b);
      }
    }
    for (const schema::Exclusion* x : SortedByName(t.exclusions)) {
      PrintExclusion(*x, &b);
    }
    if (t.options.without_rowid) {
      b.AddAttribute("without_rowid", OutExpr::Bool(true));
    }
    if (t.options.strict) {
      b.AddAttribute("strict", OutExpr::Bool(true));
    }
  }

  // "schema.name" -> `table.name` / `view.name` (qualified when needed); empty when the object is
  // unknown.
  std::string DependencyRef(const std::string& qualified, const std::string& default_schema) const {
    std::string schema_name = default_schema;
    std::string name = qualified;
    for (const schema::Schema* s : schemas_) {
      const std::string prefix = s->name + ".";
      if (qualified.size() > prefix.size() && qualified.compare(0, prefix.size(), prefix) == 0) {
        schema_name = s->name;
        name = qualified.substr(prefix.size());
        break;
      }
    }
    const schema::Schema* s = realm_.FindSchema(schema_name);
    if (s == nullptr) {
      return {};
    }
    if (s->FindTable(name) != nullptr) {
      return ObjectRefText(false, schema_name, name);
    }
    if (s->FindView(name) != nullptr) {
      return ObjectRefText(true, schema_name, name);
    }
    return {};
  }

  void PrintView(const schema::Schema& s, const schema::View& v, OutBody* file) {
    OutBody& b =
        file->AddBlock(v.materialized ? "materialized" : "view", Labels(true, s.name, v.name));
    b.AddAttribute("schema", SchemaRef(s));
    if (!v.comment.empty()) {
      b.AddAttribute("comment", OutExpr::String(v.comment));
    }
    for (const auto& c : v.columns) {
      PrintColumn(c, true, &b);
    }
    b.AddAttribute("as", OutExpr::Heredoc(v.definition));
    if (!v.check_option.empty()) {
      b.AddAttribute("check_option", OutExpr::Raw(v.check_option));
    }
    std::vector<std::string> deps;
    for (const auto& d : v.depends_on) {
      std::string ref = DependencyRef(d, s.name);
      if (!ref.empty() && std::find(deps.begin(), deps.end(), ref) == deps.end()) {
        deps.push_back(std::move(ref));
      }
    }
    std::sort(deps.begin(), deps.end());
    if (!deps.empty()) {
      std::vector<OutExpr> refs;
      refs.reserve(deps.size());
      for (auto& d : deps) {
        refs.push_back(OutExpr::Raw(d));
      }
      b.AddAttribute("depends_on", OutExpr::List(refs));
    }
    for (const schema::Index* idx : SortedByName(v.indexes)) {
      PrintIndex(*idx, &b);
    }
  }

  void PrintSequence(const schema::Schema& s, const schema::Sequence& q, OutBody* file) {
    OutBody& b = file->AddBlock("sequence", {q.name});
    b.AddAttribute("schema", SchemaRef(s));
    if (!q.type.empty()) {
      schema::ColumnType t;
      t.raw = q.type;
      t.normalized = q.type;
      b.AddAttribute("type", OutExpr::Raw(dialect_.PrintType(t)));
    }
    if (q.start != q.min_value.value_or(1)) {
      b.AddAttribute("start", OutExpr::Number(std::to_string(q.start)));
    }
    if (q.increment != 1) {
      b.AddAttribute("increment", OutExpr::Number(std::to_string(q.increment)));
    }
    if (q.min_value) {
      b.AddAttribute("min_value", OutExpr::Number(std::to_string(*q.min_value)));
    }
    if (q.max_value) {
      b.AddAttribute("max_value", OutExpr::Number(std::to_string(*q.max_value)));
    }
    if (q.cache != 1) {
      b.AddAttribute("cache", OutExpr::Number(std::to_string(q.cache)));
    }
    if (q.cycle) {
      b.AddAttribute("cycle", OutExpr::Bool(true));
    }
    if (const auto dot = q.owned_by.find('.'); dot != std::string::npos) {
      b.AddAttribute("owner", ExternalColumnRef(s.name, q.owned_by.substr(0, dot),
                                                q.owned_by.substr(dot + 1)));
    }
    if (!q.comment.empty()) {
      b.AddAttribute("comment", OutExpr::String(q.comment));
    }
  }

  void PrintTriggers(const schema::Schema& s, OutBody* file) {
    struct Owned {
      const schema::Trigger* trigger;
      bool view;
    };
    std::vector<Owned> all;
    for (const auto& t : s.tables) {
      for (const auto& tr : t.triggers) {
        all.push_back({&tr, false});
      }
    }
    for (const auto& v : s.views) {
      for (const auto& tr : v.triggers) {
        all.push_back({&tr, true});
      }
    }
    std::stable_sort(all.begin(), all.end(), [](const Owned& l, const Owned& r) {
      return l.trigger->name < r.trigger->name;
    });
    for (const auto& o : all) {
      const schema::Trigger& tr = *o.trigger;
      OutBody& b = file->AddBlock("trigger", {tr.name});
      b.AddAttribute("on", OutExpr::Raw(ObjectRefText(o.view, s.name, tr.table)));
      auto parts = ParseTriggerStatement(tr.body);
      if (!parts) {
        b.AddAttribute("as", OutExpr::Heredoc(tr.body));
        continue;
      }
      const std::string timing = parts->timing == "AFTER"        ? "after"
                                 : parts->timing == "INSTEAD OF" ? "instead_of"
                                                                 : "before";
      OutBody& when = b.AddBlock(timing);
      if (!parts->update_of.empty()) {
        std::vector<OutExpr> cols;
        for (const auto& c : parts->update_of) {
          std::vector<std::string> values;
          if (IsQualified(o.view, s.name, tr.table)) {
            values.push_back(s.name);
          }
          values.push_back(tr.table);
          cols.push_back(
              OutExpr::Raw(RefText({{o.view ? "view" : "table", values}, {"column", {c}}})));
        }
        when.AddAttribute("update_of", OutExpr::List(cols));
      } else {
        std::string ev = parts->event;
        std::transform(ev.begin(), ev.end(), ev.begin(), [](char c) {
          return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        });
        when.AddAttribute(ev, OutExpr::Bool(true));
      }
      if (parts->for_each_row) {
        b.AddAttribute("for", OutExpr::Raw("ROW"));
      }
      if (!parts->when.empty()) {
        b.AddAttribute("when", OutExpr::String(parts->when));
      }
      b.AddAttribute("as", OutExpr::Heredoc(parts->body));
    }
  }

  const schema::Realm& realm_;
  const Dialect& dialect_;
  std::vector<const schema::Schema*> schemas_;
  std::set<std::pair<std::string, std::string>> qualified_tables_;
  std::set<std::pair<std::string, std::string>> qualified_views_;
};

}  // namespace

OutBody PrintBody(const schema::Realm& realm, const Dialect& dialect) {
  Printer p(realm, dialect);
  return p.Build();
}

std::string Print(const schema::Realm& realm, const Dialect& dialect) {
  return hcl::Write(PrintBody(realm, dialect));
}

}  // namespace atlas::engine::spec
