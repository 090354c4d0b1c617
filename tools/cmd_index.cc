#include <chrono>
#include <cstdio>

#include "index/corpus.h"
#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

struct BuildOptions {
  std::string scheme;
  std::string corpus;
  std::string db;
  std::string key;
  std::vector<std::string> params;
  uint64_t block_cache_mb = 64;
  uint64_t write_buffer_mb = 64;
  uint64_t sort_memory_mb = 256;
};

int RunBuild(const BuildOptions& o) {
  auto corpus = index::OpenCorpus(o.corpus);
  if (!corpus.ok()) return Fail(corpus.error());
  Progress progress;
  auto start = std::chrono::steady_clock::now();
  auto built = index::EncryptedIndex::Create(
      schemes::BuiltinRegistry(),
      {.scheme = o.scheme,
       .params = o.params,
       .dir = o.db,
       .key_path = o.key,
       .progress = progress.Fn(),
       .store_options = {.block_cache_bytes = o.block_cache_mb << 20,
                         .write_buffer_bytes = o.write_buffer_mb << 20},
       .sort_memory_budget = o.sort_memory_mb << 20},
      **corpus);
  progress.Done();
  if (!built.ok()) return Fail(built.error().WithContext("index build failed"));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const index::IndexMeta& meta = (*built)->meta();
  index::IndexSizes sizes = (*built)->Sizes();
  std::fprintf(stderr,
               "built %s index at %s: %llu documents, %llu keywords, %llu pairs in %s; "
               "server holds %s\n",
               meta.scheme.c_str(), o.db.c_str(),
               static_cast<unsigned long long>(meta.stats.documents),
               static_cast<unsigned long long>(meta.stats.keywords),
               static_cast<unsigned long long>(meta.stats.pairs), HumanDuration(seconds).c_str(),
               HumanBytes(sizes.server_bytes).c_str());
  for (const std::string& w : meta.stats.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  return 0;
}

}  // namespace

void AddIndexCommand(CLI::App& app, Action& run) {
  auto* index_cmd = app.add_subcommand("index", "Create indexes");
  index_cmd->require_subcommand(1);
  auto* build = index_cmd->add_subcommand(
      "build",
      "Build an index of a corpus with one scheme.\n"
      "The server's state goes to DB/server, the client's to DB/client; the master key to\n"
      "DB/client/key (mode 0600) unless --key names another file. The build is atomic:\n"
      "if it fails, nothing is left at DB.");
  auto o = std::make_shared<BuildOptions>();
  build->add_option("--scheme", o->scheme, "Scheme name (see `sselab schemes`)")->required();
  build
      ->add_option("--corpus", o->corpus,
                   "JSON Lines file ({\"id\":N,\"keywords\":[..]} or {\"id\":N,\"text\":\"..\"} "
                   "per line, optionally with \"fields\":{\"from\":\"..\"}, searched as "
                   "from:word), a directory of text files, or a synthetic corpus "
                   "\"synth:docs=N,keywords=K,pairs=P,zipf=S,seed=X,plant=10:100\"")
      ->required();
  build->add_option("--db", o->db, "Index directory to create (must not exist)")->required();
  build->add_option("--key", o->key,
                    "Key file: used if it exists, created (0600) if not; never inside DB/server");
  build->add_option("--param", o->params, "Scheme parameter name=value (repeatable)");
  build->add_option("--block-cache-mb", o->block_cache_mb, "RocksDB block cache (MiB)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  build->add_option("--write-buffer-mb", o->write_buffer_mb, "RocksDB memtable size (MiB)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 16));
  build
      ->add_option("--sort-memory-mb", o->sort_memory_mb,
                   "Memory for sorting the corpus (MiB); beyond it the sort spills to DB's "
                   "staging client directory, encrypted under a key held only in memory")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  build->callback([&run, o] { run = [o] { return RunBuild(*o); }; });
}

}  // namespace sselab::tools
