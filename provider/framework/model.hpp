#pragma once
// Typed access to object values, so resource code reads like the Go framework's model structs
// (`req.Plan.Get(ctx, &model)` / `resp.State.Set(ctx, &model)`).
//
// A model is a struct plus one function, found by argument-dependent lookup, that lists its
// attributes once for both directions:
//
//   struct LintModel {
//     std::optional<std::string> review;           // optional attribute: null <-> nullopt
//     framework::Maybe<std::string> review_timeout; // null / unknown / known, like types.String
//   };
//   template <class Io> void Fields(Io& io, LintModel& m) {
//     io("review", m.review);
//     io("review_timeout", m.review_timeout);
//   }
//   struct SchemaModel {
//     std::string hcl;                                      // required: null is an error
//     std::optional<std::vector<std::string>> exclude;       // optional list
//     std::optional<LintModel> lint;                        // SINGLE block: null when absent
//     std::vector<RuleModel> rule;                          // LIST block: never null
//   };
//   ...
//   framework::Diagnostics diags;
//   auto model = framework::Decode<SchemaModel>(req.planned_state, diags);   // Value -> model
//   auto url = framework::Get<std::optional<std::string>>(req.config, "url", diags);
//   resp.new_state = framework::UpdateObject(req.planned_state, model, diags); // model -> Value
//
// Supported field types: std::string, bool, int64_t, double, tfvalue::Number, tfvalue::Value (raw,
// anything), std::optional<T> (null <-> nullopt), Maybe<T> (null/unknown/known),
// std::vector<T> (list/set/tuple; null decodes as empty, encodes as an empty collection — use
// std::optional<std::vector<T>> for attributes that may be null), std::map<std::string, T>
// (map/object), and models (objects).
// Conversion problems become "Value Conversion Error" diagnostics carrying the attribute path;
// the function then returns a default-constructed value.
// Stateless templates; thread-safe.

#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"
#include "provider/framework/diagnostics.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::framework {

// A value that may also be null or unknown (Go framework's types.String/types.Bool...).
template <class T>
class Maybe {
 public:
  Maybe() = default;  // null
  // Implicit on purpose: `model.id = std::string("x")` reads like the Go framework's models.
  // NOLINTNEXTLINE(google-explicit-constructor)
  Maybe(T value) : state_(State::kKnown), value_(std::move(value)) {}
  static Maybe Null() { return Maybe(); }
  static Maybe Unknown() {
    Maybe m;
    m.state_ = State::kUnknown;
    return m;
  }

  bool IsNull() const { return state_ == State::kNull; }
  bool IsUnknown() const { return state_ == State::kUnknown; }
  bool IsKnown() const { return state_ == State::kKnown; }  // known and non-null
  const T& Get() const {
    ATLAS_CHECK(IsKnown(), "Maybe::Get() on a null or unknown value");
    return value_;
  }
  // The value, or `fallback` when null or unknown (Go's ValueString() is ValueOr("")).
  T ValueOr(T fallback) const { return IsKnown() ? value_ : std::move(fallback); }
  const T* operator->() const { return &Get(); }
  const T& operator*() const { return Get(); }
  bool operator==(const Maybe&) const = default;

 private:
  enum class State { kNull, kUnknown, kKnown };
  State state_ = State::kNull;
  T value_{};
};

class ObjectReader;

// A model: `Fields(io, model)` is declared for it (see above).
template <class T>
concept Model = requires(ObjectReader& io, T& m) {
  Fields(io, m);
};

namespace detail {

// Reports a conversion problem at `path` and returns false.
bool ConversionError(const AttributePath& path, Diagnostics& diags, const std::string& what);
bool RequireKnown(const tfvalue::Value& v, const AttributePath& path, Diagnostics& diags);
bool RequireNonNull(const tfvalue::Value& v, const AttributePath& path, Diagnostics& diags);
bool RequireKind(const tfvalue::Value& v, tfvalue::Type::Kind kind, const char* expected,
                 const AttributePath& path, Diagnostics& diags);
// Encoding helpers: check that `type` accepts a value of `kind`.
bool TypeAccepts(const tfvalue::Type& type, tfvalue::Type::Kind kind);
tfvalue::Value EncodeError(const tfvalue::Type& type, const AttributePath& path, Diagnostics& diags,
                           const std::string& what);

template <class T>
struct Codec;

template <>
struct Codec<std::string> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d,
                     std::string& out) {
    if (!RequireKnown(v, p, d) || !RequireNonNull(v, p, d) ||
        !RequireKind(v, tfvalue::Type::Kind::kString, "string", p, d)) {
      return false;
    }
    out = v.AsString();
    return true;
  }
  static tfvalue::Value Encode(const std::string& in, const tfvalue::Type& t,
                               const AttributePath& p, Diagnostics& d) {
    if (!TypeAccepts(t, tfvalue::Type::Kind::kString)) {
      return EncodeError(t, p, d, "a string");
    }
    return tfvalue::StringVal(in);
  }
};

template <>
struct Codec<bool> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d, bool& out) {
    if (!RequireKnown(v, p, d) || !RequireNonNull(v, p, d) ||
        !RequireKind(v, tfvalue::Type::Kind::kBool, "bool", p, d)) {
      return false;
    }
    out = v.AsBool();
    return true;
  }
  static tfvalue::Value Encode(bool in, const tfvalue::Type& t, const AttributePath& p,
                               Diagnostics& d) {
    if (!TypeAccepts(t, tfvalue::Type::Kind::kBool)) {
      return EncodeError(t, p, d, "a bool");
    }
    return tfvalue::BoolVal(in);
  }
};

template <>
struct Codec<tfvalue::Number> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d,
                     tfvalue::Number& out) {
    if (!RequireKnown(v, p, d) || !RequireNonNull(v, p, d) ||
        !RequireKind(v, tfvalue::Type::Kind::kNumber, "number", p, d)) {
      return false;
    }
    out = v.AsNumber();
    return true;
  }
  static tfvalue::Value Encode(const tfvalue::Number& in, const tfvalue::Type& t,
                               const AttributePath& p, Diagnostics& d) {
    if (!TypeAccepts(t, tfvalue::Type::Kind::kNumber)) {
      return EncodeError(t, p, d, "a number");
    }
    return tfvalue::NumberVal(in);
  }
};

template <>
struct Codec<int64_t> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d,
                     int64_t& out) {
    tfvalue::Number n;
    if (!Codec<tfvalue::Number>::Decode(v, p, d, n)) {
      return false;
    }
    auto i = n.ToInt64();
    if (!i) {
      return ConversionError(
          p, d, "the number " + n.ToString() + " is not an integer in the int64 range");
    }
    out = *i;
    return true;
  }
  static tfvalue::Value Encode(int64_t in, const tfvalue::Type& t, const AttributePath& p,
                               Diagnostics& d) {
    return Codec<tfvalue::Number>::Encode(tfvalue::Number::FromInt64(in), t, p, d);
  }
};

template <>
struct Codec<double> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d, double& out) {
    tfvalue::Number n;
    if (!Codec<tfvalue::Number>::Decode(v, p, d, n)) {
      return false;
    }
    out = n.ToDouble();
    return true;
  }
  static tfvalue::Value Encode(double in, const tfvalue::Type& t, const AttributePath& p,
                               Diagnostics& d) {
    auto n = tfvalue::Number::FromDouble(in);
    if (!n) {
      return EncodeError(t, p, d, "a number (NaN given)");
    }
    return Codec<tfvalue::Number>::Encode(*n, t, p, d);
  }
};

template <>
struct Codec<tfvalue::Value> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& /*p*/, Diagnostics& /*d*/,
                     tfvalue::Value& out) {
    out = v;
    return true;
  }
  static tfvalue::Value Encode(const tfvalue::Value& in, const tfvalue::Type& t,
                               const AttributePath& p, Diagnostics& d) {
    if (!in.ConformsTo(t)) {
      return EncodeError(t, p, d,
                         "a value conforming to " + t.ToJson() + " (got " + in.ToString() + ")");
    }
    return in;
  }
};

template <class U>
struct Codec<std::optional<U>> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d,
                     std::optional<U>& out) {
    if (!RequireKnown(v, p, d)) {
      return false;
    }
    if (v.IsNull()) {
      out.reset();
      return true;
    }
    U inner{};
    if (!Codec<U>::Decode(v, p, d, inner)) {
      return false;
    }
    out = std::move(inner);
    return true;
  }
  static tfvalue::Value Encode(const std::optional<U>& in, const tfvalue::Type& t,
                               const AttributePath& p, Diagnostics& d) {
    if (!in) {
      return tfvalue::NullVal(t);
    }
    return Codec<U>::Encode(*in, t, p, d);
  }
};

template <class U>
struct Codec<Maybe<U>> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d,
                     Maybe<U>& out) {
    if (v.IsUnknown()) {
      out = Maybe<U>::Unknown();
      return true;
    }
    if (v.IsNull()) {
      out = Maybe<U>::Null();
      return true;
    }
    U inner{};
    if (!Codec<U>::Decode(v, p, d, inner)) {
      return false;
    }
    out = Maybe<U>(std::move(inner));
    return true;
  }
  static tfvalue::Value Encode(const Maybe<U>& in, const tfvalue::Type& t, const AttributePath& p,
                               Diagnostics& d) {
    if (in.IsNull()) {
      return tfvalue::NullVal(t);
    }
    if (in.IsUnknown()) {
      return tfvalue::UnknownVal(t);
    }
    return Codec<U>::Encode(in.Get(), t, p, d);
  }
};

template <class U>
struct Codec<std::vector<U>> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d,
                     std::vector<U>& out) {
    out.clear();
    if (!RequireKnown(v, p, d)) {
      return false;
    }
    if (v.IsNull()) {
      return true;
    }
    const auto& t = v.type();
    if (!t.IsList() && !t.IsSet() && !t.IsTuple()) {
      return ConversionError(p, d, "expected a list, set or tuple, got " + t.FriendlyName());
    }
    const auto& elems = v.Elements();
    for (size_t i = 0; i < elems.size(); ++i) {
      AttributePath ep = t.IsSet() ? p : p.Index(static_cast<int64_t>(i));
      U item{};
      if (!Codec<U>::Decode(elems[i], ep, d, item)) {
        return false;
      }
      out.push_back(std::move(item));
    }
    return true;
  }
  static tfvalue::Value Encode(const std::vector<U>& in, const tfvalue::Type& t,
                               const AttributePath& p, Diagnostics& d) {
    std::vector<tfvalue::Value> elems;
    elems.reserve(in.size());
    if (t.IsTuple()) {
      const auto& types = t.TupleElementTypes();
      if (types.size() != in.size()) {
        return EncodeError(t, p, d, "a tuple of " + std::to_string(types.size()) + " elements");
      }
      for (size_t i = 0; i < in.size(); ++i) {
        elems.push_back(Codec<U>::Encode(in[i], types[i], p.Index(static_cast<int64_t>(i)), d));
      }
      return tfvalue::TupleVal(std::move(elems));
    }
    if (!t.IsList() && !t.IsSet()) {
      return EncodeError(t, p, d, "a list or set");
    }
    for (size_t i = 0; i < in.size(); ++i) {
      elems.push_back(
          Codec<U>::Encode(in[i], t.ElementType(), p.Index(static_cast<int64_t>(i)), d));
    }
    if (d.HasError()) {
      return tfvalue::NullVal(t);
    }
    return t.IsList() ? tfvalue::ListVal(t.ElementType(), std::move(elems))
                      : tfvalue::SetVal(t.ElementType(), std::move(elems));
  }
};

template <class U>
struct Codec<std::map<std::string, U>> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d,
                     std::map<std::string, U>& out) {
    out.clear();
    if (!RequireKnown(v, p, d)) {
      return false;
    }
    if (v.IsNull()) {
      return true;
    }
    const auto& t = v.type();
    if (!t.IsMap() && !t.IsObject()) {
      return ConversionError(p, d, "expected a map or object, got " + t.FriendlyName());
    }
    const auto& members = t.IsMap() ? v.MapElements() : v.Attributes();
    for (const auto& [k, e] : members) {
      U item{};
      if (!Codec<U>::Decode(e, t.IsMap() ? p.Key(k) : p.Attribute(k), d, item)) {
        return false;
      }
      out.emplace(k, std::move(item));
    }
    return true;
  }
  static tfvalue::Value Encode(const std::map<std::string, U>& in, const tfvalue::Type& t,
                               const AttributePath& p, Diagnostics& d) {
    std::map<std::string, tfvalue::Value> members;
    if (t.IsMap()) {
      for (const auto& [k, e] : in) {
        members.emplace(k, Codec<U>::Encode(e, t.ElementType(), p.Key(k), d));
      }
      if (d.HasError()) {
        return tfvalue::NullVal(t);
      }
      return tfvalue::MapVal(t.ElementType(), std::move(members));
    }
    if (t.IsObject()) {
      for (const auto& [k, e] : in) {
        if (!t.HasAttribute(k)) {
          return EncodeError(t, p, d, "an object without attribute \"" + k + "\"");
        }
        members.emplace(k, Codec<U>::Encode(e, t.AttributeType(k), p.Attribute(k), d));
      }
      return tfvalue::ObjectValOfType(t, std::move(members));
    }
    return EncodeError(t, p, d, "a map or object");
  }
};

}  // namespace detail

// Reads attributes of a known, non-null object value. Passed to Fields(io, model) when decoding.
class ObjectReader {
 public:
  ObjectReader(const tfvalue::Value& object, AttributePath path, Diagnostics& diags)
      : object_(object), path_(std::move(path)), diags_(diags) {}

  template <class T>
  void operator()(std::string_view name, T& out) {
    AttributePath p = path_.Attribute(std::string(name));
    if (!object_.type().HasAttribute(name)) {
      detail::ConversionError(p, diags_,
                              "the object has no attribute \"" + std::string(name) + "\"");
      return;
    }
    detail::Codec<T>::Decode(object_.GetAttr(name), p, diags_, out);
  }

 private:
  const tfvalue::Value& object_;
  AttributePath path_;
  Diagnostics& diags_;
};

// Builds an object value of a given type. Passed to Fields(io, model) when encoding; starts from
// `base` attribute values (null for attributes the base lacks).
class ObjectWriter {
 public:
  ObjectWriter(tfvalue::Type type, AttributePath path, Diagnostics& diags,
               std::map<std::string, tfvalue::Value> base = {})
      : type_(std::move(type)), path_(std::move(path)), diags_(diags), values_(std::move(base)) {}

  template <class T>
  void operator()(std::string_view name, T& in) {
    AttributePath p = path_.Attribute(std::string(name));
    if (!type_.HasAttribute(name)) {
      detail::ConversionError(p, diags_,
                              "the object type has no attribute \"" + std::string(name) + "\"");
      return;
    }
    values_[std::string(name)] = detail::Codec<T>::Encode(in, type_.AttributeType(name), p, diags_);
  }

  tfvalue::Value Finish() && { return tfvalue::ObjectValOfType(type_, std::move(values_)); }

 private:
  tfvalue::Type type_;
  AttributePath path_;
  Diagnostics& diags_;
  std::map<std::string, tfvalue::Value> values_;
};

namespace detail {

template <Model T>
struct Codec<T> {
  static bool Decode(const tfvalue::Value& v, const AttributePath& p, Diagnostics& d, T& out) {
    if (!RequireKnown(v, p, d) || !RequireNonNull(v, p, d) ||
        !RequireKind(v, tfvalue::Type::Kind::kObject, "object", p, d)) {
      return false;
    }
    size_t errors = d.ErrorCount();
    ObjectReader reader(v, p, d);
    Fields(reader, out);
    return d.ErrorCount() == errors;
  }
  static tfvalue::Value Encode(const T& in, const tfvalue::Type& t, const AttributePath& p,
                               Diagnostics& d) {
    if (!t.IsObject()) {
      return EncodeError(t, p, d, "an object");
    }
    ObjectWriter writer(t, p, d);
    // Fields() takes a mutable reference for symmetry with decoding; ObjectWriter only reads.
    Fields(writer, const_cast<T&>(in));  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    return std::move(writer).Finish();
  }
};

}  // namespace detail

// Value -> T. On failure adds diagnostics and returns T{}.
template <class T>
T Decode(const tfvalue::Value& value, Diagnostics& diags) {
  T out{};
  if (!detail::Codec<T>::Decode(value, AttributePath(), diags, out)) {
    return T{};
  }
  return out;
}

// One attribute of an object value -> T: Get<std::optional<std::string>>(config, "url", diags).
template <class T>
T Get(const tfvalue::Value& object, std::string_view attribute, Diagnostics& diags) {
  T out{};
  AttributePath p = AttributePath::Root(std::string(attribute));
  if (!object.type().IsObject() || !object.type().HasAttribute(attribute)) {
    detail::ConversionError(p, diags,
                            "the object has no attribute \"" + std::string(attribute) + "\"");
    return out;
  }
  if (!detail::Codec<T>::Decode(object.GetAttr(attribute), p, diags, out)) {
    return T{};
  }
  return out;
}

// T -> Value of `type` (a model encodes as an object; attributes it doesn't list are null).
template <class T>
tfvalue::Value Encode(const T& in, const tfvalue::Type& type, Diagnostics& diags) {
  return detail::Codec<T>::Encode(in, type, AttributePath(), diags);
}

// Copy of the known object `base` with the attributes listed by the model replaced; attributes
// the model doesn't list keep their base value. Typical: new_state = UpdateObject(plan, model).
template <Model T>
tfvalue::Value UpdateObject(const tfvalue::Value& base, const T& model, Diagnostics& diags) {
  ATLAS_CHECK(base.IsKnownNonNull() && base.type().IsObject(), "UpdateObject needs a known object");
  ObjectWriter writer(base.type(), AttributePath(), diags, base.Attributes());
  Fields(writer, const_cast<T&>(model));  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  return std::move(writer).Finish();
}

// Sets one attribute of a known object from a typed value:
// state = SetAttribute(state, "id", std::string("x"), diags).
template <class T>
tfvalue::Value SetAttribute(const tfvalue::Value& object, std::string_view attribute, const T& in,
                            Diagnostics& diags) {
  ATLAS_CHECK(
      object.IsKnownNonNull() && object.type().HasAttribute(attribute),
      "SetAttribute needs a known object with attribute \"" + std::string(attribute) + "\"");
  AttributePath p = AttributePath::Root(std::string(attribute));
  tfvalue::Value v = detail::Codec<T>::Encode(in, object.type().AttributeType(attribute), p, diags);
  return object.SetAttr(attribute, std::move(v));
}

}  // namespace atlas::provider::framework
