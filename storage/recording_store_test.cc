#include "storage/recording_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "storage/internal/test_util.h"
#include "storage/memory_store.h"

namespace sselab::storage {
namespace {

using internal::MakeEntry;
using Op = StoreAccess::Op;

// "op table key value_size found", one access per line, for readable diffs.
std::string Render(const std::vector<StoreAccess>& accesses) {
  std::ostringstream out;
  for (const StoreAccess& a : accesses) {
    out << StoreOpName(a.op) << " " << a.table << " " << HexEncode(a.key) << " " << a.value_size
        << " " << (a.found ? "found" : "-") << "\n";
  }
  return out.str();
}

std::string Hex(std::string_view s) { return HexEncode(AsBytes(s)); }

class RecordingStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(recording_.CreateTable("t", {}).ok());
    ASSERT_TRUE(recording_.CreateTable("u", {}).ok());
  }
  std::unique_ptr<Store> inner_ = NewMemoryStore();
  RecordingStore recording_{*inner_};
};

TEST_F(RecordingStoreTest, LogsEveryAccessOfASequenceExactly) {
  Store& s = recording_;
  ASSERT_TRUE(s.Put("t", AsBytes("k1"), AsBytes("abc")).ok());
  ASSERT_TRUE(s.Get("t", AsBytes("k1")).ok());
  ASSERT_TRUE(s.Get("t", AsBytes("zz")).ok());
  const std::vector<ByteView> keys = {AsBytes("zz"), AsBytes("k1")};
  ASSERT_TRUE(s.MultiGet("t", keys).ok());
  ASSERT_TRUE(s.Erase("t", AsBytes("k1")).ok());
  WriteBatch batch;
  batch.Put("u", AsBytes("k2"), AsBytes("12345"));
  batch.Erase("t", AsBytes("k3"));
  ASSERT_TRUE(s.Write(batch).ok());
  ASSERT_TRUE(BulkLoadSorted(s, "t", {MakeEntry("p1", "xy"), MakeEntry("p2", "")}).ok());
  int visits = 0;
  ASSERT_TRUE(s.Scan("t", AsBytes("p"), [&](ByteView, ByteView) { return ++visits < 1; }).ok());
  ASSERT_TRUE(s.Scan("u", {}, [](ByteView, ByteView) { return true; }).ok());

  // Calls that fail record nothing.
  EXPECT_FALSE(s.Get("nope", AsBytes("k")).ok());
  EXPECT_FALSE(s.MultiGet("nope", keys).ok());
  EXPECT_FALSE(s.Put("nope", AsBytes("k"), AsBytes("v")).ok());
  EXPECT_FALSE(s.Erase("nope", AsBytes("k")).ok());
  WriteBatch bad;
  bad.Put("t", AsBytes("k"), AsBytes("v"));
  bad.Put("nope", AsBytes("k"), AsBytes("v"));
  EXPECT_FALSE(s.Write(bad).ok());
  EXPECT_FALSE(s.Scan("nope", {}, [](ByteView, ByteView) { return true; }).ok());
  EXPECT_FALSE(BulkLoadSorted(s, "t", {MakeEntry("b", "1"), MakeEntry("a", "2")}).ok());
  // Calls that touch no entry are not accesses.
  ASSERT_TRUE(s.Flush().ok());
  ASSERT_TRUE(s.SizeOnDisk().ok());
  EXPECT_EQ(s.Tables().size(), 2u);

  const std::string expected =
      "put t " + Hex("k1") + " 3 found\n" + "get t " + Hex("k1") + " 3 found\n" + "get t " +
      Hex("zz") + " 0 -\n" + "multi_get t " + Hex("zz") + " 0 -\n" + "multi_get t " + Hex("k1") +
      " 3 found\n" + "erase t " + Hex("k1") + " 0 found\n" + "batch_put u " + Hex("k2") +
      " 5 found\n" + "batch_erase t " + Hex("k3") + " 0 found\n" + "bulk_load t " + Hex("p1") +
      " 2 found\n" + "bulk_load t " + Hex("p2") + " 0 found\n" + "scan t " + Hex("p") + " 0 -\n" +
      "scan t " + Hex("p1") + " 2 found\n" +  // stopped after one
      "scan u  0 -\n" + "scan u " + Hex("k2") + " 5 found\n";
  EXPECT_EQ(Render(recording_.Accesses()), expected);
}

TEST_F(RecordingStoreTest, TakeAccessesEmptiesTheTranscript) {
  ASSERT_TRUE(recording_.Put("t", AsBytes("k"), AsBytes("v")).ok());
  const std::vector<StoreAccess> taken = recording_.TakeAccesses();
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].op, Op::kPut);
  EXPECT_EQ(taken[0].table, "t");
  EXPECT_TRUE(recording_.Accesses().empty());
  ASSERT_TRUE(recording_.Get("t", AsBytes("k")).ok());
  EXPECT_EQ(recording_.Accesses().size(), 1u);
}

TEST_F(RecordingStoreTest, ForwardsEverythingToTheInnerStore) {
  ASSERT_TRUE(recording_.CreateTable("v", {}).ok());
  EXPECT_TRUE(inner_->HasTable("v"));
  ASSERT_TRUE(recording_.Put("v", AsBytes("k"), AsBytes("value")).ok());
  auto value = inner_->Get("v", AsBytes("k"));
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, ToBytes("value"));
  EXPECT_EQ(*recording_.SizeOnDisk(), *inner_->SizeOnDisk());
}

TEST(StoreOpNameTest, NamesAreDistinct) {
  std::set<std::string_view> names;
  for (Op op : {Op::kGet, Op::kMultiGet, Op::kPut, Op::kErase, Op::kBatchPut, Op::kBatchErase,
                Op::kScan, Op::kBulkLoad}) {
    names.insert(StoreOpName(op));
  }
  EXPECT_EQ(names.size(), 8u);
}

}  // namespace
}  // namespace sselab::storage
