#include "peks/peks_client.h"

#include <algorithm>
#include <optional>

#include "base/codec.h"
#include "base/parallel.h"
#include "crypto/random.h"
#include "index/inverted.h"
#include "index/message.h"
#include "index/posting_upload.h"
#include "index/setup_protocol.h"
#include "peks/id_box.h"
#include "peks/peks_messages.h"

namespace sselab::peks {
namespace {

// Below this many postings a keyword's entries are made on one thread.
constexpr size_t kMinEncryptChunk = 16;

}  // namespace

Result<std::vector<Entry>> PeksSender::Entries(std::string_view keyword,
                                               std::span<const index::DocId> ids) const {
  std::vector<Entry> out(ids.size());
  std::vector<std::optional<Error>> errors(ids.size());
  ParallelFor(ids.size(), kMinEncryptChunk, [&](size_t begin, size_t end) {
    auto tags = tags_->EncryptTags(keyword, end - begin);
    if (!tags.ok()) {
      errors[begin] = tags.error();
      return;
    }
    for (size_t i = begin; i < end; ++i) {
      Bytes value = std::move((*tags)[i - begin]);
      Bytes box = SealId(box_recipient_, context_, keyword, ids[i]);
      value.insert(value.end(), box.begin(), box.end());
      out[i] = {.rid = crypto::RandomBytes(kRidSize), .value = std::move(value)};
    }
  });
  for (auto& e : errors) {
    if (e.has_value()) return *e;
  }
  return out;
}

Result<index::DocId> PeksReceiver::OpenId(std::string_view keyword, ByteView box) const {
  return peks::OpenId(box_secret_, context_, keyword, box);
}

Result<index::BuildStats> PeksClient::Build(index::DocumentSource& corpus,
                                            const index::ProgressFn& progress) {
  auto encrypt_list = [&](std::string_view keyword, std::span<const index::DocId> ids,
                          index::SetupSender& out) -> Status {
    SSELAB_ASSIGN_OR_RETURN(std::vector<Entry> entries, sender_.Entries(keyword, ids));
    for (const Entry& e : entries) SSELAB_RETURN_IF_ERROR(out.Add(e.rid, e.value));
    return OkStatus();
  };
  return index::UploadPostingLists(channel_, std::string(kTable), corpus, progress, encrypt_list);
}

Result<std::vector<index::DocId>> PeksClient::Search(std::string_view keyword) {
  SSELAB_RETURN_IF_ERROR(index::ValidateKeyword(keyword));
  SSELAB_ASSIGN_OR_RETURN(Bytes trapdoor, receiver_.Trapdoor(keyword));
  ByteWriter w = index::BeginRequest(kSearch);
  w.Raw(trapdoor);
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));
  ByteReader r(reply, "peks search reply");
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n > r.remaining() / kIdBoxSize) return r.Malformed("match count larger than the reply");
  std::vector<index::DocId> ids;
  ids.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView box, r.Raw(kIdBoxSize));
    auto id = receiver_.OpenId(keyword, box);
    if (!id.ok()) return id.error().WithContext("peks search reply: match " + std::to_string(i));
    ids.push_back(*id);
  }
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  index::SortUnique(ids);
  return ids;
}

Status PeksClient::Insert(std::string_view keyword, index::DocId id) {
  SSELAB_RETURN_IF_ERROR(index::ValidateKeyword(keyword));
  const index::DocId ids[] = {id};
  SSELAB_ASSIGN_OR_RETURN(std::vector<Entry> entries, sender_.Entries(keyword, ids));
  ByteWriter w = index::BeginRequest(kInsert);
  w.Varint(entries.size());
  for (const Entry& e : entries) {
    w.Raw(e.rid);
    w.Raw(e.value);
  }
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));
  if (!reply.empty()) return CorruptionError("peks: insert reply is not empty");
  return OkStatus();
}

}  // namespace sselab::peks
