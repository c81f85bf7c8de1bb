#include "engine/drivers/mysql/inspect.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "engine/drivers/driver.hpp"
#include "engine/drivers/mysql/convert.hpp"
#include "engine/drivers/mysql/queries.hpp"

namespace atlas::engine::drivers::mysql {
namespace {

using base::Result;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// "utf8mb4_general_ci" -> "utf8mb4" (character set names hold no '_').
std::string CharsetOf(std::string_view collation) {
  return std::string(collation.substr(0, collation.find('_')));
}

bool IsNumber(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  size_t i = s[0] == '-' || s[0] == '+' ? 1 : 0;
  bool digit = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      digit = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
      return false;
    }
  }
  return digit;
}

schema::ReferenceOption Rule(std::string_view rule) {
  if (rule == "CASCADE") {
    return schema::ReferenceOption::kCascade;
  }
  if (rule == "SET NULL") {
    return schema::ReferenceOption::kSetNull;
  }
  if (rule == "SET DEFAULT") {
    return schema::ReferenceOption::kSetDefault;
  }
  if (rule == "RESTRICT") {
    return schema::ReferenceOption::kRestrict;
  }
  return schema::ReferenceOption::kNoAction;
}

// Removes "`schema`." qualifiers (outside string literals).
std::string StripQualifier(std::string_view text, std::string_view schema_name) {
  std::string q = "`";
  for (const char c : schema_name) {
    q += c;
    if (c == '`') {
      q += '`';
    }
  }
  q += "`.";
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote == 0 && c == '\'') {
      quote = c;
    } else if (quote != 0 && c == quote) {
      quote = 0;
    } else if (quote == 0 && text.compare(i, q.size(), q) == 0) {
      i += q.size() - 1;
      continue;
    }
    out += c;
  }
  return out;
}

// current_timestamp() / now() / current_timestamp(3) -> CURRENT_TIMESTAMP[(3)] as Atlas prints it.
schema::Expr Canonical(schema::Expr e) {
  if (e.kind == schema::Expr::Kind::kRaw) {
    std::string n = NormalizeDefaultExpr(e.text);
    if (n.rfind("current_timestamp", 0) == 0) {
      for (auto& c : n) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      e.text = n;
    }
  }
  return e;
}

std::string QuoteIdent(std::string_view name) {
  std::string out = "`";
  for (const char c : name) {
    out += c;
    if (c == '`') {
      out += '`';
    }
  }
  return out + "`";
}

}  // namespace

std::optional<schema::Expr> ParseDefault(Flavor flavor, const std::optional<std::string>& value,
                                         std::string_view extra, const schema::ColumnType& type) {
  if (!value) {
    return std::nullopt;
  }
  const std::string& v = *value;
  if (flavor == Flavor::kMariaDb) {
    if (v == "NULL") {
      return std::nullopt;
    }
    if (!v.empty() && v.front() == '\'') {
      return schema::Expr{schema::Expr::Kind::kLiteral, v};
    }
    if (v.size() >= 3 && (v[0] == 'b' || v[0] == 'x' || v[0] == 'B' || v[0] == 'X') &&
        v[1] == '\'') {
      return schema::Expr{schema::Expr::Kind::kLiteral, v};  // bit / hex literal
    }
    if (IsNumber(v)) {
      return schema::Expr{schema::Expr::Kind::kLiteral, v};
    }
    return schema::Expr{schema::Expr::Kind::kRaw, v};
  }
  // MySQL 8: literals are unquoted; expressions are flagged DEFAULT_GENERATED in EXTRA.
  const std::string lextra = Lower(extra);
  if (lextra.find("default_generated") != std::string::npos ||
      NormalizeDefaultExpr(v).rfind("current_timestamp", 0) == 0) {
    return schema::Expr{schema::Expr::Kind::kRaw, v};
  }
  if (IsNumber(v) && !IsCharType(type)) {
    return schema::Expr{schema::Expr::Kind::kLiteral, v};
  }
  return schema::Expr{schema::Expr::Kind::kLiteral, QuoteValue(v)};
}

Result<schema::Realm> Inspect(const Conn& conn, Flavor flavor, const InspectScope& scope) {
  schema::Realm realm;
  auto schemas = scope.schemas.empty() ? conn.Query(queries::kAllSchemas)
                                       : conn.Query(queries::kSchemas, {Param(scope.schemas)});
  if (!schemas.ok()) {
    return std::move(schemas).diags();
  }
  std::vector<std::string> names;
  for (int r = 0; r < schemas->size(); ++r) {
    schema::Schema s;
    s.name = schemas->Text(r, 0);
    s.charset = schemas->Text(r, 1);
    s.collation = schemas->Text(r, 2);
    names.push_back(s.name);
    realm.schemas.push_back(std::move(s));
  }
  if (names.empty()) {
    return realm;
  }
  const std::vector<Param> in = {Param(names)};
  // Index: schema -> position; (schema, table) -> table.
  std::map<std::string, schema::Schema*, std::less<>> by_schema;
  for (auto& s : realm.schemas) {
    by_schema[s.name] = &s;
  }
  std::map<std::pair<std::string, std::string>, schema::Table*> tables;
  std::map<std::pair<std::string, std::string>, schema::View*> views;

  auto trows = conn.Query(queries::kTables, in);
  if (!trows.ok()) {
    return std::move(trows).diags();
  }
  for (int r = 0; r < trows->size(); ++r) {
    const auto it = by_schema.find(trows->Text(r, 0));
    if (it == by_schema.end()) {
      continue;
    }
    schema::Schema& s = *it->second;
    const std::string_view type = trows->Text(r, 2);
    if (type == "SEQUENCE") {
      s.unmanaged.push_back({"sequence", std::string(trows->Text(r, 1))});
      continue;
    }
    if (type == "SYSTEM VERSIONED") {
      s.unmanaged.push_back({"system_versioned_table", std::string(trows->Text(r, 1))});
      continue;
    }
    schema::Table t;
    t.name = trows->Text(r, 1);
    t.options.collation = trows->Text(r, 3);
    t.options.charset = CharsetOf(t.options.collation);
    if (const std::string engine(trows->Text(r, 4)); Lower(engine) != "innodb") {
      t.options.engine = engine;
    }
    if (!trows->IsNull(r, 5) && trows->Int(r, 5) > 1) {
      t.options.auto_increment = trows->Int(r, 5);
    }
    t.comment = trows->Text(r, 6);
    s.tables.push_back(std::move(t));
  }
  // Pointers are taken once every vector has its final size.
  for (auto& s : realm.schemas) {
    for (auto& t : s.tables) {
      tables[{s.name, t.name}] = &t;
    }
  }

  auto vrows = conn.Query(queries::kViews, in);
  if (!vrows.ok()) {
    return std::move(vrows).diags();
  }
  for (int r = 0; r < vrows->size(); ++r) {
    const auto it = by_schema.find(vrows->Text(r, 0));
    if (it == by_schema.end()) {
      continue;
    }
    schema::View v;
    v.name = vrows->Text(r, 1);
    v.definition = StripQualifier(vrows->Text(r, 2), it->first);
    if (const std::string_view opt = vrows->Text(r, 3); opt != "NONE" && !opt.empty()) {
      v.check_option = opt;
    }
    it->second->views.push_back(std::move(v));
  }
  for (auto& s : realm.schemas) {
    for (auto& v : s.views) {
      views[{s.name, v.name}] = &v;
    }
  }

  auto crows = conn.Query(queries::kColumns, in);
  if (!crows.ok()) {
    return std::move(crows).diags();
  }
  for (int r = 0; r < crows->size(); ++r) {
    const std::pair<std::string, std::string> key{crows->Text(r, 0), crows->Text(r, 1)};
    schema::Column c;
    c.name = crows->Text(r, 2);
    c.type = ParseType(crows->Text(r, 3));
    c.nullable = crows->Text(r, 4) == "YES";
    const std::string extra = Lower(crows->Text(r, 6));
    c.default_value = ParseDefault(flavor, crows->Optional(r, 5), extra, c.type);
    if (c.default_value) {
      c.default_value = Canonical(*c.default_value);
    }
    c.auto_increment = extra.find("auto_increment") != std::string::npos;
    if (const auto on = extra.find("on update "); on != std::string::npos) {
      std::string expr = extra.substr(on + 10);
      expr = expr.substr(0, expr.find(' '));
      c.on_update = Canonical(schema::Expr{schema::Expr::Kind::kRaw, expr});
    }
    if (extra.find("generated") != std::string::npos && !crows->IsNull(r, 10) &&
        !crows->Text(r, 10).empty() && extra.find("default_generated") == std::string::npos) {
      c.generated = schema::Generated{std::string(crows->Text(r, 10)),
                                      extra.find("stored") != std::string::npos ||
                                          extra.find("persistent") != std::string::npos};
      c.default_value.reset();
    }
    c.comment = crows->Text(r, 9);
    if (const auto t = tables.find(key); t != tables.end()) {
      if (!crows->IsNull(r, 7) && crows->Text(r, 7) != t->second->options.charset) {
        c.charset = crows->Text(r, 7);
      }
      if (!crows->IsNull(r, 8) && crows->Text(r, 8) != t->second->options.collation) {
        c.collation = crows->Text(r, 8);
      }
      t->second->columns.push_back(std::move(c));
    } else if (const auto v = views.find(key); v != views.end()) {
      v->second->columns.push_back(std::move(c));
    }
  }

  auto irows = conn.Query(
      flavor == Flavor::kMariaDb ? queries::kIndexesMariaDb : queries::kIndexesMysql, in);
  if (!irows.ok()) {
    return std::move(irows).diags();
  }
  for (int r = 0; r < irows->size(); ++r) {
    const auto t = tables.find({std::string(irows->Text(r, 0)), std::string(irows->Text(r, 1))});
    if (t == tables.end()) {
      continue;
    }
    schema::Table& table = *t->second;
    const std::string name(irows->Text(r, 2));
    schema::IndexPart part;
    part.column = irows->Text(r, 4);
    if (!irows->IsNull(r, 9)) {
      part.expr = irows->Text(r, 9);
    }
    const std::string type(irows->Text(r, 7));
    if (!irows->IsNull(r, 5) && type != "SPATIAL") {
      part.prefix = static_cast<int>(irows->Int(r, 5));
    }
    part.desc = irows->Text(r, 6) == "D";
    if (name == "PRIMARY") {
      if (!table.primary_key) {
        table.primary_key = schema::PrimaryKey{"PRIMARY", {}};
      }
      table.primary_key->parts.push_back(std::move(part));
      continue;
    }
    if (table.indexes.empty() || table.indexes.back().name != name) {
      schema::Index idx;
      idx.name = name;
      idx.unique = irows->Text(r, 3) == "0";
      idx.type = type == "BTREE" ? std::string() : type;
      idx.comment = irows->Text(r, 8);
      table.indexes.push_back(std::move(idx));
    }
    table.indexes.back().parts.push_back(std::move(part));
  }

  auto frows = conn.Query(queries::kForeignKeys, in);
  if (!frows.ok()) {
    return std::move(frows).diags();
  }
  for (int r = 0; r < frows->size(); ++r) {
    const std::string sname(frows->Text(r, 0));
    const auto t = tables.find({sname, std::string(frows->Text(r, 1))});
    if (t == tables.end()) {
      continue;
    }
    auto& fks = t->second->foreign_keys;
    const std::string name(frows->Text(r, 2));
    if (fks.empty() || fks.back().name != name) {
      schema::ForeignKey fk;
      fk.name = name;
      if (frows->Text(r, 4) != sname) {
        fk.ref_schema = frows->Text(r, 4);
      }
      fk.ref_table = frows->Text(r, 5);
      fk.on_update = Rule(frows->Text(r, 7));
      fk.on_delete = Rule(frows->Text(r, 8));
      fks.push_back(std::move(fk));
    }
    fks.back().columns.emplace_back(frows->Text(r, 3));
    fks.back().ref_columns.emplace_back(frows->Text(r, 6));
  }

  auto krows =
      conn.Query(flavor == Flavor::kMariaDb ? queries::kChecksMariaDb : queries::kChecksMysql, in);
  if (!krows.ok()) {
    return std::move(krows).diags();
  }
  for (int r = 0; r < krows->size(); ++r) {
    const auto t = tables.find({std::string(krows->Text(r, 0)), std::string(krows->Text(r, 1))});
    if (t == tables.end()) {
      continue;
    }
    schema::Table& table = *t->second;
    schema::Check ck;
    ck.name = krows->Text(r, 2);
    ck.expr = krows->Text(r, 3);
    if (krows->Text(r, 4) == "Column") {
      // MariaDB's JSON type: LONGTEXT + CHECK (json_valid(`c`)) named after the column.
      auto col = std::find_if(table.columns.begin(), table.columns.end(),
                              [&](const schema::Column& c) { return c.name == ck.name; });
      if (col != table.columns.end() && col->type.normalized == "longtext" &&
          NormalizeExpr(ck.expr) == "json_valid(" + NormalizeExpr(QuoteIdent(col->name)) + ")") {
        col->type = ParseType("json");
        col->charset.clear();
        col->collation.clear();
        continue;
      }
    }
    table.checks.push_back(std::move(ck));
  }

  auto grows = conn.Query(queries::kTriggers, in);
  if (!grows.ok()) {
    return std::move(grows).diags();
  }
  for (int r = 0; r < grows->size(); ++r) {
    const auto t = tables.find({std::string(grows->Text(r, 0)), std::string(grows->Text(r, 2))});
    if (t == tables.end()) {
      continue;
    }
    schema::Trigger tr;
    tr.name = grows->Text(r, 1);
    tr.table = grows->Text(r, 2);
    tr.body = "CREATE TRIGGER " + QuoteIdent(tr.name) + " " + std::string(grows->Text(r, 3)) + " " +
              std::string(grows->Text(r, 4)) + " ON " + QuoteIdent(tr.table) + " FOR EACH ROW " +
              StripQualifier(grows->Text(r, 5), grows->Text(r, 0));
    t->second->triggers.push_back(std::move(tr));
  }
  for (auto& s : realm.schemas) {
    for (auto& t : s.tables) {
      std::sort(t.indexes.begin(), t.indexes.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
      std::sort(t.foreign_keys.begin(), t.foreign_keys.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
      std::sort(t.triggers.begin(), t.triggers.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
    }
  }
  return realm;
}

}  // namespace atlas::engine::drivers::mysql
