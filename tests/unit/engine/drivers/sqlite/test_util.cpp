#include "tests/unit/engine/drivers/sqlite/test_util.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <sqlite3.h>
#include <stdlib.h>

#include "engine/drivers/sqlite/diff.hpp"
#include "engine/drivers/sqlite/driver.hpp"

namespace atlas::engine::drivers::sqlite::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "atlas-sqlite-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  if (made == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<Driver> MustOpen(const std::string& url) {
  Registry registry;
  RegisterBuiltinDrivers(registry);
  auto d = registry.Open(url);
  if (!d.ok()) {
    ADD_FAILURE() << "open " << url << ": " << d.ErrorString();
    return nullptr;
  }
  return std::move(d).value();
}

void MustExec(Driver& d, const std::string& sql) {
  const auto st = d.executor().ExecuteScript(sql, "test.sql");
  ASSERT_TRUE(st.ok()) << st.ErrorString();
}

schema::Realm MustInspect(Driver& d) {
  auto r = d.inspector().InspectRealm({});
  if (!r.ok()) {
    ADD_FAILURE() << r.ErrorString();
    return {};
  }
  return std::move(r).value();
}

schema::Realm DesiredFromSql(const std::string& sql) {
  auto dev = MustOpen("sqlite://dev?mode=memory");
  if (!dev) {
    return {};
  }
  MustExec(*dev, sql);
  return MustInspect(*dev);
}

std::vector<schema::Change> MustDiff(const schema::Realm& current, const schema::Realm& desired,
                                     const diff::DiffOptions& options) {
  const DiffHooks hooks;
  auto changes = diff::Diff(current, desired, options, hooks);
  if (!changes.ok()) {
    ADD_FAILURE() << changes.ErrorString();
    return {};
  }
  return std::move(changes).value();
}

void ExpectGolden(const std::string& relpath, const std::string& actual) {
  const std::filesystem::path path = std::filesystem::path(ATLAS_SOURCE_DIR) /
                                     "tests/unit/engine/drivers/sqlite/testdata" / relpath;
  const char* update =
      std::getenv("ATLAS_UPDATE_GOLDEN");  // NOLINT(concurrency-mt-unsafe): test setup
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path << " (run with ATLAS_UPDATE_GOLDEN=1)";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(actual, ss.str()) << "golden " << path;
}

std::string Rows(const std::filesystem::path& path, const std::string& query) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "open " << path;
    sqlite3_close_v2(db);
    return {};
  }
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db);
  } else {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        if (i > 0) {
          out += "|";
        }
        const auto* text = sqlite3_column_text(stmt, i);
        out += text == nullptr ? "NULL" : reinterpret_cast<const char*>(text);
      }
      out += "\n";
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close_v2(db);
  return out;
}

}  // namespace atlas::engine::drivers::sqlite::testing

namespace atlas::engine::schema {

namespace {
std::string ExprText(const std::optional<Expr>& e) {
  if (!e) {
    return "none";
  }
  return std::string(e->kind == Expr::Kind::kLiteral ? "lit:" : "raw:") + e->text;
}
std::string PartsText(const std::vector<IndexPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    out += out.empty() ? "" : ",";
    out += p.column.empty() ? "expr(" + p.expr + ")" : p.column;
    out += p.desc ? " desc" : "";
    out += p.collation.empty() ? "" : " collate " + p.collation;
  }
  return out;
}
}  // namespace

void PrintTo(const Column& c, std::ostream* os) {
  *os << "Column{" << c.name << " raw=" << c.type.raw << " norm=" << c.type.normalized
      << " null=" << c.nullable << " default=" << ExprText(c.default_value)
      << " autoinc=" << c.auto_increment << " gen="
      << (c.generated ? c.generated->expr + (c.generated->stored ? " stored" : " virtual") : "none")
      << " collate=" << c.collation << "}";
}
void PrintTo(const Index& i, std::ostream* os) {
  *os << "Index{" << i.name << " unique=" << i.unique << " parts=" << PartsText(i.parts)
      << " where=" << i.where << "}";
}
void PrintTo(const ForeignKey& fk, std::ostream* os) {
  *os << "FK{" << fk.name << " (";
  for (const auto& c : fk.columns) {
    *os << c << ",";
  }
  *os << ") -> " << fk.ref_table << "(";
  for (const auto& c : fk.ref_columns) {
    *os << c << ",";
  }
  *os << ") upd=" << ReferenceOptionSql(fk.on_update) << " del=" << ReferenceOptionSql(fk.on_delete)
      << "}";
}
void PrintTo(const Check& c, std::ostream* os) {
  *os << "Check{" << c.name << ": " << c.expr << "}";
}
void PrintTo(const Table& t, std::ostream* os) {
  *os << "Table{" << t.name << "\n";
  for (const auto& c : t.columns) {
    *os << "  ";
    PrintTo(c, os);
    *os << "\n";
  }
  if (t.primary_key) {
    *os << "  PK{" << t.primary_key->name << " " << PartsText(t.primary_key->parts) << "}\n";
  }
  for (const auto& i : t.indexes) {
    *os << "  ";
    PrintTo(i, os);
    *os << "\n";
  }
  for (const auto& fk : t.foreign_keys) {
    *os << "  ";
    PrintTo(fk, os);
    *os << "\n";
  }
  for (const auto& c : t.checks) {
    *os << "  ";
    PrintTo(c, os);
    *os << "\n";
  }
  for (const auto& tr : t.triggers) {
    *os << "  Trigger{" << tr.name << " on " << tr.table << ": " << tr.body << "}\n";
  }
  *os << "  options{without_rowid=" << t.options.without_rowid << " strict=" << t.options.strict
      << "}}";
}
void PrintTo(const Realm& r, std::ostream* os) {
  for (const auto& s : r.schemas) {
    *os << "Schema{" << s.name << "\n";
    for (const auto& t : s.tables) {
      PrintTo(t, os);
      *os << "\n";
    }
    for (const auto& v : s.views) {
      *os << "View{" << v.name << ": " << v.definition << "}\n";
    }
    *os << "}\n";
  }
}

}  // namespace atlas::engine::schema
