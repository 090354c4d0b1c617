#include "index/plaintext/plaintext_client.h"

#include "index/inverted.h"
#include "index/message.h"
#include "index/plaintext/plaintext_messages.h"
#include "index/posting_upload.h"
#include "index/postings_codec.h"
#include "index/setup_protocol.h"

namespace sselab::index::plaintext {

Result<BuildStats> PlaintextClient::Build(DocumentSource& corpus, const ProgressFn& progress) {
  auto pack_list = [](std::string_view keyword, std::span<const DocId> ids,
                      SetupSender& sender) -> Status {
    Bytes prefix = KeywordPrefix(keyword);
    for (uint32_t chunk = 0; size_t{chunk} * kChunkIds < ids.size(); ++chunk) {
      ByteWriter key(prefix.size() + 4);
      key.Raw(prefix);
      key.U32(chunk);
      ByteWriter value;
      size_t begin = size_t{chunk} * kChunkIds;
      EncodePostings(ids.subspan(begin, std::min(kChunkIds, ids.size() - begin)), value);
      SSELAB_RETURN_IF_ERROR(sender.Add(key.bytes(), value.bytes()));
    }
    return OkStatus();
  };
  return UploadPostingLists(channel_, std::string(kPostingsTable), corpus, progress, pack_list);
}

Result<std::vector<DocId>> PlaintextClient::Search(std::string_view keyword) {
  ByteWriter w = BeginRequest(kSearch);
  w.LengthPrefixed(keyword);
  SSELAB_ASSIGN_OR_RETURN(Bytes reply, channel_.Call(w.bytes()));
  ByteReader r(reply, "plaintext search reply");
  std::vector<DocId> ids;
  SSELAB_RETURN_IF_ERROR(DecodePostings(r, ids));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  return ids;
}

Status PlaintextClient::SendPair(uint8_t op, std::string_view keyword, DocId id) {
  ByteWriter w = BeginRequest(kUpdate);
  w.U8(op);
  w.LengthPrefixed(keyword);
  w.U64(id);
  SSELAB_RETURN_IF_ERROR(channel_.Call(w.bytes()));
  return OkStatus();
}

Status PlaintextClient::Insert(std::string_view keyword, DocId id) {
  return SendPair(kOpInsert, keyword, id);
}

Status PlaintextClient::Remove(std::string_view keyword, DocId id) {
  return SendPair(kOpRemove, keyword, id);
}

}  // namespace sselab::index::plaintext
