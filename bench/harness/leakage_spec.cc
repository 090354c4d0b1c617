#include "bench/harness/leakage_spec.h"

#include <toml++/toml.h>

#include "base/files.h"
#include "bench/harness/toml_reader.h"

namespace sselab::harness {

Result<LeakageSpec> ParseLeakageSpec(std::string_view text, const std::filesystem::path& origin) {
  std::string where = origin.string();
  toml::table root;
  try {
    root = toml::parse(text, where);
  } catch (const toml::parse_error& e) {
    return InvalidArgumentError(where + " (line " + std::to_string(e.source().begin.line) +
                                "): " + std::string(e.description()));
  }
  TableReader top(root, "", where);
  LeakageSpec spec;
  SSELAB_ASSIGN_OR_RETURN(auto scheme, top.String("scheme"));
  if (!scheme) return top.Bad(nullptr, "scheme", "is required");
  spec.scheme = *scheme;
  SSELAB_ASSIGN_OR_RETURN(spec.params, top.Params("params"));
  SSELAB_ASSIGN_OR_RETURN(auto corpus, top.String("corpus"));
  if (!corpus) return top.Bad(nullptr, "corpus", "is required (a file, directory or synth: URI)");
  std::filesystem::path p(*corpus);
  bool synth = corpus->rfind("synth:", 0) == 0;
  spec.corpus = synth || p.is_absolute() ? *corpus : (origin.parent_path() / p).string();
  if (const toml::node* w = top.Get("workload")) {
    if (!w->is_table()) return top.Bad(w, "workload", "must be a table");
    TableReader r(*w->as_table(), "workload", where);
    leakage::WorkloadSpec& ws = spec.workload;
    SSELAB_ASSIGN_OR_RETURN(auto searches, r.Uint("searches", 0, 1 << 24));
    SSELAB_ASSIGN_OR_RETURN(auto pool, r.Uint("pool", 1, 1 << 28));
    SSELAB_ASSIGN_OR_RETURN(auto inserts, r.Uint("inserts", 0, 1 << 24));
    SSELAB_ASSIGN_OR_RETURN(auto removes, r.Uint("removes", 0, 1 << 24));
    SSELAB_ASSIGN_OR_RETURN(auto seed, r.Uint("seed", 0, UINT64_MAX >> 1));
    SSELAB_ASSIGN_OR_RETURN(auto repeat, r.Number("repeat"));
    ws.searches = searches.value_or(ws.searches);
    ws.pool = pool.value_or(ws.pool);
    ws.inserts = inserts.value_or(ws.inserts);
    ws.removes = removes.value_or(ws.removes);
    ws.seed = seed.value_or(ws.seed);
    ws.repeat = repeat.value_or(ws.repeat);
    SSELAB_RETURN_IF_ERROR(r.CheckNoUnknownKeys());
    Status valid = leakage::ValidateWorkloadSpec(ws);
    if (!valid.ok()) return valid.error().WithContext(where);
  }
  SSELAB_RETURN_IF_ERROR(top.CheckNoUnknownKeys());
  return spec;
}

Result<LeakageSpec> LoadLeakageSpec(const std::filesystem::path& path) {
  SSELAB_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseLeakageSpec(text, path);
}

}  // namespace sselab::harness
