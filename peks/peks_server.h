// Server of the PEKS schemes: stores (rid -> tag || id box) entries, and answers a search
// by testing the received trapdoor against every stored tag (the schemes' search is
// linear by construction). It never sees a keyword or a document id.
#ifndef SSELAB_PEKS_PEKS_SERVER_H_
#define SSELAB_PEKS_PEKS_SERVER_H_

#include <vector>

#include "index/scheme_server.h"
#include "peks/keyword_pke.h"
#include "peks/peks_messages.h"
#include "storage/store.h"

namespace sselab::peks {

class PeksServer : public index::SchemeServer {
 public:
  PeksServer(storage::Store& store, ServerAlgorithms algorithms);

 private:
  bool ReadsOnly(uint8_t type) const override { return type == kSearch; }
  // PEKS only adds ciphertexts.
  index::Purpose PurposeOfRequest(uint8_t type, ByteView /*body*/) const override {
    return SearchOrAdd(type);
  }
  // Malformed requests (wrong sizes, trapdoors or tags whose points do not decode, are
  // off the curve or outside the subgroup, trailing bytes) are kCorruption naming the
  // field, and leave the store unchanged.
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  Result<Bytes> Search(ByteReader& body);
  Result<Bytes> Insert(ByteReader& body);
  // Tests one batch of stored values; appends the id boxes of matches to `out`.
  Status TestBatch(const TagTester& tester, const std::vector<Bytes>& values, uint64_t first,
                   ByteWriter& out, uint64_t& matches) const;

  ServerAlgorithms algorithms_;
  size_t value_size_;
};

}  // namespace sselab::peks

#endif  // SSELAB_PEKS_PEKS_SERVER_H_
