// RemoteServer: an index whose server half lives in another process.
//
// EncryptedIndex keeps the server's store under DIR/server by default. Given a
// RemoteServer (CreateOptions::remote, OpenOptions::remote) it keeps only DIR/client and
// talks to the server through the channels the RemoteServer opens; the scheme's client is
// the same code either way. net::ConnectRemote (net/remote.h) is the implementation for
// `sselab serve`; this interface keeps index/ free of any network code.
#ifndef SSELAB_INDEX_REMOTE_SERVER_H_
#define SSELAB_INDEX_REMOTE_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "index/channel.h"
#include "index/params.h"

namespace sselab::index {

// Thread safety: implementations are safe to call from several threads; a channel they
// return is as safe as its Call (net's is).
class RemoteServer {
 public:
  virtual ~RemoteServer() = default;

  // Creates the index's (empty) server half for `scheme` with `params`. kAlreadyExists if
  // the server holds an index of that name, kPermissionDenied without the admin grant.
  virtual Status CreateIndex(std::string_view scheme, const Params& params) = 0;
  // Checks that the server holds the index and that it is a `scheme` index (kNotFound,
  // kCorruption otherwise).
  virtual Status CheckIndex(std::string_view scheme) = 0;
  // Removes the index from the server (a failed build's cleanup).
  virtual Status DropIndex() = 0;
  // A channel to the index's server half; carries a scheme's messages unchanged.
  virtual Result<std::unique_ptr<Channel>> NewChannel() = 0;
  // Makes every acknowledged change durable on the server.
  virtual Status Flush() = 0;
  // What the server's store occupies on its disk.
  virtual Result<uint64_t> ServerBytes() = 0;
  // "server HOST:PORT, index NAME": for messages.
  virtual std::string Where() const = 0;
  // What a later process needs to reach the index again (no secret: file paths and
  // names), kept by EncryptedIndex in DIR/client/remote.json.
  virtual std::string ConfigJson() const = 0;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_REMOTE_SERVER_H_
