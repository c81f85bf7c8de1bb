#include "provider/log/logger.hpp"

#include <chrono>
#include <cstdint>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace atlas::provider::log {
namespace {

using std::chrono::microseconds;
using std::chrono::system_clock;

system_clock::time_point At(int64_t micros_since_epoch) {
  return system_clock::time_point(
      std::chrono::duration_cast<system_clock::duration>(microseconds(micros_since_epoch)));
}

// Captures lines written by a Logger.
struct Capture {
  std::vector<std::string> lines;
  LineSink Sink() {
    return [this](std::string_view line) { lines.emplace_back(line); };
  }
};

TEST(LoggerTest, TimestampHasSixFractionalDigitsAndZ) {
  EXPECT_EQ(FormatTimestamp(At(0)), "1970-01-01T00:00:00.000000Z");
  // 2026-01-02T15:04:05.000007Z
  EXPECT_EQ(FormatTimestamp(At(1767366245000007LL)), "2026-01-02T15:04:05.000007Z");
  EXPECT_EQ(FormatTimestamp(At(1767366245123456LL)), "2026-01-02T15:04:05.123456Z");
}

TEST(LoggerTest, FormatLineHasHclogKeysInOrderThenFields) {
  const std::string line =
      FormatLine(Level::kDebug, "planning schema", "provider.atlas", At(1767366245000000LL),
                 {{"url_redacted", "postgres://u:xxxxx@h/db"}, {"count", 3}});
  EXPECT_EQ(
      line,
      R"({"@level":"debug","@message":"planning schema","@module":"provider.atlas",)"
      R"("@timestamp":"2026-01-02T15:04:05.000000Z","url_redacted":"postgres://u:xxxxx@h/db","count":3})");
}

TEST(LoggerTest, FormatLineEscapesAndProtectsReservedKeys) {
  const std::string line =
      FormatLine(Level::kError, "bad \"quote\"\nnext\xff", "m", At(0), {{"@level", "spoof"}});
  EXPECT_EQ(line,
            "{\"@level\":\"error\",\"@message\":\"bad "
            "\\\"quote\\\"\\nnext\xEF\xBF\xBD\",\"@module\":\"m\","
            "\"@timestamp\":\"1970-01-01T00:00:00.000000Z\",\"_@level\":\"spoof\"}");
  // Still one valid JSON object whose @level is a string.
  const auto parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["@level"], "error");
}

TEST(LoggerTest, LevelFromEnvPrefersProviderVariable) {
  EXPECT_EQ(LevelFromEnv("", ""), Level::kOff);
  EXPECT_EQ(LevelFromEnv("", "DEBUG"), Level::kDebug);
  EXPECT_EQ(LevelFromEnv("warn", "TRACE"), Level::kWarn);
  EXPECT_EQ(LevelFromEnv("OFF", "TRACE"), Level::kOff);
  EXPECT_EQ(LevelFromEnv("", "JSON"), Level::kTrace);
  EXPECT_EQ(LevelFromEnv("", "verbose-please"), Level::kTrace);
  EXPECT_EQ(LevelFromEnv("", "info"), Level::kInfo);
  EXPECT_EQ(LevelFromEnv("Error", ""), Level::kError);
}

TEST(LoggerTest, FiltersBelowMinimumLevel) {
  Capture capture;
  const Logger logger(Level::kInfo, "provider.atlas", capture.Sink());
  logger.Trace("t");
  logger.Debug("d");
  logger.Info("i");
  logger.Warn("w");
  logger.Error("e");
  ASSERT_EQ(capture.lines.size(), 3U);
  const std::regex shape(
      R"re(^\{"@level":"(info|warn|error)","@message":"[iwe]","@module":"provider\.atlas",)re"
      R"re("@timestamp":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z"\}\n$)re");
  for (const auto& line : capture.lines) {
    EXPECT_TRUE(std::regex_match(line, shape)) << line;
  }
  EXPECT_EQ(nlohmann::json::parse(capture.lines[0])["@message"], "i");
  EXPECT_EQ(nlohmann::json::parse(capture.lines[2])["@level"], "error");
}

TEST(LoggerTest, OffAndNullLoggersWriteNothing) {
  Capture capture;
  const Logger off(Level::kOff, "m", capture.Sink());
  off.Error("e");
  Logger::Null().Error("e");
  EXPECT_TRUE(capture.lines.empty());
}

TEST(LoggerTest, NamedSharesSinkAndExtendsModule) {
  Capture capture;
  const Logger root(Level::kTrace, "provider.atlas", capture.Sink());
  const Logger child = root.Named("plugin");
  child.Info("x");
  ASSERT_EQ(capture.lines.size(), 1U);
  EXPECT_EQ(nlohmann::json::parse(capture.lines[0])["@module"], "provider.atlas.plugin");
}

TEST(LoggerTest, ConcurrentLinesNeverInterleave) {
  Capture capture;
  const Logger logger(Level::kTrace, "m", capture.Sink());
  constexpr int kThreads = 4;
  constexpr int kLines = 200;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&logger, t] {
      for (int i = 0; i < kLines; ++i) {
        logger.Info("line", {{"thread", t}, {"i", i}});
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  ASSERT_EQ(capture.lines.size(), static_cast<size_t>(kThreads * kLines));
  for (const auto& line : capture.lines) {
    ASSERT_EQ(line.back(), '\n');
    EXPECT_EQ(nlohmann::json::parse(line)["@message"], "line");
  }
}

}  // namespace
}  // namespace atlas::provider::log
