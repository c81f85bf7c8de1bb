#pragma once
// Process: a child process started with fork/exec, stdin on /dev/null, stdout and stderr on pipes that
// background threads drain continuously (so the child never blocks on a full pipe). Lets a test read
// stdout line by line with a deadline, wait for a stderr marker, and wait for exit with a deadline.
// The destructor SIGKILLs a child that is still running and reaps it.
// Thread-safe: every public method may be called from any thread.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/base/result.hpp"

namespace atlas::tests::acceptance {

struct ProcessOptions {
  std::filesystem::path program;          // absolute path; no PATH search
  std::vector<std::string> args;          // argv[1..]
  std::vector<std::string> env;           // the complete environment, "KEY=VALUE"
  std::optional<std::filesystem::path> cwd;
  // Run as this user (setgroups/setgid/setuid in the child). Needs root; ignored when unset.
  std::optional<uid_t> uid;
  std::optional<gid_t> gid;
  // SIGKILL the child when the thread that started it dies (PR_SET_PDEATHSIG), so servers never
  // outlive a crashed test binary. Start such processes from a long-lived thread (the test's).
  bool kill_on_parent_death = true;
};

struct ExitStatus {
  int code = -1;    // exit code when the child exited normally, else -1
  int signal = 0;   // terminating signal, else 0
  bool Exited() const { return signal == 0 && code >= 0; }
  std::string ToString() const;
};

class Process {
 public:
  // Starts the child. Fails (as a value) when fork or exec fails, e.g. a missing binary.
  static engine::base::Result<std::unique_ptr<Process>> Start(const ProcessOptions& options);

  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  Process(Process&&) = delete;
  Process& operator=(Process&&) = delete;

  pid_t pid() const { return pid_; }

  // Next complete stdout line (without the newline). nullopt when the deadline passes or stdout
  // reached EOF without another complete line.
  std::optional<std::string> ReadStdoutLine(std::chrono::milliseconds timeout);
  // Every byte written to stdout / stderr so far.
  std::string Stdout() const;
  std::string Stderr() const;
  // Complete stderr lines so far.
  std::vector<std::string> StderrLines() const;
  // Waits until stderr contains `needle`. False when the deadline passes or stderr closes first.
  bool WaitForStderr(std::string_view needle, std::chrono::milliseconds timeout);

  // Waits until both stdout and stderr reached EOF (all output collected). False on timeout.
  bool WaitForOutputClosed(std::chrono::milliseconds timeout);
  // Exit status once the child has exited, waiting up to `timeout`.
  std::optional<ExitStatus> Wait(std::chrono::milliseconds timeout);
  bool Running() const;
  // Sends `sig` unless the child has already exited.
  void Signal(int sig);
  // SIGKILL if still running, then waits for exit.
  ExitStatus Kill();

 private:
  Process() = default;
  void DrainLoop(int fd, bool is_stdout);
  void WaitLoop();

  pid_t pid_ = -1;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string stdout_;           // guarded by mu_
  std::size_t stdout_read_ = 0;  // guarded by mu_: offset of the next unread stdout line
  bool stdout_eof_ = false;      // guarded by mu_
  std::string stderr_;           // guarded by mu_
  bool stderr_eof_ = false;      // guarded by mu_
  std::optional<ExitStatus> exit_;  // guarded by mu_
  std::thread stdout_thread_;
  std::thread stderr_thread_;
  std::thread wait_thread_;
};

// The current process environment as "KEY=VALUE" strings.
std::vector<std::string> CurrentEnvironment();
// Sets (replacing) or removes KEY in an environment list.
void SetEnv(std::vector<std::string>& env, std::string_view key, std::string_view value);
void UnsetEnv(std::vector<std::string>& env, std::string_view key);

}  // namespace atlas::tests::acceptance
