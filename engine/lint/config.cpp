#include "engine/lint/config.hpp"

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
        auto& attrs = opts.blocks[nested.type];
        for (const auto& attr : nested.body.attributes) {
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

}  // namespace atlas::engine::lint
