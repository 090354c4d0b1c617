#include "leakage/recorder.h"

#include <set>
#include <utility>

#include "crypto/key_file.h"
#include "storage/memory_store.h"

namespace sselab::leakage {
namespace {

using Op = storage::StoreAccess::Op;

// The entries `accesses` wrote, read back from `store` (the unrecorded inner store).
std::vector<StoredEntry> ReadWritten(storage::Store& store,
                                     const std::vector<storage::StoreAccess>& accesses) {
  std::set<std::pair<std::string, Bytes>> written;
  for (const storage::StoreAccess& a : accesses) {
    if (a.op == Op::kPut || a.op == Op::kBatchPut || a.op == Op::kBulkLoad || a.op == Op::kErase ||
        a.op == Op::kBatchErase) {
      written.emplace(a.table, a.key);
    }
  }
  std::vector<StoredEntry> out;
  out.reserve(written.size());
  for (const auto& [table, key] : written) {
    auto value = store.Get(table, key);
    if (!value.ok() || !value->has_value()) continue;  // erased (or unreadable: not held)
    out.push_back({.table = table, .key = key, .value = std::move(**value)});
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Recorder>> Recorder::Create(const index::Registry& registry,
                                                   const RecorderOptions& options) {
  std::unique_ptr<Recorder> r(new Recorder());
  r->options_ = options;
  SSELAB_ASSIGN_OR_RETURN(r->entry_, registry.Find(options.scheme));
  SSELAB_ASSIGN_OR_RETURN(
      index::Params params,
      index::Params::Parse(options.scheme, r->entry_->info.params, options.params));
  r->params_.emplace(std::move(params));
  if (r->entry_->info.needs_key) {
    r->key_.emplace(crypto::SecretKey::Generate(crypto::kMasterKeySize));
  }
  r->memory_ = storage::NewMemoryStore();
  r->store_ = std::make_unique<storage::RecordingStore>(*r->memory_);
  SSELAB_ASSIGN_OR_RETURN(r->server_, r->entry_->new_server({*r->params_, *r->store_}));
  r->local_ = std::make_unique<index::LocalChannel>(*r->server_);
  r->channel_ = std::make_unique<index::RecordingChannel>(*r->local_);
  SSELAB_ASSIGN_OR_RETURN(
      r->client_,
      r->entry_->new_client({*r->params_, r->key_ ? &*r->key_ : nullptr, *r->channel_}));
  r->transcript_.view.scheme = options.scheme;
  r->transcript_.view.params = options.params;
  if (r->entry_->public_keys && r->key_) {
    SSELAB_ASSIGN_OR_RETURN(r->transcript_.view.public_keys, r->entry_->public_keys(*r->key_));
  }
  return r;
}

Recorder::~Recorder() {
  // The client may talk to the server on destruction; the server uses the store.
  client_.reset();
  channel_.reset();
  local_.reset();
  server_.reset();
}

Result<index::KeywordGuesser> Recorder::KeywordGuesser() const {
  if (!entry_->keyword_guesser) {
    return UnsupportedError(entry_->info.name + " has no keyword-guessing attack");
  }
  return entry_->keyword_guesser(transcript_.view.public_keys);
}

void Recorder::Close(OpKind kind, OpTruth truth) {
  ServerOp op;
  op.kind = kind;
  bool elide = kind == OpKind::kSetup && !options_.keep_setup_messages;
  for (index::RecordedMessage& m : channel_->TakeMessages()) {
    Message out{.request_size = m.request.size(), .reply_size = m.reply.size()};
    if (elide) {
      out.elided = true;
    } else {
      out.request = std::move(m.request);
      out.reply = std::move(m.reply);
    }
    op.messages.push_back(std::move(out));
  }
  op.accesses = store_->TakeAccesses();
  op.stored = ReadWritten(*memory_, op.accesses);
  transcript_.view.ops.push_back(std::move(op));
  transcript_.truth.ops.push_back(std::move(truth));
}

Result<index::BuildStats> Recorder::Build(index::DocumentSource& corpus,
                                          const index::ProgressFn& progress,
                                          std::string corpus_name) {
  auto stats = client_->Build(corpus, progress);
  Close(OpKind::kSetup, {});
  if (!stats.ok()) return stats.error();
  GroundTruth& g = transcript_.truth;
  g.corpus = std::move(corpus_name);
  g.documents = stats->documents;
  g.keywords = stats->keywords;
  g.pairs = stats->pairs;
  return stats;
}

Result<std::vector<index::DocId>> Recorder::Search(std::string_view keyword) {
  auto ids = client_->Search(keyword);
  Close(OpKind::kSearch,
        {.keyword = std::string(keyword), .ids = ids.ok() ? *ids : std::vector<index::DocId>{}});
  return ids;
}

Status Recorder::Insert(std::string_view keyword, index::DocId id) {
  Status s = client_->Insert(keyword, id);
  Close(OpKind::kInsert, {.keyword = std::string(keyword), .ids = {id}});
  return s;
}

Status Recorder::Remove(std::string_view keyword, index::DocId id) {
  Status s = client_->Remove(keyword, id);
  Close(OpKind::kRemove, {.keyword = std::string(keyword), .ids = {id}});
  return s;
}

}  // namespace sselab::leakage
