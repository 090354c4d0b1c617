// OperationScope: which client operation a request belongs to.
//
// A scheme's client may send several requests for one operation (a search fetched in
// pages, an update that reads before it writes). EncryptedIndex opens a scope around each
// operation; a network channel (net/remote.h) sends the scope's number with each request,
// so that a recording server (leakage/server_recorder.h) groups its transcript into the
// same operations as the in-process lab. The number tells the server which requests
// belong together, which their timing on the wire already tells it, and nothing else: it
// is a fresh random-based count, neither a keyword's nor the operation's kind.
//
// Thread safety: a scope belongs to the thread that opened it; operations on several
// threads get distinct numbers.
#ifndef SSELAB_INDEX_OPERATION_H_
#define SSELAB_INDEX_OPERATION_H_

#include <cstdint>

namespace sselab::index {

class OperationScope {
 public:
  // Opens a new operation on this thread, unless one is open already (then this scope is
  // part of it).
  OperationScope();
  ~OperationScope();
  OperationScope(const OperationScope&) = delete;
  OperationScope& operator=(const OperationScope&) = delete;

  // The open operation's number on this thread; 0 when none is open.
  static uint64_t Current();

 private:
  bool outermost_;
};

}  // namespace sselab::index

#endif  // SSELAB_INDEX_OPERATION_H_
