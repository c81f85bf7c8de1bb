#include "tests/unit/provider/plugin/child_process.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <sys/syscall.h>
#include <sys/wait.h>

namespace atlas::provider::plugin::testing {
namespace {

using Clock = std::chrono::steady_clock;

bool ReadAvailable(int fd, std::string* into) {
  std::array<char, 4096> buf{};
  while (true) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n > 0) {
      into->append(buf.data(), static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    return n == 0;  // true at EOF; false when it would block
  }
}

}  // namespace

std::optional<ChildProcess> ChildProcess::Spawn(const std::string& binary,
                                                const std::vector<std::string>& args,
                                                const std::map<std::string, std::string>& env) {
  std::array<int, 2> out{};
  std::array<int, 2> err{};
  if (::pipe2(out.data(), O_CLOEXEC) != 0 || ::pipe2(err.data(), O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe2 failed";
    return std::nullopt;
  }
  std::vector<std::string> argv_store{binary};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<std::string> env_store;
  env_store.reserve(env.size());
  for (const auto& [k, v] : env) {
    env_store.push_back(k);
    env_store.back().append("=").append(v);
  }
  std::vector<char*> argv;
  argv.reserve(argv_store.size() + 1);
  for (auto& s : argv_store) {
    argv.push_back(s.data());
  }
  argv.push_back(nullptr);
  std::vector<char*> envp;
  envp.reserve(env_store.size() + 1);
  for (auto& s : env_store) {
    envp.push_back(s.data());
  }
  envp.push_back(nullptr);

  const pid_t pid = ::fork();  // NOLINT(concurrency-mt-unsafe): the child only dup2s and execs
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return std::nullopt;
  }
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(binary.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  ::fcntl(out[0], F_SETFL, O_NONBLOCK);
  ::fcntl(err[0], F_SETFL, O_NONBLOCK);
  const int pid_fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pid_fd < 0) {
    ADD_FAILURE() << "pidfd_open failed";
  }
  return ChildProcess(pid, out[0], err[0], pid_fd);
}

ChildProcess::ChildProcess(pid_t pid, int out_fd, int err_fd, int pid_fd)
    : pid_(pid), out_fd_(out_fd), err_fd_(err_fd), pid_fd_(pid_fd) {}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      out_fd_(std::exchange(other.out_fd_, -1)),
      err_fd_(std::exchange(other.err_fd_, -1)),
      pid_fd_(std::exchange(other.pid_fd_, -1)),
      exited_(other.exited_),
      exit_code_(other.exit_code_),
      out_(std::move(other.out_)),
      err_(std::move(other.err_)),
      out_consumed_(other.out_consumed_) {}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !exit_code_) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  CloseFds();
}

void ChildProcess::CloseFds() {
  for (int* fd : {&out_fd_, &err_fd_, &pid_fd_}) {
    if (*fd >= 0) {
      ::close(*fd);
      *fd = -1;
    }
  }
}

void ChildProcess::PumpOnce(std::chrono::milliseconds timeout) {
  std::array<pollfd, 3> fds{};
  nfds_t n = 0;
  if (out_fd_ >= 0) {
    fds[n++] = {out_fd_, POLLIN, 0};
  }
  if (err_fd_ >= 0) {
    fds[n++] = {err_fd_, POLLIN, 0};
  }
  if (pid_fd_ >= 0 && !exited_) {
    fds[n++] = {pid_fd_, POLLIN, 0};
  }
  if (n == 0) {
    return;
  }
  if (::poll(fds.data(), n, static_cast<int>(timeout.count())) <= 0) {
    return;
  }
  for (nfds_t i = 0; i < n; ++i) {
    if (fds[i].revents == 0) {
      continue;
    }
    if (fds[i].fd == pid_fd_) {
      exited_ = true;
    } else if (fds[i].fd == out_fd_) {
      if (ReadAvailable(out_fd_, &out_)) {
        ::close(out_fd_);
        out_fd_ = -1;
      }
    } else if (fds[i].fd == err_fd_) {
      if (ReadAvailable(err_fd_, &err_)) {
        ::close(err_fd_);
        err_fd_ = -1;
      }
    }
  }
}

void ChildProcess::Drain() {
  if (out_fd_ >= 0) {
    ReadAvailable(out_fd_, &out_);
  }
  if (err_fd_ >= 0) {
    ReadAvailable(err_fd_, &err_);
  }
}

std::optional<std::string> ChildProcess::ReadStdoutLine(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    const size_t nl = out_.find('\n', out_consumed_);
    if (nl != std::string::npos) {
      std::string line = out_.substr(out_consumed_, nl - out_consumed_);
      out_consumed_ = nl + 1;
      return line;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0 || (out_fd_ < 0 && exited_)) {
      return std::nullopt;
    }
    PumpOnce(left);
  }
}

std::optional<int> ChildProcess::WaitExit(std::chrono::milliseconds timeout) {
  if (exit_code_) {
    return exit_code_;
  }
  const auto deadline = Clock::now() + timeout;
  while (!exited_) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      return std::nullopt;
    }
    PumpOnce(left);
  }
  int status = 0;
  if (::waitpid(pid_, &status, 0) != pid_) {
    return std::nullopt;
  }
  Drain();
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return exit_code_;
}

void ChildProcess::Signal(int sig) const {
  ::kill(pid_, sig);
}

}  // namespace atlas::provider::plugin::testing
