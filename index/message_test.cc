#include "index/message.h"

#include <gtest/gtest.h>

#include "index/channel.h"

namespace sselab::index {
namespace {

TEST(MessageTest, ReplyFramesCarryValuesAndErrors) {
  Bytes body = {1, 2, 3};
  auto ok = DecodeReply(EncodeReply(Result<Bytes>(body)));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, body);
  auto err = DecodeReply(EncodeReply(Result<Bytes>(WrongKeyError("nope"))));
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().code(), ErrorCode::kWrongKey);
  EXPECT_EQ(err.error().message(), "server: nope");
}

TEST(MessageTest, MalformedReplyFramesAreCorruption) {
  EXPECT_EQ(DecodeReply(Bytes{}).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(DecodeReply(Bytes{7}).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(DecodeReply(Bytes{1, 200, 0}).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(DecodeReply(Bytes{1, 0, 5, 'a'}).error().code(), ErrorCode::kCorruption);
}

TEST(MessageTest, RequestHeaderChecksVersion) {
  ByteWriter w = BeginRequest(0x10);
  ByteReader r(w.bytes(), "request");
  auto h = ReadRequestHeader(r);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->type, 0x10);
  Bytes wrong = {kWireVersion + 1, 0x10};
  ByteReader r2(wrong, "request");
  EXPECT_EQ(ReadRequestHeader(r2).error().code(), ErrorCode::kCorruption);
}

class EchoServer : public Server {
 public:
  Result<Bytes> Handle(ByteView request) override {
    if (request.empty()) return InvalidArgumentError("empty");
    return ToBytes(request);
  }
};

TEST(ChannelTest, RecordingChannelKeepsEveryFrame) {
  EchoServer server;
  LocalChannel local(server);
  RecordingChannel rec(local);
  Bytes a = {1, 2};
  ASSERT_TRUE(rec.Call(a).ok());
  EXPECT_FALSE(rec.Call(Bytes{}).ok());
  auto msgs = rec.Messages();
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0].request, a);
  EXPECT_EQ(msgs[0].reply, (Bytes{0, 1, 2}));
  EXPECT_EQ(msgs[1].reply[0], 1);  // error frame
}

}  // namespace
}  // namespace sselab::index
