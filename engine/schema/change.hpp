#pragma once
// The closed family of schema changes produced by the differ and consumed by planners and lint.
// std::variant visited exhaustively: adding a change kind fails to compile where it is not handled.
// Plain data; thread-compatible.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "engine/schema/realm.hpp"

namespace atlas::engine::schema {

// Which properties a Modify* change touches (bit set).
enum ChangeKind : uint32_t {
  kNoChange = 0,
  kChangeType = 1U << 0,
  kChangeNull = 1U << 1,
  kChangeDefault = 1U << 2,
  kChangeComment = 1U << 3,
  kChangeAutoIncrement = 1U << 4,
  kChangeGenerated = 1U << 5,
  kChangeCollation = 1U << 6,
  kChangeCharset = 1U << 7,
  kChangeIdentity = 1U << 8,
  kChangeUnique = 1U << 9,
  kChangeParts = 1U << 10,
  kChangeWhere = 1U << 11,
  kChangeIndexType = 1U << 12,
  kChangeUpdateAction = 1U << 13,
  kChangeDeleteAction = 1U << 14,
  kChangeColumns = 1U << 15,
  kChangeRefColumns = 1U << 16,
  kChangeRefTable = 1U << 17,
  kChangeExpr = 1U << 18,
  kChangeDefinition = 1U << 19,
  kChangeOptions = 1U << 20,
  kChangeValues = 1U << 21,
  kChangeOnUpdate = 1U << 22,
  kChangeDeferrable = 1U << 23,
  kChangeInclude = 1U << 24,
};

// ---- changes inside one table ----
struct AddColumn { Column column; };
struct DropColumn { Column column; };
struct ModifyColumn { Column from; Column to; uint32_t change = kNoChange; };
struct RenameColumn { Column from; Column to; };
struct AddIndex { Index index; };
struct DropIndex { Index index; };
struct ModifyIndex { Index from; Index to; uint32_t change = kNoChange; };
struct RenameIndex { Index from; Index to; };
struct AddPrimaryKey { PrimaryKey pk; };
struct DropPrimaryKey { PrimaryKey pk; };
struct ModifyPrimaryKey { PrimaryKey from; PrimaryKey to; };
struct AddForeignKey { ForeignKey fk; };
struct DropForeignKey { ForeignKey fk; };
struct ModifyForeignKey { ForeignKey from; ForeignKey to; uint32_t change = kNoChange; };
struct AddCheck { Check check; };
struct DropCheck { Check check; };
struct ModifyCheck { Check from; Check to; uint32_t change = kNoChange; };
struct AddExclusion { Exclusion exclusion; };
struct DropExclusion { Exclusion exclusion; };
// kChangeParts | kChangeIndexType | kChangeWhere | kChangeInclude | kChangeDeferrable |
// kChangeComment.
struct ModifyExclusion { Exclusion from; Exclusion to; uint32_t change = kNoChange; };
// Table comment or options changed.
struct ModifyTableAttr {
  std::string from_comment;
  std::string to_comment;
  TableOptions from_options;
  TableOptions to_options;
  uint32_t change = kNoChange;  // kChangeComment | kChangeOptions
};

using TableChange =
    std::variant<AddColumn, DropColumn, ModifyColumn, RenameColumn, AddIndex, DropIndex, ModifyIndex,
                 RenameIndex, AddPrimaryKey, DropPrimaryKey, ModifyPrimaryKey, AddForeignKey,
                 DropForeignKey, ModifyForeignKey, AddCheck, DropCheck, ModifyCheck, AddExclusion,
                 DropExclusion, ModifyExclusion, ModifyTableAttr>;

// ---- changes of named objects ----
// `schema` always names the containing schema (may be empty for SQLite's implicit "main" when unqualified).
struct AddSchema { Schema schema; };       // only name/comment/charset/collation are meaningful
struct DropSchema { Schema schema; };      // full inspected content (lint counts tables)
struct ModifySchema { Schema from; Schema to; uint32_t change = kNoChange; };
struct AddTable { std::string schema; Table table; };
struct DropTable { std::string schema; Table table; };
struct ModifyTable {
  std::string schema;
  Table from;
  Table to;
  std::vector<TableChange> changes;
};
struct RenameTable { std::string schema; Table from; Table to; };
struct AddView { std::string schema; View view; };
struct DropView { std::string schema; View view; };
struct ModifyView { std::string schema; View from; View to; };
struct AddTrigger { std::string schema; Trigger trigger; };
struct DropTrigger { std::string schema; Trigger trigger; };
struct ModifyTrigger { std::string schema; Trigger from; Trigger to; };
struct AddEnum { std::string schema; EnumType type; };
struct DropEnum { std::string schema; EnumType type; };
struct ModifyEnum { std::string schema; EnumType from; EnumType to; };
struct AddSequence { std::string schema; Sequence sequence; };
struct DropSequence { std::string schema; Sequence sequence; };
struct ModifySequence { std::string schema; Sequence from; Sequence to; };
struct AddExtension { Extension extension; };
struct DropExtension { Extension extension; };
struct ModifyExtension { Extension from; Extension to; };

using Change =
    std::variant<AddSchema, DropSchema, ModifySchema, AddTable, DropTable, ModifyTable, RenameTable,
                 AddView, DropView, ModifyView, AddTrigger, DropTrigger, ModifyTrigger, AddEnum, DropEnum,
                 ModifyEnum, AddSequence, DropSequence, ModifySequence, AddExtension, DropExtension,
                 ModifyExtension>;

// Helper for exhaustive std::visit with lambdas.
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace atlas::engine::schema
