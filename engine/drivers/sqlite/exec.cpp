#include "engine/drivers/sqlite/exec.hpp"

#include <cctype>

#include <fmt/format.h>

#include "engine/drivers/sqlite/queries.hpp"
#include "engine/sql/builder.hpp"
#include "engine/sql/splitter.hpp"

namespace atlas::engine::drivers::sqlite {

namespace {

// Lower-cased with runs of whitespace collapsed: "PRAGMA  Foreign_Keys = OFF" -> "pragma
// foreign_keys = off".
std::string Canon(std::string_view sql) {
  std::string out;
  bool space = false;
  for (const char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !out.empty();
      continue;
    }
    if (space) {
      out.push_back(' ');
      space = false;
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  while (!out.empty() && out.back() == ';') {
    out.pop_back();
  }
  return out;
}

std::string Plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

base::Result<bool> ForeignKeysOn(Connection& conn) {
  auto rows = conn.Query("PRAGMA foreign_keys");
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  return !rows->empty() && !rows->front().empty() && rows->front()[0] && *rows->front()[0] == "1";
}

// Error when PRAGMA foreign_key_check reports a violation.
base::Status ForeignKeyCheck(Connection& conn) {
  auto rows = conn.Query("PRAGMA foreign_key_check");
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  if (rows->empty()) {
    return base::Status::Ok();
  }
  const Row& r = rows->front();
  const auto at = [&](size_t i) { return i < r.size() && r[i] ? *r[i] : std::string("NULL"); };
  base::Diagnostic d =
      base::Error("Foreign key violation",
                  fmt::format("sqlite: {} after the change, the first: a row of table {:?} (rowid "
                              "{}) refers to a missing row "
                              "of table {:?}",
                              Plural(rows->size(), "foreign key violation"), at(0), at(1), at(2)));
  d.statement = "PRAGMA foreign_key_check";
  return d;
}

std::string Detail(const base::Diagnostics& diags) {
  for (const auto& d : diags) {
    if (d.severity == base::Severity::kError) {
      return d.detail.empty() ? d.summary : d.detail;
    }
  }
  return "unknown error";
}

}  // namespace

base::Status Executor::ExecutePlan(const plan::Plan& plan, const ExecOptions& options) {
  const auto& stmts = plan.statements;
  if (stmts.empty()) {
    return base::Status::Ok();
  }
  auto fk_on = ForeignKeysOn(conn_);
  if (!fk_on.ok()) {
    return std::move(fk_on).diags();
  }
  const bool fk_on_before = *fk_on;
  const bool use_tx = options.tx_mode != plan::TxMode::kNone;
  bool in_tx = false;
  bool fks_disabled = false;
  size_t applied = 0;    // statements executed successfully
  size_t committed = 0;  // of which are durable (outside or before the open transaction)

  // i = failing statement index; npos = the commit of the open transaction failed.
  const auto fail = [&](size_t i, const std::string& statement,
                        const std::string& why) -> base::Status {
    std::string detail =
        i == std::string::npos
            ? fmt::format("{}. The transaction could not be committed", why)
            : fmt::format("{}. Statement {} of {} failed", why, i + 1, stmts.size());
    if (in_tx) {
      (void)conn_.Exec("ROLLBACK");
      detail += fmt::format(" and {} rolled back ({} undone)",
                            i == std::string::npos ? "was" : "the transaction was",
                            Plural(applied - committed, "statement"));
      if (committed > 0) {
        detail += fmt::format("; {} outside the transaction {} kept",
                              Plural(committed, "statement"), committed == 1 ? "is" : "are");
      }
    } else {
      detail += fmt::format("; {} applied before it {} kept", Plural(applied, "statement"),
                            applied == 1 ? "is" : "are");
      if (!use_tx) {
        detail += " (tx-mode none)";
      }
    }
    if (fks_disabled && fk_on_before) {
      (void)conn_.Exec("PRAGMA foreign_keys = on");
    }
    base::Diagnostic d = base::Error("Executing the plan failed", std::move(detail));
    d.statement = statement;
    return d;
  };
  const auto commit = [&]() -> base::Status {
    if (fks_disabled && fk_on_before) {
      if (auto st = ForeignKeyCheck(conn_); !st.ok()) {
        const auto& d = st.diags().items().front();
        return fail(std::string::npos, *d.statement, d.detail);
      }
    }
    if (auto st = conn_.Exec("COMMIT"); !st.ok()) {
      return fail(std::string::npos, "COMMIT", Detail(st.diags()));
    }
    in_tx = false;
    committed = applied;
    return base::Status::Ok();
  };

  for (size_t i = 0; i < stmts.size(); ++i) {
    const plan::Statement& s = stmts[i];
    const bool tx = use_tx && s.transactional;
    const std::string canon = Canon(s.sql);
    if (!tx && in_tx) {
      if (auto st = commit(); !st.ok()) {
        return st;
      }
    }
    if (tx && !in_tx) {
      if (auto st = conn_.Exec("BEGIN"); !st.ok()) {
        return fail(i, "BEGIN", Detail(st.diags()));
      }
      in_tx = true;
    }
    if (!use_tx && fks_disabled && fk_on_before && canon == "pragma foreign_keys = on") {
      if (auto st = ForeignKeyCheck(conn_); !st.ok()) {
        const auto& d = st.diags().items().front();
        return fail(i, *d.statement, d.detail);
      }
    }
    if (auto st = conn_.Exec(s.sql); !st.ok()) {
      return fail(i, s.sql, Detail(st.diags()));
    }
    ++applied;
    if (!in_tx) {
      committed = applied;
    }
    if (canon == "pragma foreign_keys = off") {
      fks_disabled = true;
    } else if (canon == "pragma foreign_keys = on") {
      fks_disabled = false;
    }
  }
  if (in_tx) {
    return commit();
  }
  return base::Status::Ok();
}

base::Status Executor::ExecuteScript(std::string_view script, std::string_view filename) {
  auto stmts = sql::Split(script, sql::SplitOptions::For(sql::DialectKind::kSqlite), filename);
  if (!stmts.ok()) {
    return std::move(stmts).diags();
  }
  for (size_t i = 0; i < stmts->size(); ++i) {
    const auto& s = (*stmts)[i];
    if (auto st = conn_.Exec(s.text); !st.ok()) {
      base::Diagnostic d = base::Error(
          "Executing SQL failed",
          fmt::format("{} ({} before it applied)", Detail(st.diags()), Plural(i, "statement")));
      d.statement = s.text;
      d.source = base::SourceRange{std::string(filename), s.pos, s.pos};
      return d;
    }
  }
  return base::Status::Ok();
}

base::Status DevDatabase::CheckClean() {
  auto rows = conn_.Query(queries::kAnyObject);
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  if (rows->empty()) {
    return base::Status::Ok();
  }
  const Row& r = rows->front();
  return base::Error("Dev database is not clean",
                     fmt::format("connected database is not clean: found {} {:?}",
                                 r[0].value_or(""), r[1].value_or("")));
}

base::Status DevDatabase::Reset() {
  auto fk_on = ForeignKeysOn(conn_);
  if (!fk_on.ok()) {
    return std::move(fk_on).diags();
  }
  auto rows = conn_.Query(queries::kAllObjects);
  if (!rows.ok()) {
    return std::move(rows).diags();
  }
  if (auto st = conn_.Exec("PRAGMA foreign_keys = off"); !st.ok()) {
    return st;
  }
  base::Status result;
  // Triggers, then views, then tables.
  for (const std::string_view kind : {"trigger", "view", "table"}) {
    for (const auto& r : *rows) {
      if (!r[0] || *r[0] != kind || !r[1]) {
        continue;
      }
      sql::Builder b(sql::Dialect::Sqlite(), std::string());
      b.Kw(kind == "trigger" ? "DROP TRIGGER IF EXISTS"
           : kind == "view"  ? "DROP VIEW IF EXISTS"
                             : "DROP TABLE IF EXISTS")
          .Ident(*r[1]);
      if (auto st = conn_.Exec(b.String()); !st.ok()) {
        result = std::move(st);
        break;
      }
    }
  }
  if (result.ok()) {
    auto seq = conn_.Query(
        "SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = 'sqlite_sequence'");
    if (seq.ok() && !seq->empty()) {
      result = conn_.Exec("DELETE FROM main.sqlite_sequence");
    }
  }
  if (*fk_on) {
    if (auto st = conn_.Exec("PRAGMA foreign_keys = on"); !st.ok() && result.ok()) {
      result = std::move(st);
    }
  }
  return result;
}

}  // namespace atlas::engine::drivers::sqlite
