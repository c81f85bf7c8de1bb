#include "provider/plugin/shutdown_signal.hpp"

#include <utility>

namespace atlas::provider::plugin {

void ShutdownSignal::Request(std::string reason) {
  {
    const std::lock_guard<std::mutex> lock(mu_);
    if (requested_) {
      return;
    }
    requested_ = true;
    reason_ = std::move(reason);
  }
  cv_.notify_all();
}

bool ShutdownSignal::requested() const {
  const std::lock_guard<std::mutex> lock(mu_);
  return requested_;
}

std::string ShutdownSignal::reason() const {
  const std::lock_guard<std::mutex> lock(mu_);
  return reason_;
}

void ShutdownSignal::Wait() const {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return requested_; });
}

bool ShutdownSignal::WaitFor(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, timeout, [this] { return requested_; });
}

}  // namespace atlas::provider::plugin
