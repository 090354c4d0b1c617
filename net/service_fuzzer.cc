// libFuzzer target for the service's request handling: the input is a serialized
// CallRequest (or, if it does not parse as one, the bytes of a scheme message), run
// through IndexHost::Call on an index of every registered scheme, half of them built.
// Nothing may crash, and every reply must be a well-formed frame. Build:
//   cmake -DSSELAB_BUILD_FUZZERS=ON -DCMAKE_CXX_COMPILER=clang++ ... (needs libclang-rt's
//   fuzzer runtime), then ./net_service_fuzzer [corpus dir].
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "index/message.h"
#include "net/index_host.h"
#include "net/proto/index_service.pb.h"
#include "schemes/builtin.h"

using namespace sselab;

namespace {

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<net::IndexHost> host;
  std::vector<std::string> names;

  Fixture() {
    // The server's data directory, in the working directory (created 0700 by the host),
    // removed at exit: nothing of a run goes to the shared temporary directory.
    dir = std::filesystem::current_path() / ("sselab-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    static std::filesystem::path removed_at_exit;
    removed_at_exit = dir;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(removed_at_exit, ec);
    });
    auto host_or = net::IndexHost::Open(schemes::BuiltinRegistry(),
                                        {.data_dir = dir,
                                         .store_options = {.block_cache_bytes = 8 << 20,
                                                           .write_buffer_bytes = 1 << 20,
                                                           .background_threads = 1}});
    if (!host_or.ok()) std::abort();
    host = std::move(host_or).value();
    for (const std::string& scheme : schemes::BuiltinRegistry().Names()) {
      if (!host->Create(scheme, scheme, {}).ok()) std::abort();
      names.push_back(scheme);
    }
  }
  ~Fixture() {
    host.reset();
    std::filesystem::remove_all(dir);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture* fixture = new Fixture();
  if (size == 0) return 0;
  net::proto::CallRequest request;
  std::string index;
  std::string message;
  if (request.ParseFromArray(data, static_cast<int>(size)) && !request.index().empty()) {
    index = request.index();
    message = request.message();
  } else {
    index = fixture->names[data[0] % fixture->names.size()];
    message.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  }
  auto frame =
      fixture->host->Call(index, AsBytes(message), 0, [](index::Access) { return OkStatus(); });
  if (frame.ok()) {
    auto reply = index::DecodeReply(*frame);
    if (!reply.ok() && reply.error().code() == ErrorCode::kCorruption &&
        reply.error().message().rfind("server: ", 0) != 0) {
      std::abort();  // the frame itself was malformed
    }
    if (!reply.ok() && reply.error().code() == ErrorCode::kInternal) std::abort();
  }
  return 0;
}
