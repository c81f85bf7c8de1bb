#pragma once
// Lint presentation for the CLI: the project file's `lint {}` options (--config/--env) and
// Atlas's text and JSON layouts of `atlas migrate lint` (migratelint's DefaultTemplate and
// `{{ json . }}` of its SummaryReport) and of the analysis `atlas schema apply` prints.

#include <ostream>
#include <string>
#include <vector>

#include "engine/base/result.hpp"
#include "engine/lint/config.hpp"
#include "engine/ops/migrate_ops.hpp"
#include "engine/ops/schema_ops.hpp"

namespace atlas::cli {

// Reads the lint options of `config` (a path or file:// URL of an atlas.hcl; "" = none) for
// environment `env`.
engine::base::Result<engine::lint::Config> LoadLintConfig(const std::string& config,
                                                          const std::string& env);

// Atlas's default `migrate lint` report. `dev_url` is printed redacted only in JSON.
void WriteLintText(const engine::ops::MigrateLintResult& res, std::ostream& out);
// `{{ json . }}`: Env (Driver, URL redacted, Dir), Steps, Files (Name, Text, Reports, Error).
void WriteLintJson(const engine::ops::MigrateLintResult& res, const std::string& dev_url,
                   const std::string& dir, std::ostream& out);

// The findings of a declarative plan, as `atlas schema apply` prints them after the planned
// changes (L<n> = the statement's line in that printed plan) and before the approval.
void WritePlanLint(const engine::ops::SchemaPlan& plan, std::ostream& out);

// Go's maxWidth template function of Atlas: words of `s` in lines of at most `n` letters (spaces
// not counted, as Atlas counts).
std::vector<std::string> MaxWidth(const std::string& s, size_t n);

}  // namespace atlas::cli
