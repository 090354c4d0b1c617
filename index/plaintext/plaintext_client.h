// Client of the plaintext baseline: builds packed postings and sends keywords in the clear.
#ifndef SSELAB_INDEX_PLAINTEXT_PLAINTEXT_CLIENT_H_
#define SSELAB_INDEX_PLAINTEXT_PLAINTEXT_CLIENT_H_

#include "index/channel.h"
#include "index/client.h"

namespace sselab::index::plaintext {

class PlaintextClient : public Client {
 public:
  explicit PlaintextClient(Channel& channel) : channel_(channel) {}

  Result<BuildStats> Build(DocumentSource& corpus, const ProgressFn& progress) override;
  Result<std::vector<DocId>> Search(std::string_view keyword) override;
  Status Insert(std::string_view keyword, DocId id) override;
  Status Remove(std::string_view keyword, DocId id) override;

 private:
  Status SendPair(uint8_t op, std::string_view keyword, DocId id);
  Channel& channel_;
};

}  // namespace sselab::index::plaintext

#endif  // SSELAB_INDEX_PLAINTEXT_PLAINTEXT_CLIENT_H_
