#include "sse/orion/orion_scheme.h"

#include <string>

#include "crypto/hash.h"
#include "sse/orion/orion_client.h"
#include "sse/orion/orion_server.h"

namespace sselab::sse::orion {
namespace {

constexpr std::string_view kCapacityParam = "capacity";
constexpr uint64_t kMinCapacity = 16;
constexpr uint64_t kMaxCapacity = uint64_t{1} << 32;

// Items of a reply: one per bucket slot of a ReadPath reply — the sealed bucket, or, for
// a bucket never written (empty bytes), a marker told apart by the reply's digest and the
// slot's place in it (every empty bucket reads the same, and "" would look like one item
// shared by unrelated searches) — so a reply always has as many items as its path has
// buckets; none for WriteBuckets' empty acknowledgement.
Result<std::vector<Bytes>> ReplyItems(ByteView body) {
  std::vector<Bytes> items;
  if (body.empty()) return items;
  ByteReader r(body, "orion reply");
  SSELAB_ASSIGN_OR_RETURN(uint64_t n, r.Varint());
  if (n > kMaxPathBuckets) return r.Malformed("bucket count out of range");
  const crypto::Digest256 digest = crypto::Sha256(body);
  for (uint64_t i = 0; i < n; ++i) {
    SSELAB_ASSIGN_OR_RETURN(ByteView b, r.LengthPrefixed(kMaxBucketBytes));
    if (!b.empty()) {
      items.push_back(ToBytes(b));
      continue;
    }
    Bytes absent = ToBytes(AsBytes(std::string_view("orion: empty bucket ")));
    absent.insert(absent.end(), digest.begin(), digest.end());
    absent.push_back(static_cast<uint8_t>(i));
    items.push_back(std::move(absent));
  }
  SSELAB_RETURN_IF_ERROR(r.ExpectEnd());
  return items;
}

}  // namespace

Result<uint64_t> ParseCapacity(std::string_view v) {
  auto bad = [&]() {
    return InvalidArgumentError(
        "capacity must be 'auto' or an integer 16 .. 2^32 (or 2^k, k = 4 .. 32), "
        "got '" +
        std::string(v) + "'");
  };
  if (v == "auto") return OrionClient::kAutoCapacity;
  const bool power = v.starts_with("2^");
  const std::string_view digits = power ? v.substr(2) : v;
  if (digits.empty() || digits.size() > 10) return bad();
  uint64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return bad();
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  if (power) {
    if (n < 4 || n > 32) return bad();
    n = uint64_t{1} << n;
  }
  if (n < kMinCapacity || n > kMaxCapacity) return bad();
  return n;
}

index::SchemeEntry OrionScheme() {
  index::SchemeEntry e;
  e.info.name = "orion";
  e.info.title = "Orion (Chamani, Papadopoulos, Papamanthou, Jalili, CCS 2018)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {
      .dynamic = true, .deletions = true, .response_hiding = true, .oblivious = true};
  e.info.leakage = {
      .setup =
          "the capacity (tree heights, bucket size); the number of blocks in each tree "
          "(N + |W| and N), estimable from which buckets are present",
      .search =
          "the result count r (volume): 1 + r oblivious-map operations, (1 + r) x A path "
          "reads to fresh uniformly random leaves, A = MaxAvlHeight(capacity); nothing "
          "else links two searches",
      .update =
          "the number of pairs in the batch (8 x A path reads each); not the keyword, nor "
          "addition or removal, nor whether the pair was present",
      .search_pattern = false,
      .access_pattern = false,
      .result_ids = false,
      .volume = true,
      .forward_private = true,
      .backward_privacy = "Type-I"};
  e.info.paper = "cppj18";
  e.info.client_state = true;
  e.info.search_writes = true;  // ORAM accesses rewrite the paths and the stash
  e.info.params = {{.name = std::string(kCapacityParam),
                    .default_value = "auto",
                    .help = "the most keys each oblivious map holds: (keyword, id) pairs ever "
                            "added plus keywords; 'auto' (the power of two at or above twice "
                            "the corpus's pairs and keywords, at least 2^10: room to add as "
                            "many again), or 16 .. 2^32 or 2^k. Sizes the ORAM trees (server "
                            "storage ~ 2 x 2 x capacity buckets of 4 blocks) and every "
                            "operation's cost (MaxAvlHeight(capacity) path reads)",
                    .check = [](std::string_view v) -> Status {
                      SSELAB_RETURN_IF_ERROR(ParseCapacity(v));
                      return OkStatus();
                    }}};
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("orion needs a key");
    if (ctx.state == nullptr) return InternalError("orion needs a client-state store");
    SSELAB_ASSIGN_OR_RETURN(uint64_t capacity, ParseCapacity(ctx.params.Get(kCapacityParam)));
    SSELAB_ASSIGN_OR_RETURN(std::unique_ptr<OrionClient> client,
                            OrionClient::Create(*ctx.key, capacity, *ctx.state, ctx.channel));
    return std::unique_ptr<index::Client>(std::move(client));
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new OrionServer(ctx.store));
  };
  e.view = [](const index::Params&) {
    return index::ViewFormat{
        // A bucket stands alone: its key is a label of its own (bucket_labels.h).
        .at_rest_group =
            [](std::string_view table, ByteView key) {
              Bytes g = ToBytes(AsBytes(table));
              g.push_back(0);
              g.insert(g.end(), key.begin(), key.end());
              return g;
            },
        .result_items = ReplyItems};
  };
  return e;
}

}  // namespace sselab::sse::orion
