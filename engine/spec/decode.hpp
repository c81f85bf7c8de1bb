#pragma once
// Atlas schema HCL -> schema::Realm for one dialect. Reads the blocks `atlas schema inspect` prints
// and users write: schema, table (column, primary_key, index, foreign_key, check), view, trigger,
// enum (when the dialect supports it), plus variable and locals blocks whose values `var.x` /
// `local.x` references use. Several files form one document (references may cross files). Unknown
// attributes and blocks, bad values and references to missing objects are errors with file:line:col
// and a caret excerpt. Pure functions; thread-safe.
//
// Model conventions:
//   - columns without `null` are NOT NULL (Atlas's default);
//   - string defaults become SQL literals ('abc'), numbers and bools literal text, sql("x") raw
//   expressions;
//   - a generated column written `as = "expr"` is VIRTUAL;
//   - triggers are stored as complete CREATE TRIGGER statements (trigger_sql.hpp);
//   - View::depends_on holds "schema.name" of each referenced table or view;
//   - objects keep declaration order (the printer sorts).

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/hcl/eval.hpp"
#include "engine/schema/realm.hpp"
#include "engine/spec/dialect.hpp"

namespace atlas::engine::spec {

struct SourceFile {
  std::string name;  // used in diagnostics ("schema.hcl", "dir/users.hcl")
  std::string content;
};

struct DecodeOptions {
  // Input values for `variable` blocks (Atlas `--var name=value`). Strings convert to a declared
  // number or bool type; variables without an input use their default.
  std::map<std::string, hcl::Value, std::less<>> variables;
};

base::Result<schema::Realm> DecodeFiles(std::span<const SourceFile> files, const Dialect& dialect,
                                        const DecodeOptions& options = {});

base::Result<schema::Realm> Decode(std::string_view content, std::string filename,
                                   const Dialect& dialect, const DecodeOptions& options = {});

// Reads one .hcl file, or every *.hcl file directly inside a directory (sorted by name, as Atlas
// does). Names in the result are the paths as given plus the file name.
base::Result<std::vector<SourceFile>> ReadSourceFiles(const std::string& path);

}  // namespace atlas::engine::spec
