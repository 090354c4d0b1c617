// The abstract inputs and outputs shared by the leakage-abuse attacks.
//
// The attacks never see a scheme: the transcript/measure code turns what a server observed
// into ObservedQuery values, and the experiment turns the adversary's prior knowledge into
// KnownDocuments. Keywords are interned: a KeywordId indexes the caller's vocabulary, so
// the attacks work on integers and the caller maps them back to strings.
#ifndef SSELAB_LEAKAGE_ATTACKS_ATTACK_TYPES_H_
#define SSELAB_LEAKAGE_ATTACKS_ATTACK_TYPES_H_

#include <cstdint>
#include <optional>
#include <vector>

namespace sselab::leakage::attacks {

// Index of a keyword in the caller's vocabulary.
using KeywordId = uint32_t;

// What the server saw for one distinct query (one search token; repeated searches for the
// same token are folded into one entry by the caller, using the search pattern).
struct ObservedQuery {
  // Interned identifiers of what the server returned or touched for this query: document
  // ids (response-revealing schemes) or touched entries. REQUIRES: sorted, unique. Empty
  // when the scheme hides them; the attacks then fall back to `volume` alone.
  std::vector<uint32_t> results;
  // Size of the response the server saw (number of results, possibly padded).
  uint64_t volume = 0;
};

// The adversary's prior knowledge: a sample of the indexed documents.
struct KnownDocuments {
  // Each known document as its set of keywords. REQUIRES: every id < num_keywords;
  // duplicates within one document are ignored.
  std::vector<std::vector<KeywordId>> documents;
  // Size of the vocabulary the ids index.
  uint32_t num_keywords = 0;
  // N: number of documents in the attacked index (known ones included).
  // REQUIRES: total_documents >= documents.size() and > 0.
  uint64_t total_documents = 0;
};

// A query whose keyword the adversary already knows (IKK's known assignments).
struct KnownQuery {
  uint32_t query = 0;  // index into the observed queries
  KeywordId keyword = 0;
};

// One guess per query (or per at-rest token class); nullopt when the attack abstains.
using KeywordGuesses = std::vector<std::optional<KeywordId>>;

}  // namespace sselab::leakage::attacks

#endif  // SSELAB_LEAKAGE_ATTACKS_ATTACK_TYPES_H_
