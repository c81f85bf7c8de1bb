#pragma once
// ChildProcess: runs an executable with a chosen environment and captures its stdout/stderr, for
// the plugin end-to-end tests. Every wait has a deadline (poll on the pipes and a pidfd), never a
// sleep. The destructor SIGKILLs and reaps a child that is still running.
//
// Thread-compatible: one test thread owns an instance.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace atlas::provider::plugin::testing {

class ChildProcess {
 public:
  // Starts `binary` with `args` (argv[1..]) and exactly `env` as its environment. Fails the calling
  // test (ADD_FAILURE) and returns nullopt when the process cannot be started.
  static std::optional<ChildProcess> Spawn(const std::string& binary,
                                           const std::vector<std::string>& args,
                                           const std::map<std::string, std::string>& env);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  // The first complete stdout line (without '\n'), waiting at most `timeout`.
  std::optional<std::string> ReadStdoutLine(std::chrono::milliseconds timeout);
  // Waits for the process to exit; returns its exit code, or 128+signal when killed, or nullopt on
  // timeout.
  std::optional<int> WaitExit(std::chrono::milliseconds timeout);
  void Signal(int sig) const;

  const std::string& stdout_text() const { return out_; }
  const std::string& stderr_text() const { return err_; }

 private:
  ChildProcess(pid_t pid, int out_fd, int err_fd, int pid_fd);
  // Polls once (up to `timeout`), appending whatever the pipes hold; sets exited_ when the pidfd
  // fires.
  void PumpOnce(std::chrono::milliseconds timeout);
  void Drain();
  void CloseFds();

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  int pid_fd_ = -1;
  bool exited_ = false;
  std::optional<int> exit_code_;
  std::string out_;
  std::string err_;
  size_t out_consumed_ = 0;
};

}  // namespace atlas::provider::plugin::testing
