#include "bench/harness/overview_spec.h"

#include <toml++/toml.h>

#include "base/files.h"
#include "bench/harness/toml_reader.h"

namespace sselab::harness {
namespace {

Result<std::vector<double>> Fractions(TableReader& r, const std::string& key,
                                      std::vector<double> fallback) {
  const toml::node* n = r.Get(key);
  if (n == nullptr) return fallback;
  const toml::array* a = n->as_array();
  if (a == nullptr || a->empty()) return r.Bad(n, key, "must be a non-empty array of numbers");
  std::vector<double> out;
  for (const toml::node& v : *a) {
    auto d = v.value<double>();
    if (!d || !(*d > 0 && *d <= 1)) return r.Bad(&v, key, "values must be numbers in (0, 1]");
    out.push_back(*d);
  }
  return out;
}

Status ParseCorpora(TableReader& top, const std::string& origin, OverviewSpec& spec) {
  const toml::node* c = top.Get("corpus");
  const toml::array* list = c ? c->as_array() : nullptr;
  if (list == nullptr || list->empty()) {
    return top.Bad(c, "corpus", "at least one [[corpus]] table is required");
  }
  for (const toml::node& n : *list) {
    if (!n.is_table()) return top.Bad(&n, "corpus", "must be tables ([[corpus]])");
    TableReader r(*n.as_table(), "corpus", origin);
    OverviewCorpus corpus;
    SSELAB_ASSIGN_OR_RETURN(auto name, r.String("name"));
    SSELAB_ASSIGN_OR_RETURN(auto source, r.String("source"));
    if (!name || !source) return r.Bad(&n, name ? "source" : "name", "is required");
    corpus.name = *name;
    std::filesystem::path p(*source);
    bool path_like = source->find('/') != std::string::npos || source->ends_with(".jsonl");
    corpus.source = path_like && p.is_relative()
                        ? (std::filesystem::path(origin).parent_path() / p).string()
                        : *source;
    SSELAB_ASSIGN_OR_RETURN(auto aux, r.Uint("aux_every", 0, 1000));
    corpus.aux_every = aux.value_or(corpus.aux_every);
    if (corpus.aux_every == 1) return r.Bad(&n, "aux_every", "1 would hold out every document");
    SSELAB_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
    spec.corpora.push_back(std::move(corpus));
  }
  return OkStatus();
}

}  // namespace

Result<OverviewSpec> ParseOverviewSpec(std::string_view text, const std::filesystem::path& origin) {
  std::string where = origin.string();
  SSELAB_ASSIGN_OR_RETURN(toml::table root, ParseToml(text, where));
  OverviewSpec spec;
  TableReader top(root, "", where);
  SSELAB_ASSIGN_OR_RETURN(auto name, top.String("name"));
  spec.name = name.value_or(spec.name);
  SSELAB_RETURN_IF_ERROR(ParseCorpora(top, where, spec));
  SSELAB_RETURN_IF_ERROR(top.Workload("workload", spec.workload));
  if (const toml::node* a = top.Get("attacks")) {
    if (!a->is_table()) return top.Bad(a, "attacks", "must be a table");
    TableReader r(*a->as_table(), "attacks", where);
    SSELAB_ASSIGN_OR_RETURN(spec.deltas, Fractions(r, "deltas", spec.deltas));
    SSELAB_ASSIGN_OR_RETURN(spec.ikk_deltas, Fractions(r, "ikk_deltas", spec.ikk_deltas));
    SSELAB_ASSIGN_OR_RETURN(auto known, r.Number("ikk_known"));
    SSELAB_ASSIGN_OR_RETURN(auto vocabulary, r.Uint("vocabulary", 1, 100000));
    SSELAB_ASSIGN_OR_RETURN(auto dictionary, r.Uint("guess_dictionary", 1, 1 << 20));
    spec.guess_dictionary = dictionary.value_or(spec.guess_dictionary);
    SSELAB_ASSIGN_OR_RETURN(auto inject_universe, r.Uint("inject_universe", 0, 1 << 20));
    SSELAB_ASSIGN_OR_RETURN(auto inject_searches, r.Uint("inject_searches", 1, 1 << 20));
    SSELAB_ASSIGN_OR_RETURN(auto inject_pairs, r.Uint("inject_max_pairs", 1, 1 << 28));
    SSELAB_ASSIGN_OR_RETURN(auto inject_linear, r.Uint("inject_linear_max_pairs", 1, 1 << 24));
    spec.inject_universe = inject_universe.value_or(spec.inject_universe);
    spec.inject_searches = inject_searches.value_or(spec.inject_searches);
    spec.inject_max_pairs = inject_pairs.value_or(spec.inject_max_pairs);
    spec.inject_linear_max_pairs = inject_linear.value_or(spec.inject_linear_max_pairs);
    SSELAB_ASSIGN_OR_RETURN(auto seed, r.Uint("seed", 0, UINT64_MAX >> 1));
    spec.ikk_known = known.value_or(spec.ikk_known);
    if (!(spec.ikk_known >= 0 && spec.ikk_known < 1)) {
      return r.Bad(a, "ikk_known", "must be in [0, 1)");
    }
    spec.vocabulary = vocabulary.value_or(spec.vocabulary);
    spec.seed = seed.value_or(spec.seed);
    SSELAB_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
  }
  if (const toml::node* p = top.Get("performance")) {
    if (!p->is_table()) return top.Bad(p, "performance", "must be a table");
    TableReader r(*p->as_table(), "performance", where);
    SSELAB_ASSIGN_OR_RETURN(auto reps, r.Uint("repetitions", 1, 1000));
    SSELAB_ASSIGN_OR_RETURN(auto max_pairs, r.Uint("linear_max_pairs", 1, 1 << 24));
    SSELAB_ASSIGN_OR_RETURN(auto searches, r.Uint("linear_searches", 1, 1 << 20));
    SSELAB_ASSIGN_OR_RETURN(auto costly, r.Uint("costly_max_pairs", 1, 1 << 24));
    spec.costly_max_pairs = costly.value_or(spec.costly_max_pairs);
    SSELAB_ASSIGN_OR_RETURN(auto oblivious, r.Uint("oblivious_max_pairs", 1, 1 << 24));
    spec.oblivious_max_pairs = oblivious.value_or(spec.oblivious_max_pairs);
    spec.repetitions = reps.value_or(spec.repetitions);
    spec.linear_max_pairs = max_pairs.value_or(spec.linear_max_pairs);
    spec.linear_searches = searches.value_or(spec.linear_searches);
    if (const toml::node* s = r.Get("schemes")) {
      const toml::array* list = s->as_array();
      if (list == nullptr) return r.Bad(s, "schemes", "must be an array of scheme names");
      for (const toml::node& v : *list) {
        auto str = v.value_exact<std::string>();
        if (!str) return r.Bad(&v, "schemes", "must be strings");
        spec.schemes.push_back(*str);
      }
    }
    SSELAB_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
  }
  SSELAB_RETURN_IF_ERROR(top.CheckNoUnknownKeys());
  return spec;
}

Result<OverviewSpec> LoadOverviewSpec(const std::filesystem::path& path) {
  SSELAB_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseOverviewSpec(text, path);
}

}  // namespace sselab::harness
