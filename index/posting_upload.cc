#include "index/posting_upload.h"

#include "index/inverted.h"

namespace sselab::index {

Result<BuildStats> UploadPostingLists(Channel& channel, std::string table, DocumentSource& corpus,
                                      const ProgressFn& progress, const EncodeListFn& encode,
                                      const FinishFn& finish) {
  SetupSender sender(channel, std::move(table));
  uint64_t done = 0;
  auto each = [&](std::string_view keyword, std::span<const DocId> ids) -> Status {
    SSELAB_RETURN_IF_ERROR(encode(keyword, ids, sender));
    done += ids.size();
    if (progress) progress("encrypting pairs", done);
    return OkStatus();
  };
  SSELAB_ASSIGN_OR_RETURN(BuildStats stats, ForEachPostingList(corpus, progress, each));
  if (finish) SSELAB_RETURN_IF_ERROR(finish(sender));
  SSELAB_RETURN_IF_ERROR(sender.Flush());
  SSELAB_RETURN_IF_ERROR(SendSetupCommit(channel));
  return stats;
}

}  // namespace sselab::index
