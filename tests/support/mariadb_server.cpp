#include "tests/support/mariadb_server.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <mysql.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

namespace atlas::tests::support {
namespace {

namespace fs = std::filesystem;
using engine::base::Error;
using engine::base::Result;
using engine::base::Status;
using Clock = std::chrono::steady_clock;

std::string ErrnoText(int err) {
  return std::error_code(err, std::system_category()).message();
}

fs::path Find(std::initializer_list<const char*> names) {
  for (const char* dir : {"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin"}) {
    for (const char* n : names) {
      const fs::path p = fs::path(dir) / n;
      if (access(p.c_str(), X_OK) == 0) {
        return p;
      }
    }
  }
  return {};
}

Result<int> FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return Error("socket() failed", ErrnoText(errno));
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
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

// Starts argv with output appended to `log`; the child dies with the test process.
Result<pid_t> Launch(const std::vector<std::string>& argv, const fs::path& log) {
  std::vector<char*> args;
  for (const auto& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));  // execve does not modify its arguments
  }
  args.push_back(nullptr);
  std::vector<std::string> env_text = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C", "TZ=UTC"};
  std::vector<char*> envp;
  for (auto& e : env_text) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  const std::string log_path = log.string();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    return Error("fork() failed", ErrnoText(errno));
  }
  if (pid != 0) {
    return pid;
  }
  const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int out = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (devnull < 0 || out < 0) {
    _exit(126);
  }
  dup2(devnull, STDIN_FILENO);
  dup2(out, STDOUT_FILENO);
  dup2(out, STDERR_FILENO);
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) {
    _exit(124);
  }
  execve(args[0], args.data(), envp.data());
  _exit(127);
}

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
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

struct MysqlCloser {
  void operator()(MYSQL* m) const noexcept { mysql_close(m); }
};
using MysqlPtr = std::unique_ptr<MYSQL, MysqlCloser>;

Result<MysqlPtr> Connect(const char* host, int port, const std::string& user,
                         const std::string& password, const char* socket_path,
                         std::string_view database) {
  MysqlPtr conn(mysql_init(nullptr));
  if (!conn) {
    return Error("mysql_init failed");
  }
  unsigned int timeout = 5;
  mysql_options(conn.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  const std::string db(database);
  if (mysql_real_connect(conn.get(), host, user.c_str(), password.c_str(),
                         db.empty() ? nullptr : db.c_str(), static_cast<unsigned int>(port),
                         socket_path, CLIENT_MULTI_STATEMENTS) == nullptr) {
    return Error("Could not connect to the test MariaDB server", mysql_error(conn.get()));
  }
  return conn;
}

Status Run(MYSQL* conn, std::string_view sql) {
  if (mysql_real_query(conn, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {  // NOLINT
    return Error("Test SQL failed", mysql_error(conn));
  }
  for (;;) {
    if (MYSQL_RES* res = mysql_store_result(conn); res != nullptr) {
      mysql_free_result(res);
    } else if (mysql_field_count(conn) != 0) {
      return Error("Test SQL failed", mysql_error(conn));
    }
    const int next = mysql_next_result(conn);
    if (next > 0) {
      return Error("Test SQL failed", mysql_error(conn));
    }
    if (next < 0) {
      return {};
    }
  }
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

}  // namespace

std::string MariaDbServer::Unavailable() {
  if (Find({"mariadbd", "mysqld"}).empty()) {
    return "MariaDB server binary not found (install mariadb-server) or set ATLAS_TEST_MYSQL_URL";
  }
  if (Find({"mariadb-install-db", "mysql_install_db"}).empty()) {
    return "mariadb-install-db not found (install mariadb-server)";
  }
  return {};
}

std::unique_ptr<MariaDbServer> MariaDbServer::External(std::string base_url) {
  std::unique_ptr<MariaDbServer> s(new MariaDbServer());
  // mysql://user:pass@host:port
  const auto scheme = base_url.find("://");
  std::string rest = scheme == std::string::npos ? base_url : base_url.substr(scheme + 3);
  while (!rest.empty() && rest.back() == '/') {
    rest.pop_back();
  }
  const auto at = rest.rfind('@');
  const std::string cred = at == std::string::npos ? "root" : rest.substr(0, at);
  const std::string hostport = at == std::string::npos ? rest : rest.substr(at + 1);
  const auto colon = cred.find(':');
  s->user_ = cred.substr(0, colon);
  s->password_ = colon == std::string::npos ? "" : cred.substr(colon + 1);
  const auto pc = hostport.rfind(':');
  s->host_ = hostport.substr(0, pc);
  s->port_ = pc == std::string::npos ? 3306 : std::atoi(hostport.c_str() + pc + 1);
  return s;
}

Result<std::unique_ptr<MariaDbServer>> MariaDbServer::Start(const Options& options) {
  if (auto why = Unavailable(); !why.empty()) {
    return Error("MariaDB unavailable", why);
  }
  std::unique_ptr<MariaDbServer> server(new MariaDbServer());
  server->user_ = options.user;
  server->password_ = options.password;
  std::string tmpl = (fs::temp_directory_path() / "atlas-maria-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    return Error("Could not create a temp dir for MariaDB", ErrnoText(errno));
  }
  server->dir_ = tmpl;
  const fs::path dir = server->dir_;
  std::error_code ec;
  fs::create_directories(dir / "tmp", ec);
  const auto deadline = Clock::now() + options.start_timeout;
  const bool root = geteuid() == 0;
  const std::string user_flag = root ? "--user=root" : "";
  std::vector<std::string> init = {Find({"mariadb-install-db", "mysql_install_db"}).string(),
                                   "--no-defaults",
                                   "--rpm",
                                   "--auth-root-authentication-method=normal",
                                   "--datadir=" + (dir / "data").string(),
                                   "--skip-test-db",
                                   "--skip-name-resolve",
                                   "--innodb-log-file-size=8M",
                                   // Bootstrap temp tables in our own directory: concurrent
                                   // installs sharing /tmp collide on "#sql-temptable-*" names.
                                   "--tmpdir=" + (dir / "tmp").string()};
  if (root) {
    init.push_back(user_flag);
  }
  auto ipid = Launch(init, dir / "install.log");
  if (!ipid.ok()) {
    return std::move(ipid).diags();
  }
  const auto ist = WaitUntil(*ipid, deadline);
  if (!ist || !WIFEXITED(*ist) || WEXITSTATUS(*ist) != 0) {
    if (!ist) {
      kill(*ipid, SIGKILL);
      waitpid(*ipid, nullptr, 0);
    }
    return Error("mariadb-install-db failed", ReadTail(dir / "install.log"));
  }
  const std::string sock = (dir / "mysqld.sock").string();
  std::string last;
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto port = FreePort();
    if (!port.ok()) {
      return std::move(port).diags();
    }
    std::vector<std::string> run = {Find({"mariadbd", "mysqld"}).string(),
                                    "--no-defaults",
                                    "--datadir=" + (dir / "data").string(),
                                    "--port=" + std::to_string(*port),
                                    "--bind-address=127.0.0.1",
                                    "--socket=" + sock,
                                    "--pid-file=" + (dir / "mysqld.pid").string(),
                                    "--tmpdir=" + (dir / "tmp").string(),
                                    "--skip-name-resolve",
                                    "--skip-log-bin",
                                    "--innodb-log-file-size=8M",
                                    "--innodb-buffer-pool-size=32M",
                                    "--innodb-flush-log-at-trx-commit=0",
                                    "--innodb-doublewrite=0",
                                    "--sync-frm=0",
                                    "--performance-schema=OFF",
                                    "--max-connections=100"};
    if (root) {
      run.push_back(user_flag);
    }
    const fs::path log = dir / "server.log";
    auto pid = Launch(run, log);
    if (!pid.ok()) {
      return std::move(pid).diags();
    }
    server->pid_ = *pid;
    server->port_ = *port;
    for (;;) {
      if (auto conn = Connect(nullptr, 0, "root", "", sock.c_str(), ""); conn.ok()) {
        const std::string grant = "CREATE USER '" + options.user + "'@'%' IDENTIFIED BY '" +
                                  options.password + "'; GRANT ALL PRIVILEGES ON *.* TO '" +
                                  options.user + "'@'%' WITH GRANT OPTION";
        if (auto st = Run(conn->get(), grant); !st.ok()) {
          return std::move(st).diags();
        }
        return server;
      }
      int status = 0;
      if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
        server->pid_ = -1;
        last = ReadTail(log);
        break;
      }
      if (Clock::now() >= deadline) {
        return Error("MariaDB did not become ready in time", ReadTail(log));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (last.find("already in use") == std::string::npos) {
      break;
    }
  }
  return Error("MariaDB failed to start", last);
}

MariaDbServer::~MariaDbServer() {
  Stop();
}

void MariaDbServer::Stop() noexcept {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
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

std::string MariaDbServer::Url(std::string_view database, std::string_view scheme) const {
  return std::string(scheme) + "://" + user_ + ":" + password_ + "@" + host_ + ":" +
         std::to_string(port_) + "/" + std::string(database);
}

Status MariaDbServer::CreateDatabase(std::string_view name) const {
  if (!SimpleName(name)) {
    return Error("Invalid test database name", std::string(name));
  }
  return Exec("", "CREATE DATABASE `" + std::string(name) + "`");
}

Status MariaDbServer::DropDatabase(std::string_view name) const {
  if (!SimpleName(name)) {
    return Error("Invalid test database name", std::string(name));
  }
  return Exec("", "DROP DATABASE IF EXISTS `" + std::string(name) + "`");
}

Status MariaDbServer::Exec(std::string_view database, std::string_view sql) const {
  auto conn = Connect(host_.c_str(), port_, user_, password_, nullptr, database);
  if (!conn.ok()) {
    return std::move(conn).diags();
  }
  return Run(conn->get(), sql);
}

// ---------------------------------------------------------------------------------------------
// Environment and fixture

MariaDbEnvironment& MariaDbEnvironment::Instance() {
  // NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): one environment per binary.
  static MariaDbEnvironment* const kInstance = [] {
    auto* env = new MariaDbEnvironment();
    ::testing::AddGlobalTestEnvironment(env);
    return env;
  }();
  return *kInstance;
}

const MariaDbServer* MariaDbEnvironment::Server(bool* skip, std::string* why) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!tried_) {
    tried_ = true;
    // NOLINTNEXTLINE(concurrency-mt-unsafe): environment read under mu_, once per process.
    const char* external = std::getenv("ATLAS_TEST_MYSQL_URL");
    if (external != nullptr && *external != '\0') {
      server_ = MariaDbServer::External(external);
    } else if (auto reason = MariaDbServer::Unavailable(); !reason.empty()) {
      skip_ = true;
      error_ = reason;
    } else if (auto started = MariaDbServer::Start(MariaDbServer::Options{}); started.ok()) {
      server_ = std::move(started).value();
    } else {
      error_ = started.ErrorString();
    }
  }
  *skip = skip_;
  *why = error_;
  return server_.get();
}

void MariaDbEnvironment::TearDown() {
  std::lock_guard<std::mutex> lock(mu_);
  server_.reset();
}

void MariaDbTest::SetUp() {
  bool skip = false;
  std::string why;
  server_ = MariaDbEnvironment::Instance().Server(&skip, &why);
  if (server_ == nullptr) {
    if (skip) {
      GTEST_SKIP() << why;
    }
    FAIL() << "could not start the test MariaDB server: " << why;
  }
  CreateDatabase();
}

void MariaDbTest::TearDown() {
  if (server_ == nullptr) {
    return;
  }
  for (const auto& db : databases_) {
    auto st = server_->DropDatabase(db);
    EXPECT_TRUE(st.ok()) << st.ErrorString();
  }
  databases_.clear();
}

std::string MariaDbTest::CreateDatabase() {
  static std::atomic<int> counter{0};
  std::string name = "t_" + std::to_string(getpid()) + "_" + std::to_string(counter.fetch_add(1));
  auto st = server_->CreateDatabase(name);
  EXPECT_TRUE(st.ok()) << st.ErrorString();
  databases_.push_back(name);
  return name;
}

void MariaDbTest::ExecSqlIn(std::string_view db, std::string_view sql) {
  auto st = server_->Exec(db, sql);
  ASSERT_TRUE(st.ok()) << st.ErrorString() << "\nSQL:\n" << sql;
}

}  // namespace atlas::tests::support
