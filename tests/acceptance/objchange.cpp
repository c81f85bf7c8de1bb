#include "tests/acceptance/objchange.hpp"

#include <functional>
#include <map>
#include <utility>

#include <fmt/format.h>

namespace atlas::tests::acceptance {
namespace {

using tfv::Path;
using tfv::PathStep;
using tfv::Type;
using tfv::Value;

Value Unrefined(const Value& v) { return v.StripRefinements(); }

bool UnrefinedEqual(const Value& a, const Value& b) { return Unrefined(a).RawEquals(Unrefined(b)); }

std::string GoFloat(double d) { return fmt::format("{}", d); }

// Element at index `i` of a list/tuple that may be unknown (then: unknown element).
Value ElementOrUnknown(const Value& coll, std::size_t i) {
  if (coll.IsUnknown()) {
    const Type& t = coll.type();
    if (t.IsList() || t.IsSet()) {
      return tfv::UnknownVal(t.ElementType());
    }
    if (t.IsTuple() && i < t.TupleElementTypes().size()) {
      return tfv::UnknownVal(t.TupleElementTypes()[i]);
    }
    return tfv::DynamicVal();
  }
  return coll.Elements()[i];
}

std::size_t KnownLength(const Value& v) { return v.IsKnownNonNull() ? v.Length() : 0; }

// Key/value view of a MAP block value (map or object kind).
std::map<std::string, Value> MapView(const Value& v) {
  if (!v.IsKnownNonNull()) {
    return {};
  }
  if (v.type().IsObject()) {
    return v.Attributes();
  }
  return v.MapElements();
}

Value RebuildMap(const Value& like, std::map<std::string, Value> elems) {
  if (like.type().IsObject()) {
    return tfv::ObjectVal(std::move(elems));
  }
  return tfv::MapVal(like.type().ElementType(), std::move(elems));
}

Value RebuildList(const Value& like, std::vector<Value> elems) {
  if (like.type().IsTuple()) {
    return tfv::TupleVal(std::move(elems));
  }
  return tfv::ListVal(like.type().ElementType(), std::move(elems));
}

// A nested schema: either a block or a nested attribute object (core's nestedSchema interface).
struct Nested {
  const BlockSchema* block = nullptr;
  const ObjectSchema* object = nullptr;
  const AttributeSchema* AttributeByPath(const Path& p) const;
};

const AttributeSchema* ObjectAttrByPath(const ObjectSchema& o, const std::vector<PathStep>& steps,
                                        std::size_t from) {
  for (std::size_t i = from; i < steps.size(); ++i) {
    if (steps[i].kind != PathStep::Kind::kAttribute) {
      continue;
    }
    auto it = o.attributes.find(steps[i].name);
    if (it == o.attributes.end()) {
      continue;
    }
    if (it->second.nested && i + 1 < steps.size()) {
      return ObjectAttrByPath(*it->second.nested, steps, i + 1);
    }
    if (i + 1 < steps.size()) {
      return nullptr;
    }
    return &it->second;
  }
  return nullptr;
}

const AttributeSchema* Nested::AttributeByPath(const Path& p) const {
  if (block != nullptr) {
    return block->AttributeByPath(p);
  }
  return ObjectAttrByPath(*object, p.steps(), 0);
}

// Depth-first walk in cty.Walk order; `fn` returns false to skip the children of a value, and may
// set `stop` to end the walk.
void Walk(const Value& v, const Path& path,
          const std::function<bool(const Path&, const Value&, bool& stop)>& fn, bool& stop) {
  if (stop) {
    return;
  }
  if (!fn(path, v, stop) || stop || !v.IsKnownNonNull()) {
    return;
  }
  const Type& t = v.type();
  if (t.IsList() || t.IsTuple()) {
    for (std::size_t i = 0; i < v.Elements().size() && !stop; ++i) {
      Walk(v.Elements()[i], path.Index(static_cast<int64_t>(i)), fn, stop);
    }
  } else if (t.IsSet()) {
    for (const auto& e : v.Elements()) {
      Walk(e, path, fn, stop);  // set elements have no path of their own here
      if (stop) {
        return;
      }
    }
  } else if (t.IsMap()) {
    for (const auto& [k, e] : v.MapElements()) {
      Walk(e, path.Key(k), fn, stop);
      if (stop) {
        return;
      }
    }
  } else if (t.IsObject()) {
    for (const auto& [k, e] : v.Attributes()) {
      Walk(e, path.Attribute(k), fn, stop);
      if (stop) {
        return;
      }
    }
  }
}

bool OptionalValueNotComputable(const AttributeSchema& attr, const Value& val) {
  if (!attr.optional || !attr.nested) {
    return false;
  }
  bool found = false;
  bool stop = false;
  Walk(val, Path(),
       [&](const Path& p, const Value& v, bool& halt) {
         if (v.IsNull()) {
           return true;
         }
         const AttributeSchema* a = ObjectAttrByPath(*attr.nested, p.steps(), 0);
         if (a == nullptr) {
           return true;
         }
         if (!a->computed) {
           found = true;
           halt = true;
           return false;
         }
         return true;
       },
       stop);
  return found;
}

bool ValidPriorFromConfig(const Nested& schema, const Value& prior, const Value& config) {
  if (UnrefinedEqual(config, prior)) {
    return true;
  }
  bool valid = true;
  bool stop = false;
  Walk(prior, Path(),
       [&](const Path& p, const Value& prior_v, bool& halt) {
         std::optional<Value> config_v = ApplyPath(config, p);
         if (!config_v) {
           valid = false;
           halt = true;
           return false;
         }
         if (UnrefinedEqual(*config_v, prior_v)) {
           return false;
         }
         if (config_v->type().IsSet()) {
           valid = false;
           halt = true;
           return false;
         }
         const AttributeSchema* attr = schema.AttributeByPath(p);
         if (attr == nullptr || attr->nested) {
           return true;
         }
         if (!attr->computed || !config_v->IsNull()) {
           valid = false;
           halt = true;
           return false;
         }
         return true;
       },
       stop);
  return valid;
}

std::map<std::string, Value> ProposedNewAttributes(const std::map<std::string, AttributeSchema>& attrs,
                                                   const Value& prior, const Value& config);
Value ProposedNewInner(const BlockSchema& schema, const Value& prior, const Value& config);

Value ProposedNewBlockOrObject(const Nested& schema, const Value& prior, const Value& config) {
  if (schema.block != nullptr) {
    return ProposedNew(*schema.block, prior, config);
  }
  if (config.IsNull()) {
    return config;
  }
  return tfv::ObjectVal(ProposedNewAttributes(schema.object->attributes, prior, config));
}

Value ProposedNewNestingList(const Nested& schema, const Value& prior, const Value& config) {
  std::size_t n = config.IsNull() ? 0 : config.Length();
  if (n == 0) {
    return config;
  }
  std::vector<Value> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Value& config_ev = config.Elements()[i];
    if (prior.IsKnown() && (prior.IsNull() || i >= prior.Length())) {
      out.push_back(config_ev);
      continue;
    }
    out.push_back(ProposedNewBlockOrObject(schema, ElementOrUnknown(prior, i), config_ev));
  }
  return RebuildList(config, std::move(out));
}

Value ProposedNewNestingMap(const Nested& schema, const Value& prior, const Value& config) {
  if (config.IsNull() || !config.IsKnown() || config.Length() == 0) {
    return config;
  }
  std::map<std::string, Value> prior_map = MapView(prior);
  std::map<std::string, Value> out;
  for (const auto& [k, config_ev] : MapView(config)) {
    auto it = prior_map.find(k);
    if (it == prior_map.end()) {
      out.emplace(k, config_ev);
      continue;
    }
    out.emplace(k, ProposedNewBlockOrObject(schema, it->second, config_ev));
  }
  return RebuildMap(config, std::move(out));
}

Value ProposedNewNestingSet(const Nested& schema, const Value& prior, const Value& config) {
  if (!config.IsKnown() || config.IsNull() || config.Length() == 0) {
    return config;
  }
  std::vector<Value> prior_vals;
  if (prior.IsKnownNonNull()) {
    prior_vals = prior.Elements();
  }
  std::vector<bool> used(prior_vals.size(), false);
  std::vector<Value> out;
  const Type& elem_type = config.type().ElementType();
  for (const auto& config_ev : config.Elements()) {
    std::optional<Value> prior_ev;
    for (std::size_t i = 0; i < prior_vals.size(); ++i) {
      if (used[i]) {
        continue;
      }
      if (ValidPriorFromConfig(schema, prior_vals[i], config_ev)) {
        prior_ev = prior_vals[i];
        used[i] = true;
        break;
      }
    }
    out.push_back(
        ProposedNewBlockOrObject(schema, prior_ev.value_or(tfv::NullVal(elem_type)), config_ev));
  }
  return tfv::SetVal(elem_type, std::move(out));
}

Value ProposedNewNestedBlock(const NestedBlockSchema& nb, const Value& prior, const Value& config) {
  if (!config.IsKnown()) {
    return config;
  }
  Nested schema{nb.block.get(), nullptr};
  switch (nb.nesting) {
    case Nesting::kSingle:
      if (config.IsNull()) {
        return config;
      }
      return ProposedNew(*nb.block, prior, config);
    case Nesting::kGroup:
      return ProposedNew(*nb.block, prior, config);
    case Nesting::kList:
      return ProposedNewNestingList(schema, prior, config);
    case Nesting::kMap:
      return ProposedNewNestingMap(schema, prior, config);
    case Nesting::kSet:
      return ProposedNewNestingSet(schema, prior, config);
  }
  return config;
}

Value ProposedNewNestedType(const ObjectSchema& obj, const Value& prior, const Value& config) {
  if (!config.IsKnown()) {
    return config;
  }
  Nested schema{nullptr, &obj};
  switch (obj.nesting) {
    case Nesting::kSingle:
    case Nesting::kGroup:
      if (config.IsNull()) {
        return config;
      }
      return ProposedNewBlockOrObject(schema, prior, config);
    case Nesting::kList:
      return ProposedNewNestingList(schema, prior, config);
    case Nesting::kMap:
      return ProposedNewNestingMap(schema, prior, config);
    case Nesting::kSet:
      return ProposedNewNestingSet(schema, prior, config);
  }
  return config;
}

std::map<std::string, Value> ProposedNewAttributes(const std::map<std::string, AttributeSchema>& attrs,
                                                   const Value& prior, const Value& config) {
  std::map<std::string, Value> out;
  for (const auto& [name, attr] : attrs) {
    Value prior_v = prior.GetAttr(name);
    Value config_v = config.GetAttr(name);
    Value new_v;
    if (attr.computed && config_v.IsNull()) {
      new_v = prior_v;
      if (OptionalValueNotComputable(attr, prior_v)) {
        new_v = config_v;
      }
    } else if (attr.nested) {
      new_v = ProposedNewNestedType(*attr.nested, prior_v, config_v);
    } else {
      new_v = config_v;
    }
    out.emplace(name, std::move(new_v));
  }
  return out;
}

Value ProposedNewInner(const BlockSchema& schema, const Value& prior, const Value& config) {
  if (config.IsNull() || !config.IsKnown()) {
    return prior;
  }
  std::map<std::string, Value> attrs = ProposedNewAttributes(schema.attributes, prior, config);
  for (const auto& [name, nb] : schema.block_types) {
    attrs[name] = ProposedNewNestedBlock(nb, prior.GetAttr(name), config.GetAttr(name));
  }
  return tfv::ObjectVal(std::move(attrs));
}

// ---- AssertPlanValid ----

void AssertPlanValidInner(const BlockSchema& schema, const Value& prior, const Value& config,
                          const Value& planned, const Path& path, std::vector<PathError>& errs);
void AssertPlannedAttrsValid(const std::map<std::string, AttributeSchema>& attrs, const Value& prior,
                             const Value& config, const Value& planned, const Path& path,
                             std::vector<PathError>& errs);

void AssertPlannedObjectValid(const ObjectSchema& schema, const Value& prior, const Value& config,
                              const Value& planned, const Path& path, std::vector<PathError>& errs) {
  if (planned.IsNull() && !config.IsNull()) {
    errs.push_back({path, "planned for absence but config wants existence"});
    return;
  }
  if (config.IsNull() && !planned.IsNull()) {
    errs.push_back({path, "planned for existence but config wants absence"});
    return;
  }
  if (!config.IsNull() && !planned.IsKnown()) {
    errs.push_back({path, "planned unknown for configured value"});
    return;
  }
  if (planned.IsNull()) {
    return;
  }
  const Type elem_type = schema.ObjectType();
  switch (schema.nesting) {
    case Nesting::kSingle:
    case Nesting::kGroup:
      AssertPlannedAttrsValid(schema.attributes, prior, config, planned, path, errs);
      break;
    case Nesting::kList: {
      if (!planned.IsKnown() && !config.IsKnown()) {
        return;
      }
      if (!planned.IsKnown() || !config.IsKnown() || planned.Length() != config.Length()) {
        errs.push_back({path, fmt::format("count in plan ({}) disagrees with count in config ({})",
                                          planned.IsKnown() ? std::to_string(planned.Length()) : "unknown",
                                          config.IsKnown() ? std::to_string(config.Length()) : "unknown")});
        return;
      }
      for (std::size_t i = 0; i < planned.Length(); ++i) {
        Value prior_ev = tfv::NullVal(elem_type);
        if (!prior.IsNull() && prior.IsKnown() && i < prior.Length()) {
          prior_ev = prior.Elements()[i];
        }
        AssertPlannedAttrsValid(schema.attributes, prior_ev, config.Elements()[i],
                                planned.Elements()[i], path.Index(static_cast<int64_t>(i)), errs);
      }
      break;
    }
    case Nesting::kMap: {
      if (!planned.IsKnown() && !config.IsKnown()) {
        return;
      }
      if (!planned.IsKnown() || !config.IsKnown() || planned.Length() != config.Length()) {
        errs.push_back({path, fmt::format("count in plan ({}) disagrees with count in config ({})",
                                          planned.IsKnown() ? std::to_string(planned.Length()) : "unknown",
                                          config.IsKnown() ? std::to_string(config.Length()) : "unknown")});
        return;
      }
      auto planned_vals = MapView(planned);
      auto config_vals = MapView(config);
      auto prior_vals = MapView(prior);
      for (const auto& [k, planned_ev] : planned_vals) {
        auto c = config_vals.find(k);
        if (c == config_vals.end()) {
          errs.push_back({path, fmt::format("map key {} from plan is not present in config", GoQuote(k))});
          continue;
        }
        auto p = prior_vals.find(k);
        Value prior_ev = p == prior_vals.end() ? tfv::NullVal(elem_type) : p->second;
        AssertPlannedAttrsValid(schema.attributes, prior_ev, c->second, planned_ev, path.Attribute(k),
                                errs);
      }
      for (const auto& [k, v] : config_vals) {
        if (planned_vals.count(k) == 0) {
          errs.push_back({path, fmt::format("map key {} from config is not present in plan", GoQuote(k))});
        }
      }
      break;
    }
    case Nesting::kSet:
      if (planned.IsKnown() && config.IsKnown() && config.IsWhollyKnown() &&
          planned.Length() < config.Length()) {
        errs.push_back({path, fmt::format("count in plan ({}) disagrees with count in config ({})",
                                          planned.Length(), config.Length())});
      }
      break;
  }
}

void AssertPlannedValueValid(const AttributeSchema& attr, const Value& prior_v, const Value& config_v,
                             const Value& planned_v, const Path& path, std::vector<PathError>& errs) {
  if (UnrefinedEqual(planned_v, config_v)) {
    return;
  }
  if (UnrefinedEqual(planned_v, prior_v) && !prior_v.IsNull() && !config_v.IsNull()) {
    return;
  }
  if (attr.write_only) {
    if (!planned_v.IsNull()) {
      errs.push_back({path, "planned value for write-only attribute is not null"});
    }
    return;
  }
  if (attr.computed && !attr.optional) {
    return;
  }
  if (config_v.IsNull() && attr.computed) {
    return;
  }
  if (config_v.IsNull() && !planned_v.IsNull()) {
    if (attr.sensitive) {
      errs.push_back({path, "sensitive planned value for a non-computed attribute"});
    } else {
      errs.push_back({path, fmt::format("planned value {} for a non-computed attribute",
                                        GoString(planned_v))});
    }
    return;
  }
  if (attr.nested) {
    AssertPlannedObjectValid(*attr.nested, prior_v, config_v, planned_v, path, errs);
    return;
  }
  if (prior_v.IsNull()) {
    if (attr.sensitive) {
      errs.push_back({path, "sensitive planned value does not match config value"});
    } else {
      errs.push_back({path, fmt::format("planned value {} does not match config value {}",
                                        GoString(planned_v), GoString(config_v))});
    }
    return;
  }
  if (attr.sensitive) {
    errs.push_back({path, "sensitive planned value does not match config value nor prior value"});
  } else {
    errs.push_back({path, fmt::format("planned value {} does not match config value {} nor prior value {}",
                                      GoString(planned_v), GoString(config_v), GoString(prior_v))});
  }
}

void AssertPlannedAttrsValid(const std::map<std::string, AttributeSchema>& attrs, const Value& prior,
                             const Value& config, const Value& planned, const Path& path,
                             std::vector<PathError>& errs) {
  for (const auto& [name, attr] : attrs) {
    Value config_v = config.IsNull() ? tfv::NullVal(attr.type) : config.GetAttr(name);
    Value prior_v = prior.IsNull() ? tfv::NullVal(attr.type) : prior.GetAttr(name);
    Value planned_v = planned.IsNull() ? tfv::NullVal(attr.type) : planned.GetAttr(name);
    AssertPlannedValueValid(attr, prior_v, config_v, planned_v, path.Attribute(name), errs);
  }
}

const char* NestingWord(Nesting n) {
  switch (n) {
    case Nesting::kList:
      return "list";
    case Nesting::kMap:
      return "map";
    case Nesting::kSet:
      return "set";
    case Nesting::kGroup:
      return "group";
    case Nesting::kSingle:
      return "";
  }
  return "";
}

void AssertPlanValidInner(const BlockSchema& schema, const Value& prior, const Value& config,
                          const Value& planned, const Path& path, std::vector<PathError>& errs) {
  if (planned.IsNull() && !config.IsNull()) {
    errs.push_back({path, "planned for absence but config wants existence"});
    return;
  }
  if (config.IsNull() && !planned.IsNull()) {
    errs.push_back({path, "planned for existence but config wants absence"});
    return;
  }
  if (planned.IsNull()) {
    return;
  }
  AssertPlannedAttrsValid(schema.attributes, prior, config, planned, path, errs);
  for (const auto& [name, nb] : schema.block_types) {
    const Path bpath = path.Attribute(name);
    Value planned_v = planned.GetAttr(name);
    Value config_v = config.GetAttr(name);
    Value prior_v = prior.IsNull() ? tfv::NullVal(nb.ImpliedType()) : prior.GetAttr(name);
    if (nb.nesting != Nesting::kSingle && planned_v.IsNull()) {
      errs.push_back({bpath, fmt::format("attribute representing a {} of nested blocks must be empty "
                                         "to indicate no blocks, not null",
                                         NestingWord(nb.nesting))});
      continue;
    }
    if (planned_v.RawEquals(config_v)) {
      continue;
    }
    if (!config_v.IsKnown()) {
      errs.push_back({bpath, fmt::format("planned value {} for unknown dynamic block", GoString(planned_v))});
      continue;
    }
    if (config_v.IsNull() && nb.block->computed) {
      continue;
    }
    if (!planned_v.IsKnown()) {
      errs.push_back({bpath, nb.block->computed ? "planned unknown value for configured block"
                                                : "planned unknown value for non-computed block"});
      continue;
    }
    const Type elem_type = nb.block->ImpliedType();
    switch (nb.nesting) {
      case Nesting::kSingle:
      case Nesting::kGroup:
        AssertPlanValidInner(*nb.block, prior_v, config_v, planned_v, bpath, errs);
        break;
      case Nesting::kList: {
        std::size_t planned_l = planned_v.Length();
        std::size_t config_l = KnownLength(config_v);
        if (planned_l != config_l) {
          errs.push_back({bpath, fmt::format("block count in plan ({}) disagrees with count in config ({})",
                                             planned_l, config_l)});
          continue;
        }
        for (std::size_t i = 0; i < planned_l; ++i) {
          const Path epath = bpath.Index(static_cast<int64_t>(i));
          const Value& planned_ev = planned_v.Elements()[i];
          if (!planned_ev.IsKnown()) {
            errs.push_back({epath, "element representing nested block must not be unknown itself; set "
                                   "nested attribute values to unknown instead"});
            continue;
          }
          Value prior_ev = tfv::NullVal(elem_type);
          if (prior_v.IsKnownNonNull() && i < prior_v.Length()) {
            prior_ev = prior_v.Elements()[i];
          }
          AssertPlanValidInner(*nb.block, prior_ev, config_v.Elements()[i], planned_ev, epath, errs);
        }
        break;
      }
      case Nesting::kMap: {
        auto planned_m = MapView(planned_v);
        auto config_m = MapView(config_v);
        auto prior_m = MapView(prior_v);
        if (!planned_v.type().IsObject() && planned_m.size() != config_m.size()) {
          errs.push_back({bpath, fmt::format("block count in plan ({}) disagrees with count in config ({})",
                                             planned_m.size(), config_m.size())});
          continue;
        }
        for (const auto& [k, planned_ev] : planned_m) {
          const Path epath = planned_v.type().IsObject() ? bpath.Attribute(k) : bpath.Key(k);
          if (config_m.count(k) == 0) {
            errs.push_back({bpath, fmt::format("block key {} from plan is not present in config", GoQuote(k))});
            continue;
          }
          if (!planned_ev.IsKnown()) {
            errs.push_back({epath, "element representing nested block must not be unknown itself; set "
                                   "nested attribute values to unknown instead"});
            continue;
          }
          auto p = prior_m.find(k);
          Value prior_ev = p == prior_m.end() ? tfv::NullVal(elem_type) : p->second;
          AssertPlanValidInner(*nb.block, prior_ev, config_m.at(k), planned_ev, epath, errs);
        }
        for (const auto& [k, v] : config_m) {
          if (planned_m.count(k) == 0) {
            errs.push_back({bpath, fmt::format("block key {} from config is not present in plan", GoQuote(k))});
          }
        }
        break;
      }
      case Nesting::kSet:
        for (const auto& planned_ev : planned_v.Elements()) {
          if (!planned_ev.IsKnown()) {
            errs.push_back({bpath, "element representing nested block must not be unknown itself; set "
                                   "nested attribute values to unknown instead"});
          }
        }
        break;
    }
  }
}

// ---- AssertObjectCompatible ----

void AssertValueCompatible(const Value& planned, const Value& actual, const Path& path,
                           std::vector<PathError>& errs);

std::string IndexStrForErrors(const PathStep& step) {
  if (step.kind == PathStep::Kind::kIndex) {
    return std::to_string(step.index);
  }
  return GoQuote(step.name);
}

std::vector<PathError> AssertSetValuesCompatible(
    const Value& planned, const Value& actual, const Path& path,
    const std::function<bool(const Value&, const Value&)>& f) {
  const auto& as = planned.Elements();
  const auto& bs = actual.Elements();
  std::vector<bool> aeqs(as.size(), false);
  std::vector<bool> beqs(bs.size(), false);
  for (std::size_t ai = 0; ai < as.size(); ++ai) {
    for (std::size_t bi = 0; bi < bs.size(); ++bi) {
      if (aeqs[ai] && beqs[bi]) {
        continue;
      }
      if (f(as[ai], bs[bi])) {
        aeqs[ai] = true;
        beqs[bi] = true;
      }
    }
  }
  std::vector<PathError> errs;
  for (std::size_t i = 0; i < as.size(); ++i) {
    if (!aeqs[i]) {
      errs.push_back({path, fmt::format("planned set element {} does not correlate with any element in actual",
                                        GoString(as[i]))});
    }
  }
  if (!errs.empty()) {
    return errs;
  }
  for (std::size_t i = 0; i < bs.size(); ++i) {
    if (!beqs[i]) {
      errs.push_back({path, fmt::format("actual set element {} does not correlate with any element in plan",
                                        GoString(bs[i]))});
    }
  }
  return errs;
}

void AssertValueCompatible(const Value& planned, const Value& actual, const Path& path,
                           std::vector<PathError>& errs) {
  if (planned.type().IsDynamic()) {
    return;
  }
  if (!tfv::Conforms(actual.type(), planned.type())) {
    errs.push_back({path, fmt::format("wrong final value type: {} required, but have {}",
                                      planned.type().FriendlyName(), actual.type().FriendlyName())});
    return;
  }
  if (!planned.IsKnown()) {
    if (!planned.refinements().Allows(actual)) {
      errs.push_back({path, fmt::format("final value {} does not conform to planning placeholder {}",
                                        GoString(actual), GoString(planned))});
    }
    return;
  }
  if (actual.IsNull()) {
    if (planned.IsNull()) {
      return;
    }
    errs.push_back({path, fmt::format("was {}, but now null", GoString(planned))});
    return;
  }
  if (planned.IsNull()) {
    errs.push_back({path, fmt::format("was null, but now {}", GoString(actual))});
    return;
  }
  const Type& ty = planned.type();
  if (!actual.IsKnown()) {
    errs.push_back({path, "was known, but now unknown"});
    return;
  }
  if (ty.IsPrimitive()) {
    if (!actual.RawEquals(planned)) {
      errs.push_back({path, fmt::format("was {}, but now {}", GoString(planned), GoString(actual))});
    }
    return;
  }
  if (ty.IsList() || ty.IsTuple()) {
    const auto& pe = planned.Elements();
    const auto& ae = actual.Elements();
    for (std::size_t i = 0; i < pe.size(); ++i) {
      if (i >= ae.size()) {
        errs.push_back({path, fmt::format("element {} has vanished", i)});
        continue;
      }
      AssertValueCompatible(pe[i], ae[i], path.Index(static_cast<int64_t>(i)), errs);
    }
    for (std::size_t i = pe.size(); i < ae.size(); ++i) {
      errs.push_back({path, fmt::format("new element {} has appeared", i)});
    }
    return;
  }
  if (ty.IsMap()) {
    const auto& pm = planned.MapElements();
    const auto& am = actual.MapElements();
    for (const auto& [k, pv] : pm) {
      auto it = am.find(k);
      if (it == am.end()) {
        errs.push_back({path, fmt::format("element {} has vanished", IndexStrForErrors(PathStep::Key(k)))});
        continue;
      }
      AssertValueCompatible(pv, it->second, path.Key(k), errs);
    }
    for (const auto& [k, av] : am) {
      if (pm.count(k) == 0) {
        errs.push_back({path, fmt::format("new element {} has appeared", IndexStrForErrors(PathStep::Key(k)))});
      }
    }
    return;
  }
  if (ty.IsObject()) {
    for (const auto& [name, t] : ty.AttributeTypes()) {
      AssertValueCompatible(planned.GetAttr(name), actual.GetAttr(name), path.Attribute(name), errs);
    }
    return;
  }
  if (ty.IsSet()) {
    auto set_errs = AssertSetValuesCompatible(planned, actual, path, [&](const Value& p, const Value& a) {
      std::vector<PathError> e;
      AssertValueCompatible(p, a, path, e);
      return e.empty();
    });
    errs.insert(errs.end(), set_errs.begin(), set_errs.end());
    if (planned.Length() < actual.Length()) {
      errs.push_back({path, fmt::format("length changed from {} to {}", planned.Length(), actual.Length())});
    }
  }
}

void AssertObjectCompatibleInner(const BlockSchema& schema, const Value& planned, const Value& actual,
                                 const Path& path, std::vector<PathError>& errs) {
  const std::string at_root = path.empty() ? "Root object " : "";
  if (planned.IsNull() && !actual.IsNull()) {
    errs.push_back({path, at_root + "was absent, but now present"});
    return;
  }
  if (actual.IsNull() && !planned.IsNull()) {
    errs.push_back({path, at_root + "was present, but now absent"});
    return;
  }
  if (planned.IsNull()) {
    return;
  }
  if (!planned.IsKnown() || !actual.IsKnown()) {
    // An unknown object (only possible below the root) accepts any final value of its type.
    AssertValueCompatible(planned, actual, path, errs);
    return;
  }
  for (const auto& [name, attr] : schema.attributes) {
    const Path apath = path.Attribute(name);
    std::vector<PathError> more;
    AssertValueCompatible(planned.GetAttr(name), actual.GetAttr(name), apath, more);
    if (attr.sensitive) {
      if (!more.empty()) {
        errs.push_back({apath, "inconsistent values for sensitive attribute"});
      }
    } else {
      errs.insert(errs.end(), more.begin(), more.end());
    }
  }
  for (const auto& [name, nb] : schema.block_types) {
    Value planned_v = planned.GetAttr(name);
    Value actual_v = actual.GetAttr(name);
    if (nb.block->computed) {
      if (actual_v.IsNull() && nb.nesting != Nesting::kSingle) {
        errs.push_back({path, "null block value after apply"});
        return;
      }
      if (!planned_v.IsKnown()) {
        AssertValueCompatible(planned_v, actual_v, path.Attribute(name), errs);
        continue;
      }
    }
    const Path bpath = path.Attribute(name);
    switch (nb.nesting) {
      case Nesting::kSingle:
      case Nesting::kGroup:
        if (!planned_v.IsKnown() && actual_v.IsNull()) {
          continue;
        }
        AssertObjectCompatibleInner(*nb.block, planned_v, actual_v, bpath, errs);
        break;
      case Nesting::kList: {
        if (!planned_v.IsKnown() || !actual_v.IsKnown() || planned_v.IsNull() || actual_v.IsNull()) {
          continue;
        }
        std::size_t pl = planned_v.Length();
        std::size_t al = actual_v.Length();
        if (pl != al) {
          errs.push_back({bpath, fmt::format("block count changed from {} to {}", pl, al)});
          continue;
        }
        for (std::size_t i = 0; i < pl; ++i) {
          AssertObjectCompatibleInner(*nb.block, planned_v.Elements()[i], actual_v.Elements()[i],
                                      bpath.Index(static_cast<int64_t>(i)), errs);
        }
        break;
      }
      case Nesting::kMap: {
        if (!planned_v.IsKnown() || planned_v.IsNull() || actual_v.IsNull()) {
          continue;
        }
        auto pm = MapView(planned_v);
        auto am = MapView(actual_v);
        if (!planned_v.type().IsObject() && pm.size() != am.size()) {
          errs.push_back({bpath, fmt::format("block count changed from {} to {}", pm.size(), am.size())});
          continue;
        }
        for (const auto& [k, pv] : pm) {
          auto it = am.find(k);
          if (it == am.end()) {
            errs.push_back({bpath, fmt::format("block key {} has vanished", GoQuote(k))});
            continue;
          }
          AssertObjectCompatibleInner(*nb.block, pv, it->second,
                                      planned_v.type().IsObject() ? bpath.Attribute(k) : bpath.Key(k), errs);
        }
        for (const auto& [k, av] : am) {
          if (pm.count(k) == 0) {
            errs.push_back({bpath, fmt::format("new block key {} has appeared", GoQuote(k))});
          }
        }
        break;
      }
      case Nesting::kSet: {
        if (!planned_v.IsKnown() || !actual_v.IsKnown() || planned_v.IsNull() || actual_v.IsNull()) {
          continue;
        }
        auto set_errs = AssertSetValuesCompatible(planned_v, actual_v, bpath,
                                                  [&](const Value& p, const Value& a) {
                                                    std::vector<PathError> e;
                                                    AssertObjectCompatibleInner(*nb.block, p, a, bpath, e);
                                                    return e.empty();
                                                  });
        errs.insert(errs.end(), set_errs.begin(), set_errs.end());
        if (planned_v.Length() < actual_v.Length()) {
          errs.push_back({bpath, fmt::format("block set length changed from {} to {}", planned_v.Length(),
                                             actual_v.Length())});
        }
        break;
      }
    }
  }
}

}  // namespace

std::string PathError::Format() const {
  if (path.empty()) {
    return message;
  }
  return FormatCtyPath(path) + ": " + message;
}

std::string PathError::FormatPrefixed(std::string_view prefix) const {
  if (!path.empty()) {
    return std::string(prefix) + FormatCtyPath(path) + ": " + message;
  }
  if (!prefix.empty()) {
    return std::string(prefix) + ": " + message;
  }
  return message;
}

std::string GoQuote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string GoString(const Type& t) {
  switch (t.kind()) {
    case Type::Kind::kDynamic:
      return "cty.DynamicPseudoType";
    case Type::Kind::kString:
      return "cty.String";
    case Type::Kind::kNumber:
      return "cty.Number";
    case Type::Kind::kBool:
      return "cty.Bool";
    case Type::Kind::kList:
      return "cty.List(" + GoString(t.ElementType()) + ")";
    case Type::Kind::kSet:
      return "cty.Set(" + GoString(t.ElementType()) + ")";
    case Type::Kind::kMap:
      return "cty.Map(" + GoString(t.ElementType()) + ")";
    case Type::Kind::kObject: {
      if (t.AttributeTypes().empty()) {
        return "cty.EmptyObject";
      }
      std::string out = "cty.Object(map[string]cty.Type{";
      bool first = true;
      for (const auto& [k, at] : t.AttributeTypes()) {
        out += (first ? "" : ", ") + GoQuote(k) + ":" + GoString(at);
        first = false;
      }
      return out + "})";
    }
    case Type::Kind::kTuple: {
      if (t.TupleElementTypes().empty()) {
        return "cty.EmptyTuple";
      }
      std::string out = "cty.Tuple([]cty.Type{";
      bool first = true;
      for (const auto& et : t.TupleElementTypes()) {
        out += (first ? "" : ", ") + GoString(et);
        first = false;
      }
      return out + "})";
    }
  }
  return "cty.NilType";
}

std::string GoString(const Value& v) {
  if (v.IsNull()) {
    return "cty.NullVal(" + GoString(v.type()) + ")";
  }
  if (v.IsUnknown()) {
    const auto& r = v.refinements();
    std::string out = "cty.UnknownVal(" + GoString(v.type()) + ")";
    if (r.empty()) {
      return out;
    }
    out += ".Refine()";
    if (r.not_null) {
      out += ".NotNull()";
    }
    if (r.string_prefix) {
      out += ".StringPrefixFull(" + GoQuote(*r.string_prefix) + ")";
    }
    if (r.number_lower) {
      out += fmt::format(".NumberRangeLowerBound(cty.MustParseNumberVal({}), {})",
                         GoQuote(r.number_lower->value.ToString()), r.number_lower->inclusive);
    }
    if (r.number_upper) {
      out += fmt::format(".NumberRangeUpperBound(cty.MustParseNumberVal({}), {})",
                         GoQuote(r.number_upper->value.ToString()), r.number_upper->inclusive);
    }
    if (r.length_lower) {
      out += fmt::format(".CollectionLengthLowerBound({})", *r.length_lower);
    }
    if (r.length_upper) {
      out += fmt::format(".CollectionLengthUpperBound({})", *r.length_upper);
    }
    return out + ".NewValue()";
  }
  const Type& t = v.type();
  auto join = [](const std::vector<Value>& vals) {
    std::string out;
    for (std::size_t i = 0; i < vals.size(); ++i) {
      out += (i == 0 ? "" : ", ") + GoString(vals[i]);
    }
    return out;
  };
  auto join_map = [](const std::map<std::string, Value>& vals) {
    std::string out;
    bool first = true;
    for (const auto& [k, e] : vals) {
      out += (first ? "" : ", ") + GoQuote(k) + ":" + GoString(e);
      first = false;
    }
    return out;
  };
  switch (t.kind()) {
    case Type::Kind::kString:
      return "cty.StringVal(" + GoQuote(v.AsString()) + ")";
    case Type::Kind::kBool:
      return v.AsBool() ? "cty.True" : "cty.False";
    case Type::Kind::kNumber: {
      const auto& n = v.AsNumber();
      if (auto i = n.ToInt64(); i) {
        return fmt::format("cty.NumberIntVal({})", *i);
      }
      if (auto d = n.ToExactDouble(); d) {
        return "cty.NumberFloatVal(" + GoFloat(*d) + ")";
      }
      return "cty.MustParseNumberVal(" + GoQuote(n.ToString()) + ")";
    }
    case Type::Kind::kList:
      return v.Elements().empty() ? "cty.ListValEmpty(" + GoString(t.ElementType()) + ")"
                                  : "cty.ListVal([]cty.Value{" + join(v.Elements()) + "})";
    case Type::Kind::kSet:
      return v.Elements().empty() ? "cty.SetValEmpty(" + GoString(t.ElementType()) + ")"
                                  : "cty.SetVal([]cty.Value{" + join(v.Elements()) + "})";
    case Type::Kind::kTuple:
      return v.Elements().empty() ? "cty.EmptyTupleVal"
                                  : "cty.TupleVal([]cty.Value{" + join(v.Elements()) + "})";
    case Type::Kind::kMap:
      return v.MapElements().empty()
                 ? "cty.MapValEmpty(" + GoString(t.ElementType()) + ")"
                 : "cty.MapVal(map[string]cty.Value{" + join_map(v.MapElements()) + "})";
    case Type::Kind::kObject:
      return v.Attributes().empty()
                 ? "cty.EmptyObjectVal"
                 : "cty.ObjectVal(map[string]cty.Value{" + join_map(v.Attributes()) + "})";
    case Type::Kind::kDynamic:
      return "cty.DynamicVal";
  }
  return v.ToString();
}

std::string FormatCtyPath(const Path& path) {
  std::string out;
  for (const auto& s : path.steps()) {
    switch (s.kind) {
      case PathStep::Kind::kAttribute:
        out += "." + s.name;
        break;
      case PathStep::Kind::kIndex:
        out += fmt::format("[{}]", s.index);
        break;
      case PathStep::Kind::kKey:
        out += "[" + GoQuote(s.name) + "]";
        break;
    }
  }
  return out;
}

Value ProposedNew(const BlockSchema& schema, const Value& prior, const Value& config) {
  if (config.IsNull() && prior.IsNull()) {
    return prior;
  }
  if (prior.IsNull()) {
    return ProposedNewInner(schema, schema.EmptyValue(), config);
  }
  return ProposedNewInner(schema, prior, config);
}

Value PlannedDataResourceObject(const BlockSchema& schema, const Value& config) {
  return ProposedNewInner(schema, tfv::UnknownVal(schema.ImpliedType()), config);
}

std::vector<PathError> AssertPlanValid(const BlockSchema& schema, const Value& prior,
                                       const Value& config, const Value& planned) {
  std::vector<PathError> errs;
  AssertPlanValidInner(schema, prior, config, planned, Path(), errs);
  return errs;
}

std::vector<PathError> AssertObjectCompatible(const BlockSchema& schema, const Value& planned,
                                              const Value& actual) {
  std::vector<PathError> errs;
  AssertObjectCompatibleInner(schema, planned, actual, Path(), errs);
  return errs;
}

std::optional<Value> ApplyPath(const Value& value, const Path& path) {
  Value cur = value;
  for (const auto& step : path.steps()) {
    const Type& t = cur.type();
    switch (step.kind) {
      case PathStep::Kind::kAttribute:
        if (t.IsObject()) {
          if (!t.HasAttribute(step.name) || cur.IsNull()) {
            return std::nullopt;
          }
          cur = cur.GetAttr(step.name);
          continue;
        }
        if (t.IsMap()) {
          if (cur.IsNull()) {
            return std::nullopt;
          }
          if (cur.IsUnknown()) {
            cur = tfv::UnknownVal(t.ElementType());
            continue;
          }
          auto e = cur.Key(step.name);
          if (!e) {
            return std::nullopt;
          }
          cur = *e;
          continue;
        }
        if (t.IsDynamic() && cur.IsUnknown()) {
          continue;
        }
        return std::nullopt;
      case PathStep::Kind::kIndex:
        if (cur.IsNull() || !(t.IsList() || t.IsTuple())) {
          if (t.IsDynamic() && cur.IsUnknown()) {
            continue;
          }
          return std::nullopt;
        }
        if (cur.IsUnknown()) {
          cur = ElementOrUnknown(cur, static_cast<std::size_t>(step.index));
          continue;
        }
        if (step.index < 0 || static_cast<std::size_t>(step.index) >= cur.Elements().size()) {
          return std::nullopt;
        }
        cur = cur.Elements()[static_cast<std::size_t>(step.index)];
        continue;
      case PathStep::Kind::kKey:
        if (cur.IsNull()) {
          return std::nullopt;
        }
        if (t.IsMap()) {
          if (cur.IsUnknown()) {
            cur = tfv::UnknownVal(t.ElementType());
            continue;
          }
          auto e = cur.Key(step.name);
          if (!e) {
            return std::nullopt;
          }
          cur = *e;
          continue;
        }
        if (t.IsObject() && t.HasAttribute(step.name)) {
          cur = cur.GetAttr(step.name);
          continue;
        }
        if (t.IsDynamic() && cur.IsUnknown()) {
          continue;
        }
        return std::nullopt;
    }
  }
  return cur;
}

bool KnownEqual(const Value& a, const Value& b) {
  if (!a.IsWhollyKnown() || !b.IsWhollyKnown()) {
    return false;
  }
  return a.RawEquals(b);
}

}  // namespace atlas::tests::acceptance
