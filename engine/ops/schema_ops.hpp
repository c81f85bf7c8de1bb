#pragma once
// Declarative-workflow use cases (inspect, plan, apply, drop, normalize): the only engine API the
// provider and the CLI call for schemas. Requests and responses are plain values; no engine
// internals leak out.
//
// Thread-safety: SchemaOps is safe to use from several threads at once; each call opens its own
// connections. Calls that share a dev database are serialized inside one process (see DevLock).

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/lint/config.hpp"

namespace atlas::engine::drivers {
class Driver;
}  // namespace atlas::engine::drivers

namespace atlas::engine::ops {

// Atlas's diff policy (`diff { skip {...} concurrent_index {...} }`).
struct DiffPolicy {
  bool add_schema = false;
  bool drop_schema = false;
  bool modify_schema = false;
  bool add_table = false;
  bool drop_table = false;
  bool modify_table = false;
  bool add_column = false;
  bool drop_column = false;
  bool modify_column = false;
  bool add_index = false;
  bool drop_index = false;
  bool modify_index = false;
  bool add_foreign_key = false;
  bool drop_foreign_key = false;
  bool modify_foreign_key = false;
  bool concurrent_index_create = false;
  bool concurrent_index_drop = false;
};

// A desired schema: inline HCL, or one or more URLs (file:// to .hcl/.sql files or directories, or
// a database URL).
struct SqlScript {
  std::string name;  // for diagnostics (file:line of a failing statement)
  std::string content;
};

struct SchemaSource {
  std::string hcl;                      // inline HCL (used when urls is empty)
  std::string filename = "schema.hcl";  // name used in diagnostics for inline HCL
  std::vector<std::string> urls;
  // When set, the desired state is what `scripts` (possibly none) leave in the dev database after a
  // reset: migration files replayed up to a version. Needs a dev database; hcl and urls are
  // ignored.
  bool from_scripts = false;
  std::vector<SqlScript> scripts;
};

// A pre-migration check guarding a destructive statement: a query that must return true before the
// plan may run (e.g. the table to drop is empty).
struct DataCheck {
  std::string sql;      // without trailing ';'
  std::string message;  // why the plan is refused when the check returns false
};

struct PlannedStatement {
  std::string sql;            // without trailing ';'
  std::string comment;        // Atlas comment, without "-- "
  bool destructive = false;   // drops an object or column
  bool transactional = true;  // false: runs outside the transaction (CREATE INDEX CONCURRENTLY)
};

// One lint finding (atlas-compat §7): code, Atlas's exact text, suggested fix, and the planned
// statement of the change that caused it.
struct LintFinding {
  std::string code;           // "DS102"
  std::string text;           // `Dropping table "t"`
  std::string suggested_fix;  // empty when none
  std::string link;           // https://atlasgo.io/lint/analyzers#DS102
  int statement_index = -1;   // index into SchemaPlan::statements, -1 when none
  std::string statement;      // that statement followed by ";", empty when none
};

// The findings of one analyzer under its report text ("destructive changes detected").
struct LintReport {
  std::string analyzer;  // the analyzer's config name: destructive, data_depend, naming, ...
  std::string text;
  bool error = false;  // the analyzer reports errors (destructive), else warnings
  std::vector<LintFinding> findings;
};

struct SchemaPlan {
  std::vector<PlannedStatement> statements;
  // Lint of the changes behind the statements, one report per analyzer that found something, in
  // the driver's analyzer order (Atlas's generic ones first, then the dialect's).
  std::vector<LintReport> lint;
  // Checks guarding the data the plan would delete (dropped tables must be empty, dropped columns
  // hold only NULLs); run before the plan only when the request asks for it (`run_data_checks`).
  std::vector<DataCheck> checks;
  // SHA-256 (hex) over the statements; apply refuses to run a different plan than the one shown.
  std::string fingerprint;
  bool empty() const { return statements.empty(); }
  // "-- comment\nSQL;\n" per statement.
  std::string ToSql() const;
  // Statements only, each followed by ";", one per line.
  std::vector<std::string> StatementTexts() const;
};

struct SchemaApplyRequest {
  std::string url;      // target database
  std::string dev_url;  // optional dev database
  SchemaSource desired;
  std::vector<std::string> exclude;
  DiffPolicy policy;
  std::string tx_mode = "file";  // file | all | none
  // When set, apply refuses to run unless the freshly computed plan has this fingerprint.
  std::string expected_fingerprint;
  // Apply runs the plan's data checks first and refuses (running nothing) when one returns false.
  bool run_data_checks = false;
  // Analyzer options (atlas.hcl `lint {}`); validated against the target driver's analyzers.
  lint::Config lint;
};

struct SchemaApplyResult {
  SchemaPlan plan;  // what was (or, for dry runs, would be) executed
};

struct InspectRequest {
  std::string url;
  std::vector<std::string> exclude;
  std::string format = "hcl";  // hcl | sql | json
};

struct NormalizeRequest {
  SchemaSource source;
  std::string dev_url;     // may be empty
  std::string target_url;  // optional: selects the dialect when there is no dev_url
};

struct DropRequest {
  std::string url;
  std::string dev_url;
  SchemaSource declared;  // the objects to remove (what the resource manages)
  std::vector<std::string> exclude;
  std::string tx_mode = "file";
  std::string expected_fingerprint;
};

class SchemaOps {
 public:
  SchemaOps();
  ~SchemaOps();
  SchemaOps(const SchemaOps&) = delete;
  SchemaOps& operator=(const SchemaOps&) = delete;

  // Computes the plan that moves `url` to the desired schema. Nothing is executed.
  base::Result<SchemaPlan> PlanApply(const SchemaApplyRequest& req) const;
  // Computes and executes the plan.
  base::Result<SchemaApplyResult> Apply(const SchemaApplyRequest& req) const;
  // Plans the removal of the objects the declared schema contains (and nothing else).
  base::Result<SchemaPlan> PlanDrop(const DropRequest& req) const;
  base::Result<SchemaApplyResult> Drop(const DropRequest& req) const;
  // Inspects a database into normalized HCL (or SQL / JSON).
  base::Result<std::string> Inspect(const InspectRequest& req) const;
  // Loads a desired schema and prints it as normalized HCL (through the dev database when
  // available).
  base::Result<std::string> Normalize(const NormalizeRequest& req) const;
  // Diff between two sources (database URLs or files), as a plan for the `from` side's dialect.
  base::Result<SchemaPlan> Diff(const std::vector<std::string>& from,
                                const std::vector<std::string>& to, const std::string& dev_url,
                                const std::vector<std::string>& exclude) const;
  // Diff between two sources in the dialect of `dialect_url` (a database or the dev database),
  // normalized through `dev_url`; `indent` formats multi-line statements (migration files use "  ").
  base::Result<SchemaPlan> DiffSources(const SchemaSource& from, const SchemaSource& to,
                                       const std::string& dialect_url, const std::string& dev_url,
                                       const std::vector<std::string>& exclude,
                                       const std::string& indent) const;
  // Runs `fn` with the dev database at `dev_url` opened, locked (within the process and across
  // processes) and reset; it is reset again afterwards, whatever `fn` returns. For engine
  // use cases that replay SQL on the dev database themselves (migration lint).
  base::Status WithDevDatabase(const std::string& dev_url,
                               const std::function<base::Status(drivers::Driver&)>& fn) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace atlas::engine::ops

namespace atlas::engine::ops {
// Canonical formatting of an HCL document (`atlas schema fmt`): same content, canonical layout.
base::Result<std::string> FormatHcl(const std::string& text, const std::string& filename);
}  // namespace atlas::engine::ops
