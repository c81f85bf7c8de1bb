#include "engine/drivers/sqlite/plan.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "engine/drivers/sqlite/ddl.hpp"
#include "engine/drivers/sqlite/diff.hpp"
#include "engine/drivers/sqlite/inspect.hpp"
#include "engine/sql/builder.hpp"

namespace atlas::engine::drivers::sqlite {

namespace {

using sql::Builder;

std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
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

// Literal form as SQLite stores it: numbers, TRUE/FALSE, quoted strings, blobs (inspect.hpp), or
// NULL.
bool IsLiteralForm(std::string_view t) {
  return DefaultExpr(t).kind == schema::Expr::Kind::kLiteral || Upper(t) == "NULL";
}

// A default usable by ALTER TABLE ADD COLUMN: a literal, a signed number, NULL, TRUE or FALSE.
bool IsConstantDefault(const schema::Expr& e) {
  const std::string_view t = Trim(e.text);
  const std::string u = Upper(t);
  if (u == "CURRENT_TIME" || u == "CURRENT_DATE" || u == "CURRENT_TIMESTAMP") {
    return false;
  }
  return e.kind == schema::Expr::Kind::kLiteral || IsLiteralForm(t);
}

// The DEFAULT clause value as SQL: literal text as is (quoted when it is not in literal form yet),
// CURRENT_* keywords as is, other expressions in parentheses.
std::string DefaultSql(const schema::Expr& e) {
  const std::string_view t = Trim(e.text);
  const bool literal_form = IsLiteralForm(t);
  if (e.kind == schema::Expr::Kind::kLiteral) {
    return literal_form ? std::string(t) : sql::QuoteLiteral(sql::Dialect::Sqlite(), t);
  }
  const std::string u = Upper(t);
  if (literal_form || u == "CURRENT_TIME" || u == "CURRENT_DATE" || u == "CURRENT_TIMESTAMP") {
    return std::string(t);
  }
  return sql::MayWrap(t);
}

bool IsAutoIncPk(const schema::Table& t) {
  if (!t.primary_key || t.primary_key->parts.size() != 1 ||
      t.primary_key->parts[0].column.empty()) {
    return false;
  }
  const auto* c = t.FindColumn(t.primary_key->parts[0].column);
  return c != nullptr && c->auto_increment;
}

template <class T>
bool Contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The order changes are planned in: the diff's order, except that a created table comes after the
// created tables its foreign keys reference, and a dropped table after the dropped tables whose
// foreign keys reference it (as Atlas does; cycles keep the diff's order).
std::vector<size_t> DependencyOrder(const std::vector<schema::Change>& changes) {
  std::unordered_map<std::string, size_t> added;
  std::unordered_map<std::string, size_t> dropped;
  for (size_t i = 0; i < changes.size(); ++i) {
    if (const auto* a = std::get_if<schema::AddTable>(&changes[i])) {
      added.emplace(a->table.name, i);
    } else if (const auto* d = std::get_if<schema::DropTable>(&changes[i])) {
      dropped.emplace(d->table.name, i);
    }
  }
  // Dropped table name -> the dropped tables referencing it.
  std::unordered_map<std::string, std::vector<size_t>> referrers;
  for (const auto& [name, i] : dropped) {
    for (const auto& fk : std::get<schema::DropTable>(changes[i]).table.foreign_keys) {
      if (fk.ref_table != name && dropped.count(fk.ref_table) != 0) {
        referrers[fk.ref_table].push_back(i);
      }
    }
  }
  for (auto& [name, list] : referrers) {
    std::sort(list.begin(), list.end());
  }
  std::vector<size_t> order;
  order.reserve(changes.size());
  std::vector<uint8_t> state(changes.size(), 0);  // 0 new, 1 in progress, 2 placed
  std::function<void(size_t)> visit = [&](size_t i) {
    if (state[i] != 0) {
      return;
    }
    state[i] = 1;
    if (const auto* a = std::get_if<schema::AddTable>(&changes[i])) {
      for (const auto& fk : a->table.foreign_keys) {
        auto it = added.find(fk.ref_table);
        if (it != added.end()) {
          visit(it->second);
        }
      }
    } else if (const auto* d = std::get_if<schema::DropTable>(&changes[i])) {
      auto it = referrers.find(d->table.name);
      if (it != referrers.end()) {
        for (const size_t j : it->second) {
          visit(j);
        }
      }
    }
    state[i] = 2;
    order.push_back(i);
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    visit(i);
  }
  return order;
}

class State {
 public:
  explicit State(const PlanOptions& opts) : opts_(opts) {}

  base::Result<plan::Plan> Run(const std::vector<schema::Change>& changes) {
    for (const size_t i : DependencyOrder(changes)) {
      index_ = static_cast<int>(i);
      std::visit(
          schema::Overloaded{
              [&](const schema::AddSchema& c) { Schema(c.schema.name, "add"); },
              [&](const schema::DropSchema& c) { Schema(c.schema.name, "drop"); },
              [&](const schema::ModifySchema&) {},
              [&](const schema::AddTable& c) { AddTable(c.schema, c.table, main_); },
              [&](const schema::DropTable& c) { DropTable(c.schema, c.table); },
              [&](const schema::ModifyTable& c) { ModifyTable(c); },
              [&](const schema::RenameTable& c) { RenameTable(c); },
              [&](const schema::AddView& c) { CreateView(c.schema, c.view); },
              [&](const schema::DropView& c) { DropView(c.schema, c.view); },
              [&](const schema::ModifyView& c) {
                DropView(c.schema, c.from);
                CreateView(c.schema, c.to);
              },
              [&](const schema::AddTrigger& c) { CreateTrigger(c.trigger, post_); },
              [&](const schema::DropTrigger& c) { DropTrigger(c.schema, c.trigger); },
              [&](const schema::ModifyTrigger& c) {
                DropTrigger(c.schema, c.from);
                CreateTrigger(c.to, post_);
              },
              [&](const schema::AddEnum& c) { Unsupported("enum types", c.type.name); },
              [&](const schema::DropEnum& c) { Unsupported("enum types", c.type.name); },
              [&](const schema::ModifyEnum& c) { Unsupported("enum types", c.to.name); },
              [&](const schema::AddSequence& c) { Unsupported("sequences", c.sequence.name); },
              [&](const schema::DropSequence& c) { Unsupported("sequences", c.sequence.name); },
              [&](const schema::ModifySequence& c) { Unsupported("sequences", c.to.name); },
              [&](const schema::AddExtension& c) { Unsupported("extensions", c.extension.name); },
              [&](const schema::DropExtension& c) { Unsupported("extensions", c.extension.name); },
              [&](const schema::ModifyExtension& c) { Unsupported("extensions", c.to.name); },
          },
          changes[i]);
      if (errors_.HasError()) {
        return errors_;
      }
    }
    plan::Plan p;
    p.transactional = true;
    if (skip_fks_) {
      plan::Statement off;
      off.sql = "PRAGMA foreign_keys = off";
      off.comment = "Disable the enforcement of foreign-keys constraints";
      off.transactional = false;
      p.statements.push_back(std::move(off));
    }
    for (auto* bucket : {&pre_, &main_, &post_}) {
      for (auto& s : *bucket) {
        p.statements.push_back(std::move(s));
      }
    }
    if (skip_fks_) {
      plan::Statement on;
      on.sql = "PRAGMA foreign_keys = on";
      on.comment = "Enable back the enforcement of foreign-keys constraints";
      on.transactional = false;
      p.statements.push_back(std::move(on));
    }
    p.reversible =
        std::all_of(p.statements.begin(), p.statements.end(), [](const plan::Statement& s) {
          return !s.reverse.empty() || s.sql.rfind("PRAGMA", 0) == 0;
        });
    return p;
  }

 private:
  Builder B() const {
    return Builder(sql::Dialect::Sqlite(), opts_.schema_qualifier.value_or(""), opts_.indent);
  }
  // One-line builder (reverse statements, nested fragments).
  Builder Line() const {
    return Builder(sql::Dialect::Sqlite(), opts_.schema_qualifier.value_or(""));
  }

  void Emit(std::vector<plan::Statement>& bucket, const Builder& b, std::string comment,
            std::string reverse = {}) {
    auto text = b.Build();
    if (!text.ok()) {
      errors_.Append(text.diags());
      return;
    }
    plan::Statement s;
    s.sql = std::move(*text);
    s.comment = std::move(comment);
    s.reverse = std::move(reverse);
    s.change_index = index_;
    bucket.push_back(std::move(s));
  }

  void Fail(std::string summary, std::string detail) {
    errors_.AddError(std::move(summary), std::move(detail));
  }

  void Unsupported(std::string_view what, std::string_view name) {
    Fail("Unsupported change", fmt::format("SQLite has no {} (change for {:?})", what, name));
  }

  void Schema(const std::string& name, std::string_view op) {
    if (name.empty() || name == "main") {
      if (op == "drop") {
        Fail("Unsupported change", "the SQLite \"main\" schema cannot be dropped");
      }
      return;
    }
    Fail("Unsupported change",
         fmt::format("cannot {} schema {:?}: the SQLite driver manages the \"main\" database only",
                     op, name));
  }

  // ---- fragments ----

  void ColumnDef(Builder& b, const schema::Column& c, bool inline_autoinc) {
    b.Ident(c.name);
    const std::string& type = c.type.normalized.empty() ? c.type.raw : c.type.normalized;
    if (!type.empty()) {
      b.Raw(sql::Raw{type});
    }
    if (!c.nullable) {
      b.Kw("NOT");
    }
    b.Kw("NULL");
    if (c.default_value) {
      b.Kw("DEFAULT").Raw(sql::Raw{DefaultSql(*c.default_value)});
    }
    if (c.auto_increment) {
      if (!inline_autoinc) {
        Fail("Invalid AUTOINCREMENT column",
             fmt::format("column {:?}: SQLite allows AUTOINCREMENT only on a single-column INTEGER "
                         "PRIMARY KEY",
                         c.name));
        return;
      }
      if (c.generated) {
        Fail("Invalid AUTOINCREMENT column",
             fmt::format("column {:?} has both AUTOINCREMENT and a generation expression", c.name));
        return;
      }
      b.Kw("PRIMARY KEY AUTOINCREMENT");
    }
    if (c.generated) {
      b.Kw("AS")
          .Raw(sql::Raw{sql::MayWrap(c.generated->expr)})
          .Kw(c.generated->stored ? "STORED" : "VIRTUAL");
    }
    if (!c.collation.empty()) {
      b.Kw("COLLATE").Ident(c.collation);
    }
  }

  void Parts(Builder& b, const std::vector<schema::IndexPart>& parts) {
    b.Wrap([&](Builder& w) {
      w.MapComma(parts, [&](const schema::IndexPart& p, Builder& x) {
        if (!p.column.empty()) {
          x.Ident(p.column);
        } else {
          x.Raw(sql::Raw{sql::MayWrap(p.expr)});
        }
        if (!p.collation.empty()) {
          x.Kw("COLLATE").Ident(p.collation);
        }
        if (p.desc) {
          x.Kw("DESC");
        }
      });
    });
  }

  void ForeignKeyDef(Builder& b, const schema::ForeignKey& fk) {
    if (!fk.name.empty()) {
      b.Kw("CONSTRAINT").Ident(fk.name);
    }
    b.Kw("FOREIGN KEY").Wrap([&](Builder& w) {
      w.MapComma(fk.columns, [](const std::string& c, Builder& x) { x.Ident(c); });
    });
    b.Kw("REFERENCES").Ident(fk.ref_table);
    if (!fk.ref_columns.empty()) {
      b.Wrap([&](Builder& w) {
        w.MapComma(fk.ref_columns, [](const std::string& c, Builder& x) { x.Ident(c); });
      });
    }
    if (fk.on_update != schema::ReferenceOption::kNoAction) {
      b.Kw("ON UPDATE").Kw(schema::ReferenceOptionSql(fk.on_update));
    }
    if (fk.on_delete != schema::ReferenceOption::kNoAction) {
      b.Kw("ON DELETE").Kw(schema::ReferenceOptionSql(fk.on_delete));
    }
  }

  static void CheckDef(Builder& b, const schema::Check& ck) {
    if (!ck.name.empty()) {
      b.Kw("CONSTRAINT").Ident(ck.name);
    }
    b.Kw("CHECK").Raw(sql::Raw{sql::MayWrap(ck.expr)});
  }

  Builder CreateTableStmt(const std::string& schema_name, const schema::Table& t,
                          const std::string& name) {
    Builder b = B();
    const bool autoinc = IsAutoIncPk(t);
    b.Kw("CREATE TABLE").Table(schema_name, name).WrapIndent([&](Builder& w) {
      w.MapIndent(t.columns, [&](const schema::Column& c, Builder& x) {
        const bool inline_autoinc = autoinc && c.name == t.primary_key->parts[0].column;
        ColumnDef(x, c, inline_autoinc);
      });
      if (t.primary_key && !autoinc) {
        w.Comma().NL().Kw("PRIMARY KEY");
        Parts(w, t.primary_key->parts);
      }
      for (const auto& fk : t.foreign_keys) {
        w.Comma().NL();
        ForeignKeyDef(w, fk);
      }
      for (const auto& ck : t.checks) {
        w.Comma().NL();
        CheckDef(w, ck);
      }
    });
    if (t.options.without_rowid) {
      b.Kw("WITHOUT ROWID");
    }
    if (t.options.strict) {
      if (t.options.without_rowid) {
        b.Comma();
      }
      b.Kw("STRICT");
    }
    return b;
  }

  Builder CreateIndexStmt(const std::string& schema_name, const schema::Table& t,
                          const schema::Index& idx, const std::string& name, bool one_line) {
    Builder b = one_line ? Line() : B();
    b.Kw("CREATE");
    if (idx.unique) {
      b.Kw("UNIQUE");
    }
    b.Kw("INDEX").Table(schema_name, name).Kw("ON").Ident(t.name);
    Parts(b, idx.parts);
    if (!idx.where.empty()) {
      b.Kw("WHERE").Raw(sql::Raw{idx.where});
    }
    return b;
  }

  void AddIndex(const std::string& schema_name, const schema::Table& t, const schema::Index& idx,
                std::vector<plan::Statement>& bucket) {
    const std::string name = PlannedIndexName(t, idx);
    if (name.empty()) {
      Fail("Invalid index", fmt::format("an index of table {:?} has no name", t.name));
      return;
    }
    Builder drop = Line();
    drop.Kw("DROP INDEX").Table(schema_name, name);
    Emit(bucket, CreateIndexStmt(schema_name, t, idx, name, false),
         fmt::format("Create index {:?} to table: {:?}", name, t.name), drop.String());
  }

  void DropIndex(const std::string& schema_name, const schema::Table& t, const schema::Index& idx,
                 std::vector<plan::Statement>& bucket) {
    Builder b = B();
    b.Kw("DROP INDEX").Table(schema_name, idx.name);
    Emit(bucket, b, fmt::format("Drop index {:?} from table: {:?}", idx.name, t.name),
         CreateIndexStmt(schema_name, t, idx, idx.name, true).String());
  }

  // ---- tables ----

  void AddTable(const std::string& schema_name, const schema::Table& t,
                std::vector<plan::Statement>& bucket) {
    Builder drop = Line();
    drop.Kw("DROP TABLE").Table(schema_name, t.name);
    Emit(bucket, CreateTableStmt(schema_name, t, t.name), fmt::format("Create {:?} table", t.name),
         drop.String());
    if (t.options.auto_increment && *t.options.auto_increment > 0) {
      Builder b = B();
      b.Kw("INSERT INTO sqlite_sequence (name, seq) VALUES").Wrap([&](Builder& w) {
        w.Literal(t.name).Comma().Int(*t.options.auto_increment);
      });
      Builder r = Line();
      r.Kw("UPDATE sqlite_sequence SET seq = 0 WHERE name =").Literal(t.name);
      Emit(bucket, b, fmt::format("Set sequence for {:?} table", t.name), r.String());
    }
    for (const auto& idx : t.indexes) {
      AddIndex(schema_name, t, idx, bucket);
    }
  }

  void DropTable(const std::string& schema_name, const schema::Table& t) {
    skip_fks_ = true;
    std::string reverse = CreateTableStmt(schema_name, t, t.name).String();
    for (const auto& idx : t.indexes) {
      reverse +=
          ";\n" + CreateIndexStmt(schema_name, t, idx, PlannedIndexName(t, idx), true).String();
    }
    Builder b = B();
    b.Kw("DROP TABLE").Table(schema_name, t.name);
    Emit(main_, b, fmt::format("Drop {:?} table", t.name), reverse);
  }

  void RenameTable(const schema::RenameTable& c) {
    Builder b = B();
    b.Kw("ALTER TABLE").Table(c.schema, c.from.name).Kw("RENAME TO").Ident(c.to.name);
    Builder r = Line();
    r.Kw("ALTER TABLE").Table(c.schema, c.to.name).Kw("RENAME TO").Ident(c.from.name);
    Emit(main_, b, fmt::format("Rename a table from {:?} to {:?}", c.from.name, c.to.name),
         r.String());
  }

  void ModifyTable(const schema::ModifyTable& m) {
    if (Alterable(m)) {
      Alter(m);
    } else {
      Rebuild(m);
    }
  }

  // ---- ALTER TABLE path ----

  static bool AddColumnOk(const schema::Column& c) {
    if (c.auto_increment) {
      return false;
    }
    if (c.generated) {
      return !c.generated->stored;
    }
    if (c.default_value) {
      return IsConstantDefault(*c.default_value);
    }
    return c.nullable;
  }

  bool IndexDroppedHere(const schema::ModifyTable& m, const std::string& name) const {
    for (const auto& tc : m.changes) {
      if (const auto* d = std::get_if<schema::DropIndex>(&tc);
          d != nullptr && d->index.name == name) {
        return true;
      }
      if (const auto* d = std::get_if<schema::ModifyIndex>(&tc);
          d != nullptr && d->from.name == name) {
        return true;
      }
    }
    return false;
  }

  bool DropColumnOk(const schema::ModifyTable& m, const std::string& col) const {
    const schema::Table& t = m.from;
    if (t.primary_key) {
      for (const auto& p : t.primary_key->parts) {
        if (p.column == col || (!p.expr.empty() && MentionsIdent(p.expr, col))) {
          return false;
        }
      }
    }
    for (const auto& idx : t.indexes) {
      bool uses = !idx.where.empty() && MentionsIdent(idx.where, col);
      for (const auto& p : idx.parts) {
        uses = uses || p.column == col || (!p.expr.empty() && MentionsIdent(p.expr, col));
      }
      if (uses && (IsAutoIndexName(t, idx.name) || !IndexDroppedHere(m, idx.name))) {
        return false;
      }
    }
    for (const auto& ck : t.checks) {
      if (MentionsIdent(ck.expr, col)) {
        return false;
      }
    }
    for (const auto& fk : t.foreign_keys) {
      if (Contains(fk.columns, col) || (fk.ref_table == t.name && Contains(fk.ref_columns, col))) {
        return false;
      }
    }
    for (const auto& c : t.columns) {
      if (c.generated && MentionsIdent(c.generated->expr, col)) {
        return false;
      }
    }
    if (opts_.current == nullptr) {
      return true;
    }
    for (const auto& s : opts_.current->schemas) {
      for (const auto& other : s.tables) {
        for (const auto& fk : other.foreign_keys) {
          if (fk.ref_table == t.name && Contains(fk.ref_columns, col)) {
            return false;
          }
        }
        for (const auto& tr : other.triggers) {
          if (MentionsIdent(tr.body, col)) {
            return false;
          }
        }
      }
      for (const auto& v : s.views) {
        if (MentionsIdent(v.definition, col)) {
          return false;
        }
        for (const auto& tr : v.triggers) {
          if (MentionsIdent(tr.body, col)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  bool Alterable(const schema::ModifyTable& m) const {
    for (const auto& tc : m.changes) {
      const bool ok = std::visit(
          schema::Overloaded{
              [&](const schema::AddColumn& c) { return AddColumnOk(c.column); },
              [&](const schema::DropColumn& c) { return DropColumnOk(m, c.column.name); },
              [&](const schema::RenameColumn&) { return true; },
              [&](const schema::AddIndex&) { return true; },
              [&](const schema::DropIndex& c) { return !IsAutoIndexName(m.from, c.index.name); },
              [&](const schema::ModifyIndex& c) { return !IsAutoIndexName(m.from, c.from.name); },
              [&](const schema::RenameIndex& c) { return !IsAutoIndexName(m.from, c.from.name); },
              [&](const schema::ModifyTableAttr& c) {
                return (c.change & schema::kChangeOptions) == 0;
              },
              [&](const auto&) { return false; },
          },
          tc);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  void Alter(const schema::ModifyTable& m) {
    const std::string& sn = m.schema;
    const schema::Table& t = m.to;
    // 1. Index drops, 2. column changes in order, 3. index creations.
    for (const auto& tc : m.changes) {
      if (const auto* c = std::get_if<schema::DropIndex>(&tc)) {
        DropIndex(sn, m.from, c->index, main_);
      } else if (const auto* c2 = std::get_if<schema::ModifyIndex>(&tc)) {
        DropIndex(sn, m.from, c2->from, main_);
      }
    }
    for (const auto& tc : m.changes) {
      if (const auto* c = std::get_if<schema::AddColumn>(&tc)) {
        Builder b = B();
        b.Kw("ALTER TABLE").Table(sn, t.name).Kw("ADD COLUMN");
        ColumnDef(b, c->column, false);
        Builder r = Line();
        r.Kw("ALTER TABLE").Table(sn, t.name).Kw("DROP COLUMN").Ident(c->column.name);
        Emit(main_, b, fmt::format("Add column {:?} to table: {:?}", c->column.name, t.name),
             r.String());
      } else if (const auto* c3 = std::get_if<schema::DropColumn>(&tc)) {
        Builder b = B();
        b.Kw("ALTER TABLE").Table(sn, t.name).Kw("DROP COLUMN").Ident(c3->column.name);
        Builder r = Line();
        r.Kw("ALTER TABLE").Table(sn, t.name).Kw("ADD COLUMN");
        ColumnDef(r, c3->column, false);
        Emit(main_, b, fmt::format("Drop column {:?} from table: {:?}", c3->column.name, t.name),
             AddColumnOk(c3->column) ? r.String() : std::string());
      } else if (const auto* c4 = std::get_if<schema::RenameColumn>(&tc)) {
        Builder b = B();
        b.Kw("ALTER TABLE")
            .Table(sn, t.name)
            .Kw("RENAME COLUMN")
            .Ident(c4->from.name)
            .Kw("TO")
            .Ident(c4->to.name);
        Builder r = Line();
        r.Kw("ALTER TABLE")
            .Table(sn, t.name)
            .Kw("RENAME COLUMN")
            .Ident(c4->to.name)
            .Kw("TO")
            .Ident(c4->from.name);
        Emit(main_, b, fmt::format("Rename a column from {:?} to {:?}", c4->from.name, c4->to.name),
             r.String());
      }
    }
    for (const auto& tc : m.changes) {
      if (const auto* c = std::get_if<schema::AddIndex>(&tc)) {
        AddIndex(sn, t, c->index, main_);
      } else if (const auto* c2 = std::get_if<schema::ModifyIndex>(&tc)) {
        AddIndex(sn, t, c2->to, main_);
      } else if (const auto* c3 = std::get_if<schema::RenameIndex>(&tc)) {
        AddIndex(sn, t, c3->to, main_);
        DropIndex(sn, m.from, c3->from, main_);
      }
    }
  }

  // ---- rebuild path ----

  // The table after the changes, starting from the current one (so skipped changes keep current
  // objects).
  static schema::Table Apply(const schema::ModifyTable& m) {
    std::unordered_map<std::string, std::string> renames;
    for (const auto& tc : m.changes) {
      if (const auto* r = std::get_if<schema::RenameColumn>(&tc)) {
        renames.emplace(r->from.name, r->to.name);
      }
    }
    const auto map = [&](std::string& col) {
      if (const auto it = renames.find(col); it != renames.end()) {
        col = it->second;
      }
    };
    schema::Table t = m.from;
    t.name = m.to.name;
    if (t.primary_key) {
      for (auto& p : t.primary_key->parts) {
        map(p.column);
      }
    }
    for (auto& i : t.indexes) {
      for (auto& p : i.parts) {
        map(p.column);
      }
    }
    for (auto& fk : t.foreign_keys) {
      for (auto& c : fk.columns) {
        map(c);
      }
      if (fk.ref_table == m.from.name || fk.ref_table == m.to.name) {
        for (auto& c : fk.ref_columns) {
          map(c);
        }
      }
    }
    const auto find_col = [&](const std::string& name) {
      return std::find_if(t.columns.begin(), t.columns.end(),
                          [&](const schema::Column& c) { return c.name == name; });
    };
    for (const auto& tc : m.changes) {
      std::visit(schema::Overloaded{
                     [&](const schema::AddColumn& c) { t.columns.push_back(c.column); },
                     [&](const schema::DropColumn& c) {
                       if (auto it = find_col(c.column.name); it != t.columns.end()) {
                         t.columns.erase(it);
                       }
                     },
                     [&](const schema::ModifyColumn& c) {
                       if (auto it = find_col(c.from.name); it != t.columns.end()) {
                         *it = c.to;
                       }
                     },
                     [&](const schema::RenameColumn& c) {
                       if (auto it = find_col(c.from.name); it != t.columns.end()) {
                         *it = c.to;
                       }
                     },
                     [&](const schema::AddIndex& c) { t.indexes.push_back(c.index); },
                     [&](const schema::DropIndex& c) {
                       std::erase_if(t.indexes, [&](const schema::Index& i) {
                         return i.name == c.index.name;
                       });
                     },
                     [&](const schema::ModifyIndex& c) {
                       for (auto& i : t.indexes) {
                         if (i.name == c.from.name) {
                           i = c.to;
                         }
                       }
                     },
                     [&](const schema::RenameIndex& c) {
                       for (auto& i : t.indexes) {
                         if (i.name == c.from.name) {
                           i = c.to;
                         }
                       }
                     },
                     [&](const schema::AddPrimaryKey& c) { t.primary_key = c.pk; },
                     [&](const schema::DropPrimaryKey&) { t.primary_key.reset(); },
                     [&](const schema::ModifyPrimaryKey& c) { t.primary_key = c.to; },
                     [&](const schema::AddForeignKey& c) { t.foreign_keys.push_back(c.fk); },
                     [&](const schema::DropForeignKey& c) { EraseFirst(t.foreign_keys, c.fk); },
                     [&](const schema::ModifyForeignKey& c) {
                       ReplaceFirst(t.foreign_keys, c.from, c.to);
                     },
                     [&](const schema::AddCheck& c) { t.checks.push_back(c.check); },
                     [&](const schema::DropCheck& c) { EraseFirst(t.checks, c.check); },
                     [&](const schema::ModifyCheck& c) { ReplaceFirst(t.checks, c.from, c.to); },
                     // PostgreSQL only: never inspected from or decoded for SQLite.
                     [&](const schema::AddExclusion&) {},
                     [&](const schema::DropExclusion&) {},
                     [&](const schema::ModifyExclusion&) {},
                     [&](const schema::ModifyTableAttr& c) { t.options = c.to_options; },
                 },
                 tc);
    }
    // Column order of the desired table; columns it does not have (skipped drops) keep theirs at
    // the end.
    std::unordered_map<std::string, size_t> pos;
    for (size_t i = 0; i < m.to.columns.size(); ++i) {
      pos.emplace(m.to.columns[i].name, i);
    }
    std::vector<std::pair<size_t, schema::Column>> keyed;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const auto it = pos.find(t.columns[i].name);
      keyed.emplace_back(it == pos.end() ? m.to.columns.size() + i : it->second,
                         std::move(t.columns[i]));
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    t.columns.clear();
    for (auto& [k, c] : keyed) {
      t.columns.push_back(std::move(c));
    }
    return t;
  }

  // The element a change refers to: equal, else same non-empty name, else (foreign keys) same
  // columns.
  static bool SameKey(const schema::Check& a, const schema::Check& b) { return a.expr == b.expr; }
  static bool SameKey(const schema::ForeignKey& a, const schema::ForeignKey& b) {
    return a.columns == b.columns;
  }
  template <class T>
  static typename std::vector<T>::iterator Find(std::vector<T>& v, const T& x) {
    auto it = std::find(v.begin(), v.end(), x);
    if (it == v.end() && !x.name.empty()) {
      it = std::find_if(v.begin(), v.end(), [&](const T& e) { return e.name == x.name; });
    }
    if (it == v.end()) {
      it = std::find_if(v.begin(), v.end(), [&](const T& e) { return SameKey(e, x); });
    }
    return it;
  }
  template <class T>
  static void EraseFirst(std::vector<T>& v, const T& x) {
    if (auto it = Find(v, x); it != v.end()) {
      v.erase(it);
    }
  }
  template <class T>
  static void ReplaceFirst(std::vector<T>& v, const T& from, const T& to) {
    if (auto it = Find(v, from); it != v.end()) {
      *it = to;
    } else {
      v.push_back(to);
    }
  }

  // Views or triggers of other tables that name `table`: the rename must not validate them while it
  // is gone.
  bool HasDependents(const std::string& table) const {
    if (opts_.current == nullptr) {
      return false;
    }
    for (const auto& s : opts_.current->schemas) {
      for (const auto& v : s.views) {
        if (MentionsIdent(v.definition, table)) {
          return true;
        }
        for (const auto& tr : v.triggers) {
          if (MentionsIdent(tr.body, table)) {
            return true;
          }
        }
      }
      for (const auto& t : s.tables) {
        if (t.name == table) {
          continue;  // its own triggers go with it
        }
        for (const auto& tr : t.triggers) {
          if (MentionsIdent(tr.body, table)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  void Rebuild(const schema::ModifyTable& m) {
    skip_fks_ = true;
    const std::string& sn = m.schema;
    schema::Table result = Apply(m);
    schema::Table tmp = result;
    tmp.name = "new_" + result.name;
    tmp.indexes.clear();
    Emit(main_, CreateTableStmt(sn, tmp, tmp.name), fmt::format("Create {:?} table", tmp.name));

    // Copy rows: column of the new table <- its source column in the old one.
    std::unordered_map<std::string, std::string> source;   // new name -> old name
    std::unordered_map<std::string, std::string> renamed;  // old -> new
    std::unordered_set<std::string> added;
    std::unordered_map<std::string, const schema::ModifyColumn*> modified;
    for (const auto& tc : m.changes) {
      if (const auto* r = std::get_if<schema::RenameColumn>(&tc)) {
        renamed.emplace(r->from.name, r->to.name);
      } else if (const auto* a = std::get_if<schema::AddColumn>(&tc)) {
        added.insert(a->column.name);
      } else if (const auto* mc = std::get_if<schema::ModifyColumn>(&tc)) {
        modified.emplace(mc->to.name, mc);
      }
    }
    for (const auto& c : m.from.columns) {
      const auto r = renamed.find(c.name);
      source.emplace(r == renamed.end() ? c.name : r->second, c.name);
    }
    std::vector<const schema::Column*> to_cols;
    for (const auto& c : tmp.columns) {
      if (c.generated || added.count(c.name) != 0 || source.count(c.name) == 0) {
        continue;
      }
      to_cols.push_back(&c);
    }
    const bool copied = !to_cols.empty();
    if (copied) {
      Builder b = B();
      b.Kw("INSERT INTO").Table(sn, tmp.name).Wrap([&](Builder& w) {
        w.MapComma(to_cols, [](const schema::Column* c, Builder& x) { x.Ident(c->name); });
      });
      b.Kw("SELECT").MapComma(to_cols, [&](const schema::Column* c, Builder& x) {
        const std::string& src = source.at(c->name);
        const auto mc = modified.find(c->name);
        if (mc != modified.end() && !c->nullable && c->default_value &&
            (mc->second->change & (schema::kChangeNull | schema::kChangeDefault)) != 0) {
          x.Call("IFNULL",
                 [&](Builder& a) {
                   a.Ident(src).Comma().Raw(sql::Raw{DefaultSql(*c->default_value)});
                 })
              .Kw("AS")
              .Ident(c->name);
        } else {
          x.Ident(src);
        }
      });
      b.Kw("FROM").Table(sn, m.from.name);
      Emit(main_, b,
           fmt::format("Copy rows from old table {:?} to new temporary table {:?}", m.from.name,
                       tmp.name));
    }
    Builder drop = B();
    drop.Kw("DROP TABLE").Table(sn, m.from.name);
    Emit(main_, drop,
         fmt::format("Drop {:?} table {}", m.from.name,
                     copied ? "after copying rows" : "without copying rows (no columns)"));
    const bool legacy =
        HasDependents(m.from.name) || (m.from.name != result.name && HasDependents(result.name));
    if (legacy) {
      Builder on = B();
      on.Kw("PRAGMA legacy_alter_table = on");
      Emit(main_, on,
           fmt::format("Keep views and triggers referring to {:?} as they are during the rename",
                       result.name));
    }
    Builder rename = B();
    rename.Kw("ALTER TABLE").Table(sn, tmp.name).Kw("RENAME TO").Ident(result.name);
    Emit(main_, rename, fmt::format("Rename temporary table {:?} to {:?}", tmp.name, result.name));
    if (legacy) {
      Builder off = B();
      off.Kw("PRAGMA legacy_alter_table = off");
      Emit(main_, off, "Restore the default ALTER TABLE behaviour");
    }
    for (const auto& idx : result.indexes) {
      AddIndex(sn, result, idx, main_);
    }
    // Triggers on the table that stay unchanged were dropped with it: recreate them.
    for (const auto& tr : m.from.triggers) {
      const auto it = std::find_if(m.to.triggers.begin(), m.to.triggers.end(),
                                   [&](const schema::Trigger& x) { return x.name == tr.name; });
      if (it != m.to.triggers.end() && NormalizeExpr(it->body) == NormalizeExpr(tr.body)) {
        CreateTrigger(*it, main_);
      }
    }
  }

  // ---- views and triggers ----

  void CreateView(const std::string& schema_name, const schema::View& v) {
    Builder b = B();
    b.Kw("CREATE VIEW")
        .Table(schema_name, v.name)
        .Kw("AS")
        .Raw(sql::Raw{std::string(Trim(v.definition))});
    Builder r = Line();
    r.Kw("DROP VIEW").Table(schema_name, v.name);
    Emit(post_, b, fmt::format("Create {:?} view", v.name), r.String());
  }

  void DropView(const std::string& schema_name, const schema::View& v) {
    Builder b = B();
    b.Kw("DROP VIEW").Table(schema_name, v.name);
    Builder r = Line();
    r.Kw("CREATE VIEW")
        .Table(schema_name, v.name)
        .Kw("AS")
        .Raw(sql::Raw{std::string(Trim(v.definition))});
    Emit(pre_, b, fmt::format("Drop {:?} view", v.name), r.String());
  }

  void CreateTrigger(const schema::Trigger& tr, std::vector<plan::Statement>& bucket) {
    Builder b = B();
    b.Raw(sql::Raw{std::string(Trim(tr.body))});
    Builder r = Line();
    r.Kw("DROP TRIGGER").Ident(tr.name);
    Emit(bucket, b, fmt::format("Create trigger {:?}", tr.name), r.String());
  }

  void DropTrigger(const std::string& schema_name, const schema::Trigger& tr) {
    Builder b = B();
    b.Kw("DROP TRIGGER").Table(schema_name, tr.name);
    Emit(pre_, b, fmt::format("Drop trigger {:?}", tr.name), std::string(Trim(tr.body)));
  }

  const PlanOptions& opts_;
  int index_ = -1;
  bool skip_fks_ = false;
  std::vector<plan::Statement> pre_;
  std::vector<plan::Statement> main_;
  std::vector<plan::Statement> post_;
  base::Diagnostics errors_;
};

}  // namespace

base::Result<plan::Plan> Planner::PlanChanges(const std::vector<schema::Change>& changes,
                                              const PlanOptions& options) const {
  State state(options);
  return state.Run(changes);
}

}  // namespace atlas::engine::drivers::sqlite
