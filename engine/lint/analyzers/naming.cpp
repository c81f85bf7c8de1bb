// naming (NM101-NM106): see naming.hpp. Only names the changes introduce are checked: added
// schemas, tables (with their columns, indexes, foreign keys and checks), columns, indexes,
// foreign keys and checks, and the new names of renamed tables, columns and indexes. Unnamed
// constraints (SQLite) have no name to check, and the index MySQL creates for a foreign key
// (named after it) is checked as the foreign key only.

#include "engine/lint/analyzers/naming.hpp"

#include <array>
#include <optional>
#include <regex>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "engine/hcl/diagnostics.hpp"
#include "engine/lint/quote.hpp"

namespace atlas::engine::lint {

namespace {

enum Resource : size_t { kSchema, kTable, kColumn, kIndex, kForeignKey, kCheck, kResourceCount };

struct ResourceInfo {
  std::string_view block;  // the nested block that configures it
  std::string_view code;
  std::string_view kind;  // first word of the diagnostic
};

constexpr std::array<ResourceInfo, kResourceCount> kResources = {{
    {"schema", "NM101", "Schema"},
    {"table", "NM102", "Table"},
    {"column", "NM103", "Column"},
    {"index", "NM104", "Index"},
    {"foreign_key", "NM105", "Foreign key"},
    {"check", "NM106", "Check"},
}};

// The policy of one resource: its pattern, the option it comes from ("match" or "index.match",
// for positions) and the message of a violation.
struct Rule {
  std::string pattern;
  std::string key;
  std::string message;
};

const std::string* Get(const std::map<std::string, std::string, std::less<>>& attrs,
                       std::string_view name) {
  const auto it = attrs.find(name);
  return it == attrs.end() ? nullptr : &it->second;
}

// A resource block's `match` and `message` override the top-level ones; a message written for
// the top-level pattern does not describe the resource's own pattern, so it is not inherited
// then. No pattern at all: the resource is not checked.
std::optional<Rule> RuleOf(const AnalyzerOptions& opts, std::string_view block) {
  const auto nested = opts.blocks.find(block);
  const std::string* match = nullptr;
  const std::string* message = nullptr;
  std::string key = fmt::format("{}.match", block);
  if (nested != opts.blocks.end()) {
    match = Get(nested->second, "match");
    message = Get(nested->second, "message");
  }
  if (match == nullptr) {
    match = Get(opts.attrs, "match");
    key = "match";
    if (message == nullptr) {
      message = Get(opts.attrs, "message");
    }
  }
  if (match == nullptr) {
    return std::nullopt;
  }
  return Rule{*match, std::move(key),
              message != nullptr ? *message : "must match " + Quote(*match)};
}

// std::regex reports a bad pattern only by throwing: caught here and turned into a value.
std::optional<std::regex> Compile(const std::string& pattern, std::string* error) {
  try {
    return std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    if (error != nullptr) {
      *error = e.what();
    }
    return std::nullopt;
  }
}

class NamingAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "naming"; }
  std::vector<std::string_view> Codes() const override {
    std::vector<std::string_view> out;
    for (const auto& r : kResources) {
      out.push_back(r.code);
    }
    return out;
  }

  base::Status ValidateOptions(const AnalyzerOptions& opts, const Config& config) const override {
    OptionNames names;
    names.attrs = {"match", "message"};
    for (const auto& r : kResources) {
      names.blocks.push_back(r.block);
    }
    names.block_attrs = {"match", "message"};
    base::Diagnostics diags;
    if (auto st = CheckOptionNames(Name(), opts, config, names); !st.ok()) {
      diags = std::move(st).diags();
    }
    std::vector<std::pair<std::string, const std::string*>> patterns;
    if (const auto* m = Get(opts.attrs, "match")) {
      patterns.emplace_back("match", m);
    }
    for (const auto& r : kResources) {
      const auto nested = opts.blocks.find(r.block);
      if (nested == opts.blocks.end()) {
        continue;
      }
      if (const auto* m = Get(nested->second, "match")) {
        patterns.emplace_back(fmt::format("{}.match", r.block), m);
      }
    }
    for (const auto& [key, pattern] : patterns) {
      std::string error;
      if (!Compile(*pattern, &error)) {
        diags.Add(hcl::ErrorAt(
            config.source, opts.RangeOf(key), "Invalid naming pattern",
            fmt::format("lint option \"{}\" of analyzer \"naming\" is not a valid regular "
                        "expression (ECMAScript syntax): {}: {}.",
                        key, Quote(*pattern), error)));
      }
    }
    if (!diags.HasError()) {
      return base::Status::Ok();
    }
    return diags;
  }

  void Analyze(const Pass& pass, Report& report) const override {
    const AnalyzerOptions* opts = pass.OptionsOf(Name());
    if (opts == nullptr) {
      return;
    }
    Policy policy(*opts);
    for (size_t i = 0; i < pass.changes.size(); ++i) {
      const int index = static_cast<int>(i);
      const schema::Change& change = pass.changes[i];
      if (const auto* as = std::get_if<schema::AddSchema>(&change)) {
        policy.Check(kSchema, as->schema.name, index, report);
      } else if (const auto* at = std::get_if<schema::AddTable>(&change)) {
        CheckTable(policy, at->table, index, report);
      } else if (const auto* rt = std::get_if<schema::RenameTable>(&change)) {
        policy.Check(kTable, rt->to.name, index, report);
      } else if (const auto* mt = std::get_if<schema::ModifyTable>(&change)) {
        CheckTableChanges(policy, *mt, index, report);
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "naming violations detected";
    }
  }

 private:
  // The compiled rules of one run. A pattern that does not compile checks nothing (Registry::
  // Validate refuses such a configuration before any run).
  class Policy {
   public:
    explicit Policy(const AnalyzerOptions& opts) {
      for (size_t r = 0; r < kResourceCount; ++r) {
        auto rule = RuleOf(opts, kResources[r].block);
        if (!rule) {
          continue;
        }
        auto re = Compile(rule->pattern, nullptr);
        if (!re) {
          continue;
        }
        rules_[r].emplace(Compiled{std::move(*re), std::move(rule->message)});
      }
    }

    void Check(Resource r, const std::string& name, int change_index, Report& report) const {
      const auto& rule = rules_[r];
      if (!rule || name.empty() || std::regex_search(name, rule->re)) {
        return;
      }
      report.diagnostics.push_back({std::string(kResources[r].code),
                                    fmt::format("{} named {} violates the naming policy: {}",
                                                kResources[r].kind, Quote(name), rule->message),
                                    "", change_index});
    }

   private:
    struct Compiled {
      std::regex re;
      std::string message;
    };
    std::array<std::optional<Compiled>, kResourceCount> rules_;
  };

  // MySQL backs each foreign key with an index of the same name.
  static bool BacksForeignKey(const schema::Table& t, const std::string& name) {
    for (const auto& fk : t.foreign_keys) {
      if (fk.name == name) {
        return true;
      }
    }
    return false;
  }

  static void CheckTable(const Policy& policy, const schema::Table& t, int index, Report& report) {
    policy.Check(kTable, t.name, index, report);
    for (const auto& c : t.columns) {
      policy.Check(kColumn, c.name, index, report);
    }
    for (const auto& i : t.indexes) {
      if (!BacksForeignKey(t, i.name)) {
        policy.Check(kIndex, i.name, index, report);
      }
    }
    for (const auto& fk : t.foreign_keys) {
      policy.Check(kForeignKey, fk.name, index, report);
    }
    for (const auto& ck : t.checks) {
      policy.Check(kCheck, ck.name, index, report);
    }
  }

  static void CheckTableChanges(const Policy& policy, const schema::ModifyTable& mt, int index,
                                Report& report) {
    for (const auto& tc : mt.changes) {
      if (const auto* ac = std::get_if<schema::AddColumn>(&tc)) {
        policy.Check(kColumn, ac->column.name, index, report);
      } else if (const auto* rc = std::get_if<schema::RenameColumn>(&tc)) {
        policy.Check(kColumn, rc->to.name, index, report);
      } else if (const auto* ai = std::get_if<schema::AddIndex>(&tc)) {
        if (!BacksForeignKey(mt.to, ai->index.name)) {
          policy.Check(kIndex, ai->index.name, index, report);
        }
      } else if (const auto* ri = std::get_if<schema::RenameIndex>(&tc)) {
        policy.Check(kIndex, ri->to.name, index, report);
      } else if (const auto* af = std::get_if<schema::AddForeignKey>(&tc)) {
        policy.Check(kForeignKey, af->fk.name, index, report);
      } else if (const auto* ak = std::get_if<schema::AddCheck>(&tc)) {
        policy.Check(kCheck, ak->check.name, index, report);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewNamingAnalyzer() {
  return std::make_unique<NamingAnalyzer>();
}

}  // namespace atlas::engine::lint
