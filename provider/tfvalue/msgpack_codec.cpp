#include "provider/tfvalue/msgpack_codec.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace atlas::provider::tfvalue {

namespace {

using engine::base::Error;
using engine::base::Result;

constexpr int8_t kRefinedUnknownExt = 0x0c;
constexpr size_t kMaxPrefixLength = 256;
constexpr int kMaxDepth = 1000;

// ---------------------------------------------------------------------------------------------
// Writer: the encodings vmihailenco/msgpack v5 picks (compact ints, float64, str8, bin8...).

class Writer {
 public:
  std::string Take() { return std::move(out_); }

  void Nil() { Byte(0xc0); }
  void Bool(bool b) { Byte(b ? 0xc3 : 0xc2); }

  void Uint(uint64_t n) {
    if (n <= 0x7f) {
      Byte(static_cast<uint8_t>(n));
    } else if (n <= 0xff) {
      Byte(0xcc);
      BigEndian(n, 1);
    } else if (n <= 0xffff) {
      Byte(0xcd);
      BigEndian(n, 2);
    } else if (n <= 0xffffffffULL) {
      Byte(0xce);
      BigEndian(n, 4);
    } else {
      Byte(0xcf);
      BigEndian(n, 8);
    }
  }

  void Int(int64_t n) {
    if (n >= 0) {
      Uint(static_cast<uint64_t>(n));
      return;
    }
    auto bits = static_cast<uint64_t>(n);
    if (n >= -32) {
      Byte(static_cast<uint8_t>(bits & 0xff));
    } else if (n >= std::numeric_limits<int8_t>::min()) {
      Byte(0xd0);
      BigEndian(bits, 1);
    } else if (n >= std::numeric_limits<int16_t>::min()) {
      Byte(0xd1);
      BigEndian(bits, 2);
    } else if (n >= std::numeric_limits<int32_t>::min()) {
      Byte(0xd2);
      BigEndian(bits, 4);
    } else {
      Byte(0xd3);
      BigEndian(bits, 8);
    }
  }

  void Float64(double d) {
    Byte(0xcb);
    BigEndian(std::bit_cast<uint64_t>(d), 8);
  }

  void Str(std::string_view s) {
    size_t n = s.size();
    if (n < 32) {
      Byte(static_cast<uint8_t>(0xa0 | n));
    } else if (n <= 0xff) {
      Byte(0xd9);
      BigEndian(n, 1);
    } else if (n <= 0xffff) {
      Byte(0xda);
      BigEndian(n, 2);
    } else {
      Byte(0xdb);
      BigEndian(n, 4);
    }
    out_.append(s);
  }

  void Bin(std::string_view s) {
    size_t n = s.size();
    if (n <= 0xff) {
      Byte(0xc4);
      BigEndian(n, 1);
    } else if (n <= 0xffff) {
      Byte(0xc5);
      BigEndian(n, 2);
    } else {
      Byte(0xc6);
      BigEndian(n, 4);
    }
    out_.append(s);
  }

  void ArrayHeader(size_t n) {
    if (n < 16) {
      Byte(static_cast<uint8_t>(0x90 | n));
    } else if (n <= 0xffff) {
      Byte(0xdc);
      BigEndian(n, 2);
    } else {
      Byte(0xdd);
      BigEndian(n, 4);
    }
  }

  void MapHeader(size_t n) {
    if (n < 16) {
      Byte(static_cast<uint8_t>(0x80 | n));
    } else if (n <= 0xffff) {
      Byte(0xde);
      BigEndian(n, 2);
    } else {
      Byte(0xdf);
      BigEndian(n, 4);
    }
  }

  void ExtHeader(int8_t type, size_t n) {
    switch (n) {
      case 1:
        Byte(0xd4);
        break;
      case 2:
        Byte(0xd5);
        break;
      case 4:
        Byte(0xd6);
        break;
      case 8:
        Byte(0xd7);
        break;
      case 16:
        Byte(0xd8);
        break;
      default:
        if (n <= 0xff) {
          Byte(0xc7);
          BigEndian(n, 1);
        } else if (n <= 0xffff) {
          Byte(0xc8);
          BigEndian(n, 2);
        } else {
          Byte(0xc9);
          BigEndian(n, 4);
        }
    }
    Byte(static_cast<uint8_t>(type));
  }

  void Raw(std::string_view bytes) { out_.append(bytes); }

 private:
  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void BigEndian(uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) {
      Byte(static_cast<uint8_t>((v >> (8 * i)) & 0xff));
    }
  }

  std::string out_;
};

// ---------------------------------------------------------------------------------------------
// Encoder

std::string PathPrefix(const std::vector<PathStep>& steps) {
  std::string p = Path(steps).ToString();
  return p.empty() ? std::string() : p + ": ";
}

// Cuts `s` to at most `max` bytes without leaving a partial UTF-8 sequence at the end.
std::string_view SafePrefix(std::string_view s, size_t max) {
  if (s.size() <= max) {
    return s;
  }
  size_t end = max;
  // Step back over continuation bytes, then drop the lead byte if its sequence was cut.
  size_t lead = end;
  while (lead > 0 && (static_cast<uint8_t>(s[lead - 1]) & 0xC0) == 0x80) {
    --lead;
  }
  if (lead > 0) {
    auto b = static_cast<uint8_t>(s[lead - 1]);
    size_t need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
    if (lead - 1 + need > end) {
      end = lead - 1;
    }
  }
  return s.substr(0, end);
}

void WriteNumber(Writer& w, const Number& n) {
  if (n.IsInfinity()) {
    w.Float64(n.ToDouble());
    return;
  }
  if (auto i = n.ToInt64()) {
    w.Int(*i);
    return;
  }
  if (!n.IsInteger()) {
    if (auto d = n.ToExactDouble()) {
      w.Float64(*d);
      return;
    }
  }
  w.Str(n.ToString());
}

void WriteUnknown(Writer& w, const Value& v) {
  const Refinements& r = v.refinements();
  const Type& t = v.type();
  Writer body;
  size_t entries = 0;
  if (r.not_null) {
    ++entries;
    body.Int(1);
    body.Bool(false);
  }
  if (t.kind() == Type::Kind::kNumber) {
    if (r.number_lower && !r.number_lower->value.IsNegativeInfinity()) {
      ++entries;
      body.Int(3);
      body.ArrayHeader(2);
      WriteNumber(body, r.number_lower->value);
      body.Bool(r.number_lower->inclusive);
    }
    if (r.number_upper && !r.number_upper->value.IsPositiveInfinity()) {
      ++entries;
      body.Int(4);
      body.ArrayHeader(2);
      WriteNumber(body, r.number_upper->value);
      body.Bool(r.number_upper->inclusive);
    }
  } else if (t.kind() == Type::Kind::kString) {
    if (r.string_prefix && !r.string_prefix->empty()) {
      ++entries;
      body.Int(2);
      std::string_view prefix = *r.string_prefix;
      if (prefix.size() > kMaxPrefixLength) {
        prefix = SafePrefix(prefix, kMaxPrefixLength - 1);
      }
      body.Str(prefix);
    }
  } else if (t.IsCollection()) {
    if (r.length_lower && *r.length_lower != 0) {
      ++entries;
      body.Int(5);
      body.Int(*r.length_lower);
    }
    if (r.length_upper) {
      ++entries;
      body.Int(6);
      body.Int(*r.length_upper);
    }
  }
  if (entries == 0) {
    w.Raw(std::string_view("\xd4\x00\x00", 3));
    return;
  }
  Writer header;
  header.MapHeader(entries);
  std::string payload = header.Take() + body.Take();
  w.ExtHeader(kRefinedUnknownExt, payload.size());
  w.Raw(payload);
}

class Encoder {
 public:
  bool Encode(Writer& w, const Value& v, const Type& t) {
    if (t.IsDynamic() && !v.type().IsDynamic()) {
      w.ArrayHeader(2);
      w.Bin(v.type().ToJson());
      return Encode(w, v, v.type());
    }
    if (v.IsUnknown()) {
      WriteUnknown(w, v);
      return true;
    }
    if (v.IsNull()) {
      w.Nil();
      return true;
    }
    switch (t.kind()) {
      case Type::Kind::kString:
        w.Str(v.AsString());
        return true;
      case Type::Kind::kNumber:
        WriteNumber(w, v.AsNumber());
        return true;
      case Type::Kind::kBool:
        w.Bool(v.AsBool());
        return true;
      case Type::Kind::kList:
      case Type::Kind::kSet: {
        const auto& elems = v.Elements();
        w.ArrayHeader(elems.size());
        for (size_t i = 0; i < elems.size(); ++i) {
          steps_.push_back(PathStep::Index(static_cast<int64_t>(i)));
          if (!Encode(w, elems[i], t.ElementType())) {
            return false;
          }
          steps_.pop_back();
        }
        return true;
      }
      case Type::Kind::kMap: {
        const auto& elems = v.MapElements();
        w.MapHeader(elems.size());
        for (const auto& [k, e] : elems) {
          steps_.push_back(PathStep::Key(k));
          w.Str(k);
          if (!Encode(w, e, t.ElementType())) {
            return false;
          }
          steps_.pop_back();
        }
        return true;
      }
      case Type::Kind::kTuple: {
        const auto& elems = v.Elements();
        const auto& types = t.TupleElementTypes();
        w.ArrayHeader(types.size());
        for (size_t i = 0; i < types.size(); ++i) {
          steps_.push_back(PathStep::Index(static_cast<int64_t>(i)));
          if (!Encode(w, elems[i], types[i])) {
            return false;
          }
          steps_.pop_back();
        }
        return true;
      }
      case Type::Kind::kObject: {
        const auto& types = t.AttributeTypes();  // std::map: sorted by name, as go-cty writes
        w.MapHeader(types.size());
        for (const auto& [name, at] : types) {
          steps_.push_back(PathStep::Attribute(name));
          w.Str(name);
          if (!Encode(w, v.GetAttr(name), at)) {
            return false;
          }
          steps_.pop_back();
        }
        return true;
      }
      case Type::Kind::kDynamic:
        break;
    }
    error_ = PathPrefix(steps_) + "cannot encode a known value of dynamic type";
    return false;
  }

  const std::string& error() const { return error_; }

 private:
  std::vector<PathStep> steps_;
  std::string error_;
};

// ---------------------------------------------------------------------------------------------
// Reader

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  bool AtEnd() const { return pos_ >= s_.size(); }
  size_t pos() const { return pos_; }
  std::optional<uint8_t> Peek() const {
    if (AtEnd()) {
      return std::nullopt;
    }
    return static_cast<uint8_t>(s_[pos_]);
  }
  std::optional<uint8_t> Byte() {
    auto b = Peek();
    if (b) {
      ++pos_;
    }
    return b;
  }
  std::optional<uint64_t> BigEndian(int bytes) {
    if (s_.size() - pos_ < static_cast<size_t>(bytes)) {
      return std::nullopt;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
      v = (v << 8) | static_cast<uint8_t>(s_[pos_++]);
    }
    return v;
  }
  std::optional<std::string_view> Bytes(uint64_t n) {
    if (s_.size() - pos_ < n) {
      return std::nullopt;
    }
    auto out = s_.substr(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return out;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

bool IsExt(uint8_t b) {
  return (b >= 0xd4 && b <= 0xd8) || (b >= 0xc7 && b <= 0xc9);
}

struct RawInt {
  bool is_unsigned = false;
  int64_t i = 0;
  uint64_t u = 0;
};

// Reads any msgpack integer.
std::optional<RawInt> ReadInt(Reader& r) {
  auto b = r.Byte();
  if (!b) {
    return std::nullopt;
  }
  RawInt out;
  if (*b <= 0x7f) {
    out.i = *b;
    return out;
  }
  if (*b >= 0xe0) {
    out.i = static_cast<int64_t>(*b) - 256;  // negative fixint
    return out;
  }
  auto read_unsigned = [&](int bytes) -> std::optional<RawInt> {
    auto v = r.BigEndian(bytes);
    if (!v) {
      return std::nullopt;
    }
    RawInt u;
    u.is_unsigned = true;
    u.u = *v;
    return u;
  };
  auto read_signed = [&](int bytes) -> std::optional<RawInt> {
    auto v = r.BigEndian(bytes);
    if (!v) {
      return std::nullopt;
    }
    RawInt s;
    switch (bytes) {
      case 1:
        s.i = *v < 0x80 ? static_cast<int64_t>(*v) : static_cast<int64_t>(*v) - 256;
        break;
      case 2:
        s.i = static_cast<int16_t>(*v);
        break;
      case 4:
        s.i = static_cast<int32_t>(*v);
        break;
      default:
        s.i = static_cast<int64_t>(*v);
    }
    return s;
  };
  switch (*b) {
    case 0xcc:
      return read_unsigned(1);
    case 0xcd:
      return read_unsigned(2);
    case 0xce:
      return read_unsigned(4);
    case 0xcf:
      return read_unsigned(8);
    case 0xd0:
      return read_signed(1);
    case 0xd1:
      return read_signed(2);
    case 0xd2:
      return read_signed(4);
    case 0xd3:
      return read_signed(8);
    default:
      return std::nullopt;
  }
}

// Reads a str or bin payload.
std::optional<std::string_view> ReadStrOrBin(Reader& r) {
  auto b = r.Byte();
  if (!b) {
    return std::nullopt;
  }
  std::optional<uint64_t> len;
  if (*b >= 0xa0 && *b <= 0xbf) {
    len = *b & 0x1f;
  } else if (*b == 0xd9 || *b == 0xc4) {
    len = r.BigEndian(1);
  } else if (*b == 0xda || *b == 0xc5) {
    len = r.BigEndian(2);
  } else if (*b == 0xdb || *b == 0xc6) {
    len = r.BigEndian(4);
  }
  if (!len) {
    return std::nullopt;
  }
  return r.Bytes(*len);
}

// Array header: length, -1 for nil, nullopt when not an array.
std::optional<int64_t> ReadArrayLen(Reader& r) {
  auto b = r.Byte();
  if (!b) {
    return std::nullopt;
  }
  if (*b == 0xc0) {
    return -1;
  }
  if (*b >= 0x90 && *b <= 0x9f) {
    return *b & 0x0f;
  }
  if (*b == 0xdc) {
    auto v = r.BigEndian(2);
    return v ? std::optional<int64_t>(static_cast<int64_t>(*v)) : std::nullopt;
  }
  if (*b == 0xdd) {
    auto v = r.BigEndian(4);
    return v ? std::optional<int64_t>(static_cast<int64_t>(*v)) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<int64_t> ReadMapLen(Reader& r) {
  auto b = r.Byte();
  if (!b) {
    return std::nullopt;
  }
  if (*b == 0xc0) {
    return -1;
  }
  if (*b >= 0x80 && *b <= 0x8f) {
    return *b & 0x0f;
  }
  if (*b == 0xde) {
    auto v = r.BigEndian(2);
    return v ? std::optional<int64_t>(static_cast<int64_t>(*v)) : std::nullopt;
  }
  if (*b == 0xdf) {
    auto v = r.BigEndian(4);
    return v ? std::optional<int64_t>(static_cast<int64_t>(*v)) : std::nullopt;
  }
  return std::nullopt;
}

struct Ext {
  int8_t type = 0;
  std::string_view data;
};

std::optional<Ext> ReadExt(Reader& r) {
  auto b = r.Byte();
  if (!b) {
    return std::nullopt;
  }
  std::optional<uint64_t> len;
  switch (*b) {
    case 0xd4:
      len = 1;
      break;
    case 0xd5:
      len = 2;
      break;
    case 0xd6:
      len = 4;
      break;
    case 0xd7:
      len = 8;
      break;
    case 0xd8:
      len = 16;
      break;
    case 0xc7:
      len = r.BigEndian(1);
      break;
    case 0xc8:
      len = r.BigEndian(2);
      break;
    case 0xc9:
      len = r.BigEndian(4);
      break;
    default:
      return std::nullopt;
  }
  if (!len) {
    return std::nullopt;
  }
  auto type = r.Byte();
  if (!type) {
    return std::nullopt;
  }
  auto data = r.Bytes(*len);
  if (!data) {
    return std::nullopt;
  }
  return Ext{static_cast<int8_t>(*type), *data};
}

// Skips one complete msgpack value.
bool Skip(Reader& r, int depth) {
  if (depth > kMaxDepth) {
    return false;
  }
  auto b = r.Peek();
  if (!b) {
    return false;
  }
  uint8_t c = *b;
  if (c <= 0x7f || c >= 0xe0 || (c >= 0xcc && c <= 0xcf) || (c >= 0xd0 && c <= 0xd3)) {
    return ReadInt(r).has_value();
  }
  if (c == 0xc0 || c == 0xc2 || c == 0xc3) {
    r.Byte();
    return true;
  }
  if (c == 0xca) {
    r.Byte();
    return r.Bytes(4).has_value();
  }
  if (c == 0xcb) {
    r.Byte();
    return r.Bytes(8).has_value();
  }
  if ((c >= 0xa0 && c <= 0xbf) || c == 0xd9 || c == 0xda || c == 0xdb || c == 0xc4 || c == 0xc5 ||
      c == 0xc6) {
    return ReadStrOrBin(r).has_value();
  }
  if (IsExt(c)) {
    return ReadExt(r).has_value();
  }
  if ((c >= 0x90 && c <= 0x9f) || c == 0xdc || c == 0xdd) {
    auto n = ReadArrayLen(r);
    if (!n) {
      return false;
    }
    for (int64_t i = 0; i < *n; ++i) {
      if (!Skip(r, depth + 1)) {
        return false;
      }
    }
    return true;
  }
  if ((c >= 0x80 && c <= 0x8f) || c == 0xde || c == 0xdf) {
    auto n = ReadMapLen(r);
    if (!n) {
      return false;
    }
    for (int64_t i = 0; i < 2 * *n; ++i) {
      if (!Skip(r, depth + 1)) {
        return false;
      }
    }
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Decoder

class Decoder {
 public:
  std::optional<Value> Decode(Reader& r, const Type& t) {
    if (static_cast<int>(steps_.size()) > kMaxDepth) {
      return Fail("value nested too deeply");
    }
    auto peek = r.Peek();
    if (!peek) {
      return Fail("unexpected end of msgpack data");
    }
    if (IsExt(*peek)) {
      return DecodeUnknown(r, t);
    }
    if (t.IsDynamic()) {
      return DecodeDynamic(r);
    }
    if (*peek == 0xc0) {
      r.Byte();
      return NullVal(t);
    }
    switch (t.kind()) {
      case Type::Kind::kBool: {
        auto b = r.Byte();
        if (*b != 0xc2 && *b != 0xc3) {
          return Fail("bool is required");
        }
        return BoolVal(*b == 0xc3);
      }
      case Type::Kind::kString: {
        auto s = ReadStrOrBin(r);
        if (!s) {
          return Fail("string is required");
        }
        return StringVal(std::string(*s));
      }
      case Type::Kind::kNumber: {
        auto n = DecodeNumber(r);
        if (!n) {
          return std::nullopt;
        }
        return NumberVal(std::move(*n));
      }
      case Type::Kind::kList:
      case Type::Kind::kSet: {
        auto n = ReadArrayLen(r);
        if (!n) {
          return Fail(t.IsList() ? "a list is required" : "a set is required");
        }
        std::vector<Value> elems;
        for (int64_t i = 0; i < *n; ++i) {
          steps_.push_back(PathStep::Index(i));
          auto e = Decode(r, t.ElementType());
          if (!e) {
            return std::nullopt;
          }
          steps_.pop_back();
          elems.push_back(std::move(*e));
        }
        return t.IsList() ? ListVal(t.ElementType(), std::move(elems))
                          : SetVal(t.ElementType(), std::move(elems));
      }
      case Type::Kind::kMap: {
        auto n = ReadMapLen(r);
        if (!n) {
          return Fail("a map is required");
        }
        std::map<std::string, Value> elems;
        for (int64_t i = 0; i < *n; ++i) {
          auto k = ReadStrOrBin(r);
          if (!k) {
            return Fail("non-string key in map");
          }
          steps_.push_back(PathStep::Key(std::string(*k)));
          auto e = Decode(r, t.ElementType());
          if (!e) {
            return std::nullopt;
          }
          steps_.pop_back();
          elems[std::string(*k)] = std::move(*e);
        }
        return MapVal(t.ElementType(), std::move(elems));
      }
      case Type::Kind::kTuple: {
        auto n = ReadArrayLen(r);
        if (!n) {
          return Fail("a tuple is required");
        }
        const auto& types = t.TupleElementTypes();
        if (static_cast<size_t>(*n) != types.size()) {
          return Fail("a tuple of length " + std::to_string(types.size()) + " is required");
        }
        std::vector<Value> elems;
        for (size_t i = 0; i < types.size(); ++i) {
          steps_.push_back(PathStep::Index(static_cast<int64_t>(i)));
          auto e = Decode(r, types[i]);
          if (!e) {
            return std::nullopt;
          }
          steps_.pop_back();
          elems.push_back(std::move(*e));
        }
        return TupleVal(std::move(elems));
      }
      case Type::Kind::kObject: {
        auto n = ReadMapLen(r);
        if (!n) {
          return Fail("an object is required");
        }
        std::map<std::string, Value> attrs;
        for (int64_t i = 0; i < *n; ++i) {
          auto k = ReadStrOrBin(r);
          if (!k) {
            return Fail("all keys must be strings");
          }
          std::string name(*k);
          steps_.push_back(PathStep::Attribute(name));
          if (!t.HasAttribute(name)) {
            return Fail("unsupported attribute");
          }
          auto e = Decode(r, t.AttributeType(name));
          if (!e) {
            return std::nullopt;
          }
          steps_.pop_back();
          attrs[name] = std::move(*e);
        }
        for (const auto& [name, at] : t.AttributeTypes()) {
          if (attrs.find(name) == attrs.end()) {
            attrs.emplace(name, NullVal(at));
          }
        }
        return ObjectVal(std::move(attrs));
      }
      case Type::Kind::kDynamic:
        break;
    }
    return Fail("unsupported type");
  }

  std::optional<Number> DecodeNumber(Reader& r) {
    auto peek = r.Peek();
    if (!peek) {
      Fail("number is required");
      return std::nullopt;
    }
    uint8_t c = *peek;
    if (c <= 0x7f || c >= 0xe0 || (c >= 0xcc && c <= 0xd3)) {
      auto i = ReadInt(r);
      if (!i) {
        Fail("number is required");
        return std::nullopt;
      }
      return i->is_unsigned ? Number::FromUint64(i->u) : Number::FromInt64(i->i);
    }
    if (c == 0xca || c == 0xcb) {
      r.Byte();
      auto bits = r.BigEndian(c == 0xca ? 4 : 8);
      if (!bits) {
        Fail("number is required");
        return std::nullopt;
      }
      double d = c == 0xca ? static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(*bits)))
                           : std::bit_cast<double>(*bits);
      auto n = Number::FromDouble(d);
      if (!n) {
        Fail("number is required (NaN is not a number)");
        return std::nullopt;
      }
      return n;
    }
    auto s = ReadStrOrBin(r);
    if (!s) {
      Fail("number is required");
      return std::nullopt;
    }
    auto n = Number::Parse(*s);
    if (!n) {
      Fail("number is required (invalid number \"" + std::string(*s) + "\")");
      return std::nullopt;
    }
    return n;
  }

  std::optional<Value> DecodeUnknown(Reader& r, const Type& t) {
    auto ext = ReadExt(r);
    if (!ext) {
      return Fail("truncated msgpack extension");
    }
    if (ext->data.size() <= 1 || ext->type != kRefinedUnknownExt || t.IsDynamic()) {
      return UnknownVal(t);
    }
    Reader body(ext->data);
    auto n = ReadMapLen(body);
    if (!n || *n < 0) {
      return Fail("failed to decode msgpack extension body: not a map");
    }
    Refinements ref;
    bool is_null = false;
    for (int64_t i = 0; i < *n; ++i) {
      auto key = ReadInt(body);
      if (!key) {
        return Fail("failed to decode msgpack extension body: non-integer key in map");
      }
      int64_t k = key->is_unsigned ? static_cast<int64_t>(key->u) : key->i;
      switch (k) {
        case 1: {
          auto b = body.Byte();
          if (!b || (*b != 0xc2 && *b != 0xc3)) {
            return Fail("failed to decode msgpack extension body: null refinement is not boolean");
          }
          if (*b == 0xc3) {
            is_null = true;
          } else {
            ref.not_null = true;
          }
          break;
        }
        case 2: {
          if (t.kind() != Type::Kind::kString) {
            return Fail(
                "failed to decode msgpack extension body: string prefix refinement for non-string "
                "type");
          }
          auto s = ReadStrOrBin(body);
          if (!s) {
            return Fail(
                "failed to decode msgpack extension body: string prefix refinement is not string");
          }
          ref.string_prefix = std::string(*s);
          break;
        }
        case 3:
        case 4: {
          if (t.kind() != Type::Kind::kNumber) {
            return Fail(
                "failed to decode msgpack extension body: numeric bound refinement for non-number "
                "type");
          }
          auto len = ReadArrayLen(body);
          if (!len || *len != 2) {
            return Fail(
                "failed to decode msgpack extension body: number bound refinement must be [number, "
                "bool] array");
          }
          auto bound = DecodeNumber(body);
          if (!bound) {
            return std::nullopt;
          }
          auto inc = body.Byte();
          if (!inc || (*inc != 0xc2 && *inc != 0xc3)) {
            return Fail(
                "failed to decode msgpack extension body: number bound refinement must be [number, "
                "bool] array");
          }
          NumberBound nb{std::move(*bound), *inc == 0xc3};
          if (k == 3) {
            ref.number_lower = std::move(nb);
          } else {
            ref.number_upper = std::move(nb);
          }
          break;
        }
        case 5:
        case 6: {
          if (!t.IsCollection()) {
            return Fail(
                "failed to decode msgpack extension body: length bound refinement for "
                "non-collection type");
          }
          auto v = ReadInt(body);
          if (!v) {
            return Fail(
                "failed to decode msgpack extension body: length bound refinement must be integer");
          }
          int64_t bound = v->is_unsigned ? static_cast<int64_t>(v->u) : v->i;
          if (k == 5) {
            ref.length_lower = bound;
          } else {
            ref.length_upper = bound;
          }
          break;
        }
        default:
          if (!Skip(body, 0)) {
            return Fail("failed to decode msgpack extension body: malformed refinement value");
          }
      }
    }
    if (is_null) {
      return NullVal(t);
    }
    return UnknownVal(t, std::move(ref));
  }

  std::optional<Value> DecodeDynamic(Reader& r) {
    auto n = ReadArrayLen(r);
    if (!n) {
      return Fail("dynamic value must be a [type, value] array");
    }
    if (*n == -1) {
      return NullVal(Type::Dynamic());
    }
    if (*n != 2) {
      return Fail("dynamic value array must have exactly two elements");
    }
    auto type_json = ReadStrOrBin(r);
    if (!type_json) {
      return Fail("dynamic value type must be JSON bytes");
    }
    auto t = Type::FromJson(*type_json);
    if (!t.ok()) {
      return Fail("invalid dynamic value type: " + t.diags().ToString());
    }
    return Decode(r, *t);
  }

  std::optional<Value> Fail(const std::string& what) {
    if (error_.empty()) {
      error_ = PathPrefix(steps_) + what;
    }
    return std::nullopt;
  }

  const std::string& error() const { return error_; }

 private:
  std::vector<PathStep> steps_;
  std::string error_;
};

}  // namespace

Result<std::string> EncodeMsgpack(const Value& value, const Type& type) {
  if (!value.ConformsTo(type)) {
    return Error("Invalid value for msgpack encoding",
                 "value " + value.ToString() + " does not conform to type " + type.ToJson());
  }
  Writer w;
  Encoder enc;
  if (!enc.Encode(w, value, type)) {
    return Error("Invalid value for msgpack encoding", enc.error());
  }
  return w.Take();
}

Result<Value> DecodeMsgpack(std::string_view bytes, const Type& type) {
  Reader r(bytes);
  Decoder dec;
  auto v = dec.Decode(r, type);
  if (!v) {
    return Error("Invalid msgpack value", dec.error());
  }
  if (!r.AtEnd()) {
    return Error("Invalid msgpack value",
                 "unexpected data after the value at byte " + std::to_string(r.pos()));
  }
  return std::move(*v);
}

}  // namespace atlas::provider::tfvalue
