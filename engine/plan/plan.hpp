#pragma once
// A migration plan: ordered SQL statements, each with Atlas's human comment and (when known) its reverse.
// Produced by a driver's planner from schema::Change values; printed at `terraform plan`; executed by the
// driver's executor. Plain data; thread-compatible.

#include <string>
#include <vector>

namespace atlas::engine::plan {

struct Statement {
  std::string sql;      // without trailing ';'
  std::string comment;  // Atlas's comment text, capitalized, without "-- " (e.g. `Create "users" table`)
  std::string reverse;  // statement undoing this one, empty when not reversible
  // False for statements that cannot run inside a transaction (PostgreSQL CREATE INDEX CONCURRENTLY).
  bool transactional = true;
  int change_index = -1;  // index of the schema::Change that caused it, -1 when none
};

struct Plan {
  std::vector<Statement> statements;
  bool transactional = true;  // the driver supports transactional DDL
  bool reversible = true;

  bool empty() const { return statements.empty(); }
  // Atlas's file form: "-- comment\nSQL;\n" per statement.
  std::string ToSql() const {
    std::string out;
    for (const auto& s : statements) {
      if (!s.comment.empty()) {
        out += "-- " + s.comment + "\n";
      }
      out += s.sql + ";\n";
    }
    return out;
  }
};

// How statements are grouped into transactions when applied (Atlas tx-mode).
enum class TxMode { kFile, kAll, kNone };

}  // namespace atlas::engine::plan
