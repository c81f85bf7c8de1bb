#include "engine/drivers/mysql/plan.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "engine/base/go_quote.hpp"
#include "engine/drivers/mysql/convert.hpp"
#include "engine/sql/builder.hpp"

namespace atlas::engine::drivers::mysql {
namespace {

using base::Result;
using schema::Overloaded;

// Go's %q, which Atlas uses in its comments: "we\"ird".
std::string Q(std::string_view name) { return base::GoQuote(name); }

bool SafeWord(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
}

class Gen {
 public:
  Gen(const sql::Dialect& dialect, std::optional<std::string> qualifier)
      : dialect_(dialect), qualifier_(std::move(qualifier)) {}

  sql::Builder B() const { return sql::Builder(dialect_, qualifier_); }

  // A charset or collation name: a bare word when safe, else a string literal.
  void Name(sql::Builder& b, std::string_view kw, const std::string& name) const {
    b.Kw(kw);
    if (SafeWord(name)) {
      b.Raw(sql::Raw{name});
    } else {
      b.Literal(name);
    }
  }

  void Column(sql::Builder& b, const schema::Column& c) const {
    b.Ident(c.name).Raw(sql::Raw{TypeSql(c.type)});
    if (!c.charset.empty()) {
      Name(b, "CHARSET", c.charset);
    }
    if (!c.collation.empty()) {
      Name(b, "COLLATE", c.collation);
    }
    if (c.generated) {
      b.Kw("AS").Raw(sql::Raw{sql::MayWrap(c.generated->expr)});
      b.Kw(c.generated->stored ? "STORED" : "VIRTUAL");
      if (!c.nullable) {
        b.Kw("NOT NULL");
      }
    } else {
      b.Kw(c.nullable ? "NULL" : "NOT NULL");
    }
    if (c.default_value && !c.generated) {
      b.Kw("DEFAULT");
      const std::string& text = c.default_value->text;
      if (c.default_value->kind == schema::Expr::Kind::kLiteral ||
          NormalizeDefaultExpr(text).rfind("current_timestamp", 0) == 0) {
        b.Raw(sql::Raw{text});
      } else {
        b.Raw(sql::Raw{sql::MayWrap(text)});
      }
    }
    if (c.auto_increment) {
      b.Kw("AUTO_INCREMENT");
    }
    if (c.on_update) {
      b.Kw("ON UPDATE").Raw(sql::Raw{c.on_update->text});
    }
    if (!c.comment.empty()) {
      b.Kw("COMMENT").Literal(c.comment);
    }
  }

  std::string Parts(const std::vector<schema::IndexPart>& parts) const {
    std::string out = "(";
    for (size_t i = 0; i < parts.size(); ++i) {
      const auto& p = parts[i];
      out += i == 0 ? "" : ", ";
      if (!p.column.empty()) {
        out += sql::QuoteIdent(dialect_, p.column);
        if (p.prefix) {
          out += "(" + std::to_string(*p.prefix) + ")";
        }
      } else {
        out += "(" + p.expr + ")";
      }
      if (p.desc) {
        out += " DESC";
      }
    }
    return out + ")";
  }

  void Index(sql::Builder& b, const schema::Index& idx) const {
    std::string type = idx.type;
    for (auto& c : type) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (type == "FULLTEXT" || type == "SPATIAL") {
      b.Kw(type);
    } else if (idx.unique) {
      b.Kw("UNIQUE");
    }
    b.Kw("INDEX").Ident(idx.name).Raw(sql::Raw{Parts(idx.parts)});
    if (type == "HASH" || type == "RTREE") {
      b.Kw("USING").Kw(type);
    }
    if (!idx.comment.empty()) {
      b.Kw("COMMENT").Literal(idx.comment);
    }
  }

  void ForeignKey(sql::Builder& b, const std::string& schema_name,
                  const schema::ForeignKey& fk) const {
    if (!fk.name.empty()) {
      b.Kw("CONSTRAINT").Ident(fk.name);
    }
    b.Kw("FOREIGN KEY").Wrap([&](sql::Builder& w) {
      w.MapComma(fk.columns, [](const std::string& c, sql::Builder& x) { x.Ident(c); });
    });
    b.Kw("REFERENCES");
    if (!fk.ref_schema.empty() && fk.ref_schema != schema_name) {
      // A table in another database: qualified even on a schema-bound connection, which would
      // otherwise resolve the name in its own database.
      b.Raw(sql::Raw{
          sql::Builder(dialect_, fk.ref_schema).Table(fk.ref_schema, fk.ref_table).String()});
    } else {
      b.Table(schema_name, fk.ref_table);
    }
    b.Wrap([&](sql::Builder& w) {
      w.MapComma(fk.ref_columns, [](const std::string& c, sql::Builder& x) { x.Ident(c); });
    });
    b.Kw("ON UPDATE").Kw(schema::ReferenceOptionSql(fk.on_update));
    b.Kw("ON DELETE").Kw(schema::ReferenceOptionSql(fk.on_delete));
  }

  void Check(sql::Builder& b, const schema::Check& ck) const {
    if (!ck.name.empty()) {
      b.Kw("CONSTRAINT").Ident(ck.name);
    }
    b.Kw("CHECK").Raw(sql::Raw{"(" + sql::Unwrap(ck.expr) + ")"});
  }

  void TableOptions(sql::Builder& b, const schema::Table& t, bool convert) const {
    const auto& o = t.options;
    if (convert) {
      if (!o.charset.empty()) {
        Name(b, "CONVERT TO CHARACTER SET", o.charset);
        if (!o.collation.empty()) {
          Name(b, "COLLATE", o.collation);
        }
      } else if (!o.collation.empty()) {
        Name(b, "COLLATE", o.collation);
      }
      return;
    }
    if (!o.charset.empty()) {
      Name(b, "CHARSET", o.charset);
    }
    if (!o.collation.empty()) {
      Name(b, "COLLATE", o.collation);
    }
  }

  Result<std::string> CreateTable(const std::string& schema_name, const schema::Table& t,
                                  const std::set<std::string>& deferred_fks) const {
    sql::Builder b = B();
    b.Kw("CREATE TABLE").Table(schema_name, t.name);
    b.Wrap([&](sql::Builder& w) {
      bool first = true;
      const auto sep = [&] {
        if (!first) {
          w.Comma();
        }
        first = false;
      };
      for (const auto& c : t.columns) {
        sep();
        Column(w, c);
      }
      if (t.primary_key) {
        sep();
        w.Kw("PRIMARY KEY").Raw(sql::Raw{Parts(t.primary_key->parts)});
      }
      for (const auto& idx : t.indexes) {
        sep();
        Index(w, idx);
      }
      for (const auto& fk : t.foreign_keys) {
        if (deferred_fks.count(fk.name) != 0) {
          continue;
        }
        sep();
        ForeignKey(w, schema_name, fk);
      }
      for (const auto& ck : t.checks) {
        sep();
        Check(w, ck);
      }
    });
    TableOptions(b, t, false);
    if (!t.comment.empty()) {
      b.Kw("COMMENT").Literal(t.comment);
    }
    if (!t.options.engine.empty()) {
      b.Kw("ENGINE").Raw(sql::Raw{t.options.engine});
    }
    if (t.options.auto_increment) {
      b.Kw("AUTO_INCREMENT").Int(*t.options.auto_increment);
    }
    return b.Build();
  }

  // Records the first invalid fragment (e.g. an identifier holding NUL) and returns the text.
  std::string Text(const sql::Builder& b) {
    if (!b.ok() && error_.empty()) {
      error_ = b.String();
      diags_ = b.diags();
    }
    return b.String();
  }
  bool failed() const { return !error_.empty(); }
  const base::Diagnostics& diags() const { return diags_; }

 private:
  const sql::Dialect& dialect_;
  std::optional<std::string> qualifier_;
  std::string error_;
  base::Diagnostics diags_;
};

struct TableKey {
  std::string schema;
  std::string name;
  auto operator<=>(const TableKey&) const = default;
};

// Orders tables so that referenced ones come first. Foreign keys closing a cycle are returned in
// `deferred` (table key -> fk names) instead.
std::vector<size_t> DependencyOrder(
    const std::vector<std::pair<std::string, const schema::Table*>>& tables,
    std::map<TableKey, std::set<std::string>>* deferred) {
  std::map<TableKey, size_t> index;
  for (size_t i = 0; i < tables.size(); ++i) {
    index[{tables[i].first, tables[i].second->name}] = i;
  }
  std::vector<int> state(tables.size(), 0);  // 0 new, 1 visiting, 2 done
  std::vector<size_t> order;
  std::function<void(size_t)> visit = [&](size_t i) {
    state[i] = 1;
    const auto& [sname, t] = tables[i];
    for (const auto& fk : t->foreign_keys) {
      const TableKey ref{fk.ref_schema.empty() ? sname : fk.ref_schema, fk.ref_table};
      const auto it = index.find(ref);
      if (it == index.end() || it->second == i) {
        continue;
      }
      if (state[it->second] == 1) {
        (*deferred)[{sname, t->name}].insert(fk.name);
        continue;
      }
      if (state[it->second] == 0) {
        visit(it->second);
      }
    }
    state[i] = 2;
    order.push_back(i);
  };
  for (size_t i = 0; i < tables.size(); ++i) {
    if (state[i] == 0) {
      visit(i);
    }
  }
  return order;
}

}  // namespace

Result<plan::Plan> MysqlPlanner::PlanChanges(const std::vector<schema::Change>& changes,
                                             const drivers::PlanOptions& options) const {
  std::optional<std::string> qualifier = options.schema_qualifier;
  if (!qualifier && !bound_schema_.empty()) {
    qualifier = "";
  }
  Gen p(dialect_, qualifier);
  plan::Plan out;
  out.transactional = false;
  out.reversible = false;
  const auto emit = [&](const sql::Builder& b, std::string comment, int index) {
    out.statements.push_back(plan::Statement{p.Text(b), std::move(comment), "", true, index});
  };
  const auto emit_text = [&](std::string text, std::string comment, int index) {
    out.statements.push_back(plan::Statement{std::move(text), std::move(comment), "", true, index});
  };
  const int n = static_cast<int>(changes.size());

  // 1. Schemas added or modified; unsupported kinds rejected.
  for (int i = 0; i < n; ++i) {
    const auto& ch = changes[i];
    if (const auto* c = std::get_if<schema::AddSchema>(&ch)) {
      sql::Builder b = p.B();
      b.Kw("CREATE DATABASE").Ident(c->schema.name);
      if (!c->schema.charset.empty()) {
        p.Name(b, "CHARSET", c->schema.charset);
      }
      if (!c->schema.collation.empty()) {
        p.Name(b, "COLLATE", c->schema.collation);
      }
      emit(b, "Add new schema named " + Q(c->schema.name), i);
    } else if (const auto* m = std::get_if<schema::ModifySchema>(&ch)) {
      sql::Builder b = p.B();
      b.Kw("ALTER DATABASE").Ident(m->to.name);
      if (!m->to.charset.empty()) {
        p.Name(b, "CHARSET", m->to.charset);
      }
      if (!m->to.collation.empty()) {
        p.Name(b, "COLLATE", m->to.collation);
      }
      if (m->to.charset.empty() && m->to.collation.empty()) {
        continue;
      }
      emit(b, "Modify " + Q(m->to.name) + " schema", i);
    } else if (std::holds_alternative<schema::AddEnum>(ch) ||
               std::holds_alternative<schema::DropEnum>(ch) ||
               std::holds_alternative<schema::ModifyEnum>(ch) ||
               std::holds_alternative<schema::AddSequence>(ch) ||
               std::holds_alternative<schema::DropSequence>(ch) ||
               std::holds_alternative<schema::ModifySequence>(ch) ||
               std::holds_alternative<schema::AddExtension>(ch) ||
               std::holds_alternative<schema::DropExtension>(ch) ||
               std::holds_alternative<schema::ModifyExtension>(ch)) {
      return base::Error("mysql: unsupported change",
                         "enum types, sequences and extensions are not MySQL schema objects "
                         "(MySQL enums are inline column types: type = enum(\"a\", \"b\"))");
    }
  }

  // 2. Triggers and views that go or change.
  for (int i = 0; i < n; ++i) {
    const auto& ch = changes[i];
    const schema::Trigger* drop_trigger = nullptr;
    std::string sname;
    if (const auto* c = std::get_if<schema::DropTrigger>(&ch)) {
      drop_trigger = &c->trigger;
      sname = c->schema;
    } else if (const auto* m = std::get_if<schema::ModifyTrigger>(&ch)) {
      drop_trigger = &m->from;
      sname = m->schema;
    }
    if (drop_trigger != nullptr) {
      sql::Builder b = p.B();
      b.Kw("DROP TRIGGER").Table(sname, drop_trigger->name);
      emit(b, "Drop trigger " + Q(drop_trigger->name), i);
    }
    if (const auto* c = std::get_if<schema::DropView>(&ch)) {
      sql::Builder b = p.B();
      b.Kw("DROP VIEW").Table(c->schema, c->view.name);
      emit(b, "Drop " + Q(c->view.name) + " view", i);
    }
  }

  // 3. Tables created, referenced ones first.
  std::vector<std::pair<std::string, const schema::Table*>> added;
  std::vector<int> added_index;
  for (int i = 0; i < n; ++i) {
    if (const auto* c = std::get_if<schema::AddTable>(&changes[i])) {
      added.emplace_back(c->schema, &c->table);
      added_index.push_back(i);
    }
  }
  std::map<TableKey, std::set<std::string>> deferred;
  for (const size_t k : DependencyOrder(added, &deferred)) {
    const auto& [sname, t] = added[k];
    const auto d = deferred.find({sname, t->name});
    auto text = p.CreateTable(sname, *t, d == deferred.end() ? std::set<std::string>() : d->second);
    if (!text.ok()) {
      return std::move(text).diags();
    }
    emit_text(std::move(text).value(), "Create " + Q(t->name) + " table", added_index[k]);
  }
  for (size_t k = 0; k < added.size(); ++k) {
    const auto& [sname, t] = added[k];
    const auto d = deferred.find({sname, t->name});
    if (d == deferred.end()) {
      continue;
    }
    sql::Builder b = p.B();
    b.Kw("ALTER TABLE").Table(sname, t->name);
    bool first = true;
    for (const auto& fk : t->foreign_keys) {
      if (d->second.count(fk.name) == 0) {
        continue;
      }
      if (!first) {
        b.Comma();
      }
      first = false;
      b.Kw("ADD");
      p.ForeignKey(b, sname, fk);
    }
    emit(b, "Modify " + Q(t->name) + " table", added_index[k]);
  }

  // 4. Tables renamed and modified.
  for (int i = 0; i < n; ++i) {
    const auto& ch = changes[i];
    if (const auto* c = std::get_if<schema::RenameTable>(&ch)) {
      sql::Builder b = p.B();
      b.Kw("RENAME TABLE").Table(c->schema, c->from.name).Kw("TO").Table(c->schema, c->to.name);
      emit(b, "Rename a table from " + Q(c->from.name) + " to " + Q(c->to.name), i);
      continue;
    }
    const auto* mt = std::get_if<schema::ModifyTable>(&ch);
    if (mt == nullptr) {
      continue;
    }
    const std::string& sname = mt->schema;
    const std::string& tname = mt->to.name;
    const std::string comment = "Modify " + Q(tname) + " table";
    // Foreign keys that change are dropped by a statement of their own first.
    std::vector<std::string> pre;
    for (const auto& tc : mt->changes) {
      if (const auto* m = std::get_if<schema::ModifyForeignKey>(&tc)) {
        sql::Builder b = p.B();
        b.Kw("DROP FOREIGN KEY").Ident(m->from.name);
        pre.push_back(p.Text(b));
      }
    }
    if (!pre.empty()) {
      sql::Builder b = p.B();
      b.Kw("ALTER TABLE").Table(sname, tname);
      std::string text = p.Text(b);
      for (size_t k = 0; k < pre.size(); ++k) {
        text += (k == 0 ? " " : ", ") + pre[k];
      }
      emit_text(std::move(text), comment, i);
    }
    std::set<std::string> modified_columns;
    std::map<std::string, const schema::ModifyColumn*> modify_by_name;
    for (const auto& tc : mt->changes) {
      if (const auto* m = std::get_if<schema::ModifyColumn>(&tc)) {
        modified_columns.insert(m->to.name);
        modify_by_name[m->to.name] = m;
      }
    }
    std::vector<std::string> drops;
    std::vector<std::string> middle;
    std::vector<std::string> adds;
    std::vector<std::string> attrs;
    std::vector<std::string> post;
    std::set<std::string> changed_by_rename;
    const auto clause = [&](std::vector<std::string>& into,
                            const std::function<void(sql::Builder&)>& f) {
      sql::Builder b = p.B();
      f(b);
      into.push_back(p.Text(b));
    };
    for (const auto& tc : mt->changes) {
      std::visit(
          Overloaded{
              [&](const schema::DropForeignKey& c) {
                clause(drops, [&](sql::Builder& b) { b.Kw("DROP FOREIGN KEY").Ident(c.fk.name); });
              },
              [&](const schema::DropCheck& c) {
                clause(drops,
                       [&](sql::Builder& b) { b.Kw("DROP CONSTRAINT").Ident(c.check.name); });
              },
              [&](const schema::ModifyCheck& c) {
                clause(drops, [&](sql::Builder& b) { b.Kw("DROP CONSTRAINT").Ident(c.from.name); });
                clause(adds, [&](sql::Builder& b) {
                  b.Kw("ADD");
                  p.Check(b, c.to);
                });
              },
              [&](const schema::DropIndex& c) {
                clause(drops, [&](sql::Builder& b) { b.Kw("DROP INDEX").Ident(c.index.name); });
              },
              [&](const schema::ModifyIndex& c) {
                clause(drops, [&](sql::Builder& b) { b.Kw("DROP INDEX").Ident(c.from.name); });
                clause(adds, [&](sql::Builder& b) {
                  b.Kw("ADD");
                  p.Index(b, c.to);
                });
              },
              [&](const schema::DropPrimaryKey&) {
                clause(drops, [&](sql::Builder& b) { b.Kw("DROP PRIMARY KEY"); });
              },
              [&](const schema::ModifyPrimaryKey& c) {
                clause(drops, [&](sql::Builder& b) { b.Kw("DROP PRIMARY KEY"); });
                clause(adds, [&](sql::Builder& b) {
                  b.Kw("ADD PRIMARY KEY").Raw(sql::Raw{p.Parts(c.to.parts)});
                });
              },
              [&](const schema::DropColumn& c) {
                clause(drops, [&](sql::Builder& b) { b.Kw("DROP COLUMN").Ident(c.column.name); });
              },
              [&](const schema::RenameColumn& c) {
                const auto m = modify_by_name.find(c.to.name);
                if (m != modify_by_name.end()) {
                  changed_by_rename.insert(c.to.name);
                  clause(middle, [&](sql::Builder& b) {
                    b.Kw("CHANGE COLUMN").Ident(c.from.name);
                    p.Column(b, m->second->to);
                  });
                } else {
                  clause(middle, [&](sql::Builder& b) {
                    b.Kw("RENAME COLUMN").Ident(c.from.name).Kw("TO").Ident(c.to.name);
                  });
                }
              },
              [&](const schema::ModifyColumn& c) {
                if (changed_by_rename.count(c.to.name) != 0) {
                  return;
                }
                if ((c.change & schema::kChangeGenerated) != 0 && c.to.generated) {
                  // MySQL/MariaDB cannot MODIFY a generated column's expression or storage.
                  clause(drops, [&](sql::Builder& b) { b.Kw("DROP COLUMN").Ident(c.from.name); });
                  clause(adds, [&](sql::Builder& b) {
                    b.Kw("ADD COLUMN");
                    p.Column(b, c.to);
                  });
                  return;
                }
                clause(middle, [&](sql::Builder& b) {
                  b.Kw("MODIFY COLUMN");
                  p.Column(b, c.to);
                });
              },
              [&](const schema::AddColumn& c) {
                clause(adds, [&](sql::Builder& b) {
                  b.Kw("ADD COLUMN");
                  p.Column(b, c.column);
                });
              },
              [&](const schema::AddPrimaryKey& c) {
                clause(adds, [&](sql::Builder& b) {
                  b.Kw("ADD PRIMARY KEY").Raw(sql::Raw{p.Parts(c.pk.parts)});
                });
              },
              [&](const schema::AddIndex& c) {
                clause(adds, [&](sql::Builder& b) {
                  b.Kw("ADD");
                  p.Index(b, c.index);
                });
              },
              [&](const schema::RenameIndex& c) {
                clause(middle, [&](sql::Builder& b) {
                  b.Kw("RENAME INDEX").Ident(c.from.name).Kw("TO").Ident(c.to.name);
                });
              },
              [&](const schema::AddForeignKey& c) {
                clause(adds, [&](sql::Builder& b) {
                  b.Kw("ADD");
                  p.ForeignKey(b, sname, c.fk);
                });
              },
              [&](const schema::ModifyForeignKey& c) {
                clause(adds, [&](sql::Builder& b) {
                  b.Kw("ADD");
                  p.ForeignKey(b, sname, c.to);
                });
              },
              [&](const schema::AddCheck& c) {
                clause(adds, [&](sql::Builder& b) {
                  b.Kw("ADD");
                  p.Check(b, c.check);
                });
              },
              // PostgreSQL only: neither the MySQL inspector nor its HCL dialect produces them.
              [&](const schema::AddExclusion&) {},
              [&](const schema::DropExclusion&) {},
              [&](const schema::ModifyExclusion&) {},
              [&](const schema::ModifyTableAttr& c) {
                if ((c.change & schema::kChangeComment) != 0) {
                  clause(attrs, [&](sql::Builder& b) { b.Kw("COMMENT").Literal(c.to_comment); });
                }
                if ((c.change & schema::kChangeOptions) == 0) {
                  return;
                }
                const auto& f = c.from_options;
                const auto& t = c.to_options;
                const auto lower = [](std::string text) {
                  for (auto& x : text) {
                    x = static_cast<char>(std::tolower(static_cast<unsigned char>(x)));
                  }
                  return text;
                };
                if ((!t.charset.empty() && lower(f.charset) != lower(t.charset)) ||
                    (!t.collation.empty() && lower(f.collation) != lower(t.collation))) {
                  schema::Table shell;
                  shell.options = t;
                  clause(attrs, [&](sql::Builder& b) { p.TableOptions(b, shell, true); });
                  // Columns declaring their own charset keep it: re-stated by a statement of
                  // their own after the conversion (in the same statement CONVERT TO wins).
                  for (const auto& col : mt->to.columns) {
                    if ((!col.charset.empty() || !col.collation.empty()) &&
                        modified_columns.count(col.name) == 0) {
                      clause(post, [&](sql::Builder& b) {
                        b.Kw("MODIFY COLUMN");
                        p.Column(b, col);
                      });
                    }
                  }
                }
                if (lower(f.engine.empty() ? "innodb" : f.engine) !=
                    lower(t.engine.empty() ? "innodb" : t.engine)) {
                  clause(attrs, [&](sql::Builder& b) {
                    b.Kw("ENGINE").Raw(sql::Raw{t.engine.empty() ? "InnoDB" : t.engine});
                  });
                }
                if (t.auto_increment && f.auto_increment.value_or(1) < *t.auto_increment) {
                  clause(attrs,
                         [&](sql::Builder& b) { b.Kw("AUTO_INCREMENT").Int(*t.auto_increment); });
                }
              },
          },
          tc);
    }
    std::vector<std::string> all;
    for (auto* part : {&drops, &middle, &adds, &attrs}) {
      all.insert(all.end(), part->begin(), part->end());
    }
    if (all.empty()) {
      continue;
    }
    sql::Builder b = p.B();
    b.Kw("ALTER TABLE").Table(sname, tname);
    std::string text = p.Text(b);
    for (size_t k = 0; k < all.size(); ++k) {
      text += (k == 0 ? " " : ", ") + all[k];
    }
    emit_text(std::move(text), comment, i);
    if (!post.empty()) {
      sql::Builder pb = p.B();
      pb.Kw("ALTER TABLE").Table(sname, tname);
      std::string ptext = p.Text(pb);
      for (size_t k = 0; k < post.size(); ++k) {
        ptext += (k == 0 ? " " : ", ") + post[k];
      }
      emit_text(std::move(ptext), comment, i);
    }
  }

  // 5. Tables dropped: referencing ones first; foreign keys of cycles detached before.
  std::vector<std::pair<std::string, const schema::Table*>> dropped;
  std::vector<int> dropped_index;
  for (int i = 0; i < n; ++i) {
    if (const auto* c = std::get_if<schema::DropTable>(&changes[i])) {
      dropped.emplace_back(c->schema, &c->table);
      dropped_index.push_back(i);
    }
  }
  std::map<TableKey, std::set<std::string>> cyclic;
  std::vector<size_t> drop_order = DependencyOrder(dropped, &cyclic);
  std::reverse(drop_order.begin(), drop_order.end());
  for (size_t k = 0; k < dropped.size(); ++k) {
    const auto& [sname, t] = dropped[k];
    const auto d = cyclic.find({sname, t->name});
    if (d == cyclic.end()) {
      continue;
    }
    sql::Builder b = p.B();
    b.Kw("ALTER TABLE").Table(sname, t->name);
    bool first = true;
    for (const auto& name : d->second) {
      if (!first) {
        b.Comma();
      }
      first = false;
      b.Kw("DROP FOREIGN KEY").Ident(name);
    }
    emit(b, "Modify " + Q(t->name) + " table", dropped_index[k]);
  }
  for (const size_t k : drop_order) {
    sql::Builder b = p.B();
    b.Kw("DROP TABLE").Table(dropped[k].first, dropped[k].second->name);
    emit(b, "Drop " + Q(dropped[k].second->name) + " table", dropped_index[k]);
  }

  // 6. Views (re)created: a view reading another new view comes after it.
  std::vector<std::pair<int, const schema::View*>> views;
  std::vector<std::string> view_schema;
  for (int i = 0; i < n; ++i) {
    if (const auto* c = std::get_if<schema::AddView>(&changes[i])) {
      views.emplace_back(i, &c->view);
      view_schema.push_back(c->schema);
    } else if (const auto* m = std::get_if<schema::ModifyView>(&changes[i])) {
      views.emplace_back(i, &m->to);
      view_schema.push_back(m->schema);
    }
  }
  std::vector<int> vstate(views.size(), 0);
  std::vector<size_t> vorder;
  std::function<void(size_t)> vvisit = [&](size_t k) {
    vstate[k] = 1;
    for (size_t j = 0; j < views.size(); ++j) {
      if (j != k && vstate[j] == 0 &&
          views[k].second->definition.find(sql::QuoteIdent(dialect_, views[j].second->name)) !=
              std::string::npos) {
        vvisit(j);
      }
    }
    vstate[k] = 2;
    vorder.push_back(k);
  };
  for (size_t k = 0; k < views.size(); ++k) {
    if (vstate[k] == 0) {
      vvisit(k);
    }
  }
  for (const size_t k : vorder) {
    const auto& [i, v] = views[k];
    const bool modify = std::holds_alternative<schema::ModifyView>(changes[i]);
    sql::Builder b = p.B();
    b.Kw(modify ? "CREATE OR REPLACE VIEW" : "CREATE VIEW").Table(view_schema[k], v->name);
    b.Kw("AS").Raw(sql::Raw{v->definition});
    if (!v->check_option.empty()) {
      b.Kw("WITH").Raw(sql::Raw{v->check_option}).Kw("CHECK OPTION");
    }
    emit(b, (modify ? "Modify " : "Create ") + Q(v->name) + " view", i);
  }

  // 7. Triggers created.
  for (int i = 0; i < n; ++i) {
    const schema::Trigger* t = nullptr;
    std::string sname;
    if (const auto* c = std::get_if<schema::AddTrigger>(&changes[i])) {
      t = &c->trigger;
      sname = c->schema;
    } else if (const auto* m = std::get_if<schema::ModifyTrigger>(&changes[i])) {
      t = &m->to;
      sname = m->schema;
    }
    if (t == nullptr) {
      continue;
    }
    // The stored statement names the trigger unqualified; qualify it as the policy says.
    const std::string prefix = "CREATE TRIGGER " + sql::QuoteIdent(dialect_, t->name);
    std::string body = t->body;
    if (body.rfind(prefix, 0) == 0) {
      sql::Builder b = p.B();
      b.Kw("CREATE TRIGGER").Table(sname, t->name);
      body = p.Text(b) + body.substr(prefix.size());
    }
    emit_text(std::move(body), "Create trigger " + Q(t->name), i);
  }

  // 8. Schemas dropped.
  for (int i = 0; i < n; ++i) {
    if (const auto* c = std::get_if<schema::DropSchema>(&changes[i])) {
      sql::Builder b = p.B();
      b.Kw("DROP DATABASE").Ident(c->schema.name);
      emit(b, "Drop schema named " + Q(c->schema.name), i);
    }
  }
  if (p.failed()) {
    return base::Diagnostics(p.diags());
  }
  return out;
}

}  // namespace atlas::engine::drivers::mysql
