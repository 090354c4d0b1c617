#include <chrono>
#include <cstdio>

#include "index/backup.h"
#include "index/corpus.h"
#include "index/encrypted_index.h"
#include "net/remote.h"
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
  uint64_t block_cache_mb = storage::RocksStoreOptions{}.block_cache_bytes >> 20;
  uint64_t write_buffer_mb = 64;
  uint64_t sort_memory_mb = 256;
  // Network mode: the server half goes to `sselab serve` at `server`.
  std::string server;
  std::string index_name;  // default: DB's last path component
  net::TlsFiles tls;
  index::ServerStoreConfig store;  // --store: DB/server or a Redis Cluster
};

int RunBuild(const BuildOptions& o) {
  auto corpus = index::OpenCorpus(o.corpus);
  if (!corpus.ok()) return Fail(corpus.error());
  std::shared_ptr<index::RemoteServer> remote;
  if (!o.server.empty()) {
    std::string name = o.index_name;
    if (name.empty()) name = std::filesystem::path(o.db).lexically_normal().filename().string();
    auto connected = net::ConnectRemote({.server = o.server, .index = name, .tls = o.tls});
    if (!connected.ok()) return Fail(connected.error().WithContext("index build failed"));
    remote = *connected;
    if (!o.store.local()) {
      return Fail(InvalidArgumentError(
          "--store and --server exclude each other: the server chooses where it keeps its store"));
    }
  } else if (!o.index_name.empty()) {
    return Fail(InvalidArgumentError("--index names an index on a server: give --server too"));
  }
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
       .sort_memory_budget = o.sort_memory_mb << 20,
       .remote = remote,
       .store = o.store},
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
  if (remote != nullptr) std::fprintf(stderr, "server half: %s\n", remote->Where().c_str());
  if (!o.store.local()) {
    std::fprintf(stderr, "server store: %s, namespace %s\n", o.store.uri.c_str(),
                 meta.index_id.c_str());
  }
  for (const std::string& w : meta.stats.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  return 0;
}

struct UpdateCliOptions {
  std::string corpus;
  std::string db;
  std::string key;
  uint64_t batch_pairs = 1 << 16;
};

int RunUpdate(index::UpdateKind kind, const UpdateCliOptions& o) {
  auto idx = net::OpenIndex(schemes::BuiltinRegistry(), {.dir = o.db, .key_path = o.key});
  if (!idx.ok()) return Fail(idx.error());
  auto corpus = index::OpenCorpus(o.corpus);
  if (!corpus.ok()) return Fail(corpus.error());
  Progress progress;
  auto start = std::chrono::steady_clock::now();
  auto stats =
      (*idx)->Update(kind, **corpus, {.batch_pairs = o.batch_pairs, .progress = progress.Fn()});
  progress.Done();
  const std::string verb = kind == index::UpdateKind::kAdd ? "add" : "remove";
  if (!stats.ok()) return Fail(stats.error().WithContext("index " + verb + " failed"));
  Status flushed = (*idx)->Flush();
  if (!flushed.ok()) return Fail(flushed.error().WithContext("index " + verb + " failed"));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const index::UpdateCounts& total = (*idx)->meta().updates;
  std::fprintf(stderr,
               "%s %llu pairs of %llu documents %s %s in %llu batches, %s (%.0f pairs/s); "
               "since the build: %llu batches, %llu pairs added, %llu removed\n",
               kind == index::UpdateKind::kAdd ? "added" : "removed",
               static_cast<unsigned long long>(stats->pairs),
               static_cast<unsigned long long>(stats->documents),
               kind == index::UpdateKind::kAdd ? "to" : "from", o.db.c_str(),
               static_cast<unsigned long long>(stats->batches), HumanDuration(seconds).c_str(),
               seconds > 0 ? static_cast<double>(stats->pairs) / seconds : 0.0,
               static_cast<unsigned long long>(total.batches),
               static_cast<unsigned long long>(total.added_pairs),
               static_cast<unsigned long long>(total.removed_pairs));
  return 0;
}

void AddUpdateCommand(CLI::App& index_cmd, Action& run, index::UpdateKind kind) {
  const bool add = kind == index::UpdateKind::kAdd;
  auto* cmd = index_cmd.add_subcommand(
      add ? "add" : "remove",
      add ? "Add every document of a corpus to an index (dynamic schemes).\n"
            "Each (keyword, id) pair of each document is added; adding a pair the index\n"
            "already holds changes no search result. Documents go in batches: each batch is\n"
            "one commit of the client state and, where the scheme allows, one message. A\n"
            "batch cut short by a crash is completed when the index is next opened."
          : "Remove the listed (keyword, id) pairs from an index (schemes with deletions).\n"
            "The corpus lists, per document id, the keywords to remove from it; removing a\n"
            "pair the index does not hold changes nothing. Schemes that only add refuse,\n"
            "changing nothing.");
  auto o = std::make_shared<UpdateCliOptions>();
  cmd->add_option("--db", o->db, "Index directory (made by `sselab index build`)")->required();
  cmd->add_option("--corpus", o->corpus,
                  "Documents, in any corpus format `index build` reads (JSON Lines, a "
                  "directory of text files, synth:...)")
      ->required();
  cmd->add_option("--key", o->key, "Key file, if not DB/client/key");
  cmd->add_option("--batch-pairs", o->batch_pairs,
                  "Pairs per batch: a batch closes at the first document that reaches it")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 24));
  cmd->callback([&run, o, kind] { run = [o, kind] { return RunUpdate(kind, *o); }; });
}

struct BackupCliOptions {
  std::string db;
  std::string to;
  std::string key;
  bool with_client = false;
  bool with_key = false;
};

int RunBackup(const BackupCliOptions& o) {
  auto done = index::BackupIndex(schemes::BuiltinRegistry(), {.db = o.db,
                                                              .to = o.to,
                                                              .with_client = o.with_client,
                                                              .with_key = o.with_key,
                                                              .key_path = o.key});
  if (!done.ok()) return Fail(done.error().WithContext("index backup failed"));
  uint64_t bytes = 0;
  for (const auto& f : done->manifest.files) bytes += f.bytes;
  std::fprintf(stderr, "backed up %s index %s to %s: %llu server entries in %llu tables%s%s; %s\n",
               done->manifest.scheme.c_str(), o.db.c_str(), o.to.c_str(),
               static_cast<unsigned long long>(done->server.entries),
               static_cast<unsigned long long>(done->server.tables),
               o.with_client ? ", the client directory" : " (server only)",
               o.with_key ? " and the key" : "", HumanBytes(bytes).c_str());
  return 0;
}

struct RestoreCliOptions {
  std::string from;
  std::string db;
  index::ServerStoreConfig store;
};

int RunRestore(const RestoreCliOptions& o) {
  auto done = index::RestoreIndex(schemes::BuiltinRegistry(),
                                  {.from = o.from, .db = o.db, .store = o.store});
  if (!done.ok()) return Fail(done.error().WithContext("index restore failed"));
  std::fprintf(
      stderr, "restored %s index %s from %s (backed up %s): %llu server entries into %s%s\n",
      done->manifest.scheme.c_str(), o.db.c_str(), o.from.c_str(),
      done->manifest.created_utc.c_str(), static_cast<unsigned long long>(done->server.entries),
      o.store.local() ? "DB/server" : o.store.uri.c_str(),
      done->manifest.key || !done->created_db
          ? ""
          : "; the backup holds no key: give the index's key with --key when you use it");
  return 0;
}

void AddDropCommand(CLI::App& index_cmd, Action& run) {
  auto* drop = index_cmd.add_subcommand(
      "drop",
      "Remove an index: its directory DB and, for an index whose store is on a Redis\n"
      "Cluster, its namespace there (deleting DB alone would leave the cluster's keys).\n"
      "A key file outside DB (--key at build) stays. Refused while a process has the index\n"
      "open, and for an index on `sselab serve` (`sselab remote drop` removes that).");
  auto db = std::make_shared<std::string>();
  auto yes = std::make_shared<bool>(false);
  drop->add_option("--db", *db, "Index directory")->required();
  drop->add_flag("--yes", *yes, "Really drop it");
  drop->callback([&run, db, yes] {
    run = [db, yes] {
      if (!*yes) {
        return Fail(
            InvalidArgumentError("dropping " + *db + " removes the index for good; add --yes"));
      }
      Status dropped = index::EncryptedIndex::Drop(schemes::BuiltinRegistry(), *db);
      if (!dropped.ok()) return Fail(dropped.error().WithContext("index drop failed"));
      std::fprintf(stderr, "dropped the index at %s\n", db->c_str());
      return 0;
    };
  });
}

void AddBackupCommands(CLI::App& index_cmd, Action& run) {
  auto* backup = index_cmd.add_subcommand(
      "backup",
      "Back up an index into a new directory BACKUP: the server's store as a dump (on either\n"
      "store: DB/server or a Redis Cluster), and a manifest with every file's size and\n"
      "SHA-256, written last. The client directory (meta.json, the client state, store.json)\n"
      "only with --with-client, the key only with --with-key as well: a backup without them\n"
      "holds nothing the server does not already hold. The index's stores stay locked while\n"
      "it runs, so no update interleaves.");
  auto b = std::make_shared<BackupCliOptions>();
  backup->add_option("--db", b->db, "Index directory")->required();
  backup->add_option("--to", b->to, "Backup directory to create (must not exist)")->required();
  backup->add_flag("--with-client", b->with_client,
                   "Include the client directory: meta, client state, store location");
  backup->add_flag("--with-key", b->with_key,
                   "Include the master key too (needs --with-client); guard the backup as the key");
  backup->add_option("--key", b->key, "With --with-key: the key file, if not DB/client/key");
  backup->callback([&run, b] { run = [b] { return RunBackup(*b); }; });

  auto* restore = index_cmd.add_subcommand(
      "restore",
      "Restore a backup made by `sselab index backup`. Every file is checked against the\n"
      "manifest first; a damaged, truncated or incomplete backup is refused and nothing is\n"
      "written. A backup with the client directory creates DB (which must not exist); one\n"
      "without restores the server's store into DB, an existing client directory of the same\n"
      "index that has none. The store goes to DB/server, or with --store to a Redis Cluster\n"
      "(the index's namespace must not exist there).");
  auto r = std::make_shared<RestoreCliOptions>();
  restore->add_option("--from", r->from, "Backup directory")->required();
  restore->add_option("--db", r->db, "Index directory to restore into")->required();
  AddStoreOptions(*restore, r->store);
  restore->callback([&run, r] { run = [r] { return RunRestore(*r); }; });
}

}  // namespace

void AddIndexCommand(CLI::App& app, Action& run) {
  auto* index_cmd = app.add_subcommand(
      "index", "Build indexes, update them, back them up, restore and drop them");
  index_cmd->require_subcommand(1);
  auto* build = index_cmd->add_subcommand(
      "build",
      "Build an index of a corpus with one scheme.\n"
      "The server's state goes to DB/server, the client's to DB/client; the master key to\n"
      "DB/client/key (mode 0600) unless --key names another file. The build is atomic:\n"
      "if it fails, nothing is left at DB.\n"
      "With --server HOST:PORT the server's state goes to `sselab serve` there instead, as\n"
      "index --index (default: DB's name), over mutual TLS 1.3 (--tls-cert, --tls-key,\n"
      "--tls-ca; `sselab pki` makes them). DB keeps the client's part and remembers the\n"
      "server, so later `sselab search`, `index add|remove` need only --db.\n"
      "With --store redis-cluster://HOST:PORT,... the server's state goes to a Redis Cluster\n"
      "over TLS 1.3 (--store-tls-cert, --store-tls-key, --store-tls-ca), in a namespace named\n"
      "by the index's id; DB/client/store.json remembers where, so later commands need only\n"
      "--db. Every update is acknowledged once a replica has it (Redis WAIT).");
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
  build->add_option("--server", o->server,
                    "HOST:PORT of `sselab serve`: keep the server's half there, not in DB/server");
  build->add_option("--index", o->index_name,
                    "The index's name on the server (default: DB's name)");
  AddTlsOptions(*build, o->tls, "client");
  AddStoreOptions(*build, o->store);
  build->callback([&run, o] { run = [o] { return RunBuild(*o); }; });
  AddUpdateCommand(*index_cmd, run, index::UpdateKind::kAdd);
  AddUpdateCommand(*index_cmd, run, index::UpdateKind::kRemove);
  AddBackupCommands(*index_cmd, run);
  AddDropCommand(*index_cmd, run);
}

}  // namespace sselab::tools
