// The algorithms of a public-key searchable encryption scheme, split by who runs them.
//
// A PEKS-style scheme (BDOP'04, HL'17, ...) is three objects plus a server description:
//   TagEncryptor       the sender: turns a keyword into searchable tags. It is built from
//                      public material only (for PAEKS: plus the sender's own key), never
//                      from the receiver's secret.
//   TrapdoorGenerator  the receiver: turns a keyword into a trapdoor (its secret key).
//   ServerAlgorithms   the server: checks tag encodings and prepares a received trapdoor
//                      into a TagTester that tests stored tags.
// The generic client and server (peks_client.h, peks_server.h) only move these bytes.
#ifndef SSELAB_PEKS_KEYWORD_PKE_H_
#define SSELAB_PEKS_KEYWORD_PKE_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace sselab::peks {

class TagEncryptor {
 public:
  virtual ~TagEncryptor() = default;
  // `count` fresh tags of `keyword`, randomized. Whether tags of one keyword are unlinkable
  // without a trapdoor (multi-ciphertext indistinguishability) is the scheme's property,
  // not this interface's: HL'17's are linkable with the receiver's public key
  // (papers/hl17.md); the lab checks it (leakage/attacks/tag_linking.h). Work that depends
  // only on the keyword is done once for all of them.
  virtual Result<std::vector<Bytes>> EncryptTags(std::string_view keyword, size_t count) const = 0;
};

class TrapdoorGenerator {
 public:
  virtual ~TrapdoorGenerator() = default;
  // The trapdoor of `keyword`: ServerAlgorithms::trapdoor_size bytes.
  virtual Result<Bytes> Trapdoor(std::string_view keyword) const = 0;
};

// One received trapdoor, prepared for testing many tags. Thread-safe after construction.
class TagTester {
 public:
  virtual ~TagTester() = default;
  // True iff `tag` encrypts the trapdoor's keyword (up to negligible error). kCorruption
  // for a tag of the wrong size or with a point that is not canonical, not on the curve
  // or not in the subgroup.
  virtual Result<bool> Matches(ByteView tag) const = 0;
};

struct ServerAlgorithms {
  std::string name;  // for errors, e.g. "peks-bdop04"
  size_t tag_size = 0;
  size_t trapdoor_size = 0;
  // kCorruption unless `tag` is a well-formed tag (size and group elements).
  std::function<Status(ByteView tag)> validate_tag;
  // kCorruption unless `trapdoor` is a well-formed trapdoor.
  std::function<Result<std::unique_ptr<TagTester>>(ByteView trapdoor)> prepare_trapdoor;
};

}  // namespace sselab::peks

#endif  // SSELAB_PEKS_KEYWORD_PKE_H_
