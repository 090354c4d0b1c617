#include "leakage/transcript_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "leakage/leakage_testing.h"

namespace sselab::leakage {
namespace {

TEST(TranscriptFileTest, RoundTripsEveryField) {
  auto t = testing::RecordSmall("blind", {"pad=pow2"});
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Bytes encoded = EncodeTranscript(*t);
  auto back = DecodeTranscript(encoded, "test");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(EncodeTranscript(*back), encoded);
  EXPECT_EQ(back->view.scheme, "blind");
  EXPECT_EQ(back->view.params, std::vector<std::string>{"pad=pow2"});
  ASSERT_EQ(back->view.ops.size(), t->view.ops.size());
  EXPECT_EQ(back->view.ops[0].kind, OpKind::kSetup);
  EXPECT_TRUE(back->view.ops[0].messages[0].elided);
  EXPECT_EQ(back->view.ops[1].messages[0].request, t->view.ops[1].messages[0].request);
  EXPECT_EQ(back->view.ops[1].accesses.size(), t->view.ops[1].accesses.size());
  EXPECT_EQ(back->truth.ops[1].ids, t->truth.ops[1].ids);
  EXPECT_EQ(back->truth.documents, 300u);
}

TEST(TranscriptFileTest, EveryTruncationIsRejected) {
  Transcript t;
  t.view.scheme = "pibas";
  t.view.ops.push_back(
      {.kind = OpKind::kSearch,
       .messages = {{.request = {1, 2, 3}, .reply = {0, 1}, .request_size = 3, .reply_size = 2}},
       .accesses = {{storage::StoreAccess::Op::kGet, "pibas", {9, 9}, 8, true}}});
  t.truth.ops.push_back({.keyword = "w1", .ids = {4, 5}});
  Bytes encoded = EncodeTranscript(t);
  for (size_t n = 0; n < encoded.size(); ++n) {
    auto r = DecodeTranscript(ByteView(encoded).first(n), "cut");
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption) << n;
  }
  ASSERT_TRUE(DecodeTranscript(encoded, "whole").ok());
}

TEST(TranscriptFileTest, DamageIsNamed) {
  auto t = testing::RecordSmall("pibas");
  ASSERT_TRUE(t.ok());
  Bytes encoded = EncodeTranscript(*t);
  Bytes flipped = encoded;
  flipped[flipped.size() / 2] ^= 0x10;
  auto r = DecodeTranscript(flipped, "f.tr");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("f.tr: checksum mismatch"), std::string::npos);

  Bytes longer = encoded;
  longer.push_back(0);
  r = DecodeTranscript(longer, "f.tr");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("trailing bytes"), std::string::npos);

  r = DecodeTranscript(AsBytes("{\"not\": \"a transcript\"} padding padding padding"), "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("not an sselab transcript"), std::string::npos);

  Bytes other_version = encoded;
  other_version[11] = 9;
  r = DecodeTranscript(other_version, "v.tr");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("format version 9"), std::string::npos);
}

TEST(TranscriptFileTest, SavesAndLoads) {
  auto t = testing::RecordSmall("plaintext");
  ASSERT_TRUE(t.ok());
  auto path = std::filesystem::temp_directory_path() /
              ("sselab-transcript-" + std::to_string(::getpid()) + ".tr");
  ASSERT_TRUE(SaveTranscript(*t, path).ok());
  auto back = LoadTranscript(path);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(EncodeTranscript(*back), EncodeTranscript(*t));
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 5);
  back = LoadTranscript(path);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code(), ErrorCode::kCorruption);
  std::filesystem::remove(path);
  EXPECT_EQ(LoadTranscript(path).error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sselab::leakage
