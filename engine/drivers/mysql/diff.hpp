#pragma once
// MySQL/MariaDB answers for the generic differ (drivers::DiffHooks):
//   - types compare by their canonical spelling (int(11) == int == integer, bool == tinyint(1))
//     plus unsigned/zerofill and enum/set values (in order: adding a value in the middle is a
//     change)
//   - defaults: CURRENT_TIMESTAMP spellings are equal (now(), current_timestamp(),
//     CURRENT_TIMESTAMP); literals compare unquoted ('1' == 1)
//   - a column charset/collation left empty means the table's; a table charset/collation/engine
//     left empty in the desired state is not a change (Atlas compares only what is declared);
//     AUTO_INCREMENT likewise
//   - foreign key actions RESTRICT and NO ACTION are the same in InnoDB
//   - the access method BTREE equals the default (empty)
// Stateless; thread-safe.

#include "engine/drivers/driver.hpp"

namespace atlas::engine::drivers::mysql {

class MysqlDiffHooks final : public drivers::DiffHooks {
 public:
  uint32_t ColumnChange(const schema::Table& from_table, const schema::Column& from,
                        const schema::Column& to) const override;
  bool TypeEqual(const schema::ColumnType& from, const schema::ColumnType& to) const override;
  bool DefaultEqual(const std::optional<schema::Expr>& from,
                    const std::optional<schema::Expr>& to) const override;
  uint32_t IndexChange(const schema::Index& from, const schema::Index& to) const override;
  uint32_t ForeignKeyChange(const schema::ForeignKey& from,
                            const schema::ForeignKey& to) const override;
  uint32_t TableAttrChange(const schema::Table& from, const schema::Table& to) const override;
  uint32_t SchemaAttrChange(const schema::Schema& from, const schema::Schema& to) const override;
};

}  // namespace atlas::engine::drivers::mysql
