// Builds a small Π_bas index with the installed sselab, searches it, and checks the answer.
// Usage: sselab_consumer WORK_DIR   (WORK_DIR must not exist)
#include <sselab/index/encrypted_index.h>
#include <sselab/schemes/builtin.h>

#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s WORK_DIR\n", argv[0]);
    return 2;
  }
  using sselab::index::Document;
  sselab::index::VectorDocumentSource corpus(std::vector<Document>{
      {.id = 1, .keywords = {"apple", "pear"}},
      {.id = 2, .keywords = {"pear"}},
      {.id = 30, .keywords = {"apple", "fig"}},
  });
  const auto& registry = sselab::schemes::BuiltinRegistry();
  auto index =
      sselab::index::EncryptedIndex::Create(registry, {.scheme = "pibas", .dir = argv[1]}, corpus);
  if (!index.ok()) {
    std::fprintf(stderr, "build failed: %s\n", index.error().ToString().c_str());
    return 1;
  }
  auto ids = (*index)->Search("apple");
  if (!ids.ok() || *ids != std::vector<uint64_t>{1, 30}) {
    std::fprintf(stderr, "search returned the wrong answer\n");
    return 1;
  }
  std::printf("consumer: pibas search for 'apple' -> 1 30 (ok)\n");
  return 0;
}
