#include "leakage/attacks/synthetic_corpus_testing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sselab::leakage::attacks::testing {
namespace {

uint64_t Below(std::mt19937_64& rng, uint64_t n) { return rng() % n; }

void Shuffle(std::vector<uint32_t>& v, std::mt19937_64& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Below(rng, i)]);
}

void BuildPostings(SyntheticCorpus& corpus) {
  corpus.postings.assign(corpus.num_keywords, {});
  for (uint32_t d = 0; d < corpus.documents.size(); ++d) {
    for (KeywordId k : corpus.documents[d]) corpus.postings[k].push_back(d);
  }
}

}  // namespace

SyntheticCorpus MakeZipfCorpus(uint32_t num_docs, uint32_t num_keywords, uint32_t words_per_doc,
                               double exponent, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<double> cumulative(num_keywords);
  double total = 0.0;
  for (uint32_t r = 0; r < num_keywords; ++r) {
    total += 1.0 / std::pow(static_cast<double>(r + 1), exponent);
    cumulative[r] = total;
  }
  std::vector<uint32_t> id_of_rank(num_keywords);
  std::iota(id_of_rank.begin(), id_of_rank.end(), 0U);
  Shuffle(id_of_rank, rng);

  SyntheticCorpus corpus;
  corpus.num_keywords = num_keywords;
  corpus.documents.resize(num_docs);
  for (std::vector<KeywordId>& doc : corpus.documents) {
    for (uint32_t w = 0; w < words_per_doc; ++w) {
      const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53 * total;
      const auto rank = static_cast<size_t>(
          std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
      doc.push_back(id_of_rank[std::min<size_t>(rank, num_keywords - 1)]);
    }
    std::sort(doc.begin(), doc.end());
    doc.erase(std::unique(doc.begin(), doc.end()), doc.end());
  }
  BuildPostings(corpus);
  return corpus;
}

SyntheticCorpus Slice(const SyntheticCorpus& corpus, uint32_t begin, uint32_t end) {
  SyntheticCorpus part;
  part.num_keywords = corpus.num_keywords;
  part.documents.assign(corpus.documents.begin() + begin, corpus.documents.begin() + end);
  BuildPostings(part);
  return part;
}

std::vector<KeywordId> TopKeywords(const SyntheticCorpus& corpus, size_t n) {
  std::vector<KeywordId> ids(corpus.num_keywords);
  std::iota(ids.begin(), ids.end(), 0U);
  std::stable_sort(ids.begin(), ids.end(), [&](KeywordId a, KeywordId b) {
    return corpus.postings[a].size() > corpus.postings[b].size();
  });
  ids.resize(std::min(n, ids.size()));
  return ids;
}

std::vector<ObservedQuery> Observe(const SyntheticCorpus& corpus,
                                   std::span<const KeywordId> queried, bool reveal_results) {
  std::vector<ObservedQuery> observed;
  for (KeywordId k : queried) {
    ObservedQuery q;
    q.volume = corpus.postings[k].size();
    if (reveal_results) q.results = corpus.postings[k];
    observed.push_back(std::move(q));
  }
  return observed;
}

KnownDocuments SampleKnown(const SyntheticCorpus& corpus, double fraction, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> order(corpus.documents.size());
  std::iota(order.begin(), order.end(), 0U);
  Shuffle(order, rng);
  const auto keep = static_cast<size_t>(std::llround(fraction * static_cast<double>(order.size())));
  KnownDocuments known;
  known.num_keywords = corpus.num_keywords;
  known.total_documents = corpus.documents.size();
  for (size_t i = 0; i < keep; ++i) known.documents.push_back(corpus.documents[order[i]]);
  return known;
}

}  // namespace sselab::leakage::attacks::testing
