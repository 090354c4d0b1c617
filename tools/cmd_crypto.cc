#include <cstdio>

#include "crypto/pairing/vector_check.h"
#include "tools/cli_util.h"
#include "tools/commands.h"

namespace sselab::tools {
namespace {

int RunCheckVectors(const std::vector<std::string>& files) {
  size_t passed = 0, failed = 0;
  int status = 0;
  for (const std::string& f : files) {
    auto report = crypto::pairing::CheckVectorFile(f);
    if (!report.ok()) {
      status = Fail(report.error());
      continue;
    }
    for (const std::string& line : report->failures)
      std::fprintf(stderr, "FAIL %s\n", line.c_str());
    std::printf("%s: %zu passed, %zu failed\n", f.c_str(), report->passed, report->failed);
    passed += report->passed;
    failed += report->failed;
  }
  std::printf("%zu passed, %zu failed\n", passed, failed);
  return failed == 0 ? status : kExitFailure;
}

}  // namespace

void AddCryptoCommand(CLI::App& app, Action& run) {
  auto* crypto = app.add_subcommand("crypto", "Checks of sselab's own cryptography");
  crypto->require_subcommand(1);
  auto* check = crypto->add_subcommand(
      "check-vectors",
      "Verify BLS12-381 test-vector files against sselab's pairing: RFC 9380 hash-to-curve\n"
      "JSON ({\"ciphersuite\", \"dst\", \"vectors\": [{\"msg\", \"P\": {\"x\", \"y\"}}]}) and\n"
      "pairing vectors ({\"pairing\": [{\"P\", \"Q\", \"e\"}]}, hex, ZCash encodings).\n"
      "Prints per-file and total counts; exits 0 only if every vector passed.\n"
      "The vectors shipped with sselab are in crypto/pairing/testdata/.");
  auto files = std::make_shared<std::vector<std::string>>();
  check->add_option("files", *files, "Vector files (JSON)")->required()->check(CLI::ExistingFile);
  check->callback([&run, files] { run = [files] { return RunCheckVectors(*files); }; });
}

}  // namespace sselab::tools
