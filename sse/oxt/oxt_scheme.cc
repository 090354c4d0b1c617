#include "sse/oxt/oxt_scheme.h"

#include "sse/oxt/oxt_client.h"
#include "sse/oxt/oxt_server.h"

namespace sselab::sse::oxt {

index::SchemeEntry OxtScheme() {
  index::SchemeEntry e;
  e.info.name = "oxt";
  e.info.title = "OXT (Cash et al., CRYPTO 2013)";
  e.info.family = index::Family::kSse;
  e.info.capabilities = {.conjunctive = true, .response_hiding = true};
  e.info.leakage = {
      .setup = "N (number of pairs, the TSet's entries and the XSet's xtags)",
      .search =
          "a keyword alone: search pattern, access pattern (its TSet entries), volume; "
          "ids stay encrypted",
      .update = "-",
      .result_ids = false,
      .conjunction =
          "the s-term's search pattern and entry count |DB(s)| (its TSet entries); the "
          "number of x-terms; which s-term entries match every x-term (the result pattern, "
          "so the result's size); for each s-term entry, which x-terms' XSet tests pass "
          "until the first that fails, and the xtags tested, which repeat across queries "
          "that share an x-term and a document (the conditional intersection pattern); "
          "not the x-terms' own result sizes"};
  e.info.paper = "cjjkrs13";
  e.info.client_state = true;  // |DB(w)| per keyword, to choose the s-term
  e.new_client = [](const index::ClientContext& ctx) -> Result<std::unique_ptr<index::Client>> {
    if (ctx.key == nullptr) return InternalError("oxt needs a key");
    if (ctx.state == nullptr) return InternalError("oxt needs a client-state store");
    return OxtClient::Create(*ctx.key, ctx.channel, *ctx.state);
  };
  e.new_server = [](const index::ServerContext& ctx) -> Result<std::unique_ptr<index::Server>> {
    return std::unique_ptr<index::Server>(new OxtServer(ctx.store));
  };
  e.view = [](const index::Params&) {
    // varint k | k × 16-byte e: encrypted ids.
    return index::ViewFormat{.result_items = [](ByteView body) {
      return index::EqualSizeItems(body, "oxt search reply");
    }};
  };
  return e;
}

}  // namespace sselab::sse::oxt
