// Test-only: a seeded synthetic Zipf corpus and the exact leakage of queries over it.
#ifndef SSELAB_LEAKAGE_ATTACKS_SYNTHETIC_CORPUS_TESTING_H_
#define SSELAB_LEAKAGE_ATTACKS_SYNTHETIC_CORPUS_TESTING_H_

#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "leakage/attacks/attack_types.h"

namespace sselab::leakage::attacks::testing {

struct SyntheticCorpus {
  std::vector<std::vector<KeywordId>> documents;  // sorted, unique keywords per document
  std::vector<std::vector<uint32_t>> postings;    // keyword -> sorted document ids
  uint32_t num_keywords = 0;
};

// `num_docs` documents of `words_per_doc` draws each from a Zipf(exponent) law over
// `num_keywords` keywords. Keyword ids are a seeded permutation of the Zipf ranks, so an
// id says nothing about its frequency.
SyntheticCorpus MakeZipfCorpus(uint32_t num_docs, uint32_t num_keywords, uint32_t words_per_doc,
                               double exponent, uint64_t seed);

// Documents [begin, end) of `corpus` as a corpus of their own (ids renumbered from 0).
SyntheticCorpus Slice(const SyntheticCorpus& corpus, uint32_t begin, uint32_t end);

// The `n` keywords with the most documents, most frequent first (ties by id).
std::vector<KeywordId> TopKeywords(const SyntheticCorpus& corpus, size_t n);

// Exact leakage of searching each keyword: results = its document ids (empty when
// `reveal_results` is false), volume = its document count.
std::vector<ObservedQuery> Observe(const SyntheticCorpus& corpus,
                                   std::span<const KeywordId> queried, bool reveal_results);

// A uniformly sampled `fraction` of the corpus's documents, with N = corpus size.
KnownDocuments SampleKnown(const SyntheticCorpus& corpus, double fraction, uint64_t seed);

}  // namespace sselab::leakage::attacks::testing

#endif  // SSELAB_LEAKAGE_ATTACKS_SYNTHETIC_CORPUS_TESTING_H_
