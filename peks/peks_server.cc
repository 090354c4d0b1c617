#include "peks/peks_server.h"

#include <string>

#include "base/parallel.h"
#include "index/message.h"
#include "index/setup_protocol.h"
#include "peks/id_box.h"
#include "peks/peks_messages.h"

namespace sselab::peks {
namespace {

// Stored entries tested per parallel batch: bounds memory, keeps both cores busy.
constexpr size_t kBatch = 1024;
constexpr size_t kMinTestChunk = 4;

}  // namespace

PeksServer::PeksServer(storage::Store& store, ServerAlgorithms algorithms)
    : SchemeServer(algorithms.name, store, {std::string(kTable)}),
      algorithms_(std::move(algorithms)),
      value_size_(algorithms_.tag_size + kIdBoxSize) {}

Result<Bytes> PeksServer::HandleRequest(uint8_t type, ByteReader& body) {
  switch (type) {
    case kSearch:
      return Search(body);
    case kInsert:
      return Insert(body);
    default:
      return UnknownRequest(type);
  }
}

Status PeksServer::TestBatch(const TagTester& tester, const std::vector<Bytes>& values,
                             uint64_t first, ByteWriter& out, uint64_t& matches) const {
  // 0 = no match, 1 = match, 2 = malformed stored tag.
  std::vector<uint8_t> verdict(values.size());
  ParallelFor(values.size(), kMinTestChunk, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      auto m = tester.Matches(ByteView(values[i]).first(algorithms_.tag_size));
      verdict[i] = !m.ok() ? 2 : (*m ? 1 : 0);
    }
  });
  for (size_t i = 0; i < values.size(); ++i) {
    if (verdict[i] == 2) {
      auto m = tester.Matches(ByteView(values[i]).first(algorithms_.tag_size));
      return m.error().WithContext(algorithms_.name + ": stored entry " +
                                   std::to_string(first + i) + " of table peks");
    }
    if (verdict[i] == 1) {
      out.Raw(ByteView(values[i]).subspan(algorithms_.tag_size));
      ++matches;
    }
  }
  return OkStatus();
}

Result<Bytes> PeksServer::Search(ByteReader& body) {
  SSELAB_ASSIGN_OR_RETURN(ByteView trapdoor, body.Raw(algorithms_.trapdoor_size));
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  // Test, server side: prepare the trapdoor once, then test every stored tag.
  SSELAB_ASSIGN_OR_RETURN(std::unique_ptr<TagTester> tester,
                          algorithms_.prepare_trapdoor(trapdoor));
  ByteWriter boxes;
  uint64_t matches = 0, seen = 0;
  std::vector<Bytes> batch;
  Status bad = OkStatus();
  auto flush = [&]() -> Status {
    Status s = TestBatch(*tester, batch, seen, boxes, matches);
    seen += batch.size();
    batch.clear();
    return s;
  };
  SSELAB_RETURN_IF_ERROR(store_.Scan(kTable, {}, [&](ByteView key, ByteView value) {
    if (key.size() != kRidSize || value.size() != value_size_) {
      bad = CorruptionError(algorithms_.name + ": malformed entry in table peks (key " +
                            std::to_string(key.size()) + " bytes, value " +
                            std::to_string(value.size()) + " bytes)");
      return false;
    }
    batch.push_back(ToBytes(value));
    if (batch.size() == kBatch) bad = flush();
    return bad.ok();
  }));
  SSELAB_RETURN_IF_ERROR(bad);
  SSELAB_RETURN_IF_ERROR(flush());
  ByteWriter out(boxes.size() + 10);
  out.Varint(matches);
  out.Raw(boxes.bytes());
  return out.Take();
}

Result<Bytes> PeksServer::Insert(ByteReader& body) {
  // Parse and check everything first, so a malformed request writes nothing.
  const size_t wire_entry = kRidSize + value_size_;
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, body.Varint());
  if (n == 0) return body.Malformed("insert of no entries");
  if (n > body.remaining() / wire_entry) return body.Malformed("entry count too large");
  storage::WriteBatch batch;
  for (uint64_t i = 0; i < n; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView rid, body.Raw(kRidSize));
    SSELAB_ASSIGN_OR_RETURN(ByteView value, body.Raw(value_size_));
    Status tag_ok = algorithms_.validate_tag(value.first(algorithms_.tag_size));
    if (!tag_ok.ok()) {
      return tag_ok.error().WithContext(algorithms_.name + " insert entry " + std::to_string(i));
    }
    batch.Put(kTable, rid, value);
  }
  SSELAB_RETURN_IF_ERROR(body.ExpectEnd());
  SSELAB_RETURN_IF_ERROR(SetupComplete());
  SSELAB_RETURN_IF_ERROR(store_.Write(batch));
  return Bytes{};
}

}  // namespace sselab::peks
