#include "engine/drivers/postgres/inspect.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/drivers/postgres/convert.hpp"
#include "engine/drivers/postgres/queries.hpp"

namespace atlas::engine::drivers::postgres {
namespace {

using base::Result;
using base::Status;
using Key = std::pair<std::string, std::string>;  // (schema, object)

constexpr int kVersion11 = 110000;
constexpr int kVersion15 = 150000;

// Adapts a query to older servers (columns that do not exist before 11 / 15).
std::string ForVersion(std::string_view query, int version) {
  std::string q(query);
  const auto replace = [&q](std::string_view from, std::string_view to) {
    for (auto pos = q.find(from); pos != std::string::npos; pos = q.find(from, pos + to.size())) {
      q.replace(pos, from.size(), to);
    }
  };
  if (version < kVersion15) {
    replace("x.indnullsnotdistinct", "false");
  }
  if (version < kVersion11) {
    replace("x.indnkeyatts", "x.indnatts");
    replace(
        "CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN "
        "'window function'\n    ELSE 'function' END",
        "CASE WHEN p.proisagg THEN 'aggregate' ELSE 'function' END");
  }
  return q;
}

Status Wrap(Result<Rows>& r, const std::string& what) {
  if (r.ok()) {
    return {};
  }
  base::Diagnostics d = r.diags();
  for (auto& item : d.items()) {
    item.summary = "postgres: querying " + what + ": " + item.summary;
  }
  return d;
}

// Quotes an identifier unless it is a plain lower-case name.
std::string IdentIfNeeded(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      plain = false;
    }
  }
  if (plain) {
    return name;
  }
  std::string out = "\"";
  for (const char c : name) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

// Name of a user-defined type as referenced from `from_schema`.
std::string UserTypeName(const std::string& ns, const std::string& name,
                         const std::string& from_schema) {
  if (ns == from_schema) {
    return IdentIfNeeded(name);
  }
  return IdentIfNeeded(ns) + "." + IdentIfNeeded(name);
}

std::string TrimDefinition(std::string_view def) {
  while (!def.empty() && (def.front() == ' ' || def.front() == '\n')) {
    def.remove_prefix(1);
  }
  while (!def.empty() && (def.back() == ' ' || def.back() == '\n' || def.back() == ';')) {
    def.remove_suffix(1);
  }
  return std::string(def);
}

schema::ReferenceOption RefOption(std::string_view c) {
  if (c == "r") {
    return schema::ReferenceOption::kRestrict;
  }
  if (c == "c") {
    return schema::ReferenceOption::kCascade;
  }
  if (c == "n") {
    return schema::ReferenceOption::kSetNull;
  }
  if (c == "d") {
    return schema::ReferenceOption::kSetDefault;
  }
  return schema::ReferenceOption::kNoAction;
}

struct TypeLimits {
  int64_t min;
  int64_t max;
};

TypeLimits LimitsOf(const std::string& type) {
  if (type == "smallint") {
    return {std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()};
  }
  if (type == "integer") {
    return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  }
  return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
}

// Restores the session search_path when the realm inspection ends (also on error).
class SearchPathGuard {
 public:
  SearchPathGuard(const Conn& conn, std::string previous)
      : conn_(conn), previous_(std::move(previous)) {}
  ~SearchPathGuard() {
    if (active_) {
      // Best effort: a failure here leaves an empty search_path on a connection that is only used
      // with qualified names; nothing to report from a destructor.
      (void)conn_.Query(queries::kSetSearchPath, {Param(previous_)});
    }
  }
  SearchPathGuard(const SearchPathGuard&) = delete;
  SearchPathGuard& operator=(const SearchPathGuard&) = delete;
  SearchPathGuard(SearchPathGuard&&) = delete;
  SearchPathGuard& operator=(SearchPathGuard&&) = delete;

  Status Clear() {
    auto r = conn_.Query(queries::kSetSearchPath, {Param(std::string())});
    if (!r.ok()) {
      return Wrap(r, "search_path");
    }
    active_ = true;
    return {};
  }

 private:
  const Conn& conn_;
  std::string previous_;
  bool active_ = false;
};

class Inspection {
 public:
  Inspection(const Conn& conn, int version, const InspectScope& scope)
      : conn_(conn), version_(version), scope_(scope) {}

  Result<schema::Realm> Run() {
    auto params = conn_.Query(queries::kParams);
    if (auto st = Wrap(params, "session parameters"); !st.ok()) {
      return std::move(st).diags();
    }
    SearchPathGuard guard(conn_, std::string(params->Text(0, 1)));
    if (scope_.clear_search_path) {
      if (auto st = guard.Clear(); !st.ok()) {
        return std::move(st).diags();
      }
    }
    if (auto st = Schemas(); !st.ok()) {
      return std::move(st).diags();
    }
    if (realm_.schemas.empty()) {
      return std::move(realm_);  // nothing in scope
    }
    // Every other query depends only on the schema names: they go to the server as one batch
    // (pipelined), so that it runs the next queries while the results of one are processed here.
    // Declared after `guard`: the batch is finished before the search_path is restored.
    std::vector<BatchQuery> batch;
    for (const std::string_view q : kBatchOrder) {
      batch.push_back(q == queries::kExtensions
                          ? BatchQuery{std::string(q), {}}
                          : BatchQuery{ForVersion(q, version_), {Param(names_)}});
    }
    const std::unique_ptr<Batch> pending = conn_.SendBatch(std::move(batch));
    batch_ = pending.get();
    batch_next_ = 0;
    for (auto step :
         {&Inspection::Relations, &Inspection::Columns, &Inspection::Indexes,
          &Inspection::ForeignKeys, &Inspection::Checks, &Inspection::Enums, &Inspection::Sequences,
          &Inspection::Extensions, &Inspection::ViewDependencies, &Inspection::Unmanaged}) {
      if (auto st = (this->*step)(); !st.ok()) {
        batch_ = nullptr;
        return std::move(st).diags();
      }
    }
    batch_ = nullptr;
    return std::move(realm_);
  }

 private:
  // The queries after Schemas, in the order of the steps that read their results.
  static constexpr std::string_view kBatchOrder[] = {
      queries::kRelations,        queries::kColumns,  queries::kIndexes,   queries::kForeignKeys,
      queries::kChecks,           queries::kEnums,    queries::kSequences, queries::kExtensions,
      queries::kViewDependencies, queries::kUnmanaged};

  // The result of `query`, the next one of the batch.
  Result<Rows> QuerySchemas(std::string_view query) {
    if (batch_ == nullptr || batch_next_ >= std::size(kBatchOrder) ||
        kBatchOrder[batch_next_].data() != query.data()) {
      return base::Error("postgres: internal error", "inspection queries read out of order");
    }
    ++batch_next_;
    return batch_->Next();
  }

  Status Schemas() {
    Param filter;
    if (!scope_.schemas.empty()) {
      filter = TextArrayLiteral(scope_.schemas);
    }
    auto rows = conn_.Query(queries::kSchemas, {filter});
    if (auto st = Wrap(rows, "schemas"); !st.ok()) {
      return st;
    }
    std::vector<std::string> names;
    for (int r = 0; r < rows->size(); ++r) {
      schema::Schema s;
      s.name = rows->Text(r, 0);
      s.comment = rows->Text(r, 1);
      names.push_back(s.name);
      realm_.schemas.push_back(std::move(s));
    }
    names_ = TextArrayLiteral(names);
    return {};
  }

  Status Relations() {
    auto rows = QuerySchemas(queries::kRelations);
    if (auto st = Wrap(rows, "tables and views"); !st.ok()) {
      return st;
    }
    for (int r = 0; r < rows->size(); ++r) {
      schema::Schema* s = realm_.FindSchema(rows->Text(r, 0));
      if (s == nullptr) {
        continue;
      }
      const std::string_view kind = rows->Text(r, 2);
      if (kind == "r" || kind == "p") {
        schema::Table t;
        t.name = rows->Text(r, 1);
        t.comment = rows->Text(r, 3);
        s->tables.push_back(std::move(t));
      } else {
        schema::View v;
        v.name = rows->Text(r, 1);
        v.comment = rows->Text(r, 3);
        v.definition = TrimDefinition(rows->Text(r, 4));
        v.materialized = kind == "m";
        if (const auto opt = rows->Text(r, 5); !opt.empty()) {
          v.check_option = opt == "local" ? "LOCAL" : "CASCADED";
        }
        s->views.push_back(std::move(v));
      }
    }
    for (auto& s : realm_.schemas) {
      for (auto& t : s.tables) {
        tables_[{s.name, t.name}] = &t;
      }
      for (auto& v : s.views) {
        views_[{s.name, v.name}] = &v;
      }
    }
    return {};
  }

  Status Columns() {
    auto rows = QuerySchemas(queries::kColumns);
    if (auto st = Wrap(rows, "columns"); !st.ok()) {
      return st;
    }
    // Rows are not sorted by the server (sorting them there costs more than all of this): each
    // relation's columns are put in column-number order below when they did not arrive so.
    // Rows of one relation normally come together; the cached target only saves lookups.
    struct Target {
      std::vector<schema::Column>* columns = nullptr;
      bool view = false;
      std::vector<int64_t> numbers;  // attnum of each entry of *columns
    };
    std::map<Key, Target> targets;
    Target* target = nullptr;
    std::string_view last_schema;
    std::string_view last_relation;
    std::string schema_name;  // last_schema, as ColumnFrom takes it
    for (int r = 0; r < rows->size(); ++r) {
      const std::string_view ns = rows->Text(r, 0);
      const std::string_view relation = rows->Text(r, 1);
      if (target == nullptr || ns != last_schema || relation != last_relation) {
        last_schema = ns;
        last_relation = relation;
        schema_name = std::string(ns);
        const Key rel{schema_name, std::string(relation)};
        auto [it, added] = targets.try_emplace(rel);
        if (added) {
          if (auto t = tables_.find(rel); t != tables_.end()) {
            it->second.columns = &t->second->columns;
          } else if (auto v = views_.find(rel); v != views_.end()) {
            it->second.columns = &v->second->columns;
            it->second.view = true;
          }
        }
        target = &it->second;
      }
      if (target->columns == nullptr) {
        continue;
      }
      schema::Column c = ColumnFrom(*rows, r, schema_name);
      if (target->view) {
        c.default_value.reset();
      }
      target->columns->push_back(std::move(c));
      target->numbers.push_back(rows->Int(r, 20));
    }
    for (auto& [rel, t] : targets) {
      if (t.columns == nullptr || std::is_sorted(t.numbers.begin(), t.numbers.end())) {
        continue;
      }
      std::vector<size_t> order(t.numbers.size());
      for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
      }
      std::sort(order.begin(), order.end(),
                [&](size_t a, size_t b) { return t.numbers[a] < t.numbers[b]; });
      std::vector<schema::Column> sorted;
      sorted.reserve(order.size());
      for (const size_t i : order) {
        sorted.push_back(std::move((*t.columns)[i]));
      }
      *t.columns = std::move(sorted);
    }
    return {};
  }

  schema::Column ColumnFrom(const Rows& rows, int r, const std::string& table_schema) {
    schema::Column c;
    c.name = rows.Text(r, 2);
    c.nullable = !rows.Bool(r, 4);
    c.collation = rows.Text(r, 8);
    c.comment = rows.Text(r, 15);
    const std::string fmt(rows.Text(r, 3));
    const std::string typtype(rows.Text(r, 9));
    const std::string typns(rows.Text(r, 11));
    const bool is_array = !rows.IsNull(r, 13);
    const std::string elem_type(rows.Text(r, 12));
    const std::string elem_ns(rows.Text(r, 14));
    c.type.raw = fmt;
    bool is_enum = false;
    if (is_array) {
      c.type.array_dims = 1;
      if (elem_ns != "pg_catalog") {
        c.type.normalized =
            UserTypeName(elem_ns, std::string(rows.Text(r, 13)), table_schema) + "[]";
        if (elem_type == "e") {
          is_enum = true;
          c.type.enum_ref = rows.Text(r, 13);
          c.type.enum_schema = elem_ns;
        }
      } else {
        c.type.normalized = Normalized(fmt);
      }
    } else if (typns != "pg_catalog") {
      c.type.normalized = UserTypeName(typns, std::string(rows.Text(r, 10)), table_schema);
      if (typtype == "e") {
        is_enum = true;
        c.type.enum_ref = rows.Text(r, 10);
        c.type.enum_schema = typns;
      }
    } else {
      c.type.normalized = Normalized(fmt);
    }
    const std::string_view identity = rows.Text(r, 6);
    const bool generated = rows.Text(r, 7) == "s";
    if (!identity.empty()) {
      schema::Identity id;
      id.generation = identity == "a" ? schema::Identity::Generation::kAlways
                                      : schema::Identity::Generation::kByDefault;
      id.start = rows.IsNull(r, 16) ? 1 : rows.Int(r, 16);
      id.increment = rows.IsNull(r, 17) ? 1 : rows.Int(r, 17);
      c.identity = id;
    }
    if (rows.IsNull(r, 5)) {
      return c;
    }
    const std::string expr(rows.Text(r, 5));
    if (generated) {
      c.generated = schema::Generated{expr, true};
      return c;
    }
    // Serial: the default is nextval() of the sequence the column owns (column 18).
    if (!rows.IsNull(r, 18) && expr == rows.Text(r, 18)) {
      if (const auto st = SerialForInteger(c.type.normalized); !st.empty()) {
        c.type.normalized = st;
        c.type.raw = st;
        c.auto_increment = true;
        serial_sequences_.insert({table_schema, std::string(rows.Text(r, 19))});
        return c;
      }
    }
    if (auto lit = DefaultLiteral(expr, CategoryOf(c.type.normalized, is_enum))) {
      c.default_value = schema::Expr{schema::Expr::Kind::kLiteral, *lit};
    } else {
      c.default_value = schema::Expr{schema::Expr::Kind::kRaw, expr};
    }
    return c;
  }

  // NormalizeType of a format_type() spelling, memoized: a realm has thousands of columns but few
  // distinct types.
  const std::string& Normalized(const std::string& formatted) {
    auto it = normalized_types_.find(formatted);
    if (it == normalized_types_.end()) {
      it = normalized_types_.emplace(formatted, NormalizeType(formatted)).first;
    }
    return it->second;
  }

  Status Indexes() {
    auto rows = QuerySchemas(queries::kIndexes);
    if (auto st = Wrap(rows, "indexes"); !st.ok()) {
      return st;
    }
    Key current_table;
    std::string current_index;
    schema::Index idx;
    schema::Exclusion excl;  // the constraint of an index backing an EXCLUDE constraint (type x)
    bool primary = false;
    bool open = false;
    std::string constraint_type;
    const auto flush = [&]() {
      if (!open) {
        return;
      }
      open = false;
      if (constraint_type == "x") {
        if (auto t = tables_.find(current_table); t != tables_.end()) {
          excl.include = std::move(idx.include);
          excl.where = std::move(idx.where);
          t->second->exclusions.push_back(std::move(excl));
        }
        return;
      }
      if (auto t = tables_.find(current_table); t != tables_.end()) {
        if (primary) {
          schema::PrimaryKey pk;
          pk.name = idx.name;
          pk.parts = std::move(idx.parts);
          t->second->primary_key = std::move(pk);
        } else {
          t->second->indexes.push_back(std::move(idx));
        }
      } else if (auto v = views_.find(current_table); v != views_.end()) {
        v->second->indexes.push_back(std::move(idx));
      }
    };
    for (int r = 0; r < rows->size(); ++r) {
      const Key table{std::string(rows->Text(r, 0)), std::string(rows->Text(r, 1))};
      const std::string name(rows->Text(r, 2));
      if (!open || table != current_table || name != current_index) {
        flush();
        open = true;
        current_table = table;
        current_index = name;
        idx = schema::Index{};
        idx.name = name;
        idx.unique = rows->Bool(r, 5);
        idx.nulls_not_distinct = rows->Bool(r, 6);
        idx.where = rows->Text(r, 8);
        idx.comment = rows->Text(r, 9);
        constraint_type = rows->Text(r, 11);
        idx.constraint = constraint_type == "u";
        primary = rows->Bool(r, 4);
        std::string am_upper;
        for (const char ch : rows->Text(r, 3)) {
          am_upper += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
        }
        if (am_upper != "BTREE") {
          idx.type = am_upper;
        }
        excl = schema::Exclusion{};
        if (constraint_type == "x") {
          excl.name = rows->Text(r, 10);
          excl.type = am_upper;
          excl.deferrable = rows->Bool(r, 23);
          excl.initially_deferred = rows->Bool(r, 24);
          excl.comment = rows->Text(r, 25);
        }
      }
      const int64_t ord = rows->Int(r, 12);
      const int64_t key_columns = rows->Int(r, 7);
      if (ord > key_columns) {
        idx.include.emplace_back(rows->Text(r, 13));
        continue;
      }
      schema::IndexPart part;
      if (!rows->IsNull(r, 13)) {
        part.column = rows->Text(r, 13);
      } else {
        part.expr = rows->Text(r, 14);
      }
      part.desc = rows->Bool(r, 15);
      const bool nulls_first = rows->Bool(r, 16);
      if (part.desc && !nulls_first) {
        part.nulls_first = false;
      } else if (!part.desc && nulls_first) {
        part.nulls_first = true;
      }
      if (!rows->IsNull(r, 17) && !rows->Bool(r, 19)) {
        const std::string ns(rows->Text(r, 18));
        const std::string opc(rows->Text(r, 17));
        part.opclass = (ns == "pg_catalog" || ns == "public" || ns == table.first)
                           ? opc
                           : IdentIfNeeded(ns) + "." + opc;
      }
      part.collation = rows->Text(r, 20);
      if (constraint_type != "x") {
        idx.parts.push_back(std::move(part));
        continue;
      }
      const std::string op(rows->Text(r, 21));
      const std::string op_ns(rows->Text(r, 22));
      schema::ExclusionElement e;
      e.part = std::move(part);
      e.op = (op_ns == "pg_catalog" || op_ns == "public" || op_ns == table.first)
                 ? op
                 : "OPERATOR(" + IdentIfNeeded(op_ns) + "." + op + ")";
      excl.elements.push_back(std::move(e));
    }
    flush();
    return {};
  }

  Status ForeignKeys() {
    auto rows = QuerySchemas(queries::kForeignKeys);
    if (auto st = Wrap(rows, "foreign keys"); !st.ok()) {
      return st;
    }
    for (int r = 0; r < rows->size(); ++r) {
      const Key table{std::string(rows->Text(r, 0)), std::string(rows->Text(r, 1))};
      auto t = tables_.find(table);
      if (t == tables_.end()) {
        continue;
      }
      schema::ForeignKey fk;
      fk.name = rows->Text(r, 2);
      auto cols = ParseJsonStrings(rows->Text(r, 3));
      auto ref_cols = ParseJsonStrings(rows->Text(r, 6));
      if (!cols || !ref_cols) {
        return base::Error("postgres: malformed foreign key columns", fk.name);
      }
      fk.columns = std::move(*cols);
      fk.ref_columns = std::move(*ref_cols);
      if (const std::string ref_schema(rows->Text(r, 4)); ref_schema != table.first) {
        fk.ref_schema = ref_schema;
      }
      fk.ref_table = rows->Text(r, 5);
      fk.on_update = RefOption(rows->Text(r, 7));
      fk.on_delete = RefOption(rows->Text(r, 8));
      fk.deferrable = rows->Bool(r, 9);
      fk.initially_deferred = rows->Bool(r, 10);
      t->second->foreign_keys.push_back(std::move(fk));
    }
    return {};
  }

  Status Checks() {
    auto rows = QuerySchemas(queries::kChecks);
    if (auto st = Wrap(rows, "check constraints"); !st.ok()) {
      return st;
    }
    for (int r = 0; r < rows->size(); ++r) {
      auto t = tables_.find({std::string(rows->Text(r, 0)), std::string(rows->Text(r, 1))});
      if (t == tables_.end()) {
        continue;
      }
      schema::Check ck;
      ck.name = rows->Text(r, 2);
      ck.expr = rows->Text(r, 3);
      ck.no_inherit = rows->Bool(r, 4);
      t->second->checks.push_back(std::move(ck));
    }
    return {};
  }

  Status Enums() {
    auto rows = QuerySchemas(queries::kEnums);
    if (auto st = Wrap(rows, "enum types"); !st.ok()) {
      return st;
    }
    for (int r = 0; r < rows->size(); ++r) {
      schema::Schema* s = realm_.FindSchema(rows->Text(r, 0));
      if (s == nullptr) {
        continue;
      }
      schema::EnumType e;
      e.name = rows->Text(r, 1);
      auto values = ParseJsonStrings(rows->Text(r, 2));
      if (!values) {
        return base::Error("postgres: malformed enum labels", e.name);
      }
      e.values = std::move(*values);
      e.comment = rows->Text(r, 3);
      s->enums.push_back(std::move(e));
    }
    return {};
  }

  Status Sequences() {
    auto rows = QuerySchemas(queries::kSequences);
    if (auto st = Wrap(rows, "sequences"); !st.ok()) {
      return st;
    }
    for (int r = 0; r < rows->size(); ++r) {
      const std::string ns(rows->Text(r, 0));
      schema::Schema* s = realm_.FindSchema(ns);
      const std::string_view owner = rows->Text(r, 10);
      const std::string name(rows->Text(r, 1));
      if (s == nullptr || owner == "i" ||
          (owner == "a" && serial_sequences_.count({ns, name}) > 0)) {
        continue;
      }
      schema::Sequence seq;
      seq.name = name;
      const std::string type = NormalizeType(rows->Text(r, 2));
      seq.type = type == "bigint" ? "" : type;
      seq.start = rows->Int(r, 3);
      seq.increment = rows->Int(r, 4);
      const auto limits = LimitsOf(type);
      const int64_t default_min = seq.increment > 0 ? 1 : limits.min;
      const int64_t default_max = seq.increment > 0 ? limits.max : -1;
      if (const int64_t min = rows->Int(r, 5); min != default_min) {
        seq.min_value = min;
      }
      if (const int64_t max = rows->Int(r, 6); max != default_max) {
        seq.max_value = max;
      }
      seq.cache = rows->Int(r, 7);
      seq.cycle = rows->Bool(r, 8);
      seq.comment = rows->Text(r, 9);
      if (owner == "a") {
        seq.owned_by = std::string(rows->Text(r, 11)) + "." + std::string(rows->Text(r, 12));
      }
      s->sequences.push_back(std::move(seq));
    }
    return {};
  }

  Status Extensions() {
    auto rows = QuerySchemas(queries::kExtensions);
    if (auto st = Wrap(rows, "extensions"); !st.ok()) {
      return st;
    }
    for (int r = 0; r < rows->size(); ++r) {
      schema::Extension e;
      e.name = rows->Text(r, 0);
      e.schema = rows->Text(r, 1);
      e.version = rows->Text(r, 2);
      if (!scope_.schemas.empty() && realm_.FindSchema(e.schema) == nullptr) {
        continue;
      }
      realm_.extensions.push_back(std::move(e));
    }
    return {};
  }

  Status ViewDependencies() {
    auto rows = QuerySchemas(queries::kViewDependencies);  // read even when unused: batched
    if (auto st = Wrap(rows, "view dependencies"); !st.ok()) {
      return st;
    }
    if (views_.empty()) {
      return {};
    }
    for (int r = 0; r < rows->size(); ++r) {
      auto v = views_.find({std::string(rows->Text(r, 0)), std::string(rows->Text(r, 1))});
      if (v == views_.end()) {
        continue;
      }
      v->second->depends_on.push_back(std::string(rows->Text(r, 2)) + "." +
                                      std::string(rows->Text(r, 3)));
    }
    return {};
  }

  Status Unmanaged() {
    auto rows = QuerySchemas(queries::kUnmanaged);
    if (auto st = Wrap(rows, "functions, triggers and other objects"); !st.ok()) {
      return st;
    }
    for (int r = 0; r < rows->size(); ++r) {
      schema::Schema* s = realm_.FindSchema(rows->Text(r, 0));
      if (s == nullptr) {
        continue;
      }
      s->unmanaged.push_back(
          schema::OpaqueObject{std::string(rows->Text(r, 1)), std::string(rows->Text(r, 2))});
    }
    return {};
  }

  const Conn& conn_;
  int version_;
  const InspectScope& scope_;
  Batch* batch_ = nullptr;  // the queries after Schemas, while Run() reads them
  size_t batch_next_ = 0;
  schema::Realm realm_;
  std::string names_;  // text[] literal of the schemas in scope
  std::map<Key, schema::Table*> tables_;
  std::map<Key, schema::View*> views_;
  std::set<Key> serial_sequences_;  // (schema, sequence) behind serial columns
  std::unordered_map<std::string, std::string> normalized_types_;  // see Normalized()
};

}  // namespace

Result<schema::Realm> Inspect(const Conn& conn, int server_version, const InspectScope& scope) {
  return Inspection(conn, server_version, scope).Run();
}

}  // namespace atlas::engine::drivers::postgres
