#include "bench/harness/leakage_spec.h"

#include <toml++/toml.h>

#include "base/files.h"
#include "bench/harness/toml_reader.h"

namespace sselab::harness {

Result<LeakageSpec> ParseLeakageSpec(std::string_view text, const std::filesystem::path& origin) {
  std::string where = origin.string();
  SSELAB_ASSIGN_OR_RETURN(toml::table root, ParseToml(text, where));
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
  SSELAB_RETURN_IF_ERROR(top.Workload("workload", spec.workload));
  SSELAB_RETURN_IF_ERROR(top.CheckNoUnknownKeys());
  return spec;
}

Result<LeakageSpec> LoadLeakageSpec(const std::filesystem::path& path) {
  SSELAB_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseLeakageSpec(text, path);
}

}  // namespace sselab::harness
