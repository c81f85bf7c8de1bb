#include "tests/support/postgres_environment.hpp"

#include <atomic>
#include <cstdlib>
#include <string>

#include <unistd.h>

namespace atlas::tests::support {

PostgresEnvironment& PostgresEnvironment::Instance() {
  // GoogleTest owns registered environments and deletes them at exit.
  // NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): one environment per binary.
  static PostgresEnvironment* const kInstance = [] {
    auto* env = new PostgresEnvironment();
    ::testing::AddGlobalTestEnvironment(env);
    return env;
  }();
  return *kInstance;
}

const PostgresServer* PostgresEnvironment::Server(bool* skip, std::string* why) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!tried_) {
    tried_ = true;
    // NOLINTNEXTLINE(concurrency-mt-unsafe): environment read under mu_, once per process.
    const char* external = std::getenv("ATLAS_TEST_POSTGRES_URL");
    if (external != nullptr && *external != '\0') {
      server_ = PostgresServer::External(external);
    } else {
      const PostgresServer::Options options;
      if (auto reason = PostgresServer::Unavailable(options); !reason.empty()) {
        skip_ = true;
        error_ = reason;
      } else if (auto started = PostgresServer::Start(options); started.ok()) {
        server_ = std::move(started).value();
      } else {
        error_ = started.ErrorString();
      }
    }
  }
  *skip = skip_;
  *why = error_;
  return server_.get();
}

void PostgresEnvironment::TearDown() {
  std::lock_guard<std::mutex> lock(mu_);
  server_.reset();
}

void PostgresTest::SetUp() {
  bool skip = false;
  std::string why;
  server_ = PostgresEnvironment::Instance().Server(&skip, &why);
  if (server_ == nullptr) {
    if (skip) {
      GTEST_SKIP() << why;
    }
    FAIL() << "could not start the test PostgreSQL server: " << why;
  }
  CreateDatabase();
}

void PostgresTest::TearDown() {
  if (server_ == nullptr) {
    return;
  }
  for (const auto& db : databases_) {
    auto st = server_->DropDatabase(db);
    EXPECT_TRUE(st.ok()) << st.ErrorString();
  }
  databases_.clear();
}

std::string PostgresTest::Url(std::string_view extra_query) const {
  return server_->Url(database(), extra_query);
}

std::string PostgresTest::CreateDatabase() {
  static std::atomic<int> counter{0};
  std::string name = "t_" + std::to_string(getpid()) + "_" + std::to_string(counter.fetch_add(1));
  auto st = server_->CreateDatabase(name);
  EXPECT_TRUE(st.ok()) << st.ErrorString();
  databases_.push_back(name);
  return name;
}

void PostgresTest::ExecSql(std::string_view sql) {
  ExecSqlIn(database(), sql);
}

void PostgresTest::ExecSqlIn(std::string_view db, std::string_view sql) {
  auto st = server_->Exec(db, sql);
  ASSERT_TRUE(st.ok()) << st.ErrorString() << "\nSQL:\n" << sql;
}

}  // namespace atlas::tests::support
