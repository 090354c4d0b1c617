#include "leakage/attacks/file_injection.h"

#include <algorithm>
#include <bit>
#include <string>
#include <unordered_map>

namespace sselab::leakage::attacks {

std::string_view InjectionVariantName(InjectionVariant v) {
  return v == InjectionVariant::kBinary ? "binary" : "threshold";
}

std::string_view InjectionOrderName(InjectionOrder o) {
  return o == InjectionOrder::kInjectFirst ? "inject-first" : "search-first";
}

Result<InjectionVariant> ParseInjectionVariant(std::string_view name) {
  if (name == "binary") return InjectionVariant::kBinary;
  if (name == "threshold") return InjectionVariant::kThreshold;
  return InvalidArgumentError("unknown injection variant '" + std::string(name) +
                              "' (known: binary, threshold)");
}

Result<InjectionOrder> ParseInjectionOrder(std::string_view name) {
  if (name == "inject-first") return InjectionOrder::kInjectFirst;
  if (name == "search-first") return InjectionOrder::kSearchFirst;
  return InvalidArgumentError("unknown injection order '" + std::string(name) +
                              "' (known: inject-first, search-first)");
}

size_t InjectionPlan::MaxKeywordsPerDocument() const {
  size_t most = 0;
  for (const std::vector<KeywordId>& d : documents) most = std::max(most, d.size());
  return most;
}

Result<InjectionPlan> PlanInjection(uint32_t universe, InjectionVariant variant,
                                    uint32_t threshold) {
  if (universe == 0) return InvalidArgumentError("injection: the keyword universe is empty");
  InjectionPlan plan{.universe = universe, .group_size = universe};
  if (variant == InjectionVariant::kThreshold) {
    if (threshold == 0) return InvalidArgumentError("injection: threshold must be at least 1");
    // 2T - 1 codes 1..2T-1: each of the ⌈log2 2T⌉ bits is set in at most T of them.
    uint64_t size = 2 * static_cast<uint64_t>(threshold) - 1;
    plan.group_size = static_cast<uint32_t>(std::min<uint64_t>(size, universe));
  }
  for (uint32_t first = 0, g = 0; first < universe; first += plan.group_size, ++g) {
    uint32_t n = std::min(plan.group_size, universe - first);
    const int bits = static_cast<int>(std::bit_width(n));  // codes 1..n
    for (int j = 0; j < bits; ++j) {
      std::vector<KeywordId> doc;
      for (uint32_t i = 0; i < n; ++i) {
        if (((i + 1) >> j) & 1) doc.push_back(first + i);
      }
      plan.documents.push_back(std::move(doc));
      plan.group.push_back(g);
      plan.bit.push_back(static_cast<uint32_t>(j));
    }
  }
  return plan;
}

std::optional<KeywordId> DecodeTouched(const InjectionPlan& plan,
                                       std::span<const uint32_t> touched) {
  if (touched.empty() || touched.front() >= plan.documents.size()) return std::nullopt;
  uint32_t group = plan.group[touched.front()];
  uint64_t code = 0;
  for (uint32_t d : touched) {
    if (d >= plan.documents.size() || plan.group[d] != group) return std::nullopt;
    code |= uint64_t{1} << plan.bit[d];
  }
  uint64_t keyword = static_cast<uint64_t>(group) * plan.group_size + code - 1;
  if (code > plan.group_size || keyword >= plan.universe) return std::nullopt;
  return static_cast<KeywordId>(keyword);
}

std::vector<std::vector<uint32_t>> MatchByAccess(
    const std::vector<std::vector<uint32_t>>& reads,
    const std::vector<std::vector<uint32_t>>& written) {
  std::unordered_map<uint32_t, std::vector<uint32_t>> writers;  // entry -> documents
  for (uint32_t j = 0; j < written.size(); ++j) {
    for (uint32_t e : written[j]) writers[e].push_back(j);
  }
  std::vector<std::vector<uint32_t>> touched(reads.size());
  for (size_t s = 0; s < reads.size(); ++s) {
    for (uint32_t e : reads[s]) {
      auto it = writers.find(e);
      if (it == writers.end()) continue;
      touched[s].insert(touched[s].end(), it->second.begin(), it->second.end());
    }
    std::sort(touched[s].begin(), touched[s].end());
    touched[s].erase(std::unique(touched[s].begin(), touched[s].end()), touched[s].end());
  }
  return touched;
}

std::vector<std::vector<uint32_t>> MatchByReplay(
    size_t searches, const std::vector<std::vector<uint32_t>>& found_by) {
  std::vector<std::vector<uint32_t>> touched(searches);
  for (uint32_t j = 0; j < found_by.size(); ++j) {
    for (uint32_t s : found_by[j]) {
      if (s < searches && (touched[s].empty() || touched[s].back() != j)) touched[s].push_back(j);
    }
  }
  return touched;
}

KeywordGuesses RecoverKeywords(const InjectionPlan& plan,
                               const std::vector<std::vector<uint32_t>>& touched) {
  KeywordGuesses guesses;
  guesses.reserve(touched.size());
  for (const std::vector<uint32_t>& t : touched) guesses.push_back(DecodeTouched(plan, t));
  return guesses;
}

}  // namespace sselab::leakage::attacks
