#include "engine/drivers/sqlite/inspect.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/drivers/exclude.hpp"
#include "engine/drivers/sqlite/ddl.hpp"
#include "engine/drivers/sqlite/queries.hpp"

namespace atlas::engine::drivers::sqlite {

namespace {

constexpr std::string_view kMain = "main";

const std::string& Text(const Row& row, size_t i) {
  static const std::string kEmpty;
  return row[i] ? *row[i] : kEmpty;
}

int64_t Int(const Row& row, size_t i) {
  if (!row[i] || row[i]->empty()) {
    return 0;
  }
  return std::stoll(*row[i]);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool EqualsFold(std::string_view a, std::string_view b) {
  return Lower(a) == Lower(b);
}

bool IsNumber(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    s.remove_prefix(1);
  }
  if (s.empty()) {
    return false;
  }
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    return std::all_of(s.begin() + 2, s.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  }
  bool digits = false;
  bool dot = false;
  bool exp = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      digits = true;
    } else if (c == '.' && !dot && !exp) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exp) {
      exp = true;
      digits = false;
      if (i + 1 < s.size() && (s[i + 1] == '+' || s[i + 1] == '-')) {
        ++i;
      }
    } else {
      return false;
    }
  }
  return digits;
}

bool IsQuoted(std::string_view s, char q) {
  if (s.size() < 2 || s.front() != q || s.back() != q) {
    return false;
  }
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == q) {
      if (i + 2 < s.size() && s[i + 1] == q) {
        ++i;
        continue;
      }
      return false;
    }
  }
  return true;
}

schema::ReferenceOption Action(std::string_view s) {
  const std::string u = Lower(s);
  if (u == "restrict") {
    return schema::ReferenceOption::kRestrict;
  }
  if (u == "cascade") {
    return schema::ReferenceOption::kCascade;
  }
  if (u == "set null") {
    return schema::ReferenceOption::kSetNull;
  }
  if (u == "set default") {
    return schema::ReferenceOption::kSetDefault;
  }
  return schema::ReferenceOption::kNoAction;
}

base::Diagnostics Wrap(base::Diagnostics diags, std::string_view what) {
  for (auto& d : diags.items()) {
    d.detail = fmt::format("inspecting {}: {}", what, d.detail);
  }
  return diags;
}

schema::Column MakeColumn(const Row& row) {
  // table, cid, name, type, notnull, dflt_value, pk, hidden
  schema::Column c;
  c.name = Text(row, 2);
  c.type.raw = Text(row, 3);
  c.type.normalized = NormalizeType(c.type.raw);
  c.nullable = Int(row, 4) == 0;
  if (row[5]) {
    c.default_value = DefaultExpr(*row[5]);
  }
  return c;
}

}  // namespace

std::string NormalizeType(std::string_view declared) {
  std::string out;
  bool space = false;
  for (const char ch : declared) {
    if (std::isspace(static_cast<unsigned char>(ch)) != 0) {
      space = true;
      continue;
    }
    const bool punct = ch == '(' || ch == ')' || ch == ',';
    if (space && !out.empty() && !punct && out.back() != '(' && out.back() != ',') {
      out.push_back(' ');
    }
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  }
  return out;
}

schema::Expr DefaultExpr(std::string_view text) {
  const std::string lower = Lower(text);
  const bool blob =
      text.size() >= 3 && (text[0] == 'x' || text[0] == 'X') && IsQuoted(text.substr(1), '\'');
  if (lower == "true" || lower == "false" || IsNumber(text) || IsQuoted(text, '\'') ||
      IsQuoted(text, '"') || blob) {
    return schema::Expr{schema::Expr::Kind::kLiteral, std::string(text)};
  }
  return schema::Expr{schema::Expr::Kind::kRaw, std::string(text)};
}

base::Result<schema::Realm> Inspector::InspectRealm(const InspectOptions& options) {
  schema::Realm realm;
  if (!options.schemas.empty() &&
      std::find(options.schemas.begin(), options.schemas.end(), kMain) == options.schemas.end()) {
    return realm;
  }
  schema::Schema s;
  s.name = std::string(kMain);

  // Tables.
  auto tables = conn_.Query(queries::kTables);
  if (!tables.ok()) {
    return Wrap(std::move(tables).diags(), "tables");
  }
  std::unordered_map<std::string, size_t> table_at;
  std::vector<std::optional<TableFacts>> facts;
  for (const auto& row : *tables) {
    schema::Table t;
    t.name = Text(row, 0);
    t.options.without_rowid = Int(row, 2) != 0;
    t.options.strict = Int(row, 3) != 0;
    table_at.emplace(t.name, s.tables.size());
    facts.push_back(ParseCreateTable(Text(row, 1)));
    s.tables.push_back(std::move(t));
  }

  // Columns and primary keys.
  auto columns = conn_.Query(queries::kColumns);
  if (!columns.ok()) {
    return Wrap(std::move(columns).diags(), "columns");
  }
  std::vector<std::vector<std::pair<int64_t, std::string>>> pk_parts(s.tables.size());
  for (const auto& row : *columns) {
    const auto it = table_at.find(Text(row, 0));
    if (it == table_at.end()) {
      continue;
    }
    schema::Table& t = s.tables[it->second];
    schema::Column c = MakeColumn(row);
    const int64_t hidden = Int(row, 7);
    if (const auto& f = facts[it->second]) {
      for (const auto& cf : f->columns) {
        if (!EqualsFold(cf.name, c.name)) {
          continue;
        }
        c.auto_increment = cf.autoincrement;
        c.collation = cf.collation;
        if (hidden >= 2 && cf.generated) {
          c.generated = schema::Generated{*cf.generated, hidden == 3};
        }
        break;
      }
    }
    if (Int(row, 6) > 0) {
      pk_parts[it->second].emplace_back(Int(row, 6), c.name);
    }
    t.columns.push_back(std::move(c));
  }
  for (size_t i = 0; i < s.tables.size(); ++i) {
    auto& parts = pk_parts[i];
    if (parts.empty()) {
      continue;
    }
    std::sort(parts.begin(), parts.end());
    schema::PrimaryKey pk;
    if (facts[i]) {
      pk.name = facts[i]->primary_key_name;
    }
    for (auto& [seq, name] : parts) {
      schema::IndexPart p;
      p.column = std::move(name);
      pk.parts.push_back(std::move(p));
    }
    s.tables[i].primary_key = std::move(pk);
    // AUTOINCREMENT is only valid on a single-column INTEGER PRIMARY KEY.
    if (s.tables[i].primary_key->parts.size() != 1) {
      for (auto& c : s.tables[i].columns) {
        c.auto_increment = false;
      }
    }
  }
  // Checks from the CREATE TABLE text.
  for (size_t i = 0; i < s.tables.size(); ++i) {
    if (facts[i]) {
      s.tables[i].checks = facts[i]->checks;
    }
  }

  // Indexes.
  auto indexes = conn_.Query(queries::kIndexes);
  if (!indexes.ok()) {
    return Wrap(std::move(indexes).diags(), "indexes");
  }
  std::map<std::pair<size_t, std::string>, IndexFacts> index_facts;
  std::map<std::pair<size_t, std::string>, size_t> index_at;
  for (const auto& row : *indexes) {
    // table, index, unique, origin, partial, sql
    const auto it = table_at.find(Text(row, 0));
    if (it == table_at.end() || Text(row, 3) == "pk") {
      continue;
    }
    schema::Index idx;
    idx.name = Text(row, 1);
    idx.unique = Int(row, 2) != 0;
    if (row[5]) {
      if (auto f = ParseCreateIndex(*row[5])) {
        if (Int(row, 4) != 0) {
          idx.where = f->where;
        }
        index_facts.emplace(std::make_pair(it->second, idx.name), std::move(*f));
      }
    }
    index_at.emplace(std::make_pair(it->second, idx.name), s.tables[it->second].indexes.size());
    s.tables[it->second].indexes.push_back(std::move(idx));
  }
  auto index_columns = conn_.Query(queries::kIndexColumns);
  if (!index_columns.ok()) {
    return Wrap(std::move(index_columns).diags(), "index columns");
  }
  for (const auto& row : *index_columns) {
    // table, index, seqno, cid, column name, desc, collation
    const auto it = table_at.find(Text(row, 0));
    if (it == table_at.end()) {
      continue;
    }
    schema::Table& t = s.tables[it->second];
    const std::string& index_name = Text(row, 1);
    const auto at = index_at.find(std::make_pair(it->second, index_name));
    if (at == index_at.end()) {
      continue;  // the primary key's index
    }
    schema::Index* idx = &t.indexes[at->second];
    schema::IndexPart part;
    part.desc = Int(row, 5) != 0;
    const int64_t cid = Int(row, 3);
    const auto seqno = static_cast<size_t>(Int(row, 2));
    std::string column_collation = "BINARY";
    if (cid >= 0 && row[4]) {
      part.column = *row[4];
      if (const auto* c = t.FindColumn(part.column); c != nullptr && !c->collation.empty()) {
        column_collation = c->collation;
      }
    } else if (cid == -1) {
      part.column = "rowid";
    } else {
      const auto f = index_facts.find(std::make_pair(it->second, index_name));
      if (f != index_facts.end() && seqno < f->second.parts.size()) {
        part.expr = f->second.parts[seqno];
      }
    }
    if (row[6] && !EqualsFold(*row[6], column_collation)) {
      part.collation = *row[6];
    }
    idx->parts.push_back(std::move(part));
  }

  // Foreign keys: rows ordered by (table, id, seq); SQLite numbers them in reverse declaration
  // order.
  auto fks = conn_.Query(queries::kForeignKeys);
  if (!fks.ok()) {
    return Wrap(std::move(fks).diags(), "foreign keys");
  }
  {
    std::vector<std::vector<schema::ForeignKey>> per_table(s.tables.size());
    std::string last_table;
    int64_t last_id = -1;
    for (const auto& row : *fks) {
      // table, id, seq, parent, from, to, on_update, on_delete
      const auto it = table_at.find(Text(row, 0));
      if (it == table_at.end()) {
        continue;
      }
      auto& list = per_table[it->second];
      if (Text(row, 0) != last_table || Int(row, 1) != last_id || list.empty()) {
        schema::ForeignKey fk;
        fk.ref_table = Text(row, 3);
        fk.on_update = Action(Text(row, 6));
        fk.on_delete = Action(Text(row, 7));
        list.push_back(std::move(fk));
        last_table = Text(row, 0);
        last_id = Int(row, 1);
      }
      list.back().columns.push_back(Text(row, 4));
      if (row[5]) {
        list.back().ref_columns.push_back(*row[5]);
      }
    }
    for (size_t i = 0; i < s.tables.size(); ++i) {
      auto& list = per_table[i];
      std::reverse(list.begin(), list.end());
      for (auto& fk : list) {
        // References to the parent's primary key without a column list.
        if (fk.ref_columns.size() != fk.columns.size()) {
          fk.ref_columns.clear();
          const auto parent = table_at.find(fk.ref_table);
          if (parent != table_at.end() && s.tables[parent->second].primary_key) {
            for (const auto& p : s.tables[parent->second].primary_key->parts) {
              fk.ref_columns.push_back(p.column);
            }
          }
        }
        if (!facts[i]) {
          continue;
        }
        for (const auto& ff : facts[i]->foreign_keys) {
          if (ff.name.empty() || !EqualsFold(ff.ref_table, fk.ref_table) ||
              ff.columns.size() != fk.columns.size()) {
            continue;
          }
          bool same = std::equal(
              ff.columns.begin(), ff.columns.end(), fk.columns.begin(),
              [](const std::string& a, const std::string& b) { return EqualsFold(a, b); });
          if (same && !ff.ref_columns.empty()) {
            same = ff.ref_columns.size() == fk.ref_columns.size() &&
                   std::equal(
                       ff.ref_columns.begin(), ff.ref_columns.end(), fk.ref_columns.begin(),
                       [](const std::string& a, const std::string& b) { return EqualsFold(a, b); });
          }
          const bool taken =
              std::any_of(list.begin(), list.end(),
                          [&](const schema::ForeignKey& o) { return o.name == ff.name; });
          if (same && !taken) {
            fk.name = ff.name;
            break;
          }
        }
      }
      s.tables[i].foreign_keys = std::move(list);
    }
  }

  // Views.
  auto views = conn_.Query(queries::kViews);
  if (!views.ok()) {
    return Wrap(std::move(views).diags(), "views");
  }
  std::unordered_map<std::string, size_t> view_at;
  for (const auto& row : *views) {
    schema::View v;
    v.name = Text(row, 0);
    v.definition = ViewDefinition(Text(row, 1));
    view_at.emplace(v.name, s.views.size());
    s.views.push_back(std::move(v));
  }
  if (!s.views.empty()) {
    auto view_columns = conn_.Query(queries::kViewColumns);
    std::vector<Row> rows;
    if (view_columns.ok()) {
      rows = std::move(*view_columns);
    } else {
      // A broken view (it refers to a missing table) fails the set-based query: read views one by
      // one and leave the broken ones without columns.
      for (const auto& v : s.views) {
        auto one = conn_.Query(queries::kOneViewColumns, {v.name});
        if (one.ok()) {
          rows.insert(rows.end(), one->begin(), one->end());
        }
      }
    }
    for (const auto& row : rows) {
      const auto it = view_at.find(Text(row, 0));
      if (it != view_at.end()) {
        s.views[it->second].columns.push_back(MakeColumn(row));
      }
    }
  }

  // Triggers.
  auto triggers = conn_.Query(queries::kTriggers);
  if (!triggers.ok()) {
    return Wrap(std::move(triggers).diags(), "triggers");
  }
  for (const auto& row : *triggers) {
    schema::Trigger tr;
    tr.name = Text(row, 0);
    tr.table = Text(row, 1);
    tr.body = Text(row, 2);
    if (const auto t = table_at.find(tr.table); t != table_at.end()) {
      s.tables[t->second].triggers.push_back(std::move(tr));
    } else if (const auto v = view_at.find(tr.table); v != view_at.end()) {
      s.views[v->second].triggers.push_back(std::move(tr));
    } else {
      // Table names are case-insensitive in SQLite.
      auto ti = std::find_if(s.tables.begin(), s.tables.end(),
                             [&](const schema::Table& x) { return EqualsFold(x.name, tr.table); });
      if (ti != s.tables.end()) {
        tr.table = ti->name;
        ti->triggers.push_back(std::move(tr));
      } else if (auto vi = std::find_if(
                     s.views.begin(), s.views.end(),
                     [&](const schema::View& x) { return EqualsFold(x.name, tr.table); });
                 vi != s.views.end()) {
        tr.table = vi->name;
        vi->triggers.push_back(std::move(tr));
      }
    }
  }

  realm.schemas.push_back(std::move(s));
  if (options.exclude.empty()) {
    return realm;
  }
  auto exclude = Exclude::Parse(options.exclude, kMain);
  if (!exclude.ok()) {
    return std::move(exclude).diags();
  }
  return exclude->Apply(std::move(realm));
}

}  // namespace atlas::engine::drivers::sqlite
