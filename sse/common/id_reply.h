// The search reply of the forward-private schemes, where the server decrypts the ids:
// varint n | n × BE64 id (in update order). The client knows how many entries the keyword
// has, so a reply of any other count is malformed.
#ifndef SSELAB_SSE_COMMON_ID_REPLY_H_
#define SSELAB_SSE_COMMON_ID_REPLY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "index/document.h"

namespace sselab::sse {

// The ids of `reply`, ascending and without duplicates (a pair added twice is one
// result). kCorruption, naming `what`, for a short or long reply or a count other than
// `expected`.
Result<std::vector<index::DocId>> DecodeIdReply(ByteView reply, uint64_t expected,
                                                const std::string& what);

}  // namespace sselab::sse

#endif  // SSELAB_SSE_COMMON_ID_REPLY_H_
