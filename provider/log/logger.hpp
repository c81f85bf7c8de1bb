#pragma once
// hclog-style JSON-lines logger for the provider process.
//
// Each line is one JSON object: {"@level":..,"@message":..,"@module":..,"@timestamp":..,<extra
// fields>}, in the shape go-plugin parses from a plugin's stderr (docs/terraform-plugin-protocol.md
// §6). The timestamp is UTC with exactly six fractional digits and a trailing `Z`. Messages and
// fields must already be redacted: the logger never inspects them (URLs go through engine/url
// redaction before they reach it).
//
// The minimum level comes from TF_LOG_PROVIDER, then TF_LOG (see LevelFromEnv). The environment is
// read once in main and the values are passed in; nothing here calls getenv.
//
// Thread-safety: a Logger is safe to use from any number of threads. Loggers derived with Named()
// share the original's sink and its mutex, so lines from all of them never interleave.

#include <chrono>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace atlas::provider::log {

enum class Level { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// Lower-case hclog name ("trace" ... "error"); "off" for kOff.
std::string_view LevelName(Level level);

// Parses a Terraform log level value case-insensitively: TRACE, DEBUG, INFO, WARN, ERROR, OFF; JSON
// means TRACE. Empty means "not set" (nullopt). Any other value is treated as TRACE, as Terraform
// does.
std::optional<Level> ParseLevel(std::string_view value);

// Effective level: TF_LOG_PROVIDER when set and non-empty, else TF_LOG, else kOff. Arguments are
// the raw variable values (empty string when unset).
Level LevelFromEnv(std::string_view tf_log_provider, std::string_view tf_log);

// One extra key/value pair on a line. Keys starting with '@' are reserved and are prefixed with '_'
// on output.
struct Field {
  std::string key;
  nlohmann::json value;
};
using Fields = std::vector<Field>;

// Formats one log line (without the trailing newline). Pure; exposed for tests.
std::string FormatLine(Level level, std::string_view message, std::string_view module,
                       std::chrono::system_clock::time_point when, const Fields& fields);

// Formats a timestamp as 2006-01-02T15:04:05.000000Z (UTC, microseconds).
std::string FormatTimestamp(std::chrono::system_clock::time_point when);

// Where complete lines go. Called with the line including its trailing '\n', under the logger's
// mutex.
using LineSink = std::function<void(std::string_view line)>;

// A sink writing to file descriptor 2 with write(2), retrying on partial writes and EINTR.
LineSink StderrSink();

class Logger {
 public:
  // A logger that writes lines at or above `min_level` for module `module` (e.g. "provider.atlas")
  // to `sink`.
  Logger(Level min_level, std::string module, LineSink sink);
  // A logger that drops everything.
  static Logger Null();

  // A logger for a sub-module ("<module>.<name>") sharing this one's sink, level and lock.
  Logger Named(std::string_view name) const;

  bool Enabled(Level level) const { return level != Level::kOff && level >= min_level_; }
  Level min_level() const { return min_level_; }
  const std::string& module() const { return module_; }

  void Log(Level level, std::string_view message, const Fields& fields = {}) const;
  void Trace(std::string_view message, const Fields& fields = {}) const;
  void Debug(std::string_view message, const Fields& fields = {}) const;
  void Info(std::string_view message, const Fields& fields = {}) const;
  void Warn(std::string_view message, const Fields& fields = {}) const;
  void Error(std::string_view message, const Fields& fields = {}) const;

 private:
  // Shared between a logger and the loggers Named() derives from it. Shared ownership is the point:
  // derived loggers are handed to components that may outlive the scope that made the root.
  struct Output {
    std::mutex mu;
    LineSink sink;
  };
  Logger(Level min_level, std::string module, std::shared_ptr<Output> output);

  Level min_level_;
  std::string module_;
  std::shared_ptr<Output> output_;
};

}  // namespace atlas::provider::log
