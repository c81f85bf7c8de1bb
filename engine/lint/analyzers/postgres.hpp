#pragma once
// PostgreSQL lock and table-rewrite analyzers (PG101-PG105, PG301-PG306) and the statement scan
// they share. Atlas documents these codes on atlasgo.io/lint/analyzers but implements them only in
// Atlas Pro: the codes follow Atlas's published list, the behaviour follows PostgreSQL 15's
// documented locking rules, and the message texts are ours (PG101-PG103 reuse the wording of the
// concurrent_index analyzer Atlas shipped in its open-source releases until 2024).
//
//   concurrent_index  PG101 PG102 PG103   CREATE/DROP INDEX without CONCURRENTLY; CONCURRENTLY in a
//                                          migration file without `-- atlas:txmode none`
//   constraint_lock   PG104 PG105         PRIMARY KEY / UNIQUE constraint built under ACCESS EXCLUSIVE
//   table_rewrite     PG301 PG302 PG303   column type change, volatile default, stored generated column
//   full_scan         PG304 PG305 PG306   PRIMARY KEY over nullable columns, CHECK / FOREIGN KEY
//                                          without NOT VALID
//
// Only changes of tables that existed before the statement (schema::ModifyTable) are reported.
// Whether a statement used CONCURRENTLY, NOT VALID or USING INDEX is not part of the inspected
// model; the analyzers read it from the statement text (Pass::StatementFor) with sql::Tokenize.
// Stateless; thread-safe.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/lint/analyzer.hpp"
#include "engine/sql/tokens.hpp"

namespace atlas::engine::lint {

std::unique_ptr<Analyzer> NewConcurrentIndexAnalyzer();
std::unique_ptr<Analyzer> NewConstraintLockAnalyzer();
std::unique_ptr<Analyzer> NewTableRewriteAnalyzer();
std::unique_ptr<Analyzer> NewFullScanAnalyzer();

namespace pg {

// One top-level part of a statement: a whole CREATE/DROP INDEX statement, or one comma-separated
// action of an ALTER TABLE (`ADD CONSTRAINT c CHECK (...) NOT VALID`).
struct Clause {
  std::vector<sql::Token> tokens;
  // Name after CONSTRAINT (folded to lower case unless quoted), "" when the clause names none.
  std::string constraint;
  bool not_valid = false;    // NOT VALID outside parentheses
  bool using_index = false;  // USING INDEX outside parentheses

  // Whether `keyword` (upper case) is a bare word of the clause outside parentheses.
  bool Has(std::string_view keyword) const;
};

enum class IndexVerb { kCreate, kDrop };

// The SQL behind one change (one statement of a migration file, or the planned statements of a
// declarative change), scanned once.
class StatementScan {
 public:
  // The statements behind change `change_index` of `pass` (Pass::StatementFor, unjoined).
  StatementScan(const Pass& pass, int change_index);
  // The statements of `sql` (split on top-level ';').
  explicit StatementScan(std::string_view sql);

  // Whether a statement named the index: nullopt when no CREATE INDEX (kCreate) / DROP INDEX
  // (kDrop) statement of the text creates or drops `name` (a statement without an index name
  // counts when it is the only one of its verb), else whether it used CONCURRENTLY.
  std::optional<bool> IndexConcurrently(IndexVerb verb, std::string_view name) const;

  // The ALTER TABLE action adding the constraint `name` of the kind `keyword` ("CHECK",
  // "FOREIGN", "PRIMARY", "UNIQUE"): the action naming it, else the first unnamed action of that
  // kind; null when none matches.
  const Clause* ConstraintClause(std::string_view name, std::string_view keyword) const;

  bool empty() const { return statements_.empty(); }

 private:
  struct Statement {
    std::vector<sql::Token> tokens;
    std::vector<Clause> clauses;  // ALTER TABLE actions; one clause for other statements
  };
  void Add(std::string_view sql);
  std::vector<Statement> statements_;
};

// Whether option `key` of analyzer `analyzer` is set to "false" ("true" and absent give `def`).
bool BoolOption(const Pass& pass, std::string_view analyzer, std::string_view key, bool def);

}  // namespace pg

}  // namespace atlas::engine::lint
