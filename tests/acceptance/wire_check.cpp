#include "tests/acceptance/wire_check.hpp"

#include <string>

#include <fmt/format.h>
#include <msgpack.hpp>

#include "tests/acceptance/objchange.hpp"

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using engine::base::Status;
using provider::tfvalue::Path;
using provider::tfvalue::Type;

Status Fail(const Path& path, const std::string& msg) {
  std::string where = FormatCtyPath(path);
  return Error("Invalid msgpack value", where.empty() ? msg : where + ": " + msg);
}

Status Check(const msgpack::object& o, const Type& t, const Path& path) {
  if (o.type == msgpack::type::NIL) {
    return {};
  }
  if (o.type == msgpack::type::EXT) {
    if (o.via.ext.size > 1 && o.via.ext.type() != 12) {
      return Fail(path, fmt::format("unknown value extension type {} with a {}-byte payload (only type 12 "
                                    "may carry a payload)",
                                    o.via.ext.type(), o.via.ext.size));
    }
    return {};
  }
  switch (t.kind()) {
    case Type::Kind::kDynamic: {
      if (o.type != msgpack::type::ARRAY || o.via.array.size != 2) {
        return Fail(path, "a value of dynamic type must be a [type, value] array of two elements");
      }
      const msgpack::object& ty = o.via.array.ptr[0];
      std::string json;
      if (ty.type == msgpack::type::BIN) {
        json.assign(ty.via.bin.ptr, ty.via.bin.size);
      } else if (ty.type == msgpack::type::STR) {
        json.assign(ty.via.str.ptr, ty.via.str.size);
      } else {
        return Fail(path, "the type of a dynamic value must be JSON in bin or str");
      }
      auto parsed = Type::FromJson(json);
      if (!parsed) {
        return Fail(path, "invalid type JSON in dynamic value: " + json);
      }
      return Check(o.via.array.ptr[1], *parsed, path);
    }
    case Type::Kind::kString:
      if (o.type != msgpack::type::STR && o.type != msgpack::type::BIN) {
        return Fail(path, "string required");
      }
      return {};
    case Type::Kind::kNumber:
      if (o.type != msgpack::type::POSITIVE_INTEGER && o.type != msgpack::type::NEGATIVE_INTEGER &&
          o.type != msgpack::type::FLOAT32 && o.type != msgpack::type::FLOAT64 && o.type != msgpack::type::STR) {
        return Fail(path, "number required");
      }
      return {};
    case Type::Kind::kBool:
      if (o.type != msgpack::type::BOOLEAN) {
        return Fail(path, "bool required");
      }
      return {};
    case Type::Kind::kList:
    case Type::Kind::kSet: {
      if (o.type != msgpack::type::ARRAY) {
        return Fail(path, t.FriendlyName() + " required");
      }
      for (uint32_t i = 0; i < o.via.array.size; ++i) {
        if (auto st = Check(o.via.array.ptr[i], t.ElementType(), path.Index(i)); !st) {
          return st;
        }
      }
      return {};
    }
    case Type::Kind::kTuple: {
      const auto& ets = t.TupleElementTypes();
      if (o.type != msgpack::type::ARRAY || o.via.array.size != ets.size()) {
        return Fail(path, fmt::format("a tuple of {} elements is required", ets.size()));
      }
      for (uint32_t i = 0; i < o.via.array.size; ++i) {
        if (auto st = Check(o.via.array.ptr[i], ets[i], path.Index(i)); !st) {
          return st;
        }
      }
      return {};
    }
    case Type::Kind::kMap: {
      if (o.type != msgpack::type::MAP) {
        return Fail(path, t.FriendlyName() + " required");
      }
      for (uint32_t i = 0; i < o.via.map.size; ++i) {
        const auto& kv = o.via.map.ptr[i];
        if (kv.key.type != msgpack::type::STR) {
          return Fail(path, "map keys must be strings");
        }
        std::string key(kv.key.via.str.ptr, kv.key.via.str.size);
        if (auto st = Check(kv.val, t.ElementType(), path.Key(key)); !st) {
          return st;
        }
      }
      return {};
    }
    case Type::Kind::kObject: {
      if (o.type != msgpack::type::MAP) {
        return Fail(path, "object required");
      }
      const auto& attrs = t.AttributeTypes();
      if (o.via.map.size != attrs.size()) {
        return Fail(path, fmt::format("an object with {} attributes is required ({} given)", attrs.size(),
                                      o.via.map.size));
      }
      for (uint32_t i = 0; i < o.via.map.size; ++i) {
        const auto& kv = o.via.map.ptr[i];
        if (kv.key.type != msgpack::type::STR) {
          return Fail(path, "object keys must be strings");
        }
        std::string key(kv.key.via.str.ptr, kv.key.via.str.size);
        auto it = attrs.find(key);
        if (it == attrs.end()) {
          return Fail(path, fmt::format("unsupported attribute \"{}\"", key));
        }
        if (auto st = Check(kv.val, it->second, path.Attribute(key)); !st) {
          return st;
        }
      }
      return {};
    }
  }
  return {};
}

}  // namespace

Status CheckMsgpackShape(std::string_view bytes, const Type& type) {
  try {
    std::size_t offset = 0;
    msgpack::object_handle oh = msgpack::unpack(bytes.data(), bytes.size(), offset);
    if (offset != bytes.size()) {
      return Error("Invalid msgpack value", fmt::format("{} trailing bytes after the value", bytes.size() - offset));
    }
    return Check(oh.get(), type, Path());
  } catch (const std::exception& e) {
    return Error("Invalid msgpack value", e.what());
  }
}

}  // namespace atlas::tests::acceptance
