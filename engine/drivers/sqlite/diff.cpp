#include "engine/drivers/sqlite/diff.hpp"

#include <algorithm>
#include <cctype>

#include "engine/drivers/sqlite/inspect.hpp"

namespace atlas::engine::drivers::sqlite {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

bool IsAutoIndexName(const schema::Table& table, std::string_view name) {
  const std::string prefix = "sqlite_autoindex_" + table.name + "_";
  if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) {
    return false;
  }
  const std::string_view n = name.substr(prefix.size());
  return std::all_of(n.begin(), n.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) &&
         n != "0";
}

std::string PlannedIndexName(const schema::Table& table, const schema::Index& index) {
  if (!IsAutoIndexName(table, index.name)) {
    return index.name;
  }
  std::string name = table.name;
  for (const auto& p : index.parts) {
    name += "_";
    name += p.column.empty() ? p.expr : p.column;
  }
  return name;
}

uint32_t DiffHooks::ColumnChange(const schema::Table& /*from_table*/, const schema::Column& from,
                                 const schema::Column& to) const {
  uint32_t change = schema::kNoChange;
  if (!TypeEqual(from.type, to.type)) {
    change |= schema::kChangeType;
  }
  if (from.nullable != to.nullable) {
    change |= schema::kChangeNull;
  }
  if (!DefaultEqual(from.default_value, to.default_value)) {
    change |= schema::kChangeDefault;
  }
  if (from.auto_increment != to.auto_increment) {
    change |= schema::kChangeAutoIncrement;
  }
  if (from.generated.has_value() != to.generated.has_value() ||
      (from.generated && (from.generated->stored != to.generated->stored ||
                          !ExprEqual(from.generated->expr, to.generated->expr)))) {
    change |= schema::kChangeGenerated;
  }
  const std::string c1 = Lower(from.collation.empty() ? "binary" : from.collation);
  const std::string c2 = Lower(to.collation.empty() ? "binary" : to.collation);
  if (c1 != c2) {
    change |= schema::kChangeCollation;
  }
  return change;
}

bool DiffHooks::TypeEqual(const schema::ColumnType& from, const schema::ColumnType& to) const {
  const std::string a = NormalizeType(from.normalized.empty() ? from.raw : from.normalized);
  const std::string b = NormalizeType(to.normalized.empty() ? to.raw : to.normalized);
  return a == b;
}

std::string DiffHooks::IndexKey(const schema::Table& table, const schema::Index& index) const {
  return PlannedIndexName(table, index);
}

uint32_t DiffHooks::IndexChange(const schema::Index& from, const schema::Index& to) const {
  schema::Index a = from;
  schema::Index b = to;
  a.comment.clear();
  b.comment.clear();
  a.type.clear();
  b.type.clear();
  a.include.clear();
  b.include.clear();
  return drivers::DiffHooks::IndexChange(a, b);
}

uint32_t DiffHooks::ForeignKeyChange(const schema::ForeignKey& from,
                                     const schema::ForeignKey& to) const {
  return drivers::DiffHooks::ForeignKeyChange(from, to) &
         ~static_cast<uint32_t>(schema::kChangeDeferrable);
}

uint32_t DiffHooks::TableAttrChange(const schema::Table& from, const schema::Table& to) const {
  if (from.options.without_rowid != to.options.without_rowid ||
      from.options.strict != to.options.strict) {
    return schema::kChangeOptions;
  }
  return schema::kNoChange;
}

uint32_t DiffHooks::SchemaAttrChange(const schema::Schema& /*from*/,
                                     const schema::Schema& /*to*/) const {
  return schema::kNoChange;
}

bool DiffHooks::ViewEqual(const schema::View& from, const schema::View& to) const {
  return ExprEqual(from.definition, to.definition);
}

}  // namespace atlas::engine::drivers::sqlite
