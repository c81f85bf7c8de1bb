#pragma once
// SQLite answers for the generic differ. Differences from the defaults:
// - comments, charsets, identity and ON UPDATE do not exist in SQLite and are ignored;
// - types compare by their normalized declared spelling ("VARCHAR (255)" == "varchar(255)");
// - indexes created by UNIQUE constraints ("sqlite_autoindex_<t>_<n>") are matched under the name
// the planner
//   gives them ("<t>_<col>[_<col>...]", as Atlas does), so an inline UNIQUE and an explicit unique
//   index on the same columns are the same index;
// - table attributes are WITHOUT ROWID and STRICT only;
// - foreign keys have no DEFERRABLE state in the pragmas and compare without it.
// Stateless; thread-safe.

#include <string>

#include "engine/drivers/driver.hpp"

namespace atlas::engine::drivers::sqlite {

class DiffHooks final : public drivers::DiffHooks {
 public:
  uint32_t ColumnChange(const schema::Table& from_table, const schema::Column& from,
                        const schema::Column& to) const override;
  bool TypeEqual(const schema::ColumnType& from, const schema::ColumnType& to) const override;
  std::string IndexKey(const schema::Table& table, const schema::Index& index) const override;
  uint32_t IndexChange(const schema::Index& from, const schema::Index& to) const override;
  uint32_t ForeignKeyChange(const schema::ForeignKey& from,
                            const schema::ForeignKey& to) const override;
  uint32_t TableAttrChange(const schema::Table& from, const schema::Table& to) const override;
  uint32_t SchemaAttrChange(const schema::Schema& from, const schema::Schema& to) const override;
  bool ViewEqual(const schema::View& from, const schema::View& to) const override;
};

// True for the name SQLite gives the index of a UNIQUE or PRIMARY KEY constraint of `table`.
bool IsAutoIndexName(const schema::Table& table, std::string_view name);
// The name the planner creates an index under: autoindexes become "<table>_<col>..." (Atlas's
// normalizeIdxName); other names are kept.
std::string PlannedIndexName(const schema::Table& table, const schema::Index& index);

}  // namespace atlas::engine::drivers::sqlite
