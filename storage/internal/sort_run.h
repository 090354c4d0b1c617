// The run files of ExternalSorter: sorted records, written once and read back once.
//
// A run is the stream varint klen | key | varint vlen | value, repeated. A plain run is
// that stream as it is. A sealed run (a key is given) is a sequence of frames
//   BE32 word | nonce (12) | ciphertext | tag (16),   word = last << 31 | sealed size
// each sealing at most kFrameBytes of the stream with AES-256-GCM (crypto::Aead), with
// associated data BE64 run id | BE64 frame number | BE32 word: frames cannot be reordered,
// moved between runs or dropped, and the last frame says the run is complete.
//
// Files are created with O_EXCL and mode 0600, whatever the umask. Not thread-safe: one
// writer or reader per thread; different runs may be handled on different threads.
#ifndef SSELAB_STORAGE_INTERNAL_SORT_RUN_H_
#define SSELAB_STORAGE_INTERNAL_SORT_RUN_H_

#include <cstdio>
#include <filesystem>
#include <memory>

#include "base/bytes.h"
#include "base/result.h"
#include "crypto/aead.h"
#include "crypto/secret_key.h"
#include "storage/store.h"

namespace sselab::storage::internal {

// Plaintext bytes of the stream sealed per frame.
inline constexpr size_t kFrameBytes = 64 << 10;

class RunWriter {
 public:
  // `key` null: a plain run; else a sealed run under `key` (which outlives the writer).
  // kIoError naming `path` if it cannot be created (it must not exist).
  static Result<std::unique_ptr<RunWriter>> Create(const std::filesystem::path& path,
                                                   uint64_t run_id, const crypto::SecretKey* key);
  ~RunWriter();
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  void Add(ByteView key, ByteView value) {
    Field(key);
    Field(value);
  }
  // Writes what is buffered (and the last frame) and closes the file. kIoError naming the
  // path if any write failed.
  Status Close();

 private:
  RunWriter(std::filesystem::path path, FILE* f, uint64_t run_id,
            std::unique_ptr<crypto::Aead> aead);
  void Field(ByteView b);
  // Writes buf_[0, used_): as it is, or as one frame (`last` marks the final one).
  void Drain(bool last = false);

  std::filesystem::path path_;
  FILE* file_;
  uint64_t run_id_;
  std::unique_ptr<crypto::Aead> aead_;  // null for a plain run
  uint64_t frame_ = 0;
  Bytes buf_;
  size_t used_ = 0;
  bool ok_ = true;
};

class RunReader {
 public:
  // `buffer_bytes` of read buffer for a plain run (a sealed run reads a frame at a time).
  // `key` must be the writer's (null for a plain run) and outlive the reader.
  static Result<std::unique_ptr<RunReader>> Open(const std::filesystem::path& path, uint64_t run_id,
                                                 const crypto::SecretKey* key, size_t buffer_bytes);
  ~RunReader();
  RunReader(const RunReader&) = delete;
  RunReader& operator=(const RunReader&) = delete;

  // False at the end of the run. Reuses the capacity of `out`'s vectors. kCorruption
  // naming the file if it is damaged, truncated or (sealed) fails authentication.
  Result<bool> Next(Entry& out);

 private:
  RunReader(std::filesystem::path path, FILE* f, uint64_t run_id,
            std::unique_ptr<crypto::Aead> aead, size_t buffer_bytes);
  // Moves the unread tail to the front and reads more; false if nothing more came.
  Result<bool> Refill();
  Result<bool> RefillSealed();
  Status ReadField(Bytes& out);
  Error Damaged(std::string_view what) const;

  std::filesystem::path path_;
  FILE* file_;
  uint64_t run_id_;
  std::unique_ptr<crypto::Aead> aead_;
  uint64_t frame_ = 0;
  bool last_seen_ = false;
  Bytes sealed_;  // one frame as read from the file
  Bytes buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
};

}  // namespace sselab::storage::internal

#endif  // SSELAB_STORAGE_INTERNAL_SORT_RUN_H_
