// Test support for the block-based schemes (Π_pack, Π_2lev): one scheme's client and
// server over a MemoryStore and a LocalChannel, and corpora with exact list lengths.
// Test-only; not installed.
#ifndef SSELAB_SSE_PACK_PACK_TESTING_H_
#define SSELAB_SSE_PACK_PACK_TESTING_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/channel.h"
#include "index/registry.h"
#include "storage/memory_store.h"

namespace sselab::sse::testing {

// Keyword "len<k>" appears in exactly k documents, for every k in `lengths`; the ids are
// random 64-bit values. `oracle` maps each keyword to its ascending ids.
inline std::vector<index::Document> CorpusWithLengths(
    const std::vector<size_t>& lengths, std::map<std::string, std::vector<index::DocId>>& oracle,
    uint64_t seed = 1) {
  std::mt19937_64 rng(seed);
  size_t docs = 1;
  for (size_t k : lengths) docs = std::max(docs, k);
  std::vector<index::Document> out(docs);
  for (auto& d : out) d.id = rng();
  for (size_t k : lengths) {
    std::string w = "len" + std::to_string(k);
    std::vector<size_t> order(docs);
    for (size_t i = 0; i < docs; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    auto& ids = oracle[w];
    for (size_t i = 0; i < k; ++i) {
      out[order[i]].keywords.push_back(w);
      ids.push_back(out[order[i]].id);
    }
    std::sort(ids.begin(), ids.end());
  }
  return out;
}

// A scheme's client and server, connected in-process, over a fresh MemoryStore.
struct Harness {
  std::unique_ptr<storage::Store> store = storage::NewMemoryStore();
  crypto::SecretKey key = crypto::SecretKey::Generate(32);
  index::Params params;
  std::unique_ptr<index::Server> server;
  std::unique_ptr<index::LocalChannel> channel;
  std::unique_ptr<index::Client> client;

  // Errors of parameter parsing or of either factory.
  Status Open(const index::SchemeEntry& entry, const std::vector<std::string>& assignments) {
    SSELAB_ASSIGN_OR_RETURN(params,
                            index::Params::Parse(entry.info.name, entry.info.params, assignments));
    SSELAB_ASSIGN_OR_RETURN(server, entry.new_server({params, *store}));
    channel = std::make_unique<index::LocalChannel>(*server);
    SSELAB_ASSIGN_OR_RETURN(client, entry.new_client({params, &key, *channel}));
    return OkStatus();
  }

  // Sizes of the values of `table`, with how many entries have each size.
  std::map<size_t, size_t> ValueSizes(std::string_view table) {
    std::map<size_t, size_t> sizes;
    EXPECT_TRUE(store
                    ->Scan(table, {},
                           [&sizes](ByteView, ByteView v) {
                             ++sizes[v.size()];
                             return true;
                           })
                    .ok());
    return sizes;
  }
};

}  // namespace sselab::sse::testing

#endif  // SSELAB_SSE_PACK_PACK_TESTING_H_
