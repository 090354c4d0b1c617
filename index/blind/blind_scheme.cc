#include "index/blind/blind_scheme.h"

#include "index/blind/blind_client.h"
#include "index/blind/blind_messages.h"
#include "index/blind/blind_server.h"

#include <algorithm>

namespace sselab::index::blind {
namespace {

Result<int> Bits(const Params& params) {
  SSELAB_ASSIGN_OR_RETURN(int64_t bits, params.GetInt("bits", kMinBits, kMaxBits));
  return static_cast<int>(bits);
}

Pad PadOf(const Params& params) { return params.Get("pad") == "pow2" ? Pad::kPow2 : Pad::kNone; }

}  // namespace

SchemeEntry BlindScheme() {
  SchemeEntry e;
  e.info.name = "blind";
  e.info.title = "Blind index (truncated HMAC tokens, CipherSweet-style)";
  e.info.family = Family::kBlind;
  e.info.capabilities = {.dynamic = true, .deletions = true, .response_hiding = true};
  e.info.leakage = {.setup = "entries per bucket (token), padded with pad=pow2; N",
                    .search = "token (bucket), the bucket's entries, their number",
                    .update = "token; remove (and insert with pad=pow2) also searches it",
                    .result_ids = false,
                    .at_rest_frequency = true};
  e.info.paper = "blind-index";
  e.info.params = {
      {.name = "bits",
       .default_value = "32",
       .help = "L, token length in bits (1-256): 2^L buckets; shorter = more collisions, "
               "less at-rest frequency, more false positives (see `sselab blind plan`)"},
      {.name = "pad",
       .default_value = "none",
       .choices = {"none", "pow2"},
       .help = "volume padding at rest: none, or dummies up to the next power of two"}};
  e.new_client = [](const ClientContext& ctx) -> Result<std::unique_ptr<Client>> {
    if (ctx.key == nullptr) return InternalError("blind needs a key");
    SSELAB_ASSIGN_OR_RETURN(int bits, Bits(ctx.params));
    return BlindClient::Create(*ctx.key, bits, PadOf(ctx.params), ctx.channel);
  };
  e.new_server = [](const ServerContext& ctx) -> Result<std::unique_ptr<Server>> {
    SSELAB_ASSIGN_OR_RETURN(int bits, Bits(ctx.params));
    return std::unique_ptr<Server>(new BlindServer(ctx.store, bits));
  };
  e.view = [](const Params&) {
    return ViewFormat{
        // Keys are token | rid: the token groups a bucket's entries at rest.
        .at_rest_group =
            [](std::string_view, ByteView key) {
              return ToBytes(key.first(key.size() - std::min(key.size(), kRidSize)));
            },
        // varint n | n × (rid | sealed entry).
        .result_items = [](ByteView body) { return EqualSizeItems(body, "blind search reply"); }};
  };
  return e;
}

}  // namespace sselab::index::blind
