#include "engine/diff/diff.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "engine/drivers/exclude.hpp"

namespace atlas::engine::diff {

namespace {

using schema::Change;
using schema::TableChange;

// name -> position, built once per collection, holding views of the items' names: up to kLinear
// entries live inline and are scanned (no allocation and no sorting for the few children of a
// table, and this runs for every table); larger collections are sorted and searched in O(log n).
// The items must outlive the index. Among equal names the first one wins.
class NameIndex {
 public:
  static constexpr size_t kLinear = 16;
  using Entry = std::pair<std::string_view, size_t>;
  using const_iterator = const Entry*;

  // Items with a `name` member, or strings (the keys themselves).
  template <class T>
  explicit NameIndex(const std::vector<T>& items) : size_(items.size()) {
    Entry* out = small_.data();
    if (size_ > kLinear) {
      large_.resize(size_);
      out = large_.data();
    }
    for (size_t i = 0; i < size_; ++i) {
      if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        out[i] = Entry(items[i], i);
      } else {
        out[i] = Entry(items[i].name, i);
      }
    }
    if (size_ > kLinear) {
      // Ties by position: lower_bound then finds the first of equal names.
      std::sort(large_.begin(), large_.end(), [](const Entry& a, const Entry& b) {
        return Less(a.first, b.first) || (a.first == b.first && a.second < b.second);
      });
    }
  }
  NameIndex(const NameIndex&) = delete;
  NameIndex& operator=(const NameIndex&) = delete;
  NameIndex(NameIndex&&) = delete;
  NameIndex& operator=(NameIndex&&) = delete;
  ~NameIndex() = default;

  // `hint`: the position the name likely has (the same position in the other collection); a name
  // found there is returned even if it also appears earlier (names are unique where hints are
  // given: the columns of a table).
  const_iterator find(std::string_view name, size_t hint = SIZE_MAX) const {
    const Entry* first = begin();
    if (size_ <= kLinear) {
      if (hint < size_ && first[hint].first == name) {
        return first + hint;
      }
      return std::find_if(first, end(), [&](const Entry& e) { return e.first == name; });
    }
    const Entry* it = std::lower_bound(
        first, end(), name, [](const Entry& e, std::string_view n) { return Less(e.first, n); });
    return it != end() && it->first == name ? it : end();
  }
  const_iterator end() const { return begin() + size_; }
  size_t count(std::string_view name, size_t hint = SIZE_MAX) const {
    return find(name, hint) != end() ? 1 : 0;
  }
  size_t at(std::string_view name) const {
    const auto it = find(name);
    if (it == end()) {
      throw std::out_of_range("NameIndex::at");
    }
    return it->second;
  }

 private:
  const Entry* begin() const { return size_ > kLinear ? large_.data() : small_.data(); }
  // Any strict order does: by length first, which settles most comparisons without memcmp.
  static bool Less(std::string_view a, std::string_view b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  }

  size_t size_;
  std::array<Entry, kLinear> small_{};
  std::vector<Entry> large_;
};

template <class T>
NameIndex IndexByName(const std::vector<T>& items) {
  return NameIndex(items);
}

std::string FkSignature(const schema::ForeignKey& fk) {
  std::string s;
  for (const auto& c : fk.columns) {
    s += c;
    s.push_back('\x1f');
  }
  s.push_back('\x1e');
  s += fk.ref_schema;
  s.push_back('\x1e');
  s += fk.ref_table;
  s.push_back('\x1e');
  for (const auto& c : fk.ref_columns) {
    s += c;
    s.push_back('\x1f');
  }
  return s;
}

struct TriggerRef {
  std::string key;  // "<table>\x1f<name>" with the table's desired name
  const schema::Trigger* trigger;
};

class Differ {
 public:
  Differ(const DiffOptions& options, const drivers::DiffHooks& hooks)
      : opts_(options), hooks_(hooks) {}

  base::Result<std::vector<Change>> Run(const schema::Realm& current,
                                        const schema::Realm& desired) {
    for (const auto& h : opts_.renames) {
      if (h.from.empty() || h.to.empty() ||
          (h.kind == RenameHint::Kind::kColumn && h.table.empty())) {
        return base::Error(
            "Invalid rename hint",
            "a rename hint needs non-empty `from` and `to` names (and `table` for a column)");
      }
    }
    // Extensions added or modified.
    const auto cur_ext = IndexByName(current.extensions);
    const auto des_ext = IndexByName(desired.extensions);
    for (const auto& e : desired.extensions) {
      const auto it = cur_ext.find(e.name);
      if (it == cur_ext.end()) {
        out_.emplace_back(schema::AddExtension{e});
      } else if (!hooks_.ExtensionEqual(current.extensions[it->second], e)) {
        out_.emplace_back(schema::ModifyExtension{current.extensions[it->second], e});
      }
    }
    const auto des_schemas = IndexByName(desired.schemas);
    const auto cur_schemas = IndexByName(current.schemas);
    for (const auto& s1 : current.schemas) {
      const auto it = des_schemas.find(s1.name);
      if (it == des_schemas.end()) {
        if (!opts_.skip.drop_schema) {
          out_.emplace_back(schema::DropSchema{s1});
        }
        continue;
      }
      SchemaDiff(s1, desired.schemas[it->second]);
    }
    for (const auto& s2 : desired.schemas) {
      if (cur_schemas.count(s2.name) != 0) {
        continue;
      }
      if (opts_.skip.add_schema) {
        continue;
      }
      schema::Schema head;
      head.name = s2.name;
      head.comment = s2.comment;
      head.charset = s2.charset;
      head.collation = s2.collation;
      out_.emplace_back(schema::AddSchema{std::move(head)});
      schema::Schema empty;
      empty.name = s2.name;
      SchemaObjects(empty, s2);
    }
    for (const auto& e : current.extensions) {
      if (des_ext.count(e.name) == 0) {
        out_.emplace_back(schema::DropExtension{e});
      }
    }
    return std::move(out_);
  }

 private:
  bool HintSchemaMatches(const RenameHint& h, const std::string& schema) const {
    return h.schema.empty() || h.schema == schema;
  }

  void SchemaDiff(const schema::Schema& s1, const schema::Schema& s2) {
    if (const uint32_t change = hooks_.SchemaAttrChange(s1, s2); change != schema::kNoChange) {
      if (!opts_.skip.modify_schema) {
        out_.emplace_back(schema::ModifySchema{s1, s2, change});
      }
    }
    SchemaObjects(s1, s2);
  }

  // Everything inside a schema. `s1` is empty for an added schema.
  void SchemaObjects(const schema::Schema& s1, const schema::Schema& s2) {
    const std::string& sn = s2.name;
    // Enums.
    {
      const auto cur = IndexByName(s1.enums);
      const auto des = IndexByName(s2.enums);
      for (const auto& e : s2.enums) {
        const auto it = cur.find(e.name);
        if (it == cur.end()) {
          out_.emplace_back(schema::AddEnum{sn, e});
        } else if (const uint32_t c = hooks_.EnumChange(s1.enums[it->second], e);
                   c != schema::kNoChange) {
          out_.emplace_back(schema::ModifyEnum{sn, s1.enums[it->second], e});
        }
      }
      pending_enum_drops_.clear();
      for (const auto& e : s1.enums) {
        if (des.count(e.name) == 0) {
          pending_enum_drops_.push_back(e);
        }
      }
    }
    // Sequences.
    {
      const auto cur = IndexByName(s1.sequences);
      for (const auto& q : s2.sequences) {
        const auto it = cur.find(q.name);
        if (it == cur.end()) {
          out_.emplace_back(schema::AddSequence{sn, q});
        } else if (!hooks_.SequenceEqual(s1.sequences[it->second], q)) {
          out_.emplace_back(schema::ModifySequence{sn, s1.sequences[it->second], q});
        }
      }
    }
    // Tables.
    const auto cur_tables = IndexByName(s1.tables);
    const auto des_tables = IndexByName(s2.tables);
    // Table renames that apply: current-only `from`, desired-only `to`.
    std::unordered_map<std::string, std::string> table_renames;  // from -> to
    std::unordered_set<std::string> rename_targets;
    for (const auto& h : opts_.renames) {
      if (h.kind != RenameHint::Kind::kTable || !HintSchemaMatches(h, sn)) {
        continue;
      }
      if (cur_tables.count(h.from) != 0 && des_tables.count(h.from) == 0 &&
          des_tables.count(h.to) != 0 && cur_tables.count(h.to) == 0 &&
          rename_targets.count(h.to) == 0) {
        table_renames.emplace(h.from, h.to);
        rename_targets.insert(h.to);
      }
    }
    table_renames_ = &table_renames;
    std::unordered_set<std::string> dropped_tables;
    for (const auto& t1 : s1.tables) {
      if (const auto r = table_renames.find(t1.name); r != table_renames.end()) {
        const schema::Table& t2 = s2.tables[des_tables.at(r->second)];
        out_.emplace_back(schema::RenameTable{sn, t1, t2});
        schema::Table renamed = t1;
        renamed.name = t2.name;
        for (auto& tr : renamed.triggers) {
          tr.table = t2.name;
        }
        TableDiff(sn, renamed, t2);
        continue;
      }
      const auto it = des_tables.find(t1.name);
      if (it == des_tables.end()) {
        dropped_tables.insert(t1.name);
        if (!opts_.skip.drop_table) {
          out_.emplace_back(schema::DropTable{sn, t1});
        }
        continue;
      }
      TableDiff(sn, t1, s2.tables[it->second]);
    }
    std::unordered_set<std::string> skipped_new_tables;
    for (const auto& t2 : s2.tables) {
      if (cur_tables.count(t2.name) != 0 || rename_targets.count(t2.name) != 0) {
        continue;
      }
      if (opts_.skip.add_table) {
        skipped_new_tables.insert(t2.name);
        continue;
      }
      out_.emplace_back(schema::AddTable{sn, t2});
    }
    // Views.
    const auto cur_views = IndexByName(s1.views);
    const auto des_views = IndexByName(s2.views);
    std::unordered_set<std::string> dropped_views;
    for (const auto& v1 : s1.views) {
      const auto it = des_views.find(v1.name);
      if (it == des_views.end()) {
        dropped_views.insert(v1.name);
        out_.emplace_back(schema::DropView{sn, v1});
      } else if (!hooks_.ViewEqual(v1, s2.views[it->second])) {
        out_.emplace_back(schema::ModifyView{sn, v1, s2.views[it->second]});
      }
    }
    for (const auto& v2 : s2.views) {
      if (cur_views.count(v2.name) == 0) {
        out_.emplace_back(schema::AddView{sn, v2});
      }
    }
    // Triggers, keyed by (desired table name, trigger name).
    const auto key = [](std::string_view table, std::string_view name) {
      return fmt::format("{}\x1f{}", table, name);
    };
    std::vector<TriggerRef> cur_triggers;
    std::vector<TriggerRef> des_triggers;
    const auto collect_current = [&](const std::string& owner,
                                     const std::vector<schema::Trigger>& triggers) {
      if (dropped_tables.count(owner) != 0 || dropped_views.count(owner) != 0) {
        return;  // dropped together with its table or view
      }
      const auto r = table_renames.find(owner);
      const std::string& name = r == table_renames.end() ? owner : r->second;
      for (const auto& tr : triggers) {
        cur_triggers.push_back({key(name, tr.name), &tr});
      }
    };
    for (const auto& t : s1.tables) {
      collect_current(t.name, t.triggers);
    }
    for (const auto& v : s1.views) {
      collect_current(v.name, v.triggers);
    }
    for (const auto& t : s2.tables) {
      if (skipped_new_tables.count(t.name) != 0) {
        continue;
      }
      for (const auto& tr : t.triggers) {
        des_triggers.push_back({key(t.name, tr.name), &tr});
      }
    }
    for (const auto& v : s2.views) {
      for (const auto& tr : v.triggers) {
        des_triggers.push_back({key(v.name, tr.name), &tr});
      }
    }
    std::unordered_map<std::string, size_t> des_trig_index;
    for (size_t i = 0; i < des_triggers.size(); ++i) {
      des_trig_index.emplace(des_triggers[i].key, i);
    }
    std::unordered_set<std::string> cur_trig_keys;
    for (const auto& ref : cur_triggers) {
      cur_trig_keys.insert(ref.key);
      const auto it = des_trig_index.find(ref.key);
      if (it == des_trig_index.end()) {
        out_.emplace_back(schema::DropTrigger{sn, *ref.trigger});
        continue;
      }
      const schema::Trigger& to = *des_triggers[it->second].trigger;
      schema::Trigger from = *ref.trigger;
      if (const auto r = table_renames.find(from.table); r != table_renames.end()) {
        from.table = r->second;
      }
      if (!hooks_.TriggerEqual(from, to)) {
        out_.emplace_back(schema::ModifyTrigger{sn, *ref.trigger, to});
      }
    }
    for (const auto& ref : des_triggers) {
      if (cur_trig_keys.count(ref.key) == 0) {
        out_.emplace_back(schema::AddTrigger{sn, *ref.trigger});
      }
    }
    // Sequences and enums dropped after the tables that may use them.
    {
      const auto des = IndexByName(s2.sequences);
      for (const auto& q : s1.sequences) {
        if (des.count(q.name) == 0) {
          out_.emplace_back(schema::DropSequence{sn, q});
        }
      }
      for (auto& e : pending_enum_drops_) {
        out_.emplace_back(schema::DropEnum{sn, std::move(e)});
      }
      pending_enum_drops_.clear();
    }
  }

  // `renamed` (a copy of `from`) as it is after the renames: indexes, keys and checks refer to new
  // column names, and foreign keys to renamed tables follow them (databases rewrite such
  // references on RENAME).
  void ApplyRenames(const std::string& sn, const schema::Table& from, const schema::Table& to,
                    const std::unordered_map<std::string, std::string>& renames,
                    schema::Table& renamed) const {
    if (table_renames_ != nullptr && !table_renames_->empty()) {
      for (auto& fk : renamed.foreign_keys) {
        if (!fk.ref_schema.empty() && fk.ref_schema != sn) {
          continue;
        }
        if (const auto r = table_renames_->find(fk.ref_table); r != table_renames_->end()) {
          fk.ref_table = r->second;
        }
      }
    }
    if (!renames.empty()) {
      const auto map = [&](std::string& col) {
        if (const auto r = renames.find(col); r != renames.end()) {
          col = r->second;
        }
      };
      for (auto& c : renamed.columns) {
        map(c.name);
      }
      if (renamed.primary_key) {
        for (auto& p : renamed.primary_key->parts) {
          map(p.column);
        }
      }
      for (auto& i : renamed.indexes) {
        for (auto& p : i.parts) {
          map(p.column);
        }
      }
      for (auto& x : renamed.exclusions) {
        for (auto& e : x.elements) {
          map(e.part.column);
        }
        for (auto& c : x.include) {
          map(c);
        }
      }
      for (auto& fk : renamed.foreign_keys) {
        for (auto& c : fk.columns) {
          map(c);
        }
        if (fk.ref_table == from.name || fk.ref_table == to.name) {
          for (auto& c : fk.ref_columns) {
            map(c);
          }
        }
      }
    }
  }

  void TableDiff(const std::string& sn, const schema::Table& from, const schema::Table& to) {
    // Identical tables have no changes (the hooks find none between equal objects, or identical
    // realms would not diff to nothing); only rename hints could still touch them. Most tables of
    // a large realm take this path, which costs one comparison instead of the full walk.
    if (opts_.renames.empty() && from == to) {
      return;
    }
    std::vector<TableChange> changes;
    if (const uint32_t c = hooks_.TableAttrChange(from, to); c != schema::kNoChange) {
      changes.emplace_back(
          schema::ModifyTableAttr{from.comment, to.comment, from.options, to.options, c});
    }
    // Column renames that apply to this table.
    const auto cur_cols = IndexByName(from.columns);
    const auto des_cols = IndexByName(to.columns);
    std::unordered_map<std::string, std::string> renames;  // from -> to
    std::unordered_set<std::string> rename_targets;
    for (const auto& h : opts_.renames) {
      if (h.kind != RenameHint::Kind::kColumn || !HintSchemaMatches(h, sn)) {
        continue;
      }
      if (h.table != to.name && h.table != from.name) {
        continue;
      }
      if (cur_cols.count(h.from) != 0 && des_cols.count(h.from) == 0 && des_cols.count(h.to) != 0 &&
          cur_cols.count(h.to) == 0 && rename_targets.count(h.to) == 0) {
        renames.emplace(h.from, h.to);
        rename_targets.insert(h.to);
      }
    }
    // The current table as it is after the renames (see ApplyRenames); copied only when a rename
    // applies, which keeps diffing large realms free of per-table copies.
    std::optional<schema::Table> renamed_copy;
    if ((table_renames_ != nullptr && !table_renames_->empty()) || !renames.empty()) {
      renamed_copy = from;
      ApplyRenames(sn, from, to, renames, *renamed_copy);
    }
    const schema::Table& renamed = renamed_copy ? *renamed_copy : from;
    // Columns.
    for (size_t i = 0; i < from.columns.size(); ++i) {
      const schema::Column& c1 = from.columns[i];
      if (const auto r = renames.find(c1.name); r != renames.end()) {
        const schema::Column& c2 = to.columns[des_cols.at(r->second)];
        changes.emplace_back(schema::RenameColumn{c1, c2});
        const schema::Column& moved = renamed.columns[i];
        if (const uint32_t c = hooks_.ColumnChange(renamed, moved, c2); c != schema::kNoChange) {
          if (!opts_.skip.modify_column) {
            changes.emplace_back(schema::ModifyColumn{moved, c2, c});
          }
        }
        continue;
      }
      const auto it = des_cols.find(c1.name, i);
      if (it == des_cols.end()) {
        if (!opts_.skip.drop_column) {
          changes.emplace_back(schema::DropColumn{c1});
        }
        continue;
      }
      const schema::Column& c2 = to.columns[it->second];
      if (const uint32_t c = hooks_.ColumnChange(from, c1, c2); c != schema::kNoChange) {
        if (!opts_.skip.modify_column) {
          changes.emplace_back(schema::ModifyColumn{c1, c2, c});
        }
      }
    }
    for (size_t i = 0; i < to.columns.size(); ++i) {
      const schema::Column& c2 = to.columns[i];
      if (cur_cols.count(c2.name, i) != 0 || rename_targets.count(c2.name) != 0) {
        continue;
      }
      if (!opts_.skip.add_column) {
        changes.emplace_back(schema::AddColumn{c2});
      }
    }
    // Primary key.
    if (renamed.primary_key && !to.primary_key) {
      changes.emplace_back(schema::DropPrimaryKey{*renamed.primary_key});
    } else if (!renamed.primary_key && to.primary_key) {
      changes.emplace_back(schema::AddPrimaryKey{*to.primary_key});
    } else if (renamed.primary_key &&
               hooks_.PrimaryKeyChanged(*renamed.primary_key, *to.primary_key)) {
      changes.emplace_back(schema::ModifyPrimaryKey{*renamed.primary_key, *to.primary_key});
    }
    // Indexes, matched by the dialect's key.
    {
      std::vector<std::string> keys;
      keys.reserve(to.indexes.size());
      for (const auto& i2 : to.indexes) {
        keys.push_back(hooks_.IndexKey(to, i2));
      }
      const NameIndex des(keys);
      std::vector<bool> matched(to.indexes.size(), false);
      for (const auto& i1 : renamed.indexes) {
        const auto it = des.find(hooks_.IndexKey(renamed, i1));
        if (it == des.end() || matched[it->second]) {
          if (!opts_.skip.drop_index) {
            changes.emplace_back(schema::DropIndex{i1});
          }
          continue;
        }
        matched[it->second] = true;
        const schema::Index& i2 = to.indexes[it->second];
        if (const uint32_t c = hooks_.IndexChange(i1, i2); c != schema::kNoChange) {
          if (!opts_.skip.modify_index) {
            changes.emplace_back(schema::ModifyIndex{i1, i2, c});
          }
        }
      }
      for (size_t i = 0; i < to.indexes.size(); ++i) {
        if (!matched[i] && !opts_.skip.add_index) {
          changes.emplace_back(schema::AddIndex{to.indexes[i]});
        }
      }
    }
    // Foreign keys: by name when both are named, then by structure when one is unnamed.
    {
      std::vector<int> match_of_from(renamed.foreign_keys.size(), -1);
      std::vector<bool> used(to.foreign_keys.size(), false);
      const NameIndex des_named(to.foreign_keys);  // looked up with non-empty names only
      for (size_t i = 0; i < renamed.foreign_keys.size(); ++i) {
        const auto& fk = renamed.foreign_keys[i];
        if (fk.name.empty()) {
          continue;
        }
        if (const auto it = des_named.find(fk.name); it != des_named.end() && !used[it->second]) {
          match_of_from[i] = static_cast<int>(it->second);
          used[it->second] = true;
        }
      }
      std::multimap<std::string, size_t> des_sig;
      for (size_t i = 0; i < to.foreign_keys.size(); ++i) {
        if (!used[i]) {
          des_sig.emplace(FkSignature(to.foreign_keys[i]), i);
        }
      }
      for (size_t i = 0; i < renamed.foreign_keys.size(); ++i) {
        if (match_of_from[i] >= 0) {
          continue;
        }
        const auto& fk = renamed.foreign_keys[i];
        auto [lo, hi] = des_sig.equal_range(FkSignature(fk));
        for (auto it = lo; it != hi; ++it) {
          const auto& cand = to.foreign_keys[it->second];
          if (!used[it->second] && (fk.name.empty() || cand.name.empty())) {
            match_of_from[i] = static_cast<int>(it->second);
            used[it->second] = true;
            break;
          }
        }
      }
      for (size_t i = 0; i < renamed.foreign_keys.size(); ++i) {
        const auto& fk = renamed.foreign_keys[i];
        if (match_of_from[i] < 0) {
          if (!opts_.skip.drop_foreign_key) {
            changes.emplace_back(schema::DropForeignKey{fk});
          }
          continue;
        }
        const auto& to_fk = to.foreign_keys[static_cast<size_t>(match_of_from[i])];
        if (const uint32_t c = hooks_.ForeignKeyChange(fk, to_fk); c != schema::kNoChange) {
          if (!opts_.skip.modify_foreign_key) {
            changes.emplace_back(schema::ModifyForeignKey{fk, to_fk, c});
          }
        }
      }
      for (size_t i = 0; i < to.foreign_keys.size(); ++i) {
        if (!used[i] && !opts_.skip.add_foreign_key) {
          changes.emplace_back(schema::AddForeignKey{to.foreign_keys[i]});
        }
      }
    }
    // Checks: by name when both are named, else by normalized expression.
    {
      std::vector<int> match_of_from(renamed.checks.size(), -1);
      std::vector<bool> used(to.checks.size(), false);
      const NameIndex des_named(to.checks);  // looked up with non-empty names only
      for (size_t i = 0; i < renamed.checks.size(); ++i) {
        const auto& ck = renamed.checks[i];
        if (ck.name.empty()) {
          continue;
        }
        if (const auto it = des_named.find(ck.name); it != des_named.end() && !used[it->second]) {
          match_of_from[i] = static_cast<int>(it->second);
          used[it->second] = true;
        }
      }
      std::multimap<std::string, size_t> des_expr;
      for (size_t i = 0; i < to.checks.size(); ++i) {
        if (!used[i]) {
          des_expr.emplace(drivers::NormalizeExpr(to.checks[i].expr), i);
        }
      }
      for (size_t i = 0; i < renamed.checks.size(); ++i) {
        if (match_of_from[i] >= 0) {
          continue;
        }
        const auto& ck = renamed.checks[i];
        auto [lo, hi] = des_expr.equal_range(drivers::NormalizeExpr(ck.expr));
        for (auto it = lo; it != hi; ++it) {
          if (!used[it->second] && (ck.name.empty() || to.checks[it->second].name.empty())) {
            match_of_from[i] = static_cast<int>(it->second);
            used[it->second] = true;
            break;
          }
        }
      }
      for (size_t i = 0; i < renamed.checks.size(); ++i) {
        const auto& ck = renamed.checks[i];
        if (match_of_from[i] < 0) {
          changes.emplace_back(schema::DropCheck{ck});
          continue;
        }
        const auto& to_ck = to.checks[static_cast<size_t>(match_of_from[i])];
        uint32_t c = schema::kNoChange;
        if (!hooks_.ExprEqual(ck.expr, to_ck.expr)) {
          c |= schema::kChangeExpr;
        }
        if (ck.no_inherit != to_ck.no_inherit) {
          c |= schema::kChangeOptions;
        }
        if (c != schema::kNoChange) {
          changes.emplace_back(schema::ModifyCheck{ck, to_ck, c});
        }
      }
      for (size_t i = 0; i < to.checks.size(); ++i) {
        if (!used[i]) {
          changes.emplace_back(schema::AddCheck{to.checks[i]});
        }
      }
    }
    // Exclusion constraints (PostgreSQL), by name. Atlas models them as indexes: the index skip
    // flags apply.
    {
      const auto des = IndexByName(to.exclusions);
      for (const auto& x1 : renamed.exclusions) {
        const auto it = des.find(x1.name);
        if (it == des.end()) {
          if (!opts_.skip.drop_index) {
            changes.emplace_back(schema::DropExclusion{x1});
          }
          continue;
        }
        const schema::Exclusion& x2 = to.exclusions[it->second];
        if (const uint32_t c = hooks_.ExclusionChange(x1, x2);
            c != schema::kNoChange && !opts_.skip.modify_index) {
          changes.emplace_back(schema::ModifyExclusion{x1, x2, c});
        }
      }
      const auto cur = IndexByName(renamed.exclusions);
      for (const auto& x2 : to.exclusions) {
        if (cur.count(x2.name) == 0 && !opts_.skip.add_index) {
          changes.emplace_back(schema::AddExclusion{x2});
        }
      }
    }
    if (!changes.empty() && !opts_.skip.modify_table) {
      out_.emplace_back(schema::ModifyTable{sn, from, to, std::move(changes)});
    }
  }

  const DiffOptions& opts_;
  const drivers::DiffHooks& hooks_;
  std::vector<Change> out_;
  std::vector<schema::EnumType> pending_enum_drops_;
  // Table renames of the schema being compared (from -> to).
  const std::unordered_map<std::string, std::string>* table_renames_ = nullptr;
};

}  // namespace

base::Result<std::vector<schema::Change>> Diff(const schema::Realm& current,
                                               const schema::Realm& desired,
                                               const DiffOptions& options,
                                               const drivers::DiffHooks& hooks) {
  Differ differ(options, hooks);
  if (options.exclude.empty()) {
    return differ.Run(current, desired);
  }
  auto exclude = drivers::Exclude::Parse(options.exclude, options.bound_schema);
  if (!exclude.ok()) {
    return std::move(exclude).diags();
  }
  return differ.Run(exclude->Apply(current), exclude->Apply(desired));
}

}  // namespace atlas::engine::diff
