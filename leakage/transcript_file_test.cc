#include "leakage/transcript_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "leakage/leakage_testing.h"
#include "tests/testing/temp_dir.h"

namespace sselab::leakage {
namespace {

Transcript Tiny() {
  Transcript t;
  t.view.scheme = "pibas";
  t.view.public_keys.push_back({.name = "pk", .encoding = {7, 7}});
  t.view.ops.push_back(
      {.kind = OpKind::kSearch,
       .messages = {{.request = {1, 2, 3}, .reply = {0, 1}, .request_size = 3, .reply_size = 2}},
       .accesses = {{storage::StoreAccess::Op::kGet, "pibas", {9, 9}, 8, true}},
       .stored = {{.table = "pibas", .key = {9, 9}, .value = {1, 2, 3, 4, 5, 6, 7, 8}}}});
  t.truth.ops.push_back({.keyword = "w1", .ids = {4, 5}});
  return t;
}

TEST(TranscriptFileTest, RoundTripsEveryField) {
  auto t = testing::RecordSmall("blind", {"pad=pow2"});
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  Bytes view = EncodeView(t->view);
  auto back = DecodeView(view, "test");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(EncodeView(*back), view);
  EXPECT_EQ(back->scheme, "blind");
  EXPECT_EQ(back->params, std::vector<std::string>{"pad=pow2"});
  ASSERT_EQ(back->ops.size(), t->view.ops.size());
  EXPECT_EQ(back->ops[0].kind, OpKind::kSetup);
  EXPECT_TRUE(back->ops[0].messages[0].elided);
  EXPECT_FALSE(back->ops[0].stored.empty());
  EXPECT_EQ(back->ops[0].stored.size(), t->view.ops[0].stored.size());
  EXPECT_EQ(back->ops[1].messages[0].request, t->view.ops[1].messages[0].request);
  EXPECT_EQ(back->ops[1].accesses.size(), t->view.ops[1].accesses.size());

  Bytes truth = EncodeTruth(t->truth, view);
  auto truth_back = DecodeTruth(truth, view, back->ops.size(), "truth");
  ASSERT_TRUE(truth_back.ok()) << truth_back.error().ToString();
  EXPECT_EQ(truth_back->ops[1].ids, t->truth.ops[1].ids);
  EXPECT_EQ(truth_back->documents, 300u);
}

TEST(TranscriptFileTest, EveryTruncationIsRejected) {
  Transcript t = Tiny();
  Bytes view = EncodeView(t.view);
  Bytes truth = EncodeTruth(t.truth, view);
  for (size_t n = 0; n < view.size(); ++n) {
    auto r = DecodeView(ByteView(view).first(n), "cut");
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption) << n;
  }
  for (size_t n = 0; n < truth.size(); ++n) {
    auto r = DecodeTruth(ByteView(truth).first(n), view, 1, "cut");
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error().code(), ErrorCode::kCorruption) << n;
  }
  ASSERT_TRUE(DecodeView(view, "whole").ok());
  ASSERT_TRUE(DecodeTruth(truth, view, 1, "whole").ok());
}

TEST(TranscriptFileTest, DamageIsNamed) {
  auto t = testing::RecordSmall("pibas");
  ASSERT_TRUE(t.ok());
  Bytes encoded = EncodeView(t->view);
  Bytes flipped = encoded;
  flipped[flipped.size() / 2] ^= 0x10;
  auto r = DecodeView(flipped, "f.tr");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("f.tr: checksum mismatch"), std::string::npos);

  Bytes longer = encoded;
  longer.push_back(0);
  r = DecodeView(longer, "f.tr");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("trailing bytes"), std::string::npos);

  r = DecodeView(AsBytes("{\"not\": \"a transcript\"} padding padding padding"), "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("not an sselab server view"), std::string::npos);

  Bytes other_version = encoded;
  other_version[11] = 9;
  r = DecodeView(other_version, "v.tr");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("format version 9"), std::string::npos);

  // A truth file is not a view, and a truth belongs to one view only.
  Bytes truth = EncodeTruth(t->truth, encoded);
  r = DecodeView(truth, "t.truth");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("not an sselab server view"), std::string::npos);
  Bytes other_view = EncodeView(Tiny().view);
  auto g = DecodeTruth(truth, other_view, t->view.ops.size(), "t.truth");
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.error().message().find("another server view"), std::string::npos);
}

TEST(TranscriptFileTest, SavesAndLoadsViewAndTruthApart) {
  auto t = testing::RecordSmall("plaintext");
  ASSERT_TRUE(t.ok());
  sselab::testing::TempDir dir;
  auto view = dir / "p.tr";
  auto truth = DefaultTruthPath(view);
  ASSERT_TRUE(SaveTranscript(*t, view, truth).ok());
  struct stat st {};
  ASSERT_EQ(::stat(truth.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // keywords in the clear: owner only

  auto back = LoadTranscript(view, truth);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_TRUE(back->HasTruth());
  EXPECT_EQ(EncodeView(back->view), EncodeView(t->view));
  auto view_only = LoadTranscript(view, "");
  ASSERT_TRUE(view_only.ok());
  EXPECT_FALSE(view_only->HasTruth());

  std::filesystem::resize_file(view, std::filesystem::file_size(view) - 5);
  back = LoadTranscript(view, truth);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code(), ErrorCode::kCorruption);
  std::filesystem::remove(view);
  EXPECT_EQ(LoadTranscript(view, "").error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sselab::leakage
