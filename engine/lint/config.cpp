#include "engine/lint/config.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "engine/hcl/diagnostics.hpp"
#include "engine/hcl/eval.hpp"
#include "engine/hcl/parser.hpp"

namespace atlas::engine::lint {

const AnalyzerOptions* Config::OptionsOf(std::string_view analyzer) const {
  const auto it = analyzers.find(analyzer);
  return it == analyzers.end() ? nullptr : &it->second;
}

const base::SourceRange& AnalyzerOptions::RangeOf(std::string_view key) const {
  const auto it = ranges.find(key);
  return it == ranges.end() ? range : it->second;
}

namespace {

class ConfigReader {
 public:
  explicit ConfigReader(const hcl::File& file) : file_(file) { ctx_.source = file.source; }

  base::Status ReadLint(const hcl::Body& lint, Config& out) {
    for (const auto& attr : lint.attributes) {
      auto v = Eval(attr);
      if (!v) {
        return Failed();
      }
      if (attr.name == "review") {
        if (!Expect(attr, *v, hcl::Value::Kind::kString)) {
          return Failed();
        }
        out.review = v->text;
      } else if (attr.name == "latest") {
        if (!Expect(attr, *v, hcl::Value::Kind::kNumber)) {
          return Failed();
        }
        out.latest = static_cast<int>(v->number);
      }
      // log, format, review_timeout: accepted, not interpreted here.
    }
    for (const auto& block : lint.blocks) {
      if (block.type == "git") {
        continue;  // git { dir base }: CI settings, not an analyzer
      }
      AnalyzerOptions& opts = out.analyzers[block.type];
      opts.range = block.range;
      for (const auto& attr : block.body.attributes) {
        opts.ranges[attr.name] = attr.range;
        auto v = Eval(attr);
        if (!v) {
          return Failed();
        }
        if (attr.name == "error") {
          if (!Expect(attr, *v, hcl::Value::Kind::kBool)) {
            return Failed();
          }
          opts.error = v->bool_value;
          continue;
        }
        auto text = Scalar(attr, *v);
        if (!text) {
          return Failed();
        }
        opts.attrs[attr.name] = std::move(*text);
      }
      for (const auto& nested : block.body.blocks) {
        opts.ranges[nested.type] = nested.range;
        auto& attrs = opts.blocks[nested.type];
        for (const auto& inner : nested.body.blocks) {
          // No analyzer takes blocks this deep: kept for CheckOptionNames to refuse.
          opts.ranges[nested.type + "." + inner.type] = inner.range;
        }
        for (const auto& attr : nested.body.attributes) {
          opts.ranges[nested.type + "." + attr.name] = attr.range;
          auto v = Eval(attr);
          if (!v) {
            return Failed();
          }
          auto text = Scalar(attr, *v);
          if (!text) {
            return Failed();
          }
          attrs[attr.name] = std::move(*text);
        }
      }
    }
    return base::Status::Ok();
  }

 private:
  std::optional<hcl::Value> Eval(const hcl::Attribute& attr) {
    auto v = hcl::Evaluate(attr.expr, ctx_);
    if (!v.ok()) {
      diags_ = std::move(v).diags();
      return std::nullopt;
    }
    return std::move(*v);
  }

  bool Expect(const hcl::Attribute& attr, const hcl::Value& v, hcl::Value::Kind kind) {
    if (v.kind == kind) {
      return true;
    }
    const char* want = kind == hcl::Value::Kind::kBool     ? "bool"
                       : kind == hcl::Value::Kind::kNumber ? "number"
                                                           : "string";
    diags_.Add(hcl::ErrorAt(file_.source, attr.expr.range, "Invalid lint option",
                            fmt::format("lint option \"{}\" must be a {}, got {}.", attr.name,
                                        want, v.TypeName())));
    return false;
  }

  std::optional<std::string> Scalar(const hcl::Attribute& attr, const hcl::Value& v) {
    switch (v.kind) {
      case hcl::Value::Kind::kString:
      case hcl::Value::Kind::kNumber:
        return v.text;
      case hcl::Value::Kind::kBool:
        return std::string(v.bool_value ? "true" : "false");
      default:
        diags_.Add(hcl::ErrorAt(
            file_.source, attr.expr.range, "Invalid lint option",
            fmt::format("lint option \"{}\" must be a string, number or bool, got {}.", attr.name,
                        v.TypeName())));
        return std::nullopt;
    }
  }

  base::Status Failed() { return std::move(diags_); }

  const hcl::File& file_;
  hcl::EvalContext ctx_;
  base::Diagnostics diags_;
};

}  // namespace

base::Result<Config> ParseConfig(std::string_view text, std::string filename,
                                 std::string_view env) {
  auto file = hcl::Parse(text, filename);
  if (!file.ok()) {
    return std::move(file).diags();
  }
  Config out;
  out.filename = filename;
  out.source = std::string(text);
  ConfigReader reader(*file);
  // Top-level first, then the env's block, so the env overrides.
  for (const auto& block : file->body.blocks) {
    if (block.type == "lint") {
      if (auto st = reader.ReadLint(block.body, out); !st.ok()) {
        return std::move(st).diags();
      }
    }
  }
  if (!env.empty()) {
    for (const auto& block : file->body.blocks) {
      if (block.type != "env" || block.labels.empty() || block.labels[0] != env) {
        continue;
      }
      for (const auto& inner : block.body.blocks) {
        if (inner.type == "lint") {
          if (auto st = reader.ReadLint(inner.body, out); !st.ok()) {
            return std::move(st).diags();
          }
        }
      }
    }
  }
  return out;
}

base::Status CheckOptionNames(std::string_view analyzer, const AnalyzerOptions& opts,
                              const Config& config, const OptionNames& names) {
  const auto listed = [](const std::vector<std::string_view>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  // In source order, so the first error is the first mistake in the file.
  std::vector<const std::pair<const std::string, base::SourceRange>*> options;
  for (const auto& entry : opts.ranges) {
    options.push_back(&entry);
  }
  std::stable_sort(options.begin(), options.end(), [](const auto* a, const auto* b) {
    return a->second.start.byte < b->second.start.byte;
  });
  base::Diagnostics diags;
  for (const auto* entry : options) {
    const std::string& key = entry->first;
    const auto dot = key.find('.');
    if (dot == std::string::npos) {
      if (key == "error" || listed(names.attrs, key) || listed(names.blocks, key)) {
        continue;
      }
      std::vector<std::string_view> known = {"error"};
      known.insert(known.end(), names.attrs.begin(), names.attrs.end());
      known.insert(known.end(), names.blocks.begin(), names.blocks.end());
      diags.Add(hcl::ErrorAt(config.source, entry->second, "Unknown lint option",
                             fmt::format("lint analyzer \"{}\" has no option \"{}\" (known: {}).",
                                         analyzer, key, fmt::join(known, ", "))));
      continue;
    }
    const std::string_view block = std::string_view(key).substr(0, dot);
    const std::string_view name = std::string_view(key).substr(dot + 1);
    if (!listed(names.blocks, block) || listed(names.block_attrs, name)) {
      continue;  // an unknown block is reported once, by its own entry
    }
    const std::string known =
        names.block_attrs.empty() ? "none" : fmt::format("{}", fmt::join(names.block_attrs, ", "));
    diags.Add(hcl::ErrorAt(
        config.source, entry->second, "Unknown lint option",
        fmt::format("block \"{}\" of lint analyzer \"{}\" has no option \"{}\" (known: {}).", block,
                    analyzer, name, known)));
  }
  if (diags.empty()) {
    return base::Status::Ok();
  }
  return diags;
}

}  // namespace atlas::engine::lint
