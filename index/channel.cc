#include "index/channel.h"

#include "index/message.h"

namespace sselab::index {

Access Server::AccessOf(ByteView /*request*/) const { return Access::kWrite; }

Purpose Server::PurposeOf(ByteView /*request*/) const { return Purpose::kUnknown; }

Result<Bytes> LocalChannel::Call(ByteView request) {
  Bytes frame = EncodeReply(server_.Handle(request));
  return DecodeReply(frame);
}

Result<Bytes> RecordingChannel::Call(ByteView request) {
  Result<Bytes> reply = inner_.Call(request);
  std::lock_guard<std::mutex> lock(mu_);
  messages_.push_back({ToBytes(request), EncodeReply(reply)});
  return reply;
}

std::vector<RecordedMessage> RecordingChannel::Messages() const {
  std::lock_guard<std::mutex> lock(mu_);
  return messages_;
}

std::vector<RecordedMessage> RecordingChannel::TakeMessages() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::exchange(messages_, {});
}

}  // namespace sselab::index
