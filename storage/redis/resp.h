// RESP, the Redis protocol: commands written as arrays of bulk strings, replies parsed by
// Debian's hiredis (its redisReader, the protocol parser alone: the connection, TLS and
// cluster routing are sselab's own, storage/redis/node_connection.h and cluster.h).
#ifndef SSELAB_STORAGE_REDIS_RESP_H_
#define SSELAB_STORAGE_REDIS_RESP_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace sselab::storage::redis {

struct Reply {
  enum class Type { kString, kArray, kInteger, kNil, kStatus, kError };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  int64_t integer = 0;
  std::vector<Reply> elements;  // kArray

  bool is_error() const { return type == Type::kError; }
  // The error's first word ("MOVED", "ASK", "CLUSTERDOWN", "ERR"...), empty if not an error.
  std::string_view ErrorKind() const;
};

// One command: its arguments, binary-safe.
using Command = std::vector<std::string>;

// Appends `args` to `out` in the protocol's request form (*N, then $len per argument).
void AppendCommand(std::string& out, std::span<const std::string> args);

// Parses replies from the bytes of one connection, in order. Not thread-safe.
class ReplyReader {
 public:
  ReplyReader();
  ~ReplyReader();
  ReplyReader(const ReplyReader&) = delete;
  ReplyReader& operator=(const ReplyReader&) = delete;

  void Feed(std::string_view bytes);
  // The next complete reply, nullopt if more bytes are needed; kCorruption if the bytes
  // are not the protocol (the connection must then be dropped).
  Result<std::optional<Reply>> Next();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sselab::storage::redis

#endif  // SSELAB_STORAGE_REDIS_RESP_H_
