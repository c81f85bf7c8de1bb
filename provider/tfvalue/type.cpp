#include "provider/tfvalue/type.hpp"

#include <ostream>
#include <utility>

#include "provider/tfvalue/json_text.hpp"

namespace atlas::provider::tfvalue {

using engine::base::Error;
using engine::base::Result;

struct Type::Composite {
  Type element;                            // list, set, map
  std::map<std::string, Type> attributes;  // object
  std::set<std::string> optional;          // object
  std::vector<Type> elements;              // tuple
};

Type Type::List(Type element) {
  auto c = std::make_shared<Composite>();
  c->element = std::move(element);
  return Type(Kind::kList, std::move(c));
}

Type Type::Set(Type element) {
  auto c = std::make_shared<Composite>();
  c->element = std::move(element);
  return Type(Kind::kSet, std::move(c));
}

Type Type::Map(Type element) {
  auto c = std::make_shared<Composite>();
  c->element = std::move(element);
  return Type(Kind::kMap, std::move(c));
}

Type Type::Object(std::map<std::string, Type> attributes, std::set<std::string> optional) {
  for (const auto& name : optional) {
    ATLAS_CHECK(attributes.count(name) == 1,
                "optional attribute \"" + name + "\" is not an attribute");
  }
  auto c = std::make_shared<Composite>();
  c->attributes = std::move(attributes);
  c->optional = std::move(optional);
  return Type(Kind::kObject, std::move(c));
}

Type Type::Tuple(std::vector<Type> elements) {
  auto c = std::make_shared<Composite>();
  c->elements = std::move(elements);
  return Type(Kind::kTuple, std::move(c));
}

const Type& Type::ElementType() const {
  ATLAS_CHECK(IsCollection(), "ElementType() on " + FriendlyName());
  return composite_->element;
}

const std::map<std::string, Type>& Type::AttributeTypes() const {
  ATLAS_CHECK(IsObject(), "AttributeTypes() on " + FriendlyName());
  return composite_->attributes;
}

const std::set<std::string>& Type::OptionalAttributes() const {
  ATLAS_CHECK(IsObject(), "OptionalAttributes() on " + FriendlyName());
  return composite_->optional;
}

bool Type::HasAttribute(std::string_view name) const {
  if (!IsObject()) {
    return false;
  }
  return composite_->attributes.find(std::string(name)) != composite_->attributes.end();
}

const Type& Type::AttributeType(std::string_view name) const {
  ATLAS_CHECK(IsObject(), "AttributeType() on " + FriendlyName());
  auto it = composite_->attributes.find(std::string(name));
  ATLAS_CHECK(it != composite_->attributes.end(),
              "object has no attribute \"" + std::string(name) + "\"");
  return it->second;
}

const std::vector<Type>& Type::TupleElementTypes() const {
  ATLAS_CHECK(IsTuple(), "TupleElementTypes() on " + FriendlyName());
  return composite_->elements;
}

bool Type::ContainsDynamic() const {
  switch (kind_) {
    case Kind::kDynamic:
      return true;
    case Kind::kString:
    case Kind::kNumber:
    case Kind::kBool:
      return false;
    case Kind::kList:
    case Kind::kSet:
    case Kind::kMap:
      return composite_->element.ContainsDynamic();
    case Kind::kObject:
      for (const auto& [name, t] : composite_->attributes) {
        if (t.ContainsDynamic()) {
          return true;
        }
      }
      return false;
    case Kind::kTuple:
      for (const auto& t : composite_->elements) {
        if (t.ContainsDynamic()) {
          return true;
        }
      }
      return false;
  }
  return false;
}

bool Type::operator==(const Type& other) const {
  if (kind_ != other.kind_) {
    return false;
  }
  if (composite_ == other.composite_) {
    return true;
  }
  switch (kind_) {
    case Kind::kDynamic:
    case Kind::kString:
    case Kind::kNumber:
    case Kind::kBool:
      return true;
    case Kind::kList:
    case Kind::kSet:
    case Kind::kMap:
      return composite_->element == other.composite_->element;
    case Kind::kObject:
      return composite_->attributes == other.composite_->attributes &&
             composite_->optional == other.composite_->optional;
    case Kind::kTuple:
      return composite_->elements == other.composite_->elements;
  }
  return false;
}

std::string Type::ToJson() const {
  switch (kind_) {
    case Kind::kDynamic:
      return "\"dynamic\"";
    case Kind::kString:
      return "\"string\"";
    case Kind::kNumber:
      return "\"number\"";
    case Kind::kBool:
      return "\"bool\"";
    case Kind::kList:
      return "[\"list\"," + composite_->element.ToJson() + "]";
    case Kind::kSet:
      return "[\"set\"," + composite_->element.ToJson() + "]";
    case Kind::kMap:
      return "[\"map\"," + composite_->element.ToJson() + "]";
    case Kind::kObject: {
      std::string out = "[\"object\",{";
      bool first = true;
      for (const auto& [name, t] : composite_->attributes) {
        if (!first) {
          out += ',';
        }
        first = false;
        out += detail::QuoteJsonString(name);
        out += ':';
        out += t.ToJson();
      }
      out += '}';
      if (!composite_->optional.empty()) {
        out += ",[";
        first = true;
        for (const auto& name : composite_->optional) {
          if (!first) {
            out += ',';
          }
          first = false;
          out += detail::QuoteJsonString(name);
        }
        out += ']';
      }
      out += ']';
      return out;
    }
    case Kind::kTuple: {
      std::string out = "[\"tuple\",[";
      bool first = true;
      for (const auto& t : composite_->elements) {
        if (!first) {
          out += ',';
        }
        first = false;
        out += t.ToJson();
      }
      out += "]]";
      return out;
    }
  }
  return "\"dynamic\"";
}

namespace {

Result<Type> TypeFromNode(const detail::JsonNode& node) {
  using Kind = detail::JsonNode::Kind;
  if (node.kind == Kind::kString) {
    if (node.text == "string") {
      return Type::String();
    }
    if (node.text == "number") {
      return Type::Number();
    }
    if (node.text == "bool") {
      return Type::Bool();
    }
    if (node.text == "dynamic") {
      return Type::Dynamic();
    }
    return Error("Invalid type", "invalid primitive type name \"" + node.text + "\"");
  }
  if (node.kind != Kind::kArray || node.items.empty() || node.items[0].kind != Kind::kString) {
    return Error("Invalid type", "invalid complex type description");
  }
  const std::string& kind = node.items[0].text;
  if (kind == "list" || kind == "set" || kind == "map") {
    if (node.items.size() != 2) {
      return Error("Invalid type", "unexpected extra data in type description");
    }
    auto element = TypeFromNode(node.items[1]);
    if (!element.ok()) {
      return element;
    }
    if (kind == "list") {
      return Type::List(std::move(element).value());
    }
    if (kind == "set") {
      return Type::Set(std::move(element).value());
    }
    return Type::Map(std::move(element).value());
  }
  if (kind == "object") {
    if (node.items.size() < 2 || node.items.size() > 3 || node.items[1].kind != Kind::kObject) {
      return Error("Invalid type", "invalid object type description");
    }
    std::map<std::string, Type> attributes;
    for (const auto& [name, sub] : node.items[1].members) {
      auto t = TypeFromNode(sub);
      if (!t.ok()) {
        return t;
      }
      attributes[name] = std::move(t).value();
    }
    std::set<std::string> optional;
    if (node.items.size() == 3) {
      if (node.items[2].kind != Kind::kArray) {
        return Error("Invalid type", "optional attribute list must be an array of names");
      }
      for (const auto& item : node.items[2].items) {
        if (item.kind != Kind::kString || attributes.count(item.text) == 0) {
          return Error("Invalid type", "invalid optional attribute name");
        }
        optional.insert(item.text);
      }
    }
    return Type::Object(std::move(attributes), std::move(optional));
  }
  if (kind == "tuple") {
    if (node.items.size() != 2 || node.items[1].kind != Kind::kArray) {
      return Error("Invalid type", "invalid tuple type description");
    }
    std::vector<Type> elements;
    for (const auto& item : node.items[1].items) {
      auto t = TypeFromNode(item);
      if (!t.ok()) {
        return t;
      }
      elements.push_back(std::move(t).value());
    }
    return Type::Tuple(std::move(elements));
  }
  return Error("Invalid type", "invalid complex type kind name \"" + kind + "\"");
}

}  // namespace

Result<Type> Type::FromJson(std::string_view json) {
  auto node = detail::ParseJson(json);
  if (!node.ok()) {
    return std::move(node).diags();
  }
  return TypeFromNode(*node);
}

std::string Type::FriendlyName() const {
  switch (kind_) {
    case Kind::kDynamic:
      return "dynamic";
    case Kind::kString:
      return "string";
    case Kind::kNumber:
      return "number";
    case Kind::kBool:
      return "bool";
    case Kind::kList:
      return "list of " + composite_->element.FriendlyName();
    case Kind::kSet:
      return "set of " + composite_->element.FriendlyName();
    case Kind::kMap:
      return "map of " + composite_->element.FriendlyName();
    case Kind::kObject:
      return "object";
    case Kind::kTuple:
      return "tuple";
  }
  return "dynamic";
}

bool Conforms(const Type& actual, const Type& expected) {
  if (expected.IsDynamic() || actual.IsDynamic()) {
    return true;
  }
  if (actual.kind() != expected.kind()) {
    return false;
  }
  switch (expected.kind()) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kMap:
      return Conforms(actual.ElementType(), expected.ElementType());
    case Type::Kind::kObject: {
      const auto& a = actual.AttributeTypes();
      const auto& e = expected.AttributeTypes();
      if (a.size() != e.size()) {
        return false;
      }
      for (auto ia = a.begin(), ie = e.begin(); ia != a.end(); ++ia, ++ie) {
        if (ia->first != ie->first || !Conforms(ia->second, ie->second)) {
          return false;
        }
      }
      return true;
    }
    case Type::Kind::kTuple: {
      const auto& a = actual.TupleElementTypes();
      const auto& e = expected.TupleElementTypes();
      if (a.size() != e.size()) {
        return false;
      }
      for (size_t i = 0; i < a.size(); ++i) {
        if (!Conforms(a[i], e[i])) {
          return false;
        }
      }
      return true;
    }
    default:
      return true;
  }
}

std::ostream& operator<<(std::ostream& os, const Type& t) {
  return os << t.ToJson();
}

}  // namespace atlas::provider::tfvalue
