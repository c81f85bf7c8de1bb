#include "engine/drivers/postgres/plan.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "engine/base/go_quote.hpp"
#include "engine/drivers/postgres/convert.hpp"
#include "engine/sql/builder.hpp"

namespace atlas::engine::drivers::postgres {
namespace {

namespace s = schema;
using base::Result;

// Go's %q, which Atlas uses in its comments: "we\"ird".
std::string Q(std::string_view name) { return base::GoQuote(name); }

std::string Key(std::string_view schema, std::string_view name) {
  return std::string(schema) + "." + std::string(name);
}

bool IsDefaultPkName(const s::Table& t, const std::string& name) {
  return name.empty() || name == t.name + "_pkey";
}

// Base type family used to decide whether ALTER COLUMN ... TYPE needs a USING clause.
std::string Family(const s::ColumnType& t) {
  const std::string& n = t.normalized.empty() ? t.raw : t.normalized;
  if (!t.enum_ref.empty()) {
    return "enum:" + t.enum_schema + "." + t.enum_ref + (t.array_dims > 0 ? "[]" : "");
  }
  if (n.size() > 2 && n.substr(n.size() - 2) == "[]") {
    s::ColumnType element;
    element.normalized = n.substr(0, n.size() - 2);
    return "array:" + Family(element);
  }
  const auto starts = [&n](std::string_view p) { return n.rfind(p, 0) == 0; };
  if (n == "smallint" || n == "integer" || n == "bigint" || n == "real" ||
      n == "double precision" || starts("numeric") || !SerialBaseType(n).empty()) {
    return "number";
  }
  if (starts("character") || n == "text" || starts("bpchar") || n == "name" || n == "citext") {
    return "string";
  }
  if (starts("timestamp") || n == "date") {
    return "timestamp";
  }
  if (starts("time")) {
    return "time";
  }
  if (starts("bit")) {
    return "bit";
  }
  if (starts("interval")) {
    return "interval";
  }
  if (n == "json" || n == "jsonb") {
    return "json";
  }
  if (n == "inet" || n == "cidr") {
    return "inet";
  }
  const auto paren = n.find('(');
  return paren == std::string::npos ? n : n.substr(0, paren);
}

bool NeedsUsing(const s::ColumnType& from, const s::ColumnType& to) {
  const std::string f = Family(from);
  const std::string t = Family(to);
  if (f == t) {
    return false;
  }
  // Automatic I/O conversion to string types is an assignment cast.
  return !(t == "string" && f.rfind("array:", 0) != 0);
}

const char* GenerationSql(s::Identity::Generation g) {
  return g == s::Identity::Generation::kAlways ? "ALWAYS" : "BY DEFAULT";
}

class PlanBuilder {
 public:
  PlanBuilder(const std::vector<s::Change>& changes, const PlanOptions& options,
              const std::string& bound_schema)
      : changes_(changes), options_(options) {
    if (options.schema_qualifier) {
      qualifier_ = options.schema_qualifier;
    } else if (!bound_schema.empty()) {
      qualifier_ = std::string();
    }
  }

  Result<plan::Plan> Run() {
    Classify();
    PreSchemas();
    DropViews();
    Types();
    TableChanges();
    CreateViews();
    SequenceOwners();
    Drops();
    if (diags_.HasError()) {
      return diags_;
    }
    plan::Plan plan;
    plan.statements = std::move(out_);
    plan.transactional = true;
    plan.reversible = std::all_of(plan.statements.begin(), plan.statements.end(),
                                  [](const plan::Statement& st) { return !st.reverse.empty(); });
    return plan;
  }

 private:
  // ---------------------------------------------------------------------------------------------
  // Statement helpers

  sql::Builder B() const {
    return sql::Builder(sql::Dialect::Postgres(), qualifier_, options_.indent);
  }
  sql::Builder Line() const { return sql::Builder(sql::Dialect::Postgres(), qualifier_); }

  std::string Text(const sql::Builder& b) {
    auto r = b.Build();
    if (!r.ok()) {
      diags_.Append(r.diags());
      return {};
    }
    return std::move(r).value();
  }

  void Emit(const sql::Builder& b, std::string comment, std::string reverse, int index,
            bool transactional = true) {
    plan::Statement st;
    st.sql = Text(b);
    st.comment = std::move(comment);
    st.reverse = std::move(reverse);
    st.transactional = transactional;
    st.change_index = index;
    out_.push_back(std::move(st));
  }

  void Error(std::string summary, std::string detail) {
    diags_.Add(base::Diagnostic::Error(std::move(summary), std::move(detail)));
  }

  // "s"."name" for types under the qualifier policy.
  std::string TypeName(const std::string& schema, const std::string& name) const {
    const std::string q = qualifier_ ? *qualifier_ : schema;
    const auto d = sql::Dialect::Postgres();
    if (q.empty()) {
      return sql::QuoteIdent(d, name);
    }
    return sql::QuoteIdent(d, q) + "." + sql::QuoteIdent(d, name);
  }

  std::string TypeSql(const s::ColumnType& t) const {
    if (!t.enum_ref.empty()) {
      return TypeName(t.enum_schema, t.enum_ref) + (t.array_dims > 0 ? "[]" : "");
    }
    return t.normalized.empty() ? t.raw : t.normalized;
  }

  static bool IsEnum(const s::ColumnType& t) { return !t.enum_ref.empty(); }

  std::string DefaultSql(const s::Column& c) const {
    const auto& d = *c.default_value;
    if (d.kind == s::Expr::Kind::kRaw) {
      return d.text;
    }
    return DefaultLiteralSql(d.text, c.type.normalized, IsEnum(c.type));
  }

  // Referenced table, qualified also on schema-bound connections when it lives in another schema.
  void RefTable(sql::Builder& b, const std::string& table_schema, const s::ForeignKey& fk) const {
    const std::string ref_schema = fk.ref_schema.empty() ? table_schema : fk.ref_schema;
    if (qualifier_ && qualifier_->empty() && !fk.ref_schema.empty() &&
        fk.ref_schema != table_schema) {
      const auto d = sql::Dialect::Postgres();
      b.Raw(sql::Raw{sql::QuoteIdent(d, fk.ref_schema) + "." + sql::QuoteIdent(d, fk.ref_table)});
      return;
    }
    b.Table(ref_schema, fk.ref_table);
  }

  // ---------------------------------------------------------------------------------------------
  // Definitions

  bool ColumnDef(sql::Builder& b, const s::Column& c) {
    b.Ident(c.name).Raw(sql::Raw{TypeSql(c.type)});
    const bool serial = !SerialBaseType(c.type.normalized).empty();
    if (!c.nullable) {
      b.Kw("NOT");
    } else if (serial) {
      Error("Invalid serial column",
            "NOT NULL constraint is required for " + c.type.normalized + " column " + Q(c.name));
      return false;
    }
    b.Kw("NULL");
    if (c.default_value && !serial) {
      b.Kw("DEFAULT").Raw(sql::Raw{DefaultSql(c)});
    }
    if (!c.collation.empty()) {
      b.Kw("COLLATE").Ident(c.collation);
    }
    if (c.identity && c.generated) {
      Error("Invalid column",
            "both identity and generation expression specified for column " + Q(c.name));
      return false;
    }
    if (c.identity) {
      b.Kw("GENERATED").Kw(GenerationSql(c.identity->generation)).Kw("AS IDENTITY");
      IdentityOptions(b, *c.identity);
    }
    if (c.generated) {
      b.Kw("GENERATED ALWAYS AS").Raw(sql::Raw{MayWrap(c.generated->expr)}).Kw("STORED");
    }
    return true;
  }

  static void IdentityOptions(sql::Builder& b, const s::Identity& id) {
    if (id.start == 1 && id.increment == 1) {
      return;
    }
    b.Wrap([&id](sql::Builder& w) {
      if (id.start != 1) {
        w.Kw("START WITH").Int(id.start);
      }
      if (id.increment != 1) {
        w.Kw("INCREMENT BY").Int(id.increment);
      }
    });
  }

  static void Part(sql::Builder& b, const s::IndexPart& p) {
    if (!p.column.empty()) {
      b.Ident(p.column);
    } else {
      b.Raw(sql::Raw{MayWrap(p.expr)});
    }
    if (!p.collation.empty()) {
      b.Kw("COLLATE").Ident(p.collation);
    }
    if (!p.opclass.empty()) {
      b.Raw(sql::Raw{p.opclass});
    }
    if (p.desc) {
      b.Kw("DESC");
    }
    if (p.nulls_first) {
      if (p.desc && !*p.nulls_first) {
        b.Kw("NULLS LAST");
      } else if (!p.desc && *p.nulls_first) {
        b.Kw("NULLS FIRST");
      }
    }
  }

  static void Parts(sql::Builder& b, const std::vector<s::IndexPart>& parts) {
    b.Wrap([&parts](sql::Builder& w) {
      w.MapComma(parts, [](const s::IndexPart& p, sql::Builder& x) { Part(x, p); });
    });
  }

  static void Include(sql::Builder& b, const s::Index& idx) {
    if (idx.include.empty()) {
      return;
    }
    b.Kw("INCLUDE").Wrap([&idx](sql::Builder& w) {
      w.MapComma(idx.include, [](const std::string& c, sql::Builder& x) { x.Ident(c); });
    });
  }

  // [USING m] (parts) [INCLUDE (...)] [NULLS NOT DISTINCT] [WHERE p]
  static void IndexBody(sql::Builder& b, const s::Index& idx) {
    if (!idx.type.empty() && idx.type != "BTREE" && idx.type != "btree") {
      b.Kw("USING").Raw(sql::Raw{idx.type});
    }
    Parts(b, idx.parts);
    Include(b, idx);
    if (idx.nulls_not_distinct) {
      b.Kw("NULLS NOT DISTINCT");
    }
    if (!idx.where.empty()) {
      b.Kw("WHERE").Raw(sql::Raw{idx.where});
    }
  }

  // CONSTRAINT "n" UNIQUE [NULLS NOT DISTINCT] (parts) [INCLUDE (...)]
  static void UniqueConstraint(sql::Builder& b, const s::Index& idx) {
    b.Kw("CONSTRAINT").Ident(idx.name).Kw("UNIQUE");
    if (idx.nulls_not_distinct) {
      b.Kw("NULLS NOT DISTINCT");
    }
    Parts(b, idx.parts);
    Include(b, idx);
  }

  void PrimaryKeyDef(sql::Builder& b, const s::Table& t, const s::PrimaryKey& pk) const {
    if (!IsDefaultPkName(t, pk.name)) {
      b.Kw("CONSTRAINT").Ident(pk.name);
    }
    b.Kw("PRIMARY KEY");
    Parts(b, pk.parts);
  }

  void ForeignKeyDef(sql::Builder& b, const std::string& table_schema,
                     const s::ForeignKey& fk) const {
    if (!fk.name.empty()) {
      b.Kw("CONSTRAINT").Ident(fk.name);
    }
    b.Kw("FOREIGN KEY").Wrap([&fk](sql::Builder& w) {
      w.MapComma(fk.columns, [](const std::string& c, sql::Builder& x) { x.Ident(c); });
    });
    b.Kw("REFERENCES");
    RefTable(b, table_schema, fk);
    b.Wrap([&fk](sql::Builder& w) {
      w.MapComma(fk.ref_columns, [](const std::string& c, sql::Builder& x) { x.Ident(c); });
    });
    b.Kw("ON UPDATE").Kw(s::ReferenceOptionSql(fk.on_update));
    b.Kw("ON DELETE").Kw(s::ReferenceOptionSql(fk.on_delete));
    if (fk.deferrable) {
      b.Kw("DEFERRABLE");
      if (fk.initially_deferred) {
        b.Kw("INITIALLY DEFERRED");
      }
    }
  }

  static void CheckDef(sql::Builder& b, const s::Check& ck) {
    if (!ck.name.empty()) {
      b.Kw("CONSTRAINT").Ident(ck.name);
    }
    b.Kw("CHECK").Raw(sql::Raw{MayWrap(ck.expr)});
    if (ck.no_inherit) {
      b.Kw("NO INHERIT");
    }
  }

  // CONSTRAINT "n" EXCLUDE USING m (elem WITH op, ...) [INCLUDE (...)] [WHERE (p)] [DEFERRABLE ...]
  static void ExclusionDef(sql::Builder& b, const s::Exclusion& x) {
    std::string method = x.type.empty() ? "gist" : x.type;
    for (auto& c : method) {
      c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    b.Kw("CONSTRAINT").Ident(x.name).Kw("EXCLUDE USING").Raw(sql::Raw{method});
    b.Wrap([&x](sql::Builder& w) {
      w.MapComma(x.elements, [](const s::ExclusionElement& e, sql::Builder& y) {
        Part(y, e.part);
        y.Kw("WITH").Raw(sql::Raw{e.op});
      });
    });
    if (!x.include.empty()) {
      b.Kw("INCLUDE").Wrap([&x](sql::Builder& w) {
        w.MapComma(x.include, [](const std::string& c, sql::Builder& y) { y.Ident(c); });
      });
    }
    if (!x.where.empty()) {
      b.Kw("WHERE").Raw(sql::Raw{MayWrap(x.where)});
    }
    if (x.deferrable) {
      b.Kw("DEFERRABLE");
      if (x.initially_deferred) {
        b.Kw("INITIALLY DEFERRED");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Classification of the input changes into phases.

  struct ViewOp {
    std::string schema;
    s::View view;
    int index = -1;
  };

  void Classify() {
    for (size_t i = 0; i < changes_.size(); ++i) {
      const int idx = static_cast<int>(i);
      std::visit(s::Overloaded{
                     [&](const s::AddSchema&) { pre_.push_back(idx); },
                     [&](const s::ModifySchema&) { pre_.push_back(idx); },
                     [&](const s::AddExtension&) { pre_.push_back(idx); },
                     [&](const s::ModifyExtension&) { pre_.push_back(idx); },
                     [&](const s::DropSchema&) { drops_.push_back(idx); },
                     [&](const s::DropExtension&) { drops_.push_back(idx); },
                     [&](const s::AddEnum&) { types_.push_back(idx); },
                     [&](const s::ModifyEnum&) { types_.push_back(idx); },
                     [&](const s::AddSequence&) { types_.push_back(idx); },
                     [&](const s::ModifySequence&) { types_.push_back(idx); },
                     [&](const s::DropEnum&) { drops_.push_back(idx); },
                     [&](const s::DropSequence&) { drops_.push_back(idx); },
                     [&](const s::AddTable&) { tables_.push_back(idx); },
                     [&](const s::ModifyTable&) { tables_.push_back(idx); },
                     [&](const s::RenameTable&) { renames_.push_back(idx); },
                     [&](const s::DropTable&) { drops_.push_back(idx); },
                     [&](const s::AddView& c) {
                       create_views_.push_back({c.schema, c.view, idx});
                     },
                     [&](const s::DropView& c) {
                       drop_views_.push_back({c.schema, c.view, idx});
                     },
                     [&](const s::ModifyView& c) {
                       if (ViewDefinitionEqual(c.from, c.to)) {
                         view_comments_.push_back(idx);
                         return;
                       }
                       drop_views_.push_back({c.schema, c.from, idx});
                       create_views_.push_back({c.schema, c.to, idx});
                     },
                     [&](const s::AddTrigger&) { triggers_.push_back(idx); },
                     [&](const s::DropTrigger&) { drop_triggers_.push_back(idx); },
                     [&](const s::ModifyTrigger&) {
                       drop_triggers_.push_back(idx);
                       triggers_.push_back(idx);
                     },
                 },
                 changes_[i]);
    }
    DependentViews();
  }

  static bool ViewDefinitionEqual(const s::View& a, const s::View& b) {
    return a.materialized == b.materialized && a.check_option == b.check_option &&
           (a.definition == b.definition ||
            NormalizeExpr(a.definition) == NormalizeExpr(b.definition));
  }

  // Views of the current realm reading (transitively) a relation whose columns change type, go
  // away, or which is itself dropped or replaced: they are dropped before and recreated after.
  void DependentViews() {
    std::set<std::string> affected;
    for (const int idx : tables_) {
      if (const auto* m = std::get_if<s::ModifyTable>(&changes_[idx])) {
        for (const auto& tc : m->changes) {
          const bool breaks = std::holds_alternative<s::DropColumn>(tc) ||
                              (std::holds_alternative<s::ModifyColumn>(tc) &&
                               (std::get<s::ModifyColumn>(tc).change &
                                (s::kChangeType | s::kChangeGenerated)) != 0);
          if (breaks) {
            affected.insert(Key(m->schema, m->from.name));
            affected.insert(Key(m->schema, m->to.name));
          }
        }
      }
    }
    for (const int idx : drops_) {
      if (const auto* d = std::get_if<s::DropTable>(&changes_[idx])) {
        affected.insert(Key(d->schema, d->table.name));
      }
    }
    std::set<std::string> dropped_schemas;
    for (const int idx : drops_) {
      if (const auto* d = std::get_if<s::DropSchema>(&changes_[idx])) {
        dropped_schemas.insert(d->schema.name);
      }
    }
    std::set<std::string> handled;
    for (const auto& v : drop_views_) {
      affected.insert(Key(v.schema, v.view.name));
      handled.insert(Key(v.schema, v.view.name));
    }
    for (const auto& v : create_views_) {
      handled.insert(Key(v.schema, v.view.name));
    }
    if (options_.current == nullptr || affected.empty()) {
      return;
    }
    std::map<std::string, std::vector<std::pair<const s::Schema*, const s::View*>>> readers;
    for (const auto& sc : options_.current->schemas) {
      for (const auto& v : sc.views) {
        for (const auto& dep : v.depends_on) {
          readers[dep].emplace_back(&sc, &v);
        }
      }
    }
    std::vector<std::string> queue(affected.begin(), affected.end());
    std::set<std::string> seen(affected.begin(), affected.end());
    while (!queue.empty()) {
      const std::string k = queue.back();
      queue.pop_back();
      auto it = readers.find(k);
      if (it == readers.end()) {
        continue;
      }
      for (const auto& [sc, v] : it->second) {
        const std::string vk = Key(sc->name, v->name);
        if (!seen.insert(vk).second) {
          continue;
        }
        queue.push_back(vk);
        if (handled.count(vk) > 0) {
          continue;
        }
        drop_views_.push_back({sc->name, *v, -1});
        // A view of a schema that is dropped goes away with it: not recreated.
        if (dropped_schemas.count(sc->name) == 0) {
          create_views_.push_back({sc->name, *v, -1});
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Phase 1: schemas, schema comments, extensions.

  void PreSchemas() {
    for (const int idx : pre_) {
      std::visit(s::Overloaded{
                     [&](const s::AddSchema& c) { AddSchema(c, idx); },
                     [&](const s::ModifySchema& c) {
                       if ((c.change & s::kChangeComment) != 0) {
                         SchemaComment(c.to.name, c.to.comment, c.from.comment, idx);
                       }
                     },
                     [&](const s::AddExtension& c) { AddExtension(c.extension, idx); },
                     [&](const s::ModifyExtension& c) { ModifyExtension(c, idx); },
                     [](const auto&) {},
                 },
                 changes_[idx]);
    }
  }

  void AddSchema(const s::AddSchema& c, int idx) {
    auto b = Line();
    b.Kw("CREATE SCHEMA");
    if (c.schema.name == "public") {
      b.Kw("IF NOT EXISTS");
    }
    b.Ident(c.schema.name);
    auto r = Line();
    r.Kw("DROP SCHEMA").Ident(c.schema.name).Kw("CASCADE");
    Emit(b, "Add new schema named " + Q(c.schema.name), Text(r), idx);
    if (!c.schema.comment.empty()) {
      SchemaComment(c.schema.name, c.schema.comment, "", idx);
    }
  }

  void SchemaComment(const std::string& name, const std::string& to, const std::string& from,
                     int idx) {
    auto b = Line();
    b.Kw("COMMENT ON SCHEMA").Ident(name).Kw("IS");
    auto r = b.Clone();
    b.Literal(to);
    r.Literal(from);
    Emit(b, "Set comment to schema: " + Q(name), Text(r), idx);
  }

  void AddExtension(const s::Extension& e, int idx) {
    auto b = Line();
    b.Kw("CREATE EXTENSION").Ident(e.name);
    if (!e.schema.empty()) {
      b.Kw("WITH SCHEMA").Ident(e.schema);
    }
    if (!e.version.empty()) {
      b.Kw("VERSION").Literal(e.version);
    }
    auto r = Line();
    r.Kw("DROP EXTENSION").Ident(e.name);
    Emit(b, "Create extension " + Q(e.name), Text(r), idx);
  }

  void ModifyExtension(const s::ModifyExtension& c, int idx) {
    if (c.from.schema != c.to.schema && !c.to.schema.empty()) {
      auto b = Line();
      b.Kw("ALTER EXTENSION").Ident(c.to.name).Kw("SET SCHEMA").Ident(c.to.schema);
      auto r = Line();
      r.Kw("ALTER EXTENSION").Ident(c.to.name).Kw("SET SCHEMA").Ident(c.from.schema);
      Emit(b, "Modify extension " + Q(c.to.name), c.from.schema.empty() ? "" : Text(r), idx);
    }
    if (c.from.version != c.to.version && !c.to.version.empty()) {
      auto b = Line();
      b.Kw("ALTER EXTENSION").Ident(c.to.name).Kw("UPDATE TO").Literal(c.to.version);
      Emit(b, "Modify extension " + Q(c.to.name), "", idx);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Views

  // Orders `ops` so that a view comes after the views it reads (create order).
  static std::vector<const ViewOp*> CreateOrder(const std::vector<ViewOp>& ops) {
    std::map<std::string, const ViewOp*> by_key;
    for (const auto& op : ops) {
      by_key[Key(op.schema, op.view.name)] = &op;
    }
    std::vector<const ViewOp*> order;
    std::set<std::string> done;
    std::set<std::string> active;
    std::function<void(const ViewOp&)> visit = [&](const ViewOp& op) {
      const std::string k = Key(op.schema, op.view.name);
      if (done.count(k) > 0 || active.count(k) > 0) {
        return;
      }
      active.insert(k);
      for (const auto& dep : op.view.depends_on) {
        if (auto it = by_key.find(dep); it != by_key.end()) {
          visit(*it->second);
        }
      }
      active.erase(k);
      done.insert(k);
      order.push_back(&op);
    };
    for (const auto& op : ops) {
      visit(op);
    }
    return order;
  }

  std::string ViewKind(const s::View& v) const {
    return v.materialized ? "MATERIALIZED VIEW" : "VIEW";
  }
  std::string ViewNoun(const s::View& v) const {
    return v.materialized ? "materialized view" : "view";
  }

  std::string DropViewSql(const std::string& schema, const s::View& v) {
    auto b = Line();
    b.Kw("DROP").Kw(ViewKind(v)).Table(schema, v.name);
    return Text(b);
  }

  sql::Builder CreateViewBuilder(const std::string& schema, const s::View& v) const {
    auto b = Line();
    b.Kw("CREATE").Kw(ViewKind(v)).Table(schema, v.name).Kw("AS").Raw(sql::Raw{v.definition});
    if (!v.check_option.empty() && !v.materialized) {
      b.Kw("WITH").Raw(sql::Raw{v.check_option}).Kw("CHECK OPTION");
    }
    return b;
  }

  void DropViews() {
    for (const int idx : drop_triggers_) {
      DropTrigger(idx);
    }
    auto order = CreateOrder(drop_views_);
    std::reverse(order.begin(), order.end());
    for (const ViewOp* op : order) {
      auto b = Line();
      b.Kw("DROP").Kw(ViewKind(op->view)).Table(op->schema, op->view.name);
      Emit(b, "Drop " + Q(op->view.name) + " " + ViewNoun(op->view),
           Text(CreateViewBuilder(op->schema, op->view)), op->index);
    }
  }

  void CreateViews() {
    for (const ViewOp* op : CreateOrder(create_views_)) {
      Emit(CreateViewBuilder(op->schema, op->view),
           "Create " + Q(op->view.name) + " " + ViewNoun(op->view),
           DropViewSql(op->schema, op->view), op->index);
      for (const auto& idx : op->view.indexes) {
        CreateIndex(op->schema, op->view.name, idx, false, op->index);
      }
      if (!op->view.comment.empty()) {
        ViewComment(op->schema, op->view, op->view.comment, "", op->index);
      }
      for (const auto& c : op->view.columns) {
        if (!c.comment.empty()) {
          ColumnComment(op->schema, op->view.name, c.name, c.comment, "", op->index);
        }
      }
    }
    for (const int idx : view_comments_) {
      const auto& c = std::get<s::ModifyView>(changes_[idx]);
      if (c.from.comment != c.to.comment) {
        ViewComment(c.schema, c.to, c.to.comment, c.from.comment, idx);
      }
    }
    for (const int idx : triggers_) {
      CreateTrigger(idx);
    }
  }

  void ViewComment(const std::string& schema, const s::View& v, const std::string& to,
                   const std::string& from, int idx) {
    auto b = Line();
    b.Kw("COMMENT ON").Kw(ViewKind(v)).Table(schema, v.name).Kw("IS");
    auto r = b.Clone();
    b.Literal(to);
    r.Literal(from);
    Emit(b, "Set comment to " + ViewNoun(v) + ": " + Q(v.name), Text(r), idx);
  }

  void CreateTrigger(int idx) {
    const s::Trigger* t = nullptr;
    std::string schema;
    if (const auto* a = std::get_if<s::AddTrigger>(&changes_[idx])) {
      t = &a->trigger;
      schema = a->schema;
    } else if (const auto* m = std::get_if<s::ModifyTrigger>(&changes_[idx])) {
      t = &m->to;
      schema = m->schema;
    }
    if (t == nullptr) {
      return;
    }
    auto b = Line();
    b.Raw(sql::Raw{t->body});
    auto r = Line();
    r.Kw("DROP TRIGGER").Ident(t->name).Kw("ON").Table(schema, t->table);
    Emit(b, "Create trigger " + Q(t->name), Text(r), idx);
  }

  void DropTrigger(int idx) {
    const s::Trigger* t = nullptr;
    std::string schema;
    if (const auto* d = std::get_if<s::DropTrigger>(&changes_[idx])) {
      t = &d->trigger;
      schema = d->schema;
    } else if (const auto* m = std::get_if<s::ModifyTrigger>(&changes_[idx])) {
      t = &m->from;
      schema = m->schema;
    }
    if (t == nullptr) {
      return;
    }
    auto b = Line();
    b.Kw("DROP TRIGGER").Ident(t->name).Kw("ON").Table(schema, t->table);
    Emit(b, "Drop trigger " + Q(t->name), t->body, idx);
  }

  // ---------------------------------------------------------------------------------------------
  // Phase 3: enums and sequences.

  void Types() {
    for (const int idx : types_) {
      std::visit(s::Overloaded{
                     [&](const s::AddEnum& c) { AddEnum(c.schema, c.type, idx); },
                     [&](const s::ModifyEnum& c) { ModifyEnum(c, idx); },
                     [&](const s::AddSequence& c) { AddSequence(c.schema, c.sequence, idx); },
                     [&](const s::ModifySequence& c) { ModifySequence(c, idx); },
                     [](const auto&) {},
                 },
                 changes_[idx]);
    }
  }

  std::string CreateEnumSql(const std::string& schema, const s::EnumType& e) {
    auto b = Line();
    b.Kw("CREATE TYPE").Table(schema, e.name).Kw("AS ENUM").Wrap([&e](sql::Builder& w) {
      w.MapComma(e.values, [](const std::string& v, sql::Builder& x) { x.Literal(v); });
    });
    return Text(b);
  }

  std::string DropEnumSql(const std::string& schema, const s::EnumType& e) {
    auto b = Line();
    b.Kw("DROP TYPE").Table(schema, e.name);
    return Text(b);
  }

  void AddEnum(const std::string& schema, const s::EnumType& e, int idx) {
    auto b = Line();
    b.Raw(sql::Raw{CreateEnumSql(schema, e)});
    Emit(b, "Create enum type " + Q(e.name), DropEnumSql(schema, e), idx);
    if (!e.comment.empty()) {
      EnumComment(schema, e, e.comment, "", idx);
    }
  }

  void EnumComment(const std::string& schema, const s::EnumType& e, const std::string& to,
                   const std::string& from, int idx) {
    auto b = Line();
    b.Kw("COMMENT ON TYPE").Table(schema, e.name).Kw("IS");
    auto r = b.Clone();
    b.Literal(to);
    r.Literal(from);
    Emit(b, "Set comment to enum type: " + Q(e.name), Text(r), idx);
  }

  void ModifyEnum(const s::ModifyEnum& c, int idx) {
    const auto& from = c.from.values;
    const auto& to = c.to.values;
    std::map<std::string, size_t> from_pos;
    for (size_t i = 0; i < from.size(); ++i) {
      from_pos[from[i]] = i;
    }
    std::set<std::string> to_set(to.begin(), to.end());
    for (const auto& v : from) {
      if (to_set.count(v) == 0) {
        Error("Unsupported enum change",
              "dropping value " + Q(v) + " from enum " + Q(c.from.name) + " is not supported");
        return;
      }
    }
    size_t at = 0;
    for (size_t i = 0; i < to.size(); ++i) {
      auto it = from_pos.find(to[i]);
      if (it == from_pos.end()) {
        auto b = Line();
        b.Kw("ALTER TYPE").Table(c.schema, c.to.name).Kw("ADD VALUE").Literal(to[i]);
        if (i == 0 && !from.empty()) {
          b.Kw("BEFORE").Literal(from[0]);
        } else if (i > 0 && at != from.size()) {
          b.Kw("AFTER").Literal(to[i - 1]);
        }
        Emit(b, "Add value to enum type: " + Q(c.from.name), "", idx);
      } else if (it->second == at) {
        ++at;
      } else {
        Error("Unsupported enum change",
              "reordering enum " + Q(c.from.name) + " value " + Q(to[i]) + " is not supported");
        return;
      }
    }
    if (c.from.comment != c.to.comment) {
      EnumComment(c.schema, c.to, c.to.comment, c.from.comment, idx);
    }
  }

  void SequenceOptions(sql::Builder& b, const s::Sequence& q) const {
    if (!q.type.empty()) {
      b.Kw("AS").Raw(sql::Raw{q.type});
    }
    if (q.increment != 1) {
      b.Kw("INCREMENT BY").Int(q.increment);
    }
    if (q.min_value) {
      b.Kw("MINVALUE").Int(*q.min_value);
    }
    if (q.max_value) {
      b.Kw("MAXVALUE").Int(*q.max_value);
    }
    const int64_t default_start =
        q.increment > 0 ? q.min_value.value_or(1) : q.max_value.value_or(-1);
    if (q.start != default_start) {
      b.Kw("START WITH").Int(q.start);
    }
    if (q.cache != 1) {
      b.Kw("CACHE").Int(q.cache);
    }
    if (q.cycle) {
      b.Kw("CYCLE");
    }
  }

  void AddSequence(const std::string& schema, const s::Sequence& q, int idx) {
    auto b = Line();
    b.Kw("CREATE SEQUENCE").Table(schema, q.name);
    SequenceOptions(b, q);
    auto r = Line();
    r.Kw("DROP SEQUENCE").Table(schema, q.name);
    Emit(b, "Create " + Q(q.name) + " sequence", Text(r), idx);
    if (!q.owned_by.empty()) {
      owners_.push_back({schema, q, "", idx});
    }
    if (!q.comment.empty()) {
      SequenceComment(schema, q, q.comment, "", idx);
    }
  }

  void SequenceComment(const std::string& schema, const s::Sequence& q, const std::string& to,
                       const std::string& from, int idx) {
    auto b = Line();
    b.Kw("COMMENT ON SEQUENCE").Table(schema, q.name).Kw("IS");
    auto r = b.Clone();
    b.Literal(to);
    r.Literal(from);
    Emit(b, "Set comment to sequence: " + Q(q.name), Text(r), idx);
  }

  void ModifySequence(const s::ModifySequence& c, int idx) {
    const auto& f = c.from;
    const auto& t = c.to;
    auto b = Line();
    b.Kw("ALTER SEQUENCE").Table(c.schema, t.name);
    auto r = Line();
    r.Kw("ALTER SEQUENCE").Table(c.schema, f.name);
    bool any = false;
    const auto opt = [&any](sql::Builder& x, const char* kw, std::optional<int64_t> v,
                            const char* none) {
      any = true;
      if (v) {
        x.Kw(kw).Int(*v);
      } else {
        x.Kw(none);
      }
    };
    if (f.type != t.type) {
      any = true;
      b.Kw("AS").Raw(sql::Raw{t.type.empty() ? "bigint" : t.type});
      r.Kw("AS").Raw(sql::Raw{f.type.empty() ? "bigint" : f.type});
    }
    if (f.increment != t.increment) {
      any = true;
      b.Kw("INCREMENT BY").Int(t.increment);
      r.Kw("INCREMENT BY").Int(f.increment);
    }
    if (f.min_value != t.min_value) {
      opt(b, "MINVALUE", t.min_value, "NO MINVALUE");
      opt(r, "MINVALUE", f.min_value, "NO MINVALUE");
    }
    if (f.max_value != t.max_value) {
      opt(b, "MAXVALUE", t.max_value, "NO MAXVALUE");
      opt(r, "MAXVALUE", f.max_value, "NO MAXVALUE");
    }
    if (f.start != t.start) {
      any = true;
      b.Kw("START WITH").Int(t.start);
      r.Kw("START WITH").Int(f.start);
    }
    if (f.cache != t.cache) {
      any = true;
      b.Kw("CACHE").Int(t.cache);
      r.Kw("CACHE").Int(f.cache);
    }
    if (f.cycle != t.cycle) {
      any = true;
      b.Kw(t.cycle ? "CYCLE" : "NO CYCLE");
      r.Kw(f.cycle ? "CYCLE" : "NO CYCLE");
    }
    if (any) {
      Emit(b, "Modify " + Q(t.name) + " sequence", Text(r), idx);
    }
    if (f.owned_by != t.owned_by) {
      owners_.push_back({c.schema, t, f.owned_by, idx});
    }
    if (f.comment != t.comment) {
      SequenceComment(c.schema, t, t.comment, f.comment, idx);
    }
  }

  struct Owner {
    std::string schema;
    s::Sequence sequence;
    std::string previous;  // previous owner ("table.column"), empty = none
    int index = -1;
  };

  void OwnedBy(sql::Builder& b, const std::string& schema, const std::string& owner) const {
    if (owner.empty()) {
      b.Kw("OWNED BY NONE");
      return;
    }
    const auto dot = owner.find('.');
    b.Kw("OWNED BY")
        .Column(schema, owner.substr(0, dot),
                dot == std::string::npos ? "" : owner.substr(dot + 1));
  }

  // OWNED BY needs the table: set after table changes.
  void SequenceOwners() {
    for (const auto& o : owners_) {
      auto b = Line();
      b.Kw("ALTER SEQUENCE").Table(o.schema, o.sequence.name);
      auto r = b.Clone();
      OwnedBy(b, o.schema, o.sequence.owned_by);
      OwnedBy(r, o.schema, o.previous);
      Emit(b, "Modify " + Q(o.sequence.name) + " sequence", Text(r), o.index);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Phase 4: tables.

  struct TableNode {
    int index = -1;
    std::string key;
    std::vector<std::string> deps;
  };

  static std::string RefKey(const std::string& table_schema, const s::ForeignKey& fk) {
    return Key(fk.ref_schema.empty() ? table_schema : fk.ref_schema, fk.ref_table);
  }

  void TableChanges() {
    for (const int idx : renames_) {
      const auto& c = std::get<s::RenameTable>(changes_[idx]);
      auto b = Line();
      b.Kw("ALTER TABLE").Table(c.schema, c.from.name).Kw("RENAME TO").Ident(c.to.name);
      auto r = Line();
      r.Kw("ALTER TABLE").Table(c.schema, c.to.name).Kw("RENAME TO").Ident(c.from.name);
      Emit(b, "Rename a table from " + Q(c.from.name) + " to " + Q(c.to.name), Text(r), idx);
    }
    std::vector<TableNode> nodes;
    for (const int idx : tables_) {
      TableNode n;
      n.index = idx;
      if (const auto* a = std::get_if<s::AddTable>(&changes_[idx])) {
        n.key = Key(a->schema, a->table.name);
        for (const auto& fk : a->table.foreign_keys) {
          if (RefKey(a->schema, fk) != n.key) {
            n.deps.push_back(RefKey(a->schema, fk));
          }
        }
      } else if (const auto* m = std::get_if<s::ModifyTable>(&changes_[idx])) {
        n.key = Key(m->schema, m->to.name);
        for (const auto& tc : m->changes) {
          const s::ForeignKey* fk = nullptr;
          if (const auto* add = std::get_if<s::AddForeignKey>(&tc)) {
            fk = &add->fk;
          } else if (const auto* mod = std::get_if<s::ModifyForeignKey>(&tc)) {
            fk = &mod->to;
          }
          if (fk != nullptr && RefKey(m->schema, *fk) != n.key) {
            n.deps.push_back(RefKey(m->schema, *fk));
          }
        }
      }
      nodes.push_back(std::move(n));
    }
    std::map<std::string, const TableNode*> by_key;
    for (const auto& n : nodes) {
      by_key[n.key] = &n;
    }
    std::vector<const TableNode*> order;
    std::set<std::string> done;
    std::set<std::string> active;
    bool cycle = false;
    std::function<void(const TableNode&)> visit = [&](const TableNode& n) {
      if (done.count(n.key) > 0) {
        return;
      }
      if (active.count(n.key) > 0) {
        cycle = true;
        return;
      }
      active.insert(n.key);
      for (const auto& d : n.deps) {
        if (auto it = by_key.find(d); it != by_key.end()) {
          visit(*it->second);
        }
      }
      active.erase(n.key);
      done.insert(n.key);
      order.push_back(&n);
    };
    for (const auto& n : nodes) {
      visit(n);
    }
    if (cycle) {
      order.clear();
      for (const auto& n : nodes) {
        order.push_back(&n);
      }
    }
    std::vector<std::pair<int, std::vector<s::TableChange>>> deferred;
    for (const TableNode* n : order) {
      if (const auto* a = std::get_if<s::AddTable>(&changes_[n->index])) {
        s::Table t = a->table;
        std::vector<s::TableChange> fks;
        if (cycle) {
          std::vector<s::ForeignKey> self;
          for (auto& fk : t.foreign_keys) {
            if (RefKey(a->schema, fk) == n->key) {
              self.push_back(fk);
            } else {
              fks.emplace_back(s::AddForeignKey{fk});
            }
          }
          t.foreign_keys = std::move(self);
        }
        AddTable(a->schema, t, n->index);
        if (!fks.empty()) {
          deferred.emplace_back(n->index, std::move(fks));
        }
      } else {
        const auto& m = std::get<s::ModifyTable>(changes_[n->index]);
        if (!cycle) {
          ModifyTable(m, m.changes, n->index);
          continue;
        }
        std::vector<s::TableChange> rest;
        std::vector<s::TableChange> fks;
        for (const auto& tc : m.changes) {
          if (std::holds_alternative<s::AddForeignKey>(tc)) {
            fks.push_back(tc);
          } else if (const auto* mod = std::get_if<s::ModifyForeignKey>(&tc)) {
            rest.emplace_back(s::DropForeignKey{mod->from});
            fks.emplace_back(s::AddForeignKey{mod->to});
          } else {
            rest.push_back(tc);
          }
        }
        ModifyTable(m, rest, n->index);
        if (!fks.empty()) {
          deferred.emplace_back(n->index, std::move(fks));
        }
      }
    }
    for (auto& [idx, fks] : deferred) {
      std::string schema;
      const s::Table* table = nullptr;
      if (const auto* a = std::get_if<s::AddTable>(&changes_[idx])) {
        schema = a->schema;
        table = &a->table;
      } else {
        const auto& m = std::get<s::ModifyTable>(changes_[idx]);
        schema = m.schema;
        table = &m.to;
      }
      AlterTable(schema, *table, fks, idx);
    }
  }

  std::string CreateTableSql(const std::string& schema, const s::Table& t) {
    auto b = B();
    b.Kw("CREATE TABLE").Table(schema, t.name);
    bool ok = true;
    b.WrapIndent([&](sql::Builder& w) {
      w.MapIndent(t.columns,
                  [&](const s::Column& c, sql::Builder& x) { ok = ColumnDef(x, c) && ok; });
      if (t.primary_key) {
        w.Comma().NL();
        PrimaryKeyDef(w, t, *t.primary_key);
      }
      for (const auto& idx : t.indexes) {
        if (idx.constraint) {
          w.Comma().NL();
          UniqueConstraint(w, idx);
        }
      }
      if (!t.foreign_keys.empty()) {
        w.Comma();
        w.MapIndent(t.foreign_keys, [&](const s::ForeignKey& fk, sql::Builder& x) {
          ForeignKeyDef(x, schema, fk);
        });
      }
      for (const auto& ck : t.checks) {
        w.Comma().NL();
        CheckDef(w, ck);
      }
      for (const auto& x : t.exclusions) {
        w.Comma().NL();
        ExclusionDef(w, x);
      }
    });
    return ok ? Text(b) : std::string();
  }

  void AddTable(const std::string& schema, const s::Table& t, int idx) {
    auto b = Line();
    b.Raw(sql::Raw{CreateTableSql(schema, t)});
    auto r = Line();
    r.Kw("DROP TABLE").Table(schema, t.name);
    Emit(b, "Create " + Q(t.name) + " table", Text(r), idx);
    for (const auto& i : t.indexes) {
      if (!i.constraint) {
        CreateIndex(schema, t.name, i, false, idx);
      }
    }
    if (!t.comment.empty()) {
      TableComment(schema, t.name, t.comment, "", idx);
    }
    for (const auto& c : t.columns) {
      if (!c.comment.empty()) {
        ColumnComment(schema, t.name, c.name, c.comment, "", idx);
      }
    }
    for (const auto& i : t.indexes) {
      if (!i.comment.empty()) {
        IndexComment(schema, t.name, i.name, i.comment, "", idx);
      }
    }
    for (const auto& x : t.exclusions) {
      if (!x.comment.empty()) {
        ConstraintComment(schema, t.name, x.name, x.comment, "", idx);
      }
    }
  }

  std::string DropIndexSql(const std::string& schema, const s::Index& i, bool concurrently) {
    auto r = Line();
    r.Kw("DROP INDEX");
    if (concurrently) {
      r.Kw("CONCURRENTLY");
    }
    r.Table(schema, i.name);
    return Text(r);
  }

  std::string CreateIndexSql(const std::string& schema, const std::string& table, const s::Index& i,
                             bool concurrently) {
    auto b = Line();
    b.Kw("CREATE");
    if (i.unique) {
      b.Kw("UNIQUE");
    }
    b.Kw("INDEX");
    if (concurrently) {
      b.Kw("CONCURRENTLY");
    }
    b.Ident(i.name).Kw("ON").Table(schema, table);
    IndexBody(b, i);
    return Text(b);
  }

  void CreateIndex(const std::string& schema, const std::string& table, const s::Index& i,
                   bool concurrently, int idx) {
    auto b = Line();
    b.Raw(sql::Raw{CreateIndexSql(schema, table, i, concurrently)});
    Emit(b, "Create index " + Q(i.name) + " to table: " + Q(table),
         DropIndexSql(schema, i, concurrently), idx, !concurrently);
  }

  void DropIndex(const std::string& schema, const std::string& table, const s::Index& i,
                 bool concurrently, int idx) {
    auto b = Line();
    b.Raw(sql::Raw{DropIndexSql(schema, i, concurrently)});
    Emit(b, "Drop index " + Q(i.name) + " from table: " + Q(table),
         CreateIndexSql(schema, table, i, concurrently), idx, !concurrently);
  }

  void TableComment(const std::string& schema, const std::string& table, const std::string& to,
                    const std::string& from, int idx) {
    auto b = Line();
    b.Kw("COMMENT ON TABLE").Table(schema, table).Kw("IS");
    auto r = b.Clone();
    b.Literal(to);
    r.Literal(from);
    Emit(b, "Set comment to table: " + Q(table), Text(r), idx);
  }

  void ColumnComment(const std::string& schema, const std::string& table, const std::string& column,
                     const std::string& to, const std::string& from, int idx) {
    auto b = Line();
    b.Kw("COMMENT ON COLUMN").Column(schema, table, column).Kw("IS");
    auto r = b.Clone();
    b.Literal(to);
    r.Literal(from);
    Emit(b, "Set comment to column: " + Q(column) + " on table: " + Q(table), Text(r), idx);
  }

  void IndexComment(const std::string& schema, const std::string& table, const std::string& index,
                    const std::string& to, const std::string& from, int idx) {
    auto b = Line();
    b.Kw("COMMENT ON INDEX").Table(schema, index).Kw("IS");
    auto r = b.Clone();
    b.Literal(to);
    r.Literal(from);
    Emit(b, "Set comment to index: " + Q(index) + " on table: " + Q(table), Text(r), idx);
  }

  void ConstraintComment(const std::string& schema, const std::string& table,
                         const std::string& constraint, const std::string& to,
                         const std::string& from, int idx) {
    auto b = Line();
    b.Kw("COMMENT ON CONSTRAINT").Ident(constraint).Kw("ON").Table(schema, table).Kw("IS");
    auto r = b.Clone();
    b.Literal(to);
    r.Literal(from);
    Emit(b, "Set comment to constraint: " + Q(constraint) + " on table: " + Q(table), Text(r), idx);
  }

  // Statements around an ALTER TABLE (serial sequences).
  struct Group {
    std::vector<plan::Statement> before;
    std::vector<plan::Statement> after;
  };

  void ModifyTable(const s::ModifyTable& m, const std::vector<s::TableChange>& input, int idx) {
    const std::string& schema = m.schema;
    const s::Table& t = m.to;
    // Indexes and foreign keys over dropped columns go away with them (Atlas's skipAutoChanges).
    std::set<std::string> dropped_columns;
    for (const auto& tc : input) {
      if (const auto* d = std::get_if<s::DropColumn>(&tc)) {
        dropped_columns.insert(d->column.name);
      }
    }
    const auto on_dropped = [&dropped_columns](const std::vector<std::string>& cols) {
      return std::any_of(cols.begin(), cols.end(), [&dropped_columns](const std::string& c) {
        return dropped_columns.count(c) > 0;
      });
    };
    // An exclusion constraint over a dropped column goes away with it.
    const auto exclusion_on_dropped = [&dropped_columns](const s::Exclusion& x) {
      return std::any_of(
          x.elements.begin(), x.elements.end(), [&dropped_columns](const s::ExclusionElement& e) {
            return !e.part.column.empty() && dropped_columns.count(e.part.column) > 0;
          });
    };
    std::vector<s::TableChange> alter;
    std::vector<const s::Index*> drop_indexes;
    std::vector<const s::Index*> add_indexes;
    std::vector<std::function<void()>> renames;
    std::vector<std::function<void()>> comments;
    for (const auto& tc : input) {
      std::visit(
          s::Overloaded{
              [&](const s::ModifyTableAttr& c) {
                if ((c.change & s::kChangeComment) != 0 || c.from_comment != c.to_comment) {
                  comments.emplace_back([this, &schema, &t, &c, idx] {
                    TableComment(schema, t.name, c.to_comment, c.from_comment, idx);
                  });
                }
              },
              [&](const s::AddColumn& c) {
                if (!c.column.comment.empty()) {
                  comments.emplace_back([this, &schema, &t, &c, idx] {
                    ColumnComment(schema, t.name, c.column.name, c.column.comment, "", idx);
                  });
                }
                alter.emplace_back(c);
              },
              [&](const s::DropColumn& c) { alter.emplace_back(c); },
              [&](const s::ModifyColumn& c) {
                if ((c.change & s::kChangeComment) != 0) {
                  comments.emplace_back([this, &schema, &t, &c, idx] {
                    ColumnComment(schema, t.name, c.to.name, c.to.comment, c.from.comment, idx);
                  });
                }
                if (const uint32_t k = EffectiveColumnChange(c); k != s::kNoChange) {
                  alter.emplace_back(s::ModifyColumn{c.from, c.to, k});
                }
              },
              [&](const s::RenameColumn& c) {
                renames.emplace_back([this, &schema, &t, &c, idx] {
                  auto b = Line();
                  b.Kw("ALTER TABLE").Table(schema, t.name).Kw("RENAME COLUMN");
                  auto r = b.Clone();
                  b.Ident(c.from.name).Kw("TO").Ident(c.to.name);
                  r.Ident(c.to.name).Kw("TO").Ident(c.from.name);
                  Emit(b, "Rename a column from " + Q(c.from.name) + " to " + Q(c.to.name), Text(r),
                       idx);
                });
              },
              [&](const s::AddIndex& c) {
                if (!c.index.comment.empty()) {
                  comments.emplace_back([this, &schema, &t, &c, idx] {
                    IndexComment(schema, t.name, c.index.name, c.index.comment, "", idx);
                  });
                }
                if (c.index.constraint) {
                  alter.emplace_back(c);
                } else {
                  add_indexes.push_back(&c.index);
                }
              },
              [&](const s::DropIndex& c) {
                if (c.index.constraint) {
                  alter.emplace_back(c);
                  return;
                }
                for (const auto& p : c.index.parts) {
                  if (!p.column.empty() && dropped_columns.count(p.column) > 0) {
                    return;
                  }
                }
                drop_indexes.push_back(&c.index);
              },
              [&](const s::ModifyIndex& c) {
                uint32_t k = c.change;
                if ((k & s::kChangeComment) != 0) {
                  comments.emplace_back([this, &schema, &t, &c, idx] {
                    IndexComment(schema, t.name, c.to.name, c.to.comment, c.from.comment, idx);
                  });
                  k &= ~s::kChangeComment;
                  if (k == s::kNoChange) {
                    return;
                  }
                }
                if (c.from.constraint) {
                  alter.emplace_back(s::DropIndex{c.from});
                } else {
                  drop_indexes.push_back(&c.from);
                }
                if (c.to.constraint) {
                  alter.emplace_back(s::AddIndex{c.to});
                } else {
                  add_indexes.push_back(&c.to);
                }
              },
              [&](const s::RenameIndex& c) {
                renames.emplace_back([this, &schema, &t, &c, idx] {
                  auto b = Line();
                  b.Kw("ALTER INDEX").Table(schema, c.from.name).Kw("RENAME TO").Ident(c.to.name);
                  auto r = Line();
                  r.Kw("ALTER INDEX").Table(schema, c.to.name).Kw("RENAME TO").Ident(c.from.name);
                  Emit(b, "Rename an index from " + Q(c.from.name) + " to " + Q(c.to.name), Text(r),
                       idx);
                  (void)t;
                });
              },
              [&](const s::AddPrimaryKey& c) { alter.emplace_back(c); },
              [&](const s::DropPrimaryKey& c) { alter.emplace_back(c); },
              [&](const s::ModifyPrimaryKey& c) {
                alter.emplace_back(s::DropPrimaryKey{c.from});
                alter.emplace_back(s::AddPrimaryKey{c.to});
              },
              [&](const s::AddForeignKey& c) { alter.emplace_back(c); },
              [&](const s::DropForeignKey& c) {
                if (!on_dropped(c.fk.columns)) {
                  alter.emplace_back(c);
                }
              },
              [&](const s::ModifyForeignKey& c) {
                alter.emplace_back(s::DropForeignKey{c.from});
                alter.emplace_back(s::AddForeignKey{c.to});
              },
              [&](const s::AddCheck& c) { alter.emplace_back(c); },
              [&](const s::DropCheck& c) { alter.emplace_back(c); },
              [&](const s::ModifyCheck& c) { alter.emplace_back(c); },
              [&](const s::AddExclusion& c) {
                if (!c.exclusion.comment.empty()) {
                  comments.emplace_back([this, &schema, &t, &c, idx] {
                    ConstraintComment(schema, t.name, c.exclusion.name, c.exclusion.comment, "",
                                      idx);
                  });
                }
                alter.emplace_back(c);
              },
              [&](const s::DropExclusion& c) {
                if (!exclusion_on_dropped(c.exclusion)) {
                  alter.emplace_back(c);
                }
              },
              [&](const s::ModifyExclusion& c) {
                if ((c.change & s::kChangeComment) != 0) {
                  comments.emplace_back([this, &schema, &t, &c, idx] {
                    ConstraintComment(schema, t.name, c.to.name, c.to.comment, c.from.comment, idx);
                  });
                }
                if ((c.change & ~s::kChangeComment) == s::kNoChange) {
                  return;
                }
                if (exclusion_on_dropped(c.from)) {
                  alter.emplace_back(s::AddExclusion{c.to});
                } else {
                  alter.emplace_back(c);
                }
              },
          },
          tc);
    }
    for (auto& fn : renames) {
      fn();
    }
    for (const s::Index* i : drop_indexes) {
      DropIndex(schema, t.name, *i, options_.concurrent_index_drop, idx);
    }
    if (!alter.empty()) {
      AlterTable(schema, t, alter, idx);
    }
    for (const s::Index* i : add_indexes) {
      CreateIndex(schema, t.name, *i, options_.concurrent_index_create, idx);
    }
    for (auto& fn : comments) {
      fn();
    }
  }

  // The bits of a column change that need an ALTER COLUMN clause.
  static uint32_t EffectiveColumnChange(const s::ModifyColumn& c) {
    uint32_t k = c.change & ~(s::kChangeComment | s::kChangeCharset | s::kChangeOnUpdate);
    const bool serial = !SerialBaseType(c.from.type.normalized).empty() ||
                        !SerialBaseType(c.to.type.normalized).empty();
    if (!serial) {
      k &= ~s::kChangeAutoIncrement;
    } else if ((k & s::kChangeAutoIncrement) != 0) {
      k |= s::kChangeType;
    }
    if (serial && (k & s::kChangeType) != 0 && c.from.type.normalized == c.to.type.normalized) {
      k &= ~(s::kChangeType | s::kChangeAutoIncrement);
    }
    if (serial && (k & s::kChangeDefault) != 0 && !c.from.default_value && !c.to.default_value) {
      k &= ~s::kChangeDefault;
    }
    return k;
  }

  static bool IsConstraintDrop(const s::TableChange& c) {
    return std::holds_alternative<s::DropIndex>(c) ||
           std::holds_alternative<s::DropPrimaryKey>(c) ||
           std::holds_alternative<s::DropCheck>(c) ||
           std::holds_alternative<s::DropForeignKey>(c) ||
           std::holds_alternative<s::DropExclusion>(c);
  }

  // The change that undoes `c` inside an ALTER TABLE; nullopt when not reversible.
  static std::optional<s::TableChange> Inverse(const s::TableChange& c) {
    return std::visit(s::Overloaded{
                          [](const s::AddColumn& x) -> std::optional<s::TableChange> {
                            return s::DropColumn{x.column};
                          },
                          [](const s::DropColumn& x) -> std::optional<s::TableChange> {
                            return s::AddColumn{x.column};
                          },
                          [](const s::ModifyColumn& x) -> std::optional<s::TableChange> {
                            if ((x.change & s::kChangeGenerated) != 0) {
                              return std::nullopt;
                            }
                            return s::ModifyColumn{x.to, x.from, x.change};
                          },
                          [](const s::AddIndex& x) -> std::optional<s::TableChange> {
                            return s::DropIndex{x.index};
                          },
                          [](const s::DropIndex& x) -> std::optional<s::TableChange> {
                            return s::AddIndex{x.index};
                          },
                          [](const s::AddPrimaryKey& x) -> std::optional<s::TableChange> {
                            return s::DropPrimaryKey{x.pk};
                          },
                          [](const s::DropPrimaryKey& x) -> std::optional<s::TableChange> {
                            return s::AddPrimaryKey{x.pk};
                          },
                          [](const s::AddForeignKey& x) -> std::optional<s::TableChange> {
                            return s::DropForeignKey{x.fk};
                          },
                          [](const s::DropForeignKey& x) -> std::optional<s::TableChange> {
                            return s::AddForeignKey{x.fk};
                          },
                          [](const s::AddCheck& x) -> std::optional<s::TableChange> {
                            if (x.check.name.empty()) {
                              return std::nullopt;
                            }
                            return s::DropCheck{x.check};
                          },
                          [](const s::DropCheck& x) -> std::optional<s::TableChange> {
                            return s::AddCheck{x.check};
                          },
                          [](const s::ModifyCheck& x) -> std::optional<s::TableChange> {
                            return s::ModifyCheck{x.to, x.from, x.change};
                          },
                          [](const s::AddExclusion& x) -> std::optional<s::TableChange> {
                            return s::DropExclusion{x.exclusion};
                          },
                          [](const s::DropExclusion& x) -> std::optional<s::TableChange> {
                            return s::AddExclusion{x.exclusion};
                          },
                          [](const s::ModifyExclusion& x) -> std::optional<s::TableChange> {
                            return s::ModifyExclusion{x.to, x.from, x.change};
                          },
                          [](const auto&) -> std::optional<s::TableChange> { return std::nullopt; },
                      },
                      c);
  }

  // One ALTER TABLE with all clauses (constraint drops first), plus serial sequence statements
  // around it.
  void AlterTable(const std::string& schema, const s::Table& t, std::vector<s::TableChange> changes,
                  int idx) {
    std::stable_sort(changes.begin(), changes.end(),
                     [](const s::TableChange& a, const s::TableChange& b) {
                       return IsConstraintDrop(a) && !IsConstraintDrop(b);
                     });
    Group group;
    auto b = Line();
    b.Kw("ALTER TABLE").Table(schema, t.name);
    if (!Clauses(b, schema, t, changes, &group)) {
      return;
    }
    std::string reverse;
    std::vector<s::TableChange> inverse;
    bool reversible = true;
    for (auto it = changes.rbegin(); it != changes.rend() && reversible; ++it) {
      if (auto inv = Inverse(*it)) {
        inverse.push_back(std::move(*inv));
      } else {
        reversible = false;
      }
    }
    if (reversible) {
      std::stable_sort(inverse.begin(), inverse.end(),
                       [](const s::TableChange& a, const s::TableChange& c) {
                         return IsConstraintDrop(a) && !IsConstraintDrop(c);
                       });
      auto r = Line();
      r.Kw("ALTER TABLE").Table(schema, t.name);
      Group ignored;
      base::Diagnostics saved = diags_;
      if (Clauses(r, schema, t, inverse, &ignored)) {
        reverse = Text(r);
      }
      diags_ = std::move(saved);
    }
    for (auto& st : group.before) {
      st.change_index = idx;
      out_.push_back(std::move(st));
    }
    Emit(b, "Modify " + Q(t.name) + " table", reverse, idx);
    for (auto& st : group.after) {
      st.change_index = idx;
      out_.push_back(std::move(st));
    }
  }

  bool Clauses(sql::Builder& b, const std::string& schema, const s::Table& t,
               const std::vector<s::TableChange>& changes, Group* group) {
    bool ok = true;
    bool first = true;
    const auto next = [&]() {
      if (!first) {
        b.Comma();
      }
      first = false;
    };
    for (const auto& tc : changes) {
      std::visit(
          s::Overloaded{
              [&](const s::AddColumn& c) {
                next();
                b.Kw("ADD COLUMN");
                ok = ColumnDef(b, c.column) && ok;
              },
              [&](const s::DropColumn& c) {
                next();
                b.Kw("DROP COLUMN").Ident(c.column.name);
              },
              [&](const s::ModifyColumn& c) {
                next();
                ok = AlterColumn(b, schema, t, c, group) && ok;
              },
              [&](const s::AddIndex& c) {
                next();
                b.Kw("ADD");
                UniqueConstraint(b, c.index);
              },
              [&](const s::DropIndex& c) {
                next();
                b.Kw("DROP CONSTRAINT").Ident(c.index.name);
              },
              [&](const s::AddPrimaryKey& c) {
                next();
                b.Kw("ADD");
                PrimaryKeyDef(b, t, c.pk);
              },
              [&](const s::DropPrimaryKey& c) {
                next();
                b.Kw("DROP CONSTRAINT").Ident(c.pk.name.empty() ? t.name + "_pkey" : c.pk.name);
              },
              [&](const s::AddForeignKey& c) {
                next();
                b.Kw("ADD");
                ForeignKeyDef(b, schema, c.fk);
              },
              [&](const s::DropForeignKey& c) {
                next();
                b.Kw("DROP CONSTRAINT").Ident(c.fk.name);
              },
              [&](const s::AddCheck& c) {
                next();
                b.Kw("ADD");
                CheckDef(b, c.check);
              },
              [&](const s::DropCheck& c) {
                next();
                b.Kw("DROP CONSTRAINT").Ident(c.check.name);
              },
              [&](const s::ModifyCheck& c) {
                next();
                if (c.from.name.empty()) {
                  Error("Unsupported check change", "cannot modify unnamed check constraint");
                  ok = false;
                  return;
                }
                b.Kw("DROP CONSTRAINT").Ident(c.from.name).Comma().Kw("ADD");
                CheckDef(b, c.to);
              },
              [&](const s::AddExclusion& c) {
                next();
                b.Kw("ADD");
                ExclusionDef(b, c.exclusion);
              },
              [&](const s::DropExclusion& c) {
                next();
                b.Kw("DROP CONSTRAINT").Ident(c.exclusion.name);
              },
              [&](const s::ModifyExclusion& c) {
                next();
                b.Kw("DROP CONSTRAINT").Ident(c.from.name).Comma().Kw("ADD");
                ExclusionDef(b, c.to);
              },
              [&](const auto&) {},
          },
          tc);
    }
    return ok;
  }

  // ALTER COLUMN clauses for one modified column ("ALTER COLUMN "c" ..., ALTER COLUMN "c" ...").
  bool AlterColumn(sql::Builder& b, const std::string& schema, const s::Table& t,
                   const s::ModifyColumn& c, Group* group) {
    const s::Column& from = c.from;
    const s::Column& to = c.to;
    uint32_t k = c.change & ~(s::kChangeComment | s::kChangeCharset | s::kChangeOnUpdate);
    bool first = true;
    const auto clause = [&]() -> sql::Builder& {
      if (!first) {
        b.Comma();
      }
      first = false;
      b.Kw("ALTER COLUMN").Ident(to.name);
      return b;
    };
    if ((k & s::kChangeGenerated) != 0) {
      if (from.generated && !to.generated) {
        clause().Kw("DROP EXPRESSION");
      } else if (from.generated && to.generated) {
        // PostgreSQL 15 cannot change a generation expression: the derived column is rebuilt.
        b.Kw("DROP COLUMN").Ident(from.name).Comma().Kw("ADD COLUMN");
        return ColumnDef(b, to);
      } else {
        Error("Unsupported column change",
              "changing column " + Q(from.name) +
                  " to generated column is not supported (drop and add is required)");
        return false;
      }
      k &= ~s::kChangeGenerated;
    }
    const std::string from_serial = SerialBaseType(from.type.normalized);
    const std::string to_serial = SerialBaseType(to.type.normalized);
    bool default_done = false;
    if ((k & (s::kChangeType | s::kChangeAutoIncrement)) != 0 &&
        (!from_serial.empty() || !to_serial.empty())) {
      SerialChange(clause, b, schema, t, c, from_serial, to_serial, group);
      k &= ~(s::kChangeType | s::kChangeAutoIncrement | s::kChangeCollation);
      default_done = !to_serial.empty();
    }
    k &= ~s::kChangeAutoIncrement;
    if ((k & (s::kChangeType | s::kChangeCollation)) != 0) {
      const bool using_cast = (k & s::kChangeType) != 0 && NeedsUsing(from.type, to.type);
      // A default that cannot follow the new type is dropped first and set again afterwards.
      if (using_cast && from.default_value) {
        clause().Kw("DROP DEFAULT");
        if (to.default_value) {
          k |= s::kChangeDefault;
        } else {
          k &= ~s::kChangeDefault;
        }
      }
      clause().Kw("TYPE").Raw(sql::Raw{TypeSql(to.type)});
      if (!to.collation.empty()) {
        b.Kw("COLLATE").Ident(to.collation);
      } else if ((k & s::kChangeCollation) != 0) {
        b.Kw("COLLATE").Ident("default");
      }
      if (using_cast) {
        b.Kw("USING").Raw(
            sql::Raw{sql::QuoteIdent(sql::Dialect::Postgres(), to.name) + "::" + TypeSql(to.type)});
      }
      k &= ~(s::kChangeType | s::kChangeCollation);
    }
    if ((k & s::kChangeNull) != 0) {
      if (to.nullable && !to_serial.empty()) {
        Error("Invalid serial column", "NOT NULL constraint is required for " + to.type.normalized +
                                           " column " + Q(to.name));
        return false;
      }
      clause().Kw(to.nullable ? "DROP NOT NULL" : "SET NOT NULL");
      k &= ~s::kChangeNull;
    }
    if ((k & s::kChangeDefault) != 0 && !default_done) {
      if (to.default_value) {
        clause().Kw("SET DEFAULT").Raw(sql::Raw{DefaultSql(to)});
      } else if (from.default_value) {
        clause().Kw("DROP DEFAULT");
      }
      k &= ~s::kChangeDefault;
    }
    if ((k & s::kChangeIdentity) != 0) {
      if (to.identity && !from.identity) {
        clause().Kw("ADD GENERATED").Kw(GenerationSql(to.identity->generation)).Kw("AS IDENTITY");
        IdentityOptions(b, *to.identity);
      } else if (!to.identity && from.identity) {
        clause().Kw("DROP IDENTITY");
      } else if (to.identity) {
        clause()
            .Kw("SET GENERATED")
            .Kw(GenerationSql(to.identity->generation))
            .Kw("SET START WITH")
            .Int(to.identity->start)
            .Kw("SET INCREMENT BY")
            .Int(to.identity->increment);
      }
    }
    if (first) {
      Error("Unsupported column change", "no clause for the change of column " + Q(to.name));
      return false;
    }
    return true;
  }

  template <class ClauseFn>
  void SerialChange(ClauseFn& clause, sql::Builder& b, const std::string& schema, const s::Table& t,
                    const s::ModifyColumn& c, const std::string& from_serial,
                    const std::string& to_serial, Group* group) {
    const std::string seq_name = t.name + "_" + c.to.name + "_seq";
    const auto seq_ref = [&](sql::Builder& x) { x.Table(schema, seq_name); };
    auto drop = Line();
    drop.Kw("DROP SEQUENCE IF EXISTS");
    seq_ref(drop);
    auto create = Line();
    create.Kw("CREATE SEQUENCE IF NOT EXISTS");
    seq_ref(create);
    create.Kw("OWNED BY").Column(schema, t.name, c.to.name);
    const std::string from_base = from_serial.empty() ? c.from.type.normalized : from_serial;
    const std::string to_base = to_serial.empty() ? c.to.type.normalized : to_serial;
    if (!from_serial.empty() && to_serial.empty()) {
      clause().Kw("DROP DEFAULT");
      plan::Statement st;
      st.sql = Text(drop);
      st.reverse = Text(create);
      st.comment = "Drop sequence used by serial column " + Q(c.from.name);
      group->after.push_back(std::move(st));
      if (NormalizeType(to_base) != NormalizeType(from_base)) {
        clause().Kw("TYPE").Raw(sql::Raw{TypeSql(c.to.type)});
      }
      if (c.to.default_value) {
        clause().Kw("SET DEFAULT").Raw(sql::Raw{DefaultSql(c.to)});
      }
      return;
    }
    if (from_serial.empty() && !to_serial.empty()) {
      plan::Statement st;
      st.sql = Text(create);
      st.reverse = Text(drop);
      st.comment = "Create sequence for serial column " + Q(c.to.name);
      group->before.push_back(std::move(st));
      auto seq = Line();
      seq_ref(seq);
      clause().Kw("SET DEFAULT").Raw(sql::Raw{"nextval(" + QuoteLiteral(Text(seq)) + ")"});
      if (to_base != NormalizeType(c.from.type.normalized)) {
        clause().Kw("TYPE").Raw(sql::Raw{to_base});
      }
      return;
    }
    if (from_base != to_base) {
      clause().Kw("TYPE").Raw(sql::Raw{to_base});
    }
    (void)b;
  }

  // ---------------------------------------------------------------------------------------------
  // Phase 6: drops.

  void Drops() {
    // Schemas first: DROP SCHEMA ... CASCADE also removes what their objects hold on other schemas'
    // objects (views reading, foreign keys referencing tables dropped below).
    for (const int idx : drops_) {
      if (const auto* c = std::get_if<s::DropSchema>(&changes_[idx])) {
        auto b = Line();
        b.Kw("DROP SCHEMA").Ident(c->schema.name).Kw("CASCADE");
        Emit(b, "Drop schema named " + Q(c->schema.name), "", idx);
      }
    }
    std::vector<int> tables;
    for (const int idx : drops_) {
      if (std::holds_alternative<s::DropTable>(changes_[idx])) {
        tables.push_back(idx);
      }
    }
    DropTables(tables);
    std::set<std::string> dropped_tables;
    for (const int idx : tables) {
      const auto& d = std::get<s::DropTable>(changes_[idx]);
      dropped_tables.insert(Key(d.schema, d.table.name));
    }
    for (const int idx : drops_) {
      std::visit(s::Overloaded{
                     [&](const s::DropSequence& c) {
                       // A sequence owned by a dropped table's column goes away with the table.
                       const auto dot = c.sequence.owned_by.find('.');
                       if (dot != std::string::npos &&
                           dropped_tables.count(
                               Key(c.schema, c.sequence.owned_by.substr(0, dot))) > 0) {
                         return;
                       }
                       auto b = Line();
                       b.Kw("DROP SEQUENCE").Table(c.schema, c.sequence.name);
                       auto r = Line();
                       r.Kw("CREATE SEQUENCE").Table(c.schema, c.sequence.name);
                       SequenceOptions(r, c.sequence);
                       Emit(b, "Drop " + Q(c.sequence.name) + " sequence", Text(r), idx);
                     },
                     [](const auto&) {},
                 },
                 changes_[idx]);
    }
    for (const int idx : drops_) {
      if (const auto* c = std::get_if<s::DropEnum>(&changes_[idx])) {
        auto b = Line();
        b.Raw(sql::Raw{DropEnumSql(c->schema, c->type)});
        Emit(b, "Drop enum type " + Q(c->type.name), CreateEnumSql(c->schema, c->type), idx);
      }
    }
    for (const int idx : drops_) {
      if (const auto* c = std::get_if<s::DropExtension>(&changes_[idx])) {
        auto b = Line();
        b.Kw("DROP EXTENSION").Ident(c->extension.name);
        auto r = Line();
        r.Kw("CREATE EXTENSION").Ident(c->extension.name);
        if (!c->extension.schema.empty()) {
          r.Kw("WITH SCHEMA").Ident(c->extension.schema);
        }
        Emit(b, "Drop extension " + Q(c->extension.name), Text(r), idx);
      }
    }
  }

  void DropTables(const std::vector<int>& tables) {
    std::map<std::string, int> by_key;
    for (const int idx : tables) {
      const auto& d = std::get<s::DropTable>(changes_[idx]);
      by_key[Key(d.schema, d.table.name)] = idx;
    }
    // X must be dropped before Y when X references Y (both dropped).
    std::map<int, std::vector<int>> referenced_by;  // Y -> [X]
    for (const int idx : tables) {
      const auto& d = std::get<s::DropTable>(changes_[idx]);
      const std::string self = Key(d.schema, d.table.name);
      for (const auto& fk : d.table.foreign_keys) {
        const std::string ref = RefKey(d.schema, fk);
        if (ref != self) {
          if (auto it = by_key.find(ref); it != by_key.end()) {
            referenced_by[it->second].push_back(idx);
          }
        }
      }
    }
    std::vector<int> order;
    std::set<int> done;
    std::set<int> active;
    bool cycle = false;
    std::function<void(int)> visit = [&](int idx) {
      if (done.count(idx) > 0) {
        return;
      }
      if (active.count(idx) > 0) {
        cycle = true;
        return;
      }
      active.insert(idx);
      for (const int x : referenced_by[idx]) {
        visit(x);
      }
      active.erase(idx);
      done.insert(idx);
      order.push_back(idx);
    };
    for (const int idx : tables) {
      visit(idx);
    }
    if (cycle) {
      order = tables;
      for (const int idx : tables) {
        const auto& d = std::get<s::DropTable>(changes_[idx]);
        std::vector<s::TableChange> fks;
        for (const auto& fk : d.table.foreign_keys) {
          if (by_key.count(RefKey(d.schema, fk)) > 0 &&
              RefKey(d.schema, fk) != Key(d.schema, d.table.name)) {
            fks.emplace_back(s::DropForeignKey{fk});
          }
        }
        if (!fks.empty()) {
          AlterTable(d.schema, d.table, fks, idx);
        }
      }
    }
    for (const int idx : order) {
      const auto& d = std::get<s::DropTable>(changes_[idx]);
      auto b = Line();
      b.Kw("DROP TABLE").Table(d.schema, d.table.name);
      s::Table t = d.table;
      if (cycle) {
        t.foreign_keys.clear();
      }
      base::Diagnostics saved = diags_;
      std::string reverse = CreateTableSql(d.schema, t);
      diags_ = std::move(saved);
      Emit(b, "Drop " + Q(d.table.name) + " table", reverse, idx);
    }
  }

  const std::vector<s::Change>& changes_;
  const PlanOptions& options_;
  std::optional<std::string> qualifier_;
  std::vector<plan::Statement> out_;
  base::Diagnostics diags_;

  std::vector<int> pre_;
  std::vector<int> types_;
  std::vector<int> renames_;
  std::vector<int> tables_;
  std::vector<int> drops_;
  std::vector<int> view_comments_;
  std::vector<int> triggers_;
  std::vector<int> drop_triggers_;
  std::vector<ViewOp> create_views_;
  std::vector<ViewOp> drop_views_;
  std::vector<Owner> owners_;
};

}  // namespace

base::Result<plan::Plan> PostgresPlanner::PlanChanges(const std::vector<schema::Change>& changes,
                                                      const drivers::PlanOptions& options) const {
  return PlanBuilder(changes, options, bound_schema_).Run();
}

}  // namespace atlas::engine::drivers::postgres
