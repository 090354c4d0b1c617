// Client: the party that holds keys and client state and drives the protocol.
#ifndef SSELAB_INDEX_CLIENT_H_
#define SSELAB_INDEX_CLIENT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "index/document.h"

namespace sselab::index {

// Reports progress of long operations: a stage name and how many units are done.
using ProgressFn = std::function<void(std::string_view stage, uint64_t done)>;

struct BuildStats {
  uint64_t documents = 0;
  uint64_t keywords = 0;  // distinct
  uint64_t pairs = 0;     // (keyword, document) pairs
  // Things the user should know about the index just built (e.g. a parameter that
  // exposes more than intended); printed by `sselab index create`, not stored.
  std::vector<std::string> warnings;
};

class Client {
 public:
  virtual ~Client() = default;

  // Builds the encrypted index from `corpus` and uploads it to the server. Called once,
  // on a fresh server. `progress` may be empty.
  virtual Result<BuildStats> Build(DocumentSource& corpus, const ProgressFn& progress) = 0;

  // Ids of the documents containing `keyword`, ascending, without duplicates.
  // kInvalidArgument for an empty or overlong keyword.
  virtual Result<std::vector<DocId>> Search(std::string_view keyword) = 0;

  // Dynamic schemes only (kUnsupported otherwise). Inserting a present pair and removing
  // an absent one are no-ops.
  virtual Status Insert(std::string_view keyword, DocId id);
  virtual Status Remove(std::string_view keyword, DocId id);
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_CLIENT_H_
