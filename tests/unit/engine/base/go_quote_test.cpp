// Go's %q as Atlas prints names in plan comments and lint messages.

#include <string>

#include <gtest/gtest.h>

#include "engine/base/go_quote.hpp"

namespace atlas::engine::base {
namespace {

TEST(GoQuoteTest, EscapesQuotesBackslashesAndControlBytes) {
  EXPECT_EQ(GoQuote("users"), "\"users\"");
  EXPECT_EQ(GoQuote("we\"ird\\name"), "\"we\\\"ird\\\\name\"");
  EXPECT_EQ(GoQuote("a\nb\tc\rd"), "\"a\\nb\\tc\\rd\"");
  EXPECT_EQ(GoQuote(std::string("x\x01y\x7f", 4)), "\"x\\x01y\\x7f\"");
}

TEST(GoQuoteTest, KeepsNonAsciiBytes) { EXPECT_EQ(GoQuote("zoë"), "\"zoë\""); }

}  // namespace
}  // namespace atlas::engine::base
