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

struct IndexMeta {
  int format = kIndexFormat;
  std::string scheme;
  Params params;
  std::string key_check;  // crypto::KeyCheckValue of the master key ("" without a key)
  BuildStats stats;
  std::string created_utc;  // ISO 8601
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
