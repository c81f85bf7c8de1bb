#include "tests/acceptance/config.hpp"

#include <cctype>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "provider/tfvalue/number.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using engine::base::Result;
using tfv::Path;
using tfv::Type;
using tfv::Value;

Result<Value> TypeError(std::string_view what, std::string_view reason) {
  return Error("Incorrect attribute value type",
               fmt::format("Inappropriate value for attribute \"{}\": {}.", what, reason));
}

std::string Required(const Type& t) {
  if (t.IsPrimitive()) {
    return t.FriendlyName() + " required";
  }
  return t.FriendlyName() + " required";
}

// Pieces of a string template.
struct TemplatePart {
  bool is_ref = false;
  std::string literal;
  std::string expr;
};

Result<std::vector<TemplatePart>> SplitTemplate(std::string_view s) {
  std::vector<TemplatePart> parts;
  std::string lit;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 3, "$${") == 0) {
      lit += "${";
      i += 3;
      continue;
    }
    if (s.compare(i, 2, "${") == 0) {
      std::size_t end = s.find('}', i + 2);
      if (end == std::string_view::npos) {
        return Error("Invalid template", fmt::format("unterminated \"${{\" in {}", std::string(s)));
      }
      if (!lit.empty()) {
        parts.push_back({false, std::move(lit), {}});
        lit.clear();
      }
      parts.push_back({true, {}, std::string(s.substr(i + 2, end - i - 2))});
      i = end + 1;
      continue;
    }
    lit += s[i];
    ++i;
  }
  if (!lit.empty() || parts.empty()) {
    parts.push_back({false, std::move(lit), {}});
  }
  return parts;
}

Result<std::string> PrimitiveToString(const Value& v) {
  switch (v.type().kind()) {
    case Type::Kind::kString:
      return v.AsString();
    case Type::Kind::kNumber:
      return v.AsNumber().ToString();
    case Type::Kind::kBool:
      return std::string(v.AsBool() ? "true" : "false");
    default:
      return Error("Invalid template interpolation value",
                   fmt::format("Cannot include a {} value in a string template.", v.type().FriendlyName()));
  }
}

Result<Value> EvalTemplate(std::string_view s, const Resolver& resolve) {
  auto parts = SplitTemplate(s);
  if (!parts) {
    return std::move(parts).diags();
  }
  auto eval = [&](const std::string& expr) -> Result<Value> {
    auto ref = ParseReference(expr);
    if (!ref) {
      return std::move(ref).diags();
    }
    if (!resolve) {
      return Error("Variables not allowed",
                   fmt::format("Reference \"{}\" can't be used here: no values are available.", expr));
    }
    return resolve(*ref);
  };
  if (parts->size() == 1 && (*parts)[0].is_ref) {
    return eval((*parts)[0].expr);
  }
  std::string out;
  bool unknown = false;
  std::string prefix;
  for (const auto& p : *parts) {
    if (!p.is_ref) {
      out += p.literal;
      continue;
    }
    auto v = eval(p.expr);
    if (!v) {
      return std::move(v).diags();
    }
    if (v->IsUnknown() || !v->IsWhollyKnown()) {
      if (!unknown) {
        prefix = out;
      }
      unknown = true;
      continue;
    }
    if (v->IsNull()) {
      return Error("Invalid template interpolation value",
                   fmt::format("The expression result is null. Cannot include a null value in a string "
                               "template (\"${{{}}}\").",
                               p.expr));
    }
    auto str = PrimitiveToString(*v);
    if (!str) {
      return std::move(str).diags();
    }
    out += *str;
  }
  if (unknown) {
    tfv::Refinements r;
    r.not_null = true;
    if (!prefix.empty()) {
      r.string_prefix = prefix;
    }
    return tfv::UnknownVal(Type::String(), r);
  }
  return tfv::StringVal(out);
}

Value NumberFromJson(const nlohmann::json& j) {
  if (j.is_number_unsigned()) {
    return tfv::NumberVal(tfv::Number::FromUint64(j.get<uint64_t>()));
  }
  if (j.is_number_integer()) {
    return tfv::NumberIntVal(j.get<int64_t>());
  }
  // Shortest round-trip text: recovers the literal the test wrote ("0.1"), as Terraform parses it.
  auto n = tfv::Number::Parse(fmt::format("{}", j.get<double>()));
  return tfv::NumberVal(n.value_or(tfv::Number()));
}

Result<Value> DecodeBlocks(const NestedBlockSchema& nb, const nlohmann::json* raw, const Resolver& resolve);

bool IsMetaArgument(const std::string& key) {
  return key == "depends_on" || key == "lifecycle" || key == "count" || key == "for_each" ||
         key == "provider";
}

Result<std::string> ParseIdent(std::string_view s, std::size_t& i) {
  std::size_t start = i;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) != 0 || s[i] == '_' || s[i] == '-')) {
    ++i;
  }
  if (i == start) {
    return Error("Invalid reference", fmt::format("expected a name at offset {} in \"{}\"", start, std::string(s)));
  }
  return std::string(s.substr(start, i - start));
}

}  // namespace

Config& Config::Provider(nlohmann::json body, std::string_view name) {
  json_["provider"][std::string(name)] = std::move(body);
  return *this;
}

Config& Config::Resource(std::string_view type, std::string_view name, nlohmann::json body) {
  json_["resource"][std::string(type)][std::string(name)] = std::move(body);
  return *this;
}

Config& Config::Data(std::string_view type, std::string_view name, nlohmann::json body) {
  json_["data"][std::string(type)][std::string(name)] = std::move(body);
  return *this;
}

std::string ConfigBlock::Address() const {
  return (kind == BlockKind::kData ? "data." : "") + type + "." + name;
}

const ConfigBlock* ParsedConfig::Find(std::string_view address) const {
  for (const auto& b : blocks) {
    if (b.Address() == address) {
      return &b;
    }
  }
  return nullptr;
}

Result<Reference> ParseReference(std::string_view expression) {
  std::string_view s = expression;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  Reference ref;
  ref.text = std::string(s);
  std::size_t i = 0;
  std::vector<std::string> heads;
  auto first = ParseIdent(s, i);
  if (!first) {
    return std::move(first).diags();
  }
  heads.push_back(*first);
  std::size_t need = *first == "data" ? 3 : *first == "deferred" ? 1 : 2;
  while (heads.size() < need) {
    if (i >= s.size() || s[i] != '.') {
      return Error("Invalid reference",
                   fmt::format("\"{}\": a reference to a {} must have the form {}", ref.text,
                               *first == "data" ? "data source" : "resource",
                               *first == "data" ? "data.TYPE.NAME" : "TYPE.NAME"));
    }
    ++i;
    auto id = ParseIdent(s, i);
    if (!id) {
      return std::move(id).diags();
    }
    heads.push_back(*id);
  }
  if (*first == "deferred") {
    ref.address = "deferred";
  } else {
    ref.address = heads[0];
    for (std::size_t k = 1; k < heads.size(); ++k) {
      ref.address += "." + heads[k];
    }
  }
  Path path;
  if (*first == "deferred") {
    if (i >= s.size() || s[i] != '.') {
      return Error("Invalid reference", fmt::format("\"{}\": use deferred.NAME", ref.text));
    }
  }
  while (i < s.size()) {
    if (s[i] == '.') {
      ++i;
      auto id = ParseIdent(s, i);
      if (!id) {
        return std::move(id).diags();
      }
      path = path.Attribute(*id);
    } else if (s[i] == '[') {
      std::size_t end = s.find(']', i);
      if (end == std::string_view::npos) {
        return Error("Invalid reference", fmt::format("\"{}\": unterminated index", ref.text));
      }
      std::string_view key = s.substr(i + 1, end - i - 1);
      if (key.size() >= 2 && key.front() == '"' && key.back() == '"') {
        path = path.Key(std::string(key.substr(1, key.size() - 2)));
      } else {
        try {
          path = path.Index(std::stoll(std::string(key)));
        } catch (const std::exception&) {
          return Error("Invalid reference", fmt::format("\"{}\": invalid index [{}]", ref.text, key));
        }
      }
      i = end + 1;
    } else {
      return Error("Invalid reference",
                   fmt::format("\"{}\": unexpected character '{}' (only references are supported inside "
                               "${{...}})",
                               ref.text, s[i]));
    }
  }
  ref.path = std::move(path);
  return ref;
}

Result<std::vector<Reference>> CollectReferences(const nlohmann::json& body) {
  std::vector<Reference> out;
  std::function<engine::base::Status(const nlohmann::json&)> walk =
      [&](const nlohmann::json& j) -> engine::base::Status {
    if (j.is_string()) {
      auto parts = SplitTemplate(j.get<std::string>());
      if (!parts) {
        return std::move(parts).diags();
      }
      for (const auto& p : *parts) {
        if (p.is_ref) {
          auto r = ParseReference(p.expr);
          if (!r) {
            return std::move(r).diags();
          }
          out.push_back(std::move(r).value());
        }
      }
    } else if (j.is_array() || j.is_object()) {
      for (const auto& e : j) {
        if (auto st = walk(e); !st) {
          return st;
        }
      }
    }
    return {};
  };
  if (auto st = walk(body); !st) {
    return std::move(st).diags();
  }
  return out;
}

Result<ParsedConfig> ParseConfig(const nlohmann::json& config, std::string_view provider_name) {
  if (!config.is_object()) {
    return Error("Invalid configuration", "the configuration must be a JSON object");
  }
  ParsedConfig out;
  std::vector<ConfigBlock> blocks;
  for (const auto& [key, val] : config.items()) {
    if (key == "provider") {
      if (!val.is_object()) {
        return Error("Invalid configuration", "\"provider\" must be an object");
      }
      for (const auto& [pname, pbody] : val.items()) {
        if (pname != provider_name) {
          return Error("Invalid configuration",
                       fmt::format("provider \"{}\" is not the provider under test (\"{}\")", pname,
                                   std::string(provider_name)));
        }
        out.provider_present = true;
        out.provider = pbody.is_null() ? nlohmann::json::object() : pbody;
      }
      continue;
    }
    if (key != "resource" && key != "data") {
      return Error("Invalid configuration",
                   fmt::format("unsupported top-level key \"{}\" (use provider, resource, data)", key));
    }
    if (!val.is_object()) {
      return Error("Invalid configuration", fmt::format("\"{}\" must be an object", key));
    }
    for (const auto& [type, named] : val.items()) {
      if (!named.is_object()) {
        return Error("Invalid configuration", fmt::format("{}.{} must be an object of named blocks", key, type));
      }
      for (const auto& [name, body] : named.items()) {
        ConfigBlock b;
        b.kind = key == "data" ? BlockKind::kData : BlockKind::kResource;
        b.type = type;
        b.name = name;
        b.body = body.is_null() ? nlohmann::json::object() : body;
        if (!b.body.is_object()) {
          return Error("Invalid configuration", fmt::format("{} must be an object", b.Address()));
        }
        blocks.push_back(std::move(b));
      }
    }
  }
  std::set<std::string> declared;
  for (const auto& b : blocks) {
    declared.insert(b.Address());
  }
  for (auto& b : blocks) {
    auto refs = CollectReferences(b.body);
    if (!refs) {
      return std::move(refs).diags();
    }
    std::set<std::string> deps;
    for (const auto& r : *refs) {
      if (r.address != "deferred") {
        deps.insert(r.address);
      }
    }
    if (auto it = b.body.find("depends_on"); it != b.body.end()) {
      if (!it->is_array()) {
        return Error("Invalid depends_on", fmt::format("{}: depends_on must be a list", b.Address()));
      }
      for (const auto& d : *it) {
        deps.insert(d.get<std::string>());
      }
    }
    for (const auto& d : deps) {
      if (declared.count(d) == 0) {
        const bool data = d.rfind("data.", 0) == 0;
        return Error("Reference to undeclared resource",
                     fmt::format("A {} \"{}\" has not been declared in the root module (referenced from "
                                 "{}).",
                                 data ? "data resource" : "managed resource", d, b.Address()));
      }
      if (d == b.Address()) {
        return Error("Self-referential block", fmt::format("{} refers to itself", b.Address()));
      }
    }
    b.depends_on.assign(deps.begin(), deps.end());
  }
  // Kahn's algorithm, keeping the document order among ready blocks.
  std::set<std::string> done;
  while (out.blocks.size() < blocks.size()) {
    bool progressed = false;
    for (const auto& b : blocks) {
      if (done.count(b.Address()) != 0) {
        continue;
      }
      bool ready = true;
      for (const auto& d : b.depends_on) {
        ready = ready && done.count(d) != 0;
      }
      if (ready) {
        out.blocks.push_back(b);
        done.insert(b.Address());
        progressed = true;
      }
    }
    if (!progressed) {
      std::string cycle;
      for (const auto& b : blocks) {
        if (done.count(b.Address()) == 0) {
          cycle += (cycle.empty() ? "" : ", ") + b.Address();
        }
      }
      return Error("Cycle", cycle);
    }
  }
  return out;
}

Value InferValue(const nlohmann::json& j) {
  if (j.is_null()) {
    return tfv::NullVal(Type::Dynamic());
  }
  if (j.is_string()) {
    return tfv::StringVal(j.get<std::string>());
  }
  if (j.is_boolean()) {
    return tfv::BoolVal(j.get<bool>());
  }
  if (j.is_number()) {
    return NumberFromJson(j);
  }
  if (j.is_array()) {
    std::vector<Value> elems;
    for (const auto& e : j) {
      elems.push_back(InferValue(e));
    }
    return tfv::TupleVal(std::move(elems));
  }
  std::map<std::string, Value> attrs;
  for (const auto& [k, v] : j.items()) {
    attrs.emplace(k, InferValue(v));
  }
  return tfv::ObjectVal(std::move(attrs));
}

Result<Value> ConvertValue(const Value& v, const Type& t) {
  if (t.IsDynamic() || v.type() == t) {
    return v;
  }
  if (v.IsUnknown()) {
    return tfv::UnknownVal(t);
  }
  if (v.IsNull()) {
    return tfv::NullVal(t);
  }
  const Type& from = v.type();
  if (t.IsPrimitive()) {
    if (!from.IsPrimitive()) {
      return Error("Incorrect value type", Required(t));
    }
    auto s = PrimitiveToString(v);
    if (!s) {
      return std::move(s).diags();
    }
    switch (t.kind()) {
      case Type::Kind::kString:
        return tfv::StringVal(*s);
      case Type::Kind::kNumber: {
        auto n = tfv::Number::Parse(*s);
        if (!n || from.kind() == Type::Kind::kBool) {
          return Error("Incorrect value type", "a number is required");
        }
        return tfv::NumberVal(*n);
      }
      case Type::Kind::kBool:
        if (*s == "true") {
          return tfv::BoolVal(true);
        }
        if (*s == "false") {
          return tfv::BoolVal(false);
        }
        return Error("Incorrect value type", "a bool is required");
      default:
        break;
    }
  }
  if ((t.IsList() || t.IsSet()) && (from.IsList() || from.IsSet() || from.IsTuple())) {
    std::vector<Value> elems;
    for (const auto& e : v.Elements()) {
      auto c = ConvertValue(e, t.ElementType());
      if (!c) {
        return std::move(c).diags();
      }
      elems.push_back(std::move(c).value());
    }
    return t.IsList() ? tfv::ListVal(t.ElementType(), std::move(elems))
                      : tfv::SetVal(t.ElementType(), std::move(elems));
  }
  if (t.IsTuple() && (from.IsList() || from.IsSet() || from.IsTuple())) {
    const auto& ets = t.TupleElementTypes();
    if (v.Elements().size() != ets.size()) {
      return Error("Incorrect value type", fmt::format("a tuple of {} elements is required", ets.size()));
    }
    std::vector<Value> elems;
    for (std::size_t i = 0; i < ets.size(); ++i) {
      auto c = ConvertValue(v.Elements()[i], ets[i]);
      if (!c) {
        return std::move(c).diags();
      }
      elems.push_back(std::move(c).value());
    }
    return tfv::TupleVal(std::move(elems));
  }
  if ((t.IsMap() || t.IsObject()) && (from.IsMap() || from.IsObject())) {
    const auto& src = from.IsMap() ? v.MapElements() : v.Attributes();
    if (t.IsMap()) {
      std::map<std::string, Value> elems;
      for (const auto& [k, e] : src) {
        auto c = ConvertValue(e, t.ElementType());
        if (!c) {
          return std::move(c).diags();
        }
        elems.emplace(k, std::move(c).value());
      }
      return tfv::MapVal(t.ElementType(), std::move(elems));
    }
    std::map<std::string, Value> attrs;
    for (const auto& [k, at] : t.AttributeTypes()) {
      auto it = src.find(k);
      if (it == src.end()) {
        if (t.OptionalAttributes().count(k) == 0) {
          return Error("Incorrect value type", fmt::format("attribute \"{}\" is required", k));
        }
        attrs.emplace(k, tfv::NullVal(at));
        continue;
      }
      auto c = ConvertValue(it->second, at);
      if (!c) {
        return std::move(c).diags();
      }
      attrs.emplace(k, std::move(c).value());
    }
    for (const auto& [k, e] : src) {
      if (!t.HasAttribute(k)) {
        return Error("Incorrect value type", fmt::format("unexpected attribute \"{}\"", k));
      }
    }
    return tfv::ObjectValOfType(t, std::move(attrs));
  }
  return Error("Incorrect value type", Required(t));
}

Result<Value> JsonToValue(const nlohmann::json& j, const Type& t, const Resolver& resolve) {
  if (j.is_null()) {
    return tfv::NullVal(t);
  }
  if (j.is_string()) {
    auto v = EvalTemplate(j.get<std::string>(), resolve);
    if (!v) {
      return std::move(v).diags();
    }
    return ConvertValue(*v, t);
  }
  if (t.IsDynamic()) {
    if (j.is_array() || j.is_object()) {
      // Containers may hold templates: decode elements dynamically.
      if (j.is_array()) {
        std::vector<Value> elems;
        for (const auto& e : j) {
          auto c = JsonToValue(e, Type::Dynamic(), resolve);
          if (!c) {
            return std::move(c).diags();
          }
          elems.push_back(std::move(c).value());
        }
        return tfv::TupleVal(std::move(elems));
      }
      std::map<std::string, Value> attrs;
      for (const auto& [k, e] : j.items()) {
        auto c = JsonToValue(e, Type::Dynamic(), resolve);
        if (!c) {
          return std::move(c).diags();
        }
        attrs.emplace(k, std::move(c).value());
      }
      return tfv::ObjectVal(std::move(attrs));
    }
    return InferValue(j);
  }
  if (j.is_boolean() || j.is_number()) {
    return ConvertValue(InferValue(j), t);
  }
  if (j.is_array()) {
    if (t.IsList() || t.IsSet()) {
      std::vector<Value> elems;
      for (const auto& e : j) {
        auto c = JsonToValue(e, t.ElementType(), resolve);
        if (!c) {
          return std::move(c).diags();
        }
        elems.push_back(std::move(c).value());
      }
      return t.IsList() ? tfv::ListVal(t.ElementType(), std::move(elems))
                        : tfv::SetVal(t.ElementType(), std::move(elems));
    }
    if (t.IsTuple()) {
      const auto& ets = t.TupleElementTypes();
      if (j.size() != ets.size()) {
        return Error("Incorrect value type", fmt::format("a tuple of {} elements is required", ets.size()));
      }
      std::vector<Value> elems;
      for (std::size_t i = 0; i < ets.size(); ++i) {
        auto c = JsonToValue(j[i], ets[i], resolve);
        if (!c) {
          return std::move(c).diags();
        }
        elems.push_back(std::move(c).value());
      }
      return tfv::TupleVal(std::move(elems));
    }
    return Error("Incorrect value type", Required(t));
  }
  // object
  if (t.IsMap()) {
    std::map<std::string, Value> elems;
    for (const auto& [k, e] : j.items()) {
      auto c = JsonToValue(e, t.ElementType(), resolve);
      if (!c) {
        return std::move(c).diags();
      }
      elems.emplace(k, std::move(c).value());
    }
    return tfv::MapVal(t.ElementType(), std::move(elems));
  }
  if (t.IsObject()) {
    std::map<std::string, Value> attrs;
    for (const auto& [k, at] : t.AttributeTypes()) {
      auto it = j.find(k);
      if (it == j.end()) {
        attrs.emplace(k, tfv::NullVal(at));
        continue;
      }
      auto c = JsonToValue(*it, at, resolve);
      if (!c) {
        return std::move(c).diags();
      }
      attrs.emplace(k, std::move(c).value());
    }
    for (const auto& [k, e] : j.items()) {
      if (!t.HasAttribute(k)) {
        return Error("Incorrect value type", fmt::format("unexpected attribute \"{}\"", k));
      }
    }
    return tfv::ObjectValOfType(t, std::move(attrs));
  }
  return Error("Incorrect value type", Required(t));
}

namespace {

Result<Value> DecodeNestedAttribute(const AttributeSchema& attr, const nlohmann::json& j,
                                    const Resolver& resolve) {
  if (j.is_string()) {
    return JsonToValue(j, attr.type, resolve);
  }
  const ObjectSchema& obj = *attr.nested;
  auto decode_object = [&](const nlohmann::json& body) -> Result<Value> {
    if (body.is_string()) {
      return JsonToValue(body, obj.ObjectType(), resolve);
    }
    if (!body.is_object()) {
      return Error("Incorrect attribute value type",
                   fmt::format("Inappropriate value for attribute \"{}\": object required.", attr.name));
    }
    std::map<std::string, Value> attrs;
    for (const auto& [name, a] : obj.attributes) {
      auto it = body.find(name);
      if (it == body.end() || it->is_null()) {
        if (a.required) {
          return Error("Incorrect attribute value type",
                       fmt::format("Inappropriate value for attribute \"{}\": attribute \"{}\" is required.",
                                   attr.name, name));
        }
        attrs.emplace(name, tfv::NullVal(a.type));
        continue;
      }
      auto v = a.nested ? DecodeNestedAttribute(a, *it, resolve) : JsonToValue(*it, a.type, resolve);
      if (!v) {
        return std::move(v).diags();
      }
      attrs.emplace(name, std::move(v).value());
    }
    for (const auto& [k, e] : body.items()) {
      if (obj.attributes.count(k) == 0) {
        return Error("Unsupported attribute",
                     fmt::format("Inappropriate value for attribute \"{}\": unexpected attribute \"{}\".",
                                 attr.name, k));
      }
    }
    return tfv::ObjectValOfType(obj.ObjectType(), std::move(attrs));
  };
  switch (obj.nesting) {
    case Nesting::kSingle:
    case Nesting::kGroup:
      return decode_object(j);
    case Nesting::kList:
    case Nesting::kSet: {
      if (!j.is_array()) {
        return TypeError(attr.name, "list of object required");
      }
      std::vector<Value> elems;
      for (const auto& e : j) {
        auto v = decode_object(e);
        if (!v) {
          return std::move(v).diags();
        }
        elems.push_back(std::move(v).value());
      }
      return obj.nesting == Nesting::kList ? tfv::ListVal(obj.ObjectType(), std::move(elems))
                                           : tfv::SetVal(obj.ObjectType(), std::move(elems));
    }
    case Nesting::kMap: {
      if (!j.is_object()) {
        return TypeError(attr.name, "map of object required");
      }
      std::map<std::string, Value> elems;
      for (const auto& [k, e] : j.items()) {
        auto v = decode_object(e);
        if (!v) {
          return std::move(v).diags();
        }
        elems.emplace(k, std::move(v).value());
      }
      return tfv::MapVal(obj.ObjectType(), std::move(elems));
    }
  }
  return TypeError(attr.name, "unsupported nesting");
}

Result<Value> DecodeBlocks(const NestedBlockSchema& nb, const nlohmann::json* raw, const Resolver& resolve) {
  const std::string& name = nb.type_name;
  std::vector<const nlohmann::json*> bodies;
  if (raw != nullptr && !raw->is_null()) {
    if (raw->is_array()) {
      for (const auto& e : *raw) {
        bodies.push_back(&e);
      }
    } else if (raw->is_object()) {
      bodies.push_back(raw);
    } else {
      return Error("Unsupported argument",
                   fmt::format("An argument named \"{}\" is not expected here. Did you mean to define a "
                               "block of type \"{}\"?",
                               name, name));
    }
  }
  const Type elem_type = nb.block->ImpliedType();
  if (nb.nesting == Nesting::kMap) {
    std::map<std::string, Value> elems;
    if (raw != nullptr && raw->is_object()) {
      for (const auto& [label, body] : raw->items()) {
        auto v = DecodeBody(*nb.block, body, resolve);
        if (!v) {
          return std::move(v).diags();
        }
        elems.emplace(label, std::move(v).value());
      }
    }
    if (nb.ImpliedType().IsDynamic()) {
      return tfv::ObjectVal(std::move(elems));
    }
    return tfv::MapVal(elem_type, std::move(elems));
  }
  std::vector<Value> values;
  for (const auto* body : bodies) {
    if (!body->is_object()) {
      return Error("Incorrect block value", fmt::format("A \"{}\" block must be a JSON object.", name));
    }
    auto v = DecodeBody(*nb.block, *body, resolve);
    if (!v) {
      return std::move(v).diags();
    }
    values.push_back(std::move(v).value());
  }
  const auto n = static_cast<int64_t>(values.size());
  switch (nb.nesting) {
    case Nesting::kSingle:
    case Nesting::kGroup:
      if (n > 1) {
        return Error(fmt::format("Duplicate {} block", name),
                     fmt::format("Only one {} block is allowed.", name));
      }
      if (n == 0 && nb.min_items > 0) {
        return Error(fmt::format("Insufficient {} blocks", name),
                     fmt::format("At least 1 \"{}\" blocks are required.", name));
      }
      if (n == 0) {
        return nb.nesting == Nesting::kSingle ? tfv::NullVal(elem_type) : nb.block->EmptyValue();
      }
      return values.front();
    case Nesting::kList:
    case Nesting::kSet:
      if (n < nb.min_items) {
        return Error(fmt::format("Insufficient {} blocks", name),
                     fmt::format("At least {} \"{}\" blocks are required.", nb.min_items, name));
      }
      if (nb.max_items > 0 && n > nb.max_items) {
        return Error(fmt::format("Too many {} blocks", name),
                     fmt::format("No more than {} \"{}\" blocks are allowed.", nb.max_items, name));
      }
      if (nb.nesting == Nesting::kSet) {
        return tfv::SetVal(elem_type, std::move(values));
      }
      if (nb.ImpliedType().IsDynamic()) {
        return tfv::TupleVal(std::move(values));
      }
      return tfv::ListVal(elem_type, std::move(values));
    case Nesting::kMap:
      break;
  }
  return Error("Unsupported block nesting", name);
}

}  // namespace

Result<Value> DecodeBody(const BlockSchema& schema, const nlohmann::json& body, const Resolver& resolve) {
  if (!body.is_object()) {
    return Error("Invalid block", "a block body must be a JSON object");
  }
  for (const auto& [key, val] : body.items()) {
    if (schema.attributes.count(key) == 0 && schema.block_types.count(key) == 0 && !IsMetaArgument(key)) {
      return Error("Unsupported argument", fmt::format("An argument named \"{}\" is not expected here.", key));
    }
    if (IsMetaArgument(key) && key != "depends_on") {
      return Error("Unsupported meta-argument",
                   fmt::format("The harness does not implement \"{}\".", key));
    }
  }
  std::map<std::string, Value> attrs;
  for (const auto& [name, attr] : schema.attributes) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
      if (attr.required) {
        return Error("Missing required argument",
                     fmt::format("The argument \"{}\" is required, but no definition was found.", name));
      }
      attrs.emplace(name, tfv::NullVal(attr.type));
      continue;
    }
    auto v = attr.nested ? DecodeNestedAttribute(attr, *it, resolve) : JsonToValue(*it, attr.type, resolve);
    if (!v) {
      engine::base::Diagnostics diags;
      for (const auto& d : v.diags()) {
        if (d.summary == "Incorrect value type") {
          diags.AddError("Incorrect attribute value type",
                         fmt::format("Inappropriate value for attribute \"{}\": {}.", name, d.detail));
        } else {
          diags.Add(d);
        }
      }
      return diags;
    }
    attrs.emplace(name, std::move(v).value());
  }
  for (const auto& [name, nb] : schema.block_types) {
    auto it = body.find(name);
    auto v = DecodeBlocks(nb, it == body.end() ? nullptr : &*it, resolve);
    if (!v) {
      return std::move(v).diags();
    }
    attrs.emplace(name, std::move(v).value());
  }
  return tfv::ObjectValOfType(schema.ImpliedType(), std::move(attrs));
}

}  // namespace atlas::tests::acceptance
