#pragma once
// Atlas `exclude` globs (sql/schema/exclude.go): a pattern is a '.'-separated chain of globs
// (path.Match syntax: * ? [...] \) addressing schema[.table|view[.column|index|fk|check|trigger]];
// each part may end with a type selector, e.g. "*.*.[type=index|fk]" or "app.[type=view]". Parts
// may be "quoted" to contain dots. Realm-bound matching uses patterns as written ("schema",
// "schema.tbl", "*.tbl", "schema.tbl.col"); schema-bound matching prefixes every pattern with the
// bound schema, as Atlas's ExcludeSchema does ("tbl" -> "main.tbl", "tbl.col" -> "main.tbl.col").
// An Exclude is an immutable value; thread-safe for concurrent reads.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/schema/realm.hpp"

namespace atlas::engine::drivers {

// Glob match with Go path.Match semantics ('*' and '?' match any character; there is no separator
// here).
bool GlobMatch(std::string_view pattern, std::string_view name);

class Exclude {
 public:
  Exclude() = default;
  // Invalid patterns (empty, too many parts, malformed glob or selector) are errors naming the
  // pattern.
  static base::Result<Exclude> Parse(std::span<const std::string> patterns,
                                     std::string_view bound_schema = {});

  bool empty() const { return globs_.empty(); }
  bool ExcludesSchema(std::string_view schema) const;
  bool ExcludesTable(std::string_view schema, std::string_view table) const;
  bool ExcludesView(std::string_view schema, std::string_view view) const;
  // Schema-level named objects: kind is "enum", "sequence", "function"... (selector [type=<kind>]).
  bool ExcludesObject(std::string_view schema, std::string_view kind, std::string_view name) const;
  // Children of a table or view: kind is "column", "index", "fk", "check" or "trigger".
  bool ExcludesChild(std::string_view schema, std::string_view table, std::string_view kind,
                     std::string_view name) const;

  // Returns `realm` without the excluded objects. Indexes and foreign keys over an excluded column
  // go too.
  schema::Realm Apply(schema::Realm realm) const;

 private:
  struct Part {
    std::string glob;
    std::vector<std::string> types;  // empty = any type
  };
  using Glob = std::vector<Part>;
  static bool PartMatches(const Part& part, std::string_view type, std::string_view name);

  std::vector<Glob> globs_;
};

}  // namespace atlas::engine::drivers
