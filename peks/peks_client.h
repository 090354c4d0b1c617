// Client of the PEKS schemes, split into its two roles so the code shows who needs what:
//   PeksSender    makes entries (tag || id box). Built from public material only: the
//                 receiver's public keys (and, for PAEKS, the sender's own key). Build
//                 and Insert use nothing else.
//   PeksReceiver  holds the receiver's secrets: makes trapdoors, opens id boxes.
// PeksClient drives the protocol (peks_messages.h) with one of each.
#ifndef SSELAB_PEKS_PEKS_CLIENT_H_
#define SSELAB_PEKS_PEKS_CLIENT_H_

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "crypto/pairing/fr.h"
#include "crypto/pairing/g1.h"
#include "index/channel.h"
#include "index/client.h"
#include "peks/keyword_pke.h"

namespace sselab::peks {

struct Entry {
  Bytes rid;
  Bytes value;  // tag || id box
};

class PeksSender {
 public:
  // `context` separates the schemes' id boxes (the scheme name); `box_recipient` is the
  // receiver's id-box public key.
  PeksSender(std::string context, std::unique_ptr<TagEncryptor> tags,
             const crypto::pairing::G1& box_recipient)
      : context_(std::move(context)), tags_(std::move(tags)), box_recipient_(box_recipient) {}

  // One entry per id, each with a fresh random rid, tag and id box. Spread over the
  // hardware threads for long lists.
  Result<std::vector<Entry>> Entries(std::string_view keyword,
                                     std::span<const index::DocId> ids) const;

 private:
  std::string context_;
  std::unique_ptr<TagEncryptor> tags_;
  crypto::pairing::G1 box_recipient_;
};

class PeksReceiver {
 public:
  PeksReceiver(std::string context, std::unique_ptr<TrapdoorGenerator> trapdoors,
               const crypto::pairing::Fr& box_secret)
      : context_(std::move(context)), trapdoors_(std::move(trapdoors)), box_secret_(box_secret) {}

  Result<Bytes> Trapdoor(std::string_view keyword) const { return trapdoors_->Trapdoor(keyword); }
  Result<index::DocId> OpenId(std::string_view keyword, ByteView box) const;

 private:
  std::string context_;
  std::unique_ptr<TrapdoorGenerator> trapdoors_;
  crypto::pairing::Fr box_secret_;
};

class PeksClient : public index::Client {
 public:
  PeksClient(PeksSender sender, PeksReceiver receiver, index::Channel& channel)
      : sender_(std::move(sender)), receiver_(std::move(receiver)), channel_(channel) {}

  Result<index::BuildStats> Build(index::DocumentSource& corpus,
                                  const index::ProgressFn& progress) override;
  // Sends the trapdoor; opens the id box of every entry the server says matched. A box
  // that does not open under the keyword is kCorruption (the server lied or the store is
  // damaged).
  Result<std::vector<index::DocId>> Search(std::string_view keyword) override;
  // One Insert message made by the sender role alone. Inserting a present pair adds a
  // second entry; Search returns the id once.
  Status Insert(std::string_view keyword, index::DocId id) override;

 private:
  PeksSender sender_;
  PeksReceiver receiver_;
  index::Channel& channel_;
};

}  // namespace sselab::peks

#endif  // SSELAB_PEKS_PEKS_CLIENT_H_
