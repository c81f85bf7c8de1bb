#include "provider/tfvalue/json_codec.hpp"

#include <optional>
#include <utility>
#include <vector>

#include "provider/tfvalue/json_text.hpp"

namespace atlas::provider::tfvalue {

namespace {

using detail::JsonNode;
using engine::base::Error;
using engine::base::Result;

std::string PathPrefix(const std::vector<PathStep>& steps) {
  std::string p = Path(steps).ToString();
  return p.empty() ? std::string() : p + ": ";
}

class Decoder {
 public:
  explicit Decoder(JsonDecodeOptions options) : options_(options) {}

  std::optional<Value> Decode(const JsonNode& node, const Type& t) {
    if (node.kind == JsonNode::Kind::kNull) {
      return NullVal(t);
    }
    switch (t.kind()) {
      case Type::Kind::kDynamic:
        return DecodeDynamic(node);
      case Type::Kind::kString:
        switch (node.kind) {
          case JsonNode::Kind::kString:
          case JsonNode::Kind::kNumber:
            return StringVal(node.text);
          case JsonNode::Kind::kBool:
            return StringVal(node.boolean ? "true" : "false");
          default:
            return Fail("string is required");
        }
      case Type::Kind::kNumber: {
        if (node.kind != JsonNode::Kind::kNumber && node.kind != JsonNode::Kind::kString) {
          return Fail("number is required");
        }
        auto n = Number::Parse(node.text);
        if (!n) {
          return Fail("a number is required (invalid number \"" + node.text + "\")");
        }
        return NumberVal(std::move(*n));
      }
      case Type::Kind::kBool:
        if (node.kind == JsonNode::Kind::kBool) {
          return BoolVal(node.boolean);
        }
        if (node.kind == JsonNode::Kind::kString) {
          if (node.text == "true" || node.text == "1") {
            return BoolVal(true);
          }
          if (node.text == "false" || node.text == "0") {
            return BoolVal(false);
          }
        }
        return Fail("bool is required");
      case Type::Kind::kList:
      case Type::Kind::kSet: {
        if (node.kind != JsonNode::Kind::kArray) {
          return Fail(t.IsList() ? "a list is required" : "a set is required");
        }
        std::vector<Value> elems;
        for (size_t i = 0; i < node.items.size(); ++i) {
          steps_.push_back(PathStep::Index(static_cast<int64_t>(i)));
          auto e = Decode(node.items[i], t.ElementType());
          if (!e) {
            return std::nullopt;
          }
          steps_.pop_back();
          elems.push_back(std::move(*e));
        }
        return t.IsList() ? ListVal(t.ElementType(), std::move(elems))
                          : SetVal(t.ElementType(), std::move(elems));
      }
      case Type::Kind::kTuple: {
        const auto& types = t.TupleElementTypes();
        if (node.kind != JsonNode::Kind::kArray) {
          return Fail("a tuple is required");
        }
        if (node.items.size() != types.size()) {
          return Fail("a tuple of " + std::to_string(types.size()) + " elements is required");
        }
        std::vector<Value> elems;
        for (size_t i = 0; i < types.size(); ++i) {
          steps_.push_back(PathStep::Index(static_cast<int64_t>(i)));
          auto e = Decode(node.items[i], types[i]);
          if (!e) {
            return std::nullopt;
          }
          steps_.pop_back();
          elems.push_back(std::move(*e));
        }
        return TupleVal(std::move(elems));
      }
      case Type::Kind::kMap: {
        if (node.kind != JsonNode::Kind::kObject) {
          return Fail("a map is required");
        }
        std::map<std::string, Value> elems;
        for (const auto& [k, sub] : node.members) {
          steps_.push_back(PathStep::Key(k));
          auto e = Decode(sub, t.ElementType());
          if (!e) {
            return std::nullopt;
          }
          steps_.pop_back();
          elems[k] = std::move(*e);
        }
        return MapVal(t.ElementType(), std::move(elems));
      }
      case Type::Kind::kObject: {
        if (node.kind != JsonNode::Kind::kObject) {
          return Fail("an object is required");
        }
        std::map<std::string, Value> attrs;
        for (const auto& [k, sub] : node.members) {
          if (!t.HasAttribute(k)) {
            if (options_.ignore_unknown_attributes) {
              continue;
            }
            return Fail("unsupported attribute \"" + k + "\"");
          }
          steps_.push_back(PathStep::Attribute(k));
          auto e = Decode(sub, t.AttributeType(k));
          if (!e) {
            return std::nullopt;
          }
          steps_.pop_back();
          attrs[k] = std::move(*e);
        }
        for (const auto& [name, at] : t.AttributeTypes()) {
          if (attrs.find(name) == attrs.end()) {
            attrs.emplace(name, NullVal(at));
          }
        }
        return ObjectVal(std::move(attrs));
      }
    }
    return Fail("unsupported type");
  }

  std::optional<Value> DecodeDynamic(const JsonNode& node) {
    if (node.kind != JsonNode::Kind::kObject) {
      return Fail("a dynamically-typed value must be an object with \"value\" and \"type\"");
    }
    const JsonNode* type_node = nullptr;
    const JsonNode* value_node = nullptr;
    for (const auto& [k, sub] : node.members) {
      if (k == "type") {
        type_node = &sub;
      } else if (k == "value") {
        value_node = &sub;
      } else {
        return Fail("invalid key \"" + k + "\" in dynamically-typed value");
      }
    }
    if (type_node == nullptr) {
      return Fail("missing type in dynamically-typed value");
    }
    if (value_node == nullptr) {
      return Fail("missing value in dynamically-typed value");
    }
    auto t = TypeFromNode(*type_node);
    if (!t) {
      return std::nullopt;
    }
    return Decode(*value_node, *t);
  }

  std::optional<Type> TypeFromNode(const JsonNode& node) {
    // Re-serialize the node and reuse the type parser (type JSON contains no numbers).
    std::string text = Serialize(node);
    auto t = Type::FromJson(text);
    if (!t.ok()) {
      Fail("failed to decode type for dynamic value: " + t.diags().ToString());
      return std::nullopt;
    }
    return *t;
  }

  static std::string Serialize(const JsonNode& node) {
    switch (node.kind) {
      case JsonNode::Kind::kNull:
        return "null";
      case JsonNode::Kind::kBool:
        return node.boolean ? "true" : "false";
      case JsonNode::Kind::kNumber:
        return node.text;
      case JsonNode::Kind::kString:
        return detail::QuoteJsonString(node.text);
      case JsonNode::Kind::kArray: {
        std::string out = "[";
        for (size_t i = 0; i < node.items.size(); ++i) {
          if (i > 0) {
            out += ',';
          }
          out += Serialize(node.items[i]);
        }
        return out + "]";
      }
      case JsonNode::Kind::kObject: {
        std::string out = "{";
        for (size_t i = 0; i < node.members.size(); ++i) {
          if (i > 0) {
            out += ',';
          }
          out += detail::QuoteJsonString(node.members[i].first) + ":" +
                 Serialize(node.members[i].second);
        }
        return out + "}";
      }
    }
    return "null";
  }

  std::optional<Value> Fail(const std::string& what) {
    if (error_.empty()) {
      error_ = PathPrefix(steps_) + what;
    }
    return std::nullopt;
  }

  const std::string& error() const { return error_; }

 private:
  JsonDecodeOptions options_;
  std::vector<PathStep> steps_;
  std::string error_;
};

class Encoder {
 public:
  bool Encode(std::string& out, const Value& v, const Type& t) {
    if (v.IsUnknown()) {
      return Fail("value is not known");
    }
    if (t.IsDynamic() && !v.type().IsDynamic()) {
      out += "{\"value\":";
      if (!Encode(out, v, v.type())) {
        return false;
      }
      out += ",\"type\":" + v.type().ToJson() + "}";
      return true;
    }
    if (v.IsNull()) {
      out += "null";
      return true;
    }
    switch (t.kind()) {
      case Type::Kind::kString:
        out += detail::QuoteJsonString(v.AsString());
        return true;
      case Type::Kind::kNumber:
        if (v.AsNumber().IsInfinity()) {
          return Fail("cannot serialize infinity as JSON");
        }
        out += v.AsNumber().ToString();
        return true;
      case Type::Kind::kBool:
        out += v.AsBool() ? "true" : "false";
        return true;
      case Type::Kind::kList:
      case Type::Kind::kSet:
      case Type::Kind::kTuple: {
        out += '[';
        const auto& elems = v.Elements();
        for (size_t i = 0; i < elems.size(); ++i) {
          if (i > 0) {
            out += ',';
          }
          const Type& et = t.IsTuple() ? t.TupleElementTypes()[i] : t.ElementType();
          steps_.push_back(PathStep::Index(static_cast<int64_t>(i)));
          if (!Encode(out, elems[i], et)) {
            return false;
          }
          steps_.pop_back();
        }
        out += ']';
        return true;
      }
      case Type::Kind::kMap: {
        out += '{';
        bool first = true;
        for (const auto& [k, e] : v.MapElements()) {
          if (!first) {
            out += ',';
          }
          first = false;
          out += detail::QuoteJsonString(k) + ":";
          steps_.push_back(PathStep::Key(k));
          if (!Encode(out, e, t.ElementType())) {
            return false;
          }
          steps_.pop_back();
        }
        out += '}';
        return true;
      }
      case Type::Kind::kObject: {
        out += '{';
        bool first = true;
        for (const auto& [name, at] : t.AttributeTypes()) {
          if (!first) {
            out += ',';
          }
          first = false;
          out += detail::QuoteJsonString(name) + ":";
          steps_.push_back(PathStep::Attribute(name));
          if (!Encode(out, v.GetAttr(name), at)) {
            return false;
          }
          steps_.pop_back();
        }
        out += '}';
        return true;
      }
      case Type::Kind::kDynamic:
        break;
    }
    return Fail("cannot encode a known value of dynamic type");
  }

  bool Fail(const std::string& what) {
    if (error_.empty()) {
      error_ = PathPrefix(steps_) + what;
    }
    return false;
  }

  const std::string& error() const { return error_; }

 private:
  std::vector<PathStep> steps_;
  std::string error_;
};

}  // namespace

Result<Value> DecodeJson(std::string_view json, const Type& type, JsonDecodeOptions options) {
  auto node = detail::ParseJson(json);
  if (!node.ok()) {
    return std::move(node).diags();
  }
  Decoder dec(options);
  auto v = dec.Decode(*node, type);
  if (!v) {
    return Error("Invalid JSON value", dec.error());
  }
  return std::move(*v);
}

Result<std::string> EncodeJson(const Value& value, const Type& type) {
  if (!value.ConformsTo(type)) {
    return Error("Invalid value for JSON encoding",
                 "value " + value.ToString() + " does not conform to type " + type.ToJson());
  }
  std::string out;
  Encoder enc;
  if (!enc.Encode(out, value, type)) {
    return Error("Invalid value for JSON encoding", enc.error());
  }
  return out;
}

}  // namespace atlas::provider::tfvalue
