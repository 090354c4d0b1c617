// Server and Channel: the two-party boundary.
//
// A client talks to its server only by sending request bytes over a Channel and reading
// reply bytes. In-process, LocalChannel hands the bytes to the Server object; a network
// channel would carry the same bytes. RecordingChannel keeps a copy of every message:
// together with storage::RecordingStore it is the server's whole view.
#ifndef SSELAB_INDEX_CHANNEL_H_
#define SSELAB_INDEX_CHANNEL_H_

#include <mutex>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace sselab::index {

// How a request touches the server's store.
enum class Access {
  kRead,   // reads only: may run concurrently with other kRead requests
  kWrite,  // changes the store (an update, or a scheme whose search writes, like Orion's)
  kSetup,  // the setup protocol (setup_protocol.h): the build's upload
};

// What a request tells the server about the client operation it serves, read from the
// request alone (the scheme's message formats are public). The server-side recorder
// (leakage/server_recorder.h) labels operations with it, so a remote transcript claims
// no more than the server can tell.
enum class Purpose : uint8_t {
  kSetup,
  kSearch,
  kAdd,
  kRemove,
  kUpdate,   // an add or a remove: the request does not say which (Mitra)
  kUnknown,  // a search or an update: the request does not say which (Orion's ORAM paths)
};

// The server half of a scheme: owns the encrypted index (in a storage::Store) and answers
// requests. Handle() must reject malformed or truncated requests with kCorruption and
// leave the store unchanged when it does.
//
// Thread safety: Handle() of requests whose AccessOf() is kRead may run concurrently with
// each other; any other request must run alone (net::IndexHost holds a reader-writer lock
// per index for this).
class Server {
 public:
  virtual ~Server() = default;
  virtual Result<Bytes> Handle(ByteView request) = 0;
  // From the request's header alone. kWrite unless the server knows better, and for a
  // header too short to tell (Handle refuses those).
  virtual Access AccessOf(ByteView request) const;
  // kUnknown unless the server knows better.
  virtual Purpose PurposeOf(ByteView request) const;
};

class Channel {
 public:
  virtual ~Channel() = default;
  // Sends `request`, returns the reply. Errors the server returned arrive here as the
  // same Error (code and message).
  virtual Result<Bytes> Call(ByteView request) = 0;
};

// Calls a Server in the same process. The server's errors travel encoded as a reply
// frame (see message.h) exactly as they would over a wire, so both paths are the same.
class LocalChannel : public Channel {
 public:
  // `server` must outlive the channel.
  explicit LocalChannel(Server& server) : server_(server) {}
  Result<Bytes> Call(ByteView request) override;

 private:
  Server& server_;
};

struct RecordedMessage {
  Bytes request;
  Bytes reply;  // the reply frame as sent (status byte + body)
};

// Forwards to `inner` and records every request and reply frame, in order.
class RecordingChannel : public Channel {
 public:
  explicit RecordingChannel(Channel& inner) : inner_(inner) {}
  Result<Bytes> Call(ByteView request) override;
  std::vector<RecordedMessage> Messages() const;
  std::vector<RecordedMessage> TakeMessages();

 private:
  Channel& inner_;
  mutable std::mutex mu_;
  std::vector<RecordedMessage> messages_;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_CHANNEL_H_
