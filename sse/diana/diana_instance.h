// One Diana instance, both halves, as Diana and Diana_del (which runs two: additions and
// deletions) share it (papers/bmo17.md numbers the lines):
//   client: the entries of a keyword's updates (Update lines 4-6) and the constrained key
//           of a search (Search lines 3-4);
//   server: reading that key back and walking the entries it opens (Search lines 5-10).
// What an entry's value holds is the caller's: Diana an id masked with H_2, Diana_del a
// tag masked with H_2.
#ifndef SSELAB_SSE_DIANA_DIANA_INSTANCE_H_
#define SSELAB_SSE_DIANA_DIANA_INSTANCE_H_

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "base/codec.h"
#include "base/result.h"
#include "crypto/ggm.h"
#include "sse/diana/diana_tokens.h"
#include "storage/store.h"

namespace sselab::sse::diana {

// K_w (the root of w's GGM tree) and K'_w, for one keyword in one instance.
struct InstanceKeys {
  crypto::Block root;
  crypto::Block k_prime;
};

// Fills the value of update `i` of a batch (value_size bytes at `value`) from its tokens.
using ValueFn = std::function<void(size_t i, const LeafTokens& tokens, uint8_t* value)>;

// Client: appends UT_c | value for the `n` updates with counters first .. first + n - 1.
void AppendEntries(const InstanceKeys& keys, uint64_t first, size_t n, size_t value_size,
                   const ValueFn& value, ByteWriter& out);

// Client: appends K'_w | varint count | varint m | m × (u8 depth | varint prefix | key),
// the constrained key K_w(count) that opens counters [0, count).
void AppendConstrainedKey(const InstanceKeys& keys, uint64_t count, ByteWriter& out);

// Server side of the same.
struct ConstrainedKey {
  crypto::Block k_prime{};
  uint64_t count = 0;
  std::vector<crypto::GgmNode> cover;
};

// Reads a constrained key; kInvalidArgument (malformed) for a count outside
// [min_count, 2^kTreeDepth] or a cover of any other shape than that of [0, count).
Result<ConstrainedKey> ReadConstrainedKey(ByteReader& body, uint64_t min_count);

// Looks up every entry the key opens in `table`, in counter order, in batches of
// kLookupBatch: visit(i, value, tokens). kCorruption naming `table` for a missing entry
// or one that is not `value_size` bytes.
using EntryFn = std::function<void(uint64_t i, ByteView value, const LeafTokens& tokens)>;
Status WalkEntries(storage::Store& store, std::string_view table, const ConstrainedKey& key,
                   size_t value_size, const EntryFn& visit);

}  // namespace sselab::sse::diana

#endif  // SSELAB_SSE_DIANA_DIANA_INSTANCE_H_
