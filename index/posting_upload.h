// UploadPostingLists: the setup every single-table scheme runs. Each posting list of the
// corpus goes through the scheme's `encode`, which adds that keyword's entries to the
// setup sender; then `finish` (if given) may add more, the entries are flushed, and the
// setup is committed. Progress reports "encrypting pairs" after each list.
#ifndef SSELAB_INDEX_POSTING_UPLOAD_H_
#define SSELAB_INDEX_POSTING_UPLOAD_H_

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "index/channel.h"
#include "index/client.h"
#include "index/setup_protocol.h"

namespace sselab::index {

using EncodeListFn =
    std::function<Status(std::string_view keyword, std::span<const DocId> ids, SetupSender& out)>;
using FinishFn = std::function<Status(SetupSender& out)>;

Result<BuildStats> UploadPostingLists(Channel& channel, std::string table, DocumentSource& corpus,
                                      const ProgressFn& progress, const EncodeListFn& encode,
                                      const FinishFn& finish = {});

}  // namespace sselab::index

#endif  // SSELAB_INDEX_POSTING_UPLOAD_H_
