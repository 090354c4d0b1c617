#include "index/setup_protocol.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "index/message.h"
#include "storage/memory_store.h"
#include "storage/rocks_store.h"
#include "tests/testing/temp_dir.h"

namespace sselab::index {
namespace {

namespace fs = std::filesystem;

// A server that speaks only the setup protocol.
class SetupOnlyServer : public Server {
 public:
  SetupOnlyServer(storage::Store& store, uint64_t budget)
      : receiver_(store, {std::string("t"), {"p", {.point_lookup_key_bytes = 4}}}, budget) {}
  Result<Bytes> Handle(ByteView request) override {
    ByteReader r(request, "setup request");
    SSELAB_ASSIGN_OR_RETURN(RequestHeader header, ReadRequestHeader(r));
    return receiver_.Handle(header.type, r);
  }

 private:
  SetupReceiver receiver_;
};

Bytes Key(uint32_t i) {
  return {static_cast<uint8_t>(i >> 24), static_cast<uint8_t>(i >> 16),
          static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)};
}

size_t SortDirectories(const fs::path& dir) {
  size_t n = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with("sselab-sort-")) ++n;
  }
  return n;
}

// The server's sort of setup entries spills inside its store's directory, never elsewhere,
// and nothing of it is left once setup is committed.
TEST(SetupProtocolTest, ServerSpillsStayInTheStoreDirectory) {
  sselab::testing::TempDir temp;
  auto store = storage::OpenRocksStore(temp / "server", {.create_if_missing = true});
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  const fs::path scratch = (*store)->TempDirectory();
  ASSERT_FALSE(scratch.empty());
  EXPECT_EQ(scratch.parent_path(), temp / "server");
  SetupOnlyServer server(**store, /*budget=*/4096);
  LocalChannel channel(server);
  SetupSender sender(channel, "t", /*chunk_bytes=*/1024);
  for (uint32_t i = 0; i < 3000; ++i) {
    ASSERT_TRUE(sender.Add(Key(i * 7919 % 3001), Key(i)).ok());
  }
  ASSERT_TRUE(sender.Flush().ok());
  EXPECT_EQ(SortDirectories(scratch), 1u);
  ASSERT_TRUE(SendSetupCommit(channel).ok());
  EXPECT_FALSE(fs::exists(scratch));  // nothing left at rest but the store's own files
  auto got = (*store)->Get("t", Key(5 * 7919 % 3001));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, std::optional<Bytes>(Key(5)));
  EXPECT_TRUE(CheckSetupComplete(**store).ok());
}

// A point-lookup table is created as declared, and an entry whose key has another length
// is a malformed message, refused before anything is kept.
TEST(SetupProtocolTest, PointLookupTableTakesKeysOfItsLengthOnly) {
  auto store = storage::NewMemoryStore();
  SetupOnlyServer server(*store, /*budget=*/1 << 20);
  LocalChannel channel(server);
  SetupSender bad(channel, "p");
  ASSERT_TRUE(bad.Add(Key(1), Key(1)).ok());
  ASSERT_TRUE(bad.Add(AsBytes("five!"), Key(2)).ok());
  const Status refused = bad.Flush();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::kCorruption) << refused.error().ToString();
  EXPECT_THAT(refused.error().message(), ::testing::HasSubstr("a key of 5 bytes"));
  SetupSender good(channel, "p");
  ASSERT_TRUE(good.Add(Key(3), Key(3)).ok());
  ASSERT_TRUE(good.Flush().ok());
  ASSERT_TRUE(SendSetupCommit(channel).ok());
  auto all = store->MultiGet("p", std::vector<ByteView>{Key(1), Key(3)});
  ASSERT_TRUE(all.ok());
  EXPECT_FALSE((*all)[0].has_value());
  EXPECT_EQ((*all)[1], std::optional<Bytes>(Key(3)));
  EXPECT_FALSE(store->Put("p", AsBytes("five!"), Key(4)).ok());  // created as declared
}

}  // namespace
}  // namespace sselab::index
