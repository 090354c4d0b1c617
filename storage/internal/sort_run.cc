#include "storage/internal/sort_run.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace sselab::storage::internal {
namespace fs = std::filesystem;
namespace {

constexpr size_t kPlainBuffer = 1 << 20;  // a plain run's write buffer
constexpr size_t kMaxVarint = 10;
constexpr uint32_t kLastFrame = 1U << 31;
constexpr size_t kAdBytes = 8 + 8 + 4;

size_t PutVarint(uint64_t v, uint8_t* p) {
  size_t n = 0;
  while (v >= 0x80) {
    p[n++] = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<uint8_t>(v);
  return n;
}

void PutBe(uint64_t v, size_t bytes, uint8_t* p) {
  for (size_t i = 0; i < bytes; ++i) p[i] = static_cast<uint8_t>(v >> (8 * (bytes - 1 - i)));
}

std::array<uint8_t, kAdBytes> FrameAd(uint64_t run, uint64_t frame, uint32_t word) {
  std::array<uint8_t, kAdBytes> ad;
  PutBe(run, 8, ad.data());
  PutBe(frame, 8, ad.data() + 8);
  PutBe(word, 4, ad.data() + 16);
  return ad;
}

Result<std::unique_ptr<crypto::Aead>> MakeAead(const crypto::SecretKey* key) {
  if (key == nullptr) return std::unique_ptr<crypto::Aead>();
  SSELAB_ASSIGN_OR_RETURN(crypto::Aead aead, crypto::Aead::Create(*key));
  return std::make_unique<crypto::Aead>(std::move(aead));
}

std::string Errno() { return std::strerror(errno); }

}  // namespace

Result<std::unique_ptr<RunWriter>> RunWriter::Create(const fs::path& path, uint64_t run_id,
                                                     const crypto::SecretKey* key) {
  SSELAB_ASSIGN_OR_RETURN(auto aead, MakeAead(key));
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create sort run " + path.string() + ": " + Errno());
  FILE* f = ::fdopen(fd, "wb");
  if (f == nullptr) {
    ::close(fd);
    return IoError("cannot open sort run " + path.string() + ": " + Errno());
  }
  return std::unique_ptr<RunWriter>(new RunWriter(path, f, run_id, std::move(aead)));
}

RunWriter::RunWriter(fs::path path, FILE* f, uint64_t run_id, std::unique_ptr<crypto::Aead> aead)
    : path_(std::move(path)),
      file_(f),
      run_id_(run_id),
      aead_(std::move(aead)),
      buf_(aead_ ? kFrameBytes : kPlainBuffer) {}

RunWriter::~RunWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status RunWriter::Close() {
  Drain(/*last=*/true);
  ok_ = (std::fclose(file_) == 0) && ok_;
  file_ = nullptr;
  if (!ok_) return IoError("cannot write sort run " + path_.string() + " (disk full?)");
  return OkStatus();
}

void RunWriter::Field(ByteView b) {
  if (used_ + kMaxVarint > buf_.size()) Drain();
  used_ += PutVarint(b.size(), buf_.data() + used_);
  if (used_ + b.size() > buf_.size()) {
    Drain();
    if (b.size() > buf_.size()) {
      if (aead_ == nullptr) {  // a large value goes straight to a plain run
        ok_ = ok_ && std::fwrite(b.data(), 1, b.size(), file_) == b.size();
        return;
      }
      while (b.size() > buf_.size() - used_) {  // or through as many frames as it fills
        const size_t n = buf_.size() - used_;
        std::memcpy(buf_.data() + used_, b.data(), n);
        used_ += n;
        b = b.subspan(n);
        Drain();
      }
    }
  }
  if (!b.empty()) std::memcpy(buf_.data() + used_, b.data(), b.size());
  used_ += b.size();
}

void RunWriter::Drain(bool last) {
  if (aead_ == nullptr) {
    ok_ = ok_ && std::fwrite(buf_.data(), 1, used_, file_) == used_;
    used_ = 0;
    return;
  }
  if (used_ == 0 && !last) return;
  const uint32_t word =
      (last ? kLastFrame : 0) | static_cast<uint32_t>(used_ + crypto::Aead::kOverhead);
  const auto ad = FrameAd(run_id_, frame_++, word);
  Bytes sealed = aead_->Seal(ByteView(buf_.data(), used_), ad);
  uint8_t header[4];
  PutBe(word, 4, header);
  ok_ = ok_ && std::fwrite(header, 1, 4, file_) == 4;
  ok_ = ok_ && std::fwrite(sealed.data(), 1, sealed.size(), file_) == sealed.size();
  used_ = 0;
}

Result<std::unique_ptr<RunReader>> RunReader::Open(const fs::path& path, uint64_t run_id,
                                                   const crypto::SecretKey* key,
                                                   size_t buffer_bytes) {
  SSELAB_ASSIGN_OR_RETURN(auto aead, MakeAead(key));
  FILE* f = std::fopen(path.c_str(), "rbe");
  if (f == nullptr) return IoError("cannot open sort run " + path.string() + ": " + Errno());
  if (aead != nullptr) buffer_bytes = kFrameBytes + kMaxVarint;
  return std::unique_ptr<RunReader>(new RunReader(path, f, run_id, std::move(aead), buffer_bytes));
}

RunReader::RunReader(fs::path path, FILE* f, uint64_t run_id, std::unique_ptr<crypto::Aead> aead,
                     size_t buffer_bytes)
    : path_(std::move(path)),
      file_(f),
      run_id_(run_id),
      aead_(std::move(aead)),
      buf_(buffer_bytes) {
  std::setvbuf(file_, nullptr, _IONBF, 0);  // buf_ (or sealed_) is the buffer
}

RunReader::~RunReader() { std::fclose(file_); }

Result<bool> RunReader::Next(Entry& out) {
  if (pos_ == end_) {
    SSELAB_ASSIGN_OR_RETURN(bool more, Refill());
    if (!more) return false;
  }
  SSELAB_RETURN_IF_ERROR(ReadField(out.key));
  SSELAB_RETURN_IF_ERROR(ReadField(out.value));
  return true;
}

Result<bool> RunReader::Refill() {
  std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
  end_ -= pos_;
  pos_ = 0;
  if (aead_ != nullptr) return RefillSealed();
  size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_);
  end_ += n;
  return n > 0;
}

Result<bool> RunReader::RefillSealed() {
  while (!last_seen_) {
    uint8_t header[4];
    const size_t got = std::fread(header, 1, 4, file_);
    if (got != 4) return Damaged(got == 0 ? "truncated (no final frame)" : "truncated");
    uint32_t word = 0;
    for (uint8_t b : header) word = (word << 8) | b;
    const size_t size = word & ~kLastFrame;
    if (size < crypto::Aead::kOverhead || size > kFrameBytes + crypto::Aead::kOverhead) {
      return Damaged("damaged (bad frame size)");
    }
    sealed_.resize(size);
    if (std::fread(sealed_.data(), 1, size, file_) != size) return Damaged("truncated");
    auto plain = aead_->Open(sealed_, FrameAd(run_id_, frame_++, word));
    if (!plain.ok()) return Damaged("damaged (a frame fails authentication)");
    last_seen_ = (word & kLastFrame) != 0;
    if (plain->empty()) continue;
    if (buf_.size() < end_ + plain->size()) buf_.resize(end_ + plain->size());
    std::memcpy(buf_.data() + end_, plain->data(), plain->size());
    end_ += plain->size();
    return true;
  }
  if (std::fgetc(file_) != EOF) return Damaged("damaged (bytes after the final frame)");
  return false;
}

Error RunReader::Damaged(std::string_view what) const {
  return CorruptionError("sort run " + path_.string() + " is " + std::string(what));
}

Status RunReader::ReadField(Bytes& out) {
  uint64_t len = 0;
  for (int shift = 0;; shift += 7) {
    if (pos_ == end_) {
      SSELAB_ASSIGN_OR_RETURN(bool more, Refill());
      if (!more) return Damaged("damaged");
    }
    if (shift > 63) return Damaged("damaged");
    uint8_t c = buf_[pos_++];
    len |= static_cast<uint64_t>(c & 0x7F) << shift;
    if ((c & 0x80) == 0) break;
  }
  out.resize(len);
  size_t done = 0;
  while (done < len) {
    if (pos_ == end_) {
      SSELAB_ASSIGN_OR_RETURN(bool more, Refill());
      if (!more) return Damaged("truncated");
    }
    size_t n = std::min<size_t>(len - done, end_ - pos_);
    std::memcpy(out.data() + done, buf_.data() + pos_, n);
    pos_ += n;
    done += n;
  }
  return OkStatus();
}

}  // namespace sselab::storage::internal
