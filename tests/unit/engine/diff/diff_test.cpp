#include "engine/diff/diff.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace atlas::engine::diff {
namespace {

using namespace schema;  // NOLINT(google-build-using-namespace): test brevity

// ---- model builders ----

Column Col(std::string name, std::string type, bool nullable = true) {
  Column c;
  c.name = std::move(name);
  c.type.raw = type;
  c.type.normalized = std::move(type);
  c.nullable = nullable;
  return c;
}

Index Idx(std::string name, std::vector<std::string> cols, bool unique = false) {
  Index i;
  i.name = std::move(name);
  i.unique = unique;
  for (auto& c : cols) {
    IndexPart p;
    p.column = std::move(c);
    i.parts.push_back(std::move(p));
  }
  return i;
}

ForeignKey Fk(std::string name, std::vector<std::string> cols, std::string ref,
              std::vector<std::string> ref_cols,
              ReferenceOption on_delete = ReferenceOption::kNoAction) {
  ForeignKey fk;
  fk.name = std::move(name);
  fk.columns = std::move(cols);
  fk.ref_table = std::move(ref);
  fk.ref_columns = std::move(ref_cols);
  fk.on_delete = on_delete;
  return fk;
}

Table Tbl(std::string name, std::vector<Column> cols) {
  Table t;
  t.name = std::move(name);
  t.columns = std::move(cols);
  return t;
}

Realm One(std::vector<Table> tables, std::vector<View> views = {}) {
  Schema s;
  s.name = "main";
  s.tables = std::move(tables);
  s.views = std::move(views);
  Realm r;
  r.schemas.push_back(std::move(s));
  return r;
}

// ---- rendering changes as compact lines ----

std::string Bits(uint32_t c) {
  static const std::pair<uint32_t, const char*> kNames[] = {{kChangeType, "type"},
                                                            {kChangeNull, "null"},
                                                            {kChangeDefault, "default"},
                                                            {kChangeComment, "comment"},
                                                            {kChangeAutoIncrement, "autoinc"},
                                                            {kChangeGenerated, "generated"},
                                                            {kChangeCollation, "collation"},
                                                            {kChangeCharset, "charset"},
                                                            {kChangeIdentity, "identity"},
                                                            {kChangeUnique, "unique"},
                                                            {kChangeParts, "parts"},
                                                            {kChangeWhere, "where"},
                                                            {kChangeIndexType, "itype"},
                                                            {kChangeUpdateAction, "on_update"},
                                                            {kChangeDeleteAction, "on_delete"},
                                                            {kChangeColumns, "columns"},
                                                            {kChangeRefColumns, "ref_columns"},
                                                            {kChangeRefTable, "ref_table"},
                                                            {kChangeExpr, "expr"},
                                                            {kChangeDefinition, "definition"},
                                                            {kChangeOptions, "options"},
                                                            {kChangeValues, "values"},
                                                            {kChangeOnUpdate, "on_update_expr"},
                                                            {kChangeDeferrable, "deferrable"},
                                                            {kChangeInclude, "include"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((c & bit) != 0) {
      out += out.empty() ? "" : "|";
      out += name;
    }
  }
  return out;
}

std::string FkName(const ForeignKey& fk) {
  return fk.name.empty() ? "<" + fk.ref_table + ">" : fk.name;
}
std::string CheckName(const Check& c) {
  return c.name.empty() ? "<" + c.expr + ">" : c.name;
}

std::string Describe(const TableChange& c) {
  return std::visit(
      Overloaded{
          [](const AddColumn& x) { return "AddColumn(" + x.column.name + ")"; },
          [](const DropColumn& x) { return "DropColumn(" + x.column.name + ")"; },
          [](const ModifyColumn& x) {
            return "ModifyColumn(" + x.to.name + ":" + Bits(x.change) + ")";
          },
          [](const RenameColumn& x) {
            return "RenameColumn(" + x.from.name + "->" + x.to.name + ")";
          },
          [](const AddIndex& x) { return "AddIndex(" + x.index.name + ")"; },
          [](const DropIndex& x) { return "DropIndex(" + x.index.name + ")"; },
          [](const ModifyIndex& x) {
            return "ModifyIndex(" + x.to.name + ":" + Bits(x.change) + ")";
          },
          [](const RenameIndex& x) {
            return "RenameIndex(" + x.from.name + "->" + x.to.name + ")";
          },
          [](const AddPrimaryKey&) { return std::string("AddPrimaryKey"); },
          [](const DropPrimaryKey&) { return std::string("DropPrimaryKey"); },
          [](const ModifyPrimaryKey&) { return std::string("ModifyPrimaryKey"); },
          [](const AddForeignKey& x) { return "AddForeignKey(" + FkName(x.fk) + ")"; },
          [](const DropForeignKey& x) { return "DropForeignKey(" + FkName(x.fk) + ")"; },
          [](const ModifyForeignKey& x) {
            return "ModifyForeignKey(" + FkName(x.to) + ":" + Bits(x.change) + ")";
          },
          [](const AddCheck& x) { return "AddCheck(" + CheckName(x.check) + ")"; },
          [](const DropCheck& x) { return "DropCheck(" + CheckName(x.check) + ")"; },
          [](const ModifyCheck& x) {
            return "ModifyCheck(" + CheckName(x.to) + ":" + Bits(x.change) + ")";
          },
          [](const AddExclusion& x) { return "AddExclusion(" + x.exclusion.name + ")"; },
          [](const DropExclusion& x) { return "DropExclusion(" + x.exclusion.name + ")"; },
          [](const ModifyExclusion& x) {
            return "ModifyExclusion(" + x.to.name + ":" + Bits(x.change) + ")";
          },
          [](const ModifyTableAttr& x) { return "ModifyTableAttr(" + Bits(x.change) + ")"; },
      },
      c);
}

std::string Describe(const Change& c) {
  return std::visit(
      Overloaded{
          [](const AddSchema& x) { return "AddSchema " + x.schema.name; },
          [](const DropSchema& x) { return "DropSchema " + x.schema.name; },
          [](const ModifySchema& x) { return "ModifySchema " + x.to.name + " " + Bits(x.change); },
          [](const AddTable& x) { return "AddTable " + x.schema + "." + x.table.name; },
          [](const DropTable& x) { return "DropTable " + x.schema + "." + x.table.name; },
          [](const ModifyTable& x) {
            std::string out = "ModifyTable " + x.schema + "." + x.to.name + ":";
            for (const auto& tc : x.changes) {
              out += " " + Describe(tc);
            }
            return out;
          },
          [](const RenameTable& x) { return "RenameTable " + x.from.name + "->" + x.to.name; },
          [](const AddView& x) { return "AddView " + x.view.name; },
          [](const DropView& x) { return "DropView " + x.view.name; },
          [](const ModifyView& x) { return "ModifyView " + x.to.name; },
          [](const AddTrigger& x) {
            return "AddTrigger " + x.trigger.table + "." + x.trigger.name;
          },
          [](const DropTrigger& x) {
            return "DropTrigger " + x.trigger.table + "." + x.trigger.name;
          },
          [](const ModifyTrigger& x) { return "ModifyTrigger " + x.to.table + "." + x.to.name; },
          [](const AddEnum& x) { return "AddEnum " + x.type.name; },
          [](const DropEnum& x) { return "DropEnum " + x.type.name; },
          [](const ModifyEnum& x) { return "ModifyEnum " + x.to.name; },
          [](const AddSequence& x) { return "AddSequence " + x.sequence.name; },
          [](const DropSequence& x) { return "DropSequence " + x.sequence.name; },
          [](const ModifySequence& x) { return "ModifySequence " + x.to.name; },
          [](const AddExtension& x) { return "AddExtension " + x.extension.name; },
          [](const DropExtension& x) { return "DropExtension " + x.extension.name; },
          [](const ModifyExtension& x) { return "ModifyExtension " + x.to.name; },
      },
      c);
}

std::vector<std::string> Changes(const Realm& from, const Realm& to, const DiffOptions& opts = {}) {
  const drivers::DiffHooks hooks;
  auto r = Diff(from, to, opts, hooks);
  EXPECT_TRUE(r.ok()) << r.ErrorString();
  std::vector<std::string> out;
  if (r.ok()) {
    for (const auto& c : *r) {
      out.push_back(Describe(c));
    }
  }
  return out;
}

using V = std::vector<std::string>;

Table Users() {
  Table t = Tbl("users", {Col("id", "int", false), Col("name", "text"), Col("age", "int")});
  t.primary_key = PrimaryKey{"", {IndexPart{.column = "id"}}};
  t.indexes.push_back(Idx("users_name", {"name"}));
  return t;
}

TEST(DiffTest, IdenticalRealmsHaveNoChanges) {
  EXPECT_EQ(Changes(One({Users()}), One({Users()})), V{});
  EXPECT_EQ(Changes(Realm{}, Realm{}), V{});
}

TEST(DiffTest, TablesAddedAndDroppedInDeterministicOrder) {
  EXPECT_EQ(Changes(One({Tbl("b", {}), Users(), Tbl("a", {})}),
                    One({Tbl("z", {}), Users(), Tbl("c", {})})),
            (V{"DropTable main.b", "DropTable main.a", "AddTable main.z", "AddTable main.c"}));
}

TEST(DiffTest, ColumnChanges) {
  Table to = Users();
  to.columns[1].nullable = false;
  to.columns[1].default_value = Expr{Expr::Kind::kLiteral, "'x'"};
  to.columns[2].type.normalized = "bigint";
  to.columns.push_back(Col("email", "text"));
  to.columns.erase(to.columns.begin() + 2);  // drop age
  Table from = Users();
  from.columns[2].type.normalized = "int";
  EXPECT_EQ(Changes(One({from}), One({to})),
            (V{"ModifyTable main.users: ModifyColumn(name:null|default) DropColumn(age) "
               "AddColumn(email)"}));
}

TEST(DiffTest, DefaultsCompareNormalized) {
  Table a = Users();
  a.columns[2].default_value = Expr{Expr::Kind::kRaw, "(CURRENT_TIMESTAMP)"};
  a.columns[1].default_value = Expr{Expr::Kind::kLiteral, "'1'"};
  Table b = Users();
  b.columns[2].default_value = Expr{Expr::Kind::kRaw, "current_timestamp"};
  b.columns[1].default_value = Expr{Expr::Kind::kLiteral, "1"};
  EXPECT_EQ(Changes(One({a}), One({b})), V{});
  b.columns[2].default_value = Expr{Expr::Kind::kRaw, "now()"};
  EXPECT_EQ(Changes(One({a}), One({b})), (V{"ModifyTable main.users: ModifyColumn(age:default)"}));
}

TEST(DiffTest, IndexChanges) {
  Table from = Users();
  from.indexes.push_back(Idx("gone", {"age"}));
  from.indexes.push_back(Idx("partial", {"age"}));
  from.indexes.back().where = "age > 0";
  Table to = Users();
  to.indexes[0].unique = true;
  to.indexes[0].parts.push_back(IndexPart{.column = "age", .desc = true});
  to.indexes.push_back(Idx("partial", {"age"}));
  to.indexes.back().where = "(AGE  >  0)";
  to.indexes.push_back(Idx("expr", {}));
  to.indexes.back().parts.push_back(IndexPart{.expr = "lower(name)"});
  EXPECT_EQ(Changes(One({from}), One({to})),
            (V{"ModifyTable main.users: ModifyIndex(users_name:unique|parts) DropIndex(gone) "
               "AddIndex(expr)"}));
}

TEST(DiffTest, PrimaryKeyChanges) {
  Table from = Users();
  Table to = Users();
  to.primary_key->parts.push_back(IndexPart{.column = "name"});
  EXPECT_EQ(Changes(One({from}), One({to})), (V{"ModifyTable main.users: ModifyPrimaryKey"}));
  Table none = Users();
  none.primary_key.reset();
  EXPECT_EQ(Changes(One({none}), One({from})), (V{"ModifyTable main.users: AddPrimaryKey"}));
  EXPECT_EQ(Changes(One({from}), One({none})), (V{"ModifyTable main.users: DropPrimaryKey"}));
}

TEST(DiffTest, ForeignKeysMatchByNameThenStructure) {
  Table from = Tbl("posts", {Col("id", "int"), Col("user_id", "int"), Col("editor_id", "int")});
  from.foreign_keys = {Fk("", {"user_id"}, "users", {"id"}),
                       Fk("fk_editor", {"editor_id"}, "users", {"id"}),
                       Fk("fk_old", {"id"}, "other", {"id"})};
  Table to = from;
  to.foreign_keys = {Fk("posts_user", {"user_id"}, "users", {"id"}, ReferenceOption::kCascade),
                     Fk("fk_editor", {"editor_id"}, "people", {"pid"}),
                     Fk("fk_new", {"id"}, "x", {"id"})};
  EXPECT_EQ(Changes(One({from}), One({to})),
            (V{"ModifyTable main.posts: ModifyForeignKey(posts_user:on_delete) "
               "ModifyForeignKey(fk_editor:ref_columns|ref_table) DropForeignKey(fk_old) "
               "AddForeignKey(fk_new)"}));
}

TEST(DiffTest, ChecksMatchByNameOrExpression) {
  Table from = Users();
  from.checks = {Check{"", "age > 0", false}, Check{"named", "length(name) > 1", false},
                 Check{"", "id <> 0", false}};
  Table to = Users();
  to.checks = {Check{"", "(AGE > 0)", false}, Check{"named", "length(name) > 2", false},
               Check{"", "id <> 1", false}};
  EXPECT_EQ(Changes(One({from}), One({to})), (V{"ModifyTable main.users: ModifyCheck(named:expr) "
                                                "DropCheck(<id <> 0>) AddCheck(<id <> 1>)"}));
}

TEST(DiffTest, ExclusionConstraintsMatchByName) {
  const auto excl = [](std::string name, std::string column, std::string op) {
    Exclusion x;
    x.name = std::move(name);
    x.elements = {ExclusionElement{IndexPart{.column = std::move(column)}, std::move(op)}};
    return x;
  };
  Table from = Users();
  from.exclusions = {excl("gone", "age", "="), excl("op", "age", "="), excl("same", "id", "="),
                     excl("opts", "id", "=")};
  Table to = Users();
  to.exclusions = {excl("same", "id", "="), excl("op", "age", "<>"), excl("opts", "id", "="),
                   excl("fresh", "name", "=")};
  to.exclusions[2].where = "id > 0";
  to.exclusions[2].deferrable = true;
  to.exclusions[2].include = {"name"};
  to.exclusions[2].comment = "c";
  EXPECT_EQ(Changes(One({from}), One({to})),
            (V{"ModifyTable main.users: DropExclusion(gone) ModifyExclusion(op:parts) "
               "ModifyExclusion(opts:comment|where|deferrable|include) AddExclusion(fresh)"}));
  DiffOptions skip;
  skip.skip.drop_index = true;
  skip.skip.add_index = true;
  EXPECT_EQ(Changes(One({from}), One({to}), skip),
            (V{"ModifyTable main.users: ModifyExclusion(op:parts) "
               "ModifyExclusion(opts:comment|where|deferrable|include)"}));
  // Column renames are followed: no change beyond the rename.
  Table renamed = from;
  renamed.columns[2].name = "years";
  for (auto& x : renamed.exclusions) {
    for (auto& e : x.elements) {
      if (e.part.column == "age") {
        e.part.column = "years";
      }
    }
  }
  DiffOptions opts;
  opts.renames = {RenameHint{RenameHint::Kind::kColumn, "main", "users", "age", "years"}};
  EXPECT_EQ(Changes(One({from}), One({renamed}), opts),
            (V{"ModifyTable main.users: RenameColumn(age->years)"}));
}

TEST(DiffTest, ViewsAndTriggers) {
  Table from = Users();
  from.triggers = {
      Trigger{"t_keep", "users", "CREATE TRIGGER t_keep AFTER INSERT ON users BEGIN SELECT 1; END"},
      Trigger{"t_mod", "users", "CREATE TRIGGER t_mod AFTER INSERT ON users BEGIN SELECT 1; END"},
      Trigger{"t_drop", "users",
              "CREATE TRIGGER t_drop AFTER INSERT ON users BEGIN SELECT 1; END"}};
  Table gone = Tbl("gone", {Col("x", "int")});
  gone.triggers = {Trigger{"g", "gone", "CREATE TRIGGER g ..."}};
  Table to = Users();
  to.triggers = {
      Trigger{"t_keep", "users", "create trigger t_keep after insert on users begin select 1; end"},
      Trigger{"t_mod", "users", "CREATE TRIGGER t_mod AFTER DELETE ON users BEGIN SELECT 1; END"},
      Trigger{"t_new", "users", "CREATE TRIGGER t_new ..."}};
  Table fresh = Tbl("fresh", {Col("x", "int")});
  fresh.triggers = {Trigger{"f", "fresh", "CREATE TRIGGER f ..."}};
  View v1{.name = "v_keep", .definition = "SELECT 1"};
  View v2{.name = "v_mod", .definition = "SELECT 1"};
  View v3{.name = "v_drop", .definition = "SELECT 1"};
  View w1{.name = "v_keep", .definition = "select  1"};
  View w2{.name = "v_mod", .definition = "SELECT 2"};
  View w3{.name = "v_new", .definition = "SELECT 3"};
  EXPECT_EQ(Changes(One({from, gone}, {v1, v2, v3}), One({to, fresh}, {w1, w2, w3})),
            (V{"DropTable main.gone", "AddTable main.fresh", "ModifyView v_mod", "DropView v_drop",
               "AddView v_new", "ModifyTrigger users.t_mod", "DropTrigger users.t_drop",
               "AddTrigger users.t_new", "AddTrigger fresh.f"}));
  // Triggers of a table whose creation is skipped are skipped too.
  DiffOptions opts;
  opts.skip.add_table = true;
  EXPECT_EQ(Changes(One({from}), One({to, fresh}), opts),
            (V{"ModifyTrigger users.t_mod", "DropTrigger users.t_drop", "AddTrigger users.t_new"}));
}

TEST(DiffTest, SchemasEnumsSequencesExtensions) {
  Realm from = One({Users()});
  Schema old;
  old.name = "old";
  from.schemas.push_back(old);
  from.schemas[0].enums = {EnumType{"status", {"a", "b"}, ""}, EnumType{"gone", {"x"}, ""}};
  from.schemas[0].sequences = {Sequence{.name = "seq", .start = 1}};
  from.extensions = {Extension{"citext", "public", "1.6"}, Extension{"hstore", "public", ""}};
  Realm to = One({Users()});
  to.schemas[0].enums = {EnumType{"status", {"a", "b", "c"}, ""}, EnumType{"mood", {"ok"}, ""}};
  to.schemas[0].sequences = {Sequence{.name = "seq", .start = 10}};
  to.schemas[0].comment = "main schema";
  Schema fresh;
  fresh.name = "fresh";
  fresh.tables = {Tbl("t", {Col("x", "int")})};
  fresh.enums = {EnumType{"e", {"v"}, ""}};
  to.schemas.push_back(fresh);
  to.extensions = {Extension{"citext", "public", "1.7"}, Extension{"postgis", "public", ""}};
  EXPECT_EQ(Changes(from, to),
            (V{"ModifyExtension citext", "AddExtension postgis", "ModifySchema main comment",
               "ModifyEnum status", "AddEnum mood", "ModifySequence seq", "DropEnum gone",
               "DropSchema old", "AddSchema fresh", "AddEnum e", "AddTable fresh.t",
               "DropExtension hstore"}));
}

TEST(DiffTest, SkipPolicy) {
  Table from = Users();
  from.indexes.push_back(Idx("old_idx", {"age"}));
  from.foreign_keys = {Fk("fk_a", {"age"}, "x", {"id"})};
  Table to = Users();
  to.columns.erase(to.columns.begin() + 2);
  to.columns.push_back(Col("email", "text"));
  to.columns[1].nullable = false;
  to.indexes.push_back(Idx("new_idx", {"email"}));
  to.foreign_keys = {Fk("fk_b", {"email"}, "y", {"id"})};
  const Realm a = One({from, Tbl("dropme", {})});
  const Realm b = One({to, Tbl("addme", {})});
  EXPECT_EQ(Changes(a, b), (V{"ModifyTable main.users: ModifyColumn(name:null) DropColumn(age) "
                              "AddColumn(email) DropIndex(old_idx) "
                              "AddIndex(new_idx) DropForeignKey(fk_a) AddForeignKey(fk_b)",
                              "DropTable main.dropme", "AddTable main.addme"}));
  DiffOptions opts;
  opts.skip.drop_column = true;
  opts.skip.modify_column = true;
  opts.skip.drop_index = true;
  opts.skip.drop_foreign_key = true;
  opts.skip.drop_table = true;
  EXPECT_EQ(Changes(a, b, opts),
            (V{"ModifyTable main.users: AddColumn(email) AddIndex(new_idx) AddForeignKey(fk_b)",
               "AddTable main.addme"}));
  DiffOptions adds;
  adds.skip.add_column = true;
  adds.skip.add_index = true;
  adds.skip.add_foreign_key = true;
  adds.skip.add_table = true;
  EXPECT_EQ(Changes(a, b, adds), (V{"ModifyTable main.users: ModifyColumn(name:null) "
                                    "DropColumn(age) DropIndex(old_idx) DropForeignKey(fk_a)",
                                    "DropTable main.dropme"}));
  DiffOptions whole;
  whole.skip.modify_table = true;
  EXPECT_EQ(Changes(a, b, whole), (V{"DropTable main.dropme", "AddTable main.addme"}));
  Realm s1 = a;
  s1.schemas.push_back(Schema{.name = "x"});
  Realm s2 = a;
  s2.schemas.push_back(Schema{.name = "y"});
  DiffOptions schemas;
  schemas.skip.add_schema = true;
  schemas.skip.drop_schema = true;
  EXPECT_EQ(Changes(s1, s2, schemas), V{});
}

TEST(DiffTest, SkipModifyIndexAndForeignKey) {
  Table from = Users();
  from.foreign_keys = {Fk("fk", {"age"}, "x", {"id"})};
  Table to = Users();
  to.indexes[0].unique = true;
  to.foreign_keys = {Fk("fk", {"age"}, "x", {"id"}, ReferenceOption::kCascade)};
  DiffOptions opts;
  opts.skip.modify_index = true;
  opts.skip.modify_foreign_key = true;
  EXPECT_EQ(Changes(One({from}), One({to}), opts), V{});
}

TEST(DiffTest, RenameTableHint) {
  Table to = Users();
  to.name = "people";
  to.columns.push_back(Col("email", "text"));
  DiffOptions opts;
  opts.renames = {RenameHint{RenameHint::Kind::kTable, "", "", "users", "people"}};
  EXPECT_EQ(Changes(One({Users()}), One({to}), opts),
            (V{"RenameTable users->people", "ModifyTable main.people: AddColumn(email)"}));
  // Without the hint: drop + add.
  EXPECT_EQ(Changes(One({Users()}), One({to})),
            (V{"DropTable main.users", "AddTable main.people"}));
  // A hint whose target already exists in current does not apply.
  EXPECT_EQ(Changes(One({Users(), to}), One({to}), opts), (V{"DropTable main.users"}));
  // Schema mismatch: ignored.
  opts.renames[0].schema = "other";
  EXPECT_EQ(Changes(One({Users()}), One({to}), opts),
            (V{"DropTable main.users", "AddTable main.people"}));
}

TEST(DiffTest, ForeignKeysFollowRenamedTables) {
  Table child = Tbl("child", {Col("id", "int"), Col("pid", "int")});
  child.foreign_keys = {Fk("", {"pid"}, "users", {"id"})};
  Table child_to = child;
  child_to.foreign_keys[0].ref_table = "people";
  Table people = Users();
  people.name = "people";
  DiffOptions opts;
  opts.renames = {RenameHint{RenameHint::Kind::kTable, "", "", "users", "people"}};
  EXPECT_EQ(Changes(One({child, Users()}), One({child_to, people}), opts), (V{"RenameTable users->people"}));
  child_to.foreign_keys[0].on_delete = ReferenceOption::kCascade;
  EXPECT_EQ(Changes(One({child, Users()}), One({child_to, people}), opts),
            (V{"ModifyTable main.child: ModifyForeignKey(<people>:on_delete)", "RenameTable users->people"}));
}

TEST(DiffTest, RenameColumnHint) {
  Table to = Users();
  to.columns[1].name = "full_name";
  to.columns[1].nullable = false;
  to.indexes[0].parts[0].column = "full_name";
  DiffOptions opts;
  opts.renames = {RenameHint{RenameHint::Kind::kColumn, "main", "users", "name", "full_name"}};
  EXPECT_EQ(
      Changes(One({Users()}), One({to}), opts),
      (V{"ModifyTable main.users: RenameColumn(name->full_name) ModifyColumn(full_name:null)"}));
  to.columns[1].nullable = true;
  EXPECT_EQ(Changes(One({Users()}), One({to}), opts),
            (V{"ModifyTable main.users: RenameColumn(name->full_name)"}));
  EXPECT_EQ(Changes(One({Users()}), One({to})),
            (V{"ModifyTable main.users: DropColumn(name) AddColumn(full_name) "
               "ModifyIndex(users_name:parts)"}));
}

TEST(DiffTest, InvalidRenameHint) {
  DiffOptions opts;
  opts.renames = {RenameHint{RenameHint::Kind::kColumn, "", "", "a", "b"}};
  const drivers::DiffHooks hooks;
  auto r = Diff(One({}), One({}), opts, hooks);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.ErrorString(),
            "Invalid rename hint: a rename hint needs non-empty `from` and `to` names (and `table` "
            "for a column)");
}

TEST(DiffTest, ExcludeGlobsBoundSchema) {
  Table audit = Tbl("audit_log", {Col("x", "int")});
  Table from = Users();
  Table to = Users();
  to.columns[2].nullable = false;
  to.columns.push_back(Col("secret", "text"));
  DiffOptions opts;
  opts.bound_schema = "main";
  opts.exclude = {"audit_*", "users.secret"};
  EXPECT_EQ(Changes(One({from, audit}), One({to}), opts),
            (V{"ModifyTable main.users: ModifyColumn(age:null)"}));
  opts.exclude = {"users.*[type=column]"};
  EXPECT_EQ(Changes(One({from}), One({to}), opts), V{});
}

TEST(DiffTest, ExcludeGlobsRealm) {
  Realm a = One({Users()});
  Realm b = One({});
  Schema other;
  other.name = "logs";
  other.tables = {Tbl("t", {})};
  a.schemas.push_back(other);
  DiffOptions opts;
  opts.exclude = {"logs", "*.users"};
  EXPECT_EQ(Changes(a, b, opts), V{});
  opts.exclude = {"bad.[type=]"};
  const drivers::DiffHooks hooks;
  auto r = Diff(a, b, opts, hooks);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.ErrorString(), "Invalid exclude pattern: malformed type selector in \"bad.[type=]\"");
}

TEST(DiffTest, LargeRealm) {
  // Many tables with one changed column each (matching goes through name indexes; timing lives in
  // bench/).
  std::vector<Table> a;
  std::vector<Table> b;
  for (int i = 0; i < 3000; ++i) {
    Table t = Tbl(fmt::format("t{:05}", i), {Col("id", "int"), Col("v", "text")});
    a.push_back(t);
    t.columns[1].nullable = false;
    b.push_back(std::move(t));
  }
  const auto out = Changes(One(a), One(b));
  ASSERT_EQ(out.size(), 3000U);
  EXPECT_EQ(out.front(), "ModifyTable main.t00000: ModifyColumn(v:null)");
  EXPECT_EQ(out.back(), "ModifyTable main.t02999: ModifyColumn(v:null)");
}

}  // namespace
}  // namespace atlas::engine::diff
