#include "leakage/measures.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/union_find.h"

namespace sselab::leakage {
namespace {

// |a ∩ b| of two sorted, duplicate-free vectors.
template <typename T>
size_t IntersectionSize(const std::vector<T>& a, const std::vector<T>& b) {
  size_t n = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++n, ++i, ++j;
    }
  }
  return n;
}

bool Intersects(const std::vector<uint32_t>& a, const std::set<uint32_t>& b) {
  return std::any_of(a.begin(), a.end(), [&](uint32_t x) { return b.count(x) > 0; });
}

// Positions of the successful searches in obs.ops.
std::vector<size_t> Searches(const Observations& obs) {
  std::vector<size_t> out;
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    const Observation& o = obs.ops[i];
    if (o.kind == OpKind::kSearch && !o.failed && !o.conjunction) out.push_back(i);
  }
  return out;
}

bool IsUpdate(OpKind k) {
  return k == OpKind::kInsert || k == OpKind::kRemove || k == OpKind::kUpdate;
}

// Everything an operation touched, for linking it to others.
struct Touched {
  std::set<uint32_t> entries;  // read, written or scanned
  std::set<uint32_t> groups;
  void Add(const Observation& o) {
    entries.insert(o.read.begin(), o.read.end());
    entries.insert(o.scanned.begin(), o.scanned.end());
    entries.insert(o.written.begin(), o.written.end());
    groups.insert(o.groups.begin(), o.groups.end());
  }
  bool Links(const Observation& o) const {
    return Intersects(o.read, entries) || Intersects(o.scanned, entries) ||
           Intersects(o.written, entries) || Intersects(o.groups, groups);
  }
};

// Whether an update (a pair, or a batch's keywords) is for a keyword searched earlier.
bool TouchesSearched(const OpTruth& t, const std::set<std::string>& searched) {
  if (searched.count(t.keyword) > 0) return true;
  for (const std::string& w : t.keywords) {
    if (searched.count(w) > 0) return true;
  }
  return false;
}

// The keywords an operation concerns: its pair's, or its batch's.
std::set<std::string> KeywordsOf(const OpTruth& t) {
  std::set<std::string> out(t.keywords.begin(), t.keywords.end());
  if (!t.keyword.empty()) out.insert(t.keyword);
  return out;
}

bool Share(const std::set<std::string>& a, const std::set<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& w) { return b.count(w) > 0; });
}

// Forward privacy against a baseline: (search S, later update U) pairs, "own" when U
// concerns S's keyword, linked when U touches what S touched or S's replay finds U.
void ScoreUpdateLinks(const Observations& obs, const GroundTruth& truth, Scores& sc) {
  std::vector<size_t> searches;  // so far
  std::vector<Touched> touched;  // parallel to searches
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    const Observation& o = obs.ops[i];
    if (o.kind == OpKind::kSearch && !o.failed) {
      searches.push_back(i);
      touched.emplace_back().Add(o);
      continue;
    }
    if (!IsUpdate(o.kind)) continue;
    const std::set<std::string> keywords = KeywordsOf(truth.ops[i]);
    bool searched_own = false, linked_own = false, linked_other = false;
    for (size_t k = 0; k < searches.size(); ++k) {
      const bool own = keywords.count(truth.ops[searches[k]].keyword) > 0;
      const bool linked = touched[k].Links(o) ||
                          std::binary_search(o.found_by.begin(), o.found_by.end(), searches[k]);
      (own ? sc.own_link_pairs : sc.other_link_pairs) += 1;
      (own ? sc.own_link_pairs_linked : sc.other_link_pairs_linked) += linked ? 1 : 0;
      searched_own |= own;
      (own ? linked_own : linked_other) |= linked;
    }
    if (searched_own && linked_own && !linked_other) ++sc.updates_after_search_identified;
  }
}

// Update tokens seen twice, against a baseline: (add A, earlier writing operation B)
// pairs, "own" when B concerns one of A's keywords (the setup concerns them all), a hit
// when A writes an entry B wrote.
void ScoreRewrites(const Observations& obs, const GroundTruth& truth, Scores& sc) {
  std::vector<size_t> writers;  // operations so far that wrote something
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    const Observation& o = obs.ops[i];
    if (o.kind == OpKind::kInsert) {
      const std::set<std::string> keywords = KeywordsOf(truth.ops[i]);
      for (size_t b : writers) {
        const bool own =
            obs.ops[b].kind == OpKind::kSetup || Share(keywords, KeywordsOf(truth.ops[b]));
        const bool hit = IntersectionSize(o.written, obs.ops[b].written) > 0;
        (own ? sc.own_rewrite_pairs : sc.other_rewrite_pairs) += 1;
        (own ? sc.own_rewrite_hits : sc.other_rewrite_hits) += hit ? 1 : 0;
      }
    }
    if (!o.written.empty() && o.kind != OpKind::kSearch) writers.push_back(i);
  }
}

double Rate(uint64_t num, uint64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

double Scores::SearchPatternRate() const { return Rate(repeat_pairs_linked, repeat_pairs); }
double Scores::SharingRate() const { return Rate(sharing_pairs_seen, sharing_pairs); }
double Scores::VolumeRate() const { return Rate(volume_exact, searches); }
double Scores::OwnRemovalReadRate() const {
  return Rate(own_removal_pairs_read, own_removal_pairs);
}
double Scores::OtherRemovalReadRate() const {
  return Rate(other_removal_pairs_read, other_removal_pairs);
}
double Scores::OwnUndoRate() const { return Rate(own_undo_hits, own_undo_pairs); }
double Scores::OtherUndoRate() const { return Rate(other_undo_hits, other_undo_pairs); }

std::string ObservedBackwardType(const Measures& m, const Scores& s) {
  if (m.removes == 0 || s.own_removal_pairs == 0) return "-";
  if (s.own_undo_pairs > 0 && s.OwnUndoRate() >= s.OtherUndoRate() + 0.5) return "weakest";
  if (s.own_cancellations_seen > 0) return "Type-III";
  if (s.OwnRemovalReadRate() >= s.OtherRemovalReadRate() + 0.5) return "Type-II";
  return "Type-I";
}

std::vector<uint32_t> SearchClasses(const Observations& obs) {
  std::vector<size_t> searches = Searches(obs);
  UnionFind uf(searches.size());
  std::map<uint32_t, size_t> by_request;
  std::map<std::vector<uint32_t>, size_t> by_reads;
  for (size_t s = 0; s < searches.size(); ++s) {
    const Observation& o = obs.ops[searches[s]];
    auto [r, fresh_r] = by_request.try_emplace(o.request, s);
    if (!fresh_r) uf.Join(s, r->second);
    if (o.read.empty()) continue;
    auto [a, fresh_a] = by_reads.try_emplace(o.read, s);
    if (!fresh_a) uf.Join(s, a->second);
  }
  // A search that reads everything an earlier one read, and more, repeats it over a grown
  // index: a dynamic scheme's request changes with every update of the keyword, but the
  // entries it found before are read again.
  for (size_t s = 0; s < searches.size(); ++s) {
    const std::vector<uint32_t>& later = obs.ops[searches[s]].read;
    for (size_t t = 0; t < s && !later.empty(); ++t) {
      const std::vector<uint32_t>& earlier = obs.ops[searches[t]].read;
      if (earlier.empty() || earlier.size() > later.size() || uf.Find(s) == uf.Find(t)) continue;
      if (std::includes(later.begin(), later.end(), earlier.begin(), earlier.end())) {
        uf.Join(s, t);
      }
    }
  }
  std::map<size_t, uint32_t> number;
  std::vector<uint32_t> classes(searches.size());
  for (size_t s = 0; s < searches.size(); ++s) {
    auto [it, fresh] = number.try_emplace(uf.Find(s), static_cast<uint32_t>(number.size()));
    classes[s] = it->second;
  }
  return classes;
}

Measures Measure(const Observations& obs) {
  Measures m;
  const AtRest& r = obs.at_rest;
  m.entries = r.entries;
  m.key_bytes = r.key_bytes;
  m.value_bytes = r.value_bytes;
  m.value_size_classes = r.value_sizes.size();
  m.groups = r.groups.size();
  m.raw_grouped_entries = r.raw_grouped_entries;
  for (const auto& [table, sizes] : r.table_value_sizes) {
    if (sizes.size() > 1) ++m.varying_tables;
  }
  for (const auto& [group, n] : r.groups) {
    m.largest_group = std::max(m.largest_group, n);
    if (n > 1) m.grouped_entries += n;
  }

  std::vector<size_t> searches = Searches(obs);
  std::vector<uint32_t> classes = SearchClasses(obs);
  m.searches = searches.size();
  m.search_classes = classes.empty() ? 0 : *std::max_element(classes.begin(), classes.end()) + 1;
  std::vector<size_t> representative(m.search_classes, SIZE_MAX);
  std::map<uint32_t, std::set<uint32_t>> item_classes;
  std::set<uint64_t> volumes;
  for (size_t s = 0; s < searches.size(); ++s) {
    const Observation& o = obs.ops[searches[s]];
    if (representative[classes[s]] == SIZE_MAX) representative[classes[s]] = searches[s];
    m.read_entries += o.read.size();
    m.items += o.items.size();
    volumes.insert(o.volume);
    for (uint32_t item : o.items) item_classes[item].insert(classes[s]);
  }
  m.volume_classes = volumes.size();
  for (const auto& [item, cs] : item_classes) {
    if (cs.size() > 1) ++m.recurring_items;
  }
  for (size_t a = 0; a < representative.size(); ++a) {
    for (size_t b = a + 1; b < representative.size(); ++b) {
      if (IntersectionSize(obs.ops[representative[a]].items, obs.ops[representative[b]].items) >
          0) {
        ++m.cooccurring_pairs;
      }
    }
  }

  Touched searched;                   // by the searches so far
  std::set<uint32_t> written_before;  // by the setup and the updates so far
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    const Observation& o = obs.ops[i];
    if (o.kind == OpKind::kSearch) {
      searched.Add(o);
      m.search_rounds += o.rounds;
      m.search_bytes += o.request_bytes + o.reply_bytes;
      m.cancellations_seen += o.cancels_seen.size();
      continue;
    }
    if (o.kind == OpKind::kRemove) {
      for (uint32_t e : o.written) {
        if (written_before.count(e) > 0) {
          ++m.removes_rewriting;
          break;
        }
      }
    }
    if (o.kind == OpKind::kInsert) {
      uint64_t rewritten = 0;
      for (uint32_t e : o.written) rewritten += written_before.count(e);
      m.rewritten_entries += rewritten;
      if (rewritten > 0) ++m.adds_rewriting;
    }
    written_before.insert(o.written.begin(), o.written.end());
    if (!IsUpdate(o.kind)) continue;
    ++m.updates;
    if (searched.Links(o) || !o.found_by.empty()) ++m.updates_linked;
    if (o.kind != OpKind::kRemove) continue;
    ++m.removes;
    std::set<uint32_t> written(o.written.begin(), o.written.end());
    for (size_t j = i + 1; j < obs.ops.size(); ++j) {
      if (obs.ops[j].kind == OpKind::kSearch && Intersects(obs.ops[j].read, written)) {
        ++m.removes_resurfacing;
        break;
      }
    }
  }
  return m;
}

Scores Score(const Observations& obs, const GroundTruth& truth) {
  Scores sc;
  std::vector<size_t> searches = Searches(obs);  // single-keyword ones
  std::vector<uint32_t> classes = SearchClasses(obs);
  sc.searches = searches.size();
  for (size_t a = 0; a < searches.size(); ++a) {
    for (size_t b = a + 1; b < searches.size(); ++b) {
      bool same = truth.ops[searches[a]].keyword == truth.ops[searches[b]].keyword;
      bool linked = classes[a] == classes[b];
      if (same) {
        ++sc.repeat_pairs;
        if (linked) ++sc.repeat_pairs_linked;
      } else if (linked) {
        ++sc.false_links;
      }
    }
  }
  // One search per keyword for the pairwise result comparison.
  std::map<std::string, size_t> first;
  for (size_t s : searches) first.try_emplace(truth.ops[s].keyword, s);
  std::vector<size_t> reps;
  for (const auto& [kw, s] : first) reps.push_back(s);
  for (size_t a = 0; a < reps.size(); ++a) {
    for (size_t b = a + 1; b < reps.size(); ++b) {
      size_t shared = IntersectionSize(truth.ops[reps[a]].ids, truth.ops[reps[b]].ids);
      if (shared == 0) continue;
      ++sc.sharing_pairs;
      size_t seen = IntersectionSize(obs.ops[reps[a]].items, obs.ops[reps[b]].items);
      if (seen > 0) ++sc.sharing_pairs_seen;
      if (seen == shared) ++sc.sharing_pairs_exact;
    }
  }
  std::map<uint64_t, std::set<size_t>> counts_by_volume;
  for (size_t s : searches) counts_by_volume[obs.ops[s].volume].insert(truth.ops[s].ids.size());
  for (size_t s : searches) {
    if (counts_by_volume[obs.ops[s].volume].size() == 1) ++sc.volume_exact;
  }
  std::set<std::string> searched_keywords;
  Touched searched;
  std::map<uint32_t, size_t> last_writer;  // entry -> the last operation that wrote it
  std::vector<size_t> removals;            // so far
  std::vector<size_t> additions;           // single-pair ones, so far
  std::map<std::pair<std::string, index::DocId>, size_t> last_add;  // pair -> its last one
  for (size_t i = 0; i < obs.ops.size(); ++i) {
    const Observation& o = obs.ops[i];
    if (o.kind == OpKind::kSearch && !o.conjunction) {
      std::set<size_t> writers;  // the last writers of what this search read
      for (uint32_t e : o.read) {
        auto w = last_writer.find(e);
        if (w != last_writer.end()) writers.insert(w->second);
      }
      for (size_t r : removals) {
        const bool own = truth.ops[r].keyword == truth.ops[i].keyword;
        const bool read = writers.count(r) > 0;
        (own ? sc.own_removal_pairs : sc.other_removal_pairs) += 1;
        (own ? sc.own_removal_pairs_read : sc.other_removal_pairs_read) += read ? 1 : 0;
        if (own && std::binary_search(o.cancels_seen.begin(), o.cancels_seen.end(), r)) {
          ++sc.own_cancellations_seen;
        }
      }
    }
    for (uint32_t e : o.written) last_writer[e] = i;
    const OpTruth& t = truth.ops[i];
    const bool single = !t.keyword.empty() && t.ids.size() == 1;
    if (o.kind == OpKind::kRemove && single) {
      removals.push_back(i);
      // Which earlier single-pair additions does this removal's write touch?
      auto own = last_add.find({t.keyword, t.ids[0]});
      for (size_t a : additions) {
        const bool is_own = own != last_add.end() && own->second == a;
        const bool hit = IntersectionSize(o.written, obs.ops[a].written) > 0;
        (is_own ? sc.own_undo_pairs : sc.other_undo_pairs) += 1;
        (is_own ? sc.own_undo_hits : sc.other_undo_hits) += hit ? 1 : 0;
      }
    }
    if (o.kind == OpKind::kInsert && single) {
      additions.push_back(i);
      last_add[{t.keyword, t.ids[0]}] = i;
    }
    if (o.conjunction) {
      for (const std::string& w : truth.ops[i].keywords) searched_keywords.insert(w);
      searched.Add(o);
    } else if (o.kind == OpKind::kSearch) {
      searched_keywords.insert(truth.ops[i].keyword);
      searched.Add(o);
    } else if (IsUpdate(o.kind) && TouchesSearched(truth.ops[i], searched_keywords)) {
      ++sc.updates_after_search;
      if (searched.Links(o) || !o.found_by.empty()) ++sc.updates_after_search_linked;
    }
  }
  ScoreUpdateLinks(obs, truth, sc);
  ScoreRewrites(obs, truth, sc);
  return sc;
}

bool ExceedsBaseline(uint64_t own_hits, uint64_t own_pairs, uint64_t other_hits,
                     uint64_t other_pairs) {
  if (own_hits == 0) return false;
  if (other_hits == 0) return true;  // unrelated pairs never link: every own link tells
  const double n1 = static_cast<double>(own_pairs);
  const double n2 = static_cast<double>(other_pairs);
  const double p1 = static_cast<double>(own_hits) / n1;
  const double p2 = static_cast<double>(other_hits) / n2;
  const double p = static_cast<double>(own_hits + other_hits) / (n1 + n2);
  const double se = std::sqrt(p * (1.0 - p) * (1.0 / n1 + 1.0 / n2));
  if (se == 0.0) return p1 > p2;
  return (p1 - p2) / se >= 4.0;
}

}  // namespace sselab::leakage
