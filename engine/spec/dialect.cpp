#include "engine/spec/dialect.hpp"

namespace atlas::engine::spec {

const TypeSpec* TypeRegistry::FindHcl(std::string_view hcl_name) const {
  for (const auto& s : specs_) {
    if (s.hcl_name == hcl_name) {
      return &s;
    }
  }
  return nullptr;
}

const TypeSpec* TypeRegistry::FindSql(std::string_view sql_name) const {
  for (const auto& s : specs_) {
    if (s.sql_name == sql_name) {
      return &s;
    }
  }
  return nullptr;
}

base::Result<std::string> TypeRegistry::SqlSpelling(const TypeExpr& type) const {
  const TypeSpec* spec = FindHcl(type.name);
  std::string out = spec != nullptr ? spec->sql_name : type.name;
  if (type.kind != TypeExpr::Kind::kCall) {
    return out;
  }
  if (spec != nullptr && static_cast<int>(type.args.size()) > spec->max_args) {
    return base::Error("Invalid column type",
                       "Type \"" + type.name + "\" accepts " + std::to_string(spec->max_args) +
                           " argument(s), got " + std::to_string(type.args.size()) + ".");
  }
  out += "(";
  for (size_t i = 0; i < type.args.size(); ++i) {
    if (i > 0) {
      out += ",";
    }
    const TypeArg& a = type.args[i];
    if (a.is_string) {
      out += "'";
      for (char c : a.text) {
        out += c;
        if (c == '\'') {
          out += '\'';
        }
      }
      out += "'";
    } else {
      out += a.text;
    }
  }
  out += ")";
  return out;
}

}  // namespace atlas::engine::spec
