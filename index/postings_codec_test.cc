#include "index/postings_codec.h"

#include <gtest/gtest.h>

namespace sselab::index {
namespace {

TEST(PostingsCodecTest, RoundTrips) {
  std::vector<DocId> ids = {0, 1, 5, 1000, UINT64_MAX - 1, UINT64_MAX};
  ByteWriter w;
  EncodePostings(ids, w);
  ByteReader r(w.bytes(), "postings");
  std::vector<DocId> out;
  ASSERT_TRUE(DecodePostings(r, out).ok());
  EXPECT_EQ(out, ids);
  EXPECT_TRUE(r.ExpectEnd().ok());
}

TEST(PostingsCodecTest, RejectsTruncatedOversizedAndUnsorted) {
  ByteWriter w;
  std::vector<DocId> ids = {3, 9, 27};
  EncodePostings(ids, w);
  Bytes cut = w.bytes();
  cut.pop_back();
  std::vector<DocId> out;
  ByteReader r1(cut, "postings");
  EXPECT_FALSE(DecodePostings(r1, out).ok());
  ByteReader r2(w.bytes(), "postings");
  EXPECT_FALSE(DecodePostings(r2, out, 2).ok());
  Bytes dup = {2, 5, 0};  // second delta 0: not strictly ascending
  ByteReader r3(dup, "postings");
  EXPECT_FALSE(DecodePostings(r3, out).ok());
}

}  // namespace
}  // namespace sselab::index
