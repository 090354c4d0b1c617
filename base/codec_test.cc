#include "base/codec.h"

#include <gtest/gtest.h>

namespace sselab {
namespace {

TEST(CodecTest, RoundTripsEveryFieldKind) {
  ByteWriter w;
  w.U8(7);
  w.U16(0xBEEF);
  w.U32(0xDEADBEEF);
  w.U64(0x0123456789ABCDEFULL);
  w.Varint(0);
  w.Varint(300);
  w.Varint(UINT64_MAX);
  w.LengthPrefixed(std::string_view("hello"));
  ByteReader r(w.bytes(), "test record");
  EXPECT_EQ(*r.U8(), 7);
  EXPECT_EQ(*r.U16(), 0xBEEF);
  EXPECT_EQ(*r.U32(), 0xDEADBEEFu);
  EXPECT_EQ(*r.U64(), 0x0123456789ABCDEFULL);
  EXPECT_EQ(*r.Varint(), 0u);
  EXPECT_EQ(*r.Varint(), 300u);
  EXPECT_EQ(*r.Varint(), UINT64_MAX);
  EXPECT_EQ(AsChars(*r.LengthPrefixed(16)), "hello");
  EXPECT_TRUE(r.ExpectEnd().ok());
}

TEST(CodecTest, BigEndianLayout) {
  ByteWriter w;
  w.U32(0x01020304);
  EXPECT_EQ(w.bytes(), (Bytes{1, 2, 3, 4}));
}

TEST(CodecTest, TruncationIsCorruptionNamingWhatAndWhere) {
  ByteWriter w;
  w.U32(5);
  Bytes data = w.Take();
  data.pop_back();
  ByteReader r(data, "search request");
  auto v = r.U32();
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(v.error().message().find("search request"), std::string::npos);
  EXPECT_NE(v.error().message().find("offset 0"), std::string::npos);
}

TEST(CodecTest, LengthPrefixOverLimitOrPastEndIsRejected) {
  ByteWriter w;
  w.Varint(1000);
  w.Raw(std::string_view("abc"));
  ByteReader over(w.bytes(), "x");
  EXPECT_FALSE(over.LengthPrefixed(10).ok());
  ByteReader past(w.bytes(), "x");
  EXPECT_FALSE(past.LengthPrefixed(5000).ok());
}

TEST(CodecTest, OverlongVarintIsRejected) {
  Bytes eleven(11, 0xFF);
  ByteReader r(eleven, "x");
  EXPECT_FALSE(r.Varint().ok());
  Bytes overflow = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02};
  ByteReader r2(overflow, "x");
  EXPECT_FALSE(r2.Varint().ok());
}

TEST(CodecTest, TrailingBytesAreRejected) {
  Bytes data = {1, 2};
  ByteReader r(data, "reply");
  ASSERT_TRUE(r.U8().ok());
  EXPECT_FALSE(r.ExpectEnd().ok());
}

TEST(HexTest, RoundTripAndRejects) {
  Bytes b = {0x00, 0xAB, 0xFF};
  EXPECT_EQ(HexEncode(b), "00abff");
  EXPECT_EQ(*HexDecode("00ABff"), b);
  EXPECT_FALSE(HexDecode("abc").ok());
  EXPECT_FALSE(HexDecode("zz").ok());
}

}  // namespace
}  // namespace sselab
