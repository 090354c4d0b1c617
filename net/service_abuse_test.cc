// Requests no sselab client would send, straight to the gRPC service: malformed scheme
// messages, an unknown index, a message over the size limit. Each is refused with a clear
// error, the server keeps serving, and the index answers as before.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "index/message.h"
#include "index/plaintext/plaintext_messages.h"
#include "index/postings_codec.h"
#include "index/setup_protocol.h"
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

// A setup stream carries setup messages for one index only: a search on it, or a message
// for another index, ends the stream with INVALID_ARGUMENT, and nothing is stored.
TEST_F(ServiceAbuseTest, SetupStreamRefusesOtherMessages) {
  for (const auto& [index, message] : std::vector<std::pair<std::string, std::string>>{
           {"shared", std::string("\x01\x10", 2)}, {"other", std::string("\x01\x02", 2)}}) {
    grpc::ClientContext context;
    proto::CallReply reply;
    auto writer = stub_->Setup(&context, &reply);
    proto::CallRequest first;
    first.set_index("shared");
    first.set_message(std::string("\x01\x01", 2) + "\x06pibas" + std::string(1, '\0'));
    proto::CallRequest second;
    second.set_index(index);
    second.set_message(message);
    // The first message (an empty batch) is refused too: the index is built already.
    writer->Write(index == "shared" ? second : first);
    writer->Write(second);
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (status.ok()) {
      EXPECT_FALSE(index::DecodeReply(AsBytes(reply.frame())).ok());
    } else {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    }
  }
  ExpectIndexUnchanged();
}

// A build whose stream the client cancels leaves nothing of its upload behind: a commit
// sent afterwards publishes an index without the cancelled entries.
TEST_F(ServiceAbuseTest, CancelledSetupStreamDiscardsItsUpload) {
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    proto::CreateIndexRequest create;
    create.set_index("plain");
    create.set_scheme("plaintext");
    proto::IndexDescription created;
    ASSERT_TRUE(stub_->CreateIndex(&context, create, &created).ok());
  }
  auto message = [](uint8_t type, const std::function<void(ByteWriter&)>& body) {
    ByteWriter w = index::BeginRequest(type);
    body(w);
    proto::CallRequest request;
    request.set_index("plain");
    request.set_message(std::string(AsChars(w.bytes())));
    return request;
  };
  // One posting chunk: "secret" -> {7}.
  proto::CallRequest entries = message(index::kSetupEntries, [](ByteWriter& w) {
    w.LengthPrefixed(index::plaintext::kPostingsTable);
    w.Varint(1);
    ByteWriter key;
    key.Raw(index::plaintext::KeywordPrefix("secret"));
    key.U32(0);
    w.LengthPrefixed(key.bytes());
    ByteWriter value;
    const std::vector<index::DocId> ids = {7};
    index::EncodePostings(ids, value);
    w.LengthPrefixed(value.bytes());
  });
  {
    grpc::ClientContext context;
    proto::CallReply reply;
    auto writer = stub_->Setup(&context, &reply);
    ASSERT_TRUE(writer->Write(entries));
    // Until the server has read the message, a cancel could overtake it.
    for (int i = 0; i < 200 && server_.Log().find("abandoned") == std::string::npos; ++i) {
      if (i == 25) context.TryCancel();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    (void)writer->Finish();
  }
  EXPECT_NE(server_.Log().find("index plain: an unfinished build was abandoned"), std::string::npos)
      << server_.Log();
  {
    grpc::ClientContext context;
    proto::CallReply reply;
    auto writer = stub_->Setup(&context, &reply);
    ASSERT_TRUE(writer->Write(message(index::kSetupCommit, [](ByteWriter&) {})));
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
    ASSERT_TRUE(index::DecodeReply(AsBytes(reply.frame())).ok());
  }
  proto::CallRequest search =
      message(index::plaintext::kSearch, [](ByteWriter& w) { w.LengthPrefixed("secret"); });
  std::string frame;
  ASSERT_TRUE(Call("plain", search.message(), &frame).ok());
  auto found = index::DecodeReply(AsBytes(frame));
  ASSERT_TRUE(found.ok()) << found.error().ToString();
  ByteReader r(*found, "reply");
  std::vector<index::DocId> ids;
  ASSERT_TRUE(index::DecodePostings(r, ids).ok());
  EXPECT_TRUE(ids.empty()) << "the cancelled upload was committed";
}

}  // namespace
}  // namespace sselab::net
