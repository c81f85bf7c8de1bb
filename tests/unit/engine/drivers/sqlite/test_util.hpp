#pragma once
// Helpers shared by the SQLite driver tests: a per-test temporary directory and shortcuts to open,
// load, inspect, diff and plan. Not thread-safe; one instance per test.

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "engine/diff/diff.hpp"
#include "engine/drivers/driver.hpp"
#include "engine/drivers/registry.hpp"

namespace atlas::engine::drivers::sqlite::testing {

// A directory removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Opens `url` with the builtin registry; fails the test on error.
std::unique_ptr<Driver> MustOpen(const std::string& url);
// Runs `sql` as a script; fails the test on error.
void MustExec(Driver& d, const std::string& sql);
schema::Realm MustInspect(Driver& d);
// The desired state of `sql`, loaded into a fresh in-memory dev database and inspected back.
schema::Realm DesiredFromSql(const std::string& sql);
std::vector<schema::Change> MustDiff(const schema::Realm& current, const schema::Realm& desired,
                                     const diff::DiffOptions& options = {});
// Compares `actual` with tests/unit/engine/drivers/sqlite/testdata/<relpath>; ATLAS_UPDATE_GOLDEN=1
// rewrites it.
void ExpectGolden(const std::string& relpath, const std::string& actual);
// Rows of `query` on the database file at `path`, each as "a|b" followed by a newline (NULL as
// "NULL").
std::string Rows(const std::filesystem::path& path, const std::string& query);

}  // namespace atlas::engine::drivers::sqlite::testing

// Readable gtest output for model values.
namespace atlas::engine::schema {
void PrintTo(const Column& c, std::ostream* os);
void PrintTo(const Index& i, std::ostream* os);
void PrintTo(const ForeignKey& fk, std::ostream* os);
void PrintTo(const Check& c, std::ostream* os);
void PrintTo(const Table& t, std::ostream* os);
void PrintTo(const Realm& r, std::ostream* os);
}  // namespace atlas::engine::schema
