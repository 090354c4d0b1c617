#include "leakage/injection_run.h"

#include <algorithm>
#include <random>
#include <span>

#include "leakage/observation.h"
#include "leakage/recorder.h"
#include "leakage/update_replay.h"
#include "leakage/workload.h"

namespace sselab::leakage {
namespace {

using attacks::InjectionOrder;
using attacks::InjectionPlan;

// The injected documents: the plan's keyword sets under fresh ids above the corpus's.
std::vector<index::Document> Materialize(const InjectionPlan& plan,
                                         const std::vector<std::string>& words,
                                         index::DocId max_id) {
  std::vector<index::Document> docs;
  for (size_t j = 0; j < plan.documents.size(); ++j) {
    index::Document d{.id = max_id + 1 + j};
    for (attacks::KeywordId k : plan.documents[j]) d.keywords.push_back(words[k]);
    docs.push_back(std::move(d));
  }
  return docs;
}

// What the attack touched per search (by position among `search_ops`).
Result<std::vector<std::vector<uint32_t>>> Touched(const Transcript& t,
                                                   const index::SchemeEntry& entry,
                                                   const index::Params& params,
                                                   InjectionOrder order,
                                                   const std::vector<size_t>& search_ops,
                                                   const std::vector<size_t>& injection_ops) {
  if (order == InjectionOrder::kSearchFirst) {
    std::vector<std::vector<size_t>> matrix = ReplayMatrix(t.view, entry, params);
    std::vector<std::vector<uint32_t>> found_by(injection_ops.size());
    for (size_t j = 0; j < injection_ops.size(); ++j) {
      for (size_t op : matrix[injection_ops[j]]) {
        auto it = std::lower_bound(search_ops.begin(), search_ops.end(), op);
        if (it != search_ops.end() && *it == op) {
          found_by[j].push_back(static_cast<uint32_t>(it - search_ops.begin()));
        }
      }
    }
    return attacks::MatchByReplay(search_ops.size(), found_by);
  }
  // Inject first: observations are read without the lab's at-rest links (groups are not
  // used) and without the replay (not needed).
  SSELAB_ASSIGN_OR_RETURN(Observations obs,
                          Observe(t.view, entry.view ? entry.view(params) : index::ViewFormat{}));
  std::vector<std::vector<uint32_t>> reads, written;
  for (size_t op : search_ops) reads.push_back(obs.ops[op].read);
  for (size_t op : injection_ops) written.push_back(obs.ops[op].written);
  return attacks::MatchByAccess(reads, written);
}

}  // namespace

Result<InjectionResult> RunInjection(const index::Registry& registry, const InjectionSpec& spec,
                                     const std::vector<index::Document>& corpus) {
  SSELAB_ASSIGN_OR_RETURN(const index::SchemeEntry* entry, registry.Find(spec.scheme));
  SSELAB_ASSIGN_OR_RETURN(index::Params params,
                          index::Params::Parse(spec.scheme, entry->info.params, spec.params));
  InjectionResult out;
  if (!index::DeclaredCapabilities(*entry, params).dynamic) {
    out.note = "not applicable: static scheme (no document can be added after setup)";
    return out;
  }
  if (spec.universe == 0) return InvalidArgumentError("injection: universe must be at least 1");
  if (spec.searches == 0) return InvalidArgumentError("injection: searches must be at least 1");
  KeywordCounts counts = CountKeywords(corpus);
  if (counts.ranked.empty()) return InvalidArgumentError("injection: the corpus has no keywords");
  std::vector<std::string> words;
  for (const auto& [w, n] : counts.ranked) {
    if (words.size() == spec.universe) break;
    words.push_back(w);
  }
  SSELAB_ASSIGN_OR_RETURN(
      InjectionPlan plan,
      attacks::PlanInjection(static_cast<uint32_t>(words.size()), spec.variant, spec.threshold));
  out.applicable = true;
  out.universe = words.size();
  out.injected_documents = plan.documents.size();
  out.max_keywords_per_document = plan.MaxKeywordsPerDocument();
  std::vector<index::Document> injected = Materialize(plan, words, counts.max_id);
  std::mt19937_64 rng(spec.seed);
  std::vector<std::string> searched;
  for (uint64_t i = 0; i < spec.searches; ++i) searched.push_back(words[rng() % words.size()]);

  SSELAB_ASSIGN_OR_RETURN(
      auto recorder, Recorder::Create(registry, {.scheme = spec.scheme, .params = spec.params}));
  index::VectorDocumentSource source(corpus);
  SSELAB_RETURN_IF_ERROR(recorder->Build(source, {}, "injection"));
  // The adversary knows which operations were its injections.
  std::vector<size_t> injection_ops;
  auto inject = [&]() -> Status {
    for (const index::Document& d : injected) {
      Status s = recorder->AddBatch(std::span<const index::Document>(&d, 1));
      if (!s.ok()) return s.error().WithContext("injecting document " + std::to_string(d.id));
      injection_ops.push_back(recorder->transcript().view.ops.size() - 1);
    }
    return OkStatus();
  };
  auto search = [&]() -> Status {
    for (const std::string& w : searched) {
      auto ids = recorder->Search(w);
      if (!ids.ok()) return ids.error().WithContext("searching " + w);
    }
    return OkStatus();
  };
  if (spec.order == InjectionOrder::kInjectFirst) {
    SSELAB_RETURN_IF_ERROR(inject());
    SSELAB_RETURN_IF_ERROR(search());
  } else {
    SSELAB_RETURN_IF_ERROR(search());
    SSELAB_RETURN_IF_ERROR(inject());
  }
  Transcript t = recorder->TakeTranscript();
  std::vector<size_t> search_ops;
  for (size_t i = 0; i < t.view.ops.size(); ++i) {
    if (t.view.ops[i].kind == OpKind::kSearch) search_ops.push_back(i);
  }
  SSELAB_ASSIGN_OR_RETURN(auto touched,
                          Touched(t, *entry, params, spec.order, search_ops, injection_ops));
  attacks::KeywordGuesses guesses = attacks::RecoverKeywords(plan, touched);
  for (size_t s = 0; s < search_ops.size(); ++s) {
    ++out.searches;
    if (!guesses[s]) continue;
    ++out.guessed;
    if (words[*guesses[s]] == t.truth.ops[search_ops[s]].keyword) ++out.recovered;
  }
  out.note = spec.order == InjectionOrder::kInjectFirst
                 ? "touched: an entry the search read was written by the injection"
                 : "touched: the kept search request, replayed on what the injection wrote, "
                   "finds something";
  return out;
}

}  // namespace sselab::leakage
