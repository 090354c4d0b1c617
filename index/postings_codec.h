// Packed posting lists: ascending document ids as a count and varint deltas.
//
//   varint n | varint id_0 | varint (id_1 - id_0) | ... | varint (id_{n-1} - id_{n-2})
#ifndef SSELAB_INDEX_POSTINGS_CODEC_H_
#define SSELAB_INDEX_POSTINGS_CODEC_H_

#include <span>
#include <vector>

#include "base/codec.h"
#include "index/document.h"

namespace sselab::index {

// REQUIRES: `ids` strictly ascending.
void EncodePostings(std::span<const DocId> ids, ByteWriter& out);

// Appends the decoded ids to `out`. kCorruption if the list is truncated, holds more ids
// than `max_count`, or is not strictly ascending.
Status DecodePostings(ByteReader& in, std::vector<DocId>& out, uint64_t max_count = 1ULL << 32);

}  // namespace sselab::index

#endif  // SSELAB_INDEX_POSTINGS_CODEC_H_
