#include "tests/acceptance/db_server.hpp"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <mysql.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <utility>

#include <fmt/format.h>

namespace atlas::tests::acceptance {
namespace {

using engine::base::Error;
using std::chrono::milliseconds;

std::string ErrnoText(int err) { return std::error_code(err, std::system_category()).message(); }

struct PgConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

// Connects and silences NOTICE messages (libpq prints them to stderr by default).
engine::base::Result<PgConn> PgConnect(const std::string& conninfo) {
  PgConn conn(PQconnectdb(conninfo.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Error("connecting to PostgreSQL", PQerrorMessage(conn.get()));
  }
  PQsetNoticeProcessor(conn.get(), IgnoreNotice, nullptr);
  return conn;
}

struct MysqlDeleter {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
struct MysqlResDeleter {
  void operator()(MYSQL_RES* r) const { mysql_free_result(r); }
};
using MysqlConn = std::unique_ptr<MYSQL, MysqlDeleter>;
using MysqlRes = std::unique_ptr<MYSQL_RES, MysqlResDeleter>;

// Quotes a libpq connection-string value.
std::string PgQuote(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "'";
}

// Percent-encodes a URL userinfo or path component.
std::string UrlEscape(std::string_view v) {
  std::string out;
  for (unsigned char c : v) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// The environment for server processes: the current one without client/server variables that
// would redirect them (PGDATA, PGPORT, MYSQL_HOST, ...), in the C locale.
std::vector<std::string> ServerEnvironment() {
  std::vector<std::string> env = CurrentEnvironment();
  std::erase_if(env, [](const std::string& e) {
    return e.rfind("PG", 0) == 0 || e.rfind("MYSQL", 0) == 0 || e.rfind("MARIADB", 0) == 0 ||
           e.rfind("LC_", 0) == 0 || e.rfind("LANG", 0) == 0;
  });
  SetEnv(env, "LC_ALL", "C");
  return env;
}

struct RunAs {
  std::optional<uid_t> uid;
  std::optional<gid_t> gid;
};

// PostgreSQL refuses to run as root: when we are root, run it as `postgres` (else `nobody`).
engine::base::Result<RunAs> PostgresRunAs() {
  if (geteuid() != 0) {
    return RunAs{};
  }
  for (const char* name : {"postgres", "nobody"}) {
    if (const passwd* pw = getpwnam(name); pw != nullptr) {  // NOLINT(concurrency-mt-unsafe)
      return RunAs{pw->pw_uid, pw->pw_gid};
    }
  }
  return Error("no unprivileged user to run PostgreSQL",
               "running as root, and neither `postgres` nor `nobody` exists (create one with "
               "useradd)");
}

std::string CurrentUserName() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr) {  // NOLINT(concurrency-mt-unsafe)
    return pw->pw_name;
  }
  return "root";
}

engine::base::Status ChownTree(const std::filesystem::path& root, const RunAs& as) {
  if (!as.uid) {
    return {};
  }
  auto chown_one = [&](const std::filesystem::path& p) -> engine::base::Status {
    if (lchown(p.c_str(), *as.uid, *as.gid) != 0) {
      return Error(fmt::format("chown {}", p.string()), ErrnoText(errno));
    }
    return {};
  };
  if (auto st = chown_one(root); !st) {
    return st;
  }
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (auto st = chown_one(e.path()); !st) {
      return st;
    }
  }
  return {};
}

bool IsExecutable(const std::filesystem::path& p) { return access(p.c_str(), X_OK) == 0; }

// Waits for a server's readiness marker on stderr; distinguishes a port clash (retry) from other
// failures.
enum class StartOutcome { kReady, kPortInUse, kFailed };
StartOutcome AwaitReady(Process& proc, std::string_view marker, milliseconds timeout) {
  if (proc.WaitForStderr(marker, timeout)) {
    return StartOutcome::kReady;
  }
  std::string log = proc.Stderr();
  if (log.find("Address already in use") != std::string::npos ||
      log.find("could not bind") != std::string::npos ||
      log.find("Do you already have another") != std::string::npos) {
    return StartOutcome::kPortInUse;
  }
  return StartOutcome::kFailed;
}

}  // namespace

engine::base::Result<int> FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return Error("socket", ErrnoText(errno));
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = -1;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): sockets API
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if (bind(fd, sa, sizeof(addr)) == 0 && getsockname(fd, sa, &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  int err = errno;
  close(fd);
  if (port <= 0) {
    return Error("no free loopback port", ErrnoText(err));
  }
  return port;
}

std::filesystem::path FindExecutable(std::string_view name) {
  std::vector<std::filesystem::path> dirs;
  if (const char* path = std::getenv("PATH"); path != nullptr) {  // NOLINT(concurrency-mt-unsafe)
    std::string_view rest(path);
    while (!rest.empty()) {
      std::size_t colon = rest.find(':');
      dirs.emplace_back(rest.substr(0, colon));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  dirs.emplace_back("/usr/sbin");
  dirs.emplace_back("/sbin");
  dirs.emplace_back("/usr/local/sbin");
  for (const auto& d : dirs) {
    if (d.empty()) {
      continue;
    }
    std::filesystem::path candidate = d / std::string(name);
    if (IsExecutable(candidate) && !std::filesystem::is_directory(candidate)) {
      return candidate;
    }
  }
  return {};
}

engine::base::Result<CommandResult> RunCommand(
    const std::filesystem::path& program, const std::vector<std::string>& args,
    milliseconds timeout, const std::vector<std::pair<std::string, std::string>>& extra_env) {
  ProcessOptions opts;
  opts.program = program;
  opts.args = args;
  opts.env = CurrentEnvironment();
  for (const auto& [k, v] : extra_env) {
    SetEnv(opts.env, k, v);
  }
  auto proc = Process::Start(opts);
  if (!proc) {
    return std::move(proc).diags();
  }
  std::optional<ExitStatus> st = (*proc)->Wait(timeout);
  if (!st) {
    (*proc)->Kill();
    return Error(fmt::format("{} did not finish within {} ms", program.string(), timeout.count()),
                 (*proc)->Stderr());
  }
  (*proc)->WaitForOutputClosed(milliseconds(5000));
  return CommandResult{*st, (*proc)->Stdout(), (*proc)->Stderr()};
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

std::string PostgresServer::Unavailable(const Options& options) {
  for (const char* bin : {"initdb", "postgres"}) {
    if (!IsExecutable(options.bin_dir / bin)) {
      return fmt::format("PostgreSQL server binaries not found: {} is missing (install "
                         "postgresql-15)",
                         (options.bin_dir / bin).string());
    }
  }
  return {};
}

engine::base::Result<std::unique_ptr<PostgresServer>> PostgresServer::Start(const Options& options) {
  if (std::string why = Unavailable(options); !why.empty()) {
    return Error("PostgreSQL unavailable", why);
  }
  auto run_as = PostgresRunAs();
  if (!run_as) {
    return std::move(run_as).diags();
  }
  std::unique_ptr<PostgresServer> srv(new PostgresServer(options, TempDir("atlas-pg-")));
  const std::filesystem::path& dir = srv->dir_.path();
  srv->dir_.WriteFile("pwfile", options.password + "\n");
  if (auto st = ChownTree(dir, *run_as); !st) {
    return st.diags();
  }
  ProcessOptions init;
  init.program = options.bin_dir / "initdb";
  init.args = {"-D", (dir / "data").string(), "-U", options.user,
               "--pwfile=" + (dir / "pwfile").string(), "--auth-local=trust",
               "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C",
               "--no-instructions"};
  init.env = ServerEnvironment();
  init.uid = run_as->uid;
  init.gid = run_as->gid;
  init.cwd = dir;
  auto initdb = Process::Start(init);
  if (!initdb) {
    return std::move(initdb).diags();
  }
  std::optional<ExitStatus> ist = (*initdb)->Wait(options.start_timeout);
  (*initdb)->WaitForOutputClosed(milliseconds(5000));
  if (!ist || !ist->Exited() || ist->code != 0) {
    return Error("initdb failed", fmt::format("{}\n{}{}", ist ? ist->ToString() : "timeout",
                                              (*initdb)->Stdout(), (*initdb)->Stderr()));
  }

  std::string last_log;
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto port = FreeLoopbackPort();
    if (!port) {
      return std::move(port).diags();
    }
    ProcessOptions run;
    run.program = options.bin_dir / "postgres";
    run.args = {"-D", (dir / "data").string(), "-p", std::to_string(*port), "-k", dir.string(),
                "-h", "127.0.0.1", "-F", "-c", "synchronous_commit=off", "-c",
                "full_page_writes=off", "-c", "max_connections=60", "-c", "shared_buffers=16MB",
                "-c", "lc_messages=C", "-c", "log_line_prefix="};
    run.env = ServerEnvironment();
    run.uid = run_as->uid;
    run.gid = run_as->gid;
    run.cwd = dir;
    auto proc = Process::Start(run);
    if (!proc) {
      return std::move(proc).diags();
    }
    StartOutcome outcome = AwaitReady(**proc, "database system is ready to accept connections",
                                      options.start_timeout);
    if (outcome == StartOutcome::kReady) {
      srv->port_ = *port;
      srv->process_ = std::move(proc).value();
      // Confirm over TCP with the password (proves scram-sha-256 auth works).
      if (auto q = srv->Query("SELECT 1"); !q) {
        return Error("PostgreSQL started but refuses connections",
                     q.ErrorString() + "\n" + srv->Log());
      }
      return srv;
    }
    last_log = (*proc)->Stderr();
    (*proc)->Kill();
    if (outcome == StartOutcome::kFailed) {
      break;
    }
  }
  return Error("PostgreSQL did not start", last_log);
}

PostgresServer::~PostgresServer() { Stop(); }

void PostgresServer::Stop() {
  if (!process_) {
    return;
  }
  process_->Signal(SIGINT);  // fast shutdown
  if (!process_->Wait(milliseconds(15000))) {
    process_->Kill();
  }
  process_.reset();
}

std::string PostgresServer::Url(std::string_view database) const {
  return fmt::format("postgres://{}:{}@127.0.0.1:{}/{}?sslmode=disable", UrlEscape(options_.user),
                     UrlEscape(options_.password), port_, UrlEscape(database));
}

std::string PostgresServer::ConnInfo(std::string_view database) const {
  return fmt::format("host=127.0.0.1 port={} user={} password={} dbname={} sslmode=disable "
                     "connect_timeout=10",
                     port_, PgQuote(options_.user), PgQuote(options_.password), PgQuote(database));
}

engine::base::Status PostgresServer::Exec(std::string_view sql, std::string_view database) const {
  auto conn = PgConnect(ConnInfo(database));
  if (!conn) {
    return std::move(conn).diags();
  }
  PgResult res(PQexec(conn->get(), std::string(sql).c_str()));
  ExecStatusType st = PQresultStatus(res.get());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    return Error("PostgreSQL statement failed",
                 fmt::format("{}: {}", sql, PQresultErrorMessage(res.get())));
  }
  return {};
}

engine::base::Result<Rows> PostgresServer::Query(std::string_view sql,
                                                 std::string_view database) const {
  auto conn = PgConnect(ConnInfo(database));
  if (!conn) {
    return std::move(conn).diags();
  }
  PgResult res(PQexec(conn->get(), std::string(sql).c_str()));
  ExecStatusType st = PQresultStatus(res.get());
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
    return Error("PostgreSQL query failed",
                 fmt::format("{}: {}", sql, PQresultErrorMessage(res.get())));
  }
  Rows rows;
  for (int r = 0; r < PQntuples(res.get()); ++r) {
    auto& row = rows.emplace_back();
    for (int c = 0; c < PQnfields(res.get()); ++c) {
      if (PQgetisnull(res.get(), r, c) != 0) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(PQgetvalue(res.get(), r, c));
      }
    }
  }
  return rows;
}

engine::base::Result<std::string> PostgresServer::CreateDatabase(std::string_view name) const {
  std::string quoted = "\"" + std::string(name) + "\"";
  if (auto st = Exec("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)"); !st) {
    return st.diags();
  }
  if (auto st = Exec("CREATE DATABASE " + quoted); !st) {
    return st.diags();
  }
  return Url(name);
}

// ---------------------------------------------------------------------------------------------
// MariaDB

namespace {

std::filesystem::path MariaServerBinary(const MariaDbServer::Options& o) {
  if (!o.server.empty()) {
    return o.server;
  }
  std::filesystem::path p = FindExecutable("mariadbd");
  return p.empty() ? FindExecutable("mysqld") : p;
}

std::filesystem::path MariaInstallBinary(const MariaDbServer::Options& o) {
  if (!o.install_db.empty()) {
    return o.install_db;
  }
  std::filesystem::path p = FindExecutable("mariadb-install-db");
  return p.empty() ? FindExecutable("mysql_install_db") : p;
}

engine::base::Result<MysqlConn> MysqlConnect(const char* host, int port, const std::string& user,
                                             const std::string& password, const char* socket,
                                             std::string_view database) {
  MysqlConn conn(mysql_init(nullptr));
  if (!conn) {
    return Error("mysql_init failed");
  }
  unsigned int timeout = 10;
  mysql_options(conn.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  std::string db(database);
  if (mysql_real_connect(conn.get(), host, user.c_str(), password.c_str(),
                         db.empty() ? nullptr : db.c_str(), static_cast<unsigned int>(port), socket,
                         CLIENT_MULTI_STATEMENTS) == nullptr) {
    return Error("connecting to MariaDB", mysql_error(conn.get()));
  }
  return conn;
}

// Runs statements and drains every result set. Returns the first result set's rows.
engine::base::Result<Rows> MysqlRun(MYSQL* conn, std::string_view sql) {
  if (mysql_real_query(conn, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {  // NOLINT
    return Error("MariaDB statement failed", fmt::format("{}: {}", sql, mysql_error(conn)));
  }
  Rows rows;
  bool first = true;
  while (true) {
    MysqlRes res(mysql_store_result(conn));
    if (res && first) {
      unsigned int n = mysql_num_fields(res.get());
      while (MYSQL_ROW row = mysql_fetch_row(res.get())) {
        auto& out = rows.emplace_back();
        for (unsigned int i = 0; i < n; ++i) {
          if (row[i] == nullptr) {
            out.emplace_back(std::nullopt);
          } else {
            out.emplace_back(row[i]);
          }
        }
      }
    }
    if (res) {
      first = false;
    } else if (mysql_field_count(conn) != 0) {
      return Error("MariaDB statement failed", fmt::format("{}: {}", sql, mysql_error(conn)));
    }
    int next = mysql_next_result(conn);
    if (next > 0) {
      return Error("MariaDB statement failed", fmt::format("{}: {}", sql, mysql_error(conn)));
    }
    if (next < 0) {
      break;
    }
  }
  return rows;
}

}  // namespace

std::string MariaDbServer::Unavailable(const Options& options) {
  if (MariaServerBinary(options).empty()) {
    return "MariaDB server binary not found: neither mariadbd nor mysqld is on PATH or in /usr/sbin "
           "(install mariadb-server)";
  }
  if (MariaInstallBinary(options).empty()) {
    return "mariadb-install-db not found (install mariadb-server)";
  }
  return {};
}

engine::base::Result<std::unique_ptr<MariaDbServer>> MariaDbServer::Start(const Options& options) {
  if (std::string why = Unavailable(options); !why.empty()) {
    return Error("MariaDB unavailable", why);
  }
  std::unique_ptr<MariaDbServer> srv(new MariaDbServer(options, TempDir("atlas-maria-")));
  const std::filesystem::path& dir = srv->dir_.path();
  std::filesystem::create_directories(dir / "tmp");
  const std::string user_flag = "--user=" + CurrentUserName();  // root needs it explicitly
  const std::string log_size = "--innodb-log-file-size=8M";

  ProcessOptions init;
  init.program = MariaInstallBinary(options);
  // --rpm: skips the host-name resolution and, as root, the chown/chmod of the system-wide
  // auth_pam_tool that mariadb-install-db otherwise performs for --user.
  init.args = {"--no-defaults", "--rpm", "--auth-root-authentication-method=normal",
               "--datadir=" + (dir / "data").string(), "--skip-test-db", user_flag,
               "--skip-name-resolve", log_size,
               // Bootstrap temp tables in our own directory: concurrent installs sharing /tmp
               // collide on "#sql-temptable-*" names.
               "--tmpdir=" + (dir / "tmp").string()};
  init.env = ServerEnvironment();
  init.cwd = dir;
  auto install = Process::Start(init);
  if (!install) {
    return std::move(install).diags();
  }
  std::optional<ExitStatus> ist = (*install)->Wait(options.start_timeout);
  (*install)->WaitForOutputClosed(milliseconds(5000));
  if (!ist || !ist->Exited() || ist->code != 0) {
    return Error("mariadb-install-db failed",
                 fmt::format("{}\n{}{}", ist ? ist->ToString() : "timeout", (*install)->Stdout(),
                             (*install)->Stderr()));
  }

  std::string last_log;
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto port = FreeLoopbackPort();
    if (!port) {
      return std::move(port).diags();
    }
    ProcessOptions run;
    run.program = MariaServerBinary(options);
    run.args = {"--no-defaults",
                "--datadir=" + (dir / "data").string(),
                "--port=" + std::to_string(*port),
                "--bind-address=127.0.0.1",
                "--socket=" + srv->socket_path().string(),
                "--pid-file=" + (dir / "mysqld.pid").string(),
                "--tmpdir=" + (dir / "tmp").string(),
                user_flag,
                "--skip-name-resolve",
                "--skip-log-bin",
                log_size,
                "--innodb-buffer-pool-size=32M",
                "--innodb-flush-log-at-trx-commit=0",
                "--performance-schema=OFF",
                "--max-connections=60"};
    run.env = ServerEnvironment();
    run.cwd = dir;
    auto proc = Process::Start(run);
    if (!proc) {
      return std::move(proc).diags();
    }
    StartOutcome outcome = AwaitReady(**proc, "ready for connections", options.start_timeout);
    if (outcome == StartOutcome::kReady) {
      srv->port_ = *port;
      srv->process_ = std::move(proc).value();
      // root@localhost has an empty password (normal auth) and is reachable over the socket only:
      // create the password-protected account the tests use over TCP.
      auto root = MysqlConnect(nullptr, 0, "root", "", srv->socket_path().c_str(), "");
      if (!root) {
        return Error("MariaDB started but root cannot connect", root.ErrorString() + "\n" + srv->Log());
      }
      std::string grant = fmt::format(
          "CREATE USER '{0}'@'%' IDENTIFIED BY '{1}'; GRANT ALL PRIVILEGES ON *.* TO '{0}'@'%' WITH "
          "GRANT OPTION; FLUSH PRIVILEGES",
          options.user, options.password);
      if (auto st = MysqlRun(root->get(), grant); !st) {
        return std::move(st).diags();
      }
      if (auto q = srv->Query("SELECT 1"); !q) {
        return Error("MariaDB user cannot connect over TCP", q.ErrorString());
      }
      return srv;
    }
    last_log = (*proc)->Stderr();
    (*proc)->Kill();
    if (outcome == StartOutcome::kFailed) {
      break;
    }
  }
  return Error("MariaDB did not start", last_log);
}

MariaDbServer::~MariaDbServer() { Stop(); }

void MariaDbServer::Stop() {
  if (!process_) {
    return;
  }
  process_->Signal(SIGTERM);
  if (!process_->Wait(milliseconds(30000))) {
    process_->Kill();
  }
  process_.reset();
}

std::string MariaDbServer::Url(std::string_view database, std::string_view scheme) const {
  return fmt::format("{}://{}:{}@127.0.0.1:{}/{}", scheme, UrlEscape(options_.user),
                     UrlEscape(options_.password), port_, UrlEscape(database));
}

engine::base::Status MariaDbServer::Exec(std::string_view sql, std::string_view database) const {
  auto q = Query(sql, database);
  if (!q) {
    return std::move(q).diags();
  }
  return {};
}

engine::base::Result<Rows> MariaDbServer::Query(std::string_view sql,
                                                std::string_view database) const {
  auto conn = MysqlConnect("127.0.0.1", port_, options_.user, options_.password, nullptr, database);
  if (!conn) {
    return std::move(conn).diags();
  }
  return MysqlRun(conn->get(), sql);
}

engine::base::Result<std::string> MariaDbServer::CreateDatabase(std::string_view name) const {
  std::string quoted = "`" + std::string(name) + "`";
  if (auto st = Exec("DROP DATABASE IF EXISTS " + quoted + "; CREATE DATABASE " + quoted); !st) {
    return st.diags();
  }
  return Url(name);
}

// ---------------------------------------------------------------------------------------------
// Environments

PostgresEnvironment& PostgresEnvironment::Get() {
  // GoogleTest owns registered environments and calls TearDown after the last test.
  static auto* env = static_cast<PostgresEnvironment*>(
      ::testing::AddGlobalTestEnvironment(new PostgresEnvironment()));
  return *env;
}

PostgresServer* PostgresEnvironment::Server() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!tried_) {
    tried_ = true;
    PostgresServer::Options opts;
    skip_reason_ = PostgresServer::Unavailable(opts);
    if (skip_reason_.empty()) {
      auto srv = PostgresServer::Start(opts);
      if (srv) {
        server_ = std::move(srv).value();
      } else {
        skip_reason_ = "PostgreSQL failed to start: " + srv.ErrorString();
        ADD_FAILURE() << skip_reason_;
      }
    }
  }
  return server_.get();
}

std::string PostgresEnvironment::skip_reason() const {
  std::lock_guard<std::mutex> lock(mu_);
  return skip_reason_;
}

void PostgresEnvironment::TearDown() {
  std::lock_guard<std::mutex> lock(mu_);
  server_.reset();
}

MariaDbEnvironment& MariaDbEnvironment::Get() {
  static auto* env = static_cast<MariaDbEnvironment*>(
      ::testing::AddGlobalTestEnvironment(new MariaDbEnvironment()));
  return *env;
}

MariaDbServer* MariaDbEnvironment::Server() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!tried_) {
    tried_ = true;
    MariaDbServer::Options opts;
    skip_reason_ = MariaDbServer::Unavailable(opts);
    if (skip_reason_.empty()) {
      auto srv = MariaDbServer::Start(opts);
      if (srv) {
        server_ = std::move(srv).value();
      } else {
        skip_reason_ = "MariaDB failed to start: " + srv.ErrorString();
        ADD_FAILURE() << skip_reason_;
      }
    }
  }
  return server_.get();
}

std::string MariaDbEnvironment::skip_reason() const {
  std::lock_guard<std::mutex> lock(mu_);
  return skip_reason_;
}

void MariaDbEnvironment::TearDown() {
  std::lock_guard<std::mutex> lock(mu_);
  server_.reset();
}

}  // namespace atlas::tests::acceptance
