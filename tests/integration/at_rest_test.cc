// What the server holds at rest: for every scheme except the plaintext baseline, no
// keyword and no document id may appear in the clear anywhere under DIR/server.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "index/encrypted_index.h"
#include "schemes/builtin.h"
#include "tests/testing/temp_dir.h"

namespace sselab {
namespace {

namespace fs = std::filesystem;

struct Needles {
  std::vector<std::string> keywords;
  std::vector<std::string> ids;  // decimal text, and 8-byte big- and little-endian
};

std::vector<index::Document> DistinctiveCorpus(Needles& needles) {
  std::mt19937_64 rng(2024);
  std::vector<index::Document> docs;
  for (int k = 0; k < 20; ++k) needles.keywords.push_back("zq" + std::to_string(rng()) + "kw");
  needles.keywords.push_back("Schlüsselwörter-ü");
  for (int d = 0; d < 50; ++d) {
    index::Document doc{.id = rng() | (1ULL << 63)};
    for (int k = 0; k < 5; ++k) {
      const std::string& w = needles.keywords[(d + k * 7) % needles.keywords.size()];
      if (std::find(doc.keywords.begin(), doc.keywords.end(), w) == doc.keywords.end()) {
        doc.keywords.push_back(w);
      }
    }
    needles.ids.push_back(std::to_string(doc.id));
    std::string be(8, '\0'), le(8, '\0');
    for (int i = 0; i < 8; ++i) {
      be[i] = static_cast<char>(doc.id >> (56 - 8 * i));
      le[i] = static_cast<char>(doc.id >> (8 * i));
    }
    needles.ids.push_back(be);
    needles.ids.push_back(le);
    docs.push_back(std::move(doc));
  }
  return docs;
}

// Every needle found in any file under `dir`.
std::vector<std::string> FindInFiles(const fs::path& dir, const std::vector<std::string>& needles) {
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string bytes = buf.str();
    for (const auto& n : needles) {
      if (bytes.find(n) != std::string::npos) found.push_back(e.path().filename().string());
    }
  }
  return found;
}

class AtRestTest : public ::testing::TestWithParam<std::string> {};

TEST_P(AtRestTest, ServerHoldsNoKeywordOrIdInTheClear) {
  testing::TempDir dir;
  const std::string& scheme = GetParam();
  auto entry = schemes::BuiltinRegistry().Find(scheme);
  ASSERT_TRUE(entry.ok());
  std::vector<std::vector<std::string>> param_sets = {{}};
  for (const auto& p : (*entry)->info.params) {
    for (const auto& c : p.choices) param_sets.push_back({p.name + "=" + c});
  }
  for (size_t i = 0; i < param_sets.size(); ++i) {
    Needles needles;
    index::VectorDocumentSource src(DistinctiveCorpus(needles));
    fs::path db = dir / ("db" + std::to_string(i));
    auto idx = index::EncryptedIndex::Create(
        schemes::BuiltinRegistry(), {.scheme = scheme, .params = param_sets[i], .dir = db}, src);
    ASSERT_TRUE(idx.ok()) << idx.error().ToString();
    // Searches leave the store as it was; search once so any logs are written too.
    ASSERT_TRUE((*idx)->Search(needles.keywords[0]).ok());
    if ((*entry)->info.leakage.plaintext) {
      // Updates of the baseline store the id as BE64: proves the id scan can see ids.
      ASSERT_TRUE((*idx)->Insert(needles.keywords[0], 0x8123456789abcdefULL).ok());
      needles.ids.push_back(std::string("\x81\x23\x45\x67\x89\xab\xcd\xef", 8));
    }
    idx->reset();
    auto kw = FindInFiles(db / "server", needles.keywords);
    auto ids = FindInFiles(db / "server", needles.ids);
    if ((*entry)->info.leakage.plaintext) {
      // The baseline holds everything in the clear: this proves the scan can see it.
      EXPECT_FALSE(kw.empty());
      EXPECT_FALSE(ids.empty());
    } else {
      EXPECT_TRUE(kw.empty()) << scheme << ": keyword found in " << kw[0];
      EXPECT_TRUE(ids.empty()) << scheme << ": document id found in " << ids[0];
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, AtRestTest,
                         ::testing::ValuesIn(schemes::BuiltinRegistry().Names()));

}  // namespace
}  // namespace sselab
