#pragma once
// `atlas migrate new|diff|hash|validate|lint|status|apply|set|down`: flags and text output as Atlas
// prints them, over engine/ops/migrate_ops. Registered on the CLI app by main; not thread-safe (one
// command per run).

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace atlas::cli {

class MigrateCommands {
 public:
  // Adds the `migrate` subcommand tree to `app`.
  void Register(CLI::App& app);
  // The exit code when a migrate command was parsed, nullopt otherwise.
  std::optional<int> Run() const;

 private:
  int Hash() const;
  int Validate() const;
  int Status() const;
  int Apply() const;
  int Down() const;
  int Set() const;
  int New() const;
  int Diff() const;
  int Lint() const;

  CLI::App* hash_ = nullptr;
  CLI::App* validate_ = nullptr;
  CLI::App* status_ = nullptr;
  CLI::App* apply_ = nullptr;
  CLI::App* down_ = nullptr;
  CLI::App* set_ = nullptr;
  CLI::App* new_ = nullptr;
  CLI::App* diff_ = nullptr;
  CLI::App* lint_ = nullptr;
  std::vector<std::string> to_;
  std::string dir_ = "file://migrations";
  std::string url_;
  std::string dev_url_;
  std::string revisions_schema_;
  std::string baseline_;
  std::string tx_mode_ = "file";
  std::string exec_order_ = "linear";
  std::string lock_timeout_ = "10s";
  std::string dialect_ = "sqlite";
  std::string to_version_;
  std::string set_version_;
  std::string new_name_;
  std::string new_version_;
  std::string format_;
  std::string config_;
  std::string env_;
  bool allow_dirty_ = false;
  bool dry_run_ = false;
  size_t amount_ = 0;
  size_t latest_ = 0;
};

}  // namespace atlas::cli
