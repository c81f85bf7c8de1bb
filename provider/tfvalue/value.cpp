#include "provider/tfvalue/value.hpp"

#include <ostream>
#include <span>
#include <utility>
#include <variant>

#include "provider/tfvalue/json_text.hpp"

namespace atlas::provider::tfvalue {

struct Value::Payload {
  std::variant<std::monostate, bool, tfvalue::Number, std::string, std::vector<Value>,
               std::map<std::string, Value>>
      data;
  Refinements refinements;  // unknown values only
};

namespace {

const Refinements& EmptyRefinements() {
  static const Refinements kEmpty;
  return kEmpty;
}

}  // namespace

// ---- constructors ----

Value NullVal(Type type) {
  return Value(std::move(type), Value::State::kNull, nullptr);
}

Value UnknownVal(Type type, Refinements refinements) {
  if (type.IsDynamic() || refinements.empty()) {
    return Value(std::move(type), Value::State::kUnknown, nullptr);
  }
  ATLAS_CHECK(!refinements.string_prefix || type.kind() == Type::Kind::kString,
              "string prefix refinement on " + type.FriendlyName());
  ATLAS_CHECK((!refinements.number_lower && !refinements.number_upper) ||
                  type.kind() == Type::Kind::kNumber,
              "number bound refinement on " + type.FriendlyName());
  ATLAS_CHECK((!refinements.length_lower && !refinements.length_upper) || type.IsCollection(),
              "length refinement on " + type.FriendlyName());
  auto p = std::make_shared<Value::Payload>();
  p->refinements = std::move(refinements);
  return Value(std::move(type), Value::State::kUnknown, std::move(p));
}

Value StringVal(std::string s) {
  auto p = std::make_shared<Value::Payload>();
  p->data = std::move(s);
  return Value(Type::String(), Value::State::kKnown, std::move(p));
}

Value NumberVal(Number n) {
  auto p = std::make_shared<Value::Payload>();
  p->data = std::move(n);
  return Value(Type::Number(), Value::State::kKnown, std::move(p));
}

Value BoolVal(bool b) {
  auto p = std::make_shared<Value::Payload>();
  p->data = b;
  return Value(Type::Bool(), Value::State::kKnown, std::move(p));
}

Value ListVal(Type element, std::vector<Value> elements) {
  for (const auto& e : elements) {
    ATLAS_CHECK(e.ConformsTo(element), "list element of type " + e.type().FriendlyName() +
                                           " in list of " + element.FriendlyName());
  }
  auto p = std::make_shared<Value::Payload>();
  p->data = std::move(elements);
  return Value(Type::List(std::move(element)), Value::State::kKnown, std::move(p));
}

Value SetVal(Type element, std::vector<Value> elements) {
  std::vector<Value> unique;
  unique.reserve(elements.size());
  for (auto& e : elements) {
    ATLAS_CHECK(e.ConformsTo(element), "set element of type " + e.type().FriendlyName() +
                                           " in set of " + element.FriendlyName());
    bool duplicate = false;
    if (e.IsWhollyKnown()) {
      for (const auto& u : unique) {
        if (u.RawEquals(e)) {
          duplicate = true;
          break;
        }
      }
    }
    if (!duplicate) {
      unique.push_back(std::move(e));
    }
  }
  auto p = std::make_shared<Value::Payload>();
  p->data = std::move(unique);
  return Value(Type::Set(std::move(element)), Value::State::kKnown, std::move(p));
}

Value MapVal(Type element, std::map<std::string, Value> elements) {
  for (const auto& [k, e] : elements) {
    ATLAS_CHECK(e.ConformsTo(element), "map element of type " + e.type().FriendlyName() +
                                           " in map of " + element.FriendlyName());
  }
  auto p = std::make_shared<Value::Payload>();
  p->data = std::move(elements);
  return Value(Type::Map(std::move(element)), Value::State::kKnown, std::move(p));
}

Value ObjectVal(std::map<std::string, Value> attributes) {
  std::map<std::string, Type> types;
  for (const auto& [name, v] : attributes) {
    types.emplace(name, v.type());
  }
  auto p = std::make_shared<Value::Payload>();
  p->data = std::move(attributes);
  return Value(Type::Object(std::move(types)), Value::State::kKnown, std::move(p));
}

Value TupleVal(std::vector<Value> elements) {
  std::vector<Type> types;
  types.reserve(elements.size());
  for (const auto& e : elements) {
    types.push_back(e.type());
  }
  auto p = std::make_shared<Value::Payload>();
  p->data = std::move(elements);
  return Value(Type::Tuple(std::move(types)), Value::State::kKnown, std::move(p));
}

Value ObjectValOfType(const Type& type, std::map<std::string, Value> attributes) {
  ATLAS_CHECK(type.IsObject(), "ObjectValOfType on " + type.FriendlyName());
  for (const auto& [name, v] : attributes) {
    ATLAS_CHECK(type.HasAttribute(name), "object type has no attribute \"" + name + "\"");
  }
  for (const auto& [name, t] : type.AttributeTypes()) {
    if (attributes.find(name) == attributes.end()) {
      attributes.emplace(name, NullVal(t));
    }
  }
  return ObjectVal(std::move(attributes));
}

// ---- Refinements ----

bool Refinements::Allows(const Value& v) const {
  if (v.IsUnknown()) {
    return true;
  }
  if (v.IsNull()) {
    return !not_null;
  }
  if (string_prefix && v.type().kind() == Type::Kind::kString &&
      v.AsString().compare(0, string_prefix->size(), *string_prefix) != 0) {
    return false;
  }
  if (v.type().kind() == Type::Kind::kNumber) {
    const auto& n = v.AsNumber();
    if (number_lower &&
        (number_lower->inclusive ? n < number_lower->value : n <= number_lower->value)) {
      return false;
    }
    if (number_upper &&
        (number_upper->inclusive ? n > number_upper->value : n >= number_upper->value)) {
      return false;
    }
  }
  if (v.type().IsCollection()) {
    auto len = static_cast<int64_t>(v.Length());
    if ((length_lower && len < *length_lower) || (length_upper && len > *length_upper)) {
      return false;
    }
  }
  return true;
}

// ---- accessors ----

const Refinements& Value::refinements() const {
  if (state_ == State::kUnknown && payload_) {
    return payload_->refinements;
  }
  return EmptyRefinements();
}

bool Value::IsWhollyKnown() const {
  if (state_ == State::kUnknown) {
    return false;
  }
  if (state_ == State::kNull) {
    return true;
  }
  if (const auto* elems = std::get_if<std::vector<Value>>(&payload_->data)) {
    for (const auto& e : *elems) {
      if (!e.IsWhollyKnown()) {
        return false;
      }
    }
  } else if (const auto* members = std::get_if<std::map<std::string, Value>>(&payload_->data)) {
    for (const auto& [k, e] : *members) {
      if (!e.IsWhollyKnown()) {
        return false;
      }
    }
  }
  return true;
}

namespace {

bool FindUnknown(const Value& v, std::vector<PathStep>& steps) {
  if (v.IsUnknown()) {
    return true;
  }
  if (v.IsNull()) {
    return false;
  }
  switch (v.type().kind()) {
    case Type::Kind::kList:
    case Type::Kind::kTuple: {
      const auto& elems = v.Elements();
      for (size_t i = 0; i < elems.size(); ++i) {
        steps.push_back(PathStep::Index(static_cast<int64_t>(i)));
        if (FindUnknown(elems[i], steps)) {
          return true;
        }
        steps.pop_back();
      }
      return false;
    }
    case Type::Kind::kSet:
      for (const auto& e : v.Elements()) {
        std::vector<PathStep> scratch;
        if (FindUnknown(e, scratch)) {
          return true;  // the path stops at the set
        }
      }
      return false;
    case Type::Kind::kMap:
      for (const auto& [k, e] : v.MapElements()) {
        steps.push_back(PathStep::Key(k));
        if (FindUnknown(e, steps)) {
          return true;
        }
        steps.pop_back();
      }
      return false;
    case Type::Kind::kObject:
      for (const auto& [k, e] : v.Attributes()) {
        steps.push_back(PathStep::Attribute(k));
        if (FindUnknown(e, steps)) {
          return true;
        }
        steps.pop_back();
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

std::optional<Path> Value::FirstUnknownPath() const {
  std::vector<PathStep> steps;
  if (FindUnknown(*this, steps)) {
    return Path(std::move(steps));
  }
  return std::nullopt;
}

const std::string& Value::AsString() const {
  ATLAS_CHECK(state_ == State::kKnown && type_.kind() == Type::Kind::kString,
              "AsString() on " + ToString() + " of type " + type_.FriendlyName());
  return std::get<std::string>(payload_->data);
}

const Number& Value::AsNumber() const {
  ATLAS_CHECK(state_ == State::kKnown && type_.kind() == Type::Kind::kNumber,
              "AsNumber() on " + ToString() + " of type " + type_.FriendlyName());
  return std::get<Number>(payload_->data);
}

bool Value::AsBool() const {
  ATLAS_CHECK(state_ == State::kKnown && type_.kind() == Type::Kind::kBool,
              "AsBool() on " + ToString() + " of type " + type_.FriendlyName());
  return std::get<bool>(payload_->data);
}

const std::vector<Value>& Value::Elements() const {
  ATLAS_CHECK(state_ == State::kKnown && (type_.IsList() || type_.IsSet() || type_.IsTuple()),
              "Elements() on " + ToString() + " of type " + type_.FriendlyName());
  return std::get<std::vector<Value>>(payload_->data);
}

const std::map<std::string, Value>& Value::MapElements() const {
  ATLAS_CHECK(state_ == State::kKnown && type_.IsMap(),
              "MapElements() on " + ToString() + " of type " + type_.FriendlyName());
  return std::get<std::map<std::string, Value>>(payload_->data);
}

const std::map<std::string, Value>& Value::Attributes() const {
  ATLAS_CHECK(state_ == State::kKnown && type_.IsObject(),
              "Attributes() on " + ToString() + " of type " + type_.FriendlyName());
  return std::get<std::map<std::string, Value>>(payload_->data);
}

size_t Value::Length() const {
  ATLAS_CHECK(state_ == State::kKnown && !type_.IsPrimitive(),
              "Length() on " + ToString() + " of type " + type_.FriendlyName());
  if (const auto* elems = std::get_if<std::vector<Value>>(&payload_->data)) {
    return elems->size();
  }
  return std::get<std::map<std::string, Value>>(payload_->data).size();
}

Value Value::GetAttr(std::string_view name) const {
  ATLAS_CHECK(type_.IsObject(),
              "GetAttr(\"" + std::string(name) + "\") on " + type_.FriendlyName());
  const Type& t = type_.AttributeType(name);
  if (state_ == State::kNull) {
    return NullVal(t);
  }
  if (state_ == State::kUnknown) {
    return UnknownVal(t);
  }
  return Attributes().find(std::string(name))->second;
}

Value Value::Index(int64_t index) const {
  const auto& elems = Elements();
  ATLAS_CHECK(!type_.IsSet(), "Index() on a set");
  ATLAS_CHECK(index >= 0 && static_cast<size_t>(index) < elems.size(),
              "index " + std::to_string(index) + " out of range");
  return elems[static_cast<size_t>(index)];
}

std::optional<Value> Value::Key(std::string_view key) const {
  const auto& elems = MapElements();
  auto it = elems.find(std::string(key));
  if (it == elems.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<Value> Value::Find(const Path& path) const {
  Value current = *this;
  for (const auto& step : path.steps()) {
    const Type& t = current.type();
    std::optional<Type> sub;
    switch (step.kind) {
      case PathStep::Kind::kAttribute:
        if (!t.IsObject() || !t.HasAttribute(step.name)) {
          return std::nullopt;
        }
        sub = t.AttributeType(step.name);
        break;
      case PathStep::Kind::kIndex:
        if (t.IsList()) {
          sub = t.ElementType();
        } else if (t.IsTuple()) {
          const auto& types = t.TupleElementTypes();
          if (step.index < 0 || static_cast<size_t>(step.index) >= types.size()) {
            return std::nullopt;
          }
          sub = types[static_cast<size_t>(step.index)];
        } else {
          return std::nullopt;
        }
        break;
      case PathStep::Kind::kKey:
        if (!t.IsMap()) {
          return std::nullopt;
        }
        sub = t.ElementType();
        break;
    }
    if (current.IsNull()) {
      current = NullVal(*sub);
      continue;
    }
    if (current.IsUnknown()) {
      current = UnknownVal(*sub);
      continue;
    }
    switch (step.kind) {
      case PathStep::Kind::kAttribute:
        current = current.GetAttr(step.name);
        break;
      case PathStep::Kind::kIndex: {
        const auto& elems = current.Elements();
        if (step.index < 0 || static_cast<size_t>(step.index) >= elems.size()) {
          return std::nullopt;
        }
        current = elems[static_cast<size_t>(step.index)];
        break;
      }
      case PathStep::Kind::kKey: {
        auto v = current.Key(step.name);
        if (!v) {
          return std::nullopt;
        }
        current = *v;
        break;
      }
    }
  }
  return current;
}

// ---- modification ----

Value Value::SetAttr(std::string_view name, Value v) const {
  ATLAS_CHECK(type_.IsObject() && state_ == State::kKnown,
              "SetAttr(\"" + std::string(name) + "\") on " + ToString());
  ATLAS_CHECK(type_.HasAttribute(name), "object has no attribute \"" + std::string(name) + "\"");
  auto attributes = Attributes();
  attributes[std::string(name)] = std::move(v);
  return ObjectVal(std::move(attributes));
}

namespace {

Value SetAt(const Value& current, std::span<const PathStep> steps, Value v) {
  if (steps.empty()) {
    return v;
  }
  const PathStep& step = steps.front();
  auto rest = steps.subspan(1);
  switch (step.kind) {
    case PathStep::Kind::kAttribute:
      return current.SetAttr(step.name, SetAt(current.GetAttr(step.name), rest, std::move(v)));
    case PathStep::Kind::kIndex: {
      ATLAS_CHECK(current.IsKnownNonNull() && (current.type().IsList() || current.type().IsTuple()),
                  "SetPath index step on " + current.ToString());
      auto elems = current.Elements();
      ATLAS_CHECK(step.index >= 0 && static_cast<size_t>(step.index) < elems.size(),
                  "SetPath index out of range");
      auto& slot = elems[static_cast<size_t>(step.index)];
      slot = SetAt(slot, rest, std::move(v));
      if (current.type().IsList()) {
        return ListVal(current.type().ElementType(), std::move(elems));
      }
      return TupleVal(std::move(elems));
    }
    case PathStep::Kind::kKey: {
      ATLAS_CHECK(current.IsKnownNonNull() && current.type().IsMap(),
                  "SetPath key step on " + current.ToString());
      auto elems = current.MapElements();
      auto it = elems.find(step.name);
      Value base = it == elems.end() ? NullVal(current.type().ElementType()) : it->second;
      elems[step.name] = SetAt(base, rest, std::move(v));
      return MapVal(current.type().ElementType(), std::move(elems));
    }
  }
  return current;
}

Value TransformAt(const Value& v, std::vector<PathStep>& steps,
                  const std::function<std::optional<Value>(const Path&, const Value&)>& fn) {
  if (auto replaced = fn(Path(steps), v)) {
    return *replaced;
  }
  if (!v.IsKnownNonNull()) {
    return v;
  }
  const Type& t = v.type();
  switch (t.kind()) {
    case Type::Kind::kList:
    case Type::Kind::kTuple: {
      std::vector<Value> out;
      const auto& elems = v.Elements();
      out.reserve(elems.size());
      for (size_t i = 0; i < elems.size(); ++i) {
        steps.push_back(PathStep::Index(static_cast<int64_t>(i)));
        out.push_back(TransformAt(elems[i], steps, fn));
        steps.pop_back();
      }
      return t.IsList() ? ListVal(t.ElementType(), std::move(out)) : TupleVal(std::move(out));
    }
    case Type::Kind::kSet: {
      std::vector<Value> out;
      for (const auto& e : v.Elements()) {
        out.push_back(TransformAt(e, steps, fn));
      }
      return SetVal(t.ElementType(), std::move(out));
    }
    case Type::Kind::kMap: {
      std::map<std::string, Value> out;
      for (const auto& [k, e] : v.MapElements()) {
        steps.push_back(PathStep::Key(k));
        out.emplace(k, TransformAt(e, steps, fn));
        steps.pop_back();
      }
      return MapVal(t.ElementType(), std::move(out));
    }
    case Type::Kind::kObject: {
      std::map<std::string, Value> out;
      for (const auto& [k, e] : v.Attributes()) {
        steps.push_back(PathStep::Attribute(k));
        out.emplace(k, TransformAt(e, steps, fn));
        steps.pop_back();
      }
      return ObjectVal(std::move(out));
    }
    default:
      return v;
  }
}

}  // namespace

Value Value::SetPath(const Path& path, Value v) const {
  return SetAt(*this, std::span<const PathStep>(path.steps()), std::move(v));
}

Value Value::Transform(
    const std::function<std::optional<Value>(const Path&, const Value&)>& fn) const {
  std::vector<PathStep> steps;
  return TransformAt(*this, steps, fn);
}

Value Value::StripRefinements() const {
  return Transform([](const Path&, const Value& v) -> std::optional<Value> {
    if (v.IsUnknown() && !v.refinements().empty()) {
      return UnknownVal(v.type());
    }
    return std::nullopt;
  });
}

// ---- comparison ----

bool Value::RawEquals(const Value& other) const {
  if (state_ != other.state_ || !(type_ == other.type_)) {
    return false;
  }
  if (state_ == State::kNull) {
    return true;
  }
  if (state_ == State::kUnknown) {
    return refinements() == other.refinements();
  }
  if (payload_ == other.payload_) {
    return true;
  }
  switch (type_.kind()) {
    case Type::Kind::kString:
      return AsString() == other.AsString();
    case Type::Kind::kNumber:
      return AsNumber() == other.AsNumber();
    case Type::Kind::kBool:
      return AsBool() == other.AsBool();
    case Type::Kind::kList:
    case Type::Kind::kTuple: {
      const auto& a = Elements();
      const auto& b = other.Elements();
      if (a.size() != b.size()) {
        return false;
      }
      for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i].RawEquals(b[i])) {
          return false;
        }
      }
      return true;
    }
    case Type::Kind::kSet: {
      const auto& a = Elements();
      const auto& b = other.Elements();
      if (a.size() != b.size()) {
        return false;
      }
      std::vector<bool> used(b.size(), false);
      for (const auto& x : a) {
        bool found = false;
        for (size_t j = 0; j < b.size(); ++j) {
          if (!used[j] && x.RawEquals(b[j])) {
            used[j] = true;
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
    case Type::Kind::kMap:
    case Type::Kind::kObject: {
      const auto& a = std::get<std::map<std::string, Value>>(payload_->data);
      const auto& b = std::get<std::map<std::string, Value>>(other.payload_->data);
      if (a.size() != b.size()) {
        return false;
      }
      for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
        if (ia->first != ib->first || !ia->second.RawEquals(ib->second)) {
          return false;
        }
      }
      return true;
    }
    case Type::Kind::kDynamic:
      return false;
  }
  return false;
}

bool Value::ConformsTo(const Type& type) const {
  if (type.IsDynamic() || type_.IsDynamic()) {
    return true;
  }
  if (state_ != State::kKnown) {
    return Conforms(type_, type);
  }
  if (type_.kind() != type.kind()) {
    return false;
  }
  switch (type.kind()) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
      if (!Conforms(type_.ElementType(), type.ElementType())) {
        return false;
      }
      for (const auto& e : Elements()) {
        if (!e.ConformsTo(type.ElementType())) {
          return false;
        }
      }
      return true;
    case Type::Kind::kMap:
      if (!Conforms(type_.ElementType(), type.ElementType())) {
        return false;
      }
      for (const auto& [k, e] : MapElements()) {
        if (!e.ConformsTo(type.ElementType())) {
          return false;
        }
      }
      return true;
    case Type::Kind::kObject: {
      const auto& attrs = Attributes();
      const auto& types = type.AttributeTypes();
      if (attrs.size() != types.size()) {
        return false;
      }
      auto it = types.begin();
      for (auto ia = attrs.begin(); ia != attrs.end(); ++ia, ++it) {
        if (ia->first != it->first || !ia->second.ConformsTo(it->second)) {
          return false;
        }
      }
      return true;
    }
    case Type::Kind::kTuple: {
      const auto& elems = Elements();
      const auto& types = type.TupleElementTypes();
      if (elems.size() != types.size()) {
        return false;
      }
      for (size_t i = 0; i < elems.size(); ++i) {
        if (!elems[i].ConformsTo(types[i])) {
          return false;
        }
      }
      return true;
    }
    default:
      return true;
  }
}

std::string Value::ToString() const {
  if (state_ == State::kNull) {
    return "null";
  }
  if (state_ == State::kUnknown) {
    const auto& r = refinements();
    std::string out = "(unknown";
    if (r.not_null) {
      out += ", not null";
    }
    if (r.string_prefix) {
      out += ", prefix " + detail::QuoteJsonString(*r.string_prefix);
    }
    if (r.number_lower) {
      out += std::string(r.number_lower->inclusive ? ", >= " : ", > ") +
             r.number_lower->value.ToString();
    }
    if (r.number_upper) {
      out += std::string(r.number_upper->inclusive ? ", <= " : ", < ") +
             r.number_upper->value.ToString();
    }
    if (r.length_lower) {
      out += ", length >= " + std::to_string(*r.length_lower);
    }
    if (r.length_upper) {
      out += ", length <= " + std::to_string(*r.length_upper);
    }
    return out + ")";
  }
  switch (type_.kind()) {
    case Type::Kind::kString:
      return detail::QuoteJsonString(AsString());
    case Type::Kind::kNumber:
      return AsNumber().ToString();
    case Type::Kind::kBool:
      return AsBool() ? "true" : "false";
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      std::string out = type_.IsSet() ? "toset([" : "[";
      bool first = true;
      for (const auto& e : Elements()) {
        if (!first) {
          out += ", ";
        }
        first = false;
        out += e.ToString();
      }
      return out + (type_.IsSet() ? "])" : "]");
    }
    case Type::Kind::kMap:
    case Type::Kind::kObject: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, e] : std::get<std::map<std::string, Value>>(payload_->data)) {
        if (!first) {
          out += ", ";
        }
        first = false;
        out += type_.IsMap() ? detail::QuoteJsonString(k) : k;
        out += " = " + e.ToString();
      }
      return out + "}";
    }
    case Type::Kind::kDynamic:
      break;
  }
  return "?";
}

std::ostream& operator<<(std::ostream& os, const Value& v) {
  return os << v.ToString();
}

}  // namespace atlas::provider::tfvalue
