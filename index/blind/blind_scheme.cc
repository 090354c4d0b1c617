#include "index/blind/blind_scheme.h"

#include "index/blind/blind_client.h"
#include "index/blind/blind_messages.h"
#include "index/blind/blind_options.h"
#include "index/blind/blind_server.h"

#include <algorithm>

namespace sselab::index::blind {
namespace {

template <typename T>
Status OkOrError(const Result<T>& r) {
  return r.ok() ? OkStatus() : Status(r.error());
}

}  // namespace

SchemeEntry BlindScheme() {
  SchemeEntry e;
  e.info.name = "blind";
  e.info.title = "Blind index (truncated HMAC tokens, CipherSweet-style)";
  e.info.family = Family::kBlind;
  e.info.capabilities = {.dynamic = true, .deletions = true, .response_hiding = true};
  e.info.leakage = {.setup =
                        "entries per bucket (token), padded with pad; N; each bucket's "
                        "token length and field id (which buckets form one field)",
                    .search = "token (bucket), the bucket's entries, their number",
                    .update = "token; remove (and insert with padding) also searches it",
                    .result_ids = false,
                    .at_rest_frequency = true};
  e.info.paper = "blind-index";
  e.info.min_index_format = 2;  // tokens gained their length and field id header
  e.info.params = {
      {.name = "bits",
       .default_value = "32",
       .help = "L, token length in bits (1-256): 2^L buckets; shorter = more collisions, "
               "less at-rest frequency, more false positives (see `sselab blind plan`)",
       .check = [](std::string_view v) { return OkOrError(ParseBits(v)); }},
      {.name = "field_bits",
       .default_value = "",
       .help = "per-field token lengths, e.g. from:8,subject:12 (fields not named use bits; "
               "`sselab blind plan` suggests them)",
       .check = [](std::string_view v) { return OkOrError(ParseFieldBits(v)); }},
      {.name = "pad",
       .default_value = "none",
       .help = "volume padding at rest: none; pow2 (dummies up to the next power of two); "
               "bucket:N (dummies up to the next multiple of N, N in 2..1048576)",
       .examples = {"pow2", "bucket:4"},
       .check = [](std::string_view v) { return OkOrError(ParsePad(v)); }}};
  e.new_client = [](const ClientContext& ctx) -> Result<std::unique_ptr<Client>> {
    if (ctx.key == nullptr) return InternalError("blind needs a key");
    SSELAB_ASSIGN_OR_RETURN(BlindOptions options, ParseBlindOptions(ctx.params));
    return BlindClient::Create(*ctx.key, std::move(options), ctx.channel);
  };
  e.new_server = [](const ServerContext& ctx) -> Result<std::unique_ptr<Server>> {
    return std::unique_ptr<Server>(new BlindServer(ctx.store));
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
