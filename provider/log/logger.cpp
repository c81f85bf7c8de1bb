#include "provider/log/logger.hpp"

#include <cctype>
#include <cerrno>
#include <ctime>
#include <utility>

#include <unistd.h>

#include <fmt/format.h>

namespace atlas::provider::log {
namespace {

std::string ToUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// JSON-encodes a string, replacing invalid UTF-8 instead of throwing.
std::string JsonString(std::string_view s) {
  return nlohmann::json(std::string(s))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kTrace:
      return "trace";
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
    case Level::kOff:
      return "off";
  }
  return "off";
}

std::optional<Level> ParseLevel(std::string_view value) {
  if (value.empty()) {
    return std::nullopt;
  }
  const std::string upper = ToUpper(value);
  if (upper == "TRACE" || upper == "JSON") {
    return Level::kTrace;
  }
  if (upper == "DEBUG") {
    return Level::kDebug;
  }
  if (upper == "INFO") {
    return Level::kInfo;
  }
  if (upper == "WARN") {
    return Level::kWarn;
  }
  if (upper == "ERROR") {
    return Level::kError;
  }
  if (upper == "OFF") {
    return Level::kOff;
  }
  return Level::kTrace;
}

Level LevelFromEnv(std::string_view tf_log_provider, std::string_view tf_log) {
  if (auto level = ParseLevel(tf_log_provider)) {
    return *level;
  }
  if (auto level = ParseLevel(tf_log)) {
    return *level;
  }
  return Level::kOff;
}

std::string FormatTimestamp(std::chrono::system_clock::time_point when) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
  auto seconds = micros / 1000000;
  auto fraction = micros % 1000000;
  if (fraction < 0) {  // before 1970: floor division
    fraction += 1000000;
    seconds -= 1;
  }
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:06d}Z", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, fraction);
}

std::string FormatLine(Level level, std::string_view message, std::string_view module,
                       std::chrono::system_clock::time_point when, const Fields& fields) {
  std::string line;
  line.reserve(128 + message.size());
  line += R"({"@level":)";
  line += JsonString(LevelName(level));
  line += R"(,"@message":)";
  line += JsonString(message);
  line += R"(,"@module":)";
  line += JsonString(module);
  line += R"(,"@timestamp":)";
  line += JsonString(FormatTimestamp(when));
  for (const Field& field : fields) {
    line += ',';
    line += JsonString(!field.key.empty() && field.key[0] == '@' ? "_" + field.key : field.key);
    line += ':';
    line += field.value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  line += '}';
  return line;
}

LineSink StderrSink() {
  return [](std::string_view line) {
    const char* data = line.data();
    size_t left = line.size();
    while (left > 0) {
      const ssize_t n = ::write(STDERR_FILENO, data, left);
      if (n < 0) {
        if (errno == EINTR) {
          continue;
        }
        return;  // stderr gone: nothing sensible left to do with a log line
      }
      data += n;
      left -= static_cast<size_t>(n);
    }
  };
}

Logger::Logger(Level min_level, std::string module, LineSink sink)
    : Logger(min_level, std::move(module), std::make_shared<Output>()) {
  output_->sink = std::move(sink);
}

Logger::Logger(Level min_level, std::string module, std::shared_ptr<Output> output)
    : min_level_(min_level), module_(std::move(module)), output_(std::move(output)) {}

Logger Logger::Null() {
  return {Level::kOff, "", LineSink{}};
}

Logger Logger::Named(std::string_view name) const {
  std::string module = module_.empty() ? std::string(name) : module_ + "." + std::string(name);
  return Logger(min_level_, std::move(module), output_);
}

void Logger::Log(Level level, std::string_view message, const Fields& fields) const {
  if (!Enabled(level)) {
    return;
  }
  std::string line = FormatLine(level, message, module_, std::chrono::system_clock::now(), fields);
  line += '\n';
  const std::lock_guard<std::mutex> lock(output_->mu);
  if (output_->sink) {
    output_->sink(line);
  }
}

void Logger::Trace(std::string_view message, const Fields& fields) const {
  Log(Level::kTrace, message, fields);
}
void Logger::Debug(std::string_view message, const Fields& fields) const {
  Log(Level::kDebug, message, fields);
}
void Logger::Info(std::string_view message, const Fields& fields) const {
  Log(Level::kInfo, message, fields);
}
void Logger::Warn(std::string_view message, const Fields& fields) const {
  Log(Level::kWarn, message, fields);
}
void Logger::Error(std::string_view message, const Fields& fields) const {
  Log(Level::kError, message, fields);
}

}  // namespace atlas::provider::log
