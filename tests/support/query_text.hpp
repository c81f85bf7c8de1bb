#pragma once
// Test helper: the rows of a query as text lines, columns joined by '|' and NULL as "NULL", on a
// fresh connection of driver `Driver` (drivers::postgres::PostgresDriver,
// drivers::mysql::MysqlDriver: anything with a static Open(url::Url) and conn().Query(sql)).
// Failures are test failures (EXPECT), with an empty result.

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "engine/url/url.hpp"

namespace atlas::tests::support {

template <typename Driver>
std::vector<std::string> QueryAsText(std::string_view url, const std::string& sql) {
  std::vector<std::string> out;
  auto u = engine::url::Url::Parse(url);
  EXPECT_TRUE(u.ok()) << u.ErrorString();
  if (!u.ok()) {
    return out;
  }
  auto d = Driver::Open(*u);
  EXPECT_TRUE(d.ok()) << d.ErrorString();
  if (!d.ok()) {
    return out;
  }
  auto rows = (*d)->conn().Query(sql);
  EXPECT_TRUE(rows.ok()) << rows.ErrorString();
  for (int i = 0; rows.ok() && i < rows->size(); ++i) {
    std::string line;
    for (int c = 0; c < rows->columns(); ++c) {
      line += (c > 0 ? "|" : "") +
              (rows->IsNull(i, c) ? std::string("NULL") : std::string(rows->Text(i, c)));
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace atlas::tests::support
