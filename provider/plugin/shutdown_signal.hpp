#pragma once
// ShutdownSignal: a one-shot "please stop the process" flag that threads can wait on.
//
// Raised by plugin.GRPCController/Shutdown, by SIGTERM (and SIGINT in -debug mode), or by the
// provider itself when it decides the process must end. The serving thread waits on it, then stops
// the gRPC server, removes the socket and returns from Serve. Not to be confused with tfplugin6
// StopProvider, which only cancels in-flight work and never ends the process.
//
// Thread-safe: every method may be called from any thread, concurrently.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

namespace atlas::provider::plugin {

class ShutdownSignal {
 public:
  ShutdownSignal() = default;
  ~ShutdownSignal() = default;
  ShutdownSignal(const ShutdownSignal&) = delete;
  ShutdownSignal& operator=(const ShutdownSignal&) = delete;
  ShutdownSignal(ShutdownSignal&&) = delete;
  ShutdownSignal& operator=(ShutdownSignal&&) = delete;

  // Raises the signal. Idempotent; the first reason is kept.
  void Request(std::string reason);
  bool requested() const;
  // Why it was raised ("" while not raised).
  std::string reason() const;
  // Blocks until raised.
  void Wait() const;
  // Blocks until raised or `timeout` elapsed; true when raised.
  bool WaitFor(std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool requested_ = false;  // guarded by mu_
  std::string reason_;      // guarded by mu_
};

}  // namespace atlas::provider::plugin
