#include "leakage/attack_run.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "leakage/attacks/count_attack.h"
#include "leakage/attacks/frequency_attack.h"
#include "leakage/measures.h"
#include "leakage/workload.h"

namespace sselab::leakage {
namespace {

using attacks::KeywordGuesses;
using attacks::KeywordId;

// The candidate keywords and the adversary's sample of documents over them.
struct Knowledge {
  std::vector<std::string> words;  // KeywordId -> keyword
  std::map<std::string, KeywordId, std::less<>> ids;
  attacks::KnownDocuments known;
};

Knowledge Learn(const std::vector<index::Document>& indexed, const AttackOptions& o) {
  std::vector<size_t> order(indexed.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(o.seed);
  std::shuffle(order.begin(), order.end(), rng);
  size_t take = static_cast<size_t>(std::llround(o.delta * static_cast<double>(indexed.size())));
  order.resize(std::min(take, order.size()));
  std::sort(order.begin(), order.end());
  std::vector<const index::Document*> sample;
  sample.reserve(order.size());
  for (size_t i : order) sample.push_back(&indexed[i]);

  Knowledge k;
  KeywordCounts counts = CountKeywords(sample);
  size_t n = std::min<size_t>(o.vocabulary, counts.ranked.size());
  for (size_t i = 0; i < n; ++i) {
    k.ids.emplace(counts.ranked[i].first, static_cast<KeywordId>(i));
    k.words.push_back(counts.ranked[i].first);
  }
  k.known.num_keywords = static_cast<uint32_t>(n);
  k.known.total_documents = std::max<uint64_t>(indexed.size(), 1);
  for (const index::Document* d : sample) {
    std::vector<KeywordId> doc;
    for (const std::string& w : d->keywords) {
      auto it = k.ids.find(w);
      if (it != k.ids.end()) doc.push_back(it->second);
    }
    std::sort(doc.begin(), doc.end());
    k.known.documents.push_back(std::move(doc));
  }
  return k;
}

// One observed query per search class, and the searches of each class.
struct Queries {
  std::vector<attacks::ObservedQuery> observed;
  std::vector<std::vector<size_t>> searches;  // class -> op positions
};

Queries Classes(const Observations& obs) {
  Queries q;
  std::vector<uint32_t> classes = SearchClasses(obs);
  std::unordered_map<uint32_t, uint32_t> item_class;  // item -> first class it came in
  bool items_recur = false;                           // some item came in two classes
  size_t s = 0;
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    const Observation& o = obs.ops[i];
    if (o.kind != OpKind::kSearch || o.failed || o.conjunction) continue;
    uint32_t c = classes[s++];
    for (uint32_t item : o.items) {
      auto [it, fresh] = item_class.emplace(item, c);
      items_recur = items_recur || (!fresh && it->second != c);
    }
    if (c == q.observed.size()) {
      q.observed.push_back({.results = o.items, .volume = o.volume});
      q.searches.emplace_back();
    }
    q.searches[c].push_back(i);
  }
  // When no result item ever recurs across classes (response-hiding replies: fresh
  // ciphertexts per keyword), items identify nothing; an adversary who knows the scheme
  // then uses the volumes alone rather than read "no overlap" into them.
  if (!items_recur) {
    for (attacks::ObservedQuery& o : q.observed) o.results.clear();
  }
  return q;
}

void Tally(const KeywordGuesses& guesses, const Queries& q, const Knowledge& k,
           const GroundTruth& truth, const std::set<size_t>& skip, AttackOutcome& out) {
  for (size_t c = 0; c < q.searches.size(); ++c) {
    if (skip.count(c) > 0) continue;
    for (size_t op : q.searches[c]) {
      ++out.searches;
      if (!guesses[c]) continue;
      ++out.guessed;
      if (k.words[*guesses[c]] == truth.ops[op].keyword) ++out.recovered;
    }
  }
}

Result<AttackOutcome> Frequency(const Observations& obs, const GroundTruth& truth,
                                const std::vector<index::Document>& aux, const Queries& q,
                                const Knowledge& k, AttackOutcome out) {
  if (aux.empty()) return InvalidArgumentError("frequency analysis needs an auxiliary corpus");
  std::vector<attacks::TokenClass> classes;
  std::map<uint32_t, size_t> class_of_group;
  for (const auto& [group, entries] : obs.at_rest.groups) {
    class_of_group[group] = classes.size();
    classes.push_back({.token = std::to_string(group), .entries = entries});
  }
  std::vector<double> aux_frequency(k.words.size(), 0.0);
  for (const index::Document& d : aux) {
    for (const std::string& w : d.keywords) {
      auto it = k.ids.find(w);
      if (it != k.ids.end()) aux_frequency[it->second] += 1;
    }
  }
  SSELAB_ASSIGN_OR_RETURN(KeywordGuesses by_group,
                          attacks::FrequencyAnalysis(classes, aux_frequency, {}));
  // A search inherits the guess of the at-rest group its reads fall in.
  KeywordGuesses guesses(q.searches.size());
  for (size_t c = 0; c < q.searches.size(); ++c) {
    const Observation& o = obs.ops[q.searches[c].front()];
    if (o.groups.size() != 1) continue;
    auto it = class_of_group.find(o.groups.front());
    if (it != class_of_group.end()) guesses[c] = by_group[it->second];
  }
  out.classes = classes.size();
  Tally(guesses, q, k, truth, {}, out);
  return out;
}

}  // namespace

Result<AttackOutcome> RunAttack(const Observations& obs, const GroundTruth& truth,
                                const std::vector<index::Document>& indexed,
                                const std::vector<index::Document>& aux, const AttackOptions& o) {
  if (!(o.delta > 0 && o.delta <= 1)) {
    return InvalidArgumentError("attack: delta must be in (0, 1], got " + std::to_string(o.delta));
  }
  if (o.vocabulary == 0) return InvalidArgumentError("attack: vocabulary must be at least 1");
  if (truth.ops.size() != obs.ops.size()) {
    return InvalidArgumentError("attack: ground truth does not match the observations");
  }
  Queries q = Classes(obs);
  if (q.observed.empty()) return FailedPreconditionError("attack: the transcript has no searches");
  Knowledge k = Learn(indexed, o);
  AttackOutcome out{.attack = o.attack, .delta = o.delta, .classes = q.observed.size()};
  if (o.attack == "frequency") return Frequency(obs, truth, aux, q, k, out);
  if (o.attack == "count") {
    SSELAB_ASSIGN_OR_RETURN(KeywordGuesses g,
                            attacks::CountAttack(q.observed, k.known, {.known_fraction = o.delta}));
    Tally(g, q, k, truth, {}, out);
    return out;
  }
  if (o.attack == "ikk") {
    if (!(o.ikk_known >= 0 && o.ikk_known < 1)) {
      return InvalidArgumentError("attack: ikk_known must be in [0, 1)");
    }
    // Give the adversary the keywords of a seeded ikk_known fraction of the classes
    // (among those whose keyword is a candidate, one class per keyword).
    std::vector<size_t> order(q.observed.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(o.seed ^ 0x49b5);
    std::shuffle(order.begin(), order.end(), rng);
    size_t want = static_cast<size_t>(o.ikk_known * static_cast<double>(order.size()));
    std::vector<attacks::KnownQuery> known;
    std::set<size_t> given;
    std::set<KeywordId> used;
    for (size_t c : order) {
      if (known.size() == want) break;
      auto it = k.ids.find(truth.ops[q.searches[c].front()].keyword);
      if (it == k.ids.end() || !used.insert(it->second).second) continue;
      known.push_back({.query = static_cast<uint32_t>(c), .keyword = it->second});
      given.insert(c);
    }
    attacks::IkkParams params = o.ikk;
    params.seed = o.seed;
    SSELAB_ASSIGN_OR_RETURN(KeywordGuesses g,
                            attacks::IkkAttack(q.observed, k.known, known, {}, params));
    Tally(g, q, k, truth, given, out);
    return out;
  }
  return InvalidArgumentError("unknown attack '" + o.attack + "' (known: count, ikk, frequency)");
}

Result<AttackOutcome> RunKeywordGuessing(const Transcript& t, const index::KeywordGuesser& guesser,
                                         std::span<const std::string> dictionary) {
  AttackOutcome out{.attack = "keyword-guessing", .delta = 1.0};
  for (size_t i = 0; i < t.view.ops.size(); ++i) {
    const ServerOp& op = t.view.ops[i];
    if (op.kind != OpKind::kSearch || op.messages.empty()) continue;
    SSELAB_ASSIGN_OR_RETURN(std::optional<std::string> guess,
                            guesser(op.messages.front().request, dictionary));
    ++out.searches;
    ++out.classes;
    if (!guess) continue;
    ++out.guessed;
    if (*guess == t.truth.ops[i].keyword) ++out.recovered;
  }
  return out;
}

Result<std::vector<AttackOutcome>> RunTagLinking(const Analysis& a, const Transcript& t) {
  if (!t.HasTruth()) return FailedPreconditionError("link: scoring needs the ground truth");
  AttackOutcome at_rest{.attack = "link-at-rest", .delta = 1.0};
  at_rest.classes = a.measures.groups;
  const Observations& obs = a.observations;
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    const Observation& o = obs.ops[i];
    if (o.kind != OpKind::kSearch || o.failed || t.truth.ops[i].ids.size() < 2) continue;
    ++at_rest.searches;
    if (o.groups.size() != 1) continue;
    ++at_rest.guessed;
    // The group holds no entry the search did not match (no over-merging).
    auto g = obs.at_rest.groups.find(o.groups.front());
    if (g != obs.at_rest.groups.end() && g->second > o.read.size()) continue;
    ++at_rest.recovered;
  }
  AttackOutcome updates{.attack = "link-updates",
                        .delta = 1.0,
                        .searches = a.scores.updates_after_search,
                        .recovered = a.scores.updates_after_search_identified,
                        .guessed = a.scores.updates_after_search_linked,
                        .classes = a.measures.updates};
  return std::vector<AttackOutcome>{at_rest, updates};
}

}  // namespace sselab::leakage
