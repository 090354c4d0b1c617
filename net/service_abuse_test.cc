// Requests no sselab client would send, straight to the gRPC service: malformed scheme
// messages, an unknown index, a message over the size limit. Each is refused with a clear
// error, the server keeps serving, and the index answers as before.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "index/message.h"
#include "net/internal/tls_credentials.h"
#include "net/proto/index_service.grpc.pb.h"
#include "net/remote.h"
#include "net/testing/test_server.h"
#include "tests/testing/random_corpus.h"

namespace sselab::net {
namespace {

using sselab::testing::TempDir;

class ServiceAbuseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto remote = ConnectRemote(server_.Remote("admin", "shared"));
    ASSERT_TRUE(remote.ok());
    index::VectorDocumentSource docs(corpus_.docs);
    auto built = index::EncryptedIndex::Create(
        schemes::BuiltinRegistry(), {.scheme = "pibas", .dir = dir_ / "db", .remote = *remote},
        docs);
    ASSERT_TRUE(built.ok()) << built.error().ToString();
    index_ = std::move(built).value();
    auto creds = internal::ClientCredentials(server_.pki().ClientFiles("admin"));
    ASSERT_TRUE(creds.ok());
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(64 << 20);
    stub_ =
        proto::IndexService::NewStub(grpc::CreateCustomChannel(server_.address(), *creds, args));
  }

  grpc::Status Call(const std::string& index, const std::string& message, std::string* frame) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    proto::CallRequest request;
    request.set_index(index);
    request.set_message(message);
    proto::CallReply reply;
    grpc::Status status = stub_->Call(&context, request, &reply);
    *frame = reply.frame();
    return status;
  }

  void ExpectIndexUnchanged() {
    for (const auto& kw : corpus_.vocabulary) {
      auto ids = index_->Search(kw);
      ASSERT_TRUE(ids.ok()) << ids.error().ToString();
      EXPECT_EQ(*ids, corpus_.Expected(kw)) << kw;
    }
  }

  TempDir dir_;
  testing::TestServer server_{dir_};
  sselab::testing::OracleCorpus corpus_ = sselab::testing::MakeRandomCorpus({"a", 30, 10, 4}, 2);
  std::unique_ptr<index::EncryptedIndex> index_;
  std::unique_ptr<proto::IndexService::Stub> stub_;
};

TEST_F(ServiceAbuseTest, MalformedMessagesAreRefusedAndChangeNothing) {
  const std::vector<std::string> messages = {
      "",                                                  // no header
      std::string(1, '\x01'),                              // version only
      std::string("\x07\x10", 2),                          // another wire version
      std::string("\x01\x10", 2),                          // a search with no body
      std::string("\x01\x10\xff\xff\xff", 5),              // a search with a cut length
      std::string("\x01\x01\x05garbage", 10),              // a setup batch after the setup
      std::string("\x01\x7f", 2) + std::string(100, 'x'),  // an unknown type
  };
  for (const std::string& m : messages) {
    std::string frame;
    grpc::Status status = Call("shared", m, &frame);
    ASSERT_TRUE(status.ok()) << status.error_message();
    auto reply = index::DecodeReply(AsBytes(frame));
    ASSERT_FALSE(reply.ok()) << "message of " << m.size() << " bytes was accepted";
    EXPECT_NE(reply.error().code(), ErrorCode::kInternal) << reply.error().ToString();
  }
  ExpectIndexUnchanged();
}

TEST_F(ServiceAbuseTest, UnknownIndexIsNotFound) {
  std::string frame;
  grpc::Status status = Call("nosuch", std::string("\x01\x10", 2), &frame);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  EXPECT_NE(status.error_message().find("nosuch"), std::string::npos);
}

TEST_F(ServiceAbuseTest, OversizedMessageIsRefusedAndTheServerGoesOn) {
  std::string frame;
  grpc::Status status =
      Call("shared", std::string(testing::TestServer::kMaxMessageBytes + 1, 'x'), &frame);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  ExpectIndexUnchanged();
}

}  // namespace
}  // namespace sselab::net
