#include "storage/external_sorter.h"

#include <algorithm>
#include <cstdio>
#include <queue>
#include <random>

#include "base/codec.h"

namespace sselab::storage {
namespace fs = std::filesystem;
namespace {

constexpr uint64_t kRecordOverhead = 64;  // two vectors and their heap headers
constexpr size_t kIoBuffer = 1 << 20;

constexpr size_t kMaxFanIn = 64;  // runs merged at once (open files, read buffers)

bool KeyLess(const Entry& a, const Entry& b) { return a.key < b.key; }

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

  void Add(const Entry& e) {
    buf_.LengthPrefixed(e.key);
    buf_.LengthPrefixed(e.value);
    if (buf_.size() >= kIoBuffer) Drain();
  }
  Status Close() {
    Drain();
    ok_ = (std::fclose(file_) == 0) && ok_;
    file_ = nullptr;
    if (!ok_) return IoError("cannot write sort run " + path_.string() + " (disk full?)");
    return OkStatus();
  }

 private:
  RunWriter(fs::path path, FILE* f) : path_(std::move(path)), file_(f) {}
  void Drain() {
    ok_ = ok_ && std::fwrite(buf_.bytes().data(), 1, buf_.size(), file_) == buf_.size();
    buf_ = ByteWriter();
  }
  fs::path path_;
  FILE* file_;
  ByteWriter buf_;
  bool ok_ = true;
};

// Reads one run file: varint klen | key | varint vlen | value, repeated.
class RunReader {
 public:
  static Result<std::unique_ptr<RunReader>> Open(const fs::path& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return IoError("cannot open sort run " + path.string());
    std::unique_ptr<RunReader> r(new RunReader(path, f));
    return r;
  }
  ~RunReader() { std::fclose(file_); }
  RunReader(const RunReader&) = delete;
  RunReader& operator=(const RunReader&) = delete;

  // False at the end of the run.
  Result<bool> Next(Entry& out) {
    int c = std::getc(file_);
    if (c == EOF) return false;
    std::ungetc(c, file_);
    SSELAB_RETURN_IF_ERROR(ReadField(out.key));
    SSELAB_RETURN_IF_ERROR(ReadField(out.value));
    return true;
  }

 private:
  RunReader(fs::path path, FILE* f) : path_(std::move(path)), file_(f) {
    std::setvbuf(file_, nullptr, _IOFBF, kIoBuffer);
  }
  Status ReadField(Bytes& out) {
    uint64_t len = 0;
    for (int shift = 0;; shift += 7) {
      int c = std::getc(file_);
      if (c == EOF || shift > 63)
        return CorruptionError("sort run " + path_.string() + " is damaged");
      len |= static_cast<uint64_t>(c & 0x7F) << shift;
      if ((c & 0x80) == 0) break;
    }
    out.resize(len);
    if (len > 0 && std::fread(out.data(), 1, len, file_) != len) {
      return CorruptionError("sort run " + path_.string() + " is truncated");
    }
    return OkStatus();
  }
  fs::path path_;
  FILE* file_;
};

class MergedSource : public EntrySource {
 public:
  static Result<std::unique_ptr<MergedSource>> Open(const std::vector<fs::path>& runs) {
    std::unique_ptr<MergedSource> m(new MergedSource());
    for (const fs::path& p : runs) {
      SSELAB_ASSIGN_OR_RETURN(auto reader, RunReader::Open(p));
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
    out = std::move(heads_[i]);
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

// The whole input fit in memory: serve the sorted buffer without touching disk.
class OwnedVectorSource : public EntrySource {
 public:
  explicit OwnedVectorSource(std::vector<Entry> entries) : entries_(std::move(entries)) {}
  Result<bool> Next(Entry& out) override {
    if (pos_ == entries_.size()) return false;
    out = std::move(entries_[pos_++]);
    return true;
  }

 private:
  std::vector<Entry> entries_;
  size_t pos_ = 0;
};

}  // namespace

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

Status ExternalSorter::Add(ByteView key, ByteView value) {
  buffer_.push_back({ToBytes(key), ToBytes(value)});
  buffered_bytes_ += key.size() + value.size() + kRecordOverhead;
  ++records_;
  if (buffered_bytes_ >= options_.memory_budget) return Spill();
  return OkStatus();
}

Status ExternalSorter::Spill() {
  std::stable_sort(buffer_.begin(), buffer_.end(), KeyLess);
  fs::path path = dir_ / ("run-" + std::to_string(next_run_++));
  SSELAB_ASSIGN_OR_RETURN(auto writer, RunWriter::Create(path));
  for (const Entry& e : buffer_) writer->Add(e);
  SSELAB_RETURN_IF_ERROR(writer->Close());
  runs_.push_back(path);
  buffer_ = {};
  buffered_bytes_ = 0;
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
      writer->Add(e);
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
    std::stable_sort(buffer_.begin(), buffer_.end(), KeyLess);
    merged_ = std::make_unique<OwnedVectorSource>(std::exchange(buffer_, {}));
    return merged_.get();
  }
  if (!buffer_.empty()) SSELAB_RETURN_IF_ERROR(Spill());
  while (runs_.size() > kMaxFanIn) SSELAB_RETURN_IF_ERROR(MergeFirstRuns(kMaxFanIn));
  SSELAB_ASSIGN_OR_RETURN(merged_, MergedSource::Open(runs_));
  return merged_.get();
}

}  // namespace sselab::storage
