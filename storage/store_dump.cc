#include "storage/store_dump.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "base/codec.h"

namespace sselab::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic = "SSELAB-DUMP 1\n";
constexpr size_t kMaxName = 1024;
constexpr size_t kMaxKey = 1 << 20;
constexpr size_t kMaxValue = 256 << 20;

// Buffered writes to a file descriptor.
class DumpWriter {
 public:
  explicit DumpWriter(int fd) : fd_(fd) {}
  Status Put(ByteView b) {
    buf_.insert(buf_.end(), b.begin(), b.end());
    return buf_.size() >= (1 << 20) ? Drain() : OkStatus();
  }
  Status Put(const ByteWriter& w) { return Put(w.bytes()); }
  Status Drain() {
    size_t off = 0;
    while (off < buf_.size()) {
      const ssize_t n = ::write(fd_, buf_.data() + off, buf_.size() - off);
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError(std::string("writing the dump: ") + std::strerror(errno));
      }
      off += static_cast<size_t>(n);
    }
    written_ += buf_.size();
    buf_.clear();
    return OkStatus();
  }
  uint64_t written() const { return written_ + buf_.size(); }

 private:
  int fd_;
  Bytes buf_;
  uint64_t written_ = 0;
};

// Buffered reads, with the offset for error messages.
class DumpReader {
 public:
  DumpReader(FILE* f, std::string name) : f_(f), name_(std::move(name)) {}
  Error Malformed(std::string_view what) const {
    return CorruptionError("dump " + name_ + " at byte " + std::to_string(offset_) + ": " +
                           std::string(what));
  }
  Result<uint8_t> Byte(std::string_view what) {
    const int c = std::fgetc(f_);
    if (c == EOF) return Malformed("truncated (expected " + std::string(what) + ")");
    ++offset_;
    return static_cast<uint8_t>(c);
  }
  Result<uint64_t> Varint(std::string_view what) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      SSELAB_ASSIGN_OR_RETURN(const uint8_t b, Byte(what));
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return Malformed("overlong varint in " + std::string(what));
  }
  Status Read(Bytes& out, size_t max, std::string_view what) {
    SSELAB_ASSIGN_OR_RETURN(const uint64_t n, Varint(what));
    if (n > max) return Malformed(std::string(what) + " of " + std::to_string(n) + " bytes");
    out.resize(n);
    if (n > 0 && std::fread(out.data(), 1, n, f_) != n) {
      return Malformed("truncated in " + std::string(what));
    }
    offset_ += n;
    return OkStatus();
  }
  bool AtEnd() { return std::fgetc(f_) == EOF; }

 private:
  FILE* f_;
  std::string name_;
  uint64_t offset_ = 0;
};

// The entries of one table of a dump, for BulkLoad, up to its 'Z'.
class TableEntries final : public EntrySource {
 public:
  explicit TableEntries(DumpReader& in) : in_(in) {}
  Result<bool> Next(Entry& out) override {
    SSELAB_ASSIGN_OR_RETURN(const uint8_t tag, in_.Byte("an entry or the table's end"));
    if (tag == 'Z') {
      SSELAB_ASSIGN_OR_RETURN(const uint64_t n, in_.Varint("the table's entry count"));
      if (n != count_) {
        return in_.Malformed("the table ends after " + std::to_string(count_) +
                             " entries but says " + std::to_string(n));
      }
      ended_ = true;
      return false;
    }
    if (tag != 'K') return in_.Malformed("expected an entry ('K') or the table's end ('Z')");
    SSELAB_RETURN_IF_ERROR(in_.Read(out.key, kMaxKey, "a key"));
    SSELAB_RETURN_IF_ERROR(in_.Read(out.value, kMaxValue, "a value"));
    ++count_;
    return true;
  }
  bool ended() const { return ended_; }
  uint64_t count() const { return count_; }

 private:
  DumpReader& in_;
  uint64_t count_ = 0;
  bool ended_ = false;
};

}  // namespace

Result<DumpCounts> DumpStore(Store& store, const fs::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return errno == EEXIST
               ? AlreadyExistsError("dump " + path.string() + " already exists")
               : IoError("cannot create " + path.string() + ": " + std::strerror(errno));
  }
  DumpCounts counts;
  auto body = [&]() -> Status {
    DumpWriter out(fd);
    SSELAB_RETURN_IF_ERROR(out.Put(AsBytes(kMagic)));
    for (const std::string& table : store.Tables()) {
      // The options a table was created with are what the store reports of it; a dump
      // keeps them so that a restored table is the same kind of table.
      SSELAB_ASSIGN_OR_RETURN(const TableOptions options, store.Options(table));
      ByteWriter head;
      head.U8('T');
      head.LengthPrefixed(table);
      head.U8(options.compress ? 1 : 0);
      head.Varint(static_cast<uint64_t>(options.bloom_bits_per_key));
      head.Varint(options.point_lookup_key_bytes);
      SSELAB_RETURN_IF_ERROR(out.Put(head));
      uint64_t n = 0;
      Status inner = OkStatus();
      ByteWriter entry;
      SSELAB_RETURN_IF_ERROR(store.Scan(table, {}, [&](ByteView key, ByteView value) {
        entry.Clear();
        entry.U8('K');
        entry.LengthPrefixed(key);
        entry.LengthPrefixed(value);
        inner = out.Put(entry);
        ++n;
        return inner.ok();
      }));
      SSELAB_RETURN_IF_ERROR(inner);
      ByteWriter tail;
      tail.U8('Z');
      tail.Varint(n);
      SSELAB_RETURN_IF_ERROR(out.Put(tail));
      ++counts.tables;
      counts.entries += n;
    }
    ByteWriter end;
    end.U8('E');
    end.Varint(counts.tables);
    SSELAB_RETURN_IF_ERROR(out.Put(end));
    SSELAB_RETURN_IF_ERROR(out.Drain());
    counts.bytes = out.written();
    if (::fsync(fd) != 0) return IoError("syncing " + path.string() + ": " + std::strerror(errno));
    return OkStatus();
  };
  Status s = body();
  ::close(fd);
  if (!s.ok()) {
    std::error_code ec;
    fs::remove(path, ec);
    return s.error().WithContext("dumping the store to " + path.string());
  }
  return counts;
}

Result<DumpCounts> LoadStoreDump(const fs::path& path, Store& store) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return NotFoundError("cannot open dump " + path.string() + ": " + std::strerror(errno));
  DumpReader in(f, path.string());
  DumpCounts counts;
  auto body = [&]() -> Status {
    for (const char c : kMagic) {
      SSELAB_ASSIGN_OR_RETURN(const uint8_t b, in.Byte("the dump's header"));
      if (b != static_cast<uint8_t>(c)) return in.Malformed("not an sselab dump (bad header)");
    }
    while (true) {
      SSELAB_ASSIGN_OR_RETURN(const uint8_t tag, in.Byte("a table or the dump's end"));
      if (tag == 'E') {
        SSELAB_ASSIGN_OR_RETURN(const uint64_t n, in.Varint("the table count"));
        if (n != counts.tables) {
          return in.Malformed("the dump ends after " + std::to_string(counts.tables) +
                              " tables but says " + std::to_string(n));
        }
        if (!in.AtEnd()) return in.Malformed("bytes after the dump's end");
        return OkStatus();
      }
      if (tag != 'T') return in.Malformed("expected a table ('T') or the dump's end ('E')");
      Bytes name;
      SSELAB_RETURN_IF_ERROR(in.Read(name, kMaxName, "a table name"));
      TableOptions options;
      SSELAB_ASSIGN_OR_RETURN(const uint8_t compress, in.Byte("the table's options"));
      SSELAB_ASSIGN_OR_RETURN(const uint64_t bloom, in.Varint("the table's options"));
      SSELAB_ASSIGN_OR_RETURN(const uint64_t point, in.Varint("the table's options"));
      if (compress > 1 || bloom > 64 || point > kMaxPointLookupKeyBytes) {
        return in.Malformed("table options out of range");
      }
      options.compress = compress == 1;
      options.bloom_bits_per_key = static_cast<int>(bloom);
      options.point_lookup_key_bytes = static_cast<uint32_t>(point);
      const std::string table(AsChars(name));
      SSELAB_RETURN_IF_ERROR(store.CreateTable(table, options));
      TableEntries entries(in);
      Status loaded = store.BulkLoad(table, entries);
      if (!loaded.ok()) return loaded.error().WithContext("table " + table);
      if (!entries.ended()) return in.Malformed("table " + table + " has no end");
      ++counts.tables;
      counts.entries += entries.count();
    }
  };
  Status s = body();
  std::fclose(f);
  if (!s.ok()) return s.error();
  std::error_code ec;
  counts.bytes = fs::file_size(path, ec);
  return counts;
}

}  // namespace sselab::storage
