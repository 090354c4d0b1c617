#include "bench/harness/spec.h"

#include <toml++/toml.h>

#include "base/files.h"
#include "bench/harness/toml_reader.h"
#include "schemes/variants.h"

namespace sselab::harness {
namespace {

namespace fs = std::filesystem;

Status ParseSynth(const toml::table& t, const std::string& origin, index::SynthSpec& out) {
  TableReader r(t, "corpus.synth", origin);
  SSELAB_ASSIGN_OR_RETURN(auto docs, r.Uint("docs", 1, 1ULL << 40));
  SSELAB_ASSIGN_OR_RETURN(auto keywords, r.Uint("keywords", 1, 1ULL << 28));
  SSELAB_ASSIGN_OR_RETURN(auto pairs, r.Uint("pairs", 1, 1ULL << 40));
  SSELAB_ASSIGN_OR_RETURN(auto seed, r.Uint("seed", 0, UINT64_MAX >> 1));
  if (docs) out.docs = *docs;
  if (keywords) out.keywords = *keywords;
  if (pairs) out.pairs = *pairs;
  if (seed) out.seed = *seed;
  if (const toml::node* z = r.Get("zipf")) {
    auto v = z->value<double>();
    if (!v) return r.Bad(z, "zipf", "must be a number");
    out.zipf = *v;
  }
  if (const toml::node* p = r.Get("plant")) {
    const toml::array* a = p->as_array();
    if (a == nullptr) return r.Bad(p, "plant", "must be an array of integers");
    for (const toml::node& e : *a) {
      auto v = e.value_exact<int64_t>();
      if (!v || *v <= 0) return r.Bad(&e, "plant", "must hold positive integers");
      out.plant.push_back(static_cast<uint64_t>(*v));
    }
  }
  SSELAB_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
  Status valid = index::ValidateSynthSpec(out);
  if (!valid.ok()) return InvalidArgumentError(origin + ": " + valid.error().message());
  return OkStatus();
}

Status ParseCorpus(TableReader& top, BenchSpec& spec, const fs::path& origin) {
  const toml::node* c = top.Get("corpus");
  if (c == nullptr || !c->is_table()) return top.Bad(c, "corpus", "a [corpus] table is required");
  TableReader r(*c->as_table(), "corpus", origin.string());
  SSELAB_ASSIGN_OR_RETURN(auto file, r.String("file"));
  const toml::node* synth = r.Get("synth");
  if (file.has_value() == (synth != nullptr)) {
    return r.Bad(c, "file", "give exactly one of corpus.file or [corpus.synth]");
  }
  if (file) {
    fs::path p(*file);
    spec.corpus_file = p.is_absolute() ? p : origin.parent_path() / p;
  } else {
    if (!synth->is_table()) return r.Bad(synth, "synth", "must be a table");
    spec.synth = index::SynthSpec{};
    SSELAB_RETURN_IF_ERROR(ParseSynth(*synth->as_table(), origin.string(), *spec.synth));
  }
  return r.CheckNoUnknownKeys();
}

Status ParseSchemes(TableReader& top, BenchSpec& spec, const std::string& origin) {
  const toml::node* s = top.Get("scheme");
  const toml::array* list = s ? s->as_array() : nullptr;
  if (list == nullptr || list->empty()) {
    return top.Bad(s, "scheme", "at least one [[scheme]] table is required");
  }
  for (const toml::node& n : *list) {
    if (!n.is_table()) return top.Bad(&n, "scheme", "must be tables ([[scheme]])");
    TableReader r(*n.as_table(), "scheme", origin);
    SchemeRun run;
    SSELAB_ASSIGN_OR_RETURN(auto name, r.String("name"));
    if (!name) return r.Bad(&n, "name", "is required");
    run.name = *name;
    SSELAB_ASSIGN_OR_RETURN(run.params, r.Params("params"));
    SSELAB_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
    spec.schemes.push_back(std::move(run));
  }
  return OkStatus();
}

Status ParseWorkloads(TableReader& top, BenchSpec& spec, const std::string& origin) {
  const toml::node* w = top.Get("workload");
  const toml::array* list = w ? w->as_array() : nullptr;
  if (list == nullptr || list->empty()) {
    return top.Bad(w, "workload", "at least one [[workload]] table is required");
  }
  for (const toml::node& n : *list) {
    if (!n.is_table()) return top.Bad(&n, "workload", "must be tables ([[workload]])");
    TableReader r(*n.as_table(), "workload", origin);
    Workload wl;
    SSELAB_ASSIGN_OR_RETURN(auto op, r.String("op"));
    if (op == "build") {
      wl.op = Workload::Op::kBuild;
    } else if (op == "search") {
      wl.op = Workload::Op::kSearch;
      SSELAB_ASSIGN_OR_RETURN(auto queries, r.String("queries"));
      if (queries == "planted") {
        wl.queries = Workload::Queries::kPlanted;
        if (!spec.synth || spec.synth->plant.empty()) {
          return r.Bad(r.Get("queries"), "queries",
                       "\"planted\" needs [corpus.synth] with a non-empty plant list");
        }
      } else if (queries == "ranked" || !queries) {
        wl.queries = Workload::Queries::kRanked;
      } else {
        return r.Bad(r.Get("queries"), "queries", "must be \"planted\" or \"ranked\"");
      }
      SSELAB_ASSIGN_OR_RETURN(auto count, r.Uint("count", 1, 1000000));
      if (count) wl.count = *count;
    } else {
      return r.Bad(r.Get("op"), "op", "must be \"build\" or \"search\"");
    }
    SSELAB_ASSIGN_OR_RETURN(auto reps, r.Uint("repetitions", 1, 1000000));
    if (reps) wl.repetitions = *reps;
    SSELAB_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
    spec.workloads.push_back(wl);
  }
  return OkStatus();
}

}  // namespace

std::string SchemeRun::Label() const { return schemes::Variant{name, params}.Label(); }

Result<BenchSpec> ParseBenchSpec(std::string_view text, const fs::path& origin) {
  SSELAB_ASSIGN_OR_RETURN(toml::table table, ParseToml(text, origin.string()));
  BenchSpec spec;
  spec.text = std::string(text);
  TableReader top(table, "", origin.string());
  SSELAB_ASSIGN_OR_RETURN(auto name, top.String("name"));
  spec.name = name.value_or(origin.stem().string());
  SSELAB_ASSIGN_OR_RETURN(auto seed, top.Uint("seed", 0, UINT64_MAX >> 1));
  if (seed) spec.seed = *seed;
  SSELAB_RETURN_IF_ERROR(ParseCorpus(top, spec, origin));
  if (const toml::node* s = top.Get("store")) {
    if (!s->is_table()) return top.Bad(s, "store", "must be a table");
    TableReader r(*s->as_table(), "store", origin.string());
    SSELAB_ASSIGN_OR_RETURN(auto cache, r.Uint("block_cache_mb", 1, 1 << 20));
    SSELAB_ASSIGN_OR_RETURN(auto buffer, r.Uint("write_buffer_mb", 1, 1 << 16));
    if (cache) spec.store.block_cache_bytes = *cache << 20;
    if (buffer) spec.store.write_buffer_bytes = *buffer << 20;
    SSELAB_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
  }
  SSELAB_RETURN_IF_ERROR(ParseSchemes(top, spec, origin.string()));
  SSELAB_RETURN_IF_ERROR(ParseWorkloads(top, spec, origin.string()));
  SSELAB_RETURN_IF_ERROR(top.CheckNoUnknownKeys());
  return spec;
}

Result<BenchSpec> LoadBenchSpec(const fs::path& path) {
  SSELAB_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path, 1 << 20));
  return ParseBenchSpec(text, path);
}

}  // namespace sselab::harness
