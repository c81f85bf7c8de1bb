#include "cli/lint_output.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/url/url.hpp"

namespace atlas::cli {

namespace ops = atlas::engine::ops;

engine::base::Result<engine::lint::Config> LoadLintConfig(const std::string& config,
                                                          const std::string& env) {
  if (config.empty()) {
    return engine::lint::Config{};
  }
  std::string path = config;
  if (path.rfind("file://", 0) == 0) {
    path = path.substr(7);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return engine::base::Error("Reading the project file",
                               "cannot open --config \"" + config + "\"");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return engine::lint::ParseConfig(ss.str(), path, env);
}

std::vector<std::string> MaxWidth(const std::string& s, size_t n) {
  std::vector<std::string> words;
  std::istringstream in(s);
  for (std::string w; in >> w;) {
    words.push_back(w);
  }
  const auto join = [&](size_t from, size_t to) {
    std::string line;
    for (size_t i = from; i < to; ++i) {
      line += (i > from ? " " : "") + words[i];
    }
    return line;
  };
  std::vector<std::string> lines;
  size_t j = 0;
  size_t k = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    if (k + words[i].size() > n) {
      lines.push_back(join(j, i));
      k = 0;
      j = i;
    }
    k += words[i].size();
  }
  lines.push_back(join(j, words.size()));
  return lines;
}

namespace {

std::string Plural(size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// `prefix` then the wrapped text, continuation lines indented by `indent` spaces.
void Wrapped(std::ostream& out, const std::string& prefix, const std::string& text, size_t indent) {
  out << prefix;
  const size_t width = prefix.size() < 85 ? 85 - prefix.size() : 0;
  const auto lines = MaxWidth(text, width);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      out << std::string(indent, ' ');
    }
    out << lines[i] << "\n";
  }
}

// The file's error as Atlas sets it: the report texts of the analyzers that reported errors.
std::string FileError(const ops::MigrateLintFile& f) {
  std::string out;
  for (const auto& r : f.reports) {
    if (r.error && !r.diagnostics.empty()) {
      out += (out.empty() ? "" : "; ") + r.text;
    }
  }
  return out;
}

}  // namespace

void WriteLintText(const ops::MigrateLintResult& res, std::ostream& out) {
  std::vector<const ops::MigrateLintFile*> files;
  for (const auto& f : res.files) {
    if (!f.skipped) {
      files.push_back(&f);
    }
  }
  if (files.empty()) {
    return;  // Atlas prints nothing when there is nothing to report
  }
  const size_t total = res.files.size();
  const std::string& to = res.files.back().version;
  if (!res.from_version.empty()) {
    out << "Analyzing changes from version " << res.from_version << " to " << to;
  } else {
    out << "Analyzing changes until version " << to;
  }
  out << " (" << Plural(total, "migration") << " in total):\n\n";
  size_t ok = 0;
  size_t warned = 0;
  size_t errored = 0;
  size_t changes = 0;
  size_t diagnostics = 0;
  for (const auto* f : files) {
    out << "  -- analyzing version " << f->version << "\n";
    std::vector<std::string> fixes;
    for (const auto& r : f->reports) {
      if (!r.text.empty()) {
        out << "    -- " << r.text << ":\n";
      } else if (!r.diagnostics.empty()) {
        out << "    -- Unnamed diagnostics detected:\n";
      }
      for (const auto& d : r.diagnostics) {
        Wrapped(out, "      -- L" + std::to_string(d.line) + ": ", d.text + " " + d.link, 9);
        if (!d.fix.empty()) {
          fixes.push_back(d.fix);
        }
      }
      diagnostics += r.diagnostics.size();
    }
    if (f->reports.empty()) {
      out << "    -- no diagnostics found\n";
    }
    if (!fixes.empty()) {
      out << "    -- suggested fix" << (fixes.size() == 1 ? "" : "es") << ":\n";
      for (const auto& fix : fixes) {
        Wrapped(out, "      -> ", fix, 9);
      }
    }
    out << "  -- ok (" << ops::GoDuration(f->nanos) << ")\n\n";
    changes += f->changes;
    if (!FileError(*f).empty()) {
      ++errored;
    } else if (!f->reports.empty()) {
      ++warned;
    } else {
      ++ok;
    }
  }
  out << "  -------------------------\n";
  out << "  -- " << ops::GoDuration(res.nanos) << "\n";
  // Atlas's VersionStatuses: the first part names "version(s)", the others only the count.
  std::vector<std::string> parts;
  for (const auto& [n, what] : {std::pair<size_t, const char*>{ok, "ok"},
                                {warned, "with warnings"},
                                {errored, "with errors"}}) {
    if (n == 0) {
      continue;
    }
    parts.push_back(parts.empty() ? Plural(n, "version") + " " + what
                                  : std::to_string(n) + " " + what);
  }
  if (!parts.empty()) {
    std::string statuses;
    for (const auto& p : parts) {
      statuses += (statuses.empty() ? "" : ", ") + p;
    }
    out << "  -- " << statuses << "\n";
  }
  if (changes > 0) {
    out << "  -- " << Plural(changes, "schema change") << "\n";
  }
  if (diagnostics > 0) {
    out << "  -- " << Plural(diagnostics, "diagnostic") << "\n";
  }
}

namespace {

nlohmann::json FileReportJson(const ops::MigrateLintFile& f) {
  nlohmann::json reports = nlohmann::json::array();
  for (const auto& r : f.reports) {
    nlohmann::json diags = nlohmann::json::array();
    for (const auto& d : r.diagnostics) {
      nlohmann::json dj = {{"Pos", d.pos}, {"Text", d.text}, {"Code", d.code}};
      if (!d.fix.empty()) {
        dj["SuggestedFixes"] = nlohmann::json::array({{{"Message", d.fix}}});
      }
      diags.push_back(std::move(dj));
    }
    reports.push_back({{"Text", r.text}, {"Diagnostics", std::move(diags)}});
  }
  nlohmann::json fj = {{"Name", f.name}, {"Text", f.text}};
  if (!reports.empty()) {
    fj["Reports"] = std::move(reports);
  }
  if (const auto err = FileError(f); !err.empty()) {
    fj["Error"] = err;
  }
  return fj;
}

}  // namespace

void WriteLintJson(const ops::MigrateLintResult& res, const std::string& dev_url,
                   const std::string& dir, std::ostream& out) {
  nlohmann::json env = {{"Driver", res.driver}};
  if (auto u = engine::url::Url::Parse(dev_url); u.ok()) {
    env["URL"] = u->Redacted();
  }
  env["Dir"] = dir.rfind("file://", 0) == 0 ? dir.substr(7) : dir;
  const size_t analyzed = res.files.size();
  nlohmann::json steps = nlohmann::json::array();
  steps.push_back({{"Name", "Migration Integrity Check"}, {"Text", "File atlas.sum is valid"}});
  steps.push_back({{"Name", "Detect New Migration Files"},
                   {"Text", "Found " + std::to_string(analyzed) + " new migration files (from " +
                                std::to_string(res.total_files) + " total)"}});
  steps.push_back({{"Name", "Replay Migration Files"},
                   {"Text", "Loaded " + std::to_string(analyzed) + " changes on dev database"}});
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : res.files) {
    if (f.skipped) {
      continue;
    }
    nlohmann::json fj = FileReportJson(f);
    size_t reports = f.reports.size();
    steps.push_back({{"Name", "Analyze " + f.name},
                     {"Text", std::to_string(reports) + " reports were found in analysis"},
                     {"Result", fj}});
    files.push_back(std::move(fj));
  }
  nlohmann::json doc = {{"Env", std::move(env)}, {"Steps", std::move(steps)}};
  if (!files.empty()) {
    doc["Files"] = std::move(files);
  }
  out << doc.dump() << "\n";
}

void WritePlanLint(const ops::SchemaPlan& plan, std::ostream& out) {
  if (plan.lint.empty()) {
    return;
  }
  out << "\nAnalyzing planned statements (" << Plural(plan.statements.size(), "statement")
      << " in total):\n\n";
  // Lines of the statements in the printed plan: "-- Planned Changes:", then per statement its
  // comment line and its SQL.
  std::vector<size_t> lines;
  size_t line = 2;
  for (const auto& st : plan.statements) {
    line += st.comment.empty() ? 0 : 1;
    lines.push_back(line);
    line += static_cast<size_t>(std::count(st.sql.begin(), st.sql.end(), '\n')) + 1;
  }
  size_t diagnostics = 0;
  std::vector<std::string> fixes;
  for (const auto& r : plan.lint) {
    out << "  -- " << r.text << ":\n";
    for (const auto& f : r.findings) {
      const std::string where =
          f.statement_index >= 0 && static_cast<size_t>(f.statement_index) < lines.size()
              ? "L" + std::to_string(lines[static_cast<size_t>(f.statement_index)]) + ": "
              : "";
      Wrapped(out, "    -- " + where, f.text + " " + f.link, 9);
      if (!f.suggested_fix.empty()) {
        fixes.push_back(f.suggested_fix);
      }
    }
    diagnostics += r.findings.size();
  }
  if (!fixes.empty()) {
    out << "  -- suggested fix" << (fixes.size() == 1 ? "" : "es") << ":\n";
    for (const auto& fix : fixes) {
      Wrapped(out, "    -> ", fix, 7);
    }
  }
  out << "\n  -------------------------\n";
  out << "  -- " << Plural(diagnostics, "diagnostic") << "\n\n";
}

}  // namespace atlas::cli
