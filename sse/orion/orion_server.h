// Orion server (Chamani et al. CCS'18, Type-I scheme; papers/orion.md): the server of two
// Path ORAMs. It stores sealed buckets, returns the buckets of the paths it is asked for,
// and puts the buckets it is sent; it never decrypts one. Its whole view is therefore
// the bucket ids of each path read (uniformly random leaves), the fresh ciphertexts
// written back, and how many of each there are.
//
// Thread safety: as the Store's for reads; requests that write must not run concurrently
// with each other (the index layer serialises updates).
#ifndef SSELAB_SSE_ORION_ORION_SERVER_H_
#define SSELAB_SSE_ORION_ORION_SERVER_H_

#include <string>

#include "index/scheme_server.h"
#include "sse/orion/orion_messages.h"
#include "storage/store.h"

namespace sselab::sse::orion {

class OrionServer : public index::SchemeServer {
 public:
  // `store` outlives the server.
  explicit OrionServer(storage::Store& store)
      : SchemeServer("orion", store, {std::string(kUpdTable), std::string(kSrcTable)}) {}

 private:
  // A read path only reads; every Orion operation then writes its path back (kWriteBuckets),
  // so an Orion search needs the update grant on a server too.
  bool ReadsOnly(uint8_t type) const override { return type == kReadPath; }
  // Searches and updates are both ORAM accesses (read a path, write buckets): a request
  // does not say which operation it serves.
  index::Purpose PurposeOfRequest(uint8_t /*type*/, ByteView /*body*/) const override {
    return index::Purpose::kUnknown;
  }
  Result<Bytes> HandleRequest(uint8_t type, ByteReader& body) override;
  // Orion Search/Update, the server's half of every ORAM access: ReadBucket(P(x, l)).
  Result<Bytes> ReadPath(ByteReader& body);
  // The write-back of one client operation: WriteBucket for every bucket, atomically.
  Result<Bytes> WriteBuckets(ByteReader& body);
};

}  // namespace sselab::sse::orion

#endif  // SSELAB_SSE_ORION_ORION_SERVER_H_
