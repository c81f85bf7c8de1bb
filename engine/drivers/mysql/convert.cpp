#include "engine/drivers/mysql/convert.hpp"

#include <array>
#include <cctype>

namespace atlas::engine::drivers::mysql {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// Removes a trailing word (" unsigned") outside of the argument list; true when found.
bool StripWord(std::string& s, std::string_view word) {
  const size_t close = s.rfind(')');
  size_t pos = s.find(word, close == std::string::npos ? 0 : close);
  if (pos == std::string::npos) {
    return false;
  }
  s.erase(pos, word.size());
  return true;
}

constexpr std::array<std::string_view, 5> kIntegers = {"tinyint", "smallint", "mediumint", "int",
                                                       "bigint"};

// Base name and argument text "(...)" (empty when none) of a lower-case, trimmed spelling.
void SplitCall(const std::string& s, std::string* base, std::string* args) {
  const size_t open = s.find('(');
  if (open == std::string::npos) {
    *base = Trim(s);
    args->clear();
    return;
  }
  *base = Trim(std::string_view(s).substr(0, open));
  *args = s.substr(open);
}

// Lower-cases everything outside single-quoted strings, collapses spaces outside them, drops
// spaces after commas in the argument list.
std::string Canon(std::string_view text) {
  std::string out;
  bool quoted = false;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '\'') {
        if (i + 1 < text.size() && text[i + 1] == '\'') {
          out += text[++i];
        } else {
          quoted = false;
        }
      }
      continue;
    }
    if (c == '\'') {
      quoted = true;
      if (space && !out.empty() && out.back() != '(' && out.back() != ',') {
        out += ' ';
      }
      space = false;
      out += c;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != '(' && out.back() != ',' && c != '(' && c != ')' &&
        c != ',') {
      out += ' ';
    }
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::string QuoteValue(std::string_view v) {
  std::string out = "'";
  for (const char c : v) {
    out += c;
    if (c == '\'') {
      out += '\'';
    }
  }
  return out + "'";
}

std::vector<std::string> ParseEnumValues(std::string_view args) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < args.size()) {
    if (args[i] != '\'') {
      ++i;
      continue;
    }
    std::string v;
    ++i;
    while (i < args.size()) {
      const char c = args[i];
      if (c == '\\' && i + 1 < args.size()) {
        v += args[i + 1];
        i += 2;
        continue;
      }
      if (c == '\'') {
        if (i + 1 < args.size() && args[i + 1] == '\'') {
          v += '\'';
          i += 2;
          continue;
        }
        ++i;
        break;
      }
      v += c;
      ++i;
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::string NormalizeType(std::string_view text) {
  return ParseType(text).normalized;
}

schema::ColumnType ParseType(std::string_view text) {
  schema::ColumnType t;
  t.raw = Trim(text);
  std::string s = Canon(t.raw);
  std::string base;
  std::string args;
  SplitCall(s, &base, &args);
  if (base == "enum" || base == "set") {
    t.enum_values = ParseEnumValues(args);
    std::string n = base + "(";
    for (size_t i = 0; i < t.enum_values.size(); ++i) {
      n += (i == 0 ? "" : ",") + QuoteValue(t.enum_values[i]);
    }
    t.normalized = n + ")";
    return t;
  }
  t.is_unsigned = StripWord(s, " unsigned");
  t.zerofill = StripWord(s, " zerofill");
  if (t.zerofill) {
    t.is_unsigned = true;  // ZEROFILL implies UNSIGNED
  }
  (void)StripWord(s, " signed");
  SplitCall(Trim(s), &base, &args);
  if (base == "integer") {
    base = "int";
  } else if (base == "int1") {
    base = "tinyint";
  } else if (base == "int2") {
    base = "smallint";
  } else if (base == "int3" || base == "middleint") {
    base = "mediumint";
  } else if (base == "int4") {
    base = "int";
  } else if (base == "int8") {
    base = "bigint";
  } else if (base == "boolean") {
    base = "bool";
  } else if (base == "numeric" || base == "dec" || base == "fixed") {
    base = "decimal";
  } else if (base == "real" || base == "double precision" || base == "float8") {
    base = "double";
  } else if (base == "float4") {
    base = "float";
  } else if (base == "character varying" || base == "char varying") {
    base = "varchar";
  } else if (base == "character") {
    base = "char";
  } else if (base == "national varchar" || base == "nvarchar") {
    base = "varchar";
  }
  for (const auto i : kIntegers) {
    if (base == i) {
      if (base == "tinyint" && args == "(1)" && !t.is_unsigned && !t.zerofill) {
        base = "bool";
      }
      args.clear();  // display width
    }
  }
  if (base == "decimal") {
    if (args.empty()) {
      args = "(10,0)";
    } else if (args.find(',') == std::string::npos) {
      args.insert(args.size() - 1, ",0");
    }
  } else if ((base == "char" || base == "binary" || base == "bit") && args.empty()) {
    args = "(1)";
  } else if ((base == "timestamp" || base == "datetime" || base == "time") && args == "(0)") {
    args.clear();
  } else if (base == "year") {
    args.clear();
  }
  t.normalized = base + args;
  return t;
}

std::string TypeSql(const schema::ColumnType& type) {
  std::string out = type.normalized.empty() ? NormalizeType(type.raw) : type.normalized;
  if (type.is_unsigned) {
    out += " unsigned";
  }
  if (type.zerofill) {
    out += " zerofill";
  }
  return out;
}

bool IsCharType(const schema::ColumnType& type) {
  const std::string n = type.normalized.empty() ? NormalizeType(type.raw) : type.normalized;
  const std::string base = n.substr(0, n.find('('));
  for (const char* k :
       {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"}) {
    if (base == k) {
      return true;
    }
  }
  return false;
}

std::string NormalizeDefaultExpr(std::string_view expr) {
  std::string s;
  for (const char c : Lower(expr)) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) {
      s += c;
    }
  }
  while (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    s = s.substr(1, s.size() - 2);
  }
  for (const char* alias : {"current_timestamp", "now", "localtime", "localtimestamp"}) {
    const std::string a(alias);
    if (s == a || s == a + "()") {
      return "current_timestamp";
    }
    if (s.rfind(a + "(", 0) == 0 && s.back() == ')') {
      const std::string n = s.substr(a.size() + 1, s.size() - a.size() - 2);
      return n == "0" ? "current_timestamp" : "current_timestamp(" + n + ")";
    }
  }
  return s;
}

}  // namespace atlas::engine::drivers::mysql
