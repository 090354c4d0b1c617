// Client of the blind index: derives tokens and tags, seals entries, filters false
// positives and keeps padded buckets padded. It holds no state beyond its keys.
#ifndef SSELAB_INDEX_BLIND_BLIND_CLIENT_H_
#define SSELAB_INDEX_BLIND_BLIND_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/secret_key.h"
#include "index/channel.h"
#include "index/client.h"

namespace sselab::index::blind {

// Volume padding of the buckets at rest.
//   kNone:   a bucket holds exactly its real entries.
//   kPow2:   dummies fill each non-empty bucket up to the next power of two.
enum class Pad { kNone, kPow2 };

// The number of entries a bucket of `real` real entries holds at rest under `pad`.
uint64_t PaddedCount(Pad pad, uint64_t real);

class BlindClient : public Client {
 public:
  // `master` is the index's master key; `bits` is L, in [kMinBits, kMaxBits]
  // (kInvalidArgument otherwise). The unfielded index uses field key "blind/field/".
  static Result<std::unique_ptr<Client>> Create(const crypto::SecretKey& master, int bits, Pad pad,
                                                Channel& channel);

  Result<BuildStats> Build(DocumentSource& corpus, const ProgressFn& progress) override;
  Result<std::vector<DocId>> Search(std::string_view keyword) override;
  // Insert with pad=none is one Update message (an entry added blindly; a repeated pair
  // leaves a duplicate entry, which Search and Remove treat as one). With pad=pow2 it
  // first fetches the bucket, and replaces a dummy or doubles the bucket.
  Status Insert(std::string_view keyword, DocId id) override;
  // Fetches the bucket, then erases every entry of (keyword, id); with pad=pow2 each is
  // replaced by a fresh dummy so the bucket keeps its size. Sends nothing if absent.
  Status Remove(std::string_view keyword, DocId id) override;

 private:
  struct Opened {  // one entry of a bucket, decrypted
    Bytes rid;
    uint8_t kind;
    crypto::Digest256 tag;
    DocId id;
  };
  struct Put {
    Bytes rid;
    Bytes sealed;
  };

  BlindClient(crypto::SecretKey field_key, crypto::Aead aead, int bits, Pad pad, Channel& channel)
      : field_key_(std::move(field_key)),
        aead_(std::move(aead)),
        bits_(bits),
        pad_(pad),
        channel_(channel) {}

  crypto::Digest256 Tag(std::string_view keyword) const;
  Bytes SealEntry(ByteView token, uint8_t kind, const crypto::Digest256& tag, DocId id) const;
  Put RealEntry(ByteView token, const crypto::Digest256& tag, DocId id) const;
  Put DummyEntry(ByteView token) const;
  // Every entry under `token`, decrypted. kCorruption for a malformed reply or an entry
  // that fails authentication.
  Result<std::vector<Opened>> FetchBucket(ByteView token);
  Status SendUpdate(ByteView token, const std::vector<Bytes>& erase, const std::vector<Put>& put);

  crypto::SecretKey field_key_;
  crypto::Aead aead_;
  int bits_;
  Pad pad_;
  Channel& channel_;
};

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_BLIND_CLIENT_H_
