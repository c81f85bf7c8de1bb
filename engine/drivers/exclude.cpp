#include "engine/drivers/exclude.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

namespace atlas::engine::drivers {

namespace {

// Matches one character class starting after '['; returns (matched, index after ']') or nullopt if
// malformed.
std::optional<std::pair<bool, size_t>> MatchClass(std::string_view p, size_t i, char c) {
  bool negate = false;
  if (i < p.size() && (p[i] == '^' || p[i] == '!')) {
    negate = true;
    ++i;
  }
  bool matched = false;
  bool first = true;
  while (true) {
    if (i >= p.size()) {
      return std::nullopt;
    }
    if (p[i] == ']' && !first) {
      ++i;
      break;
    }
    first = false;
    char lo = p[i];
    if (lo == '\\') {
      if (++i >= p.size()) {
        return std::nullopt;
      }
      lo = p[i];
    }
    ++i;
    char hi = lo;
    if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
      ++i;
      hi = p[i];
      if (hi == '\\') {
        if (++i >= p.size()) {
          return std::nullopt;
        }
        hi = p[i];
      }
      ++i;
    }
    if (lo <= c && c <= hi) {
      matched = true;
    }
  }
  return std::make_pair(matched != negate, i);
}

// -1 malformed pattern, 0 no match, 1 match. Backtracking over '*'.
int Match(std::string_view p, std::string_view s) {
  size_t pi = 0;
  size_t si = 0;
  size_t star_p = std::string_view::npos;
  size_t star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      const char pc = p[pi];
      if (pc == '*') {
        star_p = pi++;
        star_s = si;
        continue;
      }
      if (pc == '?') {
        ++pi;
        ++si;
        continue;
      }
      if (pc == '[') {
        const auto r = MatchClass(p, pi + 1, s[si]);
        if (!r) {
          return -1;
        }
        if (r->first) {
          pi = r->second;
          ++si;
          continue;
        }
      } else {
        char lit = pc;
        size_t next = pi + 1;
        if (pc == '\\') {
          if (pi + 1 >= p.size()) {
            return -1;
          }
          lit = p[pi + 1];
          next = pi + 2;
        }
        if (lit == s[si]) {
          pi = next;
          ++si;
          continue;
        }
      }
    }
    if (star_p != std::string_view::npos) {
      pi = star_p + 1;
      si = ++star_s;
      continue;
    }
    // Validate the rest of the pattern before reporting a mismatch.
    return Match(p.substr(std::min(pi, p.size())), "") < 0 ? -1 : 0;
  }
  while (pi < p.size() && p[pi] == '*') {
    ++pi;
  }
  if (pi == p.size()) {
    return 1;
  }
  // Check the remaining pattern for syntax errors.
  for (size_t k = pi; k < p.size(); ++k) {
    if (p[k] == '[') {
      const auto r = MatchClass(p, k + 1, '\0');
      if (!r) {
        return -1;
      }
      k = r->second - 1;
    } else if (p[k] == '\\' && k + 1 >= p.size()) {
      return -1;
    } else if (p[k] == '\\') {
      ++k;
    }
  }
  return 0;
}

// Splits on '.', honouring "double quoted" parts (CSV style, "" = literal quote).
std::optional<std::vector<std::string>> SplitPattern(std::string_view p) {
  std::vector<std::string> parts;
  std::string cur;
  bool quoted = false;
  bool was_quoted = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < p.size() && p[i + 1] == '"') {
          cur.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur.push_back(c);
      }
      continue;
    }
    if (c == '"' && cur.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
      continue;
    }
    if (c == '.') {
      parts.push_back(std::move(cur));
      cur.clear();
      was_quoted = false;
      continue;
    }
    cur.push_back(c);
  }
  if (quoted) {
    return std::nullopt;
  }
  parts.push_back(std::move(cur));
  return parts;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view name) {
  return Match(pattern, name) == 1;
}

base::Result<Exclude> Exclude::Parse(std::span<const std::string> patterns,
                                     std::string_view bound_schema) {
  Exclude out;
  for (const auto& raw : patterns) {
    if (raw.empty()) {
      return base::Error("Invalid exclude pattern", "an exclude pattern must not be empty");
    }
    auto parts = SplitPattern(raw);
    if (!parts) {
      return base::Error("Invalid exclude pattern",
                         fmt::format("unterminated quote in pattern {:?}", raw));
    }
    Glob glob;
    if (!bound_schema.empty()) {
      glob.push_back(Part{std::string(bound_schema), {}});
    }
    for (auto& text : *parts) {
      Part part;
      // Trailing type selector: "[type=a|b]".
      if (const size_t sel = text.rfind("[type=");
          sel != std::string::npos && !text.empty() && text.back() == ']') {
        const std::string list = text.substr(sel + 6, text.size() - sel - 7);
        size_t start = 0;
        while (start <= list.size()) {
          size_t bar = list.find('|', start);
          if (bar == std::string::npos) {
            bar = list.size();
          }
          std::string type = list.substr(start, bar - start);
          if (type.empty() || !std::all_of(type.begin(), type.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || c == '_';
              })) {
            return base::Error("Invalid exclude pattern",
                               fmt::format("malformed type selector in {:?}", raw));
          }
          part.types.push_back(std::move(type));
          start = bar + 1;
        }
        text = text.substr(0, sel);
      }
      if (text.empty()) {
        return base::Error("Invalid exclude pattern",
                           fmt::format("empty part in pattern {:?}", raw));
      }
      if (Match(text, "") < 0) {
        return base::Error("Invalid exclude pattern",
                           fmt::format("malformed glob in pattern {:?}", raw));
      }
      part.glob = std::move(text);
      glob.push_back(std::move(part));
    }
    if (glob.size() > 3) {
      return base::Error("Invalid exclude pattern",
                         fmt::format("too many parts in pattern {:?}{}", raw,
                                     bound_schema.empty()
                                         ? ""
                                         : fmt::format(" (the connection is bound to schema {:?}, "
                                                       "so patterns address table[.child])",
                                                       bound_schema)));
    }
    out.globs_.push_back(std::move(glob));
  }
  return out;
}

bool Exclude::PartMatches(const Part& part, std::string_view type, std::string_view name) {
  if (!part.types.empty() &&
      std::find(part.types.begin(), part.types.end(), type) == part.types.end()) {
    return false;
  }
  return GlobMatch(part.glob, name);
}

bool Exclude::ExcludesSchema(std::string_view schema) const {
  return std::any_of(globs_.begin(), globs_.end(), [&](const Glob& g) {
    return g.size() == 1 && PartMatches(g[0], "schema", schema);
  });
}

bool Exclude::ExcludesTable(std::string_view schema, std::string_view table) const {
  return ExcludesObject(schema, "table", table);
}

bool Exclude::ExcludesView(std::string_view schema, std::string_view view) const {
  return ExcludesObject(schema, "view", view);
}

bool Exclude::ExcludesObject(std::string_view schema, std::string_view kind,
                             std::string_view name) const {
  return std::any_of(globs_.begin(), globs_.end(), [&](const Glob& g) {
    return g.size() == 2 && PartMatches(g[0], "schema", schema) && PartMatches(g[1], kind, name);
  });
}

bool Exclude::ExcludesChild(std::string_view schema, std::string_view table, std::string_view kind,
                            std::string_view name) const {
  return std::any_of(globs_.begin(), globs_.end(), [&](const Glob& g) {
    if (g.size() != 3 || !PartMatches(g[0], "schema", schema)) {
      return false;
    }
    const bool parent = PartMatches(g[1], "table", table) || PartMatches(g[1], "view", table);
    return parent && PartMatches(g[2], kind, name);
  });
}

schema::Realm Exclude::Apply(schema::Realm realm) const {
  if (globs_.empty()) {
    return realm;
  }
  std::erase_if(realm.schemas, [&](const schema::Schema& s) { return ExcludesSchema(s.name); });
  for (auto& s : realm.schemas) {
    const std::string& sn = s.name;
    std::erase_if(s.tables, [&](const schema::Table& t) { return ExcludesTable(sn, t.name); });
    std::erase_if(s.views, [&](const schema::View& v) { return ExcludesView(sn, v.name); });
    std::erase_if(s.enums,
                  [&](const schema::EnumType& e) { return ExcludesObject(sn, "enum", e.name); });
    std::erase_if(s.sequences, [&](const schema::Sequence& q) {
      return ExcludesObject(sn, "sequence", q.name);
    });
    std::erase_if(s.unmanaged, [&](const schema::OpaqueObject& o) {
      return ExcludesObject(sn, o.kind, o.name);
    });
    for (auto& t : s.tables) {
      std::vector<std::string> dropped;
      std::erase_if(t.columns, [&](const schema::Column& c) {
        if (ExcludesChild(sn, t.name, "column", c.name)) {
          dropped.push_back(c.name);
          return true;
        }
        return false;
      });
      const auto uses_dropped = [&](const std::string& col) {
        return std::find(dropped.begin(), dropped.end(), col) != dropped.end();
      };
      std::erase_if(t.indexes, [&](const schema::Index& i) {
        if (ExcludesChild(sn, t.name, "index", i.name)) {
          return true;
        }
        return std::any_of(i.parts.begin(), i.parts.end(), [&](const schema::IndexPart& p) {
          return !p.column.empty() && uses_dropped(p.column);
        });
      });
      std::erase_if(t.foreign_keys, [&](const schema::ForeignKey& fk) {
        if (!fk.name.empty() && ExcludesChild(sn, t.name, "fk", fk.name)) {
          return true;
        }
        return std::any_of(fk.columns.begin(), fk.columns.end(), uses_dropped);
      });
      std::erase_if(t.checks, [&](const schema::Check& c) {
        return !c.name.empty() && ExcludesChild(sn, t.name, "check", c.name);
      });
      // Exclusion constraints are indexes to Atlas (`[type=index]`).
      std::erase_if(t.exclusions, [&](const schema::Exclusion& x) {
        if (ExcludesChild(sn, t.name, "index", x.name)) {
          return true;
        }
        return std::any_of(x.elements.begin(), x.elements.end(),
                           [&](const schema::ExclusionElement& e) {
                             return !e.part.column.empty() && uses_dropped(e.part.column);
                           });
      });
      std::erase_if(t.triggers, [&](const schema::Trigger& tr) {
        return ExcludesChild(sn, t.name, "trigger", tr.name);
      });
    }
    for (auto& v : s.views) {
      std::erase_if(v.columns, [&](const schema::Column& c) {
        return ExcludesChild(sn, v.name, "column", c.name);
      });
      std::erase_if(v.triggers, [&](const schema::Trigger& tr) {
        return ExcludesChild(sn, v.name, "trigger", tr.name);
      });
    }
  }
  return realm;
}

}  // namespace atlas::engine::drivers
