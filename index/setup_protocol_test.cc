#include "index/setup_protocol.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "index/message.h"
#include "storage/rocks_store.h"
#include "tests/testing/temp_dir.h"

namespace sselab::index {
namespace {

namespace fs = std::filesystem;

// A server that speaks only the setup protocol.
class SetupOnlyServer : public Server {
 public:
  SetupOnlyServer(storage::Store& store, uint64_t budget) : receiver_(store, {"t"}, budget) {}
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

}  // namespace
}  // namespace sselab::index
