// atlas: companion CLI over engine/ops, with Atlas's command names, flags and output format:
//   atlas schema inspect --url URL [--format hcl|sql|json] [--exclude GLOB]...
//   atlas schema apply --url URL --to file://... [--dev-url URL] [--dry-run] [--auto-approve]
//   atlas schema diff --from URL --to URL [--dev-url URL]
//   atlas schema fmt [PATH]...
//   atlas migrate hash|validate|status|apply (cli/migrate_cmd.hpp)
// Errors go to stderr with a non-zero exit code; URLs in messages are redacted.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/lint_output.hpp"
#include "cli/migrate_cmd.hpp"
#include "engine/base/result.hpp"
#include "engine/ops/schema_ops.hpp"

namespace {

namespace ops = atlas::engine::ops;

int Fail(const std::string& message) {
  std::cerr << "Error: " << message << "\n";
  return 1;
}

void PrintPlan(const ops::SchemaPlan& plan) {
  std::cout << "-- Planned Changes:\n";
  for (const auto& s : plan.statements) {
    if (!s.comment.empty()) {
      std::cout << "-- " << s.comment << "\n";
    }
    std::cout << s.sql << ";\n";
  }
}

bool Confirm() {
  if (isatty(STDIN_FILENO) == 0) {
    return false;
  }
  std::cout << "Apply the changes above? [y/N]: " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "Apply";
}

ops::SchemaSource SourceFromUrls(const std::vector<std::string>& urls) {
  ops::SchemaSource src;
  src.urls = urls;
  return src;
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"atlas: manage database schemas as code (native engine)", "atlas"};
  app.require_subcommand(1);
  auto* schema = app.add_subcommand("schema", "Work with database schemas.");
  schema->require_subcommand(1);

  // schema inspect
  std::string inspect_url;
  std::string inspect_format = "hcl";
  std::vector<std::string> inspect_exclude;
  auto* inspect = schema->add_subcommand("inspect", "Inspect a database and print its schema.");
  inspect->add_option("-u,--url", inspect_url, "[driver://username:password@address/dbname?param=value]")
      ->required();
  inspect->add_option("--format", inspect_format, "output format: hcl, sql or json");
  inspect->add_option("--exclude", inspect_exclude, "glob patterns of resources to exclude");

  // schema apply
  std::string apply_url;
  std::vector<std::string> apply_to;
  std::string apply_dev;
  std::vector<std::string> apply_exclude;
  std::string apply_tx_mode = "file";
  bool apply_dry_run = false;
  bool apply_auto_approve = false;
  std::string apply_config;
  std::string apply_env;
  auto* apply = schema->add_subcommand("apply", "Apply the desired schema to a database.");
  apply->add_option("-u,--url", apply_url, "URL of the database to migrate")->required();
  apply->add_option("--to", apply_to, "URL(s) of the desired state (file://schema.hcl, file://dir)")
      ->required();
  apply->add_option("--dev-url", apply_dev, "URL of the dev database");
  apply->add_option("--exclude", apply_exclude, "glob patterns of resources to exclude");
  apply->add_option("--tx-mode", apply_tx_mode, "transaction mode: file, all or none");
  apply->add_flag("--dry-run", apply_dry_run, "print the planned SQL without executing it");
  apply->add_flag("--auto-approve", apply_auto_approve, "apply without prompting");
  apply->add_option("-c,--config", apply_config, "project file with lint {} options (file://atlas.hcl)");
  apply->add_option("--env", apply_env, "environment of the project file whose lint {} block applies");

  // schema diff
  std::vector<std::string> diff_from;
  std::vector<std::string> diff_to;
  std::string diff_dev;
  std::vector<std::string> diff_exclude;
  auto* diff = schema->add_subcommand("diff", "Print the SQL that moves one schema state to another.");
  diff->add_option("--from", diff_from, "URL(s) of the current state")->required();
  diff->add_option("--to", diff_to, "URL(s) of the desired state")->required();
  diff->add_option("--dev-url", diff_dev, "URL of the dev database");
  diff->add_option("--exclude", diff_exclude, "glob patterns of resources to exclude");

  // schema fmt
  std::vector<std::string> fmt_paths;
  auto* fmt = schema->add_subcommand("fmt", "Format Atlas HCL files in place.");
  fmt->add_option("path", fmt_paths, "files or directories (default: current directory)");

  atlas::cli::MigrateCommands migrate;
  migrate.Register(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    if (const auto code = migrate.Run()) {
      return *code;
    }
    const ops::SchemaOps engine;
    if (inspect->parsed()) {
      ops::InspectRequest req;
      req.url = inspect_url;
      req.exclude = inspect_exclude;
      req.format = inspect_format;
      auto out = engine.Inspect(req);
      if (!out.ok()) {
        return Fail(out.ErrorString());
      }
      std::cout << *out;
      return 0;
    }
    if (apply->parsed()) {
      ops::SchemaApplyRequest req;
      req.url = apply_url;
      req.dev_url = apply_dev;
      req.desired = SourceFromUrls(apply_to);
      req.exclude = apply_exclude;
      req.tx_mode = apply_tx_mode;
      auto config = atlas::cli::LoadLintConfig(apply_config, apply_env);
      if (!config.ok()) {
        return Fail(config.ErrorString());
      }
      req.lint = std::move(*config);
      auto plan = engine.PlanApply(req);
      if (!plan.ok()) {
        return Fail(plan.ErrorString());
      }
      if (plan->empty()) {
        std::cout << "Schema is synced, no changes to be made\n";
        return 0;
      }
      PrintPlan(*plan);
      atlas::cli::WritePlanLint(*plan, std::cout);
      // `lint { review = ERROR | WARNING }` in the project file: findings of that severity stop the
      // apply before anything runs (as the provider's review policy does).
      if (const std::string& review = req.lint.review; review == "ERROR" || review == "WARNING") {
        for (const auto& r : plan->lint) {
          if (!r.findings.empty() && (r.error || review == "WARNING")) {
            return Fail("lint review " + review + ": " + r.text + "; nothing was applied");
          }
        }
      }
      if (apply_dry_run) {
        return 0;
      }
      if (!apply_auto_approve && !Confirm()) {
        return Fail("changes were not approved (use --auto-approve in non-interactive runs)");
      }
      req.expected_fingerprint = plan->fingerprint;
      auto done = engine.Apply(req);
      if (!done.ok()) {
        return Fail(done.ErrorString());
      }
      return 0;
    }
    if (diff->parsed()) {
      auto plan = engine.Diff(diff_from, diff_to, diff_dev, diff_exclude);
      if (!plan.ok()) {
        return Fail(plan.ErrorString());
      }
      if (plan->empty()) {
        std::cout << "Schemas are synced, no changes to be made.\n";
        return 0;
      }
      std::cout << plan->ToSql();
      return 0;
    }
    if (fmt->parsed()) {
      if (fmt_paths.empty()) {
        fmt_paths.emplace_back(".");
      }
      std::vector<std::filesystem::path> files;
      for (const auto& p : fmt_paths) {
        if (std::filesystem::is_directory(p)) {
          for (const auto& e : std::filesystem::directory_iterator(p)) {
            if (e.is_regular_file() && e.path().extension() == ".hcl") {
              files.push_back(e.path());
            }
          }
        } else {
          files.emplace_back(p);
        }
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        const std::string text = ReadAll(f);
        auto out = ops::FormatHcl(text, f.string());
        if (!out.ok()) {
          return Fail(out.ErrorString());
        }
        if (*out != text) {
          std::ofstream(f, std::ios::binary | std::ios::trunc) << *out;
          std::cout << f.string() << "\n";
        }
      }
      return 0;
    }
  } catch (const std::exception& e) {
    return Fail(std::string("internal error, please report: ") + e.what());
  }
  return 1;
}
