#include "sse/common/counter_batch.h"

#include <string>
#include <vector>

#include "index/message.h"
#include "index/posting_upload.h"

namespace sselab::sse {

Status SendCounterBatch(KeywordCounters& counters, UpdateJournal& journal,
                        std::span<const index::Document> docs, const CounterBatchSpec& spec,
                        const AppendEntriesFn& append) {
  std::vector<KeywordGroup> groups = GroupByKeyword(docs);
  if (groups.empty()) return OkStatus();
  std::vector<std::string_view> keywords;
  keywords.reserve(groups.size());
  size_t pairs = 0;
  for (const KeywordGroup& g : groups) {
    keywords.push_back(g.keyword);
    pairs += g.ids.size();
  }
  // c <- W[w] (0 if w never had an update); W[w] <- c + |ids|.
  SSELAB_ASSIGN_OR_RETURN(std::vector<uint64_t> counts, counters.Get(keywords));
  ByteWriter entries(pairs * spec.shape.entry_size());
  storage::WriteBatch state_writes;
  for (size_t i = 0; i < groups.size(); ++i) {
    const uint64_t next = counts[i] + groups[i].ids.size();
    if (next > spec.max_count) {
      counters.Forget();  // the counts staged so far were not committed
      return InvalidArgumentError("a keyword would exceed " + std::string(spec.what) + "'s " +
                                  std::to_string(spec.max_count) + " updates");
    }
    Status appended = append(groups[i].keyword, counts[i], groups[i].ids, entries);
    if (!appended.ok()) {
      counters.Forget();
      return appended;
    }
    counters.Set(state_writes, groups[i].keyword, next);
  }
  ByteWriter message(pairs * spec.shape.entry_size() + 16);
  index::BeginRequest(spec.request_type, message);
  AppendSortedEntries(entries.bytes(), spec.shape, message);
  // Sent only once the counters are durable (update_journal.h).
  Status sent = journal.Commit(std::move(state_writes), message.bytes());
  if (!sent.ok()) counters.Forget();
  return sent;
}

Result<index::BuildStats> BuildCounterIndex(index::Channel& channel, std::string_view table,
                                            KeywordCounters& counters, storage::Store& state,
                                            index::DocumentSource& corpus,
                                            const index::ProgressFn& progress,
                                            const CounterBatchSpec& spec,
                                            const AppendEntriesFn& append) {
  CounterBuildWriter counts(counters, state);
  ByteWriter scratch;
  auto encode = [&](std::string_view keyword, std::span<const index::DocId> ids,
                    index::SetupSender& sender) -> Status {
    if (ids.size() > spec.max_count) {
      return InvalidArgumentError("a posting list of " + std::to_string(ids.size()) +
                                  " ids exceeds " + std::string(spec.what) + "'s " +
                                  std::to_string(spec.max_count) + " updates per keyword");
    }
    scratch.Clear();
    SSELAB_RETURN_IF_ERROR(append(keyword, 0, ids, scratch));
    const uint8_t* p = scratch.bytes().data();
    const EntryShape shape = spec.shape;
    for (size_t i = 0; i < ids.size(); ++i, p += shape.entry_size()) {
      SSELAB_RETURN_IF_ERROR(sender.Add(ByteView(p, shape.token_size),
                                        ByteView(p + shape.token_size, shape.value_size)));
    }
    return counts.Set(keyword, ids.size());
  };
  auto finish = [&](index::SetupSender&) -> Status { return counts.Finish(); };
  return index::UploadPostingLists(channel, std::string(table), corpus, progress, encode, finish);
}

}  // namespace sselab::sse
