#include "storage/external_sorter.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <queue>
#include <random>
#include <thread>

namespace sselab::storage {
namespace fs = std::filesystem;
namespace {

// Accounted per buffered record besides its bytes: the Record itself and as much again
// for the slack of the records vector's geometric growth.
constexpr uint64_t kRecordOverhead = 64;
constexpr size_t kChunkBytes = 1 << 20;  // arena chunk; larger records get their own
constexpr size_t kIoBuffer = 1 << 20;
constexpr size_t kMergeBuffers = 8 << 20;    // read buffers of one merge, in total
constexpr size_t kMinReadBuffer = 64 << 10;  // a floor: kMaxFanIn runs take 4 MiB
constexpr size_t kMaxVarint = 10;
// Sorted records point all over the arena; reading ahead hides most cache misses.
constexpr size_t kPrefetchAhead = 16;

constexpr size_t kMaxFanIn = 64;
// Buffers of at least this many records are sorted on two threads.
constexpr size_t kParallelSortRecords = 1 << 16;  // runs merged at once (open files, read buffers)

// Bytes [from, from + 8) of `key` as a big-endian integer, zero-padded past the end.
uint64_t KeyWord(ByteView key, size_t from) {
  uint8_t b[8] = {};
  if (key.size() > from) std::memcpy(b, key.data() + from, std::min<size_t>(8, key.size() - from));
  uint64_t v = 0;
  for (uint8_t x : b) v = (v << 8) | x;
  return v;
}

size_t PutVarint(uint64_t v, uint8_t* p) {
  size_t n = 0;
  while (v >= 0x80) {
    p[n++] = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  p[n++] = static_cast<uint8_t>(v);
  return n;
}

// Writes one run file: varint klen | key | varint vlen | value, repeated.
class RunWriter {
 public:
  static Result<std::unique_ptr<RunWriter>> Create(const fs::path& path) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return IoError("cannot create sort run " + path.string());
    return std::unique_ptr<RunWriter>(new RunWriter(path, f));
  }
  ~RunWriter() {
    if (file_ != nullptr) std::fclose(file_);
  }
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  void Add(ByteView key, ByteView value) {
    Field(key);
    Field(value);
  }
  Status Close() {
    Drain();
    ok_ = (std::fclose(file_) == 0) && ok_;
    file_ = nullptr;
    if (!ok_) return IoError("cannot write sort run " + path_.string() + " (disk full?)");
    return OkStatus();
  }

 private:
  RunWriter(fs::path path, FILE* f) : path_(std::move(path)), file_(f), buf_(kIoBuffer) {}
  void Field(ByteView b) {
    if (used_ + kMaxVarint > buf_.size()) Drain();
    used_ += PutVarint(b.size(), buf_.data() + used_);
    if (used_ + b.size() > buf_.size()) {
      Drain();
      if (b.size() > buf_.size()) {  // a large value goes straight to the file
        ok_ = ok_ && std::fwrite(b.data(), 1, b.size(), file_) == b.size();
        return;
      }
    }
    if (!b.empty()) std::memcpy(buf_.data() + used_, b.data(), b.size());
    used_ += b.size();
  }
  void Drain() {
    ok_ = ok_ && std::fwrite(buf_.data(), 1, used_, file_) == used_;
    used_ = 0;
  }
  fs::path path_;
  FILE* file_;
  Bytes buf_;
  size_t used_ = 0;
  bool ok_ = true;
};

// Reads one run file: varint klen | key | varint vlen | value, repeated.
class RunReader {
 public:
  static Result<std::unique_ptr<RunReader>> Open(const fs::path& path, size_t buffer_bytes) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return IoError("cannot open sort run " + path.string());
    return std::unique_ptr<RunReader>(new RunReader(path, f, buffer_bytes));
  }
  ~RunReader() { std::fclose(file_); }
  RunReader(const RunReader&) = delete;
  RunReader& operator=(const RunReader&) = delete;

  // False at the end of the run. Reuses the capacity of `out`'s vectors.
  Result<bool> Next(Entry& out) {
    if (pos_ == end_ && !Refill()) return false;
    SSELAB_RETURN_IF_ERROR(ReadField(out.key));
    SSELAB_RETURN_IF_ERROR(ReadField(out.value));
    return true;
  }

 private:
  RunReader(fs::path path, FILE* f, size_t buffer_bytes)
      : path_(std::move(path)), file_(f), buf_(buffer_bytes) {
    std::setvbuf(file_, nullptr, _IONBF, 0);  // buf_ is the buffer
  }
  // Moves the unread tail to the front and reads more; false if nothing more came.
  bool Refill() {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
    size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_);
    end_ += n;
    return n > 0;
  }
  Status Damaged() const { return CorruptionError("sort run " + path_.string() + " is damaged"); }
  Status ReadField(Bytes& out) {
    uint64_t len = 0;
    for (int shift = 0;; shift += 7) {
      if (pos_ == end_ && !Refill()) return Damaged();
      if (shift > 63) return Damaged();
      uint8_t c = buf_[pos_++];
      len |= static_cast<uint64_t>(c & 0x7F) << shift;
      if ((c & 0x80) == 0) break;
    }
    out.resize(len);
    size_t done = 0;
    while (done < len) {
      if (pos_ == end_ && !Refill()) {
        return CorruptionError("sort run " + path_.string() + " is truncated");
      }
      size_t n = std::min<size_t>(len - done, end_ - pos_);
      std::memcpy(out.data() + done, buf_.data() + pos_, n);
      pos_ += n;
      done += n;
    }
    return OkStatus();
  }
  fs::path path_;
  FILE* file_;
  Bytes buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
};

class MergedSource : public EntrySource {
 public:
  static Result<std::unique_ptr<MergedSource>> Open(const std::vector<fs::path>& runs) {
    std::unique_ptr<MergedSource> m(new MergedSource());
    // The read buffers share a fixed total, so a merge takes the same memory whatever the
    // number of runs (which grows with the input).
    const size_t buffer_bytes =
        std::clamp(kMergeBuffers / std::max<size_t>(1, runs.size()), kMinReadBuffer, kIoBuffer);
    for (const fs::path& p : runs) {
      SSELAB_ASSIGN_OR_RETURN(auto reader, RunReader::Open(p, buffer_bytes));
      m->readers_.push_back(std::move(reader));
      m->heads_.emplace_back();
      SSELAB_RETURN_IF_ERROR(m->Advance(m->readers_.size() - 1));
    }
    return m;
  }

  Result<bool> Next(Entry& out) override {
    if (heap_.empty()) return false;
    size_t i = heap_.top();
    heap_.pop();
    // Swap, not move: the head's next record is read into `out`'s old buffers.
    std::swap(out, heads_[i]);
    SSELAB_RETURN_IF_ERROR(Advance(i));
    return true;
  }

 private:
  // Min-heap on (key, run index): ties resolve to the earlier run, keeping the sort stable.
  struct Greater {
    const MergedSource* m;
    bool operator()(size_t a, size_t b) const {
      if (m->heads_[a].key != m->heads_[b].key) return m->heads_[b].key < m->heads_[a].key;
      return a > b;
    }
  };
  MergedSource() : heap_(Greater{this}) {}
  Status Advance(size_t i) {
    SSELAB_ASSIGN_OR_RETURN(bool more, readers_[i]->Next(heads_[i]));
    if (more) heap_.push(i);
    return OkStatus();
  }

  std::vector<std::unique_ptr<RunReader>> readers_;
  std::vector<Entry> heads_;
  std::priority_queue<size_t, std::vector<size_t>, Greater> heap_;
};

}  // namespace

// The whole input fit in memory: serve the sorted buffer without touching disk, merging
// its two sorted halves (see SortBuffer) on the fly.
class ExternalSorter::BufferSource : public EntrySource {
 public:
  explicit BufferSource(const ExternalSorter& sorter)
      : s_(sorter),
        first_(std::span(sorter.buffer_).first(sorter.split_)),
        second_(std::span(sorter.buffer_).subspan(sorter.split_)) {}
  Result<bool> Next(Entry& out) override {
    bool from_first;
    if (a_ < first_.size() && b_ < second_.size()) {
      from_first = !s_.Less(second_[b_], first_[a_]);
    } else if (a_ < first_.size() || b_ < second_.size()) {
      from_first = a_ < first_.size();
    } else {
      return false;
    }
    std::span<const Record> half = from_first ? first_ : second_;
    size_t& i = from_first ? a_ : b_;
    s_.Prefetch(half, i + kPrefetchAhead);
    const Record& r = half[i++];
    const uint8_t* p = s_.chunks_[r.chunk].data.get() + r.offset;
    out.key.assign(p, p + r.key_size);
    out.value.assign(p + r.key_size, p + r.key_size + r.value_size);
    return true;
  }

 private:
  const ExternalSorter& s_;
  std::span<const Record> first_, second_;
  size_t a_ = 0, b_ = 0;
};

Result<std::unique_ptr<ExternalSorter>> ExternalSorter::Create(
    const ExternalSorterOptions& options) {
  std::unique_ptr<ExternalSorter> s(new ExternalSorter());
  s->options_ = options;
  std::error_code ec;
  fs::path parent = options.temp_parent.empty() ? fs::temp_directory_path(ec) : options.temp_parent;
  std::random_device rd;
  s->dir_ = parent / ("sselab-sort-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(s->dir_, ec);
  if (ec) return IoError("cannot create sort directory " + s->dir_.string() + ": " + ec.message());
  return s;
}

ExternalSorter::~ExternalSorter() {
  merged_.reset();
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

void ExternalSorter::Append(ByteView key, ByteView value) {
  const size_t size = key.size() + value.size();
  if (chunks_.empty() || chunk_used_ + size > chunks_[chunk_].size) {
    // Move on to the next chunk (chunk indices grow with insertion order); a record larger
    // than the next reusable chunk gets a new one of its own size.
    if (!chunks_.empty()) ++chunk_;
    if (chunk_ == chunks_.size() || chunks_[chunk_].size < size) {
      const size_t n = std::max(kChunkBytes, size);
      chunks_.insert(chunks_.begin() + static_cast<long>(chunk_),
                     Chunk{std::make_unique_for_overwrite<uint8_t[]>(n), n});
    }
    chunk_used_ = 0;
  }
  uint8_t* p = chunks_[chunk_].data.get() + chunk_used_;
  if (!key.empty()) std::memcpy(p, key.data(), key.size());
  if (!value.empty()) std::memcpy(p + key.size(), value.data(), value.size());
  buffer_.push_back({{KeyWord(key, 0), KeyWord(key, 8)},
                     static_cast<uint32_t>(chunk_),
                     static_cast<uint32_t>(chunk_used_),
                     static_cast<uint32_t>(key.size()),
                     static_cast<uint32_t>(value.size())});
  chunk_used_ += size;
}

Status ExternalSorter::Add(ByteView key, ByteView value) {
  constexpr size_t kMax = std::numeric_limits<uint32_t>::max();
  if (key.size() >= kMax || value.size() >= kMax) {
    return InvalidArgumentError("ExternalSorter: a key or value of 4 GiB or more");
  }
  Append(key, value);
  buffered_bytes_ += key.size() + value.size() + kRecordOverhead;
  ++records_;
  if (buffered_bytes_ >= options_.memory_budget) return Spill();
  return OkStatus();
}

void ExternalSorter::Prefetch(std::span<const Record> records, size_t i) const {
  if (i < records.size()) {
    __builtin_prefetch(chunks_[records[i].chunk].data.get() + records[i].offset);
  }
}

bool ExternalSorter::Less(const Record& a, const Record& b) const {
  // The prefix decides almost every comparison; the rest of the key and then insertion
  // order (chunk, offset) settle the others, which makes std::sort stable here.
  if (a.prefix[0] != b.prefix[0]) return a.prefix[0] < b.prefix[0];
  if (a.prefix[1] != b.prefix[1]) return a.prefix[1] < b.prefix[1];
  if (a.key_size > 16 && b.key_size > 16) {
    const uint8_t* ka = chunks_[a.chunk].data.get() + a.offset;
    const uint8_t* kb = chunks_[b.chunk].data.get() + b.offset;
    int c = std::memcmp(ka + 16, kb + 16, std::min(a.key_size, b.key_size) - 16);
    if (c != 0) return c < 0;
  }
  // Equal so far: one key is a prefix of the other (zero padding compared equal).
  if (a.key_size != b.key_size) return a.key_size < b.key_size;
  return a.chunk != b.chunk ? a.chunk < b.chunk : a.offset < b.offset;
}

Status ExternalSorter::SortAndWrite(std::span<Record> records, const fs::path& path) const {
  std::sort(records.begin(), records.end(),
            [this](const Record& a, const Record& b) { return Less(a, b); });
  if (path.empty()) return OkStatus();
  SSELAB_ASSIGN_OR_RETURN(auto writer, RunWriter::Create(path));
  for (size_t i = 0; i < records.size(); ++i) {
    Prefetch(records, i + kPrefetchAhead);
    const Record& r = records[i];
    const uint8_t* p = chunks_[r.chunk].data.get() + r.offset;
    writer->Add(ByteView(p, r.key_size), ByteView(p + r.key_size, r.value_size));
  }
  return writer->Close();
}

Status ExternalSorter::SortBuffer(bool write_runs) {
  // A large buffer is sorted (and written) as two halves on two threads: the halves are
  // two runs, or two sorted ranges BufferSource merges. The first half holds the older
  // records, so taking it first on ties keeps the sort stable.
  std::span<Record> all(buffer_);
  const bool split = all.size() >= kParallelSortRecords && std::thread::hardware_concurrency() > 1;
  split_ = split ? all.size() / 2 : all.size();
  std::vector<fs::path> paths;
  for (int i = 0; i < (split ? 2 : 1); ++i) {
    paths.push_back(write_runs ? dir_ / ("run-" + std::to_string(next_run_++)) : fs::path());
  }
  if (!split) {
    SSELAB_RETURN_IF_ERROR(SortAndWrite(all, paths[0]));
  } else {
    Status first = OkStatus();
    std::thread worker([&] { first = SortAndWrite(all.first(split_), paths[0]); });
    Status second = SortAndWrite(all.subspan(split_), paths[1]);
    worker.join();
    SSELAB_RETURN_IF_ERROR(first);
    SSELAB_RETURN_IF_ERROR(second);
  }
  if (write_runs) runs_.insert(runs_.end(), paths.begin(), paths.end());
  return OkStatus();
}

Status ExternalSorter::Spill(bool last) {
  SSELAB_RETURN_IF_ERROR(SortBuffer(/*write_runs=*/true));
  buffered_bytes_ = 0;
  chunk_ = 0;
  chunk_used_ = 0;
  if (last) {
    buffer_ = {};
    chunks_.clear();
  } else {
    buffer_.clear();
    // Keep the standard chunks for the next run; one-off large ones go.
    std::erase_if(chunks_, [](const Chunk& c) { return c.size != kChunkBytes; });
  }
  return OkStatus();
}

Status ExternalSorter::MergeFirstRuns(size_t n) {
  std::vector<fs::path> group(runs_.begin(), runs_.begin() + static_cast<long>(n));
  fs::path path = dir_ / ("run-" + std::to_string(next_run_++));
  {
    SSELAB_ASSIGN_OR_RETURN(auto merged, MergedSource::Open(group));
    SSELAB_ASSIGN_OR_RETURN(auto writer, RunWriter::Create(path));
    Entry e;
    while (true) {
      SSELAB_ASSIGN_OR_RETURN(bool more, merged->Next(e));
      if (!more) break;
      writer->Add(e.key, e.value);
    }
    SSELAB_RETURN_IF_ERROR(writer->Close());
  }
  std::error_code ec;
  for (const fs::path& p : group) fs::remove(p, ec);
  // The merged run holds the oldest records, so it goes first: the sort stays stable.
  runs_.erase(runs_.begin(), runs_.begin() + static_cast<long>(n));
  runs_.insert(runs_.begin(), path);
  return OkStatus();
}

Result<EntrySource*> ExternalSorter::Finish() {
  if (merged_ != nullptr) return FailedPreconditionError("ExternalSorter::Finish called twice");
  if (runs_.empty()) {
    SSELAB_RETURN_IF_ERROR(SortBuffer(/*write_runs=*/false));
    merged_ = std::make_unique<BufferSource>(*this);
    return merged_.get();
  }
  if (!buffer_.empty()) {
    SSELAB_RETURN_IF_ERROR(Spill(/*last=*/true));
  } else {
    buffer_ = {};
    chunks_.clear();
  }
  while (runs_.size() > kMaxFanIn) SSELAB_RETURN_IF_ERROR(MergeFirstRuns(kMaxFanIn));
  SSELAB_ASSIGN_OR_RETURN(merged_, MergedSource::Open(runs_));
  return merged_.get();
}

}  // namespace sselab::storage
