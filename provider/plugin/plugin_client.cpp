#include "provider/plugin/plugin_client.hpp"

#include "provider/plugin/plugin_server.hpp"

#include "grpc/health/v1/health.grpc.pb.h"

namespace atlas::provider::plugin {

std::shared_ptr<grpc::Channel> DialPlugin(const std::string& target,
                                          const std::optional<ClientTls>& tls) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxMessageBytes);
  args.SetMaxSendMessageSize(kMaxMessageBytes);
  if (!tls) {
    return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  }
  args.SetSslTargetNameOverride("localhost");
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = tls->server_cert_pem;
  ssl.pem_cert_chain = tls->client_cert_pem;
  ssl.pem_private_key = tls->client_key_pem;
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(ssl), args);
}

HealthResult CheckHealth(const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
                         std::chrono::milliseconds timeout) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  HealthResult result;
  result.status = stub->Check(&context, request, &response);
  result.serving_status = static_cast<int>(response.status());
  return result;
}

}  // namespace atlas::provider::plugin
