#pragma once
// Client side of the plugin connection, the way Terraform dials it: used by -selfcheck and by
// tests.
//
// Thread-safe: free functions; the returned channel is gRPC's (thread-safe).

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <grpcpp/grpcpp.h>

namespace atlas::provider::plugin {

struct ClientTls {
  std::string server_cert_pem;  // the only trusted root: the certificate from the handshake line
  std::string client_cert_pem;  // empty: present no client certificate
  std::string client_key_pem;
};

// A channel to `target` ("unix:/path" or "ipv4:127.0.0.1:port"); TLS with server name "localhost"
// when `tls` is set, plaintext otherwise. Message limits raised to 256 MiB.
std::shared_ptr<grpc::Channel> DialPlugin(const std::string& target,
                                          const std::optional<ClientTls>& tls);

struct HealthResult {
  grpc::Status status;
  int serving_status = 0;  // grpc.health.v1 ServingStatus: 1 = SERVING
};

// grpc.health.v1.Health/Check for `service` with a deadline.
HealthResult CheckHealth(const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
                         std::chrono::milliseconds timeout);

}  // namespace atlas::provider::plugin
