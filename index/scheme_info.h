// What a scheme is: its name, family, capabilities, declared leakage and paper.
//
// Every registered scheme describes itself with a SchemeInfo; `sselab schemes` prints it,
// the harness reports it next to measurements, and the leakage module checks that what
// the server observed stays within what is declared here.
#ifndef SSELAB_INDEX_SCHEME_INFO_H_
#define SSELAB_INDEX_SCHEME_INFO_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace sselab::index {

enum class Family { kPlaintext, kSse, kPeks, kBlind };
std::string_view FamilyName(Family family);

struct Capabilities {
  bool dynamic = false;    // insert after build
  bool deletions = false;  // remove after build
  // The server evaluates conjunctions itself (OXT). Every scheme answers them; one
  // without this flag intersects single-keyword results on the client.
  bool conjunctive = false;
  bool public_key_insert = false;  // insert needs only public material
  bool response_hiding = false;    // the server never sees result ids in the clear
  // Search cost grows with the whole index, not with the result (PEKS: one pairing per
  // stored tag). Test suites and benchmarks size their corpora down for such schemes.
  bool linear_search = false;
  // Each added pair costs a public-key operation (Sophos: an RSA private-key operation,
  // about 1 ms at 2048 bits), the build included. The overview sizes its corpus down.
  bool costly_updates = false;
  // Every operation is a fixed number of ORAM path reads, each a round trip (Orion: about
  // 8 log N per updated pair, (1 + r) log N per search). The overview sizes its corpus
  // down further.
  bool oblivious = false;
};

// A scheme's declared leakage profile, in the vocabulary of the SSE literature.
struct LeakageProfile {
  std::string setup;           // what the encrypted index reveals at rest, e.g. "N = total pairs"
  std::string search;          // what one search reveals, in words
  std::string update;          // what one update reveals ("-" for static schemes)
  bool search_pattern = true;  // repeated queries are recognizable
  bool access_pattern = true;  // which stored entries a query touches
  bool result_ids = true;      // document ids of results visible to the server
  bool volume = true;          // result sizes visible
  bool at_rest_frequency = false;      // keyword frequencies visible before any search
  bool forward_private = false;        // updates cannot be linked to past queries
  std::string backward_privacy = "-";  // "-", "Type-I", "Type-II", "Type-III"
  bool plaintext = false;              // the store holds keywords and ids in the clear
  // What a conjunctive query ("a AND b") reveals, for a scheme with native conjunctive
  // search (Capabilities::conjunctive). Empty for the others: they search each term alone
  // and intersect on the client (Client::SearchConjunction), and Conjunction() says so.
  std::string conjunction;

  // One line for tables, e.g. "SP, AP, RP, V; at rest: N".
  std::string Summary() const;
  // `conjunction`, or what the client-side intersection reveals.
  std::string Conjunction() const;
};

struct ParamSpec {
  std::string name;
  std::string default_value;
  std::vector<std::string> choices;  // empty = free-form
  std::string help;
  // Free-form values worth running besides the default: schemes::AllVariants runs them in
  // the conformance, leakage and overview suites as it runs every choice.
  std::vector<std::string> examples;
  // Optional check of a free-form value, run by Params::Parse/FromMap; its error message
  // names the parameter.
  std::function<Status(std::string_view value)> check;
};

struct SchemeInfo {
  std::string name;   // registry key, e.g. "pibas"
  std::string title;  // e.g. "Π_bas (Cash et al. NDSS 2014)"
  Family family = Family::kSse;
  Capabilities capabilities;
  LeakageProfile leakage;
  std::string paper;  // bibkey of papers/<bibkey>.md, e.g. "cjjkrs14"
  std::vector<ParamSpec> params;
  bool needs_key = true;  // false only for the plaintext baseline
  // The client keeps state of its own (counters, seeds) in ClientContext::state.
  bool client_state = false;
  // A search writes the client's state or the server's store (Orion: every search is an
  // ORAM access, which rewrites both). Such an index cannot be opened for searching only
  // (OpenOptions::search_only), and two processes cannot search it at once.
  bool search_writes = false;
  // The oldest index format (index_meta.h, kIndexFormat) whose stores this scheme still
  // reads: raised when the scheme's key schema or messages change incompatibly, so an
  // index built before fails to open with a clear error instead of answering wrongly.
  int min_index_format = 1;

  std::string CapabilitySummary() const;  // e.g. "static" or "dynamic, deletions"
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_SCHEME_INFO_H_
