#include "storage/external_sorter.h"

#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <queue>
#include <thread>

#include "crypto/aead.h"
#include "crypto/secret_key.h"
#include "storage/internal/sort_run.h"

namespace sselab::storage {
namespace fs = std::filesystem;
namespace {

// Accounted per buffered record besides its bytes: the Record itself and as much again
// for the slack of the records vector's geometric growth.
constexpr uint64_t kRecordOverhead = 64;
constexpr size_t kChunkBytes = 1 << 20;      // arena chunk; larger records get their own
constexpr size_t kMaxReadBuffer = 1 << 20;   // of one plain run being merged
constexpr size_t kMergeBuffers = 8 << 20;    // read buffers of one merge, in total
constexpr size_t kMinReadBuffer = 64 << 10;  // a floor: kMaxFanIn runs take 4 MiB
// Sorted records point all over the arena; reading ahead hides most cache misses.
constexpr size_t kPrefetchAhead = 16;

constexpr size_t kMaxFanIn = 64;  // runs merged at once (open files, read buffers)
// Buffers of at least this many records are sorted on two threads.
constexpr size_t kParallelSortRecords = 1 << 16;

// Bytes [from, from + 8) of `key` as a big-endian integer, zero-padded past the end.
uint64_t KeyWord(ByteView key, size_t from) {
  uint8_t b[8] = {};
  if (key.size() > from) std::memcpy(b, key.data() + from, std::min<size_t>(8, key.size() - from));
  uint64_t v = 0;
  for (uint8_t x : b) v = (v << 8) | x;
  return v;
}

class MergedSource : public EntrySource {
 public:
  // RunT is ExternalSorter::Run ({path, id}). `key` (null for plain runs) outlives the
  // source.
  template <typename RunT>
  static Result<std::unique_ptr<MergedSource>> Open(std::span<const RunT> runs,
                                                    const crypto::SecretKey* key) {
    std::unique_ptr<MergedSource> m(new MergedSource());
    // The read buffers share a fixed total, so a merge takes the same memory whatever the
    // number of runs (which grows with the input).
    const size_t buffer_bytes = std::clamp(kMergeBuffers / std::max<size_t>(1, runs.size()),
                                           kMinReadBuffer, kMaxReadBuffer);
    for (const RunT& run : runs) {
      SSELAB_ASSIGN_OR_RETURN(auto reader,
                              internal::RunReader::Open(run.path, run.id, key, buffer_bytes));
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

  std::vector<std::unique_ptr<internal::RunReader>> readers_;
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

ExternalSorter::ExternalSorter() = default;

Result<std::unique_ptr<ExternalSorter>> ExternalSorter::Create(
    const ExternalSorterOptions& options) {
  std::unique_ptr<ExternalSorter> s(new ExternalSorter());
  s->options_ = options;
  return s;
}

ExternalSorter::~ExternalSorter() {
  merged_.reset();
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

Status ExternalSorter::MakeSpillDirectory() {
  if (!dir_.empty()) return OkStatus();
  std::error_code ec;
  fs::path parent = options_.spill_parent;
  if (parent.empty()) {
    parent = fs::temp_directory_path(ec);
    if (ec) return IoError("no temp directory for sort spills: " + ec.message());
  } else {
    fs::create_directories(parent, ec);
    if (ec)
      return IoError("cannot create spill directory " + parent.string() + ": " + ec.message());
  }
  std::string name = (parent / "sselab-sort-XXXXXX").string();
  if (::mkdtemp(name.data()) == nullptr) {
    return IoError("cannot create a sort directory in " + parent.string() + ": " +
                   std::strerror(errno));
  }
  dir_ = name;
  // Nobody removes a dead process's spills from the system temp directory: there they are
  // always sealed, whatever the caller asked.
  if (options_.encrypt_spills || options_.spill_parent.empty()) {
    key_ = std::make_unique<crypto::SecretKey>(crypto::SecretKey::Generate(crypto::Aead::kKeySize));
  }
  return OkStatus();
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

Status ExternalSorter::SortAndWrite(std::span<Record> records, const Run* run) const {
  std::sort(records.begin(), records.end(),
            [this](const Record& a, const Record& b) { return Less(a, b); });
  if (run == nullptr) return OkStatus();
  SSELAB_ASSIGN_OR_RETURN(auto writer, internal::RunWriter::Create(run->path, run->id, key_.get()));
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
  std::vector<Run> runs;
  if (write_runs) {
    SSELAB_RETURN_IF_ERROR(MakeSpillDirectory());
    for (int i = 0; i < (split ? 2 : 1); ++i) runs.push_back(NewRun());
  }
  auto run = [&](size_t i) { return write_runs ? &runs[i] : nullptr; };
  if (!split) {
    SSELAB_RETURN_IF_ERROR(SortAndWrite(all, run(0)));
  } else {
    Status first = OkStatus();
    std::thread worker([&] { first = SortAndWrite(all.first(split_), run(0)); });
    Status second = SortAndWrite(all.subspan(split_), run(1));
    worker.join();
    SSELAB_RETURN_IF_ERROR(first);
    SSELAB_RETURN_IF_ERROR(second);
  }
  runs_.insert(runs_.end(), runs.begin(), runs.end());
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
  std::span<const Run> group = std::span(runs_).first(n);
  const Run out = NewRun();
  {
    SSELAB_ASSIGN_OR_RETURN(auto merged, MergedSource::Open(group, key_.get()));
    SSELAB_ASSIGN_OR_RETURN(auto writer, internal::RunWriter::Create(out.path, out.id, key_.get()));
    Entry e;
    while (true) {
      SSELAB_ASSIGN_OR_RETURN(bool more, merged->Next(e));
      if (!more) break;
      writer->Add(e.key, e.value);
    }
    SSELAB_RETURN_IF_ERROR(writer->Close());
  }
  std::error_code ec;
  for (const Run& r : group) fs::remove(r.path, ec);
  // The merged run holds the oldest records, so it goes first: the sort stays stable.
  runs_.erase(runs_.begin(), runs_.begin() + static_cast<long>(n));
  runs_.insert(runs_.begin(), out);
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
  SSELAB_ASSIGN_OR_RETURN(merged_, MergedSource::Open(std::span<const Run>(runs_), key_.get()));
  return merged_.get();
}

}  // namespace sselab::storage
