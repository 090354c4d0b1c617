#include "sse/diana/diana_del_server.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

#include "index/setup_protocol.h"
#include "sse/common/token_entries.h"
#include "sse/diana/diana_del_messages.h"
#include "sse/diana/diana_instance.h"
#include "sse/diana/diana_messages.h"

namespace sselab::sse::diana {
namespace {

// The unmasked value of an entry.
crypto::Block Unmask(ByteView value, const LeafTokens& t) {
  crypto::Block b;
  for (size_t i = 0; i < b.size(); ++i) b[i] = value[i] ^ t.pad[i];
  return b;
}

}  // namespace

Result<Bytes> DianaDelServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kDelSearch:
      return Search(body);
    case kDelAdd:
      SSELAB_RETURN_IF_ERROR(
          StoreSortedEntries(store_, kAddTable, kDelShape, body, kIngestThreshold));
      return Bytes{};
    case kDelDelete:
      SSELAB_RETURN_IF_ERROR(
          StoreSortedEntries(store_, kDelTable, kDelShape, body, kIngestThreshold));
      return Bytes{};
    default:
      return UnknownRequest(type);
  }
}

Result<Bytes> DianaDelServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ConstrainedKey adds, ReadConstrainedKey(body, 1));
  SSELAB_ASSIGN_OR_RETURN(ConstrainedKey dels, ReadConstrainedKey(body, 0));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  // The deletions first: for each tag, the most additions any deletion of it cancels.
  std::unordered_map<std::string, uint64_t> cancels;
  SSELAB_RETURN_IF_ERROR(WalkEntries(
      store_, kDelTable, dels, kTagValueSize, [&](uint64_t, ByteView value, const LeafTokens& t) {
        const crypto::Block d = Unmask(value, t);
        const uint64_t a = LoadBe32(d.data() + kMatchSize);
        uint64_t& most = cancels[std::string(d.begin(), d.begin() + kMatchSize)];
        most = std::max(most, a);
      }));
  // Then the additions: addition i survives unless a deletion of its tag came after it.
  ByteWriter out(adds.count * kTagValueSize + 10);
  std::vector<crypto::Block> left;
  left.reserve(adds.count);
  std::string match;
  SSELAB_RETURN_IF_ERROR(WalkEntries(store_, kAddTable, adds, kTagValueSize,
                                     [&](uint64_t i, ByteView value, const LeafTokens& t) {
                                       const crypto::Block c = Unmask(value, t);
                                       match.assign(c.begin(), c.begin() + kMatchSize);
                                       auto it = cancels.find(match);
                                       if (it == cancels.end() || it->second <= i)
                                         left.push_back(c);
                                     }));
  out.Varint(left.size());
  for (const crypto::Block& c : left) out.Raw(ByteView(c.data(), c.size()));
  return out.Take();
}

}  // namespace sselab::sse::diana
