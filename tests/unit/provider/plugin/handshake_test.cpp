#include "provider/plugin/handshake.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace atlas::provider::plugin {
namespace {

TEST(HandshakeTest, Base64RawMatchesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(EncodeBase64Raw(""), "");
  EXPECT_EQ(EncodeBase64Raw("f"), "Zg");
  EXPECT_EQ(EncodeBase64Raw("fo"), "Zm8");
  EXPECT_EQ(EncodeBase64Raw("foo"), "Zm9v");
  EXPECT_EQ(EncodeBase64Raw("foob"), "Zm9vYg");
  EXPECT_EQ(EncodeBase64Raw("fooba"), "Zm9vYmE");
  EXPECT_EQ(EncodeBase64Raw("foobar"), "Zm9vYmFy");
  // Standard alphabet (+ and /), not URL-safe.
  EXPECT_EQ(EncodeBase64Raw(std::string("\xfb\xff\xbf", 3)), "+/+/");
}

TEST(HandshakeTest, Base64DecodeAcceptsPaddedAndUnpadded) {
  EXPECT_EQ(DecodeBase64("Zm9vYmE").value(), "fooba");
  EXPECT_EQ(DecodeBase64("Zm9vYmE=").value(), "fooba");
  EXPECT_EQ(DecodeBase64("+/+/").value(), std::string("\xfb\xff\xbf", 3));
  std::string all;
  for (int i = 0; i < 256; ++i) {
    all += static_cast<char>(i);
  }
  EXPECT_EQ(DecodeBase64(EncodeBase64Raw(all)).value(), all);
  EXPECT_FALSE(DecodeBase64("Zm9v-_").ok());
  EXPECT_FALSE(DecodeBase64("Z").ok());
}

TEST(HandshakeTest, LineForUnixWithAndWithoutCertificate) {
  EXPECT_EQ(HandshakeLine(6, Network::kUnix, "/tmp/plugin2971441850", "MIIBabc"),
            "1|6|unix|/tmp/plugin2971441850|grpc|MIIBabc");
  EXPECT_EQ(HandshakeLine(6, Network::kUnix, "/tmp/plugin1", ""), "1|6|unix|/tmp/plugin1|grpc|");
  EXPECT_EQ(HandshakeLine(6, Network::kTcp, "127.0.0.1:10007", "X"),
            "1|6|tcp|127.0.0.1:10007|grpc|X");
}

TEST(HandshakeTest, ParsesProtocolVersionLists) {
  EXPECT_EQ(ParseProtocolVersions("5,6"), (std::vector<int>{5, 6}));
  EXPECT_EQ(ParseProtocolVersions(" 6 , 5 "), (std::vector<int>{6, 5}));
  EXPECT_EQ(ParseProtocolVersions("x,6,,7y"), (std::vector<int>{6}));
  EXPECT_EQ(ParseProtocolVersions(""), (std::vector<int>{}));
}

TEST(HandshakeTest, NegotiatesSixOrExplainsWhy) {
  EXPECT_EQ(NegotiateProtocolVersion("5,6").value(), 6);
  EXPECT_EQ(NegotiateProtocolVersion("6,5").value(), 6);
  EXPECT_EQ(NegotiateProtocolVersion("6").value(), 6);
  EXPECT_EQ(NegotiateProtocolVersion("").value(), 6);  // host did not say: serve our version
  const auto refused = NegotiateProtocolVersion("5");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.diags().items().front().summary, "Incompatible plugin protocol");
  EXPECT_EQ(
      refused.diags().items().front().detail,
      "This provider speaks Terraform plugin protocol 6, but the host offered only "
      "PLUGIN_PROTOCOL_VERSIONS=\"5\". Protocol 6 needs Terraform v0.15.0 or later; please upgrade "
      "Terraform.");
  EXPECT_FALSE(NegotiateProtocolVersion("4,5,7").ok());
}

TEST(HandshakeTest, ReattachLineIsShellQuotedJson) {
  EXPECT_EQ(
      ReattachLine("registry.terraform.io/ariga/atlas", 4242, Network::kUnix, "/tmp/plugin77"),
      R"(TF_REATTACH_PROVIDERS='{"registry.terraform.io/ariga/atlas":{"Protocol":"grpc",)"
      R"("ProtocolVersion":6,"Pid":4242,"Test":true,"Addr":{"Network":"unix","String":"/tmp/plugin77"}}}')");
  EXPECT_EQ(
      ReattachLine("a/b", 1, Network::kUnix, "/tmp/it's"),
      R"(TF_REATTACH_PROVIDERS='{"a/b":{"Protocol":"grpc","ProtocolVersion":6,"Pid":1,"Test":true,)"
      R"("Addr":{"Network":"unix","String":"/tmp/it'\''s"}}}')");
}

}  // namespace
}  // namespace atlas::provider::plugin
