#include "tests/acceptance/process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include <fmt/format.h>

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX name

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;

std::string ErrnoText(int err) { return std::error_code(err, std::system_category()).message(); }

// Closes a descriptor when it goes out of scope.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { Reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    Reset();
    fd_ = std::exchange(o.fd_, -1);
    return *this;
  }
  int get() const { return fd_; }
  int Release() { return std::exchange(fd_, -1); }
  void Reset() {
    if (fd_ >= 0) {
      close(fd_);
      fd_ = -1;
    }
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

engine::base::Result<Pipe> MakePipe() {
  std::array<int, 2> fds{};
  if (pipe2(fds.data(), O_CLOEXEC) != 0) {
    return Error("pipe2 failed", ErrnoText(errno));
  }
  return Pipe{Fd(fds[0]), Fd(fds[1])};
}

// Writes errno to the status pipe and exits; only async-signal-safe calls (runs between fork and exec).
[[noreturn]] void ChildFail(int status_fd, int err) {
  ssize_t ignored = write(status_fd, &err, sizeof(err));
  (void)ignored;
  _exit(127);
}

}  // namespace

std::string ExitStatus::ToString() const {
  if (signal != 0) {
    return fmt::format("killed by signal {}", signal);
  }
  return fmt::format("exit code {}", code);
}

engine::base::Result<std::unique_ptr<Process>> Process::Start(const ProcessOptions& options) {
  // Everything the child needs is prepared before fork: after fork only async-signal-safe calls.
  std::string program = options.program.string();
  std::vector<std::string> argv_storage;
  argv_storage.push_back(program);
  argv_storage.insert(argv_storage.end(), options.args.begin(), options.args.end());
  std::vector<char*> argv;
  argv.reserve(argv_storage.size() + 1);
  for (auto& a : argv_storage) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  std::vector<std::string> env_storage = options.env;
  std::vector<char*> envp;
  envp.reserve(env_storage.size() + 1);
  for (auto& e : env_storage) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  std::string cwd = options.cwd ? options.cwd->string() : std::string();
  const pid_t parent = getpid();

  auto out = MakePipe();
  if (!out) {
    return std::move(out).diags();
  }
  auto err = MakePipe();
  if (!err) {
    return std::move(err).diags();
  }
  auto status = MakePipe();
  if (!status) {
    return std::move(status).diags();
  }
  Fd devnull(open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (devnull.get() < 0) {
    return Error("open /dev/null failed", ErrnoText(errno));
  }

  pid_t pid = fork();
  if (pid < 0) {
    return Error("fork failed", ErrnoText(errno));
  }
  if (pid == 0) {
    int sfd = status->write.get();
    if (dup2(devnull.get(), STDIN_FILENO) < 0 || dup2(out->write.get(), STDOUT_FILENO) < 0 ||
        dup2(err->write.get(), STDERR_FILENO) < 0) {
      ChildFail(sfd, errno);
    }
    // Default signal dispositions and an empty mask, as a fresh process would have.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) {
      ChildFail(sfd, errno);
    }
    if (options.gid && (setgroups(0, nullptr) != 0 || setgid(*options.gid) != 0)) {
      ChildFail(sfd, errno);
    }
    if (options.uid && setuid(*options.uid) != 0) {
      ChildFail(sfd, errno);
    }
    // After setuid: a credential change clears the parent-death signal.
    if (options.kill_on_parent_death) {
      if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
        ChildFail(sfd, errno);
      }
      if (getppid() != parent) {
        _exit(127);
      }
    }
    execve(argv[0], argv.data(), envp.data());
    ChildFail(sfd, errno);
  }

  // Parent.
  out->write.Reset();
  err->write.Reset();
  status->write.Reset();
  int child_errno = 0;
  ssize_t n = 0;
  do {
    n = read(status->read.get(), &child_errno, sizeof(child_errno));
  } while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(sizeof(child_errno))) {
    int st = 0;
    waitpid(pid, &st, 0);
    return Error(fmt::format("cannot start {}", program), ErrnoText(child_errno));
  }

  std::unique_ptr<Process> p(new Process());
  p->pid_ = pid;
  int out_fd = out->read.Release();
  int err_fd = err->read.Release();
  Process* raw = p.get();
  p->stdout_thread_ = std::thread([raw, out_fd] { raw->DrainLoop(out_fd, true); });
  p->stderr_thread_ = std::thread([raw, err_fd] { raw->DrainLoop(err_fd, false); });
  p->wait_thread_ = std::thread([raw] { raw->WaitLoop(); });
  return p;
}

Process::~Process() {
  Kill();
  if (stdout_thread_.joinable()) {
    stdout_thread_.join();
  }
  if (stderr_thread_.joinable()) {
    stderr_thread_.join();
  }
  if (wait_thread_.joinable()) {
    wait_thread_.join();
  }
}

void Process::DrainLoop(int fd, bool is_stdout) {
  std::array<char, 8192> buf{};
  while (true) {
    ssize_t n = read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (n <= 0) {
      (is_stdout ? stdout_eof_ : stderr_eof_) = true;
      cv_.notify_all();
      break;
    }
    (is_stdout ? stdout_ : stderr_).append(buf.data(), static_cast<std::size_t>(n));
    cv_.notify_all();
  }
  close(fd);
}

void Process::WaitLoop() {
  // Observe the exit without reaping (WNOWAIT), so the pid cannot be reused while Signal() may
  // still target it; record the status under the lock, then reap.
  siginfo_t info{};
  int rc = 0;
  do {
    rc = waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT);
  } while (rc != 0 && errno == EINTR);
  ExitStatus st;
  if (rc == 0) {
    if (info.si_code == CLD_EXITED) {
      st.code = info.si_status;
    } else {
      st.signal = info.si_status;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    exit_ = st;
  }
  int ignored = 0;
  waitpid(pid_, &ignored, 0);
  cv_.notify_all();
}

std::optional<std::string> Process::ReadStdoutLine(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  std::optional<std::string> line;
  cv_.wait_for(lock, timeout, [&] {
    std::size_t nl = stdout_.find('\n', stdout_read_);
    if (nl != std::string::npos) {
      line = stdout_.substr(stdout_read_, nl - stdout_read_);
      stdout_read_ = nl + 1;
      return true;
    }
    return stdout_eof_;
  });
  return line;
}

std::string Process::Stdout() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stdout_;
}

std::string Process::Stderr() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stderr_;
}

std::vector<std::string> Process::StderrLines() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = stderr_.find('\n', start);
    if (nl == std::string::npos) {
      break;
    }
    lines.push_back(stderr_.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

bool Process::WaitForStderr(std::string_view needle, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  bool found = false;
  cv_.wait_for(lock, timeout, [&] {
    found = stderr_.find(needle) != std::string::npos;
    return found || stderr_eof_;
  });
  return found;
}

bool Process::WaitForOutputClosed(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return stdout_eof_ && stderr_eof_; });
}

std::optional<ExitStatus> Process::Wait(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, timeout, [&] { return exit_.has_value(); });
  return exit_;
}

bool Process::Running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !exit_.has_value();
}

void Process::Signal(int sig) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!exit_ && pid_ > 0) {
    kill(pid_, sig);
  }
}

ExitStatus Process::Kill() {
  Signal(SIGKILL);
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return exit_.has_value() || pid_ <= 0; });
  return exit_.value_or(ExitStatus{});
}

std::vector<std::string> CurrentEnvironment() {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    env.emplace_back(*e);
  }
  return env;
}

void UnsetEnv(std::vector<std::string>& env, std::string_view key) {
  std::erase_if(env, [&](const std::string& e) {
    return e.size() > key.size() && e.compare(0, key.size(), key) == 0 && e[key.size()] == '=';
  });
}

void SetEnv(std::vector<std::string>& env, std::string_view key, std::string_view value) {
  UnsetEnv(env, key);
  env.push_back(std::string(key) + "=" + std::string(value));
}

}  // namespace atlas::tests::acceptance
