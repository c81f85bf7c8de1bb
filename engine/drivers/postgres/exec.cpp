#include "engine/drivers/postgres/exec.hpp"

#include <algorithm>
#include <array>
#include <thread>
#include <vector>

#include "engine/base/hash.hpp"
#include "engine/sql/builder.hpp"
#include "engine/sql/splitter.hpp"

namespace atlas::engine::drivers::postgres {
namespace {

using base::Result;
using base::Status;

constexpr std::string_view kSchemasQuery = R"sql(
SELECT n.nspname, pg_catalog.obj_description(n.oid, 'pg_namespace')
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.objid = n.oid AND d.deptype = 'e')
ORDER BY n.nspname
)sql";

constexpr std::string_view kRelationsQuery = R"sql(
SELECT c.relname
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
ORDER BY c.relname
LIMIT 1
)sql";

constexpr std::string_view kExtensionsQuery =
    "SELECT e.extname FROM pg_catalog.pg_extension e WHERE e.extname <> 'plpgsql' ORDER BY 1";

constexpr std::string_view kSchemaCommentQuery =
    "SELECT pg_catalog.obj_description(n.oid, 'pg_namespace') FROM pg_catalog.pg_namespace n "
    "WHERE n.nspname = $1";

const sql::Dialect kDialect = sql::Dialect::Postgres();

// Wraps a failed statement's diagnostic with its place in the run.
base::Diagnostics Failure(Status st, size_t index, size_t total, const std::string& comment,
                          const std::string& applied) {
  base::Diagnostics d = std::move(st).diags();
  for (auto& item : d.items()) {
    std::string what =
        "Statement " + std::to_string(index + 1) + " of " + std::to_string(total) + " failed";
    if (!comment.empty()) {
      what += " (" + comment + ")";
    }
    item.summary = what;
    item.detail += item.detail.empty() ? applied : "\n" + applied;
  }
  return d;
}

std::string Plural(size_t n) {
  return std::to_string(n) + (n == 1 ? " statement" : " statements");
}

// Statements PostgreSQL refuses to run inside a transaction block.
bool NonTransactional(std::string_view stmt) {
  std::string words;
  for (const char c : stmt) {
    if (words.size() > 64) {
      break;
    }
    words += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A'
                                                    : (c == '\n' || c == '\t' ? ' ' : c));
  }
  static constexpr std::array<std::string_view, 15> kPrefixes = {"CREATE INDEX CONCURRENTLY",
                                                                 "CREATE UNIQUE INDEX CONCURRENTLY",
                                                                 "DROP INDEX CONCURRENTLY",
                                                                 "REINDEX",
                                                                 "VACUUM",
                                                                 "CREATE DATABASE",
                                                                 "DROP DATABASE",
                                                                 "ALTER SYSTEM",
                                                                 "CREATE TABLESPACE",
                                                                 "DROP TABLESPACE",
                                                                 "BEGIN",
                                                                 "COMMIT",
                                                                 "ROLLBACK",
                                                                 "START TRANSACTION",
                                                                 "END"};
  for (const auto p : kPrefixes) {
    if (words.rfind(p, 0) == 0 &&
        (words.size() == p.size() || words[p.size()] == ' ' || words[p.size()] == ';')) {
      return true;
    }
  }
  return false;
}

struct Step {
  std::string sql;
  std::string comment;
  bool transactional = true;
  std::optional<base::SourceRange> source;
};

// Runs steps: consecutive transactional ones share a transaction unless `single` is false (tx mode
// none).
Status Run(const Conn& conn, const std::vector<Step>& steps, bool use_transactions) {
  std::unique_ptr<Transaction> tx;
  size_t committed = 0;  // statements whose effect is durable
  size_t in_tx = 0;      // statements run in the open transaction
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& st = steps[i];
    const bool transactional = use_transactions && st.transactional;
    if (!transactional && tx) {
      if (auto c = tx->Commit(); !c.ok()) {
        return Failure(
            std::move(c), i, steps.size(), "COMMIT",
            "the transaction holding the previous " + Plural(in_tx) + " was rolled back");
      }
      tx.reset();
      committed += in_tx;
      in_tx = 0;
    }
    if (transactional && !tx) {
      auto begun = Transaction::Begin(conn);
      if (!begun.ok()) {
        return std::move(begun).diags();
      }
      tx = std::move(begun).value();
    }
    if (auto r = conn.Exec(st.sql); !r.ok()) {
      std::string applied;
      if (tx) {
        (void)tx->Rollback();
        applied = Plural(committed) + " applied before; " + Plural(in_tx) +
                  " of the open transaction rolled back";
      } else {
        applied = Plural(committed + in_tx) + " applied before (not rolled back)";
      }
      auto d = Failure(std::move(r), i, steps.size(), st.comment, applied);
      if (st.source) {
        for (auto& item : d.items()) {
          item.source = st.source;
        }
      }
      return d;
    }
    if (tx) {
      ++in_tx;
    } else {
      ++committed;
    }
  }
  if (tx) {
    if (auto c = tx->Commit(); !c.ok()) {
      return Failure(std::move(c), steps.size() - 1, steps.size(), "COMMIT",
                     "the transaction holding the last " + Plural(in_tx) + " was rolled back");
    }
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Transaction

Result<std::unique_ptr<Transaction>> Transaction::Begin(const Conn& conn) {
  if (auto st = conn.Exec("BEGIN"); !st.ok()) {
    return std::move(st).diags();
  }
  return std::unique_ptr<Transaction>(new Transaction(conn));
}

Transaction::~Transaction() {
  if (!done_) {
    // A failed rollback leaves the connection in a failed state that its owner will notice; a
    // destructor has nobody to report to.
    (void)conn_.Exec("ROLLBACK");
  }
}

Status Transaction::Commit() {
  done_ = true;
  return conn_.Exec("COMMIT");
}

Status Transaction::Rollback() {
  done_ = true;
  return conn_.Exec("ROLLBACK");
}

// ---------------------------------------------------------------------------------------------------
// AdvisoryLock

uint32_t AdvisoryLock::KeyOf(std::string_view name) {
  return base::Fnv1_32(name);
}

Result<std::unique_ptr<AdvisoryLock>> AdvisoryLock::Acquire(const Conn& conn, std::string_view name,
                                                            std::chrono::milliseconds timeout) {
  const uint32_t key = KeyOf(name);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto wait = std::chrono::milliseconds(25);
  for (;;) {
    auto rows = conn.Query("SELECT pg_catalog.pg_try_advisory_lock($1::bigint)",
                           {Param(std::to_string(key))});
    if (!rows.ok()) {
      return std::move(rows).diags();
    }
    if (rows->Bool(0, 0)) {
      return std::unique_ptr<AdvisoryLock>(new AdvisoryLock(conn, key));
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return base::Error("Could not acquire lock " + std::string(name),
                         "another process holds the PostgreSQL advisory lock " +
                             std::to_string(key) + "; try again when it is done");
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(wait, deadline - now));
    wait = std::min(wait * 2, std::chrono::milliseconds(1000));
  }
}

AdvisoryLock::~AdvisoryLock() {
  // Released with the session anyway if this fails.
  (void)conn_.Query("SELECT pg_catalog.pg_advisory_unlock($1::bigint)",
                    {Param(std::to_string(key_))});
}

// ---------------------------------------------------------------------------------------------------
// Executor

Status PostgresExecutor::ExecutePlan(const plan::Plan& plan, const drivers::ExecOptions& options) {
  std::vector<Step> steps;
  steps.reserve(plan.statements.size());
  for (const auto& st : plan.statements) {
    steps.push_back(Step{st.sql, st.comment, st.transactional, std::nullopt});
  }
  const bool use_tx = options.tx_mode != plan::TxMode::kNone && plan.transactional;
  return Run(conn_, steps, use_tx);
}

Status PostgresExecutor::ExecuteScript(std::string_view script, std::string_view filename) {
  auto split = sql::Split(script, sql::SplitOptions::For(sql::DialectKind::kPostgres), filename);
  if (!split.ok()) {
    return std::move(split).diags();
  }
  std::vector<Step> steps;
  for (const auto& st : *split) {
    Step step;
    step.sql = st.text;
    step.transactional = !NonTransactional(st.text);
    step.source = base::SourceRange{std::string(filename), st.pos, st.pos};
    steps.push_back(std::move(step));
  }
  return Run(conn_, steps, true);
}

// ---------------------------------------------------------------------------------------------------
// Dev database

Status PostgresDevDatabase::CheckClean() {
  const auto dirty = [](std::string reason) {
    return base::Error("Connected database is not clean", std::move(reason));
  };
  if (!bound_schema_.empty()) {
    auto rows = conn_.Query(kRelationsQuery, {Param(bound_schema_)});
    if (!rows.ok()) {
      return std::move(rows).diags();
    }
    if (!rows->empty()) {
      return dirty("found table \"" + std::string(rows->Text(0, 0)) + "\" in connected schema");
    }
    return {};
  }
  auto schemas = conn_.Query(kSchemasQuery);
  if (!schemas.ok()) {
    return std::move(schemas).diags();
  }
  for (int r = 0; r < schemas->size(); ++r) {
    const std::string name(schemas->Text(r, 0));
    if (name != "public") {
      return dirty("found schema \"" + name + "\"");
    }
    auto rows = conn_.Query(kRelationsQuery, {Param(name)});
    if (!rows.ok()) {
      return std::move(rows).diags();
    }
    if (!rows->empty()) {
      return dirty("found table \"" + std::string(rows->Text(0, 0)) + R"(" in schema "public")");
    }
  }
  return {};
}

Status PostgresDevDatabase::Reset() {
  std::vector<Step> steps;
  const auto add = [&steps](const sql::Builder& b) -> Status {
    auto text = b.Build();
    if (!text.ok()) {
      return std::move(text).diags();
    }
    steps.push_back(Step{std::move(text).value(), "", true, std::nullopt});
    return {};
  };
  const auto recreate = [&](const std::string& name) -> Status {
    auto comment = conn_.Query(kSchemaCommentQuery, {Param(name)});
    if (!comment.ok()) {
      return std::move(comment).diags();
    }
    sql::Builder drop(kDialect);
    drop.Kw("DROP SCHEMA IF EXISTS").Ident(name).Kw("CASCADE");
    sql::Builder create(kDialect);
    create.Kw("CREATE SCHEMA").Ident(name);
    for (const auto* b : {&drop, &create}) {
      if (auto st = add(*b); !st.ok()) {
        return st;
      }
    }
    if (!comment->empty() && !comment->IsNull(0, 0)) {
      sql::Builder c(kDialect);
      c.Kw("COMMENT ON SCHEMA").Ident(name).Kw("IS").Literal(comment->Text(0, 0));
      return add(c);
    }
    return {};
  };
  if (!bound_schema_.empty()) {
    if (auto st = recreate(bound_schema_); !st.ok()) {
      return st;
    }
    return Run(conn_, steps, true);
  }
  auto extensions = conn_.Query(kExtensionsQuery);
  if (!extensions.ok()) {
    return std::move(extensions).diags();
  }
  for (int r = 0; r < extensions->size(); ++r) {
    sql::Builder b(kDialect);
    b.Kw("DROP EXTENSION IF EXISTS").Ident(extensions->Text(r, 0)).Kw("CASCADE");
    if (auto st = add(b); !st.ok()) {
      return st;
    }
  }
  auto schemas = conn_.Query(kSchemasQuery);
  if (!schemas.ok()) {
    return std::move(schemas).diags();
  }
  for (int r = 0; r < schemas->size(); ++r) {
    if (schemas->Text(r, 0) == "public") {
      continue;
    }
    sql::Builder b(kDialect);
    b.Kw("DROP SCHEMA IF EXISTS").Ident(schemas->Text(r, 0)).Kw("CASCADE");
    if (auto st = add(b); !st.ok()) {
      return st;
    }
  }
  if (auto st = recreate("public"); !st.ok()) {
    return st;
  }
  (void)version_;
  return Run(conn_, steps, true);
}

// ---------------------------------------------------------------------------------------------------
// DevSession

namespace {
class AdvisoryLease final : public drivers::DevDatabase::Lease {
 public:
  explicit AdvisoryLease(std::unique_ptr<AdvisoryLock> lock) : lock_(std::move(lock)) {}

 private:
  std::unique_ptr<AdvisoryLock> lock_;
};
}  // namespace

Result<std::unique_ptr<drivers::DevDatabase::Lease>> PostgresDevDatabase::Acquire(
    std::chrono::milliseconds timeout) {
  auto lock = AdvisoryLock::Acquire(conn_, DevSession::kLockName, timeout);
  if (!lock.ok()) {
    return std::move(lock).diags();
  }
  return std::unique_ptr<drivers::DevDatabase::Lease>(
      std::make_unique<AdvisoryLease>(std::move(lock).value()));
}

Result<std::unique_ptr<DevSession>> DevSession::Begin(const Conn& conn, PostgresDevDatabase& dev,
                                                      std::chrono::milliseconds lock_timeout) {
  auto lock = AdvisoryLock::Acquire(conn, kLockName, lock_timeout);
  if (!lock.ok()) {
    return std::move(lock).diags();
  }
  std::unique_ptr<DevSession> session(new DevSession(std::move(lock).value(), dev));
  if (auto st = dev.Reset(); !st.ok()) {
    session->ended_ = true;
    return std::move(st).diags();
  }
  return session;
}

DevSession::~DevSession() {
  if (ended_) {
    return;
  }
  try {
    (void)dev_.Reset();
  } catch (
      ...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw; the next session resets.
  }
}

Status DevSession::End() {
  ended_ = true;
  return dev_.Reset();
}

}  // namespace atlas::engine::drivers::postgres
