// Random corpora with a plaintext oracle, for the conformance and integration suites.
#ifndef SSELAB_TESTS_TESTING_RANDOM_CORPUS_H_
#define SSELAB_TESTS_TESTING_RANDOM_CORPUS_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "index/document.h"

namespace sselab::testing {

struct CorpusShape {
  std::string name;
  size_t docs;
  size_t vocabulary;
  size_t max_keywords_per_doc;
};

inline void PrintTo(const CorpusShape& s, std::ostream* os) { *os << s.name; }

struct OracleCorpus {
  std::vector<index::Document> docs;
  std::map<std::string, std::set<index::DocId>> postings;  // the oracle
  std::vector<std::string> vocabulary;                     // every keyword used

  std::vector<index::DocId> Expected(const std::string& keyword) const {
    auto it = postings.find(keyword);
    if (it == postings.end()) return {};
    return {it->second.begin(), it->second.end()};
  }
};

// Keywords mix ASCII, multi-byte UTF-8, a keyword of the maximum length and one that
// appears in every document ("everywhere"). Ids are random 64-bit values.
inline OracleCorpus MakeRandomCorpus(const CorpusShape& shape, uint64_t seed) {
  std::mt19937_64 rng(seed);
  OracleCorpus c;
  const std::vector<std::string> specials = {"everywhere",
                                             "Grüße",
                                             "日本語",
                                             "naïve café",
                                             std::string(index::kMaxKeywordBytes, 'L'),
                                             std::string(1, '\x01')};
  for (size_t i = 0; i < shape.vocabulary; ++i) c.vocabulary.push_back("kw" + std::to_string(i));
  for (size_t i = 1; i < specials.size(); ++i) c.vocabulary.push_back(specials[i]);
  std::set<index::DocId> used;
  for (size_t d = 0; d < shape.docs; ++d) {
    index::Document doc;
    do {
      doc.id = rng();
    } while (!used.insert(doc.id).second);
    std::set<std::string> kws = {"everywhere"};
    size_t n = rng() % (shape.max_keywords_per_doc + 1);
    for (size_t k = 0; k < n; ++k) {
      // Skewed choice: low indexes are frequent.
      size_t a = rng() % c.vocabulary.size(), b = rng() % c.vocabulary.size();
      kws.insert(c.vocabulary[std::min(a, b)]);
    }
    doc.keywords.assign(kws.begin(), kws.end());
    for (const auto& k : doc.keywords) c.postings[k].insert(doc.id);
    c.docs.push_back(std::move(doc));
  }
  c.vocabulary.push_back("everywhere");
  return c;
}

}  // namespace sselab::testing

#endif  // SSELAB_TESTS_TESTING_RANDOM_CORPUS_H_
