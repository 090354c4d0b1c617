#include "sse/oram/avl_node.h"

#include <string>

#include "base/codec.h"

namespace sselab::sse::oram {
namespace {

void WriteRef(const ChildRef& ref, ByteWriter& w) {
  w.U64(ref.id);
  w.U64(ref.leaf);
  w.U8(ref.height);
}

Result<ChildRef> ReadRef(ByteReader& r) {
  ChildRef ref;
  SSELAB_ASSIGN_OR_RETURN(ref.id, r.U64());
  SSELAB_ASSIGN_OR_RETURN(ref.leaf, r.U64());
  SSELAB_ASSIGN_OR_RETURN(ref.height, r.U8());
  const bool empty_ok = ref.id == 0 && ref.leaf == 0 && ref.height == 0;
  const bool child_ok = ref.id != 0 && ref.height != 0;
  if (!empty_ok && !child_ok) return r.Malformed("a child reference is not well formed");
  return ref;
}

}  // namespace

Bytes AvlNodeCodec::Encode(const AvlNode& node) const {
  ByteWriter w(block_size());
  w.Raw(node.key);
  w.Raw(node.value);
  WriteRef(node.left, w);
  WriteRef(node.right, w);
  return w.Take();
}

Result<AvlNode> AvlNodeCodec::Decode(uint64_t block_id, ByteView block) const {
  ByteReader r(block, "oblivious map node " + std::to_string(block_id));
  if (block.size() != block_size()) {
    return r.Malformed(std::to_string(block.size()) + " bytes, expected " +
                       std::to_string(block_size()));
  }
  AvlNode node;
  SSELAB_ASSIGN_OR_RETURN(ByteView key, r.Raw(key_size_));
  SSELAB_ASSIGN_OR_RETURN(ByteView value, r.Raw(value_size_));
  node.key = ToBytes(key);
  node.value = ToBytes(value);
  SSELAB_ASSIGN_OR_RETURN(node.left, ReadRef(r));
  SSELAB_ASSIGN_OR_RETURN(node.right, ReadRef(r));
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  return node;
}

int MaxAvlHeight(uint64_t n) {
  if (n == 0) return 0;
  uint64_t shorter = 0, taller = 1;  // N(h - 1) and N(h), for h = 1
  int h = 1;
  while (taller + shorter + 1 <= n) {  // N(h + 1) nodes fit in n
    const uint64_t next = taller + shorter + 1;
    shorter = taller;
    taller = next;
    ++h;
  }
  return h;
}

}  // namespace sselab::sse::oram
