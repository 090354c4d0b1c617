// Client of the blind index: derives tokens and tags, seals entries, filters false
// positives and keeps padded buckets padded. It holds no state beyond its keys.
#ifndef SSELAB_INDEX_BLIND_BLIND_CLIENT_H_
#define SSELAB_INDEX_BLIND_BLIND_CLIENT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/secret_key.h"
#include "index/blind/blind_options.h"
#include "index/channel.h"
#include "index/client.h"

namespace sselab::index::blind {

class BlindClient : public Client {
 public:
  // `master` is the index's master key. kInvalidArgument for a token length outside
  // [kMinBits, kMaxBits].
  static Result<std::unique_ptr<Client>> Create(const crypto::SecretKey& master,
                                                BlindOptions options, Channel& channel);

  // Build also warns (BuildStats::warnings) about each field whose token length leaves
  // more than kMaxAloneShare of its keywords expected alone in their bucket: at rest,
  // those keywords' frequencies are in plain view.

  Result<BuildStats> Build(DocumentSource& corpus, const ProgressFn& progress) override;
  Result<std::vector<DocId>> Search(std::string_view keyword) override;
  // Insert with pad=none is one Update message (an entry added blindly; a repeated pair
  // leaves a duplicate entry, which Search and Remove treat as one). With padding it
  // first fetches the bucket, and replaces a dummy or grows the bucket to its next
  // padded size.
  Status Insert(std::string_view keyword, DocId id) override;
  // Fetches the bucket, then erases every entry of (keyword, id); with padding each is
  // replaced by a fresh dummy so the bucket keeps its size. Sends nothing if absent.
  Status Remove(std::string_view keyword, DocId id) override;
  // A batch: the pairs grouped by bucket, each bucket fetched once (with padding, or to
  // remove) and changed by one Update message, as the single-pair operations above do.
  Status Update(UpdateKind kind, std::span<const Document> docs) override;

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

  struct FieldKeys {
    crypto::SecretKey tag_key;  // K_f
    Bytes field_id;             // kFieldIdSize bytes
    int bits;                   // L_f
  };
  struct Token {
    std::string_view field;  // of the keyword it was made from
    crypto::Digest256 tag;
    Bytes token;
  };

  BlindClient(crypto::SecretKey root, crypto::Aead aead, BlindOptions options, Channel& channel)
      : root_(std::move(root)),
        aead_(std::move(aead)),
        options_(std::move(options)),
        channel_(channel) {}

  // The keys of `field`, derived on first use.
  const FieldKeys& KeysFor(std::string_view field);
  // The full tag and the token of `keyword` (split into field and word by SplitField).
  Token TokenOf(std::string_view keyword);
  // Warnings for fields whose L leaves many keywords alone; `keywords` is R per field.
  std::vector<std::string> FrequencyWarnings(
      const std::map<std::string, uint64_t, std::less<>>& keywords) const;
  Bytes SealEntry(ByteView token, uint8_t kind, const crypto::Digest256& tag, DocId id) const;
  Put RealEntry(ByteView token, const crypto::Digest256& tag, DocId id) const;
  Put DummyEntry(ByteView token) const;
  // Every entry under `token`, decrypted. kCorruption for a malformed reply or an entry
  // that fails authentication.
  Result<std::vector<Opened>> FetchBucket(ByteView token);
  // The changes of one bucket: adds (or removes) `pairs` (tag, id) of keywords of `token`.
  Status UpdateBucket(UpdateKind kind, const Bytes& token,
                      const std::vector<std::pair<crypto::Digest256, DocId>>& pairs);
  Status SendUpdate(ByteView token, const std::vector<Bytes>& erase, const std::vector<Put>& put);

  crypto::SecretKey root_;  // derives every field's K_f and K_id
  crypto::Aead aead_;
  BlindOptions options_;
  Channel& channel_;
  std::map<std::string, FieldKeys, std::less<>> fields_;
};

}  // namespace sselab::index::blind

#endif  // SSELAB_INDEX_BLIND_BLIND_CLIENT_H_
