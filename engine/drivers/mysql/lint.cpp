#include "engine/drivers/mysql/lint.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "engine/base/result.hpp"
#include "engine/drivers/mysql/convert.hpp"
#include "engine/lint/analyzers/mysql.hpp"
#include "engine/lint/quote.hpp"

namespace atlas::engine::drivers::mysql {

namespace {

// What the server does with the existing rows of a table that gains a NOT NULL column without a
// default.
struct Server {
  bool maria = false;
  // MySQL 8.0.2+ enables explicit_defaults_for_timestamp by default: a new NOT NULL TIMESTAMP
  // gets the zero value instead of CURRENT_TIMESTAMP.
  bool zero_timestamps = false;
};

std::string Normalized(const schema::ColumnType& t) {
  return t.normalized.empty() ? NormalizeType(t.raw) : t.normalized;
}

std::string Base(const std::string& normalized) {
  return normalized.substr(0, normalized.find('('));
}

// The numbers of an argument list "(10,2)": {10, 2}; empty without one.
std::vector<int> Args(const std::string& normalized) {
  std::vector<int> out;
  const size_t open = normalized.find('(');
  if (open == std::string::npos) {
    return out;
  }
  int cur = 0;
  bool digits = false;
  for (size_t i = open + 1; i < normalized.size(); ++i) {
    const char c = normalized[i];
    if (c >= '0' && c <= '9') {
      cur = cur * 10 + (c - '0');
      digits = true;
    } else if (c == ',' || c == ')') {
      if (digits) {
        out.push_back(cur);
      }
      cur = 0;
      digits = false;
    }
  }
  return out;
}

// The types MySQL fills with 0 (numbers, bits, booleans, binary strings and blobs), spelled as
// Atlas's mysql.FormatType prints them; nullopt for other types.
std::optional<std::string> ZeroFilled(const schema::ColumnType& t) {
  const std::string n = Normalized(t);
  const std::string base = Base(n);
  const std::string sign = t.is_unsigned ? " unsigned" : "";
  const std::vector<int> args = Args(n);
  for (const char* k : {"tinyint", "smallint", "mediumint", "int", "bigint"}) {
    if (base == k) {
      return base + sign;
    }
  }
  if (base == "bool") {
    return base;
  }
  if (base == "bit" || base == "binary") {
    return args.empty() || args[0] <= 1 ? base : n;  // BIT(1) / BINARY(1) print bare
  }
  if (base == "varbinary") {
    return n;
  }
  for (const char* k : {"tinyblob", "blob", "mediumblob", "longblob"}) {
    if (base == k) {
      return base;
    }
  }
  if (base == "decimal") {
    const int p = args.empty() || args[0] == 0 ? 10 : args[0];
    const int s = args.size() > 1 ? args[1] : 0;
    return (s == 0 ? fmt::format("decimal({})", p) : fmt::format("decimal({},{})", p, s)) + sign;
  }
  if (base == "float" || base == "double") {
    // FLOAT(p) with p > 24 is a DOUBLE.
    const bool dbl = base == "double" || (args.size() == 1 && args[0] > 24);
    return std::string(dbl ? "double" : "float") + sign;
  }
  return std::nullopt;
}

bool IsOneOf(const std::string& base, std::initializer_list<std::string_view> names) {
  for (const auto n : names) {
    if (base == n) {
      return true;
    }
  }
  return false;
}

bool IsSpatial(const std::string& base) {
  return IsOneOf(base, {"geometry", "point", "linestring", "polygon", "multipoint",
                        "multilinestring", "multipolygon", "geometrycollection", "geomcollection"});
}

// Atlas's mysqlcheck addNotNull: MY101 with the value existing rows get, or MF103 where the
// statement fails (DATE/DATETIME and spatial types on MySQL). A later UPDATE of the file that
// fills the column silences MY101.
std::vector<lint::Diagnostic> AddNotNull(const Server& server, const lint::ColumnPass& p) {
  std::vector<lint::Diagnostic> out;
  const std::string& table = p.change.to.name;
  const auto implicit = [&](std::string_view type, std::string_view value) {
    if (lint::MysqlColumnFilledAfter(p.pass, table, p.column.name)) {
      return;
    }
    out.push_back(
        {"MY101",
         fmt::format("Adding a non-nullable {} column {} on table {} without a default "
                     "value implicitly sets existing rows with {}",
                     lint::Quote(type), lint::Quote(p.column.name), lint::Quote(table), value),
         "", p.change_index});
  };
  const std::string base = Base(Normalized(p.column.type));
  if (const auto numeric = ZeroFilled(p.column.type)) {
    implicit(*numeric, "0");
  } else if (base == "varchar" || base == "char") {
    implicit(base, R"("")");
  } else if (IsOneOf(base, {"tinytext", "text", "mediumtext", "longtext", "json"})) {
    // MySQL fills '' (text) and JSON null as well; Atlas reports these on MariaDB only.
    if (server.maria) {
      implicit(base, R"("")");
    }
  } else if (base == "enum") {
    if (!p.column.type.enum_values.empty()) {
      implicit(base, lint::Quote(p.column.type.enum_values[0]));
    }
  } else if (base == "set") {
    implicit(base, R"("")");
  } else if (base == "date" || base == "datetime") {
    if (server.maria) {
      implicit(base, "00:00:00");
    } else {
      out.push_back(lint::NotNullWillFail(p, base));
    }
  } else if (base == "year") {
    implicit(base, "0000");
  } else if (base == "time") {
    implicit(base, "00:00:00");
  } else if (base == "timestamp") {
    bool zero = server.zero_timestamps;
    if (server.maria) {
      // MariaDB gives only the table's first TIMESTAMP column CURRENT_TIMESTAMP.
      for (const auto& c : p.change.to.columns) {
        if (c.name == p.column.name) {
          break;
        }
        if (Base(Normalized(c.type)) == "timestamp") {
          zero = true;
          break;
        }
      }
    }
    implicit(base, zero ? "0000-00-00 00:00:00" : "CURRENT_TIMESTAMP");
  } else if (IsSpatial(base)) {
    if (server.maria) {
      implicit(base, R"("")");
    } else {
      out.push_back(lint::NotNullWillFail(p, base));
    }
  }
  return out;
}

lint::Registry Build(Server server) {
  lint::Registry r;
  lint::DataDependHooks hooks;
  hooks.add_not_null = [server](const lint::ColumnPass& p) { return AddNotNull(server, p); };
  hooks.codes = {"MY101"};
  lint::RegisterBuiltinAnalyzers(r, std::move(hooks));
  for (auto* factory : {&lint::NewMysqlInlineRefsAnalyzer, &lint::NewMysqlEnumChangeAnalyzer}) {
    const base::Status st = r.Register(factory());
    ATLAS_CHECK(st.ok(), "MySQL lint analyzers conflict: " + st.ErrorString());
  }
  return r;
}

}  // namespace

const lint::Registry& LintAnalyzers(Flavor flavor, int version) {
  static const lint::Registry maria = Build({true, false});
  static const lint::Registry mysql8 = Build({false, true});
  static const lint::Registry mysql57 = Build({false, false});
  if (flavor == Flavor::kMariaDb) {
    return maria;
  }
  return version >= 80002 ? mysql8 : mysql57;
}

}  // namespace atlas::engine::drivers::mysql
