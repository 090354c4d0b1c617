#include "leakage/recorder.h"

#include <utility>

#include "crypto/key_file.h"
#include "leakage/store_readback.h"
#include "storage/memory_store.h"
#include "storage/rocks_store.h"

namespace sselab::leakage {

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
  if (options.store_dir.empty()) {
    r->inner_ = storage::NewMemoryStore();
  } else {
    if (std::filesystem::exists(options.store_dir)) {
      return AlreadyExistsError("recorder: " + options.store_dir.string() +
                                " already exists; the server's store needs a new directory");
    }
    SSELAB_ASSIGN_OR_RETURN(
        r->inner_, storage::OpenRocksStore(options.store_dir, {.create_if_missing = true}));
  }
  r->store_ = std::make_unique<storage::RecordingStore>(*r->inner_);
  // The client's state is no part of the server's view: kept in memory.
  if (r->entry_->info.client_state) r->state_ = storage::NewMemoryStore();
  SSELAB_ASSIGN_OR_RETURN(r->server_, r->entry_->new_server({*r->params_, *r->store_}));
  r->local_ = std::make_unique<index::LocalChannel>(*r->server_);
  r->channel_ = std::make_unique<index::RecordingChannel>(*r->local_);
  SSELAB_ASSIGN_OR_RETURN(
      r->client_, r->entry_->new_client(
                      {*r->params_, r->key_ ? &*r->key_ : nullptr, *r->channel_, r->state_.get()}));
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

Status Recorder::Close(OpKind kind, OpTruth truth) {
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
  auto stored =
      kind == OpKind::kSetup ? ReadAllEntries(*inner_) : ReadWritten(*inner_, op.accesses);
  Status status = OkStatus();
  if (stored.ok()) {
    op.stored = std::move(stored).value();
  } else {
    // A raw view with holes would let the lab miss what the server holds: fail the run.
    status = stored.error().WithContext("recorder: reading the server's store back");
  }
  transcript_.view.ops.push_back(std::move(op));
  transcript_.truth.ops.push_back(std::move(truth));
  return status;
}

Result<index::BuildStats> Recorder::Build(index::DocumentSource& corpus,
                                          const index::ProgressFn& progress,
                                          std::string corpus_name) {
  auto stats = client_->Build(corpus, progress);
  Status closed = Close(OpKind::kSetup, {});
  if (!stats.ok()) return stats.error();
  if (!closed.ok()) return closed.error();
  GroundTruth& g = transcript_.truth;
  g.corpus = std::move(corpus_name);
  g.documents = stats->documents;
  g.keywords = stats->keywords;
  g.pairs = stats->pairs;
  return stats;
}

Result<std::vector<index::DocId>> Recorder::CloseSearch(Result<std::vector<index::DocId>> ids,
                                                        OpTruth truth) {
  if (ids.ok()) truth.ids = *ids;
  Status closed = Close(OpKind::kSearch, std::move(truth));
  if (ids.ok() && !closed.ok()) return closed.error();
  return ids;
}

Result<std::vector<index::DocId>> Recorder::Search(std::string_view keyword) {
  return CloseSearch(client_->Search(keyword), {.keyword = std::string(keyword)});
}

Result<std::vector<index::DocId>> Recorder::SearchConjunction(std::span<const std::string> terms) {
  return CloseSearch(client_->SearchConjunction(terms), ConjunctionTruth(terms, {}));
}

Status Recorder::Insert(std::string_view keyword, index::DocId id) {
  Status s = client_->Insert(keyword, id);
  Status closed = Close(OpKind::kInsert, {.keyword = std::string(keyword), .ids = {id}});
  return s.ok() ? closed : s;
}

Status Recorder::AddBatch(std::span<const index::Document> docs) {
  Status s = client_->Update(index::UpdateKind::kAdd, docs);
  Status closed = Close(OpKind::kInsert, BatchTruth(docs));
  return s.ok() ? closed : s;
}

Status Recorder::Remove(std::string_view keyword, index::DocId id) {
  Status s = client_->Remove(keyword, id);
  Status closed = Close(OpKind::kRemove, {.keyword = std::string(keyword), .ids = {id}});
  return s.ok() ? closed : s;
}

}  // namespace sselab::leakage
