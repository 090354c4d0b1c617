#include "bench/harness/report.h"

#include <cstdio>
#include <map>
#include <set>

#include "base/files.h"

namespace sselab::harness {
namespace {

constexpr const char* kBaseline = "plaintext";
constexpr uint64_t kLargeResult = 1000;

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, v);
  return buf;
}

std::string Ratio(double v, double base) { return base > 0 ? Fmt("%.2f", v / base) : "-"; }

std::string Mib(uint64_t bytes) { return Fmt("%.1f", static_cast<double>(bytes) / (1 << 20)); }

struct BuildAgg {
  double pairs_per_second = 0;
  uint64_t bytes = 0;
  uint64_t rss = 0;
  uint64_t pairs = 0;
  int n = 0;
  std::string declared;  // under the run's parameters
};

struct SearchAgg {
  double ns_large = 0;  // sum of ns_per_result over queries with >= kLargeResult results
  int n_large = 0;
  std::map<std::string, const Measurement*> by_keyword;
  bool all_correct = true;
};

}  // namespace

Status WriteSummary(const BenchSpec& spec, const std::vector<Measurement>& ms,
                    const std::filesystem::path& path) {
  std::vector<std::string> labels;
  std::set<std::string> seen;
  std::map<std::string, BuildAgg> builds;
  std::map<std::string, SearchAgg> searches;
  for (const Measurement& m : ms) {
    if (seen.insert(m.label).second) labels.push_back(m.label);
    if (m.op == "build") {
      BuildAgg& b = builds[m.label];
      b.pairs_per_second += m.pairs_per_second;
      b.bytes = m.bytes_on_disk;
      b.rss = std::max(b.rss, m.peak_rss_bytes);
      b.pairs = m.pairs;
      b.declared = m.declared;
      ++b.n;
    } else {
      SearchAgg& s = searches[m.label];
      s.by_keyword[m.keyword] = &m;
      s.all_correct = s.all_correct && m.correct;
      if (m.result_size >= kLargeResult) {
        s.ns_large += m.ns_per_result;
        ++s.n_large;
      }
    }
  }
  const BuildAgg* base_build = builds.contains(kBaseline) ? &builds[kBaseline] : nullptr;
  const SearchAgg* base_search = searches.contains(kBaseline) ? &searches[kBaseline] : nullptr;

  std::string md = "# " + spec.name +
                   "\n\nRatios (×) are to the `plaintext` baseline measured "
                   "in the same run. Raw rows: `results.jsonl`.\n\n## Build\n\n"
                   "| scheme | pairs | pairs/s | × | on disk (MiB) | × | peak RSS (MiB) | "
                   "declared leakage |\n|---|---|---|---|---|---|---|---|\n";
  for (const std::string& l : labels) {
    if (!builds.contains(l)) continue;
    const BuildAgg& b = builds[l];
    double pps = b.pairs_per_second / b.n;
    md += "| " + l + " | " + std::to_string(b.pairs) + " | " + Fmt("%.0f", pps) + " | " +
          (base_build ? Ratio(pps, base_build->pairs_per_second / base_build->n) : "-") + " | " +
          Mib(b.bytes) + " | " +
          (base_build ? Ratio(static_cast<double>(b.bytes), static_cast<double>(base_build->bytes))
                      : "-") +
          " | " + Mib(b.rss) + " | " + (b.declared.empty() ? "-" : b.declared) + " |\n";
  }
  md += "\n## Search\n\nns/result averaged over queries with at least " +
        std::to_string(kLargeResult) +
        " results:\n\n| scheme | ns/result | × | all correct |\n"
        "|---|---|---|---|\n";
  for (const std::string& l : labels) {
    if (!searches.contains(l)) continue;
    const SearchAgg& s = searches[l];
    double v = s.n_large ? s.ns_large / s.n_large : 0;
    double base =
        base_search && base_search->n_large ? base_search->ns_large / base_search->n_large : 0;
    md += "| " + l + " | " + (s.n_large ? Fmt("%.1f", v) : "-") + " | " +
          (s.n_large ? Ratio(v, base) : "-") + " | " + (s.all_correct ? "yes" : "**NO**") + " |\n";
  }
  md += "\nPer query (µs per search; ns per result in brackets):\n\n| keyword | results |";
  std::string rule = "|---|---|";
  for (const std::string& l : labels) {
    if (!searches.contains(l)) continue;
    md += " " + l + " |";
    rule += "---|";
  }
  md += "\n" + rule + "\n";
  std::set<std::pair<uint64_t, std::string>> rows;
  for (const auto& [l, s] : searches) {
    for (const auto& [k, m] : s.by_keyword) rows.insert({m->result_size, k});
  }
  for (const auto& [size, k] : rows) {
    md += "| `" + k + "` | " + std::to_string(size) + " |";
    for (const std::string& l : labels) {
      if (!searches.contains(l)) continue;
      auto it = searches[l].by_keyword.find(k);
      if (it == searches[l].by_keyword.end()) {
        md += " - |";
        continue;
      }
      md += " " + Fmt("%.1f", it->second->ns_per_op / 1e3) + " (" +
            Fmt("%.0f", it->second->ns_per_result) + ") |";
    }
    md += "\n";
  }
  return WriteFileAtomically(path, md);
}

}  // namespace sselab::harness
