#include "cli/migrate_cmd.hpp"

#include <chrono>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/lint_output.hpp"
#include "engine/ops/migrate_ops.hpp"
#include "engine/url/url.hpp"

namespace atlas::cli {

namespace {

namespace ops = atlas::engine::ops;

int Fail(const std::string& message) {
  std::cerr << "Error: " << engine::url::RedactUrlsInText(message) << "\n";
  return 1;
}

// "10s", "500ms", "2m" -> milliseconds; -1 when invalid.
int64_t ParseTimeout(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    ++i;
  }
  if (i == 0 || i > 12) {
    return -1;
  }
  const int64_t n = std::stoll(s.substr(0, i));
  const std::string unit = s.substr(i);
  if (unit == "ms") {
    return n;
  }
  if (unit == "s" || unit.empty()) {
    return n * 1000;
  }
  if (unit == "m") {
    return n * 60000;
  }
  return -1;
}

// Atlas's indent_ln(s, 7): continuation lines of a multi-line statement indented by 7 spaces.
std::string IndentLines(const std::string& s) {
  std::string out;
  for (const char c : s) {
    out += c;
    if (c == '\n') {
      out += "       ";
    }
  }
  return out;
}

// The error Atlas prints under a failed file: the driver's message (the diagnostic's detail).
std::string FailureText(const ops::MigrateRun& run, const ops::MigrateFile& f) {
  if (!run.error.items().empty() && !run.error.items().front().detail.empty()) {
    return engine::url::RedactUrlsInText(run.error.items().front().detail);
  }
  return engine::url::RedactUrlsInText(f.error);
}

}  // namespace

void MigrateCommands::Register(CLI::App& app) {
  auto* migrate = app.add_subcommand("migrate", "Manage versioned migration files.");
  migrate->require_subcommand(1);
  hash_ = migrate->add_subcommand("hash", "Hash (re-)creates an integrity hash file for the migration directory.");
  hash_->add_option("--dir", dir_, "select migration directory using URL format")->capture_default_str();
  validate_ = migrate->add_subcommand("validate", "Validates the migration directory (atlas.sum and file syntax).");
  validate_->add_option("--dir", dir_, "select migration directory using URL format")->capture_default_str();
  validate_->add_option("--dev-url", dev_url_, "[driver://username:password@address/dbname?param=value]");
  validate_->add_option("--dir-format", dialect_, "SQL dialect used to parse the files: sqlite, postgres or mysql");

  status_ = migrate->add_subcommand("status", "Get information about the current migration status.");
  apply_ = migrate->add_subcommand("apply", "Applies pending migration files on the connected database.");
  for (auto* c : {status_, apply_}) {
    c->add_option("-u,--url", url_, "[driver://username:password@address/dbname?param=value]")->required();
    c->add_option("--dir", dir_, "select migration directory using URL format")->capture_default_str();
    c->add_option("--revisions-schema", revisions_schema_, "name of the schema the revisions table resides in");
    c->add_option("--exec-order", exec_order_, "set file execution order [linear, linear-skip, non-linear]")
        ->capture_default_str();
  }
  apply_->add_option("amount", amount_, "apply at most this many pending files (default: all)");
  apply_->add_option("--baseline", baseline_, "start the first migration after the given baseline version");
  apply_->add_flag("--allow-dirty", allow_dirty_, "allow start working on a non-clean database");
  apply_->add_option("--tx-mode", tx_mode_, "set transaction mode [none, file, all]")->capture_default_str();
  apply_->add_flag("--dry-run", dry_run_, "print SQL without executing it");
  apply_->add_option("--lock-timeout", lock_timeout_, "set how long to wait for the database lock")
      ->capture_default_str();

  set_ = migrate->add_subcommand(
      "set", "Set the current version of the migration history table without running files.");
  set_->add_option("-u,--url", url_, "[driver://username:password@address/dbname?param=value]")
      ->required();
  set_->add_option("--dir", dir_, "select migration directory using URL format")
      ->capture_default_str();
  set_->add_option("--revisions-schema", revisions_schema_,
                   "name of the schema the revisions table resides in");
  set_->add_option("version", set_version_, "the version to set as current");

  new_ = migrate->add_subcommand("new", "Creates a new empty migration file in the directory.");
  new_->add_option("--dir", dir_, "select migration directory using URL format")
      ->capture_default_str();
  new_->add_option("--version", new_version_, "the version of the new file (default: now, UTC)");
  new_->add_option("name", new_name_, "the name part of the file");

  diff_ = migrate->add_subcommand(
      "diff", "Compute the diff between the migration directory and a desired state and create a "
              "new migration file.");
  diff_->add_option("--dir", dir_, "select migration directory using URL format")
      ->capture_default_str();
  diff_->add_option("--to", to_, "[driver://username:password@address/dbname?param=value] or file://")
      ->required();
  diff_->add_option("--dev-url", dev_url_, "[driver://username:password@address/dbname?param=value]")
      ->required();
  diff_->add_option("--version", new_version_, "the version of the new file (default: now, UTC)");
  diff_->add_option("name", new_name_, "the name part of the file");

  lint_ = migrate->add_subcommand(
      "lint",
      "Run analysis on the migration directory: each statement of the analyzed files is "
      "executed on the dev database and the schema changes it makes are linted.");
  lint_->add_option("--dir", dir_, "select migration directory using URL format")
      ->capture_default_str();
  lint_
      ->add_option("--dev-url", dev_url_, "[driver://username:password@address/dbname?param=value]")
      ->required();
  lint_->add_option("--latest", latest_, "run analysis on the latest N migration files (0 = all)");
  lint_->add_option("--format", format_, "Go template: only '{{ json . }}' (default: Atlas's report)");
  lint_->add_option("-c,--config", config_, "project file with lint {} options (file://atlas.hcl)");
  lint_->add_option("--env", env_, "environment of the project file whose lint {} block applies");

  down_ = migrate->add_subcommand(
      "down", "Reverts applied migrations: computes the statements that return the database to "
              "the directory's state at the target version, replayed on the dev database.");
  down_->add_option("-u,--url", url_, "[driver://username:password@address/dbname?param=value]")
      ->required();
  down_->add_option("--dev-url", dev_url_, "[driver://username:password@address/dbname?param=value]")
      ->required();
  down_->add_option("--dir", dir_, "select migration directory using URL format")
      ->capture_default_str();
  down_->add_option("--revisions-schema", revisions_schema_,
                    "name of the schema the revisions table resides in");
  down_->add_option("--to-version", to_version_, "revert the migrations applied after this version");
  down_->add_option("amount", amount_, "revert this many of the last applied migrations (default 1)");
  down_->add_option("--tx-mode", tx_mode_, "set transaction mode [none, file, all]")
      ->capture_default_str();
  down_->add_flag("--dry-run", dry_run_, "print the checks and statements without executing them");
  down_->add_option("--lock-timeout", lock_timeout_, "set how long to wait for the database lock")
      ->capture_default_str();
}

std::optional<int> MigrateCommands::Run() const {
  if (hash_ != nullptr && hash_->parsed()) {
    return Hash();
  }
  if (validate_ != nullptr && validate_->parsed()) {
    return Validate();
  }
  if (status_ != nullptr && status_->parsed()) {
    return Status();
  }
  if (apply_ != nullptr && apply_->parsed()) {
    return Apply();
  }
  if (down_ != nullptr && down_->parsed()) {
    return Down();
  }
  if (set_ != nullptr && set_->parsed()) {
    return Set();
  }
  if (new_ != nullptr && new_->parsed()) {
    return New();
  }
  if (diff_ != nullptr && diff_->parsed()) {
    return Diff();
  }
  if (lint_ != nullptr && lint_->parsed()) {
    return Lint();
  }
  return std::nullopt;
}

int MigrateCommands::Hash() const {
  const ops::MigrateOps engine;
  if (auto st = engine.Hash(dir_); !st.ok()) {
    return Fail(st.ErrorString());
  }
  return 0;
}

int MigrateCommands::Validate() const {
  const ops::MigrateOps engine;
  if (auto st = engine.Validate(dir_, dialect_); !st.ok()) {
    return Fail(st.ErrorString());
  }
  return 0;
}

int MigrateCommands::Status() const {
  ops::MigrateRequest req;
  req.url = url_;
  req.dir = dir_;
  req.revisions_schema = revisions_schema_;
  req.exec_order = exec_order_;
  const ops::MigrateOps engine;
  auto st = engine.Status(req);
  if (!st.ok()) {
    return Fail(st.ErrorString());
  }
  std::cout << "Migration Status: " << st->status << "\n";
  std::cout << "  -- Current Version: " << st->current;
  if (st->total > 0) {
    std::cout << " (" << st->count << " statements applied)";
  }
  std::cout << "\n  -- Next Version:    " << st->next;
  if (st->total > 0) {
    std::cout << " (" << (st->total - st->count) << " statements left)";
  }
  std::cout << "\n  -- Executed Files:  " << st->applied;
  if (st->total > 0) {
    std::cout << " (last one partially)";
  }
  std::cout << "\n  -- Pending Files:   " << st->pending.size() << "\n";
  if (st->total > 0) {
    std::cout << "\nLast migration attempt had errors:\n";
    std::cout << "  -- SQL:   " << st->sql << "\n";
    std::cout << "  -- ERROR: " << st->error << "\n";
  }
  if (!st->order_error.empty()) {
    std::cout << "\n" << st->order_error << "\n";
  }
  return 0;
}

int MigrateCommands::New() const {
  const ops::MigrateOps engine;
  auto file = engine.New(dir_, new_name_, new_version_);
  if (!file.ok()) {
    return Fail(file.ErrorString());
  }
  return 0;
}

int MigrateCommands::Diff() const {
  ops::MigrateDiffRequest req;
  req.dir = dir_;
  req.name = new_name_;
  req.to = to_;
  req.dev_url = dev_url_;
  req.version = new_version_;
  const ops::MigrateOps engine;
  auto file = engine.Diff(req);
  if (!file.ok()) {
    return Fail(file.ErrorString());
  }
  if (file->empty()) {
    std::cout << "The migration directory is synced with the desired state, no changes to be made\n";
  }
  return 0;
}

// `atlas migrate lint`: Atlas's default report (migratelint DefaultTemplate) or, with
// `--format '{{ json . }}'` (or `json`), its SummaryReport as JSON. Exit code 1 when a file has an
// error finding (an analyzer with `error = true`, by default `destructive`), as Atlas does, so any CI
// can gate on it; 0 otherwise.
int MigrateCommands::Lint() const {
  const bool json = format_ == "json" || format_ == "{{ json . }}" || format_ == "{{json .}}";
  if (!format_.empty() && !json) {
    return Fail("unsupported --format \"" + format_ +
                "\": only the default report and '{{ json . }}' are supported");
  }
  auto config = LoadLintConfig(config_, env_);
  if (!config.ok()) {
    return Fail(config.ErrorString());
  }
  ops::MigrateLintRequest req;
  req.dir = dir_;
  req.dev_url = dev_url_;
  req.latest = latest_;
  if (req.latest == 0 && config->latest && *config->latest > 0) {
    req.latest = static_cast<size_t>(*config->latest);
  }
  req.lint = std::move(*config);
  const ops::MigrateOps engine;
  auto res = engine.Lint(req);
  if (!res.ok()) {
    return Fail(res.ErrorString());
  }
  if (json) {
    WriteLintJson(*res, dev_url_, dir_, std::cout);
  } else {
    WriteLintText(*res, std::cout);
  }
  return res->has_error ? 1 : 0;
}

// Atlas's MigrateSetTemplate (cmdlog.go).
int MigrateCommands::Set() const {
  ops::MigrateRequest req;
  req.url = url_;
  req.dir = dir_;
  req.revisions_schema = revisions_schema_;
  req.operator_version = "Atlas CLI (native)";
  const ops::MigrateOps engine;
  auto res = engine.Set(req, set_version_);
  if (!res.ok()) {
    return Fail(res.ErrorString());
  }
  if (res->ops.empty()) {
    return 0;
  }
  size_t set = 0;
  for (const auto& op : res->ops) {
    set += op.set ? 1 : 0;
  }
  const size_t removed = res->ops.size() - set;
  if (res->current.empty()) {
    std::cout << "All revisions deleted (" << res->ops.size() << " in total):\n";
  } else {
    std::string summary;
    if (set > 0) {
      summary = std::to_string(set) + " set";
    }
    if (removed > 0) {
      summary += (summary.empty() ? "" : ", ") + std::to_string(removed) + " removed";
    }
    std::cout << "Current version is " << res->current << " (" << summary << "):\n";
  }
  std::cout << "\n";
  for (const auto& op : res->ops) {
    std::cout << "  " << (op.set ? "+ " : "- ") << op.version;
    if (!op.description.empty()) {
      std::cout << " (" << op.description << ")";
    }
    std::cout << "\n";
  }
  std::cout << "\n";
  return 0;
}

int MigrateCommands::Down() const {
  const int64_t timeout = ParseTimeout(lock_timeout_);
  if (timeout < 0) {
    return Fail("invalid --lock-timeout \"" + lock_timeout_ + "\"");
  }
  ops::MigrateDownRequest req;
  req.migrate.url = url_;
  req.migrate.dir = dir_;
  req.migrate.revisions_schema = revisions_schema_;
  req.migrate.tx_mode = tx_mode_;
  req.migrate.lock_timeout_ms = timeout;
  req.dev_url = dev_url_;
  req.to_version = to_version_;
  req.amount = amount_ == 0 ? 1 : amount_;
  const ops::MigrateOps engine;
  const auto started = std::chrono::steady_clock::now();
  auto down = dry_run_ ? engine.PlanDown(req) : engine.Down(req);
  if (!down.ok()) {
    return Fail(down.ErrorString());
  }
  if (down->empty()) {
    std::cout << "No migration files to revert\n";
    return 0;
  }
  std::cout << "Migrating down from version " << down->current << " to "
            << (down->target.empty() ? std::string("an empty state") : "version " + down->target)
            << " (" << down->reverted.size() << " migrations in total):\n";
  if (!down->plan.checks.empty()) {
    std::cout << "\n  -- checks before migrating down\n";
    for (const auto& c : down->plan.checks) {
      std::cout << "    -> " << IndentLines(c.sql) << ";\n";
    }
    if (!dry_run_) {
      std::cout << "  -- ok\n";
    }
  }
  std::cout << "\n  -- reverting versions";
  for (const auto& v : down->reverted) {
    std::cout << " " << v;
  }
  std::cout << "\n";
  for (const auto& s : down->plan.statements) {
    std::cout << "    -> " << IndentLines(s.sql) << ";\n";
  }
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  std::cout << "\n  -------------------------\n";
  std::cout << "  -- " << ops::GoDuration(nanos) << "\n";
  const auto plural = [](size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  };
  std::cout << "  -- " << plural(down->reverted.size(), "migration") << " reverted\n";
  if (!down->plan.checks.empty()) {
    std::cout << "  -- " << plural(down->plan.checks.size(), "check") << "\n";
  }
  std::cout << "  -- " << plural(down->plan.statements.size(), "sql statement") << "\n";
  return 0;
}

int MigrateCommands::Apply() const {
  const int64_t timeout = ParseTimeout(lock_timeout_);
  if (timeout < 0) {
    return Fail("invalid --lock-timeout \"" + lock_timeout_ + "\"");
  }
  ops::MigrateRequest req;
  req.url = url_;
  req.dir = dir_;
  req.revisions_schema = revisions_schema_;
  req.baseline = baseline_;
  req.exec_order = exec_order_;
  req.tx_mode = tx_mode_;
  req.allow_dirty = allow_dirty_;
  req.lock_timeout_ms = timeout;
  req.operator_version = "Atlas CLI (native)";
  const ops::MigrateOps engine;
  ops::MigrateRun run;
  if (dry_run_) {
    auto planned = engine.Plan(req, "", amount_);
    if (!planned.ok()) {
      return Fail(planned.ErrorString());
    }
    run = std::move(*planned);
  } else {
    run = engine.Apply(req, "", amount_);
  }
  if (run.files.empty()) {
    if (!run.ok()) {
      return Fail(run.error.ToString());
    }
    std::cout << "No migration files to execute\n";
    return 0;
  }
  // Atlas's MigrateApplyTemplate and MigrateApply.Summary (cmdlog.go).
  std::cout << "Migrating to version " << run.target;
  if (!run.current.empty()) {
    std::cout << " from " << run.current;
  }
  std::cout << " (" << run.files.size() << " migrations in total):\n";
  size_t passed_c = 0;
  size_t failed_c = 0;
  size_t passed_s = 0;
  size_t failed_s = 0;
  size_t passed_f = 0;
  size_t failed_f = 0;
  for (const auto& f : run.files) {
    std::cout << "\n";
    const bool check_failed = f.failed && f.statements.empty() && !f.checks.empty();
    if (!f.checks.empty()) {
      std::cout << "  -- checks before migrating version " << f.version << "\n";
      for (const auto& c : f.checks) {
        std::cout << "    -> " << IndentLines(c) << "\n";
      }
      if (check_failed) {
        std::cout << "    " << FailureText(run, f) << "\n";
        passed_c += f.checks.size() - 1;
        ++failed_c;
        ++failed_f;
        continue;
      }
      passed_c += f.checks.size();
      if (!dry_run_) {
        std::cout << "  -- ok\n\n";
      }
    }
    std::cout << "  -- migrating version " << f.version << "\n";
    for (const auto& s : f.statements) {
      std::cout << "    -> " << IndentLines(s) << "\n";
    }
    passed_s += f.statements.size();
    if (f.failed) {
      std::cout << "    " << FailureText(run, f) << "\n";
      ++failed_f;
      if (!f.statements.empty()) {
        --passed_s;
        ++failed_s;
      }
    } else {
      ++passed_f;
      if (!dry_run_) {
        std::cout << "  -- ok (" << ops::GoDuration(f.nanos) << ")\n";
      }
    }
  }
  std::cout << "\n  -------------------------\n";
  std::cout << "  -- " << ops::GoDuration(run.nanos) << "\n";
  const auto counts = [](size_t ok, size_t bad, const std::string& noun) {
    const auto word = [&noun](size_t n) { return noun + (n > 1 ? "s" : ""); };
    if (ok > 0 && bad > 0) {
      std::cout << "  -- " << ok << " " << word(ok) << " ok, " << bad << " with errors\n";
    } else if (ok > 0) {
      std::cout << "  -- " << ok << " " << word(ok) << "\n";
    } else if (bad > 0) {
      std::cout << "  -- " << bad << " " << word(bad) << " with errors\n";
    }
  };
  counts(passed_f, failed_f, "migration");
  if (passed_c > 0 && failed_c > 0) {
    std::cout << "  -- " << passed_c << " check" << (passed_c > 1 ? "s" : "") << " ok, " << failed_c
              << " failure" << (failed_c > 1 ? "s" : "") << "\n";
  } else if (passed_c > 0) {
    std::cout << "  -- " << passed_c << " check" << (passed_c > 1 ? "s" : "") << "\n";
  } else if (failed_c > 0) {
    std::cout << "  -- " << failed_c << " check error" << (failed_c > 1 ? "s" : "") << "\n";
  }
  counts(passed_s, failed_s, "sql statement");
  if (!run.ok()) {
    return Fail(run.error.ToString());
  }
  return 0;
}

}  // namespace atlas::cli
