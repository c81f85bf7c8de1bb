#include "tests/unit/engine/drivers/postgres/realm_dump.hpp"

#include <sstream>

namespace atlas::engine::drivers::postgres::testing {
namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    out += (out.empty() ? "" : ",") + s;
  }
  return out;
}

std::string Part(const schema::IndexPart& p) {
  std::string out = p.column.empty() ? "(" + p.expr + ")" : p.column;
  if (p.desc) {
    out += " desc";
  }
  if (p.nulls_first) {
    out += *p.nulls_first ? " nulls_first" : " nulls_last";
  }
  if (!p.opclass.empty()) {
    out += " opclass=" + p.opclass;
  }
  if (!p.collation.empty()) {
    out += " collate=" + p.collation;
  }
  return out;
}

std::string Parts(const std::vector<schema::IndexPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    out += (out.empty() ? "" : ",") + Part(p);
  }
  return out;
}

void Column(std::ostringstream& o, const schema::Column& c) {
  o << "    column " << c.name << " type=" << c.type.normalized;
  if (c.type.raw != c.type.normalized) {
    o << " raw=" << c.type.raw;
  }
  if (!c.type.enum_ref.empty()) {
    o << " enum=" << c.type.enum_schema << "." << c.type.enum_ref;
  }
  if (c.type.array_dims > 0) {
    o << " array";
  }
  o << (c.nullable ? " null" : " not_null");
  if (c.default_value) {
    o << (c.default_value->kind == schema::Expr::Kind::kLiteral ? " default=" : " default_expr=")
      << c.default_value->text;
  }
  if (c.auto_increment) {
    o << " auto_increment";
  }
  if (c.identity) {
    o << " identity="
      << (c.identity->generation == schema::Identity::Generation::kAlways ? "always" : "by_default")
      << "(" << c.identity->start << "," << c.identity->increment << ")";
  }
  if (c.generated) {
    o << " generated=" << c.generated->expr << (c.generated->stored ? " stored" : " virtual");
  }
  if (!c.collation.empty()) {
    o << " collate=" << c.collation;
  }
  if (!c.comment.empty()) {
    o << " comment=" << c.comment;
  }
  o << "\n";
}

void Index(std::ostringstream& o, const schema::Index& i) {
  o << "    " << (i.constraint ? "unique_constraint " : (i.unique ? "unique_index " : "index "))
    << i.name << " (" << Parts(i.parts) << ")";
  if (!i.type.empty()) {
    o << " using=" << i.type;
  }
  if (!i.include.empty()) {
    o << " include=" << Join(i.include);
  }
  if (i.nulls_not_distinct) {
    o << " nulls_not_distinct";
  }
  if (!i.where.empty()) {
    o << " where=" << i.where;
  }
  if (!i.comment.empty()) {
    o << " comment=" << i.comment;
  }
  o << "\n";
}

}  // namespace

std::string DumpRealm(const schema::Realm& realm) {
  std::ostringstream o;
  for (const auto& e : realm.extensions) {
    o << "extension " << e.name << " schema=" << e.schema << " version=" << e.version << "\n";
  }
  for (const auto& s : realm.schemas) {
    o << "schema " << s.name;
    if (!s.comment.empty()) {
      o << " comment=" << s.comment;
    }
    o << "\n";
    for (const auto& e : s.enums) {
      o << "  enum " << e.name << " [" << Join(e.values) << "]";
      if (!e.comment.empty()) {
        o << " comment=" << e.comment;
      }
      o << "\n";
    }
    for (const auto& q : s.sequences) {
      o << "  sequence " << q.name << " type=" << (q.type.empty() ? "-" : q.type)
        << " start=" << q.start << " increment=" << q.increment
        << " min=" << (q.min_value ? std::to_string(*q.min_value) : "-")
        << " max=" << (q.max_value ? std::to_string(*q.max_value) : "-") << " cache=" << q.cache
        << (q.cycle ? " cycle" : "");
      if (!q.owned_by.empty()) {
        o << " owned_by=" << q.owned_by;
      }
      if (!q.comment.empty()) {
        o << " comment=" << q.comment;
      }
      o << "\n";
    }
    for (const auto& t : s.tables) {
      o << "  table " << t.name;
      if (!t.comment.empty()) {
        o << " comment=" << t.comment;
      }
      o << "\n";
      for (const auto& c : t.columns) {
        Column(o, c);
      }
      if (t.primary_key) {
        o << "    primary_key " << t.primary_key->name << " (" << Parts(t.primary_key->parts)
          << ")\n";
      }
      for (const auto& i : t.indexes) {
        Index(o, i);
      }
      for (const auto& fk : t.foreign_keys) {
        o << "    foreign_key " << fk.name << " (" << Join(fk.columns) << ") -> "
          << (fk.ref_schema.empty() ? "" : fk.ref_schema + ".") << fk.ref_table << "("
          << Join(fk.ref_columns) << ") on_update=" << schema::ReferenceOptionHcl(fk.on_update)
          << " on_delete=" << schema::ReferenceOptionHcl(fk.on_delete);
        if (fk.deferrable) {
          o << (fk.initially_deferred ? " deferrable_initially_deferred" : " deferrable");
        }
        o << "\n";
      }
      for (const auto& ck : t.checks) {
        o << "    check " << ck.name << " " << ck.expr << (ck.no_inherit ? " no_inherit" : "")
          << "\n";
      }
      for (const auto& x : t.exclusions) {
        o << "    exclusion " << x.name << " using=" << x.type << " (";
        for (size_t i = 0; i < x.elements.size(); ++i) {
          o << (i > 0 ? "," : "") << Part(x.elements[i].part) << " with " << x.elements[i].op;
        }
        o << ")";
        if (!x.include.empty()) {
          o << " include=" << Join(x.include);
        }
        if (!x.where.empty()) {
          o << " where=" << x.where;
        }
        if (x.deferrable) {
          o << (x.initially_deferred ? " deferrable_initially_deferred" : " deferrable");
        }
        if (!x.comment.empty()) {
          o << " comment=" << x.comment;
        }
        o << "\n";
      }
    }
    for (const auto& v : s.views) {
      o << "  " << (v.materialized ? "materialized_view " : "view ") << v.name;
      if (!v.check_option.empty()) {
        o << " check_option=" << v.check_option;
      }
      if (!v.comment.empty()) {
        o << " comment=" << v.comment;
      }
      o << " depends_on=" << Join(v.depends_on) << "\n";
      o << "    as " << v.definition << "\n";
      for (const auto& c : v.columns) {
        Column(o, c);
      }
      for (const auto& i : v.indexes) {
        Index(o, i);
      }
    }
    for (const auto& u : s.unmanaged) {
      o << "  unmanaged " << u.kind << " " << u.name << "\n";
    }
  }
  return o.str();
}

}  // namespace atlas::engine::drivers::postgres::testing
