#include "bench/harness/corpus_profile.h"

#include <algorithm>
#include <set>

#include "base/bytes.h"
#include "crypto/hash.h"
#include "index/corpus.h"

namespace sselab::harness {

Result<CorpusProfile> ProfileCorpus(const BenchSpec& spec) {
  CorpusProfile p;
  p.name = spec.corpus_file ? spec.corpus_file->string() : index::SynthUri(*spec.synth);
  SSELAB_ASSIGN_OR_RETURN(auto source, index::OpenCorpus(p.name));
  crypto::Sha256Hasher hasher;
  index::Document d;
  while (true) {
    SSELAB_ASSIGN_OR_RETURN(bool more, source->Next(d));
    if (!more) break;
    uint8_t id[8];
    for (int i = 0; i < 8; ++i) id[i] = static_cast<uint8_t>(d.id >> (56 - 8 * i));
    hasher.Update(ByteView(id, 8));
    for (const std::string& k : d.keywords) {
      hasher.Update(AsBytes(k));
      hasher.Update(Bytes{0});
      ++p.frequency[k];
    }
    ++p.documents;
    p.pairs += d.keywords.size();
  }
  auto digest = hasher.Finish();
  p.sha256 = HexEncode(digest);
  return p;
}

std::vector<std::string> ChooseQueries(const BenchSpec& spec, const Workload& workload,
                                       const CorpusProfile& profile) {
  std::vector<std::string> out;
  if (workload.queries == Workload::Queries::kPlanted) {
    for (uint64_t size : spec.synth->plant) out.push_back(index::PlantedKeyword(size));
    return out;
  }
  std::vector<std::pair<uint64_t, std::string>> ranked;
  ranked.reserve(profile.frequency.size());
  for (const auto& [k, n] : profile.frequency) ranked.emplace_back(n, k);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (ranked.empty()) return out;
  uint64_t n = std::min<uint64_t>(workload.count, ranked.size());
  std::set<size_t> picked;
  for (uint64_t i = 0; i < n; ++i) {
    picked.insert(n == 1 ? 0 : static_cast<size_t>(i * (ranked.size() - 1) / (n - 1)));
  }
  for (size_t i : picked) out.push_back(ranked[i].second);
  return out;
}

Result<std::map<std::string, std::vector<index::DocId>>> Oracle(
    const CorpusProfile& profile, const std::vector<std::string>& queries) {
  std::map<std::string, std::vector<index::DocId>> out;
  for (const std::string& q : queries) out[q];
  SSELAB_ASSIGN_OR_RETURN(auto source, index::OpenCorpus(profile.name));
  index::Document d;
  while (true) {
    SSELAB_ASSIGN_OR_RETURN(bool more, source->Next(d));
    if (!more) break;
    for (const std::string& k : d.keywords) {
      auto it = out.find(k);
      if (it != out.end()) it->second.push_back(d.id);
    }
  }
  for (auto& [k, ids] : out) std::sort(ids.begin(), ids.end());
  return out;
}

}  // namespace sselab::harness
