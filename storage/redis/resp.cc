#include "storage/redis/resp.h"

#include <hiredis/hiredis.h>

namespace sselab::storage::redis {
namespace {

Reply Convert(const redisReply& r) {
  Reply out;
  switch (r.type) {
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::kString;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::kStatus;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::kError;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::kInteger;
      out.integer = r.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::kArray;
      out.elements.reserve(r.elements);
      for (size_t i = 0; i < r.elements; ++i) out.elements.push_back(Convert(*r.element[i]));
      break;
    default:
      out.type = Reply::Type::kNil;
      break;
  }
  return out;
}

}  // namespace

std::string_view Reply::ErrorKind() const {
  if (type != Type::kError) return {};
  const std::string_view s(str);
  return s.substr(0, s.find(' '));
}

void AppendCommand(std::string& out, std::span<const std::string> args) {
  out += '*';
  out += std::to_string(args.size());
  out += "\r\n";
  for (const std::string& arg : args) {
    out += '$';
    out += std::to_string(arg.size());
    out += "\r\n";
    out += arg;
    out += "\r\n";
  }
}

struct ReplyReader::Impl {
  redisReader* reader = nullptr;
};

ReplyReader::ReplyReader() : impl_(std::make_unique<Impl>()) {
  impl_->reader = redisReaderCreate();
}

ReplyReader::~ReplyReader() {
  if (impl_->reader != nullptr) redisReaderFree(impl_->reader);
}

void ReplyReader::Feed(std::string_view bytes) {
  redisReaderFeed(impl_->reader, bytes.data(), bytes.size());
}

Result<std::optional<Reply>> ReplyReader::Next() {
  void* raw = nullptr;
  if (redisReaderGetReply(impl_->reader, &raw) != REDIS_OK) {
    return CorruptionError(std::string("malformed reply from a Redis node: ") +
                           impl_->reader->errstr);
  }
  if (raw == nullptr) return std::optional<Reply>();
  auto* reply = static_cast<redisReply*>(raw);
  std::optional<Reply> out = Convert(*reply);
  freeReplyObject(reply);
  return out;
}

}  // namespace sselab::storage::redis
