// IndexMeta: the client-side description of an index, kept in DIR/client/meta.json.
#ifndef SSELAB_INDEX_INDEX_META_H_
#define SSELAB_INDEX_INDEX_META_H_

#include <filesystem>
#include <string>

#include "base/result.h"
#include "index/client.h"
#include "index/params.h"
#include "index/registry.h"

namespace sselab::index {

// 2: the blind index's tokens carry a length and field id (SchemeInfo::min_index_format).
inline constexpr int kIndexFormat = 2;

// Updates applied since the build (EncryptedIndex::Add/Remove), counted per batch.
struct UpdateCounts {
  uint64_t batches = 0;
  uint64_t added_pairs = 0;    // pairs sent in add batches (present ones included)
  uint64_t removed_pairs = 0;  // pairs sent in remove batches (absent ones included)
};

struct IndexMeta {
  int format = kIndexFormat;
  std::string scheme;
  Params params;
  std::string key_check;  // crypto::KeyCheckValue of the master key ("" without a key)
  BuildStats stats;
  std::string created_utc;  // ISO 8601
  // Random, drawn at creation (hex); the client-state store records it, so that a state
  // copied from another index is refused. Empty in indexes built before it existed.
  std::string index_id;
  UpdateCounts updates;
};

std::string IndexMetaToJson(const IndexMeta& meta);
// kCorruption naming `path` for malformed JSON, missing fields, a newer format, or a
// format older than the scheme's min_index_format;
// kNotFound for a scheme this build of sselab does not know.
Result<IndexMeta> ParseIndexMeta(const Registry& registry, std::string_view json,
                                 const std::filesystem::path& path);

// The current UTC time, ISO 8601 (seconds).
std::string UtcNow();

}  // namespace sselab::index

#endif  // SSELAB_INDEX_INDEX_META_H_
