#include "sse/sophos/sophos_scheme.h"

#include "sse/sophos/rsa_tdp.h"
#include "sse/sophos/sophos_client.h"
#include "sse/sophos/sophos_server.h"

namespace sselab::sse::sophos {
namespace {

constexpr std::string_view kRsaBitsParam = "rsa_bits";

}  // namespace

index::SchemeEntry SophosScheme() {
  index::SchemeEntry e;
  e.info.name = "sophos";
  e.info.title = "Σoφoς (Bost, CCS 2016)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {.dynamic = true, .deletions = false, .costly_updates = true};
  e.info.leakage = {
      .setup = "N (number of pairs)",
      .search =
          "search pattern, access pattern (the entries of w), result ids, volume; the "
          "update history of w (how many updates)",
      .update = "nothing but that an update happened (count of pairs per batch)",
      .forward_private = true};
  e.info.paper = "bost16";
  e.info.client_state = true;
  e.info.params = {{.name = std::string(kRsaBitsParam),
                    .default_value = "2048",
                    .help = "RSA modulus bits of the trapdoor permutation, even, 1024..8192 "
                            "(below 2048 is insecure: tests only; 3072 costs ~6x 2048)",
                    // Free-form, not choices: the suites run every choice, and one build
                    // at 3072 bits costs seconds per thousand pairs.
                    .check = [](std::string_view v) -> Status {
                      unsigned bits = 0;
                      for (char c : v) {
                        if (c < '0' || c > '9' || bits > kMaxRsaBits) {
                          bits = kMaxRsaBits + 1;
                          break;
                        }
                        bits = bits * 10 + static_cast<unsigned>(c - '0');
                      }
                      if (v.empty() || bits < kMinRsaBits || bits > kMaxRsaBits || bits % 2) {
                        return InvalidArgumentError("rsa_bits must be an even number of bits in " +
                                                    std::to_string(kMinRsaBits) + ".." +
                                                    std::to_string(kMaxRsaBits) + ", got '" +
                                                    std::string(v) + "'");
                      }
                      return OkStatus();
                    }}};
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("sophos needs a key");
    if (ctx.state == nullptr) return InternalError("sophos needs a client-state store");
    SSELAB_ASSIGN_OR_RETURN(int64_t bits,
                            ctx.params.GetInt(kRsaBitsParam, kMinRsaBits, kMaxRsaBits));
    return SophosClient::Create(*ctx.key, static_cast<unsigned>(bits), ctx.channel, *ctx.state);
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new SophosServer(ctx.store));
  };
  e.view = [](const index::Params&) {
    // varint n | n × BE64 id: the server sees the ids it decrypted.
    return index::ViewFormat{.result_items = [](ByteView body) {
      return index::EqualSizeItems(body, "sophos search reply");
    }};
  };
  return e;
}

}  // namespace sselab::sse::sophos
