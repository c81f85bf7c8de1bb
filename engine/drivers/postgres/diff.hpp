#pragma once
// PostgreSQL answers for the generic differ (drivers::DiffHooks). Only what PostgreSQL spells or
// defaults differently from the dialect-neutral comparison is overridden:
//   - types compare by their canonical spelling (NormalizeType: varchar(255) == character
//   varying(255),
//     int4 == integer, timestamptz(6) == timestamptz); enum columns compare by enum name and schema
//   - defaults equal when they differ only by a trailing cast ('a'::text == 'a', Atlas's trimCast)
//   or by
//     quoting of a literal; anything subtler is left to dev-database normalization
//   - the access method BTREE equals the default (empty); NULLS FIRST/LAST equal to the direction's
//     default are ignored; an exclusion constraint without an access method is GIST
//   - the "standard public schema" comment PostgreSQL puts on "public" is ignored (Atlas does the
//   same)
//   - sequences: bigint is the default type
// Stateless; thread-safe.

#include "engine/drivers/driver.hpp"

namespace atlas::engine::drivers::postgres {

class PostgresDiffHooks final : public drivers::DiffHooks {
 public:
  bool TypeEqual(const schema::ColumnType& from, const schema::ColumnType& to) const override;
  bool DefaultEqual(const std::optional<schema::Expr>& from,
                    const std::optional<schema::Expr>& to) const override;
  uint32_t IndexChange(const schema::Index& from, const schema::Index& to) const override;
  bool PrimaryKeyChanged(const schema::PrimaryKey& from,
                         const schema::PrimaryKey& to) const override;
  uint32_t ExclusionChange(const schema::Exclusion& from,
                           const schema::Exclusion& to) const override;
  uint32_t SchemaAttrChange(const schema::Schema& from, const schema::Schema& to) const override;
  bool SequenceEqual(const schema::Sequence& from, const schema::Sequence& to) const override;
};

// Strips trailing casts ("'a'::text", "'{}'::text[]", "'x'::public.status") from a default
// expression.
std::string StripCasts(std::string_view expr);

}  // namespace atlas::engine::drivers::postgres
