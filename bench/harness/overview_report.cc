#include "bench/harness/overview_report.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "base/files.h"

namespace sselab::harness {
namespace {

// The footnote mark of a run on a reduced corpus.
std::string Mark(const VariantResult& r) {
  return r.linear ? " †" : r.costly ? " ‡" : r.oblivious ? " §" : "";
}

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

double PerResultNs(const VariantResult& r) {
  return r.results ? r.search_seconds * 1e9 / static_cast<double>(r.results) : 0;
}

std::string Bytes(uint64_t b) {
  if (b >= (1u << 20)) return Fmt("%.1f MiB", static_cast<double>(b) / (1 << 20));
  return Fmt("%.1f KiB", static_cast<double>(b) / 1024);
}

const VariantResult* Baseline(const std::vector<VariantResult>& results,
                              const std::string& corpus) {
  for (const VariantResult& r : results) {
    if (r.corpus == corpus && r.scheme == "plaintext" && r.error.empty()) return &r;
  }
  return nullptr;
}

std::string Ratio(double v, double base) { return base > 0 ? Fmt("%.2f", v / base) : "–"; }

void CostTable(const std::vector<VariantResult>& results, const std::string& corpus,
               std::string& md) {
  const VariantResult* base = Baseline(results, corpus);
  md +=
      "| scheme | docs | pairs | build | pairs/s | on disk | × base | ns/result | × base | "
      "correct |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for (const VariantResult& r : results) {
    if (r.corpus != corpus) continue;
    if (!r.error.empty()) {
      md += "| " + r.label + " | failed: " + r.error + " |||||||||\n";
      continue;
    }
    double pps = r.build_seconds > 0 ? static_cast<double>(r.pairs) / r.build_seconds : 0;
    bool comparable = base != nullptr && !r.linear && !r.costly && !r.oblivious;
    md += "| " + r.label + Mark(r) + " | " + std::to_string(r.documents) + " | " +
          std::to_string(r.pairs) + " | " + Fmt("%.2f s", r.build_seconds) + " | " +
          Fmt("%.0f", pps) + " | " + Bytes(r.server_bytes) + " | " +
          (comparable
               ? Ratio(static_cast<double>(r.server_bytes), static_cast<double>(base->server_bytes))
               : "–") +
          " | " + Fmt("%.0f", PerResultNs(r)) + " | " +
          (comparable ? Ratio(PerResultNs(r), PerResultNs(*base)) : "–") + " | " +
          (r.correct ? "yes" : "**NO**") + " |\n";
  }
}

// `text` as one Markdown table cell: its own bars (|DB(w)|) escaped.
std::string TableCell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

double Share(uint64_t num, uint64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

void LeakageTable(const std::vector<VariantResult>& results, const std::string& corpus,
                  std::string& md) {
  md +=
      "| scheme | declared | search pattern | shared ids seen | volume exact | at-rest groups "
      "(largest) | updates linked | backward privacy | rounds / search | within declared "
      "|\n|---|---|---:|---:|---:|---:|---:|---|---:|---|\n";
  for (const VariantResult& r : results) {
    if (r.corpus != corpus || !r.error.empty()) continue;
    const leakage::Scores& s = r.scores;
    const leakage::Measures& m = r.measures;
    std::string within = r.violations.empty() ? "yes" : "**NO**: " + r.violations[0];
    md += "| " + r.label + " | " + TableCell(r.declared) + " | " +
          Fmt("%.2f", s.SearchPatternRate()) + " | " + Fmt("%.2f", s.SharingRate()) + " | " +
          Fmt("%.2f", s.VolumeRate()) + " | " + std::to_string(m.groups) + " (" +
          std::to_string(m.largest_group) + ")" + (m.varying_tables ? ", sizes vary" : "") + " | " +
          std::to_string(s.updates_after_search_linked) + "/" +
          std::to_string(s.updates_after_search) + "; pairs " +
          Fmt("%.2f", Share(s.own_link_pairs_linked, s.own_link_pairs)) + " vs " +
          Fmt("%.2f", Share(s.other_link_pairs_linked, s.other_link_pairs)) + " | " +
          leakage::ObservedBackwardType(m, s) + " | " +
          (m.searches > 0
               ? Fmt("%.1f", static_cast<double>(m.search_rounds) / static_cast<double>(m.searches))
               : std::string("–")) +
          " | " + within + " |\n";
  }
}

double ConjunctionUs(const VariantResult& r) {
  return r.conjunction_searches
             ? r.conjunction_seconds * 1e6 / static_cast<double>(r.conjunction_searches)
             : 0;
}

void ConjunctionTable(const std::vector<VariantResult>& results, const std::string& corpus,
                      std::string& md) {
  const VariantResult* base = Baseline(results, corpus);
  md +=
      "| scheme | evaluated by | conjunctions | µs / conjunction | × base | result ids / query | "
      "items beyond the result / query | entries read beyond the result / query | pairs "
      "linked: sharing a term (others) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const VariantResult& r : results) {
    if (r.corpus != corpus || !r.error.empty()) continue;
    const leakage::ConjunctionLeakage& c = r.conjunctions;
    if (c.conjunctions == 0) continue;
    const bool comparable = base != nullptr && !r.linear && !r.costly && !r.oblivious;
    md += "| " + r.label + Mark(r) + " | " +
          (r.native_conjunctions ? "the server (native)" : "client intersection") + " | " +
          std::to_string(c.conjunctions) + " | " + Fmt("%.1f", ConjunctionUs(r)) + " | " +
          (comparable ? Ratio(ConjunctionUs(r), ConjunctionUs(*base)) : "–") + " | " +
          Fmt("%.1f", c.ResultPerQuery()) + " | " + Fmt("%.1f", c.ItemsBeyondPerQuery()) + " | " +
          Fmt("%.1f", c.ReadsBeyondPerQuery()) + " | " + std::to_string(c.sharing_pairs_linked) +
          "/" + std::to_string(c.sharing_pairs) + " (" + std::to_string(c.other_pairs_linked) +
          "/" + std::to_string(c.other_pairs) + ") |\n";
  }
}

void AttackTable(const OverviewSpec& spec, const std::vector<VariantResult>& results,
                 const std::string& corpus, std::string& md) {
  std::vector<std::pair<std::string, double>> columns;
  for (double d : spec.deltas) columns.push_back({"count", d});
  for (double d : spec.ikk_deltas) columns.push_back({"ikk", d});
  columns.push_back({"frequency", 1.0});
  columns.push_back({"keyword-guessing", 1.0});
  columns.push_back({"link-at-rest", 1.0});
  columns.push_back({"link-updates", 1.0});
  columns.push_back({"inject-first", 1.0});
  columns.push_back({"search-first", 1.0});
  md += "| scheme |";
  std::string rule = "|---|";
  for (const auto& [attack, d] : columns) {
    bool no_delta = attack == "frequency" || attack == "keyword-guessing" ||
                    attack.starts_with("link-") || attack.ends_with("-first");
    md += no_delta ? " " + attack + " |" : " " + attack + Fmt(" δ=%.2g", d) + " |";
    rule += "---:|";
  }
  md += "\n" + rule + "\n";
  for (const VariantResult& r : results) {
    if (r.corpus != corpus || !r.error.empty()) continue;
    md += "| " + r.label + Mark(r) + " |";
    for (const auto& [attack, d] : columns) {
      std::string cell = " – |";
      for (const leakage::AttackOutcome& a : r.attacks) {
        if (a.attack == attack && a.delta == d) cell = " " + Fmt("%.2f", a.Rate()) + " |";
      }
      md += cell;
    }
    md += "\n";
  }
}

}  // namespace

nlohmann::json OverviewJson(const OverviewSpec& spec, const std::vector<LoadedCorpus>& corpora,
                            const std::vector<VariantResult>& results) {
  nlohmann::json j = {{"name", spec.name},
                      {"corpora", nlohmann::json::array()},
                      {"variants", nlohmann::json::array()}};
  for (const LoadedCorpus& c : corpora) {
    j["corpora"].push_back({{"name", c.name},
                            {"source", c.source},
                            {"indexed_documents", c.indexed.size()},
                            {"aux_documents", c.aux.size()}});
  }
  for (const VariantResult& r : results) {
    nlohmann::json attacks = nlohmann::json::array();
    for (const leakage::AttackOutcome& a : r.attacks) {
      attacks.push_back({{"attack", a.attack},
                         {"delta", a.delta},
                         {"searches", a.searches},
                         {"recovered", a.recovered},
                         {"rate", a.Rate()}});
    }
    j["variants"].push_back(
        {{"corpus", r.corpus},
         {"label", r.label},
         {"scheme", r.scheme},
         {"linear", r.linear},
         {"costly", r.costly},
         {"oblivious", r.oblivious},
         {"documents", r.documents},
         {"pairs", r.pairs},
         {"build_seconds", r.build_seconds},
         {"server_bytes", r.server_bytes},
         {"ns_per_result", PerResultNs(r)},
         {"correct", r.correct},
         {"declared", r.declared},
         {"measured", r.measured},
         {"search_pattern_rate", r.scores.SearchPatternRate()},
         {"sharing_rate", r.scores.SharingRate()},
         {"volume_rate", r.scores.VolumeRate()},
         {"backward_observed", leakage::ObservedBackwardType(r.measures, r.scores)},
         {"conjunctions",
          {{"native", r.native_conjunctions},
           {"declared", r.conjunction_declared},
           {"timed", r.conjunction_searches},
           {"us_per_conjunction", ConjunctionUs(r)},
           {"measured", r.conjunctions.conjunctions},
           {"result_ids", r.conjunctions.result_ids},
           {"items", r.conjunctions.items},
           {"read_entries", r.conjunctions.read_entries},
           {"items_beyond_result", r.conjunctions.items_beyond},
           {"reads_beyond_result", r.conjunctions.reads_beyond},
           {"sharing_pairs", r.conjunctions.sharing_pairs},
           {"sharing_pairs_linked", r.conjunctions.sharing_pairs_linked},
           {"other_pairs", r.conjunctions.other_pairs},
           {"other_pairs_linked", r.conjunctions.other_pairs_linked}}},
         {"search_rounds", r.measures.search_rounds},
         {"search_bytes", r.measures.search_bytes},
         {"violations", r.violations},
         {"attacks", attacks},
         {"error", r.error}});
  }
  return j;
}

std::string OverviewMarkdown(const OverviewSpec& spec, const std::vector<LoadedCorpus>& corpora,
                             const std::vector<VariantResult>& results) {
  std::string md = "# " + spec.name + "\n\nEvery registered scheme, in each of its modes, over " +
                   "each corpus below: cost on the RocksDB store, leakage measured from what the "
                   "server saw (papers/leakage.md), and the leakage-abuse attacks run on that "
                   "transcript. Ratios (× base) are to the plaintext baseline of the same run.\n";
  for (const LoadedCorpus& c : corpora) {
    md += "\n## " + c.name + "\n\n`" + c.source + "`: " + std::to_string(c.indexed.size()) +
          " documents indexed, " + std::to_string(c.aux.size()) +
          " held out as the auxiliary corpus of frequency analysis. Workload: " +
          std::to_string(spec.workload.searches) + " searches over the " +
          std::to_string(spec.workload.pool) + " most frequent keywords (" +
          Fmt("%.0f%%", spec.workload.repeat * 100) + " repeats)" +
          (spec.workload.batches > 0
               ? ", interleaved on dynamic schemes with the arrival of the last " +
                     Fmt("%.0f%%", spec.workload.arriving * 100) + " of the documents, in " +
                     std::to_string(spec.workload.batches) +
                     " update batches in corpus order (static schemes index them all at once)"
               : std::string()) +
          "; then " + std::to_string(spec.workload.inserts) + " inserts and " +
          std::to_string(spec.workload.removes) + " removes on dynamic schemes.\n\n### Cost\n\n";
    CostTable(results, c.name, md);
    md += "\n### Leakage measured from the server's view\n\n";
    LeakageTable(results, c.name, md);
    if (spec.workload.conjunctions > 0) {
      md += "\n### Conjunctions: cost, and what the server learns beyond the result\n\n" +
            std::to_string(spec.workload.conjunctions) + " conjunctions of 2 to " +
            std::to_string(spec.workload.max_terms) +
            " keywords, each drawn from one document (one term of any frequency, the others "
            "among the frequent keywords; leakage/conjunctions.h).\n\n";
      ConjunctionTable(results, c.name, md);
    }
    md += "\n### Attack recovery (fraction of searches whose keyword is recovered)\n\n";
    AttackTable(spec, results, c.name, md);
  }
  md +=
      "\n† linear-search scheme (one pairing per stored tag): run on the first documents up "
      "to " +
      std::to_string(spec.linear_max_pairs) + " pairs with " +
      std::to_string(spec.linear_searches) + " searches, " +
      std::to_string(std::min(spec.workload.inserts, 2 * spec.linear_searches)) + " inserts and " +
      std::to_string(std::min(spec.workload.removes, spec.linear_searches)) +
      " removes, its searches timed in one pass (no warm-up: the time is the pairings); its "
      "ratios to the baseline are not comparable and are left out.\n\n"
      "‡ every added pair costs a public-key operation (Sophos: an RSA private-key "
      "operation): run on the first documents up to " +
      std::to_string(spec.costly_max_pairs) +
      " pairs; its ratios to the baseline are left out (bench/dynamic_bench measures its "
      "updates against the RSA operation they need).\n\n"
      "§ every operation is a fixed schedule of ORAM path reads, each a round trip (Orion): "
      "run on the first documents up to " +
      std::to_string(spec.oblivious_max_pairs) +
      " pairs; its ratios to the baseline are left out (bench/backward_cost_bench prices it "
      "against Mitra and Diana_del on one workload).\n\n"
      "Columns. *search pattern*: repeated searches the server linked / all repeats. *shared "
      "ids seen*: keyword pairs sharing a document whose observed results intersect. *volume "
      "exact*: searches whose true result count the reply's volume determines. *at-rest "
      "groups*: groups of stored entries the server forms with no query: the scheme's own "
      "key format joined, for public-key schemes, by tag linking with the public keys "
      "(= entries when every entry stands alone); the raw store (equal values or keys, long "
      "key prefixes) is checked against the declaration too (*within declared*). "
      "*updates linked*: updates of a searched keyword that touch what an earlier search "
      "touched or that a kept search request, replayed, finds; then the share of (search, "
      "later update of its keyword) pairs so linked vs the share for updates of other "
      "keywords: forward privacy fails when the first exceeds the second beyond chance "
      "(papers/leakage.md, 2.3; an ORAM links every pair through its root, 1.00 vs 1.00). "
      "*backward privacy*: the type the run shows after the removals (papers/leakage.md, "
      "2.5: weakest, Type-III, Type-II, Type-I, or – with no removal of a searched keyword); "
      "a declared type it breaks is a violation. *rounds / search*: request/reply exchanges. "
      "Conjunctions: *evaluated by* the server (OXT: one walk of the rarest term, an XSet "
      "test per other term) or the client (every other scheme: each term searched alone, "
      "results intersected); *items beyond the result*: result items (ids or ciphertexts) "
      "the replies handed back beyond the conjunction's own result (an item is an id, a "
      "ciphertext, or a sealed block of many ids: Π_pack and Π_2lev in hiding mode hand back "
      "fewer items than ids); *entries read beyond "
      "the result*: stored entries read beyond as many as the result holds (OXT: the rarest "
      "term's entries and the XSet's passing tests); *pairs linked*: pairs of conjunctions "
      "that share a term and read a common stored entry, of all pairs sharing a term (in "
      "parentheses: pairs sharing none, linked all the same: a scheme whose every search "
      "reads one entry, Sophos's public key or Orion's ORAM roots, links every pair). The "
      "single-keyword columns "
      "above leave "
      "conjunctions out. "
      "link-at-rest: searches with two or more results whose matches the server had already "
      "grouped into one class with public keys alone; link-updates: updates of a searched "
      "keyword linked to an earlier search. inject-first / search-first: the file-injection "
      "attack (Zhang, Katz, Papamanthou, USENIX Security 2016, binary variant) on dynamic "
      "schemes, over the " +
      std::to_string(spec.inject_universe) +
      " most frequent keywords of the first documents (up to " +
      std::to_string(spec.inject_max_pairs) +
      " pairs): documents injected before the searches, or after them against the search "
      "requests the server kept (a forward-private scheme defeats the second). Count attack: "
      "Cash et al. "
      "CCS 2015 with the adversary knowing a δ fraction of the indexed documents; IKK: "
      "Islam et al. NDSS 2012 with " +
      Fmt("%.0f%%", spec.ikk_known * 100) +
      " of queries known, run only where result items co-occur; frequency: rank matching of "
      "at-rest groups against the held-out documents, run only where entries group at rest; "
      "keyword-guessing: the offline attack on public-key schemes (Byun et al., SDM 2006) "
      "with the corpus's " +
      std::to_string(spec.guess_dictionary) +
      " most frequent keywords as dictionary and only public keys. – = not run.\n";
  return md;
}

Status WriteOverview(const OverviewSpec& spec, const std::vector<LoadedCorpus>& corpora,
                     const std::vector<VariantResult>& results, const std::filesystem::path& out) {
  SSELAB_RETURN_IF_ERROR(
      WriteFileAtomically(out / "summary.md", OverviewMarkdown(spec, corpora, results)));
  return WriteFileAtomically(out / "results.json",
                             OverviewJson(spec, corpora, results).dump(2) + "\n");
}

}  // namespace sselab::harness
