#include "tests/support/postgres_server.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

namespace atlas::tests::support {
namespace {

namespace fs = std::filesystem;
using engine::base::Error;
using engine::base::Result;
using engine::base::Status;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kPollInterval{20};

std::string ErrnoText(int err) {
  return std::error_code(err, std::system_category()).message();
}

// Credentials the server processes run with (only when the test runs as root).
struct RunAs {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;
};

std::optional<RunAs> LookupUser(const std::string& name) {
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* out = nullptr;
  if (getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &out) != 0 || out == nullptr) {
    return std::nullopt;
  }
  return RunAs{out->pw_uid, out->pw_gid, name};
}

// Runs argv to completion with stdout/stderr discarded; returns the exit code (-1 when not run).
int RunQuiet(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));  // execv does not modify its arguments
  }
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    return -1;
  }
  if (pid == 0) {
    const int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull >= 0) {
      dup2(devnull, STDIN_FILENO);
      dup2(devnull, STDOUT_FILENO);
      dup2(devnull, STDERR_FILENO);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return -1;
    }
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The unprivileged account used when running as root.
Result<RunAs> ResolveRunAs() {
  std::vector<std::string> candidates;
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read before any test thread starts the server.
  if (const char* env = std::getenv("ATLAS_TEST_PG_USER"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  }
  candidates.emplace_back("atlas-test");
  for (const auto& name : candidates) {
    if (auto u = LookupUser(name)) {
      return *u;
    }
  }
  // Create the dedicated account; a concurrent test process may win the race, so look it up again.
  for (const char* useradd : {"/usr/sbin/useradd", "/sbin/useradd"}) {
    if (access(useradd, X_OK) == 0) {
      RunQuiet({useradd, "--system", "--user-group", "--no-create-home", "--shell",
                "/usr/sbin/nologin", "atlas-test"});
      break;
    }
  }
  for (const char* name : {"atlas-test", "postgres", "nobody"}) {
    if (auto u = LookupUser(name)) {
      return *u;
    }
  }
  return Error(
      "No unprivileged user for PostgreSQL",
      "running as root, but neither ATLAS_TEST_PG_USER, atlas-test (useradd failed), postgres "
      "nor nobody exists");
}

Result<int> FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return Error("socket() failed", ErrnoText(errno));
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  // NOLINTBEGIN(cppcoreguidelines-pro-type-reinterpret-cast): the BSD socket API takes sockaddr*.
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    // NOLINTEND(cppcoreguidelines-pro-type-reinterpret-cast)
    const int err = errno;
    close(fd);
    return Error("Could not find a free port", ErrnoText(err));
  }
  const int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string ReadTail(const fs::path& path, size_t max_bytes = 4000) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > max_bytes) {
    text = "..." + text.substr(text.size() - max_bytes);
  }
  return text;
}

// A prepared child process: everything is allocated before fork() so the child only makes
// async-signal-safe calls.
struct Spawn {
  std::vector<std::string> argv;
  std::vector<std::string> env;
  fs::path log;
  std::optional<RunAs> run_as;
  bool die_with_parent = false;
};

Result<pid_t> Launch(const Spawn& spec) {
  std::vector<char*> args;
  for (const auto& a : spec.argv) {
    args.push_back(const_cast<char*>(a.c_str()));  // execve does not modify its arguments
  }
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& e : spec.env) {
    envp.push_back(const_cast<char*>(e.c_str()));
  }
  envp.push_back(nullptr);
  const std::string log = spec.log.string();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    return Error("fork() failed", ErrnoText(errno));
  }
  if (pid != 0) {
    return pid;
  }
  // Child.
  const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (devnull < 0 || out < 0) {
    _exit(126);
  }
  dup2(devnull, STDIN_FILENO);
  dup2(out, STDOUT_FILENO);
  dup2(out, STDERR_FILENO);
  setpgid(0, 0);  // own process group: the test runner's Ctrl-C handling stays ours
  if (spec.run_as) {
    const gid_t gid = spec.run_as->gid;
    if (setgroups(1, &gid) != 0 || setgid(gid) != 0 || setuid(spec.run_as->uid) != 0) {
      _exit(125);
    }
  }
  if (spec.die_with_parent) {
    // Set after the credential change, which would clear it.
    prctl(PR_SET_PDEATHSIG, SIGQUIT);
    if (getppid() != parent) {
      _exit(124);
    }
  }
  execve(args[0], args.data(), envp.data());
  _exit(127);
}

// Waits for `pid` to exit until `deadline`; returns its wait status, or nullopt on timeout.
std::optional<int> WaitUntil(pid_t pid, Clock::time_point deadline) {
  for (;;) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      return status;
    }
    if (r < 0 && errno != EINTR) {
      return -1;
    }
    if (Clock::now() >= deadline) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

std::string DescribeExit(int status) {
  if (WIFEXITED(status)) {
    return "exit code " + std::to_string(WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) {
    return "signal " + std::to_string(WTERMSIG(status));
  }
  return "status " + std::to_string(status);
}

bool SimpleName(std::string_view name) {
  if (name.empty() || name.size() > 63) {
    return false;
  }
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

Status ExecOn(const std::string& conninfo, std::string_view sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    return Error("Could not connect to the test PostgreSQL server", msg);
  }
  PGresult* res = PQexec(conn, std::string(sql).c_str());
  const auto st = PQresultStatus(res);
  Status out;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    out = Error("Test SQL failed", PQresultErrorMessage(res));
  }
  PQclear(res);
  PQfinish(conn);
  return out;
}

// Runs a prepared process to completion (with a deadline); error text on failure.
Status RunToCompletion(const Spawn& spec, Clock::time_point deadline, std::string_view what) {
  auto pid = Launch(spec);
  if (!pid.ok()) {
    return std::move(pid).diags();
  }
  const auto status = WaitUntil(*pid, deadline);
  if (!status) {
    kill(*pid, SIGKILL);
    waitpid(*pid, nullptr, 0);
  }
  if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    return Error(
        std::string(what) + " failed",
        (status ? DescribeExit(*status) : std::string("timeout")) + ":\n" + ReadTail(spec.log));
  }
  return {};
}

// A template data directory is used only when it is a real directory owned by the server account.
bool TemplateUsable(const fs::path& data, uid_t owner) {
  struct stat st {};
  if (lstat(data.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != owner) {
    return false;
  }
  return access((data / "PG_VERSION").c_str(), R_OK) == 0;
}

}  // namespace

fs::path PostgresServer::DefaultTemplateDir() {
#ifdef ATLAS_TEST_PG_TEMPLATE_DIR
  return ATLAS_TEST_PG_TEMPLATE_DIR;
#else
  return {};
#endif
}

std::string PostgresServer::Unavailable(const Options& options) {
  for (const char* tool : {"initdb", "postgres"}) {
    const fs::path p = options.bin_dir / tool;
    if (access(p.c_str(), X_OK) != 0) {
      return "PostgreSQL server binaries not found (" + p.string() +
             "); install postgresql-15 or set ATLAS_TEST_POSTGRES_URL";
    }
  }
  return {};
}

std::unique_ptr<PostgresServer> PostgresServer::External(std::string base_url) {
  while (!base_url.empty() && base_url.back() == '/') {
    base_url.pop_back();
  }
  std::unique_ptr<PostgresServer> s(new PostgresServer());
  s->base_url_ = std::move(base_url);
  return s;
}

Result<std::unique_ptr<PostgresServer>> PostgresServer::Start(const Options& options) {
  if (auto why = Unavailable(options); !why.empty()) {
    return Error("PostgreSQL unavailable", why);
  }
  std::optional<RunAs> run_as;
  if (geteuid() == 0) {
    auto u = ResolveRunAs();
    if (!u.ok()) {
      return std::move(u).diags();
    }
    run_as = *u;
  }
  std::unique_ptr<PostgresServer> server(new PostgresServer());
  std::string tmpl = (fs::temp_directory_path() / "atlas-pg-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    return Error("Could not create a temp dir for PostgreSQL", ErrnoText(errno));
  }
  server->dir_ = tmpl;
  if (run_as && chown(tmpl.c_str(), run_as->uid, run_as->gid) != 0) {
    return Error("Could not chown the PostgreSQL temp dir", ErrnoText(errno));
  }
  const fs::path data = server->dir_ / "data";
  const fs::path log = server->dir_ / "server.log";
  const std::vector<std::string> env = {"PATH=/usr/bin:/bin", "LC_ALL=C", "LANG=C", "TZ=UTC"};
  const auto deadline = Clock::now() + options.start_timeout;

  const uid_t owner = run_as ? run_as->uid : geteuid();
  // The template is keyed by the initdb binary, so a server upgrade never reuses an old cluster.
  fs::path tpl;
  if (struct stat bin{};
      !options.template_dir.empty() && stat((options.bin_dir / "initdb").c_str(), &bin) == 0) {
    tpl = options.template_dir /
          ("data-" + std::to_string(static_cast<int64_t>(bin.st_mtime)) + "-" +
           std::to_string(static_cast<int64_t>(bin.st_size)) + "-" + options.superuser);
  }
  const auto copy = [&](const fs::path& from, const fs::path& to) {
    return RunToCompletion(Spawn{{"/bin/cp", "-a", from.string(), to.string()},
                                 env,
                                 server->dir_ / "copy.log",
                                 run_as,
                                 true},
                           deadline, "copying the PostgreSQL data directory");
  };
  if (tpl.empty() || !TemplateUsable(tpl, owner) || !copy(tpl, data).ok()) {
    std::error_code ec;
    fs::remove_all(data, ec);
    Spawn init{{(options.bin_dir / "initdb").string(), "-D", data.string(), "-U", options.superuser,
                "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C"},
               env,
               server->dir_ / "initdb.log",
               run_as,
               true};
    if (auto st = RunToCompletion(init, deadline, "initdb"); !st.ok()) {
      return std::move(st).diags();
    }
    // Publish the fresh cluster as the template: copy to a private staging dir, then rename
    // (atomic).
    if (!tpl.empty() && !TemplateUsable(tpl, owner)) {
      fs::create_directories(options.template_dir, ec);
      if (run_as) {
        (void)chown(options.template_dir.c_str(), run_as->uid, run_as->gid);
      }
      const fs::path staging = options.template_dir / ("staging-" + std::to_string(getpid()));
      if (copy(data, staging).ok()) {
        fs::rename(staging, tpl, ec);
      }
      fs::remove_all(staging, ec);
    }
  }

  // postgres, retried on a port race.
  constexpr int kAttempts = 5;
  std::string last_error;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    auto port = FreeLoopbackPort();
    if (!port.ok()) {
      return std::move(port).diags();
    }
    Spawn run{{(options.bin_dir / "postgres").string(),
               "-D",
               data.string(),
               "-p",
               std::to_string(*port),
               "-k",
               server->dir_.string(),
               "-c",
               "listen_addresses=127.0.0.1",
               "-c",
               "fsync=off",
               "-c",
               "synchronous_commit=off",
               "-c",
               "full_page_writes=off",
               "-c",
               "max_connections=200",
               "-c",
               "unix_socket_permissions=0777",
               "-c",
               "logging_collector=off"},
              env,
              log,
              run_as,
              true};
    auto pid = Launch(run);
    if (!pid.ok()) {
      return std::move(pid).diags();
    }
    server->pid_ = *pid;
    server->port_ = *port;
    server->base_url_ = "postgres://" + options.superuser + "@127.0.0.1:" + std::to_string(*port);
    // Ping through the server's own socket directory: a TCP ping could be answered by another
    // test process's server that won the race for the same port.
    const std::string ping = "host=" + server->dir_.string() + " port=" + std::to_string(*port) +
                             " user=" + options.superuser + " dbname=postgres connect_timeout=2";
    for (;;) {
      if (PQping(ping.c_str()) == PQPING_OK) {
        return server;
      }
      int status = 0;
      if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
        server->pid_ = -1;
        last_error = "postgres exited (" + DescribeExit(status) + "):\n" + ReadTail(log);
        break;
      }
      if (Clock::now() >= deadline) {
        return Error("PostgreSQL did not become ready in time", ReadTail(log));
      }
      std::this_thread::sleep_for(kPollInterval);
    }
    if (last_error.find("could not") == std::string::npos &&
        last_error.find("in use") == std::string::npos) {
      break;  // not a bind race: retrying will not help
    }
  }
  return Error("PostgreSQL failed to start", last_error);
}

PostgresServer::~PostgresServer() {
  Stop();
}

void PostgresServer::Stop() noexcept {
  if (pid_ > 0) {
    kill(pid_, SIGINT);  // fast shutdown
    if (!WaitUntil(pid_, Clock::now() + std::chrono::seconds(30))) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    dir_.clear();
  }
}

std::string PostgresServer::Url(std::string_view database, std::string_view extra_query) const {
  std::string url = base_url_ + "/" + std::string(database) + "?sslmode=disable";
  if (!extra_query.empty()) {
    url += "&" + std::string(extra_query);
  }
  return url;
}

Status PostgresServer::CreateDatabase(std::string_view name) const {
  if (!SimpleName(name)) {
    return Error("Invalid test database name", std::string(name));
  }
  return ExecOn(Url("postgres"), "CREATE DATABASE \"" + std::string(name) + "\"");
}

Status PostgresServer::DropDatabase(std::string_view name) const {
  if (!SimpleName(name)) {
    return Error("Invalid test database name", std::string(name));
  }
  return ExecOn(Url("postgres"),
                "DROP DATABASE IF EXISTS \"" + std::string(name) + "\" WITH (FORCE)");
}

Status PostgresServer::Exec(std::string_view database, std::string_view sql) const {
  return ExecOn(Url(database), sql);
}

}  // namespace atlas::tests::support
